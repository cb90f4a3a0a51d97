"""Working-day deadlines across 春节 2026, from the maintained calendar only.

国务院办公厅 2026 schedule (as the chinese_calendar package has it): 2月15日 (Sun) – 23日 (Mon) off;
2月14日 (Sat) and 2月28日 (Sat) are 调休 working days. So after Fri 2月13日 the working days run
2月14日 (Sat), 24日, 25日, 26日, 27日, 28日 (Sat), 3月2日 (Mon), 3日 …

Every deadline the SQL computes (hotline tickets, grid events) must equal ``jiedao.calendar`` — the
package's answer — for tickets and events arriving on each day of the holiday weeks: there is no
hand-written holiday list anywhere to disagree with it.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import polars as pl
import pytest

from jiedao import calendar, metrics
from jiedao.filters import Filter
from tests.jiedao.rows import C1, insert, street, ts

DAYS = [dt.date(2026, 2, 9) + dt.timedelta(days=k) for k in range(24)]  # Mon 2/9 – Tue 3/3
HOLIDAY_WEEKS = Filter(dt.date(2026, 2, 1), dt.date(2026, 5, 1), as_of=dt.datetime(2026, 5, 1))
CLOSE_WORKDAYS = {"咨询": 2, "求助": 5, "投诉": 7}  # config/hotline.toml [params.close_workdays]
EVENT_WORKDAYS = {"一般": 3, "复杂": 7, "延期": 15}  # config/grid.toml [params.close_workdays]


def test_the_calendar_is_the_packages():
    # Hand-checked against the 2026 schedule above.
    assert calendar.add_workdays(ts("2026-02-13 10:00"), 1) == ts("2026-02-14 10:00")  # 调休 Saturday
    assert calendar.add_workdays(ts("2026-02-13 10:00"), 2) == ts("2026-02-24 10:00")
    # 7: 2/14, 2/24, 2/25, 2/26, 2/27, 2/28 (调休), 3/2
    assert calendar.add_workdays(ts("2026-02-13 10:00"), 7) == ts("2026-03-02 10:00")
    assert calendar.add_workdays(ts("2026-02-18 09:00"), 1) == ts("2026-02-24 09:00")  # from inside the break
    assert calendar.workdays_between(dt.date(2026, 2, 13), dt.date(2026, 3, 2)) == 7


def test_the_warehouse_calendar_is_filled_from_the_package(con):
    street(con)
    days = con.sql("SELECT day, is_workday, known, workday_index FROM work_calendar ORDER BY day").pl()
    covered = days.filter(pl.col("known"))
    assert covered["day"].min() == dt.date(2015, 1, 1) and covered.height > 3000
    assert covered["is_workday"].to_list() == [chinese_calendar.is_workday(d) for d in covered["day"]]
    # Years the package does not know yet fall back to Monday–Friday and say so.
    unknown = days.filter(~pl.col("known"))
    assert unknown["is_workday"].to_list() == [d.weekday() < 5 for d in unknown["day"]]
    # workday_index counts working days, so "n working days later" is an index lookup in SQL
    assert (days["workday_index"].diff().drop_nulls() == days["is_workday"].cast(pl.Int64)[1:]).all()


@pytest.fixture
def arrivals(con):
    """A ticket of each appeal type and an event of each time-limit class, received at 10:00 every day
    from Mon 2/9 to Tue 3/3 2026 (open, without the export's own deadline)."""
    street(con)
    insert(con, "grid", [{"grid_code": "G1", "community_code": C1, "name": "一网格", "households": 400}])
    tickets, events = [], []
    for day in DAYS:
        at = dt.datetime.combine(day, dt.time(10))
        for kind in CLOSE_WORKDAYS:
            tickets.append({"ticket_id": f"{kind}{day:%m%d}", "community_code": C1, "appeal_type": kind,
                            "received_at": at, "status": "办理中"})  # fmt: skip
        for kind in (*EVENT_WORKDAYS, "即办"):
            events.append({"event_code": f"{kind}{day:%m%d}", "grid_code": "G1", "deadline_class": kind,
                           "reported_at": at})  # fmt: skip
    insert(con, "hotline_ticket", tickets)
    insert(con, "grid_event", events)
    return con


def test_ticket_deadlines_follow_the_package_through_the_spring_festival(arrivals):
    facts = metrics.run_query(arrivals, "hotline", "ticket_facts", HOLIDAY_WEEKS, by="community")
    assert facts.height == len(DAYS) * len(CLOSE_WORKDAYS)
    for ticket, kind, received, close_due, response_due in facts.select(
        "ticket_id", "appeal_type", "received_at", "close_due_at", "response_due_at"
    ).rows():
        assert close_due == calendar.add_workdays(received, CLOSE_WORKDAYS[kind]), ticket
        assert response_due == calendar.add_workdays(received, 1), ticket  # no dispatch: from receipt
    due = dict(facts.select("ticket_id", "close_due_at").rows())
    assert due["投诉0213"] == ts("2026-03-02 10:00") and due["咨询0220"] == ts("2026-02-25 10:00")


def test_event_deadlines_follow_the_package_through_the_spring_festival(arrivals):
    facts = metrics.run_query(arrivals, "grid", "event_facts", HOLIDAY_WEEKS, by="grid")
    assert facts.height == len(DAYS) * (len(EVENT_WORKDAYS) + 1)
    for event, kind, reported, due in facts.select(
        "event_code", "deadline_class", "reported_at", "due_at"
    ).rows():
        if kind == "即办":  # same day: by the end of the day of reporting, holiday or not
            assert due == dt.datetime.combine(reported.date() + dt.timedelta(days=1), dt.time()), event
        else:
            assert due == calendar.add_workdays(reported, EVENT_WORKDAYS[kind]), event
    due = dict(facts.select("event_code", "due_at").rows())
    assert due["一般0213"] == ts("2026-02-25 10:00")  # 2/14 (调休), 2/24, 2/25
