"""Exception types of the geo core."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of an input.

    Attributes
    ----------
    source
        File or table name the problem was found in.
    row
        1-based data row (the header is not counted), or ``None`` for the whole file.
    column
        Column name, or ``None`` when the problem is not tied to one column.
    value
        The offending value as text (shortened), or ``""``.
    reason
        Why the value is wrong, in words.
    """

    source: str
    row: int | None
    column: str | None
    value: str
    reason: str

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        shown = f" (value {self.value!r})" if self.value else ""
        return f"{where}: {self.reason}{shown}"


def shorten(value: object, limit: int = 80) -> str:
    """Render ``value`` as text no longer than ``limit`` characters."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataValidationError(ValueError):
    """Raised once with every problem found in an input.

    Parameters
    ----------
    problems
        All problems found; the error is only raised when there is at least one.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        lines = [str(p) for p in self.problems[:MAX_LISTED]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more problems")
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found:\n" + "\n".join(lines))


def raise_if_any(problems: Sequence[Problem]) -> None:
    """Raise :class:`DataValidationError` when ``problems`` is not empty."""
    if problems:
        raise DataValidationError(problems)
