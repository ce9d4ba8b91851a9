from __future__ import annotations

import dataclasses

import pytest

from geo.filters import OrgFilter
from geo.model import CityData
from geo.normalise import normalise

LABELS_JA = {"bousai": "防災・減災", "npo13": "子どもの健全育成"}
LABELS_EN = {"bousai": "Disaster preparedness", "npo13": "Children & youth"}
AREAS_JA = {"nw": "北西", "se": "南東"}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (
            OrgFilter(),
            ["c-nw", "c-ne", "c-sw", "c-se", "a-1", "a-2", "a-3", "a-4", "g-1", "g-2", "g-3"],
        ),
        (OrgFilter(fields=frozenset({"bousai"})), ["c-nw", "a-1", "a-3", "g-3"]),
        (OrgFilter(kinds=frozenset({"civic_group"})), ["g-1", "g-2", "g-3"]),
        (OrgFilter(areas=frozenset({"se"})), ["c-se", "g-2"]),  # g-2 is citywide
        (OrgFilter(areas=frozenset({"ne"}), kinds=frozenset({"civic_group"})), ["g-1", "g-2"]),
        (OrgFilter(text="g-3"), ["g-3"]),
        (OrgFilter(text="ｻﾝﾌﾟﾙ A-1"), ["a-1"]),  # half-width kana and case folded
        (OrgFilter(text="nothing-like-this"), []),
        (
            OrgFilter(fields=frozenset({"bousai", "npo13"}), kinds=frozenset({"civic_group"})),
            ["g-2", "g-3"],
        ),
    ],
)
def test_apply(tiny: CityData, flt: OrgFilter, expected: list[str]) -> None:
    assert flt.apply(tiny.organisations)["org_id"].tolist() == expected


def test_apply_returns_a_new_frame(tiny: CityData) -> None:
    out = OrgFilter().apply(tiny.organisations)
    out.loc[out.index[0], "name"] = "changed"
    assert tiny.organisations["name"].iloc[0] != "changed"


@pytest.mark.parametrize(
    ("flt", "lang", "sentence"),
    [
        (OrgFilter(), "ja", "すべての団体"),
        (OrgFilter(), "en", "All organisations"),
        (OrgFilter(fields=frozenset({"bousai"})), "ja", "防災・減災 で活動する団体"),
        (
            OrgFilter(fields=frozenset({"bousai"})),
            "en",
            "Organisations active in Disaster preparedness",
        ),
        (
            OrgFilter(
                fields=frozenset({"bousai"}),
                kinds=frozenset({"civic_group"}),
                areas=frozenset({"nw"}),
            ),
            "ja",
            "防災・減災 で活動する市民活動団体（北西）",
        ),
        (OrgFilter(text="子ども"), "ja", "すべての団体：名前に「子ども」を含む"),
        (
            OrgFilter(kinds=frozenset({"association", "council"})),
            "en",
            "All area councils and neighbourhood associations",
        ),
    ],
)
def test_describe(flt: OrgFilter, lang: str, sentence: str) -> None:
    labels = LABELS_EN if lang == "en" else LABELS_JA
    assert flt.describe(lang, field_labels=labels, area_labels=AREAS_JA) == sentence


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ja", "防災・減災 で活動する団体: 21地域中 4地域で0団体"),
        ("en", "Organisations active in Disaster preparedness: none in 4 of 21 areas"),
    ],
)
def test_describe_coverage(lang: str, sentence: str) -> None:
    flt = OrgFilter(fields=frozenset({"bousai"}))
    labels = LABELS_EN if lang == "en" else LABELS_JA
    assert flt.describe_coverage(4, 21, lang, field_labels=labels) == sentence


def test_filters_are_hashable_values() -> None:
    a = OrgFilter(fields=frozenset({"bousai"}))
    b = OrgFilter(fields=frozenset({"bousai"}))
    assert a == b and hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.text = "x"  # type: ignore[misc]


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        OrgFilter(kinds=frozenset({"club"}))


@pytest.mark.parametrize(
    ("raw", "folded"), [("ＡＢＣ １２", "abc12"), ("ｻﾝﾌﾟﾙ", "サンプル"), ("  ", "")]
)
def test_normalise(raw: str, folded: str) -> None:
    assert normalise(raw) == folded
