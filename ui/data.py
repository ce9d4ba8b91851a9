"""Cached loaders and computations: the only place Streamlit caches data.

The loaded :class:`~geo.io.CityData` is shared by every session (``cache_resource``)
and must never be mutated; filters and geo functions always return new frames.
Derived tables are cached on hashable arguments (the filter value, field codes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.coverage import DEFAULT_RULE, GapRule, coverage, coverage_matrix
from geo.filters import OrgFilter
from geo.io import CityData, default_data_dir, load_city


@st.cache_resource(show_spinner=False)
def _city(data_dir: str) -> CityData:
    return load_city(Path(data_dir))


def city() -> CityData:
    """The city's data (validated once per process)."""
    return _city(str(default_data_dir()))


@st.cache_data(show_spinner=False, max_entries=256)
def filtered(flt: OrgFilter, data_dir: str | None = None) -> pd.DataFrame:
    """Organisations passing ``flt``."""
    return flt.apply(_city(data_dir or str(default_data_dir())).organisations)


@st.cache_data(show_spinner=False, max_entries=256)
def area_coverage(flt: OrgFilter, rule: GapRule = DEFAULT_RULE) -> pd.DataFrame:
    """Coverage of every area by the organisations passing ``flt`` for its fields."""
    data = city()
    return coverage(data.areas, filtered(flt), tuple(sorted(flt.fields)), rule=rule)


@st.cache_data(show_spinner=False, max_entries=32)
def matrix(flt: OrgFilter, codes: tuple[str, ...], metric: str) -> pd.DataFrame:
    """Area × field table for the organisations passing ``flt`` (its fields ignored)."""
    data = city()
    base = OrgFilter(kinds=flt.kinds, areas=flt.areas, text=flt.text)
    return coverage_matrix(data.areas, filtered(base), codes, metric=metric)
