"""The map: areas shaded by coverage, gaps marked, and the organisations as points.

:func:`build_map` turns the loaded data, a coverage frame and a :class:`MapSpec` into a
:class:`folium.Map`. Everything here is pure (no Streamlit) and deterministic: the same
inputs give byte-identical HTML.

The page shows the map in two parts (:func:`build_map_parts`, :class:`MapParts`): a
base map that only the basemap choice changes, and the layers a view draws on it
(areas, legend, points, layer control). ``st_folium`` reloads its frame when the base
changes but swaps the layers in place, so changing the metric, the fields, the
filter, the layers, the selected area or the language does not reload the map.
:func:`build_map` is the two parts put together into one map.

Safety and size
    Every text that comes from data passes through :func:`escape_text` before it is put
    into a layer, and the data arrays are embedded as JSON that cannot close a
    ``<script>``. Private organisation columns (:data:`geo.io.PRIVATE_ORG_COLUMNS`) are
    never read. Points are sent as one compact array per layer (built into circle
    markers in the browser), their coordinates and the area outlines as delta-encoded
    integers (1e-5°, about 1 m), which keeps the page of the whole city under 150 KB.

Large data
    A point layer with more points than ``limit`` (:class:`MapBudget`) is not sent
    whole. Without a view, or at a zoom below ``detail_zoom``, it is drawn as labelled
    counts (:class:`AreaCounts`): one per area, at a point inside it, or, when more
    than ``count_areas`` areas have points in view, one per square of ``cell`` pixels.
    From ``detail_zoom`` on it is drawn as the points within the view widened by
    ``margin`` (:class:`Viewport`), as long as there are at most ``limit`` of them, else
    as counts again. With more than ``area_limit`` areas, their outlines are simplified
    to a pixel at the view's zoom and only those in the widened view are sent. The
    page passes the view ``st_folium`` returns (:func:`viewport_of`) and asks for it
    only when the data has a large layer (:func:`needs_view`), so panning a city-sized
    map never reruns the script. The settings, on :class:`MapBudget`:

    ================  ========  ====================================================
    setting           default   meaning
    ================  ========  ====================================================
    ``limit``         5000      points of one layer sent as they are; above it the
                                layer is large, and never more are sent
    ``detail_zoom``   12        zoom from which a large layer shows points, not counts
    ``margin``        0.25      share of the view's width and height added on every
                                side before points and areas are picked (then snapped
                                outward to the zoom's tile grid, so short pans send
                                the same)
    ``count_areas``   150       areas labelled one by one with their counts; with more
                                in view, counts per square
    ``cell``          64        side of a counted square, in pixels
    ``area_limit``    300       areas sent with their outlines as they are; with more,
                                simplified to the view and only those in view
    ``map_width``     1024      width of the map in pixels assumed for the zoom of the
                                opening view, before the map has reported its view
    ================  ========  ====================================================

    The councils layer (one point per 地域交流センター) is always sent whole.

Browser libraries
    The map needs Leaflet, plus Leaflet.markercluster for the civic groups; nothing
    else (no jQuery, Bootstrap or Font Awesome). By default they come from the CDNs
    folium names. :func:`embed_assets` and :func:`localise_assets` replace them with
    local copies found under :func:`asset_dirs` (Debian's ``libjs-leaflet`` and
    ``libjs-leaflet.markercluster`` install them under ``/usr/share/javascript``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import mimetypes
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import xyzservices  # type: ignore[import-untyped]  # comes with folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from geo.coverage import METRICS, gap_reason_text
from geo.fields import FieldCatalog
from geo.model import HAZARDS, CityData
from geo.sources import Source, attribution_lines

# --- vocabulary --------------------------------------------------------------------------

LAYERS = ("councils", "associations", "civic_groups", "shelters")
BASEMAPS = ("gsi", "osm", "none")
LANGS = ("ja", "en")

#: Names of the switchable layers, as shown in the layer control.
LAYER_NAMES: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "councils": "地域づくり協議会・地域交流センター",
        "associations": "自治会・町内会",
        "civic_groups": "市民活動団体",
        "shelters": "避難所",
    },
    "en": {
        "councils": "Area councils & community centers",
        "associations": "Neighbourhood associations",
        "civic_groups": "Civic groups",
        "shelters": "Evacuation sites",
    },
}

#: The hazards a site is designated for, in words.
HAZARD_LABELS: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "flood": "洪水",
        "landslide": "土砂災害",
        "storm_surge": "高潮",
        "earthquake": "地震",
        "tsunami": "津波",
        "large_fire": "大規模な火事",
        "inland_flood": "内水氾濫",
        "volcano": "火山現象",
    },
    "en": {
        "flood": "flood",
        "landslide": "landslide",
        "storm_surge": "storm surge",
        "earthquake": "earthquake",
        "tsunami": "tsunami",
        "large_fire": "large fire",
        "inland_flood": "inland flooding",
        "volcano": "volcano",
    },
}

#: Names of the metrics, for the legend and the tooltip.
METRIC_LABELS: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "count": "活動する団体の数",
        "per_10k": "人口1万人あたりの団体数",
        "jishubo_rate": "自主防災組織 活動カバー率",
    },
    "en": {
        "count": "Organisations active",
        "per_10k": "Organisations per 10,000 residents",
        "jishubo_rate": "Households covered by a voluntary disaster-prevention group",
    },
}

_TEXT: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "areas": "地域",
        "area": "地域",
        "status": "状況",
        "fields": "分野",
        "all_fields": "すべての分野",
        "gap": "空白地域（団体がない・少ない）",
        "selected": "選択中の地域",
        "or_more": "{lo} 以上",
        "sample": "サンプル（架空の団体）",
        "site": "指定緊急避難場所",
        "for": "対象：",
        "also_shelter": "指定避難所を兼ねる",
        "sep": "、",
        "council": "地域づくり協議会",
        "association": "自治会・町内会",
        "civic_group": "市民活動団体",
        "count_value": "{n} 団体",
        "per_10k_value": "{v:.1f} 団体／1万人",
        "org_count": "：{n} 団体",
        "site_count": "：{n} か所",
        "others": "ほか",
    },
    "en": {
        "areas": "Areas",
        "area": "Area",
        "status": "Status",
        "fields": "Fields",
        "all_fields": "all fields",
        "gap": "Gap (no or few organisations)",
        "selected": "Selected area",
        "or_more": "{lo} or more",
        "sample": "Sample (fictitious)",
        "site": "Designated evacuation site",
        "for": "For: ",
        "also_shelter": "Also a designated shelter",
        "sep": ", ",
        "council": "Area council",
        "association": "Neighbourhood association",
        "civic_group": "Civic group",
        "count_value": "{n} organisations",
        "per_10k_value": "{v:.1f} per 10,000",
        "org_count": ": {n} organisations",
        "site_count": ": {n} sites",
        "others": " and others",
    },
}

# --- styles ----------------------------------------------------------------------------

#: ColorBrewer YlGnBu, 5 classes: sequential and colour-blind safe.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
GAP_COLOR = "#d7191c"
GAP_DASH = "6 4"
SELECTED_COLOR = "#000000"
FILL_OPACITY = 0.6

#: Point styles (Okabe–Ito colours, a dark rim so they show on every class colour).
POINT_STYLES: Mapping[str, Mapping[str, object]] = {
    "councils": {
        "radius": 8,
        "color": "#ffffff",
        "weight": 2,
        "fillColor": "#cc79a7",
        "fillOpacity": 0.95,
    },
    "associations": {
        "radius": 5,
        "color": "#333333",
        "weight": 1,
        "fillColor": "#0072b2",
        "fillOpacity": 0.85,
    },
    "civic_groups": {
        "radius": 6,
        "color": "#333333",
        "weight": 1,
        "fillColor": "#e69f00",
        "fillOpacity": 0.9,
    },
    "shelters": {
        "radius": 4,
        "color": "#333333",
        "weight": 1,
        "fillColor": "#009e73",
        "fillOpacity": 0.9,
    },
}

GSI_TILES = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"
GSI_ATTRIBUTION = (
    '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank">出典：国土地理院</a>'
)
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '© <a href="https://www.openstreetmap.org/copyright" target="_blank">'
    "OpenStreetMap</a> contributors"
)

MIN_ZOOM = 5
MAX_ZOOM = 18

#: Decimals of point coordinates (about 1 m).
POINT_DECIMALS = 5
#: Area outlines are sent as integers in units of 1e-5 degrees.
_SCALE = 10**POINT_DECIMALS

#: Points of one layer sent as they are; a layer with more is large (see :class:`MapBudget`).
POINT_LIMIT = 5_000
#: Zoom from which a large layer shows its points in view instead of counts.
DETAIL_ZOOM = 12
#: Share of the view's width and height added on every side before points are picked.
VIEW_MARGIN = 0.25
#: Areas labelled one by one with their counts; with more in view, counts per square.
COUNT_AREAS = 150
#: Side of a counted square, in pixels.
COUNT_CELL = 64
#: Areas whose outlines are sent as they are; more are simplified to the view.
AREA_LIMIT = 300
#: Map width (pixels) assumed for the zoom of the opening view.
MAP_WIDTH = 1024


@dataclass(frozen=True)
class MapBudget:
    """How much of large data one map sends (see the table in the module's notes).

    Attributes
    ----------
    limit
        Points of one layer sent as they are. A layer with more is *large*: it is sent
        as the points in view when there are at most ``limit`` of them, else as counts.
    detail_zoom
        Zoom from which a large layer shows the points in view; below it, counts.
    margin
        Share of the view's width and height added on every side before picking the
        points and areas in view, so that a short pan needs nothing new.
    count_areas
        Areas labelled one by one with their counts; with more in view, the counts
        are per square of ``cell`` pixels.
    cell
        Side of a counted square, in pixels.
    area_limit
        Areas sent with their outlines as they are; with more, the outlines are
        simplified to a pixel at the view's zoom and only those in view are sent.
    map_width
        Width of the map in pixels assumed for the zoom of the opening view.
    """

    limit: int = POINT_LIMIT
    detail_zoom: int = DETAIL_ZOOM
    margin: float = VIEW_MARGIN
    count_areas: int = COUNT_AREAS
    cell: int = COUNT_CELL
    area_limit: int = AREA_LIMIT
    map_width: int = MAP_WIDTH

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise ValueError("limit must be at least 1")
        if not MIN_ZOOM <= self.detail_zoom <= MAX_ZOOM:
            raise ValueError(f"detail_zoom must be between {MIN_ZOOM} and {MAX_ZOOM}")
        if not 0 <= self.margin <= 2:
            raise ValueError("margin must be between 0 and 2")
        for name in ("count_areas", "cell", "area_limit", "map_width"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


DEFAULT_BUDGET = MapBudget()


def degrees_per_pixel(zoom: int) -> float:
    """Degrees of longitude one pixel spans at ``zoom`` (Web Mercator, 256-px tiles)."""
    return 360.0 / (256.0 * math.ldexp(1.0, zoom))


def opening_zoom(bounds: Sequence[float], width: int = MAP_WIDTH) -> int:
    """The zoom at which ``(west, south, east, north)`` fills a map ``width`` pixels wide."""
    west, south, east, north = (float(v) for v in bounds)
    span = max(east - west, north - south, 1e-9)
    zoom = math.floor(math.log2(width * 360.0 / (256 * span)))
    return min(max(zoom, MIN_ZOOM), MAX_ZOOM)


#: How a point layer was sent: every point, the points in view, counts per area or
#: counts per square.
POINT_MODES = ("points", "in_view", "counts", "grid")


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


def _number_or_none(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def viewport_of(returned: Mapping[str, Any] | None) -> Viewport | None:
    """The view of the map, from what ``st_folium`` returns with ``bounds`` and ``zoom``.

    Parameters
    ----------
    returned
        The dict returned by ``st_folium`` (or kept under its key in the session):
        ``bounds`` is ``{"_southWest": {"lat", "lng"}, "_northEast": {"lat", "lng"}}``
        and ``zoom`` a number.

    Returns
    -------
    The view, with longitudes clamped to ±180 and latitudes to ±90 and the zoom
    rounded down to a whole level, or ``None`` when anything is missing or malformed
    (before the map has reported its view, for one).
    """
    if not isinstance(returned, Mapping):
        return None
    bounds = returned.get("bounds")
    zoom = _number_or_none(returned.get("zoom"))
    if not isinstance(bounds, Mapping) or zoom is None:
        return None
    corners = []
    for key in ("_southWest", "_northEast"):
        corner = bounds.get(key)
        if not isinstance(corner, Mapping):
            return None
        lat, lng = _number_or_none(corner.get("lat")), _number_or_none(corner.get("lng"))
        if lat is None or lng is None:
            return None
        corners.append((min(max(lng, -180.0), 180.0), min(max(lat, -90.0), 90.0)))
    (west, south), (east, north) = corners
    if west > east or south > north:
        return None
    level = min(max(math.floor(zoom), 0), MAX_ZOOM)
    return Viewport(west=west, south=south, east=east, north=north, zoom=level)


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


# --- escaping ----------------------------------------------------------------------------

_TEMPLATE_CHARS = str.maketrans({"$": "&#36;", "`": "&#96;", "{": "&#123;", "}": "&#125;"})


def escape_text(value: object) -> str:
    """Text that is inert in HTML, in JavaScript template literals and in templates.

    Parameters
    ----------
    value
        Anything; ``None`` and missing values (NaN, ``pd.NA``) give ``""``.

    Returns
    -------
    ``html.escape(str(value), quote=True)`` with ``$``, the backtick, ``{`` and ``}``
    also replaced by character references.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, str):
        return _escape_str(value)
    return _escape_str(str(value))


@functools.lru_cache(maxsize=65_536)
def _escape_str(text: str) -> str:
    # names repeat on every rerun: escaping each distinct text once is enough
    return html.escape(text, quote=True).translate(_TEMPLATE_CHARS)


def _script_json(value: object) -> str:
    """Compact JSON that is safe inside ``<script>`` (no ``<`` or ``>`` at all)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --- the spec ----------------------------------------------------------------------------


def _ordered(values: Sequence[str], order: Sequence[str], what: str) -> tuple[str, ...]:
    unknown = sorted(set(values) - set(order))
    if unknown:
        raise ValueError(f"unknown {what}: {unknown}")
    wanted = set(values)
    return tuple(v for v in order if v in wanted)


@dataclass(frozen=True)
class MapSpec:
    """What the map shows. Hashable, so the page can cache on it.

    Sequences are normalised on creation (duplicates dropped, a fixed order), so two
    specs that draw the same map are equal.

    Attributes
    ----------
    metric
        What shades the areas: ``count``, ``per_10k`` or ``jishubo_rate``.
    fields
        The field codes the coverage was computed for (named in the legend).
    layers
        Point layers to draw: ``councils``, ``associations``, ``civic_groups``,
        ``shelters``.
    hazards
        Shelters shown: those designated for any of these hazards
        (:data:`geo.io.HAZARDS`); empty shows all.
    basemap
        ``gsi`` (国土地理院 標準地図), ``osm`` or ``none``.
    lang
        ``ja`` or ``en``.
    area_id
        The selected area, outlined; the map opens on it. ``None`` for none.
    touch
        A touch screen (the kiosk): one finger scrolls the page instead of dragging the
        map, and the map's text is large. Changes the base map.
    """

    metric: str = "count"
    fields: tuple[str, ...] = ()
    layers: tuple[str, ...] = LAYERS
    hazards: tuple[str, ...] = ()
    basemap: str = "gsi"
    lang: str = "ja"
    area_id: str | None = None
    touch: bool = False

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}; expected one of {METRICS}")
        if self.basemap not in BASEMAPS:
            raise ValueError(f"unknown basemap {self.basemap!r}; expected one of {BASEMAPS}")
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}; expected one of {LANGS}")
        object.__setattr__(self, "fields", tuple(sorted(set(self.fields))))
        object.__setattr__(self, "layers", _ordered(self.layers, LAYERS, "layers"))
        object.__setattr__(self, "hazards", _ordered(self.hazards, HAZARDS, "hazards"))
        if self.area_id == "":
            object.__setattr__(self, "area_id", None)


# --- classes of the choropleth ---------------------------------------------------------------


def _nice_step(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least ``x``."""
    if x <= 0:
        return 1.0
    exp = math.floor(math.log10(x))
    for f in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = f * 10.0**exp
        if step >= x * (1 - 1e-12):
            return round(step, 10)
    return 10.0 ** (exp + 1)  # pragma: no cover - the loop always returns


def class_breaks(values: Sequence[float], metric: str) -> tuple[float, ...]:
    """Lower edges of the five classes of the scale.

    Parameters
    ----------
    values
        The metric of every area.
    metric
        ``count``, ``per_10k`` or ``jishubo_rate``.

    Returns
    -------
    Five increasing lower edges starting at 0; class ``i`` holds values from edge
    ``i`` up to (not including) edge ``i + 1``, the last class everything above.
    Counts use whole steps, ``per_10k`` round steps (1, 2, 2.5, 5 × 10^k) and the
    rate fixed steps of 20 %.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    if metric == "jishubo_rate":
        return (0.0, 0.2, 0.4, 0.6, 0.8)
    top = max((float(v) for v in values), default=0.0)
    n = len(PALETTE)
    step = float(max(1, math.ceil(top / n))) if metric == "count" else _nice_step(top / n)
    return tuple(round(step * i, 10) for i in range(n))


def class_of(value: float, breaks: Sequence[float]) -> int:
    """Index of the class ``value`` falls in (see :func:`class_breaks`)."""
    index = 0
    for i, lower in enumerate(breaks):
        if value >= lower - 1e-12:
            index = i
    return index


def _number(x: float) -> str:
    return f"{x:g}"


def class_labels(breaks: Sequence[float], metric: str, lang: str) -> list[str]:
    """The range of each class in words, e.g. ``0–4``, ``5–9`` … ``20 以上``."""
    text = _TEXT[lang]
    out = []
    for i, lo in enumerate(breaks):
        last = i == len(breaks) - 1
        if metric == "jishubo_rate":
            hi = 1.0 if last else breaks[i + 1]
            out.append(f"{lo * 100:.0f}–{hi * 100:.0f}%")
        elif last:
            out.append(text["or_more"].format(lo=_number(lo)))
        elif metric == "count":
            hi = int(breaks[i + 1]) - 1
            out.append(_number(lo) if hi <= lo else f"{_number(lo)}–{hi}")
        else:
            out.append(f"{_number(lo)}–{_number(breaks[i + 1])}")
    return out


def format_value(value: float, metric: str, lang: str) -> str:
    """The metric of one area in words."""
    text = _TEXT[lang]
    if metric == "count":
        return text["count_value"].format(n=int(value))
    if metric == "per_10k":
        return text["per_10k_value"].format(v=float(value))
    return f"{float(value) * 100:.1f}%"


def _metric_column(metric: str) -> str:
    return "total" if metric == "count" else metric


def area_style(klass: int, *, is_gap: bool, selected: bool) -> dict[str, object]:
    """The Leaflet path style of one area.

    Parameters
    ----------
    klass
        Class index into :data:`PALETTE`.
    is_gap
        Gaps get a thick dashed red outline and a hatched fill.
    selected
        The selected area gets a thick black outline.
    """
    style: dict[str, object] = {
        "fillColor": PALETTE[klass],
        "fillOpacity": FILL_OPACITY,
        "color": "#666666",
        "weight": 1,
        "className": f"kyodo-area kyodo-c{klass}",
    }
    if is_gap:
        style.update(color=GAP_COLOR, weight=3, dashArray=GAP_DASH)
        style["className"] = f"kyodo-area kyodo-gap kyodo-c{klass}"
    if selected:
        style.update(color=SELECTED_COLOR, weight=5)
        style.pop("dashArray", None)
    return style


# --- geometry encoding ---------------------------------------------------------------------


def _ring(coords: Any) -> tuple[list[int], list[list[float]]]:
    """Delta-encoded integers (for the browser) and the decoded ring (for Python)."""
    ints = np.rint(np.asarray(coords, dtype=float)[:, :2] * _SCALE).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    decoded: list[list[float]] = (ints / _SCALE).tolist()
    return deltas.ravel().tolist(), decoded


def _polygon(poly: shapely.Polygon) -> tuple[list[list[int]], list[list[list[float]]]]:
    rings = [poly.exterior, *poly.interiors]
    pairs = [_ring(r.coords) for r in rings]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _encode_geometry(geom: shapely.Geometry) -> tuple[list[Any], dict[str, Any]]:
    """``[type, encoded rings]`` for the browser and the same shape as GeoJSON."""
    if geom.geom_type == "Polygon":
        enc, dec = _polygon(geom)
        return ["Polygon", enc], {"type": "Polygon", "coordinates": dec}
    if geom.geom_type == "MultiPolygon":
        parts = [_polygon(p) for p in geom.geoms]
        return (
            ["MultiPolygon", [p[0] for p in parts]],
            {"type": "MultiPolygon", "coordinates": [p[1] for p in parts]},
        )
    raise ValueError(f"areas must be polygons, not {geom.geom_type}")


@functools.lru_cache(maxsize=4096)
def _encoded(wkb: bytes) -> tuple[str, dict[str, Any]]:
    """The browser's encoding as JSON, and the GeoJSON geometry, of one area (by WKB).

    The outlines stay the same from one view to the next, so each is encoded once;
    callers must not change the GeoJSON they get.
    """
    enc, dec = _encode_geometry(shapely.from_wkb(wkb))
    return _script_json(enc), dec


# --- elements --------------------------------------------------------------------------------


class _Text(Element):
    """Text already rendered: put into the page as it is, not compiled again."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


_NAME_PREFIXES: dict[str, str] = {}


class _CachedName(Element):
    """``get_name()`` with the snake-case prefix of each class name worked out once.

    branca converts the class name on every call, and the page asks hundreds of times.
    """

    def get_name(self) -> str:
        """``<snake_case name>_<id>``, as branca makes it."""
        prefix = _NAME_PREFIXES.get(self._name)
        if prefix is None:
            full = str(super().get_name())
            prefix = _NAME_PREFIXES[self._name] = full[: len(full) - len(self._id)]
        return prefix + self._id


class _FastRender(_CachedName, MacroElement):
    """Render an element's macros into the page as plain text.

    branca wraps each rendered macro in a new ``Element(text)``, which compiles the
    text — with the layer's whole data payload — as a Jinja template again, on every
    render. Passing the text through unchanged is faster and means nothing in the data
    can ever be read as template syntax.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Add the header, html and script macros of the template, then the children."""
        _render_fast(self, **kwargs)


def _render_fast(element: Any, **kwargs: Any) -> None:
    """What :meth:`_FastRender.render` does, for any element."""
    figure = element.get_root()
    if hasattr(element, "parent_map"):  # folium's GeoJson looks up its map here
        element.parent_map = get_obj_in_upper_tree(element, folium.Map)
    parent = element._parent
    if isinstance(element, Layer) and element.show and parent is not None:
        # as folium's Layer.render does
        element.add_child(
            _AddTo(
                element_name=element.get_name(),
                element_parent_name=parent.get_name(),
            ),
            name=element.get_name() + "_add",
        )
    module = element._template.module.__dict__
    for part in ("header", "html", "script"):
        macro = module.get(part)
        if macro is not None:
            getattr(figure, part).add_child(_Text(macro(element, kwargs)), name=element.get_name())
    for child in list(element._children.values()):
        child.render(**kwargs)


class KyodoMap(_CachedName, folium.Map):
    """A :class:`folium.Map` whose page is the same however often it is rendered.

    folium adds the ``addTo`` calls of layers at render time under random names, so a
    second render would repeat them; the page script is rebuilt from scratch instead.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Render into the figure, dropping what an earlier render left in its script.

        As :class:`folium.Map` renders (its libraries, then its macros and children),
        without compiling the rendered text again (see :class:`_FastRender`).
        """
        figure = self.get_root()
        assert isinstance(figure, Figure)
        figure.script._children.clear()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        _render_fast(self, **kwargs)


class _AddTo(_FastRender, ElementAddToElement):
    """``child.addTo(parent);``, rendered without compiling it again."""


class _Group(_FastRender, folium.FeatureGroup):
    """A feature group rendered without compiling its script again."""


class _Tiles(_FastRender, folium.TileLayer):
    """A tile layer rendered without compiling its script again."""


class _FitBounds(_FastRender, folium.FitBounds):
    """``fitBounds`` rendered without compiling its script again."""


class _AreaTooltip(_FastRender, folium.GeoJsonTooltip):
    """The areas' tooltip with folium's table style, rendered without compiling again.

    Its fields are the area properties :func:`_add_areas` always sets.
    """

    _style = Template(
        "<style>.{{ this.class_name }} { {{ this.style }} }"
        ".{{ this.class_name }} table{ margin: auto; }"
        ".{{ this.class_name }} tr{ text-align: left; }"
        ".{{ this.class_name }} th{ padding: 2px; padding-right: 8px; }</style>"
    )

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Add the tooltip's table style, then its script."""
        figure = self.get_root()
        assert isinstance(figure, Figure)
        figure.header.add_child(
            _Text(self._style.render(this=self)), name=self.get_name() + "tablestyle"
        )
        _FastRender.render(self, **kwargs)


class AreaLayer(_FastRender, folium.GeoJson):
    """The areas as one GeoJson layer, shaded and outlined per :func:`area_style`.

    ``data`` holds the features as GeoJSON (coordinates rounded to 1e-5°) with the
    properties ``area_id``, ``name``, ``value`` and ``reason``, all escaped; ``styles``
    maps each area id to its style and ``classes`` to its class index. In the page the
    outlines travel delta-encoded and are decoded before Leaflet sees them, and each
    distinct style travels once.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    var d = {{ this.payload }};
    function ring(r) {
        var out = [], x = 0, y = 0;
        for (var i = 0; i < r.length; i += 2) {
            x += r[i]; y += r[i + 1];
            out.push([x / {{ this.scale }}, y / {{ this.scale }}]);
        }
        return out;
    }
    function geometry(g) {
        if (g[0] === "Polygon") { return {type: "Polygon", coordinates: g[1].map(ring)}; }
        return {type: "MultiPolygon", coordinates: g[1].map(function (p) { return p.map(ring); })};
    }
    var layer = L.geoJson({
        type: "FeatureCollection",
        features: d.f.map(function (f) {
            return {type: "Feature", properties: f[0], geometry: geometry(f[1])};
        })
    }, {
        style: function (f) { return d.k[d.s[f.properties.area_id]]; },
        onEachFeature: function (f, l) {
            l.on({
                mouseover: function (e) { e.target.setStyle({fillOpacity: 0.85}); },
                mouseout: function (e) { layer.resetStyle(e.target); }
            });
        }
    });
    return layer;
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        features: Sequence[tuple[dict[str, str], shapely.Geometry]],
        styles: Mapping[str, dict[str, object]],
        classes: Mapping[str, int],
        *,
        name: str,
        tooltip: folium.GeoJsonTooltip,
    ) -> None:
        encoded: list[str] = []
        geojson: list[dict[str, Any]] = []
        wkbs = shapely.to_wkb([geom for _, geom in features]).tolist()
        for (props, _), wkb in zip(features, wkbs, strict=True):
            enc, dec = _encoded(wkb)
            encoded.append(f"[{_script_json(props)},{enc}]")
            geojson.append({"type": "Feature", "properties": props, "geometry": dec})
        super().__init__(
            {"type": "FeatureCollection", "features": geojson},
            name=name,
            overlay=True,
            control=False,
            tooltip=tooltip,
        )
        self._name = "AreaLayer"
        self.styles = dict(styles)
        self.classes = dict(classes)
        self.scale = _SCALE
        # the distinct styles once ("k"), and each area's index into them ("s")
        kinds: dict[str, int] = {}
        index: dict[str, int] = {}
        for area_id, style in self.styles.items():
            index[area_id] = kinds.setdefault(_script_json(style), len(kinds))
        # the same text as _script_json({"f": [[props, geometry], …], "k": …, "s": …})
        self.payload = (
            f'{{"f":[{",".join(encoded)}],"k":[{",".join(kinds)}],"s":{_script_json(index)}}}'
        )


#: ``L.KyodoDots``: many circles of one style as one SVG path (Leaflet 1.6 to 1.9), with
#: a tooltip and a popup for the circle under the pointer. Defined once, by the base map.
DOTS_SCRIPT = """L.KyodoDots = L.KyodoDots || L.Path.extend({
        options: {fill: true, fillRule: "nonzero"},
        initialize: function (at, titles, popup, style) {
            L.setOptions(this, style);
            this._at = at; this._titles = titles; this._popupOf = popup; this._xy = [];
            this._tip = L.tooltip({direction: "top", offset: [0, -(style.radius || 5)]});
            this.on({mousemove: this._hover, mouseout: this._leave, click: this._open}, this);
        },
        getBounds: function () { return L.latLngBounds(this._at); },
        getCenter: function () { return this.getBounds().getCenter(); },
        _project: function () {
            var map = this._map;
            this._xy = this._at.map(function (p) { return map.latLngToLayerPoint(p); });
        },
        _updateBounds: function () {},
        _update: function () {
            if (!this._map) { return; }
            var b = this._renderer._bounds, r = this.options.radius || 5, out = [];
            var arc = "a" + r + "," + r + " 0 1,0 ";
            this._xy.forEach(function (p) {
                var off = p.x + r < b.min.x || p.x - r > b.max.x;
                if (off || p.y + r < b.min.y || p.y - r > b.max.y) { return; }
                out.push("M" + (p.x - r) + "," + p.y + arc + 2 * r + ",0" + arc + -2 * r + ",0");
            });
            this._renderer._setPath(this, out.length ? out.join("") : "M0 0");
        },
        _under: function (e) {
            var p = e.layerPoint, r = (this.options.radius || 5) + (this.options.weight || 0) / 2;
            r += 1;  // a pixel of slack
            for (var i = this._xy.length - 1; i >= 0; i--) {
                var dx = this._xy[i].x - p.x, dy = this._xy[i].y - p.y;
                if (dx * dx + dy * dy <= r * r) { return i; }
            }
            return -1;
        },
        _hover: function (e) {
            var i = this._under(e);
            if (i < 0) { this._leave(); return; }
            if (i !== this._shown) {
                this._shown = i;
                this._tip.setContent(this._titles[i]);
                this._map.openTooltip(this._tip, this._at[i]);
            }
        },
        _leave: function () {
            this._shown = -1;
            if (this._map) { this._map.closeTooltip(this._tip); }
        },
        _open: function (e) {
            var i = this._under(e);
            if (i < 0) { return; }
            this._leave();
            L.popup().setLatLng(this._at[i]).setContent(this._popupOf(i)).openOn(this._map);
        },
        onRemove: function () {
            this._leave();
            L.Path.prototype.onRemove.call(this);
        }
    });"""


class PointArray(_FastRender, MacroElement):
    """Circles built in the browser from one compact array, added to the parent.

    Each row of :attr:`rows` is ``[lat, lon, title, line, …]``; a line is a literal
    (escaped) string or an index into the shared table ``t`` of escaped strings. The
    tooltip shows the title; the popup the title in bold, the layer's ``head`` lines,
    then the row's lines. In the page the coordinates travel as integers in units of
    1e-5° (``k``), each the difference from the row before, and a title that starts
    like the one before as ``[n, rest]``: its first ``n`` characters (UTF-16 code
    units, as JavaScript counts) are those of the title before.

    In a cluster group each point is a ``L.circleMarker``. Otherwise the layer's
    circles are one SVG path (``L.KyodoDots``, :data:`DOTS_SCRIPT`, which comes with the
    base map): a thousand points cost the page one element, not a thousand; the path
    finds the circle under the pointer for its tooltip and popup, and the areas under
    the gaps between circles stay clickable.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var d = {{ this.payload }}, t = d.t, y = 0, x = 0, last = "", at = [], titles = [];
    function line(x) { return typeof x === "number" ? t[x] : x; }
    d.r.forEach(function (r) {
        var title = typeof r[2] === "string" ? r[2] : last.slice(0, r[2][0]) + r[2][1];
        last = title;
        y += r[0]; x += r[1];
        at.push(L.latLng(y / d.k, x / d.k));
        titles.push(title);
    });
    function popup(i) {
        var div = document.createElement("div"), h = "<b>" + titles[i] + "</b>";
        d.h.concat(d.r[i].slice(3)).forEach(function (x) {
            var s = line(x);
            if (s) { h += "<br>" + s; }
        });
        div.innerHTML = h;
        return div;
    }
    var g = {{ this._parent.get_name() }};
    if (g.addLayers) {
        var ms = at.map(function (p, i) {
            var m = L.circleMarker(p, d.s);
            m.bindTooltip(titles[i]);
            m.bindPopup(function () { return popup(i); });
            return m;
        });
        g.addLayers(ms);
        return;
    }
    g.addLayer(new L.KyodoDots(at, titles, popup, d.s));
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        rows: Sequence[Sequence[object]],
        table: Sequence[str],
        head: Sequence[int | str],
        style: Mapping[str, object],
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PointArray"
        self.rows = list(rows)
        self.payload = _script_json(
            {
                "t": list(table),
                "h": list(head),
                "s": dict(style),
                "k": _SCALE,
                "r": _delta_rows(self.rows),
            }
        )


def _shared_start(before: str, title: str) -> tuple[int, str] | None:
    """``(n, rest)`` when ``title`` is the first ``n`` UTF-16 units of ``before`` + rest."""
    size = 0
    for a, b in zip(before, title, strict=False):
        if a != b:
            break
        size += 1
    if size < 2:
        return None
    units = len(title[:size].encode("utf-16-le")) // 2
    # worth it only when the shared start is longer than the "[n,]" it costs
    if len(title[:size].encode("utf-8")) <= len(str(units)) + 3:
        return None
    return units, title[size:]


def _delta_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Rows with ``lat, lon`` as integer steps (1e-5°) from the row before, and the
    title as ``[n, rest]`` when it starts like the title before (see :class:`PointArray`).
    """
    out: list[list[object]] = []
    last_y = last_x = 0
    last_title = ""
    for row in rows:
        y = round(float(row[0]) * _SCALE)  # type: ignore[arg-type]
        x = round(float(row[1]) * _SCALE)  # type: ignore[arg-type]
        title = str(row[2])
        shared = _shared_start(last_title, title)
        out.append([y - last_y, x - last_x, title if shared is None else list(shared), *row[3:]])
        last_y, last_x, last_title = y, x, title
    return out


class AreaCounts(_FastRender, MacroElement):
    """Counts per area of a large point layer, drawn as labelled circles.

    Each row is ``[lat, lon, count, name]`` with ``name`` an index into the table
    ``t`` of escaped area names. A circle shows the count; its tooltip says the area
    and the count in words (``u``: the escaped text before and after the number); a
    tap zooms in towards the area, down to where the layer shows its points.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var d = {{ this.payload }};
    function n(v) { return String(v).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ","); }
    var ms = d.r.map(function (r) {
        var size = Math.round(26 + 6 * Math.log(r[2]) / Math.LN10);
        var m = L.marker([r[0], r[1]], {
            keyboard: false,
            icon: L.divIcon({
                className: "kyodo-count",
                html: "<span style=\\"border-color:" + d.c + "\\">" + n(r[2]) + "</span>",
                iconSize: [size, size]
            })
        });
        m.bindTooltip(d.t[r[3]] + d.u[0] + n(r[2]) + d.u[1]);
        m.on("click", function (e) {
            var map = e.target._map;
            if (map) { map.setView(e.latlng, Math.max(map.getZoom() + 2, d.z)); }
        });
        return m;
    });
    var g = {{ this._parent.get_name() }};
    ms.forEach(function (m) { g.addLayer(m); });
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        rows: Sequence[Sequence[object]],
        table: Sequence[str],
        unit: tuple[str, str],
        colour: str,
        detail_zoom: int,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AreaCounts"
        self.rows = list(rows)
        self.payload = _script_json(
            {
                "t": list(table),
                "u": list(unit),
                "c": colour,
                "z": detail_zoom,
                "r": self.rows,
            }
        )


class Legend(_FastRender, Layer):
    """The legend in words, as a Leaflet layer that shows a control while it is on a map.

    The control holds prepared (escaped) HTML. Being a layer, the legend goes into the
    areas group and leaves the map with it: when the page swaps the dynamic layers
    (``map.removeLayer(group)``), the old legend goes and the new one comes.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", "kyodo-legend");
        div.innerHTML = {{ this.payload }};
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    var Shown = L.Layer.extend({
        onAdd: function (map) { control.addTo(map); return this; },
        onRemove: function () { control.remove(); return this; },
        getBounds: function () { return L.latLngBounds([]); }
    });
    return new Shown();
})();
{% endmacro %}
"""
    )

    def __init__(self, html_text: str) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "Legend"
        self.html = html_text
        self.payload = _script_json(html_text)


class Focus(_FastRender, Layer):
    """Moves the map onto the selected area when it is added, once per selection.

    The map remembers the last area it was moved to, so swapping the layers for a new
    metric or filter keeps the view the user has panned to; choosing another area (or
    none, then the same again) moves it. ``bounds`` is ``[[south, west], [north,
    east]]`` or ``None`` for no selection.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
    var key = {{ this.key }}, bounds = {{ this.bounds }};
    var Focus = L.Layer.extend({
        onAdd: function (map) {
            if (map.kyodoFocus !== key) {
                map.kyodoFocus = key;
                if (bounds) { map.fitBounds(bounds); }
            }
            return this;
        },
        onRemove: function () { return this; },
        getBounds: function () { return L.latLngBounds([]); }
    });
    return new Focus();
})();
{% endmacro %}
"""
    )

    def __init__(self, area_id: str | None, bounds: Sequence[Sequence[float]] | None) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "Focus"
        self.area_id = area_id
        self.key = _script_json(None if area_id is None else escape_text(area_id))
        self.bounds = _script_json(None if bounds is None else [list(b) for b in bounds])


class ClusterGroup(_FastRender, folium.FeatureGroup):
    """A feature group whose markers cluster (``L.markerClusterGroup``).

    It stays a :class:`folium.FeatureGroup` (also in its variable name, which
    ``st_folium`` relies on) so it can be one of the dynamic layers. It loads no
    library itself: Leaflet.markercluster comes with the base map
    (:class:`ClusterAssets`), so the layer can be switched on without reloading it.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.markerClusterGroup({{ this.options|tojavascript }});
{% endmacro %}
"""
    )


class ClusterAssets(JSCSSMixin, MacroElement):
    """Loads Leaflet.markercluster (script and styles) with the map; draws nothing."""

    _template = Template("{% macro script(this, kwargs) %}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ClusterAssets"
        self.default_js = list(folium.plugins.MarkerCluster.default_js)
        self.default_css = list(folium.plugins.MarkerCluster.default_css)


class DotsClass(_FastRender, MacroElement):
    """Defines ``L.KyodoDots`` (:data:`DOTS_SCRIPT`) with the map; draws nothing."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.code }}
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "DotsClass"
        self.code = DOTS_SCRIPT


class Attribution(_FastRender, MacroElement):
    """Adds the (escaped) data attribution lines to the map's attribution control."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
{%- for line in this.payload %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ line }});
{%- endfor %}
{% endmacro %}
"""
    )

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Attribution"
        self.lines = [escape_text(x) for x in lines]
        self.payload = [_script_json(x) for x in self.lines]


#: Shown on the map when base-map tiles cannot be loaded (both languages: the base map
#: does not depend on the language, so switching it never reloads the map).
OFFLINE_NOTICE = "背景地図を読み込めません（インターネット未接続）/ Base map unavailable (offline)"


class OfflineNotice(_FastRender, MacroElement):
    """Says so on the map when base-map tiles fail to load; areas and points stay."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
  var shown = false;
  map.eachLayer(function (layer) {
    if (!(layer instanceof L.TileLayer)) { return; }
    layer.on("tileerror", function () {
      if (shown) { return; }
      shown = true;
      var note = L.control({position: "bottomleft"});
      note.onAdd = function () {
        var div = L.DomUtil.create("div", "kyodo-offline");
        div.setAttribute("role", "status");
        div.textContent = {{ this.payload }};
        return div;
      };
      note.addTo(map);
    });
  });
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, text: str = OFFLINE_NOTICE) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "OfflineNotice"
        self.payload = _script_json(escape_text(text))


def _hatch_defs() -> str:
    """SVG patterns (one per class colour) and the CSS that fills gaps with them."""
    patterns = "".join(
        f'<pattern id="kyodo-hatch-{i}" width="8" height="8" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(45)"><rect width="8" height="8" fill="{c}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{GAP_COLOR}" stroke-width="2"/></pattern>'
        for i, c in enumerate(PALETTE)
    )
    return (
        '<svg aria-hidden="true" focusable="false" style="position:absolute;width:0;'
        f'height:0;overflow:hidden"><defs>{patterns}</defs></svg>'
    )


_CSS = (
    "<style>"
    ".leaflet-container{background:#f4f3ef}"
    + "".join(f".kyodo-gap.kyodo-c{i}{{fill:url(#kyodo-hatch-{i})}}" for i in range(len(PALETTE)))
    + ".kyodo-legend{background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;"
    "font-size:12px;line-height:18px;color:#222;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
    ".kyodo-legend i{display:inline-block;width:18px;height:12px;margin-right:6px;"
    "vertical-align:middle;border:1px solid #666}"
    ".kyodo-legend svg{margin-right:6px;vertical-align:middle}"
    ".kyodo-count span{display:flex;align-items:center;justify-content:center;"
    "width:100%;height:100%;box-sizing:border-box;border-radius:50%;border:3px solid;"
    "background:rgba(255,255,255,.92);color:#222;font:bold 12px/1 sans-serif;"
    "box-shadow:0 1px 4px rgba(0,0,0,.35)}"
    ".kyodo-offline{background:#fff3cd;color:#5c4400;border:1px solid #e0c46c;"
    "padding:6px 10px;border-radius:4px;font-size:14px;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
    "</style>"
)

#: For a touch screen read at arm's length: large text in the map's controls, legend,
#: tooltips and popups, and large zoom buttons.
_TOUCH_CSS = (
    "<style>"
    ".leaflet-container{font-size:20px}"
    ".kyodo-legend{font-size:20px;line-height:28px}"
    ".kyodo-legend i{width:28px;height:18px}"
    ".leaflet-tooltip,.leaflet-popup-content{font-size:20px;line-height:1.4}"
    ".leaflet-control-layers label{font-size:20px;min-height:48px;display:flex;"
    "align-items:center}"
    ".leaflet-control-layers input{width:28px;height:28px;margin-right:8px}"
    ".leaflet-control-zoom a{width:56px!important;height:56px!important;"
    "line-height:56px!important;font-size:32px!important}"
    ".leaflet-control-attribution{font-size:14px}"
    ".kyodo-offline{font-size:20px}"
    ".kyodo-count span{font-size:18px}"
    "</style>"
)


# --- building the map ----------------------------------------------------------------------


class _Table:
    """A de-duplicated table of escaped strings, referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def _latlon(geom: shapely.Geometry | None) -> tuple[float, float] | None:
    if geom is None or geom.is_empty:
        return None
    return round(float(geom.y), POINT_DECIMALS), round(float(geom.x), POINT_DECIMALS)


def _field_line(codes: Sequence[str], labels: Mapping[str, str], sep: str) -> str:
    return sep.join(escape_text(labels.get(c, c)) for c in codes)


def filter_shelters(shelters: pd.DataFrame, hazards: Sequence[str]) -> pd.DataFrame:
    """Shelters designated for any of ``hazards`` (all shelters when empty).

    Parameters
    ----------
    shelters
        As loaded by :func:`geo.io.load_shelters`.
    hazards
        Hazard columns from :data:`geo.io.HAZARDS`.
    """
    unknown = sorted(set(hazards) - set(HAZARDS))
    if unknown:
        raise ValueError(f"unknown hazards: {unknown}")
    if not hazards:
        return shelters
    mask = shelters[list(hazards)].astype(bool).any(axis=1)
    return shelters[mask]


def _area_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    column = "name_en" if lang == "en" else "name_ja"
    return {str(a): escape_text(n) for a, n in zip(areas["area_id"], areas[column], strict=True)}


def _org_rows(
    part: pd.DataFrame,
    table: _Table,
    area_names: Mapping[str, str],
    field_labels: Mapping[str, str],
    lang: str,
) -> list[list[object]]:
    """One row per organisation of ``part`` (all of one kind) with a place."""
    text = _TEXT[lang]
    sample = table.ref(escape_text(text["sample"]))
    rows: list[list[object]] = []
    escaped = {code: escape_text(label) for code, label in field_labels.items()}
    lines: dict[tuple[str, ...], str] = {}
    x, y, valid = _coordinates(part)
    lats = np.round(y, POINT_DECIMALS)
    lons = np.round(x, POINT_DECIMALS)
    for ok, lat, lon, name, area_id, fields, is_sample in zip(
        valid.tolist(),
        lats.tolist(),
        lons.tolist(),
        part["name"],
        part["area_id"],
        part["fields"],
        part["is_sample"],
        strict=True,
    ):
        if not ok:
            continue
        row: list[object] = [lat, lon, escape_text(name)]
        row.append(table.ref(area_names.get(area_id, escape_text(area_id))))
        key = tuple(fields)
        if key not in lines:
            lines[key] = text["sep"].join(escaped.get(c) or escape_text(c) for c in key)
        if lines[key]:
            row.append(table.ref(lines[key]))
        if bool(is_sample):
            row.append(sample)
        rows.append(row)
    return rows


def _council_rows(
    centers: pd.DataFrame,
    orgs: pd.DataFrame,
    table: _Table,
    area_names: Mapping[str, str],
    field_labels: Mapping[str, str],
    lang: str,
) -> list[list[object]]:
    """One row per center with its area's councils; councils without a center alone."""
    text = _TEXT[lang]
    councils = orgs[orgs["kind"] == "council"]
    by_area: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    where: dict[str, shapely.Geometry] = {}
    for name, area_id, fields, is_sample, geom in zip(
        councils["name"],
        councils["area_id"],
        councils["fields"],
        councils["is_sample"],
        councils.geometry,
        strict=True,
    ):
        by_area.setdefault(str(area_id), []).append((name, tuple(fields), bool(is_sample)))
        where.setdefault(str(area_id), geom)

    def council_lines(area_id: str) -> list[object]:
        lines: list[object] = []
        for name, fields, is_sample in by_area.get(area_id, []):
            lines.append(escape_text(name))
            line = _field_line(fields, field_labels, text["sep"])
            if line:
                lines.append(table.ref(line))
            if is_sample:
                lines.append(table.ref(escape_text(text["sample"])))
        return lines

    rows: list[list[object]] = []
    with_center: set[str] = set()
    for name, address, area_id, geom in zip(
        centers["name"], centers["address"], centers["area_id"], centers.geometry, strict=True
    ):
        ll = _latlon(geom)
        if ll is None:
            continue
        with_center.add(str(area_id))
        row: list[object] = [ll[0], ll[1], escape_text(name)]
        row.append(table.ref(area_names.get(area_id, escape_text(area_id))))
        if address:
            row.append(escape_text(address))
        rows.append(row + council_lines(str(area_id)))
    for area_id in sorted(set(by_area) - with_center):
        ll = _latlon(where[area_id])
        if ll is None:
            continue
        title = area_names.get(area_id, escape_text(area_id))
        rows.append([ll[0], ll[1], title, *council_lines(area_id)])
    return rows


def _shelter_rows(
    shelters: pd.DataFrame, table: _Table, area_names: Mapping[str, str], lang: str
) -> list[list[object]]:
    text = _TEXT[lang]
    labels = HAZARD_LABELS[lang]
    flags = [tuple(r) for r in shelters[list(HAZARDS)].astype(bool).to_numpy().tolist()]
    notes = shelters["note"].tolist() if "note" in shelters else [""] * len(shelters)
    xs, ys, placed = _coordinates(shelters)
    hazard_lines: dict[tuple[bool, ...], int | None] = {}
    rows: list[list[object]] = []
    for ok, x, y, name, area_id, evac, note, flag in zip(
        placed.tolist(),
        xs.tolist(),
        ys.tolist(),
        shelters["name"].tolist(),
        shelters["area_id"].tolist(),
        shelters["is_evacuation_center"].tolist(),
        notes,
        flags,
        strict=True,
    ):
        if not ok:
            continue
        row: list[object] = [round(y, POINT_DECIMALS), round(x, POINT_DECIMALS)]
        row.append(escape_text(name))
        row.append(table.ref(area_names.get(area_id, escape_text(area_id))))
        if flag not in hazard_lines:
            hazards = [labels[h] for h, on in zip(HAZARDS, flag, strict=True) if on]
            line = escape_text(text["for"] + text["sep"].join(hazards)) if hazards else None
            hazard_lines[flag] = None if line is None else table.ref(line)
        if hazard_lines[flag] is not None:
            row.append(hazard_lines[flag])
        if bool(evac):
            row.append(table.ref(escape_text(text["also_shelter"])))
        if isinstance(note, str) and note:
            row.append(escape_text(note))
        rows.append(row)
    return rows


def _legend_html(
    spec: MapSpec, breaks: Sequence[float], catalog: FieldCatalog, *, selected: bool
) -> str:
    text = _TEXT[spec.lang]
    labels = catalog.labels(spec.lang)
    title = escape_text(METRIC_LABELS[spec.lang][spec.metric])
    fields = (
        _field_line(spec.fields, labels, text["sep"])
        if spec.fields
        else escape_text(text["all_fields"])
    )
    parts = [f"<b>{title}</b>", f"{escape_text(text['fields'])}：{fields}"]
    for colour, label in zip(PALETTE, class_labels(breaks, spec.metric, spec.lang), strict=True):
        parts.append(f'<i style="background:{colour}"></i>{escape_text(label)}')
    parts.append(
        '<svg width="18" height="12"><rect x="1" y="1" width="16" height="10"'
        f' fill="url(#kyodo-hatch-0)" stroke="{GAP_COLOR}" stroke-width="2"'
        f' stroke-dasharray="3 2"/></svg>{escape_text(text["gap"])}'
    )
    if selected:
        parts.append(
            f'<i style="background:none;border:3px solid {SELECTED_COLOR}"></i>'
            f"{escape_text(text['selected'])}"
        )
    return "<br>".join(parts)


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def _assign_ids(roots: Element | Sequence[Element], seed: str) -> None:
    """Give every element a deterministic id (folium draws random ones).

    ``roots`` is one tree or several numbered as one (so their ids do not clash when
    they end up on the same map). Children are keyed by name in their parent; keys
    derived from the old random names are renamed along.
    """
    prefix = "k" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:6]
    trees = [roots] if isinstance(roots, Element) else list(roots)
    elements = [e for tree in trees for e in _walk(tree)]
    old_names = {id(e): e.get_name() for e in elements}
    for n, element in enumerate(elements):
        element._id = f"{prefix}{n:04d}"
    for element in elements:
        renamed = {
            (child.get_name() if key == old_names[id(child)] else key): child
            for key, child in element._children.items()
        }
        element._children.clear()
        element._children.update(renamed)


#: The basemaps as tile providers, so folium need not search its list of providers by URL.
_PROVIDERS = {
    "gsi": xyzservices.TileProvider(
        name="gsi", url=GSI_TILES, attribution="国土地理院", html_attribution=GSI_ATTRIBUTION
    ),
    "osm": xyzservices.TileProvider(
        name="osm", url=OSM_TILES, attribution="OpenStreetMap", html_attribution=OSM_ATTRIBUTION
    ),
}


def _basemap(basemap: str) -> folium.TileLayer | None:
    if basemap == "gsi":
        return _Tiles(
            tiles=_PROVIDERS["gsi"],
            attr=GSI_ATTRIBUTION,
            name="国土地理院 標準地図",
            min_zoom=MIN_ZOOM,
            max_zoom=MAX_ZOOM,
            max_native_zoom=18,
            control=False,
        )
    if basemap == "osm":
        return _Tiles(
            tiles=_PROVIDERS["osm"],
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap",
            max_zoom=MAX_ZOOM,
            control=False,
        )
    return None


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


def _add_areas(
    parent: Element,
    areas: gpd.GeoDataFrame,
    by_area: pd.DataFrame,
    spec: MapSpec,
    selected: str | None,
    shown: gpd.GeoDataFrame | None = None,
) -> tuple[float, ...]:
    """Add the shaded areas with their tooltip; return the class breaks.

    The classes are those of all ``areas``; ``shown`` (a subset, possibly with
    simplified outlines) are the areas drawn, all of them when ``None``.
    """
    lang = spec.lang
    text = _TEXT[lang]
    column = _metric_column(spec.metric)
    breaks = class_breaks(
        [float(v) for v in by_area.loc[list(areas["area_id"]), column]], spec.metric
    )
    drawn = areas if shown is None else shown
    values = [float(v) for v in by_area.loc[list(drawn["area_id"]), column]]
    names = _area_names(drawn, lang)
    features: list[tuple[dict[str, str], shapely.Geometry]] = []
    styles: dict[str, dict[str, object]] = {}
    classes: dict[str, int] = {}
    order: list[tuple[int, int]] = []
    for i, (area_id, geom) in enumerate(zip(drawn["area_id"], drawn.geometry, strict=True)):
        row = by_area.loc[area_id]
        klass = class_of(values[i], breaks)
        is_gap = bool(row["is_gap"])
        key = escape_text(area_id)
        classes[key] = klass
        styles[key] = area_style(klass, is_gap=is_gap, selected=area_id == selected)
        props = {
            "area_id": key,
            "name": names[area_id],
            "value": escape_text(format_value(values[i], spec.metric, lang)),
            "reason": escape_text(gap_reason_text(row, lang)),
        }
        features.append((props, geom))
        # gaps above plain areas and the selected area on top, so their outlines show
        order.append((2 if area_id == selected else int(is_gap), i))
    features = [features[i] for _, i in sorted(order)]
    tooltip = _AreaTooltip(
        fields=["name", "value", "reason"],
        aliases=[
            escape_text(text["area"]),
            escape_text(METRIC_LABELS[lang][spec.metric]),
            escape_text(text["status"]),
        ],
        sticky=True,
    )
    AreaLayer(features, styles, classes, name=text["areas"], tooltip=tooltip).add_to(parent)
    return breaks


def _coordinates(part: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Longitudes, latitudes (NaN where there is no place) and which rows have a place."""
    geoms = np.asarray(part.geometry.values)
    valid = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    lons = np.full(len(geoms), np.nan)
    lats = np.full(len(geoms), np.nan)
    lons[valid] = shapely.get_x(geoms[valid])
    lats[valid] = shapely.get_y(geoms[valid])
    return lons, lats, valid


def area_anchors(areas: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Where each area's count is drawn: ``(lat, lon)`` of a point inside the area."""
    points = shapely.point_on_surface(areas.geometry.values)
    lats = np.round(shapely.get_y(points), POINT_DECIMALS).tolist()
    lons = np.round(shapely.get_x(points), POINT_DECIMALS).tolist()
    return {
        str(a): (float(y), float(x)) for a, y, x in zip(areas["area_id"], lats, lons, strict=True)
    }


def count_rows(
    area_ids: Sequence[object],
    lons: np.ndarray,
    lats: np.ndarray,
    anchors: Mapping[str, tuple[float, float]],
    *,
    shown: np.ndarray | None = None,
) -> list[tuple[str, float, float, int]]:
    """Points counted per area, for :class:`AreaCounts`.

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


def grid_rows(
    area_ids: Sequence[object],
    lons: np.ndarray,
    lats: np.ndarray,
    cell: float,
    *,
    shown: np.ndarray | None = None,
) -> list[tuple[float, float, int, str, int]]:
    """Points counted per square of ``cell`` degrees, for :class:`AreaCounts`.

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
    per_area = (
        frame.groupby(["iy", "ix", "area_id"], sort=True)
        .size()
        .reset_index(name="k")
        .sort_values(["iy", "ix", "k", "area_id"], ascending=[True, True, False, True])
        .drop_duplicates(["iy", "ix"])
        .set_index(["iy", "ix"])["area_id"]
    )
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


def _point_group(
    layer: str,
    spec: MapSpec,
    area_names: Mapping[str, str],
    *,
    orgs: pd.DataFrame,
    centers: pd.DataFrame,
    shelters: pd.DataFrame,
    catalog: FieldCatalog,
    view: Viewport | None,
    budget: MapBudget,
    anchors: Callable[[], Mapping[str, tuple[float, float]]],
    zoom: int,
) -> tuple[folium.FeatureGroup, str]:
    """One switchable point layer (a cluster group for the civic groups), and its mode.

    ``zoom`` is the view's, or the opening view's when there is no view.
    """
    lang = spec.lang
    text = _TEXT[lang]
    labels = catalog.labels(lang)
    table = _Table()
    head: list[int | str] = []
    name = LAYER_NAMES[lang][layer]
    mode = "points"
    if layer == "councils":
        rows = _council_rows(centers, orgs, table, area_names, labels, lang)
    else:
        if layer == "shelters":
            part = filter_shelters(shelters, spec.hazards)
            head.append(table.ref(escape_text(text["site"])))
        else:
            kind = "association" if layer == "associations" else "civic_group"
            part = orgs[orgs["kind"] == kind]
            head.append(table.ref(escape_text(text[kind])))
        lons, lats, _ = _coordinates(part)
        mode, positions = plan_points(lons, lats, view, budget)
        if mode == "counts":
            shown = None if view is None else positions
            area_ids = part["area_id"].tolist()
            in_view = {area_ids[i] for i in positions.tolist()}
            names = _Table()
            unit = text["site_count" if layer == "shelters" else "org_count"]
            before, after = unit.split("{n}")
            count_rows_: list[list[object]]
            if len(in_view) <= budget.count_areas:
                counted = count_rows(area_ids, lons, lats, anchors(), shown=shown)
                count_rows_ = [
                    [lat, lon, n, names.ref(area_names.get(a, escape_text(a)))]
                    for a, lat, lon, n in counted
                ]
            else:
                mode = "grid"
                cell = budget.cell * degrees_per_pixel(zoom)
                others = escape_text(text["others"])
                count_rows_ = [
                    [
                        lat,
                        lon,
                        n,
                        names.ref(area_names.get(a, escape_text(a)) + (others if k > 1 else "")),
                    ]
                    for lat, lon, n, a, k in grid_rows(area_ids, lons, lats, cell, shown=shown)
                ]
            colour = str(POINT_STYLES[layer]["fillColor"])
            counts_group = _Group(name=name, overlay=True, control=True)
            counts_group.add_child(
                AreaCounts(
                    count_rows_,
                    names.items,
                    (escape_text(before), escape_text(after)),
                    colour,
                    budget.detail_zoom,
                )
            )
            return counts_group, mode
        if mode == "in_view":
            part = part.iloc[positions]
        if layer == "shelters":
            rows = _shelter_rows(part, table, area_names, lang)
        else:
            rows = _org_rows(part, table, area_names, labels, lang)
    group: folium.FeatureGroup
    if layer == "civic_groups":
        group = ClusterGroup(
            name=name, overlay=True, control=True, showCoverageOnHover=False, maxClusterRadius=40
        )
    else:
        group = _Group(name=name, overlay=True, control=True)
    group.add_child(PointArray(rows, table.items, head, POINT_STYLES[layer]))
    return group, mode


def _lat_lon_bounds(bounds: Sequence[float]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` from ``(west, south, east, north)``."""
    west, south, east, north = (float(v) for v in bounds)
    return [[south, west], [north, east]]


@dataclass(frozen=True)
class MapParts:
    """The map in two parts: a base that stays for the session and the layers on it.

    ``st_folium`` reloads its frame whenever the base map's script changes, but swaps
    the groups passed as ``feature_group_to_add`` (and the ``layer_control``) in place.
    So everything a view changes lives in :attr:`layers` and :attr:`control`::

        parts = build_map_parts(...)
        st_folium(parts.base, key="map", feature_group_to_add=list(parts.layers),
                  layer_control=parts.control)

    ``st_folium`` changes the objects it is given (it renames them and adds the groups
    to the base), so build fresh parts for every call rather than keeping them
    between reruns.

    Attributes
    ----------
    base
        The map with the basemap, the attribution, the styles, the libraries every
        layer needs (Leaflet.markercluster too) and the view of the whole city. It
        depends only on ``spec.basemap``, the areas' extent, the sources and
        ``local_assets``: its page is byte-identical for specs that differ in
        anything else (metric, fields, layers, hazards, area, language) and for any
        coverage or organisations.
    layers
        The areas (shaded, with tooltip, gap hatching, the selected area's outline,
        the legend and the move onto the selected area) first, then one group per
        point layer of ``spec.layers``, named in ``spec.lang``.
    control
        The layer control listing the point layers; ``None`` when there are none.
    focus
        ``(west, south, east, north)`` of the selected area, ``None`` for none. The
        areas group already moves the map there when the selection changes.
    modes
        How each point layer of ``spec.layers`` was sent (:data:`POINT_MODES`):
        ``points`` (all of them), ``in_view`` or ``counts`` (a large layer; see
        :class:`MapBudget`).
    """

    base: folium.Map
    layers: tuple[folium.FeatureGroup, ...]
    control: folium.LayerControl | None
    focus: tuple[float, float, float, float] | None = None
    modes: Mapping[str, str] = field(default_factory=dict)


def _base_map(
    areas: gpd.GeoDataFrame,
    basemap: str,
    sources: Sequence[Source],
    *,
    local_assets: bool | Mapping[str, str],
    touch: bool = False,
) -> KyodoMap:
    """The part of the map that never changes while the page is open.

    With ``touch``, one finger scrolls the page rather than dragging the map (two
    fingers pan and zoom, and the zoom buttons stay), and text is large enough to read
    without pinching.
    """
    west, south, east, north = (float(v) for v in areas.total_bounds)
    m = KyodoMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=10,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,  # SVG, so the gaps can be hatched
    )
    # without a tile layer the map has no zoom range, which marker clusters need
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    if touch:
        m.options.update(dragging=False, scroll_wheel_zoom=False, tap=True, touch_zoom=True)
    # Leaflet is all the map needs: no jQuery, Bootstrap or icon fonts.
    m.default_js = [(n, u) for n, u in m.default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in m.default_css if n == "leaflet_css"]
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(_Text(_CSS), name="kyodo_css")
    if touch:
        figure.header.add_child(_Text(_TOUCH_CSS), name="kyodo_touch_css")
    figure.html.add_child(_Text(_hatch_defs()), name="kyodo_hatch")
    tiles = _basemap(basemap)
    if tiles is not None:
        tiles.add_to(m)
        OfflineNotice().add_to(m)
    lines = attribution_lines(tuple(sources))
    if lines:
        Attribution(lines).add_to(m)
    # the civic groups may be switched on later, without reloading the page
    ClusterAssets().add_to(m)
    DotsClass().add_to(m)
    _FitBounds(_lat_lon_bounds(areas.total_bounds)).add_to(m)
    _assign_ids(figure, f"base:{basemap}:{'touch' if touch else 'pointer'}")
    if isinstance(local_assets, Mapping):
        link_assets(m, local_assets)
    elif local_assets:
        embed_assets(m)
    return m


def build_map_parts(
    areas: gpd.GeoDataFrame,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    orgs: gpd.GeoDataFrame,
    centers: gpd.GeoDataFrame,
    shelters: gpd.GeoDataFrame,
    catalog: FieldCatalog,
    sources: Sequence[Source] = (),
    local_assets: bool | Mapping[str, str] = False,
    view: Viewport | None = None,
    budget: MapBudget = DEFAULT_BUDGET,
) -> MapParts:
    """The map as a base that stays and layers that change (see :class:`MapParts`).

    Parameters are those of :func:`build_map`. The base does not depend on ``view``
    or ``budget``: a new view only swaps the layers.

    Returns
    -------
    The parts; the same inputs give byte-identical scripts (element ids are derived
    from the spec, not drawn at random).

    Raises
    ------
    ValueError
        When ``cov`` lacks an area of ``areas``.
    """
    by_area = cov.set_index("area_id")
    missing = [a for a in areas["area_id"] if a not in by_area.index]
    if missing:
        raise ValueError(f"coverage has no row for areas {missing}")
    selected = spec.area_id if spec.area_id in set(areas["area_id"]) else None

    base = _base_map(areas, spec.basemap, sources, local_assets=local_assets, touch=spec.touch)

    text = _TEXT[spec.lang]
    shaded = _Group(name=text["areas"], overlay=True, control=False)
    shown = areas_in_view(areas, view, budget, keep=selected)
    breaks = _add_areas(shaded, areas, by_area, spec, selected, shown)
    Legend(_legend_html(spec, breaks, catalog, selected=selected is not None)).add_to(shaded)
    focus: tuple[float, float, float, float] | None = None
    if selected is not None:
        w, s, e, n = (float(v) for v in areas.loc[areas["area_id"] == selected].total_bounds)
        focus = (w, s, e, n)
    Focus(selected, None if focus is None else _lat_lon_bounds(focus)).add_to(shaded)

    names = _area_names(areas, spec.lang)
    anchors = functools.cache(lambda: area_anchors(areas))
    zoom = view.zoom if view is not None else opening_zoom(areas.total_bounds, budget.map_width)
    groups: list[folium.FeatureGroup] = [shaded]
    modes: dict[str, str] = {}
    for layer in spec.layers:
        group, modes[layer] = _point_group(
            layer,
            spec,
            names,
            orgs=orgs,
            centers=centers,
            shelters=shelters,
            catalog=catalog,
            view=view,
            budget=budget,
            anchors=anchors,
            zoom=zoom,
        )
        groups.append(group)
    control = folium.LayerControl(collapsed=False) if spec.layers else None
    _assign_ids([*groups, *([control] if control is not None else [])], f"layers:{spec!r}")
    return MapParts(base=base, layers=tuple(groups), control=control, focus=focus, modes=modes)


def build_map(
    areas: gpd.GeoDataFrame,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    orgs: gpd.GeoDataFrame,
    centers: gpd.GeoDataFrame,
    shelters: gpd.GeoDataFrame,
    catalog: FieldCatalog,
    sources: Sequence[Source] = (),
    local_assets: bool | Mapping[str, str] = False,
    view: Viewport | None = None,
    budget: MapBudget = DEFAULT_BUDGET,
) -> folium.Map:
    """The interactive map of the areas, their coverage and the organisations.

    This is :func:`build_map_parts` put together into one map, e.g. for a saved page;
    the page in the app shows the parts (so that a change of view does not reload
    the map).

    Parameters
    ----------
    areas
        Areas as loaded by :func:`geo.io.load_areas` (WGS84 polygons).
    cov
        :func:`geo.coverage.coverage` for the selected fields and filter: one row per
        area (matched by ``area_id``).
    spec
        What to draw.
    orgs
        The organisations to show (already filtered); only public columns are read.
    centers
        The 地域交流センター; drawn with their area's councils.
    shelters
        All designated evacuation sites; filtered here by ``spec.hazards``.
    catalog
        Field labels for popups and the legend.
    sources
        Data sources whose attribution lines go into the attribution control.
    local_assets
        ``True``: load Leaflet and Leaflet.markercluster from local copies when they
        are found, embedded as ``data:`` URIs (see :func:`embed_assets`); a mapping of
        library file name to URL: load them from there (see :func:`publish_assets`).
        Either way the page works without internet, apart from the basemap tiles.
    view
        What the map shows (:func:`viewport_of`); it matters only for layers with
        more points than ``budget.limit``, which are sent as counts per area without
        it (see :class:`MapBudget`).
    budget
        How many points a layer may send.

    Returns
    -------
    A map whose rendered HTML is identical for identical inputs.

    Raises
    ------
    ValueError
        When ``cov`` lacks an area of ``areas``.
    """
    parts = build_map_parts(
        areas,
        cov,
        spec,
        orgs=orgs,
        centers=centers,
        shelters=shelters,
        catalog=catalog,
        sources=sources,
        local_assets=local_assets,
        view=view,
        budget=budget,
    )
    m = parts.base
    for group in parts.layers:
        group.add_to(m)
    if parts.control is not None:
        parts.control.add_to(m)
    _assign_ids(m.get_root(), repr(spec))
    return m


def build_city_map(
    data: CityData,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    orgs: gpd.GeoDataFrame | None = None,
    local_assets: bool | Mapping[str, str] = False,
    view: Viewport | None = None,
    budget: MapBudget = DEFAULT_BUDGET,
) -> folium.Map:
    """:func:`build_map` for everything loaded for a city.

    Parameters
    ----------
    data
        The city's data.
    cov
        Coverage for the selected fields and filter.
    spec
        What to draw.
    orgs
        The filtered organisations; all of ``data.organisations`` when ``None``.
    local_assets, view, budget
        As for :func:`build_map`.
    """
    return build_map(
        data.areas,
        cov,
        spec,
        **_city_inputs(data, orgs),
        local_assets=local_assets,
        view=view,
        budget=budget,
    )


def build_city_map_parts(
    data: CityData,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    orgs: gpd.GeoDataFrame | None = None,
    local_assets: bool | Mapping[str, str] = False,
    view: Viewport | None = None,
    budget: MapBudget = DEFAULT_BUDGET,
) -> MapParts:
    """:func:`build_map_parts` for everything loaded for a city.

    Parameters are those of :func:`build_city_map`.
    """
    return build_map_parts(
        data.areas,
        cov,
        spec,
        **_city_inputs(data, orgs),
        local_assets=local_assets,
        view=view,
        budget=budget,
    )


def _city_inputs(data: CityData, orgs: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The map builders' inputs that come from a loaded city."""
    return {
        "orgs": data.organisations if orgs is None else orgs,
        "centers": data.centers,
        "shelters": data.shelters,
        "catalog": data.catalog,
        "sources": data.sources,
    }


# --- reading a click ----------------------------------------------------------------------------


def clicked_area(
    returned: Mapping[str, Any] | None, *, known: Sequence[str] | None = None
) -> str | None:
    """The area whose polygon was clicked last, from what ``st_folium`` returns.

    Parameters
    ----------
    returned
        The dict returned by ``st_folium``; its ``last_active_drawing`` is the
        clicked feature as GeoJSON.
    known
        When given, an id outside it counts as no click.

    Returns
    -------
    The ``area_id`` property of the last clicked area, or ``None`` when there is
    none (nothing clicked yet, a point clicked, or anything malformed).
    """
    if not isinstance(returned, Mapping):
        return None
    drawing = returned.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    if not isinstance(props, Mapping):
        return None
    area_id = props.get("area_id")
    if not isinstance(area_id, str) or not area_id.strip():
        return None
    area_id = html.unescape(area_id.strip())
    if known is not None and area_id not in set(known):
        return None
    return area_id


# --- browser libraries without internet -------------------------------------------------------

#: Environment variable with extra folders holding local copies (``os.pathsep``-separated).
ASSET_DIRS_ENV = "KYODO_ASSET_DIRS"
#: Where Debian's libjs-* packages put browser libraries.
DEFAULT_ASSET_DIRS = (Path("/usr/share/javascript"),)

#: File name in a CDN URL -> paths tried under each asset folder, first match wins.
ASSET_FILES: Mapping[str, tuple[str, ...]] = {
    "leaflet.js": ("leaflet/leaflet.min.js", "leaflet/leaflet.js"),
    "leaflet.css": ("leaflet/leaflet.css",),
    "leaflet.markercluster.js": (
        "leaflet/leaflet.markercluster.min.js",
        "leaflet/leaflet.markercluster.js",
        "leaflet.markercluster/leaflet.markercluster.js",
    ),
    "MarkerCluster.css": ("leaflet/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"),
    "MarkerCluster.Default.css": (
        "leaflet/MarkerCluster.Default.css",
        "leaflet.markercluster/MarkerCluster.Default.css",
    ),
    "jquery-3.7.1.min.js": ("jquery/jquery.min.js",),
}


def asset_dirs() -> tuple[Path, ...]:
    """Folders searched for local copies: ``$KYODO_ASSET_DIRS`` first, then Debian's."""
    extra = os.environ.get(ASSET_DIRS_ENV, "")
    return tuple(Path(p) for p in extra.split(os.pathsep) if p) + DEFAULT_ASSET_DIRS


def local_asset(url: str, dirs: Sequence[Path] | None = None) -> Path | None:
    """The local copy of the library at ``url``, or ``None`` when there is none."""
    candidates = ASSET_FILES.get(url.rsplit("/", 1)[-1], ())
    for folder in asset_dirs() if dirs is None else dirs:
        for rel in candidates:
            path = Path(folder) / rel
            if path.is_file():
                return path
    return None


def asset_urls(m: folium.Map) -> list[str]:
    """Every script and stylesheet URL the map's elements load, in order."""
    urls: list[str] = []
    for element in _walk(m.get_root()):
        if isinstance(element, JSCSSMixin):
            urls += [u for _, u in element.default_js] + [u for _, u in element.default_css]
    return list(dict.fromkeys(urls))


_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?!data:|https?:|/|#)([^'\")]+)\1\s*\)")


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        mime = "text/javascript"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _css_text(path: Path) -> str:
    """A stylesheet with its relative images inlined as data URIs."""
    text = path.read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        target = (path.parent / match.group(2)).resolve()
        return f'url("{_data_uri(target)}")' if target.is_file() else match.group(0)

    return _CSS_URL.sub(inline, text)


def _asset_uri(path: Path) -> str:
    if path.suffix == ".css":
        css = _css_text(path).encode("utf-8")
        return f"data:text/css;base64,{base64.b64encode(css).decode('ascii')}"
    return _data_uri(path)


def publish_assets(target: Path, dirs: Sequence[Path] | None = None) -> dict[str, str]:
    """Copy the local copies of the map's libraries into ``target``, to be served.

    Stylesheets come with the images they refer to. Files already there and equal are
    left alone.

    Parameters
    ----------
    target
        Folder to copy into (created when missing).
    dirs
        Folders to search; :func:`asset_dirs` when ``None``.

    Returns
    -------
    Library file name (as in a CDN URL) -> path of its copy relative to ``target``,
    for every library found locally.
    """
    published: dict[str, str] = {}
    for name in ASSET_FILES:
        path = local_asset(name, dirs)
        if path is None:
            continue
        rel = Path(path.parent.name) / path.name
        _copy_if_changed(path, target / rel)
        if path.suffix == ".css":
            for match in _CSS_URL.finditer(path.read_text(encoding="utf-8")):
                image = (path.parent / match.group(2)).resolve()
                if image.is_file() and path.parent.resolve() in image.parents:
                    _copy_if_changed(
                        image, target / rel.parent / image.relative_to(path.parent.resolve())
                    )
        published[name] = rel.as_posix()
    return published


def _copy_if_changed(source: Path, dest: Path) -> None:
    data = source.read_bytes()
    if dest.is_file() and dest.read_bytes() == data:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)


def link_assets(m: folium.Map, links: Mapping[str, str]) -> list[str]:
    """Point the map's libraries at ``links`` (library file name -> URL).

    Parameters
    ----------
    m
        A map from :func:`build_map`.
    links
        Where each library is served, e.g. from :func:`publish_assets`.

    Returns
    -------
    The URLs with no link, still loaded from the internet.
    """
    missing: list[str] = []
    for element in _walk(m.get_root()):
        if not isinstance(element, JSCSSMixin):
            continue
        for attr in ("default_js", "default_css"):
            updated = []
            for name, url in getattr(element, attr):
                target = links.get(url.rsplit("/", 1)[-1])
                if target is None and not url.startswith("data:"):
                    missing.append(url)
                updated.append((name, target or url))
            setattr(element, attr, updated)
    return list(dict.fromkeys(missing))


def embed_assets(m: folium.Map, dirs: Sequence[Path] | None = None) -> list[str]:
    """Point the map's libraries at local copies, as ``data:`` URIs.

    This works for a saved page and for ``st_folium``, which loads the libraries
    from each element's ``default_js``/``default_css`` itself. Call it on a fresh map
    (it changes the map's elements).

    Parameters
    ----------
    m
        A map from :func:`build_map`.
    dirs
        Folders to search; :func:`asset_dirs` when ``None``.

    Returns
    -------
    The URLs with no local copy, still loaded from the internet.
    """
    missing: list[str] = []
    for element in _walk(m.get_root()):
        if not isinstance(element, JSCSSMixin):
            continue
        for attr in ("default_js", "default_css"):
            links = []
            for name, url in getattr(element, attr):
                path = None if url.startswith("data:") else local_asset(url, dirs)
                if path is None:
                    if not url.startswith("data:"):
                        missing.append(url)
                    links.append((name, url))
                else:
                    links.append((name, _asset_uri(path)))
            setattr(element, attr, links)
    return list(dict.fromkeys(missing))


_SCRIPT_SRC = re.compile(r'<script src="(https?://[^"]+)"></script>')
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="(https?://[^"]+)"/>')


def localise_assets(html_text: str, dirs: Sequence[Path] | None = None) -> str:
    """Inline the local copies of the libraries a rendered page loads from CDNs.

    Parameters
    ----------
    html_text
        A rendered page, e.g. ``m.get_root().render()``.
    dirs
        Folders to search; :func:`asset_dirs` when ``None``.

    Returns
    -------
    The page with each ``<script src>`` and stylesheet ``<link>`` whose library is
    found locally replaced by its content; the others are left as they are.
    """

    def script(match: re.Match[str]) -> str:
        path = local_asset(match.group(1), dirs)
        if path is None:
            return match.group(0)
        code = path.read_text(encoding="utf-8").replace("</script", "<\\/script")
        return f"<script>{code}</script>"

    def stylesheet(match: re.Match[str]) -> str:
        path = local_asset(match.group(1), dirs)
        if path is None:
            return match.group(0)
        css = _css_text(path).replace("</style", "<\\/style")
        return f"<style>{css}</style>"

    return _CSS_LINK.sub(stylesheet, _SCRIPT_SRC.sub(script, html_text))


def missing_assets(html_text: str, dirs: Sequence[Path] | None = None) -> list[str]:
    """CDN URLs in a rendered page with no local copy."""
    urls = _SCRIPT_SRC.findall(html_text) + _CSS_LINK.findall(html_text)
    return [u for u in dict.fromkeys(urls) if local_asset(u, dirs) is None]


__all__ = [
    "AREA_LIMIT",
    "ASSET_DIRS_ENV",
    "ASSET_FILES",
    "BASEMAPS",
    "COUNT_AREAS",
    "COUNT_CELL",
    "DEFAULT_ASSET_DIRS",
    "DEFAULT_BUDGET",
    "DETAIL_ZOOM",
    "GAP_COLOR",
    "GSI_ATTRIBUTION",
    "GSI_TILES",
    "HAZARD_LABELS",
    "LAYERS",
    "LAYER_NAMES",
    "MAP_WIDTH",
    "METRIC_LABELS",
    "OSM_ATTRIBUTION",
    "PALETTE",
    "POINT_LIMIT",
    "POINT_MODES",
    "VIEW_MARGIN",
    "AreaCounts",
    "AreaLayer",
    "Attribution",
    "ClusterAssets",
    "ClusterGroup",
    "DotsClass",
    "Focus",
    "KyodoMap",
    "Legend",
    "MapBudget",
    "MapParts",
    "MapSpec",
    "PointArray",
    "Viewport",
    "area_anchors",
    "area_style",
    "areas_in_view",
    "asset_dirs",
    "asset_urls",
    "build_city_map",
    "build_city_map_parts",
    "build_map",
    "build_map_parts",
    "class_breaks",
    "class_labels",
    "class_of",
    "clicked_area",
    "count_rows",
    "degrees_per_pixel",
    "embed_assets",
    "escape_text",
    "filter_shelters",
    "format_value",
    "grid_rows",
    "local_asset",
    "localise_assets",
    "missing_assets",
    "needs_view",
    "opening_zoom",
    "plan_points",
    "viewport_of",
]
