"""Schema migrations (Alembic): bring a registry's database to the current revision.

The migrations live in :mod:`geo.registry.migrations`; :func:`migrate` runs them on a
connection already inside the write transaction that also seeds a new city, under a
lock, so replicas starting together are safe. A registry made before migrations existed
(no ``alembic_version`` table, schema version 1 in ``registry_state``) is stamped with
the first revision, then upgraded; a database upgraded by a newer program is refused.

Alembic is imported when a migration is asked for: it is slow to import, and most runs
of the app never migrate.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geo.registry.errors import RegistryError
from geo.registry.schema import registry_state

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

#: Alembic's folder: ``env.py`` and ``versions/``.
MIGRATIONS = Path(__file__).with_name("migrations")
#: The revision of registries made before migrations existed (schema version 1).
FIRST_REVISION = "0001"
#: Key of the PostgreSQL advisory lock held while migrating and seeding.
MIGRATION_LOCK = 0x6B796F646F
#: Alembic's ``context`` and ``op`` are process globals: one migration at a time per
#: process (taken after the database's own lock, so never the other way round).
_ALEMBIC = threading.Lock()


def alembic_config(conn: Connection) -> AlembicConfig:
    """Alembic's configuration for running the migrations on ``conn``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = conn
    return config


@functools.cache
def revisions() -> tuple[str, ...]:
    """Every known revision, oldest first; the last is the head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return tuple(reversed([r.revision for r in script.walk_revisions()]))


def head_revision() -> str:
    """The schema revision this program writes and reads."""
    return revisions()[-1]


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


def _stamp_first(conn: Connection, config: AlembicConfig, url: str) -> None:
    """Mark a registry made before migrations existed as the first revision."""
    from alembic import command

    found = conn.execute(
        sa.text("SELECT int_value FROM registry_state WHERE key = 'schema_version'")
    ).scalar()
    if found != 1:
        raise RegistryError(
            f"the registry at {url} has schema version {found}, which this program cannot upgrade"
        )
    command.stamp(config, FIRST_REVISION)


def _upgrade(config: AlembicConfig, current: str | None, url: str) -> None:
    from alembic import command

    try:
        command.upgrade(config, "head")
    except sa.exc.DBAPIError as exc:
        raise RegistryError(
            f"the registry at {url} could not be upgraded from revision {current} "
            f"to {head_revision()}, and was left as it was: {exc.orig}"
        ) from exc


def migrate(conn: Connection, url: str) -> None:
    """Bring the database of ``conn`` to the head revision, inside its transaction.

    Parameters
    ----------
    conn
        A connection inside a write transaction.
    url
        The database's URL (password hidden), for messages.

    Raises
    ------
    RegistryError
        When the database has a revision this program does not know (a newer program
        has upgraded it), an unknown schema, or data an upgrade cannot carry over (the
        transaction is then rolled back by the caller: nothing changes).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK)))
    current = schema_revision(conn)
    if current is not None and current not in revisions():
        raise RegistryError(
            f"the registry at {url} has schema revision {current}, which this program does "
            f"not know (it reads {head_revision()}): run the newer program"
        )
    config = alembic_config(conn)
    with _ALEMBIC:
        if current == FIRST_REVISION and not sa.inspect(conn).has_table("alembic_version"):
            _stamp_first(conn, config, url)
        if current != head_revision():
            _upgrade(config, current, url)


__all__ = [
    "FIRST_REVISION",
    "MIGRATIONS",
    "alembic_config",
    "head_revision",
    "migrate",
    "revisions",
    "schema_revision",
]
