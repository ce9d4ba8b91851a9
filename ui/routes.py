"""Addresses the server answers beside Streamlit's own: a page's path typed with more
after it.

People type an area's page as a path, ``/area/yuda`` or ``/area/湯田/?lang=en``, and
crafted or mistyped addresses reach the server as ``/explorer/x`` or ``/area/a%2Fb``.
Streamlit alone draws a blank page for any path below a page's: it asks for its
scripts under it. Such a path is redirected to the page it starts with, the query kept:

- ``/area/<name>`` to ``/area?area=<name>``: the area page then opens the area, or
  lists the areas when the name is none of them (``a/b`` among them);
- ``/<page>/<anything>`` to ``/<page>``: the page, or Streamlit's "page not found"
  notice and the first page when there is no such page.

Streamlit's own paths are left to it: any path with a part among
:data:`STREAMLIT_PREFIXES`, as its front end, opened on ``/area``, first asks for
``/area/_stcore/health`` to learn where the server is. :mod:`ui.server` serves these
routes, behind nginx too (it passes every path on as it came).
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Match, Route
from starlette.types import Scope

#: First parts of the paths Streamlit serves itself (its assets, websocket, uploads,
#: media, components, sign-in and static files), never redirected.
STREAMLIT_PREFIXES = frozenset(
    {"_stcore", "static", "media", "component", "app", "auth", "oauth2callback"}
)

#: The page whose path may name what it opens.
AREA_PAGE = "area"


def page_address(page: str, rest: str, query: str = "") -> str:
    """The address a path below a page's is sent to.

    Parameters
    ----------
    page
        The path's first part, decoded (``area``, ``explorer``, or anything typed).
    rest
        What follows it, decoded (``yuda``, ``湯田/``, ``a/b``).
    query
        The path's query string, as it came (``lang=en``), kept.

    Returns
    -------
    A path on this server: ``/area?area=<rest>`` for the area page (the rest without
    its surrounding ``/``; none when it is empty), else ``/<page>``. Every part is
    percent-encoded whole, so no character of it can end the parameter, add another
    or lead to another page or host.
    """
    address = "/" + quote(page, safe="")
    name = rest.strip("/")
    params = [f"area={quote(name, safe='')}"] if page == AREA_PAGE and name else []
    params += [query] if query else []
    return address + ("?" + "&".join(params) if params else "")


async def below_page(request: Request) -> RedirectResponse:
    """Redirect a path below a page's to the page (302: the same path may mean another
    page one day)."""
    params = request.path_params
    return RedirectResponse(
        page_address(params["page"], params["rest"], request.url.query), status_code=302
    )


class BelowPage(Route):
    """``/<page>/<rest>``, unless a part of it is one of Streamlit's own paths."""

    def __init__(self) -> None:
        super().__init__("/{page}/{rest:path}", below_page, methods=["GET", "HEAD"])

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Match as a route does, except where a part of the path is one of
        :data:`STREAMLIT_PREFIXES`."""
        match, child = super().matches(scope)
        if match is not Match.NONE and STREAMLIT_PREFIXES & set(scope["path"].split("/")):
            return Match.NONE, {}
        return match, child


#: The routes :mod:`ui.server` adds before Streamlit's.
ROUTES = [BelowPage()]
