"""Vectorised working-day arithmetic on numpy datetime64[s] arrays, from jiedao.calendar (the
maintained chinese_calendar package: statutory holidays and 调休 working weekends)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from jiedao import calendar

DAY = np.timedelta64(1, "D")
SECOND = np.timedelta64(1, "s")


class WorkCalendar:
    """Working days between ``first`` and ``last`` (inclusive); dates outside raise IndexError."""

    def __init__(self, first: dt.date, last: dt.date):
        frame = calendar.days(first, last)
        self.epoch = np.datetime64(first, "D")
        self.work = frame["is_workday"].to_numpy()
        self.offsets = np.flatnonzero(self.work)  # day offsets of working days, ascending

    def _offset(self, days: np.ndarray) -> np.ndarray:
        return (days - self.epoch).astype(np.int64)

    def is_workday(self, days: np.ndarray) -> np.ndarray:
        """``days``: datetime64[D] array."""
        return self.work[self._offset(np.asarray(days, "datetime64[D]"))]

    def add_workdays(self, stamps: np.ndarray, n: np.ndarray | int) -> np.ndarray:
        """The moment ``n`` working days after each stamp, same clock time (n = 0 → the stamp).

        Same rule as ``jiedao.calendar.add_workdays``: count working days strictly after the
        stamp's date; the n-th one is the deadline day.
        """
        stamps = np.asarray(stamps, "datetime64[s]")
        n = np.broadcast_to(np.asarray(n, np.int64), stamps.shape)
        days = stamps.astype("datetime64[D]")
        clock = stamps - days.astype("datetime64[s]")
        first_after = np.searchsorted(self.offsets, self._offset(days), side="right")
        target = self.offsets[np.minimum(first_after + np.maximum(n, 1) - 1, len(self.offsets) - 1)]
        moved = (self.epoch + target * DAY).astype("datetime64[s]") + clock
        return np.where(n > 0, moved, stamps)

    def workdays_in(self, first: dt.date, end: dt.date) -> np.ndarray:
        """Working days in [first, end) as datetime64[D]."""
        lo, hi = self._offset(np.datetime64(first, "D")), self._offset(np.datetime64(end, "D"))
        chosen = self.offsets[(self.offsets >= lo) & (self.offsets < hi)]
        return self.epoch + chosen * DAY


def for_spec(start: dt.date, cutoff: dt.datetime) -> WorkCalendar:
    """A calendar wide enough for every deadline of the window (extensions run 15 working days)."""
    return WorkCalendar(start - dt.timedelta(days=31), cutoff.date() + dt.timedelta(days=120))
