"""Tables that are safe to open in a spreadsheet: no cell can run as a formula.

One rule for every table that leaves the app — the CSV exports and the tables the pages
show (whose "Download as CSV" writes what is shown): a text cell that begins with a
character a spreadsheet reads as the start of a formula gets a leading ``'``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

#: Characters that make a spreadsheet treat a cell as a formula (half- and full-width),
#: and the tab and carriage return that some programs drop before reading one.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_START)


def neutralise_cell(value: object) -> object:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``.

    Numbers are left alone (a negative number is not a formula).
    """
    if isinstance(value, str) and starts_formula(value):
        return "'" + value
    return value


def map_text(
    frame: pd.DataFrame, cell: Callable[[object], object], *, index: bool = False
) -> pd.DataFrame:
    """A copy of ``frame`` with ``cell`` applied to every text cell, header, row label
    and index name (numbers as they are).

    Parameters
    ----------
    frame
        The table; not changed.
    cell
        What becomes of one text (given other values too, which it returns as they are).
    index
        Make the index the first column (treated like the others); otherwise the index
        stays the index, its text labels treated.
    """
    out = frame.copy()
    if index:
        out = out.reset_index()
    else:
        out.index = _map_index(out.index, cell)
    out.columns = pd.Index([cell(str(c)) for c in out.columns])
    for position in range(out.shape[1]):
        values = out.iloc[:, position]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out.isetitem(position, values.map(cell).to_numpy())
    return out


def _map_index(labels: pd.Index, cell: Callable[[object], object]) -> pd.Index:
    """Row labels with ``cell`` applied to the text ones (names too)."""
    names = [None if n is None else cell(str(n)) for n in labels.names]
    if isinstance(labels, pd.MultiIndex):
        rows = [tuple(cell(v) for v in row) for row in labels]
        return pd.MultiIndex.from_tuples(rows, names=names)
    if labels.dtype == object or pd.api.types.is_string_dtype(labels):
        return pd.Index([cell(v) for v in labels], name=names[0])
    return labels.set_names(names)


def neutralise_frame(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers cannot run as formulas
    (:func:`map_text` with :func:`neutralise_cell`; ``index`` as there)."""
    return map_text(frame, neutralise_cell, index=index)


def safe_csv(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """CSV bytes for spreadsheets: UTF-8 with BOM (Excel reads Japanese), formulas inert.

    Parameters
    ----------
    frame
        Table to export; not changed.
    index
        Whether to write the index as the first column.
    """
    text: str = neutralise_frame(frame, index=index).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")
