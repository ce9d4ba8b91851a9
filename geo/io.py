"""Loading the derived data in ``data/<city>/``, validated at the door.

Every loader collects all problems of its file and raises one
:class:`~geo.errors.DataValidationError`; nothing is returned half-loaded. A loader
given no data directory reads the city's bundled data (``data/<its folder>``); the
edges (the app, the command lines) pass the configured one.

:func:`load_city` reads a whole city; where its organisations come from (the bundled
``organisations.csv``, :class:`CsvOrganisations`, or the registry) is given by the
caller as a :class:`~geo.model.OrgSource`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import pandas as pd
import shapely

from geo.city import YAMAGUCHI, CityConfig, bundled_data_dir
from geo.crs import PROJECTED, WGS84
from geo.errors import DataValidationError, Problem, raise_if_any, shorten
from geo.fields import NEED, NPO, Field, FieldCatalog
from geo.model import (
    CITYWIDE,
    CONFIDENCE,
    HAZARDS,
    LEGAL_FORMS,
    MAX_HOUSEHOLDS,
    ORG_KINDS,
    PRIVATE_ORG_COLUMNS,
    CityData,
    OrgSource,
)
from geo.schema import Column, parse_table
from geo.sources import Source, sources_for

#: Points may lie this far outside the city outline (m): coastal facilities and the
#: ~50 m simplification of the shipped boundaries.
OUTSIDE_TOLERANCE_M = 300.0


def _folder(data_dir: Path | None, city: CityConfig = YAMAGUCHI) -> Path:
    return data_dir if data_dir is not None else bundled_data_dir(city)


def read_csv(path: Path) -> pd.DataFrame:
    """Every cell of a UTF-8 CSV file as text (empty cells as ``""``).

    Raises
    ------
    DataValidationError
        When the file is missing or cannot be read as UTF-8 CSV.
    """
    if not path.is_file():
        raise DataValidationError([Problem(path.name, None, None, "", "file_missing")])
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError(
            [Problem(path.name, None, None, "", "csv_unreadable", {"detail": str(exc)})]
        ) from exc


def _points(frame: pd.DataFrame, typed: pd.DataFrame) -> gpd.GeoDataFrame:
    geometry = gpd.points_from_xy(typed["lon"], typed["lat"], crs=WGS84)
    out = gpd.GeoDataFrame(typed.drop(columns=["lon", "lat"]), geometry=geometry, crs=WGS84)
    return out


_LON = Column("lon", "float", nonempty=True, minimum=-180, maximum=180)
_LAT = Column("lat", "float", nonempty=True, minimum=-90, maximum=90)


def check_inside(
    points: gpd.GeoSeries,
    boundary: shapely.Geometry,
    source: str,
    *,
    tolerance_m: float = OUTSIDE_TOLERANCE_M,
) -> list[Problem]:
    """Problems for points farther than ``tolerance_m`` outside ``boundary``.

    Parameters
    ----------
    points
        Points in WGS84, index aligned with the source rows (0-based).
    boundary
        The city outline in WGS84.
    source
        Name for the problem reports.
    tolerance_m
        Allowed distance outside, in metres.

    Returns
    -------
    One problem per point outside.
    """
    projected = gpd.GeoSeries([boundary], crs=WGS84).to_crs(PROJECTED).iloc[0]
    shapely.prepare(projected)
    pts = points.to_crs(PROJECTED)
    problems = []
    for i, (pt, orig) in enumerate(zip(pts.values, points.values, strict=True), start=1):
        if pt is None or pt.is_empty:
            continue
        if projected.distance(pt) > tolerance_m:
            value = f"{orig.y:.6f}, {orig.x:.6f}"
            problems.append(Problem(source, i, "lat/lon", value, "outside_city"))
    return problems


# --- areas -----------------------------------------------------------------------------

AREA_COLUMNS = (
    Column("area_id", nonempty=True, unique=True),
    Column("name_ja", nonempty=True),
    Column("name_kana", nonempty=True),
    Column("name_en", nonempty=True),
    Column("population_2020", "int", nonempty=True, minimum=0),
    Column("households_2020", "int", nonempty=True, minimum=0),
    Column("area_km2", "float", nonempty=True, minimum=0),
    Column("boundary_confidence", nonempty=True, choices=frozenset(CONFIDENCE)),
    Column("towns_total", "int", nonempty=True, minimum=0),
    Column("towns_medium", "int", nonempty=True, minimum=0),
    Column("towns_low", "int", nonempty=True, minimum=0),
)


def _read_geojson(path: Path) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise DataValidationError([Problem(path.name, None, None, "", "file_missing")])
    try:
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            [Problem(path.name, None, None, "", "geojson_invalid", {"detail": str(exc)})]
        ) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataValidationError([Problem(path.name, None, None, "", "not_feature_collection")])
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataValidationError([Problem(path.name, None, None, "", "no_features")])
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    geoms: list[shapely.Geometry | None] = []
    for i, feat in enumerate(features, start=1):
        props = feat.get("properties") if isinstance(feat, dict) else None
        rows.append({k: ("" if v is None else str(v)) for k, v in (props or {}).items()})
        try:
            geom = shapely.geometry.shape(feat["geometry"]) if feat.get("geometry") else None
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
            problems.append(Problem(path.name, i, "geometry", "", "geometry_unreadable"))
            geom = None
        geoms.append(geom)
    raise_if_any(problems)
    crs_name = ((doc.get("crs") or {}).get("properties") or {}).get("name", "")
    if crs_name and "CRS84" not in crs_name and "4326" not in crs_name:
        raise DataValidationError(
            [Problem(path.name, None, "crs", shorten(crs_name), "crs_not_wgs84")]
        )
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=WGS84)


def _check_geometries(geoms: gpd.GeoSeries, source: str, types: Sequence[str]) -> list[Problem]:
    problems = []
    for i, geom in enumerate(geoms.values, start=1):
        if geom is None or geom.is_empty:
            problems.append(Problem(source, i, "geometry", "", "geometry_empty"))
        elif geom.geom_type not in types:
            problems.append(Problem(source, i, "geometry", geom.geom_type, "geometry_type"))
        elif not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            problems.append(Problem(source, i, "geometry", shorten(reason), "geometry_invalid"))
    return problems


def validate_areas(
    raw: gpd.GeoDataFrame, source: str, city: CityConfig = YAMAGUCHI
) -> gpd.GeoDataFrame:
    """Check and type an areas table.

    Parameters
    ----------
    raw
        Areas with text properties and polygon geometries in WGS84.
    source
        Name for problem reports.
    city
        Whose area ids are expected.

    Returns
    -------
    The typed areas in the city's official order.

    Raises
    ------
    DataValidationError
        Listing every problem: missing columns, wrong ids, bad numbers, bad geometry.
    """
    typed, problems = parse_table(pd.DataFrame(raw.drop(columns="geometry")), AREA_COLUMNS, source)
    problems += _check_geometries(raw.geometry, source, ("Polygon", "MultiPolygon"))
    if raw.crs is None or not raw.crs.equals(WGS84):
        problems.append(Problem(source, None, "crs", str(raw.crs), "crs_not_wgs84"))
    if "area_id" in typed:
        expected = set(city.area_ids)
        for i, area_id in enumerate(typed["area_id"], start=1):
            if area_id and area_id not in expected:
                problems.append(Problem(source, i, "area_id", shorten(area_id), "unknown_area_id"))
        for missing in sorted(expected - set(typed["area_id"])):
            problems.append(Problem(source, None, "area_id", missing, "area_missing"))
    raise_if_any(problems)
    areas = gpd.GeoDataFrame(typed, geometry=raw.geometry.values, crs=WGS84)
    order = {a: i for i, a in enumerate(city.area_ids)}
    areas = areas.iloc[sorted(range(len(areas)), key=lambda i: order[areas["area_id"].iloc[i]])]
    return areas.reset_index(drop=True)


def load_areas(data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> gpd.GeoDataFrame:
    """The city's areas (地域) with census figures, in official order.

    Parameters
    ----------
    data_dir
        Data directory; the bundled one when ``None``.
    city
        City configuration.

    Returns
    -------
    GeoDataFrame in WGS84, one row per area.
    """
    path = _folder(data_dir, city) / "areas.geojson"
    return validate_areas(_read_geojson(path), path.name, city)


def load_outline(data_dir: Path | None = None) -> shapely.Geometry:
    """The city outline (a polygon or multipolygon in WGS84)."""
    path = _folder(data_dir) / "outline.geojson"
    raw = _read_geojson(path)
    problems = _check_geometries(raw.geometry, path.name, ("Polygon", "MultiPolygon"))
    if len(raw) != 1:
        problems.append(Problem(path.name, None, None, str(len(raw)), "one_feature_expected"))
    raise_if_any(problems)
    return raw.geometry.iloc[0]


# --- points ----------------------------------------------------------------------------

CENTER_COLUMNS = (
    Column("center_id", nonempty=True, unique=True),
    Column("area_id", nonempty=True),
    Column("name", nonempty=True),
    Column("address", nonempty=True),
    _LON,
    _LAT,
    Column("gsi_common_id", required=False),
)

SHELTER_COLUMNS = (
    Column("shelter_id", nonempty=True, unique=True),
    Column("name", nonempty=True),
    Column("address"),
    Column("area_id", nonempty=True),
    _LON,
    _LAT,
    *(Column(h, "bool") for h in HAZARDS),
    Column("is_evacuation_center", "bool"),
    Column("note", required=False),
)

TOWN_COLUMNS = (
    Column("town", nonempty=True),
    Column("koaza", required=False),
    Column("area_id", nonempty=True),
    _LON,
    _LAT,
    Column("point_source", required=False, choices=frozenset({"geolonia", "census"})),
)


def _load_points(
    path: Path, columns: Sequence[Column], area_ids: Sequence[str], outline: shapely.Geometry
) -> gpd.GeoDataFrame:
    raw = read_csv(path)
    typed, problems = parse_table(raw, columns, path.name)
    if "area_id" in typed:
        known = set(area_ids)
        for i, value in enumerate(typed["area_id"], start=1):
            if value and value not in known:
                problems.append(Problem(path.name, i, "area_id", shorten(value), "unknown_area_id"))
    raise_if_any(problems)
    points = _points(raw, typed)
    raise_if_any(check_inside(points.geometry, outline, path.name))
    return points


def load_centers(data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> gpd.GeoDataFrame:
    """The 地域交流センター, one per area."""
    base = _folder(data_dir, city)
    return _load_points(base / "centers.csv", CENTER_COLUMNS, city.area_ids, load_outline(base))


def load_shelters(data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> gpd.GeoDataFrame:
    """The designated emergency evacuation sites with their hazard flags."""
    base = _folder(data_dir, city)
    return _load_points(base / "shelters.csv", SHELTER_COLUMNS, city.area_ids, load_outline(base))


def load_towns(data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> gpd.GeoDataFrame:
    """町字 points with their area, for placing addresses offline."""
    base = _folder(data_dir, city)
    return _load_points(base / "towns.csv", TOWN_COLUMNS, city.area_ids, load_outline(base))


# --- fields ----------------------------------------------------------------------------

FIELD_COLUMNS = (
    Column("code", nonempty=True, unique=True),
    Column("kind", nonempty=True, choices=frozenset({NPO, NEED})),
    Column("number", "int", minimum=1, maximum=20),
    Column("name_ja", nonempty=True),
    Column("short_ja", nonempty=True),
    Column("short_en", nonempty=True),
    Column("maps_to", "list"),
)


def load_fields(data_dir: Path | None = None) -> FieldCatalog:
    """The field catalogue: local needs and the NPO Law's 20 fields."""
    path = _folder(data_dir) / "fields.csv"
    typed, problems = parse_table(read_csv(path), FIELD_COLUMNS, path.name)
    raise_if_any(problems)
    records = cast(list[dict[str, Any]], typed.to_dict("records"))
    codes = {r["code"] for r in records}
    for i, rec in enumerate(records, start=1):
        for target in rec["maps_to"]:
            if target not in codes:
                problems.append(Problem(path.name, i, "maps_to", target, "unknown_field_code"))
    raise_if_any(problems)
    return FieldCatalog(
        tuple(
            Field(
                code=str(rec["code"]),
                kind=str(rec["kind"]),
                number=None
                if rec["number"] is None or pd.isna(rec["number"])
                else int(rec["number"]),
                name_ja=str(rec["name_ja"]),
                short_ja=str(rec["short_ja"]),
                short_en=str(rec["short_en"]),
                maps_to=tuple(rec["maps_to"]),
            )
            for rec in records
        )
    )


# --- organisations ---------------------------------------------------------------------


def org_columns(catalog: FieldCatalog, area_ids: Sequence[str]) -> tuple[Column, ...]:
    """Columns of the organisations table, with the known field codes and areas."""
    return (
        Column("org_id", nonempty=True, unique=True),
        Column("kind", nonempty=True, choices=frozenset(ORG_KINDS)),
        Column("name", nonempty=True),
        Column("fields", "list", choices=frozenset(catalog.codes)),
        Column("area_id", nonempty=True, choices=frozenset(area_ids)),
        Column("service_areas", "list", choices=frozenset((*area_ids, CITYWIDE))),
        Column("legal_form", choices=frozenset(("", *LEGAL_FORMS))),
        Column("households", "int", required=False, minimum=0, maximum=MAX_HOUSEHOLDS),
        Column("has_jishubo", "bool", required=False),
        Column("last_confirmed", "date", required=False),
        Column("is_sample", "bool", nonempty=True),
        Column("address", required=False),
        _LON,
        _LAT,
        *(Column(c, required=False) for c in PRIVATE_ORG_COLUMNS),
        Column("corporate_number", required=False, unique=True),
        Column("name_kana", required=False),
        Column("portal_url", required=False),
    )


def validate_organisations(
    raw: pd.DataFrame,
    source: str,
    catalog: FieldCatalog,
    outline: shapely.Geometry,
    city: CityConfig = YAMAGUCHI,
    *,
    at_center: Collection[str] = (),
) -> gpd.GeoDataFrame:
    """Check and type an organisations table.

    Parameters
    ----------
    raw
        Every cell as text.
    source
        Name for problem reports.
    catalog
        Known field codes.
    outline
        City outline; every organisation must be located inside it.
    city
        Known area ids.
    at_center
        Ids of the organisations whose point is their 地域's 交流センター, standing in
        for an address known only to the area (the registry's match level ``area``).

    Returns
    -------
    GeoDataFrame of points in WGS84 with typed columns, plus ``terms``: every field
    code the organisation is active in (its fields expanded through the need mapping),
    and ``at_center``: whether the organisation is one of ``at_center``.

    Raises
    ------
    DataValidationError
        Listing every problem found.
    """
    typed, problems = parse_table(raw, org_columns(catalog, city.area_ids), source)
    raise_if_any(problems)
    orgs = _points(raw, typed)
    raise_if_any(check_inside(orgs.geometry, outline, source))
    orgs["households"] = orgs["households"].astype("Int64")
    orgs["service_areas"] = [
        tuple(sa) if sa else (base,)
        for sa, base in zip(orgs["service_areas"], orgs["area_id"], strict=True)
    ]
    orgs["terms"] = [tuple(sorted(catalog.expand(f))) for f in orgs["fields"]]
    orgs["at_center"] = orgs["org_id"].astype(str).isin(set(at_center)).to_numpy(dtype=bool)
    return orgs


def load_organisations(
    data_dir: Path | None = None, city: CityConfig = YAMAGUCHI
) -> gpd.GeoDataFrame:
    """The organisations of ``organisations.csv``: councils, associations, civic groups.

    Parameters
    ----------
    data_dir
        Data directory; the city's bundled one when ``None``.
    city
        City configuration.

    Returns
    -------
    See :func:`validate_organisations`.
    """
    base = _folder(data_dir, city)
    path = base / "organisations.csv"
    return validate_organisations(
        read_csv(path), path.name, load_fields(base), load_outline(base), city
    )


class CsvOrganisations:
    """A data directory's ``organisations.csv`` as an :class:`~geo.model.OrgSource`.

    Parameters
    ----------
    data_dir
        Data directory; the city's bundled one when ``None``.
    city
        City configuration.
    """

    def __init__(self, data_dir: Path | None = None, city: CityConfig = YAMAGUCHI) -> None:
        self.data_dir = _folder(data_dir, city)
        self.city = city

    def read_organisations(self) -> gpd.GeoDataFrame:
        """See :func:`load_organisations`."""
        return load_organisations(self.data_dir, self.city)


SOURCE_COLUMNS = (
    Column("source_id", nonempty=True, unique=True),
    Column("title", nonempty=True),
    Column("publisher", nonempty=True),
    Column("licence", nonempty=True),
    Column("attribution"),
    Column("url"),
    Column("used_for"),
)


def load_sources(data_dir: Path | None = None) -> tuple[Source, ...]:
    """The sources of the bundled data, with their attribution lines."""
    path = _folder(data_dir) / "sources.csv"
    typed, problems = parse_table(read_csv(path), SOURCE_COLUMNS, path.name)
    raise_if_any(problems)
    records = cast(list[dict[str, Any]], typed.to_dict("records"))
    return tuple(Source(**{k: str(v) for k, v in rec.items()}) for rec in records)


def load_city(
    data_dir: Path | None = None,
    city: CityConfig = YAMAGUCHI,
    organisations: OrgSource | None = None,
) -> CityData:
    """Load and cross-check every file of a city's data directory.

    Each center must lie inside its own area.

    Parameters
    ----------
    data_dir
        Data directory; the city's bundled one when ``None``.
    city
        City configuration.
    organisations
        Where the organisations come from; ``organisations.csv`` of ``data_dir`` when
        ``None``.
    """
    base = _folder(data_dir, city)
    areas = load_areas(base, city)
    centers = load_centers(base, city)
    problems = []
    by_id = dict(zip(areas["area_id"], areas.geometry, strict=True))
    for i, (area_id, pt) in enumerate(zip(centers["area_id"], centers.geometry, strict=True), 1):
        if not by_id[area_id].buffer(1e-4).contains(pt):
            problems.append(Problem("centers.csv", i, "area_id", area_id, "center_outside_area"))
    raise_if_any(problems)
    source = organisations if organisations is not None else CsvOrganisations(base, city)
    orgs = source.read_organisations()
    n_sample = int(orgs["is_sample"].astype(bool).sum())
    return CityData(
        areas=areas,
        outline=load_outline(base),
        centers=centers,
        shelters=load_shelters(base, city),
        towns=load_towns(base, city),
        catalog=load_fields(base),
        organisations=orgs,
        sources=sources_for(load_sources(base), n_sample, len(orgs)),
        config=city,
    )
