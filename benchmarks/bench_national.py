"""National scale: what the map sends per view, and the coverage matrix in the database.

Views: 100,000 synthetic organisations over Japan's municipalities
(:func:`benchmarks.datasets.national`, outlines read at run time from
``../shared/data/japan``). Each view is what ``st_folium`` reports (``bounds`` and
``zoom``, read back with :func:`geo.map.viewport_of`); the map is built with
:func:`geo.map.build` and its payload is what ``st_folium`` sends: the
base (script, header, HTML) and every layer group and the layer control as it turns
them into script. Target: no view over 1 MB.

Coverage matrix: the same organisations bulk-loaded (:func:`geo.registry.bulk.bulk_load`)
into a throwaway PostgreSQL + PostGIS cluster (``scripts/pg-test-cluster.sh``), each
stored under its municipality's JIS code, then municipality × field counts for a
prefecture by one ``GROUP BY`` in the database
(:meth:`geo.registry.analytics.RegistryAnalytics.coverage_matrix_sql`) against the rows
read and counted in pandas (``coverage_matrix_frame``); SQLite as well. Target: under a
second in the database.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import streamlit_folium as sf

from benchmarks import datasets, synthetic
from benchmarks.common import median_time, table
from benchmarks.datasets import MAIN, Dataset, view_around
from geo.map import Viewport, build, viewport_of
from geo.registry.analytics import RegistryAnalytics
from geo.registry.bulk import bulk_load
from geo.registry.store import Store

ROOT = Path(__file__).resolve().parent.parent
CLUSTER_SCRIPT = ROOT / "scripts" / "pg-test-cluster.sh"
N = 100_000
REPEAT = 5
MAX_VIEW_BYTES = 1_000_000
MAX_MATRIX_SECONDS = 1.0

#: (name, centre latitude, centre longitude, zoom) of the views, on a 1000 × 620 map.
VIEWS: tuple[tuple[str, float, float, int], ...] = (
    ("country (z5)", 37.5, 137.0, 5),
    ("prefecture: Yamaguchi (z9)", 34.2, 131.5, 9),
    ("prefecture: Hokkaido (z7)", 43.4, 142.8, 7),
    ("city: central Tokyo (z12)", 35.68, 139.76, 12),
    ("city: Yamaguchi (z12)", 34.18, 131.47, 12),
    ("street: central Tokyo (z16)", 35.68, 139.76, 16),
    ("street: Yamaguchi 湯田 (z17)", 34.16, 131.46, 17),
)
#: Prefectures whose matrix is computed: name and the first two digits of the JIS codes.
PREFECTURES = (("山口県", "35"), ("北海道", "01"))


def returned(view: Viewport) -> dict[str, Any]:
    """What ``st_folium`` returns for a view (``returned_objects=["bounds", "zoom"]``)."""
    return {
        "bounds": {
            "_southWest": {"lat": view.south, "lng": view.west},
            "_northEast": {"lat": view.north, "lng": view.east},
        },
        "zoom": view.zoom,
    }


def payload(ds: Dataset, view: Viewport | None) -> tuple[int, int, dict[str, str]]:
    """Bytes of the base and of the layers as ``st_folium`` sends them, and the modes."""
    parts = build(ds.inputs, ds.cov, MAIN, view=view)
    m = parts.base
    m.get_root().render()
    m.render()  # type: ignore[no-untyped-call]
    base = [sf._get_html(m), sf._get_header(m), sf._get_map_string(m)]
    layers = [sf._get_feature_group_string(g, m, i) for i, g in enumerate(parts.layers)]
    if parts.control is not None:
        layers.append(sf._get_layer_control_string(parts.control, m))
    size = sum(len(s.encode("utf-8")) for s in base), sum(len(s.encode()) for s in layers)
    return size[0], size[1], dict(parts.modes)


def view_rows(ds: Dataset) -> tuple[list[list[object]], list[str]]:
    rows: list[list[object]] = []
    over: list[str] = []
    cases: list[tuple[str, Viewport | None]] = [("opening (no view reported yet)", None)]
    cases += [(name, viewport_of(returned(view_around(la, lo, z)))) for name, la, lo, z in VIEWS]
    for name, view in cases:
        start = time.perf_counter()
        base, layers, modes = payload(ds, view)
        seconds = time.perf_counter() - start
        total = base + layers
        ok = total <= MAX_VIEW_BYTES
        if not ok:
            over.append(name)
        sent = ", ".join(f"{k[:5]}. {v}" for k, v in modes.items())
        rows.append([name, base, layers, total, "yes" if ok else "NO", seconds, sent])
    return rows, over


# --- the coverage matrix in the database --------------------------------------------------


@contextmanager
def pg_cluster() -> Iterator[str | None]:
    """The URL of a throwaway PostgreSQL + PostGIS cluster, ``None`` when it cannot start."""
    folder = Path(tempfile.mkdtemp(prefix="kyodo-bench-pg."))
    try:
        done = subprocess.run(
            ["bash", str(CLUSTER_SCRIPT), "start", str(folder)],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"PostgreSQL skipped: the throwaway cluster did not start ({exc})")
        yield None
        return
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    if done.returncode != 0 or "url" not in values:
        reason = (done.stderr.strip() or done.stdout.strip())[-300:]
        print(f"PostgreSQL skipped: the throwaway cluster did not start ({reason})")
        yield None
        return
    try:
        yield values["url"]
    finally:
        subprocess.run(
            ["bash", str(CLUSTER_SCRIPT), "stop", str(folder)],
            capture_output=True,
            timeout=120,
            check=False,
        )


def matrix_rows(
    backend: str, url: str, ds: Dataset, fields: Sequence[str]
) -> tuple[list[list[object]], list[str]]:
    notes: list[str] = []
    text = synthetic.org_file(ds.orgs)
    records = [dict(zip(text.columns, row, strict=True)) for row in text.itertuples(index=False)]
    codes = [str(a) for a in ds.orgs["area_id"]]
    rows: list[list[object]] = []
    with Store.open(url) as store:
        start = time.perf_counter()
        loaded = bulk_load(store, records, who="benchmark", jis_codes=codes, source="synthetic")
        load_s = time.perf_counter() - start
        if store.engine.dialect.name == "postgresql":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        analytics = RegistryAnalytics(store)
        notes.append(
            f"{backend}: bulk-loaded {loaded:,} organisations in {load_s:.1f} s "
            f"(spatial engine: {analytics.spatial_engine}; the city's own sample rows, "
            f"seeded under {store.jis_code}, are counted too)"
        )
        for name, prefix in PREFECTURES:
            area_ids = [str(a) for a in ds.areas["area_id"] if str(a).startswith(prefix)]
            t_sql, sql = median_time(
                functools.partial(analytics.coverage_matrix_sql, area_ids, fields), repeat=REPEAT
            )
            t_pd, frame = median_time(
                functools.partial(analytics.coverage_matrix_frame, area_ids, fields), repeat=REPEAT
            )
            same = sql.equals(frame)
            rows.append(
                [
                    backend,
                    name,
                    f"{len(area_ids)} x {len(fields)}",
                    int(sql.to_numpy().sum()),
                    t_pd,
                    t_sql,
                    t_pd / t_sql,
                    "yes" if same else "NO",
                    "yes" if t_sql < MAX_MATRIX_SECONDS else "NO",
                ]
            )
            if not same:
                notes.append(f"{backend} {name}: the SQL and pandas tables DIFFER")
    return rows, notes


def main() -> None:
    ds = datasets.national(N)
    if ds is None:
        print(f"National scale: skipped, national outlines not found in {synthetic.JAPAN_DIR}")
        return
    _ = ds.cov  # the coverage the areas are shaded by, once, outside the timings
    rows, over = view_rows(ds)
    print(
        table(
            f"National map views, {len(ds.orgs):,} organisations over {len(ds.areas):,} "
            "municipalities (bytes as st_folium sends them)",
            ["view", "base B", "layers B", "total B", "<= 1 MB", "build s", "sent as"],
            rows,
        )
    )
    verdict = "met" if not over else f"NOT met ({', '.join(over)})"
    print(f"target: every view <= {MAX_VIEW_BYTES:,} bytes: {verdict}")
    print()

    fields = list(ds.catalog.codes)
    rows = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kyodo-bench-sqlite.") as folder:
        r, n = matrix_rows("sqlite", f"sqlite:///{folder}/registry.sqlite3", ds, fields)
        rows += r
        notes += n
    with pg_cluster() as url:
        if url is not None:
            r, n = matrix_rows("postgresql", url, ds, fields)
            rows += r
            notes += n
    print(
        table(
            f"Coverage matrix of a prefecture, municipality x field (median of {REPEAT})",
            [
                "database",
                "prefecture",
                "size",
                "count",
                "pandas s",
                "SQL s",
                "x faster",
                "same",
                "SQL < 1 s",
            ],
            rows,
        )
    )
    for line in notes:
        print(line)
    slow = [f"{r[0]} {r[1]}" for r in rows if r[-1] != "yes"]
    pg = [r for r in rows if r[0] == "postgresql"]
    if not pg:
        print("target: PostgreSQL matrix under 1 s: not measured (no cluster)")
    else:
        verdict = "met" if not slow else f"NOT met ({', '.join(slow)})"
        print(f"target: matrix in the database under {MAX_MATRIX_SECONDS:g} s: {verdict}")


if __name__ == "__main__":
    main()
