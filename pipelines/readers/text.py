"""CSV in UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK, the encoding proven from the bytes.

DuckDB reads the file (all columns as text, malformed lines set aside with their line numbers);
GB18030 and UTF-16 files are transcoded to UTF-8 first, DuckDB reading UTF-8 only.
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from pathlib import Path

import duckdb

from jiedao.db import rows as fetch_rows
from jiedao.db import run, scalar
from pipelines.readers.base import SNIFF_ROWS, ReadError, ReadInfo, find_header, header_names, sniff_format

CHUNK = 1 << 22

FULL_CHECK = 1 << 24  # files up to 16 MB are decoded whole before reading; larger ones by DuckDB


def detect_encoding(path: Path) -> str:
    """utf-8-sig (BOM), utf-16, utf-8 or gb18030, proven by decoding strictly.

    A file up to ``FULL_CHECK`` bytes is decoded whole. A larger one whose head is UTF-8 is taken
    as UTF-8 provisionally: DuckDB checks every byte as it reads, and a bad byte later on sends the
    file back here (``_read_csv``) to be tried as GB18030 or refused.
    """
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    limit = None if path.stat().st_size <= FULL_CHECK else CHUNK
    bad_line = _first_bad_line(path, "utf-8", limit)
    if bad_line is None:
        return "utf-8"
    return _gb18030_or_refuse(path, bad_line)


def _gb18030_or_refuse(path: Path, bad_line: int) -> str:
    if _first_bad_line(path, "gb18030") is None:
        return "gb18030"
    raise ReadError(
        path,
        f"无法识别文件编码（不是 UTF-8 或 GB18030/GBK；第 {bad_line} 行起无法按 UTF-8 解码），"
        "请另存为 UTF-8 CSV",
        f"unknown text encoding (neither UTF-8 nor GB18030/GBK; line {bad_line} is not UTF-8); "
        "save the file as UTF-8 CSV",
    )


def _first_bad_line(path: Path, encoding: str, limit: int | None = None) -> int | None:
    """None if the file (or its first ``limit`` bytes, rounded up to a chunk) decodes strictly,
    else the line (1-based) of the first bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lines = done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return lines + chunk.count(b"\n", 0, max(exc.start, 0)) + 1
            lines, done = lines + chunk.count(b"\n"), done + len(chunk)
            if limit is not None and done >= limit:
                return None  # the head is good; a character cut at its end is not an error
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return lines + 1
    return None


def read_csv(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    encoding = detect_encoding(path)
    try:
        info = _read_csv_as(con, path, table, known, encoding)
    except UnicodeDecodeError:  # a bad byte within the header rows, past the decoded head
        encoding = _gb18030_or_refuse(path, _first_bad_line(path, "utf-8") or 1)
        return _read_csv_as(con, path, table, known, encoding)
    bad_line = scalar(con, f"SELECT min(line) FROM {table}_rejects WHERE error_type = 'INVALID ENCODING'")
    if bad_line is None:
        return info
    # Only the head was UTF-8 (see detect_encoding): GB18030 throughout, or refused whole.
    return _read_csv_as(con, path, table, known, _gb18030_or_refuse(path, int(bad_line)))


def _read_csv_as(con, path: Path, table: str, known, encoding: str) -> ReadInfo:
    source = path
    tmp = None
    if encoding in ("gb18030", "utf-16"):
        # DuckDB reads UTF-8 only (its encodings extension cannot be downloaded offline): transcode.
        handle, name = tempfile.mkstemp(suffix=".csv")
        tmp = Path(name)
        with (
            open(path, encoding=encoding, newline="") as src,
            open(handle, "w", encoding="utf-8", newline="") as dst,
        ):
            while chunk := src.read(CHUNK):
                dst.write(chunk)
        source = tmp
    try:
        with open(source, encoding="utf-8-sig", newline="") as fh:
            sample = list(_first_rows(fh))
        if not sample:
            raise ReadError(path, "文件为空", "the file is empty")
        skip = find_header(sample, known)
        headers = header_names(sample[skip], path)
        width = len(headers)
        columns = {f"c{i}": "VARCHAR" for i in range(width)}
        _stage(con, table, source, skip, columns)
        first_line = skip + 2  # the title rows and the header row come first; rowid counts from 0
        row_sql = f"(rowid + {first_line})::INTEGER"
        errors = fetch_rows(
            con,
            f"""SELECT line, trim(any_value(csv_line), chr(10) || chr(13)),
                                            string_agg(DISTINCT error_message, '; ')
                                     FROM {table}_rejects GROUP BY line ORDER BY line""",
        )
        if errors:  # rare: number the rows in a column, then move those after each dropped line
            run(con, f"ALTER TABLE {table} ADD COLUMN _row INTEGER")
            run(con, f"UPDATE {table} SET _row = (rowid + {first_line})::INTEGER")
            _renumber_after_rejects(con, table)
            row_sql = "_row"
        rows = scalar(con, f"SELECT count(*) FROM {table}")
        return ReadInfo(
            "csv",
            headers,
            rows,
            encoding,
            skip + 1,
            parse_errors=[(int(line), str(raw), str(msg)) for line, raw, msg in errors],
            row_sql=row_sql,
        )
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise ReadError(path, f"CSV 无法解析: {first}", f"CSV cannot be parsed: {first}") from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _stage(con, table: str, source: Path, skip: int, columns: dict[str, str]) -> None:
    """The file's records into ``table``, read in parallel where DuckDB can, with no row numbers:
    the table keeps the file's order (preserve_insertion_order), so a row's position gives its line.

    DuckDB's parallel reader stops at some lines that the one-thread reader sets aside in the
    rejects table (a row with too many fields, a newline inside quotes, once short rows may be
    padded): on any error the file is read again on one thread, which decides.
    """
    for parallel in ("true", "false"):
        for stale in (table, f"{table}_rejects", f"{table}_scans"):
            run(con, f"DROP TABLE IF EXISTS {stale}")
        try:
            run(
                con,
                f"""CREATE TEMP TABLE {table} AS
                    SELECT * FROM read_csv(?, header = false, skip = {skip + 1}, columns = {columns!r},
                                  quote = '"', escape = '"', delim = ',', null_padding = true,
                                  auto_detect = false, store_rejects = true, rejects_table = '{table}_rejects',
                                  rejects_scan = '{table}_scans', parallel = {parallel})""",
                [str(source)],
            )
            return
        except duckdb.Error:
            if parallel == "false":
                raise


def _renumber_after_rejects(con, table: str) -> None:
    """Give the rows after a malformed line their true row numbers.

    DuckDB drops a malformed line from the scan, so numbering the kept rows by position shifts every
    later row up by one per dropped line (and the dropped line's own number, from the rejects
    table, would be shared by the next row). A kept row at position ``a`` sits after every dropped
    line j (1-based, in file order) whose ``line - j < a``, and moves down by one for each.
    """
    run(
        con,
        f"""UPDATE {table} t SET _row = t._row + g.shift FROM (
                SELECT k._row, count(d.gap)::INTEGER AS shift FROM {table} k
                LEFT JOIN (SELECT line - row_number() OVER (ORDER BY line) AS gap
                           FROM (SELECT DISTINCT line FROM {table}_rejects)) d ON d.gap < k._row
                GROUP BY k._row) g
            WHERE t._row = g._row""",
    )


def peek_csv_headers(path: Path, known: set[str] | None) -> list[str] | None:
    """The header row of a CSV from its first rows only (None for other formats): enough to tell
    its kind without reading a large file twice."""
    if sniff_format(path) != "csv":
        return None
    with open(path, "rb") as fh:
        head = fh.read(CHUNK)
    encoding = "utf-8-sig" if _first_bad_line(path, "utf-8", CHUNK) is None else "gb18030"
    rows = list(csv.reader(io.StringIO(head.decode(encoding, errors="replace"))))[:SNIFF_ROWS]
    return [h.strip() for h in rows[find_header(rows, known)]] if rows else None


def _first_rows(fh, limit: int = SNIFF_ROWS):
    for i, row in enumerate(csv.reader(fh)):
        if i >= limit:
            break
        yield row
