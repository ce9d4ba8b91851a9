"""The kiosk's first screens: the attract screen, choosing a field, choosing an area."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from geo.fields import Field
from geo.model import CityData
from ui.i18n import lang, t
from ui.kiosk.chrome import split
from ui.kiosk.kmap import kiosk_map
from ui.kiosk.nav import AREA, FIELD, WAYS, chosen, go, language_buttons, nav_bar
from ui.layout import app_title, area_labels, center_name, city_name, sample_banner
from ui.text import md_literal

#: Pictograms of the local needs (Material Symbols, drawn from Streamlit's own font).
NEED_ICONS = {
    "bousai": ":material/flood:",
    "mimamori": ":material/elderly:",
    "kosodate": ":material/child_care:",
    "bouhan": ":material/local_police:",
    "bika": ":material/eco:",
    "kenko": ":material/directions_walk:",
    "dento": ":material/festival:",
    "idou": ":material/directions_bus:",
}
#: The pictogram of a need without its own.
NEED_ICON = ":material/volunteer_activism:"
#: Height of the attract screen's map: it leaves the row of tiles on a 1080-px screen.
ATTRACT_MAP_HEIGHT = 620
#: Buttons per row in the grids of fields and areas.
GRID_COLUMNS = 4


def _to_results(field: str | None) -> Callable[[str], None]:
    """What a tap on an area does: its results, for ``field``."""

    def show(area: str) -> None:
        go("results", area=area, field=field)

    return show


def need_tiles(city: CityData, *, prefix: str, keep_area: bool) -> None:
    """One row of large tiles, a pictogram and a name for each local need."""
    needs = city.catalog.by_kind("need")
    with st.container(key="kiosk-tiles"):
        for col, need in zip(st.columns(len(needs)), needs, strict=True):
            col.button(
                md_literal(need.label(lang())),
                on_click=go,
                args=("results",),
                kwargs={"field": need.code} if keep_area else {"field": need.code, "area": None},
                key=f"{prefix}.{need.code}",
                icon=NEED_ICONS.get(need.code, NEED_ICON),
                width="stretch",
            )


def attract(city: CityData) -> None:
    """The city's map with every area's name and count, the local needs as tiles, the
    three ways in and the language; a tap on an area or a tile starts."""
    title, languages = st.columns([4, 1.6], vertical_alignment="center")
    title.title(app_title(city), anchor=False)
    with languages:
        language_buttons()
    with split("attract", [3, 2]) as (left, right):
        with left:
            kiosk_map(
                city,
                field=None,
                area=None,
                key="kiosk.map.attract",
                on_tap=_to_results(None),
                height=ATTRACT_MAP_HEIGHT,
            )
        with right:
            with st.container(key="kiosk-prompt"):
                st.markdown(t("kiosk.touch"))
            st.markdown(t("kiosk.prompt"))
            st.markdown(
                t("kiosk.what", city=city_name(city), n=len(city.areas), center=center_name(city))
            )
            _ways()
            sample_banner(city.organisations)
    st.subheader(t("kiosk.needs_title"), anchor=False)
    need_tiles(city, prefix="kiosk.need", keep_area=False)


def _ways() -> None:
    with st.container(key="kiosk-ways"):
        for name, target, key, icon in WAYS:
            st.button(
                t(key),
                on_click=go,
                args=(target,),
                key=f"kiosk.start.{name}",
                icon=icon,
                type="primary",
                width="stretch",
            )


def _grid(items: Sequence[tuple[str, str]], *, prefix: str, value: str, columns: int) -> None:
    """Buttons in rows of ``columns``; a tap shows the results for the item."""
    for start in range(0, len(items), columns):
        row = items[start : start + columns]
        for col, (code, label) in zip(st.columns(columns), row, strict=False):
            col.button(
                md_literal(label),
                on_click=go,
                args=("results",),
                kwargs={value: code},
                key=f"{prefix}.{code}",
                width="stretch",
            )


def _labels(fields: Sequence[Field]) -> list[tuple[str, str]]:
    return [(f.code, f.label(lang())) for f in fields]


def pick_field(city: CityData) -> None:
    """The local needs as tiles, then the NPO Law's 20 fields; the chosen area stays."""
    nav_bar()
    st.header(t("kiosk.pick_field"), anchor=False)
    st.subheader(t("kiosk.needs"), anchor=False)
    need_tiles(city, prefix="kiosk.field", keep_area=True)
    st.subheader(t("kiosk.npo_fields"), anchor=False)
    _grid(
        _labels(city.catalog.by_kind("npo")),
        prefix="kiosk.field",
        value="field",
        columns=GRID_COLUMNS,
    )
    if chosen(AREA):
        st.button(
            t("kiosk.all_fields"),
            on_click=go,
            args=("results",),
            kwargs={"field": None},
            key="kiosk.field.all",
            width="stretch",
        )


def pick_area(city: CityData) -> None:
    """The map with the areas' names (a tap chooses one) beside a grid of 21 buttons;
    the chosen field stays."""
    nav_bar()
    field = chosen(FIELD)
    st.header(t("kiosk.pick_area"), anchor=False)
    st.markdown(t("kiosk.tap_area"))
    with split("areas", [3, 2]) as (left, right):
        with left:
            kiosk_map(
                city, field=field, area=None, key="kiosk.map.areas", on_tap=_to_results(field)
            )
        with right:
            _grid(
                list(area_labels(city).items()),
                prefix="kiosk.area",
                value="area",
                columns=3,
            )
            if field:
                st.button(
                    t("kiosk.whole_city"),
                    on_click=go,
                    args=("results",),
                    kwargs={"area": None},
                    key="kiosk.area.all",
                    icon=":material/zoom_out_map:",
                    width="stretch",
                )


__all__ = ["NEED_ICONS", "attract", "need_tiles", "pick_area", "pick_field"]
