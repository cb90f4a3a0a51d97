"""物业评级 Property ranking: a quarter's 金/银/黄/红 ranking (the published revision, or a provisional
one marked 未发布), tier badges and consequences, movement since last quarter, one company's
breakdown and deductions, what it takes to reach the next tier, and the revision trail.
URL: ``?quarter=2026Q3&company=<USCC>``."""

import streamlit as st

from jiedao import i18n, rating_view
from jiedao.ui import rating_board, rating_company
from jiedao.ui.frame import guarded, lang, page_header

code = lang()


def render() -> None:
    version, con = page_header("page_rating", code)
    if con is None:
        return
    st.caption(i18n.t("rating_intro", code))
    options = rating_board.quarters(con, version)
    if options.is_empty():
        st.info(i18n.t("rating_no_quarters", code))
        return
    quarter = rating_board.quarter_picker(options, code)
    ranked = rating_board.ranking(con, version, quarter)
    rating_board.status_line(ranked, code)
    if ranked.rows.is_empty():
        st.info(i18n.t("rating_no_companies", code))
        return
    frame = rating_view.board(ranked.rows, code)
    rating_board.tier_summary(ranked.rows, code)
    st.subheader(i18n.t("rating_board", code))
    rating_board.board(frame, code)
    st.subheader(i18n.t("rating_pick_company", code))
    company = rating_company.company_picker(frame, quarter, code)
    rating_company.panel(con, version, quarter, company, code)
    st.subheader(i18n.t("rating_chart", code))
    rating_board.score_chart(frame, quarter, code)
    st.subheader(i18n.t("rating_revisions", code))
    rating_board.revision_trail(con, quarter, code)


guarded(render, code)
