"""Serving the map's browser libraries from this server.

Leaflet and Leaflet.markercluster are copied once per process from the locally
installed packages into ``static/vendor/`` and served by Streamlit at
``/app/static/vendor/``. When that is not possible (no local copies, a read-only
checkout), the map embeds what it finds instead.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.mapping import publish_assets

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
URL = "/app/static/vendor"


@st.cache_resource(show_spinner=False)
def map_assets() -> bool | dict[str, str]:
    """What to pass as ``local_assets`` to the map builders."""
    try:
        published = publish_assets(VENDOR)
    except OSError:
        return True
    if not published:
        return True
    return {name: f"{URL}/{rel}" for name, rel in published.items()}
