"""The map's words come from the one catalogue (geo/map/wording.py, geo/words/map.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.coverage import gap_reason_text
from geo.map import LAYERS
from geo.map.encode import escape_text
from geo.map.wording import (
    gap_reason,
    hazard_name,
    html_words,
    layer_name,
    metric_label,
    offline_notice,
    words,
)
from geo.model import HAZARDS
from geo.words import MESSAGES, missing_translations, text


def test_layer_names_are_the_words_of_the_brief() -> None:
    assert [layer_name(layer, "ja") for layer in LAYERS] == [
        "地域づくり協議会・地域交流センター",
        "自治会・町内会",
        "市民活動団体",
        "避難場所",
    ]


def test_the_map_keeps_its_words() -> None:
    assert [metric_label(m, "ja") for m in ("count", "per_10k", "jishubo_rate")] == [
        "活動する団体の数",
        "人口1万人あたりの団体数",
        "自主防災組織 活動カバー率",
    ]
    assert words("map.legend.gap", "ja") == "空白地域（団体がない・少ない）"
    assert words("map.value.per_10k", "ja", v=3.456) == "3.5団体／1万人"
    assert offline_notice() == ("背景地図なし（インターネット未接続）/ No base map (offline)")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_metric_has_one_name_on_its_picker_and_on_the_map(lang: str) -> None:
    """The picker said 活動団体数 where the legend said 活動する団体の数."""
    for metric in ("count", "per_10k", "jishubo_rate"):
        assert metric_label(metric, lang) == text(f"metric.{metric}", lang)
    assert not [k for k in MESSAGES if k.startswith("map.metric.")]


def test_hazards_are_named_by_the_catalogue_short_names() -> None:
    assert [hazard_name(h, "ja") for h in HAZARDS] == [
        text(f"hazard.{h}.short", "ja") for h in HAZARDS
    ]
    assert hazard_name("landslide", "ja") == "土砂災害"  # not the official 崖崩れ・土石流・地滑り


def test_map_words_are_in_both_languages() -> None:
    assert missing_translations() == []
    keys = [k for k in MESSAGES if k.startswith("map.")]
    assert {"map.legend.gap", "map.count.others", "map.offline", "map.shelter.for"} <= set(keys)


@pytest.mark.parametrize(
    ("key", "lang", "params", "expected"),
    [
        ("map.count.others", "ja", {"area": "&lt;b&gt;"}, "&lt;b&gt;ほか"),
        ("map.count.others", "en", {"area": "湯田"}, "湯田 and others"),
        ("map.count.orgs", "en", {"n": 12}, ": 12 organisations"),
        ("map.count.orgs", "en", {"n": 1}, ": 1 organisation"),
        ("map.count.orgs", "ja", {"n": 1}, "：1団体"),
        ("map.count.sites", "en", {"n": 1}, ": 1 site"),
        ("map.value.per_10k", "ja", {"v": 2.25}, "2.2団体／1万人"),
        ("map.legend.gap", "en", {}, escape_text("Gap (no or few organisations)")),
    ],
)
def test_html_words_escape_the_words_not_the_values(
    key: str, lang: str, params: dict[str, object], expected: str
) -> None:
    assert html_words(key, lang, **params) == expected


def test_gap_reasons_are_the_coverage_words() -> None:
    row = pd.Series({"gap_reason": "no_organisation", "city_median_per_10k": 5.0, "per_10k": 0.0})
    for lang in ("ja", "en"):
        assert gap_reason(row, lang) == gap_reason_text(row, lang)
