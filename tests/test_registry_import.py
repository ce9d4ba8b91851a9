"""Importing files into the registry: every bad input named by row and column, and the
registry unchanged afterwards; good inputs in every accepted encoding and format."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.city import YAMAGUCHI
from geo.errors import DataValidationError, Problem
from geo.fields import default_catalog
from geo.io import load_centers, load_towns
from geo.registry import ConflictError, apply_plan, plan_import, read_bytes, read_path
from geo.registry.analytics import RegistryAnalytics
from geo.registry.importer import MAX_BYTES, MAX_PROBLEMS, Elsewhere, UnreadableFileError
from geo.registry.places import AREA, TOWN, TOWN_KOAZA, Gazetteer
from geo.registry.plan import WrittenElsewhere
from geo.registry.store import Store
from geo.registry.values import Vocabulary, clean_cell, iso_date, read_in_part
from tests.support.backends import Backend
from tests.support.registry_files import (
    civic_rows,
    csv_bytes,
    geojson_bytes,
    inside,
    state,
    tiny_store,
    where,
    xlsx_bytes,
)
from tests.support.tinycity import TINY

TODAY = dt.date(2026, 11, 1)
Maker = Callable[[Path], tuple[bytes, str]]


def _csv(rows: list[list[str]], encoding: str = "utf-8") -> Maker:
    return lambda _: (csv_bytes(rows, encoding), "list.csv")


def _with(column: int, value: str, header: str | None = None) -> list[list[str]]:
    rows = civic_rows(1)
    if header is not None:
        rows[0].append(header)
        rows[1].append(value)
    else:
        rows[1][column] = value
    return rows


def _mixed_encoding(_: Path) -> tuple[bytes, str]:
    head = csv_bytes(civic_rows(1))
    return head + "別の会,8,テスト市北東町\r\n".encode("cp932"), "list.csv"


def _latin1(_: Path) -> tuple[bytes, str]:
    rows = [["name", "fields", "address"], ["Cafe", "8", "x"]]
    return csv_bytes(rows) + "Café Müller,8,Straße\r\n".encode("latin-1"), "list.csv"


def _mixed_after_sep(_: Path) -> tuple[bytes, str]:
    """A first line ``sep=,`` is no row: a spreadsheet shows the header as row 1."""
    return b"sep=,\r\n" + _mixed_encoding(_)[0], "list.csv"


def _broken_utf16(_: Path) -> tuple[bytes, str]:
    """UTF-16 with a lone half of a surrogate pair in its second group."""
    text = csv_bytes(civic_rows(2)).decode()
    second = text.index("\r\n", text.index("\r\n") + 2) + 2
    data = text.encode("utf-16-le")
    return codecs.BOM_UTF16_LE + data[: 2 * second + 4] + b"\x00\xd8" + data[2 * second + 4 :], (
        "list.csv"
    )


def _duplicate_ids(_: Path) -> tuple[bytes, str]:
    rows = civic_rows(2)
    rows[0].insert(0, "団体ID")
    rows[1].insert(0, "cg-new-1")
    rows[2].insert(0, "cg-new-1")
    return csv_bytes(rows), "list.csv"


def _outside(_: Path) -> tuple[bytes, str]:
    rows = [["団体名", "活動分野", "緯度", "経度"], ["遠い会", "8", "35.0", "139.0"]]
    return csv_bytes(rows), "list.csv"


def _huge(_: Path) -> tuple[bytes, str]:
    return b"x" * (MAX_BYTES + 1), "big.csv"


def _sheets(_: Path) -> tuple[bytes, str]:
    """Two lists in one workbook (each sheet's header names the groups)."""
    return xlsx_bytes(civic_rows(1), extra_sheet=civic_rows(2)), "list.xlsx"


def _merged_header(_: Path) -> tuple[bytes, str]:
    return xlsx_bytes(civic_rows(1), merge="A1:B1"), "list.xlsx"


def _merged_cells(_: Path) -> tuple[bytes, str]:
    return xlsx_bytes(civic_rows(2), merge="C2:C3"), "list.xlsx"


def _truncated_geojson(_: Path) -> tuple[bytes, str]:
    data = geojson_bytes([({"団体名": "会", "活動分野": "8"}, inside())] * 3)
    return data[: len(data) // 2], "list.geojson"


def _cut_geojson(_: Path) -> tuple[bytes, str]:
    data = geojson_bytes([({"name": "x", "fields": "8"}, inside())] * 3)
    return data[: data.index(b"Feature", 40)], "list.geojson"


def _line_geojson(_: Path) -> tuple[bytes, str]:
    doc = geojson_bytes([({"団体名": "会", "活動分野": "8"}, inside())]).decode()
    doc = doc.replace('"Point"', '"LineString"')
    return doc.encode(), "list.geojson"


def _geojson_with(change: Callable[[dict[str, Any]], object]) -> Maker:
    """A GeoJSON of one organisation, changed by ``change`` (of the whole document)."""

    def make(_: Path) -> tuple[bytes, str]:
        doc = json.loads(geojson_bytes([({"団体名": "会", "活動分野": "8"}, inside())]))
        change(doc)
        return json.dumps(doc, ensure_ascii=False).encode(), "list.geojson"

    return make


def _long_number(_: Path) -> tuple[bytes, str]:
    """A number of 5,001 digits, more than Python converts."""
    doc = json.loads(geojson_bytes([({"団体名": "会", "世帯数": 7}, inside())]))
    text = json.dumps(doc, ensure_ascii=False).replace('"世帯数": 7', '"世帯数": 7' + "0" * 5000)
    return text.encode(), "list.geojson"


def _repeated_property(_: Path) -> tuple[bytes, str]:
    """A feature naming 団体名 twice: JSON keeps only the second, the first would be lost."""
    doc = geojson_bytes([({"団体名": "会", "活動分野": "8"}, inside())]).decode()
    return doc.replace(
        '"団体名": "会"', '"団体名": "会", "団体名": "別の会"'
    ).encode(), "list.geojson"


def _repeated(old: str, new: str) -> Maker:
    """A GeoJSON member given twice (JSON would keep only the second)."""

    def make(_: Path) -> tuple[bytes, str]:
        doc = geojson_bytes([({"団体名": "会", "活動分野": "8"}, inside())]).decode()
        assert old in doc
        return doc.replace(old, new, 1).encode(), "list.geojson"

    return make


# (id, maker, row (as a spreadsheet numbers them), column, problem code, unreadable file)
BAD_INPUTS: list[tuple[str, Maker, int | None, str | None, str, bool]] = [
    ("wrong encoding", _latin1, 3, None, "encoding", True),
    ("mixed encodings", _mixed_encoding, 3, None, "encoding", True),
    ("mixed encodings under a sep= line", _mixed_after_sep, 3, None, "encoding", True),
    ("broken utf-16", _broken_utf16, 3, None, "utf16", True),
    ("empty file", lambda _: (b"", "list.csv"), None, None, "file_empty", False),
    ("blank file", lambda _: (b"\r\n \r\n", "list.csv"), None, None, "file_empty", False),
    ("header only", _csv(civic_rows(0)), None, None, "no_rows", False),
    (
        "missing required column",
        _csv([["活動分野", "所在地"], ["8", "テスト市北西町"]]),
        None,
        "団体名",
        "missing_column",
        False,
    ),
    ("no location", _csv([["団体名", "活動分野"], ["会", "8"]]), 2, "所在地", "no_location", False),
    (
        "unknown field",
        _csv(_with(1, "8、宇宙開発")),
        2,
        "活動分野",
        "unknown_field",
        False,
    ),
    ("duplicate ids", _duplicate_ids, 3, "団体ID", "duplicate", False),
    (
        "duplicate names",
        _csv([*civic_rows(1), civic_rows(1)[1]]),
        3,
        "団体名",
        "duplicate",
        False,
    ),
    ("coordinates outside the city", _outside, 2, "緯度/経度", "outside_city", False),
    ("unparseable date", _csv(_with(5, "昨年の春")), 2, "最終確認日", "date", False),
    ("impossible date", _csv(_with(5, "2025-02-30")), 2, "最終確認日", "date", False),
    ("future date", _csv(_with(5, "2099-01-01")), 2, "最終確認日", "future", False),
    ("20 MB file", _huge, None, None, "too_large", True),
    ("sheets", _sheets, None, None, "sheets", False),
    ("merged_header", _merged_header, None, "A1:B1", "merged_header", False),
    ("merged data cells", _merged_cells, 2, "C2:C3", "merged", False),
    ("truncated GeoJSON", _truncated_geojson, None, None, "json_cut", True),
    ("GeoJSON cut after a feature", _cut_geojson, None, None, "json_invalid", True),
    ("not a point", _line_geojson, 1, "geometry", "points_only", False),
    (
        "a point without coordinates",
        _geojson_with(lambda d: d["features"][0]["geometry"].update(coordinates=[])),
        1,
        "geometry",
        "point_coordinates",
        False,
    ),
    (
        "a crs that names none",
        _geojson_with(
            lambda d: d.update(crs={"type": "name", "properties": {"name": "EPSG:43260"}})
        ),
        None,
        None,
        "crs_unknown",
        True,
    ),
    (
        "a crs that is no name",
        _geojson_with(lambda d: d.update(crs={"type": "link", "properties": {"href": "x"}})),
        None,
        None,
        "crs_unknown",
        True,
    ),
    ("a property given twice", _repeated_property, 1, "団体名", "repeated_property", False),
    (
        "features given twice",
        _repeated('"features": [', '"features": [], "features": ['),
        None,
        None,
        "repeated_member",
        True,
    ),
    (
        "a geometry given twice",
        _repeated('"geometry": {', '"geometry": null, "geometry": {'),
        1,
        None,
        "repeated_member",
        False,
    ),
    (
        "coordinates given twice",
        _repeated('"coordinates": [', '"coordinates": [0, 0], "coordinates": ['),
        1,
        None,
        "repeated_member",
        False,
    ),
    ("a number of too many digits", _long_number, None, None, "json_number_too_long", True),
    (
        "households beyond any association (a phone number)",
        _csv(_with(0, "0839001234", "世帯数")),
        2,
        "世帯数",
        "above_maximum",
        False,
    ),
    (
        "old .xls",
        lambda _: (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504), "list.xls"),
        None,
        None,
        "ole_workbook",
        True,
    ),
    ("broken xlsx", lambda _: (b"PK\x03\x04broken", "list.xlsx"), None, None, "not_xlsx", True),
    (
        "unclosed quote",
        lambda _: (csv_bytes(civic_rows(1)) + b'"open,8,x\r\n', "list.csv"),
        3,
        None,
        "csv_open_quote",
        True,
    ),
    (
        "address outside the city",
        _csv(_with(2, "宇部市常盤町1-1")),
        2,
        "所在地",
        "unplaced",
        False,
    ),
    ("a dash for a name", _csv(_with(0, "－")), 2, "団体名", "empty", False),
    ("control", _csv(_with(0, "会\x07")), 2, "団体名", "control", False),
    ("direction override", _csv(_with(0, "会\u202eト")), 2, "団体名", "bidi", False),
    ("direction isolate", _csv(_with(0, "\u2067会", "メール")), 2, "メール", "bidi", False),
    ("wrong kind", _csv(_with(0, "自治会", "種別")), 2, "種別", "wrong_kind", False),
    ("not an email", _csv(_with(0, "no-at-sign", "メール")), 2, "メール", "email", False),
    ("bad id", _csv(_with(0, "cg 1", "団体ID")), 2, "団体ID", "id_format", False),
    (
        "too many cells",
        _csv([*civic_rows(1), [*civic_rows(1)[1], "余分"]]),
        3,
        None,
        "extra_cells",
        False,
    ),
]


def _attempt(store: Store, data: bytes, name: str) -> tuple[list[Problem], bool]:
    """Problems of importing ``data``; whether the file itself was unreadable."""
    try:
        table = read_bytes(data, name)
    except UnreadableFileError as exc:
        return list(exc.problems), True
    plan = plan_import(table, "civic_groups", store, today=TODAY)
    with pytest.raises(DataValidationError):
        apply_plan(plan, store, who="test")
    if plan.file_problems:
        with pytest.raises(DataValidationError):
            apply_plan(plan, store, who="test", valid_only=True)
    return list(plan.problems), False


@pytest.mark.parametrize(
    ("maker", "row", "column", "code", "unreadable"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUTS],
)
def test_bad_input_is_named_and_changes_nothing(
    backend: Backend,
    tmp_path: Path,
    tiny_dir: Path,
    maker: Maker,
    row: int | None,
    column: str | None,
    code: str,
    unreadable: bool,
) -> None:
    data, name = maker(tmp_path)
    with tiny_store(backend, tiny_dir) as store:
        before = state(store)
        problems, was_unreadable = _attempt(store, data, name)
        assert state(store) == before
    assert was_unreadable == unreadable
    matching = [p for p in problems if p.code == code]
    assert matching, [str(p) for p in problems]
    assert (matching[0].row, matching[0].column) == (row, column), [str(p) for p in problems]
    assert matching[0].source == name


def test_a_big_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)

    def refuse(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(UnreadableFileError) as exc:
        read_path(path)
    (problem,) = exc.value.problems
    assert problem.code == "too_large"
    assert problem.params["limit_mb"] == 20
    assert "files up to 20 MB" in problem.reason("en")
    assert "20 MB まで" in problem.reason("ja")


def test_every_problem_is_reported_at_once(backend: Backend, tiny_dir: Path) -> None:
    rows = civic_rows(3)
    rows[1][1] = "宇宙"
    rows[2][5] = "いつか"
    rows[3][2] = "どこでもない"
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    # rows as a spreadsheet numbers them: the header is row 1
    assert where(plan.problems) == [(2, "活動分野"), (3, "最終確認日"), (4, "所在地")]
    assert plan.invalid_rows == [2, 3, 4]
    assert not plan.can_import
    assert not plan.can_import_valid_rows


def test_full_width_and_half_width_match(backend: Backend, tiny_dir: Path) -> None:
    rows = [
        ["ＮＯ．", "ｎａｍｅ", "活動分野", "所在地", "世帯数", "最終確認日"],
        [
            "1",
            "ＡＢＣ子ども会",
            "１３、第８号",
            "テスト市北西町",
            "１，２００世帯",
            "令和７年４月１日",
        ],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    record = plan.rows[0].record
    assert record["name"] == "ＡＢＣ子ども会"  # the text as written
    assert (record["fields"], record["households"]) == ("npo13;npo08", "1200")
    assert record["last_confirmed"] == "2025-04-01"


def test_html_in_names_is_kept_as_text(backend: Backend, tiny_dir: Path) -> None:
    name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    rows = _with(0, name)
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
        apply_plan(plan, store, who="test")
        stored = [s.record["name"] for s in store.records()]
        frame = store.read_organisations()
    assert name in stored
    assert name in frame["name"].tolist()


FORMULAS = ["=1+1", "+81-83-000", "-(いち)", "@SUM(A1)", "＝1", "＋1", "－1", "＠x", "\t=2+2"]


def test_formula_cells_are_refused(backend: Backend, tiny_dir: Path) -> None:
    rows = [["団体名", "活動分野", "所在地", "電話", "備考"]]
    rows += [[f"会{i}", "8", "テスト市北西町", c, c] for i, c in enumerate(FORMULAS)]
    rows += [[c, "8", "テスト市北西町", "", ""] for c in FORMULAS]
    rows += [["'=1+1", "8", "テスト市北西町", "", ""]]  # a protecting ' stays
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
        before = state(store)
        with pytest.raises(DataValidationError):
            apply_plan(plan, store, who="test")
        assert state(store) == before
    n = len(FORMULAS)
    expected = [(i, c) for i in range(2, n + 2) for c in ("電話", "備考")]
    expected += [(i, "団体名") for i in range(n + 2, 2 * n + 2)]
    assert where(plan.problems) == expected
    assert {p.code for p in plan.problems} == {"formula"}
    assert [p.value for p in plan.problems[-n:]] == [f.strip() for f in FORMULAS]
    assert [r.record["name"] for r in plan.rows] == ["'=1+1"]


def test_formula_cells_of_a_workbook_are_refused(backend: Backend, tiny_dir: Path) -> None:
    rows: list[list[Any]] = [["団体名", "活動分野", "所在地"], ["=SUM(A1)", 8, "テスト市北西町"]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(xlsx_bytes(rows), "a.xlsx"), "civic_groups", store)
    assert [(p.row, p.column, p.value, p.code) for p in plan.problems] == [
        (2, "団体名", "=SUM(A1)", "formula")
    ]


# --- matching the registry -------------------------------------------------------------


def test_dry_run_shows_added_changed_retired(backend: Backend, tiny_dir: Path) -> None:
    rows = [
        ["団体ID", "団体名", "活動分野", "所在地"],
        ["g-1", "サンプルg-1 改め", "npo01;mimamori", "テスト市nw"],  # changed by id
        ["", "サンプルg-2", "npo13", "テスト市ne"],  # matched by name, unchanged
        ["", "新しい会", "8", "テスト市南東町"],  # added
    ]
    with tiny_store(backend, tiny_dir) as store:
        before = state(store)
        plan = plan_import(
            read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store, retire_missing=True
        )
        assert state(store) == before  # a dry run writes nothing
    assert not plan.problems, [str(p) for p in plan.problems]
    assert list(plan.summary().items()) == [  # what would be retired comes first
        ("retired", 1),
        ("added", 1),
        ("changed", 1),
        ("reactivated", 0),
        ("unchanged", 1),
        ("invalid", 0),
    ]
    changed = plan.with_action("change")[0]
    assert changed.changes == (("name", "サンプルg-1", "サンプルg-1 改め"),)
    added = plan.with_action("add")[0]
    assert added.record["org_id"] == "cg-0001"
    assert (added.record["area_id"], added.match_level) == ("se", TOWN)
    assert [g.org_id for g in plan.retired] == ["g-3"]


def test_an_address_in_another_area_than_its_point_is_named(
    backend: Backend, tiny_dir: Path
) -> None:
    """The point decides the 地域; the dry run names the rows whose address the town
    list places elsewhere, and imports them all the same."""
    nw, se = inside("nw"), inside("se")
    rows = [
        ["団体名", "活動分野", "所在地", "経度", "緯度", "地域"],
        ["地点が北西の会", "8", "テスト市南東町", str(nw[0]), str(nw[1]), ""],  # elsewhere
        ["同じ地域の会", "8", "テスト市南東町", str(se[0]), str(se[1]), ""],
        ["住所のない会", "8", "", str(nw[0]), str(nw[1]), ""],
        ["住所だけの会", "8", "テスト市南東町", "", "", ""],
        # registered in the 地域 its row names, not where its point is: not compared
        ["地域を書いた会", "8", "テスト市南東町", str(nw[0]), str(nw[1]), "ne"],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert plan.elsewhere == (Elsewhere(2, "se", "nw"),)
    assert plan.with_action("add")[0].record["area_id"] == "nw"
    assert plan.can_import


def test_a_written_area_other_than_the_place_is_named(backend: Backend, tiny_dir: Path) -> None:
    """A row's 地域 column decides where it is counted; the dry run names the rows whose
    point or address is in another 地域, and imports them all the same."""
    nw = inside("nw")
    rows = [
        ["団体名", "活動分野", "所在地", "経度", "緯度", "地域"],
        ["点が北西の会", "8", "", str(nw[0]), str(nw[1]), "ne"],
        ["住所が南東の会", "8", "テスト市南東町", "", "", "nw"],
        ["そろった会", "8", "テスト市南東町", "", "", "se"],
        ["地域だけの会", "8", "", "", "", "ne"],  # (its point is the 地域's center)
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert plan.written_elsewhere == (
        WrittenElsewhere(2, "ne", "nw"),
        WrittenElsewhere(3, "nw", "se"),
    )
    assert [r.record["area_id"] for r in plan.rows] == ["ne", "nw", "se", "ne"]
    assert plan.elsewhere == ()
    assert plan.can_import


@pytest.mark.parametrize(
    ("kind", "without"),
    [("civic_groups", [3, 4]), ("associations", [])],  # an association needs no field
)
def test_a_civic_group_without_a_field_is_imported_and_named(
    backend: Backend, tiny_dir: Path, kind: str, without: list[int]
) -> None:
    """A civic group with no field never shows on a map narrowed to fields: the dry run
    names its row, and the import goes on (staff may not know its fields yet)."""
    rows = [
        ["団体名", "活動分野", "所在地"],
        ["分野のある会", "npo13", "テスト市南東町"],
        ["分野のない会", "", "テスト市南東町"],
        ["分野がダッシュの会", "－", "テスト市南東町"],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), kind, store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert plan.rows_without_fields == without
    assert plan.can_import


@pytest.mark.parametrize(
    ("org_id", "name"),
    [
        ("", "サンプル\u200bg-2"),  # a zero-width space pasted from a web page
        ("", "\ufeffサンプルg-2\u2060"),
        ("G-2", "サンプルg-2"),  # an id in capitals
    ],
)
def test_an_organisation_written_with_invisible_differences_is_the_same(
    backend: Backend, tiny_dir: Path, org_id: str, name: str
) -> None:
    """Not added a second time beside the one it looks the same as."""
    rows = [["団体ID", "団体名", "活動分野", "所在地"], [org_id, name, "npo13", "テスト市ne"]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert [(r.action, r.record["org_id"]) for r in plan.rows] == [("unchanged", "g-2")]


def test_a_list_numbered_its_own_way_does_not_add_the_registry_again(
    backend: Backend, tiny_dir: Path
) -> None:
    """A city's list numbers its rows (整理番号 1, 2 …), and the header is read as the
    id: a number the registry does not know, beside a name it does, is asked about
    instead of adding that organisation a second time; a new number with a new name
    is a new organisation with that id."""
    rows = [
        ["整理番号", "団体名", "活動分野", "所在地"],
        ["1", "サンプルg-2", "npo13", "テスト市南東町"],
        ["2", "まったく新しい会", "npo13", "テスト市南東町"],
        ["g-2", "サンプルg-2", "npo13", "テスト市南東町"],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert [(p.row, p.column, p.value, p.code, p.params) for p in plan.problems] == [
        (2, "整理番号", "1", "new_id_known_name", {"ids": "g-2"})
    ]
    assert plan.problems[0].reason("ja").startswith("この団体IDの団体は登録にありませんが")
    assert [(r.row, r.action, r.record["org_id"]) for r in plan.rows] == [
        (3, "add", "2"),
        (4, "change", "g-2"),  # (its address now given)
    ]


def test_a_number_given_twice_names_the_files_row_of_the_first(
    backend: Backend, tiny_dir: Path
) -> None:
    """The row a duplicate points at is counted as the file's rows are (the header is
    row 1), not as the table's."""
    rows = [
        ["団体名", "活動分野", "所在地", "法人番号"],
        ["一の会", "npo13", "テスト市南東町", "7000000000002"],
        ["二の会", "npo13", "テスト市南東町", "7000000000002"],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert [(p.row, p.code, p.params) for p in plan.problems] == [(3, "duplicate", {"row": 2})]


@pytest.mark.parametrize(("written", "stored"), [("", "false"), ("はい", "true"), ("×", "false")])
def test_an_empty_sample_cell_says_no(
    backend: Backend, tiny_dir: Path, written: str, stored: str
) -> None:
    """サンプル left empty is no, as the column's note says (not a problem)."""
    rows = [
        ["団体名", "活動分野", "所在地", "サンプル"],
        ["一の会", "npo13", "テスト市南東町", written],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert plan.rows[0].record["is_sample"] == stored


@pytest.mark.parametrize(
    ("lat", "lon", "refused"),
    [
        ("緯度（日本測地系）", "経度（日本測地系）", ["緯度（日本測地系）", "経度（日本測地系）"]),
        ("lat (Tokyo Datum)", "lon", ["lat (Tokyo Datum)"]),
        ("緯度（世界測地系）", "経度（世界測地系）", []),
        ("緯度（JGD2011）", "経度", []),
    ],
)
def test_points_on_the_old_tokyo_datum_are_refused(
    backend: Backend, tiny_dir: Path, lat: str, lon: str, refused: list[str]
) -> None:
    """Figures on 日本測地系 fall some 400 m from the same figures on the world datum:
    the file is refused, naming the columns, rather than placed wrongly."""
    nw = inside("nw")
    rows = [["団体名", "活動分野", lat, lon], ["会", "8", str(nw[1]), str(nw[0])]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert [(p.row, p.column) for p in plan.problems if p.code == "tokyo_datum"] == [
        (None, header) for header in refused
    ]
    assert plan.can_import == (not refused)


def test_problems_are_listed_row_by_row(backend: Backend, tiny_dir: Path) -> None:
    """A workbook's error cell (found while it is read) is listed at its row, after the
    problems of the rows above it (found when the rows are checked)."""

    rows = [["団体名", "活動分野", "所在地"], ["会", "宇宙", "テスト市南東町"], ["x", "8", "y"]]
    source = io.BytesIO(xlsx_bytes(rows))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="A3"[^>]*>.*?</c>', b'<c r="A3" t="e"><v>#N/A</v></c>', data)
            dst.writestr(info, data)
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(out.getvalue(), "a.xlsx"), "civic_groups", store)
    assert [(p.row, p.code) for p in plan.problems][:2] == [
        (2, "unknown_field"),
        (3, "excel_error"),
    ]


def test_a_second_column_of_the_same_meaning_is_named_by_its_place(
    backend: Backend, tiny_dir: Path
) -> None:
    """Two headers 団体名: the problem says which one (the third from the left)."""
    rows = [["団体名", "活動分野", "団体名", "所在地"], ["会", "8", "会", "テスト市ne"]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    (problem,) = [p for p in plan.problems if p.code == "same_column"]
    assert (problem.column, problem.params["position"]) == ("団体名", 3)
    assert problem.reason("ja").startswith("左から3列目")


def test_a_short_file_retires_nothing_unless_asked(backend: Backend, tiny_dir: Path) -> None:
    rows = civic_rows(3)
    with tiny_store(backend, tiny_dir) as store:
        kept = {s.org_id for s in store.records(kind="civic_group")}
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
        assert plan.retired == () and not plan.needs_confirmation
        assert {g.org_id for g in plan.not_listed} == kept  # listed, and left alone
        assert plan.kind_active == len(kept)
        apply_plan(plan, store, who="test")
        active = {s.org_id for s in store.records(kind="civic_group")}
        assert kept < active and len(active) == len(kept) + 3
        asked = plan_import(
            read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store, retire_missing=True
        )
    assert {g.org_id for g in asked.retired} == kept
    assert asked.retire_share == pytest.approx(len(kept) / (len(kept) + 3))
    assert asked.needs_confirmation  # far more than a tenth of the kind


@pytest.mark.parametrize(("listed", "confirm"), [(3, False), (2, True)])
def test_retiring_more_than_a_tenth_asks_for_a_confirmation(
    backend: Backend, tiny_dir: Path, listed: int, confirm: bool
) -> None:
    with tiny_store(backend, tiny_dir) as store:
        groups = store.records(kind="civic_group")
        rows = [["団体ID", "団体名", "活動分野", "所在地"]]
        rows += [[g.org_id, g.record["name"], "8", "テスト市nw"] for g in groups[:listed]]
        plan = plan_import(
            read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store, retire_missing=True
        )
    # the tiny city has 3 civic groups: retiring 0 of 3 asks nothing, 1 of 3 asks
    assert len(plan.retired) == len(groups) - listed
    assert plan.needs_confirmation is confirm


def test_problems_are_kept_up_to_a_limit_and_counted(backend: Backend, tiny_dir: Path) -> None:
    rows = [["団体名", "活動分野", "所在地"]]
    rows += [[f"会{i}", "宇宙;海;空", "テスト市北西町"] for i in range(400)]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert plan.problem_count == 1200
    assert len(plan.problems) == MAX_PROBLEMS and plan.hidden_problems == 200
    assert plan.invalid_rows == list(range(2, 402))
    assert plan.summary()["invalid"] == 400


def test_import_applies_the_plan_with_audit_and_snapshot(backend: Backend, tiny_dir: Path) -> None:
    rows = [
        ["団体ID", "団体名", "活動分野", "所在地"],
        ["g-1", "改名した会", "npo01", "テスト市nw"],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(
            read_bytes(csv_bytes(rows), "list.csv"), "civic_groups", store, retire_missing=False
        )
        result = apply_plan(plan, store, who="山田")
        if backend.is_sqlite:  # other databases are backed up with their own tools
            assert result.snapshot is not None and result.snapshot.is_file()
        else:
            assert result.snapshot is None
        assert store.get("g-1").record["name"] == "改名した会"
        entry = store.audit(1)[0]
        assert (entry.who, entry.action, entry.source) == ("山田", "import", "list.csv")
        assert entry.source_sha256 == plan.sha256
        fields = {d["field"] for d in RegistryAnalytics(store).audit_details(entry.change_id)}
        assert fields == {"name", "fields"}
        again = plan_import(
            read_bytes(csv_bytes(rows), "list.csv"), "civic_groups", store, retire_missing=False
        )
    assert not again.has_changes


def test_valid_rows_only_adds_and_changes_but_never_retires(
    backend: Backend, tiny_dir: Path
) -> None:
    rows = civic_rows(2)
    rows[2][1] = "宇宙"
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(
            read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store, retire_missing=True
        )
        assert plan.retired and plan.can_import_valid_rows
        with pytest.raises(DataValidationError):
            apply_plan(plan, store, who="test")
        apply_plan(plan, store, who="test", valid_only=True)
        names = {s.record["name"] for s in store.records(kind="civic_group")}
    assert names == {"サンプルg-1", "サンプルg-2", "サンプルg-3", "新しい会1"}


def test_a_plan_made_before_another_change_is_refused(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(civic_rows()), "a.csv"), "civic_groups", store)
        org = store.get("a-1")
        store.edit("a-1", {**org.record, "name": "別の変更"}, expected_version=1, who="other")
        before = state(store)
        with pytest.raises(ConflictError):
            apply_plan(plan, store, who="test")
        assert state(store) == before


@pytest.mark.parametrize(
    ("extra", "not_read"),
    [
        ([], ()),
        (["登録日"], ("登録日",)),
        (["会員数", "No.", "<b>設立</b>"], ("会員数", "<b>設立</b>")),  # (No. is a row number)
    ],
)
def test_columns_the_registry_does_not_know_are_named_and_not_read(
    backend: Backend, tiny_dir: Path, extra: list[str], not_read: tuple[str, ...]
) -> None:
    """A city's list keeps columns of its own (登録日, 会員数): the rest of the file is
    imported, and the plan names the columns it did not read."""
    rows = civic_rows(2)
    rows[0] += extra
    for row in rows[1:]:
        row += ["=1+1"] * len(extra)  # (not read: not refused as a formula either)
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
        assert not plan.problems, [str(p) for p in plan.problems]
        assert plan.columns_not_read == not_read
        apply_plan(plan, store, who="t")
        added = [store.get(r.record["org_id"]).record for r in plan.with_action("add")]
    assert len(added) == 2
    assert not any("=1+1" in value for record in added for value in record.values())


def test_a_row_of_sums_under_the_list_is_passed_over_and_named(
    backend: Backend, tiny_dir: Path
) -> None:
    """A city's list ends with its 合計 (in the No. column or the name column): that row
    is no organisation, nor a row with a problem."""
    rows = [["No.", *r] for r in civic_rows(2)]
    rows[1][0], rows[2][0] = "1", "2"
    rows += [["合計", "", "", "", "", "", ""], ["", "小計", "2件", "", "", "", ""]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert (plan.sum_rows, plan.total_rows, len(plan.with_action("add"))) == ((4, 5), 2, 2)


@pytest.mark.parametrize(
    ("kind", "missing"),
    [("civic_groups", ["活動分野"]), ("councils", ["活動分野"]), ("associations", [])],
)
def test_only_an_association_list_may_leave_out_the_fields_column(
    backend: Backend, tiny_dir: Path, kind: str, missing: list[str]
) -> None:
    rows = [["団体名", "所在地"], ["列のない会", "テスト市南東町"]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), kind, store)
    assert [p.column for p in plan.problems if p.code == "missing_column"] == missing


def test_an_association_list_as_a_city_keeps_it_imports_without_a_problem(
    backend: Backend, tiny_dir: Path
) -> None:
    """A workbook as the city keeps its 自治会 list: a title, its own headers (自治会名,
    会長名, 地区, a date in the header), counts and answers with notes, and a 合計 row
    whose formula was saved without its figure."""
    rows: list[list[Any]] = [
        ["自治会名簿（令和6年4月1日現在）"],
        ["No.", "自治会名", "地区", "会長名", "加入世帯数（R6.4.1現在）", "自主防災組織結成の有無"],
        [1, "北西一区自治会", "北西地区", "山田", "約120", "あり（R3結成）"],
        [2, "北西二区自治会", "北西地域交流センター", "田中", "85世帯", "✓"],
        [3, "南東自治会", "南東", "佐藤", "40", "未"],
        ["合計", "", "", "", "=SUM(E3:E5)", ""],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(xlsx_bytes(rows), "名簿.xlsx"), "associations", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert (plan.header_row, plan.sum_rows, plan.columns_not_read) == (2, (6,), ())
    assert plan.read_in_part == (3,)  # (約120 and あり（R3結成）: the rest is not stored)
    got = [
        (r.record["name"], r.record["area_id"], r.record["households"], r.record["has_jishubo"])
        for r in plan.with_action("add")
    ]
    assert got == [
        ("北西一区自治会", "nw", "120", "true"),
        ("北西二区自治会", "nw", "85", "true"),
        ("南東自治会", "se", "40", "false"),
    ]
    assert [r.record["representative"] for r in plan.with_action("add")] == ["山田", "田中", "佐藤"]


def test_headers_with_notes_import_as_the_columns_they_name(
    backend: Backend, tiny_dir: Path
) -> None:
    rows = [
        [
            "No.（自動）",
            "【必須】団体名",
            "活動分野\n（複数可）",
            "所在地（住所）",
            "団体名（ふりがな）",
        ],
        ["1", "注記の会", "8", "テスト市南東町", "ちゅうきのかい"],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert not plan.problems, [str(p) for p in plan.problems]
    assert plan.columns_not_read == ()
    record = plan.with_action("add")[0].record
    assert (record["name"], record["fields"], record["name_kana"]) == (
        "注記の会",
        "npo08",
        "ちゅうきのかい",
    )
    assert record["area_id"] == "se"


def _center(tiny_dir: Path, area: str) -> tuple[str, str]:
    centers = load_centers(tiny_dir, TINY).set_index("area_id")
    pt = centers.geometry[area]
    return f"{pt.x:.6f}", f"{pt.y:.6f}"


def test_a_row_with_only_its_area_is_placed_at_the_area_s_center(
    backend: Backend, tiny_dir: Path
) -> None:
    """A list of civic groups often gives where they are based, not their address: the
    row is placed at its 地域's center, and the dry run says so (match level ``area``);
    a row with neither is still refused."""
    rows = [
        ["団体名", "活動分野", "地域", "所在地"],
        ["拠点だけの会", "8", "ne", ""],
        ["何もない会", "8", "", ""],
    ]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert where(plan.problems) == [(3, "所在地")]
    assert plan.problems[0].code == "no_location"
    placed = plan.rows[0]
    assert (placed.record["area_id"], placed.match_level) == ("ne", AREA)
    assert (placed.record["lon"], placed.record["lat"]) == _center(tiny_dir, "ne")


def test_a_point_at_its_area_s_center_moves_with_its_area(backend: Backend, tiny_dir: Path) -> None:
    """A point placed at an area's center follows a new 地域; a point from an address
    or coordinates stays where it is."""
    first = [["団体名", "活動分野", "地域"], ["拠点だけの会", "8", "ne"]]
    moved = [["団体名", "活動分野", "地域"], ["拠点だけの会", "8", "se"]]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(first), "a.csv"), "civic_groups", store)
        apply_plan(plan, store, who="t")
        again = plan_import(read_bytes(csv_bytes(moved), "b.csv"), "civic_groups", store)
    assert not again.problems, [str(p) for p in again.problems]
    row = again.rows[0]
    assert (row.action, row.record["area_id"], row.match_level) == ("change", "se", AREA)
    assert (row.record["lon"], row.record["lat"]) == _center(tiny_dir, "se")


def test_columns_left_out_keep_their_values(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        org = store.get("g-1")
        store.edit("g-1", {**org.record, "phone": "083-111-2222"}, expected_version=1, who="t")
        rows = [["団体ID", "団体名", "活動分野"], ["g-1", "サンプルg-1", "npo01;mimamori"]]
        plan = plan_import(
            read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store, retire_missing=False
        )
    assert not plan.problems
    assert plan.rows[0].action == "unchanged"
    assert plan.rows[0].record["phone"] == "083-111-2222"


def test_a_retired_organisation_comes_back(backend: Backend, tiny_dir: Path) -> None:
    with tiny_store(backend, tiny_dir) as store:
        store.retire("g-3", expected_version=1, who="t")
        rows = [["団体ID", "団体名", "活動分野"], ["g-3", "サンプルg-3", "npo08"]]
        plan = plan_import(
            read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store, retire_missing=False
        )
        assert [r.action for r in plan.rows] == ["reactivate"]
        apply_plan(plan, store, who="t")
        assert store.get("g-3").status == "active"


def test_blank_rows_keep_the_row_numbers(backend: Backend, tiny_dir: Path) -> None:
    rows = [*civic_rows(1), [""] * 6, civic_rows(1)[1]]
    rows[3][1] = "宇宙"
    rows[3][0] = "別の会"
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert where(plan.problems) == [(4, "活動分野")]  # the file's 4th row


@pytest.mark.parametrize("number", ["No.", "連番", "番号"])
def test_rows_numbered_ahead_and_empty_besides_are_blank(
    backend: Backend, tiny_dir: Path, number: str
) -> None:
    """A list numbered down to row 100 with 2 groups in it: the numbered rows under
    them are blank rows, not groups without a name."""
    rows = [[number, *r] for r in civic_rows(2)]
    rows += [[str(n), *[""] * 6] for n in range(3, 101)]
    with tiny_store(backend, tiny_dir) as store:
        plan = plan_import(read_bytes(csv_bytes(rows), "a.csv"), "civic_groups", store)
    assert (plan.problems, len(plan.rows)) == ((), 2)


# --- the words staff use ---------------------------------------------------------------

VOCAB = Vocabulary.build(default_catalog({n: f"法定{n}" for n in range(1, 21)}), YAMAGUCHI)


@pytest.mark.parametrize(
    ("column", "text", "expected", "problem"),
    [
        ("fields", "8", "npo08", ""),
        ("fields", "８", "npo08", ""),
        ("fields", "第8号", "npo08", ""),
        ("fields", "災害救援", "npo08", ""),
        ("fields", "npo08", "npo08", ""),
        # the law's fields numbered ① to ⑳, as forms do: each one a field (not ①③ = 13)
        ("fields", "①③", "npo01;npo03", ""),
        ("fields", "⑬⑳", "npo13;npo20", ""),
        ("fields", "①保健・医療・福祉", "npo01", ""),
        ("fields", "1／13", "npo01;npo13", ""),
        # the numbers with spaces or 中黒 between them: each a field
        ("fields", "1 13", "npo01;npo13", ""),
        ("fields", "１　１３　８", "npo01;npo13;npo08", ""),
        ("fields", "1・13", "npo01;npo13", ""),
        ("fields", "1 宇宙", "", "unknown_field"),
        ("fields", "（1）（13）", "npo01;npo13", ""),  # (numbered in brackets, as forms do)
        ("fields", "(8)災害救援", "npo08", ""),
        ("fields", "保健・医療・福祉/まちづくり", "npo01;npo03", ""),
        ("fields", "防災・減災", "bousai", ""),
        ("fields", "Disaster preparedness", "bousai", ""),
        ("fields", "Health, medicine & welfare；13", "npo01;npo13", ""),
        ("fields", "8、子育て支援,8", "npo08;kosodate", ""),
        ("fields", "宇宙", "", "unknown_field"),
        # a part of a short name joined with 「・」, when no other field's name has it
        ("fields", "防災", "bousai", ""),
        ("fields", "減災、防犯", "bousai;bouhan", ""),
        ("fields", "交通安全", "bouhan", ""),
        ("fields", "買い物支援", "idou", ""),
        ("fields", "スポーツ", "npo06", ""),
        ("fields", "福祉", "", "unknown_field"),  # 高齢者の見守り・福祉 or 保健・医療・福祉
        ("fields", "・", "", "unknown_field"),
        ("area_id", "湯田", "yuda", ""),
        ("area_id", "湯田地域", "yuda", ""),
        ("area_id", "ＹＵＤＡ", "yuda", ""),
        ("area_id", "あとう", "ato", ""),
        ("area_id", "全市", "", "base_citywide"),
        ("area_id", "東京", "", "unknown_area"),
        ("service_areas", "湯田、小郡", "yuda;ogori", ""),
        ("service_areas", "湯田;市内全域", "*", ""),
        ("service_areas", "湯田・小郡", "yuda;ogori", ""),
        ("service_areas", "湯田地区／小郡地区", "yuda;ogori", ""),
        ("service_areas", "市内一円", "*", ""),
        ("service_areas", "山口市内", "*", ""),
        ("area_id", "湯田地区", "yuda", ""),
        ("area_id", "湯田地域交流センター", "yuda", ""),  # (based at the area's center)
        ("legal_form", "特定非営利活動法人", "npo_corp", ""),
        ("legal_form", "ＮＰＯ法人", "npo_corp", ""),
        ("legal_form", "認可地縁団体", "authorized", ""),
        ("legal_form", "株式会社", "", "unknown_legal_form"),
        # the choices as the column's help lists them, and the pages' words
        ("legal_form", "一般社団法人・一般財団法人", "general_inc", ""),
        ("legal_form", "特定非営利活動法人 (NPO法人)", "npo_corp", ""),
        ("legal_form", "Voluntary group", "voluntary", ""),
        ("kind", "町内会", "association", ""),
        ("has_jishubo", "○", "true", ""),
        ("has_jishubo", "なし", "false", ""),
        ("has_jishubo", "有り", "true", ""),
        ("has_jishubo", "〇", "true", ""),  # (the ideographic zero that lists write for ○)
        ("has_jishubo", "結成済み", "true", ""),
        ("has_jishubo", "未結成", "false", ""),
        ("has_jishubo", "無し", "false", ""),
        ("has_jishubo", "たぶん", "", "yes_no"),
        # the answer with a note after it, as lists write it: the answer is read
        ("has_jishubo", "あり（R3結成）", "true", ""),
        ("has_jishubo", "有 (2019年)", "true", ""),
        ("has_jishubo", "なし【検討中】", "false", ""),
        ("has_jishubo", "あり：R3結成", "true", ""),
        ("has_jishubo", "✓", "true", ""),  # (a check mark, as forms tick)
        ("has_jishubo", "済", "true", ""),
        ("has_jishubo", "未", "false", ""),
        ("has_jishubo", "（あり）", "", "yes_no"),
        ("has_jishubo", "たぶん（R3）", "", "yes_no"),
        ("households", "1,234", "1234", ""),
        ("households", "多数", "", "not_whole_number"),
        ("households", "1.5", "", "not_whole_number"),
        ("households", "-5", "", "below_minimum"),
        ("households", "−5", "", "below_minimum"),
        ("households", "0012", "12", ""),
        ("households", "100,000世帯", "100000", ""),
        # an approximate count, or one with a note: the count
        ("households", "約120", "120", ""),
        ("households", "約 1,200 世帯", "1200", ""),
        ("households", "120世帯程度", "120", ""),
        ("households", "およそ80戸", "80", ""),
        ("households", "120（R6.4現在）", "120", ""),
        ("households", "約", "", "not_whole_number"),
        ("households", "約−5", "", "below_minimum"),
        # a cell of one short value that is long: refused unread (its reading is bounded)
        ("households", "約" + "（" * 5000, "", "too_long"),
        ("has_jishubo", "あり" + "(" * 5000, "", "too_long"),
        ("last_confirmed", "2024/4/1" + " " * 5000 + "x", "", "too_long"),
        # a phone number in the wrong column, a figure beyond any association
        ("households", "0839001234", "", "above_maximum"),
        ("households", "9223372036854775807", "", "above_maximum"),
        ("households", "1" * 90, "", "above_maximum"),  # (by its length, not by int())
        ("households", "1" * 5000, "", "too_long"),  # beyond what int() reads: unread
        ("households", "0" * 90 + "12", "12", ""),
        ("lat", "34.1", "34.100000", ""),
        ("lat", "北緯34度", "", "not_number"),
        ("name", "'=1+1", "'=1+1", ""),
        ("name", '=HYPERLINK("http://x")', "", "formula"),
        ("name", "  ＝1", "", "formula"),
        ("phone", "+81 83", "", "formula"),  # too short for a number
        # a Japanese number written the international way: as dialled at home
        ("phone", "+81 83-922-1111", "083-922-1111", ""),
        ("phone", "+81(0)83-922-1111", "083-922-1111", ""),
        ("phone", "+81 (0)90 1234 5678", "090 1234 5678", ""),
        ("phone", "＋８１　８３－９２２－１１１１", "083-922-1111", ""),
        ("phone", "+81 083-922-1111", "083-922-1111", ""),
        ("phone", "+1 555 123 4567", "", "formula"),
        ("phone", "+81 (83) 922-1111", "", "formula"),
        ("phone", "+81 83-922-1111 内線12", "", "formula"),
        ("phone", "+81=1+1", "", "formula"),
        # written in full-width characters, or with long vowel marks for dashes: in ASCII
        ("phone", "０８３－９２２－００００", "083-922-0000", ""),
        ("phone", "083ー922ー0000", "083-922-0000", ""),
        ("phone", "（０８３）９７３－２２２２", "(083)973-2222", ""),
        # a dash alone says "none": an empty cell, in any column
        ("phone", "-", "", ""),
        ("address", "－", "", ""),
        ("representative", "ー", "", ""),
        ("households", " — ", "", ""),
        ("notes", "--", "", ""),
        ("notes", "- 1", "", "formula"),
        ("notes", "- 毎月第2土曜", "", "formula"),
        ("representative", "@山田", "", "formula"),
        ("fields", "x;" * 70, "", "too_many_items"),
        ("fields", "8" * 1001, "", "too_long"),
        ("service_areas", "、".join(["湯田"] * 65), "", "too_many_items"),
        ("service_areas", "・".join(["湯田"] * 65), "", "too_many_items"),  # (as it is read)
        ("fields", "①" * 65, "", "too_many_items"),
        ("name", "x" * 201, "", "too_long"),
        ("notes", "一行目\r\n二行目", "一行目\n二行目", ""),
        # line and paragraph separators break lines: kept as line feeds where lines are
        ("notes", "一行目\u2028二行目\u2029三\r四", "一行目\n二行目\n三\n四", ""),
        ("name", "行区切り\u2028の会", "", "control"),
        ("address", "山口市\u2029亀山町", "", "control"),
        ("name", "\tタブ始まりの会\r", "タブ始まりの会", ""),
        ("lat", "34,184733", "34.184733", ""),  # a decimal comma
        ("lon", "131,486993", "131.486993", ""),
        ("lat", "34.184733", "34.184733", ""),
        ("lat", "1,234.5", "1234.500000", ""),  # (then refused as above 90)
        ("email", "a@example.jp", "a@example.jp", ""),
        ("org_id", "ｃｇ－０００１", "cg-0001", ""),
        ("org_id", "CG-0001", "cg-0001", ""),
        # pasted invisible characters go; direction marks are refused like overrides
        ("name", "サン\u200bプル会\ufeff", "サンプル会", ""),
        ("address", "\u2060山口市亀山町2-1", "山口市亀山町2-1", ""),
        ("name", "会\u200f", "", "bidi"),
        ("name", "\u061c会", "", "bidi"),
        # a text that shows nothing is not a name (nor an address, a note …)
        ("name", "\u3164", "", "no_visible_text"),
        ("name", "\u2800\u2800", "", "no_visible_text"),
        ("name", "\u115f", "", "no_visible_text"),
        ("name", "\u200c\u200d", "", "no_visible_text"),
        ("name", "\ufe0f", "", "no_visible_text"),
        ("name", "\u034f", "", "no_visible_text"),
        ("address", "\u3000\u200d\u3000", "", "no_visible_text"),
        ("name", "\u3164会", "\u3164会", ""),  # (something shows)
        ("name", "❤\ufe0f", "❤\ufe0f", ""),
    ],
)
def test_clean_cell(column: str, text: str, expected: str, problem: str) -> None:
    value, found = clean_cell(column, text, VOCAB, today=TODAY)
    assert value == expected
    if problem:
        assert [f.code for f in found] == [problem]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("column", "text", "in_part"),
    [
        ("households", "約120", True),
        ("households", "120世帯程度", True),
        ("households", "およそ80戸", True),
        ("households", "120（R6.4現在）", True),
        ("households", "120", False),
        ("households", "100,000世帯", False),  # (a unit says nothing more)
        ("households", "", False),
        ("has_jishubo", "あり（R3結成）", True),
        ("has_jishubo", "あり：R3結成", True),
        ("has_jishubo", "なし【検討中】", True),
        ("has_jishubo", "あり", False),
        ("has_jishubo", "✓", False),
        ("notes", "約120（R6）", False),  # (free text is kept whole)
        ("name", "第一自治会（旧名）", False),
        ("households", "約" + "（" * 5000, False),  # refused unread, never matched
    ],
)
def test_a_cell_read_in_part_is_told(column: str, text: str, in_part: bool) -> None:
    assert read_in_part(column, text) is in_part


def test_unknown_items_are_reported_up_to_a_few_each() -> None:
    value, found = clean_cell("fields", "8;a;b;c;d;e;f;g", VOCAB, today=TODAY)
    assert value == "npo08"
    assert [f.code for f in found] == ["unknown_field"] * 5 + ["more_unknown"]
    assert (found[-1].value, found[-1].params["n"]) == ("f; g", 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-01", "2024-04-01"),
        ("2024/4/1", "2024-04-01"),
        ("2024.4.1", "2024-04-01"),
        ("20240401", "2024-04-01"),
        ("2024年4月1日", "2024-04-01"),
        ("２０２４年４月", "2024-04-01"),
        ("令和6年4月1日", "2024-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("R6.4.1", "2024-04-01"),
        ("H31/4/30", "2019-04-30"),
        ("R6.4", "2024-04-01"),
        ("令和6年4月", "2024-04-01"),
        ("H31/4", "2019-04-01"),
        ("2024-04-01 00:00:00", "2024-04-01"),
        ("2024-04-01 10:30", "2024-04-01"),  # a spreadsheet's date and time: the day
        ("2024-04-01T10:30:00", "2024-04-01"),
        ("2024/4/1 9:05:00.5", "2024-04-01"),
        ("令和6年4月1日 10:30", "2024-04-01"),
        # a fiscal year: its first day; a weekday or 現在 after the date: left out
        ("令和6年度", "2024-04-01"),
        ("R6年度", "2024-04-01"),
        ("2024年度", "2024-04-01"),
        ("2024/4/1(月)", "2024-04-01"),
        ("R6.4.1現在", "2024-04-01"),
        ("令和6年4月1日（月）現在", "2024-04-01"),
        ("45383", "2024-04-01"),  # a date cell saved as a number: the day it counts
        ("45383.4375", "2024-04-01"),  # (a fraction is the time of day)
        ("４５３８３", "2024-04-01"),
        ("4538", None),
        ("453831", None),
        ("10:30", None),
        ("2024-02-30", None),
        ("昨年", None),
        ("4/1", None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(load_towns(), load_centers(), YAMAGUCHI)


@pytest.mark.parametrize(
    ("address", "level", "area", "matched"),
    [
        ("山口市湯田温泉5-5-50", TOWN, "yuda", "湯田温泉五丁目"),
        ("山口市湯田温泉五丁目", TOWN, "yuda", "湯田温泉五丁目"),
        ("山口県山口市阿知須字井関12", TOWN_KOAZA, "ajisu", "阿知須 井関"),
        ("山口市阿知須9999", TOWN, "ajisu", "阿知須"),
        ("〒753-0000 山口市 三の宮二丁目3-1", TOWN, "miyano", "三の宮二丁目"),
        ("山口市三の宮2-1", TOWN, "miyano", "三の宮二丁目"),
        ("山口市大殿大路120-4", TOWN, "odono", "大殿大路"),
        ("山口市阿東どこか1", AREA, "ato", "阿東"),
    ],
)
def test_addresses_are_placed_at_their_town(
    gazetteer: Gazetteer, address: str, level: str, area: str, matched: str
) -> None:
    place = gazetteer.place(address)
    assert place is not None
    assert (place.level, place.area_id, place.matched) == (level, area, matched)


@pytest.mark.parametrize(
    ("area", "found"), [("ato", True), ("yuda", True), ("", False), ("x", False)]
)
def test_an_area_s_center_is_its_center_s_point(
    gazetteer: Gazetteer, area: str, found: bool
) -> None:
    place = gazetteer.area_center(area)
    assert (place is not None) == found
    if place is not None:
        centers = load_centers().set_index("area_id")
        assert (place.lon, place.lat) == (centers.geometry[area].x, centers.geometry[area].y)
        assert (place.level, place.area_id) == (AREA, area)


@pytest.mark.parametrize("address", ["宇部市常盤町1", "山口市", "", "ﾄｳｷｮｳ"])
def test_addresses_that_cannot_be_placed(gazetteer: Gazetteer, address: str) -> None:
    assert gazetteer.place(address) is None


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("会\u202eト", "会<U+202E>ト"),
        ("\u2066山口\u2069の会", "<U+2066>山口<U+2069>の会"),
        (
            "\u202a\u202b\u202c\u202d\u2067\u2068",
            "<U+202A><U+202B><U+202C><U+202D><U+2067><U+2068>",
        ),
        ("会\u200e", "会<U+200E>"),  # the marks too: they move the brackets and digits near
        ("\u200f(1)会", "<U+200F>(1)会"),
        ("会\u061c", "会<U+061C>"),
    ],
)
def test_a_name_that_turns_its_direction_is_refused_and_shown_plainly(
    written: str, shown: str
) -> None:
    value, found = clean_cell("name", written, Vocabulary({}, {}), today=TODAY)
    assert value == ""
    assert [(f.code, f.value) for f in found] == [("bidi", shown)]


@pytest.mark.parametrize("written", ["山口\u200d会", "Ａ会", "👨\u200d👩\u200d👧の会"])
def test_other_invisible_or_wide_characters_are_kept(written: str) -> None:
    value, found = clean_cell("name", written, Vocabulary({}, {}), today=TODAY)
    assert found == []
    assert value
