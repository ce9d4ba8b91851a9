"""地域のページ — placeholder."""

from __future__ import annotations

import streamlit as st

from ui.boot import ensure_navigation
from ui.i18n import t

ensure_navigation()

st.title(t("nav.area"))
