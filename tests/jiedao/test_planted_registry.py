"""Every planted fact of data/README.md, found the way a page finds it: through the metric registry,
the family functions (hotline, grid, coverage, meetings) and the rating engine — never by raw SQL.

The demo street is seed 2026, as-of 2026-10, scale 1 (the session's ``demo_data``). Planted entities are
identified by the names data/README.md gives them. Expected values come from plain SQL over the
warehouse written in each test (the tables, not the metric queries) or from the README's arithmetic;
the demo's realism is tuned elsewhere, so the tests assert each fact's defining property (red, below 60,
below 10 %, the named branches) rather than incidental totals. Every moment is pinned (``as_of``), so
nothing depends on the machine's clock.
"""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from jiedao import config, db, grid, hotline, meetings, metrics, rating
from jiedao.filters import Filter, add_months

EXPORT = dt.datetime(2026, 11, 1)  # the demo's data end: every open item is judged here
OCTOBER = Filter.month(2026, 10, as_of=EXPORT)
Q3 = Filter.quarter("2026Q3", as_of=dt.datetime(2026, 10, 1))
SLIDE = ("2025Q4", "2026Q1", "2026Q2", "2026Q3")


def code(con, table: str, key: str, name: str) -> str:
    """The code of the row of ``table`` named ``name`` (the README names, the tables hold codes)."""
    found = db.rows(con, f"SELECT {key} FROM {table} WHERE name = ?", [name])
    assert len(found) == 1, f"{table}: {name} not found exactly once"
    return found[0][0]


def communities(con) -> dict[str, str]:
    return dict(db.rows(con, "SELECT community_code, name FROM community"))


def water_tickets(con, flt: Filter) -> int:
    """水污染 tickets received in the filter's period, as the registry's TopN subcategories report them."""
    top = hotline.top_categories(con, flt, n=100, level="subcategory")
    found = top.filter(pl.col("key") == "水污染")["tickets"]
    return int(found[0]) if found.len() else 0


def water_by_community(con, start: dt.date, end: dt.date) -> dict[str, int]:
    """community → 水污染 tickets in [start, end), one registry call per community."""
    return {c: water_tickets(con, Filter(start, end, (c,), as_of=EXPORT)) for c in communities(con)}


def water_by_sql(con, start: dt.date, end: dt.date) -> dict[str, int]:
    rows = db.rows(
        con,
        "SELECT community_code, count(*) FROM hotline_ticket WHERE category_l2 = '水污染' "
        "AND received_at >= ? AND received_at < ? GROUP BY ALL",
        [start, end],
    )
    return {c: 0 for c in communities(con)} | dict(rows)


def patrols_done(con, grid_code: str, month: Filter) -> int:
    """一日双巡 by hand: patrols of the grid's full-time workers on working days, at most 2 a day."""
    return db.scalar(
        con,
        "SELECT coalesce(sum(least(n, 2)), 0) FROM (SELECT count(*) AS n FROM patrol p "
        "JOIN grid_worker w USING (worker_id) JOIN work_calendar c ON c.day = CAST(p.started_at AS DATE) "
        "WHERE w.grid_code = ? AND w.full_time AND c.is_workday AND p.started_at >= ? AND p.started_at < ? "
        "GROUP BY p.worker_id, c.day)",
        [grid_code, month.start, month.end],
    )


def test_jijiahu_water_complaints_cluster_in_one_community_each_summer(demo_con):
    # data/README.md: 吉家湖 tickets (环境保护 > 水污染) come from 洞庭社区 in June–September, most of them
    # from 洞庭社区第五网格 where the lake is; about 4 a month the rest of the year.
    dongting = code(demo_con, "community", "community_code", "洞庭社区")
    lake_grid = code(demo_con, "grid", "grid_code", "洞庭社区第五网格")
    for year in (2025, 2026):
        summer = (dt.date(year, 6, 1), dt.date(year, 10, 1))
        rest = [(dt.date(year, 1, 1), dt.date(year, 6, 1)), (dt.date(year, 10, 1), dt.date(year + 1, 1, 1))]
        rest_months = 8 if year == 2025 else 6  # 2026: Jan–May and October (the data ends with October)

        in_summer = water_by_community(demo_con, *summer)
        assert in_summer == water_by_sql(demo_con, *summer)
        ranked = sorted(in_summer.values(), reverse=True)
        assert max(in_summer, key=in_summer.get) == dongting
        assert ranked[0] >= 3 * ranked[1]  # planted: 145 of the 152 吉家湖 tickets of summer 2025 in 洞庭社区
        off_season = [water_by_community(demo_con, *period) for period in rest]
        assert off_season == [water_by_sql(demo_con, *period) for period in rest]
        dongting_rest = sum(p[dongting] for p in off_season)
        # a summer month in 洞庭社区 brings several times an ordinary month's water complaints (~40 vs ~6) …
        assert in_summer[dongting] / 4 >= 3 * dongting_rest / rest_months
        # … and its share of the street's 水污染 tickets jumps (about 48 % against 25 %)
        street_rest = sum(sum(p.values()) for p in off_season)
        assert in_summer[dongting] / sum(in_summer.values()) > 1.5 * dongting_rest / street_rest
        grids = db.rows(demo_con, "SELECT grid_code FROM grid WHERE community_code = ?", [dongting])
        by_grid = {g: water_tickets(demo_con, Filter(*summer, grids=(g,), as_of=EXPORT)) for (g,) in grids}
        assert max(by_grid, key=by_grid.get) == lake_grid
        assert by_grid[lake_grid] > sum(by_grid.values()) / 2


def test_one_company_slides_silver_yellow_yellow_red(demo_con):
    sliding = code(demo_con, "property_company", "uscc", "岳阳和家物业服务有限公司")
    computed = [rating.rate(demo_con, q).get(sliding).tier for q in SLIDE]
    assert computed == ["silver", "yellow", "yellow", "red"]
    frozen = rating.published(demo_con, "2025Q4")  # the demo froze revision 1 of every ended quarter
    published = [
        rating.published(demo_con, q).filter(pl.col("company_uscc") == sliding)["tier"].item() for q in SLIDE
    ]
    assert published == computed and frozen["revision"].unique().to_list() == [1]


def test_the_sliding_company_is_red_below_60_with_the_deductions_behind_it(demo_con):
    sliding = code(demo_con, "property_company", "uscc", "岳阳和家物业服务有限公司")
    red = rating.rate(demo_con, "2026Q3").get(sliding)
    assert red.tier == "red" and red.total < 60
    assert red.reasons[0]["rule"] == "below_yellow" and "低于 60 分" in red.reasons[0]["zh"]
    # Complaints: tickets verified as the company's fault received in 2026Q3; overdue = closed after the
    # deadline or still open past it when the quarter ended (README: 6 of which 4 overdue).
    complaints = dict(
        db.rows(
            demo_con,
            "SELECT ticket_id, coalesce(closed_at > deadline_at OR (closed_at IS NULL "
            "AND deadline_at < TIMESTAMP '2026-10-01'), false) FROM hotline_ticket "
            "WHERE company_fault AND company_uscc = ? AND received_at >= DATE '2026-07-01' "
            "AND received_at < DATE '2026-10-01'",
            [sliding],
        )
    )
    assert {c["ticket_id"]: c["overdue"] for c in red.complaints} == complaints
    late = sum(complaints.values())
    cut = config.load("rating")["deductions"]  # −1 a complaint, −3 when overdue, at most −20 in all
    expected = min(
        cut["complaint_cap"], late * cut["complaint_overdue"] + (len(complaints) - late) * cut["complaint"]
    )
    assert late > 0 and red.complaint_deduction == expected > 0
    # Findings counted in 2026Q3: the rectification deadline falls in the quarter and was missed.
    findings = db.rows(
        demo_con,
        "SELECT compound_code, item FROM property_inspection WHERE company_uscc = ? AND finding <> '' "
        "AND rectify_by >= DATE '2026-07-01' AND rectify_by < DATE '2026-10-01' "
        "AND (rectified_on IS NULL OR rectified_on > rectify_by)",
        [sliding],
    )
    assert sorted((f["compound_code"], f["item"]) for f in red.findings) == sorted(findings)
    assert red.finding_deduction == cut["unrectified_finding"] * len(findings)
    assert red.total == round(
        sum(red.dimensions.values()) - red.complaint_deduction - red.finding_deduction, 2
    )
    # The published ranking carries the same verdict, reasons and the tickets behind the deduction.
    row = rating.published(demo_con, "2026Q3").filter(pl.col("company_uscc") == sliding).row(0, named=True)
    assert (row["tier"], row["total"], row["complaint_deduction"]) == ("red", red.total, expected)
    assert json.loads(row["reasons"])[0]["rule"] == "below_yellow"
    assert {c["ticket_id"] for c in json.loads(row["detail"])["complaints"]} == set(complaints)


def test_one_company_is_gold_every_quarter(demo_con):
    gold = code(demo_con, "property_company", "uscc", "岳阳民安物业管理有限公司")
    quarters = [
        q for (q,) in db.rows(demo_con, "SELECT DISTINCT quarter FROM property_inspection ORDER BY 1")
    ]
    assert len(quarters) == 8  # 2024Q4 … 2026Q3
    for quarter in quarters:
        rated = rating.rate(demo_con, quarter).get(gold)
        assert (rated.tier, rated.major_complaints) == ("gold", 0) and rated.total >= 90, quarter
        published = rating.published(demo_con, quarter).filter(pl.col("company_uscc") == gold)
        assert published["tier"].to_list() == ["gold"], quarter


def test_a_fire_vetoes_and_a_third_yellow_is_red(demo_con):
    # data/README.md, "by the rules": 嘉信 is 红 in 2025Q3 by the fire's veto and in 2026Q3 as its third
    # consecutive 黄 (its points alone would be 黄 there).
    jiaxin = code(demo_con, "property_company", "uscc", "岳阳市嘉信物业管理有限公司")
    fire = db.scalar(
        demo_con,
        "SELECT quarter FROM property_inspection WHERE company_uscc = ? AND veto_event = '火灾'",
        [jiaxin],
    )
    vetoed = rating.rate(demo_con, fire).get(jiaxin)
    assert fire == "2025Q3" and vetoed.tier == "red" and vetoed.reasons[0]["rule"] == "veto"
    tiers = [rating.rate(demo_con, q).get(jiaxin) for q in ("2026Q1", "2026Q2", "2026Q3")]
    assert [r.tier for r in tiers] == ["yellow", "yellow", "red"]
    assert tiers[-1].reasons[0]["rule"] == "consecutive_yellow" and tiers[-1].total >= 60


def test_two_branches_miss_their_quarterly_assembly(demo_con):
    # Branches (党支部 / 联合党支部) with no 支部党员大会 in 2026Q3, straight from the meeting table.
    missing = {
        name
        for (name,) in db.rows(
            demo_con,
            "SELECT name FROM party_org o WHERE org_type IN ('党支部', '联合党支部') AND NOT EXISTS ("
            "SELECT 1 FROM meeting m WHERE m.org_code = o.org_code AND m.kind = '支部党员大会' "
            "AND m.held_on >= DATE '2026-07-01' AND m.held_on < DATE '2026-10-01')",
        )
    }
    # data/README.md: each of 汴河 and 捕捞's grid branch with the highest code, i.e. its 第五网格's
    assert missing == {"汴河社区第五网格党支部", "捕捞社区第五网格党支部"}
    status = meetings.org_status(demo_con, Q3)
    assert set(status.filter(pl.col("status") == "red")["org_name"]) == missing
    assert status.filter(pl.col("status") == "red")["missed"].to_list() == [1, 1]
    listed = meetings.due_and_missed(demo_con, Q3)
    assert set(listed["responsible"]) == missing and set(listed["kind"]) == {"支部党员大会"}
    assert set(listed["state"]) == {"missed"} and set(listed["due_on"]) == {dt.date(2026, 9, 30)}
    by_org = metrics.frame_by(demo_con, "meetings.compliance_rate", Q3, "org")
    short = by_org.filter(pl.col("value") < 1)
    assert set(short["key"]) == {code(demo_con, "party_org", "org_code", n) for n in missing}
    assert (short["denominator"] - short["numerator"]).to_list() == [1, 1]  # exactly the assembly missing


def test_branch_crossing_seven_full_members_owes_committee_meetings_from_the_next_month(demo_con):
    branch = code(demo_con, "party_org", "org_code", "岳阳市岳州科技有限公司党支部")
    # A 正式 member is full one year after joining (预备 members are not full): the 7th full-from day is
    # when the branch reaches 7 full members; 支委会 are owed from the first month starting after it.
    full_from = [
        day
        for (day,) in db.rows(
            demo_con,
            "SELECT CAST(joined_on + INTERVAL 1 YEAR AS DATE) FROM party_member "
            "WHERE org_code = ? AND member_status = '正式' ORDER BY 1",
            [branch],
        )
    ]
    seventh = full_from[6]
    first = seventh if seventh.day == 1 else add_months(seventh.replace(day=1), 1)
    assert seventh == dt.date(2026, 5, 15) and first == dt.date(2026, 6, 1)  # README: 转正 2026-05-15
    year = meetings.obligations(demo_con, Filter(dt.date(2026, 1, 1), dt.date(2026, 11, 1), as_of=EXPORT))
    mine = year.filter(pl.col("org_code") == branch)
    committee = mine.filter(pl.col("kind") == "支委会").sort("window_start")
    assert committee["window_start"].to_list() == [dt.date(2026, m, 1) for m in range(first.month, 11)]
    assert set(committee["full_members"]) == {7} and committee["compliant"].all()
    before = mine.filter(pl.col("window_start") < first)
    assert before.height > 0 and set(before["full_members"]) == {6}


def test_one_community_volunteer_rate_below_ten_percent(demo_con):
    bianhe = code(demo_con, "community", "community_code", "汴河社区")
    rates = metrics.frame_by(demo_con, "coverage.volunteer_rate", OCTOBER, "community")
    expected = dict(
        db.rows(
            demo_con,
            "SELECT c.community_code, count(v.volunteer_id) / c.population FROM community c "
            "LEFT JOIN volunteer v ON v.community_code = c.community_code AND v.registered_on < DATE '2026-11-01' "
            "GROUP BY c.community_code, c.population",
        )
    )
    assert dict(rates.select("key", "value").rows()) == pytest.approx(expected)
    below = rates.filter(pl.col("value") < 0.10)
    assert below["key"].to_list() == [bianhe] and below["status"].to_list() == ["red"]  # 6.6 % < 8 %
    assert metrics.evaluate(demo_con, "coverage.volunteer_rate", OCTOBER).value >= 0.09  # the street is fine


def test_one_grid_falls_short_of_patrols_in_october(demo_con):
    short = code(demo_con, "grid", "grid_code", "九华山社区第五网格")
    # 一日双巡: 2 patrols per full-time worker per working day; done counts at most 2 a day.
    workdays = db.scalar(
        demo_con,
        "SELECT count(*) FROM work_calendar WHERE is_workday AND day BETWEEN '2026-10-01' AND '2026-10-31'",
    )
    done = patrols_done(demo_con, short, OCTOBER)
    assert workdays == 18  # October 2026: 国庆 1–7 off, Sat 10/10 调休 worked
    completion = metrics.frame_by(demo_con, "grid.patrol_completion", OCTOBER, "grid")
    mine = completion.filter(pl.col("key") == short).row(0, named=True)
    assert (mine["numerator"], mine["denominator"]) == (done, 2 * workdays)  # README: 20 of 36
    assert mine["value"] < 0.6 and mine["status"] == "red"
    assert completion.filter(pl.col("key") != short)["value"].min() >= 0.9
    assert grid.patrol_shortfall(demo_con, OCTOBER)["ref"].to_list() == [short]


def test_a_run_of_overdue_tickets_in_one_category_and_month(demo_con):
    # 按期办结率 by (sub)category for every month: 住房与城乡建设 > 老旧小区改造 in July 2026 stands out.
    first = dt.date(2024, 11, 1)  # the demo's 24 months: November 2024 – October 2026
    months = [Filter(add_months(first, k), add_months(first, k + 1), as_of=EXPORT) for k in range(24)]
    late = {}
    for month in months:
        rates = metrics.frame_by(demo_con, "hotline.on_time_close_rate", month, "subcategory")
        for key, n, d in rates.select("key", "numerator", "denominator").rows():
            late[(key, month.start)] = d - n
    worst = max(late, key=late.get)
    assert worst == ("老旧小区改造", dt.date(2026, 7, 1))
    assert late[worst] >= 2 * max(
        v for k, v in late.items() if k != worst
    )  # README: 38 late, no other beyond 8
    # Due in July (the export's 办结时限 in July), late = not closed by it, counted by hand in SQL.
    due, on_time = db.one(
        demo_con,
        "SELECT count(*), count(*) FILTER (closed_at <= deadline_at) FROM hotline_ticket "
        "WHERE category_l2 = '老旧小区改造' AND deadline_at >= '2026-07-01' AND deadline_at < '2026-08-01' "
        "AND status IS DISTINCT FROM '已退回'",
    )
    july = Filter.month(2026, 7, as_of=EXPORT)
    by_sub = metrics.frame_by(demo_con, "hotline.on_time_close_rate", july, "subcategory")
    renovation = by_sub.filter(pl.col("key") == "老旧小区改造").row(0, named=True)
    assert (renovation["numerator"], renovation["denominator"]) == (on_time, due)
    assert renovation["value"] < 0.8 and renovation["status"] == "red"
    by_category = metrics.frame_by(demo_con, "hotline.on_time_close_rate", july, "category")
    assert by_category.sort("value")["key"][0] == "住房与城乡建设"
    overdue = hotline.overdue(demo_con, july).filter(pl.col("category_l2") == "老旧小区改造")
    assert overdue.height == due - on_time and overdue["item"].str.contains("老旧小区改造").all()


def test_five_members_owe_three_months_or_more(demo_con):
    # Nothing paid (before 1 November) for August–October 2026, owed since before August.
    behind = {
        key
        for (key,) in db.rows(
            demo_con,
            "SELECT member_key FROM party_member WHERE joined_on < DATE '2026-08-01' AND member_key NOT IN ("
            "SELECT member_key FROM dues_payment WHERE month >= DATE '2026-08-01' AND paid_on < DATE '2026-11-01')",
        )
    }
    assert metrics.evaluate(demo_con, "meetings.dues_behind_members", OCTOBER).value == len(behind) == 5
    listed = meetings.members_behind(demo_con, OCTOBER)
    assert set(listed["member_key"]) == behind and (listed["months_behind"] >= 3).all()
    branches = db.rows(
        demo_con,
        "SELECT DISTINCT o.category, m.employment FROM party_member m JOIN party_org o USING (org_code) "
        "WHERE list_contains(?, m.member_key)",
        [sorted(behind)],
    )
    assert branches == [("网格", "离退休")]  # README: retired members of grid branches


def test_quarantined_rows_reach_no_metric(demo_con):
    # The six dirty rows (one per file, README table) are in quarantine; each file's good rows are
    # what the registry counts: rows read − 1.
    loads = {
        name: (read, rejected)
        for name, read, rejected in db.rows(
            demo_con, "SELECT file_name, rows_read, rows_rejected FROM load_log"
        )
    }
    quarantined = {
        rules[0]: json.loads(raw)
        for rules, raw in db.rows(demo_con, "SELECT rules, row_json FROM rejected_rows")
    }
    assert sum(rejected for _, rejected in loads.values()) == len(quarantined) == 6

    def good_rows(file_name: str) -> int:
        read, rejected = loads[file_name]
        assert rejected == 1
        return read - rejected

    # 12345 ticket closed before it was received (March 2026): not among the month's tickets.
    march = Filter.month(2026, 3, as_of=EXPORT)
    bad_ticket = quarantined["closed_before_received"]["工单编号"]
    assert metrics.evaluate(demo_con, "hotline.tickets", march).value == good_rows("12345工单_2026年3月.csv")
    assert bad_ticket not in set(
        metrics.rows_behind(demo_con, "hotline.tickets", march, "numerator")["ticket_id"]
    )
    # Grid event exported twice (the copy still at 处置): counted once, as the closed first copy.
    may = Filter.month(2026, 5, as_of=EXPORT)
    copy = quarantined["duplicate_key"]
    events = metrics.rows_behind(demo_con, "grid.events", may, "numerator")
    assert events.height == good_rows("岳阳楼街道网格事件_2026年5月.csv")
    twice = events.filter(pl.col("event_code") == copy["事件编号"])
    assert (
        twice.height == 1 and twice["status"].item() != copy["状态"] and twice["closed_at"].item() is not None
    )
    # Volunteer of the misspelt 东胡社区: the street's registered volunteers are the roster's good rows.
    volunteers = metrics.evaluate(demo_con, "coverage.volunteer_rate", OCTOBER)
    assert volunteers.numerator == good_rows("岳阳楼街道志愿者名册_2026年10月.xlsx")
    # Member with a bad ID number: October's dues are owed by the roster's good rows only.
    dues = metrics.evaluate(demo_con, "meetings.dues_on_time_rate", OCTOBER)
    assert dues.denominator == good_rows("岳阳楼街道党员名册_2026年10月.xlsx")
    # Meeting on 2026-02-30: each of the branch's 2026Q1 windows of that kind (a quarter for a 党课, a
    # month for a 支委会) counts the real meetings held in it, never the quarantined one.
    meeting = quarantined["bad_date"]
    branch = code(demo_con, "party_org", "org_code", meeting["党组织"])
    q1 = meetings.obligations(demo_con, Filter.quarter("2026Q1", as_of=dt.datetime(2026, 4, 1)))
    windows = q1.filter((pl.col("unit_code") == branch) & (pl.col("kind") == meeting["会议类型"]))
    assert windows.height > 0
    for start, end, held in windows.select("window_start", "window_end", "meetings").rows():
        real = db.scalar(
            demo_con,
            "SELECT count(*) FROM meeting WHERE org_code = ? AND kind = ? AND held_on >= ? AND held_on < ?",
            [branch, meeting["会议类型"], start, end],
        )
        assert held == real, start
    assert meeting["会议编号"] not in {m for (m,) in db.rows(demo_con, "SELECT meeting_id FROM meeting")}
    # Patrol that ended before it started: its worker's August patrols are the loaded ones.
    patrol = quarantined["ended_before_started"]
    august = Filter.month(2026, 8, as_of=EXPORT)
    grid_code = code(demo_con, "grid", "grid_code", patrol["所属网格"])
    done = metrics.frame_by(demo_con, "grid.patrol_completion", august, "grid").filter(
        pl.col("key") == grid_code
    )
    assert done["numerator"].item() == patrols_done(demo_con, grid_code, august) > 0
    assert patrol["巡查编号"] not in {p for (p,) in db.rows(demo_con, "SELECT patrol_id FROM patrol")}
    assert db.scalar(
        demo_con,
        "SELECT count(*) FROM patrol WHERE batch_id = (SELECT batch_id FROM load_log "
        "WHERE file_name = '岳阳楼街道网格员巡查记录_2026年8月.csv')",
    ) == good_rows("岳阳楼街道网格员巡查记录_2026年8月.csv")
