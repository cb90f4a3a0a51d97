"""A GeoJSON layer carries only the geometry columns its features fill: a polygon layer of
communities has no point columns (which would be unknown columns of the community contract)."""

from __future__ import annotations

import json

from jiedao import db
from pipelines import readers
from pipelines.load import load_file

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[113.09, 29.38], [113.10, 29.38], [113.10, 29.39], [113.09, 29.38]]],
}


def write(path, geometry, props):
    doc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": props, "geometry": geometry}],
    }
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_polygon_layer_has_no_point_columns(con, tmp_path):
    path = tmp_path / "社区边界.geojson"
    write(path, SQUARE, {"社区代码": "430602001001", "社区名称": "岳阳楼社区"})
    info = readers.read(con, path, "jd_raw")
    assert info.headers == ["社区代码", "社区名称", "_geometry"]


def test_point_layer_has_no_polygon_column(con, tmp_path):
    path = tmp_path / "points.geojson"
    write(path, {"type": "Point", "coordinates": [113.093, 29.378]}, {"名称": "岳阳楼"})
    info = readers.read(con, path, "jd_raw")
    assert info.headers == ["名称", "_lon", "_lat"]


def test_community_polygons_load_without_quarantine(con, tmp_path):
    path = tmp_path / "社区边界.geojson"
    write(path, SQUARE, {"社区代码": "430602001001", "社区名称": "岳阳楼社区", "户数": 1500})
    result = load_file(con, path)
    assert (result.kind, result.rows_loaded, result.rows_rejected) == ("community", 1, 0)
    assert db.scalar(con, "SELECT households FROM community WHERE name = '岳阳楼社区'") == 1500
