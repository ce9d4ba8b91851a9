"""Data shown in Streamlit elements that read Markdown, made literal."""

from __future__ import annotations

import re

#: Everything Streamlit's Markdown gives a meaning: CommonMark punctuation, its own
#: ``:directive[...]`` and ``$math$``, and raw HTML angle brackets.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


def md_literal(value: object) -> str:
    """``value`` as text that Markdown shows as written.

    For labels, headers and Markdown built from data (organisation names, addresses):
    ``**x**``, ``[a](javascript:…)``, ``![](http://…)``, ``<img …>`` and
    ``:red[x]`` stay text.
    """
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", text)
