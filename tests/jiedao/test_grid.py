"""Grid metrics and lists on hand-made grids, events, workers and patrols, counted by hand.

October 2025 working days (国务院办公厅 schedule: 10/1–10/8 off, Sat 10/11 调休): 10/9, 10/10, 10/11,
10/13–17, 10/20–24, 10/27–31 = 3 + 15 = 18.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from jiedao import grid, metrics
from jiedao.filters import Filter, Scope
from tests.jiedao.rows import C1, C2, insert, street, ts

OCTOBER = Filter.month(2025, 10, as_of=dt.datetime(2025, 11, 1))
GRIDS = [
    {"grid_code": "G1", "community_code": C1, "name": "一网格", "households": 400},
    {"grid_code": "G2", "community_code": C1, "name": "二网格", "households": 600},
    {"grid_code": "G3", "community_code": C2, "name": "三网格", "households": 500},
]
EVENTS = [
    # E1 一般 (3 working days) 9/30 10:00 → due 10/11 (Sat, 调休) 10:00; closed 10/10 16:00: on time, 246 h
    {
        "event_code": "E1",
        "grid_code": "G1",
        "deadline_class": "一般",
        "reported_at": ts("2025-09-30 10:00"),
        "closed_at": ts("2025-10-10 16:00"),
        "status": "结案",
    },
    # E2 即办 10/13 09:00 → due by the end of the day; closed 20:00: on time, 11 h; sent back once
    {
        "event_code": "E2",
        "grid_code": "G1",
        "deadline_class": "即办",
        "reported_at": ts("2025-10-13 09:00"),
        "closed_at": ts("2025-10-13 20:00"),
        "reopened_count": 1,
        "status": "结案",
    },
    # E3 复杂 (7) Mon 10/20 10:00 → 10/21 22 23 24 27 28 29: due 10/29 10:00; still open → overdue
    {"event_code": "E3", "grid_code": "G2", "deadline_class": "复杂", "reported_at": ts("2025-10-20 10:00")},
    # E4 no class → default 3 working days: Mon 10/27 → due 10/30 10:00; closed 10/31 10:00: late, 96 h
    {
        "event_code": "E4",
        "grid_code": "G3",
        "reported_at": ts("2025-10-27 10:00"),
        "closed_at": ts("2025-10-31 10:00"),
        "status": "结案",
    },
    # E5 with the export's own deadline 11/15: not due in October; open
    {
        "event_code": "E5",
        "grid_code": "G1",
        "deadline_class": "一般",
        "reported_at": ts("2025-10-28 08:00"),
        "deadline_at": ts("2025-11-15 18:00"),
    },
    # E6 September only
    {
        "event_code": "E6",
        "grid_code": "G2",
        "deadline_class": "一般",
        "reported_at": ts("2025-09-15 10:00"),
        "closed_at": ts("2025-09-16 10:00"),
        "status": "结案",
    },
]
WORKERS = [
    {"worker_id": "W1", "grid_code": "G1", "started_on": dt.date(2025, 1, 1)},
    {"worker_id": "W2", "grid_code": "G2", "started_on": dt.date(2025, 10, 15)},
    {"worker_id": "W3", "grid_code": "G3", "full_time": False},
]
PATROLS = [  # (worker, start time)
    ("W1", "2025-10-09 08:00"),
    ("W1", "2025-10-09 14:00"),
    ("W1", "2025-10-09 18:00"),  # 3 → counts 2
    ("W1", "2025-10-10 09:00"),  # 1
    ("W1", "2025-10-11 09:00"),
    ("W1", "2025-10-11 15:00"),  # Sat 调休, a working day: 2
    ("W1", "2025-10-12 09:00"),
    ("W1", "2025-10-12 15:00"),  # Sunday: not required, not counted
    ("W1", "2025-10-04 09:00"),  # National Day: not counted
    ("W2", "2025-10-14 09:00"),
    ("W2", "2025-10-14 15:00"),  # before W2 started: not counted
    ("W2", "2025-10-15 09:00"),
    ("W2", "2025-10-15 15:00"),  # 2
    ("W3", "2025-10-09 09:00"),
    ("W3", "2025-10-09 15:00"),  # part-time: not held to the rule
]
TICKETS = [
    {"ticket_id": "T1", "community_code": C1, "grid_code": "G1", "received_at": ts("2025-10-09 10:00")},
    {"ticket_id": "T2", "community_code": C1, "grid_code": "G1", "received_at": ts("2025-10-20 10:00")},
    {"ticket_id": "T3", "community_code": C1, "received_at": ts("2025-10-21 10:00")},  # no grid
    {"ticket_id": "T4", "community_code": C2, "grid_code": "G3", "received_at": ts("2025-09-21 10:00")},
]


@pytest.fixture
def grids(con):
    street(con)
    insert(con, "grid", GRIDS)
    insert(con, "grid_event", EVENTS)
    insert(con, "grid_worker", WORKERS)
    rows = [
        {"patrol_id": f"P{i}", "worker_id": w, "grid_code": w.replace("W", "G"), "started_at": ts(t)}
        for i, (w, t) in enumerate(PATROLS)
    ]
    insert(con, "patrol", rows)
    insert(con, "hotline_ticket", TICKETS)
    return con


def numbers(value) -> tuple:
    return value.numerator, value.denominator


def test_october_numbers_by_hand(grids):
    got = metrics.evaluate_family(grids, "grid", OCTOBER)
    # reported in October: E2 E3 E4 E5; households 400 + 600 + 500 = 1,500 → 4 / 1,500 × 1,000
    assert numbers(got["grid.events"]) == (4, None)
    assert numbers(got["grid.events_per_1000_households"]) == (4, 1500)
    assert got["grid.events_per_1000_households"].value == pytest.approx(4 / 1.5)
    # due in October: E1 (10/11) E2 (10/14 00:00) E3 (10/29) E4 (10/30); on time: E1 E2
    assert numbers(got["grid.on_time_close_rate"]) == (2, 4)
    # closed in October: E1 246 h, E2 11 h, E4 96 h → 353 h / 3
    assert numbers(got["grid.mean_hours_to_close"]) == (pytest.approx(353), 3)
    assert numbers(got["grid.reopen_rate"]) == (1, 3)  # E2
    assert numbers(got["grid.overdue_open"]) == (1, None)  # E3
    # W1: 18 working days × 2 = 36 required, done 2 + 1 + 2 = 5; W2 from 10/15: 13 days × 2 = 26, done 2
    assert numbers(got["grid.patrol_completion"]) == (7, 62)
    # tickets received in October: T1 T2 T3 → 3 / 1,500 × 1,000 = 2.0
    assert numbers(got["grid.tickets_per_1000_households"]) == (3, 1500)
    assert got["grid.tickets_per_1000_households"].value == pytest.approx(2.0)
    # 环比: September events E6 only (E1 was reported 9/30 too) → 2
    assert got["grid.events"].previous == 2


def test_per_grid_measures_for_the_heatmap(grids):
    frame = grid.measures(grids, OCTOBER)
    assert frame["grid_code"].to_list() == ["G1", "G2", "G3"]
    rows = {row["grid_code"]: row for row in frame.iter_rows(named=True)}
    # G1: E2 E5 reported → 2 / 400 × 1,000 = 5; tickets T1 T2 → 5; patrols 5/36; closed E1 E2 → (246 + 11) / 2
    assert rows["G1"]["events_per_1000_households"] == pytest.approx(5.0)
    assert rows["G1"]["tickets_per_1000_households"] == pytest.approx(5.0)
    assert (rows["G1"]["patrol_completion_numerator"], rows["G1"]["patrol_completion_denominator"]) == (5, 36)
    assert rows["G1"]["mean_hours_to_close"] == pytest.approx(128.5)
    assert rows["G1"]["community_name"] == "岳阳楼社区" and rows["G1"]["grid_name"] == "一网格"
    # G2: E3 only, open and overdue: on time 0/1; nothing closed → no mean (0 denominator)
    assert rows["G2"]["on_time_close_rate"] == 0.0 and rows["G2"]["mean_hours_to_close"] is None
    # G3: its only worker is part-time: no patrol requirement → no value, not 0 %
    assert rows["G3"]["patrol_completion"] is None and rows["G3"]["patrol_completion_status"] == "none"
    assert rows["G3"]["tickets_per_1000_households"] == 0.0  # T4 is September's


def test_community_grain_counts_tickets_without_a_grid(grids):
    frame = metrics.frame_by(grids, "grid.tickets_per_1000_households", OCTOBER, "community")
    values = dict(zip(frame["key"], frame["value"], strict=True))
    # 岳阳楼: T1 T2 T3 / (400 + 600) × 1,000 = 3; 东湖: 0 / 500
    assert values == {C1: pytest.approx(3.0), C2: 0.0}


def test_grids_short_of_patrols_with_action_columns(grids):
    short = grid.patrol_shortfall(grids, OCTOBER)
    assert short.columns[:6] == ["item", "ref", "community_code", "responsible", "due_at", "days_overdue"]
    # G2 2/26 = 7.7 % before G1 5/36 = 13.9 %; G3 has no requirement
    assert short["ref"].to_list() == ["G2", "G1"]
    g2 = short.row(0, named=True)
    assert g2["item"] == "网格巡查不足：二网格 完成 2/26 次"
    assert (g2["patrols_done"], g2["patrols_required"], g2["shortfall"]) == (2, 26, 24)
    assert g2["responsible"] == "岳阳楼社区" and g2["due_at"] == dt.datetime(2025, 11, 1)
    assert g2["days_overdue"] is None  # judged at the period's end: nothing overdue yet
    later = Filter.month(2025, 10, as_of=dt.datetime(2025, 11, 3, 12))
    assert grid.patrol_shortfall(grids, later)["days_overdue"].to_list() == [3, 3]  # 2.5 days begun → 3


def test_mid_month_patrols_count_only_days_that_have_ended(grids):
    mid = Filter.month(2025, 10, as_of=dt.datetime(2025, 10, 11, 12))
    got = metrics.evaluate(grids, "grid.patrol_completion", mid, compare=False)
    # ended by 10/11 12:00: 10/9 and 10/10 → W1 4 required, done 2 + 1; 10/11 patrols not yet judged
    assert numbers(got) == (3, 4)


def test_latest_events_respect_the_scope(grids):
    latest = grid.latest_events(grids, OCTOBER, "G1", limit=2)
    assert latest["event_code"].to_list() == ["E5", "E2"]
    assert grid.latest_events(grids, OCTOBER, "G1", scope=Scope(communities=(C2,))).is_empty()


def test_row_scope_and_empty_periods(grids):
    only_donghu = Scope(communities=(C2,))
    got = metrics.evaluate_family(grids, "grid", OCTOBER, scope=only_donghu)
    assert numbers(got["grid.events"]) == (1, None)  # E4 in G3
    assert numbers(got["grid.events_per_1000_households"]) == (1, 500)
    assert got["grid.patrol_completion"].value is None
    june = metrics.evaluate_family(grids, "grid", Filter.month(2025, 6))
    assert june["grid.events"].value == 0
    assert (june["grid.on_time_close_rate"].value, june["grid.on_time_close_rate"].status) == (None, "none")
    assert june["grid.events_per_1000_households"].value == 0.0  # 0 events of 1,500 households


def test_rows_behind_event_numbers(grids):
    due = metrics.rows_behind(grids, "grid.on_time_close_rate", OCTOBER, "denominator")
    assert sorted(due["event_code"]) == ["E1", "E2", "E3", "E4"]
    with pytest.raises(KeyError):  # households are not event rows
        metrics.rows_behind(grids, "grid.events_per_1000_households", OCTOBER, "denominator")


def test_hotspots_against_each_grids_own_baseline(con):
    street(con)
    insert(
        con, "grid", [*GRIDS, {"grid_code": "G4", "community_code": C2, "name": "四网格", "households": 300}]
    )
    as_of = dt.datetime(2025, 11, 1)
    recent_start = as_of - dt.timedelta(weeks=4)  # 10/4 00:00; baseline: the 12 weeks before
    baseline = [recent_start - dt.timedelta(days=7 * k + 3) for k in range(12)]  # one event a week
    recent = [recent_start + dt.timedelta(days=d, hours=10) for d in range(27)]
    plan = {
        "G1": baseline + recent[:6],  # 6/4 = 1.5 a week vs 1.0: exactly +50 %, not more → no
        "G2": baseline + recent[:8],  # 8/4 = 2.0 vs 1.0: +100 % → hotspot, ratio 2
        "G3": recent[:5],  # 5/4 = 1.25 vs 0 → hotspot (baseline 0), ratio None
        "G4": recent[:4],  # 4 recent events: under hotspot_min_events = 5 → no
    }
    events = [
        {"event_code": f"{g}-{i}", "grid_code": g, "reported_at": t, "category_name": "暴露垃圾"}
        for g, times in plan.items()
        for i, t in enumerate(times)
    ]
    insert(con, "grid_event", events)
    spots = grid.hotspots(con, Filter.month(2025, 10, as_of=as_of))
    # largest excess first: G3 +1.25 a week, G2 +1.0
    assert spots["ref"].to_list() == ["G3", "G2"]
    g3, g2 = spots.row(0, named=True), spots.row(1, named=True)
    assert (g2["recent_events"], g2["baseline_events"], g2["ratio"]) == (8, 12, pytest.approx(2.0))
    assert (g3["recent_weekly"], g3["baseline_weekly"], g3["ratio"]) == (1.25, 0.0, None)
    assert g2["top_category"] == "暴露垃圾" and g2["responsible"] == "岳阳楼社区"


def test_needs_action_lists_union_into_one_table(grids):
    from jiedao import hotline

    lists = [
        hotline.overdue(grids, OCTOBER),
        hotline.repeat_complaints(grids, OCTOBER),
        grid.patrol_shortfall(grids, OCTOBER),
        grid.hotspots(grids, OCTOBER),
    ]
    columns = list(hotline.ACTION_COLUMNS)
    actions = pl.concat([frame.select(columns) for frame in lists], how="vertical")
    # T1–T4 have no appeal type (default 7 working days) and no closing time: all open past their
    # deadline on 11/1 (T4: Sun 9/21 → 9/22 … 9/26, 9/28 调休, 9/29); G1, G2 short of patrols;
    # no repeats (no addresses), no hotspots (no baseline weeks of events)
    assert sorted(actions["ref"]) == ["G1", "G2", "T1", "T2", "T3", "T4"]
    assert actions.schema["due_at"] == pl.Datetime("us") and actions.schema["days_overdue"] == pl.Int32
