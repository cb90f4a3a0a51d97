"""Chinese number and date formats, and the string table: every key in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jiedao import i18n


@pytest.mark.parametrize(
    ("n", "zh", "en"),
    [
        (None, "—", "—"),
        (0, "0", "0"),
        (9999, "9,999", "9,999"),
        (12345, "1.23万", "12,345"),  # 12345 / 1e4 = 1.2345 → 2 decimals
        (20000, "2万", "20,000"),  # trailing zeros dropped: 2.00 → 2
        (150_000_000, "1.5亿", "150,000,000"),
        (-25000, "-2.5万", "-25,000"),
    ],
)
def test_fmt_int(n, zh, en):
    assert i18n.fmt_int(n, "zh") == zh
    assert i18n.fmt_int(n, "en") == en


def test_fmt_number_keeps_one_decimal_and_uses_wan_above_ten_thousand():
    assert i18n.fmt_number(36.54) == "36.5"
    assert i18n.fmt_number(36.0) == "36"
    assert i18n.fmt_number(1234.56, "en") == "1,234.6"
    assert i18n.fmt_number(45678.9) == "4.57万"  # 45678.9 / 1e4 = 4.567… → 4.57


def test_rates_are_percentages_with_both_numbers():
    assert i18n.fmt_pct(0.924) == "92.4%"
    assert i18n.fmt_pct(None) == "—"
    assert i18n.fmt_ratio(1203, 1302) == "1,203/1,302"
    # 1203 / 1302 = 0.92396… → 92.4%; numbers are never abbreviated to 万 beside a rate.
    assert i18n.fmt_rate(1203 / 1302, 1203, 1302) == "92.4% · 1,203/1,302"
    assert i18n.fmt_rate(None, 0, 0) == "— · 0/0"
    assert i18n.fmt_ratio(23456, 30000, "zh") == "23,456/30,000"


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (0.5, "%", "50.0%", "50.0%"),
        (12345, "件", "1.23万件", "12,345"),
        (36.5, "小时", "36.5小时", "36.5 h"),
        (88.25, "分", "88.2分", "88.2 pts"),  # one decimal, round half to even on 88.25 → 88.2
        (3, "个/千户", "3个/千户", "3个/千户"),  # an unknown unit is written as given
        (None, "件", "—", "—"),
    ],
)
def test_fmt_value(value, unit, zh, en):
    assert i18n.fmt_value(value, unit, "zh") == zh
    assert i18n.fmt_value(value, unit, "en") == en


def test_changes_of_rates_are_percentage_points():
    assert i18n.fmt_change(0.012, "%") == "+1.2个百分点"
    assert i18n.fmt_change(-0.03, "%", "en") == "-3.0 pp"
    assert i18n.fmt_change(12, "件") == "+12件"
    assert i18n.fmt_change(-2.5, "小时", "en") == "-2.5 h"
    assert i18n.fmt_change(None, "%") is None


def test_growth_of_counts():
    assert i18n.fmt_growth(45, 40) == "+12.5%"  # (45 - 40) / 40 = 0.125
    assert i18n.fmt_growth(30, 40) == "-25.0%"
    assert i18n.fmt_growth(5, 0) == "新增"
    assert i18n.fmt_growth(5, 0, "en") == "new"
    assert i18n.fmt_growth(0, 0) == "—"
    assert i18n.fmt_growth(5, None) == "—"


def test_dates_months_quarters():
    assert i18n.fmt_date(dt.date(2026, 10, 3)) == "2026年10月3日"
    assert i18n.fmt_date(dt.date(2026, 10, 3), "en") == "2026-10-03"
    assert i18n.fmt_month(dt.date(2026, 10, 1)) == "2026年10月"
    assert i18n.fmt_month(dt.date(2026, 10, 1), "en") == "Oct 2026"
    assert i18n.fmt_quarter("2026Q4") == "2026年第四季度"
    assert i18n.fmt_quarter("2026Q1", "en") == "Q1 2026"
    assert i18n.fmt_datetime(dt.datetime(2026, 10, 3, 8, 5)) == "2026年10月3日 08:05"
    assert i18n.fmt_hours(36.54) == "36.5小时"


def test_punctuation_follows_the_language():
    assert i18n.labelled("数据截至", "2026年10月3日") == "数据截至：2026年10月3日"
    assert i18n.labelled("Data as of", "2026-10-03", "en") == "Data as of: 2026-10-03"
    assert i18n.bracketed("12345工单", "hotline_ticket") == "12345工单（hotline_ticket）"
    assert i18n.bracketed("hotline tickets", "hotline_ticket", "en") == "hotline tickets (hotline_ticket)"


def test_every_string_has_both_languages_and_the_same_placeholders():
    placeholder = re.compile(r"\{(\w+)\}")
    for key, (zh, en) in i18n.STRINGS.items():
        assert zh.strip() and en.strip(), key
        assert sorted(placeholder.findall(zh)) == sorted(placeholder.findall(en)), key


def test_unknown_language_falls_back_to_chinese():
    assert i18n.lang_of("fr") == "zh"
    assert i18n.lang_of(None) == "zh"
    assert i18n.t("page_data", "en") == "Data"


def test_large_counts_from_duckdb_and_changes_that_round_away():
    from decimal import Decimal

    # count_if gives HUGEINT, which arrives as Decimal: 85,012 → 8.5万 (8.5012 rounded to 2 places)
    assert i18n.fmt_int(Decimal("85012")) == "8.5万"
    assert i18n.fmt_int(Decimal("85012"), "en") == "85,012"
    # −0.00004 is −0.004 percentage points: shown as no change, not "-0.0"
    assert i18n.fmt_change(-0.00004, "%") == "0.0个百分点"
    assert i18n.fmt_change(0.0, "件", "en") == "0"
