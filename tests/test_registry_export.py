"""Exports: import -> export -> import gives the same registry; formula cells inert;
public exports carry only the public columns."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from geo.io import org_columns
from geo.model import DERIVED_ORG_COLUMNS, PRIVATE_ORG_COLUMNS, PUBLIC_ORG_COLUMNS
from geo.registry import apply_plan, export_csv, export_geojson, export_hsds, plan_import
from geo.registry.columns import LABELS, PLACED_BY, PLACED_BY_LABEL, PLACED_BY_OLD_LABEL
from geo.registry.export import JSON_TYPED
from geo.registry.hsds import stable_id
from geo.registry.importer import read_bytes
from geo.registry.places import AREA, COORDINATES
from geo.registry.prepare import prepare_record
from geo.registry.store import Store
from geo.words import text as words
from tests.support.backends import Backend
from tests.support.registry_files import csv_bytes, tiny_store

KINDS = ("civic_groups", "associations", "councils")
TRICKY = [
    ["団体名", "活動分野", "所在地", "代表者", "電話", "メール", "備考"],
    ["ハイパーリンクの会", "8", "テスト市北西町", "山田", "083-000", "a@example.jp", "1"],
    ["<script>alert(1)</script>", "13", "テスト市南東町", "", "", "", "一行目\n二行目"],
    ["全角の会", "防災・減災", "テスト市北東町", "", "", "", ""],
]
#: Cells a spreadsheet would run, written straight into the registry (an import refuses
#: them): as a registry written before imports did.
FORMULAS = {
    "cg-0001": {
        "name": '=HYPERLINK("http://x")',
        "representative": "@山田",
        "phone": "+81-83-000",
        "notes": "-1",
    },
    "cg-0003": {"name": "＠全角の会"},
    "a-1": {"phone": "=cmd|' /C calc'!A0"},
}


@pytest.fixture
def imported(tmp_path: Path, tiny_dir: Path) -> Iterator[Store]:
    """The tiny registry after an import with tricky cells, an edit and a retirement."""
    with tiny_store(tmp_path, tiny_dir, "a") as store:
        plan = plan_import(
            read_bytes(csv_bytes(TRICKY), "tricky.csv"),
            "civic_groups",
            store,
            retire_missing=False,
        )
        assert not plan.problems, [str(p) for p in plan.problems]
        apply_plan(plan, store, who="t")
        org = store.get("a-1")
        store.edit("a-1", {**org.record, "phone": "083-111-2222"}, expected_version=1, who="t")
        store.retire("g-3", expected_version=1, who="t")
        yield store


@pytest.fixture
def changed(imported: Store) -> Store:
    """``imported`` with formula-like cells in the registry itself."""
    for org_id, cells in FORMULAS.items():
        org = imported.get(org_id)
        imported.edit(org_id, {**org.record, **cells}, expected_version=org.version, who="t")
    return imported


def _active(store: Store) -> list[dict[str, str]]:
    return sorted((dict(s.record) for s in store.records()), key=lambda r: r["org_id"])


@pytest.mark.parametrize("fmt", ["csv", "csv-ja", "geojson"])
def test_round_trip_gives_the_same_registry(
    imported: Store, backend: Backend, tiny_dir: Path, fmt: str
) -> None:
    changed = imported
    files = {}
    for kind in KINDS:
        if fmt == "geojson":
            files[kind] = (export_geojson(changed, public=False, kind=kind), f"{kind}.geojson")
        else:
            data = export_csv(changed, public=False, kind=kind, japanese_headers=fmt == "csv-ja")
            files[kind] = (data, f"{kind}.csv")
    # into the same registry: nothing to do
    for kind, (data, name) in files.items():
        plan = plan_import(read_bytes(data, name), kind, changed)
        assert not plan.problems, [str(p) for p in plan.problems]
        assert not plan.has_changes, (kind, plan.summary())
    # into a fresh registry seeded from the same sample: the same organisations
    with tiny_store(backend, tiny_dir, "b") as fresh:
        for kind, (data, name) in files.items():
            plan = plan_import(read_bytes(data, name), kind, fresh, retire_missing=True)
            assert not plan.problems, [str(p) for p in plan.problems]
            apply_plan(plan, fresh, who="t")
        assert _active(fresh) == _active(changed)
        assert fresh.read_organisations().equals(changed.read_organisations())


def test_formula_cells_are_neutralised_in_csv(changed: Store) -> None:
    frame = pd.read_csv(
        io.BytesIO(export_csv(changed, public=False)), dtype=str, keep_default_na=False
    )
    cells = frame.set_index("org_id")
    assert cells.loc["cg-0001", "name"] == '\'=HYPERLINK("http://x")'
    assert cells.loc["cg-0001", "representative"] == "'@山田"
    assert cells.loc["cg-0001", "phone"] == "'+81-83-000"
    assert cells.loc["cg-0001", "notes"] == "'-1"
    assert cells.loc["cg-0003", "name"] == "'＠全角の会"
    assert cells.loc["a-1", "phone"] == "'=cmd|' /C calc'!A0"
    assert cells.loc["cg-0002", "name"] == "<script>alert(1)</script>"  # text, not markup
    stored = {s.org_id: s.record for s in changed.records()}
    assert stored["cg-0001"]["name"] == '=HYPERLINK("http://x")'  # the registry keeps the text


def test_csv_with_japanese_headers(changed: Store) -> None:
    frame = pd.read_csv(io.BytesIO(export_csv(changed, japanese_headers=True)), dtype=str)
    assert list(frame.columns)[:3] == [LABELS["org_id"], LABELS["kind"], LABELS["name"]]


def test_public_exports_have_no_private_columns(changed: Store) -> None:
    private_values = ["+81-83-000", "@山田", "a@example.jp", "二行目", "cmd|"]
    active = {s.org_id: s.record for s in changed.records()}
    public_columns = [
        *(c for c in PUBLIC_ORG_COLUMNS if c not in (*DERIVED_ORG_COLUMNS, "geometry")),
        PLACED_BY,
    ]
    csv_frame = pd.read_csv(
        io.BytesIO(export_csv(changed, public=True)), dtype=str, keep_default_na=False
    )
    assert set(csv_frame.columns).isdisjoint(PRIVATE_ORG_COLUMNS)
    assert set(csv_frame.columns) == {*public_columns, "lon", "lat"}
    # every active organisation is there with its public values
    rows = csv_frame.set_index("org_id")
    assert set(rows.index) == set(active)
    assert rows.loc["cg-0002", "name"] == "<script>alert(1)</script>"
    assert rows.loc["cg-0003", "name"] == "'＠全角の会"  # a formula start, neutralised
    for org_id, record in active.items():
        for column in ("kind", "fields", "area_id", "service_areas", "address", "lon", "lat"):
            assert rows.loc[org_id, column] == record[column], (org_id, column)
    doc = json.loads(export_geojson(changed, public=True))
    for feature in doc["features"]:
        assert set(feature["properties"]).isdisjoint(PRIVATE_ORG_COLUMNS)
    by_id = {f["properties"]["org_id"]: f for f in doc["features"]}
    assert set(by_id) == set(active)
    assert by_id["cg-0001"]["properties"]["name"] == '=HYPERLINK("http://x")'
    assert by_id["cg-0001"]["properties"]["address"] == active["cg-0001"]["address"]
    assert by_id["cg-0001"]["geometry"]["coordinates"] == [
        float(active["cg-0001"]["lon"]),
        float(active["cg-0001"]["lat"]),
    ]
    exported = json.loads(export_hsds(changed, public=True))
    assert all(not o["contacts"] for o in exported)
    assert {o["name"] for o in exported} == {r["name"] for r in active.values()}
    for data in (
        export_csv(changed, public=True),
        export_geojson(changed, public=True),
        export_hsds(changed, public=True),
    ):
        text = data.decode("utf-8-sig")
        assert not [v for v in private_values if v in text]
    staff = export_hsds(changed, public=False).decode()
    assert all(v in staff for v in private_values)


def test_exports_say_how_each_point_was_found_and_an_import_keeps_it(
    backend: Backend, tiny_dir: Path
) -> None:
    """A point at its 地域's 交流センター is ``area`` in CSV and GeoJSON; the column is
    not named as unread when the export is imported back, and the unmoved point keeps
    its level (so the map still says the place is approximate)."""
    with tiny_store(backend, tiny_dir) as store:
        record = {**store.get("g-1").record, "org_id": "g-9", "name": "新しい会"}
        store.add(record, who="t", match_level=AREA)
        csv_frame = pd.read_csv(
            io.BytesIO(export_csv(store, public=True)), dtype=str, keep_default_na=False
        ).set_index("org_id")
        assert csv_frame.loc["g-9", PLACED_BY] == AREA
        assert csv_frame.loc["g-1", PLACED_BY] == "coordinates"  # the seeded sample
        features = json.loads(export_geojson(store, public=True))["features"]
        assert {f["properties"]["org_id"]: f["properties"][PLACED_BY] for f in features}[
            "g-9"
        ] == AREA
        japanese = pd.read_csv(io.BytesIO(export_csv(store, japanese_headers=True)), dtype=str)
        assert list(japanese.columns)[-1] == PLACED_BY_LABEL == words("staff.col.match", "ja")
        for headers in (False, True):
            text = export_csv(store, public=False, kind="civic_groups", japanese_headers=headers)
            renamed = text.decode("utf-8-sig").replace("新しい会", "新しい会（改称）")
            data = renamed.encode("utf-8-sig")
            plan = plan_import(read_bytes(data, "groups.csv"), "civic_groups", store)
            assert not plan.problems, [str(p) for p in plan.problems]
            assert plan.columns_not_read == ()
            apply_plan(plan, store, who="t")
            assert store.get("g-9").match_level == AREA
            assert store.read_organisations().set_index("org_id").loc["g-9", "at_center"]
        # the same point given with another 地域 is no longer that area's center
        org = store.get("g-9")
        other = next(a for a in ("nw", "ne", "sw", "se") if a != org.record["area_id"])
        for cells, level in [({}, AREA), ({"area_id": other}, COORDINATES)]:
            given = {"lon": org.record["lon"], "lat": org.record["lat"], **cells}
            prepared = prepare_record(given, "civic_group", org, store.reference)
            assert prepared.match_level == level, cells


#: What an export's ``placed_by`` says, whether the point is its 地域's center, and the
#: level a registry that never stored the organisation gives it.
SAID_PLACED_BY = [
    ("area", True, AREA),
    (" AREA ", True, AREA),
    ("area", False, COORDINATES),  # moved off the center: placed where it now is
    ("coordinates", True, COORDINATES),  # a group that really meets at the center
    ("town", True, COORDINATES),
    ("", True, COORDINATES),
    ("=area", True, COORDINATES),
]


@pytest.mark.parametrize(("said", "at_center", "level"), SAID_PLACED_BY)
def test_a_point_said_to_be_the_areas_center_stays_approximate(
    tmp_path: Path, tiny_dir: Path, said: str, at_center: bool, level: str
) -> None:
    with tiny_store(tmp_path, tiny_dir) as store:
        center = store.reference.gazetteer.area_center("ne")
        assert center is not None
        lon = center.lon if at_center else center.lon + 0.001
        given = {"name": "新しい会", "lon": f"{lon}", "lat": f"{center.lat}"}
        for cells in (given, {**given, "area_id": "ne"}):
            prepared = prepare_record(cells, "civic_group", None, store.reference, placed_by=said)
            assert prepared.match_level == level, cells
            assert prepared.record["area_id"] == "ne"
            assert PLACED_BY not in prepared.record


@pytest.mark.parametrize("fmt", ["csv", "csv-ja", "csv-ja-first", "geojson"])
def test_an_export_keeps_its_points_at_a_center_in_another_registry(
    tmp_path: Path, tiny_dir: Path, fmt: str
) -> None:
    """An export imported into a registry that never stored its organisations: the one
    placed at its 地域's center is still approximate there, the one given coordinates
    at the same point (as a group meeting at the center would be) is not."""
    with tiny_store(tmp_path, tiny_dir, "a") as store:
        center = store.reference.gazetteer.area_center("ne")
        assert center is not None
        base = {**store.get("g-1").record, "address": "", "area_id": "ne"}
        point = {"lon": f"{center.lon:.6f}", "lat": f"{center.lat:.6f}"}
        for org_id, name, how in [("g-8", "センターの会", AREA), ("g-9", "集う会", COORDINATES)]:
            record = {**base, **point, "org_id": org_id, "name": name}
            store.add(record, who="t", match_level=how)
        if fmt == "geojson":
            data, filename = export_geojson(store, kind="civic_groups"), "groups.geojson"
        else:
            japanese = fmt.startswith("csv-ja")
            data = export_csv(store, kind="civic_groups", japanese_headers=japanese)
            filename = "groups.csv"
            if fmt == "csv-ja-first":  # (as the first exports headed the column)
                data = data.replace(PLACED_BY_LABEL.encode(), PLACED_BY_OLD_LABEL.encode())
    with tiny_store(tmp_path, tiny_dir, "b") as fresh:
        plan = plan_import(read_bytes(data, filename), "civic_groups", fresh)
        assert not plan.problems, [str(p) for p in plan.problems]
        assert plan.columns_not_read == ()
        apply_plan(plan, fresh, who="t")
        assert (fresh.get("g-8").match_level, fresh.get("g-9").match_level) == (AREA, COORDINATES)
        at_center = fresh.read_organisations().set_index("org_id")["at_center"]
        assert bool(at_center["g-8"]) and not bool(at_center["g-9"])


def test_hsds_links_its_objects(changed: Store) -> None:
    orgs = json.loads(export_hsds(changed, public=False))
    jis = changed.reference.city.jis_code
    by_org = {o["id"]: o for o in orgs}
    assert set(by_org) == {stable_id(jis, "organization", s.org_id) for s in changed.records()}
    assert stable_id(jis, "organization", "g-3") not in by_org  # retired
    for org in orgs:
        assert {loc["organization_id"] for loc in org["locations"]} == {org["id"]}
        assert {s["organization_id"] for s in org["services"]} <= {org["id"]}
        for service in org["services"]:
            assert {a["link_id"] for a in service["attributes"]} == {service["id"]}
            assert {a["service_id"] for a in service["service_areas"]} == {service["id"]}
    with_contact = {o["id"] for o in orgs if o["contacts"]}
    assert with_contact == {stable_id(jis, "organization", i) for i in ("cg-0001", "a-1")}
    (cg2,) = [o for o in orgs if o["id"] == stable_id(jis, "organization", "cg-0002")]
    notes = [a["value"] for a in cg2["attributes"] if a["taxonomy_term"]["code"] == "notes"]
    assert notes == ["一行目\n二行目"]  # notes are an attribute of staff exports
    (g2,) = [o for o in orgs if o["id"] == stable_id(jis, "organization", "g-2")]
    assert [a["uri"] for a in g2["services"][0]["service_areas"]] == [f"urn:kyodo-map:city:{jis}"]


def test_geojson_gives_numbers_and_flags_as_json_types(changed: Store) -> None:
    typed = {
        c.name: c.kind
        for c in org_columns(changed.reference.catalog, ())
        if c.kind in ("int", "bool")
    }
    assert typed == JSON_TYPED
    doc = json.loads(export_geojson(changed, public=True, kind="associations"))
    props = [f["properties"] for f in doc["features"]]
    assert props and all(isinstance(p["is_sample"], bool) for p in props)
    assert all(p["has_jishubo"] is None or isinstance(p["has_jishubo"], bool) for p in props)
    assert all(p["households"] is None or type(p["households"]) is int for p in props)
    assert {type(p["households"]) for p in props} == {int}
