"""The overview's arrangement of registry numbers: the community comparison (every community, the
whole street whatever is picked), the 问题清单 counts per area. The
tickets are test_hotline.py's, whose deadlines are worked out there."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest

from jiedao import overview
from jiedao.filters import Scope
from tests.jiedao.rows import C1, C2, C3, insert, street
from tests.jiedao.test_hotline import OCTOBER, TICKETS


@pytest.fixture
def tickets(con):
    street(con)
    insert(con, "hotline_ticket", TICKETS)
    return con


def test_comparison_has_every_community_whatever_is_picked(tickets):
    picked = replace(OCTOBER, communities=(C3,))
    frame = overview.comparison(tickets, "hotline.on_time_close_rate", picked)
    rows = {r["key"]: r for r in frame.iter_rows(named=True)}
    assert list(rows) == [C1, C2, C3]
    # 岳阳楼: due H1 H2 H3 H4, on time H1 H4 → 2/4. 东湖: only H7, returned → nothing due, no value.
    # 郭亮: H11 on time → 1/1.
    assert (rows[C1]["numerator"], rows[C1]["denominator"], rows[C1]["value"]) == (2, 4, 0.5)
    assert (rows[C2]["value"], rows[C2]["status"]) == (None, "none")
    assert (rows[C3]["value"], rows[C3]["name"]) == (1.0, "郭亮社区")
    # a user who may see only 郭亮 compares nothing else
    scoped = overview.comparison(tickets, "hotline.on_time_close_rate", OCTOBER, Scope(communities=(C3,)))
    assert scoped["key"].to_list() == [C3]


def test_action_counts_per_area_with_empty_areas():
    listed = pl.DataFrame(
        {
            "area": ["12345热线", "12345热线", "党费", "12345热线"],
            "severity": ["red", "yellow", "yellow", "red"],
        }
    )
    counts = {
        r["area"]: (r["red"], r["yellow"], r["total"])
        for r in overview.action_counts(listed).iter_rows(named=True)
    }
    # hotline: 2 red + 1 yellow; dues: 1 yellow; the other four areas none
    assert counts == {
        "hotline": (2, 1, 3),
        "meetings": (0, 0, 0),
        "dues": (0, 1, 1),
        "coverage": (0, 0, 0),
        "grid": (0, 0, 0),
        "property": (0, 0, 0),
    }
