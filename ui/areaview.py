"""The area page's pieces: the cached profile, map and sheet, and each section drawn.

Every figure is shown with its one-line definition (:func:`geo.profile.term`) as help
on the figure and as a caption under it, so a touch screen shows it too.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import altair as alt
import folium
import pandas as pd
import streamlit as st

from geo.coverage import GapRule, gap_rule
from geo.filters import OrgFilter
from geo.map import MapSpec, build, city_inputs, compose
from geo.profile import (
    AreaProfile,
    area_profile,
    associations_frame,
    civic_groups_frame,
    coverage_chart_frame,
    coverage_frame,
    hazard_names,
    neighbours_frame,
    shelters_frame,
    term,
)
from geo.sheet import area_sheet_pdf
from geo.sheet.style import CITY_BAR, SKY, VERMILLION
from geo.words import pick, text
from ui import data, settings
from ui.assets import map_assets
from ui.i18n import lang, t
from ui.tables import ROW_PX, Columns, fitted, show_table, table_height
from ui.text import md_literal

#: Height of one bar of the coverage charts, in pixels.
BAR_PX = 15


@st.cache_data(show_spinner=False, max_entries=64)
def _profile(area_id: str, rule: GapRule, key: data.DataKey) -> AreaProfile:
    return area_profile(data.city(), area_id, rule=rule)


def profile(area_id: str) -> AreaProfile:
    """The area's profile (figures, coverage, neighbours, lists), with the gaps of this
    run's rule (the explorer's)."""
    return _profile(area_id, gap_rule(settings.current()), data.data_key())


@st.cache_data(show_spinner=False, max_entries=32)
def _sheet(area_id: str, day: dt.date, sheet_lang: str, key: data.DataKey) -> bytes:
    return area_sheet_pdf(profile(area_id), data.city(), today=day, lang=sheet_lang)


def sheet(area_id: str, day: dt.date) -> bytes:
    """The A4 sheet of the area as PDF bytes, in the page's language (regenerated each
    day)."""
    return _sheet(area_id, day, lang(), data.data_key())


def area_map(area_id: str, lang: str, basemap: str) -> folium.Map:
    """The area on a map of its own: boundary, center, organisations, shelters; the
    layers' switches behind a button, so the map is never smaller than its controls."""
    city = data.city()
    orgs = data.filtered(OrgFilter(areas=frozenset({area_id})))
    # the areas are shaded by everyone active in them, so that a neighbour is not
    # shown as a gap just because only this area's organisations are drawn
    cov = data.area_coverage(OrgFilter())
    name = city.config.area(area_id)
    spec = MapSpec(
        metric="count",
        basemap=basemap,
        lang=lang,
        area_id=area_id,
        layer_control="collapsed",
        legend="collapsed",
        title=text("area.map_title", lang, name=pick(lang, name.name_ja, name.name_en)),
    )
    return compose(build(city_inputs(city, orgs), cov, spec, assets=map_assets()))


def definition(code: str, prof: AreaProfile | None = None) -> str:
    """The one-line definition of a term, in the session's language."""
    return term(code, lang(), prof)[1]


def caption(prof: AreaProfile, *codes: str) -> None:
    """The definitions of ``codes`` under a figure, one line each."""
    lines = []
    for code in codes:
        name, meaning = term(code, lang(), prof)
        lines.append(t("profile.term.line", term=name, definition=meaning))
    st.caption("  \n".join(md_literal(line) for line in lines))


def coverage_chart(prof: AreaProfile, kind: str) -> alt.LayerChart:
    """This area beside the city per 10,000 residents, a bar each, gaps named; named
    for screen readers by a description (the table below it reads the figures).

    The field labels are never shortened (no label limit); the bar of a figure that is
    itself the gap (空白, 少ない) is vermillion, and every gap's word (要注意 too) is
    written after the longer of its field's two bars.
    """
    L = lang()
    frame = coverage_chart_frame(prof, L, kind=kind)
    own, city = prof.name(L), text("profile.city", L)
    order = list(dict.fromkeys(frame["field"]))
    y = alt.Y("field:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelFontSize=13))
    colour = alt.condition(
        alt.datum.low,
        alt.value(VERMILLION),
        alt.Color(
            "series:N",
            scale=alt.Scale(domain=[own, city], range=[SKY, _hex(CITY_BAR)]),
            legend=alt.Legend(title=None, orient="top", labelLimit=0, labelFontSize=13),
        ),
    )
    base = alt.Chart(frame).encode(
        y=y,
        yOffset=alt.YOffset("series:N", sort=[own, city]),
        x=alt.X("value:Q", title=t("area.chart.value")),
        tooltip=[
            alt.Tooltip("field:N", title=t("area.chart.field")),
            alt.Tooltip("series:N", title=t("area.chart.series")),
            alt.Tooltip("value:Q", title=t("area.chart.value"), format=".1f"),
        ],
    )
    bars = base.mark_bar().encode(color=colour)
    # after the longer of the field's two bars, not over the city's
    words = base.mark_text(align="left", dx=4, color=VERMILLION, fontSize=13).encode(
        x="word_at:Q", text="status:N"
    )
    height = BAR_PX * 2 * len(order) + 8 * len(order)
    # the chart's name for screen readers (the table below reads the figures)
    chart = (bars + words).properties(
        height=height, description=t("area.chart.description", area=own)
    )
    return cast(alt.LayerChart, chart)


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


def _coverage_columns(prof: AreaProfile, frame: pd.DataFrame) -> Columns:
    """The coverage table's columns: the labels whole, the figures with one decimal and
    help saying what each means."""
    config = fitted(frame, t("profile.field"))
    for name, code in (("area_per_10k", "per_10k"), ("city_median", "city")):
        config[t(f"profile.{name}")] = st.column_config.NumberColumn(
            help=definition(code, prof), format="%.1f"
        )
    config[t("profile.reason")] = st.column_config.TextColumn(help=definition("gaps", prof))
    return config


def needs_section(prof: AreaProfile, area_id: str) -> None:
    """The 8 local needs: the main chart, the table and the gaps in words."""
    L = lang()
    st.subheader(t("area.needs"), help=definition("per_10k", prof))
    st.caption(t("area.needs.caption"))
    st.altair_chart(coverage_chart(prof, "need"), width="stretch")
    table = coverage_frame(prof, L, kind="need")
    show_table(table, hide_index=True, column_config=_coverage_columns(prof, table))
    caption(prof, "per_10k", "city", "gaps")
    gaps = prof.need_gaps
    if not gaps:
        st.markdown(t("area.need_gaps.none"))
        return
    st.markdown(t("area.need_gaps"))
    for f in gaps:
        st.markdown(f"- **{md_literal(f.label(L))}** — {md_literal(f.reason(L))}")
    st.page_link(
        "pages/partners.py",
        label=t("partners.link_area"),
        query_params={"area": area_id, "need": gaps[0].code},
        icon=":material/handshake:",
    )


def neighbours_section(prof: AreaProfile) -> None:
    """The local needs of the area beside the areas that share its boundary."""
    L = lang()
    st.subheader(t("area.neighbours"), help=definition("neighbours", prof))
    if not prof.neighbours:
        st.markdown(t("area.neighbours.none"))
        return
    names = text("sep.list", L).join(n.name(L) for n in prof.neighbours)
    st.caption(md_literal(t("area.neighbours.list", names=names)))
    # a plain table: every neighbour and the city in view at 1366 pixels (its cells
    # wrap), and printed whole
    show_table(neighbours_frame(prof, L), static=True, hide_index=True)
    caption(prof, "neighbours", "gaps")


def disaster_section(prof: AreaProfile) -> None:
    """The 自主防災組織 活動カバー率 beside the city and Japan, and the sites."""
    L = lang()
    st.subheader(t("area.disaster"))
    help_text = definition("jishubo_rate", prof)
    a, b, c = st.columns(3)
    a.metric(t("area.jishubo_area"), f"{prof.jishubo_rate:.1%}", help=help_text)
    b.metric(t("area.jishubo_city"), f"{prof.city_jishubo_rate:.1%}", help=help_text)
    c.metric(t("area.jishubo_national"), f"{prof.national_jishubo_rate:.1%}", help=help_text)
    caption(prof, "jishubo_rate")
    if prof.missing_main_hazards:
        hazards = hazard_names(prof.missing_main_hazards, L, short=True)
        st.warning(t("area.missing_hazards", hazards=hazards))
    # a plain table: long names and lists of hazards wrap, every column in view
    show_table(shelters_frame(prof, L), static=True, hide_index=True)


def npo_section(prof: AreaProfile) -> None:
    """The NPO Law's 20 fields, after the local needs and smaller."""
    st.subheader(t("area.npo"), help=definition("per_10k", prof))
    table = coverage_frame(prof, lang(), kind="npo")
    show_table(  # every field in view: its gaps are never below the fold of the table
        table,
        hide_index=True,
        column_config=_coverage_columns(prof, table),
        height=table_height(len(table), len(table), ROW_PX) + ROW_PX // 4,
    )


def lists_section(prof: AreaProfile) -> None:
    """The associations (with the 加入率) and the civic groups active in the area."""
    L = lang()
    st.subheader(t("area.associations", n=prof.association_count))
    caption(prof, "membership")
    _list_table(associations_frame(prof, L), "associations")
    st.subheader(t("area.civic_groups", n=len(prof.civic_groups)))
    _list_table(civic_groups_frame(prof, L, city=data.city().config), "civic-groups")


#: Rows of an area's list shown in the page's flow; a longer list scrolls in a frame of
#: :data:`LIST_FRAME_PX` pixels, its header kept in view (``ui.layout``), and prints
#: whole.
LIST_ROWS_INLINE = 12
LIST_FRAME_PX = 640


def _list_table(table: pd.DataFrame, key: str) -> None:
    """An area's list of organisations as a plain table: every text wraps (the
    interactive grid's wrapping leaves a long English list of fields on one line, cut,
    once it has measured the Japanese names), the browser's find and a screen reader
    read it, and it prints whole. The fields come last, as the longest column."""
    if table.empty:
        st.caption(t("table.empty"))
        return
    fields = t("profile.fields")
    order = [c for c in table.columns if c != fields] + [fields]
    long = len(table) > LIST_ROWS_INLINE
    with st.container(height=LIST_FRAME_PX if long else "content", key=f"area-list-{key}"):
        show_table(table[order], static=True, hide_index=True)
