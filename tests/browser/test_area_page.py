"""The area page in a real browser: a direct link, its map, the PDF download."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import AppServer, Watch, js_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_direct_link_shows_the_area_and_downloads_its_sheet(
    app_server: AppServer, page: Page, watch: Watch
) -> None:
    page.goto(f"{app_server.url}/area?area=ajisu")
    page.get_by_role("heading", name="阿知須地域").wait_for(timeout=60_000)
    frame = page.frame_locator("iframe[src*='streamlit_folium.st_folium']")
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 1
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="印刷用シート（PDF）をダウンロード").click()
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert js_errors(watch) == []
