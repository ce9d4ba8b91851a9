"""The explorer's URL state: every view round-trips, and anything unknown or hostile in a
URL is dropped, never passed on."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from ui.state import DEFAULT_LAYERS, MAX_TEXT, ViewState, parse_query, to_query

#: Known field codes and area ids, in display order.
CODES = ("bousai", "mimamori", "npo01", "npo13")
AREAS = ("nw", "ne", "sw", "se")


def parse(params: Mapping[str, str | list[str]]) -> ViewState:
    return parse_query(params, field_codes=CODES, area_ids=AREAS)


@pytest.mark.parametrize(
    "state",
    [
        pytest.param(ViewState(), id="default"),
        pytest.param(ViewState(fields=("bousai",)), id="one-field"),
        pytest.param(ViewState(fields=("bousai", "npo13"), metric="per_10k"), id="fields"),
        pytest.param(ViewState(fields=("bousai",), metric="jishubo_rate"), id="jishubo"),
        pytest.param(ViewState(kinds=("council", "civic_group")), id="kinds"),
        pytest.param(ViewState(areas=("ne", "se")), id="focus"),
        pytest.param(ViewState(bases=("sw",)), id="bases"),
        pytest.param(ViewState(areas=("ne",), bases=("ne", "sw")), id="focus-and-bases"),
        pytest.param(ViewState(text="子ども 応援"), id="text"),
        pytest.param(ViewState(layers=()), id="no-layers"),
        pytest.param(ViewState(layers=("shelters",), hazards=("flood", "tsunami")), id="shelters"),
        pytest.param(ViewState(basemap="none"), id="basemap"),
        pytest.param(ViewState(area="sw"), id="selected-area"),
        pytest.param(ViewState(lang="en"), id="english"),
        pytest.param(
            ViewState(
                fields=("mimamori", "npo01"),
                metric="per_10k",
                kinds=("association",),
                areas=("nw",),
                text="会",
                layers=("councils", "shelters"),
                hazards=("landslide",),
                basemap="osm",
                area="ne",
                lang="en",
            ),
            id="everything",
        ),
    ],
)
def test_every_view_round_trips(state: ViewState) -> None:
    query = to_query(state)
    assert all(isinstance(v, str) for v in query.values())
    assert parse(dict(query)) == state


@pytest.mark.parametrize(
    ("state", "query"),
    [
        (ViewState(), {}),
        (ViewState(fields=("bousai", "npo13")), {"field": "bousai,npo13"}),
        (ViewState(layers=()), {"layers": ""}),
        (ViewState(layers=DEFAULT_LAYERS), {}),
        (ViewState(area="nw", lang="en"), {"area": "nw", "lang": "en"}),
        (ViewState(text="a b"), {"q": "a b"}),
    ],
)
def test_defaults_are_left_out_of_the_url(state: ViewState, query: dict[str, str]) -> None:
    assert to_query(state) == query


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({}, ViewState(), id="nothing"),
        pytest.param({"utm_source": "x", "page": "2"}, ViewState(), id="unknown-parameters"),
        pytest.param({"field": "npo99,bousai"}, ViewState(fields=("bousai",)), id="unknown-field"),
        pytest.param(
            {"field": "npo13,bousai,bousai"},
            ViewState(fields=("bousai", "npo13")),
            id="fields-in-catalogue-order-once",
        ),
        pytest.param(
            {"field": "BOUSAI,Npo13"}, ViewState(fields=("bousai", "npo13")), id="field-case"
        ),
        pytest.param(
            {"lang": " EN ", "area": "Sw", "metric": "PER_10K", "layers": "Shelters"},
            ViewState(lang="en", area="sw", metric="per_10k", layers=("shelters",)),
            id="codes-in-any-case",
        ),
        pytest.param({"metric": "count; DROP TABLE"}, ViewState(), id="metric"),
        pytest.param(
            {"kind": "council,<script>alert(1)</script>"},
            ViewState(kinds=("council",)),
            id="hostile-kind",
        ),
        pytest.param({"areas": " ne , , xx"}, ViewState(areas=("ne",)), id="areas-spaces"),
        pytest.param({"base": "se,<b>nw</b>"}, ViewState(bases=("se",)), id="hostile-base"),
        pytest.param({"area": "javascript:alert(1)"}, ViewState(), id="hostile-area"),
        pytest.param({"area": ["sw", "nw"]}, ViewState(area="sw"), id="first-area"),
        pytest.param({"area": ""}, ViewState(), id="empty-area"),
        pytest.param({"q": "x" * 500}, ViewState(text="x" * MAX_TEXT), id="long-text"),
        pytest.param({"q": ["子ども", "応援"]}, ViewState(text="子ども 応援"), id="text-list"),
        pytest.param({"q": "  "}, ViewState(), id="blank-text"),
        pytest.param({"layers": ""}, ViewState(layers=()), id="no-layers"),
        pytest.param(
            {"layers": "shelters,heatmap,<img>"},
            ViewState(layers=("shelters",)),
            id="unknown-layer",
        ),
        pytest.param({"layers": "zzz"}, ViewState(), id="only-unknown-layers"),
        pytest.param({"q": "\x00\r\nab\x07"}, ViewState(text="ab"), id="control-text"),
        pytest.param(
            {"hazard": "flood,,, volcano , meteor"},
            ViewState(hazards=("flood", "volcano")),
            id="hazards",
        ),
        pytest.param({"basemap": "http://evil.example/{z}/{x}/{y}.png"}, ViewState(), id="tiles"),
        pytest.param({"lang": "fr"}, ViewState(), id="unknown-language"),
        pytest.param({"lang": ["en", "ja"]}, ViewState(lang="en"), id="first-language"),
    ],
)
def test_unknown_and_hostile_values_are_dropped(
    params: dict[str, str | list[str]], expected: ViewState
) -> None:
    assert parse(params) == expected


def test_a_parsed_view_gives_a_clean_url() -> None:
    hostile = {
        "field": "bousai,<b>x</b>",
        "area": 'nw" onmouseover="alert(1)',
        "q": "会",
        "basemap": "none",
        "extra": "1",
    }
    assert to_query(parse(hostile)) == {"field": "bousai", "q": "会", "basemap": "none"}


@pytest.mark.parametrize(
    ("query", "focus", "bases"),
    [
        # a link made before 拠点の地域 existed: its areas are now the focused areas
        ({"field": "bousai", "areas": "nw,se"}, ("nw", "se"), ()),
        ({"areas": "ne", "base": "ne"}, ("ne",), ("ne",)),
        ({"base": "sw"}, (), ("sw",)),
    ],
)
def test_areas_focus_the_map_and_bases_filter(
    query: dict[str, str], focus: tuple[str, ...], bases: tuple[str, ...]
) -> None:
    state = parse(query)
    assert state.areas == focus
    assert state.bases == bases
    flt = state.org_filter()
    assert flt.bases == frozenset(bases)
    assert flt.areas == frozenset(), "focusing never filters the organisations"


def test_a_code_is_named_in_any_case_and_kept_as_the_city_spells_it() -> None:
    """Another city may spell its area ids with capitals: a link names them in any case,
    and the view keeps them as the city spells them."""
    state = parse_query(
        {"area": "kita", "areas": "KITA,minami", "field": "Bousai"},
        field_codes=CODES,
        area_ids=("Kita", "Minami"),
    )
    assert state.area == "Kita"
    assert state.areas == ("Kita", "Minami")
    assert state.fields == ("bousai",)
