"""Snapshots of an SQLite registry: a consistent copy of the whole file, and restoring one.

A snapshot is taken with SQLite's online backup, so it is consistent even while the app
writes. Snapshots are kept in ``snapshots/`` beside the database file. Other databases
are backed up with their own tools (``pg_dump``).

A restore keeps history honest. It first saves the current state as a
``before-restore`` snapshot (so it can be undone the same way), and migrates a copy of
the snapshot made by an older program. It then replaces the organisations of the
configured city only — other cities in the same file, the audit trail and the login
records stay as they are — in one transaction that also records the restore in the
audit trail (naming the snapshot) and raises the data version past both the old and
the restored one, so every reader reloads. Every restored organisation gets a version
above any it had before, so a form opened before the restore cannot save over it
without a conflict.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from geo.registry.engine import dispose_engines, engine_for, reading, sqlite_path, writing
from geo.registry.errors import RegistryError
from geo.registry.migrate import FIRST_REVISION, migrate, revisions
from geo.registry.reads import data_version
from geo.registry.rows import now
from geo.registry.schema import (
    attribute,
    contact,
    location,
    organization,
    service_area,
    taxonomy_term,
)
from geo.registry.writes import AuditNote, WriteResult, open_change, set_data_version, set_summary
from geo.settings import SNAPSHOT_FOLDER

#: The tables holding a city's organisations, each after the ones it refers to.
CITY_TABLES = (organization, location, service_area, attribute, contact)


def database_file(engine: Engine) -> Path:
    """The SQLite file of ``engine``.

    Raises
    ------
    RegistryError
        For any other database.
    """
    path = sqlite_path(engine)
    if path is None:
        raise RegistryError(
            "snapshots are made of the SQLite registry only; back up other databases "
            "with their own tools (pg_dump for PostgreSQL)"
        )
    return path


def snapshot_dir(engine: Engine) -> Path:
    """Where snapshots of the registry of ``engine`` are kept."""
    return database_file(engine).parent / SNAPSHOT_FOLDER


def take_snapshot(engine: Engine, label: str = "backup") -> Path:
    """Copy the whole registry into a new snapshot file (consistent while in use).

    Parameters
    ----------
    label
        Word in the file name (``backup``, ``before-import`` …).

    Returns
    -------
    The snapshot file.
    """
    folder = snapshot_dir(engine)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in label)[:40]
    target = folder / f"registry-{stamp}-{safe}.sqlite3"
    with (
        closing(sqlite3.connect(database_file(engine), timeout=30)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return target


def list_snapshots(engine: Engine) -> list[Path]:
    """Snapshot files, oldest first."""
    folder = snapshot_dir(engine)
    return sorted(folder.glob("registry-*.sqlite3")) if folder.is_dir() else []


def snapshot_contents(db: sqlite3.Connection) -> tuple[set[str], str]:
    """The cities a snapshot holds and its schema revision."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:  # made before migrations: one city, revision 1
        rows = db.execute("SELECT text_value FROM registry_state WHERE key = 'city'").fetchall()
        return {str(r[0]) for r in rows}, FIRST_REVISION
    rows = db.execute("SELECT jis_code FROM registry_state WHERE key = 'data_version'").fetchall()
    revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
    return {str(r[0]) for r in rows}, str(revision[0]) if revision else ""


def check_snapshot(snapshot: Path, jis: str) -> None:
    """Refuse a file that is not a readable registry snapshot holding the city ``jis``.

    Raises
    ------
    RegistryError
        When the file is missing, damaged, not a registry, of another city, or of a
        schema revision this program does not know.
    """
    if not snapshot.is_file():
        raise RegistryError(f"there is no snapshot {snapshot}")
    try:
        with closing(sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)) as db:
            check = db.execute("PRAGMA quick_check").fetchone()
            held, revision = snapshot_contents(db)
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{snapshot.name} is not a registry snapshot: {exc}") from exc
    if not check or check[0] != "ok":
        raise RegistryError(f"{snapshot.name} is damaged: {check}")
    if jis not in held:
        raise RegistryError(
            f"{snapshot.name} holds another city ({', '.join(sorted(held)) or 'none'})"
        )
    if revision not in revisions():
        raise RegistryError(
            f"{snapshot.name} has schema revision {revision}, which this program does not "
            "know: restore it with the newer program"
        )


@dataclass(frozen=True)
class _CityRows:
    """One city's organisations as a snapshot holds them (migrated to this program)."""

    tables: Mapping[str, list[dict[str, Any]]]
    terms: list[dict[str, Any]]
    data_version: int


def _copy(source: Path, target: Path) -> None:
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def _read_city(snapshot: Path, jis: str) -> _CityRows:
    """The city's rows of ``snapshot``, read from a copy brought to this program's schema
    (the snapshot itself is never changed)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "snapshot.sqlite3"
        _copy(snapshot, copy)
        url = f"sqlite:///{copy}"
        try:
            engine = engine_for(url)
            with writing(engine) as conn:
                migrate(conn, url)
            with reading(engine) as conn:
                tables = {
                    t.name: [dict(r._mapping) for r in conn.execute(_of_city(t, jis))]
                    for t in CITY_TABLES
                }
                terms = [dict(r._mapping) for r in conn.execute(sa.select(taxonomy_term))]
                version = data_version(conn, jis)
        finally:
            dispose_engines(url)
    return _CityRows(tables, terms, version)


def _of_city(table: sa.Table, jis: str) -> sa.Select[Any]:
    return sa.select(table).where(table.c.jis_code == jis)


def _bumped(rows: Sequence[Mapping[str, Any]], before: Mapping[str, int]) -> list[dict[str, Any]]:
    """Organisation rows with versions above both their own and any they had before."""
    return [{**r, "version": max(int(r["version"]), before.get(r["id"], 0)) + 1} for r in rows]


def _replace_city(conn: Connection, jis: str, restored: _CityRows) -> int:
    """Put the restored rows in place of the city's; the number of organisations."""
    versions = {
        str(r.id): int(r.version)
        for r in conn.execute(
            sa.select(organization.c.id, organization.c.version).where(
                organization.c.jis_code == jis
            )
        )
    }
    for table in reversed(CITY_TABLES):
        conn.execute(table.delete().where(table.c.jis_code == jis))
    known = set(conn.execute(sa.select(taxonomy_term.c.id)).scalars())
    missing = [t for t in restored.terms if t["id"] not in known]
    if missing:
        conn.execute(taxonomy_term.insert(), missing)
    for table in CITY_TABLES:
        rows = restored.tables[table.name]
        if table is organization:
            rows = _bumped(rows, versions)
        if rows:
            conn.execute(table.insert(), rows)
    return len(restored.tables[organization.name])


def restore_snapshot(
    engine: Engine, jis: str, snapshot: Path, *, who: str
) -> tuple[Path, WriteResult]:
    """Replace the organisations of the city ``jis`` with those of ``snapshot``; the
    current state is saved first.

    Only the city's organisations are restored: other cities the file holds, the audit
    trail and the login records are kept. A snapshot made by an older program is
    migrated (on a copy). Every restored organisation's version is raised above any it
    had before.

    Returns
    -------
    The snapshot of the state before the restore, and the write (its audit record).

    Raises
    ------
    RegistryError
        When the file is not a readable registry of this city.
    """
    database_file(engine)  # SQLite only
    check_snapshot(snapshot, jis)
    restored = _read_city(snapshot, jis)
    before = take_snapshot(engine, "before-restore")
    with writing(engine) as conn:
        old = data_version(conn, jis, lock=True)
        count = _replace_city(conn, jis, restored)
        version = max(old, restored.data_version) + 1
        note = AuditNote(who=who, action="restore", source=snapshot.name)
        change_id = open_change(conn, jis, note, at=now(), version=version)
        set_summary(
            conn,
            change_id,
            f"restored {count} organisations of city {jis} from {snapshot.name}; "
            f"the state before is in {before.name}",
        )
        set_data_version(conn, jis, version)
    return before, WriteResult(change_id, version, {"restore": count})


__all__ = [
    "check_snapshot",
    "database_file",
    "list_snapshots",
    "restore_snapshot",
    "snapshot_contents",
    "snapshot_dir",
    "take_snapshot",
]
