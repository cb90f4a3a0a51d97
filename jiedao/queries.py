"""Named SQL queries from ``jiedao/sql/*.sql``.

A file holds one family of queries, each introduced by ``-- name: <id>`` and using named
parameters (``$community``) only — values are never formatted into SQL text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import duckdb
import polars as pl

_NAME = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


@cache
def family(name: str) -> dict[str, str]:
    text = resources.files("jiedao").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")
    parts = _NAME.split(text)
    return {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}


def frame(con: duckdb.DuckDBPyConnection, family_name: str, query: str, **params) -> pl.DataFrame:
    """Run a named query and return a Polars frame (small: aggregation happens in DuckDB)."""
    sql = family(family_name)[query]
    return con.sql(sql, params=params or None).pl()
