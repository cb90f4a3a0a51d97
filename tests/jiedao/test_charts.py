"""The Plotly builders, asserted on the figures they return (no browser needed)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from jiedao import charts, i18n
from jiedao.charts.base import MUTED, NEUTRAL
from jiedao.charts.rates import rate_matrix

MONTHS = [dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)]


def test_every_figure_uses_the_offline_cjk_font():
    fig = charts.trend_grid([("响应率", pl.DataFrame({"month": MONTHS, "value": [0.9, 0.95, 0.97]}), None)])
    assert fig.layout.font.family.startswith('"Noto Sans CJK SC"')
    assert fig.layout.font.family.endswith("sans-serif")
    assert fig.layout.hoverlabel.font.family == fig.layout.font.family


def test_trend_grid_in_english_without_a_target():
    frame = pl.DataFrame({"month": MONTHS, "value": [3.0, 4.0, 5.0]})
    fig = charts.trend_grid([("Tickets", frame, None)], unit="件", lang="en")
    assert list(fig.data[0].x) == ["Aug 2026", "Sep 2026", "Oct 2026"]
    assert list(fig.layout.xaxis.ticktext) == ["Aug<br>2026", "Sep", "Oct"]
    assert len(fig.data) == 1  # no target, no target line
    assert fig.layout.yaxis.tickformat is None  # a count, not a rate
    assert [a.text for a in fig.layout.annotations] == ["Tickets"]
    assert fig.layout.height == 240  # one panel: one row


def community_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "key": ["430602001001", "430602001002", "430602001003"],
            "name": ["岳阳楼社区", "东湖社区", "郭亮社区"],
            "value": [0.96, 0.82, None],
            "status": ["green", "red", "none"],
        }
    )


def test_community_bars_carry_codes_for_drill_down_and_status_colours():
    fig = charts.community_bars(community_frame())
    bar = fig.data[0]
    assert [c[0] for c in bar.customdata] == ["430602001001", "430602001002", "430602001003"]
    assert list(bar.marker.color) == [
        charts.STATUS_COLOURS["green"],
        charts.STATUS_COLOURS["red"],
        charts.STATUS_COLOURS["none"],
    ]
    assert list(bar.text) == ["96.0%", "82.0%", "—"]
    assert fig.layout.clickmode == "event+select"


def test_community_bars_highlight_the_selected_community():
    frame = community_frame().drop("status")
    fig = charts.community_bars(frame, selected="430602001002")
    assert list(fig.data[0].marker.color) == [MUTED, NEUTRAL, MUTED]


def test_top_n_bars_sorted_with_month_on_month_change():
    frame = pl.DataFrame(
        {
            "label": ["城市管理", "物业管理", "噪音扰民", "环境保护"],
            "value": [45, 60, 12, 30],
            "previous": [40, 75, 0, 30],
        }
    )
    fig = charts.top_n_bars(frame, n=3)
    bar = fig.data[0]
    assert bar.orientation == "h"
    # Top 3 by value: 物业管理 60, 城市管理 45, 环境保护 30; drawn bottom-up so the largest is on top.
    assert list(bar.y) == ["环境保护", "城市管理", "物业管理"]
    # 环比: (30-30)/30 = 0 %, (45-40)/40 = +12.5 %, (60-75)/75 = -20 %.
    assert list(bar.text) == ["30件 · 环比 +0.0%", "45件 · 环比 +12.5%", "60件 · 环比 -20.0%"]


def test_hours_histogram_marks_median_and_p90():
    bins = pl.DataFrame({"bin_start": [0.0, 24.0, 48.0, 72.0], "count": [30, 12, 5, 3]})
    fig = charts.hours_histogram(bins, bin_width=24, median=20.5, p90=61.0)
    bar = fig.data[0]
    assert list(bar.x) == [12.0, 36.0, 60.0, 84.0]  # bin centres: start + 24 / 2
    assert list(bar.y) == [30, 12, 5, 3]
    assert [s.x0 for s in fig.layout.shapes] == [20.5, 61.0]
    assert [a.text for a in fig.layout.annotations] == ["中位数 20.5小时", "P90 61小时"]


def test_compliance_matrix_cells_and_legend():
    frame = pl.DataFrame(
        {
            "branch": ["第一支部", "第一支部", "第二支部"],
            "month": [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 9, 1)],
            "status": ["green", "yellow", "red"],
            "text": ["3/3", "2/3", "1/3"],
        }
    )
    fig = charts.compliance_matrix(frame, text="text")
    heat = fig.data[0]
    assert list(heat.y) == ["第一支部", "第二支部"]
    assert list(heat.x) == ["2026年9月", "2026年10月"]
    # z codes: none 0, green 1, yellow 2, red 3; 第二支部 has no October row → grey (0).
    assert [list(r) for r in heat.z] == [[1, 2], [3, 0]]
    assert heat.customdata[0][1] == "7天内到期 · 2/3"
    assert heat.customdata[1][1] == "无要求"
    assert [t.name for t in fig.data[1:]] == ["按期完成", "7天内到期", "有缺项", "无要求"]
    assert [t.marker.color for t in fig.data[1:]] == [
        charts.STATUS_COLOURS[s] for s in ("green", "yellow", "red", "none")
    ]
    # The month labels are on top, so the legend goes below the cells where it covers nothing.
    assert fig.layout.xaxis.side == "top"
    assert (fig.layout.legend.y, fig.layout.legend.yanchor) == (0, "top")


def test_long_compliance_matrix_repeats_the_months_below_and_keeps_the_legend_on_top():
    """30 branches (more than a screen): 22 px rows, months on top and again below the cells (an
    overlaid axis matching the first), the legend at the top of the figure."""
    months = [dt.date(2026, 9, 1), dt.date(2026, 10, 1)]
    frame = pl.DataFrame(
        {
            "branch": [f"支部{i:02d}" for i in range(30) for _ in months],
            "month": months * 30,
            "status": ["green"] * 60,
        }
    )
    fig = charts.compliance_matrix(frame)
    assert len(fig.data[0].y) == 30 and fig.layout.height == 22 * 30 + 120
    assert (fig.layout.xaxis.side, fig.layout.xaxis2.side) == ("top", "bottom")
    assert fig.layout.xaxis2.matches == "x" and list(fig.data[-1].x) == ["2026年9月", "2026年10月"]
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == ("container", 1, "top")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rate_matrix_cells_text_and_hover(lang):
    frame = pl.DataFrame(
        {
            "row": ["全街道", "全街道", "东湖社区"],
            "column": ["组织覆盖", "志愿者", "组织覆盖"],
            "status": ["red", "green", "yellow"],
            "text": ["11.1%", "10.3%", "80.0%"],
            "hover": ["11.1% · 30/270", "10.3% · 4,669/45,274", "80.0% · 4/5"],
        }
    )
    fig = rate_matrix(frame, lang=lang)
    heat = fig.data[0]
    assert list(heat.y) == ["全街道", "东湖社区"] and list(heat.x) == ["组织覆盖", "志愿者"]
    # z codes: none 0, green 1, yellow 2, red 3; 东湖社区 has no 志愿者 cell → grey, "—".
    assert [list(r) for r in heat.z] == [[3, 1], [2, 0]]
    assert [list(r) for r in heat.text] == [["11.1%", "10.3%"], ["80.0%", "—"]]
    off_target = "未达标" if lang == "zh" else "Off target"
    assert heat.customdata[0][0] == f"11.1% · 30/270 · {off_target}"
    assert heat.texttemplate == "%{text}"
    assert fig.layout.yaxis.autorange == "reversed"  # the first row (the street) on top
    assert (fig.layout.legend.y, fig.layout.legend.yanchor) == (0, "top")


def test_sparkline_is_an_svg_line_in_the_status_colour_with_the_last_point_marked():
    svg = charts.sparkline(pl.DataFrame({"month": MONTHS, "value": [0.9, 0.93, 0.97]}), status="green")
    # 300 × 64 with 6 px of padding: x steps (300 - 12) / 2 = 144 → 6, 150, 294; y maps the range
    # 0.90–0.97 onto 58 … 6: 0.93 → 58 - 0.03 / 0.07 × 52 = 35.7.
    assert '<polyline points="6.0,58.0 150.0,35.7 294.0,6.0"' in svg
    assert f'stroke="{charts.STATUS_COLOURS["green"]}"' in svg
    assert '<circle cx="294.0" cy="6.0"' in svg
    assert "<title>2026年8月 90.0%；2026年9月 93.0%；2026年10月 97.0%</title>" in svg
    assert "axis" not in svg and "<text" not in svg


def test_sparkline_breaks_where_a_month_has_no_value():
    frame = pl.DataFrame({"month": MONTHS + [dt.date(2026, 11, 1)], "value": [0.5, None, 0.7, 0.9]})
    svg = charts.sparkline(frame, unit="%", lang="en")
    # x steps (300 - 12) / 3 = 96 → 6, (102), 198, 294; two runs: the first month alone, then 10–11.
    assert svg.count("<polyline") == 2
    assert '<polyline points="6.0,58.0"' in svg and '<polyline points="198.0,32.0 294.0,6.0"' in svg
    assert f'stroke="{NEUTRAL}"' in svg  # no status: the neutral blue
    assert "Sep 2026 —" in svg  # the gap is named, not drawn as zero


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tier_ranking_colours_and_order(lang):
    frame = pl.DataFrame(
        {
            "name": ["甲物业", "乙物业", "丙物业", "丁物业"],
            "score": [92.5, 58.0, 84.0, 71.0],
            "tier": ["gold", "red", "silver", "yellow"],
        }
    )
    fig = charts.tier_ranking(frame, lang=lang)
    assert [t.marker.color for t in fig.data] == [
        charts.TIER_COLOURS[t] for t in ("gold", "silver", "yellow", "red")
    ]
    # Highest score on top: the category axis lists bottom-up.
    assert list(fig.layout.yaxis.categoryarray) == ["乙物业", "丁物业", "丙物业", "甲物业"]
    names = {"zh": ["金牌", "银牌", "黄牌", "红牌"], "en": ["Gold", "Silver", "Yellow card", "Red card"]}[
        lang
    ]
    assert [t.name for t in fig.data] == names
    assert fig.data[0].text[0] == f"{names[0]} 92.5"


def test_trend_grid_draws_each_rate_in_its_own_panel_with_its_target():
    def frame(values, nums, dens):
        return pl.DataFrame({"month": MONTHS, "value": values, "numerator": nums, "denominator": dens})

    fig = charts.trend_grid(
        [
            ("响应率", frame([0.9, 0.95, 1.0], [9.0, 19.0, 5.0], [10.0, 20.0, 5.0]), 0.95),
            ("解决率", frame([0.5, None, 0.75], [1.0, 0.0, 3.0], [2.0, 0.0, 4.0]), None),
            ("满意率", frame([0.8, 0.85, 0.9], [8.0, 17.0, 9.0], [10.0, 20.0, 10.0]), 0.9),
        ],
        lang="zh",
    )
    # three panels on a 2 × 2 grid: line + target, line, line + target
    assert [t.name for t in fig.data] == ["响应率", "响应率 目标", "解决率", "满意率", "满意率 目标"]
    assert [(t.xaxis, t.yaxis) for t in fig.data] == [
        ("x", "y"),
        ("x", "y"),
        ("x2", "y2"),
        ("x3", "y3"),
        ("x3", "y3"),
    ]
    assert list(fig.data[2].y) == [0.5, None, 0.75] and fig.data[2].connectgaps is False
    assert list(fig.data[2].customdata) == ["50.0% · 1/2", "— · 0/0", "75.0% · 3/4"]
    assert list(fig.data[4].y) == [0.9] * 3 and fig.data[4].line.dash == "dash"
    # the target is in the panel's title; no legend
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["响应率 · 目标 95.0%", "解决率", "满意率 · 目标 90.0%"]
    assert fig.layout.showlegend is False
    # each axis from 5 points under its lowest value or target, floored to 5 points: 0.85, 0.45, 0.75
    assert fig.layout.yaxis.range == (0.85, 1.01)
    assert fig.layout.yaxis2.range == (0.45, 1.01)
    assert fig.layout.yaxis3.range == (0.75, 1.01)
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.height == 2 * 240
    # months upright and short: the year only on the first month (and on a January)
    assert list(fig.layout.xaxis.ticktext) == ["8月<br>2026年", "9月", "10月"]
    assert list(fig.layout.xaxis.tickvals) == ["2026年8月", "2026年9月", "2026年10月"]


def test_month_ticks_carry_the_year_on_the_first_month_and_on_january():
    months = [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert i18n.month_ticks(months, "zh") == ["11月\n2025年", "12月", "1月\n2026年", "2月"]
    assert i18n.month_ticks(months, "en", " ") == ["Nov 2025", "Dec", "Jan 2026", "Feb"]
