"""The demo's dirty rows land in quarantine with reasons, everything else loads; the same seed
gives byte-identical files and an identical warehouse; every file is recognised by its headers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from jiedao import catalog, config, db
from pipelines import demo, sources
from pipelines.demo import dirty
from pipelines.demo.ingest import load_all
from pipelines.demo.spec import Spec
from pipelines.demo.street import build

SPEC = Spec(seed=2026, scale=1, as_of=dt.date(2026, 10, 1))


def test_the_six_dirty_rows_are_quarantined_with_reasons(demo_con):
    rows = db.rows(
        demo_con,
        """SELECT l.file_name, r.rules, r.reasons, r.source_row, l.rows_read
                                FROM rejected_rows r JOIN load_log l USING (batch_id) ORDER BY l.file_name""",
    )
    found = {name: (rules, reasons, row, read) for name, rules, reasons, row, read in rows}
    expected = {dirty.target_files(SPEC)[kind]: rule for kind, rule in dirty.RULES.items()}
    assert {name: rules for name, (rules, *_) in found.items()} == {
        name: [rule] for name, rule in expected.items()
    }
    assert "东胡社区" in found["岳阳楼街道志愿者名册_2026年10月.xlsx"][1]
    assert "2026-02-30" in found["岳阳楼街道三会一课台账_2026年1-10月.xlsx"][1]
    # each dirty row is the last row of its file: CSV header = row 1; XLSX title row 1, header row 2
    for name, (_, _, row, read) in found.items():
        assert row == read + (1 if name.endswith(".csv") else 2)


def test_everything_else_is_loaded(demo_con):
    assert (
        db.scalar(demo_con, "SELECT count(*) FROM load_log WHERE rows_read <> rows_loaded + rows_rejected")
        == 0
    )
    assert db.scalar(demo_con, "SELECT sum(rows_rejected) FROM load_log") == 6
    assert db.scalar(demo_con, "SELECT count(*) FROM load_log WHERE status NOT IN ('loaded', 'partial')") == 0
    assert db.scalar(demo_con, "SELECT sum(rows_replaced) FROM load_log") == 0
    for kind, table in (
        ("hotline_ticket", "hotline_ticket"),
        ("grid_event", "grid_event"),
        ("patrol", "patrol"),
        ("party_member", "party_member"),
        ("meeting", "meeting"),
        ("dues_payment", "dues_payment"),
    ):
        loaded = db.scalar(demo_con, "SELECT sum(rows_loaded) FROM load_log WHERE source_kind = ?", [kind])
        assert db.scalar(demo_con, f"SELECT count(*) FROM {table}") == loaded


def sha256s(folder) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


# Every table the app lists (jiedao.catalog) but the load log, whose times differ from run to run
# (compared below on its other columns), and the frozen rankings.
DATA_TABLES = (
    *(t for t in catalog.TABLE_ORDER if t != "load_log"),
    "rating_revision",  # the demo freezes every ended quarter, at fixed publication times
    "rating_result",
)


def differing_rows(a, b, table: str, columns: str = "*") -> int:
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    one_way = f"SELECT {columns} FROM a.{table} EXCEPT ALL SELECT {columns} FROM b.{table}"
    other_way = f"SELECT {columns} FROM b.{table} EXCEPT ALL SELECT {columns} FROM a.{table}"
    count = con.execute(f"SELECT count(*) FROM ({one_way} UNION ALL {other_way})").fetchone()[0]
    con.close()
    return count


@pytest.mark.slow
def test_same_seed_same_files_and_same_warehouse(demo_data, tmp_path, monkeypatch):
    monkeypatch.setenv("JIEDAO_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("JIEDAO_SECRET", "test-secret")
    config._load.cache_clear()
    written = demo.generate(SPEC, tmp_path / "data" / "inbox" / "demo")
    assert sha256s(tmp_path / "data" / "inbox" / "demo") == sha256s(demo_data / "inbox" / "demo")
    load_all(written, quiet=True, cutoff=SPEC.cutoff)
    first, second = (
        demo_data / "warehouse" / "jiedao.duckdb",
        tmp_path / "data" / "warehouse" / "jiedao.duckdb",
    )
    for table in DATA_TABLES:
        assert differing_rows(first, second, table) == 0, table
    log = "batch_id, source_kind, file_name, file_sha256, status, rows_read, rows_loaded, rows_rejected, message"
    assert differing_rows(first, second, "load_log", log) == 0


def headers_of(path) -> list[str]:
    if path.suffix == ".csv":
        encoding = "gb18030" if path.name.startswith("12345") else "utf-8-sig"
        with open(path, encoding=encoding) as fh:
            return fh.readline().strip().split(",")
    if path.suffix == ".xlsx":
        return [
            str(c) for c in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(nrows=2)[1]
        ]
    doc = json.loads(path.read_text(encoding="utf-8"))
    return list(doc["features"][0]["properties"]) + ["_geometry"]


def test_every_file_is_recognised_from_its_headers(demo_data):
    """A user can ingest data/inbox/demo by hand: each file's headers pick the contract it was written for."""
    kinds = {f.name: f.kind for f in demo.files.all_files(build(SPEC))}
    for path in sorted(
        p for p in (demo_data / "inbox" / "demo").iterdir() if p.suffix in (".csv", ".xlsx", ".geojson")
    ):
        guessed = sources.guess(headers_of(path), path.name)
        assert guessed is not None and guessed.kind == kinds[path.name], path.name


def test_if_empty_does_nothing_on_a_loaded_warehouse(demo_data, tmp_path, capsys):
    saved = os.environ.get("JIEDAO_DATA")
    os.environ["JIEDAO_DATA"] = str(demo_data)
    try:
        before = sorted(p.name for p in (demo_data / "inbox" / "demo").iterdir())
        assert demo.main(if_empty=True, as_of="2026-10", out=tmp_path / "elsewhere") == 0
        assert not (tmp_path / "elsewhere").exists()
        assert sorted(p.name for p in (demo_data / "inbox" / "demo").iterdir()) == before
    finally:
        if saved is None:
            os.environ.pop("JIEDAO_DATA")
        else:
            os.environ["JIEDAO_DATA"] = saved
    assert "已有数据" in capsys.readouterr().out


def test_a_foreign_folder_is_never_overwritten(tmp_path):
    (tmp_path / "mine.csv").write_text("a,b\n1,2\n")
    with pytest.raises(SystemExit, match="not a demo folder"):
        demo.prepare(tmp_path)
    assert (tmp_path / "mine.csv").exists()
