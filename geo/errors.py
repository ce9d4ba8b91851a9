"""Exception types of the geo core, and the problems they list.

A problem names what is wrong by a code and parameters, never in words: the words,
Japanese and English, are the catalogue's ``problem.<code>`` texts
(:mod:`geo.words.problems`). ``str()`` of a problem or an error is English, for the
command lines and logs; pages show :meth:`Problem.reason` in the session's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from geo.words import Params, Phrase

MAX_LISTED = 50

#: The language of ``str()`` of a problem (command lines and logs).
LOG_LANG = "en"


def problem_key(code: str) -> str:
    """The catalogue key of the words of problem ``code``."""
    return f"problem.{code}"


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
    code
        What is wrong: a key of the catalogue's ``problem.<code>`` texts.
    params
        Values for the placeholders of that text (frozen and hashable).

    Raises
    ------
    KeyError
        When ``code`` has no words in the catalogue.
    ValueError
        When ``params`` do not name exactly the placeholders of its words.
    """

    source: str
    row: int | None
    column: str | None
    value: str
    code: str
    params: Mapping[str, object] = field(default_factory=Params)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", self.phrase.params)

    @property
    def phrase(self) -> Phrase:
        """Why the value is wrong, waiting for a language."""
        return Phrase(problem_key(self.code), self.params)

    def reason(self, lang: str = LOG_LANG) -> str:
        """Why the value is wrong, in words of ``lang``."""
        return self.phrase.text(lang)

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        shown = f" (value {self.value!r})" if self.value else ""
        return f"{where}: {self.reason()}{shown}"


@dataclass(frozen=True)
class Finding:
    """What is wrong with one value, before it is placed in a table (source, row, column).

    Attributes
    ----------
    value
        The offending value as text (shortened), or ``""``.
    code, params
        As for :class:`Problem`.
    """

    value: str
    code: str
    params: Mapping[str, object] = field(default_factory=Params)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", Phrase(problem_key(self.code), self.params).params)

    def at(self, source: str, row: int | None, column: str | None) -> Problem:
        """The problem of this value in ``column`` of ``row`` of ``source``."""
        return Problem(source, row, column, self.value, self.code, self.params)


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
