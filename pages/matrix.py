"""カバー状況の一覧 — the area × field table, gaps marked, sorted and downloadable as shown."""

from __future__ import annotations

import streamlit as st

from geo.coverage import gap_rule, matrix_gaps
from geo.fields import NEED, NPO
from ui import data, settings
from ui.boot import ensure_navigation
from ui.i18n import labeller, t, worded
from ui.layout import area_labels, load_or_stop, planner_style, sample_banner
from ui.matrixview import download_matrix, filter_notice, matrix_order, show_matrix
from ui.state import from_address, to_query, write_address
from ui.widgets import ADDRESSED, field_label, filter_sidebar

ensure_navigation()

GROUPS = {"needs": NEED, "npo": NPO, "all": ""}
MATRIX_METRICS = ("count", "per_10k")

city = load_or_stop()
view = filter_sidebar(city, map_controls=False, fields=False, page="matrix")
flt = view.org_filter()
orgs = data.filtered(flt)
rule = gap_rule(settings.current())
planner_style()
title, banner = st.columns([1, 1], vertical_alignment="center")
title.title(t("matrix.header"))
with banner:
    sample_banner(orgs)

left, middle, right = st.columns([3, 3, 2])
from_address("matrix", "matrix.group", "group", GROUPS)
from_address("matrix", "matrix.metric", "metric", MATRIX_METRICS)
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
from_address("matrix", "matrix.sort", "sort", codes)
from_address("matrix", "matrix.descending", "desc", {"1": True})
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
filter_notice(city, flt, len(orgs))
legend = t("matrix.marks", share=rule.min_share_of_rate)
st.caption(legend)
show_matrix(shown, marks, metric=metric, wide=which != "needs")
order = (
    t("matrix.sort.area")
    if by == "area"
    else t("matrix.order.desc" if descending else "matrix.order.asc", field=labels[by])
)
download_matrix(
    city,
    shown,
    (legend, marks),
    orgs=orgs,
    flt=flt,
    which=which,
    metric=metric,
    order=order,
)
params = to_query(view, ADDRESSED["matrix"]) | {"group": which, "metric": metric}
if by != "area":
    params["sort"] = by
    if descending:
        params["desc"] = "1"
write_address("matrix", params)
