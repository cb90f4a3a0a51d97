"""数据导入 with AppTest: upload, the check before anything is written (counts worked out by hand
from the fixture), commit through the pipeline, history and quarantine, bad input as messages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from jiedao import db
from pipelines.__main__ import ingest
from tests.conftest import FIXTURES, ROOT

BAD_TICKETS = FIXTURES / "upload" / "12345工单_有误.csv"
COMMUNITIES = FIXTURES / "sample" / "社区名单.csv"


def data_page(lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "data_import.py"), default_timeout=60)
    if lang != "zh":
        at.query_params["lang"] = lang
    return at.run()


def upload(at: AppTest, *paths) -> AppTest:
    files = [(p.name, p.read_bytes(), "text/csv") for p in paths]
    at.file_uploader(key="uploads_0").set_value(files if len(files) > 1 else files[0])
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def batches() -> int:
    con = db.connect(db.warehouse_path())
    try:
        return db.scalar(con, "SELECT count(*) FROM load_log")
    finally:
        con.close()


def test_empty_warehouse_still_offers_the_upload(data_dir):
    at = data_page()
    assert not at.exception and not at.error
    assert at.title[0].value == "岳阳楼街道 · 数据导入"
    assert at.file_uploader(key="uploads_0").label.startswith("选择文件")
    assert "还没有导入记录。" in [c.value for c in at.caption]


def test_check_shows_counts_and_reasons_before_anything_is_written(data_dir):
    ingest([str(COMMUNITIES)], quiet=True)
    at = upload(data_page(), BAD_TICKETS)
    assert not at.exception and not at.error
    # The fixture: 5 tickets. UP0002 (file row 3: the header is row 1) closes on 10-05 before it
    # was received on 10-06; UP0003 (row 4) names 火星社区, not one of the 9 communities.
    # Accepted: UP0001, UP0004, UP0005 = 3.
    assert metrics(at) == {"格式": "CSV", "编码": "utf-8-sig", "读取行数": "5", "可导入": "3", "隔离": "2"}
    assert at.warning[0].value == "3 行可导入，2 行将被隔离（原因见下表）。"
    rejected = at.dataframe[0].value
    assert rejected["行号"].to_list() == [3, 4]
    assert "办结时间早于受理时间" in rejected["原因"][0] and "火星社区" in rejected["原因"][1]
    assert batches() == 1  # only the communities: the check wrote nothing
    saved = list((data_dir / "inbox" / "uploads").glob("*/12345工单_有误.csv"))
    assert len(saved) == 1 and saved[0].read_bytes() == BAD_TICKETS.read_bytes()


def test_commit_loads_through_the_pipeline_and_shows_the_history(data_dir):
    ingest([str(COMMUNITIES)], quiet=True)
    at = upload(data_page(), BAD_TICKETS)
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert at.success[0].value == "导入完成。"
    result = at.dataframe[0].value.iloc[0]  # AppTest hands frames back as pandas
    assert (result["状态"], result["读取"], result["导入"], result["隔离"], result["批次"]) == (
        "部分导入",
        5,
        3,
        2,
        2,
    )
    history = at.dataframe[1].value
    assert history["批次"].to_list() == [2, 1] and history["文件"][0] == BAD_TICKETS.name
    assert at.selectbox(key="url_batch").value == 2  # the batch with quarantined rows
    assert at.dataframe[2].value["行号"].to_list() == [3, 4]
    assert at.file_uploader(key="uploads_1").value in (None, [])  # a fresh, empty uploader
    assert batches() == 2


def test_two_files_are_checked_in_load_order(data_dir):
    at = upload(data_page(), BAD_TICKETS, COMMUNITIES)
    assert not at.exception
    assert "多个文件各自对照当前仓库预检" in " ".join(c.value for c in at.caption)
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert titles[0].startswith("**社区名单.csv**") and titles[1].startswith("**12345工单_有误.csv**")
    # Checked alone against an empty warehouse, no ticket's community exists yet: all 5 rejected.
    assert [m.value for m in at.metric if m.label == "隔离"] == ["0", "5"]
    at.button[0].click().run()
    # Committed in order, the communities load first, so the tickets pass as they did above.
    result = at.dataframe[0].value
    assert result["导入"].to_list() == [9, 3] and result["隔离"].to_list() == [0, 2]


def test_an_unreadable_file_is_a_message_and_cannot_be_committed(data_dir):
    at = data_page()
    at.file_uploader(key="uploads_0").set_value(("空文件.csv", b"", "text/csv"))
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("文件无法读取，不会写入任何数据：")
    assert "文件为空" in at.error[0].value
    assert at.button[0].disabled


def test_a_bad_mapping_is_a_bilingual_message(data_dir):
    at = data_page("en")
    at.file_uploader(key="opt_mapping_file").set_value(
        ("mine.toml", b'[source]\nkind = "nope"\n', "text/plain")
    )
    at = upload(at, BAD_TICKETS)
    assert not at.exception
    assert at.error[0].value.startswith("**The mapping file is wrong; nothing was loaded**")
    assert "不是已知的数据类型 / is not a known source kind" in at.error[0].value


def test_english(data_dir):
    ingest([str(COMMUNITIES)], quiet=True)
    at = upload(data_page("en"), BAD_TICKETS)
    assert at.title[0].value == "Yueyanglou Subdistrict · Data"
    assert metrics(at)["Rows read"] == "5"
    assert at.button[0].label == "Commit"
    assert list(at.dataframe[0].value.columns) == ["Row", "Rules", "Reasons", "Raw row"]
