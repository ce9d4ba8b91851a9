"""Addresses the server answers beside Streamlit's own: a page's path typed untidily.

People type an area's page as a path, ``/area/yuda`` or ``/area/湯田/?lang=en``;
crafted or mistyped addresses reach the server as ``/explorer/x``, ``/area/a%2Fb`` or
``/area//yuda``. Streamlit alone draws a blank page for a path below a page's: it asks
for its scripts under it. Such a path is redirected, the query kept:

- ``/area/<name>`` to ``/area?area=<name>``: the area page then opens the area, or
  lists the areas when the name is none of them (``a/b`` among them);
- ``/<page>/<anything>`` to ``/<page>``: the page, or Streamlit's "page not found"
  notice and the first page when there is no such page;
- empty parts and control characters left out (``/area//yuda``, ``/area%0D%0A``);
- the first page's path (``/explorer``, ``/kiosk``), where Streamlit shows "page not
  found", to ``/``, where it serves that page.

Streamlit's own paths are left to it: any path with a part among
:data:`STREAMLIT_PREFIXES`, as its front end, opened on ``/area``, first asks for
``/area/_stcore/health`` to learn where the server is. So are the paths its security
check refuses before any route: those starting with ``//``, holding a NUL or a ``..``
part, or naming a drive (:func:`refused`). Where it would answer a bare "Bad Request",
:class:`RefusedPaths` answers first, with the same status and a page in Japanese and
English that leads to the map. :mod:`ui.server` serves these routes and this
middleware, behind nginx too (it passes every path on as it came).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from geo.words import text

#: First parts of the paths Streamlit serves itself (its assets, websocket, uploads,
#: media, components, sign-in and static files), never redirected.
STREAMLIT_PREFIXES = frozenset(
    {"_stcore", "static", "media", "component", "app", "auth", "oauth2callback"}
)

#: The pages' paths (``app.py`` names its pages by them). The area page's path may name
#: what it opens.
EXPLORER_PAGE, KIOSK_PAGE, AREA_PAGE = "explorer", "kiosk", "area"
#: The first pages (the explorer's, or the kiosk's in a kiosk), served at ``/``: under
#: their own path Streamlit finds no page.
FIRST_PAGES = frozenset({EXPLORER_PAGE, KIOSK_PAGE})

_CONTROLS = re.compile("[\x00-\x1f\x7f]")
#: A drive's name at the start of a path (``C:``).
_DRIVE = re.compile("[A-Za-z]:")
#: Where Streamlit's uploads go: its security check passes these on unchecked (but a
#: path starting with two slashes), its route reading their parts as ids.
_UPLOADS = "/_stcore/upload_file/"


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


def tidy_address(path: str, query: str = "") -> str | None:
    """Where a path is sent, or ``None`` when it is tidy (one page's, or Streamlit's).

    Parameters
    ----------
    path
        The path, decoded (``/area/yuda``, ``/area//yuda``, ``/area%0D%0A`` as ``/area``
        and a line break).
    query
        Its query string, as it came (``lang=en``), kept.

    Returns
    -------
    ``None`` for ``/``, ``/<page>`` and ``/<page>/`` (but the :data:`FIRST_PAGES`) and
    for any path with a part among :data:`STREAMLIT_PREFIXES`; else a path on this
    server (:func:`page_address`, or ``/`` with the query for a first page or when no
    part is left). It never starts with ``//``.
    """
    parts = path.split("/")[1:]
    if STREAMLIT_PREFIXES.intersection(parts):
        return None
    names = [n for n in (_CONTROLS.sub("", p) for p in parts) if n]
    joined = "/" + "/".join(names)
    if len(names) <= 1 and path in {joined, joined + "/"} and joined[1:] not in FIRST_PAGES:
        return None
    if not names or names[0] in FIRST_PAGES:
        return "/" + ("?" + query if query else "")
    return page_address(names[0], "/".join(names[1:]), query)


async def tidy_path(request: Request) -> RedirectResponse:
    """Redirect an untidy path to the address :class:`TidyPath` found for it (302: the
    same path may mean another page one day)."""
    return RedirectResponse(request.path_params["address"], status_code=302)


class TidyPath(Route):
    """Any path :func:`tidy_address` sends elsewhere, its address (the query kept) in
    the request's ``path_params["address"]``."""

    def __init__(self) -> None:
        super().__init__("/{path:path}", tidy_path, methods=["GET", "HEAD"])

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Match as a route does, only where :func:`tidy_address` has an address."""
        match, child = super().matches(scope)
        if match is Match.NONE:
            return match, child
        query = scope.get("query_string", b"").decode("latin-1")
        address = tidy_address(scope["path"], query)
        if address is None:
            return Match.NONE, {}
        child["path_params"] = {**child["path_params"], "address": address}
        return match, child


#: The routes :mod:`ui.server` adds before Streamlit's.
ROUTES = [TidyPath()]


def refused(path: str) -> bool:
    """Whether Streamlit's security check refuses ``path`` (decoded) before any route.

    It refuses a path that starts with two slashes (or backslashes); and, but under
    its uploads' path, one that holds a NUL, has a ``..`` part (between slashes or
    backslashes), or names a drive (``/C:/x``).
    """
    if path.startswith(("//", "\\\\")):
        return True
    if path.startswith(_UPLOADS):
        return False
    if "\x00" in path:
        return True
    relative = path.lstrip("/")
    if relative.startswith("\\") or _DRIVE.match(relative):
        return True
    return ".." in relative.replace("\\", "/").split("/")


def _refused_page() -> bytes:
    """The page a refused address gets: what happened, and a link to the map, in
    Japanese, then English."""
    ja, en = (
        {k: html.escape(text(f"server.refused.{k}", lang)) for k in ("title", "text", "link")}
        for lang in ("ja", "en")
    )
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{ja['title']} / {en['title']}</title>"
        "<style>body{font-family:sans-serif;color:#111;margin:3rem auto;max-width:40rem;"
        "padding:0 1rem;line-height:1.6}a{color:#1f6f8b;font-size:1.25rem}</style>"
        f"</head><body><main><h1>{ja['title']}</h1><p>{ja['text']}</p>"
        f'<p lang="en">{en["title"]}. {en["text"]}</p>'
        f'<p><a href="/">{ja["link"]} / <span lang="en">{en["link"]}</span></a></p>'
        "</main></body></html>"
    ).encode()


#: The refused address's page (its words are the catalogue's, fixed when it is read).
REFUSED_PAGE = _refused_page()
#: Its headers: never cached, read as HTML, no script, no style sheet but its own.
REFUSED_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
}


class RefusedPaths:
    """ASGI middleware: a path :func:`refused` gets :data:`REFUSED_PAGE` (400), every
    other request (and every websocket) goes on to the app.

    It stands before Streamlit's own middleware, which would refuse the same paths with
    the bare words "Bad Request"; it refuses no more than that.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a refused path, or pass the request on."""
        if scope["type"] == "http" and refused(scope.get("path", "")):
            page = Response(REFUSED_PAGE, 400, REFUSED_HEADERS, media_type="text/html")
            await page(scope, receive, send)
            return
        await self.app(scope, receive, send)


#: The middleware :mod:`ui.server` adds before Streamlit's.
MIDDLEWARE = [Middleware(RefusedPaths)]
