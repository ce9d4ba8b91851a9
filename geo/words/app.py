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
    "filter.areas": {"ja": "地域", "en": "Areas"},
    "filter.text": {"ja": "名前で検索", "en": "Search names"},
    "filter.metric": {"ja": "地図の色分け", "en": "Map colours by"},
    "filter.reset": {"ja": "条件をクリア", "en": "Clear filters"},
    "kind.council": {"ja": "地域づくり協議会", "en": "Area councils"},
    "kind.association": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "kind.civic_group": {"ja": "市民活動団体", "en": "Civic groups"},
    "metric.count": {"ja": "活動団体数", "en": "Active organisations"},
    "metric.per_10k": {"ja": "人口1万人あたり団体数", "en": "Organisations per 10,000 residents"},
    "metric.jishubo_rate": {
        "ja": "自主防災組織 活動カバー率",
        "en": "Voluntary disaster-prevention coverage",
    },
    "metric.jishubo_only_bousai": {
        "ja": "活動カバー率は「防災・減災」を選んだときに使えます。",
        "en": "Coverage by voluntary disaster-prevention groups applies to disaster preparedness.",
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
    "layer.shelters": {"ja": "避難所", "en": "Evacuation sites"},
    "map.hazards": {"ja": "避難所の災害種別", "en": "Shelters for hazard"},
    "map.basemap": {"ja": "背景地図", "en": "Base map"},
    "basemap.gsi": {"ja": "国土地理院 標準地図", "en": "GSI standard map"},
    "basemap.osm": {"ja": "OpenStreetMap", "en": "OpenStreetMap"},
    "basemap.none": {"ja": "背景地図なし", "en": "No base map"},
    "map.click_hint": {
        "ja": "地図の地域をクリックすると、その地域の数値が表示されます。",
        "en": "Click an area on the map to see its figures.",
    },
    # selected area panel
    "panel.header": {"ja": "選択した地域", "en": "Selected area"},
    "panel.none": {"ja": "地域が選ばれていません。", "en": "No area selected."},
    "panel.population": {"ja": "人口（2020年）", "en": "Population (2020)"},
    "panel.households": {"ja": "世帯数（2020年）", "en": "Households (2020)"},
    "panel.total": {"ja": "活動団体数", "en": "Active organisations"},
    "panel.per_10k": {"ja": "人口1万人あたり", "en": "Per 10,000 residents"},
    "panel.jishubo": {"ja": "自主防災組織 活動カバー率", "en": "Disaster-prevention coverage"},
    "panel.national": {"ja": "全国 {rate}", "en": "national {rate}"},
    "panel.open_area": {"ja": "{name}のページを開く", "en": "Open the {name} page"},
    "panel.clear": {"ja": "選択を解除", "en": "Clear selection"},
    "panel.breakdown": {
        "ja": "協議会 {councils}・自治会 {associations}・市民活動団体 {civic_groups}",
        "en": "councils {councils} · associations {associations} · civic groups {civic_groups}",
    },
    # gaps
    "gaps.header": {"ja": "空白・手薄な地域", "en": "Gaps"},
    "gaps.caption": {
        "ja": "選んだ分野で活動が少ない順。0団体、または人口1万人あたりの団体数が市の中央値の"
        "{share}未満の地域を「空白」としています。",
        "en": "Least covered first. An area is a gap with no organisation, or with fewer "
        "organisations per 10,000 residents than {share} of the city median.",
    },
    "gaps.none": {"ja": "空白の地域はありません。", "en": "No area is a gap."},
    "col.rank": {"ja": "順位", "en": "Rank"},
    "col.area": {"ja": "地域", "en": "Area"},
    "col.total": {"ja": "団体数", "en": "Organisations"},
    "col.councils": {"ja": "協議会", "en": "Councils"},
    "col.associations": {"ja": "自治会", "en": "Associations"},
    "col.civic_groups": {"ja": "市民活動団体", "en": "Civic groups"},
    "col.per_10k": {"ja": "1万人あたり", "en": "Per 10,000"},
    "col.jishubo_rate": {"ja": "自主防災カバー率", "en": "Disaster-prevention coverage"},
    "col.gap": {"ja": "空白", "en": "Gap"},
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
    "legal.general_inc": {"ja": "一般社団法人", "en": "General incorporated association"},
    "legal.authorized": {"ja": "認可地縁団体", "en": "Authorised neighbourhood body"},
    "legal.voluntary": {"ja": "任意団体", "en": "Voluntary group"},
    # tabs of the explorer
    "tab.map": {"ja": "地図", "en": "Map"},
    "tab.gaps": {"ja": "空白の地域", "en": "Gaps"},
    "tab.table": {"ja": "団体の一覧（表）", "en": "Organisations (table)"},
    "table.caption": {
        "ja": "地図に表示している団体の一覧です（キーボード・読み上げソフトで利用できます）。",
        "en": "The organisations on the map, as a table (usable by keyboard and screen reader).",
    },
    "table.count": {"ja": "{n} 団体", "en": "{n} organisations"},
    # matrix
    "matrix.header": {"ja": "地域 × 活動分野のカバー状況", "en": "Coverage by area and field"},
    "matrix.caption": {
        "ja": "各地域で、その分野に活動する団体の数（協議会・自治会・市民活動団体の合計）。"
        "列見出しをクリックすると並べ替えられます。",
        "en": "Organisations active in each field in each area (councils, associations and "
        "civic groups). Click a column heading to sort.",
    },
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
    # kiosk
    "kiosk.what": {
        "ja": "{city}の{n}の地域で、どの分野の団体がどこで活動しているかを探せます。"
        "団体への連絡は{center}がお手伝いします。",
        "en": "Find which groups are active in which field across {city}'s {n} areas. "
        "{center} helps you get in touch.",
    },
    "kiosk.touch": {"ja": "画面にタッチしてください", "en": "Touch the screen to start"},
    "kiosk.by_field": {"ja": "分野から探す", "en": "Find by field"},
    "kiosk.by_area": {"ja": "地域から探す", "en": "Find by area"},
    "kiosk.search": {"ja": "団体を探す", "en": "Find a group"},
    "kiosk.home": {"ja": "最初に戻る", "en": "Start again"},
    "kiosk.back": {"ja": "一覧に戻る", "en": "Back to the list"},
    "kiosk.pick_field": {"ja": "分野を選んでください", "en": "Choose a field"},
    "kiosk.pick_area": {"ja": "地域を選んでください", "en": "Choose an area"},
    "kiosk.all_fields": {"ja": "すべての分野", "en": "All fields"},
    "kiosk.all_areas": {"ja": "市内全域", "en": "the whole city"},
    "kiosk.results_title": {"ja": "{area}・{field}", "en": "{field} — {area}"},
    "kiosk.tap_area": {
        "ja": "地図の地域をタッチすると、その地域で活動する団体が表示されます。",
        "en": "Touch an area on the map to see the groups active there.",
    },
    "kiosk.active_here": {"ja": "この分野で活動する団体", "en": "Groups active in this field"},
    "kiosk.active_city": {"ja": "活動する団体", "en": "Active groups"},
    "kiosk.none_found": {"ja": "該当する団体はありません。", "en": "No group found."},
    "kiosk.more": {"ja": "ほか {n} 団体", "en": "and {n} more"},
    "kiosk.qr": {
        "ja": "スマートフォンで読み取ると、この画面を見られます",
        "en": "Scan to open this view on your phone",
    },
    "kiosk.contact": {"ja": "お問い合わせ", "en": "Getting in touch"},
    "kiosk.contact_text": {
        "ja": "団体への連絡は {center} が取り次ぎます。",
        "en": "{center} puts you in touch with the group.",
    },
    "kiosk.hours": {"ja": "開館時間", "en": "Open"},
    "kiosk.closed": {"ja": "休館日", "en": "Closed"},
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
        "en": "Disaster-prevention coverage (this area)",
    },
    "area.jishubo_city": {"ja": "市全体", "en": "City"},
    "area.jishubo_national": {"ja": "全国（令和2年）", "en": "National (2020)"},
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
    "area.civic_groups": {
        "ja": "この地域で活動する市民活動団体（{n}）",
        "en": "Civic groups active here ({n})",
    },
    "area.unknown": {
        "ja": "「{value}」という地域はありません。下の一覧から選んでください。",
        "en": "There is no area “{value}”. Please choose one from the list below.",
    },
}
