"""The explorer's map: build it from the view, show it, read clicks.

The base map (tiles, styles, libraries) depends only on the basemap choice, so its
script, and with it the component's identity, stays the same across reruns and filter
changes: the iframe is never reloaded. The layers that change are sent as
``feature_group_to_add`` and swapped in place.

With data holding a layer larger than the point budget (:func:`geo.map.needs_view`)
the map also returns its bounds and zoom, so a pan or zoom reruns the page and the
layers are rebuilt for the new view (in place, like any other change). City-sized data
never asks for them, so panning it reruns nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.map import (
    MapParts,
    MapSpec,
    build,
    city_inputs,
    clicked_area,
    needs_view,
    viewport_of,
)
from geo.model import CityData
from ui.assets import map_assets
from ui.i18n import lang
from ui.state import KEYS, ViewState

MAP_KEY = "explorer.map"
RETURNED = ["last_active_drawing", "last_object_clicked"]
#: Also returned when the data has a large layer: the view the layers are built for.
VIEW_RETURNED = ["bounds", "zoom"]


def spec_of(view: ViewState) -> MapSpec:
    """The map specification of a view."""
    return MapSpec(
        metric=view.metric,
        fields=view.fields,
        layers=view.layers,
        hazards=view.hazards,
        basemap=view.basemap,
        lang=lang(),
        area_id=view.area,
        focus=view.areas,
        layer_control="collapsed",
    )


def click_signature(returned: Any) -> str:
    """Something that changes with every click on the map (and only then)."""
    if not isinstance(returned, dict):
        return ""
    return repr((returned.get("last_active_drawing"), returned.get("last_object_clicked")))


def take_click(answer: Any, *, key: str, selection_key: str, known: Sequence[str]) -> bool:
    """Select the area a new click on the map landed on; whether the selection changed.

    A click is new when its signature (:func:`click_signature`) differs from the last
    one taken under ``key``; a click on a point, or anywhere but an area, selects
    nothing.
    """
    signature = click_signature(answer)
    last = f"{key}.last_click"
    if not signature or signature == st.session_state.get(last):
        return False
    st.session_state[last] = signature
    area_id = clicked_area(answer, known=known)
    if not area_id or area_id == st.session_state.get(selection_key):
        return False
    st.session_state[selection_key] = area_id
    return True


def show_map(city: CityData, view: ViewState, cov: pd.DataFrame, orgs: pd.DataFrame) -> None:
    """Draw the explorer's map; a click on an area selects it."""
    large = needs_view(city.organisations, city.shelters)
    # st_folium keeps what the map last returned under its key, before this run
    shown = viewport_of(st.session_state.get(MAP_KEY)) if large else None
    parts = build(city_inputs(city, orgs), cov, spec_of(view), view=shown, assets=map_assets())
    show_parts(
        city,
        parts,
        key=MAP_KEY,
        height=620,
        selected=view.area,
        selection_key=KEYS["area"],
        returned=RETURNED + VIEW_RETURNED if large else RETURNED,
    )


def show_parts(
    city: CityData,
    parts: MapParts,
    *,
    key: str,
    height: int,
    selected: str | None,
    selection_key: str,
    returned: list[str] = RETURNED,
) -> None:
    """Show a map built in parts, its layers swapped in place; a click on an area puts
    its id under ``selection_key`` in the session.

    The click is taken in the component's change callback, before the script runs
    again, so that one run draws the selection (outlined, the map's view kept) and the
    page's panel for it: no second run, and nothing for the page to lose. ``selected``
    is the selection this run was drawn with; should the callback not have run, a new
    click is still taken here and the page runs once more.
    """
    known = tuple(city.areas["area_id"].tolist())

    def clicked() -> None:
        take_click(st.session_state.get(key), key=key, selection_key=selection_key, known=known)

    answer = st_folium(
        parts.base,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=returned,
        feature_group_to_add=list(parts.layers),
        layer_control=parts.control,
        on_change=clicked,
        render=False,  # (the map renders itself once, whole: KyodoMap.render)
    )
    changed = take_click(answer, key=key, selection_key=selection_key, known=known)
    if changed and st.session_state.get(selection_key) != selected:
        st.rerun()
