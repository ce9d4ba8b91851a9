"""The kiosk on a touch screen: taps, idle reset, refused pages, target sizes, privacy."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import (
    AppServer,
    Watch,
    js_errors,
    open_context,
    settle,
    start_app,
    stop_app,
)
from tests.test_kiosk import PRIVATE, with_private_org

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page, Response, WebSocket

pytestmark = pytest.mark.browser

IDLE_SECONDS = 6
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
MIN_TARGET = 48


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    data = with_private_org(tmp_path_factory.mktemp("kiosk"))
    server = start_app(
        {
            "KYODO_KIOSK": "1",
            "KYODO_KIOSK_IDLE_SECONDS": str(IDLE_SECONDS),
            "KYODO_DATA_DIR": str(data),
        },
        name="kiosk",
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


def small_targets(page: Page) -> list[str]:
    """Buttons and inputs meant for tapping that are smaller than 48 px."""
    settle(page)
    found: list[str] = page.evaluate(
        """(min) => Array.from(document.querySelectorAll(
              'button, [role=button], input, [role=option], a[href]'))
            .filter(e => e.offsetParent !== null)
            .map(e => [e, e.getBoundingClientRect()])
            // 1-px elements are visually hidden (the skip link for screen readers)
            .filter(([e, r]) => r.width > 1 && r.height > 1 && (r.width < min || r.height < min))
            .map(([e, r]) => `${e.tagName} ${e.innerText || e.getAttribute('aria-label') || ''}`
                             + ` ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        MIN_TARGET,
    )
    return found


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
    page.get_by_text("画面にタッチしてください").wait_for(timeout=60_000)
    assert small_targets(page) == []
    page.get_by_role("button", name="分野から探す").first.tap()
    page.get_by_role("button", name="防災・減災").tap()
    page.get_by_role("button", name="地域から探す").first.tap()
    page.get_by_role("button", name="湯田", exact=True).tap()
    page.get_by_role("heading", name="湯田・防災・減災").wait_for(timeout=30_000)
    page.get_by_text("この分野で活動する団体").wait_for()
    assert small_targets(page) == []
    map_frame = page.frame_locator("iframe[src*='streamlit_folium.st_folium']")
    container = map_frame.locator(".leaflet-container")
    container.wait_for(timeout=30_000)
    # one finger scrolls the page: the map does not take single-finger drags
    assert "leaflet-touch-drag" not in (container.get_attribute("class") or "")
    legend_px = map_frame.locator(".kyodo-legend").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert legend_px >= 20
    page.get_by_role("button", name="テスト防災ネット").tap()
    page.get_by_text("083-901-1166").wait_for(timeout=30_000)
    page.screenshot(path=str(Path("test-artifacts") / f"{request.node.name}.png"))
    assert js_errors(watch) == []
    page.context.close()


def test_idle_timeout_returns_to_the_attract_screen(
    kiosk_server: AppServer, browser: Browser
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url)
    page.get_by_role("button", name="地域から探す").first.tap(timeout=60_000)
    page.get_by_role("button", name="阿知須", exact=True).tap()
    page.get_by_role("heading", name="阿知須・すべての分野").wait_for(timeout=30_000)
    page.wait_for_timeout((IDLE_SECONDS + 4) * 1000)
    page.get_by_text("画面にタッチしてください").wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="阿知須・すべての分野").count() == 0
    page.context.close()


@pytest.mark.parametrize("path", ["/matrix", "/area?area=yuda", "/explorer", "/import", "/edit"])
def test_other_pages_are_refused(kiosk_server: AppServer, browser: Browser, path: str) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url + path)
    page.get_by_text("画面にタッチしてください").wait_for(timeout=60_000)
    body = page.inner_text("body")
    for marker in ("カバー状況", "主な数値", "取り込み", "団体の編集", "絞り込み"):
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
    page.get_by_role("button", name="団体を探す").first.tap(timeout=60_000)
    page.get_by_role("textbox").fill("テスト防災")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="テスト防災ネット").tap(timeout=30_000)
    page.get_by_text("083-901-1166").wait_for(timeout=30_000)
    page.get_by_role("button", name="分野から探す").first.tap()
    page.get_by_role("button", name="防災・減災").tap()
    page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(timeout=30_000)
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
    page.get_by_role("button", name="団体を探す").first.tap(timeout=60_000)
    page.get_by_role("textbox").fill("悪意")
    page.keyboard.press("Enter")
    button = page.get_by_role("button", name="悪意", exact=False)
    button.first.wait_for(timeout=30_000)
    assert "**太字**" in button.first.inner_text()
    button.first.tap()
    page.get_by_text("083-901-1166").wait_for(timeout=30_000)
    heading = page.get_by_role("heading", level=2).filter(has_text="悪意").first.inner_text()
    assert "![t](http://evil.example/t.png)" in heading
    assert "<img src=x onerror=alert(1)>" in heading
    settle(page)
    page.get_by_role("button", name="分野から探す").first.tap()
    page.get_by_role("button", name="防災・減災").tap()
    page.frame_locator("iframe").first.locator("path.kyodo-area").first.wait_for(timeout=30_000)
    settle(page)
    assert dialogs == []
    assert not [u for u in watch.blocked if "evil.example" in u]
    assert js_errors(watch) == []
    page.context.close()
