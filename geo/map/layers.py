"""The layers a view draws: the shaded areas with their legend, and one group per point layer.

Every text from data is escaped here (:func:`geo.map.encode.escape_text`) before it
goes into an element; private organisation columns (:data:`geo.io.PRIVATE_ORG_COLUMNS`)
are never read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely

from geo.coverage import REASON_COLUMNS, area_positions
from geo.map.classes import class_breaks, class_of, format_value, label_value, metric_column
from geo.map.elements import (
    AreaCounts,
    AreaLabels,
    AreaLayer,
    AreaTooltip,
    Focus,
    Gather,
    Group,
    HomeButton,
    Legend,
    MapTexts,
    PointArray,
)
from geo.map.encode import StringTable, escape_text
from geo.map.labels import SPOT_SCALE, label_rows
from geo.map.legend import legend_html
from geo.map.points import (
    Lines,
    PointFrames,
    Table,
    council_rows,
    filter_shelters,
    org_rows,
    shelter_rows,
    shelters_for,
)
from geo.map.spec import COUNT_AREAS, LEGEND_ROOM, LEGEND_WIDTH, MapInputs, MapSpec
from geo.map.style import BASEMAP_URLS, DENSE_POINTS, POINT_STYLES, area_style, overview_style
from geo.map.view import Count, PointPlan, ViewPlan, plan_layer
from geo.map.wording import (
    gap_reason,
    html_words,
    layer_name,
    metric_label,
    words,
)
from geo.model import area_names_in
from geo.sources import Source, attribution_lines
from geo.words import counted

#: Stands for the number in a count's text while it is split around it.
_MARK = "\x00"


def count_words(layer: str, lang: str, n: int = 2) -> tuple[str, str]:
    """The escaped words before and after the number in a count of ``layer`` (sites for
    the shelters, organisations for the others), in their form for ``n``."""
    unit = "map.count.sites" if layer == "shelters" else "map.count.orgs"
    before, after = html_words(counted(unit, lang, n), lang, n=_MARK).split(_MARK)
    return before, after


def area_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each area's name in ``lang``, escaped, by id."""
    return {a: escape_text(name) for a, name in area_names_in(areas, lang).items()}


# --- the areas ---------------------------------------------------------------------------


def _area_tooltip(spec: MapSpec) -> AreaTooltip:
    return AreaTooltip(
        fields=["name", "value", "reason"],
        aliases=[
            escape_text(words("map.area", spec.lang)),
            escape_text(metric_label(spec.metric, spec.lang)),
            escape_text(words("map.status", spec.lang)),
        ],
        sticky=True,
    )


def lat_lon_bounds(bounds: Sequence[float]) -> list[list[float]]:
    """``[[south, west], [north, east]]`` from ``(west, south, east, north)``."""
    west, south, east, north = (float(v) for v in bounds)
    return [[south, west], [north, east]]


@dataclass(frozen=True)
class AreaView:
    """The areas of one view: all of them, their coverage, the selection, those drawn.

    Attributes
    ----------
    areas
        Every area (the classes are theirs).
    by_area
        The coverage, indexed by ``area_id``.
    selected
        The selected area, ``None`` for none.
    shown
        The areas drawn (:func:`geo.map.view.areas_in_view`).
    focus
        The focused areas (known ids only); empty for none.
    """

    areas: gpd.GeoDataFrame
    by_area: pd.DataFrame
    selected: str | None
    shown: gpd.GeoDataFrame
    focus: frozenset[str] = frozenset()

    def focus_bounds(self) -> tuple[float, float, float, float] | None:
        """``(west, south, east, north)`` of the selected area, ``None`` for none."""
        return self._bounds({self.selected} if self.selected is not None else set())

    def home_bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` of the focused areas, or of all areas."""
        found = self._bounds(set(self.focus)) if self.focus else None
        if found is not None:
            return found
        w, s, e, n = (float(v) for v in self.areas.total_bounds)
        return (w, s, e, n)

    def muted(self) -> frozenset[str]:
        """The areas greyed: every area outside a non-empty focus."""
        if not self.focus:
            return frozenset()
        return frozenset(str(a) for a in self.areas["area_id"]) - self.focus

    def unknown(self, metric: str) -> frozenset[str]:
        """The areas greyed for having no value of ``metric`` (a 活動カバー率 where no
        member households are known), gaps aside: those stay hatched."""
        column = self.by_area[metric_column(metric)]
        return frozenset(str(a) for a in column.index[column.isna() & ~self.by_area["is_gap"]])

    def _bounds(self, ids: set[str]) -> tuple[float, float, float, float] | None:
        if not ids:
            return None
        chosen = self.areas.loc[self.areas["area_id"].isin(ids)]
        w, s, e, n = (float(v) for v in chosen.total_bounds)
        return (w, s, e, n)


def _cells(frame: pd.DataFrame, ids: Sequence[str], columns: Sequence[str]) -> list[dict[str, Any]]:
    """The rows ``ids`` of ``frame`` (indexed by area) as cells by column, only
    ``columns``: read a column at a time, not a row at a time (a row of mixed types
    costs pandas a new series).

    Raises
    ------
    KeyError
        When ``frame`` has no row for one of ``ids``.
    """
    positions = area_positions(ids, frame.index.tolist()).tolist()
    if -1 in positions:
        raise KeyError([a for a, at in zip(ids, positions, strict=True) if at == -1])
    names = list(dict.fromkeys(columns))
    cells = {name: frame[name].tolist() for name in names}
    return [{name: cells[name][at] for name in names} for at in positions]


def area_layer(
    view: AreaView, spec: MapSpec, *, canvas: bool = False
) -> tuple[AreaLayer, tuple[float, ...]]:
    """The shaded areas with their tooltip, and the class breaks.

    The classes are those of all areas; ``view.shown`` (a subset, possibly with
    simplified outlines) are the areas drawn. Areas outside a focus are greyed. Gaps
    are drawn above plain areas and the selected area on top, so their outlines show.
    With ``canvas`` they are painted on a canvas (many areas).
    """
    lang = spec.lang
    column = metric_column(spec.metric)
    by_area, shown = view.by_area, view.shown
    every = _cells(by_area, view.areas["area_id"].tolist(), (column,))
    breaks = class_breaks([float(row[column]) for row in every], spec.metric)
    ids = [str(a) for a in shown["area_id"].tolist()]
    rows = _cells(by_area, ids, (column, "is_gap", *REASON_COLUMNS))
    values = [float(row[column]) for row in rows]
    names = area_names(shown, lang)
    muted = view.muted() | view.unknown(spec.metric)
    features: list[tuple[dict[str, str], shapely.Geometry]] = []
    styles: dict[str, dict[str, object]] = {}
    classes: dict[str, int] = {}
    order: list[tuple[int, int]] = []
    for i, (area_id, geom, row) in enumerate(zip(ids, shown.geometry, rows, strict=True)):
        is_gap = bool(row["is_gap"]) and area_id not in muted
        key = escape_text(area_id)
        classes[key] = class_of(values[i], breaks)
        styles[key] = area_style(
            classes[key], is_gap=is_gap, selected=area_id == view.selected, muted=area_id in muted
        )
        props = {
            "area_id": key,
            "name": names[area_id],
            "value": escape_text(format_value(values[i], spec.metric, lang)),
            "reason": escape_text(gap_reason(row, lang)),
        }
        features.append((props, geom))
        order.append((2 if area_id == view.selected else int(is_gap), i))
    features = [features[i] for _, i in sorted(order)]
    name = words("map.areas", lang)
    layer = AreaLayer(
        features, styles, classes, name=name, tooltip=_area_tooltip(spec), canvas=canvas
    )
    return layer, breaks


def area_labels(view: AreaView, spec: MapSpec, limit: int) -> AreaLabels | None:
    """Every drawn area's name (and value, with ``spec.label_values``); ``None`` without
    ``spec.labels`` or when more than ``limit`` areas are drawn (they could not be read)."""
    if not spec.labels or len(view.shown) > limit:
        return None
    names = area_names(view.shown, spec.lang)
    values: dict[str, str] | None = None
    if spec.label_values:
        column = metric_column(spec.metric)
        ids = [str(a) for a in view.shown["area_id"].tolist()]
        values = {
            a: escape_text(label_value(float(row[column]), spec.metric, spec.lang))
            for a, row in zip(ids, _cells(view.by_area, ids, (column,)), strict=True)
        }
    return AreaLabels(label_rows(view.shown, names, values, view.muted()), SPOT_SCALE)


def map_title(spec: MapSpec) -> str:
    """The map frame's accessible title: ``spec.title``, or one naming the map."""
    if spec.title:
        return spec.title
    return words("map.title.default", spec.lang, metric=metric_label(spec.metric, spec.lang))


def attribution_texts(spec: MapSpec, sources: Sequence[Source]) -> list[str]:
    """The attribution lines in ``spec.lang`` (escaped HTML): the base map's, then the
    data sources' (:func:`geo.sources.attribution_lines`). Only the
    base map's line is a link, and only with ``spec.links``."""
    lines: list[str] = []
    if spec.basemap != "none":
        text_ = escape_text(words(f"map.attribution.{spec.basemap}", spec.lang))
        url = BASEMAP_URLS[spec.basemap]
        lines.append(
            f'<a href="{url}" target="_blank" rel="noopener noreferrer">{text_}</a>'
            if spec.links
            else text_
        )
    lines += [escape_text(line) for line in attribution_lines(sources, spec.lang)]
    return lines


#: Where the map's library lives (the credit's link, with ``links``).
LEAFLET_URL = "https://leafletjs.com"


def leaflet_credit(spec: MapSpec) -> str:
    """The credit of the map's library, first in the attribution: a link named in
    ``spec.lang`` (opening a new tab) with ``links``, plain text without."""
    if not spec.links:
        return "Leaflet"
    title = escape_text(words("map.leaflet", spec.lang))
    return (
        f'<a href="{LEAFLET_URL}" title="{title}" target="_blank" '
        'rel="noopener noreferrer">Leaflet</a>'
    )


def map_texts(spec: MapSpec, sources: Sequence[Source]) -> MapTexts:
    """The map's texts in ``spec.lang`` (see :class:`geo.map.elements.MapTexts`)."""
    lang = spec.lang
    return MapTexts(
        {
            "lang": lang,
            "title": escape_text(map_title(spec)),
            "zoomIn": escape_text(words("map.zoom_in", lang)),
            "zoomOut": escape_text(words("map.zoom_out", lang)),
            "close": escape_text(words("map.close", lang)),
            "sources": escape_text(words("map.sources", lang)),
            "offline": escape_text(words("map.offline", lang)),
            "lines": attribution_texts(spec, sources),
            "prefix": leaflet_credit(spec),
            "links": spec.links,
            "passive": not spec.points_interactive,
        }
    )


def areas_group(
    view: AreaView,
    spec: MapSpec,
    inputs: MapInputs,
    *,
    label_limit: int = COUNT_AREAS,
    clustered: Sequence[str] = (),
    canvas: bool = False,
) -> Group:
    """The areas' group: shaded areas, their names, the legend, the whole-city button,
    the map's texts, and the move onto the selected or focused areas.

    ``label_limit``: areas drawn above which they are not named; ``clustered``: the
    point layers gathered (the legend explains their mark); ``canvas``: the areas are
    painted on a canvas (many areas)."""
    lang = spec.lang
    shaded = Group(name=words("map.areas", lang), overlay=True, control=False)
    home = lat_lon_bounds(view.home_bounds())
    selected = view.focus_bounds()
    # first: a fresh map moves before anything is drawn on it
    Focus(
        view.selected,
        None if selected is None else lat_lon_bounds(selected),
        ",".join(sorted(view.focus)),
        home,
        legend=LEGEND_ROOM[spec.touch] if spec.legend == "open" else 0,
    ).add_to(shaded)
    layer, breaks = area_layer(view, spec, canvas=canvas)
    layer.add_to(shaded)
    labels = area_labels(view, spec, label_limit)
    if labels is not None:
        labels.add_to(shaded)
    if spec.legend != "none":
        html_text = legend_html(
            spec,
            breaks,
            inputs.catalog,
            selected=view.selected is not None,
            focused=bool(view.focus),
            unknown=bool(view.unknown(spec.metric)),
            clustered=clustered,
        )
        Legend(html_text, spec.legend, words("map.legend", lang), LEGEND_WIDTH[spec.touch]).add_to(
            shaded
        )
    if spec.home_button:
        label = words("map.home.focus" if view.focus else "map.home", lang)
        HomeButton(label, home).add_to(shaded)
    map_texts(spec, inputs.sources).add_to(shaded)
    return shaded


# --- point layers ------------------------------------------------------------------------

#: The organisation kind of each organisation layer, and the word heading its popups.
_ORG_LAYERS = {
    "associations": ("association", "map.kind.association"),
    "civic_groups": ("civic_group", "map.kind.civic_group"),
}


def _count_label(count: Count, names: Mapping[str, str], lang: str) -> str:
    name = names.get(count.area_id, escape_text(count.area_id))
    return html_words("map.count.others", lang, area=name) if count.several else name


#: Least diameter of a count's circle on a touch screen (a touch target), in pixels.
TOUCH_TARGET = 48


def counts_group(
    layer: str, planned: PointPlan, names: Mapping[str, str], spec: MapSpec, detail_zoom: int
) -> Group:
    """A large layer drawn as labelled counts (per area or per square)."""
    lang = spec.lang
    table = StringTable()
    rows = [[c.lat, c.lon, c.n, table.ref(_count_label(c, names, lang))] for c in planned.counts]
    colour = str(POINT_STYLES[layer]["fillColor"])
    group = Group(name=layer_name(layer, lang), overlay=True, control=True)
    counts = AreaCounts(
        rows,
        table.items,
        (count_words(layer, lang), count_words(layer, lang, 1)),
        colour,
        detail_zoom,
        interactive=spec.points_interactive,
        min_size=TOUCH_TARGET if spec.touch else 0,
    )
    group.add_child(counts)
    return group


def point_style(layer: str, spec: MapSpec, points: int) -> dict[str, object]:
    """The style of a point layer of ``points`` points: its shape and colours, ``small``
    when the layer is dense and not gathered (more than :data:`DENSE_POINTS`: its look
    over the whole city, :func:`geo.map.style.overview_style`) and ``interactive`` false
    when the points take no clicks (``spec.points_interactive``)."""
    style = dict(POINT_STYLES[layer])
    if points > DENSE_POINTS and layer not in GATHERED:
        style["small"] = overview_style(layer)
    if not spec.points_interactive:
        style["interactive"] = False
    return style


#: The point layers gathered per square of the map (many points close together).
GATHERED = ("civic_groups",)
#: Side of a gathering square, in pixels (larger on a touch screen, whose marks are).
GATHER_CELL = 80
GATHER_CELL_TOUCH = 112
#: Zoom from which a gathered layer shows every point on its own.
GATHER_UPTO = 16


def gather_of(layer: str, spec: MapSpec) -> Gather | None:
    """How a point layer is gathered in the page, ``None`` for a layer shown point by point."""
    if layer not in GATHERED:
        return None
    before, after = count_words(layer, spec.lang)  # (a mark gathers two points or more)
    name = escape_text(layer_name(layer, spec.lang))
    cell = GATHER_CELL_TOUCH if spec.touch else GATHER_CELL
    return Gather(cell=cell, upto=GATHER_UPTO, words=(name + before, after))


def _points_group(layer: str, lang: str, array: PointArray) -> folium.FeatureGroup:
    """The group of a layer drawn point by point."""
    group = Group(name=layer_name(layer, lang), overlay=True, control=True)
    group.add_child(array)
    return group


def _layer_part(layer: str, frames: PointFrames, spec: MapSpec) -> tuple[Table, str]:
    """The rows of a layer of organisations or sites, and the word heading its popups."""
    if layer == "shelters":
        return shelters_for(frames.shelters, spec.hazards), "map.shelter.site"
    kind, head = _ORG_LAYERS[layer]
    return frames.kind(kind), head


def point_group(
    layer: str,
    frames: PointFrames,
    spec: MapSpec,
    plan: ViewPlan,
    names: Mapping[str, str],
    anchors: Callable[[], Mapping[str, tuple[float, float]]],
) -> tuple[folium.FeatureGroup, str]:
    """One switchable point layer, and how it was sent (:data:`geo.map.spec.POINT_MODES`).

    Parameters
    ----------
    layer
        One of :data:`geo.map.spec.LAYERS`.
    frames
        The build's point frames, read once (the organisations already filtered).
    spec
        What the map shows.
    plan
        The view, budget and zoom (:func:`geo.map.view.plan_layer`).
    names
        Escaped area names by id.
    anchors
        Where each area's count goes; called only when a layer is counted per area.
    """
    catalog = frames.inputs.catalog
    lines = Lines(StringTable(), names, catalog.labels(spec.lang), spec.lang)
    if layer == "councils":  # one point per center: always whole
        rows = council_rows(frames.centers, frames.kind("council"), lines)
        array = PointArray(rows, lines.table.items, [], point_style(layer, spec, len(rows)))
        return _points_group(layer, spec.lang, array), "points"
    part, head = _layer_part(layer, frames, spec)
    head_line = lines.word(head)
    planned = plan_layer(part.column("area_id").tolist(), part.lons, part.lats, plan, anchors)
    if planned.mode in ("counts", "grid"):
        group = counts_group(layer, planned, names, spec, plan.budget.detail_zoom)
        return group, planned.mode
    if planned.mode == "in_view":
        part = part.take(planned.positions)
    rows = shelter_rows(part, lines) if layer == "shelters" else org_rows(part, lines)
    style = point_style(layer, spec, len(rows))
    array = PointArray(rows, lines.table.items, [head_line], style, gather_of(layer, spec))
    return _points_group(layer, spec.lang, array), planned.mode


__all__ = [
    "AreaView",
    "Lines",
    "area_labels",
    "area_layer",
    "area_names",
    "areas_group",
    "attribution_texts",
    "council_rows",
    "count_words",
    "counts_group",
    "filter_shelters",
    "gather_of",
    "lat_lon_bounds",
    "map_texts",
    "map_title",
    "org_rows",
    "point_group",
    "point_style",
    "shelter_rows",
]
