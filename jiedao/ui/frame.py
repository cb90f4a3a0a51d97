"""Page frame shared by every page: language from the URL, the header with the 数据截至 stamp and a
stale-data warning, safe rendering, empty states, tables with a download."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

import duckdb
import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from jiedao import catalog, config, i18n
from jiedao.exports import csv_bytes
from jiedao.ui import url
from jiedao.ui.data import snapshot

log = logging.getLogger("jiedao")
DEFAULT_STALE_DAYS = 3


def lang() -> str:
    """Language from ``?lang=en`` (Chinese by default); kept in the URL so a view can be shared.
    Every page calls it first, so it also puts the page back under the router (see below)."""
    _ensure_router()
    return i18n.lang_of(st.query_params.get("lang"))


def _ensure_router() -> None:
    """Run the page through app.py's ``st.navigation``, never on its own.

    Streamlit decides once per server process, at the first session, whether the app is an old
    "pages/ folder" app: it is when a ``pages/`` folder sits beside the entry script, until the
    entry script's ``st.navigation`` runs. If the very first visitor opens a bookmark such as
    ``/status``, Streamlit runs ``pages/status.py`` alone (no router, no language switch, the
    folder listed as the menu) and keeps doing so for everyone. Clearing the flag and rerunning
    sends the same request through app.py, which then selects the same page."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def guarded(render: Callable[[], None], lang_code: str) -> None:
    """Run a page body; an exception becomes a calm bilingual message, never a traceback."""
    try:
        render()
    except Exception:  # the screen must never show a traceback; the log keeps it
        log.exception("page failed")
        st.error(f"**{i18n.t('error_title', lang_code)}** — {i18n.t('error_body', lang_code)}")


def street_title(page_key: str, lang_code: str) -> str:
    """ "岳阳楼街道 · 数据导入": the configured street's name, then the page's."""
    street = config.street()
    name = street.get("name_en", street["name"]) if lang_code == "en" else street["name"]
    return f"{name} · {i18n.t(page_key, lang_code)}"


def stale_days(as_of: dt.datetime | None, now: dt.datetime, limit_days: int) -> int | None:
    """Whole days since ``as_of`` when that is more than ``limit_days``, else None (fresh, or no load)."""
    if as_of is None:
        return None
    days = (now - as_of).days
    return days if days > limit_days else None


def stale_limit() -> int:
    """``[ui] stale_after_days`` of config/street.toml: days without a load before pages warn."""
    return int(config.load("street").get("ui", {}).get("stale_after_days", DEFAULT_STALE_DAYS))


def page_header(
    page_key: str, lang_code: str, *, require_data: bool = True
) -> tuple[str | None, duckdb.DuckDBPyConnection | None]:
    """Title, 数据截至 stamp with the snapshot version, and a warning when the data is stale.

    Returns (version, cursor) of the current snapshot. Before the first publish it returns
    (None, None) and, when ``require_data``, shows the "no data yet" guidance.
    """
    st.title(street_title(page_key, lang_code))
    version, con = snapshot()
    if con is None:
        if require_data:
            empty_state(lang_code)
        return None, None
    as_of = catalog.data_as_of(con)
    stamp = i18n.labelled(i18n.t("data_as_of", lang_code), i18n.fmt_datetime(as_of, lang_code), lang_code)
    st.caption(f"{stamp} · {i18n.t('snapshot', lang_code)} {version.removesuffix('.duckdb')}")
    limit = stale_limit()
    days = stale_days(as_of, dt.datetime.now(), limit)
    if days is not None:
        body = i18n.t("stale_body", lang_code).format(
            days=days, when=i18n.fmt_datetime(as_of, lang_code), limit=limit
        )
        st.warning(f"**{i18n.t('stale_title', lang_code)}** — {body}", icon="⏰")
    return version, con


def empty_state(lang_code: str) -> None:
    st.info(f"**{i18n.t('no_data_title', lang_code)}**\n\n{i18n.t('no_data_body', lang_code)}")


def no_months(lang_code: str) -> None:
    """The empty state of a page that works by month when no month has data yet (no 12345 tickets
    loaded: they set the months a street reports on)."""
    st.info(f"**{i18n.t('no_months_title', lang_code)}**\n\n{i18n.t('no_months_body', lang_code)}")


def no_match(lang_code: str, clear: Sequence[str] = ("community", "grid"), key: str = "no_match") -> None:
    """The empty state for "this filter matches nothing", with a button that clears ``clear``."""
    st.info(f"**{i18n.t('no_match_title', lang_code)}**\n\n{i18n.t('no_match_body', lang_code)}", icon="🔍")
    if st.button(i18n.t("clear_filters", lang_code), key=key):
        for name in clear:
            url.put(name, None)
        st.rerun()


def table_with_download(frame: pl.DataFrame, file_name: str, lang_code: str, key: str) -> None:
    """The rows in a grid (whole when short, scrolling when long) and a CSV download (UTF-8 with BOM)."""
    height = min(35 * (frame.height + 1) + 3, 780)
    st.dataframe(frame, hide_index=True, width="stretch", height=height)
    st.download_button(
        i18n.t("download_csv", lang_code), csv_bytes(frame), file_name=file_name, mime="text/csv", key=key
    )
