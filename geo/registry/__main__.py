"""The registry's command line: ``python -m geo.registry COMMAND``.

Commands
--------
``import FILE --kind civic_groups|associations|councils [--dry-run] [--valid-only]
[--retire-missing] [--retire-samples] [--who NAME]``
    Check FILE and show what would be retired (first), added, changed and reactivated;
    without ``--dry-run`` import it (after a snapshot). Organisations of the kind that
    FILE does not list stay as they are unless ``--retire-missing`` is given. A file
    with problems is not imported unless ``--valid-only`` (its valid rows are added and
    changed; nothing is retired). ``--retire-samples``: FILE is the real list of its
    kind, replacing the sample: the kind's sample rows it does not list are retired,
    those it lists become real.
``import-npo FILE [--dry-run] [--keep-missing] [--retire-samples] [--who NAME]``
    Read the national NPO法人 file (``gyousei_000.zip`` or its CSV), keep the city's
    NPO法人 and show what importing them would add, change and retire (dissolved ones,
    and imported ones no longer listed in the city), with every problem; without
    ``--dry-run`` write it (after a snapshot): rows with problems are left out and
    listed. ``--retire-samples`` also retires the sample civic groups.
``export --format csv|geojson|hsds [--public] [--kind K] [--japanese-headers] OUT``
    Write an export (``-`` for standard output) of one kind or all; ``--japanese-headers``
    heads a CSV in the importer's Japanese words.
``backup``
    Snapshot the registry (SQLite) into ``snapshots/`` beside it.
``snapshots``
    List the snapshots.
``restore SNAPSHOT [--who NAME]``
    Replace the registry with a snapshot (the current state is snapshotted first).
``audit [--limit N]``
    The latest writes: who, when, what, from which file.
``hash-password``
    Read a password (from standard input when piped) and print its hash for the
    secrets file.

Options before the command: ``--database-url URL`` (default: the ``database_url`` setting,
``KYODO_DATABASE_URL``, or ``registry.sqlite3`` in the registry folder) and ``--data-dir
DIR`` (default: the ``data_dir`` setting, ``KYODO_DATA_DIR``, or the city's bundled data).
The city is the ``city`` setting (``KYODO_CITY``); a setting that does not parse is
reported by name with exit code 2.

Exit codes
----------
0  done; for a dry run, the file has no problems
1  the file's content has problems (listed as row, column, value, reason); with
   ``--valid-only`` the valid rows were imported all the same
2  usage error, or the file or snapshot could not be read at all (missing, over
   20 MB, unknown type, not UTF-8/CP932/EUC-JP/UTF-16, broken CSV/JSON/xlsx), or a
   bad setting
3  the registry refused: changed meanwhile, another city, or no SQLite for snapshots
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from geo.errors import DataValidationError, Problem
from geo.registry.auth import hash_password
from geo.registry.columns import IMPORT_KINDS
from geo.registry.errors import RegistryError
from geo.registry.export import export_csv, export_geojson, export_hsds
from geo.registry.importer import (
    CHANGE,
    ImportPlan,
    UnreadableFileError,
    apply_plan,
    plan_import,
    read_path,
)
from geo.registry.npo_apply import apply_npo_plan, plan_against, read_for
from geo.registry.npo_plan import ADD as NPO_ADD
from geo.registry.npo_plan import UNCHANGED as NPO_UNCHANGED
from geo.registry.npo_plan import NpoPlan
from geo.registry.samples import with_sample_retirements
from geo.registry.store import Store
from geo.registry.writes import ADD, REACTIVATE
from geo.settings import Settings, SettingsError, env_name, load_settings
from geo.words import text

OK = 0
PROBLEMS = 1
UNREADABLE = 2
REFUSED = 3


def _who(given: str | None) -> str:
    if given:
        return given
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo.registry", description="The organisation registry."
    )
    parser.add_argument("--database-url", help="SQLAlchemy URL of the registry")
    parser.add_argument("--data-dir", type=Path, help="the city's data directory")
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser("import", help="check and import a file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--kind", required=True, choices=sorted(IMPORT_KINDS))
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument("--valid-only", action="store_true", help="import the valid rows only")
    imp.add_argument(
        "--retire-missing",
        action="store_true",
        help="retire the organisations of the kind that FILE does not list",
    )
    imp.add_argument(
        "--retire-samples",
        action="store_true",
        help="FILE is the real list: retire the kind's sample rows it does not list, "
        "make real those it lists",
    )
    imp.add_argument("--who", help="editor name for the audit trail")

    npo = commands.add_parser("import-npo", help="check and import the national NPO法人 file")
    npo.add_argument("file", type=Path, help="gyousei_000.zip or the CSV inside it")
    npo.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    npo.add_argument(
        "--keep-missing",
        action="store_true",
        help="do not retire imported NPO法人 that the file no longer lists in the city",
    )
    npo.add_argument(
        "--retire-samples", action="store_true", help="also retire the sample civic groups"
    )
    npo.add_argument("--who", help="editor name for the audit trail")

    exp = commands.add_parser("export", help="write an export")
    exp.add_argument("--format", required=True, choices=["csv", "geojson", "hsds"])
    exp.add_argument("--public", action="store_true", help="public columns only")
    exp.add_argument("--kind", choices=sorted(IMPORT_KINDS))
    exp.add_argument(
        "--japanese-headers", action="store_true", help="CSV headed 団体名, 活動分野 …"
    )
    exp.add_argument("out", help="output file, or - for standard output")

    commands.add_parser("backup", help="snapshot the registry")
    commands.add_parser("snapshots", help="list the snapshots")
    res = commands.add_parser("restore", help="replace the registry with a snapshot")
    res.add_argument("snapshot", type=Path)
    res.add_argument("--who", help="editor name for the audit trail")
    aud = commands.add_parser("audit", help="the latest writes")
    aud.add_argument("--limit", type=int, default=20)
    commands.add_parser("hash-password", help="hash an editor password for the secrets file")
    return parser


def _print_problems(problems: Sequence[Problem], out: TextIO, total: int | None = None) -> None:
    count = len(problems) if total is None else total
    print(f"{count} problem{'s' if count != 1 else ''}:", file=out)
    for p in problems:
        print(f"  {p}", file=out)
    if count > len(problems):
        print(f"  … and {count - len(problems)} more (the first {len(problems)} shown)", file=out)


def _organisations(n: int) -> str:
    """``1 organisation`` or ``2 organisations``."""
    return f"{n} organisation{'s' if n != 1 else ''}"


def _print_retirements(plan: ImportPlan, out: TextIO) -> None:
    """What would be retired comes first; organisations not listed but kept are counted."""
    if plan.retired:
        share = f"{plan.retire_share:.0%} of the {plan.kind_active} active of this kind"
        print(f"  RETIRE {_organisations(len(plan.retired))} not in the file ({share}):", file=out)
        for gone in plan.retired:
            print(f"  retire     {gone.org_id} {gone.name}", file=out)
        if plan.problems:
            print("  (retirements happen only once the file has no problems)", file=out)
    elif plan.not_listed:
        print(
            f"  {_organisations(len(plan.not_listed))} of this kind "
            f"{'is' if len(plan.not_listed) == 1 else 'are'} not in the file and "
            f"stay{'s' if len(plan.not_listed) == 1 else ''} as "
            f"{'it is' if len(plan.not_listed) == 1 else 'they are'} "
            "(--retire-missing retires them)",
            file=out,
        )


def _rows(numbers: Sequence[int]) -> str:
    """``row 2`` or ``rows 2, 4``."""
    return f"row{'s' if len(numbers) != 1 else ''} " + ", ".join(str(n) for n in numbers)


def _print_notices(plan: ImportPlan, out: TextIO) -> None:
    """What is imported all the same but staff may want to look at."""
    without = plan.rows_without_fields
    if without:
        groups = f"{len(without)} civic group{'s' if len(without) != 1 else ''}"
        print(
            f"  {groups} with no field of activity ({_rows(without)}): imported, but a map "
            "or list narrowed to fields does not show them",
            file=out,
        )
    if plan.read_in_part:
        print(
            f"  {_rows(plan.read_in_part)}: read without the 約/程度 of a household count or a "
            "note after an answer (what was left out is not stored; write it in the notes to "
            "keep it)",
            file=out,
        )
    for e in plan.elsewhere:
        print(
            f"  row {e.row}: the address is in {e.address_area}, the latitude and longitude "
            f"in {e.point_area} (registered in {e.point_area}; check both)",
            file=out,
        )
    if plan.other_kinds:
        kinds = ", ".join(f"{k} ({n} row{'s' if n != 1 else ''})" for k, n in plan.other_kinds)
        print(
            f"  the file holds other kinds than {plan.kind} too: {kinds}; a file of every kind "
            "imports one kind at a time (export with --kind)",
            file=out,
        )
    for w in plan.written_elsewhere:
        print(
            f"  row {w.row}: the 地域 column says {w.written_area}, the address or the "
            f"latitude and longitude are in {w.place_area} (registered in {w.written_area}; "
            "check both)",
            file=out,
        )


def _print_plan(plan: ImportPlan, out: TextIO) -> None:
    counts = plan.summary()
    print(
        f"{plan.source}: {plan.total_rows} row{'s' if plan.total_rows != 1 else ''} — "
        + ", ".join(f"{n} {what}" for what, n in counts.items()),
        file=out,
    )
    if plan.sheets_passed_over:
        print(
            f"  sheet read: {plan.sheet} (passed over: {', '.join(plan.sheets_passed_over)})",
            file=out,
        )
    if plan.header_row > 1:
        above = plan.header_row - 1
        print(
            f"  header: row {plan.header_row} of the file "
            f"({above} row{'s' if above != 1 else ''} above it passed over: a title, blank rows)",
            file=out,
        )
    if plan.columns_not_read:
        print(
            "  columns not read (their headers are not documented): "
            + ", ".join(plan.columns_not_read),
            file=out,
        )
    if plan.hidden_rows:
        print(
            f"  {_rows(plan.hidden_rows)} hidden in the workbook: read like the others",
            file=out,
        )
    if plan.sum_rows:
        print(
            "  rows of totals passed over: " + ", ".join(str(n) for n in plan.sum_rows),
            file=out,
        )
    _print_retirements(plan, out)
    _print_notices(plan, out)
    for row in plan.rows:
        if row.action == ADD:
            print(
                f"  add        row {row.row}: {row.record['org_id']} {row.record['name']} "
                f"(placed by {row.match_level})",
                file=out,
            )
        elif row.action in (CHANGE, REACTIVATE):
            changed = "; ".join(f"{c}: {a!r} -> {b!r}" for c, a, b in row.changes)
            print(f"  {row.action:<10} row {row.row}: {row.record['org_id']} {changed}", file=out)


def _import(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    table = read_path(args.file)
    plan = plan_import(table, args.kind, store, retire_missing=args.retire_missing)
    plan = with_sample_retirements(plan, store) if args.retire_samples else plan
    _print_plan(plan, out)
    if plan.problems:
        _print_problems(plan.problems, out, plan.problem_count)
    if args.dry_run:
        print("dry run: nothing was written", file=out)
        return PROBLEMS if plan.problems else OK
    if plan.problems and not (args.valid_only and plan.can_import_valid_rows):
        print("nothing was imported: fix the file, or use --valid-only", file=out)
        return PROBLEMS
    result = apply_plan(plan, store, who=_who(args.who), valid_only=args.valid_only)
    if result.write.change_id is None:
        print("nothing to change", file=out)
    else:
        print(
            f"imported: change {result.write.change_id}, registry version "
            f"{result.write.data_version}"
            + (f"; snapshot before: {result.snapshot}" if result.snapshot else ""),
            file=out,
        )
    return PROBLEMS if plan.problems else OK


# --- the national NPO法人 file ----------------------------------------------------------


def _print_npo_plan(plan: NpoPlan, out: TextIO, *, retire_samples: bool) -> None:
    reading = plan.reading
    counts = {"rows": reading.total_rows, **plan.summary()}
    words = ", ".join(f"{n} {text(f'npo.summary.{k}', 'en')}" for k, n in counts.items())
    day = f" (as of {reading.as_of})" if reading.as_of else ""
    print(f"{reading.source}{day}: {words}", file=out)
    for row in plan.rows:
        if row.action == NPO_UNCHANGED:
            continue
        org = row.org_id or "(new)"
        how = " (found by name)" if row.linked_by_name else ""
        print(
            f"  {row.action:<10} row {row.row}: {org} {row.extra['corporate_number']} "
            f"{row.record['name']} (placed by {row.match_level}){how}",
            file=out,
        )
        if row.action != NPO_ADD:
            for column, old, new in row.changes:
                print(f"      {column}: {old!r} -> {new!r}", file=out)
    for gone in plan.retired:
        print(f"  retire     {gone.org_id} {gone.name} ({gone.reason_text('en')})", file=out)
    if plan.samples and retire_samples:
        print(f"  retire     the {len(plan.samples)} sample civic groups", file=out)
    elif plan.samples:
        print(
            f"  {len(plan.samples)} sample civic groups stay unless --retire-samples is given",
            file=out,
        )


def _import_npo(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    reading = read_for(store, args.file)
    plan = plan_against(reading, store, retire_missing=not args.keep_missing)
    _print_npo_plan(plan, out, retire_samples=args.retire_samples)
    if plan.problems:
        _print_problems(plan.problems, out)
    if args.dry_run:
        print("dry run: nothing was written", file=out)
        return PROBLEMS if plan.problems else OK
    if not plan.has_changes(retire_samples=args.retire_samples):
        print("nothing to change", file=out)
        return PROBLEMS if plan.problems else OK
    result = apply_npo_plan(plan, store, who=_who(args.who), retire_samples=args.retire_samples)
    counts = result.write.counts
    print(
        f"imported: change {result.write.change_id}, registry version {result.write.data_version}"
        f" — {counts.get('add', 0)} added, {counts.get('edit', 0)} changed, "
        f"{counts.get('reactivate', 0)} reactivated, {counts.get('retire', 0)} retired"
        + (f"; snapshot before: {result.snapshot}" if result.snapshot else ""),
        file=out,
    )
    return PROBLEMS if plan.problems else OK


def _export(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    if args.format == "csv":
        data = export_csv(
            store, public=args.public, kind=args.kind, japanese_headers=args.japanese_headers
        )
    elif args.format == "geojson":
        data = export_geojson(store, public=args.public, kind=args.kind)
    else:
        data = export_hsds(store, public=args.public, kind=args.kind)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return OK
    try:
        Path(args.out).write_bytes(data)
    except OSError as exc:  # no such folder, no right to write, a folder of that name …
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return UNREADABLE
    print(f"wrote {args.out} ({len(data):,} bytes)", file=out)
    return OK


def _hash_password(out: TextIO) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("the two passwords differ", file=sys.stderr)
            return UNREADABLE
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        hashed = hash_password(password)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return UNREADABLE
    print("# .streamlit/secrets.toml", file=out)
    print("[kyodo]", file=out)
    print(f'editor_password_hash = "{hashed}"', file=out)
    return OK


def _backup(_: argparse.Namespace, store: Store, out: TextIO) -> int:
    print(store.snapshot("backup"), file=out)
    return OK


def _snapshots(_: argparse.Namespace, store: Store, out: TextIO) -> int:
    for path in store.snapshots():
        print(path, file=out)
    return OK


def _restore(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    before, result = store.restore(args.snapshot, who=_who(args.who))
    print(
        f"restored {args.snapshot.name} (registry version {result.data_version}); "
        f"the state before is in {before}",
        file=out,
    )
    return OK


def _audit(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    for e in store.audit(args.limit):
        print(f"{e.change_id:>5} {e.at} {e.who} {e.action} {e.source} {e.summary}", file=out)
    return OK


COMMANDS = {
    "import": _import,
    "import-npo": _import_npo,
    "export": _export,
    "backup": _backup,
    "snapshots": _snapshots,
    "restore": _restore,
    "audit": _audit,
}


def _note_when_off(settings: Settings) -> None:
    if not settings.registry_enabled:
        print(
            "note: the app reads organisations from the registry only when "
            f"{env_name('registry')}=1 (or {env_name('registry_dir')} / "
            f"{env_name('database_url')}) is set",
            file=sys.stderr,
        )


def _open(args: argparse.Namespace, settings: Settings) -> Store:
    city = settings.city_config()
    data_dir = args.data_dir or settings.city_data_dir(city)
    return Store.open(args.database_url or settings.registry_url, data_dir=data_dir, city=city)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run one command; the exit code (see the module docstring)."""
    stream = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "export" and args.japanese_headers and args.format != "csv":
        parser.error("--japanese-headers applies to --format csv only")
    if args.command == "hash-password":
        return _hash_password(stream)
    try:
        settings = load_settings()
        _note_when_off(settings)
        with _open(args, settings) as store:
            return COMMANDS[args.command](args, store, stream)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return UNREADABLE
    except UnreadableFileError as exc:
        _print_problems(exc.problems, stream)
        return UNREADABLE
    except DataValidationError as exc:
        _print_problems(exc.problems, stream)
        return PROBLEMS
    except RegistryError as exc:
        print(f"refused: {exc}", file=stream)
        return REFUSED


def run() -> int:
    """:func:`main`, quiet when the reader of its output stops early (``… | head``)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # what is left to print goes nowhere, rather than into a second error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(run())
