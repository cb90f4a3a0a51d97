"""覆盖率 Coverage: every coverage rate with both of its numbers and its status colour, by community, and
the organisations behind each gap (DOMAIN.md §4). Filters in the URL: ?month=, ?community=, ?rate=."""

import streamlit as st

from jiedao import i18n
from jiedao.ui import coverage_view as view
from jiedao.ui.filters import community_picker, month_filter
from jiedao.ui.frame import guarded, lang, no_match, page_header
from jiedao.ui.listing import community_names

code = lang()


def render() -> None:
    version, con = page_header("page_coverage", code)
    if con is None:
        return
    st.caption(i18n.t("coverage_intro", code))
    left, right = st.columns([1, 3])
    communities = community_picker(con, code, container=right)
    flt = month_filter(con, code, container=left) or view.this_month(communities)
    data = view.load(con, version, flt.start, flt.end, flt.communities)
    if data.empty():
        no_match(code)
        return
    names = community_names(con)
    st.subheader(i18n.t("cov_rates", code))
    view.tiles(data, code)
    st.subheader(i18n.t("cov_by_community", code))
    view.comparison(data, names, communities, code)
    st.subheader(i18n.t("cov_gaps", code))
    view.gap_lists(data, code)


guarded(render, code)
