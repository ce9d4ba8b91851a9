"""The public phone view (``/view``): what the kiosk's QR code opens on a visitor's phone.

``?field=…&area=…`` shows the same list as the kiosk's results, in the same order;
``?org=…`` one group's page; ``lang=en`` in English. One column, no sidebar, ordinary
text sizes; the support center's address, phone number and opening hours are here,
for a visitor who has left the building. Unknown values are ignored, never an error.
Only the public allowlist of columns is ever shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import streamlit as st

from geo.model import CityData
from geo.public import public_organisations
from geo.words import LANGS, pick
from ui.i18n import LANG_KEY, lang, language_from_address, t
from ui.kiosk import listing
from ui.kiosk.results import summary
from ui.layout import area_labels, city_name, sample_banner
from ui.state import write_address
from ui.text import md_literal

#: An organisation id as the registry writes them.
ORG_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
#: A phone number as written: digits, +, spaces, hyphens and brackets.
PHONE = re.compile(r"[0-9+() -]{3,20}")
#: Session key: how much of the list is shown.
SHOWN = "view.shown"

#: One column, no sidebar: the phone view hides the app's sidebar and its control.
PHONE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], [data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 42rem; padding: 4rem 1rem 3rem; }
button { min-height: 48px; }
button p { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; overflow-wrap: anywhere; }
.st-key-kiosk-list button { padding: 0.5rem 0.75rem !important; }
.st-key-kiosk-list button > div, .st-key-kiosk-list button span[data-has-shortcut] {
  width: 100%; justify-content: space-between; }
.st-key-kiosk-list button p { text-align: left !important; }
.st-key-kiosk-list button p + p { font-size: 0.9rem; color: #4a4a4a; margin-top: 0.2rem; }
</style>
"""


@dataclass(frozen=True)
class ViewRequest:
    """What a phone view's address asks for; ``None``: not asked for (or not known)."""

    field: str | None = None
    area: str | None = None
    org: str | None = None


def _one(params: Mapping[str, str | list[str]], name: str) -> str:
    value = params.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return (value or "").strip()


def parse_view(
    params: Mapping[str, str | list[str]], *, field_codes: Iterable[str], area_ids: Iterable[str]
) -> ViewRequest:
    """The view an address asks for; unknown fields and areas, and malformed ids, are
    dropped.

    Parameters
    ----------
    params
        Query parameters (``st.query_params.to_dict()`` or a plain dict).
    field_codes, area_ids
        The known codes and ids.
    """
    field, area, org = _one(params, "field"), _one(params, "area"), _one(params, "org")
    return ViewRequest(
        field=field if field in set(field_codes) else None,
        area=area if area in set(area_ids) else None,
        org=org if ORG_ID.match(org) else None,
    )


def _set_lang(code: str) -> None:
    st.session_state[LANG_KEY] = code
    st.query_params["lang"] = code


def _open(org_id: str) -> None:
    st.query_params["org"] = org_id


def _to_list() -> None:
    del st.query_params["org"]


def _more() -> None:
    st.session_state[SHOWN] = int(st.session_state.get(SHOWN, listing.PAGE_SIZE)) + (
        listing.PAGE_SIZE
    )


def top_bar(city: CityData) -> None:
    """The app's name and the other language."""
    st.caption(md_literal(t("app.title", city=city_name(city))))
    other = next(code for code in LANGS if code != lang())
    st.button(
        t(f"app.lang.{other}"),
        on_click=_set_lang,
        args=(other,),
        key="view.lang",
        icon=":material/translate:",
    )


def show_list(city: CityData, request: ViewRequest) -> None:
    """The same list as the kiosk's results for the field and the area."""
    labels = area_labels(city)
    field = request.field
    field_name = city.catalog.get(field).label(lang()) if field else t("kiosk.all_fields")
    area_name = labels[request.area] if request.area else t("kiosk.all_areas")
    st.header(md_literal(t("kiosk.results_title", field=field_name, area=area_name)), anchor=False)
    listed = listing.for_area(field, request.area)
    sample_banner(listed)
    st.markdown(f"**{md_literal(summary(city, field, request.area, len(listed)))}**")
    listing.show_list(
        city,
        listed,
        area=request.area,
        count=int(st.session_state.get(SHOWN, listing.PAGE_SIZE)),
        on_pick=_open,
        on_more=_more,
    )


def show_org(city: CityData, request: ViewRequest) -> None:
    """One organisation's public details."""
    orgs = public_organisations(city.organisations)
    match = orgs[orgs["org_id"] == request.org]
    if request.field or request.area:
        st.button(t("view.to_list"), on_click=_to_list, key="view.back", icon=":material/list:")
    if match.empty:
        st.info(t("view.unknown_org"))
        return
    row = match.iloc[0]
    st.header(md_literal(row["name"]), anchor=False)
    if bool(row["is_sample"]):
        st.warning(t("app.sample_banner"))
    for key, value in listing.org_facts(city, row):
        st.markdown(f"**{t(key)}**: {value}")


def contact(city: CityData) -> None:
    """How to reach the support center: name, address, phone, hours."""
    c = city.config.support_center
    st.subheader(t("view.contact"), anchor=False)
    name = pick(lang(), c.name_ja, c.name_en)
    st.markdown(md_literal(t("view.contact_text", center=name)))
    # a phone number is digits and separators only: shown as it is, dialled as digits
    tel = c.tel if PHONE.fullmatch(c.tel) else md_literal(c.tel)
    digits = re.sub(r"[^0-9+]", "", c.tel)
    st.markdown(
        f"{md_literal(c.address_ja)}  \n[TEL {tel}](tel:{digits})  \n"
        f"{t('view.hours')}: {md_literal(pick(lang(), c.hours_ja, c.hours_en))}  \n"
        f"{t('view.closed')}: {md_literal(pick(lang(), c.closed_ja, c.closed_en))}"
    )


def phone_view(city: CityData) -> None:
    """The whole phone view for this address."""
    language_from_address()  # (the app's switch is hidden here)
    st.html(PHONE_CSS)
    request = parse_view(
        st.query_params.to_dict(),
        field_codes=city.catalog.codes,
        area_ids=city.areas["area_id"].tolist(),
    )
    asked = {"field": request.field, "area": request.area, "org": request.org}
    write_address("view", {k: v for k, v in asked.items() if v})  # what is shown, no more
    top_bar(city)
    if request.org:
        show_org(city, request)
    else:
        show_list(city, request)
    st.divider()
    contact(city)


__all__ = ["ORG_ID", "PHONE_CSS", "ViewRequest", "parse_view", "phone_view"]
