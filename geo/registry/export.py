"""Exports of the registry: CSV, GeoJSON and HSDS 3.0 JSON.

Public exports carry only the columns of :data:`geo.model.PUBLIC_ORG_COLUMNS`; staff
exports add the private contact columns. CSV and GeoJSON say how each point was found
(:data:`~geo.registry.columns.PLACED_BY`: ``area`` is the 地域's 交流センター, standing in
for an address known only to the area; an import stores nothing from the column, and
reads it only to keep such a point approximate). CSV cells that a
spreadsheet would run as a formula (``= + - @``) are neutralised with a leading ``'``
(the importer and the edit form refuse such text, so what they stored never needs it: an
export imports back to the same registry). GeoJSON gives numbers and yes/no as JSON's
own (:data:`JSON_TYPED`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from geo.export import safe_csv
from geo.model import PUBLIC_ORG_COLUMNS
from geo.registry import hsds
from geo.registry.columns import (
    IMPORT_KINDS,
    LABELS,
    PLACED_BY,
    PLACED_BY_LABEL,
    RECORD_COLUMNS,
)
from geo.registry.store import Store

#: Columns of a public export (the point is given as lon/lat).
PUBLIC_COLUMNS = tuple(c for c in RECORD_COLUMNS if c in PUBLIC_ORG_COLUMNS or c in ("lon", "lat"))


#: Registry column -> an export's Japanese header (:data:`PLACED_BY` too).
EXPORT_LABELS: Mapping[str, str] = {**LABELS, PLACED_BY: PLACED_BY_LABEL}


def _record_columns(*, public: bool) -> tuple[str, ...]:
    return PUBLIC_COLUMNS if public else RECORD_COLUMNS


def export_columns(*, public: bool) -> tuple[str, ...]:
    """The columns of an export: the record's (public or all), then :data:`PLACED_BY`."""
    return (*_record_columns(public=public), PLACED_BY)


def export_rows(store: Store, *, public: bool, kind: str | None = None) -> list[dict[str, str]]:
    """The active organisations as rows of an export.

    Parameters
    ----------
    store
        The registry.
    public
        Only the public columns.
    kind
        ``civic_groups``, ``associations`` or ``councils``; every kind when ``None``.
    """
    org_kind = IMPORT_KINDS[kind] if kind else None
    columns = _record_columns(public=public)
    return [
        {**{c: s.record[c] for c in columns}, PLACED_BY: s.match_level}
        for s in store.records(kind=org_kind)
    ]


def export_csv(
    store: Store, *, public: bool = True, kind: str | None = None, japanese_headers: bool = False
) -> bytes:
    """CSV bytes (UTF-8 with BOM, formula cells neutralised) that import back unchanged.

    Parameters
    ----------
    store
        The registry.
    public
        Only the public columns.
    kind
        Only one kind (see :func:`export_rows`).
    japanese_headers
        Head the columns as staff do (団体名, 活動分野 …) instead of the registry names.
    """
    columns = export_columns(public=public)
    frame = pd.DataFrame(export_rows(store, public=public, kind=kind), columns=list(columns))
    if japanese_headers:
        frame.columns = [EXPORT_LABELS[c] for c in columns]
    return safe_csv(frame)


#: Properties that a GeoJSON gives as JSON numbers or true/false (``null`` when not
#: known), as the organisations' schema types them (:func:`geo.io.org_columns`); the
#: importer reads them back as the same cells.
JSON_TYPED = {"households": "int", "has_jishubo": "bool", "is_sample": "bool"}


def _json_value(column: str, value: str) -> object:
    kind = JSON_TYPED.get(column)
    if kind is None:
        return value
    if not value:
        return None
    return int(value) if kind == "int" else value == "true"


def _feature(row: Mapping[str, str]) -> dict[str, Any]:
    props = {k: _json_value(k, v) for k, v in row.items() if k not in ("lon", "lat")}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
        "properties": props,
    }


def export_geojson(store: Store, *, public: bool = True, kind: str | None = None) -> bytes:
    """A GeoJSON FeatureCollection of points in WGS84 (UTF-8)."""
    rows = export_rows(store, public=public, kind=kind)
    doc = {"type": "FeatureCollection", "features": [_feature(r) for r in rows]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def export_hsds(
    store: Store, *, public: bool = True, kind: str | None = None, lang: str = "ja"
) -> bytes:
    """The active organisations (of one ``kind``, see :func:`export_rows`, or all) as a
    JSON list of HSDS 3.0 ``organization`` objects (see :mod:`geo.registry.hsds`)."""
    ref = store.reference
    frame = store.read_organisations()
    if kind:
        frame = frame[frame["kind"] == IMPORT_KINDS[kind]]
    orgs = hsds.organizations(frame, ref.city, ref.catalog, public=public, lang=lang)
    return hsds.to_json(orgs)
