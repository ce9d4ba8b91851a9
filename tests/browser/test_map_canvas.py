"""Many areas on one canvas (``L.KyodoShapes``, static/map/kyodo-shapes.js) in a real
browser: drawn as the SVG areas are, the gaps hatched, and each area still answering the
pointer — its tooltip on hover, its feature on a click, as ``st_folium`` reads it.

The city's 21 areas stand in for a country's municipalities: a budget whose area limit
is below 21 puts them on the canvas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from geo.map import MapSpec
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
#: top and the area is under it (nearest the middle of its box), share of the pixels
#: around the point its name stands for (well inside it) painted in the gaps' red].
AREAS = (
    """([red]) => {
  const map = """
    + THE_MAP
    + """;
  let shapes = null, names = null;
  map.eachLayer(l => { if (l instanceof L.KyodoShapes) shapes = l; });
  map.eachLayer(l => { if (l instanceof L.KyodoLabels) names = l; });
  const canvas = document.querySelector('.leaflet-overlay-pane canvas');
  const ctx = canvas.getContext('2d');
  const origin = shapes._renderer._bounds.min;
  const want = [1, 3, 5].map(i => parseInt(red.slice(i, i + 2), 16));
  const inner = {};
  names._d.r.forEach(r => { inner[r[2]] = map.latLngToLayerPoint([r[0], r[1]]); });
  return shapes._list.map((a, i) => {
    const s = shapes._s, x0 = a.box[0] * s - shapes._ox, y0 = a.box[1] * s - shapes._oy;
    const x1 = a.box[2] * s - shapes._ox, y1 = a.box[3] * s - shapes._oy;
    const mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
    let best = null;
    for (let y = y0; y <= y1; y += 2) {
      for (let x = x0; x <= x1; x += 2) {
        const p = L.point(x, y);
        if (!shapes._containsPoint(p) || shapes._hit !== i) continue;
        const c = map.layerPointToContainerPoint(p);
        if (document.elementFromPoint(c.x, c.y) !== canvas) continue;
        const d = (x - mx) ** 2 + (y - my) ** 2;
        if (!best || d < best[2]) best = [c.x, c.y, d];
      }
    }
    const p = a.feature.properties, at = inner[p.name];
    const left = Math.round(at.x - origin.x) - 5, top = Math.round(at.y - origin.y) - 5;
    const block = ctx.getImageData(left, top, 11, 11).data;
    let reds = 0;
    for (let k = 0; k < block.length; k += 4) {
      if (want.every((v, j) => Math.abs(block[k + j] - v) < 40)) reds += 1;
    }
    return [p.area_id, p.name, shapes._styles[i].className.includes('kyodo-gap'),
            best && [best[0], best[1]], reds / 121];
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

TOOLTIP = "() => { const t = document.querySelector('.leaflet-tooltip'); return t && t.innerText; }"


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
    assert min(a[4] for a in gaps) > 0.1
    assert max(a[4] for a in areas if not a[2]) < 0.05  # at most a neighbour's outline
    # each area answers the pointer: its name on hover, its feature on a click
    reachable = [a for a in areas if a[3]]
    assert len(reachable) >= 15
    frame.evaluate(LISTEN)
    box = page.locator("#map").bounding_box()
    assert box is not None
    for area_id, name, _gap, (x, y), _red in (reachable[0], reachable[-1]):
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.mouse.move(box["x"] + x + 1, box["y"] + y + 1)
        page.wait_for_timeout(150)
        assert name in (frame.evaluate(TOOLTIP) or "")
        page.mouse.click(box["x"] + x + 1, box["y"] + y + 1)
        page.wait_for_timeout(100)
        assert frame.evaluate("() => window.__reported.slice(-1)[0]") == area_id
        assert frame.evaluate("() => " + THE_MAP + ".kyodoPicked") == area_id
    assert js_errors(watch) == []
    page.context.close()
