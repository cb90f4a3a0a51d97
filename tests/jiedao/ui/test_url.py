"""URL-kept state with AppTest: widgets read ?params, write choices back, follow URL changes made
by callbacks (the drill-down), and the sticky parameters survive a page switch."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def filters_script():
    import datetime as dt

    import streamlit as st

    from jiedao.ui import filters, url

    url.restore_sticky()
    lang = filters.language_switch()
    month = filters.month_picker([dt.date(2026, 10, 1), dt.date(2026, 9, 1)], lang)
    picked = url.multiselect("community", ["a", "b", "c"], label="社区")
    grid = url.select("grid", ["", "g1", "g2"], label="网格", keep_default=False)
    st.button("drill", on_click=url.put, args=("community", "c"))
    st.markdown(f"{lang}|{month:%Y-%m}|{','.join(picked)}|{grid}")


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_function(filters_script, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def shown(at: AppTest) -> str:
    return at.markdown[0].value


def test_widgets_start_from_the_url_and_drop_invalid_values():
    at = run({"lang": "en", "month": "2026-09", "community": "b,x", "grid": "g2"})
    assert not at.exception
    assert shown(at) == "en|2026-09|b|g2"
    assert at.selectbox[0].label == "Month"  # the language reached the filters
    assert dict(at.query_params) == {"lang": "en", "month": "2026-09", "community": "b", "grid": "g2"}


def test_defaults_newest_month_and_a_clean_url_for_chinese():
    at = run({"month": "1999-01"})
    assert shown(at) == "zh|2026-10||"
    # The month is written explicitly (a shared link keeps its month); lang=zh and "all grids"
    # are defaults left out of the URL.
    assert dict(at.query_params) == {"month": "2026-10"}


def test_choices_are_written_back():
    at = run()
    at.selectbox(key="url_month").select_index(1).run()
    at.multiselect[0].select("a").select("c").run()
    at.selectbox(key="url_grid").select("g1").run()
    assert shown(at) == "zh|2026-09|a,c|g1"
    assert dict(at.query_params) == {"month": "2026-09", "community": "a,c", "grid": "g1"}
    at.multiselect[0].set_value([]).run()
    at.selectbox(key="url_grid").select("").run()
    assert "community" not in at.query_params and "grid" not in at.query_params


def test_language_switch():
    at = run()
    at.sidebar.button_group[0].set_value("en").run()
    assert at.query_params["lang"] == "en"
    at.sidebar.button_group[0].set_value("zh").run()
    assert "lang" not in at.query_params


def test_a_callback_that_changes_the_url_moves_the_widget():
    at = run({"community": "a"})
    at.button[0].click().run()  # as a click on a community's bar does, through url.put
    assert shown(at).split("|")[2] == "c"
    assert at.multiselect[0].value == ["c"]
    assert at.query_params["community"] == "c"


def test_sticky_parameters_come_back_after_a_page_switch():
    at = run({"lang": "en", "month": "2026-09", "community": "b", "grid": "g1"})
    for key in list(at.query_params):  # what Streamlit does to the query string on a page switch
        del at.query_params[key]
    at.run()
    # lang, month and community are shared by every page and return; grid belongs to one page.
    assert dict(at.query_params) == {"lang": "en", "month": "2026-09", "community": "b"}
    assert shown(at) == "en|2026-09|b|"


def test_a_removed_sticky_parameter_is_not_restored():
    at = run({"community": "b"})
    at.multiselect[0].set_value([]).run()
    for key in list(at.query_params):
        del at.query_params[key]
    at.run()
    assert "community" not in at.query_params


def test_a_language_switch_sets_the_widgets_shown_text_again():
    # Streamlit's selectbox holds its choice as the displayed text: the same month in a new language
    # must be sent to the browser again (set_value), or it keeps showing 2026年10月 in English.
    at = run()
    at.sidebar.button_group[0].set_value("en").run()
    month = at.selectbox(key="url_month")
    assert (month.proto.set_value, month.proto.raw_value) == (True, "Oct 2026")
    at.run()  # nothing changed: nothing is sent again
    assert not at.selectbox(key="url_month").proto.set_value
