"""Shared fixtures: an isolated data folder per test, the real DDL in an in-memory DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from jiedao import config, db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REALDATA = ROOT.parent / "shared" / "realdata"


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
        pytest.skip(f"real third-party data not found at {REALDATA} (it lives in ../shared/realdata)")
    return REALDATA
