"""Escaping and the compact encodings of points and outlines (geo/map/encode.py)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely

from geo.coverage import coverage
from geo.map import MapSpec
from geo.map.elements import PointArray
from geo.map.encode import escape_text, shared_start
from geo.model import CityData
from tests.map_helpers import area_layer, city_map, decode_points, decode_ring


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


def test_outlines_decode_to_the_areas(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    layer = area_layer(city_map(city, cov, MapSpec(layers=())))
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


@pytest.mark.parametrize(
    ("before", "title", "expected"),
    [
        ("サンプル会001", "サンプル会002", (7, "2")),
        ("サンプル会", "サンプル会", (5, "")),
        ("サンプル", "サンプル会", (4, "会")),
        ("大殿地域", "白石地域", None),  # nothing shared
        ("ab", "ab", None),  # too short to be worth its "[n,]"
        ("abcdef", "abcdeX", (5, "X")),
        ("", "サンプル", None),
        ("サンプル", "", None),
        ("😀😀会の名前", "😀😀会の名簿", (7, "簿")),  # counted in UTF-16 units
        ("会a", "会b", None),
    ],
)
def test_a_title_is_sent_as_what_it_shares_with_the_one_before(
    before: str, title: str, expected: tuple[int, str] | None
) -> None:
    assert shared_start(before, title) == expected
    if expected is not None:  # the browser rebuilds the title from the one before
        units, rest = expected
        assert before.encode("utf-16-le")[: units * 2].decode("utf-16-le") + rest == title
