"""Pure pydeck builders for maps that work on an intranet: no tile server, no map style, no CDN.

The street, community and grid polygons ARE the map. Every deck is built with
``map_provider=None`` and pydeck's default ``map_style``, which pydeck then writes as the
placeholder ``"__MAP_STYLE__"``: Streamlit's deck.gl frontend reads that placeholder as "no base
map". (A deck with ``map_style=None`` instead has no ``mapStyle`` at all, and Streamlit then
fills in a Carto base map from basemaps.cartocdn.com — the one thing an intranet cannot load.)
Draw decks with ``st.pydeck_chart``, which uses the deck.gl bundled in Streamlit's frontend; never
``Deck.to_html()``, which loads deck.gl from cdn.jsdelivr.net unless given ``offline=True``.

Polygons arrive as GeoJSON geometry text in WGS-84 (the warehouse's format); points as lon/lat
columns, already aggregated (a weight per cell) when there are many. Tooltips are prebuilt plain
text in each row's ``tip`` field (one line per fact), so one deck tooltip serves every layer; the
deck shows it as text (Streamlit escapes interpolated HTML, and text needs no escaping).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
import pydeck as pdk
import shapely

from jiedao import i18n
from jiedao.charts.base import FONT_FAMILY
from jiedao.grid import METRES_PER_DEGREE

NO_DATA = (200, 205, 212, 160)
OUTLINE = {"street": (200, 16, 46), "community": (55, 65, 81), "selected": (29, 78, 216)}
HEAT = ((255, 245, 204), (254, 217, 118), (253, 141, 60), (227, 26, 28), (128, 0, 38))
# Density over a choropleth: blues, which neither the HEAT nor the GOOD_UP fill uses, more opaque as
# they get denser (RGBA), so sparse cells barely tint the grid colour beneath.
DENSITY = (
    (198, 219, 239, 70), (158, 202, 225, 110), (107, 174, 214, 150),
    (49, 130, 189, 190), (8, 81, 156, 220), (8, 48, 107, 245),
)  # fmt: skip
GOOD_UP = ((214, 69, 69), (240, 140, 70), (242, 208, 36), (140, 198, 100), (46, 158, 91))
TOOLTIP_STYLE = {
    "backgroundColor": "white",
    "color": "#1f2933",
    "fontFamily": FONT_FAMILY,
    "fontSize": "13px",
    "border": "1px solid #d0d7de",
    "whiteSpace": "pre-line",  # the tip's lines
    "maxWidth": "300px",  # wraps inside the map rather than running past its clipped edge
}


def rings(geojson: str) -> list[list[list[list[float]]]]:
    """Polygon or MultiPolygon text → one entry per polygon: its rings (outer first, then holes) as
    [lon, lat] pairs, rounded to 6 decimals (~0.1 m) to keep the page small."""
    geometry = json.loads(geojson)
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"不是多边形 / not a polygon: {geometry['type']}")
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[[[round(x, 6), round(y, 6)] for x, y, *_ in ring] for ring in polygon] for polygon in polygons]


def bounds(geometries: Sequence[str]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of GeoJSON geometries; null entries are skipped."""
    shapes = [shapely.from_geojson(g) for g in geometries if g]
    if not shapes:
        raise ValueError("没有可用的边界 / no geometry to fit the map to")
    return tuple(float(v) for v in shapely.total_bounds(shapes))


def fit_view(
    box: tuple[float, float, float, float], *, width: int = 1200, height: int = 560
) -> pdk.ViewState:
    """A flat view centred on ``box`` at the largest Web-Mercator zoom at which it fits in a
    ``width`` × ``height`` pixel map with a 10 % margin. deck.gl's world is 512 px wide at zoom 0."""
    west, south, east, north = box

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max(east - west, 1e-6) / 360
    span_y = max(mercator_y(north) - mercator_y(south), 1e-6) / (2 * math.pi)
    zoom = math.log2(min(width / (512 * span_x), height / (512 * span_y)) * 0.9)
    return pdk.ViewState(
        longitude=(west + east) / 2,
        latitude=(south + north) / 2,
        zoom=round(min(zoom, 18), 2),
        pitch=0,
        bearing=0,
    )


def hex_colour(rgb: Sequence[int]) -> str:
    """(253, 141, 60) → "#fd8d3c" (alpha, if any, ignored)."""
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


@dataclass(frozen=True)
class ColourScale:
    """Equal-interval classes over [low, high]: ``colour(v)`` for the map, ``legend()`` for the key."""

    low: float
    high: float
    colours: tuple[tuple[int, int, int], ...]
    unit: str = ""

    def index(self, value: float) -> int:
        if self.high <= self.low:
            return len(self.colours) - 1
        step = (self.high - self.low) / len(self.colours)
        return min(int((value - self.low) / step), len(self.colours) - 1)

    def colour(self, value: float | None, alpha: int = 190) -> list[int]:
        if value is None or math.isnan(value):
            return list(NO_DATA)
        return [*self.colours[self.index(value)], alpha]

    def legend(self, lang: str = "zh") -> list[tuple[str, str]]:
        """(range text, hex colour) per class, low to high, then the no-data swatch; a single class
        when every value is the same."""
        none = (i18n.t("status_none", lang), hex_colour(NO_DATA))
        if self.high <= self.low:
            return [(i18n.fmt_value(self.low, self.unit, lang), hex_colour(self.colours[-1])), none]
        step = (self.high - self.low) / len(self.colours)
        entries = []
        for i, rgb in enumerate(self.colours):
            lo, hi = self.low + i * step, self.low + (i + 1) * step
            text = f"{i18n.fmt_value(lo, self.unit, lang)} – {i18n.fmt_value(hi, self.unit, lang)}"
            entries.append((text, hex_colour(rgb)))
        return [*entries, none]


def colour_scale(
    values: Sequence[float | None], *, palette: Sequence[tuple[int, int, int]] = HEAT, unit: str = ""
) -> ColourScale:
    """A scale spanning the non-null ``values`` (0..1 for an empty set)."""
    present = [v for v in values if v is not None and not math.isnan(v)]
    low, high = (min(present), max(present)) if present else (0.0, 1.0)
    return ColourScale(float(low), float(high), tuple(palette), unit)


def _tip(title: str, lines: Sequence[tuple[str, str]], lang: str) -> str:
    """Tooltip text: the title, then one "label：value" line per entry (shown as text, never HTML)."""
    return "\n".join([title, *(i18n.labelled(k, v, lang) for k, v in lines)])


def choropleth_layer(
    data_frame: pl.DataFrame,
    value: str = "value",
    *,
    scale: ColourScale,
    geometry: str = "polygon",
    name: str = "name",
    code: str = "grid_code",
    label: str = "",
    lang: str = "zh",
    layer_id: str = "grid",
    text: str | None = None,
    details: Sequence[tuple[str, str]] = (),
) -> pdk.Layer:
    """Grid (or community) polygons filled by ``value`` on ``scale``; a tooltip with the name and the
    formatted value (or the ready text of column ``text``, e.g. a rate with its numbers), then one
    line per ``details`` entry (label, column); pickable, so a click selects the grid (its ``code``
    is in the row)."""
    data = []
    for row in data_frame.filter(pl.col(geometry).is_not_null()).iter_rows(named=True):
        shown = row[text] if text else i18n.fmt_value(row[value], scale.unit, lang)
        lines = [(label or i18n.t("value", lang), shown), *((k, str(row[c] or "—")) for k, c in details)]
        tip = _tip(row[name], lines, lang)
        for polygon in rings(row[geometry]):
            data.append(
                {"code": row[code], "name": row[name], "value": row[value], "polygon": polygon}
                | {"fill": scale.colour(row[value]), "tip": tip}
            )
    return pdk.Layer(
        "PolygonLayer",
        data=data,
        id=layer_id,
        get_polygon="polygon",
        get_fill_color="fill",
        stroked=False,  # the white edges between grids are bands in the overlay (outline_bands)
        filled=True,
        pickable=True,
        auto_highlight=True,
    )


def metres_per_pixel(view: pdk.ViewState) -> float:
    """Ground metres per screen pixel at the view's centre (deck.gl's world is 512 px at zoom 0)."""
    return 40_075_016.686 * math.cos(math.radians(view.latitude)) / (512 * 2**view.zoom)


def border_bands(geojson: str, width_m: float) -> list[list[list[list[float]]]]:
    """The boundary of a polygon as a band ``width_m`` metres wide centred on it, as polygons (rings,
    outer first) ready for a filled PolygonLayer; computed in local metres (``grid.METRES_PER_DEGREE``,
    longitude shrunk by cos latitude, as the hexagons are), so it is as wide north–south as east–west."""
    shape = shapely.from_geojson(geojson)
    scale = np.array([METRES_PER_DEGREE * math.cos(math.radians(shape.centroid.y)), METRES_PER_DEGREE])
    band = shapely.transform(shape.boundary, lambda xy: xy * scale).buffer(
        width_m / 2, cap_style="flat", join_style="mitre"
    )
    return rings(shapely.to_geojson(shapely.transform(band, lambda xy: xy / scale)))


def outline_bands(
    data_frame: pl.DataFrame,
    *,
    geometry: str = "polygon",
    colour: Sequence[int] = OUTLINE["community"],
    width_px: float = 2,
    metres_per_px: float = 2.0,
) -> list[dict[str, Any]]:
    """The borders of the frame's polygons (grids, communities, the street) as filled bands
    ``width_px`` wide at the fitted view (``metres_per_px``), one ``{"polygon", "fill"}`` object per
    band, for ``overlay_layer``. Bands, not lines: deck.gl's line layers (PathLayer) cost a
    software-rendered browser (an intranet PC with no GPU) more than half a second to prepare,
    while the bands share the fills' program."""
    width_m = width_px * metres_per_px
    fill = list(colour)
    return [
        {"polygon": band, "fill": fill}
        for g in data_frame[geometry].drop_nulls()
        for band in border_bands(g, width_m)
    ]


def overlay_layer(objects: Sequence[Mapping[str, Any]], *, layer_id: str = "overlay") -> pdk.Layer:
    """Everything drawn over the grid colours in ONE flat, unpickable PolygonLayer: each object a
    ``polygon`` (rings) and its own RGB(A) ``fill``, drawn in the order given, so later objects lie
    on top (density hexagons, then the borders). One layer, not one per kind: a browser without a
    GPU (SwiftShader) spends about 0.07 s of its GPU process on every further layer, even one of the
    same program, and a click goes through to the grid beneath."""
    return pdk.Layer(
        "PolygonLayer",
        data=list(objects),
        id=layer_id,
        get_polygon="polygon",
        get_fill_color="fill",
        stroked=False,
        filled=True,
        pickable=False,
    )


def density_layer(
    data_frame: pl.DataFrame,
    lon: str = "lon",
    lat: str = "lat",
    weight: str | None = None,
    *,
    kind: str = "hexagon",
    radius_m: float = 60,
    layer_id: str = "density",
    colours: Sequence[Sequence[int]] = HEAT,
    coverage: float = 1.0,
    opacity: float = 0.55,
    scale_type: str = "quantize",
) -> pdk.Layer:
    """Tickets or events as a hexagon (``kind="hexagon"``) or heat (``"heat"``) layer coloured on
    ``colours`` (low to high, RGB or RGBA); hexagons of ``radius_m`` metres drawn at ``coverage`` of their size;
    ``scale_type`` "quantile" gives each colour the same number of hexagons (deck.gl colorScaleType).
    Pass points pre-aggregated to small cells with a ``weight`` column when there are many."""
    if kind not in ("hexagon", "heat"):
        raise ValueError(f"kind must be hexagon or heat, not {kind!r}")
    cols = [pl.col(lon).alias("lon"), pl.col(lat).alias("lat")]
    cols.append(pl.col(weight).alias("w") if weight else pl.lit(1).alias("w"))
    data = data_frame.select(cols).drop_nulls(["lon", "lat"]).to_dicts()
    common = {"data": data, "id": layer_id, "get_position": ["lon", "lat"], "pickable": False}
    if kind == "heat":
        return pdk.Layer(
            "HeatmapLayer",
            get_weight="w",
            radius_pixels=40,
            opacity=0.7,
            color_range=[list(c) for c in colours],
            **common,
        )
    return pdk.Layer(
        "HexagonLayer",
        get_color_weight="w",
        get_elevation_weight="w",
        color_aggregation="SUM",
        radius=radius_m,
        extruded=False,
        coverage=coverage,
        opacity=opacity,
        color_scale_type=scale_type,
        color_range=[list(c) for c in colours],
        **common,
    )


def street_map(layers: Sequence[pdk.Layer], *, view: pdk.ViewState) -> pdk.Deck:
    """The deck: the given layers over NO base map (see the module docstring), a flat map view, and
    one tooltip that shows each picked row's prebuilt ``tip`` as text."""
    return pdk.Deck(
        layers=list(layers),
        initial_view_state=view,
        views=[pdk.View(type="MapView", controller=True)],
        map_provider=None,
        tooltip={"text": "{tip}", "style": TOOLTIP_STYLE},
    )


def grid_map(
    grids: pl.DataFrame,
    value: str = "value",
    *,
    label: str = "",
    unit: str = "",
    palette: Sequence[tuple[int, int, int]] = HEAT,
    communities: pl.DataFrame | None = None,
    street: pl.DataFrame | None = None,
    points: pl.DataFrame | None = None,
    points_kind: str = "hexagon",
    points_options: Mapping[str, Any] | None = None,
    overlays: Sequence[Mapping[str, Any]] = (),
    lang: str = "zh",
    width: int = 1100,
    height: int = 480,
    text: str | None = None,
    details: Sequence[tuple[str, str]] = (),
    selected: str | None = None,
) -> tuple[pdk.Deck, ColourScale]:
    """The grid heat map in one call: choropleth of ``value`` per grid, then optional ticket/event
    density, community borders and the street border on top; the view fitted to the street (or
    the grids) in a map of about ``width`` × ``height`` pixels (the wide layout's main column at
    1600 px). ``overlays`` are ``{"polygon", "fill"}`` objects drawn over the grid colours and under
    the borders (e.g. ``jiedao.hexcells.cells``). ``points_options`` are passed to ``density_layer`` (colours, radius_m, coverage,
    opacity). ``text`` and ``details`` go to the tooltip (see ``choropleth_layer``); the grid whose
    ``grid_code`` is ``selected`` gets a thick blue border on top. Returns the deck and its colour
    scale (for the legend)."""
    scale = colour_scale(grids[value].to_list(), palette=palette, unit=unit)
    frame = street if street is not None and street["polygon"].drop_nulls().len() else grids
    view = fit_view(bounds(frame["polygon"].drop_nulls().to_list()), width=width, height=height)
    per_px = metres_per_pixel(view)
    layers = [choropleth_layer(grids, value, scale=scale, label=label, lang=lang, text=text, details=details)]
    if points is not None and not points.is_empty():
        layers.append(
            density_layer(
                points,
                weight="weight" if "weight" in points.columns else None,
                kind=points_kind,
                **(points_options or {}),
            )
        )
    # one layer over the colours (see overlay_layer), in drawing order: the white edges between
    # grids, the density hexagons, the community and street borders, the picked grid's border
    drawn = outline_bands(grids, colour=(255, 255, 255), width_px=1, metres_per_px=per_px)
    drawn += overlays
    if communities is not None:
        drawn += outline_bands(communities, metres_per_px=per_px)
    if street is not None:
        drawn += outline_bands(street, colour=OUTLINE["street"], width_px=3, metres_per_px=per_px)
    chosen = grids.filter(pl.col("grid_code") == selected) if selected else grids.clear()
    drawn += outline_bands(chosen, colour=OUTLINE["selected"], width_px=4, metres_per_px=per_px)
    layers.append(overlay_layer(drawn))
    return street_map(layers, view=view), scale
