"""From what staff write to the registry's canonical text, one cell at a time.

Matching uses NFKC (full-width and half-width alike); names, addresses and contact
details keep the text as written. Every cleaner returns the canonical text and the
problems found, as :class:`~geo.errors.Finding` values (the offending text and a problem
code); a cell with problems becomes empty.

Text that a spreadsheet would run as a formula (beginning with ``= + - @``, half- or
full-width, once the surrounding spaces are gone) is refused, never changed: a cell
written as ``'=…`` keeps its ``'``. Two kinds of cell are not formulas: a dash alone
(``-``, ``－``, ``ー``: "none", as forms write it) is an empty cell, and a phone number
written the international way for Japan (``+81 83-922-1111``, ``+81 (0)90 1234 5678``)
is kept as dialled at home (``083-922-1111``).

A cell of one short value (a date, a count, a yes or no …) is refused unread when it is
longer than :data:`MAX_SHORT_LENGTH`. List cells (fields, service areas) are refused
before they are split when they are longer than :data:`MAX_LIST_LENGTH` or hold more
than :data:`MAX_ITEMS` pieces, and report at most :data:`MAX_UNKNOWN` unknown pieces
each, so no cell can cost more than a bounded amount of work.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from geo.city import CityConfig
from geo.errors import Finding, shorten
from geo.export import starts_formula
from geo.fields import FieldCatalog
from geo.model import CITYWIDE, MAX_HOUSEHOLDS
from geo.normalise import DIRECTION_CONTROLS, normalise, without_invisible
from geo.registry.columns import CITYWIDE_WORDS, KIND_WORDS, LEGAL_FORM_WORDS
from geo.registry.npo_layout import corporate_number
from geo.schema import FALSE_WORDS, TRUE_WORDS

#: Longest text accepted per column (characters).
MAX_LENGTH: Mapping[str, int] = {
    "name": 200,
    "address": 200,
    "representative": 100,
    "phone": 60,
    "email": 254,
    "notes": 2000,
    "name_kana": 200,
    "purpose": 5000,
}
#: Columns whose text may span lines.
MULTILINE = frozenset({"notes", "purpose"})
#: A web address a page may link to (the NPO portal's page of a corporation).
URL_PATTERN = re.compile(r"https?://[^\s\"'<>\\]{1,500}")
#: Longest list cell (fields, service areas) read, in characters: every field of the
#: law written out in full is about 400.
MAX_LIST_LENGTH = 1000
#: Most pieces of one list cell (the separators counted apart).
MAX_ITEMS = 64
#: Unknown pieces of one list cell reported one by one; the rest are counted.
MAX_UNKNOWN = 5
#: Longest cell read in a column of one short value (a date, a count, a yes or no, an
#: area, a coordinate …), in characters: a longer one is refused before it is read.
MAX_SHORT_LENGTH = 100
#: The columns of one short value (:data:`MAX_SHORT_LENGTH`).
SHORT_COLUMNS = frozenset(
    {
        "org_id",
        "kind",
        "legal_form",
        "area_id",
        "has_jishubo",
        "is_sample",
        "households",
        "last_confirmed",
        "lon",
        "lat",
        "corporate_number",
    }
)

#: The dashes people type: ASCII and full-width hyphens, the other hyphens and dashes,
#: the minus sign, and the long vowel marks that stand in for them.
DASHES = "-－‐‑‒–—―−ーｰ"
#: A cell that says "none" with a dash (or a run of them), as forms write it.
NONE_PATTERN = re.compile(f"[{re.escape(DASHES)}]+")
#: A Japanese phone number written the international way (after NFKC): ``+81``, the
#: trunk ``0`` left out, in brackets or (by mistake) kept, then the number's digits,
#: spaces and hyphens (at least six digits).
JAPAN_INTERNATIONAL = re.compile(r"\+81[ \-]*(?:\(0\)[ \-]*)?(\d(?:[ \-]*\d){5,})")
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SEPARATORS = re.compile(r"([;,、/\n])")
#: The circled numbers ① to ⑳ that forms number the law's 20 fields with: each is one
#: field (NFKC would make ①③ the number 13).
_CIRCLED = re.compile("[\u2460-\u2473]")
_ERAS = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988, "昭和": 1925, "s": 1925}
#: A time of day after a date (a spreadsheet's date and time, ``2024-04-01 10:30``, or
#: ``2024-04-01T10:30:00``): the day is what is kept.
_TIME_OF_DAY = re.compile(r"(?:t|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_ERA_DATE = re.compile(r"(令和|平成|昭和|r|h|s)(\d{1,2}|元)[年./\-](\d{1,2})[月./\-](\d{1,2})日?")
_ERA_YM = re.compile(r"(令和|平成|昭和|r|h|s)(\d{1,2}|元)[年./\-](\d{1,2})月?")
_YMD = re.compile(r"(\d{4})[年./\-](\d{1,2})[月./\-](\d{1,2})日?")
_YM = re.compile(r"(\d{4})[年./\-](\d{1,2})月?")
#: A fiscal year (``令和6年度``, ``R6年度``, ``2024年度``): its first day, 1 April.
_ERA_FY = re.compile(r"(令和|平成|昭和|r|h|s)(\d{1,2}|元)年度")
_FY = re.compile(r"(\d{4})年度")
#: What follows a date and is not part of it, after NFKC: a weekday or a note in
#: brackets (``2024/4/1(月)``), 現在 / 時点 ("as of"), or both.
_DATE_AFTER = re.compile(r"(?:\s*(?:\([^()]{0,20}\)|現在|時点))+$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
#: A spreadsheet's day number (its date cell saved as a plain number, ``45383`` for
#: 2024-04-01; a fraction is the time of day): five digits, 1927 to 2173.
_DAY_NUMBER = re.compile(r"(\d{5})(?:\.\d+)?")
#: The day a spreadsheet's day numbers count from (Excel's, as LibreOffice's).
_DAY_ZERO = dt.date(1899, 12, 30)
#: At most this many separated pieces are tried as one name.
_MAX_JOINED = 6
#: The law's field numbers with only spaces or 中黒 between them (``1 13``, ``1・13``):
#: each number a field, as a list of them is read.
_SPACED_NUMBERS = re.compile(r"\d{1,2}(?:[\s・]+\d{1,2})+")
_BETWEEN_NUMBERS = re.compile(r"[\s・]+")
#: A field's number in brackets, as forms number the law's fields (``(1)(13)``), after
#: NFKC: each one a field.
_BRACKETED_NUMBER = re.compile(r"\((\d{1,2})\)")
#: A note after a cell's answer, in brackets or after a colon (``あり（R3結成）``,
#: ``120世帯（R6.4現在）``, ``あり：R3結成``), after NFKC.
_NOTE = re.compile(r"\s*(?:[(\[【〔].*[)\]】〕]|:.*)$")
#: Words that say a count is approximate (``約120``, ``120世帯程度``): the count is read.
_ABOUT = ("約", "およそ", "おおよそ", "概ね", "おおむね", "大体")
_ABOUT_AFTER = ("程度", "前後", "くらい", "ぐらい", "位", "余り", "余", "ほど")

Found = list[Finding]


def nfkc(text: str) -> str:
    """``text`` in NFKC, stripped (for matching and numbers, never for display)."""
    return unicodedata.normalize("NFKC", text).strip()


def iso_date(text: str) -> str | None:
    """A date as ``YYYY-MM-DD``, from the ways staff write dates; ``None`` if not a date.

    Accepts ``2024-04-01``, ``2024/4/1``, ``2024.4.1``, ``20240401``, ``2024年4月1日``,
    ``令和6年4月1日``, ``R6.4.1``, ``H31/4/30``; a year and month (``2024/4``, ``R6.4``)
    mean the first day, a fiscal year (``令和6年度``) its first day, 1 April; a time of
    day, a weekday or 現在 after the date (``2024-04-01 10:30``, ``2024/4/1(月)``,
    ``R6.4.1現在``) is left out. A spreadsheet's day number (``45383``: its date cell
    saved as a number) is that day.
    """
    if len(text) > MAX_SHORT_LENGTH:
        return None  # (no date is this long; nor is it read, as its patterns could be slow)
    low = _TIME_OF_DAY.sub("", _DATE_AFTER.sub("", nfkc(text).lower()))
    serial = _DAY_NUMBER.fullmatch(low)
    if serial:
        return (_DAY_ZERO + dt.timedelta(days=int(serial.group(1)))).isoformat()
    ymd = _year_month_day(low)
    if ymd is None:
        return None
    try:
        return dt.date(*ymd).isoformat()
    except ValueError:
        return None


def _year_month_day(low: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written in one of the ways :func:`iso_date` reads
    (a year and month: the first day)."""
    m = _ERA_DATE.fullmatch(low) or _ERA_YM.fullmatch(low) or _ERA_FY.fullmatch(low)
    if m:
        era_year = 1 if m.group(2) == "元" else int(m.group(2))
        if m.re is _ERA_FY:
            return _ERAS[m.group(1)] + era_year, 4, 1
        day = int(m.group(4)) if m.re is _ERA_DATE else 1
        return _ERAS[m.group(1)] + era_year, int(m.group(3)), day
    m = _FY.fullmatch(low)
    if m:
        return int(m.group(1)), 4, 1
    for pattern in (_YMD, _COMPACT):
        m = pattern.fullmatch(low)
        if m:
            return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _YM.fullmatch(low)
    return (int(m.group(1)), int(m.group(2)), 1) if m else None


def _items(
    text: str, known: Callable[[str], str | None], starts: Callable[[str], bool]
) -> tuple[list[str], list[str]]:
    """Split a list cell; pieces are re-joined while that makes a known name.

    Official field names contain ``、`` (保健、医療又は福祉…), so a separator only
    separates when the text on both sides does not read as one name; only a piece that
    ``starts`` a known name is tried with those after it.
    """
    parts = _SEPARATORS.split(nfkc(text))
    tokens = parts[0::2]
    seps = parts[1::2]
    found: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        most = _MAX_JOINED if starts(tokens[i]) else 1
        for j in range(min(len(tokens), i + most), i, -1):
            joined = "".join(
                tokens[k] + (seps[k] if k < j - 1 else "") for k in range(i, j)
            ).strip()
            if j > i + 1 and known(joined) is None:
                continue
            if joined:
                value = known(joined)
                if value is None:
                    unknown.append(joined)
                elif value not in found:
                    found.append(value)
            i = j
            break
    return found, unknown


@dataclass(frozen=True)
class Vocabulary:
    """The words one city's staff use for fields of activity and areas.

    Parameters
    ----------
    fields
        Normalised word -> field code.
    areas
        Normalised word -> area id.
    """

    fields: Mapping[str, str]
    areas: Mapping[str, str]

    @classmethod
    def build(cls, catalog: FieldCatalog, city: CityConfig) -> Vocabulary:
        """The vocabulary of ``catalog`` and the areas of ``city``: the fields' words
        (:meth:`~geo.fields.FieldCatalog.field_words`) and the areas'
        (:meth:`~geo.city.CityConfig.area_words`)."""
        return cls(catalog.field_words(), city.area_words())

    @functools.cached_property
    def _starts(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every start of a field's word, and of an area's (or the whole city's)."""

        def starts(words: Iterable[str]) -> frozenset[str]:
            return frozenset(w[:n] for w in words for n in range(len(w) + 1))

        return starts(self.fields), starts([*self.areas, *CITYWIDE_WORDS])

    def starts_field(self, word: str) -> bool:
        """Whether ``word`` is the start of a field's word (so it may go on after a
        separator: 保健、医療又は福祉の増進を図る活動)."""
        return normalise(word) in self._starts[0]

    def starts_area(self, word: str) -> bool:
        """Whether ``word`` is the start of an area's word, or of the whole city's."""
        return normalise(word) in self._starts[1]

    def field_code(self, word: str) -> str | None:
        """The field code ``word`` names, or ``None``."""
        return self.fields.get(normalise(word))

    def area_id(self, word: str) -> str | None:
        """The area id ``word`` names, or ``None``."""
        return self.areas.get(normalise(word))

    def service_area(self, word: str) -> str | None:
        """An area id, :data:`~geo.io.CITYWIDE` for the whole city, or ``None``."""
        if normalise(word) in CITYWIDE_WORDS:
            return CITYWIDE
        return self.area_id(word)


#: Categories of the characters refused in text: controls, and the line and paragraph
#: separators (U+2028, U+2029), which break lines as a line feed does.
_CONTROLS = frozenset({"Cc", "Zl", "Zp"})
#: Categories of characters that show nothing on their own: format characters (ZWJ,
#: ZWNJ …), combining and enclosing marks (a variation selector, U+034F) and spaces.
_SHOW_NOTHING = frozenset({"Cf", "Mn", "Me", "Zs"})
#: Letters drawn as blank space: the Hangul fillers and the blank braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
#: Line breaks other than a line feed, as they are kept where a text may have lines.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})


def _shows(char: str) -> bool:
    """Whether ``char`` shows as something (a text of none looks empty but is not)."""
    return char not in _BLANK_LETTERS and unicodedata.category(char) not in _SHOW_NOTHING


def _text(column: str, text: str) -> tuple[str, Found]:
    value = without_invisible(text).strip().replace("\r\n", "\n")
    if starts_formula(value):
        return "", [Finding(shorten(value), "formula")]
    allowed = ""
    if column in MULTILINE:  # any line break, as a line feed
        value, allowed = value.translate(_LINE_BREAKS), "\n"
    if any(unicodedata.category(c) in _CONTROLS and c not in allowed for c in value):
        return "", [Finding(shorten(value), "control")]
    if not DIRECTION_CONTROLS.isdisjoint(value):
        shown = "".join(f"<U+{ord(c):04X}>" if c in DIRECTION_CONTROLS else c for c in value)
        return "", [Finding(shorten(shown), "bidi")]
    if value and not any(_shows(c) for c in value):
        shown = "".join(f"<U+{ord(c):04X}>" for c in value[:8])
        return "", [Finding(shown, "no_visible_text")]
    limit = MAX_LENGTH.get(column)
    if limit is not None and len(value) > limit:
        return "", [Finding(shorten(value), "too_long", {"limit": limit})]
    if column == "email" and value and not EMAIL_PATTERN.fullmatch(value):
        return "", [Finding(shorten(value), "email")]
    return value, []


#: Any of :data:`DASHES` between a phone number's digits, as the ASCII hyphen.
_PHONE_DASHES = str.maketrans(dict.fromkeys(DASHES, "-"))


def _phone(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    home = JAPAN_INTERNATIONAL.fullmatch(key)
    if home:
        number = home.group(1)
        return _text("phone", number if number.startswith("0") else "0" + number)
    # digits and brackets as ASCII (０８３－９２２ as 083-922): a number to call or find
    return _text("phone", nfkc(raw).translate(_PHONE_DASHES))


def _org_id(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    if not ID_PATTERN.fullmatch(key):
        return "", [Finding(shorten(raw), "id_format")]
    return key.lower(), []  # (CG-0001 is cg-0001, as ｃｇ－０００１ is)


def _kind(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    kind = KIND_WORDS.get(normalise(raw))
    return (kind, []) if kind else ("", [Finding(shorten(raw), "unknown_kind")])


def _legal_form(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    form = LEGAL_FORM_WORDS.get(normalise(raw))
    return (form, []) if form else ("", [Finding(shorten(raw), "unknown_legal_form")])


def _list_too_big(raw: str, listed: str) -> Found:
    """The problem of a list cell too long or of too many pieces to be read, if any
    (``listed``: the cell in NFKC, its items separated as they are read)."""
    if len(raw) > MAX_LIST_LENGTH:
        return [Finding(shorten(raw), "too_long", {"limit": MAX_LIST_LENGTH})]
    pieces = (len(_SEPARATORS.split(listed)) + 1) // 2
    if pieces > MAX_ITEMS:
        return [Finding(shorten(raw), "too_many_items", {"n": pieces, "limit": MAX_ITEMS})]
    return []


def _unknown(unknown: Sequence[str], code: str) -> Found:
    """One problem per unknown piece, the first :data:`MAX_UNKNOWN`; the rest counted."""
    found = [Finding(shorten(u), code) for u in unknown[:MAX_UNKNOWN]]
    rest = unknown[MAX_UNKNOWN:]
    if rest:
        found.append(Finding(shorten("; ".join(rest)), "more_unknown", {"n": len(rest)}))
    return found


def _fields(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    listed = nfkc(_CIRCLED.sub(lambda m: f";{ord(m.group()) - 0x245F};", raw))
    listed = _BRACKETED_NUMBER.sub(r";\1;", listed)
    if _SPACED_NUMBERS.fullmatch(listed):
        listed = _BETWEEN_NUMBERS.sub(";", listed)
    too_big = _list_too_big(raw, listed)
    if too_big:
        return "", too_big
    codes, unknown = _items(listed, vocab.field_code, vocab.starts_field)
    return ";".join(codes), _unknown(unknown, "unknown_field")


def _service_areas(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    listed = key.replace("・", "、")  # (no area's name holds a 中黒: 湯田・大殿 are two)
    too_big = _list_too_big(raw, listed)
    if too_big:
        return "", too_big
    ids, unknown = _items(listed, vocab.service_area, vocab.starts_area)
    value = CITYWIDE if CITYWIDE in ids else ";".join(ids)
    return value, _unknown(unknown, "unknown_area")


def _area_id(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    if normalise(raw) in CITYWIDE_WORDS:
        return "", [Finding(shorten(raw), "base_citywide")]
    area = vocab.area_id(raw)
    return (area, []) if area else ("", [Finding(shorten(raw), "unknown_area")])


def _flag(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    bare = _NOTE.sub("", key).lower()  # (the answer without its note, when one is left)
    for low in (key.lower(), bare or key.lower()):
        if low in TRUE_WORDS:
            return "true", []
        if low in FALSE_WORDS:
            return "false", []
    return "", [Finding(shorten(raw), "yes_no")]


def _count(key: str) -> tuple[str, bool]:
    """A count's digits as written, without its note, its unit (世帯, 戸) and the words
    that say it is approximate (``約120世帯程度`` is 120), and whether it had such words."""
    text = "".join(_NOTE.sub("", key).replace(",", "").split())
    bare = text
    for word in _ABOUT:
        bare = bare.removeprefix(word)
    for word in _ABOUT_AFTER:
        bare = bare.removesuffix(word)
    return bare.removesuffix("世帯").removesuffix("戸"), bare != text


#: Columns whose cells may be read without part of what they say (:func:`read_in_part`).
_READ_IN_PART = ("has_jishubo", "households")


def read_in_part(column: str, text: str) -> bool:
    """Whether a cell is read without part of what it says: a note after a yes/no or a
    count (``あり（R3結成）``, ``120世帯（R6.4現在）``) or the words that make a count
    approximate (``約120``, ``120世帯程度``). The answer or the figure is stored, the rest
    is not.

    Parameters
    ----------
    column
        Registry column.
    text
        The cell as written.
    """
    raw = text.strip()
    if column not in _READ_IN_PART or len(raw) > MAX_SHORT_LENGTH:
        return False  # (a longer cell is refused, and never read by a pattern)
    key = nfkc(raw)
    if _NOTE.search(key):
        return True
    return column == "households" and _count(key)[1]


def _households(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    digits = _count(key)[0]
    negative = digits[:1] in ("-", "\u2212")
    number = digits[1:] if negative else digits
    if not number.isdecimal():
        return "", [Finding(shorten(raw), "not_whole_number")]
    # (by its length first: int() of thousands of digits is refused, or slow)
    significant = number.lstrip("0") or "0"
    if negative and significant != "0":
        return "", [Finding(shorten(raw), "below_minimum", {"minimum": 0})]
    if len(significant) > len(str(MAX_HOUSEHOLDS)) or int(significant) > MAX_HOUSEHOLDS:
        return "", [Finding(shorten(raw), "above_maximum", {"maximum": MAX_HOUSEHOLDS})]
    return str(int(significant)), []


def _date(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    iso = iso_date(raw)
    if iso is None:
        return "", [Finding(shorten(raw), "date")]
    if dt.date.fromisoformat(iso) > today:
        return "", [Finding(shorten(raw), "future")]
    return iso, []


def _coordinate(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    # a degree is never in thousands: one comma and no point is a decimal comma
    # (34,184733, as spreadsheets set to European formats write it)
    text = key.replace(",", ".") if key.count(",") == 1 and "." not in key else key
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return "", [Finding(shorten(raw), "not_number")]
    if not math.isfinite(number):
        return "", [Finding(shorten(raw), "not_number")]
    return f"{number:.6f}", []


#: A number as a spreadsheet shows it in exponent form (``7.25E+12``): its last digits
#: are lost, however the file is read.
EXPONENT_FORM = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+")


def _corporate_number(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    if EXPONENT_FORM.fullmatch(key):
        return "", [Finding(shorten(raw), "exponent_form")]
    number = corporate_number(key.removesuffix(".0"))  # (a number written as a decimal)
    return (number, []) if number else ("", [Finding(shorten(raw), "corporate_number")])


def _url(raw: str, key: str, vocab: Vocabulary, today: dt.date) -> tuple[str, Found]:
    return (raw, []) if URL_PATTERN.fullmatch(raw) else ("", [Finding(shorten(raw), "url")])


#: How the cells of each column are cleaned: (as written, NFKC-folded, words, today).
_CLEANERS: Mapping[str, Callable[[str, str, Vocabulary, dt.date], tuple[str, Found]]] = {
    "org_id": _org_id,
    "kind": _kind,
    "legal_form": _legal_form,
    "fields": _fields,
    "service_areas": _service_areas,
    "area_id": _area_id,
    "has_jishubo": _flag,
    "is_sample": _flag,
    "households": _households,
    "last_confirmed": _date,
    "lon": _coordinate,
    "lat": _coordinate,
    "corporate_number": _corporate_number,
    "portal_url": _url,
    "phone": _phone,
}


def clean_cell(column: str, text: str, vocab: Vocabulary, *, today: dt.date) -> tuple[str, Found]:
    """The canonical text of one cell.

    Parameters
    ----------
    column
        Registry column (see :data:`~geo.registry.columns.RECORD_COLUMNS`).
    text
        The cell as written.
    vocab
        Words for fields and areas.
    today
        Dates after this day are refused.

    Returns
    -------
    The canonical text (``""`` when the cell had a problem) and the problems found.
    """
    raw = text.strip()
    if not raw or NONE_PATTERN.fullmatch(raw):
        return "", []
    if column in SHORT_COLUMNS and len(raw) > MAX_SHORT_LENGTH:
        return "", [Finding(shorten(raw), "too_long", {"limit": MAX_SHORT_LENGTH})]
    cleaner = _CLEANERS.get(column)
    if cleaner is None:
        return _text(column, raw)
    return cleaner(raw, nfkc(raw), vocab, today)


def clean_record(
    cells: Mapping[str, str], vocab: Vocabulary, *, today: dt.date
) -> tuple[dict[str, str], dict[str, Found]]:
    """Clean every cell of one record.

    Returns
    -------
    The canonical cells, and the problems of each column that has any.
    """
    out: dict[str, str] = {}
    problems: dict[str, Found] = {}
    for column, text in cells.items():
        value, found = clean_cell(column, text, vocab, today=today)
        out[column] = value
        if found:
            problems[column] = found
    return out, problems


def join_items(items: Sequence[str]) -> str:
    """A list cell in canonical form."""
    return ";".join(items)
