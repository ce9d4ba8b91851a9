"""The filter sidebar shared by the planner's pages, and the fields' labels it shows."""

from __future__ import annotations

import streamlit as st

from geo.coverage import METRICS
from geo.fields import DISASTER_NEED, NEED, FieldCatalog
from geo.model import HAZARDS, ORG_KINDS, CityData
from geo.words import Named
from ui.i18n import labeller, lang, t, worded
from ui.layout import area_labels
from ui.state import (
    BASEMAPS,
    KEYS,
    LAYERS,
    ViewState,
    address_moved,
    current,
    init_widgets,
    parse_query,
)

_SEEDED = "view.seeded_from_url"


def field_label(catalog: FieldCatalog, code: str, *, space: str = " ") -> str:
    """A field's label in the current language, with its group: a field of the NPO Law
    after its number and ``space`` (a no-break space holds them on one line)."""
    f = catalog.get(code)
    prefix = "" if f.kind == NEED else f"{f.number}.{space}"
    return prefix + f.label(lang())


def field_names(catalog: FieldCatalog) -> dict[str, Named]:
    """Field code -> its short name in both languages, in catalogue order."""
    return {f.code: Named(f.short_ja, f.short_en) for f in catalog.fields}


#: The parts of the view each page keeps in its address (the matrix has no map).
ADDRESSED = {
    "explorer": tuple(k for k in KEYS if k != "lang"),
    "matrix": ("kinds", "bases", "text"),
}


def view_from_url(city: CityData, page: str = "explorer") -> ViewState:
    """Seed the widgets from the URL on a session's first run, and again when the address
    was moved to another view (back, forward); return the current view."""
    params = st.query_params.to_dict()
    state = parse_query(
        params, field_codes=city.catalog.codes, area_ids=city.areas["area_id"].tolist()
    )
    first = bool(set(params) - {"lang"}) and not st.session_state.get(_SEEDED)
    moved = ADDRESSED[page] if address_moved(page) else ()
    init_widgets(state, from_url=first, again=moved)
    st.session_state[_SEEDED] = True
    return current()


def filter_sidebar(
    city: CityData, *, map_controls: bool, fields: bool = True, page: str = "explorer"
) -> ViewState:
    """The filter widgets in the sidebar; returns the view they describe.

    ``map_controls`` adds the focus, colouring, layers and base map; without ``fields``
    the fields of activity are not offered (a page that shows every field keeps the
    choice for the map). Multiselects have no "select all" entry: Streamlit words it in
    English only, and choosing every field is the same as choosing none. ``page``: whose
    address the view is kept in (:data:`ADDRESSED`).
    """
    view_from_url(city, page)
    labels = area_labels(city)
    ids = city.areas["area_id"].tolist()
    sb = st.sidebar
    sb.header(t("filter.header"))
    if fields:
        _fields_control(sb, city)
    if map_controls:
        sb.multiselect(
            t("filter.focus"),
            ids,
            format_func=labels.__getitem__,
            key=worded(KEYS["areas"]),
            help=t("filter.focus_help"),
            placeholder=t("filter.focus_all"),
            select_all=False,
        )
    sb.multiselect(
        t("filter.kinds"),
        list(ORG_KINDS),
        format_func=labeller("kind", ORG_KINDS),
        key=worded(KEYS["kinds"]),
        placeholder=t("filter.any"),
        select_all=False,
    )
    sb.multiselect(
        t("filter.bases"),
        ids,
        format_func=labels.__getitem__,
        key=worded(KEYS["bases"]),
        help=t("filter.bases_help"),
        placeholder=t("filter.any"),
        select_all=False,
    )
    sb.text_input(t("filter.text"), key=KEYS["text"], max_chars=100)
    if map_controls:
        _map_controls(sb)
    sb.button(t("filter.reset"), on_click=_reset, key="view.reset")
    return current()


def _fields_control(sb: st.delta_generator.DeltaGenerator, city: CityData) -> None:
    """The fields of activity: local needs first, then the NPO Law's 20 fields."""
    codes = list(city.catalog.codes)
    sb.multiselect(
        t("filter.fields"),
        codes,
        format_func={c: field_label(city.catalog, c) for c in codes}.__getitem__,
        key=worded(KEYS["fields"]),
        help=t("filter.fields_help"),
        placeholder=t("filter.any"),
        select_all=False,
    )


def _map_controls(sb: st.delta_generator.DeltaGenerator) -> None:
    """The colouring, layers, hazards and base map of the explorer's map."""
    fields = st.session_state.get(KEYS["fields"]) or []
    metrics = [m for m in METRICS if m != "jishubo_rate" or DISASTER_NEED in fields]
    if st.session_state.get(KEYS["metric"]) not in metrics:
        st.session_state[KEYS["metric"]] = "count"
    sb.radio(
        t("filter.metric"),
        metrics,
        format_func=labeller("metric", METRICS),
        key=worded(KEYS["metric"]),
    )
    if DISASTER_NEED not in fields:
        sb.caption(t("metric.jishubo_only_bousai"))
    sb.multiselect(
        t("map.layers"),
        list(LAYERS),
        format_func=labeller("layer", LAYERS),
        key=worded(KEYS["layers"]),
        placeholder=t("map.no_layers"),
        select_all=False,
    )
    if "shelters" in (st.session_state.get(KEYS["layers"]) or []):
        sb.multiselect(
            t("map.hazards"),
            list(HAZARDS),
            format_func={h: t(f"hazard.{h}.short") for h in HAZARDS}.__getitem__,
            key=worded(KEYS["hazards"]),
            placeholder=t("map.all_hazards"),
            select_all=False,
        )
    sb.selectbox(
        t("map.basemap"),
        list(BASEMAPS),
        format_func=labeller("basemap", BASEMAPS),
        key=worded(KEYS["basemap"]),
    )


def _reset() -> None:
    default = ViewState()
    for attr in ("fields", "kinds", "areas", "bases", "text", "metric"):
        value = getattr(default, attr)
        st.session_state[KEYS[attr]] = list(value) if isinstance(value, tuple) else value
