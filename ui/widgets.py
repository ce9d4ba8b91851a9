"""Widgets shared by pages: the filter sidebar and labelled tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.coverage import METRICS
from geo.fields import DISASTER_NEED, NEED, FieldCatalog
from geo.model import CITYWIDE, HAZARDS, ORG_KINDS, CityData
from ui.i18n import labeller, lang, t
from ui.layout import area_labels
from ui.state import BASEMAPS, KEYS, LAYERS, ViewState, current, init_widgets, parse_query

_SEEDED = "view.seeded_from_url"


def field_label(catalog: FieldCatalog, code: str) -> str:
    """A field's label in the current language, with its group."""
    f = catalog.get(code)
    prefix = "" if f.kind == NEED else f"{f.number}. "
    return prefix + f.label(lang())


def view_from_url(city: CityData) -> ViewState:
    """Seed the widgets from the URL on a session's first run; return the current view."""
    params = st.query_params.to_dict()
    state = parse_query(
        params, field_codes=city.catalog.codes, area_ids=city.areas["area_id"].tolist()
    )
    init_widgets(state, from_url=bool(set(params) - {"lang"}) and not st.session_state.get(_SEEDED))
    st.session_state[_SEEDED] = True
    return current()


def filter_sidebar(city: CityData, *, map_controls: bool) -> ViewState:
    """The filter widgets in the sidebar; returns the view they describe."""
    view_from_url(city)
    labels = area_labels(city)
    sb = st.sidebar
    sb.header(t("filter.header"))
    sb.multiselect(
        t("filter.fields"),
        list(city.catalog.codes),
        format_func={c: field_label(city.catalog, c) for c in city.catalog.codes}.__getitem__,
        key=KEYS["fields"],
        help=t("filter.fields_help"),
        placeholder=t("filter.any"),
    )
    sb.multiselect(
        t("filter.kinds"),
        list(ORG_KINDS),
        format_func=labeller("kind", ORG_KINDS),
        key=KEYS["kinds"],
        placeholder=t("filter.any"),
    )
    sb.multiselect(
        t("filter.areas"),
        city.areas["area_id"].tolist(),
        format_func=labels.__getitem__,
        key=KEYS["areas"],
        placeholder=t("filter.any"),
    )
    sb.text_input(t("filter.text"), key=KEYS["text"], max_chars=100)
    if map_controls:
        fields = st.session_state.get(KEYS["fields"]) or []
        metrics = [m for m in METRICS if m != "jishubo_rate" or DISASTER_NEED in fields]
        if st.session_state.get(KEYS["metric"]) not in metrics:
            st.session_state[KEYS["metric"]] = "count"
        sb.radio(
            t("filter.metric"), metrics, format_func=labeller("metric", METRICS), key=KEYS["metric"]
        )
        if DISASTER_NEED not in fields:
            sb.caption(t("metric.jishubo_only_bousai"))
        sb.header(t("map.layers"))
        sb.multiselect(
            t("map.layers"),
            list(LAYERS),
            format_func=labeller("layer", LAYERS),
            key=KEYS["layers"],
            label_visibility="collapsed",
        )
        if "shelters" in (st.session_state.get(KEYS["layers"]) or []):
            sb.multiselect(
                t("map.hazards"),
                list(HAZARDS),
                format_func={h: t(f"hazard.{h}.short") for h in HAZARDS}.__getitem__,
                key=KEYS["hazards"],
            )
        sb.selectbox(
            t("map.basemap"),
            list(BASEMAPS),
            format_func=labeller("basemap", BASEMAPS),
            key=KEYS["basemap"],
        )
    sb.button(t("filter.reset"), on_click=_reset)
    return current()


def _reset() -> None:
    default = ViewState()
    for attr in ("fields", "kinds", "areas", "text", "metric"):
        value = getattr(default, attr)
        st.session_state[KEYS[attr]] = list(value) if isinstance(value, tuple) else value


def org_table(city: CityData, orgs: pd.DataFrame) -> pd.DataFrame:
    """Organisations as a readable table (public columns only)."""
    labels = area_labels(city)
    fl = {c: field_label(city.catalog, c) for c in city.catalog.codes}
    sep = t("sep.list")
    return pd.DataFrame(
        {
            t("col.name"): orgs["name"].tolist(),
            t("col.kind"): [t(f"kind.{k}") for k in orgs["kind"]],
            t("col.area"): [labels[a] for a in orgs["area_id"]],
            t("col.fields"): [sep.join(fl[c] for c in f) for f in orgs["fields"]],
            t("col.serves"): [
                t("citywide") if CITYWIDE in s else sep.join(labels[a] for a in s)
                for s in orgs["service_areas"]
            ],
            t("col.last_confirmed"): [
                d.isoformat() if d is not None and not pd.isna(d) else ""
                for d in orgs["last_confirmed"]
            ],
            t("col.sample"): [t("yes") if s else t("no") for s in orgs["is_sample"]],
        }
    )
