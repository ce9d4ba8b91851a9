"""The sheet's images, drawn with matplotlib: the area's map and the coverage chart.

No network tiles: the map draws the areas' outlines and the points of the profile.
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
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from geo.crs import WGS84, to_projected
from geo.model import CityData
from geo.profile import AreaProfile, FieldCoverage
from geo.sheet.style import (
    AREA_FILL,
    BLUE,
    DPI,
    GREEN,
    NEIGHBOUR_FILL,
    ORANGE,
    PURPLE,
    SHEET_LANG,
    SKY,
    VERMILLION,
    font,
)
from geo.words import pick, text


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
        fontproperties=font(6),
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
        fontproperties=font(7),
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
    names = [pick(lang, ja, en) for ja, en in zip(areas["name_ja"], areas["name_en"], strict=True)]
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
                color="#8C8C8C",
                fontproperties=font(6.5),
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
        The language of the names and the legend.

    Returns
    -------
    PNG bytes at :data:`DPI`.
    """
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)
    legend_h = 0.13
    ax = fig.add_axes((0.0, legend_h, 1.0, 1.0 - legend_h))
    areas = to_projected(data.areas)
    own = areas[areas["area_id"] == profile.area_id]
    aspect = width_mm / (height_mm * (1 - legend_h))
    view = _view(own.total_bounds.tolist(), aspect)
    _draw_areas(ax, areas, profile.area_id, view, lang)
    handles = _draw_points(ax, profile, lang)
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
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=2,
        prop=font(6.5),
        frameon=False,
        handletextpad=0.3,
        columnspacing=1.2,
        borderaxespad=0.2,
    )
    return _png(fig)


@dataclass(frozen=True)
class _Layer:
    """One kind of point on the map, with its legend label and marker."""

    label: str
    marker: str
    colour: str
    size: float
    points: tuple[tuple[float, float], ...]


def _layers(profile: AreaProfile, lang: str) -> tuple[_Layer, ...]:
    """The map's point layers, bottom to top."""
    groups = [g for g in profile.civic_groups if g.based_here]
    center = [profile.center] if profile.center else []
    associations = tuple((a.lon, a.lat) for a in profile.associations)
    shelters = tuple((x.lon, x.lat) for x in profile.shelters)
    return (
        _Layer(text("sheet.layer.associations", lang), "o", BLUE, 3.2, associations),
        _Layer(
            text("sheet.layer.groups", lang),
            "o",
            PURPLE,
            3.2,
            tuple((g.lon, g.lat) for g in groups),
        ),
        _Layer(text("sheet.layer.shelters", lang), "^", GREEN, 5.0, shelters),
        _Layer(
            text("sheet.layer.center", lang),
            "*",
            ORANGE,
            11.0,
            tuple((c.lon, c.lat) for c in center),
        ),
    )


def _draw_points(ax: Axes, profile: AreaProfile, lang: str) -> list[Line2D]:
    """Plot the organisations, sites and center; return the legend handles."""
    handles = []
    for z, layer in enumerate(_layers(profile, lang), start=3):
        style: dict[str, Any] = {
            "linestyle": "none",
            "marker": layer.marker,
            "markerfacecolor": layer.colour,
            "markeredgecolor": "black" if layer.marker == "*" else "white",
            "markeredgewidth": 0.4,
        }
        if layer.points:
            xs, ys = _projected_xy([p[0] for p in layer.points], [p[1] for p in layer.points])
            ax.plot(xs, ys, markersize=layer.size, zorder=z, **style)
        label = text("sheet.layer.count", lang, label=layer.label, n=len(layer.points))
        handles.append(Line2D([], [], markersize=layer.size + 0.5, label=label, **style))
    return handles


def coverage_png(
    fields: Sequence[FieldCoverage],
    *,
    width_mm: float,
    height_mm: float,
    lang: str = SHEET_LANG,
) -> bytes:
    """A horizontal bar chart of the area's organisations per 10,000 residents by field.

    The city median is a black tick; gap fields are hatched vermillion bars with a
    vermillion label and the word 空白, so they read without colour too.

    Parameters
    ----------
    fields
        The fields to draw, top to bottom.
    width_mm, height_mm
        Size of the image on the page.
    lang
        The language of the labels and the legend.

    Returns
    -------
    PNG bytes at :data:`DPI`.
    """
    layout = ConstrainedLayoutEngine(w_pad=0.02, h_pad=0.02)
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI, layout=layout)
    ax = fig.add_subplot()
    ys = list(range(len(fields)))
    values = [f.per_10k for f in fields]
    top = max([*values, *(f.city_median_per_10k for f in fields), 1.0]) * 1.12
    _bars(ax, fields, ys, text("sheet.chart.gap", lang))
    ax.set_yticks(ys, [f.label(lang) for f in fields], fontproperties=font(6.2))
    for label, f in zip(ax.get_yticklabels(), fields, strict=True):
        label.set_color(VERMILLION if f.is_gap else "#222222")
    ax.set_ylim(len(fields) - 0.5, -0.5)
    ax.set_xlim(0, top)
    ax.tick_params(axis="x", labelsize=5.5, length=2, pad=1)
    ax.tick_params(axis="y", length=0, pad=2)
    ax.set_xlabel(text("sheet.chart.axis", lang), fontproperties=font(6), labelpad=1)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.5, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    needs = sum(not f.code.startswith("npo") for f in fields)
    if 0 < needs < len(fields):
        ax.axhline(needs - 0.5, color="#999999", linewidth=0.5, linestyle=(0, (2, 2)))
    handles = [
        Patch(facecolor=SKY, label=text("sheet.chart.area", lang)),
        Patch(
            facecolor=VERMILLION,
            hatch="//////",
            edgecolor="white",
            label=text("sheet.chart.gap_fields", lang),
        ),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="|",
            markersize=6,
            markeredgewidth=1.3,
            color="black",
            label=text("sheet.chart.median", lang),
        ),
    ]
    fig.legend(
        handles=handles,
        loc="outside upper center",
        ncol=3,
        prop=font(6),
        frameon=False,
        handlelength=1.4,
        columnspacing=1.5,
    )
    return _png(fig)


def _bars(ax: Axes, fields: Sequence[FieldCoverage], ys: Sequence[int], gap: str) -> None:
    values = [f.per_10k for f in fields]
    colours = [VERMILLION if f.is_gap else SKY for f in fields]
    bars = ax.barh(ys, values, height=0.64, color=colours, edgecolor="none", zorder=2)
    for bar, f, y in zip(bars, fields, ys, strict=True):
        if f.is_gap:
            bar.set_hatch("//////")
            bar.set_edgecolor("white")
            ax.text(
                max(f.per_10k, f.city_median_per_10k),
                y,
                f"  {gap}",
                va="center",
                ha="left",
                color=VERMILLION,
                fontproperties=font(5.8),
                zorder=4,
            )
    ax.plot(
        [f.city_median_per_10k for f in fields],
        ys,
        linestyle="none",
        marker="|",
        markersize=6.5,
        markeredgewidth=1.3,
        color="black",
        zorder=3,
    )
