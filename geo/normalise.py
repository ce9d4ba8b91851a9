"""Text folded for matching: the one rule every search and header match uses."""

from __future__ import annotations

import unicodedata


def normalise(text: str) -> str:
    """Text folded for matching only: NFKC, case-folded, spaces removed.

    Parameters
    ----------
    text
        Any text as written (full-width or half-width, any case, with spaces).

    Returns
    -------
    The folded text; ``ＮＡＭＥ １`` and ``name1`` fold to the same.
    """
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


__all__ = ["normalise"]
