"""Named SQL queries from ``jiedao/sql/*.sql``.

A file holds one family of queries, each introduced by ``-- name: <id>`` and using named
parameters (``$community``) only — values are never formatted into SQL text. A block may use
another block of the same file as a subquery by writing ``({{other}})``: shared row-level logic
(e.g. a ticket's deadline) is then written once and aggregated by several queries.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import duckdb
import polars as pl

_NAME = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)
_INCLUDE = re.compile(r"\{\{(\w+)\}\}")


@cache
def family(name: str) -> dict[str, str]:
    text = resources.files("jiedao").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")
    parts = _NAME.split(text)
    blocks = {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}
    return {block: _expand(name, blocks, block, ()) for block in blocks}


def _expand(file: str, blocks: dict[str, str], block: str, seen: tuple[str, ...]) -> str:
    """The block's text with every ``{{other}}`` replaced by that block (newlines around it, so a
    trailing ``--`` comment cannot swallow the closing parenthesis)."""
    if block in seen:
        raise ValueError(f"{file}.sql: query {block} includes itself via {' → '.join(seen)}")
    if block not in blocks:
        raise KeyError(f"{file}.sql: no query named {block} (included by {seen[-1]})")

    def include(match: re.Match) -> str:
        return "\n" + _expand(file, blocks, match.group(1), (*seen, block)) + "\n"

    return _INCLUDE.sub(include, blocks[block])


def frame(con: duckdb.DuckDBPyConnection, family_name: str, query: str, **params) -> pl.DataFrame:
    """Run a named query and return a Polars frame (small: aggregation happens in DuckDB)."""
    sql = family(family_name)[query]
    return con.sql(sql, params=params or None).pl()
