"""The choropleth in words: each area with its value, legend class and gap state.

What the map shows by colour and hatching, as rows a screen reader (or anyone without
the map) can read: the areas in the legend's order (from the lightest class to the
darkest; within a class by value, then in the city's order of areas), each with its
value as the legend and tooltip write it, the legend class it is coloured by, and
whether it is a gap, with the reason in words. The classes are those of the map
(:func:`geo.map.classes.class_breaks` over every area).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from geo.coverage import METRICS, gap_reason
from geo.map.classes import class_breaks, class_labels, class_of, format_value, metric_column
from geo.model import area_names_in
from geo.words import text


@dataclass(frozen=True)
class SummaryRow:
    """One area of the choropleth in words.

    Attributes
    ----------
    area_id
        The area's id.
    name
        The area's name in the summary's language.
    value
        The area's value as the map writes it (e.g. ``3団体``).
    class_index
        The legend class the area is coloured by (0 the lightest); ``class_count`` for
        an area of no value (greyed: a 活動カバー率 where no member households are known).
    class_label
        That class's range as the legend writes it (e.g. ``0–4``), or the legend's row
        for an area of no value.
    class_count
        How many classes the legend has.
    is_gap
        Whether the area is a gap (hatched on the map).
    gap_text
        The gap state in words, with the reason for a gap.
    selected
        Whether the area is the selected one (outlined on the map).
    """

    area_id: str
    name: str
    value: str
    class_index: int
    class_label: str
    class_count: int
    is_gap: bool
    gap_text: str
    selected: bool = False


def gap_state(row: pd.Series, lang: str) -> str:
    """An area's gap state in words: the kind of gap and its reason (``少ない：人口1万人
    あたり …``), or that it is none.

    Parameters
    ----------
    row
        One row of :func:`geo.coverage.coverage`.
    lang
        ``ja`` or ``en``.
    """
    if bool(row["is_gap"]):
        kind = text(f"gap.kind.{row['gap_reason']}", lang)
        return text("a11y.gap.yes", lang, kind=kind, reason=gap_reason(row))
    return text("a11y.gap.no", lang)


def choropleth_summary(
    areas: pd.DataFrame,
    cov: pd.DataFrame,
    metric: str,
    lang: str,
    *,
    selected: str | None = None,
) -> tuple[SummaryRow, ...]:
    """Every area of the map in words, in the legend's order.

    Parameters
    ----------
    areas
        The city's areas (``area_id``, ``name_ja``, ``name_en``), in the city's order.
    cov
        The coverage the map is shaded by (:func:`geo.coverage.coverage`), one row per area.
    metric
        What shades the areas: ``count``, ``per_10k`` or ``jishubo_rate``.
    lang
        ``ja`` or ``en``.
    selected
        The selected area, ``None`` for none.

    Returns
    -------
    One row per area, lightest class first; within a class by value, then in the
    order of ``areas``.

    Raises
    ------
    ValueError
        When ``cov`` lacks an area of ``areas``, or ``metric`` is unknown.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {METRICS}")
    by_area = cov.set_index("area_id")
    ids = [str(a) for a in areas["area_id"]]
    missing = sorted(set(ids) - {str(a) for a in by_area.index})
    if missing:
        raise ValueError(f"coverage lacks areas: {missing}")
    ordered = by_area.loc[ids]
    values = [float(v) for v in ordered[metric_column(metric)]]
    breaks = class_breaks(values, metric)
    labels = class_labels(breaks, metric, lang)
    names = area_names_in(areas, lang).values()
    rows = []
    for (area_id, row), name, value in zip(ordered.iterrows(), names, values, strict=True):
        unknown = math.isnan(value)  # (the legend's own row after its classes)
        index = len(labels) if unknown else class_of(value, breaks)
        rows.append(
            SummaryRow(
                area_id=str(area_id),
                name=name,
                value=format_value(value, metric, lang),
                class_index=index,
                class_label=text("map.legend.unknown", lang) if unknown else labels[index],
                class_count=len(labels),
                is_gap=bool(row["is_gap"]),
                gap_text=gap_state(row, lang),
                selected=area_id == selected,
            )
        )
    order = sorted(range(len(rows)), key=lambda i: (rows[i].class_index, values[i], i))
    return tuple(rows[i] for i in order)


def summary_frame(rows: Sequence[SummaryRow], metric: str, lang: str) -> pd.DataFrame:
    """The summary as a table with the catalogue's headers, one row per area.

    Parameters
    ----------
    rows
        From :func:`choropleth_summary`.
    metric
        The metric the rows were made for (its name heads the value column).
    lang
        ``ja`` or ``en``.
    """
    return pd.DataFrame(
        {
            text("a11y.summary.area", lang): [
                text("a11y.summary.selected", lang, name=r.name) if r.selected else r.name
                for r in rows
            ],
            text(f"metric.{metric}", lang): [r.value for r in rows],
            text("a11y.summary.class", lang): [
                r.class_label  # (an area of no value: the legend's row, in no class)
                if r.class_index >= r.class_count
                else text(
                    "a11y.summary.class_value",
                    lang,
                    i=r.class_index + 1,
                    n=r.class_count,
                    range=r.class_label,
                )
                for r in rows
            ],
            text("a11y.summary.gap", lang): [r.gap_text for r in rows],
        }
    )


__all__ = ["SummaryRow", "choropleth_summary", "gap_state", "summary_frame"]
