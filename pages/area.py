"""地域のページ — one area for its council: figures, local needs, neighbours, lists, sheet."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from geo.profile import profile_figures_frame
from ui import areaview
from ui.a11y import area_map_in_words
from ui.boot import ensure_navigation
from ui.i18n import lang, t, worded
from ui.layout import area_labels, load_or_stop, planner_style, sample_banner
from ui.state import address_moved, write_address
from ui.tables import show_table
from ui.text import md_literal, plain_line

ensure_navigation()

city = load_or_stop()
labels = area_labels(city)
ids = list(labels)
requested = plain_line(st.query_params.get("area", ""))
found = city.config.area_named(requested) if requested else None
if requested and found is None:
    st.error(t("area.unknown", value=md_literal(requested[:40])))
    for area_id in ids:
        st.page_link("pages/area.py", label=labels[area_id], query_params={"area": area_id})
    st.stop()
PICK = "area.pick"
if found and (PICK not in st.session_state or address_moved("area")):
    st.session_state[PICK] = found  # a link, or the back button, names the area
st.session_state.setdefault(PICK, ids[0])

planner_style()  # the title beside the picker: the map in view at 1366×768
title, picker = st.columns([3, 2], vertical_alignment="bottom")
with picker:
    area_id = st.selectbox(t("area.pick"), ids, format_func=labels.__getitem__, key=worded(PICK))
write_address("area", {"area": area_id})
prof = areaview.profile(area_id)
L = lang()

with title.container(key="title-beside-picker"):  # clear of the banner below it
    st.title(t("area.title", name=md_literal(prof.name(L))))
sample_banner(city.organisations)
if prof.is_approximate:
    st.info(prof.boundary_note(L))

left, right = st.columns([3, 2])
with left:
    st_folium(
        areaview.area_map(area_id, L, "gsi"),
        key=f"area.map.{area_id}",
        height=520,
        use_container_width=True,
        returned_objects=[],
    )
with right:  # the sheet first: in view beside the map on a 1366×768 screen
    st.download_button(
        t("area.download"),
        data=areaview.sheet(area_id, dt.date.today()),
        file_name=f"kyodo-map-{area_id}-{L}.pdf",
        mime="application/pdf",
        key="area.download",
        type="primary",
    )
    st.subheader(t("area.figures"))
    figures = profile_figures_frame(prof, L, disaster=False)
    show_table(figures.set_index(figures.columns[0]), static=True)
    areaview.caption(prof, "membership")
area_map_in_words(city, area_id)

areaview.needs_section(prof, area_id)
areaview.neighbours_section(prof)
areaview.disaster_section(prof)
areaview.npo_section(prof)
areaview.lists_section(prof)
