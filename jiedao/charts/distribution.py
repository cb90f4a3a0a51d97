"""Distributions over bins of unequal width (hours to close: 0–2, 2–8, 8–24 … 336+)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n
from jiedao.charts.base import NEUTRAL, style

MARKS = (("median", "#2e9e5b", 1.0), ("p90", "#d64545", 0.9))  # key, colour, label height (paper)


def bin_label(lower: float, upper: float | None) -> str:
    """ "8–24", or "≥336" for the open-ended last bin."""
    low = i18n.fmt_number(lower)
    return f"≥{low}" if upper is None else f"{low}–{i18n.fmt_number(upper)}"


def bin_position(value: float, lowers: list[float], uppers: list[float | None]) -> float | None:
    """Where ``value`` falls on a category axis of the bins (bar i spans i − 0.5 … i + 0.5), placed
    in proportion inside its bin; the middle of the open-ended bin; None outside every bin."""
    for i, (low, high) in enumerate(zip(lowers, uppers, strict=True)):
        if high is None and value >= low:
            return float(i)
        if high is not None and low <= value < high:
            return i - 0.5 + (value - low) / (high - low)
    return None


def hours_bins(
    data_frame: pl.DataFrame,
    lower: str = "lower_h",
    upper: str = "upper_h",
    count: str = "tickets",
    *,
    median: float | None = None,
    p90: float | None = None,
    lang: str = "zh",
    title: str = "",
) -> go.Figure:
    """Tickets per bin of hours to close (bins computed in DuckDB, ``upper`` None = open-ended), one
    bar per bin of equal width whatever the bin's span, with the median and P90 (also computed in
    DuckDB) as dashed lines placed in proportion inside their bins."""
    lowers, uppers = data_frame[lower].to_list(), data_frame[upper].to_list()
    labels = [bin_label(lo, hi) for lo, hi in zip(lowers, uppers, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=data_frame[count].to_list(),
            marker={"color": NEUTRAL},
            text=[i18n.fmt_int(n, lang) for n in data_frame[count]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}" + i18n.fmt_unit("小时", lang) + "<br>%{y:,}<extra></extra>",
        )
    )
    for (key, colour, height), mark in zip(MARKS, (median, p90), strict=True):
        position = None if mark is None else bin_position(mark, lowers, uppers)
        if position is None:
            continue
        fig.add_vline(x=position, line={"color": colour, "dash": "dash", "width": 2})
        fig.add_annotation(
            x=position,
            y=height,
            yref="paper",
            text=f"{i18n.t(key, lang)} {i18n.fmt_hours(mark, lang)}",
            showarrow=False,
            xanchor="left",
            font={"color": colour},
            bgcolor="rgba(255,255,255,0.8)",
        )
    fig.update_xaxes(type="category", title={"text": i18n.t("hours_to_close", lang)})
    tallest = max((n for n in data_frame[count].to_list() if n), default=0)
    # headroom over the tallest bar's label for the median and P90 labels
    fig.update_yaxes(title={"text": i18n.t("tickets", lang)}, range=[0, tallest * 1.35] if tallest else None)
    return style(fig, title=title)
