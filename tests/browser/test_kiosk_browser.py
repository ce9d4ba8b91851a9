"""The kiosk on a touch screen: taps, idle reset, refused pages, target sizes, privacy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import (
    AppServer,
    Watch,
    js_errors,
    open_context,
    start_app,
    stop_app,
)
from tests.test_kiosk import PRIVATE, with_private_org

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


def touch_page(browser: object, watch: Watch, viewport: dict[str, int]) -> object:
    context = open_context(
        browser, watch=watch, viewport=viewport, has_touch=True, is_mobile=False, locale="ja-JP"
    )
    page = context.new_page()  # type: ignore[attr-defined]
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    return page


def small_targets(page: object) -> list[str]:
    """Buttons and inputs meant for tapping that are smaller than 48 px."""
    found: list[str] = page.evaluate(  # type: ignore[attr-defined]
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
    browser: object,
    viewport: dict[str, int],
    request: pytest.FixtureRequest,
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, viewport)
    page.goto(kiosk_server.url)  # type: ignore[attr-defined]
    page.get_by_text("画面にタッチしてください").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    assert small_targets(page) == []
    page.get_by_role("button", name="分野から探す").first.tap()  # type: ignore[attr-defined]
    page.get_by_role("button", name="防災・減災").tap()  # type: ignore[attr-defined]
    page.get_by_role("button", name="地域から探す").first.tap()  # type: ignore[attr-defined]
    page.get_by_role("button", name="湯田", exact=True).tap()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="湯田・防災・減災").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.get_by_text("この分野で活動する団体").wait_for()  # type: ignore[attr-defined]
    assert small_targets(page) == []
    page.get_by_role("button", name="テスト防災ネット").tap()  # type: ignore[attr-defined]
    page.get_by_text("083-901-1166").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.screenshot(path=str(Path("test-artifacts") / f"{request.node.name}.png"))  # type: ignore[attr-defined]
    assert js_errors(watch) == []
    page.context.close()  # type: ignore[attr-defined]


def test_idle_timeout_returns_to_the_attract_screen(
    kiosk_server: AppServer, browser: object
) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url)  # type: ignore[attr-defined]
    page.get_by_role("button", name="地域から探す").first.tap(timeout=60_000)  # type: ignore[attr-defined]
    page.get_by_role("button", name="阿知須", exact=True).tap()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="阿知須・すべての分野").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_timeout((IDLE_SECONDS + 4) * 1000)  # type: ignore[attr-defined]
    page.get_by_text("画面にタッチしてください").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    assert page.get_by_role("heading", name="阿知須・すべての分野").count() == 0  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/matrix", "/area?area=yuda", "/explorer", "/import", "/edit"])
def test_other_pages_are_refused(kiosk_server: AppServer, browser: object, path: str) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    page.goto(kiosk_server.url + path)  # type: ignore[attr-defined]
    page.get_by_text("画面にタッチしてください").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    body = page.inner_text("body")  # type: ignore[attr-defined]
    for marker in ("カバー状況", "主な数値", "取り込み", "団体の編集", "絞り込み"):
        assert marker not in body
    page.context.close()  # type: ignore[attr-defined]


def test_private_fields_never_reach_the_browser(kiosk_server: AppServer, browser: object) -> None:
    watch = Watch()
    page = touch_page(browser, watch, LANDSCAPE)
    frames: list[bytes] = []

    def on_socket(ws: object) -> None:
        ws.on(
            "framereceived",
            lambda payload: frames.append(  # type: ignore[attr-defined]
                payload if isinstance(payload, bytes) else str(payload).encode()
            ),
        )

    bodies: list[bytes] = []

    def on_response(response: object) -> None:
        try:
            bodies.append(response.body())  # type: ignore[attr-defined]
        except Exception:
            pass

    page.on("websocket", on_socket)  # type: ignore[attr-defined]
    page.on("response", on_response)  # type: ignore[attr-defined]
    page.goto(kiosk_server.url)  # type: ignore[attr-defined]
    page.get_by_role("button", name="団体を探す").first.tap(timeout=60_000)  # type: ignore[attr-defined]
    page.get_by_role("textbox").fill("テスト防災")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.get_by_role("button", name="テスト防災ネット").tap(timeout=30_000)  # type: ignore[attr-defined]
    page.get_by_text("083-901-1166").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.get_by_role("button", name="分野から探す").first.tap()  # type: ignore[attr-defined]
    page.get_by_role("button", name="防災・減災").tap()  # type: ignore[attr-defined]
    page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    html = page.content().encode()  # type: ignore[attr-defined]
    frame_html = b"".join(f.content().encode() for f in page.frames)  # type: ignore[attr-defined]
    captured = b"\n".join([html, frame_html, *bodies, *frames])
    assert "テスト防災ネット".encode() in captured  # the organisation itself did reach it
    for value in PRIVATE.values():
        assert value.encode() not in captured, value
    page.context.close()  # type: ignore[attr-defined]
