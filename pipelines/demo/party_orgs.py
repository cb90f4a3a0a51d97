"""The Party organisation tree of the street (党组织名册), and who is covered by it.

街道党工委 → 9 社区党委 → 网格党支部 (38 of the 42 grids: the four smallest 综合网格 have none yet)
→ 党小组: about 70 % of the grid branches have a 楼栋党小组 over 4–7 neighbouring buildings of their
largest compound (together about a quarter of the street's buildings), and the two largest branches
also two ordinary 党小组. Plus branches of the street's 机关, 事业单位 and 国企, of the 两新组织
and of property companies (``party_cover``). Every branch has ≥ 3 full members; its size is decided
here (``full``, ``probationary``) and the members are drawn in ``party_members``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import polars as pl

from pipelines.demo import party_cover
from pipelines.demo.companies import Companies
from pipelines.demo.org_record import WORKING_COMMITTEE, Org, founded
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec

GRID_BRANCHES = 38
P_BUILDING_GROUP = 0.7  # grid branches with a 楼栋党小组
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


def build(spec: Spec, places: Places, companies: Companies) -> Tree:
    rng = spec.rng("party_orgs")
    orgs = [Org(WORKING_COMMITTEE, "中共岳阳楼街道工作委员会", "党工委", None, "街道", dt.date(1984, 6, 28))]
    orgs += _community_committees(rng, places) + _grid_branches(rng, places) + _institutions(rng)
    organisations, two_new = party_cover.two_new(rng, companies.organisations)
    company_frame, company_orgs = party_cover.company_branches(rng, companies)
    groups, buildings = _groups(rng, orgs, places, companies.compounds)
    frame = pl.DataFrame(
        [asdict(o) for o in orgs + two_new + company_orgs + groups], infer_schema_length=None
    )
    return Tree(frame, organisations, company_frame, buildings)


def _community_committees(rng, places: Places) -> list[Org]:
    return [
        Org(
            "DW" + c["community_code"],
            f"中共岳阳楼街道{c['name']}委员会",
            "党委",
            WORKING_COMMITTEE,
            "社区",
            founded(rng, 2003, 2012),
            community=c["name"],
        )
        for c in places.communities.iter_rows(named=True)
    ]


def _grid_branches(rng, places: Places) -> list[Org]:
    """Grid branches of 24–40 members; the scenic 专属网格 has one, the rest go to the larger grids."""
    grids = places.grids.with_columns(pl.col("grid_type").eq("专属网格").alias("scenic"))
    chosen = grids.sort(["scenic", "households"], descending=True, maintain_order=True).head(GRID_BRANCHES)
    names = dict(zip(places.communities["community_code"], places.communities["name"], strict=True))
    sizes = rng.integers(24, 41, GRID_BRANCHES)
    return [
        Org(
            "ZB" + g["grid_code"],
            g["name"] + "党支部",
            "党支部",
            "DW" + g["community_code"],
            "网格",
            founded(rng, 2019, 2021),
            community=names[g["community_code"]],
            grid=g["name"],
            full=int(size) - 2,
            probationary=int(rng.integers(0, 3)),
        )
        for g, size in zip(chosen.sort("grid_code").iter_rows(named=True), sizes, strict=True)
    ]


def _institutions(rng) -> list[Org]:
    return [
        Org(
            f"ZB{STREET_CODE}J{i:02d}",
            name,
            "党支部",
            WORKING_COMMITTEE,
            category,
            founded(rng, 1995, 2015),
            full=full,
            probationary=int(rng.integers(0, 2)),
        )
        for i, (name, category, full) in enumerate(INSTITUTIONS, start=1)
    ]


def _groups(rng, orgs: list[Org], places: Places, compounds: pl.DataFrame) -> tuple[list[Org], pl.DataFrame]:
    """楼栋党小组 of most grid branches (linked from the 楼栋台账) and two 党小组 in each of the two
    largest branches."""
    grid_branches = sorted((o for o in orgs if o.category == "网格"), key=lambda o: o.org_code)
    out, links = [], {}
    for branch in grid_branches:
        mine = compounds.filter(pl.col("grid_code") == branch.org_code[2:])
        if rng.random() < P_BUILDING_GROUP and mine.height:
            largest = mine.sort("households", "compound_code", descending=[True, False]).row(0, named=True)
            group, codes = _building_group(rng, branch, largest)
            out.append(group)
            links.update({code: group.org_code for code in codes})
    by_size = sorted(grid_branches, key=lambda o: (-o.full, o.org_code))
    for branch in by_size[:2]:
        out += [
            Org(
                f"XZ{branch.org_code[2:]}{k + 11:02d}",
                f"{branch.name.removesuffix('党支部')}第{'一二'[k]}党小组",
                "党小组",
                branch.org_code,
                "网格",
                founded(rng, 2020, 2022),
                community=branch.community,
                grid=branch.grid,
                group_size=branch.full // 2,
            )
            for k in range(2)
        ]
    links_column = pl.col("building_code").replace_strict(links, default=None, return_dtype=pl.String)
    return out, places.buildings.with_columns(links_column.alias("party_group_code"))


def _building_group(rng, branch: Org, compound: dict) -> tuple[Org, list[str]]:
    """A 楼栋党小组 over 4–7 neighbouring buildings of the compound (all of them in a smaller one)."""
    length = min(int(rng.integers(4, 8)), compound["buildings"])
    start = 1 + int(rng.integers(0, compound["buildings"] - length + 1))
    group = Org(
        f"XZ{branch.org_code[2:]}01",
        f"{compound['name']}{start}-{start + length - 1}栋党小组",
        "党小组",
        branch.org_code,
        "楼栋",
        founded(rng, 2021, 2024),
        community=branch.community,
        grid=branch.grid,
        group_size=int(rng.integers(6, 12)),
    )
    return group, [f"{compound['compound_code']}-{n:02d}" for n in range(start, start + length)]
