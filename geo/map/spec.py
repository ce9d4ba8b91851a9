"""What a map shows (:class:`MapSpec`) and how much of large data it sends (:class:`MapBudget`).

Large data
    A point layer with more points than ``limit`` is not sent whole. Without a view,
    or at a zoom below ``detail_zoom``, it is drawn as labelled counts: one per area,
    at a point inside it, or, when more than ``count_areas`` areas have points in
    view, one per square of ``cell`` pixels. From ``detail_zoom`` on it is drawn as
    the points within the view widened by ``margin`` (:class:`geo.map.view.Viewport`),
    as long as there are at most ``limit`` of them, else as counts again. With more
    than ``area_limit`` areas, their outlines are simplified to a pixel at the view's
    zoom and only those in the widened view are sent. The page passes the view
    ``st_folium`` returns (:func:`geo.map.returned.viewport_of`) and asks for it only
    when the data has a large layer (:func:`geo.map.view.needs_view`), so panning a
    city-sized map never reruns the script. The settings, on :class:`MapBudget`:

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
                                simplified to the view and only those in view, all
                                painted on one canvas with the points and counts
    ``map_width``     1024      width of the map in pixels assumed for the zoom of the
                                opening view, before the map has reported its view
    ================  ========  ====================================================

    The councils layer (one point per 地域交流センター) is always sent whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd

from geo.coverage import METRICS
from geo.fields import FieldCatalog
from geo.model import HAZARDS
from geo.sources import Source

#: The switchable point layers, in the order they are drawn and listed.
LAYERS = ("councils", "associations", "civic_groups", "shelters")
#: ``gsi`` (国土地理院 標準地図), ``osm`` or ``none``.
BASEMAPS = ("gsi", "osm", "none")
#: The languages the map speaks.
LANGS = ("ja", "en")
#: How the layer control is shown: open, behind a button, or not at all.
LAYER_CONTROLS = ("expanded", "collapsed", "none")
#: How the legend is shown: open, behind a button (a toggle), or not at all.
LEGENDS = ("open", "collapsed", "none")

MIN_ZOOM = 5
MAX_ZOOM = 18
#: Zoom steps of a quarter level: a view is fitted as large as its frame allows (a
#: whole level doubles the scale, which could leave the city at half the frame's size).
ZOOM_SNAP = 0.25

#: Room (pixels, right and bottom) a fitted view leaves for the sources' lines at the
#: foot of the map, so the areas they would cover stay in the clear.
FIT_ROOM = (0, 48)
#: Pixels a fitted view leaves at the frame's other edges, so an area's outline never
#: runs along the frame (where it reads as cut).
FIT_MARGIN = 8
#: The padding of every fitted view: ``(top-left, bottom-right)`` in pixels.
FIT_PADDING = ((FIT_MARGIN, FIT_MARGIN), (FIT_ROOM[0] + FIT_MARGIN, max(FIT_ROOM[1], FIT_MARGIN)))

#: Widest an open legend is (pixels; with a mouse, on a touch screen): longer entries
#: wrap. A fitted view keeps clear of it (:data:`LEGEND_ROOM`) where that costs no zoom.
LEGEND_WIDTH = (250, 360)
#: Pixels an open legend takes at the map's right: its width and its control's margin.
LEGEND_ROOM = tuple(w + 10 for w in LEGEND_WIDTH)

#: Longest bar of the map's scale (pixels; with a mouse, on a touch screen). The scale is
#: in metres and kilometres only; the touch screen's 20 px text needs the longer bar.
SCALE_WIDTH = (100, 160)

#: Decimals of point coordinates (about 1 m).
POINT_DECIMALS = 5
#: Coordinates travel as integers in units of 1e-5 degrees.
SCALE = 10**POINT_DECIMALS

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

#: How a point layer was sent: every point, the points in view, counts per area or
#: counts per square.
POINT_MODES = ("points", "in_view", "counts", "grid")


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
        simplified to a pixel at the view's zoom and only those in view are sent, and
        the areas, the points and the counts are painted on one canvas
        (``L.KyodoShapes``) rather than as SVG elements and markers.
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
        map, the map's text is at least 20 px and every control at least 48 px, and the
        attribution waits behind an ⓘ button. Changes the base map.
    labels
        Every area's name always on the map, at a point well inside its largest part,
        scaled with the zoom and moved aside (with a leader line) where names would
        collide. Labels never take a click or a tap.
    label_values
        Under each name, the area's value as the legend formats it.
    focus
        Areas to focus on: when not empty, they keep their colour and the others are
        greyed (not recoloured, not hatched as gaps); the map opens on them and its
        whole-city button returns to them. Unknown ids are ignored.
    links
        ``False`` (the kiosk): no anchor or ``href`` anywhere in the map (attribution
        as plain text, buttons rather than links), so nothing leaves the page or opens
        a window.
    layer_control
        ``expanded``, ``collapsed`` (behind a button) or ``none``. On a map narrower
        than 600 px an expanded control starts collapsed (open, it would cover the map).
    legend
        ``open``, ``collapsed`` (behind a toggle button) or ``none``; like the layer
        control, an open legend starts collapsed on a map narrower than 600 px.
    title
        The map frame's accessible title; empty for a default naming the map, in
        ``lang``. The frame's document also takes ``lang`` as its language.
    points_interactive
        ``False``: the points are drawn, but clicks and taps go to the area beneath
        (no tooltip or popup on points).
    home_button
        The map's own whole-city button (top left). ``False`` where the page offers the
        way back itself (the kiosk's results for a chosen area), so there are not two.
    """

    metric: str = "count"
    fields: tuple[str, ...] = ()
    layers: tuple[str, ...] = LAYERS
    hazards: tuple[str, ...] = ()
    basemap: str = "gsi"
    lang: str = "ja"
    area_id: str | None = None
    touch: bool = False
    labels: bool = True
    label_values: bool = False
    focus: tuple[str, ...] = ()
    links: bool = True
    layer_control: str = "expanded"
    legend: str = "open"
    title: str = ""
    points_interactive: bool = True
    home_button: bool = True

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}; expected one of {METRICS}")
        if self.basemap not in BASEMAPS:
            raise ValueError(f"unknown basemap {self.basemap!r}; expected one of {BASEMAPS}")
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}; expected one of {LANGS}")
        if self.layer_control not in LAYER_CONTROLS:
            raise ValueError(
                f"unknown layer_control {self.layer_control!r}; expected one of {LAYER_CONTROLS}"
            )
        if self.legend not in LEGENDS:
            raise ValueError(f"unknown legend {self.legend!r}; expected one of {LEGENDS}")
        object.__setattr__(self, "fields", tuple(sorted(set(self.fields))))
        object.__setattr__(self, "focus", tuple(sorted({str(a) for a in self.focus if a})))
        object.__setattr__(self, "layers", _ordered(self.layers, LAYERS, "layers"))
        object.__setattr__(self, "hazards", _ordered(self.hazards, HAZARDS, "hazards"))
        if self.area_id == "":
            object.__setattr__(self, "area_id", None)


@dataclass(frozen=True, eq=False)
class MapInputs:
    """What a map is built from: the city's frames (see :func:`geo.map.build.city_inputs`).

    Attributes
    ----------
    areas
        Areas as loaded by :func:`geo.io.load_areas` (WGS84 polygons).
    orgs
        The organisations to show (already filtered); only public columns are read.
    centers
        The 地域交流センター; drawn with their area's councils.
    shelters
        All designated evacuation sites; filtered by the spec's hazards.
    catalog
        Field labels for popups and the legend.
    sources
        Data sources whose attribution lines go into the attribution control.
    """

    areas: gpd.GeoDataFrame
    orgs: gpd.GeoDataFrame
    centers: gpd.GeoDataFrame
    shelters: gpd.GeoDataFrame
    catalog: FieldCatalog
    sources: tuple[Source, ...] = ()


__all__ = [
    "AREA_LIMIT",
    "BASEMAPS",
    "COUNT_AREAS",
    "COUNT_CELL",
    "DEFAULT_BUDGET",
    "DETAIL_ZOOM",
    "FIT_MARGIN",
    "FIT_PADDING",
    "FIT_ROOM",
    "LANGS",
    "LAYERS",
    "LAYER_CONTROLS",
    "LEGENDS",
    "LEGEND_ROOM",
    "LEGEND_WIDTH",
    "MAP_WIDTH",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "POINT_DECIMALS",
    "POINT_LIMIT",
    "POINT_MODES",
    "SCALE",
    "SCALE_WIDTH",
    "VIEW_MARGIN",
    "MapBudget",
    "MapInputs",
    "MapSpec",
]
