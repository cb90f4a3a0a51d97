"""Party organisations of the 两新组织 and of property companies (DOMAIN.md §3–4).

两新: own branches (单独组建) for the 9 operating enterprises with most full members (the 7th of them is
the planted branch that crosses 7 full members mid-year) and the two largest social organisations; the
two other organisations with ≥ 3 full members stay in joint branches (a gap 单独组建率 shows). Each
community's 党委 leads joint branches (联合党支部, 4–5 units each, ≤ 5 by the rule) over its small
organisations: units with 1–2 members give the branch its 3–6 full members, the rest of its units
have none yet (that is what joint branches are for). About 45 % of the operating
organisations end up with a Party organisation; about 93 % of the others have a 党建指导员, so
工作覆盖率 is much higher. Property companies: 6 own branches and three joint branches.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.companies import Companies
from pipelines.demo.org_record import WORKING_COMMITTEE, Org, founded
from pipelines.demo.places import STREET_CODE
from pipelines.demo.text_places import COMMUNITIES

OWN_ENTERPRISE_BRANCHES = 9
OWN_SOCIAL_BRANCHES = 2
CROSSING_RANK = 6  # the 7th largest enterprise branch is the one crossing 7 full members
JOINT_BRANCHES = 24  # 联合党支部 over 两新组织, shared out over the communities
P_INSTRUCTOR, P_INSTRUCTOR_WITH_ORG = 0.93, 0.3
ORDINALS = "一二三四五六七八九十"


def _community_code(name: str) -> str:
    return f"{STREET_CODE}{COMMUNITIES.index(name.removesuffix('社区')) + 1:03d}"


class Coverage:
    """Branches over 两新组织, and for each organisation the branch (name) and how it was built."""

    def __init__(self, rng, organisations: pl.DataFrame):
        self.rng, self.orgs = rng, organisations.with_row_index("i")
        self.full = self.orgs["full_members"].to_numpy().copy()
        self.branch: dict[int, str] = {}
        self.mode: dict[int, str] = {}
        self.out: list[Org] = []

    def own(self, i: int, code: str, category: str, parent: str, *, crossing: bool = False) -> None:
        name = self.orgs["name"][i] + "党支部"
        self.out.append(
            Org(
                code,
                name,
                "党支部",
                parent,
                category,
                founded(self.rng, 2012, 2021),
                community=self.orgs["community"][i],
                full=int(self.full[i]) - crossing,
                probationary=int(crossing),
                crossing=crossing,
            )
        )
        self.branch[i], self.mode[i] = name, "单独组建"

    def joint(self, units: list[int], code: str, name: str, category: str, parent: str) -> None:
        self.out.append(
            Org(
                code,
                name,
                "联合党支部",
                parent,
                category,
                founded(self.rng, 2016, 2023),
                community=self.orgs["community"][units[0]],
                units_covered=len(units),
                full=int(self.full[units].sum()),
            )
        )
        self.branch.update({i: name for i in units})
        self.mode.update({i: "联合组建" for i in units})

    def result(self, organisations: pl.DataFrame) -> pl.DataFrame:
        n = self.orgs.height
        names = [self.branch.get(i) for i in range(n)]
        has_org = np.array([name is not None for name in names])
        draw = self.rng.random(n)
        instructor = self.orgs["operating"].to_numpy() & np.where(
            has_org, draw < P_INSTRUCTOR_WITH_ORG, draw < P_INSTRUCTOR
        )
        return organisations.with_columns(
            pl.Series("full_members", self.full),
            pl.Series("party_org", names, dtype=pl.String),
            pl.Series("build_mode", [self.mode.get(i) for i in range(n)], dtype=pl.String),
            pl.Series("instructor", instructor),
        )


def two_new(rng, organisations: pl.DataFrame) -> tuple[pl.DataFrame, list[Org]]:
    cover = Coverage(rng, organisations)
    operating = cover.orgs.filter(pl.col("operating"))
    by_members = ["full_members", "i"]
    firms = operating.filter(pl.col("kind") == "非公企业").sort(by_members, descending=True)
    social = operating.filter(pl.col("kind") == "社会组织").sort(by_members, descending=True)
    own = firms.head(OWN_ENTERPRISE_BRANCHES)["i"].to_list()
    cover.full[own[CROSSING_RANK]] = 7  # the crossing branch: 6 full members, the 7th 转正 mid-year
    lead = int(social["i"][0])
    cover.full[lead] = max(4, int(cover.full[lead]))
    for k, i in enumerate(own):
        parent = "DW" + _community_code(cover.orgs["community"][i])
        cover.own(i, f"ZB{STREET_CODE}F{k + 1:02d}", "非公企业", parent, crossing=k == CROSSING_RANK)
    for k, i in enumerate(social.head(OWN_SOCIAL_BRANCHES)["i"].to_list()):
        cover.own(int(i), f"ZB{STREET_CODE}H{k + 1:02d}", "社会组织", WORKING_COMMITTEE)
    taken = set(own) | set(social.head(OWN_SOCIAL_BRANCHES)["i"].to_list())
    _joint_branches(cover, rng, operating.filter(~pl.col("i").is_in(list(taken))))
    return cover.result(organisations), cover.out


def _joint_branches(cover: Coverage, rng, free: pl.DataFrame) -> None:
    """Community by community, joint branches of 4–5 units: units with members first (until the
    branch has ≥ 3 full members), then units without members, largest first."""
    quota = _quotas(free)
    number = 0
    for community in COMMUNITIES:
        name = community + "社区"
        mine = free.filter(pl.col("community") == name)
        members = list(rng.permutation(mine.filter(pl.col("full_members") > 0)["i"].to_numpy()))
        empty = list(mine.filter(pl.col("full_members") == 0).sort("employees", descending=True)["i"])
        for k in range(quota.get(name, 0)):
            units = _fill(cover, members, empty, int(rng.integers(4, 6)), int(rng.integers(3, 7)))
            if units is None:
                break
            number += 1
            kinds = set(cover.orgs["kind"].to_numpy()[units])
            label, category = _joint_label(kinds)
            code = f"ZB{STREET_CODE}L{number:02d}"
            title = f"岳阳楼街道{name}{label}第{ORDINALS[k]}联合党支部"
            cover.joint(units, code, title, category, "DW" + _community_code(name))


def _quotas(free: pl.DataFrame) -> dict[str, int]:
    """Joint branches per community, in proportion to its organisations with members."""
    counts = free.filter(pl.col("full_members") > 0).group_by("community").len().sort("community")
    share = counts["len"].to_numpy() / counts["len"].sum()
    return dict(zip(counts["community"], np.round(share * JOINT_BRANCHES).astype(int).tolist(), strict=True))


def _fill(cover: Coverage, members: list, empty: list, size: int, wanted: int) -> list[int] | None:
    """Take member units until ``wanted`` full members (at most ``size`` units, at least 3 members),
    then empty units up to ``size``; None when the community has too few members left for a branch."""
    units: list[int] = []
    while members and len(units) < size and cover.full[units].sum() < wanted:
        units.append(int(members.pop()))
    if cover.full[units].sum() < 3:
        members.extend(units)
        return None
    while empty and len(units) < size:
        units.append(int(empty.pop(0)))
    return units


def _joint_label(kinds: set) -> tuple[str, str]:
    if kinds == {"非公企业"}:
        return "非公企业", "非公企业"
    if kinds == {"社会组织"}:
        return "社会组织", "社会组织"
    return "两新组织", "联合"


COMPANY_JOINT_UNITS = (5, 4, 4)  # companies in each 物业服务企业联合党支部 (≤ 5 units each)


def company_branches(rng, companies: Companies) -> tuple[pl.DataFrame, list[Org]]:
    """Own branches of the 'own' companies; three joint branches over the 'joint' ones."""
    frame = companies.companies
    members = frame["party_members"].to_numpy()
    out, codes = [], [None] * frame.height
    for k, i in enumerate(np.flatnonzero(frame["org_mode"].to_numpy() == "own")):
        out.append(
            Org(
                f"ZB{STREET_CODE}W{k + 1:02d}",
                frame["name"][int(i)] + "党支部",
                "党支部",
                WORKING_COMMITTEE,
                "物业企业",
                founded(rng, 2018, 2022),
                full=max(3, int(members[i])),
            )
        )
        codes[int(i)] = out[-1].org_code
    joint = np.flatnonzero(frame["org_mode"].to_numpy() == "joint")
    starts = np.cumsum((0, *COMPANY_JOINT_UNITS))
    for k, units in enumerate(COMPANY_JOINT_UNITS):
        group = joint[starts[k] : starts[k] + units]
        out.append(
            Org(
                f"ZB{STREET_CODE}W{k + 11:02d}",
                f"岳阳楼街道物业服务企业第{'一二三'[k]}联合党支部",
                "联合党支部",
                WORKING_COMMITTEE,
                "物业企业",
                founded(rng, 2019, 2022),
                units_covered=len(group),
                full=max(3, int(members[group].sum())),
            )
        )
        for i in group:
            codes[int(i)] = out[-1].org_code
    return frame.with_columns(pl.Series("party_org_code", codes, dtype=pl.String)), out
