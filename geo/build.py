"""Build ``data/<city>/`` from the raw public data: ``python -m geo.build``.

Reads the census blocks, the draft 町字→地域 assignment, the 町字 points, the GSI
shelters, the 21 centers and the NPO Law's fields (see ``data/yamaguchi/SOURCES.md``),
and writes the derived files. The output is byte-for-byte reproducible: no dates,
fixed float formats, a fixed random seed for the sample organisations.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.city import YAMAGUCHI, CityConfig
from geo.crs import PROJECTED, WGS84, to_projected, to_wgs84
from geo.errors import DataValidationError, Problem, raise_if_any, shorten
from geo.fields import FieldCatalog, default_catalog
from geo.generalise import SPIKE_MAX_ANGLE_DEG, drop_spikes
from geo.model import HAZARDS
from geo.sample import SampleInputs, generate_sample
from geo.settings import SettingsError, env_name, load_settings
from geo.sources import SOURCES, Source

#: Grid (m) the census block vertices are snapped to, closing sub-metre slivers.
SNAP_GRID_M = 0.5
#: Holes smaller than this (m²) left between census blocks are filled.
MAX_SLIVER_HOLE_M2 = 1000.0
#: Tolerance (m) of the topology-preserving simplification of the area boundaries.
SIMPLIFY_TOLERANCE_M = 50.0
#: Decimal places of shipped coordinates (6 ≈ 0.1 m).
COORD_DECIMALS = 6

RAW_FILES = {
    "blocks": "estat-2020-blocks/r2kb35203.shp",
    "assignment": "derived/choaza_to_chiiki_DRAFT.csv",
    "towns": "geolonia-towns/yamaguchi-shi_towns.json",
    "emergency": "gsi-shelters/yamaguchi_352039_emergency_kinkyu_hinanbasho.geojson",
    "evacuation": "gsi-shelters/yamaguchi_352039_evacuation_shitei_hinanjo.geojson",
    "centers": "derived/chiiki_koryu_centers_21.csv",
    "fields": "derived/npo_law_20_fields.csv",
}

#: GSI hazard columns -> our column names.
GSI_HAZARDS = {
    "洪水": "flood",
    "崖崩れ、土石流及び地滑り": "landslide",
    "高潮": "storm_surge",
    "地震": "earthquake",
    "津波": "tsunami",
    "大規模な火事": "large_fire",
    "内水氾濫": "inland_flood",
    "火山現象": "volcano",
}


@dataclass(frozen=True)
class RawData:
    """The raw inputs, read and checked."""

    blocks: gpd.GeoDataFrame  # projected, with area_id and confidence
    towns: pd.DataFrame
    emergency: gpd.GeoDataFrame
    evacuation: gpd.GeoDataFrame
    centers: pd.DataFrame
    official_fields: dict[int, str]


def read_raw(raw_dir: Path, city: CityConfig = YAMAGUCHI) -> RawData:
    """Read every raw file and check what the build relies on.

    Raises
    ------
    DataValidationError
        With every problem: missing files, blocks without an assignment, unknown areas.
    """
    missing = [
        Problem(rel, None, None, "", "raw_file_missing")
        for rel in RAW_FILES.values()
        if not (raw_dir / rel).is_file()
    ]
    raise_if_any(missing)
    problems: list[Problem] = []
    names = {a.name_ja: a.area_id for a in city.areas}

    blocks = gpd.read_file(raw_dir / RAW_FILES["blocks"], encoding="cp932")
    assignment = pd.read_csv(raw_dir / RAW_FILES["assignment"], dtype=str, keep_default_na=False)
    for i, name in enumerate(assignment["chiiki"], start=1):
        if name not in names:
            problems.append(Problem(RAW_FILES["assignment"], i, "chiiki", name, "unknown_chiiki"))
    assignment["area_id"] = assignment["chiiki"].map(names)
    joined = blocks.merge(
        assignment[["KIHON1", "S_NAME", "area_id", "confidence"]],
        on=["KIHON1", "S_NAME"],
        how="left",
        validate="many_to_one",
    )
    for i, row in enumerate(joined.itertuples(), start=1):
        if not isinstance(row.area_id, str):
            problems.append(
                Problem(RAW_FILES["blocks"], i, "S_NAME", row.S_NAME, "town_unassigned")
            )
    towns = pd.DataFrame(json.loads((raw_dir / RAW_FILES["towns"]).read_text(encoding="utf-8")))
    centers = pd.read_csv(raw_dir / RAW_FILES["centers"], dtype=str, keep_default_na=False)
    for i, name in enumerate(centers["chiiki"], start=1):
        if name not in names:
            problems.append(Problem(RAW_FILES["centers"], i, "chiiki", name, "unknown_chiiki"))
    fields = pd.read_csv(raw_dir / RAW_FILES["fields"], dtype=str)
    official = {int(n): text for n, text in zip(fields["no"], fields["field_ja"], strict=True)}
    if sorted(official) != list(range(1, 21)):
        problems.append(Problem(RAW_FILES["fields"], None, "no", "", "fields_incomplete"))
    raise_if_any(problems)
    projected = to_projected(joined)
    projected["geometry"] = shapely.set_precision(projected.geometry.values, SNAP_GRID_M)
    return RawData(
        blocks=projected,
        towns=towns,
        emergency=gpd.read_file(raw_dir / RAW_FILES["emergency"]),
        evacuation=gpd.read_file(raw_dir / RAW_FILES["evacuation"]),
        centers=centers,
        official_fields=official,
    )


def _fill_slivers(geom: shapely.Geometry) -> shapely.Geometry:
    parts = list(getattr(geom, "geoms", [geom]))
    cleaned = [
        shapely.Polygon(
            p.exterior, [r for r in p.interiors if shapely.Polygon(r).area > MAX_SLIVER_HOLE_M2]
        )
        for p in parts
    ]
    return cleaned[0] if len(cleaned) == 1 else shapely.MultiPolygon(cleaned)


def build_areas(
    raw: RawData, city: CityConfig = YAMAGUCHI
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Dissolve the census blocks into the city's areas.

    Returns
    -------
    The shipped areas (simplified, WGS84) and the exact areas (projected) used to
    assign points at build time.
    """
    blocks = raw.blocks
    exact = blocks.dissolve("area_id", aggfunc={"JINKO": "sum", "SETAI": "sum"})
    exact["geometry"] = [_fill_slivers(g) for g in exact.geometry]
    exact = exact.reindex(list(city.area_ids))
    towns = blocks.drop_duplicates(["KIHON1", "S_NAME"])
    counts = towns.groupby(["area_id", "confidence"]).size().unstack(fill_value=0)
    simplified = drop_spikes(shapely.coverage_simplify(exact.geometry.values, SIMPLIFY_TOLERANCE_M))
    shipped = gpd.GeoDataFrame(
        {
            "area_id": list(city.area_ids),
            "name_ja": [a.name_ja for a in city.areas],
            "name_kana": [a.name_kana for a in city.areas],
            "name_en": [a.name_en for a in city.areas],
            "population_2020": exact["JINKO"].astype(int).tolist(),
            "households_2020": exact["SETAI"].astype(int).tolist(),
            "area_km2": [round(float(a) / 1e6, 3) for a in exact.area],
            "boundary_confidence": [
                "approximate"
                if counts.get("medium", {}).get(a, 0) + counts.get("low", {}).get(a, 0)
                else "high"
                for a in city.area_ids
            ],
            "towns_total": [int(counts.loc[a].sum()) for a in city.area_ids],
            "towns_medium": [int(counts.get("medium", {}).get(a, 0)) for a in city.area_ids],
            "towns_low": [int(counts.get("low", {}).get(a, 0)) for a in city.area_ids],
        },
        geometry=simplified,
        crs=PROJECTED,
    )
    shipped = to_wgs84(shipped)
    shipped["geometry"] = shapely.set_precision(shipped.geometry.values, 10.0**-COORD_DECIMALS)
    return shipped, exact


def _assign(points: gpd.GeoSeries, exact: gpd.GeoDataFrame) -> list[str]:
    """Area id of each point (projected), the nearest area for points just outside."""
    pts = gpd.GeoDataFrame(geometry=points.values, crs=PROJECTED)
    areas = gpd.GeoDataFrame(
        {"area_id": exact.index}, geometry=exact.geometry.values, crs=PROJECTED
    )
    joined = gpd.sjoin_nearest(pts, areas, how="left")
    joined = joined[~joined.index.duplicated(keep="first")]
    return [str(a) for a in joined["area_id"]]


def build_shelters(raw: RawData, exact: gpd.GeoDataFrame) -> pd.DataFrame:
    """The designated emergency sites with hazard booleans and their area."""
    em = raw.emergency
    ev = raw.evacuation
    ev_keys = set(zip(ev["施設・場所名"], ev["住所"], strict=True))
    ev_points = {(round(g.x, 5), round(g.y, 5)) for g in ev.geometry}
    out = pd.DataFrame(
        {
            "shelter_id": em["共通ID"],
            "name": em["施設・場所名"],
            "address": em["住所"].str.replace("山口県", "", n=1, regex=False),
            "area_id": _assign(to_projected(em.geometry), exact),
            "lon": em.geometry.x,
            "lat": em.geometry.y,
        }
    )
    for ja, col in GSI_HAZARDS.items():
        out[col] = em[ja].fillna("").astype(str).str.strip() == "1"
    out["is_evacuation_center"] = [
        (name, addr) in ev_keys or (round(g.x, 5), round(g.y, 5)) in ev_points
        for name, addr, g in zip(em["施設・場所名"], em["住所"], em.geometry, strict=True)
    ]
    out["note"] = em["備考"].fillna("")
    assert tuple(GSI_HAZARDS.values()) == HAZARDS
    return out.sort_values("shelter_id", kind="stable").reset_index(drop=True)


def build_centers(raw: RawData, city: CityConfig = YAMAGUCHI) -> pd.DataFrame:
    """The 地域交流センター with their area ids, in the city's area order."""
    ids = {a.name_ja: a.area_id for a in city.areas}
    c = raw.centers
    out = pd.DataFrame(
        {
            "center_id": ["center-" + ids[n] for n in c["chiiki"]],
            "area_id": [ids[n] for n in c["chiiki"]],
            "name": c["name"],
            "address": c["address"].str.replace("山口県", "", n=1, regex=False),
            "lon": c["lon"].astype(float),
            "lat": c["lat"].astype(float),
            "gsi_common_id": c["gsi_common_id"],
        }
    )
    order = {a: i for i, a in enumerate(city.area_ids)}
    return out.sort_values("area_id", key=lambda s: s.map(order)).reset_index(drop=True)


def build_towns(raw: RawData, exact: gpd.GeoDataFrame) -> tuple[pd.DataFrame, list[str]]:
    """町字 points with the area they lie in.

    A 町字 without a point in the Geolonia data is placed at a point inside its census
    blocks of the same name (``point_source = census``); one with neither is left out.

    Returns
    -------
    The towns table and the names left out.
    """
    t = raw.towns.copy()
    lon = pd.to_numeric(t["lng"], errors="coerce")
    lat = pd.to_numeric(t["lat"], errors="coerce")
    source = pd.Series("geolonia", index=t.index)
    blocks = raw.blocks
    left_out: list[str] = []
    for i in t.index[lon.isna() | lat.isna()]:
        same = blocks[blocks["S_NAME"] == t.at[i, "town"]]
        if same.empty:
            left_out.append(str(t.at[i, "town"]))
            continue
        point = (
            gpd.GeoSeries(
                [shapely.union_all(same.geometry.values).representative_point()], crs=PROJECTED
            )
            .to_crs(WGS84)
            .iloc[0]
        )
        lon[i], lat[i] = round(point.x, COORD_DECIMALS), round(point.y, COORD_DECIMALS)
        source[i] = "census"
    keep = lon.notna() & lat.notna()
    t, lon, lat, source = t[keep], lon[keep], lat[keep], source[keep]
    pts = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=WGS84)
    out = pd.DataFrame(
        {
            "town": t["town"].tolist(),
            "koaza": t["koaza"].tolist(),
            "area_id": _assign(to_projected(pts), exact),
            "lon": lon.astype(float).tolist(),
            "lat": lat.astype(float).tolist(),
            "point_source": source.tolist(),
        }
    )
    out = out.sort_values(["town", "koaza"], kind="stable").reset_index(drop=True)
    return out, sorted(left_out)


def fields_table(catalog: FieldCatalog) -> pd.DataFrame:
    """The field catalogue as the shipped table."""
    return pd.DataFrame(
        {
            "code": [f.code for f in catalog.fields],
            "kind": [f.kind for f in catalog.fields],
            "number": ["" if f.number is None else str(f.number) for f in catalog.fields],
            "name_ja": [f.name_ja for f in catalog.fields],
            "short_ja": [f.short_ja for f in catalog.fields],
            "short_en": [f.short_en for f in catalog.fields],
            "maps_to": [";".join(f.maps_to) for f in catalog.fields],
        }
    )


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORD_DECIMALS)
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    return value


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    """Compact, deterministic GeoJSON of ``frame`` (WGS84, 6-decimal coordinates)."""
    if frame.crs is None or not frame.crs.equals(WGS84):
        raise ValueError("write GeoJSON in WGS84")
    features = []
    props = [c for c in frame.columns if c != frame.geometry.name]
    for row, geom in zip(frame[props].to_dict("records"), frame.geometry.values, strict=True):
        mapped = shapely.geometry.mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": {k: _plain(v) for k, v in row.items()},
                "geometry": {"type": mapped["type"], "coordinates": _round(mapped["coordinates"])},
            }
        )
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """Deterministic CSV: UTF-8, ``\\n`` line ends, floats at 6 decimals, bools as text."""
    buf = io.StringIO()
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(lambda v: f"{v:.{COORD_DECIMALS}f}")
    out.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue()


def sources_markdown(sources: Sequence[Source], *, towns_left_out: Sequence[str] = ()) -> str:
    """``SOURCES.md`` for the data directory."""
    lines = [
        "# Sources of data/yamaguchi",
        "",
        "Every file here is written by `python -m geo.build` (`make data`) from the raw public",
        "data; do not edit them by hand. Show the attribution lines wherever the data is shown.",
        "",
        "| source | publisher | licence | attribution | files | download |",
        "|---|---|---|---|---|---|",
    ]
    for s in sources:
        lines.append(
            f"| {s.title} | {s.publisher} | {s.licence} | {s.attribution or '—'} | "
            f"{s.used_for} | {s.url or '—'} |"
        )
    lines += [
        "",
        "## Derivation",
        "",
        f"- Areas: the census blocks are snapped to a {SNAP_GRID_M:g} m grid in EPSG:6671, "
        "joined to the draft 町字→地域 assignment on (KIHON1, S_NAME), dissolved per 地域, "
        f"holes under {MAX_SLIVER_HOLE_M2:g} m² between blocks filled, and simplified with "
        f"`shapely.coverage_simplify` ({SIMPLIFY_TOLERANCE_M:g} m) so neighbours keep their "
        f"shared borders; the spikes and cracks it leaves (edges meeting at under "
        f"{SPIKE_MAX_ANGLE_DEG:g}°, where a breakwater or a river's mouth collapsed) are cut "
        f"off or filled where no neighbour lies. Coordinates are WGS84 at {COORD_DECIMALS} "
        "decimals. Population and households are the 2020 census sums; `area_km2` is "
        "measured before simplification.",
        "- `boundary_confidence` is `approximate` where any 町字 of the area was assigned with "
        "medium or low confidence (`towns_medium`, `towns_low` count them). Central-area "
        "boundaries are therefore approximate; the official list is each 地域交流センター's page.",
        "- Shelters: the GSI 指定緊急避難場所, hazard flags as booleans, "
        "`is_evacuation_center` when the same facility is also a 指定避難所, "
        "assigned to the 地域 they lie in (the nearest one for a few on the coast).",
        "- Towns: Geolonia's 町字 points with the 地域 they lie in; a 町字 without a point "
        "there is placed inside its census blocks of the same name (`point_source = census`)"
        + (f"; left out, with neither: {'、'.join(towns_left_out)}." if towns_left_out else "."),
        "- Organisations: **sample data** generated with a fixed seed (`is_sample = true`). "
        "Real lists replace it through the import path.",
        "",
    ]
    return "\n".join(lines)


def sources_table(sources: Iterable[Source]) -> pd.DataFrame:
    """The sources as a table for the UI."""
    return pd.DataFrame([s.__dict__ for s in sources])


def build(raw_dir: Path, city: CityConfig = YAMAGUCHI) -> dict[str, str]:
    """Compute every derived file.

    Parameters
    ----------
    raw_dir
        Folder with the raw public data.
    city
        City configuration.

    Returns
    -------
    File name -> file text, ready to write.
    """
    raw = read_raw(raw_dir, city)
    areas, exact = build_areas(raw, city)
    outline = gpd.GeoDataFrame(
        {"jis_code": [city.jis_code], "name_ja": [city.name_ja]},
        geometry=[shapely.set_precision(shapely.union_all(areas.geometry.values), 1e-6)],
        crs=WGS84,
    )
    catalog = default_catalog(raw.official_fields)
    centers = build_centers(raw, city)
    shelters = build_shelters(raw, exact)
    towns, towns_left_out = build_towns(raw, exact)
    blocks = raw.blocks
    reps = gpd.GeoSeries(blocks.representative_point(), crs=PROJECTED).to_crs(WGS84)
    sample = generate_sample(
        SampleInputs(
            city=city,
            areas=areas,
            blocks=pd.DataFrame(
                {
                    "area_id": blocks["area_id"],
                    "town": blocks["S_NAME"],
                    "population": blocks["JINKO"].astype(int),
                    "households": blocks["SETAI"].astype(int),
                    "lon": reps.x.round(COORD_DECIMALS),
                    "lat": reps.y.round(COORD_DECIMALS),
                }
            ),
            centers=centers,
            catalog=catalog,
        )
    )
    return {
        "areas.geojson": geojson_text(areas),
        "outline.geojson": geojson_text(outline),
        "centers.csv": csv_text(centers),
        "shelters.csv": csv_text(shelters),
        "towns.csv": csv_text(towns),
        "fields.csv": csv_text(fields_table(catalog)),
        "organisations.csv": csv_text(sample),
        "sources.csv": csv_text(sources_table(SOURCES)),
        "SOURCES.md": sources_markdown(SOURCES, towns_left_out=towns_left_out),
    }


def write(files: Mapping[str, str], out_dir: Path) -> None:
    """Write ``files`` into ``out_dir`` (created when missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m geo.build [--raw DIR] [--out DIR]``.

    The raw folder defaults to the ``raw_dir`` setting (``KYODO_RAW_DIR``). Exit codes:
    0 written, 1 the raw data has problems or cannot be read, 2 usage error or a bad
    setting.
    """
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__)
    parser.add_argument(
        "--raw", type=Path, default=None, help=f"raw data folder (${env_name('raw_dir')})"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "data" / "yamaguchi",
        help="output folder (default: data/yamaguchi)",
    )
    args = parser.parse_args(argv)
    try:
        raw_dir = args.raw or load_settings().raw_dir
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        files = build(raw_dir)
    except DataValidationError as exc:
        print(f"error: the raw data in {raw_dir} has problems:\n{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot read the raw data in {raw_dir}: {shorten(exc, 200)}", file=sys.stderr)
        return 1
    write(files, args.out)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
