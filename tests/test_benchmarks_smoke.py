"""The benchmarks' building blocks on tiny sizes: synthetic data, one-pass coverage,
point-in-polygon, the command line. The benchmarks themselves run with ``make bench``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from benchmarks import __main__ as cli
from benchmarks import synthetic
from benchmarks.bench_coverage import loop_areas, per_field
from benchmarks.common import table
from geo.coverage import coverage_matrix
from geo.crs import WGS84
from geo.io import load_fields, load_outline, validate_organisations
from geo.model import CITYWIDE, CityData
from geo.spatial import area_of_points
from tests.support.tinycity import TINY

# --- synthetic organisations -----------------------------------------------------------------


@pytest.fixture(scope="module")
def fake(tiny: CityData) -> gpd.GeoDataFrame:
    return synthetic.synthetic_organisations(400, tiny.areas, tiny.catalog, seed=5)


def test_same_seed_same_organisations(tiny: CityData, fake: gpd.GeoDataFrame) -> None:
    again = synthetic.synthetic_organisations(400, tiny.areas, tiny.catalog, seed=5)
    assert_geodataframe_equal(fake, again)
    other = synthetic.synthetic_organisations(400, tiny.areas, tiny.catalog, seed=6)
    assert not fake.geometry.geom_equals(other.geometry).all()


def test_synthetic_frame_is_what_the_loader_returns(
    tiny: CityData, tiny_dir: Path, fake: gpd.GeoDataFrame
) -> None:
    raw = synthetic.org_file(fake)
    typed = validate_organisations(
        raw, "organisations.csv", load_fields(tiny_dir), load_outline(tiny_dir), TINY
    )
    assert_geodataframe_equal(fake, typed)
    assert list(fake.columns) == list(tiny.organisations.columns)


def test_synthetic_organisations_are_spread_and_placed(
    tiny: CityData, fake: gpd.GeoDataFrame
) -> None:
    kinds = fake["kind"].value_counts()
    assert kinds["council"] == 4  # one per area at most
    assert kinds["association"] == round(396 * synthetic.ASSOCIATION_SHARE)
    assert set(fake["area_id"]) == set(tiny.areas["area_id"])
    shapes = dict(zip(tiny.areas["area_id"], tiny.areas.geometry, strict=True))
    assert all(shapes[a].covers(p) for a, p in zip(fake["area_id"], fake.geometry, strict=True))
    assert fake["is_sample"].all() and fake["name"].str.startswith("サンプル").all()
    assert (fake["org_id"].str.len() > 0).all() and fake["org_id"].is_unique
    civic = fake[fake["kind"] == "civic_group"]
    assert any(CITYWIDE in s for s in civic["service_areas"]) or len(civic) < 50


def test_written_data_directory_loads(tmp_path: Path, tiny_dir: Path) -> None:
    from geo.io import load_city

    data = load_city(tiny_dir, TINY)
    orgs = synthetic.synthetic_organisations(60, data.areas, data.catalog)
    folder = synthetic.write_city_data(tmp_path / "big", orgs, source=tiny_dir)
    loaded = load_city(folder, TINY)
    assert_geodataframe_equal(loaded.organisations, orgs)
    assert (folder / "areas.geojson").read_bytes() == (tiny_dir / "areas.geojson").read_bytes()


@pytest.mark.skipif(synthetic.japan_file() is None, reason="national outlines not on this machine")
def test_national_areas() -> None:
    areas = synthetic.national_areas()
    assert len(areas) == 1_741
    assert areas["area_id"].is_unique
    assert areas.geometry.is_valid.all()
    assert "01100" in set(areas["area_id"])  # Sapporo, its wards dissolved
    assert "13101" in set(areas["area_id"])  # Chiyoda: Tokyo's wards stay
    assert len(synthetic.national_areas(municipalities=False)) == 1_906


# --- coverage in one pass -------------------------------------------------------------------


@pytest.mark.parametrize("metric", ["count", "per_10k"])
def test_one_pass_matrix_equals_one_coverage_per_field(
    tiny: CityData, fake: gpd.GeoDataFrame, metric: str
) -> None:
    codes = list(tiny.catalog.codes)
    orgs = pd.concat([tiny.organisations, fake], ignore_index=True)
    got = coverage_matrix(tiny.areas, orgs, codes, metric=metric)
    column = "total" if metric == "count" else "per_10k"
    from geo.coverage import coverage

    expected = pd.DataFrame(
        {c: coverage(tiny.areas, orgs, (c,))[column].to_numpy() for c in codes},
        index=pd.Index(tiny.areas["area_id"].tolist(), name="area_id"),
    )
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    if metric == "count":
        pd.testing.assert_frame_equal(got, per_field(tiny.areas, orgs, codes), check_exact=True)


def test_one_pass_matrix_edge_cases(tiny: CityData) -> None:
    orgs = tiny.organisations
    empty = coverage_matrix(tiny.areas, orgs, [])
    assert empty.shape == (4, 0)
    twice = coverage_matrix(tiny.areas, orgs, ["bousai", "bousai", "nothing"])
    assert list(twice.columns) == ["bousai", "nothing"]
    assert twice["nothing"].tolist() == [0, 0, 0, 0]
    none = coverage_matrix(tiny.areas, orgs.iloc[:0], ["bousai"])
    assert none["bousai"].tolist() == [0, 0, 0, 0]


# --- point in polygon -----------------------------------------------------------------------


def test_area_of_points_equals_a_plain_loop(tiny: CityData) -> None:
    rng = np.random.default_rng(11)
    xy = np.column_stack([rng.uniform(130.99, 131.05, 400), rng.uniform(33.99, 34.05, 400)])
    xy[:5] = [[131.02, 34.01], [131.0, 34.0], [131.01, 34.02], [200.0, 0.0], [131.03, 34.03]]
    points = gpd.GeoSeries(gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=WGS84)
    got = area_of_points(points, tiny.areas)
    assert got == loop_areas(xy, tiny.areas)
    assert got[:5] == [None, None, None, None, "ne"]  # edges and corners are in no area
    assert any(a is None for a in got[5:]) and any(a is not None for a in got[5:])


def test_area_of_points_skips_missing_points_and_checks_the_crs(tiny: CityData) -> None:
    points = gpd.GeoSeries([None, shapely.Point(), shapely.Point(131.005, 34.005)], crs=WGS84)
    assert area_of_points(points, tiny.areas) == [None, None, "sw"]
    with pytest.raises(ValueError):
        area_of_points(points.set_crs("EPSG:6671", allow_override=True), tiny.areas)


# --- the command line and the tables --------------------------------------------------------


def test_unknown_benchmark_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["nope"]) == 2
    assert "choose from" in capsys.readouterr().err


def test_table_formats_numbers() -> None:
    text = table("T", ["a", "b", "c"], [["x", 1234567, 0.012345], ["y", 2, 1500.5]])
    lines = text.splitlines()
    assert lines[0] == "T" and set(lines[1]) == {"-"}
    assert "1,234,567" in text and "0.0123" in text and "1,500" in text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (12.345, "12.3"),
        (0.0123, "0.0123"),
        (999.4, "999"),
        (999.6, "1,000"),
        (1234.4, "1,234"),
        (1234, "1,234"),
    ],
)
def test_table_numbers_never_read_as_powers_of_ten(value: float, shown: str) -> None:
    from benchmarks.common import table

    assert table("t", ["v"], [[value]]).splitlines()[-1].strip() == shown
