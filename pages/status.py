"""数据概况 Loaded data: tables and row counts, recent loads, quarantined rows per batch."""

import polars as pl
import streamlit as st

from jiedao import catalog, i18n
from jiedao.ui import loads
from jiedao.ui.frame import guarded, lang, page_header, table_with_download

code = lang()


def render() -> None:
    _, con = page_header("page_status", code)
    if con is None:
        return
    st.markdown(i18n.t("status_intro", code))
    counts = catalog.table_counts(con)
    data_rows = counts.filter(~pl.col("table_name").is_in(["load_log", "rejected_rows"]))["rows"].sum()
    quarantined = counts.filter(pl.col("table_name") == "rejected_rows")["rows"].sum()
    batches = counts.filter(pl.col("table_name") == "load_log")["rows"].sum()
    cols = st.columns(3)
    cols[0].metric(i18n.t("total_rows", code), i18n.fmt_int(data_rows, code))
    cols[1].metric(i18n.t("batches", code), i18n.fmt_int(batches, code))
    cols[2].metric(i18n.t("quarantined_total", code), i18n.fmt_int(quarantined, code))
    st.subheader(i18n.t("tables", code))
    shown = counts.select(
        pl.col("table_name")
        .map_elements(lambda n: i18n.label(i18n.TABLE_LABELS, n, code), return_dtype=pl.String)
        .alias(i18n.t("table", code)),
        pl.col("table_name").alias(i18n.t("table_id", code)),
        pl.col("rows").alias(i18n.t("rows", code)),
    )
    table_with_download(shown, "tables.csv", code, "dl_tables")
    st.subheader(i18n.t("recent_loads", code))
    loads.quarantine(con, loads.history(con, code), code)


guarded(render, code)
