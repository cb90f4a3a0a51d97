"""The street outline and its partition into communities and grids.

Work happens in a local plane (kilometres east and north of 岳阳楼, an equirectangular projection
that is exact enough over 3 km) so that Voronoi cells are not squashed by longitude degrees being
shorter than latitude degrees; results come back as WGS-84 lon/lat.

The default outline is drawn by hand below (it is NOT traced from any map): about 2.8 km² on the
east shore of 洞庭湖, the lake to the west, 岳阳楼 inside near the shore. ``read_boundary`` takes a
real outline instead.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Polygon, shape

from jiedao import geo
from pipelines.readers import declared_crs

TOWER = (113.093, 29.378)  # 岳阳楼, WGS-84 (DOMAIN.md §2)
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320 * math.cos(math.radians(TOWER[1]))

# Hand-drawn outline, km east/north of the tower: the west side follows the lake shore north to
# south, the east side runs along the railway and 巴陵中路-style arterials. Anticlockwise.
DRAWN_KM = (
    (-0.21, -0.75),
    (0.29, -0.83),
    (0.75, -0.67),
    (1.11, -0.75),
    (1.29, -0.38),
    (1.21, 0.08),
    (1.36, 0.42),
    (1.19, 0.83),
    (1.02, 1.17),
    (0.63, 1.33),
    (0.19, 1.25),
    (-0.06, 1.08),
    (-0.23, 0.73),
    (-0.13, 0.38),
    (-0.27, 0.06),
    (-0.19, -0.35),
)


def to_local(lon, lat):
    return (np.asarray(lon) - TOWER[0]) * KM_PER_DEG_LON, (np.asarray(lat) - TOWER[1]) * KM_PER_DEG_LAT


def to_lonlat(x, y):
    return np.asarray(x) / KM_PER_DEG_LON + TOWER[0], np.asarray(y) / KM_PER_DEG_LAT + TOWER[1]


def local_shape(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(to_local(xy[:, 0], xy[:, 1])))


def lonlat_shape(geom):
    return shapely.transform(geom, lambda xy: np.column_stack(to_lonlat(xy[:, 0], xy[:, 1])))


def drawn_outline() -> Polygon:
    """The default street outline, WGS-84."""
    return lonlat_shape(Polygon(DRAWN_KM))


def read_boundary(path: Path, name: str = "岳阳楼街道") -> Polygon:
    """A real outline from a GeoJSON file, converted to WGS-84.

    The file's declared CRS is used; a file that declares none is taken as GCJ-02, the system of
    the Chinese web maps such outlines come from. In a multi-feature file the feature whose
    properties name ``name`` is chosen.
    """
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    features = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    if len(features) > 1:
        features = [f for f in features if name in (f.get("properties") or {}).values()]
    if len(features) != 1:
        raise ValueError(f"{Path(path).name}: 找不到名为“{name}”的边界 / no single feature named {name}")
    crs = declared_crs(doc) or "GCJ02"
    geom = shape(features[0]["geometry"])
    return shapely.transform(geom, lambda xy: np.column_stack(geo.to_wgs84(xy[:, 0], xy[:, 1], crs)))


def sample_inside(rng: np.random.Generator, polygon, n: int) -> np.ndarray:
    """n points uniformly inside a polygon (rejection sampling on its bounding box), shape (n, 2)."""
    xmin, ymin, xmax, ymax = polygon.bounds
    shapely.prepare(polygon)
    found = np.empty((0, 2))
    while len(found) < n:
        batch = rng.random((max(2 * n, 64), 2)) * [xmax - xmin, ymax - ymin] + [xmin, ymin]
        found = np.vstack([found, batch[shapely.contains_xy(polygon, batch[:, 0], batch[:, 1])]])
    return found[:n]


def lloyd_seeds(rng: np.random.Generator, polygon, k: int, iterations: int = 25) -> np.ndarray:
    """k well-spread seed points: Lloyd's relaxation over a sample of the polygon, so the Voronoi
    cells come out compact and of similar area."""
    sample = sample_inside(rng, polygon, 400 * k)
    seeds = sample[rng.choice(len(sample), size=k, replace=False)]
    for _ in range(iterations):
        nearest = ((sample[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        seeds = np.array(
            [sample[nearest == i].mean(axis=0) if (nearest == i).any() else seeds[i] for i in range(k)]
        )
    return seeds


def partition(polygon, seeds: np.ndarray) -> list:
    """Voronoi cells of the seeds clipped to the polygon, one per seed in seed order.

    The cells tile the polygon: their union is the polygon and they overlap only along edges.
    A cell that the clipping cut into pieces keeps its largest piece; each stray piece goes to the
    neighbour it shares the longest border with, so every cell is one connected polygon.
    """
    diagram = shapely.voronoi_polygons(
        MultiPoint(seeds), extend_to=polygon.buffer(polygon.length), ordered=True
    )
    cells = [cell.intersection(polygon) for cell in diagram.geoms]
    return _heal(cells)


def _heal(cells: list) -> list:
    cells = list(cells)
    for i, cell in enumerate(cells):
        if cell.geom_type != "MultiPolygon":
            continue
        parts = sorted(cell.geoms, key=lambda p: p.area, reverse=True)
        cells[i] = parts[0]
        for stray in parts[1:]:
            borders = [
                stray.boundary.intersection(c.boundary).length if j != i else -1 for j, c in enumerate(cells)
            ]
            j = int(np.argmax(borders))
            cells[j] = shapely.union(cells[j], stray)
    return cells


def area_km2(geom_lonlat) -> float:
    return local_shape(geom_lonlat).area
