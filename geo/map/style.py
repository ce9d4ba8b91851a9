"""How the map looks: class colours, gap and selection outlines, point styles, basemaps.

The rules that do not depend on data live in ``static/map/kyodo.css``; the values
here are the ones the layers put on each area and point.
"""

from __future__ import annotations

from collections.abc import Mapping

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


def hatch_defs() -> str:
    """SVG patterns, one per class colour, that ``kyodo.css`` fills the gaps with."""
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


__all__ = [
    "FILL_OPACITY",
    "GAP_COLOR",
    "GAP_DASH",
    "GSI_ATTRIBUTION",
    "GSI_TILES",
    "OSM_ATTRIBUTION",
    "OSM_TILES",
    "PALETTE",
    "POINT_STYLES",
    "SELECTED_COLOR",
    "area_style",
    "hatch_defs",
]
