"""What Streamlit's Markdown would make of a text: links, images, HTML, math, code.

AppTest sees the Markdown source of every element, not what the browser draws. These
helpers walk an AppTest's element tree for every text that Streamlit renders as Markdown
(bodies of Markdown, captions, headings and alerts; labels and help of widgets, metrics,
tabs and page links) and say which of them would turn into something other than text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

#: CommonMark with the GitHub extensions Streamlit's renderer has too.
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
#: Elements whose text is shown as written (not Markdown).
_PLAIN = {"text", "code", "json", "exception", "text_input", "text_area"}
#: Proto fields rendered as Markdown.
_FIELDS = ("body", "label", "help")
#: Constructs found in the source itself: Streamlit's math ($…$), code spans, colour and
#: icon directives (:red[…], :material/…:), and literal URLs GitHub's Markdown links.
_RAW = {
    "math": re.compile(r"(?<!\\)\$"),
    "code": re.compile(r"(?<!\\)`"),
    "directive": re.compile(r"(?<!\\):[A-Za-z/_]+(?<!\\)\["),
    "icon": re.compile(r"(?<!\\):material/"),
    "url": re.compile(r"https?://|www\.[A-Za-z]", re.IGNORECASE),
}
_TOKENS = {"link_open": "link", "image": "image", "html_inline": "html", "html_block": "html"}


def dangers(source: str) -> list[str]:
    """What in ``source`` Markdown would render as more than text."""
    found: list[str] = []
    stack = list(_MD.parse(source))
    while stack:
        token = stack.pop()
        if token.type in _TOKENS:
            found.append(_TOKENS[token.type])
        stack.extend(token.children or [])
    found += [name for name, pattern in _RAW.items() if pattern.search(source)]
    return sorted(set(found))


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if children:
        for child in children.values() if isinstance(children, dict) else children:
            yield from _nodes(child)


def markdown_texts(at: AppTest) -> Iterator[tuple[str, str, str]]:
    """``(element type, field, text)`` of every Markdown text the app shows."""
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = str(getattr(node, "type", ""))
        if proto is None or not hasattr(proto, "ListFields") or kind in _PLAIN:
            continue
        for field, value in proto.ListFields():
            if field.name in _FIELDS and isinstance(value, str):
                yield kind, field.name, value
