"""组织生活 Meeting compliance: the branch × month matrix (green / yellow / red), missed and due-soon
meetings, attendance and quorum, dues paid on time and members behind (DOMAIN.md §3). Filters in the
URL: ?span=quarter&quarter= or ?from=&month=, ?community=, ?type=, ?problems=1."""

import streamlit as st

from jiedao import i18n, meetings
from jiedao.ui import meetings_filters
from jiedao.ui import meetings_view as view
from jiedao.ui.filters import community_picker
from jiedao.ui.frame import guarded, lang, no_match, page_header
from jiedao.ui.listing import community_names

code = lang()


def render() -> None:
    version, con = page_header("page_meetings", code)
    if con is None:
        return
    rules = meetings.params()
    st.caption(
        i18n.t("meetings_intro", code).format(days=rules["due_soon_days"], months=rules["dues_behind_months"])
    )
    columns = st.columns([1.1, 1, 1, 2, 2])
    chosen = meetings_filters.period(con, code, columns)
    if chosen is None:
        st.info(i18n.t("meet_no_data", code))
        return
    communities = community_picker(con, code, container=columns[3])
    data = view.load(con, version, *chosen, communities)
    types = meetings_filters.type_picker(data.categories(), code, columns[4])
    problems_only = meetings_filters.problems_toggle(code, st)
    shown = data.narrowed(types)
    if shown.matrix.is_empty():
        no_match(code, clear=("community", "type"))
        return
    names = community_names(con)
    st.caption(i18n.t("meet_judged_at", code).format(when=i18n.fmt_datetime(data.judged_at, code)))
    st.subheader(i18n.t("meet_rates", code))
    view.tiles(view.rates(con, version, *chosen, communities, types) if types else data.values, code)
    st.subheader(i18n.t("meet_matrix", code))
    st.caption(i18n.t("meet_matrix_hint", code))
    view.matrix_panel(shown.matrix, names, code, problems_only)
    st.subheader(i18n.t("meet_lists", code))
    view.action_lists(shown.actions, names, code)
    st.subheader(i18n.t("meet_dues", code).format(months=rules["dues_behind_months"]))
    view.dues_list(shown.behind, names, code)


guarded(render, code)
