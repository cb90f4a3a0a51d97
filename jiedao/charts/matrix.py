"""The branch × month compliance matrix (组织生活): green / yellow / red / grey cells."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n
from jiedao.charts.base import CELL_STATUSES, STATUS_COLOURS, legend_below, period_label, style

LONG = 24  # rows beyond which the matrix is laid out for scrolling (``_long``)
LONG_ROW_PX = 22


def _status_scale() -> list[list]:
    """A discrete colour scale: z = 0..3 maps to the four cell statuses, no blending between them."""
    scale = []
    for i, status in enumerate(CELL_STATUSES):
        lo, hi = i / len(CELL_STATUSES), (i + 1) / len(CELL_STATUSES)
        scale += [[lo, STATUS_COLOURS[status]], [hi, STATUS_COLOURS[status]]]
    return scale


def compliance_matrix(
    data_frame: pl.DataFrame,
    row: str = "branch",
    column: str = "month",
    status: str = "status",
    *,
    text: str | None = None,
    lang: str = "zh",
    title: str = "",
) -> go.Figure:
    """Branch × month matrix of meeting compliance: green all held, yellow one due within 7 days,
    red a closed period with a required meeting missing, grey nothing required.

    ``data_frame``: one row per (row, column) with a ``status`` in green/yellow/red/none and an
    optional ``text`` (e.g. "2/3") shown on hover. Missing cells are grey. The month labels sit on top,
    the colour legend below the matrix.
    """
    rows = {r: i for i, r in enumerate(dict.fromkeys(data_frame[row].to_list()))}
    cols = {c: j for j, c in enumerate(dict.fromkeys(data_frame[column].to_list()))}
    z = [[0] * len(cols) for _ in rows]
    hover = [[i18n.t("cell_none", lang)] * len(cols) for _ in rows]
    for rec in data_frame.iter_rows(named=True):
        i, j = rows[rec[row]], cols[rec[column]]
        state = rec[status] if rec[status] in CELL_STATUSES else "none"
        z[i][j] = CELL_STATUSES.index(state)
        hover[i][j] = i18n.t(f"cell_{state}", lang) + (f" · {rec[text]}" if text and rec[text] else "")
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[period_label(c, lang) for c in cols],
            y=[str(r) for r in rows],
            zmin=0,
            zmax=len(CELL_STATUSES) - 1,
            colorscale=_status_scale(),
            showscale=False,
            xgap=2,
            ygap=2,
            customdata=hover,
            hovertemplate="%{y} · %{x}<br>%{customdata}<extra></extra>",
        )
    )
    for state in CELL_STATUSES[1:] + CELL_STATUSES[:1]:  # a legend: one marker per colour
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=i18n.t(f"cell_{state}", lang),
                marker={"symbol": "square", "size": 12, "color": STATUS_COLOURS[state]},
            )
        )
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False)
    fig.update_xaxes(type="category", side="top", showgrid=False)
    if len(rows) > LONG:
        return _long(fig, [period_label(c, lang) for c in cols], title, len(rows))
    return legend_below(style(fig, title=title, height=max(240, 26 * len(rows) + 140)))


def _long(fig: go.Figure, months: list[str], title: str, rows: int) -> go.Figure:
    """A matrix taller than a screen (a page shows it in a scroll box): thinner rows, the month labels
    repeated under the cells, and the legend at the very top where scrolling never hides it."""
    fig.add_trace(  # an invisible trace that carries the repeated month axis below the cells
        go.Scatter(
            x=months, y=[None] * len(months), xaxis="x2", mode="markers", hoverinfo="skip", showlegend=False
        )
    )
    style(fig, title=title, height=LONG_ROW_PX * rows + 120)
    fig.update_layout(
        xaxis2={"overlaying": "x", "side": "bottom", "matches": "x", "type": "category", "showgrid": False},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container"},
        margin={"t": 64 + (32 if title else 0)},
    )
    return fig
