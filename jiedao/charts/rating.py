"""The property rating of one company: its points per dimension against the weight, and its record
over the quarters with the tier lines (DOMAIN.md §7)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from jiedao import i18n
from jiedao.charts.base import MUTED, NEUTRAL, TARGET, TIER_COLOURS, style


def dimension_bars(data_frame: pl.DataFrame, *, lang: str = "zh", title: str = "") -> go.Figure:
    """One row per dimension (``name``, ``points``, ``weight``, optional ``note``): the points as a bar
    over a pale bar of the full weight, labelled "8.5/20" (and the note, e.g. 未检查). First
    dimension on top."""
    names = data_frame["name"].to_list()
    notes = data_frame["note"].to_list() if "note" in data_frame.columns else [""] * len(names)
    labels = [
        f"{i18n.fmt_number(p, lang, 2)}/{i18n.fmt_number(w, lang)}" + (f" {n}" if n else "")
        for p, w, n in zip(data_frame["points"], data_frame["weight"], notes, strict=True)
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(x=data_frame["weight"].to_list(), y=names, orientation="h", marker={"color": MUTED},
               name=i18n.t("rating_full_marks", lang), hoverinfo="skip")
    )  # fmt: skip
    fig.add_trace(
        go.Bar(
            x=data_frame["points"].to_list(), y=names, orientation="h", marker={"color": NEUTRAL},
            name=i18n.t("score", lang), text=labels, textposition="outside", cliponaxis=False,
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_layout(barmode="overlay", showlegend=False)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(names)))
    top = max([*data_frame["weight"].to_list(), 1.0])
    fig.update_xaxes(range=[0, top * 1.3], title={"text": i18n.t("score", lang)})
    return style(fig, title=title, height=max(220, 44 * len(names) + 80))


def score_history(
    data_frame: pl.DataFrame,
    *,
    lang: str = "zh",
    title: str = "",
    lines: Sequence[tuple[float, str]] = (),
) -> go.Figure:
    """The company's total per quarter (``quarter`` "2026Q3", ``total``, ``tier``, optional ``rank``
    and ``companies``), markers in the tier's colour, dashed horizontal ``lines`` (score, label)."""
    quarters = [i18n.fmt_quarter(q, lang) for q in data_frame["quarter"]]
    tiers = data_frame["tier"].to_list()
    text = [
        f"{i18n.t(f'tier_{t}', lang)} {i18n.fmt_number(s, lang, 2)}"
        for t, s in zip(tiers, data_frame["total"], strict=True)
    ]
    if {"rank", "companies"} <= set(data_frame.columns):
        text = [f"{t}<br>{i18n.t('rating_rank_of', lang).format(rank=r, n=n)}" for t, r, n in
                zip(text, data_frame["rank"], data_frame["companies"], strict=True)]  # fmt: skip
    fig = go.Figure(
        go.Scatter(
            x=quarters, y=data_frame["total"].to_list(), mode="lines+markers",
            line={"color": NEUTRAL, "width": 2}, customdata=text,
            marker={"size": 13, "color": [TIER_COLOURS[t] for t in tiers], "line": {"color": "#1f2933", "width": 1}},
            hovertemplate="%{x}<br>%{customdata}<extra></extra>", showlegend=False,
        )
    )  # fmt: skip
    for at, label in lines:
        fig.add_hline(y=at, line={"color": TARGET, "dash": "dash", "width": 1}, annotation_text=label,
                      annotation_position="top left", annotation_font={"color": TARGET, "size": 11})  # fmt: skip
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 105], title={"text": i18n.t("score", lang)})
    return style(fig, title=title, height=300)
