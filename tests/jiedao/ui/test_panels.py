"""Chart panels (chart | table | download), selection parsing for drill-downs, KPI tiles."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from jiedao.ui.mapview import selected_object
from jiedao.ui.panels import selected_code


def test_selected_code_from_a_plotly_selection():
    assert selected_code(None) is None
    assert selected_code({"selection": {"points": []}}) is None
    point = {"x": "东湖社区", "y": 0.82, "customdata": ["430602001002", "82.0%"], "point_index": 1}
    assert selected_code({"selection": {"points": [point]}}) == "430602001002"
    assert selected_code({"selection": {"points": [{"customdata": "g7"}]}}) == "g7"
    assert selected_code({"selection": {"points": [{"customdata": []}]}}) is None


def test_selected_object_from_a_pydeck_selection():
    event = {
        "selection": {"indices": {"grid": [4]}, "objects": {"grid": [{"code": "g5", "name": "第5网格"}]}}
    }
    assert selected_object(event, "grid") == {"code": "g5", "name": "第5网格"}
    assert selected_object(event, "street") is None
    assert selected_object({"selection": {"indices": {}, "objects": {}}}, "grid") is None


def panel_script():
    import polars as pl

    from jiedao import charts
    from jiedao.ui.panels import chart_panel

    frame = pl.DataFrame({"key": ["430602001001"], "name": ["岳阳楼社区"], "value": [0.9]})
    chart_panel(charts.community_bars(frame), frame, file_name="x.csv", key="bars", lang="en")


def test_chart_panel_has_chart_and_table_tabs_and_a_download():
    at = AppTest.from_function(panel_script, default_timeout=30).run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Chart", "Table"]
    assert at.tabs[1].dataframe[0].value["name"].to_list() == ["岳阳楼社区"]
    assert at.get("download_button")[0].proto.label == "Download CSV"


def tile_script(lang: str):
    import datetime as dt

    import polars as pl

    from jiedao.metrics import Metric, Value
    from jiedao.ui.tiles import tile

    metric = Metric(
        "hotline.on_time_close_rate",
        "按期办结率",
        "On-time closure",
        "%",
        "up",
        "on_time",
        numerator_zh="按期办结",
        denominator_zh="应办结",
        numerator_en="closed on time",
        denominator_en="due",
    )
    value = Value(metric, 1203, 1302, 1203 / 1302, "yellow", previous=0.912, year_ago=0.95)
    trend = pl.DataFrame(
        {"month": [dt.date(2026, 9, 1), dt.date(2026, 10, 1)], "value": [0.912, 1203 / 1302]}
    )
    tile(value, lang, trend)


def test_tile_shows_value_numbers_changes_and_sparkline():
    at = AppTest.from_function(tile_script, args=("zh",), default_timeout=30).run()
    assert not at.exception
    shown = at.metric[0]
    assert shown.label == ":orange[●] 按期办结率"
    assert shown.value == "92.4%"  # 1203 / 1302 = 0.92396
    # 环比: 0.92396 - 0.912 = +0.01196 → +1.2 points; 同比: 0.92396 - 0.95 = -0.02604 → -2.6 points.
    assert shown.delta == "+1.2个百分点"
    assert at.caption[0].value == "1,203/1,302（按期办结/应办结） · 同比 -2.6个百分点"
    # the sparkline: an SVG image (data URL, nothing fetched) whose title lists the months
    sparkline = [m.value for m in at.markdown if "jd-sparkline" in m.value]
    assert len(sparkline) == 1 and 'src="data:image/svg+xml;base64,' in sparkline[0]
    assert not at.get("plotly_chart")


def test_tile_in_english():
    at = AppTest.from_function(tile_script, args=("en",), default_timeout=30).run()
    assert at.metric[0].label == ":orange[●] On-time closure"
    assert at.metric[0].delta == "+1.2 pp"
    assert at.caption[0].value == "1,203/1,302 (closed on time/due) · YoY -2.6 pp"
