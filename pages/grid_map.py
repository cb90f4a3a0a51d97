"""网格热力 Grid map: the grid polygons are the map (no base map tiles, works offline), coloured by a
per-grid measure, with events or tickets of the month as a hexagon or heat layer; click a grid for
its numbers and latest events; hotspots and grids short of patrols below.
URL: ``?month=2026-10&community=…&measure=…&points=…&style=…&grid=<code>``."""

import streamlit as st

from jiedao import i18n
from jiedao.ui import grid_view
from jiedao.ui.filters import community_picker, grid_picker, month_filter
from jiedao.ui.frame import empty_state, guarded, lang, no_match, page_header, table_with_download

code = lang()


def render() -> None:
    version, con = page_header("page_grid_map", code)
    if con is None:
        return
    st.caption(i18n.t("grid_map_intro", code))
    top = st.columns([1, 2, 1])
    communities = community_picker(con, code, container=top[1])
    flt = month_filter(con, code, container=top[0])
    if flt is None:
        empty_state(code)
        return
    outlines = grid_view.shapes(con, version, flt)
    if outlines.grids.is_empty():
        if communities:
            no_match(code)
        else:
            st.info(i18n.t("no_geometry", code))
        return
    picked = grid_picker(outlines.grids.select(code="grid_code", name="name"), code, container=top[2])
    measure, source, style = grid_view.pickers(code)
    table = grid_view.measures(con, version, flt)
    points = None if source == "none" else grid_view.density(con, version, flt, source)
    frame = grid_view.map_frame(outlines.grids, table, measure, code)
    left, right = st.columns([3, 2])
    with left:
        map_tab, table_tab = st.tabs([i18n.t("grid_tab_map", code), i18n.t("grid_tab_table", code)])
        with map_tab:
            grid_view.draw_map(frame, outlines, points, source, style, measure, picked, not communities, code)
        with table_tab:
            shown = grid_view.measure_table(table, measure, code)
            table_with_download(shown, f"grid_{measure.split('.')[1]}.csv", code, "dl_grid_measure")
    with right:
        if picked:
            grid_view.grid_card(table, picked, code)
        else:
            st.info(i18n.t("grid_click_hint", code))
    if picked:
        grid_view.latest_events(con, flt, table, picked, code)
    hot, short = st.columns(2)
    with hot:
        st.subheader(i18n.t("grid_hotspots", code))
        grid_view.hotspot_list(grid_view.hotspots(con, version, flt), code)
    with short:
        st.subheader(i18n.t("grid_shortfall", code))
        grid_view.shortfall_list(grid_view.shortfall(con, version, flt), code)


guarded(render, code)
