"""Time series: monthly trends with their targets, a tile sparkline, the hours-to-close histogram."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from jiedao import i18n
from jiedao.charts.base import (
    NEUTRAL,
    STATUS_COLOURS,
    TARGET,
    TITLE,
    hover_values,
    period_label,
    style,
)


def trend_grid(
    panels: Sequence[tuple[str, pl.DataFrame, float | None]],
    *,
    columns: int = 2,
    unit: str = "%",
    lang: str = "zh",
    panel_height: int = 240,
) -> go.Figure:
    """Several monthly trends as small multiples in one figure: one panel per ``(name, frame,
    target)``, ``columns`` to a row, each with its own axis (from a little under its lowest value or
    target, see ``rate_range``) and its dashed target line. One figure, not one per metric: every
    Plotly chart costs the browser a separate drawing surface on the page's first load.

    Each frame has one row per month in order: month, value (a rate is a fraction, 0.924, drawn on a
    percentage axis), numerator and denominator (shown on hover); a null value (no denominator that
    month) is a gap, not a zero. The target is written in the panel's title, so the panels need no
    legend."""
    rows = math.ceil(len(panels) / columns)
    titles = [
        name if target is None else f"{name} · {i18n.t('target', lang)} {i18n.fmt_value(target, unit, lang)}"
        for name, _, target in panels
    ]
    fig = make_subplots(
        rows=rows, cols=columns, subplot_titles=titles, vertical_spacing=0.5 / rows, horizontal_spacing=0.08
    )
    for index, (name, frame, target) in enumerate(panels):
        row, col = index // columns + 1, index % columns + 1
        labels = [period_label(v, lang) for v in frame["month"]]
        fig.add_trace(
            go.Scatter(
                x=labels,
                y=frame["value"].to_list(),
                mode="lines+markers",
                name=name,
                line={"color": NEUTRAL, "width": 2.5},
                connectgaps=False,
                customdata=hover_values(frame, "value", unit, lang),
                hovertemplate=f"{html.escape(name)}<br>%{{x}}<br>%{{customdata}}<extra></extra>",
            ),
            row=row,
            col=col,
        )
        if target is not None:
            fig.add_trace(
                go.Scatter(
                    x=labels,
                    y=[target] * len(labels),
                    mode="lines",
                    name=f"{name} {i18n.t('target', lang)}",
                    line={"color": TARGET, "dash": "dash", "width": 1.5},
                    hoverinfo="skip",
                ),
                row=row,
                col=col,
            )
        if unit == "%":
            fig.update_yaxes(
                tickformat=".0%", range=rate_range([*frame["value"].to_list(), target]), row=row, col=col
            )
        dated = all(isinstance(v, dt.date) for v in frame["month"])
        fig.update_xaxes(
            type="category",
            tickangle=0,
            **(
                {"tickvals": labels, "ticktext": i18n.month_ticks(frame["month"], lang, "<br>")}
                if dated
                else {}
            ),
            row=row,
            col=col,
        )
    style(fig, height=panel_height * rows)
    fig.update_layout(showlegend=False, margin={"t": 32})
    for index, annotation in enumerate(fig.layout.annotations):  # titles left-aligned, as in style()
        annotation.update(
            x=fig.layout[f"xaxis{index + 1 if index else ''}"].domain[0],
            xanchor="left",
            font={"size": 14, "color": TITLE},
        )
    return fig


def rate_range(rates: Sequence[float | None]) -> list[float]:
    """A rate axis from a little under the lowest rate (or target), in steps of 5 points, up to
    100 %: rates of 80–99 % drawn from 0 % would all look alike."""
    known = [r for r in rates if r is not None]
    low = math.floor((min(known, default=0.0) - 0.05) * 20) / 20
    return [max(low, 0.0), 1.01]


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
