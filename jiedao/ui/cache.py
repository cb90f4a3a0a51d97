"""Read-side answers cached per published snapshot.

The same question about the same snapshot is answered once for every visitor: the wall display and
ten analysts opening the overview cost one evaluation. The key is the snapshot version plus the
function and its arguments (a ``Filter`` hashes by its fields), so a new load, which publishes a new
version, is never answered from an older one. A question about a period that has not ended judges
open items "now": its key also holds the current ``CLOCK``-long slice of time, so such an answer
lags the clock by at most that much. Answers about ended periods stay for the snapshot's life.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from typing import Any

import duckdb
import streamlit as st

from jiedao.filters import TIMEZONE, Filter

CLOCK = dt.timedelta(minutes=10)
MAX_ENTRIES = 512  # numbers, small lists and frames of a few hundred rows
MAX_ROW_LISTS = 16  # row-level lists: tens of thousands of tickets at district scale, so few of them


def _run(module: str, name: str, args: tuple, kwargs: tuple, con: Any) -> Any:
    function = getattr(importlib.import_module(module), name)
    return function(con, *args, **dict(kwargs))


@st.cache_data(max_entries=MAX_ENTRIES, show_spinner=False)
def _answer(version: str, clock: str, module: str, name: str, args: tuple, kwargs: tuple, _con: Any) -> Any:
    return _run(module, name, args, kwargs, _con)


@st.cache_data(max_entries=MAX_ROW_LISTS, show_spinner=False)
def _rows(version: str, clock: str, module: str, name: str, args: tuple, kwargs: tuple, _con: Any) -> Any:
    return _run(module, name, args, kwargs, _con)


def clock(arguments: Iterable[Any], now: dt.datetime | None = None) -> str:
    """ "" when no argument is a filter of a running period (its answer is fixed for a snapshot);
    otherwise the start of the current ``CLOCK`` slice of time, e.g. "2026-10-27T14:50"."""
    now = now or dt.datetime.now(TIMEZONE).replace(tzinfo=None)
    running = any(
        isinstance(a, Filter) and a.as_of is None and dt.datetime.combine(a.end, dt.time()) > now
        for a in arguments
    )
    if not running:
        return ""
    slices = (now - dt.datetime.combine(now.date(), dt.time())) // CLOCK
    return (dt.datetime.combine(now.date(), dt.time()) + slices * CLOCK).isoformat(timespec="minutes")


def _key(function: Callable, args: tuple, kwargs: dict) -> tuple:
    return (
        clock([*args, *kwargs.values()]),
        function.__module__,
        function.__qualname__,
        args,
        tuple(sorted(kwargs.items())),
    )


def call(function: Callable, version: str, con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> Any:
    """``function(con, *args, **kwargs)``, cached per snapshot ``version`` and arguments.

    ``function`` is a module-level function of ``jiedao`` taking the connection first (it is found
    again by module and name, so two functions never share answers); the arguments must be hashable
    by Streamlit (filters, scopes, strings, numbers, tuples). The answer is a copy: changing it does
    not change the cache."""
    return _answer(version, *_key(function, args, kwargs), con)


def call_rows(
    function: Callable, version: str, con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any
) -> Any:
    """``call`` for row-level lists (the tickets behind a number), kept in a smaller cache."""
    return _rows(version, *_key(function, args, kwargs), con)


class Asker:
    """``call`` and ``call_rows`` bound to one snapshot, for a page's parts: ``ask(f, flt)``,
    ``ask.rows(f, flt)``."""

    def __init__(self, version: str, con: duckdb.DuckDBPyConnection):
        self.version, self.con = version, con

    def __call__(self, function: Callable, *args: Any, **kwargs: Any) -> Any:
        return call(function, self.version, self.con, *args, **kwargs)

    def rows(self, function: Callable, *args: Any, **kwargs: Any) -> Any:
        return call_rows(function, self.version, self.con, *args, **kwargs)
