"""The app starts and serves its first page in a real browser."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from geo.words import MESSAGES
from tests.browser.axe import axe_violations, report
from tests.browser.conftest import AppServer, Watch, js_errors, start_app, stop_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_first_page_shows_the_title(app_server: AppServer, page: Page, watch: Watch) -> None:
    page.goto(app_server.url)
    page.get_by_role("heading", name="山口市 協働まちづくりマップ").wait_for(timeout=30_000)
    assert js_errors(watch) == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/area/yuda", "湯田地域"),
        ("/area/%E6%B9%AF%E7%94%B0/?lang=en", "Yuda"),
        ("/area/a%2Fb", "「a/b」という地域はありません。"),  # no such area: the list
        ("/matrix/x/y?lang=en", "Coverage by area and field"),
    ],
)
def test_an_area_typed_as_a_path_opens_its_page(
    app_server: AppServer, page: Page, watch: Watch, path: str, heading: str
) -> None:
    """Streamlit alone draws a blank page at /area/yuda or /matrix/x; the server sends
    it to the page, the area in its address, the language kept."""
    page.goto(app_server.url + path)
    if heading.startswith("「"):
        page.get_by_text(heading).first.wait_for(timeout=60_000)
        page.get_by_role("link", name="湯田", exact=True).wait_for()
    else:
        page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
    assert "/area/" not in page.url and "/matrix/" not in page.url
    assert js_errors(watch) == []


def test_the_first_pages_own_path_opens_it_without_page_not_found(
    app_server: AppServer, page: Page, watch: Watch
) -> None:
    """The explorer is served at /: under /explorer Streamlit found no page and said so
    before showing it."""
    page.goto(app_server.url + "/explorer")
    page.get_by_role("heading", name="山口市 協働まちづくりマップ").wait_for(timeout=60_000)
    page.wait_for_timeout(1_000)  # Streamlit's notice comes with the first page's run
    assert page.get_by_text("ページが見つかりません").count() == 0
    assert page.url.rstrip("/") == app_server.url.rstrip("/")
    assert js_errors(watch) == []


@pytest.mark.parametrize("path", ["//area", "//evil.example/x", "/area/%2e%2e%5cx", "/C:/x"])
def test_a_refused_address_says_so_and_leads_to_the_map(
    app_server: AppServer, page: Page, watch: Watch, path: str
) -> None:
    """Streamlit refuses these before any page with the bare words "Bad Request"; the
    server says why in Japanese and English, with a link to the map, and axe finds no
    serious violation on that page."""
    response = page.goto(app_server.url + path)
    assert response is not None and response.status == 400
    page.get_by_role("heading", name=MESSAGES["server.refused.title"]["ja"]).wait_for()
    assert report("page", axe_violations(page)) == ""
    page.get_by_role("link", name=MESSAGES["server.refused.link"]["ja"]).click()
    page.get_by_role("heading", name="山口市 協働まちづくりマップ").wait_for(timeout=60_000)
    assert page.url.rstrip("/") == app_server.url.rstrip("/")
    assert js_errors(watch) == []


#: The menu's entries Streamlit makes of the file names in pages/ (a first-kind
#: multipage app), which the app's own menu never shows.
FILE_NAMES = ("explorer", "kiosk", "partners", "matrix")


def _menus(pages: dict[str, Page], seen: dict[str, list[str]]) -> bool:
    """Note each page's menu as it is now; whether every page shows the app's own."""
    done = True
    for path, pg in pages.items():
        nav = pg.locator("[data-testid='stSidebarNavItems']")
        menu = nav.inner_text(timeout=1_000) if nav.count() else ""
        seen[path].append(menu)
        done = done and MESSAGES["nav.explorer"]["ja"] in menu
    return done


def test_the_first_visitors_after_a_start_get_the_app_s_own_menu(page: Page) -> None:
    """Beside pages/, Streamlit served sessions that started before app.py had first run
    as a first-kind multipage app: the files' names as the menu (kiosk and staff pages
    listed) and each page run without app.py; two visitors at once kept it."""
    server = start_app(name="first-visitors")
    try:
        pages = {"/area?area=yuda": page, "/import": page.context.new_page()}
        for path, pg in pages.items():
            pg.goto(server.url + path, wait_until="commit")
        seen: dict[str, list[str]] = {path: [] for path in pages}
        deadline = time.monotonic() + 60
        while not _menus(pages, seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        for path, menus in seen.items():
            assert MESSAGES["nav.explorer"]["ja"] in menus[-1], (path, menus[-1])
            for menu in menus:
                assert not any(name in menu for name in FILE_NAMES), (path, menu)
        page.get_by_role("heading", name="湯田地域").wait_for(timeout=60_000)
    finally:
        stop_app(server)
