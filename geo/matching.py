"""Partner matching: who could help an area with a need, and where a group is needed.

The support center's core job is to connect. :func:`rank_partners` answers the
question of an area whose council cannot solve a problem alone ("who does visits to
elderly residents living alone and could work here?"); :func:`areas_needing` answers
the reverse question of a civic group ("where are we needed?").

Candidates
    For an area and a need — a local-needs word (``bousai``, ``mimamori`` …) or one of
    the NPO Law's fields (``npo01`` … ``npo20``) — the candidates are the organisations
    active in the need (the code is among their ``terms``):

    - civic groups, wherever they are based;
    - the councils and associations of the *neighbouring* areas (sharing a border, see
      :func:`geo.spatial.neighbours`). The area's own council and associations are not
      partners from outside, so they are left out.

Score
    Every candidate earns points, each weighted by a named setting of
    :class:`MatchWeights`; the score is the points as a share of the most a candidate
    can earn, from 0 to 100 (one decimal).

    ``exact_field`` (default 3.0)
        The organisation lists the need itself.
    ``mapped_field`` (default 1.5)
        The organisation is active in the need only through the need ↔ field mapping
        (e.g. it lists 災害救援 and the need is 防災・減災). Never more than
        ``exact_field``.
    ``serves_area`` (default 2.0)
        Its service area already includes the area (or is citywide).
    ``distance`` (default 2.0)
        Full when its base lies inside the area; halves every ``distance_half_km``.
    ``distance_half_km`` (default 5.0)
        Kilometres over which the distance points halve.
    ``legal_entity`` (default 0.5)
        It is a legal entity (NPO法人, 一般社団・財団法人 or 認可地縁団体).
    ``recent`` (default 1.0)
        Full when its data was confirmed within ``fresh_months``, falling linearly to
        nothing at ``stale_months``; nothing when it was never confirmed.
    ``fresh_months`` (default 12)
        Months after confirmation during which the data counts as fresh.
    ``stale_months`` (default 36)
        Months after confirmation from which the data earns no recency points.

    Distances are measured on the ground: from the organisation's base point to the
    area's polygon (0 when the base is inside), in the projected CRS of
    :mod:`geo.crs` (metres), reported in kilometres with one decimal.

Order
    Partners from outside first: organisations already active in the area (based in
    it, or serving it by name rather than citywide) come after all the others, as they
    are not new partners. Within each part: score descending, then distance ascending,
    then ``org_id``, so the same data gives the same list.

Reasons
    Each :class:`Suggestion` carries its reasons as catalogue phrases (``match.reason.*``),
    shown in either language, e.g.
    ``防災・減災で活動／サービス範囲に湯田を含む／拠点から2.1 km／最終確認 2026-04``.

Only public columns (:data:`geo.model.PUBLIC_ORG_COLUMNS`) are read; contact always goes
through the support center.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.coverage import DEFAULT_RULE, GapRule, active_mask, coverage, gap_reason
from geo.crs import to_projected
from geo.fields import FieldCatalog
from geo.model import CITYWIDE, PUBLIC_ORG_COLUMNS, CityData, area_names
from geo.spatial import neighbours
from geo.words import Listed, Named, Phrase, phrase, text

#: Legal forms that make an organisation a legal entity; their names in the reasons
#: are the catalogue's ``match.legal.<form>``.
LEGAL_ENTITIES = ("npo_corp", "general_inc", "authorized")

#: The reasons a suggestion may give: the catalogue's ``match.reason.<code>``.
REASON_CODES = (
    "exact",
    "mapped",
    "citywide",
    "serves",
    "not_serving",
    "neighbour",
    "inside",
    "distance",
    "distance_about",
    "confirmed",
    "never_confirmed",
)

#: What :func:`areas_needing` may multiply the gap severity by.
NEED_BASES = ("population", "households")

_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class MatchWeights:
    """The named settings of the partner score (see the module docstring).

    Attributes
    ----------
    exact_field
        Points when the organisation lists the need itself.
    mapped_field
        Points when it is active in the need only through the need ↔ field mapping.
    serves_area
        Points when its service area includes the area (or is citywide).
    distance
        Points when its base lies inside the area; they halve every
        ``distance_half_km``.
    distance_half_km
        Kilometres over which the distance points halve (> 0).
    legal_entity
        Points for a legal entity (NPO法人, 一般社団・財団法人, 認可地縁団体).
    recent
        Points for data confirmed within ``fresh_months``, falling linearly to none
        at ``stale_months``.
    fresh_months, stale_months
        The recency window in months (``0 <= fresh_months < stale_months``).

    Raises
    ------
    ValueError
        Listing every invalid setting at once.
    """

    exact_field: float = 3.0
    mapped_field: float = 1.5
    serves_area: float = 2.0
    distance: float = 2.0
    distance_half_km: float = 5.0
    legal_entity: float = 0.5
    recent: float = 1.0
    fresh_months: float = 12.0
    stale_months: float = 36.0

    def __post_init__(self) -> None:
        problems: list[str] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or isinstance(value, bool):
                problems.append(f"{f.name} must be a number, not {value!r}")
            elif not math.isfinite(value) or value < 0:
                problems.append(f"{f.name} must be a finite number >= 0, not {value!r}")
        if problems:
            raise ValueError("invalid match weights: " + "; ".join(problems))
        if self.mapped_field > self.exact_field:
            problems.append("mapped_field must not exceed exact_field")
        if self.distance_half_km <= 0:
            problems.append("distance_half_km must be > 0")
        if self.stale_months <= self.fresh_months:
            problems.append("stale_months must be greater than fresh_months")
        if self.total <= 0:
            problems.append("at least one of the points must be > 0")
        if problems:
            raise ValueError("invalid match weights: " + "; ".join(problems))

    @property
    def total(self) -> float:
        """The most points a candidate can earn."""
        return (
            max(self.exact_field, self.mapped_field)
            + self.serves_area
            + self.distance
            + self.legal_entity
            + self.recent
        )

    def distance_factor(self, metres: float) -> float:
        """Share of the distance points at ``metres`` from the area (1 inside it)."""
        return float(0.5 ** (max(metres, 0.0) / 1000.0 / self.distance_half_km))

    def recency_factor(self, confirmed: dt.date | None, today: dt.date) -> float:
        """Share of the recency points for data confirmed on ``confirmed``."""
        if confirmed is None:
            return 0.0
        months = (today - confirmed).days / _DAYS_PER_MONTH
        if months <= self.fresh_months:
            return 1.0
        if months >= self.stale_months:
            return 0.0
        return (self.stale_months - months) / (self.stale_months - self.fresh_months)


DEFAULT_WEIGHTS = MatchWeights()

#: The names of the settings of :class:`MatchWeights`, in order.
WEIGHT_NAMES = tuple(f.name for f in fields(MatchWeights))


@dataclass(frozen=True)
class Suggestion:
    """One candidate partner, with public facts only.

    Attributes
    ----------
    org_id, name, kind
        The organisation.
    base_area_id
        The area its base lies in.
    score
        0–100, one decimal (see :class:`MatchWeights`).
    distance_km
        From its base to the area, on the ground, one decimal (0 inside).
    serves_area
        Its service area includes the area (or is citywide).
    citywide
        Its service area is the whole city.
    exact_match
        It lists the need itself (rather than a field mapped to it).
    matched_fields
        The codes it lists that make it active in the need.
    legal_entity, legal_form
        Whether it is a legal entity, and its legal form (may be empty).
    last_confirmed
        When its data was last confirmed, ``None`` when never.
    reasons
        Why it is suggested, as catalogue phrases (see :meth:`reasons_in`).
    is_sample
        Sample (fictitious) data.
    active_here
        Already active in the area: based in it, or its service area names it (a
        citywide group is a partner from outside).
    at_center
        Its point is its 地域's 交流センター, standing in for an address known only to
        the area, so ``distance_km`` is approximate (and said to be).
    """

    org_id: str
    name: str
    kind: str
    base_area_id: str
    score: float
    distance_km: float
    serves_area: bool
    citywide: bool
    exact_match: bool
    matched_fields: tuple[str, ...]
    legal_entity: bool
    legal_form: str
    last_confirmed: dt.date | None
    is_sample: bool
    reasons: tuple[Phrase, ...] = ()
    active_here: bool = False
    at_center: bool = False

    def reasons_in(self, lang: str) -> tuple[str, ...]:
        """The reasons in words of ``lang`` (``ja`` or ``en``)."""
        return tuple(r.text(lang) for r in self.reasons)


def reasons_line(reasons: Iterable[Phrase], lang: str = "ja") -> str:
    """Reasons on one line, joined by ``／`` (`` / `` in English)."""
    return text("match.reasons.sep", lang).join(r.text(lang) for r in reasons)


def reasons_text(suggestion: Suggestion, lang: str = "ja") -> str:
    """The reasons of ``suggestion`` on one line (see :func:`reasons_line`)."""
    return reasons_line(suggestion.reasons, lang)


# --- checks and small helpers -----------------------------------------------------------------


def _check_area(data: CityData, area_id: str) -> None:
    if area_id not in set(data.areas["area_id"]):
        raise ValueError(f"unknown area id {area_id!r}")


def _check_need(catalog: FieldCatalog, need: str) -> None:
    if need not in catalog:
        raise ValueError(f"unknown field or need {need!r}")


def _date(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _labels(catalog: FieldCatalog, codes: Iterable[str]) -> Listed:
    found = [catalog.get(c) for c in codes if c in catalog]
    return Listed(tuple(Named(f.short_ja, f.short_en) for f in found), "dot")


def _reasons(
    found: Suggestion,
    *,
    need: str,
    area_id: str,
    inside: bool,
    catalog: FieldCatalog,
    names: Mapping[str, Named],
) -> tuple[Phrase, ...]:
    """Why ``found`` is suggested for ``need`` in ``area_id``, as catalogue phrases."""
    wanted = _labels(catalog, [need])
    area = names[area_id]
    if found.exact_match:
        out = [phrase("match.reason.exact", need=wanted)]
    else:
        got = _labels(catalog, found.matched_fields)
        out = [phrase("match.reason.mapped", fields=got, need=wanted)]
    if found.citywide:
        out.append(phrase("match.reason.citywide"))
    elif found.serves_area:
        out.append(phrase("match.reason.serves", area=area))
    elif found.kind == "civic_group":
        out.append(phrase("match.reason.not_serving", area=area))
    else:
        base = names.get(found.base_area_id, Named(found.base_area_id, found.base_area_id))
        kind = phrase(f"kind.one.{found.kind}")
        out.append(phrase("match.reason.neighbour", base=base, kind=kind))
    if inside:
        out.append(phrase("match.reason.inside", area=area))
    else:
        about = "match.reason.distance_about" if found.at_center else "match.reason.distance"
        out.append(phrase(about, km=found.distance_km))
    if found.legal_entity:
        out.append(phrase(f"match.legal.{found.legal_form}"))
    if found.last_confirmed is None:
        out.append(phrase("match.reason.never_confirmed"))
    else:
        out.append(phrase("match.reason.confirmed", date=found.last_confirmed))
    return tuple(out)


def _area_polygon_m(data: CityData, area_id: str) -> Any:
    area = data.areas.loc[data.areas["area_id"] == area_id]
    return to_projected(area.geometry).iloc[0]


def distances_m(data: CityData, area_id: str, points: gpd.GeoSeries) -> np.ndarray:
    """Metres from each point to the area's polygon (0 inside), in the projected CRS.

    Parameters
    ----------
    data
        The city's data.
    area_id
        The area.
    points
        Points with a CRS set (WGS84 as loaded).

    Returns
    -------
    One distance in metres per point, in order.
    """
    _check_area(data, area_id)
    if len(points) == 0:
        return np.zeros(0, dtype=float)
    polygon = _area_polygon_m(data, area_id)
    out: np.ndarray = np.asarray(to_projected(points).distance(polygon), dtype=float)
    return out


# --- who could help this area -----------------------------------------------------------------


def candidates(data: CityData, area_id: str, need: str) -> gpd.GeoDataFrame:
    """The organisations that could partner with ``area_id`` on ``need`` (unranked).

    Civic groups active in the need, wherever they are based, and the councils and
    associations of the neighbouring areas active in it; public columns only.

    Raises
    ------
    ValueError
        For an unknown area or need.
    """
    _check_area(data, area_id)
    _check_need(data.catalog, need)
    orgs = data.organisations
    near = set(neighbours(data.areas)[area_id])
    civic = (orgs["kind"] == "civic_group").to_numpy()
    nearby = orgs["area_id"].isin(near).to_numpy() & ~civic
    mask = active_mask(orgs, (need,)) & (civic | nearby)
    return orgs.loc[mask, list(PUBLIC_ORG_COLUMNS)]


def rank_partners(
    data: CityData,
    area_id: str,
    need: str,
    *,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    limit: int | None = None,
    today: dt.date | None = None,
) -> list[Suggestion]:
    """Candidate partners for ``area_id`` on ``need``, best first, with their reasons.

    Parameters
    ----------
    data
        The city's data.
    area_id
        The area looking for partners.
    need
        A local-needs word or a law field code.
    weights
        The settings of the score.
    limit
        At most this many suggestions; all when ``None``.
    today
        The day recency is measured from; the current date when ``None``.

    Returns
    -------
    Suggestions from outside the area first, then those already active in it (see
    :attr:`Suggestion.active_here`), each part ordered by score (descending), distance
    (ascending), then ``org_id``; empty when no organisation could partner.

    Raises
    ------
    ValueError
        For an unknown area or need, or a negative limit.
    """
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    cand = candidates(data, area_id, need)
    if cand.empty:
        return []
    day = today or dt.date.today()
    names = area_names(data.areas)
    metres = distances_m(data, area_id, cand.geometry)
    ranked: list[tuple[bool, float, float, str, Suggestion]] = []
    for i, row in enumerate(cand.itertuples(index=False)):
        dist = float(metres[i])
        found = _suggestion(row, need, area_id, dist, data.catalog, weights, day)
        reasons = _reasons(
            found,
            need=need,
            area_id=area_id,
            inside=dist <= 0,
            catalog=data.catalog,
            names=names,
        )
        found = replace(found, reasons=reasons)
        ranked.append((found.active_here, -found.score, round(dist, 3), found.org_id, found))
    ranked.sort(key=lambda item: item[:4])
    out = [item[4] for item in ranked]
    return out if limit is None else out[:limit]


def _suggestion(
    row: Any,
    need: str,
    area_id: str,
    metres: float,
    catalog: FieldCatalog,
    weights: MatchWeights,
    today: dt.date,
) -> Suggestion:
    """One candidate (a row of :func:`candidates`) scored, without its reasons yet."""
    listed = tuple(str(c) for c in row.fields)
    exact = need in listed
    matched = (need,) if exact else tuple(c for c in listed if need in catalog.expand([c]))
    served = tuple(row.service_areas)
    citywide = CITYWIDE in served
    serves = citywide or area_id in served
    legal_form = str(row.legal_form or "")
    legal = legal_form in LEGAL_ENTITIES
    confirmed = _date(row.last_confirmed)
    points = (
        (weights.exact_field if exact else weights.mapped_field)
        + (weights.serves_area if serves else 0.0)
        + weights.distance * weights.distance_factor(metres)
        + (weights.legal_entity if legal else 0.0)
        + weights.recent * weights.recency_factor(confirmed, today)
    )
    return Suggestion(
        org_id=str(row.org_id),
        name=str(row.name),
        kind=str(row.kind),
        base_area_id=str(row.area_id),
        score=round(100.0 * points / weights.total, 1),
        distance_km=round(metres / 1000.0, 1),
        serves_area=serves,
        citywide=citywide,
        exact_match=exact,
        matched_fields=matched,
        legal_entity=legal,
        legal_form=legal_form,
        last_confirmed=confirmed,
        is_sample=bool(row.is_sample),
        active_here=metres <= 0 or area_id in served,
        at_center=bool(row.at_center),
    )


# --- where is this group needed ---------------------------------------------------------------

NEEDING_COLUMNS = (
    "rank",
    "area_id",
    "name_ja",
    "name_en",
    "fields",
    "severity",
    "base",
    "need",
    "serves",
    "distance_km",
    "reasons",
)


def gap_severity(row: pd.Series[Any], rule: GapRule = DEFAULT_RULE) -> float:
    """How badly an area lacks organisations in a field, 0 (no gap) to 1.

    Parameters
    ----------
    row
        One row of :func:`geo.coverage.coverage`.
    rule
        The rule the coverage was computed with.

    Returns
    -------
    1 for an area with no organisation (空白); for an area under the city's rate
    (少ない), ``(threshold - per_10k) / threshold`` with ``threshold`` the rule's share
    of the city's population-weighted rate; for an area under the national
    活動カバー率 (要注意), ``(national - rate) / national``; 0 otherwise.
    """
    reason = row["gap_reason"]
    if reason == "no_organisation":
        return 1.0
    if reason == "below_rate":
        threshold = rule.min_share_of_rate * float(row["city_rate_per_10k"])
        return _shortfall(float(row["per_10k"]), threshold)
    if reason == "below_national":
        return _shortfall(float(row["jishubo_rate"]), float(row["national_jishubo_rate"]))
    return 0.0


def _shortfall(value: float, threshold: float) -> float:
    """How far ``value`` falls short of ``threshold``, as a share of it (0–1)."""
    if not threshold > 0 or math.isnan(value):
        return 0.0
    return max(0.0, min(1.0, (threshold - value) / threshold))


@dataclass
class _AreaGaps:
    """The gap fields of one area, their worst severity and their reasons."""

    severity: float = 0.0
    fields: list[str] = field(default_factory=list)
    reasons: list[Phrase] = field(default_factory=list)

    def add(self, code: str, label: Named, row: pd.Series[Any], rule: GapRule) -> None:
        self.severity = max(self.severity, gap_severity(row, rule))
        self.fields.append(code)
        self.reasons.append(phrase("match.needing.reason", field=label, reason=gap_reason(row)))


def _gaps_of(data: CityData, org: pd.Series, rule: GapRule) -> dict[str, _AreaGaps]:
    """For every area (in order), the fields of ``org`` in which it is a gap."""
    orgs, areas = data.organisations, data.areas
    listed = [c for c in data.catalog.codes if c in set(org["fields"])]
    gaps = {str(a): _AreaGaps() for a in areas["area_id"]}
    for code in listed:
        info = data.catalog.get(code)
        label = Named(info.short_ja, info.short_en)
        for _, row in coverage(areas, orgs, (code,), rule=rule).iterrows():
            if bool(row["is_gap"]):
                gaps[str(row["area_id"])].add(code, label, row, rule)
    return gaps


def areas_needing(
    data: CityData,
    org_id: str,
    *,
    rule: GapRule = DEFAULT_RULE,
    by: str = "population",
) -> pd.DataFrame:
    """The areas where an organisation's fields are gaps, most in need first.

    For each field the organisation lists, :func:`geo.coverage.coverage` (of every
    organisation, with ``rule``) tells which areas are gaps; an area's severity is the
    largest :func:`gap_severity` over those fields and its need is the severity times
    its 2020 population (or households, with ``by="households"``).

    Parameters
    ----------
    data
        The city's data.
    org_id
        The organisation (meant for civic groups; any kind works).
    rule
        When an area is a gap.
    by
        ``population`` or ``households``.

    Returns
    -------
    One row per gap area, need descending (ties in the areas' order), with columns
    :data:`NEEDING_COLUMNS`: ``fields`` are the gap fields' codes, ``base`` the
    population or households, ``serves`` whether the organisation already serves the
    area, ``distance_km`` from its base, and the ``reasons`` as catalogue phrases
    (one line with :func:`reasons_line`).

    Raises
    ------
    ValueError
        For an unknown organisation or ``by``.
    """
    if by not in NEED_BASES:
        raise ValueError(f"by must be one of {NEED_BASES}, not {by!r}")
    orgs = data.organisations
    match = orgs.loc[orgs["org_id"] == org_id]
    if match.empty:
        raise ValueError(f"unknown organisation {org_id!r}")
    org = match.iloc[0]
    gaps = _gaps_of(data, org, rule)
    areas = data.areas
    column = "population_2020" if by == "population" else "households_2020"
    base = dict(zip(gaps, (int(v) for v in areas[column]), strict=True))
    served = tuple(org["service_areas"])
    point = gpd.GeoSeries([org.geometry], crs=orgs.crs)
    rows: list[dict[str, Any]] = []
    for order, (a, ja, en) in enumerate(zip(gaps, areas["name_ja"], areas["name_en"], strict=True)):
        found = gaps[a]
        if not found.fields:
            continue
        rows.append(
            {
                "_order": order,
                "area_id": a,
                "name_ja": str(ja),
                "name_en": str(en),
                "fields": tuple(found.fields),
                "severity": round(found.severity, 4),
                "base": base[a],
                "need": round(found.severity * base[a], 1),
                "serves": CITYWIDE in served or a in served,
                "distance_km": round(float(distances_m(data, a, point)[0]) / 1000.0, 1),
                "reasons": tuple(found.reasons),
            }
        )
    if not rows:
        return pd.DataFrame({c: [] for c in NEEDING_COLUMNS})
    out = pd.DataFrame(rows).sort_values(["need", "_order"], ascending=[False, True])
    out = out.drop(columns="_order").reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out[list(NEEDING_COLUMNS)]


# --- who is active here (the kiosk) -----------------------------------------------------------

_KIND_ORDER = {"council": 0, "association": 1, "civic_group": 2}


def active_in_area(data: CityData, area_id: str, need: str) -> gpd.GeoDataFrame:
    """Organisations active in ``need`` in ``area_id``, public columns only.

    Counted as in :func:`geo.coverage.coverage`: the area's own council and the
    associations based in it, and the civic groups whose service area includes it (or
    is citywide). For the kiosk's この分野で活動する団体.

    Returns
    -------
    Councils, then associations, then civic groups, each by name and ``org_id``.

    Raises
    ------
    ValueError
        For an unknown area or need.
    """
    _check_area(data, area_id)
    _check_need(data.catalog, need)
    orgs = data.organisations
    civic = (orgs["kind"] == "civic_group").to_numpy()
    based = (orgs["area_id"] == area_id).to_numpy()
    serves = np.fromiter(
        (CITYWIDE in s or area_id in s for s in orgs["service_areas"]),
        dtype=bool,
        count=len(orgs),
    )
    mask = active_mask(orgs, (need,)) & np.where(civic, serves, based)
    out = orgs.loc[mask, list(PUBLIC_ORG_COLUMNS)]
    order = sorted(
        range(len(out)),
        key=lambda i: (
            _KIND_ORDER.get(str(out["kind"].iloc[i]), 9),
            str(out["name"].iloc[i]),
            str(out["org_id"].iloc[i]),
        ),
    )
    return out.iloc[order]


__all__ = [
    "DEFAULT_WEIGHTS",
    "LEGAL_ENTITIES",
    "NEEDING_COLUMNS",
    "NEED_BASES",
    "REASON_CODES",
    "WEIGHT_NAMES",
    "MatchWeights",
    "Suggestion",
    "active_in_area",
    "areas_needing",
    "candidates",
    "distances_m",
    "gap_severity",
    "rank_partners",
    "reasons_line",
    "reasons_text",
]
