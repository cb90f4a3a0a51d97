"""Hexagons binned in DuckDB (``jiedao.grid.density``), drawn as they are: one flat hexagon per row,
coloured by its weight in equal-count (quantile) classes, with the legend of those classes.

Why not deck.gl's HexagonLayer: it bins the points in the browser, which means shipping every point,
and its GPU aggregation ignores the weights of pre-binned points in software-rendered browsers (all
hexagons come out the lowest colour — what an intranet PC without a GPU shows). Here the browser
only draws: one flat hexagon polygon per row, each with its own colour, in the map's overlay layer
(``jiedao.maps.overlay_layer``, the same WebGL program as the grid colours and the borders, so a
browser without a GPU prepares no other).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import Any

import polars as pl

from jiedao import i18n
from jiedao.grid import METRES_PER_DEGREE


def thresholds(weights: Sequence[float], classes: int) -> list[float]:
    """Upper bounds of the equal-count classes but the last (the k/``classes`` quantiles, k = 1 …
    classes − 1, of the weights sorted), without repeats: a weight w is in class
    ``bisect_left(thresholds, w)``, so class 0 holds w ≤ t₀, class k holds t₍ₖ₋₁₎ < w ≤ tₖ."""
    ordered = sorted(weights)
    if not ordered:
        return []
    cuts = {ordered[min(len(ordered) - 1, (len(ordered) * k) // classes - 1)] for k in range(1, classes)}
    return sorted(c for c in cuts if c < ordered[-1])


def palette_for(count: int, colours: Sequence[Sequence[int]]) -> list[list[int]]:
    """``count`` colours spread evenly over ``colours`` (lightest and darkest kept)."""
    if count <= 1:
        return [list(colours[-1])]
    return [list(colours[round(i * (len(colours) - 1) / (count - 1))]) for i in range(count)]


def legend(
    bounds: list[float], top: float, colours: list[list[int]], unit: str, lang: str
) -> list[tuple[str, str]]:
    """(range text, hex colour) per class, low to high: "1件", "2–3件", "≥ 4件" (integer weights)."""

    def text(lo: float, hi: float) -> str:
        number = i18n.fmt_int(lo, lang) if lo == hi else f"{i18n.fmt_int(lo, lang)}–{i18n.fmt_int(hi, lang)}"
        return number + i18n.fmt_unit(unit, lang)

    lows = [1.0, *(b + 1 for b in bounds)]
    highs = [*bounds, top]
    return [
        (text(lo, hi), "#{:02x}{:02x}{:02x}".format(*c[:3]))
        for lo, hi, c in zip(lows, highs, colours, strict=True)
    ]


def hexagon(lon: float, lat: float, radius_m: float) -> list[list[float]]:
    """The pointy-top hexagon of circumradius ``radius_m`` metres centred on (lon, lat), as the
    ring of its six corners (at 30°, 90° … 330°) in degrees, with the metres per degree that
    ``grid.hex_bins`` bins with (``grid.METRES_PER_DEGREE``, longitude shrunk by cos latitude)."""
    per_lon = METRES_PER_DEGREE * math.cos(math.radians(lat))
    corners = (math.radians(30 + 60 * k) for k in range(6))
    return [
        [
            round(lon + radius_m * math.cos(a) / per_lon, 7),
            round(lat + radius_m * math.sin(a) / METRES_PER_DEGREE, 7),
        ]
        for a in corners
    ]


def cells(
    data_frame: pl.DataFrame,
    *,
    side_m: float,
    colours: Sequence[Sequence[int]],
    coverage: float = 0.9,
    unit: str = "件",
    lang: str = "zh",
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Pointy-top hexagons of side ``side_m`` metres centred on (lon, lat), coloured by ``weight``
    (RGB or RGBA ``colours``, low to high), drawn at ``coverage`` of their size so the grid colours
    show between them: one ``{"polygon", "weight", "fill"}`` object per row for the map's overlay
    layer (not pickable, so a click goes through to the grid beneath), and the legend."""
    weights = data_frame["weight"].to_list()
    bounds = thresholds(weights, len(colours))
    shades = palette_for(len(bounds) + 1, colours)
    radius = side_m * coverage
    data = [
        {"polygon": hexagon(lon, lat, radius), "weight": w, "fill": shades[bisect.bisect_left(bounds, w)]}
        for lon, lat, w in data_frame.select("lon", "lat", "weight").iter_rows()
    ]
    return data, legend(bounds, max(weights, default=1), shades, unit, lang)
