"""A hostile search text in the explorer's URL shows as text in the real page: its
headline holds no link, image, HTML, math, colour or icon, and nothing is fetched for it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from tests.browser.conftest import AppServer, Watch, js_errors, settle

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: Search texts within the explorer's 100 characters.
HOSTILE = (
    "[★公式のお知らせ](https://evil.example/a)![x](https://e.example/x.png)"
    '<img src=x onerror="window.__p=1">$x$',
    "★:red[警告] :material/home: :smile: https://evil.example www.evil.example a@evil.example",
)
#: What Streamlit's Markdown would have drawn for them.
DRAWN = (
    "a, img, .katex, code, svg, [class*='emoji'], span[style*='color'], span[data-testid*='Icon']"
)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_search_text_is_shown_as_text(
    app_server: AppServer, page: Page, watch: Watch, hostile: str
) -> None:
    assert len(hostile) <= 100
    page.goto(f"{app_server.url}/?basemap=none&q={quote(hostile)}")
    settle(page, 60_000)
    headline = page.locator("h3", has_text="★").first
    headline.wait_for(timeout=60_000)
    heading = headline.locator("[data-heading-text]")  # the heading less its anchor icon
    shown = heading.inner_text().replace("\u2060", "")  # the joiner that keeps links away
    assert hostile in shown  # as written
    assert heading.locator(DRAWN).count() == 0, heading.inner_html()
    outside = "main a[href*='example']:not([href^='#']), main img[src*='example']"
    assert page.locator(outside).count() == 0  # (a heading's own anchor is '#…')
    assert page.evaluate("window.__p") is None
    assert not [u for u in watch.blocked if "example" in u]
    assert js_errors(watch) == []
