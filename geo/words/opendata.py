"""Texts of open data in and out: the national NPO法人 file and the HSDS 3.0 export.

Merged into :data:`geo.words.MESSAGES`. Keys ``npo.*`` are the reader's problems and
summary; keys ``hsds.*`` are the words the export writes into its JSON (descriptions,
taxonomy names), in the export's language.
"""

from __future__ import annotations

from collections.abc import Mapping

OPENDATA_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # --- reading the national NPO法人 file: problems of the whole file ----------------
    "problem.npo_missing": {
        "ja": "ファイルが見つかりません",
        "en": "file not found",
    },
    "problem.npo_bad_zip": {
        "ja": "zip ファイルとして読めません。ダウンロードし直してください",
        "en": "not a readable zip file: download it again",
    },
    "problem.npo_no_csv": {
        "ja": "zip の中に CSV ファイルがありません",
        "en": "the zip file holds no CSV file",
    },
    "problem.npo_several_csv": {
        "ja": "zip の中に CSV ファイルが複数あります（{names}）。1つだけの zip にしてください",
        "en": "the zip file holds several CSV files ({names}): keep only the portal's one",
    },
    "problem.npo_too_large": {
        "ja": "展開すると大きすぎます（{limit} MB まで）",
        "en": "the file is too large once unpacked ({limit} MB at most)",
    },
    "problem.npo_encoding": {
        "ja": "文字コードが Shift_JIS（CP932）ではありません。"
        "ポータルのファイルをそのまま使ってください",
        "en": "the text is not Shift_JIS (CP932): use the portal's file as downloaded",
    },
    "problem.npo_broken_csv": {
        "ja": "CSV として読めません（{detail}）",
        "en": "not a valid CSV ({detail})",
    },
    "problem.npo_cell_too_long": {
        "ja": "{limit:,}文字を超えるセルがあります。ポータルのファイルをそのまま使ってください",
        "en": "a cell is longer than {limit:,} characters: use the portal's file as downloaded",
    },
    "problem.npo_short_row": {
        "ja": "この行には{n}列しかありません（{width}列のはずです）。ファイルが途中で切れて"
        "いないか確かめ、ポータルからダウンロードし直してください",
        "en": "the row has only {n} cells (it should have {width}): the file may be cut "
        "short; download it again from the portal",
    },
    "problem.npo_empty": {
        "ja": "ファイルが空です",
        "en": "the file is empty",
    },
    "problem.npo_layout_count": {
        "ja": "NPO法人ポータルの「行政入力情報」の形式ではありません（{found}列あります）。"
        "次の{count}列がこの順に必要です：{columns}",
        "en": "not the NPO portal's 行政入力情報 layout (the header has {found} columns); "
        "these {count} columns are expected, in this order: {columns}",
    },
    "problem.npo_layout_column": {
        "ja": "NPO法人ポータルの「行政入力情報」の形式ではありません"
        "（{position}列目が「{found}」、正しくは「{expected}」）。"
        "次の{count}列がこの順に必要です：{columns}",
        "en": "not the NPO portal's 行政入力情報 layout (column {position} is {found!r} "
        "instead of {expected!r}); these {count} columns are expected, in this order: {columns}",
    },
    # --- problems of one row ---------------------------------------------------------
    "problem.npo_number_missing": {
        "ja": "法人番号がありません",
        "en": "the 法人番号 is missing",
    },
    "problem.npo_number": {
        "ja": "法人番号として正しくありません（13桁、検査用数字つき）",
        "en": "not a valid 法人番号 (13 digits with its check digit)",
    },
    "problem.npo_duplicate_number": {
        "ja": "{first}行目と同じ法人番号です",
        "en": "the same 法人番号 as row {first}",
    },
    "problem.npo_extra_cells": {
        "ja": "見出しより多くのセルに値があります（行がずれています）",
        "en": "the row has more cells than the header (it is shifted)",
    },
    "problem.npo_unshown": {
        "ja": "表示できない文字（外字など）が含まれています。団体の編集で直してください",
        "en": "contains characters that cannot be shown (外字 or bytes of another encoding)",
    },
    "problem.npo_name_missing": {
        "ja": "法人名称がありません",
        "en": "the 法人名称 is missing",
    },
    "problem.npo_unplaced": {
        "ja": "住所から{city}の中の位置が分かりません。"
        "団体の編集で緯度・経度を入れて追加してください",
        "en": "the address cannot be placed in {city}: add the organisation by hand "
        "with its latitude and longitude",
    },
    "problem.npo_purpose_too_long": {
        "ja": "定款に記載された目的が{limit}文字を超えています",
        "en": "the purpose is longer than {limit} characters",
    },
    "problem.npo_ambiguous_name": {
        "ja": "法人番号のない同じ名前の団体が複数あります（{ids}）。"
        "どれか1つに法人番号を入れてください",
        "en": "the name matches several organisations without a 法人番号 ({ids}): "
        "give one of them its 法人番号",
    },
    # --- the summary -----------------------------------------------------------------
    "npo.summary.rows": {"ja": "読んだ行", "en": "rows read"},
    "npo.summary.kept": {"ja": "市内の法人", "en": "in the city"},
    "npo.summary.unplaced": {"ja": "位置が分からない", "en": "not placed"},
    "npo.summary.dissolved": {"ja": "解散（市内）", "en": "dissolved (in the city)"},
    "npo.summary.outside": {"ja": "市外（読み飛ばし）", "en": "outside the city (skipped)"},
    "npo.summary.invalid": {"ja": "問題のある行", "en": "rows with problems"},
    "npo.summary.no_fields": {"ja": "活動分野なし", "en": "without fields"},
    "npo.summary.added": {"ja": "追加", "en": "added"},
    "npo.summary.changed": {"ja": "変更", "en": "changed"},
    "npo.summary.reactivated": {"ja": "再開", "en": "reactivated"},
    "npo.summary.unchanged": {"ja": "変更なし", "en": "unchanged"},
    "npo.summary.retired": {"ja": "廃止", "en": "retired"},
    "npo.summary.samples": {"ja": "廃止できるサンプル", "en": "sample rows that can be retired"},
    "npo.retire.dissolved": {"ja": "解散", "en": "dissolved"},
    "npo.retire.missing": {
        "ja": "ファイルにない（市外へ移転・抹消）",
        "en": "no longer in the file (moved away or removed)",
    },
    "npo.retire.sample": {"ja": "サンプルデータ", "en": "sample data"},
    # --- HSDS export -----------------------------------------------------------------
    "hsds.org.description": {
        "ja": "{city}の{a_kind}（{area}地域）。活動分野：{fields}。",
        "en": "{a_kind} in {city} ({area} area). Fields of activity: {fields}.",
    },
    "hsds.org.description_no_fields": {
        "ja": "{city}の{a_kind}（{area}地域）。",
        "en": "{a_kind} in {city} ({area} area).",
    },
    "hsds.org.sample": {
        "ja": "【サンプル（架空）データ】",
        "en": "[Sample (fictitious) data] ",
    },
    "hsds.list_separator": {"ja": "、", "en": ", "},
    "hsds.contact.representative": {"ja": "代表者", "en": "Representative"},
    "hsds.a_kind.council": {"ja": "地域づくり協議会", "en": "An area council"},
    "hsds.a_kind.association": {"ja": "自治会・町内会", "en": "A neighbourhood association"},
    "hsds.a_kind.civic_group": {"ja": "市民活動団体", "en": "A civic group"},
    "hsds.kind.council": {"ja": "地域づくり協議会", "en": "area council"},
    "hsds.kind.association": {"ja": "自治会・町内会", "en": "neighbourhood association"},
    "hsds.kind.civic_group": {"ja": "市民活動団体", "en": "civic group"},
    "hsds.service.name": {
        "ja": "{field}（{org}）",
        "en": "{field} ({org})",
    },
    "hsds.service.description": {
        "ja": "{org}の「{field}」の活動。",
        "en": "Activities of {org} in {field}.",
    },
    "hsds.service_area.citywide": {"ja": "{city}全域", "en": "All of {city}"},
    "hsds.service_area.area": {"ja": "{area}地域", "en": "{area} area"},
    "hsds.service_area.description": {
        "ja": "{city}の{area}",
        "en": "{area}, {city}",
    },
    "hsds.location.name": {"ja": "{org}の拠点", "en": "Base of {org}"},
    # a base whose address is known only to its 地域: the point is the area's 交流センター
    "hsds.location.at_center": {
        "ja": "おおよその位置：所在地が地域までしか分からないため、{area}地域交流センターの位置",
        "en": "Approximate place: the address is known only to the area, so the point is"
        " that of the {area} community center",
    },
    "hsds.taxonomy.fields": {
        "ja": "kyodo-map 活動分野",
        "en": "kyodo-map fields of activity",
    },
    "hsds.taxonomy.fields.description": {
        "ja": "特定非営利活動促進法 別表の20分野（npo01〜npo20）と、地域の課題（防災・減災など）。"
        "地域の課題は法の分野に対応づけられています。",
        "en": "The 20 fields of the NPO Law's table (npo01–npo20) and local needs "
        "(disaster preparedness …), each need mapped to law fields.",
    },
    "hsds.taxonomy.record": {
        "ja": "kyodo-map 団体の属性",
        "en": "kyodo-map organisation attributes",
    },
    "hsds.taxonomy.record.description": {
        "ja": "団体の種類、サンプルかどうか、自主防災組織、加入世帯数など、"
        "kyodo-map の登録簿の項目。",
        "en": "Items of the kyodo-map registry: kind of organisation, sample or not, "
        "disaster-prevention group, member households.",
    },
    "hsds.term.law_field": {
        "ja": "特定非営利活動促進法 別表 第{number}号：{name}",
        "en": "NPO Law table, item {number}: {name}",
    },
    "hsds.term.need": {
        "ja": "地域の課題「{name}」（対応する法の分野：{maps_to}）",
        "en": "Local need “{name}” (mapped to the law fields {maps_to})",
    },
    "hsds.term.kind": {"ja": "団体の種類：{kind}", "en": "Kind of organisation: {kind}"},
    "hsds.term.sample": {"ja": "サンプル（架空）データ", "en": "Sample (fictitious) data"},
    "hsds.term.sample.description": {
        "ja": "実在しない、説明用のデータです。",
        "en": "Not a real organisation: data for demonstration.",
    },
    "hsds.term.jishubo": {"ja": "自主防災組織", "en": "Disaster-prevention group"},
    "hsds.term.jishubo.description": {
        "ja": "自主防災組織の有無（値：true／false）。",
        "en": "Whether the association has a disaster-prevention group (value: true/false).",
    },
    "hsds.term.households": {"ja": "加入世帯数", "en": "Member households"},
    "hsds.term.households.description": {
        "ja": "自治会・町内会の加入世帯数（値：整数）。",
        "en": "Households that are members of the association (value: a whole number).",
    },
    "hsds.term.notes": {"ja": "備考（職員用）", "en": "Notes (staff only)"},
    "hsds.term.notes.description": {
        "ja": "職員用のメモ。公開用の書き出しには含まれません。",
        "en": "Staff notes; never in a public export.",
    },
    "hsds.term.purpose": {"ja": "定款に記載された目的（職員用）", "en": "Purpose (staff only)"},
    "hsds.term.purpose.description": {
        "ja": "NPO法人の定款に記載された目的。公開用の書き出しには含まれません。",
        "en": "The purpose in an NPO法人's articles; never in a public export.",
    },
    "hsds.identifier.corporate_number": {"ja": "法人番号", "en": "Corporate Number (Japan)"},
}
