"""Deterministic sample organisations, clearly marked as samples.

No real list of 自治会・町内会 or of the civic groups registered at the support center
is available, so the build generates one with a fixed seed: the councils at their
centers with the fields of their sub-committees, about one association per
:data:`HOUSEHOLDS_PER_ASSOCIATION` households, and the published number of civic
groups. Every row has ``is_sample = true`` and a name starting with サンプル (the
councils keep their real names, their sub-committees are sample data).

Not every household belongs to a 自治会・町内会: each area gets a sample 加入率
(:func:`membership_rate`, lower in dense central areas and where households are
small, higher in the rural areas, always below 1), and its associations share that
many households. A real list replaces these figures when it is imported.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import pandas as pd

from geo.city import CityConfig
from geo.fields import FieldCatalog, npo_code
from geo.model import CITYWIDE, ORG_FILE_COLUMNS
from geo.spatial import neighbours

SEED = 35203
HOUSEHOLDS_PER_ASSOCIATION = 140

#: The sample 加入率: highest in rural areas, lower where many people live per km²
#: (``density``: log10 of residents per km², from the first to the second figure), and
#: lower again where households are small (student and single-person households,
#: ``persons``: persons per household from the first to the second figure), with a
#: little per-area variation (``jitter``).
MEMBERSHIP_RURAL = 0.92
MEMBERSHIP_URBAN_DROP = 0.32
MEMBERSHIP_DENSITY = (1.5, 3.5)
MEMBERSHIP_SMALL_HOUSEHOLD_DROP = 0.15
MEMBERSHIP_PERSONS = (1.8, 2.2)
MEMBERSHIP_JITTER = 0.03
SAMPLE_PREFIX = "サンプル"

#: Sub-committees a council may have, as field codes.
COUNCIL_COMMITTEES = (
    "mimamori",
    "bousai",
    "kosodate",
    "bika",
    "dento",
    "kenko",
    "bouhan",
    "npo03",
    "idou",
)
COUNCIL_ALWAYS = ("npo03",)

#: Activities of associations besides 自主防災, with weights.
ASSOCIATION_ACTIVITIES = (
    ("bika", 0.8),
    ("bouhan", 0.5),
    ("mimamori", 0.4),
    ("dento", 0.35),
    ("kenko", 0.2),
    ("kosodate", 0.2),
)

#: How often each NPO Law field is a civic group's field (welfare, まちづくり, children,
#: culture and sport most common, as among registered groups nationally).
CIVIC_FIELD_WEIGHTS = {
    1: 30.0,
    2: 8.0,
    3: 22.0,
    4: 5.0,
    5: 4.0,
    6: 18.0,
    7: 8.0,
    8: 3.0,
    9: 3.0,
    10: 2.0,
    11: 3.0,
    12: 2.0,
    13: 18.0,
    14: 2.0,
    15: 1.0,
    16: 2.0,
    17: 2.0,
    18: 1.0,
    19: 5.0,
    20: 0.5,
}

#: Words for sample group names, by primary field number.
THEME = {
    1: "ふれあい福祉",
    2: "まなびあい",
    3: "まちづくり",
    4: "観光ボランティア",
    5: "里山元気",
    6: "文化・スポーツ",
    7: "みどりと環境",
    8: "災害ボランティア",
    9: "地域安全",
    10: "人権と平和",
    11: "国際交流",
    12: "男女共同参画",
    13: "子ども応援",
    14: "ITサポート",
    15: "科学あそび",
    16: "地域経済",
    17: "しごと応援",
    18: "くらしの消費者",
    19: "市民活動サポート",
    20: "地域活動",
}

#: Local needs a civic group may also list, when it has the mapped field.
NEED_FOR_FIELD = {1: "mimamori", 13: "kosodate", 8: "bousai", 9: "bouhan", 7: "bika"}

LEGAL_FORM_WEIGHTS = (("voluntary", 55.0), ("npo_corp", 35.0), ("general_inc", 10.0))
SERVICE_SCOPE_WEIGHTS = (("own", 55.0), ("several", 35.0), ("citywide", 10.0))
FIRST_CONFIRMED = dt.date(2021, 4, 1)
LAST_CONFIRMED = dt.date(2026, 9, 30)

COLUMNS = ORG_FILE_COLUMNS


@dataclass(frozen=True)
class SampleInputs:
    """What the sample is generated from.

    Attributes
    ----------
    city
        City configuration (area order and names).
    areas
        Areas with ``population_2020``, ``households_2020`` and ``area_km2`` (any CRS).
    blocks
        Census blocks: ``area_id``, ``town``, ``population``, ``households``,
        ``lon``/``lat`` of a point inside the block.
    centers
        Centers with ``area_id``, ``address``, ``lon``, ``lat``.
    catalog
        Field catalogue.
    """

    city: CityConfig
    areas: gpd.GeoDataFrame
    blocks: pd.DataFrame
    centers: pd.DataFrame
    catalog: FieldCatalog


def _weighted(rng: random.Random, items: Sequence[tuple[str, float]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _date(rng: random.Random) -> str:
    span = (LAST_CONFIRMED - FIRST_CONFIRMED).days
    return (FIRST_CONFIRMED + dt.timedelta(days=rng.randrange(span + 1))).isoformat()


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` positive-ish integers that sum to ``total``."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = sum(weights)
    sizes = [int(total * w / scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


def _row(**values: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(COLUMNS, "")
    row.update(values)
    return row


def _councils(inputs: SampleInputs, rng: random.Random) -> list[dict[str, object]]:
    """One council per area, at its center, with the fields of its sub-committees."""
    centers = inputs.centers.set_index("area_id")
    rows: list[dict[str, object]] = []
    for info in inputs.city.areas:
        c = centers.loc[info.area_id]
        extra = rng.sample(
            [f for f in COUNCIL_COMMITTEES if f not in COUNCIL_ALWAYS], k=rng.randint(2, 6)
        )
        fields = [*COUNCIL_ALWAYS, *sorted(extra, key=COUNCIL_COMMITTEES.index)]
        rows.append(
            _row(
                org_id=f"council-{info.area_id}",
                kind="council",
                name=f"{info.name_ja}地域づくり協議会",
                fields=";".join(fields),
                area_id=info.area_id,
                service_areas=info.area_id,
                legal_form="voluntary",
                last_confirmed=_date(rng),
                is_sample=True,
                address=c["address"],
                lon=float(str(c["lon"])),
                lat=float(str(c["lat"])),
            )
        )
    return rows


def _association(
    inputs: SampleInputs, rng: random.Random, block: pd.Series, number: int, **values: object
) -> dict[str, object]:
    """One association in ``block`` (``values``: name, households, 自主防災組織)."""
    has = bool(values["has_jishubo"])
    fields = ["bousai"] if has else []
    fields += [code for code, w in ASSOCIATION_ACTIVITIES if rng.random() < w]
    return _row(
        org_id=f"assoc-{number:04d}",
        kind="association",
        fields=";".join(fields),
        area_id=str(block["area_id"]),
        service_areas=str(block["area_id"]),
        legal_form="authorized" if rng.random() < 0.15 else "voluntary",
        last_confirmed=_date(rng),
        is_sample=True,
        address=f"{inputs.city.name_ja}{block['town']}",
        lon=float(block["lon"]),
        lat=float(block["lat"]),
        **values,
    )


def _share(value: float, bounds: tuple[float, float]) -> float:
    """Where ``value`` lies between ``bounds``, from 0 to 1 (clamped)."""
    low, high = bounds
    return min(max((value - low) / (high - low), 0.0), 1.0)


def membership_rate(
    area_id: str, population: int, households: int, area_km2: float, *, seed: int = SEED
) -> float:
    """The sample 加入率 of an area: the share of its households in an association.

    Parameters
    ----------
    area_id
        The area (its own variation is drawn from ``seed`` and the id, so one area's
        rate never depends on another's).
    population, households
        2020 census.
    area_km2
        Land area.
    seed
        Random seed of the sample.

    Returns
    -------
    A rate between 0.4 and 0.95, rounded to three decimals (see the ``MEMBERSHIP_*``
    constants).
    """
    density = math.log10(max(population, 1) / max(area_km2, 0.01))
    persons = population / households if households else MEMBERSHIP_PERSONS[1]
    rate = (
        MEMBERSHIP_RURAL
        - MEMBERSHIP_URBAN_DROP * _share(density, MEMBERSHIP_DENSITY)
        - MEMBERSHIP_SMALL_HOUSEHOLD_DROP * (1 - _share(persons, MEMBERSHIP_PERSONS))
    )
    jitter = random.Random(f"{seed}:membership:{area_id}").uniform(-1.0, 1.0)
    return round(min(max(rate + MEMBERSHIP_JITTER * jitter, 0.4), 0.95), 3)


def _member_households(areas: pd.DataFrame, area_id: str, seed: int) -> tuple[int, int]:
    """(census households, households in the area's associations) of one area."""
    row = cast("pd.Series[Any]", areas.loc[area_id])
    households = int(row["households_2020"])
    rate = membership_rate(
        area_id,
        int(row["population_2020"]),
        households,
        float(row["area_km2"]),
        seed=seed,
    )
    return households, round(households * rate)


def _associations(
    inputs: SampleInputs, rng: random.Random, seed: int = SEED
) -> list[dict[str, object]]:
    """About one association per :data:`HOUSEHOLDS_PER_ASSOCIATION` households, placed at
    census blocks weighted by their households, sharing the area's member households."""
    areas = pd.DataFrame(inputs.areas).set_index("area_id")
    blocks = inputs.blocks
    rows: list[dict[str, object]] = []
    for info in inputs.city.areas:
        households, members = _member_households(areas, info.area_id, seed)
        count = max(1, round(households / HOUSEHOLDS_PER_ASSOCIATION))
        inhabited = blocks[(blocks["area_id"] == info.area_id) & (blocks["households"] > 0)]
        chosen = rng.choices(
            range(len(inhabited)), weights=inhabited["households"].tolist(), k=count
        )
        sizes = _split(members, count, rng)
        jishubo_rate = rng.uniform(0.45, 0.98)
        per_town: dict[str, int] = {}
        for pick, size in zip(chosen, sizes, strict=True):
            block = inhabited.iloc[pick]
            town = str(block["town"])
            per_town[town] = per_town.get(town, 0) + 1
            has = rng.random() < jishubo_rate
            name = f"{SAMPLE_PREFIX}{town}第{per_town[town]}自治会"
            rows.append(
                _association(
                    inputs, rng, block, len(rows) + 1, name=name, households=size, has_jishubo=has
                )
            )
    return rows


def _civic_fields(rng: random.Random) -> tuple[list[int], list[str]]:
    """A civic group's NPO Law field numbers (the first is its theme) and field codes."""
    numbers = sorted(CIVIC_FIELD_WEIGHTS)
    weights = [CIVIC_FIELD_WEIGHTS[k] for k in numbers]
    picked: list[int] = []
    for _ in range(rng.choices((1, 2, 3), weights=(45, 35, 20))[0]):
        number = rng.choices(numbers, weights=weights)[0]
        if number not in picked:
            picked.append(number)
    fields = [npo_code(k) for k in picked]
    for k in picked:
        need = NEED_FOR_FIELD.get(k)
        if need and rng.random() < 0.5:
            fields.append(need)
    return picked, fields


def _served(city: CityConfig, base_area: str, near: Sequence[str], rng: random.Random) -> list[str]:
    """The areas a civic group based in ``base_area`` serves."""
    scope = _weighted(rng, SERVICE_SCOPE_WEIGHTS)
    if scope == "citywide":
        return [CITYWIDE]
    if scope == "several":
        extra = rng.sample(list(near), k=min(len(near), rng.randint(1, 3)))
        return [a for a in city.area_ids if a == base_area or a in extra]
    return [base_area]


def _civic_groups(inputs: SampleInputs, rng: random.Random) -> list[dict[str, object]]:
    """The registered number of civic groups, based at blocks weighted by population."""
    city = inputs.city
    near = neighbours(inputs.areas)
    populated = inputs.blocks[inputs.blocks["population"] > 0]
    bases = rng.choices(
        range(len(populated)),
        weights=populated["population"].tolist(),
        k=city.registered_civic_groups,
    )
    rows: list[dict[str, object]] = []
    for i, pick in enumerate(bases, start=1):
        block = populated.iloc[pick]
        picked, fields = _civic_fields(rng)
        base_area = str(block["area_id"])
        served = _served(city, base_area, near[base_area], rng)
        rows.append(
            _row(
                org_id=f"cg-{i:04d}",
                kind="civic_group",
                name=f"{SAMPLE_PREFIX}{THEME[picked[0]]}の会{i:03d}",
                fields=";".join(fields),
                area_id=base_area,
                service_areas=";".join(served),
                legal_form=_weighted(rng, LEGAL_FORM_WEIGHTS),
                last_confirmed=_date(rng),
                is_sample=True,
                address=f"{city.name_ja}{block['town']}",
                lon=float(block["lon"]),
                lat=float(block["lat"]),
            )
        )
    return rows


def generate_sample(inputs: SampleInputs, seed: int = SEED) -> pd.DataFrame:
    """Generate the sample organisations.

    Parameters
    ----------
    inputs
        Areas, blocks, centers and fields.
    seed
        Random seed; the same inputs and seed give the same rows.

    Returns
    -------
    Rows in the shipped organisations schema (lists joined with ``;``).
    """
    rng = random.Random(seed)
    rows = [
        *_councils(inputs, rng),
        *_associations(inputs, rng, seed),
        *_civic_groups(inputs, rng),
    ]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["households"] = frame["households"].map(lambda v: "" if v == "" else str(v))
    frame["has_jishubo"] = frame["has_jishubo"].map(
        lambda v: "" if v == "" else ("true" if v else "false")
    )
    frame["is_sample"] = "true"
    return frame
