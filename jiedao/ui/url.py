"""State kept in the URL (``?lang=en&month=2026-10&community=430602001001``) so any view can be
bookmarked, shared and reloaded.

The URL holds language-independent tokens (codes, ``2026-10``, ``2026Q4``), never display text,
so a link made in Chinese opens the same view in English. Every write goes through ``put``.

Streamlit drops the query string when the user switches page in the sidebar. ``put`` therefore
also remembers the *sticky* parameters (language and the filters every page shares) in the
session, and the router calls ``restore_sticky`` before each page runs: a parameter the user
removed is forgotten too, so only what the navigation dropped comes back.

Widgets (``select``, ``multiselect``) read their value from the URL and write their choice back.
When the URL changes under a widget (a drill-down click in ``jiedao.ui.panels``, a restored
parameter), the widget is moved to the URL's value before it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

STICKY = ("lang", "month", "quarter", "community")
_MEMORY = "_url_memory"


def get(name: str) -> str | None:
    """The parameter's value, or None when absent or empty."""
    return st.query_params.get(name) or None


def get_list(name: str) -> tuple[str, ...]:
    """A comma-separated parameter as a tuple (empty when absent)."""
    return tuple(v for v in (get(name) or "").split(",") if v)


def put(name: str, value: str | Sequence[str] | None) -> None:
    """Set a parameter (a sequence is joined with commas); None or empty removes it."""
    text = value if isinstance(value, str) or value is None else ",".join(value)
    memory = st.session_state.setdefault(_MEMORY, {})
    if text:
        if st.query_params.get(name) != text:
            st.query_params[name] = text
        if name in STICKY:
            memory[name] = text
        return
    if name in st.query_params:
        del st.query_params[name]
    memory.pop(name, None)


def restore_sticky() -> None:
    """Put back the sticky parameters a page switch dropped from the URL; remember those present."""
    memory = st.session_state.setdefault(_MEMORY, {})
    for name in STICKY:
        present = get(name)
        if present:
            memory[name] = present
        elif name in memory:
            st.query_params[name] = memory[name]


def _mark(value: Any, format_func: Callable[[Any], str]) -> str:
    """What a widget shows for ``value``: the value and its text. The text is part of it because
    Streamlit's widgets hold their choice as the displayed text, so a language switch (same value,
    new text) must set the widget again or it keeps showing the old language."""
    items = value if isinstance(value, list) else [value]
    return repr(value) + "|" + "|".join(format_func(v) for v in items)


def _sync(key: str, wanted: Any, current_ok: bool, mark: str | None = None) -> None:
    """Move the widget to the URL's value when the URL changed since the widget last wrote it, or
    when the value's text changed (``mark``, see ``_mark``)."""
    marker = f"{key}__url"
    mark = repr(wanted) if mark is None else mark
    if not current_ok or st.session_state.get(marker) != mark:
        st.session_state[key] = wanted
    st.session_state[marker] = mark


def select(
    name: str,
    options: Sequence[Any],
    *,
    label: str,
    format_func: Callable[[Any], str] = str,
    token: Callable[[Any], str] = str,
    default: Any = None,
    keep_default: bool = True,
    container: Any = None,
    widget: str = "selectbox",
    key: str | None = None,
) -> Any:
    """A single choice bound to ``?name=token``. ``default`` (first option if None) applies when the
    URL has no valid value; ``keep_default=False`` leaves the default out of the URL (e.g. lang=zh).
    ``widget`` is ``selectbox``, ``radio`` or ``segmented_control``. Returns None when there are
    no options."""
    if not options:
        return None
    key = key or f"url_{name}"
    tokens = [token(o) for o in options]
    fallback = options[0] if default is None else default
    wanted = options[tokens.index(get(name))] if get(name) in tokens else fallback
    current = st.session_state.get(key)
    _sync(key, wanted, current is not None and token(current) in tokens, _mark(wanted, format_func))
    draw = getattr(container or st, widget)
    choice = draw(label, options, format_func=format_func, key=key)
    if choice is None:  # a segmented control can be clicked off: keep the URL's value
        choice = wanted
    chosen = token(choice)
    put(name, chosen if keep_default or choice != fallback else None)
    st.session_state[f"{key}__url"] = _mark(choice, format_func)
    return choice


def multiselect(
    name: str,
    options: Sequence[str],
    *,
    label: str,
    format_func: Callable[[str], str] = str,
    placeholder: str = "",
    container: Any = None,
    key: str | None = None,
) -> tuple[str, ...]:
    """Several string choices bound to ``?name=a,b``; values not among ``options`` are dropped."""
    key = key or f"url_{name}"
    wanted = [v for v in get_list(name) if v in options]
    current = st.session_state.get(key)
    _sync(key, wanted, current is not None and all(v in options for v in current), _mark(wanted, format_func))
    draw = container or st
    picked = draw.multiselect(label, list(options), format_func=format_func, placeholder=placeholder, key=key)
    put(name, picked)
    st.session_state[f"{key}__url"] = _mark(list(picked), format_func)
    return tuple(picked)


def sections(name: str, choices: Sequence[tuple[str, str, Callable[[], None]]]) -> str:
    """A page's sections as tabs, the open one kept in ``?name=<id>`` (the first when the URL has
    none or an unknown one; the first is left out of the URL). ``choices`` are (id, label, draw)
    triples; only the open section's ``draw`` runs, inside its tab. Returns the open section's id.

    Streamlit's stateful tabs (``on_change``) rerun the script when another tab is clicked, so a page
    of six sections costs a browser one section's charts and tables on each load, not six."""
    key = f"url_{name}"
    labels = {section: label for section, label, _ in choices}
    ids = {label: section for section, label, _ in choices}
    fallback = choices[0][0]
    wanted = get(name) if get(name) in labels else fallback
    _sync(key, labels[wanted], st.session_state.get(key) in ids, labels[wanted])

    def moved() -> None:
        chosen = ids.get(st.session_state.get(key), fallback)
        put(name, chosen if chosen != fallback else None)

    tabs = st.tabs(list(ids), key=key, on_change=moved)
    for (section, _, draw), tab in zip(choices, tabs, strict=True):
        if tab.open:
            with tab:
                draw()
            return section
    return fallback
