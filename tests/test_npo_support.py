"""The NPO法人 test file, written by the tests themselves (no binary fixture is committed).

:func:`portal_rows` is a small national file in the portal's 60-column layout with
invented names: NPO法人 inside 山口市 (addresses with and without the prefecture,
full-width digits, 丁目/番/号 and hyphens, a postal code), in 山陽小野田市 and 下関市
(one of them with 山口市 in other columns), in Tokyo, one dissolved, one with a newline
in its purpose (and its name in kana), marks ○, 1 and a field's name, negative marks,
one that cannot be placed, one with a bad 法人番号 and one listed twice.
:func:`portal_csv` writes it in CP932, :func:`portal_zip` zips it as the portal does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from geo.registry.npo_layout import COL_FIELDS, NPO_HEADERS, check_digit

#: The day the test zip was written by the "portal".
ZIP_DAY = dt.date(2026, 10, 4)


def number(base: int) -> str:
    """A valid 13-digit 法人番号 whose last 12 digits are ``base``."""
    digits = f"{base:012d}"
    return f"{check_digit(digits)}{digits}"


#: Keyword of :func:`npo_row` -> the portal's column.
ROW_COLUMNS = {
    "kana": "法人名称カナ",
    "authority": "所轄庁",
    "branch": "従たる事務所の所在地",
    "representative": "代表者氏名",
    "purpose": "定款に記載された目的",
    "dissolved": "解散情報",
    "url": "法人情報URL",
}


def npo_row(
    name: str,
    address: str,
    corporate: str,
    *,
    fields: Mapping[int, str] | None = None,
    **columns: str,
) -> list[str]:
    """One row of the portal file: 60 cells, the others empty (所轄庁 山口県 unless given;
    ``columns`` by the keywords of :data:`ROW_COLUMNS`)."""
    cells = [""] * len(NPO_HEADERS)
    values = {
        "法人名称": name,
        "所轄庁": "山口県",
        "主たる事務所の所在地": address,
        "法人番号": corporate,
        **{ROW_COLUMNS[key]: value for key, value in columns.items()},
    }
    for header, value in values.items():
        cells[NPO_HEADERS.index(header)] = value
    for n, mark in (fields or {}).items():
        cells[COL_FIELDS + n - 1] = mark
    return cells


@dataclass(frozen=True)
class Expected:
    """What the reader must make of one in-city row."""

    number: str
    name: str
    fields: str
    area_id: str
    representative: str = ""


PURPOSE_TWO_LINES = "この法人は、川で遊ぶ子どもを見守る。\r\n川辺の自然を守る活動を行う。"
#: The first row's 法人名称カナ (the portal writes the legal form in kana too).
KANA = "トクテイヒエイリカツドウホウジンヤマグチカワアソビノカイ"

ROWS: list[list[str]] = [
    npo_row(
        "特定非営利活動法人やまぐち川あそびの会",
        "山口県山口市湯田温泉５丁目５番５０号",
        number(1001),
        fields={2: "○", 7: "○", 13: "1"},
        purpose=PURPOSE_TWO_LINES,
        representative="山田　花子",
        kana=KANA,
        url="https://www.npo-homepage.go.jp/npoportal/detail/035000001",
    ),
    npo_row(
        "特定非営利活動法人おごおり見守りネット",
        "山口市小郡下郷２９７９－３",
        number(1002),
        fields={1: "1", 3: "0", 8: "×", 9: "－", 10: "無", 11: "なし", 12: "ｘ"},
        dissolved="－",
        representative="小郡　太郎",
    ),
    npo_row(
        "ＮＰＯ法人大内まちづくり工房",
        "〒753-0214 山口県 山口市 大内御堀1-2-3",
        number(1003),
        fields={3: "まちづくりの推進を図る活動", 6: "-", 19: " ○ "},
    ),
    npo_row(
        "特定非営利活動法人山陽小野田つばさ",
        "山口県山陽小野田市中央１丁目１番１号",
        number(2001),
        fields={1: "○"},
    ),
    npo_row(
        "特定非営利活動法人しものせき海の会",
        "山口県下関市南部町１－１",
        number(2002),
        fields={7: "○"},
        branch="山口県山口市湯田温泉１丁目",
        purpose="山口市と下関市で活動する。",
    ),
    npo_row(
        "特定非営利活動法人東京の会",
        "東京都千代田区霞が関１丁目",
        number(2003),
        authority="東京都",
        fields={11: "○"},
    ),
    npo_row(
        "特定非営利活動法人みやの昔の会",
        "山口県山口市宮野下１２３",
        number(1004),
        fields={6: "○"},
        dissolved="解散（令和5年3月31日）",
    ),
    npo_row(
        "特定非営利活動法人どこかの会",
        "山口市存在しない町１－１",
        number(1005),
        fields={4: "○"},
    ),
    npo_row(
        "特定非営利活動法人番号ちがいの会",
        "山口市中央二丁目１－１",
        "1234567890123",
        fields={4: "○"},
    ),
    npo_row(
        "特定非営利活動法人やまぐち川あそびの会（重複）",
        "山口市湯田温泉一丁目１",
        number(1001),
        fields={2: "○"},
    ),
]

#: The rows kept, placed and valid.
EXPECTED = (
    Expected(
        number(1001),
        "特定非営利活動法人やまぐち川あそびの会",
        "npo02;npo07;npo13",
        "yuda",
        "山田　花子",
    ),
    Expected(
        number(1002), "特定非営利活動法人おごおり見守りネット", "npo01", "ogori", "小郡　太郎"
    ),
    Expected(number(1003), "ＮＰＯ法人大内まちづくり工房", "npo03;npo19", "ouchi"),
)
#: Rows (as a spreadsheet numbers them: 1 is the header) and what the reader makes of them.
OUTSIDE_ROWS = (5, 6, 7)
DISSOLVED_ROW = 8
UNPLACED_ROW = 9
BAD_NUMBER_ROW = 10
DUPLICATE_ROW = 11


def portal_csv(
    rows: Sequence[Sequence[str]] = ROWS,
    *,
    header: Sequence[str] = NPO_HEADERS,
    encoding: str = "cp932",
) -> bytes:
    """The portal's CSV (CRLF line ends, every cell quoted) in ``encoding``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def portal_zip(
    data: bytes | None = None,
    *,
    member: str = "gyousei_000.csv",
    day: dt.date = ZIP_DAY,
    extra: Mapping[str, bytes] | None = None,
) -> bytes:
    """``gyousei_000.zip``: the CSV (``portal_csv()`` by default) as its one member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(member, date_time=(day.year, day.month, day.day, 3, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, portal_csv() if data is None else data)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()
