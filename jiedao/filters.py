"""The filter every metric query takes — period, communities, grids — and the caller's row scope.

Row-level security lives here and only here: a user limited to some communities gets the
intersection of what they asked for and what they may see, whatever page asks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Asia/Shanghai")


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def add_months(d: dt.date, n: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + n
    return dt.date(total // 12, total % 12 + 1, 1)


def quarter_of(d: dt.date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def quarter_start(quarter: str) -> dt.date:
    year, q = int(quarter[:4]), int(quarter[-1])
    return dt.date(year, 3 * (q - 1) + 1, 1)


@dataclass(frozen=True)
class Scope:
    """What a user may see: None = the whole street."""

    communities: tuple[str, ...] | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls()


@dataclass(frozen=True)
class Filter:
    """A half-open period [start, end) and optional communities / grids (empty = all).

    ``as_of`` is the moment open items are judged at (is a ticket overdue yet?). None means the end
    of the period, or now if the period has not ended; tests pin it.

    ``categories`` narrows 12345 tickets to these 一级分类 (empty = all). Only hotline queries take
    ``$categories``; every other family's numbers ignore it (grid events have their own catalogue).
    """

    start: dt.date
    end: dt.date
    communities: tuple[str, ...] = ()
    grids: tuple[str, ...] = ()
    as_of: dt.datetime | None = None
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty period {self.start} – {self.end}")

    @classmethod
    def month(cls, year: int, month: int, **kw) -> Filter:
        start = dt.date(year, month, 1)
        return cls(start, add_months(start, 1), **kw)

    @classmethod
    def quarter(cls, quarter: str, **kw) -> Filter:
        start = quarter_start(quarter)
        return cls(start, add_months(start, 3), **kw)

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    def shifted(self, months: int) -> Filter:
        """The same-length period ``months`` earlier (negative) or later (positive); a pinned ``as_of``
        is kept no later than the new period's end."""
        start, end = add_months(self.start, months), add_months(self.end, months)
        as_of = None if self.as_of is None else min(self.as_of, dt.datetime.combine(end, dt.time()))
        return replace(self, start=start, end=end, as_of=as_of)

    def previous(self) -> Filter:
        """环比: the period of the same length just before."""
        return self.shifted(-max(self.months, 1))

    def year_ago(self) -> Filter:
        """同比: the same period one year earlier."""
        return self.shifted(-12)

    def within(self, scope: Scope | None) -> Filter:
        """Narrow to the user's scope; a scope that excludes everything asked for yields a filter
        that matches nothing (community '∅'), never everything."""
        if scope is None or scope.communities is None:
            return self
        allowed = set(scope.communities)
        asked = set(self.communities) or allowed
        kept = tuple(sorted(asked & allowed)) or ("∅",)
        return replace(self, communities=kept)

    def judged_at(self) -> dt.datetime:
        """``as_of`` resolved: the pinned moment, else the end of the period or now (Asia/Shanghai
        wall-clock time, as the warehouse stores it), whichever is earlier."""
        if self.as_of is not None:
            return self.as_of
        now = dt.datetime.now(TIMEZONE).replace(tzinfo=None)
        return min(dt.datetime.combine(self.end, dt.time()), now)

    def params(self) -> dict:
        """Named query parameters: ``$start $end`` (dates, half-open), ``$communities $grids
        $categories`` (lists, empty = all), ``$as_of`` (timestamp, see ``judged_at``)."""
        return {
            "start": self.start,
            "end": self.end,
            "communities": list(self.communities),
            "grids": list(self.grids),
            "as_of": self.judged_at(),
            "categories": list(self.categories),
        }
