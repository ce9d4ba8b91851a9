"""Area names on the map: where they go, what they say, in which language (geo/map/labels.py)."""

from __future__ import annotations

import itertools
import math
import re

import geopandas as gpd
import pytest
import shapely

from geo.coverage import coverage
from geo.map import MapBudget, MapSpec
from geo.map.classes import label_value
from geo.map.elements import AreaLabels
from geo.map.encode import escape_text
from geo.map.labels import SPOT_DECIMALS, SPOT_SCALE, label_points, label_rows, name_spots
from geo.model import CityData
from tests.map_helpers import HOSTILE, city_parts, descendants, hostile_frames, tiny_parts

#: Japanese script: kana and kanji.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _labels(parts_layers: object) -> AreaLabels | None:
    found = descendants(parts_layers, AreaLabels)  # type: ignore[arg-type]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("shape", "wrong"),
    [
        # two parts: a large square and a small one far away; the centroid lies between
        (
            shapely.MultiPolygon(
                [shapely.box(131.0, 34.0, 131.1, 34.1), shapely.box(131.5, 34.0, 131.52, 34.02)]
            ),
            "centroid between the parts",
        ),
        # a U: the centroid lies in the gap between its arms
        (
            shapely.box(131.0, 34.0, 131.3, 34.3).difference(shapely.box(131.1, 34.1, 131.2, 34.3)),
            "centroid outside",
        ),
    ],
)
def test_a_name_goes_well_inside_the_largest_part(shape: shapely.Geometry, wrong: str) -> None:
    ((lat, lon),) = label_points([shape])
    where = shapely.Point(lon, lat)
    largest = max(shapely.get_parts(shape), key=lambda p: p.area)
    assert largest.contains(where), wrong
    assert not shape.contains(shape.centroid) or shape.centroid.distance(where) > 0.01
    # well inside: far from the edge compared with the part's size
    assert largest.exterior.distance(where) >= 0.3 * (largest.bounds[2] - largest.bounds[0]) / 2


def test_every_city_name_goes_inside_its_area(city: CityData) -> None:
    points = label_points(city.areas.geometry.values)
    for (area_id, geom), (lat, lon) in zip(
        zip(city.areas["area_id"], city.areas.geometry, strict=True), points, strict=True
    ):
        parts = shapely.get_parts(geom)
        largest = max(parts, key=lambda p: p.area)
        assert largest.contains(shapely.Point(lon, lat)), area_id
    # the areas drawn in two parts are named in their larger part, not between the parts
    two = city.areas[[len(shapely.get_parts(g)) > 1 for g in city.areas.geometry]]
    assert len(two) >= 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_area_is_named_in_the_map_language(city: CityData, lang: str) -> None:
    cov = coverage(city.areas, city.organisations)
    parts = city_parts(city, cov, MapSpec(lang=lang))
    labels = _labels(parts.layers[0])
    assert labels is not None
    column = "name_en" if lang == "en" else "name_ja"
    assert sorted(str(r[2]) for r in labels.rows) == sorted(
        escape_text(n) for n in city.areas[column]
    )
    assert len(labels.rows) == 21
    names = "".join(str(r[2]) for r in labels.rows)
    assert bool(JAPANESE.search(names)) is (lang == "ja")
    assert all(r[3] == "" and r[4] == 0 for r in labels.rows)
    assert parts.base.get_root().render().count("L.kyodo.labels(") == 0  # not in the base


def test_names_come_smallest_area_first(city: CityData) -> None:
    rows = label_rows(city.areas, {a: a for a in city.areas["area_id"]}, None, frozenset({"ato"}))
    local = city.areas.to_crs(6671)  # JGD2011 plane zone III: metres
    largest = {
        a: max(shapely.get_parts(g), key=lambda p: p.area).area
        for a, g in zip(local["area_id"], local.geometry, strict=True)
    }
    order = [str(r[2]) for r in rows]
    assert [largest[a] for a in order] == sorted(largest[a] for a in order)
    assert order[:3] == sorted(order[:3], key=largest.__getitem__)
    assert {str(r[2]) for r in rows if r[4]} == {"ato"}


@pytest.mark.parametrize("metric", ["count", "per_10k"])
def test_values_under_the_names_in_few_words(city: CityData, metric: str) -> None:
    cov = coverage(city.areas, city.organisations)
    parts = city_parts(city, cov, MapSpec(metric=metric, label_values=True, lang="en"))
    labels = _labels(parts.layers[0])
    assert labels is not None
    by_name = dict(zip(city.areas["name_en"], city.areas["area_id"], strict=True))
    column = "total" if metric == "count" else metric
    values = cov.set_index("area_id")[column]
    for row in labels.rows:
        area_id = by_name[str(row[2])]
        assert row[3] == escape_text(label_value(float(values[area_id]), metric, "en"))
    if metric == "count":
        assert all(str(row[3]).endswith(" groups") for row in labels.rows)


def test_no_names_when_asked_or_when_too_many(tiny: CityData) -> None:
    assert _labels(tiny_parts(tiny, MapSpec(labels=False)).layers[0]) is None
    assert _labels(tiny_parts(tiny, MapSpec()).layers[0]) is not None
    many = MapBudget(count_areas=3)  # four areas drawn: more than can be read
    cov = coverage(tiny.areas, tiny.organisations, ())
    parts = city_parts(tiny, cov, MapSpec(), budget=many)
    assert _labels(parts.layers[0]) is None


def test_hostile_names_are_escaped_in_the_labels(tiny: CityData) -> None:
    parts = tiny_parts(tiny, MapSpec(label_values=True), **hostile_frames(tiny))
    labels = _labels(parts.layers[0])
    assert labels is not None
    assert sorted(str(r[2]) for r in labels.rows) == sorted(escape_text(h) for h in HOSTILE)
    for raw in ("<img", "</script>", "${alert(1)}"):
        assert raw not in labels.payload


def test_label_points_are_cached_and_stable(city: CityData) -> None:
    first = label_points(city.areas.geometry.values)
    again = label_points(gpd.GeoSeries(list(city.areas.geometry)).values)
    assert first == again
    assert all(round(v, 5) == v for p in first for v in p)


@pytest.mark.parametrize(
    ("shape", "parts"),
    [
        # two parts far apart: both get places for the name
        (
            shapely.MultiPolygon(
                [shapely.box(131.0, 34.0, 131.1, 34.1), shapely.box(131.3, 34.0, 131.36, 34.06)]
            ),
            2,
        ),
        # a U: places in both arms and the base, none in the gap
        (
            shapely.box(131.0, 34.0, 131.3, 34.3).difference(shapely.box(131.1, 34.1, 131.2, 34.3)),
            1,
        ),
        # a sliver narrower than a third of a step everywhere: no place
        (shapely.box(131.0, 34.0, 131.3, 34.001), 0),
    ],
)
def test_other_places_for_a_name_lie_well_inside_every_part(
    shape: shapely.Geometry, parts: int
) -> None:
    spots = name_spots(shape)
    points = [shapely.Point(lon, lat) for lat, lon in spots]
    assert all(shape.contains(p) for p in points)
    reached = {
        i for i, part in enumerate(shapely.get_parts(shape)) for p in points if part.contains(p)
    }
    assert len(reached) == parts
    # the most inward first, in metres' proportions (longitudes by the latitude's cosine)
    k = math.cos(math.radians(shape.centroid.y))
    local = shapely.transform(shape, lambda c: c * [k, 1.0])
    depths = [local.boundary.distance(shapely.Point(p.x * k, p.y)) for p in points]
    assert all(a >= b - 1e-3 for a, b in itertools.pairwise(depths)), depths
    assert all(round(v, SPOT_DECIMALS) == v for spot in spots for v in spot)


def test_every_city_area_has_other_places_inside_it(city: CityData) -> None:
    rows = label_rows(city.areas, {a: a for a in city.areas["area_id"]})
    by_id = dict(zip(city.areas["area_id"], city.areas.geometry, strict=True))
    for row in rows:
        lat, lon, area_id, flat = row[0], row[1], row[2], row[5]
        assert isinstance(flat, list) and flat and len(flat) % 2 == 0, area_id
        assert all(isinstance(v, int) for v in flat)  # whole steps from the name's point
        spots = [
            (lat + flat[i] / SPOT_SCALE, lon + flat[i + 1] / SPOT_SCALE)
            for i in range(0, len(flat), 2)
        ]
        geom = by_id[str(area_id)]
        assert all(geom.buffer(1e-4).contains(shapely.Point(x, y)) for y, x in spots), area_id
