"""The 12345热线 page's lists: overdue tickets with days overdue, repeat complaints, and the tickets
behind any hotline number (pick a metric and its numerator or denominator). Personal data arrives
masked from the warehouse (张*华, 138****5678) and is shown only so."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from jiedao import hotline, i18n, metrics
from jiedao.filters import Filter
from jiedao.metrics import Metric, Value
from jiedao.ui import url
from jiedao.ui.cache import Asker
from jiedao.ui.tables import data_table

BEHIND = tuple(m.id for m in metrics.all_metrics("hotline") if m.rows)
OVERDUE_COLUMNS = (
    "ref",
    "state",
    "community_name",
    "responsible",
    "category_l1",
    "category_l2",
    "title",
    "received_at",
    "due_at",
    "days_overdue",
    "closed_at",
)
REPEAT_COLUMNS = (
    "address",
    "category",
    "tickets",
    "repeats",
    "first_at",
    "last_at",
    "community_name",
    "latest_ticket",
    "due_at",
    "days_overdue",
    "ticket_ids",
)
TICKET_COLUMNS = (
    "ticket_id",
    "received_at",
    "community_name",
    "grid_code",
    "appeal_type",
    "urgency",
    "category_l1",
    "category_l2",
    "title",
    "address",
    "department",
    "status",
    "dispatched_at",
    "signed_at",
    "contacted_at",
    "response_due_at",
    "close_due_at",
    "closed_at",
    "close_hours",
    "visited_at",
    "satisfaction",
    "is_resolved",
    "returned_count",
    "reopened_count",
    "citizen_masked",
    "phone_masked",
)


def headed(frame: pl.DataFrame, columns: tuple[str, ...], lang: str) -> pl.DataFrame:
    """The chosen columns, in order, under their names in ``lang`` (``i18n.COLUMN_LABELS``)."""
    return frame.select(pl.col(c).alias(i18n.label(i18n.COLUMN_LABELS, c, lang)) for c in columns)


def overdue(listed: pl.DataFrame, lang: str) -> None:
    """Open tickets past their deadline, then tickets of the period closed late; counts on top."""
    states = {s: i18n.label(i18n.OVERDUE_STATES, s, lang) for s in i18n.OVERDUE_STATES}
    counts = dict(listed.group_by("state").len().iter_rows())
    st.caption(" · ".join(f"{states[s]} {i18n.fmt_int(counts.get(s, 0), lang)}" for s in states))
    if listed.is_empty():
        return
    shown = listed.with_columns(pl.col("state").replace_strict(states, default=pl.col("state")))
    data_table(headed(shown, OVERDUE_COLUMNS, lang), file_name="overdue.csv", key="overdue", lang=lang)


def repeats(listed: pl.DataFrame, lang: str) -> None:
    """Address + category pairs asked about again within the repeat window, most tickets first."""
    st.caption(i18n.t("repeat_caption", lang).format(n=i18n.fmt_int(listed.height, lang)))
    if listed.is_empty():
        return
    shown = listed.with_columns(pl.col("ticket_ids").list.join("、")).rename({"ref": "latest_ticket"})
    data_table(
        headed(shown, REPEAT_COLUMNS, lang), file_name="repeat_complaints.csv", key="repeats", lang=lang
    )


def parts_of(metric: Metric) -> tuple[str, ...]:
    """The parts with rows: a rate both, a count its numerator, a median the tickets it summarises."""
    return {"rate": ("numerator", "denominator"), "count": ("numerator",)}.get(metric.kind, ("denominator",))


def part_label(metric: Metric, part: str, lang: str) -> str:
    """ "分子：按期办结" — the part and what it counts."""
    names = {
        "numerator": metric.numerator_en if lang == "en" else metric.numerator_zh,
        "denominator": metric.denominator_en if lang == "en" else metric.denominator_zh,
    }
    return i18n.labelled(i18n.t(part, lang), names[part], lang) if names[part] else i18n.t(part, lang)


def behind_choice(lang: str) -> tuple[str, str]:
    """A hotline metric (``?behind=``) and a part of it (``?part=``); ("", "") until one is picked."""
    metric_id = url.select(
        "behind",
        ["", *BEHIND],
        label=i18n.t("behind_metric", lang),
        format_func=lambda m: i18n.t("behind_pick", lang) if not m else _label(m, lang),
        keep_default=False,
    )
    if not metric_id:
        return "", ""
    metric = metrics.get(metric_id)
    part = url.select(
        "part",
        parts_of(metric),
        label=i18n.t("behind_part", lang),
        format_func=lambda p: part_label(metric, p, lang),
        keep_default=False,
        widget="radio",
    )
    return metric_id, part


def _label(metric_id: str, lang: str) -> str:
    metric = metrics.get(metric_id)
    return metric.en if lang == "en" else metric.zh


def count_of(value: Value, part: str) -> float | None:
    return value.numerator if part == "numerator" else value.denominator


def behind(rows: pl.DataFrame, value: Value, part: str, names: Mapping[str, str], lang: str) -> None:
    """The number and the rows behind it side by side (they must agree), then the tickets."""
    number, listed = st.columns(2)
    number.metric(
        f"{_label(value.metric.id, lang)} · {i18n.t(part, lang)}", i18n.fmt_int(count_of(value, part), lang)
    )
    listed.metric(i18n.t("behind_rows", lang), i18n.fmt_int(rows.height, lang))
    shown = rows.with_columns(
        pl.col("community_code").replace_strict(names, default=None).alias("community_name")
    )
    data_table(
        headed(shown, TICKET_COLUMNS, lang),
        file_name=f"{value.metric.name}_{part}.csv",
        key="behind",
        lang=lang,
    )
    st.caption(i18n.t("masked_note", lang).replace("*", r"\*"))  # the mask's stars, not italics


def behind_section(
    ask: Asker, flt: Filter, values: Mapping[str, Value], names: Mapping[str, str], lang: str
) -> None:
    """Pick a metric and a part; the tickets are fetched only then (a denominator can be tens of
    thousands of tickets)."""
    metric_id, part = behind_choice(lang)
    if metric_id:
        behind(ask.rows(hotline.tickets_behind, metric_id, flt, part), values[metric_id], part, names, lang)
