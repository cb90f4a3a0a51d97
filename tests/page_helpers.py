"""Helpers for the AppTest page tests: run a page with query parameters, and point JIEDAO_DATA at
the session's demo street (read-only)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jiedao import config, db
from tests.conftest import ROOT


def run_page(script: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / script), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


@contextlib.contextmanager
def demo_env(demo_data: Path) -> Iterator:
    """JIEDAO_DATA = the demo street for the block; yields a read-only connection to its snapshot
    (the registry's side of every comparison)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JIEDAO_DATA", str(demo_data))
        mp.setenv("JIEDAO_SECRET", "test-secret")
        config._load.cache_clear()
        con = db.open_published()
        try:
            yield con
        finally:
            con.close()
            config._load.cache_clear()


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def frame_with(at: AppTest, column: str):
    """The first dataframe on the page (pandas, as AppTest gives it) that has ``column``."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(
        f"no table with a column {column!r}: {[list(e.value.columns) for e in at.dataframe]}"
    )
