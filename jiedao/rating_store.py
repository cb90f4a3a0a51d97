"""Published (frozen) property rankings: the row a rating becomes in ``rating_result``, and the read
side — the latest published ranking of a quarter, its revision trail, the quarters published. Written
only by ``pipelines/rate.py``."""

from __future__ import annotations

import dataclasses
import json

import duckdb
import polars as pl

from jiedao.rating_inputs import fingerprint, parse_quarter, run
from jiedao.rating_scores import CompanyRating

RESULT_COLUMNS = (
    "company_uscc", "company_name", "rank", "total", "tier", "dimensions", "complaint_deduction",
    "finding_deduction", "verified_complaints", "overdue_complaints", "major_complaints",
    "unrectified_findings", "veto_events", "previous_tier", "score_change", "reasons", "detail",
)  # fmt: skip


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(r: CompanyRating) -> dict:
    """The ``rating_result`` row of a rating (without quarter and revision): JSON for the nested parts."""
    detail = {
        "notes": r.notes,
        "complaints": r.complaints,
        "findings": r.findings,
        "pending_findings": r.pending_findings,
        "previous_total": r.previous_total,
        "advice": dataclasses.asdict(r.advice) if r.advice else None,
    }
    values = (
        r.company_uscc, r.name, r.rank, r.total, r.tier, _json(r.dimensions), r.complaint_deduction,
        r.finding_deduction, r.verified_complaints, r.overdue_complaints, r.major_complaints, len(r.findings),
        _json(r.vetoes), r.previous_tier, r.score_change, _json(r.reasons), _json(detail),
    )  # fmt: skip
    return dict(zip(RESULT_COLUMNS, values, strict=True))


def results_fingerprint(records: list[dict]) -> str:
    return fingerprint(sorted(records, key=lambda row: row["company_uscc"]))


def latest_revision(con: duckdb.DuckDBPyConnection, quarter: str) -> dict | None:
    """The latest published revision of ``quarter`` (quarter, revision, published_at, fingerprints,
    companies, note, changes), or None if it was never published."""
    frame = run(con, "latest_revision", {"quarter": parse_quarter(quarter)})
    return frame.row(0, named=True) if frame.height else None


def published(con: duckdb.DuckDBPyConnection, quarter: str, revision: int | None = None) -> pl.DataFrame:
    """The published ranking of ``quarter``: the latest revision, or ``revision``. Empty if unpublished."""
    quarter = parse_quarter(quarter)
    if revision is None:
        return run(con, "published_results", {"quarter_names": [quarter]})
    return run(con, "revision_results", {"quarter": quarter, "revision": revision})


def revisions(con: duckdb.DuckDBPyConnection, quarter: str) -> pl.DataFrame:
    """The revision trail of ``quarter``, oldest first: revision, published_at, companies, note (what
    changed), changes (JSON), fingerprints."""
    return run(con, "revisions", {"quarter": parse_quarter(quarter)})


def published_quarters(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Quarters with a published ranking, newest first, with their latest revision."""
    return run(con, "published_quarters", {})
