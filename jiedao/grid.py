"""Grid lists and the per-grid measures behind the heatmap (DOMAIN.md §6): hotspots, grids short of
patrols, the latest events of a grid, and one row per grid with every grid measure. Aggregation
happens in DuckDB (jiedao/sql/grid.sql); the frames returned are small.

Needs-action lists (patrol shortfall, hotspots) start with the columns the 问题清单 unions:
``item`` (short zh text), ``ref`` (grid code), ``community_code``, ``responsible`` (the community),
``due_at``, ``days_overdue``.

For the map: ``shapes`` (grid, community and street outlines in scope) and ``density`` (tickets or
events of the period binned in DuckDB to hexagons with a weight); ``values_of`` turns one grid's
row of ``measures`` into registry ``Value``s for the grid's card.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from jiedao import metrics
from jiedao.filters import Filter, Scope
from jiedao.metrics import Value

# The per-grid measures of the heatmap (DOMAIN.md §6), in the order a page offers them.
MAP_MEASURES = (
    "grid.events_per_1000_households",
    "grid.on_time_close_rate",
    "grid.mean_hours_to_close",
    "grid.reopen_rate",
    "grid.patrol_completion",
    "grid.tickets_per_1000_households",
)
DENSITY_SOURCES = ("tickets", "events")
METRES_PER_DEGREE = 111_320  # of latitude (and of longitude at the equator)


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


@dataclass(frozen=True)
class Shapes:
    """Outlines in scope, polygons as GeoJSON text (WGS-84): ``grids`` (grid_code, name,
    community_code, community_name, households, polygon), ``communities`` (community_code, name,
    polygon) and ``street`` (street_code, name, polygon)."""

    grids: pl.DataFrame
    communities: pl.DataFrame
    street: pl.DataFrame


def shapes(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> Shapes:
    """The outlines of the grids and communities in scope and of their street; places without a
    polygon are left out (an empty ``grids`` means there is nothing to draw)."""
    return Shapes(
        *(
            metrics.run_query(con, "grid", f"{kind}_shapes", flt, scope)
            for kind in ("grid", "community", "street")
        )
    )


def density(
    con: duckdb.DuckDBPyConnection,
    flt: Filter,
    source: str = "events",
    hex_m: float = 50.0,
    scope: Scope | None = None,
) -> pl.DataFrame:
    """Grid events (``source="events"``, by report time) or hotline tickets (``"tickets"``, by receipt
    time) of the period with coordinates, counted per hexagon of side ``hex_m`` metres (binned in
    DuckDB; see ``hex_bins`` in grid.sql): lon, lat (the hexagon's centre), weight. One row per
    hexagon, so the browser gets thousands of points, never millions."""
    if source not in DENSITY_SOURCES:
        raise ValueError(f"未知点位来源 / unknown source {source!r}: one of {', '.join(DENSITY_SOURCES)}")
    extra = {"source": source, "hex_m": hex_m, "metres_per_degree": METRES_PER_DEGREE}
    return metrics.run_query(con, "grid", "hex_bins", flt, scope, **extra)


def values_of(measures_frame: pl.DataFrame, grid_code: str) -> dict[str, Value]:
    """One grid's row of ``measures`` as registry values (metric id → Value, registration order):
    the same numbers the map colours, with numerator, denominator and status. Empty when the grid
    is not in the frame."""
    row = measures_frame.filter(pl.col("grid_code") == grid_code)
    if row.is_empty():
        return {}
    data = row.row(0, named=True)
    return {
        m.id: Value(m, data[f"{m.name}_numerator"], data[f"{m.name}_denominator"], data[m.name],
                    data[f"{m.name}_status"] or "none")
        for m in metrics.all_metrics("grid")
        if m.name in data
    }  # fmt: skip
