"""Partner matching: ranking tables on a hand-made city, distances, the reverse view."""

from __future__ import annotations

import dataclasses
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Geod

import geo.matching
from geo.crs import WGS84
from geo.matching import (
    DEFAULT_WEIGHTS,
    LEGAL_ENTITIES,
    NEEDING_COLUMNS,
    REASON_CODES,
    WEIGHT_NAMES,
    MatchWeights,
    Suggestion,
    active_in_area,
    areas_needing,
    distances_m,
    gap_severity,
    rank_partners,
    reasons_line,
    reasons_text,
)
from geo.model import PRIVATE_ORG_COLUMNS, PUBLIC_ORG_COLUMNS, CityData
from geo.words import Phrase
from tests.conftest import ROOT
from tests.support.matchcity import TODAY, Org, with_orgs
from tests.support.tinycity import centre


def _ids(found: list[Suggestion]) -> list[str]:
    return [s.org_id for s in found]


# --- the order of partners --------------------------------------------------------------------

NEAR_SE = centre("ne")  # 0.01° of latitude north of se
FAR_SE = centre("nw")  # diagonal: nearest to se's corner

RANKING = [
    pytest.param(
        "se",
        "mimamori",
        [Org("g-a", base="se", fields="npo01", serves="se"), Org("g-b", base="se", serves="se")],
        ["g-b", "g-a"],
        None,
        id="the need itself above a field mapped to it",
    ),
    pytest.param(
        "se",
        "mimamori",
        [Org("g-a", serves="nw"), Org("g-b", serves="nw;se")],
        ["g-a", "g-b"],
        None,
        id="a group already serving the area after one from outside",
    ),
    pytest.param(
        "se",
        "mimamori",
        [
            Org("g-in", base="se", serves="se", legal="npo_corp"),
            Org("g-out", base="ne", serves="ne"),
            Org("g-city", base="nw", serves="*"),
        ],
        ["g-city", "g-out", "g-in"],
        None,
        id="outside and citywide first, the area's own group last",
    ),
    pytest.param(
        "se",
        "mimamori",
        [Org("g-a", serves="nw"), Org("g-b", serves="*")],
        ["g-b", "g-a"],
        None,
        id="citywide counts as serving",
    ),
    pytest.param(
        "se",
        "mimamori",
        [Org("g-a", base="nw", serves="*"), Org("g-b", base="ne", serves="*")],
        ["g-b", "g-a"],
        None,
        id="nearer first",
    ),
    pytest.param(
        "se",
        "mimamori",
        [Org("g-a"), Org("g-c", legal="general_inc"), Org("g-b", legal="npo_corp")],
        ["g-b", "g-c", "g-a"],
        None,
        id="legal entities first, equal ones by id",
    ),
    pytest.param(
        "se",
        "mimamori",
        [
            Org("g-c", confirmed=""),
            Org("g-a", confirmed="2025-01-01"),
            Org("g-b", confirmed="2026-01-01"),
        ],
        ["g-b", "g-a", "g-c"],
        None,
        id="recently confirmed first, never confirmed last",
    ),
    pytest.param(
        "se",
        "mimamori",
        [Org("g-c"), Org("g-a"), Org("g-b")],
        ["g-a", "g-b", "g-c"],
        None,
        id="full ties by org id, whatever the input order",
    ),
    pytest.param(
        "se",
        "mimamori",
        [Org("g-a", base="nw", serves="*"), Org("g-b", base="ne", serves="*")],
        ["g-b", "g-a"],
        MatchWeights(distance=0.0),
        id="equal scores: the nearer first",
    ),
    pytest.param(
        "se",
        "bousai",
        [
            Org("c-se", kind="council", base="se", fields="bousai"),
            Org("a-se", kind="association", base="se", fields="bousai"),
            Org("a-nw", kind="association", base="nw", fields="bousai"),
            Org("p-1", kind="association", base="ne", fields="bousai"),
            Org("p-2", kind="association", base="sw", fields="bousai"),
            Org("g-x", base="nw", fields="bousai", serves="nw"),
        ],
        ["p-2", "p-1", "g-x"],
        None,
        id="own area left out, corner areas left out, neighbours by metres",
    ),
    pytest.param(
        "se",
        "npo08",
        [
            Org("g-a", fields="bousai"),
            Org("g-b", fields="npo08"),
            Org("g-c", fields="npo09"),
        ],
        ["g-b", "g-a"],
        None,
        id="a law field matches the needs mapped to it",
    ),
    pytest.param(
        "se",
        "npo20",
        [Org("g-a"), Org("c-ne", kind="council", base="ne")],
        [],
        None,
        id="nobody active in the need",
    ),
]


@pytest.mark.parametrize(("area", "need", "orgs", "expected", "weights"), RANKING)
def test_partner_order(
    tiny: CityData,
    area: str,
    need: str,
    orgs: list[Org],
    expected: list[str],
    weights: MatchWeights | None,
) -> None:
    data = with_orgs(tiny, orgs)
    found = rank_partners(data, area, need, weights=weights or DEFAULT_WEIGHTS, today=TODAY)
    assert _ids(found) == expected
    again = rank_partners(data, area, need, weights=weights or DEFAULT_WEIGHTS, today=TODAY)
    assert again == found


def test_serving_scores_higher_among_groups_from_outside(tiny: CityData) -> None:
    data = with_orgs(tiny, [Org("a-first", serves="nw"), Org("z-last", base="ne", serves="*")])
    found = rank_partners(data, "se", "mimamori", today=TODAY)
    assert _ids(found) == ["z-last", "a-first"]
    assert found[0].serves_area and found[0].citywide and not found[1].serves_area
    assert found[0].score > found[1].score
    assert not any(s.active_here for s in found)


@pytest.mark.parametrize(
    ("org", "here"),
    [
        pytest.param(Org("g", base="se", serves="nw"), True, id="based in the area"),
        pytest.param(Org("g", base="nw", serves="nw;se"), True, id="serving it by name"),
        pytest.param(Org("g", base="se", serves="*"), True, id="citywide but based here"),
        pytest.param(Org("g", base="nw", serves="*"), False, id="citywide from outside"),
        pytest.param(Org("g", base="nw", serves="nw"), False, id="outside"),
        pytest.param(
            Org("a", kind="association", base="ne", fields="mimamori"), False, id="a neighbour"
        ),
    ],
)
def test_already_active_here(tiny: CityData, org: Org, here: bool) -> None:
    (found,) = rank_partners(with_orgs(tiny, [org]), "se", "mimamori", today=TODAY)
    assert found.active_here is here


SCORES = [
    pytest.param(
        Org("g", base="se", serves="se", legal="npo_corp", confirmed="2026-05-01"),
        100.0,
        id="everything",
    ),
    pytest.param(
        Org("g", base="se", fields="npo01", serves="nw", confirmed=""),
        round(100 * (1.5 + 2.0) / 8.5, 1),
        id="mapped, inside, nothing else",
    ),
    pytest.param(
        Org("g", base="se", serves="se", confirmed="2024-06-01"),
        round(100 * (3.0 + 2.0 + 2.0 + 0.5 * 1.0) / 8.5, 1),
        id="confirmed 24 months ago: half the recency",
    ),
]


@pytest.mark.parametrize(("org", "score"), SCORES)
def test_score_is_the_share_of_the_maximum(tiny: CityData, org: Org, score: float) -> None:
    (found,) = rank_partners(with_orgs(tiny, [org]), "se", "mimamori", today=TODAY)
    assert found.score == pytest.approx(score, abs=0.11)


def test_limit(tiny: CityData) -> None:
    data = with_orgs(tiny, [Org("g-a"), Org("g-b"), Org("g-c")])
    assert _ids(rank_partners(data, "se", "mimamori", limit=2, today=TODAY)) == ["g-a", "g-b"]
    assert rank_partners(data, "se", "mimamori", limit=0, today=TODAY) == []
    with pytest.raises(ValueError, match="limit"):
        rank_partners(data, "se", "mimamori", limit=-1, today=TODAY)


@pytest.mark.parametrize(("area", "need"), [("nowhere", "bousai"), ("se", "no-such-need")])
def test_unknown_area_or_need(tiny: CityData, area: str, need: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        rank_partners(tiny, area, need)


# --- distances in metres ----------------------------------------------------------------------


def test_distance_is_measured_in_metres_not_degrees(tiny: CityData) -> None:
    # sw spans lon 131.00–131.02, lat 34.00–34.02: one point 0.01° east of its east edge,
    # one 0.01° north of its north edge. Equal in degrees, not on the ground.
    east = (131.03, 34.01)
    north = (131.01, 34.03)
    data = with_orgs(tiny, [Org("g-east", base="se", at=east), Org("g-north", base="nw", at=north)])
    points = gpd.GeoSeries([shapely.Point(*east), shapely.Point(*north)], crs=WGS84)
    metres = distances_m(data, "sw", points)
    geod = Geod(ellps="GRS80")
    expected_east = geod.inv(131.02, 34.01, *east)[2]
    expected_north = geod.inv(131.01, 34.02, *north)[2]
    assert expected_east == pytest.approx(922, abs=3)
    assert expected_north == pytest.approx(1109, abs=3)
    assert metres[0] == pytest.approx(expected_east, rel=2e-3)
    assert metres[1] == pytest.approx(expected_north, rel=2e-3)
    found = {s.org_id: s for s in rank_partners(data, "sw", "mimamori", today=TODAY)}
    assert found["g-east"].distance_km == 0.9
    assert found["g-north"].distance_km == 1.1
    assert _ids(rank_partners(data, "sw", "mimamori", today=TODAY)) == ["g-east", "g-north"]


def test_distance_is_zero_inside_the_area(tiny: CityData) -> None:
    points = gpd.GeoSeries([shapely.Point(*centre("se"))], crs=WGS84)
    assert distances_m(tiny, "se", points).tolist() == [0.0]


# --- reasons ----------------------------------------------------------------------------------

REASONS = [
    pytest.param(
        Org("g", base="ne", fields="bousai", serves="se", legal="npo_corp", confirmed="2026-04-15"),
        "bousai",
        "防災・減災で活動／サービス範囲に南東を含む／拠点から1.1\u00a0km／NPO法人"
        "／最終確認 2026-04",
        "active in Disaster preparedness / already serves South-East / 1.1\u00a0km from its base"
        " / NPO corporation / last confirmed 2026-04",
        id="the issue's example",
    ),
    pytest.param(
        Org("g", base="se", fields="npo08", serves="*", confirmed=""),
        "bousai",
        "災害救援で活動（防災・減災に対応）／市内全域で活動／拠点が南東にある／最終確認日なし",
        "active in Disaster relief (counts for Disaster preparedness) / works citywide"
        " / based in South-East / never confirmed",
        id="mapped field, citywide, inside, never confirmed",
    ),
    pytest.param(
        Org("a", kind="association", base="sw", fields="bousai", legal="authorized"),
        "bousai",
        "防災・減災で活動／隣接する南西の自治会・町内会／拠点から0.9\u00a0km／認可地縁団体"
        "／最終確認 2026-05",
        "active in Disaster preparedness / neighbourhood association of neighbouring South-West"
        " / 0.9\u00a0km from its base / authorised neighbourhood association"
        " / last confirmed 2026-05",
        id="a neighbouring association",
    ),
    pytest.param(
        Org("g", base="sw", fields="bousai", serves="sw"),
        "bousai",
        "防災・減災で活動／サービス範囲に南東を含まない／拠点から0.9\u00a0km／最終確認 2026-05",
        "active in Disaster preparedness / does not serve South-East yet"
        " / 0.9\u00a0km from its base / last confirmed 2026-05",
        id="a civic group not serving the area yet",
    ),
    pytest.param(
        Org("g", base="ne", fields="bousai", serves="se", at_center=True),
        "bousai",
        "防災・減災で活動／サービス範囲に南東を含む／拠点から約1.1\u00a0km（おおよその位置）"
        "／最終確認 2026-05",
        "active in Disaster preparedness / already serves South-East"
        " / about 1.1\u00a0km from its base (approximate place) / last confirmed 2026-05",
        id="a group placed at its area's center: the distance is approximate",
    ),
    pytest.param(
        Org("g", base="se", fields="bousai", at_center=True),
        "bousai",
        "防災・減災で活動／サービス範囲に南東を含む／拠点が南東にある／最終確認 2026-05",
        "active in Disaster preparedness / already serves South-East / based in South-East"
        " / last confirmed 2026-05",
        id="placed at the center of the area itself: based in it, no distance",
    ),
]


@pytest.mark.parametrize(("org", "need", "ja", "en"), REASONS)
def test_reasons_in_words(tiny: CityData, org: Org, need: str, ja: str, en: str) -> None:
    (found,) = rank_partners(with_orgs(tiny, [org]), "se", need, today=TODAY)
    assert reasons_text(found, "ja") == ja
    assert reasons_text(found, "en") == en
    assert "／".join(found.reasons_in("ja")) == ja
    assert {r.key.removeprefix("match.reason.") for r in found.reasons} <= {
        *REASON_CODES,
        *(f"match.legal.{form}" for form in LEGAL_ENTITIES),
    }


def test_suggestions_hold_public_facts_only(tiny: CityData) -> None:
    names = {f.name for f in dataclasses.fields(Suggestion)}
    assert not names & set(PRIVATE_ORG_COLUMNS)
    (found,) = rank_partners(with_orgs(tiny, [Org("g")]), "se", "mimamori", today=TODAY)
    text = repr(found)
    for secret in ("000-PRIVATE", "private@example.invalid", "非公開", "private note"):
        assert secret not in text


# --- the weights ------------------------------------------------------------------------------

BAD_WEIGHTS = [
    pytest.param({"exact_field": -1.0}, "exact_field", id="negative"),
    pytest.param({"distance": float("nan")}, "distance", id="not a number"),
    pytest.param({"recent": float("inf")}, "recent", id="infinite"),
    pytest.param({"mapped_field": 4.0}, "mapped_field must not exceed", id="mapped above exact"),
    pytest.param({"distance_half_km": 0.0}, "distance_half_km", id="no half distance"),
    pytest.param({"fresh_months": 36.0, "stale_months": 12.0}, "stale_months", id="window"),
    pytest.param(
        {n: 0.0 for n in ("exact_field", "mapped_field", "serves_area", "distance")}
        | {"legal_entity": 0.0, "recent": 0.0},
        "at least one",
        id="all zero",
    ),
]


@pytest.mark.parametrize(("kwargs", "message"), BAD_WEIGHTS)
def test_bad_weights_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MatchWeights(**kwargs)


def test_every_bad_weight_is_reported_at_once() -> None:
    with pytest.raises(ValueError) as info:
        MatchWeights(exact_field=-1.0, recent=-2.0)
    assert "exact_field" in str(info.value) and "recent" in str(info.value)


def _documented_defaults(text: str) -> dict[str, float]:
    return {m[0]: float(m[1]) for m in re.findall(r"``(\w+)`` \(default ([\d.]+)\)", text)}


def test_every_weight_is_documented_in_the_module_with_its_default() -> None:
    defaults = {n: float(getattr(DEFAULT_WEIGHTS, n)) for n in WEIGHT_NAMES}
    assert _documented_defaults(geo.matching.__doc__ or "") == defaults


def test_every_weight_is_documented_in_the_readme_with_its_default() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Partner matching", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| ([\d.]+) \|", section, flags=re.MULTILINE))
    assert {k: float(v) for k, v in rows.items()} == {
        n: float(getattr(DEFAULT_WEIGHTS, n)) for n in WEIGHT_NAMES
    }


# --- the reverse view -------------------------------------------------------------------------

# populations of the tiny city: nw 4000, ne 3000, sw 2000, se 1000
REVERSE_ORGS = [
    Org("g", base="nw", fields="kosodate;bika", serves="nw"),
    Org("x1", kind="association", base="sw", fields="kosodate"),
    Org("x2", kind="association", base="sw", fields="kosodate"),
    Org("x3", kind="association", base="se", fields="kosodate"),
    Org("x4", kind="association", base="sw", fields="kosodate"),
    Org("x5", kind="association", base="sw", fields="kosodate"),
    Org("y1", kind="association", base="ne", fields="bika"),
    Org("y2", kind="association", base="sw", fields="bika"),
]
# 子育て支援: 6 pairs over 10,000 residents, the city's 6.0 per 10,000; gaps below 3.0:
#   ne (none: severity 1), nw (2.5 per 10,000: severity (3.0 - 2.5) / 3.0 = 0.1667).
# 環境美化: nw 2.5, ne 3.33, sw 5, se 0 (city 3.0, gaps below 1.5) -> se (none: severity 1).

REVERSE = [
    pytest.param(
        REVERSE_ORGS,
        "g",
        "population",
        None,
        [
            ("ne", ("kosodate",), 1.0, 3000.0),
            ("se", ("bika",), 1.0, 1000.0),
            ("nw", ("kosodate",), 0.1667, 666.7),
        ],
        id="severity times population",
    ),
    pytest.param(
        REVERSE_ORGS,
        "g",
        "households",
        None,
        [
            ("ne", ("kosodate",), 1.0, 1200.0),
            ("se", ("bika",), 1.0, 400.0),
            ("nw", ("kosodate",), 0.1667, 266.7),
        ],
        id="severity times households",
    ),
    pytest.param(
        [
            Org("g", base="nw", fields="dento", serves="nw"),
            Org("z", kind="association", base="ne", fields="dento"),
        ],
        "g",
        "population",
        {"sw": 1500, "se": 1500},
        [("sw", ("dento",), 1.0, 1500.0), ("se", ("dento",), 1.0, 1500.0)],
        id="equal need: the areas' order, not the alphabet",
    ),
    pytest.param(
        [
            Org("g", base="nw", fields="dento;bika", serves="*"),
            Org("z", kind="association", base="sw", fields="dento;bika"),
        ],
        "g",
        "population",
        {"nw": 1000, "ne": 1000, "sw": 1000, "se": 1000},
        [],
        id="no gap anywhere",
    ),
]


@pytest.mark.parametrize(("orgs", "org_id", "by", "population", "expected"), REVERSE)
def test_areas_needing_a_group(
    tiny: CityData,
    orgs: list[Org],
    org_id: str,
    by: str,
    population: dict[str, int] | None,
    expected: list[tuple[str, tuple[str, ...], float, float]],
) -> None:
    data = with_orgs(tiny, orgs, population=population)
    frame = areas_needing(data, org_id, by=by)
    assert list(frame.columns) == list(NEEDING_COLUMNS)
    got = [
        (a, tuple(f), round(float(s), 4), round(float(n), 1))
        for a, f, s, n in zip(
            frame["area_id"], frame["fields"], frame["severity"], frame["need"], strict=True
        )
    ]
    assert got == expected
    assert frame["rank"].tolist() == list(range(1, len(expected) + 1))


def test_areas_needing_says_where_the_group_already_works(tiny: CityData) -> None:
    frame = areas_needing(with_orgs(tiny, REVERSE_ORGS), "g").set_index("area_id")
    assert frame["serves"].to_dict() == {"ne": False, "se": False, "nw": True}
    assert frame.loc["nw", "distance_km"] == 0.0
    reasons: dict[str, tuple[Phrase, ...]] = {str(a): r for a, r in frame["reasons"].items()}
    assert reasons_line(reasons["ne"], "ja") == "子育て支援：活動する団体がありません"
    assert "under 50% of the city's 6.0" in reasons_line(reasons["nw"], "en")
    assert "市全体の 6.0 の50%未満" in reasons_line(reasons["nw"], "ja")


@pytest.mark.parametrize(
    ("row", "severity"),
    [
        ({"gap_reason": "no_organisation"}, 1.0),
        ({"gap_reason": "below_rate", "per_10k": 2.5, "city_rate_per_10k": 6.0}, 0.1667),
        ({"gap_reason": "below_rate", "per_10k": 0.0, "city_rate_per_10k": 0.0}, 0.0),
        (
            {"gap_reason": "below_national", "jishubo_rate": 0.399, "national_jishubo_rate": 0.843},
            round((0.843 - 0.399) / 0.843, 4),
        ),
        ({"gap_reason": "none"}, 0.0),
    ],
)
def test_gap_severity(row: dict[str, object], severity: float) -> None:
    assert round(gap_severity(pd.Series(row)), 4) == pytest.approx(severity)


@pytest.mark.parametrize(("org_id", "by"), [("nobody", "population"), ("g", "area")])
def test_areas_needing_refuses_unknowns(tiny: CityData, org_id: str, by: str) -> None:
    with pytest.raises(ValueError):
        areas_needing(with_orgs(tiny, REVERSE_ORGS), org_id, by=by)


# --- who is active here (kiosk) ---------------------------------------------------------------

ACTIVE = [
    pytest.param("ne", "mimamori", ["c-ne", "g-1"], id="own council and a group serving it"),
    pytest.param("se", "npo13", ["g-2"], id="a citywide group"),
    pytest.param("nw", "bousai", ["c-nw", "a-1"], id="council first, then associations"),
    pytest.param("se", "bousai", [], id="nobody"),
]


@pytest.mark.parametrize(("area", "need", "expected"), ACTIVE)
def test_active_in_area(tiny: CityData, area: str, need: str, expected: list[str]) -> None:
    found = active_in_area(tiny, area, need)
    assert found["org_id"].tolist() == expected
    assert tuple(found.columns) == PUBLIC_ORG_COLUMNS


# --- the real data ----------------------------------------------------------------------------


def test_real_city_ranks_outside_partners_only(city: CityData) -> None:
    found = rank_partners(city, "yuda", "mimamori", today=TODAY)
    assert found
    here = [s.active_here for s in found]
    assert here == sorted(here), "partners from outside first, then those already here"
    for part in (False, True):
        scores = [-s.score for s in found if s.active_here is part]
        assert scores == sorted(scores)
    assert not found[0].active_here
    kinds = {s.org_id: s for s in found}
    orgs = city.organisations.set_index("org_id")
    for org_id, s in kinds.items():
        if s.kind != "civic_group":
            assert orgs.loc[org_id, "area_id"] != "yuda"
    assert rank_partners(city, "yuda", "npo20", today=TODAY) == []
