"""Analyse the synthetic cohort written by ``generate.py``: table, maps and region counts.

Run::

    python examples/cohort/generate.py -n 2000          # writes examples/cohort/out/
    python examples/cohort/run.py                       # analyses it

The same as ``bodymap cohort out/cohort.jsonl out/drawings --map ... --by clinic``, through
the Python API: it writes ``results.csv``, ``regions.csv``, ``frequency.png``/``.svg`` (all
drawings), ``frequency_by_clinic.png`` (clinic A and B side by side, and their difference),
``regions.png`` and a Dutch ``frequency_nl.png`` into ``out/``, and prints a short summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

import bodymap

HERE = Path(__file__).parent
OUT = HERE / "out"


def main() -> None:
    inputs = [OUT / "cohort.jsonl"]
    if not inputs[0].exists():
        sys.exit(f"{inputs[0]} is missing; run examples/cohort/generate.py first")
    result = bodymap.cohort(inputs, patterns=["iliopsoas", "gluteus-medius"], jobs=2)
    print(f"{result.n:,} drawings in {result.seconds:.1f} s, {len(result.problems)} broken")
    result.write_table(OUT / "results.csv")
    result.write_regions(OUT / "regions.csv")
    result.frequency_map().save(OUT / "frequency.png", dpi=150)
    result.frequency_map().save(OUT / "frequency.svg")
    result.frequency_map(lang="nl").save(OUT / "frequency_nl.png", dpi=150)
    result.region_map().save(OUT / "regions.png", dpi=150)

    grouped = bodymap.cohort(inputs, by="clinic", groups=OUT / "groups.csv", jobs=2)
    grouped.frequency_map().save(OUT / "frequency_by_clinic.png", dpi=110)

    best = max(result.rows, key=lambda r: r["iliopsoas_left_dice"] or 0.0)
    print(f"best left iliopsoas match: {best['source']} (Dice {best['iliopsoas_left_dice']})")
    top = sorted(result.region_table(), key=lambda r: -r["count"])[:5]
    print("most marked regions:", ", ".join(f"{r['region']} {r['percent']} %" for r in top))
    for name, counts in grouped.groups.items():
        print(f"clinic {name}: {counts.n:,} drawings")


if __name__ == "__main__":
    main()
