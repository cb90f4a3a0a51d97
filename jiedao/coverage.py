"""The rows behind each coverage gap (DOMAIN.md §4): which organisations and property companies have no
Party organisation, which grids lack a branch or a full-time worker, which communities fall short of
the premises standard and which compounds lie outside the walking radius of every service centre; and
every rate side by side per community (``by_community``) for the page's community × rate matrix.

Every list has the needs-action columns of ``jiedao.needs_action`` (coverage gaps have no deadline:
``due_at`` and ``days_overdue`` are null) and takes the same filter and row scope as the metrics, so a
list always holds exactly the rows a rate counts as missing.
"""

from __future__ import annotations

import duckdb
import polars as pl

from jiedao import config, metrics, needs_action
from jiedao.filters import Filter, Scope
from jiedao.metrics import query_params
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
