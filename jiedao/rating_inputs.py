"""Inputs of the property rating, read once for every quarter the engine needs (jiedao/sql/rating.sql):
the roster, inspection scores, surveys, verified complaints, findings and veto events. Each frame is
small (aggregated or filtered in DuckDB: the complaint query filters a ticket table of any size by
quarter, street and ``company_fault`` before anything reaches Python)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

import duckdb
import polars as pl

from jiedao import config
from jiedao.queries import family

QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def parse_quarter(text: str) -> str:
    """'2026Q3' (also '2026q3', '2026-Q3') → '2026Q3'; anything else is refused in zh and en."""
    cleaned = text.strip().upper().replace("-", "")
    if not QUARTER.match(cleaned):
        raise ValueError(f"季度格式应为 2026Q3 / a quarter is written like 2026Q3, got {text!r}")
    return cleaned


def bounds(quarter: str) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a quarter as timestamps."""
    year, q = int(quarter[:4]), int(quarter[-1])
    start = dt.datetime(year, 3 * q - 2, 1)
    end = dt.datetime(year + 1, 1, 1) if q == 4 else dt.datetime(year, 3 * q + 1, 1)
    return start, end


def shift(quarter: str, quarters: int) -> str:
    """The quarter ``quarters`` later (negative: earlier)."""
    index = int(quarter[:4]) * 4 + int(quarter[-1]) - 1 + quarters
    return f"{index // 4}Q{index % 4 + 1}"


FRAMES = ("companies", "inspections", "surveys", "complaints", "findings", "vetoes")
PER_QUARTER = FRAMES[1:]


@dataclass(frozen=True)
class Inputs:
    companies: pl.DataFrame
    inspections: pl.DataFrame
    surveys: pl.DataFrame
    complaints: pl.DataFrame
    findings: pl.DataFrame
    vetoes: pl.DataFrame
    index: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the rows by company (roster) and by (quarter, company) once: scoring hundreds of
        companies then looks rows up instead of filtering a frame per company."""
        index = {"roster": {r["company_uscc"]: r for r in self.companies.iter_rows(named=True)}}
        for name in PER_QUARTER:
            groups: dict[tuple[str, str], list[dict]] = {}
            for row in getattr(self, name).iter_rows(named=True):
                groups.setdefault((row["quarter"], row["company_uscc"]), []).append(row)
            index[name] = groups
        object.__setattr__(self, "index", index)

    def roster(self, company: str) -> dict:
        return self.index["roster"][company]

    def rows(self, name: str, quarter: str, company: str) -> list[dict]:
        """The rows of one input for one company in one quarter."""
        return self.index[name].get((quarter, company), [])

    def of(self, name: str, quarter: str) -> pl.DataFrame:
        return getattr(self, name).filter(pl.col("quarter") == quarter)

    def rated(self, quarter: str) -> list[str]:
        """Companies on the roster with an inspection or survey record in the quarter."""
        inspected, surveyed = self.index["inspections"], self.index["surveys"]
        return [c for c in self.index["roster"] if (quarter, c) in inspected or (quarter, c) in surveyed]

    def digest(self, quarter: str) -> str:
        """sha256 of every input row of the quarter (and the roster), for the revision trail."""
        parts = {"companies": self.companies.rows()}
        for name in PER_QUARTER:
            parts[name] = self.of(name, quarter).rows()
        return fingerprint(parts)


def fingerprint(value) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def read(
    con: duckdb.DuckDBPyConnection, quarters: list[str], rules: dict, as_of: dt.datetime | None
) -> Inputs:
    """Every input for ``quarters``; open items are judged at each quarter's end, or ``as_of`` if earlier."""
    spans = []
    for quarter in quarters:
        start, end = bounds(quarter)
        spans.append({"quarter": quarter, "q_start": start, "q_end": end, "judge_at": min(end, as_of or end)})
    available = {
        "street_code": config.street()["code"],
        "quarters": spans,
        "quarter_names": quarters,
        "veto_events": rules["tiers"]["veto_events"],
        "major_urgency": rules["deductions"]["major_urgency"],
        "major_if_reopened": rules["deductions"]["major_if_reopened"],
    }
    frames = {name: run(con, name, available) for name in FRAMES}
    return Inputs(**frames)


def run(con: duckdb.DuckDBPyConnection, name: str, available: dict) -> pl.DataFrame:
    """A named rating query with the parameters it names (DuckDB refuses any other)."""
    sql = family("rating")[_QUERY.get(name, name)]
    return con.sql(sql, params={p: available[p] for p in dict.fromkeys(_PARAM.findall(sql))}).pl()


_QUERY = {"inspections": "inspection_scores"}
