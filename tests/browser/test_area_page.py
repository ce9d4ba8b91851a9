"""The area page in a real browser: a direct link, its map (in view without scrolling,
controls behind buttons, so the map shows the area), the PDF download."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from geo.words import text
from tests.browser.conftest import AppServer, Watch, js_errors, open_context, settle
from tests.browser.test_map_browser import UNDER_NOTICE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Frame, Page

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
#: The planner's two screens.
SCREENS = [(1600, 1000), (1366, 768)]

#: Boxes (width, height in the map frame) of the map, its layer control and its legend.
BOXES = """() => {
  const box = s => { const r = document.querySelector(s).getBoundingClientRect();
                     return [r.width, r.height]; };
  return {
    map: box('.leaflet-container'),
    layers: box('.leaflet-control-layers'),
    layersOpen: !!document.querySelector('.leaflet-control-layers-expanded'),
    legend: box('.kyodo-legend'),
  };
}"""
#: Pairs of the controls at the map's foot that overlap (the scale or the offline
#: notice under the sources' lines), as "a/b".
FOOT_OVERLAPS = """() => {
  const parts = ['.leaflet-control-scale', '.kyodo-offline', '.leaflet-control-attribution']
    .map(s => [s, document.querySelector(s)]).filter(([, e]) => e)
    .map(([s, e]) => [s, e.getBoundingClientRect()]);
  const found = [];
  parts.forEach(([a, r], i) => parts.slice(i + 1).forEach(([b, q]) => {
    if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1
        && q.top < r.bottom - 1) { found.push(a + '/' + b); }
  }));
  return found;
}"""
#: Largest side (px) of a control waiting behind its button.
BUTTON_PX = 64


def _map_frame(page: Page) -> Frame:
    handle = page.locator(MAP_FRAME).element_handle(timeout=60_000)
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    return frame


def test_direct_link_shows_the_area_and_downloads_its_sheet(
    app_server: AppServer, page: Page, watch: Watch
) -> None:
    page.goto(f"{app_server.url}/area?area=ajisu")
    page.get_by_role("heading", name="阿知須地域").wait_for(timeout=60_000)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 1
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="印刷用シート（PDF）をダウンロード").click()
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert js_errors(watch) == []


def test_the_back_button_and_the_language_live_in_the_address(
    app_server: AppServer, page: Page, watch: Watch
) -> None:
    href = "() => location.href"
    page.goto(f"{app_server.url}/area?area=湯田")  # an area by its name
    page.get_by_role("heading", name="湯田地域").wait_for(timeout=60_000)
    for name in ("白石", "仁保"):
        page.get_by_label("地域を選ぶ").click()
        page.get_by_role("option", name=name, exact=True).click()
        page.get_by_role("heading", name=f"{name}地域").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search === '?area=niho'", timeout=30_000)
    page.go_back()
    page.get_by_role("heading", name="白石地域").wait_for(timeout=30_000)
    settle(page)
    assert page.evaluate(href).endswith("/area?area=shiraishi")
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Shiraishi").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search === '?area=shiraishi&lang=en'", timeout=30_000)
    assert js_errors(watch) == []


@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("area_id", ["ajisu", "ogori"])
def test_the_map_is_not_hidden_by_its_controls(
    app_server: AppServer, browser: Browser, width: int, height: int, area_id: str
) -> None:
    watch = Watch()
    context = open_context(
        browser, watch=watch, viewport={"width": width, "height": height}, locale="ja-JP"
    )
    page = context.new_page()
    page.goto(f"{app_server.url}/area?area={area_id}")
    settle(page, timeout=90_000)
    frame = _map_frame(page)
    page.wait_for_timeout(800)
    # the whole map in view on opening, without scrolling
    shown = page.locator(MAP_FRAME).bounding_box()
    assert shown is not None and shown["y"] + shown["height"] <= height, shown
    # and the printable sheet's button beside it
    sheet = page.get_by_role("button", name="印刷用シート（PDF）をダウンロード").bounding_box()
    assert sheet is not None and sheet["y"] + sheet["height"] <= height, sheet
    # no base map in the tests: its notice, the scale and the sources all readable
    notice = frame.locator(".kyodo-offline")
    notice.wait_for(timeout=30_000)
    page.wait_for_timeout(300)
    assert frame.evaluate(FOOT_OVERLAPS) == []
    # the notice in words where it covers nothing, else a sign that a click opens
    if notice.get_attribute("aria-expanded") == "true":
        assert notice.evaluate(UNDER_NOTICE) == []
    else:
        notice.click()
        assert notice.get_attribute("aria-expanded") == "true"
        assert notice.inner_text() == "背景地図なし（インターネット未接続）"
        assert notice.evaluate(UNDER_NOTICE) != [], "the note in words would cover the map"
        centre = page.locator(MAP_FRAME).bounding_box()
        assert centre is not None
        page.mouse.move(centre["x"] + centre["width"] / 2, centre["y"] + centre["height"] / 2)
        page.wait_for_timeout(300)  # an area's tooltip opening leaves it open
        assert notice.get_attribute("aria-expanded") == "true"
        notice.click()
    boxes = frame.evaluate(BOXES)
    map_w, map_h = boxes["map"]
    assert not boxes["layersOpen"], "the layers' switches wait behind their button"
    assert max(boxes["layers"]) <= BUTTON_PX, boxes
    assert max(boxes["legend"]) <= 2 * BUTTON_PX, boxes  # the 凡例 button alone
    frame.get_by_role("button", name="凡例").click()
    frame.locator(".leaflet-control-layers").hover()  # Leaflet opens the switches
    page.wait_for_timeout(300)
    opened = frame.evaluate(BOXES)
    assert opened["layersOpen"]
    for part in ("legend", "layers"):
        part_w, part_h = opened[part]
        assert map_h > part_h and map_w > part_w, (part, opened)
    assert js_errors(watch) == []
    context.close()


#: The bottom of an area's outline and the top of the sources' lines, in the frame.
OUTLINE_AND_SOURCES = """aid => {
  let bottom = null;
  map.eachLayer(l => { if (l.feature && l.feature.properties.area_id === aid)
                         bottom = l._path.getBoundingClientRect().bottom; });
  const credits = document.querySelector('.leaflet-control-attribution');
  return [bottom, credits.getBoundingClientRect().top, credits.offsetHeight];
}"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_area_stands_clear_of_the_sources_lines(
    app_server: AppServer, browser: Browser, lang: str
) -> None:
    """徳地 runs to the map's foot, where the sources wrap to three or four lines in a
    1,366-pixel window: the view is fitted above them, however many lines they take."""
    watch = Watch()
    context = open_context(browser, watch=watch, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    suffix = "&lang=en" if lang == "en" else ""
    page.goto(f"{app_server.url}/area?area=tokuji{suffix}")
    settle(page, timeout=90_000)
    frame = _map_frame(page)
    page.wait_for_timeout(800)
    bottom, top, tall = frame.evaluate(OUTLINE_AND_SOURCES, "tokuji")
    assert tall > 48, "the sources take more than the room a view leaves by default"
    assert bottom <= top, (bottom, top)
    assert js_errors(watch) == []
    context.close()


#: Of an area's list in its frame: the cells whose text runs past their edge, the
#: tallest row's height over one line's, and, once the frame is scrolled, how far its
#: header stands from the frame's top.
LIST_LAYOUT = """frame => {
  const table = frame.querySelector('table');
  const cells = [...table.querySelectorAll('td, th')];
  const cut = cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText);
  const line = parseFloat(getComputedStyle(table.querySelector('td')).lineHeight);
  const tallest = Math.max(...[...table.querySelectorAll('tbody tr')]
    .map(r => r.getBoundingClientRect().height));
  frame.scrollTop = 600;
  const head = table.querySelector('thead th').getBoundingClientRect().top;
  return [cut, tallest / line, head - frame.getBoundingClientRect().top];
}"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_lists_wrap_and_keep_their_header_in_view(
    app_server: AppServer, browser: Browser, lang: str
) -> None:
    """湯田's lists (52 associations, 68 groups): no text cut (the English fields were,
    on one line in the grid), and the header in view as the list scrolls in its frame."""
    watch = Watch()
    context = open_context(browser, watch=watch, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    suffix = "&lang=en" if lang == "en" else ""
    page.goto(f"{app_server.url}/area?area=yuda{suffix}")
    page.get_by_role("heading", name="Yuda" if lang == "en" else "湯田地域").wait_for(
        timeout=90_000
    )
    settle(page, timeout=90_000)
    for key in ("associations", "civic-groups"):
        frame = page.locator(f".st-key-area-list-{key}")
        frame.locator("table").wait_for(timeout=30_000)
        frame.scroll_into_view_if_needed()
        box = frame.bounding_box()
        assert box is not None and box["height"] < 700, box  # it scrolls in its frame
        cut, lines, head = frame.evaluate(LIST_LAYOUT)
        assert cut == [], cut
        assert lines >= 1.9, "a long list of fields wraps"
        assert abs(head) <= 2, head
        # a named region the keyboard scrolls (axe: scrollable-region-focusable)
        name = text(f"area.list.{key.replace('-', '_')}", lang)
        assert frame.get_attribute("role") == "region"
        assert frame.get_attribute("aria-label") == name
        frame.evaluate("f => f.scrollTop = 0")
        frame.focus()
        page.keyboard.press("PageDown")
        page.wait_for_function(
            "k => document.querySelector('.st-key-area-list-' + k).scrollTop > 100", arg=key
        )
    # printed from the browser, each list shows whole
    page.emulate_media(media="print")
    for key in ("associations", "civic-groups"):
        whole = "f => f.clientHeight >= f.scrollHeight - 1"
        assert page.locator(f".st-key-area-list-{key}").evaluate(whole), key
    assert js_errors(watch) == []
    context.close()


def test_the_offline_notice_is_placed_once_the_map_s_styles_arrive(
    app_server: AppServer, browser: Browser
) -> None:
    """The notice was measured as soon as it was added, and again only when the map
    moved: where the map's style sheets came late, it was measured where it stood then
    (below the map, not yet in its corner), found over no area, and stayed open in words
    over 阿知須."""
    context = open_context(
        browser, watch=Watch(), viewport={"width": 1366, "height": 768}, locale="ja-JP"
    )
    page = context.new_page()
    # every request from the network slow: the tiles, refused on this machine, fail at
    # once, before the map's style sheets arrive
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto(f"{app_server.url}/area?area=ajisu")
    settle(page, timeout=90_000)
    frame = _map_frame(page)
    notice = frame.locator(".kyodo-offline")
    notice.wait_for(timeout=30_000)
    page.wait_for_timeout(2_000)
    assert notice.get_attribute("aria-expanded") == "false"
    assert notice.evaluate(UNDER_NOTICE) == []
    context.close()


#: Each subheading's text (its line box) and the top of what follows it on the page.
HEADINGS = """() => [...document.querySelectorAll('[data-testid=stMainBlockContainer] h3')]
  .map(h => {
    const own = h.closest('[data-testid=stElementContainer]');
    let next = own.nextElementSibling;
    while (next && next.getBoundingClientRect().height === 0) { next = next.nextElementSibling; }
    const line = document.createRange();
    line.selectNodeContents(h);
    const text = line.getBoundingClientRect();
    return [h.textContent, text.bottom, next ? next.getBoundingClientRect().top : null];
  })"""


def test_subheadings_stand_clear_of_what_follows(app_server: AppServer, page: Page) -> None:
    """A section's heading is not drawn over its table or its caption (Streamlit pulls what
    follows a heading up by the heading's own bottom padding)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_server.url}/area?area=ajisu")
    page.locator("[data-testid=stTable] table").first.wait_for(timeout=60_000)
    settle(page)
    headings = page.evaluate(HEADINGS)
    assert [h for h in headings if h[0] == "主な数値"], headings
    crowded = [h for h in headings if h[2] is not None and h[2] < h[1] + 2]
    assert crowded == [], crowded


#: The bottom of the title's text and the top of the sample notice below it.
TITLE = """() => {
  const line = document.createRange();
  line.selectNodeContents(document.querySelector('[data-testid=stMainBlockContainer] h1'));
  return [line.getBoundingClientRect().bottom,
          document.querySelector('[data-testid=stAlert]').getBoundingClientRect().top];
}"""


@pytest.mark.parametrize("width,height", [(1366, 768), (1600, 1000)])
def test_the_title_stands_clear_of_the_notice_below(
    app_server: AppServer, page: Page, width: int, height: int
) -> None:
    """The area's name, bottom-aligned beside the picker, is not drawn over the sample
    notice (its descenders touched it: 「Ajisu」)."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_server.url}/area?area=ajisu")
    page.locator("[data-testid=stAlert]").first.wait_for(timeout=60_000)
    settle(page)
    title_bottom, notice_top = page.evaluate(TITLE)
    assert notice_top >= title_bottom + 2, (title_bottom, notice_top)


#: On a phone: page links whose words are cut, tables whose always-shown toolbar covers
#: what is above them, and the header's background once the page has scrolled.
PHONE_PAGE = """() => {
  const cut = [...document.querySelectorAll('[data-testid=stPageLink-NavLink] p')]
    .filter(p => p.scrollWidth > p.clientWidth + 1 || p.getBoundingClientRect().right > innerWidth)
    .map(p => p.textContent);
  const covering = [...document.querySelectorAll('[data-testid=stElementToolbar]')]
    .filter(t => getComputedStyle(t).opacity !== '0').map(t => {
      const box = t.closest('[data-testid=stElementContainer]');
      let above = box.previousElementSibling;
      while (above && !above.getBoundingClientRect().height) {
        above = above.previousElementSibling;
      }
      return above ? above.getBoundingClientRect().bottom - t.getBoundingClientRect().top : -1;
    }).filter(over => over > 0);
  return {cut, covering};
}"""
#: The width of the evacuation sites' first column (名称), and of a character.
SITE_NAMES = """() => {
  const table = [...document.querySelectorAll('[data-testid=stTable] table')].find(t =>
    [...t.querySelectorAll('thead th')].some(th =>
      th.textContent.replaceAll('\u2060', '') === '対象とする災害'));
  const cell = table.querySelector('thead th');
  return {width: cell.getBoundingClientRect().width,
          em: parseFloat(getComputedStyle(table).fontSize)};
}"""
HEADER_BACKGROUND = (
    "() => getComputedStyle(document.querySelector('[data-testid=stHeader]')).backgroundColor"
)


def test_on_a_phone_links_wrap_toolbars_have_room_and_the_header_is_solid(
    app_server: AppServer, browser: Browser
) -> None:
    """At 390 px 「この地域の空白・少ない・要注意の分野の連携先候補」 was cut at the edge,
    each table's toolbar (always shown on a touch screen) covered the line above it, and
    text scrolled under the header's buttons showed through them."""
    watch = Watch()
    context = open_context(
        browser,
        watch=watch,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="ja-JP",
    )
    page = context.new_page()
    page.goto(f"{app_server.url}/area?area=yuda")
    page.locator("[data-testid=stPageLink-NavLink]").first.wait_for(timeout=60_000)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    settle(page)
    found = page.evaluate(PHONE_PAGE)
    assert found == {"cut": [], "covering": []}, found
    assert page.evaluate(HEADER_BACKGROUND) == "rgba(0, 0, 0, 0)"  # at the top: clear
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 1200)")
    page.wait_for_timeout(300)
    assert page.evaluate(HEADER_BACKGROUND) == "rgb(255, 255, 255)"
    # the evacuation sites' names are read in lines of several characters: their
    # table scrolls sideways rather than squeeze its four columns into the screen
    names = page.evaluate(SITE_NAMES)
    assert names["width"] >= 6 * names["em"], names
    assert js_errors(watch) == []
    context.close()
