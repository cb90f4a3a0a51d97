"""What a metric is (``Metric``: definition as data) and what evaluating it gives (``Value``), and
how a value is written for people. The registry and the evaluation live in ``jiedao.metrics``,
which re-exports these names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from jiedao import config

TIME_GRAINS = ("month", "half_year", "snapshot")


def half_year(end: dt.date) -> tuple[int, int]:
    """(year, 1 or 2): the half-year of a period's last day (``end`` is exclusive)."""
    last = end - dt.timedelta(days=1)
    return last.year, 1 if last.month <= 6 else 2


STATUS_COLOURS = ("green", "yellow", "red", "none")
KINDS = ("rate", "count", "value")
_IDENT = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class Metric:
    id: str  # family.name, e.g. hotline.on_time_close_rate
    zh: str
    en: str
    unit: str  # "%" for rates; "件", "小时", "分", "个" …
    direction: str  # "up": higher is better; "down": lower is better
    query: str  # named query in jiedao/sql/<family>.sql
    kind: str = "rate"  # rate = numerator ÷ denominator; count/value = numerator alone
    grains: tuple[str, ...] = ("street", "community")
    # "month": 环比/同比 and a monthly trend; "snapshot": none (a roster as loaded); "half_year": measured
    # by month but compared and drawn only within its own half-year (双报到: the roster keeps each
    # member's latest report, so an earlier half-year's rate would be made of overwritten reports)
    time_grain: str = "month"
    numerator_zh: str = ""
    denominator_zh: str = ""
    numerator_en: str = ""
    denominator_en: str = ""
    scale: float = 1.0  # rate multiplier: 1000 for "per 1,000 households"
    rows: str = ""  # row-level query behind the numbers (see rows_behind), "" = none

    def comparable(self, flt, other) -> bool:
        """Whether the period ``other`` (a Filter) may stand beside ``flt`` as its 环比, 同比 or a point
        of its trend, by the metric's time grain."""
        if self.time_grain == "snapshot":
            return False
        if self.time_grain == "half_year":
            return half_year(other.end) == half_year(flt.end)
        return True

    def __post_init__(self) -> None:
        if self.time_grain not in TIME_GRAINS:
            raise ValueError(f"metric {self.id}: time_grain {self.time_grain!r} not one of {TIME_GRAINS}")
        if self.kind not in KINDS:
            raise ValueError(f"metric {self.id}: kind {self.kind!r} not one of {KINDS}")
        if self.direction not in ("up", "down"):
            raise ValueError(f"metric {self.id}: direction must be 'up' or 'down', not {self.direction!r}")
        if not _IDENT.fullmatch(self.name):
            raise ValueError(f"metric {self.id}: name after the family must be snake_case")

    @classmethod
    def define(
        cls,
        metric_id: str,
        labels: tuple[str, str],
        unit: str,
        direction: str,
        query: str,
        numerator: tuple[str, str] = ("", ""),
        denominator: tuple[str, str] = ("", ""),
        **kw,
    ) -> Metric:
        """A metric with its name, numerator and denominator each given as a (zh, en) pair."""
        return cls(
            metric_id, *labels, unit, direction, query,
            numerator_zh=numerator[0], numerator_en=numerator[1],
            denominator_zh=denominator[0], denominator_en=denominator[1], **kw,
        )  # fmt: skip

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        """The id after the family: ``response_rate`` of ``hotline.response_rate``."""
        return self.id.split(".", 1)[-1]

    def rules(self) -> dict:
        """The family's rule file ``config/<family>.toml`` ({} when there is none)."""
        try:
            return config.load(self.family)
        except FileNotFoundError:
            return {}

    def thresholds(self) -> dict | None:
        """{"green": x, "yellow": y} from ``[thresholds."<id>"]`` of the family's rule file, or None."""
        return self.rules().get("thresholds", {}).get(self.id)

    def status(self, value: float | None) -> str:
        limits = self.thresholds()
        if value is None or not limits:
            return "none"
        green, yellow = limits["green"], limits["yellow"]
        if self.direction == "up":
            return "green" if value >= green else "yellow" if value >= yellow else "red"
        return "green" if value <= green else "yellow" if value <= yellow else "red"

    def value_of(self, numerator, denominator) -> float | None:
        """The shown value: None for a rate without a denominator (never 0 %, never a crash)."""
        if self.kind != "rate":
            return None if numerator is None else float(numerator)
        if not denominator:
            return None
        return float(numerator or 0) / float(denominator) * self.scale


@dataclass
class Value:
    """A metric evaluated for one filter: the value with both of its numbers, colour, 环比 and 同比."""

    metric: Metric
    numerator: float | None
    denominator: float | None
    value: float | None
    status: str
    previous: float | None = None  # 环比: the period just before
    year_ago: float | None = None  # 同比: the same period a year earlier
    extra: dict = field(default_factory=dict)

    @property
    def change_mom(self) -> float | None:
        return None if self.value is None or self.previous is None else self.value - self.previous

    @property
    def change_yoy(self) -> float | None:
        return None if self.value is None or self.year_ago is None else self.value - self.year_ago

    def text(self) -> str:
        return format_value(self)


def _number(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def format_value(value: Value) -> str:
    """The value the way every page shows it: "92.4 % · 1,203/1,302" for a rate, "1,203 件" for a
    count, "—" when there is no value (a zero denominator)."""
    metric = value.metric
    if value.value is None:
        shown = "—"
    elif metric.unit == "%":
        shown = f"{value.value * 100:.1f} %"
    else:
        shown = f"{_number(round(value.value, 1))} {metric.unit}"
    if metric.kind != "rate":
        return shown
    return f"{shown} · {_number(value.numerator)}/{_number(value.denominator)}"
