"""Party members (党员名册): one row per member of every branch, with the hidden facts the other
files need (ID number, income for dues, date they became full members).

A member joins as 预备党员 on ``joined_on`` and becomes 正式 a year later. Branches that hold a
支委会 keep ≥ 7 full members through the whole window, except the planted crossing branch, whose
7th full member 转正 five months before the as-of month (so its 支委会 start mid-year).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo import codes, text_people
from pipelines.demo.party_orgs import Tree
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec, add_months

EDUCATION = np.array(["初中及以下", "高中/中专", "大专", "本科", "研究生"])
EMPLOYMENT_BY_CATEGORY = {  # (在职, 离退休, 学生, 其他) shares
    "网格": (0.27, 0.63, 0.02, 0.08),
    "机关": (0.92, 0.08, 0.0, 0.0),
    "事业单位": (0.9, 0.1, 0.0, 0.0),
    "国企": (0.94, 0.06, 0.0, 0.0),
}
EMPLOYMENT = np.array(["在职", "离退休", "学生", "其他"])


def crossing_day(spec: Spec) -> dt.date:
    """The day the crossing branch's 7th member becomes a full member."""
    return add_months(spec.as_of, -5) + dt.timedelta(days=14)


def build(spec: Spec, places: Places, tree: Tree) -> pl.DataFrame:
    rng = spec.rng("party_members")
    branches = tree.branches
    full = branches["full"].to_numpy()
    probationary = branches["probationary"].to_numpy()
    crossing = branches["crossing"].to_numpy().astype(int)
    per_branch = full + probationary + crossing
    index = np.repeat(np.arange(len(branches)), per_branch)
    within = np.concatenate([np.arange(k) for k in per_branch])
    status = np.where(within < np.repeat(full, per_branch), "正式", "预备")
    is_crossing = np.repeat(crossing.astype(bool), per_branch) & (within == np.repeat(full, per_branch))
    status = np.where(is_crossing, "正式", status)
    category = branches["category"].to_numpy()[index]
    employment = _employment(rng, category)
    birth_year = _birth_years(rng, employment)
    male = rng.random(len(index)) < np.where(birth_year < 1970, 0.68, 0.55)
    birth = _birth_dates(rng, birth_year)
    joined = _joined(rng, spec, birth_year, status, is_crossing, np.repeat(full, per_branch))
    frame = pl.DataFrame(
        {
            "id_number": codes.id_numbers(rng, birth, male),
            "street_code": STREET_CODE,
            "name": text_people.names(rng, birth_year, male),
            "gender": np.where(male, "男", "女"),
            "birth_year": birth_year,
            "education": _education(rng, birth_year),
            "joined_on": joined,
            "member_status": status,
            "org_code": branches["org_code"].to_numpy()[index],
            "org_name": branches["name"].to_numpy()[index],
            "registry": np.where((category == "网格") & (rng.random(len(index)) < 0.05), "流动", "在册"),
            "is_employed": employment == "在职",
            "employment": employment,
            "income": _income(rng, employment),
            "crossing": is_crossing,
        }
    )
    return _dual_report(rng, spec, places, branches, frame, index)


def _employment(rng, category: np.ndarray) -> np.ndarray:
    out = np.full(len(category), "在职", dtype=object)
    for name, shares in EMPLOYMENT_BY_CATEGORY.items():
        mask = category == name
        out[mask] = rng.choice(EMPLOYMENT, size=int(mask.sum()), p=shares)
    return out.astype(str)


def _birth_years(rng, employment: np.ndarray) -> np.ndarray:
    low = np.select([employment == "离退休", employment == "学生"], [1938, 2001], 1966)
    high = np.select([employment == "离退休", employment == "学生"], [1966, 2005], 2001)
    return rng.integers(low, high + 1)


def _birth_dates(rng, birth_year: np.ndarray) -> np.ndarray:
    starts = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    return starts + rng.integers(0, 365, len(birth_year)).astype("timedelta64[D]")


def _joined(rng, spec: Spec, birth_year, status, is_crossing, branch_full) -> np.ndarray:
    """预备 members joined within the last year; 正式 members at least a year before the window
    (or, in branches far above 7 full members, up to a year before the cutoff)."""
    cutoff = np.datetime64(spec.cutoff.date(), "D")
    start = np.datetime64(spec.start, "D")
    earliest = np.maximum(
        (birth_year + 20 - 1970).astype("datetime64[Y]").astype("datetime64[D]"), np.datetime64("1965-01-01")
    )
    latest_full = np.where(branch_full >= 12, cutoff - 380, start - 370)
    span = np.maximum((latest_full - earliest).astype(int), 1)
    full_day = earliest + (rng.random(len(status)) ** 0.8 * span).astype("timedelta64[D]")
    probation_day = cutoff - rng.integers(20, 350, len(status)).astype("timedelta64[D]")
    joined = np.where(status == "预备", probation_day, full_day)
    crossed = np.datetime64(crossing_day(spec), "D") - 365
    return np.where(is_crossing, crossed, joined).astype("datetime64[D]")


def _education(rng, birth_year: np.ndarray) -> np.ndarray:
    old = rng.choice(EDUCATION, size=len(birth_year), p=[0.3, 0.4, 0.18, 0.11, 0.01])
    young = rng.choice(EDUCATION, size=len(birth_year), p=[0.02, 0.1, 0.3, 0.5, 0.08])
    return np.where(birth_year < 1970, old, young)


def _income(rng, employment: np.ndarray) -> np.ndarray:
    """Monthly after-tax income (在职) or pension (离退休), CNY; students and 其他 pay the flat 0.2."""
    wage = np.clip(rng.lognormal(np.log(4800), 0.45, len(employment)), 2200, 26000)
    pension = np.clip(rng.lognormal(np.log(3300), 0.3, len(employment)), 1800, 9000)
    return np.round(np.select([employment == "在职", employment == "离退休"], [wage, pension], 0.0), -1)


def _dual_report(rng, spec: Spec, places: Places, branches, frame: pl.DataFrame, index) -> pl.DataFrame:
    """双报到: 在职党员 report to the community they live in and re-report each half-year. Most report
    in the first weeks of the half-year, when communities call for it, the rest later; between 80 %
    and 95 % of a community's members have reported this half-year by the as-of month, about 6 % only
    last half-year, the rest never. The roster keeps each member's latest report."""
    communities = places.communities["name"].to_numpy()
    population = places.communities["population"].to_numpy()
    lives = rng.choice(communities, size=len(frame), p=population / population.sum())
    own = branches["community"].to_numpy()[index]
    lives = np.where(own != None, own, lives)  # noqa: E711 - numpy object comparison
    half_start = dt.date(spec.as_of.year, 1 if spec.as_of.month <= 6 else 7, 1)
    span = (spec.cutoff.date() - half_start).days
    early = rng.random(len(frame)) < 0.75
    offset = np.where(early, rng.exponential(12, len(frame)), rng.uniform(0, span, len(frame)))
    this_half = np.datetime64(half_start, "D") + np.minimum(offset, span - 1).astype(int)
    last_half = np.datetime64(add_months(half_start, -6), "D") + rng.integers(0, 60, len(frame))
    rate = dict(zip(communities, rng.uniform(0.8, 0.95, len(communities)), strict=True))
    p_this = np.array([rate[c] for c in lives])
    draw = rng.random(len(frame))
    employed = frame["is_employed"].to_numpy()
    reported_on = np.where(
        draw < p_this, this_half, np.where(draw < p_this + 0.06, last_half, np.datetime64("NaT"))
    )
    reported_on = np.where(employed, reported_on, np.datetime64("NaT")).astype("datetime64[D]")
    return frame.with_columns(
        pl.Series("report_community", np.where(np.isnat(reported_on), None, lives), dtype=pl.String),
        pl.Series("reported_on", reported_on),
    )
