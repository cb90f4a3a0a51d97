"""网格热力 with AppTest: the per-grid table, a clicked grid's numbers and latest events, and the patrol
shortfall list of the demo street equal the registry's; English; the empty states (no data, no grid
polygons, a filter that matches nothing)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from jiedao import catalog, grid, i18n, metrics
from jiedao.filters import Filter
from pipelines.__main__ import ingest
from tests.conftest import FIXTURES
from tests.page_helpers import demo_env, frame_with, run_page, texts


@pytest.fixture
def demo(demo_data):
    with demo_env(demo_data) as con:
        yield con


def latest_month(con) -> Filter:
    """The page's default period: the latest month with tickets (the demo's is 2026-10)."""
    month = catalog.months_with_data(con)[0]
    return Filter.month(month.year, month.month)


def test_the_map_table_is_the_registrys(demo):
    flt = latest_month(demo)
    at = run_page("grid_map.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "岳阳楼街道 · 网格热力"
    assert at.selectbox(key="url_month").value == flt.start
    table = frame_with(at, "千户事件数")
    expected = metrics.frame_by(demo, "grid.events_per_1000_households", flt, "grid")
    names = dict(grid.shapes(demo, flt).grids.select("grid_code", "name").rows())
    want = {names[k]: round(v, 4) for k, v in expected.select("key", "value").rows()}
    assert dict(zip(table["网格"], table["千户事件数"], strict=True)) == pytest.approx(want)
    assert "点击地图上的网格，或在上方选择网格，查看该网格的各项指标和最新事件。" in at.info[0].value
    short = grid.patrol_shortfall(demo, flt)
    shown = frame_with(at, "完成率")
    assert shown["网格"].to_list() == short["grid_name"].to_list()
    assert shown["完成巡查"].to_list() == short["patrols_done"].to_list()


def test_a_clicked_grid_shows_its_numbers_and_latest_events(demo):
    flt = latest_month(demo)
    lowest = metrics.frame_by(demo, "grid.patrol_completion", flt, "grid").drop_nulls("value").sort("value")
    code = lowest["key"][0]  # the grid that patrols least (the demo plants 九华山社区第五网格)
    at = run_page("grid_map.py", {"grid": code, "measure": "grid.patrol_completion"})
    assert not at.exception and not at.error
    assert at.selectbox(key="url_grid").value == code
    tiles = {m.label.split("] ", 1)[1]: m.value for m in at.metric}
    for metric in metrics.all_metrics("grid"):
        row = metrics.frame_by(demo, metric.id, flt, "grid").filter(pl.col("key") == code)
        assert tiles[metric.zh] == i18n.fmt_value(row["value"][0], metric.unit), metric.id
    patrols = lowest.row(0, named=True)
    ratio = i18n.fmt_ratio(patrols["numerator"], patrols["denominator"])
    assert any(c.startswith(f"{ratio}（完成巡查") for c in texts(at.caption))
    events = grid.latest_events(demo, flt, code, limit=20)
    assert frame_with(at, "事件编号")["事件编号"].to_list() == events["event_code"].to_list()


def test_english(demo):
    at = run_page("grid_map.py", {"lang": "en", "points": "tickets", "style": "heat"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Yueyanglou Subdistrict · Grid map"
    assert at.selectbox(key="url_measure").value == "grid.events_per_1000_households"
    assert "Events per 1,000 households" in frame_with(at, "Events per 1,000 households").columns
    assert any(c.startswith("Blue heat: where this month's hotline tickets were") for c in texts(at.caption))


@pytest.mark.parametrize(("lang", "text"), [("zh", "还没有数据"), ("en", "No data yet")])
def test_empty_warehouse(data_dir, lang, text):
    at = run_page("grid_map.py", {"lang": lang})
    assert not at.exception and not at.error
    assert text in at.info[0].value


def test_no_polygons_and_a_filter_that_matches_nothing(data_dir):
    ingest([str(FIXTURES / "sample")], quiet=True)  # 9 communities and tickets, no grids
    at = run_page("grid_map.py")
    assert not at.exception and not at.error
    assert at.info[0].value == i18n.t("no_geometry")
    at = run_page("grid_map.py", {"community": "430602001002"})
    assert not at.exception and not at.error
    assert at.info[0].value.startswith("**没有符合筛选条件的数据**")


def test_month_is_kept_in_the_url(demo):
    earlier = dt.date(2026, 7, 1)
    at = run_page("grid_map.py", {"month": "2026-07"})
    assert not at.exception and at.selectbox(key="url_month").value == earlier
