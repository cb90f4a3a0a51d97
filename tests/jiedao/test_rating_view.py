"""The property ranking as the 物业评级 page shows it, on the street of tests/jiedao/rating_street.py
(whose docstring works every total out by hand): quarters published or provisional, the board,
a company's breakdown with the names behind its deductions, its published record."""

from __future__ import annotations

import datetime as dt

import pytest

from jiedao import rating, rating_detail, rating_view
from pipelines.rate import freeze
from tests.jiedao import rating_street
from tests.jiedao.fixture_rows import insert


@pytest.fixture
def street(con):
    rating_street.build(con)
    insert(con, "compound", {"compound_code": "K-Y", "name": "黄鹤小区", "community_code": "430602001001"})
    return con


def publish(con, *quarters: str) -> None:
    for quarter in quarters:
        freeze(con, rating.rate(con, quarter), now=dt.datetime(2026, 10, 8))


def test_quarters_default_to_the_newest_published(street):
    # Records in 2026Q1 (L), Q2 (G, L, Y) and Q3: nothing published → every quarter provisional,
    # the newest is the default.
    options = rating_view.quarters(street)
    assert options.rows() == [("2026Q3", False), ("2026Q2", False), ("2026Q1", False)]
    assert rating_view.default_quarter(options) == "2026Q3"
    publish(street, "2026Q2")
    options = rating_view.quarters(street)
    assert options.rows() == [("2026Q3", False), ("2026Q2", True), ("2026Q1", False)]
    assert rating_view.default_quarter(options) == "2026Q2"  # the official record comes first


def test_provisional_then_published_ranking(street):
    provisional = rating_view.ranking(street, "2026Q3")
    assert not provisional.published and provisional.revision is None
    # The hand-worked totals of rating_street: G 98.5 金 first, L 60 红 last (third 黄牌 in a row).
    rows = provisional.rows.select("rank", "company_uscc", "total", "tier").rows()
    assert rows[0] == (1, "G", 98.5, "gold") and rows[-1] == (11, "L", 60.0, "red")
    publish(street, "2026Q3")
    published = rating_view.ranking(street, "2026Q3")
    assert published.published and published.revision["revision"] == 1
    assert (
        published.rows.select("company_uscc", "total").rows()
        == provisional.rows.select("company_uscc", "total").rows()
    )
    empty = rating_view.ranking(street, "2025Q1")
    assert empty.rows.is_empty() and not empty.published


def test_board_movement_and_consequences(street):
    board = rating_view.board(rating_view.ranking(street, "2026Q3").rows)
    rows = {r["company_uscc"]: r for r in board.iter_rows(named=True)}
    # G: 95.5 金 in Q2 → 98.5 金: same tier, +3; L: 67 黄 → 60 红: down, −7; S: not rated in Q2: new
    assert (rows["G"]["movement"], rows["G"]["score_change"]) == ("same", 3.0)
    assert (rows["L"]["movement"], rows["L"]["score_change"], rows["L"]["previous_tier_label"]) == (
        "down",
        -7.0,
        "黄牌",
    )
    assert rows["S"]["movement"] == "new" and rows["S"]["previous_tier_label"] == "—"
    assert (
        rows["L"]["consequence"] == "约谈、记入信用档案、列入黑榜" and rows["G"]["consequence"] == "列入红榜"
    )
    assert rows["L"]["reason"] == "连续第 3 个季度黄牌，评为红牌；总分 60 在 60–80 分之间"
    # 金 G; 银 M S C; 黄 Y T1 T2 T3 T4; 红 V L
    assert rating_view.tier_counts(rating_view.ranking(street, "2026Q3").rows) == {
        "gold": 1, "silver": 3, "yellow": 5, "red": 2,
    }  # fmt: skip
    english = rating_view.board(rating_view.ranking(street, "2026Q3").rows, "en")
    assert english.filter(company_uscc="V").select("tier_label", "consequence").row(0) == (
        "Red",
        "Interview, credit record, blacklist",
    )


def test_breakdown_with_the_tickets_and_findings_behind_the_deductions(street):
    q3 = rating_view.ranking(street, "2026Q3")
    c = rating_detail.breakdown(street, q3, "C")
    # C: 8 overdue complaints × 3 = 24 points, capped at 20
    assert (c.complaint_points, c.complaint_cap, c.complaint_deduction) == (24.0, 20.0, 20.0)
    assert c.complaints.height == 8 and c.complaints["overdue"].all()
    y = rating_detail.breakdown(street, q3, "Y")
    # F0 (due 20 July), F1 (15 Aug), F2 (10 Sep, rectified 20 Sep) × 2 = 6, in deadline order; named
    assert y.findings.select("item", "compound_name", "points").rows() == [
        ("F0", "黄鹤小区", 2.0),
        ("F1", "黄鹤小区", 2.0),
        ("F2", "黄鹤小区", 2.0),
    ]
    assert y.finding_deduction == 6 and y.pending.is_empty()
    assert y.reasons[0]["zh"] == "3 项检查问题未按期整改" and y.consequence == "约谈企业负责人"
    assert y.advice["zh"] == "升银牌需：按期整改 3 项检查问题（+6 分）"
    assert (y.rank, y.companies) == (5, 11)
    v = rating_detail.breakdown(street, q3, "V")
    assert v.vetoes == ["火灾"] and v.complaints.is_empty()
    with pytest.raises(KeyError):
        rating_detail.breakdown(street, q3, "nobody")


def test_dimensions_say_what_was_not_inspected(street):
    y2 = rating_detail.breakdown(street, rating_view.ranking(street, "2026Q2"), "Y", "en")
    # Y's Q2: 组织建设 15, only a 服务质量 row (30/30); no 日常管理, 社会形象 inspection, no survey
    assert y2.dimensions.select("key", "points", "weight", "note").rows() == [
        ("organisation", 15.0, 20.0, ""),
        ("management", 0.0, 15.0, "not inspected"),
        ("service", 30.0, 30.0, ""),
        ("image", 0.0, 10.0, "not inspected"),
        ("satisfaction", 0.0, 25.0, "no survey"),
    ]
    assert (
        y2.dimensions["name"][0] == "Party organisation"
        and y2.consequence == "Interview, credit record, blacklist"
    )


def test_complaints_carry_what_they_were_about(street):
    insert(street, "compound", {"compound_code": "K-L", "name": "滑坡小区", "community_code": "430602001001"})
    street.execute(
        "UPDATE hotline_ticket SET title = '楼道灯不亮', compound_code = 'K-L' WHERE ticket_id = 'L1'"
    )
    l_ = rating_detail.breakdown(street, rating_view.ranking(street, "2026Q3"), "L")
    # L1 closed late (3), L2 open past its deadline (3), L3 due in October (1) → 7
    assert l_.complaints.select("ticket_id", "overdue", "points", "title", "compound_name").rows() == [
        ("L1", True, 3.0, "楼道灯不亮", "滑坡小区"),
        ("L2", True, 3.0, None, None),
        ("L3", False, 1.0, None, None),
    ]
    assert l_.complaints["received_at"][0] == dt.datetime(2026, 7, 10)


def test_history_of_published_quarters(street):
    assert rating_view.history(street, "L").is_empty()
    publish(street, "2026Q1", "2026Q2", "2026Q3")
    # L: Q1 alone (67 黄, 1 of 1); Q2 behind G 95.5 金, ahead of Y 45 红 (2 of 3); Q3 60 红, last of 11
    assert rating_view.history(street, "L").select(
        "quarter", "rank", "companies", "total", "tier"
    ).rows() == [
        ("2026Q1", 1, 1, 67.0, "yellow"),
        ("2026Q2", 2, 3, 67.0, "yellow"),
        ("2026Q3", 11, 11, 60.0, "red"),
    ]


def test_json_dates_come_back_as_dates():
    assert rating_view.stamp("2026-07-21 13:49:20") == dt.datetime(2026, 7, 21, 13, 49, 20)
    assert rating_view.stamp("2026-08-15") == dt.date(2026, 8, 15)
    assert rating_view.stamp(None) is None and rating_view.stamp("") is None
