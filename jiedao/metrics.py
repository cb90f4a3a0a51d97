"""The metric registry: every number the pages, the wall display and the briefing show is defined
here once, as data — id, labels, unit, direction, thresholds (from the family's rule file), grain,
time grain, numerator and denominator labels — and computed by a named query in
``jiedao/sql/<family>.sql``.

Query convention. A query returns one row per ``key``, grouped by ``{by}`` — a grouping column chosen
from a fixed whitelist (never a value) — with either
- ``numerator, denominator`` (a query per metric), or
- ``n_<name>, d_<name>`` for several metrics at once (``<name>`` = the id after the family, e.g.
  ``n_response_rate``): a family computes all its numbers in one pass over its fact table, and
  ``evaluate_family`` runs each distinct query once per period. A count has no ``d_`` column.

Parameters. Every query may use the named parameters of ``Filter.params()``: ``$start``, ``$end``
(half-open period), ``$communities``, ``$grids`` (empty list = all), ``$as_of`` (the moment open
items are judged at), plus any value of the ``[params]`` table of ``config/<family>.toml``. A TOML
table there (e.g. ``[params.close_workdays]`` 咨询 = 2 …) arrives as two parallel lists
``$close_workdays_keys`` and ``$close_workdays_values``. Only the parameters a query names are
passed. Thresholds live beside the rules they judge: ``[thresholds."<metric id>"]``, keys
``green`` and ``yellow``.

Values. A rate is numerator ÷ denominator × ``scale`` (``scale = 1000`` for "per 1,000
households"); a zero or missing denominator gives no value (None, shown "—", status "none"), never
0 % and never an error. A count's value is its numerator; a ``value`` metric (a median, a score) has
its value in the numerator and, where useful, the number of rows it summarises as denominator.

Public API (stable): ``Metric``, ``Value``, ``register``, ``get``, ``all_metrics``,
``query_params``, ``evaluate``, ``frame_by``, ``trend``; added:
- ``evaluate_family(con, family, flt, scope)`` / ``evaluate_many(con, ids, flt, scope)``: a dict
  id → Value, each distinct query run once per period (current, 环比, 同比) — the fast path for a
  page or the wall display showing a whole family;
- ``frames_by(con, ids, flt, by, scope)``: ``frame_by`` for several metrics sharing their queries;
- ``run_query(con, family, name, flt, scope, by=None, **extra)``: any named query of a family with
  the same parameters (list functions such as an overdue list use it);
- ``rows_behind(con, id, flt, part, scope, limit)``: the rows behind a numerator or denominator, for
  metrics whose ``rows`` names a row-level query with boolean ``n_<name>`` / ``d_<name>`` columns;
- ``trends(con, ids, flt, months, scope)``: ``trend`` for several metrics, each distinct query run
  once per month (a page's sparklines); ``evaluate_with_trends``: both in one batch (KPI tiles);
- ``format_value(value)``: "92.4 % · 1,203/1,302", "—" without a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import duckdb
import polars as pl

from jiedao.filters import Filter, Scope, add_months
from jiedao.metric_model import KINDS, STATUS_COLOURS, Metric, Value, format_value
from jiedao.metric_queries import (
    FRAME_SCHEMA,
    GRAINS,
    Runs,
    grain_sql,
    periods_for,
    query_params,
    result_frame,
    run_metric,
    run_query,
    street_pair,
)
from jiedao.queries import family

__all__ = [
    "GRAINS",
    "KINDS",
    "REGISTRY",
    "STATUS_COLOURS",
    "Metric",
    "Value",
    "all_metrics",
    "evaluate",
    "evaluate_family",
    "evaluate_many",
    "evaluate_with_trends",
    "families",
    "format_value",
    "frame_by",
    "frames_by",
    "get",
    "query_params",
    "register",
    "rows_behind",
    "run_query",
    "trend",
    "trends",
]

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


def families() -> list[str]:
    """Registered family names, in registration order."""
    return list(dict.fromkeys(m.family for m in all_metrics()))


def _load_families() -> None:
    """Import the modules that register metric families (they call ``register`` on import)."""
    from jiedao import metric_defs  # noqa: F401


def frame_by(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    flt: Filter,
    by: str = "community",
    scope: Scope | None = None,
) -> pl.DataFrame:
    """One row per ``by`` key: key, numerator, denominator, value, status."""
    metric = get(metric_id)
    return result_frame(metric, run_metric(con, metric, by, flt, scope))


def frames_by(
    con: duckdb.DuckDBPyConnection,
    metric_ids: Iterable[str],
    flt: Filter,
    by: str = "community",
    scope: Scope | None = None,
) -> dict[str, pl.DataFrame]:
    """``frame_by`` for several metrics; metrics sharing a query run it once."""
    runs = Runs(con, scope)
    return {mid: result_frame(get(mid), runs.by(get(mid), flt, by)) for mid in metric_ids}


def evaluate(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    flt: Filter,
    scope: Scope | None = None,
    compare: bool = True,
) -> Value:
    """The metric for the whole filter, with 环比 and 同比 unless ``compare`` is False."""
    return evaluate_many(con, [metric_id], flt, scope, compare)[metric_id]


def evaluate_many(
    con: duckdb.DuckDBPyConnection,
    metric_ids: Iterable[str],
    flt: Filter,
    scope: Scope | None = None,
    compare: bool = True,
) -> dict[str, Value]:
    """id → Value for several metrics; each distinct query runs once per period, the periods'
    queries in parallel."""
    chosen = [get(mid) for mid in metric_ids]
    runs = Runs(con, scope)
    runs.prefetch((m, f, "street") for m in chosen for f in periods_for(m, flt, compare))
    return {m.id: runs.value(m, flt, compare) for m in chosen}


def evaluate_family(
    con: duckdb.DuckDBPyConnection,
    family_name: str,
    flt: Filter,
    scope: Scope | None = None,
    compare: bool = True,
) -> dict[str, Value]:
    """Every metric of a family (registration order), as ``evaluate_many``."""
    metrics = all_metrics(family_name)
    if not metrics:
        raise KeyError(f"未知指标族 / unknown metric family {family_name}")
    return evaluate_many(con, [m.id for m in metrics], flt, scope, compare)


def trend(
    con: duckdb.DuckDBPyConnection, metric_id: str, flt: Filter, months: int = 12, scope: Scope | None = None
) -> pl.DataFrame:
    """One row per month of the ``months`` months ending with the filter's last month: month,
    numerator, denominator, value (None where the denominator is zero), status."""
    return trends(con, [metric_id], flt, months, scope)[metric_id]


def trends(
    con: duckdb.DuckDBPyConnection,
    metric_ids: Iterable[str],
    flt: Filter,
    months: int = 12,
    scope: Scope | None = None,
) -> dict[str, pl.DataFrame]:
    """id → ``trend`` frame for several metrics (a page's sparklines): metrics sharing a query run
    it once per month, and the months' queries run side by side."""
    chosen = [get(mid) for mid in metric_ids]
    windows = months_ending(flt, months)
    runs = Runs(con, scope)
    runs.prefetch((metric, month, "street") for metric in chosen for month in _drawn(metric, windows))
    return {metric.id: _trend_frame(metric, runs, windows) for metric in chosen}


def evaluate_with_trends(
    con: duckdb.DuckDBPyConnection,
    metric_ids: Iterable[str],
    flt: Filter,
    months: int = 12,
    scope: Scope | None = None,
) -> tuple[dict[str, Value], dict[str, pl.DataFrame]]:
    """``evaluate_many`` (with 环比 and 同比) and ``trends`` of the same metrics in one batch — what a
    page of KPI tiles with sparklines needs. The trend's months include the period and the one
    before, so for a one-month filter each distinct query runs for 13 periods (12 months and the
    year before), all side by side. Snapshot metrics get a value but no trend."""
    chosen = [get(mid) for mid in metric_ids]
    monthly = [m for m in chosen if m.time_grain != "snapshot"]
    windows = months_ending(flt, months)
    runs = Runs(con, scope)
    jobs = [(m, period, "street") for m in chosen for period in periods_for(m, flt, True)]
    runs.prefetch(jobs + [(m, month, "street") for m in monthly for month in _drawn(m, windows)])
    values = {m.id: runs.value(m, flt, True) for m in chosen}
    return values, {m.id: _trend_frame(m, runs, windows) for m in monthly}


def months_ending(flt: Filter, months: int) -> list[Filter]:
    """The ``months`` one-month filters ending with the filter's last month, oldest first; each keeps
    the filter's communities, grids, categories and pinned ``as_of``."""
    last = flt.shifted(flt.months - 1) if flt.months > 1 else flt
    last = replace(last, end=add_months(last.start, 1))
    return [last.shifted(-back) for back in range(months - 1, -1, -1)]


def _drawn(metric: Metric, windows: list[Filter]) -> list[Filter]:
    """The months of a trend the metric's time grain may draw beside the last one (all of them, or
    a half-year metric's own half-year)."""
    return [month for month in windows if metric.comparable(windows[-1], month)]


def _trend_frame(metric: Metric, runs: Runs, windows: list[Filter]) -> pl.DataFrame:
    out = []
    for month in _drawn(metric, windows):
        numerator, denominator = street_pair(metric, runs.street(metric, month))
        value = metric.value_of(numerator, denominator)
        out.append((month.start, numerator, denominator, value, metric.status(value)))
    schema = {"month": pl.Date, **{k: v for k, v in FRAME_SCHEMA.items() if k != "key"}}
    return pl.DataFrame(out, schema=schema, orient="row")


def rows_behind(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    flt: Filter,
    part: str = "denominator",
    scope: Scope | None = None,
    limit: int | None = None,
) -> pl.DataFrame:
    """The rows counted in the metric's numerator or denominator for the filter ("every number
    traceable to its rows"). A count has only numerator rows and a median only denominator rows; each
    falls back to the part it has. The flag columns are dropped; personal data comes masked.
    ``limit`` None = every row."""
    if part not in ("numerator", "denominator"):
        raise ValueError(f"part must be 'numerator' or 'denominator', not {part!r}")
    metric = get(metric_id)
    if not metric.rows:
        raise KeyError(f"指标 {metric_id} 没有明细查询 / metric has no row-level query")
    sql = grain_sql(family(metric.family)[metric.rows], "street")
    flag = _flag(sql, metric, part)
    wrapped = f"SELECT * FROM (\n{sql}\n) AS behind WHERE behind.{flag} LIMIT $row_limit"
    params = query_params(wrapped, flt, scope, metric.rules(), {"row_limit": limit})
    raw = con.sql(wrapped, params=params).pl()
    return raw.drop([c for c in raw.columns if re.fullmatch(r"[nd]_[a-z0-9_]+", c)])


def _flag(sql: str, metric: Metric, part: str) -> str:
    """The boolean column marking the part's rows; a count or value metric, which has one part only,
    falls back to it. A rate's part without rows (e.g. households) is an error, never the other part."""
    parts = (part,) if metric.kind == "rate" else (part, "numerator", "denominator")
    wanted = [f"{p[0]}_{metric.name}" for p in parts]
    for flag in wanted:
        if re.search(rf"\bAS\s+{flag}\b", sql, re.IGNORECASE):
            return flag
    raise KeyError(f"query {metric.family}.{metric.rows} has no column {wanted[0]}")
