"""Meeting compliance and dues (DOMAIN.md §3) on three hand-built branches; every expected number is
derived by hand from the rows below.

甲支部 BA (岳阳楼): A1–A6 in BA and A7–A8 in its 党小组 GA, all full since 2011 → 8 full members all
    year (GA's members count for BA) → owes 支委会 every month; A9–A10 are 预备 (never full).
乙支部 BB (岳阳楼): B1–B6 full since 2016; B7 joined 2025-06-15 → full from 2026-06-15, so BB has 6 full
    members on 1 June and 7 on 1 July: its first 支委会 is owed in July. B8 is 预备. No 党小组.
丙支部 BC (东湖): founded 2026-09-10 → owes from the October windows; D1–D3 full (dues fixture).
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from jiedao import config, meetings, metrics
from jiedao.filters import Filter
from tests.conftest import ROOT
from tests.jiedao.fixture_rows import C1, C2, insert

D = dt.date
OCT = Filter.month(2026, 10)
END_OF_OCT = dt.datetime(2026, 11, 1)


@pytest.fixture
def branches(con):
    org = {"org_type": "党支部", "category": "社区", "founded_on": D(2020, 1, 1)}
    insert(
        con,
        "party_org",
        {**org, "org_code": "BA", "name": "甲支部", "community_code": C1},
        {**org, "org_code": "GA", "name": "甲支部第一党小组", "org_type": "党小组", "parent_code": "BA"},
        {**org, "org_code": "BB", "name": "乙支部", "community_code": C1},
        {**org, "org_code": "BC", "name": "丙支部", "community_code": C2, "founded_on": D(2026, 9, 10)},
    )
    full = {"name_masked": "党*", "member_status": "正式", "registry": "在册"}
    members = [
        {**full, "member_key": f"A{i}", "org_code": "BA", "joined_on": D(2010, 7, 1)} for i in range(1, 7)
    ]
    members += [{**full, "member_key": f"A{i}", "org_code": "GA", "joined_on": D(2010, 7, 1)} for i in (7, 8)]
    members += [{**full, "member_key": f"A{i}", "org_code": "BA", "member_status": "预备",
                 "joined_on": D(2026, 3, 1)} for i in (9, 10)]  # fmt: skip
    members += [
        {**full, "member_key": f"B{i}", "org_code": "BB", "joined_on": D(2015, 3, 1)} for i in range(1, 7)
    ]
    members += [
        {**full, "member_key": "B7", "org_code": "BB", "joined_on": D(2025, 6, 15)},
        {**full, "member_key": "B8", "org_code": "BB", "member_status": "预备", "joined_on": D(2026, 2, 1)},
    ]
    members += [
        {**full, "member_key": f"D{i}", "org_code": "BC", "joined_on": D(2010, 1, 1)} for i in (1, 2, 3)
    ]
    insert(con, "party_member", *members)
    held = [
        # September
        ("m01", "BA", "支委会", D(2026, 9, 8), 3, 5),  # 3 × 2 = 6 > 5: quorum
        ("m02", "BA", "主题党日", D(2026, 9, 18), 8, 10),
        ("m03", "GA", "党小组会", D(2026, 9, 19), 2, 2),
        (
            "m04",
            "BA",
            "支部党员大会",
            D(2026, 9, 25),
            5,
            10,
        ),  # 5 × 2 = 10 > 8 full members (not > 10 expected)
        ("m05", "BA", "党课", D(2026, 7, 15), 9, 10),
        ("m06", "BB", "支委会", D(2026, 9, 5), 3, 5),
        ("m07", "BB", "主题党日", D(2026, 9, 30), 7, 8),
        ("m08", "BB", "党课", D(2026, 8, 3), 6, 8),
        # October
        ("m11", "BA", "支委会", D(2026, 10, 10), 4, 5),  # 8 > 5: quorum
        ("m12", "BA", "主题党日", D(2026, 10, 20), 7, 8),
        ("m13", "BB", "支委会", D(2026, 10, 12), 2, 5),  # 4 > 5 fails: held, not valid
        ("m14", "BC", "主题党日", D(2026, 10, 15), 3, 3),
        ("m15", "BC", "支部党员大会", D(2026, 10, 28), 1, 3),  # 2 > 3 fails (3 full members)
    ]
    insert(
        con,
        "meeting",
        *[
            {"meeting_id": i, "org_code": o, "kind": k, "held_on": d, "attendees": a, "expected": e}
            for i, o, k, d, a, e in held
        ],
    )
    return con


def numbers(con, metric_id: str, flt: Filter = OCT) -> tuple:
    value = metrics.evaluate(con, metric_id, flt, compare=False)
    return value.numerator, value.denominator


def test_compliance_rate_october(branches):
    # Obligations closing in October (monthly): BA 支委会 ✓(m11), BA 主题党日 ✓(m12), GA 党小组会 ✗;
    # BB 支委会 (7 full on 1 Oct) held without quorum ✗, BB 主题党日 ✗ (m07 was in September);
    # BC 主题党日 ✓ (m14; BC has 3 full members: no 支委会) → 3 / 6.
    assert numbers(branches, "meetings.compliance_rate") == (3, 6)
    frame = metrics.frame_by(branches, "meetings.compliance_rate", OCT, "org")
    assert sorted(frame.select("key", "numerator", "denominator").rows()) == [
        ("BA", 2, 3),  # GA's 党小组会 answers to BA
        ("BB", 0, 2),
        ("BC", 1, 1),
    ]
    by_community = metrics.frame_by(branches, "meetings.compliance_rate", OCT, "community")
    assert sorted(by_community.select("key", "numerator", "denominator").rows()) == [(C1, 2, 5), (C2, 1, 1)]


def test_quorum_can_be_left_out_of_compliance(branches, tmp_path, monkeypatch):
    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    path = folder / "meetings.toml"
    path.write_text(path.read_text().replace("quorum_counts = true", "quorum_counts = false"))
    monkeypatch.setenv("JIEDAO_CONFIG", str(folder))
    config._load.cache_clear()
    # BB's inquorate 支委会 (m13) now counts as held: 3 + 1 = 4 / 6.
    assert numbers(branches, "meetings.compliance_rate") == (4, 6)


def test_branch_crossing_seven_full_members_mid_year(branches):
    june_july = Filter(D(2026, 6, 1), D(2026, 8, 1))
    rows = meetings.obligations(branches, june_july, as_of=dt.datetime(2026, 8, 1))
    bb = rows.filter(org_code="BB", kind="支委会")
    # 1 June: B1–B6 = 6 full (B7 full from 15 June) → no 支委会; 1 July: 7 → one, missed (none held).
    assert bb.select("window_start", "full_members", "state").rows() == [(D(2026, 7, 1), 7, "missed")]
    # BA has 8 full members throughout (its 党小组's members included) → 支委会 in June and July.
    assert rows.filter(org_code="BA", kind="支委会")["full_members"].to_list() == [8, 8]
    # 党小组会 only where groups exist: GA's, answering to BA; never for BB.
    assert set(rows.filter(kind="党小组会")["unit_code"]) == {"GA"}


def test_new_branch_owes_from_its_first_full_window(branches):
    september = meetings.obligations(branches, Filter.month(2026, 9), as_of=dt.datetime(2026, 10, 1))
    assert "BC" not in september["org_code"].to_list()  # founded 10 September: not in September's windows
    # September, with the quarterly windows closing: BA 支委会 m01, 主题党日 m02, 党小组会 m03, 大会 m04
    # (quorum against 8 full members), 党课 m05 → 5/5; BB 支委会 m06, 主题党日 m07, 党课 m08, 大会 none → 3/4.
    assert numbers(branches, "meetings.compliance_rate", Filter.month(2026, 9)) == (8, 9)


def test_status_colours_as_of(branches):
    def colours(as_of):
        status = meetings.org_status(branches, OCT, as_of=as_of)
        return dict(status.select("org_code", "status").rows())

    # After October closed: BA missed GA's 党小组会, BB missed both → red; BC held its one → green.
    assert colours(END_OF_OCT) == {"BA": "red", "BB": "red", "BC": "green"}
    # 26 October: due 31 October is 5 days away (≤ 7) and not yet held → yellow; nothing closed yet.
    assert colours(dt.datetime(2026, 10, 26, 10)) == {"BA": "yellow", "BB": "yellow", "BC": "green"}
    # 20 October: 11 days away → still green.
    assert colours(dt.datetime(2026, 10, 20)) == {"BA": "green", "BB": "green", "BC": "green"}
    ba = meetings.org_status(branches, OCT, as_of=END_OF_OCT).filter(org_code="BA")
    assert ba.select("required", "held", "on_time", "missed").row(0) == (3, 2, 2, 1)


def test_month_matrix(branches):
    sep_oct = Filter(D(2026, 9, 1), D(2026, 11, 1))
    matrix = meetings.month_matrix(branches, sep_oct, as_of=END_OF_OCT)
    # September: BA 5/5 green; BB 3/4 (no 大会 in Q3) red. October: BA 2/3 red, BB 0/2 red, BC 1/1 green.
    assert matrix.select("org_code", "month", "required", "on_time", "status").rows() == [
        ("BA", D(2026, 9, 1), 5, 5, "green"),
        ("BA", D(2026, 10, 1), 3, 2, "red"),
        ("BB", D(2026, 9, 1), 4, 3, "red"),
        ("BB", D(2026, 10, 1), 2, 0, "red"),
        ("BC", D(2026, 10, 1), 1, 1, "green"),
    ]
    wide = meetings.pivot_matrix(matrix)
    assert wide.columns == ["org_code", "org_name", "2026-09", "2026-10"]
    assert wide.filter(org_code="BC").row(0) == ("BC", "丙支部", None, "green")


def test_due_and_missed_lists(branches):
    missed = meetings.due_and_missed(branches, OCT, as_of=END_OF_OCT)
    # Due 31 October, judged 1 November → 1 day overdue each.
    assert missed.select("ref", "item", "responsible", "days_overdue").rows() == [
        ("GA", "党小组会未按期召开（2026年10月）", "甲支部", 1),
        ("BB", "主题党日未按期召开（2026年10月）", "乙支部", 1),
        ("BB", "支委会到会人数未过半（2026年10月）", "乙支部", 1),
    ]
    assert missed["due_at"].to_list() == [dt.datetime(2026, 10, 31)] * 3
    soon = meetings.due_and_missed(branches, OCT, as_of=dt.datetime(2026, 10, 26, 10))
    assert soon["state"].unique().to_list() == ["due_soon"]
    assert soon["days_left"].to_list() == [5, 5, 5] and soon["days_overdue"].null_count() == 3


def test_attendance_and_quorum(branches):
    # October meetings: m11 4/5, m12 7/8, m13 2/5, m14 3/3, m15 1/3 → 17 / 24.
    assert numbers(branches, "meetings.attendance_rate") == (17, 24)
    # With a quorum rule: m11 ✓, m13 ✗ (4 ≤ 5), m15 ✗ (2 ≤ 3 full members) → 1 / 3.
    assert numbers(branches, "meetings.quorum_rate") == (1, 3)
    # September: m01 ✓, m04 ✓ (10 > 8 full members, though not > 10 expected), m06 ✓ → 3 / 3.
    assert numbers(branches, "meetings.quorum_rate", Filter.month(2026, 9)) == (3, 3)


def test_periods_without_data(branches):
    # Before any branch existed: nothing required → "—", not 0 %.
    value = metrics.evaluate(branches, "meetings.compliance_rate", Filter.month(2019, 5))
    assert (value.denominator, value.value, value.status) == (0, None, "none")
    assert metrics.evaluate(branches, "meetings.attendance_rate", Filter.month(2019, 5)).value is None
    # March 2026: branches owed meetings and held none → a real 0 %: BA 支委会, 主题党日, 党小组会,
    # 大会, 党课 (5) + BB 主题党日, 大会, 党课 (6 full: no 支委会) (3) = 0 / 8.
    assert numbers(branches, "meetings.compliance_rate", Filter.month(2026, 3)) == (0, 8)


@pytest.fixture
def dues(branches):
    paid = [
        *[("D1", D(2026, m, 1), D(2026, m, 10)) for m in (7, 8, 9, 10)],  # always on time
        ("D2", D(2026, 7, 1), D(2026, 7, 5)),
        ("D2", D(2026, 8, 1), D(2026, 9, 3)),  # August paid late, September and October unpaid
        ("D3", D(2026, 6, 1), D(2026, 6, 10)),  # nothing after June
    ]
    insert(
        branches,
        "dues_payment",
        *[{"member_key": k, "month": m, "amount": 12.5, "paid_on": p} for k, m, p in paid],
    )
    return branches


EAST = Filter.month(2026, 10, communities=(C2,))  # 丙支部 only: the dues fixture's members


def test_dues_on_time_rate(dues):
    # October: D1 ✓ (10 Oct ≤ 31 Oct), D2 ✗, D3 ✗ → 1 / 3.
    assert numbers(dues, "meetings.dues_on_time_rate", EAST) == (1, 3)
    # Q3: July D1 ✓ D2 ✓ D3 ✗; August D1 ✓ D2 ✗ (3 Sep) D3 ✗; September D1 ✓ D2 ✗ D3 ✗ → 4 / 9.
    q3 = Filter.quarter("2026Q3", communities=(C2,))
    assert numbers(dues, "meetings.dues_on_time_rate", q3) == (4, 9)


def test_members_three_months_behind(dues):
    # Judged 1 November, October's deadline passed: D2 last paid August → September, October = 2;
    # D3 last paid June → July–October = 4 ≥ 3 → flagged.
    assert metrics.evaluate(dues, "meetings.dues_behind_members", EAST).numerator == 1
    behind = meetings.members_behind(dues, EAST)
    assert behind.select("member_key", "months_behind", "last_paid_month").rows() == [
        ("D3", 4, D(2026, 6, 1))
    ]
    # First unpaid month July, due 31 July; 1 November is 31 + 30 + 31 + 1 = 93 days later.
    assert behind.select("due_at", "days_overdue", "ref", "responsible").row(0) == (
        dt.datetime(2026, 7, 31),
        93,
        "BC",
        "丙支部",
    )
    assert behind["item"].item() == "党费已连续4个月未缴"
    # Judged 1 September: D3 is 2 months behind (July, August); D2's August payment of 3 September
    # does not count yet → 1 month. Nobody is flagged.
    august = Filter.month(2026, 8, communities=(C2,))
    assert metrics.evaluate(dues, "meetings.dues_behind_members", august).numerator == 0
    assert meetings.members_behind(dues, august).is_empty()


def test_list_and_rate_agree(branches):
    # The list runs the metric's own CTEs: judged at the period's end they count the same obligations.
    rows = meetings.obligations(branches, OCT, as_of=END_OF_OCT)
    judged = rows.filter(rows["compliant"] | (rows["state"] == "missed"))
    assert (judged["compliant"].sum(), judged.height) == numbers(branches, "meetings.compliance_rate")


def test_meeting_rules_are_checked():
    rules = config.load("meetings")
    meetings.check_rules(rules)  # the shipped rules are valid
    broken = [{**rules["params"]["meeting_rules"][0], "every_months": 5}]
    with pytest.raises(ValueError, match="第 1 条会议规则.*支部党员大会.*every_months"):
        meetings.check_rules({"params": {"meeting_rules": broken}})
    missing = [{"kind": "党课", "every_months": 3}]
    with pytest.raises(ValueError, match="needs exactly"):
        meetings.check_rules({"params": {"meeting_rules": missing}})


@pytest.fixture
def typed(dues):
    """丙支部 is a 非公企业 branch; 甲 and 乙 stay 社区 branches (the fixture's category)."""
    dues.execute("UPDATE party_org SET category = '非公企业' WHERE org_code = 'BC'")
    return dues


def test_lists_name_the_branch_category(typed):
    matrix = meetings.month_matrix(typed, OCT, as_of=END_OF_OCT)
    assert dict(matrix.select("org_code", "org_category").rows()) == {
        "BA": "社区",
        "BB": "社区",
        "BC": "非公企业",
    }
    missed = meetings.due_and_missed(typed, OCT, as_of=END_OF_OCT)
    # The three misses of test_due_and_missed_lists: GA's (answering to BA) and BB's two, all 社区;
    # BB's 支委会 was held without quorum (held), the others not at all.
    assert missed.select("ref", "org_category", "held").rows() == [
        ("GA", "社区", False),
        ("BB", "社区", False),
        ("BB", "社区", True),
    ]
    behind = meetings.members_behind(typed, EAST)
    assert behind.select("member_key", "org_category").rows() == [("D3", "非公企业")]
    assert meetings.of_categories(matrix, ("非公企业",))["org_code"].unique().to_list() == ["BC"]
    assert meetings.of_categories(matrix, ()).height == matrix.height


def test_rates_for_branch_categories(typed):
    def pairs(values):
        return {mid.split(".")[1]: (v.numerator, v.denominator) for mid, v in values.items()}

    # 社区 = 甲 + 乙. Compliance (test_compliance_rate_october): BA 2/3 + BB 0/2 = 2/5. Attendance:
    # m11 4/5, m12 7/8, m13 2/5 → 13/18. Quorum: m11 ✓, m13 ✗ → 1/2. Dues in October: only D1 paid,
    # and D1 is 丙's: 0 of BA's 10 members (A1–A10) + BB's 8 (B1–B8) = 0/18. Behind (judged 1 Nov;
    # records start June, so anyone who joined by August and paid nothing for Aug–Oct): all 18.
    community = meetings.rates(typed, OCT, ("社区",))
    assert pairs(community) == {
        "compliance_rate": (2, 5),
        "attendance_rate": (13, 18),
        "quorum_rate": (1, 2),
        "dues_on_time_rate": (0, 18),
        "dues_behind_members": (18, None),
    }
    rate = community["meetings.compliance_rate"]
    assert rate.value == pytest.approx(0.4) and rate.status == "red"
    # 环比 September: BA 5/5 + BB 3/4 = 8/9. 同比 October 2025: BA owes 支委会 (8 full), 主题党日 and
    # GA's 党小组会, BB (6 full: B7 not yet full) 主题党日; nothing held in 2025 → 0/4 = 0.
    assert rate.previous == pytest.approx(8 / 9) and rate.year_ago == 0
    # 非公企业 = 丙: compliance m14 1/1; attendance m14 3/3 + m15 1/3 = 4/6; quorum m15 ✗ 0/1; dues D1 of
    # D1–D3 = 1/3 (test_dues_on_time_rate); behind D3 only.
    private = meetings.rates(typed, OCT, ("非公企业",))
    assert pairs(private) == {
        "compliance_rate": (1, 1),
        "attendance_rate": (4, 6),
        "quorum_rate": (0, 1),
        "dues_on_time_rate": (1, 3),
        "dues_behind_members": (1, None),
    }
    # 丙 was founded in September 2026: nothing was owed in September or a year before → no value.
    assert private["meetings.compliance_rate"].previous is None
    assert private["meetings.compliance_rate"].year_ago is None
    # Both categories together are the whole street, which is evaluate_family exactly.
    street = meetings.rates(typed, OCT)
    assert pairs(street) == {
        "compliance_rate": (3, 6),
        "attendance_rate": (17, 24),
        "quorum_rate": (1, 3),
        "dues_on_time_rate": (1, 21),
        "dues_behind_members": (19, None),
    }
    assert pairs(meetings.rates(typed, OCT, ("社区", "非公企业"))) == pairs(street)
    assert pairs(meetings.rates(typed, OCT, ("机关",)))["compliance_rate"] == (0, 0)


def test_months_and_branches(branches):
    # Meetings were held in July (m05), August (m08), September and October.
    assert meetings.months(branches) == [D(2026, 10, 1), D(2026, 9, 1), D(2026, 8, 1), D(2026, 7, 1)]
    # Every organisation but the 党小组 GA answers for its meetings.
    assert meetings.branches(branches).select("org_code", "org_category", "community_code").rows() == [
        ("BA", "社区", C1),
        ("BB", "社区", C1),
        ("BC", "社区", C2),
    ]
