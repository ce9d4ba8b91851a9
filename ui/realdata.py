"""The real lists on the 取り込み page: the national NPO法人 file and the templates.

The NPO法人 section is the page's form of ``python -m geo.registry import-npo``, on the
same path (:mod:`geo.registry.npo_apply`): upload the zip or its CSV, see the plan with
its summary and every problem, confirm (retiring the sample civic groups only when the
box is ticked), and the import is written after a snapshot. The file's reading is kept
for the session, so the page reruns without reading the national file again.

Templates download as Excel or CSV; the 協議会の部会 one comes filled in with the
registry's councils. Everything is drawn with ``st.dataframe``, ``st.metric`` and
``st.text`` (names stay text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.registry import ConflictError, Reference, Store, UnreadableFileError
from geo.registry.npo import NpoReading
from geo.registry.npo_apply import apply_npo_plan, plan_against, read_for
from geo.registry.npo_plan import ADD, CHANGE, REACTIVATE, NpoPlan
from geo.registry.templates import TEMPLATES, readable_rows, template_csv, template_xlsx
from ui import settings, staff
from ui.i18n import lang, t
from ui.orgform import record_label
from ui.tables import show_table

#: Largest national file the page takes (MB), when the server's upload limit
#: (``server.maxUploadSize``) allows it; the command line takes any size.
NPO_MAX_MB = 100
READING_KEY = "npo.reading"
SHOWN_KEY = "npo.shown"
#: The plan's counts shown as figures, in order (the sample rows go with their checkbox).
SUMMARY = (
    "added",
    "changed",
    "reactivated",
    "unchanged",
    "retired",
    "outside",
    "dissolved",
    "unplaced",
    "invalid",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def retire_samples_checkbox() -> bool:
    """The regular import's confirmation that a real list replaces the kind's sample."""
    return st.checkbox(
        t("realdata.retire_samples"),
        value=False,
        key="import.retire_samples",
        help=t("realdata.retire_samples.help"),
    )


# --- the national NPO法人 file ------------------------------------------------------------


def _reading(data: bytes, name: str, store: Store) -> NpoReading | None:
    """The file read for the city (kept for the session), or ``None`` after its problems."""
    key = (hashlib.sha256(data).hexdigest(), name, store.jis_code)
    kept = st.session_state.get(READING_KEY)
    if isinstance(kept, tuple) and kept[0] == key:
        return kept[1]  # type: ignore[no-any-return]
    try:
        reading = read_for(store, data, name=name)
    except UnreadableFileError as exc:
        staff.show_problems(exc.problems)
        return None
    st.session_state[READING_KEY] = (key, reading)
    return reading


def _table(rows: Mapping[str, Sequence[Any]], key: str) -> None:
    show_table(pd.DataFrame(rows), hide_index=True, key=key)


def _rows_view(plan: NpoPlan, ref: Reference) -> None:
    """The NPO法人 to add, and those to change or reactivate."""
    added = plan.with_action(ADD)
    changed = plan.with_action(CHANGE) + plan.with_action(REACTIVATE)
    if added:
        st.subheader(t("staff.import.added_title"))
        numbers = [r.record["corporate_number"] for r in added]
        frame = staff.added_frame(added, (t("realdata.col.number"), numbers), ref)
        show_table(frame, hide_index=True, key="npo.added_table")
    if changed:
        st.subheader(t("staff.import.changed_title"))
        how = {True: t("realdata.linked.name"), False: t("realdata.linked.number")}
        _table(
            {
                t("staff.col.row"): [r.row for r in changed],
                record_label("org_id"): [r.org_id for r in changed],
                record_label("name"): [r.record["name"] for r in changed],
                t("realdata.col.linked"): [how[r.linked_by_name] for r in changed],
                t("staff.col.changes"): [staff.change_text(r.changes) for r in changed],
            },
            "npo.changed_table",
        )


def _plan_view(plan: NpoPlan, ref: Reference) -> None:
    """The plan: its day, counts, rows, retirements and problems."""
    reading = plan.reading
    if reading.as_of is None:
        st.text(t("realdata.npo.no_date", file=reading.source))
    else:
        st.text(t("realdata.npo.as_of", file=reading.source, day=reading.as_of.isoformat()))
    summary = plan.summary()
    for start in (0, 5):
        for col, what in zip(st.columns(5), SUMMARY[start : start + 5], strict=False):
            col.metric(t(f"npo.summary.{what}"), summary[what])
    _rows_view(plan, ref)
    if plan.retired:
        st.subheader(t("realdata.npo.retired_title"))
        _table(
            {
                record_label("org_id"): [g.org_id for g in plan.retired],
                record_label("name"): [g.name for g in plan.retired],
                t("realdata.col.reason"): [g.reason_text(lang()) for g in plan.retired],
            },
            "npo.retired_table",
        )
    if plan.problems:
        st.caption(t("realdata.npo.rows_left_out", n=len(plan.invalid_rows)))
        staff.show_problems(plan.problems)


def _confirm(plan: NpoPlan, store: Store, editor: str, shown: tuple[Any, ...]) -> None:
    """The samples checkbox and the import button; writes when pressed on a plan seen."""
    retire_samples = bool(plan.samples) and st.checkbox(
        t("realdata.npo.retire_samples", n=len(plan.samples)), key="npo.retire_samples"
    )
    shown = (*shown, retire_samples)
    seen_before = st.session_state.get(SHOWN_KEY)
    st.session_state[SHOWN_KEY] = shown
    can = plan.has_changes(retire_samples=retire_samples)
    if not can:
        st.info(t("realdata.npo.nothing"))
    if not st.button(t("realdata.npo.go"), disabled=not can, type="primary", key="npo.go"):
        return
    if seen_before != shown:
        st.warning(t("staff.import.changed_meanwhile"))
        return
    try:
        result = apply_npo_plan(plan, store, who=editor, retire_samples=retire_samples)
    except ConflictError:
        st.warning(t("staff.import.changed_meanwhile"))
        return
    except DataValidationError as exc:
        staff.show_problems(exc.problems)
        return
    counts = result.write.counts
    staff.flash(
        t(
            "realdata.npo.done",
            added=counts.get("add", 0),
            changed=counts.get("edit", 0),
            reactivated=counts.get("reactivate", 0),
            retired=counts.get("retire", 0),
        )
    )
    st.session_state.pop(SHOWN_KEY, None)
    st.rerun()


def npo_section(editor: str) -> None:
    """Upload the national NPO法人 file, see the plan, confirm."""
    st.subheader(t("realdata.npo.title"))
    st.caption(t("realdata.npo.caption", city=settings.city().name_ja))
    limit = min(NPO_MAX_MB, int(st.get_option("server.maxUploadSize")))
    upload = st.file_uploader(
        t("realdata.npo.file", limit=limit),
        type=["zip", "csv"],
        key="npo.file",
        max_upload_size=limit,
    )
    if upload is None:
        return
    keep = st.checkbox(t("realdata.npo.keep_missing"), value=False, key="npo.keep_missing")
    with staff.registry() as store:
        reading = _reading(upload.getvalue(), upload.name, store)
        if reading is None:
            return
        plan = plan_against(reading, store, retire_missing=not keep)
        _plan_view(plan, store.reference)
        _confirm(plan, store, editor, (reading.sha256, keep, plan.base_data_version))


# --- templates ------------------------------------------------------------------------


def template_bytes(key: str, fmt: str, ref: Reference, *, lang_: str, url: str) -> bytes:
    """One template as the page hands it out (``fmt`` ``xlsx`` or ``csv``); the
    協議会の部会 one filled in with the councils of the registry at ``url``.

    No Streamlit call: the page runs it when the download is asked for.
    """
    template = TEMPLATES[key]
    rows: list[dict[str, str]] = []
    if key == "council_committees":
        with Store.open(url, reference=ref) as store:
            councils = [s.record for s in store.records(kind="council")]
        rows = readable_rows(councils, ref.city, ref.catalog)
    if fmt == "csv":
        return template_csv(template, rows)
    return template_xlsx(template, ref.city, ref.catalog, lang=lang_, rows=rows)


def _maker(key: str, fmt: str, ref: Reference, lang_: str, url: str) -> Callable[[], bytes]:
    def make() -> bytes:
        return template_bytes(key, fmt, ref, lang_=lang_, url=url)

    return make


def templates_section() -> None:
    """Excel and CSV templates of each real list, made when asked for."""
    st.subheader(t("realdata.templates.title"))
    st.caption(t("realdata.templates.caption"))
    with staff.registry() as store:
        ref = store.reference
    url = settings.current().registry_url
    for key, template in TEMPLATES.items():
        name, xlsx, csv, _ = st.columns([3, 1, 1, 3], vertical_alignment="center")
        name.text(t(f"template.kind.{key}"))
        for col, fmt, mime in ((xlsx, "xlsx", XLSX), (csv, "csv", "text/csv")):
            col.download_button(
                t(f"realdata.templates.{fmt}"),
                data=_maker(key, fmt, ref, lang(), url),
                file_name=template.filename(fmt),
                mime=mime,
                key=f"template.{key}.{fmt}",
                on_click="ignore",
            )
