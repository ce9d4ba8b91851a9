"""Reading import files into text cells, strictly and within bounds.

A CSV is UTF-8 (with or without BOM), CP932, EUC-JP or UTF-16 (as Excel's 「Unicode
テキスト」), decoded strictly: a file that is none of them is refused, naming the first
row that is not, and never read wrongly; its cells are separated by commas, tabs or
semicolons. A few lines of title above the header are passed over
(:mod:`geo.registry.header`). An ``.xlsx`` workbook must hold one sheet with data (a
template's notes sheet aside) and no merged cells (:mod:`geo.registry.xlsx` streams it).
A GeoJSON FeatureCollection or a one-layer GeoPackage gives each row its point.

Every file is bounded before it is read (:mod:`geo.registry.limits`): at most
:data:`MAX_BYTES`, :data:`MAX_ROWS` rows under the header and :data:`MAX_COLUMNS`
columns; a file beyond a limit is refused with a message naming it.
"""

from __future__ import annotations

import codecs
import collections
import csv
import dataclasses
import functools
import hashlib
import io
import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import geopandas as gpd
import pandas as pd
import pyproj

from geo.crs import WGS84, to_wgs84
from geo.errors import Problem, shorten
from geo.normalise import normalise
from geo.registry.columns import IGNORE, is_known_header, match_header
from geo.registry.header import LINE_BREAK, declared, delimiter, header_index
from geo.registry.limits import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_JSON_OBJECTS,
    MAX_JSON_VALUES,
    MAX_ROWS,
    UnreadableFileError,
    too_many_columns,
    too_many_rows,
    unreadable,
)
from geo.registry.sniff import CSV, FORMATS, GEOJSON, GPKG, XLSX, file_format
from geo.registry.xlsx import NOTES_SHEETS, read_workbook
from geo.registry.xlsx import cell_text as _cell_text


@dataclass(frozen=True)
class SourceTable:
    """A file read into text cells, before any meaning is given to them.

    Attributes
    ----------
    name
        File name, for the reports.
    sha256
        Digest of the file's bytes, for the audit trail.
    headers
        Header cells as written.
    rows
        Data rows, each as long as ``headers``.
    row_numbers
        Number of each row in reports: its row in the file as a spreadsheet shows it
        (1: the file's first row, so the header's row plus one for the first row under
        it); a GeoJSON's or GeoPackage's feature number (1: its first).
    points
        ``(lon, lat)`` per row from the geometry of a GeoJSON or GeoPackage, else ``None``.
    problems
        Problems of the layout found while reading (merged cells, several sheets …).
    header_row
        The header's row in the file (1: its first); the rows above it, a title, were
        passed over (:mod:`geo.registry.header`).
    sheet, sheets_passed_over
        Of a workbook whose other sheets with data (a memo, a summary) were passed over:
        the sheet read, and those others' titles (else empty).
    sum_rows
        The rows of sums passed over (a 合計 or 小計 row under a list,
        :func:`is_sum_row`), by their number.
    hidden_rows
        The rows read that a workbook hides (by hand or by a filter), by their number.
    """

    name: str
    sha256: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    points: tuple[tuple[float, float] | None, ...] | None = None
    problems: tuple[Problem, ...] = ()
    header_row: int = 1
    sheet: str = ""
    sheets_passed_over: tuple[str, ...] = ()
    sum_rows: tuple[int, ...] = ()
    hidden_rows: tuple[int, ...] = ()


# --- reading ---------------------------------------------------------------------------


def read_path(path: Path) -> SourceTable:
    """Read an import file from disk (its size is checked before reading).

    Raises
    ------
    UnreadableFileError
        When the file is missing, too large, of an unknown format or cannot be decoded.
    """
    if not path.is_file():
        unreadable(path.name, "file_not_found")
    size = path.stat().st_size
    if size > MAX_BYTES:
        _too_large(path.name, size)
    return read_bytes(path.read_bytes(), path.name)


def _too_large(name: str, size: int) -> NoReturn:
    limits = {"size_mb": size / 1024 / 1024, "limit_mb": MAX_BYTES // 1024 // 1024}
    unreadable(name, "too_large", params=limits)


def read_bytes(data: bytes, filename: str) -> SourceTable:
    """Read an uploaded import file.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        Its name; the ending says the format (:data:`FORMATS`) where the bytes do not
        (:func:`geo.registry.sniff.file_format`).

    Raises
    ------
    UnreadableFileError
        When the file is too large, of an unknown format or cannot be decoded or parsed.
    """
    name = Path(filename).name or "upload"
    if len(data) > MAX_BYTES:
        _too_large(name, len(data))
    fmt = file_format(data, name)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == CSV:
        return _read_csv(data, name, sha)
    if fmt == XLSX:
        return _read_xlsx(data, name, sha)
    if fmt == GEOJSON:
        return _read_geojson(data, name, sha)
    return _read_gpkg(data, name, sha)


def _bad_bytes(data: bytes, pos: int) -> str:
    """The bytes around ``pos`` as a hex dump (``EF BB BF 92 63``), as tools show them."""
    return data[max(0, pos - 4) : pos + 4].hex(" ").upper()


#: What ends a line of a CSV's text.
_LINE_BREAKS = re.compile(LINE_BREAK)


def _row_after(before: str) -> int:
    """The row of the text that follows ``before`` (the file's text up to there), as a
    spreadsheet numbers it: 1 for the first line, and a first line ``sep=`` is no row
    (:func:`geo.registry.header.declared`)."""
    row = len(_LINE_BREAKS.findall(before)) + 1
    return row - 1 if row > 1 and declared(before, SEPARATORS) is not None else row


def _line_row(data: bytes, pos: int) -> int:
    """The row (:func:`_row_after`) that holds byte ``pos`` of a UTF-8, CP932 or EUC-JP
    file.

    Read byte for byte (Latin-1): none of these encodings has a line break byte inside a
    character, so the lines fall where the decoded text's would."""
    return _row_after(data[:pos].removeprefix(codecs.BOM_UTF8).decode("latin-1"))


#: Characters that do not appear in Japanese text but do in CP932 read of other bytes.
def _looks_misdecoded(text: str) -> bool:
    return any(0x80 <= ord(c) <= 0x9F or 0xE000 <= ord(c) <= 0xF8FF for c in text)


def marked_codec(head: bytes) -> str | None:
    """The Unicode codec a text's first bytes show, ``None`` when they show none.

    ``utf-8-sig`` after a UTF-8 byte order mark; for UTF-16, ``utf-16`` after its byte
    order mark (as Excel's 「Unicode テキスト」 writes it), or, without one,
    ``utf-16-le`` or ``utf-16-be`` by where the zero bytes of its Latin characters,
    digits, commas and line breaks fall: nearly all on one side of its pairs of bytes
    (a list mostly in Japanese has fewer of them than one in Latin letters, but they
    still fall so, one in a hundred bytes in a list of long Japanese cells; a UTF-8 or
    CP932 text has none, or a stray few). The whole file's
    reader (:func:`decode_text`) and the NPO file's, which reads it row by row, both
    start from it.

    Parameters
    ----------
    head
        The text's first bytes (4 KiB are enough).
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = head[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if len(head) < 4 or odd + even < 2 or (odd + even) * 256 < len(head):
        return None
    if max(odd, even) * 10 < (odd + even) * 9:
        return None
    return "utf-16-le" if odd >= even else "utf-16-be"


def _decode_utf16(data: bytes, codec: str, name: str) -> str:
    """``data`` decoded strictly as UTF-16 (its byte order mark left out)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        row = _row_after(data[: exc.start].decode(codec, errors="ignore"))
        unreadable(name, "utf16", _bad_bytes(data, exc.start), row)


def decode_text(data: bytes, name: str) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), CP932, EUC-JP or UTF-16, decoded strictly.

    Raises
    ------
    UnreadableFileError
        Naming the first row that is neither, so the file is never read wrongly.
    """
    codec = marked_codec(data)
    if codec is not None and codec.startswith("utf-16"):
        return _decode_utf16(data, codec, name)
    if codec == "utf-8-sig":
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            pos = exc.start + len(codecs.BOM_UTF8)
            unreadable(name, "bad_utf8", _bad_bytes(data, pos), _line_row(data, pos))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        text = _japanese_legacy_text(data)
        if text is not None:
            return text
        pos, gaiji = _furthest_read(data, utf8_error.start)
        if gaiji:
            unreadable(name, "gaiji", _bad_bytes(data, pos), _line_row(data, pos))
        unreadable(name, "encoding", _bad_bytes(data, pos), _line_row(data, pos))


def _furthest_read(data: bytes, utf8_stop: int) -> tuple[int, bool]:
    """Where the Japanese encoding that reads furthest into ``data`` stops, and whether
    at a 外字 (a private-use character): the row to name is there (a CP932 list whose
    third row holds a byte CP932 has not, or a 外字, or whose later rows were added in
    UTF-8), not at the first byte UTF-8 cannot read. An encoding counts only when what
    it read before looks Japanese (kana, and few of the rarer kanji)."""
    pos, gaiji = utf8_stop, False
    for codec in ("cp932", "euc_jp"):
        odd = None
        try:
            text, stop = data.decode(codec), len(data)
        except UnicodeDecodeError as exc:
            text, stop = data[: exc.start].decode(codec, "ignore"), exc.start
        found = next((i for i, c in enumerate(text) if _looks_misdecoded(c)), None)
        if found is not None:
            text, stop, odd = text[:found], len(text[:found].encode(codec)), text[found]
        lines = text[: text.rfind("\n") + 1]  # (the lines read whole: the last may be garbled)
        if stop > pos and _KANA.search(lines) and not _rare_kanji(lines):
            pos, gaiji = stop, odd is not None and 0xE000 <= ord(odd) <= 0xF8FF
    return pos, gaiji


#: Kana: Japanese text written with them (nearly every list has some) read as EUC-JP has
#: them too; other bytes read as EUC-JP seldom do.
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc]")
#: Half-width katakana: what EUC-JP bytes mostly turn into when read as CP932.
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]")


def _strict(data: bytes, codec: str) -> str | None:
    """``data`` decoded strictly as ``codec``, or ``None`` when it is not, or reads as
    characters no Japanese text holds (:func:`_looks_misdecoded`)."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_misdecoded(text) else text


def _japanese_legacy_text(data: bytes) -> str | None:
    """Text of a CSV that is not UTF-8: Shift_JIS (CP932) as Windows writes it, or EUC-JP
    as older Unix systems do; ``None`` when it is neither.

    CP932 is read first, and kept unless it cannot be read or reads with half-width
    katakana: EUC-JP's two-byte characters read as CP932 are mostly pairs of them. Then
    the EUC-JP reading is taken when it holds full-width kana (so bytes of another
    language are not read as Japanese), fewer half-width katakana than the CP932 one,
    and few of the rarer kanji (:func:`_rare_kanji`).
    A CP932 list with any full-width kana is never EUC-JP: their first byte is not."""
    cp932 = _strict(data, "cp932")
    if cp932 is not None and not _HALF_WIDTH_KANA.search(cp932):
        return cp932
    euc = _strict(data, "euc_jp")
    if euc is None or not _KANA.search(euc):
        return cp932
    if cp932 is None:
        return euc
    fewer = len(_HALF_WIDTH_KANA.findall(euc)) < len(_HALF_WIDTH_KANA.findall(cp932))
    return euc if fewer and not _rare_kanji(euc) else cp932


#: Kanji (CJK unified ideographs) and the share of the rarer ones (JIS X 0208's second
#: level) above which a text is not Japanese as written.
_KANJI = re.compile("[\u4e00-\u9fff]")
_RARE_SHARE = 0.1
#: Characters of a text looked at to decide (its beginning).
_SAMPLE_CHARS = 200_000


def _rare_kanji(text: str) -> bool:
    """Whether ``text`` (read as EUC-JP) has too many of the rarer kanji to be Japanese as
    written: half-width katakana (a CP932 list's ｸﾞﾙｰﾌﾟ) read as EUC-JP turn into kanji,
    a third of them of the second level, which lists and addresses nearly never use."""
    kanji = _KANJI.findall(text[:_SAMPLE_CHARS])
    rare = sum(1 for c in kanji if c.encode("euc_jp", "replace")[0] >= 0xD0)
    return bool(kanji) and rare > _RARE_SHARE * len(kanji)


def _table(
    name: str,
    sha: str,
    raw_rows: Sequence[Sequence[str]],
    *,
    first_row: int = 1,
    points: Sequence[tuple[float, float] | None] | None = None,
    problems: Sequence[Problem] = (),
    header_row: int = 1,
) -> SourceTable:
    """Header and rows from a list of cell rows: trailing empty columns and empty rows go
    (a row numbered in an ignored column, No. or 連番, and empty besides is empty);
    ``header_row`` is the header's row in the file."""
    found = list(problems)
    if not raw_rows:
        return SourceTable(name, sha, (), (), (), None, (*found,))
    header = [c.strip() for c in raw_rows[0]]
    body = [list(r) for r in raw_rows[1:]]
    width = len(header)
    while (
        width
        and not header[width - 1]
        and not any(len(r) >= width and r[width - 1].strip() for r in body)
    ):
        width -= 1
    header = header[:width]
    for i, h in enumerate(header):
        if not h:
            found.append(Problem(name, None, None, "", "no_header", {"position": i + 1}))
    read = [i for i, h in enumerate(header) if match_header(h) != IGNORE]
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    kept_points: list[tuple[float, float] | None] = []
    sums: list[int] = []
    for n, cells in enumerate(body, start=first_row):
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            found.append(Problem(name, n, None, shorten(extra[0]), "extra_cells"))
        cells = [*cells[:width], *([""] * (width - len(cells)))]
        point = points[n - first_row] if points is not None else None
        if point is None and is_sum_row(cells):
            sums.append(n)
            continue
        if not any(cells[i].strip() for i in read) and point is None:
            continue
        rows.append(tuple(cells))
        numbers.append(n)
        kept_points.append(point)
    return SourceTable(
        name,
        sha,
        tuple(header),
        tuple(rows),
        tuple(numbers),
        tuple(kept_points) if points is not None else None,
        tuple(found),
        header_row,
        sum_rows=tuple(sums),
    )


#: The words a row of sums begins with, folded (:func:`~geo.normalise.normalise`).
SUM_WORDS = frozenset(
    {"合計", "小計", "総計", "計", "総数", "合計数", "total", "subtotal", "grandtotal", "sum"}
)
#: Longest cell read as the word of a row of sums (``合　計``, `` Grand Total ``).
_SUM_WORD_LENGTH = 20
#: A cell of a row of sums after its word, folded: a figure, with its unit if any, or
#: the formula that sums (``=SUM(D3:D40)``, saved without its figure by some programs).
_SUM_FIGURE = re.compile(r"[\d,.%]*(?:世帯|戸|件|団体|人|名)?|=.*")


def is_sum_row(cells: Sequence[str]) -> bool:
    """Whether a row is a list's 合計 (小計, 総計, Total …): its first cell with text
    says so, and every other cell with text is a figure or a formula. A row of sums is
    not an organisation, in whichever column its word is written (No., 団体名)."""
    filled = [c for c in cells if c.strip()]
    if not filled or len(filled[0]) > _SUM_WORD_LENGTH or normalise(filled[0]) not in SUM_WORDS:
        return False
    return all(_SUM_FIGURE.fullmatch(normalise(c)) for c in filled[1:])


#: Separators a CSV's cells may have (a comma, a tab, a semicolon), the first winning
#: a tie.
SEPARATORS = (",", "\t", ";")


def _csv_rows(text: str, name: str) -> Iterator[list[str]]:
    """The rows of a CSV (or tab-separated) text, within :data:`MAX_ROWS` and
    :data:`MAX_COLUMNS`; a first line ``sep=`` names the separator and is no row."""
    named = declared(text, SEPARATORS)
    if named:
        separator, text = named
    else:
        separator = delimiter(text, SEPARATORS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    count = 0
    try:
        for row in reader:
            count += 1
            if count > MAX_ROWS + 1:
                too_many_rows(name)
            if len(row) > MAX_COLUMNS and any(c.strip() for c in row[MAX_COLUMNS:]):
                too_many_columns(name, len(row), count)
            yield row[:MAX_COLUMNS]
    except csv.Error as exc:
        _refuse_csv(exc, name, count + 1)


#: The csv module's words for a quote inside a quoted cell that is not doubled.
_QUOTE_INSIDE = re.compile(r"'.+' expected after '\"'")


def _refuse_csv(exc: csv.Error, name: str, row: int) -> NoReturn:
    """Refuse a CSV the csv module cannot split at ``row``, saying what to mend in the
    file (the module's own words only for a case not named here)."""
    detail = str(exc)
    if detail == "unexpected end of data":
        unreadable(name, "csv_open_quote", "", row)
    if detail.startswith("field larger than field limit"):
        unreadable(name, "csv_cell_too_long", "", row, {"limit": csv.field_size_limit()})
    if _QUOTE_INSIDE.fullmatch(detail):
        unreadable(name, "csv_quote_inside", "", row)
    unreadable(name, "csv_invalid", "", row, {"detail": detail})


def _read_csv(data: bytes, name: str, sha: str) -> SourceTable:
    text = decode_text(data, name)
    if not text.strip():
        return _table(name, sha, [])
    rows = list(_csv_rows(text, name))
    top = header_index(rows, is_known_header) or 0
    return _table(name, sha, rows[top:], first_row=top + 2, header_row=top + 1)


def _read_xlsx(data: bytes, name: str, sha: str) -> SourceTable:
    book = read_workbook(data, name)
    top = book.top
    table = _table(
        name, sha, book.rows, first_row=top + 2, problems=book.problems, header_row=top + 1
    )
    kept = set(table.row_numbers)
    hidden = tuple(n for n in book.hidden if n in kept)
    if book.passed_over:
        table = dataclasses.replace(table, sheet=book.sheet, sheets_passed_over=book.passed_over)
    return dataclasses.replace(table, hidden_rows=hidden) if hidden else table


def _property_text(value: Any) -> str | None:
    if isinstance(value, dict):
        return None
    if isinstance(value, list):
        return ";".join(_cell_text(v) for v in value)
    return _cell_text(value)


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once (JSON keeps
    only the last value of a repeated key: a value the file holds would be lost)."""

    repeated: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    found = _JsonObject(pairs)
    if len(found) < len(pairs):
        counts = collections.Counter(key for key, _ in pairs)
        found.repeated = tuple(key for key, count in counts.items() if count > 1)
    return found


def _once(member: Any, name: str, row: int | None, problems: list[Problem] | None = None) -> None:
    """Refuse the members of a GeoJSON object given more than once (``type``,
    ``features``, ``geometry``, ``coordinates`` …: JSON keeps only the last, so the file
    would say two things and be read as one): the file (``row`` ``None``), or the
    feature's row, when ``problems`` collects them."""
    repeated = getattr(member, "repeated", ())
    if not repeated:
        return
    keys = {"members": shorten(", ".join(repeated))}
    if problems is None:
        unreadable(name, "repeated_member", row=row, params=keys)
    problems.append(Problem(name, row, None, "", "repeated_member", keys))


def _geojson_features(data: bytes, name: str) -> tuple[Any, list[Any]] | None:
    """The ``crs`` member and the features of a GeoJSON FeatureCollection (``None`` for an
    empty file), the features counted before the file is parsed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) and exc.reason == "unexpected end of data":
            unreadable(name, "json_cut")
        unreadable(name, "geojson_not_utf8", _bad_bytes(data, exc.start))
    if not text.strip():
        return None
    if data.count(b"{") > MAX_JSON_OBJECTS or data.count(b",") > MAX_JSON_VALUES:
        too_many_rows(name)
    try:
        doc = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno}
        unreadable(name, "json_invalid", params=where)
    except RecursionError:
        unreadable(name, "json_too_deep")
    except ValueError:  # a number of more digits than Python converts
        unreadable(name, "json_number_too_long")
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        unreadable(name, "not_feature_collection")
    _once(doc, name, None)
    _once(doc.get("crs"), name, None)
    features = doc.get("features")
    if not isinstance(features, list):
        unreadable(name, "no_features")
    if len(features) > MAX_ROWS:
        too_many_rows(name)
    return doc.get("crs"), features


@functools.cache
def _lon_lat() -> tuple[pyproj.CRS, ...]:
    """Longitude and latitude on WGS84 as GeoJSON's own coordinates are (OGC CRS84), and
    as EPSG:4326 names them (made once, when a file first names a system)."""
    return pyproj.CRS.from_user_input("OGC:CRS84"), pyproj.CRS.from_user_input(WGS84)


def _geojson_crs(crs: Any, name: str) -> str | None:
    """The coordinate reference system a GeoJSON's ``crs`` member names (``None``:
    longitude/latitude, as without one), or a refusal when it names none that can be
    read: never a guess. (The member of the 2008 GeoJSON format, which RFC 7946 left
    out: ``{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6668"}}``; a
    plain name is read too.)"""
    if crs is None:
        return None
    props = crs.get("properties") if isinstance(crs, dict) else None
    named = props.get("name") if isinstance(props, dict) else crs
    if not isinstance(named, str) or not named.strip():
        unreadable(name, "crs_unknown", shorten(json.dumps(crs, ensure_ascii=False)))
    try:
        parsed = pyproj.CRS.from_user_input(named.strip())
    except pyproj.exceptions.CRSError:
        unreadable(name, "crs_unknown", shorten(named))
    if any(parsed.equals(known) for known in _lon_lat()):
        return None
    return named.strip()


def _points_in_wgs84(
    points: list[tuple[float, float] | None], crs: str | None
) -> list[tuple[float, float] | None]:
    """``points`` (x, y in ``crs``) as longitude/latitude in WGS84."""
    if crs is None or not any(points):
        return points
    given = [(i, p) for i, p in enumerate(points) if p is not None]
    xs, ys = [p[0] for _, p in given], [p[1] for _, p in given]
    converted = to_wgs84(gpd.GeoSeries(gpd.points_from_xy(xs, ys), crs=crs))
    moved = list(points)
    for (i, _), point in zip(given, converted, strict=True):
        moved[i] = (float(point.x), float(point.y))
    return moved


def _read_geojson(data: bytes, name: str, sha: str) -> SourceTable:
    found = _geojson_features(data, name)
    if found is None:
        return _table(name, sha, [])
    crs, features = _geojson_crs(found[0], name), found[1]
    headers: dict[str, None] = {}
    props: list[dict[str, str]] = []
    points: list[tuple[float, float] | None] = []
    problems: list[Problem] = []
    for n, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            problems.append(Problem(name, n, None, "", "not_feature"))
            props.append({})
            points.append(None)
            continue
        cells: dict[str, str] = {}
        _once(feature, name, n, problems)
        _once(feature.get("geometry"), name, n, problems)
        properties = feature.get("properties")
        for key in getattr(properties, "repeated", ()):
            problems.append(Problem(name, n, key, "", "repeated_property"))
        for key, value in (properties if isinstance(properties, dict) else {}).items():
            headers.setdefault(str(key), None)
            text_value = _property_text(value)
            if text_value is None:
                problems.append(Problem(name, n, str(key), "", "nested"))
                text_value = ""
            cells[str(key)] = text_value
        props.append(cells)
        points.append(_point(feature.get("geometry"), name, n, problems))
    if len(headers) > MAX_COLUMNS:
        too_many_columns(name, len(headers))
    rows = [list(headers)] + [[p.get(h, "") for h in headers] for p in props]
    return _table(name, sha, rows, points=_points_in_wgs84(points, crs), problems=problems)


def _point(
    geometry: Any, name: str, row: int, problems: list[Problem]
) -> tuple[float, float] | None:
    if geometry is None:
        return None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
        problems.append(Problem(name, row, "geometry", shorten(str(kind)), "points_only"))
        return None
    coords = geometry.get("coordinates")
    if (
        not isinstance(coords, list)
        or len(coords) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords[:2])
    ):
        shown = shorten(json.dumps(coords, ensure_ascii=False))
        problems.append(Problem(name, row, "geometry", shown, "point_coordinates"))
        return None
    return float(coords[0]), float(coords[1])


def _read_gpkg(data: bytes, name: str, sha: str) -> SourceTable:
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.gpkg"
        path.write_bytes(data)
        try:
            layers = pyogrio.list_layers(path)
            if len(layers) != 1:
                names = ", ".join(str(layer[0]) for layer in layers)
                problem = Problem(name, None, None, shorten(names), "gpkg_layers")
                return _table(name, sha, [], problems=[problem])
            info = pyogrio.read_info(path)
            if int(info.get("features") or 0) > MAX_ROWS:
                too_many_rows(name)
            if len(info.get("fields", ())) > MAX_COLUMNS:
                too_many_columns(name, len(info["fields"]))
            frame = pyogrio.read_dataframe(path)
        except (DataSourceError, DataLayerError) as exc:
            # (the library names the file by the copy it read: the user knows it by name)
            detail = str(exc).replace(str(path), name)
            unreadable(name, "gpkg_unreadable", params={"detail": shorten(detail)})
    problems: list[Problem] = []
    if frame.crs is not None and not frame.crs.equals(WGS84):
        frame = to_wgs84(frame)
    points: list[tuple[float, float] | None] = []
    for n, geom in enumerate(frame.geometry, start=1):
        if geom is None or geom.is_empty:
            points.append(None)
        elif geom.geom_type != "Point":
            problems.append(Problem(name, n, "geometry", geom.geom_type, "points_only"))
            points.append(None)
        else:
            points.append((float(geom.x), float(geom.y)))
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    rows = [list(map(str, table.columns))] + [
        ["" if pd.isna(v) else _cell_text(v) for v in r] for r in table.itertuples(index=False)
    ]
    return _table(name, sha, rows, points=points, problems=problems)


__all__ = [
    "CSV",
    "FORMATS",
    "GEOJSON",
    "GPKG",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "NOTES_SHEETS",
    "XLSX",
    "SourceTable",
    "UnreadableFileError",
    "decode_text",
    "read_bytes",
    "read_path",
]
