"""Filters kept in the URL (``?month=2026-10&community=430602001001``) so a view can be bookmarked,
shared and reloaded. Each widget reads its default from the URL and writes its choice back."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from jiedao import catalog, i18n
from jiedao.filters import Filter


def _month_param(months: list[dt.date]) -> dt.date:
    wanted = st.query_params.get("month")
    for month in months:
        if wanted == f"{month:%Y-%m}":
            return month
    return months[0]


def month_filter(con, lang: str, key: str = "month") -> Filter | None:
    """A month picker over the months that have data, newest first; None when there are none."""
    months = catalog.months_with_data(con)
    if not months:
        return None
    default = _month_param(months)
    label = "月份" if lang == "zh" else "Month"
    choice = st.selectbox(
        label, months, index=months.index(default), key=key, format_func=lambda d: i18n.fmt_month(d, lang)
    )
    st.query_params["month"] = f"{choice:%Y-%m}"
    communities = community_codes()
    return Filter.month(choice.year, choice.month, communities=communities)


def community_codes() -> tuple[str, ...]:
    raw = st.query_params.get("community", "")
    return tuple(c for c in raw.split(",") if c)


def community_picker(con, lang: str, key: str = "community") -> tuple[str, ...]:
    """Multiselect of communities by name, stored as codes in the URL; empty = the whole street."""
    table = catalog.communities(con)
    names = dict(zip(table["code"], table["name"], strict=True))
    chosen = [c for c in community_codes() if c in names]
    label = "社区" if lang == "zh" else "Communities"
    picked = st.multiselect(
        label,
        list(names),
        default=chosen,
        format_func=lambda c: names[c],
        key=key,
        placeholder="全街道" if lang == "zh" else "Whole street",
    )
    if picked:
        st.query_params["community"] = ",".join(picked)
    elif "community" in st.query_params:
        del st.query_params["community"]
    return tuple(picked)
