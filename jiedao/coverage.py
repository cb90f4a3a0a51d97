"""The rows behind each coverage gap (DOMAIN.md §4): which organisations and property companies have no
Party organisation, which grids lack a branch or a full-time worker, which communities fall short of
the premises standard and which compounds lie outside the walking radius of every service centre; and
every rate side by side per community (``by_community``) for the page's community × rate matrix.

Every list has the needs-action columns of ``jiedao.needs_action`` (coverage gaps have no deadline:
``due_at`` and ``days_overdue`` are null) and takes the same filter and row scope as the metrics, so a
list always holds exactly the rows a rate counts as missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import polars as pl

from jiedao import config, metrics, needs_action
from jiedao.filters import Filter, Scope
from jiedao.metrics import Value, query_params
from jiedao.queries import family

DUAL_REPORT = "coverage.dual_report_rate"


def _rules() -> dict:
    return config.load("coverage")


def params() -> dict:
    """``[params]`` of config/coverage.toml: ``branch_min_members``, ``walking_radius_m`` (m) …"""
    return dict(_rules()["params"])


def _rows(con: duckdb.DuckDBPyConnection, query: str, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    sql = family("coverage")[query]
    return con.sql(sql, params=query_params(sql, flt, scope, _rules())).pl()


def _responsible(kind: str) -> pl.Expr:
    names = _rules()["responsible"]
    return needs_action.responsible(names[kind], names["fallback"])


def organisations_without_party_org(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """Operating 两新组织 with no Party organisation (the gap of 组织覆盖率), most Party members first:
    ``can_build_own`` marks those with enough full members for their own branch."""
    minimum = _rules()["params"]["branch_min_members"]
    frame = _rows(con, "organisations_without_party_org", flt, scope)
    return needs_action.finish(
        frame.with_columns(
            (pl.col("kind") + pl.lit("未建立党组织")).alias("item"),
            _responsible("organisation").alias("responsible"),
            (pl.col("full_members").fill_null(0) >= minimum).alias("can_build_own"),
        )
    )


def property_companies_without_party_org(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """Property companies with no Party organisation, one row per community they serve compounds in."""
    frame = _rows(con, "property_companies_without_party_org", flt, scope)
    return needs_action.finish(
        frame.with_columns(
            pl.lit("物业企业未建立党组织").alias("item"),
            _responsible("property_company").alias("responsible"),
        )
    )


def grid_gaps(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """Grids without a grid Party branch and grids without a full-time 网格员 (one row per gap)."""
    frame = _rows(con, "grid_gaps", flt, scope)
    is_branch = pl.col("gap") == "grid_branch"
    return needs_action.finish(
        frame.with_columns(
            pl.when(is_branch)
            .then(pl.lit("网格未建立党支部"))
            .otherwise(pl.lit("网格未配备专职网格员"))
            .alias("item"),
            pl.when(is_branch)
            .then(_responsible("grid_branch"))
            .otherwise(_responsible("grid_worker"))
            .alias("responsible"),
        )
    )


def premises_shortfall(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """Communities short of the premises standard, with the area they should have (m²) and the gap;
    unknown area or households are listed too (they cannot be shown compliant)."""
    frame = _rows(con, "premises_shortfall", flt, scope)
    return needs_action.finish(
        frame.with_columns(
            pl.lit("社区用房面积不达标").alias("item"),
            _responsible("premises").alias("responsible"),
        )
    )


def compounds_outside_walking_radius(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """Compounds with no service centre within the walking radius, with the nearest centre and its
    straight-line distance (m); compounds without coordinates are listed with no nearest centre."""
    frame = _rows(con, "compounds_outside_walking_radius", flt, scope)
    no_position = pl.col("distance_m").is_null()
    return needs_action.finish(
        frame.with_columns(
            pl.when(no_position)
            .then(pl.lit("小区无坐标，无法判断步行覆盖"))
            .otherwise(pl.lit("小区不在党群服务中心步行半径内"))
            .alias("item"),
            _responsible("walking").alias("responsible"),
        )
    )


def by_community(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """Every ``coverage.*`` rate per community (long, registration order, then community code):
    metric_id, key (community code), numerator, denominator, value, status — ``metrics.frame_by``
    of each rate, so a cell always equals the registry's number for that community."""
    ids = [m.id for m in metrics.all_metrics("coverage")]
    frames = metrics.frames_by(con, ids, flt, "community", scope)
    return pl.concat(
        [frame.sort("key").select(pl.lit(mid).alias("metric_id"), pl.all()) for mid, frame in frames.items()]
    )


def half_year(month: dt.date) -> tuple[int, int]:
    """(year, 1 or 2): the half-year a day falls in."""
    return month.year, 1 if month.month <= 6 else 2


def within_half_year(trends: dict[str, pl.DataFrame], flt: Filter) -> dict[str, pl.DataFrame]:
    """The trends with 双报到's cut to the months of the period's own half-year: the roster keeps
    each member's latest report only, so earlier months would draw a rate of reports since
    overwritten (see ``without_stale_comparisons``)."""
    trend = trends.get(DUAL_REPORT)
    if trend is None:
        return trends
    last = half_year(flt.end - dt.timedelta(days=1))
    year, half = last
    kept = trend.filter(
        (pl.col("month").dt.year() == year) & ((pl.col("month").dt.month() > 6) == (half == 2))
    )
    return {**trends, DUAL_REPORT: kept}


def without_stale_comparisons(values: dict[str, Value], flt: Filter) -> dict[str, Value]:
    """The family's values with the 双报到 环比/同比 removed when they compare another half-year.

    The member roster keeps each member's latest report only, so an earlier half-year's rate is
    computed from reports the roster has since overwritten (October 2025 reads 0 % on a roster of
    2026 reports): 同比 always, and 环比 across a half-year boundary, would compare unlike things."""
    value = values.get(DUAL_REPORT)
    if value is None:
        return values
    last = flt.end - dt.timedelta(days=1)
    previous = flt.start - dt.timedelta(days=1)
    same_half = half_year(previous) == half_year(last)
    kept = replace(value, year_ago=None, previous=value.previous if same_half else None)
    return {**values, DUAL_REPORT: kept}
