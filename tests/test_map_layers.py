"""The layers as objects: areas, legend, point layers, large layers, safety (geo/map/layers.py).

The tiny city (tests/tinycity.py) stands in for the city; with synthetic organisations
and a small budget it stands in for a national dataset too: what matters is the number
of points against the limit.
"""

from __future__ import annotations

import json
from collections import Counter

import folium
import geopandas as gpd
import pytest
from folium.map import Layer

from benchmarks.synthetic import synthetic_organisations
from geo.coverage import coverage
from geo.map import LAYERS, MapBudget, MapParts, MapSpec, Viewport
from geo.map.branca_compat import children as kids
from geo.map.elements import AreaCounts, AreaLayer, Legend, PointArray
from geo.map.encode import escape_text
from geo.map.layers import filter_shelters, point_style
from geo.map.legend import class_swatches
from geo.map.spec import DEFAULT_BUDGET
from geo.map.style import (
    GAP_COLOR,
    GAP_DASH,
    MUTED_FILL,
    OVERVIEW_ZOOM,
    PALETTE,
    POINT_STYLES,
)
from geo.map.wording import gap_reason, layer_name, metric_label
from geo.model import HAZARDS, CityData
from tests.map_helpers import (
    CORNER,
    HOSTILE,
    PRIVATE,
    SMALL,
    area_layer,
    children,
    city_map,
    decode_points,
    descendants,
    hostile_frames,
    layer_element,
    map_of,
    parts_for,
    point_layers,
    props,
    render,
    tiny_map,
)


@pytest.fixture(scope="module")
def many(tiny: CityData) -> gpd.GeoDataFrame:
    """300 organisations over the tiny city's four areas (deterministic)."""
    return synthetic_organisations(300, tiny.areas, tiny.catalog, seed=7)


def test_tiny_map_has_one_feature_per_area(tiny: CityData) -> None:
    m = tiny_map(tiny)
    assert sorted(props(m)) == ["ne", "nw", "se", "sw"]
    assert render(m).count('"area_id":') == 4


def test_real_map_has_21_area_features(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    m = city_map(city, cov, MapSpec())
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
        layer = area_layer(city_map(city, cov, MapSpec(metric=metric)))
        column = "total" if metric == "count" else metric
        value = dict(zip(cov["area_id"], cov[column], strict=True))
        for a in value:
            for b in value:
                if value[a] > value[b]:
                    assert layer.classes[a] >= layer.classes[b], (metric, a, b)


def test_value_and_reason_in_properties(tiny: CityData) -> None:
    spec = MapSpec(metric="count", fields=("bousai",), lang="en")
    cov = coverage(tiny.areas, tiny.organisations, spec.fields).set_index("area_id")
    p = props(tiny_map(tiny, spec))
    assert p["nw"]["name"] == "North-West"
    assert p["nw"]["value"] == "2 organisations"
    for area_id, row in cov.iterrows():
        assert p[str(area_id)]["reason"] == escape_text(gap_reason(row, "en"))
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
        c for c in kids(area_layer(tiny_map(tiny))) if isinstance(c, folium.GeoJsonTooltip)
    ]
    assert tooltip.fields == ["name", "value", "reason"]


def test_coverage_must_cover_every_area(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations).iloc[:3]
    with pytest.raises(ValueError, match="se"):
        map_of(
            tiny.areas,
            cov,
            MapSpec(),
            orgs=tiny.organisations,
            centers=tiny.centers,
            shelters=tiny.shelters,
            catalog=tiny.catalog,
        )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_legend_in_words(tiny: CityData, lang: str) -> None:
    spec = MapSpec(metric="per_10k", fields=("bousai",), lang=lang)
    (legend,) = descendants(tiny_map(tiny, spec), Legend)
    assert metric_label("per_10k", lang) in legend.html
    assert tiny.catalog.get("bousai").label(lang) in legend.html
    for colour in class_swatches():  # as the map shows them (see test_map_legend.py)
        assert colour in legend.html
    assert ("空白地域" if lang == "ja" else "Gap") in legend.html


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_layers_have_localised_names(tiny: CityData, lang: str) -> None:
    m = tiny_map(tiny, MapSpec(lang=lang))
    names = [c.layer_name for c in children(m, Layer) if c.control]
    assert names == [layer_name(layer, lang) for layer in LAYERS]
    assert len(children(m, folium.LayerControl)) == 1
    html = render(m)
    for name in names:
        assert escape_text(name) in html


def test_civic_groups_are_gathered(tiny: CityData) -> None:
    m = tiny_map(tiny)
    gathered = [a for a in descendants(m, PointArray) if a.gather is not None]
    (array,) = gathered
    group = next(g for g in children(m, Layer) if array in kids(g))
    assert group.layer_name == layer_name("civic_groups", "ja")
    assert array.gather.cell == 80 and array.gather.upto == 16
    assert array.gather.words == (escape_text(layer_name("civic_groups", "ja")) + "：", "団体")
    html = render(m)
    assert "L.markerClusterGroup(" not in html and "markercluster" not in html


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        (("shelters",), ["避難場所"]),
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
        "避難場所": 3,
    }
    assert not children(m, folium.Marker)
    for array in point_layers(m).values():
        for row in array.rows:
            assert all(len(str(x).split(".")[-1]) <= 5 for x in row[:2])


@pytest.mark.parametrize(
    ("layer", "points", "radius"),
    [
        ("associations", 621, 3.0),  # the city's: dense
        ("associations", 131, 3.0),  # those of one field (子育て支援): dense too
        ("associations", 100, None),  # no more than DENSE_POINTS: full size at every zoom
        ("shelters", 208, 3.5),
        ("councils", 21, None),  # one per area
        ("councils", 1741, 4.0),  # one per municipality of a country
        ("civic_groups", 342, None),  # gathered below the zoom their points stand apart
    ],
)
def test_dense_layers_are_drawn_small_over_the_whole_city(
    layer: str, points: int, radius: float | None
) -> None:
    style = point_style(layer, MapSpec(), points)
    small = style.get("small")
    if radius is None:
        assert small is None
        return
    assert small == {"z": OVERVIEW_ZOOM, "radius": radius, "color": "#ffffff", "weight": 0.5}
    assert radius < float(POINT_STYLES[layer]["radius"])  # type: ignore[arg-type]
    assert {k: v for k, v in style.items() if k != "small"} == POINT_STYLES[layer]


def test_the_city_map_sends_the_small_look_of_its_dense_layers(city: CityData) -> None:
    m = city_map(city, coverage(city.areas, city.organisations), MapSpec())
    sent = {name: json.loads(a.payload)["s"] for name, a in point_layers(m).items()}
    small = {name: s["small"]["radius"] for name, s in sent.items() if "small" in s}
    assert small == {layer_name("associations", "ja"): 3.0, layer_name("shelters", "ja"): 3.5}


def test_popup_lines_of_an_association(tiny: CityData) -> None:
    array = point_layers(tiny_map(tiny))["自治会・町内会"]
    payload = json.loads(array.payload)
    table = payload["t"]
    first = payload["r"][0]
    lines = [table[x] if isinstance(x, int) else x for x in payload["h"] + first[3:]]
    assert first[2] == "サンプルa-1"
    assert lines == ["自治会・町内会", "北西", "防災・減災、環境美化", "サンプル（架空の団体）"]


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        ("ja", "おおよその位置（地域交流センターの場所に表示）"),
        ("en", "Approximate place (shown at the area&#x27;s community center)"),
    ],
)
def test_a_point_at_the_areas_center_says_it_is_approximate(
    tiny: CityData, lang: str, last: str
) -> None:
    orgs = tiny.organisations.copy()
    orgs["at_center"] = orgs["org_id"] == "a-1"
    array = point_layers(tiny_map(tiny, MapSpec(lang=lang), orgs=orgs))[
        layer_name("associations", lang)
    ]
    payload = json.loads(array.payload)
    table = payload["t"]
    said = [[table[x] if isinstance(x, int) else x for x in row[3:]] for row in payload["r"]]
    assert said[0][-1] == last
    assert all(last not in lines for lines in said[1:])


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
    array = point_layers(tiny_map(tiny, MapSpec(hazards=hazards)))["避難場所"]
    names = dict(zip(tiny.shelters["shelter_id"], tiny.shelters["name"], strict=True))
    assert [row[2] for row in array.rows] == [names[s] for s in expected]


def test_filter_shelters_rejects_unknown_hazards(tiny: CityData) -> None:
    with pytest.raises(ValueError, match="meteor"):
        filter_shelters(tiny.shelters, ("meteor",))
    assert set(HAZARDS) <= set(tiny.shelters.columns)


def test_private_columns_never_reach_the_page(tiny: CityData) -> None:
    orgs = tiny.organisations.copy()
    for column, value in PRIVATE.items():
        orgs[column] = value
    for lang in ("ja", "en"):
        html = render(tiny_map(tiny, MapSpec(lang=lang), orgs=orgs))
        for value in PRIVATE.values():
            assert value not in html


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
    m = map_of(
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


def test_many_areas_keep_the_classes_of_all(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    """Only the areas in view are drawn, shaded on the scale of every area."""
    whole = parts_for(tiny, many, view=CORNER, budget=MapBudget(limit=30, margin=0.0))
    picked = parts_for(
        tiny, many, view=CORNER, budget=MapBudget(limit=30, margin=0.0, area_limit=3)
    )
    (all_areas,) = [e for e in kids(whole.layers[0]) if isinstance(e, AreaLayer)]
    (some,) = [e for e in kids(picked.layers[0]) if isinstance(e, AreaLayer)]
    assert len(all_areas.data["features"]) == 4
    assert [f["properties"]["area_id"] for f in some.data["features"]] == ["sw"]
    assert some.styles["sw"] == all_areas.styles["sw"]
    legend = [e.html for e in kids(whole.layers[0]) if isinstance(e, Legend)]
    assert legend == [e.html for e in kids(picked.layers[0]) if isinstance(e, Legend)]


def test_counts_per_square_when_many_areas_are_in_view(
    tiny: CityData, many: gpd.GeoDataFrame
) -> None:
    budget = MapBudget(limit=30, count_areas=2, cell=64)
    parts = parts_for(tiny, many, MapSpec(lang="en"), budget=budget)
    assert parts.modes["associations"] == "grid"
    counts = layer_element(parts, "associations")
    assert isinstance(counts, AreaCounts)
    data = json.loads(counts.payload)
    assert sum(row[2] for row in data["r"]) == int((many["kind"] == "association").sum())
    names = set(tiny.areas["name_en"])
    for label in data["t"]:
        assert label.removesuffix(" and others") in names
    few = parts_for(tiny, many, budget=MapBudget(limit=30, count_areas=4))
    assert few.modes["associations"] == "counts"


def test_small_layers_are_sent_whole(tiny: CityData) -> None:
    parts = parts_for(tiny, tiny.organisations, budget=DEFAULT_BUDGET)
    assert dict(parts.modes) == dict.fromkeys(MapSpec().layers, "points")


def test_counts_equal_the_points_per_area(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    parts = parts_for(tiny, many)
    assert parts.modes["associations"] == "counts"
    assert parts.modes["civic_groups"] == "counts"
    assert parts.modes["councils"] == "points"  # one per center, always whole
    for layer, kind in (("associations", "association"), ("civic_groups", "civic_group")):
        counts = layer_element(parts, layer)
        assert isinstance(counts, AreaCounts)
        data = json.loads(counts.payload)
        assert data["r"] == counts.rows
        got: dict[str, int] = {data["t"][row[3]]: row[2] for row in data["r"]}
        names = dict(zip(tiny.areas["area_id"], tiny.areas["name_ja"], strict=True))
        expected = Counter(names[a] for a in many.loc[many["kind"] == kind, "area_id"])
        assert got == dict(expected)
        assert sum(got.values()) == int((many["kind"] == kind).sum())


def test_counted_civic_groups_are_not_gathered(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    parts = parts_for(tiny, many)
    group = parts.layers[1 + MapSpec().layers.index("civic_groups")]
    assert isinstance(group, folium.FeatureGroup)
    assert descendants(group, PointArray) == []
    assert descendants(group, AreaCounts) != []
    in_view = parts_for(tiny, many, view=CORNER)
    (array,) = descendants(in_view.layers[1 + MapSpec().layers.index("civic_groups")], PointArray)
    assert array.gather is not None


def test_in_view_sends_only_the_points_in_view(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    parts = parts_for(tiny, many, view=CORNER)
    assert parts.modes["associations"] == "in_view"
    array = layer_element(parts, "associations")
    assert isinstance(array, PointArray)
    west, south, east, north = CORNER.window(SMALL.margin)
    assoc = many[many["kind"] == "association"]
    inside = assoc[assoc.geometry.x.between(west, east) & assoc.geometry.y.between(south, north)]
    assert 0 < len(inside) <= SMALL.limit
    assert [row[2] for row in array.rows] == [escape_text(n) for n in inside["name"]]
    decoded = decode_points(array.payload)
    assert [(lat, lon) for lat, lon, _ in decoded] == [(r[0], r[1]) for r in array.rows]
    assert [t for _, _, t in decoded] == [r[2] for r in array.rows]


def test_counts_in_view_keep_whole_area_counts(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    view = Viewport(131.0, 34.0, 131.01, 34.01, 17)  # the corner, below the detail zoom
    budget = MapBudget(limit=30, detail_zoom=18, margin=0.0)
    counts = layer_element(parts_for(tiny, many, view=view, budget=budget), "associations")
    assert isinstance(counts, AreaCounts)
    assoc = many[many["kind"] == "association"]
    assert [row[2] for row in counts.rows] == [int((assoc["area_id"] == "sw").sum())]


def test_hostile_area_names_in_counts_are_inert(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    areas = tiny.areas.copy()
    areas["name_ja"] = list(HOSTILE)
    areas["name_en"] = list(HOSTILE)
    for lang in ("ja", "en"):
        parts = parts_for(tiny, many, MapSpec(lang=lang), areas=areas)
        counts = layer_element(parts, "associations")
        assert isinstance(counts, AreaCounts)
        payload = counts.payload
        for text in HOSTILE:
            assert text not in payload
        assert set(json.loads(payload)["t"]) <= {escape_text(t) for t in HOSTILE}
        html = render(
            map_of(
                areas,
                coverage(areas, many),
                MapSpec(lang=lang),
                orgs=many,
                centers=tiny.centers,
                shelters=tiny.shelters,
                catalog=tiny.catalog,
                budget=SMALL,
            )
        )
        for text in HOSTILE:
            assert text not in html
        assert "onerror=alert(1)>" not in html


def test_private_columns_never_reach_counts_or_points_in_view(
    tiny: CityData, many: gpd.GeoDataFrame
) -> None:
    orgs = many.copy()
    private = {"representative": "山田太郎", "phone": "090-1234-5678", "email": "x@example.com"}
    for column, value in private.items():
        orgs[column] = value
    for view in (None, CORNER):
        html = render(
            map_of(
                tiny.areas,
                coverage(tiny.areas, orgs),
                MapSpec(),
                orgs=orgs,
                centers=tiny.centers,
                shelters=tiny.shelters,
                catalog=tiny.catalog,
                view=view,
                budget=SMALL,
            )
        )
        for value in private.values():
            assert value not in html


def payloads(parts: MapParts) -> list[str]:
    return [
        str(getattr(e, "payload", ""))
        for g in parts.layers
        for e in kids(g)
        if isinstance(e, PointArray | AreaCounts)
    ]


def test_same_inputs_give_identical_layers(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    for view in (None, CORNER):
        a = parts_for(tiny, many, view=view)
        b = parts_for(tiny, many, view=view)
        assert a.modes == b.modes
        assert payloads(a) == payloads(b)
        assert render(a.base) == render(b.base)


def test_a_short_pan_sends_the_same_points(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    budget = MapBudget(limit=30, detail_zoom=14, margin=0.5)
    nudged = Viewport(131.0002, 34.0001, 131.0102, 34.0101, 16)
    a = layer_element(parts_for(tiny, many, view=CORNER, budget=budget), "associations")
    b = layer_element(parts_for(tiny, many, view=nudged, budget=budget), "associations")
    assert a.payload == b.payload


def test_counts_script_builds_labelled_markers(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    spec = MapSpec(lang="en", layers=("associations",))
    html = render(
        map_of(
            tiny.areas,
            coverage(tiny.areas, many),
            spec,
            orgs=many,
            centers=tiny.centers,
            shelters=tiny.shelters,
            catalog=tiny.catalog,
            budget=SMALL,
        )
    )
    assert "L.kyodo.counts(" in html  # labelled markers (L.divIcon "kyodo-count")
    assert "L.kyodo.points(" not in html  # no point is drawn one by one
    counts = layer_element(parts_for(tiny, many, MapSpec(lang="en")), "associations")
    assert json.loads(counts.payload)["u"] == [": ", " organisations"]
    assert json.loads(counts.payload)["u1"] == [": ", " organisation"]  # a count of 1
    counts_ja = layer_element(parts_for(tiny, many), "associations")
    assert json.loads(counts_ja.payload)["u"] == ["：", "団体"]
    assert "u1" not in json.loads(counts_ja.payload)  # the same words for 1


def test_an_area_of_unknown_coverage_is_greyed_and_told(tiny: CityData) -> None:
    """南東 has no association, so no member households tell its 活動カバー率: it was
    0.0 %, in the lowest class, and flagged under the national rate."""
    m = tiny_map(tiny, MapSpec(metric="jishubo_rate", fields=("kosodate",)))
    assert props(m)["se"]["value"] == "データなし"
    styles = area_layer(m).styles
    assert styles["se"]["fillColor"] == MUTED_FILL != styles["ne"]["fillColor"]
    assert "kyodo-gap" not in str(styles["se"].get("className", ""))
    assert "データなし（自治会・町内会の加入世帯数が不明）" in render(m)  # its legend row
    known = tiny_map(tiny, MapSpec(metric="count", fields=("kosodate",)))
    assert "加入世帯数が不明" not in render(known)


@pytest.mark.parametrize(
    ("fields", "metric", "lang"),
    [
        ((), "count", "ja"),
        (("bousai",), "jishubo_rate", "ja"),
        (("kosodate",), "per_10k", "en"),
        (("npo11", "mimamori"), "count", "en"),
    ],
)
def test_each_areas_value_and_reason_are_its_rows(
    city: CityData, fields: tuple[str, ...], metric: str, lang: str
) -> None:
    """The areas' properties, read a column at a time, are those of each area's row of
    the coverage (read a row at a time), on the bundled data."""
    from geo.map.classes import format_value, metric_column

    spec = MapSpec(metric=metric, fields=fields, lang=lang)
    cov = coverage(city.areas, city.organisations, fields)
    p = props(city_map(city, cov, spec))
    column = metric_column(metric)
    for area_id, row in cov.set_index("area_id").iterrows():
        assert p[str(area_id)]["reason"] == escape_text(gap_reason(row, lang))
        value = format_value(float(row[column]), metric, lang)
        assert p[str(area_id)]["value"] == escape_text(value)


def test_an_area_missing_from_the_coverage_is_named() -> None:
    import pandas as pd

    from geo.map.layers import _cells

    frame = pd.DataFrame({"total": [1, 2]}, index=pd.Index(["a", "b"], name="area_id"))
    assert _cells(frame, ["b", "a"], ("total", "total")) == [{"total": 2}, {"total": 1}]
    with pytest.raises(KeyError, match="'c'"):
        _cells(frame, ["a", "c"], ("total",))
