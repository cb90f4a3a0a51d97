"""KPI tiles: a metric's value with both of its numbers, status colour, 环比 and 同比, sparkline."""

from __future__ import annotations

import base64
import re

import polars as pl
import streamlit as st

from jiedao import charts, i18n
from jiedao.metrics import Value

# Streamlit's coloured-text markdown; a plain glyph, so no emoji font is needed on the intranet.
STATUS_MARKS = {"green": ":green[●]", "yellow": ":orange[●]", "red": ":red[●]", "none": ":gray[○]"}


def numbers_line(value: Value, lang: str) -> str:
    """The caption under the value: numerator/denominator with their names (rates), then 同比."""
    metric = value.metric
    parts = []
    if metric.kind == "rate":
        names = (
            (metric.numerator_en, metric.denominator_en)
            if lang == "en"
            else (metric.numerator_zh, metric.denominator_zh)
        )
        ratio = i18n.fmt_ratio(value.numerator, value.denominator, lang)
        parts.append(i18n.bracketed(ratio, f"{names[0]}/{names[1]}", lang) if all(names) else ratio)
    yoy = i18n.fmt_change(value.change_yoy, metric.unit, lang)
    if yoy:
        parts.append(f"{i18n.t('yoy', lang)} {yoy}")
    return " · ".join(parts)


def tile(value: Value, lang: str, trend: pl.DataFrame | None = None, key: str | None = None) -> None:
    """One bordered tile: status mark and label, the value, 环比 as the delta (green when it moves
    the good way), numbers and 同比 in the caption, and the monthly ``trend`` (month, value) as a
    sparkline when it has at least two values."""
    metric = value.metric
    label = metric.en if lang == "en" else metric.zh
    status = i18n.t(f"status_{value.status}", lang)
    delta = i18n.fmt_change(value.change_mom, metric.unit, lang)
    steady = delta is not None and not delta.startswith(("+", "-"))  # no change: grey, no arrow
    with st.container(border=True):
        st.metric(
            f"{STATUS_MARKS[value.status]} {label}",
            i18n.fmt_value(value.value, metric.unit, lang),
            delta=delta,
            delta_color="off" if steady else "normal" if metric.direction == "up" else "inverse",
            delta_arrow="off" if steady else "auto",
            delta_description=i18n.t("mom", lang) if value.change_mom is not None else None,
            help=status,
        )
        caption = numbers_line(value, lang)
        if caption:
            st.caption(caption)
        if trend is not None and trend["value"].drop_nulls().len() > 1:
            svg = charts.sparkline(trend, status=value.status, unit=metric.unit, lang=lang)
            st.markdown(sparkline_html(svg), unsafe_allow_html=True)


def sparkline_html(svg: str) -> str:
    """The SVG as an image (a data URL, so nothing is fetched), as wide as the tile; the image's
    title repeats the months and values for a hover."""
    title = re.search(r"<title>(.*?)</title>", svg, re.S)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<img class="jd-sparkline" alt="{title.group(1) if title else ""}" title="{title.group(1) if title else ""}" '
        f'src="data:image/svg+xml;base64,{data}" style="width:100%;height:auto;display:block">'
    )
