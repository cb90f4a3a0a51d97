"""The loaded-data page in real Chromium: renders, speaks English on ?lang=en, follows new snapshots."""

from __future__ import annotations

import pytest

from pipelines.__main__ import ingest
from tests.conftest import FIXTURES
from tests.e2e.conftest import free_port, shoot, start_server, wait_rendered

pytestmark = pytest.mark.e2e

SAMPLE = FIXTURES / "sample"


@pytest.fixture
def server(data_dir):
    ingest([str(SAMPLE / "社区名单.csv")], quiet=True)
    port = free_port()
    proc = start_server(data_dir, port)
    yield f"http://127.0.0.1:{port}"
    proc.kill()
    proc.wait()


def table_text(pg) -> str:
    return pg.locator("[data-testid=stMain]").inner_text()


def test_status_page_renders_counts(server, page):
    page.goto(server + "/")
    wait_rendered(page, "[data-testid=stDataFrame]")
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.get_by_text("岳阳楼街道 · 数据概况").is_visible()
    # 9 communities loaded from the fixture; the grid shows a row count per table.
    grid = page.locator("[data-testid=stDataFrame]").first
    assert grid.is_visible()
    shoot(page, "status_zh")
    metric = page.locator("[data-testid=stMetricValue]").first.inner_text()
    assert metric == "10"  # 1 street (configured) + 9 communities


def test_status_page_in_english(server, page):
    page.goto(server + "/?lang=en")
    wait_rendered(page)
    assert page.get_by_text("Yueyanglou Subdistrict · Loaded data").is_visible()
    assert page.locator("[data-testid=stException]").count() == 0
    shoot(page, "status_en")


def test_app_follows_a_new_snapshot_while_open(server, page):
    """A load succeeds while the app holds a snapshot open; the next refresh shows the new data."""
    page.goto(server + "/")
    wait_rendered(page, "[data-testid=stMetricValue]")
    assert page.locator("[data-testid=stMetricValue]").first.inner_text() == "10"
    results = ingest([str(SAMPLE / "12345工单_2026年10月.csv")], quiet=True)
    assert results[0].rows_loaded == 20
    page.reload()
    wait_rendered(page, "[data-testid=stMetricValue]")
    assert page.locator("[data-testid=stMetricValue]").first.inner_text() == "30"
    assert page.locator("[data-testid=stException]").count() == 0
    shoot(page, "status_after_load")


def test_empty_warehouse_shows_guidance(data_dir, page):
    port = free_port()
    proc = start_server(data_dir, port)
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        wait_rendered(page, "[data-testid=stAlert]")
        assert page.get_by_text("还没有数据").is_visible()
        assert page.locator("[data-testid=stException]").count() == 0
        shoot(page, "status_empty")
    finally:
        proc.kill()
        proc.wait()
