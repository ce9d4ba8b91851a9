"""The legend and the layer control's swatches, drawn from the map's own style values.

Every colour here comes from :mod:`geo.map.style` as the map uses it: a class swatch
is the class colour blended with the areas' fill opacity over the map's background
(:func:`geo.map.style.seen_colour`), as the polygons are seen; the gap swatch is the
same hatching; each point layer shows its shape in its colours (:func:`geo.map.style.shape_svg`),
the same in the legend and the layer control. All text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geo.fields import FieldCatalog
from geo.map.classes import class_labels
from geo.map.encode import escape_text
from geo.map.spec import MapSpec
from geo.map.style import (
    FILL_OPACITY,
    GAP_COLOR,
    MUTED_FILL,
    MUTED_OUTLINE,
    PALETTE,
    POINT_STYLES,
    SELECTED_COLOR,
    area_style,
    seen_colour,
    shape_path,
    shape_svg,
)
from geo.map.wording import html_words, layer_name, metric_label, words


def class_swatches() -> list[str]:
    """The colour of each class as the map shows it (``#rrggbb``, lightest first)."""
    return [seen_colour(area_style(i, is_gap=False, selected=False)) for i in range(len(PALETTE))]


def muted_swatch() -> str:
    """The colour of an area outside the focus, as the map shows it."""
    return seen_colour(area_style(0, is_gap=False, selected=False, muted=True))


def layer_label(layer: str, lang: str) -> str:
    """A point layer's name after its swatch (HTML, escaped), for the layer control."""
    return f"{shape_svg(layer, 16)} {escape_text(layer_name(layer, lang))}"


def _fill(colour: str, label: str, **data: object) -> str:
    attrs = "".join(f' data-{k}="{escape_text(v)}"' for k, v in data.items())
    return (
        f'<li><i class="kyodo-fill" style="background:{colour}"{attrs}></i>'
        f"{escape_text(label)}</li>"
    )


def _gap_row(lang: str, metric: str) -> str:
    key = "map.legend.gap.jishubo_rate" if metric == "jishubo_rate" else "map.legend.gap"
    return (
        '<li><svg class="kyodo-gap-swatch" width="18" height="12" viewBox="0 0 18 12"'
        ' aria-hidden="true" focusable="false">'
        '<rect x="1" y="1" width="16" height="10" fill="url(#kyodo-hatch-0)"'
        f' fill-opacity="{FILL_OPACITY}" stroke="{GAP_COLOR}" stroke-width="2"'
        f' stroke-dasharray="3 2"/></svg>{escape_text(words(key, lang))}</li>'
    )


def _field_line(spec: MapSpec, catalog: FieldCatalog) -> str:
    lang = spec.lang
    if not spec.fields:
        return escape_text(words("map.legend.all_fields", lang))
    labels = catalog.labels(lang)
    sep = words("map.sep", lang)
    return sep.join(escape_text(labels.get(c, c)) for c in spec.fields)


def _muted_row(label: str) -> str:
    return (
        f'<li><i class="kyodo-fill" style="background:{muted_swatch()};'
        f'border-color:{MUTED_OUTLINE}" data-muted="{MUTED_FILL}"></i>{escape_text(label)}</li>'
    )


def _area_rows(
    spec: MapSpec, breaks: Sequence[float], *, selected: bool, focused: bool, unknown: bool
) -> str:
    lang = spec.lang
    labels = class_labels(breaks, spec.metric, lang)
    rows = [
        _fill(colour, label, klass=i)
        for i, (colour, label) in enumerate(zip(class_swatches(), labels, strict=True))
    ]
    rows.append(_gap_row(lang, spec.metric))
    if focused:
        rows.append(_muted_row(words("map.legend.muted", lang)))
    if unknown:
        rows.append(_muted_row(words("map.legend.unknown", lang)))
    if selected:
        rows.append(
            f'<li><i class="kyodo-fill kyodo-outline" style="border-color:{SELECTED_COLOR}">'
            f"</i>{escape_text(words('map.legend.selected', lang))}</li>"
        )
    return "".join(rows)


def _point_rows(layers: Sequence[str], lang: str, clustered: Sequence[str]) -> str:
    rows = [
        f"<li>{shape_svg(layer)}{escape_text(layer_name(layer, lang))}</li>" for layer in layers
    ]
    for layer in clustered:
        rows.append(
            f"<li>{cluster_svg(layer)}{escape_text(words('map.legend.cluster', lang))}</li>"
        )
    return "".join(rows)


def cluster_svg(layer: str) -> str:
    """The mark of a cluster of a point layer's points: its shape, larger, with a number."""
    style = POINT_STYLES[layer]
    return (
        '<svg class="kyodo-swatch kyodo-swatch-cluster" width="22" height="22"'
        ' viewBox="0 0 22 22"'
        ' aria-hidden="true" focusable="false">'
        f'<path d="{shape_path(str(style["shape"]), 11, 11, 10)}" fill="{style["fillColor"]}"'
        f' fill-opacity="{style["fillOpacity"]}" stroke="{style["color"]}"/>'
        '<text x="11" y="15" text-anchor="middle" font-size="10" font-weight="bold">5</text></svg>'
    )


def legend_html(
    spec: MapSpec,
    breaks: Sequence[float],
    catalog: FieldCatalog,
    *,
    selected: bool,
    focused: bool = False,
    unknown: bool = False,
    clustered: Sequence[str] = (),
) -> str:
    """The legend (escaped HTML): the metric and fields, the classes as the map shows
    them, the gap hatching, the areas outside the focus, the selected area's outline,
    and each point layer of ``spec.layers`` with its shape.

    Parameters
    ----------
    spec
        What the map shows (metric, fields, layers, language).
    breaks
        The classes' lower edges (:func:`geo.map.classes.class_breaks`).
    catalog
        Field labels.
    selected
        An area is selected (its outline is explained).
    focused
        Some areas are focused (the grey of the others is explained).
    unknown
        Some areas have no value (no member households known for the 活動カバー率):
        their grey is explained.
    clustered
        Point layers drawn in clusters (the cluster mark is explained).
    """
    lang = spec.lang
    head = (
        f'<div class="kyodo-legend-heading">{escape_text(metric_label(spec.metric, lang))}</div>'
        f"<div>{html_words('map.legend.fields_are', lang, fields=_field_line(spec, catalog))}</div>"
        f"<ul>{_area_rows(spec, breaks, selected=selected, focused=focused, unknown=unknown)}</ul>"
    )
    if not spec.layers:
        return head
    heading = escape_text(words("map.legend.points", lang))
    points = _point_rows(spec.layers, lang, clustered)
    return f'{head}<div class="kyodo-legend-heading">{heading}</div><ul>{points}</ul>'


def layer_labels(layers: Sequence[str], lang: str) -> Mapping[str, str]:
    """Each point layer's name (as its group is named) -> its label in the layer control."""
    return {layer_name(layer, lang): layer_label(layer, lang) for layer in layers}


__all__ = [
    "class_swatches",
    "cluster_svg",
    "layer_label",
    "layer_labels",
    "legend_html",
    "muted_swatch",
]
