"""12345热线 Hotline: 三率 and 按期办结率 with 12-month trends, the community 红黑榜, category TopN,
overdue tickets, hours to close, repeat complaints, and the tickets behind any number. Filters:
month, communities, category (all in the URL)."""

from dataclasses import replace

import streamlit as st

from jiedao import catalog, hotline, metrics
from jiedao.ui import cache, hotline_lists, hotline_view
from jiedao.ui.filters import community_picker, month_filter
from jiedao.ui.frame import guarded, lang, no_match, no_months, page_header
from jiedao.ui.panels import drill_banner

code = lang()


def render() -> None:
    version, con = page_header("page_hotline", code)
    if con is None:
        return
    ask = cache.Asker(version, con)
    month_slot, community_slot, category_slot = st.columns([1, 2, 1])
    picked = community_picker(con, code, container=community_slot)
    flt = month_filter(con, code, container=month_slot)
    if flt is None:
        no_months(code)
        return
    names = dict(catalog.communities(con).select("code", "name").iter_rows())
    drill_banner(names, picked, code)
    category = hotline_view.category_picker(ask(hotline.categories, flt), code, category_slot)
    flt = replace(flt, categories=(category,) if category else ())
    values, trends = ask(metrics.evaluate_with_trends, hotline_view.FAMILY, flt)
    if not any(values[m].numerator or values[m].denominator for m in hotline_view.TILES[:5]):
        no_match(code, clear=("community", "category"))
        return
    hotline_view.kpi_tiles(values, trends, code)
    hotline_view.trend_charts(trends, code)
    hotline_view.ranking_section(ask, flt, picked, code)
    hotline_view.categories_and_hours(ask, flt, values, code)
    hotline_lists.lists(ask, flt, values, names, code)


guarded(render, code)
