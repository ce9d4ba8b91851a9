"""地図で見る — placeholder until the map lands."""

from __future__ import annotations

import streamlit as st

from ui.boot import ensure_navigation
from ui.i18n import t
from ui.layout import load_or_stop

ensure_navigation()

city = load_or_stop()
st.title(t("app.title"))
