"""Who a visitor at the touch screen finds: by field and area, by name, by first kana.

A visitor who chose an area sees first the organisations based in it, then those
based elsewhere whose service area includes it, then those active across the whole
city (:data:`TIERS`); an area's list holds exactly the organisations
:func:`geo.coverage.coverage` counts for it, so the number on the map is the length of
the list. Within a tier, civic groups come first (visitors look for them), then the
council, then associations; within a kind, those that list the chosen field or its
closest (:meth:`geo.fields.FieldCatalog.closest`: for 子育て支援, 子どもの健全育成) come
before those active in it only through a broader field (保健・医療・福祉), then each by
reading (:func:`geo.kana.reading`), then id.

Names are matched on :func:`geo.normalise.search_key` of the name and of its reading
(``name_kana``) when the data has one: ``ふれあい`` finds ``フレアイ`` and ``ふれあい``.
Nothing here drops columns; pages pass the result through
:func:`geo.public.public_organisations` before showing it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo.coverage import active_mask
from geo.fields import FieldCatalog
from geo.kana import INDEX_ROWS, OTHER_ROW, index_row, reading
from geo.model import CITYWIDE
from geo.normalise import search_key

#: Where an organisation stands to the chosen area, in the order a visitor sees them:
#: based in it, based elsewhere and serving it, active across the city. ``all``: no
#: area was chosen.
TIERS = ("based", "serves", "citywide", "all")
#: Kinds in the order a visitor sees them within a tier.
KIND_ORDER = ("civic_group", "council", "association")
#: The optional column holding a name's reading (katakana or hiragana).
KANA_COLUMN = "name_kana"


def readings(orgs: pd.DataFrame) -> pd.Series:
    """Each organisation's reading (:func:`geo.kana.reading`), indexed like ``orgs``.

    Uses ``name_kana`` when the frame has it and the row's cell is not empty.
    """
    kana = orgs[KANA_COLUMN] if KANA_COLUMN in orgs.columns else pd.Series("", index=orgs.index)
    samples = orgs["is_sample"] if "is_sample" in orgs.columns else pd.Series(False, orgs.index)
    values = [
        reading(str(name), "" if pd.isna(k) else str(k), sample=bool(s))
        for name, k, s in zip(orgs["name"], kana, samples, strict=True)
    ]
    return pd.Series(values, index=orgs.index, dtype=object)


def _sorted(
    orgs: pd.DataFrame, tiers: Iterable[str], closest: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """``orgs`` with ``tier`` and ``reading`` columns, in the visitor's order; those
    listing none of ``closest`` (when given) after the others of their tier and kind."""
    out = orgs.copy()
    out["tier"] = list(tiers)
    out["reading"] = readings(orgs)
    kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}
    tier_rank = {t: i for i, t in enumerate(TIERS)}
    listed = out["fields"].tolist() if closest and "fields" in out.columns else None
    keys = sorted(
        range(len(out)),
        key=lambda i: (
            tier_rank[str(out["tier"].iat[i])],
            kind_rank.get(str(out["kind"].iat[i]), len(KIND_ORDER)),
            listed is not None and closest.isdisjoint(listed[i]),
            out["reading"].iat[i],
            str(out["org_id"].iat[i]),
        ),
    )
    return out.iloc[keys]


def for_visitor(
    orgs: pd.DataFrame,
    area_id: str | None = None,
    fields: Iterable[str] = (),
    *,
    catalog: FieldCatalog | None = None,
) -> pd.DataFrame:
    """The organisations active in any of ``fields`` (all when empty), for an area.

    Parameters
    ----------
    orgs
        Organisations as loaded by :func:`geo.io.load_organisations`.
    area_id
        The chosen area: only the organisations covering it, as
        :func:`geo.coverage.coverage` counts them (its council and the associations
        based in it, the civic groups serving it or the whole city). ``None``: every
        area.
    fields
        Field codes.
    catalog
        The fields' catalogue: an organisation whose ``fields`` list one of the codes
        naming a chosen field most closely (:meth:`geo.fields.FieldCatalog.closest`)
        comes before the others of its tier and kind. ``None``: no such order.

    Returns
    -------
    A new frame with the columns of ``orgs`` and ``tier`` (one of :data:`TIERS`) and
    ``reading``, in the visitor's order (see the module's notes).
    """
    wanted = tuple(fields)
    active = active_mask(orgs, wanted)
    near = frozenset().union(*(catalog.closest(f) for f in wanted)) if catalog else frozenset()
    if area_id is None:
        return _sorted(orgs[active], ["all"] * int(active.sum()), near)
    based = (orgs["area_id"] == area_id).to_numpy()
    civic = (orgs["kind"] == "civic_group").to_numpy()
    served = orgs["service_areas"].tolist()
    serves = np.fromiter((area_id in s for s in served), dtype=bool, count=len(orgs))
    citywide = np.fromiter((CITYWIDE in s for s in served), dtype=bool, count=len(orgs))
    covers = np.where(civic, serves | citywide, based)
    keep = active & covers
    tiers = np.where(based, "based", np.where(serves, "serves", "citywide"))[keep]
    return _sorted(orgs[keep], tiers.tolist(), near)


def tier_counts(listed: pd.DataFrame) -> dict[str, int]:
    """How many of a :func:`for_visitor` list are in each tier (tiers with none left out)."""
    counts = listed["tier"].value_counts()
    return {t: int(counts[t]) for t in TIERS if t in counts.index}


def find_by_name(orgs: pd.DataFrame, query: str) -> pd.DataFrame:
    """Organisations whose name or reading holds every word of ``query``.

    Words are compared after :func:`geo.normalise.search_key` (width, case, katakana
    and hiragana, small kana folded); each word may be found in the name or in the
    reading (``name_kana``) when the data has one.

    Parameters
    ----------
    orgs
        Organisations as loaded by :func:`geo.io.load_organisations`.
    query
        What the visitor typed; empty finds nothing.

    Returns
    -------
    A new frame as :func:`for_visitor` returns (tier ``all``), in the visitor's order.
    """
    words = [w for w in (search_key(part) for part in query.split()) if w]
    if not words:
        return _sorted(orgs.iloc[0:0], [])
    names = [search_key(str(n)) for n in orgs["name"]]
    if KANA_COLUMN in orgs.columns:
        kana = ["" if pd.isna(k) else search_key(str(k)) for k in orgs[KANA_COLUMN]]
    else:
        kana = [""] * len(orgs)
    keep = np.fromiter(
        (all(w in n or w in k for w in words) for n, k in zip(names, kana, strict=True)),
        dtype=bool,
        count=len(orgs),
    )
    return _sorted(orgs[keep], ["all"] * int(keep.sum()))


def by_index_row(orgs: pd.DataFrame, row: str) -> pd.DataFrame:
    """Organisations whose reading starts in the 50音 row ``row`` (see :mod:`geo.kana`).

    Parameters
    ----------
    orgs
        Organisations as loaded by :func:`geo.io.load_organisations`.
    row
        One of :data:`geo.kana.INDEX_ROWS` or :data:`geo.kana.OTHER_ROW`.

    Raises
    ------
    ValueError
        For an unknown row.
    """
    if row not in (*INDEX_ROWS, OTHER_ROW):
        raise ValueError(f"unknown index row {row!r}")
    rows = np.array([index_row(r) for r in readings(orgs)], dtype=object)
    keep = rows == row
    return _sorted(orgs[keep], ["all"] * int(keep.sum()))


def index_counts(orgs: pd.DataFrame) -> dict[str, int]:
    """How many organisations each index row holds, for every row (none: 0)."""
    rows = pd.Series([index_row(r) for r in readings(orgs)], dtype=object)
    counts = rows.value_counts()
    return {row: int(counts.get(row, 0)) for row in (*INDEX_ROWS, OTHER_ROW)}


__all__ = [
    "KANA_COLUMN",
    "KIND_ORDER",
    "TIERS",
    "by_index_row",
    "find_by_name",
    "for_visitor",
    "index_counts",
    "readings",
    "tier_counts",
]
