"""AppTest of 連携先をさがす, driven by widget keys and query parameters."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo.city import YAMAGUCHI
from geo.matching import areas_needing, rank_partners, reasons_line, reasons_text
from geo.model import ORG_KINDS, CityData
from geo.words import LANGS, MESSAGES, ONE, missing_translations
from geo.words.partners import PARTNER_MESSAGES
from tests.conftest import ROOT
from tests.support.tables import as_read, as_shown, plain
from ui.partners import PAGE_SIZE
from ui.text import kept_together

TIMEOUT = 60
PAGE = ROOT / "pages" / "partners.py"
SCORE = "partners.col.score"
NEED = "partners.col.need"


def _page(tmp_path: Path, **params: str) -> AppTest:
    """Run the page through a one-page navigation, with ``params`` in its URL."""
    script = tmp_path / "partners_app.py"
    script.write_text(
        "import streamlit as st\n"
        f"st.navigation([st.Page({str(PAGE)!r}, url_path='partners')]).run()\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _tables(at: AppTest, key: str) -> list[pd.DataFrame]:
    """The tables shown with the column ``key`` (partners: score, reverse view: need)."""
    column = PARTNER_MESSAGES[key]["ja"]
    shown = [*(d.value for d in at.dataframe), *(as_read(d) for d in at.table)]
    return [d for d in shown if column in d.columns]


def _table(at: AppTest, key: str) -> pd.DataFrame:
    (table,) = _tables(at, key)
    return table


def _text(key: str, **values: object) -> str:
    return PARTNER_MESSAGES[key]["ja"].format(**values)


def test_partner_texts_have_both_languages_and_do_not_clash() -> None:
    # (by the catalogue's rule: a singular form holds only the languages that change)
    assert [k for k in missing_translations() if k in PARTNER_MESSAGES] == []
    assert all(
        PARTNER_MESSAGES[k].get(x) for k in PARTNER_MESSAGES for x in LANGS if not k.endswith(ONE)
    )
    assert all(MESSAGES.get(k, v) == v for k, v in PARTNER_MESSAGES.items())


def test_page_ranks_partners_with_reasons(tmp_path: Path, city: CityData) -> None:
    at = _page(tmp_path, area="yuda", need="mimamori")
    found = rank_partners(city, "yuda", "mimamori", today=dt.date.today())
    outside = [s for s in found if not s.active_here]
    table = _table(at, SCORE)
    assert len(table) == min(len(outside), PAGE_SIZE)
    assert table.iloc[0, 1] == outside[0].name
    assert table.iloc[0, 6] == reasons_text(outside[0], "ja")
    # the figures stay numbers (aligned right), shown with one decimal
    score = PARTNER_MESSAGES[SCORE]["ja"]
    assert pd.api.types.is_numeric_dtype(table[score])
    (shown,) = [as_shown(d) for d in at.table if score in as_read(d).columns]
    assert shown[score].tolist() == [f"{s.score:.1f}" for s in outside[:PAGE_SIZE]]
    assert any(
        _text("partners.count", area="湯田", need="高齢者の見守り・福祉", n=len(outside)) == s.value
        for s in at.subheader
    )
    assert any("サンプル" in w.value for w in at.warning)


def test_groups_already_here_are_listed_apart(tmp_path: Path, city: CityData) -> None:
    at = _page(tmp_path, area="ouchi", need="kosodate")
    found = rank_partners(city, "ouchi", "kosodate", today=dt.date.today())
    here = [s for s in found if s.active_here]
    outside = [s for s in found if not s.active_here]
    assert here and outside
    ranked = _table(at, SCORE)
    names = set(ranked.iloc[:, 1])
    assert names.isdisjoint(s.name for s in here), "no group already here among the partners"
    distances = [float(d) for d in ranked.iloc[:, 5]]
    assert min(distances) > 0 or any(s.citywide for s in outside[: len(ranked)])
    (listed,) = [d.value for d in at.dataframe if len(d.value) == len(here)]
    assert set(listed.iloc[:, 0]) == {s.name for s in here}
    heading = _text("partners.here", area="大内", n=len(here))
    assert heading in [s.value for s in at.subheader]


def test_twenty_partners_then_more(tmp_path: Path, city: CityData) -> None:
    at = _page(tmp_path, area="ouchi", need="kosodate")
    outside = [
        s
        for s in rank_partners(city, "ouchi", "kosodate", today=dt.date.today())
        if not s.active_here
    ]
    assert len(outside) > PAGE_SIZE
    assert len(_table(at, SCORE)) == PAGE_SIZE
    at.button(key="partners.more").click().run()
    assert len(_table(at, SCORE)) == min(len(outside), 2 * PAGE_SIZE)
    at.selectbox(key="partners.need").set_value("bousai").run()
    assert len(_table(at, SCORE)) <= PAGE_SIZE


def test_query_parameters_preselect_area_and_need(tmp_path: Path) -> None:
    at = _page(tmp_path, area="ogori", need="bousai")
    assert at.selectbox(key="partners.area").value == "ogori"
    assert at.selectbox(key="partners.need").value == "bousai"
    assert at.query_params["area"] == "ogori"
    at.selectbox(key="partners.area").set_value("aio").run()
    assert not at.exception
    assert at.query_params["area"] == "aio"


def test_page_explains_when_there_is_no_candidate(tmp_path: Path) -> None:
    at = _page(tmp_path, area="yuda", need="npo20")
    info = [i.value for i in at.info]
    assert any(v.startswith("湯田の「") and "見つかりませんでした" in v for v in info)
    assert any(_text("partners.none_city") in v and "さぽらんて" in v for v in info)
    assert _tables(at, SCORE) == []


def test_kinds_can_narrow_the_list(tmp_path: Path) -> None:
    at = _page(tmp_path, area="yuda", need="bousai")
    assert MESSAGES["kind.each.association"]["ja"] in set(_table(at, SCORE).iloc[:, 2])
    at.multiselect(key="partners.kinds").set_value(["civic_group"]).run()
    narrowed = _table(at, SCORE)
    assert len(narrowed) > 0
    assert set(narrowed.iloc[:, 2]) == {MESSAGES["kind.each.civic_group"]["ja"]}
    at.multiselect(key="partners.kinds").set_value([]).run()
    assert any(_text("partners.none_of_kinds") == i.value for i in at.info)


def test_unknown_parameters_are_explained(tmp_path: Path) -> None:
    at = _page(tmp_path, area="atlantis", need="bousai")
    assert any("atlantis" in w.value for w in at.warning)
    assert at.selectbox(key="partners.area").value == YAMAGUCHI.area_ids[0]


def test_the_address_names_what_is_shown_in_the_pages_language(tmp_path: Path) -> None:
    at = _page(tmp_path, area="湯田", need="防災", extra="<b>x</b>")
    assert not [w for w in at.warning if w.value.startswith("URL")]  # named by their names
    assert dict(at.query_params) == {"area": "yuda", "need": "bousai"}  # no group chosen
    at.session_state["lang"] = "en"
    at.run()
    assert dict(at.query_params) == {"area": "yuda", "need": "bousai", "lang": "en"}
    at.selectbox(key="partners.org").set_value("cg-0002").run()
    assert at.query_params["org"] == "cg-0002"


def test_unknown_values_are_named_by_what_they_were_meant_to_be(tmp_path: Path) -> None:
    at = _page(tmp_path, area="ato", need="zzz", org="nobody")
    said = [w.value for w in at.warning if w.value.startswith("URL")]
    assert said == [
        _text("partners.unknown.need", value="zzz"),
        _text("partners.unknown.org", value="nobody"),
    ]
    proposed = _page(tmp_path, area="ato").selectbox(key="partners.need").value
    assert at.selectbox(key="partners.need").value == proposed  # the area's first gap
    assert "zzz" not in dict(at.query_params).values()


def test_the_back_button_brings_the_earlier_area_back(tmp_path: Path) -> None:
    at = _page(tmp_path, area="yuda", need="bousai")
    at.selectbox(key="partners.area").set_value("niho").run()
    assert at.query_params["area"] == "niho"
    at.query_params["area"] = "yuda"  # the address the back button returns to
    at.run()
    assert at.selectbox(key="partners.area").value == "yuda"
    assert at.query_params["area"] == "yuda"


def test_reverse_view_lists_areas_needing_a_group(tmp_path: Path, city: CityData) -> None:
    groups = city.organisations[city.organisations["kind"] == "civic_group"]["org_id"]
    org_id = next(g for g in groups if len(areas_needing(city, g)))
    at = _page(tmp_path, org=org_id)
    assert at.selectbox(key="partners.org").value == org_id
    expected = areas_needing(city, org_id)
    table = _table(at, NEED)
    assert len(table) == len(expected)
    at.radio(key="partners.by").set_value("households").run()
    assert not at.exception
    assert len(_table(at, NEED)) == len(areas_needing(city, org_id, by="households"))


def test_contact_goes_through_the_support_center_only(tmp_path: Path, city: CityData) -> None:
    at = _page(tmp_path, area="yuda", need="mimamori")
    shown = " ".join(m.value for m in at.markdown)
    center = YAMAGUCHI.support_center
    assert _text("partners.contact_title") in shown
    assert center.tel in shown and center.name_ja in shown
    for frame in at.dataframe:
        columns = {str(c) for c in frame.value.columns}
        assert not columns & {"representative", "phone", "email", "notes"}


def test_page_in_english(tmp_path: Path) -> None:
    at = _page(tmp_path, area="yuda", need="npo20")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == PARTNER_MESSAGES["partners.title"]["en"]
    assert any(v.value.startswith("No candidate partner was found") for v in at.info)


def test_each_partners_kind_is_named_in_the_singular(tmp_path: Path) -> None:
    """One organisation per row: "Civic group", not the filter's "Civic groups"."""
    at = _page(tmp_path, area="ouchi", need="bousai")
    at.session_state["lang"] = "en"
    at.run()
    column = PARTNER_MESSAGES[SCORE]["en"]
    table = next(t for t in map(as_read, at.table) if column in t.columns)
    kinds = set(table.iloc[:, 2])
    assert kinds and kinds <= {MESSAGES[f"kind.each.{k}"]["en"] for k in ORG_KINDS}


def test_short_words_of_the_partners_table_wrap_only_between_words(tmp_path: Path) -> None:
    """The headers, kinds and areas break after a 中黒 at most (「自治会・|町内会」), never
    inside a word (「適合|度」, 「市民活動団|体」); the names wrap where they must."""
    at = _page(tmp_path, area="ouchi", need="bousai")
    column = PARTNER_MESSAGES[SCORE]["ja"]
    raw = next(d.value for d in at.table if column in as_read(d).columns)

    def unescaped(value: object) -> str:
        return re.sub(r"\\(.)", r"\1", str(value))

    kept = [*raw.columns, *raw.iloc[:, 2], *raw.iloc[:, 3]]
    assert all(unescaped(v) == kept_together(str(plain(v))) for v in kept)
    kinds = {plain(v) for v in raw.iloc[:, 2]}
    assert MESSAGES["kind.each.association"]["ja"] in kinds  # 「自治会・町内会」, with a 中黒
    names = [unescaped(v) for v in raw.iloc[:, 1]]
    assert any(len(n) > 1 and "\u2060" not in n for n in names)


def test_the_need_selector_names_the_kind_of_each_gap(tmp_path: Path) -> None:
    """A field in which the area is a gap is marked with the gaps tab's word for it:
    佐山's 防災・減災 is 要注意 (its 自主防災組織 cover under the national rate), not
    空白 (nobody active)."""
    at = _page(tmp_path, area="sayama", need="bousai")
    options = at.selectbox(key="partners.need").options
    marked = [o for o in options if "（この地域：" in o]
    assert "防災・減災（この地域：要注意）" in marked
    kinds = {o.split("：")[-1].rstrip("）") for o in marked}
    assert kinds <= {
        MESSAGES[f"gap.kind.{k}"]["ja"] for k in ("no_organisation", "below_rate", "below_national")
    }


def test_the_open_tab_stays_open_in_the_other_language(tmp_path: Path) -> None:
    """Switching to English on 団体から見る went back to the first tab."""
    at = _page(tmp_path)
    needing = PARTNER_MESSAGES["partners.tab.needing"]
    at.session_state["partners.tab"] = needing["ja"]  # (a click on the tab)
    at.run()
    at.session_state["lang"] = "en"  # (the language switch)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["partners.tab"] == needing["en"]
    assert [tab.label for tab in at.tabs][1] == needing["en"]


def test_the_areas_needing_a_group_are_read_in_full(tmp_path: Path, city: CityData) -> None:
    """The reverse view is a plain table (its reasons wrap instead of running past the
    right edge), its counts with their thousands separated (26,344, not 26344) and
    kept numbers, which the table aligns right."""
    groups = city.organisations[city.organisations["kind"] == "civic_group"]["org_id"]
    org_id = next(g for g in groups if areas_needing(city, g)["base"].max() >= 1000)
    at = _page(tmp_path, org=org_id)
    at.session_state["lang"] = "en"  # (the language switch)
    at.run()
    need = PARTNER_MESSAGES[NEED]["en"]
    (table,) = [as_shown(d) for d in at.table if need in as_read(d).columns]
    expected = areas_needing(city, org_id)
    assert table[need].tolist() == [f"{v:,.0f}" for v in expected["need"]]
    population = PARTNER_MESSAGES["partners.col.population"]["en"]
    assert table[population].tolist() == [f"{v:,.0f}" for v in expected["base"]]
    assert any("," in v for v in table[population])
    numbers = as_read(next(d for d in at.table if need in as_read(d).columns))
    assert pd.api.types.is_numeric_dtype(numbers[population])
    reasons = PARTNER_MESSAGES["partners.col.reasons"]["en"]
    assert table[reasons].tolist() == [reasons_line(r, "en") for r in expected["reasons"]]
