"""The street outline and its partition: communities tile the street and grids tile each community
(union = the parent within a tiny tolerance, pairwise overlaps of ~zero area), on the drawn
outline and on the real 岳阳楼街道 outline."""

from __future__ import annotations

import itertools
import json

import polars as pl
import pytest
import shapely
from shapely.geometry import Point

from pipelines.demo import geometry, places
from pipelines.demo.spec import Spec

TOLERANCE_KM2 = 1e-6  # 1 m²


def assert_tiles(parent, pieces) -> None:
    """Union equals the parent, no two pieces overlap, every piece is one valid polygon."""
    parent_km, pieces_km = geometry.local_shape(parent), [geometry.local_shape(p) for p in pieces]
    assert all(p.is_valid and p.geom_type == "Polygon" for p in pieces_km)
    assert shapely.union_all(pieces_km).symmetric_difference(parent_km).area < TOLERANCE_KM2
    for a, b in itertools.combinations(pieces_km, 2):
        assert a.intersection(b).area < TOLERANCE_KM2


def assert_street_tiled(built: places.Places) -> None:
    codes = built.communities["community_code"].to_list()
    assert_tiles(built.street, [built.shapes[c] for c in codes])
    for code in codes:
        grids = built.grids.filter(built.grids["community_code"] == code)["grid_code"].to_list()
        assert 4 <= len(grids) <= 8
        assert_tiles(built.shapes[code], [built.shapes[g] for g in grids])


def test_drawn_outline_is_about_2_8_km2_by_the_lake_with_the_tower_inside():
    outline = geometry.drawn_outline()
    assert 12 <= len(outline.exterior.coords) - 1 <= 20
    assert geometry.area_km2(outline) == pytest.approx(2.8, abs=0.05)
    assert outline.contains(Point(geometry.TOWER))
    # the lake is to the west: the westernmost vertex lies within 300 m west of the tower
    assert -0.3 < min(x for x, _ in geometry.DRAWN_KM) < 0


def test_partition_tiles_the_drawn_outline():
    built = places.build(Spec())
    assert_street_tiled(built)
    tower_community = built.communities["name"][0]
    assert tower_community == "岳阳楼社区"
    assert built.shapes[built.communities["community_code"][0]].contains(Point(geometry.TOWER))


def test_partition_tiles_the_real_outline(realdata):
    path = realdata / "yueyanglou_district_5_streets.geojson"
    built = places.build(Spec(boundary=path))
    assert_street_tiled(built)
    doc = json.loads(path.read_text(encoding="utf-8"))
    [feature] = [f for f in doc["features"] if f["properties"]["乡"] == "岳阳楼街道"]
    real_area = geometry.area_km2(geometry.read_boundary(path))
    assert geometry.area_km2(built.street) == pytest.approx(real_area)
    assert feature["geometry"]["type"] == "Polygon"


def test_a_boundary_file_without_the_street_is_refused(tmp_path):
    path = tmp_path / "two.geojson"
    square = {
        "type": "Polygon",
        "coordinates": [[[113.0, 29.0], [113.01, 29.0], [113.01, 29.01], [113.0, 29.0]]],
    }
    features = [
        {"type": "Feature", "properties": {"乡": name}, "geometry": square} for name in ("甲街道", "乙街道")
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    with pytest.raises(ValueError, match="岳阳楼街道"):
        geometry.read_boundary(path)


def test_households_per_grid_stay_within_300_to_500():
    built = places.build(Spec())
    households = built.grids["households"]
    assert households.min() >= 300 and households.max() <= 500
    # every community's grids add up to the community's households
    totals = built.grids.group_by("community_code").agg(pl.col("households").sum()).sort("community_code")
    assert totals["households"].to_list() == built.communities["households"].to_list()
