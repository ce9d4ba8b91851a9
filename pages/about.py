"""データと出典 — where the data comes from, its licences and attribution."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.sources import SourcePart, source_text
from geo.words import pick
from ui import datastatus
from ui.a11y import statement
from ui.boot import ensure_navigation
from ui.i18n import lang, t
from ui.layout import area_labels, load_or_stop, planner_style, sample_banner
from ui.tables import show_table

ensure_navigation()

city = load_or_stop()
planner_style()
title, banner = st.columns([1, 1], vertical_alignment="center")
title.title(t("about.header"))
with banner:
    sample_banner(city.organisations)
st.write(t("about.intro"))
L = lang()
#: The parts of each source shown, with their columns' headers.
PARTS: dict[SourcePart, str] = {
    "title": "col.source",
    "publisher": "col.publisher",
    "licence": "col.licence",
    "attribution": "col.attribution",
}
columns = {t(key): [source_text(s, part, L) for s in city.sources] for part, key in PARTS.items()}
columns[t("col.url")] = [s.url for s in city.sources]
# read in full: a plain table whose long texts wrap (its addresses anywhere)
show_table(
    pd.DataFrame(columns).set_index(t("col.source")),
    where=st.container(key="about-sources"),
    static=True,
)
approximate = city.areas[city.areas["boundary_confidence"] == "approximate"]
if len(approximate):
    names = area_labels(city)
    st.info(
        t("about.boundaries", areas=t("sep.list").join(names[a] for a in approximate["area_id"]))
    )
datastatus.public_section()
st.subheader(t("about.contact"))
center = city.config.support_center
st.write(t("about.contact_text", center=pick(L, center.name_ja, center.name_en)))
hours = t(
    "center.hours",
    hours=pick(L, center.hours_ja, center.hours_en),
    closed=pick(L, center.closed_ja, center.closed_en),
)
st.text(f"{center.address_ja}\nTEL {center.tel}\n{hours}")
statement(city)
