"""The organisation registry: where staff keep councils, associations and civic groups.

Organisations live in an SQL database (SQLite under ``var/`` by default, any SQLAlchemy
URL such as PostgreSQL by setting ``KYODO_DATABASE_URL``), created and seeded from the
bundled ``organisations.csv`` on first use. Pages keep reading organisations through
:func:`geo.io.load_organisations`, which reads the registry when it is enabled (see
:mod:`geo.registry.settings`).

Public API
----------
:class:`Store`
    open / read / add / edit / retire / reactivate / write, audit trail, snapshots.
:func:`read_bytes`, :func:`read_path`, :func:`plan_import`, :func:`apply_plan`
    the import path shared by the 取り込み page and ``python -m geo.registry import``.
:func:`export_csv`, :func:`export_geojson`, :func:`export_hsds`
    exports; ``public=True`` keeps only the public allowlist of columns.
:func:`open_store`, :func:`read_registry_organisations`, :func:`data_version`
    the registry of a data directory as configured by the environment.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geo.city import CityConfig
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
from geo.registry.settings import database_url, registry_enabled
from geo.registry.store import AuditEntry, Change, Store, StoredOrg, WriteResult
from geo.registry.validation import Reference

__all__ = [
    "MAX_BYTES",
    "AuditEntry",
    "Change",
    "ConflictError",
    "ImportPlan",
    "ImportResult",
    "Reference",
    "RegistryError",
    "Store",
    "StoredOrg",
    "UnreadableFileError",
    "WriteResult",
    "apply_plan",
    "data_version",
    "database_url",
    "export_csv",
    "export_geojson",
    "export_hsds",
    "open_store",
    "plan_import",
    "read_bytes",
    "read_path",
    "read_registry_organisations",
    "registry_enabled",
]


def open_store(data_dir: Path | None = None, city: CityConfig | None = None) -> Store:
    """The configured registry of ``city`` (``KYODO_CITY`` when ``None``), created and
    seeded from ``data_dir`` on first use."""
    return Store.open(database_url(), data_dir=data_dir, city=city)


def read_registry_organisations(
    data_dir: Path | None = None, city: CityConfig | None = None
) -> gpd.GeoDataFrame:
    """The active organisations of the configured registry, as ``load_organisations``."""
    with open_store(data_dir, city) as store:
        return store.read_organisations()


def data_version(data_dir: Path | None = None, city: CityConfig | None = None) -> int:
    """The registry's version (raised by every write); 0 when the registry is off.

    Cheap enough to call on every script run: cache loaded data on it.
    """
    if not registry_enabled():
        return 0
    with open_store(data_dir, city) as store:
        return store.data_version()
