"""The 网格热力 page's pieces: pickers kept in the URL (``?measure=&points=&style=&grid=``), the map
(grid choropleth, event/ticket density, community and street outlines; no base map), the grid's card
(its numbers and latest events), the per-grid table, hotspots and patrol shortfall.

Every number comes from ``jiedao.grid`` (one summary query for all grids), cached per snapshot
version and filter, so a click on the map (a rerun) asks DuckDB nothing new but the grid's events.
"""

from __future__ import annotations

import duckdb
import polars as pl
import streamlit as st

from jiedao import config, grid, hexcells, i18n, maps, metrics
from jiedao.filters import Filter
from jiedao.metrics import Value
from jiedao.ui import url
from jiedao.ui.frame import table_with_download
from jiedao.ui.mapview import grid_map_panel, swatch_legend
from jiedao.ui.tiles import tile

OVERLAYS = ("events", "tickets", "none")
STYLES = ("hexagon", "heat")
HEX_SIDE_M = 50  # hexagons of 50 m side (about 0.65 ha): a few hundred over a street
# Blue, more opaque as they get denser, so the grid colours stay readable underneath.
HEAT_OPTIONS = {"colours": maps.DENSITY, "opacity": 0.8}
MAP_WIDTH, MAP_HEIGHT = 720, 640  # the map column at 1600 px (3 of 5 parts); tall, as the street is


@st.cache_data(max_entries=32, show_spinner=False)
def measures(_con: duckdb.DuckDBPyConnection, version: str, flt: Filter) -> pl.DataFrame:
    return grid.measures(_con, flt)


@st.cache_data(max_entries=32, show_spinner=False)
def shapes(_con: duckdb.DuckDBPyConnection, version: str, flt: Filter) -> grid.Shapes:
    return grid.shapes(_con, flt)


@st.cache_data(max_entries=32, show_spinner=False)
def density(_con: duckdb.DuckDBPyConnection, version: str, flt: Filter, source: str) -> pl.DataFrame:
    return grid.density(_con, flt, source, hex_m=HEX_SIDE_M)


@st.cache_data(max_entries=32, show_spinner=False)
def hotspots(_con: duckdb.DuckDBPyConnection, version: str, flt: Filter) -> pl.DataFrame:
    return grid.hotspots(_con, flt)


@st.cache_data(max_entries=32, show_spinner=False)
def shortfall(_con: duckdb.DuckDBPyConnection, version: str, flt: Filter) -> pl.DataFrame:
    return grid.patrol_shortfall(_con, flt)


def _label(metric_id: str, lang: str) -> str:
    metric = metrics.get(metric_id)
    return metric.en if lang == "en" else metric.zh


def pickers(lang: str) -> tuple[str, str, str]:
    """(measure id, overlay source or "none", overlay style) from the URL, drawn in one row."""
    cols = st.columns(3)
    measure = url.select("measure", list(grid.MAP_MEASURES), label=i18n.t("grid_measure", lang),
                         format_func=lambda m: _label(m, lang), keep_default=False, container=cols[0])  # fmt: skip
    source = url.select("points", list(OVERLAYS), label=i18n.t("grid_overlay", lang),
                        format_func=lambda o: i18n.t(f"grid_overlay_{o}", lang), keep_default=False,
                        container=cols[1])  # fmt: skip
    style = url.select("style", list(STYLES), label=i18n.t("grid_style", lang),
                       format_func=lambda s: i18n.t(f"grid_style_{s}", lang), keep_default=False,
                       container=cols[2], widget="segmented_control")  # fmt: skip
    return measure, source, style


def value_text(value: Value, lang: str) -> str:
    """The value as every page writes it; a rate (and a per-1,000 rate) with both of its numbers."""
    shown = i18n.fmt_value(value.value, value.metric.unit, lang)
    if value.metric.kind != "rate":
        return shown
    return f"{shown} · {i18n.fmt_ratio(value.numerator, value.denominator, lang)}"


def map_frame(outlines: pl.DataFrame, table: pl.DataFrame, metric_id: str, lang: str) -> pl.DataFrame:
    """The grids to draw: outline, name, community, households, the measure's value and its text."""
    name = metrics.get(metric_id).name
    values = table.select("grid_code", pl.col(name).alias("value"))
    texts = [value_text(grid.values_of(table, code)[metric_id], lang) for code in table["grid_code"]]
    values = values.with_columns(pl.Series("text", texts, dtype=pl.String))
    return outlines.join(values, on="grid_code", how="left", maintain_order="left").with_columns(
        pl.col("households").map_elements(lambda h: i18n.fmt_int(h, lang), return_dtype=pl.String).alias("hh")
    )


def draw_map(frame: pl.DataFrame, outlines: grid.Shapes, points: pl.DataFrame | None, source: str, style: str,
             metric_id: str, selected: str | None, whole_street: bool, lang: str) -> None:  # fmt: skip
    """The deck (no base map) with its legends; a click sets ``?grid=``. Hexagons are binned in
    DuckDB and drawn as they are (``jiedao.hexcells``); heat spreads the same hexagon centres."""
    metric = metrics.get(metric_id)
    details = [
        (i18n.t("grid_col_community", lang), "community_name"),
        (i18n.t("grid_households", lang), "hh"),
    ]
    overlays, key = [], None
    if points is not None and not points.is_empty() and style == "hexagon":
        overlays, key = hexcells.cells(points, side_m=HEX_SIDE_M, colours=maps.DENSITY, lang=lang)
    heat = points if points is not None and style == "heat" else None
    deck, scale = maps.grid_map(
        frame, label=_label(metric_id, lang), unit="%" if metric.unit == "%" else "",  # the title names units
        palette=maps.GOOD_UP if metric.direction == "up" else maps.HEAT,
        communities=outlines.communities, street=outlines.street if whole_street else None,
        points=heat, points_kind="heat", points_options=HEAT_OPTIONS, overlays=overlays, lang=lang,
        text="text", details=details, selected=selected, width=MAP_WIDTH, height=MAP_HEIGHT,
    )  # fmt: skip
    unit = metric.unit not in ("%", "") and lang == "zh"  # the English labels already name the unit
    title = _label(metric_id, lang) + (f"（{metric.unit}）" if unit else "")
    # One chart per overlay style: deck.gl's HeatmapLayer added to a live deck stays blank until the
    # view moves, so switching style mounts a fresh chart (the picked grid is kept in the URL).
    grid_map_panel(deck, scale, title=title, key=f"grid_map_{style}", lang=lang, height=MAP_HEIGHT)
    if points is not None:
        what = i18n.t(f"grid_overlay_{source}", lang)
        total = i18n.fmt_int(int(points["weight"].sum()), lang)
        hint = i18n.t(f"grid_overlay_hint_{style}", lang).format(
            n=total, what=what.lower() if lang == "en" else what, side=HEX_SIDE_M
        )
        if key:
            swatch_legend(key, hint)
        else:
            st.caption(hint)


def measure_table(frame: pl.DataFrame, metric_id: str, lang: str) -> pl.DataFrame:
    """The per-grid rows behind the map: grid, community, value with its numbers and status."""
    name = metrics.get(metric_id).name
    return frame.select(
        pl.col("grid_name").alias(i18n.t("grid_col_grid", lang)),
        pl.col("community_name").alias(i18n.t("grid_col_community", lang)),
        pl.col("households").alias(i18n.t("grid_households", lang)),
        pl.col(name).round(4).alias(_label(metric_id, lang)),
        pl.col(f"{name}_numerator").alias(i18n.t("numerator", lang)),
        pl.col(f"{name}_denominator").alias(i18n.t("denominator", lang)),
        pl.col(f"{name}_status").map_elements(lambda s: i18n.t(f"status_{s or 'none'}", lang), return_dtype=pl.String)
        .alias(i18n.t("grid_col_status", lang)),
    )  # fmt: skip


def grid_card(table: pl.DataFrame, code: str, lang: str) -> None:
    """The clicked grid: name, community, households and every grid measure as a tile."""
    row = table.filter(pl.col("grid_code") == code).row(0, named=True)
    st.markdown(
        f"#### {i18n.t('grid_card', lang).format(grid=row['grid_name'], community=row['community_name'])}"
    )
    st.caption(i18n.labelled(i18n.t("grid_households", lang), i18n.fmt_int(row["households"], lang), lang))
    values = list(grid.values_of(table, code).values())
    for start in range(0, len(values), 2):
        for column, value in zip(st.columns(2), values[start : start + 2], strict=False):
            with column:
                tile(value, lang, key=f"grid_tile_{value.metric.name}")


def latest_events(
    con: duckdb.DuckDBPyConnection, flt: Filter, table: pl.DataFrame, code: str, lang: str
) -> None:
    """The grid's newest events up to the as-of time (any month), with a download."""
    name = table.filter(pl.col("grid_code") == code)["grid_name"][0]
    st.subheader(f"{i18n.t('grid_latest_events', lang)} · {name}")
    events = grid.latest_events(con, flt, code, limit=20)
    if events.is_empty():
        st.caption(i18n.t("grid_no_events", lang))
        return
    table_with_download(event_table(events, lang), f"grid_{code}_events.csv", lang, "dl_grid_events")


def event_table(events: pl.DataFrame, lang: str) -> pl.DataFrame:
    def when(column: str) -> pl.Expr:
        return (
            pl.col(column)
            .map_elements(lambda d: i18n.fmt_datetime(d, lang), return_dtype=pl.String)
            .fill_null("—")
        )

    return events.select(
        when("reported_at").alias(i18n.t("grid_col_reported", lang)),
        pl.col("category_name").alias(i18n.t("grid_col_category", lang)),
        pl.col("status").alias(i18n.t("grid_col_event_status", lang)),
        pl.col("source").alias(i18n.t("grid_col_source", lang)),
        pl.col("deadline_class").alias(i18n.t("grid_col_deadline_class", lang)),
        when("closed_at").alias(i18n.t("grid_col_closed", lang)),
        pl.col("event_code").alias(i18n.t("grid_col_event", lang)),
        pl.col("description").alias(i18n.t("grid_col_description", lang)),
    )


def hotspot_list(frame: pl.DataFrame, lang: str) -> None:
    rules = config.load("grid")["params"]
    hint = i18n.t("grid_hotspots_hint", lang).format(
        recent=rules["hotspot_recent_weeks"], baseline=rules["hotspot_baseline_weeks"],
        margin=round(rules["hotspot_margin"] * 100),
    )  # fmt: skip
    st.caption(hint)
    if frame.is_empty():
        st.caption(i18n.t("grid_no_hotspots", lang))
        return
    shown = frame.select(
        pl.col("grid_name").alias(i18n.t("grid_col_grid", lang)),
        pl.col("community_name").alias(i18n.t("grid_col_community", lang)),
        pl.col("recent_events").alias(i18n.t("grid_col_recent", lang)),
        pl.col("recent_weekly").round(1).alias(i18n.t("grid_col_recent_weekly", lang)),
        pl.col("baseline_weekly").round(1).alias(i18n.t("grid_col_baseline_weekly", lang)),
        pl.col("ratio").round(2).alias(i18n.t("grid_col_ratio", lang)),
        pl.col("top_category").alias(i18n.t("grid_col_top_category", lang)),
    )
    table_with_download(shown, "grid_hotspots.csv", lang, "dl_hotspots")


def shortfall_list(frame: pl.DataFrame, lang: str) -> None:
    if frame.is_empty():
        st.caption(i18n.t("grid_no_shortfall", lang))
        return
    shown = frame.select(
        pl.col("grid_name").alias(i18n.t("grid_col_grid", lang)),
        pl.col("community_name").alias(i18n.t("grid_col_community", lang)),
        pl.col("patrols_done").alias(i18n.t("grid_col_done", lang)),
        pl.col("patrols_required").alias(i18n.t("grid_col_required", lang)),
        pl.col("completion").map_elements(lambda v: i18n.fmt_pct(v, lang), return_dtype=pl.String)
        .alias(i18n.t("grid_col_completion", lang)),
    )  # fmt: skip
    table_with_download(shown, "grid_patrol_shortfall.csv", lang, "dl_shortfall")
