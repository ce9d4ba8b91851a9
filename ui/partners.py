"""The glue of 連携先をさがす: cached rankings, selectors, tables, map and contact box.

Everything shown comes from :mod:`geo.matching` and public organisation columns; the
only contact shown is the support center's (the city's configuration).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import folium
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit_folium import st_folium

from geo.coverage import DEFAULT_RULE, active_mask
from geo.fields import DISASTER_NEED
from geo.filters import OrgFilter
from geo.map import MapSpec, build, city_inputs, compose
from geo.matching import (
    DEFAULT_WEIGHTS,
    NEED_BASES,
    Suggestion,
    areas_needing,
    rank_partners,
    reasons_line,
    reasons_text,
)
from geo.model import ORG_KINDS, CityData
from ui import areaview, data
from ui.assets import map_assets
from ui.i18n import labeller, lang, t, worded
from ui.layout import area_labels, center_name
from ui.state import address_moved, write_address
from ui.tables import plain_numbers, show_table, yes_no
from ui.text import kept_together, md_literal, plain_line
from ui.widgets import field_label

AREA_KEY = "partners.area"
NEED_KEY = "partners.need"
KINDS_KEY = "partners.kinds"
ORG_KEY = "partners.org"
BY_KEY = "partners.by"
MAP_KEY = "partners.map"

MORE_KEY = "partners.shown"

#: Organisations drawn on the map (the table lists them all).
MAP_LIMIT = 30
#: Partners listed at first; "more" adds as many again.
PAGE_SIZE = 20

_KIND_LAYERS = {"council": "councils", "association": "associations", "civic_group": "civic_groups"}


# --- cached computations ----------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=256)
def _suggestions(area_id: str, need: str, day: dt.date, key: data.DataKey) -> list[Suggestion]:
    return rank_partners(data.city(), area_id, need, today=day)


def suggestions(area_id: str, need: str) -> list[Suggestion]:
    """Ranked partners for the area's need, as of today (a new list every day)."""
    return _suggestions(area_id, need, dt.date.today(), data.data_key())


@st.cache_data(show_spinner=False, max_entries=128)
def _needing(org_id: str, by: str, key: data.DataKey) -> pd.DataFrame:
    return areas_needing(data.city(), org_id, by=by)


def needing(org_id: str, by: str) -> pd.DataFrame:
    """The areas needing the group, most in need first (see :func:`areas_needing`)."""
    return _needing(org_id, by, data.data_key())


# --- selectors --------------------------------------------------------------------------------


#: This page's name for its address (:func:`ui.state.write_address`).
PAGE = "partners"


def _requested(name: str, find: Callable[[str], str | None]) -> str | None:
    """What the address's ``name`` parameter names (``find`` of its text), or ``None``
    when it names nothing; say so when it is given but unknown."""
    value = plain_line(st.query_params.get(name, ""))
    if not value:
        return None
    found = find(value)
    if found is None:
        st.warning(t(f"partners.unknown.{name}", value=md_literal(value[:40])))
    return found


def _seed(key: str, found: str | None, default: str) -> None:
    """The picker ``key`` before it is drawn: what a link or the back button names, else
    its own choice, else ``default``."""
    if found is not None and (key not in st.session_state or address_moved(PAGE)):
        st.session_state[key] = found
    st.session_state.setdefault(key, default)


def gap_kinds(area_id: str) -> dict[str, str]:
    """The fields in which the area is a gap, in catalogue order, and the kind of each
    (the rule's code: ``no_organisation``, ``below_rate``, ``below_national``)."""
    return {f.code: f.gap_reason for f in areaview.profile(area_id).gaps}


def choose_area_need(city: CityData) -> tuple[str, str]:
    """Area and need selectors, seeded from ``?area=…&need=…`` and kept in the URL.

    Without a need in the URL, the area's first gap is proposed (防災・減災 when it has
    none). The area's gap fields are marked in the need selector.
    """
    labels = area_labels(city)
    ids = list(labels)
    codes = list(city.catalog.codes)
    area_req = _requested("area", city.config.area_named)
    need_req = _requested("need", city.catalog.field_named)
    left, right = st.columns(2)
    _seed(AREA_KEY, area_req, ids[0])
    area_id: str = left.selectbox(
        t("partners.area"),
        ids,
        format_func=labels.__getitem__,
        key=worded(AREA_KEY),
        on_change=_fewer,
    )
    gaps = gap_kinds(area_id)
    if need_req is None and (area_req is not None and address_moved(PAGE)):
        st.session_state.pop(NEED_KEY, None)  # another area: its own first gap
    _seed(NEED_KEY, need_req, next((c for c in codes if c in gaps), DISASTER_NEED))
    need_labels = {
        c: t("partners.gap_mark", label=field_label(city.catalog, c), kind=t(f"gap.kind.{gaps[c]}"))
        if c in gaps
        else field_label(city.catalog, c)
        for c in codes
    }
    need: str = right.selectbox(
        t("partners.need"),
        codes,
        format_func=need_labels.__getitem__,
        key=worded(NEED_KEY),
        on_change=_fewer,
    )
    return area_id, need


def of_kinds(found: Sequence[Suggestion]) -> list[Suggestion]:
    """A kinds selector; the suggestions of the chosen kinds."""
    chosen = st.multiselect(
        t("partners.kinds"),
        list(ORG_KINDS),
        default=list(ORG_KINDS),
        format_func=labeller("kind", ORG_KINDS),
        key=worded(KINDS_KEY),
        on_change=_fewer,
        select_all=False,
    )
    return [s for s in found if s.kind in set(chosen)]


def choose_group(city: CityData) -> str | None:
    """A civic group selector (by name), seeded from ``?org=…``; ``None`` when none exist."""
    orgs = city.organisations
    groups = orgs[orgs["kind"] == "civic_group"].sort_values(["name", "org_id"])
    ids = groups["org_id"].tolist()
    if not ids:
        st.info(t("partners.no_groups"))
        return None
    names = dict(zip(ids, groups["name"], strict=True))
    known = set(ids)
    _seed(ORG_KEY, _requested("org", lambda v: v.lower() if v.lower() in known else None), ids[0])
    org_id: str = st.selectbox(
        t("partners.org"),
        ids,
        format_func=names.__getitem__,
        key=worded(ORG_KEY),
        on_change=_org_picked,
    )
    return org_id


_ORG_PICKED = "partners.org_picked"


def _org_picked() -> None:
    st.session_state[_ORG_PICKED] = True


def keep_in_address(area_id: str, need: str, org_id: str | None) -> None:
    """The page's choices in its address (the group only once one was picked: a link
    to an area's partners names no group)."""
    params = {"area": area_id, "need": need}
    if org_id is not None and (st.query_params.get("org") or st.session_state.get(_ORG_PICKED)):
        params["org"] = org_id
    write_address(PAGE, params)


def choose_base() -> str:
    """Population or households as the base of the need."""
    by: str = st.radio(
        t("partners.by"),
        list(NEED_BASES),
        format_func=labeller("partners.by", NEED_BASES),
        key=worded(BY_KEY),
        horizontal=True,
    )
    return by


def explain_none(city: CityData, area_id: str, need: str) -> None:
    """Why there is no candidate at all, and where to turn."""
    names = {
        "area": md_literal(area_labels(city)[area_id]),
        "need": md_literal(field_label(city.catalog, need)),
    }
    anyone = bool(active_mask(city.organisations, (need,)).any())
    st.info(
        "\n\n".join(
            [
                t("partners.none", **names),
                t("partners.none_nearby" if anyone else "partners.none_city"),
                t("partners.none_help", center=center_name(data.city())),
            ]
        )
    )


# --- tables -----------------------------------------------------------------------------------


def split_here(found: Sequence[Suggestion]) -> tuple[list[Suggestion], list[Suggestion]]:
    """(partners from outside the area or citywide, organisations already active in it)."""
    return [s for s in found if not s.active_here], [s for s in found if s.active_here]


def partners_table(city: CityData, found: Sequence[Suggestion]) -> Styler:
    """The ranked suggestions with their reasons, public facts only: a plain table, which
    wraps the reasons and makes every text literal (:func:`ui.tables.plain_numbers`,
    its figures aligned right)."""
    labels = area_labels(city)
    lg = lang()
    # the kinds, areas and reasons wrap only between words (「自治会・|町内会」), as
    # every plain table's headers do; the organisations' names wrap where they must
    frame = pd.DataFrame(
        {
            t("partners.col.rank"): list(range(1, len(found) + 1)),
            t("partners.col.name"): [s.name for s in found],
            t("partners.col.kind"): [kept_together(t(f"kind.each.{s.kind}")) for s in found],
            t("partners.col.base"): [
                kept_together(labels.get(s.base_area_id, s.base_area_id)) for s in found
            ],
            t("partners.col.score"): [s.score for s in found],
            t("partners.col.distance"): [s.distance_km for s in found],
            t("partners.col.reasons"): [kept_together(reasons_text(s, lg)) for s in found],
            t("partners.col.sample"): yes_no(s.is_sample for s in found),
        }
    )
    one = "{:.1f}"
    return plain_numbers(frame, {t("partners.col.score"): one, t("partners.col.distance"): one})


def _fewer() -> None:
    st.session_state[MORE_KEY] = PAGE_SIZE


def _more() -> None:
    st.session_state[MORE_KEY] = int(st.session_state.get(MORE_KEY, PAGE_SIZE)) + PAGE_SIZE


def show_partners_table(city: CityData, found: Sequence[Suggestion]) -> None:
    """The first :data:`PAGE_SIZE` suggestions (then more on request) with their reasons
    wrapped in full."""
    shown = int(st.session_state.get(MORE_KEY, PAGE_SIZE))
    show_table(partners_table(city, found[:shown]), static=True, hide_index=True)
    rest = len(found) - shown
    if rest > 0:
        st.button(
            t("partners.more", n=min(rest, PAGE_SIZE), rest=rest),
            on_click=_more,
            key="partners.more",
            icon=":material/expand_more:",
        )


def here_table(city: CityData, found: Sequence[Suggestion]) -> pd.DataFrame:
    """The organisations already active in the area: who they are and where they are based."""
    labels = area_labels(city)
    catalog = city.catalog
    return pd.DataFrame(
        {
            t("partners.col.name"): [s.name for s in found],
            t("partners.col.kind"): [t(f"kind.each.{s.kind}") for s in found],
            t("partners.col.base"): [labels.get(s.base_area_id, s.base_area_id) for s in found],
            t("partners.col.matched"): [
                t("sep.list").join(
                    field_label(catalog, c) for c in s.matched_fields if c in catalog
                )
                for s in found
            ],
            t("partners.col.sample"): yes_no(s.is_sample for s in found),
        }
    )


def show_here(city: CityData, area_id: str, found: Sequence[Suggestion]) -> None:
    """Organisations already active in the area, listed apart from the partners."""
    name = md_literal(area_labels(city)[area_id])
    st.subheader(t("partners.here", area=name, n=len(found)))
    if not found:
        st.caption(t("partners.here_none"))
        return
    st.caption(t("partners.here_caption"))
    show_table(here_table(city, found), hide_index=True, key="partners.here")


def needing_table(city: CityData, frame: pd.DataFrame, by: str) -> Styler:
    """The areas needing a group, in words: a plain table, whose reasons wrap in full
    (one row per area: at most the city's areas), its figures aligned right and its
    counts with their thousands separated (26,344)."""
    labels = area_labels(city)
    catalog = city.catalog
    lg = lang()
    table = pd.DataFrame(
        {
            t("partners.col.rank"): frame["rank"].tolist(),
            t("partners.col.area"): [kept_together(labels[a]) for a in frame["area_id"]],
            t("partners.col.fields"): [
                t("sep.list").join(field_label(catalog, c) for c in codes)
                for codes in frame["fields"]
            ],
            t("partners.col.severity"): frame["severity"].tolist(),
            t(f"partners.col.{by}"): frame["base"].tolist(),
            t("partners.col.need"): frame["need"].tolist(),
            t("partners.col.serves"): yes_no(frame["serves"]),
            t("partners.col.distance"): frame["distance_km"].tolist(),
            t("partners.col.reasons"): [reasons_line(r, lg) for r in frame["reasons"]],
        }
    )
    count = "{:,.0f}"
    formats = {
        t("partners.col.severity"): "{:.2f}",
        t(f"partners.col.{by}"): count,
        t("partners.col.need"): count,
        t("partners.col.distance"): "{:.1f}",
    }
    return plain_numbers(table, formats)


def show_needing(city: CityData, org_id: str, by: str) -> None:
    """Where the group is needed: a count, a caption and the table (or why there is none)."""
    frame = needing(org_id, by)
    name = str(city.organisations.set_index("org_id").loc[org_id, "name"])
    if frame.empty:
        st.info(t("partners.needing_none"))
        return
    st.markdown(f"**{t('partners.needing_count', name=md_literal(name), n=len(frame))}**")
    st.caption(
        t(
            "partners.needing_caption",
            share=f"{DEFAULT_RULE.min_share_of_rate:.0%}",
            by=t(f"partners.by.{by}"),
        )
    )
    show_table(needing_table(city, frame, by), static=True, hide_index=True)


# --- map --------------------------------------------------------------------------------------


def partner_map(
    city: CityData, area_id: str, need: str, found: Sequence[Suggestion], lang_code: str
) -> folium.Map:
    """The chosen area outlined, shaded by coverage of the need, with the candidates."""
    ids = {s.org_id for s in found[:MAP_LIMIT]}
    orgs = city.organisations
    shown = orgs[orgs["org_id"].isin(ids)]
    layers = tuple(_KIND_LAYERS[k] for k in ORG_KINDS if k in set(shown["kind"]))
    cov = data.area_coverage(OrgFilter(fields=frozenset({need})))
    spec = MapSpec(
        metric="count",
        fields=(need,),
        layers=layers,
        basemap="gsi",
        lang=lang_code,
        area_id=area_id,
    )
    return compose(build(city_inputs(city, shown), cov, spec, assets=map_assets()))


def show_partner_map(city: CityData, area_id: str, need: str, found: Sequence[Suggestion]) -> None:
    """Draw :func:`partner_map` (read-only: clicks are not used)."""
    st_folium(
        partner_map(city, area_id, need, found, lang()),
        key=MAP_KEY,
        height=460,
        use_container_width=True,
        returned_objects=[],
        render=False,  # (the map renders itself once, whole: KyodoMap.render)
    )
    st.caption(t("partners.map_caption", n=min(MAP_LIMIT, len(found))))


# --- texts ------------------------------------------------------------------------------------


def how_it_works() -> None:
    """The weights of the score, in words."""
    w = DEFAULT_WEIGHTS
    with st.expander(t("partners.how")):
        st.markdown(
            t(
                "partners.how_text",
                exact_field=f"{w.exact_field:g}",
                mapped_field=f"{w.mapped_field:g}",
                serves_area=f"{w.serves_area:g}",
                distance=f"{w.distance:g}",
                distance_half_km=f"{w.distance_half_km:g}",
                legal_entity=f"{w.legal_entity:g}",
                recent=f"{w.recent:g}",
                fresh_months=f"{w.fresh_months:g}",
                stale_months=f"{w.stale_months:g}",
            )
        )


def contact_box() -> None:
    """Contact goes through the support center: its public contact, nothing else."""
    center = data.city().config.support_center
    en = lang() == "en"
    with st.container(border=True):
        st.markdown(f"**{t('partners.contact_title')}**")
        st.markdown(t("partners.contact_text", name=center.name_en if en else center.name_ja))
        st.markdown(
            "  \n".join(
                [
                    t("partners.contact_tel", tel=center.tel),
                    center.address_ja,
                    t(
                        "partners.contact_hours",
                        hours=center.hours_en if en else center.hours_ja,
                        closed=center.closed_en if en else center.closed_ja,
                    ),
                    center.url,
                ]
            )
        )


__all__ = [
    "MAP_LIMIT",
    "PAGE_SIZE",
    "choose_area_need",
    "choose_base",
    "choose_group",
    "contact_box",
    "explain_none",
    "gap_kinds",
    "here_table",
    "how_it_works",
    "needing",
    "needing_table",
    "of_kinds",
    "partner_map",
    "partners_table",
    "show_here",
    "show_needing",
    "show_partner_map",
    "show_partners_table",
    "split_here",
    "suggestions",
]
