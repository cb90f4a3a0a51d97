"""Working days in mainland China: statutory holidays and 调休 (swapped working weekends).

The calendar comes from the maintained ``chinese_calendar`` package. Years it does not cover yet
fall back to Monday–Friday and are reported as ``known = false`` so a page can say so.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar
import numpy as np
import polars as pl


@cache
def _is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, the calendar knows this year)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def is_workday(day: dt.date) -> bool:
    return _is_workday(day)[0]


def days(start: dt.date, end: dt.date) -> pl.DataFrame:
    """One row per day in [start, end]: day, is_workday, known, workday_index (running count of
    working days, for SQL arithmetic on deadlines)."""
    span = pl.date_range(start, end, "1d", eager=True)
    flags = [_is_workday(d) for d in span.to_list()]
    work = np.array([f[0] for f in flags])
    return pl.DataFrame(
        {
            "day": span,
            "is_workday": work,
            "known": [f[1] for f in flags],
            "workday_index": np.cumsum(work).astype(np.int64),
        }
    )


def add_workdays(start: dt.datetime, n: int) -> dt.datetime:
    """The moment n working days after ``start`` (same clock time; 0 → start itself)."""
    day, left = start.date(), n
    while left > 0:
        day += dt.timedelta(days=1)
        if is_workday(day):
            left -= 1
    return dt.datetime.combine(day, start.time())


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_workday(day)
    return count
