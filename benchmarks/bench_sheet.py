"""The printable area sheet (PDF): time per area, by step.

Every one of the 21 areas is made once per round; the figures are medians over areas
and rounds. The baseline is the least a Japanese PDF costs here: one A4 page with one
line in the sheet's font (fpdf2 embeds a subset of it).
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
import time
from collections.abc import Callable

from fpdf import FPDF

from benchmarks import datasets
from benchmarks.common import table
from geo.profile import area_profile
from geo.sheet import COL_W, MAP_H, area_sheet_pdf, font_path, map_png

ROUNDS = 2
TODAY = dt.date(2026, 4, 1)


def blank_page() -> bytes:
    """One A4 page with one line of Japanese in the sheet's font."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font("ipaexg", fname=str(font_path()))
    pdf.add_page()
    pdf.set_font("ipaexg", size=12)
    pdf.cell(0, 10, "協働まちづくりシート")
    return bytes(pdf.output())


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    data = datasets.city_data()
    ids = [str(a) for a in data.areas["area_id"]]
    blank_page()  # load the font once
    steps: dict[str, list[float]] = {
        "baseline: one-line A4 page": [],
        "area profile": [],
        "map image": [],
        "whole sheet (PDF, two pages)": [],
    }
    sizes: list[int] = []
    for _ in range(ROUNDS):
        for area_id in ids:
            steps["baseline: one-line A4 page"].append(timed(blank_page))
            steps["area profile"].append(timed(functools.partial(area_profile, data, area_id)))
            profile = area_profile(data, area_id)
            draw_map = functools.partial(map_png, profile, data, width_mm=COL_W, height_mm=MAP_H)
            steps["map image"].append(timed(draw_map))
            start = time.perf_counter()
            pdf = area_sheet_pdf(area_profile(data, area_id), data, today=TODAY)
            steps["whole sheet (PDF, two pages)"].append(time.perf_counter() - start)
            sizes.append(len(pdf))
    base = statistics.median(steps["baseline: one-line A4 page"])
    rows = [
        [name, statistics.median(times) * 1000, statistics.median(times) / base]
        for name, times in steps.items()
    ]
    print(
        table(
            f"Area sheet PDF, per area ({len(ids)} areas x {ROUNDS} rounds, medians)",
            ["step", "ms per area", "x baseline"],
            rows,
        )
    )
    whole = statistics.median(steps["whole sheet (PDF, two pages)"])
    print(
        f"all {len(ids)} sheets: {whole * len(ids):.1f} s; "
        f"PDF size median {statistics.median(sizes) / 1024:.0f} KiB"
    )
