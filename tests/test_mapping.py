"""The map as an object and as rendered HTML (see tests/support/tinycity.py for the tiny city)."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely
import streamlit_folium
from branca.element import Element
from folium.map import Layer
from jinja2.utils import htmlsafe_json_dumps
from streamlit_folium import (
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_layer_control_string,
    _get_map_string,
    generate_js_hash,
)

from geo.coverage import coverage, gap_reason_text
from geo.mapping import (
    ASSET_DIRS_ENV,
    GAP_COLOR,
    GAP_DASH,
    GSI_TILES,
    LAYER_NAMES,
    LAYERS,
    METRIC_LABELS,
    PALETTE,
    AreaLayer,
    Attribution,
    ClusterAssets,
    ClusterGroup,
    Focus,
    Legend,
    MapParts,
    MapSpec,
    PointArray,
    asset_urls,
    build_city_map,
    build_city_map_parts,
    build_map,
    build_map_parts,
    class_breaks,
    class_labels,
    class_of,
    clicked_area,
    embed_assets,
    escape_text,
    filter_shelters,
    format_value,
    local_asset,
    localise_assets,
    missing_assets,
)
from geo.model import HAZARDS, CityData
from geo.sources import attribution_lines

PAYLOAD_LIMIT = 150_000

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "${alert(1)}",
    "a`b`c",
)

PRIVATE = {
    "representative": "山田太郎",
    "phone": "090-1234-5678",
    "email": "x@example.com",
    "notes": "内部メモ",
}


# --- helpers ---------------------------------------------------------------------------------


def tiny_map(tiny: CityData, spec: MapSpec = MapSpec(), **frames: Any) -> folium.Map:
    orgs = frames.get("orgs", tiny.organisations)
    areas = frames.get("areas", tiny.areas)
    cov = coverage(areas, orgs, spec.fields)
    return build_map(
        areas,
        cov,
        spec,
        orgs=orgs,
        centers=frames.get("centers", tiny.centers),
        shelters=frames.get("shelters", tiny.shelters),
        catalog=tiny.catalog,
        sources=tiny.sources,
    )


def tiny_parts(
    tiny: CityData, spec: MapSpec = MapSpec(), *, local_assets: bool = False, **frames: Any
) -> MapParts:
    orgs = frames.get("orgs", tiny.organisations)
    areas = frames.get("areas", tiny.areas)
    return build_map_parts(
        areas,
        frames.get("cov", coverage(areas, orgs, spec.fields)),
        spec,
        orgs=orgs,
        centers=frames.get("centers", tiny.centers),
        shelters=frames.get("shelters", tiny.shelters),
        catalog=tiny.catalog,
        sources=tiny.sources,
        local_assets=local_assets,
    )


def render(m: folium.Map) -> str:
    return str(m.get_root().render())


def children(m: folium.Map, kind: type) -> list[Any]:
    return [c for c in m._children.values() if isinstance(c, kind)]


def descendants(element: Element, kind: type | tuple[type, ...]) -> list[Any]:
    out = []
    for child in element._children.values():
        if isinstance(child, kind):
            out.append(child)
        out += descendants(child, kind)
    return out


def area_layer(m: folium.Map) -> AreaLayer:
    (layer,) = descendants(m, AreaLayer)
    assert isinstance(layer, AreaLayer)
    return layer


def point_layers(m: folium.Map) -> dict[str, PointArray]:
    """Layer name -> its point array."""
    out = {}
    for layer in children(m, Layer):
        arrays = [c for c in layer._children.values() if isinstance(c, PointArray)]
        if arrays:
            out[layer.layer_name] = arrays[0]
    return out


def props(m: folium.Map) -> dict[str, dict[str, str]]:
    features = area_layer(m).data["features"]
    return {f["properties"]["area_id"]: f["properties"] for f in features}


# --- escaping --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("大殿", "大殿"),
        ("<b>", "&lt;b&gt;"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("${x}", "&#36;&#123;x&#125;"),
        ("`tick`", "&#96;tick&#96;"),
        ("{{ this }}", "&#123;&#123; this &#125;&#125;"),
        (12, "12"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
    ],
)
def test_escape_text(value: object, expected: str) -> None:
    assert escape_text(value) == expected


# --- the spec --------------------------------------------------------------------------------


def test_spec_is_hashable_and_normalised() -> None:
    a = MapSpec(layers=("shelters", "councils", "shelters"), fields=("npo08", "bousai"))
    b = MapSpec(layers=("councils", "shelters"), fields=("bousai", "npo08"))
    assert a == b
    assert hash(a) == hash(b)
    assert a.layers == ("councils", "shelters")
    assert MapSpec(hazards=("tsunami", "flood")).hazards == ("flood", "tsunami")
    assert MapSpec(area_id="").area_id is None
    assert MapSpec().layers == LAYERS


@pytest.mark.parametrize(
    "kwargs",
    [
        {"metric": "density"},
        {"layers": ("roads",)},
        {"hazards": ("meteor",)},
        {"basemap": "google"},
        {"lang": "fr"},
    ],
)
def test_spec_rejects_unknown_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        MapSpec(**kwargs)


# --- classes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "metric", "breaks"),
    [
        ([0, 3, 12], "count", (0, 3, 6, 9, 12)),
        ([0, 4, 25], "count", (0, 5, 10, 15, 20)),
        ([0, 0], "count", (0, 1, 2, 3, 4)),
        ([0.0, 4.2, 9.9], "per_10k", (0, 2, 4, 6, 8)),
        ([0.0, 40.0], "per_10k", (0, 10, 20, 30, 40)),
        ([0.0, 1.1], "per_10k", (0, 0.25, 0.5, 0.75, 1.0)),
        ([0.0, 0.5], "jishubo_rate", (0, 0.2, 0.4, 0.6, 0.8)),
    ],
)
def test_class_breaks(values: list[float], metric: str, breaks: tuple[float, ...]) -> None:
    assert class_breaks(values, metric) == pytest.approx(breaks)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (2.9, 0), (3, 1), (8.99, 2), (9, 3), (12, 4), (999, 4)],
)
def test_class_of(value: float, expected: int) -> None:
    assert class_of(value, (0, 3, 6, 9, 12)) == expected


@pytest.mark.parametrize(
    ("breaks", "metric", "lang", "labels"),
    [
        ((0, 3, 6, 9, 12), "count", "ja", ["0–2", "3–5", "6–8", "9–11", "12 以上"]),
        ((0, 1, 2, 3, 4), "count", "en", ["0", "1", "2", "3", "4 or more"]),
        ((0, 2.5, 5, 7.5, 10), "per_10k", "ja", ["0–2.5", "2.5–5", "5–7.5", "7.5–10", "10 以上"]),
        (
            (0, 0.2, 0.4, 0.6, 0.8),
            "jishubo_rate",
            "en",
            ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%"],
        ),
    ],
)
def test_class_labels(breaks: tuple[float, ...], metric: str, lang: str, labels: list[str]) -> None:
    assert class_labels(breaks, metric, lang) == labels


@pytest.mark.parametrize(
    ("value", "metric", "lang", "text"),
    [
        (12, "count", "ja", "12 団体"),
        (12, "count", "en", "12 organisations"),
        (3.456, "per_10k", "ja", "3.5 団体／1万人"),
        (0.8431, "jishubo_rate", "en", "84.3%"),
    ],
)
def test_format_value(value: float, metric: str, lang: str, text: str) -> None:
    assert format_value(value, metric, lang) == text


# --- the areas -------------------------------------------------------------------------------


def test_tiny_map_has_one_feature_per_area(tiny: CityData) -> None:
    m = tiny_map(tiny)
    assert sorted(props(m)) == ["ne", "nw", "se", "sw"]
    assert render(m).count('"area_id":') == 4


def test_real_map_has_21_area_features(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    m = build_city_map(city, cov, MapSpec())
    assert len(area_layer(m).data["features"]) == 21
    assert set(props(m)) == set(city.areas["area_id"])


@pytest.mark.parametrize(
    ("metric", "fields", "darker", "lighter"),
    [
        ("count", (), "nw", "se"),  # 5 vs 2 organisations
        ("count", ("bousai",), "nw", "se"),  # 2 vs 0
        ("per_10k", (), "sw", "nw"),  # 20 vs 12.5 per 10,000
        ("per_10k", ("mimamori",), "ne", "nw"),  # 6.7 vs 2.5
    ],
)
def test_higher_value_gets_darker_class(
    tiny: CityData, metric: str, fields: tuple[str, ...], darker: str, lighter: str
) -> None:
    layer = area_layer(tiny_map(tiny, MapSpec(metric=metric, fields=fields)))
    assert layer.classes[darker] > layer.classes[lighter]
    assert layer.styles[darker]["fillColor"] == PALETTE[layer.classes[darker]]
    assert layer.styles[lighter]["fillColor"] == PALETTE[layer.classes[lighter]]


def test_class_order_follows_values_everywhere(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations, ("bousai",))
    for metric in ("count", "per_10k", "jishubo_rate"):
        layer = area_layer(build_city_map(city, cov, MapSpec(metric=metric)))
        column = "total" if metric == "count" else metric
        value = dict(zip(cov["area_id"], cov[column], strict=True))
        for a in value:
            for b in value:
                if value[a] > value[b]:
                    assert layer.classes[a] >= layer.classes[b], (metric, a, b)


def decode_ring(ring: list[int]) -> list[list[float]]:
    """What the page's ``ring()`` does: running sums of 1e-5° steps."""
    out, x, y = [], 0, 0
    for dx, dy in zip(ring[::2], ring[1::2], strict=True):
        x, y = x + dx, y + dy
        out.append([x / 1e5, y / 1e5])
    return out


def test_outlines_decode_to_the_areas(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    layer = area_layer(build_city_map(city, cov, MapSpec(layers=())))
    encoded = json.loads(layer.payload)["f"]
    originals = dict(zip(city.areas["area_id"], city.areas.geometry, strict=True))
    for (props_, (kind, rings)), feature in zip(encoded, layer.data["features"], strict=True):
        assert props_ == feature["properties"]
        polygons = [rings] if kind == "Polygon" else rings
        decoded = [[decode_ring(r) for r in poly] for poly in polygons]
        expected = feature["geometry"]["coordinates"]
        assert decoded == ([expected] if kind == "Polygon" else expected)
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.hausdorff_distance(originals[props_["area_id"]]) < 2e-5


def test_value_and_reason_in_properties(tiny: CityData) -> None:
    spec = MapSpec(metric="count", fields=("bousai",), lang="en")
    cov = coverage(tiny.areas, tiny.organisations, spec.fields).set_index("area_id")
    p = props(tiny_map(tiny, spec))
    assert p["nw"]["name"] == "North-West"
    assert p["nw"]["value"] == "2 organisations"
    for area_id, row in cov.iterrows():
        assert p[str(area_id)]["reason"] == escape_text(gap_reason_text(row, "en"))
    assert set(p["nw"]) == {"area_id", "name", "value", "reason"}


def test_gaps_are_drawn_apart(tiny: CityData) -> None:
    m = tiny_map(tiny, MapSpec(fields=("bousai",)))  # nobody in se is active in bousai
    layer = area_layer(m)
    gap = layer.styles["se"]
    assert gap["color"] == GAP_COLOR
    assert gap["dashArray"] == GAP_DASH
    assert gap["weight"] == 3
    assert "kyodo-gap" in str(gap["className"])
    assert props(m)["se"]["reason"] == "活動する団体がありません"
    plain = layer.styles["nw"]
    assert plain["weight"] == 1
    assert "dashArray" not in plain
    html = render(m)
    assert 'id="kyodo-hatch-0"' in html
    assert "空白地域" in html  # the legend names the gap style


def test_selected_area_is_outlined_and_drawn_last(tiny: CityData) -> None:
    m = tiny_map(tiny, MapSpec(fields=("bousai",), area_id="sw"))
    layer = area_layer(m)
    assert layer.styles["sw"]["weight"] == 5
    assert layer.styles["sw"]["color"] == "#000000"
    assert [f["properties"]["area_id"] for f in layer.data["features"]][-1] == "sw"
    # an unknown area selects nothing
    other = area_layer(tiny_map(tiny, MapSpec(area_id="atlantis")))
    assert all(s["weight"] != 5 for s in other.styles.values())


def test_tooltip_reads_escaped_properties_only(tiny: CityData) -> None:
    (tooltip,) = [
        c
        for c in area_layer(tiny_map(tiny))._children.values()
        if isinstance(c, folium.GeoJsonTooltip)
    ]
    assert tooltip.fields == ["name", "value", "reason"]


def test_coverage_must_cover_every_area(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations).iloc[:3]
    with pytest.raises(ValueError, match="se"):
        build_map(
            tiny.areas,
            cov,
            MapSpec(),
            orgs=tiny.organisations,
            centers=tiny.centers,
            shelters=tiny.shelters,
            catalog=tiny.catalog,
        )


# --- the layers ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_layers_have_localised_names(tiny: CityData, lang: str) -> None:
    m = tiny_map(tiny, MapSpec(lang=lang))
    names = [c.layer_name for c in children(m, Layer) if c.control]
    assert names == [LAYER_NAMES[lang][layer] for layer in LAYERS]
    assert len(children(m, folium.LayerControl)) == 1
    html = render(m)
    for name in names:
        assert htmlsafe_json_dumps(name) in html


def test_layer_names_are_the_words_of_the_brief() -> None:
    assert list(LAYER_NAMES["ja"].values()) == [
        "地域づくり協議会・地域交流センター",
        "自治会・町内会",
        "市民活動団体",
        "避難所",
    ]


def test_civic_groups_are_clustered(tiny: CityData) -> None:
    m = tiny_map(tiny)
    (cluster,) = children(m, ClusterGroup)
    assert cluster.layer_name == LAYER_NAMES["ja"]["civic_groups"]
    assert "L.markerClusterGroup(" in render(m)


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        (("shelters",), ["避難所"]),
        (("associations", "civic_groups"), ["自治会・町内会", "市民活動団体"]),
        ((), []),
    ],
)
def test_only_chosen_layers_are_drawn(
    tiny: CityData, layers: tuple[str, ...], expected: list[str]
) -> None:
    m = tiny_map(tiny, MapSpec(layers=layers))
    assert list(point_layers(m)) == expected
    assert len(children(m, folium.LayerControl)) == (1 if layers else 0)


def test_points_are_one_array_per_layer(tiny: CityData) -> None:
    m = tiny_map(tiny)
    rows = {name: len(array.rows) for name, array in point_layers(m).items()}
    assert rows == {
        "地域づくり協議会・地域交流センター": 4,  # one per center, with its council
        "自治会・町内会": 4,
        "市民活動団体": 3,
        "避難所": 3,
    }
    assert not children(m, folium.Marker)
    for array in point_layers(m).values():
        for row in array.rows:
            assert all(len(str(x).split(".")[-1]) <= 5 for x in row[:2])


def test_popup_lines_of_an_association(tiny: CityData) -> None:
    array = point_layers(tiny_map(tiny))["自治会・町内会"]
    payload = json.loads(array.payload)
    table = payload["t"]
    first = payload["r"][0]
    lines = [table[x] if isinstance(x, int) else x for x in payload["h"] + first[3:]]
    assert first[2] == "サンプルa-1"
    assert lines == ["自治会・町内会", "北西", "防災・減災、環境美化", "サンプル（架空の団体）"]


@pytest.mark.parametrize(
    ("hazards", "expected"),
    [
        ((), ["S1", "S2", "S3"]),
        (("flood",), ["S1", "S3"]),
        (("landslide",), ["S1", "S2"]),
        (("tsunami",), []),
        (("flood", "landslide"), ["S1", "S2", "S3"]),
        (("earthquake",), ["S1", "S2", "S3"]),
    ],
)
def test_shelters_hazard_filter(
    tiny: CityData, hazards: tuple[str, ...], expected: list[str]
) -> None:
    assert filter_shelters(tiny.shelters, hazards)["shelter_id"].tolist() == expected
    array = point_layers(tiny_map(tiny, MapSpec(hazards=hazards)))["避難所"]
    names = dict(zip(tiny.shelters["shelter_id"], tiny.shelters["name"], strict=True))
    assert [row[2] for row in array.rows] == [names[s] for s in expected]


def test_filter_shelters_rejects_unknown_hazards(tiny: CityData) -> None:
    with pytest.raises(ValueError, match="meteor"):
        filter_shelters(tiny.shelters, ("meteor",))
    assert set(HAZARDS) <= set(tiny.shelters.columns)


# --- what must never reach the page ----------------------------------------------------------


def test_private_columns_never_reach_the_page(tiny: CityData) -> None:
    orgs = tiny.organisations.copy()
    for column, value in PRIVATE.items():
        orgs[column] = value
    for lang in ("ja", "en"):
        html = render(tiny_map(tiny, MapSpec(lang=lang), orgs=orgs))
        for value in PRIVATE.values():
            assert value not in html


def hostile_frames(tiny: CityData) -> dict[str, gpd.GeoDataFrame]:
    orgs = tiny.organisations.copy()
    orgs["name"] = [HOSTILE[i % len(HOSTILE)] for i in range(len(orgs))]
    areas = tiny.areas.copy()
    areas["name_ja"] = list(HOSTILE)
    areas["name_en"] = list(HOSTILE)
    centers = tiny.centers.copy()
    centers["name"] = list(HOSTILE)
    centers["address"] = list(HOSTILE)
    shelters = tiny.shelters.copy()
    shelters["name"] = list(HOSTILE[:3])
    shelters["note"] = list(HOSTILE[1:])
    return {"orgs": orgs, "areas": areas, "centers": centers, "shelters": shelters}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_hostile_names_are_inert(tiny: CityData, lang: str) -> None:
    html = render(tiny_map(tiny, MapSpec(lang=lang, area_id="nw"), **hostile_frames(tiny)))
    for text in HOSTILE:
        assert text not in html
        assert escape_text(text) in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#36;&#123;alert(1)&#125;" in html
    assert "a&#96;b&#96;c" in html
    assert "onerror=alert(1)>" not in html


def test_hostile_field_labels_and_sources_are_inert(tiny: CityData) -> None:
    sources = (*tiny.sources, tiny.sources[0].__class__("evil", "t", "p", "l", HOSTILE[1], "", ""))
    cov = coverage(tiny.areas, tiny.organisations)
    m = build_map(
        tiny.areas,
        cov,
        MapSpec(),
        orgs=tiny.organisations,
        centers=tiny.centers,
        shelters=tiny.shelters,
        catalog=tiny.catalog,
        sources=sources,
    )
    html = render(m)
    assert HOSTILE[1] not in html
    assert escape_text(HOSTILE[1]) in html


# --- basemap, attribution and legend ---------------------------------------------------------


@pytest.mark.parametrize(
    ("basemap", "url", "attribution"),
    [
        ("gsi", GSI_TILES, "出典：国土地理院"),
        ("osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "OpenStreetMap</a> contributors"),
        ("none", None, None),
    ],
)
def test_basemaps(tiny: CityData, basemap: str, url: str | None, attribution: str | None) -> None:
    m = tiny_map(tiny, MapSpec(basemap=basemap))
    tiles = children(m, folium.TileLayer)
    if url is None:
        assert tiles == []
        assert ".leaflet-container{background:#f4f3ef}" in render(m)
        return
    (layer,) = tiles
    assert layer.tiles == url
    assert attribution in layer.options["attribution"]
    if basemap == "gsi":
        assert "https://maps.gsi.go.jp/development/ichiran.html" in layer.options["attribution"]
    else:
        assert layer.options["attribution"].startswith("©")


def test_data_attributions_are_added(tiny: CityData) -> None:
    m = tiny_map(tiny)
    (attribution,) = children(m, Attribution)
    assert attribution.lines == [escape_text(x) for x in attribution_lines(tiny.sources)]
    html = render(m)
    assert "attributionControl.addAttribution" in html
    assert "※団体データはサンプル（架空）です" in html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_legend_in_words(tiny: CityData, lang: str) -> None:
    spec = MapSpec(metric="per_10k", fields=("bousai",), lang=lang)
    (legend,) = descendants(tiny_map(tiny, spec), Legend)
    assert METRIC_LABELS[lang]["per_10k"] in legend.html
    assert tiny.catalog.get("bousai").label(lang) in legend.html
    for colour in PALETTE:
        assert colour in legend.html
    assert ("空白地域" if lang == "ja" else "Gap") in legend.html


# --- determinism and size --------------------------------------------------------------------


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
    html = render(build_city_map(city, cov, MapSpec()))
    assert len(html) <= PAYLOAD_LIMIT
    assert html.count("L.circleMarker") == 4  # one loop per point layer


# --- the map in parts, as st_folium shows it -------------------------------------------------


@dataclass
class Sent:
    """What ``st_folium`` sends to its frame for one call with the parts."""

    key: str  # the component key: a new one reloads the frame
    script: str
    header: str
    html: str
    groups: list[str]  # one script per dynamic layer, swapped in place
    control: str | None
    js_links: list[str]


def replay(parts: MapParts, key: str = "map") -> Sent:
    """The steps of ``st_folium(parts.base, key=key, feature_group_to_add=…, layer_control=…)``.

    Like ``st_folium`` this changes the parts (it renames them and adds the groups to
    the base), so give it fresh ones.
    """
    m = parts.base
    m.get_root().render()
    m.render()  # type: ignore[no-untyped-call]
    html = _get_html(m)
    header = _get_header(m)
    script = _get_map_string(m)
    groups = [_get_feature_group_string(g, m, i) for i, g in enumerate(parts.layers)]
    control = None if parts.control is None else _get_layer_control_string(parts.control, m)
    js = [u for e in descendants(m, object) for _, u in getattr(e, "default_js", [])]
    return Sent(
        key=generate_js_hash(script, key, False),
        script=script,
        header=header,
        html=html,
        groups=groups,
        control=control,
        js_links=list(dict.fromkeys([u for _, u in m.default_js] + js)),
    )


def page_text(sent: Sent) -> str:
    return "\n".join([sent.script, sent.header, sent.html, *sent.groups, sent.control or ""])


#: Views that must not reload the map: each differs from the first in what it shows.
VIEWS = (
    MapSpec(),
    MapSpec(metric="per_10k", fields=("bousai",)),
    MapSpec(metric="jishubo_rate", layers=("shelters",), hazards=("flood",)),
    MapSpec(layers=(), area_id="sw"),
    MapSpec(lang="en", area_id="ne", fields=("mimamori", "npo03")),
)


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
    assert one.groups == two.groups  # the layers do not depend on the basemap


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
    assert METRIC_LABELS["ja"]["count"] in one.groups[0]
    assert METRIC_LABELS["en"]["per_10k"] in two.groups[0]
    for name in LAYER_NAMES["en"].values():
        assert htmlsafe_json_dumps(name) in (two.control or "")
    for name in LAYER_NAMES["ja"].values():
        assert htmlsafe_json_dumps(name) not in "".join(two.groups) + (two.control or "")


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
        for parent in re.findall(r"var g = (\w+);", script):
            assert parent in names
        for parent in re.findall(r"(\w+)\.bindTooltip\(", script):
            assert parent in names
        assert not re.search(r"_k[0-9a-f]{6}\d{4}", script)  # no id of the composed map
        assert "{{" not in script
    areas = sent.groups[0]
    assert "L.geoJson(" in areas
    assert "kyodo-legend" in areas
    assert 'var key = "se", bounds = [[34.0,131.02],[34.02,131.04]];' in areas
    assert "L.markerClusterGroup(" in sent.groups[LAYERS.index("civic_groups") + 1]
    assert sent.control is not None
    overlays = re.findall(r'" : (\w+),', sent.control)
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
    assert "onRemove: function () { control.remove(); return this; }" in script
    nothing = tiny_parts(tiny, MapSpec(area_id="atlantis"))
    assert nothing.focus is None
    assert descendants(nothing.layers[0], Focus)[0].bounds == "null"


def test_point_layers_are_named_groups(tiny: CityData) -> None:
    parts = tiny_parts(tiny, MapSpec(layers=("civic_groups", "shelters"), lang="en"))
    assert [g.layer_name for g in parts.layers[1:]] == [
        LAYER_NAMES["en"]["civic_groups"],
        LAYER_NAMES["en"]["shelters"],
    ]
    assert all(isinstance(g, folium.FeatureGroup) and g.control for g in parts.layers[1:])
    assert isinstance(parts.layers[1], ClusterGroup)
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


def test_base_carries_every_library(tiny: CityData) -> None:
    """Civic groups switched on later need no new script: the base loads them all."""
    sent = replay(tiny_parts(tiny, MapSpec(layers=())))
    names = [u.rsplit("/", 1)[-1] for u in sent.js_links]
    assert names == ["leaflet.js", "leaflet.markercluster.js"]
    parts = tiny_parts(tiny)
    assert len(descendants(parts.base, ClusterAssets)) == 1
    for group in parts.layers:
        assert asset_urls_of(group) == []


def asset_urls_of(element: Element) -> list[str]:
    return [
        u
        for e in [element, *descendants(element, object)]
        for attr in ("default_js", "default_css")
        for _, u in getattr(e, attr, [])
    ]


def test_base_embeds_every_library(
    tiny: CityData, asset_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaflet = asset_dir / "leaflet"
    (leaflet / "leaflet.markercluster.js").write_text("L.markerClusterGroup = 1;\n")
    (leaflet / "MarkerCluster.css").write_text(".marker-cluster{}")
    (leaflet / "MarkerCluster.Default.css").write_text(".marker-cluster-small{}")
    monkeypatch.setenv(ASSET_DIRS_ENV, str(asset_dir))
    parts = tiny_parts(tiny, MapSpec(layers=()), local_assets=True)
    urls = asset_urls(parts.base)
    assert len(urls) == 5
    assert all(u.startswith("data:") for u in urls)
    sent = replay(parts)
    assert all(u.startswith("data:") for u in sent.js_links)


def test_build_map_is_the_parts_put_together(tiny: CityData) -> None:
    spec = MapSpec(fields=("bousai",), area_id="sw")
    m = tiny_map(tiny, spec)
    parts = tiny_parts(tiny, spec)
    assert [type(c) for c in m._children.values()] == [
        *(type(c) for c in parts.base._children.values()),
        *(type(g) for g in parts.layers),
        folium.LayerControl,
    ]
    html = render(m)
    assert html.count('L.DomUtil.create("div", "kyodo-legend")') == 1
    assert "map.kyodoFocus" in html


def test_city_parts(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    parts = build_city_map_parts(city, cov, MapSpec(area_id="yuda"))
    assert len(descendants(parts.layers[0], AreaLayer)[0].data["features"]) == 21
    assert parts.focus is not None
    west, south, east, north = parts.focus
    assert west < east and south < north
    sent = replay(parts)
    assert sum(len(g) for g in sent.groups) + len(sent.script) <= PAYLOAD_LIMIT


# --- clicks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (None, None),
        ({}, None),
        ("garbage", None),
        ({"last_active_drawing": None}, None),
        ({"last_active_drawing": "yuda"}, None),
        ({"last_active_drawing": {"properties": None}}, None),
        ({"last_active_drawing": {"properties": {"area_id": 3}}}, None),
        ({"last_active_drawing": {"properties": {"area_id": ""}}}, None),
        ({"last_active_drawing": {"properties": {"name": "湯田"}}}, None),
        ({"last_active_drawing": {"type": "Feature", "properties": {"area_id": "yuda"}}}, "yuda"),
        (
            {
                "last_object_clicked": {"lat": 34.1, "lng": 131.4},
                "last_active_drawing": {"properties": {"area_id": "ogori", "name": "小郡"}},
            },
            "ogori",
        ),
        ({"last_object_clicked": {"lat": 34.1, "lng": 131.4}}, None),
    ],
)
def test_clicked_area(returned: Any, expected: str | None) -> None:
    assert clicked_area(returned) == expected


def test_clicked_area_can_require_a_known_id() -> None:
    returned = {"last_active_drawing": {"properties": {"area_id": "atlantis"}}}
    assert clicked_area(returned, known=("yuda", "ogori")) is None
    assert clicked_area(returned) == "atlantis"


# --- browser libraries -----------------------------------------------------------------------


def test_map_loads_only_leaflet_and_markercluster(tiny: CityData) -> None:
    urls = asset_urls(tiny_map(tiny))
    names = [u.rsplit("/", 1)[-1] for u in urls]
    assert names == [
        "leaflet.js",
        "leaflet.css",
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "MarkerCluster.Default.css",
    ]


@pytest.fixture()
def asset_dir(tmp_path: Path) -> Path:
    """A fake Debian-style /usr/share/javascript with Leaflet only."""
    leaflet = tmp_path / "leaflet"
    (leaflet / "images").mkdir(parents=True)
    (leaflet / "leaflet.js").write_text("window.L = {}; // </script> inside\n", encoding="utf-8")
    (leaflet / "leaflet.css").write_text(
        ".leaflet-control-layers-toggle{background-image:url(images/layers.png)}",
        encoding="utf-8",
    )
    (leaflet / "images" / "layers.png").write_bytes(b"\x89PNG fake")
    return tmp_path


def test_local_asset_lookup(asset_dir: Path) -> None:
    assert local_asset("https://cdn.example/leaflet@1.9.3/dist/leaflet.js", [asset_dir]) == (
        asset_dir / "leaflet" / "leaflet.js"
    )
    assert local_asset("https://cdn.example/leaflet.markercluster.js", [asset_dir]) is None
    assert local_asset("https://cdn.example/unknown.js", [asset_dir]) is None


def test_localise_assets_inlines_what_is_found(tiny: CityData, asset_dir: Path) -> None:
    html = render(tiny_map(tiny))
    local = localise_assets(html, [asset_dir])
    assert "leaflet@1.9.3/dist/leaflet.js" not in local
    assert "leaflet@1.9.3/dist/leaflet.css" not in local
    assert "window.L = {};" in local
    assert "<\\/script> inside" in local
    assert "data:image/png;base64," in local  # the CSS image came along
    missing = missing_assets(local, [asset_dir])
    assert [u.rsplit("/", 1)[-1] for u in missing] == [
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "MarkerCluster.Default.css",
    ]


def test_embed_assets_points_elements_at_data_uris(tiny: CityData, asset_dir: Path) -> None:
    m = tiny_map(tiny)
    missing = embed_assets(m, [asset_dir])
    assert len(missing) == 3
    urls = asset_urls(m)
    leaflet_js = next(u for u in urls if u.startswith("data:text/javascript"))
    code = base64.b64decode(leaflet_js.split(",", 1)[1]).decode()
    assert code.startswith("window.L")
    css = next(u for u in urls if u.startswith("data:text/css"))
    assert "data:image/png;base64," in base64.b64decode(css.split(",", 1)[1]).decode()
    assert embed_assets(m, [asset_dir]) == missing  # idempotent


def test_offline_notice_only_with_a_tiled_basemap(tiny: CityData) -> None:
    from geo.coverage import coverage as _coverage
    from geo.mapping import OFFLINE_NOTICE, build_city_map_parts

    cov = _coverage(tiny.areas, tiny.organisations, ())
    with_tiles = build_city_map_parts(tiny, cov, MapSpec(basemap="gsi")).base.get_root().render()
    without = build_city_map_parts(tiny, cov, MapSpec(basemap="none")).base.get_root().render()
    assert "tileerror" in with_tiles and "kyodo-offline" in with_tiles
    assert "tileerror" not in without
    assert OFFLINE_NOTICE.split("（")[0] in with_tiles


@pytest.mark.parametrize("composed", [True, False], ids=["build_map", "parts"])
def test_every_layer_is_added_to_its_parent(tiny: CityData, composed: bool) -> None:
    """Each layer variable the page defines is also added to the map or its group."""
    import re

    from geo.coverage import coverage as _coverage
    from geo.mapping import build_city_map, build_city_map_parts

    cov = _coverage(tiny.areas, tiny.organisations, ())
    spec = MapSpec(layers=("councils", "associations", "civic_groups", "shelters"))
    if composed:
        html_text = build_city_map(tiny, cov, spec).get_root().render()
        scripts = [html_text]
    else:
        import streamlit_folium as sf

        parts = build_city_map_parts(tiny, cov, spec)
        parts.base.get_root().render()
        scripts = [
            sf._get_feature_group_string(g, map=parts.base, idx=i)
            for i, g in enumerate(parts.layers)
        ]
    for script in scripts:
        defined = re.findall(r"var ((?:area_layer|point_array)\w*) =", script)
        assert defined or not composed
        for name in defined:
            assert f"{name}.addTo(" in script, name


def test_touch_base_scrolls_the_page_and_reads_large(tiny: CityData) -> None:
    from geo.coverage import coverage as _coverage
    from geo.mapping import build_city_map_parts

    cov = _coverage(tiny.areas, tiny.organisations, ())
    touch = build_city_map_parts(tiny, cov, MapSpec(touch=True)).base.get_root().render()
    pointer = build_city_map_parts(tiny, cov, MapSpec()).base.get_root().render()
    assert '"dragging": false' in touch
    assert '"dragging": false' not in pointer
    assert ".kyodo-legend{font-size:20px" in touch
    assert ".kyodo-legend{font-size:20px" not in pointer
