"""Router only: page config, language, navigation over the pages.

``PAGES`` lists the pages of the sidebar in order; adding a page is one line. Titles come from
``jiedao.i18n`` (key ``page_<name>``), so the menu follows the language switch.
"""

import streamlit as st

from jiedao import i18n
from jiedao.ui import url
from jiedao.ui.filters import language_switch

# (script, url path, i18n title key, Material icon); the first page is the default. The issue's
# order: overview, coverage, rating, meetings, grid map, hotline, then data and loaded data.
PAGES = [
    ("pages/overview.py", "overview", "page_overview", ":material/dashboard:"),
    ("pages/coverage.py", "coverage", "page_coverage", ":material/donut_small:"),
    ("pages/property.py", "rating", "page_rating", ":material/workspace_premium:"),
    ("pages/meetings.py", "meetings", "page_meetings", ":material/groups:"),
    ("pages/grid_map.py", "grid_map", "page_grid_map", ":material/map:"),
    ("pages/hotline.py", "hotline", "page_hotline", ":material/call:"),
    ("pages/data_import.py", "data", "page_data", ":material/upload_file:"),
    ("pages/status.py", "status", "page_status", ":material/table_chart:"),
]

# The favicon must be an emoji (drawn locally as an inline SVG): a Material icon as favicon, set
# here or taken from the page's icon, is fetched from fonts.gstatic.com, which an intranet cannot
# reach (the e2e tests record every request that tries to leave the machine).
st.set_page_config(page_title=i18n.t("app_title"), page_icon="🏛️", layout="wide")
url.restore_sticky()
code = language_switch()
pages = [
    st.Page(script, title=i18n.t(title, code), icon=icon, url_path=path, default=i == 0)
    for i, (script, path, title, icon) in enumerate(PAGES)
]
st.navigation(pages).run()
