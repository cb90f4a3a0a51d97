"""The only place that calls ``duckdb.connect``.

Writers (``pipelines``) open the warehouse file; readers (the app) open the published snapshot
named by ``data/published/CURRENT`` read-only, so a load never blocks the dashboard and the
dashboard never sees half a batch. Tests pass ``":memory:"``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from jiedao import config


def schema_sql() -> str:
    return resources.files("jiedao").joinpath("schema.sql").read_text(encoding="utf-8")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(schema_sql())


def connect(path: str | Path = ":memory:", *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB database; a writable one gets the schema applied (idempotent DDL)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    # Set after connecting: DuckDB 2.0 refuses TimeZone in the connect config (icu not yet loaded).
    con.execute("SET TimeZone = 'Asia/Shanghai'")
    if not read_only:
        apply_schema(con)
    return con


def warehouse_path() -> Path:
    return config.data_dir() / "warehouse" / "jiedao.duckdb"


def published_dir() -> Path:
    return config.data_dir() / "published"


def current_version() -> str | None:
    """Name of the published snapshot readers should open, or None before the first publish."""
    pointer = published_dir() / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text().strip()
    return name or None


def open_published(version: str | None = None) -> duckdb.DuckDBPyConnection | None:
    """Read-only connection to a published snapshot (the current one by default)."""
    version = version or current_version()
    if version is None:
        return None
    return connect(published_dir() / version, read_only=True)


# DuckDB 2.0 streams results: an open result from execute() owns the connection until it is
# fully fetched, so every call below drains its result before returning.
def run(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> None:
    """Execute a statement whose result is not needed."""
    con.execute(sql, params or []).fetchall()


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> tuple | None:
    """First row of the result (the rest is drained), or None."""
    result = con.execute(sql, params or []).fetchall()
    return result[0] if result else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None):
    row = one(con, sql, params)
    return row[0] if row else None
