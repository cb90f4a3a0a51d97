"""The 物业评级 page's ranking: quarter picker (published or provisional), the published / provisional
status, tier summary with consequences, the ranking board with tier badges and movement, the totals
chart, and the revision trail. Numbers come from ``jiedao.rating_view``, cached per snapshot version."""

from __future__ import annotations

import html

import duckdb
import polars as pl
import streamlit as st

from jiedao import charts, config, i18n, rating, rating_view
from jiedao.exports import csv_bytes
from jiedao.rating_tiers import TIERS
from jiedao.ui import url
from jiedao.ui.frame import table_with_download
from jiedao.ui.panels import chart_panel

TEXT_ON = {"gold": "#1f2933", "silver": "#1f2933", "yellow": "#1f2933", "red": "#ffffff"}
NOWRAP = ";white-space:nowrap"  # rank, name, badge, total and movement stay on one line
MOVE_COLOURS = {"up": "#2e9e5b", "down": "#c8102e", "same": "#6b7280", "new": "#3b6ea5"}


@st.cache_data(max_entries=64, show_spinner=False)
def ranking(_con: duckdb.DuckDBPyConnection, version: str, quarter: str) -> rating_view.QuarterRanking:
    """The quarter's ranking (published, else provisional), once per snapshot ``version``."""
    return rating_view.ranking(_con, quarter)


@st.cache_data(max_entries=8, show_spinner=False)
def quarters(_con: duckdb.DuckDBPyConnection, version: str) -> pl.DataFrame:
    return rating_view.quarters(_con)


def quarter_picker(options: pl.DataFrame, lang: str) -> str | None:
    """The quarter as ``?quarter=2026Q3`` among ``options`` (newest first); the newest published by
    default; unpublished quarters are marked 未发布."""
    unpublished = set(options.filter(~pl.col("published"))["quarter"].to_list())

    def name(q: str) -> str:
        shown = i18n.fmt_quarter(q, lang)
        return i18n.t("rating_quarter_unpublished", lang).format(quarter=shown) if q in unpublished else shown

    return url.select(
        "quarter",
        options["quarter"].to_list(),
        label=i18n.t("quarter", lang),
        format_func=name,
        default=rating_view.default_quarter(options),
    )


def badge(tier: str | None, lang: str) -> str:
    """A tier as a coloured pill (HTML); "—" without a tier."""
    if tier is None:
        return "—"
    colour = charts.TIER_COLOURS[tier]
    text = html.escape(i18n.t(f"tier_{tier}", lang))
    return (
        f'<span style="background:{colour};color:{TEXT_ON[tier]};border-radius:10px;padding:1px 10px;'
        f'font-weight:600;white-space:nowrap">{text}</span>'
    )


def status_line(ranked: rating_view.QuarterRanking, lang: str) -> None:
    """Published: revision and publication time. Provisional: a clear 未发布 warning."""
    shown = i18n.fmt_quarter(ranked.quarter, lang)
    if ranked.published:
        rev = ranked.revision
        when = i18n.fmt_datetime(rev["published_at"], lang)
        st.success(
            i18n.t("rating_published", lang).format(revision=rev["revision"], when=when),
            icon=":material/verified:",
        )
        return
    body = i18n.t("rating_provisional_body", lang).format(quarter=shown, token=ranked.quarter)
    st.warning(f"**{i18n.t('rating_provisional_title', lang)}** — {body}", icon=":material/warning:")


def tier_summary(rows: pl.DataFrame, lang: str) -> None:
    """Four tiles: the tier badge, how many companies, and the consequence beside it."""
    consequences = config.load("rating")["consequences"]
    counts = rating_view.tier_counts(rows)
    for column, tier in zip(st.columns(len(TIERS)), TIERS, strict=True):
        with column.container(border=True):
            count = i18n.t("rating_companies_n", lang).format(n=counts[tier])
            st.markdown(
                f"{badge(tier, lang)}&nbsp; <b style='font-size:1.4em'>{count}</b>", unsafe_allow_html=True
            )
            st.caption(consequences[tier][1 if lang == "en" else 0])


def _movement(row: dict, lang: str) -> str:
    move = row["movement"]
    arrow = rating_view.ARROWS[move]
    words = i18n.t(f"rating_move_{move}", lang)
    if move in ("up", "down"):
        words = f"{row['previous_tier_label']}→{row['tier_label']}"
    score = row["score_change"]
    # Under 0.05 points the change shows as "+0分": say nothing beyond the tier's 持平.
    change = None if score is None or abs(score) < 0.05 else i18n.fmt_change(score, "分", lang)
    text = f"{arrow} {words}" + (f" · {change}" if change else "")
    return f'<span style="color:{MOVE_COLOURS[move]};white-space:nowrap">{html.escape(text)}</span>'


def board(frame: pl.DataFrame, lang: str) -> None:
    """The ranking as a table with tier badges, movement, consequence and the decisive rule; a CSV
    download of the same rows (every column of ``rating_view.board``)."""
    heads = ("rating_rank", "rating_company", "rating_tier", "rating_total", "rating_change",
             "rating_consequence", "rating_reason")  # fmt: skip
    cells = "".join(
        f"<th style='text-align:left;padding:4px 8px{NOWRAP}'>{i18n.t(h, lang)}</th>" for h in heads
    )
    body = []
    for row in frame.iter_rows(named=True):  # scores with two decimals, so the column lines up
        values = (
            str(row["rank"]), html.escape(row["company_name"]), badge(row["tier"], lang),
            f"<b>{_score(row['total'])}</b>", _movement(row, lang),
            html.escape(row["consequence"]), html.escape(row["reason"]),
        )  # fmt: skip
        tds = [f"<td style='padding:4px 8px{NOWRAP if i < 5 else ''}'>{v}</td>" for i, v in enumerate(values)]
        body.append("<tr>" + "".join(tds) + "</tr>")
    st.markdown(
        f"<table style='width:100%;border-collapse:collapse'><thead><tr>{cells}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>",
        unsafe_allow_html=True,
    )
    st.download_button(
        i18n.t("download_csv", lang),
        csv_bytes(frame),
        file_name="rating_board.csv",
        mime="text/csv",
        key="dl_board",
    )


def score_chart(frame: pl.DataFrame, quarter: str, lang: str) -> None:
    """Totals ranked, coloured by tier, with the tier lines; table tab and download beside it."""
    tiers = config.load("rating")["tiers"]
    lines = [(tiers[t], f"{i18n.t(f'tier_{t}', lang)} {tiers[t]}") for t in ("yellow", "silver", "gold")]
    data = frame.select(pl.col("rank"), pl.col("company_name").alias("name"), pl.col("total").alias("score"),
                        "tier", "tier_label")  # fmt: skip
    fig = charts.tier_ranking(data, lang=lang, lines=lines)
    chart_panel(fig, data, file_name=f"rating_{quarter}.csv", key="rating_chart", lang=lang)


def revision_trail(con: duckdb.DuckDBPyConnection, quarter: str, lang: str) -> None:
    """Every published revision of the quarter: revision, published at, companies, what changed."""
    trail = rating.revisions(con, quarter)
    if trail.is_empty():
        st.caption(i18n.t("rating_no_revisions", lang))
        return
    part = 1 if lang == "en" else 0
    shown = trail.select(
        pl.col("revision").alias(i18n.t("rating_revision", lang)),
        pl.col("published_at").map_elements(lambda d: i18n.fmt_datetime(d, lang), return_dtype=pl.String)
        .alias(i18n.t("rating_published_at", lang)),
        pl.col("companies").alias(i18n.t("rating_companies", lang)),
        pl.col("note").map_elements(lambda n: _half(n, part), return_dtype=pl.String)
        .alias(i18n.t("rating_note_col", lang)),
    )  # fmt: skip
    table_with_download(shown, f"rating_revisions_{quarter}.csv", lang, "dl_revisions")


def _half(note: str | None, part: int) -> str:
    """The Chinese (0) or English (1) half of a bilingual "中文 / English" note."""
    if not note:
        return ""
    halves = note.split(" / ", 1)
    return halves[part] if len(halves) == 2 else note


def _score(total: float | None) -> str:
    """A total score as the board prints it: always two decimals (87.50 beside 96.21); — when missing."""
    return "—" if total is None else f"{total:.2f}"
