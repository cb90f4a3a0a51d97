"""总览 Overview: the headline metric of every area as KPI tiles, a community comparison whose click
drills the whole page into that community (``?community=``), and the 问题清单."""

import streamlit as st

from jiedao import actions, catalog, i18n, overview
from jiedao.ui import cache, overview_view
from jiedao.ui.filters import community_picker, month_filter
from jiedao.ui.frame import empty_state, guarded, lang, page_header

code = lang()


def render() -> None:
    version, con = page_header("page_overview", code)
    if con is None:
        return
    month_slot, community_slot = st.columns([1, 3])
    picked = community_picker(con, code, container=community_slot)
    flt = month_filter(con, code, container=month_slot)
    if flt is None:
        empty_state(code)
        return
    names = dict(catalog.communities(con).select("code", "name").iter_rows())
    overview_view.drill_banner(names, picked, code)
    overview_view.headline_tiles(*cache.call(overview.board, version, con, flt), code)
    st.subheader(i18n.t("community_comparison", code))
    metric_id = overview_view.comparison_metric(code, st.columns([1, 3])[0])
    frame = cache.call(overview.comparison, version, con, metric_id, flt)
    overview_view.community_comparison(frame, metric_id, picked, code)
    st.subheader(i18n.t("action_list", code))
    overview_view.action_list(cache.call(actions.action_list, version, con, flt), code)


guarded(render, code)
