"""Kiosk mode: whether this session is the public touch screen at the support center.

A session is a kiosk session when the server runs with the ``kiosk`` setting on
(``KYODO_KIOSK=1``, ``make kiosk``) or the first request carries ``?kiosk=1``; it stays
one for its lifetime. A kiosk's address may name the language its visitors start in
(``?lang=en``); every idle reset starts the next visitor in it again.
Kiosk sessions get only the kiosk page in their navigation, so the other pages
(import, editing, exports) are never run for them: refused on the server.
"""

from __future__ import annotations

import streamlit as st

from ui import settings
from ui.i18n import language_from_address

_ON = "kiosk.on"
#: The language the kiosk's address starts its visitors in.
_HOME_LANG = "kiosk.home_lang"


def forced_by_server() -> bool:
    """True when the whole server is a kiosk (the ``kiosk`` setting, ``KYODO_KIOSK``)."""
    return settings.current().kiosk


def public_view() -> bool:
    """True when the server only serves the public (the ``public_view`` setting,
    ``KYODO_PUBLIC_VIEW``): the staff pages (import, editing) are not registered at all."""
    return settings.current().public_view


def kiosk_mode() -> bool:
    """Whether this session is a kiosk session (sticky once on)."""
    if st.session_state.get(_ON):
        return True
    if forced_by_server() or st.query_params.get("kiosk") == "1":
        st.session_state[_ON] = True
        # the address's language: the session's, and the one every idle reset returns to
        st.session_state[_HOME_LANG] = language_from_address()
        return True
    return False


def idle_seconds() -> int:
    """Idle timeout before the attract screen returns (the ``kiosk_idle_seconds``
    setting, ``KYODO_KIOSK_IDLE_SECONDS``)."""
    return settings.current().kiosk_idle_seconds


def reset_path() -> str:
    """Where an idle reset goes: a fresh kiosk session on the attract screen, in the
    language the kiosk's address starts its visitors in."""
    params = [] if forced_by_server() else ["kiosk=1"]
    home = st.session_state.get(_HOME_LANG, "ja")
    if home != "ja":
        params.append(f"lang={home}")
    return "./" + (f"?{'&'.join(params)}" if params else "")


__all__ = ["forced_by_server", "idle_seconds", "kiosk_mode", "public_view", "reset_path"]
