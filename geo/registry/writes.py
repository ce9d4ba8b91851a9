"""Writing the registry: changes in one transaction with one audit record, all or nothing.

Every write raises the city's ``data_version`` and leaves one ``change_log`` row (who,
when, what, from which file) and one ``metadata`` row per changed field. An edit names
the version it was based on and is refused when the organisation has changed since
(:class:`~geo.registry.errors.ConflictError`); a write may also name the data version
it was prepared from (an import previewed before someone else's change).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.errors import DataValidationError, Problem
from geo.fields import FieldCatalog
from geo.model import NPO_PORTAL
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.errors import ConflictError, RegistryError
from geo.registry.reads import StoredOrg, data_version, stored_orgs
from geo.registry.rows import gather, insert, now, org_row, org_values, part_rows
from geo.registry.schema import (
    ACTIVE,
    RETIRED,
    attribute,
    change_log,
    contact,
    location,
    metadata_table,
    organization,
    registry_state,
    service_area,
    taxonomy_term,
)
from geo.registry.validation import Reference, check_records

ADD = "add"
EDIT = "edit"
RETIRE = "retire"
REACTIVATE = "reactivate"
#: The audit action of an import of a staff list, and of the national NPO法人 file.
IMPORT = "import"
IMPORT_NPO = "import-npo"
#: The source (:data:`geo.model.ORG_SOURCES`) of an organisation a write adds, by the
#: write's action; anything else (a form) is ``form``.
SOURCE_OF_ACTION: Mapping[str, str] = {
    "seed": "seed",
    IMPORT: "import",
    IMPORT_NPO: NPO_PORTAL,
    "bulk": "bulk",
}


@dataclass(frozen=True)
class Change:
    """One change to write.

    Attributes
    ----------
    action
        ``add``, ``edit``, ``retire`` or ``reactivate``.
    org_id
        The organisation.
    record
        The full canonical record (``add``, ``edit``, and optionally ``reactivate``).
    expected_version
        The version the change is based on (every action but ``add``).
    match_level
        How the record's point was found.
    source
        Where the organisation comes from (:data:`geo.model.ORG_SOURCES`): for ``add``,
        empty means the write's own (:data:`SOURCE_OF_ACTION`); otherwise empty keeps
        the stored one.
    """

    action: str
    org_id: str
    record: Mapping[str, str] | None = None
    expected_version: int | None = None
    match_level: str = ""
    source: str = ""


@dataclass(frozen=True)
class WriteResult:
    """What a write did.

    Attributes
    ----------
    change_id
        The audit record, or ``None`` when nothing needed writing.
    data_version
        The registry's version after the write.
    counts
        Number of organisations per action.
    """

    change_id: int | None
    data_version: int
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditNote:
    """What the audit trail records of a write.

    Attributes
    ----------
    who
        The editor.
    action
        What the write is (``import``, ``add``, ``edit``, ``seed``, ``restore`` …).
    source
        The file the changes come from, or ``form``.
    source_sha256
        The file's SHA-256.
    """

    who: str
    action: str
    source: str = ""
    source_sha256: str = ""


@dataclass(frozen=True)
class Txn:
    """One write in progress: its connection, city, audit record, time, editor and the
    source of the organisations it adds."""

    conn: Connection
    jis: str
    change_id: int
    at: str
    who: str
    source: str = "form"

    def meta(self, org_id: str, kind: str, name: str, previous: str, new: str) -> dict[str, Any]:
        """An HSDS ``metadata`` row: one changed field of one organisation."""
        return {
            "change_id": self.change_id,
            "resource_id": org_id,
            "resource_type": "organization",
            "last_action_date": self.at,
            "last_action_type": kind,
            "field_name": name,
            "previous_value": previous,
            "replacement_value": new,
            "updated_by": self.who,
        }


def sync_terms(conn: Connection, catalog: FieldCatalog) -> None:
    """Add the catalogue's fields missing from ``taxonomy_term``."""
    known = set(conn.execute(sa.select(taxonomy_term.c.id)).scalars())
    rows = [
        {"id": f.code, "code": f.code, "name": f.name_ja, "taxonomy": f.kind}
        for f in catalog.fields
        if f.code not in known
    ]
    if rows:
        conn.execute(taxonomy_term.insert(), rows)


def set_data_version(conn: Connection, jis: str, version: int) -> None:
    """Set the city's data version."""
    conn.execute(
        registry_state.update()
        .where(registry_state.c.jis_code == jis)
        .where(registry_state.c.key == "data_version")
        .values(int_value=version)
    )


def open_change(conn: Connection, jis: str, note: AuditNote, *, at: str, version: int) -> int:
    """Write the ``change_log`` row of a write (summary empty until :func:`summarise`)."""
    result = conn.execute(
        change_log.insert().values(
            jis_code=jis,
            at=at,
            who=note.who,
            action=note.action,
            source=note.source,
            source_sha256=note.source_sha256,
            summary="",
            data_version=version,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def set_summary(conn: Connection, change_id: int, summary: str) -> None:
    """Set the summary of a ``change_log`` row."""
    conn.execute(change_log.update().where(change_log.c.id == change_id).values(summary=summary))


def summarise(conn: Connection, change_id: int, counts: Mapping[str, int]) -> None:
    """Summarise a write by its counts per action (``add 3, edit 1``)."""
    set_summary(conn, change_id, ", ".join(f"{a} {n}" for a, n in sorted(counts.items())))


def insert_records(
    conn: Connection,
    jis: str,
    records: Sequence[Mapping[str, str]],
    *,
    at: str,
    who: str,
    match_levels: Mapping[str, str],
    source: str,
) -> None:
    """Insert new organisations after the city's last one, with all their rows.

    Parameters
    ----------
    source
        Where they come from (:data:`geo.model.ORG_SOURCES`).
    """
    last = conn.execute(
        sa.select(sa.func.coalesce(sa.func.max(organization.c.seq), 0)).where(
            organization.c.jis_code == jis
        )
    ).scalar_one()
    insert(
        conn,
        organization,
        [
            org_row(jis, r, seq=int(last) + i, at=at, who=who, source=source)
            for i, r in enumerate(records, 1)
        ],
    )
    parts = gather(part_rows(jis, r, match_levels.get(r["org_id"], "")) for r in records)
    for table, rows in parts.items():
        insert(conn, table, rows)


def check_changes(changes: Sequence[Change], source: str, reference: Reference) -> None:
    """Check every record of ``changes`` like an import.

    Raises
    ------
    DataValidationError
        Listing every problem.
    """
    with_records = [c for c in changes if c.record is not None]
    problems: list[Problem] = []
    for i, change in enumerate(with_records, start=1):
        assert change.record is not None
        if change.record.get("org_id") != change.org_id:
            problems.append(Problem(source, i, "org_id", change.org_id, "id_changed"))
    if with_records:
        frame = pd.DataFrame(
            [{c: r.record.get(c, "") for c in RECORD_COLUMNS} for r in with_records if r.record],
            columns=list(RECORD_COLUMNS),
        )
        problems += check_records(frame, source, reference)
    if problems:
        raise DataValidationError(problems)


def _add(txn: Txn, change: Change) -> None:
    assert change.record is not None
    taken = txn.conn.execute(
        sa.select(organization.c.id)
        .where(organization.c.jis_code == txn.jis)
        .where(organization.c.id == change.org_id)
    ).first()
    if taken:
        raise RegistryError(f"the id {change.org_id!r} is already taken")
    record = dict(change.record)
    levels = {change.org_id: change.match_level}
    source = change.source or txn.source
    insert_records(
        txn.conn, txn.jis, [record], at=txn.at, who=txn.who, match_levels=levels, source=source
    )
    created = json.dumps(record, ensure_ascii=False)
    txn.conn.execute(metadata_table.insert(), [txn.meta(change.org_id, "create", "", "", created)])


def _current(txn: Txn, change: Change) -> StoredOrg:
    found = stored_orgs(txn.conn, txn.jis, include_retired=True, ids=[change.org_id])
    if not found:
        raise RegistryError(f"there is no organisation with id {change.org_id!r}")
    old = found[0]
    if old.version != change.expected_version:
        raise ConflictError(
            f"{change.org_id} was changed by {old.updated_by} at {old.updated_at} "
            f"(version {old.version}, this change was based on version "
            f"{change.expected_version}); nothing was saved: reload and apply it again"
        )
    return old


def _differences(
    old: StoredOrg, change: Change
) -> tuple[str, dict[str, str], list[tuple[str, str, str]]]:
    """The new status and record, and every changed field as (name, before, after)."""
    status = {RETIRE: RETIRED, REACTIVATE: ACTIVE}.get(change.action, old.status)
    diffs: list[tuple[str, str, str]] = []
    if status != old.status:
        diffs.append(("status", old.status, status))
    record = dict(old.record) if change.record is None else dict(change.record)
    diffs += [(c, old.record[c], record[c]) for c in RECORD_COLUMNS if old.record[c] != record[c]]
    if change.source and change.source != old.source:
        diffs.append(("source", old.source, change.source))
    return status, record, diffs


def _replace_parts(txn: Txn, record: Mapping[str, str], match_level: str) -> None:
    for table, key in (
        (location, location.c.organization_id),
        (service_area, service_area.c.organization_id),
        (attribute, attribute.c.link_id),
        (contact, contact.c.organization_id),
    ):
        txn.conn.execute(
            table.delete().where(table.c.jis_code == txn.jis).where(key == record["org_id"])
        )
    for table, rows in part_rows(txn.jis, record, match_level).items():
        insert(txn.conn, table, rows)


def _update(txn: Txn, change: Change) -> bool:
    old = _current(txn, change)
    status, record, diffs = _differences(old, change)
    level = change.match_level or old.match_level
    if not diffs and level == old.match_level:
        return False
    updated = txn.conn.execute(
        organization.update()
        .where(organization.c.jis_code == txn.jis)
        .where(organization.c.id == change.org_id)
        .where(organization.c.version == old.version)
        .values(
            status=status,
            version=old.version + 1,
            updated_at=txn.at,
            updated_by=txn.who,
            source=change.source or old.source,
            **org_values(record),
        )
    )
    if updated.rowcount != 1:
        raise ConflictError(f"{change.org_id} changed while saving; nothing was saved")
    _replace_parts(txn, record, level)
    kind = {RETIRE: "retire", REACTIVATE: "reactivate"}.get(change.action, "update")
    rows = [txn.meta(change.org_id, kind, f, a, b) for f, a, b in diffs]
    if rows:
        txn.conn.execute(metadata_table.insert(), rows)
    return True


def apply_change(txn: Txn, change: Change) -> bool:
    """Apply one change; ``False`` when it changes nothing.

    Raises
    ------
    ConflictError
        When the organisation changed since the version the change was based on.
    RegistryError
        For an unknown organisation or an id already taken.
    """
    if change.action == ADD:
        _add(txn, change)
        return True
    return _update(txn, change)


def check_numbers(conn: Connection, jis: str, changes: Sequence[Change], source: str) -> None:
    """Refuse a 法人番号 that another organisation of the city already has.

    Raises
    ------
    DataValidationError
        Listing every 法人番号 taken (rows numbered as in :func:`check_changes`).
    """
    wanted: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    with_records = [c for c in changes if c.record is not None]
    for i, change in enumerate(with_records, start=1):
        assert change.record is not None
        number = change.record.get("corporate_number", "")
        if not number:
            continue
        if number in wanted:
            first = {"org_id": wanted[number][1]}
            problems.append(Problem(source, i, "corporate_number", number, "number_taken", first))
        wanted.setdefault(number, (i, change.org_id))
    if wanted:
        query = (
            sa.select(organization.c.corporate_number, organization.c.id)
            .where(organization.c.jis_code == jis)
            .where(organization.c.corporate_number.in_(list(wanted)))
        )
        for number, holder in conn.execute(query):
            row, org_id = wanted[number]
            if holder != org_id:
                taken = {"org_id": holder}
                problems.append(
                    Problem(source, row, "corporate_number", number, "number_taken", taken)
                )
    if problems:
        raise DataValidationError(problems)


def write_changes(
    conn: Connection,
    reference: Reference,
    changes: Sequence[Change],
    note: AuditNote,
    expected_data_version: int | None = None,
) -> WriteResult:
    """Write checked ``changes`` inside the write transaction of ``conn``.

    Raises
    ------
    DataValidationError
        When a 法人番号 is another organisation's.
    ConflictError
        When the registry or an organisation changed since the version given.
    RegistryError
        For an unknown organisation or an id already taken.
    """
    jis = reference.city.jis_code
    current = data_version(conn, jis, lock=True)
    if expected_data_version is not None and current != expected_data_version:
        raise ConflictError(
            f"the registry changed since this was prepared (version "
            f"{expected_data_version}, now {current}); nothing was saved: "
            "prepare it again"
        )
    if not changes:
        return WriteResult(None, current, {})
    check_numbers(conn, jis, changes, note.source or "form")
    sync_terms(conn, reference.catalog)
    at = now()
    change_id = open_change(conn, jis, note, at=at, version=current + 1)
    source = SOURCE_OF_ACTION.get(note.action, "form")
    txn = Txn(conn, jis, change_id, at, note.who, source)
    counts: dict[str, int] = {}
    for change in changes:
        if apply_change(txn, change):
            counts[change.action] = counts.get(change.action, 0) + 1
    if not counts:
        conn.rollback()
        return WriteResult(None, current, {})
    set_data_version(conn, jis, current + 1)
    summarise(conn, txn.change_id, counts)
    return WriteResult(txn.change_id, current + 1, counts)


__all__ = [
    "ADD",
    "EDIT",
    "IMPORT",
    "IMPORT_NPO",
    "REACTIVATE",
    "RETIRE",
    "SOURCE_OF_ACTION",
    "AuditNote",
    "Change",
    "Txn",
    "WriteResult",
    "apply_change",
    "check_changes",
    "check_numbers",
    "insert_records",
    "open_change",
    "set_data_version",
    "set_summary",
    "summarise",
    "sync_terms",
    "write_changes",
]
