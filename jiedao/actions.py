"""问题清单: one table of everything needing action at a moment, stacked from the families' own
needs-action lists so that each item has exactly one definition (the family's) and the page, the wall
display and the briefing cannot disagree with the family pages.

Every row has the shared columns of ``jiedao.needs_action`` (item, ref, community_code, responsible,
due_at, days_overdue) plus ``area`` (which family, zh), ``area_en``, ``severity`` ("red": a deadline
has passed or a red card; "yellow": due soon or a gap to close) and ``community_name``. Which items
are included, and how far back missed meetings are looked for, is in ``config/actions.toml``.

What "now" means: ``flt.judged_at()`` (the end of the period, or now). Items are judged there:
- tickets open past their deadline (not the ones that closed late: those need no action any more);
- required meetings missed in the look-back window, or due within the family's due-soon days;
- members 3+ months behind with their dues;
- two-new organisations that should have their own branch (≥ 3 full members) or have neither a Party
  organisation nor an instructor; property companies without a Party organisation;
- grids without a branch or a full-time grid worker; communities short of the premises standard;
- grids short of patrols in the period;
- property companies on a 黄牌 or 红牌 in the latest complete quarter (published ranking when there is
  one), with the interview due a configured number of days after the quarter ends.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from jiedao import catalog, config, coverage, grid, hotline, i18n, meetings, needs_action, rating
from jiedao.filters import Filter, Scope, add_months, quarter_of, quarter_start

AREAS = {
    "hotline": ("12345热线", "Hotline"),
    "meetings": ("组织生活", "Party life"),
    "dues": ("党费", "Party dues"),
    "coverage": ("党建覆盖", "Coverage"),
    "grid": ("网格治理", "Grid"),
    "property": ("物业评级", "Property rating"),
}
SEVERITY_ORDER = {"red": 0, "yellow": 1}


def _rules() -> dict:
    return config.load("actions")


def _tag(frame: pl.DataFrame, area: str, severity: pl.Expr | str) -> pl.DataFrame:
    zh, en = AREAS[area]
    level = pl.lit(severity) if isinstance(severity, str) else severity
    standard = needs_action.finish(frame)  # one set of column types, whichever family built it
    return standard.select(
        pl.lit(zh).alias("area"), pl.lit(en).alias("area_en"), level.alias("severity"), *needs_action.COLUMNS
    )


def _hotline(con, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    open_state = _rules()["hotline"]["open_overdue_state"]
    return _tag(hotline.overdue(con, flt, scope).filter(pl.col("state") == open_state), "hotline", "red")


def _meetings(con, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    months = int(_rules()["meetings"]["lookback_months"])
    window = Filter(add_months(flt.end, -months), flt.end, flt.communities, flt.grids, flt.judged_at())
    found = meetings.due_and_missed(con, window, scope)
    severity = pl.when(pl.col("state") == "missed").then(pl.lit("red")).otherwise(pl.lit("yellow"))
    return _tag(found, "meetings", severity)


def _dues(con, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    return _tag(meetings.members_behind(con, flt, scope), "dues", "yellow")


def _coverage(con, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    orgs = coverage.organisations_without_party_org(con, flt, scope)
    orgs = orgs.filter(pl.col("can_build_own") | ~pl.col("instructor").fill_null(False))
    parts = [
        orgs,
        coverage.property_companies_without_party_org(con, flt, scope),
        coverage.grid_gaps(con, flt, scope),
        coverage.premises_shortfall(con, flt, scope),
    ]
    return pl.concat([_tag(p, "coverage", "yellow") for p in parts])


def _grid(con, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    return _tag(grid.patrol_shortfall(con, flt, scope), "grid", "yellow")


def latest_complete_quarter(moment: dt.datetime) -> str:
    """The newest quarter that has ended by ``moment``."""
    quarter = quarter_of(moment.date())
    if dt.datetime.combine(add_months(quarter_start(quarter), 3), dt.time()) > moment:
        quarter = quarter_of(add_months(quarter_start(quarter), -3))
    return quarter


def _property(con, flt: Filter, scope: Scope | None) -> pl.DataFrame:
    """黄牌 / 红牌 companies of the latest complete quarter. Companies serve several communities, so the
    item is the street's (no community); a community-scoped user sees it only for the whole street."""
    if flt.within(scope).communities or flt.grids:
        return _tag(needs_action.finish(pl.DataFrame()), "property", "yellow")
    quarter = latest_complete_quarter(flt.judged_at())
    table = rating.published(con, quarter)
    if table.is_empty():
        table = rating.rate(con, quarter).frame()
    carded = table.filter(pl.col("tier").is_in(["yellow", "red"]))
    rules = config.load("rating")
    due = dt.datetime.combine(add_months(quarter_start(quarter), 3), dt.time()) + dt.timedelta(
        days=int(_rules()["property"]["interview_within_days"])
    )
    labels = {tier: rules["tiers"]["labels"][tier][0] for tier in ("yellow", "red")}
    frame = carded.with_columns(
        (
            pl.lit(f"{i18n.fmt_quarter(quarter)} ")
            + pl.col("tier").replace_strict(labels)
            + pl.lit("：")
            + pl.col("tier").replace_strict({t: rules["consequences"][t][0] for t in labels})
        ).alias("item"),
        pl.col("company_uscc").alias("ref"),
        pl.col("company_name").alias("responsible"),
        pl.lit(due).alias("due_at"),
    )
    return _tag(needs_action.finish(frame), "property", pl.col("tier"))


SOURCES = {
    "hotline": _hotline,
    "meetings": _meetings,
    "dues": _dues,
    "coverage": _coverage,
    "grid": _grid,
    "property": _property,
}


def action_list(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """Everything needing action at ``flt.judged_at()``, red before yellow, most overdue first."""
    wanted = _rules()["include"]
    frames = [SOURCES[area](con, flt, scope) for area in SOURCES if wanted.get(area, True)]
    names = catalog.communities(con).select(
        pl.col("code").alias("community_code"), pl.col("name").alias("community_name")
    )
    stacked = pl.concat(frames)
    if flt.within(scope).communities:  # street-level items (no community) are not a community's
        stacked = stacked.filter(pl.col("community_code").is_not_null())
    return stacked.join(names, on="community_code", how="left").sort(
        [pl.col("severity").replace_strict(SEVERITY_ORDER), "days_overdue", "due_at", "area", "ref"],
        descending=[False, True, False, False, False],
        nulls_last=True,
    )


def summary(actions: pl.DataFrame) -> pl.DataFrame:
    """Counts per area and severity, for a headline ("红 12 · 黄 30")."""
    return actions.group_by("area", "severity").len("items").sort("area", "severity")
