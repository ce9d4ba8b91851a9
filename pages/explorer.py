"""地図で見る — the areas coloured by coverage, with organisations and shelters."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.coverage import DEFAULT_RULE, NATIONAL_JISHUBO_RATE, gap_reason_text, gaps, summary
from geo.fields import DISASTER_NEED
from ui import data
from ui.boot import ensure_navigation
from ui.i18n import lang, t
from ui.layout import app_title, area_labels, load_or_stop, sample_banner
from ui.mapview import show_map
from ui.state import KEYS, sync_query
from ui.tables import show_table
from ui.text import md_literal
from ui.widgets import filter_sidebar, org_table

ensure_navigation()


def clear_area() -> None:
    """Forget the selected area."""
    st.session_state[KEYS["area"]] = None


city = load_or_stop()
view = replace(filter_sidebar(city, map_controls=True), lang=lang())
flt = view.org_filter()
orgs = data.filtered(flt)
cov = data.area_coverage(flt)
labels = area_labels(city)
field_labels = city.catalog.labels(lang())

st.title(app_title(city))
st.caption(t("app.subtitle", n=len(city.areas)))
sample_banner(orgs)
zero, total = summary(cov)
st.subheader(
    replace(flt, text=md_literal(flt.text)).describe_coverage(
        zero, total, lang(), field_labels=field_labels, area_labels=labels
    )
)

map_tab, gaps_tab, table_tab = st.tabs([t("tab.map"), t("tab.gaps"), t("tab.table")])

with map_tab:
    left, right = st.columns([3, 1])
    with left:
        show_map(city, view, cov, orgs)
    with right:
        st.markdown(f"**{t('panel.header')}**")
        area_id = st.session_state.get(KEYS["area"])
        if not area_id:
            st.caption(t("map.click_hint"))
        else:
            row = cov.set_index("area_id").loc[area_id]
            info = city.areas.set_index("area_id").loc[area_id]
            st.markdown(f"### {md_literal(labels[area_id])}")
            st.metric(t("panel.total"), int(row["total"]))
            st.metric(t("panel.per_10k"), f"{row['per_10k']:.1f}")
            st.caption(
                t(
                    "panel.breakdown",
                    councils=int(row["councils"]),
                    associations=int(row["associations"]),
                    civic_groups=int(row["civic_groups"]),
                )
            )
            if DISASTER_NEED in view.fields:
                st.metric(
                    t("panel.jishubo"),
                    f"{row['jishubo_rate']:.1%}",
                    help=t("panel.national", rate=f"{NATIONAL_JISHUBO_RATE:.1%}"),
                )
            st.metric(t("panel.population"), f"{int(info['population_2020']):,}")
            st.metric(t("panel.households"), f"{int(info['households_2020']):,}")
            if row["is_gap"]:
                st.warning(gap_reason_text(row, lang()))
            st.page_link(
                "pages/area.py",
                label=t("panel.open_area", name=labels[area_id]),
                query_params={"area": area_id},
                icon=":material/arrow_forward:",
            )
            st.button(t("panel.clear"), on_click=clear_area, key="explorer.clear_area")

with gaps_tab:
    st.caption(t("gaps.caption", share=f"{DEFAULT_RULE.min_share_of_median:.0%}"))
    ranked = gaps(cov, "jishubo_rate" if view.metric == "jishubo_rate" else "per_10k")
    table = ranked.assign(
        area=[labels[a] for a in ranked["area_id"]],
        reason=[gap_reason_text(r, lang()) for _, r in ranked.iterrows()],
        gap=[t("yes") if g else "" for g in ranked["is_gap"]],
    )
    columns = {
        "rank": t("col.rank"),
        "area": t("col.area"),
        "total": t("col.total"),
        "per_10k": t("col.per_10k"),
        "councils": t("col.councils"),
        "associations": t("col.associations"),
        "civic_groups": t("col.civic_groups"),
        "gap": t("col.gap"),
        "reason": t("col.reason"),
    }
    if DISASTER_NEED in view.fields:
        columns["jishubo_rate"] = t("col.jishubo_rate")
    shown = table[list(columns)].rename(columns=columns)
    show_table(
        shown,
        hide_index=True,
        column_config={
            t("col.per_10k"): st.column_config.NumberColumn(format="%.1f"),
            t("col.jishubo_rate"): st.column_config.ProgressColumn(
                format="percent", min_value=0.0, max_value=1.0
            ),
        },
        key="explorer.gaps",
    )
    if not ranked["is_gap"].any():
        st.success(t("gaps.none"))
    gap_ids = ranked.loc[ranked["is_gap"], "area_id"].tolist()
    if gap_ids:
        link_params = {"area": gap_ids[0]}
        if view.fields:
            link_params["need"] = view.fields[0]
        st.page_link(
            "pages/partners.py",
            label=t("partners.link_gaps", name=labels[gap_ids[0]]),
            query_params=link_params,
            icon=":material/handshake:",
        )

with table_tab:
    st.caption(t("table.caption"))
    st.caption(t("table.count", n=len(orgs)))
    show_table(org_table(city, orgs), hide_index=True, key="explorer.table")

sync_query(view)
