"""
Cohort statistics: where two groups differ
==========================================

With groups (``by=``), a cohort tests, region by region, whether the share of drawings
marking it differs between the groups (chi-square or Fisher, Holm-corrected), and tests
every grid cell with a false-discovery-rate control.  The tests map colours each region by
the difference and outlines the significant ones; the cell map shows the cells.  Needs
``pip install 'bodymap[stats]'``.  The synthetic drawings carry a ``clinic`` member, and
clinic A sees more iliopsoas pain.
"""

import json
import sys
import tempfile
from pathlib import Path

import bodymap

sys.path.insert(0, "../cohort")
from generate import synthetic_drawings

folder = Path(tempfile.mkdtemp())
lines = folder / "cohort.jsonl"
lines.write_text("".join(json.dumps(d) + "\n" for d in synthetic_drawings(800)), "utf-8")

cohort = bodymap.cohort(lines, by="clinic")
tests = cohort.test_groups()
significant = [
    row for row in tests.rows if row["p_adjusted"] is not None and row["p_adjusted"] < 0.05
]
print(f"{len(significant)} of {len(tests.rows)} regions differ between the clinics")

tests_map = cohort.tests_map()
cells = cohort.cell_map()
