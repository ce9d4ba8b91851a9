"""The values of an area's profile: the area, its organisations, sites and coverage.

Every value is frozen; :mod:`geo.profile.build` makes them and :mod:`geo.profile.tables`
turns them into tables with Japanese or English headers.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from geo.datastatus import SampleKinds, kinds_of_sample
from geo.fields import NEED, NPO
from geo.model import HAZARDS
from geo.words import Phrase, phrase, pick, text

LANGS = ("ja", "en")

#: Gap reasons about the 自主防災組織 活動カバー率 rather than the figure per 10,000.
RATE_REASONS = ("below_national",)

#: The hazards every area plans for, in the order they are listed.
MAIN_HAZARDS = ("flood", "landslide", "storm_surge", "earthquake", "tsunami")


def check_lang(lang: str) -> None:
    """Refuse a language the tables are not written in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")


def format_int(value: int) -> str:
    """A whole number with thousands separators, e.g. ``14,795``."""
    return f"{value:,}"


def format_rate(rate: float) -> str:
    """A share as a percentage with one decimal, e.g. ``84.3%``; ``—`` for an unknown
    share (``NaN``: a 活動カバー率 where no member households are known)."""
    return "—" if math.isnan(rate) else f"{rate * 100:.1f}%"


def format_per_10k(value: float) -> str:
    """A figure per 10,000 residents with one decimal, e.g. ``12.3``."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Center:
    """The area's 地域交流センター."""

    name: str
    address: str
    lon: float
    lat: float


@dataclass(frozen=True)
class Council:
    """The area's 地域づくり協議会 and the fields of its sub-committees."""

    name: str
    fields: tuple[str, ...]
    is_sample: bool


@dataclass(frozen=True)
class ShelterEntry:
    """One designated emergency evacuation site (指定緊急避難場所) in the area."""

    name: str
    address: str
    hazards: tuple[str, ...]
    is_evacuation_center: bool
    lon: float
    lat: float


@dataclass(frozen=True)
class FieldCoverage:
    """Coverage of an area in one field, beside the city.

    Attributes
    ----------
    code, kind, label_ja, label_en
        The field (``kind`` is ``need`` for a local need, ``npo`` for a law field).
    count
        Organisations active in the field in this area.
    per_10k
        The same per 10,000 residents.
    city_per_10k
        The city's figure per 10,000 residents that the gap rule compares with (all
        organisation–area pairs over all residents: weighted by population).
    is_gap, gap_reason
        Whether the area is a gap and why (a code of :data:`geo.coverage.GAP_REASONS`),
        by the rules of :func:`geo.coverage.coverage`.
    status
        The gap reason with its figures (:func:`geo.coverage.gap_reason`), waiting
        for a language.
    active_in_city
        Whether any area of the city has an organisation active in the field.
    """

    code: str
    kind: str
    label_ja: str
    label_en: str
    count: int
    per_10k: float
    city_per_10k: float
    is_gap: bool
    gap_reason: str
    status: Phrase
    active_in_city: bool

    def label(self, lang: str) -> str:
        """The field's short label in ``lang``."""
        return pick(lang, self.label_ja, self.label_en)

    def reason(self, lang: str) -> str:
        """The gap reason with its figures, in ``lang``."""
        return self.status.text(lang)

    def status_word(self, lang: str) -> str:
        """The one word for the gap reason (空白, 少ない, 要注意; a dash when none)."""
        return text(f"gap.kind.{self.gap_reason}", lang)

    @property
    def is_marked(self) -> bool:
        """Whether the field is marked as a gap (a gap where the city has activity)."""
        return self.is_gap and self.active_in_city

    @property
    def is_low(self) -> bool:
        """Whether the figure per 10,000 residents is itself the gap (空白, 少ない), not
        the 自主防災組織 活動カバー率 (要注意)."""
        return self.is_marked and self.gap_reason not in RATE_REASONS


@dataclass(frozen=True)
class AssociationEntry:
    """One 自治会・町内会 based in the area (``at_center``: its point is the area's
    交流センター, standing in for an address known only to the area)."""

    name: str
    households: int | None
    has_jishubo: bool
    fields: tuple[str, ...]
    is_sample: bool
    lon: float
    lat: float
    at_center: bool = False


@dataclass(frozen=True)
class CivicGroupEntry:
    """One 市民活動団体 active in the area (based here or serving it from elsewhere;
    ``at_center``: its point is its base area's 交流センター)."""

    name: str
    fields: tuple[str, ...]
    base_area_id: str
    based_here: bool
    citywide: bool
    last_confirmed: dt.date | None
    is_sample: bool
    lon: float
    lat: float
    at_center: bool = False


@dataclass(frozen=True)
class Neighbour:
    """An area sharing a boundary with the profiled one, with its local needs.

    Attributes
    ----------
    area_id, name_ja, name_en
        The neighbouring area.
    needs
        Its coverage of the local needs, in the catalogue's order.
    """

    area_id: str
    name_ja: str
    name_en: str
    needs: tuple[FieldCoverage, ...]

    def name(self, lang: str) -> str:
        """The area's name in ``lang``."""
        return pick(lang, self.name_ja, self.name_en)

    def need(self, code: str) -> FieldCoverage | None:
        """Its coverage of the need ``code`` (``None`` when not a need of the catalogue)."""
        return next((f for f in self.needs if f.code == code), None)


@dataclass(frozen=True)
class AreaProfile:
    """Everything shown about one area.

    Attributes
    ----------
    area_id, name_ja, name_kana, name_en
        The area.
    city_name_ja, city_name_en
        The municipality.
    population, households
        2020 census.
    area_km2
        Land area in km².
    council, center
        The area's council and center (``None`` when the data has none).
    association_households
        Households in the area's associations (as they report them).
    jishubo_households, jishubo_rate
        Households of associations with a 自主防災組織, and their share of all
        households (自主防災組織 活動カバー率, capped at 1).
    city_jishubo_rate, national_jishubo_rate
        The same for the whole city, and the national reference (the gap rule's).
    gap_share
        The share of the city's rate under which an area is 少ない (the gap rule's).
    shelters
        Designated evacuation sites in the area.
    missing_hazards
        Hazards (in :data:`geo.model.HAZARDS` order) no site in the area is designated for.
    coverage
        One entry per field of the catalogue, in catalogue order (local needs first).
    associations
        Associations based in the area, largest first.
    civic_groups
        Civic groups active in the area: based here first, then by name.
    neighbours
        The areas sharing a boundary with this one, in the city's order.
    boundary_confidence, towns_total, towns_medium, towns_low
        How sure the boundary is: ``high`` or ``approximate``, with the number of
        町字 in the area and of those assigned with medium or low confidence.
    """

    area_id: str
    name_ja: str
    name_kana: str
    name_en: str
    city_name_ja: str
    city_name_en: str
    population: int
    households: int
    area_km2: float
    council: Council | None
    center: Center | None
    association_households: int
    jishubo_households: int
    jishubo_rate: float
    city_jishubo_rate: float
    national_jishubo_rate: float
    gap_share: float
    shelters: tuple[ShelterEntry, ...]
    missing_hazards: tuple[str, ...]
    coverage: tuple[FieldCoverage, ...]
    associations: tuple[AssociationEntry, ...]
    civic_groups: tuple[CivicGroupEntry, ...]
    neighbours: tuple[Neighbour, ...]
    boundary_confidence: str
    towns_total: int
    towns_medium: int
    towns_low: int

    def name(self, lang: str) -> str:
        """The area's name in ``lang``."""
        return pick(lang, self.name_ja, self.name_en)

    @property
    def association_count(self) -> int:
        """Number of associations based in the area."""
        return len(self.associations)

    @property
    def membership_rate(self) -> float:
        """加入率: households in the area's associations ÷ census households. Not capped
        at 1: more member households than the census counted is told as it is (a slip
        in a list, or associations reaching over the area's edge), not hidden as 100 %.
        ``NaN`` (unknown) when the area has associations but none of their member
        households is known (a list without 世帯数): not a 加入率 of 0 %."""
        if self.households <= 0:
            return 0.0
        if self.association_households <= 0 and self.association_count > 0:
            return math.nan
        return self.association_households / self.households

    @property
    def membership_is_sample(self) -> bool:
        """Whether any association, and so the 加入率, is sample data."""
        return any(a.is_sample for a in self.associations)

    @property
    def civic_groups_based_here(self) -> int:
        """Number of the active civic groups that are based in the area."""
        return sum(g.based_here for g in self.civic_groups)

    @property
    def has_sample(self) -> bool:
        """Whether any organisation shown is sample data."""
        return bool(self.sample_kinds)

    @property
    def sample_kinds(self) -> SampleKinds:
        """The kinds of the organisations shown that are sample data, each with whether
        only some of them are (as :func:`geo.datastatus.sample_kinds` for a page)."""
        councils = () if self.council is None else (self.council,)
        shown = (("council", councils), ("association", self.associations))
        return kinds_of_sample(
            (kind, sum(o.is_sample for o in items), len(items))
            for kind, items in (*shown, ("civic_group", self.civic_groups))
        )

    @property
    def is_approximate(self) -> bool:
        """Whether the area's boundary is approximate."""
        return self.boundary_confidence != "high"

    @property
    def missing_main_hazards(self) -> tuple[str, ...]:
        """The missing hazards among :data:`MAIN_HAZARDS`."""
        return tuple(h for h in self.missing_hazards if h in MAIN_HAZARDS)

    @property
    def needs(self) -> tuple[FieldCoverage, ...]:
        """The local needs (地域の生活課題), in the catalogue's order."""
        return tuple(f for f in self.coverage if f.kind == NEED)

    @property
    def npo_fields(self) -> tuple[FieldCoverage, ...]:
        """The NPO Law's fields, in the law's order."""
        return tuple(f for f in self.coverage if f.kind == NPO)

    @property
    def gaps(self) -> tuple[FieldCoverage, ...]:
        """Fields in which this area is a gap although the city has activity in them."""
        return tuple(f for f in self.coverage if f.is_marked)

    @property
    def need_gaps(self) -> tuple[FieldCoverage, ...]:
        """The local needs among :attr:`gaps`."""
        return tuple(f for f in self.needs if f.is_marked)

    @property
    def inactive_in_city(self) -> tuple[FieldCoverage, ...]:
        """Fields in which no area of the city has any organisation."""
        return tuple(f for f in self.coverage if not f.active_in_city)

    @property
    def committees(self) -> tuple[str, ...]:
        """The fields of the council's sub-committees (部会); empty without a council."""
        return self.council.fields if self.council else ()

    def field_label(self, code: str, lang: str) -> str:
        """The short label of field ``code`` (the code itself when unknown)."""
        for f in self.coverage:
            if f.code == code:
                return f.label(lang)
        return code

    def hazard_counts(self) -> dict[str, int]:
        """Number of sites designated for each hazard, in :data:`geo.model.HAZARDS` order."""
        return {h: sum(h in s.hazards for s in self.shelters) for h in HAZARDS}

    def boundary_note(self, lang: str = "ja") -> str:
        """Why the boundary is (or is not) approximate, in words."""
        check_lang(lang)
        return self.boundary_phrase.text(lang)

    @property
    def boundary_phrase(self) -> Phrase:
        """Why the boundary is (or is not) approximate, waiting for a language."""
        if not self.is_approximate:
            return phrase("profile.boundary.high", total=self.towns_total)
        return phrase(
            "profile.boundary.approximate",
            total=self.towns_total,
            guessed=self.towns_medium + self.towns_low,
            medium=self.towns_medium,
            low=self.towns_low,
        )
