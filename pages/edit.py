"""団体の編集 — add, change, retire or reactivate one organisation."""

from __future__ import annotations

import streamlit as st

from ui import login, staff
from ui.boot import ensure_navigation
from ui.i18n import t

ensure_navigation()

editor = login.require_editor()
st.title(t("staff.edit.title"))
staff.edit_section(editor)
