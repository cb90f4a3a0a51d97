"""Coordinate systems, polygons and distances.

China's web maps publish GCJ-02 (高德, 腾讯) or BD-09 (百度) coordinates, offset 50–700 m from the
WGS-84 a GPS gives. The warehouse stores WGS-84 only: everything is converted on the way in.

GCJ-02 is a published, deterministic obfuscation (the "eviltransform" formulas, public since 2013);
its inverse has no closed form and is solved here by fixed-point iteration to < 1 mm. No package on
PyPI offers a maintained, vectorised version (the ones there are scalar and unmaintained), so the
formulas are written once here with numpy and checked against published point pairs in the tests.
"""

from __future__ import annotations

import json
import math

import numpy as np
import shapely
from shapely.geometry import shape

A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
EE = 0.00669342162296594323
X_PI = math.pi * 3000.0 / 180.0
EARTH_RADIUS_M = 6371008.8


def _out_of_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = lon - 105.0, lat - 35.0
    d_lat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    d_lon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad = lat / 180.0 * np.pi
    magic = 1 - EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((A * (1 - EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = (d_lon * 180.0) / (A / sqrt_magic * np.cos(rad) * np.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    d_lon, d_lat = _delta(lon, lat)
    outside = _out_of_china(lon, lat)
    return np.where(outside, lon, lon + d_lon), np.where(outside, lat, lat + d_lat)


def gcj02_to_wgs84(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Inverse by iteration: find w with wgs84_to_gcj02(w) == g (converges in a few steps)."""
    g_lon, g_lat = np.asarray(lon, float), np.asarray(lat, float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(8):
        t_lon, t_lat = wgs84_to_gcj02(w_lon, w_lat)
        w_lon, w_lat = w_lon - (t_lon - g_lon), w_lat - (t_lat - g_lat)
    return w_lon, w_lat


def bd09_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(lon, float) - 0.0065, np.asarray(lat, float) - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def gcj02_to_bd09(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(lon, float), np.asarray(lat, float)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def to_wgs84(lon, lat, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Convert arrays of coordinates in ``crs`` (WGS84 | GCJ02 | BD09) to WGS-84. NaN stays NaN."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    if crs == "WGS84":
        return lon, lat
    if crs == "GCJ02":
        return gcj02_to_wgs84(lon, lat)
    if crs == "BD09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))
    raise ValueError(f"unknown CRS {crs}")


def from_wgs84(lon, lat, crs: str) -> tuple[np.ndarray, np.ndarray]:
    if crs == "WGS84":
        return np.asarray(lon, float), np.asarray(lat, float)
    if crs == "GCJ02":
        return wgs84_to_gcj02(lon, lat)
    if crs == "BD09":
        return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))
    raise ValueError(f"unknown CRS {crs}")


def geometry_to_wgs84(geojson: str, crs: str) -> str:
    """A GeoJSON geometry string with every vertex converted to WGS-84."""
    geom = shapely.from_geojson(geojson)
    if crs != "WGS84":
        geom = shapely.transform(geom, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1], crs)))
    return shapely.to_geojson(geom)


def parse_geometry(geojson: str):
    return shape(json.loads(geojson))


def centroid(geojson: str) -> tuple[float, float]:
    point = shapely.from_geojson(geojson).centroid
    return point.x, point.y


def metres_to_degrees(metres: float, lat: float) -> float:
    """Rough buffer size in degrees at a latitude (for tolerances, not for measuring)."""
    return metres / (EARTH_RADIUS_M * math.pi / 180.0 * max(math.cos(math.radians(lat)), 0.1))


def contains(geojson: str, lon, lat, tolerance_m: float = 0.0) -> np.ndarray:
    """Which points lie inside the polygon (grown by ``tolerance_m``); NaN points are False."""
    geom = shapely.from_geojson(geojson)
    if tolerance_m:
        geom = geom.buffer(metres_to_degrees(tolerance_m, geom.centroid.y))
    shapely.prepare(geom)
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    return shapely.contains_xy(geom, lon, lat)


def haversine_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, float)) for v in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))
