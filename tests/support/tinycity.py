"""A tiny deterministic test city: four square areas, one with no coverage.

Layout (lon 131.00–131.04, lat 34.00–34.04, squares of 0.02°)::

    north-west (nw) | north-east (ne)
    ----------------+----------------
    south-west (sw) | south-east (se)   <- se: nobody active in anything but its council

Organisations (all flagged as sample):

====  ===========  ====  ========================  ===================  ==========
id    kind         base  fields                    serves               notes
====  ===========  ====  ========================  ===================  ==========
c-nw  council      nw    npo03;bousai              nw
c-ne  council      ne    npo03;mimamori            ne
c-sw  council      sw    npo03                     sw
c-se  council      se    npo03                     se
a-1   association  nw    bousai;bika               nw                   jishubo, 300 hh
a-2   association  nw    bika                      nw                   no jishubo, 100 hh
a-3   association  ne    bousai                    ne                   jishubo, 200 hh
a-4   association  sw    bika                      sw                   no jishubo, 150 hh
g-1   civic_group  nw    npo01;mimamori            nw;ne
g-2   civic_group  ne    npo13                     *                    (citywide)
g-3   civic_group  sw    npo08                     sw
====  ===========  ====  ========================  ===================  ==========
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.build import csv_text, fields_table, geojson_text, sources_table
from geo.city import AreaInfo, CityConfig, PublicContact
from geo.crs import WGS84
from geo.fields import default_catalog
from geo.sample import COLUMNS
from geo.sources import SOURCES

TINY = CityConfig(
    jis_code="99999",
    name_ja="テスト市",
    name_en="Test City",
    areas=(
        AreaInfo("nw", "北西", "ほくせい", "North-West"),
        AreaInfo("ne", "北東", "ほくとう", "North-East"),
        AreaInfo("sw", "南西", "なんせい", "South-West"),
        AreaInfo("se", "南東", "なんとう", "South-East"),
    ),
    support_center=PublicContact(
        "テスト支援センター",
        "Test Support Center",
        "テスト法人",
        "テスト市1-1",
        "000-000-0000",
        "9:00〜17:00",
        "9:00–17:00",
        "なし",
        "none",
        "https://example.invalid/",
    ),
    center=(34.02, 131.02),
    zoom=13,
    registered_civic_groups=3,
)

SIZE = 0.02
ORIGIN = (131.0, 34.0)
CELLS = {"nw": (0, 1), "ne": (1, 1), "sw": (0, 0), "se": (1, 0)}
POPULATION = {"nw": 4000, "ne": 3000, "sw": 2000, "se": 1000}
HOUSEHOLDS = {"nw": 1600, "ne": 1200, "sw": 800, "se": 400}


def square(area_id: str) -> shapely.Polygon:
    """The square of one area."""
    cx, cy = CELLS[area_id]
    x0, y0 = ORIGIN[0] + cx * SIZE, ORIGIN[1] + cy * SIZE
    return shapely.box(x0, y0, x0 + SIZE, y0 + SIZE)


def centre(area_id: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
    """(lon, lat) near the middle of an area."""
    c = square(area_id).centroid
    return round(c.x + dx, 6), round(c.y + dy, 6)


def areas_frame() -> gpd.GeoDataFrame:
    ids = [a.area_id for a in TINY.areas]
    return gpd.GeoDataFrame(
        {
            "area_id": ids,
            "name_ja": [a.name_ja for a in TINY.areas],
            "name_kana": [a.name_kana for a in TINY.areas],
            "name_en": [a.name_en for a in TINY.areas],
            "population_2020": [POPULATION[a] for a in ids],
            "households_2020": [HOUSEHOLDS[a] for a in ids],
            "area_km2": [3.7] * 4,
            "boundary_confidence": ["high", "high", "approximate", "high"],
            "towns_total": [1, 1, 2, 1],
            "towns_medium": [0, 0, 1, 0],
            "towns_low": [0, 0, 0, 0],
        },
        geometry=[square(a) for a in ids],
        crs=WGS84,
    )


ORGS = [
    # org_id, kind, base, fields, serves, households, jishubo, legal_form
    ("c-nw", "council", "nw", "npo03;bousai", "nw", "", "", "voluntary"),
    ("c-ne", "council", "ne", "npo03;mimamori", "ne", "", "", "voluntary"),
    ("c-sw", "council", "sw", "npo03", "sw", "", "", "voluntary"),
    ("c-se", "council", "se", "npo03", "se", "", "", "voluntary"),
    ("a-1", "association", "nw", "bousai;bika", "nw", "300", "true", "voluntary"),
    ("a-2", "association", "nw", "bika", "nw", "100", "false", "voluntary"),
    ("a-3", "association", "ne", "bousai", "ne", "200", "true", "authorized"),
    ("a-4", "association", "sw", "bika", "sw", "150", "false", "voluntary"),
    ("g-1", "civic_group", "nw", "npo01;mimamori", "nw;ne", "", "", "npo_corp"),
    ("g-2", "civic_group", "ne", "npo13", "*", "", "", "voluntary"),
    ("g-3", "civic_group", "sw", "npo08", "sw", "", "", "npo_corp"),
]


def orgs_frame() -> pd.DataFrame:
    rows = []
    for i, (oid, kind, base, fields, serves, hh, jishubo, legal) in enumerate(ORGS):
        lon, lat = centre(base, dx=0.001 * i, dy=-0.0005 * i)
        rows.append(
            {
                "org_id": oid,
                "kind": kind,
                "name": f"サンプル{oid}",
                "fields": fields,
                "area_id": base,
                "service_areas": serves,
                "legal_form": legal,
                "households": hh,
                "has_jishubo": jishubo,
                "last_confirmed": "2025-04-01",
                "is_sample": "true",
                "address": f"テスト市{base}",
                "lon": lon,
                "lat": lat,
                "representative": "",
                "phone": "",
                "email": "",
                "notes": "",
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def write_city(folder: Path) -> Path:
    """Write the tiny city's data directory into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    areas = areas_frame()
    outline = gpd.GeoDataFrame(
        {"jis_code": [TINY.jis_code], "name_ja": [TINY.name_ja]},
        geometry=[shapely.union_all(areas.geometry.values)],
        crs=WGS84,
    )
    catalog = default_catalog({n: f"法定分野{n}" for n in range(1, 21)})
    centers = pd.DataFrame(
        {
            "center_id": [f"center-{a}" for a in TINY.area_ids],
            "area_id": list(TINY.area_ids),
            "name": [f"{a.name_ja}交流センター" for a in TINY.areas],
            "address": [f"テスト市{a.area_id}1-1" for a in TINY.areas],
            "lon": [centre(a)[0] for a in TINY.area_ids],
            "lat": [centre(a)[1] for a in TINY.area_ids],
            "gsi_common_id": [""] * 4,
        }
    )
    shelters = pd.DataFrame(
        {
            "shelter_id": ["S1", "S2", "S3"],
            "name": ["北西小学校", "北東公民館", "南西体育館"],
            "address": ["テスト市nw", "テスト市ne", "テスト市sw"],
            "area_id": ["nw", "ne", "sw"],
            "lon": [centre("nw", 0.003)[0], centre("ne", 0.003)[0], centre("sw", 0.003)[0]],
            "lat": [centre("nw")[1], centre("ne")[1], centre("sw")[1]],
            "flood": ["true", "false", "true"],
            "landslide": ["true", "true", "false"],
            "storm_surge": ["false", "false", "false"],
            "earthquake": ["true", "true", "true"],
            "tsunami": ["false", "false", "false"],
            "large_fire": ["false", "false", "false"],
            "inland_flood": ["false", "false", "false"],
            "volcano": ["false", "false", "false"],
            "is_evacuation_center": ["true", "false", "true"],
            "note": ["", "", ""],
        }
    )
    towns = pd.DataFrame(
        {
            "town": ["北西町", "北東町", "南西町", "南東町"],
            "koaza": [""] * 4,
            "area_id": list(TINY.area_ids),
            "lon": [centre(a, -0.002)[0] for a in TINY.area_ids],
            "lat": [centre(a)[1] for a in TINY.area_ids],
            "point_source": ["geolonia"] * 4,
        }
    )
    files = {
        "areas.geojson": geojson_text(areas),
        "outline.geojson": geojson_text(outline),
        "centers.csv": csv_text(centers),
        "shelters.csv": csv_text(shelters),
        "towns.csv": csv_text(towns),
        "fields.csv": csv_text(fields_table(catalog)),
        "organisations.csv": csv_text(orgs_frame()),
        "sources.csv": csv_text(sources_table(SOURCES)),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
