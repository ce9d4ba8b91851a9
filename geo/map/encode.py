"""Everything that turns data into page text: escaping, script JSON, compact encodings.

Every text that comes from data passes through :func:`escape_text` before it is put
into a layer, and data arrays are embedded with :func:`script_json`, which cannot
close a ``<script>``. Coordinates travel as integers in units of 1e-5° (about 1 m),
each the difference from the one before; area outlines are encoded once per shape.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geo.map.spec import POINT_DECIMALS, SCALE

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


def script_json(value: object) -> str:
    """Compact JSON that is safe inside ``<script>`` (no ``<`` or ``>`` at all)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class StringTable:
    """A de-duplicated table of escaped strings, referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, text: str) -> int:
        """The index of ``text``, added when new."""
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


# --- points ------------------------------------------------------------------------------


def latlon(geom: shapely.Geometry | None) -> tuple[float, float] | None:
    """``(lat, lon)`` of a point rounded to 1e-5°, ``None`` for no point."""
    if geom is None or geom.is_empty:
        return None
    return round(float(geom.y), POINT_DECIMALS), round(float(geom.x), POINT_DECIMALS)


def coordinates(part: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Longitudes, latitudes (NaN where there is no place) and which rows have a place."""
    geoms = np.asarray(part.geometry.values)
    valid = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    lons = np.full(len(geoms), np.nan)
    lats = np.full(len(geoms), np.nan)
    lons[valid] = shapely.get_x(geoms[valid])
    lats[valid] = shapely.get_y(geoms[valid])
    return lons, lats, valid


def shared_start(before: str, title: str) -> tuple[int, str] | None:
    """``(n, rest)`` when ``title`` is the first ``n`` UTF-16 units of ``before`` + rest."""
    if before[:2] != title[:2] or len(title) < 2:
        return None
    # the longest shared start, by halving (slices compare in C)
    size, most = 2, min(len(before), len(title))
    while size < most:
        mid = (size + most + 1) // 2
        if before[:mid] == title[:mid]:
            size = mid
        else:
            most = mid - 1
    units = len(title[:size].encode("utf-16-le")) // 2
    # worth it only when the shared start is longer than the "[n,]" it costs
    if len(title[:size].encode("utf-8")) <= len(str(units)) + 3:
        return None
    return units, title[size:]


def delta_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Rows with ``lat, lon`` as integer steps (1e-5°) from the row before, and the
    title as ``[n, rest]`` when it starts like the title before (see
    :class:`geo.map.elements.PointArray`).
    """
    out: list[list[object]] = []
    last_y = last_x = 0
    last_title = ""
    for row in rows:
        y = round(float(row[0]) * SCALE)  # type: ignore[arg-type]
        x = round(float(row[1]) * SCALE)  # type: ignore[arg-type]
        title = str(row[2])
        shared = shared_start(last_title, title)
        out.append([y - last_y, x - last_x, title if shared is None else list(shared), *row[3:]])
        last_y, last_x, last_title = y, x, title
    return out


# --- outlines ----------------------------------------------------------------------------


def _ring(coords: Any) -> tuple[list[int], list[list[float]]]:
    """Delta-encoded integers (for the browser) and the decoded ring (for Python)."""
    ints = np.rint(np.asarray(coords, dtype=float)[:, :2] * SCALE).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    decoded: list[list[float]] = (ints / SCALE).tolist()
    return deltas.ravel().tolist(), decoded


def _polygon(poly: shapely.Polygon) -> tuple[list[list[int]], list[list[list[float]]]]:
    rings = [poly.exterior, *poly.interiors]
    pairs = [_ring(r.coords) for r in rings]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def encode_geometry(geom: shapely.Geometry) -> tuple[list[Any], dict[str, Any]]:
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


@functools.lru_cache(maxsize=4096)
def encoded_outline(wkb: bytes) -> tuple[str, dict[str, Any]]:
    """The browser's encoding as JSON, and the GeoJSON geometry, of one area (by WKB).

    The outlines stay the same from one view to the next, so each is encoded once
    (``encoded_outline.cache_clear()`` forgets them); callers must not change the
    GeoJSON they get.
    """
    enc, dec = encode_geometry(shapely.from_wkb(wkb))
    return script_json(enc), dec


__all__ = [
    "StringTable",
    "coordinates",
    "delta_rows",
    "encode_geometry",
    "encoded_outline",
    "escape_text",
    "latlon",
    "script_json",
    "shared_start",
]
