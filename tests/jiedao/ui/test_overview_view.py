"""The overview's tiles packed into rows: areas in order, at most four tiles a row, an area whole."""

from __future__ import annotations

from jiedao import overview
from jiedao.ui.overview_view import tile_rows


def test_tiles_pack_areas_into_rows_of_four_without_splitting_one():
    groups = [("a", "1234"), ("b", "12"), ("c", "12"), ("d", "123"), ("e", "12")]
    assert [[area for area, _ in row] for row in tile_rows(groups)] == [["a"], ["b", "c"], ["d"], ["e"]]
    assert [[area for area, _ in row] for row in tile_rows(overview.HEADLINES)] == [
        ["hotline"],
        ["grid", "meetings"],
        ["coverage"],
    ]
