"""A 50 MB export (generated at test time, never committed) loads with its counts reconciled."""

from __future__ import annotations

import csv
import datetime as dt

import polars as pl
import pytest

from jiedao import db
from pipelines.load import load_file
from tests.pipelines.helpers import NOW, reconciled

TEXT = "小区楼下夜间烧烤油烟很大，噪音持续到凌晨，严重影响休息，多次反映未果，请相关部门尽快处理并回复。" * 2


def write_export(path, rows: int) -> None:
    """Tickets one minute apart from 2025-01-01; every 10,000th has an impossible day (the 32nd)."""
    n = pl.int_range(0, rows, eager=True).alias("n")
    stamp = (pl.datetime(2025, 1, 1) + pl.duration(minutes=pl.col("n"))).dt.strftime("%Y-%m-%d %H:%M:%S")
    bad = pl.lit("2025-01-32 08:00:00")
    pl.DataFrame(n).select(
        ("BIG" + pl.col("n").cast(pl.String).str.zfill(7)).alias("工单编号"),
        pl.when(pl.col("n") % 10_000 == 9_999).then(bad).otherwise(stamp).alias("受理时间"),
        pl.lit("投诉").alias("诉求类型"),
        pl.lit(TEXT).alias("诉求内容"),
    ).write_csv(path)


@pytest.mark.slow
def test_fifty_megabyte_file_loads_with_counts_reconciled(con, tmp_path):
    path = tmp_path / "12345工单_全年.csv"
    write_export(path, 180_000)
    assert path.stat().st_size >= 50 * 10**6
    with open(path, encoding="utf-8", newline="") as fh:
        body = list(csv.reader(fh))[1:]
    bad = sum(1 for row in body if row[1].startswith("2025-01-32"))
    assert (len(body), bad) == (180_000, 18)  # by hand: n = 9999, 19999, ..., 179999 → 18 rows
    result = load_file(con, path, now=NOW)
    reconciled(con, result)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (180_000, 180_000 - 18, 18)
    assert db.scalar(con, "SELECT count(DISTINCT ticket_id) FROM hotline_ticket") == 180_000 - 18
    # the first bad row is n = 9999: file row 10,001 (the header is row 1)
    assert db.scalar(con, "SELECT min(source_row) FROM rejected_rows") == 10_001
    assert db.scalar(con, "SELECT max(received_at) FROM hotline_ticket") == dt.datetime(
        2025, 1, 1
    ) + dt.timedelta(minutes=179_998)
