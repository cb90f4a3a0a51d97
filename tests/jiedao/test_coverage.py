"""Coverage rates (DOMAIN.md §4) on a hand-built street of three communities; every expected numerator
and denominator is counted by hand from the rows below."""

from __future__ import annotations

import datetime as dt
import math
import shutil

import pytest

from jiedao import config, coverage, metrics
from jiedao.filters import Filter, Scope
from tests.conftest import ROOT
from tests.jiedao.fixture_rows import C1, C2, C3, NAMES, insert

OCT = Filter.month(2026, 10)
NOV = Filter.month(2026, 11)
CENTRE = (113.0930, 29.3780)
M_PER_DEG_LAT = 6371008.8 * math.pi / 180  # 111,195 m per degree of latitude


def north(metres: float) -> tuple[float, float]:
    return CENTRE[0], CENTRE[1] + metres / M_PER_DEG_LAT


def east(metres: float) -> tuple[float, float]:
    return CENTRE[0] + metres / (M_PER_DEG_LAT * math.cos(math.radians(CENTRE[1]))), CENTRE[1]


@pytest.fixture
def street(con):
    insert(
        con,
        "community",
        # 岳阳楼: 320 m² ≥ max(300, 30 × 1000/100 = 300) → compliant.
        {
            "community_code": C1,
            "name": NAMES[C1],
            "households": 1000,
            "population": 2500,
            "premises_m2": 320.0,
        },
        # 东湖: 330 m² < max(300, 30 × 1200/100 = 360) → short by 30 m².
        {
            "community_code": C2,
            "name": NAMES[C2],
            "households": 1200,
            "population": 3000,
            "premises_m2": 330.0,
        },
        # 郭亮: area unknown → cannot be compliant; required max(300, 150) = 300.
        {"community_code": C3, "name": NAMES[C3], "households": 500, "population": 1200, "premises_m2": None},
    )
    insert(
        con,
        "grid",
        {
            "grid_code": "G1",
            "community_code": C1,
            "name": "一网格",
            "grid_type": "综合网格",
            "households": 400,
        },
        {
            "grid_code": "G2",
            "community_code": C1,
            "name": "二网格",
            "grid_type": "综合网格",
            "households": 300,
        },
        {
            "grid_code": "G3",
            "community_code": C2,
            "name": "三网格",
            "grid_type": "综合网格",
            "households": 500,
        },
    )
    insert(
        con,
        "party_org",
        {"org_code": "P-G1", "name": "一网格党支部", "org_type": "党支部", "category": "网格",
         "community_code": C1, "grid_code": "G1"},
        # A 党小组 in G2 is not a grid branch.
        {"org_code": "P-G2", "name": "二网格党小组", "org_type": "党小组", "category": "网格",
         "community_code": C1, "grid_code": "G2"},
        {"org_code": "P-J", "name": "联合党支部", "org_type": "联合党支部", "category": "联合",
         "community_code": C2},
    )  # fmt: skip
    insert(
        con,
        "grid_worker",
        {"worker_id": "W1", "name_masked": "张*", "grid_code": "G1", "full_time": True},
        {"worker_id": "W2", "name_masked": "李*", "grid_code": "G2", "full_time": False},
        {"worker_id": "W3", "name_masked": "王*", "grid_code": "G3", "full_time": True,
         "started_on": dt.date(2026, 11, 5)},
    )  # fmt: skip
    org = {"kind": "非公企业", "employees": 20}
    insert(
        con,
        "organisation",
        {**org, "uscc": "O1", "name": "甲公司", "community_code": C1, "full_members": 5, "operating": True,
         "party_org_code": "P-O1", "build_mode": "单独组建"},
        {**org, "uscc": "O2", "name": "乙公司", "community_code": C1, "full_members": 4, "operating": True,
         "instructor": True},
        {**org, "uscc": "O3", "name": "丙公司", "community_code": C2, "full_members": 1, "operating": True,
         "party_org_code": "P-J", "build_mode": "联合组建"},
        {**org, "uscc": "O4", "name": "丁协会", "kind": "社会组织", "community_code": C2, "full_members": 0,
         "operating": True, "instructor": False},
        {**org, "uscc": "O5", "name": "戊公司", "community_code": C2, "full_members": 6, "operating": False},
    )  # fmt: skip
    insert(
        con,
        "property_company",
        {"uscc": "PC1", "name": "红星物业", "party_org_code": "P-PC1"},
        {"uscc": "PC2", "name": "绿城物业"},
        {"uscc": "PC3", "name": "闲置物业"},  # serves no compound: not in the denominator
    )
    k1, k2, k3, k5 = north(500), east(1500), north(-900), east(-990)
    compound = {"buildings": 1}
    insert(
        con,
        "compound",
        {**compound, "compound_code": "K1", "name": "一小区", "community_code": C1, "grid_code": "G1",
         "households": 300, "company_uscc": "PC1", "lon": k1[0], "lat": k1[1]},
        {**compound, "compound_code": "K2", "name": "二小区", "community_code": C1, "grid_code": "G2",
         "households": 200, "company_uscc": "PC2", "lon": k2[0], "lat": k2[1]},
        {**compound, "compound_code": "K3", "name": "三小区", "community_code": C2, "grid_code": "G3",
         "households": 400, "company_uscc": "PC2", "lon": k3[0], "lat": k3[1]},
        {**compound, "compound_code": "K4", "name": "四小区", "community_code": C2, "grid_code": "G3",
         "households": 100},
        {**compound, "compound_code": "K5", "name": "五小区", "community_code": C3, "households": 50,
         "lon": k5[0], "lat": k5[1]},
    )  # fmt: skip
    insert(
        con,
        "service_center",
        {"center_code": "S1", "name": "岳阳楼社区党群服务中心", "kind": "社区中心", "community_code": C1,
         "lon": CENTRE[0], "lat": CENTRE[1]},
        # Not a service-centre kind: it sits on K2 and still does not cover it.
        {"center_code": "S2", "name": "物业办公室", "kind": "办公用房", "community_code": C1,
         "lon": k2[0], "lat": k2[1]},
    )  # fmt: skip
    insert(
        con,
        "building",
        {"building_code": "B1", "compound_code": "K1", "party_group_code": "PG1"},
        {"building_code": "B2", "compound_code": "K1"},
        {"building_code": "B3", "compound_code": "K3", "party_group_code": "PG3"},
        {"building_code": "B4", "compound_code": "K3"},
        {"building_code": "B5", "compound_code": "K2"},
    )
    member = {"name_masked": "党*", "member_status": "正式", "registry": "在册"}
    insert(
        con,
        "party_member",
        {**member, "member_key": "M1", "org_code": "P-G1", "is_employed": True,
         "report_community_code": C1, "reported_on": dt.date(2026, 8, 10)},  # this half-year
        {**member, "member_key": "M2", "org_code": "P-G1", "is_employed": True,
         "report_community_code": C1, "reported_on": dt.date(2026, 3, 1)},  # last half-year
        {**member, "member_key": "M3", "org_code": "P-J", "is_employed": True,
         "report_community_code": C2, "reported_on": dt.date(2026, 11, 5)},  # after October
        {**member, "member_key": "M4", "org_code": "P-J", "is_employed": True},  # never; org in 东湖
        {**member, "member_key": "M5", "org_code": "P-J", "is_employed": False},  # retired: not counted
    )  # fmt: skip
    insert(
        con,
        "volunteer",
        *[
            {"volunteer_id": f"V{i}", "name_masked": "志*", "community_code": C1,
             "registered_on": dt.date(2026, 1, 1)}
            for i in range(3)
        ],
        {"volunteer_id": "V9", "name_masked": "志*", "community_code": C1, "registered_on": dt.date(2026, 12, 1)},
        {"volunteer_id": "V8", "name_masked": "志*", "community_code": C3, "registered_on": None},
    )  # fmt: skip
    return con


def numbers(con, metric_id: str, flt: Filter = OCT, scope: Scope | None = None) -> tuple:
    value = metrics.evaluate(con, metric_id, flt, scope, compare=False)
    return value.numerator, value.denominator


def by_key(con, metric_id: str, by: str = "community", flt: Filter = OCT) -> dict:
    frame = metrics.frame_by(con, metric_id, flt, by)
    return {k: (n, d) for k, n, d in frame.select("key", "numerator", "denominator").rows()}


def test_two_new_organisation_rates(street):
    # Operating: O1..O4 (O5 closed). With a Party organisation: O1 (own), O3 (joint) → 2 / 4.
    assert numbers(street, "coverage.org_coverage") == (2, 4)
    assert by_key(street, "coverage.org_coverage") == {C1: (1, 2), C2: (1, 2)}
    # Own branch: of those with ≥ 3 full members (O1: 5, O2: 4), only O1 built its own → 1 / 2.
    assert numbers(street, "coverage.own_branch_rate") == (1, 2)
    # Work coverage: organisation or instructor: O1, O2 (instructor), O3 → 3 / 4.
    assert numbers(street, "coverage.work_coverage") == (3, 4)
    assert metrics.evaluate(street, "coverage.work_coverage", OCT).value == pytest.approx(0.75)


def test_property_company_coverage(street):
    # Companies serving compounds: PC1 (K1), PC2 (K2, K3); PC3 serves none. With an org: PC1 → 1 / 2.
    assert numbers(street, "coverage.property_party_coverage") == (1, 2)
    # 岳阳楼: PC1, PC2 → 1/2; 东湖: PC2 → 0/1 (K4 has no company).
    assert by_key(street, "coverage.property_party_coverage") == {C1: (1, 2), C2: (0, 1)}


def test_grid_and_building_coverage(street):
    # Grid branches: G1 only (G2's 党小组 is not a branch) → 1 / 3.
    assert numbers(street, "coverage.grid_branch_coverage") == (1, 3)
    assert by_key(street, "coverage.grid_branch_coverage", "grid") == {
        "G1": (1, 1),
        "G2": (0, 1),
        "G3": (0, 1),
    }
    # Buildings with a 党小组: B1, B3 of B1..B5 → 2 / 5; 岳阳楼 B1,B2,B5 → 1/3; 东湖 B3,B4 → 1/2.
    assert numbers(street, "coverage.building_group_coverage") == (2, 5)
    assert by_key(street, "coverage.building_group_coverage") == {C1: (1, 3), C2: (1, 2)}


def test_grid_worker_rate_counts_workers_started_by_period_end(street):
    # October: G1 (W1 full-time); W2 is part-time; W3 starts 5 November → 1 / 3.
    assert numbers(street, "coverage.grid_worker_rate") == (1, 3)
    # November: W3 has started → G1, G3 → 2 / 3.
    assert numbers(street, "coverage.grid_worker_rate", NOV) == (2, 3)


def test_dual_report_rate_this_half_year(street):
    # Employed M1..M4 (M5 retired). October's half-year is July–December, reports before 1 November:
    # M1 (10 Aug) yes; M2 (March) no; M3 (5 Nov) no; M4 never → 1 / 4.
    assert numbers(street, "coverage.dual_report_rate") == (1, 4)
    # M4 has no report community: counted in its organisation's community (东湖).
    assert by_key(street, "coverage.dual_report_rate") == {C1: (1, 2), C2: (0, 2)}
    # November: M3's report of 5 November now counts → 2 / 4.
    assert numbers(street, "coverage.dual_report_rate", NOV) == (2, 4)


def test_volunteer_rate(street):
    # Registered before 1 November: 3 in 岳阳楼 (V9 registers in December), 1 undated in 郭亮 → 4;
    # population 2500 + 3000 + 1200 = 6700.
    assert numbers(street, "coverage.volunteer_rate") == (4, 6700)
    value = metrics.evaluate(street, "coverage.volunteer_rate", OCT, compare=False)
    assert value.value == pytest.approx(4 / 6700)
    assert value.status == "red"  # 0.06 % is far below the 10 % target
    # 东湖 has no volunteers: 0 / 3000 is 0 %, not "—".
    assert by_key(street, "coverage.volunteer_rate")[C2] == (0, 3000)


def test_premises_compliance_and_shortfall_list(street):
    # Compliant: 岳阳楼 only (东湖 330 < 360; 郭亮 unknown) → 1 / 3.
    assert numbers(street, "coverage.premises_compliance") == (1, 3)
    short = coverage.premises_shortfall(street, OCT)
    # 郭亮 (unknown area) first, then 东湖 short by 360 − 330 = 30 m².
    assert short["ref"].to_list() == [C3, C2]
    assert short.filter(ref=C2)["shortfall_m2"].item() == pytest.approx(30.0)
    assert short.filter(ref=C2)["required_m2"].item() == pytest.approx(360.0)
    assert short["responsible"].to_list() == ["街道办事处", "街道办事处"]


def test_walking_coverage(street):
    # S1 covers K1 (500 m north), K3 (900 m south) and K5 (990 m west: needs the cos(latitude)
    # bounding box); K2 is 1,500 m east (S2 on top of it is not a centre kind); K4 has no coordinates.
    # Households: covered 300 + 400 + 50 = 750 of 300 + 200 + 400 + 100 + 50 = 1050.
    assert numbers(street, "coverage.walking_coverage") == (750, 1050)
    assert by_key(street, "coverage.walking_coverage") == {C1: (300, 500), C2: (400, 500), C3: (50, 50)}
    outside = coverage.compounds_outside_walking_radius(street, OCT)
    assert outside["ref"].to_list() == ["K2", "K4"]  # by households: 200, 100
    k2 = outside.filter(ref="K2")
    assert k2["nearest_centre"].item() == "岳阳楼社区党群服务中心"
    assert k2["distance_m"].item() == pytest.approx(1500, abs=2)
    assert outside.filter(ref="K4")["item"].item() == "小区无坐标，无法判断步行覆盖"


def test_walking_radius_is_configurable(street, tmp_path, monkeypatch):
    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    path = folder / "coverage.toml"
    path.write_text(path.read_text().replace("walking_radius_m = 1000", "walking_radius_m = 400"))
    monkeypatch.setenv("JIEDAO_CONFIG", str(folder))
    config._load.cache_clear()
    # 400 m: no compound is that close (nearest is K1 at 500 m) → 0 of 1050, a real 0 %, not "—".
    assert numbers(street, "coverage.walking_coverage") == (0, 1050)
    assert metrics.evaluate(street, "coverage.walking_coverage", OCT).value == 0.0


def test_gap_lists(street):
    orgs = coverage.organisations_without_party_org(street, OCT)
    # Operating without an organisation: O2 (4 members, could build its own), O4 (0 members).
    assert orgs["ref"].to_list() == ["O2", "O4"]
    assert orgs["can_build_own"].to_list() == [True, False]
    assert orgs["responsible"].to_list() == ["岳阳楼社区党委", "东湖社区党委"]
    assert orgs["item"].to_list() == ["非公企业未建立党组织", "社会组织未建立党组织"]
    assert orgs["due_at"].null_count() == 2 and orgs["days_overdue"].null_count() == 2
    companies = coverage.property_companies_without_party_org(street, OCT)
    # PC2 serves K3 (400 households, 东湖) and K2 (200, 岳阳楼).
    assert companies.select("ref", "community_code", "households").rows() == [
        ("PC2", C2, 400),
        ("PC2", C1, 200),
    ]
    grids = coverage.grid_gaps(street, OCT)
    # No branch: G2, G3. No full-time worker in October: G2 (part-time), G3 (starts in November).
    assert grids.select("ref", "item").rows() == [
        ("G2", "网格未建立党支部"),
        ("G3", "网格未建立党支部"),
        ("G2", "网格未配备专职网格员"),
        ("G3", "网格未配备专职网格员"),
    ]
    assert grids["responsible"].to_list()[2:] == ["岳阳楼社区居委会", "东湖社区居委会"]


def test_filters_and_scope(street):
    # Grid G3 (东湖): grid-level rows of G3 only; community-level rows of 东湖.
    g3 = Filter.month(2026, 10, grids=("G3",))
    assert numbers(street, "coverage.grid_branch_coverage", g3) == (0, 1)
    assert numbers(street, "coverage.org_coverage", g3) == (1, 2)  # O3, O4 of 东湖
    # A user limited to 岳阳楼 sees 岳阳楼 only, whatever the filter asks.
    scope = Scope(communities=(C1,))
    assert numbers(street, "coverage.org_coverage", OCT, scope) == (1, 2)
    assert coverage.organisations_without_party_org(street, OCT, scope)["ref"].to_list() == ["O2"]


def test_zero_denominators_give_no_value(con):
    # An empty warehouse: every coverage rate is "—" (None), never 0 % and never an error.
    for metric in metrics.all_metrics("coverage"):
        value = metrics.evaluate(con, metric.id, OCT)
        assert value.value is None, metric.id
        assert value.status == "none"
    # A community whose population is 0: its volunteer rate is None, the others still have values.
    insert(con, "community", {"community_code": C1, "name": NAMES[C1], "population": 0})
    frame = metrics.frame_by(con, "coverage.volunteer_rate", OCT)
    assert frame.select("key", "numerator", "denominator", "value").rows() == [(C1, 0.0, 0.0, None)]


def test_every_rate_by_community(street):
    table = coverage.by_community(street, OCT)
    ids = [m.id for m in metrics.all_metrics("coverage")]
    assert table["metric_id"].unique(maintain_order=True).to_list() == ids
    cells = {
        (m, k): (n, d) for m, k, n, d in table.select("metric_id", "key", "numerator", "denominator").rows()
    }
    # As test_two_new_organisation_rates: 岳阳楼 O1 ✓ O2 ✗, 东湖 O3 ✓ O4 ✗.
    assert cells[("coverage.org_coverage", C1)] == (1, 2) and cells[("coverage.org_coverage", C2)] == (1, 2)
    # Premises: 岳阳楼 compliant, 东湖 short, 郭亮 unknown → 1/1, 0/1, 0/1.
    premises = {k: v for (m, k), v in cells.items() if m == "coverage.premises_compliance"}
    assert premises == {C1: (1, 1), C2: (0, 1), C3: (0, 1)}
    # Each rate's rows are exactly the registry's frame_by for that rate.
    for metric_id in ids:
        expected = metrics.frame_by(street, metric_id, OCT).sort("key")
        assert table.filter(metric_id=metric_id).drop("metric_id").equals(expected), metric_id


def test_dual_report_compares_and_draws_only_its_own_half_year(street):
    """The roster keeps each member's latest report only (time grain half_year): 同比 (another
    half-year) never, 环比 only when the month before lies in the same half-year; other rates keep theirs."""
    october = metrics.evaluate(street, "coverage.dual_report_rate", OCT)
    # September, same half (H2): reports before 1 October: M1 (10 Aug) of M1..M4 → 1 / 4.
    assert (october.value, october.previous, october.year_ago) == (0.25, 0.25, None)
    july = metrics.evaluate(street, "coverage.dual_report_rate", Filter.month(2026, 7))
    assert (july.previous, july.year_ago) == (None, None)  # June is in H1
    volunteers = metrics.evaluate(street, "coverage.volunteer_rate", OCT)
    assert volunteers.previous is not None and volunteers.year_ago is not None
    # The 12-month trend ending October draws July … October only; the volunteers' all 12 months.
    trends = metrics.trends(street, ["coverage.dual_report_rate", "coverage.volunteer_rate"], OCT)
    assert trends["coverage.dual_report_rate"]["month"].to_list() == [
        dt.date(2026, m, 1) for m in (7, 8, 9, 10)
    ]
    assert trends["coverage.volunteer_rate"].height == 12


def test_time_grains_decide_what_is_compared():
    dual, roster = metrics.get("coverage.dual_report_rate"), metrics.get("coverage.org_coverage")
    hotline = metrics.get("hotline.tickets")
    assert dual.comparable(OCT, Filter.month(2026, 9)) and not dual.comparable(OCT, Filter.month(2026, 6))
    assert not dual.comparable(OCT, Filter.month(2025, 10))
    assert not roster.comparable(OCT, Filter.month(2026, 9))  # a snapshot has no 环比
    assert hotline.comparable(OCT, Filter.month(2025, 10))
