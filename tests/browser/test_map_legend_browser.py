"""The map's legend in a real browser: the city fitted beside the open legend, an area
chosen elsewhere brought clear of it, the colours and shapes it shows as the map shows
them, its entries in line (geo/map/legend.py, static/map/kyodo.js).

The maps are pages of :func:`tests.browser.test_map_browser.map_page`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from geo.map import MapSpec
from geo.map.legend import class_swatches
from geo.map.spec import FIT_PADDING, LEGEND_ROOM, LEGEND_WIDTH
from geo.model import CityData
from tests.browser.conftest import Watch, js_errors
from tests.browser.test_map_browser import DRAWN_BOX, THE_MAP, MakePage, map_page, open_map

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser
__all__ = ["map_page"]  # the page fixture, shared with test_map_browser

#: The legend's box (left, top, right, bottom), and the map's zoom.
LEGEND_AND_ZOOM = (
    "() => { const r = document.querySelector('.kyodo-legend').getBoundingClientRect();"
    " return [[r.left, r.top, r.right, r.bottom], " + THE_MAP + ".getZoom()]; }"
)


def _centred(box: list[float], width: int) -> bool:
    """Whether the drawn box is centred across the frame, between the fitted padding."""
    (left, _), (right, _) = FIT_PADDING
    return abs((box[0] + box[2]) / 2 - (left + width - right) / 2) <= 6


@pytest.mark.parametrize(("width", "beside"), [(850, True), (620, False)], ids=["wide", "narrow"])
def test_the_city_is_fitted_beside_an_open_legend(
    browser: Browser, map_page: MakePage, width: int, beside: bool
) -> None:
    """The planner's map (the widest legend: 防災・減災 with its coverage rate, at the
    explorer's size on a 1600×1000 screen, then narrower): where the width allows, the
    whole city stands left of the open legend at the zoom it would have without one;
    where it does not, the city keeps that zoom, centred. When the frame grows short,
    the legend folds and the city is centred again; when it grows back, the same."""
    watch = Watch()
    spec = MapSpec(basemap="none", fields=("bousai",), metric="jishubo_rate")
    page, frame = open_map(browser, watch, map_page(spec, "legend-room"), width=width, height=740)
    bare = MapSpec(basemap="none", fields=("bousai",), metric="jishubo_rate", legend="none")
    other, alone = open_map(browser, watch, map_page(bare, "no-legend"), width=width, height=740)
    for height in (740, 500, 740):
        page.evaluate(f"() => document.getElementById('map').style.height = '{height}px'")
        other.evaluate(f"() => document.getElementById('map').style.height = '{height}px'")
        page.wait_for_timeout(400)
        (left, _top, right, _bottom), zoom = frame.evaluate(LEGEND_AND_ZOOM)
        box = frame.evaluate(DRAWN_BOX)
        assert zoom == alone.evaluate("() => " + THE_MAP + ".getZoom()")  # no zoom lost
        if height < 560:  # a short map: the legend folded to its button
            assert frame.locator(".kyodo-legend-body").is_hidden()
            assert _centred(box, width), box
        elif beside:
            assert right - left <= LEGEND_WIDTH[0] + 0.5  # longer entries wrap
            assert box[2] <= left, (box, left)  # the whole city left of the legend
        else:  # beside it, the city would be smaller: it is not moved
            assert box[2] > left and _centred(box, width), (box, left)
    assert js_errors(watch) == []
    other.context.close()
    page.context.close()


#: One area's drawn box (left, top, right, bottom) and the map's zoom and centre.
AREA_BOX = (
    "aid => { const map = " + THE_MAP + "; let r = null;"
    " map.eachLayer(l => { if (l.feature && l.feature.properties.area_id === aid)"
    " r = l._path.getBoundingClientRect(); });"
    " const c = map.getCenter();"
    " return [[r.left, r.top, r.right, r.bottom], map.getZoom(), [c.lat, c.lng]]; }"
)

#: An area chosen elsewhere on the page (the page's list): the map gets the view of the
#: same home with that area selected, as on a rerun.
CHOOSE_ELSEWHERE = (
    "([aid, bounds, room]) => { const map = " + THE_MAP + ";"
    " L.kyodo.view({area: aid, bounds: bounds, home: map.kyodoView.home,"
    " homeBounds: bounds, legend: room}).addTo(map); }"
)


@pytest.mark.parametrize(
    ("width", "area_id", "zoom_in", "moves"),
    [
        (850, "ajisu", 2, True),
        (850, "ato", 2, True),
        (620, "tokuji", 0, True),
        (850, "tokuji", 0, False),
    ],
    ids=["out-of-view", "larger-than-the-room", "under-the-legend", "in-view"],
)
def test_an_area_chosen_elsewhere_comes_clear_of_the_legend(
    browser: Browser,
    map_page: MakePage,
    city: CityData,
    width: int,
    area_id: str,
    zoom_in: int,
    moves: bool,
) -> None:
    """An area picked from the page's list is brought into view as fitted views are:
    clear of the frame's edges, and beside the open legend where that costs no zoom
    (阿東 from the centre zoomed in does not fit beside it: it is shown whole, under
    it), never zoomed in; an area already clear in view leaves the map as it is."""
    watch = Watch()
    spec = MapSpec(basemap="none", fields=("bousai",), metric="jishubo_rate")
    page, frame = open_map(browser, watch, map_page(spec, "chosen"), width=width, height=740)
    if zoom_in:  # the visitor has zoomed in on the centre
        yuda = city.areas.set_index("area_id").geometry["yuda"].representative_point()
        frame.evaluate(
            "([lat, lng, dz]) => { const map = " + THE_MAP + ";"
            " map.setView([lat, lng], map.getZoom() + dz, {animate: false}); }",
            [yuda.y, yuda.x, zoom_in],
        )
        page.wait_for_timeout(300)
    _, zoom, centre = frame.evaluate(AREA_BOX, area_id)
    west, south, east, north = city.areas.set_index("area_id").geometry[area_id].bounds
    bounds = [[south, west], [north, east]]
    frame.evaluate(CHOOSE_ELSEWHERE, [area_id, bounds, LEGEND_ROOM[0]])
    page.wait_for_timeout(800)  # the glide
    box, after, moved_to = frame.evaluate(AREA_BOX, area_id)
    (legend_left, *_), _ = frame.evaluate(LEGEND_AND_ZOOM)
    assert after <= zoom  # never zoomed in
    if not moves:
        assert after == zoom and moved_to == pytest.approx(centre, abs=1e-9)
    (left, top), (right, bottom) = FIT_PADDING
    assert box[0] >= left - 1 and box[1] >= top - 1, box
    assert box[2] <= width - right + 1 and box[3] <= 740 - bottom + 1, box
    if area_id != "ato":
        assert box[2] <= legend_left, (box, legend_left)  # beside the open legend
    assert js_errors(watch) == []
    page.context.close()


def test_the_legend_shows_the_colours_the_map_shows(browser: Browser, map_page: MakePage) -> None:
    watch = Watch()
    page, frame = open_map(browser, watch, map_page(MapSpec(basemap="none"), "colours"))
    seen = frame.evaluate(
        """() => {
      const bg = getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor
        .match(/\\d+/g).map(Number);
      const hex = c => '#' + c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
      return [...document.querySelectorAll('path.kyodo-area')]
        .filter(p => !p.classList.contains('kyodo-gap'))
        .map(p => { const f = p.getAttribute('fill');
                    const a = parseFloat(p.getAttribute('fill-opacity'));
                    const c = [1, 3, 5].map(i => parseInt(f.slice(i, i + 2), 16));
                    return hex(c.map((v, i) => a * v + (1 - a) * bg[i])); }); }"""
    )
    legend = frame.evaluate(
        "() => [...document.querySelectorAll('.kyodo-legend i[data-klass]')].map(i => {"
        " const c = getComputedStyle(i).backgroundColor.match(/\\d+/g).map(Number);"
        " return '#' + c.slice(0, 3).map(v => v.toString(16).padStart(2, '0')).join(''); })"
    )
    assert legend == class_swatches()
    assert seen and set(seen) <= set(legend)
    page.context.close()


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_the_legend_entries_start_in_line(
    browser: Browser, map_page: MakePage, touch: bool
) -> None:
    """Every entry's words start at one line, the gathered groups' (a larger mark) too."""
    watch = Watch()
    spec = MapSpec(basemap="none", touch=touch)
    page, frame = open_map(browser, watch, map_page(spec, f"legend-{touch}"), touch=touch)
    if frame.locator(".kyodo-legend-body").is_hidden():
        frame.locator(".kyodo-legend-toggle").click()
    starts = frame.evaluate(
        "() => [...document.querySelectorAll('.kyodo-legend li')].map(li => {"
        " const r = document.createRange(); r.selectNodeContents(li.lastChild);"
        " return [li.querySelector('.kyodo-swatch-cluster') !== null,"
        "         Math.round(r.getBoundingClientRect().left)]; })"
    )
    assert any(cluster for cluster, _ in starts), starts  # the cluster's entry is there
    assert len({left for _, left in starts}) == 1, starts
    page.context.close()
