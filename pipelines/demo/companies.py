"""Property companies (物业服务企业) and the 两新组织 (non-public enterprises, social organisations).

25 companies serve the managed compounds; the five 无物业小区 have none. 19 of them have a Party
organisation (6 own branches, 13 in three joint branches), most others a 党建指导员. Two companies
carry the planted rating stories (see ``property_records``): ``GOLD`` is consistently 金牌, ``SLIDE``
slides 银 → 黄 → 黄 → 红 over the last four complete quarters; ``veto_company`` had a fire.

Every other company has a standing that its quarterly results scatter around: three are
金牌-level (all with their own branch), four weak (without a Party organisation where there are enough
of those), the rest 银牌-level.
A street's ranking is sticky: most companies keep their tier from quarter to quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.demo import codes
from pipelines.demo.arrays import column
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec
from pipelines.demo.text_places import company_names, enterprise_names, social_org_names

N_COMPANIES = 25
GOLD, SLIDE = 0, 1  # row indexes of the planted companies
N_ENTERPRISES, N_SOCIAL = 255, 45
N_GOLD_LEVEL, N_WEAK = 3, 4


@dataclass
class Companies:
    companies: pl.DataFrame  # uscc, name, instructor, cross_posts, party_members, org_mode (own/joint/none),
    # standing (gold/silver/weak, or planted_gold/planted_slide/veto)
    compounds: pl.DataFrame  # places.compounds with company_uscc
    organisations: pl.DataFrame  # 两新组织 without party columns (filled by party.build)

    @property
    def gold(self) -> str:
        return self.companies["uscc"][GOLD]

    @property
    def slide(self) -> str:
        return self.companies["uscc"][SLIDE]

    @property
    def veto(self) -> str:
        return veto_company(self.companies, self.gold, self.slide)

    def standing(self) -> dict[str, str]:
        return dict(zip(self.companies["uscc"], self.companies["standing"], strict=True))


def build(spec: Spec, places: Places) -> Companies:
    rng = spec.rng("companies")
    companies = _companies(rng)
    compounds = _assign(rng, places.compounds, companies["uscc"].to_numpy(), spec.rng("company_areas"))
    companies = _standing(spec.rng("company_standing"), companies)
    return Companies(companies, compounds, _organisations(rng, places))


def veto_company(companies: pl.DataFrame, gold: str, slide: str) -> str:
    """A company (neither planted one) that had a fire: the first of the others by USCC."""
    return companies.filter(~pl.col("uscc").is_in([gold, slide])).sort("uscc")["uscc"][0]


def _standing(rng, companies: pl.DataFrame) -> pl.DataFrame:
    """金牌-level: three companies with their own branch; weak: four, first those without a Party
    organisation, then in joint branches (neither planted nor the fire company); the rest 银牌-level."""
    uscc = companies["uscc"].to_numpy()
    mode = companies["org_mode"].to_numpy()
    standing = np.full(len(uscc), "silver", dtype=object)
    standing[GOLD], standing[SLIDE] = "planted_gold", "planted_slide"
    standing[uscc == veto_company(companies, uscc[GOLD], uscc[SLIDE])] = "veto"
    free = standing == "silver"
    standing[rng.permutation(np.flatnonzero(free & (mode == "own")))[:N_GOLD_LEVEL]] = "gold"
    weak = [rng.permutation(np.flatnonzero(free & (mode == kind))) for kind in ("none", "joint")]
    standing[np.concatenate(weak)[:N_WEAK]] = "weak"
    return companies.with_columns(pl.Series("standing", standing.astype(str)))


def _companies(rng) -> pl.DataFrame:
    uscc = codes.uscc(rng, np.array(["企业"] * N_COMPANIES))
    # Party organisation: 6 own branches, 13 in three joint branches, the rest instructors or nothing.
    # (The two planted companies take the first two places: own for GOLD, none for SLIDE.)
    mode = np.array(["own"] * 7 + ["joint"] * 13 + ["none"] * (N_COMPANIES - 20))
    mode[2:] = rng.permutation(mode[2:])
    mode[GOLD], mode[SLIDE] = "own", "none"
    instructor = (mode == "none") & (rng.random(N_COMPANIES) < 0.85)  # 党建指导员 where there is no branch
    cross = np.where(mode == "own", rng.integers(1, 3, N_COMPANIES), rng.integers(0, 2, N_COMPANIES))
    low = np.where(mode == "joint", 1, 0)
    members = np.where(mode == "own", rng.integers(3, 9, N_COMPANIES), rng.integers(low + 1, low + 3))
    instructor[SLIDE], cross[SLIDE], members[SLIDE] = True, 0, 1  # 组织建设 6 + 0 + 2.5 = 8.5 of 20
    cross[GOLD], members[GOLD] = 2, 6  # 组织建设 10 + 5 + 5 = 20 of 20
    return pl.DataFrame(
        {
            "uscc": uscc,
            "name": company_names(rng, N_COMPANIES),
            "street_code": STREET_CODE,
            "org_mode": mode,
            "instructor": instructor,
            "cross_posts": cross,
            "party_members": members,
        }
    )


def _assign(rng, compounds: pl.DataFrame, uscc: np.ndarray, order_rng) -> pl.DataFrame:
    """Each managed compound gets a company: a few large firms hold many compounds, the planted
    ones hold 4 (金) and 3 (slide). A company's compounds lie together (consecutive compounds in
    grid order, so in one or two neighbouring communities), in a street order of companies drawn
    from ``order_rng``."""
    managed = np.flatnonzero(~compounds["self_governed"].to_numpy())
    rng.permutation(managed)  # kept: the draws after it (the 两新组织) stay those of earlier versions
    counts = np.zeros(len(uscc), dtype=int)
    counts[GOLD], counts[SLIDE] = 4, 3
    weights = rng.lognormal(0, 0.6, len(uscc) - 2)
    counts[2:] = 1 + rng.multinomial(len(managed) - 7 - (len(uscc) - 2), weights / weights.sum())
    sequence = order_rng.permutation(len(uscc))
    owner = np.empty(len(compounds), dtype=object)
    owner[managed] = np.repeat(uscc[sequence], counts[sequence])
    return compounds.with_columns(column("company_uscc", owner, pl.String))


def _organisations(rng, places: Places) -> pl.DataFrame:
    """300 两新组织: 255 enterprises (shops to 300-staff firms) and 45 social organisations."""
    social, registered_as = social_org_names(rng, N_SOCIAL)
    kinds = np.array(["企业"] * N_ENTERPRISES + registered_as)
    names = enterprise_names(rng, N_ENTERPRISES) + social
    n = len(names)
    employees = np.clip(np.round(rng.lognormal(2.4, 1.0, n)), 3, 320).astype(int)
    full_members = np.minimum(rng.poisson(np.clip(employees / 25, 0.05, 8)), employees)
    population = places.communities["population"].to_numpy()
    community = rng.choice(places.communities["name"].to_numpy(), size=n, p=population / population.sum())
    for name in places.communities["name"]:  # a community's own association lives there
        community[[name in org for org in names]] = name
    return pl.DataFrame(
        {
            "uscc": codes.uscc(rng, kinds),
            "name": names,
            "street_code": STREET_CODE,
            "kind": np.where(kinds == "企业", "非公企业", "社会组织"),
            "community": community,
            "employees": employees,
            "full_members": full_members,
            "operating": rng.random(n) < 0.92,
        }
    )
