"""The public sources of the bundled data, in both languages (``source.<id>.<part>``).

A source the catalogue does not know (another city's data) keeps the texts its
``sources.csv`` gives (:func:`geo.sources.source_text`).
"""

from __future__ import annotations

from collections.abc import Mapping

SOURCE_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "source.estat.title": {
        "ja": "令和2年国勢調査 小地域（基本単位区）境界データ 山口県山口市",
        "en": "2020 Census small-area (basic unit block) boundaries, Yamaguchi City",
    },
    "source.estat.publisher": {
        "ja": "総務省統計局 e-Stat 統計地理情報システム",
        "en": "Statistics Bureau of Japan, e-Stat (statistical GIS)",
    },
    "source.estat.licence": {
        "ja": "政府標準利用規約（第2.0版）（CC BY 4.0 と互換）",
        "en": "Government of Japan Standard Terms of Use 2.0 (compatible with CC BY 4.0)",
    },
    "source.geolonia.title": {
        "ja": "Geolonia 住所データ（山口県山口市の町字と代表点）",
        "en": "Geolonia address data (Yamaguchi City's towns and their points)",
    },
    "source.geolonia.publisher": {"ja": "Geolonia", "en": "Geolonia"},
    "source.geolonia.licence": {"ja": "CC BY 4.0", "en": "CC BY 4.0"},
    "source.gsi-shelters.title": {
        "ja": "指定緊急避難場所・指定避難所データ（山口市）",
        "en": "Designated evacuation sites and shelters (Yamaguchi City)",
    },
    "source.gsi-shelters.publisher": {
        "ja": "国土地理院",
        "en": "Geospatial Information Authority of Japan (GSI)",
    },
    "source.gsi-shelters.licence": {
        "ja": "国土地理院コンテンツ利用規約（出典の明示で利用可）",
        "en": "GSI Terms of Use (free to use with the source stated)",
    },
    "source.n03.title": {
        "ja": "国土数値情報 行政区域データ N03（2021年）",
        "en": "National Land Numerical Information, administrative areas N03 (2021)",
    },
    "source.n03.publisher": {
        "ja": "国土交通省",
        "en": "Ministry of Land, Infrastructure, Transport and Tourism (MLIT)",
    },
    "source.n03.licence": {
        "ja": "国土数値情報利用約款（CC BY 4.0 と互換）",
        "en": "National Land Numerical Information terms (compatible with CC BY 4.0)",
    },
    "source.npo-law.title": {
        "ja": "特定非営利活動促進法 別表（20の活動分野）",
        "en": "Act on Promotion of Specified Non-profit Activities, appended table (20 fields)",
    },
    "source.npo-law.publisher": {"ja": "e-Gov 法令検索", "en": "e-Gov law search"},
    "source.npo-law.licence": {
        "ja": "法令（著作権の目的とならない）",
        "en": "A law (not subject to copyright)",
    },
    "source.assignment.title": {
        "ja": "町字→地域 対応表（草案）",
        "en": "Towns to areas (draft)",
    },
    "source.assignment.publisher": {"ja": "kyodo-map", "en": "kyodo-map"},
    "source.assignment.licence": {
        "ja": "国勢調査の町字名から作成（市の公式な対応表ではありません）",
        "en": "Compiled from the census's town names; not an official list",
    },
    "source.sample.title": {
        "ja": "サンプル団体（自治会・町内会、市民活動団体、地域づくり協議会の部会）",
        "en": (
            "Sample organisations (neighbourhood associations, civic groups, councils' committees)"
        ),
    },
    "source.sample.publisher": {
        "ja": "kyodo-map（決まった乱数の種で作成）",
        "en": "kyodo-map (generated with a fixed seed)",
    },
    "source.sample.licence": {
        "ja": "サンプル（架空）データ。実在の団体ではありません",
        "en": "Sample (fictitious) data, not real organisations",
    },
    # the sample organisations' source while some of them have been replaced by real ones
    "source.sample-part.title": {
        "ja": "サンプル団体（実在の団体の一覧にまだ置き換えていない分）",
        "en": "Sample organisations (those not yet replaced by the real lists)",
    },
    "source.sample-part.publisher": {
        "ja": "kyodo-map（決まった乱数の種で作成）",
        "en": "kyodo-map (generated with a fixed seed)",
    },
    "source.sample-part.licence": {
        "ja": "サンプル（架空）データ。実在の団体ではありません",
        "en": "Sample (fictitious) data, not real organisations",
    },
    "source.sample-part.attribution": {
        "ja": "※団体データの一部はサンプル（架空）です",
        "en": "Some organisation data are samples (fictitious)",
    },
    # the line shown under every map and on every printed sheet
    "source.estat.attribution": {
        "ja": "出典：e-Stat 令和2年国勢調査 境界データ（加工して作成）",
        "en": "Boundaries: e-Stat, 2020 Census (processed)",
    },
    "source.geolonia.attribution": {
        "ja": "出典：Geolonia 住所データ (CC BY 4.0)",
        "en": "Addresses: Geolonia (CC BY 4.0)",
    },
    "source.gsi-shelters.attribution": {
        "ja": "出典：国土地理院 指定緊急避難場所・指定避難所データ",
        "en": "Evacuation sites: GSI Japan",
    },
    "source.n03.attribution": {
        "ja": "出典：国土数値情報（行政区域データ）国土交通省",
        "en": "Administrative boundaries: MLIT National Land Numerical Information",
    },
    "source.assignment.attribution": {
        "ja": "中心部の地域境界はおおよそです（町字の地域への割り当ては推定を含む）",
        "en": "Area boundaries in the centre are approximate (towns assigned by estimate)",
    },
    "source.sample.attribution": {
        "ja": "※団体データはサンプル（架空）です",
        "en": "Organisation data are samples (fictitious)",
    },
}
