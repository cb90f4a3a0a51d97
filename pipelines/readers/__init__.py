"""One small reader per file format. Each puts the file's rows into a DuckDB temp table of text
columns ``c0..cN`` plus ``_row`` (the row number a person sees in the file: the header row and a
title row above it count, as in Excel), and returns what it learnt about the file.

The format and the encoding are detected from the bytes, never from the extension: a GB18030
CSV saved as ``.txt`` or an XLSX renamed ``.csv`` still reads. A file that cannot be read at all
raises ``ReadError`` naming the file and the cause; nothing of it is loaded.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.readers.base import ReadError, ReadInfo, cell_text, find_header, sniff_format
from pipelines.readers.geojson import OPEN311_FIELDS, declared_crs, read_geojson, read_open311
from pipelines.readers.tables import read_json, read_parquet, read_xlsx
from pipelines.readers.text import detect_encoding, peek_csv_headers, read_csv

__all__ = [
    "OPEN311_FIELDS",
    "ReadError",
    "ReadInfo",
    "cell_text",
    "declared_crs",
    "detect_encoding",
    "find_header",
    "peek_csv_headers",
    "read",
    "sniff_format",
]
READERS = {
    "csv": read_csv,
    "xlsx": read_xlsx,
    "parquet": read_parquet,
    "json": read_json,
    "geojson": read_geojson,
    "open311": read_open311,
}


def read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    *,
    known: set[str] | None = None,
    sheet: str | None = None,
    fmt: str | None = None,
) -> ReadInfo:
    """Read any supported file into temp table ``table``. ``known`` = normalised headers of the
    target contract, used to find the header row under a title row."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "文件不存在", "file not found")
    fmt = fmt or sniff_format(path)
    info = READERS[fmt](con, path, table, known=known, sheet=sheet)
    if info.rows == 0 and not info.parse_errors:
        raise ReadError(path, "文件只有表头，没有数据行", "the file has a header but no data rows")
    return info
