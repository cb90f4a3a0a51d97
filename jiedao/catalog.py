"""What the warehouse holds: exact row counts per table, recent loads, quarantine. Read-only."""

from __future__ import annotations

import duckdb
import polars as pl

from jiedao import queries
from jiedao.db import scalar

# The order in which tables are shown: places, organisations, people, activity, loads.
TABLE_ORDER = (
    "street",
    "community",
    "grid",
    "compound",
    "building",
    "party_org",
    "party_member",
    "dues_payment",
    "meeting",
    "organisation",
    "property_company",
    "grid_worker",
    "volunteer",
    "service_center",
    "grid_event",
    "patrol",
    "hotline_ticket",
    "property_inspection",
    "resident_survey",
    "load_log",
    "rejected_rows",
)


def table_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per warehouse table with its exact row count (count(*), not the estimate)."""
    listed = queries.frame(con, "catalog", "table_counts")
    names = [n for n in TABLE_ORDER if n in set(listed["table_name"])]
    counts = [scalar(con, f'SELECT count(*) FROM "{name}"') for name in names]
    return pl.DataFrame(
        {"table_name": names, "rows": counts}, schema={"table_name": pl.String, "rows": pl.Int64}
    )


def recent_loads(con: duckdb.DuckDBPyConnection, limit: int = 50) -> pl.DataFrame:
    return queries.frame(con, "catalog", "recent_loads", limit=limit)


def data_as_of(con: duckdb.DuckDBPyConnection):
    """Finish time of the newest successful load (the 数据截至 stamp), or None."""
    return queries.frame(con, "catalog", "last_load")["finished_at"][0]


def rejected(con: duckdb.DuckDBPyConnection, batch: int) -> pl.DataFrame:
    return queries.frame(con, "catalog", "rejected_for_batch", batch=batch)


def communities(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return queries.frame(con, "catalog", "communities")


def months_with_data(con: duckdb.DuckDBPyConnection) -> list:
    return queries.frame(con, "catalog", "months_with_tickets")["month"].to_list()
