"""The kiosk's results for a field and an area, and one organisation's page.

Every organisation shown has passed :func:`geo.public.public_organisations`: only the
public allowlist of columns reaches the screen. A visitor standing in the support
center is asked to speak to the reception desk; the center's phone number and
address appear only on the phone view the QR code opens.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.model import CityData
from geo.public import public_organisations
from ui.i18n import lang, t
from ui.kiosk import listing
from ui.kiosk.chrome import split
from ui.kiosk.kmap import kiosk_map
from ui.kiosk.nav import AREA, FIELD, ORG, chosen, go, nav_bar, show_more, shown
from ui.kiosk.qr import show_qr
from ui.layout import area_labels, center_name, sample_banner
from ui.text import md_literal

#: Session key: the screen a group's page goes back to (``results`` or ``search``).
ORIGIN = "kiosk.origin"


def field_name(city: CityData, field: str | None) -> str:
    """The field's name in the current language, すべての分野 for none."""
    return city.catalog.get(field).label(lang()) if field else t("kiosk.all_fields")


def summary(city: CityData, field: str | None, area: str | None, n: int) -> str:
    """One line saying how many organisations the list holds and for what."""
    area_name = area_labels(city)[area] if area else ""
    fname = field_name(city, field)
    if area and field:
        return t("kiosk.summary.area_field", area=area_name, field=fname, n=n)
    if area:
        return t("kiosk.summary.area", area=area_name, n=n)
    if field:
        return t("kiosk.summary.field", field=fname, n=n)
    return t("kiosk.summary.all", n=n)


def open_org(origin: str) -> Callable[[str], None]:
    """A callback opening an organisation's page that goes back to ``origin``."""

    def pick(org_id: str) -> None:
        go("details", org=org_id, origin=origin)

    return pick


def results(city: CityData) -> None:
    """The map with the counts beside the list (QR code at its top), in tiers."""
    nav_bar()
    field, area = chosen(FIELD), chosen(AREA)
    area_name = area_labels(city)[area] if area else t("kiosk.all_areas")
    st.header(
        md_literal(t("kiosk.results_title", field=field_name(city, field), area=area_name)),
        anchor=False,
    )
    listed = listing.for_area(field, area)
    sample_banner(listed)
    with split("results", [1, 1]) as (left, right):
        with left:
            kiosk_map(
                city,
                field=field,
                area=area,
                key="kiosk.map.results",
                on_tap=lambda chosen: go("results", area=chosen),
            )
            st.markdown(t("kiosk.change_area"))
            if area:
                st.button(
                    t("kiosk.whole_city"),
                    on_click=go,
                    args=("results",),
                    kwargs={"area": None},
                    key="kiosk.whole_city",
                    icon=":material/zoom_out_map:",
                    width="stretch",
                )
        with right:
            with st.container(key="kiosk-summary"):
                st.markdown(md_literal(summary(city, field, area, len(listed))))
            show_qr({"field": field, "area": area, "lang": lang()})
            listing.show_list(
                city,
                listed,
                area=area,
                count=shown(),
                on_pick=open_org("results"),
                on_more=show_more,
            )


def details(city: CityData) -> None:
    """One organisation's public details, 受付でお声がけください, and its QR code."""
    nav_bar()
    org_id = chosen(ORG)
    orgs = public_organisations(city.organisations)
    match = orgs[orgs["org_id"] == org_id]
    if match.empty:
        go("attract")
        st.rerun()
    origin = st.session_state.get(ORIGIN) or "results"
    if origin == "search" or chosen(FIELD) or chosen(AREA):
        st.button(
            t("kiosk.back"),
            on_click=go,
            args=(origin,),
            key="kiosk.back",
            icon=":material/arrow_back:",
        )
    row = match.iloc[0]
    st.header(md_literal(row["name"]), anchor=False)
    with split("details", [3, 2]) as (left, right):
        with left:
            if bool(row["is_sample"]):
                st.warning(t("app.sample_banner"))
            for key, value in listing.org_facts(city, row):
                st.markdown(f"**{t(key)}**: {value}")
        with right:
            st.subheader(t("kiosk.contact"), anchor=False)
            st.info(
                t("kiosk.ask_reception", center=center_name(city)), icon=":material/support_agent:"
            )
            show_qr({"org": str(row["org_id"]), "lang": lang()})


__all__ = ["ORIGIN", "details", "field_name", "open_org", "results", "summary"]
