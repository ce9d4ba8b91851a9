"""One AppTest per page, driven by widget keys."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.coverage import coverage
from geo.model import CityData
from geo.profile import area_profile
from geo.registry import Store
from geo.settings import load_settings
from geo.words import MESSAGES, missing_translations, text
from tests.conftest import ROOT
from ui.data import VERSION_TTL

TIMEOUT = 60


def _app(page: str | None = None, **params: str) -> AppTest:
    """Run the app, open ``page`` with ``params`` in its URL, as a browser would."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if page:
        at.query_params.update(params)
        at.run()
        at.switch_page(page)
        at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def qp(at: AppTest, key: str) -> str:
    """One URL parameter as the browser would see it."""
    value = at.query_params[key]
    return value if isinstance(value, str) else value[0]


def test_every_message_has_both_languages() -> None:
    assert missing_translations() == []


def test_about_lists_sources_and_sample_notice() -> None:
    at = _app("pages/about.py")
    assert at.title[0].value == MESSAGES["about.header"]["ja"]
    table = at.dataframe[0].value
    assert any("e-Stat" in str(v) for v in table.iloc[:, 3])
    banner = text("datastatus.banner", "ja", kinds="地域づくり協議会、自治会・町内会と市民活動団体")
    assert [w.value for w in at.warning] == [banner]
    status = next(d.value for d in at.dataframe if "サンプル（架空）" in d.value.columns)
    assert status["サンプル（架空）"].tolist() == [21, 621, 342, 124]
    assert status["実データ"].tolist() == [0, 0, 0, 0]
    assert "取り込んだ人" not in status.columns


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


# --- area page -------------------------------------------------------------------------------

AREA_IDS = [
    "odono",
    "shiraishi",
    "yuda",
    "niho",
    "osaba",
    "ouchi",
    "miyano",
    "yoshiki",
    "hirakawa",
    "otoshi",
    "sue",
    "suzenji",
    "natajima",
    "aio-futajima",
    "kagawa",
    "sayama",
    "ogori",
    "aio",
    "ajisu",
    "tokuji",
    "ato",
]


@pytest.mark.parametrize("area_id", AREA_IDS)
def test_area_page_renders_every_area(area_id: str, city: CityData) -> None:
    at = _app("pages/area.py", area=area_id)
    row = city.areas.set_index("area_id").loc[area_id]
    assert at.title[0].value == f"{row['name_ja']}地域"
    figures = at.dataframe[0].value
    assert f"{int(row['population_2020']):,}人" in figures.iloc[:, 1].tolist()
    assert not at.error


def test_area_figures_equal_the_geo_core(city: CityData) -> None:
    profile = area_profile(city, "yuda")
    at = _app("pages/area.py", area="yuda")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[MESSAGES["area.jishubo_area"]["ja"]] == f"{profile.jishubo_rate:.1%}"
    cov = coverage(city.areas, city.organisations, ("bousai",)).set_index("area_id")
    assert profile.jishubo_rate == pytest.approx(cov.loc["yuda", "jishubo_rate"])
    total = sum(area_profile(city, a).population for a in AREA_IDS)
    assert total == 193_966


@pytest.mark.parametrize("bad", ["atlantis", "<script>alert(1)</script>", "", "YUDA", "yuda;drop"])
def test_area_page_explains_an_unknown_id(bad: str) -> None:
    at = _app("pages/area.py", area=bad)
    assert at.error, "an unknown id must say so"
    assert "地域" in at.error[0].value
    assert not at.title  # no half-drawn page


def test_area_page_without_id_shows_the_picker() -> None:
    at = _app("pages/area.py")
    assert at.selectbox(key="area.pick").value == "odono"
    at.selectbox(key="area.pick").set_value("ajisu").run()
    assert at.title[0].value == "阿知須地域"


# --- explorer ------------------------------------------------------------------------------


def test_explorer_default_view() -> None:
    at = _app()
    assert at.title[0].value == "山口市 協働まちづくりマップ"
    assert at.subheader[0].value == "すべての団体: 21地域中 0地域で0団体"
    assert any("サンプル" in w.value for w in at.warning)
    gaps = at.dataframe[0].value
    assert len(gaps) == 21


def test_changing_the_field_changes_description_and_gaps() -> None:
    at = _app()
    before = at.dataframe[0].value
    at.multiselect(key="view.fields").set_value(["npo20"]).run()
    assert at.subheader[0].value.startswith("条例で定める活動 で活動する団体: 21地域中")
    after = at.dataframe[0].value
    assert not before.equals(after)
    assert qp(at, "field") == "npo20"


def test_query_params_restore_the_view() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    params = {
        "field": "bousai",
        "metric": "jishubo_rate",
        "area": "yuda",
        "layers": "councils,shelters",
        "hazard": "flood",
        "basemap": "none",
        "lang": "en",
    }
    at.query_params.update(params)
    at.run()
    assert not at.exception
    assert at.multiselect(key="view.fields").value == ["bousai"]
    assert at.radio(key="view.metric").value == "jishubo_rate"
    assert at.multiselect(key="view.layers").value == ["councils", "shelters"]
    assert at.selectbox(key="view.basemap").value == "none"
    assert at.subheader[0].value.startswith("Organisations active in Disaster preparedness")
    assert "### Yuda" in [m.value for m in at.markdown]
    for key, value in params.items():
        assert qp(at, key) == value, key


def test_gaps_tab_ranks_least_covered_first() -> None:
    at = _app(field="npo20")
    table = at.dataframe[0].value
    assert table.iloc[0]["団体数"] <= table.iloc[-1]["団体数"]
    assert "活動する団体がありません" in set(table["理由"])


def test_an_edit_in_the_registry_reaches_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYODO_REGISTRY_DIR", str(tmp_path))
    at = _app("pages/matrix.py")
    before = int(at.dataframe[0].value.to_numpy().sum())
    with Store.open(load_settings().registry_url) as store:
        stored = store.get("council-yuda")
        store.retire("council-yuda", expected_version=stored.version, who="test")
    time.sleep(VERSION_TTL + 0.2)
    at.run()
    after = int(at.dataframe[0].value.to_numpy().sum())
    assert after < before
