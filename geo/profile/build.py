"""Building an area's profile from the loaded city.

The coverage of every field is computed once for all areas (:func:`_field_tables`),
with the gap rules of :func:`geo.coverage.coverage`; an area's profile and those of
its neighbours read from the same tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import pandas as pd

from geo.city import CityConfig
from geo.coverage import (
    DEFAULT_RULE,
    JISHUBO_METRIC,
    GapRule,
    city_jishubo_rate,
    coverage,
    gap_reason,
)
from geo.fields import DISASTER_NEED, NEED
from geo.model import CITYWIDE, HAZARDS, CityData
from geo.profile.values import (
    AreaProfile,
    AssociationEntry,
    Center,
    CivicGroupEntry,
    Council,
    FieldCoverage,
    Neighbour,
    ShelterEntry,
)
from geo.spatial import neighbours as adjacency

#: The column of :func:`geo.coverage.coverage` holding the city's figure per 10,000
#: residents that the gap rule compares an area with (weighted by population).
CITY_FIGURE = "city_rate_per_10k"


def _metric(code: str) -> str:
    """How a field is judged: 防災・減災 also by the 自主防災組織 活動カバー率 (要注意)."""
    return JISHUBO_METRIC if code == DISASTER_NEED else "count"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _optional_int(value: object) -> int | None:
    if value is None or pd.isna(cast(Any, value)):
        return None
    return int(cast(Any, value))


def _row(table: pd.DataFrame, area_id: str) -> pd.Series[Any]:
    """One area's row of a coverage table indexed by area id."""
    return cast("pd.Series[Any]", table.loc[area_id])


@dataclass(frozen=True)
class _Inputs:
    """What every area's profile is read from (computed once for the city)."""

    data: CityData
    orgs: gpd.GeoDataFrame
    tables: Mapping[str, pd.DataFrame]
    adjacent: Mapping[str, tuple[str, ...]]
    city: CityConfig
    city_rate: float
    rule: GapRule


def _inputs(
    data: CityData, orgs: gpd.GeoDataFrame | None, city: CityConfig | None, rule: GapRule
) -> _Inputs:
    used = data.organisations if orgs is None else orgs
    tables = {
        code: coverage(data.areas, used, (code,), rule=rule, metric=_metric(code)).set_index(
            "area_id"
        )
        for code in data.catalog.codes
    }
    return _Inputs(
        data=data,
        orgs=used,
        tables=tables,
        adjacent=adjacency(data.areas),
        city=city or data.config,
        city_rate=city_jishubo_rate(data.areas, used),
        rule=rule,
    )


def _field_coverage(inputs: _Inputs, area_id: str, kind: str | None) -> tuple[FieldCoverage, ...]:
    """The area's coverage of every field of the catalogue (of one ``kind`` when given)."""
    out = []
    for field in inputs.data.catalog.fields:
        if kind is not None and field.kind != kind:
            continue
        table = inputs.tables[field.code]
        row = _row(table, area_id)
        out.append(
            FieldCoverage(
                code=field.code,
                kind=field.kind,
                label_ja=field.short_ja,
                label_en=field.short_en,
                count=int(row["total"]),
                per_10k=float(row["per_10k"]),
                city_per_10k=float(row[CITY_FIGURE]),
                is_gap=bool(row["is_gap"]),
                gap_reason=str(row["gap_reason"]),
                status=gap_reason(row),
                active_in_city=bool((table["total"] > 0).any()),
            )
        )
    return tuple(out)


def _neighbours(inputs: _Inputs, area_id: str) -> tuple[Neighbour, ...]:
    """The areas sharing a boundary with ``area_id``, in the city's order."""
    near = set(inputs.adjacent.get(area_id, ()))
    return tuple(
        Neighbour(
            area_id=info.area_id,
            name_ja=info.name_ja,
            name_en=info.name_en,
            needs=_field_coverage(inputs, info.area_id, NEED),
        )
        for info in inputs.city.areas
        if info.area_id in near
    )


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
    return tuple(
        ShelterEntry(
            name=str(rec["name"]),
            address=str(rec["address"]),
            hazards=tuple(h for h in HAZARDS if bool(rec[h])),
            is_evacuation_center=bool(rec["is_evacuation_center"]),
            lon=float(point.x),
            lat=float(point.y),
        )
        for rec, point in zip(_records(pd.DataFrame(rows)), rows.geometry, strict=True)
    )


def missing_hazards(shelters: tuple[ShelterEntry, ...]) -> tuple[str, ...]:
    """Hazards, in :data:`geo.model.HAZARDS` order, that none of ``shelters`` is designated for."""
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
            at_center=bool(rec["at_center"]),
        )
        for rec, point in zip(_records(pd.DataFrame(rows)), rows.geometry, strict=True)
    ]
    out.sort(key=lambda a: (-(a.households or 0), a.name))
    return tuple(out)


def _civic_group(rec: Mapping[str, Any], point: Any, area_id: str) -> CivicGroupEntry:
    confirmed = rec["last_confirmed"]
    return CivicGroupEntry(
        name=str(rec["name"]),
        fields=tuple(rec["fields"]),
        base_area_id=str(rec["area_id"]),
        based_here=rec["area_id"] == area_id,
        citywide=CITYWIDE in tuple(rec["service_areas"]),
        last_confirmed=confirmed if isinstance(confirmed, dt.date) else None,
        is_sample=bool(rec["is_sample"]),
        lon=float(point.x),
        lat=float(point.y),
        at_center=bool(rec["at_center"]),
    )


def _civic_groups(orgs: gpd.GeoDataFrame, area_id: str) -> tuple[CivicGroupEntry, ...]:
    groups = orgs[orgs["kind"] == "civic_group"]
    out = [
        _civic_group(rec, point, area_id)
        for rec, point in zip(_records(pd.DataFrame(groups)), groups.geometry, strict=True)
        if CITYWIDE in tuple(rec["service_areas"]) or area_id in tuple(rec["service_areas"])
    ]
    out.sort(key=lambda g: (not g.based_here, g.name))
    return tuple(out)


def _build(inputs: _Inputs, area_id: str) -> AreaProfile:
    data, orgs = inputs.data, inputs.orgs
    info = inputs.city.area(area_id)
    area = _records(pd.DataFrame(data.areas[data.areas["area_id"] == area_id]))[0]
    any_field = _row(next(iter(inputs.tables.values())), area_id)
    associations = _associations(orgs, area_id)
    shelters = _shelters(data, area_id)
    return AreaProfile(
        area_id=area_id,
        name_ja=info.name_ja,
        name_kana=info.name_kana,
        name_en=info.name_en,
        city_name_ja=inputs.city.name_ja,
        city_name_en=inputs.city.name_en,
        population=int(area["population_2020"]),
        households=int(area["households_2020"]),
        area_km2=float(area["area_km2"]),
        council=_council(orgs, area_id),
        center=_center(data, area_id),
        association_households=sum(a.households or 0 for a in associations),
        jishubo_households=int(any_field["jishubo_households"]),
        jishubo_rate=float(any_field["jishubo_rate"]),
        city_jishubo_rate=inputs.city_rate,
        national_jishubo_rate=inputs.rule.national_jishubo_rate,
        gap_share=inputs.rule.min_share_of_rate,
        shelters=shelters,
        missing_hazards=missing_hazards(shelters),
        coverage=_field_coverage(inputs, area_id, None),
        associations=associations,
        civic_groups=_civic_groups(orgs, area_id),
        neighbours=_neighbours(inputs, area_id),
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
    rule: GapRule = DEFAULT_RULE,
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
    rule
        When an area is a gap (:class:`geo.coverage.GapRule`; the run's settings give
        it with :func:`geo.coverage.gap_rule`).
    """
    inputs = _inputs(data, orgs, city, rule)
    return tuple(_build(inputs, str(a)) for a in data.areas["area_id"])


def area_profile(
    data: CityData,
    area_id: str,
    *,
    orgs: gpd.GeoDataFrame | None = None,
    city: CityConfig | None = None,
    rule: GapRule = DEFAULT_RULE,
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
    rule
        When an area is a gap (see :func:`area_profiles`).

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
    return _build(_inputs(data, orgs, city, rule), area_id)
