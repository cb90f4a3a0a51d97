"""A handful of dirty rows, the kind every real export carries, appended to six files so that the
pipeline must quarantine them (and load everything else):

| file | row | problem | rule |
|---|---|---|---|
| 12345工单 (7 months before as-of) | last | 办结时间 a day before 受理时间 | closed_before_received |
| 网格事件 (5 months before as-of) | last | the same event exported twice | duplicate_key |
| 网格员巡查记录 (2 months before as-of) | last | 结束时间 before 开始时间 | ended_before_started |
| 党员名册 | last | 身份证号 with a wrong check digit | bad_id_card |
| 志愿者名册 | last | 所属社区 “东胡社区” (typo of 东湖社区) | unknown_reference |
| 三会一课台账 (as-of year) | last | 召开日期 2026-02-30 style impossible date | bad_date |
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.demo.spec import Spec, add_months

RULES = {
    "hotline_ticket": "closed_before_received",
    "grid_event": "duplicate_key",
    "patrol": "ended_before_started",
    "party_member": "bad_id_card",
    "volunteer": "unknown_reference",
    "meeting": "bad_date",
}
MONTHS_BEFORE = {"hotline_ticket": 7, "grid_event": 5, "patrol": 2}


def target_files(spec: Spec) -> dict[str, str]:
    """{kind: file name} of the file of each kind that carries the dirty row."""
    label = lambda months: (lambda m: f"{m.year}年{m.month}月")(add_months(spec.as_of, -months))  # noqa: E731
    year = spec.as_of.year
    months = [m for m in spec.months if m.year == year]
    span = f"{year}年" if len(months) == 12 else f"{year}年{months[0].month}-{months[-1].month}月"
    return {
        "hotline_ticket": f"12345工单_{label(7)}.csv",
        "grid_event": f"岳阳楼街道网格事件_{label(5)}.csv",
        "patrol": f"岳阳楼街道网格员巡查记录_{label(2)}.csv",
        "party_member": f"岳阳楼街道党员名册_{spec.label}.xlsx",
        "volunteer": f"岳阳楼街道志愿者名册_{spec.label}.xlsx",
        "meeting": f"岳阳楼街道三会一课台账_{span}.xlsx",
    }


def inject(street, kind: str, name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame of file ``name``, with its dirty row appended if it is one of the targets."""
    if target_files(street.spec).get(kind) != name:
        return frame
    if kind == "meeting":  # the impossible date can only be carried as text
        frame = frame.with_columns(pl.col("召开日期").dt.strftime("%Y-%m-%d"))
    return pl.concat([frame, _BUILDERS[kind](street.spec, frame)], how="vertical")


def _middle(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.slice(frame.height // 2, 1)


def _ticket(spec: Spec, frame: pl.DataFrame) -> pl.DataFrame:
    row = _middle(frame.filter(pl.col("办结时间").is_not_null()))
    return row.with_columns(
        (pl.col("工单编号").str.slice(0, 10) + "90001").alias("工单编号"),
        (pl.col("受理时间") - dt.timedelta(days=1)).alias("办结时间"),
    )


def _event(spec: Spec, frame: pl.DataFrame) -> pl.DataFrame:
    return _middle(frame).with_columns(
        pl.lit("处置").alias("状态"), pl.lit(None, frame["结案时间"].dtype).alias("结案时间")
    )


def _patrol(spec: Spec, frame: pl.DataFrame) -> pl.DataFrame:
    return _middle(frame).with_columns(
        (pl.col("巡查编号").str.slice(0, 14) + "9999").alias("巡查编号"),
        (pl.col("开始时间") - dt.timedelta(minutes=75)).alias("结束时间"),
    )


def _member(spec: Spec, frame: pl.DataFrame) -> pl.DataFrame:
    row = _middle(frame)
    good = row["身份证号"][0]
    wrong = "0123456789X"[("0123456789X".index(good[-1]) + 3) % 11]
    return row.with_columns(pl.lit("王建明").alias("姓名"), pl.lit(good[:17] + wrong).alias("身份证号"))


def _volunteer(spec: Spec, frame: pl.DataFrame) -> pl.DataFrame:
    row = _middle(frame)
    return row.with_columns(
        pl.lit("ZYZ43060200199999").alias("志愿者编号"), pl.lit("东胡社区").alias("所属社区")
    )


def _meeting(spec: Spec, frame: pl.DataFrame) -> pl.DataFrame:
    return _middle(frame).with_columns(
        pl.lit(f"HY{spec.as_of.year}02999999").alias("会议编号"),
        pl.lit(f"{spec.as_of.year}-02-30").alias("召开日期"),
    )


_BUILDERS = {
    "hotline_ticket": _ticket,
    "grid_event": _event,
    "patrol": _patrol,
    "party_member": _member,
    "volunteer": _volunteer,
    "meeting": _meeting,
}
