"""组织生活 records and Party dues, following DOMAIN.md §3.

Meetings per branch: 支部党员大会 and 党课 each quarter (the secretary gives one 党课 a year);
主题党日 monthly on the branch's fixed day; 支委会 monthly only in months the branch has ≥ 7 full
members; 党小组会 monthly per 党小组; 组织生活会 and 民主评议党员 once a year (December/January).
社区党委 meet monthly, the 党工委's 大工委 quarterly. 谈心谈话 records carry the scale factor.
Planted: two branches hold no 支部党员大会 in the last complete quarter.

Dues: monthly per member from the month they joined, at the 中组发〔2008〕3号 rates; a few
members owe three months or more.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from pipelines.demo.party_orgs import Tree
from pipelines.demo.places import STREET_CODE
from pipelines.demo.spec import Spec, quarter_of
from pipelines.demo.text_party import COMMITTEE_ELECTION, SECRETARY_LECTURE, TOPICS
from pipelines.demo.workdays import WorkCalendar

MISSING_ASSEMBLY = 2  # branches without a 支部党员大会 in the last complete quarter
ARREARS_MONTHS = (3, 3, 4, 4, 5)  # members who stopped paying that many months before the cutoff


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
    """The planted branches: the two grid branches with the highest codes in 汴河社区 and 捕捞社区."""
    grid = tree.branches.filter(pl.col("category") == "网格")
    picks = [grid.filter(pl.col("community") == c)["org_code"].sort()[-1] for c in ("汴河社区", "捕捞社区")]
    return picks[:MISSING_ASSEMBLY]


def meetings(spec: Spec, tree: Tree, members: pl.DataFrame, cal: WorkCalendar) -> pl.DataFrame:
    rng = spec.rng("meetings")
    counts = full_counts(spec, members)
    parts = [
        _monthly(rng, spec, tree, counts, cal),
        _quarterly(rng, spec, tree, counts, cal),
        _yearly(rng, spec, tree, counts, cal),
        _talks(rng, spec, tree, cal),
    ]
    month = pl.col("held_on").dt.strftime("%Y%m")
    frame = pl.concat(parts, how="vertical").sort("held_on", "org_code", "kind", "topic", maintain_order=True)
    return frame.with_columns(
        (pl.lit("HY") + month + pl.int_range(1, pl.len() + 1).over(month).cast(pl.String).str.zfill(6)).alias(
            "meeting_id"
        ),
        pl.lit(STREET_CODE).alias("street_code"),
    ).join(
        tree.orgs.select("org_code", pl.col("name").alias("org_name")),
        on="org_code",
        how="left",
        maintain_order="left",
    )


def _workday_in(rng, cal: WorkCalendar, first: dt.date, end: dt.date, n: int) -> np.ndarray:
    days = cal.workdays_in(first, end)
    return days[rng.integers(0, len(days), n)]


def _rows(org, kind, held, expected, attendees, topic) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "org_code": np.asarray(org, dtype=str),
            "kind": np.asarray(kind, dtype=str),
            "held_on": np.asarray(held, "datetime64[D]"),
            "expected": np.asarray(expected, np.int64),
            "attendees": np.asarray(attendees, np.int64),
            "topic": np.asarray(topic, dtype=str),
        }
    )


def _topics(rng, kind: str, n: int) -> np.ndarray:
    return rng.choice(np.array(TOPICS[kind]), size=n)


def _monthly(rng, spec, tree, counts, cal) -> pl.DataFrame:
    branches = tree.branches.select("org_code").with_columns(
        fixed_day=pl.lit(rng.integers(5, 26, tree.branches.height))
    )
    grid = branches.join(counts, on="org_code", maintain_order="left_right")
    month = grid["month"].to_numpy().astype("datetime64[D]")
    party_day = cal.add_workdays(month + grid["fixed_day"].to_numpy() - 2, 1).astype("datetime64[D]")
    n = grid.height
    out = [
        _rows(
            grid["org_code"],
            ["主题党日"] * n,
            party_day,
            grid["everyone"],
            rng.binomial(grid["everyone"].to_numpy(), 0.86),
            _topics(rng, "主题党日", n),
        )
    ]
    committee = grid.filter(pl.col("full") >= 7)
    size = np.where(committee["full"].to_numpy() >= 20, 5, 3)
    out.append(
        _rows(
            committee["org_code"],
            ["支委会"] * committee.height,
            _early_day(rng, cal, committee["month"]),
            size,
            size - (rng.random(committee.height) < 0.15),
            _topics(rng, "支委会", committee.height),
        )
    )
    groups = tree.orgs.filter(pl.col("org_type") == "党小组").select("org_code", "group_size")
    months = pl.DataFrame({"month": spec.months})
    g = groups.join(months, how="cross", maintain_order="left_right")
    out.append(
        _rows(
            g["org_code"],
            ["党小组会"] * g.height,
            _early_day(rng, cal, g["month"], 8, 28),
            g["group_size"],
            rng.binomial(g["group_size"].to_numpy(), 0.88),
            _topics(rng, "党小组会", g.height),
        )
    )
    party = (
        tree.orgs.filter(pl.col("org_type") == "党委")
        .select("org_code")
        .join(months, how="cross", maintain_order="left_right")
    )
    out.append(
        _rows(
            party["org_code"],
            ["社区党委会"] * party.height,
            _early_day(rng, cal, party["month"]),
            [7] * party.height,
            7 - rng.integers(0, 2, party.height),
            _topics(rng, "社区党委会", party.height),
        )
    )
    return pl.concat(out)


def _early_day(rng, cal, month: pl.Series, lo: int = 1, hi: int = 12) -> np.ndarray:
    start = month.to_numpy().astype("datetime64[D]") + rng.integers(lo - 1, hi, len(month))
    return cal.add_workdays(start - 1, 1).astype("datetime64[D]")


def _quarterly(rng, spec, tree, counts, cal) -> pl.DataFrame:
    """支部党员大会 and 党课 once in each quarter (the window's months of it); 大工委 quarterly."""
    quarters = (
        counts.with_columns(
            q=pl.col("month").dt.year().cast(pl.String) + "Q" + pl.col("month").dt.quarter().cast(pl.String)
        )
        .group_by("org_code", "q")
        .agg(
            pl.col("month").min().alias("first"),
            pl.col("month").max().alias("last"),
            pl.col("full").max(),
            pl.col("everyone").max(),
        )
        .sort("org_code", "q")
    )
    last_q = spec.quarters[-1]
    skip = set(missing_assembly_branches(tree))
    assembly = quarters.filter(~(pl.col("org_code").is_in(list(skip)) & (pl.col("q") == last_q)))
    out = []
    for kind, frame, share in (("支部党员大会", assembly, 0.9), ("党课", quarters, 0.85)):
        held = _day_between(rng, cal, frame["first"], frame["last"])
        if kind == "支部党员大会":  # the crossing branch elects its committee just after the 7th 转正
            held = np.where(_crossing_quarter(spec, tree, frame), _election_day(spec, cal), held)
        expected = frame["full" if kind == "支部党员大会" else "everyone"].to_numpy()
        attendees = np.maximum(rng.binomial(expected, share), expected // 2 + 1)
        topic = _topics(rng, kind, frame.height)
        if kind == "党课":  # the secretary's own lecture: the second quarter of each year
            topic = np.where(
                frame["q"].str.ends_with("Q2").to_numpy(), np.char.add(SECRETARY_LECTURE, topic), topic
            )
        else:
            topic = np.where(_crossing_quarter(spec, tree, frame), COMMITTEE_ELECTION, topic)
        out.append(_rows(frame["org_code"], [kind] * frame.height, held, expected, attendees, topic))
    top = quarters.select("q", "first", "last").unique("q", keep="first", maintain_order=True).sort("q")
    out.append(
        _rows(
            ["DGW" + STREET_CODE] * top.height,
            ["大工委联席会"] * top.height,
            _day_between(rng, cal, top["first"], top["last"]),
            [15] * top.height,
            rng.integers(12, 16, top.height),
            _topics(rng, "大工委联席会", top.height),
        )
    )
    return pl.concat(out)


def _crossing_quarter(spec, tree, frame) -> np.ndarray:
    from pipelines.demo.party_members import crossing_day

    crossing = tree.orgs.filter(pl.col("crossing"))["org_code"].to_list()
    return (frame["org_code"].is_in(crossing) & (frame["q"] == quarter_of(crossing_day(spec)))).to_numpy()


def _election_day(spec, cal) -> np.datetime64:
    from pipelines.demo.party_members import crossing_day

    return cal.add_workdays(np.array([np.datetime64(crossing_day(spec), "s")]), 5).astype("datetime64[D]")[0]


def _day_between(rng, cal, first: pl.Series, last: pl.Series) -> np.ndarray:
    """A working day between the 10th of the first month and the 25th of the last."""
    lo = first.to_numpy().astype("datetime64[D]") + 9
    span = (last.to_numpy().astype("datetime64[D]") + 24 - lo).astype(int)
    return cal.add_workdays(lo + (rng.random(len(lo)) * span).astype(int) - 1, 1).astype("datetime64[D]")


def _yearly(rng, spec, tree, counts, cal) -> pl.DataFrame:
    """组织生活会 then 民主评议党员 for each year whose December–January season lies in the window."""
    out = []
    for year in range(spec.start.year - 1, spec.as_of.year + 1):
        first, end = dt.date(year, 12, 8), dt.date(year + 1, 1, 26)
        if first < spec.start or end > spec.cutoff.date():
            continue
        month = pl.Series([dt.date(year, 12, 1)])
        members = counts.filter(pl.col("month").is_in(month.implode())).join(
            tree.branches.select("org_code"), on="org_code", maintain_order="left"
        )
        held = _workday_in(rng, cal, first, end, members.height)
        everyone = members["everyone"].to_numpy()
        for kind, offset in (("组织生活会", 0), ("民主评议党员", 1)):
            out.append(
                _rows(
                    members["org_code"],
                    [kind] * members.height,
                    cal.add_workdays(held, offset).astype("datetime64[D]"),
                    everyone,
                    np.maximum(rng.binomial(everyone, 0.9), everyone // 2 + 1),
                    _topics(rng, kind, members.height),
                )
            )
    return pl.concat(out) if out else _rows([], [], [], [], [], [])


def _talks(rng, spec, tree, cal) -> pl.DataFrame:
    """谈心谈话: about four records per branch per year at scale 1, times the scale."""
    n = int(round(spec.activity(4 * 2 * tree.branches.height)))
    org = rng.choice(tree.branches["org_code"].to_numpy(), size=n)
    held = _workday_in(rng, cal, spec.start, spec.cutoff.date(), n)
    return _rows(org, ["谈心谈话"] * n, held, [2] * n, [2] * n, _topics(rng, "谈心谈话", n))
