"""Many areas on one canvas (``L.KyodoShapes``, static/map/kyodo-shapes.js) in a real
browser: drawn as the SVG areas are, the gaps hatched, and each area still answering the
pointer — its tooltip on hover, its feature on a click, as ``st_folium`` reads it — and
the points painted on the same canvas, on top, with their tooltips and popups.

The city's 21 areas stand in for a country's municipalities: a budget whose area limit
is below 21 puts them on the canvas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from geo.map import MapSpec
from geo.map.layers import count_words
from geo.map.spec import MapBudget
from geo.map.style import GAP_COLOR
from geo.model import CityData
from tests.browser.conftest import Watch, js_errors
from tests.browser.test_map_browser import THE_MAP, MakePage, map_page, open_map, shot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame

pytestmark = pytest.mark.browser

__all__ = ["map_page"]  # the page fixture, shared with test_map_browser

#: A budget that puts the city's areas on the canvas.
ON_CANVAS = MapBudget(area_limit=5)

#: Per area drawn: [area_id, name, a gap?, a point of the page where the canvas is on
#: top and the area is under it, no point on it (nearest the middle of its box), share of the pixels
#: around the point its name stands for (well inside it) painted in the gaps' red where
#: no point is on top (``null`` if points cover them all), its fill a canvas pattern?].
AREAS = (
    """([red]) => {
  const map = """
    + THE_MAP
    + """;
  let shapes = null, names = null;
  map.eachLayer(l => { if (l instanceof L.KyodoShapes) shapes = l; });
  map.eachLayer(l => { if (l instanceof L.KyodoLabels) names = l; });
  const dots = [];
  map.eachLayer(l => { if (l instanceof L.KyodoDots) dots.push(l); });
  const canvas = document.querySelector('.leaflet-overlay-pane canvas');
  const ctx = canvas.getContext('2d');
  const origin = shapes._renderer._bounds.min;
  const want = [1, 3, 5].map(i => parseInt(red.slice(i, i + 2), 16));
  const inner = {};
  names._d.r.forEach(r => { inner[r[2]] = map.latLngToLayerPoint([r[0], r[1]]); });
  return [...Array(shapes.count()).keys()].map(i => {
    const box = shapes._set.box.slice(4 * i, 4 * i + 4), s = shapes._s;
    const x0 = box[0] * s - shapes._ox, y0 = box[1] * s - shapes._oy;
    const x1 = box[2] * s - shapes._ox, y1 = box[3] * s - shapes._oy;
    const mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
    let best = null;
    for (let y = y0; y <= y1; y += 2) {
      for (let x = x0; x <= x1; x += 2) {
        const p = L.point(x, y);
        if (!shapes._containsPoint(p) || shapes._hit !== i) continue;
        const c = map.layerPointToContainerPoint(p);
        if (document.elementFromPoint(c.x, c.y) !== canvas) continue;
        if (dots.some(d => d._under({layerPoint: p}) >= 0)) continue;
        const d = (x - mx) ** 2 + (y - my) ** 2;
        if (!best || d < best[2]) best = [c.x, c.y, d];
      }
    }
    const p = shapes.properties(i), at = inner[p.name];
    const left = Math.round(at.x - origin.x) - 5, top = Math.round(at.y - origin.y) - 5;
    const block = ctx.getImageData(left, top, 11, 11).data;
    let reds = 0, seen = 0;
    for (let k = 0; k < block.length; k += 4) {
      const q = L.point(left + (k / 4) % 11, top + Math.floor(k / 44)).add(origin);
      if (dots.some(d => d._under({layerPoint: q}) >= 0)) continue;  // a point on top
      seen += 1;
      if (want.every((v, j) => Math.abs(block[k + j] - v) < 40)) reds += 1;
    }
    return [p.area_id, p.name, shapes._styles[i].className.includes('kyodo-gap'),
            best && [best[0], best[1]], seen ? reds / seen : null,
            shapes._styles[i].fillColor instanceof CanvasPattern];
  });
}"""
)

#: Notes what a click reports, as st_folium reads it: the feature of the event's layer.
LISTEN = (
    """() => {
  const map = """
    + THE_MAP
    + """;
  window.__reported = [];
  map.eachLayer(l => { if (l instanceof L.KyodoShapes) l._group.on('click', e => {
    window.__reported.push(e.layer.toGeoJSON().properties.area_id); }); });
}"""
)

#: [x, y, title] of a point of a point layer where the canvas is on top and that point
#: is what the pointer finds there; ``null`` when there is none.
A_POINT = (
    """() => {
  const map = """
    + THE_MAP
    + """;
  const canvas = document.querySelector('.leaflet-overlay-pane canvas');
  const dots = [];
  map.eachLayer(l => { if (l instanceof L.KyodoDots) dots.push(l); });
  let found = null;
  dots.forEach(l => {
    if (found || l.options.interactive === false) return;
    l._xy.forEach((p, i) => {
      const c = map.layerPointToContainerPoint(p);
      if (found || c.x < 150 || c.y < 150 || c.x > 650 || c.y > 550) return;
      if (document.elementFromPoint(c.x, c.y) !== canvas || l._under({layerPoint: p}) !== i) return;
      if (dots.some(o => o !== l && o._under({layerPoint: p}) >= 0)) return;  // alone there
      found = [c.x, c.y, l._titles[i]];
    });
  });
  return found;
}"""
)

#: The text of the tooltip shown (a closed one fades out for a moment).
TOOLTIP = """() => { const t = [...document.querySelectorAll('.leaflet-tooltip')]
  .filter(e => getComputedStyle(e).opacity !== '0').pop(); return t ? t.innerText : null; }"""


def _areas(frame: Frame) -> list[list[Any]]:
    found: list[list[Any]] = frame.evaluate(AREAS, [GAP_COLOR])
    return found


def test_many_areas_are_one_canvas_and_each_answers_the_pointer(
    browser: Browser, map_page: MakePage, city: CityData
) -> None:
    watch = Watch()
    spec = MapSpec(basemap="none", fields=("npo11",))
    page, frame = open_map(browser, watch, map_page(spec, "canvas", ON_CANVAS))
    shot(page, "canvas")
    assert frame.locator("path.kyodo-area").count() == 0
    assert frame.locator(".leaflet-overlay-pane canvas").count() == 1
    areas = _areas(frame)
    assert sorted(a[0] for a in areas) == sorted(city.areas["area_id"])
    # drawn: the gaps hatched in red, the other areas not
    gaps = [a for a in areas if a[2]]
    assert 0 < len(gaps) < len(areas)
    assert all(a[5] == a[2] for a in areas)  # the gaps, and only they, filled with the hatch
    assert max(a[4] or 0 for a in gaps) > 0.2  # seen where no point is on top
    assert max(a[4] or 0 for a in areas if not a[2]) < 0.05  # at most a neighbour's outline
    # each area answers the pointer: its name on hover, its feature on a click
    reachable = [a for a in areas if a[3]]
    assert len(reachable) >= 15
    frame.evaluate(LISTEN)
    box = page.locator("#map").bounding_box()
    assert box is not None
    for area_id, name, _gap, (x, y), _red, _hatched in (reachable[0], reachable[-1]):
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.mouse.move(box["x"] + x + 1, box["y"] + y + 1)
        page.wait_for_timeout(150)
        assert name in (frame.evaluate(TOOLTIP) or "")
        page.mouse.click(box["x"] + x + 1, box["y"] + y + 1)
        page.wait_for_timeout(100)
        assert frame.evaluate("() => window.__reported.slice(-1)[0]") == area_id
        assert frame.evaluate("() => " + THE_MAP + ".kyodoPicked") == area_id
    # the points are painted on the same canvas, on top, and answer the pointer too
    assert frame.locator(".leaflet-overlay-pane svg path").count() == 0
    point = frame.evaluate(A_POINT)
    assert point is not None
    x, y, title = point
    picked = frame.evaluate("() => " + THE_MAP + ".kyodoPicked")
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.move(box["x"] + x, box["y"] + y + 0.5)
    page.wait_for_timeout(150)
    assert frame.evaluate(TOOLTIP) == title
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert title in popup.inner_text()
    assert frame.evaluate("() => " + THE_MAP + ".kyodoPicked") == picked  # not an area
    assert js_errors(watch) == []
    page.context.close()


#: [x, y, count text, zoom it leads to] of the count on top at the middle of a circle
#: (the last drawn there), clear of the points; ``null`` when there is none.
A_COUNT = (
    """() => {
  const map = """
    + THE_MAP
    + """;
  const canvas = document.querySelector('.leaflet-overlay-pane canvas');
  const drawn = [];  // the canvas's layers, in the order it draws them
  for (let o = canvas && map.kyodoCanvas._drawFirst; o; o = o.next) drawn.push(o.layer);
  const discs = drawn.filter(l => l instanceof L.KyodoCountDiscs);
  const dots = drawn.filter(l => l instanceof L.KyodoDots);
  for (const l of discs) {
    for (const p of l._xy) {
      const c = map.layerPointToContainerPoint(p);
      if (c.x < 150 || c.y < 150 || c.x > 650 || c.y > 550) continue;
      if (document.elementFromPoint(c.x, c.y) !== canvas) continue;
      if (dots.some(d => d._under({layerPoint: p}) >= 0)) continue;
      const top = discs.filter(o => o._containsPoint(p)).pop();
      return [c.x, c.y, L.KyodoCountDiscs.text(top._d.r[top._hit][2]),
              Math.max(map.getZoom() + 2, top._d.z)];
    }
  }
  return null;
}"""
)


#: How many of the names shown are clear of every count circle.
CLEAR_OF_COUNTS = (
    """() => {
  const map = """
    + THE_MAP
    + """;
  const circles = [];
  map.eachLayer(l => { if (l instanceof L.KyodoCountDiscs) l._xy.forEach((p, i) => {
    const c = map.layerPointToContainerPoint(p), r = L.KyodoCountDiscs.size(l._d, l._d.r[i][2]) / 2;
    circles.push([c.x - r, c.y - r, c.x + r, c.y + r]); }); });
  const labels = [...document.querySelectorAll('.kyodo-label')]
    .filter(e => getComputedStyle(e).visibility !== 'hidden');
  const origin = map.getContainer().getBoundingClientRect();
  return labels.filter(e => { const b = e.getBoundingClientRect();
    const x0 = b.left - origin.left, y0 = b.top - origin.top, x1 = x0 + b.width, y1 = y0 + b.height;
    return circles.every(c => x1 <= c[0] || c[2] <= x0 || y1 <= c[1] || c[3] <= y0); }).length;
}"""
)


def test_counts_over_many_areas_are_painted_on_the_canvas(
    browser: Browser, map_page: MakePage
) -> None:
    """A large layer's counts are circles on the areas' canvas, not markers: the names
    keep clear of them, each tells its count on hover and zooms in on a tap."""
    watch = Watch()
    spec = MapSpec(basemap="none")
    budget = MapBudget(area_limit=5, limit=100)
    page, frame = open_map(browser, watch, map_page(spec, "canvas-counts", budget))
    shot(page, "canvas-counts")
    assert frame.locator(".kyodo-count").count() == 0
    assert frame.evaluate(CLEAR_OF_COUNTS) >= 19  # the names move off the circles (of 21)
    found = frame.evaluate(A_COUNT)
    assert found is not None
    x, y, text, zoom = found
    box = page.locator("#map").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.move(box["x"] + x, box["y"] + y + 0.5)
    page.wait_for_timeout(150)
    assert text in (frame.evaluate(TOOLTIP) or "")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_timeout(600)
    assert frame.evaluate("() => " + THE_MAP + ".getZoom()") == zoom
    assert js_errors(watch) == []
    page.context.close()


#: The tooltips of counts of 1, 2 and 1,234 organisations, as the page words them.
COUNT_TIPS = """(u) => [1, 2, 1234].map(n => L.KyodoCountDiscs.tip(
  {t: ["湯田"], u: u[0], u1: u[1]}, [0, 0, n, 0]))"""


def test_a_count_of_one_is_worded_in_the_singular(browser: Browser, map_page: MakePage) -> None:
    """A count's tooltip said 「湯田: 1 organisations」."""
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(MapSpec(basemap="none"), "count-tips"))
    units = [list(count_words("associations", "en")), list(count_words("associations", "en", 1))]
    assert frame.evaluate(COUNT_TIPS, units) == [
        "湯田: 1 organisation",
        "湯田: 2 organisations",
        "湯田: 1,234 organisations",
    ]
    ja = [list(count_words("associations", "ja")), None]
    assert frame.evaluate(COUNT_TIPS, ja)[0] == "湯田：1団体"  # no singular form: the plural's
    assert js_errors(watch) == []
    page.context.close()
