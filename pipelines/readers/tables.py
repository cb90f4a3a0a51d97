"""XLSX (calamine: strict, fast), Parquet and JSON records: each becomes a table of text columns."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines.readers.base import ReadError, ReadInfo, cell_text, find_header, header_names, register
from pipelines.readers.text import detect_encoding


def read_xlsx(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise ReadError(
                path,
                f"工作表 '{sheet}' 不存在（现有: {', '.join(names)}）",
                f"sheet '{sheet}' not found (has: {', '.join(names)})",
            )
        data = book.get_sheet_by_name(sheet or names[0]).to_python(skip_empty_area=False)
    except ReadError:
        raise
    except Exception as exc:  # calamine raises its own error types for corrupt or truncated files
        raise ReadError(
            path, f"Excel 文件损坏或无法打开: {exc}", f"corrupt or unreadable Excel file: {exc}"
        ) from exc
    rows = [[cell_text(v) for v in row] for row in data]
    if not rows:
        raise ReadError(path, "工作表为空", "the sheet is empty")
    skip = find_header([[c or "" for c in r] for r in rows], known)
    headers = header_names([c or "" for c in rows[skip]], path)
    while headers and not headers[-1]:
        headers.pop()
    body = [(i + 1, r) for i, r in enumerate(rows) if i > skip and any(c is not None for c in r)]
    columns = {"_row": pa.array([n for n, _ in body], pa.int32())}
    for j in range(len(headers)):
        columns[f"c{j}"] = pa.array([r[j] if j < len(r) else None for _, r in body], pa.string())
    register(con, table, pa.table(columns))
    return ReadInfo("xlsx", headers, len(body), None, skip + 1)


def _as_text_table(con, path: Path, table: str, relation_sql: str, fmt: str) -> ReadInfo:
    try:
        described = fetch_rows(con, f"DESCRIBE SELECT * FROM {relation_sql}", [str(path)])
        headers = [row[0] for row in described]
        select = ", ".join(f'CAST("{h}" AS VARCHAR) AS c{i}' for i, h in enumerate(headers))
        run(con, f"DROP TABLE IF EXISTS {table}")
        run(
            con,
            f"CREATE TEMP TABLE {table} AS SELECT (row_number() OVER ())::INTEGER AS _row, {select} "
            f"FROM {relation_sql}",
            [str(path)],
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise ReadError(
            path, f"{fmt} 文件无法解析: {first}", f"{fmt} file cannot be parsed: {first}"
        ) from exc
    rows = scalar(con, f"SELECT count(*) FROM {table}")
    return ReadInfo(fmt, headers, rows, None, 0)


def read_parquet(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    return _as_text_table(con, path, table, "read_parquet(?)", "Parquet")


def read_json(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    detect_encoding(path)  # JSON must be UTF-8 (RFC 8259); say so clearly otherwise
    return _as_text_table(con, path, table, "read_json(?, format = 'auto', records = true)", "JSON")
