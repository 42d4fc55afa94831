"""Cohorts of code lists (CHOIR tables) and cohorts counted in a region scheme."""

from __future__ import annotations

import csv
import json
import random

import numpy as np
import pytest
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.schemes import widespread
from bodymap.cli import app

runner = CliRunner()
MALE = [str(c) for c in (*range(101, 137), *range(201, 239))]
REDCAP = {str(100 + i): f"f{i:02d}" for i in range(1, 37)} | {
    str(200 + i): f"b{i:02d}" for i in range(1, 39)
}
FEMALE_OF_MALE = {"116": "112", "117": "113", "112": "114", "113": "115", "114": "116",
                  "115": "117"}  # fmt: skip


def _table(path, n, seed=7):
    """A synthetic CHOIR table; returns the male-numbered code sets per row and the sexes."""
    rng = random.Random(seed)
    truth, sexes = [], []
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "gender", "clinic", "bodymap_regions_csv"])
        for i in range(n):
            codes = rng.sample(MALE, rng.choice([0, 1, 2, 3, 5, 8, 13, 30]))
            sex = rng.choice(["female", "male", "F", "m"])
            female = sex.lower().startswith("f")
            written = [FEMALE_OF_MALE.get(c, c) if female else c for c in codes]
            written = [REDCAP[c] if rng.random() < 0.3 else c for c in written]
            writer.writerow([f"p{i}", sex, rng.choice(["north", "south"]), ",".join(written)])
            truth.append(set(codes))
            sexes.append(female)
    return truth


def test_table_counts_equal_direct_counting(tmp_path):
    path = tmp_path / "maps.csv"
    truth = _table(path, 3000)
    result = bodymap.cohort(
        path, scheme="choir", codes_column="bodymap_regions_csv", id_column="id",
        sex_column="gender", by="clinic",
    )  # fmt: skip
    assert result.n == 3000 and not result.problems
    table = {r["region"]: r["count"] for r in result.region_table()}
    assert list(table) == MALE
    for code in MALE:
        assert table[code] == sum(code in s for s in truth), code
    for row, codes in zip(result.rows, truth):
        assert row["regions"] == ";".join(c for c in MALE if c in codes)
    groups = {g: c.n for g, c in result.groups.items()}
    assert sum(groups.values()) == 3000 and set(groups) == {"north", "south"}
    # No pain: an empty list is a row with nothing marked.
    empty = [r for r, s in zip(result.rows, truth) if not s]
    assert empty and all(r["extent_cm2"] == 0 and r["wpi"] == 0 for r in empty)


def test_table_rows_equal_the_geometry_of_their_drawings(tmp_path):
    path = tmp_path / "maps.csv"
    truth = _table(path, 40, seed=3)
    lines = tmp_path / "maps.jsonl"
    with open(lines, "w", encoding="utf-8") as fh:
        for codes in truth:
            fh.write(bodymap.from_codes(sorted(codes)).to_json().replace("\n", "") + "\n")
    by_codes = bodymap.cohort(path, scheme="choir", codes_column="bodymap_regions_csv",
                              sex_column="gender")  # fmt: skip
    by_geometry = bodymap.cohort(lines, scheme="choir", engine="exact")
    assert np.array_equal(by_codes.total.regions, by_geometry.total.regions)
    # The grids agree but for cells whose centre lies on a border between two segments.
    differ = np.abs(by_codes.total.grids - by_geometry.total.grids).sum()
    assert differ <= 0.002 * by_geometry.total.grids.sum()
    for a, b, codes in zip(by_codes.rows, by_geometry.rows, truth):
        assert a["regions"] == b["regions"]
        assert a["extent_cm2"] == pytest.approx(b["extent_cm2"], abs=0.02)
        assert a["iliopsoas_left_dice"] == pytest.approx(b["iliopsoas_left_dice"], abs=1e-3)
        spread = widespread(bodymap.from_codes(sorted(codes)))
        assert (a["wpi"], a["generalized"]) == (spread.wpi, spread.generalized)
        assert (b["wpi"], b["generalized"]) == (spread.wpi, spread.generalized)


def test_bad_rows_are_reported_and_skipped(tmp_path):
    path = tmp_path / "maps.tsv"
    path.write_text("id\tsex\tcodes\na\tf\t101,102\nb\tm\t101,999\nc\tx\t101\nd\t\t\n")
    result = bodymap.cohort(path, codes_column="codes", id_column="id", sex_column="sex")
    assert [r["subject"] for r in result.rows] == ["a", "d"]
    assert [p.message for p in result.problems] == [
        f"{path}:3: unknown choir code '999'; 'bodymap schemes choir' lists the codes",
        f"{path}:4: unknown sex 'x'; choose from: female, male, f, m",
    ]


def test_cohort_command_line(tmp_path):
    path = tmp_path / "maps.csv"
    _table(path, 50)
    out, regions = tmp_path / "out.csv", tmp_path / "regions.csv"
    result = runner.invoke(app, [
        "cohort", str(path), "--scheme", "choir", "--codes-column", "bodymap_regions_csv",
        "--id-column", "id", "--sex-column", "gender", "--by", "clinic", "-o", str(out),
        "--regions-out", str(regions), "-q",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    header = out.read_text().splitlines()[0].split(",")
    assert header[-4:] == [
        "wpi", "generalized", "acr1990_widespread", "manchester_widespread",
    ] and "group" in header  # fmt: skip
    rows = list(csv.DictReader(regions.open()))
    assert list(rows[0])[:6] == ["region", "view", "side", "name", "count", "percent"]
    assert rows[0]["region"] == "101"
    result = runner.invoke(app, ["cohort", str(path), "--codes-column", "nope", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: no column 'nope' in the table; columns: id")


def test_drawing_cohort_gains_wpi_columns(tmp_path):
    lines = tmp_path / "d.jsonl"
    drawings = ["shoulder-girdle-left,lower-arm-right,hip-left,neck", "jaw-left,chest"]
    lines.write_text(
        "".join(bodymap.from_codes(c, "wpi").to_json().replace("\n", "") + "\n" for c in drawings)
    )
    result = bodymap.cohort(lines, scheme="wpi")
    assert [(r["wpi"], r["generalized"]) for r in result.rows] == [(4, True), (2, False)]
    assert result.rows[1]["regions"] == "jaw-left;chest"
    plain = bodymap.cohort(lines)
    assert plain.columns[-4:] == (
        "wpi", "generalized", "acr1990_widespread", "manchester_widespread",
    )  # fmt: skip
    assert json.loads(json.dumps(plain.rows[0]["wpi"])) == 4
