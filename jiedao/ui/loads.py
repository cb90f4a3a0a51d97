"""The load history (load_log) and the quarantined rows of a batch, as the status and data pages
show them. Reads the published snapshot only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from jiedao import catalog, i18n
from jiedao.ui import url
from jiedao.ui.frame import table_with_download


def loads_view(loads: pl.DataFrame, lang: str) -> pl.DataFrame:
    """load_log rows with headers and statuses in ``lang``, newest first."""
    return loads.select(
        pl.col("batch_id").alias(i18n.t("batch", lang)),
        pl.col("started_at").dt.strftime("%Y-%m-%d %H:%M").alias(i18n.t("started_at", lang)),
        pl.col("file_name").alias(i18n.t("file", lang)),
        pl.col("source_kind").alias(i18n.t("kind", lang)),
        pl.col("file_format").alias(i18n.t("format", lang)),
        pl.col("encoding").alias(i18n.t("encoding", lang)),
        pl.col("status")
        .map_elements(lambda s: i18n.label(i18n.STATUS_LABELS, s, lang), return_dtype=pl.String)
        .alias(i18n.t("status", lang)),
        pl.col("rows_read").alias(i18n.t("read", lang)),
        pl.col("rows_loaded").alias(i18n.t("loaded", lang)),
        pl.col("rows_rejected").alias(i18n.t("rejected", lang)),
        pl.col("rows_replaced").alias(i18n.t("replaced", lang)),
        pl.col("message").alias(i18n.t("message", lang)),
    )


def rejected_view(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Quarantined rows (source_row, rules, reasons, row_json) with headers in ``lang``."""
    return rows.rename(
        {
            "source_row": i18n.t("source_row", lang),
            "rules": i18n.t("rules", lang),
            "reasons": i18n.t("reasons", lang),
            "row_json": i18n.t("raw_row", lang),
        }
    )


def history(con, lang: str, limit: int = 200) -> pl.DataFrame:
    """The recent loads as a table with a download; returns the raw load_log rows shown."""
    loads = catalog.recent_loads(con, limit)
    if loads.is_empty():
        st.caption(i18n.t("no_history", lang))
        return loads
    table_with_download(loads_view(loads, lang), "loads.csv", lang, "dl_loads")
    return loads


def quarantine(con, loads: pl.DataFrame, lang: str) -> None:
    """Pick a batch with quarantined rows (kept in ``?batch=``) and see its rows with reasons."""
    batches = loads.filter(pl.col("rows_rejected") > 0)
    if batches.is_empty():
        return
    st.subheader(i18n.t("quarantine", lang))
    names = dict(zip(batches["batch_id"], batches["file_name"], strict=True))
    batch = url.select(
        "batch",
        list(names),
        label=i18n.t("choose_batch", lang),
        format_func=lambda b: f"#{b} {names[b]}",
        token=str,
    )
    rows = rejected_view(catalog.rejected(con, batch), lang)
    table_with_download(rows, f"rejected_{batch}.csv", lang, "dl_rejected")
