"""The map: areas shaded by coverage, gaps marked, and the organisations as points.

One entry point, :func:`build`, turns what a map is built from (:class:`MapInputs`,
:func:`city_inputs` for a loaded city), a coverage frame and a :class:`MapSpec` into
:class:`MapParts`: a base map that stays while the page is open and the layers a view
draws on it. :func:`compose` puts the parts together into one :class:`folium.Map`.

What a page chooses is on :class:`MapSpec`: besides what is shown (metric, fields,
layers, hazards, basemap, language, the selected area), the areas' names (``labels``,
``label_values``), a ``focus`` on some areas, no links at all (``links=False``, the
kiosk), how the layer control and the legend are shown (``layer_control``,
``legend``), the frame's accessible ``title``, points that take no clicks
(``points_interactive=False``) and a touch screen (``touch``). Every map has a
whole-city button, keeps the user's view when an area is clicked, and fills its frame.

The package, one module per job (each depends only on those above it):

============================  =========================================================
``spec``                      what a map shows (:class:`MapSpec`), how much of large
                              data it sends (:class:`MapBudget`), what it is built from
``style``                     class colours, gap and selection outlines, point styles
``encode``                    escaping of every text from data, script JSON, compact
                              encodings of points and outlines
``wording``                   the map's words, from the catalogue (:mod:`geo.words`)
``classes``                   the choropleth's classes and their ranges in words
``labels``                    where each area's name goes (inside its largest part)
``legend``                    the legend and the layer control's swatches, from the
                              style values the map uses
``view``                      the view (:class:`Viewport`) and the plan of each layer
``points``                    the rows of the point layers (frames read once as arrays)
``branca_compat``             the one place that reaches into branca's internals
``assets``                    the browser libraries and where they are loaded from
``elements``                  the Leaflet elements (their code and styles are
                              ``static/map/kyodo.js``, ``kyodo-shapes.js``,
                              ``kyodo-labels.js``, ``kyodo-points.js`` and
                              ``kyodo.css``)
``layers``                    the areas with their names, legend, whole-city button
                              and texts, and the point layers
``build``                     :func:`build` and :func:`compose`
``returned``                  reading what the map returns: its view, a clicked area
============================  =========================================================
"""

from __future__ import annotations

from geo.map.assets import FROM_THE_INTERNET, MapAssets, asset_dirs
from geo.map.build import MapParts, build, city_inputs, compose
from geo.map.encode import escape_text
from geo.map.returned import clicked_area, viewport_of
from geo.map.spec import BASEMAPS, DEFAULT_BUDGET, LAYERS, MapBudget, MapInputs, MapSpec
from geo.map.view import Viewport, needs_view

__all__ = [
    "BASEMAPS",
    "DEFAULT_BUDGET",
    "FROM_THE_INTERNET",
    "LAYERS",
    "MapAssets",
    "MapBudget",
    "MapInputs",
    "MapParts",
    "MapSpec",
    "Viewport",
    "asset_dirs",
    "build",
    "city_inputs",
    "clicked_area",
    "compose",
    "escape_text",
    "needs_view",
    "viewport_of",
]
