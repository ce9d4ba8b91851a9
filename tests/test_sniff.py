"""What an import file is read as: its bytes decide where they are sure, its name the
rest; a file no reader takes is refused with the reason staff can act on."""

from __future__ import annotations

import codecs
import io
import tracemalloc
import zipfile

import pytest

from geo.registry import read_bytes
from geo.registry.limits import UnreadableFileError
from geo.registry.sniff import CSV, ENDINGS, FORMATS, GEOJSON, GPKG, XLSX, file_format
from tests.support.registry_files import csv_bytes, xlsx_bytes

OLE = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
ROWS = [["団体名", "活動分野", "所在地"], ["会", "8", "山口市湯田温泉5-5-50"]]
TSV_CP932 = "\r\n".join("\t".join(r) for r in ROWS).encode("cp932") + b"\r\n"
TITLED = "山口市 市民活動団体一覧\r\n\r\n".encode() + csv_bytes(ROWS)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""})
ARCHIVE = _zip({"list.csv": csv_bytes(ROWS)})


@pytest.mark.parametrize(
    ("name", "data", "read_as"),
    [
        ("list.csv", csv_bytes(ROWS), CSV),
        ("LIST.CSV", csv_bytes(ROWS), CSV),
        ("list.txt", TSV_CP932, CSV),
        ("list.tsv", TSV_CP932, CSV),
        ("list.geojson", b'{"type": "FeatureCollection", "features": []}', GEOJSON),
        ("list.gpkg", b"SQLite format 3\x00", GPKG),
        ("list.xlsx", xlsx_bytes(ROWS), XLSX),
        # a workbook saved under another name is still a workbook
        ("list.csv", xlsx_bytes(ROWS), XLSX),
        ("list.txt", xlsx_bytes(ROWS), XLSX),
        ("list.json", xlsx_bytes(ROWS), XLSX),
        # a system's 「Excel 形式」 download that is text: read as CSV
        ("download.xls", TSV_CP932, CSV),
        ("download.xls", codecs.BOM_UTF16_LE + "\t".join(ROWS[0]).encode("utf-16-le"), CSV),
        ("download.xlsx", csv_bytes(ROWS), CSV),
        ("download.xls", TITLED, CSV),
        # damaged workbooks: the workbook's reader says what is wrong
        ("list.xlsx", b"PK\x03\x04broken", XLSX),
        ("list.xlsx", b"not a workbook at all", XLSX),
        ("list.xlsx", ARCHIVE, XLSX),
    ],
)
def test_files_are_read_as_what_they_are(name: str, data: bytes, read_as: str) -> None:
    assert file_format(data, name) == read_as


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("list.xls", OLE, "ole_workbook"),  # Excel 97–2003
        ("list.xlsx", OLE, "ole_workbook"),  # a workbook protected by a password
        ("list.csv", OLE, "ole_workbook"),
        ("list.ods", ODS, "opendocument"),
        ("list.csv", ODS, "opendocument"),
        ("list.xlsx", ODS, "opendocument"),  # (renamed: not "a damaged workbook")
        ("list.ods", b"PK\x03\x04broken", "opendocument"),
        ("list.csv", ARCHIVE, "zip_archive"),
        ("list.zip", ARCHIVE, "zip_archive"),
        ("list.csv", b"PK\x03\x04broken", "zip_archive"),
        ("list.numbers", ARCHIVE, "file_type"),
        (
            "download.xls",
            "<html><body><table><tr><td>団体名</td></tr></table>".encode(),
            "html_workbook",
        ),
        ("download.xls", '\ufeff  <?xml version="1.0"?><Workbook/>'.encode(), "html_workbook"),
        ("download.xlsx", b"\r\n<table><tr><td>x</td></tr></table>", "html_workbook"),
        ("list.xls", bytes(range(256)), "file_type"),
        ("list.xls", b"one line of text and no cells", "file_type"),
        ("list.pdf", b"%PDF-1.7", "file_type"),
        ("list", csv_bytes(ROWS), "file_type"),
    ],
)
def test_files_no_reader_takes_are_refused_with_the_reason(
    name: str, data: bytes, code: str
) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        file_format(data, name)
    assert [p.code for p in caught.value.problems] == [code]


@pytest.mark.parametrize(
    ("name", "data"),
    [("list.csv", xlsx_bytes(ROWS)), ("download.xls", TSV_CP932), ("download.xls", TITLED)],
)
def test_a_file_under_another_name_gives_its_rows(name: str, data: bytes) -> None:
    table = read_bytes(data, name)
    assert not table.problems
    assert [list(table.headers), *map(list, table.rows)] == ROWS


def _bomb(unpacked: int) -> bytes:
    """A zip whose ``mimetype`` unpacks to ``unpacked`` bytes (a few hundred KB packed)."""
    buffer = io.BytesIO()
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w") as member,
    ):
        member.write(b"application/vnd.oasis.opendocument.spreadsheet")
        for _ in range(unpacked >> 20):
            member.write(chunk)
    return buffer.getvalue()


def test_a_zip_s_mimetype_is_read_for_its_first_bytes_only() -> None:
    data = _bomb(256 << 20)
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFileError) as caught:
            file_format(data, "list.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.code for p in caught.value.problems] == ["opendocument"]
    assert peak < 8 << 20


def test_every_ending_read_can_be_uploaded() -> None:
    assert set(FORMATS) <= set(ENDINGS)
    assert {".xls", ".ods"} <= set(ENDINGS)  # taken, to say why they cannot be read
