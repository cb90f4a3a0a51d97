"""物业评级 with AppTest: the published ranking of the demo street equals the registry's (rating.published),
an earlier quarter and the sliding company, a provisional (unpublished) quarter on the hand-made
street of tests/jiedao/rating_street.py, English, and the empty states."""

from __future__ import annotations

import json

import pytest

from jiedao import db, i18n, rating
from pipelines.__main__ import ingest
from pipelines.publish import publish
from tests.conftest import FIXTURES
from tests.jiedao import rating_street
from tests.page_helpers import demo_env, frame_with, run_page, texts

SLIDING = "岳阳和家物业服务有限公司"  # the demo's planted company: 银 → 黄 → 黄 → 红 (data/README.md)


@pytest.fixture
def demo(demo_data):
    with demo_env(demo_data) as con:
        yield con


def company(con, quarter: str, name: str) -> dict:
    table = rating.published(con, quarter)
    return table.filter(company_name=name).row(0, named=True)


SECTIONS = ["排行榜", "企业明细", "总分排名", "发布记录"]


def points(value: float) -> str:
    return f"−{i18n.fmt_number(value, 'zh', 2)}分" if value else "0分"


def test_latest_published_quarter_equals_the_registry(demo):
    latest = rating.published_quarters(demo).row(0, named=True)
    expected = rating.published(demo, latest["quarter"])
    at = run_page("property.py")
    assert not at.exception and not at.error
    assert at.title[0].value == "岳阳楼街道 · 物业评级"
    assert at.selectbox(key="url_quarter").value == latest["quarter"]
    stamp = i18n.fmt_datetime(latest["published_at"])
    assert texts(at.success) == [f"已发布 · 第 {latest['revision']} 版 · 发布于 {stamp}"]
    # the sections, the board open by default and the only one drawn
    assert [t.label for t in at.tabs if t.label not in ("图表", "表格")] == SECTIONS
    assert not at.get("plotly_chart") and not at.dataframe
    board = next(m.value for m in at.markdown if m.value.startswith("<table"))
    for name, total in expected.select("company_name", "total").rows():
        assert name in board and f"<b>{total:.2f}</b>" in board
    counts = {t: expected.filter(tier=t).height for t in ("gold", "silver", "yellow", "red")}
    tiles = [m.value for m in at.markdown if "家</b>" in m.value]
    assert [f"{counts[t]} 家" in tile for t, tile in zip(counts, tiles, strict=True)] == [True] * 4
    # ?view=chart: the totals chart's table, in the board's order
    at = run_page("property.py", {"view": "chart"})
    chart = frame_with(at, "score")
    assert (
        list(zip(chart["name"], chart["score"], strict=True))
        == expected.select("company_name", "total").rows()
    )
    assert not any(m.value.startswith("<table") for m in at.markdown)
    # ?view=revisions: the quarter's revision trail
    at = run_page("property.py", {"view": "revisions"})
    assert frame_with(at, "版本")["版本"].to_list()[-1] == latest["revision"]


def test_the_sliding_company_and_an_earlier_quarter(demo):
    q3 = company(demo, "2026Q3", SLIDING)
    at = run_page("property.py", {"quarter": "2026Q3", "view": "company", "company": q3["company_uscc"]})
    assert not at.exception and not at.error
    # Its reasons, consequence and deductions as published.
    shown = texts(at.markdown)
    for reason in json.loads(q3["reasons"]):
        assert f"- {reason['zh']}" in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["有责投诉扣分"] == points(q3["complaint_deduction"])
    assert metrics["逾期未整改扣分"] == points(q3["finding_deduction"])
    tickets = [c["ticket_id"] for c in json.loads(q3["detail"])["complaints"]]
    assert frame_with(at, "工单编号")["工单编号"].to_list() == tickets
    # Its published record, quarter by quarter.
    record = frame_with(at, "参评企业数")
    assert record["总分"].to_list()[-1] == q3["total"] and record["等级"].to_list()[-1] == "红牌"
    # Pick an earlier quarter: the company section stays open, the company kept in the URL.
    at.selectbox(key="url_quarter").select("2025Q4").run()
    assert not at.exception and at.query_params["quarter"] == "2025Q4"
    assert at.query_params["view"] == "company" and at.query_params["company"] == q3["company_uscc"]
    q4 = company(demo, "2025Q4", SLIDING)
    assert f"- {json.loads(q4['reasons'])[0]['zh']}" in texts(at.markdown)


def test_english(demo):
    at = run_page("property.py", {"lang": "en"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Yueyanglou Subdistrict · Property ranking"
    assert at.success[0].value.startswith("Published · revision 1 · ")
    assert "Interview, credit record, blacklist" in texts(at.caption)


@pytest.mark.parametrize(("lang", "text"), [("zh", "还没有数据"), ("en", "No data yet")])
def test_empty_warehouse(data_dir, lang, text):
    at = run_page("property.py", {"lang": lang})
    assert not at.exception and not at.error
    assert text in at.info[0].value


def test_warehouse_without_rating_records(data_dir):
    ingest([str(FIXTURES / "sample")], quiet=True)
    at = run_page("property.py")
    assert not at.exception and not at.error
    assert at.info[0].value.startswith("还没有物业检查或居民满意度测评数据")


def test_unpublished_quarter_is_provisional(data_dir):
    con = db.connect(db.warehouse_path())
    rating_street.build(con)
    con.close()
    publish()
    at = run_page("property.py")
    assert not at.exception and not at.error
    # Nothing published: the newest quarter with records, computed now and marked as such.
    assert at.selectbox(key="url_quarter").value == "2026Q3"
    assert "2026年第三季度（未发布）" in at.selectbox(key="url_quarter").options
    assert at.warning[0].value.startswith("**未发布 · 临时排名**")
    at = run_page("property.py", {"view": "chart"})
    assert at.warning[0].value.startswith("**未发布 · 临时排名**")
    chart = frame_with(at, "score")
    # rating_street's docstring: G 98.5 金 first, L 60 红 last
    assert (chart["name"][0], chart["score"][0]) == ("金辉物业", 98.5)
    assert (chart["name"].to_list()[-1], chart["score"].to_list()[-1]) == ("滑坡物业", 60.0)
    at = run_page("property.py", {"view": "revisions"})
    assert "本季度尚未发布，没有发布记录。" in texts(at.caption)
