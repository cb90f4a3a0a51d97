"""组织生活 with AppTest: renders on an empty warehouse, on a warehouse without meeting records and on
the demo street in both languages; its numbers are the registry's (``jiedao.meetings`` on the same
snapshot) and the planted facts of data/README.md show where a user looks for them."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from jiedao import i18n, meetings, metrics
from jiedao.filters import Filter
from pipelines.__main__ import ingest
from tests import page_helpers
from tests.conftest import FIXTURES
from tests.page_helpers import run_page

BIANHE, BULAO = "430602001008", "430602001009"  # 汴河社区, 捕捞社区
PLANTED = ("汴河社区第五网格党支部", "捕捞社区第五网格党支部")  # no 支部党员大会 in 2026Q3
# The default period: the 12 months ending with October 2026, the demo's latest month with meetings.
YEAR = Filter(dt.date(2025, 11, 1), dt.date(2026, 11, 1))


def meetings_page(query: dict | None = None) -> AppTest:
    return run_page("meetings.py", query)


@pytest.fixture
def demo(demo_data):
    with page_helpers.demo_env(demo_data) as con:
        yield con


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label.split(" ", 1)[1]: m.value for m in at.metric}


def expected_tiles(values, lang: str = "zh") -> dict[str, str]:
    return {
        (v.metric.en if lang == "en" else v.metric.zh): i18n.fmt_value(v.value, v.metric.unit, lang)
        for v in values.values()
    }


def table(at: AppTest, column: str):
    """The first table of the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_warehouse(data_dir, lang):
    at = meetings_page({"lang": lang})
    assert not at.exception and not at.error
    assert at.info[0].value.startswith("**" + i18n.t("no_data_title", lang))


def test_warehouse_without_meetings_says_what_to_load(data_dir):
    ingest([str(FIXTURES / "sample")], quiet=True)  # communities and tickets only
    at = meetings_page()
    assert not at.exception and not at.error
    assert at.info[0].value == i18n.t("meet_no_data")


def test_demo_year_numbers_and_planted_misses(demo):
    at = meetings_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "岳阳楼街道 · 组织生活"
    assert (at.selectbox(key="url_from").value, at.selectbox(key="url_month").value) == (
        dt.date(2025, 11, 1),
        dt.date(2026, 10, 1),
    )
    values = metrics.evaluate_family(demo, "meetings", YEAR)
    assert tiles(at) == expected_tiles(values)
    compliance = values["meetings.compliance_rate"]
    assert any(
        c.value.startswith(i18n.fmt_ratio(compliance.numerator, compliance.denominator)) for c in at.caption
    )
    # Planted (data/README.md): five members owe three months or more.
    assert tiles(at)["欠缴党费3个月以上党员"] == "5人"
    # The matrix's table: one row per branch, one status per month; the two planted branches are
    # red (有缺项) in September 2026 and every other grid branch is green that month.
    matrix = table(at, "2026年9月")
    september = dict(zip(matrix["支部"], matrix["2026年9月"], strict=True))
    assert all(september[name] == "有缺项" for name in PLANTED)
    grid_branches = matrix[matrix["支部类型"] == "网格"]
    others = grid_branches[~grid_branches["支部"].isin(PLANTED)]
    assert set(others["2026年9月"]) == {"按期完成"}
    assert len(matrix) == meetings.month_matrix(demo, YEAR)["org_code"].n_unique()
    # The missed list (most recent first) starts with their 2026Q3 支部党员大会, due 30 September.
    missed = table(at, "逾期天数")
    top = missed.head(2)
    assert sorted(top["支部"]) == sorted(PLANTED)
    assert set(top["会议"]) == {"支部党员大会"} and set(top["截止日期"]) == {"2026年9月30日"}
    assert set(top["逾期天数"]) == {32}  # judged 1 November: 30 Sep + 32 days
    assert len(missed) == meetings.due_and_missed(demo, YEAR).height
    # Members behind with dues: masked names only.
    behind = table(at, "党员（脱敏）")
    assert len(behind) == 5 and all("*" in name for name in behind["党员（脱敏）"])


def test_community_and_branch_type_narrow_everything(demo):
    at = meetings_page({"community": BIANHE, "type": "网格"})
    assert not at.exception and not at.error
    flt = Filter(YEAR.start, YEAR.end, communities=(BIANHE,))
    assert tiles(at) == expected_tiles(meetings.rates(demo, flt, ("网格",)))
    matrix = table(at, "2026年9月")
    assert set(matrix["社区"]) == {"汴河社区"} and set(matrix["支部类型"]) == {"网格"}
    expected = meetings.of_categories(meetings.month_matrix(demo, flt), ("网格",))
    assert sorted(matrix["支部"]) == sorted(expected["org_name"].unique())
    assert dict(zip(matrix["支部"], matrix["2026年9月"], strict=True))[PLANTED[0]] == "有缺项"
    assert at.multiselect(key="url_type").value == ["网格"]


def test_quarter_and_problems_only(demo):
    at = meetings_page(
        {"span": "quarter", "quarter": "2026Q3", "community": f"{BIANHE},{BULAO}", "problems": "1"}
    )
    assert not at.exception and not at.error
    # Only branches with a red or yellow month remain: the two planted ones, red in September.
    matrix = table(at, "2026年9月")
    assert sorted(matrix["支部"]) == sorted(PLANTED)
    assert [c for c in matrix.columns if c.startswith("2026年")] == ["2026年7月", "2026年8月", "2026年9月"]
    q3 = Filter.quarter("2026Q3", communities=(BIANHE, BULAO))
    assert tiles(at) == expected_tiles(meetings.rates(demo, q3))


def test_english(demo):
    at = meetings_page({"lang": "en", "span": "quarter", "quarter": "2026Q3"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Yueyanglou Subdistrict · Meeting compliance"
    assert tiles(at) == expected_tiles(meetings.rates(demo, Filter.quarter("2026Q3")), "en")
    matrix = table(at, "Sep 2026")
    september = dict(zip(matrix["Branch"], matrix["Sep 2026"], strict=True))
    assert all(september[name] == "Missed" for name in PLANTED)
    missed = table(at, "Days overdue")
    assert set(missed.head(2)["Meeting"]) == {"Branch general meeting"}
