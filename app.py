"""Router only: page config, language, navigation over the pages."""

import streamlit as st

from jiedao import i18n
from jiedao.ui.frame import lang

st.set_page_config(page_title=i18n.t("app_title"), page_icon="🏛️", layout="wide")
code = lang()
pages = [
    st.Page("pages/status.py", title=i18n.t("page_status", code), icon="🗂️", url_path="status", default=True),
]
st.navigation(pages).run()
