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
    markers in the browser) and area outlines as delta-encoded integers (1e-5°, about
    1 m), which keeps the page of the whole city well under 150 KB.

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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from geo.coverage import METRICS, gap_reason_text
from geo.fields import FieldCatalog
from geo.io import HAZARDS, CityData
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
    """

    metric: str = "count"
    fields: tuple[str, ...] = ()
    layers: tuple[str, ...] = LAYERS
    hazards: tuple[str, ...] = ()
    basemap: str = "gsi"
    lang: str = "ja"
    area_id: str | None = None

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
    decoded = [[int(x) / _SCALE, int(y) / _SCALE] for x, y in ints.tolist()]
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


# --- elements --------------------------------------------------------------------------------


class _Text(Element):
    """Text already rendered: put into the page as it is, not compiled again."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class _FastRender(MacroElement):
    """Render an element's macros into the page as plain text.

    branca wraps each rendered macro in a new ``Element(text)``, which compiles the
    text — with the layer's whole data payload — as a Jinja template again, on every
    render. Passing the text through unchanged is faster and means nothing in the data
    can ever be read as template syntax.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Add the header, html and script macros of the template, then the children."""
        element: Any = self
        figure = element.get_root()
        if hasattr(element, "parent_map"):  # folium's GeoJson looks up its map here
            element.parent_map = get_obj_in_upper_tree(element, folium.Map)
        parent = element._parent
        if isinstance(element, Layer) and element.show and parent is not None:
            # as folium's Layer.render does
            element.add_child(
                ElementAddToElement(
                    element_name=element.get_name(),
                    element_parent_name=parent.get_name(),
                ),
                name=element.get_name() + "_add",
            )
        module = element._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(
                    _Text(macro(element, kwargs)), name=element.get_name()
                )
        for child in list(element._children.values()):
            child.render(**kwargs)


class KyodoMap(folium.Map):
    """A :class:`folium.Map` whose page is the same however often it is rendered.

    folium adds the ``addTo`` calls of layers at render time under random names, so a
    second render would repeat them; the page script is rebuilt from scratch instead.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Render into the figure, dropping what an earlier render left in its script."""
        figure = self.get_root()
        if isinstance(figure, Figure):
            figure.script._children.clear()
        super().render(**kwargs)  # type: ignore[no-untyped-call]


class AreaLayer(_FastRender, folium.GeoJson):
    """The areas as one GeoJson layer, shaded and outlined per :func:`area_style`.

    ``data`` holds the features as GeoJSON (coordinates rounded to 1e-5°) with the
    properties ``area_id``, ``name``, ``value`` and ``reason``, all escaped; ``styles``
    maps each area id to its style and ``classes`` to its class index. In the page the
    outlines travel delta-encoded and are decoded before Leaflet sees them.
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
        style: function (f) { return d.s[f.properties.area_id]; },
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
        encoded: list[list[Any]] = []
        geojson: list[dict[str, Any]] = []
        for props, geom in features:
            enc, dec = _encode_geometry(geom)
            encoded.append([props, enc])
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
        self.payload = _script_json({"f": encoded, "s": self.styles})


class PointArray(_FastRender, MacroElement):
    """Circle markers built in the browser from one compact array, added to the parent.

    Each row is ``[lat, lon, title, line, …]``; a line is a literal (escaped) string
    or an index into the shared table ``t`` of escaped strings. The popup shows the
    title in bold, the layer's ``head`` lines, then the row's lines.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var d = {{ this.payload }}, t = d.t;
    function line(x) { return typeof x === "number" ? t[x] : x; }
    var ms = d.r.map(function (r) {
        var m = L.circleMarker([r[0], r[1]], d.s);
        m.bindTooltip(r[2]);
        m.bindPopup(function () {
            var div = document.createElement("div"), h = "<b>" + r[2] + "</b>";
            d.h.concat(r.slice(3)).forEach(function (x) {
                var s = line(x);
                if (s) { h += "<br>" + s; }
            });
            div.innerHTML = h;
            return div;
        });
        return m;
    });
    var g = {{ this._parent.get_name() }};
    if (g.addLayers) { g.addLayers(ms); } else { ms.forEach(function (m) { g.addLayer(m); }); }
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
            {"t": list(table), "h": list(head), "s": dict(style), "r": self.rows}
        )


class Legend(Layer):
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


class Focus(Layer):
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


class ClusterGroup(folium.FeatureGroup):
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
    ".kyodo-offline{background:#fff3cd;color:#5c4400;border:1px solid #e0c46c;"
    "padding:6px 10px;border-radius:4px;font-size:14px;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
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
    orgs: pd.DataFrame,
    kind: str,
    table: _Table,
    area_names: Mapping[str, str],
    field_labels: Mapping[str, str],
    lang: str,
) -> list[list[object]]:
    text = _TEXT[lang]
    sample = table.ref(escape_text(text["sample"]))
    rows: list[list[object]] = []
    part = orgs[orgs["kind"] == kind]
    escaped = {code: escape_text(label) for code, label in field_labels.items()}
    lines: dict[tuple[str, ...], str] = {}
    geoms = part.geometry.values
    valid = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    lats = np.round(shapely.get_y(geoms), POINT_DECIMALS)
    lons = np.round(shapely.get_x(geoms), POINT_DECIMALS)
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
    flags = shelters[list(HAZARDS)].astype(bool).to_numpy()
    notes = shelters["note"] if "note" in shelters else pd.Series([""] * len(shelters))
    rows: list[list[object]] = []
    for i, (name, area_id, evac, note, geom) in enumerate(
        zip(
            shelters["name"],
            shelters["area_id"],
            shelters["is_evacuation_center"],
            notes,
            shelters.geometry,
            strict=True,
        )
    ):
        ll = _latlon(geom)
        if ll is None:
            continue
        row: list[object] = [ll[0], ll[1], escape_text(name)]
        row.append(table.ref(area_names.get(area_id, escape_text(area_id))))
        hazards = [labels[h] for h, on in zip(HAZARDS, flags[i], strict=True) if on]
        if hazards:
            row.append(table.ref(escape_text(text["for"] + text["sep"].join(hazards))))
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


def _basemap(basemap: str) -> folium.TileLayer | None:
    if basemap == "gsi":
        return folium.TileLayer(
            tiles=GSI_TILES,
            attr=GSI_ATTRIBUTION,
            name="国土地理院 標準地図",
            min_zoom=MIN_ZOOM,
            max_zoom=MAX_ZOOM,
            max_native_zoom=18,
            control=False,
        )
    if basemap == "osm":
        return folium.TileLayer(
            tiles=OSM_TILES,
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap",
            max_zoom=MAX_ZOOM,
            control=False,
        )
    return None


def _add_areas(
    parent: Element,
    areas: gpd.GeoDataFrame,
    by_area: pd.DataFrame,
    spec: MapSpec,
    selected: str | None,
) -> tuple[float, ...]:
    """Add the shaded areas with their tooltip; return the class breaks."""
    lang = spec.lang
    text = _TEXT[lang]
    column = _metric_column(spec.metric)
    values = [float(v) for v in by_area.loc[list(areas["area_id"]), column]]
    breaks = class_breaks(values, spec.metric)
    names = _area_names(areas, lang)
    features: list[tuple[dict[str, str], shapely.Geometry]] = []
    styles: dict[str, dict[str, object]] = {}
    classes: dict[str, int] = {}
    order: list[tuple[int, int]] = []
    for i, (area_id, geom) in enumerate(zip(areas["area_id"], areas.geometry, strict=True)):
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
    tooltip = folium.GeoJsonTooltip(
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


def _point_group(
    layer: str,
    spec: MapSpec,
    area_names: Mapping[str, str],
    *,
    orgs: pd.DataFrame,
    centers: pd.DataFrame,
    shelters: pd.DataFrame,
    catalog: FieldCatalog,
) -> folium.FeatureGroup:
    """One switchable point layer (a cluster group for the civic groups)."""
    lang = spec.lang
    text = _TEXT[lang]
    labels = catalog.labels(lang)
    table = _Table()
    head: list[int | str] = []
    if layer == "councils":
        rows = _council_rows(centers, orgs, table, area_names, labels, lang)
    elif layer == "shelters":
        head.append(table.ref(escape_text(text["site"])))
        rows = _shelter_rows(filter_shelters(shelters, spec.hazards), table, area_names, lang)
    else:
        kind = "association" if layer == "associations" else "civic_group"
        head.append(table.ref(escape_text(text[kind])))
        rows = _org_rows(orgs, kind, table, area_names, labels, lang)
    name = LAYER_NAMES[lang][layer]
    group: folium.FeatureGroup
    if layer == "civic_groups":
        group = ClusterGroup(
            name=name, overlay=True, control=True, showCoverageOnHover=False, maxClusterRadius=40
        )
    else:
        group = folium.FeatureGroup(name=name, overlay=True, control=True)
    group.add_child(PointArray(rows, table.items, head, POINT_STYLES[layer]))
    return group


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
    """

    base: folium.Map
    layers: tuple[folium.FeatureGroup, ...]
    control: folium.LayerControl | None
    focus: tuple[float, float, float, float] | None = None


def _base_map(
    areas: gpd.GeoDataFrame,
    basemap: str,
    sources: Sequence[Source],
    *,
    local_assets: bool | Mapping[str, str],
) -> KyodoMap:
    """The part of the map that never changes while the page is open."""
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
    # Leaflet is all the map needs: no jQuery, Bootstrap or icon fonts.
    m.default_js = [(n, u) for n, u in m.default_js if n == "leaflet"]
    m.default_css = [(n, u) for n, u in m.default_css if n == "leaflet_css"]
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(Element(_CSS), name="kyodo_css")
    figure.html.add_child(Element(_hatch_defs()), name="kyodo_hatch")
    tiles = _basemap(basemap)
    if tiles is not None:
        tiles.add_to(m)
        OfflineNotice().add_to(m)
    lines = attribution_lines(tuple(sources))
    if lines:
        Attribution(lines).add_to(m)
    # the civic groups may be switched on later, without reloading the page
    ClusterAssets().add_to(m)
    folium.FitBounds(_lat_lon_bounds(areas.total_bounds)).add_to(m)
    _assign_ids(figure, f"base:{basemap}")
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
) -> MapParts:
    """The map as a base that stays and layers that change (see :class:`MapParts`).

    Parameters are those of :func:`build_map`.

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

    base = _base_map(areas, spec.basemap, sources, local_assets=local_assets)

    text = _TEXT[spec.lang]
    shaded = folium.FeatureGroup(name=text["areas"], overlay=True, control=False)
    breaks = _add_areas(shaded, areas, by_area, spec, selected)
    Legend(_legend_html(spec, breaks, catalog, selected=selected is not None)).add_to(shaded)
    focus: tuple[float, float, float, float] | None = None
    if selected is not None:
        w, s, e, n = (float(v) for v in areas.loc[areas["area_id"] == selected].total_bounds)
        focus = (w, s, e, n)
    Focus(selected, None if focus is None else _lat_lon_bounds(focus)).add_to(shaded)

    names = _area_names(areas, spec.lang)
    groups = [shaded] + [
        _point_group(
            layer, spec, names, orgs=orgs, centers=centers, shelters=shelters, catalog=catalog
        )
        for layer in spec.layers
    ]
    control = folium.LayerControl(collapsed=False) if spec.layers else None
    _assign_ids([*groups, *([control] if control is not None else [])], f"layers:{spec!r}")
    return MapParts(base=base, layers=tuple(groups), control=control, focus=focus)


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
    local_assets
        As for :func:`build_map`.
    """
    return build_map(
        data.areas,
        cov,
        spec,
        orgs=data.organisations if orgs is None else orgs,
        centers=data.centers,
        shelters=data.shelters,
        catalog=data.catalog,
        sources=data.sources,
        local_assets=local_assets,
    )


def build_city_map_parts(
    data: CityData,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    orgs: gpd.GeoDataFrame | None = None,
    local_assets: bool | Mapping[str, str] = False,
) -> MapParts:
    """:func:`build_map_parts` for everything loaded for a city.

    Parameters are those of :func:`build_city_map`.
    """
    return build_map_parts(
        data.areas,
        cov,
        spec,
        orgs=data.organisations if orgs is None else orgs,
        centers=data.centers,
        shelters=data.shelters,
        catalog=data.catalog,
        sources=data.sources,
        local_assets=local_assets,
    )


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
    "ASSET_DIRS_ENV",
    "ASSET_FILES",
    "BASEMAPS",
    "DEFAULT_ASSET_DIRS",
    "GAP_COLOR",
    "GSI_ATTRIBUTION",
    "GSI_TILES",
    "HAZARD_LABELS",
    "LAYERS",
    "LAYER_NAMES",
    "METRIC_LABELS",
    "OSM_ATTRIBUTION",
    "PALETTE",
    "AreaLayer",
    "Attribution",
    "ClusterAssets",
    "ClusterGroup",
    "Focus",
    "KyodoMap",
    "Legend",
    "MapParts",
    "MapSpec",
    "PointArray",
    "area_style",
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
    "embed_assets",
    "escape_text",
    "filter_shelters",
    "format_value",
    "local_asset",
    "localise_assets",
    "missing_assets",
]
