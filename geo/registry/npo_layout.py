"""The layout of the national NPO法人 file and the words in its cells.

The Cabinet Office NPO portal's 「NPO法人情報の一括ダウンロード（全所轄庁）行政入力情報
データ」 is one CSV of :data:`NPO_HEADERS` (60 columns). This module knows its columns,
the marks in its cells (:func:`applies`), the 法人番号 and its check digit
(:func:`corporate_number`), and whether an address is in a city (:class:`CityMatcher`);
:mod:`geo.registry.npo` reads the file with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from geo.city import CityConfig
from geo.errors import Problem, shorten
from geo.normalise import normalise
from geo.registry.readers import UnreadableFileError

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

#: The portal file's 60 columns, in order (full-width digits as the portal writes them).
NPO_HEADERS: tuple[str, ...] = (
    "法人名称",
    "法人名称カナ",
    "所轄庁",
    "権限移譲先市町村",
    "主たる事務所の所在地",
    "主たる事業所の郵便番号",
    "従たる事務所の所在地",
    "代表者氏名",
    "団体代表者名（フリガナ）",
    "法人設立認証年月日",
    "設立年月日",
    "定款に記載された目的",
    *(f"活動分野{str(n).translate(_FULL_WIDTH)}" for n in range(1, 21)),
    *(f"認定（認定・特例認定{d}）" for d in "１２３４"),
    *(f"認定（PST基準{d}）" for d in "１２３"),
    "認定（PST基準 条例指定（都道府県及び市区町村名））",
    "認定（認定開始日）",
    "認定（認定満了日）",
    "認定（認定取消日）",
    "認定（特例認定年月日）",
    "認定（特例認定満了日）",
    "認定（特例認定取消日）",
    "監督情報",
    "解散情報",
    "法人情報URL",
    "法人番号",
    "条例個別指定フラグ",
    "特定非営利活動に係る事業",
    "その他の事業",
    "事業年度開始日",
    "事業年度終了日",
    "条例個別指定：有効期間(開始日)",
    "条例個別指定：有効期間(満了日)",
    "条例個別指定：有効期限（更新申請日)",
    "条例個別指定：有効期限（更新日)",
    "条例個別指定：有効期限（条例個別指定：取消日)",
)
#: The last columns, whose exact wording the portal does not document: matched by this
#: beginning only.
LOOSE_PREFIX = "条例個別指定："
LOOSE_FROM = len(NPO_HEADERS) - 5

COL_NAME = 0
COL_KANA = 1
COL_AUTHORITY = 2
COL_ADDRESS = 4
COL_REPRESENTATIVE = 7
COL_PURPOSE = 11
COL_FIELDS = 12  # 活動分野１ … 活動分野２０: 12 … 31
COL_DISSOLVED = NPO_HEADERS.index("解散情報")
COL_URL = NPO_HEADERS.index("法人情報URL")
COL_NUMBER = NPO_HEADERS.index("法人番号")

#: Marks that say a 活動分野 cell does *not* apply (or that 解散情報 is not set),
#: compared after NFKC and without spaces.
NEGATIVE_MARKS = frozenset(
    (
        *("0", "x", "×", "✕", "✖", "無", "無し", "なし", "ナシ", "否", "非該当", "該当なし"),
        *("-", "‐", "‑", "‒", "–", "—", "―", "−", "ー", "false", "no"),
    )
)

#: The 47 prefectures in JIS X 0401 order (code 01 … 47).
PREFECTURES: tuple[str, ...] = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)

_POSTCODE = re.compile(r"^〒?\d{3}-?\d{4}")
_COUNTY = re.compile(r"^.{1,5}?郡")
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_NUMBER = re.compile(r"\d{13}")


def prefecture_of(jis_code: str) -> str:
    """The prefecture of a JIS municipality code (``35203`` -> ``山口県``); ``""`` if none."""
    if len(jis_code) >= 2 and jis_code[:2].isdigit() and 1 <= int(jis_code[:2]) <= 47:
        return PREFECTURES[int(jis_code[:2]) - 1]
    return ""


def fold(text_: str) -> str:
    """Text folded for matching marks and addresses: NFKC, dashes as ``-``, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text_).translate(_DASHES).casefold().split())


def applies(cell: str) -> bool:
    """Whether a 活動分野 (or 解散情報) cell is set: not empty, not a negative mark."""
    key = fold(cell)
    return bool(key) and key not in NEGATIVE_MARKS


def check_digit(base: str) -> int:
    """The check digit of a 法人番号 from its other 12 digits (国税庁's rule)."""
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base), start=1))
    return 9 - total % 9


def corporate_number(cell: str) -> str | None:
    """The 13-digit 法人番号 of a cell (full-width digits, spaces, hyphens allowed),
    or ``None`` when the cell is not a valid one."""
    digits = fold(cell).replace("-", "")
    if not _NUMBER.fullmatch(digits):
        return None
    return digits if int(digits[0]) == check_digit(digits[1:]) else None


@dataclass(frozen=True)
class CityMatcher:
    """Whether an address is in one city, from its beginning.

    Attributes
    ----------
    prefecture
        The prefecture's name (``山口県``); may be empty for a city outside Japan's codes.
    city
        The city's name (``山口市``).
    """

    prefecture: str
    city: str

    @classmethod
    def of(cls, city: CityConfig) -> CityMatcher:
        """The matcher of a configured city."""
        return cls(prefecture_of(city.jis_code), city.name_ja)

    def contains(self, address: str, authority: str = "") -> bool:
        """Whether ``address`` (a 主たる事務所の所在地) is in the city.

        Parameters
        ----------
        address
            The address as written.
        authority
            The 所轄庁 of the row: when the address has no prefecture and the
            authority is another prefecture, the address is not in the city.
        """
        key = fold(address)
        city, pref = self._folded
        if city not in key:  # most rows of the national file: nothing more to look at
            return False
        key = _POSTCODE.sub("", key)
        if pref and key.startswith(pref):
            rest = key[len(pref) :]
        elif key.startswith(PREFECTURES):
            return False
        else:
            other = fold(authority)
            if pref and other in PREFECTURES and other != pref:
                return False
            rest = key
        if rest.startswith(city):
            return True
        county = _COUNTY.match(rest)
        return county is not None and rest[county.end() :].startswith(city)

    @cached_property
    def _folded(self) -> tuple[str, str]:
        return fold(self.city), fold(self.prefecture)


class NpoLayoutError(UnreadableFileError):
    """The file is not the portal's 行政入力情報 layout (one problem naming the columns)."""


def _layout_error(source: str, code: str, value: str, **params: object) -> NpoLayoutError:
    expected = {"count": len(NPO_HEADERS), "columns": ", ".join(NPO_HEADERS)}
    return NpoLayoutError([Problem(source, None, None, value, code, {**params, **expected})])


def check_header(header: Sequence[str], source: str) -> None:
    """Refuse a header that is not the portal's 60 columns in order.

    Headers are compared after NFKC without spaces (full- and half-width alike); the
    last five (条例個別指定：…) by their beginning only.

    Raises
    ------
    NpoLayoutError
        One problem naming the expected columns and the first difference.
    """
    cells = [normalise(h) for h in header]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) != len(NPO_HEADERS):
        raise _layout_error(source, "npo_layout_count", shorten(",".join(header)), found=len(cells))
    for i, (cell, expected) in enumerate(zip(cells, NPO_HEADERS, strict=True)):
        wanted = normalise(LOOSE_PREFIX if i >= LOOSE_FROM else expected)
        ok = cell.startswith(wanted) if i >= LOOSE_FROM else cell == wanted
        if not ok:
            raise _layout_error(
                source,
                "npo_layout_column",
                shorten(header[i]),
                position=i + 1,
                found=shorten(header[i], 40),
                expected=expected,
            )
