"""The app starts and serves its first page in a real browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import AppServer, Watch, js_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_first_page_shows_the_title(app_server: AppServer, page: Page, watch: Watch) -> None:
    page.goto(app_server.url)
    page.get_by_role("heading", name="山口市 協働まちづくりマップ").wait_for(timeout=30_000)
    assert js_errors(watch) == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/area/yuda", "湯田地域"), ("/area/%E6%B9%AF%E7%94%B0/?lang=en", "Yuda")],
)
def test_an_area_typed_as_a_path_opens_its_page(
    app_server: AppServer, page: Page, watch: Watch, path: str, heading: str
) -> None:
    """Streamlit alone draws a blank page at /area/yuda; the server sends it to the
    area page's address, the language kept."""
    page.goto(app_server.url + path)
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
    assert "/area?area=" in page.url
    assert js_errors(watch) == []
