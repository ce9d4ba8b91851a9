"""The map explorer in a real browser: polygons, field change, click selection, language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import ARTIFACTS, AppServer, Watch, js_errors

if TYPE_CHECKING:
    from playwright.sync_api import FrameLocator, Page

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
AREA_NAMES = {"阿東", "徳地"}


def area_fills(frame: FrameLocator) -> list[str]:
    fills: list[str] = frame.locator("path.kyodo-area").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    return fills


def wait_for_areas(page: Page) -> FrameLocator:
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.kyodo-area").first.wait_for(timeout=60_000)
    return frame


def choose_field(page: Page, label: str) -> None:
    box = page.get_by_role("combobox", name="活動分野")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


def test_explorer_in_the_browser(app_server: AppServer, page: Page, watch: Watch) -> None:
    page.goto(f"{app_server.url}/?basemap=none")
    frame = wait_for_areas(page)
    assert frame.locator("path.kyodo-area").count() == 21
    before = area_fills(frame)

    # the map's window survives a filter change: layers are swapped, not reloaded
    map_frame = page.locator(MAP_FRAME).element_handle().content_frame()
    assert map_frame is not None and map_frame != page.main_frame
    assert map_frame.evaluate("typeof L") == "object"  # Leaflet runs in this frame
    map_frame.evaluate("window.__probe = 42")
    choose_field(page, "防災・減災")
    page.get_by_role("heading", name="防災・減災 で活動する団体: 21地域中 0地域で0団体").wait_for(
        timeout=30_000
    )
    page.wait_for_timeout(1500)
    after = area_fills(frame)
    assert after != before, "the choropleth follows the field"
    assert map_frame.evaluate("window.__probe") == 42, "the map iframe was reloaded"

    # clicking an area selects it and shows its name beside the map
    largest = frame.locator("path.kyodo-area").evaluate_all(
        """paths => paths.map((p, i) => [i, p.getBBox().width * p.getBBox().height])
                       .sort((a, b) => b[1] - a[1])[0][0]"""
    )
    frame.locator("path.kyodo-area").nth(largest).click()
    page.wait_for_function(
        """names => Array.from(document.querySelectorAll('h3'))
                     .some(h => names.includes(h.innerText.trim()))""",
        arg=sorted(AREA_NAMES),
        timeout=30_000,
    )
    page.get_by_role("link", name="のページを開く").wait_for()
    assert map_frame.evaluate("window.__probe") == 42

    # the language switch changes the labels
    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Organisations (table)").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert watch.blocked == []
    assert js_errors(watch) == []


def test_without_internet_the_map_says_so(app_server: AppServer, page: Page, watch: Watch) -> None:
    page.goto(app_server.url)
    frame = wait_for_areas(page)
    frame.locator(".kyodo-offline").wait_for(timeout=30_000)
    assert "背景地図を読み込めません" in frame.locator(".kyodo-offline").inner_text()
    assert frame.locator("path.kyodo-area").count() == 21
    assert any("cyberjapandata.gsi.go.jp" in url for url in watch.blocked)
    assert js_errors(watch) == []
