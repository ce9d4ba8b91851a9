"""The NPO法人 import plan: found by 法人番号 (or by name once), what staff added kept,
dissolved and departed ones retired, and a second import of the same file a no-op."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import pytest

from geo.city import YAMAGUCHI
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.npo import NpoReading, read_npo
from geo.registry.npo_plan import (
    ADD,
    CHANGE,
    DISSOLVED,
    MISSING,
    REACTIVATE,
    SAMPLE,
    UNCHANGED,
    KnownOrg,
    NpoPlan,
    as_rows,
    known_from_rows,
    merge,
    plan_npo,
)
from geo.registry.validation import Reference
from tests.test_npo_support import EXPECTED, ROWS, number, portal_csv, portal_zip

TODAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return Reference.load(None, YAMAGUCHI)


@pytest.fixture(scope="module")
def reading(ref: Reference) -> NpoReading:
    return read_npo(
        portal_zip(), YAMAGUCHI, place=ref.gazetteer.place, catalog=ref.catalog, today=TODAY
    )


def civic(
    org_id: str,
    name: str,
    *,
    corporate: str = "",
    status: str = "active",
    sample: bool = False,
    source: str = "",
    **cells: str,
) -> KnownOrg:
    """A stored civic group (brought by the national file when it has a 法人番号, unless
    ``source`` says otherwise)."""
    record = dict.fromkeys(RECORD_COLUMNS, "")
    record.update(
        org_id=org_id,
        kind="civic_group",
        name=name,
        fields="npo01",
        area_id="yuda",
        legal_form="voluntary",
        is_sample="true" if sample else "false",
        address="山口市湯田温泉一丁目",
        lon="131.459717",
        lat="34.165043",
        corporate_number=corporate,
    )
    record.update(cells)
    origin = source or ("npo_portal" if corporate else "import")
    return KnownOrg(org_id, status, 3, record, match_level="town", source=origin)


def apply(
    known: Sequence[KnownOrg], plan: NpoPlan, *, retire_samples: bool = False
) -> list[KnownOrg]:
    """What the registry would hold after writing the plan (new ids ``cg-n…``)."""
    assert all(p.row is not None for p in plan.problems)  # rows only, never the file
    out = {k.org_id: k for k in known}
    for n, r in enumerate(plan.rows, start=1):
        if r.action == UNCHANGED:
            continue
        org_id = r.org_id or f"cg-n{n}"
        version = 1 if r.action == ADD else out[org_id].version + 1
        out[org_id] = KnownOrg(
            org_id, "active", version, {**r.record, "org_id": org_id}, r.match_level, "npo_portal"
        )
    gone = [*plan.retired, *(plan.samples if retire_samples else ())]
    for g in gone:
        out[g.org_id] = dataclasses.replace(
            out[g.org_id], status="retired", version=out[g.org_id].version + 1
        )
    return list(out.values())


def test_first_import_adds_and_a_second_changes_nothing(reading: NpoReading) -> None:
    samples = [civic("cg-0001", "サンプル子ども会", sample=True)]
    plan = plan_npo(reading, samples)
    assert plan.summary() == {
        "added": 3,
        "changed": 0,
        "reactivated": 0,
        "unchanged": 0,
        "retired": 0,
        "samples": 1,
        "outside": 3,
        "dissolved": 1,
        "unplaced": 1,
        "invalid": 3,
    }
    assert [r.extra["corporate_number"] for r in plan.rows] == [e.number for e in EXPECTED]
    assert [(s.org_id, s.reason) for s in plan.samples] == [("cg-0001", SAMPLE)]
    assert plan.has_changes()
    registry = apply(samples, plan, retire_samples=True)
    again = plan_npo(reading, registry)
    assert {r.action for r in again.rows} == {UNCHANGED}
    assert again.retired == () and again.samples == ()
    assert not again.has_changes(retire_samples=True)
    assert apply(registry, again) == registry
    assert plan_npo(reading, registry, base_data_version=7).base_data_version == 7


def test_zip_then_csv_of_the_same_day_changes_nothing(ref: Reference, reading: NpoReading) -> None:
    registry = apply([], plan_npo(reading, []))
    csv_reading = read_npo(
        portal_csv(), YAMAGUCHI, place=ref.gazetteer.place, catalog=ref.catalog, as_of=reading.as_of
    )
    assert {r.action for r in plan_npo(csv_reading, registry).rows} == {UNCHANGED}


def test_a_group_without_number_is_linked_by_name_and_keeps_what_staff_added(
    reading: NpoReading,
) -> None:
    stored = civic(
        "cg-0007",
        "やまぐち川あそびの会",
        fields="npo13;kosodate",
        service_areas="*",
        phone="083-000-0000",
        notes="さぽらんて登録",
    )
    plan = plan_npo(reading, [stored])
    (row,) = [r for r in plan.rows if r.org_id == "cg-0007"]
    assert (row.action, row.linked_by_name) == (CHANGE, True)
    assert row.record["name"] == "特定非営利活動法人やまぐち川あそびの会"
    assert row.record["fields"] == "npo02;npo07;npo13;kosodate"  # the need kept
    assert row.record["legal_form"] == "npo_corp"
    for column in ("service_areas", "phone", "notes"):
        assert row.record[column] == stored.record[column]
    assert row.extra["corporate_number"] == number(1001)
    assert row.record["area_id"] == "yuda" and row.match_level == "town"
    changed = {c for c, _, _ in row.changes}
    assert {"name", "fields", "legal_form", "address", "corporate_number", "purpose"} <= changed
    assert len(plan.with_action(ADD)) == 2


def test_several_groups_of_the_same_name_are_a_problem(reading: NpoReading) -> None:
    known = [civic("cg-1", "NPO法人おごおり見守りネット"), civic("cg-2", "おごおり見守りネット")]
    plan = plan_npo(reading, known)
    (problem,) = [p for p in plan.problems if p.column == "法人名称"]
    assert problem.row == 3 and "cg-1, cg-2" in problem.reason("en")
    assert [r.row for r in plan.rows] == [2, 4]


def test_a_name_shared_by_a_numbered_group_is_not_linked(reading: NpoReading) -> None:
    known = [civic("cg-1", "おごおり見守りネット", corporate=number(4242))]
    plan = plan_npo(reading, known)
    assert [r.action for r in plan.rows] == [ADD, ADD, ADD]
    assert [(g.org_id, g.reason) for g in plan.retired] == [("cg-1", MISSING)]


def test_dissolved_and_departed_npo_are_retired(reading: NpoReading) -> None:
    known = [
        civic("cg-1", "みやの昔の会", corporate=number(1004)),  # dissolved in the file
        civic("cg-2", "引っ越した会", corporate=number(5005)),  # no longer in the city
        civic("cg-3", "どこかの会", corporate=number(1005)),  # listed, not placed: kept
        civic("cg-4", "前に廃止", corporate=number(6006), status="retired"),
        civic("cg-5", "番号のない会"),  # not an imported NPO: never retired here
    ]
    plan = plan_npo(reading, known)
    assert [(g.org_id, g.reason) for g in plan.retired] == [("cg-1", DISSOLVED), ("cg-2", MISSING)]
    assert plan.retired[0].reason_text("ja") == "解散"
    kept = plan_npo(reading, known, retire_missing=False)
    assert [(g.org_id, g.reason) for g in kept.retired] == [("cg-1", DISSOLVED)]


def test_a_retired_npo_listed_again_is_reactivated(reading: NpoReading) -> None:
    known = [civic("cg-1", "x", corporate=number(1002), status="retired")]
    (row,) = [r for r in plan_npo(reading, known).rows if r.org_id == "cg-1"]
    assert row.action == REACTIVATE and row.base_version == 3


def test_the_point_stays_while_the_address_is_unchanged(reading: NpoReading) -> None:
    found = reading.records[0]
    moved_by_staff = civic(
        "cg-1",
        "x",
        corporate=found.corporate_number,
        address=found.record["address"],
        lon="131.460000",
        lat="34.170000",
        area_id="yuda",
    )
    record, level = merge(found, moved_by_staff)
    assert (record["lon"], record["lat"], level) == ("131.460000", "34.170000", "town")
    elsewhere = dataclasses.replace(
        moved_by_staff, record={**moved_by_staff.record, "address": "山口市中央一丁目"}
    )
    record, _ = merge(found, elsewhere)
    assert (record["lon"], record["lat"]) == (found.record["lon"], found.record["lat"])


def test_rows_and_known_round_trip(reading: NpoReading) -> None:
    registry = apply([], plan_npo(reading, []))
    rows = [
        {
            **k.record,
            "status": k.status,
            "version": str(k.version),
            "match_level": k.match_level,
            "source": k.source,
        }
        for k in registry
    ]
    assert known_from_rows(rows) == registry
    flat = as_rows(plan_npo(reading, registry))
    assert [r["action"] for r in flat] == [UNCHANGED] * 3
    assert len(ROWS) == reading.total_rows
