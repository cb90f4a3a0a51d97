"""The property ranking as the 物业评级 page shows it (DOMAIN.md §7): which quarters can be shown, a
quarter's ranking, the board of it, one company's breakdown and its record over the quarters.

A published quarter shows its latest published revision — the official, frozen record. A quarter
with rating data that was never published shows the ranking the engine computes now, marked
provisional (``QuarterRanking.published`` is False). Either way the rows have the columns of
``rating_result`` (``rating_store.RESULT_COLUMNS``, nested parts as JSON), so everything below
treats both alike. Labels come from config/rating.toml in the language asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb
import polars as pl

from jiedao import config, rating, rating_inputs, rating_store
from jiedao.rating_tiers import TIERS, label

RESULT_SCHEMA = {
    "company_uscc": pl.String, "company_name": pl.String, "rank": pl.Int64, "total": pl.Float64,
    "tier": pl.String, "dimensions": pl.String, "complaint_deduction": pl.Float64,
    "finding_deduction": pl.Float64, "verified_complaints": pl.Int64, "overdue_complaints": pl.Int64,
    "major_complaints": pl.Int64, "unrectified_findings": pl.Int64, "veto_events": pl.String,
    "previous_tier": pl.String, "score_change": pl.Float64, "reasons": pl.String, "detail": pl.String,
}  # fmt: skip
ARROWS = {"up": "↑", "down": "↓", "same": "→", "new": "＋"}


@dataclass(frozen=True)
class QuarterRanking:
    """One quarter's ranking: ``rows`` in rank order (columns of ``RESULT_SCHEMA``); ``revision`` is
    the latest published revision (revision, published_at, note …) or None when provisional."""

    quarter: str
    published: bool
    revision: dict | None
    rows: pl.DataFrame


def quarters(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Quarters that can be shown, newest first: every published quarter, and every quarter with
    inspection or survey records (provisional when not published). Columns quarter, published."""
    done = set(rating.published_quarters(con)["quarter"].to_list())
    found = rating_inputs.run(con, "data_quarters", {"street_code": config.street()["code"]})
    every = sorted(done | set(found["quarter"].to_list()), reverse=True)
    return pl.DataFrame(
        {"quarter": every, "published": [q in done for q in every]},
        schema={"quarter": pl.String, "published": pl.Boolean},
    )


def default_quarter(options: pl.DataFrame) -> str | None:
    """The newest published quarter; the newest quarter with data when none is published."""
    published = options.filter(pl.col("published"))["quarter"]
    chosen = published if published.len() else options["quarter"]
    return chosen[0] if chosen.len() else None


def ranking(con: duckdb.DuckDBPyConnection, quarter: str) -> QuarterRanking:
    """The published ranking of ``quarter`` (latest revision), else the engine's provisional one."""
    latest = rating.latest_revision(con, quarter)
    if latest is not None:
        rows = rating.published(con, quarter).select(list(RESULT_SCHEMA))
        return QuarterRanking(quarter, True, latest, rows)
    records = [rating_store.record(r) for r in rating.rate(con, quarter).ratings]
    rows = (
        pl.DataFrame(records, schema=RESULT_SCHEMA, orient="row")
        if records
        else pl.DataFrame(schema=RESULT_SCHEMA)
    )
    return QuarterRanking(quarter, False, None, rows)


def movement(tier: str, previous: str | None) -> str:
    """up / down / same versus last quarter's tier (better tier = up); new when not rated then."""
    if previous is None:
        return "new"
    now, before = TIERS.index(tier), TIERS.index(previous)
    return "up" if now < before else "down" if now > before else "same"


def tier_counts(rows: pl.DataFrame) -> dict[str, int]:
    """Companies per tier, best tier first (every tier present, 0 when none)."""
    counts = dict(rows.group_by("tier").len().iter_rows()) if rows.height else {}
    return {tier: counts.get(tier, 0) for tier in TIERS}


def board(rows: pl.DataFrame, lang: str = "zh") -> pl.DataFrame:
    """One row per company in rank order: rank, company_uscc, company_name, tier, tier_label, total,
    previous_tier_label, movement, score_change, consequence, reason (the decisive rules), the points
    of every dimension, the deductions and their counts, and next_tier (what it takes)."""
    rules, en = config.load("rating"), lang == "en"
    out = []
    for row in rows.iter_rows(named=True):
        dims, advice = json.loads(row["dimensions"]), json.loads(row["detail"]).get("advice") or {}
        out.append(
            {
                "rank": row["rank"], "company_uscc": row["company_uscc"], "company_name": row["company_name"],
                "tier": row["tier"], "tier_label": label(row["tier"], rules, lang), "total": row["total"],
                "previous_tier_label": label(row["previous_tier"], rules, lang),
                "movement": movement(row["tier"], row["previous_tier"]), "score_change": row["score_change"],
                "consequence": rules["consequences"][row["tier"]][1 if en else 0],
                "reason": ("; " if en else "；").join(r["en" if en else "zh"] for r in json.loads(row["reasons"])),
                **{key: dims.get(key) for key in rules["dimensions"]},
                "complaint_deduction": row["complaint_deduction"], "finding_deduction": row["finding_deduction"],
                "verified_complaints": row["verified_complaints"], "overdue_complaints": row["overdue_complaints"],
                "unrectified_findings": row["unrectified_findings"],
                "next_tier": advice.get("en" if en else "zh", ""),
            }
        )  # fmt: skip
    return (
        pl.DataFrame(out, schema=_board_schema(rules), orient="row")
        if out
        else pl.DataFrame(schema=_board_schema(rules))
    )


def _board_schema(rules: dict) -> dict:
    text, number, count = pl.String, pl.Float64, pl.Int64
    return {
        "rank": count, "company_uscc": text, "company_name": text, "tier": text, "tier_label": text,
        "total": number, "previous_tier_label": text, "movement": text, "score_change": number,
        "consequence": text, "reason": text, **dict.fromkeys(rules["dimensions"], number),
        "complaint_deduction": number, "finding_deduction": number, "verified_complaints": count,
        "overdue_complaints": count, "unrectified_findings": count, "next_tier": text,
    }  # fmt: skip


def history(con: duckdb.DuckDBPyConnection, company_uscc: str) -> pl.DataFrame:
    """The company's published record, oldest quarter first: quarter, revision, rank, companies
    (ranked that quarter), total, tier."""
    return rating_inputs.run(con, "company_history", {"company_uscc": company_uscc})


def stamp(value) -> dt.datetime | dt.date | None:
    """A date or time from the breakdown's JSON ("2026-07-21 13:49:20", "2026-08-15"), or None."""
    if value in (None, ""):
        return None
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed.date() if len(str(value)) == 10 else parsed
