"""12345热线 Hotline: the 三率, 按期办结率 and volume tiles, then one section at a time in tabs: the
community 红黑榜, the 12-month trends, category TopN with hours to close, overdue tickets, repeat
complaints, and the tickets behind any number. Filters and the open section (``?view=``) are in the
URL; only the open section is computed and drawn."""

from dataclasses import replace
from functools import partial

import streamlit as st

from jiedao import catalog, hotline, i18n, metrics
from jiedao.ui import cache, hotline_lists, hotline_view, url
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
    t = partial(i18n.t, lang=code)
    url.sections(
        "view",
        [
            ("ranking", t("view_ranking"), lambda: hotline_view.ranking_section(ask, flt, picked, code)),
            ("trends", t("hotline_trends"), lambda: hotline_view.trend_charts(trends, code)),
            (
                "categories",
                t("view_categories"),
                lambda: hotline_view.categories_and_hours(ask, flt, values, code),
            ),
            ("overdue", t("overdue"), lambda: hotline_lists.overdue(ask(hotline.overdue, flt), code)),
            (
                "repeats",
                t("repeats"),
                lambda: hotline_lists.repeats(ask(hotline.repeat_complaints, flt), code),
            ),
            ("behind", t("behind"), lambda: hotline_lists.behind_section(ask, flt, values, names, code)),
        ],
    )


guarded(render, code)
