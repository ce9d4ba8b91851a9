"""Cached loaders and computations: the only place Streamlit caches data.

The loaded :class:`~geo.model.CityData` is shared by every session (``cache_resource``)
and must never be mutated; filters and geo functions always return new frames.
Everything is cached on hashable arguments and on the registry's data version, so an
edit made by the staff shows on every page (and every replica) within a second or two.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.city import city_by_code
from geo.coverage import GapRule, coverage, coverage_matrix, gap_rule
from geo.filters import OrgFilter
from geo.io import load_city
from geo.model import CityData
from geo.registry import data_version, organisation_source
from ui import settings

#: How long a read of the registry's version is reused (seconds).
VERSION_TTL = 1.0

#: What identifies the data in use: data folder, city (JIS code), the registry's URL
#: (``""`` when organisations come from ``organisations.csv``) and the data version.
DataKey = tuple[str, str, str, int]


@st.cache_data(show_spinner=False, ttl=VERSION_TTL, max_entries=4)
def _version(data_dir: str, jis_code: str, registry_url: str) -> int:
    return data_version(registry_url or None, Path(data_dir), city_by_code(jis_code))


def data_key() -> DataKey:
    """What identifies the data in use, read from this run's settings.

    Every cached computation takes it as an argument, so a cache never serves one
    city's, one source's or one version's results for another.
    """
    chosen = settings.current()
    city = chosen.city_config()
    data_dir = str(chosen.city_data_dir(city))
    url = chosen.active_registry_url or ""
    return data_dir, city.jis_code, url, _version(data_dir, city.jis_code, url)


@st.cache_resource(show_spinner=False, max_entries=2)
def _city(key: DataKey) -> CityData:
    data_dir, jis_code, url, _ = key
    city = city_by_code(jis_code)
    source = organisation_source(Path(data_dir), city, url or None)
    return load_city(Path(data_dir), city, source)


def city() -> CityData:
    """The city's data, validated once per data version."""
    return _city(data_key())


@st.cache_data(show_spinner=False, max_entries=256)
def _filtered(flt: OrgFilter, key: DataKey) -> pd.DataFrame:
    return flt.apply(_city(key).organisations)


def filtered(flt: OrgFilter) -> pd.DataFrame:
    """Organisations passing ``flt``."""
    return _filtered(flt, data_key())


@st.cache_data(show_spinner=False, max_entries=256)
def _area_coverage(flt: OrgFilter, rule: GapRule, metric: str, key: DataKey) -> pd.DataFrame:
    city = _city(key)
    fields = tuple(sorted(flt.fields))
    orgs = _filtered(flt, key)
    # the 活動カバー率 is the area's, whatever organisations the filter shows
    return coverage(
        city.areas, orgs, fields, rule=rule, metric=metric, associations=city.organisations
    )


def area_coverage(
    flt: OrgFilter, rule: GapRule | None = None, *, metric: str = "count"
) -> pd.DataFrame:
    """Coverage of every area by the organisations passing ``flt`` for its fields, with
    the gaps of ``rule`` (this run's settings' when ``None``) under ``metric``."""
    chosen = rule if rule is not None else gap_rule(settings.current())
    return _area_coverage(flt, chosen, metric, data_key())


@st.cache_data(show_spinner=False, max_entries=32)
def _matrix(flt: OrgFilter, codes: tuple[str, ...], metric: str, key: DataKey) -> pd.DataFrame:
    base = OrgFilter(kinds=flt.kinds, bases=flt.bases, text=flt.text)
    return coverage_matrix(_city(key).areas, _filtered(base, key), codes, metric=metric)


def matrix(flt: OrgFilter, codes: tuple[str, ...], metric: str) -> pd.DataFrame:
    """Area × field table for the organisations passing ``flt`` (its fields ignored)."""
    return _matrix(flt, codes, metric, data_key())
