"""Invariants of the committed data in data/yamaguchi."""

from __future__ import annotations

import itertools

import pytest
import shapely

from geo.city import YAMAGUCHI
from geo.crs import to_projected
from geo.io import check_inside
from geo.model import CityData

OFFICIAL_DISSOLVED_KM2 = 1022.6


def test_exactly_the_21_areas_in_order(city: CityData) -> None:
    assert city.areas["area_id"].tolist() == list(YAMAGUCHI.area_ids)
    assert len(city.areas) == 21


def test_every_area_is_valid_and_non_empty(city: CityData) -> None:
    assert city.areas.geometry.is_valid.all()
    assert not city.areas.geometry.is_empty.any()


def test_neighbours_do_not_overlap(city: CityData) -> None:
    projected = to_projected(city.areas).geometry.tolist()
    for a, b in itertools.combinations(range(len(projected)), 2):
        overlap = shapely.intersection(projected[a], projected[b]).area / 1e6
        assert overlap < 0.01, (city.areas.area_id[a], city.areas.area_id[b], overlap)


def test_union_is_the_city_area(city: CityData) -> None:
    union = shapely.union_all(to_projected(city.areas).geometry.values)
    assert union.area / 1e6 == pytest.approx(OFFICIAL_DISSOLVED_KM2, rel=0.005)


def test_census_totals(city: CityData) -> None:
    assert city.areas["population_2020"].sum() == 193_966
    assert city.areas["households_2020"].sum() == 87_094


@pytest.mark.parametrize(
    ("area_id", "population"),
    [("ogori", 26_344), ("ouchi", 22_715), ("yuda", 14_795), ("natajima", 1_187)],
)
def test_area_population_matches_the_assignment(
    city: CityData, area_id: str, population: int
) -> None:
    row = city.areas.set_index("area_id").loc[area_id]
    assert row["population_2020"] == population


def test_central_areas_are_marked_approximate(city: CityData) -> None:
    conf = dict(zip(city.areas["area_id"], city.areas["boundary_confidence"], strict=True))
    for area_id in ("odono", "shiraishi", "yuda", "yoshiki"):
        assert conf[area_id] == "approximate"
    assert conf["ato"] == "high"


def test_boundaries_are_small_enough_for_a_browser(city: CityData) -> None:
    from geo.crs import WGS84

    assert city.areas.crs == WGS84
    vertices = shapely.get_num_coordinates(city.areas.geometry.values).sum()
    assert vertices < 6000


def test_each_center_is_inside_its_own_area(city: CityData) -> None:
    areas = city.areas.set_index("area_id").geometry
    assert len(city.centers) == 21
    for area_id, point in zip(city.centers["area_id"], city.centers.geometry, strict=True):
        assert areas[area_id].contains(point), area_id


def test_every_shelter_is_inside_the_city(city: CityData) -> None:
    assert len(city.shelters) == 208
    assert check_inside(city.shelters.geometry, city.outline, "shelters.csv") == []


def test_shelter_hazard_flags_are_booleans(city: CityData) -> None:
    assert city.shelters["flood"].dtype == bool
    assert city.shelters["flood"].sum() == 176
    assert city.shelters["tsunami"].sum() == 205


def test_sample_organisations_are_flagged(city: CityData) -> None:
    orgs = city.organisations
    groups = orgs[orgs["kind"] == "civic_group"]
    assert len(groups) == 342
    assert orgs["is_sample"].all()
    assert groups["name"].str.startswith("サンプル").all()
    assert orgs[orgs["kind"] == "association"]["name"].str.startswith("サンプル").all()
    assert (orgs["kind"] == "council").sum() == 21


def test_about_one_association_per_140_households(city: CityData) -> None:
    assoc = city.organisations[city.organisations["kind"] == "association"]
    assert len(assoc) == pytest.approx(87_094 / 140, rel=0.05)
    assert (assoc["households"] > 0).all()


def test_associations_hold_a_plausible_share_of_households(city: CityData) -> None:
    """The sample's 加入率: below every area's households, higher in rural areas."""
    assoc = city.organisations[city.organisations["kind"] == "association"]
    members = assoc.groupby("area_id")["households"].sum()
    census = city.areas.set_index("area_id")["households_2020"]
    rate = members.reindex(census.index) / census
    assert rate.between(0.4, 0.95).all(), rate
    assert members.sum() == 60_185
    assert members.sum() / census.sum() == pytest.approx(0.691, abs=0.001)
    assert rate["ato"] > rate["ogori"] > rate["hirakawa"]


def test_sample_carries_no_personal_data(city: CityData) -> None:
    for column in ("representative", "phone", "email", "notes"):
        assert (city.organisations[column] == "").all()


def test_sources_have_attribution(city: CityData) -> None:
    lines = [s.attribution for s in city.sources]
    assert any("e-Stat" in line for line in lines)
    assert any("国土地理院" in line for line in lines)
    assert any("Geolonia" in line for line in lines)
