"""Cached pieces of the area page: profile, map and printable sheet."""

from __future__ import annotations

import datetime as dt

import folium
import streamlit as st

from geo.filters import OrgFilter
from geo.map import MapSpec, build, city_inputs, compose
from geo.profile import AreaProfile, area_profile
from geo.sheet import area_sheet_pdf
from ui import data
from ui.assets import map_assets


@st.cache_data(show_spinner=False, max_entries=64)
def _profile(area_id: str, key: data.DataKey) -> AreaProfile:
    return area_profile(data.city(), area_id)


def profile(area_id: str) -> AreaProfile:
    """The area's profile (figures, coverage, lists)."""
    return _profile(area_id, data.data_key())


@st.cache_data(show_spinner=False, max_entries=32)
def _sheet(area_id: str, day: dt.date, key: data.DataKey) -> bytes:
    return area_sheet_pdf(profile(area_id), data.city(), today=day)


def sheet(area_id: str, day: dt.date) -> bytes:
    """The one-page A4 sheet of the area as PDF bytes (regenerated each day)."""
    return _sheet(area_id, day, data.data_key())


def area_map(area_id: str, lang: str, basemap: str) -> folium.Map:
    """The area on a map of its own: boundary, center, organisations, shelters."""
    city = data.city()
    orgs = data.filtered(OrgFilter(areas=frozenset({area_id})))
    # the areas are shaded by everyone active in them, so that a neighbour is not
    # shown as a gap just because only this area's organisations are drawn
    cov = data.area_coverage(OrgFilter())
    spec = MapSpec(metric="count", basemap=basemap, lang=lang, area_id=area_id)
    return compose(build(city_inputs(city, orgs), cov, spec, assets=map_assets()))
