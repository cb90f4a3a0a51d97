"""Atomic batches: kill -9 in the middle of a load leaves the warehouse as it was; a rerun completes
with no duplicates. Publishing swaps the snapshot pointer atomically and prunes old versions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import polars as pl
import pytest

from jiedao import db
from pipelines.publish import publish
from tests.conftest import ROOT

ROWS = 300_000


def write_tickets(path, rows: int, prefix: str = "K", year: int = 2025) -> None:
    """A plain, valid ticket export: rows tickets received one minute apart from 1 January."""
    start = pl.datetime(year, 1, 1)
    frame = pl.DataFrame({"n": pl.int_range(0, rows, eager=True)}).select(
        (prefix + pl.col("n").cast(pl.String).str.zfill(8)).alias("工单编号"),
        (start + pl.duration(minutes=pl.col("n"))).dt.strftime("%Y-%m-%d %H:%M:%S").alias("受理时间"),
        pl.lit("投诉").alias("诉求类型"),
        pl.lit("小区楼下夜间烧烤噪音扰民，油烟很大，请相关部门处理").alias("诉求内容"),
    )
    frame.write_csv(path)


def run_cli(data_dir, *args) -> subprocess.Popen:
    env = {**os.environ, "JIEDAO_DATA": str(data_dir), "JIEDAO_SECRET": "test-secret"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def counts(path) -> tuple[int, int, int]:
    con = db.connect(path)
    try:
        return (
            db.scalar(con, "SELECT count(*) FROM hotline_ticket"),
            db.scalar(con, "SELECT count(DISTINCT ticket_id) FROM hotline_ticket"),
            db.scalar(con, "SELECT count(*) FROM load_log WHERE status <> 'failed'"),
        )
    finally:
        con.close()


@pytest.mark.slow
def test_kill_during_load_leaves_warehouse_unchanged(data_dir, tmp_path):
    big = tmp_path / "tickets.csv"
    write_tickets(big, ROWS)
    warehouse = db.warehouse_path()
    # A first, small committed load: the state a killed load must leave untouched.
    small = tmp_path / "small.csv"
    write_tickets(small, 10, prefix="S", year=2024)  # other ids, other month: untouched by the big load
    assert run_cli(data_dir, "ingest", str(small), "--no-publish").wait(120) == 0
    before = counts(warehouse)
    assert before == (10, 10, 1)
    size_at_start = warehouse.stat().st_size

    proc = run_cli(data_dir, "ingest", str(big), "--no-publish", "--source", "hotline_ticket")
    deadline = time.time() + 120
    while proc.poll() is None and time.time() < deadline:
        wal = warehouse.with_name(warehouse.name + ".wal")
        growing = warehouse.stat().st_size > size_at_start or (wal.exists() and wal.stat().st_size > 1 << 20)
        if growing:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the load finished before it could be killed: make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL

    after_kill = counts(warehouse)
    # Atomic: all or nothing. The big file's rows overlap nothing, so half a batch would show.
    assert after_kill in (before, (10 + ROWS, 10 + ROWS, 2))
    assert after_kill == before, "kill landed after commit; the test did not exercise a half-done batch"

    assert run_cli(data_dir, "ingest", str(big), "--no-publish", "--source", "hotline_ticket").wait(300) == 0
    assert counts(warehouse) == (10 + ROWS, 10 + ROWS, 2)
    # The same file once more: nothing changes.
    assert run_cli(data_dir, "ingest", str(big), "--no-publish", "--source", "hotline_ticket").wait(300) == 0
    assert counts(warehouse) == (10 + ROWS, 10 + ROWS, 2)


def test_publish_swaps_pointer_and_prunes(data_dir):
    con = db.connect(db.warehouse_path())
    con.close()
    versions = []
    for _ in range(6):
        versions.append(publish())
        time.sleep(0.002)
    published = sorted(p.name for p in db.published_dir().glob("v*.duckdb"))
    assert db.current_version() == versions[-1]
    assert published == sorted(versions[-4:])  # keep_snapshots = 4 in config/street.toml
    assert not list(db.published_dir().glob("*.tmp"))
    reader = db.open_published()
    assert db.scalar(reader, "SELECT count(*) FROM hotline_ticket") == 0
    reader.close()


def test_reader_keeps_its_snapshot_while_a_new_one_is_published(data_dir, tmp_path):
    small = tmp_path / "small.csv"
    write_tickets(small, 5)
    from pipelines.__main__ import ingest

    ingest([str(small)], quiet=True)
    reader = db.open_published()
    assert db.scalar(reader, "SELECT count(*) FROM hotline_ticket") == 5
    more = tmp_path / "more.csv"
    write_tickets(more, 8)  # K00000000..K00000007: 3 new tickets, same month
    ingest([str(more)], quiet=True)
    assert db.scalar(reader, "SELECT count(*) FROM hotline_ticket") == 5  # the old snapshot is unchanged
    fresh = db.open_published()
    assert db.scalar(fresh, "SELECT count(*) FROM hotline_ticket") == 8
    reader.close()
    fresh.close()
