"""Serving the map's browser libraries from this server.

Leaflet is copied once per process from the locally
installed packages (the folders of the setting ``asset_dirs``, then Debian's) into
``static/vendor/`` and served by Streamlit at ``/app/static/vendor/``; the map's own
code and styles are served from ``static/map/`` as they are. When copying is not
possible (no local copies, a read-only checkout), the map embeds what it finds instead.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.map import MapAssets, asset_dirs
from geo.map.assets import publish_assets
from ui import settings

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
URL = "/app/static/vendor"


def map_assets() -> MapAssets:
    """Where the maps of this process load their browser libraries from."""
    return _map_assets(settings.current().asset_dirs)


@st.cache_resource(show_spinner=False)
def _map_assets(extra: tuple[Path, ...]) -> MapAssets:
    dirs = asset_dirs(extra)
    try:
        published = publish_assets(VENDOR, dirs)
    except OSError:
        return MapAssets(embed=True, dirs=dirs)
    if not published:
        return MapAssets(embed=True, dirs=dirs)
    return MapAssets(links={name: f"{URL}/{rel}" for name, rel in published.items()})
