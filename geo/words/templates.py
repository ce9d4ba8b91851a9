"""Texts of the downloadable templates (自治会・町内会, 市民活動団体, 協議会の部会).

Merged into :data:`geo.words.MESSAGES`. The headers of a template are the importer's
own (:mod:`geo.registry.columns`), so they are not here; what is here explains them.
"""

from __future__ import annotations

from collections.abc import Mapping

TEMPLATE_MESSAGES: Mapping[str, Mapping[str, str]] = {
    # sheets (the reader recognises the notes sheet by these names)
    "template.sheet.data": {"ja": "団体の一覧", "en": "Organisations"},
    "template.sheet.notes": {"ja": "記入のしかた", "en": "How to fill in"},
    # what each template is for
    "template.kind.associations": {"ja": "自治会・町内会", "en": "Neighbourhood associations"},
    "template.kind.civic_groups": {"ja": "市民活動団体", "en": "Civic groups"},
    "template.kind.council_committees": {
        "ja": "地域づくり協議会の部会",
        "en": "Sub-committees of the area councils",
    },
    "template.title": {
        "ja": "{kind}の名簿（{city}・取り込み用）",
        "en": "List of {kind} ({city}, for import)",
    },
    "template.intro.rows": {
        "ja": "「{sheet}」シートに、1行に1団体ずつ書いてください。"
        "1行目の見出しは変えないでください。",
        "en": "Write one organisation per row on the sheet “{sheet}”. Keep the headers "
        "in the first row as they are.",
    },
    "template.intro.council_committees": {
        "ja": "1行に1つの地域づくり協議会を書き、"
        "その部会の活動分野を「活動分野」にまとめて書きます。"
        "部会の名前は「備考」に書けます。協議会は名前（または団体ID）で登録済みの協議会と結び付きます。",
        "en": "Write one area council per row and list the fields of its sub-committees "
        "under 活動分野; the sub-committees' names may go under 備考. Each row updates "
        "the registered council of the same name (or 団体ID).",
    },
    "template.intro.notes_sheet": {
        "ja": "このシート（{sheet}）は取り込みのときに読み飛ばされます。",
        "en": "This sheet ({sheet}) is skipped when the file is imported.",
    },
    "template.intro.import": {
        "ja": "取り込み：職員用の「取り込み」ページで種類「{kind}」を選んでこのファイルを選ぶか、"
        "python -m geo.registry import ファイル名 --kind {import_kind}",
        "en": "To import: on the staff page 取り込み choose the kind “{kind}” and this file, "
        "or run python -m geo.registry import FILE --kind {import_kind}",
    },
    "template.intro.full_list": {
        "ja": "ファイルにない団体は、そのまま残ります。ファイルがこの種類の全件の名簿で、"
        "ファイルにない団体を廃止扱いにするときは、取り込みページで「{retire}」を選ぶか、"
        "コマンドに --retire-missing を付けてください。取り込む前に、変わる内容を確認できます。",
        "en": "Organisations the file does not list stay as they are. When the file is the "
        "full list of its kind and those should be retired, tick “{retire}” on the import "
        "page, or add --retire-missing to the command. You see what would change before "
        "anything is saved.",
    },
    "template.example_title": {
        "ja": "記入例（この例は取り込まれません）",
        "en": "Example (this example is never imported)",
    },
    "template.columns_title": {"ja": "列の説明", "en": "The columns"},
    "template.head.column": {"ja": "列", "en": "Column"},
    "template.head.required": {"ja": "必須", "en": "Required"},
    "template.head.how": {"ja": "書き方", "en": "How to fill it in"},
    "template.required.yes": {"ja": "必須", "en": "required"},
    "template.required.no": {"ja": "任意", "en": "optional"},
    "template.lists_title": {
        "ja": "選べる値（ドロップダウンの一覧）",
        "en": "Values to choose from (the drop-down lists)",
    },
    "template.list.areas": {"ja": "地域", "en": "Areas (地域)"},
    "template.list.service_areas": {"ja": "活動地域", "en": "Areas served (活動地域)"},
    "template.list.fields": {"ja": "活動分野", "en": "Fields of activity (活動分野)"},
    "template.several": {
        "ja": "一覧にない値です。"
        "複数のときは「、」で区切って書けます（例：防災・減災、子育て支援）。",
        "en": "Not a value of the list. Several may be written separated by 、 "
        "(e.g. 防災・減災、子育て支援).",
    },
    "template.not_in_list": {
        "ja": "一覧から選んでください。",
        "en": "Choose a value from the list.",
    },
    "template.whole_number": {
        "ja": "0以上の整数で書いてください。",
        "en": "Write a whole number (0 or more).",
    },
    # how to fill each column
    "template.col.org_id": {
        "ja": "新しい団体は空欄。"
        "登録済みの団体を直すときは、書き出したファイルの団体IDをそのまま残す",
        "en": "Empty for a new organisation; keep the 団体ID of an exported file to update one",
    },
    "template.col.name": {
        "ja": "団体の名前（書いたとおりに登録されます）",
        "en": "The organisation's name, as it should be shown",
    },
    "template.col.fields": {
        "ja": "活動分野。一覧から選ぶか、複数を「、」で区切って書く"
        "（番号8、略称「防災・減災」なども可）",
        "en": "Fields of activity: choose one, or write several separated by 、 "
        "(numbers such as 8 and short names such as 防災・減災 work too)",
    },
    "template.col.fields.council_committees": {
        "ja": "部会ごとの活動分野を「、」で区切って書く（例：防災・減災、高齢者の見守り・福祉）",
        "en": "The field of each sub-committee, separated by 、 "
        "(e.g. 防災・減災、高齢者の見守り・福祉)",
    },
    "template.col.area_id": {
        "ja": "拠点のある地域（一覧から選ぶ）。空欄なら所在地から決めます",
        "en": "The 地域 the organisation is based in (choose from the list); "
        "empty: taken from the address",
    },
    "template.col.service_areas": {
        "ja": "活動している地域。「全市」か、複数を「、」で区切って書く。空欄なら拠点の地域",
        "en": "The 地域 served: 全市 for the whole city, or several separated by 、; "
        "empty: the base 地域",
    },
    "template.col.legal_form": {
        "ja": "法人格（一覧から選ぶ。法人でなければ「任意団体」）",
        "en": "Legal form (choose from the list; 任意団体 when not incorporated)",
    },
    "template.col.households": {
        "ja": "加入世帯数（数字だけ）",
        "en": "Member households (a number)",
    },
    "template.col.has_jishubo": {
        "ja": "自主防災組織があれば「有」、なければ「無」",
        "en": "有 when the association has a disaster-prevention group, else 無",
    },
    "template.col.last_confirmed": {
        "ja": "内容を確かめた日（2025/4/1、令和7年4月1日 など）",
        "en": "The day the row was last checked (2025/4/1, 令和7年4月1日 …)",
    },
    "template.col.address": {
        "ja": "拠点の住所。{city}の町字の位置に地図上で置かれます"
        "（空欄なら、拠点のある地域の交流センターの位置）",
        "en": "The base's address; the map places it at its 町字 in {city} "
        "(empty: at the center of the 地域 it is based in)",
    },
    "template.col.representative": {
        "ja": "代表者の名前（職員だけが見られます。公開されません）",
        "en": "The representative's name (staff only, never public)",
    },
    "template.col.phone": {
        "ja": "連絡先の電話番号（職員だけが見られます）",
        "en": "Contact phone (staff only)",
    },
    "template.col.email": {
        "ja": "連絡先のメールアドレス（職員だけが見られます）",
        "en": "Contact e-mail (staff only)",
    },
    "template.col.notes": {
        "ja": "メモ（職員だけが見られます）",
        "en": "Notes (staff only)",
    },
    "template.col.notes.council_committees": {
        "ja": "部会の名前など（職員だけが見られます）",
        "en": "The sub-committees' names and other notes (staff only)",
    },
    # the example row
    "template.example.name.associations": {
        "ja": "（記入例）さくら町自治会",
        "en": "(Example) Sakura-cho neighbourhood association",
    },
    "template.example.name.civic_groups": {
        "ja": "（記入例）子ども食堂ひまわり",
        "en": "(Example) Himawari children's cafeteria",
    },
    "template.example.name.council_committees": {
        "ja": "（記入例）○○地域づくり協議会",
        "en": "(Example) XX area council",
    },
    "template.example.address": {
        "ja": "{city}○○町1丁目2-3",
        "en": "{city}○○町1丁目2-3",
    },
    "template.example.representative": {"ja": "山口 花子", "en": "山口 花子"},
    "template.example.phone": {"ja": "083-000-0000", "en": "083-000-0000"},
    "template.example.notes.council_committees": {
        "ja": "防災部会、福祉部会",
        "en": "防災部会、福祉部会",
    },
}
