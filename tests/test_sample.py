"""The sample organisations' 加入率: deterministic, plausible, below every area's households."""

from __future__ import annotations

import pytest

from geo.model import CityData
from geo.sample import SEED, membership_rate


@pytest.mark.parametrize(
    ("population", "households", "area_km2", "low", "high"),
    [
        pytest.param(4_866, 2_242, 293.1, 0.88, 0.95, id="rural, large households"),
        pytest.param(14_795, 7_237, 3.4, 0.54, 0.62, id="dense centre"),
        pytest.param(20_744, 11_568, 19.9, 0.50, 0.57, id="students: small households"),
        pytest.param(9_233, 3_561, 25.3, 0.74, 0.82, id="suburb"),
    ],
)
def test_membership_follows_density_and_household_size(
    population: int, households: int, area_km2: float, low: float, high: float
) -> None:
    rate = membership_rate("x", population, households, area_km2)
    assert low <= rate <= high


def test_membership_is_deterministic_and_per_area() -> None:
    first = membership_rate("ajisu", 9_233, 3_561, 25.3)
    assert membership_rate("ajisu", 9_233, 3_561, 25.3) == first
    assert membership_rate("ajisu", 9_233, 3_561, 25.3, seed=SEED) == first
    others = {membership_rate(a, 9_233, 3_561, 25.3) for a in ("a", "b", "c", "d")}
    assert len(others) > 1  # each area varies a little on its own
    assert all(abs(r - first) <= 0.061 for r in others)


@pytest.mark.parametrize(
    ("population", "households", "area_km2"),
    [(1, 1, 0.001), (0, 0, 0.0), (100_000, 10, 0.5), (10, 100_000, 5_000.0)],
)
def test_membership_stays_plausible_at_the_extremes(
    population: int, households: int, area_km2: float
) -> None:
    assert 0.4 <= membership_rate("x", population, households, area_km2) <= 0.95


def test_the_bundled_sample_has_the_rate_of_each_area(city: CityData) -> None:
    assoc = city.organisations[city.organisations["kind"] == "association"]
    members = assoc.groupby("area_id")["households"].sum()
    for row in city.areas.itertuples():
        rate = membership_rate(row.area_id, row.population_2020, row.households_2020, row.area_km2)
        assert members[row.area_id] == round(row.households_2020 * rate), row.area_id
        assert members[row.area_id] < row.households_2020
