"""One company's breakdown in a quarter's ranking (DOMAIN.md §7), as the 物业评级 page shows it: the
points of every dimension against its weight, the deductions with the tickets and findings behind
them (named: what the complaint was about, which compound), the rules that decided the tier, its
consequence, and what it would take to reach the next tier.

Built from a ranking row of ``jiedao.rating_view`` (published or provisional alike); the names
behind ticket and compound codes come from the warehouse (jiedao/sql/rating.sql).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import polars as pl

from jiedao import config, i18n, rating_inputs
from jiedao.rating_view import QuarterRanking, stamp

COMPLAINT_SCHEMA = {
    "ticket_id": pl.String, "received_at": pl.Datetime, "deadline_at": pl.Datetime, "closed_at": pl.Datetime,
    "overdue": pl.Boolean, "major": pl.Boolean, "points": pl.Float64,
}  # fmt: skip
FINDING_SCHEMA = {
    "compound_code": pl.String, "dimension": pl.String, "item": pl.String, "finding": pl.String,
    "inspection_quarter": pl.String, "deadline": pl.Date, "rectified_on": pl.Date,
}  # fmt: skip


@dataclass(frozen=True)
class Breakdown:
    quarter: str
    company_uscc: str
    name: str
    rank: int
    companies: int  # ranked in the quarter
    total: float
    tier: str
    previous_tier: str | None
    score_change: float | None
    reasons: list[dict]  # {"rule", "zh", "en"}: the decisive rule first
    consequence: str
    vetoes: list[str]
    dimensions: pl.DataFrame  # key, name, points, weight, share (points ÷ weight), note
    complaints: pl.DataFrame  # COMPLAINT_SCHEMA + appeal_type, category_l2, title, compound_name
    complaint_points: float  # before the cap
    complaint_cap: float
    complaint_deduction: float  # after the cap
    findings: pl.DataFrame  # deducted: FINDING_SCHEMA + compound_name, points
    pending: pl.DataFrame  # unrectified, deadline not passed yet: FINDING_SCHEMA + compound_name
    finding_deduction: float
    advice: dict  # target, points_needed, steps [{lever, count, points, zh, en}], reachable, zh, en


def breakdown(
    con: duckdb.DuckDBPyConnection, ranking: QuarterRanking, company_uscc: str, lang: str = "zh"
) -> Breakdown:
    """The breakdown of ``company_uscc`` in ``ranking``; KeyError when it is not ranked there."""
    row = ranking.rows.filter(pl.col("company_uscc") == company_uscc)
    if row.is_empty():
        raise KeyError(f"{ranking.quarter} 的评级中没有企业 / no company {company_uscc} in the ranking")
    r, rules = row.row(0, named=True), config.load("rating")
    detail = json.loads(r["detail"])
    complaints = _complaints(con, ranking.quarter, detail["complaints"])
    cut = rules["deductions"]
    return Breakdown(
        ranking.quarter, company_uscc, r["company_name"], r["rank"], ranking.rows.height, r["total"], r["tier"],
        r["previous_tier"], r["score_change"], json.loads(r["reasons"]),
        rules["consequences"][r["tier"]][1 if lang == "en" else 0], json.loads(r["veto_events"]),
        dimensions(json.loads(r["dimensions"]), detail.get("notes") or {}, rules, lang),
        complaints, float(sum(complaints["points"])), float(cut["complaint_cap"]), r["complaint_deduction"],
        _findings(con, detail["findings"], cut["unrectified_finding"]),
        _findings(con, detail.get("pending_findings") or [], None),
        r["finding_deduction"], detail.get("advice") or {},
    )  # fmt: skip


def dimensions(points: dict, notes: dict, rules: dict, lang: str = "zh") -> pl.DataFrame:
    """One row per configured dimension: key, name, points, weight, share, note (未检查 / 未测评 when
    no record fed it, in ``lang``)."""
    rows = []
    for key, dim in rules["dimensions"].items():
        got = points.get(key, 0.0)
        note = i18n.label(i18n.RATING_NOTES, notes[key], lang) if key in notes else ""
        rows.append(
            (key, dim["en" if lang == "en" else "zh"], got, float(dim["weight"]), got / dim["weight"], note)
        )
    schema = {"key": pl.String, "name": pl.String, "points": pl.Float64, "weight": pl.Float64}
    return pl.DataFrame(rows, schema={**schema, "share": pl.Float64, "note": pl.String}, orient="row")


def _complaints(con: duckdb.DuckDBPyConnection, quarter: str, items: list[dict]) -> pl.DataFrame:
    """The verified complaints with what they were about (joined on ticket_id, received in the quarter)."""
    frame = pl.DataFrame(
        [{**c, **{k: stamp(c[k]) for k in ("received_at", "deadline_at", "closed_at")}} for c in items],
        schema=COMPLAINT_SCHEMA,
        orient="row",
    )
    start, end = rating_inputs.bounds(quarter)
    params = {"ticket_ids": frame["ticket_id"].to_list(), "received_from": start, "received_to": end}
    about = rating_inputs.run(con, "complaint_tickets", params).drop("compound_code")
    return frame.join(about, on="ticket_id", how="left", maintain_order="left")


def _findings(con: duckdb.DuckDBPyConnection, items: list[dict], each: float | None) -> pl.DataFrame:
    """Findings with their compound's name; ``points`` deducted for each when ``each`` is given."""
    rows = [{**f, "deadline": stamp(f["deadline"]), "rectified_on": stamp(f["rectified_on"])} for f in items]
    frame = pl.DataFrame(rows, schema=FINDING_SCHEMA, orient="row")
    names = rating_inputs.run(
        con, "compound_names", {"compound_codes": frame["compound_code"].unique().to_list()}
    )
    frame = frame.join(names, on="compound_code", how="left", maintain_order="left")
    return frame.with_columns(pl.lit(float(each)).alias("points")) if each is not None else frame
