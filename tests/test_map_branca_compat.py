"""What geo/map/branca_compat.py relies on in branca and folium, pinned.

Each test names one behaviour the map takes from the libraries' internals; an upgrade
that changes it fails here, before it silently changes the page.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import branca
import folium
import pytest
from branca.element import Element, Figure, MacroElement
from branca.utilities import _camelify
from folium.elements import ElementAddToElement

from geo.map.branca_compat import (
    AddTo,
    CachedName,
    FastRender,
    Text,
    assign_ids,
    children,
    clear_children,
    macros,
    parent,
    walk,
)
from tests.conftest import ROOT


def pinned(package: str) -> str:
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(package)}==(\S+)$", constraints, re.M | re.I)
    assert found, package
    return found.group(1)


@pytest.mark.parametrize(("module", "name"), [(branca, "branca"), (folium, "folium")])
def test_the_versions_are_the_pinned_ones(module: object, name: str) -> None:
    """The behaviour below was checked with these versions; a new one is checked again."""
    assert getattr(module, "__version__") == pinned(name)


def test_children_and_parent_are_kept_as_the_helpers_read_them() -> None:
    root, child = Element(), Element()
    assert isinstance(root._children, OrderedDict)
    assert root._parent is None and parent(child) is None
    root.add_child(child, name="x")
    assert root._children == {"x": child}
    assert parent(child) is root
    assert children(root) == [child]
    assert list(walk(root)) == [root, child]
    clear_children(root)
    assert children(root) == []


def test_macros_are_the_template_module() -> None:
    class Probe(MacroElement):
        _template = folium.template.Template(
            "{% macro header(this, kwargs) %}H{% endmacro %}"
            "{% macro script(this, kwargs) %}S{{ this.x }}{% endmacro %}"
        )

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self.x = 7

    probe = Probe()
    found = macros(probe)
    assert found["header"](probe, {}) == "H"
    assert found["script"](probe, {}) == "S7"
    assert "html" not in found


@pytest.mark.parametrize(
    "make", [Element, MacroElement, folium.FeatureGroup, folium.Map, folium.LayerControl]
)
def test_cached_names_are_the_names_branca_makes(make: type[Element]) -> None:
    class Cached(CachedName, make):  # type: ignore[misc, valid-type]
        pass

    element = Cached()
    expected = _camelify(element._name) + "_" + element._id
    assert Element.get_name(element) == expected
    assert element.get_name() == expected
    element._id = "k0000000001"  # assign_ids changes ids after names were asked for
    assert element.get_name() == _camelify(element._name) + "_k0000000001"


def test_layer_render_adds_its_add_to_as_render_fast_does() -> None:
    """folium's Layer.render adds ``ElementAddToElement`` named ``<name>_add``."""
    m = folium.Map(tiles=None)
    group = folium.FeatureGroup(name="g").add_to(m)
    m.get_root().render()
    (added,) = [c for c in children(group) if isinstance(c, ElementAddToElement)]
    assert group._children[group.get_name() + "_add"] is added
    assert added.element_name == group.get_name()
    assert added.element_parent_name == m.get_name()
    assert issubclass(AddTo, ElementAddToElement)


class _FastGroup(FastRender, folium.FeatureGroup):
    pass


class _FastBounds(FastRender, folium.FitBounds):
    pass


def _page(group: type[folium.FeatureGroup], bounds: type[folium.FitBounds]) -> str:
    m = folium.Map(location=[34.1, 131.4], zoom_start=10, tiles=None)
    g = group(name="g", overlay=True, control=True)
    g.add_to(m)
    folium.CircleMarker([34.1, 131.4], radius=3).add_to(g)
    bounds([[34.0, 131.0], [34.2, 131.8]]).add_to(m)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    assign_ids(figure, "compat")
    return str(figure.render())


def test_render_fast_renders_what_branca_and_folium_render() -> None:
    assert _page(_FastGroup, _FastBounds) == _page(folium.FeatureGroup, folium.FitBounds)


def test_rendered_text_is_not_compiled_again() -> None:
    figure = Figure()
    figure.header.add_child(Text("{{ not a template }}"), name="t")
    assert "{{ not a template }}" in figure.render()


def test_assign_ids_renames_the_keys_of_children() -> None:
    root = Element()
    child = Element()
    root.add_child(child)  # keyed by its (random) name
    other = Element()
    root.add_child(other, name="fixed")
    assign_ids(root, "seed")
    assert list(root._children) == [child.get_name(), "fixed"]
    assert re.fullmatch(r"k[0-9a-f]{6}0001", child._id)
    again = Element()
    again.add_child(Element())
    assign_ids(again, "seed")
    assert children(again)[0]._id == child._id  # the same seed and place, the same id
