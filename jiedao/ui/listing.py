"""A list as people read it: chosen columns under Chinese (or English) headers, yes/no instead of
true/false, dates the Chinese way, numbers with thousands separators, and a CSV download of exactly
the rows shown (UTF-8 with BOM, formula-neutralised)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import streamlit as st

from jiedao import catalog, i18n
from jiedao.exports import csv_bytes

Labels = Mapping[str, str]  # column → i18n key of its header, in the order to show


def readable(frame: pl.DataFrame, columns: Labels, lang: str) -> pl.DataFrame:
    """``frame``'s ``columns`` in their order under their headers; booleans as 是/否 (yes/no), dates as
    2026年9月30日 (2026-09-30). Columns the frame lacks are left out."""
    yes, no = i18n.t("yes", lang), i18n.t("no", lang)
    out = []
    for name, key in columns.items():
        if name not in frame.columns:
            continue
        col, dtype = pl.col(name), frame.schema[name]
        if dtype == pl.Boolean:
            col = pl.when(col).then(pl.lit(yes)).when(~col).then(pl.lit(no))
        elif dtype == pl.Date or isinstance(dtype, pl.Datetime):
            col = col.map_elements(lambda d: i18n.fmt_date(d, lang), return_dtype=pl.String)
        out.append(col.alias(i18n.t(key, lang)))
    return frame.select(out)


def list_table(frame: pl.DataFrame, columns: Labels, lang: str, *, file_name: str, key: str) -> pl.DataFrame:
    """Draw the readable list (whole when short, scrolling when long) and its CSV download; returns
    the frame shown."""
    shown = readable(frame, columns, lang)
    numbers = {
        c: st.column_config.NumberColumn(format="localized")
        for c, t in shown.schema.items()
        if t.is_numeric()
    }
    height = min(35 * (shown.height + 1) + 3, 600)
    st.dataframe(shown, hide_index=True, width="stretch", height=height, column_config=numbers)
    st.download_button(
        i18n.t("download_csv", lang), csv_bytes(shown), file_name=file_name, mime="text/csv", key=key
    )
    return shown


def community_names(con) -> dict[str, str]:
    """Community code → name, for the 社区 column of lists that carry only the code."""
    table = catalog.communities(con)
    return dict(zip(table["code"], table["name"], strict=True))
