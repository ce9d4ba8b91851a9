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
    # the map's legend
    "sheet.layer.associations": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "sheet.layer.groups": {"ja": "市民活動団体（拠点）", "en": "Civic groups (base)"},
    "sheet.layer.shelters": {"ja": "指定緊急避難場所", "en": "Designated evacuation sites"},
    "sheet.layer.center": {"ja": "地域交流センター", "en": "Community center"},
    "sheet.layer.count": {"ja": "{label}（{n}）", "en": "{label} ({n})"},
    # the coverage chart
    "sheet.chart.axis": {
        "ja": "人口1万人あたりの団体数",
        "en": "Organisations per 10,000 residents",
    },
    "sheet.chart.area": {"ja": "この地域", "en": "This area"},
    "sheet.chart.gap_fields": {"ja": "空白分野", "en": "Gap fields"},
    "sheet.chart.median": {"ja": "市の中央値", "en": "City median"},
    "sheet.chart.gap": {"ja": "空白", "en": "gap"},
    # key figures
    "sheet.figures": {"ja": "基本データ", "en": "Key figures"},
    "sheet.fig.population": {"ja": "人口", "en": "Population"},
    "sheet.fig.population.value": {
        "ja": "{n}人（令和2年国勢調査）",
        "en": "{n} (2020 census)",
    },
    "sheet.fig.households": {"ja": "世帯数", "en": "Households"},
    "sheet.fig.households.value": {"ja": "{n}世帯", "en": "{n}"},
    "sheet.fig.area": {"ja": "面積", "en": "Area"},
    "sheet.fig.associations": {"ja": "自治会・町内会", "en": "Associations"},
    "sheet.fig.associations.value": {
        "ja": "{n}団体（{households}世帯）",
        "en": "{n} ({households} households)",
    },
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
    "sheet.jishubo.national": {"ja": "全国（令和2年）", "en": "Japan (2020)"},
    "sheet.jishubo.note": {
        "ja": "自主防災組織のある自治会・町内会の世帯数 ÷ 地域の世帯数（国勢調査）",
        "en": "Households of associations with a disaster-prevention group "
        "÷ households of the area (census)",
    },
    # gaps
    "sheet.gaps": {
        "ja": "活動の空白（市の中央値との比較）",
        "en": "Gaps in activity (against the city median)",
    },
    "sheet.gaps.none": {
        "ja": "空白となっている分野はありません。",
        "en": "No field is a gap.",
    },
    "sheet.gaps.item": {"ja": "・{field}：{reason}", "en": "• {field}: {reason}"},
    "sheet.gaps.more": {
        "ja": "・ほか {n}分野：{fields}",
        "en": "• {n} more fields: {fields}",
    },
    "sheet.gaps.inactive": {
        "ja": "市内に活動団体のない分野：{fields}",
        "en": "Fields with no organisation in the city: {fields}",
    },
    # evacuation sites
    "sheet.shelters": {"ja": "避難場所と災害種別", "en": "Evacuation sites and hazards"},
    "sheet.shelters.count": {
        "ja": "指定緊急避難場所 {n}か所（うち指定避難所を兼ねる {centers}か所）",
        "en": "{n} designated evacuation sites ({centers} also evacuation centers)",
    },
    "sheet.shelters.per_hazard": {
        "ja": "災害別の指定数：{counts}",
        "en": "Sites per hazard: {counts}",
    },
    "sheet.shelters.hazard_count": {"ja": "{hazard} {n}", "en": "{hazard} {n}"},
    "sheet.shelters.missing_main": {
        "ja": "この地域に指定のない主な災害：{hazards}",
        "en": "Main hazards with no site in this area: {hazards}",
    },
    "sheet.shelters.all_main": {
        "ja": "{hazards}のすべてに指定の場所があります",
        "en": "There are sites for every one of {hazards}",
    },
    "sheet.shelters.missing_other": {
        "ja": "指定のないその他の災害：{hazards}",
        "en": "Other hazards with no site: {hazards}",
    },
    # lists
    "sheet.table.more": {"ja": "ほか {n}件", "en": "{n} more"},
    "sheet.table.empty": {"ja": "登録がありません", "en": "None registered"},
    "sheet.col.name": {"ja": "名称", "en": "Name"},
    "sheet.col.households": {"ja": "世帯数", "en": "Households"},
    "sheet.col.jishubo": {"ja": "自主防災", "en": "Disaster prev."},
    "sheet.col.base": {"ja": "拠点", "en": "Based in"},
    "sheet.col.confirmed": {"ja": "最終確認", "en": "Confirmed"},
    "sheet.associations": {
        "ja": "自治会・町内会（{n}団体・{households}世帯）",
        "en": "Neighbourhood associations ({n}, {households} households)",
    },
    "sheet.civic_groups": {
        "ja": "市民活動団体（{n}団体・うち地域内に拠点 {based}）",
        "en": "Civic groups ({n}, {based} based in the area)",
    },
    "sheet.base.here": {"ja": "この地域", "en": "This area"},
    "sheet.base.citywide": {"ja": "{base}（全市）", "en": "{base} (citywide)"},
    "sheet.month": {"ja": "{date:%Y年%m月}", "en": "{date:%Y-%m}"},
    "sheet.coverage": {
        "ja": "分野別の活動（人口1万人あたり）",
        "en": "Activity by field (per 10,000 residents)",
    },
    # footer
    "sheet.note": {"ja": "※{note}", "en": "* {note}"},
    "sheet.sample_notice": {
        "ja": "※団体データはサンプル（架空）です",
        "en": "* The organisation data is sample (fictitious) data",
    },
    "sheet.sample_warning": {
        "ja": "{notice}。実在の団体ではありません。",
        "en": "{notice}: not real organisations.",
    },
    "sheet.sources.sep": {"ja": "　／　", "en": " / "},
    "sheet.made": {
        "ja": "作成日：{date.year}年{date.month}月{date.day}日　｜　{app}",
        "en": "Made on {date:%Y-%m-%d}  |  {app}",
    },
}
