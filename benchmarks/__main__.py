"""``python -m benchmarks [name ...]``: run the benchmarks (the timed ones by default).

``soak`` (the kiosk soak, minutes long) runs only when named; ``--cycles N`` shortens it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from benchmarks import (
    bench_app,
    bench_browser,
    bench_coverage,
    bench_map,
    bench_national,
    bench_npo,
    bench_reruns,
    bench_sheet,
    soak,
)

BENCHES: dict[str, Callable[[], None]] = {
    "map": bench_map.main,
    "browser": bench_browser.main,
    "reruns": bench_reruns.main,
    "coverage": bench_coverage.main,
    "sheet": bench_sheet.main,
    "app": bench_app.main,
    "national": bench_national.main,
    "npo": bench_npo.main,
}
#: Run only when named.
EXTRA: dict[str, Callable[[list[str]], int]] = {"soak": soak.main}


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")]
    if names and names[0] in EXTRA:
        return EXTRA[names[0]](argv[argv.index(names[0]) + 1 :])
    names = names or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        choices = [*BENCHES, *EXTRA]
        print(f"unknown benchmarks: {unknown}; choose from {choices}", file=sys.stderr)
        return 2
    for name in names:
        BENCHES[name]()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
