"""The data page's pieces on screen: the uploader and options, the check (dry run) shown before
anything is written, the commit button, and the result of the last commit.

The dry run is remembered per (files, options) in the session, so the page's other reruns (a
download, picking a batch) do not validate the files again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from jiedao import config, i18n
from jiedao.ui import intake
from jiedao.ui.frame import table_with_download
from jiedao.ui.loads import rejected_view

ROUND = "intake_round"  # bumped after a commit: a new uploader key empties the uploader
SAVED, CHECKED, COMMITTED = "intake_saved", "intake_checked", "intake_committed"


def remember(slot: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per ``key``; the last result is kept in session slot ``slot``."""
    held = st.session_state.get(slot)
    if held is None or held[0] != key:
        held = (key, compute())
        st.session_state[slot] = held
    return held[1]


def uploader(lang: str) -> list:
    round_ = st.session_state.setdefault(ROUND, 0)
    return st.file_uploader(
        i18n.t("upload_label", lang),
        type=list(intake.ACCEPTED_TYPES),
        accept_multiple_files=True,
        key=f"uploads_{round_}",
    )


def _kind_name(kind: str | None, kinds: dict[str, tuple[str, str]], lang: str) -> str:
    if kind is None:
        return i18n.t("kind_auto", lang)
    zh, en = kinds.get(kind, (kind, kind))
    return i18n.bracketed(en if lang == "en" else zh, kind, lang)


def options_form(
    lang: str, kinds: dict[str, tuple[str, str]], mappings: list[str]
) -> tuple[intake.Options, Any]:
    """Kind, mapping (a shipped one, or an uploaded TOML), CRS, sheet, unknown columns. Returns the
    options (mapping = shipped name) and the uploaded mapping file, if any."""
    with st.expander(i18n.t("options", lang)):
        left, middle, right = st.columns(3)
        kind = left.selectbox(
            i18n.t("source_kind", lang),
            [None, *kinds],
            format_func=lambda k: _kind_name(k, kinds, lang),
            key="opt_kind",
        )
        sheet = left.text_input(i18n.t("sheet", lang), help=i18n.t("sheet_help", lang), key="opt_sheet")
        shipped = None
        if mappings:
            shipped = middle.selectbox(
                i18n.t("mapping", lang),
                [None, *mappings],
                format_func=lambda m: i18n.t("mapping_none", lang) if m is None else m,
                key="opt_mapping",
            )
        mapping_file = middle.file_uploader(
            i18n.t("mapping_upload", lang), type=["toml"], key="opt_mapping_file"
        )
        crs = right.selectbox(
            i18n.t("crs", lang),
            [None, *intake.CRS_CHOICES],
            format_func=lambda c: i18n.t("crs_auto", lang) if c is None else c,
            key="opt_crs",
        )
        ignore = right.checkbox(i18n.t("ignore_unknown", lang), key="opt_ignore")
    options = intake.Options(
        kind=kind, mapping=shipped, crs=crs, sheet=sheet.strip() or None, ignore_unknown=ignore
    )
    return options, mapping_file


def _saved(files: list, mapping_file: Any) -> tuple[list[Path], str | None]:
    """The uploads on disk (once per set of files) and the uploaded mapping's path, if any."""
    ids = tuple(f.file_id for f in files) + ((mapping_file.file_id,) if mapping_file else ())

    def write() -> tuple[list[Path], str | None]:
        folder = intake.uploads_dir()
        paths = intake.save(files, folder)
        mapping = intake.save([mapping_file], folder / "mapping")[0] if mapping_file else None
        return paths, str(mapping) if mapping else None

    return remember(SAVED, ids, write)


def check_and_commit(files: list, options: intake.Options, mapping_file: Any, lang: str) -> None:
    """Save, dry-run and show the result; commit on the button, then rerun with an empty uploader."""
    paths, mapping_path = _saved(files, mapping_file)
    if mapping_path:
        options = replace(options, mapping=mapping_path)
    try:
        with st.spinner(i18n.t("checking", lang)):
            checks = remember(
                CHECKED, (tuple(map(str, paths)), options.key()), lambda: intake.check(paths, options)
            )
    except intake.MappingError as exc:
        st.error(f"**{i18n.t('mapping_error', lang)}**\n\n{exc}")
        return
    kinds = intake.kinds()
    preview(checks, kinds, lang)
    st.caption(f"{i18n.t('saved_to', lang)} `{paths[0].parent.relative_to(config.data_dir())}`")
    readable = any(c.result.status != "failed" for c in checks)
    if st.button(
        i18n.t("commit", lang), type="primary", help=i18n.t("commit_help", lang), disabled=not readable
    ):
        with st.spinner(i18n.t("committing", lang)):
            results = intake.commit(paths, options)
        st.session_state[COMMITTED] = results
        st.session_state[ROUND] += 1
        st.session_state.pop(CHECKED, None)
        st.rerun()


def preview(checks: list[intake.Check], kinds: dict[str, tuple[str, str]], lang: str) -> None:
    """One bordered block per file: detected kind, format, encoding, counts, rejected rows."""
    st.subheader(i18n.t("preview_title", lang))
    if len(checks) > 1:
        st.caption(i18n.t("preview_multi", lang))
    for i, item in enumerate(checks):
        with st.container(border=True):
            _file_check(item, kinds, lang, i)


def _file_check(item: intake.Check, kinds: dict[str, tuple[str, str]], lang: str, i: int) -> None:
    result = item.result
    st.markdown(f"**{result.file}** · {_kind_name(result.kind, kinds, lang) if result.kind else '—'}")
    if result.status == "failed":
        st.error(f"{i18n.t('check_failed', lang)}\n\n{result.message}")
        return
    cols = st.columns(5)
    cols[0].metric(i18n.t("format", lang), (item.format or "—").upper())
    cols[1].metric(i18n.t("encoding", lang), item.encoding or "—")
    cols[2].metric(i18n.t("rows_read", lang), i18n.fmt_int(result.rows_read, lang))
    cols[3].metric(i18n.t("accepted", lang), i18n.fmt_int(result.rows_loaded, lang))
    cols[4].metric(i18n.t("rejected", lang), i18n.fmt_int(result.rows_rejected, lang))
    ok, bad = result.rows_loaded, result.rows_rejected
    if bad == 0:
        st.success(i18n.t("check_ok", lang).format(n=ok))
    elif ok:
        st.warning(i18n.t("check_partial", lang).format(ok=ok, bad=bad))
    else:
        st.error(i18n.t("check_none", lang).format(n=bad))
    st.caption(result.message)
    rows = result.rejected_preview or []
    if rows:
        st.markdown(f"**{i18n.t('rejected_rows', lang)}**")
        frame = rejected_view(pl.DataFrame(rows, schema=REJECTED_SCHEMA, orient="row"), lang)
        table_with_download(frame, f"rejected_{Path(result.file).stem}.csv", lang, f"dl_check_{i}")
        if bad > len(rows):
            st.caption(i18n.t("preview_truncated", lang).format(n=len(rows)))


REJECTED_SCHEMA = {
    "source_row": pl.Int64,
    "rules": pl.List(pl.String),
    "reasons": pl.String,
    "row_json": pl.String,
}


def last_commit(lang: str) -> None:
    """The result of the commit that caused this rerun (kept until the next commit)."""
    results = st.session_state.get(COMMITTED)
    if not results:
        return
    st.success(i18n.t("commit_done", lang))
    st.markdown(f"**{i18n.t('commit_result', lang)}**")
    frame = pl.DataFrame(
        {
            i18n.t("file", lang): [r.file for r in results],
            i18n.t("kind", lang): [r.kind for r in results],
            i18n.t("status", lang): [i18n.label(i18n.STATUS_LABELS, r.status, lang) for r in results],
            i18n.t("read", lang): [r.rows_read for r in results],
            i18n.t("loaded", lang): [r.rows_loaded for r in results],
            i18n.t("rejected", lang): [r.rows_rejected for r in results],
            i18n.t("replaced", lang): [r.rows_replaced for r in results],
            i18n.t("batch", lang): [r.batch_id for r in results],
            i18n.t("message", lang): [r.message for r in results],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")
