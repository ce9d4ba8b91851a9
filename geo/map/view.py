"""What the map shows and what it sends for it: the view, and the plan of each layer.

All pure: each function takes values and returns values. A point layer is sent whole
when it is small; a large one as the points in view or as counts (see
:class:`geo.map.spec.MapBudget`), planned by :func:`plan_layer`.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.map.spec import (
    DEFAULT_BUDGET,
    MAP_WIDTH,
    MAX_ZOOM,
    MIN_ZOOM,
    POINT_DECIMALS,
    VIEW_MARGIN,
    MapBudget,
)


def degrees_per_pixel(zoom: int) -> float:
    """Degrees of longitude one pixel spans at ``zoom`` (Web Mercator, 256-px tiles)."""
    return 360.0 / (256.0 * math.ldexp(1.0, zoom))


def opening_zoom(bounds: Sequence[float], width: int = MAP_WIDTH) -> int:
    """The zoom at which ``(west, south, east, north)`` fills a map ``width`` pixels wide."""
    west, south, east, north = (float(v) for v in bounds)
    span = max(east - west, north - south, 1e-9)
    zoom = math.floor(math.log2(width * 360.0 / (256 * span)))
    return min(max(zoom, MIN_ZOOM), MAX_ZOOM)


@dataclass(frozen=True)
class Viewport:
    """What the map shows: its bounds in degrees and its zoom (hashable).

    Attributes
    ----------
    west, south, east, north
        Longitudes and latitudes of the view's edges (WGS84).
    zoom
        The map's zoom level.
    """

    west: float
    south: float
    east: float
    north: float
    zoom: int

    def __post_init__(self) -> None:
        edges = (self.west, self.south, self.east, self.north)
        if not all(math.isfinite(v) for v in edges):
            raise ValueError("view bounds must be finite")
        if self.west > self.east or self.south > self.north:
            raise ValueError("view bounds must run west to east and south to north")

    def window(self, margin: float = VIEW_MARGIN) -> tuple[float, float, float, float]:
        """The view widened by ``margin`` on every side, snapped outward to tiles.

        The grid is one tile of the view's zoom (360 / 2**zoom degrees), so views
        that differ by a short pan give the same window, and so the same points.

        Returns
        -------
        ``(west, south, east, north)``.
        """
        dx = (self.east - self.west) * margin
        dy = (self.north - self.south) * margin
        step = 360.0 / 2 ** max(self.zoom, 0)
        west = math.floor((self.west - dx) / step) * step
        south = math.floor((self.south - dy) / step) * step
        east = math.ceil((self.east + dx) / step) * step
        north = math.ceil((self.north + dy) / step) * step
        return (
            round(max(west, -180.0), 9),
            round(max(south, -90.0), 9),
            round(min(east, 180.0), 9),
            round(min(north, 90.0), 9),
        )


def plan_points(
    lons: np.ndarray,
    lats: np.ndarray,
    view: Viewport | None,
    budget: MapBudget = DEFAULT_BUDGET,
) -> tuple[str, np.ndarray]:
    """How to send one layer of points, and which of them.

    Parameters
    ----------
    lons, lats
        The layer's points (NaN for a point without a place).
    view
        The map's view, ``None`` when it is not known.
    budget
        The limits.

    Returns
    -------
    ``(mode, positions)``: ``("points", every position)`` for a layer of at most
    ``budget.limit`` points; for a larger one, ``("in_view", positions in the window)``
    from ``budget.detail_zoom`` on when there are at most ``budget.limit`` of them,
    else ``("counts", positions in the window)`` (every position without a view): the
    areas these points lie in are drawn, each with the count of all its points.
    """
    count = len(lons)
    every = np.arange(count)
    if count <= budget.limit:
        return "points", every
    if view is None:
        return "counts", every
    west, south, east, north = view.window(budget.margin)
    with np.errstate(invalid="ignore"):
        inside = (lons >= west) & (lons <= east) & (lats >= south) & (lats <= north)
    shown = np.flatnonzero(inside)
    if view.zoom >= budget.detail_zoom and len(shown) <= budget.limit:
        return "in_view", shown
    return "counts", shown


def needs_view(
    orgs: pd.DataFrame,
    shelters: pd.DataFrame | None = None,
    *,
    budget: MapBudget = DEFAULT_BUDGET,
) -> bool:
    """Whether a map of these data has a large layer, and so needs to know its view.

    Parameters
    ----------
    orgs
        All the organisations the page may show (not only the filtered ones, so the
        answer stays the same while the page is open).
    shelters
        All evacuation sites.
    budget
        The limits.
    """
    kinds = orgs["kind"].value_counts()
    sizes = [int(kinds.get("association", 0)), int(kinds.get("civic_group", 0))]
    if shelters is not None:
        sizes.append(len(shelters))
    return max(sizes) > budget.limit


# --- the areas ---------------------------------------------------------------------------

_SIMPLIFIED: OrderedDict[tuple[str, float], np.ndarray] = OrderedDict()


def _simplified(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """The outlines simplified together (shared edges stay shared), remembered."""
    digest = hashlib.sha256(b"".join(shapely.to_wkb(geoms).tolist())).hexdigest()
    key = (digest, tolerance)
    if key in _SIMPLIFIED:
        _SIMPLIFIED.move_to_end(key)
        return _SIMPLIFIED[key]
    simple = shapely.coverage_simplify(geoms, tolerance)
    kept = np.where(shapely.is_empty(simple) | ~shapely.is_valid(simple), geoms, simple)
    _SIMPLIFIED[key] = kept
    while len(_SIMPLIFIED) > 8:
        _SIMPLIFIED.popitem(last=False)
    return kept


def areas_in_view(
    areas: gpd.GeoDataFrame,
    view: Viewport | None,
    budget: MapBudget = DEFAULT_BUDGET,
    *,
    keep: str | None = None,
) -> gpd.GeoDataFrame:
    """The areas a map sends for a view: all as they are, unless there are many.

    Parameters
    ----------
    areas
        All the areas (WGS84).
    view
        The map's view; ``None`` for the opening view (the whole extent).
    budget
        With at most ``budget.area_limit`` areas, all are returned unchanged. With
        more, the outlines are simplified (together, so neighbours still meet) to
        one pixel at the view's zoom (:func:`opening_zoom` without a view), and only
        the areas meeting the view widened by ``budget.margin`` are kept.
    keep
        An area kept wherever it is (the selected one).
    """
    if len(areas) <= budget.area_limit:
        return areas
    zoom = view.zoom if view is not None else opening_zoom(areas.total_bounds, budget.map_width)
    out = areas.copy()
    out["geometry"] = _simplified(areas.geometry.values, degrees_per_pixel(zoom))
    if view is None:
        return out
    window = shapely.box(*view.window(budget.margin))
    meets = shapely.intersects(out.geometry.values, window) | (out["area_id"] == keep).to_numpy()
    return out[meets]


def area_anchors(areas: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Where each area's count is drawn: ``(lat, lon)`` of a point inside the area."""
    points = shapely.point_on_surface(areas.geometry.values)
    lats = np.round(shapely.get_y(points), POINT_DECIMALS).tolist()
    lons = np.round(shapely.get_x(points), POINT_DECIMALS).tolist()
    return {
        str(a): (float(y), float(x)) for a, y, x in zip(areas["area_id"], lats, lons, strict=True)
    }


# --- counts ------------------------------------------------------------------------------


def count_rows(
    area_ids: Sequence[object],
    lons: np.ndarray,
    lats: np.ndarray,
    anchors: Mapping[str, tuple[float, float]],
    *,
    shown: np.ndarray | None = None,
) -> list[tuple[str, float, float, int]]:
    """Points counted per area, for :class:`geo.map.elements.AreaCounts`.

    Parameters
    ----------
    area_ids
        The area of each point.
    lons, lats
        The points; NaN for a point without a place, which is not counted.
    anchors
        Where each area's count goes (:func:`area_anchors`); a point of an area not
        listed is counted at the mean place of its area's points.
    shown
        Positions of the points in view: only their areas are returned (all when
        ``None``), each still with the count of all its points.

    Returns
    -------
    ``(area_id, lat, lon, count)`` per area with points, in the order of
    ``anchors``, then the other areas by id.
    """
    ids = np.asarray([str(a) for a in area_ids], dtype=object)
    valid = ~(np.isnan(lons) | np.isnan(lats))
    frame = pd.DataFrame({"area_id": ids[valid], "x": lons[valid], "y": lats[valid]})
    grouped = frame.groupby("area_id", sort=True)
    counts = grouped.size()
    mean_x, mean_y = grouped["x"].mean().to_dict(), grouped["y"].mean().to_dict()
    wanted = set(counts.index) if shown is None else set(ids[shown[valid[shown]]].tolist())
    known = [a for a in anchors if a in wanted and a in counts.index]
    others = [a for a in counts.index if a in wanted and a not in anchors]
    rows: list[tuple[str, float, float, int]] = []
    for area_id in known:
        lat, lon = anchors[area_id]
        rows.append((area_id, lat, lon, int(counts[area_id])))
    for area_id in others:
        lat = round(float(mean_y[area_id]), POINT_DECIMALS)
        lon = round(float(mean_x[area_id]), POINT_DECIMALS)
        rows.append((str(area_id), lat, lon, int(counts[area_id])))
    return rows


def _main_areas(frame: pd.DataFrame) -> pd.Series:
    """The area most points of each square (``iy``, ``ix``) are in, the first by id on a tie."""
    return (
        frame.groupby(["iy", "ix", "area_id"], sort=True)
        .size()
        .reset_index(name="k")
        .sort_values(["iy", "ix", "k", "area_id"], ascending=[True, True, False, True])
        .drop_duplicates(["iy", "ix"])
        .set_index(["iy", "ix"])["area_id"]
    )


def grid_rows(
    area_ids: Sequence[object],
    lons: np.ndarray,
    lats: np.ndarray,
    cell: float,
    *,
    shown: np.ndarray | None = None,
) -> list[tuple[float, float, int, str, int]]:
    """Points counted per square of ``cell`` degrees, for :class:`geo.map.elements.AreaCounts`.

    Parameters
    ----------
    area_ids
        The area of each point.
    lons, lats
        The points; NaN for a point without a place, which is not counted.
    cell
        Side of a square in degrees (squares are aligned on multiples of it).
    shown
        Positions of the points to count (all when ``None``).

    Returns
    -------
    ``(lat, lon, count, area_id, areas)`` per square with points, south to north then
    west to east: the mean place of its points, their number, the area most of them
    are in (the first by id on a tie) and how many areas they are in.
    """
    ids = np.asarray([str(a) for a in area_ids], dtype=object)
    picked = np.arange(len(ids)) if shown is None else np.asarray(shown, dtype=np.int64)
    picked = picked[~(np.isnan(lons[picked]) | np.isnan(lats[picked]))]
    if not len(picked):
        return []
    frame = pd.DataFrame(
        {
            "iy": np.floor(lats[picked] / cell).astype(np.int64),
            "ix": np.floor(lons[picked] / cell).astype(np.int64),
            "x": lons[picked],
            "y": lats[picked],
            "area_id": ids[picked],
        }
    )
    cells = frame.groupby(["iy", "ix"], sort=True).agg(
        y=("y", "mean"), x=("x", "mean"), n=("x", "size"), areas=("area_id", "nunique")
    )
    per_area = _main_areas(frame)
    return [
        (
            round(float(y), POINT_DECIMALS),
            round(float(x), POINT_DECIMALS),
            int(n),
            str(per_area.loc[key]),
            int(areas),
        )
        for key, y, x, n, areas in zip(
            cells.index, cells["y"], cells["x"], cells["n"], cells["areas"], strict=True
        )
    ]


# --- the plan of one point layer -----------------------------------------------------------


@dataclass(frozen=True)
class ViewPlan:
    """What every point layer of one map is planned for.

    Attributes
    ----------
    view
        The map's view; ``None`` before it is known.
    budget
        The limits.
    zoom
        The view's zoom, or the opening view's when there is no view.
    """

    view: Viewport | None
    budget: MapBudget
    zoom: int


@dataclass(frozen=True)
class Count:
    """One labelled count of a large layer: per area, or per square of the grid.

    Attributes
    ----------
    lat, lon
        Where the count is drawn.
    n
        The number of points.
    area_id
        The area (for a square: the area most of its points are in).
    several
        A square whose points are in more than one area.
    """

    lat: float
    lon: float
    n: int
    area_id: str
    several: bool = False


@dataclass(frozen=True, eq=False)
class PointPlan:
    """How one point layer is sent (see :data:`geo.map.spec.POINT_MODES`).

    Attributes
    ----------
    mode
        ``points``, ``in_view``, ``counts`` or ``grid``.
    positions
        Rows of the layer drawn as points (``points``, ``in_view``); for counts, the
        rows in view.
    counts
        The labelled counts (``counts``, ``grid``).
    """

    mode: str
    positions: np.ndarray
    counts: tuple[Count, ...] = field(default=())


def _area_counts(
    area_ids: list[object],
    lons: np.ndarray,
    lats: np.ndarray,
    shown: np.ndarray | None,
    anchors: Mapping[str, tuple[float, float]],
) -> tuple[Count, ...]:
    rows = count_rows(area_ids, lons, lats, anchors, shown=shown)
    return tuple(Count(lat, lon, n, a) for a, lat, lon, n in rows)


def _grid_counts(
    area_ids: list[object],
    lons: np.ndarray,
    lats: np.ndarray,
    shown: np.ndarray | None,
    cell: float,
) -> tuple[Count, ...]:
    rows = grid_rows(area_ids, lons, lats, cell, shown=shown)
    return tuple(Count(lat, lon, n, a, k > 1) for lat, lon, n, a, k in rows)


def plan_layer(
    area_ids: Sequence[object],
    lons: np.ndarray,
    lats: np.ndarray,
    plan: ViewPlan,
    anchors: Callable[[], Mapping[str, tuple[float, float]]],
) -> PointPlan:
    """How one point layer is sent for a view, and what it sends.

    Parameters
    ----------
    area_ids
        The area of each point.
    lons, lats
        The points; NaN for a point without a place.
    plan
        The view, budget and zoom.
    anchors
        Where each area's count goes (:func:`area_anchors`); called only when the
        layer is counted per area.

    Returns
    -------
    ``points`` or ``in_view`` with the rows to draw; ``counts`` (one per area with
    points in view, when at most ``budget.count_areas``) or ``grid`` (per square of
    ``budget.cell`` pixels at the zoom) with the counts.
    """
    mode, positions = plan_points(lons, lats, plan.view, plan.budget)
    if mode != "counts":
        return PointPlan(mode, positions)
    ids = list(area_ids)
    shown = None if plan.view is None else positions
    in_view = {ids[i] for i in positions.tolist()}
    if len(in_view) <= plan.budget.count_areas:
        return PointPlan(mode, positions, _area_counts(ids, lons, lats, shown, anchors()))
    cell = plan.budget.cell * degrees_per_pixel(plan.zoom)
    return PointPlan("grid", positions, _grid_counts(ids, lons, lats, shown, cell))


__all__ = [
    "Count",
    "PointPlan",
    "ViewPlan",
    "Viewport",
    "area_anchors",
    "areas_in_view",
    "count_rows",
    "degrees_per_pixel",
    "grid_rows",
    "needs_view",
    "opening_zoom",
    "plan_layer",
    "plan_points",
]
