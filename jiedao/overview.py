"""总览: the headline metrics of every area, their monthly trends, a community comparison and the
counts of the 问题清单. The numbers are the registry's (``jiedao.metrics``) and the action list's
(``jiedao.actions``); this module only chooses and arranges them, so the overview, the wall display
and the briefing show the same number as each area's own page.

The headline choice is data: ``HEADLINES`` lists, per area, the metric ids shown as tiles.
"""

from __future__ import annotations

from dataclasses import replace

import duckdb
import polars as pl

from jiedao import actions, catalog, metrics
from jiedao.filters import Filter, Scope
from jiedao.metrics import Value

# (area, metric ids) in the order of the page; the area keys match jiedao.actions.AREAS.
HEADLINES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "hotline",
        (
            "hotline.response_rate",
            "hotline.resolution_rate",
            "hotline.satisfaction_rate",
            "hotline.on_time_close_rate",
        ),
    ),
    ("grid", ("grid.on_time_close_rate", "grid.patrol_completion")),
    ("meetings", ("meetings.compliance_rate", "meetings.dues_on_time_rate")),
    (
        "coverage",
        (
            "coverage.org_coverage",
            "coverage.grid_branch_coverage",
            "coverage.dual_report_rate",
            "coverage.volunteer_rate",
        ),
    ),
)
DEFAULT_COMPARISON = "hotline.on_time_close_rate"


def headline_ids() -> list[str]:
    return [metric_id for _, ids in HEADLINES for metric_id in ids]


def headlines(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> dict[str, Value]:
    """id → Value (with 环比 and 同比) of every headline metric; each family's query runs once per
    period."""
    return metrics.evaluate_many(con, headline_ids(), flt, scope)


def board(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, months: int = 12
) -> tuple[dict[str, Value], dict[str, pl.DataFrame]]:
    """The tiles' numbers in one batch: id → Value (with 环比 and 同比) of every headline metric,
    and id → its ``months``-month trend for the metrics that change by month (a snapshot metric,
    such as a roster's coverage today, has no history to draw)."""
    return metrics.evaluate_with_trends(con, headline_ids(), flt, months, scope)


def comparison(
    con: duckdb.DuckDBPyConnection, metric_id: str, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """One row per community of the street (in code order, those without a value included): key
    (community code), name, numerator, denominator, value, status — for the whole street whatever
    communities the filter picks, so a drilled-in page still compares its community with the rest."""
    values = metrics.frame_by(con, metric_id, replace(flt, communities=()), "community", scope)
    names = catalog.communities(con).select(pl.col("code").alias("key"), "name")
    if scope is not None and scope.communities is not None:
        names = names.filter(pl.col("key").is_in(scope.communities))
    frame = names.join(values, on="key", how="left")
    return frame.with_columns(pl.col("status").fill_null("none")).sort("key")


def action_counts(listed: pl.DataFrame) -> pl.DataFrame:
    """Counts of a 问题清单 (``jiedao.actions.action_list``) per area, in ``actions.AREAS`` order,
    areas without items included: area (key), red, yellow, total."""
    keys = {zh: key for key, (zh, _) in actions.AREAS.items()}
    counted = (
        listed.group_by("area")
        .agg(
            (pl.col("severity") == "red").sum().cast(pl.Int64).alias("red"),
            (pl.col("severity") == "yellow").sum().cast(pl.Int64).alias("yellow"),
        )
        .with_columns(pl.col("area").replace_strict(keys))
    )
    areas = pl.DataFrame({"area": list(actions.AREAS)})
    return (
        areas.join(counted, on="area", how="left")
        .with_columns(pl.col("red", "yellow").fill_null(0))
        .with_columns((pl.col("red") + pl.col("yellow")).alias("total"))
    )
