"""The legend and the layer control drawn from the map's own style values (geo/map/legend.py)."""

from __future__ import annotations

import re

import pytest

from geo.coverage import coverage
from geo.map import LAYERS, MapSpec
from geo.map.elements import AreaLayer, LayerList, Legend, MapTexts
from geo.map.legend import class_swatches, cluster_svg, layer_labels, muted_swatch
from geo.map.style import (
    FILL_OPACITY,
    MAP_BACKGROUND,
    PALETTE,
    POINT_SHAPES,
    POINT_STYLES,
    SHAPE_MARKS,
    area_style,
    blend,
    seen_colour,
    shape_path,
    shape_svg,
)
from geo.map.wording import layer_name
from geo.model import CityData
from tests.map_helpers import city_map, city_parts, compact, descendants, static_text, tiny_parts

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@pytest.mark.parametrize(
    ("colour", "opacity", "background", "seen"),
    [
        ("#000000", 0.5, "#ffffff", "#808080"),
        ("#ff0000", 1.0, "#00ff00", "#ff0000"),
        ("#ff0000", 0.0, "#00ff00", "#00ff00"),
        ("#253494", FILL_OPACITY, MAP_BACKGROUND, "#7880b8"),  # navy, seen as a lavender
    ],
)
def test_blend(colour: str, opacity: float, background: str, seen: str) -> None:
    assert blend(colour, opacity, background) == seen


def test_the_legend_background_is_the_map_background() -> None:
    assert f".leaflet-container{{background:{MAP_BACKGROUND}}}" in compact(static_text("kyodo.css"))


@pytest.mark.parametrize("metric", ["count", "per_10k", "jishubo_rate"])
def test_legend_colours_are_the_fills_the_map_shows(city: CityData, metric: str) -> None:
    cov = coverage(city.areas, city.organisations, ("bousai",))
    m = city_map(city, cov, MapSpec(metric=metric, fields=("bousai",)))
    (layer,) = descendants(m, AreaLayer)
    (legend,) = descendants(m, Legend)
    swatches = re.findall(
        r'<i class="kyodo-fill" style="background:(#[0-9a-f]{6})" '
        r'data-klass="(\d)"',
        legend.html,
    )
    assert [int(k) for _, k in swatches] == list(range(len(PALETTE)))
    assert [c for c, _ in swatches] == class_swatches()
    for area_id, style in layer.styles.items():
        # what the polygon shows is the swatch of its class, never the raw class colour
        assert seen_colour(style) == swatches[layer.classes[area_id]][0], area_id
    assert PALETTE[-1] not in legend.html  # the navy of the raw colour is not what is seen
    # the gap swatch is the map's hatching, at the areas' opacity
    assert 'fill="url(#kyodo-hatch-0)"' in legend.html
    assert f'fill-opacity="{FILL_OPACITY}"' in legend.html


def test_selected_and_focus_are_explained_only_when_shown(tiny: CityData) -> None:
    plain = descendants(tiny_parts(tiny, MapSpec()).layers[0], Legend)[0].html
    chosen = descendants(tiny_parts(tiny, MapSpec(area_id="nw", focus=("ne",))).layers[0], Legend)
    assert "選択中の地域" not in plain and "選択中の地域" in chosen[0].html
    assert muted_swatch() not in plain and muted_swatch() in chosen[0].html
    assert muted_swatch() == seen_colour(area_style(0, is_gap=False, selected=False, muted=True))


@pytest.mark.parametrize(
    ("metric", "fields", "line"),
    [
        ("count", (), "空白地域（団体がない・少ない）"),
        ("per_10k", ("bousai",), "空白地域（団体がない・少ない）"),
        (
            "jishubo_rate",
            ("bousai",),
            "空白・要注意の地域（団体がない・少ない・活動カバー率が全国平均未満）",
        ),
    ],
)
def test_the_hatching_is_named_for_the_rules_that_apply(
    tiny: CityData, metric: str, fields: tuple[str, ...], line: str
) -> None:
    spec = MapSpec(metric=metric, fields=fields)
    legend = descendants(tiny_parts(tiny, spec).layers[0], Legend)[0].html
    assert line in legend


def test_every_point_layer_has_a_shape_of_its_own() -> None:
    shapes = [POINT_SHAPES[layer] for layer in LAYERS]
    assert len(set(shapes)) == len(LAYERS)
    assert [SHAPE_MARKS[s] for s in shapes] == ["■", "●", "◆", "▲"]
    for layer in LAYERS:
        assert POINT_STYLES[layer]["shape"] == POINT_SHAPES[layer]
        svg = shape_svg(layer)
        assert f'fill="{POINT_STYLES[layer]["fillColor"]}"' in svg
        assert shape_path(POINT_SHAPES[layer], 9, 9, 7.5) in svg
    # the map draws the same shapes
    code = static_text("kyodo-points.js")
    for shape in ("square", "diamond", "triangle"):
        assert f'kind === "{shape}"' in code


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_legend_and_layer_control_show_every_point_layer_with_its_swatch(
    tiny: CityData, lang: str
) -> None:
    parts = tiny_parts(tiny, MapSpec(lang=lang))
    (legend,) = descendants(parts.layers[0], Legend)
    control = parts.control
    assert isinstance(control, LayerList)
    labels = layer_labels(LAYERS, lang)
    for layer in LAYERS:
        name = layer_name(layer, lang)
        assert shape_svg(layer) in legend.html
        assert shape_svg(layer, 16) in labels[name]
        assert control.labels[name] == labels[name]
    # the clustered civic groups are explained with their mark
    assert cluster_svg("civic_groups") in legend.html


@pytest.mark.parametrize(
    ("spec", "legends"),
    [(MapSpec(legend="none"), 0), (MapSpec(legend="collapsed"), 1), (MapSpec(), 1)],
)
def test_legend_modes(tiny: CityData, spec: MapSpec, legends: int) -> None:
    found = descendants(tiny_parts(tiny, spec).layers[0], Legend)
    assert len(found) == legends
    if found:
        assert found[0].mode == spec.legend
        assert '"mode":"' + spec.legend + '"' in found[0].options_json


@pytest.mark.parametrize(("mode", "collapsed"), [("expanded", False), ("collapsed", True)])
def test_layer_control_modes(tiny: CityData, mode: str, collapsed: bool) -> None:
    control = tiny_parts(tiny, MapSpec(layer_control=mode)).control
    assert isinstance(control, LayerList)
    assert control.options["collapsed"] is collapsed
    assert tiny_parts(tiny, MapSpec(layer_control="none")).control is None


def test_english_map_has_no_japanese_words(city: CityData) -> None:
    """Everything the map writes itself is in English; only data could be Japanese."""
    cov = coverage(city.areas, city.organisations)
    parts = city_parts(city, cov, MapSpec(lang="en", area_id="yuda", focus=("yuda",)))
    (legend,) = descendants(parts.layers[0], Legend)
    (texts,) = descendants(parts.layers[0], MapTexts)
    assert not JAPANESE.search(legend.html)
    assert not JAPANESE.search(texts.payload)
    assert isinstance(parts.control, LayerList)
    assert not JAPANESE.search("".join(parts.control.labels.values()))
    assert "Source" in texts.payload or "Base map" in texts.payload
    assert texts.texts["offline"] == "No base map (offline)"  # if tiles fail
