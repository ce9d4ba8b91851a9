"""The registry store: the organisations of one city in an SQL database, every change audited.

:class:`Store` is what the pages and the command lines use. It puts together the jobs
kept in their own modules: the tables (:mod:`~geo.registry.schema`), one engine per
database (:mod:`~geo.registry.engine`), migrations (:mod:`~geo.registry.migrate`),
seeding (:mod:`~geo.registry.seed`), reads (:mod:`~geo.registry.reads`), writes with
their audit and optimistic concurrency (:mod:`~geo.registry.writes`) and snapshots
(:mod:`~geo.registry.snapshots`). Questions only reports and benchmarks ask (spatial
counts, national matrices, bulk loads) are in :mod:`geo.registry.analytics` and
:mod:`geo.registry.bulk`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import geopandas as gpd
import pandas as pd
from sqlalchemy.engine import Connection, Engine

from geo.city import YAMAGUCHI, CityConfig
from geo.io import validate_organisations
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.engine import engine_for, reading, sqlite_path, writing
from geo.registry.errors import RegistryError
from geo.registry.migrate import head_revision, migrate, schema_revision
from geo.registry.places import AREA
from geo.registry.reads import (
    AuditEntry,
    StoredOrg,
    audit,
    cities,
    data_version,
    next_ids,
    seeded,
    stored_orgs,
)
from geo.registry.seed import seed
from geo.registry.snapshots import list_snapshots, restore_snapshot, snapshot_dir, take_snapshot
from geo.registry.validation import Reference
from geo.registry.writes import (
    ADD,
    EDIT,
    REACTIVATE,
    RETIRE,
    AuditNote,
    Change,
    WriteResult,
    check_changes,
    write_changes,
)


class Store:
    """The organisation registry of one city, in a database that may hold several.

    Open with :meth:`open` (migrating the database and seeding the city on first use).
    Every query is limited to the city's rows (its JIS code). The database's engine is
    shared by every store of the process (see :mod:`geo.registry.engine`);
    :meth:`close` (or leaving a ``with`` block) ends the store's use of it.

    Parameters
    ----------
    engine
        SQLAlchemy engine of the database.
    reference
        The city's reference data every record is checked against.
    """

    def __init__(self, engine: Engine, reference: Reference) -> None:
        self.engine = engine
        self.reference = reference
        self.jis_code = reference.city.jis_code

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str,
        *,
        data_dir: Path | None = None,
        city: CityConfig | None = None,
        reference: Reference | None = None,
    ) -> Store:
        """Open the registry at ``url``, migrating it and seeding the city when new.

        Parameters
        ----------
        url
            SQLAlchemy URL (the ``registry_url`` of :class:`geo.settings.Settings`).
            ``postgresql://`` URLs use psycopg.
        data_dir
            The city's data directory: reference data, and ``organisations.csv`` to
            seed the city from; the city's bundled folder when ``None``.
        city
            The city; 山口市 when ``None``.
        reference
            Already loaded reference data (saves reading ``data_dir`` again); its city
            is the store's.

        Raises
        ------
        RegistryError
            When the database has a schema this program cannot read.
        DataValidationError
            When the city cannot be seeded from ``organisations.csv``.
        """
        ref = reference or Reference(data_dir, city or YAMAGUCHI)
        store = cls(engine_for(url), ref)
        store._ensure_ready()
        return store

    def close(self) -> None:
        """End this store's use of the database.

        Connections go back to the process's pool after every transaction, so nothing
        is held open; the engine stays for the next store of the same database.
        """

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def database_path(self) -> Path | None:
        """The SQLite file, or ``None`` for another database."""
        return sqlite_path(self.engine)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in a read transaction of the store's database."""
        with reading(self.engine) as conn:
            yield conn

    def _ensure_ready(self) -> None:
        with self.reading() as conn:
            if schema_revision(conn) == head_revision() and seeded(conn, self.jis_code):
                return
        with writing(self.engine) as conn:
            migrate(conn, self.url)
            if not seeded(conn, self.jis_code):
                seed(conn, self.reference)

    # --- reading ---------------------------------------------------------------------

    def data_version(self) -> int:
        """A number raised by every write to this city: readers reload when it changes."""
        with self.reading() as conn:
            return data_version(conn, self.jis_code)

    def cities(self) -> list[str]:
        """JIS codes of every city the database holds."""
        with self.reading() as conn:
            return cities(conn)

    def records(self, *, include_retired: bool = False, kind: str | None = None) -> list[StoredOrg]:
        """Organisations in registry order.

        Parameters
        ----------
        include_retired
            Also the retired ones.
        kind
            Only this kind (``council``, ``association``, ``civic_group``).
        """
        with self.reading() as conn:
            return stored_orgs(conn, self.jis_code, include_retired=include_retired, kind=kind)

    def get(self, org_id: str) -> StoredOrg:
        """One organisation, active or retired.

        Raises
        ------
        RegistryError
            When there is no organisation with ``org_id``.
        """
        with self.reading() as conn:
            found = stored_orgs(conn, self.jis_code, include_retired=True, ids=[org_id])
        if not found:
            raise RegistryError(f"there is no organisation with id {org_id!r}")
        return found[0]

    def read_organisations(self) -> gpd.GeoDataFrame:
        """The active organisations, exactly as :func:`geo.io.load_organisations` reads
        them from ``organisations.csv``; ``at_center`` marks those placed at their
        地域's 交流センター (match level ``area``)."""
        stored = self.records()
        frame = pd.DataFrame([s.record for s in stored], columns=list(RECORD_COLUMNS))
        ref = self.reference
        at_center = [s.org_id for s in stored if s.match_level == AREA]
        return validate_organisations(
            frame, "registry", ref.catalog, ref.outline, ref.city, at_center=at_center
        )

    def audit(self, limit: int = 100) -> list[AuditEntry]:
        """The latest writes, newest first."""
        with self.reading() as conn:
            return audit(conn, self.jis_code, limit)

    def next_ids(self, kind: str, count: int) -> list[str]:
        """``count`` unused ids for new organisations of ``kind``."""
        with self.reading() as conn:
            return next_ids(conn, self.jis_code, kind, count)

    # --- writing ---------------------------------------------------------------------

    def add(
        self, record: Mapping[str, str], *, who: str, source: str = "form", match_level: str = ""
    ) -> StoredOrg:
        """Add one organisation (validated like an import)."""
        change = Change(ADD, record["org_id"], record, match_level=match_level)
        self.write([change], who=who, action=ADD, source=source)
        return self.get(record["org_id"])

    def edit(
        self,
        org_id: str,
        record: Mapping[str, str],
        *,
        expected_version: int,
        who: str,
        source: str = "form",
        match_level: str = "",
    ) -> StoredOrg:
        """Change one organisation, refused when it changed since ``expected_version``."""
        change = Change(EDIT, org_id, record, expected_version, match_level)
        self.write([change], who=who, action=EDIT, source=source)
        return self.get(org_id)

    def retire(
        self, org_id: str, *, expected_version: int, who: str, source: str = "form"
    ) -> StoredOrg:
        """Retire one organisation: it stays in the registry but is no longer shown."""
        change = Change(RETIRE, org_id, None, expected_version)
        self.write([change], who=who, action=RETIRE, source=source)
        return self.get(org_id)

    def reactivate(
        self, org_id: str, *, expected_version: int, who: str, source: str = "form"
    ) -> StoredOrg:
        """Bring a retired organisation back."""
        change = Change(REACTIVATE, org_id, None, expected_version)
        self.write([change], who=who, action=REACTIVATE, source=source)
        return self.get(org_id)

    def write(
        self,
        changes: Sequence[Change],
        *,
        who: str,
        action: str,
        source: str = "",
        source_sha256: str = "",
        expected_data_version: int | None = None,
    ) -> WriteResult:
        """Write ``changes`` in one transaction with one audit record; all or nothing.

        Parameters
        ----------
        changes
            The changes; records are checked again before anything is written.
        who
            The editor, for the audit trail.
        action
            What the write is (``import``, ``add``, ``edit`` …).
        source
            The file the changes come from, or ``form``.
        source_sha256
            The file's SHA-256.
        expected_data_version
            Refuse when the registry has changed since this version (an import previewed
            before someone else's change).

        Raises
        ------
        DataValidationError
            When a record has problems.
        ConflictError
            When the registry or an organisation changed since the version given.
        RegistryError
            For an unknown organisation or an id already taken.
        """
        if not who.strip():
            raise RegistryError("say who makes the change")
        check_changes(changes, source or "form", self.reference)
        note = AuditNote(who=who, action=action, source=source, source_sha256=source_sha256)
        with writing(self.engine) as conn:
            return write_changes(conn, self.reference, changes, note, expected_data_version)

    # --- snapshots -------------------------------------------------------------------

    def snapshot_dir(self) -> Path:
        """Where snapshots of this registry are kept.

        Raises
        ------
        RegistryError
            For a database that is not SQLite.
        """
        return snapshot_dir(self.engine)

    def snapshot(self, label: str = "backup") -> Path:
        """Copy the whole registry into a new snapshot file (consistent while in use).

        Parameters
        ----------
        label
            Word in the file name (``backup``, ``before-import`` …).

        Returns
        -------
        The snapshot file.
        """
        return take_snapshot(self.engine, label)

    def snapshots(self) -> list[Path]:
        """Snapshot files, oldest first."""
        return list_snapshots(self.engine)

    def restore(self, snapshot: Path, *, who: str) -> tuple[Path, WriteResult]:
        """Replace the registry with ``snapshot``; the current state is saved first.

        See :func:`geo.registry.snapshots.restore_snapshot`.

        Raises
        ------
        RegistryError
            When the file is not a readable registry of this city.
        """
        return restore_snapshot(self.engine, self.jis_code, snapshot, who=who)


__all__ = ["Store"]
