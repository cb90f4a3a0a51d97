"""12345热线 Hotline: 三率 and 按期办结率 with 12-month trends, the community 红黑榜, category TopN,
overdue tickets, hours to close, repeat complaints, and the tickets behind any number. Filters:
month, communities, category (all in the URL)."""

from dataclasses import replace

import streamlit as st

from jiedao import catalog, hotline, i18n, metrics
from jiedao.ui import cache, hotline_lists, hotline_view
from jiedao.ui.filters import community_picker, month_filter
from jiedao.ui.frame import empty_state, guarded, lang, no_match, page_header

code = lang()


def render() -> None:
    version, con = page_header("page_hotline", code)
    if con is None:
        return
    month_slot, community_slot, category_slot = st.columns([1, 2, 1])
    picked = community_picker(con, code, container=community_slot)
    flt = month_filter(con, code, container=month_slot)
    if flt is None:
        empty_state(code)
        return
    category = hotline_view.category_picker(
        cache.call(hotline.categories, version, con, flt), code, category_slot
    )
    flt = replace(flt, categories=(category,) if category else ())
    values, trends = cache.call(metrics.evaluate_with_trends, version, con, hotline_view.FAMILY, flt)
    if not any(values[m].numerator or values[m].denominator for m in hotline_view.TILES[:5]):
        no_match(code, clear=("community", "category"))
        return
    hotline_view.kpi_tiles(values, trends, code)
    hotline_view.trend_charts(trends, code)
    street = replace(flt, communities=())
    st.subheader(i18n.t("red_black", code))
    hotline_view.ranking_chart(cache.call(hotline.three_rate_ranking, version, con, street), picked, code)
    hotline_view.red_black(*cache.call(hotline.red_black_list, version, con, street), code)
    left, right = st.columns(2, gap="large")
    with left:
        top = cache.call(
            hotline.top_categories, version, con, flt, level="subcategory" if category else "category"
        )
        hotline_view.top_categories(top, bool(category), code)
    with right:
        hotline_view.close_hours(cache.call(hotline.close_hours_histogram, version, con, flt), values, code)
    names = dict(catalog.communities(con).select("code", "name").iter_rows())
    overdue_tab, repeat_tab, behind_tab = st.tabs([i18n.t(k, code) for k in ("overdue", "repeats", "behind")])
    with overdue_tab:
        hotline_lists.overdue(cache.call(hotline.overdue, version, con, flt), code)
    with repeat_tab:
        hotline_lists.repeats(cache.call(hotline.repeat_complaints, version, con, flt), code)
    with behind_tab:
        metric_id, part = hotline_lists.behind_choice(code)
        if metric_id:
            rows = cache.call(hotline.tickets_behind, version, con, metric_id, flt, part)
            hotline_lists.behind(rows, values[metric_id], part, names, code)


guarded(render, code)
