"""Benchmark: how fast the command line starts, against the libraries it cannot do without.

Each figure is the median wall time of 7 whole processes (after one warm-up run).  Two ratios
are printed, with the targets they should stay under as the atlas grows:

* ``bodymap --help`` over ``python -c "import typer"`` (target 1.5): the help needs typer and
  nothing else heavy;
* ``bodymap compare DRAWING --json`` over ``python -c "import shapely, numpy, orjson"``
  (target 2.0): a comparison needs the geometry and JSON libraries, one pattern and the chart.

    .venv/bin/python bench/bench_startup.py
    .venv/bin/python bench/bench_startup.py --repeats 11
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAWING = ROOT / "examples" / "drawings" / "iliopsoas-left.json"
BODYMAP = [sys.executable, "-m", "bodymap"]

#: (name, command, baseline name, baseline command, target ratio)
CASES = [
    ("bodymap --help", [*BODYMAP, "--help"], "import typer", ["-c", "import typer"], 1.5),
    (
        "bodymap compare DRAWING --json",
        [*BODYMAP, "compare", str(DRAWING), "--json"],
        "import shapely, numpy, orjson",
        ["-c", "import shapely, numpy, orjson"],
        2.0,
    ),
]


def median_seconds(command: list[str], repeats: int, cwd: str) -> float:
    """Median wall time of ``repeats`` runs of ``command`` (one warm-up run first)."""
    times = []
    for i in range(repeats + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs per command (median)")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as cwd:
        for name, command, base_name, base, target in CASES:
            ours = median_seconds(command, args.repeats, cwd)
            theirs = median_seconds([sys.executable, *base], args.repeats, cwd)
            ratio = ours / theirs
            ok = ratio <= target
            failed = failed or not ok
            print(
                f"{name:32} {ours * 1000:7.0f} ms   python -c {base_name!r:32} "
                f"{theirs * 1000:6.0f} ms   ratio {ratio:4.2f} (target <= {target}) "
                f"{'ok' if ok else 'OVER'}"
            )
    if failed:
        print("start-up over target: profile with  python -X importtime -m bodymap ...")


if __name__ == "__main__":
    main()
