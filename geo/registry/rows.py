"""How a record (canonical text per column) becomes table rows, and back.

A record has the columns of :data:`~geo.registry.columns.RECORD_COLUMNS`, every value
as text (``""`` for none). Its organisation is one ``organization`` row; its point,
service areas, fields and private contact are rows of ``location``, ``service_area``,
``attribute`` and ``contact``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.registry.schema import (
    ACTIVE,
    CONTACT_COLUMNS,
    attribute,
    contact,
    location,
    service_area,
)

#: How a point was found when the record gives coordinates.
COORDINATES_LEVEL = "coordinates"
#: Rows sent in one ``INSERT`` at most.
BATCH = 5000


def now() -> str:
    """The current time in UTC, as the audit trail writes it."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def text_bool(value: bool | None) -> str:
    """A stored flag as record text: ``true``, ``false`` or ``""``."""
    return "" if value is None else ("true" if value else "false")


def parse_bool(text: str) -> bool | None:
    """Record text as a stored flag."""
    return None if text == "" else text == "true"


def org_values(record: Mapping[str, str]) -> dict[str, Any]:
    """The ``organization`` columns a record sets (all but key, status and version)."""
    return {
        "kind": record["kind"],
        "name": record["name"],
        "legal_status": record["legal_form"],
        "households": int(record["households"]) if record["households"] else None,
        "has_jishubo": parse_bool(record["has_jishubo"]),
        "last_confirmed": (
            dt.date.fromisoformat(record["last_confirmed"]) if record["last_confirmed"] else None
        ),
        "is_sample": record["is_sample"] == "true",
        "corporate_number": record.get("corporate_number") or None,
        **{c: record.get(c, "") for c in ("name_kana", "portal_url", "purpose")},
    }


def org_row(
    jis: str, record: Mapping[str, str], *, seq: int, at: str, who: str, source: str
) -> dict[str, Any]:
    """A new, active ``organization`` row of ``record`` (version 1).

    Parameters
    ----------
    source
        Where the organisation comes from (:data:`geo.model.ORG_SOURCES`).
    """
    return {
        "jis_code": jis,
        "id": record["org_id"],
        "seq": seq,
        "status": ACTIVE,
        "version": 1,
        "updated_at": at,
        "updated_by": who,
        "source": source,
        **org_values(record),
    }


def _split(text: str) -> list[str]:
    return [part for part in text.split(";") if part]


def part_rows(jis: str, record: Mapping[str, str], match_level: str) -> dict[sa.Table, list[Any]]:
    """The rows of ``record`` in ``location``, ``service_area``, ``attribute`` and
    ``contact`` (no contact row when every private column is empty)."""
    org_id = record["org_id"]
    own = {"jis_code": jis, "organization_id": org_id}
    private = {v: record[k] for k, v in CONTACT_COLUMNS.items()}
    return {
        location: [
            {
                **own,
                "address_1": record["address"],
                "longitude": float(record["lon"]),
                "latitude": float(record["lat"]),
                "area_id": record["area_id"],
                "match_level": match_level or COORDINATES_LEVEL,
            }
        ],
        service_area: [
            {**own, "position": i, "area_id": a}
            for i, a in enumerate(_split(record["service_areas"]))
        ],
        attribute: [
            {
                "jis_code": jis,
                "link_id": org_id,
                "position": i,
                "link_type": "organization",
                "taxonomy_term_id": code,
            }
            for i, code in enumerate(_split(record["fields"]))
        ],
        contact: [{**own, **private}] if any(private.values()) else [],
    }


def gather(parts: Iterable[Mapping[sa.Table, Sequence[Any]]]) -> dict[sa.Table, list[Any]]:
    """The rows of many records, per table, in the tables' order of :func:`part_rows`."""
    out: dict[sa.Table, list[Any]] = {location: [], service_area: [], attribute: [], contact: []}
    for rows in parts:
        for table, found in rows.items():
            out[table].extend(found)
    return out


def insert(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in batches (nothing for no rows)."""
    for start in range(0, len(rows), BATCH):
        conn.execute(table.insert(), list(rows[start : start + BATCH]))


def record_of(row: Any, fields: Sequence[str], served: Sequence[str]) -> dict[str, str]:
    """The record of an ``organization`` row joined to its location and contact, with
    its field codes and served areas in order."""
    return {
        "org_id": row.id,
        "kind": row.kind,
        "name": row.name,
        "fields": ";".join(fields),
        "area_id": row.area_id,
        "service_areas": ";".join(served),
        "legal_form": row.legal_status,
        "households": "" if row.households is None else str(row.households),
        "has_jishubo": text_bool(row.has_jishubo),
        "last_confirmed": "" if row.last_confirmed is None else row.last_confirmed.isoformat(),
        "is_sample": text_bool(row.is_sample),
        "address": row.address_1,
        "lon": f"{row.longitude:.6f}",
        "lat": f"{row.latitude:.6f}",
        "representative": row.contact_name or "",
        "phone": row.phone or "",
        "email": row.email or "",
        "notes": row.notes or "",
        "corporate_number": row.corporate_number or "",
        "name_kana": row.name_kana or "",
        "portal_url": row.portal_url or "",
        "purpose": row.purpose or "",
    }


__all__ = [
    "COORDINATES_LEVEL",
    "gather",
    "insert",
    "now",
    "org_row",
    "org_values",
    "parse_bool",
    "part_rows",
    "record_of",
    "text_bool",
]
