"""Rates side by side: a matrix of cells (e.g. community × coverage rate) coloured by each cell's status,
with the value written in the cell and its numerator/denominator on hover."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n
from jiedao.charts.base import CELL_STATUSES, STATUS_COLOURS, legend_below, style
from jiedao.charts.matrix import _status_scale

STATUS_KEYS = {"green": "status_green", "yellow": "status_yellow", "red": "status_red", "none": "status_none"}


def rate_matrix(
    data_frame: pl.DataFrame,
    row: str = "row",
    column: str = "column",
    status: str = "status",
    *,
    text: str = "text",
    hover: str | None = "hover",
    lang: str = "zh",
    title: str = "",
) -> go.Figure:
    """Rows × columns of rates, each cell in its status colour (green / yellow / red; grey = no value)
    with ``text`` (e.g. "92.4%") written in it and ``hover`` (e.g. "92.4% · 12/13") on hover.

    ``data_frame``: one row per (row, column); rows and columns keep their first-seen order, the first
    row on top. Missing cells are grey and read "—". Column labels sit on top, the status legend below.
    """
    rows = {r: i for i, r in enumerate(dict.fromkeys(data_frame[row].to_list()))}
    cols = {c: j for j, c in enumerate(dict.fromkeys(data_frame[column].to_list()))}
    z = [[0] * len(cols) for _ in rows]
    texts = [["—"] * len(cols) for _ in rows]
    hovers = [[i18n.t("status_none", lang)] * len(cols) for _ in rows]
    for rec in data_frame.iter_rows(named=True):
        i, j = rows[rec[row]], cols[rec[column]]
        state = rec[status] if rec[status] in CELL_STATUSES else "none"
        z[i][j] = CELL_STATUSES.index(state)
        texts[i][j] = rec[text] or "—"
        shown = rec[hover] if hover and rec[hover] else rec[text] or "—"
        hovers[i][j] = f"{shown} · {i18n.t(STATUS_KEYS[state], lang)}"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(c) for c in cols],
            y=[str(r) for r in rows],
            zmin=0,
            zmax=len(CELL_STATUSES) - 1,
            colorscale=_status_scale(),
            showscale=False,
            xgap=3,
            ygap=3,
            text=texts,
            texttemplate="%{text}",
            textfont={"size": 13},
            customdata=hovers,
            hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
        )
    )
    for state in ("green", "yellow", "red", "none"):  # a legend: one marker per colour
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=i18n.t(STATUS_KEYS[state], lang),
                marker={"symbol": "square", "size": 12, "color": STATUS_COLOURS[state]},
            )
        )
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False)
    fig.update_xaxes(type="category", side="top", showgrid=False)
    return legend_below(style(fig, title=title, height=max(260, 40 * len(rows) + 150)))
