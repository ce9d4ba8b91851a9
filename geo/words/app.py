"""Texts of the public pages (explorer, matrix, area page, sources), part of the catalogue."""

from __future__ import annotations

from collections.abc import Mapping

APP_MESSAGES: dict[str, Mapping[str, str]] = {
    # app
    "app.title": {"ja": "{city} 協働まちづくりマップ", "en": "{city} Collaboration Map"},
    "app.subtitle": {
        "ja": "{n}の地域の地域づくり協議会・自治会・市民活動団体の活動と空白をひと目で",
        "en": "Who is active where across the {n} areas — and where the gaps are",
    },
    "app.language": {"ja": "言語 / Language", "en": "言語 / Language"},
    "app.sample_banner": {
        "ja": "表示中の団体データはサンプル（架空）です。実在の団体ではありません。",
        "en": "The organisations shown are sample data, not real organisations.",
    },
    "app.data_error": {
        "ja": "データを読み込めませんでした。管理者に連絡してください。",
        "en": "The data could not be loaded. Please contact the administrator.",
    },
    # an address the server refuses (a ".." in it, a NUL, two slashes in front)
    "server.refused.title": {
        "ja": "このアドレスは開けません",
        "en": "This address cannot be opened",
    },
    "server.refused.text": {
        "ja": "アドレスに、ここでは使えない文字や「..」が含まれています。",
        "en": "The address contains characters, or a “..”, that cannot be used here.",
    },
    "server.refused.link": {"ja": "地図を開く", "en": "Open the map"},
    "nav.explorer": {"ja": "地図で見る", "en": "Map explorer"},
    "nav.matrix": {"ja": "カバー状況の一覧", "en": "Coverage matrix"},
    "nav.area": {"ja": "地域のページ", "en": "Area page"},
    "nav.about": {"ja": "データと出典", "en": "Data & sources"},
    # filters
    "filter.header": {"ja": "絞り込み", "en": "Filters"},
    "filter.fields": {"ja": "活動分野", "en": "Fields of activity"},
    "filter.fields_help": {
        "ja": "地域の課題（防災・減災など）または特定非営利活動促進法の20分野",
        "en": "Local needs (such as disaster preparedness) or the NPO Law's 20 fields",
    },
    "filter.any": {"ja": "すべて（選んで絞り込み）", "en": "All (choose to narrow)"},
    "filter.kinds": {"ja": "団体の種類", "en": "Kinds of organisation"},
    "filter.focus": {"ja": "注目する地域", "en": "Focus on areas"},
    "filter.focus_help": {
        "ja": "選んだ地域は色分けのまま、ほかの地域は灰色で表示します。"
        "見出しと空白の一覧は選んだ地域について示します（基準は市全体のまま）。",
        "en": "The chosen areas keep their colours and the others are greyed. The headline "
        "and the gaps tab speak of the chosen areas (measured against the whole city).",
    },
    "filter.focus_all": {"ja": "市全体", "en": "The whole city"},
    "filter.bases": {"ja": "拠点の地域", "en": "Based in"},
    "filter.bases_help": {
        "ja": "団体を、拠点（所在地）のある地域で絞り込みます。",
        "en": "Shows only the organisations based in these areas.",
    },
    "filter.text": {"ja": "名前で検索", "en": "Search names"},
    "filter.metric": {"ja": "地図の色分け", "en": "Map colours by"},
    "filter.reset": {"ja": "条件をクリア", "en": "Clear filters"},
    "kind.council": {"ja": "地域づくり協議会", "en": "Area councils"},
    "kind.association": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "kind.civic_group": {"ja": "市民活動団体", "en": "Civic groups"},
    # the metrics' names, on their pickers and on the map (legend, tooltips, summary)
    "metric.count": {"ja": "活動する団体の数", "en": "Organisations active"},
    "metric.per_10k": {"ja": "人口1万人あたりの団体数", "en": "Organisations per 10,000 residents"},
    "metric.jishubo_rate": {
        "ja": "自主防災組織 活動カバー率",
        "en": "Voluntary disaster-prevention coverage",
    },
    "metric.jishubo_only_bousai": {
        "ja": "自主防災組織 活動カバー率は、活動分野で「防災・減災」を選ぶと選べます。",
        "en": "Voluntary disaster-prevention coverage can be chosen once “Disaster "
        "preparedness” is chosen under Fields of activity.",
    },
    "field.group.needs": {"ja": "地域の課題", "en": "Local needs"},
    "field.group.npo": {"ja": "NPO法の20分野", "en": "NPO Law fields"},
    # map
    "map.layers": {"ja": "表示するもの", "en": "Layers"},
    "layer.councils": {
        "ja": "地域づくり協議会・地域交流センター",
        "en": "Area councils & community centers",
    },
    "layer.associations": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "layer.civic_groups": {"ja": "市民活動団体", "en": "Civic groups"},
    "layer.shelters": {"ja": "避難場所", "en": "Evacuation sites"},
    "map.hazards": {"ja": "避難場所の災害種別", "en": "Evacuation sites by hazard"},
    "map.no_layers": {"ja": "地域の色分けのみ", "en": "Area colours only"},
    "map.all_hazards": {"ja": "すべての災害種別", "en": "Every hazard"},
    "map.basemap": {"ja": "背景地図", "en": "Base map"},
    "basemap.gsi": {"ja": "国土地理院 標準地図", "en": "GSI standard map"},
    "basemap.osm": {"ja": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap.none": {"ja": "背景地図なし", "en": "No base map"},
    "map.click_hint": {
        "ja": "地図の地域をクリックすると、その地域の数値が表示されます。",
        "en": "Click an area on the map to see its figures.",
    },
    # selected area panel
    "panel.pick": {"ja": "地域を選ぶ", "en": "Choose an area"},
    "panel.pick_placeholder": {
        "ja": "一覧から選ぶ",
        "en": "Pick from the list",
    },
    "panel.line.total": {
        "ja": "活動する団体の数 **{n:,}**",
        "en": "Organisations active **{n:,}**",
    },
    "panel.line.per_10k": {
        "ja": "人口1万人あたり **{value:.1f}**",
        "en": "Per 10,000 residents **{value:.1f}**",
    },
    "panel.line.jishubo": {
        "ja": "自主防災組織 活動カバー率 **{rate:.1%}**",
        "en": "Voluntary disaster-prevention coverage **{rate:.1%}**",
    },
    "panel.line.jishubo_unknown": {
        "ja": "自主防災組織 活動カバー率 **データなし**（自治会・町内会の加入世帯数が不明）",
        "en": "Voluntary disaster-prevention coverage **no data** (member households unknown)",
    },
    "panel.line.jishubo_national": {
        "ja": "自主防災組織 活動カバー率 **{rate:.1%}**（全国平均 {national:.1%}）",
        "en": "Voluntary disaster-prevention coverage **{rate:.1%}** "
        "(national average {national:.1%})",
    },
    "panel.gap": {"ja": "{kind}：{reason}", "en": "{kind}: {reason}"},
    "panel.line.residents": {
        "ja": "人口 {population:,}人・{households:,}世帯（2020年）",
        "en": "{population:,} residents, {households:,} households (2020)",
    },
    "panel.open_area": {"ja": "{name}のページを開く", "en": "Open the {name} page"},
    "panel.clear": {"ja": "選択を解除", "en": "Clear selection"},
    "panel.breakdown": {
        "ja": "協議会 {councils}・自治会 {associations}・市民活動団体 {civic_groups}",
        "en": "councils {councils} · associations {associations} · civic groups {civic_groups}",
    },
    # gaps
    "gaps.header": {"ja": "空白・手薄な地域", "en": "Gaps"},
    "gaps.none": {"ja": "空白・手薄な地域はありません。", "en": "No area is a gap."},
    "gaps.focus": {
        "ja": "注目する地域（{n}地域）だけを表示しています。",
        "en": "Only the focused areas are listed ({n}).",
    },
    "col.rank": {"ja": "順位", "en": "Rank"},
    "col.area": {"ja": "地域", "en": "Area"},
    "col.total": {"ja": "団体数", "en": "Organisations"},
    "col.councils": {"ja": "協議会", "en": "Councils"},
    "col.associations": {"ja": "自治会", "en": "Associations"},
    "col.civic_groups": {"ja": "市民活動団体", "en": "Civic groups"},
    "col.per_10k": {"ja": "1万人あたり", "en": "Per 10,000"},
    "col.jishubo_rate": {
        "ja": "自主防災組織 活動カバー率",
        "en": "Voluntary disaster-prevention coverage",
    },
    "col.gap_kind": {"ja": "判定", "en": "Finding"},
    "col.reason": {"ja": "理由", "en": "Reason"},
    "col.name": {"ja": "名前", "en": "Name"},
    "col.kind": {"ja": "種類", "en": "Kind"},
    "col.fields": {"ja": "活動分野", "en": "Fields"},
    "col.serves": {"ja": "活動地域", "en": "Serves"},
    "col.legal_form": {"ja": "法人格", "en": "Legal form"},
    "col.last_confirmed": {"ja": "最終確認", "en": "Last confirmed"},
    "col.sample": {"ja": "サンプル", "en": "Sample"},
    "col.households": {"ja": "世帯数", "en": "Households"},
    "col.jishubo": {"ja": "自主防災組織", "en": "Disaster-prevention group"},
    "col.population": {"ja": "人口", "en": "Population"},
    "yes": {"ja": "あり", "en": "yes"},
    "no": {"ja": "なし", "en": "no"},
    "citywide": {"ja": "市全域", "en": "citywide"},
    "legal.npo_corp": {"ja": "NPO法人", "en": "NPO corporation"},
    "legal.general_inc": {
        "ja": "一般社団法人・一般財団法人",
        "en": "General incorporated association or foundation",
    },
    "legal.authorized": {"ja": "認可地縁団体", "en": "Authorised neighbourhood association"},
    "legal.voluntary": {"ja": "任意団体", "en": "Voluntary group"},
    # tabs of the explorer
    "tab.map": {"ja": "地図", "en": "Map"},
    "tab.gaps": {"ja": "空白・手薄な地域", "en": "Gaps"},
    "tab.table": {"ja": "団体の一覧（表）", "en": "Organisations (table)"},
    "table.caption": {
        "ja": "地図に表示している団体の一覧です（キーボード・読み上げソフトで利用できます）。",
        "en": "The organisations on the map, as a table (usable by keyboard and screen reader).",
    },
    "table.count": {"ja": "{n:,}団体", "en": "{n:,} organisations"},
    "table.count_one": {"en": "{n:,} organisation"},
    # matrix
    "matrix.header": {"ja": "地域 × 活動分野のカバー状況", "en": "Coverage by area and field"},
    "matrix.filtered": {
        "ja": "サイドバーの絞り込みに合う{n:,}団体だけを数えています（{what}）。"
        "「条件をクリア」ですべての団体に戻ります。",
        "en": "Only the {n:,} organisations the sidebar's filter keeps are counted "
        "({what}). 'Clear filters' counts every organisation again.",
    },
    "matrix.filtered_one": {
        "en": "Only the {n:,} organisation the sidebar's filter keeps is counted "
        "({what}). 'Clear filters' counts every organisation again.",
    },
    "matrix.filtered_none": {
        "ja": "サイドバーの絞り込みに合う団体がありません（{what}）。"
        "そのため、すべての地域が空白に見えます。「条件をクリア」ですべての団体に戻ります。",
        "en": "No organisation matches the sidebar's filter ({what}), so every area shows "
        "as a gap. 'Clear filters' counts every organisation again.",
    },
    "matrix.caption.count": {
        "ja": "各地域で、その分野に活動する団体の数（協議会・自治会・市民活動団体の合計。"
        "市内全域で活動する団体はすべての地域に数えます）。",
        "en": "Organisations active in each field in each area (councils, associations and "
        "civic groups; a citywide group counts in every area).",
    },
    "matrix.caption.per_10k": {
        "ja": "各地域で、その分野に活動する団体の人口1万人あたりの数（2020年国勢調査の人口）。",
        "en": "Organisations active in each field per 10,000 residents of each area "
        "(2020 census population).",
    },
    "matrix.marks": {
        "ja": "赤字は空白・手薄な地域：✕ 空白（活動する団体がない）、▼ 少ない（人口1万人あたりが、"
        "その分野の市全体（人口で重み付け）の{share:.0%}未満）。地図の斜線、「空白・手薄な地域」と同じ判定です。",
        "en": "Gaps in red: ✕ no activity (no organisation), ▼ sparse (per 10,000 residents "
        "under {share:.0%} of the field's city rate, weighted by population) — the same rule "
        "as the map's gaps.",
    },
    "matrix.values": {"ja": "表示する値", "en": "Values"},
    "matrix.sort": {"ja": "並べ替え（CSVも同じ順）", "en": "Order (the CSV too)"},
    "matrix.sort.area": {"ja": "地域の順", "en": "Area order"},
    "matrix.descending": {"ja": "多い順", "en": "Largest first"},
    "matrix.order.asc": {"ja": "「{field}」の少ない順", "en": "{field}, smallest first"},
    "matrix.order.desc": {"ja": "「{field}」の多い順", "en": "{field}, largest first"},
    "matrix.csv.title": {"ja": "表題", "en": "Title"},
    "matrix.csv.sample": {"ja": "サンプルデータ", "en": "Sample data"},
    "matrix.csv.fields": {"ja": "分野", "en": "Fields"},
    "matrix.csv.metric": {"ja": "値", "en": "Values"},
    "matrix.csv.filter": {"ja": "対象の団体", "en": "Organisations"},
    "matrix.csv.order": {"ja": "並び順", "en": "Order"},
    "matrix.csv.date": {"ja": "作成日", "en": "Made on"},
    "matrix.csv.source": {"ja": "出典", "en": "Sources"},
    "matrix.which_fields": {"ja": "表示する分野", "en": "Fields to show"},
    "matrix.download": {"ja": "CSVでダウンロード", "en": "Download CSV"},
    "matrix.needs": {"ja": "地域の課題（8分野）", "en": "Local needs (8)"},
    "matrix.npo": {"ja": "NPO法の20分野", "en": "NPO Law's 20 fields"},
    "matrix.all": {"ja": "すべて", "en": "All"},
    # about
    "about.header": {"ja": "データと出典", "en": "Data and sources"},
    "about.intro": {
        "ja": "この地図は次の公開データを加工して作成しています。",
        "en": "This map is built from the following public data.",
    },
    "about.boundaries": {
        "ja": "次の地域の境界は、町字を地域に割り当てた推定を含むおおよその境界です：{areas}",
        "en": "The boundaries of these areas are approximate, as some of their towns were "
        "assigned by estimate: {areas}",
    },
    "about.contact": {"ja": "団体へのお問い合わせ", "en": "Contacting a group"},
    "about.contact_text": {
        "ja": "団体への連絡は {center} を通してください。",
        "en": "Please contact groups through {center}.",
    },
    "col.source": {"ja": "データ", "en": "Data"},
    "col.publisher": {"ja": "提供", "en": "Publisher"},
    "col.licence": {"ja": "利用条件", "en": "Licence"},
    "col.attribution": {"ja": "出典表記", "en": "Attribution"},
    "col.url": {"ja": "入手先", "en": "Download"},
    # area page
    "area.pick": {"ja": "地域を選ぶ", "en": "Choose an area"},
    "area.title": {"ja": "{name}地域", "en": "{name}"},
    "area.figures": {"ja": "主な数値", "en": "Key figures"},
    "area.download": {
        "ja": "印刷用シート（PDF）をダウンロード",
        "en": "Download the printable sheet (PDF)",
    },
    "area.disaster": {"ja": "防災", "en": "Disaster preparedness"},
    "area.jishubo_area": {
        "ja": "自主防災組織 活動カバー率（この地域）",
        "en": "Voluntary disaster-prevention coverage (this area)",
    },
    "area.jishubo_city": {"ja": "市全体", "en": "City"},
    "area.jishubo_national": {"ja": "全国平均（令和2年）", "en": "National average (2020)"},
    "area.missing_hazards": {
        "ja": "この地域には次の災害に対応する指定緊急避難場所がありません：{hazards}",
        "en": "No designated emergency site in this area for: {hazards}",
    },
    "area.coverage": {
        "ja": "分野ごとの活動（人口1万人あたり、市の中央値と比較）",
        "en": "Activity by field (per 10,000 residents, against the city median)",
    },
    "area.gaps": {"ja": "**空白・手薄な分野**", "en": "**Fields that are gaps**"},
    "area.associations": {"ja": "自治会・町内会（{n}）", "en": "Neighbourhood associations ({n})"},
    "area.list.associations": {
        "ja": "自治会・町内会の一覧",
        "en": "List of neighbourhood associations",
    },
    "area.list.civic_groups": {
        "ja": "この地域で活動する市民活動団体の一覧",
        "en": "List of civic groups active here",
    },
    "area.civic_groups": {
        "ja": "この地域で活動する市民活動団体（{n}）",
        "en": "Civic groups active here ({n})",
    },
    "area.unknown": {
        "ja": "「{value}」という地域はありません。下の一覧から選んでください。",
        "en": "There is no area “{value}”. Please choose one from the list below.",
    },
}
