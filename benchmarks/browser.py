"""Browser and server machinery shared by the browser, session and soak benchmarks.

Chromium is Debian's (the ``chromium`` setting, ``KYODO_CHROMIUM``, as for the browser
tests), driven by Playwright, with every non-loopback request aborted; the app is started
as the browser tests start it (:func:`tests.browser.conftest.start_app`). Memory is read
from ``/proc/<pid>/status`` for the server and all its children.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer, is_loopback

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Route


class Unavailable(RuntimeError):
    """Chromium or Playwright is missing: the benchmark is skipped with this message."""


def chromium_problem() -> str | None:
    """Why the browser benchmarks cannot run here, or ``None`` when they can."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"chromium not found at {CHROMIUM} (make sysdeps installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"playwright is not installed: {exc}"
    return None


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium, as the browser tests launch it.

    Raises
    ------
    Unavailable
        When chromium or Playwright is missing.
    """
    problem = chromium_problem()
    if problem:
        raise Unavailable(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Blocked:
    """Requests aborted because they left the machine."""

    urls: list[str] = field(default_factory=list)


def offline_context(browser: Browser, blocked: Blocked, **options: Any) -> BrowserContext:
    """A browser context that aborts every request that is not to this machine."""
    context = browser.new_context(**options)

    def route(r: Route) -> None:
        if is_loopback(r.request.url):
            r.continue_()
        else:
            blocked.urls.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: the benchmark prints tables."""


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (``VmRSS``)."""
    total = 0
    todo = [pid]
    seen: set[int] = set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            todo += _children(current)
    return total


def server_rss_mib(server: AppServer) -> float:
    """The app server's resident memory (with its children), in MiB."""
    return rss_kib(server.process.pid) / 1024


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Settings for an app started by a benchmark: bundled data, no registry."""
    env = {
        "KYODO_REGISTRY": "0",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    for name in ("KYODO_REGISTRY_DIR", "KYODO_DATABASE_URL", "KYODO_KIOSK"):
        env[name] = ""  # an empty setting is no setting
    env.update(extra or {})
    return env
