"""The registry store: same frame as the CSV, the registry as the configured source of
organisations, edits with versions, audit, concurrency, snapshots and the editor password
hashes."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.city import YAMAGUCHI
from geo.errors import DataValidationError
from geo.io import CsvOrganisations, load_city, load_organisations
from geo.registry import (
    ConflictError,
    RegistryError,
    RegistryOrganisations,
    Store,
    data_version,
    organisation_source,
)
from geo.registry.analytics import RegistryAnalytics
from geo.registry.auth import PasswordHashError, hash_password, verify_password
from geo.registry.engine import dispose_engines, engine_for
from geo.registry.places import AREA, COORDINATES, TOWN, TOWN_KOAZA
from geo.registry.writes import ADD, EDIT, Change
from geo.settings import DATABASE_FILE, env_name, load_settings
from tests.support.backends import Backend
from tests.support.registry_files import dump, state, tiny_store
from tests.support.tinycity import TINY, write_city

FAST = {"n": 2**8}  # cheap scrypt cost for tests


def test_registry_frame_equals_the_csv_frame(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        from_registry = store.read_organisations()
        assert store.data_version() == 1
        assert [e.action for e in store.audit()] == ["seed"]
    assert_geodataframe_equal(from_registry, load_organisations(tiny_dir, TINY))


def test_bundled_registry_equals_the_bundled_csv(backend: Backend) -> None:
    with Store.open(backend.url()) as store:
        assert_geodataframe_equal(store.read_organisations(), load_organisations())


def test_the_configured_source_reads_the_registry_when_enabled(
    backend: Backend, tmp_path: Path, tiny_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("registry", "registry_dir", "database_url"):
        monkeypatch.delenv(env_name(name), raising=False)
    if backend.is_sqlite:
        monkeypatch.setenv(env_name("registry_dir"), str(tmp_path / "var"))
    else:
        monkeypatch.setenv(env_name("database_url"), backend.url())
    url = load_settings().active_registry_url
    assert url is not None
    assert data_version(url, tiny_dir, TINY) == 1  # created and seeded on first use
    if backend.is_sqlite:
        assert (tmp_path / "var" / DATABASE_FILE).is_file()
    with Store.open(url, data_dir=tiny_dir, city=TINY) as store:
        org = store.get("g-1")
        store.edit("g-1", {**org.record, "name": "登録簿の名前"}, expected_version=1, who="t")
    source = organisation_source(tiny_dir, TINY, url)
    assert isinstance(source, RegistryOrganisations)
    city = load_city(tiny_dir, TINY, source)
    assert city.organisations.set_index("org_id").loc["g-1", "name"] == "登録簿の名前"
    assert data_version(url, tiny_dir, TINY) == 2
    monkeypatch.setenv(env_name("registry"), "off")
    off = load_settings().active_registry_url
    assert off is None
    assert isinstance(organisation_source(tiny_dir, TINY, off), CsvOrganisations)
    orgs = organisation_source(tiny_dir, TINY, off).read_organisations()
    assert orgs.set_index("org_id").loc["g-1", "name"] == "サンプルg-1"
    assert data_version(off, tiny_dir, TINY) == 0


def test_data_version_reuses_one_engine_per_database(backend: Backend, tiny_dir: Path) -> None:
    url = backend.url()
    assert data_version(url, tiny_dir, TINY) == 1
    engine = engine_for(url)
    for _ in range(3):
        assert data_version(url, tiny_dir, TINY) == 1
        with Store.open(url, data_dir=tiny_dir, city=TINY) as store:
            assert store.engine is engine
    assert engine_for(url) is engine
    dispose_engines(url)
    assert engine_for(url) is not engine
    assert data_version(url, tiny_dir, TINY) == 1


# --- editing ---------------------------------------------------------------------------


def test_edit_retire_reactivate_with_versions_and_audit(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        org = store.get("a-2")
        edited = store.edit(
            "a-2",
            {**org.record, "households": "120", "phone": "083-1"},
            expected_version=1,
            who="山田",
        )
        assert (edited.version, edited.record["households"], edited.updated_by) == (
            2,
            "120",
            "山田",
        )
        retired = store.retire("a-2", expected_version=2, who="山田")
        assert retired.status == "retired"
        assert "a-2" not in store.read_organisations()["org_id"].tolist()
        assert store.reactivate("a-2", expected_version=3, who="山田").status == "active"
        actions = [e.action for e in store.audit()]
        assert actions == ["reactivate", "retire", "edit", "seed"]
        details = RegistryAnalytics(store).audit_details(store.audit()[2].change_id)
        assert {(d["field"], d["previous"], d["new"]) for d in details} == {
            ("households", "100", "120"),
            ("phone", "", "083-1"),
        }
        assert store.data_version() == 4


def test_an_unchanged_edit_writes_nothing(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        before = state(store)
        store.edit("g-1", store.get("g-1").record, expected_version=1, who="t")
        assert state(store) == before


def test_add_checks_like_an_import(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        record = {**store.get("g-1").record, "org_id": "g-9", "name": "新しい会"}
        store.add(record, who="t")
        before = state(store)
        with pytest.raises(RegistryError, match="already taken"):
            store.add(record, who="t")
        with pytest.raises(DataValidationError) as exc:
            store.add({**record, "org_id": "g-10", "fields": "宇宙", "lat": "40.0"}, who="t")
        assert {(p.row, p.column) for p in exc.value.problems} == {(1, "fields"), (1, "lat/lon")}
        with pytest.raises(RegistryError, match="who"):
            store.add({**record, "org_id": "g-11"}, who=" ")
        assert state(store) == before
        assert store.next_ids("civic_group", 2) == ["cg-0001", "cg-0002"]


@pytest.mark.parametrize(
    ("level", "at_center"),
    [(AREA, True), (TOWN, False), (TOWN_KOAZA, False), (COORDINATES, False), ("", False)],
)
def test_a_point_at_the_areas_center_is_marked(
    backend: Backend, tiny_dir: Path, level: str, at_center: bool
) -> None:
    """Only an organisation placed at its 地域's 交流センター (match level ``area``) is
    marked, so the map can say its place is approximate; a later edit that places it by
    its coordinates takes the mark away."""
    with tiny_store(backend, tiny_dir) as store:
        record = {**store.get("g-1").record, "org_id": "g-9", "name": "新しい会"}
        store.add(record, who="t", match_level=level)
        marked = store.read_organisations().set_index("org_id")["at_center"]
        assert marked.dtype == bool
        assert marked.to_dict() == {**dict.fromkeys(marked.index, False), "g-9": at_center}
        store.edit("g-9", record, expected_version=1, who="t", match_level=COORDINATES)
        assert not store.read_organisations()["at_center"].any()


def test_a_failed_write_leaves_nothing_behind(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        before = state(store)
        good = {**store.get("g-1").record, "org_id": "g-20", "name": "途中まで"}
        with pytest.raises(RegistryError):
            store.write(
                [
                    _add(good),
                    _edit("no-such-id", {**good, "org_id": "no-such-id"}, 1),
                ],
                who="t",
                action="import",
            )
        assert state(store) == before


def _add(record: dict[str, str]) -> Change:
    return Change(ADD, record["org_id"], record)


def _edit(org_id: str, record: dict[str, str], version: int) -> Change:
    return Change(EDIT, org_id, record, version)


# --- two sessions ----------------------------------------------------------------------


def test_a_stale_edit_from_another_session_is_refused(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as first, tiny_store(backend, tiny_dir) as second:
        seen_first = first.get("g-2")
        seen_second = second.get("g-2")
        first.edit("g-2", {**seen_first.record, "phone": "083-1"}, expected_version=1, who="first")
        with pytest.raises(ConflictError, match="first"):
            second.edit(
                "g-2",
                {**seen_second.record, "email": "b@example.jp"},
                expected_version=1,
                who="second",
            )
        kept = second.get("g-2")
        assert (kept.record["phone"], kept.record["email"], kept.version) == ("083-1", "", 2)
        # the second session reloads and applies its change again: both are kept
        second.edit("g-2", {**kept.record, "email": "b@example.jp"}, expected_version=2, who="s")
        assert first.get("g-2").record["phone"] == "083-1"
        assert first.get("g-2").record["email"] == "b@example.jp"


def test_concurrent_writers_both_succeed(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        del store  # create and seed once
    errors: list[BaseException] = []

    def work(org_id: str) -> None:
        try:
            with tiny_store(backend, tiny_dir) as store:
                for i in range(5):
                    org = store.get(org_id)
                    store.edit(
                        org_id,
                        {**org.record, "notes": f"{i}"},
                        expected_version=org.version,
                        who=org_id,
                    )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in ("a-1", "a-3")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with tiny_store(backend, tiny_dir) as store:
        assert store.get("a-1").version == store.get("a-3").version == 6
        assert store.data_version() == 11


# --- opening, snapshots ----------------------------------------------------------------


def test_a_database_holds_several_cities_each_store_sees_its_own(
    backend: Backend, tiny_dir: Path
) -> None:
    with tiny_store(backend, tiny_dir) as tiny:
        tiny.edit("g-1", {**tiny.get("g-1").record, "notes": "t"}, expected_version=1, who="t")
        with Store.open(backend.url(), city=YAMAGUCHI) as yamaguchi:  # seeded beside it
            assert yamaguchi.cities() == tiny.cities() == ["35203", "99999"]
            assert yamaguchi.data_version() == 1 and tiny.data_version() == 2
            assert len(yamaguchi.records()) == len(load_organisations())
            assert [e.action for e in yamaguchi.audit()] == ["seed"]
            assert [e.action for e in tiny.audit()] == ["edit", "seed"]
            with pytest.raises(RegistryError, match="no organisation"):
                yamaguchi.get("g-1")
            # the same id in two cities is two organisations
            record = {**tiny.get("g-2").record, "org_id": "council-odono", "name": "同じID"}
            tiny.add(record, who="t")
            assert yamaguchi.get("council-odono").record["name"] != "同じID"
            assert yamaguchi.data_version() == 1
            counts = RegistryAnalytics(tiny).counts_per_area()
            assert counts.index.tolist() == list(TINY.area_ids)
            counts = RegistryAnalytics(yamaguchi).counts_per_area()
            assert counts.index.tolist() == list(YAMAGUCHI.area_ids)
        assert tiny.next_ids("council", 1) == ["council-0001"]


def test_a_bad_seed_creates_nothing(tmp_path: Path) -> None:
    data = write_city(tmp_path / "city")
    path = data / "organisations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("npo13", "宇宙"), encoding="utf-8")
    db = tmp_path / "r.sqlite3"
    with pytest.raises(DataValidationError):
        Store.open(f"sqlite:///{db}", data_dir=data, city=TINY)
    with sqlite3.connect(db) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    conn.close()
    assert tables == []


def test_in_memory_sqlite_is_refused(tiny_dir: Path) -> None:
    with pytest.raises(RegistryError, match="in-memory"):
        Store.open("sqlite://", data_dir=tiny_dir, city=TINY)


def _without_versions(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{k: v for k, v in r.items() if k != "version"} for r in rows]


def test_snapshot_and_restore(tmp_path: Path, tiny_dir: Path) -> None:
    with tiny_store(tmp_path, tiny_dir) as store:
        snap = store.snapshot("backup")
        rows = dump(store)
        store.retire("g-1", expected_version=1, who="t")
        version = store.data_version()
        before, result = store.restore(snap, who="管理者")
        assert before.is_file() and before != snap
        assert _without_versions(dump(store)) == _without_versions(rows)
        assert result.data_version > version  # readers reload
        latest = store.audit(1)[0]
        assert (latest.action, latest.who, latest.source) == ("restore", "管理者", snap.name)
        assert store.snapshots() == sorted([snap, before])
        # the state before the restore can be brought back too
        store.restore(before, who="管理者")
        assert store.get("g-1").status == "retired"


def test_a_save_begun_before_a_restore_is_refused(tmp_path: Path, tiny_dir: Path) -> None:
    with tiny_store(tmp_path, tiny_dir) as store:
        snap = store.snapshot("backup")
        opened_first = store.get("g-1")  # version 1, a form open since before the snapshot
        store.edit("g-1", {**opened_first.record, "notes": "後の変更"}, expected_version=1, who="a")
        opened_later = store.get("g-1")  # version 2
        seen = {s.org_id: s.version for s in store.records(include_retired=True)}
        data_before = store.data_version()
        store.restore(snap, who="管理者")
        restored = {s.org_id: s.version for s in store.records(include_retired=True)}
        assert all(restored[i] > v for i, v in seen.items())  # above every version seen
        assert store.get("g-1").record["notes"] == opened_first.record["notes"]
        assert store.data_version() > data_before
        for form in (opened_first, opened_later):
            record = {**form.record, "notes": "古い画面からの保存"}
            with pytest.raises(ConflictError):
                store.edit("g-1", record, expected_version=form.version, who="b")
            with pytest.raises(ConflictError):
                store.retire("g-1", expected_version=form.version, who="b")
        entry = store.audit(1)[0]
        assert (entry.action, entry.source) == ("restore", snap.name)
        assert snap.name in entry.summary and "99999" in entry.summary
        # the audit trail is kept: the edit made after the snapshot is still recorded
        assert [e.action for e in store.audit()] == ["restore", "edit", "seed"]


def test_a_restore_touches_the_configured_city_only(tmp_path: Path, tiny_dir: Path) -> None:
    with (
        tiny_store(tmp_path, tiny_dir) as tiny,
        Store.open(tiny.url, city=YAMAGUCHI) as yamaguchi,  # the same file
    ):
        snap = tiny.snapshot("backup")
        tiny.retire("g-1", expected_version=1, who="t")
        org = yamaguchi.get("council-odono")
        yamaguchi.edit("council-odono", {**org.record, "notes": "後"}, expected_version=1, who="y")
        other_version = yamaguchi.data_version()
        tiny.restore(snap, who="管理者")
        assert tiny.get("g-1").status == "active"  # the city restored
        kept = yamaguchi.get("council-odono")
        assert (kept.record["notes"], kept.version) == ("後", 2)  # the other city kept
        assert yamaguchi.data_version() == other_version
        assert [e.action for e in yamaguchi.audit()] == ["edit", "seed"]


def test_restore_refuses_what_is_not_a_snapshot(tmp_path: Path, tiny_dir: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    other = tmp_path / "other"
    with Store.open(f"sqlite:///{other}.sqlite3") as yamaguchi:
        foreign = yamaguchi.snapshot("x")
    with tiny_store(tmp_path, tiny_dir) as store:
        before = state(store)
        for bad in (junk, foreign, tmp_path / "missing.sqlite3"):
            with pytest.raises(RegistryError):
                store.restore(bad, who="t")
        assert state(store) == before


# --- passwords -------------------------------------------------------------------------


def test_password_hash_round_trip() -> None:
    stored = hash_password("correct horse battery", **FAST)
    assert stored.startswith("scrypt$256$8$1$")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterx", stored)
    assert hash_password("correct horse battery", **FAST) != stored  # salted


def test_pbkdf2_hashes_are_accepted() -> None:
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    key = hashlib.pbkdf2_hmac("sha256", b"correct horse battery", salt, 1000)
    stored = (
        f"pbkdf2_sha256$1000${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    )
    assert verify_password("correct horse battery", stored)
    assert not verify_password("wrong", stored)


@pytest.mark.parametrize(
    "stored",
    ["", "plain-text-password", "scrypt$3$8$1$AAAA$AAAA", "scrypt$256$8$1$!!$AAAA", "md5$x$y"],
)
def test_malformed_hashes_are_a_configuration_error(stored: str) -> None:
    with pytest.raises(PasswordHashError):
        verify_password("anything", stored)


def test_short_passwords_are_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        hash_password("short")
