"""Property-company rating engine (红色物业 evaluation, DOMAIN.md §7): per company per quarter the
dimension scores, the deductions with the tickets and findings behind them, total, tier with the rule
that decided it, rank, change since last quarter and what it would take to reach the next tier. Every
weight, threshold, deduction and veto rule comes from config/rating.toml.

Pure read side over a connection: ``rate(con, "2026Q3")``. Publishing (freezing a quarter into
``rating_revision`` / ``rating_result``) is ``pipelines/rate.py``; the published rankings are read back
with ``published`` (latest revision of a quarter, or a given one), ``revisions`` (the trail) and
``published_quarters`` (from ``jiedao.rating_store``).

Dating: the roster (组织建设) has no history, so every quarter reads the current roster; inspections and
surveys belong to their ``quarter``; a complaint to the quarter it was received in; a finding to the
quarter its rectification deadline falls in. Open items are judged at the quarter's end (or an earlier
``as_of``). The consecutive-yellow rule and "change since last quarter" use the published tier of an
earlier quarter when there is one (a published ranking is the official record), else the computed one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import polars as pl

from jiedao import config, rating_advice, rating_inputs, rating_tiers
from jiedao.rating_inputs import Inputs, parse_quarter, shift
from jiedao.rating_scores import CompanyRating, score
from jiedao.rating_store import latest_revision, published, published_quarters, revisions

__all__ = [
    "CompanyRating",
    "Ranking",
    "latest_revision",
    "published",
    "published_quarters",
    "rate",
    "revisions",
]


@dataclass
class Ranking:
    """One quarter's rating: ratings best first, the inputs' fingerprint and the judging moment."""

    quarter: str
    ratings: list[CompanyRating]
    inputs_fingerprint: str
    judged_at: dt.datetime
    unrated: list[tuple[str, str]] = field(default_factory=list)  # (USCC, name): serve compounds, no records

    def frame(self, lang: str = "zh") -> pl.DataFrame:
        """One row per company for pages and exports (labels in ``lang``)."""
        return rating_tiers.frame(self.ratings, config.load("rating"), lang)

    def get(self, company_uscc: str) -> CompanyRating:
        for rating in self.ratings:
            if rating.company_uscc == company_uscc:
                return rating
        raise KeyError(f"{self.quarter} 没有企业 / no company {company_uscc}")


def rate(con: duckdb.DuckDBPyConnection, quarter: str, as_of: dt.datetime | None = None) -> Ranking:
    """Rate every company with an inspection or survey record in ``quarter`` (e.g. "2026Q3")."""
    rules = config.load("rating")
    quarter = parse_quarter(quarter)
    quarters = _quarters(con, quarter)
    inputs = rating_inputs.read(con, quarters, rules, as_of)
    published = _published(con, [q for q in quarters if q != quarter])
    history: dict[tuple[str, str], tuple[str, float]] = {}
    ratings: list[CompanyRating] = []
    for q in quarters:
        ratings = _rate_quarter(inputs, q, rules, history)
        for r in ratings:
            history[(q, r.company_uscc)] = published.get((q, r.company_uscc), (r.tier, r.total))
    for r in ratings:
        r.previous_tier, r.previous_total = history.get((shift(quarter, -1), r.company_uscc), (None, None))
        r.advice = rating_advice.advise(r, _prior(history, quarter, r.company_uscc, rules), rules)
    rating_tiers.rank(ratings, rules)
    used = {f"{q}|{c}": v for (q, c), v in history.items() if q != quarter}
    digest = rating_inputs.fingerprint({"inputs": inputs.digest(quarter), "history": used, "rules": rules})
    return Ranking(quarter, ratings, digest, _judged_at(quarter, as_of), _unrated(inputs, quarter))


def _rate_quarter(inputs: Inputs, quarter: str, rules: dict, history: dict) -> list[CompanyRating]:
    ratings = []
    for company in inputs.rated(quarter):
        rating = score(inputs, quarter, company, rules)
        prior = _prior(history, quarter, company, rules)
        rating.tier, rating.reasons = rating_tiers.decide(rating, prior, rules)
        ratings.append(rating)
    return ratings


def _prior(history: dict, quarter: str, company: str, rules: dict) -> list[str | None]:
    """The company's tiers in the quarters before ``quarter``, most recent first, as many as the
    consecutive-yellow rule looks back (None: not rated that quarter)."""
    back = int(rules["tiers"]["consecutive_yellow_to_red"]) - 1
    return [history.get((shift(quarter, -k), company), (None, None))[0] for k in range(1, back + 1)]


def _quarters(con: duckdb.DuckDBPyConnection, quarter: str) -> list[str]:
    """Quarters with rating data up to ``quarter`` (and ``quarter`` itself), oldest first: the
    consecutive-yellow rule needs the tiers before it."""
    found = rating_inputs.run(con, "data_quarters", {"street_code": config.street()["code"]})
    return sorted({q for q in found["quarter"].to_list() if q < quarter} | {quarter})


def _published(
    con: duckdb.DuckDBPyConnection, quarters: list[str]
) -> dict[tuple[str, str], tuple[str, float]]:
    if not quarters:
        return {}
    frame = rating_inputs.run(con, "published_results", {"quarter_names": quarters})
    return {
        (q, c): (t, total)
        for q, c, t, total in frame.select("quarter", "company_uscc", "tier", "total").rows()
    }


def _unrated(inputs: Inputs, quarter: str) -> list[tuple[str, str]]:
    rated = set(inputs.rated(quarter))
    serving = inputs.companies.filter(pl.col("serves_compounds"))
    return [(c, n) for c, n in serving.select("company_uscc", "name").rows() if c not in rated]


def _judged_at(quarter: str, as_of: dt.datetime | None) -> dt.datetime:
    end = rating_inputs.bounds(quarter)[1]
    return min(end, as_of or end)
