"""The rows of the point layers: organisations, councils with their centers, shelters.

A point layer reads a few columns of a few rows of a frame; selecting rows of a
GeoDataFrame copies every column and costs far more than the rows themselves (tens of
milliseconds on every run of the page), so each frame is read once per build as arrays
(:class:`Table`, gathered in :class:`PointFrames`) and the rows are taken from those.
Every text from data is escaped here (:func:`geo.map.encode.escape_text`); private
organisation columns are never read.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.map.encode import StringTable, coordinates, escape_text
from geo.map.spec import POINT_DECIMALS, MapInputs
from geo.map.wording import hazard_name, words
from geo.model import HAZARDS

#: The columns the point layers read of each frame.
ORG_COLUMNS = ("kind", "name", "area_id", "fields", "is_sample", "at_center")
CENTER_COLUMNS = ("name", "address", "area_id")
SHELTER_COLUMNS = ("name", "area_id", "is_evacuation_center", "note", *HAZARDS)


@dataclass(frozen=True)
class Table:
    """Some columns of a frame as arrays, with the places of its points.

    Attributes
    ----------
    columns
        Column name -> array (object arrays for text).
    lons, lats
        The points (NaN where there is no place).
    valid
        Which rows have a place.
    """

    columns: Mapping[str, np.ndarray]
    lons: np.ndarray
    lats: np.ndarray
    valid: np.ndarray

    @classmethod
    def of(cls, frame: pd.DataFrame, names: Sequence[str]) -> Table:
        """The columns ``names`` of ``frame`` that it has, and its points."""
        lons, lats, valid = coordinates(frame)
        columns = {n: frame[n].to_numpy() for n in names if n in frame.columns}
        return cls(columns, lons, lats, valid)

    def __len__(self) -> int:
        return len(self.lons)

    def column(self, name: str, default: object = "") -> np.ndarray:
        """The column ``name``, or ``default`` in every row when the frame had none."""
        found = self.columns.get(name)
        if found is not None:
            return found
        return np.full(len(self), default, dtype=object)

    def take(self, positions: np.ndarray) -> Table:
        """The rows at ``positions``."""
        return Table(
            {k: v[positions] for k, v in self.columns.items()},
            self.lons[positions],
            self.lats[positions],
            self.valid[positions],
        )

    def where(self, mask: np.ndarray) -> Table:
        """The rows where ``mask`` is true."""
        return self.take(np.flatnonzero(mask))

    def rounded(self) -> tuple[list[float], list[float]]:
        """Latitudes and longitudes rounded to 1e-5°, as lists."""
        return (
            np.round(self.lats, POINT_DECIMALS).tolist(),
            np.round(self.lons, POINT_DECIMALS).tolist(),
        )


class PointFrames:
    """The frames of one build's point layers, each read as a :class:`Table` once."""

    def __init__(self, inputs: MapInputs) -> None:
        self.inputs = inputs

    @functools.cached_property
    def orgs(self) -> Table:
        """The organisations (already filtered)."""
        return Table.of(self.inputs.orgs, ORG_COLUMNS)

    @functools.cached_property
    def centers(self) -> Table:
        """The 地域交流センター."""
        return Table.of(self.inputs.centers, CENTER_COLUMNS)

    @functools.cached_property
    def shelters(self) -> Table:
        """Every designated evacuation site."""
        return Table.of(self.inputs.shelters, SHELTER_COLUMNS)

    def kind(self, kind: str) -> Table:
        """The organisations of one kind."""
        return self.orgs.where(self.orgs.column("kind") == kind)


def _check_hazards(hazards: Sequence[str]) -> None:
    unknown = sorted(set(hazards) - set(HAZARDS))
    if unknown:
        raise ValueError(f"unknown hazards: {unknown}")


def filter_shelters(shelters: pd.DataFrame, hazards: Sequence[str]) -> pd.DataFrame:
    """Shelters designated for any of ``hazards`` (all shelters when empty).

    Parameters
    ----------
    shelters
        As loaded by :func:`geo.io.load_shelters`.
    hazards
        Hazard columns from :data:`geo.io.HAZARDS`.
    """
    _check_hazards(hazards)
    if not hazards:
        return shelters
    mask = shelters[list(hazards)].astype(bool).any(axis=1)
    return shelters[mask]


def shelters_for(shelters: Table, hazards: Sequence[str]) -> Table:
    """The sites of ``shelters`` designated for any of ``hazards`` (all when empty)."""
    _check_hazards(hazards)
    if not hazards:
        return shelters
    mask = np.zeros(len(shelters), dtype=bool)
    for hazard in hazards:
        mask |= shelters.column(hazard, False).astype(bool)
    return shelters.where(mask)


@dataclass(frozen=True)
class Lines:
    """What the popups of one point layer are written with.

    Attributes
    ----------
    table
        The layer's shared table of escaped strings.
    area_names
        Escaped area names by id (:func:`geo.map.layers.area_names`).
    field_labels
        Field labels by code, in ``lang`` (not escaped).
    lang
        ``ja`` or ``en``.
    """

    table: StringTable
    area_names: Mapping[str, str]
    field_labels: Mapping[str, str]
    lang: str
    _words: dict[str, str] = field(default_factory=dict, repr=False)

    def area(self, area_id: str) -> int:
        """The table index of an area's (escaped) name."""
        name = self.area_names.get(area_id)
        return self.table.ref(escape_text(area_id) if name is None else name)

    def word(self, key: str) -> int:
        """The table index of one of the map's texts, escaped (looked up once per layer)."""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = escape_text(words(key, self.lang))
        return self.table.ref(found)


def _field_line(codes: Sequence[str], labels: Mapping[str, str], sep: str) -> str:
    return sep.join(escape_text(labels.get(c, c)) for c in codes)


def org_rows(part: Table, lines: Lines) -> list[list[object]]:
    """One row per organisation of ``part`` (all of one kind) with a place: its name,
    area, fields, and whether it is sample data or placed at its area's center."""
    sample = lines.word("map.sample")
    sep = words("map.sep", lines.lang)
    escaped = {code: escape_text(label) for code, label in lines.field_labels.items()}
    fields_of: dict[tuple[str, ...], str] = {}
    lats, lons = part.rounded()
    rows: list[list[object]] = []
    for ok, lat, lon, name, area_id, fields, is_sample, at_center in zip(
        part.valid.tolist(),
        lats,
        lons,
        part.column("name").tolist(),
        part.column("area_id").tolist(),
        part.column("fields", ()).tolist(),
        part.column("is_sample", False).tolist(),
        part.column("at_center", False).tolist(),
        strict=True,
    ):
        if not ok:
            continue
        row: list[object] = [lat, lon, escape_text(name), lines.area(area_id)]
        key = tuple(fields)
        if key not in fields_of:
            fields_of[key] = sep.join(escaped.get(c) or escape_text(c) for c in key)
        if fields_of[key]:
            row.append(lines.table.ref(fields_of[key]))
        if bool(is_sample):
            row.append(sample)
        if bool(at_center):
            row.append(lines.word("map.at_center"))
        rows.append(row)
    return rows


_Council = tuple[str, tuple[str, ...], bool]


def _councils_by_area(
    councils: Table,
) -> tuple[dict[str, list[_Council]], dict[str, tuple[float, float] | None]]:
    """The councils of each area (name, fields, sample), and where the first one is."""
    by_area: dict[str, list[_Council]] = {}
    where: dict[str, tuple[float, float] | None] = {}
    lats, lons = councils.rounded()
    for ok, lat, lon, name, area_id, fields, is_sample in zip(
        councils.valid.tolist(),
        lats,
        lons,
        councils.column("name").tolist(),
        councils.column("area_id").tolist(),
        councils.column("fields", ()).tolist(),
        councils.column("is_sample", False).tolist(),
        strict=True,
    ):
        by_area.setdefault(str(area_id), []).append((name, tuple(fields), bool(is_sample)))
        where.setdefault(str(area_id), (lat, lon) if ok else None)
    return by_area, where


def _council_lines(councils: Sequence[_Council], lines: Lines) -> list[object]:
    out: list[object] = []
    sep = words("map.sep", lines.lang)
    for name, fields, is_sample in councils:
        out.append(escape_text(name))
        line = _field_line(fields, lines.field_labels, sep)
        if line:
            out.append(lines.table.ref(line))
        if is_sample:
            out.append(lines.word("map.sample"))
    return out


def council_rows(centers: Table, councils: Table, lines: Lines) -> list[list[object]]:
    """One row per center with its area's councils; councils without a center alone."""
    by_area, where = _councils_by_area(councils)
    rows: list[list[object]] = []
    with_center: set[str] = set()
    lats, lons = centers.rounded()
    for ok, lat, lon, name, address, area_id in zip(
        centers.valid.tolist(),
        lats,
        lons,
        centers.column("name").tolist(),
        centers.column("address").tolist(),
        centers.column("area_id").tolist(),
        strict=True,
    ):
        if not ok:
            continue
        with_center.add(str(area_id))
        row: list[object] = [lat, lon, escape_text(name), lines.area(area_id)]
        if isinstance(address, str) and address:
            row.append(escape_text(address))
        rows.append(row + _council_lines(by_area.get(str(area_id), []), lines))
    for area_id in sorted(set(by_area) - with_center):
        at = where[area_id]
        if at is None:
            continue
        title = lines.area_names.get(area_id, escape_text(area_id))
        rows.append([at[0], at[1], title, *_council_lines(by_area[area_id], lines)])
    return rows


def _hazard_line(flags: tuple[bool, ...], lines: Lines) -> int | None:
    """The table index of the line naming the hazards a site is designated for."""
    names = [hazard_name(h, lines.lang) for h, on in zip(HAZARDS, flags, strict=True) if on]
    if not names:
        return None
    joined = words("map.sep", lines.lang).join(names)
    return lines.table.ref(escape_text(words("map.shelter.for", lines.lang, hazards=joined)))


def shelter_rows(shelters: Table, lines: Lines) -> list[list[object]]:
    """One row per evacuation site with a place: its hazards, whether also a shelter, note."""
    hazard_columns = [shelters.column(h, False).astype(bool) for h in HAZARDS]
    flags = [tuple(r) for r in np.column_stack(hazard_columns).tolist()] if len(shelters) else []
    lats, lons = shelters.rounded()
    hazard_lines: dict[tuple[bool, ...], int | None] = {}
    rows: list[list[object]] = []
    for ok, lat, lon, name, area_id, evac, note, flag in zip(
        shelters.valid.tolist(),
        lats,
        lons,
        shelters.column("name").tolist(),
        shelters.column("area_id").tolist(),
        shelters.column("is_evacuation_center", False).tolist(),
        shelters.column("note").tolist(),
        flags,
        strict=True,
    ):
        if not ok:
            continue
        row: list[object] = [lat, lon, escape_text(name), lines.area(area_id)]
        if flag not in hazard_lines:
            hazard_lines[flag] = _hazard_line(flag, lines)
        if hazard_lines[flag] is not None:
            row.append(hazard_lines[flag])
        if bool(evac):
            row.append(lines.word("map.shelter.also_shelter"))
        if isinstance(note, str) and note:
            row.append(escape_text(note))
        rows.append(row)
    return rows


__all__ = [
    "CENTER_COLUMNS",
    "ORG_COLUMNS",
    "SHELTER_COLUMNS",
    "Lines",
    "PointFrames",
    "Table",
    "council_rows",
    "filter_shelters",
    "org_rows",
    "shelter_rows",
    "shelters_for",
]
