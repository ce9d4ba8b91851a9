"""The sources' texts in each language (geo.sources): the catalogue's words for the
bundled sources, the data's own for a source the catalogue does not know."""

from __future__ import annotations

import dataclasses

import pytest

from geo.model import CityData
from geo.sources import SOURCES, Source, attribution_lines, source_text, sources_for
from geo.words import MESSAGES, has, text

PARTS = ("title", "publisher", "licence", "attribution")


@pytest.mark.parametrize(
    ("source_id", "part", "lang", "expected"),
    [
        ("estat", "licence", "ja", "政府標準利用規約（第2.0版）（CC BY 4.0 と互換）"),
        (
            "estat",
            "licence",
            "en",
            "Government of Japan Standard Terms of Use 2.0 (compatible with CC BY 4.0)",
        ),
        ("gsi-shelters", "publisher", "en", "Geospatial Information Authority of Japan (GSI)"),
        (
            "assignment",
            "licence",
            "ja",
            "国勢調査の町字名から作成（市の公式な対応表ではありません）",
        ),
        ("sample", "publisher", "ja", "kyodo-map（決まった乱数の種で作成）"),
        ("sample", "attribution", "en", "Organisation data are samples (fictitious)"),
        (
            "n03",
            "title",
            "en",
            "National Land Numerical Information, administrative areas N03 (2021)",
        ),
    ],
)
def test_a_bundled_source_in_each_language(
    source_id: str, part: str, lang: str, expected: str
) -> None:
    source = next(s for s in SOURCES if s.source_id == source_id)
    assert source_text(source, part, lang) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("source", SOURCES, ids=[s.source_id for s in SOURCES])
def test_the_catalogue_words_every_bundled_source(source: Source, city: CityData) -> None:
    """Every part of every bundled source is in the catalogue; its Japanese title and
    attribution are the data's own (the catalogue and the shipped files agree)."""
    shipped = {s.source_id: s for s in city.sources}[source.source_id]
    for part in PARTS:
        key = f"source.{shipped.source_id}.{part}"
        if part == "attribution" and not shipped.attribution:
            assert not has(key)
            continue
        assert has(key), key
    assert source_text(shipped, "title", "ja") == shipped.title
    if shipped.attribution:
        assert source_text(shipped, "attribution", "ja") == shipped.attribution


def test_a_source_the_catalogue_does_not_know_keeps_its_own_texts() -> None:
    other = dataclasses.replace(
        SOURCES[0],
        source_id="city-survey",
        title="市民調査",
        licence="CC BY 4.0",
        attribution="出典：市民調査",
    )
    for lang in ("ja", "en"):
        assert source_text(other, "title", lang) == "市民調査"
        assert attribution_lines([other], lang) == ["出典：市民調査"]


def test_a_source_of_the_same_id_but_another_title_keeps_its_own_texts() -> None:
    """Another city's census boundaries: the same id, its own title and lines."""
    other = dataclasses.replace(SOURCES[0], title="令和2年国勢調査 境界データ テスト市")
    assert source_text(other, "title", "en") == other.title
    assert source_text(other, "licence", "en") == other.licence
    assert attribution_lines([other], "en") == [other.attribution]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_attribution_lines_leave_out_what_is_asked(lang: str) -> None:
    every = attribution_lines(SOURCES, lang)
    without = attribution_lines(SOURCES, lang, leave_out=("sample",))
    assert every[:-1] == without
    assert every[-1] == MESSAGES["source.sample.attribution"][lang]


@pytest.mark.parametrize(
    ("sample_rows", "all_rows", "ja", "en"),
    [
        (
            984,
            984,
            "※団体データはサンプル（架空）です",
            "Organisation data are samples (fictitious)",
        ),
        (
            300,
            984,
            "※団体データの一部はサンプル（架空）です",
            "Some organisation data are samples (fictitious)",
        ),
        (0, 984, None, None),
        (0, 0, None, None),
    ],
)
def test_the_sample_line_says_how_much_is_sample(
    sample_rows: int, all_rows: int, ja: str | None, en: str | None
) -> None:
    sources = sources_for(SOURCES, sample_rows, all_rows)
    others = [s for s in SOURCES if s.source_id != "sample"]
    assert [s for s in sources if not s.source_id.startswith("sample")] == others
    for lang, line in (("ja", ja), ("en", en)):
        lines = attribution_lines(sources, lang)
        assert lines[len(attribution_lines(others, lang)) :] == ([] if line is None else [line])
        for source in sources:  # the sample source worded by the catalogue, in each language
            for part in PARTS:
                key = f"source.{source.source_id}.{part}"
                if has(key):
                    assert source_text(source, part, lang) == text(key, lang)  # type: ignore[arg-type]
