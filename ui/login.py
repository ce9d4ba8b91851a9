"""The editor login of the staff pages: who may edit, and for how long.

Pages call :func:`require_editor` first. It refuses kiosk sessions and a disabled
registry, then returns the editor's name or draws the login and stops the script:

* with an ``[auth]`` section in the secrets, ``st.login`` (OpenID Connect), and the
  login's claims must name an editor (:func:`geo.registry.auth.oidc_editor`: a subject
  on ``editor_subjects``, or a verified address on ``editor_emails`` from an issuer on
  ``editor_issuers``);
* otherwise a password form checked against ``[kyodo] editor_password_hash``. Failed
  logins are counted in the registry's database, per client address and for the
  account (:mod:`geo.registry.throttle`), so a reload, another tab or another replica
  gives no fresh tries; while a login is locked it is refused before its password is
  checked.

An editor who leaves the staff pages unused for the ``staff_idle_minutes`` setting
(``KYODO_STAFF_IDLE_MINUTES``) is logged out.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from geo.registry.auth import OidcRules, PasswordHashError, oidc_editor, verify_password
from geo.registry.throttle import LoginThrottle, ThrottleKey, login_keys
from geo.settings import env_name
from ui import settings
from ui.i18n import t
from ui.kiosk import kiosk_mode
from ui.staff import registry

EDITOR_KEY = "staff.editor"
SEEN_KEY = "staff.last_seen"
EXPIRED_KEY = "staff.expired"
#: The account every password login is counted against (there is one shared password).
SHARED_ACCOUNT = "shared-editor"


def _now() -> float:
    return time.time()


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
    st.error(t("staff.not_configured"))  # (no set-up details on a public page)
    st.stop()


# --- idle sessions ---------------------------------------------------------------------


def _idle_expired(now: float) -> bool:
    """Whether the signed-in editor has been idle too long; otherwise note this run."""
    last = st.session_state.get(SEEN_KEY)
    limit = settings.current().staff_idle_minutes * 60
    if isinstance(last, int | float) and now - last > limit:
        st.session_state.pop(SEEN_KEY, None)
        st.session_state[EXPIRED_KEY] = True
        return True
    st.session_state[SEEN_KEY] = now
    return False


def _show_expired() -> None:
    if st.session_state.pop(EXPIRED_KEY, False):
        minutes = settings.current().staff_idle_minutes
        st.info(t("staff.idle_logout", minutes=minutes))


def _signed_in(name: str, logout: Any) -> None:
    st.sidebar.text(t("staff.signed_in", name=name))
    st.sidebar.button(t("staff.logout"), on_click=logout, key="staff.logout")


# --- OpenID Connect --------------------------------------------------------------------


def _oidc_editor(kyodo: Mapping[str, Any]) -> str:
    if not st.user.is_logged_in:
        _show_expired()
        st.info(t("staff.login_oidc"))
        st.button(t("staff.login"), on_click=st.login, key="staff.oidc_login")
        st.stop()
    editor, refusal = oidc_editor(st.user.to_dict(), OidcRules.from_secrets(kyodo))
    if editor is None:
        st.error(t(f"staff.oidc.{refusal}"))
        st.button(t("staff.logout"), on_click=st.logout, key="staff.oidc_logout")
        st.stop()
    if _idle_expired(_now()):
        st.logout()
        st.stop()
    _signed_in(editor, st.logout)
    return editor


# --- the shared password ---------------------------------------------------------------


def client_address() -> str | None:
    """The address of this session's browser: the last ``X-Forwarded-For`` entry when
    the app sits behind a proxy on this machine (the one the proxy added), else the
    connection's own; ``None`` when unknown."""
    found = st.context.ip_address
    own = found if isinstance(found, str) and found else None
    header = st.context.headers.get("X-Forwarded-For")
    forwarded = header if isinstance(header, str) else ""
    try:
        local = own is None or ipaddress.ip_address(own).is_loopback
    except ValueError:
        local = False
    if local and forwarded.strip():
        return forwarded.split(",")[-1].strip() or own
    return own


def _logout() -> None:
    st.session_state.pop(EDITOR_KEY, None)
    st.session_state.pop(SEEN_KEY, None)


def _throttle() -> LoginThrottle:
    with registry() as store:
        return LoginThrottle(store.engine, store.jis_code)


def _refuse_locked(until: float, now: float) -> NoReturn:
    minutes = max(1, math.ceil((until - now) / 60))
    st.error(t("staff.locked", minutes=minutes))
    st.stop()


def _password_editor(stored: str) -> str:
    name = st.session_state.get(EDITOR_KEY)
    now = _now()
    if name and _idle_expired(now):
        _logout()
        name = None
    if name:
        _signed_in(str(name), _logout)
        return str(name)
    st.title(t("staff.login_title"))
    _show_expired()
    throttle = _throttle()
    keys = login_keys(SHARED_ACCOUNT, client_address())
    until = throttle.locked_until(keys, now)
    if until is not None:
        _refuse_locked(until, now)
    with st.form("staff.login", clear_on_submit=True):
        who = st.text_input(t("staff.your_name"), key="staff.login.name", max_chars=60)
        password = st.text_input(t("staff.password"), type="password", key="staff.login.password")
        submitted = st.form_submit_button(t("staff.login"))
    if submitted:
        _check_password(stored, who, password, throttle, keys)
    st.stop()


def _check_password(
    stored: str, who: str, password: str, throttle: LoginThrottle, keys: Sequence[ThrottleKey]
) -> None:
    """Check a submitted login; sign in and rerun, or say what is wrong."""
    now = _now()
    until = throttle.locked_until(keys, now)  # locked meanwhile, from elsewhere
    if until is not None:
        _refuse_locked(until, now)
    try:
        ok = verify_password(password, stored)
    except PasswordHashError:
        st.error(t("staff.bad_hash"))
        st.stop()
    if not ok:
        until = throttle.failed(keys, now)
        st.error(t("staff.wrong_password"))
        if until is not None:
            _refuse_locked(until, now)
        return
    if not who.strip():
        st.error(t("staff.name_needed"))
        return
    throttle.succeeded(keys)
    st.session_state[EDITOR_KEY] = who.strip()
    st.session_state[SEEN_KEY] = now
    st.rerun()


__all__ = [
    "EDITOR_KEY",
    "SEEN_KEY",
    "SHARED_ACCOUNT",
    "client_address",
    "require_editor",
]
