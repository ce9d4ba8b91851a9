"""The choropleth's classes and their ranges in words (geo/map/classes.py)."""

from __future__ import annotations

import pytest

from geo.map.classes import class_breaks, class_labels, class_of, format_value, label_value


@pytest.mark.parametrize(
    ("values", "metric", "breaks"),
    [
        ([0, 3, 12], "count", (0, 3, 6, 9, 12)),
        ([0, 4, 25], "count", (0, 5, 10, 15, 20)),
        ([0, 0], "count", (0, 1, 2, 3, 4)),
        ([0.0, 4.2, 9.9], "per_10k", (0, 2, 4, 6, 8)),
        ([0.0, 40.0], "per_10k", (0, 10, 20, 30, 40)),
        ([0.0, 1.1], "per_10k", (0, 0.25, 0.5, 0.75, 1.0)),
        ([0.0, 0.5], "jishubo_rate", (0, 0.2, 0.4, 0.6, 0.8)),
    ],
)
def test_class_breaks(values: list[float], metric: str, breaks: tuple[float, ...]) -> None:
    assert class_breaks(values, metric) == pytest.approx(breaks)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (2.9, 0), (3, 1), (8.99, 2), (9, 3), (12, 4), (999, 4)],
)
def test_class_of(value: float, expected: int) -> None:
    assert class_of(value, (0, 3, 6, 9, 12)) == expected


@pytest.mark.parametrize(
    ("breaks", "metric", "lang", "labels"),
    [
        ((0, 3, 6, 9, 12), "count", "ja", ["0–2", "3–5", "6–8", "9–11", "12以上"]),
        ((0, 1, 2, 3, 4), "count", "en", ["0", "1", "2", "3", "4 or more"]),
        ((0, 2.5, 5, 7.5, 10), "per_10k", "ja", ["0–2.5", "2.5–5", "5–7.5", "7.5–10", "10以上"]),
        (
            (0, 0.2, 0.4, 0.6, 0.8),
            "jishubo_rate",
            "en",
            ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%"],
        ),
    ],
)
def test_class_labels(breaks: tuple[float, ...], metric: str, lang: str, labels: list[str]) -> None:
    assert class_labels(breaks, metric, lang) == labels


@pytest.mark.parametrize(
    ("value", "metric", "lang", "said", "labelled"),
    [
        # as said anywhere, and under an area's name, where room is short
        (12, "count", "ja", "12団体", "12団体"),
        (12, "count", "en", "12 organisations", "12 groups"),
        (1, "count", "en", "1 organisation", "1 group"),
        (1, "count", "ja", "1団体", "1団体"),
        (0, "count", "en", "0 organisations", "0 groups"),
        (3.456, "per_10k", "ja", "3.5団体／1万人", "3.5団体／1万人"),
        (3.456, "per_10k", "en", "3.5 per 10,000", "3.5 per 10,000"),
        (0.8431, "jishubo_rate", "en", "84.3%", "84.3%"),
        (0.8431, "jishubo_rate", "ja", "84.3%", "84.3%"),
    ],
)
def test_values_in_words(value: float, metric: str, lang: str, said: str, labelled: str) -> None:
    assert format_value(value, metric, lang) == said
    assert label_value(value, metric, lang) == labelled
