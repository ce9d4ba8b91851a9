"""Every bad input is reported with its row and column, all at once, nothing half-loaded."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from geo.errors import DataValidationError, Problem
from geo.io import load_areas, load_centers, load_city, load_organisations
from tests.support.tinycity import TINY


def _copy(tiny_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "city"
    shutil.copytree(tiny_dir, target)
    return target


def _edit_csv(path: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 1, column] = value
    frame.to_csv(path, index=False)


def _edit_area(path: Path, row: int, key: str, value: object) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if key == "geometry":
        doc["features"][row - 1]["geometry"] = value
    else:
        doc["features"][row - 1]["properties"][key] = value
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


ORG_CASES: list[tuple[int, str, str, str, dict[str, object]]] = [
    # (row, column, bad value, problem code, its parameters)
    (2, "fields", "npo03;npo99", "unknown_value", {}),
    (3, "kind", "club", "unknown_value", {}),
    (4, "area_id", "atlantis", "unknown_value", {}),
    (5, "households", "many", "not_whole_number", {}),
    (5, "households", "-3", "below_minimum", {"minimum": 0}),
    (6, "has_jishubo", "perhaps", "not_yes_no", {}),
    (7, "last_confirmed", "2025-13-45", "not_iso_date", {}),
    (8, "lat", "north", "not_number", {}),
    (8, "lon", "", "empty", {}),
    (9, "lat", "35.5", "outside_city", {}),
    (10, "org_id", "c-nw", "duplicate", {"row": 1}),
    (11, "name", "", "empty", {}),
    (11, "service_areas", "nw;mars", "unknown_value", {}),
    (12, "households", "9223372036854775807", "above_maximum", {"maximum": 100_000}),
]


@pytest.mark.parametrize(("row", "column", "value", "code", "params"), ORG_CASES)
def test_bad_organisation_cell_names_row_and_column(
    tiny_dir: Path,
    tmp_path: Path,
    row: int,
    column: str,
    value: str,
    code: str,
    params: dict[str, object],
) -> None:
    folder = _copy(tiny_dir, tmp_path)
    _edit_csv(folder / "organisations.csv", row, column, value)
    with pytest.raises(DataValidationError) as info:
        load_organisations(folder, TINY)
    found = [p for p in info.value.problems if p.code == code and p.row == row]
    assert found, info.value
    assert found[0].column in (column, "lat/lon")
    assert found[0].params == params


def test_every_problem_is_reported_at_once(tiny_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_dir, tmp_path)
    for row, column, value, _, _ in ORG_CASES[:7]:
        _edit_csv(folder / "organisations.csv", row, column, value)
    with pytest.raises(DataValidationError) as info:
        load_organisations(folder, TINY)
    assert {p.row for p in info.value.problems} == {2, 3, 4, 5, 6, 7}
    assert "problems found" in str(info.value)


def test_missing_required_column(tiny_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_dir, tmp_path)
    frame = pd.read_csv(folder / "organisations.csv", dtype=str)
    frame.drop(columns=["kind"]).to_csv(folder / "organisations.csv", index=False)
    with pytest.raises(DataValidationError) as info:
        load_organisations(folder, TINY)
    assert info.value.problems[0] == Problem(
        "organisations.csv", None, "kind", "", "missing_column"
    )
    assert "organisations.csv, column 'kind': required column is missing" in str(info.value)


AREA_CASES: list[tuple[int, str, object, str]] = [
    (1, "area_id", "atlantis", "unknown_area_id"),
    (2, "area_id", "nw", "duplicate"),
    (3, "population_2020", "lots", "not_whole_number"),
    (3, "area_km2", "-1", "below_minimum"),
    (4, "boundary_confidence", "maybe", "unknown_value"),
    (2, "geometry", {"type": "Polygon", "coordinates": []}, "geometry_empty"),
    (
        2,
        "geometry",
        {
            "type": "Polygon",
            "coordinates": [
                [[131.0, 34.0], [131.02, 34.02], [131.02, 34.0], [131.0, 34.02], [131.0, 34.0]]
            ],
        },
        "geometry_invalid",
    ),
    (1, "geometry", {"type": "Point", "coordinates": [131.0, 34.0]}, "geometry_type"),
]


@pytest.mark.parametrize(("row", "column", "value", "code"), AREA_CASES)
def test_bad_area_names_row_and_column(
    tiny_dir: Path, tmp_path: Path, row: int, column: str, value: object, code: str
) -> None:
    folder = _copy(tiny_dir, tmp_path)
    _edit_area(folder / "areas.geojson", row, column, value)
    with pytest.raises(DataValidationError) as info:
        load_areas(folder, TINY)
    found = [p for p in info.value.problems if p.code == code]
    assert found, info.value
    assert (found[0].row, found[0].column) == (row, column)


def test_an_area_missing_is_reported(tiny_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_dir, tmp_path)
    doc = json.loads((folder / "areas.geojson").read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:3]
    (folder / "areas.geojson").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_areas(folder, TINY)
    assert any(p.value == "se" and p.code == "area_missing" for p in info.value.problems)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"type": "FeatureCollection", "features": [', "not valid GeoJSON"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        ("", "not valid GeoJSON"),
    ],
)
def test_broken_geojson_is_one_clear_error(
    tiny_dir: Path, tmp_path: Path, content: str, reason: str
) -> None:
    folder = _copy(tiny_dir, tmp_path)
    (folder / "areas.geojson").write_text(content, encoding="utf-8")
    with pytest.raises(DataValidationError, match=reason):
        load_areas(folder, TINY)


def test_wrong_crs_is_refused(tiny_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_dir, tmp_path)
    doc = json.loads((folder / "areas.geojson").read_text(encoding="utf-8"))
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6671"}}
    (folder / "areas.geojson").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataValidationError, match="WGS84"):
        load_areas(folder, TINY)


def test_center_outside_its_own_area(tiny_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_dir, tmp_path)
    _edit_csv(folder / "centers.csv", 1, "area_id", "se")
    with pytest.raises(DataValidationError, match="not inside its own area"):
        load_city(folder, TINY)


def test_non_utf8_file_is_refused(tiny_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_dir, tmp_path)
    text = (folder / "centers.csv").read_text(encoding="utf-8")
    (folder / "centers.csv").write_bytes(text.encode("cp932"))
    with pytest.raises(DataValidationError, match="UTF-8"):
        load_centers(folder, TINY)


@pytest.mark.parametrize("name", ["organisations.csv", "areas.geojson", "outline.geojson"])
def test_missing_file(tiny_dir: Path, tmp_path: Path, name: str) -> None:
    folder = _copy(tiny_dir, tmp_path)
    (folder / name).unlink()
    loader: Callable[..., object] = load_city
    with pytest.raises(DataValidationError, match="file is missing"):
        loader(folder, TINY)
