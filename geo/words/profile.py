"""The area page's tables and notes (and the figures of the printed sheet).

``profile.<code>`` are the row labels and column headers (the codes of
:data:`geo.profile.TABLE_LABELS`), ``profile.unit.<code>`` a number with its unit,
``profile.confidence.<code>`` how sure the area's boundary is.
"""

from __future__ import annotations

from collections.abc import Mapping

PROFILE_MESSAGES: dict[str, Mapping[str, str]] = {
    "profile.item": {"ja": "項目", "en": "Item"},
    "profile.value": {"ja": "値", "en": "Value"},
    "profile.population": {"ja": "人口（令和2年国勢調査）", "en": "Population (2020 census)"},
    "profile.households": {"ja": "世帯数（令和2年国勢調査）", "en": "Households (2020 census)"},
    "profile.area_km2": {"ja": "面積", "en": "Area"},
    "profile.associations": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "profile.association_households": {
        "ja": "自治会・町内会の世帯数",
        "en": "Households in associations",
    },
    "profile.org_households": {"ja": "世帯数", "en": "Households"},
    "profile.council": {"ja": "地域づくり協議会", "en": "Area council"},
    "profile.committees": {"ja": "部会・活動分野", "en": "Sub-committees"},
    "profile.center": {"ja": "地域交流センター", "en": "Community center"},
    "profile.center_address": {"ja": "所在地", "en": "Address"},
    "profile.civic_groups": {"ja": "活動する市民活動団体", "en": "Civic groups active here"},
    "profile.jishubo_area": {
        "ja": "自主防災組織 活動カバー率（この地域）",
        "en": "Voluntary disaster-prevention coverage (this area)",
    },
    "profile.jishubo_city": {
        "ja": "自主防災組織 活動カバー率（市全体）",
        "en": "Voluntary disaster-prevention coverage (city)",
    },
    "profile.jishubo_national": {
        "ja": "自主防災組織 活動カバー率（全国・令和2年）",
        "en": "Voluntary disaster-prevention coverage (national, 2020)",
    },
    "profile.shelters": {"ja": "指定緊急避難場所", "en": "Designated evacuation sites"},
    "profile.missing_hazards": {
        "ja": "指定のない災害種別",
        "en": "Hazards with no designated site",
    },
    "profile.boundary": {"ja": "地域境界", "en": "Area boundary"},
    "profile.field": {"ja": "分野", "en": "Field"},
    "profile.count": {"ja": "団体数", "en": "Organisations"},
    "profile.per_10k": {"ja": "人口1万人あたり", "en": "Per 10,000 residents"},
    "profile.city_median": {"ja": "市の中央値（1万人あたり）", "en": "City median (per 10,000)"},
    "profile.gap": {"ja": "空白", "en": "Gap"},
    "profile.reason": {"ja": "状況", "en": "Status"},
    "profile.name": {"ja": "名称", "en": "Name"},
    "profile.jishubo": {"ja": "自主防災組織", "en": "Disaster-prevention group"},
    "profile.fields": {"ja": "活動分野", "en": "Fields"},
    "profile.based": {"ja": "拠点", "en": "Based in"},
    "profile.last_confirmed": {"ja": "最終確認日", "en": "Last confirmed"},
    "profile.hazards": {"ja": "対象とする災害", "en": "Hazards"},
    "profile.evacuation_center": {"ja": "指定避難所を兼ねる", "en": "Also an evacuation center"},
    "profile.sample": {"ja": "サンプル", "en": "Sample"},
    "profile.here": {"ja": "この地域", "en": "this area"},
    "profile.none": {"ja": "—", "en": "—"},
    "profile.based_citywide": {"ja": "{base}（市全域）", "en": "{base} (citywide)"},
    "profile.unit.people": {"ja": "{n}人", "en": "{n}"},
    "profile.unit.households": {"ja": "{n}世帯", "en": "{n}"},
    "profile.unit.orgs": {"ja": "{n}団体", "en": "{n}"},
    "profile.unit.sites": {"ja": "{n}か所", "en": "{n}"},
    "profile.confidence.high": {"ja": "確度 高", "en": "high confidence"},
    "profile.confidence.approximate": {"ja": "おおよそ", "en": "approximate"},
    "profile.boundary.high": {
        "ja": "町字 {total} 件すべての地域への割り当ては確度が高いものです。",
        "en": "All {total} towns of the area are assigned with high confidence.",
    },
    "profile.boundary.approximate": {
        "ja": "地域境界はおおよそです：町字 {total} 件のうち {guessed} 件は"
        "地域への割り当てが推定です（確度 中 {medium}・低 {low}）。"
        "正式な区域は地域交流センターでご確認ください。",
        "en": "The boundary is approximate: {guessed} of the area's {total} "
        "towns were assigned by estimate (medium {medium}, low {low}). "
        "The official list is at the community center.",
    },
}
