"""What the 网格热力 page draws, on hand-made places and points: outlines in scope, tickets and events
binned to hexagons in DuckDB (centres worked out by hand), one grid's registry values, and the
hexagon layer's colour classes."""

from __future__ import annotations

import datetime as dt
import json
import math

import polars as pl
import pytest

from jiedao import grid, hexcells, maps
from jiedao.filters import Filter, Scope
from tests.jiedao.rows import C1, C2, insert, street, ts

OCTOBER = Filter.month(2025, 10, as_of=dt.datetime(2025, 11, 1))


def square(x0: float, y0: float, side: float) -> str:
    ring = [[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


# Three grids on the equator (centroid latitude 0, so a degree of longitude is as long as one of
# latitude: 111,320 m). G3 has no polygon.
GRIDS = [
    {"grid_code": "G1", "community_code": C1, "name": "一网格", "households": 400, "polygon": square(0, 0, 0.002),
     "centroid_lon": 0.001, "centroid_lat": 0.0},
    {"grid_code": "G2", "community_code": C1, "name": "二网格", "households": 600,
     "polygon": square(0.002, 0, 0.002), "centroid_lon": 0.003, "centroid_lat": 0.0},
    {"grid_code": "G3", "community_code": C2, "name": "三网格", "households": 500, "centroid_lat": 0.0},
]  # fmt: skip
# Hexagon side s = 111,320 / 3,000 m, so the lattice spacings are h = 3s = 0.001° of latitude and
# w = √3·s = √3/3,000 = 0.00057735° of longitude. In lattice units u = lon / w, v = lat / h the
# centres are (i, j) and (i + ½, j + ½); squared distances compare as 3·Δu² + 9·Δv².
SIDE_M = 111_320 / 3_000
W = math.sqrt(3) / 3_000
EVENTS = [
    # u = 0.0001 / W = 0.1732, v = 0.1: to (0, 0) 3·0.03 + 9·0.01 = 0.18; to (½, ½) 3·0.107 + 9·0.16
    # = 1.76 → the hexagon centred on (0, 0)
    ("E1", "G1", 0.0001, 0.0001, "2025-10-03 10:00"),
    # u = 0.3464, v = −0.1: to (0, 0) 3·0.12 + 0.09 = 0.45; to (½, −½) 3·0.024 + 9·0.16 = 1.51 → (0, 0)
    ("E2", "G1", 0.0002, -0.0001, "2025-10-09 10:00"),
    # u = 0.5196, v = 0.4: to (1, 0) 3·0.231 + 9·0.16 = 2.13; to (½, ½) 3·0.0004 + 9·0.01 = 0.091
    # → the hexagon centred on (½, ½) = (W/2, 0.0005°)
    ("E3", "G1", 0.0003, 0.0004, "2025-10-20 10:00"),
    # u = 4, v = 2 exactly: the centre (4, 2) = (4W, 0.002°)
    ("E4", "G2", 4 * W, 0.002, "2025-10-28 10:00"),
    ("E5", "G2", 4 * W, 0.002, "2025-09-28 10:00"),  # September: not in the period
    ("E6", "G2", None, None, "2025-10-28 11:00"),  # no coordinates: not drawn
]
TICKETS = [
    {"ticket_id": "T1", "community_code": C1, "grid_code": "G1", "lon": 0.0001, "lat": 0.0001,
     "received_at": ts("2025-10-09 10:00")},
    {"ticket_id": "T2", "community_code": C2, "lon": 0.0001, "lat": 0.0001, "received_at": ts("2025-10-10 10:00")},
    {"ticket_id": "T3", "community_code": C1, "lon": 0.0001, "lat": 0.0001, "received_at": ts("2025-11-02 10:00")},
]  # fmt: skip


@pytest.fixture
def places(con):
    street(con)
    insert(
        con, "street", [{"street_code": "430602001", "name": "岳阳楼街道", "polygon": square(0, 0, 0.004)}]
    )
    con.execute("UPDATE community SET polygon = ? WHERE community_code = ?", [square(0, 0, 0.004), C1])
    insert(con, "grid", GRIDS)
    events = [
        {"event_code": c, "grid_code": g, "lon": x, "lat": y, "reported_at": ts(t)}
        for c, g, x, y, t in EVENTS
    ]
    insert(con, "grid_event", events)
    insert(con, "hotline_ticket", TICKETS)
    return con


def test_outlines_in_scope(places):
    shapes = grid.shapes(places, OCTOBER)
    # G3 has no polygon; 东湖社区 none either: only what can be drawn
    assert shapes.grids["grid_code"].to_list() == ["G1", "G2"]
    assert shapes.grids["community_name"].to_list() == ["岳阳楼社区", "岳阳楼社区"]
    assert shapes.communities["community_code"].to_list() == [C1]
    assert shapes.street["name"].to_list() == ["岳阳楼街道"]
    only_donghu = grid.shapes(places, OCTOBER, Scope(communities=(C2,)))
    assert only_donghu.grids.is_empty() and only_donghu.communities.is_empty()


def test_events_binned_to_hexagons_by_hand(places):
    cells = grid.density(places, OCTOBER, "events", hex_m=SIDE_M)
    got = [(round(lon, 9), round(lat, 9), w) for lon, lat, w in cells.rows()]
    # (0, 0): E1 E2; (W/2, 0.0005): E3; (4W, 0.002): E4 (E5 is September's, E6 has no coordinates)
    assert got == [(0.0, 0.0, 2), (round(W / 2, 9), 0.0005, 1), (round(4 * W, 9), 0.002, 1)]


def test_tickets_binned_within_the_filter(places):
    cells = grid.density(places, OCTOBER, "tickets", hex_m=SIDE_M)
    assert cells.rows() == [(0.0, 0.0, 2)]  # T1 T2 in October at (0.0001, 0.0001); T3 is November's
    in_c1 = Filter.month(2025, 10, communities=(C1,), as_of=dt.datetime(2025, 11, 1))
    assert grid.density(places, in_c1, "tickets", hex_m=SIDE_M).rows() == [(0.0, 0.0, 1)]
    with pytest.raises(ValueError, match="unknown source"):
        grid.density(places, OCTOBER, "patrols")


def test_one_grids_values_are_the_registry_values(places):
    table = grid.measures(places, OCTOBER)
    values = grid.values_of(table, "G1")
    # G1: E1 E2 E3 reported in October, 400 households → 3 / 400 × 1,000 = 7.5; ticket T1 → 2.5
    events = values["grid.events_per_1000_households"]
    assert (events.numerator, events.denominator, events.value) == (3, 400, pytest.approx(7.5))
    assert values["grid.tickets_per_1000_households"].value == pytest.approx(2.5)
    assert values["grid.patrol_completion"].value is None  # no grid worker: no requirement
    assert grid.values_of(table, "G9") == {}


def test_hexagon_classes_and_legend():
    # 10 weights sorted 1 1 1 1 2 2 3 5 8 13; 4 classes: the 1/4, 2/4, 3/4 cuts are the 10·k//4-th
    # values (2nd, 5th, 7th) = 1, 2, 3 → classes ≤ 1, 2, 3, and 4 … 13
    weights = [1, 1, 1, 1, 2, 2, 3, 5, 8, 13]
    assert hexcells.thresholds(weights, 4) == [1, 2, 3]
    frame = pl.DataFrame({"lon": [0.0] * 10, "lat": [0.0] * 10, "weight": weights})
    cells, legend = hexcells.cells(frame, side_m=50, colours=maps.DENSITY[:4], lang="zh")
    assert [text for text, _ in legend] == ["1件", "2件", "3件", "4–13件"]
    fills = [row["fill"] for row in cells]
    assert fills[0] == list(maps.DENSITY[0]) and fills[-1] == list(maps.DENSITY[3])
    assert hexcells.thresholds([], 4) == [] and hexcells.thresholds([5, 5], 4) == []
    assert hexcells.palette_for(2, maps.DENSITY) == [list(maps.DENSITY[0]), list(maps.DENSITY[-1])]


def test_hexagons_are_pointy_top_polygons_of_the_binned_size():
    # at the equator, side 50 m drawn at coverage 0.9: circumradius 45 m = 45 / 111,320 degrees =
    # 0.00040424°; the top corner (90°) is straight above the centre, the 30° corner is
    # 45 × cos 30° = 38.971 m east (0.00035008°) and 22.5 m north (0.00020212°)
    frame = pl.DataFrame({"lon": [0.0], "lat": [0.0], "weight": [3]})
    cells, _ = hexcells.cells(frame, side_m=50, colours=maps.DENSITY, lang="zh")
    ring = cells[0]["polygon"]
    assert len(ring) == 6
    assert ring[0] == pytest.approx([0.00035008, 0.00020212], abs=1e-7)
    assert ring[1] == pytest.approx([0.0, 0.00040424], abs=1e-7)
    assert ring[4] == pytest.approx([0.0, -0.00040424], abs=1e-7)
