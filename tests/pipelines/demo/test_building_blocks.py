"""Small pieces of the demo generator: check characters, working days, repeatable writers, as-of."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from jiedao import calendar, db
from pipelines.demo import codes, make_spec, writers
from pipelines.demo.spec import Spec, default_as_of
from pipelines.demo.workdays import WorkCalendar
from pipelines.validate import MACROS


def test_check_characters_agree_with_the_pipeline_macros():
    rng = np.random.default_rng(7)
    usccs = codes.uscc(rng, np.array(["企业"] * 40 + ["社会团体"] * 5 + ["民办非企业单位"] * 5))
    births = np.array(["1950-01-31", "1988-02-29", "2003-12-31"] * 10, dtype="datetime64[D]")
    ids = codes.id_numbers(rng, births, np.arange(30) % 2 == 0)
    con = db.connect(":memory:")
    db.run(con, MACROS)
    assert db.scalar(con, "SELECT bool_and(jd_uscc_ok(v)) FROM unnest(?) t(v)", [usccs.tolist()])
    assert db.scalar(con, "SELECT bool_and(jd_id_card_ok(v)) FROM unnest(?) t(v)", [ids.tolist()])
    # male = odd 17th digit; the birth date is digits 7-14
    assert [int(i[16]) % 2 for i in ids[:4]] == [1, 0, 1, 0]
    assert ids[1][6:14] == "19880229"


def test_published_examples_pass_the_python_checks():
    # GB 32100-2015 annex example and the GB 11643 example number (check X)
    assert codes.uscc_ok("91350100M000100Y43")
    assert codes.id_ok("11010519491231002X")
    assert not codes.id_ok("110105194912310021")


def test_working_days_follow_the_holiday_calendar():
    cal = WorkCalendar(dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    received = np.array(["2025-09-30T10:00:00"], dtype="datetime64[s]")
    # 2025 National Day + Mid-Autumn: 1–8 October off, Saturday 11 October worked (调休).
    # Working days after Tue 30 Sep: Thu 9 Oct (1), Fri 10 Oct (2), Sat 11 Oct (3).
    assert cal.add_workdays(received, 2)[0] == np.datetime64("2025-10-10T10:00:00")
    assert cal.add_workdays(received, 3)[0] == np.datetime64("2025-10-11T10:00:00")
    assert cal.add_workdays(received, 0)[0] == received[0]


def test_vectorised_working_days_match_the_library_function():
    cal = WorkCalendar(dt.date(2024, 10, 1), dt.date(2027, 3, 1))
    rng = np.random.default_rng(3)
    stamps = np.datetime64("2024-11-01T00:00:00") + rng.integers(0, 730 * 86400, 400).astype("timedelta64[s]")
    n = rng.integers(0, 16, 400)
    expected = [calendar.add_workdays(s.astype(dt.datetime), int(k)) for s, k in zip(stamps, n, strict=True)]
    assert cal.add_workdays(stamps, n).astype(dt.datetime).tolist() == expected


def test_xlsx_and_csv_are_byte_identical_when_written_twice(tmp_path):
    frame = pl.DataFrame(
        {"姓名": ["张三", None], "日期": [dt.date(2026, 1, 5), None], "是否党员": [True, False]}
    )
    created = dt.datetime(2026, 11, 1)
    for name in ("a.xlsx", "b.xlsx"):
        writers.xlsx(tmp_path / name, "名册", frame, created)
    for name in ("a.csv", "b.csv"):
        writers.csv(tmp_path / name, frame, "gb18030")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_bytes().decode("gb18030").splitlines()[1] == "张三,2026-01-05,是"


def test_as_of_defaults_to_last_month_and_must_be_over():
    assert default_as_of(dt.date(2026, 1, 15)) == dt.date(2025, 12, 1)
    assert Spec(as_of=dt.date(2026, 10, 1)).start == dt.date(2024, 11, 1)
    assert Spec(as_of=dt.date(2026, 10, 1)).quarters[-1] == "2026Q3"
    this_month = dt.date.today().replace(day=1)
    with pytest.raises(ValueError, match="as-of"):
        make_spec(2026, 1, this_month.strftime("%Y-%m"), None)
    with pytest.raises(ValueError, match="YYYY-MM"):
        make_spec(2026, 1, "2026/10", None)
