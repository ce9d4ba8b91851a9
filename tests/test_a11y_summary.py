"""The choropleth in words (geo/summary.py): order, values, classes and gap states."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.coverage import coverage
from geo.map.classes import class_breaks
from geo.map.legend import legend_html
from geo.map.spec import MapSpec
from geo.model import CityData
from geo.summary import choropleth_summary, gap_state, summary_frame
from geo.words import text as text_of

AREAS = pd.DataFrame(
    {
        "area_id": ["a", "b", "c", "d", "e"],
        "name_ja": ["甲", "乙", "丙", "丁", "戊"],
        "name_en": ["Ko", "Otsu", "Hei", "Tei", "Bo"],
    }
)


def cov_of(totals: dict[str, int], *, gaps: dict[str, str] | None = None) -> pd.DataFrame:
    """A coverage table: ``gaps`` maps an area to its gap reason code."""
    gaps = gaps or {}
    ids = list(AREAS["area_id"])
    return pd.DataFrame(
        {
            "area_id": ids,
            "total": [totals[a] for a in ids],
            "per_10k": [totals[a] * 2.5 for a in ids],
            "jishubo_rate": [min(totals[a] / 10, 1.0) for a in ids],
            "is_gap": [a in gaps for a in ids],
            "gap_reason": [gaps.get(a, "none") for a in ids],
            "city_rate_per_10k": [10.0] * len(ids),
            "gap_share": [0.5] * len(ids),
            "national_jishubo_rate": [0.843] * len(ids),
        }
    )


TOTALS = {"a": 12, "b": 0, "c": 3, "d": 7, "e": 3}


@pytest.mark.parametrize(
    ("metric", "lang", "order", "values"),
    [
        # lightest class first; within a class by value, then in the city's order
        (
            "count",
            "ja",
            ["b", "c", "e", "d", "a"],
            ["0団体", "3団体", "3団体", "7団体", "12団体"],
        ),
        (
            "per_10k",
            "en",
            ["b", "c", "e", "d", "a"],
            [
                "0.0 per 10,000",
                "7.5 per 10,000",
                "7.5 per 10,000",
                "17.5 per 10,000",
                "30.0 per 10,000",
            ],
        ),
        (
            "jishubo_rate",
            "ja",
            ["b", "c", "e", "d", "a"],
            ["0.0%", "30.0%", "30.0%", "70.0%", "100.0%"],
        ),
    ],
)
def test_rows_in_the_legends_order(
    metric: str, lang: str, order: list[str], values: list[str]
) -> None:
    rows = choropleth_summary(AREAS, cov_of(TOTALS), metric, lang)
    assert [r.area_id for r in rows] == order
    assert [r.value for r in rows] == values
    indexes = [r.class_index for r in rows]
    assert indexes == sorted(indexes)
    assert {r.class_count for r in rows} == {5}


@pytest.mark.parametrize(
    ("metric", "lang", "labels"),
    [
        # count breaks for a top of 12: 0, 3, 6, 9, 12
        ("count", "ja", {"a": "12以上", "b": "0–2", "c": "3–5", "d": "6–8", "e": "3–5"}),
        ("count", "en", {"a": "12 or more", "b": "0–2", "c": "3–5", "d": "6–8", "e": "3–5"}),
        ("jishubo_rate", "en", {"a": "80–100%", "b": "0–20%", "c": "20–40%", "d": "60–80%"}),
    ],
)
def test_class_labels_as_the_legend_writes_them(
    metric: str, lang: str, labels: dict[str, str]
) -> None:
    rows = {r.area_id: r for r in choropleth_summary(AREAS, cov_of(TOTALS), metric, lang)}
    assert {a: rows[a].class_label for a in labels} == labels


@pytest.mark.parametrize(
    ("area", "reason", "lang", "expected"),
    [
        ("b", "no_organisation", "ja", "空白：活動する団体がありません"),
        ("b", "no_organisation", "en", "No activity: no organisation is active here"),
        ("c", "below_rate", "ja", "少ない：人口1万人あたり 7.5団体（市全体の 10.0 の50%未満）"),
        (
            "c",
            "below_rate",
            "en",
            "Sparse: 7.5 per 10,000 residents (under 50% of the city's 10.0)",
        ),
        (
            "d",
            "below_national",
            "ja",
            "要注意：自主防災組織 活動カバー率 70.0%（全国平均 84.3%未満）",
        ),
        ("a", None, "ja", "空白・少ない・要注意のどれにも当たりません"),
        ("a", None, "en", "Not a gap (neither no activity, sparse nor attention)"),
    ],
)
def test_gap_state_in_words(area: str, reason: str | None, lang: str, expected: str) -> None:
    cov = cov_of(TOTALS, gaps={area: reason} if reason else {})
    rows = {r.area_id: r for r in choropleth_summary(AREAS, cov, "count", lang)}
    assert rows[area].gap_text == expected
    assert rows[area].is_gap is (reason is not None)
    assert gap_state(cov[cov["area_id"] == area].iloc[0], lang) == expected


def test_every_area_once_and_the_selection_marked() -> None:
    rows = choropleth_summary(AREAS, cov_of(TOTALS), "count", "en", selected="d")
    assert sorted(r.area_id for r in rows) == sorted(AREAS["area_id"])
    assert [r.area_id for r in rows if r.selected] == ["d"]
    assert {r.area_id: r.name for r in rows}["d"] == "Tei"


@pytest.mark.parametrize(
    ("lang", "headers", "first"),
    [
        (
            "ja",
            ["地域", "活動する団体の数", "凡例の区分", "空白の状況"],
            ["乙", "0団体", "5段階の1：0–2"],
        ),
        (
            "en",
            ["Area", "Organisations active", "Legend class", "Gap"],
            ["Otsu", "0 organisations", "1 of 5: 0–2"],
        ),
    ],
)
def test_summary_table(lang: str, headers: list[str], first: list[str]) -> None:
    rows = choropleth_summary(AREAS, cov_of(TOTALS), "count", lang, selected="a")
    frame = summary_frame(rows, "count", lang)
    assert list(frame.columns) == headers
    assert list(frame.iloc[0, :3]) == first
    assert frame.iloc[-1, 0] == ("甲（選択中）" if lang == "ja" else "Ko (selected)")


@pytest.mark.parametrize(
    ("cov", "metric", "message"),
    [
        (cov_of(TOTALS).iloc[:3], "count", "coverage lacks areas: \\['d', 'e'\\]"),
        (cov_of(TOTALS), "people", "unknown metric"),
    ],
)
def test_refused(cov: pd.DataFrame, metric: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        choropleth_summary(AREAS, cov, metric, "ja")


def _legend_labels(html: str) -> list[str]:
    """The class ranges the legend lists, in its order (the text after each swatch)."""
    found = re.findall(r'<i class="kyodo-fill"[^>]*data-klass="(\d+)"></i>([^<]+)</li>', html)
    assert [int(k) for k, _ in found] == list(range(len(found)))
    return [label for _, label in found]


@pytest.mark.parametrize("metric", ["count", "per_10k", "jishubo_rate"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_follows_the_maps_legend(tiny: CityData, metric: str, lang: str) -> None:
    """The summary's classes are the legend's, met in the legend's order."""
    cov = coverage(tiny.areas, tiny.organisations, ("bousai",))
    rows = choropleth_summary(tiny.areas, cov, metric, lang)
    column = {"count": "total"}.get(metric, metric)
    breaks = class_breaks([float(v) for v in cov[column]], metric)
    legend = _legend_labels(
        legend_html(MapSpec(metric=metric, lang=lang), breaks, tiny.catalog, selected=False)
    )
    assert len(legend) == rows[0].class_count
    unknown = [r for r in rows if r.class_index == r.class_count]  # (no value: greyed)
    assert [r.area_id for r in unknown] == (["se"] if metric == "jishubo_rate" else [])
    assert {r.class_label for r in unknown} <= {text_of("map.legend.unknown", lang)}
    known = [r for r in rows if r not in unknown]
    seen = [r.class_label for r in known]
    assert all(label in legend for label in seen)
    assert [legend.index(label) for label in seen] == sorted(legend.index(label) for label in seen)
    assert [legend.index(r.class_label) for r in known] == [r.class_index for r in known]


def test_an_area_of_no_value_is_read_as_the_legend_says(tiny: CityData) -> None:
    """南東 has no association: its 活動カバー率 is unknown, read as the legend's row."""
    cov = coverage(tiny.areas, tiny.organisations, ("kosodate",), metric="jishubo_rate")
    frame = summary_frame(
        choropleth_summary(tiny.areas, cov, "jishubo_rate", "ja"), "jishubo_rate", "ja"
    )
    row = frame[frame.iloc[:, 0] == "南東"].iloc[0].tolist()
    assert row[1] == "データなし"
    assert row[2] == text_of("map.legend.unknown", "ja")
