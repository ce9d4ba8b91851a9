"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def median_time(fn: Callable[[], T], *, repeat: int = 5, warmup: int = 1) -> tuple[float, T]:
    """Median wall time of ``fn`` over ``repeat`` runs, and its last result."""
    result = fn()
    for _ in range(max(warmup - 1, 0)):
        result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table."""
    cells = [[str(c) for c in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [title, "-" * len(title)]
    for i, row in enumerate(cells):
        lines.append(
            "  ".join(
                c.rjust(w) if j else c.ljust(w)
                for j, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        # three significant digits, unless that rounds up to a thousand (1e+03)
        return f"{value:.3g}" if abs(value) < 999.5 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
