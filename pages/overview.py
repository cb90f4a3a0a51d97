"""总览 Overview: the headline metric of every area as KPI tiles, a community comparison whose click
drills the whole page into that community (``?community=``), and the 问题清单."""

import streamlit as st

from jiedao import actions, catalog, i18n, overview
from jiedao.ui import cache, overview_view
from jiedao.ui.filters import community_picker, month_filter
from jiedao.ui.frame import guarded, lang, no_months, page_header
from jiedao.ui.panels import drill_banner

code = lang()


def render() -> None:
    version, con = page_header("page_overview", code)
    if con is None:
        return
    ask = cache.Asker(version, con)
    month_slot, community_slot = st.columns([1, 3])
    picked = community_picker(con, code, container=community_slot)
    flt = month_filter(con, code, container=month_slot)
    if flt is None:
        no_months(code)
        return
    drill_banner(dict(catalog.communities(con).select("code", "name").iter_rows()), picked, code)
    overview_view.headline_tiles(*ask(overview.board, flt), code)
    st.subheader(i18n.t("community_comparison", code))
    metric_id = overview_view.comparison_metric(code, st.columns([1, 3])[0])
    overview_view.community_comparison(ask(overview.comparison, metric_id, flt), metric_id, picked, code)
    st.subheader(i18n.t("action_list", code))
    overview_view.action_list(ask(actions.action_list, flt), code)


guarded(render, code)
