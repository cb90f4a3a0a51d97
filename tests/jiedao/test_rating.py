"""The property rating engine (DOMAIN.md §7) on the street of tests/jiedao/rating_street.py, whose
docstring works every total out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from jiedao import db, rating, rating_store
from pipelines.rate import freeze
from tests.jiedao import rating_street


@pytest.fixture
def street(con):
    rating_street.build(con)
    return con


@pytest.fixture
def q3(street):
    return rating.rate(street, "2026Q3")


def test_totals_tiers_and_ranks(q3):
    table = [(r.rank, r.company_uscc, r.total, r.tier) for r in q3.ratings]
    assert table == [
        (1, "G", 98.5, "gold"),
        (2, "M", 99.0, "silver"),
        (3, "S", 80.5, "silver"),
        (4, "C", 80.0, "silver"),
        (5, "Y", 88.0, "yellow"),
        (6, "T2", 70.0, "yellow"),  # T2 and T4 are equal on every key: they share rank 6
        (6, "T4", 70.0, "yellow"),
        (8, "T3", 70.0, "yellow"),  # same total and complaints as T2, satisfaction 19 < 22
        (9, "T1", 70.0, "yellow"),  # one verified complaint
        (10, "V", 100.0, "red"),  # veto: below every other tier despite 100 points
        (11, "L", 60.0, "red"),
    ]


def test_dimension_scores(q3):
    assert q3.get("S").dimensions == {
        "organisation": 8.5,  # instructor 6 + one Party member 2.5 (no organisation, no 交叉任职)
        "management": 12.0,  # 15 × 80/100
        "service": 30.0,
        "image": 8.0,  # 10 × 80/100
        "satisfaction": 22.0,  # 25 × (80 + 0.8 × 10)/100
    }
    assert q3.get("L").dimensions["organisation"] == 15.0  # organisation 10 + three members 5


def test_complaint_deductions_with_their_tickets(q3):
    g = q3.get("G")
    # G1 only: G2 is not the company's fault, G0 was received in Q2.
    assert [c["ticket_id"] for c in g.complaints] == ["G1"] and g.complaint_deduction == 1
    l_ = q3.get("L")
    # L1 closed after its deadline (3), L2 open past its deadline at quarter end (3), L3 open but due in
    # October (1) → 7.
    assert [(c["ticket_id"], c["overdue"], c["points"]) for c in l_.complaints] == [
        ("L1", True, 3),
        ("L2", True, 3),
        ("L3", False, 1),
    ]
    assert l_.complaint_deduction == 7
    # C: 8 overdue complaints = 24 points, capped at 20.
    assert q3.get("C").complaint_deduction == 20 and q3.get("C").verified_complaints == 8


def test_unrectified_findings_and_pending(street, q3):
    y = q3.get("Y")
    # F1 (due 15 Aug, never), F2 (due 10 Sep, done 20 Sep), F0 (found in Q2, due 20 July) → 3 × 2 = 6;
    # F3 was rectified on time.
    assert sorted(f["item"] for f in y.findings) == ["F0", "F1", "F2"]
    assert y.finding_deduction == 6
    assert y.reasons[0]["rule"] == "unrectified" and y.reasons[0]["zh"] == "3 项检查问题未按期整改"
    # Judged on 1 September: F0 and F1 are overdue; F2 (due 10 September) is still pending.
    early = rating.rate(street, "2026Q3", as_of=dt.datetime(2026, 9, 1)).get("Y")
    assert sorted(f["item"] for f in early.findings) == ["F0", "F1"]
    assert [f["item"] for f in early.pending_findings] == ["F2"]


def test_tier_reasons(q3):
    assert q3.get("G").reasons[0]["zh"] == "总分 98.5 ≥ 90 分且无重大投诉"
    assert q3.get("M").reasons[0]["rule"] == "major_complaint"
    assert q3.get("V").reasons == [{"rule": "veto", "zh": "一票否决：发生火灾", "en": "veto event: 火灾"}]
    assert q3.get("G").vetoes == []  # 停电 is not a veto event of the scheme
    assert [r["rule"] for r in q3.get("L").reasons] == ["consecutive_yellow", "points"]
    english = q3.frame("en").filter(company_uscc="V").select("tier_label", "consequence", "reason").row(0)
    assert english == ("Red", "Interview, credit record, blacklist", "veto event: 火灾")


def test_consecutive_yellow_needs_three_in_a_row(street):
    # L: 2026Q1 yellow (nothing before), 2026Q2 yellow (one before), 2026Q3 the third → red.
    assert rating.rate(street, "2026Q1").get("L").tier == "yellow"
    assert rating.rate(street, "2026Q2").get("L").tier == "yellow"
    assert rating.rate(street, "2026Q3").get("L").tier == "red"


def test_consecutive_rule_reads_published_tiers(street):
    # Publish Q2 (L yellow), then improve L's Q2 data so that it would compute as silver: the frozen
    # 黄牌 is the official record, so Q3 is still the third yellow in a row.
    freeze(street, rating.rate(street, "2026Q2"), now=dt.datetime(2026, 7, 5))
    db.run(
        street, "UPDATE property_inspection SET score = 100 WHERE company_uscc = 'L' AND quarter = '2026Q2'"
    )
    assert rating.rate(street, "2026Q2").get("L").tier == "silver"
    q3 = rating.rate(street, "2026Q3")
    assert q3.get("L").tier == "red" and q3.get("L").previous_tier == "yellow"


def test_change_since_last_quarter(q3):
    g = q3.get("G")
    assert (g.previous_tier, g.previous_total, g.score_change) == ("gold", 95.5, 3.0)
    y = q3.get("Y")
    # Y's Q2: only the F0 row (服务质量 30), no 日常管理/社会形象 inspection, no survey → 15 + 30 = 45.
    assert (y.previous_tier, y.previous_total, y.score_change) == ("red", 45.0, 43.0)
    assert q3.get("L").score_change == -7.0  # 60 − 67
    frame = q3.frame()
    assert dict(frame.select("company_uscc", "movement").rows())["Y"] == "up"
    assert dict(frame.select("company_uscc", "movement").rows())["S"] == "new"


def test_missing_inspection_and_survey_notes(street):
    y2 = rating.rate(street, "2026Q2").get("Y")
    assert y2.dimensions == {
        "organisation": 15.0,
        "management": 0,
        "service": 30.0,
        "image": 0,
        "satisfaction": 0,
    }
    assert y2.notes == {"management": "未检查", "image": "未检查", "satisfaction": "未测评"}
    # Red at 45 with no yellow before: the next tier is 黄牌, 60 − 45 = 15 = 3 Party members on staff
    # (+5) + the largest scored gap, 居民满意度 0/25 (+10).
    assert (
        y2.tier == "red"
        and y2.advice.zh == "+15 分可升黄牌：党员职工达到 3 人（+5 分）；居民满意度提高 10 分（现 0/25）"
    )


def test_next_tier_advice(q3):
    advice = {r.company_uscc: r.advice for r in q3.ratings}
    assert advice["G"].zh == "已是最高等级（金牌）"
    # S: 90 − 80.5 = 9.5. 组织建设 moves in whole roster items: 交叉任职 +5, a Party organisation
    # +4 (10 instead of the instructor's 6), 3 members +2.5 (5 instead of 2.5). None alone covers 9.5:
    # take the largest (+5, 4.5 left), again none covers it: +4 (0.5 left), then the smallest that
    # does: +2.5.
    assert (
        advice["S"].zh
        == "+9.5 分可升金牌：安排交叉任职（+5 分）；建立党组织（+4 分）；党员职工达到 3 人（+2.5 分）"
    )
    assert advice["S"].en == (
        "+9.5 points to Gold: appoint a cross-post (交叉任职) (+5); set up a Party organisation (+4); "
        "reach 3 Party members on staff (+2.5)"
    )
    # C: 10 points short; its 24 points of complaints are capped at 20, so the first two overdue tickets
    # closed on time (24 → 22 → 20) add nothing and the next five add 2 each → 7 tickets for +10.
    assert advice["C"].zh == "+10 分可升金牌：7 件超期投诉按期办结（+10 分）"
    assert advice["M"].zh == "升金牌需：不得有重大投诉（本季度 1 件）"
    # Y: 88 ≥ 80 already; silver only needs its three findings rectified (+6).
    assert advice["Y"].zh == "升银牌需：按期整改 3 项检查问题（+6 分）"
    assert advice["Y"].en == "To reach Silver: rectify 3 finding(s) on time (+6)"
    # T1: 80 − 70 = 10, no overdue complaint to fix; no Party members on staff: +5 (5 left); then the
    # largest gap among the scored dimensions, 服务质量 (30 − 18 = 12): +5.
    assert advice["T1"].zh == "+10 分可升银牌：党员职工达到 3 人（+5 分）；服务质量提高 5 分（现 18/30）"
    # L: yellow would be its third in a row, so the target is silver: 80 − 60 = 20 = 2 overdue complaints
    # closed on time (3 → 1: +4) + 交叉任职 (+5, its only missing roster item) + 服务质量 11 (of its 12).
    assert advice["L"].target == "silver" and advice["L"].points_needed == 20
    assert advice["L"].zh == (
        "+20 分可升银牌：已连续 2 个季度黄牌，再评黄牌即为红牌，需达到银牌；2 件超期投诉按期办结（+4 分）；"
        "安排交叉任职（+5 分）；服务质量提高 11 分（现 18/30）"
    )
    assert advice["V"].reachable is False and "火灾" in advice["V"].zh


def test_unrated_companies_and_empty_quarter(street):
    db.run(street, "INSERT INTO compound (compound_code, name, street_code, community_code, company_uscc) "
           "VALUES ('K-S', '银河小区', '430602001', '430602001001', 'S')")  # fmt: skip
    q1 = rating.rate(street, "2026Q1")
    assert [r.company_uscc for r in q1.ratings] == ["L"]
    assert q1.unrated == [("S", "银河物业")]  # serves a compound, no record in Q1
    empty = rating.rate(street, "2025Q1")
    assert empty.ratings == [] and empty.frame().is_empty() and "tier" in empty.frame().columns


def test_quarter_format_is_checked(street):
    with pytest.raises(ValueError, match="2026Q3"):
        rating.rate(street, "2026-09")
    assert rating.rate(street, "2026q3").quarter == "2026Q3"


def test_store_round_trip(street, q3):
    assert rating_store.latest_revision(street, "2026Q3") is None
    assert rating_store.published(street, "2026Q3").is_empty()
    frozen = freeze(street, q3, now=dt.datetime(2026, 10, 8))
    assert (frozen.revision, frozen.created) == (1, True)
    table = rating_store.published(street, "2026Q3")
    assert table.select("rank", "company_uscc", "tier").rows()[:2] == [(1, "G", "gold"), (2, "M", "silver")]
    assert rating_store.published_quarters(street).select("quarter", "revision").rows() == [("2026Q3", 1)]
