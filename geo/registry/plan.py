"""What importing a file would do: the plan of a dry run, as values.

:func:`geo.registry.importer.plan_import` makes an :class:`ImportPlan` (the valid rows
with what each would do, the organisations that would be retired, and every problem,
row by row, collected in a :class:`ProblemLog`); the page, the command line and
:func:`geo.registry.importer.apply_plan` read it. Nothing here reads a file or the
registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from geo.errors import Problem
from geo.registry.writes import ADD, EDIT, REACTIVATE, RETIRE, Change

__all__ = [
    "CHANGE",
    "CONFIRM_SHARE",
    "MAX_PROBLEMS",
    "UNCHANGED",
    "Elsewhere",
    "ImportPlan",
    "PlannedRow",
    "ProblemLog",
    "Retirement",
    "WrittenElsewhere",
]

UNCHANGED = "unchanged"
CHANGE = "change"
#: Problems of rows kept in a plan (the rest are counted).
MAX_PROBLEMS = 1000
#: Retiring more than this share of a kind's active organisations asks for a typed
#: confirmation on the page.
CONFIRM_SHARE = 0.10


class ProblemLog:
    """Problems as they are found: those of the whole file all, those of rows up to
    :data:`MAX_PROBLEMS`; every one counted, and the rows with any remembered."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self.kept: list[Problem] = []
        self.count = 0
        self.rows: set[int] = set()
        self.whole_file = False
        for problem in problems:
            self.append(problem)

    def append(self, problem: Problem) -> None:
        """Record one problem."""
        self.count += 1
        if problem.row is None:
            self.whole_file = True
            self.kept.append(problem)
            return
        self.rows.add(problem.row)
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem)

    def __iadd__(self, problems: Iterable[Problem]) -> ProblemLog:
        for problem in problems:
            self.append(problem)
        return self

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.kept)

    def in_order(self) -> tuple[Problem, ...]:
        """The problems kept, those of the whole file first, then row by row (a row's
        in the order found): a workbook's error cells, found as it is read, come among
        the rest, not before them."""
        return tuple(sorted(self.kept, key=lambda p: -1 if p.row is None else p.row))


@dataclass(frozen=True)
class PlannedRow:
    """One valid row of the file and what importing it would do.

    Attributes
    ----------
    row
        The row's number in the file as a spreadsheet shows it (1: the file's first
        row; see :attr:`~geo.registry.readers.SourceTable.row_numbers`).
    action
        ``add``, ``change``, ``reactivate`` or ``unchanged``.
    record
        The record as it would be stored.
    changes
        ``(column, stored value, new value)`` for each changed column.
    match_level
        How the point was found.
    base_version
        The stored version the change is based on (``None`` for a new organisation).
    """

    row: int
    action: str
    record: Mapping[str, str]
    changes: tuple[tuple[str, str, str], ...]
    match_level: str
    base_version: int | None


@dataclass(frozen=True)
class Retirement:
    """An organisation of the imported kind that the file no longer lists."""

    org_id: str
    name: str
    version: int


@dataclass(frozen=True)
class Elsewhere:
    """A row whose address the city's 町字 place in another 地域 than its latitude and
    longitude: it is stored in the point's 地域, and staff may want to check one of them."""

    row: int
    address_area: str
    point_area: str


@dataclass(frozen=True)
class WrittenElsewhere:
    """A row whose 地域 column names another 地域 than its place (its latitude and
    longitude, or its address's 町字): it is stored in the 地域 written, and staff may
    want to check one of them (the map shows its point in the other 地域)."""

    row: int
    written_area: str
    place_area: str


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do (a dry run), with every problem found.

    Attributes
    ----------
    source, sha256
        The file.
    kind
        The registry kind imported (``civic_group`` …).
    base_data_version
        The registry version the plan was made against; applying it later is refused
        when the registry has changed since.
    columns
        Header as written -> registry column (``""`` for ignored columns).
    rows
        The valid rows.
    retired
        Organisations that would be retired (only when retiring was asked for).
    problems
        The problems, ``row`` ``None`` for those of the whole file: all of the whole
        file, and the first :data:`MAX_PROBLEMS` of rows.
    total_rows
        Data rows read (valid or not).
    match_levels
        Valid rows per match level.
    not_listed
        Active organisations of the kind that the file does not list (retired only
        when asked for).
    kind_active
        Active organisations of the kind before the import.
    problem_count
        Every problem found (``problems`` may hold fewer).
    invalid_row_numbers
        The rows with problems.
    header_row
        The header's row in the file (1: its first); the rows above it, a title, were
        passed over.
    elsewhere
        The valid rows whose address is in another 地域 than their point.
    sheet, sheets_passed_over
        Of a workbook whose other sheets with data were passed over: the sheet read,
        and those others' titles (else empty).
    columns_not_read
        The headers, as written, that name no registry column (登録日, 会員数 …): their
        columns are not read, and the plan names them.
    sum_rows
        The rows of sums under the list (合計, 小計 …), passed over, by their number.
    read_in_part
        The valid rows with a cell read without part of what it says (約120, あり（R3結成）:
        :func:`~geo.registry.values.read_in_part`), by their number.
    written_elsewhere
        The valid rows whose 地域 column names another 地域 than their place.
    hidden_rows
        The rows a workbook hides (by hand or by a filter), read like the others, by
        their number.
    other_kinds
        ``(kind, rows)`` for each other kind the file's 種別 column names (a file of
        every kind, imported as one): those rows are refused, and the file should be
        split by kind.
    """

    source: str
    sha256: str
    kind: str
    base_data_version: int
    columns: Mapping[str, str]
    rows: tuple[PlannedRow, ...]
    retired: tuple[Retirement, ...]
    problems: tuple[Problem, ...]
    total_rows: int
    match_levels: Mapping[str, int] = field(default_factory=dict)
    not_listed: tuple[Retirement, ...] = ()
    kind_active: int = 0
    problem_count: int = 0
    invalid_row_numbers: tuple[int, ...] = ()
    header_row: int = 1
    elsewhere: tuple[Elsewhere, ...] = ()
    sheet: str = ""
    sheets_passed_over: tuple[str, ...] = ()
    columns_not_read: tuple[str, ...] = ()
    sum_rows: tuple[int, ...] = ()
    read_in_part: tuple[int, ...] = ()
    written_elsewhere: tuple[WrittenElsewhere, ...] = ()
    other_kinds: tuple[tuple[str, int], ...] = ()
    hidden_rows: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.problem_count < len(self.problems):
            object.__setattr__(self, "problem_count", len(self.problems))
        if not self.invalid_row_numbers:
            rows = sorted({p.row for p in self.problems if p.row is not None})
            object.__setattr__(self, "invalid_row_numbers", tuple(rows))

    def with_action(self, action: str) -> list[PlannedRow]:
        """The valid rows with ``action``."""
        return [r for r in self.rows if r.action == action]

    @property
    def file_problems(self) -> list[Problem]:
        """Problems of the whole file: nothing of it can be imported."""
        return [p for p in self.problems if p.row is None]

    @property
    def invalid_rows(self) -> list[int]:
        """Numbers of the rows with problems."""
        return list(self.invalid_row_numbers)

    @property
    def hidden_problems(self) -> int:
        """Problems counted but not kept in :attr:`problems`."""
        return self.problem_count - len(self.problems)

    @property
    def rows_without_fields(self) -> list[int]:
        """The rows of civic groups that would be stored with no field of activity: a
        map or list narrowed to fields never shows them (an association or a council
        needs none)."""
        if self.kind != "civic_group":
            return []
        return [r.row for r in self.rows if not r.record["fields"]]

    @property
    def retire_share(self) -> float:
        """The share of the kind's active organisations the plan would retire."""
        return len(self.retired) / self.kind_active if self.kind_active else 0.0

    @property
    def needs_confirmation(self) -> bool:
        """Whether the plan retires more than :data:`CONFIRM_SHARE` of its kind (the
        page then asks staff to type the number)."""
        return bool(self.retired) and self.retire_share > CONFIRM_SHARE

    @property
    def has_changes(self) -> bool:
        """Whether importing would change anything."""
        return bool(self.retired) or any(r.action != UNCHANGED for r in self.rows)

    @property
    def can_import(self) -> bool:
        """The file has no problems and changes something."""
        return not self.problems and self.has_changes

    @property
    def can_import_valid_rows(self) -> bool:
        """Some rows have problems, none of the whole file, and the others change something."""
        return (
            bool(self.problems)
            and not self.file_problems
            and any(r.action != UNCHANGED for r in self.rows)
        )

    def summary(self) -> dict[str, int]:
        """Counts, what would be retired first: retired, added, changed, reactivated,
        unchanged, invalid rows.

        Retirements are counted as the corrected file would make them; importing only
        the valid rows of a file with problems retires nothing.
        """
        return {
            "retired": len(self.retired),
            "added": len(self.with_action(ADD)),
            "changed": len(self.with_action(CHANGE)),
            "reactivated": len(self.with_action(REACTIVATE)),
            "unchanged": len(self.with_action(UNCHANGED)),
            "invalid": len(self.invalid_row_numbers),
        }

    def changes(self) -> list[Change]:
        """The writes of this plan; retirements only when the file has no problems."""
        out: list[Change] = []
        for r in self.rows:
            if r.action == ADD:
                out.append(Change(ADD, r.record["org_id"], r.record, None, r.match_level))
            elif r.action == CHANGE:
                out.append(
                    Change(EDIT, r.record["org_id"], r.record, r.base_version, r.match_level)
                )
            elif r.action == REACTIVATE:
                out.append(
                    Change(REACTIVATE, r.record["org_id"], r.record, r.base_version, r.match_level)
                )
        if not self.problems:
            out += [Change(RETIRE, g.org_id, None, g.version) for g in self.retired]
        return out
