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

Run: ``python bench/bench_stats.py [-n 100000] [--data PATH]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

import bodymap
from bodymap.analysis.cohort.codes import table_column

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
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
