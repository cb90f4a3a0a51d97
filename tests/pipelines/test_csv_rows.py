"""A CSV past the rows sniffed for its header, with every kind of awkward record in one file: a row
with too many fields (DuckDB's parallel reader stops there, so the file is read again on one
thread, which sets the row aside), a quoted newline, a short row, a community by name, an unknown
code, a bad date and a repeated key. Every row lands where it should, under the number a person
sees in the file."""

from __future__ import annotations

from jiedao import db
from pipelines.load import load_file
from tests.pipelines.helpers import NOW, load_street_kit, reconciled

HEADER = "工单编号,受理时间,社区,诉求内容\n"


def ticket_file(path):
    """40 records, record n (from 0) on file row n + 2 (the header is row 1; a quoted newline does
    not start a row, as in Excel). By hand:
    - n = 3 (T03, row 5): community given by its name 东湖社区 → 430602001002, loaded;
    - n = 7 (T07, row 9): unknown community code 430602009999 → quarantined (unknown_reference);
    - n = 10 (T10, row 12): six fields where the header has four → quarantined (malformed_line);
    - n = 14 (T14, row 16): quoted content with a newline and a quote in it, loaded as written;
    - n = 21 (T21, row 23): received on 10-40 → quarantined (bad_timestamp);
    - n = 30 (row 32): the key T29 again → quarantined (duplicate_key), T29 (n = 29, row 31) loaded;
    - n = 34 (T34, row 36): three fields (no content): padded, loaded with no content.
    So 40 read, 4 quarantined, 36 loaded."""
    rows = []
    for n in range(40):
        community, content = "430602001001", f"诉求{n}"
        line = None
        if n == 3:
            community = "东湖社区"
        if n == 7:
            community = "430602009999"
        if n == 10:
            line = f"T{n:02d},2025-10-02 09:00:00,430602001001,a,b,c"
        if n == 14:
            content = '"第一行\n第二行 ""引号"""'
        stamp = "2025-10-40 09:00:00" if n == 21 else f"2025-10-{n % 28 + 1:02d} 09:00:00"
        key = "T29" if n == 30 else f"T{n:02d}"
        if n == 34:
            line = f"{key},{stamp},{community}"
        rows.append(line or f"{key},{stamp},{community},{content}")
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def outcome(con, result):
    reconciled(con, result)
    tickets = db.rows(
        con,
        "SELECT ticket_id, received_at, community_code, content, source_row FROM hotline_ticket ORDER BY 1",
    )
    quarantined = db.rows(con, "SELECT source_row, rules FROM rejected_rows ORDER BY 1")
    return (result.rows_read, result.rows_loaded, result.rows_rejected), tickets, quarantined


def test_every_row_lands_under_its_number_as_worked_out_by_hand(con, tmp_path):
    load_street_kit(con)
    path = ticket_file(tmp_path / "12345工单.csv")
    counts, tickets, quarantined = outcome(con, load_file(con, path, kind="hotline_ticket", now=NOW))
    assert counts == (40, 36, 4)
    assert quarantined == [
        (9, ["unknown_reference"]),
        (12, ["malformed_line"]),
        (23, ["bad_timestamp"]),
        (32, ["duplicate_key"]),
    ]
    by_id = {t[0]: t for t in tickets}
    assert by_id["T03"][2] == "430602001002" and by_id["T03"][4] == 5
    assert by_id["T14"][3] == '第一行\n第二行 "引号"' and by_id["T14"][4] == 16
    assert by_id["T29"][4] == 31
    assert by_id["T34"][3] is None and by_id["T34"][4] == 36
    assert by_id["T39"][4] == 41
    assert "T07" not in by_id and "T10" not in by_id and "T21" not in by_id
