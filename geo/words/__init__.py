"""The one catalogue of words: every text shown to a person, in Japanese and English.

The core (geo/) returns codes and parameters; pages, the map and the PDF sheet turn
them into words through :func:`text`. Each topic keeps its texts in a module of this
package; they are merged here, and a key defined twice is an error. Placeholders use
:meth:`str.format` names.
"""

from __future__ import annotations

from collections.abc import Mapping

from geo.words.app import APP_MESSAGES
from geo.words.map import MAP_MESSAGES
from geo.words.partners import PARTNER_MESSAGES
from geo.words.staff import STAFF_MESSAGES
from geo.words.vocab import VOCAB_MESSAGES

#: The languages every text exists in, the first being the default.
LANGS = ("ja", "en")


def _merge(*parts: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for part in parts:
        clash = set(merged) & set(part)
        if clash:
            raise ValueError(f"message keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


#: The one catalogue: every topic's texts merged.
MESSAGES: Mapping[str, Mapping[str, str]] = _merge(
    APP_MESSAGES,
    MAP_MESSAGES,
    PARTNER_MESSAGES,
    STAFF_MESSAGES,
    VOCAB_MESSAGES,
)


def text(key: str, lang: str = "ja", /, **params: object) -> str:
    """The text for ``key`` in ``lang`` (Japanese when unknown), formatted with ``params``.

    Parameters
    ----------
    key
        A catalogue key, e.g. ``"gap.reason.none_active"``.
    lang
        ``ja`` or ``en``.
    **params
        Values for the text's ``{placeholders}``.

    Raises
    ------
    KeyError
        When ``key`` is not in the catalogue.
    """
    texts = MESSAGES[key]
    chosen = texts.get(lang) or texts["ja"]
    return chosen.format(**params) if params else chosen


def has(key: str) -> bool:
    """True when ``key`` is in the catalogue."""
    return key in MESSAGES


def missing_translations() -> list[str]:
    """Keys lacking a text in any language (the tests keep this empty)."""
    return [k for k, texts in MESSAGES.items() if any(not texts.get(lang) for lang in LANGS)]


__all__ = ["LANGS", "MESSAGES", "has", "missing_translations", "text"]
