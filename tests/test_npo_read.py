"""Reading the national NPO法人 file: the city's rows kept, everything else counted, every
problem named by row and column, a file of another layout refused with one error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from geo.city import YAMAGUCHI
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.npo import NpoReading, npo_name_key, read_npo, row_fields
from geo.registry.npo_layout import (
    COL_FIELDS,
    NPO_HEADERS,
    CityMatcher,
    NpoLayoutError,
    applies,
    corporate_number,
    prefecture_of,
)
from geo.registry.places import NONE, TOWN
from geo.registry.readers import UnreadableFileError
from geo.registry.validation import Reference, check_records
from tests.test_npo_support import (
    BAD_NUMBER_ROW,
    DISSOLVED_ROW,
    DUPLICATE_ROW,
    EXPECTED,
    PURPOSE_TWO_LINES,
    ROWS,
    UNPLACED_ROW,
    ZIP_DAY,
    npo_row,
    number,
    portal_csv,
    portal_zip,
)

TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def ref() -> Reference:
    """The bundled 山口市 reference data (areas, 町字 points, fields)."""
    return Reference.load(None, YAMAGUCHI)


def _read(ref: Reference, source: Path | bytes, **kw: object) -> NpoReading:
    return read_npo(
        source,
        YAMAGUCHI,
        place=ref.gazetteer.place,
        catalog=ref.catalog,
        today=TODAY,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("form", ["zip bytes", "zip path", "csv bytes", "csv path"])
def test_zip_and_csv_give_the_same_records(ref: Reference, tmp_path: Path, form: str) -> None:
    data = portal_zip() if form.startswith("zip") else portal_csv()
    source: Path | bytes = data
    if form.endswith("path"):
        source = tmp_path / ("gyousei_000.zip" if form.startswith("zip") else "gyousei_000.csv")
        source.write_bytes(data)
    reading = _read(ref, source)
    got = [(r.corporate_number, r.record["name"], r.record["fields"]) for r in reading.records]
    assert got == [(e.number, e.name, e.fields) for e in EXPECTED]
    assert reading.as_of == (ZIP_DAY if form.startswith("zip") else None)
    assert reading.source == (source.name if isinstance(source, Path) else "upload")
    assert len(reading.sha256) == 64


def test_records_are_registry_records(ref: Reference) -> None:
    reading = _read(ref, portal_zip(), name="gyousei_000.zip")
    for got, want in zip(reading.records, EXPECTED, strict=True):
        record = got.record
        assert list(record) == list(RECORD_COLUMNS)
        assert record["org_id"] == ""
        assert record["kind"] == "civic_group"
        assert record["legal_form"] == "npo_corp"
        assert record["is_sample"] == "false"
        assert record["area_id"] == want.area_id
        assert record["representative"] == want.representative
        assert record["last_confirmed"] == ZIP_DAY.isoformat()
        assert record["service_areas"] == ""  # the base 地域, as for any import
        assert got.match_level == TOWN
        assert float(record["lon"]) > 131 and float(record["lat"]) > 34
    frame = pd.DataFrame([r.record for r in reading.records], columns=list(RECORD_COLUMNS))
    frame["org_id"] = [f"cg-npo-{i}" for i in range(len(frame))]
    assert check_records(frame, "npo", ref) == []


def test_purpose_keeps_its_lines_and_the_portal_page(ref: Reference) -> None:
    first = _read(ref, portal_zip()).records[0]
    assert first.purpose == PURPOSE_TWO_LINES.replace("\r\n", "\n")
    assert "\n" in first.purpose
    assert first.portal_url.startswith("https://www.npo-homepage.go.jp/")
    assert first.row_dict()["purpose"] == first.purpose
    assert first.row_dict()["corporate_number"] == number(1001)


def test_summary_and_problems(ref: Reference) -> None:
    reading = _read(ref, portal_zip(), name="gyousei_000.zip")
    assert reading.summary() == {
        "rows": len(ROWS),
        "kept": 3,
        "unplaced": 1,
        "dissolved": 1,
        "outside": 3,
        "invalid": 3,
        "no_fields": 0,
    }
    where = [(p.source, p.row, p.column) for p in reading.problems]
    assert where == [
        ("gyousei_000.zip", UNPLACED_ROW, "主たる事務所の所在地"),
        ("gyousei_000.zip", BAD_NUMBER_ROW, "法人番号"),
        ("gyousei_000.zip", DUPLICATE_ROW, "法人番号"),
    ]
    assert "row 2" in reading.problems[2].reason("en")  # the first row with the number
    assert [r.row for r in reading.unplaced] == [UNPLACED_ROW]
    assert reading.unplaced[0].match_level == NONE
    (gone,) = reading.dissolved
    assert (gone.row, gone.corporate_number) == (DISSOLVED_ROW, number(1004))
    assert "解散" in gone.dissolution
    # listed: every NPO法人 of the city not dissolved, placed or not, with a valid number
    assert reading.listed_numbers == {number(n) for n in (1001, 1002, 1003, 1005)}
    assert reading.match_levels == {TOWN: 3, NONE: 1}


def test_as_of_is_given_or_the_zip_day_never_after_today(ref: Reference) -> None:
    assert _read(ref, portal_csv(), as_of=dt.date(2026, 5, 1)).as_of == dt.date(2026, 5, 1)
    late = _read(ref, portal_zip(day=dt.date(2027, 1, 1)))
    assert late.as_of == TODAY
    assert {r.record["last_confirmed"] for r in late.records} == {TODAY.isoformat()}
    assert {r.record["last_confirmed"] for r in _read(ref, portal_csv()).records} == {""}


def test_without_placement_only_counts(ref: Reference) -> None:
    reading = read_npo(portal_csv(), YAMAGUCHI, place=None, today=TODAY)
    assert len(reading.records) == 4  # the unplaceable one too: nothing was placed
    assert {r.record["lon"] for r in reading.records} == {""}
    assert [p.column for p in reading.problems] == ["法人番号", "法人番号"]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_every_encoding_the_import_reads_is_read_alike(ref: Reference, encoding: str) -> None:
    """The same rows, re-saved by a spreadsheet (UTF-8, or Excel's 「Unicode テキスト」
    UTF-16 with or without its byte order mark), read as the portal's CP932."""
    expected = [r.record for r in _read(ref, portal_csv()).records]
    assert [r.record for r in _read(ref, portal_csv(encoding=encoding)).records] == expected


def test_utf8_with_bom_and_half_width_headers_are_read(ref: Reference) -> None:
    header = [h.replace("１", "1").replace("２", "2") for h in NPO_HEADERS]
    data = b"\xef\xbb\xbf" + portal_csv(header=header, encoding="utf-8")
    assert len(_read(ref, data).records) == 3
    assert len(_read(ref, portal_csv(encoding="utf-8")).records) == 3


# --- the city -------------------------------------------------------------------------

CITY_ADDRESSES = [
    ("山口県山口市湯田温泉５丁目５番５０号", "", True),
    ("山口市湯田温泉5-5-50", "", True),
    ("山口県　山口市　小郡下郷２９７９－３", "", True),
    ("〒753-0056 山口県山口市湯田温泉五丁目", "", True),
    ("〒７５３－００５６山口市湯田温泉", "", True),
    ("山口市", "山口県", True),
    ("山口県山陽小野田市中央１丁目", "", False),
    ("山陽小野田市中央1-1", "山口県", False),
    ("山口県下関市南部町１－１", "", False),
    ("下関市山口町1", "", False),  # 山口 in the town's name
    ("東京都千代田区山口市場1", "", False),
    ("北海道山口市1", "", False),  # another prefecture's 山口市 (none exists: still refused)
    ("山口市1", "北海道", False),  # no prefecture, and the 所轄庁 is another one
    ("", "山口県", False),
]


@pytest.mark.parametrize(("address", "authority", "inside"), CITY_ADDRESSES)
def test_city_is_matched_from_the_beginning(address: str, authority: str, inside: bool) -> None:
    assert CityMatcher.of(YAMAGUCHI).contains(address, authority) is inside


@pytest.mark.parametrize(
    ("address", "inside"),
    [
        ("山口県阿武郡阿武町奈古１", True),
        ("阿武郡阿武町奈古１", True),
        ("阿武町奈古１", True),
        ("山口県阿武郡阿武町", True),
        ("山口県萩市阿武町", False),
    ],
)
def test_a_town_in_a_county(address: str, inside: bool) -> None:
    assert CityMatcher("山口県", "阿武町").contains(address) is inside


@pytest.mark.parametrize(
    ("code", "prefecture"),
    [("35203", "山口県"), ("01100", "北海道"), ("47201", "沖縄県"), ("99999", "")],
)
def test_prefecture_of_a_jis_code(code: str, prefecture: str) -> None:
    assert prefecture_of(code) == prefecture


# --- cells ----------------------------------------------------------------------------

MARKS = [
    ("○", True),
    ("〇", True),
    ("◯", True),
    ("●", True),
    ("1", True),
    ("１", True),
    ("有", True),
    ("保健、医療又は福祉の増進を図る活動", True),
    ("", False),
    ("  ", False),
    ("0", False),
    ("０", False),
    ("×", False),
    ("✕", False),
    ("x", False),
    ("ｘ", False),
    ("－", False),
    ("-", False),
    ("―", False),
    ("ー", False),
    ("無", False),
    ("なし", False),
    ("無し", False),
    (" なし ", False),
]


@pytest.mark.parametrize(("cell", "expected"), MARKS)
def test_a_field_cell_applies_unless_empty_or_negative(cell: str, expected: bool) -> None:
    assert applies(cell) is expected


def test_field_names_give_their_field_wherever_they_stand(ref: Reference) -> None:
    from geo.registry.npo import _law_field_names

    names = _law_field_names(ref.catalog)
    cells = npo_row("x", "山口市", "", fields={1: "まちづくりの推進を図る活動", 2: "環境保全"})
    assert row_fields(cells, names) == ["npo03", "npo07"]  # names listed in order
    cells = npo_row("x", "山口市", "", fields={5: "1", 20: "○"})
    assert row_fields(cells, names) == ["npo05", "npo20"]  # "1" is a mark, not field 1
    assert row_fields(cells, {}) == ["npo05", "npo20"]
    assert NPO_HEADERS.index("活動分野１") == COL_FIELDS


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("7000012050002", "7000012050002"),  # 国税庁's own number
        ("７０００ ０１２０ ５０００２", "7000012050002"),
        ("7000-0120-50002", "7000012050002"),
        ("8000012050002", None),  # wrong check digit
        ("700001205000", None),  # 12 digits
        ("", None),
        ("abc", None),
    ],
)
def test_corporate_number(cell: str, expected: str | None) -> None:
    assert corporate_number(cell) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("特定非営利活動法人さくら会", "さくら会"),
        ("特定非営利活動法人 さくら会", "さくら会"),
        ("NPO法人さくら会", "さくら会"),
        ("ＮＰＯ法人　さくら会", "さくら会"),
        ("認定NPO法人さくら会", "さくら会"),
        ("さくら会", "さくら会"),
        ("さくら会特定非営利活動法人", "さくら会"),
    ],
)
def test_name_key_ignores_the_legal_form(name: str, key: str) -> None:
    assert npo_name_key(name) == key


# --- files that are refused -----------------------------------------------------------


def _header_without(column: str) -> list[str]:
    return [h for h in NPO_HEADERS if h != column]


LAYOUTS = [
    ("a column missing", _header_without("法人番号"), "the header has 59 columns"),
    ("a column renamed", [*NPO_HEADERS[:4], "所在地", *NPO_HEADERS[5:]], "column 5"),
    ("a column added", [*NPO_HEADERS, "備考"], "the header has 61 columns"),
    ("a staff list", ["団体名", "活動分野", "所在地"], "the header has 3 columns"),
]


@pytest.mark.parametrize(("case", "header", "found"), LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_another_layout_is_refused_naming_the_columns(
    ref: Reference, case: str, header: list[str], found: str
) -> None:
    rows = [list(r[: len(header)]) + [""] * max(0, len(header) - len(r)) for r in ROWS]
    with pytest.raises(NpoLayoutError) as caught:
        _read(ref, portal_zip(portal_csv(rows, header=header)), name="list.zip")
    (problem,) = caught.value.problems
    assert problem.row is None
    assert found in problem.reason("en")
    assert "法人名称, 法人名称カナ, 所轄庁" in problem.reason("en")  # the expected columns
    assert "活動分野２０" in problem.reason("en")


def _bad_byte(_: Path) -> bytes:
    data = portal_csv()
    third_row = data.index("下郷".encode("cp932"))
    return data[:third_row] + b"\x81\x20" + data[third_row:]


def _damaged_zip(_: Path) -> bytes:
    data = bytearray(portal_zip())
    data[200:220] = bytes(b ^ 0xFF for b in data[200:220])  # inside the compressed CSV
    return bytes(data)


def _damaged_late(_: Path) -> bytes:
    data = bytearray(portal_zip(portal_csv(ROWS * 400)))
    end = len(data) - 200  # the end of the compressed CSV, read long after the header
    data[end - 40 : end] = bytes(b ^ 0xFF for b in data[end - 40 : end])
    return bytes(data)


REFUSED = [
    ("empty", lambda _: b"", None, "empty"),
    ("not a zip", lambda _: b"PK\x03\x04broken", None, "not a readable zip"),
    (
        "zip without csv",
        lambda _: portal_zip(b"x", member="readme.pdf", extra={"a.pdf": b"y"}),
        None,
        "no CSV",
    ),
    ("zip with two csv", lambda _: portal_zip(extra={"b.csv": b"x"}), None, "several CSV"),
    ("bad bytes", _bad_byte, 3, "not Shift_JIS"),
    ("damaged zip", _damaged_zip, None, "not a readable zip"),
    ("damaged late", _damaged_late, "later", ""),  # refused at the first bad row
    ("broken quotes", lambda _: portal_csv() + b'"a"b"\r\n', len(ROWS) + 2, "not a valid CSV"),
    (
        "a cell too long",
        lambda _: portal_csv() + b'"' + b"a" * 200_000 + b'"\r\n',
        len(ROWS) + 2,
        "a cell is longer than 131,072 characters",
    ),
]


@pytest.mark.parametrize(("case", "make", "row", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_unreadable_files_are_refused_naming_the_row(
    ref: Reference, tmp_path: Path, case: str, make, row: int | str | None, words: str
) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        _read(ref, make(tmp_path))
    (problem,) = caught.value.problems
    assert words in problem.reason("en"), problem
    if row == "later":
        assert problem.row is not None and problem.row > 1000
    else:
        assert problem.row == row


def test_a_missing_file_is_refused(ref: Reference, tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="file not found"):
        _read(ref, tmp_path / "gyousei_000.zip")


def test_a_shifted_row_is_a_problem_of_that_row(ref: Reference) -> None:
    shifted = [*ROWS[0][:-1], "2020-01-01"]
    rows = [*ROWS[:3], [*shifted[:6], "余分", *shifted[6:]]]
    reading = _read(ref, portal_csv(rows))
    assert [(p.row, p.column) for p in reading.problems] == [(5, None)]
    assert len(reading.records) == 3


@pytest.mark.parametrize("cut", [1, 20, 59])
def test_a_row_cut_short_is_a_problem_of_that_row(ref: Reference, cut: int) -> None:
    """A download that ended early leaves its last row short: named, never padded."""
    data = portal_csv([*ROWS[:3], ROWS[3][:cut]])
    reading = _read(ref, data)
    assert [(p.row, p.code, p.params) for p in reading.problems] == [
        (5, "npo_short_row", {"n": cut, "width": 60})
    ]
    assert "download it again" in reading.problems[0].reason("en")
    assert len(reading.records) == 3


def test_text_problems_are_collected_per_row(ref: Reference) -> None:
    rows = [
        npo_row("", "山口市湯田温泉一丁目", number(3001), fields={1: "○"}),
        npo_row("会\x07", "山口市湯田温泉一丁目", number(3002), fields={1: "○"}),
        npo_row("長い会", "山口市湯田温泉一丁目", number(3003), purpose="あ" * 5001),
        npo_row("良い会", "山口市湯田温泉一丁目", number(3004), representative="名" * 101),
        npo_row("分野なしの会", "山口市湯田温泉一丁目", number(3005)),
        npo_row("外字\ue001の会", "山口市湯田温泉一丁目", number(3006), fields={1: "○"}),
    ]
    reading = _read(ref, portal_csv(rows))
    assert [(p.row, p.column) for p in reading.problems] == [
        (2, "法人名称"),
        (3, "法人名称"),
        (4, "定款に記載された目的"),
        (5, "代表者氏名"),
        (7, "法人名称"),
    ]
    assert [r.record["name"] for r in reading.records] == ["分野なしの会"]
    assert reading.summary()["no_fields"] == 1
    assert reading.listed_numbers == {number(n) for n in range(3001, 3007)}
