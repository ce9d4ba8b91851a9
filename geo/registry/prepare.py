"""One record made from what staff wrote: a row of an import file or the edit form.

:func:`prepare_record` cleans the cells (:func:`geo.registry.values.clean_cell`),
merges them with the stored record (columns not given keep their stored values) and
places the organisation: at its coordinates, at its stored point when the address is
unchanged, at the 町字 point of its address (:mod:`geo.registry.places`), or, with no
address, at its base area's center. Coordinates that are the stored point keep how it was
found; coordinates an export said were its 地域's center (``placed_by`` ``area``) and are
that center stay ``area``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from geo.errors import Finding, shorten
from geo.normalise import normalise
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.places import AREA, COORDINATES, NONE
from geo.registry.reads import StoredOrg
from geo.registry.validation import Reference
from geo.registry.values import clean_cell
from geo.words import Named, Phrase, phrase

__all__ = ["Prepared", "kind_words", "prepare_record"]


def kind_words(kind: str) -> Phrase:
    """The name of one organisation of ``kind``, waiting for a language."""
    return phrase(f"kind.one.{kind}")


@dataclass(frozen=True)
class Prepared:
    """One record made from what staff wrote (a file row or the form).

    Attributes
    ----------
    record
        The canonical record (columns not given keep the stored values).
    match_level
        How its point was found (see :mod:`geo.registry.places`).
    problems
        ``(column, finding)`` for each problem found.
    quiet
        Columns whose problems in the full check would only repeat these.
    """

    record: dict[str, str]
    match_level: str
    problems: tuple[tuple[str, Finding], ...]
    quiet: frozenset[str]


def prepare_record(
    cells: Mapping[str, str],
    kind: str,
    existing: StoredOrg | None,
    ref: Reference,
    *,
    today: dt.date | None = None,
    point: tuple[float, float] | None = None,
    placed_by: str = "",
) -> Prepared:
    """Clean what staff wrote, merge it with the stored record and place it.

    Parameters
    ----------
    cells
        Text as written, by registry column; columns left out keep their stored value.
    kind
        The organisation's kind (``civic_group`` …).
    existing
        The stored organisation, or ``None`` for a new one.
    ref
        The city's reference data.
    today
        Dates after this day are refused (default: today).
    point
        ``(lon, lat)`` from a geometry, overriding the coordinate cells.
    placed_by
        An export's word for how the point was found (``area`` …): coordinates said to
        be ``area`` that are the base 地域's center keep that level; any other word,
        or another point, is placed by its coordinates.

    Returns
    -------
    The record and its problems; the record still needs :func:`check_records`.
    """
    day = today or dt.date.today()
    given: dict[str, str] = {}
    problems: list[tuple[str, Finding]] = []
    for column, text in cells.items():
        value, found = clean_cell(column, text, ref.vocabulary, today=day)
        given[column] = value
        problems += [(column, f) for f in found]
    if given.get("is_sample") == "" and all(c != "is_sample" for c, _ in problems):
        given["is_sample"] = "false"  # (an empty サンプル says no, as its column's note does)
    if point is not None:
        given["lon"], given["lat"] = f"{point[0]:.6f}", f"{point[1]:.6f}"
    if given.get("kind") and given["kind"] != kind:
        wanted = {"kind": kind_words(kind)}
        problems.append(("kind", Finding(given["kind"], "wrong_kind", wanted)))
    record = dict(existing.record) if existing else dict.fromkeys(RECORD_COLUMNS, "")
    if existing is None:
        record["is_sample"] = "false"
    record.update({c: v for c, v in given.items() if c in RECORD_COLUMNS})
    record["kind"] = kind
    if existing is not None:
        record["org_id"] = existing.org_id  # matched by name: the stored id stays
    said_area = normalise(placed_by) == AREA
    level, located, quiet = _locate(record, given, existing, ref, said_area=said_area)
    problems += located
    return Prepared(record, level, tuple(problems), frozenset(quiet | {c for c, _ in problems}))


def _locate(
    record: dict[str, str],
    given: Mapping[str, str],
    existing: StoredOrg | None,
    ref: Reference,
    *,
    said_area: bool = False,
) -> tuple[str, list[tuple[str, Finding]], set[str]]:
    """Fill the point and base area of ``record`` (``said_area``: the file says the
    coordinates are the base 地域's center).

    Returns
    -------
    The match level, problems as ``(column, finding)``, and the columns whose later
    problems would only repeat these.
    """
    lon, lat = given.get("lon", ""), given.get("lat", "")
    if lon and lat:
        level, quiet_area = _at_coordinates(record, given, existing, ref, said_area)
        return level, [], quiet_area
    quiet = {"lon", "lat", "area_id"}
    if lon or lat:
        missing = "lat" if lon else "lon"
        return NONE, [(missing, Finding("", "both_coordinates"))], quiet
    address = given.get("address", "")
    if existing is not None and _keeps_point(address, given.get("area_id", ""), existing):
        record["lon"], record["lat"] = existing.record["lon"], existing.record["lat"]
        return existing.match_level, [], set()
    if not address:
        # no address: its base area's center, when it names one
        center = ref.gazetteer.area_center(record["area_id"]) if record["area_id"] else None
        if center is None:
            return NONE, [("address", Finding("", "no_location"))], quiet
        record["lon"], record["lat"] = f"{center.lon:.6f}", f"{center.lat:.6f}"
        return center.level, [], set()
    place = ref.gazetteer.place(address)
    if place is None:
        city = {"city": Named(ref.city.name_ja, ref.city.name_en)}
        return NONE, [("address", Finding(shorten(address), "unplaced", city))], quiet
    record["lon"], record["lat"] = f"{place.lon:.6f}", f"{place.lat:.6f}"
    if not given.get("area_id"):
        record["area_id"] = place.area_id
    return place.level, [], set()


def _at_coordinates(
    record: dict[str, str],
    given: Mapping[str, str],
    existing: StoredOrg | None,
    ref: Reference,
    said_area: bool,
) -> tuple[str, set[str]]:
    """The match level of a record given its coordinates (filling its base area from
    the point when none is given), and the columns whose later problems would repeat."""
    lon, lat = given["lon"], given["lat"]
    if existing is not None and _same_point(lon, lat, given.get("area_id", ""), existing):
        # a point that did not move keeps how it was found (an export imported back)
        return existing.match_level or COORDINATES, set()
    if not given.get("area_id"):
        area = ref.area_at(float(lon), float(lat))
        if area is not None:
            record["area_id"] = area
        elif existing is None:
            return COORDINATES, {"area_id"}
    # an export's point at its 地域's center, said to be so, stays approximate
    center = ref.gazetteer.area_center(record["area_id"]) if said_area else None
    if center is not None and _same_place(lon, lat, center.lon, center.lat):
        return AREA, set()
    return COORDINATES, set()


def _same_point(lon: str, lat: str, area_id: str, existing: StoredOrg) -> bool:
    """Whether ``lon``/``lat`` are the stored point of ``existing`` (to the 1e-6° kept),
    in the same base 地域 (``area_id`` empty or unchanged)."""
    record = existing.record
    if area_id not in ("", record["area_id"]):
        return False
    try:
        return _same_place(lon, lat, float(record["lon"]), float(record["lat"]))
    except ValueError:
        return False


def _same_place(lon: str, lat: str, x: float, y: float) -> bool:
    """Whether the cleaned ``lon``/``lat`` are the point ``(x, y)`` to the 1e-6° kept."""
    return (round(float(lon), 6), round(float(lat), 6)) == (round(x, 6), round(y, 6))


def _keeps_point(address: str, area_id: str, existing: StoredOrg) -> bool:
    """Whether ``existing`` keeps its stored point: its address is unchanged (or not
    given), and a point at its area's center has not been moved to another area."""
    if address and address != existing.record["address"]:
        return False
    moved = existing.match_level == AREA and area_id not in ("", existing.record["area_id"])
    return not (moved and not address)
