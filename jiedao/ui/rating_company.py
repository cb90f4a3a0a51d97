"""The 物业评级 page's company breakdown: picked as ``?company=<USCC>``; the tier with its reasons
and consequence, what it takes to reach the next tier, points by dimension, the deductions with
the tickets and findings behind them, and the company's published record over the quarters."""

from __future__ import annotations

import duckdb
import polars as pl
import streamlit as st

from jiedao import config, i18n, rating_detail, rating_view
from jiedao.charts.rating import dimension_bars, score_history
from jiedao.ui import url
from jiedao.ui.frame import table_with_download
from jiedao.ui.panels import chart_panel
from jiedao.ui.rating_board import badge, ranking


@st.cache_data(max_entries=128, show_spinner=False)
def breakdown(
    _con: duckdb.DuckDBPyConnection, version: str, quarter: str, company: str, lang: str
) -> rating_detail.Breakdown:
    return rating_detail.breakdown(_con, ranking(_con, version, quarter), company, lang)


@st.cache_data(max_entries=64, show_spinner=False)
def history(_con: duckdb.DuckDBPyConnection, version: str, company: str) -> pl.DataFrame:
    return rating_view.history(_con, company)


def company_picker(frame: pl.DataFrame, quarter: str, lang: str) -> str:
    """A company of the board as ``?company=<USCC>``; by default the lowest ranked (the one that
    most needs attention). A company not ranked this quarter falls back to the default. One widget
    per quarter: the options' labels (rank, tier) change with the quarter, and a reused selectbox
    kept showing the previous quarter's label for the chosen company."""
    names = {
        r["company_uscc"]: f"{r['rank']}. {r['company_name']}（{r['tier_label']}）"
        for r in frame.iter_rows(named=True)
    }
    codes = list(names)
    return url.select(
        "company",
        codes,
        label=i18n.t("rating_choose_company", lang),
        format_func=names.get,
        default=codes[-1],
        key=f"url_company_{quarter}",
    )


def panel(con: duckdb.DuckDBPyConnection, version: str, quarter: str, company: str, lang: str) -> None:
    b = breakdown(con, version, quarter, company, lang)
    rank = i18n.t("rating_rank_of", lang).format(rank=b.rank, n=b.companies)
    total = i18n.fmt_number(b.total, lang, 2)
    st.markdown(
        f"### {badge(b.tier, lang)} {b.name}\n\n**{i18n.t('rating_total', lang)} {total}** · {rank} · "
        f"{i18n.t('rating_consequence', lang)}：{b.consequence}",
        unsafe_allow_html=True,
    )
    left, right = st.columns([2, 3])
    with left:
        _reasons(b, lang)
    with right:
        _dimensions(b, lang)
    _deductions(b, lang)
    _history(con, version, b, lang)


def _reasons(b: rating_detail.Breakdown, lang: str) -> None:
    key = "en" if lang == "en" else "zh"
    st.markdown(f"**{i18n.t('rating_reason', lang)}**")
    st.markdown("\n".join(f"- {r[key]}" for r in b.reasons))
    if b.vetoes:
        st.error(f"**{i18n.t('rating_vetoes', lang)}**：{'、'.join(b.vetoes)}")
    st.markdown(f"**{i18n.t('rating_next_tier', lang)}**")
    advice = b.advice
    if not advice.get("target"):
        st.markdown(advice.get(key) or i18n.t("rating_at_top", lang))
        return
    needed = i18n.fmt_number(advice["points_needed"], lang, 2)
    head = {"zh": f"目标{i18n.t('tier_' + advice['target'], lang)}，差 {needed} 分",
            "en": f"Target {i18n.t('tier_' + advice['target'], lang)}: {needed} points short"}[key]  # fmt: skip
    st.markdown(head + "\n" + "\n".join(f"- {s[key]}" for s in advice["steps"]))


def _dimensions(b: rating_detail.Breakdown, lang: str) -> None:
    st.markdown(f"**{i18n.t('rating_dimensions', lang)}**")
    table = b.dimensions.select(
        pl.col("name").alias(i18n.t("rating_dimension", lang)),
        pl.col("points").alias(i18n.t("rating_points", lang)),
        pl.col("weight").alias(i18n.t("rating_weight", lang)),
        (pl.col("share") * 100).round(1).alias(i18n.t("rating_share", lang) + " %"),
        pl.col("note").alias(i18n.t("rating_note", lang)),
    )
    fig = dimension_bars(b.dimensions, lang=lang)
    chart_panel(
        fig, table, file_name=f"rating_{b.quarter}_{b.company_uscc}_dimensions.csv", key="dims", lang=lang
    )


def _deductions(b: rating_detail.Breakdown, lang: str) -> None:
    st.markdown(f"#### {i18n.t('rating_deductions', lang)}")
    cols = st.columns(2)
    complaints = i18n.t("rating_complaint_line", lang).format(
        n=b.complaints.height,
        overdue=int(b.complaints["overdue"].sum()),
        major=int(b.complaints["major"].sum()),
    )
    cols[0].metric(i18n.t("rating_complaint_cut", lang), _cut(b.complaint_deduction, lang))
    cols[0].caption(complaints)
    if b.complaint_points > b.complaint_cap:
        raw, cap = i18n.fmt_number(b.complaint_points, lang), i18n.fmt_number(b.complaint_cap, lang)
        cols[0].caption(i18n.t("rating_cap_hit", lang).format(raw=raw, cap=cap))
    findings = i18n.t("rating_finding_line", lang).format(n=b.findings.height)
    cols[1].metric(i18n.t("rating_finding_cut", lang), _cut(b.finding_deduction, lang))
    cols[1].caption(findings)
    if b.complaints.is_empty() and b.findings.is_empty():
        st.caption(i18n.t("rating_no_deductions", lang))
    stem = f"rating_{b.quarter}_{b.company_uscc}"
    if not b.complaints.is_empty():
        st.markdown(f"**{i18n.t('rating_complaints', lang)}**")
        table_with_download(
            complaint_table(b.complaints, lang), f"{stem}_complaints.csv", lang, "dl_complaints"
        )
    for frame, title, key in (
        (b.findings, "rating_findings", "dl_findings"),
        (b.pending, "rating_pending", "dl_pending"),
    ):
        if not frame.is_empty():
            st.markdown(f"**{i18n.t(title, lang)}**")
            table_with_download(finding_table(frame, lang), f"{stem}_{key[3:]}.csv", lang, key)


def _cut(points: float, lang: str) -> str:
    return (
        "0" + i18n.fmt_unit("分", lang)
        if not points
        else f"−{i18n.fmt_number(points, lang, 2)}{i18n.fmt_unit('分', lang)}"
    )


def _when(column: str, lang: str, date_only: bool = False) -> pl.Expr:
    fmt = i18n.fmt_date if date_only else i18n.fmt_datetime
    return pl.col(column).map_elements(lambda d: fmt(d, lang), return_dtype=pl.String).fill_null("—")


def _yes(column: str, lang: str) -> pl.Expr:
    return (
        pl.when(pl.col(column))
        .then(pl.lit(i18n.t("rating_col_yes", lang)))
        .otherwise(pl.lit(i18n.t("rating_col_no", lang)))
    )


def complaint_table(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The verified complaints as shown: ticket, what and where, dates the Chinese way, points."""
    t = lambda key: i18n.t(f"rating_col_{key}", lang)  # noqa: E731 — a local shorthand for the headers
    return frame.select(
        pl.col("ticket_id").alias(t("ticket_id")), pl.col("title").alias(t("title")),
        pl.col("compound_name").alias(t("compound")), pl.col("category_l2").alias(t("category")),
        _when("received_at", lang).alias(t("received_at")), _when("deadline_at", lang).alias(t("deadline_at")),
        _when("closed_at", lang).alias(t("closed_at")), _yes("overdue", lang).alias(t("overdue")),
        _yes("major", lang).alias(t("major")), pl.col("points").alias(t("points_cut")),
    )  # fmt: skip


def finding_table(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Inspection findings as shown: compound, dimension and item, the finding, deadline, rectified."""
    t = lambda key: i18n.t(f"rating_col_{key}", lang)  # noqa: E731
    columns = [
        pl.coalesce("compound_name", "compound_code").alias(t("compound")),
        pl.col("dimension").alias(i18n.t("rating_dimension", lang)), pl.col("item").alias(t("item")),
        pl.col("finding").alias(t("finding")),
        pl.col("inspection_quarter").map_elements(lambda q: i18n.fmt_quarter(q, lang), return_dtype=pl.String)
        .alias(t("inspection_quarter")),
        _when("deadline", lang, True).alias(t("rectify_by")), _when("rectified_on", lang, True).alias(t("rectified_on")),
    ]  # fmt: skip
    if "points" in frame.columns:
        columns.append(pl.col("points").alias(t("points_cut")))
    return frame.select(columns)


def _history(con: duckdb.DuckDBPyConnection, version: str, b: rating_detail.Breakdown, lang: str) -> None:
    st.markdown(f"#### {i18n.t('rating_history', lang)}")
    record = history(con, version, b.company_uscc)
    if record.is_empty():
        st.caption(i18n.t("rating_no_history", lang))
        return
    tiers = config.load("rating")["tiers"]
    lines = [(tiers[t], f"{i18n.t(f'tier_{t}', lang)} {tiers[t]}") for t in ("yellow", "silver", "gold")]
    table = record.select(
        pl.col("quarter").map_elements(lambda q: i18n.fmt_quarter(q, lang), return_dtype=pl.String)
        .alias(i18n.t("quarter", lang)),
        pl.col("tier").map_elements(lambda x: i18n.t(f"tier_{x}", lang), return_dtype=pl.String)
        .alias(i18n.t("rating_tier", lang)),
        pl.col("total").alias(i18n.t("rating_total", lang)), pl.col("rank").alias(i18n.t("rating_rank", lang)),
        pl.col("companies").alias(i18n.t("rating_companies", lang)),
    )  # fmt: skip
    fig = score_history(record, lang=lang, lines=lines)
    chart_panel(fig, table, file_name=f"rating_history_{b.company_uscc}.csv", key="history", lang=lang)
