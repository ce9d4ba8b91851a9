"""The map's Leaflet elements: folium subclasses that carry data, not code.

Their behaviour lives in ``static/map/kyodo.js`` (``L.kyodo.*``, with ``L.KyodoShapes``
in ``kyodo-shapes.js``, ``L.KyodoLabels`` in ``kyodo-labels.js`` and ``L.KyodoDots`` in
``kyodo-points.js``)
and their looks in ``static/map/kyodo.css``, both loaded once with the base map by
:class:`KyodoAssets`; each element renders one call with its data as JSON that cannot
close a ``<script>`` (:func:`geo.map.encode.script_json`). Elements render through
:func:`geo.map.branca_compat.render_fast`, so a payload is never compiled as a template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import shapely
from branca.element import CssLink, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geo.map.assets import own_url
from geo.map.branca_compat import (
    CachedName,
    FastRender,
    children,
    clear_children,
    parent,
    render_fast,
)
from geo.map.encode import delta_rows, encoded_outline, escape_text, script_json
from geo.map.spec import FIT_PADDING, LEGEND_WIDTH, SCALE, SCALE_WIDTH
from geo.map.style import GAP_COLOR
from geo.map.wording import offline_notice


class KyodoMap(CachedName, folium.Map):
    """A :class:`folium.Map` whose page is the same however often it is rendered.

    folium adds the ``addTo`` calls of layers at render time under random names, so a
    second render would repeat them; the page script is rebuilt from scratch instead.
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Render into the figure, dropping what an earlier render left in its script.

        As :class:`folium.Map` renders (its libraries, then its macros and children),
        without compiling the rendered text again.
        """
        figure = self.get_root()
        assert isinstance(figure, Figure)
        clear_children(figure.script)
        render_with_links(self, **kwargs)


def render_with_links(element: Any, **kwargs: Any) -> None:
    """Render an element with libraries (folium's ``JSCSSMixin``) as folium does, its
    scripts and styles first in the page's head, without compiling the rendered text
    again (:func:`render_fast`)."""
    figure = element.get_root()
    for name, url in element.default_js:
        figure.header.add_child(JavascriptLink(url), name=name)
    for name, url in element.default_css:
        figure.header.add_child(CssLink(url), name=name)
    render_fast(element, **kwargs)


class _InGroup(MacroElement):
    """An element whose script adds what it draws to its parent."""

    def parent_name(self) -> str:
        """The variable name of the parent (a group, or the map)."""
        above = parent(self)
        if above is None:
            raise AttributeError(f"{type(self).__name__} is not on a map")
        return str(above.get_name())


class Group(FastRender, folium.FeatureGroup):
    """A feature group rendered without compiling its script again."""


class Tiles(FastRender, folium.TileLayer):
    """A tile layer rendered without compiling its script again."""


class FitBounds(FastRender, folium.FitBounds):
    """``fitBounds`` rendered without compiling its script again, and without an
    animated pan: the map opens where it is meant to, before any layer is drawn,
    clear of the sources' lines at its foot and of the frame's edges
    (:data:`geo.map.spec.FIT_PADDING`)."""

    def __init__(self, bounds: Sequence[Sequence[float]]) -> None:
        edge, room = FIT_PADDING
        super().__init__(bounds, padding_top_left=edge, padding_bottom_right=room)
        self.options["animate"] = False


class AreaTooltip(FastRender, folium.GeoJsonTooltip):
    """The areas' tooltip (styled by ``kyodo.css``), rendered without compiling again.

    Its fields are the area properties :func:`geo.map.layers.area_layer` always sets.
    """


class AreaLayer(FastRender, folium.GeoJson):
    """The areas as one GeoJson layer (``L.kyodo.areas``), shaded and outlined per area.

    ``data`` holds the features as GeoJSON (coordinates rounded to 1e-5°) with the
    properties ``area_id``, ``name``, ``value`` and ``reason``, all escaped; ``styles``
    maps each area id to its style and ``classes`` to its class index. In the page the
    outlines travel delta-encoded and are decoded before Leaflet sees them, and each
    distinct style travels once.

    With ``canvas`` (many areas, e.g. a country's municipalities) the areas are one
    layer painted on a canvas (``L.KyodoShapes``: typed arrays, hit-tested per area for
    the tooltip and the click) rather than one SVG element each; the gaps keep their
    hatching (a canvas pattern of the same lines in ``GAP_COLOR``).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.areas({{ this.payload }}, {{ this.scale }});
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
        canvas: bool = False,
    ) -> None:
        encoded: list[str] = []
        geojson: list[dict[str, Any]] = []
        wkbs = shapely.to_wkb([geom for _, geom in features]).tolist()
        for (props, _), wkb in zip(features, wkbs, strict=True):
            enc, dec = encoded_outline(wkb)
            encoded.append(f"[{script_json(props)},{enc}]")
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
        self.scale = SCALE
        # the distinct styles once ("k"), and each area's index into them ("s")
        kinds: dict[str, int] = {}
        index: dict[str, int] = {}
        for area_id, style in self.styles.items():
            index[area_id] = kinds.setdefault(script_json(style), len(kinds))
        self.canvas = canvas
        # the same text as script_json({"f": [[props, geometry], …], "k": …, "s": …})
        on_canvas = f',"c":{script_json(GAP_COLOR)}' if canvas else ""
        self.payload = (
            f'{{"f":[{",".join(encoded)}],"k":[{",".join(kinds)}],'
            f'"s":{script_json(index)}{on_canvas}}}'
        )


class PointArray(FastRender, _InGroup):
    """Points built in the browser from one compact array (``L.kyodo.points``).

    Each row of :attr:`rows` is ``[lat, lon, title, line, …]``; a line is a literal
    (escaped) string or an index into the shared table ``t`` of escaped strings. The
    tooltip shows the title; the popup the title in bold, the layer's ``head`` lines,
    then the row's lines. In the page the coordinates travel as integers in units of
    1e-5° (``k``), each the difference from the row before, and a title that starts
    like the one before as ``[n, rest]``: its first ``n`` characters (UTF-16 code
    units, as JavaScript counts) are those of the title before.

    The layer's points are one SVG path of its shape (``L.KyodoDots``): a thousand
    points cost the page one element, not a thousand; the path finds the point under
    the pointer for its tooltip and popup, and the areas under the gaps between points
    stay clickable. With ``gather`` (:class:`Gather`) the points are gathered in the
    page per square of the map's pixels (``L.KyodoClusters``): a square with several
    points shows one mark with their number instead.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.kyodo.points({{ this.parent_name() }}, {{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        rows: Sequence[Sequence[object]],
        table: Sequence[str],
        head: Sequence[int | str],
        style: Mapping[str, object],
        gather: Gather | None = None,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PointArray"
        self.rows = list(rows)
        self.gather = gather
        payload: dict[str, object] = {
            "t": list(table),
            "h": list(head),
            "s": dict(style),
            "k": SCALE,
            "r": delta_rows(self.rows),
        }
        if gather is not None:
            payload["g"] = {"c": gather.cell, "z": gather.upto, "u": list(gather.words)}
        self.payload = script_json(payload)


@dataclass(frozen=True)
class Gather:
    """How a point layer's points are gathered in the page (``L.KyodoClusters``).

    Attributes
    ----------
    cell
        Side of a square of the map's pixels; its points are gathered when more than one.
    upto
        Zoom from which every point is shown on its own.
    words
        The escaped words before and after the number in a mark's tooltip.
    """

    cell: int
    upto: int
    words: tuple[str, str]


class AreaCounts(FastRender, _InGroup):
    """Counts of a large point layer, drawn as labelled circles (``L.kyodo.counts``).

    Each row is ``[lat, lon, count, name]`` with ``name`` an index into the table
    ``t`` of escaped area names. A circle shows the count; its tooltip says the area
    and the count in words (``u``: the escaped text before and after the number, and
    ``u1`` the same for a count of 1 where its words differ, e.g. 「1 organisation」); a
    tap zooms in towards the area, down to where the layer shows its points. Without
    ``interactive`` the circles take no clicks; ``min_size`` is their least diameter
    in pixels (a touch target).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.kyodo.counts({{ this.parent_name() }}, {{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        rows: Sequence[Sequence[object]],
        table: Sequence[str],
        units: tuple[tuple[str, str], tuple[str, str]],
        colour: str,
        detail_zoom: int,
        *,
        interactive: bool = True,
        min_size: int = 0,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AreaCounts"
        self.rows = list(rows)
        payload: dict[str, object] = {
            "t": list(table),
            "u": list(units[0]),
            "c": colour,
            "z": detail_zoom,
            "r": self.rows,
        }
        if units[1] != units[0]:
            payload["u1"] = list(units[1])
        if not interactive:
            payload["i"] = False
        if min_size:
            payload["m"] = min_size
        self.payload = script_json(payload)


class Legend(FastRender, Layer):
    """The legend in words (``L.kyodo.legend``): a layer that shows a control while on a map.

    The control holds prepared (escaped) HTML. Being a layer, the legend goes into the
    areas group and leaves the map with it: when the page swaps the dynamic layers
    (``map.removeLayer(group)``), the old legend goes and the new one comes. With
    ``mode`` ``collapsed`` it waits behind a button named ``label``. It is at most
    ``width`` pixels wide (longer entries wrap).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.legend({{ this.payload }}, {{ this.options_json }});
{% endmacro %}
"""
    )

    def __init__(
        self, html_text: str, mode: str = "open", label: str = "", width: int = LEGEND_WIDTH[0]
    ) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "Legend"
        self.html = html_text
        self.mode = mode
        self.label = escape_text(label)
        self.width = width
        self.payload = script_json(html_text)
        self.options_json = script_json({"mode": mode, "label": self.label, "width": width})


class AreaLabels(FastRender, Layer):
    """Every area's name, always on the map (``L.kyodo.labels``), taking no clicks.

    ``rows`` are ``[lat, lon, name, value, muted, spots]`` (escaped texts; ``spots``
    the other places for the name, flat pairs of whole steps of 1/``scale`` degree from
    ``lat, lon``), the smallest area first (:func:`geo.map.labels.label_rows`); the
    page places them at every zoom.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.labels({{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(self, rows: Sequence[Sequence[object]], scale: int) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "AreaLabels"
        self.rows = [list(r) for r in rows]
        self.payload = script_json({"r": self.rows, "k": scale})


class Focus(FastRender, Layer):
    """Moves the map when the layers are added (``L.kyodo.view``).

    A fresh map opens on the selected area, else on the home bounds (the focused areas,
    or all). Later, a new focus (``home``) moves the map onto it; an area selected
    elsewhere on the page is brought into view without zooming in; an area clicked on
    the map leaves the view as the user has it. ``bounds`` are ``[[south, west],
    [north, east]]`` or ``None``. ``legend`` is the room (pixels) an open legend takes at
    the map's right (0 for none, or one that starts folded): a fitted view keeps clear
    of it where that costs no zoom.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.view({{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        area_id: str | None,
        bounds: Sequence[Sequence[float]] | None,
        home: str = "",
        home_bounds: Sequence[Sequence[float]] | None = None,
        legend: int = 0,
    ) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "Focus"
        self.area_id = area_id
        self.home = home
        self.legend = legend
        self.bounds = None if bounds is None else [list(b) for b in bounds]
        self.home_bounds = None if home_bounds is None else [list(b) for b in home_bounds]
        self.payload = script_json(
            {
                "area": None if area_id is None else escape_text(area_id),
                "bounds": self.bounds,
                "home": escape_text(home),
                "homeBounds": self.home_bounds,
                "legend": legend,
            }
        )


class HomeButton(FastRender, Layer):
    """The whole-city button (``L.kyodo.home``): back to ``bounds`` (the city or the
    focused areas), named ``label``; a layer, so it follows the page's language."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.home({{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(self, label: str, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "HomeButton"
        self.label = escape_text(label)
        self.bounds = [list(b) for b in bounds]
        self.payload = script_json({"label": self.label, "bounds": self.bounds})


class MapTexts(FastRender, Layer):
    """The map's texts in the page's language, while the layers are on it (``L.kyodo.texts``).

    The frame's title and ``lang``, the zoom buttons' names, the attribution lines
    (escaped HTML: the base map's first, a link only with ``links``), the Leaflet
    prefix (plain text without ``links``), the name of a touch screen's ⓘ button, the
    notice for missing base-map tiles (``offline``: the base's own says it in both
    languages), and whether points take clicks (``passive``).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.texts({{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(self, texts: Mapping[str, object]) -> None:
        super().__init__(overlay=True, control=False)
        self._name = "MapTexts"
        self.texts = dict(texts)
        self.payload = script_json(self.texts)


class LayerList(FastRender, folium.LayerControl):
    """The layer control (``L.kyodo.layers``): each point layer's swatch and name.

    ``labels`` maps a group's name to its label (escaped HTML: the swatch, then the
    name). Its toggle, when ``collapsed``, is a button named ``toggle``. It stays a
    :class:`folium.LayerControl` with its variable name, which ``st_folium`` relies on.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.kyodo.layers({{ this._parent.get_name() }}, {{ this.entries_js }},
    {{ this.options_json }});
{% endmacro %}
"""
    )

    def __init__(self, labels: Mapping[str, str], *, collapsed: bool, toggle: str) -> None:
        super().__init__(collapsed=collapsed)
        self.labels = dict(labels)
        self.entries: list[tuple[str, str]] = []
        self.entries_js = "[]"
        self.options_json = script_json({"collapsed": collapsed, "label": escape_text(toggle)})

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """List the point layers of the map (as folium does), then render without compiling."""
        self.reset()
        self.entries = []
        above = parent(self)
        for item in children(above) if above is not None else []:
            if isinstance(item, Layer) and item.control and item.overlay:
                label = self.labels.get(item.layer_name, escape_text(item.layer_name))
                self.overlays[item.layer_name] = item.get_name()
                self.entries.append((script_json(label), item.get_name()))
        self.entries_js = "[" + ", ".join(f"[{lab}, {var}]" for lab, var in self.entries) + "]"
        render_fast(self, **kwargs)


class KyodoAssets(JSCSSMixin, MacroElement):
    """Loads the map's own code and styles (``static/map/``) with the map; draws nothing.

    With ``touch``, also the large text of a touch screen (``kyodo-touch.css``).
    """

    _template = Template("{% macro script(this, kwargs) %}{% endmacro %}")

    def __init__(self, *, touch: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "KyodoAssets"
        self.default_js = [
            ("kyodo_shapes_js", own_url("kyodo-shapes.js")),
            ("kyodo_labels_js", own_url("kyodo-labels.js")),
            ("kyodo_points_js", own_url("kyodo-points.js")),
            ("kyodo_js", own_url("kyodo.js")),
        ]
        self.default_css = [("kyodo_css", own_url("kyodo.css"))]
        if touch:
            self.default_css.append(("kyodo_touch_css", own_url("kyodo-touch.css")))

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium returns None
        """Add the libraries to the page's head (:func:`render_with_links`)."""
        render_with_links(self, **kwargs)


class Setup(FastRender, _InGroup):
    """Sets the base map up once (``L.kyodo.setup``): a touch screen's class, the scale
    (metric, :data:`geo.map.spec.SCALE_WIDTH`), the pane of the areas' names, the map
    reflowed whenever its frame is resized, and the room its fitted views leave for the
    sources and at the frame's edges (:data:`geo.map.spec.FIT_PADDING`)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.kyodo.setup({{ this.parent_name() }}, {{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(self, *, touch: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Setup"
        self.touch = touch
        edge, room = FIT_PADDING
        self.payload = script_json(
            {"touch": touch, "edge": list(edge), "room": list(room), "scale": SCALE_WIDTH[touch]}
        )


class OfflineNotice(FastRender, _InGroup):
    """Says so on the map when base-map tiles fail to load (``L.kyodo.offline``)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.kyodo.offline({{ this.parent_name() }}, {{ this.payload }});
{% endmacro %}
"""
    )

    def __init__(self, text: str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "OfflineNotice"
        self.payload = script_json(escape_text(offline_notice() if text is None else text))


__all__ = [
    "AreaCounts",
    "AreaLabels",
    "AreaLayer",
    "AreaTooltip",
    "FitBounds",
    "Focus",
    "Gather",
    "Group",
    "HomeButton",
    "KyodoAssets",
    "KyodoMap",
    "LayerList",
    "Legend",
    "MapTexts",
    "OfflineNotice",
    "PointArray",
    "Setup",
    "Tiles",
]
