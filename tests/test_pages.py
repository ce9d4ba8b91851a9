"""One AppTest per page, driven by widget keys."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.messages import MESSAGES, missing_translations

TIMEOUT = 60


def _app(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def test_every_message_has_both_languages() -> None:
    assert missing_translations() == []


def test_about_lists_sources_and_sample_notice() -> None:
    at = _app("pages/about.py")
    assert at.title[0].value == MESSAGES["about.header"]["ja"]
    table = at.dataframe[0].value
    assert any("e-Stat" in str(v) for v in table.iloc[:, 3])
    assert any(MESSAGES["about.sample"]["ja"] in w.value for w in at.warning)


def test_language_switch_is_in_the_sidebar() -> None:
    at = _app()
    at.sidebar.radio(key="lang.switch").set_value("en").run()
    assert at.session_state["lang"] == "en"


def test_language_changes_labels() -> None:
    at = _app("pages/about.py")
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == MESSAGES["about.header"]["en"]


def test_language_from_the_url() -> None:
    at = _app("pages/about.py", lang="en")
    assert at.title[0].value == MESSAGES["about.header"]["en"]


def test_matrix_counts_and_download() -> None:
    at = _app("pages/matrix.py")
    frame = at.dataframe[0].value
    assert len(frame) == 21
    assert any("サンプル" in w.value for w in at.warning)
    at.radio(key="matrix.group").set_value("npo").run()
    assert at.dataframe[0].value.shape == (21, 20)
    at.radio(key="matrix.metric").set_value("per_10k").run()
    assert not at.exception


@pytest.mark.parametrize("kind", ["civic_group", "association"])
def test_matrix_follows_the_kind_filter(kind: str) -> None:
    at = _app("pages/matrix.py")
    full = at.dataframe[0].value.to_numpy().sum()
    at.multiselect(key="view.kinds").set_value([kind]).run()
    assert at.dataframe[0].value.to_numpy().sum() < full
