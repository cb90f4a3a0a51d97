"""Shared look of every chart: the CJK font stack, colours, layout, and value/label helpers."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
)
NEUTRAL = "#3b6ea5"
MUTED = "#c9d3df"
TARGET = "#6b7280"
TITLE = "#31333f"  # Streamlit's text colour: a panel title reads as a heading, not as a tick
STATUS_COLOURS = {"green": "#2e9e5b", "yellow": "#e8a317", "red": "#d64545", "none": "#b8bec7"}
TIER_COLOURS = {"gold": "#c9a227", "silver": "#9aa3ad", "yellow": "#f2d024", "red": "#c8102e"}
TIERS = ("gold", "silver", "yellow", "red")
CELL_STATUSES = ("none", "green", "yellow", "red")  # heatmap z codes 0..3


def style(fig: go.Figure, *, title: str = "", height: int = 360) -> go.Figure:
    """The house look: CJK font stack, white background, compact margins, thousands separators."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"} if title else None,
        font={"family": FONT_FAMILY, "size": 13},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        height=height,
        margin={"l": 8, "r": 8, "t": 48 if title else 16, "b": 8},
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=".,",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
    )
    fig.update_xaxes(automargin=True, gridcolor="#eef1f4")
    fig.update_yaxes(automargin=True, gridcolor="#eef1f4")
    return fig


def legend_below(fig: go.Figure) -> go.Figure:
    """Move the legend under the plot, left-aligned: for charts whose x-axis labels sit on top (the
    matrices), where the house legend would cover them."""
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top"})
    return fig


def period_label(value, lang: str) -> str:
    """Axis label of a period value: dates as months (2026年10月), other values as text."""
    if isinstance(value, dt.date):
        return i18n.fmt_month(value, lang)
    return str(value)


def rate_axis(fig: go.Figure, unit: str, axis: str = "y") -> None:
    if unit == "%":
        fig.update_layout({f"{axis}axis": {"tickformat": ".0%", "rangemode": "tozero"}})


def hover_values(frame: pl.DataFrame, y: str, unit: str, lang: str) -> list[str]:
    """The value as the pages write it; a rate with its numerator and denominator when present."""
    if unit == "%" and {"numerator", "denominator"} <= set(frame.columns):
        return [
            i18n.fmt_rate(v, n, d, lang)
            for v, n, d in zip(frame[y], frame["numerator"], frame["denominator"], strict=True)
        ]
    return [i18n.fmt_value(v, unit, lang) for v in frame[y]]
