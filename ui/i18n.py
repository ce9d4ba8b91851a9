"""The current language and translated texts."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.words import LANGS, text

LANG_KEY = "lang"


def lang() -> str:
    """The language of this session (``ja`` unless switched)."""
    value = st.session_state.get(LANG_KEY, "ja")
    return value if value in LANGS else "ja"


def language_from_address() -> str:
    """The language the page's address asks for (``?lang=``: a known one, else
    Japanese), made the session's language unless it already has one; returned."""
    asked = st.query_params.get("lang", "ja")
    home = asked if asked in LANGS else "ja"
    st.session_state.setdefault(LANG_KEY, home)
    return home


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the current language, formatted with ``values``."""
    return text(key, lang(), **values)


def labeller(prefix: str, options: list[str] | tuple[str, ...]) -> Callable[[str], str]:
    """A ``format_func`` with the labels of ``options`` fixed in the current language.

    Widgets call their ``format_func`` outside the script run too, where the session's
    language is not known; binding the texts up front keeps them consistent.
    """
    texts = {o: t(f"{prefix}.{o}") for o in options}
    return texts.__getitem__
