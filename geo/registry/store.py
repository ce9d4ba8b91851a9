"""The registry store: organisations in an SQL database, every change audited.

Tables follow Open Referral HSDS names where they fit:

=================  ====================================================================
``organization``   one row per organisation: kind, name, ``legal_status``, households,
                   自主防災組織, last confirmed, sample flag, ``status`` (active /
                   retired) and ``version`` (raised by every change)
``location``       its address (``address_1``), point, base area and match level
``service_area``   the areas it serves (``*`` for the whole city)
``taxonomy_term``  the fields of activity; ``attribute`` links organisations to them
``contact``        representative, phone, email, notes: private, staff views only
``change_log``     one row per write: who, when, what, from which file
``metadata``       HSDS change metadata: one row per changed field of a write
``registry_state`` the city, the schema version and ``data_version`` (raised by every
                   write, so readers can tell when to reload)
=================  ====================================================================

SQLite (the default) takes the write lock at the start of every write
(``BEGIN IMMEDIATE``); any other SQLAlchemy URL (PostgreSQL) works the same way
through row locks. An edit names the version it was based on and is refused when the
organisation has changed since (:class:`~geo.registry.errors.ConflictError`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo.city import CityConfig, configured_city
from geo.crs import to_wgs84
from geo.errors import DataValidationError, Problem
from geo.io import _read_csv, validate_organisations
from geo.registry import settings
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.errors import ConflictError, RegistryError
from geo.registry.validation import Reference, check_records
from geo.registry.values import clean_record

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

ACTIVE = "active"
RETIRED = "retired"

ADD = "add"
EDIT = "edit"
RETIRE = "retire"
REACTIVATE = "reactivate"

#: Id prefix of new organisations of each kind (``cg-0343``).
ID_PREFIX = {"council": "council-", "association": "assoc-", "civic_group": "cg-"}

_WRITE = "kyodo_write"

md = sa.MetaData()

JIS = sa.String(8)


def _org_key(table: str, column: str = "organization_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["jis_code", column],
        ["organization.jis_code", "organization.id"],
        name=f"fk_{table}_organization",
    )


organization = sa.Table(
    "organization",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("legal_status", sa.String(32), nullable=False),
    sa.Column("households", sa.Integer),
    sa.Column("has_jishubo", sa.Boolean),
    sa.Column("last_confirmed", sa.Date),
    sa.Column("is_sample", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "id", name="pk_organization"),
    sa.Index("ix_organization_jis_code_seq", "jis_code", "seq"),
    sa.Index("ix_organization_jis_code_kind", "jis_code", "kind"),
)

location = sa.Table(
    "location",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("organization_id", sa.String(64), nullable=False),
    sa.Column("address_1", sa.Text, nullable=False),
    sa.Column("longitude", sa.Float, nullable=False),
    sa.Column("latitude", sa.Float, nullable=False),
    sa.Column("area_id", sa.String(64), nullable=False),
    sa.Column("match_level", sa.String(16), nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "organization_id", name="pk_location"),
    _org_key("location"),
    sa.Index("ix_location_jis_code_area_id", "jis_code", "area_id"),
)

service_area = sa.Table(
    "service_area",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("organization_id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("area_id", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "organization_id", "position", name="pk_service_area"),
    _org_key("service_area"),
)

taxonomy_term = sa.Table(
    "taxonomy_term",
    md,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("taxonomy", sa.String(16), nullable=False),
)

attribute = sa.Table(
    "attribute",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("link_id", sa.String(64), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("link_type", sa.String(32), nullable=False),
    sa.Column("taxonomy_term_id", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "link_id", "position", name="pk_attribute"),
    _org_key("attribute", "link_id"),
    sa.ForeignKeyConstraint(
        ["taxonomy_term_id"], ["taxonomy_term.id"], name="fk_attribute_taxonomy_term"
    ),
)

contact = sa.Table(
    "contact",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("organization_id", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("phone", sa.Text, nullable=False),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("jis_code", "organization_id", name="pk_contact"),
    _org_key("contact"),
)

change_log = sa.Table(
    "change_log",
    md,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("data_version", sa.Integer, nullable=False),
    sa.Column("jis_code", JIS, nullable=False, server_default=""),
    sa.Index("ix_change_log_jis_code", "jis_code"),
)

metadata_table = sa.Table(
    "metadata",
    md,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("change_id", sa.Integer, sa.ForeignKey("change_log.id"), nullable=False, index=True),
    sa.Column("resource_id", sa.String(64), nullable=False, index=True),
    sa.Column("resource_type", sa.String(32), nullable=False),
    sa.Column("last_action_date", sa.String(40), nullable=False),
    sa.Column("last_action_type", sa.String(16), nullable=False),
    sa.Column("field_name", sa.String(32), nullable=False),
    sa.Column("previous_value", sa.Text, nullable=False),
    sa.Column("replacement_value", sa.Text, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)

registry_state = sa.Table(
    "registry_state",
    md,
    sa.Column("jis_code", JIS, nullable=False),
    sa.Column("key", sa.String(32), nullable=False),
    sa.Column("int_value", sa.Integer),
    sa.Column("text_value", sa.Text),
    sa.PrimaryKeyConstraint("jis_code", "key", name="pk_registry_state"),
)

#: The PostGIS point of a location (PostgreSQL with PostGIS only; see migration 0003).
_GEOM: sa.ColumnClause[Any] = sa.literal_column("location.geom")
#: WGS84.
_SRID = 4326

#: Record columns that live in the private ``contact`` table.
CONTACT_COLUMNS = {"representative": "name", "phone": "phone", "email": "email", "notes": "notes"}


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
    """

    record: Mapping[str, str]
    status: str
    version: int
    match_level: str
    updated_at: str
    updated_by: str

    @property
    def org_id(self) -> str:
        """The registry id."""
        return self.record["org_id"]


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
    """

    action: str
    org_id: str
    record: Mapping[str, str] | None = None
    expected_version: int | None = None
    match_level: str = ""


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _engine(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":  # the installed driver, not psycopg2
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    if not parsed.database or parsed.database == ":memory:":
        raise RegistryError("an in-memory SQLite registry is not supported: give a file path")
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed, poolclass=sa.pool.NullPool, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the BEGIN below is ours
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA busy_timeout = 30000")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _text_bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _bool(text: str) -> bool | None:
    return None if text == "" else text == "true"


# --- migrations --------------------------------------------------------------------------

#: Alembic's folder: ``env.py`` and ``versions/``.
MIGRATIONS = Path(__file__).with_name("migrations")
#: The revision of registries made before migrations existed (schema version 1).
FIRST_REVISION = "0001"
#: Key of the PostgreSQL advisory lock held while migrating and seeding.
_MIGRATION_LOCK = 0x6B796F646F
#: Alembic's ``context`` and ``op`` are process globals: one migration at a time per
#: process (taken after the database's own lock, so never the other way round).
_ALEMBIC = threading.Lock()


def _alembic_config(conn: Connection) -> AlembicConfig:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = conn
    return config


@functools.cache
def _revisions() -> tuple[str, ...]:
    """Every known revision, oldest first; the last is the head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return tuple(reversed([r.revision for r in script.walk_revisions()]))


def head_revision() -> str:
    """The schema revision this program writes and reads."""
    return _revisions()[-1]


def schema_revision(conn: Connection) -> str | None:
    """The database's revision: ``None`` for an empty database, :data:`FIRST_REVISION` for
    a registry made before migrations existed."""
    inspector = sa.inspect(conn)
    if inspector.has_table("alembic_version"):
        found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        return None if found is None else str(found)
    if inspector.has_table(registry_state.name):
        return FIRST_REVISION
    return None


def migrate(conn: Connection, url: str) -> None:
    """Bring the database of ``conn`` to the head revision, inside its transaction.

    A registry made before migrations existed (no ``alembic_version`` table, schema
    version 1 in ``registry_state``) is stamped with the first revision, then upgraded.

    Raises
    ------
    RegistryError
        When the database has a revision this program does not know (a newer program
        has upgraded it), an unknown schema, or data an upgrade cannot carry over (the
        transaction is then rolled back by the caller: nothing changes).
    """
    from alembic import command

    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
    current = schema_revision(conn)
    if current is not None and current not in _revisions():
        raise RegistryError(
            f"the registry at {url} has schema revision {current}, which this program does "
            f"not know (it reads {head_revision()}): run the newer program"
        )
    config = _alembic_config(conn)
    with _ALEMBIC:
        if current == FIRST_REVISION and not sa.inspect(conn).has_table("alembic_version"):
            found = conn.execute(
                sa.text("SELECT int_value FROM registry_state WHERE key = 'schema_version'")
            ).scalar()
            if found != 1:
                raise RegistryError(
                    f"the registry at {url} has schema version {found}, which this program "
                    "cannot upgrade"
                )
            command.stamp(config, FIRST_REVISION)
        if current != head_revision():
            try:
                command.upgrade(config, "head")
            except sa.exc.DBAPIError as exc:
                raise RegistryError(
                    f"the registry at {url} could not be upgraded from revision {current} "
                    f"to {head_revision()}, and was left as it was: {exc.orig}"
                ) from exc


class Store:
    """The organisation registry of one city, in a database that may hold several.

    Open with :meth:`open` (migrating the database and seeding the city on first use)
    and close with :meth:`close`, or use it as a context manager. Every query is
    limited to the city's rows (its JIS code).

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
        url: str | None = None,
        *,
        data_dir: Path | None = None,
        city: CityConfig | None = None,
        reference: Reference | None = None,
    ) -> Store:
        """Open the registry at ``url``, migrating it and seeding the city when new.

        Parameters
        ----------
        url
            SQLAlchemy URL; :func:`geo.registry.settings.database_url` when ``None``.
            ``postgresql://`` URLs use psycopg.
        data_dir
            The city's data directory: reference data, and ``organisations.csv`` to
            seed the city from; the city's bundled folder when ``None``.
        city
            The city; the configured one (``KYODO_CITY``) when ``None``.
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
        ref = reference or Reference(data_dir, city or configured_city())
        store = cls(_engine(url or settings.database_url()), ref)
        try:
            store._ensure_ready()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

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
        if self.engine.url.get_backend_name() != "sqlite" or not self.engine.url.database:
            return None
        return Path(self.engine.url.database)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    def _ensure_ready(self) -> None:
        with self._read() as conn:
            if schema_revision(conn) == head_revision() and self._seeded(conn):
                return
        with self._write() as conn:
            migrate(conn, self.url)
            if not self._seeded(conn):
                self._seed(conn)

    def _seeded(self, conn: Connection) -> bool:
        found = conn.execute(
            sa.select(registry_state.c.key)
            .where(registry_state.c.jis_code == self.jis_code)
            .where(registry_state.c.key == "data_version")
        ).first()
        return found is not None

    def _seed(self, conn: Connection) -> None:
        path = self.reference.data_dir / "organisations.csv"
        raw = _read_csv(path)
        vocab = self.reference.vocabulary
        today = dt.date.today()
        records: list[dict[str, str]] = []
        problems: list[Problem] = []
        for i, row in enumerate(raw.to_dict("records"), start=1):
            cells = {c: str(row.get(c, "")) for c in RECORD_COLUMNS}
            record, found = clean_record(cells, vocab, today=today)
            for column, items in found.items():
                problems += [f.at(path.name, i, column) for f in items]
            records.append(record)
        frame = pd.DataFrame(records, columns=list(RECORD_COLUMNS))
        problems += check_records(frame, path.name, self.reference)
        if problems:
            raise DataValidationError(problems)
        city = self.reference.city
        conn.execute(
            registry_state.insert(),
            [
                {"jis_code": city.jis_code, "key": key, "int_value": i, "text_value": t}
                for key, i, t in (
                    ("data_version", 1, None),
                    ("created_at", None, _now()),
                    ("name", None, city.name_ja),
                )
            ],
        )
        self._sync_terms(conn)
        at = _now()
        change_id = self._log(
            conn, who="seed", action="seed", source=path.name, sha="", at=at, version=1
        )
        self._insert(conn, records, at=at, who="seed", match_levels={})
        conn.execute(
            metadata_table.insert(),
            [self._meta(change_id, r["org_id"], at, "create", "", "", "", "seed") for r in records],
        )
        self._summarise(conn, change_id, {ADD: len(records)})

    def _sync_terms(self, conn: Connection) -> None:
        known = set(conn.execute(sa.select(taxonomy_term.c.id)).scalars())
        rows = [
            {"id": f.code, "code": f.code, "name": f.name_ja, "taxonomy": f.kind}
            for f in self.reference.catalog.fields
            if f.code not in known
        ]
        if rows:
            conn.execute(taxonomy_term.insert(), rows)

    # --- reading ---------------------------------------------------------------------

    def data_version(self) -> int:
        """A number raised by every write to this city: readers reload when it changes."""
        with self._read() as conn:
            return self._data_version(conn)

    def _data_version(self, conn: Connection, *, lock: bool = False) -> int:
        query = (
            sa.select(registry_state.c.int_value)
            .where(registry_state.c.jis_code == self.jis_code)
            .where(registry_state.c.key == "data_version")
        )
        if lock:
            query = query.with_for_update()
        return int(conn.execute(query).scalar_one())

    def cities(self) -> list[str]:
        """JIS codes of every city the database holds."""
        with self._read() as conn:
            return list(
                conn.execute(
                    sa.select(registry_state.c.jis_code)
                    .where(registry_state.c.key == "data_version")
                    .order_by(registry_state.c.jis_code)
                ).scalars()
            )

    def records(self, *, include_retired: bool = False, kind: str | None = None) -> list[StoredOrg]:
        """Organisations in registry order.

        Parameters
        ----------
        include_retired
            Also the retired ones.
        kind
            Only this kind (``council``, ``association``, ``civic_group``).
        """
        with self._read() as conn:
            return self._records(conn, include_retired=include_retired, kind=kind)

    def _records(
        self,
        conn: Connection,
        *,
        include_retired: bool = False,
        kind: str | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[StoredOrg]:
        o, loc, con = organization, location, contact
        jis = self.jis_code
        query = (
            sa.select(
                o, loc, con.c.name.label("contact_name"), con.c.phone, con.c.email, con.c.notes
            )
            .select_from(
                o.join(
                    loc, (loc.c.jis_code == o.c.jis_code) & (loc.c.organization_id == o.c.id)
                ).outerjoin(
                    con, (con.c.jis_code == o.c.jis_code) & (con.c.organization_id == o.c.id)
                )
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
        rows = conn.execute(query).all()
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
        wanted = {r.id for r in rows}
        fields: dict[str, list[str]] = {}
        served: dict[str, list[str]] = {}
        for link_id, term in conn.execute(terms):
            if link_id in wanted:
                fields.setdefault(link_id, []).append(term)
        for org_id, area_id in conn.execute(areas):
            if org_id in wanted:
                served.setdefault(org_id, []).append(area_id)
        out = []
        for r in rows:
            record = {
                "org_id": r.id,
                "kind": r.kind,
                "name": r.name,
                "fields": ";".join(fields.get(r.id, [])),
                "area_id": r.area_id,
                "service_areas": ";".join(served.get(r.id, [])),
                "legal_form": r.legal_status,
                "households": "" if r.households is None else str(r.households),
                "has_jishubo": _text_bool(r.has_jishubo),
                "last_confirmed": "" if r.last_confirmed is None else r.last_confirmed.isoformat(),
                "is_sample": _text_bool(r.is_sample),
                "address": r.address_1,
                "lon": f"{r.longitude:.6f}",
                "lat": f"{r.latitude:.6f}",
                "representative": r.contact_name or "",
                "phone": r.phone or "",
                "email": r.email or "",
                "notes": r.notes or "",
            }
            out.append(
                StoredOrg(record, r.status, r.version, r.match_level, r.updated_at, r.updated_by)
            )
        return out

    def get(self, org_id: str) -> StoredOrg:
        """One organisation, active or retired.

        Raises
        ------
        RegistryError
            When there is no organisation with ``org_id``.
        """
        with self._read() as conn:
            found = self._records(conn, include_retired=True, ids=[org_id])
        if not found:
            raise RegistryError(f"there is no organisation with id {org_id!r}")
        return found[0]

    def read_organisations(self) -> gpd.GeoDataFrame:
        """The active organisations, exactly as :func:`geo.io.load_organisations` returns."""
        records = [s.record for s in self.records()]
        frame = pd.DataFrame(records, columns=list(RECORD_COLUMNS))
        ref = self.reference
        return validate_organisations(frame, "registry", ref.catalog, ref.outline, ref.city)

    def dump(self) -> list[dict[str, str]]:
        """Every organisation with its status and version, for comparisons."""
        return [
            {**s.record, "status": s.status, "version": str(s.version)}
            for s in self.records(include_retired=True)
        ]

    def audit(self, limit: int = 100) -> list[AuditEntry]:
        """The latest writes, newest first."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(change_log)
                .where(change_log.c.jis_code == self.jis_code)
                .order_by(change_log.c.id.desc())
                .limit(limit)
            ).all()
        return [
            AuditEntry(
                r.id, r.at, r.who, r.action, r.source, r.source_sha256, r.summary, r.data_version
            )
            for r in rows
        ]

    def audit_details(self, change_id: int) -> list[dict[str, str]]:
        """The field-level changes of one write."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(metadata_table)
                .join(change_log, change_log.c.id == metadata_table.c.change_id)
                .where(metadata_table.c.change_id == change_id)
                .where(change_log.c.jis_code == self.jis_code)
                .order_by(metadata_table.c.id)
            ).all()
        return [
            {
                "resource_id": r.resource_id,
                "action": r.last_action_type,
                "field": r.field_name,
                "previous": r.previous_value,
                "new": r.replacement_value,
            }
            for r in rows
        ]

    def next_ids(self, kind: str, count: int) -> list[str]:
        """``count`` unused ids for new organisations of ``kind``."""
        prefix = ID_PREFIX[kind]
        with self._read() as conn:
            ids = conn.execute(
                sa.select(organization.c.id)
                .where(organization.c.jis_code == self.jis_code)
                .where(organization.c.id.startswith(prefix))
            ).scalars()
            numbers = [int(i[len(prefix) :]) for i in ids if i[len(prefix) :].isdigit()]
        start = max(numbers, default=0) + 1
        return [f"{prefix}{n:04d}" for n in range(start, start + count)]

    # --- spatial ---------------------------------------------------------------------

    @functools.cached_property
    def spatial_engine(self) -> str:
        """``postgis`` when the database does the spatial work, else ``shapely``.

        PostGIS is used on PostgreSQL when the migration could add ``location.geom``
        (the extension was available); everywhere else the points are read and tested
        with shapely. Both give the same answers.
        """
        if self.engine.dialect.name != "postgresql":
            return "shapely"
        query = sa.text(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'location' AND column_name = 'geom'"
        )
        with self._read() as conn:
            return "shapely" if conn.execute(query).first() is None else "postgis"

    def _points(
        self, kinds: Collection[str] | None, fields: Collection[str] | None, *, geom: bool = False
    ) -> sa.Select[Any]:
        o, loc = organization, location
        columns: list[Any] = [o.c.id, loc.c.longitude, loc.c.latitude]
        if geom:
            columns.append(_GEOM.label("geom"))
        query = (
            sa.select(*columns)
            .select_from(
                o.join(loc, (loc.c.jis_code == o.c.jis_code) & (loc.c.organization_id == o.c.id))
            )
            .where(o.c.jis_code == self.jis_code)
            .where(o.c.status == ACTIVE)
            .order_by(o.c.seq)
        )
        if kinds is not None:
            query = query.where(o.c.kind.in_(sorted(kinds)))
        if fields is not None:
            query = query.where(
                o.c.id.in_(
                    sa.select(attribute.c.link_id)
                    .where(attribute.c.jis_code == self.jis_code)
                    .where(attribute.c.taxonomy_term_id.in_(sorted(fields)))
                )
            )
        return query

    def _point_tree(
        self, kinds: Collection[str] | None, fields: Collection[str] | None
    ) -> tuple[list[str], shapely.STRtree]:
        with self._read() as conn:
            rows = conn.execute(self._points(kinds, fields)).all()
        points = shapely.points([r.longitude for r in rows], [r.latitude for r in rows])
        return [r.id for r in rows], shapely.STRtree(points)

    def ids_within_bounds(
        self,
        west: float,
        south: float,
        east: float,
        north: float,
        *,
        kinds: Collection[str] | None = None,
        fields: Collection[str] | None = None,
    ) -> list[str]:
        """Active organisations whose point lies within the bounds (edges included).

        Parameters
        ----------
        west, south, east, north
            WGS84 bounds, e.g. of the map's view.
        kinds
            Only these kinds (``council``, ``association``, ``civic_group``).
        fields
            Only organisations active in any of these field codes.

        Returns
        -------
        Their ids, in registry order.
        """
        if west > east or south > north:
            raise ValueError(f"empty bounds: west {west} east {east}, south {south} north {north}")
        query = self._points(kinds, fields)
        if self.spatial_engine == "postgis":
            envelope = sa.func.ST_MakeEnvelope(west, south, east, north, _SRID)
            query = query.where(sa.func.ST_Intersects(_GEOM, envelope))
        else:
            query = query.where(
                location.c.longitude.between(west, east), location.c.latitude.between(south, north)
            )
        with self._read() as conn:
            return [r.id for r in conn.execute(query)]

    def points_in_area(
        self,
        area: shapely.Geometry,
        *,
        kinds: Collection[str] | None = None,
        fields: Collection[str] | None = None,
    ) -> list[str]:
        """Active organisations whose point lies in ``area`` (its boundary included).

        Parameters
        ----------
        area
            A polygon or multipolygon in WGS84 longitude/latitude.
        kinds, fields
            As for :meth:`ids_within_bounds`.

        Returns
        -------
        Their ids, in registry order.
        """
        if self.spatial_engine == "postgis":
            shape = sa.func.ST_GeomFromWKB(sa.literal(shapely.to_wkb(area), sa.LargeBinary), _SRID)
            query = self._points(kinds, fields).where(sa.func.ST_Covers(shape, _GEOM))
            with self._read() as conn:
                return [r.id for r in conn.execute(query)]
        ids, tree = self._point_tree(kinds, fields)
        return [ids[i] for i in sorted(tree.query(area, predicate="covers"))]

    def counts_per_area(
        self,
        areas: gpd.GeoDataFrame | None = None,
        *,
        kinds: Collection[str] | None = None,
        fields: Collection[str] | None = None,
    ) -> pd.Series:
        """Number of active organisations whose point lies in each area.

        A point on an area's boundary is in it; one on the border of two areas counts
        in both.

        Parameters
        ----------
        areas
            Areas with unique ``area_id`` values (any CRS); the city's areas when
            ``None``.
        kinds, fields
            As for :meth:`ids_within_bounds`.

        Returns
        -------
        Counts indexed by ``area_id``, in the areas' order (0 for an empty area).
        """
        frame = to_wgs84(self.reference.areas if areas is None else areas)
        ids = [str(a) for a in frame["area_id"]]
        if len(set(ids)) != len(ids):
            raise ValueError("area ids must be unique")
        geoms = list(frame.geometry)
        if self.spatial_engine == "postgis":
            counts = self._postgis_counts(ids, geoms, kinds, fields)
        else:
            _, tree = self._point_tree(kinds, fields)
            pairs = tree.query(geoms, predicate="covers")
            hits = np.bincount(pairs[0], minlength=len(geoms))
            counts = {i: int(n) for i, n in zip(ids, hits, strict=True)}
        return pd.Series(
            [counts.get(i, 0) for i in ids],
            index=pd.Index(ids, name="area_id"),
            name="organisations",
            dtype="int64",
        )

    def _postgis_counts(
        self,
        ids: Sequence[str],
        geoms: Sequence[shapely.Geometry],
        kinds: Collection[str] | None,
        fields: Collection[str] | None,
    ) -> dict[str, int]:
        from sqlalchemy.dialects.postgresql import ARRAY

        areas = (
            sa.func.unnest(
                sa.bindparam("area_ids", list(ids), type_=ARRAY(sa.Text)),
                sa.bindparam(
                    "area_wkbs", [shapely.to_wkb(g) for g in geoms], type_=ARRAY(sa.LargeBinary)
                ),
            )
            .table_valued("area_id", "wkb")
            .render_derived(name="a")
        )
        points = self._points(kinds, fields, geom=True).subquery("p")
        shape = sa.func.ST_GeomFromWKB(areas.c.wkb, _SRID)
        query = (
            sa.select(areas.c.area_id, sa.func.count(points.c.id))
            .select_from(areas.outerjoin(points, sa.func.ST_Covers(shape, points.c.geom)))
            .group_by(areas.c.area_id)
        )
        with self._read() as conn:
            return {str(a): int(n) for a, n in conn.execute(query)}

    # --- national scale --------------------------------------------------------------

    def bulk_load(
        self,
        records: Sequence[Mapping[str, str]],
        *,
        who: str,
        jis_codes: Sequence[str] | None = None,
        source: str = "bulk",
    ) -> int:
        """Insert many new organisations at once, each under its own municipality.

        For loading large, already checked data (a national benchmark, a migration):
        the records are **not** validated against the city's reference data and no
        per-field audit rows are written; one ``change_log`` row records the load,
        under the store's city, and raises its ``data_version``. On PostgreSQL the rows
        travel with ``COPY``, elsewhere as batched inserts.

        Parameters
        ----------
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
        codes = [self.jis_code] * len(records) if jis_codes is None else [str(c) for c in jis_codes]
        if len(codes) != len(records):
            raise ValueError(f"{len(codes)} JIS codes for {len(records)} records")
        if not records:
            return 0
        at = _now()
        with self._write() as conn:
            current = self._data_version(conn, lock=True)
            self._sync_terms(conn)
            change_id = self._log(
                conn, who=who, action="bulk", source=source, sha="", at=at, version=current + 1
            )
            starts = {
                str(j): int(s)
                for j, s in conn.execute(
                    sa.select(organization.c.jis_code, sa.func.max(organization.c.seq))
                    .where(organization.c.jis_code.in_(sorted(set(codes))))
                    .group_by(organization.c.jis_code)
                )
            }
            orgs: list[dict[str, Any]] = []
            locations: list[dict[str, Any]] = []
            areas: list[dict[str, Any]] = []
            terms: list[dict[str, Any]] = []
            contacts: list[dict[str, Any]] = []
            for jis, r in zip(codes, records, strict=True):
                seq = starts[jis] = starts.get(jis, 0) + 1
                org_id = r["org_id"]
                orgs.append(
                    {
                        "jis_code": jis,
                        "id": org_id,
                        "seq": seq,
                        "status": ACTIVE,
                        "version": 1,
                        "updated_at": at,
                        "updated_by": who,
                        **self._org_values(r),
                    }
                )
                locations.append(
                    {
                        "jis_code": jis,
                        "organization_id": org_id,
                        "address_1": r["address"],
                        "longitude": float(r["lon"]),
                        "latitude": float(r["lat"]),
                        "area_id": r["area_id"],
                        "match_level": "coordinates",
                    }
                )
                for i, a in enumerate(filter(None, r["service_areas"].split(";"))):
                    areas.append(
                        {"jis_code": jis, "organization_id": org_id, "position": i, "area_id": a}
                    )
                for i, code in enumerate(filter(None, r["fields"].split(";"))):
                    terms.append(
                        {
                            "jis_code": jis,
                            "link_id": org_id,
                            "position": i,
                            "link_type": "organization",
                            "taxonomy_term_id": code,
                        }
                    )
                if any(r[k] for k in CONTACT_COLUMNS):
                    contacts.append(
                        {
                            "jis_code": jis,
                            "organization_id": org_id,
                            **{v: r[k] for k, v in CONTACT_COLUMNS.items()},
                        }
                    )
            for table, rows in (
                (organization, orgs),
                (location, locations),
                (service_area, areas),
                (attribute, terms),
                (contact, contacts),
            ):
                self._bulk_insert(conn, table, rows)
            self._set_data_version(conn, current + 1)
            self._summarise(conn, change_id, {ADD: len(orgs)})
        return len(orgs)

    @staticmethod
    def _bulk_insert(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        if conn.dialect.name != "postgresql":
            for start in range(0, len(rows), 5000):
                conn.execute(table.insert(), list(rows[start : start + 5000]))
            return
        names = list(rows[0])
        columns = ", ".join(f'"{n}"' for n in names)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor, cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[n] for n in names])

    def coverage_matrix_sql(self, jis_codes: Sequence[str], fields: Sequence[str]) -> pd.DataFrame:
        """Active organisations per municipality and field, counted by the database.

        One ``GROUP BY`` over the organisations stored under ``jis_codes`` joined to
        their fields (``attribute``); an organisation active in several of the fields
        counts once in each. :meth:`coverage_matrix_frame` gives the same table from
        the rows read into pandas.

        Parameters
        ----------
        jis_codes
            The municipalities (JIS codes the rows are stored under), e.g. those of one
            prefecture; unlike the other readers this is not limited to the store's city.
        fields
            Field codes (taxonomy terms).

        Returns
        -------
        Counts (``int64``) indexed by ``jis_code`` in the order given, one column per
        field in the order given, 0 where there is none.
        """
        codes, wanted = self._matrix_keys(jis_codes, fields)
        o, a = organization, attribute
        query = (
            sa.select(o.c.jis_code, a.c.taxonomy_term_id, sa.func.count(sa.distinct(o.c.id)))
            .select_from(o.join(a, (a.c.jis_code == o.c.jis_code) & (a.c.link_id == o.c.id)))
            .where(o.c.jis_code.in_(codes))
            .where(a.c.jis_code.in_(codes))  # lets the planner use attribute's key
            .where(o.c.status == ACTIVE)
            .where(a.c.taxonomy_term_id.in_(wanted))
            .group_by(o.c.jis_code, a.c.taxonomy_term_id)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        out = self._empty_matrix(codes, wanted)
        if rows:
            found = pd.DataFrame(rows, columns=["jis_code", "field", "count"]).pivot(
                index="jis_code", columns="field", values="count"
            )
            found = found.reindex(index=out.index, columns=out.columns).fillna(0)
            out[:] = found.to_numpy(dtype="int64")
        return out

    def coverage_matrix_frame(
        self, jis_codes: Sequence[str], fields: Sequence[str]
    ) -> pd.DataFrame:
        """The table of :meth:`coverage_matrix_sql`, counted in pandas after reading the rows.

        Reads the active organisations of ``jis_codes`` and their fields, then counts
        them with pandas; for SQLite-sized checks and as the baseline of the database's
        count.
        """
        codes, wanted = self._matrix_keys(jis_codes, fields)
        o, a = organization, attribute
        with self._read() as conn:
            orgs = pd.DataFrame(
                conn.execute(
                    sa.select(o.c.jis_code, o.c.id)
                    .where(o.c.jis_code.in_(codes))
                    .where(o.c.status == ACTIVE)
                ).all(),
                columns=["jis_code", "id"],
            )
            terms = pd.DataFrame(
                conn.execute(
                    sa.select(a.c.jis_code, a.c.link_id, a.c.taxonomy_term_id).where(
                        a.c.jis_code.in_(codes)
                    )
                ).all(),
                columns=["jis_code", "id", "field"],
            )
        joined = orgs.merge(terms, on=["jis_code", "id"]).drop_duplicates()
        joined = joined[joined["field"].isin(wanted)]
        counts = pd.crosstab(joined["jis_code"], joined["field"])
        out = self._empty_matrix(codes, wanted)
        return (
            counts.reindex(index=out.index, columns=out.columns, fill_value=0)
            .astype("int64")
            .rename_axis(index="jis_code", columns="field")
        )

    @staticmethod
    def _matrix_keys(
        jis_codes: Sequence[str], fields: Sequence[str]
    ) -> tuple[list[str], list[str]]:
        codes, wanted = [str(c) for c in jis_codes], [str(f) for f in fields]
        if len(set(codes)) != len(codes) or len(set(wanted)) != len(wanted):
            raise ValueError("JIS codes and fields must be unique")
        return codes, wanted

    @staticmethod
    def _empty_matrix(codes: Sequence[str], fields: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(
            np.zeros((len(codes), len(fields)), dtype="int64"),
            index=pd.Index(list(codes), name="jis_code"),
            columns=pd.Index(list(fields), name="field"),
        )

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
        self.write(
            [Change(RETIRE, org_id, None, expected_version)], who=who, action=RETIRE, source=source
        )
        return self.get(org_id)

    def reactivate(
        self, org_id: str, *, expected_version: int, who: str, source: str = "form"
    ) -> StoredOrg:
        """Bring a retired organisation back."""
        self.write(
            [Change(REACTIVATE, org_id, None, expected_version)],
            who=who,
            action=REACTIVATE,
            source=source,
        )
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
        self._check_changes(changes, source or "form")
        with self._write() as conn:
            current = self._data_version(conn, lock=True)
            if expected_data_version is not None and current != expected_data_version:
                raise ConflictError(
                    f"the registry changed since this was prepared (version "
                    f"{expected_data_version}, now {current}); nothing was saved: "
                    "prepare it again"
                )
            if not changes:
                return WriteResult(None, current, {})
            self._sync_terms(conn)
            at = _now()
            change_id = self._log(
                conn,
                who=who,
                action=action,
                source=source,
                sha=source_sha256,
                at=at,
                version=current + 1,
            )
            counts: dict[str, int] = {}
            for change in changes:
                if self._apply(conn, change, change_id=change_id, at=at, who=who):
                    counts[change.action] = counts.get(change.action, 0) + 1
            if not counts:
                conn.rollback()
                return WriteResult(None, current, {})
            self._set_data_version(conn, current + 1)
            self._summarise(conn, change_id, counts)
        return WriteResult(change_id, current + 1, counts)

    def _set_data_version(self, conn: Connection, version: int) -> None:
        conn.execute(
            registry_state.update()
            .where(registry_state.c.jis_code == self.jis_code)
            .where(registry_state.c.key == "data_version")
            .values(int_value=version)
        )

    def _check_changes(self, changes: Sequence[Change], source: str) -> None:
        with_records = [c for c in changes if c.record is not None]
        problems: list[Problem] = []
        for i, change in enumerate(with_records, start=1):
            assert change.record is not None
            if change.record.get("org_id") != change.org_id:
                problems.append(Problem(source, i, "org_id", change.org_id, "id_changed"))
        if with_records:
            frame = pd.DataFrame(
                [
                    {c: r.record.get(c, "") for c in RECORD_COLUMNS}
                    for r in with_records
                    if r.record
                ],
                columns=list(RECORD_COLUMNS),
            )
            problems += check_records(frame, source, self.reference)
        if problems:
            raise DataValidationError(problems)

    def _apply(
        self, conn: Connection, change: Change, *, change_id: int, at: str, who: str
    ) -> bool:
        if change.action == ADD:
            assert change.record is not None
            taken = conn.execute(
                sa.select(organization.c.id)
                .where(organization.c.jis_code == self.jis_code)
                .where(organization.c.id == change.org_id)
            ).first()
            if taken:
                raise RegistryError(f"the id {change.org_id!r} is already taken")
            self._insert(
                conn,
                [dict(change.record)],
                at=at,
                who=who,
                match_levels={change.org_id: change.match_level},
            )
            conn.execute(
                metadata_table.insert(),
                [
                    self._meta(
                        change_id,
                        change.org_id,
                        at,
                        "create",
                        "",
                        "",
                        json.dumps(dict(change.record), ensure_ascii=False),
                        who,
                    )
                ],
            )
            return True
        found = self._records(conn, include_retired=True, ids=[change.org_id])
        if not found:
            raise RegistryError(f"there is no organisation with id {change.org_id!r}")
        old = found[0]
        if old.version != change.expected_version:
            raise ConflictError(
                f"{change.org_id} was changed by {old.updated_by} at {old.updated_at} "
                f"(version {old.version}, this change was based on version "
                f"{change.expected_version}); nothing was saved: reload and apply it again"
            )
        diffs: list[tuple[str, str, str]] = []
        status = old.status
        if change.action == RETIRE:
            status = RETIRED
        elif change.action == REACTIVATE:
            status = ACTIVE
        if status != old.status:
            diffs.append(("status", old.status, status))
        record = dict(old.record) if change.record is None else dict(change.record)
        diffs += [
            (c, old.record[c], record[c]) for c in RECORD_COLUMNS if old.record[c] != record[c]
        ]
        level = change.match_level or old.match_level
        if not diffs and level == old.match_level:
            return False
        updated = conn.execute(
            organization.update()
            .where(organization.c.jis_code == self.jis_code)
            .where(organization.c.id == change.org_id)
            .where(organization.c.version == old.version)
            .values(
                status=status,
                version=old.version + 1,
                updated_at=at,
                updated_by=who,
                **self._org_values(record),
            )
        )
        if updated.rowcount != 1:
            raise ConflictError(f"{change.org_id} changed while saving; nothing was saved")
        for table, key in (
            (location, location.c.organization_id),
            (service_area, service_area.c.organization_id),
            (attribute, attribute.c.link_id),
            (contact, contact.c.organization_id),
        ):
            conn.execute(
                table.delete().where(table.c.jis_code == self.jis_code).where(key == change.org_id)
            )
        self._insert_parts(conn, [record], {change.org_id: level})
        kind = {RETIRE: "retire", REACTIVATE: "reactivate"}.get(change.action, "update")
        rows = [self._meta(change_id, change.org_id, at, kind, f, a, b, who) for f, a, b in diffs]
        if rows:
            conn.execute(metadata_table.insert(), rows)
        return True

    @staticmethod
    def _org_values(record: Mapping[str, str]) -> dict[str, Any]:
        return {
            "kind": record["kind"],
            "name": record["name"],
            "legal_status": record["legal_form"],
            "households": int(record["households"]) if record["households"] else None,
            "has_jishubo": _bool(record["has_jishubo"]),
            "last_confirmed": (
                dt.date.fromisoformat(record["last_confirmed"])
                if record["last_confirmed"]
                else None
            ),
            "is_sample": record["is_sample"] == "true",
        }

    def _insert(
        self,
        conn: Connection,
        records: Sequence[Mapping[str, str]],
        *,
        at: str,
        who: str,
        match_levels: Mapping[str, str],
    ) -> None:
        seq = int(
            conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(organization.c.seq), 0)).where(
                    organization.c.jis_code == self.jis_code
                )
            ).scalar_one()
        )
        conn.execute(
            organization.insert(),
            [
                {
                    "jis_code": self.jis_code,
                    "id": r["org_id"],
                    "seq": seq + i,
                    "status": ACTIVE,
                    "version": 1,
                    "updated_at": at,
                    "updated_by": who,
                    **self._org_values(r),
                }
                for i, r in enumerate(records, start=1)
            ],
        )
        self._insert_parts(conn, records, match_levels)

    def _insert_parts(
        self,
        conn: Connection,
        records: Sequence[Mapping[str, str]],
        match_levels: Mapping[str, str],
    ) -> None:
        jis = self.jis_code
        conn.execute(
            location.insert(),
            [
                {
                    "jis_code": jis,
                    "organization_id": r["org_id"],
                    "address_1": r["address"],
                    "longitude": float(r["lon"]),
                    "latitude": float(r["lat"]),
                    "area_id": r["area_id"],
                    "match_level": match_levels.get(r["org_id"]) or "coordinates",
                }
                for r in records
            ],
        )
        areas = [
            {"jis_code": jis, "organization_id": r["org_id"], "position": i, "area_id": a}
            for r in records
            for i, a in enumerate(filter(None, r["service_areas"].split(";")))
        ]
        if areas:
            conn.execute(service_area.insert(), areas)
        terms = [
            {
                "jis_code": jis,
                "link_id": r["org_id"],
                "position": i,
                "link_type": "organization",
                "taxonomy_term_id": code,
            }
            for r in records
            for i, code in enumerate(filter(None, r["fields"].split(";")))
        ]
        if terms:
            conn.execute(attribute.insert(), terms)
        contacts = [
            {
                "jis_code": jis,
                "organization_id": r["org_id"],
                **{v: r[k] for k, v in CONTACT_COLUMNS.items()},
            }
            for r in records
            if any(r[k] for k in CONTACT_COLUMNS)
        ]
        if contacts:
            conn.execute(contact.insert(), contacts)

    @staticmethod
    def _meta(
        change_id: int,
        org_id: str,
        at: str,
        kind: str,
        field_name: str,
        previous: str,
        new: str,
        who: str,
    ) -> dict[str, Any]:
        return {
            "change_id": change_id,
            "resource_id": org_id,
            "resource_type": "organization",
            "last_action_date": at,
            "last_action_type": kind,
            "field_name": field_name,
            "previous_value": previous,
            "replacement_value": new,
            "updated_by": who,
        }

    def _log(
        self,
        conn: Connection,
        *,
        who: str,
        action: str,
        source: str,
        sha: str,
        at: str,
        version: int,
    ) -> int:
        result = conn.execute(
            change_log.insert().values(
                jis_code=self.jis_code,
                at=at,
                who=who,
                action=action,
                source=source,
                source_sha256=sha,
                summary="",
                data_version=version,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    @staticmethod
    def _summarise(conn: Connection, change_id: int, counts: Mapping[str, int]) -> None:
        summary = ", ".join(f"{action} {n}" for action, n in sorted(counts.items()))
        conn.execute(
            change_log.update().where(change_log.c.id == change_id).values(summary=summary)
        )

    # --- snapshots -------------------------------------------------------------------

    def _sqlite_path(self) -> Path:
        path = self.database_path
        if path is None:
            raise RegistryError(
                "snapshots are made of the SQLite registry only; back up other databases "
                "with their own tools (pg_dump for PostgreSQL)"
            )
        return path

    def snapshot_dir(self) -> Path:
        """Where snapshots of this registry are kept."""
        return self._sqlite_path().parent / settings.SNAPSHOT_FOLDER

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
        folder = self.snapshot_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in label)[:40]
        target = folder / f"registry-{stamp}-{safe}.sqlite3"
        with (
            closing(sqlite3.connect(self._sqlite_path(), timeout=30)) as src,
            closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
        return target

    def snapshots(self) -> list[Path]:
        """Snapshot files, oldest first."""
        folder = self.snapshot_dir()
        return sorted(folder.glob("registry-*.sqlite3")) if folder.is_dir() else []

    def restore(self, snapshot: Path, *, who: str) -> tuple[Path, WriteResult]:
        """Replace the registry with ``snapshot``; the current state is saved first.

        Parameters
        ----------
        snapshot
            A file made by :meth:`snapshot`.
        who
            The editor, for the audit trail.

        Returns
        -------
        The snapshot of the state before the restore, and the write (its audit record).

        A snapshot is the whole SQLite file: every city it holds is restored, and it
        must hold this one. A snapshot made by an older program is migrated.

        Raises
        ------
        RegistryError
            When the file is not a readable registry of this city.
        """
        if not snapshot.is_file():
            raise RegistryError(f"there is no snapshot {snapshot}")
        try:
            with closing(sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)) as db:
                check = db.execute("PRAGMA quick_check").fetchone()
                held, revision = _snapshot_contents(db)
        except sqlite3.DatabaseError as exc:
            raise RegistryError(f"{snapshot.name} is not a registry snapshot: {exc}") from exc
        if not check or check[0] != "ok":
            raise RegistryError(f"{snapshot.name} is damaged: {check}")
        if self.jis_code not in held:
            raise RegistryError(
                f"{snapshot.name} holds another city ({', '.join(sorted(held)) or 'none'})"
            )
        if revision not in _revisions():
            raise RegistryError(
                f"{snapshot.name} has schema revision {revision}, which this program does not "
                "know: restore it with the newer program"
            )
        before = self.snapshot("before-restore")
        old = self.data_version()
        with (
            closing(sqlite3.connect(snapshot, timeout=30)) as src,
            closing(sqlite3.connect(self._sqlite_path(), timeout=30)) as dst,
        ):
            src.backup(dst)
        with self._write() as conn:
            migrate(conn, self.url)  # a snapshot made by an older program
            restored = self._data_version(conn, lock=True)
            version = max(old, restored) + 1
            at = _now()
            change_id = self._log(
                conn,
                who=who,
                action="restore",
                source=snapshot.name,
                sha="",
                at=at,
                version=version,
            )
            conn.execute(
                change_log.update()
                .where(change_log.c.id == change_id)
                .values(summary=f"restored {snapshot.name}; the state before is in {before.name}")
            )
            self._set_data_version(conn, version)
        return before, WriteResult(change_id, version, {})


def _snapshot_contents(db: sqlite3.Connection) -> tuple[set[str], str]:
    """The cities a snapshot holds and its schema revision."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:  # made before migrations: one city, revision 1
        rows = db.execute("SELECT text_value FROM registry_state WHERE key = 'city'").fetchall()
        return {str(r[0]) for r in rows}, FIRST_REVISION
    rows = db.execute("SELECT jis_code FROM registry_state WHERE key = 'data_version'").fetchall()
    revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
    return {str(r[0]) for r in rows}, str(revision[0]) if revision else ""
