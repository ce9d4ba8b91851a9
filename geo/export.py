"""Exports that are safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

#: Characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_cell(value: object) -> object:
    """Prefix text cells that a spreadsheet would run as a formula with ``'``.

    Numbers are left alone (a negative number is not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """CSV bytes for spreadsheets: UTF-8 with BOM (Excel reads Japanese), formulas inert.

    Parameters
    ----------
    frame
        Table to export; not changed.
    index
        Whether to write the index as the first column.
    """
    out = frame.copy()
    if index:
        out = out.reset_index()
    out.columns = [str(neutralise_cell(str(c))) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    text: str = out.to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")
