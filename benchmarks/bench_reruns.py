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

The target (issue 13): a field change at most twice a warm run of the page without its
map. *Remounts* counts how often the map's component changed its identity within one
session (its key, a hash of the base map's script): a new key reloads the map's frame;
a field change must only swap the layers.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
import streamlit_folium
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
#: A field change against a warm run of the page without its map.
MAX_CHANGE_RATIO = 2.0


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


@contextmanager
def _component_keys(keys: list[str]) -> Iterator[None]:
    """Note the key of every map component drawn (``st_folium``'s hash of the base)."""
    original = streamlit_folium._component_func

    def noted(*args: object, **kwargs: object) -> object:
        keys.append(str(kwargs.get("key")))
        return original(*args, **kwargs)

    streamlit_folium._component_func = noted
    try:
        yield
    finally:
        streamlit_folium._component_func = original


def remounts(keys: list[str]) -> int:
    """How often the component's key changed from one run to the next."""
    return sum(a != b for a, b in itertools.pairwise(keys))


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
    changes = 0
    for i in range(REPEAT):
        _clear_caches()
        at = AppTest.from_file(APP, default_timeout=120)
        runs["cold (caches cleared)"].append(_timed(at.run))
        at = AppTest.from_file(APP, default_timeout=120)
        keys: list[str] = []
        with _component_keys(keys):
            runs["new session (caches warm)"].append(_timed(at.run))
            runs["warm rerun"].append(_timed(at.run))
            at.multiselect(key="view.fields").set_value([FIELDS[i % len(FIELDS)]])
            runs["field change"].append(_timed(at.run))
        changes += remounts(keys)
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
    out["remounts"] = float(changes)
    return out


def main() -> None:
    t = measure()
    changes = int(t.pop("remounts"))
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
    ratio = t["field change"] / bare
    met = "met" if ratio <= MAX_CHANGE_RATIO else "NOT met"
    print(
        f"field change: {ratio:.2f}x a warm run without the map "
        f"(target <= {MAX_CHANGE_RATIO:g}x: {met}); {t['field change'] / cold:.2f}x a cold run"
    )
    print(
        f"remounts of the map: {changes} over {REPEAT} sessions of a new session, a warm "
        f"rerun and a field change (target 0: {'met' if changes == 0 else 'NOT met'})"
    )
