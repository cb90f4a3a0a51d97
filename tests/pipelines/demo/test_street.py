"""The demo street as loaded in the warehouse: the shape DOMAIN.md asks for (volumes, branch rules,
lifecycles, working-day deadlines, seasons). Every check is plain SQL over the warehouse."""

from __future__ import annotations

from jiedao import db


def one(con, sql: str, params=None):
    return db.scalar(con, sql, params)


def test_volumes_of_a_real_street(demo_con):
    assert 43_000 <= one(demo_con, "SELECT sum(population) FROM community") <= 47_000
    assert one(demo_con, "SELECT count(*) FROM community") == 9
    assert one(demo_con, "SELECT min(households) >= 300 AND max(households) <= 500 FROM grid")
    assert one(
        demo_con,
        "SELECT min(n) >= 4 AND max(n) <= 8 FROM (SELECT count(*) n FROM grid GROUP BY community_code)",
    )
    assert 1_300 <= one(demo_con, "SELECT count(*) FROM party_member") <= 1_700
    # about 100 党委 and branches (1 党工委, 9 社区党委, 38 grid branches, 6 of 机关/事业单位/国企, 11 own and
    # 24 joint branches of 两新组织, 6 own and 3 joint of property companies = 98) and 4 ordinary
    # 党小组, plus a 楼栋党小组 in about 70 % of the 38 grid branches (~27): about 129
    assert 115 <= one(demo_con, "SELECT count(*) FROM party_org") <= 145
    assert one(demo_con, "SELECT count(*) FROM organisation") == 300
    assert one(demo_con, "SELECT count(*) FROM property_company") == 25
    assert 85 <= one(demo_con, "SELECT count(*) FROM compound") <= 95
    assert one(demo_con, "SELECT count(*) FROM grid_worker") == 60
    assert 4_200 <= one(demo_con, "SELECT count(*) FROM volunteer") <= 5_000
    # 24 months, about 20,000 tickets and 15,000 grid events a year
    assert 36_000 <= one(demo_con, "SELECT count(*) FROM hotline_ticket") <= 44_000
    assert 27_000 <= one(demo_con, "SELECT count(*) FROM grid_event") <= 33_000


def test_places_match_the_shared_codes_and_the_scenic_grid(demo_con):
    names = db.rows(demo_con, "SELECT community_code, name FROM community ORDER BY 1")
    assert names[0] == ("430602001001", "岳阳楼社区") and names[8] == ("430602001009", "捕捞社区")
    assert one(demo_con, "SELECT count(*) FROM grid WHERE grid_code NOT LIKE community_code || '__'") == 0
    scenic = db.rows(demo_con, "SELECT name, community_code FROM grid WHERE grid_type = '专属网格'")
    assert scenic == [("岳阳楼景区专属网格", "430602001001")]


def test_self_governed_compounds_have_no_company(demo_con):
    rows = db.rows(
        demo_con,
        "SELECT c.name, m.name FROM compound c JOIN community m USING (community_code) "
        "WHERE c.company_uscc IS NULL AND c.self_governed ORDER BY 1",
    )
    assert rows == [
        ("北门新区", "九华山社区"),
        ("天润小区", "九华山社区"),
        ("新世苑家属区", "岳阳楼社区"),
        ("磷化小区", "九华山社区"),
        ("迎奥小区", "剪刀池社区"),
    ]
    assert one(demo_con, "SELECT count(*) FROM compound WHERE company_uscc IS NULL") == 5


def test_branch_rules(demo_con):
    # every branch has at least 3 full members; joint branches cover at most 5 units
    assert (
        one(
            demo_con,
            """SELECT min(n) FROM (SELECT o.org_code, count(m.member_key) FILTER (m.member_status = '正式') n
                             FROM party_org o LEFT JOIN party_member m USING (org_code)
                             WHERE o.org_type IN ('党支部', '联合党支部') GROUP BY ALL)""",
        )
        >= 3
    )
    assert one(demo_con, "SELECT max(units_covered) FROM party_org WHERE org_type = '联合党支部'") <= 5
    # a 支委会 is held only by a branch with >= 7 full members (正式 one year after joining) that day
    assert (
        one(
            demo_con,
            """SELECT count(*) FROM meeting t WHERE kind = '支委会' AND (
                              SELECT count(*) FROM party_member m WHERE m.org_code = t.org_code
                              AND m.member_status = '正式' AND m.joined_on + INTERVAL 1 YEAR <= t.held_on) < 7""",
        )
        == 0
    )
    assert one(demo_con, "SELECT count(*) FROM meeting WHERE attendees > expected") == 0
    # 党小组 hang under branches, and the 楼栋台账 links 楼栋党小组
    assert (
        one(
            demo_con,
            """SELECT count(*) FROM party_org g JOIN party_org b ON g.parent_code = b.org_code
                             WHERE g.org_type = '党小组' AND b.org_type = '党支部'""",
        )
        >= 6
    )
    assert (
        one(
            demo_con,
            """SELECT count(DISTINCT b.party_group_code) FROM building b JOIN party_org g
                             ON g.org_code = b.party_group_code WHERE g.category = '楼栋'""",
        )
        >= 3
    )


def test_one_branch_crosses_seven_full_members_and_starts_its_committee(demo_con):
    crossing = db.rows(
        demo_con,
        """
        SELECT org_code, min(held_on) FILTER (kind = '支委会'), min(held_on)
        FROM meeting JOIN party_org USING (org_code) WHERE org_type = '党支部' GROUP BY org_code
        HAVING min(held_on) FILTER (kind = '支委会') > DATE '2025-12-31'""",
    )
    assert len(crossing) == 1
    org, first_committee, _ = crossing[0]
    # its 7th full member joined 2025-05-15 and became 正式 on 2026-05-15; 支委会 from June 2026
    full_before = one(
        demo_con,
        "SELECT count(*) FROM party_member WHERE org_code = ? AND member_status = '正式' "
        "AND joined_on + INTERVAL 1 YEAR <= DATE '2026-05-01'",
        [org],
    )
    full_after = one(
        demo_con, "SELECT count(*) FROM party_member WHERE org_code = ? AND member_status = '正式'", [org]
    )
    assert (full_before, full_after) == (6, 7)
    assert str(first_committee)[:7] == "2026-06"


def test_required_meetings_per_branch(demo_con):
    # 主题党日 every month and 党课 every quarter for every branch (24 months, 8 full quarters + Nov-Dec 2024)
    counts = db.rows(
        demo_con,
        """
        SELECT min(n_day), max(n_day), min(n_lesson) FROM (
          SELECT org_code, count(*) FILTER (kind = '主题党日') n_day, count(*) FILTER (kind = '党课') n_lesson
          FROM meeting JOIN party_org USING (org_code) WHERE org_type IN ('党支部', '联合党支部') GROUP BY org_code)""",
    )
    assert counts == [(24, 24, 9)]
    assert one(demo_con, "SELECT count(DISTINCT org_code) FROM meeting WHERE kind = '党小组会'") == one(
        demo_con, "SELECT count(*) FROM party_org WHERE org_type = '党小组'"
    )


def test_hotline_deadlines_are_working_days_per_appeal_type(demo_con):
    # limit in working days: 咨询/表扬 2, 求助 5, 投诉/举报/建议 7, extended 15; 紧急 2 hours
    wrong = one(
        demo_con,
        """
        SELECT count(*) FROM hotline_ticket t
        JOIN work_calendar r ON r.day = CAST(t.received_at AS DATE)
        JOIN work_calendar d ON d.day = CAST(t.deadline_at AS DATE)
        WHERE t.urgency = '一般' AND (
          d.workday_index - r.workday_index NOT IN (15, CASE t.appeal_type WHEN '咨询' THEN 2 WHEN '表扬' THEN 2
                                                         WHEN '求助' THEN 5 ELSE 7 END)
          OR NOT d.is_workday OR CAST(t.deadline_at AS TIME) <> CAST(t.received_at AS TIME))""",
    )
    assert wrong == 0
    assert (
        one(
            demo_con,
            "SELECT count(*) FROM hotline_ticket WHERE urgency = '紧急' "
            "AND deadline_at <> received_at + INTERVAL 2 HOUR",
        )
        == 0
    )
    assert one(demo_con, "SELECT count(*) FROM hotline_ticket WHERE urgency = '紧急'") > 100


def test_hotline_lifecycle_is_in_order_and_mostly_on_time(demo_con):
    assert (
        one(
            demo_con,
            """SELECT count(*) FROM hotline_ticket WHERE dispatched_at < received_at
        OR signed_at < dispatched_at OR contacted_at < signed_at OR replied_at < contacted_at
        OR closed_at < replied_at OR visited_at < closed_at""",
        )
        == 0
    )
    on_time = one(
        demo_con,
        "SELECT avg(CASE WHEN closed_at <= deadline_at THEN 1 ELSE 0 END) FROM hotline_ticket "
        "WHERE deadline_at < TIMESTAMP '2026-11-01'",
    )
    assert 0.94 <= on_time <= 0.99
    satisfied = one(
        demo_con,
        "SELECT count(*) FILTER (satisfaction IN ('满意', '基本满意')) / count(*) "
        "FROM hotline_ticket WHERE satisfaction IN ('满意', '基本满意', '不满意')",
    )
    assert 0.9 <= satisfied <= 0.98
    # tickets open at the export moment: the backlog of the last days of October
    assert one(
        demo_con,
        "SELECT min(received_at) >= TIMESTAMP '2026-10-01' FROM hotline_ticket WHERE closed_at IS NULL",
    )
    assert one(demo_con, "SELECT count(*) FROM hotline_ticket WHERE returned_count > 0") > 500
    assert one(demo_con, "SELECT count(*) FROM hotline_ticket WHERE reopened_count > 0") > 300


def test_company_fault_only_on_property_tickets_with_a_company(demo_con):
    assert (
        one(
            demo_con,
            "SELECT count(*) FROM hotline_ticket WHERE company_fault IS NOT NULL "
            "AND (category_l1 <> '物业管理' OR company_uscc IS NULL)",
        )
        == 0
    )
    assert one(demo_con, "SELECT count(*) FROM hotline_ticket WHERE company_fault") > 100


def test_seasons_weekdays_and_hours(demo_con):
    def share(sql):
        return one(demo_con, sql)

    summer_noise = share(
        "SELECT count(*) FROM hotline_ticket WHERE category_l1 = '噪音扰民' AND month(received_at) IN (7, 8)"
    )
    winter_noise = share(
        "SELECT count(*) FROM hotline_ticket WHERE category_l1 = '噪音扰民' AND month(received_at) IN (1, 2)"
    )
    assert summer_noise > 2 * winter_noise
    summer_water = share(
        "SELECT count(*) FROM hotline_ticket WHERE category_l2 = '供水' AND month(received_at) IN (7, 8)"
    )
    winter_water = share(
        "SELECT count(*) FROM hotline_ticket WHERE category_l2 = '供水' AND month(received_at) IN (1, 2)"
    )
    assert summer_water > 2 * winter_water
    winter_heat = share(
        "SELECT count(*) FROM hotline_ticket WHERE category_l2 IN ('燃气供应', '供电') AND month(received_at) IN (12, 1)"
    )
    summer_heat = share(
        "SELECT count(*) FROM hotline_ticket WHERE category_l2 IN ('燃气供应', '供电') AND month(received_at) IN (6, 7)"
    )
    assert winter_heat > 2 * summer_heat
    monday = share("SELECT count(*) FROM hotline_ticket WHERE dayofweek(received_at) = 1")
    sunday = share("SELECT count(*) FROM hotline_ticket WHERE dayofweek(received_at) = 0")
    assert monday > 1.5 * sunday
    evening_noise = share(
        "SELECT avg(CASE WHEN hour(received_at) >= 19 THEN 1 ELSE 0 END) FROM hotline_ticket "
        "WHERE category_l1 = '噪音扰民'"
    )
    evening_other = share(
        "SELECT avg(CASE WHEN hour(received_at) >= 19 THEN 1 ELSE 0 END) FROM hotline_ticket "
        "WHERE category_l1 = '人力资源社会保障'"
    )
    assert evening_noise > 3 * evening_other


def test_grid_events_close_the_loop_against_their_class(demo_con):
    assert one(demo_con, "SELECT count(*) FROM grid_event WHERE category_code NOT SIMILAR TO '[0-9]{4}'") == 0
    assert (
        one(
            demo_con,
            """SELECT count(*) FROM grid_event WHERE registered_at < reported_at OR dispatched_at < registered_at
        OR handled_at < dispatched_at OR feedback_at < handled_at OR checked_at < feedback_at OR closed_at < checked_at""",
        )
        == 0
    )
    assert (
        one(
            demo_con,
            "SELECT count(*) FROM grid_event WHERE deadline_class = '即办' "
            "AND deadline_at <> CAST(reported_at AS DATE) + INTERVAL '23:59:59'",
        )
        == 0
    )
    classes = dict(db.rows(demo_con, "SELECT deadline_class, count(*) FROM grid_event GROUP BY 1"))
    assert set(classes) == {"即办", "一般", "复杂", "延期"}
    on_time = one(
        demo_con,
        "SELECT avg(CASE WHEN handled_at <= deadline_at THEN 1 ELSE 0 END) FROM grid_event "
        "WHERE handled_at IS NOT NULL",
    )
    assert 0.9 < on_time < 0.99


def test_patrols_are_two_a_day_per_worker_on_working_days(demo_con):
    weekend = one(
        demo_con,
        "SELECT count(*) FROM patrol p JOIN work_calendar c ON c.day = CAST(p.started_at AS DATE) "
        "WHERE NOT c.is_workday",
    )
    assert weekend == 0
    most = one(
        demo_con,
        "SELECT max(n) FROM (SELECT worker_id, CAST(started_at AS DATE), count(*) n FROM patrol GROUP BY ALL)",
    )
    assert most == 2


def test_dues_are_monthly_and_five_members_owe_three_months(demo_con):
    # the smallest amount is the flat 0.2 CNY of students and low-income members; a member's
    # monthly amount is fixed by the income band, so it is the same every month
    assert float(one(demo_con, "SELECT min(amount) FROM dues_payment")) == 0.2
    assert one(demo_con, "SELECT count(DISTINCT month) FROM dues_payment") == 24
    assert (
        one(
            demo_con,
            "SELECT max(n) FROM (SELECT count(DISTINCT amount) n FROM dues_payment GROUP BY member_key)",
        )
        == 1
    )
    # five members have paid nothing for the last three months (Aug–Oct 2026) though they joined earlier
    arrears = one(
        demo_con,
        """SELECT count(*) FROM party_member m WHERE m.joined_on < DATE '2026-01-01' AND NOT EXISTS (
        SELECT 1 FROM dues_payment d WHERE d.member_key = m.member_key AND d.month >= DATE '2026-08-01')""",
    )
    assert arrears == 5
