"""Texts drawn on the map itself: legend, tooltips, popups, counts and notices.

Layer names are the ``layer.<layer>`` keys of :mod:`geo.words.app` (the same words the
layer picker shows) and hazard names the ``hazard.<code>.short`` keys of
:mod:`geo.words.vocab`; nothing here repeats them.
"""

from __future__ import annotations

from collections.abc import Mapping

MAP_MESSAGES: dict[str, Mapping[str, str]] = {
    # the areas: their group, tooltip and legend
    "map.areas": {"ja": "地域", "en": "Areas"},
    "map.area": {"ja": "地域", "en": "Area"},
    "map.status": {"ja": "状況", "en": "Status"},
    "map.value.count": {"ja": "{n}団体", "en": "{n} organisations"},
    "map.value.count_one": {"en": "{n} organisation"},
    # under an area's name on the map, where room is short
    "map.label.count": {"ja": "{n}団体", "en": "{n} groups"},
    "map.label.count_one": {"en": "{n} group"},
    "map.value.per_10k": {"ja": "{v:.1f}団体／1万人", "en": "{v:.1f} per 10,000"},
    "map.legend.fields": {"ja": "分野", "en": "Fields"},
    "map.legend.fields_are": {"ja": "分野：{fields}", "en": "Fields: {fields}"},
    "map.legend.all_fields": {"ja": "すべての分野", "en": "all fields"},
    "map.legend.or_more": {"ja": "{lo}以上", "en": "{lo} or more"},
    "map.legend.gap": {
        "ja": "空白地域（団体がない・少ない）",
        "en": "Gap (no or few organisations)",
    },
    "map.legend.gap.jishubo_rate": {
        "ja": "空白・要注意の地域（団体がない・少ない・活動カバー率が全国平均未満）",
        "en": "Gap or attention (no or few organisations, coverage under the national average)",
    },
    "map.legend.selected": {"ja": "選択中の地域", "en": "Selected area"},
    "map.legend.muted": {"ja": "選んだ地域の外", "en": "Outside the chosen areas"},
    "map.legend.unknown": {
        "ja": "データなし（自治会・町内会の加入世帯数が不明）",
        "en": "No data (member households of the associations unknown)",
    },
    "map.value.unknown": {"ja": "データなし", "en": "no data"},
    "map.legend.points": {"ja": "地図上の地点", "en": "Points on the map"},
    "map.legend.cluster": {
        "ja": "近くの団体のまとまり（数字は団体数）",
        "en": "Nearby groups together (the number of groups)",
    },
    # the map's frame and controls
    "map.title.default": {"ja": "地図：地域ごとの{metric}", "en": "Map: {metric} by area"},
    "map.home": {"ja": "市全体を表示", "en": "Whole city"},
    "map.home.focus": {"ja": "選んだ地域を表示", "en": "Chosen areas"},
    "map.zoom_in": {"ja": "拡大", "en": "Zoom in"},
    "map.leaflet": {
        "ja": "地図を表示する JavaScript ライブラリ（新しいタブで開きます）",
        "en": "A JavaScript library for interactive maps (opens in a new tab)",
    },
    "map.zoom_out": {"ja": "縮小", "en": "Zoom out"},
    "map.layers.toggle": {"ja": "表示する地点", "en": "Points shown"},
    "map.legend": {"ja": "凡例", "en": "Legend"},
    "map.sources": {"ja": "出典", "en": "Sources"},
    "map.close": {"ja": "閉じる", "en": "Close"},
    # the attribution line: the base map's credit (the data sources' lines are in
    # geo/words/sources.py)
    "map.attribution.gsi": {"ja": "出典：国土地理院", "en": "Base map: GSI Japan"},
    "map.attribution.osm": {
        "ja": "© OpenStreetMap contributors",
        "en": "© OpenStreetMap contributors",
    },
    # the points' popups
    "map.sep": {"ja": "、", "en": ", "},
    "map.sample": {"ja": "サンプル（架空の団体）", "en": "Sample (fictitious)"},
    # an organisation whose address is known only to its 地域, drawn at the area's center
    "map.at_center": {
        "ja": "おおよその位置（地域交流センターの場所に表示）",
        "en": "Approximate place (shown at the area's community center)",
    },
    "map.kind.association": {"ja": "自治会・町内会", "en": "Neighbourhood association"},
    "map.kind.civic_group": {"ja": "市民活動団体", "en": "Civic group"},
    "map.shelter.site": {"ja": "指定緊急避難場所", "en": "Designated evacuation site"},
    "map.shelter.for": {"ja": "対象：{hazards}", "en": "For: {hazards}"},
    "map.shelter.also_shelter": {"ja": "指定避難所を兼ねる", "en": "Also a designated shelter"},
    # counts of a large layer (the text after the area's name)
    "map.count.orgs": {"ja": "：{n}団体", "en": ": {n} organisations"},
    "map.count.orgs_one": {"en": ": {n} organisation"},
    "map.count.sites": {"ja": "：{n}か所", "en": ": {n} sites"},
    "map.count.sites_one": {"en": ": {n} site"},
    "map.count.others": {"ja": "{area}ほか", "en": "{area} and others"},
    # shown on the base map in both languages (the base does not depend on the language)
    "map.offline": {
        "ja": "背景地図なし（インターネット未接続）",
        "en": "No base map (offline)",
    },
}
