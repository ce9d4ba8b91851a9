"""Kiosk soak: many idle resets in a row, and the server's memory before and after.

``python -m benchmarks soak [--cycles N]`` starts the app as ``make kiosk`` does
(``KYODO_KIOSK=1``, disconnected sessions dropped after 15 s) and, in one headless
Chromium tab with every non-loopback request aborted, performs ``N`` idle resets (500
by default): each navigates the tab to the kiosk's address again, which starts a fresh
kiosk session, and waits for the attract screen: 画面にタッチしてください and the city map
with its areas in the map's frame; every tenth reset also taps a need tile and waits for
its results (the visitor's path: a list and a second map). It prints the server's
resident memory (``/proc/<pid>/status``, with its children) before the first session,
along the way, after the last reset, and once the disconnected sessions have expired,
and says whether memory stayed flat: from the 100th reset (caches and libraries warm) to
the last, growth of at most :data:`FLAT_MIB` (exit code 1 otherwise).

Not a timed test and not part of ``make test``: it takes minutes.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from benchmarks.browser import (
    Blocked,
    Unavailable,
    chromium,
    environment,
    offline_context,
    server_rss_mib,
)
from benchmarks.common import table

if TYPE_CHECKING:
    from playwright.sync_api import Page
from tests.browser.conftest import start_app, stop_app

TOUCH = "画面にタッチしてください"
#: As ``make kiosk`` runs the app.
KIOSK_ENV = {
    "KYODO_KIOSK": "1",
    "STREAMLIT_CLIENT_TOOLBAR_MODE": "minimal",
    "STREAMLIT_CLIENT_SHOW_SIDEBAR_NAVIGATION": "false",
    "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "15",
}
SESSION_TTL_S = 15
CHECKPOINTS = (1, 20, 100)
#: The reset from which memory must stay flat (the caches are warm by then).
WARM = 100
#: Growth from the warm reset to the last that still counts as flat, in MiB.
FLAT_MIB = 8.0
#: Every this many resets, a need tile is tapped too.
TAP_EVERY = 10
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"


def reset(page: Page, url: str, *, tap: bool) -> None:
    """One idle reset: a fresh kiosk session on the attract screen, its map drawn; with
    ``tap``, a need tile tapped and its results drawn."""
    page.goto(url)
    page.get_by_text(TOUCH).wait_for(timeout=60_000)
    page.frame_locator(MAP_FRAME).first.locator("path.kyodo-area").first.wait_for(timeout=60_000)
    if tap:
        page.locator(".st-key-kiosk-tiles button").first.tap()
        page.locator(".st-key-kiosk-list button").first.wait_for(timeout=60_000)


def flat(marks: list[tuple[str, int, float, float]]) -> tuple[int, float, bool]:
    """The reset growth is measured from (the warm one, else the first), the growth (MiB)
    from it to the last, and whether that is flat."""
    resets = [m for m in marks if m[0] == "after a reset"]
    warm = next((m for m in resets if m[1] >= WARM), resets[0])
    growth = resets[-1][2] - warm[2]
    return warm[1], growth, growth <= FLAT_MIB


def soak(cycles: int) -> list[tuple[str, int, float, float]]:
    """``(when, resets, MiB, seconds since start)`` along the soak."""
    server = start_app(environment(KIOSK_ENV), name="soak")
    marks: list[tuple[str, int, float, float]] = []
    start = time.monotonic()

    def mark(when: str, done: int) -> None:
        marks.append((when, done, server_rss_mib(server), time.monotonic() - start))

    try:
        mark("started, no session", 0)
        with chromium() as browser:
            context = offline_context(
                browser, Blocked(), viewport={"width": 1920, "height": 1080}, has_touch=True
            )
            page = context.new_page()
            for done in range(1, cycles + 1):
                reset(page, server.url, tap=done % TAP_EVERY == 0)
                if done in CHECKPOINTS or done % 100 == 0 or done == cycles:
                    page.wait_for_timeout(500)
                    mark("after a reset", done)
                    print(f"  {done} resets: {marks[-1][2]:.0f} MiB", flush=True)
            page.goto("about:blank")
            page.wait_for_timeout((SESSION_TTL_S + 10) * 1000)
            mark(f"{SESSION_TTL_S + 10} s after the last session closed", cycles)
            context.close()
    finally:
        stop_app(server)
    return marks


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks soak", description=__doc__)
    parser.add_argument("--cycles", type=int, default=500, help="idle resets (default 500)")
    args = parser.parse_args(argv)
    if args.cycles < 1:
        parser.error("--cycles must be at least 1")
    print(f"Kiosk soak: {args.cycles} idle resets")
    try:
        marks = soak(args.cycles)
    except Unavailable as exc:
        print(f"Kiosk soak: skipped ({exc})")
        return 0
    first = next((m[2] for m in marks if m[1] == 1), marks[0][2])
    rows = [[when, done, mib, mib / first, seconds] for when, done, mib, seconds in marks]
    print(
        table(
            "Kiosk server memory (RSS of the server and its children)",
            ["when", "resets", "MiB", "x after 1 reset", "elapsed s"],
            rows,
        )
    )
    last = marks[-2][2]
    print(
        f"growth from the first reset to the last ({args.cycles}): {last - first:+.1f} MiB"
        f" ({(last - first) / max(args.cycles - 1, 1) * 1024:+.1f} KiB per reset); the first"
        f" session itself adds {first - marks[0][2]:.0f} MiB (the city's data and libraries)"
    )
    since, growth, is_flat = flat(marks)
    print(
        f"from reset {since} to the last: {growth:+.1f} MiB;"
        f" {'flat' if is_flat else 'NOT flat'} (at most {FLAT_MIB:+.0f} MiB)"
    )
    return 0 if is_flat else 1
