"""Grid lists and the per-grid measures behind the heatmap (DOMAIN.md §6): hotspots, grids short of
patrols, the latest events of a grid, and one row per grid with every grid measure. Aggregation
happens in DuckDB (jiedao/sql/grid.sql); the frames returned are small.

Needs-action lists (patrol shortfall, hotspots) start with the columns the 问题清单 unions:
``item`` (short zh text), ``ref`` (grid code), ``community_code``, ``responsible`` (the community),
``due_at``, ``days_overdue``.
"""

from __future__ import annotations

import duckdb
import polars as pl

from jiedao import metrics
from jiedao.filters import Filter, Scope


def measures(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """One row per grid in scope (grids without activity included): grid_code, grid_name,
    community_code, community_name, households, centroid_lon, centroid_lat, and for every grid metric
    ``<name>`` (the value; None without a denominator), ``<name>_numerator``, ``<name>_denominator``
    and ``<name>_status``. One run of the summary query."""
    places = metrics.run_query(con, "grid", "places", flt, scope)
    names = metrics.run_query(con, "catalog", "community_names", flt, scope)
    frame = places.rename({"name": "grid_name"}).join(names, on="community_code", how="left")
    ids = [m.id for m in metrics.all_metrics("grid") if "grid" in m.grains]
    for metric_id, values in metrics.frames_by(con, ids, flt, "grid", scope).items():
        name = metrics.get(metric_id).name
        frame = frame.join(_measure_columns(values, name), on="grid_code", how="left")
    return frame.sort("grid_code")


def _measure_columns(values: pl.DataFrame, name: str) -> pl.DataFrame:
    return values.select(
        pl.col("key").alias("grid_code"),
        pl.col("value").alias(name),
        pl.col("numerator").alias(f"{name}_numerator"),
        pl.col("denominator").alias(f"{name}_denominator"),
        pl.col("status").alias(f"{name}_status"),
    )


def hotspots(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """Grids whose events of the last weeks before ``flt.as_of`` exceed their own baseline by the
    configured margin: recent_events, baseline_events, recent_weekly, baseline_weekly, ratio (None
    when the baseline is 0), top_category; largest excess first."""
    return metrics.run_query(con, "grid", "hotspots", flt, scope)


def patrol_shortfall(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """Grids whose patrol completion in the period is below ``patrol_short_below``: patrols_done,
    patrols_required, completion, shortfall; lowest completion first."""
    return metrics.run_query(con, "grid", "patrol_shortfall", flt, scope, by="grid")


def latest_events(
    con: duckdb.DuckDBPyConnection,
    flt: Filter,
    grid_code: str,
    limit: int = 20,
    scope: Scope | None = None,
) -> pl.DataFrame:
    """The newest ``limit`` events of one grid reported by ``flt.as_of`` (any period); empty when the
    grid is outside the filter's communities or the user's scope."""
    return metrics.run_query(con, "grid", "latest_events", flt, scope, grid_code=grid_code, limit=limit)
