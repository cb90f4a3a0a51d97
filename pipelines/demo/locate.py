"""Where activity happens: grids weighted by households, points inside grids, addresses."""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo import geometry
from pipelines.demo.places import Places
from pipelines.demo.text_places import ROADS

POOL = 600  # sampled points per grid to draw locations from
METRES_PER_DEG = 111_320.0


class Locator:
    def __init__(self, rng: np.random.Generator, places: Places):
        self.grids = places.grids.sort("grid_code")
        self.codes = self.grids["grid_code"].to_numpy()
        shrunk = [places.shapes[c].buffer(-0.00015) for c in self.codes]  # keep ~15 m off the edges
        self.pool = np.stack(
            [
                geometry.sample_inside(rng, s if s.area else places.shapes[c], POOL)
                for s, c in zip(shrunk, self.codes, strict=True)
            ]
        )
        communities = places.communities
        self.community_name = dict(zip(communities["community_code"], communities["name"], strict=True))
        self.compounds = places.compounds

    def grid_index(self, codes) -> np.ndarray:
        return np.searchsorted(self.codes, np.asarray(codes))

    def pick_grids(self, rng, n: int, boost: dict[str, float] | None = None) -> np.ndarray:
        """Grid codes in proportion to households (times ``boost`` for hot spots)."""
        weights = self.grids["households"].to_numpy().astype(float)
        for code, factor in (boost or {}).items():
            weights[self.codes == code] *= factor
        return self.codes[rng.choice(len(self.codes), size=n, p=weights / weights.sum())]

    def points(self, rng, grid_codes) -> tuple[np.ndarray, np.ndarray]:
        index = self.grid_index(grid_codes)
        chosen = self.pool[index, rng.integers(0, POOL, len(index))]
        return chosen[:, 0], chosen[:, 1]

    def roads(self, rng, grid_codes) -> np.ndarray:
        """A road of the grid's community and a door number: 洞庭北路128号."""
        community = np.array(
            [self.community_name[g[:12]].removesuffix("社区") for g in np.asarray(grid_codes)]
        )
        out = np.empty(len(community), dtype=object)
        for name, roads in ROADS.items():
            mask = community == name
            out[mask] = rng.choice(np.array(roads), size=int(mask.sum()))
        number = rng.integers(1, 320, len(community)).astype(str)
        return np.char.add(np.char.add(out.astype(str), number), "号")


def jitter(rng, lon: np.ndarray, lat: np.ndarray, metres: float) -> tuple[np.ndarray, np.ndarray]:
    """Spread points around a spot by up to ``metres`` (GPS of a phone at a compound gate)."""
    angle = rng.random(len(lon)) * 2 * np.pi
    radius = np.sqrt(rng.random(len(lon))) * metres / METRES_PER_DEG
    return lon + radius * np.cos(angle) / np.cos(np.radians(lat)), lat + radius * np.sin(angle)


def compound_addresses(rng, compounds: pl.DataFrame, index: np.ndarray) -> np.ndarray:
    """Compound name, building and unit: 泰和花园3栋2单元."""
    buildings = compounds["buildings"].to_numpy()[index]
    building = (rng.random(len(index)) * buildings).astype(int) + 1
    unit = rng.integers(1, 4, len(index))
    names = compounds["name"].to_numpy()[index].astype(str)
    return np.char.add(
        np.char.add(np.char.add(np.char.add(names, building.astype(str)), "栋"), unit.astype(str)), "单元"
    )
