"""What an import file is: by its first bytes where they are sure, else by its name.

Files reach staff under names that do not say what they are: a system's 「Excel
形式」 download is often a web page or tab-separated text named ``.xls``, a workbook
saved with a ``.csv`` name is still a workbook, and a workbook protected by a password
is no ``.xlsx`` inside, whatever its name. The bytes decide where they can:

=====================================  ==========================================
first bytes                            read as
=====================================  ==========================================
a zip holding ``xl/workbook.xml``      an ``.xlsx`` workbook, whatever its name
another zip (``.ods``, an archive)     refused, saying what it is
an OLE compound file                   refused: an old ``.xls``, or a workbook
                                       protected by a password
text named ``.xls`` or ``.xlsx``       CSV (tabs, commas or semicolons), or
                                       refused as a web page (HTML, XML)
=====================================  ==========================================

and the name's ending decides the rest (:data:`FORMATS`).
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from geo.registry.limits import unreadable

__all__ = ["CSV", "ENDINGS", "FORMATS", "GEOJSON", "GPKG", "XLSX", "file_format"]

CSV = "csv"
XLSX = "xlsx"
GEOJSON = "geojson"
GPKG = "gpkg"
#: File name endings and the formats they are read as.
FORMATS: Mapping[str, str] = {
    ".csv": CSV,
    ".txt": CSV,
    ".tsv": CSV,
    ".xlsx": XLSX,
    ".geojson": GEOJSON,
    ".json": GEOJSON,
    ".gpkg": GPKG,
}
#: Endings that name a workbook: what such a file holds is looked at before it is read.
_WORKBOOK_ENDINGS = (".xlsx", ".xls", ".ods")
#: Every ending an upload may have: those read, and the workbooks refused with a reason.
ENDINGS = tuple(dict.fromkeys([*FORMATS, *_WORKBOOK_ENDINGS]))

_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_OPENDOCUMENT = b"application/vnd.oasis.opendocument"
#: Bytes of the start that tell text apart from a binary file.
_SAMPLE = 4096
#: Lines of the start looked at for a table's header.
_TITLE_LINES = 6


def file_format(data: bytes, name: str) -> str:
    """The format to read ``data`` as (:data:`CSV`, :data:`XLSX` …).

    Parameters
    ----------
    data
        The file's bytes.
    name
        Its name, whose ending decides when the bytes do not.

    Raises
    ------
    UnreadableFileError
        For a file no format reads: an old or password-protected workbook, an
        OpenDocument spreadsheet, another zip archive, a web page named as a workbook,
        or an unknown ending.
    """
    ending = Path(name).suffix.lower()
    if data.startswith(_OLE):
        unreadable(name, "ole_workbook")
    if data.startswith(_ZIP):
        return _zip_format(data, name, ending)
    if ending in _WORKBOOK_ENDINGS:
        return _named_workbook(data, name, ending)
    if ending not in FORMATS:
        unreadable(name, "file_type", ending)
    return FORMATS[ending]


def _zip_format(data: bytes, name: str, ending: str) -> str:
    """An ``.xlsx`` inside, or the reason a zip cannot be read."""
    if ending == ".ods":
        unreadable(name, "opendocument")
    names: set[str] = set()
    kind = b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    kind = member.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass  # (damaged: an .xlsx's reader says so; any other, by its name)
    if "xl/workbook.xml" in names:
        return XLSX
    if kind.startswith(_OPENDOCUMENT):  # (an .ods, whatever its name says)
        unreadable(name, "opendocument")
    if ending == ".xlsx":
        return XLSX  # (a zip that is no workbook: its reader says so)
    if ending in FORMATS or ending == ".zip":
        unreadable(name, "zip_archive")
    unreadable(name, "file_type", ending)


def _named_workbook(data: bytes, name: str, ending: str) -> str:
    """A file named as a workbook that is none: a table's text is read as CSV, a web
    page refused."""
    start = data[:_SAMPLE]
    if _is_text(start) and _text_start(start).startswith(b"<"):
        unreadable(name, "html_workbook")
    if _is_text(start) and _has_cells(start):
        return CSV
    if ending == ".xlsx":
        return XLSX  # (a damaged workbook: its reader says so)
    unreadable(name, "file_type", ending)


def _text_start(sample: bytes) -> bytes:
    """The sample without a byte order mark and leading white space (in ASCII)."""
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if sample.startswith(bom):
            sample = sample[len(bom) :]
            if bom != codecs.BOM_UTF8:
                sample = sample.replace(b"\x00", b"")
            break
    return sample.lstrip()


def _has_cells(sample: bytes) -> bool:
    """Whether a first line of the text holds a tab, a comma or a semicolon: a table's
    header (under a few lines of title, as a list may have)."""
    lines = _text_start(sample).split(b"\n", _TITLE_LINES)[:_TITLE_LINES]
    return any(sep in line for line in lines for sep in (b"\t", b",", b";"))


def _is_text(sample: bytes) -> bool:
    """Whether the first bytes of a file read as text (UTF-8, CP932, EUC-JP or UTF-16
    with its byte order mark), a character cut at the end allowed."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample or not sample.strip():
        return False
    for encoding in ("utf-8", "cp932", "euc_jp"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False
