"""组织生活 in real Chromium over the demo street: renders with nothing leaving the machine, the two
planted branches (no 支部党员大会 in 2026Q3, data/README.md) are red in September 2026 and head the
missed list, and picking a community and a branch type narrows the matrix; English."""

from __future__ import annotations

import pytest

from jiedao import db, meetings
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, serve, shoot, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

PLANTED = ("汴河社区第五网格党支部", "捕捞社区第三网格党支部")
MATRIX = "[data-testid=stPlotlyChart] .js-plotly-plot"
RED = 3  # z code of a red cell (jiedao.charts.base.CELL_STATUSES)


@pytest.fixture(scope="module")
def server(demo_data):
    with serve(demo_data) as base:
        yield base


def open_meetings(pg, base: str, query: str = "") -> None:
    pg.goto(f"{base}/meetings{query}")
    wait_rendered(pg, MATRIX)


def matrix(pg) -> dict:
    """The drawn branch × month heatmap: {branch: {month label: z code}}."""
    heat = pg.evaluate(
        "() => { const d = document.querySelector('.js-plotly-plot').data[0];"
        " return {x: Array.from(d.x), y: Array.from(d.y), z: d.z.map(r => Array.from(r))}; }"
    )
    return {row: dict(zip(heat["x"], z, strict=True)) for row, z in zip(heat["y"], heat["z"], strict=True)}


def list_cells(pg, index: int) -> list[str]:
    """The cells of the page's ``index``-th table, from the accessible table beside its canvas."""
    return pg.locator("[data-testid=stDataFrame]").nth(index).locator("td").all_inner_texts()


def pick(pg, nth: int, text: str) -> None:
    """Type into the ``nth`` multiselect and take the first match, as a person does."""
    box = pg.locator("[data-testid=stMultiSelect]").nth(nth)
    box.locator("input").fill(text)
    pg.keyboard.press("Enter")
    wait_idle(pg)
    pg.keyboard.press("Escape")


def test_planted_misses_are_red_in_september(server, demo_data, page):
    open_meetings(page, server)
    no_errors(page)
    assert page.locator("[data-testid=stAlertContentError], [data-testid=stAlertContentInfo]").count() == 0
    cells = matrix(page)
    assert all(cells[name]["2026年9月"] == RED for name in PLANTED)
    version = (demo_data / "published" / "CURRENT").read_text().strip()
    con = db.connect(demo_data / "published" / version, read_only=True)
    try:  # one row per branch the registry lists for the default year (Nov 2025 – Oct 2026)
        year = meetings.month_matrix(
            con, Filter.month(2025, 11).__class__(Filter.month(2025, 11).start, Filter.month(2026, 10).end)
        )
    finally:
        con.close()
    assert set(cells) == set(year["org_name"])
    # The missed list, most recent first: their 2026Q3 支部党员大会, due 30 September.
    missed = list_cells(page, 1)
    assert missed[0] in PLANTED and missed[8] in PLANTED and missed[0] != missed[8]
    assert missed[4] == missed[12] == "支部党员大会" and missed[6] == "2026年9月30日"
    shoot(page, "meetings_zh")


def test_community_and_branch_type_narrow_the_matrix(server, page):
    open_meetings(page, server)
    pick(page, 0, "汴河")
    pick(page, 1, "网格")
    page.wait_for_url("**type=**")
    assert "community=430602001008" in page.url
    cells = matrix(page)
    assert cells and all(name.startswith("汴河社区") and name.endswith("网格党支部") for name in cells)
    assert cells[PLANTED[0]]["2026年9月"] == RED
    assert all(
        v != RED
        for name, row in cells.items()
        if name != PLANTED[0]
        for m, v in row.items()
        if m == "2026年9月"
    )
    no_errors(page)
    shoot(page, "meetings_filtered")


def test_quarter_in_english(server, page):
    open_meetings(page, server, "?lang=en&span=quarter&quarter=2026Q3")
    no_errors(page)
    assert page.get_by_text("Yueyanglou Subdistrict · Meeting compliance").is_visible()
    cells = matrix(page)
    assert list(next(iter(cells.values()))) == ["Jul 2026", "Aug 2026", "Sep 2026"]
    assert all(cells[name]["Sep 2026"] == RED for name in PLANTED)
    shoot(page, "meetings_en")
