"""The filters every page shares, kept in the URL (see ``jiedao.ui.url``): language, month, quarter,
communities, grid. Each returns plain values (codes, dates) or a ``jiedao.filters.Filter``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from jiedao import catalog, i18n
from jiedao.filters import Filter
from jiedao.ui import url

LANG_NAMES = {"zh": "中文", "en": "English"}


def language_switch(container: Any = None) -> str:
    """中文 | English in the sidebar, as ``?lang=en`` (Chinese, the default, leaves the URL clean)."""
    return url.select(
        "lang",
        list(i18n.LANGS),
        label="语言 / Language",
        format_func=LANG_NAMES.get,
        keep_default=False,
        container=container or st.sidebar,
        widget="segmented_control",
    )


def month_picker(months: list[dt.date], lang: str, container: Any = None) -> dt.date | None:
    """A month among ``months`` (newest first; the newest is the default) as ``?month=2026-10``."""
    return url.select(
        "month",
        months,
        label=i18n.t("month", lang),
        format_func=lambda d: i18n.fmt_month(d, lang),
        token=lambda d: f"{d:%Y-%m}",
        container=container,
    )


def month_filter(con, lang: str, key: str = "month", container: Any = None) -> Filter | None:
    """The month picker over the months that have tickets, with the URL's communities applied;
    None when there is no month with data."""
    month = month_picker(catalog.months_with_data(con), lang, container)
    if month is None:
        return None
    return Filter.month(month.year, month.month, communities=community_codes())


def quarter_picker(quarters: list[str], lang: str, container: Any = None) -> str | None:
    """A quarter ("2026Q4") among ``quarters`` (newest first), as ``?quarter=2026Q4``."""
    return url.select(
        "quarter",
        quarters,
        label=i18n.t("quarter", lang),
        format_func=lambda q: i18n.fmt_quarter(q, lang),
        container=container,
    )


def community_codes() -> tuple[str, ...]:
    """The communities in the URL (empty = the whole street)."""
    return url.get_list("community")


def community_picker(con, lang: str, key: str = "community", container: Any = None) -> tuple[str, ...]:
    """Multiselect of communities by name, stored as codes in ``?community=``; empty = whole street."""
    table = catalog.communities(con)
    names = dict(zip(table["code"], table["name"], strict=True))
    return url.multiselect(
        "community",
        list(names),
        label=i18n.t("communities", lang),
        format_func=lambda c: names[c],
        placeholder=i18n.t("whole_street", lang),
        container=container,
        key=f"url_{key}",
    )


def grid_picker(grids: pl.DataFrame, lang: str, container: Any = None) -> str | None:
    """One grid (``code``, ``name`` columns) or all of them, as ``?grid=<code>``; None = all."""
    names = dict(zip(grids["code"], grids["name"], strict=True))
    choice = url.select(
        "grid",
        ["", *names],
        label=i18n.t("grid", lang),
        format_func=lambda c: names.get(c, i18n.t("all_grids", lang)),
        keep_default=False,
        container=container,
    )
    return choice or None
