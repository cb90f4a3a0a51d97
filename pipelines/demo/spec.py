"""What one demo run is: seed, scale, the last month of activity, and the clock derived from them.

Every random draw comes from ``Spec.rng(stream)``: one numpy Generator per named stream, seeded from
(seed, crc32(stream)), so each part of the street draws its own numbers and adding a column to one
part never shifts the numbers of another. Nothing here reads the wall clock except ``default_as_of``.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MONTHS = 24  # months of activity, ending with the as-of month
STREET_CODE = "430602001"  # 岳阳楼街道, 统计用区划代码 (config/street.toml)


def month_start(year: int, month: int) -> dt.date:
    """First day of a month; ``month`` may run past 12 or below 1 (it carries into the year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    return month_start(day.year, day.month + months)


def default_as_of(today: dt.date | None = None) -> dt.date:
    """The calendar month before today: the last month whose activity is complete."""
    today = today or dt.date.today()
    return add_months(today.replace(day=1), -1)


def parse_as_of(text: str) -> dt.date:
    """``YYYY-MM`` → first day of that month; a clear bilingual error otherwise."""
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ValueError(
            f"--as-of 应为 YYYY-MM 格式（如 2026-10），收到 {text!r} / expected YYYY-MM"
        ) from None


def quarter_of(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_start(quarter: str) -> dt.date:
    return dt.date(int(quarter[:4]), 3 * int(quarter[-1]) - 2, 1)


@dataclass(frozen=True)
class Spec:
    seed: int = 2026
    scale: float = 1.0
    as_of: dt.date = dt.date(2026, 10, 1)  # first day of the last month of activity
    boundary: Path | None = None  # a real GeoJSON outline of the street instead of the drawn one

    def __post_init__(self) -> None:
        if self.scale <= 0:
            raise ValueError(f"--scale 必须大于 0，收到 {self.scale} / scale must be positive")
        if self.as_of.day != 1:
            raise ValueError("as_of must be the first day of a month")

    @property
    def start(self) -> dt.date:
        """First day of activity (24 months before the month after as-of)."""
        return add_months(self.as_of, 1 - MONTHS)

    @property
    def cutoff(self) -> dt.datetime:
        """The export moment: midnight after the last day of the as-of month. Nothing later is known."""
        return dt.datetime.combine(add_months(self.as_of, 1), dt.time())

    @property
    def months(self) -> list[dt.date]:
        return [add_months(self.start, i) for i in range(MONTHS)]

    @property
    def quarters(self) -> list[str]:
        """Quarters that closed within the window (their last month is at most the as-of month)."""
        found = []
        for month in self.months:
            if month.month % 3 == 0:
                found.append(quarter_of(month))
        return found

    @property
    def label(self) -> str:
        """The as-of month as it appears in file names: 2026年10月."""
        return f"{self.as_of.year}年{self.as_of.month}月"

    def rng(self, stream: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode("utf-8"))])

    def activity(self, base: float) -> float:
        """A volume of activity (tickets, events, patrols, meetings) at this run's scale."""
        return base * self.scale
