"""地図で見る — the areas coloured by coverage, with organisations and shelters."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.coverage import covering
from geo.model import area_names
from ui import data
from ui.a11y import map_in_words
from ui.boot import ensure_navigation
from ui.i18n import lang, t
from ui.layout import (
    app_title,
    area_labels,
    kept_tabs,
    load_or_stop,
    planner_style,
    sample_banner,
)
from ui.mapview import show_map
from ui.panels import ORG_ROWS_SHOWN, area_panel, org_columns, org_table, show_gaps
from ui.state import sync_query
from ui.tables import show_wrapped
from ui.text import md_literal
from ui.widgets import field_names, filter_sidebar

ensure_navigation()

city = load_or_stop()
view = replace(filter_sidebar(city, map_controls=True), lang=lang())
flt = view.org_filter()
orgs = data.filtered(flt)
cov = data.area_coverage(flt, metric=view.metric)
ids = city.areas["area_id"].tolist()
names = area_names(city.areas)
headline = flt.headline(
    cov,
    metric=view.metric,
    organisations=covering(orgs, ids, view.areas),
    names=names,
    field_names=field_names(city.catalog),
    focus=view.areas,
)

planner_style(map_fills_window=True)
title, banner = st.columns([1, 1], vertical_alignment="center")
title.title(app_title(city))
with banner:
    sample_banner(orgs)
st.subheader(md_literal(headline.text(lang())))

TABS = ("tab.map", "tab.gaps", "tab.table")
map_tab, gaps_tab, table_tab = kept_tabs(TABS, key="explorer.tab")

with map_tab:
    left, right = st.columns([3, 1])
    with left:
        show_map(city, view, cov, orgs)
        map_in_words(city, cov, metric=view.metric, fields=view.fields, selected=view.area)
    with right:
        area_panel(city, view, cov)

if gaps_tab.open:  # (the map's tab is always drawn: its frame is never made again)
    with gaps_tab:
        shown = cov[cov["area_id"].isin(set(view.areas))] if view.areas else cov
        gap_ids = show_gaps(city, view, shown)
        if gap_ids:
            link_params = {"area": gap_ids[0]}
            if view.fields:
                link_params["need"] = view.fields[0]
            st.page_link(
                "pages/partners.py",
                label=t("partners.link_gaps", name=md_literal(area_labels(city)[gap_ids[0]])),
                query_params=link_params,
                icon=":material/handshake:",
            )

if table_tab.open:
    with table_tab:
        st.caption(t("table.caption"))
        st.caption(t("table.count", n=len(orgs)))
        table = org_table(city, orgs)
        show_wrapped(
            table,
            ORG_ROWS_SHOWN,
            hide_index=True,
            key="explorer.table",
            column_config=org_columns(table),
        )

sync_query(view)
