"""Loads are idempotent and replace what a re-export replaces: the same file twice changes nothing;
a re-exported month replaces that month's rows of that source (a ticket the re-export no longer
lists disappears; other months and other sources are untouched); a corrected row replaces its old
version instead of adding a second one. Also the mapping format's own checks."""

from __future__ import annotations

import pytest

from jiedao import db
from pipelines.load import load_file
from pipelines.mapping import MappingError, load_mapping
from tests.pipelines.helpers import NOW, reconciled

HEADER = "工单编号,受理时间,诉求内容,工单状态\n"


def write(path, *rows):
    path.write_text(HEADER + "".join(f"{','.join(r)}\n" for r in rows), encoding="utf-8")
    return path


def snapshot(con):
    return db.rows(
        con, "SELECT ticket_id, received_at, content, status, source_system FROM hotline_ticket ORDER BY 1"
    )


OCTOBER = [
    ("T1", "2025-10-02 09:00:00", "路灯不亮", "办理中"),
    ("T2", "2025-10-15 10:00:00", "井盖缺失", "办理中"),
    ("T3", "2025-10-31 23:59:00", "垃圾未清运", "已办结"),
]
NOVEMBER = [("T4", "2025-11-01 00:01:00", "噪音扰民", "办理中")]


def test_same_file_twice_changes_nothing(con, tmp_path):
    path = write(tmp_path / "10月.csv", *OCTOBER, ("BAD", "2025-10-40 09:00:00", "日期错", "办理中"))
    first = load_file(con, path, now=NOW)
    reconciled(con, first)
    before = (snapshot(con), db.rows(con, "SELECT * FROM rejected_rows ORDER BY ALL"))
    second = load_file(con, path, now=NOW)
    assert second.status == "unchanged" and second.batch_id == first.batch_id
    assert "identical to batch" in second.message and f"批次 #{first.batch_id}" in second.message
    assert (snapshot(con), db.rows(con, "SELECT * FROM rejected_rows ORDER BY ALL")) == before
    assert db.scalar(con, "SELECT count(*) FROM load_log") == 1


def test_re_exported_month_replaces_that_month_of_that_source(con, tmp_path):
    load_file(con, write(tmp_path / "10月.csv", *OCTOBER), now=NOW)
    load_file(con, write(tmp_path / "11月.csv", *NOVEMBER), now=NOW)
    other = tmp_path / "other.csv"  # another source system, same month, through a mapping
    other.write_text("编号,时间,内容\nH1,2025-10-20 08:00:00,留言\n", encoding="utf-8")
    mapping = tmp_path / "board.toml"
    mapping.write_text(
        '[source]\nkind = "hotline_ticket"\nsource_system = "board"\n'
        '[columns]\nticket_id = "编号"\nreceived_at = "时间"\ncontent = "内容"\n',
        encoding="utf-8",
    )
    load_file(con, other, mapping=load_mapping(mapping), now=NOW)
    # October re-exported: T2 is gone from the export, T3 is corrected (closed, new text), T5 is new
    again = write(
        tmp_path / "10月_重新导出.csv",
        OCTOBER[0],
        ("T3", "2025-10-31 23:59:00", "垃圾未清运（已复核）", "已办结"),
        ("T5", "2025-10-20 12:00:00", "占道经营", "办理中"),
    )
    result = load_file(con, again, now=NOW)
    reconciled(con, result)
    assert result.rows_replaced == 1  # T2
    assert [r[0] for r in snapshot(con)] == ["H1", "T1", "T3", "T4", "T5"]
    assert (
        db.scalar(con, "SELECT content FROM hotline_ticket WHERE ticket_id = 'T3'") == "垃圾未清运（已复核）"
    )
    assert db.scalar(con, "SELECT rows_replaced FROM load_log WHERE batch_id = ?", [result.batch_id]) == 1


def test_a_quarantined_row_of_a_re_export_keeps_its_previous_version(con, tmp_path):
    load_file(con, write(tmp_path / "10月.csv", *OCTOBER), now=NOW)
    # the re-export still lists T2, but with a broken date: T2 stays as it was, nothing is lost
    again = write(
        tmp_path / "10月_v2.csv", OCTOBER[0], ("T2", "2025-10-32 10:00:00", "井盖缺失", "办理中"), OCTOBER[2]
    )
    result = load_file(con, again, now=NOW)
    assert (result.rows_loaded, result.rows_rejected, result.rows_replaced) == (2, 1, 0)
    assert [r[0] for r in snapshot(con)] == ["T1", "T2", "T3"]


def test_a_corrected_row_replaces_its_old_version(con, tmp_path):
    load_file(con, write(tmp_path / "a.csv", *OCTOBER), now=NOW)
    corrected = ("T1", "2025-10-02 09:00:00", "路灯不亮（已修复）", "已办结")
    result = load_file(con, write(tmp_path / "b.csv", corrected, *OCTOBER[1:]), now=NOW)
    assert (result.rows_loaded, result.rows_replaced) == (3, 0)
    assert db.rows(con, "SELECT count(*), count(DISTINCT ticket_id) FROM hotline_ticket") == [(3, 3)]
    assert db.one(con, "SELECT content, status, batch_id FROM hotline_ticket WHERE ticket_id = 'T1'") == (
        "路灯不亮（已修复）",
        "已办结",
        result.batch_id,
    )


def test_a_file_of_one_corrected_row_is_a_re_export_of_its_month(con, tmp_path):
    # Native exports are whole months: a file holding only T1 of October says October has only T1.
    load_file(con, write(tmp_path / "a.csv", *OCTOBER), now=NOW)
    load_file(con, write(tmp_path / "11月.csv", *NOVEMBER), now=NOW)
    result = load_file(
        con, write(tmp_path / "b.csv", ("T1", "2025-10-02 09:00:00", "路灯不亮（已修复）", "已办结")), now=NOW
    )
    assert result.rows_replaced == 2  # T2 and T3
    assert [r[0] for r in snapshot(con)] == ["T1", "T4"]


def test_replace_period_none_only_adds(con, tmp_path):
    mapping = tmp_path / "slice.toml"
    mapping.write_text(
        '[source]\nkind = "hotline_ticket"\nsource_system = "slices"\nreplace_period = "none"\n'
        '[columns]\nticket_id = "工单编号"\nreceived_at = "受理时间"\n',
        encoding="utf-8",
    )
    slices = load_mapping(mapping)
    load_file(con, write(tmp_path / "a.csv", *OCTOBER[:2]), mapping=slices, now=NOW)
    result = load_file(con, write(tmp_path / "b.csv", OCTOBER[2]), mapping=slices, now=NOW)
    assert result.rows_replaced == 0
    assert [r[0] for r in snapshot(con)] == ["T1", "T2", "T3"]
    # a slice that sends T2 again (and T3 twice) replaces T2's row instead of adding a second one;
    # the load keeps ticket_id unique, not an index (hotline_ticket has none, see schema.sql)
    again = write(tmp_path / "c.csv", OCTOBER[1], OCTOBER[2], OCTOBER[2])
    result = load_file(con, again, mapping=slices, now=NOW)
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)  # the repeat of T3 is quarantined
    assert db.rows(con, "SELECT count(*), count(DISTINCT ticket_id) FROM hotline_ticket") == [(3, 3)]
    assert db.scalar(con, "SELECT batch_id FROM hotline_ticket WHERE ticket_id = 'T2'") == result.batch_id


def test_excel_serial_dates_through_a_mapping(con, tmp_path):
    mapping = tmp_path / "serial.toml"
    mapping.write_text(
        '[source]\nkind = "hotline_ticket"\n[columns]\nticket_id = "编号"\nreceived_at = "时间"\n'
        '[formats]\nreceived_at = ["excel_serial"]\n',
        encoding="utf-8",
    )
    path = tmp_path / "serial.csv"
    # 45931.5 = 2025-10-01 12:00 (45931 days after 1899-12-30; .5 day = 12 h); "abc" stays bad
    path.write_text("编号,时间\nS1,45931.5\nS2,2025-10-02 08:00:00\nS3,abc\n", encoding="utf-8")
    result = load_file(con, path, mapping=load_mapping(mapping), now=NOW)
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    assert db.rows(
        con, "SELECT ticket_id, strftime(received_at, '%Y-%m-%d %H:%M') FROM hotline_ticket ORDER BY 1"
    ) == [
        ("S1", "2025-10-01 12:00"),
        ("S2", "2025-10-02 08:00"),
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[source]\nkind = "hotline_ticket"\nreplace = "month"\n', "[source] replace 不是已知的设置"),
        ('[source]\nkind = "hotline_ticket"\nreplace_period = "week"\n', "replace_period = 'week' 不受支持"),
        ('[source]\nkind = "hotline_ticket"\n[column]\nticket_id = "id"\n', "未知的节 [column]"),
        ('[source]\nkind = "tickets"\n', "kind = 'tickets' 不是已知的数据类型"),
        (
            '[source]\nkind = "hotline_ticket"\n[columns]\nticket = "id"\n',
            "[columns] ticket 不是 hotline_ticket 的字段",
        ),
        ('[source]\nkind = "hotline_ticket"\ncrs = "EPSG:3857"\n', "crs = 'EPSG:3857' 不受支持"),
        ("[source\n", "映射文件格式错误 / invalid TOML"),
    ],
)
def test_mapping_mistakes_name_the_file_and_the_key(tmp_path, text, words):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert str(caught.value).startswith("mine.toml: ") and words in str(caught.value)


@pytest.mark.parametrize("name", ["nyc311", "boston311", "hunan_board", "open311"])
def test_shipped_mappings_load_by_name(name):
    mapping = load_mapping(name)
    assert mapping.kind == "hotline_ticket" and mapping.source_system


def test_values_are_trimmed_of_edge_spaces_and_tabs_only(con, tmp_path):
    # Exports pad cells with ASCII, full-width (U+3000) and no-break (U+00A0) spaces, and put a tab
    # before a long number so that Excel keeps it as text. Spaces inside a value stay.
    path = tmp_path / "空白.csv"
    path.write_text(
        HEADER
        + " T1 ,2025-10-02 09:00:00 ,\u3000路灯 不亮\u3000,办理中\n"
        + "\tT2,\u00a02025-10-03 10:00:00,井盖缺失\t,\u3000已办结\n"
        + "T3,2025-10-04 11:00:00,\u3000 \u00a0,办理中\n",  # a content of spaces only is empty
        encoding="utf-8",
    )
    result = load_file(con, path, now=NOW)
    reconciled(con, result)
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert db.rows(
        con, "SELECT ticket_id, CAST(received_at AS VARCHAR), content, status FROM hotline_ticket ORDER BY 1"
    ) == [
        ("T1", "2025-10-02 09:00:00", "路灯 不亮", "办理中"),
        ("T2", "2025-10-03 10:00:00", "井盖缺失", "已办结"),
        ("T3", "2025-10-04 11:00:00", None, "办理中"),
    ]
