"""データと出典 — where the data comes from, its licences and attribution."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.words import pick
from ui import datastatus
from ui.a11y import statement
from ui.boot import ensure_navigation
from ui.i18n import lang, t
from ui.layout import area_labels, load_or_stop, sample_banner
from ui.tables import show_table

ensure_navigation()

city = load_or_stop()
st.title(t("about.header"))
st.write(t("about.intro"))
show_table(
    pd.DataFrame(
        {
            t("col.source"): [s.title for s in city.sources],
            t("col.publisher"): [s.publisher for s in city.sources],
            t("col.licence"): [s.licence for s in city.sources],
            t("col.attribution"): [s.attribution for s in city.sources],
            t("col.url"): [s.url for s in city.sources],
        }
    ),
    hide_index=True,
)
approximate = city.areas[city.areas["boundary_confidence"] == "approximate"]
if len(approximate):
    names = area_labels(city)
    st.info(
        t("about.boundaries", areas=t("sep.list").join(names[a] for a in approximate["area_id"]))
    )
sample_banner(city.organisations)
datastatus.public_section()
st.subheader(t("about.contact"))
center = city.config.support_center
st.write(t("about.contact_text", center=pick(lang(), center.name_ja, center.name_en)))
hours = t(
    "center.hours",
    hours=pick(lang(), center.hours_ja, center.hours_en),
    closed=pick(lang(), center.closed_ja, center.closed_en),
)
st.text(f"{center.address_ja}\nTEL {center.tel}\n{hours}")
statement(city)
