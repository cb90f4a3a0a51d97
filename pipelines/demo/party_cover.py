"""Party organisations of the 两新组织 and of property companies (DOMAIN.md §3–4).

两新: own branches (单独组建) for the 7 operating enterprises with most full members (the last of
them is the planted branch that crosses 7 full members mid-year), four 非公企业联合党支部 over
enterprises with 1–2 members, a social organisation's own branch, and a mixed 联合党支部; most
organisations without a Party organisation have a 党建指导员. Property companies: 4 own branches
and two joint branches of 4 companies each.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.companies import Companies
from pipelines.demo.org_record import WORKING_COMMITTEE, Org, founded
from pipelines.demo.places import STREET_CODE
from pipelines.demo.text_places import COMMUNITIES

OWN_ENTERPRISE_BRANCHES = 7
JOINT_UNITS = (5, 5, 4, 4)  # units covered by each 非公企业联合党支部
JOINT_AREAS = ("汴河街商圈", "巴陵中路楼宇", "洞庭北路沿线", "九华山片区")
P_INSTRUCTOR, P_INSTRUCTOR_WITH_ORG = 0.72, 0.3


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

    def joint(self, members: list[int], code: str, name: str, category: str) -> None:
        self.out.append(
            Org(
                code,
                name,
                "联合党支部",
                WORKING_COMMITTEE,
                category,
                founded(self.rng, 2016, 2022),
                units_covered=len(members),
                full=int(self.full[members].sum()),
            )
        )
        self.branch.update({i: name for i in members})
        self.mode.update({i: "联合组建" for i in members})

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
    small = rng.permutation(firms.filter(pl.col("full_members").is_between(1, 2))["i"].to_numpy())
    cover.full[own[-1]] = 7  # the crossing branch: 6 full members, the 7th 转正 mid-year
    lead = int(social["i"][0])
    cover.full[lead] = max(4, int(cover.full[lead]))
    for k, i in enumerate(own):
        parent = "DW" + _community_code(cover.orgs["community"][i])
        cover.own(i, f"ZB{STREET_CODE}F{k + 1:02d}", "非公企业", parent, crossing=k == len(own) - 1)
    starts = np.cumsum((0, *JOINT_UNITS))
    for k, (units, area) in enumerate(zip(JOINT_UNITS, JOINT_AREAS, strict=True)):
        members = [int(i) for i in small[starts[k] : starts[k] + units]]
        cover.joint(
            members, f"ZB{STREET_CODE}L{k + 1:02d}", f"岳阳楼街道{area}非公企业联合党支部", "非公企业"
        )
    cover.own(lead, f"ZB{STREET_CODE}H01", "社会组织", WORKING_COMMITTEE)
    mixed = [int(i) for i in social.filter(pl.col("full_members").is_between(1, 2))["i"][:2]]
    mixed += [int(i) for i in small[starts[-1] : starts[-1] + 2]]
    cover.joint(
        mixed, f"ZB{STREET_CODE}L{len(JOINT_UNITS) + 1:02d}", "岳阳楼街道社会组织和小微企业联合党支部", "联合"
    )
    return cover.result(organisations), cover.out


def company_branches(rng, companies: Companies) -> tuple[pl.DataFrame, list[Org]]:
    """Own branches of the 4 'own' companies; two joint branches of 4 companies each."""
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
                full=int(members[i]),
            )
        )
        codes[int(i)] = out[-1].org_code
    joint = np.flatnonzero(frame["org_mode"].to_numpy() == "joint")
    for k, group in enumerate((joint[:4], joint[4:])):
        out.append(
            Org(
                f"ZB{STREET_CODE}W{k + 5:02d}",
                f"岳阳楼街道物业服务企业第{'一二'[k]}联合党支部",
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
