"""Fields of activity: the NPO Law's 20 fields and the local-needs vocabulary.

Codes are ``npo01`` … ``npo20`` for the law's fields and short romaji words for the
local needs (``bousai`` = 防災・減災 …). A local need maps to one or more law fields,
so an organisation registered under 災害救援 counts for 防災・減災 and vice versa.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

NPO = "npo"
NEED = "need"

#: Short labels of the 20 fields (Japanese, English), by field number.
NPO_SHORT: Mapping[int, tuple[str, str]] = {
    1: ("保健・医療・福祉", "Health, medicine & welfare"),
    2: ("社会教育", "Social education"),
    3: ("まちづくり", "Community development"),
    4: ("観光", "Tourism"),
    5: ("農山漁村・中山間地域", "Rural & hill communities"),
    6: ("学術・文化・芸術・スポーツ", "Learning, culture, arts & sport"),
    7: ("環境保全", "Environment"),
    8: ("災害救援", "Disaster relief"),
    9: ("地域安全", "Community safety"),
    10: ("人権・平和", "Human rights & peace"),
    11: ("国際協力", "International cooperation"),
    12: ("男女共同参画", "Gender equality"),
    13: ("子どもの健全育成", "Children & youth"),
    14: ("情報化社会", "Information society"),
    15: ("科学技術", "Science & technology"),
    16: ("経済活動の活性化", "Economic vitality"),
    17: ("職業能力・雇用", "Skills & employment"),
    18: ("消費者保護", "Consumer protection"),
    19: ("団体の運営・活動支援", "Support for civic groups"),
    20: ("条例で定める活動", "Activities set by ordinance"),
}

#: The local-needs vocabulary: code -> (Japanese, English, mapped law field numbers).
NEEDS: Mapping[str, tuple[str, str, tuple[int, ...]]] = {
    "bousai": ("防災・減災", "Disaster preparedness", (8, 9)),
    "mimamori": ("高齢者の見守り・福祉", "Watching over the elderly", (1,)),
    "kosodate": ("子育て支援", "Child-rearing support", (13, 1)),
    "bouhan": ("防犯・交通安全", "Crime prevention & road safety", (9,)),
    "bika": ("環境美化", "Keeping the area clean", (7,)),
    "kenko": ("健康づくり", "Health promotion", (1, 6)),
    "dento": ("地域の伝統文化", "Local traditions & culture", (6, 3)),
    "idou": ("移動支援・買い物支援", "Transport & shopping support", (1, 3)),
}

#: The need whose coverage also has the 自主防災組織 活動カバー率.
DISASTER_NEED = "bousai"


def npo_code(number: int) -> str:
    """Code of the law's field ``number`` (1–20), e.g. ``npo08``."""
    if not 1 <= number <= 20:
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
        return self.short_en if lang == "en" else self.short_ja


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
        Field(code, NEED, None, ja, ja, en, tuple(npo_code(n) for n in nums))
        for code, (ja, en, nums) in NEEDS.items()
    )
    law = tuple(
        Field(npo_code(n), NPO, n, official[n], NPO_SHORT[n][0], NPO_SHORT[n][1])
        for n in sorted(NPO_SHORT)
    )
    return FieldCatalog(needs + law)
