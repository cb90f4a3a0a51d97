"""Answers cached per snapshot: asked twice, computed once; a new snapshot or other arguments,
computed again; a running period's answer is keyed by the slice of time it was judged in."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from jiedao.filters import Filter
from jiedao.ui.cache import clock

CALLS: list[tuple] = []


def counted(con, flt: Filter, n: int = 1) -> int:
    """A stand-in for a jiedao read function: records each real computation."""
    CALLS.append((con, flt, n))
    return len(CALLS)


def cache_script():
    import streamlit as st

    from jiedao.filters import Filter
    from jiedao.ui import cache
    from tests.jiedao.ui import test_cache

    october = Filter.month(2025, 10)
    answers = [
        cache.call(test_cache.counted, "v1", "con", october),
        cache.call(test_cache.counted, "v1", "another cursor", october),  # the connection is no key
        cache.call(test_cache.counted, "v1", "con", october, n=2),
        cache.call(test_cache.counted, "v2", "con", october),
        cache.Asker("v1", "con").rows(test_cache.counted, october),  # row lists: a cache of their own
        cache.call_rows(test_cache.counted, "v1", "con", october),
    ]
    st.markdown(",".join(map(str, answers)))


def test_the_same_question_about_the_same_snapshot_is_computed_once():
    CALLS.clear()
    at = AppTest.from_function(cache_script, default_timeout=30).run()
    assert not at.exception
    assert at.markdown[0].value == "1,1,2,3,4,4"
    at.run()  # another visit: every answer comes from the cache
    assert at.markdown[0].value == "1,1,2,3,4,4" and len(CALLS) == 4


def test_only_a_running_period_is_keyed_by_the_clock():
    october = Filter.month(2026, 10)
    during = dt.datetime(2026, 10, 27, 14, 58)
    assert clock([october], during) == "2026-10-27T14:50"  # 10-minute slices
    assert clock([october], during + dt.timedelta(minutes=3)) == "2026-10-27T15:00"
    assert clock([october], dt.datetime(2026, 11, 1, 0, 0)) == ""  # ended: fixed for the snapshot
    pinned = Filter.month(2026, 10, as_of=dt.datetime(2026, 10, 20))
    assert clock([pinned, "hotline"], during) == ""  # judged at a pinned moment
