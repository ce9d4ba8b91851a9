"""Importing staff files into the registry: read, check, preview, then apply.

One code path for the CLI (``python -m geo.registry import``) and the 取り込み page:

1. :func:`read_bytes` / :func:`read_path` read a CSV (UTF-8, UTF-8 with BOM, CP932,
   EUC-JP or UTF-16, decoded strictly), an ``.xlsx`` workbook (one sheet, no merged
   cells), a GeoJSON FeatureCollection or a GeoPackage layer of points, at most
   :data:`MAX_BYTES`;
2. :func:`plan_import` maps the headers (:mod:`geo.registry.columns`), cleans every
   cell, places addresses at their 町字 point, checks every record like any other
   write, and compares with the registry: an :class:`~geo.registry.plan.ImportPlan`
   of what would be added, changed, reactivated and retired, with every problem (row,
   column, value and a problem code);
3. :func:`apply_plan` writes the plan in one transaction after a snapshot, refusing a
   plan with problems unless only the valid rows are asked for.

An import adds and changes; it retires the organisations of the kind that the file
does not list only when that is asked for (``retire_missing=True``, the command line's
``--retire-missing``, a box staff tick on the page), and the plan says how many that
would be and what share of the kind (:attr:`ImportPlan.needs_confirmation` above
:data:`CONFIRM_SHARE`). Importing only the valid rows adds and changes, and never
retires. Columns missing from the file keep their stored values (a file without 電話
leaves phone numbers as they are); columns whose headers name no registry column (登録日)
are not read, and the plan names them (:attr:`ImportPlan.columns_not_read`).

The problems of a plan are kept up to :data:`MAX_PROBLEMS` (those of the whole file
always), and counted in full, so a file of many bad rows costs bounded memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from geo.errors import DataValidationError, Finding, Problem, shorten
from geo.model import NPO_PORTAL
from geo.normalise import normalise
from geo.registry.columns import (
    IGNORE,
    IMPORT_KINDS,
    LABELS,
    RECORD_COLUMNS,
    REQUIRED_COLUMNS,
    is_placed_by,
    match_header,
)
from geo.registry.places import COORDINATES, TOWN, TOWN_KOAZA
from geo.registry.plan import (
    CHANGE,
    CONFIRM_SHARE,
    MAX_PROBLEMS,
    UNCHANGED,
    Elsewhere,
    ImportPlan,
    PlannedRow,
    ProblemLog,
    Retirement,
    WrittenElsewhere,
)
from geo.registry.prepare import kind_words, prepare_record
from geo.registry.readers import (
    FORMATS,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    SourceTable,
    UnreadableFileError,
    read_bytes,
    read_path,
)
from geo.registry.reads import StoredOrg
from geo.registry.schema import ACTIVE
from geo.registry.store import Store
from geo.registry.validation import Reference, check_records
from geo.registry.values import clean_cell, read_in_part
from geo.registry.writes import ADD, REACTIVATE, WriteResult

__all__ = [
    "CHANGE",
    "CONFIRM_SHARE",
    "FORMATS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "UNCHANGED",
    "Elsewhere",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "ProblemLog",
    "Retirement",
    "SourceTable",
    "UnreadableFileError",
    "apply_plan",
    "plan_import",
    "read_bytes",
    "read_path",
]


def _header_map(
    table: SourceTable, matched: Mapping[str, str | None], problems: ProblemLog
) -> tuple[dict[int, str], dict[str, str]]:
    """Column index -> registry column, and registry column -> header as written
    (``matched``: each header's :func:`match_header`)."""
    by_index: dict[int, str] = {}
    header_of: dict[str, str] = {}
    for i, header in enumerate(table.headers):
        if not header:
            continue
        column = matched[header]
        if column is None or column == IGNORE:
            continue  # (a header not known is named in the plan: its column is not read)
        elif column in header_of:
            same = {"header": header_of[column], "position": i + 1}
            problems.append(Problem(table.name, None, header, "", "same_column", same))
        else:
            by_index[i] = column
            header_of[column] = header
    return by_index, header_of


#: Words in a latitude's or longitude's header that say it is on the old Tokyo Datum
#: (日本測地系, before 2002): its points lie some 400 m from where the same figures fall
#: on the world's datum the registry keeps, so they are refused, never moved by a guess.
TOKYO_DATUM_WORDS = ("日本測地系", "旧測地系", "東京測地系", "tokyodatum", "tokyo")


def _layout_problems(
    table: SourceTable, header_of: Mapping[str, str], org_kind: str
) -> list[Problem]:
    """Problems of the file's layout: required columns missing (:data:`REQUIRED_COLUMNS`
    of the kind), no header, no rows."""
    name = table.name
    problems: list[Problem] = []
    for column in REQUIRED_COLUMNS[org_kind]:
        if column not in header_of and table.headers:
            problems.append(Problem(name, None, LABELS[column], "", "missing_column"))
    for column in ("lat", "lon"):
        header = header_of.get(column, "")
        if any(word in normalise(header) for word in TOKYO_DATUM_WORDS):
            problems.append(Problem(name, None, header, "", "tokyo_datum"))
    if any(p.row is None for p in table.problems):
        pass  # (a file refused as a whole, e.g. of two layers, is not said to be empty too)
    elif not table.headers:
        problems.append(Problem(name, None, None, "", "file_empty"))
    elif not table.rows:
        problems.append(Problem(name, None, None, "", "no_rows"))
    return problems


def plan_import(
    table: SourceTable,
    kind: str,
    store: Store,
    *,
    retire_missing: bool = False,
    today: dt.date | None = None,
) -> ImportPlan:
    """Check a file against the registry and say what importing it would do.

    Nothing is written.

    Parameters
    ----------
    table
        The file as read by :func:`read_bytes`.
    kind
        ``civic_groups``, ``associations`` or ``councils``: the file is the full list
        of that kind.
    store
        The registry.
    retire_missing
        Retire the active organisations of the kind that the file does not list (they
        are listed in the plan either way).
    today
        Dates after this day are refused (default: today).

    Returns
    -------
    The plan, with every problem found.
    """
    if kind not in IMPORT_KINDS:
        raise ValueError(f"kind must be one of {sorted(IMPORT_KINDS)}, not {kind!r}")
    org_kind = IMPORT_KINDS[kind]
    problems = ProblemLog(table.problems)
    base_version = store.data_version()
    matched = {h: match_header(h) for h in table.headers if h}
    by_index, header_of = _header_map(table, matched, problems)
    problems += _layout_problems(table, header_of, org_kind)
    columns = {h: c or "" for h, c in matched.items()}
    head = (table.name, table.sha256, org_kind, base_version, columns)
    stored = store.records(include_retired=True)
    active = sum(1 for s in stored if s.record["kind"] == org_kind and s.status == ACTIVE)
    if problems.whole_file:
        return ImportPlan(
            *head,
            (),
            (),
            problems.in_order(),
            len(table.rows),
            kind_active=active,
            problem_count=problems.count,
            invalid_row_numbers=tuple(sorted(problems.rows)),
            **_file_facts(table, matched),
        )
    planner = _Planner(table, org_kind, store.reference, header_of, problems, stored)
    drafts = planner.drafts(by_index, today or dt.date.today())
    planner.assign_ids(drafts, store.next_ids)
    planner.check(drafts)
    rows, levels = planner.planned(drafts)
    missing = planner.retirements()
    return ImportPlan(
        *head,
        rows,
        missing if retire_missing else (),
        problems.in_order(),
        len(table.rows),
        levels,
        not_listed=missing,
        kind_active=active,
        problem_count=problems.count,
        invalid_row_numbers=tuple(sorted(problems.rows)),
        elsewhere=tuple(_elsewhere(rows, store.reference)),
        read_in_part=tuple(n for n in planner.in_part if n not in problems.rows),
        written_elsewhere=tuple(w for w in planner.written_elsewhere if w.row not in problems.rows),
        other_kinds=tuple(planner.other_kinds.items()),
        **_file_facts(table, matched),
    )


def _file_facts(table: SourceTable, matched: Mapping[str, str | None]) -> dict[str, Any]:
    """What a plan says of the file itself: the header's row, the sheet read and those
    passed over, the columns not read (``matched``: each header's :func:`match_header`)
    and the rows of sums passed over."""
    return {
        "header_row": table.header_row,
        "sheet": table.sheet,
        "sheets_passed_over": table.sheets_passed_over,
        "columns_not_read": tuple(h for h, c in matched.items() if c is None),
        "sum_rows": table.sum_rows,
        "hidden_rows": table.hidden_rows,
    }


def _elsewhere(rows: Sequence[PlannedRow], ref: Reference) -> Iterator[Elsewhere]:
    """The rows registered in the 地域 of their coordinates whose address is placed in
    another 地域 (a row whose 地域 column names another is registered there, and its
    address is not compared)."""
    for r in rows:
        address, lon, lat = r.record["address"], r.record["lon"], r.record["lat"]
        if r.match_level != COORDINATES or not (address and lon and lat):
            continue
        at = ref.area_at(float(lon), float(lat))
        if at is None or r.record["area_id"] != at:
            continue
        placed = ref.gazetteer.place(address)
        if placed is not None and placed.area_id != at:
            yield Elsewhere(r.row, placed.area_id, at)


def _label(column: str, header_of: Mapping[str, str]) -> str:
    if column == "lat/lon":
        return f"{_label('lat', header_of)}/{_label('lon', header_of)}"
    return header_of.get(column, LABELS.get(column, column))


class _Draft(NamedTuple):
    """One row of the file made into a record, before the full check."""

    row: int
    record: dict[str, str]
    level: str
    existing_id: str | None


class _Planner:
    """The rows of one import file checked against the registry, problems collected.

    Parameters
    ----------
    table
        The file.
    org_kind
        The registry kind imported.
    ref
        The city's reference data.
    header_of
        Registry column -> header as written (for the problem reports).
    problems
        Where problems are collected (the file's own come first).
    stored
        Every stored organisation, retired ones included.
    """

    def __init__(
        self,
        table: SourceTable,
        org_kind: str,
        ref: Reference,
        header_of: Mapping[str, str],
        problems: ProblemLog,
        stored: Sequence[StoredOrg],
    ) -> None:
        self.table = table
        self.org_kind = org_kind
        self.ref = ref
        self.header_of = header_of
        self.problems = problems
        self.stored = stored
        self.by_id = {s.org_id: s for s in stored}
        self.by_name: dict[str, list[str]] = {}
        for s in stored:
            if s.record["kind"] == org_kind:
                self.by_name.setdefault(normalise(s.record["name"]), []).append(s.org_id)
        self.seen_ids: dict[str, int] = {}
        self.seen_names: dict[str, int] = {}
        #: rows with a cell read without part of what it says
        self.in_part: list[int] = []
        #: rows whose 地域 column names another 地域 than their place
        self.written_elsewhere: list[WrittenElsewhere] = []
        #: rows per other kind the file's 種別 column names
        self.other_kinds: dict[str, int] = {}
        self.bad: set[tuple[int, str]] = set()
        self.listed: set[str] = set()

    def report(self, row: int, column: str, found: Finding) -> None:
        """Collect a problem of one cell."""
        self.problems.append(found.at(self.table.name, row, _label(column, self.header_of)))
        self.bad.add((row, column))

    def _by_id(self, n: int, oid: str) -> StoredOrg | None:
        existing = self.by_id.get(oid)
        if existing is not None and existing.record["kind"] != self.org_kind:
            kind = kind_words(existing.record["kind"])
            self.report(n, "org_id", Finding(oid, "other_kind_id", {"kind": kind}))
            existing = None
        if oid in self.seen_ids:
            self.report(n, "org_id", Finding(oid, "duplicate", {"row": self.seen_ids[oid]}))
        self.seen_ids.setdefault(oid, n)
        return existing

    def _by_name(self, n: int, org_name: str) -> StoredOrg | None:
        key = normalise(org_name)
        matches = self.by_name.get(key, [])
        existing = None
        if len(matches) > 1:
            ids = {"ids": ", ".join(matches)}
            self.report(n, "name", Finding(shorten(org_name), "ambiguous_name", ids))
        elif matches:
            existing = self.by_id[matches[0]]
        if key in self.seen_names:
            first = {"row": self.seen_names[key]}
            self.report(n, "name", Finding(shorten(org_name), "duplicate", first))
        self.seen_names.setdefault(key, n)
        return existing

    def _not_by_name(self, n: int, oid: str, org_name: str) -> None:
        """A new id given to a name the registry has: a list's own numbers (整理番号 1,
        2 …) read as ids would add every organisation again, so staff are asked which."""
        matches = self.by_name.get(normalise(org_name), []) if org_name else []
        if matches:
            ids = {"ids": ", ".join(matches)}
            self.report(n, "org_id", Finding(shorten(oid), "new_id_known_name", ids))

    def _draft(
        self,
        n: int,
        given: Mapping[str, str],
        point: tuple[float, float] | None,
        today: dt.date,
        placed_by: str = "",
    ) -> _Draft:
        oid = clean_cell("org_id", given.get("org_id", ""), self.ref.vocabulary, today=today)[0]
        org_name = given.get("name", "").strip()
        existing = None
        if oid:
            existing = self._by_id(n, oid)
            if oid not in self.by_id:
                self._not_by_name(n, oid, org_name)
        elif org_name:
            existing = self._by_name(n, org_name)
        if existing is not None:
            self.listed.add(existing.org_id)
        prepared = prepare_record(
            given, self.org_kind, existing, self.ref, today=today, point=point, placed_by=placed_by
        )
        for column, found in prepared.problems:
            self.report(n, column, found)
            if found.code == "wrong_kind":
                self.other_kinds[found.value] = self.other_kinds.get(found.value, 0) + 1
        if any(read_in_part(c, text) for c, text in given.items()):
            self.in_part.append(n)
        self.bad.update((n, c) for c in prepared.quiet)
        if given.get("area_id", "").strip():
            self._compare_place(n, prepared.record, prepared.match_level)
        existing_id = existing.org_id if existing else None
        return _Draft(n, prepared.record, prepared.match_level, existing_id)

    def _compare_place(self, n: int, record: Mapping[str, str], level: str) -> None:
        """Note a row whose 地域 column names another 地域 than its coordinates' or its
        address's (a point at a 地域's center, or kept as stored, is not compared)."""
        written = record["area_id"]
        place = None
        if level == COORDINATES and record["lon"] and record["lat"]:
            place = self.ref.area_at(float(record["lon"]), float(record["lat"]))
        elif level in (TOWN, TOWN_KOAZA) and record["address"]:
            placed = self.ref.gazetteer.place(record["address"])
            place = placed.area_id if placed is not None else None
        if written and place and place != written:
            self.written_elsewhere.append(WrittenElsewhere(n, written, place))

    def drafts(self, by_index: Mapping[int, str], today: dt.date) -> list[_Draft]:
        """Every row of the file as a record, matched to a stored organisation (with
        what an export's :data:`~geo.registry.columns.PLACED_BY` column says, if any)."""
        table = self.table
        points = table.points or [None] * len(table.rows)
        said = next((i for i, h in enumerate(table.headers) if is_placed_by(h)), None)
        return [
            self._draft(
                n,
                {column: cells[i] for i, column in by_index.items()},
                point,
                today,
                cells[said] if said is not None else "",
            )
            for n, cells, point in zip(table.row_numbers, table.rows, points, strict=True)
        ]

    def assign_ids(
        self, drafts: Sequence[_Draft], next_ids: Callable[[str, int], list[str]]
    ) -> None:
        """Give each new organisation without an id an unused one."""
        wanted = sum(1 for d in drafts if d.existing_id is None) + len(self.seen_ids)
        new_ids = iter([i for i in next_ids(self.org_kind, wanted) if i not in self.seen_ids])
        for d in drafts:
            if d.existing_id is None and not d.record["org_id"]:
                d.record["org_id"] = next(new_ids)

    def check(self, drafts: Sequence[_Draft]) -> None:
        """Check the records like any write; problems already reported are not repeated."""
        frame = pd.DataFrame([d.record for d in drafts], columns=list(RECORD_COLUMNS))
        if not len(frame):
            return
        bad = self.bad
        for p in check_records(frame, self.table.name, self.ref):
            assert p.row is not None
            row = drafts[p.row - 1].row
            column = p.column or ""
            if (row, column) in bad or (column == "lat/lon" and {(row, "lat"), (row, "lon")} & bad):
                continue
            params = dict(p.params)
            other = params.get("row")
            if isinstance(other, int):  # (another row of the table: the file's)
                params["row"] = drafts[other - 1].row
            self.report(row, column, Finding(p.value, p.code, params))

    def planned(self, drafts: Sequence[_Draft]) -> tuple[tuple[PlannedRow, ...], dict[str, int]]:
        """The valid rows with what importing each would do, and counts per match level."""
        invalid = self.problems.rows
        rows: list[PlannedRow] = []
        levels: dict[str, int] = {}
        for n, record, level, existing_id in drafts:
            if n in invalid:
                continue
            levels[level] = levels.get(level, 0) + 1
            old = self.by_id.get(existing_id) if existing_id else None
            if old is None:
                rows.append(PlannedRow(n, ADD, record, (), level, None))
                continue
            diffs = tuple(
                (c, old.record[c], record[c]) for c in RECORD_COLUMNS if old.record[c] != record[c]
            )
            action = CHANGE if diffs else UNCHANGED
            if old.status != ACTIVE:
                action = REACTIVATE
            rows.append(PlannedRow(n, action, record, diffs, level, old.version))
        return tuple(rows), levels

    def retirements(self) -> tuple[Retirement, ...]:
        """Active organisations of the kind that the file does not list (never those the
        national NPO法人 file brought: that file retires them)."""
        return tuple(
            Retirement(s.org_id, s.record["name"], s.version)
            for s in self.stored
            if s.record["kind"] == self.org_kind
            and s.status == ACTIVE
            and s.org_id not in self.listed
            and s.source != NPO_PORTAL
        )


# --- applying --------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote.

    Attributes
    ----------
    write
        The write (its audit record and the new registry version).
    snapshot
        The snapshot taken before writing, or ``None`` when nothing was written or the
        database is not SQLite.
    """

    write: WriteResult
    snapshot: Path | None


def apply_plan(
    plan: ImportPlan, store: Store, *, who: str, valid_only: bool = False, snapshot: bool = True
) -> ImportResult:
    """Write a plan in one transaction, after a snapshot of the registry.

    Parameters
    ----------
    plan
        Made by :func:`plan_import` against the registry's current version.
    store
        The registry.
    who
        The editor, for the audit trail.
    valid_only
        Import the valid rows of a file with problems (adds and changes only).
    snapshot
        Take a snapshot first (SQLite only).

    Raises
    ------
    DataValidationError
        When the plan has problems (and ``valid_only`` is not set, or they concern the
        whole file).
    ConflictError
        When the registry changed since the plan was made.
    """
    if plan.file_problems or (plan.problems and not valid_only):
        raise DataValidationError(plan.problems)
    changes = plan.changes()
    if not changes:
        return ImportResult(WriteResult(None, plan.base_data_version, {}), None)
    before = store.snapshot("before-import") if snapshot and store.database_path else None
    result = store.write(
        changes,
        who=who,
        action="import",
        source=plan.source,
        source_sha256=plan.sha256,
        expected_data_version=plan.base_data_version,
    )
    return ImportResult(result, before)
