"""An area's page typed as a path is redirected to its address (ui.routes)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.requests import Request
from starlette.routing import Match

from ui.routes import ROUTES, area_address, area_path

# (name in the path, decoded; query; the area page's address)
ADDRESSES = [
    ("yuda", "", "/area?area=yuda"),
    ("湯田", "lang=en", "/area?area=%E6%B9%AF%E7%94%B0&lang=en"),
    # nothing in the name can end the parameter, add another or lead elsewhere
    ("a&kiosk=1", "", "/area?area=a%26kiosk%3D1"),
    ("x#y?z", "", "/area?area=x%23y%3Fz"),
    ("//evil.example", "", "/area?area=%2F%2Fevil.example"),
    ("\r\nSet-Cookie: x", "", "/area?area=%0D%0ASet-Cookie%3A%20x"),
    ("<script>", "", "/area?area=%3Cscript%3E"),
]


@pytest.mark.parametrize(("name", "query", "expected"), ADDRESSES)
def test_area_address(name: str, query: str, expected: str) -> None:
    address = area_address(name, query)
    assert address == expected
    assert address.startswith("/area?")  # on this server, on the area page
    assert parse_qs(urlsplit(address).query)["area"] == [name]


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


@pytest.mark.parametrize(
    ("path", "query", "location"),
    [
        ("/area/yuda", b"", "/area?area=yuda"),
        ("/area/湯田/", b"lang=en", "/area?area=%E6%B9%AF%E7%94%B0&lang=en"),
    ],
)
def test_a_typed_path_is_redirected(path: str, query: bytes, location: str) -> None:
    scope = _scope(path, query)
    (route,) = [r for r in ROUTES if r.matches(scope)[0] == Match.FULL]
    scope.update(route.matches(scope)[1])
    response = _run(area_path(Request(scope)))
    assert response.status_code == 302
    assert response.headers["location"] == location


@pytest.mark.parametrize("path", ["/area", "/area/", "/area/x/y", "/", "/_stcore/health"])
def test_other_paths_are_left_to_streamlit(path: str) -> None:
    assert all(r.matches(_scope(path))[0] != Match.FULL for r in ROUTES)
