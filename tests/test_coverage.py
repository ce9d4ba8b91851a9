"""Coverage and gaps on the tiny city (see tests/support/tinycity.py for who is where)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.coverage import (
    GapRule,
    city_jishubo_rate,
    coverage,
    coverage_matrix,
    gap_reason_text,
    gaps,
    jishubo_gaps,
    summary,
)
from geo.model import CityData


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # fields -> total per area (nw, ne, sw, se)
        (("bousai",), [2, 1, 1, 0]),  # c-nw + a-1 | a-3 | g-3 (npo08 -> bousai) | none
        (("npo08",), [2, 1, 1, 0]),  # bousai maps to npo08
        (("npo09",), [2, 1, 0, 0]),  # bousai maps to npo09 too; g-3 lists npo08 only
        (("mimamori",), [1, 2, 0, 0]),  # g-1 serves nw+ne; c-ne
        (("npo13",), [1, 1, 1, 1]),  # g-2 is citywide
        (("kosodate",), [2, 2, 1, 1]),  # npo13 (g-2) and npo01 (g-1)
        (("npo03",), [1, 1, 1, 1]),  # every council
        (("bika", "npo08"), [3, 1, 2, 0]),  # union, counted once: a-1, a-2, c-nw | a-3 | a-4, g-3
        ((), [5, 4, 4, 2]),  # any field
    ],
)
def test_totals_per_area(tiny: CityData, fields: tuple[str, ...], expected: list[int]) -> None:
    cov = coverage(tiny.areas, tiny.organisations, fields)
    assert cov["area_id"].tolist() == ["nw", "ne", "sw", "se"]
    assert cov["total"].tolist() == expected


def test_counts_by_kind(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations, ("bousai",)).set_index("area_id")
    kinds = ["councils", "associations", "civic_groups"]
    assert list(cov.loc["nw", kinds]) == [1, 1, 0]
    assert list(cov.loc["sw", kinds]) == [0, 0, 1]


def test_per_10k_residents(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations, ("bousai",)).set_index("area_id")
    # nw: 2 organisations for 4,000 residents
    assert cov.loc["nw", "per_10k"] == pytest.approx(5.0)
    assert cov.loc["se", "per_10k"] == 0


@pytest.mark.parametrize(
    ("area_id", "rate"),
    [("nw", 300 / 1600), ("ne", 200 / 1200), ("sw", 0.0), ("se", 0.0)],
)
def test_jishubo_rate(tiny: CityData, area_id: str, rate: float) -> None:
    cov = coverage(tiny.areas, tiny.organisations, ("bousai",)).set_index("area_id")
    assert cov.loc[area_id, "jishubo_rate"] == pytest.approx(rate)


def test_jishubo_rate_is_capped_at_one(tiny: CityData) -> None:
    orgs = tiny.organisations.copy()
    orgs.loc[orgs["org_id"] == "a-1", "households"] = 10_000
    cov = coverage(tiny.areas, orgs, ("bousai",)).set_index("area_id")
    assert cov.loc["nw", "jishubo_rate"] == 1.0


def test_city_jishubo_rate(tiny: CityData) -> None:
    assert city_jishubo_rate(tiny.areas, tiny.organisations) == pytest.approx(500 / 4000)


@pytest.mark.parametrize(
    ("fields", "share", "reasons"),
    [
        (("bousai",), 0.5, ["none", "none", "none", "no_organisation"]),
        # per 10k: 5.0, 3.33, 5.0, 0 -> median 4.17; 0.9 * 4.17 = 3.75 > 3.33
        (("bousai",), 0.9, ["none", "below_median", "none", "no_organisation"]),
        (("bousai",), 0.0, ["none", "none", "none", "no_organisation"]),
        (("npo13",), 0.5, ["none", "none", "none", "none"]),
    ],
)
def test_gap_reasons(
    tiny: CityData, fields: tuple[str, ...], share: float, reasons: list[str]
) -> None:
    cov = coverage(tiny.areas, tiny.organisations, fields, rule=GapRule(share))
    assert cov["gap_reason"].tolist() == reasons
    assert cov["is_gap"].tolist() == [r != "none" for r in reasons]


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_gap_rule_bounds(share: float) -> None:
    with pytest.raises(ValueError):
        GapRule(share)


def test_gaps_rank_least_covered_first(tiny: CityData) -> None:
    ranked = gaps(coverage(tiny.areas, tiny.organisations, ("bousai",)), "per_10k")
    # per 10k: se 0, ne 3.3, then nw and sw tie at 5.0: the smaller total (sw) first
    assert ranked["area_id"].tolist() == ["se", "ne", "sw", "nw"]
    assert ranked["rank"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("lang", "fragment"),
    [("ja", "活動する団体がありません"), ("en", "no organisation is active here")],
)
def test_gap_reason_text(tiny: CityData, lang: str, fragment: str) -> None:
    cov = coverage(tiny.areas, tiny.organisations, ("bousai",))
    rows = {row["area_id"]: row for _, row in cov.iterrows()}
    assert gap_reason_text(rows["se"], lang) == fragment
    assert "5.0" in gap_reason_text(rows["nw"], lang)


def test_matrix(tiny: CityData) -> None:
    matrix = coverage_matrix(tiny.areas, tiny.organisations, ["bousai", "npo13"])
    expected = pd.DataFrame(
        {"bousai": [2, 1, 1, 0], "npo13": [1, 1, 1, 1]},
        index=pd.Index(["nw", "ne", "sw", "se"], name="area_id"),
    )
    pd.testing.assert_frame_equal(matrix, expected, check_dtype=False)
    per = coverage_matrix(tiny.areas, tiny.organisations, ["bousai"], metric="per_10k")
    assert per.loc["ne", "bousai"] == pytest.approx(10_000 / 3000)
    with pytest.raises(ValueError):
        coverage_matrix(tiny.areas, tiny.organisations, ["bousai"], metric="nope")


def test_associations_without_jishubo(tiny: CityData) -> None:
    table = jishubo_gaps(tiny.organisations)
    assert table["org_id"].tolist() == ["a-4", "a-2"]


def test_summary(tiny: CityData) -> None:
    assert summary(coverage(tiny.areas, tiny.organisations, ("bousai",))) == (1, 4)


def test_empty_organisations(tiny: CityData) -> None:
    cov = coverage(tiny.areas, tiny.organisations.iloc[0:0], ("bousai",))
    assert cov["total"].tolist() == [0, 0, 0, 0]
    assert cov["is_gap"].all()


def test_real_city_coverage_is_consistent(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations, ("bousai",))
    assert len(cov) == 21
    assert (cov["jishubo_rate"].between(0, 1)).all()
    assert (cov["total"] >= cov["councils"] + cov["associations"]).all()
