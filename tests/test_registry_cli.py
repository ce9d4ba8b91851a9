"""The registry's command line: exit codes, settings, and its documentation."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.registry import Store
from geo.registry.__main__ import OK, PROBLEMS, REFUSED, UNREADABLE, main
from geo.registry.auth import verify_password
from geo.registry.columns import HEADINGS
from geo.settings import DATABASE_FILE, env_name
from tests.conftest import ROOT
from tests.support.backends import Backend
from tests.support.registry_files import civic_rows, csv_bytes, placed_rows, state, xlsx_bytes

ADDRESS = "山口市湯田温泉5-5-50"
CIVIC_GROUPS = 342


@pytest.fixture
def cli(backend: Backend):
    """Run ``python -m geo.registry`` in-process on the test's registry; (code, output)."""
    url = backend.url()

    def run(*argv: str) -> tuple[int, str]:
        out = io.StringIO()
        code = main(["--database-url", url, *argv], out=out)
        return code, out.getvalue()

    return run


@pytest.fixture
def store(backend: Backend):
    with Store.open(backend.url()) as s:
        yield s


def _file(tmp_path: Path, rows: list[list[str]], name: str = "list.csv") -> str:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_dry_run_writes_nothing_and_exits_0(cli, store: Store, tmp_path: Path) -> None:
    before = state(store)
    code, out = cli(
        "import", _file(tmp_path, civic_rows(2, ADDRESS)), "--kind", "civic_groups", "--dry-run"
    )
    assert code == OK
    assert out.startswith("list.csv: 2 rows — 0 retired, 2 added")
    assert f"{CIVIC_GROUPS} organisations of this kind are not in the file and stay" in out
    assert "dry run" in out
    assert state(store) == before
    code, out = cli(
        "import",
        _file(tmp_path, civic_rows(2, ADDRESS)),
        "--kind",
        "civic_groups",
        "--dry-run",
        "--retire-missing",
    )
    lines = out.splitlines()
    assert lines[0].startswith(f"list.csv: 2 rows — {CIVIC_GROUPS} retired, 2 added")
    assert lines[1].startswith(f"  RETIRE {CIVIC_GROUPS} organisations not in the file (100% of")
    assert state(store) == before


def test_a_title_above_the_header_is_said_passed_over(cli, tmp_path: Path) -> None:
    rows = [["山口市 市民活動団体一覧"], *civic_rows(2, ADDRESS)]
    code, out = cli("import", _file(tmp_path, rows), "--kind", "civic_groups", "--dry-run")
    assert code == OK, out
    assert (
        out.splitlines()[1]
        == "  header: row 2 of the file (1 row above it passed over: a title, blank rows)"
    )


def test_columns_not_read_are_named(cli, tmp_path: Path) -> None:
    rows = civic_rows(2, ADDRESS)
    rows[0] += ["登録日", "会員数"]
    for row in rows[1:]:
        row += ["2024/4/1", "12"]
    code, out = cli("import", _file(tmp_path, rows), "--kind", "civic_groups", "--dry-run")
    assert code == OK, out
    said = "  columns not read (their headers are not documented): 登録日, 会員数"
    assert out.splitlines()[1] == said


def test_rows_of_sums_are_named(cli, tmp_path: Path) -> None:
    rows = [*civic_rows(2, ADDRESS), ["合計", "", "", "", "", ""]]
    code, out = cli("import", _file(tmp_path, rows), "--kind", "civic_groups", "--dry-run")
    assert code == OK, out
    assert out.splitlines()[1] == "  rows of totals passed over: 4"


def test_a_count_read_in_part_is_named(cli, tmp_path: Path) -> None:
    rows = [
        ["自治会名", "所在地", "加入世帯数", "自主防災組織"],
        ["湯田の一の自治会", ADDRESS, "約120", "あり"],
        ["湯田の二の自治会", ADDRESS, "85", "あり（R3結成）"],
        ["湯田の三の自治会", ADDRESS, "40", "なし"],
    ]
    code, out = cli("import", _file(tmp_path, rows), "--kind", "associations", "--dry-run")
    assert code == OK, out
    said = (
        "  rows 2, 3: read without the 約/程度 of a household count or a note after an answer"
        " (what was left out is not stored; write it in the notes to keep it)"
    )
    assert said in out.splitlines()


def _without_fields() -> list[list[str]]:
    rows = civic_rows(3, ADDRESS)
    rows[1][1] = rows[3][1] = ""
    return rows


@pytest.mark.parametrize(
    ("rows", "line"),
    [
        (
            _without_fields(),
            "  2 civic groups with no field of activity (rows 2, 4): imported, but a map or "
            "list narrowed to fields does not show them",
        ),
        (
            placed_rows(civic_rows(1, ADDRESS), 34.13155, 131.39817),  # a point in 小郡
            "  row 2: the address is in yuda, the latitude and longitude in ogori "
            "(registered in ogori; check both)",
        ),
        (
            [[*row, "地域" if i == 0 else "小郡"] for i, row in enumerate(civic_rows(1, ADDRESS))],
            "  row 2: the 地域 column says ogori, the address or the latitude and longitude "
            "are in yuda (registered in ogori; check both)",
        ),
        (
            [
                ["団体名", "種別", "所在地", "活動分野"],
                ["自治会の行", "自治会", ADDRESS, ""],
                ["会", "", ADDRESS, "8"],
            ],
            "  the file holds other kinds than civic_group too: association (1 row); a file "
            "of every kind imports one kind at a time (export with --kind)",
        ),
    ],
    ids=["no-field", "elsewhere", "written-elsewhere", "other-kinds"],
)
def test_a_dry_run_names_what_staff_may_want_to_check(
    cli, tmp_path: Path, rows: list[list[str]], line: str
) -> None:
    code, out = cli("import", _file(tmp_path, rows), "--kind", "civic_groups", "--dry-run")
    assert code in (OK, 1), out  # (the rows of other kinds are problems)
    assert line in out.splitlines()


@pytest.mark.parametrize(("n", "head"), [(1, "list.csv: 1 row — "), (2, "list.csv: 2 rows — ")])
def test_the_plan_counts_its_rows(cli, tmp_path: Path, n: int, head: str) -> None:
    code, out = cli(
        "import", _file(tmp_path, civic_rows(n, ADDRESS)), "--kind", "civic_groups", "--dry-run"
    )
    assert code == OK, out
    assert out.startswith(head)


def test_a_sheet_passed_over_is_named(cli, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(xlsx_bytes(civic_rows(1, ADDRESS), extra_sheet=[["メモ"], ["3月に更新"]]))
    code, out = cli("import", str(path), "--kind", "civic_groups", "--dry-run")
    assert code == OK, out
    assert "  sheet read: 団体 (passed over: メモ)" in out.splitlines()


def test_a_short_file_retires_nothing(cli, store: Store, tmp_path: Path) -> None:
    code, out = cli("import", _file(tmp_path, civic_rows(3, ADDRESS)), "--kind", "civic_groups")
    assert code == OK, out
    assert len(store.records(kind="civic_group")) == CIVIC_GROUPS + 3


def test_keep_missing_is_gone(cli, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("import", "x.csv", "--kind", "civic_groups", "--keep-missing")
    assert exc.value.code == UNREADABLE


def test_import_exits_0_and_writes(cli, store: Store, backend: Backend, tmp_path: Path) -> None:
    code, out = cli(
        "import",
        _file(tmp_path, civic_rows(2, ADDRESS)),
        "--kind",
        "civic_groups",
        "--who",
        "山田",
        "--retire-missing",
    )
    assert code == OK, out
    assert ("snapshot before" in out) == backend.is_sqlite
    assert {s.record["name"] for s in store.records(kind="civic_group")} == {
        "新しい会1",
        "新しい会2",
    }
    assert store.audit(1)[0].who == "山田"


def test_problems_exit_1_and_write_nothing(cli, store: Store, tmp_path: Path) -> None:
    rows = civic_rows(2, ADDRESS)
    rows[2][1] = "宇宙"
    before = state(store)
    path = _file(tmp_path, rows)
    code, out = cli("import", path, "--kind", "civic_groups")
    assert code == PROBLEMS
    assert "row 3, column '活動分野': unknown field of activity (value '宇宙')" in out
    assert "nothing was imported" in out
    assert state(store) == before
    code, out = cli("import", path, "--kind", "civic_groups", "--dry-run")
    assert code == PROBLEMS
    code, out = cli("import", path, "--kind", "civic_groups", "--valid-only")
    assert code == PROBLEMS  # rows were left out
    assert "新しい会1" in {s.record["name"] for s in store.records()}
    assert len(store.records(kind="civic_group")) == CIVIC_GROUPS + 1  # nothing retired


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.csv", "name,fields\nCafé,8\n".encode("latin-1")),
        ("list.xls", b"\xd0\xcf\x11\xe0"),
        ("cut.geojson", b'{"type": "FeatureCollection", "features": [{"type": "Fea'),
    ],
)
def test_unreadable_files_exit_2(cli, store: Store, tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    before = state(store)
    code, out = cli("import", str(tmp_path / name), "--kind", "civic_groups")
    assert code == UNREADABLE, out
    assert state(store) == before


def test_missing_file_and_usage_errors_exit_2(cli, tmp_path: Path) -> None:
    code, out = cli("import", str(tmp_path / "missing.csv"), "--kind", "civic_groups")
    assert (code, "file not found" in out) == (UNREADABLE, True)
    for argv in (["import", "x.csv"], ["import", "x.csv", "--kind", "groups"], ["frobnicate"]):
        with pytest.raises(SystemExit) as exc:
            cli(*argv)
        assert exc.value.code == UNREADABLE


def test_export_options_that_cannot_apply_and_unwritable_places_exit_2(
    cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("export", "--format", "geojson", "--japanese-headers", str(tmp_path / "x.geojson"))
    assert exc.value.code == UNREADABLE
    for place in (tmp_path / "no" / "such" / "x.csv", tmp_path):
        code, _ = cli("export", "--format", "csv", "--kind", "councils", str(place))
        assert code == UNREADABLE
        assert f"cannot write {place}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "n"), [("councils", 21), ("civic_groups", CIVIC_GROUPS), (None, 984)]
)
def test_the_hsds_export_keeps_the_kind_asked_for(
    cli, tmp_path: Path, kind: str | None, n: int
) -> None:
    out_file = tmp_path / "out.json"
    code, _ = cli("export", "--format", "hsds", *(["--kind", kind] if kind else []), str(out_file))
    assert code == OK
    assert len(json.loads(out_file.read_text(encoding="utf-8"))) == n


def test_export_backup_restore_audit(cli, store: Store, backend: Backend, tmp_path: Path) -> None:
    out_file = tmp_path / "public.geojson"
    code, _ = cli("export", "--format", "geojson", "--public", str(out_file))
    assert code == OK
    assert len(json.loads(out_file.read_text(encoding="utf-8"))["features"]) == 984
    code, out = cli("backup")
    if not backend.is_sqlite:  # backed up with the server's own tools
        assert code == REFUSED and "pg_dump" in out
        return
    assert code == OK
    snapshot = Path(out.strip())
    assert snapshot.is_file()
    cli(
        "import",
        _file(tmp_path, civic_rows(2, ADDRESS)),
        "--kind",
        "civic_groups",
        "--retire-missing",
    )
    assert len(store.records(kind="civic_group")) == 2
    code, out = cli("restore", str(snapshot), "--who", "管理者")
    assert code == OK, out
    assert len(store.records(kind="civic_group")) == CIVIC_GROUPS
    code, out = cli("snapshots")
    assert str(snapshot) in out and "before-restore" in out and "before-import" in out
    code, out = cli("audit", "--limit", "3")
    assert code == OK and "restore" in out and "管理者" in out


def test_refusals_exit_3(cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 1000)
    code, out = cli("restore", str(junk))
    assert code == REFUSED and "refused" in out


def test_hash_password_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    out = io.StringIO()
    assert main(["hash-password"], out=out) == OK
    stored = re.search(r'editor_password_hash = "(.+)"', out.getvalue())
    assert stored and verify_password("correct horse battery", stored.group(1))
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["hash-password"], out=io.StringIO()) == UNREADABLE


def test_the_module_runs_as_a_program(backend: Backend, tmp_path: Path) -> None:
    rows = civic_rows(1, ADDRESS)
    rows[1][5] = "いつか"
    path = _file(tmp_path, rows)
    env = {**os.environ, env_name("registry_dir"): str(tmp_path / "var")}
    env.pop(env_name("database_url"), None)
    if not backend.is_sqlite:
        env[env_name("database_url")] = backend.url()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo.registry",
            "import",
            path,
            "--kind",
            "civic_groups",
            "--dry-run",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == PROBLEMS, result.stderr
    assert "column '最終確認日': not a date" in result.stdout
    assert (tmp_path / "var" / DATABASE_FILE).is_file() == backend.is_sqlite


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """``python -m geo.registry import … | head -1``: the rest goes nowhere, quietly."""
    rows = civic_rows(1, ADDRESS)
    rows += [[f"いつかの会{i}", "8", ADDRESS, "", "", "いつか"] for i in range(3000)]
    env = {**os.environ, env_name("registry_dir"): str(tmp_path / "var")}
    env.pop(env_name("database_url"), None)
    command = [sys.executable, "-m", "geo.registry", "import", _file(tmp_path, rows)]
    command += ["--kind", "civic_groups", "--dry-run"]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as program:
        assert program.stdout is not None and program.stderr is not None
        first = program.stdout.readline()
        program.stdout.close()  # as head does after its line
        errors = program.stderr.read().decode()
        program.wait(timeout=120)
    assert first.startswith(b"list.csv: 3001 rows")
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("KYODO_REGISTRY", "maybe", "KYODO_REGISTRY: Input should be a valid boolean"),
        ("KYODO_CITY", "3520", "KYODO_CITY: Value error, '3520' is not a municipality code"),
        ("KYODO_CITY", "12345", "KYODO_CITY: no city is configured with JIS code 12345"),
    ],
)
def test_a_bad_setting_is_named_and_exits_2(
    cli, name: str, value: str, words: str, monkeypatch, capsys
) -> None:
    monkeypatch.setenv(name, value)
    code, out = cli("audit")
    assert code == UNREADABLE
    assert words in capsys.readouterr().err
    assert out == ""


# --- documentation ---------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("heading", HEADINGS, ids=[h.column for h in HEADINGS])
def test_every_header_is_documented(heading) -> None:
    aliases = ", ".join(heading.aliases)
    assert f"| {heading.label_ja} | {aliases} | `{heading.column}` |" in README


@pytest.mark.parametrize("code", [OK, PROBLEMS, UNREADABLE, REFUSED])
def test_every_exit_code_is_documented(code: int) -> None:
    assert f"\n| {code} | " in README.split("## Registry", 1)[1]
