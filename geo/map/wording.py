"""The map's words, from the one catalogue (:mod:`geo.words`).

Every text the map draws is looked up here, by code: layer names (``layer.<layer>``),
hazard names (``hazard.<code>.short``), the map's own texts (``map.*``, in
:mod:`geo.words.map`) and the gap reason of an area.
"""

from __future__ import annotations

import string

from geo.coverage import CoverageRow, gap_reason_text
from geo.map.encode import escape_text
from geo.words import counted, text

_FORMATTER = string.Formatter()


def words(key: str, lang: str, /, **params: object) -> str:
    """The catalogue's text for ``key`` in ``lang``, formatted with ``params`` (not escaped)."""
    return text(key, lang, **params)


def html_words(key: str, lang: str, /, **escaped: object) -> str:
    """The text for ``key`` as HTML: its own words escaped, ``escaped`` put in as they are.

    Parameters
    ----------
    key, lang
        As for :func:`words`.
    **escaped
        Values for the placeholders: numbers, or text already escaped
        (:func:`geo.map.encode.escape_text`); with ``n=1``, the text of ``key``'s
        singular form where the catalogue has one (:func:`geo.words.counted`).
    """
    if "n" in escaped:
        key = counted(key, lang, escaped["n"])
    template = text(key, lang)  # without parameters: the text with its placeholders
    out: list[str] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        out.append(escape_text(literal))
        if name is not None:
            value = _FORMATTER.convert_field(escaped[name], conversion)
            out.append(format(value, spec or ""))
    return "".join(out)


def layer_name(layer: str, lang: str) -> str:
    """The name of a point layer, as the layer control lists it."""
    return text(f"layer.{layer}", lang)


def metric_label(metric: str, lang: str) -> str:
    """What shades the areas, for the legend and the tooltip."""
    return text(f"metric.{metric}", lang)


def hazard_name(code: str, lang: str) -> str:
    """The short name of a hazard (a shelter's popup lists them)."""
    return text(f"hazard.{code}.short", lang)


def gap_reason(row: CoverageRow, lang: str) -> str:
    """Why an area is (or is not) a gap, in words, from its row of the coverage."""
    return gap_reason_text(row, lang)


def offline_notice() -> str:
    """The notice for missing base-map tiles, in both languages (the base has no language)."""
    return f"{text('map.offline', 'ja')}/ {text('map.offline', 'en')}"


__all__ = [
    "gap_reason",
    "hazard_name",
    "html_words",
    "layer_name",
    "metric_label",
    "offline_notice",
    "words",
]
