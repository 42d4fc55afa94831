"""Benchmark of issue 14: every cohort statistic on a 100,000-drawing cohort.

1. Generates a seeded synthetic cohort of region drawings (each drawing marks whole chart
   regions, about 15 % of them at random; one group marks the left knee twice as often; an
   age between 18 and 90) as a table of region-code lists in the ``bodymap`` scheme (the
   chart's own regions), kept with ``--data PATH`` and reused if it exists.
2. Runs :func:`bodymap.cohort` on it once (a code table is counted from its codes: the same
   rows, region counts and frequency grids as the drawings of those whole regions).
3. Times, on the result: the region group tests (chi-square and Fisher, Holm), the logistic
   regression of every region on age, the co-occurrence (Jaccard and phi), the cell-wise test
   on the frequency grid (chi-square, FDR), the distributions, and each figure as SVG; and
   prints what the group test found (the planted region, and any other after correction).

4. The cell map of a cohort of drawings: ``--cell-drawings`` (2,000) synthetic drawings of
   ``examples/cohort/generate.py`` grouped by clinic, the cell-wise test by Fisher's exact
   test and by chi-square (FDR) and the cell map figure, as ``bodymap cohort --by clinic
   --cell-map cells.png --test fisher`` runs them; with ``--check N``, N of the cells are
   tested again one ``scipy.stats.fisher_exact`` call each, and must agree exactly.

Run: ``python bench/bench_stats.py [-n 100000] [--data PATH] [--cell-drawings 2000]
[--check 2000]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

import numpy as np

import bodymap
from bodymap.analysis.cohort.codes import table_column

ROOT = Path(__file__).resolve().parent.parent

PLANTED = "knee-front-left"


def generate(path: Path, n: int, seed: int = 14) -> None:
    chart = bodymap.load_chart()
    regions = [r.id for r in chart.regions]
    rng = random.Random(seed)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "sex", "age", "regions"])
        for i in range(n):
            sex = "female" if i % 2 else "male"
            marked = [
                rid
                for rid in regions
                if rng.random() < (0.30 if rid == PLANTED and sex == "female" else 0.15)
            ]
            writer.writerow([f"s{i}", sex, rng.randint(18, 90), ",".join(marked)])
    tmp.replace(path)


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    print(f"  {label:<44} {time.perf_counter() - t0:8.2f} s")
    return value


def _import_stats() -> None:
    import scipy.stats  # noqa: F401
    import statsmodels.stats.multitest  # noqa: F401


def cell_map(n: int, check: int) -> None:
    """Time the Fisher cell map of ``n`` synthetic drawings grouped by clinic."""
    import shutil
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "examples" / "cohort"))
    from generate import write_cohort

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        jsonl = write_cohort(Path(tmp), n, files=0)
        print(f"generated {n:,} synthetic drawings in {time.perf_counter() - t0:.0f} s")
        exe = shutil.which("bodymap") or "bodymap"
        for test in ("fisher", "chi2"):
            command = [exe, "cohort", str(jsonl), "--by", "clinic", "--cell-map",
                       str(Path(tmp) / "cells.png"), "--test", test, "-o",
                       str(Path(tmp) / "t.csv"), "-q"]  # fmt: skip
            t0 = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            print(f"bodymap cohort --cell-map --test {test}, {n:,} drawings, whole process: "
                  f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
        timed("import scipy.stats and statsmodels.stats", _import_stats)
        import scipy.stats

        t0 = time.perf_counter()
        result = bodymap.cohort(jsonl, by="clinic")
        print(f"cohort of {result.n:,} drawings by clinic: {time.perf_counter() - t0:.1f} s")
        print(f"cell map of {n:,} drawings (0.25 cm cells, FDR):")
        fisher = timed("cell-wise Fisher's exact test", result.cell_test, "fisher")
        timed("cell-wise chi-square", result.cell_test, "chi2")
        png = Path(tmp) / "cells.png"
        timed("figure: cell map, Fisher (PNG)", lambda: result.cell_map(fisher).save(png))
        tested = np.argwhere(fisher.tested)
        a = np.stack([result.groups[g].grids for g in fisher.groups])
        print(f"  cells tested: {len(tested):,}; significant: {int(fisher.significant.sum()):,}")
        if check:
            rng = np.random.default_rng(0)
            sample = tested[rng.choice(len(tested), min(check, len(tested)), replace=False)]
            n0, n1 = fisher.n
            same = 0
            t0 = time.perf_counter()
            for v, y, x in sample:
                c0, c1 = int(a[0, v, y, x]), int(a[1, v, y, x])
                res = scipy.stats.fisher_exact([[c0, n0 - c0], [c1, n1 - c1]])
                same += bool(res.pvalue == fisher.p[v, y, x])
            per_cell = (time.perf_counter() - t0) / len(sample)
            alone = per_cell * len(tested)
            print(f"  p equal to scipy.stats.fisher_exact, cell by cell: {same} of {len(sample)}; "
                  f"one scipy call per tested cell would take {alone:.0f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--cell-drawings", type=int, default=2000)
    parser.add_argument("--check", type=int, default=2000)
    args = parser.parse_args()
    if args.cell_drawings:
        cell_map(args.cell_drawings, args.check)
    if not args.n:
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "stats-cohort.csv"
        if not data.exists():
            t0 = time.perf_counter()
            generate(data, args.n)
            print(f"generated {args.n:,} drawings in {time.perf_counter() - t0:.0f} s")
        t0 = time.perf_counter()
        result = bodymap.cohort(
            data, scheme="bodymap", codes_column="regions", id_column="id", by="sex"
        )
        print(f"cohort of {result.n:,} drawings (a code table): "
              f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
        print("analyses on the chart's own regions (76) and on the 0.25 cm cell grid:")
        table = timed("group tests, chi-square, Holm", result.test_groups)
        timed("group tests, Fisher's exact, Holm", result.test_groups, "fisher")
        values = table_column(data, "age")
        reg = timed(
            "logistic regression on age, 76 regions", result.regress, "age", values, "source"
        )
        timed("co-occurrence, Jaccard", result.cooccurrence, "jaccard")
        timed("co-occurrence, phi", result.cooccurrence, "phi")
        cells = timed("cell-wise chi-square, FDR", result.cell_test)
        timed("distributions", result.distributions)
        timed("figure: region map of the test (SVG)", lambda: result.tests_map(table).to_svg())
        timed("figure: cell map (SVG)", lambda: result.cell_map(cells).to_svg())
        timed("figure: co-occurrence heat map (SVG)", lambda: result.cooccurrence_map().to_svg())
        timed("figure: histograms (SVG)", lambda: result.histograms().to_svg())
        found = [
            r["region"] for r in table if r["p_adjusted"] is not None and r["p_adjusted"] < 0.05
        ]
        knee = table.row(PLANTED)
        print(f"planted: {PLANTED} marked by 30 % of women, 15 % of men; significant after "
              f"Holm: {found}; diff {knee['diff']:.3f} [{knee['diff_low']:.3f}, "
              f"{knee['diff_high']:.3f}], OR {knee['odds_ratio']:.2f}")  # fmt: skip
        print(f"cells tested: {int(cells.tested.sum()):,}, significant (FDR 5 %): "
              f"{int(cells.significant.sum()):,}; regression estimable: "
              f"{sum(1 for r in reg if r['estimable'])} of {len(reg)}")  # fmt: skip


if __name__ == "__main__":
    main()
