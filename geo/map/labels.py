"""Where each area's name goes on the map: a point well inside its largest part.

The point is the centre of the largest circle that fits inside the area's largest
part (its pole of inaccessibility), found in a local metric frame (longitudes scaled
by the cosine of the latitude), so that an area drawn in two parts, or shaped like a
crescent, is named where it is widest and never outside itself. The browser places
the names at these points, moving a name aside with a leader line where names would
collide (``L.KyodoLabels`` in ``static/map/kyodo-labels.js``).

Each area also has other places for its name, spread over all its parts and well
inside them (:func:`name_spots`): when the map shows only part of an area (zoomed in
on a neighbour), its point may be out of the frame, and the name goes to the most
inward of these places that is in the frame instead, so that every area in view is
named on itself.
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
#: The other places for a name: a grid of this share of the area's longer side, each
#: place at least a third of a step inside the area.
SPOT_STEP = 1 / 10
#: Decimals of the other places' coordinates (about 10 m).
SPOT_DECIMALS = 4
#: The other places are sent as whole steps of 1/SPOT_SCALE degree from the area's point.
SPOT_SCALE = 10**SPOT_DECIMALS


def _largest_part(geom: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(geom)
    return parts[int(np.argmax(shapely.area(parts)))]


@functools.lru_cache(maxsize=8192)
def _label_point(wkb: bytes) -> tuple[float, float, float]:
    """``(lat, lon, size)`` of the label point of one area (by WKB), and the area of
    its largest part in the local frame (square degrees of latitude)."""
    local, k = _local(_largest_part(shapely.from_wkb(wkb)))
    west, south, east, north = local.bounds
    tolerance = max(east - west, north - south, 1e-9) * PRECISION
    centre = shapely.get_point(shapely.maximum_inscribed_circle(local, tolerance), 0)
    lat = round(float(shapely.get_y(centre)), POINT_DECIMALS)
    lon = round(float(shapely.get_x(centre)) / k, POINT_DECIMALS)
    return lat, lon, float(shapely.area(local))


def _local(geom: shapely.Geometry) -> tuple[shapely.Geometry, float]:
    """``geom`` in a local frame (longitudes times the cosine of its latitude) and that
    cosine."""
    lat0 = float(shapely.get_y(shapely.centroid(geom)))
    k = float(np.cos(np.radians(lat0)))
    return shapely.transform(geom, lambda c: c * np.array([k, 1.0])), k


@functools.lru_cache(maxsize=8192)
def _spots(wkb: bytes) -> tuple[float, ...]:
    """The other places for one area's name (by WKB): flat ``lat, lon`` pairs."""
    local, k = _local(shapely.from_wkb(wkb))
    west, south, east, north = local.bounds
    step = max(east - west, north - south, 1e-9) * SPOT_STEP
    xs, ys = np.meshgrid(
        np.arange(west + step / 2, east, step), np.arange(south + step / 2, north, step)
    )
    x, y = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(local, x, y)
    depth = shapely.distance(shapely.points(x[inside], y[inside]), local.boundary)
    deep = depth >= step / 3
    order = np.argsort(-depth[deep], kind="stable")
    lats, lons = y[inside][deep][order], x[inside][deep][order] / k
    return tuple(
        round(float(v), SPOT_DECIMALS) for pair in zip(lats, lons, strict=True) for v in pair
    )


def name_spots(geom: shapely.Geometry) -> list[tuple[float, float]]:
    """Other places for an area's name, for a map that shows only part of the area:
    points of a grid over all its parts (a step of :data:`SPOT_STEP` of its longer
    side, in the local frame), each at least a third of a step from its edge, the most
    inward first.

    Parameters
    ----------
    geom
        A polygon or multipolygon in WGS84.

    Returns
    -------
    ``(lat, lon)`` pairs, rounded to :data:`SPOT_DECIMALS`; none for an area too
    narrow everywhere.
    """
    flat = _spots(shapely.to_wkb(geom))
    return list(zip(flat[::2], flat[1::2], strict=True))


def label_points(geoms: Sequence[shapely.Geometry] | np.ndarray) -> list[tuple[float, float]]:
    """``(lat, lon)`` where each area's name goes (see the module's notes).

    Parameters
    ----------
    geoms
        Polygons or multipolygons in WGS84.
    """
    wkbs = shapely.to_wkb(np.asarray(geoms, dtype=object)).tolist()
    return [_label_point(w)[:2] for w in wkbs]


def _offsets(flat: Sequence[float], lat: float, lon: float) -> list[int]:
    """Flat ``lat, lon`` pairs as whole steps of 1/:data:`SPOT_SCALE` degree from
    ``(lat, lon)``."""
    return [round((v - (lat if i % 2 == 0 else lon)) * SPOT_SCALE) for i, v in enumerate(flat)]


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
    ``[lat, lon, name, value, muted, spots]`` per area (``value`` empty without values,
    ``muted`` 0 or 1, ``spots`` the places of :func:`name_spots` as flat pairs of whole
    steps of 1/:data:`SPOT_SCALE` degree from ``lat, lon``), the smallest areas first (they get
    the best places).
    """
    wkbs = shapely.to_wkb(np.asarray(areas.geometry.values, dtype=object)).tolist()
    rows: list[tuple[float, str, list[object]]] = []
    for area_id, wkb in zip(areas["area_id"], wkbs, strict=True):
        key = str(area_id)
        lat, lon, size = _label_point(wkb)
        value = "" if values is None else values.get(key, "")
        row = [lat, lon, names[key], value, int(key in muted), _offsets(_spots(wkb), lat, lon)]
        rows.append((size, key, row))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [row for _, _, row in rows]


__all__ = [
    "PRECISION",
    "SPOT_DECIMALS",
    "SPOT_SCALE",
    "SPOT_STEP",
    "label_points",
    "label_rows",
    "name_spots",
]
