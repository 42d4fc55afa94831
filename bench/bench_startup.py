"""Benchmark: how fast the command line starts, against the libraries it cannot do without.

Each figure is the median of 7 whole processes (after one warm-up run), as wall time and as
the CPU time (user + system) of the process: on a shared machine the wall time swings with the
other load, the CPU time much less.  Two ratios are printed, with the targets they should
stay under as the atlas grows:

* ``bodymap --help`` over ``python -c "import typer"`` (target 1.5): the help needs typer and
  nothing else heavy;
* ``bodymap compare DRAWING --json`` over ``python -c "import shapely, numpy, orjson"``
  (target 2.0): a comparison needs the geometry and JSON libraries, one pattern and the chart.

A third line shows the floor of the second: typer with its run-time coercion of option values
(typer 0.29 builds it with pydantic, in ``typer._adapters``; older typer has no such module and
the floor imports typer alone) and the geometry libraries, with no bodymap at all.
bodymap's modules are byte-compiled first, as an installed wheel is (this environment may set
``PYTHONDONTWRITEBYTECODE``, which would otherwise compile them on every run).

    .venv/bin/python bench/bench_startup.py
    .venv/bin/python bench/bench_startup.py --repeats 11
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAWING = ROOT / "examples" / "drawings" / "iliopsoas-left.json"
BODYMAP = [sys.executable, "-m", "bodymap"]
#: What typer imports to coerce option values at run time (see the module docstring).
TYPER = "typer._adapters" if importlib.util.find_spec("typer._adapters") else "typer"

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
    (
        f"python -c 'import {TYPER}, shapely, numpy, orjson' (the floor)",
        [sys.executable, "-c", f"import {TYPER}, shapely, numpy, orjson"],
        "import shapely, numpy, orjson",
        ["-c", "import shapely, numpy, orjson"],
        2.0,
    ),
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_seconds(command: list[str], repeats: int, cwd: str) -> tuple[float, float]:
    """Median wall and CPU seconds of ``repeats`` runs of ``command`` (after a warm-up)."""
    wall, cpu = [], []
    for i in range(repeats + 1):
        start, start_cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        if i:
            wall.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs per command (median)")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "bodymap", quiet=1)
    print(f"typer {version('typer')}")
    failed = False
    with tempfile.TemporaryDirectory() as cwd:
        for name, command, base_name, base, target in CASES:
            ours = median_seconds(command, args.repeats, cwd)
            theirs = median_seconds([sys.executable, *base], args.repeats, cwd)
            ratios = [a / b for a, b in zip(ours, theirs)]
            ok = max(ratios) <= target
            failed = failed or not ok
            print(f"{name}  vs  python -c {base_name!r}  (target <= {target})")
            for what, a, b, ratio in zip(("wall", "cpu"), ours, theirs, ratios):
                print(f"  {what:4} {a * 1000:6.0f} ms vs {b * 1000:6.0f} ms   ratio {ratio:4.2f}")
    if failed:
        print("start-up over target: profile with  python -X importtime -m bodymap ...")


if __name__ == "__main__":
    main()
