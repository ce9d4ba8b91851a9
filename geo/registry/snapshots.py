"""Snapshots of an SQLite registry: a consistent copy of the whole file, and restoring one.

A snapshot is taken with SQLite's online backup, so it is consistent even while the app
writes. Snapshots are kept in ``snapshots/`` beside the database file. A restore first
saves the current state as a ``before-restore`` snapshot (so it can be undone the same
way), migrates a snapshot made by an older program, records the restore in the audit
trail and raises the data version past both the old and the restored one, so every
reader reloads. Other databases are backed up with their own tools (``pg_dump``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import Engine

from geo.registry.engine import reading, sqlite_path, writing
from geo.registry.errors import RegistryError
from geo.registry.migrate import FIRST_REVISION, migrate, revisions
from geo.registry.reads import data_version
from geo.registry.rows import now
from geo.registry.writes import AuditNote, WriteResult, open_change, set_data_version, set_summary
from geo.settings import SNAPSHOT_FOLDER


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


def restore_snapshot(
    engine: Engine, jis: str, snapshot: Path, *, who: str
) -> tuple[Path, WriteResult]:
    """Replace the registry of ``engine`` with ``snapshot``; the current state is saved
    first.

    A snapshot is the whole SQLite file: every city it holds is restored, and it must
    hold the city ``jis``. A snapshot made by an older program is migrated.

    Returns
    -------
    The snapshot of the state before the restore, and the write (its audit record).

    Raises
    ------
    RegistryError
        When the file is not a readable registry of this city.
    """
    check_snapshot(snapshot, jis)
    before = take_snapshot(engine, "before-restore")
    with reading(engine) as conn:
        old = data_version(conn, jis)
    with (
        closing(sqlite3.connect(snapshot, timeout=30)) as src,
        closing(sqlite3.connect(database_file(engine), timeout=30)) as dst,
    ):
        src.backup(dst)
    url = engine.url.render_as_string(hide_password=True)
    with writing(engine) as conn:
        migrate(conn, url)  # a snapshot made by an older program
        version = max(old, data_version(conn, jis, lock=True)) + 1
        note = AuditNote(who=who, action="restore", source=snapshot.name)
        change_id = open_change(conn, jis, note, at=now(), version=version)
        set_summary(
            conn, change_id, f"restored {snapshot.name}; the state before is in {before.name}"
        )
        set_data_version(conn, jis, version)
    return before, WriteResult(change_id, version, {})


__all__ = [
    "check_snapshot",
    "database_file",
    "list_snapshots",
    "restore_snapshot",
    "snapshot_contents",
    "snapshot_dir",
    "take_snapshot",
]
