"""The app as it is served: ``streamlit run ui/server.py``.

Streamlit's own server for ``app.py``, with the routes of :mod:`ui.routes` before its
own (a page's path typed with more after it, ``/area/yuda``), and its middleware before
Streamlit's (a refused address's page). ``make run``,
``make kiosk``, the replicas and the browser tests start the app this way; AppTests run
``app.py`` itself.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.routes import MIDDLEWARE, ROUTES

#: The script every session runs.
SCRIPT = Path(__file__).resolve().parent.parent / "app.py"

# Beside a ``pages/`` folder, Streamlit runs the app as its first kind of multipage app
# (each file a page of its own, run without app.py, the files' names as the menu) until
# app.py first calls ``st.navigation``. The first visitors after a start (a shared link to
# /area among them, or two at once) were served so: a menu of file names, kiosk and staff
# pages listed, a page without app.py's settings, language switch or kiosk lock. app.py
# always calls ``st.navigation``, so that mode is off from the start.
PagesManager.uses_pages_directory = False

app = st.App(SCRIPT, routes=ROUTES, middleware=MIDDLEWARE)
