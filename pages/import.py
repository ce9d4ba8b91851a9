"""取り込み — import a staff list into the registry, after a dry run; exports."""

from __future__ import annotations

import streamlit as st

from ui import datastatus, login, realdata, staff
from ui.boot import ensure_navigation
from ui.i18n import labeller, t, worded

ensure_navigation()

editor = login.require_editor()
st.title(t("staff.import.title"))
staff.show_flash()
st.caption(t("staff.import.caption"))
with staff.registry() as store:
    datastatus.staff_section(store)
    if store.database_path is not None:  # (a server database is backed up by its own tools)
        st.caption(t("staff.import.backup"))
st.subheader(t("realdata.lists.title"))
kind = st.radio(
    t("staff.import.kind"),
    list(staff.KINDS),
    format_func=labeller("staff.kind", staff.KINDS),
    horizontal=True,
    key=worded("import.kind"),
)
retire_missing = st.checkbox(
    t("staff.import.retire_missing"),
    value=False,
    help=t("staff.import.retire_missing_help"),
    key="import.retire",
)
retire_samples = realdata.retire_samples_checkbox()
upload = st.file_uploader(t("staff.import.file"), type=staff.UPLOAD_TYPES, key="import.file")
if upload is not None:
    staff.import_section(
        upload.getvalue(),
        upload.name,
        kind,
        editor,
        retire_missing=retire_missing,
        retire_samples=retire_samples,
    )
st.divider()
realdata.npo_section(editor)
st.divider()
realdata.templates_section()
st.divider()
staff.export_section()
