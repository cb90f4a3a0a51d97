"""The 覆盖率 page's parts: the family evaluated once per snapshot and filter (cached), KPI tiles, the
community × rate matrix, one rate by community with the drill-down, and the gap lists behind the rates.

Every number comes from ``jiedao.metrics`` (the ``coverage`` family) and every list from
``jiedao.coverage``; this module only arranges them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
import streamlit as st

from jiedao import charts, coverage, i18n, metrics
from jiedao.charts.rates import rate_matrix
from jiedao.filters import TIMEZONE, Filter
from jiedao.metrics import Value
from jiedao.ui import url
from jiedao.ui.listing import list_table
from jiedao.ui.panels import chart_panel, community_drilldown
from jiedao.ui.tiles import tile

VIEWS = ("matrix", "rate")
TILES_PER_ROW = {"zh": 4, "en": 3}  # the English names are long; a tile label does not wrap
GAPS = {  # tab → the list behind a rate's shortfall
    "orgs": coverage.organisations_without_party_org,
    "property": coverage.property_companies_without_party_org,
    "grids": coverage.grid_gaps,
    "premises": coverage.premises_shortfall,
    "walking": coverage.compounds_outside_walking_radius,
}
GAP_COLUMNS = {  # column → i18n key of its header
    "orgs": {
        "name": "col_org_name",
        "kind": "col_org_kind",
        "community_name": "col_community",
        "employees": "col_employees",
        "full_members": "col_full_members",
        "can_build_own": "col_can_build_own",
        "instructor": "col_instructor",
        "responsible": "col_responsible",
        "ref": "col_uscc",
    },
    "property": {
        "name": "col_company",
        "community_name": "col_community",
        "compounds": "col_compounds",
        "households": "col_households",
        "instructor": "col_instructor",
        "responsible": "col_responsible",
        "ref": "col_uscc",
    },
    "grids": {
        "gap_label": "col_gap",
        "name": "col_grid",
        "community_name": "col_community",
        "households": "col_households",
        "responsible": "col_responsible",
        "ref": "col_grid_code",
    },
    "premises": {
        "name": "col_community",
        "households": "col_households",
        "premises_m2": "col_premises_m2",
        "required_m2": "col_required_m2",
        "shortfall_m2": "col_shortfall_m2",
        "responsible": "col_responsible",
    },
    "walking": {
        "name": "col_compound",
        "community_name": "col_community",
        "households": "col_households",
        "nearest_centre": "col_nearest_centre",
        "distance_m": "col_distance_m",
        "responsible": "col_responsible",
    },
}


@dataclass(frozen=True)
class CoverageData:
    """What the page shows for one filter: street values, the per-community matrix, the gap lists."""

    values: dict[str, Value]
    matrix: pl.DataFrame
    gaps: dict[str, pl.DataFrame]

    def empty(self) -> bool:
        """Nothing to show: no rate has a denominator for this filter."""
        return all(not v.denominator for v in self.values.values())


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def load(_con, version: str, start: dt.date, end: dt.date, communities: tuple[str, ...]) -> CoverageData:
    """The coverage family for a snapshot ``version`` and filter, computed once and kept (10 min:
    rosters change only with a new snapshot, whose version is part of the key)."""
    flt = Filter(start, end, communities)
    return CoverageData(
        metrics.evaluate_family(_con, "coverage", flt),
        coverage.by_community(_con, flt),
        {name: build(_con, flt) for name, build in GAPS.items()},
    )


def this_month(communities: tuple[str, ...]) -> Filter:
    """The current calendar month (Asia/Shanghai), for a warehouse with rosters but no dated activity."""
    today = dt.datetime.now(TIMEZONE).date()
    return Filter.month(today.year, today.month, communities=communities)


def label(metric: metrics.Metric, lang: str) -> str:
    return metric.en if lang == "en" else metric.zh


def short(metric: metrics.Metric, lang: str) -> str:
    """The rate's short column label in the matrix (e.g. 组织覆盖)."""
    return i18n.t(f"cov_short_{metric.name}", lang)


def tiles(data: CoverageData, lang: str) -> None:
    """One KPI tile per rate (four to a row, three in English): value, numerator/denominator, status,
    环比 when the rate is dated."""
    values = list(data.values.values())
    per_row = TILES_PER_ROW[lang]
    for first in range(0, len(values), per_row):
        for column, value in zip(st.columns(per_row), values[first : first + per_row], strict=False):
            with column:
                tile(value, lang)


def _named(frame: pl.DataFrame, names: dict[str, str], lang: str) -> pl.DataFrame:
    """Add the community's name (``name``) beside its code (``key``). A row without a community holds
    the members of the street's own organisations (党工委, 机关) who have reported nowhere yet."""
    unknown = i18n.t("cov_street_level", lang)
    return frame.with_columns(
        pl.col("key").replace_strict(names, default=unknown, return_dtype=pl.String).alias("name")
    )


def _street_rows(data: CoverageData) -> pl.DataFrame:
    """The whole street's values in the matrix's long shape (key null)."""
    return pl.DataFrame(
        [(mid, None, v.numerator, v.denominator, v.value, v.status) for mid, v in data.values.items()],
        schema=data.matrix.schema,
        orient="row",
    )


def comparison(data: CoverageData, names: dict[str, str], communities: tuple[str, ...], lang: str) -> None:
    """Communities compared: every rate at once (the matrix) or one rate as bars that drill down,
    chosen as ``?view=rate`` (only the chosen view is drawn: a page loads faster with one chart)."""
    view = url.select(
        "view", VIEWS, label=i18n.t("cov_view", lang), keep_default=False, widget="segmented_control",
        format_func=lambda v: i18n.t(f"cov_view_{v}", lang),
    )  # fmt: skip
    if view == "matrix":
        st.caption(i18n.t("cov_matrix_hint", lang))
        matrix_panel(data, names, communities, lang)
    else:
        one_rate(data, names, communities, lang)


def matrix_panel(data: CoverageData, names: dict[str, str], communities: tuple[str, ...], lang: str) -> None:
    """The total on top (the whole street, or the chosen communities together; none for a single
    community), then each community × every rate, coloured by status; the table view writes each cell
    as "92.4% · 12/13"."""
    long = _named(data.matrix, names, lang)
    if len(communities) != 1:
        total = i18n.t("selected_total" if communities else "whole_street", lang)
        long = pl.concat([_street_rows(data).with_columns(pl.lit(total).alias("name")), long])
    shorts = {m.id: short(m, lang) for m in metrics.all_metrics("coverage")}
    cells = pl.DataFrame(
        [
            (r["name"], shorts[r["metric_id"]], r["status"], i18n.fmt_pct(r["value"], lang),
             i18n.fmt_rate(r["value"], r["numerator"], r["denominator"], lang))
            for r in long.iter_rows(named=True)
        ],
        schema=["name", "column", "status", "text", "hover"],
        orient="row",
    )  # fmt: skip
    fig = rate_matrix(cells, row="name", column="column", lang=lang)
    table = cells.pivot("column", index="name", values="hover", maintain_order=True)
    table = table.rename({"name": i18n.t("col_community", lang)})
    chart_panel(fig, table, file_name="coverage_by_community.csv", key="coverage_matrix", lang=lang)


def one_rate(data: CoverageData, names: dict[str, str], communities: tuple[str, ...], lang: str) -> None:
    """A rate picked in ``?rate=`` by community, as bars a click on which drills the page into that
    community, with its table (numerator, denominator, rate, status) and download."""
    chosen = metrics.all_metrics("coverage")
    metric = url.select(
        "rate", chosen, label=i18n.t("cov_pick_rate", lang), format_func=lambda m: label(m, lang),
        token=lambda m: m.name,
    )  # fmt: skip
    frame = _named(data.matrix.filter(pl.col("metric_id") == metric.id), names, lang)
    if frame.is_empty():
        st.caption(i18n.t("cov_rate_empty", lang))
        return
    selected = communities[0] if len(communities) == 1 else None
    fig = charts.community_bars(frame, selected=selected, lang=lang, title=label(metric, lang))
    table = _rate_table(frame, metric, lang)
    community_drilldown(fig, table, file_name=f"coverage_{metric.name}.csv", key="coverage_bars", lang=lang)


def _rate_table(frame: pl.DataFrame, metric: metrics.Metric, lang: str) -> pl.DataFrame:
    """Community, numerator and denominator under the metric's own names, rate, status."""
    numerator = metric.numerator_en if lang == "en" else metric.numerator_zh
    denominator = metric.denominator_en if lang == "en" else metric.denominator_zh
    return pl.DataFrame(
        {
            i18n.t("col_community", lang): frame["name"],
            numerator: frame["numerator"].cast(pl.Int64),
            denominator: frame["denominator"].cast(pl.Int64),
            i18n.t("col_rate", lang): [i18n.fmt_pct(v, lang) for v in frame["value"]],
            i18n.t("status", lang): [i18n.t(f"status_{s}", lang) for s in frame["status"]],
        }
    )


def gap_lists(data: CoverageData, lang: str) -> None:
    """The list behind one rate's shortfall, chosen as ``?gap=orgs`` (only the chosen list is drawn),
    each choice titled with the number of units in it (a company serving several communities, or a
    grid lacking both a branch and a worker, counts once)."""
    counts = {name: data.gaps[name]["ref"].n_unique() for name in GAPS}
    name = url.select(
        "gap", list(GAPS), label=i18n.t("cov_gap_pick", lang), keep_default=False, widget="segmented_control",
        format_func=lambda g: i18n.t(f"gap_{g}", lang).format(n=counts[g]),
    )  # fmt: skip
    rules = coverage.params()
    st.caption(
        i18n.t(f"gap_{name}_hint", lang).format(
            radius=i18n.fmt_int(rules["walking_radius_m"], lang),
            min_m2=rules["premises_min_m2"],
            per100=rules["premises_m2_per_100_households"],
        )
    )
    frame = data.gaps[name]
    if frame.is_empty():
        st.success(i18n.t("gap_none", lang))
        return
    if name == "orgs":
        can = int(frame["can_build_own"].sum())
        st.markdown(i18n.t("gap_orgs_can_build", lang).format(n=can, min=rules["branch_min_members"]))
    shown = _translated(name, frame, lang)
    list_table(shown, GAP_COLUMNS[name], lang, file_name=f"coverage_gap_{name}.csv", key=f"gap_{name}")


def _translated(name: str, frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Codes in a gap list as words: the organisation's kind, the grid's gap."""
    if name == "orgs":
        kinds = {k: i18n.label(i18n.ORG_CATEGORIES, k, lang) for k in frame["kind"].unique()}
        return frame.with_columns(pl.col("kind").replace_strict(kinds, return_dtype=pl.String))
    if name == "grids":
        gaps = {g: i18n.t(f"gap_{g}", lang) for g in ("grid_branch", "grid_worker")}
        return frame.with_columns(
            pl.col("gap").replace_strict(gaps, return_dtype=pl.String).alias("gap_label")
        )
    return frame
