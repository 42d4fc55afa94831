"""
A CHOIR data set
================

Registries such as CHOIR store a body map as a list of segment codes per patient, one row
a patient.  :func:`bodymap.cohort` reads such a table directly (``scheme="choir"``,
``codes_column=``): each code list is counted from the codes alone, and the region map
shows the share of patients marking each segment.
"""

import csv
import tempfile
from pathlib import Path

import numpy as np

import bodymap

scheme = bodymap.load_scheme("choir")
codes = [area.code for area in scheme.areas]
rng = np.random.default_rng(3)
table = Path(tempfile.mkdtemp()) / "maps.csv"
with table.open("w", newline="", encoding="utf-8") as fh:
    out = csv.writer(fh)
    out.writerow(["id", "gender", "bodymap_regions_csv"])
    for i in range(120):
        # low-back and buttock segments more often than the rest
        weights = np.array([4.0 if c in {"207", "208", "214", "215"} else 1.0 for c in codes])
        chosen = rng.choice(
            codes, size=rng.integers(1, 8), replace=False, p=weights / weights.sum()
        )
        out.writerow([f"p{i}", rng.choice(["male", "female"]), ",".join(sorted(chosen))])

cohort = bodymap.cohort(
    table, scheme="choir", codes_column="bodymap_regions_csv", id_column="id", sex_column="gender"
)
print(f"{cohort.n} patients")
regions = cohort.region_map()
