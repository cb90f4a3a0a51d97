"""Hotline metrics and lists on hand-made tickets around 国庆 2025, every number counted by hand.

Calendar (国务院办公厅 2025 schedule): 10月1日–8日 off; 9月28日 (Sun) and 10月11日 (Sat) are 调休
working days. So after Tue 9月30日 the working days run 10月9日, 10日, 11日 (Sat), 13日, 14日, 15日,
16日: a 投诉 (7 working days) received 9月30日 10:00 is due 10月16日 10:00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jiedao import hotline, metrics
from jiedao.filters import Filter, Scope
from tests.jiedao.rows import C1, C2, C3, insert, street, ts

END_OF_OCTOBER = dt.datetime(2025, 11, 1)
OCTOBER = Filter.month(2025, 10, as_of=END_OF_OCTOBER)

TICKETS = [
    # H1 投诉 9/30 10:00 → response due 10/9 10:00 (10/1–8 off), close due 10/16 10:00.
    # Signed and contacted 9/30: responded. Closed 10/16 09:00: on time (383 h). Visited 10/17: 满意, resolved.
    {
        "ticket_id": "H1",
        "community_code": C1,
        "appeal_type": "投诉",
        "received_at": ts("2025-09-30 10:00"),
        "signed_at": ts("2025-09-30 11:00"),
        "contacted_at": ts("2025-09-30 15:00"),
        "closed_at": ts("2025-10-16 09:00"),
        "visited_at": ts("2025-10-17 10:00"),
        "satisfaction": "满意",
        "is_resolved": True,
        "status": "已回访",
    },
    # H2 same deadlines as H1. Signed 10/9 11:00, an hour after the response deadline: not responded.
    # Closed 10/16 11:00, an hour late (385 h) — on time only if the 调休 Saturday were ignored.
    # Visited 10/18: 不满意, not resolved.
    {
        "ticket_id": "H2",
        "community_code": C1,
        "appeal_type": "投诉",
        "received_at": ts("2025-09-30 10:00"),
        "signed_at": ts("2025-10-09 11:00"),
        "contacted_at": ts("2025-10-09 09:00"),
        "closed_at": ts("2025-10-16 11:00"),
        "visited_at": ts("2025-10-18 09:00"),
        "satisfaction": "不满意",
        "is_resolved": False,
        "status": "已回访",
    },
    # H3 咨询 Thu 10/9 10:00 → response due Fri 10/10 10:00; close due 10/11 (Sat, 调休) 10:00.
    # Signed but never contacted: not responded. Still open: overdue at the end of October.
    {
        "ticket_id": "H3",
        "community_code": C1,
        "appeal_type": "咨询",
        "department": "市城管局",
        "received_at": ts("2025-10-09 10:00"),
        "signed_at": ts("2025-10-09 12:00"),
        "status": "办理中",
    },
    # H4 求助, 紧急: response and close due 2 hours after receipt (10/20 10:00). Responded, closed
    # 09:30 (1.5 h, on time), reopened once. Visited 10/21: 基本满意, resolved.
    {
        "ticket_id": "H4",
        "community_code": C1,
        "appeal_type": "求助",
        "urgency": "紧急",
        "received_at": ts("2025-10-20 08:00"),
        "signed_at": ts("2025-10-20 08:30"),
        "contacted_at": ts("2025-10-20 09:00"),
        "closed_at": ts("2025-10-20 09:30"),
        "visited_at": ts("2025-10-21 10:00"),
        "satisfaction": "基本满意",
        "is_resolved": True,
        "reopened_count": 1,
        "status": "已回访",
    },
    # H5 建议 with its own deadline 11/20 (not due in October). Dispatched 10/27 09:30 → response due
    # 10/28 09:30; responded. Returned once, re-dispatched, still open.
    {
        "ticket_id": "H5",
        "community_code": C1,
        "appeal_type": "建议",
        "received_at": ts("2025-10-27 09:00"),
        "dispatched_at": ts("2025-10-27 09:30"),
        "signed_at": ts("2025-10-27 10:00"),
        "contacted_at": ts("2025-10-27 11:00"),
        "deadline_at": ts("2025-11-20 18:00"),
        "returned_count": 1,
        "status": "办理中",
    },
    # H6 表扬: no close deadline. Response due 10/11 (Sat, 调休) 10:00; responded. Closed after 2 h.
    {
        "ticket_id": "H6",
        "community_code": C1,
        "appeal_type": "表扬",
        "received_at": ts("2025-10-10 10:00"),
        "signed_at": ts("2025-10-10 11:00"),
        "contacted_at": ts("2025-10-10 11:30"),
        "closed_at": ts("2025-10-10 12:00"),
        "status": "已办结",
    },
    # H7 投诉 in 东湖, now 已退回 (returned to the centre as not ours): neither due nor backlog, but a
    # dispatched and returned ticket.
    {
        "ticket_id": "H7",
        "community_code": C2,
        "appeal_type": "投诉",
        "received_at": ts("2025-10-13 10:00"),
        "dispatched_at": ts("2025-10-13 10:30"),
        "returned_count": 1,
        "status": "已退回",
    },
    # H11 咨询 in 郭亮, Mon 10/20 09:00 → response due 10/21 09:00, close due 10/22 09:00. Responded,
    # closed 10/21 09:00 (24 h), visited: 满意, resolved.
    {
        "ticket_id": "H11",
        "community_code": C3,
        "appeal_type": "咨询",
        "received_at": ts("2025-10-20 09:00"),
        "signed_at": ts("2025-10-20 09:10"),
        "contacted_at": ts("2025-10-20 09:20"),
        "closed_at": ts("2025-10-21 09:00"),
        "visited_at": ts("2025-10-22 10:00"),
        "satisfaction": "满意",
        "is_resolved": True,
        "status": "已回访",
    },
    # H9 (September) 投诉 Wed 9/10 → close due 9/19 10:00; closed 9/12: on time in September.
    {
        "ticket_id": "H9",
        "community_code": C1,
        "appeal_type": "投诉",
        "received_at": ts("2025-09-10 10:00"),
        "signed_at": ts("2025-09-10 11:00"),
        "contacted_at": ts("2025-09-10 12:00"),
        "closed_at": ts("2025-09-12 10:00"),
        "status": "已办结",
    },
    # H10 (a year before) 咨询 Tue 2024-10-15 → due 10/17; closed the same day: on time.
    {
        "ticket_id": "H10",
        "community_code": C1,
        "appeal_type": "咨询",
        "received_at": ts("2024-10-15 10:00"),
        "closed_at": ts("2024-10-15 15:00"),
        "status": "已办结",
    },
]


@pytest.fixture
def tickets(con):
    street(con)
    insert(con, "hotline_ticket", TICKETS)
    return con


def numbers(value) -> tuple:
    return value.numerator, value.denominator


def test_deadlines_skip_national_day_and_count_the_swapped_saturday(tickets):
    facts = hotline.tickets_behind(tickets, "hotline.response_rate", OCTOBER, "denominator")
    due = dict(zip(facts["ticket_id"], facts["close_due_at"], strict=True))
    response = dict(zip(facts["ticket_id"], facts["response_due_at"], strict=True))
    assert due["H1"] == ts("2025-10-16 10:00")  # 7 working days: 10/9 10/10 10/11 10/13 10/14 10/15 10/16
    assert response["H1"] == ts("2025-10-09 10:00")  # first working day after 9/30
    assert due["H3"] == ts("2025-10-11 10:00")  # 咨询, 2 working days: 10/10, 10/11 (Sat, 调休)
    assert response["H6"] == ts("2025-10-11 10:00")  # the 调休 Saturday is a working day
    assert due["H4"] == ts("2025-10-20 10:00")  # 紧急: 2 hours
    assert due["H5"] == ts("2025-11-20 18:00")  # the export's own deadline wins
    assert due["H6"] is None  # 表扬 has no deadline


def test_october_numbers_by_hand(tickets):
    got = metrics.evaluate_family(tickets, "hotline", OCTOBER)
    # received in October: H3 H4 H5 H6 H7 H11
    assert numbers(got["hotline.tickets"]) == (6, None)
    # due for response: H1 H2 H3 H4 H5 H6 H11 (H7 returned); in time: H1 H4 H5 H6 H11
    assert numbers(got["hotline.response_rate"]) == (5, 7)
    # due to close: H1 H2 H3 H4 H11 (H5 due in Nov, H6 none, H7 returned); on time: H1 H4 H11
    assert numbers(got["hotline.on_time_close_rate"]) == (3, 5)
    assert got["hotline.on_time_close_rate"].value == pytest.approx(0.6)
    # visited in October: H1 H2 H4 H11; resolved H1 H4 H11; 满意/基本满意 H1 H4 H11; 不满意 H2
    assert numbers(got["hotline.resolution_rate"]) == (3, 4)
    assert numbers(got["hotline.satisfaction_rate"]) == (3, 4)
    assert numbers(got["hotline.dissatisfaction_rate"]) == (1, 4)
    # closed in October: H1 H2 H4 H6 H11; visited: H1 H2 H4 H11; reopened: H4
    assert numbers(got["hotline.visit_rate"]) == (4, 5)
    assert numbers(got["hotline.reopen_rate"]) == (1, 5)
    # dispatched in October: H3 H4 H5 H6 H7 H11 (H1, H2 on 9/30); returned: H5 H7
    assert numbers(got["hotline.return_rate"]) == (2, 6)
    # open at the end of October: H3 H5 (H7 is back at the centre); past the deadline: H3
    assert numbers(got["hotline.backlog"]) == (2, None)
    assert numbers(got["hotline.overdue_open"]) == (1, None)


def test_hours_to_close_median_and_p90(tickets):
    got = metrics.evaluate_many(tickets, ["hotline.close_hours_median", "hotline.close_hours_p90"], OCTOBER)
    # closed in October, hours: H4 1.5, H6 2, H11 24, H1 383 (16 days − 1 h), H2 385
    # median of 5 = 24; P90 (linear): position 0.9 × 4 = 3.6 → 383 + 0.6 × (385 − 383) = 384.2
    assert numbers(got["hotline.close_hours_median"]) == (24, 5)
    assert got["hotline.close_hours_p90"].value == pytest.approx(384.2)


def test_three_rate_score_and_red_black_list(tickets):
    street_score = metrics.evaluate(tickets, "hotline.three_rate_score", OCTOBER, compare=False)
    # (30 × 5/7 + 35 × 3/4 + 35 × 3/4) / 100 × 100 = 21.4286 + 26.25 + 26.25
    assert street_score.value == pytest.approx(30 * 5 / 7 + 35 * 0.75 + 35 * 0.75)
    ranking = hotline.three_rate_ranking(tickets, OCTOBER)
    by_code = {row["community_code"]: row for row in ranking.iter_rows(named=True)}
    # 郭亮 (H11): 1/1 each → 100. 岳阳楼: response 4/6 (H1 H4 H5 H6 of H1–H6), resolution 2/3 and
    # satisfaction 2/3 (H1 H2 H4) → 30 × 2/3 + 35 × 2/3 + 35 × 2/3 = 66.67. 东湖: only H7, no rate.
    assert by_code[C3]["score"] == pytest.approx(100) and by_code[C3]["rank"] == 1
    assert by_code[C1]["score"] == pytest.approx(200 / 3) and by_code[C1]["rank"] == 2
    assert by_code[C1]["community_name"] == "岳阳楼社区"
    assert by_code[C2]["score"] is None and by_code[C2]["rank"] is None
    red, black = hotline.red_black_list(tickets, OCTOBER, n=1)
    assert red["community_code"].to_list() == [C3]
    assert black["community_code"].to_list() == [C1]


def test_comparison_with_september_and_a_year_before(tickets):
    got = metrics.evaluate_many(tickets, ["hotline.tickets", "hotline.on_time_close_rate"], OCTOBER)
    # tickets: October 6; September H1 H2 H9 = 3; October 2024 H10 = 1
    assert (got["hotline.tickets"].previous, got["hotline.tickets"].year_ago) == (3, 1)
    assert got["hotline.tickets"].change_mom == 3 and got["hotline.tickets"].change_yoy == 5
    # on time: September H9 1/1; October 2024 H10 (due 10/17, closed 10/15) 1/1; October 3/5
    on_time = got["hotline.on_time_close_rate"]
    assert (on_time.previous, on_time.year_ago) == (1.0, 1.0)
    assert on_time.change_mom == pytest.approx(0.6 - 1.0)


def test_mid_month_as_of_judges_only_what_has_happened(tickets):
    early = Filter.month(2025, 10, as_of=dt.datetime(2025, 10, 12))
    got = metrics.evaluate_many(
        tickets, ["hotline.on_time_close_rate", "hotline.backlog", "hotline.overdue_open"], early
    )
    # by 10/12 00:00 only H3 (due 10/11 10:00) has fallen due, and it is open: 0/1. H1/H2 (due 10/16) wait.
    assert numbers(got["hotline.on_time_close_rate"]) == (0, 1)
    # open then: H1 H2 (closed 10/16, after as_of) and H3; H6 closed 10/10; later tickets not received yet
    assert numbers(got["hotline.backlog"]) == (3, None)
    assert numbers(got["hotline.overdue_open"]) == (1, None)


def test_overdue_list_with_days_overdue_and_action_columns(tickets):
    listed = hotline.overdue(tickets, OCTOBER)
    assert listed.columns[:6] == list(hotline.ACTION_COLUMNS)
    assert listed["ref"].to_list() == ["H3", "H2"]  # open first, then closed late
    h3, h2 = listed.row(0, named=True), listed.row(1, named=True)
    # H3: due 10/11 10:00, open on 11/1 00:00 → 20 days 14 hours → 21 days begun
    assert (h3["days_overdue"], h3["state"], h3["responsible"]) == (21, "超期未办结", "市城管局")
    # H2: due 10/16 10:00, closed 11:00 → 1 day begun; no 承办单位 → its community
    assert (h2["days_overdue"], h2["state"], h2["responsible"]) == (1, "超期办结", "岳阳楼社区")
    assert h2["due_at"] == ts("2025-10-16 10:00") and h2["item"].startswith("12345工单超期办结")


def test_rows_behind_numerator_and_denominator(tickets):
    def ids(part):
        rows = hotline.tickets_behind(tickets, "hotline.on_time_close_rate", OCTOBER, part)
        return sorted(rows["ticket_id"])

    assert ids("denominator") == ["H1", "H11", "H2", "H3", "H4"]
    assert ids("numerator") == ["H1", "H11", "H4"]
    backlog = hotline.tickets_behind(tickets, "hotline.backlog", OCTOBER, "numerator")
    assert sorted(backlog["ticket_id"]) == ["H3", "H5"]
    assert not any(c.startswith(("n_", "d_")) for c in backlog.columns)
    with pytest.raises(ValueError):
        hotline.tickets_behind(tickets, "grid.events", OCTOBER)


def test_hours_histogram(tickets):
    bins = hotline.close_hours_histogram(tickets, OCTOBER)
    counts = dict(zip(bins["upper_h"], bins["tickets"], strict=True))
    # 1.5 h → [0, 2); 2 h → [2, 8); 24 h → [24, 48); 383 h, 385 h → [336, ∞)
    assert counts == {2: 1, 8: 1, 24: 0, 48: 1, 72: 0, 120: 0, 168: 0, 336: 0, None: 2}
    assert bins["share"].sum() == pytest.approx(1.0)


def test_row_scope_hides_other_communities(tickets):
    only_guoliang = Scope(communities=(C3,))
    got = metrics.evaluate(tickets, "hotline.tickets", OCTOBER, scope=only_guoliang)
    assert got.numerator == 1  # H11 only
    frame = metrics.frame_by(tickets, "hotline.response_rate", OCTOBER, "community", scope=only_guoliang)
    assert frame["key"].to_list() == [C3]
    # asking for 岳阳楼 with a 郭亮-only scope shows nothing, not 岳阳楼's numbers
    asked = Filter.month(2025, 10, communities=(C1,), as_of=END_OF_OCTOBER)
    hidden = metrics.evaluate(tickets, "hotline.response_rate", asked, scope=only_guoliang, compare=False)
    assert (hidden.value, hidden.status) == (None, "none")
    assert hotline.overdue(tickets, asked, scope=only_guoliang).is_empty()


def test_a_month_without_tickets_shows_no_rate(tickets):
    empty = Filter.month(2025, 6)
    got = metrics.evaluate_family(tickets, "hotline", empty)
    assert got["hotline.tickets"].value == 0
    for rate in ("response_rate", "on_time_close_rate", "satisfaction_rate", "return_rate"):
        value = got[f"hotline.{rate}"]
        assert (value.value, value.status, value.text()) == (None, "none", "— · 0/0")
    assert got["hotline.close_hours_median"].value is None
    assert got["hotline.three_rate_score"].value is None
    assert hotline.overdue(tickets, empty).is_empty()


REPEATS = [
    # same address (spaces differ) and 二级分类, 15 days apart: A2 repeats A1
    # (A1 closed in September: nothing of October concerns it, yet it makes A2 a repeat)
    {
        "ticket_id": "A1",
        "address": "金鹗路 12 号",
        "received_at": ts("2025-09-20 10:00"),
        "closed_at": ts("2025-09-21 10:00"),
    },
    {"ticket_id": "A2", "address": "金鹗路12号", "received_at": ts("2025-10-05 10:00")},
    # same address, another category: not a repeat
    {
        "ticket_id": "E1",
        "address": "金鹗路12号",
        "category_l2": "道路不洁",
        "received_at": ts("2025-10-08 10:00"),
    },
    # same address and category 70 days apart: outside the 30-day window
    {"ticket_id": "B1", "address": "南湖大道3号", "received_at": ts("2025-08-01 10:00")},
    {"ticket_id": "B2", "address": "南湖大道3号", "received_at": ts("2025-10-10 10:00")},
    # 咨询 is not a complaint type (repeat_appeal_types)
    {"ticket_id": "Q1", "address": "洞庭路1号", "appeal_type": "咨询", "received_at": ts("2025-10-03 10:00")},
    {"ticket_id": "Q2", "address": "洞庭路1号", "appeal_type": "咨询", "received_at": ts("2025-10-06 10:00")},
]


def test_repeat_complaints(con):
    street(con)
    base = {"community_code": C1, "appeal_type": "投诉", "category_l1": "城市管理", "category_l2": "噪音扰民"}
    insert(con, "hotline_ticket", [{**base, **row} for row in REPEATS])
    listed = hotline.repeat_complaints(con, OCTOBER)
    assert listed.columns[:6] == list(hotline.ACTION_COLUMNS)
    assert listed.height == 1
    row = listed.row(0, named=True)
    assert (row["ref"], row["tickets"], row["repeats"]) == ("A2", 2, 1)
    assert row["ticket_ids"] == ["A1", "A2"] and row["category"] == "噪音扰民"
    # A2 投诉 received Sun 10/5 (holiday): 7 working days 10/9 10/10 10/11 (调休) 10/13 10/14 10/15 10/16
    assert row["due_at"] == ts("2025-10-16 10:00")
    # still open on 11/1 00:00: 15 days 14 hours past → 16 days begun
    assert row["days_overdue"] == 16


def test_top_categories_with_month_and_year_change(con):
    street(con)
    counts = {  # (month, category) → tickets
        ("2025-10", "城市管理"): 3,
        ("2025-10", "环境保护"): 2,
        ("2025-10", "公共服务"): 1,
        ("2025-09", "城市管理"): 2,
        ("2025-09", "环境保护"): 2,
        ("2024-10", "城市管理"): 1,
        ("2024-10", "公共服务"): 2,
    }
    rows = [
        {"ticket_id": f"{month}-{cat}-{i}", "category_l1": cat, "received_at": ts(f"{month}-1{i} 10:00")}
        for (month, cat), n in counts.items()
        for i in range(n)
    ]
    insert(con, "hotline_ticket", rows)
    top = hotline.top_categories(con, OCTOBER, n=2)
    assert top["key"].to_list() == ["城市管理", "环境保护"]
    first, second = top.row(0, named=True), top.row(1, named=True)
    # 城市管理: 3 of 6 this month; 环比 (3 − 2) / 2 = +50 %; 同比 (3 − 1) / 1 = +200 %
    assert (first["tickets"], first["previous"], first["year_ago"]) == (3, 2, 1)
    assert first["share"] == pytest.approx(0.5)
    assert (first["change_mom"], first["change_yoy"]) == (pytest.approx(0.5), pytest.approx(2.0))
    # 环境保护: 2 vs 2 → 0 %; none a year ago → no 同比
    assert (second["change_mom"], second["change_yoy"]) == (0.0, None)
    # no 二级分类 given: all six October tickets are 未分类 at that level
    by_l2 = hotline.top_categories(con, OCTOBER, n=2, level="subcategory")
    assert by_l2.select("key", "tickets").rows() == [("未分类", 6)]
