"""An area's profile as tables for the page, and the terms that explain its figures.

Every ``*_frame`` function returns a :class:`pandas.DataFrame` with headers in the
language asked for (the catalogue's ``profile.<code>``, see :data:`TABLE_LABELS`).
:func:`terms` gives the one-line definitions shown as help on the page and in the
sheet's 用語 box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from geo.city import YAMAGUCHI, CityConfig
from geo.coverage import DEFAULT_RULE
from geo.profile.values import (
    AreaProfile,
    CivicGroupEntry,
    FieldCoverage,
    check_lang,
    format_int,
    format_per_10k,
    format_rate,
)
from geo.words import pick, text

#: The row labels and column headers of the tables: the catalogue's ``profile.<code>``.
TABLE_LABELS = (
    "item",
    "value",
    "population",
    "households",
    "area_km2",
    "associations",
    "association_households",
    "membership",
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
    "committee",
    "count",
    "per_10k",
    "area_per_10k",
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
    "none_in_city",
    "yes",
    "city",
)

#: Units of the figures: the catalogue's ``profile.unit.<code>`` (a number as ``{n}``).
UNITS = ("people", "households", "orgs", "sites")

#: The terms explained where their figures are shown: ``profile.term.<code>`` and
#: ``profile.def.<code>`` in the catalogue.
TERMS = ("jishubo_rate", "per_10k", "city", "gaps", "membership", "neighbours")


def _fields_text(profile: AreaProfile, codes: Sequence[str], lang: str) -> str:
    return text("sep.list", lang).join(profile.field_label(c, lang) for c in codes)


def _with_unit(value: str, unit: str, lang: str) -> str:
    return text(f"profile.unit.{unit}", lang, n=value)


def _labels(lang: str) -> dict[str, str]:
    """The tables' labels in ``lang`` (see :data:`TABLE_LABELS`)."""
    check_lang(lang)
    return {code: text(f"profile.{code}", lang) for code in TABLE_LABELS}


def hazard_names(hazards: Sequence[str], lang: str, *, short: bool = False) -> str:
    """Hazards as one list in ``lang``, by their official names (or their ``short`` ones)."""
    suffix = ".short" if short else ""
    return text("sep.list", lang).join(text(f"hazard.{h}{suffix}", lang) for h in hazards)


def membership_text(profile: AreaProfile, lang: str) -> str:
    """The 加入率 as a percentage, marked as sample when the associations are, and
    flagged when the member households outnumber the census's."""
    rate = format_rate(profile.membership_rate)
    if profile.membership_is_sample:
        rate = text("profile.membership.sample", lang, rate=rate)
    if profile.membership_rate > 1:
        rate = text("profile.membership.over", lang, rate=rate)
    return rate


def term(code: str, lang: str, profile: AreaProfile | None = None) -> tuple[str, str]:
    """One term of :data:`TERMS` and its one-line definition (with its source).

    Parameters
    ----------
    code
        The term.
    lang
        ``ja`` or ``en``.
    profile
        The area, when the definition depends on it (the 加入率 of sample data).
    """
    check_lang(lang)
    key = f"profile.def.{code}"
    if code == "membership" and profile is not None and profile.membership_is_sample:
        key = "profile.def.membership.sample"
    national = profile.national_jishubo_rate if profile else DEFAULT_RULE.national_jishubo_rate
    share = profile.gap_share if profile else DEFAULT_RULE.min_share_of_rate
    definition = text(key, lang, national=format_rate(national), share=share)
    return text(f"profile.term.{code}", lang), definition


def terms(lang: str, profile: AreaProfile | None = None) -> tuple[tuple[str, str], ...]:
    """Every term of :data:`TERMS` with its definition, in order (see :func:`term`)."""
    return tuple(term(code, lang, profile) for code in TERMS)


def _figure_rows(profile: AreaProfile, lang: str, none: str) -> list[tuple[str, str]]:
    council = profile.council
    center = profile.center
    missing = hazard_names(profile.missing_hazards, lang) if profile.missing_hazards else none
    households = format_int(profile.association_households)
    return [
        ("population", _with_unit(format_int(profile.population), "people", lang)),
        ("households", _with_unit(format_int(profile.households), "households", lang)),
        ("area_km2", f"{profile.area_km2:,.2f} km²"),
        ("associations", _with_unit(str(profile.association_count), "orgs", lang)),
        ("association_households", _with_unit(households, "households", lang)),
        ("membership", membership_text(profile, lang)),
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


#: The rows of the key figures about disaster preparedness (a page with a section of
#: its own for them may leave them out).
DISASTER_ROWS = ("jishubo_area", "jishubo_city", "jishubo_national", "shelters", "missing_hazards")


def profile_figures_frame(
    profile: AreaProfile, lang: str = "ja", *, disaster: bool = True
) -> pd.DataFrame:
    """The key figures as a two-column table (item, value) with headers in ``lang``.

    Parameters
    ----------
    profile
        The area.
    lang
        ``ja`` or ``en``.
    disaster
        Whether to include the :data:`DISASTER_ROWS`.
    """
    t = _labels(lang)
    rows = [
        (k, v)
        for k, v in _figure_rows(profile, lang, t["none"])
        if disaster or k not in DISASTER_ROWS
    ]
    return pd.DataFrame([(t[k], v) for k, v in rows], columns=[t["item"], t["value"]])


def _fields(profile: AreaProfile, kind: str | None) -> tuple[FieldCoverage, ...]:
    if kind is None:
        return profile.coverage
    return tuple(f for f in profile.coverage if f.kind == kind)


def coverage_frame(
    profile: AreaProfile, lang: str = "ja", *, kind: str | None = None
) -> pd.DataFrame:
    """The coverage profile: one row per field, the area beside the city.

    Parameters
    ----------
    profile
        The area.
    lang
        ``ja`` or ``en``.
    kind
        ``need`` for the local needs (with a column marking with ``profile.yes`` (○)
        the needs the council has a sub-committee for), ``npo`` for the law's fields,
        ``None`` for all.

    Returns
    -------
    Field, (sub-committee,) organisations, this area and the city per 10,000
    residents, and the status in one word (空白, 少ない …) by the gap rules, or
    市内に活動なし for a field nobody in the city is active in (never a gap); the
    figures are not repeated in the status.
    """
    t = _labels(lang)
    items = _fields(profile, kind)
    columns: dict[str, object] = {t["field"]: [f.label(lang) for f in items]}
    if kind == "need":
        committees = set(profile.committees)
        columns[t["committee"]] = [t["yes"] if f.code in committees else "" for f in items]
    columns[t["count"]] = [f.count for f in items]
    columns[t["area_per_10k"]] = [round(f.per_10k, 1) for f in items]
    columns[t["city_median"]] = [round(f.city_per_10k, 1) for f in items]
    columns[t["reason"]] = [
        f.status_word(lang) if f.active_in_city else t["none_in_city"] for f in items
    ]
    return pd.DataFrame(columns)


def coverage_chart_frame(profile: AreaProfile, lang: str = "ja", *, kind: str) -> pd.DataFrame:
    """The coverage as long rows for a grouped bar chart: this area and the city.

    Returns
    -------
    ``order``, ``field`` (label), ``series`` (this area's name or the city),
    ``value`` (per 10,000 residents, one decimal), ``status`` (the one word, on this
    area's rows of marked gaps only), ``low`` (this area's figure per 10,000 is
    itself the gap: 空白 or 少ない) and ``word_at`` (the longer of the field's two
    figures: where its word is written, clear of both bars).
    """
    check_lang(lang)
    city = text("profile.city", lang)
    rows = []
    for i, f in enumerate(_fields(profile, kind)):
        status = f.status_word(lang) if f.is_marked else ""
        own, whole = round(f.per_10k, 1), round(f.city_per_10k, 1)
        at = max(own, whole)
        rows.append((i, f.label(lang), profile.name(lang), own, status, f.is_low, at))
        rows.append((i, f.label(lang), city, whole, "", False, at))
    columns = ["order", "field", "series", "value", "status", "low", "word_at"]
    return pd.DataFrame(rows, columns=columns)


def neighbour_cell(field: FieldCoverage, lang: str) -> str:
    """One figure per 10,000 residents, with its status word when it is a gap."""
    value = format_per_10k(field.per_10k)
    if field.is_marked:
        return text("profile.cell.gap", lang, value=value, status=field.status_word(lang))
    return value


def neighbours_frame(profile: AreaProfile, lang: str = "ja") -> pd.DataFrame:
    """The local needs of the area beside its neighbours and the city, per 10,000.

    One row per need; columns: the field, this area, each neighbouring area (in the
    city's order) and the city. A gap's cell carries its status word.
    """
    t = _labels(lang)
    needs = profile.needs
    columns: dict[str, list[str]] = {t["field"]: [f.label(lang) for f in needs]}
    own = text("profile.this_area", lang, name=profile.name(lang))
    columns[own] = [neighbour_cell(f, lang) for f in needs]
    for near in profile.neighbours:
        cells = []
        for f in needs:
            theirs = near.need(f.code)
            cells.append(neighbour_cell(theirs, lang) if theirs else t["none"])
        columns[near.name(lang)] = cells
    columns[t["city"]] = [format_per_10k(f.city_per_10k) for f in needs]
    return pd.DataFrame(columns)


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
