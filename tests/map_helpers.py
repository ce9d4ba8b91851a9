"""Helpers of the map tests (tests/test_map_*.py): building, rendering, replaying."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element
from folium.map import Layer
from streamlit_folium import (
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_layer_control_string,
    _get_map_string,
    generate_js_hash,
)

from geo.coverage import coverage
from geo.map import (
    DEFAULT_BUDGET,
    FROM_THE_INTERNET,
    MapAssets,
    MapBudget,
    MapInputs,
    MapParts,
    MapSpec,
    Viewport,
    build,
    city_inputs,
    compose,
)
from geo.map.assets import own_files
from geo.map.branca_compat import children as kids
from geo.map.branca_compat import walk
from geo.map.elements import AreaLayer, PointArray
from geo.map.spec import SCALE
from geo.model import CityData

PAYLOAD_LIMIT = 150_000

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "${alert(1)}",
    "a`b`c",
)

PRIVATE = {
    "representative": "山田太郎",
    "phone": "090-1234-5678",
    "email": "x@example.com",
    "notes": "内部メモ",
}

#: A small budget: the tiny city with a few hundred organisations stands in for a nation.
SMALL = MapBudget(limit=30, detail_zoom=14, margin=0.0)
#: The south-west quarter of the tiny city's south-west area, at a detail zoom.
CORNER = Viewport(west=131.0, south=34.0, east=131.01, north=34.01, zoom=16)


# --- building --------------------------------------------------------------------------


def parts_of(
    areas: gpd.GeoDataFrame,
    cov: pd.DataFrame,
    spec: MapSpec,
    *,
    view: Viewport | None = None,
    budget: MapBudget = DEFAULT_BUDGET,
    assets: MapAssets = FROM_THE_INTERNET,
    **frames: Any,
) -> MapParts:
    """:func:`geo.map.build` from the frames one by one (``orgs``, ``centers``,
    ``shelters``, ``catalog`` and optionally ``sources``, as in :class:`MapInputs`)."""
    sources = tuple(frames.pop("sources", ()))
    inputs = MapInputs(areas, sources=sources, **frames)
    return build(inputs, cov, spec, view=view, budget=budget, assets=assets)


def map_of(areas: gpd.GeoDataFrame, cov: pd.DataFrame, spec: MapSpec, **kw: Any) -> folium.Map:
    """:func:`parts_of` composed into one map."""
    return compose(parts_of(areas, cov, spec, **kw))


def city_map(city: CityData, cov: pd.DataFrame, spec: MapSpec, **kw: Any) -> folium.Map:
    """The map of a loaded city, composed."""
    return compose(build(city_inputs(city, kw.pop("orgs", None)), cov, spec, **kw))


def city_parts(city: CityData, cov: pd.DataFrame, spec: MapSpec, **kw: Any) -> MapParts:
    """The map of a loaded city, in parts."""
    return build(city_inputs(city, kw.pop("orgs", None)), cov, spec, **kw)


def tiny_parts(
    tiny: CityData,
    spec: MapSpec = MapSpec(),
    *,
    assets: MapAssets = FROM_THE_INTERNET,
    **frames: Any,
) -> MapParts:
    orgs = frames.get("orgs", tiny.organisations)
    areas = frames.get("areas", tiny.areas)
    return parts_of(
        areas,
        frames.get("cov", coverage(areas, orgs, spec.fields)),
        spec,
        orgs=orgs,
        centers=frames.get("centers", tiny.centers),
        shelters=frames.get("shelters", tiny.shelters),
        catalog=tiny.catalog,
        sources=tiny.sources,
        assets=assets,
    )


def tiny_map(tiny: CityData, spec: MapSpec = MapSpec(), **frames: Any) -> folium.Map:
    return compose(tiny_parts(tiny, spec, **frames))


def parts_for(
    tiny: CityData,
    orgs: gpd.GeoDataFrame,
    spec: MapSpec = MapSpec(),
    *,
    view: Viewport | None = None,
    budget: MapBudget = SMALL,
    areas: gpd.GeoDataFrame | None = None,
) -> MapParts:
    """The tiny city's map with other organisations, a view and (by default) a small budget."""
    shown = tiny.areas if areas is None else areas
    return parts_of(
        shown,
        coverage(shown, orgs, spec.fields),
        spec,
        orgs=orgs,
        centers=tiny.centers,
        shelters=tiny.shelters,
        catalog=tiny.catalog,
        sources=tiny.sources,
        view=view,
        budget=budget,
    )


# --- looking inside ------------------------------------------------------------------------


def render(element: Element) -> str:
    return str(element.get_root().render())


def children(m: Element, kind: type) -> list[Any]:
    return [c for c in kids(m) if isinstance(c, kind)]


def descendants(element: Element, kind: type | tuple[type, ...]) -> list[Any]:
    return [e for e in list(walk(element))[1:] if isinstance(e, kind)]


def area_layer(m: folium.Map) -> AreaLayer:
    (layer,) = descendants(m, AreaLayer)
    assert isinstance(layer, AreaLayer)
    return layer


def point_layers(m: folium.Map) -> dict[str, PointArray]:
    """Layer name -> its point array."""
    out = {}
    for layer in children(m, Layer):
        arrays = [c for c in kids(layer) if isinstance(c, PointArray)]
        if arrays:
            out[layer.layer_name] = arrays[0]
    return out


def props(m: folium.Map) -> dict[str, dict[str, str]]:
    features = area_layer(m).data["features"]
    return {f["properties"]["area_id"]: f["properties"] for f in features}


def layer_element(parts: MapParts, layer: str) -> Any:
    index = 1 + MapSpec().layers.index(layer)
    (element,) = kids(parts.layers[index])
    return element


def hostile_frames(tiny: CityData) -> dict[str, gpd.GeoDataFrame]:
    orgs = tiny.organisations.copy()
    orgs["name"] = [HOSTILE[i % len(HOSTILE)] for i in range(len(orgs))]
    areas = tiny.areas.copy()
    areas["name_ja"] = list(HOSTILE)
    areas["name_en"] = list(HOSTILE)
    centers = tiny.centers.copy()
    centers["name"] = list(HOSTILE)
    centers["address"] = list(HOSTILE)
    shelters = tiny.shelters.copy()
    shelters["name"] = list(HOSTILE[:3])
    shelters["note"] = list(HOSTILE[1:])
    return {"orgs": orgs, "areas": areas, "centers": centers, "shelters": shelters}


# --- decoding what the page decodes ----------------------------------------------------------


def decode_ring(ring: list[int]) -> list[list[float]]:
    """What the page's ``ring()`` does: running sums of 1e-5° steps."""
    out, x, y = [], 0, 0
    for dx, dy in zip(ring[::2], ring[1::2], strict=True):
        x, y = x + dx, y + dy
        out.append([x / SCALE, y / SCALE])
    return out


def decode_points(payload: str) -> list[tuple[float, float, str]]:
    """``(lat, lon, title)`` of each row, decoded as the page's script does."""
    data = json.loads(payload)
    out = []
    y = x = 0
    last = ""
    for row in data["r"]:
        if isinstance(row[2], str):
            title = row[2]
        else:
            units = last.encode("utf-16-le")[: 2 * row[2][0]].decode("utf-16-le")
            title = units + row[2][1]
        last = title
        y += row[0]
        x += row[1]
        out.append((y / data["k"], x / data["k"], title))
    return out


def grid(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points on a diagonal from (131.0, 34.0) to (131.04, 34.04)."""
    steps = np.linspace(0.0, 0.04, n)
    return 131.0 + steps, 34.0 + steps


# --- the map in parts, as st_folium shows it -------------------------------------------------


@dataclass
class Sent:
    """What ``st_folium`` sends to its frame for one call with the parts."""

    key: str  # the component key: a new one reloads the frame
    script: str
    header: str
    html: str
    groups: list[str]  # one script per dynamic layer, swapped in place
    control: str | None
    js_links: list[str]


def replay(parts: MapParts, key: str = "map") -> Sent:
    """The steps of ``st_folium(parts.base, key=key, feature_group_to_add=…, layer_control=…)``.

    Like ``st_folium`` this changes the parts (it renames them and adds the groups to
    the base), so give it fresh ones.
    """
    m = parts.base
    m.get_root().render()
    m.render()  # type: ignore[no-untyped-call]
    html = _get_html(m)
    header = _get_header(m)
    script = _get_map_string(m)
    groups = [_get_feature_group_string(g, m, i) for i, g in enumerate(parts.layers)]
    control = None if parts.control is None else _get_layer_control_string(parts.control, m)
    js = [u for e in descendants(m, object) for _, u in getattr(e, "default_js", [])]
    return Sent(
        key=generate_js_hash(script, key, False),
        script=script,
        header=header,
        html=html,
        groups=groups,
        control=control,
        js_links=list(dict.fromkeys([u for _, u in m.default_js] + js)),
    )


def page_text(sent: Sent) -> str:
    return "\n".join([sent.script, sent.header, sent.html, *sent.groups, sent.control or ""])


#: Views that must not reload the map: each differs from the first in what it shows.
VIEWS = (
    MapSpec(),
    MapSpec(metric="per_10k", fields=("bousai",)),
    MapSpec(metric="jishubo_rate", layers=("shelters",), hazards=("flood",)),
    MapSpec(layers=(), area_id="sw"),
    MapSpec(lang="en", area_id="ne", fields=("mimamori", "npo03")),
)


# --- the map's own files ---------------------------------------------------------------------


def static_text(name: str) -> str:
    """The text of one of the map's own files (``static/map/``)."""
    return own_files()[name].read_text(encoding="utf-8")


#: The map's own scripts, in the order the base map loads them.
MAP_SCRIPTS = ("kyodo-shapes.js", "kyodo-labels.js", "kyodo-points.js", "kyodo.js")


def map_code() -> str:
    """All the map's own code (:data:`MAP_SCRIPTS`), one file after the other."""
    return "\n".join(static_text(name) for name in MAP_SCRIPTS)


def compact(css: str) -> str:
    """CSS without comments, whitespace and last semicolons, to look for a rule however
    it is laid out."""
    bare = re.sub(r"\s+", "", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    return bare.replace(";}", "}")
