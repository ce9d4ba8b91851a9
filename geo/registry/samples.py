"""A real list replacing a kind's sample rows.

Never silent: staff ask for it as part of the import's confirmation (the 取り込み
page's checkbox, ``--retire-samples`` on the command line). Then the kind's sample rows
that the file does not list join the plan's retirements, and those it lists (the 21
councils, found by name in the 協議会の部会 list) become real — unless the file says
itself which rows are sample (a サンプル column). The dry run shows both, and the import
writes them in the same transaction as the list; like every retirement, they are written
only when the file has no problems.
"""

from __future__ import annotations

import dataclasses

from geo.registry.columns import RECORD_COLUMNS
from geo.registry.plan import CHANGE, UNCHANGED, ImportPlan, PlannedRow, Retirement
from geo.registry.schema import ACTIVE
from geo.registry.store import Store


def sample_retirements(plan: ImportPlan, store: Store) -> tuple[Retirement, ...]:
    """The active sample rows of the plan's kind that the plan neither keeps nor retires.

    Parameters
    ----------
    plan
        A plan of :func:`~geo.registry.importer.plan_import`.
    store
        The registry the plan was made against.
    """
    listed = {r.record["org_id"] for r in plan.rows}
    listed |= {g.org_id for g in plan.retired}
    return tuple(
        Retirement(s.org_id, s.record["name"], s.version)
        for s in store.records(kind=plan.kind)
        if s.status == ACTIVE and s.record["is_sample"] == "true" and s.org_id not in listed
    )


def made_real(row: PlannedRow, stored: dict[str, str]) -> PlannedRow:
    """A planned row of a sample organisation, now real (its changes against ``stored``)."""
    if row.record["is_sample"] != "true":
        return row
    record = {**row.record, "is_sample": "false"}
    changes = tuple((c, stored[c], record[c]) for c in RECORD_COLUMNS if stored[c] != record[c])
    action = CHANGE if row.action == UNCHANGED else row.action
    return dataclasses.replace(row, action=action, record=record, changes=changes)


def with_sample_retirements(plan: ImportPlan, store: Store) -> ImportPlan:
    """``plan`` as the real list of its kind: the kind's sample rows the file does not list
    are retired (:func:`sample_retirements`), those it lists become real (unless the file
    has a サンプル column)."""
    if plan.file_problems:
        return plan
    rows = plan.rows
    if "is_sample" not in plan.columns.values():
        stored = {s.org_id: dict(s.record) for s in store.records(include_retired=True)}
        rows = tuple(
            made_real(r, stored[r.record["org_id"]]) if r.record["org_id"] in stored else r
            for r in rows
        )
    extra = sample_retirements(plan, store)
    return dataclasses.replace(plan, rows=rows, retired=(*plan.retired, *extra))


__all__ = ["made_real", "sample_retirements", "with_sample_retirements"]
