"""A map on a page: the deck from ``jiedao.maps``, its legend, and a grid click kept in the URL.

``st.pydeck_chart`` uses the deck.gl bundled in Streamlit's frontend; the decks from
``jiedao.maps`` carry no base map, so nothing is fetched from outside the machine.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pydeck as pdk
import streamlit as st

from jiedao import maps
from jiedao.ui import url


def legend(scale: maps.ColourScale, title: str, lang: str) -> None:
    """A row of colour swatches with their value ranges, low to high, then 无数据."""
    swatch_legend(scale.legend(lang), title)


def swatch_legend(entries: list[tuple[str, str]], title: str) -> None:
    """A bold title, then one colour swatch per (text, hex colour) entry, in one wrapping row."""
    swatches = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:14px">'
        f'<span style="width:14px;height:14px;background:{colour};border:1px solid #d0d7de;'
        f'margin-right:5px;display:inline-block"></span>{html.escape(text)}</span>'
        for text, colour in entries
    )
    st.markdown(f"<div><b>{html.escape(title)}</b>　{swatches}</div>", unsafe_allow_html=True)


def selected_object(event: Mapping | None, layer_id: str) -> dict | None:
    """The object clicked in layer ``layer_id`` (pydeck selection state), if any."""
    if not event:
        return None
    objects = ((event.get("selection") or {}).get("objects") or {}).get(layer_id) or []
    return objects[0] if objects else None


def grid_map_panel(
    deck: pdk.Deck,
    scale: maps.ColourScale,
    *,
    title: str,
    key: str,
    lang: str,
    height: int = 480,
    param: str = "grid",
) -> None:
    """The grid map with its legend; a click on a grid sets ``?grid=<code>`` (a click on empty
    ground clears it), applied on the rerun the click causes."""

    def pick() -> None:
        picked = selected_object(st.session_state.get(key), "grid")
        url.put(param, picked["code"] if picked else None)

    st.pydeck_chart(deck, height=height, key=key, on_select=pick, selection_mode="single-object")
    legend(scale, title, lang)
