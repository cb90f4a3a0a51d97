"""Read-side answers cached per published snapshot.

The same question about the same snapshot is answered once for every visitor: the wall display and
ten analysts opening the overview cost one evaluation. The key is the snapshot version plus the
function and its arguments (a ``Filter`` hashes by its fields), so a new load, which publishes a new
version, is never answered from an older one. ``TTL`` bounds how long an answer about a period that
has not ended yet (open items judged "now") may lag behind the clock.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import duckdb
import streamlit as st

TTL = dt.timedelta(minutes=10)


@st.cache_data(ttl=TTL, max_entries=1024, show_spinner=False)
def _answer(version: str, module: str, name: str, args: tuple, kwargs: tuple, _con: Any) -> Any:
    function = getattr(importlib.import_module(module), name)
    return function(_con, *args, **dict(kwargs))


def call(function: Callable, version: str, con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> Any:
    """``function(con, *args, **kwargs)``, cached per snapshot ``version`` and arguments.

    ``function`` is a module-level function of ``jiedao`` taking the connection first (it is found
    again by module and name, so two functions never share answers); the arguments must be hashable
    by Streamlit (filters, scopes, strings, numbers, tuples). The answer is a copy: changing it does
    not change the cache."""
    return _answer(
        version, function.__module__, function.__qualname__, args, tuple(sorted(kwargs.items())), con
    )
