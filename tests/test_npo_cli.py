"""``python -m geo.registry import-npo``: the dry run against the registry, exit codes, the
import written (samples retired only when asked), and ``import --retire-samples``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from geo.registry.__main__ import OK, PROBLEMS, UNREADABLE, main
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
    assert "gyousei_000.zip, row 9, column '主たる事務所の所在地'" in out
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


def test_the_file_is_written_and_a_second_import_changes_nothing(url: str, tmp_path: Path) -> None:
    zipped, plain = tmp_path / "gyousei_000.zip", tmp_path / "gyousei_000.csv"
    zipped.write_bytes(portal_zip())
    plain.write_bytes(portal_csv())
    code, out = run(url, "import-npo", str(zipped), "--who", "test", "--retire-samples")
    assert code == PROBLEMS, out  # three rows with problems are left out and listed
    assert "retire     the 342 sample civic groups" in out
    assert "— 3 added, 0 changed, 0 reactivated, 342 retired; snapshot before:" in out
    with Store.open(url) as store:
        after = state(store)
        assert store.audit(1)[0].action == "import-npo"
        assert {s.record["corporate_number"] for s in store.records(kind="civic_group")} == {
            number(1001),
            number(1002),
            number(1003),
        }
    code, out = run(url, "import-npo", str(plain), "--who", "test")
    assert code == PROBLEMS and "nothing to change" in out
    with Store.open(url) as store:
        assert state(store) == after


def test_import_retires_the_kinds_samples_only_when_asked(url: str, tmp_path: Path) -> None:
    path = tmp_path / "assoc.csv"
    path.write_bytes(
        "団体名,活動分野,所在地\n湯田一区自治会,防災・減災,山口市湯田温泉5-5-50\n".encode()
    )
    code, out = run(url, "import", str(path), "--kind", "associations")
    assert code == OK and "0 retired" in out
    code, out = run(url, "import", str(path), "--kind", "associations", "--retire-samples")
    assert code == OK and "621 retired" in out
    with Store.open(url) as store:
        assert [s.record["name"] for s in store.records(kind="association")] == ["湯田一区自治会"]
