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

from geo.fields import FieldCatalog
from geo.map.classes import class_breaks, class_labels, class_of, format_value, metric_column
from geo.map.elements import (
    AreaCounts,
    AreaLayer,
    AreaTooltip,
    ClusterGroup,
    Focus,
    Group,
    Legend,
    PointArray,
)
from geo.map.encode import StringTable, coordinates, escape_text, latlon
from geo.map.spec import POINT_DECIMALS, MapInputs, MapSpec
from geo.map.style import GAP_COLOR, PALETTE, POINT_STYLES, SELECTED_COLOR, area_style
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


def area_layer(
    areas: gpd.GeoDataFrame,
    by_area: pd.DataFrame,
    spec: MapSpec,
    selected: str | None,
    shown: gpd.GeoDataFrame,
) -> tuple[AreaLayer, tuple[float, ...]]:
    """The shaded areas with their tooltip, and the class breaks.

    The classes are those of all ``areas``; ``shown`` (a subset, possibly with
    simplified outlines) are the areas drawn. Gaps are drawn above plain areas and
    the selected area on top, so their outlines show.
    """
    lang = spec.lang
    column = metric_column(spec.metric)
    breaks = class_breaks(
        [float(v) for v in by_area.loc[list(areas["area_id"]), column]], spec.metric
    )
    values = [float(v) for v in by_area.loc[list(shown["area_id"]), column]]
    names = area_names(shown, lang)
    features: list[tuple[dict[str, str], shapely.Geometry]] = []
    styles: dict[str, dict[str, object]] = {}
    classes: dict[str, int] = {}
    order: list[tuple[int, int]] = []
    for i, (area_id, geom) in enumerate(zip(shown["area_id"], shown.geometry, strict=True)):
        row = by_area.loc[area_id]
        is_gap = bool(row["is_gap"])
        key = escape_text(area_id)
        classes[key] = class_of(values[i], breaks)
        styles[key] = area_style(classes[key], is_gap=is_gap, selected=area_id == selected)
        props = {
            "area_id": key,
            "name": names[area_id],
            "value": escape_text(format_value(values[i], spec.metric, lang)),
            "reason": escape_text(gap_reason(row, lang)),
        }
        features.append((props, geom))
        order.append((2 if area_id == selected else int(is_gap), i))
    features = [features[i] for _, i in sorted(order)]
    name = words("map.areas", lang)
    return AreaLayer(features, styles, classes, name=name, tooltip=_area_tooltip(spec)), breaks


def _field_line(codes: Sequence[str], labels: Mapping[str, str], sep: str) -> str:
    return sep.join(escape_text(labels.get(c, c)) for c in codes)


def legend_html(
    spec: MapSpec, breaks: Sequence[float], catalog: FieldCatalog, *, selected: bool
) -> str:
    """The legend in words (escaped HTML): the metric, the fields, the classes, the gap
    style and, with a selection, the selected area's outline."""
    lang = spec.lang
    fields = (
        _field_line(spec.fields, catalog.labels(lang), words("map.sep", lang))
        if spec.fields
        else escape_text(words("map.legend.all_fields", lang))
    )
    parts = [
        f"<b>{escape_text(metric_label(spec.metric, lang))}</b>",
        f"{escape_text(words('map.legend.fields', lang))}：{fields}",
    ]
    for colour, label in zip(PALETTE, class_labels(breaks, spec.metric, lang), strict=True):
        parts.append(f'<i style="background:{colour}"></i>{escape_text(label)}')
    parts.append(
        '<svg width="18" height="12"><rect x="1" y="1" width="16" height="10"'
        f' fill="url(#kyodo-hatch-0)" stroke="{GAP_COLOR}" stroke-width="2"'
        f' stroke-dasharray="3 2"/></svg>{escape_text(words("map.legend.gap", lang))}'
    )
    if selected:
        parts.append(
            f'<i style="background:none;border:3px solid {SELECTED_COLOR}"></i>'
            f"{escape_text(words('map.legend.selected', lang))}"
        )
    return "<br>".join(parts)


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
    """

    areas: gpd.GeoDataFrame
    by_area: pd.DataFrame
    selected: str | None
    shown: gpd.GeoDataFrame

    def focus(self) -> tuple[float, float, float, float] | None:
        """``(west, south, east, north)`` of the selected area, ``None`` for none."""
        if self.selected is None:
            return None
        chosen = self.areas.loc[self.areas["area_id"] == self.selected]
        w, s, e, n = (float(v) for v in chosen.total_bounds)
        return (w, s, e, n)


def areas_group(view: AreaView, spec: MapSpec, catalog: FieldCatalog) -> Group:
    """The areas' group: shaded areas, legend, and the move onto the selected area."""
    shaded = Group(name=words("map.areas", spec.lang), overlay=True, control=False)
    layer, breaks = area_layer(view.areas, view.by_area, spec, view.selected, view.shown)
    layer.add_to(shaded)
    legend = legend_html(spec, breaks, catalog, selected=view.selected is not None)
    Legend(legend).add_to(shaded)
    focus = view.focus()
    Focus(view.selected, None if focus is None else lat_lon_bounds(focus)).add_to(shaded)
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


def counts_group(
    layer: str, planned: PointPlan, names: Mapping[str, str], lang: str, detail_zoom: int
) -> Group:
    """A large layer drawn as labelled counts (per area or per square)."""
    table = StringTable()
    rows = [[c.lat, c.lon, c.n, table.ref(_count_label(c, names, lang))] for c in planned.counts]
    unit = "map.count.sites" if layer == "shelters" else "map.count.orgs"
    before, after = html_words(unit, lang, n=_MARK).split(_MARK)
    colour = str(POINT_STYLES[layer]["fillColor"])
    group = Group(name=layer_name(layer, lang), overlay=True, control=True)
    group.add_child(AreaCounts(rows, table.items, (before, after), colour, detail_zoom))
    return group


def _points_group(layer: str, lang: str, array: PointArray) -> folium.FeatureGroup:
    """The group of a layer drawn point by point: clustered for the civic groups."""
    name = layer_name(layer, lang)
    group: folium.FeatureGroup
    if layer == "civic_groups":
        group = ClusterGroup(
            name=name, overlay=True, control=True, showCoverageOnHover=False, maxClusterRadius=40
        )
    else:
        group = Group(name=name, overlay=True, control=True)
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
    style = POINT_STYLES[layer]
    if layer == "councils":  # one point per center: always whole
        rows = council_rows(inputs.centers, inputs.orgs, lines)
        array = PointArray(rows, lines.table.items, [], style)
        return _points_group(layer, spec.lang, array), "points"
    part, head = _layer_part(layer, inputs, spec)
    head_line = lines.word(head)
    lons, lats, _ = coordinates(part)
    planned = plan_layer(part["area_id"].tolist(), lons, lats, plan, anchors)
    if planned.mode in ("counts", "grid"):
        group = counts_group(layer, planned, names, spec.lang, plan.budget.detail_zoom)
        return group, planned.mode
    if planned.mode == "in_view":
        part = part.iloc[planned.positions]
    rows = shelter_rows(part, lines) if layer == "shelters" else org_rows(part, lines)
    array = PointArray(rows, lines.table.items, [head_line], style)
    return _points_group(layer, spec.lang, array), planned.mode


__all__ = [
    "AreaView",
    "Lines",
    "area_layer",
    "area_names",
    "areas_group",
    "council_rows",
    "counts_group",
    "filter_shelters",
    "lat_lon_bounds",
    "legend_html",
    "org_rows",
    "point_group",
    "shelter_rows",
]
