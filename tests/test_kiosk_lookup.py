"""The kiosk's pure core: kana folding, readings, the kana index and keyboard, the
visitor's order of a list, and the phone view's address."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pytest

from geo.coverage import coverage
from geo.fields import FieldCatalog, default_catalog
from geo.kana import (
    INDEX_ROWS,
    KEYBOARD,
    MAX_QUERY,
    OTHER_ROW,
    add_mark,
    backspace,
    index_row,
    reading,
    type_key,
)
from geo.lookup import (
    TIERS,
    by_index_row,
    find_by_name,
    for_visitor,
    index_counts,
    readings,
    tier_counts,
)
from geo.model import CITYWIDE, CityData
from geo.normalise import fold_kana, normalise, search_key
from ui.kiosk.qr import view_url
from ui.phoneview import ViewRequest, parse_view

# --- folding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ふれあい", "ふれあい"),
        ("フレアイ", "ふれあい"),
        ("ﾌﾚｱｲ", "ふれあい"),  # half-width katakana
        ("ｶﾞｯｺｳ", "がっこう"),  # half-width voiced mark joins its kana
        ("ヴァイオリン", "ゔぁいおりん"),
        ("ヽヾ", "ゝゞ"),
        ("ＡＢＣ１２３", "ABC123"),  # full-width letters and digits: NFKC
        ("湯田温泉", "湯田温泉"),  # kanji as they are
        ("ー", "ー"),
    ],
)
def test_fold_kana(text: str, folded: str) -> None:
    assert fold_kana(text) == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ふれあい", "フレアイ"),
        ("ふれあい", "ﾌﾚｱｲ"),
        ("ねっとわーく", "ネットワーク"),
        ("ねつとわーく", "ネットワーク"),  # small kana typed full size
        ("サンプル ＩＴ", "さんぷるit"),  # spaces, width and case
    ],
)
def test_search_key_folds_alike(a: str, b: str) -> None:
    assert search_key(a) == search_key(b)


@pytest.mark.parametrize(("a", "b"), [("はる", "ばる"), ("ぱん", "ばん"), ("湯田", "ゆだ")])
def test_search_key_keeps_what_differs(a: str, b: str) -> None:
    assert search_key(a) != search_key(b)


def test_normalise_is_unchanged_by_kana_folding() -> None:
    # header and registry matching keep their rule: katakana is not hiragana there
    assert normalise("フレアイ") != normalise("ふれあい")
    assert normalise("ＮＡＭＥ １") == normalise("name1")


# --- readings and the index ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kana", "sample", "expected"),
    [
        ("サンプルふれあい福祉の会007", "", True, "ふれあい福祉の会007"),
        ("サンプルふれあい福祉の会007", "", False, "さんぷるふれあい福祉の会007"),
        ("特定非営利活動法人 やまぐち子ども", "", False, "やまぐち子ども"),
        ("ＮＰＯ法人ヤマグチ", "", False, "やまぐち"),
        ("「あいの会」", "", False, "あいの会」"),
        ("大殿地域づくり協議会", "", False, "大殿地域づくり協議会"),
        # the data's own reading wins, without its legal form
        (
            "特定非営利活動法人 山口子ども",
            "トクテイヒエイリカツドウホウジン ヤマグチコドモ",
            False,
            "やまぐちこども",
        ),
        ("山口子ども", "ﾔﾏｸﾞﾁｺﾄﾞﾓ", False, "やまぐちこども"),
        ("山口子ども", "  ", False, "山口子ども"),  # an empty reading is no reading
    ],
)
def test_reading(name: str, kana: str, sample: bool, expected: str) -> None:
    assert reading(name, kana, sample=sample) == expected


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("あいの会", "あ"),
        ("ゔぁ", "あ"),
        ("がっこう", "か"),
        ("ぱん", "は"),
        ("ばら", "は"),
        ("ゃ", "や"),
        ("ゆめ", "や"),
        ("をかし", "わ"),
        ("ん", "わ"),
        ("ネット", "な"),  # katakana too
        ("大殿", OTHER_ROW),
        ("IT", OTHER_ROW),
        ("123", OTHER_ROW),
        ("ーあ", OTHER_ROW),
        ("", OTHER_ROW),
    ],
)
def test_index_row(text: str, row: str) -> None:
    assert index_row(text) == row


def test_every_key_of_the_keyboard_has_an_index_row() -> None:
    assert [column[0] for column in KEYBOARD] == list(INDEX_ROWS)
    for column in KEYBOARD:
        for kana in column:
            if kana and kana != "ー":
                assert index_row(kana) == column[0]


# --- the keyboard ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("か", "dakuten", "が"),
        ("が", "dakuten", "か"),  # twice undoes
        ("は", "handakuten", "ぱ"),
        ("ぱ", "handakuten", "は"),
        ("ぱ", "dakuten", "ば"),
        ("ば", "handakuten", "ぱ"),
        ("う", "dakuten", "ゔ"),
        ("か", "handakuten", "か"),  # no such kana: unchanged
        ("あ", "dakuten", "あ"),
        ("つ", "small", "っ"),
        ("っ", "small", "つ"),
        ("や", "small", "ゃ"),
        ("か", "small", "か"),
        ("ふれあい", "small", "ふれあぃ"),  # only the last kana changes
        ("", "dakuten", ""),
    ],
)
def test_add_mark(text: str, mark: str, expected: str) -> None:
    assert add_mark(text, mark) == expected


def test_add_mark_refuses_an_unknown_mark() -> None:
    with pytest.raises(ValueError, match="unknown mark"):
        add_mark("か", "tenten")


def test_typing_and_deleting() -> None:
    text = ""
    for kana in "ふれあい":
        text = type_key(text, kana)
    assert text == "ふれあい"
    assert backspace(text) == "ふれあ"
    assert backspace("") == ""
    assert len(type_key("あ" * MAX_QUERY, "い")) == MAX_QUERY


# --- the visitor's lists ---------------------------------------------------------------------

COLUMNS = ("org_id", "kind", "name", "area_id", "service_areas", "terms", "is_sample")
ROWS = [
    ("c-a", "council", "甲地域づくり協議会", "a", ("a",), ("bousai",), True),
    ("s-1", "association", "甲第1自治会", "a", ("a",), ("bousai",), True),
    ("g-based", "civic_group", "サンプルわかばの会", "a", ("a",), ("kosodate",), True),
    ("g-based-city", "civic_group", "サンプルあおぞら", "a", (CITYWIDE,), ("kosodate",), True),
    ("g-serves", "civic_group", "サンプルさくら", "b", ("b", "a"), ("kosodate",), True),
    ("g-city", "civic_group", "サンプルかえで", "c", (CITYWIDE,), ("kosodate",), True),
    ("g-elsewhere", "civic_group", "サンプルもみじ", "b", ("b",), ("kosodate",), True),
    # based in a, serving only b: coverage does not count it for a, nor does the list
    ("g-away", "civic_group", "サンプルいちょう", "a", ("b",), ("kosodate",), True),
    ("s-b", "association", "乙第1自治会", "b", ("b",), ("bousai",), True),
]


def frame(rows: Sequence[tuple[object, ...]] = ROWS, **extra: Sequence[object]) -> pd.DataFrame:
    out = pd.DataFrame([dict(zip(COLUMNS, r, strict=True)) for r in rows])
    for name, values in extra.items():
        out[name] = pd.Series(list(values), index=out.index, dtype=object)
    return out


def ids(found: pd.DataFrame) -> list[str]:
    return [str(i) for i in found["org_id"]]


@pytest.mark.parametrize(
    ("area", "fields", "expected"),
    [
        # based first (civic groups, then the council, then associations), then serving
        # the area, then citywide; by reading within each
        (
            "a",
            (),
            ["g-based-city", "g-based", "c-a", "s-1", "g-serves", "g-city"],
        ),
        ("a", ("kosodate",), ["g-based-city", "g-based", "g-serves", "g-city"]),
        ("a", ("bousai",), ["c-a", "s-1"]),
        ("b", ("kosodate",), ["g-serves", "g-elsewhere", "g-away", "g-based-city", "g-city"]),
        ("c", ("kosodate",), ["g-city", "g-based-city"]),
    ],
)
def test_for_visitor_orders_by_tier(
    area: str, fields: tuple[str, ...], expected: list[str]
) -> None:
    assert ids(for_visitor(frame(), area, fields)) == expected


def test_for_visitor_tiers() -> None:
    found = for_visitor(frame(), "a", ("kosodate",))
    assert dict(zip(found["org_id"], found["tier"], strict=True)) == {
        "g-based-city": "based",
        "g-based": "based",
        "g-serves": "serves",
        "g-city": "citywide",
    }
    assert tier_counts(found) == {"based": 2, "serves": 1, "citywide": 1}
    assert list(tier_counts(found)) == [t for t in TIERS if t in tier_counts(found)]


def test_for_visitor_without_an_area_is_everyone_active_by_kind_and_reading() -> None:
    found = for_visitor(frame(), None, ("kosodate",))
    assert set(found["tier"]) == {"all"}
    assert ids(found) == [
        "g-based-city",  # あおぞら
        "g-away",  # いちょう
        "g-city",  # かえで
        "g-serves",  # さくら
        "g-elsewhere",  # もみじ
        "g-based",  # わかば
    ]


#: Civic groups active in 子育て支援: two list 子どもの健全育成 or 子育て支援 itself, two
#: only 保健・医療・福祉 (a broader field mapped to it); one of each serves area b.
CLOSE_ROWS = [
    ("g-welfare", "civic_group", "サンプルあさひ", "a", ("a",), ("npo01",), ("kosodate",)),
    ("g-child", "civic_group", "サンプルわかば", "a", ("a",), ("npo13",), ("kosodate",)),
    ("g-need", "civic_group", "サンプルみどり", "a", ("a",), ("kosodate",), ("kosodate",)),
    ("g-b-welfare", "civic_group", "サンプルいずみ", "b", ("b", "a"), ("npo01",), ("kosodate",)),
    ("g-b-child", "civic_group", "サンプルゆうひ", "b", ("b", "a"), ("npo13",), ("kosodate",)),
    ("c-a", "council", "甲地域づくり協議会", "a", ("a",), ("bousai",), ("npo01", "kosodate")),
]


def close_frame() -> pd.DataFrame:
    columns = ("org_id", "kind", "name", "area_id", "service_areas", "fields", "terms")
    out = pd.DataFrame([dict(zip(columns, r, strict=True)) for r in CLOSE_ROWS])
    out["is_sample"] = True
    return out


#: The fields' catalogue: 子育て支援's closest law field is 子どもの健全育成 (npo13).
CATALOG = default_catalog({n: f"field {n}" for n in range(1, 21)})


@pytest.mark.parametrize(
    ("area", "fields", "catalog", "expected"),
    [
        # within a tier and a kind, those listing the field or its closest come first,
        # each part by reading; the council stays after the civic groups
        (
            "a",
            ("kosodate",),
            CATALOG,
            ["g-need", "g-child", "g-welfare", "c-a", "g-b-child", "g-b-welfare"],
        ),
        (
            None,
            ("kosodate",),
            CATALOG,
            ["g-need", "g-b-child", "g-child", "g-welfare", "g-b-welfare", "c-a"],
        ),
        # without a catalogue, or a field: by kind and reading alone
        (
            "a",
            ("kosodate",),
            None,
            ["g-welfare", "g-need", "g-child", "c-a", "g-b-welfare", "g-b-child"],
        ),
        (
            "a",
            (),
            CATALOG,
            ["g-welfare", "g-need", "g-child", "c-a", "g-b-welfare", "g-b-child"],
        ),
    ],
)
def test_for_visitor_puts_the_closest_first_within_a_tier_and_kind(
    area: str | None,
    fields: tuple[str, ...],
    catalog: FieldCatalog | None,
    expected: list[str],
) -> None:
    assert ids(for_visitor(close_frame(), area, fields, catalog=catalog)) == expected


def test_for_visitor_leaves_the_frame_alone() -> None:
    orgs = frame()
    before = orgs.copy()
    for_visitor(orgs, "a", ("kosodate",))
    pd.testing.assert_frame_equal(orgs, before)


def test_an_areas_list_is_what_the_map_counts(tiny: CityData) -> None:
    orgs = tiny.organisations
    for fields in [(), ("bousai",), ("mimamori",), ("npo13",), ("kosodate",)]:
        cov = coverage(tiny.areas, orgs, fields).set_index("area_id")
        for area in cov.index:
            found = for_visitor(orgs, str(area), fields)
            assert len(found) == int(cov.loc[area, "total"]), (area, fields)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ふれあい", ["k-hira", "k-kata", "k-half"]),
        ("フレアイ", ["k-hira", "k-kata", "k-half"]),
        ("ﾌﾚｱｲ", ["k-hira", "k-kata", "k-half"]),
        ("ふれあい きた", ["k-kata"]),  # every word
        ("やまぐち", ["k-read"]),  # found by its reading only
        ("山口", ["k-read"]),
        ("ぐる", ["k-hira"]),  # inside the name
        ("", []),
        ("   ", []),
        ("ない", []),
    ],
)
def test_find_by_name_folds_kana_and_uses_the_reading(query: str, expected: list[str]) -> None:
    rows = [
        ("k-hira", "civic_group", "サンプルふれあいぐるーぷ", "a", ("a",), ("npo01",), True),
        ("k-kata", "civic_group", "フレアイきた", "a", ("a",), ("npo01",), False),
        ("k-half", "civic_group", "ﾌﾚｱｲ南", "a", ("a",), ("npo01",), False),
        ("k-read", "civic_group", "山口子ども", "a", ("a",), ("npo01",), False),
    ]
    kana = ["", "", "", "ヤマグチコドモ"]
    assert sorted(ids(find_by_name(frame(rows, name_kana=kana), query))) == sorted(expected)


def test_find_by_name_without_readings() -> None:
    assert ids(find_by_name(frame(), "さくら")) == ["g-serves"]


def test_readings_use_name_kana_when_present() -> None:
    rows = ROWS[:2]
    assert list(readings(frame(rows, name_kana=["コウチイキ", None]))) == [
        "こうちいき",
        "甲第1自治会",
    ]


def test_the_index() -> None:
    orgs = frame()
    counts = index_counts(orgs)
    assert list(counts) == [*INDEX_ROWS, OTHER_ROW]
    assert (counts["あ"], counts["か"], counts["さ"], counts["ま"], counts["わ"]) == (2, 1, 1, 1, 1)
    assert counts[OTHER_ROW] == 3  # 甲地域…, 甲第1…, 乙第1…
    assert sum(counts.values()) == len(orgs)
    assert ids(by_index_row(orgs, "あ")) == ["g-based-city", "g-away"]  # あおぞら, いちょう
    assert set(ids(by_index_row(orgs, OTHER_ROW))) == {"c-a", "s-1", "s-b"}
    assert by_index_row(orgs, "な").empty


def test_the_index_refuses_an_unknown_row() -> None:
    with pytest.raises(ValueError, match="unknown index row"):
        by_index_row(frame(), "z")


# --- the phone view's address ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "params", "expected"),
    [
        (
            "https://kyodo.example.jp/",
            {"field": "kosodate", "area": "yuda", "lang": "ja"},
            "https://kyodo.example.jp/view?field=kosodate&area=yuda&lang=ja",
        ),
        (
            "https://kyodo.example.jp",
            {"org": "cg-0001", "lang": "en"},
            "https://kyodo.example.jp/view?org=cg-0001&lang=en",
        ),
        (
            "https://city.example.jp/kyodo/",  # served under a path
            {"area": "yuda", "field": None},
            "https://city.example.jp/kyodo/view?area=yuda",
        ),
        ("http://192.0.2.10:8501", {}, "http://192.0.2.10:8501/view"),
        (" https://kyodo.example.jp/ ", {"kiosk": "1"}, "https://kyodo.example.jp/view"),
        (None, {"field": "bousai"}, None),
        ("", {"field": "bousai"}, None),
        ("kyodo.example.jp", {}, None),  # no scheme
        ("ftp://kyodo.example.jp/", {}, None),
        ("https://", {}, None),
    ],
)
def test_view_url(base: str | None, params: dict[str, str | None], expected: str | None) -> None:
    assert view_url(base, params) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ViewRequest()),
        (
            {"field": "kosodate", "area": "yuda", "org": "cg-0001"},
            ViewRequest("kosodate", "yuda", "cg-0001"),
        ),
        ({"field": ["bousai", "kosodate"]}, ViewRequest(field="bousai")),
        ({"field": "nothing", "area": "atlantis"}, ViewRequest()),
        ({"org": "<script>"}, ViewRequest()),
        ({"org": "x" * 65}, ViewRequest()),
        ({"area": " yuda "}, ViewRequest(area="yuda")),
    ],
)
def test_parse_view(params: dict[str, str | list[str]], expected: ViewRequest) -> None:
    assert parse_view(params, field_codes=("bousai", "kosodate"), area_ids=("yuda",)) == expected
