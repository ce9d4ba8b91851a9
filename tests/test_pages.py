"""One AppTest per page, driven by widget keys."""

from __future__ import annotations

import ast
import io
import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.coverage import coverage, covering, gap_rule
from geo.filters import OrgFilter
from geo.model import CityData
from geo.profile import area_profile
from geo.registry import Store
from geo.settings import load_settings
from geo.words import MESSAGES, Named, missing_translations, text
from tests.conftest import ROOT
from tests.support.downloads import capture_downloads, downloaded
from tests.support.explorer import TAB_KEY, TABS, open_tab
from tests.support.tables import as_read
from ui.data import VERSION_TTL
from ui.matrixview import MATRIX_GAP_TEXT, matrix_order, matrix_styler
from ui.panels import GAP_REASON_PX, ORG_ROWS_SHOWN
from ui.tables import TABLE_BORDERS_PX, TABLE_HEADER_PX, WRAPPED_ROW_PX, table_height, text_width
from ui.text import md_literal

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
    table = as_read(at.table[0])  # read in full: a plain table
    assert any("e-Stat" in str(v) for v in table[MESSAGES["col.attribution"]["ja"]])
    banner = text("datastatus.banner", "ja", kinds="地域づくり協議会、自治会・町内会と市民活動団体")
    assert [w.value for w in at.warning] == [banner]
    status = next(d.value for d in at.dataframe if "サンプル（架空）" in d.value.columns)
    assert status["サンプル（架空）"].tolist() == [21, 621, 342, 124]
    assert status["実データ"].tolist() == [0, 0, 0, 0]
    assert "取り込んだ人" not in status.columns


#: Latin words a Japanese page may show among the sources: names (Geolonia, e-Stat,
#: kyodo-map, Creative Commons' BY) and the web addresses' parts.
SOURCE_NAMES = {"Geolonia", "Stat", "kyodo"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_sources_speak_the_language_of_the_page(lang: str) -> None:
    """The sources' table: every title, publisher, licence and attribution in the
    page's language (names aside); the addresses as they are."""
    at = _app("pages/about.py", lang=lang)
    table = as_read(at.table[0])
    url = MESSAGES["col.url"][lang]
    texts = [str(v) for v in table.index] + [
        str(v) for name in table.columns if name != url for v in table[name]
    ]
    assert len(texts) == 4 * 7
    if lang == "en":
        assert [x for x in texts if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", x)] == []
    else:
        latin = {w for x in texts for w in re.findall(r"[A-Za-z]{4,}", x)}
        assert latin <= SOURCE_NAMES, latin


def test_language_switch_is_in_the_sidebar() -> None:
    at = _app()
    at.sidebar.radio(key="lang.switch").set_value("en").run()
    assert at.session_state["lang"] == "en"


def test_language_changes_labels() -> None:
    at = _app("pages/about.py")
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == MESSAGES["about.header"]["en"]


@pytest.mark.parametrize("asked", ["en", "EN", " En "])
def test_language_from_the_url(asked: str) -> None:
    at = _app("pages/about.py", lang=asked)
    assert at.title[0].value == MESSAGES["about.header"]["en"]


def _matrix(at: AppTest) -> pd.DataFrame:
    """The matrix the page shows: a plain table for the 8 local needs (as read), else
    the interactive one."""
    return as_read(at.table[0]) if len(at.table) else at.dataframe[0].value


def test_matrix_counts_and_download() -> None:
    at = _app("pages/matrix.py")
    frame = _matrix(at)
    assert frame.shape == (21, 8) and len(at.table) == 1  # 8 fields: read in full
    assert any("サンプル" in w.value for w in at.warning)
    at.radio(key="matrix.group").set_value("npo").run()
    assert len(at.table) == 0 and at.dataframe[0].value.shape == (21, 20)
    at.radio(key="matrix.metric").set_value("per_10k").run()
    assert not at.exception


def test_the_matrix_says_when_the_filter_narrows_or_empties_it() -> None:
    def notes(at: AppTest) -> list[str]:
        said = [e.value for e in [*at.info, *at.warning]]
        return [s for s in said if s.startswith("サイドバーの絞り込みに合う")]

    at = _app("pages/matrix.py")
    assert notes(at) == []  # (nothing filtered: nothing to say)
    at.multiselect(key="view.kinds").set_value(["council"]).run()
    (note,) = notes(at)
    assert note.startswith("サイドバーの絞り込みに合う21団体だけを数えています（")
    at.multiselect(key="view.kinds").set_value([]).run()
    at.text_input(key="view.text").set_value("[x](javascript:alert(1)) 見つからない").run()
    (warning,) = notes(at)
    assert warning.startswith("サイドバーの絞り込みに合う団体がありません（")
    assert "](javascript" not in warning  # (the text stays text)


@pytest.mark.parametrize("kind", ["civic_group", "association"])
def test_matrix_follows_the_kind_filter(kind: str) -> None:
    at = _app("pages/matrix.py")
    full = _matrix(at).to_numpy().sum()
    at.multiselect(key="view.kinds").set_value([kind]).run()
    assert _matrix(at).to_numpy().sum() < full


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
    figures = as_read(at.table[0])
    assert f"{int(row['population_2020']):,}人" in figures.iloc[:, 0].tolist()
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


@pytest.mark.parametrize("bad", ["atlantis", "<script>alert(1)</script>", "yuda;drop"])
def test_area_page_explains_an_unknown_id(bad: str) -> None:
    at = _app("pages/area.py", area=bad)
    assert at.error, "an unknown id must say so"
    assert "地域" in at.error[0].value
    assert not at.title  # no half-drawn page


@pytest.mark.parametrize(
    ("given", "area_id", "title"),
    [
        ("YUDA", "yuda", "湯田地域"),
        ("湯田", "yuda", "湯田地域"),
        (" 湯田地域 ", "yuda", "湯田地域"),
        ("ｙｕｄａ", "yuda", "湯田地域"),
        ("aio-futajima", "aio-futajima", "秋穂二島地域"),
        ("AIO-FUTAJIMA", "aio-futajima", "秋穂二島地域"),
        ("", "odono", "大殿地域"),  # an empty area: as without one
    ],
)
def test_area_page_takes_an_area_by_any_of_its_names(given: str, area_id: str, title: str) -> None:
    at = _app("pages/area.py", area=given, extra="<b>x</b>")
    assert not at.error
    assert at.title[0].value == title
    assert at.query_params["area"] == area_id  # the address says what is shown, no more
    assert "extra" not in at.query_params


def test_area_page_without_id_shows_the_picker() -> None:
    at = _app("pages/area.py")
    assert at.selectbox(key="area.pick").value == "odono"
    at.selectbox(key="area.pick").set_value("ajisu").run()
    assert at.title[0].value == "阿知須地域"


# --- explorer ------------------------------------------------------------------------------

GAPS_KIND = MESSAGES["col.gap_kind"]["ja"]
GAPS_AREA = MESSAGES["col.area"]["ja"]
GAPS_REASON = MESSAGES["col.reason"]["ja"]
GAPS_PER_10K = MESSAGES["col.per_10k"]["ja"]


def _headline(at: AppTest) -> str:
    """The headline as a reader sees it (the page escapes it for Markdown)."""
    return re.sub(r"\\(.)", r"\1", at.subheader[0].value)


def _gaps_table(at: AppTest) -> pd.DataFrame:
    """The gaps tab's table (the tab opened)."""
    open_tab(at, "tab.gaps")
    (table,) = [d.value for d in at.dataframe if GAPS_PER_10K in d.value.columns]
    return table


def _expected_headline(
    city: CityData, fields: tuple[str, ...], metric: str, lang: str = "ja"
) -> str:
    flt = OrgFilter(fields=frozenset(fields))
    orgs = flt.apply(city.organisations)
    cov = coverage(city.areas, orgs, fields, metric=metric, associations=city.organisations)
    names = {
        a: Named(j, e)
        for a, j, e in zip(city.areas["area_id"], city.areas["name_ja"], city.areas["name_en"])
    }
    fields_named = {f.code: Named(f.short_ja, f.short_en) for f in city.catalog.fields}
    said = flt.headline(
        cov,
        metric=metric,
        organisations=covering(orgs, list(names)),
        names=names,
        field_names=fields_named,
    )
    return said.text(lang)


def test_explorer_default_view(city: CityData) -> None:
    at = _app()
    assert at.title[0].value == "山口市 協働まちづくりマップ"
    assert at.subheader[0].value == md_literal(_expected_headline(city, (), "count"))
    headline = _headline(at)
    assert headline.startswith("すべての分野：") and "地域中" not in headline
    assert any("サンプル" in w.value for w in at.warning)
    assert len(_gaps_table(at)) == 21


def test_a_tab_is_drawn_only_while_open_and_stays_open_in_the_other_language() -> None:
    at = _app()
    assert [tab.label for tab in at.tabs] == [MESSAGES[k]["ja"] for k in TABS]
    assert not at.tabs[1].children and not at.tabs[2].children  # the map's tab is open
    open_tab(at, "tab.table")
    assert at.session_state[TAB_KEY] == "団体の一覧（表）"
    assert at.tabs[2].dataframe and not at.tabs[1].children
    at.sidebar.radio(key="lang.switch").set_value("en").run()
    assert at.session_state[TAB_KEY] == "Organisations (table)"
    assert [tab.label for tab in at.tabs] == [MESSAGES[k]["en"] for k in TABS]
    assert at.tabs[2].dataframe  # the table, now in English, still open
    assert "Fields" in at.tabs[2].dataframe[0].value.columns


@pytest.mark.parametrize(("rows", "shown"), [(0, 1), (1, 1), (3, 3), (8, 8), (984, 8)])
def test_a_wrapped_table_is_as_tall_as_its_rows_up_to_a_limit(rows: int, shown: int) -> None:
    height = TABLE_HEADER_PX + WRAPPED_ROW_PX * shown + TABLE_BORDERS_PX
    assert table_height(rows, ORG_ROWS_SHOWN) == height
    assert ORG_ROWS_SHOWN == 8


@pytest.mark.parametrize(
    ("lang", "fields", "first"),
    [
        ("ja", "活動分野", "3.\u00a0まちづくり、"),
        ("en", "Fields", "3.\u00a0Community development, "),
    ],
)
def test_the_organisations_table_wraps_its_long_texts(lang: str, fields: str, first: str) -> None:
    at = open_tab(_app(lang=lang), "tab.table")
    (table,) = [d for d in at.dataframe if fields in d.value.columns]
    assert table.proto.row_height == WRAPPED_ROW_PX > 64  # Streamlit wraps over 4rem
    widths = {name: c.get("width") for name, c in json.loads(table.proto.columns).items()}
    # the long columns wrap at widths that, with the short ones, fit a planner's screen
    assert widths[fields] <= 320
    assert sum(w for w in widths.values() if w) <= 1140
    # a field's number is held to its name (a line is not broken after 「3.」), and only
    # that space: the names keep theirs
    cell = table.value.iloc[0][fields]
    assert cell.startswith(first)
    assert cell.count("\u00a0") == cell.count(".\u00a0")


@pytest.mark.parametrize(
    ("fields", "metric"),
    [(("kosodate",), "count"), (("bousai",), "jishubo_rate"), (("npo20",), "per_10k")],
)
def test_the_headline_agrees_with_the_gaps_tab(
    city: CityData, fields: tuple[str, ...], metric: str
) -> None:
    at = _app(field=",".join(fields), metric=metric)
    assert at.subheader[0].value == md_literal(_expected_headline(city, fields, metric))
    headline = _headline(at)
    table = _gaps_table(at)
    if GAPS_KIND not in table:  # (no area is a gap: no empty columns of gaps)
        assert "空白・少ない地域なし" in headline
        return
    flagged = table[table[GAPS_KIND] != ""]
    for kind, rows in flagged.groupby(GAPS_KIND):
        assert f"{len(rows)}地域" in headline, kind
        if len(rows) <= 5:
            for name in rows[GAPS_AREA]:
                assert name in headline
    # a reason only for gaps, figures with one decimal
    assert (table[GAPS_REASON] != "").tolist() == (table[GAPS_KIND] != "").tolist()
    per_10k = table[GAPS_PER_10K].astype(float)
    assert (per_10k == per_10k.round(1)).all()
    if metric == "jishubo_rate":
        assert "全国平均（84.3%）未満" in headline
        assert set(flagged[GAPS_KIND]) <= {"要注意", "空白", "少ない"}


def test_the_national_rate_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYODO_NATIONAL_JISHUBO_PERCENT", "30")
    at = _app(field="bousai", metric="jishubo_rate")
    assert "全国平均（30.0%）" in _headline(at)


def test_changing_the_field_changes_headline_and_gaps() -> None:
    at = _app()
    before = _gaps_table(at)
    at.multiselect(key="view.fields").set_value(["npo20"]).run()
    assert _headline(at).startswith("条例で定める活動：")
    assert not before.equals(_gaps_table(at))
    assert qp(at, "field") == "npo20"


def test_the_back_button_restores_the_earlier_view() -> None:
    at = _app(field="kosodate")
    at.multiselect(key="view.fields").set_value(["bousai"]).run()
    assert qp(at, "field") == "bousai"
    at.query_params["field"] = "kosodate"  # the address the back button returns to
    at.run()
    assert at.multiselect(key="view.fields").value == ["kosodate"]
    assert qp(at, "field") == "kosodate"
    at.multiselect(key="view.fields").set_value(["npo20"]).run()  # and widgets win again
    assert qp(at, "field") == "npo20"


def test_the_area_page_keeps_its_area_and_language_in_the_address() -> None:
    at = _app("pages/area.py", area="yuda")
    at.selectbox(key="area.pick").set_value("niho").run()
    assert dict(at.query_params) == {"area": "niho"}
    at.session_state["lang"] = "en"
    at.run()
    assert dict(at.query_params) == {"area": "niho", "lang": "en"}
    at.query_params["area"] = "shiraishi"  # the back button
    at.run()
    assert at.selectbox(key="area.pick").value == "shiraishi"
    assert at.title[0].value == "Shiraishi"


def test_the_matrix_keeps_its_choices_in_the_address() -> None:
    at = _app("pages/matrix.py", extra="1", group="npo")
    assert at.radio(key="matrix.group").value == "npo"
    at.multiselect(key="view.kinds").set_value(["civic_group"])
    at.text_input(key="view.text").set_value("<b>x")
    at.radio(key="matrix.metric").set_value("per_10k").run()
    assert dict(at.query_params) == {
        "kind": "civic_group",
        "q": "<b>x",
        "group": "npo",
        "metric": "per_10k",
    }
    at.query_params["metric"] = "count"  # the back button
    at.run()
    assert at.radio(key="matrix.metric").value == "count"


def test_query_params_restore_the_view() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    params = {
        "field": "bousai",
        "metric": "jishubo_rate",
        "areas": "yoshiki,sayama",
        "base": "yuda",
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
    assert at.multiselect(key="view.areas").value == ["yoshiki", "sayama"]
    assert at.multiselect(key="view.bases").value == ["yuda"]
    assert at.radio(key="view.metric").value == "jishubo_rate"
    assert at.multiselect(key="view.layers").value == ["councils", "shelters"]
    assert at.selectbox(key="view.basemap").value == "none"
    assert at.selectbox(key="view.area").value == "yuda"
    assert _headline(at).startswith("Disaster preparedness (based in Yuda) in Yoshiki, Sayama")
    for key, value in params.items():
        assert qp(at, key) == value, key


def test_focus_keeps_the_coverage_of_the_whole_city() -> None:
    whole = _app(field="kosodate")
    focused = _app(field="kosodate", areas="yoshiki,sayama")
    table = _gaps_table(focused)
    assert sorted(table[GAPS_AREA]) == sorted(["吉敷", "佐山"])
    full = _gaps_table(whole).set_index(GAPS_AREA)
    for _, row in table.iterrows():
        assert row[GAPS_PER_10K] == full.loc[row[GAPS_AREA], GAPS_PER_10K]
    assert "【吉敷、佐山】" in _headline(focused)


def test_the_panel_picks_an_area_without_the_map() -> None:
    at = _app(field="bousai")
    at.selectbox(key="view.area").set_value("sayama").run()
    assert qp(at, "area") == "sayama"
    links = [str(p.proto.label) for p in at.get("page_link")]
    assert "佐山のページを開く" in links
    at.button(key="explorer.clear_area").click().run()
    assert at.selectbox(key="view.area").value is None


def test_the_language_switch_keeps_every_choice() -> None:
    at = _app(field="bousai", metric="jishubo_rate", areas="sayama", kind="civic_group")
    at.multiselect(key="view.layers").set_value(["councils", "shelters"]).run()
    at.sidebar.radio(key="lang.switch").set_value("en").run()
    assert at.session_state["lang"] == "en"
    assert at.multiselect(key="view.fields").value == ["bousai"]
    assert at.multiselect(key="view.areas").value == ["sayama"]
    assert at.multiselect(key="view.kinds").value == ["civic_group"]
    assert at.multiselect(key="view.layers").value == ["councils", "shelters"]
    assert at.radio(key="view.metric").value == "jishubo_rate"
    assert at.multiselect(key="view.fields").proto.options[0] == "Disaster preparedness"
    assert _headline(at).startswith("Disaster preparedness")


def test_no_multiselect_offers_select_all() -> None:
    at = _app(layers="shelters")
    assert at.multiselect
    assert all(m.proto.select_all == 0 for m in at.multiselect)


def test_gaps_tab_ranks_least_covered_first() -> None:
    at = _app(field="npo20")
    table = _gaps_table(at)
    assert table.iloc[0]["団体数"] <= table.iloc[-1]["団体数"]
    assert "活動する団体がありません" in set(table[GAPS_REASON])
    assert not at.success


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_gaps_reasons_wrap_instead_of_being_cut(lang: str) -> None:
    """With gaps, each reason (「自主防災組織 活動カバー率 39.8%（全国平均 84.3% 未満）」)
    is read whole: its column is as wide as it needs up to a width, and wraps it beyond
    that in taller rows (English), rather than cutting it."""
    at = open_tab(_app(field="bousai", metric="jishubo_rate", lang=lang), "tab.gaps")
    reason = MESSAGES["col.reason"][lang]
    (table,) = [d for d in at.tabs[1].dataframe if reason in d.value.columns]
    width = json.loads(table.proto.columns)[reason]["width"]
    longest = max(table.value[reason], key=len)
    assert width == min(GAP_REASON_PX, text_width(pd.Series([longest, reason])))
    fits = text_width(pd.Series([longest])) <= width
    assert fits == (lang == "ja")
    assert (table.proto.row_height == WRAPPED_ROW_PX) == (not fits)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_without_gaps_the_tab_says_so_first_and_has_no_empty_columns(lang: str) -> None:
    """With no area a gap, 「空白・手薄な地域はありません。」 comes before the figures, and the
    table has no 判定 or 理由 columns, empty in every row, that push the figures out of
    view."""
    at = open_tab(_app(field="kosodate", lang=lang), "tab.gaps")
    said = MESSAGES["gaps.none"][lang]
    gaps_tab = at.tabs[1]
    shown = [type(e).__name__ for e in gaps_tab.children.values()]
    assert [e.value for e in gaps_tab.success] == [said]
    assert shown.index("Success") < shown.index("Dataframe")
    (table,) = [d.value for d in gaps_tab.dataframe]
    assert len(table) == 21
    for key in ("col.gap_kind", "col.reason"):
        assert MESSAGES[key][lang] not in table.columns


# --- matrix ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "caption"),
    [("count", "matrix.caption.count"), ("per_10k", "matrix.caption.per_10k")],
)
def test_matrix_caption_follows_the_metric(metric: str, caption: str) -> None:
    at = _app("pages/matrix.py")
    at.radio(key="matrix.metric").set_value(metric).run()
    assert MESSAGES[caption]["ja"] in [c.value for c in at.caption]
    labels = [r.label for r in at.radio] + [m.label for m in at.multiselect]
    assert MESSAGES["filter.metric"]["ja"] not in labels, "no map, no 地図の色分け"
    assert MESSAGES["matrix.values"]["ja"] in labels


def test_matrix_shows_full_names_and_marks_gaps() -> None:
    at = _app("pages/matrix.py")
    frame = _matrix(at)
    assert "秋穂二島" in frame.index.tolist()
    assert "移動支援・買い物支援" in frame.columns.tolist()
    at.radio(key="matrix.group").set_value("npo").run()
    styled = at.dataframe[0]
    assert styled.value.shape == (21, 20)


def test_matrix_gap_cells_are_red_with_their_mark() -> None:
    values = pd.DataFrame({"防災・減災": [0, 3, 12]}, index=["陶", "佐山", "小郡"])
    marks = pd.DataFrame(
        {"防災・減災": ["no_organisation", "below_rate", "none"]}, index=values.index
    )
    html = matrix_styler(values, marks, metric="count").to_html()
    assert ">0 ✕<" in html and ">3 ▼<" in html and ">12<" in html
    rule = re.search(r"([^{}]*)\{[^}]*" + MATRIX_GAP_TEXT, html)  # the gap cells' CSS rule
    assert rule is not None
    cells = set(re.findall(r"row(\d)_col0", rule.group(1)))
    assert cells == {"0", "1"}
    ordered = matrix_order(values, "防災・減災", descending=True)
    assert ordered.index.tolist() == ["小郡", "佐山", "陶"]
    assert matrix_order(values, "area", descending=True).index.tolist() == ["陶", "佐山", "小郡"]


def test_matrix_csv_has_a_header_block_and_the_order_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    capture_downloads(monkeypatch)
    at = _app("pages/matrix.py")
    at.selectbox(key="matrix.sort").set_value("kosodate").run()
    at.toggle(key="matrix.descending").set_value(True).run()
    shown = _matrix(at)
    csv_text = downloaded(at).decode("utf-8")
    assert csv_text.startswith("\ufeff")
    head, _, body = csv_text.removeprefix("\ufeff").partition("\r\n\r\n")
    notes = dict(line.split(",", 1) for line in head.split("\r\n"))
    assert notes["表題"] == MESSAGES["matrix.header"]["ja"]
    kinds = "地域づくり協議会、自治会・町内会と市民活動団体"
    assert notes["サンプルデータ"] == text("datastatus.banner", "ja", kinds=kinds)
    assert notes["分野"] == MESSAGES["matrix.needs"]["ja"]
    assert notes["値"] == MESSAGES["metric.count"]["ja"]
    assert notes["並び順"] == "「子育て支援」の多い順"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", notes["作成日"])
    assert "e-Stat" in notes["出典"]
    figures, _, gaps = body.partition("\r\n\r\n")
    table = pd.read_csv(io.StringIO(figures))
    assert table.iloc[:, 0].tolist() == shown.index.tolist()
    column = table["子育て支援"].tolist()
    assert column == sorted(column, reverse=True)
    title, _, rest = gaps.partition("\r\n")
    assert title.strip('"') == text(
        "matrix.marks", "ja", share=gap_rule(load_settings()).min_share_of_rate
    )
    marked = pd.read_csv(io.StringIO(rest), keep_default_na=False)
    assert marked.iloc[:, 0].tolist() == shown.index.tolist()
    assert set(marked.iloc[:, 1:].to_numpy().ravel()) <= {"", "✕", "▼"}


def test_the_english_matrix_csv_names_its_sources_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    capture_downloads(monkeypatch)
    at = _app("pages/matrix.py", lang="en")
    text = downloaded(at).decode("utf-8")
    assert MESSAGES["source.estat.attribution"]["en"] in text
    assert "出典" not in text


def test_an_edit_in_the_registry_reaches_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYODO_REGISTRY_DIR", str(tmp_path))
    at = _app("pages/matrix.py")
    before = int(_matrix(at).to_numpy().sum())
    with Store.open(load_settings().registry_url) as store:
        stored = store.get("council-yuda")
        store.retire("council-yuda", expected_version=stored.version, who="test")
    time.sleep(VERSION_TTL + 0.2)
    at.run()
    after = int(_matrix(at).to_numpy().sum())
    assert after < before


#: Streamlit's widgets that show their choices in words (through ``format_func``).
PICKERS = {"selectbox", "multiselect", "radio", "pills", "segmented_control", "select_slider"}


def _picker_keys() -> list[tuple[str, int, str]]:
    """Every picker with a ``format_func`` in the app's code: (file, line, its key as
    written)."""
    found = []
    files = sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")])
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            words = {k.arg: k.value for k in node.keywords}
            if node.func.attr in PICKERS and "format_func" in words:
                key = words.get("key")
                assert key is not None, f"{path.name}:{node.lineno}: a picker without a key"
                found.append((path.name, node.lineno, ast.unparse(key)))
    return found


#: A picker noted by :func:`ui.i18n.worded`, a text box and a picker shown on demand.
WORDED_SCRIPT = """
import streamlit as st
from ui.i18n import set_worded_again, worded
st.radio("r", ["a", "b"], format_func=str.upper, key=worded("r"))
st.text_input("t", key="t")
if st.session_state.get("show", True):
    st.selectbox("s", ["x", "y"], format_func=str.upper, key=worded("s"))
st.button("again", on_click=set_worded_again)
"""


def test_a_change_of_language_sets_the_noted_pickers_again() -> None:
    """The pickers are sent again with their choices (in the new words); a text box is
    not (what was typed and not yet saved stays as typed); a picker no longer in the
    session is forgotten."""
    at = AppTest.from_string(WORDED_SCRIPT, default_timeout=TIMEOUT).run()
    at.radio(key="r").set_value("b")
    at.text_input(key="t").input("typed")
    at.selectbox(key="s").select("y").run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.radio(key="r").proto.set_value and at.radio(key="r").value == "b"
    assert at.selectbox(key="s").proto.set_value and at.selectbox(key="s").value == "y"
    assert not at.text_input(key="t").proto.set_value and at.text_input(key="t").value == "typed"
    at.session_state["show"] = False
    at.run()
    at.button[0].click().run()
    assert at.session_state["lang.worded"] == {"r"}


def test_every_worded_picker_is_set_again_on_a_change_of_language() -> None:
    """A picker whose key does not pass through :func:`ui.i18n.worded` would show its
    choice in the old language's words, or none, after a change of language."""
    keys = _picker_keys()
    assert len(keys) >= 25
    plain = [(where, key) for where, _, key in keys if not key.startswith("worded(")]
    assert plain == [("layout.py", "LANG_WIDGET")]  # the switch itself
