"""Text folded for matching: the one rule every search and header match uses."""

from __future__ import annotations

import unicodedata

#: Invisible characters that turn the direction of the text around them (embeddings,
#: overrides, isolates, and the marks LRM, RLM and ALM): a name holding one can show as
#: another name, or turn a sentence it stands in around.
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
#: Invisible characters pasted text brings (from web pages, Word, Excel) that mean
#: nothing in a name or an address: zero-width space, word joiner, byte order mark,
#: soft hyphen. A name with one is the same name.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad")
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def without_invisible(text: str) -> str:
    """``text`` without the :data:`INVISIBLE` characters."""
    return text.translate(_DROP_INVISIBLE)


#: Katakana ァ…ヶ and the iteration marks ヽヾ, each 0x60 above its hiragana.
_KATA_TO_HIRA = {code: code - 0x60 for code in (*range(0x30A1, 0x30F7), 0x30FD, 0x30FE)}
#: Small kana and their full-size forms (っ ゃ ゅ ょ ぁ … ゎ ゕ ゖ).
_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


#: Characters :class:`_Unseen` remembers at most (a file of every code point would
#: otherwise make it hold a million).
_REMEMBERED = 65_536


class _Unseen(dict[int, int | None]):
    """``str.translate``'s table that drops spaces and format characters (category Cf),
    deciding each character once, the first time it is met (up to :data:`_REMEMBERED`)."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        kept = None if char.isspace() or unicodedata.category(char) == "Cf" else code
        if len(self) < _REMEMBERED:
            self[code] = kept
        return kept


_UNSEEN = _Unseen()


def normalise(text: str) -> str:
    """Text folded for matching only: NFKC, case-folded, spaces removed.

    Parameters
    ----------
    text
        Any text as written (full-width or half-width, any case, with spaces).

    Returns
    -------
    The folded text; ``ＮＡＭＥ １`` and ``name1`` fold to the same, and a name with an
    invisible character (a zero-width space, a direction mark) to the name without.
    """
    return unicodedata.normalize("NFKC", text).casefold().translate(_UNSEEN)


def fold_kana(text: str) -> str:
    """Kana folded to hiragana: NFKC (half-width ｶﾅ to full width), katakana to hiragana.

    Parameters
    ----------
    text
        Any text; characters other than kana keep their NFKC form.

    Returns
    -------
    The text with every katakana as hiragana: ``フレアイ``, ``ﾌﾚｱｲ`` and ``ふれあい``
    all fold to ``ふれあい``.
    """
    return unicodedata.normalize("NFKC", text).translate(_KATA_TO_HIRA)


def search_key(text: str) -> str:
    """Text folded for a name search: :func:`normalise`, then :func:`fold_kana`, with
    small kana as full size (``っ`` as ``つ``), so a visitor's spelling need not be exact.

    Parameters
    ----------
    text
        A name, its reading, or what a visitor typed.
    """
    return fold_kana(normalise(text)).translate(_SMALL_TO_LARGE)


__all__ = ["fold_kana", "normalise", "search_key"]
