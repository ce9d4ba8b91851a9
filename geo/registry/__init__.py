"""The organisation registry: where staff keep councils, associations and civic groups.

Organisations live in an SQL database (SQLite under ``var/`` by default, any SQLAlchemy
URL such as PostgreSQL through the ``database_url`` setting), created and seeded from the
bundled ``organisations.csv`` on first use. The registry depends on the core (geo/),
never the other way round: the edges (the app's cache, the command lines) choose the
pages' source of organisations with :func:`organisation_source` and hand it to
:func:`geo.io.load_city`.

Public API
----------
:class:`Store`
    open / read / add / edit / retire / reactivate / write, audit trail, snapshots.
:func:`read_bytes`, :func:`read_path`, :func:`plan_import`, :func:`apply_plan`
    the import path shared by the 取り込み page and ``python -m geo.registry import``.
:func:`export_csv`, :func:`export_geojson`, :func:`export_hsds`
    exports; ``public=True`` keeps only the public allowlist of columns.
:func:`organisation_source`, :class:`RegistryOrganisations`, :func:`data_version`
    the registry as the pages' source of organisations, and its version.

Reports outside the app (spatial counts, national matrices, bulk loads) are in
:mod:`geo.registry.analytics` and :mod:`geo.registry.bulk`.
"""

from __future__ import annotations

from geo.registry.errors import ConflictError, RegistryError
from geo.registry.export import export_csv, export_geojson, export_hsds
from geo.registry.importer import (
    MAX_BYTES,
    ImportPlan,
    ImportResult,
    UnreadableFileError,
    apply_plan,
    plan_import,
    read_bytes,
    read_path,
)
from geo.registry.reads import AuditEntry, StoredOrg
from geo.registry.source import RegistryOrganisations, data_version, organisation_source
from geo.registry.store import Store
from geo.registry.validation import Reference
from geo.registry.writes import Change, WriteResult

__all__ = [
    "MAX_BYTES",
    "AuditEntry",
    "Change",
    "ConflictError",
    "ImportPlan",
    "ImportResult",
    "Reference",
    "RegistryError",
    "RegistryOrganisations",
    "Store",
    "StoredOrg",
    "UnreadableFileError",
    "WriteResult",
    "apply_plan",
    "data_version",
    "export_csv",
    "export_geojson",
    "export_hsds",
    "organisation_source",
    "plan_import",
    "read_bytes",
    "read_path",
]
