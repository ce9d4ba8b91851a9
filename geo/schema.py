"""Typed columns for tabular inputs, checked all at once.

Every loader and importer describes its table as a tuple of :class:`Column` and calls
:func:`parse_table`, which converts each cell and collects every problem instead of
stopping at the first one.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.errors import Problem, shorten

LIST_SEPARATOR = ";"
#: Words for yes and no, folded (lists write 有り, 〇 for ○, a check mark, and 結成済 /
#: 未結成 for a 自主防災組織).
TRUE_WORDS = frozenset(
    {
        "true",
        "1",
        "yes",
        "y",
        "t",
        "有",
        "有り",
        "あり",
        "○",
        "〇",
        "◯",
        "はい",
        "結成済",
        "結成済み",
        "済",
        "✓",
        "✔",
        "☑",
    }
)
FALSE_WORDS = frozenset(
    {"false", "0", "no", "n", "f", "無", "無し", "なし", "×", "いいえ", "未結成", "未", ""}
)


@dataclass(frozen=True)
class Column:
    """One expected column.

    Attributes
    ----------
    name
        Column name as it appears in the file.
    kind
        ``str``, ``int``, ``float``, ``bool``, ``date`` or ``list`` (``;``-separated).
    required
        The column must be present.
    nonempty
        Every cell must have a value.
    choices
        Allowed values (for ``str``) or allowed items (for ``list``).
    minimum, maximum
        Bounds for numbers.
    unique
        No two cells may hold the same value.
    """

    name: str
    kind: str = "str"
    required: bool = True
    nonempty: bool = False
    choices: frozenset[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False


def _parse_int(text: str) -> int:
    value = float(text.replace(",", ""))
    if not value.is_integer():
        raise ValueError("not a whole number")
    return int(value)


def _parse_float(text: str) -> float:
    value = float(text.replace(",", ""))
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in TRUE_WORDS:
        return True
    if low in FALSE_WORDS:
        return False
    raise ValueError("not yes/no (true/false, 1/0, 有/無)")


def _parse_date(text: str) -> dt.date:
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    parts = cleaned.split("-")
    if len(parts) == 2:  # year and month: the first of the month
        return dt.date(int(parts[0]), int(parts[1]), 1)
    raise ValueError("not a date (YYYY-MM-DD)")


def _parse_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(LIST_SEPARATOR) if item.strip())


_PARSERS: dict[str, Callable[[str], Any]] = {
    "str": lambda s: s,
    "int": _parse_int,
    "float": _parse_float,
    "bool": _parse_bool,
    "date": _parse_date,
    "list": _parse_list,
}

#: The problem code of a cell its column's kind cannot read.
_KIND_PROBLEMS = {
    "int": "not_whole_number",
    "float": "not_number",
    "bool": "not_yes_no",
    "date": "not_iso_date",
}


def _empty_value(kind: str) -> Any:
    return {"list": (), "bool": False, "str": ""}.get(kind)


def parse_table(
    frame: pd.DataFrame, columns: Sequence[Column], source: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert every cell of ``frame`` to its column's type.

    Parameters
    ----------
    frame
        Raw table with every cell as text (read with ``dtype=str``).
    columns
        The expected columns.
    source
        Name used in problem reports.

    Returns
    -------
    The typed table (only the described columns, in order) and every problem found.
    Rows are numbered from 1, not counting the header.
    """
    problems: list[Problem] = []
    missing = [c.name for c in columns if c.required and c.name not in frame.columns]
    for name in missing:
        problems.append(Problem(source, None, name, "", "missing_column"))
    out: dict[str, list[Any]] = {}
    for col in columns:
        if col.name not in frame.columns:
            if not col.required:
                out[col.name] = [_empty_value(col.kind)] * len(frame)
            continue
        parser = _PARSERS[col.kind]
        values: list[Any] = []
        seen: dict[Any, int] = {}
        for i, raw in enumerate(frame[col.name].tolist(), start=1):
            text = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw)
            text = text.strip()
            if not text:
                if col.nonempty:
                    problems.append(Problem(source, i, col.name, "", "empty"))
                values.append(_empty_value(col.kind))
                continue
            try:
                value = parser(text)
            except (ValueError, OverflowError):
                code = _KIND_PROBLEMS.get(col.kind, "unreadable")
                problems.append(Problem(source, i, col.name, shorten(text), code))
                values.append(_empty_value(col.kind))
                continue
            problems.extend(_check_value(col, value, text, source, i))
            if col.unique:
                if value in seen:
                    problems.append(
                        Problem(
                            source, i, col.name, shorten(text), "duplicate", {"row": seen[value]}
                        )
                    )
                else:
                    seen[value] = i
            values.append(value)
        out[col.name] = values
    typed = pd.DataFrame(out, index=frame.index)
    return typed, problems


def _check_value(col: Column, value: Any, text: str, source: str, row: int) -> list[Problem]:
    found: list[Problem] = []
    if col.choices is not None:
        items = value if col.kind == "list" else (value,)
        for item in items:
            if item not in col.choices:
                found.append(Problem(source, row, col.name, shorten(item), "unknown_value"))
    if col.minimum is not None and value < col.minimum:
        limit = {"minimum": col.minimum}
        found.append(Problem(source, row, col.name, shorten(text), "below_minimum", limit))
    if col.maximum is not None and value > col.maximum:
        limit = {"maximum": col.maximum}
        found.append(Problem(source, row, col.name, shorten(text), "above_maximum", limit))
    return found


def format_list(items: Sequence[str]) -> str:
    """Join list items for a CSV cell."""
    return LIST_SEPARATOR.join(items)
