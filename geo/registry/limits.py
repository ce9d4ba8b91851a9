"""What an import file may be, and the error of a file that cannot be read at all.

Every limit is checked before the work it bounds: the file's size before it is read, a
workbook's unpacked parts before they are parsed, a sheet's declared dimension before
its cells are read — and again while streaming, since the declared dimension may be
missing or wrong. A file over a limit is refused with a message naming the limit, so
that no file, however made, can hold the server for long or fill its memory.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Mapping
from typing import NoReturn

from geo.errors import DataValidationError, Problem

#: Largest file accepted (bytes); anything bigger is refused before it is read.
MAX_BYTES = 20 * 1024 * 1024
#: Most data rows (under the header) of one file.
MAX_ROWS = 20_000
#: Most columns of one file.
MAX_COLUMNS = 100
#: Largest unpacked size of an .xlsx workbook (bytes).
MAX_UNZIPPED = 160 * 1024 * 1024
#: Largest unpacked worksheet (bytes): 20,000 rows of 30 cells of text fit comfortably.
MAX_SHEET_XML = 64 * 1024 * 1024
#: Most XML elements of one worksheet: every cell of :data:`MAX_ROWS` rows of
#: :data:`MAX_COLUMNS` columns, each of up to three elements.
MAX_SHEET_ELEMENTS = (MAX_ROWS + 1) * (1 + 3 * MAX_COLUMNS)
#: Most XML elements of one worksheet outside its rows (views, column widths, merges …).
MAX_OTHER_SHEET_ELEMENTS = 50_000
#: Largest unpacked table of a workbook's shared strings (bytes).
MAX_SHARED_STRINGS = 32 * 1024 * 1024
#: Largest unpacked part of any other kind (styles, workbook, relationships …).
MAX_OTHER_PART = 2 * 1024 * 1024
#: Most XML elements inside one worksheet row (cells, values, runs of text).
MAX_ROW_ELEMENTS = 20 * MAX_COLUMNS
#: Most merged ranges, and most sheets, read from one workbook.
MAX_MERGED = 10_000
MAX_SHEETS = 50
#: Most JSON objects (``{``) and values (``,``) of a GeoJSON file: enough for
#: :data:`MAX_ROWS` features of :data:`MAX_COLUMNS` properties, counted before parsing.
MAX_JSON_OBJECTS = 4 * MAX_ROWS + 64
MAX_JSON_VALUES = MAX_ROWS * (MAX_COLUMNS + 16)


class UnreadableFileError(DataValidationError):
    """The file itself cannot be read: too large, unknown format, wrong encoding, broken.

    The command line exits with 2 for these, and with 1 for problems of the content.
    """


#: What reading a damaged zip archive (a workbook, the national NPO file) raises: its
#: directory, compressed data, checksum or end broken, found as a member is streamed,
#: not only when the archive is opened.
ZIP_DAMAGE: tuple[type[Exception], ...] = (zipfile.BadZipFile, zlib.error, EOFError)


def unreadable(
    name: str,
    code: str,
    value: str = "",
    row: int | None = None,
    params: Mapping[str, object] | None = None,
) -> NoReturn:
    """Refuse the file ``name`` with one problem of the whole file (or of one row).

    Raises
    ------
    UnreadableFileError
        Always.
    """
    raise UnreadableFileError([Problem(name, row, None, value, code, params or {})])


def too_many_rows(name: str, row: int | None = None) -> NoReturn:
    """Refuse a file with more than :data:`MAX_ROWS` data rows."""
    unreadable(name, "too_many_rows", "", row, {"limit": MAX_ROWS})


def too_many_columns(name: str, columns: int, row: int | None = None) -> NoReturn:
    """Refuse a file with more than :data:`MAX_COLUMNS` columns."""
    unreadable(name, "too_many_columns", "", row, {"n": columns, "limit": MAX_COLUMNS})


__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_JSON_OBJECTS",
    "MAX_JSON_VALUES",
    "MAX_MERGED",
    "MAX_OTHER_PART",
    "MAX_OTHER_SHEET_ELEMENTS",
    "MAX_ROWS",
    "MAX_ROW_ELEMENTS",
    "MAX_SHARED_STRINGS",
    "MAX_SHEETS",
    "MAX_SHEET_ELEMENTS",
    "MAX_SHEET_XML",
    "MAX_UNZIPPED",
    "ZIP_DAMAGE",
    "UnreadableFileError",
    "too_many_columns",
    "too_many_rows",
    "unreadable",
]
