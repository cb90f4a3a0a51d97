"""One small, hand-written bad file per rule (tests/fixtures/bad/<rule>.*): each either loads its good
rows and quarantines the bad one with a message naming the file, the row as a person sees it, the
rule, the column and the bad value in Chinese and English, or is refused whole with nothing written.
Row numbers count the header as row 1, as Excel shows a CSV."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jiedao import db
from pipelines.load import load_file
from pipelines.write import rejected_messages
from tests.conftest import FIXTURES
from tests.pipelines.helpers import NOW, csv_records, load_street_kit, reconciled

BAD = FIXTURES / "bad"
DATA_TABLES = ("hotline_ticket", "meeting", "property_company", "party_member", "community")


@dataclass(frozen=True)
class Quarantine:
    file: str
    row: int  # the bad row, header = row 1
    rule: str
    zh: str  # the column as the file names it, and the rule's Chinese words
    en: str
    value: str | None  # the bad value shown in the message
    loaded: int  # good rows of the file, counted by hand
    kit: bool = False  # needs the street, communities, grids and Party organisations first
    kind: str | None = None


CASES = [
    Quarantine(
        "missing_column.csv",
        2,
        "missing_column",
        "缺少必填列“受理时间”",
        "required column 'received_at'",
        None,
        0,
        kind="hotline_ticket",  # without 受理时间 the kind cannot be told from the headers: --source
    ),
    Quarantine(
        "unknown_column.csv", 3, "unknown_column", "未知列: 天气情况", "unknown column(s): 天气情况", None, 0
    ),
    Quarantine(
        "bad_date.csv",
        3,
        "bad_timestamp",
        "受理时间：时间无法识别",
        "not a valid timestamp",
        "2025-02-30 09:00:00",
        2,
    ),
    Quarantine(
        "closed_before_received.csv",
        3,
        "closed_before_received",
        "办结时间：办结时间早于受理时间",
        "closed_at: closed before it was received",
        "2025-03-02 17:00:00",
        2,
    ),
    Quarantine(
        "in_future.csv",
        3,
        "in_future",
        "受理时间：时间晚于当前时间",
        "lies in the future",
        "2031-01-01 09:00:00",
        1,
    ),
    Quarantine(
        "duplicate_key.csv", 4, "duplicate_key", "工单编号与本文件第 2 行重复", "duplicates row 2", "D001", 2
    ),
    Quarantine(
        "unknown_community.csv",
        4,
        "unknown_reference",
        "社区：在社区中不存在",
        "not found in community",
        "430602001099",
        2,
        kit=True,
    ),
    Quarantine(
        "unknown_grid.csv",
        3,
        "unknown_reference",
        "网格：在网格中不存在",
        "not found in grid",
        "YYL-404",
        1,
        kit=True,
    ),
    Quarantine(
        "unknown_org.csv",
        3,
        "unknown_reference",
        "党组织：在党组织名册中不存在",
        "not found in party_org",
        "D999",
        1,
        kit=True,
    ),
    Quarantine(
        "outside_street.csv",
        3,
        "outside_street",
        "坐标不在本街道范围内",
        "coordinates outside the street",
        "113.2",
        1,
        kit=True,
    ),
    Quarantine(
        "wrong_crs.csv",
        2,
        "outside_street",
        "坐标不在本街道范围内（坐标系 WGS84",
        "outside the street (CRS WGS84",
        "113.11653801",
        0,
        kit=True,
    ),
    Quarantine(
        "bad_uscc.csv",
        3,
        "bad_uscc",
        "统一社会信用代码校验位错误",
        "USCC check character is wrong",
        "91430602MA4L123459",
        1,
    ),
    Quarantine(
        "bad_id_card.csv",
        3,
        "bad_id_card",
        "身份证号校验位或出生日期错误",
        "ID number check digit",
        None,
        1,
        kit=True,
    ),
    Quarantine(
        "negative_count.csv", 2, "below_min", "户数：小于最小值 0", "households: below the minimum 0", "-5", 0
    ),
    Quarantine(
        "attendees_exceed_expected.csv",
        3,
        "attendees_exceed_expected",
        "实到人数多于应到人数",
        "more attendees than expected members",
        "25",
        1,
        kit=True,
    ),
    Quarantine(
        "malformed_line.csv",
        3,
        "malformed_line",
        "该行无法按 CSV 解析",
        "line cannot be parsed as CSV",
        None,
        2,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.file.split(".")[0] for c in CASES])
def test_bad_row_is_quarantined_with_a_message_saying_what_and_where(con, case):
    if case.kit:
        load_street_kit(con)
    path = BAD / case.file
    result = load_file(con, path, kind=case.kind, now=NOW)
    reconciled(con, result)
    assert result.rows_read == csv_records(path)
    assert result.rows_loaded == case.loaded
    rules = db.scalar(
        con,
        "SELECT rules FROM rejected_rows WHERE batch_id = ? AND source_row = ?",
        [result.batch_id, case.row],
    )
    assert rules is not None and case.rule in rules
    message = next(
        m for m in rejected_messages(con, result.batch_id) if f"第 {case.row} 行 / row {case.row}:" in m
    )
    assert message.startswith(f"{case.file} 第 {case.row} 行 / row {case.row}: ")
    assert f"[{case.rule}]" in message and case.zh in message and case.en in message
    if case.value is not None:
        assert case.value in message


def test_every_row_of_a_file_with_a_file_level_problem_is_quarantined(con):
    # missing_column.csv has 2 data rows (rows 2 and 3): both carry the rule, none is loaded.
    result = load_file(con, BAD / "missing_column.csv", kind="hotline_ticket", now=NOW)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 0, 2)
    found = db.rows(con, "SELECT source_row, rules FROM rejected_rows ORDER BY 1")
    assert found == [(2, ["missing_column"]), (3, ["missing_column"])]
    assert db.scalar(con, "SELECT count(*) FROM hotline_ticket") == 0


def test_the_wrong_crs_file_loads_when_its_crs_is_declared(con):
    # The same BD-09 point, declared as BD-09, converts to (113.104, 29.375): inside the street.
    load_street_kit(con)
    result = load_file(con, BAD / "wrong_crs.csv", crs="BD09", now=NOW)
    assert (result.rows_loaded, result.rows_rejected) == (1, 0)
    lon, lat = db.one(con, "SELECT lon, lat FROM hotline_ticket")
    assert lon == pytest.approx(113.104, abs=1e-6) and lat == pytest.approx(29.375, abs=1e-6)


def test_quarantined_personal_data_stays_masked(con):
    load_street_kit(con)
    result = load_file(con, BAD / "bad_id_card.csv", now=NOW)
    raw = db.scalar(con, "SELECT row_json FROM rejected_rows WHERE batch_id = ?", [result.batch_id])
    assert "430602198001011234" not in raw and "李秀英" not in raw
    assert "430602********1234" in raw and "李*英" in raw


@pytest.mark.parametrize(
    ("file", "zh", "en"),
    [
        ("wrong_encoding.csv", "无法识别文件编码", "unknown text encoding"),
        ("empty.csv", "文件为空", "the file is empty"),
        ("header_only.csv", "文件只有表头，没有数据行", "header but no data rows"),
        ("corrupt.xlsx", "Excel 文件损坏或无法打开", "corrupt or unreadable Excel file"),
    ],
)
def test_unreadable_file_is_refused_whole_and_nothing_is_written(con, file, zh, en):
    result = load_file(con, BAD / file, kind="hotline_ticket", now=NOW)
    assert result.status == "failed" and result.batch_id is None
    assert result.message.startswith(f"{file}: ") and zh in result.message and en in result.message
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (0, 0, 0)
    for table in DATA_TABLES:
        assert db.scalar(con, f"SELECT count(*) FROM {table}") == 0
    assert db.scalar(con, "SELECT count(*) FROM rejected_rows") == 0
    # the refusal itself is logged, so the data page can show it
    assert db.one(con, "SELECT file_name, status FROM load_log") == (file, "failed")


def test_wrong_encoding_names_the_first_line_that_is_not_utf8(con):
    # wrong_encoding.csv is Latin-1: lines 1-2 are ASCII, line 3 holds "café" (0xE9).
    result = load_file(con, BAD / "wrong_encoding.csv", now=NOW)
    assert "第 3 行" in result.message and "line 3" in result.message


def test_embedded_newlines_and_quotes_load_intact(con):
    path = BAD / "embedded_newlines.csv"
    result = load_file(con, path, now=NOW)
    reconciled(con, result)
    # 3 records over 7 physical lines (CRLF endings, bare LF inside a quoted field)
    assert (
        (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0) == (csv_records(path), 3, 0)
    )
    found = db.rows(con, "SELECT ticket_id, source_row, content, reply_text FROM hotline_ticket ORDER BY 1")
    assert found == [
        ("N001", 2, '第一行\r\n第二行，说“小区门口”有"积水"', "已处理"),
        ("N002", 3, "逗号,分隔,的内容", None),
        ("N003", 4, "普通内容", "答复：\n1. 已派人清理\n2. 已回访"),
    ]


def test_rows_after_a_malformed_line_keep_their_own_row_numbers(con):
    # malformed_line.csv: row 3 has one field too many; L003 is row 4, L004 (month 13) is row 5.
    result = load_file(con, BAD / "malformed_line.csv", now=NOW)
    assert db.rows(con, "SELECT ticket_id, source_row FROM hotline_ticket ORDER BY 1") == [
        ("L001", 2),
        ("L003", 4),
    ]
    assert db.rows(con, "SELECT source_row, rules FROM rejected_rows ORDER BY 1") == [
        (3, ["malformed_line"]),
        (5, ["bad_timestamp"]),
    ]
    reconciled(con, result)
