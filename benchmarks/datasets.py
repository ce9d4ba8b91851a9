"""The datasets the benchmarks draw: the bundled city, synthetic city and national data.

Each is a :class:`Dataset` that builds the real map (:func:`geo.map.build`) and
the baseline (one ``folium.Marker`` per point over unsimplified boundaries).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd

from benchmarks import synthetic
from geo.build import build_areas, read_raw
from geo.coverage import coverage
from geo.crs import WGS84
from geo.errors import DataValidationError
from geo.fields import FieldCatalog
from geo.io import load_city
from geo.map import (
    DEFAULT_BUDGET,
    FROM_THE_INTERNET,
    MapAssets,
    MapBudget,
    MapInputs,
    MapSpec,
    Viewport,
    build,
    compose,
)
from geo.model import CityData
from geo.settings import load_settings
from geo.sources import Source

#: What the main page shows by default.
MAIN = MapSpec()
#: Size of the map on the page, in pixels (the explorer's map on a 1440-px screen).
MAP_PIXELS = (1000, 620)


def view_around(lat: float, lon: float, zoom: int) -> Viewport:
    """The bounds a map of :data:`MAP_PIXELS` shows around ``(lat, lon)`` at ``zoom``."""
    per_pixel = 360.0 / (256 * 2**zoom)  # degrees of longitude per pixel
    half_w = MAP_PIXELS[0] / 2 * per_pixel
    half_h = MAP_PIXELS[1] / 2 * per_pixel * math.cos(math.radians(lat))
    return Viewport(lon - half_w, lat - half_h, lon + half_w, lat + half_h, zoom)


#: Zoomed-in views of the large datasets: central Yamaguchi (湯田) and central Tokyo.
CITY_DETAIL = {10_000: view_around(34.16, 131.46, 14), 100_000: view_around(34.16, 131.46, 17)}
NATIONAL_DETAIL = view_around(35.68, 139.76, 13)


@dataclass(frozen=True)
class Dataset:
    """Everything one map needs."""

    name: str
    areas: gpd.GeoDataFrame
    orgs: gpd.GeoDataFrame
    centers: gpd.GeoDataFrame
    shelters: gpd.GeoDataFrame
    catalog: FieldCatalog
    sources: tuple[Source, ...]
    detail: Viewport | None = None

    @property
    def points(self) -> int:
        """Points the map stands for: organisations and evacuation sites."""
        return len(self.orgs) + len(self.shelters)

    @property
    def inputs(self) -> MapInputs:
        """What the map is built from."""
        return MapInputs(
            self.areas, self.orgs, self.centers, self.shelters, self.catalog, self.sources
        )

    @functools.cached_property
    def cov(self) -> pd.DataFrame:
        """Coverage of every area by every organisation, any field."""
        return coverage(self.areas, self.orgs, ())

    def build(
        self,
        spec: MapSpec = MAIN,
        *,
        view: Viewport | None = None,
        budget: MapBudget = DEFAULT_BUDGET,
        assets: MapAssets = FROM_THE_INTERNET,
    ) -> folium.Map:
        """The map as the main page draws it (for one view), as one page."""
        return compose(build(self.inputs, self.cov, spec, view=view, budget=budget, assets=assets))

    def html(
        self,
        spec: MapSpec = MAIN,
        *,
        view: Viewport | None = None,
        assets: MapAssets = FROM_THE_INTERNET,
    ) -> str:
        """The rendered page of :meth:`build`."""
        m = self.build(spec, view=view, assets=assets)
        return str(m.get_root().render())


@functools.cache
def city_data() -> CityData:
    """The bundled city."""
    return load_city()


def bundled() -> Dataset:
    """The bundled data, as the app loads it."""
    data = city_data()
    return Dataset(
        "default",
        data.areas,
        data.organisations,
        data.centers,
        data.shelters,
        data.catalog,
        data.sources,
    )


@functools.cache
def city(n: int) -> Dataset:
    """``n`` synthetic organisations over the city's 21 areas, with its sites."""
    data = city_data()
    orgs = synthetic.synthetic_organisations(n, data.areas, data.catalog)
    return Dataset(
        f"city {n:,}",
        data.areas,
        orgs,
        data.centers,
        data.shelters,
        data.catalog,
        data.sources,
        CITY_DETAIL.get(n, view_around(34.16, 131.46, 17)),
    )


@functools.cache
def national(n: int) -> Dataset | None:
    """``n`` synthetic organisations over Japan's 1,741 municipalities (no sites).

    ``None`` when the national outlines are not on this machine.
    """
    if synthetic.japan_file() is None:
        return None
    data = city_data()
    areas = synthetic.national_areas()
    orgs = synthetic.synthetic_organisations(n, areas, data.catalog)
    return Dataset(
        f"national {n:,}",
        areas,
        orgs,
        data.centers.iloc[:0],
        data.shelters.iloc[:0],
        data.catalog,
        data.sources,
        NATIONAL_DETAIL,
    )


@functools.cache
def exact_city_areas() -> tuple[gpd.GeoDataFrame, str]:
    """The city's areas as dissolved from the census blocks, before simplification.

    Returns
    -------
    The areas (WGS84) and a note on where they come from: the shipped (simplified)
    areas when the raw data is not on this machine.
    """
    raw_dir = load_settings().raw_dir
    try:
        raw = read_raw(raw_dir)
    except DataValidationError as exc:
        note = f"raw census blocks not found in {raw_dir} ({exc}); baseline uses simplified areas"
        return city_data().areas, note
    _, exact = build_areas(raw)
    areas = gpd.GeoDataFrame(
        {"area_id": list(exact.index)}, geometry=exact.geometry.values, crs=exact.crs
    ).to_crs(WGS84)
    return areas, "baseline areas: unsimplified, dissolved from the census blocks"


def baseline_map(
    areas: gpd.GeoDataFrame,
    points: Sequence[tuple[float, float, str]],
    *,
    location: Sequence[float],
) -> folium.Map:
    """folium's obvious map: the areas as GeoJson and one Marker with a popup per point."""
    m = folium.Map(location=list(location), zoom_start=10, tiles=None)
    folium.GeoJson(areas.__geo_interface__, name="areas").add_to(m)
    for lat, lon, name in points:
        folium.Marker([lat, lon], popup=name).add_to(m)
    return m


def baseline_html(
    areas: gpd.GeoDataFrame,
    points: Sequence[tuple[float, float, str]],
    *,
    location: Sequence[float],
) -> str:
    """The rendered page of :func:`baseline_map`."""
    return str(baseline_map(areas, points, location=location).get_root().render())


def baseline_points(ds: Dataset) -> list[tuple[float, float, str]]:
    """``(lat, lon, name)`` of every organisation and evacuation site."""
    out = []
    for frame in (ds.orgs, ds.shelters):
        for name, geom in zip(frame["name"], frame.geometry, strict=True):
            out.append((float(geom.y), float(geom.x), str(name)))
    return out
