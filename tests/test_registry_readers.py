"""Reading import files: every accepted encoding, separator and format gives the same
records; a title above the header is passed over and named."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyproj
import pytest
import shapely

from geo.registry import plan_import, read_bytes
from geo.registry.header import declared, delimiter, header_index
from geo.registry.limits import UnreadableFileError
from geo.registry.places import TOWN
from geo.registry.readers import decode_text, is_sum_row
from tests.support.backends import Backend
from tests.support.registry_files import (
    civic_rows,
    csv_bytes,
    geojson_bytes,
    inside,
    tiny_store,
    xlsx_bytes,
)


@pytest.mark.parametrize(
    "encoding",
    # utf-16 writes its byte order mark (little-endian here), as Excel's 「Unicode テキスト」
    ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_csv_encodings_read_the_same(backend: Backend, tiny_dir: Path, encoding: str) -> None:
    with tiny_store(backend, tiny_dir) as store:
        expected = plan_import(read_bytes(csv_bytes(civic_rows()), "a.csv"), "civic_groups", store)
        plan = plan_import(
            read_bytes(csv_bytes(civic_rows(), encoding), "a.csv"), "civic_groups", store
        )
    assert not plan.problems
    assert [r.record for r in plan.rows] == [r.record for r in expected.rows]
    assert plan.rows[0].record["name"] == "新しい会1"


#: A list's name and date above its header, as lists exported by hand often have.
TITLE = [["山口市 市民活動団体一覧"], ["令和8年4月1日現在", ""], []]


#: The fields of civic_rows(), listed with semicolons and more times than needed.
LISTED = ";".join(["8"] * 9 + ["子育て支援"])


def _separated(rows: list[list[str]], sep: str) -> bytes:
    return "\r\n".join(sep.join(r) for r in rows).encode("utf-8")


#: Per layout: the file, and the header's row in it.
LAYOUTS: dict[str, Callable[[list[list[str]]], tuple[str, bytes, int]]] = {
    "title": lambda rows: ("a.csv", csv_bytes([*TITLE, *rows]), 4),
    # a title of two cells (the list's name and its date), found by the header's words
    "title-two-cells": lambda rows: (
        "a.csv",
        csv_bytes([["自治会一覧", "", "R6.4.1現在"], *rows]),
        2,
    ),
    # a sheet whose list starts far down, under many blank rows
    "xlsx-far-down": lambda rows: ("a.xlsx", xlsx_bytes([*[[""]] * 35, *TITLE, *rows]), 39),
    "semicolons": lambda rows: ("a.csv", _separated(rows, ";"), 1),
    "semicolons-title": lambda rows: ("a.csv", _separated([*TITLE, *rows], ";"), 4),
    "tabs-title": lambda rows: ("a.txt", _separated([*TITLE, *rows], "\t"), 4),
    # Excel's 「Unicode テキスト」: UTF-16 with its byte order mark, tabs between cells
    "unicode-text": lambda rows: (
        "a.txt",
        "\r\n".join("\t".join(r) for r in [*TITLE, *rows]).encode("utf-16"),
        4,
    ),
    "xlsx-merged-title": lambda rows: ("a.xlsx", xlsx_bytes([*TITLE, *rows], merge="A1:F1"), 4),
    # fields listed with semicolons, more of them than the header has commas
    "listed": lambda rows: (
        "a.csv",
        csv_bytes([rows[0], *([r[0], LISTED, *r[2:]] for r in rows[1:])]),
        1,
    ),
    # a first line naming the separator, as spreadsheets write it: not a row
    "sep-line": lambda rows: ("a.csv", b"sep=;\r\n" + _separated(rows, ";"), 1),
    "sep-line-tabs": lambda rows: ("a.csv", b"SEP=\t\n" + _separated([*TITLE, *rows], "\t"), 4),
    # a title written with semicolons above a header with commas
    "title-other-separator": lambda rows: ("a.csv", csv_bytes([["一覧;2026年4月"], *rows]), 2),
    # semicolons between cells, commas inside quoted ones
    "semicolons-quoted-commas": lambda rows: (
        "a.csv",
        _separated([rows[0], *([f'"{r[0]}, 山口"', *r[1:]] for r in rows[1:])], ";"),
        1,
    ),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_titles_and_separators_read_the_same(backend: Backend, tiny_dir: Path, layout: str) -> None:
    rows = civic_rows()
    name, data, header_row = LAYOUTS[layout](rows)
    if layout == "semicolons-quoted-commas":
        rows = [rows[0], *([f"{r[0]}, 山口", *r[1:]] for r in rows[1:])]
    with tiny_store(backend, tiny_dir) as store:
        expected = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
        plan = plan_import(read_bytes(data, name), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert [r.record for r in plan.rows] == [r.record for r in expected.rows]
    # as a spreadsheet numbers them: the rows right under the header
    assert [r.row for r in plan.rows] == [header_row + 1, header_row + 2]
    assert plan.header_row == header_row


#: The layouts that write the rows as they are given (the others rewrite cells).
AS_GIVEN = [name for name in LAYOUTS if name not in ("listed", "semicolons-quoted-commas")]


@pytest.mark.parametrize("layout", AS_GIVEN)
def test_a_problem_is_named_at_the_row_a_spreadsheet_shows(
    backend: Backend, tiny_dir: Path, layout: str
) -> None:
    rows = civic_rows(3)
    rows[3][1] = "宇宙"  # the third data row, after an empty one
    rows.insert(3, [""] * len(rows[0]))
    name, data, header_row = LAYOUTS[layout](rows)
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(data, name), "civic_groups", store)
    assert [(p.row, p.column) for p in plan.problems] == [(header_row + 4, "活動分野")]
    assert [r.row for r in plan.rows] == [header_row + 1, header_row + 2]


@pytest.mark.parametrize(
    ("rows", "index"),
    [
        ([], None),
        ([[""], ["", " "]], None),
        ([["団体名", "活動分野"], ["会", "8"]], 0),
        ([[""], ["団体名", "活動分野"]], 1),
        ([["一覧"], ["団体名", "活動分野"]], 1),
        ([["一覧"], [""], ["現在"], ["団体名", "活動分野"]], 3),
        ([["団体名"], ["会A"], ["会B"]], 0),  # one column: its first row
        ([["一覧"], *[["メモ"]] * 5, ["団体名", "活動分野"]], 0),  # too many lines above
        ([["一覧"], ["団体名", "活動分野"], ["会", "8", "余り"]], 1),
    ],
)
def test_header_index(rows: list[list[str]], index: int | None) -> None:
    assert header_index(rows) == index


@pytest.mark.parametrize(
    ("rows", "index"),
    [
        ([["自治会一覧", "R6.4.1現在"], ["団体名", "所在地"], ["会", "x"]], 1),
        ([["一覧", "メモ"], ["備考", "x"], ["団体名", "所在地"]], 2),
        ([["自治会一覧", "R6.4.1現在"], ["名前", "場所"]], 0),  # no known header: as before
        ([*[[""]] * 40, ["団体名", "所在地"]], 40),  # blank rows above never count
        ([*[["x", "y"]] * 31, ["団体名", "所在地"]], 0),  # further than the rows looked at
    ],
)
def test_header_index_with_known_headers(rows: list[list[str]], index: int) -> None:
    assert header_index(rows, lambda cell: cell in {"団体名", "所在地", "備考"}) == index


@pytest.mark.parametrize(
    ("text", "sep"),
    [
        ("", ","),
        ("団体名\n会A\n会B\n", ","),  # one column
        ("団体名,活動分野\n会A,8\n", ","),
        ("団体名;活動分野\n会A;8\n", ";"),
        ("団体名\t活動分野\n会A\t8\n", "\t"),
        ("団体名,活動分野,地域\n", ","),  # a header alone
        ("一覧;2026\n団体名,活動分野,地域\n会A,8,大殿\n", ","),
        ("一覧,2026\n\n団体名;活動分野;地域\n会A;8;大殿\n会B;8;湯田\n", ";"),
        ("団体名,活動分野\n会A,8;9;10;11\n", ","),  # fields listed with semicolons
        ('団体名;所在地\n会A;"山口市, 1"\n会B;"山口市, 2"\n', ";"),
        ('団体名,備考\n会A,"a\nb\nc', ","),  # a quoted cell never closed
        ("一覧;2026\r団体名,活動分野,地域\r会A,8,大殿\r", ","),  # lines ended by CR alone
    ],
)
def test_delimiter(text: str, sep: str) -> None:
    assert delimiter(text, (",", "\t", ";")) == sep


def test_formats_give_the_same_records(backend: Backend, tmp_path: Path, tiny_dir: Path) -> None:
    rows = civic_rows()
    tsv = "\r\n".join("\t".join(r) for r in rows).encode("utf-8")
    gpkg = tmp_path / "list.gpkg"
    frame = gpd.GeoDataFrame(
        {h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])},
        geometry=[shapely.Point(*inside())] * 2,
        crs="EPSG:4326",
    )
    frame.to_file(gpkg, driver="GPKG")
    points = [({h: r[i] for i, h in enumerate(rows[0])}, inside()) for r in rows[1:]]
    with tiny_store(backend, tiny_dir) as store:
        plans = {
            name: plan_import(read_bytes(data, name), "civic_groups", store)
            for name, data in [
                ("a.csv", csv_bytes(rows)),
                ("a.txt", tsv),
                ("a.xlsx", xlsx_bytes(rows)),
                ("a.geojson", geojson_bytes(points)),
                ("a.gpkg", gpkg.read_bytes()),
            ]
        }
    for name, plan in plans.items():
        assert not plan.problems, (name, [str(p) for p in plan.problems])
        assert [r.record["fields"] for r in plan.rows] == ["npo08;kosodate"] * 2, name
        assert [r.record["last_confirmed"] for r in plan.rows] == ["2025-04-01"] * 2, name
    assert {r.match_level for r in plans["a.csv"].rows} == {TOWN}
    assert {r.match_level for r in plans["a.geojson"].rows} == {"coordinates"}
    assert plans["a.gpkg"].rows[0].record["lon"] == f"{inside()[0]:.6f}"


def test_xlsx_cells_are_read_as_staff_typed_them(backend: Backend, tiny_dir: Path) -> None:
    rows: list[list[Any]] = [
        ["団体名", "活動分野", "所在地", "最終確認日", "電話", "世帯数"],
        ["ＡＢＣの会", 8, "テスト市北西町", dt.datetime(2025, 4, 1), "083 000", 120.0],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(xlsx_bytes(rows), "a.xlsx"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    record = plan.rows[0].record
    assert record["name"] == "ＡＢＣの会"
    assert (record["fields"], record["last_confirmed"]) == ("npo08", "2025-04-01")
    assert (record["phone"], record["households"]) == ("083 000", "120")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sep=;\r\na;b\r\n", (";", "a;b\r\n")),
        ("SEP=\t\na\tb", ("\t", "a\tb")),
        ("sep=,", (",", "")),
        ("sep=; \ra;b", (";", "a;b")),  # a space after it, a line ended by CR alone
        ("sep=|\na|b", None),  # not a separator the import reads
        ("sep=;x\na;b", None),  # more than the separator on the line
        ("title\nsep=;\na;b", None),  # only as the first line
        ("a;b\nc;d", None),
    ],
)
def test_a_first_line_may_name_the_separator(text: str, expected: tuple[str, str] | None) -> None:
    assert declared(text, (",", "\t", ";")) == expected


#: A list mostly in Japanese: few of its characters have a zero byte in UTF-16.
JAPANESE_LIST = "\r\n".join(
    ["団体名,活動分野,所在地"]
    + [f"みどりの子ども応援の会{i},子育て支援、防災,山口市湯田温泉五丁目" for i in range(40)]
)


#: Long cells in Japanese: one character in a hundred has a zero byte in UTF-16.
LONG_JAPANESE_LIST = "\n".join(
    ["団体名,活動分野,所在地,目的"]
    + [
        "みどりの子ども応援の会,保健、医療又は福祉の増進を図る活動、子どもの健全育成を図る活動、"
        "まちづくりの推進を図る活動,山口市湯田温泉五丁目,地域の子どもたちと高齢者が安心して"
        "暮らせるように見守りと交流の場を作り、防災と子育ての学び合いを続けていくこと"
    ]
    * 30
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("listed", [JAPANESE_LIST, LONG_JAPANESE_LIST])
def test_utf16_without_its_mark_is_read_however_little_latin_it_holds(
    encoding: str, listed: str
) -> None:
    data = listed.encode(encoding)
    assert data.count(0) * 100 < len(data) * 2 or listed is JAPANESE_LIST
    expected = read_bytes(listed.encode("utf-8"), "a.csv")
    table = read_bytes(data, "a.csv")
    assert (table.headers, table.rows) == (expected.headers, expected.rows)


# (text, its encoding): every one is read as it was written, never as the other encoding
LEGACY_TEXTS = [
    # EUC-JP whose bytes CP932 also reads, as half-width katakana: 「ﾃﾄﾂﾎﾌｾ,ﾌｾﾁｰ」
    ("団体名,名前\nあおば,小郡\n", "euc_jp"),
    ("団体名,ﾌﾘｶﾞﾅ\nあおば会,ｱｵﾊﾞｶｲ\n", "euc_jp"),  # with half-width kana of its own
    (JAPANESE_LIST, "euc_jp"),
    ("ﾌﾘｶﾞﾅ,名称\nﾔﾏｸﾞﾁ,山口の会\n", "cp932"),  # half-width furigana
    ("ﾀﾞﾝﾀｲﾒｲ,ﾁｲｷ\nｱｵﾊﾞｶｲ,ｵｺﾞｵﾘ\n", "cp932"),  # nothing but half-width kana
    # half-width katakana that read as EUC-JP hold full-width kana too (･ｱ as ケ)
    ("name,lat,lon\nｸﾞﾙｰﾌﾟ･ｱｲｽ,34.18,131.48\nｻﾝﾌﾟﾙ･ﾃｽﾄﾃﾞｽ,34.18,131.47\n", "cp932"),
    ("name\nｶﾞｸｼｭｳｼｴﾝｸﾞﾙｰﾌﾟ､ﾔﾏｸﾞﾁｼﾐﾝｶﾂﾄﾞｳ\nﾎﾞﾗﾝﾃｨｱﾉｶｲ･ｺｿﾀﾞﾃｼｴﾝ\n", "cp932"),
    ("団体名,所在地\n鋳銭司の会,山口市鋳銭司\n嘉川ふれあいの会,山口市嘉川\n", "euc_jp"),
    ("団体名,名前\nあおば,小郡\n", "cp932"),
    (JAPANESE_LIST, "cp932"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY_TEXTS)
def test_shift_jis_and_euc_jp_are_each_read_as_written(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding), "a.csv") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("名称,地区\n北京市海淀区,朝阳区\n", "gb2312"),  # valid EUC-JP bytes, but no kana
        ("이름,지역\n서울,부산\n", "euc_kr"),
        ("name,fields\nCafé Müller,8\n", "latin-1"),
    ],
)
def test_other_languages_legacy_texts_are_refused_not_read_as_japanese(
    text: str, encoding: str
) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        decode_text(text.encode(encoding), "a.csv")
    assert [(p.code, p.row) for p in caught.value.problems] == [
        ("encoding", 1 + (encoding == "latin-1"))
    ]


def test_unreadable_bytes_are_shown_as_a_hex_dump() -> None:
    """Not as Python writes bytes (``b'\\x92c'``): staff compare them with an editor's."""
    data = "団体名,名前\n".encode() + "あおば".encode("cp932") + b"\n"
    with pytest.raises(UnreadableFileError) as caught:
        decode_text(codecs.BOM_UTF8 + data, "a.csv")
    (problem,) = caught.value.problems
    assert (problem.code, problem.row, problem.value) == ("bad_utf8", 2, "E5 89 8D 0A 82 A0 82 A8")


_CP932_HEAD = "団体名,所在地\nサンプルの会,山口市亀山町\n".encode("cp932")


@pytest.mark.parametrize(
    ("data", "code", "row", "shown"),
    [
        # a 外字 (CP932's user-defined area, F040) in the third row
        (_CP932_HEAD + b"\x83T\xf0\x40,x\n", "gaiji", 3, "AC 0A 83 54 F0 40 2C 78"),
        # a byte CP932 has not, in the third row
        (_CP932_HEAD + b"\x83T\x85\x40,x\n", "encoding", 3, "AC 0A 83 54 85 40 2C 78"),
        # rows added later in UTF-8 under a CP932 list
        (_CP932_HEAD + "新しい会,x\n".encode(), "encoding", 3, "81 84 E4 BC 9A 2C 78 0A"),
        # nothing Japanese at all: the first byte that is not UTF-8
        ("이름,지역\n서울,부산\n".encode("euc_kr"), "encoding", 1, "C0 CC B8 A7"),
    ],
)
def test_a_legacy_file_names_the_row_where_its_encoding_stops(
    data: bytes, code: str, row: int, shown: str
) -> None:
    """The row named is the one to mend: where the list's own encoding stops reading,
    not its first row (which UTF-8 cannot read either)."""
    with pytest.raises(UnreadableFileError) as caught:
        decode_text(data, "a.csv")
    assert [(p.code, p.row, p.value) for p in caught.value.problems] == [(code, row, shown)]


#: Where 湯田 is, as longitude/latitude and as JGD2011 / Japan Plane Rectangular CS III.
YUDA = (131.4530, 34.1620)
YUDA_PLANE = tuple(
    pyproj.Transformer.from_crs("EPSG:4326", "EPSG:6671", always_xy=True).transform(*YUDA)
)


def _named(name: str) -> dict[str, Any]:
    return {"type": "name", "properties": {"name": name}}


@pytest.mark.parametrize(
    ("crs", "coordinates", "expected"),
    [
        (None, YUDA, YUDA),
        (_named("urn:ogc:def:crs:OGC:1.3:CRS84"), YUDA, YUDA),
        (_named("EPSG:4326"), YUDA, YUDA),
        (_named("urn:ogc:def:crs:EPSG::6668"), YUDA, YUDA),  # JGD2011, as 国土数値情報 write
        ("EPSG:6668", YUDA, YUDA),  # a plain name
        (_named("EPSG:6671"), YUDA_PLANE, YUDA),  # metres, converted
        (_named("EPSG:43260"), YUDA, "crs_unknown"),  # no such system: never a guess
        (_named("何か"), YUDA, "crs_unknown"),
        ({"type": "link", "properties": {"href": "crs.prj"}}, YUDA, "crs_unknown"),
        (4326, YUDA, "crs_unknown"),
    ],
)
def test_a_geojson_s_crs_is_read_or_refused(
    crs: Any, coordinates: tuple[float, float], expected: tuple[float, float] | str
) -> None:
    doc = json.loads(
        geojson_bytes([({"団体名": "会"}, coordinates), ({"団体名": "位置なし"}, None)])
    )
    if crs is not None:
        doc["crs"] = crs
    data = json.dumps(doc, ensure_ascii=False).encode()
    if isinstance(expected, str):
        with pytest.raises(UnreadableFileError) as caught:
            read_bytes(data, "a.geojson")
        assert [p.code for p in caught.value.problems] == [expected]
        return
    points = read_bytes(data, "a.geojson").points
    assert points is not None
    assert points[0] == pytest.approx(expected, abs=1e-6)
    assert points[1] is None


@pytest.mark.filterwarnings("ignore:GPKG:RuntimeWarning")
def test_a_geopackage_of_two_layers_is_refused_for_that_alone(
    backend: Backend, tmp_path: Path, tiny_dir: Path
) -> None:
    path = tmp_path / "two.gpkg"
    frame = gpd.GeoDataFrame({"団体名": ["会"]}, geometry=[shapely.Point(*inside())], crs=4326)
    frame.to_file(path, layer="自治会", driver="GPKG")
    frame.to_file(path, layer="メモ", driver="GPKG")
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(path.read_bytes(), "two.gpkg"), "civic_groups", store)
    assert [p.code for p in plan.problems] == ["gpkg_layers"]


@pytest.mark.parametrize(
    ("cells", "is_sums"),
    [
        (["合計", "", "", "12,345"], True),
        (["", "合　計", "", "1,234世帯"], True),  # (its word in any column, spaced out)
        (["小計", "12件", "3"], True),
        (["Total", "", "42"], True),
        (["合計", "", "=SUM(D3:D40)", "=COUNTA(B3:B40)"], True),  # (a formula's figure unsaved)
        (["計"], True),
        (["合計", "湯田温泉1丁目"], False),  # (an address is no figure)
        (["計画づくりの会", "8", "湯田"], False),
        (["1", "合計", "12"], False),  # (its first cell with text is a number)
        (["", "", ""], False),
    ],
)
def test_a_row_of_sums_is_told_by_its_word_and_figures(cells: list[str], is_sums: bool) -> None:
    assert is_sum_row(cells) is is_sums


@pytest.mark.parametrize(
    ("rows", "hidden", "named"),
    [
        (civic_rows(3), [3], (3,)),
        (civic_rows(3), [1, 2, 4], (2, 4)),  # (the header is not a row read)
        ([*TITLE, *civic_rows(2)], [2, 6], (6,)),  # (nor a title above it)
        (civic_rows(2), [], ()),
    ],
)
def test_rows_a_workbook_hides_are_read_and_named(
    rows: list[list[str]], hidden: list[int], named: tuple[int, ...]
) -> None:
    table = read_bytes(xlsx_bytes(rows, hidden=hidden), "a.xlsx")
    assert table.hidden_rows == named
    assert len(table.rows) == len(rows) - 1 - (len(TITLE) if rows[0] == TITLE[0] else 0)
