"""地域のページ — one area for its council: figures, coverage, lists, printable sheet."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from geo.profile import (
    associations_frame,
    civic_groups_frame,
    coverage_frame,
    hazard_names,
    profile_figures_frame,
    shelters_frame,
)
from ui import areaview
from ui.boot import ensure_navigation
from ui.i18n import lang, t
from ui.layout import area_labels, load_or_stop, sample_banner
from ui.tables import show_table
from ui.text import md_literal

ensure_navigation()

city = load_or_stop()
labels = area_labels(city)
ids = list(labels)
requested = st.query_params.get("area")
if requested is not None and requested not in labels:
    st.error(t("area.unknown", value=md_literal(requested[:40])))
    for area_id in ids:
        st.page_link("pages/area.py", label=labels[area_id], query_params={"area": area_id})
    st.stop()

area_id = st.selectbox(
    t("area.pick"),
    ids,
    index=ids.index(requested) if requested else 0,
    format_func=labels.__getitem__,
    key="area.pick",
)
st.query_params["area"] = area_id
prof = areaview.profile(area_id)
L = lang()

st.title(t("area.title", name=md_literal(prof.name(L))))
sample_banner(city.organisations)
if prof.is_approximate:
    st.info(prof.boundary_note(L))

left, right = st.columns([3, 2])
with left:
    st_folium(
        areaview.area_map(area_id, L, "gsi"),
        key=f"area.map.{area_id}",
        height=480,
        use_container_width=True,
        returned_objects=[],
    )
with right:
    st.subheader(t("area.figures"))
    show_table(profile_figures_frame(prof, L), hide_index=True)
    st.download_button(
        t("area.download"),
        data=areaview.sheet(area_id, dt.date.today()),
        file_name=f"kyodo-map-{area_id}.pdf",
        mime="application/pdf",
        key="area.download",
        type="primary",
    )

st.subheader(t("area.disaster"))
a, b, c = st.columns(3)
a.metric(t("area.jishubo_area"), f"{prof.jishubo_rate:.1%}")
b.metric(t("area.jishubo_city"), f"{prof.city_jishubo_rate:.1%}")
c.metric(t("area.jishubo_national"), f"{prof.national_jishubo_rate:.1%}")
if prof.missing_main_hazards:
    names = hazard_names(prof.missing_main_hazards, L, short=True)
    st.warning(t("area.missing_hazards", hazards=names))
show_table(shelters_frame(prof, L), hide_index=True)

st.subheader(t("area.coverage"))
cov = coverage_frame(prof, L)
st.bar_chart(
    cov.set_index(cov.columns[0])[[cov.columns[2], cov.columns[3]]],
    horizontal=True,
    stack=False,
    height=720,
)
if prof.gaps:
    st.markdown(t("area.gaps"))
    for f in prof.gaps:
        st.markdown(f"- **{md_literal(f.label(L))}** — {md_literal(f.reason(L))}")
    st.page_link(
        "pages/partners.py",
        label=t("partners.link_area"),
        query_params={"area": area_id, "need": prof.gaps[0].code},
        icon=":material/handshake:",
    )
show_table(cov, hide_index=True)

st.subheader(t("area.associations", n=prof.association_count))
show_table(associations_frame(prof, L), hide_index=True)
st.subheader(t("area.civic_groups", n=len(prof.civic_groups)))
show_table(civic_groups_frame(prof, L, city=city.config), hide_index=True)
