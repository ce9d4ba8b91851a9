"""Reading an ``.xlsx`` workbook into rows of text, streamed and within bounds.

Before anything is parsed, every part of the archive is measured against
:mod:`geo.registry.limits`. openpyxl reads the workbook's structure and styles (through
defusedxml); the shared strings and the worksheets are streamed here with expat, one
element at a time and without building a tree, with document type declarations (and so
entities) refused. A sheet's declared dimension is compared with the limits before its
first row is read, and the limits are checked again while streaming, since the
dimension may be missing or wrong: a row or cell beyond them is refused as soon as it is
met, never padded up to.

A workbook must hold one sheet with data (a template's notes sheet aside) and no merged
cells in or under its header (a title above the header may be merged); merged cells are
reported as problems of their rows.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any
from xml.parsers import expat

from geo.errors import Problem, shorten
from geo.registry.columns import is_known_header, match_header
from geo.registry.header import header_index
from geo.registry.limits import (
    MAX_COLUMNS,
    MAX_MERGED,
    MAX_OTHER_PART,
    MAX_OTHER_SHEET_ELEMENTS,
    MAX_ROW_ELEMENTS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_SHEET_ELEMENTS,
    MAX_SHEET_XML,
    MAX_SHEETS,
    MAX_UNZIPPED,
    ZIP_DAMAGE,
    UnreadableFileError,
    too_many_columns,
    too_many_rows,
    unreadable,
)
from geo.words import LANGS, text

#: What reading a damaged workbook raises, besides XML that does not parse: a damaged
#: zip (:data:`~geo.registry.limits.ZIP_DAMAGE`), a method of compression zip readers
#: lack, or parts that do not hold what their names say.
DAMAGED: tuple[type[Exception], ...] = (
    *ZIP_DAMAGE,
    NotImplementedError,
    OSError,
    KeyError,
    ValueError,
    TypeError,
)
#: What reading a workbook's XML raises besides: XML that does not parse (a
#: ``SyntaxError``), cells that point nowhere, or damage.
UNREADABLE: tuple[type[Exception], ...] = (SyntaxError, IndexError, *DAMAGED)

#: Titles of a template's notes sheet (:mod:`geo.registry.templates`): a workbook of one
#: list and this sheet is read as its list alone.
NOTES_SHEETS = frozenset(text("template.sheet.notes", lang) for lang in LANGS)

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _FORMULA = _NS + "row", _NS + "c", _NS + "v", _NS + "f"
_TEXT, _PHONETIC, _STRING = _NS + "t", _NS + "rPh", _NS + "si"
_DATA, _DIMENSION = _NS + "sheetData", _NS + "dimension"
_MERGE, _MERGES = _NS + "mergeCell", _NS + "mergeCells"
#: What may come between the rows and the merged cells of a worksheet; anything else
#: after the rows ends the reading (nothing there is read).
_BEFORE_MERGES = frozenset(
    _NS + tag
    for tag in (
        "sheetCalcPr",
        "sheetProtection",
        "protectedRanges",
        "protectedRange",
        "scenarios",
        "scenario",
        "inputCells",
        "autoFilter",
        "filterColumn",
        "sortState",
        "sortCondition",
        "dataConsolidate",
        "customSheetViews",
        "customSheetView",
        "mergeCells",
        "mergeCell",
    )
)
#: The sheet's last data row number: a header and :data:`MAX_ROWS` rows.
_LAST_ROW = MAX_ROWS + 1
_CHUNK = 64 * 1024


def cell_text(value: Any) -> str:
    """A cell's value as the text staff typed (dates as ``YYYY-MM-DD``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    found = getattr(value, "text", None)  # array formulas
    return str(found if isinstance(found, str) else value)


# --- streaming XML ---------------------------------------------------------------------


class _Stop(Exception):
    """Raised by a handler: everything needed has been read."""


def _refuse_declarations(*_: object) -> None:
    raise expat.ExpatError("document type declarations are not accepted")


def _stream(
    source: IO[bytes],
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    chars: Callable[[str], None],
) -> None:
    """Feed ``source`` to expat with these handlers, until its end or :class:`_Stop`.

    Namespaces are expanded (``{uri}row`` is ``uri}row``), so prefixes do not matter;
    a document type declaration is refused, so no entity can be declared.

    Raises
    ------
    SyntaxError
        When the XML does not parse.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        while chunk := source.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop:
        return
    except expat.ExpatError as exc:
        raise SyntaxError(str(exc)) from None


class _SharedStrings:
    """The workbook's table of shared strings, as openpyxl reads it (plain text of each
    entry, runs joined, phonetic guides left out)."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] | None = None
        self.phonetic = 0
        self.in_entry = False
        self.capture = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _STRING:
            self.in_entry, self.parts = True, []
        elif tag == _PHONETIC:
            self.phonetic += 1
        elif tag == _TEXT and self.in_entry and not self.phonetic:
            self.capture = True

    def end(self, tag: str) -> None:
        if tag == _STRING:
            self.strings.append("".join(self.parts or ()).replace("x005F_", ""))
            self.in_entry, self.parts = False, None
        elif tag == _PHONETIC:
            self.phonetic -= 1
        elif tag == _TEXT:
            self.capture = False

    def chars(self, data: str) -> None:
        if self.capture and self.parts is not None:
            self.parts.append(data)


# --- the archive -----------------------------------------------------------------------


def _part_limit(member: str) -> int:
    if member.startswith("xl/worksheets/") and member.endswith(".xml"):
        return MAX_SHEET_XML
    if member == "xl/sharedStrings.xml":
        return MAX_SHARED_STRINGS
    if member.endswith((".xml", ".rels", ".vml")):
        return MAX_OTHER_PART
    return MAX_UNZIPPED  # pictures and other parts that are never parsed


def check_archive(data: bytes, name: str) -> None:
    """Refuse a file that is not a zip archive, or whose parts unpack too large.

    Raises
    ------
    UnreadableFileError
        Naming the parts over their limit.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        unreadable(name, "not_xlsx")
    total = sum(info.file_size for info in members)
    too_big = [i.filename for i in members if i.file_size > _part_limit(i.filename)]
    if total > MAX_UNZIPPED or too_big:
        unreadable(name, "xlsx_too_large", shorten(", ".join(too_big)))


@dataclass(frozen=True)
class Book:
    """What is needed of a workbook to read its sheets.

    Attributes
    ----------
    archive
        The open zip archive.
    sheets
        ``(title, path of its XML)`` of each worksheet, in order.
    shared_strings, epoch, date_formats, timedelta_formats
        As openpyxl reads them, for the cells' values.
    """

    archive: zipfile.ZipFile
    sheets: tuple[tuple[str, str], ...]
    shared_strings: Any
    epoch: Any
    date_formats: Any
    timedelta_formats: Any


def _read_strings(reader: Any) -> list[str]:
    """The shared strings of the workbook opened by openpyxl's ``reader``."""
    from openpyxl.xml.constants import SHARED_STRINGS

    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    table = _SharedStrings()
    with reader.archive.open(part.PartName[1:]) as source:
        _stream(source, table.start, table.end, table.chars)
    return table.strings


def open_book(data: bytes, name: str) -> Book:
    """The structure of the workbook in ``data`` (its sheets are not read yet).

    Raises
    ------
    UnreadableFileError
        When the file is not a workbook, or a part of it is too large.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions of other programs
            reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            found = list(reader.parser.find_sheets())
            strings = _read_strings(reader)
    except (InvalidFileException, *UNREADABLE) as exc:
        unreadable(name, "xlsx_unreadable", params={"detail": shorten(exc)})
    sheets = tuple(
        (str(sheet.name), str(rel.target))
        for sheet, rel in found
        if rel.target in reader.valid_files and "chartsheet" not in str(rel.Type)
    )
    wb = reader.wb
    return Book(
        reader.archive,
        sheets,
        strings,
        wb.epoch,
        wb._date_formats,
        wb._timedelta_formats,
    )


# --- one sheet -------------------------------------------------------------------------


def check_dimension(title: str, ref: str, name: str) -> None:
    """Refuse a sheet whose declared dimension (``A1:T301``) is beyond the limits."""
    from openpyxl.utils.cell import range_boundaries

    try:
        _, _, columns, rows = range_boundaries(ref.upper())
    except (ValueError, TypeError):
        return  # unreadable: the limits are checked while streaming
    if (rows or 0) > _LAST_ROW or (columns or 0) > MAX_COLUMNS:
        limits = {
            "sheet": title,
            "rows": rows or 0,
            "columns": columns or 0,
            "max_rows": MAX_ROWS,
            "max_columns": MAX_COLUMNS,
        }
        unreadable(name, "sheet_too_large", params=limits)


@dataclass
class SheetRows:
    """The rows of one sheet as text (sheet row 1 first, gaps filled), and its merges.

    Attributes
    ----------
    rows
        Cells as text; ``rows[i]`` is the sheet's row ``i + 1``.
    merged
        Merged ranges as written (``A2:B2``), at most :data:`MAX_MERGED`.
    errors
        The first cell of each row that holds an error value (``#N/A``): its row,
        its column (1: A) and the error.
    hidden
        The rows hidden (by hand or by a filter), by their number.
    """

    rows: list[list[str]] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)


@dataclass
class _Cell:
    """One cell being read: its attributes and the texts of its parts."""

    column: int
    kind: str
    style: int
    value: list[str] | None = None
    formula: list[str] | None = None
    inline: list[str] = field(default_factory=list)


class _SheetReader:
    """The handlers of expat for one worksheet: rows as text, within the limits.

    Cells are read as openpyxl reads them (its ``WorkSheetParser`` with ``data_only``
    off): shared and inline strings, numbers, dates by their style, booleans, and
    formulas as written (``=SUM(A1:A3)``).
    """

    def __init__(self, book: Book, title: str, name: str, *, until_data: bool) -> None:
        self.book = book
        self.title = title
        self.name = name
        self.until_data = until_data
        self.out = SheetRows()
        self.elements = 0  # every element started
        self.others = 0  # elements started outside the rows
        self.in_row = 0  # elements started in the current row
        self.after_rows = False
        self.row: list[tuple[int, str]] = []
        self.row_number = 0
        self.cell: _Cell | None = None
        self.capture: list[str] | None = None
        self.phonetic = 0

    # --- outside the rows

    def _outside(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _ROW:
            number = attrs.get("r", "")
            self.row_number = int(number) if number.isdigit() else self.row_number + 1
            if self.row_number > _LAST_ROW:
                too_many_rows(self.name)
            if attrs.get("hidden") in ("1", "true"):
                self.out.hidden.append(self.row_number)
            self.in_row, self.row = 1, []
            return
        self.others += 1
        if self.others > MAX_OTHER_SHEET_ELEMENTS:
            unreadable(self.name, "xlsx_unreadable", params={"detail": self.title})
        if self.after_rows and tag not in _BEFORE_MERGES:
            raise _Stop
        if tag == _DIMENSION:
            check_dimension(self.title, attrs.get("ref", ""), self.name)
        elif tag == _MERGE and len(self.out.merged) < MAX_MERGED:
            self.out.merged.append(attrs.get("ref", ""))

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """An element starts."""
        self.elements += 1
        if self.elements > MAX_SHEET_ELEMENTS:
            too_many_rows(self.name)
        if not self.in_row:
            self._outside(tag, attrs)
            return
        self.in_row += 1
        if self.in_row > MAX_ROW_ELEMENTS:
            too_many_columns(self.name, self.in_row)
        if tag == _CELL:
            self._cell(attrs)
        elif self.cell is None:
            return
        elif tag == _VALUE:
            self.capture = self.cell.value = []
        elif tag == _FORMULA:
            self.capture = self.cell.formula = []
        elif tag == _PHONETIC:
            self.phonetic += 1
        elif tag == _TEXT and not self.phonetic:
            self.capture = self.cell.inline

    def _cell(self, attrs: dict[str, str]) -> None:
        from openpyxl.utils.cell import column_index_from_string

        ref = attrs.get("r", "")
        last = self.row[-1][0] if self.row else 0
        letters = ref.rstrip("0123456789")
        try:
            column = column_index_from_string(letters) if letters else last + 1
        except ValueError:
            column = last + 1
        if column > MAX_COLUMNS:
            too_many_columns(self.name, column)
        style = attrs.get("s", "0")
        self.cell = _Cell(column, attrs.get("t", "n"), int(style) if style.isdigit() else 0)

    def end(self, tag: str) -> None:
        """An element ends."""
        if not self.in_row:
            if tag == _DATA:
                self.after_rows = True
            elif tag == _MERGES:
                raise _Stop
        elif tag == _ROW:
            self.in_row = 0
            self._end_row()
        elif tag == _CELL:
            if self.cell is not None:
                self.row.append((self.cell.column, cell_text(self._value(self.cell))))
            self.cell, self.capture = None, None
        elif tag == _PHONETIC:
            self.phonetic -= 1
        elif tag in (_VALUE, _FORMULA, _TEXT):
            self.capture = None

    def chars(self, data: str) -> None:
        """Text inside an element."""
        if self.capture is not None:
            self.capture.append(data)

    def _end_row(self) -> None:
        width = max((c for c, _ in self.row), default=0)
        values = [""] * width
        for column, value in self.row:
            values[column - 1] = value
        rows = self.out.rows
        rows.extend([] for _ in range(len(rows) + 1, self.row_number))
        rows.append(values)
        if self.until_data and any(v.strip() for v in values):
            raise _Stop

    def _value(self, cell: _Cell) -> Any:
        """The cell's value, as openpyxl gives it."""
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        if cell.kind == "e":  # #N/A, #REF! …: no value to read, whatever made it
            errors = self.out.errors
            if not errors or errors[-1][0] != self.row_number:  # (the first of a row)
                errors.append((self.row_number, cell.column, "".join(cell.value or ())))
            return None
        if cell.formula is not None and not "".join(cell.value or ()):
            return "=" + "".join(cell.formula)  # (a formula saved without its result)
        if cell.kind == "inlineStr":
            return "".join(cell.inline)
        if cell.value is None:
            return None
        raw = "".join(cell.value)  # (of a formula, the result it was saved with)
        book = self.book
        if cell.kind == "s":
            return book.shared_strings[int(raw)]
        if cell.kind == "b":
            return bool(int(raw))
        if cell.kind == "d":
            return from_ISO8601(raw)
        if cell.kind != "n":
            return raw  # str (a formula's text result)
        number = float(raw) if "." in raw or "e" in raw.lower() else int(raw)
        if cell.style in book.date_formats:
            try:
                return from_excel(
                    number, book.epoch, timedelta=cell.style in book.timedelta_formats
                )
            except (OverflowError, ValueError):
                return "#VALUE!"
        return number


def _read_sheet(book: Book, title: str, path: str, name: str, *, until_data: bool) -> SheetRows:
    reader = _SheetReader(book, title, name, until_data=until_data)
    with book.archive.open(path) as source:
        _stream(source, reader.start, reader.end, reader.chars)
    return reader.out


def _has_data(book: Book, title: str, path: str, name: str) -> bool:
    rows = _read_sheet(book, title, path, name, until_data=True).rows
    return any(v.strip() for r in rows for v in r)


def _merged_problems(
    refs: list[str], name: str, header_row: int
) -> tuple[list[Problem], list[Problem]]:
    """Problems of merged cells: in the header (nothing can be read), and in the rows."""
    from openpyxl.worksheet.cell_range import CellRange

    ranges = []
    for ref in refs:
        try:
            ranges.append(CellRange(ref))
        except (ValueError, TypeError):
            continue
    problems: list[Problem] = []
    header_problems: list[Problem] = []
    free = header_row + 1  # the first row under the header no range has covered yet
    for cells in sorted(ranges, key=lambda r: (r.min_row, r.min_col)):
        if cells.min_row <= header_row <= cells.max_row:
            header_problems.append(Problem(name, None, cells.coord, "", "merged_header"))
            continue
        # every row a range covers has a problem (its empty cells would read as empty),
        # each row once however many ranges cover it
        last = min(cells.max_row, _LAST_ROW)
        for row in range(max(cells.min_row, free), last + 1):
            problems.append(Problem(name, row, cells.coord, "", "merged"))
        free = max(free, last + 1)
    return header_problems, problems


def _is_a_list(rows: list[list[str]]) -> bool:
    """Whether a sheet's header row names the organisations' names' column (団体名)."""
    top = header_index(rows, is_known_header)
    return top is not None and any(match_header(cell) == "name" for cell in rows[top])


#: A sheet (its title and its part's path) and its rows when they were read already.
_Chosen = tuple[tuple[str, str] | None, SheetRows | None]


def _data_sheet(book: Book, name: str) -> tuple[_Chosen, list[Problem], tuple[str, ...]]:
    """The one sheet with data (and its rows, if they were read to choose it), or
    ``None`` and the problem of several; and the titles of the sheets passed over.

    Of several sheets with data, the notes sheet of the app's own template is left out,
    and then the one sheet whose header names the organisations' names (a list beside
    a memo or a summary) is read, the others passed over; several lists are refused.
    """
    sheets = list(book.sheets)
    if len(sheets) > MAX_SHEETS:
        unreadable(name, "too_many_sheets", params={"n": len(sheets), "limit": MAX_SHEETS})
    if len(sheets) == 1:
        return (sheets[0], None), [], ()
    with_data = [s for s in sheets if _has_data(book, *s, name)]
    if len(with_data) > 1:
        with_data = [s for s in with_data if s[0] not in NOTES_SHEETS]
    if len(with_data) > 1:
        read = {s: _read_sheet(book, *s, name, until_data=False) for s in with_data}
        lists = [s for s in with_data if _is_a_list(read[s].rows)]
        if len(lists) == 1:
            passed_over = tuple(s[0] for s in with_data if s != lists[0])
            return (lists[0], read[lists[0]]), [], passed_over
        titles = ", ".join(title for title, _ in with_data)
        return (None, None), [Problem(name, None, None, shorten(titles), "sheets")], ()
    return ((with_data[0] if with_data else None), None), [], ()


@dataclass(frozen=True)
class WorkbookRows:
    """What :func:`read_workbook` read of a workbook.

    Attributes
    ----------
    rows
        The header row and the rows under it as text (empty when nothing can be read).
    problems
        The problems of the layout (several lists, merged cells).
    top
        The index of the header among the sheet's rows (0: its first row; the rows
        above are a title).
    sheet
        The title of the sheet read.
    passed_over
        The titles of the other sheets with data, passed over (a memo, a summary).
    hidden
        The rows under the header that the sheet hides, by their number.
    """

    rows: list[list[str]]
    problems: list[Problem]
    top: int = 0
    sheet: str = ""
    passed_over: tuple[str, ...] = ()
    hidden: tuple[int, ...] = ()


def read_workbook(data: bytes, name: str) -> WorkbookRows:
    """The rows of a workbook's one sheet with data, from its header row on.

    Returns
    -------
    The rows, the problems of the layout, the header's place, and the sheets read and
    passed over (:class:`WorkbookRows`).

    Raises
    ------
    UnreadableFileError
        When the file is not a workbook, or is beyond a limit of
        :mod:`geo.registry.limits`.
    """
    book = open_book(data, name)
    try:
        (sheet, read_already), problems, passed_over = _data_sheet(book, name)
        if sheet is None:
            return WorkbookRows([], problems)
        read = read_already or _read_sheet(book, *sheet, name, until_data=False)
    except UnreadableFileError:
        raise
    except UNREADABLE as exc:
        # a worksheet's XML that does not parse, cells that point nowhere, or a part
        # found damaged only as it is read (its data, its checksum, its end)
        unreadable(name, "xlsx_unreadable", params={"detail": shorten(exc)})
    finally:
        book.archive.close()
    top = header_index(read.rows, is_known_header)
    if top is None:
        return WorkbookRows([], [])
    header_problems, merged = _merged_problems(read.merged, name, top + 1)
    if header_problems:
        return WorkbookRows([], header_problems, top)
    problems = merged + _error_problems(read, name, top)
    hidden = tuple(n for n in read.hidden if n > top + 1)
    return WorkbookRows(read.rows[top:], problems, top, sheet[0], passed_over, hidden)


def _error_problems(read: SheetRows, name: str, top: int) -> list[Problem]:
    """The cells under the header that hold an error (``#N/A``, ``#REF!`` …), by row
    and header: read as empty, they would store nothing where the list meant something."""
    header = read.rows[top]
    problems = []
    for row, column, value in read.errors:
        if row > top + 1:
            label = header[column - 1] if column <= len(header) else ""
            problems.append(Problem(name, row, label or None, shorten(value), "excel_error"))
    return problems


__all__ = [
    "NOTES_SHEETS",
    "Book",
    "SheetRows",
    "WorkbookRows",
    "cell_text",
    "check_archive",
    "check_dimension",
    "open_book",
    "read_workbook",
]
