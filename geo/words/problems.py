"""Why an input is refused: one text per problem code (``problem.<code>``).

Every :class:`geo.errors.Problem` names one of these codes; its parameters fill the
placeholders. The English texts are what the command lines and logs print; the staff
pages show the language of the session.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Saving advice shared by the encoding problems.
_SAVE_AS_UTF8_JA = (
    "文字コードが UTF-8・Shift_JIS・EUC-JP のどれでもありません。"
    "Excel で「CSV UTF-8（コンマ区切り）」として保存し直してください"
)

PROBLEM_MESSAGES: dict[str, Mapping[str, str]] = {
    # --- files ---------------------------------------------------------------------------
    "problem.file_missing": {"ja": "ファイルがありません", "en": "file is missing"},
    "problem.file_not_found": {"ja": "ファイルが見つかりません", "en": "file not found"},
    "problem.raw_file_missing": {
        "ja": "元データのファイルがありません",
        "en": "raw file is missing",
    },
    "problem.file_empty": {"ja": "ファイルが空です", "en": "the file is empty"},
    "problem.no_rows": {
        "ja": "見出しの下にデータの行がありません",
        "en": "no data rows under the header",
    },
    "problem.too_large": {
        "ja": "ファイルが大きすぎます（{size_mb:.1f} MB、{limit_mb} MB まで）。"
        "種類ごとに分けるか、使わない列を削除してください",
        "en": "the file is {size_mb:.1f} MB; files up to {limit_mb} MB are accepted: "
        "split it by kind or remove unused columns",
    },
    "problem.file_type": {
        "ja": "取り込めない種類のファイルです（.csv .tsv .xlsx .geojson .gpkg）。"
        "古い .xls のブックは .xlsx として保存し直してください",
        "en": "unknown file type: use .csv, .tsv, .xlsx, .geojson or .gpkg "
        "(an old .xls workbook: save it as .xlsx)",
    },
    "problem.ole_workbook": {
        "ja": "古い形式の Excel ブック（.xls）か、パスワードで保護されたブックです。"
        "Excel で開き（パスワードは解除して）、.xlsx として保存し直してください",
        "en": "an old Excel workbook (.xls), or one protected by a password: open it in "
        "Excel (remove the password) and save it as .xlsx",
    },
    "problem.opendocument": {
        "ja": "OpenDocument の表計算ファイル（.ods）は読めません。"
        ".xlsx か CSV として保存し直してください",
        "en": "an OpenDocument spreadsheet (.ods) cannot be read: save it as .xlsx or CSV",
    },
    "problem.zip_archive": {
        "ja": "zip でまとめたファイルです。中の名簿（.csv や .xlsx）を取り出して、"
        "そのファイルを選んでください",
        "en": "a zip archive: take the list (.csv, .xlsx) out of it and choose that file",
    },
    "problem.html_workbook": {
        "ja": "表計算の名前が付いた Web ページ（HTML）か XML のファイルです。Excel で開き、"
        ".xlsx として保存し直してください",
        "en": "a web page (HTML) or an XML file named as a workbook: open it in Excel and "
        "save it as .xlsx",
    },
    # --- text encodings and CSV ----------------------------------------------------------
    "problem.utf16": {
        "ja": "UTF-16 のファイルとして読めない文字があります。"
        "Excel で「CSV UTF-8（コンマ区切り）」として保存し直してください",
        "en": "the file is UTF-16 but has bytes that are not: save it as "
        "“CSV UTF-8 (comma delimited)”",
    },
    "problem.bad_utf8": {
        "ja": _SAVE_AS_UTF8_JA,
        "en": "the file starts as UTF-8 but has bytes that are not UTF-8",
    },
    "problem.encoding": {
        "ja": _SAVE_AS_UTF8_JA,
        "en": "the text is not UTF-8, Shift_JIS (CP932) or EUC-JP: save it as "
        "“CSV UTF-8 (comma delimited)”",
    },
    "problem.tokyo_datum": {
        "ja": "日本測地系（旧測地系）の緯度・経度は読めません。世界測地系（JGD2011 など）に"
        "変換してから取り込むか、この列を削除してください（所在地から位置を求めます）",
        "en": "latitudes and longitudes on the old Tokyo Datum (日本測地系) are not read: "
        "convert them to the world datum (JGD2011 or WGS84), or delete the column (the "
        "address then places the point)",
    },
    "problem.gaiji": {
        "ja": "外字（そのパソコンでだけ使える文字）があります。"
        "ほかの文字に置き換えて保存してください",
        "en": "a user-defined character (外字, shown only on the computer that made it): "
        "replace it and save the file again",
    },
    "problem.csv_unreadable": {
        "ja": "UTF-8 の CSV として読めません：{detail}",
        "en": "cannot be read as UTF-8 CSV: {detail}",
    },
    "problem.csv_invalid": {
        "ja": "CSV として読めません：{detail}",
        "en": "not a valid CSV: {detail}",
    },
    "problem.csv_open_quote": {
        "ja": '引用符（"）で始まるセルが、ファイルの終わりまで閉じられていません。'
        'この行のセルの " を確かめるか、ファイルが途中で切れていないか確かめてください',
        "en": 'a cell opened with a quote (") is not closed before the end of the file: '
        "check the quotes in this row, or whether the file is cut short",
    },
    "problem.csv_quote_inside": {
        "ja": '引用符（"）で囲んだセルの中に " があります。セルの中の " は "" と二つ重ねてください',
        "en": 'a quote (") inside a quoted cell: write a quote inside a cell as two ("")',
    },
    "problem.csv_cell_too_long": {
        "ja": "長すぎるセルがあります（{limit:,}文字まで）。"
        '引用符（"）が閉じられているか確かめてください',
        "en": 'a cell is longer than {limit:,} characters: check that its quotes (") are closed',
    },
    # --- workbooks -----------------------------------------------------------------------
    "problem.not_xlsx": {
        "ja": ".xlsx のブックとして読めません（壊れているか、名前だけ .xlsx の別の形式です。"
        "Excel で開けるなら .xlsx として保存し直してください）",
        "en": "not a readable .xlsx workbook (damaged, or another format named .xlsx: "
        "if Excel opens it, save it as .xlsx again)",
    },
    "problem.xlsx_too_large": {
        "ja": "ブックを展開すると大きすぎます",
        "en": "the workbook is too large once unpacked",
    },
    "problem.xlsx_unreadable": {
        "ja": "ブックを読み取れません。Excel で開いて .xlsx として保存し直してください（{detail}）",
        "en": "the workbook cannot be read: open it in Excel and save it as .xlsx again ({detail})",
    },
    "problem.sheets": {
        "ja": "複数のシートにデータがあります。1つのファイルには1つのシートだけにしてください",
        "en": "the workbook has several sheets with data: keep one list per file (one sheet)",
    },
    "problem.merged_header": {
        "ja": "見出しのセルが結合されています。結合を解除して、列ごとに見出しを付けてください",
        "en": "merged header cells: unmerge them and give each column its own header",
    },
    "problem.excel_error": {
        "ja": "Excel のエラー値です。元の式や値を直して、正しい値を入れてください",
        "en": "an Excel error value: correct the formula or value that made it",
    },
    "problem.merged": {
        "ja": "セルが結合されています。結合を解除して、すべてのセルに値を入れてください",
        "en": "merged cells: unmerge them and fill in every cell",
    },
    # --- JSON, GeoJSON and GeoPackage ----------------------------------------------------
    "problem.json_cut": {
        "ja": "JSON として読めません。ファイルが途中で切れていないか確かめてください",
        "en": "not valid JSON, the file is cut short in the middle of a character",
    },
    "problem.json_invalid": {
        "ja": "JSON として読めません（{line}行目、{column}文字目）。"
        "ファイルが途中で切れていないか確かめてください",
        "en": "not valid JSON at line {line}, column {column}: the file may be cut short",
    },
    "problem.json_number_too_long": {
        "ja": "JSON に桁数の多すぎる数があり、読めません",
        "en": "not readable: the JSON holds a number of too many digits",
    },
    "problem.json_too_deep": {
        "ja": "JSON の入れ子が深すぎて読めません",
        "en": "not readable: the JSON is nested too deeply",
    },
    "problem.geojson_not_utf8": {
        "ja": "GeoJSON は UTF-8 で保存してください",
        "en": "GeoJSON must be UTF-8",
    },
    "problem.geojson_invalid": {
        "ja": "GeoJSON として読めません：{detail}",
        "en": "not valid GeoJSON: {detail}",
    },
    "problem.not_feature_collection": {
        "ja": "GeoJSON の FeatureCollection ではありません",
        "en": "not a GeoJSON FeatureCollection",
    },
    "problem.no_features": {
        "ja": "FeatureCollection に features の一覧がありません",
        "en": "the FeatureCollection has no features list",
    },
    "problem.not_feature": {
        "ja": "GeoJSON の地物（Feature）ではありません",
        "en": "not a GeoJSON feature",
    },
    "problem.nested": {
        "ja": "入れ子になった値は取り込めません",
        "en": "nested objects are not accepted",
    },
    "problem.repeated_member": {
        "ja": "「{members}」が2つ以上あります。1つにまとめてください",
        "en": "'{members}' is given more than once: keep one",
    },
    "problem.repeated_property": {
        "ja": "同じ名前のプロパティが2つ以上あります。1つにまとめてください",
        "en": "this property is given more than once: keep one",
    },
    "problem.one_feature_expected": {
        "ja": "地物は1つだけにしてください",
        "en": "expected one feature",
    },
    "problem.gpkg_layers": {
        "ja": "GeoPackage のレイヤーは1つだけにしてください",
        "en": "the GeoPackage must hold exactly one layer",
    },
    "problem.gpkg_unreadable": {
        "ja": "GeoPackage として読めません。QGIS などで開けるか確かめて、"
        "GeoPackage として保存し直してください（{detail}）",
        "en": "not a readable GeoPackage: check that QGIS or a similar program opens it, "
        "and save it as a GeoPackage again ({detail})",
    },
    # --- geometry and coordinates --------------------------------------------------------
    "problem.geometry_unreadable": {
        "ja": "形状を読み取れません",
        "en": "geometry cannot be read",
    },
    "problem.geometry_empty": {"ja": "形状が空です", "en": "geometry is empty"},
    "problem.geometry_type": {"ja": "形状の種類が違います", "en": "wrong geometry type"},
    "problem.geometry_invalid": {"ja": "形状が正しくありません", "en": "invalid geometry"},
    "problem.points_only": {
        "ja": "点（ポイント）の位置だけ取り込めます",
        "en": "only points are accepted",
    },
    "problem.crs_not_wgs84": {
        "ja": "座標系は WGS84（EPSG:4326）にしてください",
        "en": "must be WGS84 (EPSG:4326)",
    },
    "problem.crs_unknown": {
        "ja": "座標参照系（crs）を読み取れません。crs を消して WGS84 の経度・緯度で保存するか、"
        "EPSG コードで書いてください（例：EPSG:6668）",
        "en": "the coordinate reference system (crs) cannot be read: remove it and save "
        "WGS84 longitude/latitude, or name it by its EPSG code (e.g. EPSG:6668)",
    },
    "problem.point_coordinates": {
        "ja": "点の座標を読み取れません。[経度, 緯度] の2つの数で書いてください",
        "en": "the point's coordinates cannot be read: write two numbers, [longitude, latitude]",
    },
    "problem.outside_city": {"ja": "位置が市の外です", "en": "point is outside the city"},
    "problem.center_outside_area": {
        "ja": "地域交流センターが自分の地域の中にありません",
        "en": "center is not inside its own area",
    },
    # --- columns and headers -------------------------------------------------------------
    "problem.missing_column": {
        "ja": "必要な列がありません",
        "en": "required column is missing",
    },
    "problem.same_column": {
        "ja": "左から{position}列目：「{header}」と同じ意味の列です。どちらかを削除してください",
        "en": "column {position} from the left: the same column as {header!r}: keep one of them",
    },
    "problem.no_header": {
        "ja": "左から{position}列目：見出しがないのにデータがあります。見出しを書くか、"
        "列を削除してください",
        "en": "column {position} from the left has data but no header: give it a header "
        "or delete the column",
    },
    "problem.extra_cells": {
        "ja": "見出しより多くのセルに値があります",
        "en": "the row has more cells than the header",
    },
    # --- values --------------------------------------------------------------------------
    "problem.empty": {"ja": "値が空です", "en": "value is empty"},
    "problem.unreadable": {"ja": "値を読み取れません", "en": "cannot be read"},
    "problem.unknown_value": {"ja": "使えない値です", "en": "unknown value"},
    "problem.duplicate": {
        "ja": "{row}行目と重複しています",
        "en": "duplicate of row {row}",
    },
    "problem.below_minimum": {
        "ja": "{minimum:,g} より小さい値です",
        "en": "below {minimum:,g}",
    },
    "problem.above_maximum": {
        "ja": "{maximum:,g} より大きい値です",
        "en": "above {maximum:,g}",
    },
    "problem.not_number": {"ja": "数として読めません", "en": "not a number"},
    "problem.not_whole_number": {"ja": "整数として読めません", "en": "not a whole number"},
    "problem.not_yes_no": {
        "ja": "有／無（あり／なし、○／×）で書いてください",
        "en": "not yes/no",
    },
    "problem.yes_no": {
        "ja": "有／無（あり／なし、○／×）で書いてください",
        "en": "not yes/no (有/無, あり/なし, ○/×)",
    },
    "problem.not_iso_date": {
        "ja": "日付（YYYY-MM-DD）として読めません",
        "en": "not a date (YYYY-MM-DD)",
    },
    "problem.date": {
        "ja": "日付として読めません（2024-04-01、2024/4/1、令和6年4月1日 など）",
        "en": "not a date (2024-04-01, 2024/4/1, 令和6年4月1日)",
    },
    "problem.future": {"ja": "未来の日付です", "en": "date is in the future"},
    "problem.control": {
        "ja": "タブや改行などの制御文字が含まれています",
        "en": "contains control characters (tab, line break …)",
    },
    "problem.bidi": {
        "ja": "文字の向きを変える見えない制御文字（U+202E など）が含まれています",
        "en": "contains invisible characters that turn the text's direction (such as U+202E)",
    },
    "problem.no_visible_text": {
        "ja": "見える文字がありません（空白に見える文字や、見えない文字だけです）",
        "en": "nothing visible: only characters that show as blank or not at all",
    },
    "problem.too_long": {
        "ja": "{limit}文字を超えています",
        "en": "longer than {limit} characters",
    },
    "problem.email": {
        "ja": "メールアドレスとして読めません",
        "en": "not an email address",
    },
    # --- the city's vocabulary -----------------------------------------------------------
    "problem.unknown_area": {"ja": "地域名が分かりません", "en": "unknown area"},
    "problem.unknown_area_id": {"ja": "地域IDが分かりません", "en": "unknown area id"},
    "problem.area_missing": {"ja": "この地域がありません", "en": "area is missing"},
    "problem.unknown_chiiki": {"ja": "地域名が分かりません", "en": "unknown 地域"},
    "problem.town_unassigned": {
        "ja": "町字に地域が割り当てられていません",
        "en": "町字 has no 地域 assigned",
    },
    "problem.base_citywide": {
        "ja": "拠点の地域は1つの地域です（全市は活動地域に書いてください）",
        "en": "the base area is one 地域 (use 活動地域 for 全市)",
    },
    "problem.unknown_field": {
        "ja": "活動分野が分かりません（番号・分野名・略称で書いてください）",
        "en": "unknown field of activity",
    },
    "problem.unknown_field_code": {
        "ja": "活動分野のコードが分かりません",
        "en": "unknown field code",
    },
    "problem.fields_incomplete": {
        "ja": "活動分野の1〜20がそろっていません",
        "en": "expected fields 1–20",
    },
    "problem.unknown_kind": {
        "ja": "団体の種類が分かりません",
        "en": "unknown kind of organisation",
    },
    "problem.unknown_legal_form": {"ja": "法人格が分かりません", "en": "unknown legal form"},
    # --- organisations in the registry ---------------------------------------------------
    "problem.id_format": {
        "ja": "団体ID は英数字と - _ . で、64文字までです",
        "en": "ids use letters, digits, - _ and . (at most 64)",
    },
    "problem.id_changed": {"ja": "団体ID は変えられません", "en": "id cannot change"},
    "problem.other_kind_id": {
        "ja": "別の種類（{kind}）の団体の ID です",
        "en": "this id belongs to another kind of organisation ({kind})",
    },
    "problem.wrong_kind": {
        "ja": "取り込む種類（{kind}）と違う団体です。その種類を選んで取り込んでください",
        "en": "not of the kind imported ({kind}): import it with its own kind",
    },
    "problem.new_id_known_name": {
        "ja": (
            "この団体IDの団体は登録にありませんが、同じ名前の団体が登録されています（{ids}）。"
            "その団体IDに直すか、この列を空欄にしてください（名前で照合します）"
        ),
        "en": (
            "no organisation has this id, but one of the same name is registered ({ids}): "
            "give its id, or leave this column empty to match by name"
        ),
    },
    "problem.ambiguous_name": {
        "ja": "同じ名前の団体が複数あります（{ids}）。団体ID の列を加えてください",
        "en": "the name matches several organisations ({ids}): add the 団体ID column",
    },
    "problem.both_coordinates": {
        "ja": "緯度と経度の両方を入れてください",
        "en": "give both 緯度 and 経度",
    },
    "problem.no_location": {
        "ja": "所在地、緯度・経度、または地域（拠点の地域）を入れてください",
        "en": "give 所在地, 緯度/経度 or 地域 (the base area)",
    },
    "problem.unplaced": {
        "ja": "住所から{city}内の位置が分かりません。住所を確かめるか、緯度・経度を入れてください",
        "en": "the address cannot be placed in {city}: check it or give 緯度/経度",
    },
}
