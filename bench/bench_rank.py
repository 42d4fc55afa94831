"""Benchmark: one drawing ranked against the whole built-in library, in-process.

Prints the number of patterns and pattern sides, the cold time (first call: every pattern
loaded and its reference geometry built) and the warm time per drawing (median of repeated
calls, each with a freshly loaded drawing) for every example drawing.  Target (issue 15):
under 50 ms per drawing warm (exact shapely, every pattern side in one vectorised pass).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import bodymap

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"
REPEATS = 7


def main() -> None:
    names = bodymap.pattern_names()
    sides = sum(len(bodymap.load_pattern(n).sides) for n in names)
    files = sorted(EXAMPLES.glob("*.json"))
    t0 = time.perf_counter()
    bodymap.rank(bodymap.load_drawing(files[0]))
    cold = time.perf_counter() - t0
    print(f"library: {len(names)} patterns, {sides} pattern sides; cold first rank {cold:.3f} s")
    worst = 0.0
    for path in files:
        times = []
        for _ in range(REPEATS):
            t = time.perf_counter()
            bodymap.rank(bodymap.load_drawing(path))
            times.append(time.perf_counter() - t)
        median = statistics.median(times)
        worst = max(worst, median)
        print(f"  {path.name:32s} {1000 * median:7.1f} ms per rank (median of {REPEATS})")
    verdict = "met" if worst < 0.05 else "NOT met"
    print(f"worst drawing: {1000 * worst:.1f} ms; target < 50 ms: {verdict}")


if __name__ == "__main__":
    main()
