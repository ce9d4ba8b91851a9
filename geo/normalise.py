"""Text folded for matching: the one rule every search and header match uses."""

from __future__ import annotations

import unicodedata

#: Katakana ァ…ヶ and the iteration marks ヽヾ, each 0x60 above its hiragana.
_KATA_TO_HIRA = {code: code - 0x60 for code in (*range(0x30A1, 0x30F7), 0x30FD, 0x30FE)}
#: Small kana and their full-size forms (っ ゃ ゅ ょ ぁ … ゎ ゕ ゖ).
_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


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
