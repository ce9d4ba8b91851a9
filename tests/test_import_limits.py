"""Import files are read within bounds: a file over a limit is refused quickly, in
bounded memory, with a message naming the limit — however it was made."""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from geo.registry import xlsx
from geo.registry.limits import MAX_COLUMNS, MAX_ROWS, UnreadableFileError
from geo.registry.readers import read_bytes
from tests.conftest import ROOT
from tests.support.registry_files import civic_rows, csv_bytes, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"


def _book(cells: dict[str, str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for where, value in cells.items():
        sheet[where] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook ``data`` with one part of its archive changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info, change(content) if info.filename == part else content)
    return out.getvalue()


def _dimension(ref: str | None) -> Callable[[bytes], bytes]:
    """Declare the dimension ``ref`` (``None``: declare none)."""
    new = b"" if ref is None else f'<dimension ref="{ref}"/>'.encode()
    return lambda xml: re.sub(rb"<dimension [^>]*/>", new, xml)


def _insert(before: bytes, extra: bytes) -> Callable[[bytes], bytes]:
    """Put ``extra`` in front of the first ``before`` of a part."""
    return lambda xml: xml.replace(before, extra + before, 1)


def _refusal(data: bytes, name: str = "list.xlsx") -> tuple[str, dict[str, object]]:
    with pytest.raises(UnreadableFileError) as caught:
        read_bytes(data, name)
    (problem,) = caught.value.problems
    return problem.code, dict(problem.params)


SPARSE = {"A1": "団体名", "XFD1048576": "x"}


def test_a_sheet_declared_too_large_is_refused_naming_the_limits() -> None:
    code, params = _refusal(_book(SPARSE))
    assert code == "sheet_too_large"
    assert params == {
        "sheet": "Sheet",
        "rows": 1_048_576,
        "columns": 16_384,
        "max_rows": MAX_ROWS,
        "max_columns": MAX_COLUMNS,
    }


@pytest.mark.parametrize(("ref", "code"), [("A1", "too_many_rows"), (None, "too_many_rows")])
def test_a_wrong_or_missing_dimension_is_caught_while_streaming(ref: str | None, code: str) -> None:
    data = _rewrite(_book(SPARSE), SHEET, _dimension(ref))
    assert _refusal(data)[0] == code


def test_a_row_far_to_the_right_is_refused_while_streaming() -> None:
    data = _rewrite(_book({"A1": "団体名", "ALL2": "x"}), SHEET, _dimension("A1:B2"))
    assert _refusal(data) == ("too_many_columns", {"n": 1000, "limit": MAX_COLUMNS})


def test_the_reported_wide_workbook_is_refused_before_its_cells() -> None:
    code, params = _refusal(_book({"A1": "団体名", "ALL1000": "x"}))
    assert (code, params["columns"], params["rows"]) == ("sheet_too_large", 1000, 1000)


MEASURE = """
import resource, sys, time
from pathlib import Path
from geo.registry.readers import UnreadableFileError, read_bytes
data = Path(sys.argv[1]).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    read_bytes(data, "list.xlsx")
    print("read")
except UnreadableFileError as exc:
    print(exc.problems[0].code)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(time.perf_counter() - started, grown / 1024)
"""


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "A1", None])
def test_the_sparse_workbook_is_refused_in_seconds_and_little_memory(
    tmp_path: Path, ref: str | None
) -> None:
    path = tmp_path / "sparse.xlsx"
    path.write_bytes(_rewrite(_book(SPARSE), SHEET, _dimension(ref)))
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    outcome, figures = done.stdout.split("\n", 1)
    seconds, megabytes = (float(x) for x in figures.split())
    assert outcome in {"sheet_too_large", "too_many_rows"}
    assert megabytes < 50  # reading it whole took gigabytes
    assert seconds < 20  # well under a second on an idle machine


def test_junk_outside_the_rows_is_refused() -> None:
    data = _rewrite(xlsx_bytes(civic_rows(1)), SHEET, _insert(b"<sheetData>", b"<x/>" * 60_000))
    assert _refusal(data)[0] == "xlsx_unreadable"


def test_what_follows_the_merged_cells_is_not_read() -> None:
    junk = b"<extLst>" + b"<x/>" * 200_000 + b"</extLst>"
    data = _rewrite(xlsx_bytes(civic_rows(1)), SHEET, _insert(b"</worksheet>", junk))
    assert len(read_bytes(data, "list.xlsx").rows) == 1


def test_a_row_of_too_many_elements_is_refused_before_it_ends() -> None:
    row = b'<row r="3">' + b"<c><v>1</v></c>" * 5_000 + b"</row>"
    data = _rewrite(xlsx_bytes(civic_rows(1)), SHEET, _insert(b"</sheetData>", row))
    assert _refusal(data)[0] == "too_many_columns"


def test_entities_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    data = _rewrite(xlsx_bytes(civic_rows(1)), SHEET, lambda xml: laughs + xml.split(b"?>", 1)[-1])
    assert _refusal(data)[0] == "xlsx_unreadable"


def test_parts_unpacking_too_large_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_SHEET_XML", 500)
    code = _refusal(xlsx_bytes(civic_rows(20)))[0]
    assert code == "xlsx_too_large"


def test_shared_strings_and_phonetic_guides() -> None:
    def with_guide(xml: bytes) -> bytes:
        runs = '<r><t>団体</t></r><r><t>名</t></r><rPh sb="0" eb="2"><t>だんたい</t></rPh>'
        return xml.replace("<t>団体名</t>".encode(), runs.encode())

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["団体名", "活動分野"])
    sheet.append(["会", 8])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in z.namelist() else SHEET
    table = read_bytes(_rewrite(data, part, with_guide), "list.xlsx")
    assert table.headers == ("団体名", "活動分野")
    assert table.rows == (("会", "8"),)


# --- text files ------------------------------------------------------------------------


def test_csv_rows_are_limited() -> None:
    rows = [["団体名", "活動分野"]] + [["会", "8"]] * MAX_ROWS
    assert len(read_bytes(csv_bytes(rows), "a.csv").rows) == MAX_ROWS
    rows.append(["会", "8"])
    assert _refusal(csv_bytes(rows), "a.csv") == ("too_many_rows", {"limit": MAX_ROWS})


def test_csv_columns_are_limited_but_empty_ones_are_dropped() -> None:
    wide = [["団体名", "活動分野", *([""] * 150)], ["会", "8", *([""] * 150)]]
    assert read_bytes(csv_bytes(wide), "a.csv").headers == ("団体名", "活動分野")
    wide[1][120] = "x"
    assert _refusal(csv_bytes(wide), "a.csv")[0] == "too_many_columns"


def _damaged(data: bytes, how: str) -> bytes:
    """``data`` with its sheet's part damaged as a broken download or disk leaves it:
    bytes of its compressed data changed, or its checksum wrong (its directory intact)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(SHEET)
    out = bytearray(data)
    head = info.header_offset
    name_len, extra_len = struct.unpack_from("<HH", out, head + 26)
    start = head + 30 + name_len + extra_len
    if how == "data":
        middle = start + info.compress_size - 16  # (its last block)
        out[middle : middle + 16] = bytes(b ^ 0x5A for b in out[middle : middle + 16])
    else:  # the checksum, in the local header and in the central directory
        wrong = struct.pack("<I", info.CRC ^ 0xFFFF)
        out[head + 14 : head + 18] = wrong
        central = out.find(b"PK\x01\x02")
        while out[central + 46 : central + 46 + name_len] != SHEET.encode():
            central = out.find(b"PK\x01\x02", central + 4)
        out[central + 16 : central + 20] = wrong
    return bytes(out)


@pytest.mark.parametrize("how", ["data", "checksum"])
def test_a_workbook_damaged_inside_is_refused_with_a_reason(how: str) -> None:
    """Found only as the sheet is streamed (the file opens), not a crash of the page."""
    rows = [["団体名", "活動分野"], *([f"会{i}", "防災"] for i in range(2000))]
    code, params = _refusal(_damaged(xlsx_bytes(rows), how))
    assert code == "xlsx_unreadable"
    assert params["detail"]


def test_geojson_features_are_counted_before_parsing() -> None:
    feature = {"type": "Feature", "properties": {"団体名": "会"}, "geometry": None}
    doc = {"type": "FeatureCollection", "features": [feature] * (MAX_ROWS + 1)}
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    assert _refusal(data, "a.geojson")[0] == "too_many_rows"
    deep = b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert _refusal(deep, "a.geojson")[0] in {"json_too_deep", "too_many_rows"}
    odd = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": [1]}]}
    assert read_bytes(json.dumps(odd).encode(), "a.geojson").rows == ()


@pytest.mark.parametrize(
    "data",
    [b"hello", b"SQLite format 3\x00" + b"\x00" * 100],
    ids=["not-sqlite", "broken-sqlite"],
)
@pytest.mark.filterwarnings("ignore:GPKG:RuntimeWarning")  # (the library's note as it reads)
def test_a_broken_geopackage_is_named_as_the_user_named_it(data: bytes) -> None:
    """The reason names the uploaded file, never the server's temporary copy."""
    code, params = _refusal(data, "自治会.gpkg")
    assert code == "gpkg_unreadable"
    assert "/tmp" not in str(params["detail"]) and "upload.gpkg" not in str(params["detail"])


HEAD = "団体名,種別,活動分野\n"


@pytest.mark.parametrize(
    ("data", "name", "code", "row", "params"),
    [
        ((HEAD + '"会,市民活動団体,8\n').encode(), "a.csv", "csv_open_quote", 2, {}),
        (
            (HEAD + '会,市民活動団体,8\n"会"の,市民活動団体,8\n').encode(),
            "a.csv",
            "csv_quote_inside",
            3,
            {},
        ),
        (
            (HEAD + "x" * 200_000 + ",市民活動団体,8\n").encode(),
            "a.csv",
            "csv_cell_too_long",
            2,
            {"limit": 131_072},
        ),
        (
            b'{"type": "FeatureCollection",\n "features": [}',
            "a.geojson",
            "json_invalid",
            None,
            {"line": 2, "column": 15},
        ),
        (b"[" * 100_000, "a.geojson", "json_too_deep", None, {}),
    ],
    ids=["open-quote", "quote-inside", "long-cell", "broken-json", "deep-json"],
)
def test_a_file_that_cannot_be_split_says_what_to_mend(
    data: bytes, name: str, code: str, row: int | None, params: dict[str, object]
) -> None:
    """A file the CSV or JSON reader cannot split is refused in words of what to mend in
    it (a quote, a long cell, where the JSON breaks): the Japanese reason holds no English
    words of the library that read it."""
    with pytest.raises(UnreadableFileError) as caught:
        read_bytes(data, name)
    (problem,) = caught.value.problems
    assert (problem.code, problem.row, dict(problem.params)) == (code, row, params)
    assert re.findall(r"[A-Za-z]{3,}", problem.reason("ja")) in ([], ["JSON"])


@pytest.mark.parametrize(
    ("ranges", "rows"),
    [
        (["E2:E3"], [(2, "E2:E3"), (3, "E2:E3")]),  # every row a range covers
        (["B2:B4", "C3:D5"], [(2, "B2:B4"), (3, "B2:B4"), (4, "B2:B4"), (5, "C3:D5")]),
        ([f"A2:A{MAX_ROWS + 5}"], [(r, f"A2:A{MAX_ROWS + 5}") for r in range(2, MAX_ROWS + 2)]),
        (["A2:A9"] * 3, [(r, "A2:A9") for r in range(2, 10)]),  # each row once
    ],
)
def test_every_row_under_merged_cells_is_named_once(
    ranges: list[str], rows: list[tuple[int, str]]
) -> None:
    """Importing only the valid rows must not store a merged range's empty cells."""
    header, problems = xlsx._merged_problems(ranges, "list.xlsx", 1)
    assert header == []
    assert [(p.row, p.column) for p in problems] == rows
    assert {p.code for p in problems} == {"merged"}


def _with_cell(cell: bytes) -> bytes:
    """A list of one row whose name is ``cell`` (the XML of cell A2)."""
    rows = [["団体名", "活動分野", "所在地"], ["x", "8", "テスト市北西町"]]
    data = xlsx_bytes(rows)
    return _rewrite(data, SHEET, lambda xml: re.sub(rb'<c r="A2"[^>]*>.*?</c>', cell, xml))


@pytest.mark.parametrize(
    ("cell", "name", "problems"),
    [
        # a formula saved with its result reads as the result, as the sheet shows it
        (
            '<c r="A2" t="str"><f>B9&amp;"会"</f><v>山の会</v></c>'.encode(),
            "山の会",
            [],
        ),
        (b'<c r="A2"><f>1+1</f><v>2</v></c>', "2", []),
        # saved without it, the formula is what there is (and the cell is refused later)
        (b'<c r="A2"><f>SUM(A1)</f></c>', "=SUM(A1)", []),
        # an error value is named by its row and header, never read as text
        (b'<c r="A2" t="e"><v>#N/A</v></c>', "", [(2, "団体名", "#N/A", "excel_error")]),
        (
            b'<c r="A2" t="e"><f>VLOOKUP(1,B:B,2)</f><v>#REF!</v></c>',
            "",
            [(2, "団体名", "#REF!", "excel_error")],
        ),
    ],
)
def test_a_workbooks_formulas_read_as_saved_and_its_errors_are_named(
    cell: bytes, name: str, problems: list[tuple[int, str, str, str]]
) -> None:
    table = read_bytes(_with_cell(cell), "list.xlsx")
    assert table.rows[0][0] == name
    assert [(p.row, p.column, p.value, p.code) for p in table.problems] == problems
