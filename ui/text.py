"""Text from data or from the URL, shown in Streamlit elements that read Markdown, made
literal: :func:`md_literal` is the one helper every page uses for it."""

from __future__ import annotations

import re

from geo.normalise import DIRECTION_CONTROLS

#: Everything Streamlit's Markdown gives a meaning: CommonMark punctuation, its own
#: ``:directive[...]`` and ``$math$``, and raw HTML angle brackets.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
#: Removed: a direction control in a crafted address would turn the page's own sentence
#: around it (「…までお電話ください」 read backwards, then forwards, as the attacker wrote).
_NO_DIRECTION = dict.fromkeys(map(ord, DIRECTION_CONTROLS))
#: Also removed: the other control characters (a NUL in an address shows as 「�」); line
#: breaks and tabs read as spaces.
_NO_CONTROL = {
    **_NO_DIRECTION,
    **dict.fromkeys((*range(0x20), 0x7F), None),
    **dict.fromkeys(map(ord, "\t\r\n\u2028\u2029"), " "),
}
#: A word joiner: invisible, it keeps two characters from reading as one construct.
_JOINER = "\u2060"
#: What Streamlit's renderer finds in text after the Markdown is parsed (so a
#: backslash cannot stop it): links from bare addresses (``https://…``, ``www.…``,
#: ``name@example.jp``), and emoji and icon codes (``:smile:``, ``:material/home:``).
_FOUND_IN_TEXT = re.compile(r"(?<=:)(?=[\w/+-])|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def plain_line(value: object) -> str:
    """``value`` as one line of plain text: without control characters or those that
    turn the direction of text, line breaks and tabs as spaces, trimmed."""
    return "" if value is None else str(value).translate(_NO_CONTROL).strip()


def md_literal(value: object) -> str:
    """``value`` as text that Markdown shows as written.

    For labels, headers and Markdown built from data (organisation names, addresses)
    or from the URL: ``**x**``, ``[a](javascript:…)``, ``![](http://…)``, ``<img …>``,
    ``$x$``, ``:red[x]`` and bare addresses such as ``https://…`` or ``a@b.jp`` stay
    text (an invisible word joiner keeps the last from turning into links), and the
    controls that turn the direction of text and the other control characters are left
    out (line breaks read as spaces: no line, no code block; :func:`plain_line`).
    """
    text = plain_line(value)
    text = _FOUND_IN_TEXT.sub(_JOINER, text)
    return _SPECIAL.sub(r"\\\1", text)


#: Where a label kept together may still wrap: after a 中黒, a comma or a slash, at a space,
#: and before an opening bracket (``人口|（令和2年国勢調査）``).
_WRAP_AFTER = "・、／ /"
_WRAP_BEFORE = "（("


def kept_together(label: str) -> str:
    """``label`` with a word joiner between its characters, so a table that wraps it
    breaks only after a 中黒, a comma or a slash, at a space or before an opening
    bracket, never inside a word (``防災・|減災``, not ``防災・減|災``; ``秋穂二島`` on
    one line; ``人口|（令和2年国勢調査）``).

    For what a plain table shows; the data and the downloads keep the label as it is.
    A label kept together already is kept as it is.
    """
    label = label.replace(_JOINER, "")
    out: list[str] = []
    for i, ch in enumerate(label):
        if i and label[i - 1] not in _WRAP_AFTER and ch != " " and ch not in _WRAP_BEFORE:
            out.append(_JOINER)
        out.append(ch)
    return "".join(out)
