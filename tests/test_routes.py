"""A page's path typed untidily is redirected to the page (ui.routes)."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import Scope

from geo.words import MESSAGES
from ui.routes import (
    ROUTES,
    STREAMLIT_PREFIXES,
    RefusedPaths,
    page_address,
    refused,
    tidy_address,
    tidy_path,
)
from ui.server import app

# (page, rest, query; the address it is sent to), all decoded as Starlette gives them
ADDRESSES = [
    ("area", "yuda", "", "/area?area=yuda"),
    ("area", "湯田/", "lang=en", "/area?area=%E6%B9%AF%E7%94%B0&lang=en"),
    ("area", "a/b", "", "/area?area=a%2Fb"),  # typed as /area/a%2Fb: no area, the list
    ("area", "/", "lang=en", "/area?lang=en"),
    ("partners", "x/y", "lang=en", "/partners?lang=en"),
    ("nope", "zz", "", "/nope"),  # Streamlit's "page not found", then the first page
    # nothing typed can end the parameter, add another or lead elsewhere
    ("area", "a&kiosk=1", "", "/area?area=a%26kiosk%3D1"),
    ("area", "x#y?z", "", "/area?area=x%23y%3Fz"),
    ("area", "/evil.example", "", "/area?area=evil.example"),
    ("area", "\r\nSet-Cookie: x", "", "/area?area=%0D%0ASet-Cookie%3A%20x"),
    ("area", "<script>", "", "/area?area=%3Cscript%3E"),
    ("<script>", "x", "", "/%3Cscript%3E"),
    ("evil.example", "x", "", "/evil.example"),
]


@pytest.mark.parametrize(("page", "rest", "query", "expected"), ADDRESSES)
def test_page_address(page: str, rest: str, query: str, expected: str) -> None:
    address = page_address(page, rest, query)
    assert address == expected
    assert address.startswith("/") and not address.startswith("//")  # on this server
    if page == "area" and rest.strip("/"):
        assert parse_qs(urlsplit(address).query)["area"] == [rest.strip("/")]


T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end on a loop of its own, in a thread of its own (the
    browser tests' driver keeps a loop running in this one)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _scope(path: str, query: bytes = b"") -> dict[str, object]:
    return {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": [],
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "root_path": "",
    }


# (path, decoded; where it is sent, the query "lang=en" kept)
UNTIDY = [
    ("/area/yuda", "/area?area=yuda&lang=en"),
    ("/area/湯田/", "/area?area=%E6%B9%AF%E7%94%B0&lang=en"),
    ("/area/a/b", "/area?area=a%2Fb&lang=en"),
    # the first page is served at /: under its own path Streamlit finds no page
    ("/explorer", "/?lang=en"),
    ("/explorer/", "/?lang=en"),
    ("/explorer/x", "/?lang=en"),
    ("/kiosk", "/?lang=en"),
    ("/matrix/x", "/matrix?lang=en"),
    # a doubled slash inside (Streamlit refuses one in front itself: "Bad Request")
    ("/area//yuda", "/area?area=yuda&lang=en"),
    ("/partners//", "/partners?lang=en"),
    # never to another host: no address starts with two slashes
    ("//evil.example", "/evil.example?lang=en"),
    ("//evil.example/x", "/evil.example?lang=en"),
    ("///", "/?lang=en"),
    # control characters left out
    ("/area\r\n", "/area?lang=en"),
    ("/area/\tyuda\x7f", "/area?area=yuda&lang=en"),
    ("/\x1b/x", "/x?lang=en"),
]


@pytest.mark.parametrize(("path", "location"), UNTIDY)
def test_an_untidy_path_is_sent_to_its_page(path: str, location: str) -> None:
    assert tidy_address(path, "lang=en") == location
    assert not location.startswith("//")


@pytest.mark.parametrize(
    "path", ["/", "/area", "/area/", "/matrix", "/favicon.png", "/湯田", "/area/_stcore/x"]
)
def test_a_tidy_path_is_left_alone(path: str) -> None:
    assert tidy_address(path, "lang=en") is None


@pytest.mark.parametrize(("path", "location"), UNTIDY)
def test_the_route_redirects_an_untidy_path(path: str, location: str) -> None:
    scope = _scope(path, b"lang=en")
    (route,) = [r for r in ROUTES if r.matches(scope)[0] == Match.FULL]
    scope.update(route.matches(scope)[1])
    response = _run(tidy_path(Request(scope)))
    assert response.status_code == 302
    assert response.headers["location"] == location


@pytest.mark.parametrize(
    "path",
    [
        "/area",
        "/",
        "/favicon.png",
        "/manifest.json",
        "/_stcore/health",
        "/_stcore/stream",
        "/static/js/index.js",
        "/media/x.png",
        "/component/streamlit_folium.st_folium/index.html",
        "/app/static/x.png",
        # the front end, opened on a page, asks there first where the server is
        "/area/_stcore/health",
        "/explorer/_stcore/host-config",
        "/area/_stcore/stream",
    ],
)
def test_other_paths_are_left_to_streamlit(path: str) -> None:
    assert all(r.matches(_scope(path))[0] == Match.NONE for r in ROUTES)


def _streamlit_paths() -> list[str]:
    """A path for each of Streamlit's own routes (its parameters filled in)."""
    ours = {id(r) for r in ROUTES}
    paths = []
    for route in app._build_starlette_app().routes:
        path = getattr(route, "path", "")
        if id(route) not in ours and path.count("/") > 1:
            paths.append(re.sub(r"\{[^}]*\}", "x", path))
    return paths


def test_no_path_of_streamlits_own_is_redirected() -> None:
    """A Streamlit that serves a new path of its own makes this fail, not its pages."""
    paths = _streamlit_paths()
    assert len(paths) > 10
    for path in paths:
        assert path.split("/")[1] in STREAMLIT_PREFIXES, path
        for where in (path, "/area" + path, "/explorer" + path):  # also under a page
            assert all(r.matches(_scope(where))[0] == Match.NONE for r in ROUTES), where


# --- addresses Streamlit's security check refuses -----------------------------------------

REFUSED = ["//area", "//evil.example/x", "/area/../kiosk", "/..", "/area/..\\x", "/a\x00b"]
REFUSED += ["/C:/Windows", "/c:x", "\\\\server\\share", "/\\\\server"]
REFUSED += ["/_stcore/../x", "//_stcore/upload_file/x"]
ALLOWED = ["/", "/area", "/area/yuda", "/area/a..b", "/...", "/x/C:/y", "/_stcore/health", "/湯田"]
# Streamlit passes its uploads' paths on unchecked, to a route that reads ids from them
ALLOWED += ["/_stcore/upload_file/../x", "/_stcore/upload_file/a\x00b"]


async def _answer(asgi: Any, path: str, kind: str = "http") -> tuple[int, dict[str, str], bytes]:
    """What an ASGI app answers a GET of ``path``: status (0 if it answered nothing),
    headers and body."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await asgi({**_scope(path), "type": kind}, receive, send)
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    if start is None:
        return 0, {}, b""
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers, body


async def _passed_on(scope: Scope, receive: Any, send: Any) -> None:
    """An app behind the middleware: answers nothing, so a status of 0 means passed on."""


def _streamlit_refuses(path: str) -> bool:
    """Whether Streamlit's own security middleware answers ``path`` itself."""
    from streamlit.web.server.starlette.starlette_path_security_middleware import (
        PathSecurityMiddleware,
    )

    status, _, _ = _run(_answer(PathSecurityMiddleware(_passed_on), path))
    return status == 400


@pytest.mark.parametrize("path", REFUSED + ALLOWED)
def test_refused_paths_are_streamlits_own(path: str) -> None:
    """The page answers exactly the paths Streamlit's check would answer "Bad Request"."""
    assert refused(path) == (path in REFUSED) == _streamlit_refuses(path)


@pytest.mark.parametrize("path", REFUSED)
def test_a_refused_path_gets_a_page_that_leads_to_the_map(path: str) -> None:
    status, headers, body = _run(_answer(app._build_starlette_app(), path))
    assert status == 400
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none'
    page = body.decode()
    for lang in ("ja", "en"):
        for key in ("server.refused.title", "server.refused.link"):
            assert html.escape(MESSAGES[key][lang]) in page
    assert '<a href="/">' in page and page.count("href=") == 1
    for word in ("evil", "kiosk", "Windows", "share"):  # nothing of the path is shown
        assert word not in page


@pytest.mark.parametrize("path", ALLOWED)
def test_other_paths_and_websockets_pass_the_middleware(path: str) -> None:
    assert _run(_answer(RefusedPaths(_passed_on), path))[0] == 0
    assert _run(_answer(RefusedPaths(_passed_on), "//area", kind="websocket"))[0] == 0
