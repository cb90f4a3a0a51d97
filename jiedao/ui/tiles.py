"""KPI tiles: a metric's value with both of its numbers, status colour, 环比 and 同比."""

from __future__ import annotations

import streamlit as st

from jiedao.metrics import Value

DOTS = {"green": "🟢", "yellow": "🟡", "red": "🔴", "none": "⚪"}


def fmt_value(value: float | None, unit: str) -> str:
    """Rates as percentages with one decimal; "—" when there is no value (zero denominator)."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f} %"
    return f"{value:,.1f} {unit}" if value % 1 else f"{value:,.0f} {unit}"


def fmt_change(change: float | None, unit: str, lang: str = "zh") -> str | None:
    if change is None:
        return None
    if unit == "%":
        return f"{change * 100:+.1f} " + ("个百分点" if lang == "zh" else "pp")
    return f"{change:+,.1f}"


def tile(value: Value, lang: str) -> None:
    """One bordered tile: dot + label, value, numbers, 环比 as the delta and 同比 in the caption."""
    metric = value.metric
    label = metric.en if lang == "en" else metric.zh
    good_up = metric.direction == "up"
    with st.container(border=True):
        st.metric(
            f"{DOTS[value.status]} {label}",
            fmt_value(value.value, metric.unit),
            delta=fmt_change(value.change_mom, metric.unit, lang),
            delta_color="normal" if good_up else "inverse",
        )
        parts = []
        if metric.kind == "rate":
            num = "—" if value.numerator is None else f"{value.numerator:,.0f}"
            den = "—" if value.denominator is None else f"{value.denominator:,.0f}"
            parts.append(f"{num} / {den}")
        yoy = fmt_change(value.change_yoy, metric.unit, lang)
        if yoy:
            parts.append(("同比 " if lang == "zh" else "YoY ") + yoy)
        if parts:
            st.caption(" · ".join(parts))
