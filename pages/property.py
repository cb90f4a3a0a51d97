"""物业评级 Property ranking: a quarter's 金/银/黄/红 ranking (the published revision, or a provisional
one marked 未发布), tier badges and consequences, movement since last quarter, one company's
breakdown and deductions, what it takes to reach the next tier, and the revision trail. Under the
tier counts, one section at a time in tabs: the board, a company, the totals chart, the revisions;
only the open one is computed and drawn.
URL: ``?quarter=2026Q3&view=company&company=<USCC>``."""

from functools import partial

import streamlit as st

from jiedao import i18n, rating_view
from jiedao.ui import rating_board, rating_company, url
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
    t = partial(i18n.t, lang=code)
    url.sections(
        "view",
        [
            ("board", t("rating_board"), lambda: rating_board.board(frame, code)),
            (
                "company",
                t("rating_pick_company"),
                lambda: rating_company.panel(
                    con, version, quarter, rating_company.company_picker(frame, quarter, code), code
                ),
            ),
            ("chart", t("rating_chart"), lambda: rating_board.score_chart(frame, quarter, code)),
            ("revisions", t("rating_revisions"), lambda: rating_board.revision_trail(con, quarter, code)),
        ],
    )


guarded(render, code)
