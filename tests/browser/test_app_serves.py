"""The app starts and serves its first page in a real browser."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AppServer, Watch, js_errors

pytestmark = pytest.mark.browser


def test_first_page_shows_the_title(app_server: AppServer, page: object, watch: Watch) -> None:
    page.goto(app_server.url)  # type: ignore[attr-defined]
    page.get_by_role("heading", name="山口市 協働まちづくりマップ").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    assert js_errors(watch) == []
