"""覆盖率 in real Chromium over the demo street: renders with nothing leaving the machine, shows the
registry's numbers, narrows every rate and gap list to a community picked in the filter or clicked in
the chart, and speaks English."""

from __future__ import annotations

import pytest

from jiedao import coverage, db, i18n, metrics
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, open_page, serve, shoot, wait_idle

pytestmark = pytest.mark.e2e

BIANHE = "430602001008"  # 汴河社区
TILES = "[data-testid=stMetricValue]"


@pytest.fixture(scope="module")
def server(demo_data):
    with serve(demo_data) as base:
        yield base


@pytest.fixture(scope="module")
def registry(demo_data):
    """The snapshot the server reads, opened read-only in this process to compute the expected numbers."""
    version = (demo_data / "published" / "CURRENT").read_text().strip()
    con = db.connect(demo_data / "published" / version, read_only=True)
    yield con
    con.close()


def shown_tiles(pg) -> dict[str, str]:
    labels = pg.locator("[data-testid=stMetricLabel]").all_inner_texts()
    values = pg.locator(TILES).all_inner_texts()
    return {
        label.strip().lstrip("●○ ").strip(): value.strip()
        for label, value in zip(labels, values, strict=True)
    }


def expected_tiles(con, flt: Filter, lang: str = "zh") -> dict[str, str]:
    values = metrics.evaluate_family(con, "coverage", flt)
    return {
        (v.metric.en if lang == "en" else v.metric.zh): i18n.fmt_value(v.value, "%", lang)
        for v in values.values()
    }


def tab_titles(pg) -> list[str]:
    return [t.strip() for t in pg.get_by_role("tab").all_inner_texts()]


def matrix_rows(pg) -> list[str]:
    """The row labels of the community × rate matrix, read from the drawn Plotly figure."""
    return pg.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot')[0].data[0].y)")


def test_coverage_page_shows_the_registrys_numbers(server, registry, page):
    open_page(page, server, "覆盖率", TILES)
    no_errors(page)
    # No error alert and no empty state (the only alerts are the green "no gaps" of empty lists).
    assert page.locator("[data-testid=stAlertContentError], [data-testid=stAlertContentInfo]").count() == 0
    assert shown_tiles(page) == expected_tiles(registry, Filter.month(2026, 10))
    assert matrix_rows(page)[:2] == ["全街道", "岳阳楼社区"]
    shoot(page, "coverage_zh")


def test_picking_a_community_narrows_rates_and_gap_lists(server, registry, page):
    open_page(page, server, "覆盖率", TILES)
    picker = page.locator("[data-testid=stMultiSelect]").first
    picker.locator("input").fill("汴河")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.keyboard.press("Escape")
    assert f"community={BIANHE}" in page.url
    flt = Filter.month(2026, 10, communities=(BIANHE,))
    assert shown_tiles(page) == expected_tiles(registry, flt)
    assert shown_tiles(page)["志愿者注册率"] == "6.6%"  # planted: 377 / 5,712
    assert matrix_rows(page) == ["汴河社区"]  # one community: no total row above it
    orgs = coverage.organisations_without_party_org(registry, flt)["ref"].n_unique()
    assert f"两新组织未建党组织（{orgs}）" in tab_titles(page)
    assert "社区用房不达标（1）" in tab_titles(page)  # 汴河: 560 m² for 2,100 households < 630 m²
    no_errors(page)
    shoot(page, "coverage_community")


def test_clicking_a_community_bar_drills_down(server, page):
    open_page(page, server, "覆盖率", TILES)
    bars = page.locator("[data-testid=stPlotlyChart]").nth(1)  # the one-rate chart, after the matrix
    bars.scroll_into_view_if_needed()
    box = bars.locator("g.point path").nth(1).bounding_box()  # 东湖社区, the second community
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    page.wait_for_url("**community=430602001002**")
    assert matrix_rows(page) == ["东湖社区"]
    no_errors(page)


def test_coverage_page_in_english(server, registry, page):
    open_page(page, server, "Coverage", TILES, query=f"?lang=en&community={BIANHE}")
    no_errors(page)
    assert page.get_by_text("Yueyanglou Subdistrict · Coverage").is_visible()
    flt = Filter.month(2026, 10, communities=(BIANHE,))
    assert shown_tiles(page) == expected_tiles(registry, flt, "en")
    assert "Premises below standard (1)" in tab_titles(page)
    shoot(page, "coverage_en")
