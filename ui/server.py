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

from ui.boot import legacy_pages_off
from ui.routes import MIDDLEWARE, ROUTES

#: The script every session runs.
SCRIPT = Path(__file__).resolve().parent.parent / "app.py"

# app.py always calls st.navigation: Streamlit's old multipage layout, which it would
# use for the sessions that start before then, is off from the start (ui.boot).
legacy_pages_off()

app = st.App(SCRIPT, routes=ROUTES, middleware=MIDDLEWARE)
