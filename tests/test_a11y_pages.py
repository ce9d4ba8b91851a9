"""AppTest: the map's content as text beside the map, the accessibility statement, the
page's language, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.city import YAMAGUCHI
from geo.coverage import GAP_CODES
from geo.words import text
from tests.conftest import ROOT
from tests.support.tables import as_read
from ui.a11y import LAST_CHECK
from ui.chrome import script as chrome_script

TIMEOUT = 60
CENTER = YAMAGUCHI.support_center


def _app(page: str | None, lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params.update({"lang": lang, **params})
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def _markdown(at: AppTest) -> str:
    """The page's Markdown as read: escapes and the invisible word joiners left out."""
    return "\n".join(m.value for m in at.markdown).replace("\u2060", "")


def _html(at: AppTest) -> list[str]:
    return [str(getattr(getattr(e, "proto", None), "body", "")) for e in at.get("html")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_maps_content_as_text_beside_the_map(lang: str) -> None:
    at = _app(None, lang, area="yuda")
    titles = [e.label for e in at.expander]
    assert text("a11y.summary.title", lang) in titles
    table = as_read(at.table[0])
    assert len(table) == 21
    assert table.index.name == text("a11y.summary.area", lang)
    assert list(table.columns) == [
        text("metric.count", lang),
        text("a11y.summary.class", lang),
        text("a11y.summary.gap", lang),
    ]
    selected = text("a11y.summary.selected", lang, name="湯田" if lang == "ja" else "Yuda")
    assert selected in list(table.index)
    kinds = tuple(text(f"gap.kind.{code}", lang) for code in GAP_CODES)
    assert all(v == text("a11y.gap.no", lang) or v.startswith(kinds) for v in table.iloc[:, 2])
    assert text("a11y.summary.gaps", lang, total=21, n=0).split("0")[0] in _markdown(at)


def test_the_summary_follows_the_metric_and_field() -> None:
    at = _app(None, "ja", field="bousai", metric="jishubo_rate")
    table = as_read(at.table[0])
    assert table.columns[0] == text("metric.jishubo_rate", "ja")
    assert all(v.endswith("%") for v in table.iloc[:, 0])
    assert "防災・減災" in _markdown(at)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_accessibility_statement(lang: str) -> None:
    at = _app("pages/about.py", lang)
    assert text("a11y.statement.header", lang) in [h.value for h in at.subheader]
    body = _markdown(at).replace("\\", "")
    assert "JIS X 8341-3:2016" in body
    assert "WCAG 2.2" in body
    assert "axe-core 4." in body
    assert CENTER.tel in body
    assert (CENTER.name_ja if lang == "ja" else CENTER.name_en) in body


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_page_language_is_set_for_the_session(lang: str) -> None:
    at = _app("pages/about.py", lang)
    scripts = [h for h in _html(at) if 'setAttribute("lang"' in h and "<script>" in h]
    assert len(scripts) == 1
    assert f'setAttribute("lang", "{lang}")' in scripts[0]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", [None, "pages/about.py", "pages/matrix.py", "pages/area.py"])
def test_streamlit_s_own_words_are_written_in_the_session_s_language(
    page: str | None, lang: str
) -> None:
    """Every page carries the script with the language's words (``ui.chrome``) once."""
    at = _app(page, lang)
    scripts = [h for h in _html(at) if "kyodoChrome" in h]
    assert [h.strip() for h in scripts] == [chrome_script(lang).strip()]


def test_the_kiosk_sets_the_page_language_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_KIOSK", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    assert any('setAttribute("lang", "ja")' in h for h in _html(at))


def test_the_statement_names_the_axe_core_the_browser_tests_run() -> None:
    axe = pytest.importorskip("axe_playwright_python.base")
    assert axe.AXE_SCRIPT.startswith(f"/*! axe v{LAST_CHECK.version}\n")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_area_pages_map_as_text(lang: str) -> None:
    at = _app("pages/area.py", lang, area="ajisu")
    assert text("a11y.summary.title", lang) in [e.label for e in at.expander]
    table = next(
        as_read(t) for t in at.table if t.value.index.name == text("a11y.summary.area", lang)
    )
    assert len(table) == 21
    name = "阿知須" if lang == "ja" else "Ajisu"
    assert text("a11y.summary.selected", lang, name=name) in list(table.index)
