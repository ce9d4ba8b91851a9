"""Spatial queries of the registry: the same answers from PostGIS and from shapely.

Every expectation is worked out here from the stored points with GeoPandas, including
points exactly on an area's boundary and on the corner of all four tiny areas.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
import sqlalchemy as sa

from geo.city import YAMAGUCHI
from geo.crs import WGS84
from geo.registry.analytics import RegistryAnalytics
from geo.registry.store import Store
from tests.support.backends import Backend
from tests.support.registry_files import tiny_store

FILTERS = [
    pytest.param(None, None, id="all"),
    pytest.param({"association"}, None, id="associations"),
    pytest.param(None, {"bousai"}, id="bousai"),
    pytest.param({"civic_group", "council"}, {"npo08", "npo03"}, id="kinds-and-fields"),
    pytest.param(set(), None, id="no-kind"),
]


@pytest.fixture
def store(backend: Backend, tiny_dir: Path) -> Iterator[Store]:
    """The tiny registry with organisations on an edge and on the corner of all four
    areas (exact vertex coordinates), and one retired organisation."""
    with tiny_store(backend, tiny_dir) as s:
        nw = s.reference.areas.set_index("area_id").geometry["nw"]
        xs, ys = nw.exterior.coords.xy
        corner = (max(xs), min(ys))  # shared by nw, ne, sw and se
        edge = (max(xs), max(ys) - (max(ys) - min(ys)) / 2)  # on the nw | ne border
        base = s.get("g-3").record
        for org_id, (lon, lat) in {"g-corner": corner, "g-edge": edge}.items():
            s.add({**base, "org_id": org_id, "lon": repr(lon), "lat": repr(lat)}, who="t")
        s.retire("a-4", expected_version=1, who="t")
        yield s


def _points(store: Store, kinds: set[str] | None, fields: set[str] | None) -> gpd.GeoDataFrame:
    """Active organisations' stored points (full precision), filtered like the store."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT o.id, o.kind, l.longitude, l.latitude FROM organization o "
                "JOIN location l ON l.jis_code = o.jis_code AND l.organization_id = o.id "
                "WHERE o.jis_code = :jis AND o.status = 'active' ORDER BY o.seq"
            ),
            {"jis": store.jis_code},
        ).all()
    terms = {s.org_id: set(s.record["fields"].split(";")) for s in store.records()}
    kept = [
        r
        for r in rows
        if (kinds is None or r.kind in kinds) and (fields is None or terms[r.id] & fields)
    ]
    return gpd.GeoDataFrame(
        {"org_id": [r.id for r in kept]},
        geometry=gpd.points_from_xy([r.longitude for r in kept], [r.latitude for r in kept]),
        crs=WGS84,
    )


def _shapely_too(store: Store) -> RegistryAnalytics:
    """Questions about ``store`` answered with shapely (as on SQLite)."""
    return RegistryAnalytics(store, spatial_engine="shapely")


def test_the_engine_is_postgis_on_postgresql(store: Store, backend: Backend) -> None:
    assert RegistryAnalytics(store).spatial_engine == (
        "shapely" if backend.is_sqlite else "postgis"
    )
    with pytest.raises(ValueError, match="unknown spatial engine"):
        RegistryAnalytics(store, spatial_engine="oracle")


@pytest.mark.parametrize(("kinds", "fields"), FILTERS)
def test_counts_per_area(store: Store, kinds: set[str] | None, fields: set[str] | None) -> None:
    areas = store.reference.areas
    points = _points(store, kinds, fields)
    expected = pd.Series(
        [int(points.covered_by(g).sum()) for g in areas.geometry],
        index=pd.Index(list(areas["area_id"]), name="area_id"),
        name="organisations",
        dtype="int64",
    )
    found = RegistryAnalytics(store).counts_per_area(kinds=kinds, fields=fields)
    pd.testing.assert_series_equal(found, expected)
    if kinds is None and fields is None:
        assert expected.sum() > len(points)  # the edge and corner points count twice and 4x
    found = _shapely_too(store).counts_per_area(kinds=kinds, fields=fields)
    pd.testing.assert_series_equal(found, expected)


def test_counts_for_other_areas_in_any_crs(store: Store) -> None:
    areas = store.reference.areas
    halves = gpd.GeoDataFrame(
        {"area_id": ["west", "east", "nowhere"]},
        geometry=[
            shapely.union(*areas.set_index("area_id").geometry[["nw", "sw"]]),
            shapely.union(*areas.set_index("area_id").geometry[["ne", "se"]]),
            shapely.box(140.0, 40.0, 140.1, 40.1),
        ],
        crs=WGS84,
    )
    points = _points(store, None, None)
    expected = [int(points.covered_by(g).sum()) for g in halves.geometry]
    analytics = RegistryAnalytics(store)
    assert analytics.counts_per_area(halves).tolist() == expected
    assert analytics.counts_per_area(halves.to_crs("EPSG:6671")).tolist() == expected
    assert expected[2] == 0
    with pytest.raises(ValueError, match="unique"):
        analytics.counts_per_area(pd.concat([halves, halves]))


@pytest.mark.parametrize(("kinds", "fields"), FILTERS)
@pytest.mark.parametrize("area", ["nw", "se", "west-half"])
def test_points_in_area(
    store: Store, area: str, kinds: set[str] | None, fields: set[str] | None
) -> None:
    by_id = store.reference.areas.set_index("area_id").geometry
    shape = shapely.union(by_id["nw"], by_id["sw"]) if area == "west-half" else by_id[area]
    points = _points(store, kinds, fields)
    expected = points.loc[points.covered_by(shape), "org_id"].tolist()
    assert RegistryAnalytics(store).points_in_area(shape, kinds=kinds, fields=fields) == expected
    if kinds is None and fields is None:
        assert "g-corner" in expected
    assert _shapely_too(store).points_in_area(shape, kinds=kinds, fields=fields) == expected


@pytest.mark.parametrize(("kinds", "fields"), FILTERS)
def test_ids_within_bounds(store: Store, kinds: set[str] | None, fields: set[str] | None) -> None:
    points = _points(store, kinds, fields)
    with store.engine.connect() as conn:
        lon, lat = conn.execute(
            sa.text("SELECT longitude, latitude FROM location WHERE organization_id = 'g-corner'")
        ).one()
    for west, south, east, north in [
        (130.0, 33.0, 132.0, 35.0),  # everything
        (lon, lat, 131.04, 34.04),  # the corner point on the bounds' edge
        (131.0, 34.0, lon, lat),
        (135.0, 35.0, 135.1, 35.1),  # nothing
    ]:
        inside = (
            (points.geometry.x >= west)
            & (points.geometry.x <= east)
            & (points.geometry.y >= south)
            & (points.geometry.y <= north)
        )
        expected = points.loc[inside, "org_id"].tolist()
        found = RegistryAnalytics(store).ids_within_bounds(
            west, south, east, north, kinds=kinds, fields=fields
        )
        assert found == expected, (west, south, east, north)
        if kinds is None and fields is None and west == lon:
            assert "g-corner" in found


def test_empty_bounds_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="empty bounds"):
        RegistryAnalytics(store).ids_within_bounds(131.1, 34.0, 131.0, 34.1)


def test_another_city_in_the_same_database_is_not_counted(
    store: Store, backend: Backend, tiny_dir: Path
) -> None:
    with Store.open(backend.url(), city=YAMAGUCHI) as yamaguchi:
        found = RegistryAnalytics(yamaguchi).ids_within_bounds(130.0, 33.0, 132.0, 35.0)
        assert len(found) == len(yamaguchi.records())
    found = RegistryAnalytics(store).ids_within_bounds(130.0, 33.0, 132.0, 35.0)
    assert found == _points(store, None, None)["org_id"].tolist()
