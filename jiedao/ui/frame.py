"""Page frame shared by every page: language from the URL, the 数据截至 stamp, safe rendering."""

from __future__ import annotations

import logging
from collections.abc import Callable

import polars as pl
import streamlit as st

from jiedao import i18n
from jiedao.exports import csv_bytes

log = logging.getLogger("jiedao")


def lang() -> str:
    """Language from ``?lang=en`` (Chinese by default); kept in the URL so a view can be shared."""
    return i18n.lang_of(st.query_params.get("lang"))


def guarded(render: Callable[[], None], lang_code: str) -> None:
    """Run a page body; an exception becomes a calm bilingual message, never a traceback."""
    try:
        render()
    except Exception:  # the screen must never show a traceback; the log keeps it
        log.exception("page failed")
        st.error(f"**{i18n.t('error_title', lang_code)}** — {i18n.t('error_body', lang_code)}")


def empty_state(lang_code: str) -> None:
    st.info(f"**{i18n.t('no_data_title', lang_code)}**\n\n{i18n.t('no_data_body', lang_code)}")


def table_with_download(frame: pl.DataFrame, file_name: str, lang_code: str, key: str) -> None:
    height = min(35 * (frame.height + 1) + 3, 780)  # whole short tables, scrolling only for long ones
    st.dataframe(frame, hide_index=True, width="stretch", height=height)
    st.download_button(
        i18n.t("download_csv", lang_code), csv_bytes(frame), file_name=file_name, mime="text/csv", key=key
    )
