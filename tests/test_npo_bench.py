"""The NPO benchmark's synthetic national file, on a small size: the portal's layout,
read without a problem, the city's rows found (the benchmark itself: ``make bench``)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_npo import national_file, parse_only
from geo.city import YAMAGUCHI
from geo.registry.npo import read_npo
from geo.registry.validation import Reference


def test_the_synthetic_national_file_reads_cleanly(tmp_path: Path) -> None:
    path = national_file(tmp_path / "gyousei_000.zip", 400, city_rows=30, seed=3)
    assert parse_only(path) == 401
    ref = Reference.load(None, YAMAGUCHI)
    reading = read_npo(path, YAMAGUCHI, place=ref.gazetteer.place, catalog=ref.catalog)
    assert reading.problems == ()
    assert reading.total_rows == 400
    assert len(reading.records) + len(reading.dissolved) == 30
    assert reading.outside == 370
    assert all(r.record["fields"] and r.record["lon"] for r in reading.records)
    assert all("\n" in r.purpose for r in reading.records if r.purpose.count("。") > 3)
