"""Benchmark: a 100,000-row CHOIR table (code lists) through ``bodymap.cohort``.

Prints the wall time, the rows per second and the peak resident memory of the process, and
beside it the floor of just parsing the same table with the csv module (and the same rows as
JSON Lines with orjson, where installed); then the same for a table of Michigan Body Map
code lists.
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bodymap

ROWS = 100_000
MALE = [str(c) for c in (*range(101, 137), *range(201, 239))]


def make_table(path: Path, n: int, codes_of: list[str] = MALE) -> None:
    rng = random.Random(1)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "gender", "clinic", "bodymap_regions_csv"])
        for i in range(n):
            codes = rng.sample(codes_of, min(len(codes_of), rng.choice([0, 1, 2, 4, 6, 10, 20])))
            writer.writerow([f"p{i}", rng.choice("fm"), rng.choice("ab"), ",".join(codes)])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "maps.csv"
        make_table(path, ROWS)
        t0 = time.perf_counter()
        with open(path, newline="", encoding="utf-8") as fh:
            parsed = sum(1 for _ in csv.reader(fh)) - 1
        csv_floor = time.perf_counter() - t0
        try:
            import orjson

            jsonl = Path(tmp) / "maps.jsonl"
            with open(path, newline="", encoding="utf-8") as fh, open(jsonl, "wb") as out:
                for row in csv.DictReader(fh):
                    out.write(orjson.dumps(row) + b"\n")
            t0 = time.perf_counter()
            with open(jsonl, "rb") as fh:
                for line in fh:
                    orjson.loads(line)
            orjson_floor: float | None = time.perf_counter() - t0
        except ImportError:
            orjson_floor = None
        bodymap.load_scheme("choir")  # data loading is not part of the run
        t0 = time.perf_counter()
        result = bodymap.cohort(
            path,
            scheme="choir",
            codes_column="bodymap_regions_csv",
            id_column="id",
            sex_column="gender",
            by="clinic",
        )
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert result.n == ROWS == parsed
    print(
        f"CHOIR table, {ROWS:,} rows through cohort: {seconds:.2f} s "
        f"({ROWS / seconds:,.0f} rows/s), peak RSS {peak / 2**20:.0f} MiB"
    )
    print(
        f"  floor: csv parse {csv_floor:.2f} s"
        + ("" if orjson_floor is None else f", orjson parse of the same rows {orjson_floor:.2f} s")
    )
    michigan()


def michigan() -> None:
    """The same run on a table of Michigan Body Map code lists."""
    scheme = bodymap.load_scheme("michigan")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mbm.csv"
        make_table(path, ROWS, list(scheme.codes))
        t0 = time.perf_counter()
        result = bodymap.cohort(
            path, scheme="michigan", codes_column="bodymap_regions_csv", id_column="id"
        )
        seconds = time.perf_counter() - t0
    assert result.n == ROWS
    print(
        f"Michigan Body Map table, {ROWS:,} rows through cohort: {seconds:.2f} s "
        f"({ROWS / seconds:,.0f} rows/s)"
    )


if __name__ == "__main__":
    main()
