"""The area profile on the tiny city (tables of expected values) and on the real city."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from geo.coverage import GAP_REASONS, NATIONAL_JISHUBO_RATE
from geo.fields import NEEDS, NPO_FIELDS, npo_code
from geo.model import HAZARDS, CityData
from geo.profile import (
    TERMS,
    AreaProfile,
    area_profile,
    area_profiles,
    associations_frame,
    civic_groups_frame,
    coverage_chart_frame,
    coverage_frame,
    format_int,
    format_rate,
    hazard_names,
    membership_text,
    neighbours_frame,
    profile_figures_frame,
    shelters_frame,
    term,
    terms,
)
from geo.words import MESSAGES, text
from tests.support.tinycity import TINY


@pytest.fixture(scope="module")
def profiles(tiny: CityData) -> dict[str, AreaProfile]:
    return {p.area_id: p for p in area_profiles(tiny, city=TINY)}


@pytest.mark.parametrize(
    ("area_id", "population", "households", "associations", "assoc_households", "jishubo_hh"),
    [
        ("nw", 4000, 1600, 2, 400, 300),
        ("ne", 3000, 1200, 1, 200, 200),
        ("sw", 2000, 800, 1, 150, 0),
        ("se", 1000, 400, 0, 0, 0),
    ],
)
def test_figures(
    profiles, area_id, population, households, associations, assoc_households, jishubo_hh
):
    p = profiles[area_id]
    assert (p.population, p.households) == (population, households)
    assert p.area_km2 == pytest.approx(3.7)
    assert p.association_count == associations
    assert p.association_households == assoc_households
    assert p.jishubo_households == jishubo_hh


@pytest.mark.parametrize(
    ("area_id", "rate"),
    [("nw", 300 / 400), ("ne", 200 / 200), ("sw", 0.0), ("se", float("nan"))],
)
def test_jishubo_rate(profiles, area_id, rate):
    p = profiles[area_id]
    assert p.jishubo_rate == pytest.approx(rate, nan_ok=True)
    assert p.city_jishubo_rate == pytest.approx(500 / 750)
    assert p.national_jishubo_rate == NATIONAL_JISHUBO_RATE == 0.843


@pytest.mark.parametrize(
    ("area_id", "shelters", "missing"),
    [
        ("nw", ["北西小学校"], ["storm_surge", "tsunami"]),
        ("ne", ["北東公民館"], ["flood", "storm_surge", "tsunami"]),
        ("sw", ["南西体育館"], ["landslide", "storm_surge", "tsunami"]),
        ("se", [], ["flood", "landslide", "storm_surge", "earthquake", "tsunami"]),
    ],
)
def test_shelters_and_missing_hazards(profiles, area_id, shelters, missing):
    p = profiles[area_id]
    assert [s.name for s in p.shelters] == shelters
    assert list(p.missing_main_hazards) == missing
    rest = ["large_fire", "inland_flood", "volcano"]
    assert list(p.missing_hazards) == [h for h in HAZARDS if h in missing + rest]


@pytest.mark.parametrize(
    ("area_id", "hazards", "evacuation_center"),
    [
        ("nw", ("flood", "landslide", "earthquake"), True),
        ("ne", ("landslide", "earthquake"), False),
        ("sw", ("flood", "earthquake"), True),
    ],
)
def test_shelter_hazards(profiles, area_id, hazards, evacuation_center):
    (site,) = profiles[area_id].shelters
    assert site.hazards == hazards
    assert site.is_evacuation_center is evacuation_center
    assert profiles[area_id].hazard_counts() == {h: int(h in hazards) for h in HAZARDS}


@pytest.mark.parametrize(
    ("area_id", "code", "count", "is_gap", "reason"),
    [
        # 防災・減災 is also judged by the 活動カバー率: under the national 84.3 %, 要注意
        ("nw", "bousai", 2, True, "below_national"),
        ("ne", "bousai", 1, False, "none"),  # every association has one: 100 %
        ("sw", "bousai", 1, True, "below_national"),
        ("se", "bousai", 0, True, "no_organisation"),
        ("nw", "bika", 2, False, "none"),
        ("ne", "bika", 0, True, "no_organisation"),
        ("sw", "bika", 1, False, "none"),
        ("se", "bika", 0, True, "no_organisation"),
        ("se", "npo13", 1, False, "none"),
    ],
)
def test_field_coverage(profiles, area_id, code, count, is_gap, reason):
    (field,) = [f for f in profiles[area_id].coverage if f.code == code]
    assert field.count == count
    assert field.is_gap is is_gap
    assert field.gap_reason == reason
    assert field.status.key == f"gap.reason.{reason}"
    assert field.per_10k == pytest.approx(count / profiles[area_id].population * 10_000)
    assert (field in profiles[area_id].gaps) is is_gap


@pytest.mark.parametrize(
    ("code", "rate"),
    # organisation–area pairs over the city's 10,000 residents (weighted by population)
    [("bousai", 4.0), ("bika", 3.0), ("npo13", 4.0)],
)
def test_the_city_figure_is_the_same_for_every_area(profiles, code, rate):
    rates = {f.city_per_10k for p in profiles.values() for f in p.coverage if f.code == code}
    assert len(rates) == 1
    assert rates.pop() == pytest.approx(rate)


def test_coverage_lists_every_catalogue_field(tiny, profiles):
    for p in profiles.values():
        assert [f.code for f in p.coverage] == list(tiny.catalog.codes)


def test_fields_with_no_activity_anywhere_are_not_gaps(profiles):
    p = profiles["se"]
    inactive = {f.code for f in p.inactive_in_city}
    assert "npo20" in inactive
    assert inactive.isdisjoint(f.code for f in p.gaps)
    assert all(f.count == 0 for f in p.inactive_in_city)


@pytest.mark.parametrize(
    ("area_id", "expected"),
    [
        ("nw", [("サンプルa-1", 300, True), ("サンプルa-2", 100, False)]),
        ("ne", [("サンプルa-3", 200, True)]),
        ("sw", [("サンプルa-4", 150, False)]),
        ("se", []),
    ],
)
def test_associations(profiles, area_id, expected):
    got = [(a.name, a.households, a.has_jishubo) for a in profiles[area_id].associations]
    assert got == expected


@pytest.mark.parametrize(
    ("area_id", "expected"),
    [
        ("nw", [("サンプルg-1", True, False), ("サンプルg-2", False, True)]),
        ("ne", [("サンプルg-2", True, True), ("サンプルg-1", False, False)]),
        ("sw", [("サンプルg-3", True, False), ("サンプルg-2", False, True)]),
        ("se", [("サンプルg-2", False, True)]),
    ],
)
def test_civic_groups(profiles, area_id, expected):
    p = profiles[area_id]
    assert [(g.name, g.based_here, g.citywide) for g in p.civic_groups] == expected
    assert p.civic_groups_based_here == sum(e[1] for e in expected)


@pytest.mark.parametrize(
    ("area_id", "council", "committees", "center"),
    [
        ("nw", "サンプルc-nw", ("npo03", "bousai"), "北西交流センター"),
        ("ne", "サンプルc-ne", ("npo03", "mimamori"), "北東交流センター"),
        ("se", "サンプルc-se", ("npo03",), "南東交流センター"),
    ],
)
def test_council_and_center(profiles, area_id, council, committees, center):
    p = profiles[area_id]
    assert p.council is not None and p.center is not None
    assert (p.council.name, p.council.fields) == (council, committees)
    assert p.center.name == center
    assert p.center.address == f"テスト市{area_id}1-1"


@pytest.mark.parametrize(
    ("area_id", "approximate", "words"),
    [
        ("nw", False, ["1件すべて"]),
        ("sw", True, ["おおよそ", "2件のうち 1件", "中 1・低 0"]),
    ],
)
def test_boundary_note(profiles, area_id, approximate, words):
    p = profiles[area_id]
    assert p.is_approximate is approximate
    note = p.boundary_note("ja")
    assert all(w in note for w in words), note
    assert ("approximate" in p.boundary_note("en")) is approximate


def test_names(profiles):
    p = profiles["nw"]
    assert (p.name_ja, p.name_kana, p.name_en) == ("北西", "ほくせい", "North-West")
    assert (p.city_name_ja, p.name("en")) == ("テスト市", "North-West")


def test_sample_flag_follows_the_organisations(tiny, profiles):
    assert all(p.has_sample for p in profiles.values())
    real = tiny.organisations.assign(is_sample=False)
    assert not area_profile(tiny, "nw", orgs=real, city=TINY).has_sample


def test_orgs_argument_replaces_the_organisations(tiny):
    orgs = tiny.organisations[tiny.organisations["org_id"] != "a-1"]
    p = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    assert [a.name for a in p.associations] == ["サンプルa-2"]
    assert p.jishubo_rate == 0.0
    assert p.city_jishubo_rate == pytest.approx(200 / 450)


def test_unknown_area_raises_key_error(tiny):
    with pytest.raises(KeyError):
        area_profile(tiny, "nowhere", city=TINY)


def test_private_columns_never_reach_the_profile(tiny):
    orgs = tiny.organisations.copy()
    orgs["representative"] = "代表者山田"
    orgs["phone"] = "083-999-9999"
    orgs["email"] = "secret@example.invalid"
    orgs["notes"] = "内部メモ"
    p = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    text = repr(p) + "".join(
        f(p, lang).to_string()
        for f in (profile_figures_frame, associations_frame, coverage_frame, shelters_frame)
        for lang in ("ja", "en")
    )
    for secret in ("代表者山田", "083-999-9999", "secret@", "内部メモ"):
        assert secret not in text


def test_profile_is_a_frozen_value(profiles):
    with pytest.raises(dataclasses.FrozenInstanceError):
        profiles["nw"].population = 1


@pytest.mark.parametrize(
    ("lang", "item", "value"),
    [
        ("ja", "人口（令和2年国勢調査）", "4,000人"),
        ("ja", "自主防災組織 活動カバー率（この地域）", "75.0%"),
        ("ja", "自治会・町内会の加入世帯数", "400世帯"),
        ("ja", "加入率", "25.0%（サンプル）"),
        ("en", "Membership rate", "25.0% (sample)"),
        ("ja", "自主防災組織 活動カバー率（全国平均・令和2年）", "84.3%"),
        ("ja", "地域づくり協議会", "サンプルc-nw"),
        ("ja", "部会・活動分野", "まちづくり、防災・減災"),
        ("ja", "指定のない災害種別", "高潮、津波、大規模な火事、内水氾濫、火山現象"),
        ("en", "Population (2020 census)", "4,000"),
        ("en", "Sub-committees", "Community development, Disaster preparedness"),
        ("en", "Area boundary", "high confidence"),
    ],
)
def test_figures_frame(profiles, lang, item, value):
    frame = profile_figures_frame(profiles["nw"], lang)
    assert list(frame.columns) == (["項目", "値"] if lang == "ja" else ["Item", "Value"])
    assert dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True))[item] == value


def test_tables(tiny, profiles):
    p = profiles["ne"]
    cov = coverage_frame(p, "en")
    assert len(cov) == len(tiny.catalog.codes)
    assert cov.loc[cov["Field"] == "Keeping the area clean", "Status"].tolist() == ["No activity"]
    assoc = associations_frame(p, "ja")
    assert assoc["世帯数"].tolist() == [200]
    groups = civic_groups_frame(p, "ja", city=TINY)
    assert groups["拠点"].tolist() == ["この地域", "北西"]
    assert groups["最終確認日"].tolist() == ["2025-04-01", "2025-04-01"]
    sites = shelters_frame(p, "ja")
    assert sites["対象とする災害"].tolist() == ["崖崩れ・土石流・地滑り、地震"]


def test_unknown_language_is_refused(profiles):
    with pytest.raises(ValueError, match="language"):
        profile_figures_frame(profiles["nw"], "fr")


@pytest.mark.parametrize(
    ("lang", "short", "names"),
    [
        ("ja", False, "洪水、崖崩れ・土石流・地滑り"),
        ("ja", True, "洪水、土砂災害"),
        ("en", False, "Flood, Slope failure, debris flow and landslide"),
        ("en", True, "Flood, Landslide"),
    ],
)
def test_hazard_names(lang, short, names):
    assert hazard_names(("flood", "landslide"), lang, short=short) == names
    every = hazard_names(HAZARDS, lang, short=short)
    suffix = ".short" if short else ""
    assert all(text(f"hazard.{h}{suffix}", lang) in every for h in HAZARDS)


@pytest.mark.parametrize(("value", "text"), [(14795, "14,795"), (0, "0"), (193966, "193,966")])
def test_format_int(value, text):
    assert format_int(value) == text


@pytest.mark.parametrize(("rate", "text"), [(0.843, "84.3%"), (0.0, "0.0%"), (1.0, "100.0%")])
def test_format_rate(rate, text):
    assert format_rate(rate) == text


# --- local needs first, apart from the NPO Law's fields ------------------------------------


def test_local_needs_come_first_in_the_catalogues_order(tiny, profiles):
    for p in profiles.values():
        assert [f.code for f in p.needs] == list(NEEDS)
        assert [f.code for f in p.npo_fields] == [npo_code(n) for n in range(1, NPO_FIELDS + 1)]
        assert p.coverage == p.needs + p.npo_fields
        assert {f.kind for f in p.needs} == {"need"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_coverage_tables_keep_the_order_of_needs(profiles, lang):
    p = profiles["ne"]
    needs = coverage_frame(p, lang, kind="need")
    assert needs.iloc[:, 0].tolist() == [f.label(lang) for f in p.needs]
    npo = coverage_frame(p, lang, kind="npo")
    assert npo.iloc[:, 0].tolist() == [f.label(lang) for f in p.npo_fields]
    chart = coverage_chart_frame(p, lang, kind="need")
    assert chart["field"].drop_duplicates().tolist() == [f.label(lang) for f in p.needs]
    assert chart["order"].tolist() == [i for i in range(len(NEEDS)) for _ in (0, 1)]


@pytest.mark.parametrize(
    ("area_id", "committees"),
    [("nw", ["bousai"]), ("ne", ["mimamori"]), ("sw", []), ("se", [])],
)
def test_the_needs_table_marks_the_councils_committees(profiles, area_id, committees):
    table = coverage_frame(profiles[area_id], "ja", kind="need")
    marked = table.loc[table["協議会の部会"] == "○", "分野"].tolist()
    assert set(table["協議会の部会"]) <= {"○", ""}
    assert marked == [text(f"field.{c}", "ja") for c in committees]
    assert "協議会の部会" not in coverage_frame(profiles[area_id], "ja", kind="npo")


@pytest.mark.parametrize(
    ("area_id", "code", "status"),
    [
        ("ne", "bika", "空白"),
        ("se", "bousai", "空白"),
        ("nw", "bousai", "要注意"),
        ("nw", "bika", "—"),
        ("se", "npo20", "市内に活動なし"),  # not this area's gap (its cell was empty)
    ],
)
def test_the_status_is_one_word_without_the_figure(profiles, area_id, code, status):
    p = profiles[area_id]
    table = coverage_frame(p, "ja")
    row = table[table["分野"] == p.field_label(code, "ja")]
    assert row["状況"].tolist() == [status]
    for word in table["状況"]:
        assert not any(ch.isdigit() for ch in word), word


@pytest.mark.parametrize(
    ("area_id", "code", "low"),
    [("ne", "bika", True), ("ne", "bousai", False), ("nw", "bika", False)],
)
def test_only_a_low_figure_is_drawn_as_low(profiles, area_id, code, low):
    (field,) = [f for f in profiles[area_id].coverage if f.code == code]
    assert field.is_low is low
    chart = coverage_chart_frame(profiles[area_id], "ja", kind="need")
    row = chart[(chart["field"] == field.label("ja")) & (chart["series"] != "市全体")]
    assert row["low"].tolist() == [low]


def test_every_gap_reason_has_a_status_word():
    for code in GAP_REASONS:
        for lang in ("ja", "en"):
            assert MESSAGES[f"gap.kind.{code}"][lang]


def test_the_chart_names_gaps_on_this_areas_bars_only(profiles):
    chart = coverage_chart_frame(profiles["sw"], "ja", kind="need")
    marked = chart[chart["status"] != ""]
    assert ["防災・減災", "南西", "要注意"] in marked[["field", "series", "status"]].values.tolist()
    assert set(marked["series"]) == {"南西"}
    assert set(chart["series"]) == {"南西", "市全体"}
    chart = coverage_chart_frame(profiles["ne"], "ja", kind="need")
    marked = chart[chart["status"] != ""]
    assert marked[["field", "series", "status"]].values.tolist() == [["環境美化", "北東", "空白"]]


@pytest.mark.parametrize("area_id", ["nw", "ne", "sw", "se"])
def test_a_gap_s_word_stands_after_both_of_its_bars(profiles, area_id):
    """「要注意」 was written at the end of the area's bar, over the city's longer one."""
    chart = coverage_chart_frame(profiles[area_id], "ja", kind="need")
    longest = chart.groupby("order")["value"].transform("max")
    assert chart["word_at"].tolist() == longest.tolist()


# --- 加入率 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area_id", "rate"),
    [("nw", 400 / 1600), ("ne", 200 / 1200), ("sw", 150 / 800), ("se", 0.0)],
)
def test_membership_rate(profiles, area_id, rate):
    p = profiles[area_id]
    assert p.membership_rate == pytest.approx(rate)
    assert p.membership_is_sample is (area_id != "se")


def test_membership_of_associations_without_their_households_is_unknown(tiny):
    """A list of associations without 世帯数: the 加入率 is not known, not 0.0 %."""
    orgs = tiny.organisations.assign(households=pd.NA)
    p = area_profile(tiny, "nw", orgs=orgs, city=TINY)
    assert p.association_count > 0 and math.isnan(p.membership_rate)
    assert membership_text(p, "ja") == "—（サンプル）"
    assert area_profile(tiny, "se", orgs=orgs, city=TINY).membership_rate == 0.0  # none


def test_membership_over_the_census_is_told_and_real_data_is_not_called_sample(tiny):
    """5,000 member households where the census counted 1,200: shown as it is, flagged
    (capped at 100 % it hid the slip)."""
    orgs = tiny.organisations.copy()
    orgs.loc[orgs["org_id"] == "a-3", "households"] = 5_000
    orgs["is_sample"] = False
    p = area_profile(tiny, "ne", orgs=orgs, city=TINY)
    assert p.membership_rate == pytest.approx(5_000 / 1_200)
    assert membership_text(p, "ja").startswith("416.7%：加入世帯数が国勢調査の世帯数を上回って")
    assert membership_text(p, "en").startswith("416.7%: more member households than the census")
    assert not p.membership_is_sample


# --- neighbours ---------------------------------------------------------------------------


def test_neighbours_frame(profiles):
    table = neighbours_frame(profiles["nw"], "ja")
    assert list(table.columns) == ["分野", "北西（この地域）", "北東", "南西", "市全体"]
    assert table["分野"].tolist() == [text(f"field.{c}", "ja") for c in NEEDS]
    bika = table[table["分野"] == "環境美化"].iloc[0]
    assert bika["北東"] == "0.0（空白）"
    assert bika["北西（この地域）"] == "5.0"
    assert bika["市全体"] == "3.0"


# --- terms -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_term_has_a_one_line_definition(profiles, lang):
    found = terms(lang, profiles["nw"])
    assert [name for name, _ in found] == [text(f"profile.term.{c}", lang) for c in TERMS]
    for name, definition in found:
        assert name and definition and "\n" not in definition


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("jishubo_rate", ["÷", "加入世帯数", "84.3%", "消防白書"]),
        ("per_10k", ["人口", "1万", "国勢調査"]),
        ("gaps", ["空白", "少ない", "50%"]),
        ("membership", ["加入世帯数", "国勢調査", "サンプル"]),
    ],
)
def test_definitions_say_how_and_from_where(profiles, code, words):
    _, definition = term(code, "ja", profiles["nw"])
    for word in words:
        assert word in definition, (code, word)


def test_real_data_is_not_defined_as_sample(tiny):
    real = area_profile(tiny, "nw", orgs=tiny.organisations.assign(is_sample=False), city=TINY)
    assert "サンプル" not in term("membership", "ja", real)[1]


# --- the real city -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def city_profiles(city: CityData) -> tuple[AreaProfile, ...]:
    return area_profiles(city)


def test_real_city_totals(city_profiles):
    assert len(city_profiles) == 21
    assert sum(p.population for p in city_profiles) == 193_966
    assert sum(p.households for p in city_profiles) == 87_094


def test_real_city_every_area_has_council_and_center(city_profiles):
    for p in city_profiles:
        assert p.council is not None and p.council.name.startswith(p.name_ja)
        assert p.center is not None and p.center.name.endswith("地域交流センター")


def test_real_city_profile_matches_all_profiles(city, city_profiles):
    one = area_profile(city, "yuda")
    assert one == next(p for p in city_profiles if p.area_id == "yuda")
    assert one.population == 14_795
    assert profile_figures_frame(one).iloc[0, 1] == "14,795人"


def test_real_city_membership_is_below_every_areas_households(city_profiles):
    for p in city_profiles:
        assert 0.4 <= p.membership_rate <= 0.95, p.area_id
        assert p.association_households < p.households


def test_real_city_jishubo_rates_are_shares(city_profiles):
    rates = pd.Series([p.jishubo_rate for p in city_profiles])
    assert rates.between(0, 1).all()
    assert len({p.city_jishubo_rate for p in city_profiles}) == 1
