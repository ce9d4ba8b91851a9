"""The options pages choose: focus, links, title, points that take no clicks, touch
(geo/map/spec.py ``MapSpec``, built by geo/map/layers.py and geo/map/build.py)."""

from __future__ import annotations

import json

import pytest

from geo.coverage import coverage
from geo.map import MapSpec
from geo.map.elements import (
    AreaCounts,
    AreaLayer,
    FitBounds,
    Focus,
    HomeButton,
    KyodoAssets,
    Legend,
    MapTexts,
    PointArray,
    Setup,
)
from geo.map.encode import escape_text
from geo.map.layers import map_title
from geo.map.spec import (
    FIT_MARGIN,
    FIT_PADDING,
    FIT_ROOM,
    LEGEND_ROOM,
    LEGEND_WIDTH,
    SCALE_WIDTH,
    ZOOM_SNAP,
)
from geo.map.style import MUTED_FILL, PALETTE
from geo.map.wording import metric_label
from geo.model import CityData
from geo.words import text
from tests.map_helpers import (
    SMALL,
    city_parts,
    descendants,
    page_text,
    parts_for,
    render,
    replay,
    tiny_parts,
)


def _one(parts_layer: object, kind: type) -> object:
    (found,) = descendants(parts_layer, kind)  # type: ignore[arg-type]
    return found


# --- focus -------------------------------------------------------------------------------


def test_focus_keeps_the_chosen_colours_and_greys_the_rest(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations, ("kosodate",))
    spec = MapSpec(fields=("kosodate",))
    plain = _one(city_parts(city, cov, spec).layers[0], AreaLayer)
    focused = city_parts(city, cov, MapSpec(fields=("kosodate",), focus=("yoshiki", "sayama")))
    layer = _one(focused.layers[0], AreaLayer)
    assert isinstance(plain, AreaLayer) and isinstance(layer, AreaLayer)
    assert layer.classes == plain.classes  # nothing recoloured
    for area_id, style in layer.styles.items():
        if area_id in ("yoshiki", "sayama"):
            assert style == plain.styles[area_id]
            assert style["fillColor"] in PALETTE
        else:
            assert style["fillColor"] == MUTED_FILL
            assert "kyodo-gap" not in str(style["className"])  # not hatched as a gap
            assert "dashArray" not in style
            assert "kyodo-muted" in str(style["className"])
    # every area is still drawn: greyed, not left out
    assert len(layer.data["features"]) == 21


def test_focus_moves_the_view_and_the_home_button(city: CityData) -> None:
    cov = coverage(city.areas, city.organisations)
    parts = city_parts(city, cov, MapSpec(focus=("yoshiki", "sayama", "atlantis")))
    focus = _one(parts.layers[0], Focus)
    home = _one(parts.layers[0], HomeButton)
    assert isinstance(focus, Focus) and isinstance(home, HomeButton)
    chosen = city.areas[city.areas["area_id"].isin(["yoshiki", "sayama"])]
    w, s, e, n = chosen.total_bounds
    assert focus.home == "sayama,yoshiki"  # the unknown id is ignored
    assert focus.home_bounds is not None
    assert [v for pair in focus.home_bounds for v in pair] == pytest.approx([s, w, n, e])
    assert home.bounds == focus.home_bounds
    assert home.label == "選んだ地域を表示"
    whole = _one(city_parts(city, cov, MapSpec()).layers[0], HomeButton)
    assert isinstance(whole, HomeButton)
    assert whole.label == "市全体を表示"
    w, s, e, n = city.areas.total_bounds
    assert [v for pair in whole.bounds for v in pair] == pytest.approx([s, w, n, e])
    english = _one(city_parts(city, cov, MapSpec(lang="en")).layers[0], HomeButton)
    assert isinstance(english, HomeButton) and english.label == "Whole city"


@pytest.mark.parametrize(
    ("legend", "touch", "room"),
    [
        ("open", False, LEGEND_ROOM[0]),
        ("open", True, LEGEND_ROOM[1]),
        ("collapsed", True, 0),  # starts folded: nothing to keep clear of
        ("none", False, 0),
    ],
)
def test_fitted_views_keep_clear_of_an_open_legend(
    tiny: CityData, legend: str, touch: bool, room: int
) -> None:
    layers = tiny_parts(tiny, MapSpec(legend=legend, touch=touch)).layers[0]
    (focus,) = descendants(layers, Focus)
    assert json.loads(focus.payload)["legend"] == room == focus.legend
    shown = descendants(layers, Legend)
    assert len(shown) == (legend != "none")
    for element in shown:  # as wide as the room it is given, at most
        assert json.loads(element.options_json)["width"] == LEGEND_WIDTH[int(touch)]
        assert element.width + 10 == LEGEND_ROOM[int(touch)]


@pytest.mark.parametrize(("area", "buttons"), [(None, 1), ("yuda", 0)])
def test_the_kiosk_has_one_way_back_to_the_whole_city(
    city: CityData, area: str | None, buttons: int
) -> None:
    """With an area chosen, the kiosk's page has its own whole-city button (which lists
    the whole city too): the map has none then, so there are not two side by side."""
    from ui.kiosk.kmap import kiosk_spec

    spec = kiosk_spec(city, "kosodate", area)
    assert spec.home_button is (area is None)
    cov = coverage(city.areas, city.organisations, spec.fields)
    layers = city_parts(city, cov, spec).layers[0]
    assert len(descendants(layers, HomeButton)) == buttons


def test_a_click_does_not_move_the_map() -> None:
    """The view moves for a new focus or an area chosen elsewhere, never for a click."""
    from tests.map_helpers import static_text

    code = static_text("kyodo.js")
    assert "area._map.kyodoPicked = f[0].area_id" in code
    assert "picked !== d.area" in code
    assert "maxZoom: map.getZoom()" in code  # brought into view, never zoomed in


# --- links -------------------------------------------------------------------------------


@pytest.mark.parametrize("basemap", ["gsi", "osm", "none"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_without_links_the_map_has_no_anchor_or_href(
    tiny: CityData, basemap: str, lang: str
) -> None:
    spec = MapSpec(basemap=basemap, lang=lang, links=False, touch=True, area_id="nw")
    sent = replay(tiny_parts(tiny, spec))
    text = page_text(sent)
    assert "href" not in text
    assert "<a" not in text
    assert "target=" not in text and "window.open" not in text
    texts = _one(tiny_parts(tiny, spec).layers[0], MapTexts)
    assert isinstance(texts, MapTexts)
    assert texts.texts["links"] is False
    assert texts.texts["prefix"] == "Leaflet"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_library_s_credit_is_named_in_the_map_s_language(tiny: CityData, lang: str) -> None:
    """Leaflet's own credit is named in English and opens in the map's frame."""
    texts = _one(tiny_parts(tiny, MapSpec(lang=lang)).layers[0], MapTexts)
    assert isinstance(texts, MapTexts)
    prefix = texts.texts["prefix"]
    assert isinstance(prefix, str)
    assert prefix.startswith('<a href="https://leafletjs.com"')
    assert f'title="{escape_text(text("map.leaflet", lang))}"' in prefix
    assert 'target="_blank" rel="noopener noreferrer"' in prefix
    assert "A JS library" not in prefix


def test_with_links_only_the_base_map_credit_links_out(tiny: CityData) -> None:
    texts = _one(tiny_parts(tiny, MapSpec(basemap="gsi")).layers[0], MapTexts)
    assert isinstance(texts, MapTexts)
    lines = texts.texts["lines"]
    assert isinstance(lines, list)
    assert lines[0].startswith('<a href="https://maps.gsi.go.jp/')
    assert 'rel="noopener noreferrer"' in lines[0]
    assert all("<a" not in x for x in lines[1:])


def test_buttons_not_links_in_the_map_code() -> None:
    from tests.map_helpers import map_code

    code = map_code()
    assert 'L.DomUtil.create("button"' in code
    assert 'create("a"' not in code
    assert "L.Control.Zoom.prototype._createButton" in code  # zoom buttons
    assert "L.Popup.prototype._initLayout" in code  # the popup's close button
    assert "control._layersLink = b" in code  # the layer control's toggle
    assert "att.setPrefix(d.prefix)" in code


# --- title, language, points, touch --------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_frame_title_names_the_map(tiny: CityData, lang: str) -> None:
    spec = MapSpec(lang=lang, metric="per_10k")
    texts = _one(tiny_parts(tiny, spec).layers[0], MapTexts)
    assert isinstance(texts, MapTexts)
    assert texts.texts["lang"] == lang
    assert metric_label("per_10k", lang) in map_title(spec)
    assert texts.texts["title"] == escape_text(map_title(spec))
    own = MapSpec(title="<b>湯田</b> & 地図")
    custom = _one(tiny_parts(tiny, own).layers[0], MapTexts)
    assert isinstance(custom, MapTexts)
    assert custom.texts["title"] == "&lt;b&gt;湯田&lt;/b&gt; &amp; 地図"
    assert "<b>" not in custom.payload


def test_points_that_take_no_clicks(tiny: CityData) -> None:
    parts = tiny_parts(tiny, MapSpec(points_interactive=False))
    for array in descendants(parts.layers[1], PointArray) + descendants(
        parts.layers[2], PointArray
    ):
        assert json.loads(array.payload)["s"]["interactive"] is False
    texts = _one(parts.layers[0], MapTexts)
    assert isinstance(texts, MapTexts) and texts.texts["passive"] is True
    active = tiny_parts(tiny, MapSpec())
    for array in descendants(active.layers[1], PointArray):
        assert "interactive" not in json.loads(array.payload)["s"]


def test_counts_that_take_no_clicks_and_are_large_on_touch(tiny: CityData) -> None:
    from benchmarks.synthetic import synthetic_organisations

    orgs = synthetic_organisations(300, tiny.areas, tiny.catalog, seed=7)
    spec = MapSpec(layers=("associations",), points_interactive=False, touch=True)
    (counts,) = descendants(parts_for(tiny, orgs, spec, budget=SMALL).layers[1], AreaCounts)
    payload = json.loads(counts.payload)
    assert payload["i"] is False and payload["m"] == 48


def test_the_base_does_not_depend_on_the_page_options(tiny: CityData) -> None:
    """The options are all in the layers, so changing them never reloads the map."""
    base = render(tiny_parts(tiny, MapSpec()).base)
    for spec in (
        MapSpec(labels=False, label_values=True),
        MapSpec(focus=("nw",), area_id="ne"),
        MapSpec(links=False, points_interactive=False),
        MapSpec(layer_control="collapsed", legend="collapsed", title="t", lang="en"),
    ):
        assert render(tiny_parts(tiny, spec).base) == base, spec
        assert replay(tiny_parts(tiny, spec)).key == replay(tiny_parts(tiny, MapSpec())).key


def test_touch_base_loads_the_large_styles(tiny: CityData) -> None:
    touch = tiny_parts(tiny, MapSpec(touch=True)).base
    (setup,) = descendants(touch, Setup)
    assert setup.touch is True
    (assets,) = descendants(touch, KyodoAssets)
    assert any("kyodo-touch.css" in u for _, u in assets.default_css)


@pytest.mark.parametrize("touch", [False, True])
def test_fitted_views_leave_room_for_the_sources(tiny: CityData, touch: bool) -> None:
    edge, room = FIT_PADDING
    assert room[1] >= FIT_ROOM[1]  # the sources' lines stay clear
    assert min(*edge, *room) >= FIT_MARGIN > 0  # no outline runs along the frame
    base = tiny_parts(tiny, MapSpec(touch=touch)).base
    (setup,) = descendants(base, Setup)
    payload = json.loads(setup.payload)  # the page's own fits
    assert (payload["edge"], payload["room"]) == (list(edge), list(room))
    (fit,) = descendants(base, FitBounds)  # the base's opening fit, the same padding
    assert (fit.options["paddingTopLeft"], fit.options["paddingBottomRight"]) == (edge, room)
    html = render(base)
    assert f'"paddingTopLeft": {json.dumps(list(edge))}' in html
    assert f'"paddingBottomRight": {json.dumps(list(room))}' in html


@pytest.mark.parametrize(("touch", "width"), [(False, SCALE_WIDTH[0]), (True, SCALE_WIDTH[1])])
def test_the_scale_is_metric_and_wide_enough_for_its_text(
    tiny: CityData, touch: bool, width: int
) -> None:
    base = tiny_parts(tiny, MapSpec(touch=touch)).base
    assert base.control_scale is False  # not folium's (metres and feet)
    (setup,) = descendants(base, Setup)
    assert json.loads(setup.payload)["scale"] == width
    assert "L.control.scale()" not in render(base)
    assert SCALE_WIDTH[1] > SCALE_WIDTH[0] >= 100  # Leaflet's own width at the least


@pytest.mark.parametrize("touch", [False, True])
def test_views_are_fitted_in_quarter_levels(tiny: CityData, touch: bool) -> None:
    """A fitted view is as large as its frame allows, not at the whole level below."""
    base = tiny_parts(tiny, MapSpec(touch=touch)).base
    assert base.options["zoom_snap"] == ZOOM_SNAP == 0.25
    assert '"zoomSnap": 0.25' in render(base)
