"""Test-only Streamlit script: the pydeck grid map over fixture polygons (no warehouse needed) and a
community bar chart with the drill-down, so the browser tests can check what a person sees.

Geometry: a street square of 0.009° split into 3 × 3 grid squares; two communities (the west
column, and the rest). Grid values 1..9 row by row from the south-west, so the centre grid (g5)
has value 5 and the north-east grid (g9) the highest, 9.
"""

import json

import polars as pl
import streamlit as st

from jiedao import charts, maps
from jiedao.ui import filters, url
from jiedao.ui.mapview import grid_map_panel
from jiedao.ui.panels import community_drilldown

WEST, SOUTH, STEP = 113.088, 29.372, 0.003


def square(x0: float, y0: float, dx: float, dy: float) -> str:
    ring = [[x0, y0], [x0 + dx, y0], [x0 + dx, y0 + dy], [x0, y0 + dy], [x0, y0]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


grids = pl.DataFrame(
    {
        "grid_code": [f"g{3 * row + col + 1}" for row in range(3) for col in range(3)],
        "name": [f"第{3 * row + col + 1}网格" for row in range(3) for col in range(3)],
        "polygon": [
            square(WEST + col * STEP, SOUTH + row * STEP, STEP, STEP) for row in range(3) for col in range(3)
        ],
        "value": [float(3 * row + col + 1) for row in range(3) for col in range(3)],
    }
)
communities = pl.DataFrame(
    {"polygon": [square(WEST, SOUTH, STEP, 3 * STEP), square(WEST + STEP, SOUTH, 2 * STEP, 3 * STEP)]}
)
street = pl.DataFrame({"polygon": [square(WEST, SOUTH, 3 * STEP, 3 * STEP)]})
points = pl.DataFrame({"lon": [WEST + 0.0045] * 5, "lat": [SOUTH + 0.0075] * 5})

st.set_page_config(page_title="harness", layout="wide")
lang = filters.language_switch()
st.title("harness")
deck, scale = maps.grid_map(
    grids, label="事件数", unit="件", communities=communities, street=street, points=points, lang=lang
)
grid_map_panel(deck, scale, title="事件数", key="map", lang=lang)
st.markdown(f"grid: `{url.get('grid') or 'none'}`")

names = {"430602001001": "岳阳楼社区", "430602001002": "东湖社区", "430602001003": "郭亮社区"}
bars = pl.DataFrame({"key": list(names), "name": list(names.values()), "value": [0.9, 0.8, 0.95]})
picked = url.multiselect("community", list(names), label="社区", format_func=names.get)
fig = charts.community_bars(bars, selected=picked[0] if len(picked) == 1 else None, lang=lang)
community_drilldown(fig, bars, file_name="communities.csv", key="bars", lang=lang)
st.markdown(f"selected: `{','.join(picked) or 'none'}`")
