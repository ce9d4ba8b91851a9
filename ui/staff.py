"""Glue of the staff pages: editor login, the registry, import preview, the edit form.

Pages call :func:`require_editor` first. It refuses kiosk sessions and a disabled
registry, then returns the editor's name or draws the login and stops the script:
``st.login`` (OIDC) when the secrets have an ``[auth]`` section, otherwise a password
form checked against ``[kyodo] editor_password_hash``; with neither, the page says how
to configure it and refuses.

Everything the pages show from the registry goes through ``st.dataframe`` or
``st.text`` (never Markdown or HTML), so names with markup stay inert.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from geo.city import city_by_code
from geo.errors import DataValidationError, Problem
from geo.registry import (
    ConflictError,
    ImportPlan,
    Reference,
    RegistryError,
    Store,
    StoredOrg,
    UnreadableFileError,
    apply_plan,
    export_csv,
    export_geojson,
    export_hsds,
    plan_import,
    read_bytes,
)
from geo.registry.auth import PasswordHashError, verify_password
from geo.registry.columns import LABELS
from geo.registry.importer import CHANGE, prepare_record
from geo.registry.samples import with_sample_retirements
from geo.registry.schema import RETIRED
from geo.registry.writes import ADD, REACTIVATE
from geo.settings import env_name
from ui import settings
from ui.i18n import labeller, lang, t
from ui.kiosk import kiosk_mode
from ui.orgform import area_labels, org_form

EDITOR_KEY = "staff.editor"
FAILS_KEY = "staff.login.fails"
FLASH_KEY = "staff.flash"
SHOWN_KEY = "import.shown"
BASE_KEY = "edit.base"
NEW_KEY = "edit.new_count"
#: Wrong passwords accepted per session before the form is refused.
MAX_ATTEMPTS = 5
#: The ``--kind`` choices of an import, in the order the page offers them.
KINDS = ("civic_groups", "associations", "councils")
UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg"]
EXPORT_FORMATS = ("csv", "geojson", "hsds")

SECRETS_EXAMPLE = """# .streamlit/secrets.toml — a shared editor password:
[kyodo]
editor_password_hash = "scrypt$…"   # python -m geo.registry hash-password

# or a login through your identity provider (st.login), for these addresses only:
# [kyodo]
# editor_emails = ["staff@example.jp"]
# [auth]
# redirect_uri = "https://…/oauth2callback"
# cookie_secret = "…"
# client_id = "…"
# client_secret = "…"
# server_metadata_url = "https://…/.well-known/openid-configuration"
"""


# --- login -----------------------------------------------------------------------------


def _secrets() -> dict[str, Any]:
    try:
        return dict(st.secrets.to_dict())
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}


def require_editor() -> str:
    """The signed-in editor's name; otherwise the login (or a refusal) and a stop."""
    if kiosk_mode():
        st.error(t("staff.kiosk"))
        st.stop()
    if not settings.current().registry_enabled:
        st.error(t("staff.registry_off"))
        st.code(
            f"{env_name('registry')}=1\n# or\n{env_name('registry_dir')}=/srv/kyodo-map/var",
            language="sh",
        )
        st.stop()
    secrets = _secrets()
    kyodo = secrets.get("kyodo") or {}
    if secrets.get("auth"):
        return _oidc_editor(kyodo)
    stored = kyodo.get("editor_password_hash")
    if stored:
        return _password_editor(str(stored))
    st.error(t("staff.not_configured"))
    st.code(SECRETS_EXAMPLE, language="toml")
    st.stop()


def _oidc_editor(kyodo: Mapping[str, Any]) -> str:
    if not st.user.is_logged_in:
        st.info(t("staff.login_oidc"))
        st.button(t("staff.login"), on_click=st.login, key="staff.oidc_login")
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    allowed = {str(e).strip().lower() for e in kyodo.get("editor_emails") or []}
    if not email or email not in allowed:
        st.error(t("staff.not_editor"))
        st.button(t("staff.logout"), on_click=st.logout, key="staff.oidc_logout")
        st.stop()
    st.sidebar.text(t("staff.signed_in", name=email))
    st.sidebar.button(t("staff.logout"), on_click=st.logout, key="staff.logout")
    return email


def _logout() -> None:
    st.session_state.pop(EDITOR_KEY, None)


def _password_editor(stored: str) -> str:
    name = st.session_state.get(EDITOR_KEY)
    if name:
        st.sidebar.text(t("staff.signed_in", name=name))
        st.sidebar.button(t("staff.logout"), on_click=_logout, key="staff.logout")
        return str(name)
    st.title(t("staff.login_title"))
    fails = int(st.session_state.get(FAILS_KEY, 0))
    if fails >= MAX_ATTEMPTS:
        st.error(t("staff.locked"))
        st.stop()
    with st.form("staff.login", clear_on_submit=True):
        who = st.text_input(t("staff.your_name"), key="staff.login.name", max_chars=60)
        password = st.text_input(t("staff.password"), type="password", key="staff.login.password")
        submitted = st.form_submit_button(t("staff.login"))
    if submitted:
        try:
            ok = verify_password(password, stored)
        except PasswordHashError:
            st.error(t("staff.bad_hash"))
            st.stop()
        if ok and who.strip():
            st.session_state[EDITOR_KEY] = who.strip()
            st.session_state[FAILS_KEY] = 0
            st.rerun()
        if not ok:
            st.session_state[FAILS_KEY] = fails + 1
            st.error(t("staff.wrong_password"))
        else:
            st.error(t("staff.name_needed"))
    st.stop()


# --- the registry ----------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _reference(data_dir: str, jis_code: str) -> Reference:
    return Reference.load(Path(data_dir), city_by_code(jis_code))


@contextmanager
def registry() -> Iterator[Store]:
    """The configured registry; its problems are shown at the page edge and stop it."""
    try:
        reference = _reference(str(settings.data_dir()), settings.city().jis_code)
        store = Store.open(settings.current().registry_url, reference=reference)
    except (RegistryError, DataValidationError) as exc:
        st.error(t("staff.registry_error"))
        st.text(str(exc))
        st.stop()
    try:
        yield store
    finally:
        store.close()


def flash(message: str) -> None:
    """A success message shown once, on the next run (after ``st.rerun``)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show and forget the message left by :func:`flash`."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


# --- problems --------------------------------------------------------------------------


def show_problems(problems: Sequence[Problem]) -> None:
    """Every problem as a table: row, column, value, reason."""
    st.error(t("staff.problems", n=len(problems)))
    st.caption(t("staff.problems_caption"))
    frame = pd.DataFrame(
        {
            t("staff.col.row"): pd.array([p.row for p in problems], dtype="Int64"),
            t("staff.col.column"): [p.column or "" for p in problems],
            t("staff.col.value"): [p.value for p in problems],
            t("staff.col.reason"): [p.reason(lang()) for p in problems],
        }
    )
    st.dataframe(frame, hide_index=True)


# --- import ----------------------------------------------------------------------------


def preview(
    data: bytes,
    filename: str,
    kind: str,
    store: Store,
    *,
    retire_missing: bool = True,
    retire_samples: bool = False,
) -> ImportPlan | None:
    """The dry run of an upload, or ``None`` (after showing why) when it cannot be read.

    This is the page's upload handler: a function of the file's bytes and name.
    """
    try:
        plan = plan_import(read_bytes(data, filename), kind, store, retire_missing=retire_missing)
    except UnreadableFileError as exc:
        show_problems(exc.problems)
        return None
    return with_sample_retirements(plan, store) if retire_samples else plan


def _plan_tables(plan: ImportPlan, ref: Reference) -> None:
    fields = ref.catalog.labels(lang())
    areas = area_labels(ref)
    summary = plan.summary()
    cols = st.columns(len(summary))
    for col, (what, n) in zip(cols, summary.items(), strict=True):
        col.metric(t(f"staff.import.{what}"), n)
    added = plan.with_action(ADD)
    changed = plan.with_action(CHANGE) + plan.with_action(REACTIVATE)
    if added:
        st.subheader(t("staff.import.added_title"))
        st.dataframe(
            pd.DataFrame(
                {
                    t("staff.col.row"): [r.row for r in added],
                    LABELS["org_id"]: [r.record["org_id"] for r in added],
                    LABELS["name"]: [r.record["name"] for r in added],
                    LABELS["fields"]: [
                        t("sep.list").join(
                            fields.get(c, c) for c in r.record["fields"].split(";") if c
                        )
                        for r in added
                    ],
                    LABELS["area_id"]: [areas.get(r.record["area_id"], "") for r in added],
                    t("staff.col.match"): [t(f"staff.match.{r.match_level}") for r in added],
                }
            ),
            hide_index=True,
            key="import.added_table",
        )
    if changed:
        st.subheader(t("staff.import.changed_title"))
        st.dataframe(
            pd.DataFrame(
                {
                    t("staff.col.row"): [r.row for r in changed],
                    LABELS["org_id"]: [r.record["org_id"] for r in changed],
                    LABELS["name"]: [r.record["name"] for r in changed],
                    t("staff.col.changes"): [
                        "; ".join(f"{LABELS.get(c, c)}: {a} → {b}" for c, a, b in r.changes)
                        for r in changed
                    ],
                }
            ),
            hide_index=True,
            key="import.changed_table",
        )
    if plan.retired:
        st.subheader(t("staff.import.retired_title"))
        if plan.problems:
            st.caption(t("staff.import.retire_later"))
        st.dataframe(
            pd.DataFrame(
                {
                    LABELS["org_id"]: [g.org_id for g in plan.retired],
                    LABELS["name"]: [g.name for g in plan.retired],
                }
            ),
            hide_index=True,
            key="import.retired_table",
        )


def import_section(
    data: bytes,
    filename: str,
    kind: str,
    editor: str,
    *,
    retire_missing: bool,
    retire_samples: bool = False,
) -> None:
    """Dry run of an upload, its problems, and the two import buttons."""
    with registry() as store:
        plan = preview(
            data,
            filename,
            kind,
            store,
            retire_missing=retire_missing,
            retire_samples=retire_samples,
        )
        if plan is None:
            return
        shown = (plan.sha256, kind, retire_missing, retire_samples, plan.base_data_version)
        seen_before = st.session_state.get(SHOWN_KEY)
        st.session_state[SHOWN_KEY] = shown
        _plan_tables(plan, store.reference)
        if plan.problems:
            show_problems(plan.problems)
        elif not plan.has_changes:
            st.info(t("staff.import.nothing"))
        left, right = st.columns(2)
        go = left.button(
            t("staff.import.go"), disabled=not plan.can_import, type="primary", key="import.go"
        )
        go_valid = right.button(
            t("staff.import.go_valid"), disabled=not plan.can_import_valid_rows, key="import.valid"
        )
        if not (go or go_valid):
            return
        if seen_before != shown:
            st.warning(t("staff.import.changed_meanwhile"))
            return
        try:
            result = apply_plan(plan, store, who=editor, valid_only=go_valid)
        except ConflictError:
            st.warning(t("staff.import.changed_meanwhile"))
            return
        except DataValidationError as exc:
            show_problems(exc.problems)
            return
    counts = result.write.counts
    flash(
        t(
            "staff.import.done",
            added=counts.get("add", 0),
            changed=counts.get("edit", 0) + counts.get("reactivate", 0),
            retired=counts.get("retire", 0),
        )
    )
    st.session_state.pop(SHOWN_KEY, None)
    st.rerun()


def export_section() -> None:
    """One download: the chosen format, public columns unless asked otherwise."""
    st.subheader(t("staff.export.title"))
    left, right = st.columns(2)
    fmt = left.radio(
        t("staff.export.format"),
        list(EXPORT_FORMATS),
        format_func=labeller("staff.export", EXPORT_FORMATS),
        horizontal=True,
        key="export.format",
    )
    private = right.checkbox(t("staff.export.private"), key="export.private")
    with registry() as store:
        if fmt == "csv":
            data = export_csv(store, public=not private, japanese_headers=True)
            name, mime = "organisations.csv", "text/csv"
        elif fmt == "geojson":
            data = export_geojson(store, public=not private)
            name, mime = "organisations.geojson", "application/geo+json"
        else:
            data = export_hsds(store, public=not private)
            name, mime = "organisations-hsds.json", "application/json"
    if private:
        st.warning(t("staff.export.private_warning"))
    st.download_button(
        t("staff.export.download"),
        data=data,
        file_name=("staff-" if private else "") + name,
        mime=mime,
        key="export.download",
    )


# --- the edit form ---------------------------------------------------------------------


def save_form(
    store: Store,
    cells: Mapping[str, str],
    current: StoredOrg | None,
    editor: str,
) -> bool:
    """Check and save the form; show what is wrong. Whether it was saved.

    ``current`` is the organisation as the editor first saw it: the save is refused
    when it has changed since.
    """
    kind = current.record["kind"] if current else cells["kind"]
    prepared = prepare_record(cells, kind, current, store.reference)
    if prepared.problems:
        show_problems([found.at("form", 1, LABELS.get(c, c)) for c, found in prepared.problems])
        return False
    try:
        if current is None:
            store.add(prepared.record, who=editor, match_level=prepared.match_level)
        else:
            store.edit(
                current.org_id,
                prepared.record,
                expected_version=current.version,
                who=editor,
                match_level=prepared.match_level,
            )
    except ConflictError:
        st.error(t("staff.edit.conflict"))
        return False
    except DataValidationError as exc:
        show_problems(
            [replace(p, column=LABELS.get(p.column or "", p.column)) for p in exc.problems]
        )
        return False
    except RegistryError as exc:
        st.error(t("staff.edit.refused"))
        st.text(str(exc))
        return False
    return True


def _base(org: StoredOrg) -> StoredOrg:
    """The organisation as the editor first saw it (kept until saved or switched)."""
    base = st.session_state.get(BASE_KEY)
    if not isinstance(base, StoredOrg) or base.org_id != org.org_id:
        st.session_state[BASE_KEY] = org
        return org
    return base


def _org_label(org: StoredOrg) -> str:
    label = f"{org.record['name']} ({org.org_id})"
    return label + t("staff.edit.retired_mark") if org.status == RETIRED else label


def edit_section(editor: str) -> None:
    """Pick an organisation (or add one), the form, and retiring."""
    show_flash()
    with registry() as store:
        mode = st.radio(
            t("staff.edit.mode"),
            ["edit", "add"],
            format_func=labeller("staff.edit.mode", ["edit", "add"]),
            horizontal=True,
            key="edit.mode",
        )
        if mode == "add":
            _add(store, editor)
            return
        orgs = {o.org_id: o for o in store.records(include_retired=True)}
        if not orgs:
            st.info(t("staff.edit.none"))
            return
        labels = {i: _org_label(o) for i, o in orgs.items()}
        org_id = st.selectbox(
            t("staff.edit.pick"), list(orgs), format_func=labels.__getitem__, key="edit.pick"
        )
        org = orgs[org_id]
        base = _base(org)
        if base.version != org.version:
            st.warning(t("staff.edit.conflict"))
            if st.button(t("staff.edit.reload"), key="edit.reload"):
                st.session_state.pop(BASE_KEY, None)
                st.rerun()
        st.text(
            t(
                "staff.edit.status",
                status=t(f"staff.status.{org.status}"),
                version=org.version,
                who=org.updated_by,
                at=org.updated_at,
                match=t(f"staff.match.{org.match_level}"),
            )
        )
        cells = org_form(base, store.reference)
        if cells is not None and save_form(store, cells, base, editor):
            st.session_state.pop(BASE_KEY, None)
            flash(t("staff.edit.saved", org_id=org_id))
            st.rerun()
        _retire_controls(store, base, editor)


def _add(store: Store, editor: str) -> None:
    count = int(st.session_state.get(NEW_KEY, 0))
    cells = org_form(None, store.reference, new_key=f"new{count}")
    if cells is None:
        return
    new_id = store.next_ids(cells["kind"], 1)[0]
    if save_form(store, {**cells, "org_id": new_id}, None, editor):
        st.session_state[NEW_KEY] = count + 1
        flash(t("staff.edit.added", org_id=new_id))
        st.rerun()


def _retire_controls(store: Store, org: StoredOrg, editor: str) -> None:
    st.divider()
    retiring = org.status != RETIRED
    sure = st.checkbox(
        t("staff.edit.confirm_retire" if retiring else "staff.edit.confirm_reactivate"),
        key=f"edit.confirm.{org.org_id}.v{org.version}",
    )
    label = t("staff.edit.retire" if retiring else "staff.edit.reactivate")
    if not st.button(label, disabled=not sure, key=f"edit.retire.{org.org_id}"):
        return
    try:
        if retiring:
            store.retire(org.org_id, expected_version=org.version, who=editor)
        else:
            store.reactivate(org.org_id, expected_version=org.version, who=editor)
    except ConflictError:
        st.error(t("staff.edit.conflict"))
        return
    st.session_state.pop(BASE_KEY, None)
    flash(t("staff.edit.retired" if retiring else "staff.edit.reactivated", org_id=org.org_id))
    st.rerun()
