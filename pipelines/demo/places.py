"""The street's places: 9 communities and their grids tiling the outline, compounds and buildings.

Communities are named by where they lie, as in the street's 2024 work plan: the one holding
岳阳楼 is 岳阳楼社区, the three nearest the scenic area 郭亮/庙前街/剪刀池, the newer residential
areas further away. The grid of 岳阳楼社区 nearest the tower is the scenic area's 专属网格.
Household numbers are planned per community so that every grid has 300–500 households.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl
from shapely.geometry import Point

from pipelines.demo import compounds, geometry
from pipelines.demo.spec import STREET_CODE, Spec
from pipelines.demo.text_places import COMMUNITIES

# name: (households, persons per household, 社区用房 m², grids). 庙前街 and 汴河 fall short of the
# premises standard (≥ 300 m² and ≥ 30 m² per 100 households), as old-town offices often do.
PLAN = {
    "岳阳楼": (1650, 2.55, 500, 4),
    "东湖": (2050, 2.62, 650, 5),
    "郭亮": (1800, 2.58, 560, 4),
    "庙前街": (1550, 2.48, 260, 4),
    "剪刀池": (1750, 2.60, 540, 4),
    "九华山": (2300, 2.70, 720, 6),
    "洞庭": (2150, 2.66, 700, 5),
    "汴河": (2100, 2.72, 560, 5),
    "捕捞": (1900, 2.64, 600, 5),
}
NUMERALS = "一二三四五六七八九十"
SCENIC_GRID_HOUSEHOLDS = 320
JIJIAHU_COMMUNITY = "洞庭"  # 吉家湖 lies in this community (synthetic placement)
XIGUASHAN_COMMUNITY = "汴河"  # 西瓜山片区 old-town renovation


@dataclass
class Places:
    street: object  # shapely Polygon, WGS-84
    communities: pl.DataFrame
    grids: pl.DataFrame
    compounds: pl.DataFrame
    buildings: pl.DataFrame
    shapes: dict[str, object] = field(default_factory=dict)  # community/grid code → polygon (WGS-84)
    landmarks: dict[str, tuple[float, float]] = field(default_factory=dict)


def build(spec: Spec) -> Places:
    rng = spec.rng("places")
    outline = geometry.read_boundary(spec.boundary) if spec.boundary else geometry.drawn_outline()
    local = geometry.local_shape(outline)
    cells = geometry.partition(local, geometry.lloyd_seeds(rng, local, len(COMMUNITIES)))
    named = _name_communities(cells)
    shapes: dict[str, object] = {}
    community_rows, grid_rows = [], []
    for index, name in enumerate(COMMUNITIES, start=1):
        code = f"{STREET_CODE}{index:03d}"
        cell = named[name]
        shapes[code] = geometry.lonlat_shape(cell)
        households, pph, premises, n_grids = PLAN[name]
        community_rows.append(
            (code, STREET_CODE, f"{name}社区", households, round(households * pph), premises)
        )
        grid_rows += _grids(rng, code, name, cell, n_grids, households, pph, shapes)
    communities = pl.DataFrame(
        community_rows,
        schema=["community_code", "street_code", "name", "households", "population", "premises_m2"],
        orient="row",
    )
    grids = pl.DataFrame(
        grid_rows,
        schema=[
            "grid_code",
            "community_code",
            "street_code",
            "name",
            "grid_type",
            "households",
            "population",
        ],
        orient="row",
    )
    landmarks = _landmarks(rng, shapes, communities)
    built = compounds.build(rng, grids, shapes)
    return Places(outline, communities, grids, built, compounds.buildings(rng, built), shapes, landmarks)


def _name_communities(cells: list) -> dict[str, object]:
    """岳阳楼 holds the tower; 郭亮/庙前街/剪刀池 are the next nearest; the rest west → east."""
    tower = Point(0.0, 0.0)
    order = sorted(
        range(len(cells)), key=lambda i: cells[i].distance(tower) + cells[i].centroid.distance(tower) / 100
    )
    first, scenic, rest = order[0], order[1:4], sorted(order[4:], key=lambda i: cells[i].centroid.x)
    names = dict(zip(scenic, ("郭亮", "庙前街", "剪刀池"), strict=True))
    names.update(zip(rest, ("捕捞", "洞庭", "汴河", "九华山", "东湖"), strict=True))
    names[first] = "岳阳楼"
    return {names[i]: cells[i] for i in range(len(cells))}


def split_total(rng: np.random.Generator, total: int, parts: int, lo: int, hi: int) -> np.ndarray:
    """``parts`` integers in [lo, hi] summing to ``total`` (requires parts·lo ≤ total ≤ parts·hi)."""
    if not parts * lo <= total <= parts * hi:
        raise ValueError(f"cannot split {total} into {parts} parts of {lo}-{hi}")
    weights = rng.uniform(0.85, 1.15, parts)
    values = np.clip(np.floor(total * weights / weights.sum()).astype(int), lo, hi)
    for i in np.argsort(-weights):
        step = np.clip(total - values.sum(), lo - values[i], hi - values[i])
        values[i] += step
    return values


def _grids(rng, code, name, cell, n_grids, households, pph, shapes) -> list[tuple]:
    """Grids of one community: Voronoi cells of Lloyd seeds, numbered north-west first."""
    seeds = geometry.lloyd_seeds(rng, cell, n_grids)
    seeds = seeds[np.lexsort((seeds[:, 0], -np.round(seeds[:, 1], 1)))]
    pieces = geometry.partition(cell, seeds)
    scenic = None
    if name == "岳阳楼":
        scenic = int(
            np.argmin(
                [p.distance(Point(0.0, 0.0)) + p.centroid.distance(Point(0.0, 0.0)) / 100 for p in pieces]
            )
        )
        rest = split_total(rng, households - SCENIC_GRID_HOUSEHOLDS, n_grids - 1, 300, 500)
        sizes = np.insert(rest, scenic, SCENIC_GRID_HOUSEHOLDS)
    else:
        sizes = split_total(rng, households, n_grids, 300, 500)
    rows, ordinal = [], 0
    for i, piece in enumerate(pieces):
        grid_code = f"{code}{i + 1:02d}"
        shapes[grid_code] = geometry.lonlat_shape(piece)
        population = int(round(sizes[i] * pph * rng.uniform(0.95, 1.05)))
        if i == scenic:
            rows.append(
                (grid_code, code, STREET_CODE, "岳阳楼景区专属网格", "专属网格", int(sizes[i]), population)
            )
            continue
        ordinal += 1
        rows.append(
            (
                grid_code,
                code,
                STREET_CODE,
                f"{name}社区第{NUMERALS[ordinal - 1]}网格",
                "综合网格",
                int(sizes[i]),
                population,
            )
        )
    return rows


def _landmarks(rng, shapes, communities) -> dict[str, tuple[float, float]]:
    """Points the stories hang on: the tower, 吉家湖 and the 西瓜山片区 renovation area."""

    def inside(name):
        code = communities.filter(pl.col("name") == f"{name}社区")["community_code"][0]
        polygon = shapes[code]
        point = (
            polygon.buffer(-0.0008).representative_point()
            if polygon.buffer(-0.0008).area
            else polygon.representative_point()
        )
        return (point.x, point.y), code

    jijiahu, jijiahu_code = inside(JIJIAHU_COMMUNITY)
    xiguashan, xiguashan_code = inside(XIGUASHAN_COMMUNITY)
    return {
        "岳阳楼": geometry.TOWER,
        "吉家湖": jijiahu,
        "西瓜山片区": xiguashan,
        "吉家湖社区": jijiahu_code,
        "西瓜山片区社区": xiguashan_code,
    }
