"""``python -m pipelines rate``: prints the ranking; ``--publish`` freezes it as revision 1 and publishes a
snapshot; unchanged data publishes nothing new; changed data adds a visible revision 2 and leaves
revision 1 as it was. Street and totals: tests/jiedao/rating_street.py."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from jiedao import db, rating, rating_store
from pipelines.__main__ import main
from pipelines.rate import freeze
from tests.jiedao import rating_street


@pytest.fixture
def warehouse(data_dir):
    con = db.connect(db.warehouse_path())
    rating_street.build(con)
    con.close()
    return db.warehouse_path()


def query(sql: str, params: list | None = None) -> list[tuple]:
    con = db.connect(db.warehouse_path())
    try:
        return db.rows(con, sql, params)
    finally:
        con.close()


def test_rate_prints_the_ranking_without_freezing(warehouse, capsys):
    assert main(["rate", "--quarter", "2026Q3"]) == 0
    out = capsys.readouterr().out
    assert "金辉物业" in out and "金牌" in out and "一票否决" in out
    assert query("SELECT count(*) FROM rating_revision") == [(0,)]
    assert db.current_version() is None


def test_publish_freezes_once_and_revises_on_changed_data(warehouse, capsys):
    assert main(["rate", "--quarter", "2026Q3", "--publish"]) == 0
    assert query("SELECT revision, companies, note FROM rating_revision") == [
        (1, 11, "首次发布 / first publication")
    ]
    first_snapshot = db.current_version()
    reader = db.open_published()
    assert rating_store.published(reader, "2026Q3")["company_uscc"].to_list()[:3] == ["G", "M", "S"]
    reader.close()

    # Unchanged data: nothing new, not even a snapshot.
    capsys.readouterr()
    assert main(["rate", "--quarter", "2026Q3", "--publish"]) == 0
    assert "未生成新版本" in capsys.readouterr().out
    assert query("SELECT count(*) FROM rating_revision") == [(1,)]
    assert db.current_version() == first_snapshot

    # T1's only complaint turns out not to be its fault: 70 → 71, which lifts it from rank 9 to 6 and
    # moves T2, T4 (6 → 7) and T3 (8 → 9) down one.
    con = db.connect(db.warehouse_path())
    db.run(con, "UPDATE hotline_ticket SET company_fault = false WHERE ticket_id = 'T1a'")
    con.close()
    assert main(["rate", "--quarter", "2026Q3", "--publish"]) == 0
    (revision, note, changes), *_ = query(
        "SELECT revision, note, changes FROM rating_revision WHERE revision = 2"
    )
    assert note.startswith(
        "第 2 版：4 家企业有变化——并列一物业 总分 70→71、名次 9→6；并列二物业 名次 6→7；"
        "并列三物业 名次 8→9；并列四物业 名次 6→7 / revision 2"
    )
    assert [c["company_uscc"] for c in json.loads(changes)] == ["T1", "T2", "T3", "T4"]
    # Revision 1 is frozen as it was; revision 2 is what readers get now.
    assert query("SELECT revision, total, rank FROM rating_result WHERE company_uscc = 'T1' ORDER BY 1") == [
        (1, 70.0, 9),
        (2, 71.0, 6),
    ]
    assert db.current_version() != first_snapshot
    reader = db.open_published()
    latest = rating_store.published(reader, "2026Q3")
    assert latest.filter(company_uscc="T1").select("revision", "total").row(0) == (2, 71.0)
    assert rating_store.revisions(reader, "2026Q3")["revision"].to_list() == [1, 2]
    reader.close()


def test_published_row_keeps_the_evidence(warehouse):
    assert main(["rate", "--quarter", "2026Q3", "--publish"]) == 0
    ((detail, reasons, vetoes),) = query(
        "SELECT detail, reasons, veto_events FROM rating_result WHERE company_uscc = 'L'"
    )
    detail = json.loads(detail)
    assert [c["ticket_id"] for c in detail["complaints"]] == ["L1", "L2", "L3"]
    assert detail["advice"]["target"] == "silver"
    assert json.loads(reasons)[0]["rule"] == "consecutive_yellow"
    assert json.loads(vetoes) == []


def test_freeze_is_one_transaction(con):
    rating_street.build(con)
    ranking = rating.rate(con, "2026Q3")
    ranking.ratings[-1].name = None  # violates rating_result.company_name NOT NULL, after the revision row
    with pytest.raises(Exception, match="NOT NULL"):
        freeze(con, ranking, now=dt.datetime(2026, 10, 8))
    assert db.rows(con, "SELECT count(*) FROM rating_revision") == [(0,)]
    assert db.rows(con, "SELECT count(*) FROM rating_result") == [(0,)]


def test_bad_quarter_and_empty_quarter(warehouse, capsys):
    assert main(["rate", "--quarter", "2026-09"]) == 2
    assert "2026Q3" in capsys.readouterr().out  # the expected format is named
    assert main(["rate", "--quarter", "2019Q1", "--publish"]) == 1
    assert "没有可发布的评级" in capsys.readouterr().out
    assert query("SELECT count(*) FROM rating_revision") == [(0,)]
