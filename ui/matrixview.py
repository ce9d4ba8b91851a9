"""The coverage matrix (カバー状況の一覧) on the page: shaded, gaps marked, and its CSV."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st
from matplotlib import colormaps
from matplotlib.colors import Normalize, to_hex

from geo.coverage import matrix_csv
from geo.datastatus import sample_banner
from geo.filters import OrgFilter
from geo.model import CityData
from geo.sources import attribution_lines
from ui.i18n import lang, t
from ui.layout import area_labels
from ui.tables import plain_label, show_table
from ui.text import md_literal

#: How a gap cell of the matrix is marked (after its figure), by gap code.
MATRIX_MARKS = {"no_organisation": "✕", "below_rate": "▼"}
#: Text and background of a gap cell: dark red on light red (5.7:1), whatever its figure
#: (darker than the map's gap outline, ``geo.map.style.GAP_COLOR``, to read as text).
MATRIX_GAP_TEXT = "#b3261e"
MATRIX_GAP_BACKGROUND = "#fdecea"
#: The matrix's colour scale (low to high).
MATRIX_SCALE = "YlGnBu"
#: Relative luminance under which a cell's figure is white, not black: where white has
#: the higher contrast (WCAG: 1.05 / (L + 0.05) > (L + 0.05) / 0.05), so every shade
#: keeps at least 4.5:1.
TEXT_ON_DARK = 0.179


def _luminance(rgb: Sequence[float]) -> float:
    """WCAG relative luminance of an sRGB colour (channels 0–1)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def matrix_shades(values: pd.DataFrame) -> pd.DataFrame:
    """Each cell's CSS: its shade on :data:`MATRIX_SCALE` over the whole table's range,
    and black or white figures, whichever reads better on it (at least 4.5:1)."""
    numbers = values.to_numpy(dtype=float)
    low = float(np.nanmin(numbers)) if numbers.size else 0.0
    high = float(np.nanmax(numbers)) if numbers.size else 0.0
    scale = colormaps[MATRIX_SCALE]
    norm = Normalize(low, high if high > low else low + 1)

    def css(value: float) -> str:
        if math.isnan(value):
            return ""
        rgba = scale(norm(value))
        text = "#ffffff" if _luminance(rgba) < TEXT_ON_DARK else "#000000"
        return f"background-color: {to_hex(rgba)}; color: {text}"

    return values.astype(float).map(css)


def matrix_order(values: pd.DataFrame, by: str, *, descending: bool) -> pd.DataFrame:
    """``values`` in the order chosen: the areas' own (``by="area"``) or by one field's
    figure, ties in the areas' order."""
    if by == "area" or by not in values.columns:
        return values
    order = values.assign(_pos=range(len(values))).sort_values(
        [by, "_pos"], ascending=[not descending, True], kind="stable"
    )
    return values.loc[order.index]


def _marked(number: str, mark: str) -> Callable[[object], str]:
    """A cell formatter: the figure, then the gap's mark."""

    def show(value: object) -> str:
        return f"{number.format(value)} {mark}"

    return show


def matrix_styler(
    values: pd.DataFrame, marks: pd.DataFrame, *, metric: str
) -> pd.io.formats.style.Styler:
    """The matrix shaded by value, gap cells in red with their mark (:data:`MATRIX_MARKS`).

    ``values`` and ``marks`` share index and columns (the labels shown).
    """
    number = "{:.1f}" if metric == "per_10k" else "{:,.0f}"
    styler = values.style.format(number)
    for column in values.columns:
        for area, code in marks[column].items():
            mark = MATRIX_MARKS.get(str(code))
            if mark:
                styler = styler.format(_marked(number, mark), subset=([area], [column]))
    gap = f"background-color: {MATRIX_GAP_BACKGROUND}; color: {MATRIX_GAP_TEXT}; font-weight: 700"
    shades = matrix_shades(values).mask(marks.isin(list(MATRIX_MARKS)), gap)
    return styler.apply(lambda _: shades, axis=None)


def show_matrix(values: pd.DataFrame, marks: pd.DataFrame, *, metric: str, wide: bool) -> None:
    """The matrix as shown (``values`` and ``marks`` already labelled and ordered), under
    captions that say what its figures are and what its marks mean.

    Eight fields fit the screen: a plain table, names wrapped. More (``wide``) are wider
    than the screen: a grid with the area names pinned while it scrolls.
    """
    if not wide:
        show_table(
            matrix_styler(
                values.rename(index=plain_label, columns=plain_label),
                marks.rename(index=plain_label, columns=plain_label),
                metric=metric,
            ),
            static=True,
        )
    else:
        show_table(
            matrix_styler(values, marks, metric=metric),
            height=35 * (len(values) + 1) + 3,
            column_config={"_index": st.column_config.TextColumn(width=96, pinned=True)},
        )


def filter_notice(city: CityData, flt: OrgFilter, n: int) -> None:
    """Say that the table counts only the organisations the sidebar's filter keeps (``n``
    of them): with none, every cell reads as a gap."""
    if flt.is_empty:
        return
    what = md_literal(flt.describe(lang(), area_labels=area_labels(city)))
    if n:
        st.info(t("matrix.filtered", what=what, n=n))
    else:
        st.warning(t("matrix.filtered_none", what=what))


def download_matrix(
    city: CityData,
    shown: pd.DataFrame,
    marks: tuple[str, pd.DataFrame],
    *,
    orgs: pd.DataFrame,
    flt: OrgFilter,
    which: str,
    metric: str,
    order: str,
) -> None:
    """A download of the matrix as shown, in its order, under a header block: what it is,
    which of its organisations are samples, which fields and figures, the filter, the
    order, the day and the sources; below the figures, its gaps' marks (``marks``: their
    legend and codes, as shown). ``orgs``: the organisations counted (``flt`` applied)."""
    legend, codes = marks
    sample = sample_banner(orgs)
    notes = [
        (t("matrix.csv.title"), t("matrix.header")),
        (t("matrix.csv.sample"), sample.text(lang()) if sample else t("no")),
        (t("matrix.csv.fields"), t(f"matrix.{which}")),
        (t("matrix.csv.metric"), t(f"metric.{metric}")),
        (
            t("matrix.csv.filter"),
            replace(flt, fields=frozenset()).describe(lang(), area_labels=area_labels(city)),
        ),
        (t("matrix.csv.order"), order),
        (t("matrix.csv.date"), dt.date.today().isoformat()),
        (t("matrix.csv.source"), t("sep.slash").join(attribution_lines(city.sources, lang()))),
    ]
    st.download_button(
        t("matrix.download"),
        data=matrix_csv(
            shown.round(1) if metric == "per_10k" else shown,
            notes,
            (legend, codes.map(lambda code: MATRIX_MARKS.get(str(code), ""))),
        ),
        file_name=f"kyodo-map-coverage-{which}-{metric}-{dt.date.today():%Y%m%d}.csv",
        mime="text/csv",
        key="matrix.download",
    )
