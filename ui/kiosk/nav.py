"""Where the visitor is on the kiosk, and the bar that takes them elsewhere.

Everything lives in the session only (never in the URL, which the visitor cannot
see): the screen, the chosen field, area and organisation, the search, and how much
of a list is shown. An idle reset starts a new session, so it forgets all of it.
"""

from __future__ import annotations

import streamlit as st

from geo.words import LANGS
from ui.i18n import LANG_KEY, lang, t
from ui.kiosk.listing import PAGE_SIZE

SCREEN = "kiosk.screen"
FIELD = "kiosk.field"
AREA = "kiosk.area"
ORG = "kiosk.org"
QUERY = "kiosk.query"
ROW = "kiosk.row"
SHOWN = "kiosk.shown"
#: The screens, the first being the attract screen.
SCREENS = ("attract", "fields", "areas", "search", "results", "details")
#: The bar's buttons: name (in the widget key), screen, words, icon.
BAR = (
    ("home", "attract", "kiosk.home", ":material/home:"),
    ("fields", "fields", "kiosk.by_field", ":material/category:"),
    ("areas", "areas", "kiosk.by_area", ":material/map:"),
    ("search", "search", "kiosk.by_name", ":material/search:"),
)
#: The three ways in on the attract screen: screen, words, icon.
WAYS = BAR[1:]


def go(screen: str, **values: str | None) -> None:
    """Switch screens (a button callback); ``values`` set field, area, org, row or query.

    Every switch shows a list from its start again.
    """
    st.session_state[SCREEN] = screen
    for key, value in values.items():
        st.session_state[f"kiosk.{key}"] = value
    st.session_state[SHOWN] = PAGE_SIZE


def chosen(key: str) -> str | None:
    """The chosen field, area, org or index row (``FIELD`` …), or ``None``."""
    value = st.session_state.get(key)
    return str(value) if value else None


def screen() -> str:
    """The current screen (``attract`` at start)."""
    value = str(st.session_state.get(SCREEN, SCREENS[0]))
    return value if value in SCREENS else SCREENS[0]


def shown() -> int:
    """How many organisations of a list are shown."""
    value = st.session_state.get(SHOWN, PAGE_SIZE)
    return value if isinstance(value, int) and value > 0 else PAGE_SIZE


def show_more() -> None:
    """Show :data:`PAGE_SIZE` more of the list (a button callback)."""
    st.session_state[SHOWN] = shown() + PAGE_SIZE


def set_lang(code: str) -> None:
    """Switch the language (a button callback)."""
    st.session_state[LANG_KEY] = code


def language_buttons() -> None:
    """Big 日本語 / English buttons side by side, the current one highlighted."""
    with st.container(horizontal=True, horizontal_alignment="right", key="kiosk-langs"):
        for code in LANGS:
            st.button(
                t(f"app.lang.{code}"),
                on_click=set_lang,
                args=(code,),
                key=f"kiosk.lang.{code}",
                type="primary" if lang() == code else "secondary",
                icon=":material/translate:" if code != lang() else None,
            )


def nav_bar() -> None:
    """Back to the start, the three ways in, and one button for the other language."""
    cols = st.columns([1, 1, 1, 1, 0.8], gap="small")
    for col, (name, target, key, icon) in zip(cols, BAR, strict=False):
        col.button(
            t(key),
            on_click=go,
            args=(target,),
            kwargs={"field": None, "area": None, "org": None} if target == "attract" else {},
            key=f"kiosk.nav.{name}",
            icon=icon,
            type="primary" if screen() == target else "secondary",
            width="stretch",
        )
    other = next(code for code in LANGS if code != lang())
    cols[-1].button(
        t(f"app.lang.{other}"),
        on_click=set_lang,
        args=(other,),
        key="kiosk.nav.lang",
        icon=":material/translate:",
        width="stretch",
    )


__all__ = [
    "AREA",
    "BAR",
    "FIELD",
    "ORG",
    "PAGE_SIZE",
    "QUERY",
    "ROW",
    "SCREEN",
    "SCREENS",
    "SHOWN",
    "WAYS",
    "chosen",
    "go",
    "language_buttons",
    "nav_bar",
    "screen",
    "set_lang",
    "show_more",
]
