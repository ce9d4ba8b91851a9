"""The sheet's map of the area, drawn with matplotlib.

No network tiles: the map draws the areas' outlines (the neighbours named) and the
points of the profile. Its legend is text on the page (:mod:`geo.sheet.summary`),
drawn with the same :data:`LAYER_STYLES`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from geo.crs import WGS84, to_projected
from geo.model import CityData, area_names_in
from geo.profile import AreaProfile
from geo.sheet.style import (
    AREA_FILL,
    BLUE,
    DPI,
    GREEN,
    NEIGHBOUR_FILL,
    ORANGE,
    PURPLE,
    SHEET_LANG,
    font,
)


@dataclass(frozen=True)
class LayerStyle:
    """How one kind of point is drawn: a matplotlib marker, its colour and size (pt)."""

    marker: str
    colour: str
    size: float


#: The map's point layers, bottom to top; the keys name ``sheet.layer.<key>``.
LAYER_STYLES = {
    "associations": LayerStyle("o", BLUE, 3.2),
    "groups": LayerStyle("o", PURPLE, 3.2),
    "shelters": LayerStyle("^", GREEN, 5.0),
    "center": LayerStyle("*", ORANGE, 11.0),
}


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _polygon_path(geom: shapely.Geometry) -> MplPath:
    """A matplotlib path of a polygon or multipolygon, holes included."""
    rings = []
    for poly in getattr(geom, "geoms", [geom]):
        rings.append(MplPath(list(poly.exterior.coords), closed=True))
        rings.extend(MplPath(list(r.coords), closed=True) for r in poly.interiors)
    return MplPath.make_compound_path(*rings)


def _view(bounds: Sequence[float], aspect: float, pad: float = 0.06) -> tuple[float, ...]:
    """(xmin, xmax, ymin, ymax) around ``bounds`` padded and widened to ``aspect`` (w/h)."""
    x0, y0, x1, y1 = bounds
    w, h = (x1 - x0) * (1 + 2 * pad), (y1 - y0) * (1 + 2 * pad)
    w, h = max(w, h * aspect, 1.0), max(h, w / aspect, 1.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _nice_length(width_m: float) -> float:
    """A round scale-bar length near a quarter of ``width_m``."""
    target = width_m / 4
    choices = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
    return float(max((c for c in choices if c <= target), default=choices[0]))


def _scale_bar(ax: Axes, view: tuple[float, ...]) -> None:
    x0, x1, y0, y1 = view
    length = _nice_length(x1 - x0)
    left, base = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.04
    tick = (y1 - y0) * 0.012
    ax.add_patch(
        Rectangle(
            (left - tick, base - tick),
            length + 2 * tick,
            tick * 5.5,
            facecolor="white",
            edgecolor="none",
            alpha=0.8,
            zorder=6,
        )
    )
    ax.plot(
        [left, left, left + length, left + length],
        [base + tick, base, base, base + tick],
        color="black",
        linewidth=1.0,
        zorder=7,
    )
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    ax.text(
        left + length / 2,
        base + tick * 1.4,
        label,
        ha="center",
        va="bottom",
        fontproperties=font(7.5),
        zorder=7,
    )


def _north_arrow(ax: Axes) -> None:
    ax.annotate(
        "N",
        xy=(0.95, 0.97),
        xytext=(0.95, 0.87),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="top",
        fontproperties=font(8),
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 0.8},
        zorder=7,
    )


def _projected_xy(lons: Sequence[float], lats: Sequence[float]) -> tuple[list[float], list[float]]:
    points = to_projected(gpd.GeoSeries(gpd.points_from_xy(lons, lats), crs=WGS84))
    return [float(p.x) for p in points], [float(p.y) for p in points]


def _draw_areas(
    ax: Axes, areas: gpd.GeoDataFrame, area_id: str, view: tuple[float, ...], lang: str
) -> None:
    """Fill the area and, in light grey with their names, the neighbours in view."""
    box = shapely.box(view[0], view[2], view[1], view[3])
    names = area_names_in(areas, lang).values()
    for aid, name, geom in zip(areas["area_id"], names, areas.geometry, strict=True):
        if not geom.intersects(box):
            continue
        own = aid == area_id
        ax.add_patch(
            PathPatch(
                _polygon_path(geom),
                facecolor=AREA_FILL if own else NEIGHBOUR_FILL,
                edgecolor="#333333" if own else "white",
                linewidth=1.3 if own else 0.8,
                zorder=2 if own else 1,
            )
        )
        visible = shapely.intersection(geom, box.buffer(-0.06 * (view[1] - view[0])))
        if not own and visible.area > 0.02 * box.area:
            spot = visible.representative_point()
            ax.text(
                spot.x,
                spot.y,
                str(name),
                ha="center",
                va="center",
                color="#6E6E6E",
                fontproperties=font(8),
                zorder=1.5,
                clip_on=True,
            )


def map_png(
    profile: AreaProfile,
    data: CityData,
    *,
    width_mm: float,
    height_mm: float,
    lang: str = SHEET_LANG,
) -> bytes:
    """A PNG map of the area: its neighbours, center, organisations and evacuation sites.

    Parameters
    ----------
    profile
        The area.
    data
        The city, for the boundaries of the area and its neighbours.
    width_mm, height_mm
        Size of the image on the page.
    lang
        The language of the neighbours' names.

    Returns
    -------
    PNG bytes at :data:`DPI` (no legend: see :data:`LAYER_STYLES`).
    """
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    areas = to_projected(data.areas)
    own = areas[areas["area_id"] == profile.area_id]
    view = _view(own.total_bounds.tolist(), width_mm / height_mm)
    _draw_areas(ax, areas, profile.area_id, view, lang)
    _draw_points(ax, profile)
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#999999")
        spine.set_linewidth(0.6)
    _scale_bar(ax, view)
    _north_arrow(ax)
    return _png(fig)


def _points(profile: AreaProfile) -> dict[str, list[tuple[float, float]]]:
    """The points of each layer of :data:`LAYER_STYLES`."""
    return {
        "associations": [(a.lon, a.lat) for a in profile.associations],
        "groups": [(g.lon, g.lat) for g in profile.civic_groups if g.based_here],
        "shelters": [(s.lon, s.lat) for s in profile.shelters],
        "center": [(c.lon, c.lat) for c in [profile.center] if c is not None],
    }


def _draw_points(ax: Axes, profile: AreaProfile) -> None:
    """Plot the organisations, sites and center."""
    points = _points(profile)
    for z, (key, style) in enumerate(LAYER_STYLES.items(), start=3):
        if not points[key]:
            continue
        xs, ys = _projected_xy([p[0] for p in points[key]], [p[1] for p in points[key]])
        line: dict[str, Any] = {
            "linestyle": "none",
            "marker": style.marker,
            "markerfacecolor": style.colour,
            "markeredgecolor": "black" if style.marker == "*" else "white",
            "markeredgewidth": 0.4,
        }
        ax.plot(xs, ys, markersize=style.size, zorder=z, **line)
