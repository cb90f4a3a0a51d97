"""The map as a Chinese web-map tool exports it: GeoJSON in GCJ-02 with a declared CRS."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import mapping

from jiedao import geo
from pipelines.demo.places import STREET_CODE
from pipelines.demo.street import Street

DECIMALS = 7


def gcj02(geom):
    """WGS-84 geometry → GCJ-02, snapped to a 1e-7° grid (valid after snapping)."""
    moved = shapely.transform(geom, lambda xy: np.column_stack(geo.from_wgs84(xy[:, 0], xy[:, 1], "GCJ02")))
    return shapely.set_precision(moved, 10**-DECIMALS)


def _coords(value):
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
        return [round(v, DECIMALS) for v in value]
    return [_coords(v) for v in value]


def _feature(properties: dict, geom) -> dict:
    shape = mapping(gcj02(geom))
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": shape["type"], "coordinates": _coords(shape["coordinates"])},
    }


def street_features(street: Street) -> list[dict]:
    return [
        _feature(
            {"街道代码": STREET_CODE, "街道名称": "岳阳楼街道", "区县代码": "430602"}, street.places.street
        )
    ]


def community_features(street: Street) -> list[dict]:
    shapes = street.places.shapes
    return [
        _feature(
            {
                "社区代码": c["community_code"],
                "街道代码": STREET_CODE,
                "社区名称": c["name"],
                "户数": c["households"],
                "常住人口": c["population"],
                "社区用房面积": c["premises_m2"],
            },
            shapes[c["community_code"]],
        )
        for c in street.places.communities.iter_rows(named=True)
    ]


def grid_features(street: Street) -> list[dict]:
    shapes = street.places.shapes
    return [
        _feature(
            {
                "网格编码": g["grid_code"],
                "所属社区": g["community_code"],
                "网格名称": g["name"],
                "网格类型": g["grid_type"],
                "户数": g["households"],
                "常住人口": g["population"],
            },
            shapes[g["grid_code"]],
        )
        for g in street.places.grids.iter_rows(named=True)
    ]


def gcj_points(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    return geo.from_wgs84(np.asarray(lon, float), np.asarray(lat, float), "GCJ02")
