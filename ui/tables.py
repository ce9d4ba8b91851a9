"""Every table a page shows goes through :func:`show_table`.

Streamlit's tables offer their data for download ("Download as CSV" in the table's
toolbar): what is shown is what is written. :func:`show_table` therefore shows the
table the way the CSV exports write it (:func:`geo.export.neutralise_frame`): a text
cell, header or row label beginning with ``= + - @`` (half- or full-width), a tab or a
carriage return gets a leading ``'``, so no download can hand a spreadsheet a formula.
Numbers are shown as they are.

A plain table (``static=True``, ``st.table``) reads every cell, label and header as
Markdown: a name ``[x](https://…)`` would be a link there. Its text is made literal
(:func:`literal_frame`); a styled plain table is built from literal labels by its page
(:func:`plain_label`: a :class:`~pandas.io.formats.style.Styler` computes its styles by
label).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, overload

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from geo.export import map_text, neutralise_frame
from ui.i18n import t
from ui.text import kept_together, md_literal

#: A table's column settings, by header.
Columns = dict[str, Any]


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


def _literal(value: object) -> object:
    return md_literal(value) if isinstance(value, str) else value


#: The items of a list in a cell, and the most characters an item has (a cell with a
#: longer one is a sentence, which may break anywhere).
_ITEMS = re.compile(r"[・、]")
_ITEM_MOST = 10


def _list_kept(value: object) -> object:
    """A list in a cell (防災・減災、子育て支援) wrapped only between its items, never
    inside a word; other cells as they are (a long name may break anywhere)."""
    if not isinstance(value, str):
        return value
    items = _ITEMS.split(value)
    if len(items) > 1 and max(len(i) for i in items) <= _ITEM_MOST:
        return kept_together(value)
    return value


def plain_label(label: str) -> str:
    """A row label or header of a styled plain table: literal, and wrapped only between
    words (:func:`ui.text.kept_together`)."""
    return md_literal(kept_together(label))


def _kept(label: object) -> object:
    return kept_together(label) if isinstance(label, str) else label


def literal_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` that a plain table shows as written: every text cell, row
    label, header and the index's name made literal Markdown (:func:`md_literal`), and
    the headers and row labels wrapped only between words (as :func:`plain_label`:
    「適合度」, not 「適合|度」; 「人口|（令和2年国勢調査）」, not 「人口（令和2年国勢調|査）」),
    and so are the cells that list items (「高齢者の見守り・|福祉」, not 「見守|り」)."""
    cells = frame.map(_list_kept)
    return map_text(cells.rename(index=_kept, columns=_kept), _literal)


def plain_numbers(frame: pd.DataFrame, formats: Mapping[str, str]) -> Styler:
    """A plain table of ``frame`` (literal, as :func:`literal_frame`) whose number
    columns, named in ``formats`` with their format (``"{:,.0f}"``), stay numbers: the
    table aligns them right, as figures are read, and shows them in their format (a
    missing figure as the catalogue's 「—」)."""
    shown = literal_frame(frame)
    label = dict(zip(frame.columns, shown.columns, strict=True))
    return shown.style.format(
        {label[name]: fmt for name, fmt in formats.items()}, na_rep=t("profile.none")
    )


def yes_no(flags: Iterable[bool]) -> list[str]:
    """Each flag in words of the session's language (あり, なし)."""
    yes, no = t("yes"), t("no")
    return [yes if flag else no for flag in flags]


def worded(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its yes/no columns in words (:func:`yes_no`): a tick box is read
    to screen readers, and written in a downloaded CSV, as "true" or "false"."""
    flags = [name for name in frame.columns if pd.api.types.is_bool_dtype(frame[name])]
    if not flags:
        return frame
    shown = frame.copy()  # the frame may be cached: never changed in place
    for name in flags:
        shown[name] = yes_no(frame[name])
    return shown


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
        read in full, its text literal (:func:`literal_frame`; a styled table's labels
        literal already); ``False``: the interactive table.
    options
        Passed to ``st.dataframe`` or ``st.table`` (``hide_index``, ``column_config``,
        ``key`` …).

    Returns
    -------
    What Streamlit returns; ``None`` for an interactive table with no row, shown as a
    line saying so (the grid would say "empty", in English, on its canvas). Yes/no
    columns are shown in words (:func:`worded`).
    """
    target = where or st
    rows = getattr(data, "data") if isinstance(data, Styler) else data  # noqa: B009 (untyped)
    if not static and rows.empty:
        target.caption(t("table.empty"))
        return None
    if isinstance(data, pd.DataFrame):
        data = worded(data)
    if static:
        safe = safe_table(data)
        return target.table(safe if isinstance(safe, Styler) else literal_frame(safe), **options)
    return target.dataframe(safe_table(data), **options)


#: Pixels of a wide (CJK) and of a narrow character, and of a cell's padding.
_WIDE_PX, _NARROW_PX, _PADDING_PX = 15, 8, 28


def text_width(values: pd.Series, most: int | None = None) -> int:
    """Pixels a table column needs to show its longest text whole (or ``most``, once
    that is reached: a column that wraps measures no further).

    The texts are measured longest first, each once, until no shorter one could be
    wider: the widths of a long column of a page are measured on every rerun.
    """
    longest = _PADDING_PX
    for value in sorted(set(values.astype(str).tolist()), key=len, reverse=True):
        if len(value) * _WIDE_PX + _PADDING_PX <= longest:
            break  # no shorter text could be wider
        if most is not None and longest >= most:
            break
        wide = 0 if value.isascii() else sum(unicodedata.east_asian_width(c) in "WF" for c in value)
        longest = max(longest, wide * _WIDE_PX + (len(value) - wide) * _NARROW_PX + _PADDING_PX)
    return longest if most is None else min(longest, most)


def column_width(frame: pd.DataFrame, name: str, most: int | None = None) -> int:
    """Pixels column ``name`` needs for its longest text and its header (at most
    ``most``)."""
    return text_width(pd.concat([frame[name].astype(str), pd.Series([name])]), most)


def fitted(frame: pd.DataFrame, *names: str) -> Columns:
    """Text columns as wide as their longest text (with their header), never cut."""
    return {name: st.column_config.TextColumn(width=column_width(frame, name)) for name in names}


#: Height of a table's row whose long texts wrap: three lines (Streamlit wraps the text
#: of rows taller than 4rem, and breaks a line at a space where it has one).
WRAPPED_ROW_PX = 70
#: Pixels of a table's header row, and of its frame's top and bottom borders.
TABLE_HEADER_PX, TABLE_BORDERS_PX = 38, 2
#: Pixels of a table's row of one line (Streamlit's default).
ROW_PX = 35


def wrapped(frame: pd.DataFrame, widest: Mapping[str, int]) -> Columns:
    """Text columns as wide as their longest text up to ``widest`` pixels (by header),
    their text wrapped beyond it in rows of :data:`WRAPPED_ROW_PX`."""
    return {
        name: st.column_config.TextColumn(width=column_width(frame, name, most))
        for name, most in widest.items()
    }


def table_height(rows: int, shown: int, row_px: int = WRAPPED_ROW_PX) -> int:
    """Pixels of a table of rows of ``row_px`` (wrapped rows by default): its header and
    up to ``shown`` rows (at least one, for the words saying it is empty); it scrolls for
    the others."""
    return TABLE_HEADER_PX + row_px * max(1, min(rows, shown)) + TABLE_BORDERS_PX


def show_wrapped(data: pd.DataFrame, shown: int, **options: Any) -> Any:
    """:func:`show_table` of ``data`` in rows of :data:`WRAPPED_ROW_PX` (their long
    texts wrapped, with :func:`wrapped` columns), ``shown`` rows at once."""
    return show_table(
        data, row_height=WRAPPED_ROW_PX, height=table_height(len(data), shown), **options
    )


def show_fitted(
    data: pd.DataFrame,
    shown: int,
    *,
    short: tuple[str, ...] = (),
    widest: Mapping[str, int] | None = None,
    column_config: Columns | None = None,
    **options: Any,
) -> Any:
    """:func:`show_table` of ``data`` whose texts are read whole: the ``short`` columns
    as wide as their texts (:func:`fitted`), those of ``widest`` as wide as they need up
    to their width (:func:`wrapped`). Only when a text is wider than its column do the
    rows grow to three lines (:func:`show_wrapped`, ``shown`` of them at once); the
    other columns' settings (``column_config``) are kept."""
    widest = dict(widest or {})
    columns = fitted(data, *short) | wrapped(data, widest) | dict(column_config or {})
    # (measured no further than a pixel past the width: whether a text is wider)
    if any(column_width(data, name, most + 1) > most for name, most in widest.items()):
        return show_wrapped(data, shown, column_config=columns, **options)
    return show_table(data, column_config=columns, **options)


__all__ = [
    "TABLE_BORDERS_PX",
    "TABLE_HEADER_PX",
    "WRAPPED_ROW_PX",
    "Columns",
    "column_width",
    "fitted",
    "literal_frame",
    "plain_label",
    "plain_numbers",
    "safe_table",
    "show_fitted",
    "show_table",
    "show_wrapped",
    "table_height",
    "text_width",
    "worded",
    "wrapped",
    "yes_no",
]
