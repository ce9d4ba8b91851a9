"""Script runs of the map explorer: cold, warm, after a filter change, and without a map.

Runs the real page in-process with Streamlit's AppTest:

- *cold*: Streamlit's caches (and the map's own memo of encoded outlines) cleared, a
  new session: what the first visitor after a restart waits for;
- *new session*: a new session while the caches are warm (another visitor);
- *warm rerun*: the same session again, nothing changed;
- *field change*: the same session after choosing a field never chosen before in this
  process (so its filter and coverage are computed, not read from the cache);
- *warm, no map* and *field change, no map*: the same with the map call replaced by
  nothing, so the ratios show what the map costs on a rerun.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.map.encode
import ui.mapview
from benchmarks.common import table

APP = str(Path(__file__).resolve().parent.parent / "app.py")
REPEAT = 5
#: One new field per repeat (never chosen before in the run).
FIELDS = (
    "bousai",
    "mimamori",
    "kosodate",
    "npo01",
    "npo02",
    "npo03",
    "npo04",
    "npo05",
    "npo06",
    "npo07",
)
MAX_CHANGE_RATIO = 0.2


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


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    geo.map.encode.encoded_outline.cache_clear()


def measure() -> dict[str, float]:
    """Median seconds of each kind of run."""
    runs: dict[str, list[float]] = {
        "cold (caches cleared)": [],
        "new session (caches warm)": [],
        "warm rerun": [],
        "field change": [],
    }
    for i in range(REPEAT):
        _clear_caches()
        at = AppTest.from_file(APP, default_timeout=120)
        runs["cold (caches cleared)"].append(_timed(at.run))
        at = AppTest.from_file(APP, default_timeout=120)
        runs["new session (caches warm)"].append(_timed(at.run))
        runs["warm rerun"].append(_timed(at.run))
        at.multiselect(key="view.fields").set_value([FIELDS[i % len(FIELDS)]])
        runs["field change"].append(_timed(at.run))
    no_map: list[float] = []
    change_no_map: list[float] = []
    with _without_map():
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        for i in range(REPEAT):
            no_map.append(_timed(at.run))
            at.multiselect(key="view.fields").set_value([FIELDS[(i + REPEAT) % len(FIELDS)]])
            change_no_map.append(_timed(at.run))
    out = {name: statistics.median(times) for name, times in runs.items()}
    out["warm, no map"] = statistics.median(no_map)
    out["field change, no map"] = statistics.median(change_no_map)
    return out


def main() -> None:
    t = measure()
    cold, fresh, bare = (
        t["cold (caches cleared)"],
        t["new session (caches warm)"],
        t["warm, no map"],
    )
    rows = [
        [name, seconds, seconds / cold, seconds / fresh, seconds / bare]
        for name, seconds in t.items()
    ]
    print(
        table(
            f"Explorer script runs (AppTest, median of {REPEAT})",
            ["run", "seconds", "x cold", "x new session", "x warm without map"],
            rows,
        )
    )
    ratio = t["field change"] / cold
    met = "met" if ratio <= MAX_CHANGE_RATIO else "NOT met"
    print(f"field change: {ratio:.2f}x a cold run (target <= {MAX_CHANGE_RATIO:g}x: {met}); ")
    print(f"  {t['field change'] / fresh:.2f}x a new session with warm caches")
