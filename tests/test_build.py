"""The data build: reproducible from the raw inputs, and refusing broken raw data.

The raw public data is found through the ``raw_dir`` setting (``KYODO_RAW_DIR``, by
default ``../shared/data/yamaguchi``); without it the rebuild tests skip, and under CI
they fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.build import build, main
from geo.errors import DataValidationError
from geo.settings import load_settings
from tests.conftest import ROOT
from tests.support.ci import skip_or_fail

pytestmark = pytest.mark.rawdata


@pytest.fixture(scope="module")
def raw_dir() -> Path:
    """The raw public data; skipped when missing, a failure under CI."""
    found = load_settings().raw_dir
    if not found.is_dir():
        skip_or_fail(f"raw public data not found at {found}", must_run="the raw-data rebuild")
    return found


def test_build_reproduces_the_committed_data_exactly(raw_dir: Path) -> None:
    files = build(raw_dir)
    committed = ROOT / "data" / "yamaguchi"
    assert sorted(files) == sorted(p.name for p in committed.iterdir() if p.is_file())
    for name, text in files.items():
        assert (committed / name).read_text(encoding="utf-8") == text, f"{name} differs"


def test_cli_writes_into_the_given_folder(
    raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--raw", str(raw_dir), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "areas.geojson").is_file()
    assert "wrote" in capsys.readouterr().out


def test_the_raw_folder_comes_from_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYODO_RAW_DIR", str(tmp_path / "from-the-setting"))
    assert main(["--out", str(tmp_path / "out")]) == 1
    assert f"the raw data in {tmp_path / 'from-the-setting'}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_bad_setting_is_named_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYODO_KIOSK_IDLE_SECONDS", "forever")
    assert main(["--out", str(tmp_path / "out")]) == 2
    assert "KYODO_KIOSK_IDLE_SECONDS" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_raw_folder_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "raw file is missing" in err
    assert not (tmp_path / "out").exists()


def test_unknown_area_in_the_assignment_is_reported(raw_dir: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    path = raw / "derived" / "choaza_to_chiiki_DRAFT.csv"
    path.chmod(0o644)
    text = path.read_text(encoding="utf-8").replace(",木町,大殿,", ",木町,どこか,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        build(raw)
    assert "unknown 地域" in str(info.value)
    assert "chiiki" in str(info.value)
