"""总览 in real Chromium over the demo street (seed 2026, as-of 2026-10): it renders offline with no
error, and a click on a community's bar drills the whole page into that community — the tiles and the
问题清单 then show the registry's numbers for it — with a button back to the whole street."""

from __future__ import annotations

import pytest

from jiedao import actions, db, i18n, overview
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, serve, shoot, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

DONGTING = "430602001007"  # the 7th community in code order: the 7th bar


@pytest.fixture(scope="module")
def server(demo_data):
    with serve(demo_data) as base:
        yield base


@pytest.fixture(scope="module")
def con(demo_data):
    connection = db.connect(demo_data / "warehouse" / "jiedao.duckdb", read_only=True)
    yield connection
    connection.close()


def values(pg) -> list[str]:
    return [v.strip() for v in pg.locator("[data-testid=stMetricValue]").all_inner_texts()]


def expected(con, flt: Filter) -> list[str]:
    """The 12 tiles as the registry has them, then the action list's count."""
    headline = overview.headlines(con, flt)
    tiles = [i18n.fmt_value(v.value, v.metric.unit) for v in headline.values()]
    return [*tiles, i18n.fmt_int(actions.action_list(con, flt).height)]


def no_error_alert(pg) -> None:
    no_errors(pg)
    assert pg.locator("[data-testid=stAlertContentError]").count() == 0


def test_click_a_community_drills_the_page_into_it_and_back(server, page, con):
    page.goto(server + "/")
    wait_rendered(page, "[data-testid=stMetricValue]")
    page.locator(".barlayer g.point path").first.wait_for()
    assert page.get_by_text("岳阳楼街道 · 总览").is_visible()
    assert values(page)[:13] == expected(con, Filter.month(2026, 10))
    assert page.locator("img.jd-sparkline").count() == 10  # tiles with a monthly trend (SVG images)
    assert page.locator("[data-testid=stPlotlyChart]").count() == 1  # the community comparison
    no_error_alert(page)
    shoot(page, "overview_zh")
    bar = page.locator(".barlayer g.point path").nth(6)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("当前只看：洞庭社区").wait_for()
    wait_idle(page)
    assert f"community={DONGTING}" in page.url
    assert values(page)[:13] == expected(con, Filter.month(2026, 10, communities=(DONGTING,)))
    assert page.locator("[data-testid=stMultiSelect]").get_by_text("洞庭社区").is_visible()
    no_error_alert(page)
    shoot(page, "overview_drilled_dongting")
    page.get_by_role("button", name="返回全街道").click()
    page.get_by_text("当前只看：洞庭社区").wait_for(state="detached")
    wait_idle(page)
    assert "community=" not in page.url
    assert values(page)[:13] == expected(con, Filter.month(2026, 10))
    no_error_alert(page)


def test_overview_in_english(server, page):
    page.goto(server + "/?lang=en")
    wait_rendered(page, "[data-testid=stMetricValue]")
    assert page.get_by_text("Yueyanglou Subdistrict · Overview").is_visible()
    assert page.get_by_role("heading", name="Action list").is_visible()
    no_error_alert(page)
    shoot(page, "overview_en")
