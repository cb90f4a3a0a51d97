"""What each property company's quarter should look like: the shares its inspections and resident
survey are drawn around, and how many findings it leaves unrectified.

The planted companies are fixed (``SLIDE``, ``GOLD``, see data/README.md for the arithmetic). Every
other company follows its standing (``companies``). Each quarter the street cards 2–4 companies
黄 (the planted ones included): mostly the weak companies, now and then a 银牌-level one that left
a finding unrectified or had a bad quarter; a company already 黄 in the two quarters before is never
chosen (after two 约谈 it pulls itself up), so the third-consecutive-黄 rule turns a company 红 only
where the story wants it (the fire company). Otherwise a quarterly total is drawn around the
standing's level — 金牌-level about 93.5, 银牌-level 82.5–87.5, weak 81–85 in its 银 quarters and
70–78 in its 黄 ones — kept at least ``MARGIN`` points off the tier lines of config/rating.toml, so
that the tier it was drawn for is the tier it gets.

The total is then realised through the rating scheme itself: the company's 组织建设 points come
from its roster, its verified 12345 complaints of the quarter are deducted as the scheme deducts
them, and the inspection and survey shares make up the rest (residents a little less content than
the inspectors).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jiedao import config
from pipelines.demo.companies import Companies
from pipelines.demo.spec import Spec, quarter_start

DIMENSIONS = ("日常管理", "服务质量", "社会形象与重点任务")
# Planted quality per quarter counted back from the last complete one (1 = last):
# (日常管理, 服务质量, 社会形象 share of max), (满意, 基本满意 share of respondents), unrectified findings.
SLIDE = {
    1: ((0.62, 0.58, 0.60), (0.42, 0.28), 3),
    2: ((0.82, 0.80, 0.80), (0.60, 0.26), 1),
    3: ((0.86, 0.84, 0.85), (0.66, 0.24), 1),
}
SLIDE_EARLIER = ((0.96, 0.95, 0.95), (0.84, 0.13), 0)
GOLD = ((0.97, 0.96, 0.96), (0.90, 0.08), 0)
# The fire company's totals counted back from the last quarter: the fire (5, 红 by the veto on 银
# points), a 银 recovery, then three 黄 in a row — the third turns 红.
VETO_PATH = {5: 84.0, 4: 83.0, 3: 75.5, 2: 76.5, 1: 74.5}
VETO_EARLIER = 84.5
LEVEL_SD = {"gold": 1.2, "silver": 1.5}
CARD_WEIGHT = {"weak": 1.0, "silver": 0.06}  # who gets the quarter's 黄牌 (金牌-level companies never)
PLANTED_YELLOW = {"planted_slide": (2, 3), "veto": (2, 3)}  # their 黄 quarters, counted back from the last
MARGIN = 2.0  # points kept between a drawn total and a tier line (realised totals stray ±0.5, at most ~2)
ITEM_NOISE, PLANTED_NOISE = 0.025, 0.01


def plan(spec: Spec, companies: Companies, tickets: pl.DataFrame) -> dict:
    """{(uscc, quarter): (dimension shares, (满意, 基本满意) shares, unrectified, item noise)}."""
    rng = spec.rng("property_plan")
    rules = config.load("rating")
    deducted = complaint_deductions(tickets, spec, rules)
    organisation = organisation_points(companies, rules)
    quarters = spec.quarters
    standings = companies.standing()
    yellow = carded(rng, standings, len(quarters))
    out = {}
    for uscc, standing in standings.items():
        if standing.startswith("planted"):
            out.update(_planted(uscc, standing, quarters))
            continue
        cards = [(uscc, i) in yellow for i in range(len(quarters))]
        for quarter, (total, unrectified) in zip(quarters, totals(rng, standing, cards, rules), strict=True):
            needed = total - organisation[uscc] + deducted.get((uscc, quarter), 0.0)
            needed += unrectified * rules["deductions"]["unrectified_finding"]
            out[(uscc, quarter)] = (*shares(rng, needed, rules), unrectified, ITEM_NOISE)
    return out


def _planted(uscc: str, standing: str, quarters: list[str]) -> dict:
    if standing == "planted_gold":
        return {(uscc, q): (*GOLD, PLANTED_NOISE) for q in quarters}
    return {
        (uscc, q): (*SLIDE.get(len(quarters) - i, SLIDE_EARLIER), PLANTED_NOISE)
        for i, q in enumerate(quarters)
    }


def carded(rng, standings: dict[str, str], n: int) -> set[tuple[str, int]]:
    """(company, quarter index) of the unplanted 黄牌: each quarter the street cards 2–4 companies,
    the planted 黄 included — mostly weak ones, now and then a 银牌-level one — and never a company
    already 黄 in both quarters before (a third would be 红)."""
    weights = {u: CARD_WEIGHT[s] for u, s in standings.items() if s in CARD_WEIGHT}
    fixed = [sum(n - i in PLANTED_YELLOW.get(s, ()) for s in standings.values()) for i in range(n)]
    chosen: set[tuple[str, int]] = set()
    for i in range(n):
        pool = [u for u in weights if not {(u, i - 1), (u, i - 2)} <= chosen]
        wanted = min(max(int(rng.integers(2, 5)) - fixed[i], 0), len(pool))
        p = np.array([weights[u] for u in pool])
        chosen |= {(str(u), i) for u in rng.choice(pool, size=wanted, replace=False, p=p / p.sum())}
    return chosen


def totals(rng, standing: str, yellow: list[bool], rules: dict) -> list[tuple[float, int]]:
    """(total, unrectified findings) per quarter, oldest first, for an unplanted company; ``yellow``
    marks its 黄牌 quarters (``carded``): a weak company falls to 70–78 points, a 银牌-level one
    either leaves a finding unrectified or falls to 73–78."""
    cut = rules["tiers"]
    n = len(yellow)
    if standing == "veto":
        return [(VETO_PATH.get(back, VETO_EARLIER) + rng.normal(0, 0.4), 0) for back in range(n, 0, -1)]
    level = {"gold": rng.normal(93.5, 0.8), "silver": rng.uniform(82.5, 87.5)}.get(standing, 0.0)
    out = []
    for card in yellow:
        if standing == "weak":
            total, unrectified = (rng.uniform(70.0, 78.0), 0) if card else (rng.uniform(81.0, 85.0), 0)
        else:
            total, unrectified = level + rng.normal(0, LEVEL_SD[standing]), 0
            if card and rng.random() < 0.5:
                unrectified = 1
            elif card:
                total = rng.uniform(73.0, 78.0)
            else:
                total = max(total, cut["silver"] + MARGIN)
        out.append((off_the_lines(total, (cut["gold"], cut["silver"], cut["yellow"])), unrectified))
    return out


def off_the_lines(total: float, lines: tuple[float, ...]) -> float:
    """A total within ``MARGIN`` of a tier line moves ``MARGIN`` away from it, on its own side."""
    for line in lines:
        if abs(total - line) < MARGIN:
            return line + MARGIN if total >= line else line - MARGIN
    return total


def shares(rng, needed: float, rules: dict) -> tuple[tuple[float, ...], tuple[float, float]]:
    """Inspection shares per dimension and survey shares (满意, 基本满意) worth ``needed`` points of
    the inspection and satisfaction weights; residents rate 1–6 points of 100 below the inspectors."""
    dims = rules["dimensions"]
    weights = np.array([dims[k]["weight"] for k in ("management", "service", "image")], dtype=float)
    survey_weight, partial = (
        dims["satisfaction"]["weight"],
        dims["satisfaction"]["basically_satisfied_weight"],
    )
    gap = rng.uniform(0.01, 0.06)
    mean = float(np.clip((needed + survey_weight * gap) / (weights.sum() + survey_weight), 0.4, 0.995))
    side = np.clip(mean + rng.normal(0, [0.015, 0.02]), 0.35, 1.0)  # 日常管理, 社会形象
    service = (weights.sum() * mean - weights[0] * side[0] - weights[2] * side[1]) / weights[1]
    inspection = (float(side[0]), float(np.clip(service, 0.35, 1.0)), float(side[1]))
    happy = float(np.clip(mean - gap, 0.3, 0.99))
    basic_of_rest = rng.uniform(0.45, 0.75)  # of residents not fully satisfied, those basically satisfied
    satisfied = (happy - partial * basic_of_rest) / (1 - partial * basic_of_rest)
    return inspection, (satisfied, (1 - satisfied) * basic_of_rest)


def organisation_points(companies: Companies, rules: dict) -> dict[str, float]:
    """组织建设 points of each company from its roster row, as config/rating.toml awards them."""
    org = rules["dimensions"]["organisation"]
    out = {}
    for row in companies.companies.iter_rows(named=True):
        points = org["party_org_points"] if row["org_mode"] != "none" else 0
        points = points or (org["instructor_points"] if row["instructor"] else 0)
        points += org["cross_post_points"] if row["cross_posts"] >= 1 else 0
        members = row["party_members"]
        points += (
            org["members_points"]
            if members >= org["members_full"]
            else (org["members_partial_points"] if members else 0)
        )
        out[row["uscc"]] = float(points)
    return out


def complaint_deductions(tickets: pl.DataFrame, spec: Spec, rules: dict) -> dict[tuple[str, str], float]:
    """Points deducted per (company, quarter of receipt) for verified complaints: one each, three when
    closed after its deadline or still open past it at the quarter's end, capped (config/rating.toml)."""
    rule = rules["deductions"]
    ends = {q: np.datetime64(quarter_start(q), "D") for q in spec.quarters}
    quarter = (
        pl.col("received_at").dt.year().cast(pl.String)
        + "Q"
        + pl.col("received_at").dt.quarter().cast(pl.String)
    )
    verified = tickets.filter(pl.col("company_fault").fill_null(False)).with_columns(quarter.alias("quarter"))
    quarter_end = pl.col("quarter").replace_strict(
        {q: (e.astype("datetime64[M]") + 3).astype("datetime64[ms]").item() for q, e in ends.items()},
        default=None,
        return_dtype=pl.Datetime("ms"),
    )
    overdue = (pl.col("closed_at") > pl.col("deadline_at")) | (
        pl.col("closed_at").is_null() & (pl.col("deadline_at") < quarter_end)
    )
    points = pl.when(overdue.fill_null(False)).then(rule["complaint_overdue"]).otherwise(rule["complaint"])
    summed = verified.group_by("company_uscc", "quarter").agg(points.sum().alias("points"))
    return {(u, q): float(min(p, rule["complaint_cap"])) for u, q, p in summed.iter_rows() if q in ends}
