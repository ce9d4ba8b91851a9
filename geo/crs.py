"""The one home for coordinate reference systems.

Maps and stored data use WGS84 (EPSG:4326). Areas, distances and simplification
use JGD2011 / Japan Plane Rectangular CS III (EPSG:6671), which covers Yamaguchi
Prefecture with metre units.
"""

from __future__ import annotations

from typing import TypeVar

import geopandas as gpd

WGS84 = "EPSG:4326"
PROJECTED = "EPSG:6671"

_G = TypeVar("_G", gpd.GeoDataFrame, gpd.GeoSeries)


def to_projected(data: _G) -> _G:
    """Return a copy of ``data`` in the projected CRS (metres).

    Parameters
    ----------
    data
        Frame or series with a CRS set.

    Returns
    -------
    The same type, reprojected to EPSG:6671.
    """
    if data.crs is None:
        raise ValueError("geometry has no CRS; refusing to guess")
    return data.to_crs(PROJECTED)


def to_wgs84(data: _G) -> _G:
    """Return a copy of ``data`` in WGS84 longitude/latitude.

    Parameters
    ----------
    data
        Frame or series with a CRS set.

    Returns
    -------
    The same type, reprojected to EPSG:4326.
    """
    if data.crs is None:
        raise ValueError("geometry has no CRS; refusing to guess")
    return data.to_crs(WGS84)


def area_km2(data: gpd.GeoDataFrame | gpd.GeoSeries) -> list[float]:
    """Area of each geometry in square kilometres, measured in the projected CRS.

    Parameters
    ----------
    data
        Polygons with a CRS set.

    Returns
    -------
    One float per geometry.
    """
    projected = to_projected(data)
    return [float(a) / 1e6 for a in projected.area]
