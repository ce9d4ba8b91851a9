"""Fields of activity: the NPO Law's 20 fields and the local-needs vocabulary.

Codes are ``npo01`` … ``npo20`` for the law's fields and short romaji words for the
local needs (``bousai`` = 防災・減災 …). A local need maps to one or more law fields,
so an organisation registered under 災害救援 counts for 防災・減災 and vice versa.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from geo.normalise import normalise
from geo.words import pick, text

NPO = "npo"
NEED = "need"
#: The NPO Law's fields are numbered 1 to this.
NPO_FIELDS = 20

#: The local-needs vocabulary: code -> the law field numbers it maps to. Their names,
#: and the short labels of the law's fields, are the catalogue's ``field.<code>``.
NEEDS: Mapping[str, tuple[int, ...]] = {
    "bousai": (8, 9),
    "mimamori": (1,),
    "kosodate": (13, 1),
    "bouhan": (9,),
    "bika": (7,),
    "kenko": (1, 6),
    "dento": (6, 3),
    "idou": (1, 3),
}

#: The need whose coverage also has the 自主防災組織 活動カバー率.
DISASTER_NEED = "bousai"


def npo_code(number: int) -> str:
    """Code of the law's field ``number`` (1–20), e.g. ``npo08``."""
    if not 1 <= number <= NPO_FIELDS:
        raise ValueError(f"NPO Law fields are numbered 1–20, not {number}")
    return f"npo{number:02d}"


@dataclass(frozen=True)
class Field:
    """One field of activity.

    Attributes
    ----------
    code
        ``npo01`` … ``npo20`` or a local-need word.
    kind
        ``"npo"`` or ``"need"``.
    number
        The law's number (1–20) or ``None`` for a local need.
    name_ja
        Official wording (law fields) or the need's name.
    short_ja, short_en
        Labels for the UI.
    maps_to
        For a local need, the law field codes it maps to; empty for law fields.
    """

    code: str
    kind: str
    number: int | None
    name_ja: str
    short_ja: str
    short_en: str
    maps_to: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """The short label in ``lang`` (``"ja"`` or ``"en"``)."""
        return pick(lang, self.short_ja, self.short_en)


@dataclass(frozen=True)
class FieldCatalog:
    """All fields, in display order (local needs first, then the law's 20)."""

    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        codes = [f.code for f in self.fields]
        if len(set(codes)) != len(codes):
            raise ValueError("field codes must be unique")

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code in display order."""
        return tuple(f.code for f in self.fields)

    def __contains__(self, code: object) -> bool:
        return any(f.code == code for f in self.fields)

    def get(self, code: str) -> Field:
        """The field with ``code``; raises ``KeyError`` when unknown."""
        for f in self.fields:
            if f.code == code:
                return f
        raise KeyError(code)

    def labels(self, lang: str) -> dict[str, str]:
        """Map of code to short label in ``lang``."""
        return {f.code: f.label(lang) for f in self.fields}

    def by_kind(self, kind: str) -> tuple[Field, ...]:
        """Fields of one kind (``"npo"`` or ``"need"``)."""
        return tuple(f for f in self.fields if f.kind == kind)

    def closest(self, code: str) -> frozenset[str]:
        """The codes an organisation lists when it works on ``code`` itself, not only on
        a broader field mapped to it.

        A need and the law field it maps to first are one another's closest (子育て支援
        and 子どもの健全育成, 防災・減災 and 災害救援); a field the need maps to further
        on (保健・医療・福祉 for 子育て支援) is not. An unknown code is its own only.

        Parameters
        ----------
        code
            A field code.

        Returns
        -------
        ``code``, with the law field it maps to first (a need) or the needs mapped to
        it first (a law field).
        """
        out = {code}
        for f in self.fields:
            if f.kind == NEED and f.maps_to and code in (f.code, f.maps_to[0]):
                out.update((f.code, f.maps_to[0]))
        return frozenset(out)

    def field_words(self) -> dict[str, str]:
        """Every way a field is named, folded (:func:`geo.normalise.normalise`) -> its
        code: its code, name and short names, for the law's fields its number (8, 08,
        8号, 第8号, npo8) and its wording without its ending (環境の保全 for
        環境の保全を図る活動), and each part of its short Japanese name joined with 「・」
        that no other field's name has (防災 and 減災 for 防災・減災, 防犯 for
        防犯・交通安全; not 福祉, a part of two)."""
        return dict(_field_words(self.fields))

    def field_named(self, word: str) -> str | None:
        """The code of the field ``word`` names (see :meth:`field_words`), or ``None``."""
        return _field_words(self.fields).get(normalise(word))

    def expand(self, codes: Iterable[str]) -> frozenset[str]:
        """Every code an organisation listing ``codes`` is active in.

        A listed need adds the law fields it maps to; a listed law field adds every
        need mapped to it. Unknown codes are kept as they are.

        Parameters
        ----------
        codes
            Codes as listed by an organisation.

        Returns
        -------
        The closure of ``codes`` under the need ↔ field mapping.
        """
        given = frozenset(codes)
        out = set(given)
        for f in self.fields:
            if f.kind != NEED:
                continue
            if f.code in given:
                out.update(f.maps_to)
            elif given.intersection(f.maps_to):
                out.add(f.code)
        return frozenset(out)


#: The endings of the law's wording of a field, left out as lists often write it
#: (環境の保全 for 環境の保全を図る活動).
_LAW_ENDINGS = re.compile("(?:を図る|を支援する|の)活動$")


@functools.cache
def _field_words(fields: tuple[Field, ...]) -> dict[str, str]:
    words: dict[str, str] = {}
    parts: dict[str, set[str]] = {}  # a part of a short name -> the fields it is in
    for f in fields:
        names = [f.code, f.name_ja, f.short_ja, f.short_en]
        if f.number is not None:
            n = f.number
            names += [str(n), f"{n:02d}", f"{n}号", f"第{n}号", f"npo{n}"]
            names.append(_LAW_ENDINGS.sub("", f.name_ja))
        for name in names:
            words.setdefault(normalise(name), f.code)
        if "・" in f.short_ja:
            for part in f.short_ja.split("・"):
                parts.setdefault(normalise(part), set()).add(f.code)
    for part, codes in parts.items():
        if len(codes) == 1 and part:
            words.setdefault(part, next(iter(codes)))
    return words


def default_catalog(official: Mapping[int, str]) -> FieldCatalog:
    """Build the catalogue from the law's official wording.

    Parameters
    ----------
    official
        Field number -> official Japanese wording (from the law's table).

    Returns
    -------
    Local needs first, then the 20 law fields.
    """
    needs = tuple(
        Field(code, NEED, None, _ja(code), _ja(code), _en(code), tuple(npo_code(n) for n in nums))
        for code, nums in NEEDS.items()
    )
    law = tuple(
        Field(npo_code(n), NPO, n, official[n], _ja(npo_code(n)), _en(npo_code(n)))
        for n in range(1, NPO_FIELDS + 1)
    )
    return FieldCatalog(needs + law)


def _ja(code: str) -> str:
    return text(f"field.{code}", "ja")


def _en(code: str) -> str:
    return text(f"field.{code}", "en")
