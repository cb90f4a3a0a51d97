"""覆盖率 with AppTest: renders on an empty warehouse and on the demo street in both languages, and
every number it shows is the registry's (computed here by calling ``jiedao.metrics`` and
``jiedao.coverage`` on the same snapshot)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from jiedao import coverage, i18n, metrics
from jiedao.filters import Filter
from tests import page_helpers
from tests.page_helpers import run_page

BIANHE = "430602001008"  # 汴河社区
OCT = Filter.month(2026, 10)  # the demo's latest month with data: the page's default


def coverage_page(query: dict | None = None) -> AppTest:
    return run_page("coverage.py", query)


@pytest.fixture
def demo(demo_data):
    """The demo street as the app's data folder, and the snapshot the app reads, opened read-only."""
    with page_helpers.demo_env(demo_data) as con:
        yield con


def table(at: AppTest, column: str):
    """The first table of the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def tiles(at: AppTest) -> dict[str, str]:
    """Tile label (without its status mark) → value shown."""
    return {m.label.split(" ", 1)[1]: m.value for m in at.metric}


def expected_tiles(values: dict[str, metrics.Value], lang: str = "zh") -> dict[str, str]:
    return {
        (v.metric.en if lang == "en" else v.metric.zh): i18n.fmt_value(v.value, "%", lang)
        for v in values.values()
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_empty_warehouse(data_dir, lang):
    at = coverage_page({"lang": lang})
    assert not at.exception and not at.error
    assert at.info[0].value.startswith("**" + i18n.t("no_data_title", lang))


def test_demo_street_numbers_are_the_registrys(demo):
    at = coverage_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "岳阳楼街道 · 覆盖率"
    values = metrics.evaluate_family(demo, "coverage", OCT)
    assert tiles(at) == expected_tiles(values)
    captions = [c.value for c in at.caption]
    for value in values.values():  # every rate with both of its numbers under its tile
        assert any(c.startswith(i18n.fmt_ratio(value.numerator, value.denominator)) for c in captions)
    # The planted volunteer shortfall (data/README.md): 4,669 volunteers of 45,274 residents street-wide.
    assert values["coverage.volunteer_rate"].numerator == 4669
    # The matrix's table: the street first, then the 9 communities (and the members of street-level
    # branches, who belong to no community, for 双报到); each cell "rate · numerator/denominator".
    matrix = at.dataframe[0].value
    assert matrix["社区"].tolist()[:2] == ["全街道", "岳阳楼社区"]
    volunteers = dict(zip(matrix["社区"], matrix["志愿者"], strict=True))
    assert volunteers["全街道"] == "10.3% · 4,669/45,274"
    assert volunteers["汴河社区"] == "6.6% · 377/5,712"  # planted: the one community below 10 %
    # Gap lists: one choice per list, titled with the number of units the registry lists.
    expected = {
        "两新组织未建党组织": coverage.organisations_without_party_org(demo, OCT)["ref"].n_unique(),
        "物业企业未建党组织": coverage.property_companies_without_party_org(demo, OCT)["ref"].n_unique(),
        "社区用房不达标": coverage.premises_shortfall(demo, OCT).height,
    }
    choices = at.button_group(key="url_gap").options
    for name, n in expected.items():
        assert f"{name}（{n}）" in choices
    # Only the chosen list is drawn: the organisations by default, the premises on ?gap=premises.
    org_list = table(at, "可单独组建")
    assert len(org_list) == coverage.organisations_without_party_org(demo, OCT).height
    premises = table(coverage_page({"gap": "premises"}), "缺口面积（㎡）")
    # 庙前街 (260 m²) and 汴河 (560 m² for 2,100 households) fall short of the premises standard.
    assert sorted(premises["社区"]) == ["庙前街社区", "汴河社区"]
    assert premises["缺口面积（㎡）"].tolist() == [205.0, 70.0]  # max(300, 30 × 1,550/100) − 260; 630 − 560


def test_one_rate_by_community(demo):
    at = coverage_page({"view": "rate", "rate": "volunteer_rate"})
    assert not at.exception and not at.error
    bars = table(at, "注册志愿者")
    frame = metrics.frame_by(demo, "coverage.volunteer_rate", OCT).sort("key")
    assert bars["注册志愿者"].tolist() == frame["numerator"].cast(int).to_list()
    assert bars["常住人口"].tolist() == frame["denominator"].cast(int).to_list()
    assert dict(zip(bars["社区"], bars["比率"], strict=True))["汴河社区"] == "6.6%"


def test_one_community_narrows_rates_and_gaps(demo):
    at = coverage_page({"community": BIANHE})
    assert not at.exception and not at.error
    flt = Filter.month(2026, 10, communities=(BIANHE,))
    assert tiles(at) == expected_tiles(metrics.evaluate_family(demo, "coverage", flt))
    assert tiles(at)["志愿者注册率"] == "6.6%"  # 377 / 5,712 = 0.0660
    assert at.multiselect(key="url_community").value == [BIANHE]
    assert at.dataframe[0].value["社区"].tolist() == ["汴河社区"]  # one community: no total row
    # The gap lists hold 汴河 only.
    orgs = coverage.organisations_without_party_org(demo, flt)
    assert f"两新组织未建党组织（{orgs['ref'].n_unique()}）" in at.button_group(key="url_gap").options
    org_list = table(at, "可单独组建")
    assert set(org_list["社区"]) == {"汴河社区"} and len(org_list) == orgs.height
    assert (org_list["可单独组建"] == "是").sum() == orgs["can_build_own"].sum()


def test_two_communities_have_their_total_on_top(demo):
    at = coverage_page({"community": f"430602001004,{BIANHE}"})
    assert not at.exception and not at.error
    matrix = at.dataframe[0].value
    assert matrix["社区"].tolist() == ["所选社区合计", "庙前街社区", "汴河社区"]
    # Both fall short of the premises standard (data/README.md): 0 of the 2 chosen communities.
    flt = Filter.month(2026, 10, communities=("430602001004", BIANHE))
    premises = metrics.evaluate(demo, "coverage.premises_compliance", flt, compare=False)
    assert (premises.numerator, premises.denominator) == (0, 2)
    assert matrix["社区用房"].tolist()[0] == "0.0% · 0/2"


def test_english(demo):
    at = coverage_page({"lang": "en", "community": BIANHE})
    assert not at.exception and not at.error
    assert at.title[0].value == "Yueyanglou Subdistrict · Coverage"
    flt = Filter.month(2026, 10, communities=(BIANHE,))
    assert tiles(at) == expected_tiles(metrics.evaluate_family(demo, "coverage", flt), "en")
    assert "Premises below standard (1)" in at.button_group(key="url_gap").options
    assert at.button_group(key="url_view").options == [
        "Communities × all rates",
        "One rate (click to drill down)",
    ]
