"""The pydeck builders, asserted on the deck and its JSON: layers, colours, tooltips, and no base
map or URL anywhere (the browser test proves the drawing itself)."""

from __future__ import annotations

import json
import math

import polars as pl
import pydeck as pdk
import pytest
import shapely

from jiedao import maps


def square(x0: float, y0: float, d: float) -> str:
    return json.dumps(
        {
            "type": "Polygon",
            "coordinates": [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]],
        }
    )


GRIDS = pl.DataFrame(
    {
        "grid_code": ["g1", "g2", "g3"],
        "name": ["一网格", "二网格", "<b>三</b>网格"],
        "polygon": [square(113.09, 29.37, 0.01), square(113.10, 29.37, 0.01), None],
        "value": [2.0, 10.0, 6.0],
    }
)


def test_rings_of_polygon_and_multipolygon():
    assert maps.rings(square(1.123456789, 2.0, 1.0))[0][0][0] == [1.123457, 2.0]
    multi = {"type": "MultiPolygon", "coordinates": [json.loads(square(0, 0, 1))["coordinates"]] * 2}
    assert len(maps.rings(json.dumps(multi))) == 2
    with pytest.raises(ValueError, match="not a polygon"):
        maps.rings(json.dumps({"type": "Point", "coordinates": [1, 2]}))


def test_bounds_skip_missing_geometry():
    assert maps.bounds(GRIDS["polygon"].to_list()) == pytest.approx((113.09, 29.37, 113.11, 29.38))
    with pytest.raises(ValueError):
        maps.bounds([None])


def test_fit_view_centres_and_zooms_to_the_box():
    view = maps.fit_view((113.09, 29.37, 113.11, 29.38), width=1000, height=500)
    assert (view.longitude, view.latitude) == pytest.approx((113.10, 29.375))
    # Width: 0.02° is 0.02/360 of the 512-px world → zoom for 1000 px × 0.9 margin:
    # log2(1000 × 0.9 / (512 × 0.02/360)) = log2(31640.6) = 14.95.
    # Height: the Mercator span of 29.37–29.38° N is about 0.01° in radians / cos(29.375°) =
    # 1.7453e-4 / 0.87143 = 2.0028e-4, i.e. 2.0028e-4 / 2π = 3.1876e-5 of the world →
    # log2(500 × 0.9 / (512 × 3.1876e-5)) = 14.75, the smaller zoom, so the height binds.
    assert view.zoom == pytest.approx(14.75, abs=0.01)


def test_colour_scale_classes_and_legend():
    scale = maps.colour_scale([2.0, 10.0, None, math.nan], unit="件")
    assert (scale.low, scale.high) == (2.0, 10.0)
    # 5 classes of width (10 - 2) / 5 = 1.6: 2 → 0, 5 → int(3 / 1.6) = 1, 10 → last (4).
    assert [scale.index(v) for v in (2.0, 5.0, 10.0)] == [0, 1, 4]
    assert scale.colour(10.0) == [*maps.HEAT[4], 190]
    assert scale.colour(None) == list(maps.NO_DATA)
    legend = scale.legend("zh")
    assert legend[0] == ("2件 – 3.6件", "#fff5cc")
    assert legend[-1] == ("无数据", "#c8cdd4")
    flat = maps.colour_scale([4.0, 4.0], unit="件").legend("en")
    assert flat == [("4", maps.hex_colour(maps.HEAT[-1])), ("No data", "#c8cdd4")]


def test_choropleth_layer_rows_colours_and_text_tooltips():
    scale = maps.colour_scale(GRIDS["value"].to_list(), unit="件")
    layer = maps.choropleth_layer(GRIDS, scale=scale, label="事件数", lang="zh")
    assert layer.type == "PolygonLayer" and layer.id == "grid" and layer.pickable
    rows = layer.data
    assert [r["code"] for r in rows] == ["g1", "g2"]  # g3 has no polygon: not drawn
    assert rows[0]["fill"] == [*maps.HEAT[0], 190] and rows[1]["fill"] == [*maps.HEAT[4], 190]
    assert rows[0]["tip"] == "一网格\n事件数：2件"
    # Markup in a name stays text: the deck's tooltip is text, so nothing in a tip is ever HTML.
    marked = maps.choropleth_layer(GRIDS.with_columns(pl.lit(square(0, 0, 1)).alias("polygon")), scale=scale)
    assert marked.data[2]["tip"].startswith("<b>三</b>网格\n")


def test_density_layers():
    points = pl.DataFrame({"lon": [113.1, None], "lat": [29.37, 29.38], "n": [3, 4]})
    hexagon = maps.density_layer(points, weight="n")
    assert hexagon.type == "HexagonLayer" and hexagon.data == [{"lon": 113.1, "lat": 29.37, "w": 3}]
    heat = maps.density_layer(points, kind="heat")
    assert heat.type == "HeatmapLayer" and heat.data[0]["w"] == 1
    with pytest.raises(ValueError):
        maps.density_layer(points, kind="scatter")


def test_grid_map_has_no_base_map_and_no_url():
    street = pl.DataFrame({"polygon": [square(113.085, 29.365, 0.03)]})
    communities = pl.DataFrame({"polygon": [square(113.09, 29.37, 0.02)]})
    points = pl.DataFrame({"lon": [113.095], "lat": [29.375]})
    deck, scale = maps.grid_map(
        GRIDS, label="事件数", unit="件", communities=communities, street=street, points=points
    )
    spec = json.loads(deck.to_json())
    # pydeck writes its default-style placeholder, which Streamlit reads as "no base map"; a missing
    # mapStyle would make Streamlit load a Carto style from the internet.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec and deck.map_provider is None
    assert "http" not in deck.to_json()
    assert [layer["id"] for layer in spec["layers"]] == ["grid", "density", "overlay"]
    # borders are filled bands, not lines (no PathLayer for a GPU-less browser to prepare), all in
    # one unpickable overlay layer, in drawing order: white edges of g1 and g2 (g3 has no polygon),
    # then the community's border, then the street's
    overlay = spec["layers"][2]
    assert overlay["@@type"] == "PolygonLayer" and not overlay.get("stroked") and not overlay["pickable"]
    assert [o["fill"] for o in overlay["data"]] == [
        [255, 255, 255],
        [255, 255, 255],
        list(maps.OUTLINE["community"]),
        list(maps.OUTLINE["street"]),
    ]
    # each band is a polygon with a hole: the square grown and shrunk by half the band's width
    assert all(len(o["polygon"]) == 2 for o in overlay["data"])
    picked, _ = maps.grid_map(GRIDS, street=street, selected="g2")
    drawn = json.loads(picked.to_json())["layers"][-1]["data"]
    assert drawn[-1]["fill"] == list(maps.OUTLINE["selected"])  # the picked grid's border on top
    assert len(drawn) == 4  # 2 edges, the street, the picked grid
    # The view is fitted to the street (113.085–113.115, 29.365–29.395), not the grids.
    assert spec["initialViewState"]["longitude"] == pytest.approx(113.1)
    assert spec["initialViewState"]["latitude"] == pytest.approx(29.38)
    assert deck._tooltip["text"] == "{tip}" and "html" not in deck._tooltip  # shown as text
    assert (scale.low, scale.high) == (2.0, 10.0)


def test_border_band_is_as_wide_as_asked_in_metres():
    """A 0.01° square at 29.38° N is a = 0.01 × 111,320 × cos 29.38° = 970.0 m wide and b = 0.01 ×
    111,320 = 1,113.2 m high; a 10 m band centred on its edge (mitred corners) is the square grown by
    5 m less the square shrunk by 5 m: one polygon with a hole, of area 2 × 10 × (a + b) = 41,664 m²."""
    (band,) = maps.border_bands(square(113.09, 29.375, 0.01), 10)
    outer, hole = band
    k = 111_320 * math.cos(math.radians(29.38))

    def size(ring):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (max(xs) - min(xs)) * k, (max(ys) - min(ys)) * 111_320

    assert size(outer) == pytest.approx((970.0 + 10, 1113.2 + 10), abs=0.5)
    assert size(hole) == pytest.approx((970.0 - 10, 1113.2 - 10), abs=0.5)
    area = shapely.Polygon(
        [(x * k, y * 111_320) for x, y in outer], [[(x * k, y * 111_320) for x, y in hole]]
    ).area
    # vertices are rounded to 6 decimals (about 0.1 m): ± 0.1 m along 4 km of edge is ± 400 m²
    assert area == pytest.approx(41_664, abs=420)


def test_metres_per_pixel_at_the_fitted_zoom():
    # zoom 15 at the equator: 40,075,016.686 m / (512 × 2^15) = 2.389 m per pixel
    assert maps.metres_per_pixel(pdk.ViewState(longitude=0, latitude=0, zoom=15)) == pytest.approx(
        2.389, abs=1e-3
    )
