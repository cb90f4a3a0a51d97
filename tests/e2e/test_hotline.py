"""12345热线 in real Chromium over the demo street (seed 2026, as-of 2026-10): it renders offline with
no error; each section opens from its tab (and the URL says which); the language switch turns every
label of every section English; the tickets behind a number are as many rows as the number the page
shows."""

from __future__ import annotations

import re

import pytest

from jiedao import db, i18n, metrics
from jiedao.filters import Filter
from tests.e2e.conftest import no_errors, serve, shoot, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

OCTOBER = Filter.month(2026, 10)
# Labels of the page in Chinese; none may be left after switching to English (the data — community
# names, categories, ticket titles — stays as the source wrote it).
ZH_LABELS = (
    "数据截至",
    "2026年10月",
    "月份",
    "一级分类",
    "全部分类",
    "响应率",
    "按期办结率",
    "工单量",
    "积压工单",
    "环比",
    "同比",
    "近12个月趋势",
    "分类与办结用时",
    "图表",
    "表格",
    "下载 CSV",
    "社区红黑榜",
    "红榜",
    "黑榜",
    "诉求分类",
    "办结用时",
    "超期工单",
    "重复诉求",
    "数字背后的工单",
    "点击社区可下钻到该社区",
)
EN_LABELS = (
    "Yueyanglou Subdistrict · Hotline",
    "Response rate",
    "On-time closure rate",
    "Red and black lists",
    "Last 12 months",
    "Categories and hours to close",
    "Overdue tickets",
    "Repeat complaints",
    "Tickets behind a number",
)
# What each section shows once open (tab label → view in the URL, English texts inside it).
SECTIONS = {
    "Red and black lists": (
        "",
        ("Community red and black lists (three-rate score)", "Red list: highest scores"),
    ),
    "Last 12 months": ("trends", ("Target", "Month")),
    "Categories and hours to close": ("categories", ("Top 10 categories", "Hours to close")),
    "Overdue tickets": ("overdue", ("Open past the deadline",)),
    "Repeat complaints": ("repeats", ("Same address and category",)),
    "Tickets behind a number": ("behind", ("Pick a metric to see its tickets",)),
}


@pytest.fixture(scope="module")
def server(demo_data):
    with serve(demo_data) as base:
        yield base


@pytest.fixture(scope="module")
def con(demo_data):
    connection = db.connect(demo_data / "warehouse" / "jiedao.duckdb", read_only=True)
    yield connection
    connection.close()


def open_hotline(pg, base: str, query: str = "") -> None:
    pg.goto(f"{base}/hotline{query}")
    wait_rendered(pg, "[data-testid=stMetricValue]")
    pg.locator(".barlayer g.point path").first.wait_for()


def no_error_alert(pg) -> None:
    no_errors(pg)
    assert pg.locator("[data-testid=stAlertContentError]").count() == 0


def main_text(pg) -> str:
    """The page's text, with what the select boxes show (their inputs hold it, not their text)."""
    shown = pg.locator("[data-testid=stMain] input").evaluate_all("inputs => inputs.map(i => i.value)")
    selected = pg.locator("[data-testid=stMain] [data-testid=stSelectbox]").all_inner_texts()
    parts = [pg.locator("[data-testid=stMain]").inner_text(), *shown, *selected]
    return "\n".join([*parts, pg.locator("[data-testid=stSidebar]").inner_text()])


def open_section(pg, label: str) -> None:
    """Click a section's tab and wait for the rerun that draws it."""
    pg.get_by_role("tab", name=label, exact=True).click()
    wait_idle(pg)
    assert pg.get_by_role("tab", name=label, exact=True).get_attribute("aria-selected") == "true"


def test_renders_then_the_language_switch_turns_every_label_english(server, page, con):
    open_hotline(page, server)
    assert page.get_by_text("岳阳楼街道 · 12345热线").is_visible()
    values = metrics.evaluate_family(con, "hotline", OCTOBER)
    rates = [values[f"hotline.{r}"] for r in ("response_rate", "resolution_rate", "satisfaction_rate")]
    rates.append(values["hotline.on_time_close_rate"])
    shown = page.locator("[data-testid=stMetricValue]").all_inner_texts()[:4]
    assert shown == [i18n.fmt_value(v.value, "%") for v in rates]
    # the 红黑榜 is open; the other sections are not drawn until their tab is clicked
    assert page.locator("[data-testid=stPlotlyChart]").count() == 1
    no_error_alert(page)
    shoot(page, "hotline_zh")
    open_section(page, "近12个月趋势")
    page.locator("[data-testid=stPlotlyChart] .scatterlayer").first.wait_for()
    assert "view=trends" in page.url
    no_error_alert(page)
    shoot(page, "hotline_trends_zh")
    open_section(page, "分类与办结用时")
    assert "view=categories" in page.url and page.locator("[data-testid=stPlotlyChart]").count() == 2
    no_error_alert(page)
    shoot(page, "hotline_categories_zh")
    open_section(page, "社区红黑榜")
    assert "view=" not in page.url  # the default section is left out of the URL
    page.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").click()
    page.get_by_text("Yueyanglou Subdistrict · Hotline").wait_for()
    wait_idle(page)
    assert "lang=en" in page.url
    text = main_text(page)
    for label in EN_LABELS:
        assert label in text, label
    assert "Oct 2026" in text and "All categories" in text  # what the filters show, switched too
    assert page.locator("[data-testid=stSidebarNav]").get_by_text("Overview").is_visible()
    for label, (view, inside) in SECTIONS.items():
        open_section(page, label)
        assert (f"view={view}" in page.url) if view else ("view=" not in page.url), label
        text = main_text(page)
        for shown_text in inside:
            assert shown_text in text, (label, shown_text)
        left = [zh for zh in ZH_LABELS if zh in text]
        assert left == [], f"Chinese labels left in English ({label}): {left}"
        no_error_alert(page)
        if label == "Red and black lists":
            shoot(page, "hotline_en")


def shown_metrics(pg) -> dict[str, int]:
    labels = [t.strip() for t in pg.locator("[data-testid=stMetricLabel]").all_inner_texts()]
    values = pg.locator("[data-testid=stMetricValue]").all_inner_texts()
    return {label: value.strip() for label, value in zip(labels, values, strict=True)}


def count(text: str) -> int:
    return int(text.replace(",", ""))


def test_tickets_behind_a_number_are_as_many_as_the_number(server, page, con):
    open_hotline(page, server)
    open_section(page, "数字背后的工单")
    assert "view=behind" in page.url
    picker = page.locator("[data-testid=stSelectbox]").filter(has_text="指标").locator("input")
    picker.scroll_into_view_if_needed()  # a click that scrolls the page closes the list it opens
    page.wait_for_timeout(200)
    picker.click()
    page.get_by_role("option", name="按期办结率").click()
    page.get_by_text("明细行数").wait_for()
    wait_idle(page)
    assert "behind=hotline.on_time_close_rate" in page.url  # the numerator is the default part
    # the numbers on the 按期办结率 tile: its caption starts "1,519/1,572（按期办结/…"
    caption = page.locator("[data-testid=stCaptionContainer]").filter(has_text="按期办结/应办结工单").first
    numerator, denominator = map(count, re.match(r"([\d,]+)/([\d,]+)", caption.inner_text()).groups())
    registry = metrics.evaluate(con, "hotline.on_time_close_rate", OCTOBER, compare=False)
    assert (numerator, denominator) == (registry.numerator, registry.denominator)
    shown = shown_metrics(page)
    assert count(shown["按期办结率 · 分子"]) == count(shown["明细行数"]) == numerator
    shoot(page, "hotline_tickets_behind")
    page.locator("[data-testid=stRadio]").get_by_text("分母：应办结工单（含超期未办结）").click()
    page.get_by_text("按期办结率 · 分母").wait_for()
    wait_idle(page)
    assert "part=denominator" in page.url
    shown = shown_metrics(page)
    assert count(shown["按期办结率 · 分母"]) == count(shown["明细行数"]) == denominator
    no_error_alert(page)
