"""``python -m geo.registry import-npo``: the dry run against the registry, exit codes, and
the refusal to write until the registry stores the 法人番号."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from geo.registry.__main__ import OK, PROBLEMS, REFUSED, UNREADABLE, main
from geo.registry.store import Store
from tests.support.registry_files import state
from tests.test_npo_support import ROWS, number, portal_csv, portal_zip


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A registry of the bundled city (seeded from its sample on first use)."""
    return f"sqlite:///{tmp_path / 'registry.sqlite3'}"


def run(url: str, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--database-url", url, *argv], out=out)
    return code, out.getvalue()


def test_dry_run_shows_the_plan_and_every_problem(url: str, tmp_path: Path) -> None:
    path = tmp_path / "gyousei_000.zip"
    path.write_bytes(portal_zip())
    with Store.open(url) as store:
        before = state(store)
    code, out = run(url, "import-npo", str(path), "--dry-run")
    assert code == PROBLEMS
    head = out.splitlines()[0]
    assert head.startswith("gyousei_000.zip (as of 2026-10-04): 10 rows read, 3 added")
    assert "3 outside the city (skipped)" in head and "1 dissolved (in the city)" in head
    assert f"(new) {number(1001)} 特定非営利活動法人やまぐち川あそびの会 (placed by town)" in out
    assert "342 sample civic groups stay unless --retire-samples" in out
    assert "3 problems:" in out
    assert "gyousei_000.zip, row 8, column '主たる事務所の所在地'" in out
    assert "dry run: nothing was written" in out
    with Store.open(url) as store:
        assert state(store) == before


def test_a_clean_file_exits_0(url: str, tmp_path: Path) -> None:
    path = tmp_path / "clean.csv"
    path.write_bytes(portal_csv(ROWS[:7]))
    code, out = run(url, "import-npo", str(path), "--dry-run")
    assert code == OK, out


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (portal_csv(header=["団体名", "活動分野"], rows=[]), "not the NPO portal's"),
        (b"PK\x03\x04broken", "not a readable zip"),
    ],
)
def test_a_file_that_is_not_the_portals_exits_2(
    url: str, tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "other.zip"
    path.write_bytes(data)
    code, out = run(url, "import-npo", str(path), "--dry-run")
    assert code == UNREADABLE and words in out
    code, out = run(url, "import-npo", str(tmp_path / "missing.zip"))
    assert code == UNREADABLE and "file not found" in out


def test_writing_is_refused_until_the_registry_stores_the_number(url: str, tmp_path: Path) -> None:
    path = tmp_path / "gyousei_000.zip"
    path.write_bytes(portal_zip())
    with Store.open(url) as store:
        before = state(store)
    code, out = run(url, "import-npo", str(path), "--who", "test")
    assert code == REFUSED and "refused:" in out and "法人番号" in out
    with Store.open(url) as store:
        assert state(store) == before
