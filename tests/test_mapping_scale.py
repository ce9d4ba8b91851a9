"""Large point layers: counts per area, the points in view, thresholds, the view itself.

The tiny city (tests/support/tinycity.py) with synthetic organisations and a small budget stands
in for a national dataset: what matters is the number of points against the limit.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pytest
from branca.element import Element

import geo.mapping
from benchmarks.synthetic import synthetic_organisations
from geo.coverage import coverage
from geo.mapping import (
    AREA_LIMIT,
    COUNT_AREAS,
    COUNT_CELL,
    DEFAULT_BUDGET,
    DETAIL_ZOOM,
    MAP_WIDTH,
    POINT_LIMIT,
    VIEW_MARGIN,
    AreaCounts,
    AreaLayer,
    ClusterGroup,
    Legend,
    MapBudget,
    MapParts,
    MapSpec,
    PointArray,
    Viewport,
    area_anchors,
    areas_in_view,
    build_map,
    build_map_parts,
    count_rows,
    degrees_per_pixel,
    escape_text,
    grid_rows,
    needs_view,
    opening_zoom,
    plan_points,
    viewport_of,
)
from geo.model import CityData

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "${alert(1)}",
    "a`b`c",
)
SMALL = MapBudget(limit=30, detail_zoom=14, margin=0.0)
#: The south-west quarter of the tiny city's south-west area, at a detail zoom.
CORNER = Viewport(west=131.0, south=34.0, east=131.01, north=34.01, zoom=16)


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many(tiny: CityData) -> gpd.GeoDataFrame:
    """300 organisations over the tiny city's four areas (deterministic)."""
    return synthetic_organisations(300, tiny.areas, tiny.catalog, seed=7)


def parts_for(
    tiny: CityData,
    orgs: gpd.GeoDataFrame,
    spec: MapSpec = MapSpec(),
    *,
    view: Viewport | None = None,
    budget: MapBudget = SMALL,
    areas: gpd.GeoDataFrame | None = None,
) -> MapParts:
    shown = tiny.areas if areas is None else areas
    return build_map_parts(
        shown,
        coverage(shown, orgs, spec.fields),
        spec,
        orgs=orgs,
        centers=tiny.centers,
        shelters=tiny.shelters,
        catalog=tiny.catalog,
        sources=tiny.sources,
        view=view,
        budget=budget,
    )


def layer_element(parts: MapParts, layer: str) -> Any:
    index = 1 + MapSpec().layers.index(layer)
    (element,) = parts.layers[index]._children.values()
    return element


def render(element: Element) -> str:
    return str(element.get_root().render())


def decode_points(payload: str) -> list[tuple[float, float, str]]:
    """``(lat, lon, title)`` of each row, decoded as the page's script does."""
    data = json.loads(payload)
    out = []
    y = x = 0
    last = ""
    for row in data["r"]:
        if isinstance(row[2], str):
            title = row[2]
        else:
            units = last.encode("utf-16-le")[: 2 * row[2][0]].decode("utf-16-le")
            title = units + row[2][1]
        last = title
        y += row[0]
        x += row[1]
        out.append((y / data["k"], x / data["k"], title))
    return out


# --- settings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("limit", POINT_LIMIT),
        ("detail_zoom", DETAIL_ZOOM),
        ("margin", VIEW_MARGIN),
        ("count_areas", COUNT_AREAS),
        ("cell", COUNT_CELL),
        ("area_limit", AREA_LIMIT),
        ("map_width", MAP_WIDTH),
    ],
)
def test_every_setting_is_documented_with_its_default(name: str, default: object) -> None:
    doc = geo.mapping.__doc__ or ""
    assert getattr(DEFAULT_BUDGET, name) == default
    assert re.search(rf"``{name}``\s+{re.escape(str(default))}\s", doc), name


def test_settings_cover_every_field_of_the_budget() -> None:
    doc = geo.mapping.__doc__ or ""
    for name in MapBudget.__dataclass_fields__:
        assert f"``{name}``" in doc


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": 0},
        {"detail_zoom": 1},
        {"detail_zoom": 30},
        {"margin": -0.1},
        {"margin": 3},
        {"count_areas": 0},
        {"cell": 0},
        {"area_limit": 0},
        {"map_width": 0},
    ],
)
def test_budget_rejects_nonsense(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        MapBudget(**kwargs)


# --- the view --------------------------------------------------------------------------------


def returned(sw: tuple[Any, Any], ne: tuple[Any, Any], zoom: Any) -> dict[str, Any]:
    return {
        "bounds": {
            "_southWest": {"lat": sw[0], "lng": sw[1]},
            "_northEast": {"lat": ne[0], "lng": ne[1]},
        },
        "zoom": zoom,
        "last_active_drawing": None,
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (returned((34.0, 131.0), (34.2, 131.5), 12), Viewport(131.0, 34.0, 131.5, 34.2, 12)),
        (returned((34.0, 131.0), (34.2, 131.5), 12.7), Viewport(131.0, 34.0, 131.5, 34.2, 12)),
        (returned((34, 131), (35, 132), 30), Viewport(131.0, 34.0, 132.0, 35.0, 18)),
        (returned((-95, -200), (95, 200), 1), Viewport(-180.0, -90.0, 180.0, 90.0, 1)),
        (None, None),
        ("bounds", None),
        ({}, None),
        ({"zoom": 12}, None),
        (returned((34.0, 131.0), (34.2, 131.5), None), None),
        (returned((34.0, 131.0), (34.2, 131.5), True), None),
        (returned((34.0, 131.0), (34.2, 131.5), "12"), None),
        (returned((None, None), (None, None), 10), None),
        (returned((34.0, "131"), (34.2, 131.5), 10), None),
        (returned((34.0, math.nan), (34.2, 131.5), 10), None),
        (returned((34.2, 131.0), (34.0, 131.5), 10), None),
        ({"bounds": {"_southWest": [34, 131], "_northEast": [35, 132]}, "zoom": 10}, None),
    ],
)
def test_viewport_of(value: Any, expected: Viewport | None) -> None:
    assert viewport_of(value) == expected


def test_viewport_is_hashable_and_checked() -> None:
    assert len({CORNER, Viewport(131.0, 34.0, 131.01, 34.01, 16)}) == 1
    with pytest.raises(ValueError):
        Viewport(131.5, 34.0, 131.0, 34.2, 12)
    with pytest.raises(ValueError):
        Viewport(math.inf, 34.0, 131.0, 34.2, 12)


def test_window_widens_and_snaps_to_the_tile_grid() -> None:
    view = Viewport(131.40, 34.10, 131.60, 34.20, 12)
    west, south, east, north = view.window(0.5)
    assert west <= 131.30 and south <= 34.05 and east >= 131.70 and north >= 34.25
    step = 360 / 2**12
    for edge in (west, south, east, north):
        assert abs(edge / step - round(edge / step)) < 1e-6
    # a short pan gives the same window, so the same points and the same layer script
    nudged = Viewport(131.401, 34.1004, 131.601, 34.2004, 12)
    assert nudged.window(0.5) == view.window(0.5)
    assert Viewport(-179.9, -89.9, 179.9, 89.9, 3).window(0.5) == (-180.0, -90.0, 180.0, 90.0)


# --- which points are sent -------------------------------------------------------------------


def grid(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points on a diagonal from (131.0, 34.0) to (131.04, 34.04)."""
    steps = np.linspace(0.0, 0.04, n)
    return 131.0 + steps, 34.0 + steps


def inside(lons: np.ndarray, lats: np.ndarray, view: Viewport) -> np.ndarray:
    west, south, east, north = view.window(SMALL.margin)
    return np.flatnonzero((lons >= west) & (lons <= east) & (lats >= south) & (lats <= north))


@pytest.mark.parametrize(
    ("n", "view", "mode"),
    [
        (30, None, "points"),  # at the limit: every point
        (30, CORNER, "points"),
        (31, None, "counts"),  # one more: counted, every area
        (31, Viewport(131.0, 34.0, 131.04, 34.04, 13), "counts"),  # below detail zoom
        (31, CORNER, "in_view"),  # the points in the corner
        (200, CORNER, "counts"),  # too many in view: counted, only areas in view
    ],
)
def test_plan_points(n: int, view: Viewport | None, mode: str) -> None:
    lons, lats = grid(n)
    got_mode, positions = plan_points(lons, lats, view, SMALL)
    assert got_mode == mode
    if mode == "points" or view is None:
        assert positions.tolist() == list(range(n))
    else:
        assert positions.tolist() == inside(lons, lats, view).tolist()
        if view.zoom >= SMALL.detail_zoom:
            assert 0 < len(positions) < n
            assert (len(positions) <= SMALL.limit) == (mode == "in_view")


def test_points_without_a_place_are_never_in_view() -> None:
    lons, lats = grid(40)
    lons[:2] = np.nan
    lats[:2] = np.nan
    mode, positions = plan_points(lons, lats, CORNER, SMALL)
    assert mode == "in_view"
    assert positions.min() >= 2


def test_count_rows_count_every_point_with_a_place() -> None:
    ids = ["nw", "nw", "ne", "zz", "zz", "nw"]
    lons = np.array([131.005, 131.006, 131.03, 131.1, 131.2, np.nan])
    lats = np.array([34.03, 34.031, 34.03, 34.5, 34.7, np.nan])
    anchors = {"ne": (34.03, 131.03), "nw": (34.03, 131.01), "se": (34.01, 131.03)}
    rows = count_rows(ids, lons, lats, anchors)
    # anchors' order first, then areas without an anchor at their points' mean
    assert rows == [("ne", 34.03, 131.03, 1), ("nw", 34.03, 131.01, 2), ("zz", 34.6, 131.15, 2)]
    shown = count_rows(ids, lons, lats, anchors, shown=np.array([2]))
    assert shown == [("ne", 34.03, 131.03, 1)]


def test_anchors_lie_inside_their_areas(tiny: CityData) -> None:
    anchors = area_anchors(tiny.areas)
    for area_id, geom in zip(tiny.areas["area_id"], tiny.areas.geometry, strict=True):
        lat, lon = anchors[area_id]
        assert geom.buffer(1e-5).contains(gpd.points_from_xy([lon], [lat])[0])


@pytest.mark.parametrize(
    ("bounds", "width", "zoom"),
    [
        ((131.0, 34.0, 131.04, 34.04), 1024, 15),  # the tiny city
        ((131.2, 33.9, 131.8, 34.5), 1024, 11),  # about Yamaguchi City
        ((122.9, 24.0, 154.0, 45.6), 1024, 5),  # Japan
        ((122.9, 24.0, 154.0, 45.6), 4096, 7),
        ((-180.0, -90.0, 180.0, 90.0), 1024, 5),  # never below the map's least zoom
        ((131.0, 34.0, 131.0, 34.0), 1024, 18),  # a point: the map's most zoom
    ],
)
def test_opening_zoom(bounds: tuple[float, ...], width: int, zoom: int) -> None:
    assert opening_zoom(bounds, width) == zoom
    assert degrees_per_pixel(zoom) * 256 * 2**zoom == pytest.approx(360)


def test_grid_rows_count_every_point_once() -> None:
    rng = np.random.default_rng(3)
    lons = 131.0 + rng.random(500) * 0.04
    lats = 34.0 + rng.random(500) * 0.04
    lons[:10] = np.nan
    ids = ["a" if x < 131.02 else "b" for x in np.nan_to_num(lons, nan=131.0)]
    rows = grid_rows(ids, lons, lats, 0.01)
    assert sum(r[2] for r in rows) == 490
    assert len(rows) == 16  # a 4 x 4 grid of 0.01-degree squares
    assert [(r[0], r[1]) for r in rows] == sorted(
        [(r[0], r[1]) for r in rows], key=lambda ll: (math.floor(ll[0] / 0.01), ll[1])
    )
    for lat, lon, n, area, areas in rows:
        assert area == ("a" if lon < 131.02 else "b")
        assert areas == 1
    shown = grid_rows(ids, lons, lats, 0.01, shown=np.arange(10, 20))
    assert sum(r[2] for r in shown) == 10
    assert grid_rows(ids, lons, lats, 0.01, shown=np.arange(10)) == []


def test_grid_rows_name_the_area_most_points_are_in() -> None:
    lons = np.array([131.001, 131.002, 131.003, 131.004])
    lats = np.array([34.001, 34.002, 34.003, 34.004])
    assert grid_rows(["x", "y", "y", "x"], lons, lats, 0.01) == [
        (34.0025, 131.0025, 4, "x", 2)  # a tie: the first by id
    ]
    assert grid_rows(["x", "y", "y", "z"], lons, lats, 0.01)[0][3:] == ("y", 3)


def test_few_areas_are_sent_as_they_are(tiny: CityData) -> None:
    assert areas_in_view(tiny.areas, CORNER) is tiny.areas
    assert areas_in_view(tiny.areas, None) is tiny.areas


def test_many_areas_are_simplified_and_picked_for_the_view(tiny: CityData) -> None:
    budget = MapBudget(area_limit=3, margin=0.0)
    overview = areas_in_view(tiny.areas, None, budget)
    assert overview["area_id"].tolist() == tiny.areas["area_id"].tolist()
    corner = areas_in_view(tiny.areas, CORNER, budget)
    assert corner["area_id"].tolist() == ["sw"]
    kept = areas_in_view(tiny.areas, CORNER, budget, keep="ne")
    assert kept["area_id"].tolist() == ["ne", "sw"]
    coarse = areas_in_view(tiny.areas, Viewport(131.0, 34.0, 131.04, 34.04, 5), budget)
    assert coarse.geometry.is_valid.all() and not coarse.geometry.is_empty.any()


def test_many_areas_keep_the_classes_of_all(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    """Only the areas in view are drawn, shaded on the scale of every area."""
    whole = parts_for(tiny, many, view=CORNER, budget=MapBudget(limit=30, margin=0.0))
    picked = parts_for(
        tiny, many, view=CORNER, budget=MapBudget(limit=30, margin=0.0, area_limit=3)
    )
    (all_areas,) = [e for e in whole.layers[0]._children.values() if isinstance(e, AreaLayer)]
    (some,) = [e for e in picked.layers[0]._children.values() if isinstance(e, AreaLayer)]
    assert len(all_areas.data["features"]) == 4
    assert [f["properties"]["area_id"] for f in some.data["features"]] == ["sw"]
    assert some.styles["sw"] == all_areas.styles["sw"]
    legend = [e.html for e in whole.layers[0]._children.values() if isinstance(e, Legend)]
    assert legend == [e.html for e in picked.layers[0]._children.values() if isinstance(e, Legend)]


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


# --- the map -----------------------------------------------------------------------------------


def test_city_sized_data_needs_no_view(tiny: CityData, city: CityData) -> None:
    assert not needs_view(tiny.organisations, tiny.shelters)
    assert not needs_view(city.organisations, city.shelters)
    assert needs_view(city.organisations, city.shelters, budget=MapBudget(limit=500))
    assert needs_view(tiny.organisations, tiny.shelters, budget=MapBudget(limit=2))


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


def test_counted_civic_groups_are_not_clustered(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    parts = parts_for(tiny, many)
    group = parts.layers[1 + MapSpec().layers.index("civic_groups")]
    assert not isinstance(group, ClusterGroup)
    assert isinstance(group, folium.FeatureGroup)
    in_view = parts_for(tiny, many, view=CORNER)
    assert isinstance(in_view.layers[1 + MapSpec().layers.index("civic_groups")], ClusterGroup)


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
            build_map(
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
            build_map(
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
        for e in g._children.values()
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


def test_the_base_never_depends_on_the_view(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    first = render(parts_for(tiny, tiny.organisations, budget=DEFAULT_BUDGET).base)
    for view in (None, CORNER, Viewport(130.0, 33.0, 132.0, 35.0, 6)):
        assert render(parts_for(tiny, many, view=view).base) == first


def test_counts_script_builds_labelled_markers(tiny: CityData, many: gpd.GeoDataFrame) -> None:
    spec = MapSpec(lang="en", layers=("associations",))
    html = render(
        build_map(
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
    assert "L.divIcon" in html and "kyodo-count" in html
    assert "L.circleMarker" not in html  # no point is drawn one by one
    counts = layer_element(parts_for(tiny, many, MapSpec(lang="en")), "associations")
    assert json.loads(counts.payload)["u"] == [": ", " organisations"]
    counts_ja = layer_element(parts_for(tiny, many), "associations")
    assert json.loads(counts_ja.payload)["u"] == ["：", " 団体"]


# --- the compact point array -----------------------------------------------------------------


def test_point_rows_decode_to_coordinates_and_titles() -> None:
    rows: list[list[object]] = [
        [34.18473, 131.48699, "サンプル古熊三丁目第1自治会", 1],
        [34.18012, 131.47993, "サンプル古熊三丁目第2自治会", 1],
        [34.2, 131.5, "𠮷野の会", 2],  # a character outside the BMP: two UTF-16 units
        [34.2, 131.5, "𠮷野の会その2", 2],
        [-33.9, 151.2, "&lt;b&gt;", "x"],
        [-33.9, 151.2, "&lt;i&gt;", "y"],
    ]
    array = PointArray(rows, [], [], {})
    assert decode_points(array.payload) == [(r[0], r[1], r[2]) for r in rows]
    data = json.loads(array.payload)
    assert data["r"][1][2] == [10, "2自治会"]
    assert data["r"][3][2] == [5, "その2"]
    assert data["r"][0][3:] == [1]
