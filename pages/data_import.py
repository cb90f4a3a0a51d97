"""数据导入 Data: upload files, see the check (dry run) before committing, commit through the
pipeline (``jiedao.ui.intake``), and the load history with the quarantined rows of each batch."""

import streamlit as st

from jiedao import i18n
from jiedao.ui import intake, loads, upload_view
from jiedao.ui.frame import guarded, lang, page_header

code = lang()


def render() -> None:
    _, con = page_header("page_data", code, require_data=False)
    st.markdown(i18n.t("data_intro", code))
    files = upload_view.uploader(code)
    options, mapping_file = upload_view.options_form(code, intake.kinds(), intake.shipped_mappings())
    if files:
        upload_view.check_and_commit(files, options, mapping_file, code)
    else:
        upload_view.last_commit(code)
    st.subheader(i18n.t("history", code))
    if con is None:
        st.caption(i18n.t("no_history", code))
        return
    loads.quarantine(con, loads.history(con, code), code)


guarded(render, code)
