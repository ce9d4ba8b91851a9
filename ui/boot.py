"""Make every page run through ``app.py``'s navigation.

Streamlit treats a ``pages/`` folder beside the main script as the old multipage
layout until ``st.navigation`` has run once in the process: a session that starts
before then (the first visitors after a restart, a shared link to ``/area?area=yuda``
among them) runs its page on its own, without ``app.py``, and lists the files' names
as the menu.

- The server turns that mode off before any session starts
  (:func:`legacy_pages_off`, called by :mod:`ui.server`). Without it two visitors
  arriving at once raced: the second's page ran on its own, and kept the files'
  names as its menu until its next click.
- Each page also calls :func:`ensure_navigation` first: where the app is run by other
  means (``streamlit run app.py``, a test), a page run on its own switches the mode off
  and reruns, so ``app.py`` (and its navigation) runs as intended.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def legacy_pages_off() -> None:
    """Turn Streamlit's old multipage layout off for this process, before any session."""
    PagesManager.uses_pages_directory = False


def ensure_navigation() -> None:
    """Rerun through ``app.py`` when Streamlit ran this page script on its own."""
    if PagesManager.uses_pages_directory:
        legacy_pages_off()
        st.rerun()
