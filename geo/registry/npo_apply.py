"""Writing an NPO法人 plan into the registry: one step after the dry run.

One path for the 取り込み page and ``python -m geo.registry import-npo``: :func:`read_for`
reads the file for the registry's city, :func:`plan_against` makes the plan
(:func:`geo.registry.npo_plan.plan_npo`) against the registry's civic groups
(:func:`known_orgs`, with their 法人番号 and source), and :func:`apply_npo_plan` writes it in
one transaction, after a snapshot of the registry (SQLite), with one audit record naming
the file and its SHA-256 (action ``import-npo``):

- new NPO法人 get unused ids (``Store.next_ids``) and the source ``npo_portal``;
- changed and reactivated ones are written against the version the plan saw, and become
  the national file's (source ``npo_portal``), so a staff list of civic groups never
  retires them;
- dissolved ones, and those the file no longer lists in the city, are retired; the
  sample civic groups too, only when staff ask for it (``retire_samples``);
- rows with problems (an address that cannot be placed, a bad 法人番号) are not in the
  plan: they are listed, and the rest is written.

The whole write is refused when the registry changed since the plan was made
(:class:`~geo.registry.errors.ConflictError`): nothing is lost, make the plan again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.model import NPO_PORTAL
from geo.registry.importer import ImportResult
from geo.registry.npo import KIND, NpoReading, read_npo
from geo.registry.npo_plan import (
    ADD,
    CHANGE,
    REACTIVATE,
    KnownOrg,
    NpoPlan,
    NpoPlannedRow,
    plan_npo,
)
from geo.registry.store import Store
from geo.registry.writes import EDIT, IMPORT_NPO, RETIRE, Change, WriteResult
from geo.registry.writes import REACTIVATE as REACTIVATE_WRITE


def known_orgs(store: Store) -> list[KnownOrg]:
    """The registry's civic groups, active and retired, as the NPO plan compares them."""
    return [
        KnownOrg(s.org_id, s.status, s.version, s.record, s.match_level, s.source)
        for s in store.records(include_retired=True, kind=KIND)
    ]


def read_for(store: Store, source: Path | bytes, *, name: str | None = None) -> NpoReading:
    """Read the national file for the store's city, placing addresses with its 町字 data.

    Raises
    ------
    UnreadableFileError
        When the file cannot be read, or is not the portal's layout.
    """
    ref = store.reference
    return read_npo(source, ref.city, place=ref.gazetteer.place, catalog=ref.catalog, name=name)


def plan_against(reading: NpoReading, store: Store, *, retire_missing: bool = True) -> NpoPlan:
    """The plan of ``reading`` against the registry as it is now (its version read first,
    so a write in between is caught when the plan is applied)."""
    version = store.data_version()
    return plan_npo(
        reading, known_orgs(store), retire_missing=retire_missing, base_data_version=version
    )


def _row_change(row: NpoPlannedRow, new_id: str) -> Change:
    """The write of one planned row (``new_id`` for an added one)."""
    if row.action == ADD:
        record = {**row.record, "org_id": new_id}
        return Change(ADD, new_id, record, None, row.match_level, NPO_PORTAL)
    action = EDIT if row.action == CHANGE else REACTIVATE_WRITE
    return Change(action, row.org_id, row.record, row.base_version, row.match_level, NPO_PORTAL)


def npo_changes(plan: NpoPlan, new_ids: Sequence[str], *, retire_samples: bool) -> list[Change]:
    """The writes of ``plan``: additions (with ``new_ids``, one per added row, in order),
    changes and reactivations, then retirements (the samples when ``retire_samples``)."""
    ids = iter(new_ids)
    out = [
        _row_change(r, next(ids) if r.action == ADD else "")
        for r in plan.rows
        if r.action in (ADD, CHANGE, REACTIVATE)
    ]
    gone = [*plan.retired, *(plan.samples if retire_samples else ())]
    seen: set[str] = set()
    for g in gone:
        if g.org_id not in seen:
            seen.add(g.org_id)
            out.append(Change(RETIRE, g.org_id, None, g.version))
    return out


def apply_npo_plan(
    plan: NpoPlan, store: Store, *, who: str, retire_samples: bool = False
) -> ImportResult:
    """Write an NPO plan in one transaction after a snapshot, as :func:`apply_plan` does.

    Parameters
    ----------
    plan
        Made by :func:`~geo.registry.npo_plan.plan_npo` against the registry's current
        version (``base_data_version``) with :func:`known_orgs`.
    store
        The registry.
    who
        The editor, for the audit trail.
    retire_samples
        Also retire the sample civic groups (:attr:`NpoPlan.samples`).

    Returns
    -------
    The write (counts per action, the new registry version) and the snapshot taken.

    Raises
    ------
    ConflictError
        When the registry changed since the plan was made.
    DataValidationError
        When a record has problems, or a 法人番号 is another organisation's.
    """
    added = plan.with_action(ADD)
    new_ids = store.next_ids(KIND, len(added)) if added else []
    changes = npo_changes(plan, new_ids, retire_samples=retire_samples)
    if not changes:
        return ImportResult(WriteResult(None, plan.base_data_version, {}), None)
    before = store.snapshot("before-import") if store.database_path else None
    reading = plan.reading
    result = store.write(
        changes,
        who=who,
        action=IMPORT_NPO,
        source=reading.source,
        source_sha256=reading.sha256,
        expected_data_version=plan.base_data_version,
    )
    return ImportResult(result, before)


__all__ = ["apply_npo_plan", "known_orgs", "npo_changes", "plan_against", "read_for"]
