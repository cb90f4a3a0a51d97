"""How a metric's query runs: grains, parameters (filter, scope, rule file, caller), fetching, and
reading numerator/denominator columns out of a result. ``jiedao.metrics`` is the public face; the
conventions are described in its docstring."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import duckdb
import polars as pl

from jiedao import config
from jiedao.filters import Filter, Scope
from jiedao.metric_model import Metric, Value
from jiedao.queries import family

# Grouping columns a query may be asked for, by grain. Identifiers only: values are parameters.
GRAINS = {
    "street": "street_code",
    "community": "community_code",
    "grid": "grid_code",
    "org": "org_code",
    "company": "company_uscc",
    "category": "category_l1",
    "subcategory": "category_l2",
}
MAX_PARALLEL = 4  # queries of one evaluation run side by side (DuckDB spreads them over its threads)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")
FRAME_SCHEMA = {
    "key": pl.String,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "value": pl.Float64,
    "status": pl.String,
}


def grain_sql(sql: str, by: str | None) -> str:
    if by is None:
        return sql
    if by not in GRAINS:
        raise ValueError(f"unknown grain {by}; one of {', '.join(GRAINS)}")
    return sql.replace("{by}", GRAINS[by])


def _rule_params(rules: dict) -> dict:
    """``[params]`` of a rule file; a table becomes ``<name>_keys`` and ``<name>_values`` lists."""
    out = {}
    for name, value in rules.get("params", {}).items():
        if isinstance(value, dict):
            out[f"{name}_keys"], out[f"{name}_values"] = list(value), list(value.values())
        else:
            out[name] = value
    return out


def query_params(sql: str, flt: Filter, scope: Scope | None, rules: dict, extra: dict | None = None) -> dict:
    """The named parameters ``sql`` uses, from the filter (narrowed to the scope), the rule file's
    ``[params]`` and ``extra`` (a caller's own, e.g. a list length); DuckDB refuses parameters a
    query does not name, so only those are passed."""
    available = {**_rule_params(rules), **(extra or {}), **flt.within(scope).params()}
    wanted = dict.fromkeys(_PARAM.findall(_COMMENT.sub("", sql)))  # a $name in a comment is not a parameter
    missing = [name for name in wanted if name not in available]
    if missing:
        raise KeyError(f"查询参数缺失 / query parameter(s) not provided: {', '.join(missing)}")
    return {name: available[name] for name in wanted}


def rules_of(family_name: str) -> dict:
    try:
        return config.load(family_name)
    except FileNotFoundError:
        return {}


def run_query(
    con: duckdb.DuckDBPyConnection,
    family_name: str,
    name: str,
    flt: Filter,
    scope: Scope | None = None,
    by: str | None = None,
    **extra,
) -> pl.DataFrame:
    """Run the named query of ``jiedao/sql/<family>.sql`` for the filter within the scope, with the
    family's ``[params]`` and ``extra`` named parameters; ``by`` fills ``{by}``. Fully fetched."""
    sql = grain_sql(family(family_name)[name], by)
    params = query_params(sql, flt, scope, rules_of(family_name), extra)
    return con.sql(sql, params=params).pl()


def run_metric(con, metric: Metric, by: str, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    return run_query(con, metric.family, metric.query, flt, scope, by=by)


def _columns(metric: Metric, raw: pl.DataFrame) -> tuple[str | None, str | None]:
    """Names of the metric's numerator and denominator columns in its query's result."""
    if "numerator" in raw.columns:
        return "numerator", ("denominator" if "denominator" in raw.columns else None)
    n, d = f"n_{metric.name}", f"d_{metric.name}"
    if n not in raw.columns and d not in raw.columns:
        raise KeyError(f"query {metric.family}.{metric.query} returns neither numerator nor {n}/{d}")
    return (n if n in raw.columns else None), (d if d in raw.columns else None)


def result_frame(metric: Metric, raw: pl.DataFrame) -> pl.DataFrame:
    if raw.is_empty():
        return pl.DataFrame(schema=FRAME_SCHEMA)
    n, d = _columns(metric, raw)
    nums = raw[n].cast(pl.Float64) if n else pl.Series([None] * raw.height, dtype=pl.Float64)
    dens = raw[d].cast(pl.Float64) if d else pl.Series([None] * raw.height, dtype=pl.Float64)
    values = [metric.value_of(a, b) for a, b in zip(nums, dens, strict=True)]
    return pl.DataFrame(
        {
            "key": raw["key"].cast(pl.String),
            "numerator": nums,
            "denominator": dens,
            "value": pl.Series(values, dtype=pl.Float64),
            "status": pl.Series([metric.status(v) for v in values], dtype=pl.String),
        }
    ).sort("key", nulls_last=True)  # a GROUP BY comes back in any order when DuckDB runs it in parallel


def street_pair(metric: Metric, raw: pl.DataFrame) -> tuple[float | None, float | None]:
    """(numerator, denominator) of a street-level result; no rows = nothing happened."""
    if raw.is_empty():  # nothing happened: a count is 0, a rate 0/0 (no value), a median has none
        return (None if metric.kind == "value" else 0.0), (0.0 if metric.kind == "rate" else None)
    n, d = _columns(metric, raw)
    return _number(raw[n][0] if n else None), _number(raw[d][0] if d else None)


def _number(x) -> float | None:
    """A result cell as a float: counts arrive as DuckDB HUGEINT, which Polars hands over as Decimal."""
    return None if x is None else float(x)


class Runs:
    """Query results of one evaluation, so metrics sharing a query run it once per filter."""

    def __init__(self, con, scope: Scope | None):
        self.con, self.scope, self.done = con, scope, {}

    def street(self, metric: Metric, flt: Filter) -> pl.DataFrame:
        return self.by(metric, flt, "street")

    def by(self, metric: Metric, flt: Filter, grain: str) -> pl.DataFrame:
        key = (metric.family, metric.query, grain, flt)
        if key not in self.done:
            self.done[key] = run_metric(self.con, metric, grain, flt, self.scope)
        return self.done[key]

    def prefetch(self, jobs: Iterable[tuple[Metric, Filter, str]]) -> None:
        """Run the distinct queries of ``jobs`` (metric, filter, grain) side by side, each on its own
        cursor: one period's query leaves a core idle (its rows fill few row groups), three run in
        parallel. On a single core they run one after another as before."""
        todo = {}
        for metric, flt, grain in jobs:
            key = (metric.family, metric.query, grain, flt)
            if key not in self.done:
                todo.setdefault(key, (metric, flt, grain))
        if len(todo) < 2 or (os.cpu_count() or 1) < 2:
            return
        cursors = [self.con.cursor() for _ in todo]
        try:
            with ThreadPoolExecutor(max_workers=min(len(todo), MAX_PARALLEL)) as pool:
                futures = {
                    key: pool.submit(run_metric, cursor, metric, grain, flt, self.scope)
                    for (key, (metric, flt, grain)), cursor in zip(todo.items(), cursors, strict=True)
                }
                self.done.update({key: future.result() for key, future in futures.items()})
        finally:
            for cursor in cursors:
                cursor.close()

    def value(self, metric: Metric, flt: Filter, compare: bool) -> Value:
        numerator, denominator = street_pair(metric, self.street(metric, flt))
        value = metric.value_of(numerator, denominator)
        result = Value(metric, numerator, denominator, value, metric.status(value))
        if compare and metric.comparable(flt, flt.previous()):
            result.previous = metric.value_of(*street_pair(metric, self.street(metric, flt.previous())))
        if compare and metric.comparable(flt, flt.year_ago()):
            result.year_ago = metric.value_of(*street_pair(metric, self.street(metric, flt.year_ago())))
        return result


def periods_for(metric: Metric, flt: Filter, compare: bool) -> tuple[Filter, ...]:
    """The periods a value needs: its own, and the 环比/同比 periods its time grain compares with."""
    others = (flt.previous(), flt.year_ago()) if compare else ()
    return (flt, *(other for other in others if metric.comparable(flt, other)))
