"""``python -m benchmarks [name ...]``: run the benchmarks (all by default)."""

from __future__ import annotations

import sys

from benchmarks import bench_map, bench_reruns

BENCHES = {"map": bench_map.main, "reruns": bench_reruns.main}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmarks: {unknown}; choose from {list(BENCHES)}", file=sys.stderr)
        return 2
    for name in names:
        BENCHES[name]()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
