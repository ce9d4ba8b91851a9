"""One area's profile: everything the area page and the printed sheet show.

:func:`area_profile` gathers, for one 地域, the census figures, its council, center,
associations and civic groups, the 自主防災組織 活動カバー率 beside the city and the
national figure, the designated evacuation sites with their hazards, and the
coverage of every field of activity against the city median (with the gaps and
their reasons). The result is a frozen value; the ``*_frame`` functions turn it into
tables with Japanese or English headers, ready to show.

Private organisation columns (representative, phone, email, notes) are never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import pandas as pd

from geo.city import YAMAGUCHI, CityConfig
from geo.coverage import NATIONAL_JISHUBO_RATE, city_jishubo_rate, coverage, gap_reason
from geo.model import CITYWIDE, HAZARDS, CityData
from geo.words import Phrase, phrase, pick, text

LANGS = ("ja", "en")

#: The hazards every area plans for, in the order they are listed.
MAIN_HAZARDS = ("flood", "landslide", "storm_surge", "earthquake", "tsunami")

#: The row labels and column headers of the tables: the catalogue's ``profile.<code>``.
TABLE_LABELS = (
    "item",
    "value",
    "population",
    "households",
    "area_km2",
    "associations",
    "association_households",
    "org_households",
    "council",
    "committees",
    "center",
    "center_address",
    "civic_groups",
    "jishubo_area",
    "jishubo_city",
    "jishubo_national",
    "shelters",
    "missing_hazards",
    "boundary",
    "field",
    "count",
    "per_10k",
    "city_median",
    "gap",
    "reason",
    "name",
    "jishubo",
    "fields",
    "based",
    "last_confirmed",
    "hazards",
    "evacuation_center",
    "sample",
    "here",
    "none",
)

#: Units of the figures: the catalogue's ``profile.unit.<code>`` (a number as ``{n}``).
UNITS = ("people", "households", "orgs", "sites")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")


def format_int(value: int) -> str:
    """A whole number with thousands separators, e.g. ``14,795``."""
    return f"{value:,}"


def format_rate(rate: float) -> str:
    """A share as a percentage with one decimal, e.g. ``84.3%``."""
    return f"{rate * 100:.1f}%"


# --- the value -------------------------------------------------------------------------


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
    """Coverage of the area in one field, beside the city median.

    Attributes
    ----------
    code, label_ja, label_en
        The field.
    count
        Organisations active in the field in this area.
    per_10k
        The same per 10,000 residents.
    city_median_per_10k
        Median of ``per_10k`` over the city's areas.
    is_gap, gap_reason
        Whether the area is a gap and why (a code of :data:`geo.coverage.GAP_REASONS`).
    status
        The coverage status (the gap reason with its figures), waiting for a language.
    active_in_city
        Whether any area of the city has an organisation active in the field.
    """

    code: str
    label_ja: str
    label_en: str
    count: int
    per_10k: float
    city_median_per_10k: float
    is_gap: bool
    gap_reason: str
    status: Phrase
    active_in_city: bool

    def label(self, lang: str) -> str:
        """The field's short label in ``lang``."""
        return pick(lang, self.label_ja, self.label_en)

    def reason(self, lang: str) -> str:
        """The coverage status in words, in ``lang``."""
        return self.status.text(lang)


@dataclass(frozen=True)
class AssociationEntry:
    """One 自治会・町内会 based in the area."""

    name: str
    households: int | None
    has_jishubo: bool
    fields: tuple[str, ...]
    is_sample: bool
    lon: float
    lat: float


@dataclass(frozen=True)
class CivicGroupEntry:
    """One 市民活動団体 active in the area (based here or serving it from elsewhere)."""

    name: str
    fields: tuple[str, ...]
    base_area_id: str
    based_here: bool
    citywide: bool
    last_confirmed: dt.date | None
    is_sample: bool
    lon: float
    lat: float


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
        Households of the area's associations (as they report them).
    jishubo_households, jishubo_rate
        Households of associations with a 自主防災組織, and their share of all
        households (自主防災組織 活動カバー率, capped at 1).
    city_jishubo_rate, national_jishubo_rate
        The same for the whole city, and the national reference.
    shelters
        Designated evacuation sites in the area.
    missing_hazards
        Hazards (in :data:`geo.io.HAZARDS` order) no site in the area is designated for.
    coverage
        One entry per field of the catalogue, in catalogue order.
    associations
        Associations based in the area, largest first.
    civic_groups
        Civic groups active in the area: based here first, then by name.
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
    shelters: tuple[ShelterEntry, ...]
    missing_hazards: tuple[str, ...]
    coverage: tuple[FieldCoverage, ...]
    associations: tuple[AssociationEntry, ...]
    civic_groups: tuple[CivicGroupEntry, ...]
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
    def civic_groups_based_here(self) -> int:
        """Number of the active civic groups that are based in the area."""
        return sum(g.based_here for g in self.civic_groups)

    @property
    def has_sample(self) -> bool:
        """Whether any organisation shown is sample data."""
        council = self.council is not None and self.council.is_sample
        return (
            council
            or any(a.is_sample for a in self.associations)
            or any(g.is_sample for g in self.civic_groups)
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
    def gaps(self) -> tuple[FieldCoverage, ...]:
        """Fields in which this area is a gap although the city has activity in them."""
        return tuple(f for f in self.coverage if f.is_gap and f.active_in_city)

    @property
    def inactive_in_city(self) -> tuple[FieldCoverage, ...]:
        """Fields in which no area of the city has any organisation."""
        return tuple(f for f in self.coverage if not f.active_in_city)

    def field_label(self, code: str, lang: str) -> str:
        """The short label of field ``code`` (the code itself when unknown)."""
        for f in self.coverage:
            if f.code == code:
                return f.label(lang)
        return code

    def hazard_counts(self) -> dict[str, int]:
        """Number of sites designated for each hazard, in :data:`geo.io.HAZARDS` order."""
        return {h: sum(h in s.hazards for s in self.shelters) for h in HAZARDS}

    def boundary_note(self, lang: str = "ja") -> str:
        """Why the boundary is (or is not) approximate, in words."""
        _check_lang(lang)
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


# --- building it -----------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _optional_int(value: object) -> int | None:
    if value is None or pd.isna(cast(Any, value)):
        return None
    return int(cast(Any, value))


def _row(table: pd.DataFrame, area_id: str) -> pd.Series[Any]:
    """One area's row of a coverage table indexed by area id."""
    return cast("pd.Series[Any]", table.loc[area_id])


def _field_tables(data: CityData, orgs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Coverage of every area for each field of the catalogue, indexed by area id."""
    return {
        code: coverage(data.areas, orgs, (code,)).set_index("area_id")
        for code in data.catalog.codes
    }


def _field_coverage(
    data: CityData, tables: Mapping[str, pd.DataFrame], area_id: str
) -> tuple[FieldCoverage, ...]:
    out = []
    for field in data.catalog.fields:
        table = tables[field.code]
        row = _row(table, area_id)
        out.append(
            FieldCoverage(
                code=field.code,
                label_ja=field.short_ja,
                label_en=field.short_en,
                count=int(row["total"]),
                per_10k=float(row["per_10k"]),
                city_median_per_10k=float(row["city_median_per_10k"]),
                is_gap=bool(row["is_gap"]),
                gap_reason=str(row["gap_reason"]),
                status=gap_reason(row),
                active_in_city=bool((table["total"] > 0).any()),
            )
        )
    return tuple(out)


def _council(orgs: pd.DataFrame, area_id: str) -> Council | None:
    rows = orgs[(orgs["kind"] == "council") & (orgs["area_id"] == area_id)]
    if rows.empty:
        return None
    rec = _records(pd.DataFrame(rows[["name", "fields", "is_sample"]]))[0]
    return Council(str(rec["name"]), tuple(rec["fields"]), bool(rec["is_sample"]))


def _center(data: CityData, area_id: str) -> Center | None:
    rows = data.centers[data.centers["area_id"] == area_id]
    if rows.empty:
        return None
    first = rows.iloc[0]
    point = first.geometry
    return Center(str(first["name"]), str(first["address"]), float(point.x), float(point.y))


def _shelters(data: CityData, area_id: str) -> tuple[ShelterEntry, ...]:
    rows = data.shelters[data.shelters["area_id"] == area_id]
    out = []
    for rec, point in zip(_records(pd.DataFrame(rows)), rows.geometry, strict=True):
        out.append(
            ShelterEntry(
                name=str(rec["name"]),
                address=str(rec["address"]),
                hazards=tuple(h for h in HAZARDS if bool(rec[h])),
                is_evacuation_center=bool(rec["is_evacuation_center"]),
                lon=float(point.x),
                lat=float(point.y),
            )
        )
    return tuple(out)


def missing_hazards(shelters: Sequence[ShelterEntry]) -> tuple[str, ...]:
    """Hazards, in :data:`geo.io.HAZARDS` order, that none of ``shelters`` is designated for."""
    covered = {h for s in shelters for h in s.hazards}
    return tuple(h for h in HAZARDS if h not in covered)


def _associations(orgs: gpd.GeoDataFrame, area_id: str) -> tuple[AssociationEntry, ...]:
    rows = orgs[(orgs["kind"] == "association") & (orgs["area_id"] == area_id)]
    out = [
        AssociationEntry(
            name=str(rec["name"]),
            households=_optional_int(rec["households"]),
            has_jishubo=bool(rec["has_jishubo"]),
            fields=tuple(rec["fields"]),
            is_sample=bool(rec["is_sample"]),
            lon=float(point.x),
            lat=float(point.y),
        )
        for rec, point in zip(_records(pd.DataFrame(rows)), rows.geometry, strict=True)
    ]
    out.sort(key=lambda a: (-(a.households or 0), a.name))
    return tuple(out)


def _civic_groups(orgs: gpd.GeoDataFrame, area_id: str) -> tuple[CivicGroupEntry, ...]:
    groups = orgs[orgs["kind"] == "civic_group"]
    out = []
    for rec, point in zip(_records(pd.DataFrame(groups)), groups.geometry, strict=True):
        served = tuple(rec["service_areas"])
        citywide = CITYWIDE in served
        if not citywide and area_id not in served:
            continue
        confirmed = rec["last_confirmed"]
        out.append(
            CivicGroupEntry(
                name=str(rec["name"]),
                fields=tuple(rec["fields"]),
                base_area_id=str(rec["area_id"]),
                based_here=rec["area_id"] == area_id,
                citywide=citywide,
                last_confirmed=confirmed if isinstance(confirmed, dt.date) else None,
                is_sample=bool(rec["is_sample"]),
                lon=float(point.x),
                lat=float(point.y),
            )
        )
    out.sort(key=lambda g: (not g.based_here, g.name))
    return tuple(out)


def _build(
    data: CityData,
    orgs: gpd.GeoDataFrame,
    tables: Mapping[str, pd.DataFrame],
    area_id: str,
    city: CityConfig,
    city_rate: float,
) -> AreaProfile:
    info = city.area(area_id)
    area = _records(pd.DataFrame(data.areas[data.areas["area_id"] == area_id]))[0]
    any_field = _row(next(iter(tables.values())), area_id)
    associations = _associations(orgs, area_id)
    shelters = _shelters(data, area_id)
    return AreaProfile(
        area_id=area_id,
        name_ja=info.name_ja,
        name_kana=info.name_kana,
        name_en=info.name_en,
        city_name_ja=city.name_ja,
        city_name_en=city.name_en,
        population=int(area["population_2020"]),
        households=int(area["households_2020"]),
        area_km2=float(area["area_km2"]),
        council=_council(orgs, area_id),
        center=_center(data, area_id),
        association_households=sum(a.households or 0 for a in associations),
        jishubo_households=int(any_field["jishubo_households"]),
        jishubo_rate=float(any_field["jishubo_rate"]),
        city_jishubo_rate=city_rate,
        national_jishubo_rate=NATIONAL_JISHUBO_RATE,
        shelters=shelters,
        missing_hazards=missing_hazards(shelters),
        coverage=_field_coverage(data, tables, area_id),
        associations=associations,
        civic_groups=_civic_groups(orgs, area_id),
        boundary_confidence=str(area["boundary_confidence"]),
        towns_total=int(area["towns_total"]),
        towns_medium=int(area["towns_medium"]),
        towns_low=int(area["towns_low"]),
    )


def area_profiles(
    data: CityData,
    *,
    orgs: gpd.GeoDataFrame | None = None,
    city: CityConfig | None = None,
) -> tuple[AreaProfile, ...]:
    """The profiles of every area, in the areas' order (coverage computed once).

    Parameters
    ----------
    data
        The loaded city.
    orgs
        The organisations to count (e.g. a filtered or edited list); all of
        ``data.organisations`` when ``None``.
    city
        Names and order of the areas; the data's own city when ``None``.
    """
    used = data.organisations if orgs is None else orgs
    tables = _field_tables(data, used)
    rate = city_jishubo_rate(data.areas, used)
    config = city or data.config
    return tuple(_build(data, used, tables, str(a), config, rate) for a in data.areas["area_id"])


def area_profile(
    data: CityData,
    area_id: str,
    *,
    orgs: gpd.GeoDataFrame | None = None,
    city: CityConfig | None = None,
) -> AreaProfile:
    """The profile of one area.

    Parameters
    ----------
    data
        The loaded city.
    area_id
        The area, e.g. ``"yuda"``.
    orgs
        The organisations to count; all of ``data.organisations`` when ``None``.
    city
        Names of the areas; the data's own city when ``None``.

    Returns
    -------
    The area's profile.

    Raises
    ------
    KeyError
        When ``area_id`` is not an area of ``data``.
    """
    if area_id not in set(data.areas["area_id"]):
        raise KeyError(area_id)
    used = data.organisations if orgs is None else orgs
    tables = _field_tables(data, used)
    rate = city_jishubo_rate(data.areas, used)
    return _build(data, used, tables, area_id, city or data.config, rate)


# --- tables for the UI -----------------------------------------------------------------


def _fields_text(profile: AreaProfile, codes: Sequence[str], lang: str) -> str:
    return text("sep.list", lang).join(profile.field_label(c, lang) for c in codes)


def _with_unit(value: str, unit: str, lang: str) -> str:
    return text(f"profile.unit.{unit}", lang, n=value)


def _labels(lang: str) -> dict[str, str]:
    """The tables' labels in ``lang`` (see :data:`TABLE_LABELS`)."""
    _check_lang(lang)
    return {code: text(f"profile.{code}", lang) for code in TABLE_LABELS}


def hazard_names(hazards: Sequence[str], lang: str, *, short: bool = False) -> str:
    """Hazards as one list in ``lang``, by their official names (or their ``short`` ones)."""
    suffix = ".short" if short else ""
    return text("sep.list", lang).join(text(f"hazard.{h}{suffix}", lang) for h in hazards)


def profile_figures_frame(profile: AreaProfile, lang: str = "ja") -> pd.DataFrame:
    """The key figures as a two-column table (item, value) with headers in ``lang``."""
    t = _labels(lang)
    none = t["none"]
    council = profile.council
    center = profile.center
    missing = hazard_names(profile.missing_hazards, lang) if profile.missing_hazards else none
    rows = [
        ("population", _with_unit(format_int(profile.population), "people", lang)),
        ("households", _with_unit(format_int(profile.households), "households", lang)),
        ("area_km2", f"{profile.area_km2:,.2f} km²"),
        ("associations", _with_unit(str(profile.association_count), "orgs", lang)),
        (
            "association_households",
            _with_unit(format_int(profile.association_households), "households", lang),
        ),
        ("council", council.name if council else none),
        ("committees", _fields_text(profile, council.fields, lang) if council else none),
        ("center", center.name if center else none),
        ("center_address", center.address if center else none),
        ("civic_groups", _with_unit(str(len(profile.civic_groups)), "orgs", lang)),
        ("jishubo_area", format_rate(profile.jishubo_rate)),
        ("jishubo_city", format_rate(profile.city_jishubo_rate)),
        ("jishubo_national", format_rate(profile.national_jishubo_rate)),
        ("shelters", _with_unit(str(len(profile.shelters)), "sites", lang)),
        ("missing_hazards", missing),
        ("boundary", text(f"profile.confidence.{profile.boundary_confidence}", lang)),
    ]
    return pd.DataFrame([(t[k], v) for k, v in rows], columns=[t["item"], t["value"]])


def coverage_frame(profile: AreaProfile, lang: str = "ja") -> pd.DataFrame:
    """The coverage profile: one row per field, the area beside the city median."""
    t = _labels(lang)
    return pd.DataFrame(
        {
            t["field"]: [f.label(lang) for f in profile.coverage],
            t["count"]: [f.count for f in profile.coverage],
            t["per_10k"]: [round(f.per_10k, 1) for f in profile.coverage],
            t["city_median"]: [round(f.city_median_per_10k, 1) for f in profile.coverage],
            t["gap"]: [f.is_gap for f in profile.coverage],
            t["reason"]: [f.reason(lang) for f in profile.coverage],
        }
    )


def associations_frame(profile: AreaProfile, lang: str = "ja") -> pd.DataFrame:
    """The area's associations: name, households, 自主防災組織, fields, sample flag."""
    t = _labels(lang)
    items = profile.associations
    return pd.DataFrame(
        {
            t["name"]: [a.name for a in items],
            t["org_households"]: pd.array([a.households for a in items], dtype="Int64"),
            t["jishubo"]: [a.has_jishubo for a in items],
            t["fields"]: [_fields_text(profile, a.fields, lang) for a in items],
            t["sample"]: [a.is_sample for a in items],
        }
    )


def _based_text(group: CivicGroupEntry, lang: str, names: Mapping[str, str]) -> str:
    if group.based_here:
        return text("profile.here", lang)
    base = names.get(group.base_area_id, group.base_area_id)
    if group.citywide:
        return text("profile.based_citywide", lang, base=base)
    return base


def civic_groups_frame(
    profile: AreaProfile, lang: str = "ja", *, city: CityConfig | None = None
) -> pd.DataFrame:
    """Civic groups active in the area: name, fields, where based, last confirmed."""
    t = _labels(lang)
    config = city or YAMAGUCHI
    names = {a.area_id: pick(lang, a.name_ja, a.name_en) for a in config.areas}
    items = profile.civic_groups
    return pd.DataFrame(
        {
            t["name"]: [g.name for g in items],
            t["fields"]: [_fields_text(profile, g.fields, lang) for g in items],
            t["based"]: [_based_text(g, lang, names) for g in items],
            t["last_confirmed"]: [
                g.last_confirmed.isoformat() if g.last_confirmed else "" for g in items
            ],
            t["sample"]: [g.is_sample for g in items],
        }
    )


def shelters_frame(profile: AreaProfile, lang: str = "ja") -> pd.DataFrame:
    """The area's designated evacuation sites with the hazards they are designated for."""
    t = _labels(lang)
    items = profile.shelters
    return pd.DataFrame(
        {
            t["name"]: [s.name for s in items],
            t["center_address"]: [s.address for s in items],
            t["hazards"]: [hazard_names(s.hazards, lang) for s in items],
            t["evacuation_center"]: [s.is_evacuation_center for s in items],
        }
    )


__all__ = [
    "MAIN_HAZARDS",
    "TABLE_LABELS",
    "UNITS",
    "AreaProfile",
    "AssociationEntry",
    "Center",
    "CivicGroupEntry",
    "Council",
    "FieldCoverage",
    "ShelterEntry",
    "area_profile",
    "area_profiles",
    "associations_frame",
    "civic_groups_frame",
    "coverage_frame",
    "format_int",
    "format_rate",
    "hazard_names",
    "missing_hazards",
    "profile_figures_frame",
    "shelters_frame",
]
