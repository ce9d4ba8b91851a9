from __future__ import annotations

import csv

import pytest

from geo.fields import default_catalog, npo_code
from tests.conftest import ROOT

CATALOG = default_catalog({n: f"field {n}" for n in range(1, 21)})


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        (("npo08",), {"npo08", "bousai"}),
        (("bousai",), {"bousai", "npo08", "npo09"}),
        (("npo09",), {"npo09", "bousai", "bouhan"}),
        (("kosodate",), {"kosodate", "npo13", "npo01"}),
        (("npo11",), {"npo11"}),
        ((), set()),
    ],
)
def test_expand_follows_the_need_mapping_one_step(
    listed: tuple[str, ...], expected: set[str]
) -> None:
    assert CATALOG.expand(listed) == frozenset(expected)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("kosodate", {"kosodate", "npo13"}),  # not 保健・医療・福祉, mapped to further on
        ("npo13", {"npo13", "kosodate"}),
        ("bousai", {"bousai", "npo08"}),  # 地域安全 is bousai's second
        ("npo09", {"npo09", "bouhan"}),  # 防犯・交通安全's first, 防災・減災's second
        ("npo01", {"npo01", "mimamori", "kenko", "idou"}),
        ("npo03", {"npo03"}),  # no need maps to まちづくり first
        ("npo11", {"npo11"}),
        ("unknown", {"unknown"}),
    ],
)
def test_closest_is_a_need_and_the_law_field_it_maps_to_first(
    code: str, expected: set[str]
) -> None:
    assert CATALOG.closest(code) == frozenset(expected)


def test_catalogue_has_8_needs_then_20_law_fields() -> None:
    kinds = [f.kind for f in CATALOG.fields]
    assert kinds == ["need"] * 8 + ["npo"] * 20
    assert CATALOG.get("npo13").label("ja") == "子どもの健全育成"
    assert CATALOG.get("bousai").label("en") == "Disaster preparedness"


@pytest.mark.parametrize("number", [0, 21, -1])
def test_npo_code_rejects_numbers_outside_the_law(number: int) -> None:
    with pytest.raises(ValueError):
        npo_code(number)


def test_unknown_code_raises_key_error() -> None:
    with pytest.raises(KeyError):
        CATALOG.get("nope")


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("bousai", "bousai"),
        ("防災・減災", "bousai"),
        ("防災", "bousai"),  # a part of one field's name only
        ("ＢＯＵＳＡＩ", "bousai"),
        ("8", "npo08"),
        ("第8号", "npo08"),
        ("福祉", None),  # a part of two fields' names
        ("zzz", None),
    ],
)
def test_a_field_is_found_by_any_of_its_names(word: str, code: str | None) -> None:
    assert CATALOG.field_named(word) == code


#: The catalogue with the law's own wording, as the city's data ships it.
LAW = default_catalog(
    {
        int(row["number"]): row["name_ja"]
        for row in csv.DictReader(
            (ROOT / "data" / "yamaguchi" / "fields.csv").read_text(encoding="utf-8").splitlines()
        )
        if row["kind"] == "npo"
    }
)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("環境の保全を図る活動", "npo07"),
        ("環境の保全", "npo07"),  # the law's wording without its ending
        ("保健、医療又は福祉の増進", "npo01"),
        ("職業能力の開発又は雇用機会の拡充", "npo17"),
        ("国際協力", "npo11"),
        ("災害救援活動", "npo08"),
        ("災害救援", "npo08"),
        ("前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める", None),
    ],
)
def test_a_law_field_is_found_by_its_wording_with_or_without_its_ending(
    word: str, code: str | None
) -> None:
    assert LAW.field_named(word) == code
