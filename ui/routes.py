"""Addresses the server answers beside Streamlit's own: an area's page named in the path.

People type an area's page as a path, ``/area/yuda`` or ``/area/湯田/?lang=en``, where
Streamlit alone draws a blank page (it asks for its scripts under ``/area/``). Such a
path is redirected to the page's address, ``/area?area=yuda``, with the rest of the
address kept; the area page then opens the area, or lists the areas when the name is
none of them. :mod:`ui.server` serves these routes; behind nginx,
``deploy/nginx.conf.template`` redirects the same paths first.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route


def area_address(name: str, query: str = "") -> str:
    """The area page's address for an area named in a path.

    Parameters
    ----------
    name
        The path's last part, decoded (``yuda``, ``湯田``, or anything typed).
    query
        The path's query string, as it came (``lang=en``), kept after the area.

    Returns
    -------
    A path on this server. The name is percent-encoded whole, so no character of it
    can end the parameter, add another or lead to another page or host.
    """
    address = "/area?area=" + quote(name, safe="")
    return f"{address}&{query}" if query else address


async def area_path(request: Request) -> RedirectResponse:
    """Redirect ``/area/<name>`` to the area page's address (302: the same path may
    mean another page one day)."""
    return RedirectResponse(
        area_address(request.path_params["name"], request.url.query), status_code=302
    )


#: ``/area/<name>`` and ``/area/<name>/`` (a name holds no ``/``).
ROUTES = [Route("/area/{name}", area_path), Route("/area/{name}/", area_path)]
