"""Retiring a kind's sample rows when a real list of that kind comes in.

Never silent: staff ask for it as part of the import's confirmation (the 取り込み
page's checkbox, ``--retire-samples`` on the command line). The sample rows then join the
plan's retirements, so the dry run lists them and the import writes them in the same
transaction as the list; like every retirement, they are written only when the file
has no problems.
"""

from __future__ import annotations

import dataclasses

from geo.registry.importer import ImportPlan, Retirement
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


def with_sample_retirements(plan: ImportPlan, store: Store) -> ImportPlan:
    """``plan`` that also retires the sample rows of its kind (see
    :func:`sample_retirements`)."""
    if plan.file_problems:
        return plan
    extra = sample_retirements(plan, store)
    return dataclasses.replace(plan, retired=(*plan.retired, *extra)) if extra else plan


__all__ = ["sample_retirements", "with_sample_retirements"]
