"""物业评级 in real Chromium over the demo street, offline: the published ranking renders with its
badges and no error; pick an earlier quarter and see its ranking; open the planted sliding company
(银 → 黄 → 黄 → 红, data/README.md) and see its reasons and deductions. Expected texts come from the
registry (rating.published), never from the page."""

from __future__ import annotations

import json

import pytest

from jiedao import i18n, rating
from tests.e2e.conftest import no_errors, offline_page, open_page, serve, shoot, wait_idle, wait_rendered
from tests.page_helpers import demo_env

pytestmark = pytest.mark.e2e
SLIDING = "岳阳和家物业服务有限公司"


@pytest.fixture(scope="module")
def published(demo_data) -> dict:
    with demo_env(demo_data) as con:
        return {q: rating.published(con, q) for q in ("2025Q4", "2026Q3")}


@pytest.fixture(scope="module")
def harness(demo_data, browser):
    """One server and one page for the module; the tests run in file order on it."""
    with serve(demo_data) as base, offline_page(browser) as pg:
        open_page(pg, base, "物业评级", ready="[data-testid=stMain] table")
        yield base, pg


def choose(pg, label: str, option: str, search: str = "") -> None:
    """Pick ``option`` in the selectbox labelled ``label``, as a person does (typing ``search`` first
    to narrow a long list: only the visible options exist), and wait for the rerun."""
    box = pg.locator("[data-testid=stSelectbox]").filter(has_text=label).first
    box.click()
    if search:
        pg.keyboard.type(search)
    pg.get_by_role("option", name=option).first.click()
    wait_idle(pg)


def row_of(table, name: str) -> dict:
    return table.filter(company_name=name).row(0, named=True)


def test_published_ranking_renders(harness, published):
    _, pg = harness
    no_errors(pg)
    main = pg.locator("[data-testid=stMain]")
    assert main.get_by_text("已发布 · 第 1 版").is_visible()
    board = main.locator("table").first.inner_text()
    for name, total in published["2026Q3"].select("company_name", "total").rows():
        assert name in board and f"{total:.2f}" in board
    shoot(pg, "property_2026Q3")


def test_pick_an_earlier_quarter(harness, published):
    _, pg = harness
    choose(pg, "季度", "2025年第四季度")
    assert "quarter=2025Q4" in pg.url
    board = pg.locator("[data-testid=stMain] table").first.inner_text()
    first = published["2025Q4"].row(0, named=True)
    assert board.split("\n")[1].startswith(f"1\t{first['company_name']}")  # the quarter's own leader
    sliding = row_of(published["2025Q4"], SLIDING)
    assert f"{sliding['total']:.2f}" in board
    no_errors(pg)


def test_open_the_sliding_company(harness, published):
    _, pg = harness
    sliding = row_of(published["2025Q4"], SLIDING)
    pg.get_by_role("tab", name="企业明细", exact=True).click()  # the section, drawn once opened
    wait_idle(pg)
    assert "view=company" in pg.url
    choose(pg, "选择企业", f"{sliding['rank']}. {SLIDING}（银牌）", search="和家")
    main = pg.locator("[data-testid=stMain]")
    reasons = main.get_by_role("listitem")  # the company card's 评级依据 (the board repeats them in cells)
    assert reasons.get_by_text(json.loads(sliding["reasons"])[0]["zh"], exact=True).is_visible()
    shoot(pg, "property_2025Q4_sliding_company")
    # Back to the latest quarter: the company stays chosen (in the URL) and is now 红牌.
    choose(pg, "季度", "2026年第三季度")
    red = row_of(published["2026Q3"], SLIDING)
    assert f"company={red['company_uscc']}" in pg.url
    picker = pg.locator("[data-testid=stSelectbox]").filter(has_text="选择企业").first
    shown = picker.evaluate("e => e.innerText + ' ' + (e.querySelector('input')?.value ?? '')")
    assert f"{red['rank']}. {SLIDING}（红牌）" in shown  # this quarter's rank and tier
    for reason in json.loads(red["reasons"]):
        assert reasons.get_by_text(reason["zh"], exact=True).is_visible()
    cut = i18n.fmt_number(red["complaint_deduction"], "zh", 2)
    assert main.locator("[data-testid=stMetricValue]").first.inner_text() == f"−{cut}分"
    detail = json.loads(red["detail"])
    tickets = main.locator("[data-testid=stDataFrame]:visible").first  # the first is the 有效投诉工单
    tickets.scroll_into_view_if_needed()
    assert detail["complaints"] and tickets.is_visible()
    no_errors(pg)
    shoot(pg, "property_2026Q3_sliding_company")
    pg.get_by_role("tab", name="总分排名", exact=True).click()
    wait_idle(pg)
    pg.locator("[data-testid=stPlotlyChart] .barlayer").first.wait_for()
    assert "view=chart" in pg.url and "company=" in pg.url  # the company is kept for the way back
    no_errors(pg)
    shoot(pg, "property_2026Q3_totals")


def test_english(harness):
    base, pg = harness
    pg.goto(base + "/?lang=en")
    wait_rendered(pg)
    pg.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Property ranking", exact=True).click()
    wait_rendered(pg, "[data-testid=stMain] table")
    assert pg.get_by_text("Yueyanglou Subdistrict · Property ranking").is_visible()
    no_errors(pg)
    shoot(pg, "property_en")
