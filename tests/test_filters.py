from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from geo.coverage import coverage
from geo.filters import OrgFilter
from geo.model import CityData
from geo.normalise import normalise
from geo.words import Named

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
        (OrgFilter(bases=frozenset({"ne"})), ["c-ne", "a-3", "g-2"]),  # based there only
        (
            OrgFilter(bases=frozenset({"nw", "sw"}), kinds=frozenset({"civic_group"})),
            ["g-1", "g-3"],
        ),
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


NAMES = {
    "nw": Named("北西", "North-West"),
    "ne": Named("北東", "North-East"),
    "sw": Named("南西", "South-West"),
    "se": Named("南東", "South-East"),
}
FIELDS = {
    "kosodate": Named("子育て支援", "Child-rearing support"),
    "bousai": Named("防災・減災", "Disaster preparedness"),
}


@pytest.mark.parametrize(
    ("flt", "focus", "ja", "en"),
    [
        (
            OrgFilter(fields=frozenset({"bousai"})),
            (),
            "防災・減災：空白 1地域（南東）／3地域で 4団体が活動",
            "Disaster preparedness — areas with no activity: 1 (South-East) / "
            "active organisations: 4 (areas with activity: 3)",
        ),
        (
            OrgFilter(),
            (),
            "すべての分野：空白 1地域（南東）／3地域で 4団体が活動",
            "All fields — areas with no activity: 1 (South-East) / active organisations: 4 "
            "(areas with activity: 3)",
        ),
        (
            OrgFilter(fields=frozenset({"bousai", "kosodate"}), kinds=frozenset({"civic_group"})),
            (),
            "子育て支援、防災・減災（市民活動団体）：空白 1地域（南東）／3地域で 4団体が活動",
            "Child-rearing support, Disaster preparedness (civic groups) — areas with no "
            "activity: 1 (South-East) / active organisations: 4 (areas with activity: 3)",
        ),
        (
            OrgFilter(fields=frozenset({"bousai"}), bases=frozenset({"nw"}), text="子ども"),
            ("nw", "se"),
            "防災・減災（拠点：北西）（名前に「子ども」）【北西、南東】：空白 1地域（南東）"
            "／1地域で 4団体が活動",
            "Disaster preparedness (based in North-West) (name contains “子ども”) in "
            "North-West, South-East — areas with no activity: 1 (South-East) / active "
            "organisations: 4 (areas with activity: 1)",
        ),
    ],
)
def test_headline(tiny: CityData, flt: OrgFilter, focus: tuple[str, ...], ja: str, en: str) -> None:
    # the same coverage for every head: the head is what changes
    cov = coverage(tiny.areas, tiny.organisations, ("bousai",))
    said = flt.headline(
        cov, metric="count", organisations=4, names=NAMES, field_names=FIELDS, focus=focus
    )
    assert said.text("ja") == ja
    assert said.text("en") == en
    assert "0団体" not in said.text("ja")


@pytest.mark.parametrize("metric", ["count", "per_10k", "jishubo_rate"])
def test_headline_follows_the_metric(tiny: CityData, metric: str) -> None:
    flt = OrgFilter(fields=frozenset({"bousai"}))
    orgs = flt.apply(tiny.organisations)
    cov = coverage(tiny.areas, orgs, ("bousai",), metric=metric, associations=tiny.organisations)
    said = flt.headline(cov, metric=metric, organisations=4, names=NAMES, field_names=FIELDS).text(
        "ja"
    )
    expected = {
        "count": "3地域で 4団体が活動",
        "per_10k": "4地域の平均 人口1万人あたり 4.0団体（人口で重み付け）",
        # 500 of the associations' 750 member households have a 自主防災組織
        "jishubo_rate": "4地域の活動カバー率 66.7%",
    }[metric]
    assert said.endswith(expected)
    assert ("全国平均（84.3%）未満" in said) == (metric == "jishubo_rate")


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
    ("raw", "folded"),
    [
        ("ＡＢＣ １２", "abc12"),
        ("ｻﾝﾌﾟﾙ", "サンプル"),
        ("  ", ""),
        ("サン\u200bプル\ufeff", "サンプル"),  # a name pasted with invisible characters
        ("\u200f湯田\u2060", "湯田"),
    ],
)
def test_normalise(raw: str, folded: str) -> None:
    assert normalise(raw) == folded


def test_a_headline_says_when_no_member_households_tell_the_coverage(tiny: CityData) -> None:
    """A list of associations without 世帯数: the rate was 0.0 %, under the national
    84.3 % in every area; now nothing is flagged and the headline says why."""
    flt = OrgFilter(fields=frozenset({"bousai"}))
    blank = tiny.organisations.assign(households=pd.NA)
    cov = coverage(tiny.areas, flt.apply(blank), ("bousai",), metric="jishubo_rate")
    said = flt.headline(
        cov, metric="jishubo_rate", organisations=4, names=NAMES, field_names=FIELDS
    ).text("ja")
    assert said.endswith("4地域：自治会・町内会の加入世帯数が不明で、活動カバー率は出せません")
    assert "未満" not in said
    assert not cov["gap_reason"].eq("below_national").any()
