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
