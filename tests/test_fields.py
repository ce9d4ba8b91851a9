from __future__ import annotations

import pytest

from geo.fields import default_catalog, npo_code

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
