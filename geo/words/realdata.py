"""Texts of the real lists: data status (データの状況), the sample banner, the NPO法人 import
and the templates on the 取り込み page, and their problems. Part of the catalogue."""

from __future__ import annotations

from collections.abc import Mapping

REALDATA_MESSAGES: dict[str, Mapping[str, str]] = {
    # --- problems --------------------------------------------------------------------
    "problem.exponent_form": {
        "ja": "表計算ソフトが数値として「7.25E+12」のような指数の形で保存したため、"
        "下の桁が失われています。その列の書式を「文字列」にして番号を入れ直し、"
        "保存し直してください",
        "en": "saved by a spreadsheet as a number in exponent form (such as 7.25E+12), "
        "which loses the last digits: format the column as text, enter the numbers "
        "again and save the file again",
    },
    "problem.corporate_number": {
        "ja": "法人番号として正しくありません（13桁の数字で、先頭の検査用数字が"
        "残りの12桁と合う必要があります）",
        "en": "not a valid 法人番号 (13 digits whose first, the check digit, must match "
        "the other 12)",
    },
    "problem.url": {
        "ja": "http:// か https:// で始まるWebアドレスを書いてください（500文字まで）",
        "en": "write a web address starting with http:// or https:// (up to 500 characters)",
    },
    "problem.number_taken": {
        "ja": "この法人番号は、すでに別の団体（{org_id}）のものです",
        "en": "this 法人番号 is already another organisation's ({org_id})",
    },
    # --- the sample banner -----------------------------------------------------------
    "datastatus.banner": {
        "ja": "{kinds}はサンプル（架空）データです。実在の団体ではありません。",
        "en": "Sample (fictitious) data, not real organisations: {kinds}.",
    },
    "datastatus.banner.council": {"ja": "地域づくり協議会", "en": "area councils"},
    "datastatus.banner.council.part": {
        "ja": "地域づくり協議会の一部",
        "en": "some of the area councils",
    },
    "datastatus.banner.association": {"ja": "自治会・町内会", "en": "neighbourhood associations"},
    "datastatus.banner.association.part": {
        "ja": "自治会・町内会の一部",
        "en": "some of the neighbourhood associations",
    },
    "datastatus.banner.civic_group": {"ja": "市民活動団体", "en": "civic groups"},
    "datastatus.banner.civic_group.part": {
        "ja": "市民活動団体の一部",
        "en": "some of the civic groups",
    },
    "sep.kinds": {"ja": "、", "en": ", "},
    "sep.kinds_last": {"ja": "と", "en": " and "},
    # --- data status -----------------------------------------------------------------
    "datastatus.title": {"ja": "データの状況", "en": "State of the data"},
    "datastatus.caption.staff": {
        "ja": "種類ごとの実データとサンプル（架空）の件数、最後の取り込み、出典です"
        "（廃止した団体は数えません）。",
        "en": "Real and sample (fictitious) rows of each kind, the last import and where "
        "they come from (retired organisations are not counted).",
    },
    "datastatus.caption.public": {
        "ja": "地図に出ている団体のうち、実在の団体の件数とサンプル（架空）の件数、"
        "最後に名簿を取り込んだ日と出典です。",
        "en": "How many of the organisations on the map are real and how many are sample "
        "(fictitious) data, when a list was last imported, and where they come from.",
    },
    "datastatus.kind.council": {"ja": "地域づくり協議会", "en": "Area councils"},
    "datastatus.kind.association": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "datastatus.kind.civic_group": {"ja": "市民活動団体", "en": "Civic groups"},
    "datastatus.kind.npo": {
        "ja": "　市民活動団体のうちNPO法人",
        "en": "  civic groups that are NPO corporations",
    },
    "datastatus.col.kind": {"ja": "種類", "en": "Kind"},
    "datastatus.col.state": {"ja": "状態", "en": "State"},
    "datastatus.col.real": {"ja": "実データ", "en": "Real"},
    "datastatus.col.sample": {"ja": "サンプル（架空）", "en": "Sample (fictitious)"},
    "datastatus.col.last_import": {"ja": "最後の取り込み", "en": "Last import"},
    "datastatus.col.who": {"ja": "取り込んだ人", "en": "Imported by"},
    "datastatus.col.file": {"ja": "ファイル", "en": "File"},
    "datastatus.col.sources": {"ja": "出典", "en": "Sources"},
    "datastatus.state.real": {"ja": "実データ", "en": "real"},
    "datastatus.state.sample": {"ja": "サンプル", "en": "sample"},
    "datastatus.state.mixed": {"ja": "一部サンプル", "en": "partly sample"},
    "datastatus.state.empty": {"ja": "なし", "en": "none"},
    "datastatus.never": {"ja": "まだありません", "en": "none yet"},
    "datastatus.source.seed": {
        "ja": "同梱のサンプル（架空）",
        "en": "bundled sample (fictitious)",
    },
    "datastatus.source.import": {"ja": "取り込んだ名簿", "en": "imported lists"},
    "datastatus.source.form": {"ja": "画面で登録", "en": "entered on the edit page"},
    "datastatus.source.npo_portal": {
        "ja": "内閣府NPO法人ポータル（全国一括データ）",
        "en": "Cabinet Office NPO portal (national file)",
    },
    "datastatus.source.bulk": {"ja": "一括登録", "en": "bulk load"},
    "datastatus.source_count": {"ja": "{source} {n:,}件", "en": "{source}: {n:,}"},
    # --- the regular import ----------------------------------------------------------
    "realdata.lists.title": {
        "ja": "名簿の取り込み（市・支援センターの一覧）",
        "en": "Import a list (from the city or the support center)",
    },
    "realdata.retire_samples": {
        "ja": "実際の名簿としてサンプル（架空）と置き換える",
        "en": "Replace the sample (fictitious) data with this real list",
    },
    "realdata.retire_samples.help": {
        "ja": "この種類のサンプルのうち、ファイルにないものは廃止扱いにし、ファイルにあるもの"
        "（協議会など）は実データにします。どちらも取り込む前に下の一覧に出ます。",
        "en": "Sample organisations of this kind that the file does not list are retired; "
        "those it lists (such as the councils) become real. Both are listed below before "
        "anything is saved.",
    },
    # --- the NPO法人 file --------------------------------------------------------------
    "realdata.npo.title": {
        "ja": "NPO法人（内閣府NPO法人ポータルの全国データ）",
        "en": "NPO corporations (the Cabinet Office NPO portal's national file)",
    },
    "realdata.npo.caption": {
        "ja": "内閣府NPO法人ポータルの「NPO法人情報の一括ダウンロード（全所轄庁）"
        "行政入力情報データ」（gyousei_000.zip）を、そのまま、または中の CSV を選んでください。"
        "主たる事務所が{city}にある法人だけを、法人番号で照合して追加・更新します。"
        "解散した法人は廃止扱いにします。「取り込む」を押すまで何も保存されません。",
        "en": "Choose the Cabinet Office NPO portal's 「NPO法人情報の一括ダウンロード（全所轄庁）"
        "行政入力情報データ」 (gyousei_000.zip) as downloaded, or the CSV inside it. Only "
        "corporations whose main office is in {city} are added or updated, found again "
        "by their 法人番号; dissolved ones are retired. Nothing is saved until you press "
        "Import.",
    },
    "realdata.npo.file": {
        "ja": "gyousei_000.zip または CSV（{limit} MB まで。それより大きいファイルは"
        "コマンド python -m geo.registry import-npo で取り込めます）",
        "en": "gyousei_000.zip or its CSV (up to {limit} MB; a larger file comes in with "
        "the command python -m geo.registry import-npo)",
    },
    "realdata.npo.keep_missing": {
        "ja": "前に取り込んだのにファイルにない（市外へ移転・抹消された）NPO法人も残す",
        "en": "Keep NPO corporations imported earlier that the file no longer lists in the "
        "city (moved out of the city or deregistered)",
    },
    "realdata.npo.retire_samples": {
        "ja": "サンプル（架空）の市民活動団体 {n}件を廃止する（実データに置き換える）",
        "en": "Retire the {n} sample (fictitious) civic groups (real data replaces them)",
    },
    "realdata.npo.as_of": {
        "ja": "{file}：{day} 時点のデータ",
        "en": "{file}: data as of {day}",
    },
    "realdata.npo.no_date": {"ja": "{file}：日付不明", "en": "{file}: date unknown"},
    "realdata.npo.retired_title": {
        "ja": "廃止扱いになる団体",
        "en": "Organisations to retire",
    },
    "realdata.npo.rows_left_out": {
        "ja": "問題のある {n}行は取り込みません（下の一覧）。ほかの行は取り込めます。",
        "en": "The {n} rows with problems (listed below) are left out; the others can be imported.",
    },
    "realdata.npo.rows_left_out_one": {
        "en": "{n} row has problems (listed below) and is left out; the others can be imported.",
    },
    "realdata.npo.nothing": {
        "ja": "登録簿と同じ内容です。取り込むものはありません。",
        "en": "The file matches the registry; there is nothing to import.",
    },
    "realdata.npo.go": {"ja": "NPO法人を取り込む", "en": "Import the NPO corporations"},
    "realdata.npo.done": {
        "ja": "NPO法人を取り込みました：追加 {added:,}、変更 {changed:,}、再開 {reactivated:,}、"
        "廃止 {retired:,}。",
        "en": "NPO corporations imported: {added:,} added, {changed:,} changed, "
        "{reactivated:,} reactivated, {retired:,} retired.",
    },
    "realdata.col.number": {"ja": "法人番号", "en": "Corporate number"},
    "realdata.col.reason": {"ja": "理由", "en": "Why"},
    "realdata.col.linked": {"ja": "照合", "en": "Found by"},
    "realdata.linked.number": {"ja": "法人番号", "en": "corporate number"},
    "realdata.linked.name": {"ja": "名称（法人番号なしの団体）", "en": "name (no 法人番号 yet)"},
    "realdata.change.source": {
        "ja": "出典：NPO法人ポータル",
        "en": "source: the NPO portal",
    },
    # --- templates -------------------------------------------------------------------
    "realdata.templates.title": {"ja": "記入用テンプレート", "en": "Templates to fill in"},
    "realdata.templates.caption": {
        "ja": "市や支援センターから名簿を集めるための様式です。見出しはこの取り込みと同じなので、"
        "記入したファイルはそのまま取り込めます。Excel には地域と活動分野の選択肢と、"
        "「記入のしかた」シートがあります。協議会の部会は、登録簿の協議会を記入済みです。",
        "en": "Forms to collect the real lists from the city and the support center. Their "
        "headers are this import's own, so a filled form imports as it is. The Excel "
        "forms have drop-down lists of the areas and fields and a sheet of notes; the "
        "council form comes filled in with the registry's councils.",
    },
    "realdata.templates.xlsx": {"ja": "Excel", "en": "Excel"},
    "realdata.templates.csv": {"ja": "CSV", "en": "CSV"},
    "template.col.corporate_number": {
        "ja": "NPO法人・一般社団法人などの13桁の法人番号（国税庁の法人番号公表サイトで"
        "確認できます）。NPO法人の全国データの取り込みで、同じ団体として照合されます",
        "en": "the 13-digit 法人番号 of an NPO or other corporation (see the National Tax "
        "Agency's corporate number site); the national NPO file finds the group by it",
    },
}
