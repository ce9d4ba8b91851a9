"""The current language and translated texts."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.words import LANGS, text

LANG_KEY = "lang"
#: The keys of the widgets drawn so far that show their choices in words (:func:`worded`).
_WORDED_KEY = "lang.worded"


def lang() -> str:
    """The language of this session (``ja`` unless switched)."""
    value = st.session_state.get(LANG_KEY, "ja")
    return value if value in LANGS else "ja"


def language_from_address() -> str:
    """The language the page's address asks for (``?lang=``: a known one, else
    Japanese), made the session's language unless it already has one; returned."""
    asked = st.query_params.get("lang", "ja").strip().lower()
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


def worded(key: str) -> str:
    """``key``, noted as the key of a picker that shows its choices in words (through a
    ``format_func``); every such picker passes its key through here where it is drawn.

    A change of language sets each noted widget again (:func:`set_worded_again`);
    otherwise the browser is not told the choice in the new language's words: a
    multiselect keeps its chips in the old words, a radio shows nothing chosen, and a
    form saved after the change drops the choices it can no longer match.
    """
    noted: set[str] = st.session_state.setdefault(_WORDED_KEY, set())
    noted.add(key)
    return key


def set_worded_again() -> None:
    """Set every noted picker (:func:`worded`) that the session still holds to its own
    value, so that its choice is shown in the new language's words; forget the others."""
    noted: set[str] = st.session_state.get(_WORDED_KEY, set())
    for key in sorted(noted):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        else:
            noted.discard(key)
