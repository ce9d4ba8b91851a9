"""Kana for a screen without a keyboard: readings, the あかさたな index, a 50音 keyboard.

A visitor at the touch screen finds a group by the first kana of its name's reading
(:func:`index_row`) or by typing kana on an on-screen 50音 grid (:data:`KEYBOARD`,
:func:`type_key`, :func:`add_mark`, :func:`backspace`). The reading of a name is the
data's own reading when it has one (``name_kana``, such as the NPO file's
法人名称カナ), else the name itself; either way without a leading legal form
(特定非営利活動法人 …) or the サンプル mark of sample data, which say nothing about
the name a visitor remembers.
"""

from __future__ import annotations

import unicodedata

from geo.normalise import fold_kana, normalise

#: The index, one entry per row of the 50音 table, by its first kana.
INDEX_ROWS = ("あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ")
#: The index entry of names whose reading does not start with kana (kanji, A–Z, digits).
OTHER_ROW = "other"

#: The on-screen keyboard: the 50音 table's columns, each top to bottom (``""``: a gap).
KEYBOARD: tuple[tuple[str, ...], ...] = (
    ("あ", "い", "う", "え", "お"),
    ("か", "き", "く", "け", "こ"),
    ("さ", "し", "す", "せ", "そ"),
    ("た", "ち", "つ", "て", "と"),
    ("な", "に", "ぬ", "ね", "の"),
    ("は", "ひ", "ふ", "へ", "ほ"),
    ("ま", "み", "む", "め", "も"),
    ("や", "", "ゆ", "", "よ"),
    ("ら", "り", "る", "れ", "ろ"),
    ("わ", "", "を", "ー", "ん"),
)
#: The keys that change the last kana typed: 濁点, 半濁点, 小文字.
MARKS = ("dakuten", "handakuten", "small")
#: At most this many characters are kept in a typed query.
MAX_QUERY = 30

_COMBINING = {"dakuten": "\u3099", "handakuten": "\u309a"}
_SMALL = dict(zip("あいうえおつやゆよわ", "ぁぃぅぇぉっゃゅょゎ", strict=True))
_LARGE = {small: large for large, small in _SMALL.items()}

#: Leading legal forms of a name (after NFKC) and of a reading (as hiragana).
LEGAL_FORMS = (
    "認定特定非営利活動法人",
    "特定非営利活動法人",
    "認定NPO法人",
    "NPO法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "社会福祉法人",
)
LEGAL_READINGS = (
    "にんていとくていひえいりかつどうほうじん",
    "とくていひえいりかつどうほうじん",
    "にんていえぬぴーおーほうじん",
    "えぬぴーおーほうじん",
    "いっぱんしゃだんほうじん",
    "いっぱんざいだんほうじん",
    "こうえきしゃだんほうじん",
    "こうえきざいだんほうじん",
    "しゃかいふくしほうじん",
)
#: The mark every sample organisation's name starts with.
SAMPLE_MARK = "サンプル"
#: Characters skipped before a name's first letter: spaces, brackets, quotes, dots.
_LEADING = " 　「『（(【〔［[〈《\"'・･.-"


def _row_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in KEYBOARD:
        head = column[0]
        row = head if head in INDEX_ROWS else ""
        for kana in column:
            if not kana or kana == "ー":
                continue
            forms = {kana, _SMALL.get(kana, kana)}
            for mark in _COMBINING.values():
                composed = unicodedata.normalize("NFC", kana + mark)
                if len(composed) == 1:
                    forms.add(composed)
            for form in forms:
                table[form] = row
    return table


_ROW_OF = _row_table()


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    text = text.lstrip(_LEADING)
    for prefix in prefixes:
        if text.startswith(prefix):
            return text[len(prefix) :].lstrip(_LEADING)
    return text


def reading(name: str, kana: str = "", *, sample: bool = False) -> str:
    """The reading a name is indexed and sorted by, as hiragana.

    Parameters
    ----------
    name
        The name as written.
    kana
        The data's reading of the name (katakana or hiragana, any width); empty when
        the data has none.
    sample
        A sample organisation: a leading サンプル is not part of its name.

    Returns
    -------
    ``kana`` folded to hiragana when given, else the name (NFKC, katakana as
    hiragana), either without a leading legal form; ``サンプルふれあい福祉の会`` reads
    ``ふれあい福祉の会``.
    """
    given = fold_kana(normalise(kana))
    if given:
        return _strip_prefix(given, LEGAL_READINGS) or given
    text = unicodedata.normalize("NFKC", name).strip()
    if sample:
        text = _strip_prefix(text, (SAMPLE_MARK,))
    text = _strip_prefix(text, LEGAL_FORMS)
    return fold_kana(text) or fold_kana(name)


def index_row(text: str) -> str:
    """The index entry of a reading: the 50音 row of its first kana, or :data:`OTHER_ROW`.

    Voiced, half-voiced and small kana belong to their row (``が`` to ``か``, ``ぱ`` to
    ``は``, ``ゃ`` to ``や``); ``ゔ`` to ``あ``.

    Parameters
    ----------
    text
        A reading (see :func:`reading`); katakana is folded here too.
    """
    first = fold_kana(text.lstrip(_LEADING))[:1]
    return _ROW_OF.get(first, "") or OTHER_ROW


def type_key(text: str, key: str) -> str:
    """``text`` with the kana ``key`` typed at its end (at most :data:`MAX_QUERY` long)."""
    return (text + key)[:MAX_QUERY]


def backspace(text: str) -> str:
    """``text`` without its last character."""
    return text[:-1]


def add_mark(text: str, mark: str) -> str:
    """The last kana of ``text`` with a 濁点, 半濁点 or as a small kana, or back again.

    A key pressed twice undoes itself (``か`` → ``が`` → ``か``); a 濁点 on ``ぱ`` gives
    ``ば`` and a 半濁点 on ``ば`` gives ``ぱ``. A kana that has no such form is left as
    it is.

    Parameters
    ----------
    text
        What has been typed so far.
    mark
        One of :data:`MARKS`.

    Raises
    ------
    ValueError
        For a mark not in :data:`MARKS`.
    """
    if mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}; expected one of {MARKS}")
    if not text:
        return text
    last = text[-1]
    if mark == "small":
        changed = _SMALL.get(last) or _LARGE.get(last, last)
        return text[:-1] + changed
    combining = _COMBINING[mark]
    parts = unicodedata.normalize("NFD", last)
    if parts[1:] == combining:
        return text[:-1] + parts[0]
    composed = unicodedata.normalize("NFC", parts[0] + combining)
    return text[:-1] + (composed if len(composed) == 1 else last)


__all__ = [
    "INDEX_ROWS",
    "KEYBOARD",
    "LEGAL_FORMS",
    "LEGAL_READINGS",
    "MARKS",
    "MAX_QUERY",
    "OTHER_ROW",
    "SAMPLE_MARK",
    "add_mark",
    "backspace",
    "index_row",
    "reading",
    "type_key",
]
