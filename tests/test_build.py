"""The data build: reproducible from the raw inputs, and refusing broken raw data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.build import build, main
from geo.errors import DataValidationError
from tests.conftest import RAW_DIR, ROOT

pytestmark = pytest.mark.rawdata

needs_raw = pytest.mark.skipif(
    not RAW_DIR.is_dir(), reason=f"raw public data not found at {RAW_DIR}"
)


@needs_raw
def test_build_reproduces_the_committed_data_exactly() -> None:
    files = build(RAW_DIR)
    committed = ROOT / "data" / "yamaguchi"
    assert sorted(files) == sorted(p.name for p in committed.iterdir() if p.is_file())
    for name, text in files.items():
        assert (committed / name).read_text(encoding="utf-8") == text, f"{name} differs"


@needs_raw
def test_cli_writes_into_the_given_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--raw", str(RAW_DIR), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "areas.geojson").is_file()
    assert "wrote" in capsys.readouterr().out


def test_missing_raw_folder_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "raw file is missing" in err
    assert not (tmp_path / "out").exists()


@needs_raw
def test_unknown_area_in_the_assignment_is_reported(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    path = raw / "derived" / "choaza_to_chiiki_DRAFT.csv"
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8").replace(",木町,大殿,", ",木町,どこか,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        build(raw)
    assert "unknown 地域" in str(info.value)
    assert "chiiki" in str(info.value)
