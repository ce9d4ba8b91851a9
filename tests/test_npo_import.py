"""Importing the national NPO法人 file into the registry for real: the same file twice (zip,
then CSV) gives the same registry, a re-import updates, dissolved ones retire, a staff list
of civic groups never retires them, and sample rows go only when staff ask."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.errors import DataValidationError
from geo.registry import Store
from geo.registry.export import export_csv
from geo.registry.importer import ImportResult, apply_plan, plan_import, read_bytes
from geo.registry.npo_apply import apply_npo_plan, plan_against, read_for
from geo.registry.npo_plan import CHANGE, DISSOLVED, MISSING, NpoPlan
from geo.registry.samples import with_sample_retirements
from tests.support.backends import Backend
from tests.support.registry_files import csv_bytes
from tests.test_npo_support import (
    KANA,
    PURPOSE_TWO_LINES,
    ROWS,
    npo_row,
    number,
    portal_csv,
    portal_zip,
)

#: Sample rows of the bundled city, per kind.
SAMPLE_CIVIC = 342
SAMPLE_ASSOCIATIONS = 621
ADDRESS = "山口市湯田温泉5-5-50"


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    """A registry of the bundled 山口市 (seeded from its sample)."""
    with Store.open(backend.url()) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}") as opened:
        yield opened


def plan(store: Store, data: bytes, name: str = "gyousei_000.zip", **kw: bool) -> NpoPlan:
    return plan_against(read_for(store, data, name=name), store, **kw)


def npo_import(
    store: Store, data: bytes, name: str = "gyousei_000.zip", *, retire_samples: bool = False
) -> ImportResult:
    return apply_npo_plan(plan(store, data, name), store, who="山田", retire_samples=retire_samples)


def everything(store: Store) -> list[tuple[str, str, int, str, dict[str, str]]]:
    """Every organisation: id, status, version, source and record."""
    return [
        (s.org_id, s.status, s.version, s.source, dict(s.record))
        for s in store.records(include_retired=True)
    ]


def npos(store: Store) -> dict[str, tuple[str, str, dict[str, str]]]:
    """The organisations with a 法人番号: number -> (id, status, record)."""
    return {
        s.record["corporate_number"]: (s.org_id, s.status, dict(s.record))
        for s in store.records(include_retired=True)
        if s.record["corporate_number"]
    }


def test_zip_then_csv_give_the_same_registry(store: Store, backend: Backend) -> None:
    first = npo_import(store, portal_zip())
    assert first.write.counts == {"add": 3}
    assert (first.snapshot is not None) == backend.is_sqlite
    after = everything(store)
    version = store.data_version()
    again = npo_import(store, portal_csv(), "gyousei_000.csv")
    assert again.write.change_id is None
    assert everything(store) == after and store.data_version() == version
    entry = store.audit(1)[0]
    assert (entry.action, entry.source, entry.who) == ("import-npo", "gyousei_000.zip", "山田")
    assert entry.source_sha256 == hashlib.sha256(portal_zip()).hexdigest()
    found = npos(store)
    assert sorted(found) == sorted(number(n) for n in (1001, 1002, 1003))
    org_id, status, record = found[number(1001)]
    assert (org_id, status) == ("cg-0343", "active")
    assert record["name_kana"] == KANA
    assert record["purpose"] == PURPOSE_TWO_LINES.replace("\r\n", "\n")
    assert record["portal_url"].startswith("https://www.npo-homepage.go.jp/")
    assert record["last_confirmed"] == "2026-10-04" and record["is_sample"] == "false"
    assert {
        s.source for s in store.records(kind="civic_group") if s.record["corporate_number"]
    } == {"npo_portal"}


def test_a_reimport_updates_and_retires_the_dissolved(sqlite_store: Store) -> None:
    store = sqlite_store
    npo_import(store, portal_zip())
    ids = {n: v[0] for n, v in npos(store).items()}
    rows = [list(r) for r in ROWS]
    rows[0][0] = "特定非営利活動法人やまぐち川あそびの会（新名称）"
    rows[1] = npo_row("おごおり見守りネット", "山口市小郡下郷1", number(1002), dissolved="解散")
    later = plan(store, portal_csv(rows), "gyousei_001.csv")
    assert [(r.org_id, r.action) for r in later.rows if r.action == CHANGE] == [
        (ids[number(1001)], CHANGE)
    ]
    assert [(g.org_id, g.reason) for g in later.retired] == [(ids[number(1002)], DISSOLVED)]
    result = apply_npo_plan(later, store, who="山田")
    assert result.write.counts == {"edit": 1, "retire": 1}
    found = npos(store)
    assert {n: v[0] for n, v in found.items()} == ids  # the same organisations
    assert found[number(1001)][2]["name"].endswith("（新名称）")
    assert found[number(1002)][1] == "retired"


def test_one_no_longer_listed_in_the_city_is_retired_unless_kept(sqlite_store: Store) -> None:
    store = sqlite_store
    npo_import(store, portal_zip())
    without = [r for r in ROWS if number(1003) not in r]
    kept = plan(store, portal_csv(without), "later.csv", retire_missing=False)
    assert kept.retired == ()
    gone = plan(store, portal_csv(without), "later.csv")
    assert [g.reason for g in gone.retired] == [MISSING]


def test_a_staff_list_of_civic_groups_never_retires_the_npos(store: Store) -> None:
    npo_import(store, portal_zip())
    ids = {v[0] for v in npos(store).values()}
    rows = [["団体名", "活動分野", "所在地"], ["新しい会", "8", ADDRESS]]
    listed = plan_import(
        read_bytes(csv_bytes(rows), "list.csv"), "civic_groups", store, retire_missing=True
    )
    retired = {g.org_id for g in listed.retired}
    assert len(retired) == SAMPLE_CIVIC and not retired & ids
    apply_plan(listed, store, who="山田")
    assert {v[1] for v in npos(store).values()} == {"active"}
    assert {s.source for s in store.records(kind="civic_group")} == {"npo_portal", "import"}


def test_sample_rows_go_only_when_asked(store: Store) -> None:
    kept = npo_import(store, portal_zip())
    assert "retire" not in kept.write.counts
    assert sum(s.record["is_sample"] == "true" for s in store.records(kind="civic_group")) == 342
    rows = [list(r) for r in ROWS]
    rows[0][0] += "（改）"
    asked = npo_import(store, portal_csv(rows), "gyousei_001.csv", retire_samples=True)
    assert asked.write.counts == {"edit": 1, "retire": SAMPLE_CIVIC}
    groups = store.records(kind="civic_group")
    assert [s.record["is_sample"] for s in groups] == ["false"] * 3


def test_a_staff_list_retires_its_kinds_samples_when_asked(sqlite_store: Store) -> None:
    store = sqlite_store
    rows = [["団体名", "活動分野", "所在地"], ["湯田一区自治会", "防災・減災", ADDRESS]]
    table = read_bytes(csv_bytes(rows), "assoc.csv")
    plain = plan_import(table, "associations", store, retire_missing=False)
    assert plain.retired == ()
    asked = with_sample_retirements(plain, store)
    assert len(asked.retired) == SAMPLE_ASSOCIATIONS
    assert with_sample_retirements(asked, store) == asked  # listed once
    apply_plan(asked, store, who="山田")
    associations = store.records(kind="association")
    assert [s.record["name"] for s in associations] == ["湯田一区自治会"]
    assert len(store.records(kind="civic_group")) == SAMPLE_CIVIC  # other kinds untouched


def test_a_group_staff_listed_is_linked_by_name_then_kept(sqlite_store: Store) -> None:
    store = sqlite_store
    rows = [
        ["団体名", "活動分野", "所在地", "法人番号"],
        ["やまぐち川あそびの会", "子育て支援", ADDRESS, ""],
        ["防府の会", "8", ADDRESS, number(7007)],  # main office outside the city
    ]
    listed = plan_import(read_bytes(csv_bytes(rows), "list.csv"), "civic_groups", store)
    apply_plan(listed, store, who="山田")
    staff_ids = {s.record["name"]: s.org_id for s in store.records(kind="civic_group")}
    npo_plan = plan(store, portal_zip())
    linked = [r for r in npo_plan.rows if r.linked_by_name]
    assert [r.org_id for r in linked] == [staff_ids["やまぐち川あそびの会"]]
    assert ("source", "import", "npo_portal") in linked[0].changes
    assert npo_plan.retired == ()  # 防府の会 is the staff's, not the national file's
    apply_npo_plan(npo_plan, store, who="山田")
    group = store.get(staff_ids["やまぐち川あそびの会"])
    assert (group.source, group.record["corporate_number"]) == ("npo_portal", number(1001))
    assert group.record["fields"] == "npo02;npo07;npo13;kosodate"  # the staff's need kept
    assert store.get(staff_ids["防府の会"]).status == "active"


def test_a_corporate_number_belongs_to_one_organisation(sqlite_store: Store) -> None:
    store = sqlite_store
    npo_import(store, portal_zip())
    rows = [["団体名", "活動分野", "所在地", "法人番号"], ["別の会", "8", ADDRESS, number(1002)]]
    listed = plan_import(
        read_bytes(csv_bytes(rows), "list.csv"), "civic_groups", store, retire_missing=False
    )
    assert listed.problems == ()
    before = everything(store)
    with pytest.raises(DataValidationError) as info:
        apply_plan(listed, store, who="山田")
    (problem,) = info.value.problems
    assert (problem.code, problem.value) == ("number_taken", number(1002))
    assert npos(store)[number(1002)][0] in problem.reason("ja")
    assert everything(store) == before


def test_a_staff_export_imports_back_unchanged(sqlite_store: Store) -> None:
    store = sqlite_store
    npo_import(store, portal_zip())
    data = export_csv(store, public=False, kind="civic_groups", japanese_headers=True)
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-5:] == [
        "法人番号",
        "法人名称カナ",
        "法人情報URL",
        "定款に記載された目的",
        "位置の決め方",
    ]
    back = plan_import(read_bytes(data, "export.csv"), "civic_groups", store)
    assert back.problems == () and not back.has_changes
    public = export_csv(store, public=True, kind="civic_groups", japanese_headers=True)
    text = public.decode("utf-8-sig")
    assert KANA in text and number(1001) in text
    assert "川辺の自然" not in text and "山田　花子" not in text
