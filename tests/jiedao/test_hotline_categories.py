"""The hotline page's needs on the family module: the category filter (``Filter.categories``), the
category choices, the 红黑榜's rates as fractions, and several trends at once. The tickets are those
of test_hotline.py (their deadlines are worked out there), with 一级分类 added here:
H1 H2 H3 城市管理, H4 H11 公共服务, the rest none."""

from __future__ import annotations

from dataclasses import replace

import pytest
from polars.testing import assert_frame_equal

from jiedao import hotline, metrics
from jiedao.filters import Filter
from tests.jiedao.rows import C1, C3, insert, street
from tests.jiedao.test_hotline import END_OF_OCTOBER, OCTOBER, TICKETS

CATEGORY = {"H1": "城市管理", "H2": "城市管理", "H3": "城市管理", "H4": "公共服务", "H11": "公共服务"}
CITY = replace(OCTOBER, categories=("城市管理",))
PUBLIC = replace(OCTOBER, categories=("公共服务",))


@pytest.fixture
def tickets(con):
    street(con)
    insert(con, "hotline_ticket", [{**t, "category_l1": CATEGORY.get(t["ticket_id"])} for t in TICKETS])
    return con


def numbers(value) -> tuple:
    return value.numerator, value.denominator


def test_category_filter_narrows_every_hotline_number(tickets):
    got = metrics.evaluate_many(
        tickets, ["hotline.tickets", "hotline.response_rate", "hotline.on_time_close_rate"], CITY
    )
    # 城市管理 = H1 H2 H3. Received in October: H3. Due for response: H1 H2 H3, in time only H1
    # (H2 signed an hour late, H3 never contacted). Due to close: H1 H2 H3, on time only H1.
    assert numbers(got["hotline.tickets"]) == (1, None)
    assert numbers(got["hotline.response_rate"]) == (1, 3)
    assert numbers(got["hotline.on_time_close_rate"]) == (1, 3)
    # 公共服务 = H4 H11, both received, due and closed on time in October
    public = metrics.evaluate_many(tickets, ["hotline.tickets", "hotline.on_time_close_rate"], PUBLIC)
    assert numbers(public["hotline.tickets"]) == (2, None)
    assert numbers(public["hotline.on_time_close_rate"]) == (2, 2)


def test_category_filter_narrows_the_lists(tickets):
    assert hotline.overdue(tickets, CITY)["ref"].to_list() == ["H3", "H2"]  # as in the whole street
    assert hotline.overdue(tickets, PUBLIC).is_empty()
    behind = hotline.tickets_behind(tickets, "hotline.on_time_close_rate", CITY, "denominator")
    assert sorted(behind["ticket_id"]) == ["H1", "H2", "H3"]
    top = hotline.top_categories(tickets, CITY)
    assert top.select("key", "tickets").rows() == [("城市管理", 1)]  # H3 received in October


def test_category_choices_follow_the_communities(tickets):
    # 城市管理 3 tickets (H1 H2 H3), 公共服务 2 (H4 H11): most first; uncategorised ones are no choice
    assert hotline.categories(tickets, OCTOBER) == ["城市管理", "公共服务"]
    assert hotline.categories(tickets, replace(OCTOBER, communities=(C3,))) == ["公共服务"]  # H11


def test_red_black_list_rates_are_fractions(tickets):
    ranking = hotline.three_rate_ranking(tickets, OCTOBER)
    yueyanglou = ranking.filter(ranking["community_code"] == C1).row(0, named=True)
    # 岳阳楼 (test_hotline): response 4/6, resolution 2/3, satisfaction 2/3 — not rounded to 1
    assert (yueyanglou["n_response_rate"], yueyanglou["d_response_rate"]) == (4, 6)
    assert yueyanglou["response_rate"] == pytest.approx(4 / 6)
    assert yueyanglou["resolution_rate"] == pytest.approx(2 / 3)
    assert yueyanglou["satisfaction_rate"] == pytest.approx(2 / 3)


def test_trends_of_several_metrics_equal_each_trend(tickets):
    ids = ["hotline.tickets", "hotline.on_time_close_rate"]
    both = metrics.trends(tickets, ids, OCTOBER, months=2)
    for metric_id in ids:
        assert_frame_equal(both[metric_id], metrics.trend(tickets, metric_id, OCTOBER, months=2))
    # tickets received: September H1 H2 H9 = 3, October H3 H4 H5 H6 H7 H11 = 6
    assert both["hotline.tickets"]["numerator"].to_list() == [3, 6]
    # on time: September H9 1/1, October 3/5 (test_hotline)
    on_time = both["hotline.on_time_close_rate"]
    assert on_time["value"].to_list() == [1.0, pytest.approx(0.6)]


def test_trends_keep_the_category(tickets):
    city = metrics.trends(tickets, ["hotline.tickets"], CITY, months=2)["hotline.tickets"]
    # 城市管理 received: September H1 H2, October H3
    assert city["numerator"].to_list() == [2, 1]
    assert {m.categories for m in metrics.months_ending(CITY, 12)} == {("城市管理",)}
    quarter = Filter(OCTOBER.start.replace(month=8), OCTOBER.end, as_of=END_OF_OCTOBER)
    months = metrics.months_ending(quarter, 2)
    assert [(m.start.month, m.end.month) for m in months] == [(9, 10), (10, 11)]


def test_values_and_trends_in_one_batch_equal_each_on_its_own(tickets):
    ids = ["hotline.tickets", "hotline.on_time_close_rate"]
    values, trends = metrics.evaluate_with_trends(tickets, ids, OCTOBER, months=3)
    alone = metrics.evaluate_many(tickets, ids, OCTOBER)
    for metric_id in ids:
        assert_frame_equal(trends[metric_id], metrics.trend(tickets, metric_id, OCTOBER, months=3))
        got, want = values[metric_id], alone[metric_id]
        assert (got.numerator, got.denominator, got.previous, got.year_ago) == (
            want.numerator,
            want.denominator,
            want.previous,
            want.year_ago,
        )
    # October: on time 3/5, September 1/1, a year before 1/1 (test_hotline); August had no ticket due
    assert values["hotline.on_time_close_rate"].numerator == 3
    assert trends["hotline.on_time_close_rate"]["value"].to_list() == [None, 1.0, pytest.approx(0.6)]
