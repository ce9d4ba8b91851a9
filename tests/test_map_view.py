"""The view and the plan of each point layer (geo/map/view.py)."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest

from geo.map.spec import MapBudget
from geo.map.view import (
    Count,
    ViewPlan,
    Viewport,
    area_anchors,
    areas_in_view,
    count_rows,
    degrees_per_pixel,
    grid_rows,
    needs_view,
    opening_zoom,
    plan_layer,
    plan_points,
)
from geo.model import CityData
from tests.map_helpers import CORNER, SMALL, grid


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


def test_city_sized_data_needs_no_view(tiny: CityData, city: CityData) -> None:
    assert not needs_view(tiny.organisations, tiny.shelters)
    assert not needs_view(city.organisations, city.shelters)
    assert needs_view(city.organisations, city.shelters, budget=MapBudget(limit=500))
    assert needs_view(tiny.organisations, tiny.shelters, budget=MapBudget(limit=2))


# --- the plan of one layer -------------------------------------------------------------------

ANCHORS = {"sw": (34.005, 131.005), "ne": (34.035, 131.035)}


def no_anchors() -> dict[str, tuple[float, float]]:
    raise AssertionError("anchors are asked for only when counting per area")


@pytest.mark.parametrize(
    ("n", "view", "mode"),
    [
        (30, None, "points"),
        (31, CORNER, "in_view"),
    ],
)
def test_plan_layer_draws_points_without_counting(n: int, view: Viewport | None, mode: str) -> None:
    lons, lats = grid(n)
    plan = ViewPlan(view, SMALL, 16)
    planned = plan_layer(["sw"] * n, lons, lats, plan, no_anchors)
    assert planned.mode == mode
    assert planned.counts == ()
    assert planned.positions.tolist() == plan_points(lons, lats, view, SMALL)[1].tolist()


def test_plan_layer_counts_per_area_with_the_anchors() -> None:
    lons, lats = grid(40)
    ids = ["sw"] * 20 + ["ne"] * 20
    planned = plan_layer(ids, lons, lats, ViewPlan(None, SMALL, 15), lambda: ANCHORS)
    assert planned.mode == "counts"
    assert planned.counts == (Count(34.005, 131.005, 20, "sw"), Count(34.035, 131.035, 20, "ne"))


def test_plan_layer_counts_per_square_with_many_areas() -> None:
    lons, lats = grid(40)
    ids = [f"a{i % 4}" for i in range(40)]  # four areas mixed along the diagonal
    budget = MapBudget(limit=30, count_areas=3, cell=64)
    planned = plan_layer(ids, lons, lats, ViewPlan(None, budget, 15), no_anchors)
    assert planned.mode == "grid"
    cell = 64 * degrees_per_pixel(15)
    expected = grid_rows(ids, lons, lats, cell)
    assert planned.counts == tuple(Count(y, x, n, a, k > 1) for y, x, n, a, k in expected)
    assert sum(c.n for c in planned.counts) == 40
    assert any(c.several for c in planned.counts)
