"""The staff form for one organisation: what staff may write, as the importer's cells."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from geo.model import CITYWIDE, LEGAL_FORMS, ORG_KINDS
from geo.registry import Reference, StoredOrg
from geo.registry.columns import RECORD_COLUMNS
from geo.words import MESSAGES, pick
from ui.i18n import labeller, lang, t, worded

Key = Callable[[str], str]


def form_key(org_id: str, version: int, column: str) -> str:
    """Widget key of one form field (new per organisation and version)."""
    return f"edit.{org_id}.v{version}.{column}"


def flag_word(value: str) -> str:
    """A yes/no column's stored value (``true``, ``false``, empty) in the staff views'
    words: 有, 無, —."""
    return {"true": t("staff.yes"), "false": t("staff.no")}.get(value, "—")


def record_label(column: str) -> str:
    """A registry column's name in the session's language (the form's label, the
    previews' header; in Japanese the header an import file gives the column), or the
    column as given when it has none."""
    key = f"record.{column}"
    return t(key) if key in MESSAGES else column


def area_labels(ref: Reference) -> dict[str, str]:
    """Area id -> name in the session's language, with 全市 for the whole city."""
    labels = {a.area_id: pick(lang(), a.name_ja, a.name_en) for a in ref.city.areas}
    labels[CITYWIDE] = t("staff.citywide")
    return labels


def _what_and_where(
    record: Mapping[str, str], ref: Reference, key: Key, *, is_new: bool
) -> dict[str, Any]:
    """Name, kind, fields, base area and service areas."""
    areas = area_labels(ref)
    codes = list(ref.catalog.codes)
    field_labels = ref.catalog.labels(lang())
    kind = record["kind"] or "civic_group"
    area_ids = [a.area_id for a in ref.city.areas]
    return {
        "name": st.text_input(record_label("name"), record["name"], key=key("name")),
        "kind": st.selectbox(
            t("staff.edit.kind"),
            list(ORG_KINDS),
            index=list(ORG_KINDS).index(kind),
            format_func=labeller("kind", ORG_KINDS),
            key=worded(key("kind")),
            disabled=not is_new,
        ),
        "fields": st.multiselect(
            record_label("fields"),
            codes,
            default=[c for c in record["fields"].split(";") if c in codes],
            format_func=field_labels.__getitem__,
            key=worded(key("fields")),
        ),
        "area_id": st.selectbox(
            record_label("area_id"),
            ["", *area_ids],
            index=(["", *area_ids]).index(record["area_id"]) if record["area_id"] else 0,
            format_func={"": t("staff.edit.from_address"), **areas}.__getitem__,
            key=worded(key("area_id")),
        ),
        "service_areas": st.multiselect(
            record_label("service_areas"),
            [*area_ids, CITYWIDE],
            default=[a for a in record["service_areas"].split(";") if a],
            format_func=areas.__getitem__,
            key=worded(key("service_areas")),
        ),
    }


def _facts(record: Mapping[str, str], key: Key) -> dict[str, Any]:
    """Legal form, member households, 自主防災組織 and the day last confirmed."""
    forms = ["", *LEGAL_FORMS]
    yes_no = ["", "true", "false"]
    return {
        "legal_form": st.selectbox(
            record_label("legal_form"),
            forms,
            index=forms.index(record["legal_form"]),
            format_func={"": "—", **{f: t(f"legal.{f}") for f in LEGAL_FORMS}}.__getitem__,
            key=worded(key("legal_form")),
        ),
        "households": st.text_input(
            record_label("households"), record["households"], key=key("households")
        ),
        "has_jishubo": st.selectbox(
            record_label("has_jishubo"),
            yes_no,
            index=yes_no.index(record["has_jishubo"]),
            format_func=flag_word,
            key=worded(key("has_jishubo")),
        ),
        "last_confirmed": st.text_input(
            record_label("last_confirmed"), record["last_confirmed"], key=key("last_confirmed")
        ),
    }


def _place_and_private(record: Mapping[str, str], key: Key) -> dict[str, Any]:
    """Address and point, then the private contact, notes and purpose, and the sample flag."""
    values: dict[str, Any] = {
        "address": st.text_input(record_label("address"), record["address"], key=key("address"))
    }
    left, right = st.columns(2)
    values["lat"] = left.text_input(record_label("lat"), record["lat"], key=key("lat"))
    values["lon"] = right.text_input(record_label("lon"), record["lon"], key=key("lon"))
    st.caption(t("staff.edit.location_help"))
    st.markdown(t("staff.edit.private"))
    for column in ("representative", "phone", "email"):
        values[column] = st.text_input(record_label(column), record[column], key=key(column))
    values["notes"] = st.text_area(record_label("notes"), record["notes"], key=key("notes"))
    values["purpose"] = st.text_area(record_label("purpose"), record["purpose"], key=key("purpose"))
    values["is_sample"] = st.checkbox(
        t("staff.edit.is_sample"), record["is_sample"] == "true", key=key("is_sample")
    )
    return values


def _corporate(record: Mapping[str, str], key: Key) -> dict[str, Any]:
    """The 法人番号, the name in kana and the NPO portal's page (public)."""
    left, right = st.columns(2)
    return {
        "corporate_number": left.text_input(
            record_label("corporate_number"),
            record["corporate_number"],
            key=key("corporate_number"),
        ),
        "name_kana": right.text_input(
            record_label("name_kana"), record["name_kana"], key=key("name_kana")
        ),
        "portal_url": st.text_input(
            record_label("portal_url"), record["portal_url"], key=key("portal_url")
        ),
    }


def _cells(
    values: dict[str, Any], record: Mapping[str, str], current: StoredOrg | None
) -> dict[str, str]:
    """What was written, as the importer's cells (lists joined with ``;``)."""
    cells = {
        c: (";".join(v) if isinstance(v, list) else ("true" if v is True else str(v)))
        for c, v in values.items()
    }
    if values["is_sample"] is False:
        cells["is_sample"] = "false"
    cells["org_id"] = current.org_id if current else ""
    if current is not None and (cells["lon"], cells["lat"]) == (record["lon"], record["lat"]):
        if record["address"] == cells["address"]:
            del cells["lon"], cells["lat"]  # the stored point and its match level stay
        else:
            cells["lon"] = cells["lat"] = ""  # a new address is placed again
    return cells


def org_form(
    current: StoredOrg | None, ref: Reference, *, new_key: str = "new"
) -> dict[str, str] | None:
    """The form for one organisation; what was written, once submitted.

    Parameters
    ----------
    current
        The organisation as the editor first saw it, or ``None`` for a new one.
    ref
        The city's reference data (fields, areas).
    new_key
        Key part of a new organisation's form (changed after each addition).
    """
    record = current.record if current else dict.fromkeys(RECORD_COLUMNS, "")
    org_id = current.org_id if current else new_key
    version = current.version if current else 0

    def key(column: str) -> str:
        return form_key(org_id, version, column)

    with st.form(f"edit.form.{org_id}.v{version}"):
        values = _what_and_where(record, ref, key, is_new=current is None)
        values |= _facts(record, key)
        values |= _corporate(record, key)
        values |= _place_and_private(record, key)
        submitted = st.form_submit_button(t("staff.edit.save"), type="primary")
    return _cells(values, record, current) if submitted else None
