"""The 12345热线 page's parts on screen: the category filter, 三率 and 按期办结率 tiles and trends, the
红黑榜, category TopN, hours to close. The lists (overdue, repeats, tickets behind a number) are in
``jiedao.ui.hotline_lists``. Every number comes from ``jiedao.hotline`` / the registry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import polars as pl
import streamlit as st

from jiedao import charts, hotline, i18n, metrics
from jiedao.charts.distribution import bin_label
from jiedao.filters import Filter
from jiedao.metrics import Value
from jiedao.ui import url
from jiedao.ui.cache import Asker
from jiedao.ui.panels import chart_panel, community_drilldown
from jiedao.ui.tables import data_table
from jiedao.ui.tiles import tile

RATES = (
    "hotline.response_rate",
    "hotline.resolution_rate",
    "hotline.satisfaction_rate",
    "hotline.on_time_close_rate",
)
COUNTS = ("hotline.tickets", "hotline.backlog", "hotline.overdue_open", "hotline.three_rate_score")
TILES = RATES + COUNTS
FAMILY = tuple(m.id for m in metrics.all_metrics("hotline"))  # one query gives them all
THREE_RATES = RATES[:3]


def label(metric_id: str, lang: str) -> str:
    metric = metrics.get(metric_id)
    return metric.en if lang == "en" else metric.zh


def category_picker(categories: Sequence[str], lang: str, container=None) -> str:
    """One 一级分类 or all ("" = all), kept in ``?category=``."""
    return url.select(
        "category",
        ["", *categories],
        label=i18n.t("category", lang),
        format_func=lambda c: c or i18n.t("all_categories", lang),
        keep_default=False,
        container=container,
    )


def kpi_tiles(values: Mapping[str, Value], trends: Mapping[str, pl.DataFrame], lang: str) -> None:
    """三率 and 按期办结率 on the first row, volume, backlog, overdue and the 三率 score on the second."""
    for row in (RATES, COUNTS):
        for column, metric_id in zip(st.columns(len(row)), row, strict=True):
            with column:
                tile(values[metric_id], lang, trends.get(metric_id), key=f"spark_{metric_id}")


def trend_table(trends: Mapping[str, pl.DataFrame], lang: str) -> pl.DataFrame:
    """One row per month; each rate as the page writes it, with its numerator and denominator."""
    months = trends[RATES[0]]["month"]
    columns = {i18n.t("month", lang): [i18n.fmt_month(m, lang) for m in months]}
    for metric_id in RATES:
        frame = trends[metric_id]
        columns[label(metric_id, lang)] = [
            i18n.fmt_rate(v, n, d, lang)
            for v, n, d in zip(frame["value"], frame["numerator"], frame["denominator"], strict=True)
        ]
    return pl.DataFrame(columns)


def trend_charts(trends: Mapping[str, pl.DataFrame], lang: str) -> None:
    """The 12-month trends of the four rates, each with its green threshold as the target line:
    small multiples in one figure, with one table and one CSV of all four."""
    panels = [(label(m, lang), trends[m], (metrics.get(m).thresholds() or {}).get("green")) for m in RATES]
    chart_panel(
        charts.trend_grid(panels, lang=lang),
        trend_table(trends, lang),
        file_name="hotline_rates_trend.csv",
        key="hotline_trends",
        lang=lang,
    )


def rate_text(frame: pl.DataFrame, rate: str, lang: str) -> list[str]:
    name = rate.removeprefix("hotline.")
    return [
        i18n.fmt_rate(v, n, d, lang)
        for v, n, d in zip(frame[name], frame[f"n_{name}"], frame[f"d_{name}"], strict=True)
    ]


def score_text(score: float | None) -> str:
    """A 三率 score with one decimal always (97.0, not 97 beside 97.3): a ranking reads down a column."""
    return "—" if score is None else f"{score:.1f}"


def ranking_table(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Rank, community, 三率 score and each rate with its numbers."""
    columns = {
        i18n.t("rank", lang): frame["rank"],
        i18n.t("community", lang): frame["community_name"],
        label("hotline.three_rate_score", lang): [score_text(s) for s in frame["score"]],
    }
    columns.update({label(rate, lang): rate_text(frame, rate, lang) for rate in THREE_RATES})
    return pl.DataFrame(columns)


def ranking_chart(ranking: pl.DataFrame, picked: Sequence[str], lang: str) -> None:
    """The 三率 score of every community, best first; a click drills the page into a community."""
    score = metrics.get("hotline.three_rate_score")
    bars = ranking.select(
        pl.col("community_code").alias("key"),
        pl.col("community_name").alias("name"),
        pl.col("score").alias("value"),
        pl.col("score").map_elements(score.status, return_dtype=pl.String).alias("status"),
    )
    fig = charts.community_bars(
        bars, unit="分", selected=picked[0] if len(picked) == 1 else None, lang=lang, height=320
    )
    fig.update_traces(text=[score_text(s) + i18n.fmt_unit("分", lang) for s in ranking["score"]])
    community_drilldown(
        fig, ranking_table(ranking, lang), file_name="three_rate_ranking.csv", key="ranking_bars", lang=lang
    )


def ranking_section(ask: Asker, flt: Filter, picked: Sequence[str], lang: str) -> None:
    """The 红黑榜 of the whole street (whatever communities are picked): every community's 三率
    score as bars that drill into a community, then the best and the worst."""
    street = replace(flt, communities=())
    st.subheader(i18n.t("red_black", lang))
    ranking_chart(ask(hotline.three_rate_ranking, street), picked, lang)
    red_black(*ask(hotline.red_black_list, street), lang)


def red_black(red: pl.DataFrame, black: pl.DataFrame, lang: str) -> None:
    """The best and the worst communities by the 三率 score, side by side."""
    for column, (title, frame, key) in zip(
        st.columns(2), (("red_list", red, "red"), ("black_list", black, "black")), strict=True
    ):
        with column:
            colour = "red" if key == "red" else "gray"
            st.markdown(f":{colour}[**{i18n.t(title, lang)}**]")
            data_table(ranking_table(frame, lang), file_name=f"{key}_list.csv", key=f"{key}_list", lang=lang)


def top_table(top: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Category, tickets, share, and the 环比 / 同比 periods with their relative change."""
    return pl.DataFrame(
        {
            i18n.t("category", lang): top["key"],
            i18n.t("tickets", lang): top["tickets"],
            i18n.t("share", lang): [i18n.fmt_pct(s, lang) for s in top["share"]],
            i18n.t("previous_period", lang): top["previous"],
            i18n.t("mom", lang): [
                i18n.fmt_growth(a, b, lang) for a, b in zip(top["tickets"], top["previous"], strict=True)
            ],
            i18n.t("year_ago_period", lang): top["year_ago"],
            i18n.t("yoy", lang): [
                i18n.fmt_growth(a, b, lang) for a, b in zip(top["tickets"], top["year_ago"], strict=True)
            ],
        }
    )


def categories_and_hours(ask: Asker, flt: Filter, values: Mapping[str, Value], lang: str) -> None:
    """Category TopN (二级 within a chosen category) beside the hours-to-close distribution."""
    left, right = st.columns(2, gap="large")
    sub = bool(flt.categories)
    with left:
        top_categories(
            ask(hotline.top_categories, flt, level="subcategory" if sub else "category"), sub, lang
        )
    with right:
        close_hours(ask(hotline.close_hours_histogram, flt), values, lang)


def top_categories(top: pl.DataFrame, sub: bool, lang: str) -> None:
    """TopN categories (二级 within a chosen 一级分类) with 环比 on the bars, 同比 in the table."""
    title = i18n.t("top_subcategories" if sub else "top_categories", lang)
    st.subheader(title)
    if top.is_empty():
        st.caption(i18n.t("no_tickets_in_period", lang))
        return
    fig = charts.top_n_bars(top, label="key", value="tickets", previous="previous", n=top.height, lang=lang)
    chart_panel(fig, top_table(top, lang), file_name="top_categories.csv", key="top_bars", lang=lang)


def bins_table(bins: pl.DataFrame, lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            i18n.t("hours_to_close", lang): [
                bin_label(lo, hi) for lo, hi in zip(bins["lower_h"], bins["upper_h"], strict=True)
            ],
            i18n.t("tickets", lang): bins["tickets"],
            i18n.t("share", lang): [i18n.fmt_pct(s, lang) for s in bins["share"]],
        }
    )


def close_hours(bins: pl.DataFrame, values: Mapping[str, Value], lang: str) -> None:
    """Tickets closed in the period by hours to close, median and P90 marked and stated."""
    st.subheader(i18n.t("close_hours_distribution", lang))
    median, p90 = values["hotline.close_hours_median"], values["hotline.close_hours_p90"]
    st.caption(
        i18n.t("close_hours_caption", lang).format(
            median=i18n.fmt_hours(median.value, lang),
            p90=i18n.fmt_hours(p90.value, lang),
            closed=i18n.fmt_int(median.denominator, lang),
        )
    )
    fig = charts.hours_bins(bins, median=median.value, p90=p90.value, lang=lang)
    chart_panel(fig, bins_table(bins, lang), file_name="close_hours.csv", key="hours_bins", lang=lang)
