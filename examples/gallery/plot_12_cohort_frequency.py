"""
A cohort's frequency map
========================

:func:`bodymap.cohort` reads many drawings (files, folders, JSON Lines) and returns one
:class:`bodymap.CohortResult`: a row per drawing and the share of drawings marking each
0.25 cm cell of the chart.  The frequency map draws that share on both views.  The cohort
here is 200 synthetic drawings from ``examples/cohort/generate.py`` in bodymap's repository.
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
lines.write_text("".join(json.dumps(d) + "\n" for d in synthetic_drawings(200)), "utf-8")

cohort = bodymap.cohort(lines, patterns=["iliopsoas"])
print(f"{cohort.n} drawings; first row: {sorted(cohort.rows[0])[:6]} ...")

frequency = cohort.frequency_map()
