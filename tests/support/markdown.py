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
#: Constructs the parser reads from the source: Streamlit's math (``$…$``).
_SOURCE = {"math": re.compile(r"(?<!\\)\$")}
#: Constructs Streamlit's renderer finds in the text once parsed (a backslash does not
#: stop them): links from bare addresses, as GitHub's Markdown makes them, colour and
#: icon directives, and emoji codes.
_TEXT = {
    "url": re.compile(r"https?://|www(?=\.)", re.IGNORECASE),
    "email": re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+"),
    "directive": re.compile(r":[A-Za-z]+\["),
    "icon": re.compile(r":material/"),
    "emoji": re.compile(r":[\w+-]+:"),
}
_TOKENS = {
    "link_open": "link",
    "image": "image",
    "html_inline": "html",
    "html_block": "html",
    "code_inline": "code",
    "code_block": "code",
    "fence": "code",
}


def dangers(source: str) -> list[str]:
    """What in ``source`` Streamlit's Markdown would render as more than text."""
    found = [name for name, pattern in _SOURCE.items() if pattern.search(source)]
    stack = list(_MD.parse(source))
    while stack:
        token = stack.pop()
        if token.type in _TOKENS:
            found.append(_TOKENS[token.type])
        elif token.type == "text":
            found += [name for name, pattern in _TEXT.items() if pattern.search(token.content)]
        stack.extend(token.children or [])
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
