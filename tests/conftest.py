"""Shared fixtures: an isolated data folder per test, the real DDL in an in-memory DuckDB."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jiedao import config, db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# ../shared/realdata beside the checkout; JIEDAO_REALDATA points elsewhere (a checkout in another place).
REALDATA = Path(os.environ.get("JIEDAO_REALDATA") or ROOT.parent / "shared" / "realdata")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """JIEDAO_DATA points at a fresh folder; the ID-hashing key is fixed so tests are repeatable."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("JIEDAO_DATA", str(path))
    monkeypatch.setenv("JIEDAO_SECRET", "test-secret")
    config._load.cache_clear()
    return path


@pytest.fixture
def con(data_dir):
    """In-memory warehouse with the real schema."""
    connection = db.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.exists():
        pytest.skip(f"real third-party data not found at {REALDATA} (../shared/realdata, or JIEDAO_REALDATA)")
    return REALDATA


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    """The demo street (seed 2026, as-of 2026-10, scale 1) generated, ingested and published once
    per session into its own data folder; returns that folder (inbox/demo, warehouse, published).

    JIEDAO_DATA and JIEDAO_SECRET are set only while the demo runs and restored afterwards, so
    function-scoped fixtures (``data_dir``) and other tests never see them. Open the warehouse with
    ``db.connect(path / "warehouse" / "jiedao.duckdb", read_only=True)``.
    """
    from pipelines import demo

    path = tmp_path_factory.mktemp("demo") / "data"
    saved = {key: os.environ.get(key) for key in ("JIEDAO_DATA", "JIEDAO_SECRET")}
    os.environ.update(JIEDAO_DATA=str(path), JIEDAO_SECRET="test-secret")
    config._load.cache_clear()
    try:
        status = demo.main(seed=2026, scale=1, as_of="2026-10", quiet=True)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        config._load.cache_clear()
    assert status == 0, "the demo street failed to load"
    return path


@pytest.fixture(scope="session")
def demo_con(demo_data):
    """A read-only connection to the session's demo warehouse (``demo_data``)."""
    connection = db.connect(demo_data / "warehouse" / "jiedao.duckdb", read_only=True)
    yield connection
    connection.close()
