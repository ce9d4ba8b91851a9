"""The kiosk's map: the city with every area's name and count, an area chosen by a tap.

The map fills its part of the screen at the city's zoom, with the 21 area names always
shown and, under each, how many organisations are active there in the chosen field
(all fields when none), the number of the area's list. A tap anywhere on an area's
shape chooses it without zooming away (points take no taps); the map has no link, no
layer control, and its legend starts folded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo.filters import OrgFilter
from geo.map import MapSpec, build, city_inputs, clicked_area
from geo.model import CityData
from geo.public import public_organisations
from ui import data
from ui.assets import map_assets
from ui.i18n import lang, t
from ui.mapview import RETURNED, click_signature

#: Height of the kiosk's map, in CSS pixels (landscape and portrait alike).
MAP_HEIGHT = 720


def _title(city: CityData, field: str | None) -> str:
    if field is None:
        return t("kiosk.map_title")
    return t("kiosk.map_title_field", field=city.catalog.get(field).label(lang()))


def kiosk_spec(city: CityData, field: str | None, area: str | None) -> MapSpec:
    """What the kiosk's map shows for a field (``None``: all) and a chosen area."""
    return MapSpec(
        fields=(field,) if field else (),
        layers=(),
        lang=lang(),
        area_id=area,
        touch=True,
        labels=True,
        label_values=True,
        links=False,
        layer_control="none",
        legend="collapsed",
        title=_title(city, field),
        points_interactive=False,
        home_button=area is None,  # with an area chosen, the page's own button
    )


def tapped(answer: Any, city: CityData, key: str) -> str | None:
    """The area just tapped on the map under ``key``, or ``None`` (each tap counts once)."""
    signature = click_signature(answer)
    last = f"{key}.last_tap"
    if not signature or signature == st.session_state.get(last):
        return None
    st.session_state[last] = signature
    return clicked_area(answer, known=city.areas["area_id"].tolist())


def kiosk_map(
    city: CityData,
    *,
    field: str | None,
    area: str | None,
    key: str,
    on_tap: Callable[[str], None],
    height: int = MAP_HEIGHT,
) -> None:
    """Draw the kiosk's map; a tap on another area than ``area`` calls ``on_tap`` with it.

    The tap is taken in the component's change callback, before the script runs again,
    so one run draws the screen it leads to; should the callback not have run, it is
    taken here and the page runs once more.

    Parameters
    ----------
    field
        The chosen field (``None``: all): the counts under the area names are for it.
    area
        The chosen area, outlined (``None``: none).
    key
        The map's widget key (one per screen).
    on_tap
        Called with the id of the area tapped.
    height
        The map's height in CSS pixels.
    """

    def take(answer: Any) -> bool:
        chosen = tapped(answer, city, key)
        if chosen and chosen != area:
            on_tap(chosen)
            return True
        return False

    flt = OrgFilter(fields=frozenset({field} if field else ()))
    orgs = public_organisations(data.filtered(flt))
    cov = data.area_coverage(flt)  # its counts are the lists' lengths
    parts = build(city_inputs(city, orgs), cov, kiosk_spec(city, field, area), assets=map_assets())
    with st.container(key=f"kiosk-mapframe-{height}"):
        answer = st_folium(
            parts.base,
            key=key,
            height=height,
            use_container_width=True,
            returned_objects=RETURNED,
            feature_group_to_add=list(parts.layers),
            layer_control=parts.control,
            on_change=lambda: take(st.session_state.get(key)),
        )
    if take(answer):
        st.rerun()


__all__ = ["MAP_HEIGHT", "kiosk_map", "kiosk_spec", "tapped"]
