"""Time series: a metric's monthly trend with its target, a tile sparkline, the hours-to-close histogram."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n
from jiedao.charts.base import NEUTRAL, STATUS_COLOURS, TARGET, hover_values, period_label, rate_axis, style


def trend_line(
    data_frame: pl.DataFrame,
    x: str = "month",
    y: str = "value",
    *,
    name: str = "",
    unit: str = "%",
    target: float | None = None,
    lang: str = "zh",
    title: str = "",
    height: int = 320,
) -> go.Figure:
    """Monthly trend of one metric, with a dashed target line when ``target`` is given.

    ``data_frame``: one row per period in order; ``y`` may be null (no denominator that month: a
    gap, not a zero). Rates are fractions (0.924) drawn on a percentage axis; numerator and
    denominator columns, when present, are shown on hover.
    """
    labels = [period_label(v, lang) for v in data_frame[x]]
    fig = go.Figure(
        go.Scatter(
            x=labels,
            y=data_frame[y].to_list(),
            mode="lines+markers",
            name=name or i18n.t("value", lang),
            line={"color": NEUTRAL, "width": 2.5},
            connectgaps=False,
            customdata=hover_values(data_frame, y, unit, lang),
            hovertemplate="%{x}<br>%{customdata}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_trace(
            go.Scatter(
                x=labels,
                y=[target] * len(labels),
                mode="lines",
                name=f"{i18n.t('target', lang)} {i18n.fmt_value(target, unit, lang)}",
                line={"color": TARGET, "dash": "dash", "width": 1.5},
                hoverinfo="skip",
            )
        )
    rate_axis(fig, unit)
    fig.update_xaxes(type="category")
    return style(fig, title=title, height=height)


def hours_histogram(
    data_frame: pl.DataFrame,
    start: str = "bin_start",
    count: str = "count",
    *,
    bin_width: float,
    median: float | None = None,
    p90: float | None = None,
    lang: str = "zh",
    title: str = "",
) -> go.Figure:
    """Distribution of hours to close from pre-binned counts (bins computed in DuckDB), with the
    median and P90 (also computed in DuckDB) marked as vertical lines."""
    fig = go.Figure(
        go.Bar(
            x=[s + bin_width / 2 for s in data_frame[start]],
            y=data_frame[count].to_list(),
            width=bin_width,
            marker={"color": NEUTRAL, "line": {"color": "white", "width": 1}},
            customdata=[[s, s + bin_width] for s in data_frame[start]],
            hovertemplate="%{customdata[0]}–%{customdata[1]}<br>%{y:,}<extra></extra>",
        )
    )
    for key, mark, colour in (("median", median, "#2e9e5b"), ("p90", p90, "#d64545")):
        if mark is not None:
            text = f"{i18n.t(key, lang)} {i18n.fmt_hours(mark, lang)}"
            fig.add_vline(x=mark, line={"color": colour, "dash": "dash", "width": 2})
            fig.add_annotation(
                x=mark, y=1, yref="paper", text=text, showarrow=False, xanchor="left", font={"color": colour}
            )
    fig.update_xaxes(title={"text": i18n.t("hours_to_close", lang)}, rangemode="tozero")
    fig.update_yaxes(title={"text": i18n.t("tickets", lang)})
    fig.update_layout(bargap=0)
    return style(fig, title=title)


def sparkline(
    data_frame: pl.DataFrame,
    x: str = "month",
    y: str = "value",
    *,
    status: str = "none",
    unit: str = "%",
    lang: str = "zh",
    width: int = 300,
    height: int = 64,
) -> str:
    """A tile-sized trend as an SVG document: no axes, the line in the status colour, broken where a
    month has no value (no denominator), the last point marked. SVG, not a Plotly figure: a page of
    tiles would otherwise load a dozen Plotly charts (about 0.5 s of drawing on a wall display's
    first load). The ``<title>`` lists every month and value, for a hover and a screen reader."""
    colour = STATUS_COLOURS.get(status, NEUTRAL) if status != "none" else NEUTRAL
    values = data_frame[y].to_list()
    labels = [period_label(v, lang) for v in data_frame[x]]
    present = [v for v in values if v is not None]
    low, high = (min(present), max(present)) if present else (0.0, 1.0)
    span = (high - low) or 1.0
    pad = 6  # room for the last point's marker and the line's width
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, height - pad - (v - low) / span * (height - 2 * pad)

    runs, run = [], []  # runs of consecutive months with a value
    for i, v in enumerate(values):
        if v is None:
            runs, run = (runs + [run] if run else runs), []
        else:
            run.append(point(i, v))
    runs += [run] if run else []
    lines = "".join(
        f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in r)}" fill="none" stroke="{colour}" '
        'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
        for r in runs
    )
    last = ""
    if values and values[-1] is not None:
        a, b = point(len(values) - 1, values[-1])
        last = f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3.5" fill="{colour}"/>'
    title = "；".join(f"{m} {i18n.fmt_value(v, unit, lang)}" for m, v in zip(labels, values, strict=True))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"><title>{html.escape(title)}</title>{lines}{last}</svg>'
    )
