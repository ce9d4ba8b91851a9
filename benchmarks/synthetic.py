"""Synthetic organisations for the benchmarks, at city and at national scale.

:func:`synthetic_organisations` spreads ``n`` organisations over any areas (the city's
21, or Japan's municipalities from :func:`national_areas`), deterministically for a
seed, as the same frame :func:`geo.io.load_organisations` returns. :func:`org_file`
turns it back into the rows of an ``organisations.csv`` and :func:`write_city_data`
writes a copy of the city's data directory with it, for running the app on a large
dataset.

The national outlines are read from ``../shared/data/japan`` at run time (see its
``SOURCES.md``); they are never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.build import csv_text
from geo.city import YAMAGUCHI, bundled_data_dir
from geo.crs import WGS84
from geo.fields import NEED, NPO, FieldCatalog
from geo.model import CITYWIDE, CORPORATE_COLUMNS, ORG_FILE_COLUMNS, PRIVATE_ORG_COLUMNS
from geo.schema import format_list

ROOT = Path(__file__).resolve().parent.parent
#: Folder of the national municipal outlines (not part of the repository).
JAPAN_DIR = ROOT.parent / "shared" / "data" / "japan"
JAPAN_FILE = "N03-21_210101_municipalities_s0010.topojson"
SEED = 42

#: Share of civic groups active everywhere (``*``) and serving a second area.
CITYWIDE_SHARE = 0.02
SECOND_AREA_SHARE = 0.2
#: Share of councils (one per area at most), associations and civic groups.
COUNCIL_SHARE = 0.05
ASSOCIATION_SHARE = 0.63

#: The six villages of the Northern Territories (N03_007), outlines without a municipality.
NORTHERN_TERRITORIES = ("01695", "01696", "01697", "01698", "01699", "01700")

_THEMES = ("まちづくり", "ふれあい福祉", "子ども応援", "みどりと環境", "国際交流", "防災")

#: Empty text columns of every synthetic organisation: the private ones, then the
#: 法人番号, name in kana and portal page (as the loader gives them when a file lacks them).
TEXT_COLUMNS = (
    *PRIVATE_ORG_COLUMNS,
    *(c for c in CORPORATE_COLUMNS if c not in PRIVATE_ORG_COLUMNS),
)


def japan_file(folder: Path | None = None) -> Path | None:
    """The national outlines file, or ``None`` when it is not on this machine."""
    path = (folder or JAPAN_DIR) / JAPAN_FILE
    return path if path.is_file() else None


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """A valid (multi)polygon: repaired with ``make_valid``, stray lines dropped."""
    if geom.is_valid:
        return geom
    fixed = shapely.make_valid(geom)
    parts = [g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type.endswith("Polygon")]
    return shapely.union_all(parts)


def national_areas(path: Path | None = None, *, municipalities: bool = True) -> gpd.GeoDataFrame:
    """Japan's municipal outlines as areas (WGS84), with synthetic population.

    Parameters
    ----------
    path
        The TopoJSON file; :func:`japan_file` when ``None``.
    municipalities
        ``True``: the 1,741 municipalities (wards of the 20 designated cities
        dissolved into their city; unassigned land, 所属未定地, and the Northern
        Territories left out). ``False``: all 1,906 outlines as stored.

    Returns
    -------
    Columns as :func:`geo.io.load_areas` returns (``area_id`` is the JIS code, a
    designated city's ending in 0; population and households are drawn at random,
    deterministically, as the file has none).

    Raises
    ------
    FileNotFoundError
        When the file is absent.
    """
    source = path or japan_file()
    if source is None or not Path(source).is_file():
        raise FileNotFoundError(f"national outlines not found: {JAPAN_DIR / JAPAN_FILE}")
    raw = gpd.read_file(source)
    raw = raw.set_crs(WGS84, allow_override=True)  # JGD2011 longitude/latitude
    raw["geometry"] = [_polygonal(g) for g in raw.geometry.values]
    code = raw["N03_007"].fillna("")
    pref = raw["N03_001"].fillna("")
    city = raw["N03_003"].fillna("")
    ward = raw["N03_004"].fillna("")
    if municipalities:
        keep = (code != "") & ~code.isin(NORTHERN_TERRITORIES)
        raw, code, pref, city, ward = (x[keep] for x in (raw, code, pref, city, ward))
        designated = city.str.endswith("市") & ward.str.endswith("区")
        key = np.where(designated, pref + city, code)
        # N03_003 is the county or designated city, N03_004 the municipality or ward
        name = np.where(designated, pref + city, pref + ward)
        frame = gpd.GeoDataFrame(
            {"key": key, "code": code, "name_ja": name}, geometry=raw.geometry.values, crs=WGS84
        )
        merged = frame.dissolve("key", aggfunc={"code": "min", "name_ja": "first"}, sort=True)
        ids = [
            c[:4] + "0" if k != c else c for k, c in zip(merged.index, merged["code"], strict=True)
        ]
        areas = gpd.GeoDataFrame(
            {"area_id": ids, "name_ja": merged["name_ja"].tolist()},
            geometry=merged.geometry.values,
            crs=WGS84,
        )
    else:
        ids = [c or f"unassigned-{i}" for i, c in enumerate(code)]
        names = (pref + city + ward).tolist()
        areas = gpd.GeoDataFrame(
            {"area_id": ids, "name_ja": names}, geometry=raw.geometry.values, crs=WGS84
        )
        areas = areas.dissolve("area_id", aggfunc={"name_ja": "first"}, sort=True).reset_index()
    areas = areas.sort_values("area_id", kind="stable").reset_index(drop=True)
    rng = np.random.default_rng(SEED)
    population = np.round(rng.lognormal(mean=10.0, sigma=1.0, size=len(areas))).astype(int)
    areas["name_kana"] = ""
    areas["name_en"] = "JP-" + areas["area_id"]
    areas["population_2020"] = population
    areas["households_2020"] = np.round(population * 0.45).astype(int)
    areas["area_km2"] = (areas.to_crs("EPSG:6933").area / 1e6).round(3)
    areas["boundary_confidence"] = "high"
    for column in ("towns_total", "towns_medium", "towns_low"):
        areas[column] = 0
    columns = [
        "area_id",
        "name_ja",
        "name_kana",
        "name_en",
        "population_2020",
        "households_2020",
        "area_km2",
        "boundary_confidence",
        "towns_total",
        "towns_medium",
        "towns_low",
        "geometry",
    ]
    return gpd.GeoDataFrame(areas[columns], geometry="geometry", crs=WGS84)


def random_points(geom: shapely.Geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` random points inside ``geom`` as ``(lon, lat)`` rows."""
    if count == 0:
        return np.empty((0, 2))
    west, south, east, north = geom.bounds
    shapely.prepare(geom)
    found: list[np.ndarray] = []
    have = 0
    for _ in range(50):
        need = count - have
        xs = rng.uniform(west, east, size=need * 4 + 16)
        ys = rng.uniform(south, north, size=need * 4 + 16)
        inside = shapely.contains_xy(geom, xs, ys)
        got = np.column_stack([xs[inside], ys[inside]])[:need]
        found.append(got)
        have += len(got)
        if have >= count:
            break
    if have < count:  # a sliver: put the rest on a point inside it
        p = shapely.point_on_surface(geom)
        found.append(np.tile([p.x, p.y], (count - have, 1)))
    return np.round(np.vstack(found), 6)


def _pick(rng: np.random.Generator, codes: Sequence[str], size: int) -> list[tuple[str, ...]]:
    counts = rng.integers(1, 4, size=size)
    return [tuple(sorted(rng.choice(codes, size=int(k), replace=False).tolist())) for k in counts]


def synthetic_organisations(
    n: int, areas: gpd.GeoDataFrame, catalog: FieldCatalog, *, seed: int = SEED
) -> gpd.GeoDataFrame:
    """``n`` sample organisations spread over ``areas`` by population.

    Parameters
    ----------
    n
        How many organisations.
    areas
        Areas with ``area_id``, ``name_ja``, ``population_2020`` and WGS84 polygons.
    catalog
        Field codes to draw from (and to expand into ``terms``).
    seed
        The same seed gives the same frame.

    Returns
    -------
    The frame :func:`geo.io.load_organisations` returns for such a file: about 5 %
    councils (one per area at most, in the areas' order), 63 % associations and the
    rest civic groups; every row a sample (``is_sample``, named サンプル…). Of the
    civic groups 2 % serve the whole city (``*``) and 20 % a second area.
    """
    rng = np.random.default_rng(seed)
    ids = areas["area_id"].astype(str).to_numpy()
    names = dict(zip(ids, areas["name_ja"].astype(str), strict=True))
    weight = areas["population_2020"].to_numpy(dtype=float)
    weight = weight / weight.sum() if weight.sum() > 0 else np.full(len(ids), 1 / len(ids))
    councils = min(len(ids), int(n * COUNCIL_SHARE))
    associations = round((n - councils) * ASSOCIATION_SHARE)
    kinds = np.array(
        ["council"] * councils
        + ["association"] * associations
        + ["civic_group"] * (n - councils - associations),
        dtype=object,
    )
    where = np.concatenate(
        [np.arange(councils), rng.choice(len(ids), size=n - councils, p=weight)]
    ).astype(int)
    lonlat = np.empty((n, 2))
    for a in np.unique(where):
        placed = np.flatnonzero(where == a)
        lonlat[placed] = random_points(areas.geometry.values[a], len(placed), rng)

    needs = [f.code for f in catalog.by_kind(NEED)]
    laws = [f.code for f in catalog.by_kind(NPO)]
    fields: list[tuple[str, ...]] = [()] * n
    is_civic = kinds == "civic_group"
    for mask, codes in ((~is_civic, needs), (is_civic, laws)):
        rows = np.flatnonzero(mask).tolist()
        for row, picked in zip(rows, _pick(rng, codes, len(rows)), strict=True):
            fields[row] = picked

    draw = rng.random(n)
    other = rng.integers(0, len(ids), size=n)
    area_ids = ids[where]
    service: list[tuple[str, ...]] = []
    for i in range(n):
        if not is_civic[i]:
            service.append((area_ids[i],))
        elif draw[i] < CITYWIDE_SHARE:
            service.append((CITYWIDE,))
        elif draw[i] < CITYWIDE_SHARE + SECOND_AREA_SHARE and ids[other[i]] != area_ids[i]:
            service.append((area_ids[i], str(ids[other[i]])))
        else:
            service.append((area_ids[i],))

    is_assoc = kinds == "association"
    legal = np.where(
        is_assoc,
        np.where(rng.random(n) < 0.1, "authorized", "voluntary"),
        np.where(is_civic & (rng.random(n) < 0.3), "npo_corp", "voluntary"),
    )
    households = pd.array(np.where(is_assoc, rng.integers(20, 600, size=n), 0), dtype="Int64")
    households[~is_assoc] = pd.NA
    jishubo = is_assoc & (rng.random(n) < 0.7)
    start = dt.date(2023, 4, 1).toordinal()
    confirmed = [dt.date.fromordinal(start + int(d)) for d in rng.integers(0, 1000, size=n)]
    theme = rng.integers(0, len(_THEMES), size=n)
    titles = [
        f"サンプル{names[a]}地域づくり協議会"
        if k == "council"
        else f"サンプル{names[a]}第{i}自治会"
        if k == "association"
        else f"サンプル{_THEMES[t]}の会{i:06d}"
        for i, (k, a, t) in enumerate(zip(kinds, area_ids, theme, strict=True))
    ]
    frame = pd.DataFrame(
        {
            "org_id": [f"syn-{i:06d}" for i in range(n)],
            "kind": kinds.astype(str).tolist(),
            "name": titles,
            "fields": fields,
            "area_id": area_ids.tolist(),
            "service_areas": service,
            "legal_form": legal.tolist(),
            "households": households,
            "has_jishubo": jishubo,
            "last_confirmed": confirmed,
            "is_sample": np.ones(n, dtype=bool),
            "address": [""] * n,
            **{c: [""] * n for c in TEXT_COLUMNS},
        }
    )
    for column in ("org_id", "kind", "name", "area_id", "legal_form", "address", *TEXT_COLUMNS):
        frame[column] = frame[column].astype("str")
    geometry = gpd.points_from_xy(lonlat[:, 0], lonlat[:, 1], crs=WGS84)
    orgs = gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)
    orgs["terms"] = [tuple(sorted(catalog.expand(f))) for f in fields]
    orgs["at_center"] = np.zeros(n, dtype=bool)
    return orgs


def org_file(orgs: gpd.GeoDataFrame) -> pd.DataFrame:
    """The rows of an ``organisations.csv`` holding ``orgs`` (every cell as text)."""
    text = pd.DataFrame(
        {
            "org_id": orgs["org_id"],
            "kind": orgs["kind"],
            "name": orgs["name"],
            "fields": [format_list(f) for f in orgs["fields"]],
            "area_id": orgs["area_id"],
            "service_areas": [format_list(s) for s in orgs["service_areas"]],
            "legal_form": orgs["legal_form"],
            "households": ["" if pd.isna(h) else str(int(h)) for h in orgs["households"]],
            "has_jishubo": ["true" if b else "false" for b in orgs["has_jishubo"]],
            "last_confirmed": [d.isoformat() for d in orgs["last_confirmed"]],
            "is_sample": ["true" if b else "false" for b in orgs["is_sample"]],
            "address": orgs["address"],
            "lon": [f"{x:.6f}" for x in orgs.geometry.x],
            "lat": [f"{y:.6f}" for y in orgs.geometry.y],
            **{c: orgs[c] for c in PRIVATE_ORG_COLUMNS},
        }
    )
    return text[list(ORG_FILE_COLUMNS)].reset_index(drop=True)


def write_city_data(target: Path, orgs: gpd.GeoDataFrame, source: Path | None = None) -> Path:
    """A copy of the city's data directory with ``orgs`` as its organisations.

    Parameters
    ----------
    target
        Folder to write (created; files in it are replaced).
    orgs
        Organisations of the city's areas, e.g. from :func:`synthetic_organisations`.
    source
        The data directory copied; the bundled one when ``None``.

    Returns
    -------
    ``target``, to be used as the ``data_dir`` setting (``KYODO_DATA_DIR``).
    """
    source = source or bundled_data_dir(YAMAGUCHI)
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and path.name != "organisations.csv":
            shutil.copyfile(path, target / path.name)
    (target / "organisations.csv").write_text(csv_text(org_file(orgs)), encoding="utf-8")
    return target
