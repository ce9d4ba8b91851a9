"""One SQLAlchemy engine per database URL per process, and the read and write transactions.

Every :class:`~geo.registry.store.Store` and every :func:`~geo.registry.source.data_version`
of a process share the engine of their URL: its connection pool (PostgreSQL) and its
event handlers (SQLite) are set up once, not on every call. :func:`dispose_engines`
closes them (tests, and a process that is done with a database).

SQLite (the default) takes the write lock at the start of every write (``BEGIN
IMMEDIATE``); any other SQLAlchemy URL (PostgreSQL) works the same way through row locks.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

from geo.registry.errors import RegistryError

#: Execution option marking a connection whose transaction writes (``BEGIN IMMEDIATE``).
WRITE_OPTION = "kyodo_write"

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def _parse(url: str) -> URL:
    parsed = sa.make_url(url)
    if parsed.drivername == "postgresql":  # the installed driver, not psycopg2
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_engine(parsed: URL) -> Engine:
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
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _create(parsed: URL) -> Engine:
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(parsed, pool_pre_ping=True)


def engine_for(url: str) -> Engine:
    """The process's engine of the database at ``url``, created on first use.

    Parameters
    ----------
    url
        SQLAlchemy URL; ``postgresql://`` URLs use psycopg. A relative SQLite path is
        resolved from the working directory of the first call.

    Raises
    ------
    RegistryError
        For an in-memory SQLite URL (each connection would see another database).
    """
    parsed = _parse(url)
    key = parsed.render_as_string(hide_password=False)
    with _LOCK:
        found = _ENGINES.get(key)
        if found is None:
            found = _ENGINES[key] = _create(parsed)
        return found


def dispose_engines(url: str | None = None) -> None:
    """Close the pooled connections of the engine of ``url`` (of every engine when
    ``None``) and forget it; the next use creates a new one."""
    key = None if url is None else _parse(url).render_as_string(hide_password=False)
    with _LOCK:
        chosen = list(_ENGINES) if key is None else [key]
        engines = [_ENGINES.pop(k) for k in chosen if k in _ENGINES]
    for engine in engines:
        engine.dispose()


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction (committed at the end, rolled back on error)."""
    with engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction: SQLite takes its write lock at the start."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


def sqlite_path(engine: Engine) -> Path | None:
    """The SQLite file of ``engine``, or ``None`` for another database."""
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        return None
    return Path(engine.url.database)


__all__ = [
    "WRITE_OPTION",
    "dispose_engines",
    "engine_for",
    "reading",
    "sqlite_path",
    "writing",
]
