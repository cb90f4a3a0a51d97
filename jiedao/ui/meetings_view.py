"""The 组织生活 page's parts: the family evaluated once per snapshot and filter (cached), KPI tiles, the
branch × month matrix, the missed and due-soon lists and the members behind with their dues. The
page's own filters (period, branch type, problems only) are in ``jiedao.ui.meetings_filters``.

Every number comes from ``jiedao.meetings`` (which reads the ``meetings`` metric family); this module
only arranges them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st

from jiedao import charts, i18n, meetings
from jiedao.filters import Filter
from jiedao.metrics import Value
from jiedao.ui.listing import list_table
from jiedao.ui.panels import chart_panel
from jiedao.ui.tiles import tile

PROBLEMS = ("red", "yellow")
MATRIX_BOX_PX = 620  # a longer matrix scrolls in a box: about 22 branches at a time on a 900 px screen
ACTION_COLUMNS = {  # column → i18n key of its header; then the list's own count of days
    "responsible": "col_branch",
    "unit_name": "col_unit",
    "category_label": "col_branch_type",
    "community_name": "col_community",
    "kind_label": "col_meeting",
    "problem": "col_problem",
    "due_on": "col_due_on",
}
DAYS_COLUMN = {"missed": {"days_overdue": "col_days_overdue"}, "due_soon": {"days_left": "col_days_left"}}
BEHIND_COLUMNS = {
    "name_masked": "col_member",
    "responsible": "col_branch",
    "community_name": "col_community",
    "months_behind": "col_months_behind",
    "last_paid": "col_last_paid",
    "due_at": "col_first_deadline",
    "days_overdue": "col_days_overdue",
}


@dataclass(frozen=True)
class MeetingsData:
    """What the page shows for one period and set of communities, before the branch-type filter."""

    values: dict[str, Value]
    matrix: pl.DataFrame  # meetings.month_matrix
    actions: pl.DataFrame  # meetings.due_and_missed
    behind: pl.DataFrame  # meetings.members_behind
    judged_at: dt.datetime

    def narrowed(self, categories: tuple[str, ...]) -> MeetingsData:
        """The lists and matrix of the branches of ``categories`` (empty = all); values are the
        caller's (``rates``)."""
        if not categories:
            return self
        return MeetingsData(
            self.values,
            meetings.of_categories(self.matrix, categories),
            meetings.of_categories(self.actions, categories),
            meetings.of_categories(self.behind, categories),
            self.judged_at,
        )

    def categories(self) -> list[str]:
        """The branch categories that owe meetings in the period, in the order of ``ORG_CATEGORIES``."""
        present = set(self.matrix["org_category"].drop_nulls())
        known = [c for c in i18n.ORG_CATEGORIES if c in present]
        return known + sorted(present - set(known))


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def load(_con, version: str, start: dt.date, end: dt.date, communities: tuple[str, ...]) -> MeetingsData:
    """The meetings family for a snapshot ``version`` and filter. Kept 10 minutes: a period that has
    not ended is judged at "now", which moves."""
    flt = Filter(start, end, communities)
    return MeetingsData(
        meetings.rates(_con, flt),
        meetings.month_matrix(_con, flt),
        meetings.due_and_missed(_con, flt),
        meetings.members_behind(_con, flt),
        flt.judged_at(),
    )


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def rates(
    _con,
    version: str,
    start: dt.date,
    end: dt.date,
    communities: tuple[str, ...],
    categories: tuple[str, ...],
) -> dict[str, Value]:
    """The family's values for the branches of ``categories`` (see ``meetings.rates``)."""
    return meetings.rates(_con, Filter(start, end, communities), categories)


def tiles(values: dict[str, Value], lang: str) -> None:
    """One tile per metric of the family: all five side by side, three to a row in English (whose
    names are long; a tile label does not wrap)."""
    shown = list(values.values())
    per_row = len(shown) if lang == "zh" else 3
    for first in range(0, len(shown), per_row):
        for column, value in zip(st.columns(per_row), shown[first : first + per_row], strict=False):
            with column:
                tile(value, lang)


def matrix_panel(matrix: pl.DataFrame, names: dict[str, str], lang: str, problems_only: bool) -> None:
    """Branch × month cells coloured green / yellow / red (grey: nothing due), with the table view
    (one status per month) and its download."""
    if problems_only:
        flagged = matrix.filter(pl.col("status").is_in(PROBLEMS))["org_code"].unique()
        matrix = matrix.filter(pl.col("org_code").is_in(flagged.implode()))
    if matrix.is_empty():
        st.success(i18n.t("meet_missed_none", lang))
        return
    cells = matrix.sort("month", "org_code").with_columns(
        pl.format(i18n.t("meet_cell_text", lang), "on_time", "required").alias("text")
    )
    fig = charts.compliance_matrix(cells, row="org_name", column="month", text="text", lang=lang)
    table = _matrix_table(matrix, names, lang)
    chart_panel(
        fig,
        table,
        file_name="meetings_matrix.csv",
        key="meetings_matrix",
        lang=lang,
        max_height=MATRIX_BOX_PX,
    )


def _matrix_table(matrix: pl.DataFrame, names: dict[str, str], lang: str) -> pl.DataFrame:
    """One row per branch (name, type, community) and one column per month holding its status."""
    statuses = {s: i18n.t(f"cell_{s}", lang) for s in ("green", "yellow", "red", "none")}
    months = {m: i18n.fmt_month(m, lang) for m in matrix["month"].unique()}
    wide = (
        _labelled(matrix, names, lang)
        .with_columns(
            pl.col("status").replace_strict(statuses, default=statuses["none"]),
            pl.col("month").replace_strict(months, return_dtype=pl.String).alias("month_label"),
        )
        .sort("month")
        .pivot(
            "month_label", index=["org_code", "org_name", "category_label", "community_name"], values="status"
        )
        .sort("org_code")
        .drop("org_code")
    )
    return wide.rename(
        {
            "org_name": i18n.t("col_branch", lang),
            "category_label": i18n.t("col_branch_type", lang),
            "community_name": i18n.t("col_community", lang),
        }
    )


def _labelled(frame: pl.DataFrame, names: dict[str, str], lang: str) -> pl.DataFrame:
    """Add the community's name and the translated branch type (and meeting kind, when present)."""
    categories = {
        k: i18n.label(i18n.ORG_CATEGORIES, k, lang) for k in frame["org_category"].drop_nulls().unique()
    }
    out = frame.with_columns(
        pl.col("community_code")
        .replace_strict(names, default=None, return_dtype=pl.String)
        .fill_null(i18n.t("community_unknown", lang))
        .alias("community_name"),
        pl.col("org_category")
        .replace_strict(categories, default=None, return_dtype=pl.String)
        .alias("category_label"),
    )
    if "kind" in frame.columns:
        kinds = {k: i18n.label(i18n.MEETING_KINDS, k, lang) for k in frame["kind"].unique()}
        out = out.with_columns(
            pl.col("kind").replace_strict(kinds, return_dtype=pl.String).alias("kind_label")
        )
    return out


def action_lists(actions: pl.DataFrame, names: dict[str, str], lang: str) -> None:
    """Tabs: the required meetings missed (the most recent first: what can still be put right) and
    those due soon, not yet held (the soonest first)."""
    days = meetings.params()["due_soon_days"]
    missed = actions.filter(pl.col("state") == "missed").sort(
        "due_on", "org_code", "ref", descending=[True, False, False]
    )
    soon = actions.filter(pl.col("state") == "due_soon")
    tab_missed, tab_soon = st.tabs(
        [
            i18n.t("meet_missed", lang).format(n=missed.height),
            i18n.t("meet_due_soon", lang).format(n=soon.height),
        ]
    )
    with tab_missed:
        _actions_table(missed, "missed", names, lang, i18n.t("meet_missed_none", lang))
    with tab_soon:
        _actions_table(soon, "due_soon", names, lang, i18n.t("meet_due_soon_none", lang).format(days=days))


def _actions_table(frame: pl.DataFrame, name: str, names: dict[str, str], lang: str, none: str) -> None:
    if frame.is_empty():
        st.success(none)
        return
    problem = (
        pl.when(pl.col("state") == "due_soon")
        .then(pl.lit(i18n.t("problem_due_soon", lang)))
        .when(pl.col("held"))
        .then(pl.lit(i18n.t("problem_no_quorum", lang)))
        .otherwise(pl.lit(i18n.t("problem_not_held", lang)))
    )
    shown = _labelled(frame, names, lang).with_columns(problem.alias("problem"))
    columns = {**ACTION_COLUMNS, **DAYS_COLUMN[name]}
    list_table(shown, columns, lang, file_name=f"meetings_{name}.csv", key=f"meetings_{name}")


def dues_list(behind: pl.DataFrame, names: dict[str, str], lang: str) -> None:
    """Members behind with their dues (masked names), longest behind first."""
    months = meetings.params()["dues_behind_months"]
    st.caption(i18n.t("meet_dues_hint", lang).format(months=months))
    if behind.is_empty():
        st.success(i18n.t("meet_dues_none", lang).format(months=months))
        return
    shown = _labelled(behind, names, lang).with_columns(
        pl.col("last_paid_month")
        .map_elements(lambda d: i18n.fmt_month(d, lang), return_dtype=pl.String)
        .fill_null("—")
        .alias("last_paid")
    )
    list_table(shown, BEHIND_COLUMNS, lang, file_name="dues_behind.csv", key="dues_behind")
