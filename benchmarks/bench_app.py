"""The explorer in the running app: map ready time, remounts, pans on large data, memory.

Starts ``streamlit run ui/server.py`` (as the browser tests do) on the bundled data and on
copies of it with 10,000 and 100,000 synthetic organisations, and drives the explorer in
headless Chromium with every non-loopback request aborted:

- *ready*: seconds from navigation until the map frame shows the 21 areas and the
  first point layer, as a ratio to the bundled data;
- *remounts*: how often the map's frame was loaded again (``framenavigated``) over plain
  reruns (the ``r`` key), a change of field, and, on large data, pans and zooms (which
  rerun the page and swap the layers); the target is none;
- *swap*: on large data, seconds from a zoom onto central Yamaguchi until the layers for
  that view are in place (timed in the map's frame: the page reruns in between);
- *memory*: the server's resident memory (with its children) after 1 and after 20
  sessions open at once, and per extra session.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import datasets, synthetic
from benchmarks.browser import (
    Blocked,
    Unavailable,
    chromium,
    environment,
    offline_context,
    server_rss_mib,
)
from benchmarks.common import table
from tests.browser.conftest import AppServer, start_app, stop_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Frame, Page

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
REPEAT = 3
RERUNS = 5
SESSIONS = 20
TIMEOUT_MS = 180_000
#: Where the zoom lands on large data: central Yamaguchi (湯田), at the zoom where the
#: 100,000 sample organisations show as points.
DETAIL = (34.16, 131.46, 17)


@contextmanager
def app(data_dir: Path | None, name: str) -> Iterator[AppServer]:
    """The app on ``data_dir`` (the bundled data when ``None``)."""
    extra = {} if data_dir is None else {"KYODO_DATA_DIR": str(data_dir)}
    server = start_app(environment(extra), name=f"bench-{name}")
    try:
        yield server
    finally:
        stop_app(server)


def map_frame(page: Page) -> Frame:
    handle = page.locator(MAP_FRAME).element_handle(timeout=TIMEOUT_MS)
    frame = handle.content_frame()
    if frame is None:
        raise RuntimeError("the map's frame has no document")
    return frame


#: Runs in every frame: in the map's, notes when the areas and a point layer are drawn
#: (``Date.now()``, two animation frames later).
READY_WATCH = """
(() => {
  function check() {
    var areas = document.querySelectorAll("path.kyodo-area").length;
    var drawn = document.querySelectorAll(".leaflet-overlay-pane path").length;
    var counted = document.querySelector(".kyodo-count, .kyodo-cluster") !== null;
    if (areas >= 21 && (drawn > areas || counted)) {
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { window.__kyodoReadyAt = Date.now(); });
      });
    } else {
      setTimeout(check, 10);
    }
  }
  check();
})();
"""


def open_page(browser: Browser, **options: object) -> tuple[BrowserContext, Page]:
    """A new offline context and page that notes when the map is ready."""
    context = offline_context(browser, Blocked(), **options)
    context.add_init_script(READY_WATCH)
    return context, context.new_page()


def wait_for_map(page: Page) -> tuple[Frame, float]:
    """Wait until the map shows its areas and a point layer.

    Returns
    -------
    The map's frame and when it was ready (epoch milliseconds, the browser's clock).
    """
    page.frame_locator(MAP_FRAME).locator("path.kyodo-area").first.wait_for(timeout=TIMEOUT_MS)
    frame = map_frame(page)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        ready = frame.evaluate("window.__kyodoReadyAt || null")
        if ready is not None:
            return frame, float(ready)
        page.wait_for_timeout(50)
    raise TimeoutError("the map did not show its layers")


@dataclass
class Visit:
    """One dataset in the app."""

    name: str
    ready: list[float]
    remounts: dict[str, int]
    swap: list[float]


class Remounts:
    """Counts loads of the map's frame after the first."""

    def __init__(self, page: Page) -> None:
        self.loads = 0
        page.on("framenavigated", self._seen)

    def _seen(self, frame: Frame) -> None:
        if "streamlit_folium" in frame.url:
            self.loads += 1


#: Runs in the map's frame: notes when the layers were last swapped (``performance.now()``).
SWAP_WATCH = """() => {
  if (window.__kyodoWatch) { return; }
  window.__kyodoWatch = true;
  var n = (window.feature_group || []).length;
  setInterval(function () {
    var m = (window.feature_group || []).length;
    if (m !== n) { n = m; window.__kyodoSwapped = performance.now(); }
  }, 10);
}"""


def _zoom_and_wait(page: Page, frame: Frame, lat: float, lon: float, zoom: int) -> float:
    """Seconds from moving the map until its layers were swapped (timed in its frame)."""
    frame.evaluate(SWAP_WATCH)
    start = float(
        frame.evaluate(
            f"() => {{ window.__kyodoSwapped = null; var t = performance.now();"
            f" window.map.setView([{lat}, {lon}], {zoom}); return t; }}"
        )
    )
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        swapped = frame.evaluate("window.__kyodoSwapped")
        if swapped is not None:
            return (float(swapped) - start) / 1000
    raise TimeoutError("the layers were not swapped after a zoom")


def _ready_once(browser: Browser, server: AppServer) -> float:
    context, page = open_page(browser, viewport={"width": 1440, "height": 1000})
    start = time.time() * 1000
    page.goto(f"{server.url}/?basemap=none")
    _, ready = wait_for_map(page)
    context.close()
    return (ready - start) / 1000


def _rerun(page: Page, sent: list[int]) -> bool:
    """Rerun the page as the ``r`` key does; whether the browser asked the server to."""
    before = len(sent)
    page.get_by_role("heading", level=1).first.click()
    page.keyboard.press("r")
    deadline = time.monotonic() + 10
    while len(sent) == before and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    page.wait_for_timeout(1500)
    return len(sent) > before


def _choose_field(page: Page, label: str) -> None:
    box = page.get_by_role("combobox", name="活動分野")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_timeout(2000)


def visit(browser: Browser, server: AppServer, name: str, *, large: bool) -> Visit:
    """Ready times, remounts and (on large data) swap times of one dataset."""
    ready = [_ready_once(browser, server) for _ in range(REPEAT)]
    context, page = open_page(browser, viewport={"width": 1440, "height": 1000})
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(1)))
    counter = Remounts(page)
    page.goto(f"{server.url}/?basemap=none")
    frame, _ = wait_for_map(page)
    page.wait_for_timeout(2000)  # on large data, the map reports its view: one swap
    frame.evaluate("window.__probe = 42")
    remounts: dict[str, int] = {}
    swap: list[float] = []
    if large:
        first = counter.loads
        lat, lon, zoom = DETAIL
        for step in range(REPEAT):
            # alternate between the detail view and a view next to it
            swap.append(_zoom_and_wait(page, frame, lat, lon + 0.01 * (step % 2), zoom))
            page.wait_for_timeout(1000)
        remounts[f"{REPEAT} zooms and pans"] = counter.loads - first
    first = counter.loads
    asked = sum(_rerun(page, sent) for _ in range(RERUNS))
    remounts[f"{RERUNS} plain reruns ({asked} seen on the socket)"] = counter.loads - first
    first = counter.loads
    _choose_field(page, "防災・減災")
    remounts["a change of field"] = counter.loads - first
    if frame.evaluate("window.__probe") != 42:
        remounts["(the map's window was replaced)"] = 1
    context.close()
    return Visit(name, ready, remounts, swap)


def sessions(browser: Browser, server: AppServer) -> list[tuple[int, float]]:
    """Server memory (MiB) with no session, then after 1 and after all sessions open."""
    rss = [(0, server_rss_mib(server))]
    contexts = []
    for n in range(1, SESSIONS + 1):
        context, page = open_page(browser, viewport={"width": 1280, "height": 900})
        page.goto(f"{server.url}/?basemap=none")
        wait_for_map(page)
        contexts.append(context)
        if n in (1, SESSIONS):
            page.wait_for_timeout(2000)
            rss.append((n, server_rss_mib(server)))
    for context in contexts:
        context.close()
    return rss


def main() -> None:
    visits: list[Visit] = []
    memory: list[tuple[int, float]] = []
    try:
        with chromium() as browser, tempfile.TemporaryDirectory(prefix="kyodo-app-") as tmp:
            with app(None, "default") as server:
                visits.append(visit(browser, server, "default", large=False))
                memory = sessions(browser, server)
            for n in (10_000, 100_000):
                folder = synthetic.write_city_data(Path(tmp) / str(n), datasets.city(n).orgs)
                with app(folder, str(n)) as server:
                    visits.append(visit(browser, server, f"city {n:,}", large=True))
    except Unavailable as exc:
        print(f"App benchmarks: skipped ({exc})")
        return
    base = statistics.median(visits[0].ready)
    rows: list[list[object]] = []
    for v in visits:
        ready = statistics.median(v.ready)
        swap = statistics.median(v.swap) if v.swap else ""
        rows.append([v.name, ready, ready / base, swap, sum(v.remounts.values())])
    print(
        table(
            f"The explorer in the app (headless Chromium; ready: median of {REPEAT})",
            ["data", "ready s", "x default", "swap after zoom s", "remounts"],
            rows,
        )
    )
    for v in visits:
        print(f"{v.name}: remounts " + ", ".join(f"{k}: {n}" for k, n in v.remounts.items()))
    if memory:
        (_, idle), (_, one), (_, many) = memory
        per = (many - one) / (SESSIONS - 1)
        print(
            table(
                "Server memory (RSS of the server and its children)",
                ["sessions open", "MiB", "x 1 session"],
                [[0, idle, idle / one], [1, one, 1.0], [SESSIONS, many, many / one]],
            )
        )
        print(f"per extra session: {per:.1f} MiB")
