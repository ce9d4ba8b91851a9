"""連携先をさがす — who could help an area with a need, and where a group is needed."""

from __future__ import annotations

import streamlit as st

from ui import partners
from ui.boot import ensure_navigation
from ui.i18n import t
from ui.layout import area_labels, kept_tabs, load_or_stop, planner_style, sample_banner
from ui.text import md_literal
from ui.widgets import field_label

ensure_navigation()

city = load_or_stop()
labels = area_labels(city)

planner_style()
title, banner = st.columns([1, 1], vertical_alignment="center")
title.title(t("partners.title"))
with banner:
    sample_banner(city.organisations)
st.caption(t("partners.intro"))

# (both tabs drawn on every run: the address keeps the choices of both)
find_tab, needing_tab = kept_tabs(
    ("partners.tab.partners", "partners.tab.needing"), key="partners.tab"
)

with find_tab:
    area_id, need = partners.choose_area_need(city)
    names = {
        "area": md_literal(labels[area_id]),
        "need": md_literal(field_label(city.catalog, need)),
    }
    found = partners.suggestions(area_id, need)
    if not found:
        partners.explain_none(city, area_id, need)
    else:
        outside, here = partners.split_here(partners.of_kinds(found))
        if not outside and not here:
            st.info(t("partners.none_of_kinds"))
        else:
            st.subheader(t("partners.count", n=len(outside), **names))
            if outside:
                st.caption(t("partners.count_caption"))
                partners.show_partners_table(city, outside)
            else:
                st.info(t("partners.none_outside"))
            partners.show_here(city, area_id, here)
            if outside:
                partners.show_partner_map(city, area_id, need, outside)
    partners.how_it_works()

with needing_tab:
    org_id = partners.choose_group(city)
    if org_id is not None:
        partners.show_needing(city, org_id, partners.choose_base())
partners.keep_in_address(area_id, need, org_id)

partners.contact_box()
