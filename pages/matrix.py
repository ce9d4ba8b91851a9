"""カバー状況の一覧 — the area × field heat table, sortable and downloadable."""

from __future__ import annotations

import streamlit as st

from geo.export import safe_csv
from geo.fields import NEED, NPO
from ui import data
from ui.boot import ensure_navigation
from ui.i18n import labeller, t
from ui.layout import area_labels, load_or_stop, sample_banner
from ui.tables import show_table
from ui.widgets import field_label, filter_sidebar

ensure_navigation()

city = load_or_stop()
view = filter_sidebar(city, map_controls=False)
flt = view.org_filter()
st.title(t("matrix.header"))
sample_banner(data.filtered(flt))
st.caption(t("matrix.caption"))

left, right = st.columns([3, 2])
groups = {"needs": NEED, "npo": NPO, "all": ""}
which = left.radio(
    t("matrix.which_fields"),
    list(groups),
    format_func=labeller("matrix", list(groups)),
    horizontal=True,
    key="matrix.group",
)
metric = right.radio(
    t("filter.metric"),
    ["count", "per_10k"],
    format_func=labeller("metric", ["count", "per_10k"]),
    horizontal=True,
    key="matrix.metric",
)
codes = tuple(f.code for f in city.catalog.fields if not groups[which] or f.kind == groups[which])
table = data.matrix(flt, codes, metric).copy()
table.index = [area_labels(city)[a] for a in table.index]
table.index.name = t("col.area")
table.columns = [field_label(city.catalog, c) for c in table.columns]
if metric == "per_10k":
    table = table.round(1)
show_table(
    table.style.background_gradient(cmap="YlGnBu", axis=None).format(
        "{:.1f}" if metric == "per_10k" else "{:d}"
    ),
    height=35 * (len(table) + 1) + 3,
)
st.download_button(
    t("matrix.download"),
    data=safe_csv(table, index=True),
    file_name=f"kyodo-map-coverage-{metric}.csv",
    mime="text/csv",
    key="matrix.download",
)
