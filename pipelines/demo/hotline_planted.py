"""The hotline's planted stories, as draft tickets that then follow the normal lifecycle.

- 吉家湖: water-pollution complaints about 吉家湖 cluster in one community every summer (June to
  September), a trickle the rest of the year.
- 西瓜山片区: a run of overdue 老旧小区改造 tickets in one month (three months before as-of).
- Property companies: the verified complaints (company_fault) of the two planted companies, per
  quarter, that with their inspections and surveys give the planted rating tiers.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
from shapely.geometry import Point

from pipelines.demo import timing
from pipelines.demo.companies import Companies
from pipelines.demo.places import JIJIAHU_COMMUNITY, Places
from pipelines.demo.spec import Spec, add_months, quarter_start
from pipelines.demo.text_hotline import CATEGORIES, JIJIAHU, XIGUASHAN
from pipelines.demo.workdays import WorkCalendar

JIJIAHU_SUMMER_PER_MONTH = 38
JIJIAHU_OTHER_PER_MONTH = 3
JIJIAHU_SPILL = 0.08  # share of 吉家湖 tickets from grids of other communities (passers-by)
JIJIAHU_AROUND = 0.32  # share from any grid of the community; the rest from the lake's own grid
OVERRUN_TICKETS = 36
OVERRUN_MONTHS_BEFORE_AS_OF = 3
# Verified complaints (total, of which overdue) per quarter, counted back from the last complete one.
SLIDE_COMPLAINTS = {1: (6, 4), 2: (4, 1), 3: (3, 1), 4: (1, 0)}
SLIDE_EARLIER = (1, 0)
GOLD_COMPLAINTS = (1, 0)  # in every other quarter, on time, never 紧急 nor reopened


def drafts(spec: Spec, places: Places, companies: Companies, cal: WorkCalendar) -> list[pl.DataFrame]:
    rng = spec.rng("hotline_planted")
    return [_jijiahu(rng, spec, places), _overrun(rng, spec, places), _company_story(rng, spec, companies)]


def _draft(when, l1, l2, problems, pick, department, **extra) -> pl.DataFrame:
    n = len(when)
    return pl.DataFrame(
        {
            "received_at": np.asarray(when, "datetime64[ms]"),
            "category_l1": [l1] * n,
            "category_l2": [l2] * n,
            "title_stub": [problems[i][0] for i in pick],
            "detail": [problems[i][1] for i in pick],
            "fix": [problems[i][2] for i in pick],
            "location_kind": ["road"] * n,
            "department": [department] * n,
            **extra,
        }
    )


def _month_days(month: dt.date, count: int, rng) -> np.ndarray:
    first = np.datetime64(month, "D")
    span = (np.datetime64(add_months(month, 1), "D") - first).astype(int)
    return timing.clock(rng, first + rng.integers(0, span, count), "day")


def _jijiahu(rng, spec: Spec, places: Places) -> pl.DataFrame:
    l1, l2, l3, department, problems = JIJIAHU
    when = []
    for month in spec.months:
        base = JIJIAHU_SUMMER_PER_MONTH if 6 <= month.month <= 9 else JIJIAHU_OTHER_PER_MONTH
        when.append(_month_days(month, int(rng.poisson(spec.activity(base))), rng))
    when = np.concatenate(when)
    n = len(when)
    grids = places.grids
    home = grids.filter(pl.col("name").str.starts_with(JIJIAHU_COMMUNITY))["grid_code"].to_numpy()
    away = grids.filter(~pl.col("name").str.starts_with(JIJIAHU_COMMUNITY))["grid_code"].to_numpy()
    lake = lake_grid(places)
    draw = rng.random(n)
    grid = np.where(
        draw < JIJIAHU_SPILL,
        rng.choice(away, size=n),
        np.where(draw < JIJIAHU_SPILL + JIJIAHU_AROUND, rng.choice(home, size=n), lake),
    )
    return _draft(
        when,
        l1,
        l2,
        problems,
        rng.integers(0, len(problems), n),
        department,
        category_l3=[l3] * n,
        appeal_type=rng.choice(["投诉", "举报", "求助"], size=n, p=[0.7, 0.2, 0.1]),
        urgency=["一般"] * n,
        grid_code=grid,
        story=["吉家湖"] * n,
    )


def lake_grid(places: Places) -> str:
    """The grid holding 吉家湖."""
    lake = Point(places.landmarks["吉家湖"])
    return next(code for code, shape in places.shapes.items() if len(code) == 14 and shape.contains(lake))


def overrun_month(spec: Spec) -> dt.date:
    return add_months(spec.as_of, -OVERRUN_MONTHS_BEFORE_AS_OF)


def _overrun(rng, spec: Spec, places: Places) -> pl.DataFrame:
    n = int(round(spec.activity(OVERRUN_TICKETS)))
    grids = places.grids.filter(pl.col("community_code") == places.landmarks["西瓜山片区社区"])[
        "grid_code"
    ].to_numpy()
    return _draft(
        _month_days(overrun_month(spec), n, rng),
        "住房与城乡建设",
        "老旧小区改造",
        XIGUASHAN,
        rng.integers(0, len(XIGUASHAN), n),
        "岳阳楼街道城建办",
        appeal_type=["投诉"] * n,
        urgency=["一般"] * n,
        grid_code=rng.choice(grids, size=n),
        force=["overdue"] * n,
        story=["西瓜山片区"] * n,
    )


def company_complaints(spec: Spec) -> dict[str, dict[str, tuple[int, int]]]:
    """{company role: {quarter: (verified, of which overdue)}} for the planted companies."""
    quarters = spec.quarters
    slide = {q: SLIDE_COMPLAINTS.get(len(quarters) - i, SLIDE_EARLIER) for i, q in enumerate(quarters)}
    gold = {q: GOLD_COMPLAINTS for i, q in enumerate(quarters) if i % 2 == 1}
    return {"slide": slide, "gold": gold}


def _company_story(rng, spec: Spec, companies: Companies) -> pl.DataFrame:
    """Verified 物业管理 complaints of the planted companies: received in the first 40 days of the
    quarter, so that even the overdue ones are closed within it."""
    parts = []
    for role, uscc in (("slide", companies.slide), ("gold", companies.gold)):
        own = companies.compounds.filter(pl.col("company_uscc") == uscc)["compound_code"].to_numpy()
        for quarter, (total, overdue) in company_complaints(spec)[role].items():
            first = max(quarter_start(quarter), spec.start)
            when = timing.clock(rng, np.datetime64(first, "D") + rng.integers(0, 40, total), "office")
            problems = next(c[9] for c in CATEGORIES if c[1] == "物业服务")
            parts.append(
                _draft(
                    when,
                    "物业管理",
                    "物业服务",
                    problems,
                    rng.integers(0, len(problems), total),
                    "{community}居委会",
                    appeal_type=["投诉"] * total,
                    urgency=["一般"] * total,
                    compound_code=rng.choice(own, size=total),
                    force=["overdue"] * overdue + ["ontime"] * (total - overdue),
                    fault=[True] * total,
                    story=[f"物业{role}"] * total,
                )
            )
    return pl.concat(parts)
