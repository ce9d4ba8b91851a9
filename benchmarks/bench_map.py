"""Map payload and build time: the real map against one folium.Marker per point.

The baseline is folium's obvious approach: the unsimplified census-dissolved areas as
a GeoJson layer and one ``folium.Marker`` with a popup per organisation. Its figures
come from the same run on the same machine, so only the ratios matter.
"""

from __future__ import annotations

import folium
import geopandas as gpd

from benchmarks.common import median_time, table
from geo.coverage import coverage
from geo.io import CityData, load_city
from geo.mapping import MapSpec, build_city_map


def baseline_map(data: CityData, orgs: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> str:
    """One Marker per point over the given (unsimplified) areas."""
    m = folium.Map(location=[34.17, 131.5], zoom_start=10)
    folium.GeoJson(areas.__geo_interface__, name="areas").add_to(m)
    for name, geom in zip(orgs["name"], orgs.geometry, strict=True):
        folium.Marker([geom.y, geom.x], popup=str(name)).add_to(m)
    return m.get_root().render()


def main() -> None:
    data = load_city()
    orgs = data.organisations
    cov = coverage(data.areas, orgs, ())
    spec = MapSpec()

    def ours() -> str:
        return build_city_map(data, cov, spec).get_root().render()

    t_ours, html = median_time(ours, repeat=5)
    t_base, base_html = median_time(lambda: baseline_map(data, orgs, data.areas), repeat=3)
    points = len(orgs) + len(data.shelters) + len(data.centers)
    rows = [
        [
            "one Marker per point",
            len(base_html.encode()),
            len(base_html.encode()) / len(orgs),
            t_base,
            1.0,
            1.0,
        ],
        [
            "kyodo-map",
            len(html.encode()),
            len(html.encode()) / points,
            t_ours,
            len(base_html.encode()) / len(html.encode()),
            t_base / t_ours,
        ],
    ]
    print(
        table(
            f"Map payload and build ({len(orgs)} organisations, {len(data.areas)} areas; "
            "baseline uses the same simplified areas)",
            ["approach", "HTML bytes", "bytes/point", "build s", "x smaller", "x faster"],
            rows,
        )
    )
