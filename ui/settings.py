"""The app's settings (``KYODO_*``), read from the environment once per script run.

``app.py`` calls :func:`load` first thing on every run; pages and ui modules read the
values of that run with :func:`current`. Nothing is kept from one run to the next, so a
changed environment (as AppTests set it) is seen on the next run. A setting that does
not parse stops the run with one clear message naming it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

from geo.city import CityConfig
from geo.settings import Settings, SettingsError, load_settings
from ui.i18n import t

#: Session key holding the settings read by this run.
SETTINGS_KEY = "kyodo.settings"


def _stop(exc: SettingsError) -> NoReturn:
    st.error(t("settings.invalid"))
    st.code(str(exc), language=None)
    st.stop()


def load() -> Settings:
    """Read the settings for this script run (and check that the city is registered).

    A bad value shows an error naming the setting and stops the run.
    """
    try:
        settings = load_settings()
        settings.city_config()
    except SettingsError as exc:
        _stop(exc)
    st.session_state[SETTINGS_KEY] = settings
    return settings


def current() -> Settings:
    """The settings of this script run (read now when ``app.py`` has not read them, as
    for a page run on its own)."""
    found = st.session_state.get(SETTINGS_KEY)
    return found if isinstance(found, Settings) else load()


def city() -> CityConfig:
    """The configured city."""
    return current().city_config()


def data_dir() -> Path:
    """The configured city's data directory."""
    settings = current()
    return settings.city_data_dir(settings.city_config())


def registry_url() -> str | None:
    """The registry's URL when pages read organisations from it, else ``None``."""
    return current().active_registry_url


__all__ = ["SETTINGS_KEY", "city", "current", "data_dir", "load", "registry_url"]
