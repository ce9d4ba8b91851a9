"""Script reruns of the map explorer: cold, warm, after a filter change, and without a map.

Runs the real page in-process with Streamlit's AppTest. "Without a map" replaces the
map call by nothing, so the ratio shows what the map costs on a warm rerun.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

import ui.mapview
from benchmarks.common import table

APP = str(Path(__file__).resolve().parent.parent / "app.py")
REPEAT = 5


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@contextmanager
def _without_map() -> Iterator[None]:
    original = ui.mapview.show_map
    ui.mapview.show_map = lambda *args, **kwargs: None
    try:
        yield
    finally:
        ui.mapview.show_map = original


def measure() -> dict[str, float]:
    """Median seconds of each kind of run."""
    cold: list[float] = []
    warm: list[float] = []
    change: list[float] = []
    for _ in range(REPEAT):
        at = AppTest.from_file(APP, default_timeout=120)
        cold.append(_timed(at.run))
        warm.append(_timed(at.run))
        at.multiselect(key="view.fields").set_value(["bousai"])
        change.append(_timed(at.run))
    no_map: list[float] = []
    with _without_map():
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        for _ in range(REPEAT):
            no_map.append(_timed(at.run))
    return {
        "cold": statistics.median(cold),
        "warm": statistics.median(warm),
        "filter change": statistics.median(change),
        "warm, no map": statistics.median(no_map),
    }


def main() -> None:
    t = measure()
    rows = [
        [name, seconds, seconds / t["cold"], seconds / t["warm, no map"]]
        for name, seconds in t.items()
    ]
    print(
        table(
            "Explorer script runs (AppTest, median of 5)",
            ["run", "seconds", "x cold", "x warm without map"],
            rows,
        )
    )
