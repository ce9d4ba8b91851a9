"""Registry schema migrations: a fresh database, a registry made before migrations, a
newer schema refused, the model matching the migrated schema, PostGIS on PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from geo.registry import RegistryError
from geo.registry.analytics import RegistryAnalytics
from geo.registry.migrate import FIRST_REVISION, alembic_config, head_revision, schema_revision
from geo.registry.schema import md
from geo.registry.store import Store
from tests.support.backends import Backend
from tests.support.registry_files import state, tiny_store
from tests.support.tinycity import TINY

#: Tables of schema version 1 and their columns (all but the new ``jis_code``).
V1_TABLES = (
    "taxonomy_term",
    "organization",
    "location",
    "service_area",
    "attribute",
    "contact",
    "change_log",
    "metadata",
)
#: Columns later revisions added, by table (0002: the municipality; 0004: real lists).
LATER_COLUMNS = {
    "organization": {"corporate_number", "name_kana", "portal_url", "purpose", "source"}
}


def _v1_registry(source: Store, target: Path) -> None:
    """An SQLite registry as the program before migrations wrote it, holding what
    ``source`` holds (schema version 1: no ``alembic_version``, no ``jis_code``)."""
    from alembic import command

    engine = sa.create_engine(f"sqlite:///{target}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), FIRST_REVISION)
        conn.exec_driver_sql("DROP TABLE alembic_version")
    with source.engine.connect() as src, engine.begin() as dst:
        for name in V1_TABLES:
            later = {"jis_code", *LATER_COLUMNS.get(name, ())}
            columns = [c.name for c in md.tables[name].columns if c.name not in later]
            rows = src.execute(sa.select(*(md.tables[name].c[c] for c in columns))).all()
            if rows:
                dst.execute(
                    sa.table(name, *map(sa.column, columns)).insert(), [r._asdict() for r in rows]
                )
        dst.execute(
            sa.text("INSERT INTO registry_state (key, int_value, text_value) VALUES (:k, :i, :t)"),
            [
                {"k": "schema_version", "i": 1, "t": None},
                {"k": "city", "i": None, "t": TINY.jis_code},
                {"k": "data_version", "i": source.data_version(), "t": None},
                {"k": "created_at", "i": None, "t": "2025-04-01T00:00:00+00:00"},
            ],
        )
    engine.dispose()


def test_a_registry_made_before_migrations_is_stamped_and_upgraded(
    tmp_path: Path, tiny_dir: Path
) -> None:
    with tiny_store(tmp_path, tiny_dir, "current") as current:
        org = current.get("a-1")
        current.edit("a-1", {**org.record, "phone": "083-1"}, expected_version=1, who="山田")
        current.retire("g-3", expected_version=1, who="山田")
        expected = state(current)
        details = RegistryAnalytics(current).audit_details(current.audit(1)[0].change_id)
        _v1_registry(current, tmp_path / "old.sqlite3")
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    with Store.open(url, data_dir=tiny_dir, city=TINY) as upgraded:
        assert state(upgraded) == expected
        found = RegistryAnalytics(upgraded).audit_details(upgraded.audit(1)[0].change_id)
        assert found == details
        assert upgraded.cities() == [TINY.jis_code]
        with upgraded.engine.connect() as conn:
            assert schema_revision(conn) == head_revision()
        # and it keeps working: versions go on from where they were
        upgraded.edit(
            "a-1", {**upgraded.get("a-1").record, "notes": "x"}, expected_version=2, who="t"
        )
        assert upgraded.data_version() == expected[0] + 1
    with sqlite3.connect(tmp_path / "old.sqlite3") as db:
        old = dict(db.execute("SELECT key, int_value FROM registry_state WHERE jis_code = ''"))
    db.close()
    assert old == {"schema_version": 2}  # what a program without migrations refuses


def test_a_failed_upgrade_changes_nothing(tmp_path: Path, tiny_dir: Path) -> None:
    with tiny_store(tmp_path, tiny_dir, "current") as current:
        _v1_registry(current, tmp_path / "old.sqlite3")
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # a row the new keys cannot take: the copy fails
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("INSERT INTO attribute VALUES ('no-such-org', 0, 'organization', 'npo01')")
    db.close()
    before = path.read_bytes()
    with pytest.raises(RegistryError, match="could not be upgraded"):
        Store.open(f"sqlite:///{path}", data_dir=tiny_dir, city=TINY)
    assert path.read_bytes() == before


def test_an_unknown_schema_version_is_refused(tmp_path: Path, tiny_dir: Path) -> None:
    with tiny_store(tmp_path, tiny_dir, "current") as current:
        _v1_registry(current, tmp_path / "old.sqlite3")
    with sqlite3.connect(tmp_path / "old.sqlite3") as db:
        db.execute("UPDATE registry_state SET int_value = 7 WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(RegistryError, match="schema version 7"):
        Store.open(f"sqlite:///{tmp_path / 'old.sqlite3'}", data_dir=tiny_dir, city=TINY)


def test_a_newer_revision_is_refused(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir):
        pass
    engine = sa.create_engine(backend.url(), poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(RegistryError, match="9999"):
        Store.open(backend.url(), data_dir=tiny_dir, city=TINY)


def test_the_migrated_schema_is_the_model(backend: Backend, tiny_dir: Path) -> None:
    with (
        tiny_store(backend, tiny_dir) as store,
        store.engine.connect() as conn,
        warnings.catch_warnings(),
    ):
        # the PostGIS column is left out below; SQLAlchemy only warns about its type
        warnings.filterwarnings("ignore", "Did not recognize type 'geometry'", sa.exc.SAWarning)
        context = MigrationContext.configure(
            conn,
            opts={
                "include_name": lambda name, kind, _parent: (
                    not (kind == "table" and name in {"alembic_version", "spatial_ref_sys"})
                    and name not in {"geom", "ix_location_geom"}
                )
            },
        )
        assert compare_metadata(context, md) == []


def test_postgresql_uses_postgis_with_a_gist_index(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        if backend.is_sqlite:
            assert RegistryAnalytics(store).spatial_engine == "shapely"
            return
        assert RegistryAnalytics(store).spatial_engine == "postgis"
        with store.engine.connect() as conn:
            index = conn.execute(
                sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_location_geom'")
            ).scalar_one()
            srid = conn.execute(sa.text("SELECT Find_SRID('public', 'location', 'geom')")).scalar()
        assert "USING gist (geom)" in index
        assert srid == 4326


def test_opening_a_new_database_at_once_from_two_places(backend: Backend, tiny_dir: Path) -> None:
    errors: list[BaseException] = []
    versions: list[int] = []

    def open_it() -> None:
        try:
            with tiny_store(backend, tiny_dir) as store:
                versions.append(store.data_version())
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert versions == [1, 1, 1]
    with tiny_store(backend, tiny_dir) as store:
        assert [e.action for e in store.audit()] == ["seed"]
