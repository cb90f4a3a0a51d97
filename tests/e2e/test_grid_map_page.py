"""网格热力 in real Chromium over the demo street with every non-localhost request aborted: the grid
polygons are drawn (no base map: outside the street the canvas stays white and nothing tried to
leave the machine), the legend's classes are the registry's, the tooltip is Chinese, a click on a
grid shows that grid's numbers (equal to the registry's) and its latest events, the heat style and
another measure, and English. Expected values come from jiedao.grid / the registry, never the page."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from jiedao import catalog, grid, i18n
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, offline_page, open_page, serve, shoot, wait_idle, wait_rendered
from tests.page_helpers import demo_env

pytestmark = pytest.mark.e2e
DECK = "[data-testid=stDeckGlJsonChart]"
STREET_RED = (200, 16, 46)  # maps.OUTLINE["street"]


@pytest.fixture(scope="module")
def registry(demo_data) -> dict:
    """The page's default month (the latest with data) and its per-grid numbers, from jiedao.grid."""
    with demo_env(demo_data) as con:
        month = catalog.months_with_data(con)[0]
        flt = Filter.month(month.year, month.month)
        table = grid.measures(con, flt)
        latest = {code: grid.latest_events(con, flt, code, limit=20) for code in table["grid_code"]}
        return {"table": table, "latest": latest, "values": {c: grid.values_of(table, c) for c in latest}}


@pytest.fixture(scope="module")
def harness(demo_data, browser):
    """One server and one page for the module; the tests run in file order on it."""
    with serve(demo_data) as base, offline_page(browser, abort=True) as pg:
        open_page(pg, base, "网格热力", ready=f"{DECK} canvas")
        pg.wait_for_timeout(1500)  # deck.gl draws on the next animation frames
        yield base, pg


def deck_image(pg) -> Image.Image:
    return Image.open(io.BytesIO(pg.locator(DECK).first.screenshot())).convert("RGB")


def coloured_share(image: Image.Image) -> float:
    """Share of the canvas's pixels that are not (near) white."""
    pixels = list(image.get_flattened_data())
    return sum(1 for p in pixels if min(p) < 235) / len(pixels)


def centre(pg) -> tuple[float, float]:
    box = pg.locator(DECK).first.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_polygons_drawn_offline_with_the_registrys_classes(harness, registry):
    _, pg = harness
    no_errors(pg)  # includes: not one request left localhost (no tile server, no CDN)
    image = deck_image(pg)
    width, height = image.size
    # The street fills the middle of the canvas; the corners are the page's white (no base map).
    assert coloured_share(image) > 0.25
    assert all(min(image.getpixel(xy)) > 245 for xy in ((4, 4), (width - 5, 4), (4, height - 5)))
    reds = sum(
        1
        for p in image.get_flattened_data()
        if all(abs(a - b) <= 30 for a, b in zip(p, STREET_RED, strict=True))
    )
    assert reds > 500  # the street's outline, 3 px wide all around
    # Default measure 千户事件数: 5 equal classes from the lowest grid's value to the highest's.
    values = registry["table"]["events_per_1000_households"].drop_nulls()
    low, high = values.min(), values.max()
    step = (high - low) / 5
    legend = pg.locator("[data-testid=stMain] [data-testid=stMarkdown]").filter(has_text="千户事件数（")
    for k in range(5):
        text = f"{i18n.fmt_value(low + k * step, '')} – {i18n.fmt_value(low + (k + 1) * step, '')}"
        assert text in legend.first.inner_text()
    events = int(registry["table"]["events"].sum())
    assert pg.get_by_text(f"共 {i18n.fmt_int(events)} 件").first.is_visible()
    shoot(pg, "grid_map")


def test_hover_and_click_a_grid(harness, registry):
    _, pg = harness
    x, y = centre(pg)
    pg.mouse.move(x, y)
    tooltip = pg.locator(".deck-tooltip")
    tooltip.wait_for(state="visible")
    words = tooltip.inner_text()
    pg.mouse.click(x, y)
    pg.wait_for_url("**grid=*")
    wait_idle(pg)
    code = pg.url.split("grid=")[1].split("&")[0]
    row = registry["table"].filter(grid_code=code).row(0, named=True)
    # The tooltip was about the grid under the mouse, in Chinese.
    assert row["grid_name"] in words and "社区" in words and "户数" in words
    main = pg.locator("[data-testid=stMain]")
    card = f"{row['grid_name']}（{row['community_name']}）"
    assert main.get_by_role("heading", name=card).is_visible()
    for value in registry["values"][code].values():
        tile = main.locator("[data-testid=stMetric]").filter(has_text=value.metric.zh).first
        shown = tile.locator("[data-testid=stMetricValue]").inner_text()
        assert shown == i18n.fmt_value(value.value, value.metric.unit), value.metric.id
    heading = main.get_by_role("heading", name=f"{i18n.t('grid_latest_events')} · {row['grid_name']}")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    if registry["latest"][code].height:  # its events table (codes checked by the AppTest) and download
        assert main.locator("[data-testid=stDataFrame]:visible").count() >= 2  # + the shortfall list
    no_errors(pg)
    shoot(pg, "grid_map_clicked")


def test_heat_style_and_another_measure(harness, registry):
    _, pg = harness
    pg.locator("[data-testid=stMain] [data-testid=stButtonGroup]").get_by_text("热力", exact=True).click()
    wait_idle(pg)
    box = pg.locator("[data-testid=stSelectbox]").filter(has_text="着色指标").first
    box.click()
    pg.get_by_role("option", name="巡查完成率").click()
    wait_idle(pg)
    assert "style=heat" in pg.url and "measure=grid.patrol_completion" in pg.url
    pg.wait_for_timeout(1500)
    image = deck_image(pg)
    assert coloured_share(image) > 0.25
    # The heat is blue (maps.DENSITY) over red-to-green grids; the picked grid's 4 px border is blue
    # too but brighter (blue 216), so only the darker blues of the heat are counted.
    heat = sum(1 for r, g, b in image.get_flattened_data() if b > r + 60 and b > g + 20 and b < 190)
    assert heat > 300, heat
    lowest = registry["table"]["patrol_completion"].drop_nulls().min()
    legend = pg.locator("[data-testid=stMain] [data-testid=stMarkdown]").filter(has_text="巡查完成率")
    assert legend.first.inner_text().count(i18n.fmt_value(lowest, "%")) >= 1  # the lowest class starts there
    no_errors(pg)
    shoot(pg, "grid_map_heat_patrols")


def test_english(harness):
    base, pg = harness
    pg.goto(base + "/grid_map?lang=en")
    wait_rendered(pg, f"{DECK} canvas")
    pg.wait_for_timeout(1500)
    assert pg.get_by_text("Yueyanglou Subdistrict · Grid map").is_visible()
    assert coloured_share(deck_image(pg)) > 0.25
    pg.mouse.move(*centre(pg))
    tooltip = pg.locator(".deck-tooltip")
    tooltip.wait_for(state="visible")
    assert "Households" in tooltip.inner_text()
    no_errors(pg)
    shoot(pg, "grid_map_en")
