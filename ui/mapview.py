"""The explorer's map: build it from the view, show it, read clicks.

The base map (tiles, styles, libraries) depends only on the basemap choice, so its
script, and with it the component's identity, stays the same across reruns and filter
changes: the iframe is never reloaded. The layers that change are sent as
``feature_group_to_add`` and swapped in place.

With data holding a layer larger than the point budget (:func:`geo.mapping.needs_view`)
the map also returns its bounds and zoom, so a pan or zoom reruns the page and the
layers are rebuilt for the new view (in place, like any other change). City-sized data
never asks for them, so panning it reruns nothing.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.io import CityData
from geo.mapping import MapSpec, build_city_map_parts, clicked_area, needs_view, viewport_of
from ui.assets import map_assets
from ui.i18n import lang
from ui.state import KEYS, ViewState

MAP_KEY = "explorer.map"
LAST_CLICK = "explorer.map.last_click"
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
    )


def click_signature(returned: Any) -> str:
    """Something that changes with every click on the map (and only then)."""
    if not isinstance(returned, dict):
        return ""
    return repr((returned.get("last_active_drawing"), returned.get("last_object_clicked")))


def show_map(city: CityData, view: ViewState, cov: pd.DataFrame, orgs: pd.DataFrame) -> None:
    """Draw the map; a click on an area selects it (and reruns once to outline it)."""
    large = needs_view(city.organisations, city.shelters)
    # st_folium keeps what the map last returned under its key, before this run
    shown = viewport_of(st.session_state.get(MAP_KEY)) if large else None
    parts = build_city_map_parts(
        city, cov, spec_of(view), orgs=orgs, local_assets=map_assets(), view=shown
    )
    returned = st_folium(
        parts.base,
        key=MAP_KEY,
        height=620,
        use_container_width=True,
        returned_objects=RETURNED + VIEW_RETURNED if large else RETURNED,
        feature_group_to_add=list(parts.layers),
        layer_control=parts.control,
    )
    signature = click_signature(returned)
    if signature and signature != st.session_state.get(LAST_CLICK):
        st.session_state[LAST_CLICK] = signature
        area_id = clicked_area(returned, known=city.areas["area_id"].tolist())
        if area_id and area_id != view.area:
            st.session_state[KEYS["area"]] = area_id
            st.rerun()
