"""Browser tests: Playwright driving Debian's chromium against ``streamlit run``.

Only loopback requests are allowed; everything else is aborted and recorded. Under CI
(``CI=true``) a missing chromium or Playwright is a failure, elsewhere a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from geo.settings import load_settings
from tests.support.ci import skip_or_fail
from tests.support.net import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
#: The chromium driven by the tests (the ``chromium`` setting, ``KYODO_CHROMIUM``).
CHROMIUM = str(load_settings().chromium)
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _unavailable(reason: str) -> None:
    skip_or_fail(reason, must_run="the browser tests")


@dataclass
class AppServer:
    """A running ``streamlit run ui/server.py`` (the app as ``make run`` serves it)."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_app(env_extra: dict[str, str] | None = None, name: str = "app") -> AppServer:
    """Start the app on a free loopback port and wait until it answers."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"streamlit-{name}-{port}.log"
    env = {**os.environ, **(env_extra or {})}
    env.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    with log.open("wb") as out:
        process = _spawn(port, env, out)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return AppServer(url, process, log)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    process.kill()
    process.wait()
    raise RuntimeError("streamlit did not start within 60 s")


def _spawn(port: int, env: dict[str, str], out: IO[bytes]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "ui" / "server.py"),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def stop_app(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    server = start_app()
    yield server
    stop_app(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        _unavailable(f"chromium not found at {CHROMIUM} (make sysdeps installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        _unavailable(f"playwright is not installed: {exc}")
        raise
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()
    pw.stop()


@dataclass
class Watch:
    """What a page did: blocked requests and console errors."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)


#: Console messages that only report a failed network fetch (blocked tiles, the probe of
#: Streamlit's health endpoint under a page path); requests are checked separately.
NETWORK_NOISE = ("Failed to load resource",)


def js_errors(watch: Watch) -> list[str]:
    """Console errors and uncaught exceptions, less failed-fetch reports."""
    return [e for e in watch.console_errors if not e.startswith(NETWORK_NOISE)]


def settle(page: Page, timeout: float = 30_000) -> None:
    """Wait until the app's script run has finished and the page stopped changing."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const state = app && app.getAttribute('data-test-script-state');
            return state === 'notRunning' || state === 'initial';
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOOPBACK


def open_context(browser: Browser, *, watch: Watch, **options: Any) -> BrowserContext:
    """A browser context that aborts every non-loopback request."""
    context = browser.new_context(**options)

    def route(r: Route) -> None:
        url = r.request.url
        if is_loopback(url):
            r.continue_()
        else:
            watch.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    return context


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Browser, watch: Watch, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = open_context(
        browser, watch=watch, viewport={"width": 1440, "height": 1000}, locale="ja-JP"
    )
    pg = context.new_page()
    pg.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    context.close()
