"""Every table a page shows goes through :func:`show_table`.

Streamlit's tables offer their data for download ("Download as CSV" in the table's
toolbar): what is shown is what is written. :func:`show_table` therefore shows the
table the way the CSV exports write it (:func:`geo.export.neutralise_frame`): a text
cell, header or row label beginning with ``= + - @`` (half- or full-width), a tab or a
carriage return gets a leading ``'``, so no download can hand a spreadsheet a formula.
Numbers are shown as they are.
"""

from __future__ import annotations

from typing import Any, overload

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from geo.export import neutralise_frame


@overload
def safe_table(data: pd.DataFrame) -> pd.DataFrame: ...
@overload
def safe_table(data: Styler) -> Styler: ...
def safe_table(data: pd.DataFrame | Styler) -> pd.DataFrame | Styler:
    """``data`` with every text cell, header and label that could run as a formula
    neutralised; a :class:`~pandas.io.formats.style.Styler` keeps its styles."""
    if isinstance(data, Styler):
        frame = neutralise_frame(getattr(data, "data"))  # noqa: B009 (not in pandas' stubs)
        for name, value in (("data", frame), ("index", frame.index), ("columns", frame.columns)):
            setattr(data, name, value)
        return data
    return neutralise_frame(data)


def show_table(
    data: pd.DataFrame | Styler, *, where: Any = None, static: bool = False, **options: Any
) -> Any:
    """``st.dataframe`` (or ``st.table``) of ``data`` made safe to download
    (see :func:`safe_table`).

    Parameters
    ----------
    data
        The table, or a styled table.
    where
        The container to draw in (a column, the sidebar); the page by default.
    static
        ``True``: a plain table (``st.table``) whose long texts wrap, for short lists
        read in full; ``False``: the interactive table.
    options
        Passed to ``st.dataframe`` or ``st.table`` (``hide_index``, ``column_config``,
        ``key`` …).
    """
    target = where or st
    if static:
        return target.table(safe_table(data), **options)
    return target.dataframe(safe_table(data), **options)


__all__ = ["safe_table", "show_table"]
