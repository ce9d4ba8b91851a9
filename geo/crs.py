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


def _reproject(data: _G, crs: str) -> _G:
    if data.crs is None:
        raise ValueError("geometry has no CRS; refusing to guess")
    return data.to_crs(crs)


def to_projected(data: _G) -> _G:
    """Return a copy of ``data`` in the projected CRS (metres, EPSG:6671).

    Parameters
    ----------
    data
        Frame or series with a CRS set; raises ``ValueError`` without one.
    """
    return _reproject(data, PROJECTED)


def to_wgs84(data: _G) -> _G:
    """Return a copy of ``data`` in WGS84 longitude/latitude (EPSG:4326).

    Parameters
    ----------
    data
        Frame or series with a CRS set; raises ``ValueError`` without one.
    """
    return _reproject(data, WGS84)


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
