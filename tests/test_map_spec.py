"""What a map shows and how much of large data it sends (geo/map/spec.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

import geo.map.spec
from geo.map.spec import (
    AREA_LIMIT,
    COUNT_AREAS,
    COUNT_CELL,
    DEFAULT_BUDGET,
    DETAIL_ZOOM,
    LAYERS,
    MAP_WIDTH,
    POINT_LIMIT,
    VIEW_MARGIN,
    MapBudget,
    MapSpec,
)


def test_spec_is_hashable_and_normalised() -> None:
    a = MapSpec(layers=("shelters", "councils", "shelters"), fields=("npo08", "bousai"))
    b = MapSpec(layers=("councils", "shelters"), fields=("bousai", "npo08"))
    assert a == b
    assert hash(a) == hash(b)
    assert a.layers == ("councils", "shelters")
    assert MapSpec(hazards=("tsunami", "flood")).hazards == ("flood", "tsunami")
    assert MapSpec(area_id="").area_id is None
    assert MapSpec().layers == LAYERS


@pytest.mark.parametrize(
    "kwargs",
    [
        {"metric": "density"},
        {"layers": ("roads",)},
        {"hazards": ("meteor",)},
        {"basemap": "google"},
        {"lang": "fr"},
    ],
)
def test_spec_rejects_unknown_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        MapSpec(**kwargs)


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("limit", POINT_LIMIT),
        ("detail_zoom", DETAIL_ZOOM),
        ("margin", VIEW_MARGIN),
        ("count_areas", COUNT_AREAS),
        ("cell", COUNT_CELL),
        ("area_limit", AREA_LIMIT),
        ("map_width", MAP_WIDTH),
    ],
)
def test_every_setting_is_documented_with_its_default(name: str, default: object) -> None:
    doc = geo.map.spec.__doc__ or ""
    assert getattr(DEFAULT_BUDGET, name) == default
    assert re.search(rf"``{name}``\s+{re.escape(str(default))}\s", doc), name


def test_settings_cover_every_field_of_the_budget() -> None:
    doc = geo.map.spec.__doc__ or ""
    for name in MapBudget.__dataclass_fields__:
        assert f"``{name}``" in doc


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": 0},
        {"detail_zoom": 1},
        {"detail_zoom": 30},
        {"margin": -0.1},
        {"margin": 3},
        {"count_areas": 0},
        {"cell": 0},
        {"area_limit": 0},
        {"map_width": 0},
    ],
)
def test_budget_rejects_nonsense(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        MapBudget(**kwargs)


def test_the_pages_options_have_their_defaults() -> None:
    spec = MapSpec()
    assert spec.labels is True
    assert spec.label_values is False
    assert spec.focus == ()
    assert spec.links is True
    assert spec.layer_control == "expanded"
    assert spec.legend == "open"
    assert spec.title == ""
    assert spec.points_interactive is True


@pytest.mark.parametrize(
    "kwargs",
    [{"layer_control": "hidden"}, {"legend": "closed"}, {"layer_control": ""}],
)
def test_spec_rejects_unknown_controls(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        MapSpec(**kwargs)


def test_focus_is_normalised() -> None:
    assert MapSpec(focus=("yuda", "ato", "yuda", "")).focus == ("ato", "yuda")
    assert MapSpec(focus=("yuda", "ato")) == MapSpec(focus=("ato", "yuda"))
    assert hash(MapSpec(focus=("yuda",))) == hash(MapSpec(focus=["yuda"]))  # type: ignore[arg-type]
