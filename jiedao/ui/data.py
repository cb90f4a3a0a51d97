"""Read side: one cached read-only connection per published snapshot, a cursor per script run.

The app follows ``data/published/CURRENT``: when a load publishes a new version, the next script
run opens it (a new cache entry) and the old connection ages out of the cache.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from jiedao import db


@st.cache_resource(max_entries=3, show_spinner=False)
def _connection(version: str) -> duckdb.DuckDBPyConnection:
    return db.open_published(version)


def snapshot() -> tuple[str | None, duckdb.DuckDBPyConnection | None]:
    """(version, cursor) of the current snapshot, or (None, None) before the first publish."""
    version = db.current_version()
    if version is None or not (db.published_dir() / version).exists():
        return None, None
    return version, _connection(version).cursor()
