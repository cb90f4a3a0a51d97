"""The loaded-data page in real Chromium: renders, speaks English on ?lang=en, follows new snapshots."""

from __future__ import annotations

import pytest

from jiedao import i18n
from pipelines.__main__ import ingest
from tests.conftest import FIXTURES
from tests.e2e.conftest import data_env, no_errors, serve, shoot, wait_rendered
from tests.test_app import router_pages

pytestmark = pytest.mark.e2e

SAMPLE = FIXTURES / "sample"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the module over the 9 communities. The tests run in file order; the last one
    that uses it loads the tickets."""
    with data_env(tmp_path_factory.mktemp("data")) as data:
        ingest([str(SAMPLE / "社区名单.csv")], quiet=True)
        with serve(data) as base:
            yield base


def table_text(pg) -> str:
    return pg.locator("[data-testid=stMain]").inner_text()


def test_status_page_renders_counts(server, page):
    # The server's first request is a bookmark of a page that is not the default: it must still
    # run under the router (its menu and language switch), not as a lone script of pages/.
    page.goto(server + "/status")
    wait_rendered(page, "[data-testid=stDataFrame]")
    nav = page.locator("[data-testid=stSidebarNav]").get_by_role("link").all_inner_texts()
    titles = [t.split()[-1] for t in nav]  # after each icon's ligature name
    assert titles == [i18n.t(key) for _, _, key, _ in router_pages()]
    assert titles.index("数据导入") < titles.index("数据概况")
    assert page.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").is_visible()
    no_errors(page)
    assert page.get_by_text("岳阳楼街道 · 数据概况").is_visible()
    # 9 communities loaded from the fixture; the grid shows a row count per table.
    grid = page.locator("[data-testid=stDataFrame]").first
    assert grid.is_visible()
    shoot(page, "status_zh")
    metric = page.locator("[data-testid=stMetricValue]").first.inner_text()
    assert metric == "10"  # 1 street (configured) + 9 communities


def test_status_page_in_english(server, page):
    page.goto(server + "/status?lang=en")
    wait_rendered(page)
    assert page.get_by_text("Yueyanglou Subdistrict · Loaded data").is_visible()
    no_errors(page)
    shoot(page, "status_en")


def test_app_follows_a_new_snapshot_while_open(server, page):
    """A load succeeds while the app holds a snapshot open; the next refresh shows the new data."""
    page.goto(server + "/status")
    wait_rendered(page, "[data-testid=stMetricValue]")
    assert page.locator("[data-testid=stMetricValue]").first.inner_text() == "10"
    results = ingest([str(SAMPLE / "12345工单_2026年10月.csv")], quiet=True)
    assert results[0].rows_loaded == 20
    page.reload()
    wait_rendered(page, "[data-testid=stMetricValue]")
    assert page.locator("[data-testid=stMetricValue]").first.inner_text() == "30"
    no_errors(page)
    shoot(page, "status_after_load")


def test_empty_warehouse_shows_guidance(tmp_path, page):
    with serve(tmp_path) as base:
        page.goto(base + "/status")
        wait_rendered(page, "[data-testid=stAlert]")
        assert page.get_by_text("还没有数据").is_visible()
        no_errors(page)
        shoot(page, "status_empty")
