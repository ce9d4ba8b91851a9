"""The area page in a real browser: a direct link, its map, the PDF download."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AppServer, Watch, js_errors

pytestmark = pytest.mark.browser


def test_direct_link_shows_the_area_and_downloads_its_sheet(
    app_server: AppServer, page: object, watch: Watch
) -> None:
    page.goto(f"{app_server.url}/area?area=ajisu")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="阿知須地域").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")  # type: ignore[attr-defined]
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 1
    with page.expect_download(timeout=60_000) as info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="印刷用シート（PDF）をダウンロード").click()  # type: ignore[attr-defined]
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert js_errors(watch) == []
