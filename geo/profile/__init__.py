"""One area's profile: everything the area page and the printed sheet show.

:func:`area_profile` gathers, for one 地域, the census figures, its council, center,
associations (with their 加入率) and civic groups, the 自主防災組織 活動カバー率
beside the city and the national figure, the designated evacuation sites with their
hazards, the coverage of the 8 local needs and of the NPO Law's 20 fields beside the
city (gaps marked by the rules of :func:`geo.coverage.coverage`), and the same local
needs for the areas sharing its boundary. The result is a frozen value
(:mod:`geo.profile.values`); :mod:`geo.profile.tables` turns it into tables with
Japanese or English headers, ready to show, and gives the definitions of its terms.

Private organisation columns (representative, phone, email, notes) are never read.
"""

from __future__ import annotations

from geo.profile.build import CITY_FIGURE, area_profile, area_profiles, missing_hazards
from geo.profile.tables import (
    TABLE_LABELS,
    TERMS,
    UNITS,
    associations_frame,
    civic_groups_frame,
    coverage_chart_frame,
    coverage_frame,
    hazard_names,
    membership_text,
    neighbour_cell,
    neighbours_frame,
    profile_figures_frame,
    shelters_frame,
    term,
    terms,
)
from geo.profile.values import (
    LANGS,
    MAIN_HAZARDS,
    AreaProfile,
    AssociationEntry,
    Center,
    CivicGroupEntry,
    Council,
    FieldCoverage,
    Neighbour,
    ShelterEntry,
    format_int,
    format_per_10k,
    format_rate,
)

__all__ = [
    "CITY_FIGURE",
    "LANGS",
    "MAIN_HAZARDS",
    "TABLE_LABELS",
    "TERMS",
    "UNITS",
    "AreaProfile",
    "AssociationEntry",
    "Center",
    "CivicGroupEntry",
    "Council",
    "FieldCoverage",
    "Neighbour",
    "ShelterEntry",
    "area_profile",
    "area_profiles",
    "associations_frame",
    "civic_groups_frame",
    "coverage_chart_frame",
    "coverage_frame",
    "format_int",
    "format_per_10k",
    "format_rate",
    "hazard_names",
    "membership_text",
    "missing_hazards",
    "neighbour_cell",
    "neighbours_frame",
    "profile_figures_frame",
    "shelters_frame",
    "term",
    "terms",
]
