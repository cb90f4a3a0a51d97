"""覆盖率 in real Chromium over the demo street: renders with nothing leaving the machine, shows the
registry's numbers, narrows every rate and gap list to a community clicked in the chart or picked in
the filter, and speaks English.

One server and one browser tab for the module (a page load is the slow part): the tests run in file
order on the same tab, each going on from where the previous one left it, as a person would."""

from __future__ import annotations

import pytest

from jiedao import coverage, db, i18n, metrics
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, offline_page, open_page, serve, shoot, wait_idle

pytestmark = pytest.mark.e2e

EAST_LAKE, BIANHE = "430602001002", "430602001008"  # 东湖社区, 汴河社区
TILES = "[data-testid=stMetricValue]"


@pytest.fixture(scope="module")
def registry(demo_data):
    """The snapshot the server reads, opened read-only in this process to compute the expected numbers."""
    version = (demo_data / "published" / "CURRENT").read_text().strip()
    con = db.connect(demo_data / "published" / version, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def tab(demo_data, browser):
    with serve(demo_data) as base, offline_page(browser) as pg:
        open_page(pg, base, "覆盖率", TILES)
        yield pg


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


def gap_choices(pg) -> list[str]:
    """The labels of the gap-list switch (the page's last segmented control)."""
    return [
        t.strip()
        for t in pg.locator("[data-testid=stButtonGroup]").last.get_by_role("radio").all_inner_texts()
    ]


def url_has(pg, *parts: str) -> None:
    """Wait until the address bar holds every part (Streamlit rewrites the query string in place)."""
    pg.wait_for_function("parts => parts.every(p => location.href.includes(p))", arg=list(parts))


def matrix_rows(pg) -> list[str]:
    """The row labels of the community × rate matrix, read from the drawn Plotly figure."""
    return pg.evaluate("() => Array.from(document.querySelector('.js-plotly-plot').data[0].y)")


def test_shows_the_registrys_numbers(tab, registry):
    no_errors(tab)
    # No error alert and no empty state (the only alerts are the green "no gaps" of empty lists).
    assert tab.locator("[data-testid=stAlertContentError], [data-testid=stAlertContentInfo]").count() == 0
    assert shown_tiles(tab) == expected_tiles(registry, Filter.month(2026, 10))
    assert matrix_rows(tab)[:2] == ["全街道", "岳阳楼社区"]
    shoot(tab, "coverage_zh")


def test_clicking_a_community_bar_drills_down(tab, registry):
    tab.get_by_role("radio", name="单项覆盖率（点击社区下钻）").click()
    wait_idle(tab)
    bars = tab.locator("[data-testid=stPlotlyChart]").first  # only the chosen view is drawn
    bars.scroll_into_view_if_needed()
    box = bars.locator("g.point path").nth(1).bounding_box()  # 东湖社区, the second community
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(tab)
    url_has(tab, f"community={EAST_LAKE}")
    assert shown_tiles(tab) == expected_tiles(registry, Filter.month(2026, 10, communities=(EAST_LAKE,)))
    tab.get_by_role("radio", name="社区 × 各项覆盖率").click()
    wait_idle(tab)
    assert matrix_rows(tab) == ["东湖社区"]  # one community: no total row above it
    no_errors(tab)


def test_picking_a_second_community_narrows_rates_and_gap_lists(tab, registry):
    # Click into the picker and type, as a person does (filling an input scrolled out of view does not
    # open the options list).
    tab.locator("[data-testid=stMultiSelect]").first.locator("input").click()
    tab.keyboard.type("汴河")
    tab.keyboard.press("Enter")
    wait_idle(tab)
    tab.keyboard.press("Escape")
    url_has(tab, EAST_LAKE, BIANHE)
    flt = Filter.month(2026, 10, communities=(EAST_LAKE, BIANHE))
    assert shown_tiles(tab) == expected_tiles(registry, flt)
    assert matrix_rows(tab) == ["所选社区合计", "东湖社区", "汴河社区"]
    orgs = coverage.organisations_without_party_org(registry, flt)["ref"].n_unique()
    assert f"两新组织未建党组织（{orgs}）" in gap_choices(tab)
    assert "社区用房不达标（1）" in gap_choices(
        tab
    )  # 汴河: 560 m² for 2,100 households < 630 m²; 东湖 meets it
    no_errors(tab)
    shoot(tab, "coverage_communities")


def test_in_english(tab, registry):
    tab.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").click()
    tab.get_by_text("Yueyanglou Subdistrict · Coverage").wait_for()
    wait_idle(tab)
    assert "lang=en" in tab.url
    flt = Filter.month(2026, 10, communities=(EAST_LAKE, BIANHE))
    assert shown_tiles(tab) == expected_tiles(registry, flt, "en")
    assert matrix_rows(tab)[0] == "Chosen communities"
    assert "Premises below standard (1)" in gap_choices(tab)
    no_errors(tab)
    shoot(tab, "coverage_en")
