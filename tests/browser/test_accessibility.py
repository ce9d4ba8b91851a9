"""Accessibility in the browser: axe-core on every page and kiosk screen, in Japanese and
English, inside the map's frame too; the page's language; visible focus; the map's
content reachable by keyboard.

A page passes when axe reports no critical or serious violation (JIS X 8341-3:2016 /
WCAG 2.2 AA target); the failures print each rule with its targets. The staff pages are
checked signed in, with a password hash in a secrets file of the test's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from geo.registry.auth import hash_password
from geo.words import MESSAGES, text
from tests.browser.axe import axe_violations, report
from tests.browser.conftest import (
    ARTIFACTS,
    AppServer,
    Watch,
    open_context,
    settle,
    start_app,
    stop_app,
)
from ui.a11y import FOCUS_COLOR
from ui.chrome import chrome_keys
from ui.chrome import words as chrome_words
from ui.panels import ORG_WRAPPED_PX
from ui.text import kept_together

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

LANGS = ("ja", "en")
PASSWORD = "a11y test password"
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
#: The title Streamlit gives a component's frame when nobody names it.
UNNAMED_FRAME = "streamlit_folium.st_folium"


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app with the registry on and an editor password (in a secrets file of its own)."""
    folder = tmp_path_factory.mktemp("a11y")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f'[kyodo]\neditor_password_hash = "{hash_password(PASSWORD, n=2**8)}"\n', encoding="utf-8"
    )
    server = start_app(
        {
            "KYODO_REGISTRY": "1",
            "KYODO_REGISTRY_DIR": str(folder / "var"),
            "STREAMLIT_SECRETS_FILES": str(secrets),
        },
        name="a11y",
    )
    yield server
    stop_app(server)


@pytest.fixture(scope="module")
def kiosk_server() -> Iterator[AppServer]:
    server = start_app({"KYODO_KIOSK": "1"}, name="a11y-kiosk")
    yield server
    stop_app(server)


@pytest.fixture
def new_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., Page]]:
    """Pages in their own contexts (loopback only); a screenshot of each at the end."""
    opened: list[Page] = []

    def make(**options: Any) -> Page:
        context = open_context(
            browser, watch=Watch(), **{"viewport": {"width": 1440, "height": 1000}, **options}
        )
        page = context.new_page()
        opened.append(page)
        return page

    yield make
    ARTIFACTS.mkdir(exist_ok=True)
    for i, page in enumerate(opened):
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}.png"))
        page.context.close()


def assert_accessible(page: Page, lang: str) -> None:
    """No critical or serious violation on the page or in any of its frames; the page
    and every map speak the session's language, and every map's frame has a name."""
    settle(page)
    # the page's language is set by a script in the page, once its element has loaded
    page.wait_for_function(
        "lang => document.documentElement.lang === lang", arg=lang, timeout=30_000
    )
    problems = [report("page", axe_violations(page))]
    for frame in page.frames[1:]:
        if frame.is_detached() or not frame.url.startswith("http"):
            continue
        problems.append(report(f"frame {frame.url.split('?')[0]}", axe_violations(frame)))
    text_report = "\n".join(p for p in problems if p)
    print(text_report or "no critical or serious violation")
    assert text_report == ""
    # a map names its frame and sets its language once its layers are drawn
    page.wait_for_function(
        """([sel, unnamed, lang]) => Array.from(document.querySelectorAll(sel)).every(f =>
              f.title && f.title !== unnamed && f.title.trim() !== ""
              && f.contentDocument && f.contentDocument.documentElement.lang === lang)""",
        arg=[MAP_FRAME, UNNAMED_FRAME, lang],
        timeout=60_000,
    )


def wait_for_map(page: Page) -> None:
    page.frame_locator(MAP_FRAME).first.locator("path.kyodo-area").first.wait_for(timeout=60_000)


# --- the desktop pages ---------------------------------------------------------------------


def _explorer(page: Page, lang: str) -> None:
    wait_for_map(page)
    page.get_by_text(text("a11y.summary.title", lang)).wait_for()


def _area(page: Page, lang: str) -> None:
    page.get_by_role(
        "heading", name=text("area.title", lang, name="湯田" if lang == "ja" else "Yuda")
    )
    wait_for_map(page)


def _heading(key: str) -> Callable[[Page, str], None]:
    def wait(page: Page, lang: str) -> None:
        page.get_by_role("heading", name=text(key, lang)).first.wait_for(timeout=60_000)

    return wait


def _with_map(ready: Callable[[Page, str], None]) -> Callable[[Page, str], None]:
    def wait(page: Page, lang: str) -> None:
        ready(page, lang)
        wait_for_map(page)

    return wait


def _signed_in(key: str) -> Callable[[Page, str], None]:
    def sign_in(page: Page, lang: str) -> None:
        page.get_by_label(text("staff.your_name", lang)).fill("a11y")
        page.get_by_label(text("staff.password", lang), exact=True).fill(PASSWORD)
        page.get_by_role("button", name=text("staff.login", lang)).click()
        page.get_by_role("button", name=text("staff.logout", lang)).wait_for(timeout=60_000)
        _heading(key)(page, lang)

    return sign_in


DESKTOP: dict[str, tuple[str, Callable[[Page, str], None]]] = {
    "explorer": ("/?basemap=none", _explorer),
    "matrix": ("/matrix", _heading("matrix.header")),
    "area": ("/area?area=yuda&basemap=none", _area),
    "partners": ("/partners?area=yuda&need=bousai", _with_map(_heading("partners.title"))),
    "about": ("/about", _heading("a11y.statement.header")),
    "import": ("/import", _signed_in("staff.import.title")),
    "edit": ("/edit", _signed_in("staff.edit.title")),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(DESKTOP))
def test_desktop_pages_have_no_serious_violation(
    staff_server: AppServer, new_page: Callable[..., Page], name: str, lang: str
) -> None:
    path, ready = DESKTOP[name]
    page = new_page(locale="ja-JP")
    joiner = "&" if "?" in path else "?"
    page.goto(f"{staff_server.url}{path}{joiner}lang={lang}")
    page.locator("[data-testid='stSidebarNavItems']").wait_for(timeout=60_000)
    ready(page, lang)
    assert_accessible(page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_file_uploaders_speak_the_page_s_language(
    staff_server: AppServer, new_page: Callable[..., Page], lang: str
) -> None:
    """Streamlit's uploader says "Upload" and "20MB per file • CSV, …" in English only."""
    page = new_page(locale="ja-JP")
    page.goto(f"{staff_server.url}/import?lang={lang}")
    _signed_in("staff.import.title")(page, lang)
    zones = page.locator("[data-testid='stFileUploaderDropzone']")
    zones.first.wait_for(timeout=60_000)
    zones.nth(1).wait_for(timeout=30_000)  # (the second may be drawn a moment later)
    assert zones.count() == 2
    for zone in zones.all():
        shown = zone.inner_text()
        assert "Upload" not in shown and "per file" not in shown, shown
        spoken = zone.aria_snapshot()
        assert f'button "{text("upload.button", lang)}"' in spoken, spoken
        assert text("upload.drop", lang) in spoken, spoken


def _list_uploader(page: Page, lang: str) -> Locator:
    """The file input of the page's list uploader, found by its label: the NPO法人
    file's uploader below it may be drawn first, and a file given to "the first input"
    then lands there."""
    uploader = page.get_by_test_id("stFileUploader").filter(
        has_text=text("staff.import.file", lang)
    )
    return uploader.locator("input[type=file]")


def test_a_file_the_uploader_refuses_says_why_in_words_on_its_chip(
    staff_server: AppServer, new_page: Callable[..., Page], tmp_path: Path
) -> None:
    """Streamlit said why (a type it does not take, such as a PDF) only to screen readers,
    in English, and on hover: nothing a touch screen shows. The reason is written on the
    file's chip, in Japanese."""
    old = tmp_path / "一覧 印刷用.pdf"
    old.write_bytes(b"%PDF-1.7\n" + b"\x00" * 200)
    page = new_page(locale="ja-JP")
    page.goto(f"{staff_server.url}/import?lang=ja")
    _signed_in("staff.import.title")(page, "ja")
    _list_uploader(page, "ja").set_input_files(old)
    reason = page.locator("[data-testid='stFileChip'] [role='alert']")
    reason.wait_for(timeout=30_000)
    page.wait_for_function(  # (written over Streamlit's words a moment later)
        "el => el.textContent.includes('この種類のファイルは選べません')",
        arg=reason.element_handle(),
        timeout=30_000,
    )
    assert reason.inner_text().startswith(MESSAGES["chrome.upload.error"]["ja"])
    box = reason.bounding_box()
    assert box is not None and box["height"] >= 10 and box["width"] >= 100  # seen, not clipped
    remove = page.get_by_role("button", name=f"{old.name} を外す")
    assert remove.count() == 1  # the chip's button named in Japanese, whole file name too


def test_an_old_workbook_is_taken_and_the_page_says_what_to_do(
    staff_server: AppServer, new_page: Callable[..., Page], tmp_path: Path
) -> None:
    """An old .xls (or a workbook locked by a password) is taken by the uploader, so the
    page can say in its own words what to do with it, rather than the chip saying only
    that the type is not allowed."""
    old = tmp_path / "一覧 旧形式.xls"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    page = new_page(locale="ja-JP")
    page.goto(f"{staff_server.url}/import?lang=ja")
    _signed_in("staff.import.title")(page, "ja")
    _list_uploader(page, "ja").set_input_files(old)
    said = MESSAGES["staff.problems"]["ja"].format(n=1)
    page.get_by_text(said).wait_for(timeout=60_000)
    assert page.locator("[data-testid='stFileChip'] [role='alert']").count() == 0


def test_an_address_that_names_no_page_is_told_in_the_page_s_language(
    app_server: AppServer, new_page: Callable[..., Page]
) -> None:
    page = new_page(locale="ja-JP")
    page.goto(f"{app_server.url}/no-such-page")
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=60_000)
    shown = MESSAGES["chrome.page_not_found.text"]["ja"]
    page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)",
        arg=[dialog.element_handle(), shown],
        timeout=30_000,
    )
    assert MESSAGES["chrome.page_not_found"]["ja"] in dialog.inner_text()
    assert dialog.get_by_role("button", name=MESSAGES["chrome.close"]["ja"]).count() == 1


def test_the_edit_form_keeps_its_choices_across_a_change_of_language(
    staff_server: AppServer, new_page: Callable[..., Page]
) -> None:
    """Switched to English with an organisation open, the form's chosen fields and areas
    are shown in English and saved as they were (in Japanese words, they matched no
    choice and saving dropped them); what was typed and not yet saved stays."""
    page = new_page(locale="ja-JP")
    page.goto(f"{staff_server.url}/edit?lang=ja")
    _signed_in("staff.edit.title")(page, "ja")

    def chips(lang: str) -> list[str]:
        picker = page.get_by_test_id("stMultiSelect").filter(has_text=text("record.fields", lang))
        tags = picker.locator("[data-tag]")
        tags.first.wait_for(timeout=30_000)
        return tags.all_inner_texts()

    japanese = chips("ja")
    assert japanese
    page.get_by_label(text("record.phone", "ja"), exact=True).fill("083-111-2222")
    page.get_by_text("English", exact=True).click()
    phone = page.get_by_label(text("record.phone", "en"), exact=True)
    phone.wait_for(timeout=30_000)
    settle(page)
    assert phone.input_value() == "083-111-2222"
    english = chips("en")
    assert len(english) == len(japanese) and all(c.isascii() for c in "".join(english))
    page.get_by_role("button", name=text("staff.edit.save", "en")).click()
    page.get_by_text(re.compile(r"^Saved \(")).wait_for(timeout=30_000)
    settle(page)
    assert chips("en") == english


#: Every name (aria-label, title, placeholder, role description) and text on the page,
#: scripts and style sheets apart.
_SHOWN = """() => {
  const out = [];
  const names = ['aria-label', 'title', 'placeholder', 'aria-roledescription'];
  document.querySelectorAll('*').forEach(el => {
    names.forEach(a => { const v = el.getAttribute(a); if (v) out.push(v.trim()); });
    if (el.closest('script, style')) return;
    el.childNodes.forEach(n => {
      if (n.nodeType === 3 && n.nodeValue.trim()) out.push(n.nodeValue.trim());
    });
  });
  return out;
}"""


def _streamlit_words_shown(page: Page) -> set[str]:
    """Streamlit's own English words (those the catalogue puts in Japanese) on the page."""
    english = set(chrome_words("ja")[0])
    return english & set(page.evaluate(_SHOWN))


def test_streamlit_s_own_words_speak_japanese_and_english_again(
    staff_server: AppServer, new_page: Callable[..., Page]
) -> None:
    """The skip link, menu, sidebar, pickers and the table's toolbar say nothing in
    English on a Japanese page; switched to English, they say Streamlit's words again."""
    page = new_page(locale="ja-JP")
    page.goto(f"{staff_server.url}/?lang=ja")
    _explorer(page, "ja")
    settle(page)
    assert _streamlit_words_shown(page) == set()
    # the first Tab reaches the skip link, in Japanese
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == text("chrome.skip", "ja")
    # the table's toolbar and its search
    page.get_by_role("tab", name=text("tab.table", "ja")).click()
    grid = page.locator("[data-testid='stDataFrame']:visible").first
    grid.hover()
    page.get_by_role("button", name=text("chrome.table.search", "ja")).first.click()
    page.get_by_text(text("chrome.table.search_hint", "ja")).first.wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    # the first column's menu (its button at the right of the header, as wide as the
    # names may grow) and its statistics
    box = grid.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 40, box["y"] + 18)
    page.mouse.click(box["x"] + ORG_WRAPPED_PX["col.name"] - 10, box["y"] + 18)
    statistics = re.compile(re.escape(text("chrome.table.statistics", "ja")) + "$")
    page.get_by_text(statistics).first.hover()  # (after its icon's name, "bar_chart")
    page.get_by_text(text("chrome.table.stat.values", "ja")).first.wait_for(timeout=10_000)
    assert _streamlit_words_shown(page) == set()
    page.keyboard.press("Escape")
    # a picker that finds nothing
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").first.click()
    page.keyboard.type("zzzq")
    page.get_by_text(text("chrome.pick.none", "ja")).wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    # a text field says what the Enter key does
    field = page.locator("[data-testid='stSidebar'] [data-testid='stTextInput'] input").first
    field.click()
    page.keyboard.type("x")
    instructions = page.locator("[data-testid='InputInstructions'] span").first
    assert instructions.inner_text().strip() == text("chrome.enter.apply", "ja")
    page.keyboard.press("Backspace")
    # the menu
    page.get_by_test_id("stMainMenu").click()
    page.get_by_text(text("chrome.menu.print", "ja"), exact=True).wait_for(timeout=10_000)
    version = re.compile("^" + re.escape(text("chrome.menu.made_with", "ja")) + r"[0-9.]+$")
    page.get_by_text(version).wait_for(timeout=10_000)
    assert _streamlit_words_shown(page) == set()
    page.keyboard.press("Escape")
    # English: Streamlit's own words again, none of the Japanese ones left
    page.get_by_text("English", exact=True).click()
    settle(page)
    page.get_by_role("link", name="Skip to main content").wait_for(state="attached")
    shown = set(page.evaluate(_SHOWN))
    japanese = {MESSAGES[k]["ja"] for k in chrome_keys()}
    assert not shown & japanese, shown & japanese
    assert "Main menu" in shown


def test_the_area_page_s_chart_and_yes_no_columns_are_read_in_japanese(
    staff_server: AppServer, new_page: Callable[..., Page]
) -> None:
    """The chart is named by its description (its table reads the figures); a yes/no
    column of a table is read あり or なし, not "true" or "false"."""
    page = new_page(locale="ja-JP")
    page.goto(f"{staff_server.url}/area?area=yuda&lang=ja")
    _area(page, "ja")
    settle(page)
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for(timeout=30_000)
    description = text("area.chart.description", "ja", area="湯田")
    assert chart.get_attribute("aria-label") == description
    assert chart.get_attribute("aria-roledescription") == text("chrome.chart.role", "ja")
    words = [text("yes", "ja"), text("no", "ja")]
    page.wait_for_function(  # (the tables' cells are drawn after the page settles)
        f"words => {{ const shown = new Set(({_SHOWN})());"
        " return words.every(w => shown.has(w)); }",
        arg=words,
        timeout=30_000,
    )
    shown = page.evaluate(_SHOWN)
    assert "true" not in shown and "false" not in shown
    assert set(words) <= set(shown)
    assert _streamlit_words_shown(page) == set()


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_view_has_no_serious_violation(
    staff_server: AppServer, new_page: Callable[..., Page], lang: str
) -> None:
    """The page the kiosk's QR code opens, on a phone."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{staff_server.url}/view?field=bousai&area=yuda&lang={lang}")
    title = text(
        "kiosk.results_title",
        lang,
        field="防災・減災" if lang == "ja" else "Disaster preparedness",
        area="湯田" if lang == "ja" else "Yuda",
    )
    page.get_by_role("heading", name=title).wait_for(timeout=60_000)
    assert_accessible(page, lang)


# --- the kiosk -----------------------------------------------------------------------------


def _tap(page: Page, name: str, *, exact: bool = False) -> None:
    page.get_by_role("button", name=name, exact=exact).first.click()
    settle(page)


def _kiosk_attract(page: Page, lang: str) -> None:
    page.get_by_text(text("kiosk.touch", "ja")).wait_for(timeout=60_000)
    if lang != "ja":
        _tap(page, text(f"app.lang.{lang}", lang))
        page.get_by_text(text("kiosk.touch", lang)).wait_for(timeout=30_000)
    wait_for_map(page)


def _kiosk_fields(page: Page, lang: str) -> None:
    _kiosk_attract(page, lang)
    _tap(page, text("kiosk.by_field", lang))
    page.get_by_role("heading", name=text("kiosk.pick_field", lang)).wait_for()


def _kiosk_areas(page: Page, lang: str) -> None:
    _kiosk_attract(page, lang)
    _tap(page, text("kiosk.by_area", lang))
    page.get_by_role("heading", name=text("kiosk.pick_area", lang)).wait_for()
    wait_for_map(page)


def _kiosk_search(page: Page, lang: str) -> None:
    _kiosk_attract(page, lang)
    _tap(page, text("kiosk.by_name", lang))
    page.get_by_text(text("kiosk.index_title", lang)).first.wait_for()


def _kiosk_results(page: Page, lang: str) -> None:
    _kiosk_fields(page, lang)
    _tap(page, "防災・減災" if lang == "ja" else "Disaster preparedness")
    _tap(page, text("kiosk.by_area", lang))
    _tap(page, "湯田" if lang == "ja" else "Yuda", exact=True)
    title = text(
        "kiosk.results_title",
        lang,
        field="防災・減災" if lang == "ja" else "Disaster preparedness",
        area="湯田" if lang == "ja" else "Yuda",
    )
    page.get_by_role("heading", name=title).wait_for(timeout=30_000)
    wait_for_map(page)


def _kiosk_group(page: Page, lang: str) -> None:
    _kiosk_results(page, lang)
    page.locator("button", has_text="サンプル").first.click()
    page.get_by_role("heading", name=text("kiosk.contact", lang)).wait_for(timeout=60_000)


KIOSK: dict[str, Callable[[Page, str], None]] = {
    "attract": _kiosk_attract,
    "field": _kiosk_fields,
    "area": _kiosk_areas,
    "search": _kiosk_search,
    "results": _kiosk_results,
    "group": _kiosk_group,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(KIOSK))
def test_kiosk_screens_have_no_serious_violation(
    kiosk_server: AppServer, new_page: Callable[..., Page], name: str, lang: str
) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080}, has_touch=True, locale="ja-JP")
    page.goto(kiosk_server.url)
    KIOSK[name](page, lang)
    assert_accessible(page, lang)


def test_the_kiosk_says_nothing_of_streamlit_s_in_english(
    kiosk_server: AppServer, new_page: Callable[..., Page]
) -> None:
    page = new_page(viewport={"width": 1920, "height": 1080}, has_touch=True, locale="ja-JP")
    page.goto(kiosk_server.url)
    _kiosk_attract(page, "ja")
    settle(page)
    assert _streamlit_words_shown(page) == set()
    skip = page.get_by_test_id("stSkipToContent")
    assert skip.text_content() == text("chrome.skip", "ja")


# --- keyboard --------------------------------------------------------------------------------

#: The focused element (inside shadow roots), its description and the outline it shows
#: (on itself or the frame around a text field).
_FOCUSED = """() => {
  let e = document.activeElement;
  if (!e || e === document.body) return null;
  const name = (e.innerText || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40);
  let n = e;
  for (let i = 0; i < 4 && n; i++, n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
      return {tag: e.tagName, name, outline: s.outlineColor};
  }
  return {tag: e.tagName, name, outline: null};
}"""


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_focus_is_visible_and_the_map_can_be_read_without_it(
    staff_server: AppServer, new_page: Callable[..., Page]
) -> None:
    """Tab from the top: every stop shows a focus ring (the page's own outside the map,
    the map's inside it); the map's content as text is reached by keyboard and opens
    with Enter."""
    page = new_page()
    page.goto(f"{staff_server.url}/?basemap=none&area=yuda")
    wait_for_map(page)
    settle(page)
    title = text("a11y.summary.title", "ja")
    unmarked, reached = [], False
    for _ in range(120):  # the map's own stops (clusters, controls) come first
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is not None and focused["tag"] == "IFRAME":
            frame = page.locator(MAP_FRAME).element_handle().content_frame()
            inside = frame.evaluate(_FOCUSED) if frame is not None else None
            if inside is not None and inside["outline"] is None:
                unmarked.append(f"map: {inside['tag']} {inside['name']}")
            continue
        if focused is None:
            continue
        if focused["outline"] != _rgb(FOCUS_COLOR):
            unmarked.append(f"{focused['tag']} {focused['name']}")
        if title in focused["name"]:
            reached = True
            break
    assert unmarked == []
    assert reached, "the map's content as text was not reached by keyboard"
    page.keyboard.press("Enter")
    table = page.locator("[data-testid='stTable'] table")
    table.wait_for(timeout=30_000)
    assert table.locator("tbody tr").count() == 21
    assert "湯田（選択中）" in table.inner_text().replace("\u2060", "")  # (kept whole)
    assert table.locator("th").first.inner_text() != ""


@pytest.mark.parametrize("lang", LANGS)
def test_an_area_and_the_layers_are_chosen_without_the_map(
    staff_server: AppServer, new_page: Callable[..., Page], lang: str
) -> None:
    """The explorer's area picker and layer list work from the keyboard alone; the map's
    content as text follows the choice."""
    page = new_page()
    page.goto(f"{staff_server.url}/?basemap=none&lang={lang}")
    wait_for_map(page)
    picker = page.get_by_role("combobox", name=text("panel.pick", lang))
    picker.focus()
    page.keyboard.type("湯田" if lang == "ja" else "Yuda")
    page.keyboard.press("Enter")
    name = "湯田" if lang == "ja" else "Yuda"
    page.get_by_role("link", name=text("panel.open_area", lang, name=name)).wait_for(timeout=30_000)
    settle(page)
    page.get_by_text(text("a11y.summary.title", lang)).click()
    selected = text("a11y.summary.selected", lang, name=name)
    shown = kept_together(selected)  # a row label, wrapped only between words
    page.locator("[data-testid='stTable']").get_by_text(shown).wait_for(timeout=30_000)
    layers = page.get_by_role("combobox", name=text("map.layers", lang))
    assert layers.count() >= 1


def _shape(path: str) -> str:
    """The drawing commands of an SVG path: the same for one shape at any size."""
    return re.sub(r"[^A-Za-z]", "", path)


@pytest.mark.parametrize("lang", LANGS)
def test_colour_is_never_the_only_carrier(
    staff_server: AppServer, new_page: Callable[..., Page], lang: str
) -> None:
    """Gaps are hatched on the map and named in the legend and in the map's content as
    text; each point layer has its own shape in the legend and the layer control."""
    page = new_page()
    page.goto(f"{staff_server.url}/?basemap=none&field=bousai&metric=jishubo_rate&lang={lang}")
    wait_for_map(page)
    settle(page)
    frame = page.frame_locator(MAP_FRAME).first
    fills = frame.locator("path.kyodo-gap").evaluate_all(
        "paths => paths.map(p => getComputedStyle(p).fill)"
    )
    assert fills, "this view has gaps"
    assert all("kyodo-hatch" in fill for fill in fills), fills
    assert text("map.legend.gap.jishubo_rate", lang) in frame.locator(".kyodo-legend").inner_text()

    page.get_by_text(text("a11y.summary.title", lang)).click()
    cells = page.locator("[data-testid='stTable'] tbody tr td:last-child")
    cells.first.wait_for(timeout=30_000)
    named = [c for c in cells.all_inner_texts() if c.strip() != text("a11y.gap.no", lang)]
    assert len(named) == len(fills)

    legend = frame.locator(".kyodo-legend svg.kyodo-swatch path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('d'))"
    )
    control = frame.locator(".leaflet-control-layers svg.kyodo-swatch path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('d'))"
    )
    layers = len(control)
    assert layers >= 3
    shapes = [_shape(d) for d in control]
    assert len(set(shapes)) == layers, f"point layers share a shape: {shapes}"
    assert [_shape(d) for d in legend[:layers]] == shapes
