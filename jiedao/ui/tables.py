"""Tables as a street office reads them: dates the Chinese way (2026年10月27日 16:56), whole numbers
with separators, a grid that stays light however long the list, and a CSV of every row.

The grid shows at most ``max_rows`` rows (a browser does not need 80,000 tickets to show the first
screen); the download always holds the whole frame and is built only when clicked.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from jiedao import i18n
from jiedao.exports import csv_bytes

# momentJS formats of Streamlit's date columns, per language
DATETIME_FORMATS = {"zh": "YYYY年M月D日 HH:mm", "en": "YYYY-MM-DD HH:mm"}
DATE_FORMATS = {"zh": "YYYY年M月D日", "en": "YYYY-MM-DD"}
MAX_ROWS = 2000


def column_formats(frame: pl.DataFrame, lang: str) -> dict:
    """Column config for the frame's date, datetime and integer columns."""
    config = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
            config[name] = st.column_config.DatetimeColumn(format=DATETIME_FORMATS[lang], width="medium")
        elif dtype == pl.Date:
            config[name] = st.column_config.DateColumn(format=DATE_FORMATS[lang])
        elif dtype.is_integer():
            config[name] = st.column_config.NumberColumn(format="localized")
    return config


def data_table(
    frame: pl.DataFrame,
    *,
    file_name: str,
    key: str,
    lang: str,
    max_rows: int = MAX_ROWS,
    height: int | None = None,
) -> None:
    """The frame in a grid (the first ``max_rows`` rows, said so under it) and a CSV download of
    all its rows (UTF-8 with BOM, formula-neutralised)."""
    shown = frame.head(max_rows)
    rows_high = min(35 * (shown.height + 1) + 3, 520) if height is None else height
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=rows_high,
        column_config=column_formats(shown, lang),
        placeholder="—",
    )
    if frame.height > max_rows:
        st.caption(
            i18n.t("table_truncated", lang).format(
                shown=i18n.fmt_int(max_rows, lang), total=i18n.fmt_int(frame.height, lang)
            )
        )
    st.download_button(
        i18n.t("download_csv", lang),
        lambda: csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
