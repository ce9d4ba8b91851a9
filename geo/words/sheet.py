"""The printed A4 area sheet (:mod:`geo.sheet`): headings, labels, notes and legends.

The sheet is printed in Japanese; the English texts make the same sheet in English.
"""

from __future__ import annotations

from collections.abc import Mapping

SHEET_MESSAGES: dict[str, Mapping[str, str]] = {
    "sheet.title": {
        "ja": "{area}地域 協働まちづくりシート",
        "en": "{area}: area collaboration sheet",
    },
    "sheet.subtitle": {
        "ja": "{app}　｜　{name_ja}（{kana}）・{name_en}",
        "en": "{app}  |  {name_en} ({name_ja}, {kana})",
    },
    "sheet.list_continued": {"ja": "{heading}（つづき）", "en": "{heading} (continued)"},
    "sheet.continued": {
        "ja": "{area}地域 協働まちづくりシート（つづき）",
        "en": "{area}: area collaboration sheet (continued)",
    },
    # the map's legend
    "sheet.layer.associations": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "sheet.layer.groups": {"ja": "市民活動団体（拠点）", "en": "Civic groups (base)"},
    "sheet.layer.shelters": {"ja": "指定緊急避難場所", "en": "Designated evacuation sites"},
    "sheet.layer.center": {"ja": "地域交流センター", "en": "Community center"},
    "sheet.layer.count": {"ja": "{label}（{n}）", "en": "{label} ({n})"},
    # under the legend, when some organisations' addresses are known only to the area
    # and the map draws them at the 交流センター's star
    "sheet.layer.at_center": {
        "ja": "※{n}団体は所在地が地域までしか分からないため、地域交流センターの位置に表示",
        "en": "* {n} organisations shown at the community center: their address is known"
        " only to the area",
    },
    "sheet.layer.at_center_one": {
        "en": "* {n} organisation shown at the community center: its address is known only"
        " to the area",
    },
    # key figures
    "sheet.figures": {"ja": "基本データ", "en": "Key figures"},
    "sheet.fig.population": {"ja": "人口・世帯数", "en": "People, households"},
    "sheet.fig.population.value": {
        "ja": "{n}人・{households}世帯（令和2年国勢調査）",
        "en": "{n} people, {households} households (2020 census)",
    },
    "sheet.fig.area": {"ja": "面積", "en": "Area"},
    "sheet.fig.associations": {"ja": "自治会・町内会", "en": "Associations"},
    "sheet.fig.associations.value": {
        "ja": "{n}団体・加入 {households}世帯",
        "en": "{n}, {households} member households",
    },
    "sheet.fig.membership": {"ja": "加入率", "en": "Membership"},
    "sheet.fig.council": {"ja": "地域づくり協議会", "en": "Area council"},
    "sheet.fig.committees": {"ja": "部会・活動分野", "en": "Sub-committees"},
    "sheet.fig.center": {"ja": "地域交流センター", "en": "Community center"},
    "sheet.fig.address": {"ja": "所在地", "en": "Address"},
    "sheet.fig.civic_groups": {"ja": "市民活動団体", "en": "Civic groups"},
    "sheet.fig.civic_groups.value": {
        "ja": "{n}団体が活動（うち地域内に拠点 {based}）",
        "en": "{n} active ({based} based in the area)",
    },
    "sheet.none": {"ja": "—", "en": "—"},
    # 自主防災組織
    "sheet.jishubo": {
        "ja": "自主防災組織 活動カバー率",
        "en": "Voluntary disaster-prevention coverage",
    },
    "sheet.jishubo.area": {"ja": "この地域", "en": "This area"},
    "sheet.jishubo.national": {"ja": "全国平均（令和2年）", "en": "National average (2020)"},
    # evacuation sites
    "sheet.shelters": {"ja": "避難場所と災害種別", "en": "Evacuation sites and hazards"},
    "sheet.shelters.count": {
        "ja": "指定緊急避難場所 {n}か所（うち指定避難所を兼ねる {centers}か所）",
        "en": "{n} designated evacuation sites ({centers} also evacuation centers)",
    },
    "sheet.shelters.per_hazard": {"ja": "災害別：{counts}", "en": "Per hazard: {counts}"},
    "sheet.shelters.hazard_count": {"ja": "{hazard} {n}", "en": "{hazard} {n}"},
    "sheet.shelters.missing_main": {
        "ja": "この地域に指定のない主な災害：{hazards}",
        "en": "Main hazards with no site in this area: {hazards}",
    },
    "sheet.shelters.missing_other": {
        "ja": "指定のないその他の災害：{hazards}",
        "en": "Other hazards with no site: {hazards}",
    },
    # the local needs and the NPO Law's fields
    "sheet.needs": {
        "ja": "地域の生活課題（人口1万人あたりの団体数）",
        "en": "Local needs (organisations per 10,000 residents)",
    },
    "sheet.needs.field": {"ja": "分野", "en": "Field"},
    "sheet.needs.committee": {"ja": "部会", "en": "Committee"},
    "sheet.needs.area": {"ja": "この地域", "en": "This area"},
    "sheet.needs.city": {"ja": "市全体", "en": "City"},
    "sheet.needs.status": {"ja": "状況", "en": "Status"},
    "sheet.needs.neighbours": {
        "ja": "隣接する地域（▲は空白・少ない・要注意）",
        "en": "Neighbouring areas (▲ no activity, sparse or attention)",
    },
    "sheet.needs.mark": {"ja": "▲", "en": "▲"},
    "sheet.needs.no_neighbours": {
        "ja": "市内で境界を接する地域はありません。",
        "en": "No area of the city shares a boundary with this one.",
    },
    "sheet.npo": {
        "ja": "NPO法の20分野（人口1万人あたりの団体数、▲は空白・少ない）",
        "en": "The NPO Law's 20 fields (organisations per 10,000 residents; "
        "▲ no activity or sparse)",
    },
    # the 用語 box
    "sheet.terms": {"ja": "用語", "en": "Terms"},
    "sheet.term": {"ja": "{term}：{definition}", "en": "{term}: {definition}"},
    # lists
    "sheet.table.empty": {"ja": "登録がありません", "en": "None registered"},
    "sheet.associations": {
        "ja": "自治会・町内会（{n}団体・加入 {households}世帯・加入率 {rate}）",
        "en": "Neighbourhood associations ({n}, {households} member households, {rate})",
    },
    "sheet.associations.note": {
        "ja": "右の数字は加入世帯数",
        "en": "Figures on the right: member households",
    },
    "sheet.associations.jishubo": {
        "ja": "自主防災組織あり（{n}）",
        "en": "With a disaster-prevention group ({n})",
    },
    "sheet.associations.no_jishubo": {
        "ja": "自主防災組織なし（{n}）",
        "en": "Without a disaster-prevention group ({n})",
    },
    "sheet.civic_groups": {
        "ja": "市民活動団体（{n}団体・うち地域内に拠点 {based}）",
        "en": "Civic groups ({n}, {based} based in the area)",
    },
    "sheet.groups.here": {"ja": "この地域に拠点（{n}）", "en": "Based in this area ({n})"},
    "sheet.groups.other": {
        "ja": "他の地域に拠点・この地域でも活動（{n}）",
        "en": "Based in another area, active here too ({n})",
    },
    "sheet.groups.citywide": {
        "ja": "市内全域で活動（{n}）",
        "en": "Active citywide ({n})",
    },
    # footer
    "sheet.note": {"ja": "※{note}", "en": "* {note}"},
    "sheet.sources.sep": {"ja": "　／　", "en": " / "},
    "sheet.made": {
        "ja": "作成日：{date.year}年{date.month}月{date.day}日　｜　{app}"
        "　｜　{page}／{pages}ページ",
        "en": "Made on {date:%Y-%m-%d}  |  {app}  |  page {page} of {pages}",
    },
}
