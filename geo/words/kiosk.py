"""Words of the public touch screen at the support center and of the phone view its QR
code opens."""

from __future__ import annotations

from collections.abc import Mapping

KIOSK_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # attract screen
    "kiosk.what": {
        "ja": "{city}の{n}の地域で、どの分野の団体がどこで活動しているかを探せます。"
        "団体への連絡は{center}がお手伝いします。",
        "en": "Find which groups are active in which field across {city}'s {n} areas. "
        "{center} helps you get in touch.",
    },
    "kiosk.touch": {"ja": "画面にタッチしてください", "en": "Touch the screen to start"},
    "kiosk.prompt": {
        "ja": "地図の地域か、下の分野にタッチしてみてください。",
        "en": "Touch an area on the map, or one of the topics below.",
    },
    "kiosk.needs_title": {"ja": "身近な課題から探す", "en": "Start from a local need"},
    "kiosk.ways_title": {"ja": "探し方を選ぶ", "en": "Choose how to look"},
    "kiosk.map_title": {"ja": "地域ごとの団体数", "en": "Groups per area"},
    "kiosk.map_title_field": {"ja": "{field}：地域ごとの団体数", "en": "{field}: groups per area"},
    # the bar on every screen
    "kiosk.by_field": {"ja": "分野から探す", "en": "Find by field"},
    "kiosk.by_area": {"ja": "地域から探す", "en": "Find by area"},
    "kiosk.by_name": {"ja": "名前から探す", "en": "Find by name"},
    "kiosk.home": {"ja": "最初に戻る", "en": "Start again"},
    "kiosk.back": {"ja": "一覧に戻る", "en": "Back to the list"},
    # choosing a field or an area
    "kiosk.pick_field": {"ja": "分野を選んでください", "en": "Choose a field"},
    "kiosk.needs": {"ja": "身近な課題", "en": "Local needs"},
    "kiosk.npo_fields": {
        "ja": "NPO法の20の活動分野",
        "en": "The 20 fields of the NPO Law",
    },
    "kiosk.all_fields": {"ja": "すべての分野", "en": "All fields"},
    "kiosk.pick_area": {"ja": "地域を選んでください", "en": "Choose an area"},
    "kiosk.tap_area": {
        "ja": "地図の地域にタッチするか、地域名のボタンを選んでください。",
        "en": "Touch an area on the map, or one of the area buttons.",
    },
    "kiosk.change_area": {
        "ja": "ほかの地域は、地図の地域にタッチすると選べます。",
        "en": "Touch another area on the map to see it instead.",
    },
    "kiosk.all_areas": {"ja": "市内全域", "en": "the whole city"},
    "kiosk.whole_city": {"ja": "市内全域を見る", "en": "See the whole city"},
    # results
    "kiosk.results_title": {"ja": "{area}・{field}", "en": "{field} — {area}"},
    "kiosk.summary.area_field": {
        "ja": "{area}で「{field}」に取り組む団体：{n}",
        "en": "Groups working on {field} in {area}: {n}",
    },
    "kiosk.summary.area": {
        "ja": "{area}で活動する団体：{n}",
        "en": "Groups active in {area}: {n}",
    },
    "kiosk.summary.field": {
        "ja": "市内で「{field}」に取り組む団体：{n}",
        "en": "Groups working on {field} in the city: {n}",
    },
    "kiosk.summary.all": {"ja": "市内で活動する団体：{n}", "en": "Groups active in the city: {n}"},
    "kiosk.tier.based": {"ja": "{area}に拠点がある団体（{n}）", "en": "Based in {area} ({n})"},
    "kiosk.tier.serves": {
        "ja": "{area}でも活動する団体（{n}）",
        "en": "Also active in {area} ({n})",
    },
    "kiosk.tier.citywide": {
        "ja": "市内全域で活動する団体（{n}）",
        "en": "Active across the whole city ({n})",
    },
    "kiosk.based_in": {"ja": "拠点：{area}", "en": "Based in {area}"},
    "kiosk.entry_fields": {"ja": "分野：{fields}", "en": "Fields: {fields}"},
    "kiosk.more": {"ja": "もっと見る（あと {n:,}団体）", "en": "Show more ({n:,} more)"},
    "kiosk.shown": {
        "ja": "{total:,}団体のうち {shown:,}団体を表示しています",
        "en": "Showing {shown:,} of {total:,} groups",
    },
    "kiosk.none_found": {"ja": "該当する団体はありません。", "en": "No group found."},
    "kiosk.qr": {
        "ja": "スマートフォンで読み取ると、この画面をお手元で見られます",
        "en": "Scan with your phone to take this screen with you",
    },
    # one group
    "kiosk.contact": {
        "ja": "この団体と連絡を取りたいとき",
        "en": "To get in touch with this group",
    },
    "kiosk.ask_reception": {
        "ja": "受付でお声がけください。{center}のスタッフが団体におつなぎします。",
        "en": "Please ask at the reception desk: {center}'s staff will put you in touch.",
    },
    # search without typing
    "kiosk.index_title": {
        "ja": "名前の読みの最初の文字から選ぶ",
        "en": "Pick the first sound of the name",
    },
    "kiosk.index_other": {"ja": "漢字・英数字", "en": "Kanji, A–Z, 0–9"},
    "kiosk.keyboard_title": {
        "ja": "名前の一部をかなで入力する",
        "en": "Type part of the name in kana",
    },
    "kiosk.query": {
        "ja": "入力した文字（キーボードも使えます）",
        "en": "What you typed (a keyboard works too)",
    },
    "kiosk.key.dakuten": {"ja": "゛", "en": "゛"},
    "kiosk.key.handakuten": {"ja": "゜", "en": "゜"},
    "kiosk.key.small": {"ja": "小", "en": "small"},
    "kiosk.key.backspace": {"ja": "1字消す", "en": "Delete"},
    "kiosk.key.clear": {"ja": "全部消す", "en": "Clear"},
    "kiosk.search_prompt": {
        "ja": "最初の文字を選ぶか、名前の一部を入力してください。",
        "en": "Pick a first sound, or type part of the name.",
    },
    "kiosk.found_query": {
        "ja": "「{query}」を含む団体：{n}",
        "en": "Groups with “{query}” in their name: {n}",
    },
    "kiosk.found_row": {
        "ja": "読みが「{row}」行で始まる団体：{n}",
        "en": "Groups whose name starts with the {row} row: {n}",
    },
    "kiosk.found_other": {
        "ja": "読みが登録されていない団体（漢字・英数字で始まる名前）：{n:,}",
        "en": "Groups whose name starts with kanji, a letter or a digit: {n}",
    },
    # the phone view the QR code opens
    "view.nav": {"ja": "スマートフォン表示", "en": "Phone view"},
    "view.unknown_org": {
        "ja": "この団体は見つかりませんでした。登録が変わった可能性があります。",
        "en": "This group was not found; its listing may have changed.",
    },
    "view.contact": {"ja": "団体へのお問い合わせ", "en": "Getting in touch"},
    "view.contact_text": {
        "ja": "団体への連絡は {center} が取り次ぎます。",
        "en": "{center} puts you in touch with the group.",
    },
    "view.hours": {"ja": "開館時間", "en": "Open"},
    "view.closed": {"ja": "休館日", "en": "Closed"},
    "view.to_list": {"ja": "一覧を見る", "en": "See the list"},
}

__all__ = ["KIOSK_MESSAGES"]
