"""The metric registry: definitions, parameters, values with both numbers, colours, 环比/同比, trend,
row scope and the display format. Family-specific numbers are in test_hotline.py and test_grid.py."""

from __future__ import annotations

import datetime as dt

import pytest

from jiedao import metric_model, metrics, queries
from jiedao.filters import Filter, Scope
from jiedao.metrics import Metric, Value
from tests.jiedao.rows import C1, C2, insert, street, ts


def value_of(metric_id: str, numerator, denominator) -> Value:
    metric = metrics.get(metric_id)
    value = metric.value_of(numerator, denominator)
    return Value(metric, numerator, denominator, value, metric.status(value))


def test_display_format_shows_both_numbers():
    # 1,203 / 1,302 = 0.92396 → 92.4 %
    assert value_of("hotline.on_time_close_rate", 1203, 1302).text() == "92.4 % · 1,203/1,302"
    assert value_of("hotline.tickets", 1203, None).text() == "1,203 件"
    assert value_of("hotline.close_hours_median", 24.25, 5).text() == "24.2 小时"
    # 4 events / 1,500 households × 1,000 = 2.67
    assert value_of("grid.events_per_1000_households", 4, 1500).text() == "2.7 件/千户 · 4/1,500"


def test_zero_denominator_is_no_value_never_zero_percent():
    empty = value_of("hotline.response_rate", 0, 0)
    assert (empty.value, empty.status, empty.text()) == (None, "none", "— · 0/0")
    assert value_of("hotline.response_rate", None, None).value is None


def test_status_colours_follow_direction_and_config():
    # config/hotline.toml: on-time green ≥ 0.98, yellow ≥ 0.95; return rate (down) green ≤ 0.05, yellow ≤ 0.10
    on_time, returned = metrics.get("hotline.on_time_close_rate"), metrics.get("hotline.return_rate")
    assert [on_time.status(v) for v in (0.99, 0.98, 0.97, 0.90, None)] == [
        "green",
        "green",
        "yellow",
        "red",
        "none",
    ]
    assert [returned.status(v) for v in (0.01, 0.07, 0.2)] == ["green", "yellow", "red"]
    assert metrics.get("hotline.tickets").status(5) == "none"  # no thresholds configured


def test_definitions_are_complete():
    for metric in metrics.all_metrics():
        assert metric.zh and metric.en and metric.unit and metric.numerator_zh and metric.numerator_en, (
            metric.id
        )
        if metric.kind == "rate":
            assert metric.denominator_zh and metric.denominator_en, metric.id
        assert set(metric.grains) <= set(metrics.GRAINS), metric.id
    assert {"hotline", "grid"} <= set(metrics.families())


# DOMAIN.md §4–§6, measure by measure, and the metric that computes it.
DOMAIN_MEASURES = {
    "两新组织党组织覆盖率": "coverage.org_coverage",  # DOMAIN: 组织覆盖率 of 两新组织
    "单独组建率": "coverage.own_branch_rate",
    "工作覆盖率": "coverage.work_coverage",
    "物业企业党组织覆盖率": "coverage.property_party_coverage",
    "网格党支部覆盖率": "coverage.grid_branch_coverage",
    "楼栋党小组覆盖率": "coverage.building_group_coverage",
    "双报到率": "coverage.dual_report_rate",
    "志愿者注册率": "coverage.volunteer_rate",
    "社区用房达标率": "coverage.premises_compliance",
    "网格员配备率": "coverage.grid_worker_rate",
    "党群服务中心步行覆盖率": "coverage.walking_coverage",
    "响应率": "hotline.response_rate",
    "解决率": "hotline.resolution_rate",
    "满意率": "hotline.satisfaction_rate",
    "不满意率": "hotline.dissatisfaction_rate",
    "按期办结率": "hotline.on_time_close_rate",
    "回退率": "hotline.return_rate",
    "重办率": "hotline.reopen_rate",
    "回访率": "hotline.visit_rate",
    "积压工单": "hotline.backlog",
    "超期未办结": "hotline.overdue_open",
    "办结时长中位数": "hotline.close_hours_median",
    "办结时长P90": "hotline.close_hours_p90",
    "三率综合得分": "hotline.three_rate_score",
    "千户事件数": "grid.events_per_1000_households",
    "按时结案率": "grid.on_time_close_rate",
    "平均结案时长": "grid.mean_hours_to_close",
    "返工率": "grid.reopen_rate",
    "巡查完成率": "grid.patrol_completion",
    "千户工单数": "grid.tickets_per_1000_households",
}
# Volumes describe the street; they are not targets and carry no colour.
VOLUMES = {
    "hotline.tickets",
    "hotline.backlog",
    "grid.events",
    "grid.events_per_1000_households",
    "grid.tickets_per_1000_households",
}


def test_every_domain_measure_is_registered():
    for label, metric_id in DOMAIN_MEASURES.items():
        assert metrics.get(metric_id).zh == label
    assert {m.family for m in metrics.all_metrics()} == {"coverage", "grid", "hotline", "meetings"}


def test_every_judged_metric_has_thresholds_in_its_rule_file():
    for metric in metrics.all_metrics():
        limits = metric.thresholds()
        if metric.id in VOLUMES:
            assert limits is None, metric.id
            continue
        assert limits is not None and set(limits) == {"green", "yellow"}, metric.id
        better = (
            limits["green"] >= limits["yellow"]
            if metric.direction == "up"
            else limits["green"] <= limits["yellow"]
        )
        assert better, metric.id
        assert metric.time_grain in metric_model.TIME_GRAINS and metric.unit, metric.id


def test_bad_definitions_are_refused():
    with pytest.raises(ValueError, match="kind"):
        Metric("x.y", "x", "x", "%", "up", "q", kind="ratio")
    with pytest.raises(ValueError, match="direction"):
        Metric("x.y", "x", "x", "%", "sideways", "q")
    with pytest.raises(ValueError, match="twice"):
        metrics.register(metrics.get("hotline.tickets"))
    with pytest.raises(KeyError, match="unknown metric"):
        metrics.get("hotline.nothing")


def test_query_params_from_filter_config_and_caller():
    flt = Filter.month(2025, 10, communities=(C1,), as_of=dt.datetime(2025, 10, 20))
    rules = {"params": {"limit_days": 7, "close_workdays": {"咨询": 2, "投诉": 7}}}
    sql = "SELECT $start, $as_of, $communities, $limit_days, $close_workdays_keys, $close_workdays_values, $n"
    got = metrics.query_params(sql, flt, None, rules, {"n": 3, "unused": 1})
    assert got == {
        "start": dt.date(2025, 10, 1),
        "as_of": dt.datetime(2025, 10, 20),
        "communities": [C1],
        "limit_days": 7,
        "close_workdays_keys": ["咨询", "投诉"],
        "close_workdays_values": [2, 7],
        "n": 3,
    }
    with pytest.raises(KeyError, match="not provided: nowhere"):
        metrics.query_params("SELECT $nowhere", flt, None, rules)
    # A $name inside a comment is prose, not a parameter: DuckDB would refuse it as excess.
    assert metrics.query_params("-- judged before $end\nSELECT $start", flt, None, rules) == {
        "start": dt.date(2025, 10, 1)
    }


def test_as_of_defaults_to_period_end_or_now():
    assert Filter.month(2025, 10).judged_at() == dt.datetime(2025, 11, 1)
    pinned = Filter.month(2025, 10, as_of=dt.datetime(2025, 10, 20, 8))
    assert pinned.params()["as_of"] == dt.datetime(2025, 10, 20, 8)
    assert pinned.previous().judged_at() == dt.datetime(2025, 10, 1)  # kept within September
    future = Filter.month(2099, 1).judged_at()
    assert future < dt.datetime(2099, 1, 1)  # a period not begun is judged now, not at its end


def test_sql_blocks_include_other_blocks():
    blocks = {"a": "SELECT 1 -- one", "b": "SELECT * FROM ({{a}})", "c": "({{c}})", "d": "({{zz}})"}
    assert queries._expand("t", blocks, "b", ()) == "SELECT * FROM (\nSELECT 1 -- one\n)"
    with pytest.raises(ValueError, match="includes itself"):
        queries._expand("t", blocks, "c", ())
    with pytest.raises(KeyError, match="zz"):
        queries._expand("t", blocks, "d", ())
    assert "{{" not in queries.family("hotline")["summary"]


@pytest.fixture
def monthly(con):
    """Tickets received: 岳阳楼 3 in Oct 2026, 2 in Sep 2026, 4 in Oct 2025; 东湖 1 in Oct 2026."""
    street(con)
    days = {C1: ["2026-10-03", "2026-10-15", "2026-10-28", "2026-09-10", "2026-09-11"] + ["2025-10-12"] * 4}
    rows = [
        {"ticket_id": f"K{i}", "community_code": C1, "received_at": ts(f"{d} 10:00")}
        for i, d in enumerate(days[C1])
    ]
    rows.append({"ticket_id": "K99", "community_code": C2, "received_at": ts("2026-10-05 10:00")})
    insert(con, "hotline_ticket", rows)
    return con


def test_comparison_with_the_previous_month_and_a_year_ago(monthly):
    flt = Filter.month(2026, 10, communities=(C1,))
    got = metrics.evaluate(monthly, "hotline.tickets", flt)
    assert (got.value, got.previous, got.year_ago) == (3, 2, 4)
    assert (got.change_mom, got.change_yoy) == (1, -1)
    assert metrics.evaluate(monthly, "hotline.tickets", flt, compare=False).previous is None


def test_trend_gives_every_month_even_empty_ones(monthly):
    trend = metrics.trend(monthly, "hotline.tickets", Filter.month(2026, 10), months=3)
    assert trend["month"].to_list() == [dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)]
    assert trend["value"].to_list() == [0, 2, 4]  # October: 岳阳楼 3 + 东湖 1


def test_row_scope_is_applied_to_every_query(monthly):
    flt = Filter.month(2026, 10)
    assert metrics.evaluate(monthly, "hotline.tickets", flt).value == 4
    only_donghu = Scope(communities=(C2,))
    assert metrics.evaluate(monthly, "hotline.tickets", flt, only_donghu).value == 1
    assert metrics.frame_by(monthly, "hotline.tickets", flt, "community", only_donghu)["key"].to_list() == [
        C2
    ]
    # asking for 岳阳楼 while allowed only 东湖 yields nothing, never 岳阳楼's numbers
    asked = Filter.month(2026, 10, communities=(C1,))
    assert metrics.evaluate(monthly, "hotline.tickets", asked, only_donghu).value == 0
    assert metrics.run_query(monthly, "hotline", "overdue", asked, only_donghu, by="community").is_empty()


def test_family_evaluation_matches_one_by_one(monthly):
    flt = Filter.month(2026, 10)
    together = metrics.evaluate_family(monthly, "hotline", flt)
    assert list(together) == [m.id for m in metrics.all_metrics("hotline")]
    for metric_id, value in together.items():
        alone = metrics.evaluate(monthly, metric_id, flt)
        assert (value.numerator, value.denominator, value.previous, value.year_ago) == (
            alone.numerator,
            alone.denominator,
            alone.previous,
            alone.year_ago,
        ), metric_id
    frames = metrics.frames_by(monthly, ["hotline.tickets", "hotline.backlog"], flt, "community")
    assert frames["hotline.tickets"].equals(metrics.frame_by(monthly, "hotline.tickets", flt, "community"))
    with pytest.raises(KeyError):
        metrics.evaluate_family(monthly, "nothing", flt)


def test_rows_behind_checks_its_arguments(monthly):
    flt = Filter.month(2026, 10)
    rows = metrics.rows_behind(monthly, "hotline.tickets", flt, "numerator", limit=2)
    assert rows.height == 2 and set(rows["ticket_id"]) <= {"K0", "K1", "K2", "K99"}
    with pytest.raises(ValueError, match="part"):
        metrics.rows_behind(monthly, "hotline.tickets", flt, "both")
    with pytest.raises(KeyError, match="no row-level query"):
        metrics.rows_behind(monthly, "hotline.three_rate_score", flt)
