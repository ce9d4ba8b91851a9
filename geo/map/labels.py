"""Where each area's name goes on the map: a point well inside its largest part.

The point is the centre of the largest circle that fits inside the area's largest
part (its pole of inaccessibility), found in a local metric frame (longitudes scaled
by the cosine of the latitude), so that an area drawn in two parts, or shaped like a
crescent, is named where it is widest and never outside itself. The browser places
the names at these points, moving a name aside with a leader line where names would
collide (``L.kyodo.labels`` in ``static/map/kyodo.js``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import shapely

from geo.map.spec import POINT_DECIMALS

#: The largest circle is found to this share of the part's longer side.
PRECISION = 0.01


def _largest_part(geom: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(geom)
    return parts[int(np.argmax(shapely.area(parts)))]


@functools.lru_cache(maxsize=8192)
def _label_point(wkb: bytes) -> tuple[float, float, float]:
    """``(lat, lon, size)`` of the label point of one area (by WKB), and the area of
    its largest part in the local frame (square degrees of latitude)."""
    part = _largest_part(shapely.from_wkb(wkb))
    lat0 = float(shapely.get_y(shapely.centroid(part)))
    k = float(np.cos(np.radians(lat0)))
    local = shapely.transform(part, lambda c: c * np.array([k, 1.0]))
    west, south, east, north = local.bounds
    tolerance = max(east - west, north - south, 1e-9) * PRECISION
    centre = shapely.get_point(shapely.maximum_inscribed_circle(local, tolerance), 0)
    lat = round(float(shapely.get_y(centre)), POINT_DECIMALS)
    lon = round(float(shapely.get_x(centre)) / k, POINT_DECIMALS)
    return lat, lon, float(shapely.area(local))


def label_points(geoms: Sequence[shapely.Geometry] | np.ndarray) -> list[tuple[float, float]]:
    """``(lat, lon)`` where each area's name goes (see the module's notes).

    Parameters
    ----------
    geoms
        Polygons or multipolygons in WGS84.
    """
    wkbs = shapely.to_wkb(np.asarray(geoms, dtype=object)).tolist()
    return [_label_point(w)[:2] for w in wkbs]


def label_rows(
    areas: gpd.GeoDataFrame,
    names: Mapping[str, str],
    values: Mapping[str, str] | None = None,
    muted: frozenset[str] = frozenset(),
) -> list[list[object]]:
    """One row per area for :class:`geo.map.elements.AreaLabels`, smallest area first.

    Parameters
    ----------
    areas
        The areas to name (``area_id`` and geometry, WGS84).
    names
        Escaped names by area id.
    values
        Escaped values by area id, shown under the names; ``None`` for none.
    muted
        Areas outside the focus, named in grey.

    Returns
    -------
    ``[lat, lon, name, value, muted]`` per area (``value`` empty without values,
    ``muted`` 0 or 1), the smallest areas first (they get the best places).
    """
    wkbs = shapely.to_wkb(np.asarray(areas.geometry.values, dtype=object)).tolist()
    rows: list[tuple[float, str, list[object]]] = []
    for area_id, wkb in zip(areas["area_id"], wkbs, strict=True):
        key = str(area_id)
        lat, lon, size = _label_point(wkb)
        value = "" if values is None else values.get(key, "")
        rows.append((size, key, [lat, lon, names[key], value, int(key in muted)]))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [row for _, _, row in rows]


__all__ = ["PRECISION", "label_points", "label_rows"]
