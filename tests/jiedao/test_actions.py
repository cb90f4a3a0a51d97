"""问题清单 on the demo street: the planted facts that need action appear, each item is the family's
own, red before yellow, and a community-scoped user sees only that community's items."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from jiedao import actions, db
from jiedao.filters import Filter, Scope

OCTOBER = Filter.month(2026, 10)  # the demo's last month; judged at 2026-11-01 00:00
BIANHE, BULAO, JIUHUASHAN = "430602001008", "430602001009", "430602001006"


@pytest.fixture(scope="module")
def october(demo_con) -> pl.DataFrame:
    return actions.action_list(demo_con, OCTOBER)


def test_latest_complete_quarter():
    assert actions.latest_complete_quarter(dt.datetime(2026, 11, 1)) == "2026Q3"
    assert actions.latest_complete_quarter(dt.datetime(2026, 10, 1)) == "2026Q3"  # Q3 ends 10-01 00:00
    assert actions.latest_complete_quarter(dt.datetime(2026, 9, 30, 23, 59)) == "2026Q2"
    assert actions.latest_complete_quarter(dt.datetime(2026, 1, 15)) == "2025Q4"


def test_planted_missed_meetings_are_red(october):
    # data/README.md: 汴河社区第五网格党支部 and 捕捞社区第五网格党支部 skip the 2026Q3 支部党员大会,
    # due 2026-09-30; judged at 2026-11-01 that is 32 days overdue (30 Sep → 1 Nov).
    missed = october.filter((pl.col("area") == "组织生活") & (pl.col("severity") == "red"))
    assert sorted(missed["responsible"]) == ["捕捞社区第五网格党支部", "汴河社区第五网格党支部"]
    assert sorted(missed["community_code"]) == [BIANHE, BULAO]
    assert missed["days_overdue"].to_list() == [32, 32]
    assert all("支部党员大会" in item for item in missed["item"])


def test_open_overdue_tickets_match_plain_sql(demo_con, october):
    # Tickets still open at 2026-11-01 whose deadline has passed, counted straight from the table.
    expected = db.scalar(
        demo_con,
        "SELECT count(*) FROM hotline_ticket WHERE closed_at IS NULL AND status <> '已退回' "
        "AND deadline_at < TIMESTAMP '2026-11-01 00:00:00' AND received_at < TIMESTAMP '2026-11-01'",
    )
    tickets = october.filter(pl.col("area") == "12345热线")
    assert tickets.height == expected > 0
    assert (tickets["severity"] == "red").all() and (tickets["days_overdue"] >= 0).all()


def test_planted_patrol_shortfall_and_sliding_company(october):
    grids = october.filter(pl.col("area") == "网格治理")
    # data/README.md: 九华山社区第五网格 did 20 of 36 required patrols in October 2026.
    assert grids["ref"].to_list() == ["43060200100605"] and "20/36" in grids["item"][0]
    carded = october.filter(pl.col("area") == "物业评级")
    slide = carded.filter(pl.col("responsible") == "岳阳和家物业服务有限公司")
    assert slide["severity"].to_list() == ["red"] and slide["item"][0].startswith("2026年第三季度 红牌")
    # The interview is due 30 days (config/actions.toml) after the quarter ended on 2026-10-01.
    assert slide["due_at"][0] == dt.datetime(2026, 10, 31)
    assert not carded.filter(pl.col("responsible") == "岳阳民安物业管理有限公司").height  # always 金


def test_order_red_first_then_most_overdue(october):
    severity = october["severity"].to_list()
    assert severity == sorted(severity, key=actions.SEVERITY_ORDER.get)
    red = october.filter(pl.col("severity") == "red")["days_overdue"].drop_nulls().to_list()
    assert red == sorted(red, reverse=True)


def test_community_scope_sees_only_its_own(demo_con, october):
    scoped = actions.action_list(demo_con, OCTOBER, Scope(communities=(JIUHUASHAN,)))
    assert set(scoped["community_code"]) == {JIUHUASHAN}
    own = october.filter(pl.col("community_code") == JIUHUASHAN)
    assert scoped.sort("area", "ref").equals(own.sort("area", "ref"))


def test_demo_publishes_every_ended_quarter(demo_con):
    # 24 months ending 2026-10: quarters 2024Q4 (Nov–Dec only) … 2026Q3 have ended by 2026-11-01;
    # 2026Q4 has not. Each is frozen once (revision 1), published 10 days after it ended.
    trail = db.rows(demo_con, "SELECT quarter, revision, published_at FROM rating_revision ORDER BY quarter")
    quarters = [q for q, _, _ in trail]
    assert quarters[-1] == "2026Q3" and "2026Q4" not in quarters
    assert {r for _, r, _ in trail} == {1}
    assert trail[-1][2] == dt.datetime(2026, 10, 11)
