"""Exports of the registry: CSV, GeoJSON and an HSDS-style JSON package.

Public exports carry only the columns of :data:`geo.model.PUBLIC_ORG_COLUMNS`; staff
exports add the private contact columns. CSV cells that a spreadsheet would run as a
formula (``= + - @``) are neutralised with a leading ``'``, which the importer drops
again, so an export imports back to the same registry.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from geo.city import CityConfig
from geo.export import safe_csv
from geo.model import PUBLIC_ORG_COLUMNS
from geo.registry.columns import IMPORT_KINDS, LABELS, RECORD_COLUMNS
from geo.registry.schema import CONTACT_COLUMNS
from geo.registry.store import Store

HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"

#: Columns of a public export (the point is given as lon/lat).
PUBLIC_COLUMNS = tuple(c for c in RECORD_COLUMNS if c in PUBLIC_ORG_COLUMNS or c in ("lon", "lat"))


def export_columns(*, public: bool) -> tuple[str, ...]:
    """The columns of an export."""
    return PUBLIC_COLUMNS if public else RECORD_COLUMNS


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
    columns = export_columns(public=public)
    return [{c: s.record[c] for c in columns} for s in store.records(kind=org_kind)]


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
        frame.columns = [LABELS[c] for c in columns]
    return safe_csv(frame)


def _feature(row: Mapping[str, str]) -> dict[str, Any]:
    props = {k: v for k, v in row.items() if k not in ("lon", "lat")}
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


def _list(text: str) -> list[str]:
    return [item for item in text.split(";") if item]


def _organizations(records: Sequence[Mapping[str, str]]) -> list[dict[str, Any]]:
    return [
        {
            "id": r["org_id"],
            "name": r["name"],
            "kind": r["kind"],
            "legal_status": r["legal_form"],
            "households": int(r["households"]) if r["households"] else None,
            "has_jishubo": {"true": True, "false": False}.get(r["has_jishubo"]),
            "last_confirmed": r["last_confirmed"] or None,
            "is_sample": r["is_sample"] == "true",
        }
        for r in records
    ]


def _locations(records: Sequence[Mapping[str, str]], city: CityConfig) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{r['org_id']}-location",
            "organization_id": r["org_id"],
            "location_type": "physical",
            "address_1": r["address"],
            "city": city.name_ja,
            "latitude": float(r["lat"]),
            "longitude": float(r["lon"]),
            "area_id": r["area_id"],
        }
        for r in records
    ]


def _service_areas(records: Sequence[Mapping[str, str]], city: CityConfig) -> list[dict[str, str]]:
    areas = {a.area_id: a.name_ja for a in city.areas}
    return [
        {
            "id": f"{r['org_id']}-area-{i}",
            "organization_id": r["org_id"],
            "area_id": a,
            "name": areas.get(a, city.name_ja),
        }
        for r in records
        for i, a in enumerate(_list(r["service_areas"]) or [r["area_id"]], start=1)
    ]


def _attributes(records: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    return [
        {
            "id": f"{r['org_id']}-term-{i}",
            "link_id": r["org_id"],
            "link_type": "organization",
            "taxonomy_term_id": code,
        }
        for r in records
        for i, code in enumerate(_list(r["fields"]), start=1)
    ]


def hsds_package(store: Store, *, public: bool = True) -> dict[str, Any]:
    """The registry as an Open Referral HSDS-style package (a dict of tables).

    Tables: ``organization``, ``location``, ``service_area``, ``taxonomy``,
    ``taxonomy_term``, ``attribute``, and ``contact`` in staff exports only.
    """
    ref = store.reference
    records = [s.record for s in store.records()]
    package: dict[str, Any] = {
        "profile": HSDS_PROFILE,
        "name": f"kyodo-map registry, {ref.city.name_en}",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data_version": store.data_version(),
        "public": public,
        "organization": _organizations(records),
        "location": _locations(records, ref.city),
        "service_area": _service_areas(records, ref.city),
        "taxonomy": [
            {"id": "npo", "name": "特定非営利活動促進法 別表"},
            {"id": "need", "name": "地域の課題"},
        ],
        "taxonomy_term": [
            {"id": f.code, "code": f.code, "name": f.name_ja, "taxonomy_id": f.kind}
            for f in ref.catalog.fields
        ],
        "attribute": _attributes(records),
    }
    if not public:
        package["contact"] = _contacts(records)
    return package


def _contacts(records: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    return [
        {
            "id": f"{r['org_id']}-contact",
            "organization_id": r["org_id"],
            **{name: r[column] for column, name in CONTACT_COLUMNS.items()},
        }
        for r in records
        if any(r[c] for c in CONTACT_COLUMNS)
    ]


def export_hsds(store: Store, *, public: bool = True) -> bytes:
    """:func:`hsds_package` as UTF-8 JSON."""
    return json.dumps(hsds_package(store, public=public), ensure_ascii=False, indent=1).encode()
