"""Reading the registry: organisations, the data version, the audit trail.

Every function takes an open connection and the city's JIS code, and reads that city's
rows only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.registry.rows import record_of
from geo.registry.schema import (
    ACTIVE,
    attribute,
    change_log,
    contact,
    location,
    organization,
    registry_state,
    service_area,
)

#: Id prefix of new organisations of each kind (``cg-0343``).
ID_PREFIX = {"council": "council-", "association": "assoc-", "civic_group": "cg-"}


@dataclass(frozen=True)
class StoredOrg:
    """One organisation as stored.

    Attributes
    ----------
    record
        Canonical text of every column of :data:`~geo.registry.columns.RECORD_COLUMNS`.
    status
        ``active`` or ``retired``.
    version
        Raised by every change; an edit names the version it was based on.
    match_level
        How the point was found (see :mod:`geo.registry.places`).
    updated_at, updated_by
        The last change.
    source
        Where the organisation came from (:data:`geo.model.ORG_SOURCES`).
    """

    record: Mapping[str, str]
    status: str
    version: int
    match_level: str
    updated_at: str
    updated_by: str
    source: str = ""

    @property
    def org_id(self) -> str:
        """The registry id."""
        return self.record["org_id"]


@dataclass(frozen=True)
class AuditEntry:
    """One write in the audit trail."""

    change_id: int
    at: str
    who: str
    action: str
    source: str
    source_sha256: str
    summary: str
    data_version: int


def _state_key(jis: str, key: str) -> sa.Select[Any]:
    return (
        sa.select(registry_state.c.int_value)
        .where(registry_state.c.jis_code == jis)
        .where(registry_state.c.key == key)
    )


def data_version(conn: Connection, jis: str, *, lock: bool = False) -> int:
    """The city's data version (raised by every write).

    Parameters
    ----------
    lock
        Lock the row until the transaction ends (a write about to raise it).

    Raises
    ------
    sqlalchemy.exc.NoResultFound
        When the city has not been seeded.
    """
    query = _state_key(jis, "data_version")
    if lock:
        query = query.with_for_update()
    return int(conn.execute(query).scalar_one())


def seeded(conn: Connection, jis: str) -> bool:
    """Whether the city has been seeded (it has a data version)."""
    return conn.execute(_state_key(jis, "data_version")).first() is not None


def cities(conn: Connection) -> list[str]:
    """JIS codes of every city the database holds."""
    query = (
        sa.select(registry_state.c.jis_code)
        .where(registry_state.c.key == "data_version")
        .order_by(registry_state.c.jis_code)
    )
    return list(conn.execute(query).scalars())


def _org_query(
    jis: str, *, include_retired: bool, kind: str | None, ids: Sequence[str] | None
) -> sa.Select[Any]:
    o, loc, con = organization, location, contact
    query = (
        sa.select(o, loc, con.c.name.label("contact_name"), con.c.phone, con.c.email, con.c.notes)
        .select_from(
            o.join(
                loc, (loc.c.jis_code == o.c.jis_code) & (loc.c.organization_id == o.c.id)
            ).outerjoin(con, (con.c.jis_code == o.c.jis_code) & (con.c.organization_id == o.c.id))
        )
        .where(o.c.jis_code == jis)
        .order_by(o.c.seq)
    )
    if not include_retired:
        query = query.where(o.c.status == ACTIVE)
    if kind is not None:
        query = query.where(o.c.kind == kind)
    if ids is not None:
        query = query.where(o.c.id.in_(list(ids)))
    return query


def _links(
    conn: Connection, jis: str, ids: Sequence[str] | None, wanted: set[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Field codes and served areas of the ``wanted`` organisations, in order."""
    terms = (
        sa.select(attribute.c.link_id, attribute.c.taxonomy_term_id)
        .where(attribute.c.jis_code == jis)
        .order_by(attribute.c.link_id, attribute.c.position)
    )
    areas = (
        sa.select(service_area.c.organization_id, service_area.c.area_id)
        .where(service_area.c.jis_code == jis)
        .order_by(service_area.c.organization_id, service_area.c.position)
    )
    if ids is not None:  # a few organisations; otherwise read all and keep what is wanted
        terms = terms.where(attribute.c.link_id.in_(list(ids)))
        areas = areas.where(service_area.c.organization_id.in_(list(ids)))
    fields: dict[str, list[str]] = {}
    served: dict[str, list[str]] = {}
    for link_id, term in conn.execute(terms):
        if link_id in wanted:
            fields.setdefault(link_id, []).append(term)
    for org_id, area_id in conn.execute(areas):
        if org_id in wanted:
            served.setdefault(org_id, []).append(area_id)
    return fields, served


def stored_orgs(
    conn: Connection,
    jis: str,
    *,
    include_retired: bool = False,
    kind: str | None = None,
    ids: Sequence[str] | None = None,
) -> list[StoredOrg]:
    """Organisations in registry order.

    Parameters
    ----------
    include_retired
        Also the retired ones.
    kind
        Only this kind (``council``, ``association``, ``civic_group``).
    ids
        Only these organisations.
    """
    query = _org_query(jis, include_retired=include_retired, kind=kind, ids=ids)
    rows = conn.execute(query).all()
    fields, served = _links(conn, jis, ids, {r.id for r in rows})
    return [
        StoredOrg(
            record_of(r, fields.get(r.id, []), served.get(r.id, [])),
            r.status,
            r.version,
            r.match_level,
            r.updated_at,
            r.updated_by,
            r.source,
        )
        for r in rows
    ]


def audit(conn: Connection, jis: str, limit: int) -> list[AuditEntry]:
    """The city's latest ``limit`` writes, newest first."""
    rows = conn.execute(
        sa.select(change_log)
        .where(change_log.c.jis_code == jis)
        .order_by(change_log.c.id.desc())
        .limit(limit)
    ).all()
    return [
        AuditEntry(
            r.id, r.at, r.who, r.action, r.source, r.source_sha256, r.summary, r.data_version
        )
        for r in rows
    ]


def next_ids(conn: Connection, jis: str, kind: str, count: int) -> list[str]:
    """``count`` unused ids for new organisations of ``kind``."""
    prefix = ID_PREFIX[kind]
    ids = conn.execute(
        sa.select(organization.c.id)
        .where(organization.c.jis_code == jis)
        .where(organization.c.id.startswith(prefix))
    ).scalars()
    numbers = [int(i[len(prefix) :]) for i in ids if i[len(prefix) :].isdigit()]
    start = max(numbers, default=0) + 1
    return [f"{prefix}{n:04d}" for n in range(start, start + count)]


__all__ = [
    "ID_PREFIX",
    "AuditEntry",
    "StoredOrg",
    "audit",
    "cities",
    "data_version",
    "next_ids",
    "seeded",
    "stored_orgs",
]
