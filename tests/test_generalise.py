"""Spikes and cracks left by simplifying the areas: cut off or filled, never overlapping."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo.crs import PROJECTED
from geo.generalise import SPIKE_MAX_ANGLE_DEG, drop_spikes, sharpest_angle
from tests.conftest import ROOT

SQUARE = [(0, 0), (1000, 0), (1000, 1000), (0, 1000)]
#: A 600 m needle off the square's right side, 10 m wide at its base.
SPIKE = [(0, 0), (1000, 0), (1000, 495), (1600, 500), (1000, 505), (1000, 1000), (0, 1000)]
#: A 600 m crack into the square's right side, 10 m wide at its mouth.
CRACK = [(0, 0), (1000, 0), (1000, 495), (400, 500), (1000, 505), (1000, 1000), (0, 1000)]
#: A 30° corner: sharp, but a real shape.
WEDGE = [(0, 0), (1000, 0), (0, 577)]


@pytest.mark.parametrize(
    ("ring", "expected_area", "expected_vertices"),
    [
        pytest.param(SPIKE, 1_000_000, 6, id="outward spike cut off"),
        pytest.param(CRACK, 1_000_000, 6, id="empty crack filled"),
        pytest.param(SQUARE, 1_000_000, 4, id="square kept"),
        pytest.param(WEDGE, 288_500, 3, id="30 degree corner kept"),
    ],
)
def test_a_lone_polygon(
    ring: list[tuple[int, int]], expected_area: int, expected_vertices: int
) -> None:
    (cleaned,) = drop_spikes([shapely.Polygon(ring)])
    assert cleaned.area == pytest.approx(expected_area, abs=1)
    assert len(cleaned.exterior.coords) - 1 == expected_vertices
    assert cleaned.is_valid


def test_a_crack_holding_a_neighbour_is_not_filled() -> None:
    neighbour = shapely.Polygon([(450, 500), (1000, 496), (1000, 504)])
    cracked, inside = drop_spikes([shapely.Polygon(CRACK), neighbour])
    assert cracked.equals(shapely.Polygon(CRACK))
    assert inside.equals(neighbour)
    assert shapely.coverage_is_valid([cracked, inside])


def test_each_part_of_a_multipolygon_and_other_types() -> None:
    far = shapely.Polygon([(x + 5000, y) for x, y in SPIKE])
    parts, line = drop_spikes(
        [shapely.MultiPolygon([shapely.Polygon(SPIKE), far]), shapely.LineString(SQUARE)]
    )
    assert [round(p.area) for p in parts.geoms] == [1_000_000, 1_000_000]
    assert line.equals(shapely.LineString(SQUARE))


def test_the_shipped_areas_have_no_spike_and_do_not_overlap() -> None:
    areas = gpd.read_file(ROOT / "data" / "yamaguchi" / "areas.geojson").to_crs(PROJECTED)
    sharpest = {name: sharpest_angle(g) for name, g in zip(areas.name_ja, areas.geometry)}
    assert min(sharpest.values()) >= SPIKE_MAX_ANGLE_DEG, sorted(
        sharpest.items(), key=lambda x: x[1]
    )[:3]
    assert shapely.coverage_is_valid(areas.geometry.values)
