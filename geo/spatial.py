"""Spatial helpers: which area a point is in, which areas are neighbours."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.crs import PROJECTED


def neighbours(
    areas: gpd.GeoDataFrame, *, id_column: str = "area_id"
) -> dict[str, tuple[str, ...]]:
    """Areas sharing a border with each area.

    Parameters
    ----------
    areas
        Polygons forming a coverage (shared edges), any CRS.
    id_column
        Column holding the area id.

    Returns
    -------
    Area id -> ids of the areas it shares a border (not just a point) with, sorted.
    """
    projected = areas.to_crs(PROJECTED)
    geoms = projected.geometry.values
    ids = projected[id_column].tolist()
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    out: dict[str, set[str]] = {a: set() for a in ids}
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        shared = shapely.intersection(geoms[i], geoms[j])
        if shapely.length(shared) > 1.0 or shapely.area(shared) > 0:
            out[ids[i]].add(ids[j])
            out[ids[j]].add(ids[i])
    return {a: tuple(sorted(v)) for a, v in out.items()}


def area_of_points(
    points: gpd.GeoSeries, areas: gpd.GeoDataFrame, *, id_column: str = "area_id"
) -> list[str | None]:
    """The id of the area each point lies in, ``None`` outside every area.

    Uses an STR-tree query with the ``within`` predicate on prepared polygons,
    which is far faster on detailed boundaries than a default spatial join.

    Parameters
    ----------
    points
        Points in the same CRS as ``areas``.
    areas
        Polygons.
    id_column
        Column holding the area id.

    Returns
    -------
    One id (or ``None``) per point, in order.
    """
    if points.crs != areas.crs:
        raise ValueError("points and areas must share a CRS")
    geoms = areas.geometry.values
    shapely.prepare(geoms)
    tree = shapely.STRtree(geoms)
    pts, polys = tree.query(points.values, predicate="within")
    ids = np.asarray(areas[id_column].tolist(), dtype=object)
    out = np.full(len(points), None, dtype=object)
    # where areas overlap, the first match wins
    found, first = np.unique(pts, return_index=True)
    out[found] = ids[polys[first]]
    result: list[str | None] = out.tolist()
    return result
