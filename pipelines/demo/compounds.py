"""Compounds (小区) and their buildings (楼栋).

About 90 compounds, 1–3 per grid (one in the scenic 专属网格), together holding 55–85 % of each
grid's households (the rest live in street-front houses). The five 无物业小区 of the work plan sit
in their communities, govern themselves and have no property company.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo import geometry
from pipelines.demo.spec import STREET_CODE
from pipelines.demo.text_places import SELF_GOVERNED, compound_names


def build(rng, grids: pl.DataFrame, shapes: dict) -> pl.DataFrame:
    scenic = grids["grid_type"].to_numpy() == "专属网格"
    per_grid = np.where(scenic, 1, rng.choice([1, 2, 2, 2, 3, 3], size=grids.height))
    grid = np.repeat(np.arange(grids.height), per_grid)
    names = np.array(compound_names(rng, len(grid)), dtype=object)
    households = _households(rng, grid, grids["households"].to_numpy())
    for name, at in _self_governed_slots(rng, grids, grid).items():  # the first compound of its grid
        names[at], households[at] = name, int(rng.integers(60, 200))
    points = np.vstack(
        [
            geometry.sample_inside(rng, shapes[code].buffer(-0.0003), int(k))
            for code, k in zip(grids["grid_code"], per_grid, strict=True)
        ]
    )
    return pl.DataFrame(
        {
            "compound_code": [f"XQ{i + 1:04d}" for i in range(len(grid))],
            "name": names.astype(str),
            "street_code": STREET_CODE,
            "community_code": grids["community_code"].to_numpy()[grid],
            "grid_code": grids["grid_code"].to_numpy()[grid],
            "households": households,
            "buildings": np.maximum(2, np.round(households / rng.uniform(14, 34, len(grid)))).astype(int),
            "self_governed": np.isin(names, list(SELF_GOVERNED)),
            "lon": points[:, 0],
            "lat": points[:, 1],
        }
    )


def _households(rng, grid: np.ndarray, grid_households: np.ndarray) -> np.ndarray:
    """Each grid's compounds share 55–85 % of its households (Dirichlet shares, at least 40 each)."""
    weight = rng.gamma(3.0, size=len(grid))
    total = np.bincount(grid, weights=weight)[grid]
    housed = rng.uniform(0.55, 0.85, len(grid_households))[grid]
    return np.maximum(40, np.round(weight / total * housed * grid_households[grid])).astype(int)


def _self_governed_slots(rng, grids: pl.DataFrame, grid: np.ndarray) -> dict[str, int]:
    """{无物业小区: row} — each in a different 综合网格 of its community, as that grid's first compound."""
    taken, slots = set(), {}
    for name, community in SELF_GOVERNED.items():
        options = [
            i
            for i, (grid_name, kind) in enumerate(zip(grids["name"], grids["grid_type"], strict=True))
            if grid_name.startswith(community) and kind == "综合网格" and i not in taken
        ]
        chosen = options[int(rng.integers(len(options)))]
        taken.add(chosen)
        slots[name] = int(np.flatnonzero(grid == chosen)[0])
    return slots


def buildings(rng, compounds: pl.DataFrame) -> pl.DataFrame:
    """One row per 楼栋: households of the compound split over its buildings."""
    counts = compounds["buildings"].to_numpy()
    owner = np.repeat(np.arange(compounds.height), counts)
    number = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    weight = rng.uniform(0.7, 1.3, len(owner))
    share = weight / np.bincount(owner, weights=weight)[owner]
    code = compounds["compound_code"].to_numpy()[owner]
    return pl.DataFrame(
        {
            "building_code": np.char.add(
                np.char.add(code.astype(str), "-"), np.char.zfill(number.astype(str), 2)
            ),
            "compound_code": code,
            "street_code": STREET_CODE,
            "grid_code": compounds["grid_code"].to_numpy()[owner],
            "households": np.maximum(1, np.round(share * compounds["households"].to_numpy()[owner])).astype(
                int
            ),
            "number": number,
        }
    )
