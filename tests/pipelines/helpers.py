"""Helpers the pipeline tests share: an independent count of a CSV's records, the street kit."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from jiedao import db
from pipelines.load import LoadResult, load_file
from tests.conftest import FIXTURES

NOW = dt.datetime(2026, 11, 1, 12, 0)  # the load time every test pretends, so "future" is fixed
STREET_KIT = (
    FIXTURES / "street" / "街道边界.geojson",
    FIXTURES / "sample" / "社区名单.csv",
    FIXTURES / "street" / "网格.csv",
    FIXTURES / "street" / "党组织名册.csv",
)


def csv_records(path: Path, encoding: str = "utf-8-sig") -> int:
    """Data records of a CSV as Python's csv module counts them (header excluded): the reference
    every load's rows_read is reconciled against."""
    with open(path, encoding=encoding, newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def load_street_kit(con) -> None:
    """The hand-written street (a WGS-84 rectangle), 9 communities, 2 grids, 2 Party organisations."""
    for path in STREET_KIT:
        result = load_file(con, path, now=NOW)
        assert result.status == "loaded", result.message


def reconciled(con, result: LoadResult) -> None:
    """rows read = loaded + rejected, and the warehouse holds exactly that many quarantined rows."""
    assert result.rows_read == result.rows_loaded + result.rows_rejected
    if result.batch_id is not None:
        held = db.scalar(con, "SELECT count(*) FROM rejected_rows WHERE batch_id = ?", [result.batch_id])
        assert held == result.rows_rejected
        logged = db.one(
            con,
            "SELECT rows_read, rows_loaded, rows_rejected FROM load_log WHERE batch_id = ?",
            [result.batch_id],
        )
        assert logged == (result.rows_read, result.rows_loaded, result.rows_rejected)
