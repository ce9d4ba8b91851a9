"""Make every page run through ``app.py``'s navigation.

Streamlit treats a ``pages/`` folder beside the main script as the old multipage
layout until ``st.navigation`` has run once in the process: the very first request
for ``/area?area=yuda`` after a restart would run the page on its own, without the
shared sidebar. Each page calls :func:`ensure_navigation` first; it switches that
legacy mode off and reruns, so ``app.py`` (and its navigation) runs as intended.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation() -> None:
    """Rerun through ``app.py`` when Streamlit ran this page script on its own."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
