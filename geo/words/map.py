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
    "map.metric.count": {"ja": "活動する団体の数", "en": "Organisations active"},
    "map.metric.per_10k": {
        "ja": "人口1万人あたりの団体数",
        "en": "Organisations per 10,000 residents",
    },
    "map.metric.jishubo_rate": {
        "ja": "自主防災組織 活動カバー率",
        "en": "Households covered by a voluntary disaster-prevention group",
    },
    "map.value.count": {"ja": "{n} 団体", "en": "{n} organisations"},
    "map.value.per_10k": {"ja": "{v:.1f} 団体／1万人", "en": "{v:.1f} per 10,000"},
    "map.legend.fields": {"ja": "分野", "en": "Fields"},
    "map.legend.all_fields": {"ja": "すべての分野", "en": "all fields"},
    "map.legend.or_more": {"ja": "{lo} 以上", "en": "{lo} or more"},
    "map.legend.gap": {
        "ja": "空白地域（団体がない・少ない）",
        "en": "Gap (no or few organisations)",
    },
    "map.legend.selected": {"ja": "選択中の地域", "en": "Selected area"},
    # the points' popups
    "map.sep": {"ja": "、", "en": ", "},
    "map.sample": {"ja": "サンプル（架空の団体）", "en": "Sample (fictitious)"},
    "map.kind.association": {"ja": "自治会・町内会", "en": "Neighbourhood association"},
    "map.kind.civic_group": {"ja": "市民活動団体", "en": "Civic group"},
    "map.shelter.site": {"ja": "指定緊急避難場所", "en": "Designated evacuation site"},
    "map.shelter.for": {"ja": "対象：{hazards}", "en": "For: {hazards}"},
    "map.shelter.also_shelter": {"ja": "指定避難所を兼ねる", "en": "Also a designated shelter"},
    # counts of a large layer (the text after the area's name)
    "map.count.orgs": {"ja": "：{n} 団体", "en": ": {n} organisations"},
    "map.count.sites": {"ja": "：{n} か所", "en": ": {n} sites"},
    "map.count.others": {"ja": "{area}ほか", "en": "{area} and others"},
    # shown on the base map in both languages (the base does not depend on the language)
    "map.offline": {
        "ja": "背景地図を読み込めません（インターネット未接続）",
        "en": "Base map unavailable (offline)",
    },
}
