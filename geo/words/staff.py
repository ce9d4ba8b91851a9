"""Texts of the staff pages (import, editing, export), part of the one catalogue.

Also the ``problem.<code>`` texts of the import's limits and refusals (formulas, sizes
of files and cells), which only staff files meet.

Merged into :data:`geo.words.MESSAGES`; a key defined in both is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

STAFF_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # navigation
    "staff.nav.section": {"ja": "職員用", "en": "Staff"},
    "staff.nav.import": {"ja": "取り込み", "en": "Import"},
    "staff.nav.edit": {"ja": "団体の編集", "en": "Edit organisations"},
    # login
    "staff.kiosk": {
        "ja": "このページはタッチパネルでは使えません。",
        "en": "This page is not available on the kiosk.",
    },
    "staff.registry_off": {
        "ja": "団体の登録簿が有効になっていません。"
        "管理者が次のどれかを設定してから起動してください。",
        "en": "The organisation registry is not enabled. "
        "Ask the administrator to start the app with one of these settings.",
    },
    "staff.not_configured": {
        "ja": "編集者のログインが設定されていないため、このページは使えません。"
        "設定のしかたは、管理者向けの説明（README の「Staff pages」）にあります。",
        "en": "Editor login is not configured, so this page is not available. How to set it up "
        "is in the administrators' guide (the README's “Staff pages”).",
    },
    "staff.login_title": {"ja": "編集者のログイン", "en": "Editor login"},
    "staff.login_oidc": {
        "ja": "編集するには、組織のアカウントでログインしてください。",
        "en": "Log in with your organisation's account to edit.",
    },
    "staff.login": {"ja": "ログイン", "en": "Log in"},
    "staff.logout": {"ja": "ログアウト", "en": "Log out"},
    "staff.your_name": {
        "ja": "お名前（変更履歴に残ります）",
        "en": "Your name (kept in the change history)",
    },
    "staff.password": {"ja": "パスワード", "en": "Password"},
    "staff.wrong_password": {
        "ja": "パスワードが違います。",
        "en": "Wrong password.",
    },
    "staff.name_needed": {
        "ja": "お名前を入れてください。",
        "en": "Please give your name.",
    },
    "staff.locked": {
        "ja": "ログインの失敗が続いたため、しばらくログインできません。"
        "{minutes}分ほどたってから、もう一度お試しください。"
        "パスワードが分からないときは管理者に確かめてください。",
        "en": "Too many failed logins: logging in is paused. Try again in about "
        "{minutes} minutes; if you are unsure of the password, ask the administrator.",
    },
    "staff.idle_logout": {
        "ja": "{minutes}分以上操作がなかったため、ログアウトしました。"
        "もう一度ログインしてください。",
        "en": "You were logged out after {minutes} minutes without activity. Please log in again.",
    },
    "staff.bad_hash": {
        "ja": "設定されたパスワードのハッシュが読めません。"
        "管理者は python -m geo.registry hash-password で作り直してください。",
        "en": "The configured password hash cannot be read. "
        "The administrator should make a new one with python -m geo.registry hash-password.",
    },
    "staff.oidc.not_editor": {
        "ja": "このアカウントには編集の権限がありません。",
        "en": "This account may not edit.",
    },
    "staff.oidc.unverified": {
        "ja": "このアカウントのメールアドレスは確認済みではないため、編集できません。",
        "en": "This account's e-mail address is not verified, so it may not edit.",
    },
    "staff.oidc.issuer": {
        "ja": "このログインの発行元は、編集を認めている発行元ではありません。",
        "en": "This login comes from an issuer that is not allowed to edit.",
    },
    "staff.oidc.not_configured": {
        "ja": "組織のアカウントでの編集が設定されていません。管理者が secrets.toml の [kyodo] に "
        "editor_issuers と editor_emails（または editor_subjects）を設定してください。",
        "en": "Editing through the organisation's accounts is not configured: the "
        "administrator must set editor_issuers and editor_emails (or editor_subjects) "
        "under [kyodo] in secrets.toml.",
    },
    "staff.signed_in": {"ja": "ログイン中：{name}", "en": "Signed in: {name}"},
    # registry
    "staff.registry_error": {
        "ja": "団体の登録簿を開けませんでした。管理者に連絡してください。",
        "en": "The organisation registry could not be opened. Please contact the administrator.",
    },
    # problems
    "staff.problems": {
        "ja": "問題が {n:,}件あります。",
        "en": "{n:,} problems found.",
    },
    "staff.problems_one": {"en": "{n:,} problem found."},
    "staff.problems_first": {
        "ja": "多すぎるため、最初の {shown:,}件だけを表示しています（全部で {n:,}件）。",
        "en": "Only the first {shown:,} of {n:,} problems are shown.",
    },
    "staff.problems_caption": {
        "ja": "行は表計算ソフトで開いたときの行番号です（ファイルの先頭の行が1。GeoJSON・"
        "GeoPackageでは地物の順番）。",
        "en": "Rows are numbered as a spreadsheet shows them (the file's first row is 1; "
        "in a GeoJSON or GeoPackage, the feature's place).",
    },
    "staff.row.whole_file": {"ja": "ファイル全体", "en": "whole file"},
    "staff.col.row": {"ja": "行", "en": "Row"},
    "staff.col.column": {"ja": "列", "en": "Column"},
    "staff.col.value": {"ja": "値", "en": "Value"},
    "staff.col.reason": {"ja": "理由", "en": "Reason"},
    "staff.col.match": {"ja": "位置の決め方", "en": "Placed by"},
    "staff.col.changes": {"ja": "変わる項目", "en": "Changes"},
    # a registry record's columns, as the form and the previews name them (in Japanese,
    # the header an import file gives the column: geo.registry.columns.HEADINGS)
    "record.org_id": {"ja": "団体ID", "en": "Organisation ID"},
    "record.kind": {"ja": "種別", "en": "Kind"},
    "record.name": {"ja": "団体名", "en": "Name"},
    "record.fields": {"ja": "活動分野", "en": "Fields of activity"},
    "record.area_id": {"ja": "地域", "en": "Area (based in)"},
    "record.service_areas": {"ja": "活動地域", "en": "Areas served"},
    "record.legal_form": {"ja": "法人格", "en": "Legal form"},
    "record.households": {"ja": "世帯数", "en": "Member households"},
    "record.has_jishubo": {
        "ja": "自主防災組織",
        "en": "Voluntary disaster-prevention organisation",
    },
    "record.last_confirmed": {"ja": "最終確認日", "en": "Last confirmed"},
    "record.is_sample": {"ja": "サンプル", "en": "Sample"},
    "record.address": {"ja": "所在地", "en": "Address"},
    "record.lon": {"ja": "経度", "en": "Longitude"},
    "record.lat": {"ja": "緯度", "en": "Latitude"},
    "record.representative": {"ja": "代表者", "en": "Representative"},
    "record.phone": {"ja": "電話", "en": "Phone"},
    "record.email": {"ja": "メール", "en": "Email"},
    "record.notes": {"ja": "備考", "en": "Notes"},
    "record.corporate_number": {"ja": "法人番号", "en": "Corporate number"},
    "record.name_kana": {"ja": "法人名称カナ", "en": "Name in kana"},
    "record.portal_url": {"ja": "法人情報URL", "en": "Corporation's page (URL)"},
    "record.purpose": {"ja": "定款に記載された目的", "en": "Purpose in the articles"},
    # import page
    "staff.import.title": {"ja": "取り込み", "en": "Import"},
    "staff.import.caption": {
        "ja": "市や支援センターの名簿（CSV・Excel・GeoJSON・GeoPackage）を取り込みます。"
        "まず下に、追加・変更・廃止される団体と問題の一覧が出ます。"
        "「取り込む」を押すまで何も保存されません。",
        "en": "Import a list kept by the city or the support center (CSV, Excel, GeoJSON, "
        "GeoPackage). You first see what would be added, changed and retired, and every "
        "problem; nothing is saved until you press Import.",
    },
    "staff.import.backup": {
        "ja": "取り込みの前には、登録簿のバックアップを自動で取ります。",
        "en": "A backup of the registry is taken automatically before an import.",
    },
    "staff.import.kind": {"ja": "取り込む団体の種類", "en": "Kind of organisations"},
    "staff.kind.civic_groups": {"ja": "市民活動団体", "en": "Civic groups"},
    "staff.kind.associations": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "staff.kind.councils": {"ja": "地域づくり協議会", "en": "Area councils"},
    "staff.import.retire_missing": {
        "ja": "ファイルにない団体（この種類）を廃止扱いにする",
        "en": "Retire organisations of this kind that the file does not list",
    },
    "staff.import.retire_missing_help": {
        "ja": "ファイルがこの種類の団体の全件の名簿のときだけ付けてください。"
        "付けなければ、ファイルにない団体はそのまま残ります。",
        "en": "Tick only when the file is the complete list of this kind; otherwise "
        "the organisations it does not list stay as they are.",
    },
    "staff.import.kept": {
        "ja": "ファイルにない同じ種類の団体が {n:,}件あります。"
        "廃止扱いにはせず、そのまま残します。",
        "en": "{n:,} organisations of this kind are not in the file; they are not retired "
        "and stay as they are.",
    },
    "staff.import.kept_one": {
        "en": "{n:,} organisation of this kind is not in the file; it is not retired and "
        "stays as it is.",
    },
    "staff.import.no_fields": {
        "ja": "活動分野が空の市民活動団体が{n:,}件あります（行：{rows}{more}）。このまま"
        "取り込めますが、分野で絞り込んだ地図や一覧には表示されません。",
        "en": "{n:,} civic groups have no field of activity (rows: {rows}{more}). They can "
        "be imported, but a map or list narrowed to fields does not show them.",
    },
    "staff.import.no_fields_one": {
        "en": "{n:,} civic group has no field of activity (row: {rows}{more}). It can be "
        "imported, but a map or list narrowed to fields does not show it.",
    },
    "staff.import.elsewhere": {
        "ja": "住所と緯度・経度が別の地域を指している行が{n:,}件あります。緯度・経度の地域で"
        "登録します。どちらかが違っていないか確かめてください：{rows}{more}",
        "en": "{n:,} rows have an address in another area than their latitude and "
        "longitude; they are registered in the point's area. Check that neither is "
        "wrong: {rows}{more}",
    },
    "staff.import.elsewhere_one": {
        "en": "{n:,} row has an address in another area than its latitude and longitude; "
        "it is registered in the point's area. Check that neither is wrong: {rows}{more}",
    },
    "staff.import.elsewhere.row": {
        "ja": "{row}行目（住所：{address}、地点：{point}）",
        "en": "row {row} (address: {address}, point: {point})",
    },
    "staff.import.written_elsewhere": {
        "ja": "地域の列と、所在地（または緯度・経度）が別の地域を指している行が{n:,}件あります。"
        "地域の列のとおりに登録します（地図の点は所在地の地域に表示されます）。"
        "どちらかが違っていないか確かめてください：{rows}{more}",
        "en": "{n:,} rows name another area in the 地域 column than their address (or "
        "latitude and longitude); they are registered in the area written (the map shows "
        "their point in the other). Check that neither is wrong: {rows}{more}",
    },
    "staff.import.written_elsewhere_one": {
        "en": "{n:,} row names another area in the 地域 column than its address (or "
        "latitude and longitude); it is registered in the area written (the map shows "
        "its point in the other). Check that neither is wrong: {rows}{more}",
    },
    "staff.import.written_elsewhere.row": {
        "ja": "{row}行目（地域の列：{written}、所在地：{place}）",
        "en": "row {row} (地域 column: {written}, address: {place})",
    },
    "staff.import.other_kinds": {
        "ja": "このファイルには、取り込む種類（{kind}）でない行があります：{kinds}。"
        "すべての種類を書き出したファイルは、種類ごとのファイルに分けて（書き出しで種類を"
        "選んで）、それぞれの種類で取り込んでください。",
        "en": "This file holds rows of other kinds than the one imported ({kind}): "
        "{kinds}. Split a file of every kind into one file per kind (export one kind at a "
        "time) and import each with its kind.",
    },
    "staff.import.other_kinds.item": {
        "ja": "{kind} {n:,}行",
        "en": "{kind}: {n:,} rows",
    },
    "staff.import.other_kinds.item_one": {"en": "{kind}: {n:,} row"},
    "staff.import.hidden_rows": {
        "ja": "Excel で非表示にしている行も、ほかの行と同じように読みます（{rows}行目{more}）。"
        "取り込まない行は、ファイルから削除してください。",
        "en": "Rows hidden in the workbook are read like the others (row {rows}{more}). "
        "Delete from the file the rows that should not be imported.",
    },
    "staff.import.rows_more": {"ja": "、ほか{n:,}行", "en": ", and {n:,} more"},
    "staff.import.columns_more": {"ja": "、ほか{n:,}列", "en": ", and {n:,} more"},
    "staff.import.retire_warning": {
        "ja": "この取り込みで {n:,}件の団体を廃止扱いにします（この種類の {share:.0%}）。"
        "下の一覧を確かめてください。",
        "en": "This import retires {n:,} organisations ({share:.0%} of this kind). "
        "Check the list below.",
    },
    "staff.import.retire_warning_one": {
        "en": "This import retires {n:,} organisation ({share:.0%} of this kind). "
        "Check the list below.",
    },
    "staff.import.confirm_needed": {
        "ja": "この種類の {limit:.0%} を超える {n}件（{share:.0%}）を廃止扱いにします。"
        "間違いでなければ、下に件数を入力してから「取り込む」を押してください。",
        "en": "This retires {n} organisations, {share:.0%} of this kind (more than "
        "{limit:.0%}). If that is intended, type the number below, then press Import.",
    },
    "staff.import.confirm_needed_one": {
        "en": "This retires {n} organisation, {share:.0%} of this kind (more than "
        "{limit:.0%}). If that is intended, type the number below, then press Import.",
    },
    "staff.import.confirm": {
        "ja": "確認のため、廃止扱いにする件数（{n}）を入力してください",
        "en": "To confirm, type the number of organisations to retire ({n})",
    },
    "staff.import.file": {
        "ja": "ファイル（CSV・Excel（.xlsx）・GeoJSON・GeoPackage、20 MB まで。"
        "CSV は UTF-8・Shift_JIS・EUC-JP・UTF-16）",
        "en": "File (CSV, Excel .xlsx, GeoJSON or GeoPackage, up to 20 MB; "
        "CSV in UTF-8, Shift_JIS, EUC-JP or UTF-16)",
    },
    "upload.button": {"ja": "ファイルを選ぶ", "en": "Choose a file"},
    "upload.drop": {"ja": "ここにドラッグ＆ドロップもできます", "en": "or drop it here"},
    "upload.field": {"ja": "ファイルの選択", "en": "Choose a file"},
    "staff.import.added": {"ja": "追加", "en": "Added"},
    "staff.import.changed": {"ja": "変更", "en": "Changed"},
    "staff.import.reactivated": {"ja": "再開", "en": "Reactivated"},
    "staff.import.retired": {"ja": "廃止", "en": "Retired"},
    "staff.import.unchanged": {"ja": "変更なし", "en": "Unchanged"},
    "staff.import.invalid": {"ja": "問題のある行", "en": "Rows with problems"},
    "staff.import.added_title": {"ja": "追加される団体", "en": "Organisations to add"},
    "staff.import.changed_title": {"ja": "変更される団体", "en": "Organisations to change"},
    "staff.import.retired_title": {
        "ja": "廃止扱いになる団体",
        "en": "Organisations to retire",
    },
    "staff.import.retire_later": {
        "ja": "問題のあるうちは廃止しません。直したファイルを取り込むと廃止されます。",
        "en": "Nothing is retired while the file has problems; import the corrected file.",
    },
    "staff.import.sheet": {
        "ja": "シート「{sheet}」を一覧として読みました（見出しに団体名があるのは"
        "このシートだけです）。ほかのシート（{others}）は読んでいません。",
        "en": "The sheet “{sheet}” was read as the list (the only one whose header names "
        "the groups); the other sheets ({others}) were not read.",
    },
    "staff.import.not_read": {
        "ja": "見出しが説明にない列（{columns}{more}）は読んでいません。その内容も取り込むなら、"
        "見出しを説明にある列名（団体名、活動分野、所在地 …）に直してください。",
        "en": "Columns whose headers are not documented ({columns}{more}) were not read. To "
        "import what they hold, rename them to a documented header (団体名, 活動分野, "
        "所在地 …).",
    },
    "staff.import.header_row": {
        "ja": "ファイルの{row}行目を見出しとして読みました。"
        "その上の{above}行（表題や空の行）は読み飛ばしています。",
        "en": "The header was read from row {row} of the file; the rows above it "
        "({above}: a title, blank rows) were passed over.",
    },
    "staff.import.sum_rows": {
        "ja": "合計や小計の行は団体ではないので読み飛ばしています（{rows}行目{more}）。",
        "en": "Rows of totals (合計, 小計) are not organisations and were passed over "
        "(row {rows}{more}).",
    },
    "staff.import.in_part": {
        "ja": "世帯数の「約」「程度」や、答えの後の注記（括弧の中など）を除いて読んだ行があります"
        "（{rows}行目{more}）。除いた部分は保存されません。残したいときは備考に書いてください。",
        "en": "Some rows were read without the 約 or 程度 of a household count, or without "
        "a note after an answer, such as one in brackets (row {rows}{more}). What was left "
        "out is not stored; to keep it, write it in the notes.",
    },
    "staff.import.nothing": {
        "ja": "登録簿と同じ内容です。取り込むものはありません。",
        "en": "The file matches the registry; there is nothing to import.",
    },
    "staff.import.go": {"ja": "取り込む", "en": "Import"},
    "staff.import.go_valid": {"ja": "有効な行だけ取り込む", "en": "Import the valid rows only"},
    "staff.import.changed_meanwhile": {
        "ja": "確認している間に登録簿が変わりました。何も保存していません。"
        "上の一覧を確かめて、もう一度押してください。",
        "en": "The registry changed while you were reviewing; nothing was saved. "
        "Check the lists above and press again.",
    },
    "staff.import.done": {
        "ja": "取り込みました：追加 {added:,}、変更 {changed:,}、再開 {reactivated:,}、"
        "廃止 {retired:,}。",
        "en": "Imported: {added:,} added, {changed:,} changed, {reactivated:,} reactivated, "
        "{retired:,} retired.",
    },
    # export
    "staff.export.title": {"ja": "書き出し", "en": "Export"},
    "staff.export.format": {"ja": "形式", "en": "Format"},
    "staff.export.csv": {"ja": "CSV（Excel 用）", "en": "CSV (for Excel)"},
    "staff.export.geojson": {"ja": "GeoJSON（地図用）", "en": "GeoJSON (for maps)"},
    "staff.export.hsds": {"ja": "HSDS（JSON）", "en": "HSDS (JSON)"},
    "staff.export.kind": {"ja": "団体の種類", "en": "Kind of organisations"},
    "staff.kind.all": {"ja": "すべて", "en": "All"},
    "staff.export.kind_help": {
        "ja": "1つの種類の CSV・GeoJSON は、そのまま取り込み直せます。"
        "すべての種類を含むファイルは、取り込むときに種類ごとに分けてください。",
        "en": "A CSV or GeoJSON of one kind imports back as it is; split a file of every "
        "kind by kind before importing it.",
    },
    "staff.export.private": {
        "ja": "代表者・電話・メール・備考も含める（職員用）",
        "en": "Include representative, phone, email and notes (staff only)",
    },
    "staff.export.private_warning": {
        "ja": "個人の連絡先を含みます。外部に渡さないでください。",
        "en": "Contains personal contact details. Do not share outside the office.",
    },
    "staff.export.download": {"ja": "ダウンロード", "en": "Download"},
    # edit page
    "staff.edit.title": {"ja": "団体の編集", "en": "Edit organisations"},
    "staff.edit.mode": {"ja": "操作", "en": "Action"},
    "staff.edit.mode.edit": {"ja": "登録済みの団体を直す", "en": "Edit an organisation"},
    "staff.edit.mode.add": {"ja": "団体を追加する", "en": "Add an organisation"},
    "staff.edit.pick": {"ja": "団体を選ぶ", "en": "Choose an organisation"},
    "staff.edit.none": {"ja": "登録されている団体はありません。", "en": "No organisations yet."},
    "staff.edit.kind": {"ja": "団体の種類", "en": "Kind"},
    "staff.edit.from_address": {"ja": "（住所から決める）", "en": "(from the address)"},
    "staff.edit.location_help": {
        "ja": "緯度・経度が空なら、所在地の町字の位置に置きます。"
        "所在地も空なら、地域の交流センターの位置に置きます。",
        "en": "With no latitude and longitude, the organisation is placed at its 町字; "
        "with no address either, at its area's center.",
    },
    "staff.edit.private": {
        "ja": "**連絡先（公開されません）**",
        "en": "**Contact (never shown to the public)**",
    },
    "staff.edit.is_sample": {"ja": "サンプルデータ", "en": "Sample data"},
    "staff.edit.save": {"ja": "保存する", "en": "Save"},
    "staff.edit.saved": {"ja": "保存しました（{org_id}）。", "en": "Saved ({org_id})."},
    "staff.edit.added": {"ja": "追加しました（{org_id}）。", "en": "Added ({org_id})."},
    "staff.edit.status": {
        "ja": "状態：{status}　版：{version}　最終更新：{who}（{at}）　位置：{match}",
        "en": "Status: {status}  Version: {version}  Last change: {who} ({at})  Placed by: {match}",
    },
    "staff.edit.conflict": {
        "ja": "この団体は、開いている間にほかの人が変更しました。何も保存していません。"
        "「読み込み直す」を押して、最新の内容にもう一度変更を加えてください。",
        "en": "Someone else changed this organisation while you had it open; nothing was "
        "saved. Press Reload and apply your change to the latest version.",
    },
    "staff.edit.reload": {"ja": "読み込み直す", "en": "Reload"},
    "staff.edit.refused": {"ja": "保存できませんでした。", "en": "Could not be saved."},
    "staff.edit.retired_mark": {"ja": "（廃止）", "en": " (retired)"},
    "staff.edit.confirm_retire": {
        "ja": "この団体を廃止扱いにする（地図に表示されなくなります）",
        "en": "Retire this organisation (it is no longer shown)",
    },
    "staff.edit.confirm_reactivate": {
        "ja": "この団体を再び表示する",
        "en": "Show this organisation again",
    },
    "staff.edit.retire": {"ja": "廃止する", "en": "Retire"},
    "staff.edit.reactivate": {"ja": "再開する", "en": "Reactivate"},
    "staff.edit.retired": {"ja": "廃止しました（{org_id}）。", "en": "Retired ({org_id})."},
    "staff.edit.reactivated": {
        "ja": "再開しました（{org_id}）。",
        "en": "Reactivated ({org_id}).",
    },
    "staff.status.active": {"ja": "活動中", "en": "active"},
    "staff.status.retired": {"ja": "廃止", "en": "retired"},
    "staff.match.coordinates": {"ja": "緯度・経度", "en": "coordinates"},
    "staff.match.town_koaza": {"ja": "町字と小字", "en": "町字 and 小字"},
    "staff.match.town": {"ja": "町字", "en": "町字 (town)"},
    "staff.match.area": {"ja": "地域のみ（交流センターの位置）", "en": "area only (its center)"},
    "staff.match.none": {"ja": "位置なし", "en": "not placed"},
    "staff.citywide": {"ja": "全市", "en": "Whole city"},
    "staff.yes": {"ja": "有", "en": "yes"},
    "staff.no": {"ja": "無", "en": "no"},
    # problems of staff files: formulas and the limits of an import
    "problem.formula": {
        "ja": "「=」「+」「-」「@」（全角も）で始まる文字は、表計算ソフトで数式として"
        "動くため取り込めません。先頭の文字を消すか、別の書き方にしてください"
        "（この一覧では、動かないよう先頭に ' を付けて示しています）",
        "en": "text beginning with =, +, -, @ (half- or full-width) runs as a formula in a "
        "spreadsheet and is refused: remove or reword the first character (shown here "
        "after a ' so that it cannot run)",
    },
    "problem.too_many_items": {
        "ja": "区切られた項目が多すぎます（{n:,}個、{limit}個まで）",
        "en": "too many separated items ({n:,}; at most {limit})",
    },
    "problem.more_unknown": {
        "ja": "ほかにも分からない項目が {n:,}個あります",
        "en": "{n:,} more unknown items",
    },
    "problem.too_many_rows": {
        "ja": "行が多すぎます。1つのファイルで取り込めるのは見出しの下 {limit:,}行までです。"
        "ファイルを分けてください",
        "en": "too many rows: a file may have at most {limit:,} rows under the header; split it",
    },
    "problem.too_many_columns": {
        "ja": "列が多すぎます（{n:,}列）。取り込めるのは {limit}列までです。"
        "使っていない列を削除してください",
        "en": "too many columns ({n:,}); at most {limit} are read: delete the unused columns",
    },
    "problem.sheet_too_large": {
        "ja": "シート「{sheet}」の範囲が大きすぎます（{rows:,}行 × {columns:,}列）。"
        "取り込めるのは見出しと {max_rows:,}行、{max_columns}列までです。"
        "使っていない行や列を削除して保存し直してください",
        "en": "sheet {sheet!r} spans {rows:,} rows × {columns:,} columns; at most a header "
        "and {max_rows:,} rows of {max_columns} columns are read: delete the unused rows "
        "and columns and save it again",
    },
    "problem.too_many_sheets": {
        "ja": "シートが多すぎます（{n}枚、{limit}枚まで）",
        "en": "too many sheets ({n}; at most {limit})",
    },
}
