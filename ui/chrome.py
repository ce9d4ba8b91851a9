"""Streamlit's own words in the session's language.

Streamlit writes the words of its own parts in English, with no setting for another
language: the skip link ("Skip to main content"), the menu ("Print"), the sidebar's
buttons, the pickers ("Clear all", "No results"), the tables' toolbars, search and
column menus, the charts' menus and the file uploaders ("Upload", "20MB per file • …").
:func:`localise` puts the catalogue's words (``chrome.*``, ``upload.*`` in
:mod:`geo.words`) in their place with a small script (``ui/chrome.js``, through
``st.html``, as :mod:`ui.a11y` sets the page's language), for the eye and for screen
readers alike, and keeps them there as Streamlit draws its parts again.

The catalogue's English text of each ``chrome.*`` key is Streamlit's own: the script
finds Streamlit's words by it, and an English page shows them as Streamlit wrote them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import streamlit as st

from geo.words import MESSAGES, text
from geo.words.chrome import CHROME_EN_SHOWN
from ui.i18n import lang

#: Where Streamlit writes a text of its own making (the uploader's size limit and file
#: kinds): the selector, the attribute (``""``: the text) and the catalogue key whose
#: word replaces whatever is there, in every language.
SPOTS: tuple[tuple[str, str, str], ...] = (
    (
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p',
        "",
        "upload.button",
    ),
    ('[data-testid="stFileUploaderDropzoneInstructions"] span', "", "upload.drop"),
    ('[data-testid="stFileUploaderDropzone"] input[type="file"]', "aria-label", "upload.field"),
)

#: Frames that scroll inside a page (an area's long lists, whose frame Streamlit marks
#: ``overflow="auto"``): the selector and the catalogue key of the frame's name. Each
#: takes the keyboard's focus as a named region, so the keyboard scrolls it too.
FRAMES: tuple[tuple[str, str], ...] = (
    ('.st-key-area-list-associations[overflow="auto"]', "area.list.associations"),
    ('.st-key-area-list-civic-groups[overflow="auto"]', "area.list.civic_groups"),
)

#: What a ``{0}`` in Streamlit's words stands for: a number, a version (``v1.67.0``), a
#: size (``20.0MB``), a file's or a chosen option's name (``Remove 自治会 一覧.csv``).
_ARGUMENT = r"(.+)"


def chrome_keys() -> tuple[str, ...]:
    """The catalogue keys of Streamlit's words (``chrome.*``), in catalogue order."""
    return tuple(k for k in MESSAGES if k.startswith("chrome."))


def _pattern(source: str) -> str:
    """The regular expression (JavaScript's and Python's alike) matching ``source``,
    Streamlit's words with ``{0}`` for a number."""
    head, _, tail = source.partition("{0}")
    return _escape(head) + _ARGUMENT + _escape(tail)


def _escape(plain: str) -> str:
    """``plain`` with the characters special to regular expressions escaped."""
    return re.sub(r"[.*+?^${}()|\[\]\\/]", lambda m: "\\" + m.group(0), plain)


@cache
def words(language: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Streamlit's words and their texts in ``language``.

    Returns
    -------
    The plain words (Streamlit's -> the language's) and the words with a number (a
    pattern of Streamlit's -> the language's text with ``{0}``); words the language
    writes as Streamlit does are left out (an English page keeps Streamlit's own, but
    where those speak to the app's developer: :data:`~geo.words.chrome.CHROME_EN_SHOWN`).
    """
    plain: dict[str, str] = {}
    numbered: list[tuple[str, str]] = []
    for key in chrome_keys():
        source, shown = MESSAGES[key]["en"], MESSAGES[key][language]
        if language == "en":
            shown = CHROME_EN_SHOWN.get(key, shown)
        if shown == source:
            continue
        if "{0}" in source:
            numbered.append((_pattern(source), shown))
        else:
            plain[source] = shown
    return plain, numbered


@cache
def _template() -> str:
    """``chrome.js`` without its lines of comment (sent with every page)."""
    lines = Path(__file__).with_name("chrome.js").read_text(encoding="utf-8").splitlines()
    return "".join(f"{line}\n" for line in lines if not line.lstrip().startswith("//"))


@cache
def script(language: str) -> str:
    """The page script that writes Streamlit's words in ``language`` (built once per
    language: every page sends it on every run)."""
    plain, numbered = words(language)
    config = {
        "lang": language,
        "words": plain,
        "patterns": numbered,
        "spots": [[sel, attr, text(key, language)] for sel, attr, key in SPOTS],
        "frames": [[sel, text(key, language)] for sel, key in FRAMES],
    }
    encoded = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    return "<script>\n" + _template().replace("__CONFIG__", encoded) + "</script>\n"


def localise() -> None:
    """Write Streamlit's words in the session's language on this page (once per run)."""
    st.html(script(lang()), unsafe_allow_javascript=True)


__all__ = ["FRAMES", "SPOTS", "chrome_keys", "localise", "script", "words"]
