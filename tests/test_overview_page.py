"""总览 with AppTest over the demo street (seed 2026, as-of 2026-10) and an empty warehouse: no
exception in either language, and every number on the page equals the registry's or the action
list's for the same filter — the whole street, and a community drilled into."""

from __future__ import annotations

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from jiedao import actions, i18n, metrics, overview
from jiedao.filters import Filter
from pipelines.__main__ import ingest
from tests import page_helpers
from tests.conftest import FIXTURES
from tests.page_helpers import run_page

OCTOBER = Filter.month(2026, 10)
DONGTING = "430602001007"


@pytest.fixture
def demo_env(demo_data):
    """JIEDAO_DATA at the demo street for the page and for the test's own registry calls."""
    with page_helpers.demo_env(demo_data) as con:
        yield con


def overview_page(**query: str) -> AppTest:
    return run_page("overview.py", query)


def tiles(at: AppTest) -> dict[str, str]:
    """Tile label (status mark stripped) → shown value."""
    return {m.label.split("] ", 1)[-1]: m.value for m in at.metric}


def assert_tiles_equal_registry(at: AppTest, con, flt: Filter, lang: str = "zh") -> None:
    """The first tiles, in ``overview.HEADLINES`` order, show the registry's values; their captions
    the numerators and denominators."""
    captions = " ".join(c.value for c in at.caption)
    headline = overview.headlines(con, flt)
    for metric_id, value, shown in zip(overview.headline_ids(), headline.values(), at.metric, strict=False):
        metric = metrics.get(metric_id)
        assert shown.label.endswith(metric.en if lang == "en" else metric.zh), metric_id
        assert shown.value == i18n.fmt_value(value.value, metric.unit, lang), metric_id
        assert i18n.fmt_ratio(value.numerator, value.denominator, lang) in captions, metric_id


def test_whole_street_numbers_equal_the_registry(demo_env):
    at = overview_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "岳阳楼街道 · 总览"
    assert at.selectbox(key="url_month").value.isoformat() == "2026-10-01"  # the latest month with data
    assert_tiles_equal_registry(at, demo_env, OCTOBER)
    listed = actions.action_list(demo_env, OCTOBER)
    shown = tiles(at)
    assert shown["待办事项"] == i18n.fmt_int(listed.height)
    assert shown["红色：已逾期或红牌"] == i18n.fmt_int((listed["severity"] == "red").sum())
    # the grid holds every item (demo: 161, fewer than the 2,000-row cap)
    assert at.dataframe[-1].value.shape[0] == listed.height
    assert at.dataframe[-1].value["等级"].iloc[0] == "红"  # red first


def test_a_community_drilled_into_narrows_tiles_and_list(demo_env):
    at = overview_page(community=DONGTING)
    assert not at.exception and not at.error
    assert "洞庭社区" in at.info[0].value
    assert at.button(key="back_to_street").label == "返回全街道"
    dongting = Filter.month(2026, 10, communities=(DONGTING,))
    assert_tiles_equal_registry(at, demo_env, dongting)
    listed = actions.action_list(demo_env, dongting)
    assert tiles(at)["待办事项"] == i18n.fmt_int(listed.height)
    assert set(at.dataframe[-1].value["社区"]) == {"洞庭社区"}
    # the comparison still shows every community: 9 rows, 洞庭 among them
    comparison = at.dataframe[0].value
    assert comparison.shape[0] == 9 and DONGTING in set(comparison["社区代码"])
    at.button(key="back_to_street").click().run()
    assert "community" not in at.query_params
    assert tiles(at)["待办事项"] == i18n.fmt_int(actions.action_list(demo_env, OCTOBER).height)


def test_area_and_level_filters_of_the_action_list(demo_env):
    at = overview_page(area="hotline", severity="red")
    assert not at.exception
    listed = actions.action_list(demo_env, OCTOBER)
    hotline_red = listed.filter((pl.col("area") == "12345热线") & (pl.col("severity") == "red"))
    assert at.dataframe[-1].value.shape[0] == hotline_red.height
    assert set(at.dataframe[-1].value["领域"]) == {"12345热线"}


def test_english(demo_env):
    at = overview_page(lang="en", compare="grid.patrol_completion")
    assert not at.exception and not at.error
    assert at.title[0].value == "Yueyanglou Subdistrict · Overview"
    assert [s.value for s in at.subheader] == ["Communities compared", "Action list"]
    assert_tiles_equal_registry(at, demo_env, OCTOBER, "en")
    assert list(at.dataframe[0].value.columns) == [
        "Community",
        "Community code",
        "Patrol completion",
        "Status",
    ]
    assert "Area" in at.dataframe[-1].value.columns


def test_empty_warehouse_shows_guidance(data_dir):
    for lang in ("zh", "en"):
        at = overview_page(lang=lang)
        assert not at.exception
        assert at.info[0].value.startswith(f"**{i18n.t('no_data_title', lang)}**")


def test_communities_without_tickets_have_no_month_yet(data_dir):
    ingest([str(FIXTURES / "sample" / "社区名单.csv")], quiet=True)
    at = overview_page()
    assert not at.exception
    assert at.info[0].value.startswith("**还没有可统计的月份**")
