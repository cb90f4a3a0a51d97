"""The data page's pipeline glue, without Streamlit: saving uploads, the dry run writes nothing,
the commit loads and publishes, a bad mapping is refused before anything runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from jiedao import db
from jiedao.ui import intake
from pipelines.__main__ import ingest
from tests.conftest import FIXTURES

BAD_TICKETS = FIXTURES / "upload" / "12345工单_有误.csv"


@dataclass
class FakeUpload:
    name: str
    data: bytes
    file_id: str = "f"

    def getvalue(self) -> bytes:
        return self.data


def load_log_rows() -> int:
    con = db.connect(db.warehouse_path())
    try:
        return db.scalar(con, "SELECT count(*) FROM load_log")
    finally:
        con.close()


def test_uploads_keep_their_names_in_a_timestamped_folder(data_dir):
    folder = intake.uploads_dir(dt.datetime(2026, 10, 3, 8, 5, 9, 123456))
    assert folder == data_dir / "inbox" / "uploads" / "20261003-080509-123456"
    saved = intake.save(
        [FakeUpload("工单.csv", b"a"), FakeUpload("../../etc/工单.csv", b"b"), FakeUpload("网格.xlsx", b"c")],
        folder,
    )
    assert [p.name for p in saved] == ["工单.csv", "工单 (2).csv", "网格.xlsx"]
    assert all(p.parent == folder for p in saved)
    assert saved[1].read_bytes() == b"b"


def test_detected_format_and_encoding(tmp_path):
    assert intake.detected(FIXTURES / "sample" / "12345工单_2026年10月.csv") == ("csv", "gb18030")
    assert intake.detected(BAD_TICKETS) == ("csv", "utf-8-sig")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert intake.detected(empty) == (None, None)


def test_check_writes_nothing_and_reports_each_file(data_dir):
    ingest([str(FIXTURES / "sample" / "社区名单.csv")], quiet=True)
    before = load_log_rows()
    current = db.current_version()
    checks = intake.check([BAD_TICKETS], intake.Options())
    (item,) = checks
    assert (item.format, item.encoding) == ("csv", "utf-8-sig")
    result = item.result
    assert (result.kind, result.status) == ("hotline_ticket", "checked")
    # 5 rows; row 3 (UP0002) closes before it was received, row 4 (UP0003) names 火星社区.
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (5, 3, 2)
    assert [r["source_row"] for r in result.rejected_preview] == [3, 4]
    assert load_log_rows() == before and db.current_version() == current


def test_commit_loads_one_batch_and_publishes(data_dir):
    ingest([str(FIXTURES / "sample" / "社区名单.csv")], quiet=True)
    first = db.current_version()
    (result,) = intake.commit([BAD_TICKETS], intake.Options(kind="hotline_ticket"))
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("partial", 3, 2)
    assert result.batch_id == 2  # batch 1 was the communities
    assert db.current_version() != first
    con = db.open_published()
    try:
        assert db.scalar(con, "SELECT count(*) FROM hotline_ticket") == 3
        assert db.scalar(con, "SELECT count(*) FROM rejected_rows WHERE batch_id = 2") == 2
    finally:
        con.close()


def test_a_bad_mapping_is_refused_before_anything_runs(data_dir, tmp_path):
    mapping = tmp_path / "bad.toml"
    mapping.write_text('[source]\nkind = "no_such_kind"\n', encoding="utf-8")
    with pytest.raises(intake.MappingError, match="not a known source kind"):
        intake.check([BAD_TICKETS], intake.Options(mapping=str(mapping)))
    assert not db.warehouse_path().exists()


def test_kinds_in_load_order_with_names():
    kinds = intake.kinds()
    assert list(kinds)[0] == "street"
    assert kinds["hotline_ticket"] == ("12345工单", "hotline tickets")
    assert list(kinds).index("community") < list(kinds).index("hotline_ticket")
