"""AppTest renders the pages without an exception, on an empty warehouse and on loaded data."""

from __future__ import annotations

import ast

from streamlit.testing.v1 import AppTest

from jiedao import i18n
from pipelines.__main__ import ingest
from tests.conftest import FIXTURES, ROOT


def run_page(path: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_status_page_on_empty_warehouse(data_dir):
    at = run_page("pages/status.py")
    assert not at.exception
    assert "还没有数据" in at.info[0].value


def test_status_page_counts_match_the_warehouse(data_dir):
    ingest([str(FIXTURES / "sample")], quiet=True)
    at = run_page("pages/status.py")
    assert not at.exception
    # by hand: 1 configured street + 9 communities (社区名单.csv) + 20 tickets (12345工单_2026年10月.csv)
    assert at.metric[0].value == "30"
    assert at.metric[1].value == "2"  # two files, two batches
    assert at.metric[2].value == "0"
    tables = at.dataframe[0].value
    counts = dict(zip(tables["表名"], tables["行数"], strict=True))
    assert counts["community"] == 9 and counts["hotline_ticket"] == 20 and counts["grid"] == 0


def test_status_page_in_english(data_dir):
    ingest([str(FIXTURES / "sample")], quiet=True)
    at = run_page("pages/status.py", {"lang": "en"})
    assert not at.exception
    assert at.title[0].value == "Yueyanglou Subdistrict · Loaded data"


def test_router_runs_the_default_page(data_dir):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception


def router_pages() -> list[tuple[str, str, str, str]]:
    """The PAGES table of app.py, read without running the router."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "PAGES"]
    return ast.literal_eval(node.value)


def test_router_pages_exist_and_have_titles_in_both_languages():
    pages = router_pages()
    for script, _path, title, icon in pages:
        assert (ROOT / script).exists(), script
        assert i18n.t(title, "zh") and i18n.t(title, "en"), title
        assert icon.startswith(":material/")
    assert len({p for _, p, _, _ in pages}) == len(pages)  # url paths are unique
    # The order: Data comes before the loaded-data page.
    assert [p for _, p, _, _ in pages].index("data") < [p for _, p, _, _ in pages].index("status")


def test_router_keeps_the_language_in_the_url(data_dir):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.sidebar.button_group[0].value == "en"
    # The default page is the first of PAGES, whichever it is.
    default_title = i18n.t(router_pages()[0][2], "en")
    assert at.title[0].value == f"Yueyanglou Subdistrict · {default_title}"
