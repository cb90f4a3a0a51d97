"""A read-only connection to the session's demo warehouse (see ``demo_data`` in tests/conftest.py)."""

from __future__ import annotations

import pytest

from jiedao import db


@pytest.fixture(scope="session")
def demo_con(demo_data):
    con = db.connect(demo_data / "warehouse" / "jiedao.duckdb", read_only=True)
    yield con
    con.close()
