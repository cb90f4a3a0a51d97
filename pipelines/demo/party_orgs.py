"""The Party organisation tree of the street (党组织名册), and who is covered by it.

街道党工委 → 9 社区党委 → 网格党支部 (30 of the grids) → 党小组 (some of them 楼栋党小组), plus
branches of the street's 机关, 事业单位 and 国企, of the 两新组织 (own branches 单独组建 and 联合党支部
of ≤ 5 units), and of property companies. Every branch has ≥ 3 full members; its size is decided
here (``full``, ``probationary``) and the members are drawn in ``party_members``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.demo.companies import Companies
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec

WORKING_COMMITTEE = "DGW" + STREET_CODE
GRID_BRANCHES = 30
OWN_ENTERPRISE_BRANCHES = 7
JOINT_UNITS = (5, 5, 4, 4)  # units covered by each 非公企业联合党支部
JOINT_AREAS = ("汴河街商圈", "巴陵中路楼宇", "洞庭北路沿线", "九华山片区")
INSTITUTIONS = (  # (name, category, full members)
    ("岳阳楼街道机关第一党支部", "机关", 21),
    ("岳阳楼街道机关第二党支部", "机关", 17),
    ("岳阳楼街道社区卫生服务中心党支部", "事业单位", 15),
    ("岳阳楼街道便民服务中心党支部", "事业单位", 11),
    ("岳阳楼景区运营公司党支部", "国企", 31),
    ("岳阳市公交公司洞庭车队党支部", "国企", 24),
)


@dataclass
class Tree:
    orgs: pl.DataFrame  # the roster, plus full / probationary / crossing / group_size helper columns
    organisations: pl.DataFrame  # 两新 with party_org (name), build_mode, instructor
    companies: pl.DataFrame  # with party_org_code
    buildings: pl.DataFrame  # with party_group_code

    @property
    def branches(self) -> pl.DataFrame:
        return self.orgs.filter(pl.col("org_type").is_in(["党支部", "联合党支部"]))


def _org(
    code,
    name,
    org_type,
    parent,
    category,
    *,
    community=None,
    grid=None,
    units=None,
    founded,
    full=0,
    probationary=0,
    crossing=False,
    group_size=0,
) -> dict:
    return {
        "org_code": code,
        "name": name,
        "org_type": org_type,
        "parent_code": parent,
        "category": category,
        "community": community,
        "grid": grid,
        "units_covered": units,
        "founded_on": founded,
        "full": full,
        "probationary": probationary,
        "crossing": crossing,
        "group_size": group_size,
    }


def _day(rng, first_year: int, last_year: int) -> dt.date:
    return dt.date(
        int(rng.integers(first_year, last_year + 1)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
    )


def build(spec: Spec, places: Places, companies: Companies) -> Tree:
    rng = spec.rng("party_orgs")
    orgs = [
        _org(
            WORKING_COMMITTEE,
            "中共岳阳楼街道工作委员会",
            "党工委",
            None,
            "街道",
            founded=dt.date(1984, 6, 28),
        )
    ]
    for row in places.communities.iter_rows(named=True):
        orgs.append(
            _org(
                "DW" + row["community_code"],
                f"中共岳阳楼街道{row['name']}委员会",
                "党委",
                WORKING_COMMITTEE,
                "社区",
                community=row["name"],
                founded=_day(rng, 2003, 2012),
            )
        )
    orgs += _grid_branches(rng, places)
    for i, (name, category, full) in enumerate(INSTITUTIONS, start=1):
        orgs.append(
            _org(
                f"ZB{STREET_CODE}J{i:02d}",
                name,
                "党支部",
                WORKING_COMMITTEE,
                category,
                founded=_day(rng, 1995, 2015),
                full=full,
                probationary=int(rng.integers(0, 2)),
            )
        )
    organisations, two_new = _two_new(rng, companies.organisations, spec)
    company_frame, company_orgs = _company_branches(rng, companies)
    groups, buildings = _groups(rng, orgs, places, companies.compounds)
    frame = pl.DataFrame(orgs + two_new + company_orgs + groups, infer_schema_length=None)
    return Tree(frame, organisations, company_frame, buildings)


def _grid_branches(rng, places: Places) -> list[dict]:
    """30 grid branches; the scenic 专属网格 has one, the rest go to the larger grids."""
    grids = places.grids.with_columns(pl.col("grid_type").eq("专属网格").alias("scenic"))
    chosen = (
        grids.sort(["scenic", "households"], descending=True, maintain_order=True)
        .head(GRID_BRANCHES)
        .sort("grid_code")
    )
    sizes = rng.integers(36, 51, len(chosen))
    out = []
    for row, full in zip(chosen.iter_rows(named=True), sizes, strict=True):
        community = places.communities.filter(pl.col("community_code") == row["community_code"])["name"][0]
        out.append(
            _org(
                "ZB" + row["grid_code"],
                row["name"] + "党支部",
                "党支部",
                "DW" + row["community_code"],
                "网格",
                community=community,
                grid=row["name"],
                founded=_day(rng, 2019, 2021),
                full=int(full) - 2,
                probationary=int(rng.integers(0, 3)),
            )
        )
    return out


def _two_new(rng, organisations: pl.DataFrame, spec: Spec) -> tuple[pl.DataFrame, list[dict]]:
    """Own branches for the 7 operating enterprises with most full members (one of them crosses 7
    full members mid-year), 4 joint branches, a social organisation's own branch and a mixed
    joint branch. Instructors (党建指导员) cover most of the rest."""
    orgs = organisations.with_row_index("i")
    operating = orgs.filter(pl.col("operating"))
    firms = operating.filter(pl.col("kind") == "非公企业").sort(["full_members", "i"], descending=True)
    own = firms.head(OWN_ENTERPRISE_BRANCHES)["i"].to_list()
    small = firms.filter(pl.col("full_members").is_between(1, 2))["i"].to_list()
    social = operating.filter(pl.col("kind") == "社会组织").sort(["full_members", "i"], descending=True)
    full = orgs["full_members"].to_numpy().copy()
    full[own[-1]] = 7  # the crossing branch: 6 full members, the 7th 转正 mid-year
    full[social["i"][0]] = max(4, int(full[social["i"][0]]))
    picked = rng.permutation(small)
    cursor, party, mode, out = 0, {}, {}, []
    for k, i in enumerate(own):
        code = f"ZB{STREET_CODE}F{k + 1:02d}"
        out.append(
            _org(
                code,
                orgs["name"][i] + "党支部",
                "党支部",
                "DW" + _community_code(orgs["community"][i]),
                "非公企业",
                community=orgs["community"][i],
                founded=_day(rng, 2012, 2021),
                full=int(full[i]) - (1 if k == len(own) - 1 else 0),
                probationary=1 if k == len(own) - 1 else 0,
                crossing=k == len(own) - 1,
            )
        )
        party[i], mode[i] = out[-1]["name"], "单独组建"
    for k, (units, area) in enumerate(zip(JOINT_UNITS, JOINT_AREAS, strict=True)):
        members = picked[cursor : cursor + units]
        cursor += units
        out.append(
            _org(
                f"ZB{STREET_CODE}L{k + 1:02d}",
                f"岳阳楼街道{area}非公企业联合党支部",
                "联合党支部",
                WORKING_COMMITTEE,
                "非公企业",
                units=units,
                founded=_day(rng, 2016, 2022),
                full=int(full[members].sum()),
            )
        )
        party.update({int(i): out[-1]["name"] for i in members})
        mode.update({int(i): "联合组建" for i in members})
    lead = int(social["i"][0])
    out.append(
        _org(
            f"ZB{STREET_CODE}H01",
            orgs["name"][lead] + "党支部",
            "党支部",
            WORKING_COMMITTEE,
            "社会组织",
            community=orgs["community"][lead],
            founded=_day(rng, 2017, 2021),
            full=int(full[lead]),
        )
    )
    party[lead], mode[lead] = out[-1]["name"], "单独组建"
    mixed = [int(i) for i in social.filter(pl.col("full_members").is_between(1, 2))["i"][:2]] + [
        int(i) for i in picked[cursor : cursor + 2]
    ]
    out.append(
        _org(
            f"ZB{STREET_CODE}L{len(JOINT_UNITS) + 1:02d}",
            "岳阳楼街道社会组织和小微企业联合党支部",
            "联合党支部",
            WORKING_COMMITTEE,
            "联合",
            units=len(mixed),
            founded=_day(rng, 2019, 2022),
            full=int(full[mixed].sum()),
        )
    )
    party.update({i: out[-1]["name"] for i in mixed})
    mode.update({i: "联合组建" for i in mixed})
    names = [party.get(i) for i in range(len(orgs))]
    operating_mask = orgs["operating"].to_numpy()
    instructor = operating_mask & np.where(
        [n is None for n in names], rng.random(len(orgs)) < 0.72, rng.random(len(orgs)) < 0.3
    )
    return organisations.with_columns(
        pl.Series("full_members", full),
        pl.Series("party_org", names, dtype=pl.String),
        pl.Series("build_mode", [mode.get(i) for i in range(len(orgs))], dtype=pl.String),
        pl.Series("instructor", instructor),
    ), out


def _community_code(name: str) -> str:
    from pipelines.demo.text_places import COMMUNITIES

    return f"{STREET_CODE}{COMMUNITIES.index(name.removesuffix('社区')) + 1:03d}"


def _company_branches(rng, companies: Companies) -> tuple[pl.DataFrame, list[dict]]:
    """Own branches of the 4 'own' companies; two joint branches of 4 companies each."""
    frame = companies.companies
    out, codes = [], [None] * len(frame)
    for k, i in enumerate(np.flatnonzero(frame["org_mode"].to_numpy() == "own")):
        code = f"ZB{STREET_CODE}W{k + 1:02d}"
        out.append(
            _org(
                code,
                frame["name"][int(i)] + "党支部",
                "党支部",
                WORKING_COMMITTEE,
                "物业企业",
                founded=_day(rng, 2018, 2022),
                full=int(frame["party_members"][int(i)]),
            )
        )
        codes[int(i)] = code
    joint = np.flatnonzero(frame["org_mode"].to_numpy() == "joint")
    for k, members in enumerate((joint[:4], joint[4:])):
        code = f"ZB{STREET_CODE}W{k + 5:02d}"
        total = int(frame["party_members"].to_numpy()[members].sum())
        out.append(
            _org(
                code,
                f"岳阳楼街道物业服务企业第{'一二'[k]}联合党支部",
                "联合党支部",
                WORKING_COMMITTEE,
                "物业企业",
                units=len(members),
                founded=_day(rng, 2019, 2022),
                full=max(3, total),
            )
        )
        for i in members:
            codes[int(i)] = code
    return frame.with_columns(pl.Series("party_org_code", codes, dtype=pl.String)), out


def _groups(
    rng, orgs: list[dict], places: Places, compounds: pl.DataFrame
) -> tuple[list[dict], pl.DataFrame]:
    """Four 楼栋党小组 (linked from the 楼栋台账) and two 党小组 in each of the two largest branches."""
    grid_branches = [o for o in orgs if o["category"] == "网格"]
    by_size = sorted(grid_branches, key=lambda o: (-o["full"], o["org_code"]))
    out, links = [], {}
    for k, branch in enumerate(by_size[2:6]):
        grid_code = branch["org_code"][2:]
        compound = (
            compounds.filter(pl.col("grid_code") == grid_code)
            .sort("households", descending=True, maintain_order=True)
            .row(0, named=True)
        )
        first = int(rng.integers(1, max(2, compound["buildings"] - 1)))
        numbers = list(range(first, min(first + int(rng.integers(1, 4)), compound["buildings"] + 1)))
        label = f"{numbers[0]}栋" if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}栋"
        code = f"XZ{grid_code}{k + 1:02d}"
        out.append(
            _org(
                code,
                f"{compound['name']}{label}党小组",
                "党小组",
                branch["org_code"],
                "楼栋",
                community=branch["community"],
                grid=branch["grid"],
                founded=_day(rng, 2021, 2023),
                group_size=int(rng.integers(5, 10)),
            )
        )
        links.update({f"{compound['compound_code']}-{n:02d}": code for n in numbers})
    for branch in by_size[:2]:
        for k in range(2):
            out.append(
                _org(
                    f"XZ{branch['org_code'][2:]}{k + 11:02d}",
                    f"{branch['name'].removesuffix('党支部')}第{'一二'[k]}党小组",
                    "党小组",
                    branch["org_code"],
                    "网格",
                    community=branch["community"],
                    grid=branch["grid"],
                    founded=_day(rng, 2020, 2022),
                    group_size=branch["full"] // 2,
                )
            )
    buildings = places.buildings.with_columns(
        pl.col("building_code")
        .replace_strict(links, default=None, return_dtype=pl.String)
        .alias("party_group_code")
    )
    return out, buildings
