"""The one folding rule every match uses (geo.normalise.normalise)."""

from __future__ import annotations

import unicodedata

import pytest

from geo import normalise as module
from geo.normalise import normalise


def _by_each_character(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if not c.isspace() and unicodedata.category(c) != "Cf")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＮＡＭＥ １", "name1"),
        ("サン\u200bプル 会\u3000", "サンプル会"),
        ("a\u00adb\ufeffc\u2060d", "abcd"),
        ("\U000e0001タグ\U000e007f", "タグ"),  # (format characters beyond the BMP)
        ("山口　市\t亀山町\n2-1", "山口市亀山町2-1"),
        ("ｶﾞｸｼｭｳ", "ガクシュウ"),
        ("Straße", "strasse"),
        ("\u180e\u200d", ""),
    ],
)
def test_normalise(text: str, folded: str) -> None:
    assert normalise(text) == folded


def test_every_character_folds_as_alone_and_the_table_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(module, "_UNSEEN", module._Unseen())
    text = "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000)
    assert normalise(text) == _by_each_character(text)
    assert len(module._UNSEEN) <= module._REMEMBERED
