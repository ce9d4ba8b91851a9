"""The column mapping: how staff head their spreadsheets, and the words they use.

Headers and words are matched after :func:`geo.normalise.normalise` (NFKC, case-folded,
spaces removed), so ``団体名``, ``団体名 `` and ``ＮＡＭＥ`` are the same header; the
cells keep the text as written. The table below is documented in README.md (a test
keeps the two in step).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from geo.model import CITYWIDE, ORG_RECORD_COLUMNS
from geo.normalise import normalise
from geo.words import LANGS, text

#: Columns of a registry record: those of ``organisations.csv``, then the 法人番号, the
#: name in kana, the portal's page and the purpose (:data:`geo.model.ORG_RECORD_COLUMNS`).
RECORD_COLUMNS = ORG_RECORD_COLUMNS


@dataclass(frozen=True)
class Heading:
    """One column of an import file.

    Attributes
    ----------
    column
        The registry column it fills.
    label_ja
        The header staff usually write, used when reporting a missing column.
    aliases
        Other headers accepted (the registry column name is always accepted too).
    meaning_en
        What the column holds and which words it accepts.
    """

    column: str
    label_ja: str
    aliases: tuple[str, ...]
    meaning_en: str


HEADINGS: tuple[Heading, ...] = (
    Heading(
        "org_id",
        "団体ID",
        ("団体番号", "登録番号", "整理番号", "ID"),
        "registry id; empty for a new organisation (matched by kind and name)",
    ),
    Heading(
        "kind",
        "種別",
        ("団体種別", "種類"),
        "市民活動団体 / 自治会・町内会 / 地域づくり協議会; optional, must agree with --kind",
    ),
    Heading(
        "name",
        "団体名",
        (
            "名称",
            "団体名称",
            "名前",
            "自治会名",
            "町内会名",
            "自治会・町内会名",
            "自治会等名",
            "協議会名",
            "法人名",
            "法人名称",
        ),
        "name as written (required)",
    ),
    Heading(
        "fields",
        "活動分野",
        ("分野", "活動分野コード"),
        "required column (but in a list of 自治会・町内会); fields separated by ; 、 , / "
        "or line breaks — number (8; ① to ⑳ "
        "or (1) to (20) one after another; numbers with spaces or ・ between them, 1 13), "
        "code (npo08, bousai), official or short name (災害救援活動, "
        "災害救援, 防災・減災), or a part of a short name no other field has (防災, 交通安全)",
    ),
    Heading(
        "area_id",
        "地域",
        ("所在地域", "拠点地域", "拠点の地域", "地域名", "地域ID", "地区", "地区名"),
        "the 地域 the organisation is based in (湯田, 湯田地域, 湯田地区, "
        "湯田地域交流センター, yuda); "
        "empty: taken from the address or the point",
    ),
    Heading(
        "service_areas",
        "活動地域",
        ("活動範囲", "対象地域"),
        "地域 served, separated like fields or by ・; 全市 / 市内全域 / 市内一円 for the "
        "whole city; "
        "empty: the base 地域",
    ),
    Heading(
        "legal_form",
        "法人格",
        ("法人種別", "法人の種類"),
        "特定非営利活動法人 (NPO法人) / 一般社団法人・一般財団法人 / 認可地縁団体 / 任意団体",
    ),
    Heading("households", "世帯数", ("加入世帯数", "加入世帯"), "member households (associations)"),
    Heading(
        "has_jishubo",
        "自主防災組織",
        ("自主防災", "自主防災組織の有無", "自主防災組織結成の有無", "自主防災組織の結成"),
        "有 / 無, あり / なし, ○ (〇) / ×, ✓, 結成済 / 未結成, yes / no; a note after the "
        "answer, as in あり（R3結成）, is left out",
    ),
    Heading(
        "last_confirmed",
        "最終確認日",
        ("確認日", "確認年月日"),
        "2024-04-01, 2024/4/1, 2024年4月1日, 令和6年4月1日, R6.4.1; a month (2024/4, R6.4): "
        "its first day; a fiscal year (令和6年度): 1 April",
    ),
    Heading("is_sample", "サンプル", ("サンプルデータ",), "yes for sample rows; empty: no"),
    Heading(
        "address",
        "所在地",
        ("住所", "活動拠点住所"),
        "address in 山口市; placed at its 町字 point when there are no coordinates; "
        "with neither, at the 地域交流センター of its 地域",
    ),
    Heading("lon", "経度", ("longitude", "lng", "x"), "WGS84 longitude (131.47…)"),
    Heading("lat", "緯度", ("latitude", "y"), "WGS84 latitude (34.18…)"),
    Heading(
        "representative",
        "代表者",
        ("代表者名", "代表者氏名", "代表", "会長", "会長名", "会長氏名"),
        "private: staff views only",
    ),
    Heading(
        "phone",
        "電話",
        ("電話番号", "TEL", "連絡先電話", "連絡先電話番号", "代表電話"),
        "private: staff views only",
    ),
    Heading(
        "email",
        "メール",
        ("メールアドレス", "Eメール", "E-mail", "mail"),
        "private: staff views only",
    ),
    Heading("notes", "備考", ("メモ", "特記事項", "備考欄"), "private: staff views only"),
    Heading(
        "corporate_number",
        "法人番号",
        ("法人番号（13桁）", "corporate number"),
        "the 13-digit 法人番号 of a corporation (check digit verified); "
        "how the national NPO法人 file finds it again",
    ),
    Heading(
        "name_kana",
        "法人名称カナ",
        ("よみがな", "ふりがな", "フリガナ", "団体名カナ", "団体名よみがな"),
        "the name in kana, for searching by reading",
    ),
    Heading(
        "portal_url",
        "法人情報URL",
        ("NPO法人ポータルURL", "ポータルURL"),
        "the corporation's page on the NPO portal (http:// or https://)",
    ),
    Heading(
        "purpose",
        "定款に記載された目的",
        ("定款の目的", "目的", "活動目的"),
        "private: staff views only; the purpose in the articles (several lines, "
        "up to 5,000 characters)",
    ),
)

#: The column of an export that says how each point was found (its match level, see
#: :mod:`geo.registry.places`: ``area`` is the 地域's 交流センター standing in for an
#: address known only to the area), and its Japanese header. Exports write it; an import
#: reads it only to keep a point at its 地域's center approximate (see
#: :func:`is_placed_by`), and does not store it. The Japanese header is the staff pages'
#: word for a match level (``staff.col.match``); :data:`PLACED_BY_OLD_LABEL` is the one
#: the first exports wrote.
PLACED_BY, PLACED_BY_LABEL = "placed_by", "位置の決め方"
PLACED_BY_OLD_LABEL = "位置の求め方"
_PLACED_BY_HEADERS = (PLACED_BY, PLACED_BY_LABEL, PLACED_BY_OLD_LABEL)

#: Headers that are accepted and ignored (row numbers staff keep in their sheets, and an
#: export's :data:`PLACED_BY`).
IGNORED_HEADERS = ("No.", "No", "連番", "通し番号", "番号", "#", *_PLACED_BY_HEADERS)

#: Registry column -> the Japanese header used in reports.
LABELS: Mapping[str, str] = {h.column: h.label_ja for h in HEADINGS}

_BY_HEADER: dict[str, str] = {}
for _h in HEADINGS:
    for _text in (_h.column, _h.label_ja, *_h.aliases):
        _BY_HEADER[normalise(_text)] = _h.column
_IGNORED = frozenset(normalise(h) for h in IGNORED_HEADERS)
_PLACED_BY = frozenset(normalise(h) for h in _PLACED_BY_HEADERS)

IGNORE = ""


#: Notes written into a header, in brackets (after NFKC: 団体名（必須）, 【必須】団体名,
#: 世帯数（R6.4.1現在）, 活動分野[番号]).
_NOTES = re.compile(r"\([^()]*\)|【[^】]*】|\[[^\]]*\]|〔[^〕]*〕|<[^>]*>|《[^》]*》")
#: Marks set before or after a header (団体名*, ★団体名); a note after ※ (団体名※必須).
_MARKS = "*※★☆●◎○◆■"
#: A note that makes the name its reading (団体名（ふりがな）): another column.
_READING = tuple(
    normalise(w) for w in ("ふりがな", "フリガナ", "よみ", "ヨミ", "読み", "かな", "カナ")
)
#: Notes that make a header another thing than the column it names (所在地（郵便番号）,
#: 電話（FAX）, 代表者（役職）, 団体名（旧名称）): not read as that column.
_OTHER = tuple(
    normalise(w)
    for w in (
        "郵便番号",
        "〒",
        "FAX",
        "ファクス",
        "ファックス",
        "役職",
        "英語",
        "English",
        "ローマ字",
        "旧",
    )
)


def _without_notes(key: str) -> tuple[str, str]:
    """A folded header without its notes, and what the notes make it: ``"reading"``,
    ``"other"`` or ``""``."""
    notes = _NOTES.findall(key)
    base, _, after = _NOTES.sub("", key).strip(_MARKS).partition("※")
    base = base.strip(_MARKS)
    said = "".join(notes) + after
    if any(word in said for word in _OTHER):
        return base, "other"
    return base, "reading" if any(word in said for word in _READING) else ""


def is_placed_by(text: str) -> bool:
    """Whether a header is an export's :data:`PLACED_BY` column (in either language).

    The column is not a record's (:func:`match_header` gives :data:`IGNORE`), but an
    import reads it: a point it says is ``area``, standing at its 地域's 交流センター, stays
    approximate in a registry that has never stored it.

    Parameters
    ----------
    text
        The header as written.
    """
    return normalise(text) in _PLACED_BY


def match_header(text: str) -> str | None:
    """The registry column a header fills, :data:`IGNORE` for an ignored one, or ``None``.

    A header is matched as written, else without the notes staff write into it (in
    brackets, after ※, or marks such as ``*``): 団体名（必須）, 【必須】団体名, 所在地（住所）
    and 団体名※ are 団体名 … but 団体名（ふりがな） is the name's reading.

    Parameters
    ----------
    text
        The header as written.
    """
    key = normalise(text)
    if key in _IGNORED:
        return IGNORE
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    base, made = _without_notes(key)
    if not base or base == key or made == "other":
        return None
    if base in _IGNORED:
        return IGNORE
    column = _BY_HEADER.get(base)
    if made == "reading":
        return "name_kana" if column == "name" else None
    return column


def is_known_header(text: str) -> bool:
    """Whether ``text`` is a header the importer knows (read or ignored): a row with two
    of them is a list's header, whatever title rows stand above it."""
    return match_header(text) is not None


# --- words in cells --------------------------------------------------------------------

#: The ``--kind`` of an import -> the registry's kind.
IMPORT_KINDS: Mapping[str, str] = {
    "civic_groups": "civic_group",
    "associations": "association",
    "councils": "council",
}

#: The registry's kind -> the columns its import file must have. A list of 自治会・町内会
#: needs no 活動分野 (the city's lists have none, and a column left out keeps what is
#: stored); the other kinds' lists do.
REQUIRED_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "civic_group": ("name", "fields"),
    "association": ("name",),
    "council": ("name", "fields"),
}

KIND_WORDS: Mapping[str, str] = {
    normalise(word): kind
    for kind, words in {
        "civic_group": ("civic_group", "市民活動団体", "市民団体", "NPO・市民活動団体"),
        "association": (
            "association",
            "自治会・町内会",
            "自治会",
            "町内会",
            "自治会町内会",
        ),
        "council": ("council", "地域づくり協議会", "協議会"),
    }.items()
    for word in words
}

#: 法人格 as staff write it: the forms' names, the choices as the column's help lists
#: them (``一般社団法人・一般財団法人`` is one choice there), and their words on the
#: pages in both languages (``legal.*``).
LEGAL_FORM_WORDS: Mapping[str, str] = {
    normalise(word): form
    for form, words in {
        "npo_corp": (
            "npo_corp",
            "特定非営利活動法人",
            "NPO法人",
            "認定NPO法人",
            "認定特定非営利活動法人",
            "特定非営利活動法人(NPO法人)",
        ),
        "general_inc": (
            "general_inc",
            "一般社団法人・一般財団法人",
            "一般社団法人/一般財団法人",
            "一般社団・財団法人",
            "一般社団法人",
            "一般財団法人",
            "公益社団法人",
            "公益財団法人",
            "社団法人",
            "財団法人",
        ),
        "authorized": (
            "authorized",
            "認可地縁団体",
            "地縁団体",
            "地縁法人",
        ),
        "voluntary": ("voluntary", "任意団体", "任意", "法人格なし", "なし"),
    }.items()
    for word in (*words, *(text(f"legal.{form}", lang) for lang in LANGS))
}

CITYWIDE_WORDS = frozenset(
    normalise(w)
    for w in (
        CITYWIDE,
        "全市",
        "全市域",
        "市内全域",
        "市内一円",
        "市内",
        "全域",
        "市全域",
        "市全体",
        "山口市全域",
        "山口市内",
        "citywide",
    )
)
