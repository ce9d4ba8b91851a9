"""The kiosk on a touch screen: every screen as a visitor meets it, landscape and portrait.

No way out (every anchor in every frame stays on the kiosk's address, nothing opens a
window or a menu), touch-sized targets and large text in every frame, nothing wider
than a portrait screen, taps, the kana keyboard, the idle reset, refused pages,
privacy, and the QR code: its address opens the same field and area on a phone, and
without ``KYODO_PUBLIC_URL`` there is no code at all (and one warning in the log).
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ARTIFACTS,
    AppServer,
    Watch,
    js_errors,
    open_context,
    settle,
    start_app,
    stop_app,
)
from tests.browser.test_map_browser import NO_LEADER_PROBLEMS, UNDER_NOTICE, leader_problems
from tests.test_kiosk import PRIVATE, with_private_org

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page, Response, WebSocket

pytestmark = pytest.mark.browser

IDLE_SECONDS = 15
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
PHONE = {"width": 390, "height": 844}
MIN_TARGET = 48
MIN_TEXT = 20
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
ASK = "受付でお声がけください"
CENTER_TEL = "083-901-1166"
NO_QR_WARNING = "KYODO_PUBLIC_URL is not set"


@pytest.fixture(scope="module")
def kiosk_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return with_private_org(tmp_path_factory.mktemp("kiosk"))


@pytest.fixture(scope="module")
def kiosk_server(kiosk_data: Path) -> Iterator[AppServer]:
    """The kiosk as ``make kiosk`` runs it, without a public address (no QR code)."""
    server = start_app(
        {
            "KYODO_KIOSK": "1",
            "KYODO_KIOSK_IDLE_SECONDS": str(IDLE_SECONDS),
            "KYODO_DATA_DIR": str(kiosk_data),
            "KYODO_PUBLIC_URL": "",
        },
        name="kiosk",
    )
    yield server
    stop_app(server)


@pytest.fixture(scope="module")
def public_server(kiosk_data: Path) -> Iterator[AppServer]:
    """The public app phones reach (``KYODO_PUBLIC_VIEW``)."""
    server = start_app({"KYODO_PUBLIC_VIEW": "1", "KYODO_DATA_DIR": str(kiosk_data)}, name="public")
    yield server
    stop_app(server)


@pytest.fixture(scope="module")
def qr_kiosk(kiosk_data: Path, public_server: AppServer) -> Iterator[AppServer]:
    """A kiosk whose QR codes open ``public_server``."""
    server = start_app(
        {
            "KYODO_KIOSK": "1",
            "KYODO_DATA_DIR": str(kiosk_data),
            "KYODO_PUBLIC_URL": public_server.url + "/",
        },
        name="kiosk-qr",
    )
    yield server
    stop_app(server)


def touch_page(browser: Browser, watch: Watch, viewport: dict[str, int]) -> Page:
    context = open_context(
        browser, watch=watch, viewport=viewport, has_touch=True, is_mobile=False, locale="ja-JP"
    )
    page = context.new_page()
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    return page


def wait_for_map(page: Page) -> None:
    page.frame_locator(MAP_FRAME).first.locator("path.kyodo-area").first.wait_for(timeout=60_000)
    settle(page)


def in_frames(page: Page, script: str, arg: object = None) -> list[str]:
    """``script`` (a function of ``arg`` returning a list of strings) run in every frame."""
    found: list[str] = []
    for frame in page.frames:
        with contextlib.suppress(Exception):  # a frame that went away meanwhile
            found += [f"{frame.url[:60]}: {item}" for item in frame.evaluate(script, arg)]
    return found


def small_targets(page: Page) -> list[str]:
    """Things meant for tapping, in every frame, smaller than 48 px."""
    settle(page)
    return in_frames(
        page,
        """(min) => Array.from(document.querySelectorAll(
              'button, [role=button], input, select, [role=option], a[href],'
              + ' .leaflet-control a, .leaflet-control button, .leaflet-control label'))
            .filter(e => e.offsetParent !== null || e.getClientRects().length)
            .map(e => [e, e.getBoundingClientRect()])
            // 1-px elements are visually hidden (the skip link for screen readers);
            // a checkbox or radio counts with its label
            .filter(([e, r]) => r.width > 1 && r.height > 1
                     && !(e.type === 'checkbox' || e.type === 'radio')
                     && (r.width < min || r.height < min))
            .map(([e, r]) => {
              const name = (e.innerText || e.getAttribute('aria-label') || '').slice(0, 30);
              return `${e.tagName} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`;
            })""",
        MIN_TARGET,
    )


def small_text(page: Page) -> list[str]:
    """Visible text, in every frame, set smaller than 20 px."""
    return in_frames(
        page,
        """(min) => {
            const out = [];
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              const e = n.parentElement, text = n.textContent.trim();
              if (!e || !text) continue;
              const r = e.getBoundingClientRect(), s = getComputedStyle(e);
              if (r.width <= 1 || r.height <= 1 || s.visibility === 'hidden'
                  || s.display === 'none' || e.closest('[aria-hidden=true]')) continue;
              if (e.closest('style, script, noscript')) continue;
              const px = parseFloat(s.fontSize);
              if (px < min) out.push(`${e.tagName} "${text.slice(0, 30)}" ${px}px`);
            }
            return out;
        }""",
        MIN_TEXT,
    )


def ways_out(page: Page, origin: str) -> list[str]:
    """Anchors in any frame that leave the kiosk's origin or open a window, and frames
    where ``window.open`` would open one."""
    anchors = in_frames(
        page,
        """(origin) => Array.from(document.querySelectorAll('a, area, form'))
            .filter(a => a.hasAttribute('href') || a.hasAttribute('action')
                         || a.hasAttribute('target'))
            .filter(a => {
              const raw = a.getAttribute('href') || a.getAttribute('action') || '';
              let url;
              try { url = new URL(raw, document.baseURI); } catch (e) { return true; }
              const target = (a.getAttribute('target') || '').toLowerCase();
              return url.origin !== origin || (target !== '' && target !== '_self');
            })
            .map(a => a.outerHTML.slice(0, 120))""",
        origin,
    )
    openers = in_frames(
        page,
        """() => { const w = window.open('about:blank#kyodo-test');
                  if (w) { w.close(); return ['window.open opened a window']; }
                  return []; }""",
    )
    return anchors + openers


def menus_blocked(page: Page) -> list[str]:
    """Frames where a context menu (right click or long press) would open."""
    return in_frames(
        page,
        """() => {
            const e = new MouseEvent('contextmenu', {bubbles: true, cancelable: true});
            const target = document.querySelector('button, path, p, img') || document.body;
            return target.dispatchEvent(e) ? ['context menu not blocked'] : [];
        }""",
    )


def too_wide(page: Page) -> list[str]:
    """Elements reaching past the right edge of the viewport (in the page itself)."""
    found: list[str] = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getClientRects().length && getComputedStyle(e).position !== 'fixed')
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([e, r]) => r.width > 0 && r.right > width + 1)
              .map(([e, r]) => `${e.tagName}.${e.className} right=${Math.round(r.right)}`)
              .slice(0, 10);
        }"""
    )
    return found


# --- the screens -----------------------------------------------------------------------------


def tap(page: Page, name: str, *, exact: bool = False) -> None:
    page.get_by_role("button", name=name, exact=exact).first.tap()
    settle(page)


def tap_entry(page: Page, name: str) -> None:
    """Tap the list entry named ``name``, tapping 「もっと見る」 until it is shown.

    The list may still be drawn (or drawn again by a rerun) when this is called, so
    each look waits for the script run to end, and 「もっと見る」 is tapped only when
    it is there.
    """
    entry = page.locator(".st-key-kiosk-list button", has_text=name).first
    more = page.locator(".st-key-kiosk-more button")
    for _ in range(40):
        settle(page)
        if entry.count():
            break
        if more.count():
            more.first.tap()
    else:
        raise AssertionError(f"{name} is not in the kiosk's list")
    entry.tap()


def area_point(page: Page, area_id: str) -> tuple[float, float]:
    """A point of the page inside the area ``area_id`` on the map, where a tap lands on it."""
    frame = page.frame_locator(MAP_FRAME).first
    found = frame.locator(".leaflet-container").evaluate(
        """(e, id) => {
            let path = null;
            window.map.eachLayer(l => {
              if (l.feature && l.feature.properties && l.feature.properties.area_id === id
                  && l._path) { path = l._path; }
            });
            if (!path) return null;
            const r = path.getBoundingClientRect();
            for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
              const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
              if (document.elementFromPoint(x, y) === path) return [x, y];
            }
            return null;
        }""",
        area_id,
    )
    assert found, f"no tappable point of {area_id} on the map"
    box = page.locator(MAP_FRAME).first.bounding_box()
    assert box is not None
    return box["x"] + found[0], box["y"] + found[1]


def attract(page: Page) -> None:
    page.get_by_text("画面にタッチしてください").wait_for(timeout=60_000)
    wait_for_map(page)


@contextlib.contextmanager
def at_attract(server: AppServer, browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    """A fresh touch tab on the kiosk's attract screen; no script error by the end."""
    watch = Watch()
    page = touch_page(browser, watch, viewport)
    page.goto(server.url)
    attract(page)
    yield page
    assert js_errors(watch) == []
    page.context.close()


def field(page: Page) -> None:
    tap(page, "分野から探す")
    page.get_by_role("heading", name="分野を選んでください").wait_for()


def area(page: Page) -> None:
    tap(page, "地域から探す")
    wait_for_map(page)


def results(page: Page) -> None:
    tap(page, "分野から探す")
    tap(page, "子育て支援")
    area(page)
    tap(page, "湯田", exact=True)
    page.get_by_role("heading", name="湯田・子育て支援").wait_for(timeout=30_000)
    wait_for_map(page)


def group(page: Page) -> None:
    results(page)
    page.locator(".st-key-kiosk-list button").first.tap()
    page.get_by_text(ASK).wait_for(timeout=30_000)
    settle(page)


def search(page: Page) -> None:
    tap(page, "名前から探す")
    keyboard = page.locator(".st-key-kiosk-keyboard")
    keyboard.wait_for(timeout=30_000)
    page.wait_for_timeout(300)  # (a busy machine may still be starting the run it drew)
    settle(page)
    typed = page.get_by_role("textbox")
    word = "ふれあい"
    for n, kana in enumerate(word, start=1):
        keyboard.get_by_role("button", name=kana, exact=True).tap()
        # the next key once this one shows in the box (taps within one rerun are
        # handled together, not in the order they came)
        expect(typed).to_have_value(word[:n], timeout=30_000)
        settle(page)
    page.get_by_text(f"「{word}」を含む団体").wait_for(timeout=30_000)


SCREENS: dict[str, Callable[[Page], None]] = {
    "attract": lambda page: None,
    "field": field,
    "area": area,
    "results": results,
    "group": group,
    "search": search,
}


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_screen_is_safe_and_touch_sized(
    kiosk_server: AppServer,
    browser: Browser,
    screen: str,
    viewport: dict[str, int],
    request: pytest.FixtureRequest,
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, viewport)
    page.goto(kiosk_server.url)
    attract(page)
    SCREENS[screen](page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(kiosk_server.url))
    assert ways_out(page, origin) == []
    assert menus_blocked(page) == []
    assert small_targets(page) == []
    assert small_text(page) == []
    if viewport is PORTRAIT:
        assert too_wide(page) == []
    assert not page.locator(".st-key-kiosk-qr").count(), "no public address, no QR code"
    assert len(page.context.pages) == 1
    assert js_errors(watch) == []
    page.context.close()


def test_no_qr_code_and_one_warning_without_a_public_address(
    kiosk_server: AppServer, browser: Browser
) -> None:
    for _ in range(2):  # two visitors, the same server process
        watch = Watch()
        page = touch_page(browser, watch, LANDSCAPE)
        page.goto(kiosk_server.url)
        attract(page)
        group(page)
        assert page.locator("img[src^='data:image/svg+xml']").count() == 0
        page.context.close()
    log = kiosk_server.log.read_text(encoding="utf-8", errors="replace")
    assert log.count(NO_QR_WARNING) == 1


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_tap_a_field_and_an_area_and_see_details(
    kiosk_server: AppServer,
    browser: Browser,
    viewport: dict[str, int],
    request: pytest.FixtureRequest,
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, viewport)
    page.goto(kiosk_server.url)
    attract(page)
    tap(page, "分野から探す")
    tap(page, "防災・減災")
    area(page)  # (the area buttons below the map once it is drawn)
    tap(page, "湯田", exact=True)
    page.get_by_role("heading", name="湯田・防災・減災").wait_for(timeout=30_000)
    page.get_by_text("湯田に拠点がある団体").wait_for()
    container = page.frame_locator(MAP_FRAME).first.locator(".leaflet-container")
    container.wait_for(timeout=30_000)
    # one finger scrolls the page: the map does not take single-finger drags
    assert "leaflet-touch-drag" not in (container.get_attribute("class") or "")
    tap_entry(page, "テスト防災ネット")
    page.get_by_text(ASK).wait_for(timeout=30_000)
    assert CENTER_TEL not in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    assert js_errors(watch) == []
    page.context.close()


#: Labels of the need tiles broken inside a word: the text around each line break
#: whose line does not end after a 中黒 or a space.
TILES_BROKEN_IN_WORDS = """() => [...document.querySelectorAll('.st-key-kiosk-tiles button')]
  .map(b => [...b.querySelectorAll('p')].pop()).filter(Boolean).flatMap(p => {
    const text = p.firstChild && p.firstChild.nodeType === 3 ? p.firstChild : null;
    if (!text) { return []; }
    const s = text.data, range = document.createRange(), out = [];
    let top = null;
    for (let i = 0; i < s.length; i++) {
      range.setStart(text, i); range.setEnd(text, i + 1);
      const r = range.getClientRects()[0];
      if (!r) { continue; }
      if (top !== null && r.top > top + 2 && !'・ '.includes(s[i - 1])) {
        out.push(s.slice(0, i) + '|' + s.slice(i));
      }
      top = r.top;
    }
    return out;
  })"""


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_need_tiles_break_only_between_words(
    kiosk_server: AppServer, browser: Browser, viewport: dict[str, int]
) -> None:
    """「高齢者の見守｜り・福祉」 and 「移動支援・買い｜物支援」 broke inside a word."""
    with at_attract(kiosk_server, browser, viewport) as page:
        assert page.locator(".st-key-kiosk-tiles button").count() == 8
        assert page.evaluate(TILES_BROKEN_IN_WORDS) == []


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_first_screen_is_seen_whole(
    kiosk_server: AppServer, browser: Browser, viewport: dict[str, int]
) -> None:
    """A visitor sees the map, the three ways in and every need's tile without
    scrolling: the page's scripts take no room above the title."""
    with at_attract(kiosk_server, browser, viewport) as page:
        title = page.get_by_role("heading", name="山口市 協働まちづくりマップ").bounding_box()
        assert title is not None and title["y"] < 60, title
        for tile in page.locator(".st-key-kiosk-tiles button").all():
            box = tile.bounding_box()
            assert box is not None and box["y"] + box["height"] <= viewport["height"], box


#: Keys of the name search whose label takes more than one line.
WRAPPED_KEYS = """() => [...document.querySelectorAll(
    '.st-key-kiosk-keyboard button, .st-key-kiosk-index button')].filter(b => {
  const p = b.querySelector('p');
  return p && p.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(p).fontSize);
}).map(b => b.innerText.replace(/\\s+/g, ' '))"""


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_key_of_the_name_search_reads_on_one_line(
    kiosk_server: AppServer, browser: Browser, viewport: dict[str, int], lang: str
) -> None:
    """「1字消す」, 「全部消す」 and 「漢字・英数字」 broke as 「1字消｜す」 and 「漢字・英数｜字」,
    their keys taller than the rest of the grid."""
    with at_attract(kiosk_server, browser, viewport) as page:
        if lang == "en":
            tap(page, "English")
        tap(page, "名前から探す" if lang == "ja" else "Find by name")
        page.locator(".st-key-kiosk-keyboard").wait_for()
        assert page.evaluate(WRAPPED_KEYS) == []
        heights = page.locator(".st-key-kiosk-keyboard button").evaluate_all(
            "bs => bs.map(b => Math.round(b.getBoundingClientRect().height))"
        )
        assert max(heights) - min(heights) <= 1


def test_keys_tapped_quickly_all_count(kiosk_server: AppServer, browser: Browser) -> None:
    """A key tapped before the box showed the previous key's letter sent the box's old
    text with it, which undid that letter: 「ふれあい」 tapped in quick pairs became
    「れい」 or 「れあい」."""
    with at_attract(kiosk_server, browser, LANDSCAPE) as page:
        tap(page, "名前から探す")
        keyboard = page.locator(".st-key-kiosk-keyboard")
        keyboard.wait_for()
        typed = page.get_by_role("textbox")
        for _ in range(3):
            tap(page, "全部消す")
            expect(typed).to_have_value("", timeout=30_000)
            done = ""
            for pair in ("ふれ", "あい"):
                first, second = (
                    keyboard.get_by_role("button", name=pair[0], exact=True),
                    (keyboard.get_by_role("button", name=pair[1], exact=True)),
                )
                first.tap()
                page.wait_for_timeout(60)  # a quick finger, before the page has answered
                second.tap()
                done += pair
                expect(typed).to_have_value(done, timeout=30_000)
                settle(page)
        page.get_by_text("「ふれあい」を含む団体").wait_for(timeout=30_000)


#: Each name, how far (px) its box stands from its area's point, the names' height and
#: whether it is shown.
NAME_GAPS = """e => {
  const m = window.map, out = [];
  m.eachLayer(l => (l._items || []).forEach(it => {
    const p = m.latLngToLayerPoint(it.at), at = L.DomUtil.getPosition(it.el);
    const dx = Math.max(at.x - p.x, 0, p.x - at.x - it.w);
    const dy = Math.max(at.y - p.y, 0, p.y - at.y - it.h);
    const r = it.el.getBoundingClientRect();
    const shown = getComputedStyle(it.el).visibility === 'visible' && r.width > 0;
    out.push([it.el.querySelector('.kyodo-label-name').textContent, Math.hypot(dx, dy), it.h,
              shown]);
  }));
  return out;
}"""


#: (viewport, language, screen, farthest a name may stand from its area's point, in name
#: heights). English names are wider, and a landscape screen's map is shorter.
NEAR_PAGES = [
    pytest.param(PORTRAIT, "ja", "attract", 1.5, id="portrait-ja-attract"),
    pytest.param(PORTRAIT, "ja", "field results", 1.5, id="portrait-ja-field"),
    pytest.param(PORTRAIT, "en", "attract", 1.5, id="portrait-en-attract"),
    pytest.param(LANDSCAPE, "ja", "attract", 1.5, id="landscape-ja-attract"),
    pytest.param(LANDSCAPE, "ja", "field results", 1.5, id="landscape-ja-field"),
    pytest.param(LANDSCAPE, "en", "attract", 2.5, id="landscape-en-attract"),
    pytest.param(LANDSCAPE, "en", "field results", 2.5, id="landscape-en-field"),
]


@pytest.mark.parametrize(("viewport", "lang", "screen", "limit"), NEAR_PAGES)
def test_the_city_s_names_stand_by_their_areas(
    kiosk_server: AppServer,
    browser: Browser,
    viewport: dict[str, int],
    lang: str,
    screen: str,
    limit: float,
) -> None:
    """With every name and count at arm's-length size the city's map is crowded: each
    name still finds room on or right beside its area, not a long leader line away over
    other areas (the portrait maps take the screen's height; a name placed far out is
    brought nearer once all are placed). Every name is shown, and a name moved further
    off its point than it is high is tied to it by a line that ends in a dot there."""
    with at_attract(kiosk_server, browser, viewport) as page:
        if lang == "en":
            tap(page, "English")
            names = page.frame_locator(MAP_FRAME).first.locator(".kyodo-label-name")
            names.get_by_text("Yuda", exact=True).wait_for(timeout=30_000)
            settle(page)
        if screen == "field results":
            tap(page, "分野から探す" if lang == "ja" else "Find by field")
            tap(page, "子育て支援" if lang == "ja" else "Child-rearing support")
            heading = (
                "市内全域・子育て支援" if lang == "ja" else "Child-rearing support — the whole city"
            )
            page.get_by_role("heading", name=heading).wait_for(timeout=30_000)
            wait_for_map(page)
        container = page.frame_locator(MAP_FRAME).first.locator(".leaflet-container")
        gaps = container.evaluate(NAME_GAPS)
        assert len(gaps) == 21
        assert [name for name, _, _, shown in gaps if not shown] == []
        far = [(name, round(gap)) for name, gap, height, _ in gaps if gap > limit * height]
        assert far == []
        assert leader_problems(container.locator(".kyodo-labels")) == NO_LEADER_PROBLEMS


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_offline_notice_leaves_the_city_in_view(
    kiosk_server: AppServer, browser: Browser, viewport: dict[str, int]
) -> None:
    with at_attract(kiosk_server, browser, viewport) as page:
        notice = page.frame_locator(MAP_FRAME).first.locator(".kyodo-offline")
        notice.wait_for(timeout=30_000)  # no base map in the tests: the tiles fail
        settle(page)
        assert "背景地図なし" in notice.inner_text()
        assert notice.evaluate(UNDER_NOTICE) == []


#: The offline notice's state: (shrunk to its sign, aria-expanded, box width, the zoom
#: buttons' width, its text as read).
NOTICE_STATE = """e => {
  const bar = document.querySelector('.leaflet-control-zoom').getBoundingClientRect();
  return [e.classList.contains('kyodo-offline-small'), e.getAttribute('aria-expanded'),
          Math.round(e.getBoundingClientRect().width), Math.round(bar.width), e.innerText];
}"""


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_on_an_area_the_offline_notice_is_a_sign_that_opens(
    kiosk_server: AppServer, browser: Browser, viewport: dict[str, int]
) -> None:
    with at_attract(kiosk_server, browser, viewport) as page:
        page.touchscreen.tap(*area_point(page, "yuda"))
        page.get_by_role("heading", name="湯田・すべての分野").wait_for(timeout=30_000)
        wait_for_map(page)
        notice = page.frame_locator(MAP_FRAME).first.locator(".kyodo-offline")
        notice.wait_for(timeout=30_000)  # no base map in the tests: the tiles fail
        settle(page)
        # on the area's shape the note would cover it: a sign as wide as the buttons
        small, expanded, width, bar, _ = notice.evaluate(NOTICE_STATE)
        assert (small, expanded) == (True, "false")
        assert width == bar
        assert notice.get_attribute("type") == "button"
        assert notice.get_attribute("title") == "背景地図なし（インターネット未接続）"
        notice.tap()  # opens the note, in words
        small, expanded, width, bar, text = notice.evaluate(NOTICE_STATE)
        assert (small, expanded, text) == (False, "true", "背景地図なし（インターネット未接続）")
        assert width > bar and notice.get_attribute("title") is None
        notice.tap()
        assert notice.evaluate(NOTICE_STATE)[:2] == [True, "false"]


def test_a_tap_on_the_map_chooses_the_area_and_the_map_stays(
    kiosk_server: AppServer, browser: Browser
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url)
    attract(page)
    frame = page.frame_locator(MAP_FRAME).first
    # every name is on the map, and the area's shape takes the tap
    assert frame.locator(".kyodo-label").count() == 21
    page.touchscreen.tap(*area_point(page, "yuda"))
    page.get_by_role("heading", name="湯田・すべての分野").wait_for(timeout=30_000)
    wait_for_map(page)
    # mark the map's window: a reloaded map would lose the mark
    zoom = frame.locator(".leaflet-container").evaluate(
        "e => { window.__kyodoMark = true; return window.map.getZoom(); }"
    )
    page.touchscreen.tap(*area_point(page, "hirakawa"))
    page.get_by_role("heading", name="平川・すべての分野").wait_for(timeout=30_000)
    settle(page)
    # the same map, not reloaded, and not zoomed away
    assert frame.locator(".leaflet-container").evaluate(
        "e => [window.__kyodoMark === true, window.map.getZoom()]"
    ) == [True, zoom]
    assert js_errors(watch) == []
    page.context.close()


#: (the kiosk's address, what its attract screen says): a kiosk whose address names
#: English starts every visitor in English, after an idle reset too.
HOME_LANGUAGES = [
    pytest.param("", "画面にタッチしてください", id="ja"),
    pytest.param("?lang=en", "Touch the screen to start", id="en"),
]


@pytest.mark.parametrize(("query", "prompt"), HOME_LANGUAGES)
def test_idle_timeout_returns_to_the_attract_screen(
    kiosk_server: AppServer, browser: Browser, query: str, prompt: str
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url + query)
    page.get_by_text(prompt).wait_for(timeout=60_000)
    if query:  # the visitor switches to Japanese: the next one starts in English again
        tap(page, "日本語", exact=True)
        page.get_by_text("画面にタッチしてください").wait_for(timeout=30_000)
    page.get_by_role("button", name="地域から探す").first.tap(timeout=60_000)
    page.get_by_role("button", name="阿知須", exact=True).tap()
    page.get_by_role("heading", name="阿知須・すべての分野").wait_for(timeout=30_000)
    page.wait_for_timeout((IDLE_SECONDS + 4) * 1000)
    page.get_by_text(prompt).wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="阿知須・すべての分野").count() == 0
    page.context.close()


@pytest.mark.parametrize(
    "path", ["/matrix", "/area?area=yuda", "/explorer", "/import", "/edit", "/view?org=cg-9999"]
)
def test_other_pages_are_refused(kiosk_server: AppServer, browser: Browser, path: str) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url + path)
    page.get_by_text("画面にタッチしてください").wait_for(timeout=60_000)
    body = page.inner_text("body")
    for marker in ("カバー状況", "主な数値", "取り込み", "団体の編集", "絞り込み", CENTER_TEL):
        assert marker not in body
    page.context.close()


def test_private_fields_never_reach_the_browser(kiosk_server: AppServer, browser: Browser) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    frames: list[bytes] = []

    def on_socket(ws: WebSocket) -> None:
        ws.on(
            "framereceived",
            lambda payload: frames.append(
                payload if isinstance(payload, bytes) else str(payload).encode()
            ),
        )

    bodies: list[bytes] = []

    def on_response(response: Response) -> None:
        # redirects and aborted requests have no body
        with contextlib.suppress(Exception):
            bodies.append(response.body())

    page.on("websocket", on_socket)
    page.on("response", on_response)
    page.goto(kiosk_server.url)
    page.get_by_role("button", name="名前から探す").first.tap(timeout=60_000)
    page.get_by_role("textbox").fill("テスト防災")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="テスト防災ネット").tap(timeout=30_000)
    page.get_by_text(ASK).wait_for(timeout=30_000)
    page.get_by_role("button", name="分野から探す").first.tap()
    page.get_by_role("button", name="防災・減災").tap()
    wait_for_map(page)
    html = page.content().encode()
    frame_html = b"".join(f.content().encode() for f in page.frames)
    captured = b"\n".join([html, frame_html, *bodies, *frames])
    assert "テスト防災ネット".encode() in captured  # the organisation itself did reach it
    for value in PRIVATE.values():
        assert value.encode() not in captured, value
    page.context.close()


def test_hostile_names_stay_text(kiosk_server: AppServer, browser: Browser) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(kiosk_server.url)
    page.get_by_role("button", name="名前から探す").first.tap(timeout=60_000)
    page.get_by_role("textbox").fill("悪意")
    page.keyboard.press("Enter")
    button = page.get_by_role("button", name="悪意", exact=False)
    button.first.wait_for(timeout=30_000)
    assert "**太字**" in button.first.inner_text()
    button.first.tap()
    page.get_by_text(ASK).wait_for(timeout=30_000)
    heading = page.get_by_role("heading", level=2).filter(has_text="悪意").first.inner_text()
    heading = heading.replace("\u2060", "")  # word joiners keep addresses from being linked
    assert "![t](http://evil.example/t.png)" in heading
    assert "<img src=x onerror=alert(1)>" in heading
    settle(page)
    page.get_by_role("button", name="分野から探す").first.tap()
    page.get_by_role("button", name="防災・減災").tap()
    wait_for_map(page)
    assert dialogs == []
    assert not [u for u in watch.blocked if "evil.example" in u]
    assert js_errors(watch) == []
    page.context.close()


# --- the QR code -----------------------------------------------------------------------------


def shown_qr(page: Page) -> str:
    """The SVG of the QR code on the screen."""
    src = page.locator(".st-key-kiosk-qr img").first.get_attribute("src") or ""
    assert src.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(src.split(",", 1)[1]).decode()


def encodes(svg: str, url: str) -> bool:
    from ui.kiosk import qr_svg

    return qr_svg(url).split(' d="', 1)[1] in svg


def test_the_qr_code_opens_the_same_field_and_area_on_a_phone(
    qr_kiosk: AppServer, public_server: AppServer, browser: Browser
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(qr_kiosk.url)
    attract(page)
    results(page)
    # near the top of the results: above the fold, before the list
    qr_box = page.locator(".st-key-kiosk-qr").bounding_box()
    list_box = page.locator(".st-key-kiosk-list").bounding_box()
    assert qr_box is not None and list_box is not None
    assert qr_box["y"] + qr_box["height"] <= LANDSCAPE["height"]
    assert qr_box["y"] < list_box["y"]
    url = f"{public_server.url}/view?field=kosodate&area=yuda&lang=ja"
    assert encodes(shown_qr(page), url)
    kiosk_names = page.locator(".st-key-kiosk-list button").all_inner_texts()[:5]

    phone_watch = Watch()
    phone = open_context(
        browser,
        watch=phone_watch,
        viewport=PHONE,
        has_touch=True,
        is_mobile=True,
        locale="ja-JP",
    ).new_page()
    phone.goto(url)
    phone.get_by_role("heading", name="湯田・子育て支援").wait_for(timeout=60_000)
    settle(phone)
    phone_names = phone.locator(".st-key-kiosk-list button").all_inner_texts()[:5]
    assert [n.split("\n")[0] for n in phone_names] == [n.split("\n")[0] for n in kiosk_names]
    assert CENTER_TEL in phone.inner_text("body")
    # one column, no sidebar, nothing wider than the phone
    assert not phone.locator("[data-testid=stSidebar]").is_visible()
    assert too_wide(phone) == []
    phone.screenshot(path=str(ARTIFACTS / "kiosk-qr-phone-view.png"))
    assert js_errors(phone_watch) == []
    phone.context.close()

    # a group's page has its own code, opening the group on the phone
    entry = page.locator(".st-key-kiosk-list [class*='st-key-kiosk-org-']").first
    classes = (entry.get_attribute("class") or "").split()
    org = next(c for c in classes if c.startswith("st-key-kiosk-org-")).removeprefix(
        "st-key-kiosk-org-"
    )
    entry.locator("button").tap()
    page.get_by_text(ASK).wait_for(timeout=30_000)
    settle(page)
    name = page.get_by_role("heading", level=2).first.inner_text()
    url = f"{public_server.url}/view?org={org}&lang=ja"
    assert encodes(shown_qr(page), url)
    phone = open_context(
        browser, watch=Watch(), viewport=PHONE, has_touch=True, is_mobile=True
    ).new_page()
    phone.goto(url)
    phone.get_by_role("heading", name=name).wait_for(timeout=60_000)
    settle(phone)
    assert CENTER_TEL in phone.inner_text("body")
    assert not phone.locator("[data-testid=stSidebar]").is_visible()
    phone.context.close()
    assert js_errors(watch) == []
    page.context.close()
