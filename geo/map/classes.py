"""The choropleth's five classes: their breaks, each area's class, the ranges in words."""

from __future__ import annotations

import math
from collections.abc import Sequence

from geo.coverage import METRICS
from geo.map.style import PALETTE
from geo.map.wording import words


def _nice_step(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least ``x``."""
    if x <= 0:
        return 1.0
    exp = math.floor(math.log10(x))
    for f in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = f * 10.0**exp
        if step >= x * (1 - 1e-12):
            return round(step, 10)
    return 10.0 ** (exp + 1)  # pragma: no cover - the loop always returns


def class_breaks(values: Sequence[float], metric: str) -> tuple[float, ...]:
    """Lower edges of the five classes of the scale.

    Parameters
    ----------
    values
        The metric of every area.
    metric
        ``count``, ``per_10k`` or ``jishubo_rate``.

    Returns
    -------
    Five increasing lower edges starting at 0; class ``i`` holds values from edge
    ``i`` up to (not including) edge ``i + 1``, the last class everything above.
    Counts use whole steps, ``per_10k`` round steps (1, 2, 2.5, 5 × 10^k) and the
    rate fixed steps of 20 %.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    if metric == "jishubo_rate":
        return (0.0, 0.2, 0.4, 0.6, 0.8)
    top = max((float(v) for v in values), default=0.0)
    n = len(PALETTE)
    step = float(max(1, math.ceil(top / n))) if metric == "count" else _nice_step(top / n)
    return tuple(round(step * i, 10) for i in range(n))


def class_of(value: float, breaks: Sequence[float]) -> int:
    """Index of the class ``value`` falls in (see :func:`class_breaks`)."""
    index = 0
    for i, lower in enumerate(breaks):
        if value >= lower - 1e-12:
            index = i
    return index


def _number(x: float) -> str:
    return f"{x:g}"


def _class_label(breaks: Sequence[float], i: int, metric: str, lang: str) -> str:
    lo = breaks[i]
    last = i == len(breaks) - 1
    if metric == "jishubo_rate":
        hi = 1.0 if last else breaks[i + 1]
        return f"{lo * 100:.0f}–{hi * 100:.0f}%"
    if last:
        return words("map.legend.or_more", lang, lo=_number(lo))
    if metric == "count":
        top = int(breaks[i + 1]) - 1
        return _number(lo) if top <= lo else f"{_number(lo)}–{top}"
    return f"{_number(lo)}–{_number(breaks[i + 1])}"


def class_labels(breaks: Sequence[float], metric: str, lang: str) -> list[str]:
    """The range of each class in words, e.g. ``0–4``, ``5–9`` … ``20以上``."""
    return [_class_label(breaks, i, metric, lang) for i in range(len(breaks))]


def format_value(value: float, metric: str, lang: str) -> str:
    """The metric of one area in words."""
    if metric == "count":
        return words("map.value.count", lang, n=int(value))
    if metric == "per_10k":
        return words("map.value.per_10k", lang, v=float(value))
    if math.isnan(value):  # (a rate of no known households)
        return words("map.value.unknown", lang)
    return f"{float(value) * 100:.1f}%"


def label_value(value: float, metric: str, lang: str) -> str:
    """The metric of one area as its name's label shows it: as :func:`format_value`, a
    count in fewer words (English 「12 groups」, where the name's room is short)."""
    if metric == "count":
        return words("map.label.count", lang, n=int(value))
    return format_value(value, metric, lang)


def metric_column(metric: str) -> str:
    """The coverage column that holds ``metric``."""
    return "total" if metric == "count" else metric


__all__ = [
    "class_breaks",
    "class_labels",
    "class_of",
    "format_value",
    "label_value",
    "metric_column",
]
