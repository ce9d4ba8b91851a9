"""Reading what the map returns to the page (the dict ``st_folium`` gives back).

Both readers are pure functions of that dict, so the page's selection logic is tested
without a browser; anything missing or malformed reads as nothing.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

from geo.map.spec import MAX_ZOOM
from geo.map.view import Viewport


def _number_or_none(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _corner(bounds: Mapping[str, Any], key: str) -> tuple[float, float] | None:
    """``(lng, lat)`` of one corner, clamped to the world, ``None`` when malformed."""
    corner = bounds.get(key)
    if not isinstance(corner, Mapping):
        return None
    lat, lng = _number_or_none(corner.get("lat")), _number_or_none(corner.get("lng"))
    if lat is None or lng is None:
        return None
    return min(max(lng, -180.0), 180.0), min(max(lat, -90.0), 90.0)


def viewport_of(returned: Mapping[str, Any] | None) -> Viewport | None:
    """The view of the map, from what ``st_folium`` returns with ``bounds`` and ``zoom``.

    Parameters
    ----------
    returned
        The dict returned by ``st_folium`` (or kept under its key in the session):
        ``bounds`` is ``{"_southWest": {"lat", "lng"}, "_northEast": {"lat", "lng"}}``
        and ``zoom`` a number.

    Returns
    -------
    The view, with longitudes clamped to ±180 and latitudes to ±90 and the zoom
    rounded down to a whole level, or ``None`` when anything is missing or malformed
    (before the map has reported its view, for one).
    """
    if not isinstance(returned, Mapping):
        return None
    bounds = returned.get("bounds")
    zoom = _number_or_none(returned.get("zoom"))
    if not isinstance(bounds, Mapping) or zoom is None:
        return None
    south_west, north_east = _corner(bounds, "_southWest"), _corner(bounds, "_northEast")
    if south_west is None or north_east is None:
        return None
    (west, south), (east, north) = south_west, north_east
    if west > east or south > north:
        return None
    level = min(max(math.floor(zoom), 0), MAX_ZOOM)
    return Viewport(west=west, south=south, east=east, north=north, zoom=level)


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


__all__ = ["clicked_area", "viewport_of"]
