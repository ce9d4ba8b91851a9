"""データの状況 from the registry: real and sample rows, sources and the last imports.

:func:`data_status` counts the city's active organisations per kind (the NPO法人 among
the civic groups apart), sample or real and per source, and finds the last import of a
list of each kind in the audit trail: the newest ``import`` whose changes touched an
organisation of the kind (for the NPO法人, the newest ``import-npo``).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.datastatus import NPO_FORM, STATUS_KINDS, KindStatus, LastImport
from geo.registry.schema import ACTIVE, change_log, metadata_table, organization
from geo.registry.store import Store
from geo.registry.writes import IMPORT, IMPORT_NPO

NPO = "npo"


def _counts(conn: Connection, jis: str) -> dict[str, dict[tuple[bool, str], int]]:
    """Active organisations per status kind, by (sample, source)."""
    o = organization
    is_npo = (o.c.kind == "civic_group") & (o.c.legal_status == NPO_FORM)
    query = (
        sa.select(o.c.kind, is_npo.label("npo"), o.c.is_sample, o.c.source, sa.func.count())
        .where(o.c.jis_code == jis)
        .where(o.c.status == ACTIVE)
        .group_by(o.c.kind, is_npo, o.c.is_sample, o.c.source)
    )
    out: dict[str, dict[tuple[bool, str], int]] = {k: {} for k in STATUS_KINDS}
    for kind, npo, sample, source, n in conn.execute(query):
        for key in (kind, NPO) if npo else (kind,):
            by = out.setdefault(key, {})
            by[(bool(sample), source)] = by.get((bool(sample), source), 0) + int(n)
    return out


def _last_imports(conn: Connection, jis: str) -> dict[str, LastImport]:
    """The newest import touching each kind (``import-npo`` for the NPO法人)."""
    c, m, o = change_log, metadata_table, organization
    touched = (
        sa.select(o.c.kind, c.c.action, sa.func.max(c.c.id).label("last"))
        .select_from(
            c.join(m, m.c.change_id == c.c.id).join(
                o, (o.c.jis_code == c.c.jis_code) & (o.c.id == m.c.resource_id)
            )
        )
        .where(c.c.jis_code == jis)
        .where(c.c.action.in_([IMPORT, IMPORT_NPO]))
        .group_by(o.c.kind, c.c.action)
    )
    newest: dict[str, int] = {}
    for kind, action, last in conn.execute(touched):
        key = NPO if action == IMPORT_NPO else kind
        newest[key] = max(newest.get(key, 0), int(last))
    if not newest:
        return {}
    rows = conn.execute(sa.select(c).where(c.c.id.in_(list(newest.values())))).all()
    by_id: dict[int, Any] = {r.id: r for r in rows}
    return {
        key: LastImport(by_id[i].at, by_id[i].who, by_id[i].source, by_id[i].action)
        for key, i in newest.items()
    }


def _status(kind: str, counts: dict[tuple[bool, str], int], last: LastImport | None) -> KindStatus:
    sources: dict[str, int] = {}
    for (_, source), n in counts.items():
        sources[source or "import"] = sources.get(source or "import", 0) + n
    ordered = dict(sorted(sources.items(), key=lambda item: (-item[1], item[0])))
    real = sum(n for (sample, _), n in counts.items() if not sample)
    sample = sum(n for (is_sample, _), n in counts.items() if is_sample)
    return KindStatus(kind, real, sample, ordered, last)


def data_status(store: Store) -> tuple[KindStatus, ...]:
    """The status of every kind (:data:`geo.datastatus.STATUS_KINDS`) in the registry.

    Parameters
    ----------
    store
        The registry of the city.
    """
    with store.reading() as conn:
        counts = _counts(conn, store.jis_code)
        last = _last_imports(conn, store.jis_code)
    return tuple(_status(k, counts.get(k, {}), last.get(k)) for k in STATUS_KINDS)


__all__ = ["data_status"]
