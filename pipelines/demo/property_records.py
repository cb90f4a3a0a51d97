"""Quarterly property inspections (物业服务季度检查) and resident surveys (居民满意度测评) of every
managed compound, for each complete quarter of the window.

Items follow the rating scheme's dimensions: 日常管理, 服务质量 (保安、保洁、保绿、保序、保修) and
社会形象与重点任务. Inspections fall between the 3rd and the 14th of the quarter's last month; a low
item gets a finding and a rectification deadline 15 days later (still inside the quarter, which is
where the rating counts it) and, nearly always, a rectification date. Each company-quarter's shares
and unrectified findings come from ``property_plan``: the planted companies' fixed stories (金 every
quarter; 银 → 黄 → 黄 → 红 over the last four complete quarters; see data/README.md for the arithmetic)
and every other company's standing.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.companies import Companies
from pipelines.demo.places import STREET_CODE
from pipelines.demo.property_plan import DIMENSIONS
from pipelines.demo.spec import Spec, add_months, quarter_start
from pipelines.demo.workdays import WorkCalendar

ITEMS = (
    ("日常管理", "人员配备与培训", 25, "物业服务人员配备不足，未按要求持证上岗"),
    ("日常管理", "服务事项公示", 25, "服务内容和收费标准未在显著位置公示"),
    ("日常管理", "公共收益与财务公开", 25, "公共收益收支未按季度公开"),
    ("日常管理", "档案与制度管理", 25, "设施设备维保档案不全"),
    ("服务质量", "保安（门岗值守与巡逻）", 20, "门岗脱岗，外来车辆未登记"),
    ("服务质量", "保洁（公共区域清洁）", 20, "楼道和垃圾收集点清洁不到位"),
    ("服务质量", "保绿（绿化养护）", 20, "绿化带缺株、杂草多"),
    ("服务质量", "保序（停车与秩序）", 20, "消防通道停车，车辆乱停乱放"),
    ("服务质量", "保修（设施设备维修）", 20, "报修响应不及时，单元门禁损坏未修"),
    ("社会形象与重点任务", "文明创建", 40, "文明创建宣传栏内容陈旧"),
    ("社会形象与重点任务", "应急处置（消防与防汛）", 30, "消防器材过期，未开展消防演练"),
    ("社会形象与重点任务", "志愿服务与社区共建", 30, "未参与社区志愿服务活动"),
)
FINDING_BELOW = 0.8  # an item scoring under this share of its maximum gets a finding
RECTIFY_DAYS = 15
VETO = ("火灾", "电动车在楼道违规充电引发火灾，物业未落实消防巡查")


def inspections(spec: Spec, companies: Companies, cal: WorkCalendar, quality: dict) -> pl.DataFrame:
    """``quality``: ``property_plan.plan``."""
    rng = spec.rng("inspections")
    managed = companies.compounds.filter(pl.col("company_uscc").is_not_null()).sort("compound_code")
    parts = []
    for quarter in spec.quarters:
        last_month = add_months(quarter_start(quarter), 2)
        days = cal.workdays_in(last_month.replace(day=3), last_month.replace(day=15))
        for uscc in managed["company_uscc"].unique().sort():
            own = managed.filter(pl.col("company_uscc") == uscc)["compound_code"].to_numpy()
            dims, _, unrectified, noise = quality[(uscc, quarter)]
            parts.append(
                _company_quarter(
                    rng, quarter, uscc, own, dims, unrectified, noise, days[rng.integers(len(days))], spec
                )
            )
    frame = pl.concat(parts)
    return _veto(frame, companies.veto, spec.quarters[-5] if len(spec.quarters) >= 5 else spec.quarters[0])


def _company_quarter(rng, quarter, uscc, compounds, dims, unrectified, noise, day, spec) -> pl.DataFrame:
    n_items = len(ITEMS)
    item = np.tile(np.arange(n_items), len(compounds))
    compound = np.repeat(compounds, n_items)
    share = np.array([dims[DIMENSIONS.index(ITEMS[i][0])] for i in item]) + rng.normal(0, noise, len(item))
    maximum = np.array([ITEMS[i][2] for i in item], dtype=float)
    score = np.clip(np.round(maximum * np.clip(share, 0.3, 1.0) * 2) / 2, 0, maximum)
    finding = score < FINDING_BELOW * maximum
    if unrectified and finding.sum() < unrectified:  # a planted quarter needs its findings
        finding[np.argsort(score / maximum)[:unrectified]] = True
    inspected = np.datetime64(day, "D")
    rectify_by = inspected + RECTIFY_DAYS
    on_time = inspected + rng.integers(3, RECTIFY_DAYS, len(item))
    late = _unrectified_rows(finding, unrectified)
    rectified = np.where(late, rectify_by + rng.integers(3, 25, len(item)), on_time)
    rectified = np.where(
        late & (rng.random(len(item)) < 0.4) | (rectified >= np.datetime64(spec.cutoff.date(), "D")),
        np.datetime64("NaT"),
        rectified,
    )
    return pl.DataFrame(
        {
            "quarter": quarter,
            "company_uscc": uscc,
            "compound_code": compound,
            "dimension": [ITEMS[i][0] for i in item],
            "item": [ITEMS[i][1] for i in item],
            "street_code": STREET_CODE,
            "score": score,
            "max_score": maximum,
            "inspected_on": np.full(len(item), inspected),
            "finding": pl.Series(
                [ITEMS[i][3] if f else None for i, f in zip(item, finding, strict=True)], dtype=pl.String
            ),
            "rectify_by": np.where(finding, rectify_by, np.datetime64("NaT")).astype("datetime64[D]"),
            "rectified_on": np.where(finding, rectified, np.datetime64("NaT")).astype("datetime64[D]"),
            "veto_event": pl.Series([None] * len(item), dtype=pl.String),
        }
    )


def _unrectified_rows(finding: np.ndarray, planned: int) -> np.ndarray:
    """The first ``planned`` findings miss their deadline; every other finding is rectified in time."""
    late = np.zeros(len(finding), bool)
    late[np.flatnonzero(finding)[:planned]] = True
    return late


def _veto(frame: pl.DataFrame, uscc: str, quarter: str) -> pl.DataFrame:
    target = (
        (pl.col("company_uscc") == uscc)
        & (pl.col("quarter") == quarter)
        & (pl.col("item") == "应急处置（消防与防汛）")
    )
    first = frame.filter(target)["compound_code"].min()
    row = target & (pl.col("compound_code") == first)
    return frame.with_columns(
        pl.when(row).then(pl.lit(VETO[0])).otherwise(pl.col("veto_event")).alias("veto_event"),
        pl.when(row).then(pl.lit(VETO[1])).otherwise(pl.col("finding")).alias("finding"),
        pl.when(row)
        .then(pl.col("inspected_on") + pl.duration(days=RECTIFY_DAYS))
        .otherwise(pl.col("rectify_by"))
        .alias("rectify_by"),
        pl.when(row)
        .then(pl.col("inspected_on") + pl.duration(days=10))
        .otherwise(pl.col("rectified_on"))
        .alias("rectified_on"),
        pl.when(row).then(pl.col("max_score") * 0.2).otherwise(pl.col("score")).alias("score"),
    )


def surveys(spec: Spec, companies: Companies, quality: dict) -> pl.DataFrame:
    """``quality``: ``property_plan.plan``."""
    rng = spec.rng("surveys")
    managed = companies.compounds.filter(pl.col("company_uscc").is_not_null()).sort("compound_code")
    rows = []
    for quarter in spec.quarters:
        for compound, uscc, households in managed.select(
            "compound_code", "company_uscc", "households"
        ).iter_rows():
            _, (happy, fine), _, noise = quality[(uscc, quarter)]
            respondents = int(np.clip(round(households * rng.uniform(0.12, 0.2)), 20, 150))
            satisfied = int(round(respondents * float(np.clip(happy + rng.normal(0, noise / 2), 0, 1))))
            basic = min(int(round(respondents * fine)), respondents - satisfied)
            rows.append(
                (
                    quarter,
                    uscc,
                    compound,
                    STREET_CODE,
                    respondents,
                    satisfied,
                    basic,
                    respondents - satisfied - basic,
                )
            )
    return pl.DataFrame(
        rows,
        orient="row",
        schema=[
            "quarter",
            "company_uscc",
            "compound_code",
            "street_code",
            "respondents",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
        ],
    )
