"""数据概况 Loaded data: tables and row counts, recent loads, quarantined rows per batch."""

import polars as pl
import streamlit as st

from jiedao import catalog, i18n
from jiedao.ui.data import snapshot
from jiedao.ui.frame import empty_state, guarded, lang, table_with_download

code = lang()


def render() -> None:
    st.title(f"{i18n.t('street_name', code)} · {i18n.t('page_status', code)}")
    version, con = snapshot()
    if con is None:
        empty_state(code)
        return
    st.caption(
        f"{i18n.t('data_as_of', code)}：{i18n.fmt_datetime(catalog.data_as_of(con), code)} · "
        f"{i18n.t('snapshot', code)} {version}"
    )
    st.markdown(i18n.t("status_intro", code))
    counts = catalog.table_counts(con)
    loads = catalog.recent_loads(con, 200)
    data_rows = counts.filter(~pl.col("table_name").is_in(["load_log", "rejected_rows"]))["rows"].sum()
    quarantined = counts.filter(pl.col("table_name") == "rejected_rows")["rows"].sum()
    cols = st.columns(3)
    cols[0].metric(i18n.t("total_rows", code), i18n.fmt_int(data_rows, code))
    cols[1].metric(i18n.t("batches", code), i18n.fmt_int(loads.height, code))
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
    table_with_download(_loads_view(loads), "loads.csv", code, "dl_loads")
    _quarantine(con, loads)


def _loads_view(loads: pl.DataFrame) -> pl.DataFrame:
    return loads.select(
        pl.col("batch_id").alias(i18n.t("batch", code)),
        pl.col("started_at").dt.strftime("%Y-%m-%d %H:%M").alias(i18n.t("started_at", code)),
        pl.col("file_name").alias(i18n.t("file", code)),
        pl.col("source_kind").alias(i18n.t("kind", code)),
        pl.col("status")
        .map_elements(lambda s: i18n.label(i18n.STATUS_LABELS, s, code), return_dtype=pl.String)
        .alias(i18n.t("status", code)),
        pl.col("rows_read").alias(i18n.t("read", code)),
        pl.col("rows_loaded").alias(i18n.t("loaded", code)),
        pl.col("rows_rejected").alias(i18n.t("rejected", code)),
        pl.col("rows_replaced").alias(i18n.t("replaced", code)),
        pl.col("message").alias(i18n.t("message", code)),
    )


def _quarantine(con, loads: pl.DataFrame) -> None:
    batches = loads.filter(pl.col("rows_rejected") > 0)
    if batches.is_empty():
        return
    st.subheader(i18n.t("quarantine", code))
    options = {f"#{b} {f}": b for b, f in zip(batches["batch_id"], batches["file_name"], strict=True)}
    choice = st.selectbox(i18n.t("choose_batch", code), list(options), key="batch")
    rows = catalog.rejected(con, options[choice]).rename(
        {
            "source_row": i18n.t("source_row", code),
            "rules": i18n.t("rules", code),
            "reasons": i18n.t("reasons", code),
            "row_json": i18n.t("raw_row", code),
        }
    )
    table_with_download(rows, f"rejected_{options[choice]}.csv", code, "dl_rejected")


guarded(render, code)
