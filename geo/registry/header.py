"""Where a table's header row is: its first row with text, or the row under a few lines
of title above it (a list's name, 「令和8年4月1日現在」), as spreadsheets exported by hand
often have."""

from __future__ import annotations

from collections.abc import Sequence

#: Lines of one text each (and blank lines) that may stand above the header.
MAX_TITLE_ROWS = 5
#: Rows looked at for the header.
SCAN_ROWS = 30


def header_index(rows: Sequence[Sequence[str]]) -> int | None:
    """Index of the header row among ``rows`` (``None`` when no row has text).

    The header is the first row with text, unless that row holds one text only and a
    row with two texts or more follows within :data:`MAX_TITLE_ROWS` rows of one text
    (blank rows aside): then the rows above that one are a title, and it is the header.
    A table of one column keeps its first row as its header.

    Parameters
    ----------
    rows
        The table's cells, as text, row by row.
    """
    filled = [sum(1 for cell in row if cell.strip()) for row in rows[:SCAN_ROWS]]
    first = next((i for i, n in enumerate(filled) if n), None)
    if first is None or filled[first] >= 2:
        return first
    titles = 0
    for i in range(first, len(filled)):
        if filled[i] >= 2:
            return i
        titles += filled[i]
        if titles > MAX_TITLE_ROWS:
            break
    return first


__all__ = ["MAX_TITLE_ROWS", "SCAN_ROWS", "header_index"]
