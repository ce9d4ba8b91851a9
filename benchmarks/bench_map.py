"""Map payload and build time: the real map against one folium.Marker per point.

The baseline is folium's obvious approach: the areas' unsimplified boundaries as a
GeoJson layer and one ``folium.Marker`` with a popup per organisation and evacuation
site. It is measured on the default data; for the synthetic 10,000 and 100,000
organisations it is extrapolated from that run (its areas alone, measured, plus the
measured cost per point times the number of points) rather than run.

"kyodo-map" is :func:`geo.map.build` as the main page calls it, composed and rendered to
one HTML page; for a large dataset once as it first opens (no view: counts per area)
and once zoomed in (the points in view).
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks import datasets
from benchmarks.common import median_time, table
from benchmarks.datasets import Dataset
from geo.map import Viewport, build

REPEAT = 5
BASELINE_REPEAT = 3
#: Targets on the default data (issue 8).
MAX_DEFAULT_BYTES = 150_000
MIN_SMALLER = 15.0
MIN_FASTER = 20.0
MAX_LARGE_BYTES = 5_000_000


@dataclass(frozen=True)
class Baseline:
    """The one-Marker-per-point map: its areas alone and its cost per point."""

    areas_bytes: int
    areas_seconds: float
    bytes_per_point: float
    seconds_per_point: float

    def at(self, points: int) -> tuple[float, float]:
        """Extrapolated ``(bytes, seconds)`` for ``points`` points."""
        return (
            self.areas_bytes + self.bytes_per_point * points,
            self.areas_seconds + self.seconds_per_point * points,
        )


def measure_baseline(ds: Dataset) -> tuple[Baseline, int, float, str]:
    """The baseline on ``ds``: its model, and the measured bytes and seconds, and a note."""
    areas, note = datasets.exact_city_areas()
    points = datasets.baseline_points(ds)
    west, south, east, north = (float(v) for v in ds.areas.total_bounds)
    location = ((south + north) / 2, (west + east) / 2)
    t_full, full = median_time(
        lambda: datasets.baseline_html(areas, points, location=location), repeat=BASELINE_REPEAT
    )
    t_areas, bare = median_time(
        lambda: datasets.baseline_html(areas, [], location=location), repeat=BASELINE_REPEAT
    )
    full_bytes, bare_bytes = len(full.encode()), len(bare.encode())
    model = Baseline(
        areas_bytes=bare_bytes,
        areas_seconds=t_areas,
        bytes_per_point=(full_bytes - bare_bytes) / len(points),
        seconds_per_point=(t_full - t_areas) / len(points),
    )
    return model, full_bytes, t_full, note


def national_baseline(ds: Dataset, city: Baseline) -> Baseline:
    """The baseline over the national outlines: their GeoJson measured, points as the city's."""
    west, south, east, north = (float(v) for v in ds.areas.total_bounds)
    location = ((south + north) / 2, (west + east) / 2)
    t_areas, bare = median_time(
        lambda: datasets.baseline_html(ds.areas, [], location=location), repeat=1
    )
    return Baseline(len(bare.encode()), t_areas, city.bytes_per_point, city.seconds_per_point)


def modes(ds: Dataset, view: Viewport | None) -> str:
    """How the two large layers were sent, e.g. ``associations: counts, civic_groups: in_view``."""
    parts = build(ds.inputs, ds.cov, datasets.MAIN, view=view)
    short = {"associations": "assoc.", "civic_groups": "civic"}
    return ", ".join(f"{short[k]} {parts.modes[k]}" for k in short)


def main() -> None:
    default = datasets.bundled()
    model, base_bytes, t_base, note = measure_baseline(default)
    rows: list[list[object]] = []
    verdicts: list[str] = []

    def ours(ds: Dataset, label: str, base: tuple[float, float], *, detail: bool) -> None:
        view = ds.detail if detail else None
        seconds, html = median_time(lambda: ds.html(view=view), repeat=REPEAT)
        if view is not None or ds is not default:
            label += f" [{modes(ds, view)}]"
        size = len(html.encode())
        rows.append(
            [
                ds.name,
                label,
                ds.points,
                size,
                size / ds.points,
                seconds,
                base[0] / size,
                base[1] / seconds,
            ]
        )
        if ds is default:
            verdicts.append(
                f"default: HTML {size:,} B (target <= {MAX_DEFAULT_BYTES:,}: "
                f"{'met' if size <= MAX_DEFAULT_BYTES else 'NOT met'}); "
                f"{base[0] / size:.1f}x smaller (target >= {MIN_SMALLER:g}: "
                f"{'met' if base[0] / size >= MIN_SMALLER else 'NOT met'}); "
                f"{base[1] / seconds:.0f}x faster (target >= {MIN_FASTER:g}: "
                f"{'met' if base[1] / seconds >= MIN_FASTER else 'NOT met'})"
            )
        elif size > MAX_LARGE_BYTES:
            verdicts.append(f"{ds.name} {label}: HTML {size:,} B > {MAX_LARGE_BYTES:,} (NOT met)")

    rows.append(
        [
            default.name,
            "one Marker per point",
            default.points,
            base_bytes,
            base_bytes / default.points,
            t_base,
            1.0,
            1.0,
        ]
    )
    ours(default, "kyodo-map", (base_bytes, t_base), detail=False)
    large: list[Dataset] = [datasets.city(10_000), datasets.city(100_000)]
    national = datasets.national(100_000)
    skipped = ""
    if national is None:
        skipped = "national 100,000: skipped, national outlines not found (../shared/data/japan)"
    else:
        large.append(national)
    for ds in large:
        base = (national_baseline(ds, model) if ds is national else model).at(ds.points)
        rows.append(
            [
                ds.name,
                "one Marker per point (extrapolated)",
                ds.points,
                base[0],
                "",
                base[1],
                1.0,
                1.0,
            ]
        )
        ours(ds, "kyodo-map, opening view", base, detail=False)
        zoom = ds.detail.zoom if ds.detail is not None else "?"
        ours(ds, f"kyodo-map, zoomed in (z{zoom})", base, detail=True)
    print(
        table(
            f"Map payload and build (median of {REPEAT}; baseline median of {BASELINE_REPEAT}); "
            f"{note}",
            [
                "data",
                "approach",
                "points",
                "HTML bytes",
                "bytes/point",
                "build s",
                "x smaller",
                "x faster",
            ],
            rows,
        )
    )
    for line in [*verdicts, skipped]:
        if line:
            print(line)
