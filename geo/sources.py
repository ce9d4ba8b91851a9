"""The public sources the bundled data is derived from, with licence and attribution."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from geo.words import has, text

#: The parts of a source worded in each language by the catalogue.
SourcePart = Literal["title", "publisher", "licence", "attribution"]
PARTS: tuple[SourcePart, ...] = ("title", "publisher", "licence", "attribution")


@dataclass(frozen=True)
class Source:
    """One data source.

    Attributes
    ----------
    source_id
        Short key.
    title
        What it is, in Japanese.
    publisher
        Who publishes it.
    licence
        Terms of use.
    attribution
        The line to show wherever the data is shown.
    url
        Where the official files are downloaded.
    used_for
        Which derived files come from it.
    """

    source_id: str
    title: str
    publisher: str
    licence: str
    attribution: str
    url: str
    used_for: str


SOURCES: tuple[Source, ...] = (
    Source(
        "estat",
        "令和2年国勢調査 小地域（基本単位区）境界データ 山口県山口市",
        "総務省統計局 e-Stat 統計地理情報システム",
        "政府標準利用規約（第2.0版）, compatible with CC BY 4.0",
        "出典：e-Stat 令和2年国勢調査 境界データ（加工して作成）",
        "https://www.e-stat.go.jp/gis/statmap-search?type=2 "
        "(境界データダウンロード → 小地域 → 国勢調査 2020 → 基本単位区 → 山口県山口市)",
        "areas.geojson, outline.geojson (boundaries, population, households)",
    ),
    Source(
        "geolonia",
        "Geolonia 住所データ（山口県山口市の町字と代表点）",
        "Geolonia",
        "CC BY 4.0",
        "出典：Geolonia 住所データ (CC BY 4.0)",
        "https://github.com/geolonia/japanese-addresses",
        "towns.csv",
    ),
    Source(
        "gsi-shelters",
        "指定緊急避難場所・指定避難所データ（山口市）",
        "国土地理院",
        "国土地理院コンテンツ利用規約（出典の明示で利用可）",
        "出典：国土地理院 指定緊急避難場所・指定避難所データ",
        "https://www.gsi.go.jp/bousaichiri/hinanbasho.html",
        "shelters.csv, centers.csv",
    ),
    Source(
        "n03",
        "国土数値情報 行政区域データ N03（2021年）",
        "国土交通省",
        "国土数値情報利用約款 (CC BY 4.0 compatible)",
        "出典：国土数値情報（行政区域データ）国土交通省",
        "https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N03-v3_0.html",
        "a cross-check of the city outline at build time (nothing shipped)",
    ),
    Source(
        "npo-law",
        "特定非営利活動促進法 別表（20の活動分野）",
        "e-Gov 法令検索",
        "法令（著作権の目的とならない）",
        "",
        "https://laws.e-gov.go.jp/law/410AC1000000007",
        "fields.csv",
    ),
    Source(
        "assignment",
        "町字→地域 対応表（草案）",
        "kyodo-map",
        "compiled from the census names; not an official list",
        "中心部の地域境界はおおよそです（町字の地域への割り当ては推定を含む）",
        "",
        "areas.geojson (which 町字 form each 地域), towns.csv",
    ),
    Source(
        "sample",
        "サンプル団体（自治会・町内会、市民活動団体、地域づくり協議会の部会）",
        "kyodo-map (generated with a fixed seed)",
        "sample data, not real organisations",
        "※団体データはサンプル（架空）です",
        "",
        "organisations.csv",
    ),
)


def source_text(source: Source, part: SourcePart, lang: str) -> str:
    """One part of ``source`` in ``lang``.

    Parameters
    ----------
    source
        A source of the data.
    part
        Which of its texts.
    lang
        The language of the page, map or sheet.

    Returns
    -------
    str
        The catalogue's ``source.<id>.<part>`` where the catalogue knows the source
        (its id, with the same Japanese title: a source of another city's data may
        share an id), else the text the data gives.
    """
    key = f"source.{source.source_id}.{part}"
    title = f"source.{source.source_id}.title"
    known = has(key) and has(title) and text(title, "ja") == source.title
    return text(key, lang) if known else str(getattr(source, part))


#: The source of the sample organisations, and its wording while only some are sample.
SAMPLE_SOURCE = "sample"
SOME_SAMPLE_SOURCE = "sample-part"


def sources_for(sources: Iterable[Source], sample_rows: int, all_rows: int) -> tuple[Source, ...]:
    """``sources`` as the organisations in use need them: the sample organisations'
    source only while some of them are sample, and then worded for "some" (「団体データの
    一部はサンプル」) unless all are, so no map, sheet or download calls real data sample.

    Parameters
    ----------
    sources
        The sources of the city's data (``sources.csv``).
    sample_rows, all_rows
        How many of the organisations in use are sample data, and how many there are.
    """
    out = []
    for source in sources:
        if source.source_id == SAMPLE_SOURCE and not sample_rows:
            continue
        if source.source_id == SAMPLE_SOURCE and sample_rows < all_rows:
            source = replace(
                source,
                source_id=SOME_SAMPLE_SOURCE,
                **{part: text(f"source.{SOME_SAMPLE_SOURCE}.{part}", "ja") for part in PARTS},
            )
        out.append(source)
    return tuple(out)


def attribution_lines(
    sources: Iterable[Source] = SOURCES, lang: str = "ja", *, leave_out: Iterable[str] = ()
) -> list[str]:
    """The attribution lines to show under every map and on every printed sheet, in
    ``lang``; sources with none, and those in ``leave_out`` (ids), are left out."""
    skip = set(leave_out)
    return [
        source_text(s, "attribution", lang)
        for s in sources
        if s.attribution and s.source_id not in skip
    ]
