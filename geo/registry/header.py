"""Where a table's header row is: its first row with text, or the row under a few lines
of title above it (a list's name, 「令和8年4月1日現在」), as spreadsheets exported by hand
often have."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Sequence

#: Lines of one text each (and blank lines) that may stand above the header.
MAX_TITLE_ROWS = 5
#: Rows looked at for the header.
SCAN_ROWS = 30
#: Characters looked at for the separator (the first lines of a file of long lines).
SCAN_CHARS = 1 << 20
#: What ends a line in a CSV (a lone carriage return too, as old spreadsheets write).
LINE_BREAK = r"\r\n|\r|\n"
_LINE_BREAK = re.compile(LINE_BREAK)


def header_index(
    rows: Sequence[Sequence[str]], known: Callable[[str], bool] | None = None
) -> int | None:
    """Index of the header row among ``rows`` (``None`` when no row has text).

    With ``known`` (whether a cell is a header the reader knows), the header is the
    first row, within :data:`SCAN_ROWS` rows of the first with text, where two cells or
    more are known headers: a title above it of any width (自治会一覧, 令和6年4月1日現在)
    is passed over. Otherwise, or when no row has two, it is the first row with text,
    unless that row holds one text only and a row with two texts or more follows within
    :data:`MAX_TITLE_ROWS` rows of one text (blank rows aside): then the rows above that
    one are a title, and it is the header. A table of one column keeps its first row as
    its header. Blank rows above the first with text never count.

    Parameters
    ----------
    rows
        The table's cells, as text, row by row.
    known
        Whether a cell's text is a known header.
    """
    first = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if first is None:
        return None
    window = rows[first : first + SCAN_ROWS]
    if known is not None:
        for i, row in enumerate(window):
            if sum(1 for cell in row if cell.strip() and known(cell)) >= 2:
                return first + i
    filled = [sum(1 for cell in row if cell.strip()) for row in window]
    if filled[0] >= 2:
        return first
    titles = 0
    for i, n in enumerate(filled):
        if n >= 2:
            return first + i
        titles += n
        if titles > MAX_TITLE_ROWS:
            break
    return first


def _agreeing(rows: Sequence[Sequence[str]]) -> tuple[int, int]:
    """``(rows under the header as wide as it, cells of the header)`` of ``rows``; no
    rows agree with a header of one cell (a separator that splits nothing)."""
    top = header_index(rows)
    if top is None:
        return 0, 0
    width = len(rows[top])
    filled = sum(1 for cell in rows[top] if cell.strip())
    if filled < 2:
        return 0, filled
    agree = sum(1 for row in rows[top + 1 :] if len(row) == width and any(c.strip() for c in row))
    return agree, filled


def declared(text: str, separators: Sequence[str]) -> tuple[str, str] | None:
    """The separator a first line ``sep=;`` names (one of ``separators``, as spreadsheets
    write and read such a line), and the text after that line, which is no row of the
    table: a spreadsheet shows the row under it as its first. ``None`` without one.
    """
    choice = "|".join(re.escape(s) for s in separators)
    named = re.match(rf"sep=({choice})[ ]*(?:{LINE_BREAK}|\Z)", text, re.IGNORECASE)
    return (named.group(1), text[named.end() :]) if named else None


def delimiter(text: str, separators: Sequence[str]) -> str:
    """The separator of a CSV text among ``separators`` (the first winning a tie).

    Each separator splits the first :data:`SCAN_ROWS` lines; the one under whose header
    (:func:`header_index`) the most rows have as many cells as the header wins, then the
    one giving the header the most cells. So neither a title written with another
    separator (「一覧;2026」 above a comma header) nor a cell listing several items with
    semicolons decides it.

    Parameters
    ----------
    text
        The decoded file (only its first :data:`SCAN_ROWS` lines, within
        :data:`SCAN_CHARS` characters, are read).
    separators
        The separators a cell may be split by.
    """
    head = "\n".join(_LINE_BREAK.split(text[:SCAN_CHARS], maxsplit=SCAN_ROWS)[:SCAN_ROWS])
    best, best_score = separators[0], (0, 0)
    for sep in separators:
        rows: list[list[str]] = []
        # a quoted cell cut at the last line looked at: the rows before it
        with contextlib.suppress(csv.Error):
            for row in csv.reader(io.StringIO(head, newline=""), delimiter=sep):
                rows.append(row)
        score = _agreeing(rows)
        if score > best_score:
            best, best_score = sep, score
    return best


__all__ = ["LINE_BREAK", "MAX_TITLE_ROWS", "SCAN_ROWS", "declared", "delimiter", "header_index"]
