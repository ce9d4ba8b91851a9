"""The map in a real browser: names, one-click selection, the whole-city button, no links,
touch targets, the frame it fills (geo/map, static/map).

Two kinds of page: the explorer as a visitor meets it (``streamlit run``, the map in
``st_folium``'s frame), and a small page of our own, a composed map in a frame of the
same origin served from this machine, for the options the pages will use (the kiosk's
``links=False``, ``touch``, ``points_interactive=False``, collapsed controls).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

import pytest
import shapely

from benchmarks.browser import static_server
from geo.coverage import coverage
from geo.map import MapSpec, build, city_inputs, compose
from geo.map.assets import MapAssets, asset_dirs, local_asset
from geo.map.layers import map_title
from geo.map.spec import (
    DEFAULT_BUDGET,
    FIT_PADDING,
    ZOOM_SNAP,
    MapBudget,
)
from geo.map.style import OVERVIEW_ZOOM, POINT_SHAPES, POINT_STYLES, overview_style, shape_path
from geo.model import CityData
from tests.browser.conftest import ARTIFACTS, AppServer, Watch, js_errors, open_context, settle

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Locator, Page

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
PLANNER = {"width": 1600, "height": 1000}

#: The names a visitor can read: shown, inside the map, clear of each other and of the
#: map's controls.
READABLE_NAMES = """() => {
  const box = document.querySelector('.leaflet-container').getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
  const labels = [...document.querySelectorAll('.kyodo-label')]
    .filter(l => getComputedStyle(l).visibility !== 'hidden');
  const rects = labels.map(l => l.getBoundingClientRect());
  const hit = (a, b) => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  return labels.filter((l, i) => {
    const r = rects[i];
    const inside = r.left >= box.left && r.right <= box.right && r.top >= box.top
      && r.bottom <= box.bottom;
    return inside && rects.every((o, j) => j === i || !hit(r, o))
      && controls.every(o => !hit(r, o));
  }).map(l => l.querySelector('.kyodo-label-name').textContent);
}"""

#: The Leaflet map of a frame: ``window.map`` in st_folium's, the one global map otherwise.
THE_MAP = """(() => window.map || Object.values(window).find(v => v instanceof L.Map))()"""


#: The leader lines as drawn, measured against the names' laid-out boxes: the dots'
#: centres and the points that should have one (a line drawn from its point, uncovered,
#: longer than its name is high); pieces that pass under another name, pieces shorter
#: than an em of a line whose point is under another name (but the one that meets its
#: name), pieces that touch their own name, lines from the side that meet a name
#: below its first line (its count), lines that stop short of their name ("astray"),
#: and lines shorter than their name is high ("stub": they read as a dash).
#: "Under" a name is also along it, as near as a line ends from its own name or nearer
#: (an underline).
LEADERS = (
    """e => {
  const m = """
    + THE_MAP
    + """;
  const out = {dots: [], ends: [], under: [], short: [], touching: [], low: [], astray: [],
               stub: []};
  const d = s => (e.querySelector(s) || {getAttribute: () => ''}).getAttribute('d') || '';
  out.dots = [...d('path.kyodo-leader-dot').matchAll(/M([-\\d.]+),([-\\d.]+)a([\\d.]+)/g)]
    .map(x => [Math.round(+x[1] + +x[3]), Math.round(+x[2])]);
  const line = /M([-\\d.]+),([-\\d.]+)L([-\\d.]+),([-\\d.]+)/g;
  const lines = [...d('path.kyodo-leader').matchAll(line)]
    .map(x => [+x[1], +x[2], +x[3], +x[4]]);
  const gapTo = (x, y, b) =>
    Math.hypot(Math.max(b.x - x, 0, x - b.x - b.w), Math.max(b.y - y, 0, y - b.y - b.h));
  m.eachLayer(l => {
    if (!l._leaders) { return; }
    const font = parseFloat(getComputedStyle(l._root).fontSize);
    // (under a name, or along it as near as a line ends from its own name, or nearer:
    // an underline, or a stroke of its text)
    const gap = Math.max(2, Math.round(font / 6));
    const inBox = (x, y, b) => gapTo(x, y, b) < gap + 1.5;
  // a point under a name, or as near to it as its halo and a pixel, is hidden by it
  const hides = (b, x, y) => gapTo(x, y, b) <= gap + 2;
    const boxes = l._items.map(it => {
      const at = L.DomUtil.getPosition(it.el);
      return {x: at.x, y: at.y, w: it.w, h: it.h, el: it.el,
              first: it.el.querySelector('.kyodo-label-name').offsetHeight};
    });
    l._leaders.forEach(ld => {
      const own = boxes.find(b => b.x === ld.box.x && b.y === ld.box.y);
      const others = boxes.filter(b => b !== own);
      const name = own.el.querySelector('.kyodo-label-name').textContent;
      const pieces = ld.pieces.map(s => [Math.round(s[0] * 10) / 10, Math.round(s[1] * 10) / 10,
                                         Math.round(s[2] * 10) / 10, Math.round(s[3] * 10) / 10]);
      pieces.forEach(s => {
        if (!lines.some(x => x.every((v, i) => Math.abs(v - s[i]) < 0.11))) {
          out.under.push([name, 'not drawn']);
        }
        const meets = s === pieces[pieces.length - 1] && pieces.length > 1;  // (its name)
        const hidden = others.some(b => hides(b, ld.p.x, ld.p.y));
        if (hidden && !meets && Math.hypot(s[2] - s[0], s[3] - s[1]) < font - 0.5) {
          out.short.push(name);
        }
        for (let k = 0; k <= 20; k++) {
          const x = s[0] + (s[2] - s[0]) * k / 20, y = s[1] + (s[3] - s[1]) * k / 20;
          others.filter(b => inBox(x, y, b)).forEach(b =>
            out.under.push([name, b.el.querySelector('.kyodo-label-name').textContent]));
        }
      });
      const last = pieces[pieces.length - 1];
      if (last && gapTo(last[2], last[3], own) < 1) { out.touching.push(name); }
      if (last && gapTo(last[2], last[3], own) > gap + 0.5) { out.astray.push(name); }
      const p = ld.p, side = last && (last[2] < own.x || last[2] > own.x + own.w);
      if (side && own.first < own.h && last[3] > own.y + own.first + 0.5) { out.low.push(name); }
      const fromPoint = pieces.length && Math.abs(pieces[0][0] - p.x) < 0.11
        && Math.abs(pieces[0][1] - p.y) < 0.11;
      const whole = last ? Math.hypot(last[2] - p.x, last[3] - p.y) : 0;
      if (last && whole < own.h - 0.5) { out.stub.push(name); }
      const seen = !others.some(b => hides(b, p.x, p.y));
      if (fromPoint && whole > own.el.offsetHeight && seen) {
        out.ends.push([Math.round(p.x), Math.round(p.y)]);
      }
    });
  });
  out.ends.sort(); out.dots.sort();
  return out;
}"""
)

#: What :func:`leader_problems` finds on a map whose lines all read right.
NO_LEADER_PROBLEMS: dict[str, list[Any]] = {
    k: [] for k in ("dots", "under", "short", "touching", "low", "astray", "stub")
}


def leader_problems(labels: Locator) -> dict[str, list[Any]]:
    """The problems of the leader lines of the names in ``labels`` (the map's
    ``.kyodo-labels``), by kind (:data:`LEADERS`): under "dots", the dots drawn where no
    line needs one and the lines that need one and have none."""
    found = labels.evaluate(LEADERS)
    dots, ends = found.pop("dots"), found.pop("ends")
    missing = [p for p in ends if p not in dots] + [p for p in dots if p not in ends]
    return {"dots": missing, **found}


#: Areas and names under the offline notice: points of its box where an area's shape
#: or a name lies beneath it (the notice itself aside).
UNDER_NOTICE = """e => {
    const r = e.getBoundingClientRect(), hits = [];
    for (let i = 0; i <= 10; i++) for (let j = 0; j <= 4; j++) {
      const x = r.left + r.width * i / 10, y = r.top + r.height * j / 4;
      for (const el of document.elementsFromPoint(x, y)) {
        if (el.matches("path.kyodo-area") || el.closest(".kyodo-label")) {
          hits.push(`${Math.round(x)},${Math.round(y)}: ${el.className.baseVal ?? el.className}`);
        }
      }
    }
    return hits;
}"""

CLEAR_POINT = (
    """([aid, maxY]) => {
  const map = """
    + THE_MAP
    + """;
  let layer = null;
  map.eachLayer(l => { if (l.feature && l.feature.properties.area_id === aid) layer = l; });
  const r = layer._path.getBoundingClientRect();
  const label = [...document.querySelectorAll('.kyodo-label')];
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  let best = null;
  for (let dy = 0; dy <= r.height; dy += 3) {
    for (let dx = 0; dx <= r.width; dx += 3) {
      const x = r.left + dx, y = r.top + dy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= Math.min(innerHeight, maxY)) continue;
      if (document.elementFromPoint(x, y) !== layer._path) continue;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (!best || d < best[2]) best = [x, y, d];
    }
  }
  return best && [best[0], best[1]];
}"""
)

#: Every element of the frame a finger can act on, with its size.
TARGETS = """() => [...document.querySelectorAll('a, button, input, select, [role=button], '
    + '[tabindex]:not([tabindex="-1"]), .leaflet-interactive')]
  .filter(e => !e.classList.contains('leaflet-container') && e.tagName !== 'path')
  .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                 return r.width && r.height && s.visibility !== 'hidden'; })
  .map(e => { const r = e.getBoundingClientRect();
              return [e.tagName + '.' + e.className,
                      Math.round(r.width), Math.round(r.height)]; })"""

#: Every visible piece of text in the frame with its font size in pixels.
TEXT_SIZES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode, e = t.parentElement;
    if (!t.textContent.trim() || !e || e.closest('svg, script, style')) continue;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (!r.width || !r.height || s.visibility === 'hidden' || s.display === 'none') continue;
    if (e.closest('[hidden]')) continue;
    out.push([t.textContent.trim().slice(0, 30), parseFloat(s.fontSize)]);
  }
  return out;
}"""


# --- a small page of our own ---------------------------------------------------------------


class MakePage(Protocol):
    """Writes a page holding the city's map (``spec``, ``budget``) and gives its URL."""

    def __call__(self, spec: MapSpec, name: str, budget: MapBudget = DEFAULT_BUDGET) -> str: ...


@pytest.fixture(scope="module")
def map_page(tmp_path_factory: pytest.TempPathFactory, city: CityData) -> Iterator[MakePage]:
    """``(spec, name[, budget]) -> url`` of a page holding the city's map in a frame of
    its origin."""
    if local_asset("https://unpkg.com/leaflet/dist/leaflet.js", asset_dirs()) is None:
        pytest.skip("no local copy of Leaflet (make sysdeps installs libjs-leaflet)")
    folder = tmp_path_factory.mktemp("map-pages")
    assets = MapAssets(embed=True, dirs=asset_dirs())
    with static_server(folder) as base:

        def make(spec: MapSpec, name: str, budget: MapBudget = DEFAULT_BUDGET) -> str:
            cov = coverage(city.areas, city.organisations, spec.fields)
            m = compose(build(city_inputs(city), cov, spec, budget=budget, assets=assets))
            (folder / f"{name}-map.html").write_text(m.get_root().render(), encoding="utf-8")
            (folder / f"{name}.html").write_text(
                '<!doctype html><html lang="ja"><body style="margin:0">'
                f'<iframe id="map" src="{name}-map.html" title="frame"'
                ' style="display:block;border:0;width:100vw;height:100vh"></iframe>'
                "</body></html>",
                encoding="utf-8",
            )
            return f"{base}/{name}.html"

        yield make


def open_map(
    browser: Browser, watch: Watch, url: str, *, touch: bool = False, **size: int
) -> tuple[Page, Frame]:
    """A fresh tab on ``url`` (a page of :func:`map_page`) and its map's frame, drawn."""
    viewport = {"width": size.get("width", 1000), "height": size.get("height", 620)}
    context = open_context(browser, watch=watch, viewport=viewport, has_touch=touch)
    context.add_init_script("window.open = (...a) => { window.__opened = a; return null; };")
    page = context.new_page()
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.goto(url)
    frame = page.frame_locator("#map")
    frame.locator(".kyodo-label").first.wait_for(timeout=30_000)
    page.wait_for_timeout(300)  # the names are placed on the next frame
    handle = page.locator("#map").element_handle()
    assert handle is not None
    inner = handle.content_frame()
    assert inner is not None
    return page, inner


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-{name}.png"))


#: A kiosk's map: touch-sized names with their counts, nothing to follow out.
KIOSK_SPEC = MapSpec(
    basemap="none",
    touch=True,
    links=False,
    points_interactive=False,
    label_values=True,
    layers=("councils", "civic_groups"),
)

NAMES_PAGES = [
    ("planner-en", MapSpec(basemap="none", lang="en"), {"width": 1000, "height": 620}, False),
    # the explorer on a phone: the names at the city's edges stay inside the frame
    ("phone", MapSpec(basemap="none"), {"width": 358, "height": 560}, False),
    ("kiosk", KIOSK_SPEC, {"width": 1920, "height": 1000}, True),
    (
        "kiosk-portrait",
        replace(KIOSK_SPEC, label_values=False, legend="collapsed", layer_control="collapsed"),
        {"width": 1080, "height": 1100},
        True,
    ),
]


@pytest.mark.parametrize(
    ("name", "spec", "size", "touch"), NAMES_PAGES, ids=[p[0] for p in NAMES_PAGES]
)
def test_every_name_is_readable_without_hovering(
    browser: Browser,
    map_page: MakePage,
    city: CityData,
    name: str,
    spec: MapSpec,
    size: dict[str, int],
    touch: bool,
) -> None:
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(spec, name), touch=touch, **size)
    shot(page, f"names-{name}")
    column = "name_en" if spec.lang == "en" else "name_ja"
    assert sorted(frame.evaluate(READABLE_NAMES)) == sorted(city.areas[column])
    assert leader_problems(frame.locator(".kyodo-labels")) == NO_LEADER_PROBLEMS
    if touch:  # text read at arm's length
        sizes = frame.evaluate(
            "() => [...document.querySelectorAll('.kyodo-label span')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert min(sizes) >= 20
    # a name never takes a click: the area under it does
    under = frame.evaluate(
        """() => [...document.querySelectorAll('.kyodo-label')].map(l => {
             const r = l.getBoundingClientRect();
             const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             return e ? e.closest('.kyodo-label') === null : true; })"""
    )
    assert all(under)
    assert js_errors(watch) == []
    page.context.close()


#: Names hidden on a map, and how many names it has.
HIDDEN_NAMES = """() => {
  const labels = [...document.querySelectorAll('.kyodo-label')];
  return [labels.filter(l => getComputedStyle(l).visibility !== 'visible'
                        || !l.getBoundingClientRect().width)
                .map(l => l.querySelector('.kyodo-label-name').textContent), labels.length];
}"""


@pytest.mark.parametrize("size", [{"width": 560, "height": 480}, {"width": 420, "height": 360}])
def test_no_name_is_left_out_of_a_crowded_map(
    browser: Browser, map_page: MakePage, size: dict[str, int]
) -> None:
    """A frame too small for every name at arm's-length size, with its count, still
    shows every name: where no free place is near, further out, or on its point."""
    spec = replace(
        KIOSK_SPEC, lang="en", legend="collapsed", layer_control="collapsed", layers=("councils",)
    )
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(spec, "crowded"), touch=True, **size)
    hidden, count = frame.evaluate(HIDDEN_NAMES)
    assert (hidden, count) == ([], 21)
    assert js_errors(watch) == []
    page.context.close()


#: Pairs of names side by side on one line (sharing half their height) less than half
#: an em apart, as shown: such a pair reads as one name (「湯田大歳」).
SIDE_BY_SIDE = """() => {
  const names = [...document.querySelectorAll('.kyodo-label')]
    .filter(l => getComputedStyle(l).visibility !== 'hidden')
    .map(l => [l.querySelector('.kyodo-label-name').textContent, l.getBoundingClientRect(),
               parseFloat(getComputedStyle(l).fontSize)]);
  const out = [];
  names.forEach(([a, r, em], i) => names.slice(i + 1).forEach(([b, o]) => {
    const across = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
    const gap = Math.max(o.left - r.right, r.left - o.right);
    if (across >= Math.min(r.height, o.height) / 2 && gap < em / 2) { out.push([a, b, gap]); }
  }));
  return out;
}"""


@pytest.mark.parametrize(
    ("name", "fields", "size"),
    [
        ("planner-1366", (), {"width": 672, "height": 520}),  # the explorer at 1366×768
        ("planner-1366-kosodate", ("kosodate",), {"width": 672, "height": 520}),
        ("planner-1600", (), {"width": 900, "height": 700}),
        ("phone-pair", (), {"width": 358, "height": 560}),
    ],
    ids=["planner-1366", "planner-1366-kosodate", "planner-1600", "phone"],
)
def test_no_two_names_stand_side_by_side_as_one(
    browser: Browser,
    map_page: MakePage,
    name: str,
    fields: tuple[str, ...],
    size: dict[str, int],
) -> None:
    watch = Watch()
    spec = MapSpec(basemap="none", fields=fields)
    page, frame = open_map(
        browser, watch, map_page(spec, name), width=size["width"], height=size["height"]
    )
    assert frame.evaluate(SIDE_BY_SIDE) == []
    assert leader_problems(frame.locator(".kyodo-labels")) == NO_LEADER_PROBLEMS
    assert js_errors(watch) == []
    page.context.close()


#: The map's view: west, south, east, north.
VIEW = f"""(() => {{ const b = {THE_MAP}.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }})()"""


@pytest.mark.parametrize(
    ("area", "size", "touch"),
    [
        ("yuda", {"width": 540, "height": 460}, False),  # the area page's map
        ("shiraishi", {"width": 540, "height": 460}, False),
        ("yuda", {"width": 1000, "height": 720}, True),  # the kiosk's area view
    ],
)
def test_every_area_in_view_is_named_on_itself(
    browser: Browser,
    map_page: MakePage,
    city: CityData,
    area: str,
    size: dict[str, int],
    touch: bool,
) -> None:
    """A map zoomed onto one area names the neighbours it shows, on the part of them in
    view (their own points are out of the frame): 吉敷 and 大歳 beside 湯田 were
    unnamed."""
    watch = Watch()
    spec = MapSpec(basemap="none", area_id=area, touch=touch, label_values=touch)
    if touch:  # as the kiosk shows it
        spec = replace(spec, layers=(), legend="collapsed", layer_control="none", links=False)
    page, frame = open_map(
        browser, watch, map_page(spec, f"in-view-{area}-{touch}"), touch=touch, **size
    )
    shot(page, f"in-view-{area}-{'touch' if touch else 'mouse'}")
    page.wait_for_timeout(500)  # (a touch screen's names are measured again)
    assert len(_in_view(frame, city)) >= 3
    assert _in_view(frame, city) <= set(frame.evaluate(READABLE_NAMES))
    # panned by a frame's width, the names follow what comes into view
    step = f"[{size['width']}, 0]"
    frame.evaluate(f"(() => {{ {THE_MAP}.panBy({step}, {{animate: false}}); }})()")
    page.wait_for_timeout(300)
    assert _in_view(frame, city) <= set(frame.evaluate(READABLE_NAMES))
    assert js_errors(watch) == []
    page.context.close()


def _in_view(frame: Frame, city: CityData) -> set[str]:
    """The areas that cover at least 15% of the map's view (a thinner sliver may hold
    none of its area's places for the name)."""
    view = shapely.box(*frame.evaluate(VIEW))
    return {
        name
        for name, geom in zip(city.areas["name_ja"], city.areas.geometry, strict=True)
        if geom.intersection(view).area >= 0.15 * view.area
    }


def test_without_links_nothing_leaves_the_page(browser: Browser, map_page: MakePage) -> None:
    spec = MapSpec(basemap="gsi", touch=True, links=False, layer_control="collapsed")
    watch = Watch()
    page, frame = open_map(
        browser, watch, map_page(spec, "nolinks"), touch=True, width=1280, height=900
    )
    opened: list[Any] = []
    page.context.on("page", lambda p: opened.append(p))
    no_links = """() => ({anchors: document.querySelectorAll('a').length,
        hrefs: [...document.querySelectorAll('[href]')]
               .filter(e => !(e.tagName === 'LINK' && e.rel === 'stylesheet')).length})"""
    # every button of the map, then a point's popup
    for label in frame.locator("button").all():
        if label.is_visible():
            label.tap()
    point = frame.evaluate(
        "() => { const m = " + THE_MAP + "; let at = null; m.eachLayer(l => {"
        " if (!l._at || at) return;"
        " for (const p of l._at) { const c = m.latLngToContainerPoint(p);"
        "   if (document.elementFromPoint(c.x, c.y) === l._path) { at = [c.x, c.y]; break; } } });"
        " return at; }"
    )
    assert point is not None
    page.mouse.click(point[0], point[1])
    frame.locator(".leaflet-popup").wait_for(timeout=5_000)
    close = frame.locator(".leaflet-popup-close-button")
    assert close.evaluate("e => e.tagName") == "BUTTON"
    shot(page, "no-links")
    for f in page.frames:
        assert f.evaluate(no_links) == {"anchors": 0, "hrefs": 0}, f.url
    close.tap()
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=5_000)
    assert opened == []
    assert frame.evaluate("() => window.__opened === undefined")
    assert page.evaluate("() => window.__opened === undefined")
    attribution = frame.locator(".leaflet-control-attribution").inner_text()
    assert "出典：国土地理院" in attribution and "Leaflet" in attribution
    assert js_errors(watch) == []
    page.context.close()


TOUCH_SPECS = [
    MapSpec(basemap="gsi", touch=True, links=False, points_interactive=False),
    MapSpec(touch=True, links=False, legend="collapsed", layer_control="collapsed", lang="en"),
]


@pytest.mark.parametrize("spec", TOUCH_SPECS, ids=["open", "collapsed"])
def test_touch_targets_and_text_are_large(
    browser: Browser, map_page: MakePage, spec: MapSpec
) -> None:
    watch = Watch()
    name = f"touch-{spec.legend}"
    page, frame = open_map(
        browser, watch, map_page(spec, name), touch=True, width=1080, height=1300
    )
    for toggle in ("kyodo-legend-toggle", "kyodo-layers-toggle", "kyodo-info-button"):
        button = frame.locator(f"button.{toggle}")
        if button.count() and button.is_visible():
            button.tap()
    page.wait_for_timeout(200)
    shot(page, name)
    small = [t for t in frame.evaluate(TARGETS) if t[1] < 48 or t[2] < 48]
    assert small == []
    texts = frame.evaluate(TEXT_SIZES)
    assert any("km" in t for t, _ in texts)  # the attribution and scale are measured too
    assert [t for t in texts if t[1] < 20] == []
    assert_metric_scale(frame)
    assert js_errors(watch) == []
    page.context.close()


#: The scale's lines: text, and the widths of the text and of its bar.
SCALE_LINES = """() => [...document.querySelectorAll('.leaflet-control-scale-line')]
  .map(e => [e.textContent, e.scrollWidth, e.clientWidth])"""


def assert_metric_scale(frame: Frame) -> None:
    """The map's scale is one bar in metres or kilometres, and its text fits the bar."""
    lines = frame.evaluate(SCALE_LINES)
    assert len(lines) == 1, lines  # no feet or miles
    text, needed, bar = lines[0]
    assert re.fullmatch(r"\d+ k?m", text), text
    assert needed <= bar, lines


#: The box (left, top, right, bottom) of everything drawn on the map's overlay pane.
DRAWN_BOX = """() => {
  const rs = [...document.querySelectorAll('.leaflet-overlay-pane path')]
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  return [Math.min(...rs.map(r => r.left)), Math.min(...rs.map(r => r.top)),
          Math.max(...rs.map(r => r.right)), Math.max(...rs.map(r => r.bottom))];
}"""


def test_keyboard_reaches_every_control_and_shows_focus(
    browser: Browser, map_page: MakePage
) -> None:
    spec = MapSpec(basemap="none", legend="collapsed", layer_control="collapsed")
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(spec, "keys"), width=1000, height=700)
    frame.locator(".leaflet-container").focus()
    reached: list[str] = []
    stops = frame.evaluate(
        "() => [...document.querySelectorAll('button, a[href], input, [tabindex=\"0\"]')]"
        ".filter(e => e.getBoundingClientRect().width"
        " && !e.classList.contains('leaflet-container')).length"
    )
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = frame.evaluate(
            """() => { const e = document.activeElement;
                 const s = getComputedStyle(e);
                 return [e.tagName + ':' + (e.getAttribute('aria-label') || e.textContent).trim(),
                         s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }"""
        )
        reached.append(focused[0])
        assert focused[1], f"no visible focus on {focused[0]}"
    for name in ("拡大", "縮小", "市全体を表示", "表示する地点", "凡例"):
        assert any(name in r for r in reached), (name, reached)
    # the whole-city button's mark is four corners ("the whole"), not a box to tick
    mark = frame.locator(".kyodo-home-icon").evaluate(
        "e => [e.tagName, e.querySelector('path').getAttribute('d').split('M').length - 1,"
        " getComputedStyle(e).borderTopStyle]"
    )
    assert mark == ["svg", 4, "none"]
    # the whole-city button, by keyboard, after zooming in
    zoom = frame.evaluate("() => " + THE_MAP + ".getZoom()")
    frame.evaluate("() => " + THE_MAP + ".setZoom(14, {animate: false})")
    frame.get_by_role("button", name="市全体を表示").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    assert frame.evaluate("() => " + THE_MAP + ".getZoom()") == zoom
    assert js_errors(watch) == []
    page.context.close()


def test_points_without_clicks_leave_the_tap_to_the_area(
    browser: Browser, map_page: MakePage
) -> None:
    spec = MapSpec(basemap="none", touch=True, points_interactive=False)
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(spec, "passive"), touch=True)
    under = frame.evaluate(
        "() => { const m = " + THE_MAP + "; const out = [];"
        " m.eachLayer(l => { if (l._at) l._at.slice(0, 20).forEach(p => {"
        "   const c = m.latLngToContainerPoint(p);"
        "   const r = m.getContainer().getBoundingClientRect();"
        "   const e = document.elementFromPoint(r.left + c.x, r.top + c.y);"
        "   if (e && e.closest('.leaflet-overlay-pane, .leaflet-marker-pane'))"
        "     out.push(e.classList.contains('kyodo-area')); }); });"
        " return out; }"
    )
    assert under and all(under)
    assert js_errors(watch) == []
    page.context.close()


#: The associations' dots (``L.KyodoDots``, circles) on the map ``m``.
ASSOCIATIONS = """(m => { let d = null;
  m.eachLayer(l => { if (l._at && l.options.shape === 'circle') d = l; });
  return d; })"""

#: The associations' dots as drawn: their rim's colour and width, the radius of the
#: first circle, and the map's zoom.
DOTS = (
    """() => { const m = """
    + THE_MAP
    + """, d = """
    + ASSOCIATIONS
    + """(m);
  const arc = /a([\\d.]+),/.exec(d._path.getAttribute('d'));
  return [d._path.getAttribute('stroke'), Number(d._path.getAttribute('stroke-width')),
          arc && Number(arc[1]), m.getZoom()]; }"""
)

#: The centre (in the page) of an association's dot that a click reaches (the dot on
#: top there), ``null`` when there is none.
CLEAR_DOT = (
    """() => { const m = """
    + THE_MAP
    + """, d = """
    + ASSOCIATIONS
    + """(m);
  const box = m.getContainer().getBoundingClientRect();
  for (const p of d._at) {
    const c = m.latLngToContainerPoint(p), x = box.left + c.x, y = box.top + c.y;
    if (document.elementFromPoint(x, y) === d._path) return [x, y];
  }
  return null; }"""
)


#: Pixels between the foot of the associations' open tooltip and the point it tells.
TIP_GAP = (
    """() => { const m = """
    + THE_MAP
    + """, d = """
    + ASSOCIATIONS
    + """(m);
  const at = m.latLngToContainerPoint(d._tip.getLatLng());
  const box = m.getContainer().getBoundingClientRect();
  return box.top + at.y - d._tip.getElement().getBoundingClientRect().bottom; }"""
)


def _tip_gap(page: Page, frame: Frame, at: list[float]) -> float:
    """The tooltip's :data:`TIP_GAP` once the pointer rests on ``at`` (the point's own,
    not that of an area the pointer crossed)."""
    page.mouse.move(*at)
    frame.locator(".leaflet-tooltip:not(.foliumtooltip)").wait_for(timeout=5000)
    return float(frame.evaluate(TIP_GAP))


def test_dense_points_are_small_over_the_whole_city(browser: Browser, map_page: MakePage) -> None:
    """Over the whole city the associations are small dots with a white rim, so the
    centre's areas keep their colours; a click on one still opens it; zoomed in, they
    are drawn at full size again."""
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(MapSpec(basemap="none"), "overview"))
    small = overview_style("associations")
    full = POINT_STYLES["associations"]
    stroke, width, radius, zoom = frame.evaluate(DOTS)
    assert zoom < OVERVIEW_ZOOM
    assert (stroke, width, radius) == (small["color"], small["weight"], small["radius"])
    at = frame.evaluate(CLEAR_DOT)
    assert at is not None
    small_gap = _tip_gap(page, frame, at)
    page.mouse.click(*at)
    frame.locator(".leaflet-popup-content").wait_for(timeout=5000)
    shot(page, "overview")
    frame.evaluate("z => " + THE_MAP + ".setZoom(z, {animate: false})", OVERVIEW_ZOOM)
    page.wait_for_timeout(300)
    stroke, width, radius, zoom = frame.evaluate(DOTS)
    assert zoom == OVERVIEW_ZOOM
    assert (stroke, width, radius) == (full["color"], full["weight"], full["radius"])
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    full_at = frame.evaluate(CLEAR_DOT)
    assert full_at is not None
    # the tooltip stands just above the dot, as drawn at each size
    gap = _tip_gap(page, frame, full_at) - small_gap
    assert abs(gap - (float(full["radius"]) - float(small["radius"]))) <= 1  # type: ignore[arg-type]
    frame.evaluate("z => " + THE_MAP + ".setZoom(z, {animate: false})", OVERVIEW_ZOOM - 1)
    page.wait_for_timeout(300)
    assert frame.evaluate(DOTS)[:3] == [small["color"], small["weight"], small["radius"]]
    assert js_errors(watch) == []
    page.context.close()


#: Each point layer's first shape as drawn: ``[kind, radius, x, y, path data]``, with
#: (x, y) the point of the layer nearest the shape's box's centre.
FIRST_SHAPES = (
    """() => { const m = """
    + THE_MAP
    + """, out = [];
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  m.eachLayer(l => {
    if (!l._at || !l._path) return;
    const d = 'M' + l._path.getAttribute('d').split('M')[1];
    const e = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    e.setAttribute('d', d); svg.appendChild(e);
    const b = e.getBBox(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
    const p = l._xy.reduce((a, q) => (q.x - cx) ** 2 + (q.y - cy) ** 2
      < (a.x - cx) ** 2 + (a.y - cy) ** 2 ? q : a);
    out.push([l.options.shape, l._r, p.x, p.y, d]);
  });
  return out; }"""
)

#: Points of a grid over the box around (x, y) where the two paths differ (one holds the
#: point, the other not).
PATHS_DIFFER = """([x, y, r, a, b]) => {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  const [pa, pb] = [a, b].map(d => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    e.setAttribute('d', d); svg.appendChild(e); return e; });
  const out = [];
  for (let i = -10; i <= 10; i++) for (let j = -10; j <= 10; j++) {
    const p = new DOMPoint(x + r * 1.2 * i / 10 + 0.01, y + r * 1.2 * j / 10 + 0.01);
    if (pa.isPointInFill(p) !== pb.isPointInFill(p)) out.push([p.x, p.y]);
  }
  return out; }"""


def test_the_map_draws_the_shapes_of_the_legend(browser: Browser, map_page: MakePage) -> None:
    """Each point layer's shape on the map is the shape its swatch shows (``shape_path``,
    drawn again in ``kyodo.js``), over the whole city and zoomed in."""
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(MapSpec(basemap="none"), "shapes"))
    kinds = set()
    for zoom in (None, OVERVIEW_ZOOM + 1):
        if zoom is not None:
            frame.evaluate("z => " + THE_MAP + ".setZoom(z, {animate: false})", zoom)
            page.wait_for_timeout(300)
        for kind, r, x, y, drawn in frame.evaluate(FIRST_SHAPES):
            kinds.add(kind)
            expected = shape_path(kind, x, y, r)
            assert frame.evaluate(PATHS_DIFFER, [x, y, r, drawn, expected]) == [], kind
    assert kinds == set(POINT_SHAPES.values())
    assert js_errors(watch) == []
    page.context.close()


def test_the_map_fills_its_frame_and_follows_it(browser: Browser, map_page: MakePage) -> None:
    watch = Watch()
    spec = MapSpec(basemap="none", lang="en")
    page, frame = open_map(browser, watch, map_page(spec, "fill"), width=1000, height=700)
    assert page.locator("#map").get_attribute("title") == map_title(spec)
    assert frame.evaluate("() => document.documentElement.lang") == "en"
    assert_metric_scale(frame)
    # the city is fitted clear of the frame's edges and of the sources at its foot
    (left, top), (right, bottom) = FIT_PADDING
    box = frame.evaluate(DRAWN_BOX)
    assert box[0] >= left - 1 and box[1] >= top - 1, box
    assert box[2] <= 1000 - right + 1 and box[3] <= 700 - bottom + 1, box
    # and fills it, within a quarter zoom level in one direction
    used = max((box[2] - box[0]) / (1000 - left - right), (box[3] - box[1]) / (700 - top - bottom))
    assert used >= 2**-ZOOM_SNAP - 0.01, box
    for height in (480, 900):
        page.evaluate(f"() => document.getElementById('map').style.height = '{height}px'")
        page.wait_for_timeout(400)
        size = frame.evaluate(
            "() => [" + THE_MAP + ".getSize().y, document.querySelector('.leaflet-container')"
            ".getBoundingClientRect().height]"
        )
        assert size == [height, height]
    assert js_errors(watch) == []
    page.context.close()


@pytest.mark.parametrize(
    ("width", "touch", "short"),
    [(360, False, True), (1000, False, False), (420, True, True), (1000, True, False)],
)
def test_a_narrow_map_keeps_its_controls_small(
    browser: Browser, map_page: MakePage, width: int, touch: bool, short: bool
) -> None:
    """A phone's map: the whole-city button is as wide as the zoom buttons (its mark,
    named by its label), so an area fitted to the frame is not under its words, and the
    sources' lines wait behind the ⓘ button (as on a touch screen), which shows them. A
    wider map says what its button does and shows its sources, without the ⓘ (a touch
    screen keeps it)."""
    watch = Watch()
    spec = MapSpec(basemap="none", touch=touch)
    page, frame = open_map(
        browser, watch, map_page(spec, f"home-{width}"), touch=touch, width=width
    )
    home = frame.get_by_role("button", name="市全体を表示")
    zoom = frame.get_by_role("button", name="拡大")
    shown = frame.locator(".kyodo-home-text").is_visible()
    home_box, zoom_box = home.bounding_box(), zoom.bounding_box()
    assert home_box is not None and zoom_box is not None
    if short:
        assert not shown and home_box["width"] <= zoom_box["width"] + 2, home_box
    else:
        assert shown and home_box["width"] > zoom_box["width"] * 2, home_box
    lines = frame.locator(".leaflet-control-attribution")
    info = frame.get_by_role("button", name="出典")
    assert info.is_visible() is (short or touch)
    assert lines.is_visible() is not (short or touch)
    if short or touch:
        info.click()
        assert lines.is_visible() and info.get_attribute("aria-expanded") == "true"
    assert js_errors(watch) == []
    page.context.close()


# --- the explorer as a visitor meets it ----------------------------------------------------


@contextlib.contextmanager
def explorer(browser: Browser, server: AppServer) -> Iterator[tuple[Page, Watch]]:
    watch = Watch()
    context = open_context(browser, watch=watch, viewport=PLANNER, locale="ja-JP")
    page = context.new_page()
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.goto(f"{server.url}/?basemap=none")
    page.frame_locator(MAP_FRAME).locator(".kyodo-label").first.wait_for(timeout=60_000)
    settle(page)
    page.wait_for_timeout(500)
    try:
        yield page, watch
    finally:
        context.close()


def map_frame(page: Page) -> Frame:
    handle = page.locator(MAP_FRAME).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def test_explorer_names_and_one_click(
    app_server: AppServer, browser: Browser, city: CityData
) -> None:
    with explorer(browser, app_server) as (page, watch):
        frame = map_frame(page)
        page.screenshot(path=str(ARTIFACTS / "map-explorer-names.png"))
        assert sorted(frame.evaluate(READABLE_NAMES)) == sorted(city.areas["name_ja"])
        assert frame.evaluate("() => document.documentElement.lang") == "ja"
        assert (page.locator(MAP_FRAME).get_attribute("title") or "").startswith("地図：")
        names = dict(zip(city.areas["area_id"], city.areas["name_ja"], strict=True))
        start = frame.evaluate("() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]")
        # a small area in the centre, one at the bottom of the map, one at the top
        for area_id in ("shiraishi", "ajisu", "ato"):
            page.evaluate(
                "() => document.querySelectorAll('[data-testid=stMain], section')"
                ".forEach(e => e.scrollTop = 0)"
            )
            box = page.locator(MAP_FRAME).bounding_box()
            assert box is not None
            at = frame.evaluate(CLEAR_POINT, [area_id, PLANNER["height"] - box["y"]])
            assert at is not None, area_id
            page.mouse.click(box["x"] + at[0], box["y"] + at[1])
            page.get_by_role("heading", name=names[area_id], exact=True).wait_for(timeout=30_000)
            settle(page)
            page.mouse.move(1, 1)  # off the map: no hover outline
            # selected on the first click, outlined, and the view kept
            assert frame.evaluate(
                "() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]"
            ) == pytest.approx(start, abs=1e-6)
            outline = frame.evaluate(
                """aid => { let w = null; map.eachLayer(l => {
                     if (l.feature && l.feature.properties.area_id === aid)
                       w = [l._path.getAttribute('stroke'),
                            l._path.getAttribute('stroke-width')]; });
                   return w; }""",
                area_id,
            )
            assert outline == ["#000000", "5"]
        page.screenshot(path=str(ARTIFACTS / "map-explorer-selected.png"))
        # the whole-city button brings back the city after zooming in
        frame.evaluate("() => map.setZoom(14, {animate: false})")
        frame.get_by_role("button", name="市全体を表示").click()
        page.wait_for_timeout(600)
        assert frame.evaluate("() => map.getZoom()") == start[0]
        assert js_errors(watch) == []
