"""Coverage of the areas by organisations, per field of activity, and the gaps.

For an area and a selection of fields, an organisation *covers* the area when it is
active in any selected field (its ``terms``) and

- a council: it is the area's own council (a sub-committee in the field);
- an association: it is based in the area;
- a civic group: its service area includes the area (or is citywide).

For 防災・減災 the 自主防災組織 活動カバー率 is also computed: the households of the
area's associations that have a 自主防災組織, divided by all households of the area
(2020 census), capped at 100 %.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.model import CITYWIDE
from geo.words import Phrase, phrase

#: National 自主防災組織 活動カバー率, 令和2 (消防白書): a reference line, not a target.
NATIONAL_JISHUBO_RATE = 0.843

KIND_COLUMNS = {"council": "councils", "association": "associations", "civic_group": "civic_groups"}
METRICS = ("count", "per_10k", "jishubo_rate")
#: Why an area is (or is not) a gap; the words are ``gap.reason.<code>`` in the catalogue.
GAP_REASONS = ("none", "no_organisation", "below_median")


@dataclass(frozen=True)
class GapRule:
    """When an area counts as a gap for a selection of fields.

    Attributes
    ----------
    min_share_of_median
        An area with at least one organisation is still a gap when its organisations
        per 10,000 residents fall below this share of the city median (0 disables).
    """

    min_share_of_median: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.min_share_of_median <= 1:
            raise ValueError("min_share_of_median must be between 0 and 1")


DEFAULT_RULE = GapRule()


def _served_pairs(orgs: pd.DataFrame, area_ids: Sequence[str]) -> pd.DataFrame:
    """(organisation position, area id) for every area an organisation covers."""
    kinds = orgs["kind"].to_numpy()
    base = orgs["area_id"].to_numpy()
    service = orgs["service_areas"].tolist()
    pos: list[int] = []
    area: list[str] = []
    all_areas = list(area_ids)
    for i, (kind, own, served) in enumerate(zip(kinds, base, service, strict=True)):
        if kind != "civic_group":
            pos.append(i)
            area.append(own)
        elif CITYWIDE in served:
            pos.extend([i] * len(all_areas))
            area.extend(all_areas)
        else:
            for a in served:
                pos.append(i)
                area.append(a)
    return pd.DataFrame({"pos": np.asarray(pos, dtype=np.int64), "area_id": area})


def active_mask(orgs: pd.DataFrame, fields: Iterable[str]) -> np.ndarray:
    """Boolean mask of organisations active in any of ``fields`` (all when empty)."""
    wanted = frozenset(fields)
    if not wanted:
        return np.ones(len(orgs), dtype=bool)
    return np.fromiter(
        (not wanted.isdisjoint(t) for t in orgs["terms"]), dtype=bool, count=len(orgs)
    )


def coverage(
    areas: pd.DataFrame,
    orgs: pd.DataFrame,
    fields: Iterable[str] = (),
    *,
    rule: GapRule = DEFAULT_RULE,
) -> pd.DataFrame:
    """Coverage of every area for one selection of fields.

    Parameters
    ----------
    areas
        Areas with ``area_id``, ``name_ja``, ``name_en``, ``population_2020`` and
        ``households_2020``.
    orgs
        Organisations as loaded by :func:`geo.io.load_organisations` (possibly filtered).
    fields
        Field codes; an organisation active in any of them counts. Empty = any field.
    rule
        When an area is a gap.

    Returns
    -------
    One row per area, in the areas' order: ``councils``, ``associations``,
    ``civic_groups``, ``total``, ``per_10k``, ``jishubo_households``, ``jishubo_rate``,
    ``is_gap``, ``gap_reason`` (one of :data:`GAP_REASONS`), ``city_median_per_10k``
    and ``gap_share`` (the rule's share of the median).
    """
    ids = areas["area_id"].tolist()
    mask = active_mask(orgs, fields)
    active = orgs[mask]
    pairs = _served_pairs(active, ids)
    kinds = active["kind"].to_numpy()[pairs["pos"].to_numpy()] if len(pairs) else []
    pairs["kind"] = kinds
    counts = (
        pairs.groupby(["area_id", "kind"]).size().unstack(fill_value=0)
        if len(pairs)
        else pd.DataFrame()
    )
    out = pd.DataFrame({"area_id": ids})
    for kind, column in KIND_COLUMNS.items():
        series = counts[kind] if kind in counts else pd.Series(dtype="int64")
        out[column] = [int(series.get(a, 0)) for a in ids]
    out["total"] = out[list(KIND_COLUMNS.values())].sum(axis=1)
    population = areas["population_2020"].to_numpy(dtype=float)
    households = areas["households_2020"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["per_10k"] = np.where(population > 0, out["total"] / population * 10_000, 0.0)
    assoc = orgs[(orgs["kind"] == "association")]
    with_jishubo = assoc[assoc["has_jishubo"].astype(bool)]
    jhh = with_jishubo.groupby("area_id")["households"].sum()
    out["jishubo_households"] = [int(jhh.get(a, 0)) for a in ids]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(households > 0, out["jishubo_households"] / households, 0.0)
    out["jishubo_rate"] = np.minimum(rate, 1.0)
    median = statistics.median(out["per_10k"]) if len(out) else 0.0
    out["city_median_per_10k"] = median
    out["gap_share"] = rule.min_share_of_median
    threshold = rule.min_share_of_median * median
    reason = np.where(
        out["total"] == 0,
        "no_organisation",
        np.where(out["per_10k"] < threshold, "below_median", "none"),
    )
    out["gap_reason"] = reason
    out["is_gap"] = reason != "none"
    return out


def coverage_matrix(
    areas: pd.DataFrame,
    orgs: pd.DataFrame,
    fields: Sequence[str],
    *,
    metric: str = "count",
) -> pd.DataFrame:
    """Area × field table of one metric.

    Parameters
    ----------
    areas, orgs
        As for :func:`coverage`.
    fields
        Field codes, one column each.
    metric
        ``count`` (organisations active) or ``per_10k`` (per 10,000 residents).

    Returns
    -------
    Index: area ids in order; columns: the field codes. Each column equals the
    ``total`` (or ``per_10k``) of :func:`coverage` for that one field; all fields are
    counted in one pass over the organisations.
    """
    if metric not in ("count", "per_10k"):
        raise ValueError(f"unknown metric {metric!r}")
    ids = areas["area_id"].tolist()
    codes = list(dict.fromkeys(fields))
    counts = _field_counts(orgs, ids, codes)
    if metric == "count":
        values = counts
    else:
        population = areas["population_2020"].to_numpy(dtype=float)[:, np.newaxis]
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(population > 0, counts / population * 10_000, 0.0)
    data = {code: values[:, j] for j, code in enumerate(codes)}
    return pd.DataFrame(data, index=pd.Index(ids, name="area_id"))


def _field_counts(orgs: pd.DataFrame, area_ids: Sequence[str], codes: Sequence[str]) -> np.ndarray:
    """Organisations covering each area (rows) active in each field (columns).

    The same pairs as :func:`_served_pairs`, kept as area positions; citywide groups
    are added to every area at once.
    """
    where = {a: i for i, a in enumerate(area_ids)}
    column = {c: j for j, c in enumerate(codes)}
    n_orgs, n_areas = len(orgs), len(area_ids)
    active = np.zeros((n_orgs, len(codes)), dtype=bool)
    rows: list[int] = []
    cols: list[int] = []
    for i, terms in enumerate(orgs["terms"].tolist()):
        for term in terms:
            j = column.get(term)
            if j is not None:
                rows.append(i)
                cols.append(j)
    active[rows, cols] = True
    pos: list[int] = []
    area: list[int] = []
    citywide = np.zeros(n_orgs, dtype=bool)
    kinds = orgs["kind"].tolist()
    base = orgs["area_id"].tolist()
    service = orgs["service_areas"].tolist()
    for i, (kind, own, served) in enumerate(zip(kinds, base, service, strict=True)):
        if kind != "civic_group":
            k = where.get(own)
            if k is not None:
                pos.append(i)
                area.append(k)
        elif CITYWIDE in served:
            citywide[i] = True
        else:
            for a in served:
                k = where.get(a)
                if k is not None:
                    pos.append(i)
                    area.append(k)
    pair_pos = np.asarray(pos, dtype=np.int64)
    pair_area = np.asarray(area, dtype=np.int64)
    counts = np.zeros((n_areas, len(codes)), dtype=np.int64)
    everywhere = active[citywide].sum(axis=0, dtype=np.int64)
    for j in range(len(codes)):
        on = active[pair_pos, j]
        counts[:, j] = np.bincount(pair_area[on], minlength=n_areas) + everywhere[j]
    return counts


def gaps(cov: pd.DataFrame, metric: str = "per_10k") -> pd.DataFrame:
    """Areas ranked from least to most covered (ties by total, then area order).

    Parameters
    ----------
    cov
        Output of :func:`coverage`.
    metric
        Column to rank by: ``count``, ``per_10k`` or ``jishubo_rate``.

    Returns
    -------
    The rows of ``cov``, least covered first, with a ``rank`` column from 1.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    column = "total" if metric == "count" else metric
    ranked = cov.assign(_order=range(len(cov))).sort_values(
        [column, "total", "_order"], kind="stable"
    )
    ranked = ranked.drop(columns="_order").reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked


def gap_reason(row: pd.Series) -> Phrase:
    """The reason an area is (or is not) a gap: the code of ``row`` with its figures.

    Parameters
    ----------
    row
        One row of :func:`coverage`.

    Returns
    -------
    The catalogue's ``gap.reason.<code>`` with the area's organisations per 10,000
    residents and, below the median, the city median and the rule's share of it.
    """
    code = str(row["gap_reason"])
    key = f"gap.reason.{code}"
    per_10k = float(row["per_10k"])
    if code == "no_organisation":
        return phrase(key)
    if code == "below_median":
        median = float(row["city_median_per_10k"])
        return phrase(key, per_10k=per_10k, median=median, share=float(row["gap_share"]))
    return phrase(key, per_10k=per_10k)


def gap_reason_text(row: pd.Series, lang: str = "ja") -> str:
    """The reason an area is (or is not) a gap, in words of ``lang`` (see :func:`gap_reason`).

    Parameters
    ----------
    row
        One row of :func:`coverage`.
    lang
        ``ja`` or ``en``.
    """
    return gap_reason(row).text(lang)


def jishubo_gaps(orgs: pd.DataFrame) -> pd.DataFrame:
    """Associations without a 自主防災組織, largest first."""
    assoc = orgs[(orgs["kind"] == "association") & ~orgs["has_jishubo"].astype(bool)]
    cols = ["org_id", "name", "area_id", "households", "is_sample"]
    return (
        pd.DataFrame(assoc[cols])
        .sort_values(["households", "org_id"], ascending=[False, True])
        .reset_index(drop=True)
    )


def city_jishubo_rate(areas: pd.DataFrame, orgs: pd.DataFrame) -> float:
    """The city's 自主防災組織 活動カバー率 (all areas together)."""
    assoc = orgs[(orgs["kind"] == "association") & orgs["has_jishubo"].astype(bool)]
    total = float(areas["households_2020"].sum())
    return min(float(assoc["households"].sum()) / total, 1.0) if total else 0.0


def summary(cov: pd.DataFrame) -> tuple[int, int]:
    """(number of areas with no organisation, number of areas)."""
    return int((cov["total"] == 0).sum()), len(cov)


__all__ = [
    "DEFAULT_RULE",
    "GAP_REASONS",
    "KIND_COLUMNS",
    "METRICS",
    "NATIONAL_JISHUBO_RATE",
    "GapRule",
    "active_mask",
    "city_jishubo_rate",
    "coverage",
    "coverage_matrix",
    "gap_reason",
    "gap_reason_text",
    "gaps",
    "jishubo_gaps",
    "summary",
]
