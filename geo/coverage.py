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

import csv
import io
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from geo.export import neutralise_cell, safe_csv
from geo.model import CITYWIDE
from geo.settings import Settings
from geo.words import Listed, Named, Phrase, phrase

FloatArray = npt.NDArray[np.float64]

#: National 自主防災組織 活動カバー率, 令和2 (消防白書): the reference line of the 要注意 rule.
NATIONAL_JISHUBO_RATE = 0.843

KIND_COLUMNS = {"council": "councils", "association": "associations", "civic_group": "civic_groups"}
METRICS = ("count", "per_10k", "jishubo_rate")
#: Why an area is (or is not) a gap, most serious first after ``none``; the words are
#: ``gap.reason.<code>`` (the reason with its figures), ``gap.kind.<code>`` (空白, 少ない,
#: 要注意) and ``gap.rule.<code>`` (the rule in words) in the catalogue.
GAP_REASONS = ("none", "no_organisation", "below_national", "below_rate")
#: The reasons that make an area a gap, in the order pages list them.
GAP_CODES = GAP_REASONS[1:]
#: The metric under which the national 自主防災組織 rule applies.
JISHUBO_METRIC = "jishubo_rate"


@dataclass(frozen=True)
class GapRule:
    """When an area counts as a gap for a selection of fields.

    Three rules, the first that holds gives the reason:

    ``no_organisation`` (空白)
        Nobody is active in the area.
    ``below_national`` (要注意)
        Only when the map is coloured by the 自主防災組織 活動カバー率: the area's rate
        is under ``national_jishubo_rate``.
    ``below_rate`` (少ない)
        The area's organisations per 10,000 residents fall below ``min_share_of_rate``
        of the city's rate, weighted by population (all organisation–area pairs over
        all residents), so that small areas do not pull the bar up.

    Attributes
    ----------
    min_share_of_rate
        Share of the city's population-weighted rate under which an area with
        organisations is 少ない (0 disables the rule).
    national_jishubo_rate
        The national 活動カバー率 (0–1) under which an area is 要注意 (0 disables).
    """

    min_share_of_rate: float = 0.5
    national_jishubo_rate: float = NATIONAL_JISHUBO_RATE

    def __post_init__(self) -> None:
        problems = [
            f"{name} must be between 0 and 1, not {getattr(self, name)!r}"
            for name in ("min_share_of_rate", "national_jishubo_rate")
            if not 0 <= getattr(self, name) <= 1
        ]
        if problems:
            raise ValueError("invalid gap rule: " + "; ".join(problems))


DEFAULT_RULE = GapRule()


def gap_rule(settings: Settings) -> GapRule:
    """The gap rule of a run's settings (``KYODO_NATIONAL_JISHUBO_PERCENT``)."""
    return GapRule(national_jishubo_rate=round(settings.national_jishubo_percent / 100, 6))


def _served_pairs(orgs: pd.DataFrame, area_ids: Sequence[str]) -> pd.DataFrame:
    """(organisation position, area id) for every area an organisation covers."""
    return _pairs(
        orgs["kind"].to_numpy(),
        orgs["area_id"].to_numpy(),
        orgs["service_areas"].tolist(),
        area_ids,
    )


def _pairs(
    kinds: np.ndarray, base: np.ndarray, service: Sequence[Sequence[str]], area_ids: Sequence[str]
) -> pd.DataFrame:
    """:func:`_served_pairs` of organisations given as their kinds, base areas and
    service areas."""
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


def area_positions(area_ids: Iterable[str], ids: Sequence[str]) -> np.ndarray:
    """The position in ``ids`` of each of ``area_ids``; -1 for an area not in it."""
    where = {a: i for i, a in enumerate(ids)}
    return np.fromiter((where.get(a, -1) for a in area_ids), dtype=np.int64)


def _kind_counts(orgs: pd.DataFrame, mask: np.ndarray, ids: list[str]) -> dict[str, np.ndarray]:
    """Organisations of ``mask`` of each kind (:data:`KIND_COLUMNS`) covering each area
    of ``ids``, in their order; an area not in ``ids`` is not counted."""
    rows = np.flatnonzero(mask)
    kinds = orgs["kind"].to_numpy()[rows]
    service = orgs["service_areas"].tolist()
    pairs = _pairs(kinds, orgs["area_id"].to_numpy()[rows], [service[i] for i in rows], ids)
    area = area_positions(pairs["area_id"], ids)
    kind = kinds[pairs["pos"].to_numpy()]
    return {
        column: np.bincount(area[(kind == k) & (area >= 0)], minlength=len(ids))
        for k, column in KIND_COLUMNS.items()
    }


def _association_households(orgs: pd.DataFrame, ids: list[str]) -> tuple[list[int], list[int]]:
    """The member households of the associations of each area of ``ids``, and of those
    with a 自主防災組織 (an unknown 世帯数 counts as none)."""
    association = (orgs["kind"] == "association").to_numpy()
    jishubo = orgs["has_jishubo"].to_numpy(dtype=bool, na_value=False)
    households = orgs["households"].to_numpy(dtype=float, na_value=0.0)
    area = area_positions(orgs["area_id"], ids)
    known = association & (area >= 0)

    def summed(rows: np.ndarray) -> list[int]:
        total = np.bincount(area[rows], weights=households[rows], minlength=len(ids))
        return [int(v) for v in total]

    return summed(known), summed(known & jishubo)


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
    metric: str = "count",
    associations: pd.DataFrame | None = None,
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
    metric
        What the areas are coloured by; the national 自主防災組織 rule applies only
        under ``jishubo_rate``.
    associations
        The organisations the 自主防災組織 活動カバー率 is computed from (its
        associations); ``None``: ``orgs``. A page that filters organisations passes
        them all, as the rate is a fact of the area, not of the filter.

    Returns
    -------
    One row per area, in the areas' order: ``councils``, ``associations``,
    ``civic_groups``, ``total``, ``population_2020``, ``households_2020``,
    ``member_households``, ``jishubo_households`` and the columns of :func:`judge`
    (``per_10k``,
    ``jishubo_rate``, ``is_gap``, ``gap_reason`` …).
    """
    ids = areas["area_id"].tolist()
    mask = active_mask(orgs, fields)
    # (only the columns counted: a copy of every column of the organisations, their
    # points and texts, took most of a field change's time)
    out = pd.DataFrame({"area_id": ids, **_kind_counts(orgs, mask, ids)})
    out["total"] = out[list(KIND_COLUMNS.values())].sum(axis=1)
    out["population_2020"] = areas["population_2020"].to_numpy(dtype=np.int64)
    out["households_2020"] = areas["households_2020"].to_numpy(dtype=np.int64)
    source = orgs if associations is None else associations
    out["member_households"], out["jishubo_households"] = _association_households(source, ids)
    return judge(out, rule=rule, metric=metric)


@overload
def jishubo_share(jishubo: float, members: float) -> float: ...
@overload
def jishubo_share(jishubo: FloatArray, members: FloatArray) -> FloatArray: ...
def jishubo_share(jishubo: float | FloatArray, members: float | FloatArray) -> float | FloatArray:
    """The 自主防災組織 活動カバー率 from association households.

    The national figure (消防白書) is the share of households living where a
    自主防災組織 is active. An association's 自主防災組織 covers its whole 区域,
    members or not, and the associations' 区域 together cover the area; taking each
    区域's households as proportional to its members, the share is the member
    households of associations with a 自主防災組織 over those of all associations.
    Counting member households over census households would instead give the rate
    times the 加入率, and no area could reach the national figure by its 加入率 alone.

    Parameters
    ----------
    jishubo
        Households in associations with a 自主防災組織 (a number or an array).
    members
        Households in all associations of the same areas.

    Returns
    -------
    The share, between 0 and 1; ``NaN`` (unknown) where no member households are known:
    a list of associations without their 世帯数 says nothing of the share, and an area
    with a share of 0 would be flagged under the national rate.
    """
    part = np.asarray(jishubo, dtype=float)
    whole = np.asarray(members, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(whole > 0, part / whole, np.nan)
    result = np.clip(share, 0.0, 1.0)
    return float(result) if result.ndim == 0 else result


def judge(
    figures: pd.DataFrame, *, rule: GapRule = DEFAULT_RULE, metric: str = "count"
) -> pd.DataFrame:
    """The rates of every area and whether it is a gap, from its figures.

    Parameters
    ----------
    figures
        One row per area with ``total`` (organisation–area pairs: an organisation
        counts in every area it covers), ``population_2020``, ``households_2020`` and
        ``member_households`` (households in the area's associations) and
        ``jishubo_households`` (those of them in associations with a 自主防災組織).
    rule
        When an area is a gap (see :class:`GapRule`).
    metric
        What the areas are coloured by (one of :data:`METRICS`).

    Returns
    -------
    A copy of ``figures`` with ``per_10k``, ``jishubo_rate`` (see :func:`jishubo_share`),
    ``city_rate_per_10k`` (all pairs over all residents × 10,000),
    ``city_median_per_10k``, ``gap_share``, ``gap_threshold_per_10k`` (the share of
    the city's rate), ``national_jishubo_rate`` (``NaN`` when the national rule does
    not apply), ``gap_reason`` (one of :data:`GAP_REASONS`) and ``is_gap``.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    out = figures.copy()
    total = out["total"].to_numpy(dtype=float)
    population = out["population_2020"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["per_10k"] = np.where(population > 0, total / population * 10_000, 0.0)
    out["jishubo_rate"] = jishubo_share(
        out["jishubo_households"].to_numpy(dtype=float),
        out["member_households"].to_numpy(dtype=float),
    )
    residents = float(population.sum())
    city_rate = float(total.sum()) / residents * 10_000 if residents > 0 else 0.0
    out["city_rate_per_10k"] = city_rate
    out["city_median_per_10k"] = statistics.median(out["per_10k"]) if len(out) else 0.0
    out["gap_share"] = rule.min_share_of_rate
    threshold = rule.min_share_of_rate * city_rate
    out["gap_threshold_per_10k"] = threshold
    national = metric == JISHUBO_METRIC and rule.national_jishubo_rate > 0
    out["national_jishubo_rate"] = rule.national_jishubo_rate if national else np.nan
    conditions = [
        total == 0,
        np.full(len(out), national) & (out["jishubo_rate"].to_numpy() < rule.national_jishubo_rate),
        (population > 0) & (out["per_10k"].to_numpy() < threshold),
    ]
    reason = np.select(conditions, list(GAP_CODES), default="none")
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


def matrix_gaps(
    areas: pd.DataFrame, counts: pd.DataFrame, *, rule: GapRule = DEFAULT_RULE
) -> pd.DataFrame:
    """The gap reason of every cell of an area × field table of counts.

    Each column is judged on its own by :func:`judge` (as the map judges one field
    coloured by count or per 10,000: 空白 and 少ない).

    Parameters
    ----------
    areas
        Areas with ``area_id``, ``population_2020`` and ``households_2020``.
    counts
        :func:`coverage_matrix` with ``metric="count"``: index area ids, one column per
        field.

    Returns
    -------
    The same shape as ``counts``, each cell a code of :data:`GAP_REASONS`.
    """
    info = areas.set_index("area_id").loc[counts.index]
    out = pd.DataFrame(index=counts.index)
    for column in counts.columns:
        figures = pd.DataFrame(
            {
                "total": counts[column].to_numpy(),
                "population_2020": info["population_2020"].to_numpy(),
                "households_2020": info["households_2020"].to_numpy(),
                "member_households": 0,
                "jishubo_households": 0,
            }
        )
        out[column] = judge(figures, rule=rule)["gap_reason"].to_numpy()
    return out


def matrix_csv(
    table: pd.DataFrame,
    notes: Sequence[tuple[str, str]],
    marks: tuple[str, pd.DataFrame] | None = None,
) -> bytes:
    """An area × field table as CSV for spreadsheets, below a block of notes.

    Parameters
    ----------
    table
        The table as shown (its index, the areas, becomes the first column), in the
        order shown.
    notes
        ``(label, value)`` lines written first (what the data is, which fields and
        metric, when, from where), then an empty line, then the table.
    marks
        A title and a table of the same areas and fields saying which cells are gaps
        (their marks, empty for the others), written after an empty line below the
        figures, so that these stay numbers a spreadsheet can add up.

    Returns
    -------
    UTF-8 with BOM; every text cell that a spreadsheet would run as a formula is
    prefixed with ``'`` (:func:`geo.export.neutralise_cell`).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for label, value in notes:
        writer.writerow([neutralise_cell(label), neutralise_cell(value)])
    writer.writerow([])
    body = safe_csv(table, index=True).decode("utf-8").removeprefix("\ufeff")
    if marks is not None:
        title, cells = marks
        below = io.StringIO()
        csv.writer(below, lineterminator="\r\n").writerows([[], [neutralise_cell(title)]])
        body += below.getvalue() + safe_csv(cells, index=True).decode("utf-8").removeprefix(
            "\ufeff"
        )
    return ("\ufeff" + out.getvalue() + body).encode("utf-8")


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


#: The columns of a coverage row that :func:`gap_reason` reads.
REASON_COLUMNS = (
    "gap_reason",
    "per_10k",
    "city_rate_per_10k",
    "gap_share",
    "jishubo_rate",
    "national_jishubo_rate",
)

#: One row of :func:`coverage`: a row of the frame, or its cells by column (at least
#: those of :data:`REASON_COLUMNS`).
CoverageRow: TypeAlias = pd.Series | Mapping[str, Any]


def gap_reason(row: CoverageRow) -> Phrase:
    """The reason an area is (or is not) a gap: the code of ``row`` with its figures.

    Parameters
    ----------
    row
        One row of :func:`coverage` (or :func:`judge`), or its cells by column.

    Returns
    -------
    The catalogue's ``gap.reason.<code>``: for ``none`` the area's organisations per
    10,000 residents; for ``below_rate`` that figure with the city's rate and the
    rule's share of it; for ``below_national`` the area's 活動カバー率 and the national one.
    """
    code = str(row["gap_reason"])
    key = f"gap.reason.{code}"
    per_10k = float(row["per_10k"])
    if code == "no_organisation":
        return phrase(key)
    if code == "below_rate":
        rate = float(row["city_rate_per_10k"])
        return phrase(key, per_10k=per_10k, rate=rate, share=float(row["gap_share"]))
    if code == "below_national":
        national = float(row["national_jishubo_rate"])
        return phrase(key, rate=float(row["jishubo_rate"]), national=national)
    return phrase(key, per_10k=per_10k)


def gap_reason_text(row: CoverageRow, lang: str = "ja") -> str:
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
    assoc = orgs[orgs["kind"] == "association"]
    assoc = assoc[assoc["area_id"].isin(set(areas["area_id"]))]
    with_jishubo = assoc[assoc["has_jishubo"].astype(bool)]
    return jishubo_share(float(with_jishubo["households"].sum()), float(assoc["households"].sum()))


def summary(cov: pd.DataFrame) -> tuple[int, int]:
    """(number of areas with no organisation, number of areas)."""
    return int((cov["total"] == 0).sum()), len(cov)


def gap_areas(cov: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The gap areas of ``cov`` by reason: ``{code: area ids}`` for each of :data:`GAP_CODES`
    that holds somewhere, most serious first, areas in ``cov``'s order."""
    out: dict[str, tuple[str, ...]] = {}
    for code in GAP_CODES:
        ids = tuple(str(a) for a in cov.loc[cov["gap_reason"] == code, "area_id"])
        if ids:
            out[code] = ids
    return out


def covering(orgs: pd.DataFrame, area_ids: Sequence[str], within: Iterable[str] = ()) -> int:
    """How many organisations of ``orgs`` cover at least one area (of ``within`` when given).

    Parameters
    ----------
    orgs
        Organisations (already filtered to the fields in question).
    area_ids
        Every area of the city (a citywide group covers them all).
    within
        The areas looked at; empty for all of them.
    """
    pairs = _served_pairs(orgs, area_ids)
    wanted = set(within)
    if wanted:
        pairs = pairs[pairs["area_id"].isin(wanted)]
    return int(pairs["pos"].nunique())


def gap_summary(
    cov: pd.DataFrame,
    *,
    metric: str,
    organisations: int,
    names: Mapping[str, Named],
    max_names: int = 5,
) -> Phrase:
    """What a headline says about ``cov``: the gaps by reason, then the activity.

    Parameters
    ----------
    cov
        Rows of :func:`coverage` for the areas looked at (all, or the focused ones).
    metric
        What the areas are coloured by; it chooses the closing figure.
    organisations
        Organisations covering those areas (:func:`covering`).
    names
        Area id -> its name in both languages.
    max_names
        Gap areas are named when there are at most this many for a reason.

    Returns
    -------
    Parts joined by ``／``, e.g. 「空白 1地域（大内）／20地域で 1,033団体が活動」 or
    「活動カバー率が全国平均（84.3%）未満 8地域／21地域の活動カバー率 73.5%」.
    """
    parts: list[Phrase] = []
    found = gap_areas(cov)
    national = float(cov["national_jishubo_rate"].max()) if len(cov) else float("nan")
    for code, ids in found.items():
        extra = {"national": national} if code == "below_national" else {}
        if len(ids) <= max_names:
            areas = Listed(tuple(names.get(a, Named(a, a)) for a in ids), "list")
            parts.append(phrase(f"headline.gap.{code}", n=len(ids), areas=areas, **extra))
        else:
            parts.append(phrase(f"headline.gap.{code}.many", n=len(ids), **extra))
    if not found and np.isnan(national):
        parts.append(phrase("headline.no_gaps"))
    elif not found:
        parts.append(phrase("headline.no_gaps.national", national=national))
    parts.append(_activity(cov, metric, organisations))
    return phrase("headline.parts", parts=Listed(tuple(parts), "slash"))


def _activity(cov: pd.DataFrame, metric: str, organisations: int) -> Phrase:
    """The closing figure of a headline, by metric."""
    areas = len(cov)
    if metric == "per_10k":
        residents = float(cov["population_2020"].sum())
        rate = float(cov["total"].sum()) / residents * 10_000 if residents else 0.0
        return phrase("headline.per_10k", areas=areas, rate=rate)
    if metric == JISHUBO_METRIC:
        share = jishubo_share(
            float(cov["jishubo_households"].sum()), float(cov["member_households"].sum())
        )
        if math.isnan(share):
            return phrase("headline.jishubo_unknown", areas=areas)
        return phrase("headline.jishubo", areas=areas, rate=share)
    if organisations == 0:
        return phrase("headline.nobody")
    active = int((cov["total"] > 0).sum())
    return phrase("headline.count", areas=active, orgs=organisations)


__all__ = [
    "DEFAULT_RULE",
    "GAP_CODES",
    "GAP_REASONS",
    "JISHUBO_METRIC",
    "KIND_COLUMNS",
    "METRICS",
    "NATIONAL_JISHUBO_RATE",
    "REASON_COLUMNS",
    "CoverageRow",
    "GapRule",
    "active_mask",
    "area_positions",
    "city_jishubo_rate",
    "coverage",
    "coverage_matrix",
    "covering",
    "gap_areas",
    "gap_reason",
    "gap_reason_text",
    "gap_rule",
    "gap_summary",
    "gaps",
    "jishubo_gaps",
    "jishubo_share",
    "judge",
    "matrix_csv",
    "matrix_gaps",
    "summary",
]
