"""组织生活 in real Chromium over the demo street: renders with nothing leaving the machine, the two
planted branches (no 支部党员大会 in 2026Q3, data/README.md) are red in September 2026 and head the
missed list, picking a community and a branch type narrows the matrix, a quarter can be chosen, and
it speaks English.

One server and one browser tab for the module: the tests run in file order on the same tab."""

from __future__ import annotations

import datetime as dt

import pytest

from jiedao import db, meetings
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, offline_page, serve, shoot, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

PLANTED = ("汴河社区第五网格党支部", "捕捞社区第五网格党支部")
MATRIX = "[data-testid=stPlotlyChart] .js-plotly-plot"
RED = 3  # z code of a red cell (jiedao.charts.base.CELL_STATUSES)


@pytest.fixture(scope="module")
def tab(demo_data, browser):
    with serve(demo_data) as base, offline_page(browser) as pg:
        pg.goto(f"{base}/meetings")
        wait_rendered(pg, MATRIX)
        yield pg


def url_has(pg, *parts: str) -> None:
    """Wait until the address bar holds every part (Streamlit rewrites the query string in place)."""
    pg.wait_for_function("parts => parts.every(p => location.href.includes(p))", arg=list(parts))


def matrix(pg) -> dict:
    """The drawn branch × month heatmap: {branch: {month label: z code}}."""
    heat = pg.evaluate(
        "() => { const d = document.querySelector('.js-plotly-plot').data[0];"
        " return {x: Array.from(d.x), y: Array.from(d.y), z: d.z.map(r => Array.from(r))}; }"
    )
    return {row: dict(zip(heat["x"], z, strict=True)) for row, z in zip(heat["y"], heat["z"], strict=True)}


def table_rows(pg, nth: int) -> list[list[str]]:
    """The header and the rows of the page's ``nth`` table, read from its accessible grid."""
    table = pg.locator("[data-testid=stDataFrame]").nth(nth)
    return [r.locator("[role=columnheader], td").all_inner_texts() for r in table.locator("[role=row]").all()]


def pick(pg, nth: int, text: str) -> None:
    """Type into the ``nth`` multiselect and take the first match, as a person does."""
    pg.locator("[data-testid=stMultiSelect]").nth(nth).locator("input").click()
    pg.keyboard.type(text)
    pg.keyboard.press("Enter")
    wait_idle(pg)
    pg.keyboard.press("Escape")


def test_planted_misses_are_red_in_september(tab, demo_data):
    no_errors(tab)
    assert tab.locator("[data-testid=stAlertContentError], [data-testid=stAlertContentInfo]").count() == 0
    cells = matrix(tab)
    assert all(cells[name]["2026年9月"] == RED for name in PLANTED)
    version = (demo_data / "published" / "CURRENT").read_text().strip()
    con = db.connect(demo_data / "published" / version, read_only=True)
    try:  # one row per branch the registry lists for the default year (Nov 2025 – Oct 2026)
        year = meetings.month_matrix(con, Filter(dt.date(2025, 11, 1), dt.date(2026, 11, 1)))
    finally:
        con.close()
    assert set(cells) == set(year["org_name"])
    # The missed list, most recent first: their 2026Q3 支部党员大会, due 30 September.
    header, first, second = table_rows(tab, 1)[:3]
    assert {first[0], second[0]} == set(PLANTED)
    meeting, due = header.index("会议"), header.index("截止日期")
    assert first[meeting] == second[meeting] == "支部党员大会"
    assert first[due] == second[due] == "2026年9月30日"
    shoot(tab, "meetings_zh")


def test_community_and_branch_type_narrow_the_matrix(tab):
    pick(tab, 0, "汴河")
    pick(tab, 1, "网格")
    url_has(tab, "type=", "community=430602001008")
    cells = matrix(tab)
    assert cells and all(name.startswith("汴河社区") and name.endswith("网格党支部") for name in cells)
    september = {name: row["2026年9月"] for name, row in cells.items()}
    assert september.pop(PLANTED[0]) == RED and RED not in september.values()
    no_errors(tab)
    shoot(tab, "meetings_filtered")


def test_a_quarter_in_english(tab):
    tab.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").click()
    tab.get_by_text("Yueyanglou Subdistrict · Meeting compliance").wait_for()
    wait_idle(tab)
    tab.get_by_role("radio", name="Quarter").click()
    wait_idle(tab)
    quarter = tab.locator("[data-testid=stSelectbox]").filter(has_text="Quarter")
    quarter.click()
    tab.get_by_role("option", name="Q3 2026").click()
    wait_idle(tab)
    url_has(tab, "quarter=2026Q3", "span=quarter")
    cells = matrix(tab)
    assert list(next(iter(cells.values()))) == ["Jul 2026", "Aug 2026", "Sep 2026"]
    assert cells[PLANTED[0]]["Sep 2026"] == RED  # still 汴河's grid branches only
    no_errors(tab)
    shoot(tab, "meetings_en")
