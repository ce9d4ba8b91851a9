"""How the map looks: class colours, gap and selection outlines, point styles, basemaps.

The rules that do not depend on data live in ``static/map/kyodo.css``; the values
here are the ones the layers put on each area and point, and the legend and the layer
control draw their swatches from the same values (:func:`seen_colour`,
:func:`shape_svg`), so what the legend shows is what the map shows.
"""

from __future__ import annotations

from collections.abc import Mapping

#: ColorBrewer YlGnBu, 5 classes: sequential and colour-blind safe.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
GAP_COLOR = "#d7191c"
GAP_DASH = "6 4"
SELECTED_COLOR = "#000000"
FILL_OPACITY = 0.6
#: The page behind the areas (``.leaflet-container`` in ``kyodo.css``): fills are seen
#: blended over it.
MAP_BACKGROUND = "#f4f3ef"
#: The outline of a plain area.
AREA_OUTLINE = "#666666"
#: Areas outside the focus: grey, neither recoloured nor hatched.
MUTED_FILL = "#bdbdbd"
MUTED_OUTLINE = "#9e9e9e"

#: The shape of each point layer, so that colour is never the only carrier:
#: councils ■, associations ●, civic groups ◆, shelters ▲.
POINT_SHAPES: Mapping[str, str] = {
    "councils": "square",
    "associations": "circle",
    "civic_groups": "diamond",
    "shelters": "triangle",
}
#: The character standing for each shape (in words, e.g. the legend's text alternative).
SHAPE_MARKS: Mapping[str, str] = {
    "square": "■",
    "circle": "●",
    "diamond": "◆",
    "triangle": "▲",
}

#: Point styles (Okabe–Ito colours, a dark rim so they show on every class colour).
#: ``radius`` is half the side of the shape's box, in pixels.
POINT_STYLES: Mapping[str, Mapping[str, object]] = {
    "councils": {
        "shape": "square",
        "radius": 7,
        "color": "#ffffff",
        "weight": 2,
        "fillColor": "#cc79a7",
        "fillOpacity": 0.95,
    },
    "associations": {
        "shape": "circle",
        "radius": 5,
        "color": "#333333",
        "weight": 1,
        "fillColor": "#0072b2",
        "fillOpacity": 0.85,
    },
    "civic_groups": {
        "shape": "diamond",
        "radius": 7,
        "color": "#333333",
        "weight": 1,
        "fillColor": "#e69f00",
        "fillOpacity": 0.9,
    },
    "shelters": {
        "shape": "triangle",
        "radius": 6,
        "color": "#333333",
        "weight": 1,
        "fillColor": "#009e73",
        "fillOpacity": 0.9,
    },
}

#: A point layer with more points than this is dense: below :data:`OVERVIEW_ZOOM`
#: (the whole city, or most of it, in view) its points are drawn small, with a thin
#: white rim, so that where they crowd (a city's centre) the areas' colours and the
#: other marks still show; from it on, at full size.
DENSE_POINTS = 100
OVERVIEW_ZOOM = 12
#: A dense layer's shapes below :data:`OVERVIEW_ZOOM`: this share of their size (to the
#: half pixel), with this rim.
OVERVIEW_SCALE = 0.6
OVERVIEW_RIM: Mapping[str, object] = {"color": "#ffffff", "weight": 0.5}


def overview_style(layer: str) -> dict[str, object]:
    """The small look of a dense point layer: below zoom ``z`` its ``radius`` and rim
    (``options.small`` of ``L.KyodoDots`` in ``kyodo.js``)."""
    radius = round(float(POINT_STYLES[layer]["radius"]) * OVERVIEW_SCALE * 2) / 2  # type: ignore[arg-type]
    return {"z": OVERVIEW_ZOOM, "radius": radius, **OVERVIEW_RIM}


GSI_TILES = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"
GSI_URL = "https://maps.gsi.go.jp/development/ichiran.html"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_URL = "https://www.openstreetmap.org/copyright"
#: Where each basemap's attribution links to (with ``links``).
BASEMAP_URLS: Mapping[str, str] = {"gsi": GSI_URL, "osm": OSM_URL}


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def blend(colour: str, opacity: float, background: str = MAP_BACKGROUND) -> str:
    """``colour`` painted with ``opacity`` over ``background``, as ``#rrggbb``.

    Parameters
    ----------
    colour, background
        ``#rrggbb`` (or ``#rgb``).
    opacity
        0 (only the background) to 1 (only the colour).
    """
    if not 0 <= opacity <= 1:
        raise ValueError("opacity must be between 0 and 1")
    top, below = _rgb(colour), _rgb(background)
    mixed = (round(opacity * t + (1 - opacity) * b) for t, b in zip(top, below, strict=True))
    return "#" + "".join(f"{v:02x}" for v in mixed)


def seen_colour(style: Mapping[str, object]) -> str:
    """The fill of an area's style as it is seen on the map (blended over the background)."""
    return blend(str(style["fillColor"]), float(style["fillOpacity"]))  # type: ignore[arg-type]


def area_style(
    klass: int, *, is_gap: bool, selected: bool, muted: bool = False
) -> dict[str, object]:
    """The Leaflet path style of one area.

    Parameters
    ----------
    klass
        Class index into :data:`PALETTE`.
    is_gap
        Gaps get a thick dashed red outline and a hatched fill.
    selected
        The selected area gets a thick black outline.
    muted
        An area outside the focus: grey, not hatched, a thin grey outline (its
        selection outline stays).
    """
    style: dict[str, object] = {
        "fillColor": PALETTE[klass],
        "fillOpacity": FILL_OPACITY,
        "color": AREA_OUTLINE,
        "weight": 1,
        "className": f"kyodo-area kyodo-c{klass}",
    }
    if muted:
        style.update(fillColor=MUTED_FILL, color=MUTED_OUTLINE, className="kyodo-area kyodo-muted")
    elif is_gap:
        style.update(color=GAP_COLOR, weight=3, dashArray=GAP_DASH)
        style["className"] = f"kyodo-area kyodo-gap kyodo-c{klass}"
    if selected:
        style.update(color=SELECTED_COLOR, weight=5)
        style.pop("dashArray", None)
    return style


def shape_path(shape: str, x: float, y: float, r: float) -> str:
    """An SVG path of ``shape`` centred on ``(x, y)`` in a box of half-side ``r``.

    The same shapes as ``kyodo.js`` draws on the map (``traceShape()`` there).
    """
    if shape == "circle":
        return f"M{x - r:g},{y:g}a{r:g},{r:g} 0 1,0 {2 * r:g},0a{r:g},{r:g} 0 1,0 {-2 * r:g},0z"
    if shape == "square":
        s = r * 0.9
        return f"M{x - s:g},{y - s:g}h{2 * s:g}v{2 * s:g}h{-2 * s:g}z"
    if shape == "diamond":
        return f"M{x:g},{y - r:g}l{r:g},{r:g}l{-r:g},{r:g}l{-r:g},{-r:g}z"
    if shape == "triangle":
        return f"M{x:g},{y - r:g}l{r:g},{r * 1.7:g}h{-2 * r:g}z"
    raise ValueError(f"unknown shape {shape!r}")


def shape_svg(layer: str, size: int = 18) -> str:
    """The swatch of a point layer: its shape in its colours, as inline SVG (HTML)."""
    style = POINT_STYLES[layer]
    half = size / 2
    r = half - 1.5
    path = shape_path(str(style["shape"]), half, half, r)
    return (
        f'<svg class="kyodo-swatch" width="{size}" height="{size}" viewBox="0 0 {size} {size}"'
        f' aria-hidden="true" focusable="false"><path d="{path}" fill="{style["fillColor"]}"'
        f' fill-opacity="{style["fillOpacity"]}" stroke="{style["color"]}"'
        f' stroke-width="{style["weight"]}"/></svg>'
    )


def hatch_defs() -> str:
    """SVG patterns, one per class colour, that ``kyodo.css`` fills the gaps with.

    Diagonal red lines over the class colour, drawn on an upright tile (no pattern
    transform, which the browser would have to apply on every paint).
    """
    lines = "M-2,2l4,-4M0,10l10,-10M8,12l4,-4"  # a tile of 10: lines 7 px apart
    patterns = "".join(
        f'<pattern id="kyodo-hatch-{i}" width="10" height="10" patternUnits="userSpaceOnUse">'
        f'<rect width="10" height="10" fill="{c}"/>'
        f'<path d="{lines}" stroke="{GAP_COLOR}" stroke-width="2"/></pattern>'
        for i, c in enumerate(PALETTE)
    )
    return (
        '<svg aria-hidden="true" focusable="false" style="position:absolute;width:0;'
        f'height:0;overflow:hidden"><defs>{patterns}</defs></svg>'
    )


__all__ = [
    "AREA_OUTLINE",
    "BASEMAP_URLS",
    "DENSE_POINTS",
    "FILL_OPACITY",
    "GAP_COLOR",
    "GAP_DASH",
    "GSI_TILES",
    "GSI_URL",
    "MAP_BACKGROUND",
    "MUTED_FILL",
    "MUTED_OUTLINE",
    "OSM_TILES",
    "OSM_URL",
    "OVERVIEW_RIM",
    "OVERVIEW_SCALE",
    "OVERVIEW_ZOOM",
    "PALETTE",
    "POINT_SHAPES",
    "POINT_STYLES",
    "SELECTED_COLOR",
    "SHAPE_MARKS",
    "area_style",
    "blend",
    "hatch_defs",
    "overview_style",
    "seen_colour",
    "shape_path",
    "shape_svg",
]
