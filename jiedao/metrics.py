"""The metric registry: every number the pages, the wall display and the briefing show is defined
here once, as data — id, labels, unit, direction, thresholds (from config/metrics.toml), grain,
time grain — and computed by a named query in ``jiedao/sql/<family>.sql``.

Query convention: a query returns ``key, numerator, denominator`` grouped by ``{by}`` — a grouping
column chosen from a fixed whitelist (never a value) — and takes the named parameters of
``Filter.params()``: ``$start``, ``$end`` (half-open period), ``$communities``, ``$grids`` (empty
list = all), plus any scalar of the ``[params]`` table of the family's rule file
(``config/<family>.toml``, e.g. ``$walking_radius_m``). Only the parameters a query names are
passed. A rate is numerator ÷ denominator; a zero denominator gives no value ("—"), never 0 %.
Thresholds live beside the rules they judge: ``[thresholds."<metric id>"]`` in the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import polars as pl

from jiedao import config
from jiedao.filters import Filter, Scope
from jiedao.queries import family

# Grouping columns a query may be asked for, by grain. Identifiers only: values are parameters.
GRAINS = {
    "street": "street_code",
    "community": "community_code",
    "grid": "grid_code",
    "org": "org_code",
    "company": "company_uscc",
    "category": "category_l1",
}
STATUS_COLOURS = ("green", "yellow", "red", "none")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


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
    time_grain: str = "month"
    numerator_zh: str = ""
    denominator_zh: str = ""
    numerator_en: str = ""
    denominator_en: str = ""

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

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


REGISTRY: dict[str, Metric] = {}


def register(*metrics: Metric) -> None:
    for metric in metrics:
        if metric.id in REGISTRY:
            raise ValueError(f"metric {metric.id} defined twice")
        REGISTRY[metric.id] = metric


def get(metric_id: str) -> Metric:
    _load_families()
    try:
        return REGISTRY[metric_id]
    except KeyError:
        raise KeyError(f"未知指标 / unknown metric {metric_id}") from None


def all_metrics(family_name: str | None = None) -> list[Metric]:
    _load_families()
    return [m for m in REGISTRY.values() if family_name is None or m.family == family_name]


def _load_families() -> None:
    """Import the modules that register metric families (they call ``register`` on import)."""
    from jiedao import metric_defs  # noqa: F401


def _sql(metric: Metric, by: str) -> str:
    if by not in GRAINS:
        raise ValueError(f"unknown grain {by}; one of {', '.join(GRAINS)}")
    return family(metric.family)[metric.query].replace("{by}", GRAINS[by])


def query_params(sql: str, flt: Filter, scope: Scope | None, rules: dict) -> dict:
    """The named parameters ``sql`` uses, from the filter (narrowed to the scope) and the rule file's
    ``[params]``; DuckDB refuses parameters a query does not name, so only those are passed."""
    available = {**rules.get("params", {}), **flt.within(scope).params()}
    wanted = dict.fromkeys(_PARAM.findall(sql))
    missing = [name for name in wanted if name not in available]
    if missing:
        raise KeyError(f"查询参数缺失 / query parameter(s) not provided: {', '.join(missing)}")
    return {name: available[name] for name in wanted}


def _run(con, metric: Metric, by: str, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    sql = _sql(metric, by)
    return con.sql(sql, params=query_params(sql, flt, scope, metric.rules())).pl()


def _value(metric: Metric, numerator, denominator) -> float | None:
    if metric.kind != "rate":
        return None if numerator is None else float(numerator)
    if not denominator:
        return None
    return float(numerator or 0) / float(denominator)


def frame_by(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    flt: Filter,
    by: str = "community",
    scope: Scope | None = None,
) -> pl.DataFrame:
    """One row per ``by`` key: key, numerator, denominator, value, status."""
    metric = get(metric_id)
    raw = _run(con, metric, by, flt, scope)
    if raw.is_empty():
        return pl.DataFrame(
            schema={
                "key": pl.String,
                "numerator": pl.Float64,
                "denominator": pl.Float64,
                "value": pl.Float64,
                "status": pl.String,
            }
        )
    values = [_value(metric, n, d) for n, d in zip(raw["numerator"], raw["denominator"], strict=True)]
    return raw.select(
        pl.col("key").cast(pl.String),
        pl.col("numerator").cast(pl.Float64),
        pl.col("denominator").cast(pl.Float64),
    ).with_columns(
        pl.Series("value", values, pl.Float64),
        pl.Series("status", [metric.status(v) for v in values], pl.String),
    )


def _single(con, metric: Metric, flt: Filter, scope: Scope | None) -> tuple[float | None, float | None]:
    raw = _run(con, metric, "street", flt, scope)
    if raw.is_empty():
        return (0.0 if metric.kind == "count" else None), (0.0 if metric.kind == "rate" else None)
    return raw["numerator"][0], raw["denominator"][0]


def evaluate(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    flt: Filter,
    scope: Scope | None = None,
    compare: bool = True,
) -> Value:
    """The metric for the whole filter, with 环比 and 同比 unless ``compare`` is False."""
    metric = get(metric_id)
    numerator, denominator = _single(con, metric, flt, scope)
    value = _value(metric, numerator, denominator)
    result = Value(metric, numerator, denominator, value, metric.status(value))
    if compare and metric.time_grain != "snapshot":
        result.previous = _value(metric, *_single(con, metric, flt.previous(), scope))
        result.year_ago = _value(metric, *_single(con, metric, flt.year_ago(), scope))
    return result


def trend(
    con: duckdb.DuckDBPyConnection, metric_id: str, flt: Filter, months: int = 12, scope: Scope | None = None
) -> pl.DataFrame:
    """One row per month of the ``months`` months ending with the filter's last month: month,
    numerator, denominator, value (None where the denominator is zero), status."""
    metric = get(metric_id)
    last = flt.shifted(flt.months - 1) if flt.months > 1 else flt
    last = Filter.month(last.start.year, last.start.month, communities=flt.communities, grids=flt.grids)
    out = []
    for back in range(months - 1, -1, -1):
        month = last.shifted(-back)
        numerator, denominator = _single(con, metric, month, scope)
        value = _value(metric, numerator, denominator)
        out.append((month.start, numerator, denominator, value, metric.status(value)))
    return pl.DataFrame(
        out,
        schema={
            "month": pl.Date,
            "numerator": pl.Float64,
            "denominator": pl.Float64,
            "value": pl.Float64,
            "status": pl.String,
        },
        orient="row",
    )
