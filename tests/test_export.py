from __future__ import annotations

import io

import pandas as pd
import pytest

from geo.export import neutralise_cell, safe_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+81 83", "'+81 83"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("＝HYPERLINK()", "'＝HYPERLINK()"),
        ("\t=1", "'\t=1"),
        ("湯田", "湯田"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


def test_safe_csv_has_bom_and_inert_cells() -> None:
    frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "普通"], "n": [-1, 2]})
    data = safe_csv(frame)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["name"].tolist() == ["'=cmd|' /C calc'!A0", "普通"]
    assert back["n"].tolist() == [-1, 2]
    assert frame["name"].iloc[0].startswith("=")  # the input is not changed


def test_safe_csv_index_and_headers() -> None:
    frame = pd.DataFrame({"=evil": [1]}, index=pd.Index(["湯田"], name="地域"))
    back = pd.read_csv(io.BytesIO(safe_csv(frame, index=True)), encoding="utf-8-sig")
    assert list(back.columns) == ["地域", "'=evil"]
