"""The area page's tables, notes and definitions (and the figures of the printed sheet).

``profile.<code>`` are the row labels and column headers (the codes of
:data:`geo.profile.TABLE_LABELS`), ``profile.unit.<code>`` a number with its unit,
``profile.confidence.<code>`` how sure the area's boundary is, ``profile.term.<code>``
and ``profile.def.<code>`` the terms of :data:`geo.profile.TERMS` with their one-line
definitions (shown as help on the page and in the sheet's 用語 box), and ``area.*`` the
area page's headings and notes.
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
        "ja": "自治会・町内会の加入世帯数",
        "en": "Households in associations",
    },
    "profile.membership": {"ja": "加入率", "en": "Membership rate"},
    "profile.membership.sample": {"ja": "{rate}（サンプル）", "en": "{rate} (sample)"},
    "profile.membership.over": {
        "ja": "{rate}：加入世帯数が国勢調査の世帯数を上回っています。確かめてください",
        "en": "{rate}: more member households than the census counted; please check",
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
        "ja": "自主防災組織 活動カバー率（全国平均・令和2年）",
        "en": "Voluntary disaster-prevention coverage (national average, 2020)",
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
    "profile.city_median": {"ja": "市全体（1万人あたり）", "en": "City (per 10,000)"},
    "profile.area_per_10k": {"ja": "この地域（1万人あたり）", "en": "This area (per 10,000)"},
    "profile.committee": {"ja": "協議会の部会", "en": "Council sub-committee"},
    "profile.this_area": {"ja": "{name}（この地域）", "en": "{name} (this area)"},
    "profile.city": {"ja": "市全体", "en": "City"},
    "profile.cell.gap": {"ja": "{value}（{status}）", "en": "{value} ({status})"},
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
    "profile.none_in_city": {"ja": "市内に活動なし", "en": "None in the city"},
    "profile.yes": {"ja": "○", "en": "✓"},
    "profile.based_citywide": {"ja": "{base}（市全域）", "en": "{base} (citywide)"},
    "profile.unit.people": {"ja": "{n}人", "en": "{n}"},
    "profile.unit.households": {"ja": "{n}世帯", "en": "{n}"},
    "profile.unit.orgs": {"ja": "{n}団体", "en": "{n}"},
    "profile.unit.sites": {"ja": "{n}か所", "en": "{n}"},
    "profile.confidence.high": {"ja": "確度 高", "en": "high confidence"},
    "profile.confidence.approximate": {"ja": "おおよそ", "en": "approximate"},
    "profile.boundary.high": {
        "ja": "町字 {total}件すべての地域への割り当ては確度が高いものです。",
        "en": "All {total} towns of the area are assigned with high confidence.",
    },
    "profile.boundary.approximate": {
        "ja": "地域境界はおおよそです：町字 {total}件のうち {guessed}件は"
        "地域への割り当てが推定です（確度 中 {medium}・低 {low}）。"
        "正式な区域は地域交流センターでご確認ください。",
        "en": "The boundary is approximate: {guessed} of the area's {total} "
        "towns were assigned by estimate (medium {medium}, low {low}). "
        "The official list is at the community center.",
    },
    # terms and their one-line definitions (page help and the sheet's 用語 box)
    "profile.term.line": {"ja": "{term}：{definition}", "en": "{term}: {definition}"},
    "profile.term.jishubo_rate": {
        "ja": "自主防災組織 活動カバー率",
        "en": "Voluntary disaster-prevention coverage",
    },
    "profile.def.jishubo_rate": {
        "ja": "自主防災組織のある自治会・町内会の加入世帯数 ÷ 地域の自治会・町内会の加入世帯数"
        "（自主防災組織が活動する区域に住む世帯の割合の推計）。"
        "全国平均 {national}（令和2年、消防白書）",
        "en": "Households of associations with a voluntary disaster-prevention "
        "organisation ÷ households of all the area's associations (an estimate of the "
        "share of households living where such an organisation is active). National "
        "average: {national} (2020, White Paper on Fire Service)",
    },
    "profile.term.per_10k": {"ja": "人口1万人あたり", "en": "Per 10,000 residents"},
    "profile.def.per_10k": {
        "ja": "その分野で地域に活動する団体の数 ÷ 人口（令和2年国勢調査）× 1万。"
        "全市で活動する団体はどの地域にも数えます",
        "en": "Organisations active in the field in the area ÷ population (2020 census) "
        "× 10,000; a citywide group counts in every area",
    },
    "profile.term.city": {"ja": "市全体", "en": "City"},
    "profile.def.city": {
        "ja": "市内で活動する団体の延べ数（地域ごとに数えた合計）÷ 市の人口 × 1万"
        "（人口で重み付け）",
        "en": "Organisations counted in every area they are active in, summed, "
        "÷ the city's population × 10,000 (weighted by population)",
    },
    "profile.term.gaps": {"ja": "空白・少ない・要注意", "en": "No activity, sparse, attention"},
    "profile.def.gaps": {
        "ja": "空白＝その分野で活動する団体がない。少ない＝人口1万人あたりが市全体の"
        "{share:.0%}未満。要注意＝防災・減災で、自主防災組織 活動カバー率が"
        "全国平均（{national}）未満",
        "en": "No activity: no organisation is active in the field here. Sparse: under "
        "{share:.0%} of the city's figure per 10,000 residents. Attention: for disaster "
        "preparedness, coverage under the national average ({national})",
    },
    "profile.term.membership": {"ja": "加入率", "en": "Membership rate"},
    "profile.def.membership": {
        "ja": "自治会・町内会の加入世帯数 ÷ 地域の世帯数（令和2年国勢調査）",
        "en": "Households in the area's associations ÷ households of the area (2020 census)",
    },
    "profile.def.membership.sample": {
        "ja": "自治会・町内会の加入世帯数 ÷ 地域の世帯数（令和2年国勢調査）。"
        "加入世帯数はサンプル（架空）です",
        "en": "Households in the area's associations ÷ households of the area (2020 census); "
        "the member households are sample (fictitious) figures",
    },
    "profile.term.neighbours": {"ja": "隣接する地域", "en": "Neighbouring areas"},
    "profile.def.neighbours": {
        "ja": "境界線を接する地域（点で接するだけの地域は含みません）",
        "en": "Areas that share a stretch of boundary (touching at a point does not count)",
    },
    # the area page
    "area.needs": {
        "ja": "地域の生活課題（人口1万人あたりの団体数）",
        "en": "Local needs (organisations per 10,000 residents)",
    },
    "area.needs.caption": {
        "ja": "協議会で話し合う8つの生活課題について、この地域と市全体を比べています。",
        "en": "The eight local needs a council plans around, this area beside the city.",
    },
    "area.npo": {
        "ja": "NPO法の20分野（人口1万人あたりの団体数）",
        "en": "The NPO Law's 20 fields (organisations per 10,000 residents)",
    },
    "area.neighbours": {
        "ja": "隣接する地域との比較（人口1万人あたりの団体数）",
        "en": "Beside the neighbouring areas (organisations per 10,000 residents)",
    },
    "area.neighbours.list": {
        "ja": "隣接する地域：{names}",
        "en": "Neighbouring areas: {names}",
    },
    "area.neighbours.none": {
        "ja": "市内で境界を接する地域はありません。",
        "en": "No area of the city shares a boundary with this one.",
    },
    "area.need_gaps": {
        "ja": "**空白・少ない・要注意の生活課題**",
        "en": "**Local needs with no activity, sparse or needing attention**",
    },
    "area.need_gaps.none": {
        "ja": "生活課題に空白・少ない・要注意の分野はありません。",
        "en": "No local need is without activity, sparse or in need of attention here.",
    },
    "area.map_title": {"ja": "{name}地域の地図", "en": "Map of {name}"},
    "area.chart.series": {"ja": "比べるもの", "en": "Compared"},
    "area.chart.value": {"ja": "人口1万人あたりの団体数", "en": "Organisations per 10,000"},
    "area.chart.field": {"ja": "分野", "en": "Field"},
    "area.chart.status": {"ja": "状況", "en": "Status"},
    "area.chart.description": {
        "ja": "{area}と市全体の、分野ごとの人口1万人あたりの団体数の棒グラフ。"
        "同じ数値を下の表に示しています。",
        "en": "Bar chart of organisations per 10,000 residents in each field, {area} "
        "beside the city. The table below gives the same figures.",
    },
}
