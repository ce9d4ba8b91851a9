"""Every page, opened with hostile values in every URL parameter it reads, shows them as
text: no link, no image, no HTML, no math, code or directive (AppTest; the browser half
is in tests/browser/test_explorer_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.registry.auth import hash_password
from geo.settings import env_name
from tests.conftest import ROOT
from tests.support.markdown import dangers, markdown_texts
from ui.text import md_literal

TIMEOUT = 90
MARK = "PWN"
#: Hostile values, each short enough to survive the pages' 40-character cut.
PAYLOADS = (
    f"{MARK}[x](https://e.x/a)![i](https://e.x/i)",
    f"{MARK}<img src=x onerror=alert(1)>${{7*7}}",
    f"{MARK}`c`$x^2$:red[r] www.e.x https://e.x",
)
#: Every URL parameter a page reads.
PARAMS = (
    "q",
    "area",
    "need",
    "org",
    "field",
    "lang",
    "metric",
    "kind",
    "areas",
    "layers",
    "hazard",
    "basemap",
)
PAGES = (
    "pages/explorer.py",
    "pages/matrix.py",
    "pages/area.py",
    "pages/partners.py",
    "pages/about.py",
    "pages/import.py",
    "pages/edit.py",
    "pages/kiosk.py",
)
#: Pages that show a hostile value back (so the check cannot pass by showing nothing).
ECHOING = {"pages/explorer.py": "q", "pages/area.py": "area", "pages/partners.py": "area"}


@pytest.fixture(autouse=True)
def _registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("registry", "database_url", "kiosk", "data_dir", "city"):
        monkeypatch.delenv(env_name(name), raising=False)
    monkeypatch.setenv(env_name("registry_dir"), str(tmp_path / "var"))


def _open(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.secrets["kyodo"] = {"editor_password_hash": hash_password("x" * 12, n=2**8)}
    if page == "pages/kiosk.py":
        params = {**params, "kiosk": "1"}
    elif page != "pages/explorer.py":
        at.run()
        at.switch_page(page)
    at.query_params.update(params)
    at.run()
    return at


@pytest.mark.parametrize("turn", range(len(PAYLOADS)))
@pytest.mark.parametrize("page", PAGES)
def test_url_values_render_as_text(page: str, turn: int) -> None:
    # each turn gives each parameter another payload: over the turns, every one gets all
    params = {name: PAYLOADS[(i + turn) % len(PAYLOADS)] for i, name in enumerate(PARAMS)}
    at = _open(page, params)
    assert not at.exception, at.exception
    shown = [(kind, field, text) for kind, field, text in markdown_texts(at) if MARK in text]
    bad = [(kind, field, text, dangers(text)) for kind, field, text in shown if dangers(text)]
    assert bad == []
    if page in ECHOING:
        value = md_literal(params[ECHOING[page]][:40])
        assert any(value in text for _, _, text in shown), [t for _, _, t in shown]


def test_the_checks_see_what_markdown_would_do() -> None:
    for payload in PAYLOADS:
        assert dangers(payload)
        assert dangers(md_literal(payload)) == []
