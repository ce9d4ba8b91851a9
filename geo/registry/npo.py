"""Reading the national NPO法人 file: the NPO法人 whose main office is in the city.

The Cabinet Office NPO portal publishes every NPO法人 of Japan in one file
(「NPO法人情報の一括ダウンロード（全所轄庁）行政入力情報データ」: ``gyousei_000.zip``
with one CSV inside, CP932, 60 columns, :data:`NPO_HEADERS`). :func:`read_npo` streams
it — the zip member or the CSV is decoded row by row, never held in memory whole — and
keeps the rows whose 主たる事務所の所在地 is in the configured city:

- the address may carry the prefecture or not (``山口県山口市…`` and ``山口市…``), a
  postal code, full- or half-width digits, 丁目/番/号 or hyphens; it must *begin* with
  the city's name (after the prefecture, or a 郡), so 山口県山陽小野田市 is not 山口市,
  and the city's name elsewhere in the row (従たる事務所 …) does not count;
- a dissolved corporation (解散情報 set) is not kept but listed in
  :attr:`NpoReading.dissolved`, so one imported before can be retired;
- each 活動分野１…２０ cell that *applies* gives the law field of its column
  (``npo01`` … ``npo20``); a cell applies when it is not empty and not a negative mark
  (:data:`NEGATIVE_MARKS`, compared after NFKC): ``○``, ``1`` or the field's name all
  apply. A cell that holds the name of a *different* law field gives that field (so a
  file listing the names in order, rather than one column per field, reads right too);
- the address is placed at its 町字 point (:class:`geo.registry.places.Gazetteer`), with
  its match level; an address that cannot be placed is reported (``unplaced``).

Each kept row becomes a registry record (:data:`~geo.registry.columns.RECORD_COLUMNS`:
kind ``civic_group``, legal form ``npo_corp``, the representative in the staff-only
``representative``; ``org_id`` empty, given by the registry) with the columns of a
corporation (:data:`NPO_EXTRA_COLUMNS`): the 法人番号 (the stable key of re-imports),
the name in kana (法人名称カナ), the portal's page and the purpose (定款に記載された目的,
staff only).

Every problem of a row is collected (:attr:`NpoReading.problems`); only a file that cannot
be read, or that is not the portal's layout, raises (:class:`NpoLayoutError` names the
expected columns).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NoReturn

from geo.city import CityConfig
from geo.errors import Problem, shorten
from geo.fields import NPO, FieldCatalog, npo_code
from geo.model import CORPORATE_COLUMNS
from geo.normalise import normalise
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.limits import ZIP_DAMAGE
from geo.registry.npo_layout import (
    COL_ADDRESS,
    COL_AUTHORITY,
    COL_DISSOLVED,
    COL_FIELDS,
    COL_KANA,
    COL_NAME,
    COL_NUMBER,
    COL_PURPOSE,
    COL_REPRESENTATIVE,
    COL_URL,
    NPO_HEADERS,
    CityMatcher,
    NpoLayoutError,
    applies,
    check_header,
    corporate_number,
)
from geo.registry.places import NONE, Placement
from geo.registry.readers import UnreadableFileError, marked_codec
from geo.registry.values import Vocabulary, clean_cell

__all__ = [
    "NPO_EXTRA_COLUMNS",
    "NPO_HEADERS",
    "NPO_STAFF_ONLY",
    "Dissolved",
    "NpoLayoutError",
    "NpoReading",
    "NpoRecord",
    "Placer",
    "npo_name_key",
    "read_npo",
    "row_fields",
]

#: The columns of a corporation the file fills beyond the base record.
NPO_EXTRA_COLUMNS = CORPORATE_COLUMNS
#: Of those, the ones only staff may see.
NPO_STAFF_ONLY = ("purpose",)

LEGAL_FORM = "npo_corp"
KIND = "civic_group"
#: Longest purpose kept (characters).
PURPOSE_MAX = 5000
#: Largest CSV accepted once unpacked (bytes): far above the national file.
MAX_UNZIPPED = 1024 * 1024 * 1024

#: ``address -> placement`` (``Gazetteer.place``); ``None`` when it cannot be placed.
Placer = Callable[[str], Placement | None]

#: Bytes that were not of the file's encoding (kept by ``surrogateescape``).
_MISREAD = re.compile("[\udc80-\udcff]")
_BREAKS = re.compile(r"[\r\n\t]+")
#: Characters a CP932 file decodes to that no one can read: C1 controls and the private
#: use area (外字, or bytes of another encoding).
_UNSHOWN = re.compile("[\u0080-\u009f\ue000-\uf8ff]")


@dataclass(frozen=True)
class NpoRecord:
    """One NPO法人 of the city, as a registry record and the fields beside it.

    Attributes
    ----------
    row
        Its row in the file as a spreadsheet shows it (1: the header).
    record
        The record (:data:`~geo.registry.columns.RECORD_COLUMNS`); ``org_id`` is empty.
    corporate_number
        The 法人番号: the key that finds it again in the next import.
    purpose
        定款に記載された目的 (lines kept; staff only).
    portal_url
        The portal's page of the corporation (法人情報URL), when it is a web address.
    match_level
        How its point was found (:data:`geo.registry.places.MATCH_LEVELS`).
    """

    row: int
    record: Mapping[str, str]
    corporate_number: str
    purpose: str
    portal_url: str
    match_level: str

    def row_dict(self) -> dict[str, str]:
        """The record as one flat row (it holds :data:`NPO_EXTRA_COLUMNS`)."""
        return dict(self.record)


@dataclass(frozen=True)
class Dissolved:
    """A dissolved NPO法人 of the city (not imported; retired if it was imported)."""

    row: int
    corporate_number: str | None
    name: str
    dissolution: str


@dataclass(frozen=True)
class NpoReading:
    """What the national file holds for one city.

    Attributes
    ----------
    source, sha256
        The file's name and the digest of its bytes (for the audit trail).
    as_of
        The day the portal wrote the file (the zip member's date), when known.
    records
        The city's NPO法人 that are placed and valid, in file order.
    unplaced
        The city's NPO法人 whose address could not be placed (each also a problem).
    dissolved
        The city's dissolved NPO法人.
    problems
        Every problem, by row and column.
    total_rows
        Data rows read.
    outside
        Rows skipped because the main office is not in the city.
    listed_numbers
        法人番号 of every NPO法人 of the city that is not dissolved (placed or not,
        valid or not): what a re-import must not retire.
    """

    source: str
    sha256: str
    as_of: dt.date | None
    records: tuple[NpoRecord, ...]
    unplaced: tuple[NpoRecord, ...]
    dissolved: tuple[Dissolved, ...]
    problems: tuple[Problem, ...]
    total_rows: int
    outside: int
    listed_numbers: frozenset[str]

    @property
    def invalid_rows(self) -> list[int]:
        """Numbers of the rows with problems."""
        return sorted({p.row for p in self.problems if p.row is not None})

    @property
    def match_levels(self) -> dict[str, int]:
        """How many records were placed at each match level."""
        levels: dict[str, int] = {}
        for r in (*self.records, *self.unplaced):
            levels[r.match_level] = levels.get(r.match_level, 0) + 1
        return levels

    def summary(self) -> dict[str, int]:
        """Counts: rows read, kept, unplaced, dissolved, outside the city, invalid, no fields.

        ``kept`` counts the placed, valid records; ``invalid`` every row with a problem
        (the unplaced ones included).
        """
        return {
            "rows": self.total_rows,
            "kept": len(self.records),
            "unplaced": len(self.unplaced),
            "dissolved": len(self.dissolved),
            "outside": self.outside,
            "invalid": len(self.invalid_rows),
            "no_fields": sum(1 for r in self.records if not r.record["fields"]),
        }


def _problem(
    source: str, row: int | None, column: str | None, value: str, key: str, **params: object
) -> Problem:
    """A problem of code ``key`` (its words are the catalogue's ``problem.<key>``)."""
    return Problem(source, row, column, value, key, params)


def _refuse(
    source: str, key: str, value: str = "", row: int | None = None, **params: object
) -> NoReturn:
    raise UnreadableFileError([_problem(source, row, None, value, key, **params)])


# --- opening ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Opened:
    """The CSV inside the source: a way to open its bytes, and what is known of it."""

    open: Callable[[], IO[bytes]]
    as_of: dt.date | None


def _zip_member(archive: zipfile.ZipFile, source: str) -> zipfile.ZipInfo:
    members = [i for i in archive.infolist() if not i.is_dir()]
    csvs = [i for i in members if i.filename.lower().endswith((".csv", ".txt"))]
    if not csvs and len(members) == 1:
        csvs = members
    if not csvs:
        _refuse(source, "npo_no_csv")
    if len(csvs) > 1:
        _refuse(source, "npo_several_csv", names=", ".join(i.filename for i in csvs))
    member = csvs[0]
    if member.file_size > MAX_UNZIPPED:
        _refuse(source, "npo_too_large", limit=MAX_UNZIPPED // 1024 // 1024)
    return member


@contextmanager
def _open_source(source: Path | bytes, name: str) -> Iterator[_Opened]:
    """Open the portal's CSV inside a zip (recognised by its bytes) or as it is."""
    if isinstance(source, Path):
        if not source.is_file():
            _refuse(name, "npo_missing")
        path = source

        def opener() -> IO[bytes]:
            return path.open("rb")

    else:
        data = source

        def opener() -> IO[bytes]:
            return io.BytesIO(data)

    with opener() as raw:
        is_zip = raw.read(4) == b"PK\x03\x04"
    if not is_zip:
        yield _Opened(opener, None)
        return
    with opener() as raw:
        try:
            archive = zipfile.ZipFile(raw)
        except zipfile.BadZipFile:
            _refuse(name, "npo_bad_zip")
        with archive:
            member = _zip_member(archive, name)
            year, month, day = member.date_time[:3]
            when = dt.date(year, month, day) if year > 1980 else None

            def open_member() -> IO[bytes]:
                try:
                    return archive.open(member)
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile):
                    _refuse(name, "npo_bad_zip")  # encrypted or unsupported

            yield _Opened(open_member, when)


def _digest(source: Path | bytes) -> str:
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    sha = hashlib.sha256()
    with source.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def _encoding(stream: IO[bytes]) -> str:
    """The codec its first bytes show (:func:`~geo.registry.readers.marked_codec`: a
    byte order mark, or UTF-16), else ``utf-8`` for a UTF-8 header line, else ``cp932``
    (the portal's file is CP932, whose header is never EUC-JP)."""
    head = stream.read(1 << 16)
    marked = marked_codec(head)
    if marked is not None:
        return marked
    line = head.split(b"\n", 1)[0]
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError:
        return "cp932"
    return "utf-8" if not decoded.isascii() else "cp932"


# --- the header ------------------------------------------------------------------------


# --- rows ------------------------------------------------------------------------------


def _law_field_names(catalog: FieldCatalog | None) -> dict[str, str]:
    """Normalised official and short names of the law's fields -> code."""
    names: dict[str, str] = {}
    if catalog is None:
        return names
    for f in catalog.by_kind(NPO):
        for word in (f.name_ja, f.short_ja):
            names.setdefault(normalise(word), f.code)
    return names


def row_fields(cells: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """The law fields of a row's 活動分野１…２０ cells, in the law's order.

    Parameters
    ----------
    cells
        The row's 60 cells.
    names
        Normalised field name -> code: a cell naming a field gives that field.
    """
    found: set[str] = set()
    for n in range(1, 21):
        cell = cells[COL_FIELDS + n - 1]
        if applies(cell):
            found.add(names.get(normalise(cell), npo_code(n)))
    return sorted(found)


def _one_line(value: str) -> str:
    """The cell on one line: line breaks and tabs become spaces; the rest as written."""
    return _BREAKS.sub(" ", value).strip()


def _purpose(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = ["".join(c for c in line if unicodedata.category(c) != "Cc").rstrip() for line in lines]
    return "\n".join(kept).strip()


def _portal_url(value: str) -> str:
    url = value.strip()
    return url if re.fullmatch(r"https?://[^\s\"'<>]+", url) else ""


@dataclass
class _Collect:
    """What the rows add up to while the file is read."""

    source: str
    city: CityMatcher
    city_name: str
    place: Placer | None
    names: Mapping[str, str]
    as_of: dt.date | None
    today: dt.date
    vocab: Vocabulary = field(default_factory=lambda: Vocabulary({}, {}))
    records: list[NpoRecord] = field(default_factory=list)
    unplaced: list[NpoRecord] = field(default_factory=list)
    dissolved: list[Dissolved] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    outside: int = 0
    rows: int = 0

    def report(self, row: int, column: int, value: str, key: str, **params: object) -> None:
        self.problems.append(
            _problem(self.source, row, NPO_HEADERS[column], shorten(value), key, **params)
        )

    def add(self, row: int, cells: Sequence[str]) -> None:
        """Take one data row (at least 60 cells)."""
        self.rows += 1
        if not self.city.contains(cells[COL_ADDRESS], cells[COL_AUTHORITY]):
            self.outside += 1
            return
        if applies(cells[COL_DISSOLVED]):
            self.dissolved.append(
                Dissolved(
                    row,
                    corporate_number(cells[COL_NUMBER]),
                    _one_line(cells[COL_NAME]),
                    _one_line(cells[COL_DISSOLVED]),
                )
            )
            return
        extra = [c for c in cells[len(NPO_HEADERS) :] if c.strip()]
        if extra:
            self.problems.append(
                _problem(self.source, row, None, shorten(extra[0]), "npo_extra_cells")
            )
            return
        number = self._number(row, cells[COL_NUMBER])
        if number is not None:
            if number in self.seen:
                self.report(
                    row, COL_NUMBER, number, "npo_duplicate_number", first=self.seen[number]
                )
                return
            self.seen[number] = row
        self._record(row, cells, number)

    def _number(self, row: int, cell: str) -> str | None:
        if not cell.strip():
            self.report(row, COL_NUMBER, "", "npo_number_missing")
            return None
        number = corporate_number(cell)
        if number is None:
            self.report(row, COL_NUMBER, cell, "npo_number")
        return number

    def _text(self, row: int, column: int, registry_column: str, value: str) -> tuple[str, bool]:
        """One text cell cleaned as the importer cleans it; whether it had no problem."""
        if _UNSHOWN.search(value):
            self.report(row, column, value, "npo_unshown")
            return "", False
        if registry_column == "purpose":
            if len(value) > PURPOSE_MAX:
                self.report(row, column, value, "npo_purpose_too_long", limit=PURPOSE_MAX)
                return "", False
            return value, True
        cleaned, found = clean_cell(registry_column, value, self.vocab, today=self.today)
        self.problems.extend(f.at(self.source, row, NPO_HEADERS[column]) for f in found)
        return cleaned, not found

    def _texts(self, row: int, cells: Sequence[str]) -> tuple[dict[str, str], bool]:
        """Name, kana, address, representative and purpose of a row; whether all are good."""
        values: dict[str, str] = {}
        ok = True
        for registry_column, column, value in (
            ("name", COL_NAME, _one_line(cells[COL_NAME])),
            ("name_kana", COL_KANA, _one_line(cells[COL_KANA])),
            ("address", COL_ADDRESS, _one_line(cells[COL_ADDRESS])),
            ("representative", COL_REPRESENTATIVE, _one_line(cells[COL_REPRESENTATIVE])),
            ("purpose", COL_PURPOSE, _purpose(cells[COL_PURPOSE])),
        ):
            values[registry_column], good = self._text(row, column, registry_column, value)
            ok &= good
        if not values["name"] and ok:
            self.report(row, COL_NAME, "", "npo_name_missing")
            ok = False
        return values, ok

    def _record(self, row: int, cells: Sequence[str], number: str | None) -> None:
        values, ok = self._texts(row, cells)
        ok &= number is not None
        address = values["address"]
        placement = self.place(address) if self.place is not None and address else None
        record = dict.fromkeys(RECORD_COLUMNS, "")
        record.update(
            kind=KIND,
            name=values["name"],
            fields=";".join(row_fields(cells, self.names)),
            legal_form=LEGAL_FORM,
            is_sample="false",
            last_confirmed=self.as_of.isoformat() if self.as_of else "",
            address=address,
            representative=values["representative"],
            corporate_number=number or "",
            name_kana=values["name_kana"],
            portal_url=_portal_url(cells[COL_URL]),
            purpose=values["purpose"],
        )
        if placement is not None:
            record.update(
                area_id=placement.area_id,
                lon=f"{placement.lon:.6f}",
                lat=f"{placement.lat:.6f}",
            )
        level = placement.level if placement is not None else NONE
        found = NpoRecord(row, record, number or "", values["purpose"], record["portal_url"], level)
        if placement is None and self.place is not None:
            self.report(row, COL_ADDRESS, address, "npo_unplaced", city=self.city_name)
            if ok:
                self.unplaced.append(found)
        elif ok:
            self.records.append(found)


def read_npo(
    source: Path | bytes,
    city: CityConfig,
    *,
    place: Placer | None,
    catalog: FieldCatalog | None = None,
    name: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> NpoReading:
    """Read the national NPO法人 file (zip or CSV) and keep the city's NPO法人.

    Parameters
    ----------
    source
        The file (``gyousei_000.zip``, or the CSV inside it), as a path or its bytes.
    city
        The city whose NPO法人 are kept (by the beginning of 主たる事務所の所在地).
    place
        Places an address (``Reference.gazetteer.place``); ``None`` leaves records
        unplaced without reporting it (for counting only).
    catalog
        The field catalogue: a 活動分野 cell naming a law field gives that field.
    name
        The file's name in reports (default: the path's name, or ``upload``).
    as_of
        The day the data is confirmed for (``last_confirmed``); default: the zip
        member's date, else none.
    today
        Dates after this day are refused (default: today).

    Returns
    -------
    The city's records, unplaced and dissolved NPO法人, counts and every problem.

    Raises
    ------
    UnreadableFileError
        When the file cannot be read (missing, broken zip, not CP932, UTF-8 or
        UTF-16, broken CSV).
    NpoLayoutError
        When its header is not the portal's 60 columns.
    """
    label = name or (source.name if isinstance(source, Path) else "upload")
    with _open_source(source, label) as opened:
        try:
            with opened.open() as probe:
                encoding = _encoding(probe)
        except ZIP_DAMAGE:
            _refuse(label, "npo_bad_zip")
        collect = _Collect(
            label,
            CityMatcher.of(city),
            city.name_ja,
            place,
            _law_field_names(catalog),
            _confirmed(as_of or opened.as_of, today or dt.date.today()),
            today or dt.date.today(),
        )
        with opened.open() as stream:
            _read_rows(stream, encoding, collect)
    return NpoReading(
        label,
        _digest(source),
        collect.as_of,
        tuple(collect.records),
        tuple(collect.unplaced),
        tuple(collect.dissolved),
        tuple(collect.problems),
        collect.rows,
        collect.outside,
        frozenset(collect.seen),
    )


def _confirmed(day: dt.date | None, today: dt.date) -> dt.date | None:
    """The confirmation day, never after today (a zip written ahead of the clock)."""
    return min(day, today) if day is not None else None


def _read_rows(stream: IO[bytes], encoding: str, collect: _Collect) -> None:
    """Stream the rows of the CSV into ``collect``, checking the header first.

    Bytes that are not of the encoding are kept as lone surrogates while reading, so
    the first row holding one is named exactly, and the file is refused.
    """
    source = collect.source
    wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    reader = csv.reader(wrapper, strict=True)
    width = len(NPO_HEADERS)
    row = 0
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            _refuse(source, "npo_empty")
        if _MISREAD.search("".join(header)):
            _refuse(source, "npo_encoding")
        check_header(header, source)
        row = 1  # the file's rows as a spreadsheet numbers them: the header is the first
        for row, cells in enumerate(reader, start=2):
            joined = "".join(cells)
            if _MISREAD.search(joined):
                _refuse(source, "npo_encoding", row=row)
            if not joined.strip():
                continue
            if len(cells) < width:  # (cut short: a download that ended early)
                found = {"n": len(cells), "width": width}
                collect.problems.append(_problem(source, row, None, "", "npo_short_row", **found))
                continue
            collect.add(row, cells)
    except csv.Error as exc:
        if str(exc).startswith("field larger than field limit"):
            _refuse(source, "npo_cell_too_long", row=row + 1, limit=csv.field_size_limit())
        _refuse(source, "npo_broken_csv", row=row + 1, detail=shorten(exc))
    except ZIP_DAMAGE:
        _refuse(source, "npo_bad_zip", row=row + 1)
    finally:
        wrapper.detach()


def npo_name_key(name: str) -> str:
    """A name folded for matching an NPO法人 with a group listed without its legal form.

    ``特定非営利活動法人 さくら会``, ``NPO法人さくら会`` and ``さくら会`` give the same key.
    """
    key = normalise(name)
    for form in ("認定特定非営利活動法人", "特定非営利活動法人", "認定npo法人", "npo法人"):
        if key.startswith(form):
            return key[len(form) :]
        if key.endswith(form):
            return key[: -len(form)]
    return key
