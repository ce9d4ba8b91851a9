"""Which areas share a boundary (geo.spatial.neighbours), on the bundled city and on
areas drawn in several parts."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.crs import to_projected
from geo.model import CityData
from geo.profile import area_profile
from geo.spatial import neighbours
from tests.support.tinycity import TINY

#: Each area of the bundled city and the areas sharing a stretch of its boundary.
EXPECTED = {
    "odono": ("miyano", "ouchi", "shiraishi", "yoshiki", "yuda"),
    "shiraishi": ("hirakawa", "odono", "ouchi", "yuda"),
    "yuda": ("hirakawa", "odono", "otoshi", "shiraishi", "yoshiki"),
    "niho": ("ato", "miyano", "osaba", "ouchi", "tokuji"),
    "osaba": ("niho", "ouchi", "suzenji"),
    "ouchi": ("hirakawa", "miyano", "niho", "odono", "osaba", "shiraishi", "suzenji"),
    "miyano": ("ato", "niho", "odono", "ouchi"),
    "yoshiki": ("odono", "ogori", "otoshi", "yuda"),
    "hirakawa": ("ogori", "otoshi", "ouchi", "shiraishi", "sue", "suzenji", "yuda"),
    "otoshi": ("hirakawa", "ogori", "yoshiki", "yuda"),
    "sue": ("hirakawa", "natajima", "ogori", "suzenji"),
    "suzenji": ("aio-futajima", "hirakawa", "natajima", "osaba", "ouchi", "sue"),
    "natajima": ("aio-futajima", "kagawa", "ogori", "sue", "suzenji"),
    "aio-futajima": ("aio", "natajima", "suzenji"),
    "kagawa": ("natajima", "ogori", "sayama"),
    "sayama": ("ajisu", "kagawa"),
    "ogori": ("hirakawa", "kagawa", "natajima", "otoshi", "sue", "yoshiki"),
    "aio": ("aio-futajima",),
    "ajisu": ("sayama",),
    "tokuji": ("ato", "niho"),
    "ato": ("miyano", "niho", "tokuji"),
}


@pytest.fixture(scope="module")
def adjacent(city: CityData) -> dict[str, tuple[str, ...]]:
    return neighbours(city.areas)


@pytest.mark.parametrize(("area_id", "expected"), sorted(EXPECTED.items()))
def test_each_areas_neighbours(
    adjacent: dict[str, tuple[str, ...]], area_id: str, expected: tuple[str, ...]
) -> None:
    assert adjacent[area_id] == expected


def test_adjacency_is_symmetric_and_covers_every_area(
    city: CityData, adjacent: dict[str, tuple[str, ...]]
) -> None:
    assert sorted(adjacent) == sorted(city.areas["area_id"])
    for area_id, near in adjacent.items():
        assert area_id not in near
        for other in near:
            assert area_id in adjacent[other], (area_id, other)


def _in_two_parts(areas: gpd.GeoDataFrame, area_id: str) -> gpd.GeoDataFrame:
    """``areas`` with ``area_id`` drawn as two rows, its west and east halves."""
    row = areas[areas["area_id"] == area_id]
    geom = row.geometry.iloc[0]
    west, south, east, north = geom.bounds
    middle = (west + east) / 2
    halves = [
        shapely.intersection(geom, shapely.box(west - 1, south - 1, middle, north + 1)),
        shapely.intersection(geom, shapely.box(middle, south - 1, east + 1, north + 1)),
    ]
    parts = gpd.GeoDataFrame(
        pd.concat([row, row], ignore_index=True).drop(columns="geometry"),
        geometry=halves,
        crs=areas.crs,
    )
    rest = areas[areas["area_id"] != area_id]
    return gpd.GeoDataFrame(pd.concat([rest, parts], ignore_index=True), crs=areas.crs)


@pytest.mark.parametrize("area_id", ["ogori", "hirakawa"])
def test_an_area_in_two_parts_is_counted_once(
    city: CityData, adjacent: dict[str, tuple[str, ...]], area_id: str
) -> None:
    split = _in_two_parts(city.areas, area_id)
    assert (split["area_id"] == area_id).sum() == 2
    found = neighbours(split)
    assert found == adjacent
    for other in EXPECTED[area_id]:
        assert found[other].count(area_id) == 1


@pytest.mark.parametrize("area_id", ["odono", "aio"])
def test_areas_drawn_as_multipolygons_are_one_area(city: CityData, area_id: str) -> None:
    geom = to_projected(city.areas).set_index("area_id").geometry[area_id]
    assert len(getattr(geom, "geoms", [geom])) == 2
    adjacent = neighbours(city.areas)
    for other in EXPECTED[area_id]:
        assert adjacent[other].count(area_id) == 1


@pytest.mark.parametrize(
    ("area_id", "expected"),
    [("nw", ("ne", "sw")), ("ne", ("nw", "se")), ("sw", ("nw", "se")), ("se", ("ne", "sw"))],
)
def test_corners_are_not_neighbours(
    tiny: CityData, area_id: str, expected: tuple[str, ...]
) -> None:
    assert neighbours(tiny.areas)[area_id] == expected


def test_the_profile_lists_neighbours_in_the_citys_order(city: CityData) -> None:
    prof = area_profile(city, "ogori")
    assert [n.area_id for n in prof.neighbours] == [
        "yoshiki",
        "hirakawa",
        "otoshi",
        "sue",
        "natajima",
        "kagawa",
    ]
    assert [n.name_ja for n in prof.neighbours] == ["吉敷", "平川", "大歳", "陶", "名田島", "嘉川"]


def test_a_neighbours_needs_are_its_own_profile(tiny: CityData) -> None:
    nw = area_profile(tiny, "nw", city=TINY)
    ne = area_profile(tiny, "ne", city=TINY)
    (near,) = [n for n in nw.neighbours if n.area_id == "ne"]
    assert near.needs == ne.needs
