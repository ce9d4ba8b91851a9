"""The shared vocabulary of the data: codes, column allowlists and the loaded city.

A leaf of the core: every other module of geo/ (loading, coverage, the map, the
registry) reads its words for organisation kinds, hazards and columns from here, and
this module imports nothing that could import it back.

:class:`OrgSource` is where the organisations of a city come from: the bundled
``organisations.csv`` (:class:`geo.io.CsvOrganisations`) or the registry
(:class:`geo.registry.RegistryOrganisations`). The edges (the app's cache, the command
lines) choose one and hand it to :func:`geo.io.load_city`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import geopandas as gpd
import pandas as pd
import shapely

from geo.city import YAMAGUCHI, CityConfig
from geo.fields import FieldCatalog
from geo.sources import Source
from geo.words import Named

#: Kinds of organisation, in the order pages list them.
ORG_KINDS = ("council", "association", "civic_group")
#: Legal forms (``""`` in a file: unknown).
LEGAL_FORMS = ("npo_corp", "general_inc", "authorized", "voluntary")
#: How certain an area's boundary is.
CONFIDENCE = ("high", "approximate")
#: Hazards a shelter can be designated for, in the order of the official list.
HAZARDS = (
    "flood",
    "landslide",
    "storm_surge",
    "earthquake",
    "tsunami",
    "large_fire",
    "inland_flood",
    "volcano",
)
#: The service area of an organisation active in the whole city.
CITYWIDE = "*"
#: Most member households an organisation may give (世帯数): more than any association
#: has, so a figure above it is a slip (a phone number in the wrong column, a pasted
#: total), refused where it enters instead of making a 加入率 of thousands of percent.
MAX_HOUSEHOLDS = 100_000

#: Organisation columns that may be shown to the public (kiosk, public exports).
PUBLIC_ORG_COLUMNS = (
    "org_id",
    "kind",
    "name",
    "fields",
    "terms",
    "area_id",
    "service_areas",
    "legal_form",
    "households",
    "has_jishubo",
    "last_confirmed",
    "is_sample",
    "address",
    "at_center",
    "corporate_number",
    "name_kana",
    "portal_url",
    "geometry",
)
#: Organisation columns that never leave the staff views.
PRIVATE_ORG_COLUMNS = ("representative", "phone", "email", "notes", "purpose")
#: Columns a real list brings and the bundled sample leaves out (an organisations file
#: may omit them): the 法人番号, the name in kana (法人名称カナ), the corporation's page
#: on the NPO portal (public) and the purpose in its articles (定款に記載された目的,
#: staff only).
CORPORATE_COLUMNS = ("corporate_number", "name_kana", "portal_url", "purpose")
#: Organisation columns derived when organisations are loaded, never written in a file:
#: ``terms``, every field an organisation is active in (its fields expanded through the
#: need mapping), and ``at_center``, whether its point is its 地域's 交流センター,
#: standing in for an address known only to the area (so the map says the place is
#: approximate).
DERIVED_ORG_COLUMNS = ("terms", "at_center")
#: Columns of the bundled ``organisations.csv``, in order: the public ones located by
#: lon/lat (:data:`DERIVED_ORG_COLUMNS` are derived when loading), then the private ones.
ORG_FILE_COLUMNS = (
    *(
        c
        for c in PUBLIC_ORG_COLUMNS
        if c not in (*DERIVED_ORG_COLUMNS, "geometry", *CORPORATE_COLUMNS)
    ),
    "lon",
    "lat",
    *(c for c in PRIVATE_ORG_COLUMNS if c not in CORPORATE_COLUMNS),
)
#: Columns of an organisation's record in the registry (and of its exports, imports
#: and edits): the bundled file's, then :data:`CORPORATE_COLUMNS`.
ORG_RECORD_COLUMNS = (*ORG_FILE_COLUMNS, *CORPORATE_COLUMNS)
#: Where an organisation came into the registry (its ``source``): the bundled sample,
#: a staff list, the edit form, the national NPO法人 file, a bulk load. A staff list of
#: civic groups never retires what the national file brought.
ORG_SOURCES = ("seed", "import", "form", "npo_portal", "bulk")
NPO_PORTAL = "npo_portal"


class OrgSource(Protocol):
    """Where a city's organisations come from (the CSV file or the registry)."""

    def read_organisations(self) -> gpd.GeoDataFrame:
        """The active organisations, checked and typed.

        Returns
        -------
        The frame :func:`geo.io.validate_organisations` returns: points in WGS84, one
        row per organisation, with ``terms`` derived.

        Raises
        ------
        DataValidationError
            When the organisations have problems (every problem listed).
        """
        ...


@dataclass(frozen=True)
class CityData:
    """Everything loaded for one city (read-only: never mutate these frames)."""

    areas: gpd.GeoDataFrame
    outline: shapely.Geometry
    centers: gpd.GeoDataFrame
    shelters: gpd.GeoDataFrame
    towns: gpd.GeoDataFrame
    catalog: FieldCatalog
    organisations: gpd.GeoDataFrame
    sources: tuple[Source, ...]
    config: CityConfig = YAMAGUCHI


def area_names(areas: pd.DataFrame) -> dict[str, Named]:
    """Each area's name in both languages, by id, in the areas' order.

    Parameters
    ----------
    areas
        Areas with ``area_id``, ``name_ja`` and ``name_en``.
    """
    columns = (areas["area_id"], areas["name_ja"], areas["name_en"])
    return {str(a): Named(str(ja), str(en)) for a, ja, en in zip(*columns, strict=True)}


def area_names_in(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each area's name in ``lang``, by id, in the areas' order (see :func:`area_names`)."""
    return {a: name.in_lang(lang) for a, name in area_names(areas).items()}


__all__ = [
    "CITYWIDE",
    "CONFIDENCE",
    "CORPORATE_COLUMNS",
    "DERIVED_ORG_COLUMNS",
    "HAZARDS",
    "LEGAL_FORMS",
    "MAX_HOUSEHOLDS",
    "NPO_PORTAL",
    "ORG_FILE_COLUMNS",
    "ORG_KINDS",
    "ORG_RECORD_COLUMNS",
    "ORG_SOURCES",
    "PRIVATE_ORG_COLUMNS",
    "PUBLIC_ORG_COLUMNS",
    "CityData",
    "OrgSource",
    "area_names",
    "area_names_in",
]
