"""Loading many already checked organisations at once (a national benchmark, a migration).

Not used by the app: staff imports go through :mod:`geo.registry.importer`, which checks
every record. :func:`bulk_load` does **not** validate the records against the city's
reference data and writes no per-field audit rows; one ``change_log`` row records the
load, under the store's city, and raises its ``data_version``. On PostgreSQL the rows
travel with ``COPY``, elsewhere as batched inserts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.registry.engine import writing
from geo.registry.reads import data_version
from geo.registry.rows import COORDINATES_LEVEL, gather, insert, now, org_row, part_rows
from geo.registry.schema import organization
from geo.registry.store import Store
from geo.registry.writes import (
    ADD,
    AuditNote,
    open_change,
    set_data_version,
    summarise,
    sync_terms,
)


def _copy(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """PostgreSQL's ``COPY … FROM STDIN`` of ``rows`` into ``table``."""
    names = list(rows[0])
    columns = ", ".join(f'"{n}"' for n in names)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])


def _bulk_insert(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, rows)
    else:
        insert(conn, table, rows)


def _last_seqs(conn: Connection, codes: Sequence[str]) -> dict[str, int]:
    """The last ``seq`` of each municipality already stored."""
    query = (
        sa.select(organization.c.jis_code, sa.func.max(organization.c.seq))
        .where(organization.c.jis_code.in_(sorted(set(codes))))
        .group_by(organization.c.jis_code)
    )
    return {str(j): int(s) for j, s in conn.execute(query)}


def _rows(
    conn: Connection,
    records: Sequence[Mapping[str, str]],
    codes: Sequence[str],
    *,
    at: str,
    who: str,
) -> dict[sa.Table, list[Any]]:
    """Every table's rows of ``records``, each numbered after its municipality's last."""
    seqs = _last_seqs(conn, codes)
    orgs = []
    for jis, record in zip(codes, records, strict=True):
        seqs[jis] = seqs.get(jis, 0) + 1
        orgs.append(org_row(jis, record, seq=seqs[jis], at=at, who=who, source="bulk"))
    parts = gather(
        part_rows(jis, r, COORDINATES_LEVEL) for jis, r in zip(codes, records, strict=True)
    )
    return {organization: orgs, **parts}


def bulk_load(
    store: Store,
    records: Sequence[Mapping[str, str]],
    *,
    who: str,
    jis_codes: Sequence[str] | None = None,
    source: str = "bulk",
) -> int:
    """Insert many new organisations at once, each under its own municipality.

    Parameters
    ----------
    store
        The registry; its city is the one the load is audited under.
    records
        Canonical record text (:data:`~geo.registry.columns.RECORD_COLUMNS`) of
        organisations not yet in the registry.
    who
        The editor, for the audit trail.
    jis_codes
        The municipality (JIS code) each record is stored under, in the records'
        order; the store's city for every record when ``None``.
    source
        What the rows come from, for the audit trail.

    Returns
    -------
    How many organisations were inserted.

    Raises
    ------
    ValueError
        When ``jis_codes`` does not have one code per record.
    """
    jis = store.jis_code
    codes = [jis] * len(records) if jis_codes is None else [str(c) for c in jis_codes]
    if len(codes) != len(records):
        raise ValueError(f"{len(codes)} JIS codes for {len(records)} records")
    if not records:
        return 0
    at = now()
    with writing(store.engine) as conn:
        current = data_version(conn, jis, lock=True)
        sync_terms(conn, store.reference.catalog)
        note = AuditNote(who=who, action="bulk", source=source)
        change_id = open_change(conn, jis, note, at=at, version=current + 1)
        for table, rows in _rows(conn, records, codes, at=at, who=who).items():
            _bulk_insert(conn, table, rows)
        set_data_version(conn, jis, current + 1)
        summarise(conn, change_id, {ADD: len(records)})
    return len(records)


__all__ = ["bulk_load"]
