"""Glue of the staff pages: the registry, import preview and confirmation, the edit form.

Pages call :func:`ui.login.require_editor` first (the editor login). Everything the
pages show from the registry goes through tables (:func:`ui.tables.show_table`) or
``st.text`` (never Markdown or HTML), so names with markup stay inert, and no table
offered for download holds a formula.

An import is previewed once per file: the dry run is kept in the session by the file's
digest, the kind, the retiring choice and the registry's version, so reruns while the
file sits in the uploader do not read it again. Retiring what the file does not list is
a choice staff make (unticked by default); retiring more than a tenth of a kind asks
them to type the number first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import pandas as pd
import streamlit as st

from geo.city import city_by_code
from geo.errors import DataValidationError, Problem
from geo.normalise import normalise
from geo.registry import (
    ConflictError,
    ImportPlan,
    Reference,
    RegistryError,
    Store,
    StoredOrg,
    UnreadableFileError,
    apply_plan,
    export_csv,
    export_geojson,
    export_hsds,
    plan_import,
    read_bytes,
)
from geo.registry.plan import CHANGE, CONFIRM_SHARE
from geo.registry.prepare import prepare_record
from geo.registry.samples import with_sample_retirements
from geo.registry.schema import RETIRED
from geo.registry.sniff import ENDINGS
from geo.registry.writes import ADD, REACTIVATE
from geo.words import Listed, phrase
from ui import settings
from ui.i18n import labeller, lang, t, worded
from ui.orgform import area_labels, flag_word, org_form, record_label
from ui.tables import column_width, fitted, show_fitted, show_table, wrapped
from ui.text import md_literal

FLASH_KEY = "staff.flash"
SHOWN_KEY = "import.shown"
PLAN_KEY = "import.plan"
CONFIRM_KEY = "import.confirm"
BASE_KEY = "edit.base"
NEW_KEY = "edit.new_count"
#: The ``--kind`` choices of an import, in the order the page offers them.
KINDS = ("civic_groups", "associations", "councils")
#: Every ending the uploader takes (the workbooks it cannot read too: the page says why).
UPLOAD_TYPES = [ending.removeprefix(".") for ending in ENDINGS]
EXPORT_FORMATS = ("csv", "geojson", "hsds")
#: The export's choice of every kind at once.
ALL_KINDS = "all"


# --- the registry ----------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _reference(data_dir: str, jis_code: str) -> Reference:
    return Reference.load(Path(data_dir), city_by_code(jis_code))


@contextmanager
def registry() -> Iterator[Store]:
    """The configured registry; its problems are shown at the page edge and stop it."""
    try:
        reference = _reference(str(settings.data_dir()), settings.city().jis_code)
        store = Store.open(settings.current().registry_url, reference=reference)
    except (RegistryError, DataValidationError) as exc:
        st.error(t("staff.registry_error"))
        st.text(str(exc))
        st.stop()
    try:
        yield store
    finally:
        store.close()


def flash(message: str) -> None:
    """A success message shown once, on the next run (after ``st.rerun``)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show and forget the message left by :func:`flash`."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


# --- problems --------------------------------------------------------------------------


#: Widest a problem's value and reason grow before they wrap, in pixels (with the row
#: and the column they fit a staff member's screen), and the rows then shown at once.
PROBLEM_VALUE_PX, PROBLEM_REASON_PX, PROBLEM_ROWS_SHOWN = 240, 560, 10


def _problem_columns(problems: Sequence[Problem]) -> dict[str, list[str]]:
    """A problem table's columns after the row: column, value, reason."""
    return {
        t("staff.col.column"): [p.column or "" for p in problems],
        t("staff.col.value"): [p.value for p in problems],
        t("staff.col.reason"): [p.reason(lang()) for p in problems],
    }


def show_problems(
    problems: Sequence[Problem], total: int | None = None, *, of_file: bool = True
) -> None:
    """The problems as a table: row, column, value, reason; ``total`` counts those not
    kept (only the first :data:`~geo.registry.plan.MAX_PROBLEMS` are). The problems
    of the edit form (not ``of_file``) have no row, nor the note on how files' rows count.

    The problems of the whole file come first, in a table of their own whose row says
    so (a missing number would read "None"); the rows' numbers are numbers, sorted as
    such when the table is sorted (2 before 10).
    """
    count = len(problems) if total is None else max(total, len(problems))
    st.error(t("staff.problems", n=count))
    if of_file:
        st.caption(t("staff.problems_caption"))
    if count > len(problems):
        st.caption(t("staff.problems_first", shown=len(problems), n=count))
    row, column = t("staff.col.row"), t("staff.col.column")
    widest = {t("staff.col.value"): PROBLEM_VALUE_PX, t("staff.col.reason"): PROBLEM_REASON_PX}
    if not of_file:
        frame = pd.DataFrame(_problem_columns(problems))
        show_fitted(frame, PROBLEM_ROWS_SHOWN, short=(column,), widest=widest, hide_index=True)
        return
    whole = [p for p in problems if p.row is None]
    in_rows = [p for p in problems if p.row is not None]
    frames = (
        pd.DataFrame({row: [t("staff.row.whole_file")] * len(whole)} | _problem_columns(whole)),
        pd.DataFrame({row: [p.row for p in in_rows]} | _problem_columns(in_rows)),
    )
    # (both tables' columns as wide as the wider of the two: they read as one list)
    both = pd.concat(frames)
    widths = fitted(both, row, column) | wrapped(both, widest)
    number = st.column_config.NumberColumn(width=column_width(both, row), format="%d")
    for frame, config in zip(frames, (widths, widths | {row: number}), strict=True):
        if len(frame):
            show_fitted(
                frame, PROBLEM_ROWS_SHOWN, widest=widest, column_config=config, hide_index=True
            )


# --- import ----------------------------------------------------------------------------


def preview(
    data: bytes,
    filename: str,
    kind: str,
    store: Store,
    *,
    retire_missing: bool = False,
    retire_samples: bool = False,
) -> ImportPlan | None:
    """The dry run of an upload, or ``None`` (after showing why) when it cannot be read.

    This is the page's upload handler: a function of the file's bytes and name. The
    dry run is kept for the session: a rerun with the same file, kind, choices and
    registry version shows it again without reading the file.
    """
    digest = hashlib.sha256(data).hexdigest()
    key = (digest, filename, kind, retire_missing, retire_samples, store.data_version())
    kept = st.session_state.get(PLAN_KEY)
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key):
        try:
            table = read_bytes(data, filename)
            plan = plan_import(table, kind, store, retire_missing=retire_missing)
            kept = (key, with_sample_retirements(plan, store) if retire_samples else plan)
        except UnreadableFileError as exc:
            kept = (key, tuple(exc.problems))
        st.session_state[PLAN_KEY] = kept
    found = kept[1]
    if isinstance(found, ImportPlan):
        return found
    show_problems(found)
    return None


class PlannedRow(Protocol):
    """A row an import would add or change (of a spreadsheet or of the NPO法人 file)."""

    @property
    def row(self) -> int: ...
    @property
    def record(self) -> Mapping[str, str]: ...
    @property
    def match_level(self) -> str: ...


def fields_text(codes: str, fields: Mapping[str, str]) -> str:
    """Field codes as a record stores them (``a;b``) as their names, listed."""
    return t("sep.list").join(fields.get(c, c) for c in codes.split(";") if c)


def change_text(changes: Sequence[tuple[str, str, str]]) -> str:
    """What a planned change alters, column by column (a new source in a word)."""
    return "; ".join(
        t("realdata.change.source") if c == "source" else f"{record_label(c)}: {a} → {b}"
        for c, a, b in changes
    )


def added_frame(
    added: Sequence[PlannedRow], ident: tuple[str, Sequence[str]], ref: Reference
) -> pd.DataFrame:
    """The rows an import would add: row, ``ident`` (label, values), name, fields (of
    自治会・町内会: their households and 自主防災組織, as read), area and how the place
    was found."""
    fields, areas = ref.catalog.labels(lang()), area_labels(ref)
    if added and all(r.record["kind"] == "association" for r in added):
        what = {
            record_label("households"): [r.record["households"] for r in added],
            record_label("has_jishubo"): [flag_word(r.record["has_jishubo"]) for r in added],
        }
    else:
        what = {record_label("fields"): [fields_text(r.record["fields"], fields) for r in added]}
    return pd.DataFrame(
        {
            t("staff.col.row"): [r.row for r in added],
            ident[0]: list(ident[1]),
            record_label("name"): [r.record["name"] for r in added],
            **what,
            record_label("area_id"): [areas.get(r.record["area_id"], "") for r in added],
            t("staff.col.match"): [t(f"staff.match.{r.match_level}") for r in added],
        }
    )


def _retired_table(plan: ImportPlan) -> None:
    """What the import would retire, first and plainly; or what it leaves alone."""
    if not plan.retired:
        if plan.not_listed:
            st.info(t("staff.import.kept", n=len(plan.not_listed)))
        return
    share = plan.retire_share
    st.warning(t("staff.import.retire_warning", n=len(plan.retired), share=share))
    st.subheader(t("staff.import.retired_title"))
    if plan.problems:
        st.caption(t("staff.import.retire_later"))
    show_table(
        pd.DataFrame(
            {
                record_label("org_id"): [g.org_id for g in plan.retired],
                record_label("name"): [g.name for g in plan.retired],
            }
        ),
        hide_index=True,
        key="import.retired_table",
    )


#: Row numbers named in a notice; the rest are counted.
ROWS_NAMED = 10


def _more(shown: Sequence[object], total: int, of: str = "rows") -> str:
    """「、ほか N行」 after the first :data:`ROWS_NAMED` of ``total`` rows (``of``:
    ``columns``, 「、ほか N列」)."""
    return t(f"staff.import.{of}_more", n=total - len(shown)) if total > len(shown) else ""


def _named_rows(rows: Sequence[int]) -> tuple[Listed, str]:
    """The first :data:`ROWS_NAMED` of ``rows`` (numbers as read, 1,234) and
    「、ほか N行」 for the rest."""
    named = Listed(tuple(f"{n:,}" for n in rows[:ROWS_NAMED]))
    return named, _more(named.items, len(rows))


def _without_fields(plan: ImportPlan) -> None:
    """A notice naming the civic groups' rows with no field of activity (imported all
    the same: staff may not know them yet)."""
    rows = plan.rows_without_fields
    if rows:
        named, more = _named_rows(rows)
        st.warning(t("staff.import.no_fields", n=len(rows), rows=named, more=more))


def _other_area_notice(
    ref: Reference, key: str, rows: Sequence[tuple[int, Mapping[str, str]]]
) -> None:
    """A notice (``key``, its rows as ``key.row``) naming the rows whose two 地域 differ
    (``rows``: each row's number and its areas by the words of ``key.row``)."""
    if not rows:
        return
    names = area_labels(ref)
    named = Listed(
        tuple(
            phrase(f"{key}.row", row=f"{n:,}", **{w: names.get(a, a) for w, a in areas.items()})
            for n, areas in rows[:ROWS_NAMED]
        ),
        sep="slash",
    )
    st.warning(t(key, n=len(rows), rows=named, more=_more(named.items, len(rows))))


def _other_areas(plan: ImportPlan, ref: Reference) -> None:
    """The rows whose address is in another 地域 than their point, and those whose 地域
    column names another 地域 than their place."""
    _other_area_notice(
        ref,
        "staff.import.elsewhere",
        [(e.row, {"address": e.address_area, "point": e.point_area}) for e in plan.elsewhere],
    )
    _other_area_notice(
        ref,
        "staff.import.written_elsewhere",
        [
            (w.row, {"written": w.written_area, "place": w.place_area})
            for w in plan.written_elsewhere
        ],
    )


def _other_kinds(plan: ImportPlan) -> None:
    """A notice that the file holds rows of other kinds (a file of every kind)."""
    if plan.other_kinds:
        kinds = Listed(
            tuple(
                phrase("staff.import.other_kinds.item", kind=phrase(f"kind.one.{k}"), n=n)
                for k, n in plan.other_kinds
            )
        )
        st.warning(t("staff.import.other_kinds", kind=t(f"kind.one.{plan.kind}"), kinds=kinds))


def _plan_tables(plan: ImportPlan, ref: Reference) -> None:
    not_read = plan.columns_not_read
    if not_read:
        named = Listed(tuple(md_literal(c) for c in not_read[:ROWS_NAMED]))
        more = _more(named.items, len(not_read), of="columns")
        st.warning(t("staff.import.not_read", columns=named, more=more))
    if plan.sheets_passed_over:
        others = t("sep.list").join(md_literal(s) for s in plan.sheets_passed_over)
        st.caption(t("staff.import.sheet", sheet=md_literal(plan.sheet), others=others))
    if plan.header_row > 1:
        st.caption(t("staff.import.header_row", row=plan.header_row, above=plan.header_row - 1))
    if plan.sum_rows:
        named, more = _named_rows(plan.sum_rows)
        st.caption(t("staff.import.sum_rows", rows=named, more=more))
    if plan.hidden_rows:
        named, more = _named_rows(plan.hidden_rows)
        st.info(t("staff.import.hidden_rows", rows=named, more=more))
    summary = plan.summary()
    cols = st.columns(len(summary))
    for col, (what, n) in zip(cols, summary.items(), strict=True):
        col.metric(t(f"staff.import.{what}"), n)
    _without_fields(plan)
    _other_areas(plan, ref)
    if plan.read_in_part:
        named, more = _named_rows(plan.read_in_part)
        st.info(t("staff.import.in_part", rows=named, more=more))
    _retired_table(plan)
    added = plan.with_action(ADD)
    changed = plan.with_action(CHANGE) + plan.with_action(REACTIVATE)
    if added:
        st.subheader(t("staff.import.added_title"))
        ids = [r.record["org_id"] for r in added]
        frame = added_frame(added, (record_label("org_id"), ids), ref)
        show_table(frame, hide_index=True, key="import.added_table")
    if changed:
        st.subheader(t("staff.import.changed_title"))
        frame = pd.DataFrame(
            {
                t("staff.col.row"): [r.row for r in changed],
                record_label("org_id"): [r.record["org_id"] for r in changed],
                record_label("name"): [r.record["name"] for r in changed],
                t("staff.col.changes"): [change_text(r.changes) for r in changed],
            }
        )
        show_table(frame, hide_index=True, key="import.changed_table")


def _confirmed(plan: ImportPlan) -> bool:
    """Whether staff confirmed the retirements, where the plan needs it: they type the
    number of organisations to be retired."""
    if not plan.needs_confirmation or plan.problems:
        return True
    n = len(plan.retired)
    st.warning(t("staff.import.confirm_needed", n=n, share=plan.retire_share, limit=CONFIRM_SHARE))
    key = f"{CONFIRM_KEY}.{plan.sha256[:16]}.{n}"  # a new file asks again
    typed = st.text_input(t("staff.import.confirm", n=n), key=key, max_chars=12)
    return normalise(typed).replace(",", "") == str(n)


def _apply(plan: ImportPlan, store: Store, editor: str, *, valid_only: bool) -> bool:
    """Write the plan; whether it was written (otherwise the page says why)."""
    try:
        result = apply_plan(plan, store, who=editor, valid_only=valid_only)
    except ConflictError:
        st.warning(t("staff.import.changed_meanwhile"))
        return False
    except DataValidationError as exc:
        show_problems(exc.problems)
        return False
    counts = result.write.counts
    flash(
        t(
            "staff.import.done",
            added=counts.get("add", 0),
            changed=counts.get("edit", 0),
            reactivated=counts.get("reactivate", 0),
            retired=counts.get("retire", 0),
        )
    )
    return True


def import_section(
    data: bytes,
    filename: str,
    kind: str,
    editor: str,
    *,
    retire_missing: bool,
    retire_samples: bool = False,
) -> None:
    """Dry run of an upload, its problems, the confirmation and the two import buttons.

    ``retire_samples``: the file is the real list of its kind, replacing its sample rows
    (:func:`geo.registry.samples.with_sample_retirements`).
    """
    with registry() as store:
        plan = preview(
            data,
            filename,
            kind,
            store,
            retire_missing=retire_missing,
            retire_samples=retire_samples,
        )
        if plan is None:
            return
        shown = (plan.sha256, kind, retire_missing, retire_samples, plan.base_data_version)
        seen_before = st.session_state.get(SHOWN_KEY)
        st.session_state[SHOWN_KEY] = shown
        _plan_tables(plan, store.reference)
        _other_kinds(plan)
        if plan.problems:
            show_problems(plan.problems, plan.problem_count)
        elif not plan.has_changes:
            st.info(t("staff.import.nothing"))
        confirmed = _confirmed(plan)
        left, right = st.columns(2)
        go = left.button(
            t("staff.import.go"),
            disabled=not (plan.can_import and confirmed),
            type="primary",
            key="import.go",
        )
        go_valid = right.button(
            t("staff.import.go_valid"), disabled=not plan.can_import_valid_rows, key="import.valid"
        )
        if not (go or go_valid):
            return
        if seen_before != shown:
            st.warning(t("staff.import.changed_meanwhile"))
            return
        if not _apply(plan, store, editor, valid_only=go_valid):
            return
    for key in [SHOWN_KEY, PLAN_KEY, *(k for k in st.session_state if k.startswith(CONFIRM_KEY))]:
        st.session_state.pop(key, None)
    st.rerun()


def export_section() -> None:
    """One download: the chosen format and kind (one kind imports back as it is), public
    columns unless asked otherwise."""
    st.subheader(t("staff.export.title"))
    left, middle, right = st.columns(3)
    fmt = left.radio(
        t("staff.export.format"),
        list(EXPORT_FORMATS),
        format_func=labeller("staff.export", EXPORT_FORMATS),
        horizontal=True,
        key=worded("export.format"),
    )
    chosen = middle.radio(
        t("staff.export.kind"),
        [ALL_KINDS, *KINDS],
        format_func=labeller("staff.kind", (ALL_KINDS, *KINDS)),
        help=t("staff.export.kind_help"),
        key=worded("export.kind"),
    )
    kind = None if chosen == ALL_KINDS else chosen
    private = right.checkbox(t("staff.export.private"), key="export.private")
    stem = "organisations" if kind is None else f"organisations-{kind}"
    with registry() as store:
        if fmt == "csv":
            data = export_csv(store, public=not private, kind=kind, japanese_headers=True)
            name, mime = f"{stem}.csv", "text/csv"
        elif fmt == "geojson":
            data = export_geojson(store, public=not private, kind=kind)
            name, mime = f"{stem}.geojson", "application/geo+json"
        else:
            data = export_hsds(store, public=not private, kind=kind)
            name, mime = f"{stem}-hsds.json", "application/json"
    if private:
        st.warning(t("staff.export.private_warning"))
    st.download_button(
        t("staff.export.download"),
        data=data,
        file_name=("staff-" if private else "") + name,
        mime=mime,
        key="export.download",
    )


# --- the edit form ---------------------------------------------------------------------


def save_form(
    store: Store,
    cells: Mapping[str, str],
    current: StoredOrg | None,
    editor: str,
) -> bool:
    """Check and save the form; show what is wrong. Whether it was saved.

    ``current`` is the organisation as the editor first saw it: the save is refused
    when it has changed since.
    """
    kind = current.record["kind"] if current else cells["kind"]
    prepared = prepare_record(cells, kind, current, store.reference)
    if prepared.problems:
        found = [f.at("form", 1, record_label(c)) for c, f in prepared.problems]
        show_problems(found, of_file=False)
        return False
    try:
        if current is None:
            store.add(prepared.record, who=editor, match_level=prepared.match_level)
        else:
            store.edit(
                current.org_id,
                prepared.record,
                expected_version=current.version,
                who=editor,
                match_level=prepared.match_level,
            )
    except ConflictError:
        st.error(t("staff.edit.conflict"))
        return False
    except DataValidationError as exc:
        show_problems(
            [
                replace(p, column=record_label(p.column) if p.column else p.column)
                for p in exc.problems
            ],
            of_file=False,
        )
        return False
    except RegistryError as exc:
        st.error(t("staff.edit.refused"))
        st.text(str(exc))
        return False
    return True


def _base(org: StoredOrg) -> StoredOrg:
    """The organisation as the editor first saw it (kept until saved or switched)."""
    base = st.session_state.get(BASE_KEY)
    if not isinstance(base, StoredOrg) or base.org_id != org.org_id:
        st.session_state[BASE_KEY] = org
        return org
    return base


def _org_label(org: StoredOrg) -> str:
    label = f"{org.record['name']} ({org.org_id})"
    return label + t("staff.edit.retired_mark") if org.status == RETIRED else label


def edit_section(editor: str) -> None:
    """Pick an organisation (or add one), the form, and retiring."""
    show_flash()
    with registry() as store:
        mode = st.radio(
            t("staff.edit.mode"),
            ["edit", "add"],
            format_func=labeller("staff.edit.mode", ["edit", "add"]),
            horizontal=True,
            key=worded("edit.mode"),
        )
        if mode == "add":
            _add(store, editor)
            return
        orgs = {o.org_id: o for o in store.records(include_retired=True)}
        if not orgs:
            st.info(t("staff.edit.none"))
            return
        labels = {i: _org_label(o) for i, o in orgs.items()}
        org_id = st.selectbox(
            t("staff.edit.pick"),
            list(orgs),
            format_func=labels.__getitem__,
            key=worded("edit.pick"),
        )
        org = orgs[org_id]
        base = _base(org)
        if base.version != org.version:
            st.warning(t("staff.edit.conflict"))
            if st.button(t("staff.edit.reload"), key="edit.reload"):
                st.session_state.pop(BASE_KEY, None)
                st.rerun()
        st.text(
            t(
                "staff.edit.status",
                status=t(f"staff.status.{org.status}"),
                version=org.version,
                who=org.updated_by,
                at=org.updated_at,
                match=t(f"staff.match.{org.match_level}"),
            )
        )
        cells = org_form(base, store.reference)
        if cells is not None and save_form(store, cells, base, editor):
            st.session_state.pop(BASE_KEY, None)
            flash(t("staff.edit.saved", org_id=org_id))
            st.rerun()
        _retire_controls(store, base, editor)


def _add(store: Store, editor: str) -> None:
    count = int(st.session_state.get(NEW_KEY, 0))
    cells = org_form(None, store.reference, new_key=f"new{count}")
    if cells is None:
        return
    new_id = store.next_ids(cells["kind"], 1)[0]
    if save_form(store, {**cells, "org_id": new_id}, None, editor):
        st.session_state[NEW_KEY] = count + 1
        flash(t("staff.edit.added", org_id=new_id))
        st.rerun()


def _retire_controls(store: Store, org: StoredOrg, editor: str) -> None:
    st.divider()
    retiring = org.status != RETIRED
    sure = st.checkbox(
        t("staff.edit.confirm_retire" if retiring else "staff.edit.confirm_reactivate"),
        key=f"edit.confirm.{org.org_id}.v{org.version}",
    )
    label = t("staff.edit.retire" if retiring else "staff.edit.reactivate")
    if not st.button(label, disabled=not sure, key=f"edit.retire.{org.org_id}"):
        return
    try:
        if retiring:
            store.retire(org.org_id, expected_version=org.version, who=editor)
        else:
            store.reactivate(org.org_id, expected_version=org.version, who=editor)
    except ConflictError:
        st.error(t("staff.edit.conflict"))
        return
    st.session_state.pop(BASE_KEY, None)
    flash(t("staff.edit.retired" if retiring else "staff.edit.reactivated", org_id=org.org_id))
    st.rerun()
