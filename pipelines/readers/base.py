"""What every reader shares: the error for a file that cannot be read, what a read learnt, how the
header row is found under title rows, and how a cell is shown as text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from jiedao.db import run
from pipelines.contract import normalise_header

SNIFF_ROWS = 12  # a header row is looked for among this many first rows (title rows above it)


class ReadError(Exception):
    """The file cannot be read at all. The message is bilingual and names the file."""

    def __init__(self, path: Path | str, zh: str, en: str):
        self.path, self.zh, self.en = Path(path), zh, en
        super().__init__(f"{Path(path).name}: {zh} / {en}")


@dataclass
class ReadInfo:
    format: str
    headers: list[str]
    rows: int
    encoding: str | None = None
    header_row: int = 1
    crs: str | None = None  # declared inside the file (GeoJSON "crs" member)
    parse_errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, raw text, message)
    # SQL giving a staged row's number in the file, over the staging table: its ``_row`` column,
    # or (a CSV read without errors) its position in the table, which saves numbering every row.
    row_sql: str = "_row"


def sniff_format(path: Path) -> str:
    """csv | xlsx | parquet | json | geojson | open311, from the first bytes of the file."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head:
        raise ReadError(path, "文件为空", "the file is empty")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(
            path,
            "旧版 Excel (.xls) 格式不受支持，请另存为 .xlsx",
            "legacy .xls is not supported; save it as .xlsx",
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        probe = head.decode("utf-8", errors="ignore")
        if '"FeatureCollection"' in probe or '"Feature"' in probe:
            return "geojson"
        if "service_request_id" in probe:
            return "open311"
        return "json"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(
            path, "文件不是文本或受支持的表格格式", "the file is binary and not a supported format"
        )
    return "csv"


def find_header(rows: list[list[str]], known: set[str] | None) -> int:
    """Index of the header row among the first rows: the one naming the most known columns, else
    the first row with at least two non-empty cells (a merged title cell fills only one)."""
    candidates = rows[:SNIFF_ROWS]
    if known:
        scores = [sum(1 for cell in row if normalise_header(cell) in known) for row in candidates]
        if scores and max(scores) > 0:
            return scores.index(max(scores))
    for i, row in enumerate(candidates):
        if sum(1 for cell in row if str(cell).strip()) >= 2:
            return i
    return 0


def header_names(headers: list[str], path: Path) -> list[str]:
    names = [str(h).strip() for h in headers]
    if not any(names):
        raise ReadError(path, "找不到表头行", "no header row found")
    return names


def cell_text(value) -> str | None:
    """An XLSX cell as the text a person sees: integral floats without .0, dates in ISO."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M:%S")
            if (value.hour, value.minute, value.second) != (0, 0, 0)
            else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value).strip()
    return text or None


def register(con, table: str, arrow: pa.Table) -> None:
    run(con, f"DROP TABLE IF EXISTS {table}")
    con.register(f"{table}_arrow", arrow)
    run(con, f"CREATE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
    con.unregister(f"{table}_arrow")
