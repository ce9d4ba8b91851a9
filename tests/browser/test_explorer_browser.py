"""The map explorer in a real browser: polygons, field change, selection, the headline
against the gaps tab, the language switch, and the map first at the planner's sizes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import ARTIFACTS, AppServer, Watch, js_errors, open_context, settle
from tests.browser.test_map_browser import CLEAR_POINT, READABLE_NAMES, UNDER_NOTICE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FrameLocator, Page

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
AREA_NAMES = {"阿東", "徳地"}
#: Japanese script: kana and kanji (CJK punctuation and full-width forms too).
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
#: Japanese allowed on the English page: each language's own name in the switch.
ALLOWED_JAPANESE = {"日本語", "言語 / Language"}
#: The planner's screens.
PLANNER_SIZES = [(1600, 1000), (1366, 768)]
#: Largest height (px) of the notice for missing base-map tiles: one line of 13 px text.
NOTICE_PX = 28


def area_fills(frame: FrameLocator) -> list[str]:
    fills: list[str] = frame.locator("path.kyodo-area").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    return fills


def wait_for_areas(page: Page) -> FrameLocator:
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.kyodo-area").first.wait_for(state="attached", timeout=60_000)
    return frame


def choose_field(page: Page, label: str) -> None:
    box = page.get_by_role("combobox", name="活動分野")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")


def headline(page: Page) -> str:
    text: str = page.locator("[data-testid='stMain'] h3").first.inner_text()
    return text.strip()


def gap_rows(page: Page) -> list[dict[str, str]]:
    """The gaps tab's rows as the table shows them, by header (順位, 地域, 判定 and 理由
    when an area is a gap, 団体数 …)."""
    page.get_by_role("tab", name=re.compile("空白・手薄な地域|Gaps")).click()
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    headers: list[str] = grid.evaluate(
        """t => Array.from(t.querySelectorAll('thead th, [role=columnheader]'))
                  .map(c => c.textContent.trim())"""
    )
    rows: list[list[str]] = grid.evaluate(
        """t => Array.from(t.querySelectorAll('tbody tr, [role=row]'))
                  .map(r => Array.from(r.querySelectorAll('td, [role=gridcell]'))
                                  .map(c => c.textContent.trim()))
                  .filter(cells => cells.length > 3)"""
    )
    assert rows and all(len(row) == len(headers) for row in rows), (headers, rows[:1])
    return [dict(zip(headers, row, strict=True)) for row in rows]


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
    page.get_by_role("heading", name=re.compile("^防災・減災：")).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    after = area_fills(frame)
    assert after != before, "the choropleth follows the field"
    assert map_frame.evaluate("window.__probe") == 42, "the map iframe was reloaded"

    # clicking an area selects it and shows the link to its page beside the map
    largest = frame.locator("path.kyodo-area").evaluate_all(
        """paths => paths.map((p, i) => [i, p.getBBox().width * p.getBBox().height])
                       .sort((a, b) => b[1] - a[1])[0][0]"""
    )
    frame.locator("path.kyodo-area").nth(largest).click()
    link = page.get_by_role("link", name=re.compile("(阿東|徳地)のページを開く"))
    link.wait_for(timeout=30_000)
    assert map_frame.evaluate("window.__probe") == 42

    # the language switch changes the labels
    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Organisations (table)").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert watch.blocked == []
    assert js_errors(watch) == []


@pytest.mark.parametrize("field", ["kosodate", "npo12"])
def test_the_headline_names_the_gaps_the_tab_flags(
    app_server: AppServer, page: Page, field: str
) -> None:
    page.goto(f"{app_server.url}/?field={field}&basemap=none")
    wait_for_areas(page)
    said = headline(page)
    assert "地域中" not in said and "0地域で0団体" not in said
    rows = gap_rows(page)
    flagged = [row for row in rows if row.get("判定")]
    by_kind: dict[str, list[str]] = {}
    for row in flagged:
        by_kind.setdefault(row["判定"], []).append(row["地域"])
    if not by_kind:  # (and no empty 判定 column)
        assert "空白・少ない地域なし" in said
        assert "判定" not in rows[0]
    for kind, names in by_kind.items():
        assert f"{kind} {len(names)}地域" in said, (kind, said)
        if len(names) <= 5:  # named in the areas' order
            listed = re.search(rf"{kind} {len(names)}地域（([^）]*)）", said)
            assert listed is not None, said
            assert sorted(listed.group(1).split("、")) == sorted(names), (names, said)


def _widget_texts(page: Page) -> list[str]:
    """Every text of the page's own widgets: labels, chosen chips, options, placeholders,
    tabs, buttons and links (the map and the tables' data aside)."""
    texts: list[str] = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stApp"]');
            const pick = main.querySelectorAll(
              '[data-testid="stWidgetLabel"], [data-baseweb="tag"], [role="radiogroup"] label,'
              + ' [role="tab"], button, a, [data-baseweb="select"] [aria-selected],'
              + ' [data-baseweb="select"] div[value], input[placeholder], h1, h2, h3,'
              + ' [data-testid="stCaptionContainer"], [data-testid="stAlert"]');
            const out = [];
            pick.forEach(e => {
              if (e.closest('iframe')) return;
              out.push((e.getAttribute('placeholder') || e.innerText || '').trim());
            });
            main.querySelectorAll('[data-baseweb="select"]').forEach(
              s => out.push(s.innerText.trim()));
            return out.filter(t => t);
        }"""
    )
    return texts


def test_english_leaves_no_japanese_widget_text(app_server: AppServer, page: Page) -> None:
    page.goto(
        f"{app_server.url}/?field=bousai&metric=jishubo_rate&areas=sayama&kind=civic_group"
        "&layers=councils,shelters&hazard=flood&area=sayama"
    )
    wait_for_areas(page)
    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Organisations (table)").wait_for(timeout=30_000)
    settle(page)
    japanese = [
        t
        for t in _widget_texts(page)
        if JAPANESE.search(t) and t not in ALLOWED_JAPANESE and not _only_names(t)
    ]
    assert japanese == []
    # every choice kept, in English words
    sidebar = page.locator("[data-testid='stSidebar']")
    for chip in ("Disaster preparedness", "Sayama", "Civic groups", "Flood", "Evacuation sites"):
        assert sidebar.get_by_text(chip, exact=True).count() >= 1, chip
    checked = page.locator("[data-testid='stSidebar'] [role='radiogroup'] input:checked")
    labels = [
        c.evaluate("e => e.closest('label').innerText.trim()") for c in checked.element_handles()
    ]
    assert "Voluntary disaster-prevention coverage" in labels
    page.screenshot(path=str(ARTIFACTS / "explorer-english.png"))


def _only_names(text: str) -> bool:
    """Texts that are only the language switch's own words."""
    return all(part in ALLOWED_JAPANESE for part in text.splitlines() if part.strip())


def test_the_japanese_page_has_no_english_widget_text(app_server: AppServer, page: Page) -> None:
    page.goto(f"{app_server.url}/?field=bousai&basemap=none")
    wait_for_areas(page)
    box = page.get_by_role("combobox", name="活動分野")
    box.click()
    page.wait_for_timeout(500)
    options = page.get_by_role("option").all_inner_texts()
    assert options and not any("Select all" in o or "select all" in o.lower() for o in options)
    page.keyboard.press("Escape")
    search = page.get_by_role("textbox", name="名前で検索")
    search.click()
    page.keyboard.type("子ども")
    page.wait_for_timeout(500)
    hint = page.locator("[data-testid='InputInstructions']")
    assert hint.count() >= 1 and not hint.first.is_visible(), "Streamlit's English hint shows"
    assert "Press Enter" not in page.locator("[data-testid='stSidebar']").inner_text()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("名前に「子ども」")).wait_for(timeout=30_000)


#: Areas reaching past the map's edges or under the sources' lines at its foot (a map
#: opened on the city that its frame's final height, or the sources, cut).
CUT_AREAS = """() => {
  const m = document.querySelector('.leaflet-container').getBoundingClientRect();
  const att = document.querySelector('.leaflet-control-attribution');
  const bottom = att ? att.getBoundingClientRect().top : m.bottom;
  return [...document.querySelectorAll('path.kyodo-area')]
    .map(p => p.getBoundingClientRect())
    .filter(r => r.top < m.top - 1 || r.bottom > bottom + 1 || r.left < m.left - 1
                 || r.right > m.right + 1)
    .map(r => [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
}"""


@pytest.mark.parametrize(("width", "height"), PLANNER_SIZES)
def test_map_and_panel_link_fit_the_planners_screen(
    app_server: AppServer, browser: Browser, width: int, height: int
) -> None:
    watch = Watch()
    context = open_context(
        browser, watch=watch, viewport={"width": width, "height": height}, locale="ja-JP"
    )
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/?field=kosodate&basemap=none")
        wait_for_areas(page)
        settle(page)
        frame = page.locator(MAP_FRAME).bounding_box()
        assert frame is not None
        assert frame["y"] >= 0 and frame["y"] + frame["height"] <= height, frame
        assert frame["height"] >= 360
        # every area named and readable, and one click selects an area
        handle = page.locator(MAP_FRAME).element_handle()
        inner = handle.content_frame() if handle is not None else None
        assert inner is not None
        assert len(inner.evaluate(READABLE_NAMES)) == 21
        assert inner.evaluate(CUT_AREAS) == [], "the whole city in view, clear of the sources"
        # the legend is open on a tall map and folded behind its button on a short one
        # (open, it would cover a third of the map); the button opens and closes it
        toggle = inner.locator("button.kyodo-legend-toggle")
        short = frame["height"] < 560
        assert toggle.get_attribute("aria-expanded") == ("false" if short else "true")
        for state in ("true", "false") if short else ("false", "true"):
            toggle.click()
            assert toggle.get_attribute("aria-expanded") == state
        at = inner.evaluate(CLEAR_POINT, ["ouchi", height - frame["y"]])
        assert at is not None
        page.mouse.click(frame["x"] + at[0], frame["y"] + at[1])
        link = page.get_by_role("link", name="大内のページを開く")
        link.wait_for(timeout=30_000)
        settle(page)
        # the map and the panel's link, both without scrolling
        frame = page.locator(MAP_FRAME).bounding_box()
        panel_link = link.bounding_box()
        assert frame is not None and panel_link is not None
        assert frame["y"] + frame["height"] <= height, frame
        assert panel_link["y"] + panel_link["height"] <= height, panel_link
        scrolled = page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop")
        assert scrolled == 0
        page.screenshot(path=str(ARTIFACTS / f"explorer-{width}x{height}.png"))
        # the area is chosen without the map too, from the keyboard
        picker = page.get_by_role("combobox", name="地域を選ぶ")
        picker.focus()
        page.keyboard.type("佐山")
        page.keyboard.press("Enter")
        page.get_by_role("link", name="佐山のページを開く").wait_for(timeout=30_000)
    finally:
        context.close()


def test_without_internet_the_map_says_so(app_server: AppServer, page: Page, watch: Watch) -> None:
    page.goto(app_server.url)
    frame = wait_for_areas(page)
    notice = frame.locator(".kyodo-offline")
    notice.wait_for(timeout=30_000)
    assert notice.inner_text() == "背景地図なし（インターネット未接続）"
    settle(page)
    box = notice.bounding_box()
    assert box is not None and box["height"] <= NOTICE_PX, box  # one short line
    assert notice.evaluate(UNDER_NOTICE) == [], "the notice covers no area and no name"
    assert notice.get_attribute("aria-expanded") == "true"  # in the city's empty corner
    assert frame.locator("path.kyodo-area").count() == 21
    assert any("cyberjapandata.gsi.go.jp" in url for url in watch.blocked)
    # in the page's language, also after a switch
    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Organisations (table)").wait_for(timeout=30_000)
    settle(page)
    assert notice.inner_text() == "No base map (offline)"
    box = notice.bounding_box()
    assert box is not None and box["height"] <= NOTICE_PX, box
    assert js_errors(watch) == []


#: The matrix's plain table: each header cell's right edge and each area name's lines.
MATRIX_BOXES = """() => {
  const table = document.querySelector('[data-testid=stTable] table');
  const lines = e => { const r = document.createRange();
                       r.selectNodeContents(e.querySelector('p') || e);
                       return new Set([...r.getClientRects()].map(q => Math.round(q.top))).size; };
  return {
    rights: [...table.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().right),
    names: [...table.querySelectorAll('tbody th')].map(th => [th.textContent, lines(th)]),
  };
}"""


@pytest.mark.parametrize(("width", "height", "lang"), [(1366, 768, "ja"), (1600, 1000, "en")])
def test_the_matrix_fits_the_planners_screen(
    app_server: AppServer, browser: Browser, width: int, height: int, lang: str
) -> None:
    """The 8 local needs' matrix is read without scrolling sideways: every column on the
    screen, every area's name on one line (秋穂二島 whole)."""
    watch = Watch()
    context = open_context(
        browser, watch=watch, viewport={"width": width, "height": height}, locale="ja-JP"
    )
    page = context.new_page()
    page.goto(f"{app_server.url}/matrix?lang={lang}")
    page.locator("[data-testid=stTable] table").wait_for(timeout=60_000)
    settle(page)
    boxes = page.evaluate(MATRIX_BOXES)
    assert len(boxes["rights"]) == 1 + 8
    assert max(boxes["rights"]) <= width, boxes["rights"]
    assert len(boxes["names"]) == 21
    assert [name for name, lines in boxes["names"] if lines != 1] == []
    assert js_errors(watch) == []
    context.close()


def test_a_wide_plain_table_scrolls_on_a_phone(app_server: AppServer, browser: Browser) -> None:
    """On a phone the partners' table scrolls sideways instead of squeezing its columns to
    a character each; a two-column table (the area's figures) still fits the screen."""
    watch = Watch()
    context = open_context(browser, watch=watch, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{app_server.url}/partners?area=ouchi&need=kosodate")
    page.locator("[data-testid=stTable] table").first.wait_for(timeout=60_000)
    settle(page)
    widths = page.evaluate(
        """() => { const box = document.querySelector('[data-testid=stTable] table').parentElement;
                   const cells = [...box.querySelectorAll('thead th')];
                   return [box.scrollWidth > box.clientWidth,
                           cells[1].offsetWidth]; }"""
    )
    assert widths[0], "the table scrolls sideways"
    assert widths[1] >= 80, widths  # the names: several characters a line
    page.goto(f"{app_server.url}/area?area=ajisu")
    # the area's figures: the page's table of two columns (found as such, not as the
    # first table drawn, which a slow page may not have drawn yet)
    two = "[data-testid=stTable] table:has(thead th:nth-child(2)):not(:has(thead th:nth-child(3)))"
    page.locator(two).first.wait_for(timeout=60_000)
    settle(page)
    fits = page.evaluate(
        "(two) => { const box = document.querySelector(two).parentElement;"
        " return box.scrollWidth <= box.clientWidth; }",
        two,
    )
    assert fits
    assert js_errors(watch) == []
    context.close()
