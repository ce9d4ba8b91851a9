"""Reading what the map returns: its view and the clicked area (geo/map/returned.py)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from geo.map import Viewport, clicked_area, viewport_of


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
