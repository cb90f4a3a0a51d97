"""Bars: communities side by side (clickable), TopN with 环比, companies ranked by tier."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n
from jiedao.charts.base import (
    MUTED,
    NEUTRAL,
    STATUS_COLOURS,
    TARGET,
    TIER_COLOURS,
    TIERS,
    hover_values,
    rate_axis,
    style,
)


def community_bars(
    data_frame: pl.DataFrame,
    x: str = "name",
    y: str = "value",
    *,
    key: str = "key",
    unit: str = "%",
    selected: str | None = None,
    lang: str = "zh",
    title: str = "",
    height: int = 340,
) -> go.Figure:
    """One bar per community, coloured by ``status`` when the frame has it.

    Each bar carries its community code (``key``) as customdata, so a click selection tells the
    page which community to drill into. ``selected`` (a code) keeps that bar bright and mutes the
    others.
    """
    codes = data_frame[key].to_list()
    if "status" in data_frame.columns:
        colours = [STATUS_COLOURS.get(s or "none", NEUTRAL) for s in data_frame["status"]]
    else:
        colours = [NEUTRAL] * len(codes)
    if selected is not None:
        colours = [c if code == selected else MUTED for c, code in zip(colours, codes, strict=True)]
    hover = hover_values(data_frame, y, unit, lang)
    fig = go.Figure(
        go.Bar(
            x=data_frame[x].to_list(),
            y=data_frame[y].to_list(),
            marker={"color": colours},
            customdata=[[code, text] for code, text in zip(codes, hover, strict=True)],
            text=[i18n.fmt_value(v, unit, lang) for v in data_frame[y]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}<br>%{customdata[1]}<extra></extra>",
        )
    )
    rate_axis(fig, unit)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return style(fig, title=title, height=height)


def top_n_bars(
    data_frame: pl.DataFrame,
    label: str = "label",
    value: str = "value",
    *,
    previous: str | None = "previous",
    n: int = 10,
    unit: str = "件",
    lang: str = "zh",
    title: str = "",
) -> go.Figure:
    """The ``n`` largest items as horizontal bars, largest on top, each annotated with its value and
    环比 (relative change against the ``previous`` column; 新增 when it was zero)."""
    top = data_frame.sort(value, descending=True, nulls_last=True).head(n).reverse()
    texts = []
    for row in top.iter_rows(named=True):
        text = i18n.fmt_value(row[value], unit, lang)
        if previous and previous in top.columns:
            change = i18n.fmt_growth(row[value], row[previous], lang)
            text += f" · {i18n.t('mom', lang)} {change}"
        texts.append(text)
    fig = go.Figure(
        go.Bar(
            x=top[value].to_list(),
            y=top[label].to_list(),
            orientation="h",
            marker={"color": NEUTRAL},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )
    longest = max((v for v in top[value].to_list() if v is not None), default=None)
    # room on the right for the value and 环比 written after the longest bar
    fig.update_xaxes(rangemode="tozero", range=[0, longest * 1.5] if longest else None)
    return style(fig, title=title, height=max(220, 34 * top.height + 80))


def tier_ranking(
    data_frame: pl.DataFrame,
    name: str = "name",
    score: str = "score",
    tier: str = "tier",
    *,
    lang: str = "zh",
    title: str = "",
    lines: Sequence[tuple[float, str]] = (),
) -> go.Figure:
    """Companies ranked by score, highest on top, one colour per tier (金/银/黄/红) with a legend.

    ``tier`` holds gold / silver / yellow / red. The order is the frame's order when it has a
    ``rank`` column (ties are broken by the rating rules, not here), else by score. ``lines``:
    dashed vertical lines (score, label) such as the tier thresholds, labelled at the top.
    """
    ranked = (
        data_frame.sort("rank") if "rank" in data_frame.columns else data_frame.sort(score, descending=True)
    )
    order = ranked[name].to_list()
    fig = go.Figure()
    for level in TIERS:
        part = ranked.filter(pl.col(tier) == level)
        if part.is_empty():
            continue
        label = i18n.t(f"tier_{level}", lang)
        fig.add_trace(
            go.Bar(
                x=part[score].to_list(),
                y=part[name].to_list(),
                orientation="h",
                name=label,
                marker={"color": TIER_COLOURS[level]},
                text=[f"{label} {i18n.fmt_number(s, lang, 2)}" for s in part[score]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}<br>%{text}<extra></extra>",
            )
        )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(order)))
    fig.update_xaxes(range=[0, 105], title={"text": i18n.t("score", lang)})
    for at, text in lines:
        fig.add_vline(x=at, line={"color": TARGET, "dash": "dash", "width": 1}, layer="below", annotation_text=text,
                      annotation_position="top", annotation_font={"color": TARGET, "size": 11})  # fmt: skip
    style(fig, title=title, height=max(240, 30 * len(order) + 120))
    if (
        lines
    ):  # the line labels sit above the plot's right part, where the legend would be: legend to the left
        fig.update_layout(legend={"xanchor": "left", "x": 0.0})
    return fig
