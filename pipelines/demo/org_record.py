"""One row of the 党组织名册 while the tree is being built, shared by ``party_orgs`` and ``party_cover``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipelines.demo.places import STREET_CODE

WORKING_COMMITTEE = "DGW" + STREET_CODE  # 街道党工委


@dataclass
class Org:
    """One row of the 党组织名册, with the sizes the member roster is drawn to."""

    org_code: str
    name: str
    org_type: str
    parent_code: str | None
    category: str
    founded_on: dt.date
    community: str | None = None
    grid: str | None = None
    units_covered: int | None = None
    full: int = 0  # full members (正式党员) of a branch
    probationary: int = 0  # 预备党员
    crossing: bool = False  # the planted branch whose 7th full member 转正 mid-year
    group_size: int = 0  # members of a 党小组


def founded(rng, first_year: int, last_year: int) -> dt.date:
    return dt.date(
        int(rng.integers(first_year, last_year + 1)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
    )
