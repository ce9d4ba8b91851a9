"""The kiosk's screens: attract, choose a field or an area, search, results, details.

Every organisation shown here has passed :func:`geo.public.public_organisations`:
only the public allowlist of columns is used, and contact is always through the
support center.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geo.coverage import coverage
from geo.filters import OrgFilter
from geo.map import MapSpec, build, city_inputs
from geo.model import CITYWIDE, CityData
from geo.public import public_organisations
from geo.words import LANGS, pick
from ui import data
from ui.a11y import qr_alt
from ui.assets import map_assets
from ui.i18n import LANG_KEY, lang, t
from ui.kiosk import public_link, qr_svg
from ui.layout import app_title, area_labels, center_name, city_name, sample_banner
from ui.mapview import show_parts
from ui.text import md_literal

SCREEN = "kiosk.screen"
FIELD = "kiosk.field"
AREA = "kiosk.area"
ORG = "kiosk.org"
QUERY = "kiosk.query"
COLUMNS = 4
MAX_LISTED = 40
#: Visitors look for civic groups first.
KIND_ORDER = {"civic_group": 0, "council": 1, "association": 2}


def go(screen: str, **values: str | None) -> None:
    """Switch screens (a button callback); ``values`` set field, area or organisation."""
    st.session_state[SCREEN] = screen
    for key, value in values.items():
        st.session_state[f"kiosk.{key}"] = value


def set_lang(code: str) -> None:
    """Switch the language (a button callback)."""
    st.session_state[LANG_KEY] = code


def screen() -> str:
    """The current screen (``attract`` at start)."""
    return str(st.session_state.get(SCREEN, "attract"))


def language_buttons() -> None:
    """Big 日本語 / English buttons."""
    columns = st.columns([1, 1, 4])
    for column, code in zip(columns, LANGS, strict=False):
        column.button(
            t(f"app.lang.{code}"),
            on_click=set_lang,
            args=(code,),
            key=f"kiosk.lang.{code}",
            type="primary" if lang() == code else "secondary",
            use_container_width=True,
        )


def attract() -> None:
    """What this is, 画面にタッチしてください, and the three ways in."""
    city = data.city()
    st.title(app_title(city))
    st.markdown(t("kiosk.what", city=city_name(city), n=len(city.areas), center=center_name(city)))
    sample_banner(data.city().organisations)
    st.header(t("kiosk.touch"))
    cols = st.columns(3)
    for col, (target, key) in zip(
        cols,
        (("fields", "kiosk.by_field"), ("areas", "kiosk.by_area"), ("search", "kiosk.search")),
        strict=True,
    ):
        col.button(
            t(key),
            on_click=go,
            args=(target,),
            key=f"kiosk.start.{target}",
            type="primary",
            use_container_width=True,
        )
    language_buttons()


def _grid(items: Sequence[tuple[str, str]], on_pick: str, prefix: str) -> None:
    for start in range(0, len(items), COLUMNS):
        cols = st.columns(COLUMNS)
        for col, (code, label) in zip(cols, items[start : start + COLUMNS], strict=False):
            col.button(
                md_literal(label),
                on_click=go,
                args=("results",),
                kwargs={on_pick: code},
                key=f"{prefix}.{code}",
                use_container_width=True,
            )


def nav_bar() -> None:
    """Back to the start, the two ways in, and one button for the other language."""
    cols = st.columns([2, 2, 2, 2])
    cols[0].button(
        t("kiosk.home"),
        on_click=go,
        args=("attract",),
        kwargs={"field": None, "area": None, "org": None},
        key="kiosk.nav.home",
        use_container_width=True,
    )
    cols[1].button(
        t("kiosk.by_field"),
        on_click=go,
        args=("fields",),
        key="kiosk.nav.fields",
        use_container_width=True,
    )
    cols[2].button(
        t("kiosk.by_area"),
        on_click=go,
        args=("areas",),
        key="kiosk.nav.areas",
        use_container_width=True,
    )
    other = next(code for code in LANGS if code != lang())
    cols[3].button(
        t(f"app.lang.{other}"),
        on_click=set_lang,
        args=(other,),
        key="kiosk.nav.lang",
        use_container_width=True,
    )


def pick_field(city: CityData) -> None:
    """A grid of the local needs and the law's 20 fields."""
    nav_bar()
    st.header(t("kiosk.pick_field"))
    _grid([(f.code, f.label(lang())) for f in city.catalog.fields], "field", "kiosk.field")


def pick_area(city: CityData) -> None:
    """A grid of the areas."""
    nav_bar()
    st.header(t("kiosk.pick_area"))
    _grid(list(area_labels(city).items()), "area", "kiosk.area")


def _public_orgs(field: str | None, area: str | None, text: str = "") -> pd.DataFrame:
    flt = OrgFilter(
        fields=frozenset({field} if field else ()),
        areas=frozenset({area} if area else ()),
        text=text,
    )
    orgs = public_organisations(data.filtered(flt))
    order = orgs["kind"].map(KIND_ORDER)
    return pd.DataFrame(orgs.assign(_o=order).sort_values(["_o", "org_id"]).drop(columns="_o"))


def _org_buttons(orgs: pd.DataFrame) -> None:
    if orgs.empty:
        st.info(t("kiosk.none_found"))
        return
    for org_id, name in list(zip(orgs["org_id"], orgs["name"], strict=True))[:MAX_LISTED]:
        st.button(
            md_literal(name),
            on_click=go,
            args=("details",),
            kwargs={"org": str(org_id)},
            key=f"kiosk.org.{org_id}",
            use_container_width=True,
        )
    if len(orgs) > MAX_LISTED:
        st.caption(t("kiosk.more", n=len(orgs) - MAX_LISTED))


def search(city: CityData) -> None:
    """Search organisations by name."""
    nav_bar()
    st.header(t("kiosk.search"))
    text = st.text_input(t("filter.text"), key=QUERY, max_chars=50)
    if text.strip():
        _org_buttons(_public_orgs(None, None, text))


def _map(city: CityData, field: str | None, area: str | None, orgs: pd.DataFrame) -> None:
    cov = coverage(city.areas, orgs, (field,) if field else ())
    spec = MapSpec(
        fields=(field,) if field else (),
        layers=("councils", "civic_groups"),
        lang=lang(),
        area_id=area,
        touch=True,
    )
    parts = build(city_inputs(city, orgs), cov, spec, assets=map_assets())
    show_parts(city, parts, key="kiosk.map", height=640, selected=area, selection_key=AREA)


def results(city: CityData) -> None:
    """The chosen field and/or area: map, the organisations, a QR code of this view."""
    nav_bar()
    field = st.session_state.get(FIELD)
    area = st.session_state.get(AREA)
    labels = area_labels(city)
    field_name = city.catalog.get(field).label(lang()) if field else t("kiosk.all_fields")
    area_name = labels[area] if area else t("kiosk.all_areas")
    st.header(t("kiosk.results_title", field=field_name, area=area_name))
    orgs = _public_orgs(field, area)
    sample_banner(orgs)
    map_col, list_col = st.columns([3, 2])
    with map_col:
        _map(city, field, None if area is None else area, _public_orgs(field, None))
        st.caption(t("kiosk.tap_area"))
    with list_col:
        st.subheader(t("kiosk.active_here") if area else t("kiosk.active_city"))
        _org_buttons(orgs)
        url = public_link({"field": field or "", "area": area or "", "lang": lang()})
        st.image(qr_svg(url), caption=t("kiosk.qr"), width=220, alt=qr_alt(url))


def details(city: CityData) -> None:
    """One organisation's public details and how to get in touch."""
    nav_bar()
    org_id = st.session_state.get(ORG)
    orgs = public_organisations(city.organisations)
    match = orgs[orgs["org_id"] == org_id]
    if match.empty:
        go("attract")
        st.rerun()
    if st.session_state.get(FIELD) or st.session_state.get(AREA):
        st.button(t("kiosk.back"), on_click=go, args=("results",), key="kiosk.back")
    row = match.iloc[0]
    labels = area_labels(city)
    st.header(md_literal(row["name"]))
    if bool(row["is_sample"]):
        st.warning(t("app.sample_banner"))
    fields = "、".join(city.catalog.get(c).label(lang()) for c in row["fields"])
    served = (
        t("citywide")
        if CITYWIDE in row["service_areas"]
        else "、".join(labels[a] for a in row["service_areas"])
    )
    st.markdown(f"**{t('col.kind')}**: {t('kind.' + str(row['kind']))}")
    st.markdown(f"**{t('col.fields')}**: {fields}")
    st.markdown(f"**{t('col.area')}**: {labels[str(row['area_id'])]}")
    st.markdown(f"**{t('col.serves')}**: {served}")
    confirmed = row["last_confirmed"]
    if confirmed is not None and not pd.isna(confirmed):
        st.markdown(f"**{t('col.last_confirmed')}**: {confirmed:%Y-%m}")
    contact_box()


def contact_box() -> None:
    """Contact is always through the support center, with its public contact."""
    c = data.city().config.support_center
    st.subheader(t("kiosk.contact"))
    name = pick(lang(), c.name_ja, c.name_en)
    hours = pick(lang(), c.hours_ja, c.hours_en)
    closed = pick(lang(), c.closed_ja, c.closed_en)
    st.info(t("kiosk.contact_text", center=name))
    st.markdown(
        f"{c.address_ja}  \nTEL {c.tel}  \n{t('kiosk.hours')}: {hours}  \n"
        f"{t('kiosk.closed')}: {closed}"
    )
