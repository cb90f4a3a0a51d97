"""The page frame: header with the 数据截至 stamp and the stale-data warning, empty states, guarded."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from jiedao import db
from jiedao.ui.frame import stale_days
from pipelines.publish import publish

NOW = dt.datetime(2026, 10, 20, 12, 0)


def test_stale_days():
    assert stale_days(None, NOW, 3) is None
    assert stale_days(NOW - dt.timedelta(days=3, hours=23), NOW, 3) is None  # 3 whole days: not yet
    assert stale_days(NOW - dt.timedelta(days=4, hours=1), NOW, 3) == 4


def published_with_last_load(finished_at: dt.datetime) -> str:
    """A snapshot whose only (successful) load finished at ``finished_at``."""
    con = db.connect(db.warehouse_path())
    db.run(
        con,
        "INSERT INTO load_log (batch_id, source_kind, file_name, status, rows_read, rows_loaded, "
        "rows_rejected, rows_replaced, started_at, finished_at) "
        "VALUES (1, 'community', '社区名单.csv', 'loaded', 9, 9, 0, 0, ?, ?)",
        [finished_at, finished_at],
    )
    con.close()
    return publish()


def header_script(require_data: bool, lang: str):
    import streamlit as st

    from jiedao.ui.frame import page_header

    version, con = page_header("page_data", lang, require_data=require_data)
    st.markdown(f"version={version}")


def run_header(require_data: bool = True, lang: str = "zh") -> AppTest:
    return AppTest.from_function(header_script, args=(require_data, lang), default_timeout=30).run()


def test_header_before_any_snapshot(data_dir):
    at = run_header()
    assert at.title[0].value == "岳阳楼街道 · 数据导入"
    assert "还没有数据" in at.info[0].value
    assert at.markdown[0].value == "version=None"
    quiet = run_header(require_data=False)
    assert len(quiet.info) == 0 and not quiet.exception


def test_header_stamp_and_no_warning_when_fresh(data_dir):
    finished = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=5)
    version = published_with_last_load(finished)
    at = run_header()
    stamp = f"{finished.year}年{finished.month}月{finished.day}日 {finished:%H:%M}"
    assert at.caption[0].value == f"数据截至：{stamp} · 快照 {version.removesuffix('.duckdb')}"
    assert len(at.warning) == 0


def test_header_warns_when_the_last_load_is_old(data_dir):
    published_with_last_load(dt.datetime.now() - dt.timedelta(days=10, hours=1))
    at = run_header(lang="en")
    # config/street.toml: [ui] stale_after_days = 3; 10 whole days have passed.
    assert len(at.warning) == 1
    assert "The data may be out of date" in at.warning[0].value
    assert "10 days ago" in at.warning[0].value and "more than 3 days" in at.warning[0].value


def no_match_script():
    import streamlit as st

    from jiedao.ui.frame import no_match

    no_match("zh")
    st.markdown(f"community={st.query_params.get('community')}")


def test_no_match_offers_to_clear_the_filters():
    at = AppTest.from_function(no_match_script, default_timeout=30)
    at.query_params["community"] = "430602001002"
    at.run()
    assert "没有符合筛选条件的数据" in at.info[0].value
    at.button[0].click().run()
    assert at.markdown[0].value == "community=None"


def failing_script():
    from jiedao.ui.frame import guarded

    def render() -> None:
        raise RuntimeError("boom")

    guarded(render, "en")


def test_guarded_turns_an_exception_into_a_calm_message():
    at = AppTest.from_function(failing_script, default_timeout=30).run()
    assert not at.exception
    assert at.error[0].value.startswith("**Something went wrong**")
    assert "boom" not in at.error[0].value
