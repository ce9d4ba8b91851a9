"""The one place that reaches into branca's and folium's internals.

branca has no public way to list an element's children, find its parent, change its
id or call its template's macros, and the map needs all four: to give every element a
deterministic id (so the same inputs give the same page), to render large payloads
without compiling them as Jinja templates again, and to walk the tree for the browser
libraries it loads. Everything that touches ``_children``, ``_parent``, ``_id`` or
``_template.module`` is here; ``tests/test_map_branca_compat.py`` pins the behaviour it
relies on (branca 0.8.2, folium 0.20.0), so an upgrade that changes it fails there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree


def children(element: Element) -> list[Element]:
    """The element's children, in order."""
    return list(element._children.values())


def parent(element: Element) -> Element | None:
    """The element's parent, ``None`` before it is added to one."""
    found: Element | None = element._parent
    return found


def clear_children(element: Element) -> None:
    """Remove every child of ``element``."""
    element._children.clear()


def walk(element: Element) -> Iterator[Element]:
    """``element`` and all its descendants, depth first."""
    yield element
    for child in children(element):
        yield from walk(child)


def macros(element: Element) -> Mapping[str, Callable[..., str]]:
    """The macros (``header``, ``html``, ``script``) of the element's template."""
    found: Mapping[str, Callable[..., str]] = element._template.module.__dict__
    return found


class Text(Element):
    """Text already rendered: put into the page as it is, not compiled again."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


_NAME_PREFIXES: dict[str, str] = {}


class CachedName(Element):
    """``get_name()`` with the snake-case prefix of each class name worked out once.

    branca converts the class name on every call, and the page asks hundreds of times.
    """

    def get_name(self) -> str:
        """``<snake_case name>_<id>``, as branca makes it."""
        prefix = _NAME_PREFIXES.get(self._name)
        if prefix is None:
            full = str(super().get_name())
            prefix = _NAME_PREFIXES[self._name] = full[: len(full) - len(self._id)]
        return prefix + self._id


def render_fast(element: Any, **kwargs: Any) -> None:
    """Render an element as branca's ``MacroElement.render`` does, without compiling again.

    branca wraps each rendered macro in a new ``Element(text)``, which compiles the
    text — with the layer's whole data payload — as a Jinja template again, on every
    render. Passing the text through unchanged is faster and means nothing in the data
    can ever be read as template syntax. A shown :class:`folium.map.Layer` gets its
    ``addTo`` call as folium's ``Layer.render`` adds it.
    """
    figure = element.get_root()
    if hasattr(element, "parent_map"):  # folium's GeoJson looks up its map here
        element.parent_map = get_obj_in_upper_tree(element, folium.Map)
    above = parent(element)
    if isinstance(element, Layer) and element.show and above is not None:
        element.add_child(
            AddTo(element_name=element.get_name(), element_parent_name=above.get_name()),
            name=element.get_name() + "_add",
        )
    found = macros(element)
    for part in ("header", "html", "script"):
        macro = found.get(part)
        if macro is not None:
            getattr(figure, part).add_child(Text(macro(element, kwargs)), name=element.get_name())
    for child in children(element):
        child.render(**kwargs)


class FastRender(CachedName, MacroElement):
    """A macro element rendered by :func:`render_fast`."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Add the header, html and script macros of the template, then the children."""
        render_fast(self, **kwargs)


class AddTo(FastRender, ElementAddToElement):
    """``child.addTo(parent);``, rendered without compiling it again."""


def assign_ids(roots: Element | Sequence[Element], seed: str) -> None:
    """Give every element a deterministic id (folium draws random ones).

    ``roots`` is one tree or several numbered as one (so their ids do not clash when
    they end up on the same map). Children are keyed by name in their parent; keys
    derived from the old random names are renamed along.
    """
    prefix = "k" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:6]
    trees = [roots] if isinstance(roots, Element) else list(roots)
    elements = [e for tree in trees for e in walk(tree)]
    old_names = {id(e): e.get_name() for e in elements}
    for n, element in enumerate(elements):
        element._id = f"{prefix}{n:04d}"
    for element in elements:
        renamed = {
            (child.get_name() if key == old_names[id(child)] else key): child
            for key, child in element._children.items()
        }
        element._children.clear()
        element._children.update(renamed)


__all__ = [
    "AddTo",
    "CachedName",
    "FastRender",
    "Text",
    "assign_ids",
    "children",
    "clear_children",
    "macros",
    "parent",
    "render_fast",
    "walk",
]
