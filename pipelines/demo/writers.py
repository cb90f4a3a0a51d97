"""Writers for the files a street office receives, byte-for-byte repeatable.

- XLSX (xlsxwriter): a merged title row above the Chinese header, 序号 first, dates as text,
  fixed document properties (the created date is the export moment, never the wall clock) and
  xlsxwriter's fixed zip timestamps.
- CSV: UTF-8 with BOM (grid platform exports) or GB18030 (the 12345 platform), CRLF line ends.
- GeoJSON: a declared CRS, stable key order, coordinates rounded to 7 decimals (about 1 cm).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import xlsxwriter

AUTHOR = "岳阳楼街道办事处"


def _cell_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates and times as the text a clerk types; booleans as 是/否; other values unchanged."""
    out = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Date:
            col = col.dt.strftime("%Y-%m-%d")
        elif isinstance(dtype, pl.Datetime):
            col = col.dt.strftime("%Y-%m-%d %H:%M:%S")
        elif dtype == pl.Boolean:
            col = pl.when(col).then(pl.lit("是")).when(~col).then(pl.lit("否"))
        out.append(col.alias(name))
    return frame.select(out)


def xlsx(path: Path, title: str, frame: pl.DataFrame, created: dt.datetime, sheet: str = "Sheet1") -> None:
    """One sheet: title row (merged), header row, then the rows of ``frame`` numbered 序号 1..n."""
    frame = _cell_text(frame.with_row_index("序号", offset=1))
    book = xlsxwriter.Workbook(
        str(path), {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    book.set_properties({"title": title, "author": AUTHOR, "company": AUTHOR, "created": created})
    sheet_ = book.add_worksheet(sheet)
    heading = book.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    header = book.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "text_wrap": True}
    )
    width = len(frame.columns)
    sheet_.merge_range(0, 0, 0, width - 1, title, heading)
    sheet_.set_row(0, 28)
    sheet_.write_row(1, 0, frame.columns, header)
    for r, row in enumerate(frame.iter_rows(), start=2):
        for c, value in enumerate(row):
            if value is not None:
                sheet_.write(r, c, value)
    for c, name in enumerate(frame.columns):
        sheet_.set_column(c, c, _width(frame, name))
    sheet_.freeze_panes(2, 1)
    book.close()


def _width(frame: pl.DataFrame, name: str) -> float:
    """Column width from the header and the longest of the first rows (CJK characters count double)."""
    sample = [name, *(str(v) for v in frame[name].head(50).to_list() if v is not None)]
    longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in sample)
    return min(max(6, longest + 2), 60)


def csv(path: Path, frame: pl.DataFrame, encoding: str) -> None:
    """``encoding``: "utf-8-sig" or "gb18030". Floats must already be formatted as text."""
    text = _cell_text(frame).write_csv(line_terminator="\r\n", null_value="")
    data = text.encode("gb18030") if encoding == "gb18030" else b"\xef\xbb\xbf" + text.encode("utf-8")
    path.write_bytes(data)


def fixed(values: pl.Expr, decimals: int) -> pl.Expr:
    """A float column as text with a fixed number of decimals (CSV exports show 113.097312)."""
    return values.round(decimals).cast(pl.String)


def geojson(path: Path, features: list[dict], crs: str = "GCJ-02", name: str | None = None) -> None:
    doc = {"type": "FeatureCollection"}
    if name:
        doc["name"] = name
    doc["crs"] = {"type": "name", "properties": {"name": crs}}
    doc["features"] = features
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
