"""What registry records are checked against, and the check itself.

Every write (seed, import, form) goes through :func:`check_records`, which applies the
same column rules as :func:`geo.io.validate_organisations` and reports every problem.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.city import YAMAGUCHI, CityConfig, bundled_data_dir
from geo.crs import WGS84
from geo.errors import Problem
from geo.fields import FieldCatalog
from geo.io import (
    check_inside,
    load_areas,
    load_centers,
    load_fields,
    load_outline,
    load_towns,
    org_columns,
)
from geo.registry.columns import RECORD_COLUMNS
from geo.registry.places import Gazetteer
from geo.registry.values import Vocabulary
from geo.schema import parse_table


class Reference:
    """One city's reference data, each part read from ``data_dir`` when first needed.

    Parameters
    ----------
    data_dir
        The city's data directory (its bundled data when ``None``).
    city
        The city.
    """

    def __init__(self, data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> None:
        self.city = city
        self.data_dir = data_dir if data_dir is not None else bundled_data_dir(city)

    @classmethod
    def load(cls, data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> Reference:
        """The reference data of ``data_dir``, read in full now (raises on bad files)."""
        ref = cls(data_dir, city)
        for part in ("catalog", "outline", "areas", "towns", "centers"):
            getattr(ref, part)
        return ref

    @cached_property
    def catalog(self) -> FieldCatalog:
        """The field catalogue."""
        return load_fields(self.data_dir)

    @cached_property
    def outline(self) -> shapely.Geometry:
        """The city outline."""
        return load_outline(self.data_dir)

    @cached_property
    def areas(self) -> gpd.GeoDataFrame:
        """The areas."""
        return load_areas(self.data_dir, self.city)

    @cached_property
    def towns(self) -> gpd.GeoDataFrame:
        """The 町字 points."""
        return load_towns(self.data_dir, self.city)

    @cached_property
    def centers(self) -> gpd.GeoDataFrame:
        """The areas' centers."""
        return load_centers(self.data_dir, self.city)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Words for fields and areas."""
        return Vocabulary.build(self.catalog, self.city)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Address lookup."""
        return Gazetteer(self.towns, self.centers, self.city)

    def area_at(self, lon: float, lat: float) -> str | None:
        """The area containing the point, or ``None``."""
        pt = shapely.Point(lon, lat)
        for area_id, geom in zip(self.areas["area_id"], self.areas.geometry, strict=True):
            if geom.covers(pt):
                return str(area_id)
        return None


def _points(frame: pd.DataFrame) -> gpd.GeoSeries:
    geoms: list[shapely.Geometry | None] = []
    for lon, lat in zip(frame["lon"], frame["lat"], strict=True):
        try:
            geoms.append(shapely.Point(float(lon), float(lat)))
        except (TypeError, ValueError):
            geoms.append(None)
    return gpd.GeoSeries(geoms, crs=WGS84)


def check_records(frame: pd.DataFrame, source: str, ref: Reference) -> list[Problem]:
    """Every problem of a table of canonical records (rows numbered from 1).

    Parameters
    ----------
    frame
        Text cells with the columns of :data:`~geo.registry.columns.RECORD_COLUMNS`.
    source
        Name for the problem reports.
    ref
        The city's reference data.
    """
    table = frame.reset_index(drop=True)
    missing = [c for c in RECORD_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"records lack columns {missing}")
    _, problems = parse_table(table, org_columns(ref.catalog, ref.city.area_ids), source)
    problems += check_inside(_points(table), ref.outline, source)
    return problems
