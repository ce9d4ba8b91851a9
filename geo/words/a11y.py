"""Accessibility texts: the map's content as text, navigation names, the statement.

Merged into :data:`geo.words.MESSAGES`; a key defined in both is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

A11Y_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # the choropleth in words (geo.summary), shown beside the map
    "a11y.summary.title": {"ja": "地図の内容を文字で見る", "en": "The map's content as text"},
    "a11y.summary.intro": {
        "ja": "地図の色は「{metric}」（分野：{fields}）を表します。"
        "地域を凡例の順（色の薄い区分から濃い区分へ）に並べています。"
        "空白・少ない・要注意の地域は、地図では斜線で示しています。",
        "en": "The map's colours show “{metric}” (fields: {fields}). "
        "The areas are listed in the legend's order, from the lightest class to the darkest. "
        "Gaps are hatched on the map.",
    },
    "a11y.summary.gaps": {
        "ja": "{total}地域のうち、空白・少ない・要注意の地域は{n}地域です。",
        "en": "{n} of {total} areas are gaps.",
    },
    "a11y.summary.gaps_one": {
        "en": "{n} of {total} areas is a gap.",
    },
    "a11y.summary.area": {"ja": "地域", "en": "Area"},
    "a11y.summary.class": {"ja": "凡例の区分", "en": "Legend class"},
    "a11y.summary.class_value": {"ja": "{n}段階の{i}：{range}", "en": "{i} of {n}: {range}"},
    "a11y.summary.gap": {"ja": "空白の状況", "en": "Gap"},
    "a11y.summary.selected": {"ja": "{name}（選択中）", "en": "{name} (selected)"},
    "a11y.gap.yes": {"ja": "{kind}：{reason}", "en": "{kind}: {reason}"},
    "a11y.gap.no": {
        "ja": "空白・少ない・要注意のどれにも当たりません",
        "en": "Not a gap (neither no activity, sparse nor attention)",
    },
    # pictures
    "a11y.qr.alt": {
        "ja": "この画面をスマートフォンで開くQRコード（{url}）",
        "en": "QR code that opens this view on a phone ({url})",
    },
    # navigation: the staff pages named as such (the list has no section headings)
    "a11y.nav.staff": {"ja": "{page}（{section}）", "en": "{page} ({section})"},
    # the accessibility statement on the sources page
    "a11y.statement.header": {"ja": "アクセシビリティ", "en": "Accessibility"},
    "a11y.statement.target": {
        "ja": "このサイトは JIS X 8341-3:2016（WCAG 2.0 と一致）の適合レベル AA を目標とし、"
        "あわせて WCAG 2.2 の達成基準 AA も目標にしています。",
        "en": "This site aims at conformance level AA of JIS X 8341-3:2016 (identical to "
        "WCAG 2.0), and at the AA success criteria of WCAG 2.2 as well.",
    },
    "a11y.statement.checked": {
        "ja": "{date}に、自動検査ツール axe-core {version} をブラウザ（Chromium）で使い、"
        "日本語と英語の各ページを検査しました：{pages}。"
        "重大（critical）・深刻（serious）な問題はありません。"
        "検査は、ページを変更するたびに自動テストとして繰り返しています。",
        "en": "On {date} every page was checked in Japanese and English with the automated "
        "checker axe-core {version} in a browser (Chromium): {pages}. "
        "No critical or serious problem was found. "
        "The check is repeated as an automated test with every change to the pages.",
    },
    "a11y.statement.pages": {
        "ja": "地図で見る、カバー状況の一覧、地域のページ、連携先をさがす、データと出典、"
        "職員用の取り込み・団体の編集、タッチパネルの各画面、スマートフォン表示、地図の中",
        "en": "the map explorer, the coverage table, the area page, find partners, "
        "data and sources, the staff pages (import, editing), every kiosk screen, "
        "the phone view, and inside the map",
    },
    "a11y.statement.means": {
        "ja": "地図を使わなくても同じことができます：地域は一覧から選べ、"
        "表示する層は地図の外の項目で選べ、地図の数値は「地図の内容を文字で見る」で"
        "表として読めます。空白地域は色だけでなく斜線と文字でも示し、"
        "点の層は色と形で区別しています。",
        "en": "Everything the map does can be done without it: areas can be chosen from a list, "
        "the layers with controls outside the map, and the map's values read as a table "
        "under “The map's content as text”. Gaps are shown by hatching and in words, "
        "not by colour alone, and the point layers differ in shape as well as colour.",
    },
    "a11y.statement.limits": {
        "ja": "既知の制約：地図そのものはマウスやタッチでの操作を前提としています"
        "（拡大・移動・地域のクリック）。地図の内容は文字でも読めます。"
        "自動検査で見つからない問題（読み上げの順序や分かりやすさなど）が"
        "残っている可能性があります。",
        "en": "Known limits: the map itself is meant for a mouse or touch "
        "(zooming, panning, clicking an area); its content is also available as text. "
        "Problems an automated checker cannot find (such as reading order or clarity) "
        "may remain.",
    },
    "a11y.statement.report": {
        "ja": "使いにくい点や問題に気づいたときは、{center}（電話 {tel}）までお知らせください。",
        "en": "If something is hard to use or does not work for you, please tell {center} "
        "(phone {tel}).",
    },
    "a11y.statement.website": {"ja": "{center}のウェブサイト", "en": "{center}'s website"},
    "a11y.statement.date": {"ja": "{y}年{m}月{d}日", "en": "{y}-{m:02d}-{d:02d}"},
}
