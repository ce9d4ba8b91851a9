"""The layers a view draws: the shaded areas with their legend, and one group per point layer.

Every text from data is escaped here (:func:`geo.map.encode.escape_text`) before it
goes into an element; private organisation columns (:data:`geo.io.PRIVATE_ORG_COLUMNS`)
are never read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.map.classes import class_breaks, class_of, format_value, metric_column
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
from geo.map.encode import StringTable, coordinates, escape_text, latlon
from geo.map.labels import label_rows
from geo.map.legend import legend_html
from geo.map.spec import COUNT_AREAS, POINT_DECIMALS, MapInputs, MapSpec
from geo.map.style import BASEMAP_URLS, POINT_STYLES, area_style
from geo.map.view import Count, PointPlan, ViewPlan, plan_layer
from geo.map.wording import (
    gap_reason,
    hazard_name,
    html_words,
    layer_name,
    metric_label,
    words,
)
from geo.model import HAZARDS
from geo.sources import Source
from geo.words import has

#: Stands for the number in a count's text while it is split around it.
_MARK = "\x00"


def area_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each area's name in ``lang``, escaped, by id."""
    column = "name_en" if lang == "en" else "name_ja"
    return {str(a): escape_text(n) for a, n in zip(areas["area_id"], areas[column], strict=True)}


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

    def _bounds(self, ids: set[str]) -> tuple[float, float, float, float] | None:
        if not ids:
            return None
        chosen = self.areas.loc[self.areas["area_id"].isin(ids)]
        w, s, e, n = (float(v) for v in chosen.total_bounds)
        return (w, s, e, n)


def area_layer(view: AreaView, spec: MapSpec) -> tuple[AreaLayer, tuple[float, ...]]:
    """The shaded areas with their tooltip, and the class breaks.

    The classes are those of all areas; ``view.shown`` (a subset, possibly with
    simplified outlines) are the areas drawn. Areas outside a focus are greyed. Gaps
    are drawn above plain areas and the selected area on top, so their outlines show.
    """
    lang = spec.lang
    column = metric_column(spec.metric)
    by_area, shown = view.by_area, view.shown
    breaks = class_breaks(
        [float(v) for v in by_area.loc[list(view.areas["area_id"]), column]], spec.metric
    )
    values = [float(v) for v in by_area.loc[list(shown["area_id"]), column]]
    names = area_names(shown, lang)
    muted = view.muted()
    features: list[tuple[dict[str, str], shapely.Geometry]] = []
    styles: dict[str, dict[str, object]] = {}
    classes: dict[str, int] = {}
    order: list[tuple[int, int]] = []
    for i, (area_id, geom) in enumerate(zip(shown["area_id"], shown.geometry, strict=True)):
        row = by_area.loc[area_id]
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
    return AreaLayer(features, styles, classes, name=name, tooltip=_area_tooltip(spec)), breaks


def area_labels(view: AreaView, spec: MapSpec, limit: int) -> AreaLabels | None:
    """Every drawn area's name (and value, with ``spec.label_values``); ``None`` without
    ``spec.labels`` or when more than ``limit`` areas are drawn (they could not be read)."""
    if not spec.labels or len(view.shown) > limit:
        return None
    names = area_names(view.shown, spec.lang)
    values: dict[str, str] | None = None
    if spec.label_values:
        column = metric_column(spec.metric)
        values = {
            str(a): escape_text(
                format_value(float(view.by_area.loc[a, column]), spec.metric, spec.lang)
            )
            for a in view.shown["area_id"]
        }
    return AreaLabels(label_rows(view.shown, names, values, view.muted()))


def map_title(spec: MapSpec) -> str:
    """The map frame's accessible title: ``spec.title``, or one naming the map."""
    if spec.title:
        return spec.title
    return words("map.title.default", spec.lang, metric=metric_label(spec.metric, spec.lang))


def attribution_texts(spec: MapSpec, sources: Sequence[Source]) -> list[str]:
    """The attribution lines in ``spec.lang`` (escaped HTML): the base map's, then the
    data sources' (a catalogue text ``map.source.<id>`` where there is one). Only the
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
    for source in sources:
        if not source.attribution:
            continue
        key = f"map.source.{source.source_id}"
        line = words(key, spec.lang) if has(key) else source.attribution
        lines.append(escape_text(line))
    return lines


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
            "lines": attribution_texts(spec, sources),
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
) -> Group:
    """The areas' group: shaded areas, their names, the legend, the whole-city button,
    the map's texts, and the move onto the selected or focused areas."""
    lang = spec.lang
    shaded = Group(name=words("map.areas", lang), overlay=True, control=False)
    layer, breaks = area_layer(view, spec)
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
            clustered=clustered,
        )
        Legend(html_text, spec.legend, words("map.legend", lang)).add_to(shaded)
    home = lat_lon_bounds(view.home_bounds())
    label = words("map.home.focus" if view.focus else "map.home", lang)
    HomeButton(label, home).add_to(shaded)
    map_texts(spec, inputs.sources).add_to(shaded)
    selected = view.focus_bounds()
    Focus(
        view.selected,
        None if selected is None else lat_lon_bounds(selected),
        ",".join(sorted(view.focus)),
        home,
    ).add_to(shaded)
    return shaded


# --- popups of the points ----------------------------------------------------------------


@dataclass(frozen=True)
class Lines:
    """What the popups of one point layer are written with.

    Attributes
    ----------
    table
        The layer's shared table of escaped strings.
    area_names
        Escaped area names by id (:func:`area_names`).
    field_labels
        Field labels by code, in ``lang`` (not escaped).
    lang
        ``ja`` or ``en``.
    """

    table: StringTable
    area_names: Mapping[str, str]
    field_labels: Mapping[str, str]
    lang: str
    _words: dict[str, str] = field(default_factory=dict, repr=False)

    def area(self, area_id: str) -> int:
        """The table index of an area's (escaped) name."""
        name = self.area_names.get(area_id)
        return self.table.ref(escape_text(area_id) if name is None else name)

    def word(self, key: str) -> int:
        """The table index of one of the map's texts, escaped (looked up once per layer)."""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = escape_text(words(key, self.lang))
        return self.table.ref(found)


def org_rows(part: pd.DataFrame, lines: Lines) -> list[list[object]]:
    """One row per organisation of ``part`` (all of one kind) with a place."""
    sample = lines.word("map.sample")
    sep = words("map.sep", lines.lang)
    escaped = {code: escape_text(label) for code, label in lines.field_labels.items()}
    fields_of: dict[tuple[str, ...], str] = {}
    x, y, valid = coordinates(part)
    rows: list[list[object]] = []
    for ok, lat, lon, name, area_id, fields, is_sample in zip(
        valid.tolist(),
        np.round(y, POINT_DECIMALS).tolist(),
        np.round(x, POINT_DECIMALS).tolist(),
        part["name"],
        part["area_id"],
        part["fields"],
        part["is_sample"],
        strict=True,
    ):
        if not ok:
            continue
        row: list[object] = [lat, lon, escape_text(name), lines.area(area_id)]
        key = tuple(fields)
        if key not in fields_of:
            fields_of[key] = sep.join(escaped.get(c) or escape_text(c) for c in key)
        if fields_of[key]:
            row.append(lines.table.ref(fields_of[key]))
        if bool(is_sample):
            row.append(sample)
        rows.append(row)
    return rows


_Council = tuple[str, tuple[str, ...], bool]


def _field_line(codes: Sequence[str], labels: Mapping[str, str], sep: str) -> str:
    return sep.join(escape_text(labels.get(c, c)) for c in codes)


def _councils_by_area(
    orgs: pd.DataFrame,
) -> tuple[dict[str, list[_Council]], dict[str, shapely.Geometry]]:
    """The councils of each area (name, fields, sample), and where the first one is."""
    councils = orgs[orgs["kind"] == "council"]
    by_area: dict[str, list[_Council]] = {}
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
    return by_area, where


def _council_lines(councils: Sequence[_Council], lines: Lines) -> list[object]:
    out: list[object] = []
    sep = words("map.sep", lines.lang)
    for name, fields, is_sample in councils:
        out.append(escape_text(name))
        line = _field_line(fields, lines.field_labels, sep)
        if line:
            out.append(lines.table.ref(line))
        if is_sample:
            out.append(lines.word("map.sample"))
    return out


def council_rows(centers: pd.DataFrame, orgs: pd.DataFrame, lines: Lines) -> list[list[object]]:
    """One row per center with its area's councils; councils without a center alone."""
    by_area, where = _councils_by_area(orgs)
    rows: list[list[object]] = []
    with_center: set[str] = set()
    for name, address, area_id, geom in zip(
        centers["name"], centers["address"], centers["area_id"], centers.geometry, strict=True
    ):
        ll = latlon(geom)
        if ll is None:
            continue
        with_center.add(str(area_id))
        row: list[object] = [ll[0], ll[1], escape_text(name), lines.area(area_id)]
        if address:
            row.append(escape_text(address))
        rows.append(row + _council_lines(by_area.get(str(area_id), []), lines))
    for area_id in sorted(set(by_area) - with_center):
        ll = latlon(where[area_id])
        if ll is None:
            continue
        title = lines.area_names.get(area_id, escape_text(area_id))
        rows.append([ll[0], ll[1], title, *_council_lines(by_area[area_id], lines)])
    return rows


def _hazard_line(flags: tuple[bool, ...], lines: Lines) -> int | None:
    """The table index of the line naming the hazards a site is designated for."""
    names = [hazard_name(h, lines.lang) for h, on in zip(HAZARDS, flags, strict=True) if on]
    if not names:
        return None
    joined = words("map.sep", lines.lang).join(names)
    return lines.table.ref(escape_text(words("map.shelter.for", lines.lang, hazards=joined)))


def shelter_rows(shelters: pd.DataFrame, lines: Lines) -> list[list[object]]:
    """One row per evacuation site with a place: its hazards, whether also a shelter, note."""
    flags = [tuple(r) for r in shelters[list(HAZARDS)].astype(bool).to_numpy().tolist()]
    notes = shelters["note"].tolist() if "note" in shelters else [""] * len(shelters)
    xs, ys, placed = coordinates(shelters)
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
        row += [escape_text(name), lines.area(area_id)]
        if flag not in hazard_lines:
            hazard_lines[flag] = _hazard_line(flag, lines)
        if hazard_lines[flag] is not None:
            row.append(hazard_lines[flag])
        if bool(evac):
            row.append(lines.word("map.shelter.also_shelter"))
        if isinstance(note, str) and note:
            row.append(escape_text(note))
        rows.append(row)
    return rows


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
    unit = "map.count.sites" if layer == "shelters" else "map.count.orgs"
    before, after = html_words(unit, lang, n=_MARK).split(_MARK)
    colour = str(POINT_STYLES[layer]["fillColor"])
    group = Group(name=layer_name(layer, lang), overlay=True, control=True)
    counts = AreaCounts(
        rows,
        table.items,
        (before, after),
        colour,
        detail_zoom,
        interactive=spec.points_interactive,
        min_size=TOUCH_TARGET if spec.touch else 0,
    )
    group.add_child(counts)
    return group


def point_style(layer: str, spec: MapSpec) -> dict[str, object]:
    """The style of a point layer's points: its shape and colours, and ``interactive``
    false when the points take no clicks (``spec.points_interactive``)."""
    style = dict(POINT_STYLES[layer])
    if not spec.points_interactive:
        style["interactive"] = False
    return style


#: The point layers gathered per square of the map (many points close together).
GATHERED = ("civic_groups",)
#: Side of a gathering square, in pixels (larger on a touch screen, whose marks are).
GATHER_CELL = 40
GATHER_CELL_TOUCH = 64
#: Zoom from which a gathered layer shows every point on its own.
GATHER_UPTO = 16


def gather_of(layer: str, spec: MapSpec) -> Gather | None:
    """How a point layer is gathered in the page, ``None`` for a layer shown point by point."""
    if layer not in GATHERED:
        return None
    unit = "map.count.sites" if layer == "shelters" else "map.count.orgs"
    before, after = html_words(unit, spec.lang, n=_MARK).split(_MARK)
    name = escape_text(layer_name(layer, spec.lang))
    cell = GATHER_CELL_TOUCH if spec.touch else GATHER_CELL
    return Gather(cell=cell, upto=GATHER_UPTO, words=(name + before, after))


def _points_group(layer: str, lang: str, array: PointArray) -> folium.FeatureGroup:
    """The group of a layer drawn point by point."""
    group = Group(name=layer_name(layer, lang), overlay=True, control=True)
    group.add_child(array)
    return group


def _layer_part(layer: str, inputs: MapInputs, spec: MapSpec) -> tuple[pd.DataFrame, str]:
    """The rows of a layer of organisations or sites, and the word heading its popups."""
    if layer == "shelters":
        return filter_shelters(inputs.shelters, spec.hazards), "map.shelter.site"
    kind, head = _ORG_LAYERS[layer]
    return inputs.orgs[inputs.orgs["kind"] == kind], head


def point_group(
    layer: str,
    inputs: MapInputs,
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
    inputs
        What the map is built from (the organisations already filtered).
    spec
        What the map shows.
    plan
        The view, budget and zoom (:func:`geo.map.view.plan_layer`).
    names
        Escaped area names by id.
    anchors
        Where each area's count goes; called only when a layer is counted per area.
    """
    lines = Lines(StringTable(), names, inputs.catalog.labels(spec.lang), spec.lang)
    style = point_style(layer, spec)
    if layer == "councils":  # one point per center: always whole
        rows = council_rows(inputs.centers, inputs.orgs, lines)
        array = PointArray(rows, lines.table.items, [], style)
        return _points_group(layer, spec.lang, array), "points"
    part, head = _layer_part(layer, inputs, spec)
    head_line = lines.word(head)
    lons, lats, _ = coordinates(part)
    planned = plan_layer(part["area_id"].tolist(), lons, lats, plan, anchors)
    if planned.mode in ("counts", "grid"):
        group = counts_group(layer, planned, names, spec, plan.budget.detail_zoom)
        return group, planned.mode
    if planned.mode == "in_view":
        part = part.iloc[planned.positions]
    rows = shelter_rows(part, lines) if layer == "shelters" else org_rows(part, lines)
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
