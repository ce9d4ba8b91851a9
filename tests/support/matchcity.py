"""Hand-made organisations for the partner-matching tables, on the tiny city's squares.

The tiny city (:mod:`tests.support.tinycity`) has four squares of 0.02° at 34°N::

    nw | ne        neighbours: nw–ne, nw–sw, ne–se, sw–se
    ---+---        (nw–se and ne–sw only touch at a corner: not neighbours)
    sw | se

:func:`with_orgs` replaces its organisations (and, if asked, populations) with a few
:class:`Org` rows, each placed at the centre of its base square unless told otherwise.
Recency is measured from :data:`TODAY`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from geo.io import validate_organisations
from geo.model import CityData
from geo.sample import COLUMNS
from tests.support.tinycity import TINY, centre

TODAY = dt.date(2026, 6, 1)


@dataclasses.dataclass(frozen=True)
class Org:
    """One organisation row; defaults describe a plain, recently confirmed civic group."""

    org_id: str
    kind: str = "civic_group"
    base: str = "nw"
    fields: str = "mimamori"
    serves: str = ""
    legal: str = "voluntary"
    confirmed: str = "2026-05-01"
    at: tuple[float, float] | None = None  # (lon, lat); the base's centre when None
    at_center: bool = False  # placed at its area's 交流センター (match level ``area``)


def orgs_frame(orgs: Sequence[Org]) -> pd.DataFrame:
    """The raw organisations table (every cell text) of ``orgs``."""
    rows = []
    for org in orgs:
        lon, lat = org.at if org.at is not None else centre(org.base)
        row: dict[str, object] = dict.fromkeys(COLUMNS, "")
        row.update(
            org_id=org.org_id,
            kind=org.kind,
            name=f"サンプル{org.org_id}",
            fields=org.fields,
            area_id=org.base,
            service_areas=org.serves,
            legal_form=org.legal,
            households="100" if org.kind == "association" else "",
            has_jishubo="false" if org.kind == "association" else "",
            last_confirmed=org.confirmed,
            is_sample="true",
            lon=str(lon),
            lat=str(lat),
            phone="000-PRIVATE",
            email="private@example.invalid",
            representative="非公開 太郎",
            notes="private note",
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def with_orgs(
    base: CityData, orgs: Sequence[Org], *, population: Mapping[str, int] | None = None
) -> CityData:
    """The tiny city with only ``orgs`` (validated as loaded) and, optionally, new populations."""
    organisations = validate_organisations(
        orgs_frame(orgs),
        "organisations.csv",
        base.catalog,
        base.outline,
        TINY,
        at_center=[o.org_id for o in orgs if o.at_center],
    )
    areas = base.areas
    if population:
        areas = areas.copy()
        areas["population_2020"] = [
            population.get(a, p)
            for a, p in zip(areas["area_id"], areas["population_2020"], strict=True)
        ]
    return dataclasses.replace(base, organisations=organisations, areas=areas)
