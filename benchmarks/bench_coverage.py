"""Coverage and point-in-polygon at city and at national scale.

Coverage: the area × field table (:func:`geo.coverage.coverage_matrix`, all fields in
one pass) against the same table made as before, one :func:`geo.coverage.coverage` per
field, and against the plain approach: a Python loop of point-in-polygon tests placing
every organisation (timed on a subsample, scaled), then the per-field table.

Point-in-polygon: :func:`geo.spatial.area_of_points` (each prepared polygon tests the
points in its bounding box at once) on 1,000,000 points, in microseconds per point,
against a plain Python loop testing each point against each polygon in turn (on a
subsample, scaled).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from benchmarks import datasets, synthetic
from benchmarks.common import median_time, table
from benchmarks.datasets import Dataset
from geo.coverage import coverage, coverage_matrix
from geo.crs import WGS84
from geo.spatial import area_of_points

T = TypeVar("T")
REPEAT = 3
POINTS = 1_000_000
#: Points the plain loops test, per dataset (scaled to the whole).
SUBSAMPLE = {"default": 2_000, "city": 2_000, "national": 200}
MAX_MATRIX_SECONDS = 2.0
MAX_MICROSECONDS = 2.0


def per_field(areas: pd.DataFrame, orgs: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """The table as before: one full coverage per field."""
    ids = areas["area_id"].tolist()
    return pd.DataFrame(
        {c: coverage(areas, orgs, (c,))["total"].to_numpy() for c in codes},
        index=pd.Index(ids, name="area_id"),
    )


def loop_areas(points: np.ndarray, areas: gpd.GeoDataFrame) -> list[str | None]:
    """The area of each ``(lon, lat)`` point, testing polygon after polygon."""
    polygons = list(zip(areas["area_id"].tolist(), areas.geometry.values, strict=True))
    out: list[str | None] = []
    for x, y in points.tolist():
        point = shapely.Point(x, y)
        found = None
        for area_id, polygon in polygons:
            if polygon.contains(point):
                found = area_id
                break
        out.append(found)
    return out


def once(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def spread_points(areas: gpd.GeoDataFrame, n: int, seed: int = 1) -> np.ndarray:
    """``n`` random ``(lon, lat)`` points inside the areas, spread by population."""
    rng = np.random.default_rng(seed)
    weight = areas["population_2020"].to_numpy(dtype=float)
    where = rng.choice(len(areas), size=n, p=weight / weight.sum())
    out = np.empty((n, 2))
    for a in np.unique(where):
        rows = np.flatnonzero(where == a)
        out[rows] = synthetic.random_points(areas.geometry.values[a], len(rows), rng)
    return out


def matrix_rows(ds: Dataset, kind: str, codes: Sequence[str]) -> tuple[list[list[object]], str]:
    orgs = ds.orgs
    t_new, new = median_time(lambda: coverage_matrix(ds.areas, orgs, codes), repeat=REPEAT)
    t_old, old = median_time(lambda: per_field(ds.areas, orgs, codes), repeat=1, warmup=0)
    same = "same table" if new.equals(old) else "TABLES DIFFER"
    sample = min(SUBSAMPLE[kind], len(orgs))
    xy = np.column_stack([orgs.geometry.x.to_numpy(), orgs.geometry.y.to_numpy()])[:sample]
    t_loop, _ = once(lambda: loop_areas(xy, ds.areas))
    t_plain = t_loop * len(orgs) / sample + t_old
    label = f"{len(orgs):,} x {len(ds.areas):,} areas x {len(codes)} fields"
    rows: list[list[object]] = [
        [ds.name, label, "PIP loop (scaled) + per field", t_plain, 1.0],
        [ds.name, label, "coverage() per field", t_old, t_plain / t_old],
        [ds.name, label, "coverage_matrix, one pass", t_new, t_plain / t_new],
    ]
    verdict = ""
    if kind == "national":
        met = "met" if t_new < MAX_MATRIX_SECONDS else "NOT met"
        verdict = (
            f"{ds.name}: matrix {t_new:.3f} s (target well under {MAX_MATRIX_SECONDS:g} s: {met})"
        )
    return rows, f"{ds.name}: {same}. {verdict}".strip()


def pip_rows(name: str, kind: str, areas: gpd.GeoDataFrame) -> tuple[list[list[object]], str]:
    xy = spread_points(areas, POINTS)
    series = gpd.GeoSeries(gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=WGS84)
    t_tree, found = median_time(lambda: area_of_points(series, areas), repeat=REPEAT)
    sample = SUBSAMPLE[kind]
    t_loop, looped = once(lambda: loop_areas(xy[:sample], areas))
    agree = sum(a == b for a, b in zip(found[:sample], looped, strict=True)) / sample
    us_tree = t_tree / POINTS * 1e6
    us_loop = t_loop / sample * 1e6
    rows: list[list[object]] = [
        [name, f"{len(areas):,}", "plain loop (scaled)", us_loop * POINTS / 1e6, us_loop, 1.0],
        [name, f"{len(areas):,}", "area_of_points", t_tree, us_tree, us_loop / us_tree],
    ]
    met = "met" if us_tree <= MAX_MICROSECONDS else "NOT met"
    note = (
        f"{name}: {us_tree:.2f} us per point (target <= {MAX_MICROSECONDS:g}: {met});"
        f" agrees with the loop on {agree:.1%} of the subsample"
    )
    return rows, note


def main() -> None:
    default = datasets.bundled()
    codes = list(default.catalog.codes)
    rows: list[list[object]] = []
    notes: list[str] = []
    national = datasets.national(100_000)
    for ds, kind in ((default, "default"), (national, "national")):
        if ds is None:
            notes.append("national 100,000: skipped, national outlines not found")
            continue
        r, note = matrix_rows(ds, kind, codes)
        rows += r
        notes.append(note)
    print(
        table(
            f"Coverage matrix (median of {REPEAT}; the plain ways once)",
            ["data", "size", "approach", "seconds", "x faster"],
            rows,
        )
    )
    for line in notes:
        print(line)
    print()
    rows = []
    notes = []
    r, note = pip_rows("city areas", "city", default.areas)
    rows += r
    notes.append(note)
    if national is not None:
        r, note = pip_rows("national areas", "national", national.areas)
        rows += r
        notes.append(note)
    print(
        table(
            f"Point-in-polygon, {POINTS:,} points (median of {REPEAT}; loop on a subsample)",
            ["polygons", "count", "approach", "seconds", "us/point", "x faster"],
            rows,
        )
    )
    for line in notes:
        print(line)
