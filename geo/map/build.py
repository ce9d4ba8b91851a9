"""Building the map: :func:`build` gives the parts, :func:`compose` puts them together.

The page shows the map in two parts (:class:`MapParts`): a base map that only the
basemap choice (and a touch screen) changes, and the layers a view draws on it
(areas, legend, points, layer control). ``st_folium`` reloads its frame when the
base changes but swaps the layers in place, so changing the metric, the fields, the
filter, the layers, the selected area or the language does not reload the map. A
saved page, or a map shown once, is the two parts put together (:func:`compose`).

Everything here is pure (no Streamlit) and deterministic: the same inputs give
byte-identical HTML (element ids are derived from the spec, not drawn at random).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import folium
import geopandas as gpd
import pandas as pd
import xyzservices  # type: ignore[import-untyped]  # comes with folium
from branca.element import Figure

from geo.map.assets import FROM_THE_INTERNET, MapAssets
from geo.map.branca_compat import Text, assign_ids, children
from geo.map.elements import (
    FitBounds,
    KyodoAssets,
    KyodoMap,
    LayerList,
    OfflineNotice,
    PointArray,
    Setup,
    Tiles,
)
from geo.map.layers import AreaView, area_names, areas_group, lat_lon_bounds, point_group
from geo.map.legend import layer_labels
from geo.map.points import PointFrames
from geo.map.spec import (
    DEFAULT_BUDGET,
    MAX_ZOOM,
    MIN_ZOOM,
    ZOOM_SNAP,
    MapBudget,
    MapInputs,
    MapSpec,
)
from geo.map.style import GSI_TILES, OSM_TILES, hatch_defs
from geo.map.view import ViewPlan, Viewport, area_anchors, areas_in_view, opening_zoom
from geo.map.wording import words
from geo.model import CityData
from geo.sources import Source


@dataclass(frozen=True)
class MapParts:
    """The map in two parts: a base that stays for the session and the layers on it.

    ``st_folium`` reloads its frame whenever the base map's script changes, but swaps
    the groups passed as ``feature_group_to_add`` (and the ``layer_control``) in place.
    So everything a view changes lives in :attr:`layers` and :attr:`control`::

        parts = build(inputs, cov, spec)
        st_folium(parts.base, key="map", feature_group_to_add=list(parts.layers),
                  layer_control=parts.control)

    ``st_folium`` (like :func:`compose`) changes the objects it is given (it renames
    them and adds the groups to the base), so build fresh parts for every call rather
    than keeping them between reruns.

    Attributes
    ----------
    base
        The map with the basemap, the attribution, the styles, the libraries every
        layer needs (Leaflet and the map's own code) and the view
        of the whole city. It depends only on ``spec.basemap``, ``spec.touch``, the
        areas' extent, the sources and the assets: its page is byte-identical for
        specs that differ in anything else (metric, fields, layers, hazards, area,
        language) and for any coverage or organisations.
    layers
        The areas (shaded, with tooltip, gap hatching, the selected area's outline,
        the legend and the move onto the selected area) first, then one group per
        point layer of ``spec.layers``, named in ``spec.lang``.
    control
        The layer control listing the point layers; ``None`` when there are none.
    spec
        What the parts show.
    focus
        ``(west, south, east, north)`` of the selected area, ``None`` for none. The
        areas group already moves the map there when the selection changes.
    modes
        How each point layer of ``spec.layers`` was sent
        (:data:`geo.map.spec.POINT_MODES`).
    """

    base: folium.Map
    layers: tuple[folium.FeatureGroup, ...]
    control: folium.LayerControl | None
    spec: MapSpec
    focus: tuple[float, float, float, float] | None = None
    modes: Mapping[str, str] = field(default_factory=dict)


def city_inputs(data: CityData, orgs: gpd.GeoDataFrame | None = None) -> MapInputs:
    """What a map of a loaded city is built from.

    Parameters
    ----------
    data
        The city's data.
    orgs
        The filtered organisations; all of ``data.organisations`` when ``None``.
    """
    return MapInputs(
        areas=data.areas,
        orgs=data.organisations if orgs is None else orgs,
        centers=data.centers,
        shelters=data.shelters,
        catalog=data.catalog,
        sources=tuple(data.sources),
    )


#: The basemaps as tile providers, so folium need not search its list of providers by URL.
#: Their attribution is drawn with the layers, in the page's language
#: (:func:`geo.map.layers.attribution_texts`), so the base stays the same in both.
_PROVIDERS = {
    "gsi": xyzservices.TileProvider(
        name="gsi", url=GSI_TILES, attribution="国土地理院", html_attribution="国土地理院"
    ),
    "osm": xyzservices.TileProvider(
        name="osm", url=OSM_TILES, attribution="OpenStreetMap", html_attribution="OpenStreetMap"
    ),
}


def _tiles(basemap: str) -> folium.TileLayer | None:
    if basemap == "none":
        return None
    tiles = Tiles(
        tiles=_PROVIDERS[basemap],
        name=basemap,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        max_native_zoom=18,
        control=False,
    )
    tiles.options.pop("attribution", None)
    return tiles


def _empty_map(areas: gpd.GeoDataFrame, *, touch: bool) -> KyodoMap:
    """A map over the areas' extent that loads Leaflet alone, with no layer yet.

    With ``touch``, one finger scrolls the page rather than dragging the map (two
    fingers pan and zoom, and the zoom buttons stay).
    """
    west, south, east, north = (float(v) for v in areas.total_bounds)
    m = KyodoMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=10,
        tiles=None,
        control_scale=False,  # the map's own (L.kyodo.setup): in metres only
        prefer_canvas=False,  # SVG, so the gaps can be hatched
    )
    # without a tile layer the map has no zoom range, which marker clusters need
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, zoom_snap=ZOOM_SNAP)
    if touch:
        m.options.update(dragging=False, scroll_wheel_zoom=False, tap=True, touch_zoom=True)
    # Leaflet is all the map needs: no jQuery, Bootstrap or icon fonts.
    m.default_js = [(n, u) for n, u in m.default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in m.default_css if n == "leaflet_css"]
    return m


def base_map(
    areas: gpd.GeoDataFrame,
    spec: MapSpec,
    sources: Sequence[Source] = (),
    assets: MapAssets = FROM_THE_INTERNET,
) -> KyodoMap:
    """The part of the map that never changes while the page is open (see :class:`MapParts`).

    With ``spec.touch`` the text is large enough to read without pinching. ``sources``
    are no longer drawn by the base (the layers name them, in the page's language);
    the parameter stays for callers that pass them.
    """
    m = _empty_map(areas, touch=spec.touch)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.html.add_child(Text(hatch_defs()), name="kyodo_hatch")
    tiles = _tiles(spec.basemap)
    if tiles is not None:
        tiles.add_to(m)
        OfflineNotice().add_to(m)
    KyodoAssets(touch=spec.touch).add_to(m)
    Setup(touch=spec.touch).add_to(m)
    FitBounds(lat_lon_bounds(areas.total_bounds)).add_to(m)
    assign_ids(figure, f"base:{spec.basemap}:{'touch' if spec.touch else 'pointer'}")
    assets.apply(m)
    return m


def _by_area(areas: gpd.GeoDataFrame, cov: pd.DataFrame) -> pd.DataFrame:
    """The coverage indexed by area; every area must have a row."""
    by_area = cov.set_index("area_id")
    missing = [a for a in areas["area_id"] if a not in by_area.index]
    if missing:
        raise ValueError(f"coverage has no row for areas {missing}")
    return by_area


def build(
    inputs: MapInputs,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    view: Viewport | None = None,
    budget: MapBudget = DEFAULT_BUDGET,
    assets: MapAssets = FROM_THE_INTERNET,
) -> MapParts:
    """The interactive map of the areas, their coverage and the organisations, in parts.

    Parameters
    ----------
    inputs
        What the map is built from (:func:`city_inputs` for a loaded city).
    cov
        :func:`geo.coverage.coverage` for the selected fields and filter: one row per
        area (matched by ``area_id``).
    spec
        What to draw.
    view
        What the map shows (:func:`geo.map.returned.viewport_of`); it matters only for
        layers with more points than ``budget.limit``, which are sent as counts per
        area without it (see :class:`geo.map.spec.MapBudget`).
    budget
        How many points a layer may send.
    assets
        Where the browser libraries are loaded from (:class:`geo.map.assets.MapAssets`).

    Returns
    -------
    The parts (see :class:`MapParts`); the base does not depend on ``view`` or
    ``budget``: a new view only swaps the layers. The same inputs give byte-identical
    scripts.

    Raises
    ------
    ValueError
        When ``cov`` lacks an area of ``inputs.areas``.
    """
    areas = inputs.areas
    by_area = _by_area(areas, cov)
    known = set(areas["area_id"])
    selected = spec.area_id if spec.area_id in known else None
    base = base_map(areas, spec, inputs.sources, assets)
    shown = areas_in_view(areas, view, budget, keep=selected)
    area_view = AreaView(areas, by_area, selected, shown, frozenset(spec.focus) & known)
    zoom = view.zoom if view is not None else opening_zoom(areas.total_bounds, budget.map_width)
    plan = ViewPlan(view, budget, zoom)
    names = area_names(areas, spec.lang)
    anchors = functools.cache(lambda: area_anchors(areas))
    modes: dict[str, str] = {}
    points: list[folium.FeatureGroup] = []
    frames = PointFrames(inputs)
    for layer in spec.layers:
        group, modes[layer] = point_group(layer, frames, spec, plan, names, anchors)
        points.append(group)
    clustered = [
        layer
        for layer, g in zip(spec.layers, points, strict=True)
        if any(isinstance(e, PointArray) and e.gather is not None for e in children(g))
    ]
    shaded = areas_group(
        area_view,
        spec,
        inputs,
        label_limit=budget.count_areas,
        clustered=clustered,
        canvas=len(areas) > budget.area_limit,
    )
    groups = [shaded, *points]
    control = layer_control(spec)
    assign_ids([*groups, *([control] if control is not None else [])], f"layers:{spec!r}")
    return MapParts(base, tuple(groups), control, spec, area_view.focus_bounds(), modes)


def layer_control(spec: MapSpec) -> LayerList | None:
    """The layer control of ``spec.layer_control``: a checkbox per point layer, with its
    swatch; ``None`` for ``none`` or without point layers."""
    if not spec.layers or spec.layer_control == "none":
        return None
    return LayerList(
        layer_labels(spec.layers, spec.lang),
        collapsed=spec.layer_control == "collapsed",
        toggle=words("map.layers.toggle", spec.lang),
    )


def compose(parts: MapParts) -> folium.Map:
    """The parts put together into one map, e.g. for a saved page or a map shown once.

    It changes the parts (the groups and the control go onto the base), so compose
    fresh ones.

    Returns
    -------
    A map whose rendered HTML is identical for identical inputs.
    """
    m = parts.base
    for group in parts.layers:
        group.add_to(m)
    if parts.control is not None:
        parts.control.add_to(m)
    assign_ids(m.get_root(), repr(parts.spec))
    return m


__all__ = ["MapParts", "base_map", "build", "city_inputs", "compose", "layer_control"]
