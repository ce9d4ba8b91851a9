"""The pages work for another city: nothing assumes 21 areas or Yamaguchi's names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.city import register_city
from tests.conftest import ROOT
from tests.support.explorer import open_tab
from tests.support.tinycity import TINY


@pytest.fixture
def other_city(tiny_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    register_city(TINY)
    monkeypatch.setenv("KYODO_CITY", TINY.jis_code)
    monkeypatch.setenv("KYODO_DATA_DIR", str(tiny_dir))
    yield


def run(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def visible_text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.mark.usefixtures("other_city")
def test_explorer_for_another_city() -> None:
    at = run()
    assert at.title[0].value == "テスト市 協働まちづくりマップ"
    assert "4の地域" in at.caption[0].value
    assert "山口" not in visible_text(at)
    open_tab(at, "tab.gaps")
    assert len(at.dataframe[0].value) == 4
    assert "山口" not in visible_text(at)
    open_tab(at, "tab.table")
    assert len(at.dataframe[0].value) > 0
    assert "山口" not in visible_text(at)


@pytest.mark.usefixtures("other_city")
@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/matrix.py", {}),
        ("pages/area.py", {"area": "nw"}),
        ("pages/partners.py", {"area": "se", "need": "bousai"}),
        ("pages/about.py", {}),
    ],
)
def test_pages_for_another_city(page: str, params: dict[str, str]) -> None:
    at = run(page, **params)
    text = visible_text(at)
    assert "山口" not in text
    assert "さぽらんて" not in text


@pytest.mark.usefixtures("other_city")
def test_kiosk_for_another_city() -> None:
    at = run(kiosk="1")
    text = visible_text(at)
    assert "テスト市の4の地域" in text
    assert "山口" not in text
