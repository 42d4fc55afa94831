"""Agreement of the cohort table's classification columns with the one-drawing library.

1. Takes ``-n`` drawings (20,000): the drawings made to sit at the thresholds
   (``tests/cohort_helpers.near_threshold_docs``: squares marking an area of the WPI or CHOIR
   scheme by its threshold +- 0.001 and +- 0.05 cm², chart regions grazed by about the least
   area that touches them) and the rest from the seeded synthetic cohort
   (``examples/cohort/generate.py``; kept with ``--data PATH`` and reused if it exists).
2. Asks the library for every drawing (in ``--jobs`` processes): the chart regions it touches
   (:meth:`Drawing.marked_regions`, as :func:`bodymap.compare`), its CHOIR codes
   (:func:`bodymap.codes`) and its WPI and generalized pain (:func:`bodymap.widespread`).
3. Runs ``bodymap.cohort`` with each engine, without a scheme and with ``scheme="choir"``,
   and prints, per classification column, the share of drawings whose value is the
   library's (the target is 100.00 %), and the seconds of the run.

Run: ``python bench/bench_agreement.py [-n 20000] [--jobs 2] [--data PATH]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "cohort"))
sys.path.insert(0, str(ROOT / "tests"))

from cohort_helpers import library_answer, near_threshold_docs  # noqa: E402
from generate import synthetic_drawings  # noqa: E402

from bodymap.analysis.cohort import cohort  # noqa: E402


def library_answers(lines: list[str]) -> list[dict[str, Any]]:
    """The library's classification of each drawing (JSON text, one per line)."""
    return [library_answer(line) for line in lines]


def cohort_lines(n: int, data: Path | None, seed: int) -> list[str]:
    """``n`` drawings as JSON text: the near-threshold ones, then synthetic ones."""
    near = [json.dumps(d) for d in near_threshold_docs()]
    rest = max(n - len(near), 0)
    if data is not None and data.exists():
        with data.open(encoding="utf-8") as fh:
            synthetic = [line.rstrip("\n") for line in islice(fh, rest)]
    else:
        synthetic = [json.dumps(d, separators=(",", ":")) for d in synthetic_drawings(rest, seed)]
    return (near + synthetic)[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20_000, help="drawings (20,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2, help="processes (2)")
    parser.add_argument("--data", type=Path, help="a synthetic cohort (JSON Lines) to reuse")
    args = parser.parse_args()

    t0 = time.perf_counter()
    lines = cohort_lines(args.n, args.data, args.seed)
    near = sum(1 for line in lines if '"subject": "in-' in line or '"subject": "edge-' in line)
    grazing = sum(1 for line in lines if '"subject": "region-' in line)
    print(
        f"{len(lines):,} drawings ({near} at a scheme threshold, {grazing} grazing a region, "
        f"the rest synthetic) in {time.perf_counter() - t0:.0f} s"
    )
    t0 = time.perf_counter()
    size = max(1, len(lines) // (8 * args.jobs))
    parts = [lines[i : i + size] for i in range(0, len(lines), size)]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        library = [a for part in pool.map(library_answers, parts) for a in part]
    seconds = time.perf_counter() - t0
    print(f"library answers: {seconds:.0f} s ({1000 * seconds / len(lines):.1f} ms/drawing)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cohort.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for engine in ("raster", "exact"):
            for scheme in (None, "choir"):
                t0 = time.perf_counter()
                result = cohort(path, scheme=scheme, engine=engine, jobs=args.jobs)
                seconds = time.perf_counter() - t0
                rows = result.rows
                assert len(rows) == len(library), (len(rows), len(library))
                key = "regions" if scheme is None else "choir"
                shares = []
                for column, want in (("regions", key), ("wpi", "wpi"), ("generalized", None)):
                    same = sum(
                        row[column] == answer[want or column] for row, answer in zip(rows, library)
                    )
                    name = "choir codes" if column == "regions" and scheme else column
                    shares.append(f"{name} {100 * same / len(rows):.2f} %")
                print(
                    f"--engine {engine}{' --scheme choir' if scheme else ''}: "
                    f"{', '.join(shares)} of {len(rows):,} drawings agree with the library "
                    f"(target 100.00 %); {seconds:.1f} s"
                )


if __name__ == "__main__":
    main()
