"""A chart with its table view and download, and the community drill-down.

Every chart on a page is drawn through ``chart_panel``: tabs 图表 | 表格, and under them a CSV
download of the rows behind the chart (UTF-8 with BOM, formula-neutralised).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from jiedao import i18n
from jiedao.exports import csv_bytes
from jiedao.ui import url

PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}


def chart_panel(
    fig: go.Figure,
    frame: pl.DataFrame,
    *,
    file_name: str,
    key: str,
    lang: str,
    on_select: Callable[[], None] | None = None,
    max_height: int | None = None,
) -> Any:
    """Tabs 图表 | 表格 over one figure and the frame behind it, then a CSV download.

    With ``on_select`` a click on a point calls it (once per change of selection, before the
    rerun) and the selection state is returned; without, the chart is not selectable (None).
    A figure taller than ``max_height`` pixels scrolls inside a box of that height, so the table tab
    and the download stay near the top of the page."""
    chart_tab, table_tab = st.tabs([i18n.t("tab_chart", lang), i18n.t("tab_table", lang)])
    event = None
    tall = max_height is not None and (fig.layout.height or 0) > max_height
    with chart_tab, st.container(height=max_height, border=False) if tall else nullcontext():
        if on_select is not None:
            event = st.plotly_chart(
                fig, key=key, on_select=on_select, selection_mode="points", config=PLOTLY_CONFIG
            )
        else:
            st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG)
    with table_tab:
        st.dataframe(frame, hide_index=True, width="stretch", height=min(35 * (frame.height + 1) + 3, 520))
    st.download_button(
        i18n.t("download_csv", lang),
        csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"{key}_csv",
    )
    return event


def selected_code(event: Mapping | None) -> str | None:
    """The code carried by the first clicked point (customdata ``[code, ...]`` or ``code``), if any."""
    if not event:
        return None
    points = (event.get("selection") or {}).get("points") or []
    if not points:
        return None
    data = points[0].get("customdata")
    if isinstance(data, list | tuple):
        data = data[0] if data else None
    return str(data) if data not in (None, "") else None


def community_drilldown(
    fig: go.Figure, frame: pl.DataFrame, *, file_name: str, key: str, lang: str, param: str = "community"
) -> None:
    """A community chart (``jiedao.charts.community_bars``) whose click drills the whole page into
    the clicked community: ``?community=<code>``, applied on the rerun the click causes; clicking
    the selected bar again (deselecting it) goes back to the whole street.

    The URL is set in the selection callback, which Streamlit calls only when the selection
    changes, so the persisting selection state never re-triggers a drill."""

    def pick() -> None:
        url.put(param, selected_code(st.session_state.get(key)))

    st.caption(i18n.t("drill_hint", lang))
    chart_panel(fig, frame, file_name=file_name, key=key, lang=lang, on_select=pick)


def drill_banner(names: Mapping[str, str], picked: Sequence[str], lang: str) -> None:
    """Which communities the page is narrowed to, and a button back to the whole street."""
    if not picked:
        return
    shown = "、".join(names.get(code, code) for code in picked)
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.info(i18n.t("drilled_into", lang).format(names=shown), icon=":material/filter_alt:")
    if button.button(i18n.t("back_to_street", lang), key="back_to_street", type="primary", width="stretch"):
        url.put("community", None)
        st.rerun()
