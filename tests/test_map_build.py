"""The map as it is built and sent: base and layers, st_folium's view of them (geo/map/build.py)."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import folium
import geopandas as gpd
import pytest
import streamlit_folium
import streamlit_folium as sf

from benchmarks.synthetic import synthetic_organisations
from geo.coverage import coverage
from geo.map import LAYERS, MapSpec, Viewport
from geo.map.assets import own_url
from geo.map.branca_compat import children as kids
from geo.map.elements import (
    AreaLayer,
    Focus,
    LayerList,
    Legend,
    MapTexts,
    PointArray,
)
from geo.map.encode import escape_text
from geo.map.spec import DEFAULT_BUDGET
from geo.map.style import GSI_TILES
from geo.map.wording import layer_name, metric_label, offline_notice
from geo.model import CityData
from geo.sources import attribution_lines
from tests.map_helpers import (
    CORNER,
    HOSTILE,
    PAYLOAD_LIMIT,
    VIEWS,
    children,
    city_map,
    city_parts,
    compact,
    descendants,
    hostile_frames,
    page_text,
    parts_for,
    render,
    replay,
    static_text,
    tiny_map,
    tiny_parts,
)


@pytest.fixture(scope="module")
def many(tiny: CityData) -> gpd.GeoDataFrame:
    """300 organisations over the tiny city's four areas (deterministic)."""
    return synthetic_organisations(300, tiny.areas, tiny.catalog, seed=7)


@pytest.mark.parametrize(
    ("basemap", "url", "line"),
    [
        ("gsi", GSI_TILES, {"ja": "出典：国土地理院", "en": "Base map: GSI Japan"}),
        ("osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {"ja": "© OpenStreetMap"}),
        ("none", None, None),
    ],
)
def test_basemaps(
    tiny: CityData, basemap: str, url: str | None, line: dict[str, str] | None
) -> None:
    m = tiny_map(tiny, MapSpec(basemap=basemap))
    tiles = children(m, folium.TileLayer)
    if url is None:
        assert tiles == []
        assert own_url("kyodo.css") in render(m)
        assert ".leaflet-container{background:#f4f3ef}" in compact(static_text("kyodo.css"))
        return
    (layer,) = tiles
    assert layer.tiles == url
    # the base names no one: its attribution comes with the layers, in their language
    assert "attribution" not in layer.options
    for lang, text in (line or {}).items():
        (texts,) = descendants(tiny_map(tiny, MapSpec(basemap=basemap, lang=lang)), MapTexts)
        assert text in texts.texts["lines"][0]


@pytest.mark.parametrize(
    ("lang", "sample_line"),
    [("ja", "※団体データはサンプル（架空）です"), ("en", "Organisation data are samples")],
)
def test_data_attributions_in_the_language_of_the_map(
    tiny: CityData, lang: str, sample_line: str
) -> None:
    m = tiny_map(tiny, MapSpec(lang=lang, basemap="none"))
    (texts,) = descendants(m, MapTexts)
    lines = texts.texts["lines"]
    assert len(lines) == len(attribution_lines(tiny.sources))
    assert any(sample_line in x for x in lines)
    html = render(m)
    assert "L.kyodo.texts(" in html
    assert "attributionControl.addAttribution" not in html  # not in the base: it has no language
    assert "att.addAttribution(d.lines.join(" in static_text("kyodo.js")


def test_offline_notice_only_with_a_tiled_basemap(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations, ())
    with_tiles = city_parts(tiny, cov, MapSpec(basemap="gsi")).base.get_root().render()
    without = city_parts(tiny, cov, MapSpec(basemap="none")).base.get_root().render()
    assert "L.kyodo.offline(" in with_tiles
    code = static_text("kyodo.js")
    assert "tileerror" in code and "kyodo-offline" in code
    assert "L.kyodo.offline(" not in without
    assert offline_notice().split("（")[0] in with_tiles


def test_touch_base_scrolls_the_page_and_reads_large(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations, ())
    touch = city_parts(tiny, cov, MapSpec(touch=True)).base.get_root().render()
    pointer = city_parts(tiny, cov, MapSpec()).base.get_root().render()
    assert '"dragging": false' in touch
    assert '"dragging": false' not in pointer
    assert own_url("kyodo-touch.css") in touch
    assert own_url("kyodo-touch.css") not in pointer
    assert ".kyodo-legend{font-size:20px" in compact(static_text("kyodo-touch.css"))
    assert ".kyodo-legend{font-size:20px" not in compact(static_text("kyodo.css"))


def test_same_spec_renders_byte_identical_html(tiny: CityData) -> None:
    spec = MapSpec(metric="per_10k", fields=("bousai",), area_id="ne", hazards=("flood",))
    first = render(tiny_map(tiny, spec))
    second_map = tiny_map(tiny, spec)
    assert render(second_map) == first
    assert render(second_map) == first  # rendering again changes nothing either


def test_element_ids_are_deterministic(tiny: CityData) -> None:
    m = tiny_map(tiny)
    assert m.get_name() == tiny_map(tiny).get_name()
    other = tiny_map(tiny, MapSpec(lang="en"))
    assert m.get_name() != other.get_name()


def test_real_map_payload(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    html = render(city_map(city, cov, MapSpec()))
    assert len(html) <= PAYLOAD_LIMIT
    assert html.count("L.kyodo.points(") == 4  # one call per point layer


def test_replay_is_what_st_folium_sends(tiny: CityData) -> None:
    spec = MapSpec(metric="per_10k", fields=("bousai",), area_id="nw")
    got: dict[str, Any] = {}

    def component(**kwargs: Any) -> None:
        got.update(kwargs)

    parts = tiny_parts(tiny, spec)
    with mock.patch.object(streamlit_folium, "_component_func", component):
        streamlit_folium.st_folium(
            parts.base,
            key="map",
            feature_group_to_add=list(parts.layers),
            layer_control=parts.control,
            returned_objects=["last_active_drawing"],
        )
    sent = replay(tiny_parts(tiny, spec))
    assert got["key"] == sent.key
    assert got["script"] == sent.script
    assert got["header"] == sent.header
    assert got["html"] == sent.html
    assert got["feature_group"] == "".join(sent.groups)
    assert got["layer_control"] == sent.control
    assert got["js_links"] == sent.js_links


def test_base_is_the_same_for_every_view(tiny: CityData) -> None:
    first = render(tiny_parts(tiny, VIEWS[0]).base)
    sent = replay(tiny_parts(tiny, VIEWS[0]))
    few = tiny.organisations.iloc[:3]
    for spec in VIEWS[1:]:
        assert render(tiny_parts(tiny, spec).base) == first, spec
        assert render(tiny_parts(tiny, spec, orgs=few).base) == first, spec
        other = replay(tiny_parts(tiny, spec, orgs=few))
        assert other.key == sent.key, spec
        assert (other.script, other.header, other.html) == (sent.script, sent.header, sent.html)
        assert other.groups != sent.groups, spec
    assert "fitBounds(\n                [[34.0, 131.0], [34.04, 131.04]]" in sent.script


@pytest.mark.parametrize(("a", "b"), [("gsi", "osm"), ("gsi", "none"), ("osm", "none")])
def test_a_new_basemap_reloads_the_map(tiny: CityData, a: str, b: str) -> None:
    one = replay(tiny_parts(tiny, MapSpec(basemap=a)))
    two = replay(tiny_parts(tiny, MapSpec(basemap=b)))
    assert one.key != two.key
    # the points do not depend on the basemap; the areas' group names it in the attribution
    assert one.groups[1:] == two.groups[1:]


@pytest.mark.parametrize("spec", VIEWS)
def test_same_spec_gives_identical_parts(tiny: CityData, spec: MapSpec) -> None:
    one, two = tiny_parts(tiny, spec), tiny_parts(tiny, spec)
    assert render(one.base) == render(two.base)
    first, second = replay(one), replay(two)
    assert first == second
    assert len(first.groups) == 1 + len(spec.layers)


def test_view_change_swaps_the_layers(tiny: CityData) -> None:
    a = MapSpec(metric="count", fields=())
    b = MapSpec(metric="per_10k", fields=("bousai",), area_id="sw", lang="en")
    one, two = replay(tiny_parts(tiny, a)), replay(tiny_parts(tiny, b))
    assert one.key == two.key
    assert one.groups[0] != two.groups[0]
    assert one.control != two.control  # the layer names are in English now
    assert metric_label("count", "ja") in one.groups[0]
    assert metric_label("per_10k", "en") in two.groups[0]
    for name in [layer_name(layer, "en") for layer in LAYERS]:
        assert escape_text(name) in (two.control or "")
    for name in [layer_name(layer, "ja") for layer in LAYERS]:
        assert escape_text(name) not in "".join(two.groups) + (two.control or "")


def defined(script: str) -> set[str]:
    return set(re.findall(r"\b(?:var|let) (\w+) =", script)) | {"map_div"}


def test_layer_scripts_stand_on_their_own(tiny: CityData) -> None:
    """Every name a group's script uses is the map or defined in that script."""
    sent = replay(tiny_parts(tiny, MapSpec(area_id="se")))
    for i, script in enumerate(sent.groups):
        names = defined(script)
        assert f"feature_group_feature_group_{i}" in names
        assert f"map_div.addLayer(feature_group_feature_group_{i});" in script
        for child, parent in re.findall(r"^\s*(\w+)\.addTo\((\w+)\);$", script, re.M):
            assert child in names, child
            assert parent in names, parent
        for parent in re.findall(r"L\.kyodo\.(?:points|counts)\((\w+),", script):
            assert parent in names
        for parent in re.findall(r"(\w+)\.bindTooltip\(", script):
            assert parent in names
        assert not re.search(r"_k[0-9a-f]{6}\d{4}", script)  # no id of the composed map
        assert "{{" not in script
    areas = sent.groups[0]
    assert "L.kyodo.areas(" in areas  # an L.geoJson layer
    assert "L.kyodo.legend(" in areas  # a control "kyodo-legend"
    assert '"area":"se","bounds":[[34.0,131.02],[34.02,131.04]]' in areas
    assert "L.kyodo.view(" in areas
    for i in range(1, 5):
        assert f"L.kyodo.points(feature_group_feature_group_{i}, " in sent.groups[i]
    assert '"g":{"c":80,"z":16,' in sent.groups[LAYERS.index("civic_groups") + 1]
    assert sent.control is not None
    overlays = re.findall(r"\], ?(feature_group_\w+)\]|, (feature_group_\w+)\]", sent.control)
    overlays = [a or b for a, b in overlays]
    assert overlays == [f"feature_group_feature_group_{i}" for i in range(1, 5)]
    assert set(overlays) <= set().union(*(defined(g) for g in sent.groups))


def test_legend_and_focus_travel_with_the_areas(tiny: CityData) -> None:
    parts = tiny_parts(tiny, MapSpec(area_id="nw"))
    assert not descendants(parts.base, (Legend, Focus, AreaLayer, PointArray))
    shaded = parts.layers[0]
    assert not shaded.control
    (legend,) = descendants(shaded, Legend)
    assert "選択中の地域" in legend.html
    (focus,) = descendants(shaded, Focus)
    assert focus.area_id == "nw"
    assert parts.focus == pytest.approx((131.0, 34.02, 131.02, 34.04))
    # the legend is a layer: removing the group removes its control
    script = render(tiny_map(tiny, MapSpec(area_id="nw")))
    assert "L.kyodo.legend(" in script
    assert "onRemove: function () { this._control.remove(); return this; }" in static_text(
        "kyodo.js"
    )
    nothing = tiny_parts(tiny, MapSpec(area_id="atlantis"))
    assert nothing.focus is None
    assert descendants(nothing.layers[0], Focus)[0].bounds is None


def test_point_layers_are_named_groups(tiny: CityData) -> None:
    parts = tiny_parts(tiny, MapSpec(layers=("civic_groups", "shelters"), lang="en"))
    assert [g.layer_name for g in parts.layers[1:]] == [
        layer_name("civic_groups", "en"),
        layer_name("shelters", "en"),
    ]
    assert all(isinstance(g, folium.FeatureGroup) and g.control for g in parts.layers[1:])
    assert descendants(parts.layers[1], PointArray)[0].gather is not None
    assert parts.control is not None
    empty = tiny_parts(tiny, MapSpec(layers=()))
    assert len(empty.layers) == 1
    assert empty.control is None
    assert replay(empty).control is None


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_hostile_names_are_inert_in_the_parts(tiny: CityData, lang: str) -> None:
    spec = MapSpec(lang=lang, area_id="nw")
    sent = replay(tiny_parts(tiny, spec, **hostile_frames(tiny)))
    for text in HOSTILE:
        assert text not in page_text(sent)
    scripts = [sent.script, *sent.groups, sent.control or ""]
    for script in scripts:
        for raw in ("<img", "onerror=alert(1)>", "</script>", "${alert(1)}", "a`b`c"):
            assert raw not in script, raw
    groups = "".join(sent.groups)
    for text in HOSTILE:
        assert escape_text(text) in groups
    assert "&lt;img src=x onerror=alert(1)&gt;" in groups
    assert "&#36;&#123;alert(1)&#125;" in groups


def test_build_map_is_the_parts_put_together(tiny: CityData) -> None:
    spec = MapSpec(fields=("bousai",), area_id="sw")
    m = tiny_map(tiny, spec)
    parts = tiny_parts(tiny, spec)
    assert [type(c) for c in kids(m)] == [
        *(type(c) for c in kids(parts.base)),
        *(type(g) for g in parts.layers),
        LayerList,
    ]
    html = render(m)
    assert html.count("L.kyodo.legend(") == 1
    assert html.count("L.kyodo.view(") == 1
    assert "map.kyodoView" in static_text("kyodo.js")


def test_city_parts(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    parts = city_parts(city, cov, MapSpec(area_id="yuda"))
    assert len(descendants(parts.layers[0], AreaLayer)[0].data["features"]) == 21
    assert parts.focus is not None
    west, south, east, north = parts.focus
    assert west < east and south < north
    sent = replay(parts)
    assert sum(len(g) for g in sent.groups) + len(sent.script) <= PAYLOAD_LIMIT


@pytest.mark.parametrize("composed", [True, False], ids=["compose", "parts"])
def test_every_layer_is_added_to_its_parent(tiny: CityData, composed: bool) -> None:
    """The page defines exactly the areas and one point group per layer, each added to
    the map (or, in parts, to its group, and the group to the map)."""
    cov = coverage(tiny.areas, tiny.organisations, ())
    spec = MapSpec(layers=LAYERS)
    if composed:
        scripts = [render(city_map(tiny, cov, spec))]
    else:
        parts = city_parts(tiny, cov, spec)
        parts.base.get_root().render()
        scripts = [
            sf._get_feature_group_string(g, map=parts.base, idx=i)
            for i, g in enumerate(parts.layers)
        ]
    page = "\n".join(scripts)
    areas = re.findall(r"var (area_layer\w*) =", page)
    filled = re.findall(r"L\.kyodo\.points\((\w+), ", page)
    assert len(areas) == 1
    assert len(filled) == len(LAYERS)  # every point layer fills its own group
    assert len(set(filled)) == len(LAYERS)
    for name in [*areas, *filled]:
        assert page.count(f"var {name} = ") == 1, name
    group_of_areas = re.findall(rf"^\s*{areas[0]}\.addTo\((\w+)\);$", page, re.M)
    assert len(group_of_areas) == 1
    if composed:
        (m,) = re.findall(r"var (map_\w+) = L\.map\(", page)
        for group in [*group_of_areas, *filled]:
            assert re.search(rf"^\s*{group}\.addTo\({m}\);$", page, re.M), group
    else:
        assert group_of_areas == ["feature_group_feature_group_0"]
        assert filled == [f"feature_group_feature_group_{i}" for i in range(1, 1 + len(LAYERS))]
        for i, script in enumerate(scripts):
            assert script.count(f"map_div.addLayer(feature_group_feature_group_{i});") == 1


def test_the_base_never_depends_on_the_view(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    first = render(parts_for(tiny, tiny.organisations, budget=DEFAULT_BUDGET).base)
    for view in (None, CORNER, Viewport(130.0, 33.0, 132.0, 35.0, 6)):
        assert render(parts_for(tiny, many, view=view).base) == first
