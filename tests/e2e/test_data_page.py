"""The 数据导入 page in real Chromium: upload with the browser's file input, see the check before
anything is written, commit, find the load in the history; English; language kept across pages."""

from __future__ import annotations

import pytest

from pipelines.__main__ import ingest
from tests.conftest import FIXTURES
from tests.e2e.conftest import data_env, no_errors, open_page, serve, shoot, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

TICKETS = FIXTURES / "sample" / "12345工单_2026年10月.csv"
BAD_TICKETS = FIXTURES / "upload" / "12345工单_有误.csv"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the module, over a warehouse holding the 9 communities of the sample."""
    with data_env(tmp_path_factory.mktemp("data")) as data:
        ingest([str(FIXTURES / "sample" / "社区名单.csv")], quiet=True)
        with serve(data) as base:
            yield base


def metrics(pg) -> dict[str, str]:
    labels = pg.locator("[data-testid=stMetricLabel]").all_inner_texts()
    values = pg.locator("[data-testid=stMetricValue]").all_inner_texts()
    return dict(zip([t.strip() for t in labels], [v.strip() for v in values], strict=True))


def cells(grid) -> list[str]:
    """The cells of an st.dataframe, from the accessible table it keeps beside its canvas (drawn a
    moment after the element appears, so wait for its first cell)."""
    grid.locator("td").first.wait_for(state="attached")  # the table is hidden behind the canvas
    return grid.locator("td").all_inner_texts()


def upload(pg, path) -> None:
    pg.locator("[data-testid=stFileUploader] input[type=file]").first.set_input_files(str(path))


def test_upload_check_then_commit(server, page):
    open_page(page, server, "数据导入", "[data-testid=stFileUploader]")
    upload(page, TICKETS)
    page.get_by_text("预检结果（尚未写入）").wait_for()
    wait_idle(page)
    # The sample: 20 tickets, all valid, in a GB18030-encoded CSV.
    shown = metrics(page)
    assert shown["格式"] == "CSV" and shown["编码"] == "gb18030"
    assert (shown["读取行数"], shown["可导入"], shown["隔离"]) == ("20", "20", "0")
    assert page.get_by_text("全部 20 行可导入。").is_visible()
    shoot(page, "data_preview")
    page.get_by_role("button", name="确认导入").click()
    page.get_by_text("导入完成。").wait_for()
    wait_idle(page)
    # Batch 1 was the communities (module fixture); this upload is batch 2: 20 read, 20 loaded.
    history = cells(page.locator("[data-testid=stDataFrame]").last)
    row = history[history.index("2") : history.index("2") + 12]
    assert row[2] == TICKETS.name and row[6] == "已导入" and row[7:10] == ["20", "20", "0"]
    assert page.locator("[data-testid=stFileUploaderFile]").count() == 0  # uploader emptied
    no_errors(page)
    shoot(page, "data_committed")


def test_rejections_are_shown_before_commit_in_english(server, page):
    open_page(page, server, "Data", "[data-testid=stFileUploader]", query="?lang=en")
    upload(page, BAD_TICKETS)
    page.get_by_text("Check result (nothing written yet)").wait_for()
    wait_idle(page)
    # 5 rows: UP0002 (file row 3) closes before it was received, UP0003 (row 4) names 火星社区,
    # which is not a community; the other 3 pass.
    shown = metrics(page)
    assert shown["Encoding"] == "utf-8-sig"
    assert (shown["Rows read"], shown["Accepted"], shown["Rejected"]) == ("5", "3", "2")
    assert page.get_by_text("3 rows can be loaded, 2 will be quarantined (reasons below).").is_visible()
    rejected = cells(page.locator("[data-testid=stDataFrame]").first)
    assert rejected[0] == "3" and "closed before it was received" in rejected[2]
    assert rejected[4] == "4" and "火星社区" in rejected[6]
    assert page.get_by_role("button", name="Download CSV").first.is_visible()
    no_errors(page)
    shoot(page, "data_preview_rejected_en")


def test_language_is_kept_when_switching_pages(server, page):
    page.goto(server + "/?lang=en")
    wait_rendered(page)
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Loaded data").click()
    page.get_by_text("Yueyanglou Subdistrict · Loaded data").wait_for()
    wait_idle(page)
    assert "lang=en" in page.url
    page.locator("[data-testid=stSidebar]").get_by_role("radio", name="中文").click()
    page.get_by_text("岳阳楼街道 · 数据概况").wait_for()
    wait_idle(page)
    assert "lang=" not in page.url
    no_errors(page)
