"""The 总览 page's parts on screen: the KPI tiles by area, the community comparison whose click drills
the whole page into a community (and the way back), and the 问题清单 with its counts and filters.
The numbers come from ``jiedao.overview`` and ``jiedao.actions``; nothing is computed here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl
import streamlit as st

from jiedao import actions, charts, i18n, metrics, overview
from jiedao.metrics import Value
from jiedao.ui import url
from jiedao.ui.panels import community_drilldown
from jiedao.ui.tables import data_table
from jiedao.ui.tiles import tile

TILES_PER_ROW = 4
SEVERITIES = ("red", "yellow")


def area_name(area: str, lang: str) -> str:
    zh, en = actions.AREAS[area]
    return en if lang == "en" else zh


def tile_rows(
    groups: Sequence[tuple[str, Sequence[str]]], width: int = TILES_PER_ROW
) -> list[list[tuple[str, Sequence[str]]]]:
    """Areas packed into rows of at most ``width`` tiles, in order; an area is never split."""
    rows: list[list[tuple[str, Sequence[str]]]] = []
    used = width
    for area, ids in groups:
        if used + len(ids) > width:
            rows.append([])
            used = 0
        rows[-1].append((area, ids))
        used += len(ids)
    return rows


def headline_tiles(values: Mapping[str, Value], trends: Mapping[str, pl.DataFrame], lang: str) -> None:
    """The headline tiles, area by area, with a sparkline where the metric has a monthly trend."""
    for row in tile_rows(overview.HEADLINES):
        outer = st.columns([len(ids) for _, ids in row])
        for column, (area, ids) in zip(outer, row, strict=True):
            with column:
                st.markdown(f"**{area_name(area, lang)}**")
                for inner, metric_id in zip(st.columns(len(ids)), ids, strict=True):
                    with inner:
                        tile(values[metric_id], lang, trends.get(metric_id), key=f"spark_{metric_id}")


def metric_label(metric_id: str, lang: str) -> str:
    metric = metrics.get(metric_id)
    return metric.en if lang == "en" else metric.zh


def comparison_metric(lang: str, container=None) -> str:
    """The headline metric the community comparison shows, kept in ``?compare=``."""
    areas = {metric_id: area for area, ids in overview.HEADLINES for metric_id in ids}
    return url.select(
        "compare",
        list(areas),
        label=i18n.t("compare_metric", lang),
        format_func=lambda m: f"{area_name(areas[m], lang)} · {metric_label(m, lang)}",
        default=overview.DEFAULT_COMPARISON,
        keep_default=False,
        container=container,
    )


def comparison_table(frame: pl.DataFrame, metric_id: str, lang: str) -> pl.DataFrame:
    """The comparison's rows as people read them: community, value (with its numbers), status."""
    metric = metrics.get(metric_id)
    shown = [
        i18n.fmt_rate(v, n, d, lang) if metric.kind == "rate" else i18n.fmt_value(v, metric.unit, lang)
        for v, n, d in zip(frame["value"], frame["numerator"], frame["denominator"], strict=True)
    ]
    return pl.DataFrame(
        {
            i18n.t("community", lang): frame["name"],
            i18n.t("community_code", lang): frame["key"],
            metric_label(metric_id, lang): shown,
            i18n.t("status", lang): [i18n.t(f"status_{s}", lang) for s in frame["status"]],
        }
    )


def community_comparison(frame: pl.DataFrame, metric_id: str, picked: Sequence[str], lang: str) -> None:
    """Bars of the metric by community; a click drills the page into the clicked community."""
    metric = metrics.get(metric_id)
    fig = charts.community_bars(
        frame, unit=metric.unit, selected=picked[0] if len(picked) == 1 else None, lang=lang
    )
    table = comparison_table(frame, metric_id, lang)
    community_drilldown(fig, table, file_name="community_comparison.csv", key="compare_bars", lang=lang)


def action_summary(counts: pl.DataFrame, lang: str) -> None:
    """All items, red and yellow, as three numbers over the list."""
    cells = st.columns(3)
    cells[0].metric(i18n.t("actions_total", lang), i18n.fmt_int(counts["total"].sum(), lang))
    cells[1].metric(i18n.t("actions_red", lang), i18n.fmt_int(counts["red"].sum(), lang))
    cells[2].metric(i18n.t("actions_yellow", lang), i18n.fmt_int(counts["yellow"].sum(), lang))


def area_filter(counts: pl.DataFrame, lang: str) -> str:
    """One area of the list (or all), each choice with its count, kept in ``?area=``."""
    totals = dict(zip(counts["area"], counts["total"], strict=True))
    everything = int(counts["total"].sum())
    return url.select(
        "area",
        ["", *totals],
        label=i18n.t("actions_area", lang),
        format_func=lambda a: (
            f"{area_name(a, lang) if a else i18n.t('all', lang)} {totals.get(a, everything)}"
        ),
        keep_default=False,
        widget="segmented_control",
    )


def severity_filter(lang: str) -> str:
    return url.select(
        "severity",
        ["", *SEVERITIES],
        label=i18n.t("severity", lang),
        format_func=lambda s: i18n.t(f"severity_{s}" if s else "all", lang),
        keep_default=False,
        widget="segmented_control",
    )


def action_table(listed: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The list's columns for people: level, area, item, responsible unit, community, due, days
    overdue, reference."""
    severity = {s: i18n.t(f"severity_{s}", lang) for s in SEVERITIES}
    return listed.select(
        pl.col("severity").replace_strict(severity, default="").alias(i18n.t("severity", lang)),
        pl.col("area_en" if lang == "en" else "area").alias(i18n.t("actions_area", lang)),
        pl.col("item").alias(i18n.t("action_item", lang)),
        pl.col("responsible").alias(i18n.t("responsible", lang)),
        pl.col("community_name").fill_null(i18n.t("whole_street", lang)).alias(i18n.t("community", lang)),
        pl.col("due_at").alias(i18n.t("due_at", lang)),
        pl.col("days_overdue").alias(i18n.t("days_overdue", lang)),
        pl.col("ref").alias(i18n.t("reference", lang)),
    )


def action_list(listed: pl.DataFrame, lang: str) -> None:
    """Counts on top, area and level filters, then the items (red first) and their download."""
    counts = overview.action_counts(listed)
    action_summary(counts, lang)
    left, right = st.columns([3, 1])
    with left:
        area = area_filter(counts, lang)
    with right:
        severity = severity_filter(lang)
    shown = listed
    if area:
        shown = shown.filter(pl.col("area") == actions.AREAS[area][0])
    if severity:
        shown = shown.filter(pl.col("severity") == severity)
    if shown.is_empty():
        st.caption(i18n.t("actions_none", lang))
        return
    data_table(action_table(shown, lang), file_name="问题清单.csv", key="actions", lang=lang)
