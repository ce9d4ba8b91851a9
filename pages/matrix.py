"""カバー状況の一覧 — the area × field table, gaps marked, sorted and downloadable as shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from geo.coverage import gap_rule, matrix_csv, matrix_gaps
from geo.fields import NEED, NPO
from geo.sources import attribution_lines
from ui import data, settings
from ui.boot import ensure_navigation
from ui.i18n import labeller, lang, t, worded
from ui.layout import area_labels, load_or_stop, planner_style, sample_banner
from ui.tables import plain_label, show_table
from ui.widgets import field_label, filter_sidebar, matrix_order, matrix_styler

ensure_navigation()

GROUPS = {"needs": NEED, "npo": NPO, "all": ""}
MATRIX_METRICS = ("count", "per_10k")

city = load_or_stop()
view = filter_sidebar(city, map_controls=False, fields=False)
flt = view.org_filter()
orgs = data.filtered(flt)
rule = gap_rule(settings.current())
planner_style()
title, banner = st.columns([1, 1], vertical_alignment="center")
title.title(t("matrix.header"))
with banner:
    sample_banner(orgs)

left, middle, right = st.columns([3, 3, 2])
which = left.radio(
    t("matrix.which_fields"),
    list(GROUPS),
    format_func=labeller("matrix", list(GROUPS)),
    horizontal=True,
    key=worded("matrix.group"),
)
metric = middle.radio(
    t("matrix.values"),
    list(MATRIX_METRICS),
    format_func=labeller("metric", MATRIX_METRICS),
    horizontal=True,
    key=worded("matrix.metric"),
)
codes = tuple(f.code for f in city.catalog.fields if not GROUPS[which] or f.kind == GROUPS[which])
labels = {c: field_label(city.catalog, c) for c in codes}
if st.session_state.get("matrix.sort") not in ("area", *codes):
    st.session_state["matrix.sort"] = "area"
by = right.selectbox(
    t("matrix.sort"),
    ["area", *codes],
    format_func={"area": t("matrix.sort.area"), **labels}.__getitem__,
    key=worded("matrix.sort"),
)
descending = right.toggle(t("matrix.descending"), key="matrix.descending", disabled=by == "area")

counts = data.matrix(flt, codes, "count")
marks = matrix_gaps(city.areas, counts, rule=rule)
values = counts if metric == "count" else data.matrix(flt, codes, "per_10k")
values = matrix_order(values, by, descending=descending)
marks = marks.loc[values.index]
names = area_labels(city)
shown = values.rename(index=names, columns=labels)
shown.index.name = t("col.area")
marks = marks.rename(index=names, columns=labels)

st.caption(t(f"matrix.caption.{metric}"))
st.caption(t("matrix.marks", share=rule.min_share_of_rate))
if which == "needs":  # eight fields fit the screen: a plain table, names wrapped
    show_table(
        matrix_styler(
            shown.rename(index=plain_label, columns=plain_label),
            marks.rename(index=plain_label, columns=plain_label),
            metric=metric,
        ),
        static=True,
    )
else:  # wider than the screen: the area names pinned while it scrolls
    show_table(
        matrix_styler(shown, marks, metric=metric),
        height=35 * (len(shown) + 1) + 3,
        column_config={"_index": st.column_config.TextColumn(width=96, pinned=True)},
    )

order = (
    t("matrix.sort.area")
    if by == "area"
    else t("matrix.order.desc" if descending else "matrix.order.asc", field=labels[by])
)
notes = [
    (t("matrix.csv.title"), t("matrix.header")),
    (t("matrix.csv.sample"), t("app.sample_banner") if orgs["is_sample"].any() else t("no")),
    (t("matrix.csv.fields"), t(f"matrix.{which}")),
    (t("matrix.csv.metric"), t(f"metric.{metric}")),
    (t("matrix.csv.filter"), replace(flt, fields=frozenset()).describe(lang(), area_labels=names)),
    (t("matrix.csv.order"), order),
    (t("matrix.csv.date"), dt.date.today().isoformat()),
    (t("matrix.csv.source"), t("sep.slash").join(attribution_lines(city.sources, lang()))),
]
st.download_button(
    t("matrix.download"),
    data=matrix_csv(shown.round(1) if metric == "per_10k" else shown, notes),
    file_name=f"kyodo-map-coverage-{which}-{metric}-{dt.date.today():%Y%m%d}.csv",
    mime="text/csv",
    key="matrix.download",
)
