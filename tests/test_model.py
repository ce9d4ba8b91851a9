"""The areas' names, once for every page, map and sheet (geo/model.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.model import CityData, area_names, area_names_in
from geo.words import Named

AREAS = pd.DataFrame(
    {
        "area_id": ["ogori", "aio-futajima", "odono"],
        "name_ja": ["小郡", "秋穂二島", "大殿"],
        "name_en": ["Ogori", "Aio-Futajima", "Odono"],
    }
)


def test_area_names_keep_both_languages_in_the_areas_order() -> None:
    assert area_names(AREAS) == {
        "ogori": Named("小郡", "Ogori"),
        "aio-futajima": Named("秋穂二島", "Aio-Futajima"),
        "odono": Named("大殿", "Odono"),
    }
    assert list(area_names(AREAS)) == ["ogori", "aio-futajima", "odono"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", ["小郡", "秋穂二島", "大殿"]),
        ("en", ["Ogori", "Aio-Futajima", "Odono"]),
        ("fr", ["小郡", "秋穂二島", "大殿"]),  # a language without names: Japanese
    ],
)
def test_area_names_in_a_language(lang: str, expected: list[str]) -> None:
    names = area_names_in(AREAS, lang)
    assert list(names) == ["ogori", "aio-futajima", "odono"]
    assert list(names.values()) == expected


def test_the_city_has_every_area_named_in_both_languages(city: CityData) -> None:
    names = area_names(city.areas)
    assert len(names) == 21
    assert all(n.ja and n.en and n.ja != n.en for n in names.values())
    assert names["aio-futajima"].ja == "秋穂二島"
