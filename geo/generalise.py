"""Cartographic clean-up of simplified boundaries: spikes left by the simplification.

Simplifying a coverage keeps the points where three boundaries meet. A narrow strip of
land (a breakwater, a river bank) that ends at such a point can then collapse into a
spike: two edges leaving the same point almost in the same direction, a few metres
apart. Drawn, it looks like a scratch on the map; printed, like a needle off the coast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import shapely

#: A vertex whose two edges meet at less than this (degrees) is a spike's tip.
SPIKE_MAX_ANGLE_DEG = 12.0
#: Rounds of removal at most; a tip removed can leave a new one behind it.
_MAX_ROUNDS = 8


def _angles(coords: np.ndarray) -> np.ndarray:
    """The angle (degrees) at each vertex of a closed ring (last point not repeated)."""
    before = np.roll(coords, 1, axis=0) - coords
    after = np.roll(coords, -1, axis=0) - coords
    lengths = np.hypot(*before.T) * np.hypot(*after.T)
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = np.einsum("ij,ij->i", before, after) / lengths
    return np.where(lengths > 0, np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))), 180.0)


def _ring_without_spikes(
    ring: shapely.LinearRing, max_angle_deg: float, taken: Callable[[shapely.Polygon], bool]
) -> np.ndarray:
    """The ring's points without the tips of its spikes and notches.

    A notch (a tip pointing into the polygon) is filled only where ``taken`` says that
    nothing else lies in it.
    """
    coords = np.asarray(ring.coords)[:-1]
    for _ in range(_MAX_ROUNDS):
        if len(coords) <= 4:
            break
        area = shapely.Polygon(coords).area
        removed = False
        angles = _angles(coords)
        for index in np.argsort(angles):
            if angles[index] >= max_angle_deg:
                break
            candidate = np.delete(coords, index, axis=0)
            polygon = shapely.Polygon(candidate)
            if not polygon.is_valid:
                continue
            notch = shapely.Polygon(np.roll(coords, 1 - index, axis=0)[:3])
            if polygon.area < area or not taken(notch):
                coords, removed = candidate, True
                break
        if not removed:
            break
    return np.vstack([coords, coords[:1]])


def _polygon_without_spikes(
    polygon: shapely.Polygon, max_angle_deg: float, taken: Callable[[shapely.Polygon], bool]
) -> shapely.Polygon:
    shell = _ring_without_spikes(polygon.exterior, max_angle_deg, taken)
    holes = [np.asarray(ring.coords) for ring in polygon.interiors]
    cleaned = shapely.Polygon(shell, holes)
    return cleaned if cleaned.is_valid else polygon


def drop_spikes(
    geometries: Sequence[shapely.Geometry], max_angle_deg: float = SPIKE_MAX_ANGLE_DEG
) -> list[shapely.Geometry]:
    """Remove the tips of spikes and notches from a coverage of (Multi)Polygons.

    An outward spike's tip is removed (its polygon shrinks, which never overlaps a
    neighbour). A notch's tip is removed, filling the notch, only where no other
    geometry lies in it (a crack of sea into the land, not a neighbour's spike). A tip
    is removed only while its polygon stays valid; holes are kept as they are.

    Parameters
    ----------
    geometries
        Polygons or MultiPolygons in a projected CRS, e.g. the output of
        ``shapely.coverage_simplify``.
    max_angle_deg
        Vertices whose edges meet at less than this angle are spike tips.

    Returns
    -------
    list of shapely.Geometry
        The geometries in the same order; any other geometry type is returned as is.
    """
    cleaned = list(geometries)
    tree = shapely.STRtree(cleaned)
    for position, geometry in enumerate(cleaned):

        def taken(notch: shapely.Polygon, position: int = position) -> bool:
            others = [i for i in tree.query(notch) if i != position]
            return any(shapely.intersection(notch, cleaned[i]).area > 1e-6 for i in others)

        if isinstance(geometry, shapely.Polygon):
            cleaned[position] = _polygon_without_spikes(geometry, max_angle_deg, taken)
        elif isinstance(geometry, shapely.MultiPolygon):
            parts = shapely.MultiPolygon(
                [_polygon_without_spikes(p, max_angle_deg, taken) for p in geometry.geoms]
            )
            cleaned[position] = parts if parts.is_valid else geometry
    return cleaned


def sharpest_angle(geometry: shapely.Geometry) -> float:
    """The smallest angle (degrees) at any vertex of a (Multi)Polygon's outer rings."""
    parts = getattr(geometry, "geoms", [geometry])
    return min(float(_angles(np.asarray(part.exterior.coords)[:-1]).min()) for part in parts)
