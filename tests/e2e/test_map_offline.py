"""The pydeck grid map in real Chromium with every non-localhost request aborted: the polygons are
drawn where they should be, there is no base map, and nothing tried to reach the internet.
Also the community drill-down: a click on a bar puts the community in the URL."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.conftest import ROOT
from tests.e2e.conftest import data_env, no_errors, offline_page, serve, shoot, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def harness(tmp_path_factory, browser):
    """The harness opened once for the module (deck.gl's first draw is the slow part); the tests
    run in file order on the same page: look, click a grid, click a bar."""
    with (
        data_env(tmp_path_factory.mktemp("data")) as data,
        serve(data, ROOT / "tests" / "e2e" / "harness.py") as base,
        offline_page(browser, abort=True) as pg,
    ):
        pg.goto(base + "/")
        wait_rendered(pg, "[data-testid=stDeckGlJsonChart] canvas")
        pg.wait_for_timeout(1500)  # deck.gl draws on the next animation frames
        yield pg


def test_grid_map_draws_polygons_without_tiles(harness):
    page = harness
    chart = page.locator("[data-testid=stDeckGlJsonChart]").first
    image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
    width, height = image.size
    cx, cy = width / 2, height / 2
    # The view is fitted to the street square (0.009° × 0.009° at 29.38° N): in Web Mercator it is
    # 0.009/360 = 2.50e-5 of the world wide and 0.009° / cos(29.38°) → 2.87e-5 high, so the height
    # binds: the square is 0.9 × height px high and 0.9 × height × 2.50/2.87 px wide, centred.
    side_y = 0.9 * height
    side_x = side_y * 2.50 / 2.87
    cell = {
        name: (cx + dx * side_x / 3, cy - dy * side_y / 3)
        for name, dx, dy in (("g1", -1, -1), ("g5", 0, 0), ("g9", 1, 1))
    }

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((round(x), round(y)))

    def near(px, rgb) -> bool:
        return all(abs(a - b) <= 20 for a, b in zip(px, rgb, strict=True))

    # Values 1..9 on 5 equal classes of width 8/5 = 1.6: g1 (1) → class 0, g5 (5) → class
    # int(4/1.6) = 2, g9 (9) → class 4. HEAT colours drawn with alpha 190/255 = 0.745 over white:
    # c' = 255 - (255 - c) × 0.745.
    def over_white(rgb):
        return tuple(round(255 - (255 - c) * 190 / 255) for c in rgb)

    assert near(pixel(*cell["g1"]), over_white((255, 245, 204))), pixel(*cell["g1"])
    assert near(pixel(*cell["g5"]), over_white((253, 141, 60))), pixel(*cell["g5"])
    assert near(pixel(*cell["g9"]), over_white((128, 0, 38))), pixel(*cell["g9"])
    # Beside the street there is no polygon and no base map: the page's white.
    assert min(pixel(cx - side_x / 2 - 40, cy)) > 245 and min(pixel(8, 8)) > 245
    no_errors(page)
    shoot(page, "map_offline")


def test_click_on_a_grid_puts_it_in_the_url(harness):
    page = harness
    box = page.locator("[data-testid=stDeckGlJsonChart]").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the centre grid, g5
    page.get_by_text("grid: g5").wait_for()
    wait_idle(page)
    assert "grid=g5" in page.url
    no_errors(page)


def test_click_on_a_community_bar_drills_down(harness):
    page = harness
    page.locator("[data-testid=stPlotlyChart] .plot-container").wait_for()
    # Plotly's drag layer lies over the bars and receives the click, as it does for a person.
    page.locator("[data-testid=stPlotlyChart]").first.scroll_into_view_if_needed()
    box = page.locator("[data-testid=stPlotlyChart] g.point path").nth(1).bounding_box()  # 东湖社区
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_idle(page)
    page.get_by_text("selected: 430602001002").wait_for()
    assert "community=430602001002" in page.url
    # The multiselect bound to ?community= followed the click.
    assert page.locator("[data-testid=stMultiSelect]").get_by_text("东湖社区").is_visible()
    no_errors(page)
    shoot(page, "drilldown_east_lake")
