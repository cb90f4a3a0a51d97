"""组织生活 records (三会一课台账), following the required-meeting table of DOMAIN.md §3.

Per branch: 支部党员大会 and 党课 each quarter (the secretary's own 党课 in the second quarter);
主题党日 monthly on the branch's fixed day; 支委会 monthly only in months the branch has ≥ 7 full
members; 党小组会 monthly per 党小组; 组织生活会 and 民主评议党员 once a year (December/January).
社区党委 meet monthly, the 党工委's 大工委 quarterly. 谈心谈话 records carry the scale factor.
Planted: two branches hold no 支部党员大会 in the last complete quarter; the crossing branch elects
its committee at a 支部党员大会 just after its 7th member's 转正 and holds 支委会 from the next month.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo.party_members import crossing_day
from pipelines.demo.party_orgs import Tree
from pipelines.demo.places import STREET_CODE
from pipelines.demo.spec import Spec, quarter_of
from pipelines.demo.text_party import COMMITTEE_ELECTION, SECRETARY_LECTURE, TOPICS
from pipelines.demo.workdays import WorkCalendar

MISSING_ASSEMBLY_COMMUNITIES = ("汴河社区", "捕捞社区")  # one grid branch each skips the last quarter's 大会
ATTENDANCE = (0.86, 0.97)  # a branch's usual share of members present (retired and migrant members miss some)


def full_counts(spec: Spec, members: pl.DataFrame) -> pl.DataFrame:
    """Per branch and month: full members (正式 for a year by the 1st) and all members on the 1st."""
    months = pl.DataFrame({"month": spec.months})
    joined = members.select("org_code", "joined_on").join(months, how="cross", maintain_order="left_right")
    return (
        joined.group_by("org_code", "month")
        .agg(
            full=(pl.col("joined_on").dt.offset_by("1y") <= pl.col("month")).sum(),
            everyone=(pl.col("joined_on") <= pl.col("month")).sum(),
        )
        .sort("org_code", "month")
    )


def missing_assembly_branches(tree: Tree) -> list[str]:
    """The planted branches: the grid branch with the highest code in each of the two communities."""
    grid = tree.branches.filter(pl.col("category") == "网格")
    return [
        grid.filter(pl.col("community") == c)["org_code"].sort()[-1] for c in MISSING_ASSEMBLY_COMMUNITIES
    ]


def meetings(spec: Spec, tree: Tree, members: pl.DataFrame, cal: WorkCalendar) -> pl.DataFrame:
    rng = spec.rng("meetings")
    habit = dict(
        zip(tree.orgs["org_code"], spec.rng("attendance").uniform(*ATTENDANCE, tree.orgs.height), strict=True)
    )
    counts = full_counts(spec, members)
    branch_months = tree.branches.select("org_code").join(counts, on="org_code", maintain_order="left_right")
    quarters = _quarters(counts)
    parts = [
        _party_days(rng, tree, branch_months, cal, habit),
        _committees(rng, branch_months, cal),
        _group_meetings(rng, spec, tree, cal, habit),
        _community_committees(rng, spec, tree, cal),
        _assemblies(rng, spec, tree, quarters, cal, habit),
        _lessons(rng, quarters, cal, habit),
        _joint_meetings(rng, quarters, cal),
        _yearly(rng, spec, tree, counts, cal, habit),
        _talks(rng, spec, tree, cal),
    ]
    month = pl.col("held_on").dt.strftime("%Y%m")
    number = pl.int_range(1, pl.len() + 1).over(month).cast(pl.String).str.zfill(6)
    frame = pl.concat(parts, how="vertical").sort("held_on", "org_code", "kind", "topic", maintain_order=True)
    names = tree.orgs.select("org_code", pl.col("name").alias("org_name"))
    return frame.with_columns(
        (pl.lit("HY") + month + number).alias("meeting_id"), pl.lit(STREET_CODE).alias("street_code")
    ).join(names, on="org_code", how="left", maintain_order="left")


def _rows(rng, kind: str, org, held, expected, attendees, topic=None) -> pl.DataFrame:
    """Meeting rows of one kind; topics drawn from that kind's pool unless given."""
    n = len(org)
    return pl.DataFrame(
        {
            "org_code": np.asarray(org, dtype=str),
            "kind": np.full(n, kind),
            "held_on": np.asarray(held, "datetime64[D]"),
            "expected": np.asarray(expected, np.int64),
            "attendees": np.asarray(attendees, np.int64),
            "topic": np.asarray(
                rng.choice(np.array(TOPICS[kind]), size=n) if topic is None else topic, dtype=str
            ),
        }
    )


def _share(habit: dict, org_codes, offset: float = 0.0) -> np.ndarray:
    """Each meeting's chance of a member being present: the organisation's habit, plus ``offset``
    for meetings members make a point of attending (a 支部党员大会 votes)."""
    usual = pl.Series(np.asarray(org_codes, dtype=str)).replace_strict(habit, return_dtype=pl.Float64)
    return np.clip(usual.to_numpy() + offset, 0, 1)


def _present(rng, expected: np.ndarray, share, quorum: bool = False) -> np.ndarray:
    """Attendees out of ``expected`` (``share``: a chance per meeting, or one for all); with
    ``quorum``, always more than half."""
    present = rng.binomial(expected, share)
    return np.maximum(present, expected // 2 + 1) if quorum else present


def _on_or_after(cal: WorkCalendar, days: np.ndarray) -> np.ndarray:
    """The first working day on or after each day."""
    return cal.add_workdays(np.asarray(days, "datetime64[D]") - 1, 1).astype("datetime64[D]")


def _early_day(rng, cal, month: pl.Series, lo: int = 1, hi: int = 12) -> np.ndarray:
    return _on_or_after(cal, month.to_numpy().astype("datetime64[D]") + rng.integers(lo - 1, hi, len(month)))


def _party_days(rng, tree, branch_months: pl.DataFrame, cal, habit: dict) -> pl.DataFrame:
    """主题党日 on each branch's fixed day of the month (the next working day if it is a holiday)."""
    fixed = dict(zip(tree.branches["org_code"], rng.integers(5, 26, tree.branches.height), strict=True))
    day = branch_months["org_code"].replace_strict(fixed).to_numpy() - 1
    held = _on_or_after(cal, branch_months["month"].to_numpy().astype("datetime64[D]") + day)
    everyone = branch_months["everyone"].to_numpy()
    return _rows(
        rng,
        "主题党日",
        branch_months["org_code"],
        held,
        everyone,
        _present(rng, everyone, _share(habit, branch_months["org_code"])),
    )


def _committees(rng, branch_months: pl.DataFrame, cal) -> pl.DataFrame:
    """支委会 in the months a branch has ≥ 7 full members: 3 members on the committee, 5 from 20."""
    months = branch_months.filter(pl.col("full") >= 7)
    size = np.where(months["full"].to_numpy() >= 20, 5, 3)
    absent = rng.random(months.height) < 0.15
    return _rows(
        rng, "支委会", months["org_code"], _early_day(rng, cal, months["month"]), size, size - absent
    )


def _group_meetings(rng, spec, tree, cal, habit: dict) -> pl.DataFrame:
    groups = tree.orgs.filter(pl.col("org_type") == "党小组").select("org_code", "group_size")
    g = groups.join(pl.DataFrame({"month": spec.months}), how="cross", maintain_order="left_right")
    size = g["group_size"].to_numpy()
    return _rows(
        rng,
        "党小组会",
        g["org_code"],
        _early_day(rng, cal, g["month"], 8, 28),
        size,
        _present(rng, size, _share(habit, g["org_code"])),
    )


def _community_committees(rng, spec, tree, cal) -> pl.DataFrame:
    committees = tree.orgs.filter(pl.col("org_type") == "党委").select("org_code")
    c = committees.join(pl.DataFrame({"month": spec.months}), how="cross", maintain_order="left_right")
    return _rows(
        rng,
        "社区党委会",
        c["org_code"],
        _early_day(rng, cal, c["month"]),
        np.full(c.height, 7),
        7 - rng.integers(0, 2, c.height),
    )


def _quarters(counts: pl.DataFrame) -> pl.DataFrame:
    """Per branch and quarter: the window's first and last month of it, and the largest counts."""
    quarter = pl.col("month").dt.year().cast(pl.String) + "Q" + pl.col("month").dt.quarter().cast(pl.String)
    return (
        counts.with_columns(q=quarter)
        .group_by("org_code", "q")
        .agg(
            pl.col("month").min().alias("first"),
            pl.col("month").max().alias("last"),
            pl.col("full").max(),
            pl.col("everyone").max(),
        )
        .sort("org_code", "q")
    )


def _day_between(rng, cal, first: pl.Series, last: pl.Series) -> np.ndarray:
    """A working day between the 10th of the first month and the 25th of the last."""
    lo = first.to_numpy().astype("datetime64[D]") + 9
    span = (last.to_numpy().astype("datetime64[D]") + 24 - lo).astype(int)
    return _on_or_after(cal, lo + (rng.random(len(lo)) * span).astype(int))


def _assemblies(rng, spec, tree, quarters: pl.DataFrame, cal, habit: dict) -> pl.DataFrame:
    """支部党员大会 each quarter; voting members are the full members; always quorate."""
    skipped = pl.col("org_code").is_in(missing_assembly_branches(tree)) & (pl.col("q") == spec.quarters[-1])
    frame = quarters.filter(~skipped)
    crossing = tree.orgs.filter(pl.col("crossing"))["org_code"].to_list()
    election = (frame["org_code"].is_in(crossing) & (frame["q"] == quarter_of(crossing_day(spec)))).to_numpy()
    elected_on = cal.add_workdays(np.array([np.datetime64(crossing_day(spec), "s")]), 5).astype(
        "datetime64[D]"
    )
    held = np.where(election, elected_on[0], _day_between(rng, cal, frame["first"], frame["last"]))
    full = frame["full"].to_numpy()
    topics = rng.choice(np.array(TOPICS["支部党员大会"]), size=frame.height)
    return _rows(
        rng,
        "支部党员大会",
        frame["org_code"],
        held,
        full,
        _present(rng, full, _share(habit, frame["org_code"], 0.02), quorum=True),
        np.where(election, COMMITTEE_ELECTION, topics),
    )


def _lessons(rng, quarters: pl.DataFrame, cal, habit: dict) -> pl.DataFrame:
    """党课 each quarter; in the second quarter the branch secretary gives it (书记讲党课)."""
    everyone = quarters["everyone"].to_numpy()
    topics = rng.choice(np.array(TOPICS["党课"]), size=quarters.height)
    own = quarters["q"].str.ends_with("Q2").to_numpy()
    return _rows(
        rng,
        "党课",
        quarters["org_code"],
        _day_between(rng, cal, quarters["first"], quarters["last"]),
        everyone,
        _present(rng, everyone, _share(habit, quarters["org_code"]), quorum=True),
        np.where(own, np.char.add(SECRETARY_LECTURE, topics), topics),
    )


def _joint_meetings(rng, quarters: pl.DataFrame, cal) -> pl.DataFrame:
    """The street's 大工委联席会, quarterly, chaired by the 党工委."""
    top = quarters.select("q", "first", "last").unique("q", keep="first", maintain_order=True).sort("q")
    return _rows(
        rng,
        "大工委联席会",
        np.full(top.height, "DGW" + STREET_CODE),
        _day_between(rng, cal, top["first"], top["last"]),
        np.full(top.height, 15),
        rng.integers(12, 16, top.height),
    )


def _yearly(rng, spec, tree, counts, cal, habit: dict) -> pl.DataFrame:
    """组织生活会 then 民主评议党员 for each year whose December–January season lies in the window."""
    out = []
    for year in range(spec.start.year - 1, spec.as_of.year + 1):
        first, end = dt.date(year, 12, 8), dt.date(year + 1, 1, 26)
        if first < spec.start or end > spec.cutoff.date():
            continue
        december = counts.filter(pl.col("month") == dt.date(year, 12, 1))
        branches = december.join(tree.branches.select("org_code"), on="org_code", maintain_order="left")
        days = cal.workdays_in(first, end)
        held = days[rng.integers(0, len(days), branches.height)].astype("datetime64[s]")
        everyone = branches["everyone"].to_numpy()
        for kind, offset in (("组织生活会", 0), ("民主评议党员", 1)):
            out.append(
                _rows(
                    rng,
                    kind,
                    branches["org_code"],
                    cal.add_workdays(held, offset),
                    everyone,
                    _present(rng, everyone, _share(habit, branches["org_code"], 0.02), quorum=True),
                )
            )
    return pl.concat(out) if out else _rows(rng, "组织生活会", [], [], [], [])


def _talks(rng, spec, tree, cal) -> pl.DataFrame:
    """谈心谈话: about four records per branch per year at scale 1, times the scale."""
    n = int(round(spec.activity(4 * 2 * tree.branches.height)))
    days = cal.workdays_in(spec.start, spec.cutoff.date())
    org = rng.choice(tree.branches["org_code"].to_numpy(), size=n)
    return _rows(rng, "谈心谈话", org, days[rng.integers(0, len(days), n)], np.full(n, 2), np.full(n, 2))
