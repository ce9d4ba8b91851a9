"""What importing the NPO法人 file would do to the registry: a plan, made without writing.

:func:`plan_npo` compares an :class:`~geo.registry.npo.NpoReading` with the civic groups
the registry holds (:class:`KnownOrg`, built by the caller from the store):

- an NPO法人 is found by its 法人番号; failing that, a civic group *without* a 法人番号
  whose name is the same once the legal form is set aside
  (:func:`~geo.registry.npo.npo_name_key`: ``NPO法人さくら会`` is ``さくら会``) is
  linked to it, so a group first listed by the support center is not duplicated; several
  such groups are a problem of the row;
- a found one is changed (or reactivated when retired) in what the national file says —
  name, fields of the law, legal form, address, representative, purpose, confirmation
  day — and keeps what staff added: its local-need fields, service areas, contact,
  notes; its point stays where it is while its address is unchanged;
- dissolved NPO法人 (解散情報) and, unless ``retire_missing=False``, ones the national
  file brought (source ``npo_portal``) that it no longer lists in the city (moved away,
  removed) are retired; a group staff listed with its 法人番号 is never retired for
  being missing from the file (its main office may be in another city);
- every NPO法人 the plan adds or updates becomes the national file's (source
  ``npo_portal``), so a staff list of civic groups never retires it;
- active sample civic groups are listed apart (:attr:`NpoPlan.samples`): importing a
  real list may retire them, only when staff confirm it.

Ids of new organisations are left empty: the registry gives them when writing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from geo.errors import Problem, shorten
from geo.model import NPO_PORTAL
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.npo import KIND, NPO_EXTRA_COLUMNS, NpoReading, NpoRecord, npo_name_key
from geo.registry.npo_layout import COL_NAME, NPO_HEADERS
from geo.words import text

ADD = "add"
CHANGE = "change"
REACTIVATE = "reactivate"
UNCHANGED = "unchanged"
ACTIVE = "active"

DISSOLVED = "dissolved"
MISSING = "missing"
SAMPLE = "sample"

#: Columns the national file decides; the others keep what staff wrote.
FILE_COLUMNS = (
    "kind",
    "name",
    "legal_form",
    "address",
    "representative",
    "is_sample",
    "last_confirmed",
    *NPO_EXTRA_COLUMNS,
)
_LAW_FIELD = re.compile(r"npo\d\d")


@dataclass(frozen=True)
class KnownOrg:
    """An organisation of the registry, as the plan sees it.

    Attributes
    ----------
    org_id, status, version
        Its id, ``active`` or ``retired``, and its version (for the write's check).
    record
        Its record (:data:`~geo.registry.columns.RECORD_COLUMNS`, the NPO fields
        :data:`~geo.registry.npo.NPO_EXTRA_COLUMNS` among them, empty when unknown).
    match_level
        How its point was found.
    source
        Where it came from (:data:`geo.model.ORG_SOURCES`).
    """

    org_id: str
    status: str
    version: int
    record: Mapping[str, str]
    match_level: str = ""
    source: str = ""

    @property
    def corporate_number(self) -> str:
        """Its 法人番号, or ``""``."""
        return self.record.get("corporate_number", "")

    def extra(self) -> dict[str, str]:
        """Its NPO fields by column."""
        return {c: self.record.get(c, "") for c in NPO_EXTRA_COLUMNS}


@dataclass(frozen=True)
class NpoPlannedRow:
    """One NPO法人 of the file and what importing it would do.

    Attributes
    ----------
    row
        Its row in the file.
    action
        ``add``, ``change``, ``reactivate`` or ``unchanged``.
    org_id
        The registry's id (empty for ``add``).
    record
        The record as it would be stored (the NPO fields among its columns).
    changes
        ``(column, stored value, new value)`` of each changed column (``source`` when
        the organisation becomes the national file's).
    match_level
        How its point was found.
    base_version
        The stored version the change is based on (``None`` for ``add``).
    linked_by_name
        Found by its name (a civic group without a 法人番号), not by its number.
    """

    row: int
    action: str
    org_id: str
    record: Mapping[str, str]
    changes: tuple[tuple[str, str, str], ...]
    match_level: str
    base_version: int | None
    linked_by_name: bool = False

    @property
    def extra(self) -> dict[str, str]:
        """The NPO fields (:data:`~geo.registry.npo.NPO_EXTRA_COLUMNS`) of the record."""
        return {c: self.record[c] for c in NPO_EXTRA_COLUMNS}


@dataclass(frozen=True)
class NpoRetirement:
    """A civic group that importing would retire, and why (``dissolved``, ``missing``,
    ``sample``)."""

    org_id: str
    name: str
    version: int
    reason: str

    def reason_text(self, lang: str = "ja") -> str:
        """The reason in words."""
        return text(f"npo.retire.{self.reason}", lang)


@dataclass(frozen=True)
class NpoPlan:
    """What importing an NPO法人 reading would do, with every problem.

    Attributes
    ----------
    reading
        The file as read.
    rows
        The placed, valid NPO法人 and their action.
    retired
        Imported NPO法人 to retire (dissolved, or no longer listed in the city).
    samples
        Active sample civic groups, retired only when staff confirm it.
    problems
        The reading's problems and those of matching.
    base_data_version
        The registry's version the plan was made against: writing it later is refused
        when the registry changed since.
    """

    reading: NpoReading
    rows: tuple[NpoPlannedRow, ...]
    retired: tuple[NpoRetirement, ...]
    samples: tuple[NpoRetirement, ...]
    problems: tuple[Problem, ...] = field(default=())
    base_data_version: int = 0

    def with_action(self, action: str) -> list[NpoPlannedRow]:
        """The rows with ``action``."""
        return [r for r in self.rows if r.action == action]

    @property
    def invalid_rows(self) -> list[int]:
        """Numbers of the rows with problems."""
        return sorted({p.row for p in self.problems if p.row is not None})

    def has_changes(self, *, retire_samples: bool = False) -> bool:
        """Whether importing would change anything."""
        return (
            bool(self.retired)
            or (retire_samples and bool(self.samples))
            or any(r.action != UNCHANGED for r in self.rows)
        )

    def summary(self) -> dict[str, int]:
        """Counts: added, changed, reactivated, unchanged, retired, sample rows, and the
        reading's outside, dissolved, unplaced and invalid rows."""
        counts = self.reading.summary()
        return {
            "added": len(self.with_action(ADD)),
            "changed": len(self.with_action(CHANGE)),
            "reactivated": len(self.with_action(REACTIVATE)),
            "unchanged": len(self.with_action(UNCHANGED)),
            "retired": len(self.retired),
            "samples": len(self.samples),
            "outside": counts["outside"],
            "dissolved": counts["dissolved"],
            "unplaced": counts["unplaced"],
            "invalid": len(self.invalid_rows),
        }


def _fields(given: str, stored: str) -> str:
    """The file's law fields, then the local-need fields staff gave the group."""
    needs = [c for c in stored.split(";") if c and not _LAW_FIELD.fullmatch(c)]
    return ";".join([*filter(None, given.split(";")), *needs])


def merge(found: NpoRecord, existing: KnownOrg | None) -> tuple[dict[str, str], str]:
    """The record a row would store, and its match level.

    Parameters
    ----------
    found
        The row of the file.
    existing
        The stored civic group it updates, or ``None`` for a new one.
    """
    if existing is None:
        return dict(found.record), found.match_level
    record = dict(existing.record)
    for column in FILE_COLUMNS:
        if found.record[column]:  # an empty cell of the file keeps what is stored
            record[column] = found.record[column]
    record["fields"] = _fields(found.record["fields"], existing.record["fields"])
    level = existing.match_level
    moved = found.record["address"] != existing.record["address"]
    if moved or not existing.record["lon"]:
        for column in ("area_id", "lon", "lat"):
            record[column] = found.record[column]
        level = found.match_level
    return record, level


@dataclass
class _Index:
    """The registry's civic groups by 法人番号 and, for those without one, by name."""

    by_number: dict[str, KnownOrg]
    by_name: dict[str, list[KnownOrg]]

    @classmethod
    def of(cls, known: Sequence[KnownOrg]) -> _Index:
        civic = [k for k in known if k.record["kind"] == KIND]
        by_name: dict[str, list[KnownOrg]] = {}
        for k in civic:
            if not k.corporate_number:
                by_name.setdefault(npo_name_key(k.record["name"]), []).append(k)
        return cls({k.corporate_number: k for k in civic if k.corporate_number}, by_name)


def _row(found: NpoRecord, existing: KnownOrg | None, linked: bool) -> NpoPlannedRow:
    record, level = merge(found, existing)
    if existing is None:
        return NpoPlannedRow(found.row, ADD, "", record, (), level, None)
    before = existing.record
    changes = tuple(
        (c, before.get(c, ""), record[c]) for c in RECORD_COLUMNS if before.get(c, "") != record[c]
    )
    if existing.source != NPO_PORTAL:
        changes += (("source", existing.source, NPO_PORTAL),)
    action = CHANGE if changes else UNCHANGED
    if existing.status != ACTIVE:
        action = REACTIVATE
    return NpoPlannedRow(
        found.row, action, existing.org_id, record, changes, level, existing.version, linked
    )


def plan_npo(
    reading: NpoReading,
    known: Sequence[KnownOrg],
    *,
    retire_missing: bool = True,
    base_data_version: int = 0,
) -> NpoPlan:
    """Compare a reading with the registry's organisations; nothing is written.

    Parameters
    ----------
    reading
        The national file as read for the city (:func:`~geo.registry.npo.read_npo`).
    known
        The registry's organisations, active and retired (only civic groups are used).
    retire_missing
        Retire imported NPO法人 of the city that the file no longer lists.
    base_data_version
        The registry's version ``known`` was read at (``Store.data_version()``).

    Returns
    -------
    The plan, with the reading's problems and those of matching.
    """
    index = _Index.of(known)
    problems = list(reading.problems)
    name_count: dict[str, int] = {}
    for found in reading.records:
        key = npo_name_key(found.record["name"])
        name_count[key] = name_count.get(key, 0) + 1
    rows: list[NpoPlannedRow] = []
    for found in reading.records:
        existing = index.by_number.get(found.corporate_number)
        linked = False
        if existing is None:
            key = npo_name_key(found.record["name"])
            candidates = index.by_name.get(key, [])
            if len(candidates) > 1:
                ids = ", ".join(k.org_id for k in candidates)
                value = shorten(found.record["name"])
                problems.append(
                    Problem(
                        reading.source,
                        found.row,
                        NPO_HEADERS[COL_NAME],
                        value,
                        "npo_ambiguous_name",
                        {"ids": ids},
                    )
                )
                continue
            if candidates and name_count[key] == 1:
                existing, linked = candidates[0], True
        rows.append(_row(found, existing, linked))
    return NpoPlan(
        reading,
        tuple(rows),
        _retirements(reading, index, retire_missing=retire_missing),
        tuple(
            NpoRetirement(k.org_id, k.record["name"], k.version, SAMPLE)
            for k in known
            if k.record["kind"] == KIND and k.status == ACTIVE and k.record["is_sample"] == "true"
        ),
        tuple(problems),
        base_data_version,
    )


def _retirements(
    reading: NpoReading, index: _Index, *, retire_missing: bool
) -> tuple[NpoRetirement, ...]:
    dissolved = {d.corporate_number for d in reading.dissolved if d.corporate_number}
    out: list[NpoRetirement] = []
    for number, k in index.by_number.items():
        if k.status != ACTIVE:
            continue
        if number in dissolved:
            out.append(NpoRetirement(k.org_id, k.record["name"], k.version, DISSOLVED))
        elif retire_missing and k.source == NPO_PORTAL and number not in reading.listed_numbers:
            out.append(NpoRetirement(k.org_id, k.record["name"], k.version, MISSING))
    return tuple(out)


def as_rows(plan: NpoPlan) -> list[dict[str, str]]:
    """The planned rows flat (record with its NPO fields, action, row), e.g. for a table."""
    return [
        {"row": str(r.row), "action": r.action, **r.record, "org_id": r.org_id} for r in plan.rows
    ]


def known_from_rows(rows: Sequence[Mapping[str, str]]) -> list[KnownOrg]:
    """:class:`KnownOrg` from flat rows: the record (NPO fields included) with ``status``,
    ``version``, ``match_level`` and ``source`` beside it (what a store dump gives)."""
    return [
        KnownOrg(
            org_id=r["org_id"],
            status=r.get("status", ACTIVE),
            version=int(r.get("version", "1")),
            record={c: r.get(c, "") for c in RECORD_COLUMNS},
            match_level=r.get("match_level", ""),
            source=r.get("source", ""),
        )
        for r in rows
    ]
