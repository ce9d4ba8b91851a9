"""Browser ready time of the map, as a ratio to a blank map, in headless Chromium.

Each map is saved as one page (blank basemap, Leaflet and the map's own files served
from this machine, every other request aborted) and opened in a fresh tab, several
times in interleaved rounds. *Ready* is when the map's layers exist and are placed:
every area path, the path of each point layer, every count marker, every area's name
placed (shown), and two animation frames later (so they have been painted), in
milliseconds from the start of navigation (``performance.now()``), which the page writes
to its console: the driver evaluates nothing in the page while it loads.

The blank map is the base the real map stands on (Leaflet, the libraries, the styles,
no layers). The baseline (one ``folium.Marker`` per point over unsimplified
boundaries) is measured on the default data only: at 10,000 points it takes tens of
seconds.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
from branca.element import MacroElement
from folium.template import Template

from benchmarks import datasets
from benchmarks.browser import Blocked, Unavailable, chromium, offline_context, static_server
from benchmarks.common import table
from benchmarks.datasets import Dataset
from geo.map import MapAssets, MapSpec, Viewport, build
from geo.map.assets import link_assets, own_files, publish_assets
from geo.map.branca_compat import children, clear_children, walk
from geo.map.elements import AreaCounts, AreaLabels, AreaLayer, FitBounds, PointArray

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage

#: Loads of each page (after one round that warms the cache), interleaved.
REPEAT = 10
SPEC = MapSpec(basemap="none")
#: Targets (issue 13): the default data, and the national opening view.
MAX_DEFAULT_RATIO = 1.3
MAX_NATIONAL_OPENING_RATIO = 2.0
MAX_LARGE_RATIO = 3.0

#: Runs in the page before its own scripts: notes when the expected layers exist.
READY_SCRIPT = """
(() => {
  const READY = "kyodo-ready";
  if (window.top !== window) { return; }
  const q = new URLSearchParams(location.hash.slice(1));
  const paths = Number(q.get("paths") || 0), markers = Number(q.get("markers") || 0);
  const labels = Number(q.get("labels") || 0), canvas = Number(q.get("canvas") || 0);
  function placed() {
    if (!labels) { return true; }
    const root = document.querySelector(".kyodo-labels");
    return root && root.style.visibility !== "hidden"
      && root.querySelectorAll(".kyodo-label").length >= labels;
  }
  function check() {
    const ok = document.querySelector(".leaflet-map-pane")
      && document.querySelectorAll(".leaflet-overlay-pane path").length >= paths
      && document.querySelectorAll(".leaflet-marker-pane > *").length >= markers
      && document.querySelectorAll(".leaflet-overlay-pane canvas").length >= canvas
      && placed();
    if (ok) {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        window.__kyodoReady = performance.now();
        console.log(READY + " " + window.__kyodoReady);
      }));
    } else {
      requestAnimationFrame(check);
    }
  }
  requestAnimationFrame(check);
})();
"""


def _is_ready(message: ConsoleMessage) -> bool:
    return message.text.startswith("kyodo-ready ")


@dataclass(frozen=True)
class Page:
    """One saved map and what must exist when it is ready."""

    label: str
    file: str
    paths: int
    markers: int
    size: int
    labels: int = 0
    canvas: int = 0


def expected(m: folium.Map) -> tuple[int, int, int, int]:
    """``(paths, markers, labels, canvases)`` the map's layers put into the page."""
    paths = markers = labels = canvas = 0
    for element in walk(m):
        if isinstance(element, AreaLayer) and element.canvas:
            canvas = 1  # painted on a canvas (with the points), a frame after it exists
        elif isinstance(element, AreaLayer):
            paths += len(element.data["features"])
        elif isinstance(element, AreaCounts) and not canvas:
            markers += len(element.rows)  # (on the areas' canvas, painted there)
        elif isinstance(element, AreaLabels):
            labels += len(element.rows)
        elif isinstance(element, PointArray) and element.rows and not canvas:
            paths += 1  # all the layer's points are one path (a gathered layer's, alone)
    return paths, markers, labels, canvas


class _Shown(MacroElement):
    """The map has been shown before (``map.kyodoView``): its layers keep its view."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        '{{ this._parent.get_name() }}.kyodoView = {home: "", area: null};'
        "{% endmacro %}"
    )


def _show(m: folium.Map, view: Viewport | None) -> None:
    """Opens ``m`` on ``view`` before its layers are drawn, as the app's map is when it
    gets the layers of a view it has moved to (a map shown before, with no focus and no
    area selected)."""
    if view is None:
        return
    before = children(m)
    # right after the base's own fitBounds, before every layer
    at = 1 + max(i for i, child in enumerate(before) if isinstance(child, FitBounds))
    added = [FitBounds([[view.south, view.west], [view.north, view.east]]), _Shown()]  # type: ignore[no-untyped-call]
    clear_children(m)
    for child in [*before[:at], *added, *before[at:]]:
        m.add_child(child, name=child.get_name())


def save_pages(folder: Path) -> tuple[list[Page], list[str]]:
    """Write every page into ``folder`` (with the libraries); return them and notes."""
    links = {name: f"vendor/{rel}" for name, rel in publish_assets(folder / "vendor").items()}
    for name, path in own_files().items():  # the map's own code and styles
        (folder / "map").mkdir(exist_ok=True)
        (folder / "map" / name).write_bytes(path.read_bytes())
        links[name] = f"map/{name}"
    notes: list[str] = []
    if "leaflet.js" not in links:
        raise Unavailable("no local copy of Leaflet (make sysdeps installs libjs-leaflet)")
    pages: list[Page] = []

    def save(label: str, build: Callable[[], tuple[folium.Map, tuple[int, ...]]]) -> None:
        m, (paths, markers, *more) = build()
        labels, canvas = [*more, 0, 0][:2]
        html = m.get_root().render()
        name = f"page{len(pages)}.html"
        (folder / name).write_text(html, encoding="utf-8")
        pages.append(Page(label, name, paths, markers, len(html.encode()), labels, canvas))

    default = datasets.bundled()

    def blank() -> tuple[folium.Map, tuple[int, ...]]:
        parts = build(default.inputs, default.cov, SPEC, assets=MapAssets(links=links))
        return parts.base, (0, 0)

    def ours(ds: Dataset, view: Viewport | None) -> Callable[[], tuple[folium.Map, Any]]:
        def build() -> tuple[folium.Map, tuple[int, ...]]:
            m = ds.build(SPEC, view=view, assets=MapAssets(links=links))
            _show(m, view)
            return m, expected(m)

        return build

    def baseline() -> tuple[folium.Map, tuple[int, ...]]:
        areas, note = datasets.exact_city_areas()
        notes.append(note)
        west, south, east, north = (float(v) for v in default.areas.total_bounds)
        points = datasets.baseline_points(default)
        m = datasets.baseline_map(areas, points, location=((south + north) / 2, (west + east) / 2))
        link_assets(m, links)
        return m, (len(areas), len(points))

    save("blank map", blank)
    save("default: kyodo-map", ours(default, None))
    save("default: one Marker per point", baseline)
    for ds in (datasets.city(10_000), datasets.city(100_000)):
        save(f"{ds.name}: opening view", ours(ds, None))
        save(f"{ds.name}: zoomed in (z{ds.detail.zoom if ds.detail else '?'})", ours(ds, ds.detail))
    national = datasets.national(100_000)
    if national is None:
        notes.append(
            "national 100,000: skipped, national outlines not found (../shared/data/japan)"
        )
    else:
        save(f"{national.name}: opening view", ours(national, None))
        zoom = national.detail.zoom if national.detail else "?"
        save(f"{national.name}: zoomed in (z{zoom})", ours(national, national.detail))
    return pages, notes


def measure(pages: list[Page], base_url: str) -> tuple[dict[str, list[float]], list[str]]:
    """Ready times (ms) of every page over :data:`REPEAT` interleaved rounds."""
    times: dict[str, list[float]] = {p.label: [] for p in pages}
    blocked = Blocked()
    with chromium() as browser:
        context = offline_context(browser, blocked, viewport={"width": 1000, "height": 620})
        context.add_init_script(READY_SCRIPT)
        for round_ in range(REPEAT + 1):
            for p in pages:
                tab = context.new_page()
                # told by the page's console: nothing is evaluated in the page while
                # it loads (the driver's own script would take the page's time)
                with tab.expect_console_message(_is_ready, timeout=120_000) as message:
                    tab.goto(
                        f"{base_url}/{p.file}#paths={p.paths}&markers={p.markers}"
                        f"&labels={p.labels}&canvas={p.canvas}",
                        wait_until="commit",
                    )
                ready = float(message.value.text.split()[1])
                if round_:  # the first round warms the cache
                    times[p.label].append(ready)
                tab.close()
        context.close()
    return times, sorted(set(blocked.urls))


#: Independent runs (each its own browser); a target is met when every run meets it.
RUNS = 2


def _limit(label: str) -> float | None:
    if label.startswith("default: kyodo"):
        return MAX_DEFAULT_RATIO
    if label.startswith("national") and "opening" in label:
        return MAX_NATIONAL_OPENING_RATIO
    if "100,000" in label:
        return MAX_LARGE_RATIO
    return None


def main() -> None:
    runs: list[dict[str, list[float]]] = []
    with tempfile.TemporaryDirectory(prefix="kyodo-bench-") as tmp:
        folder = Path(tmp)
        try:
            pages, notes = save_pages(folder)
            with static_server(folder) as url:
                for _ in range(RUNS):
                    times, blocked = measure(pages, url)
                    runs.append(times)
        except Unavailable as exc:
            print(f"Browser ready time: skipped ({exc})")
            return
    blanks = [statistics.median(times["blank map"]) for times in runs]
    rows = []
    verdicts = []
    for p in pages:
        ms = [statistics.median(times[p.label]) for times in runs]
        ratios = [m / b for m, b in zip(ms, blanks, strict=True)]
        row: list[object] = [p.label, p.size, p.paths, p.markers, p.labels]
        for m, r in zip(ms, ratios, strict=True):
            row += [m, r]
        rows.append(row)
        limit = _limit(p.label)
        if limit is None:
            continue
        met = "met" if max(ratios) <= limit else "NOT met"
        shown = " and ".join(f"{r:.2f}x" for r in ratios)
        verdicts.append(f"{p.label}: {shown} blank (target <= {limit:g}x in every run: {met})")
    columns = ["page", "HTML bytes", "paths", "markers", "names"]
    for i in range(RUNS):
        columns += [f"run {i + 1}: ready ms", "x blank"]
    print(
        table(
            f"Browser ready time (headless Chromium, blank basemap, network blocked; "
            f"median of {REPEAT} interleaved loads, {RUNS} runs)",
            columns,
            rows,
        )
    )
    for line in [*verdicts, *notes]:
        print(line)
    if blocked:
        print(f"blocked requests (aborted): {len(blocked)}, e.g. {blocked[0]}")
