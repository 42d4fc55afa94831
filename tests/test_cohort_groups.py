"""Cohorts of many groups: memory held per group, figures that refuse too many groups, and
group statistics that fail before any output or say which drawings they left out.

The cohorts are the example generator's synthetic drawings (:mod:`cohort_helpers`) and small
region-marking drawings, whose group of every drawing is known.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from cohort_helpers import _generator, region_doc, synthetic_docs, write_jsonl
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.cohort import cohort as analyse
from bodymap.analysis.cohort.result import AreaGrids, RunLengths
from bodymap.analysis.cohort.stats import NO_VARIANCE
from bodymap.cli import app
from bodymap.core.errors import BodymapError
from bodymap.scene.cohort_maps import MAX_GROUP_PANELS

runner = CliRunner()
REGIONS = ["chest-left", "knee-front-left", "neck-back-left", "lower-back-left"]


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, the current one: a failed command must leave it empty."""
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def region_cohort(path: Path, count: int, **meta: str) -> Path:
    """``count`` drawings ``s0``, ``s1``, ... each marking one region, with ``meta``."""
    docs = [region_doc(f"s{i}", [REGIONS[i % 4]], **meta) for i in range(count)]
    return write_jsonl(path, docs)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("groups") / "c.jsonl", synthetic_docs(60, 5))


def test_run_lengths_add_and_decode_like_dense_arrays() -> None:
    rng = np.random.default_rng(3)
    shape = (2, 30, 40)
    a = (rng.random(shape) < 0.1) * rng.integers(1, 5, shape)
    b = (rng.random(shape) < 0.3) * rng.integers(1, 9, shape)
    runs = RunLengths.encode(a) + RunLengths.encode(b)
    assert np.array_equal(runs.decode(), a + b)
    assert np.array_equal((RunLengths.zeros(shape) + RunLengths.encode(a)).decode(), a)
    assert runs.decode().dtype == np.int32


def test_group_grids_add_up_to_the_total_and_are_held_compactly(synthetic: Path) -> None:
    data = analyse(synthetic, by="subject")
    assert len(data.groups) == 60 and data.ungrouped == 0
    dense_bytes = data.total.grids.nbytes
    summed = np.zeros_like(data.total.grids)
    for counts in data.groups.values():
        assert isinstance(counts.stored, RunLengths)
        # One drawing's cells as runs: a small fraction of the dense grids.
        assert counts.nbytes < dense_bytes / 50
        summed += counts.grids
    assert np.array_equal(summed, data.total.grids)
    one = next(iter(data.groups))
    assert np.array_equal(
        data.counts("front", one), data.groups[one].grids[data.views.index("front")]
    )


def test_code_table_group_grids_are_one_count_per_area(tmp_path: Path) -> None:
    table = tmp_path / "maps.csv"
    _generator().write_code_table(table, synthetic_docs(40, 9))
    data = analyse(table, codes_column="bodymap_regions_csv", id_column="id", by="clinic")
    assert set(data.groups) == {"A", "B"}
    summed = np.zeros_like(data.total.grids)
    for counts in data.groups.values():
        assert isinstance(counts.stored, AreaGrids)
        assert counts.stored.nbytes == 8 * len(bodymap.load_scheme("choir").areas)
        summed += counts.grids
    assert np.array_equal(summed, data.total.grids)


def many_groups(tmp_path: Path, count: int) -> Path:
    docs = [region_doc(f"s{i}", [REGIONS[i % 4]], grp=f"g{i:02d}") for i in range(count)]
    return write_jsonl(tmp_path / "c.jsonl", docs)


def test_frequency_map_refuses_more_groups_than_fit_in_one_line(tmp_path: Path) -> None:
    path = many_groups(tmp_path, MAX_GROUP_PANELS + 1)
    result = bodymap.cohort(path, by="grp")
    with pytest.raises(BodymapError) as caught:
        result.frequency_map()
    assert str(caught.value) == (
        "the frequency map can show at most 24 groups, not 25: leave it out or group the "
        "drawings more coarsely"
    )
    with pytest.raises(BodymapError) as caught:
        result.histograms()
    assert str(caught.value).startswith("the histograms can show at most 24 groups, not 25: ")


def test_map_of_too_many_groups_fails_before_any_output(tmp_path: Path, out: Path) -> None:
    path = many_groups(tmp_path, MAX_GROUP_PANELS + 1)
    res = runner.invoke(app, ["cohort", str(path), "--by", "grp", "--map", "m.svg"])
    assert res.exit_code == 1
    assert res.stderr == (
        "Error: the frequency map can show at most 24 groups, not 25: leave it out or group the "
        "drawings more coarsely\n"
    )
    assert list(out.iterdir()) == []


def test_regression_on_a_constant_covariate_estimates_no_region(tmp_path: Path) -> None:
    docs = [region_doc(f"s{i}", REGIONS[: 1 + i % 3]) for i in range(30)]
    result = bodymap.cohort(write_jsonl(tmp_path / "c.jsonl", docs))
    table = result.regress("age", {f"s{i}": 50 for i in range(30)})
    assert table.columns[-2:] == ("estimable", "reason")
    assert all(row["estimable"] is False for row in table)
    assert all(row["coef"] is None and row["se"] is None for row in table)
    assert {row["reason"] for row in table} == {NO_VARIANCE}
    assert table.problems == (
        "'age' has the one value 50 for all 30 drawings: no region is estimable",
    )


def test_varying_covariate_keeps_its_estimable_regions(tmp_path: Path) -> None:
    docs = [
        region_doc(f"s{i}", ["chest-left"] + (["knee-front-left"] if i % 3 else []))
        for i in range(30)
    ]
    ages = {f"s{i}": 20 + (i * 7) % 50 for i in range(30)}
    table = bodymap.cohort(write_jsonl(tmp_path / "c.jsonl", docs)).regress("age", ages)
    assert table.row("knee-front-left")["estimable"] is True
    assert table.row("knee-front-left")["reason"] is None
    assert table.row("chest-left")["reason"] == "marked by all drawings or by none"


def test_tests_say_how_many_drawings_had_no_group(tmp_path: Path, out: Path) -> None:
    path = region_cohort(tmp_path / "c.jsonl", 40)
    groups = tmp_path / "groups.csv"
    with groups.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["subject", "clinic"])
        writer.writerows([f"s{i}", "AB"[i % 2]] for i in range(14))
    args = ["cohort", str(path), "--groups", str(groups), "--by", "clinic", "--tests", "t.csv"]
    res = runner.invoke(app, [*args, "--quiet"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines() == [
        "26 of 40 drawings have no 'clinic' group; left out of the group statistics",
        "wrote cohort.csv",
        "wrote t.csv",
    ]
    res = runner.invoke(app, [*args, "--json"])
    assert json.loads(res.stdout)["ungrouped"] == 26
    with (out / "t.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert int(row["n_A"]) + int(row["n_B"]) == 14


def test_fisher_with_three_groups_fails_before_any_output(tmp_path: Path, out: Path) -> None:
    docs = [region_doc(f"s{i}", [REGIONS[i % 4]], grp="abc"[i % 3]) for i in range(30)]
    path = write_jsonl(tmp_path / "c.jsonl", docs)
    res = runner.invoke(app, [
        "cohort", str(path), "--by", "grp", "--test", "fisher", "--tests", "t.csv",
        "--regions-out", "r.csv",
    ])  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr == "Error: Fisher's exact test needs exactly two groups, not 3\n"
    assert list(out.iterdir()) == []


def test_tests_with_one_group_in_the_groups_table_fail_before_any_output(
    tmp_path: Path, out: Path
) -> None:
    path = region_cohort(tmp_path / "c.jsonl", 10)
    groups = tmp_path / "groups.csv"
    groups.write_text("subject,clinic\n" + "".join(f"s{i},A\n" for i in range(10)))
    res = runner.invoke(app, [
        "cohort", str(path), "--groups", str(groups), "--by", "clinic", "--tests", "t.csv",
    ])  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr == "Error: group tests need at least two groups (--by); this cohort has 1\n"
    assert list(out.iterdir()) == []


def test_a_failing_statistic_removes_the_outputs_already_written(tmp_path: Path, out: Path) -> None:
    path = region_cohort(tmp_path / "c.jsonl", 10)
    groups = tmp_path / "groups.csv"
    groups.write_text(
        "subject,clinic,age\n" + "".join(f"s{i},AB,{40 if i < 2 else ''}\n" for i in range(10))
    )
    res = runner.invoke(app, [
        "cohort", str(path), "--groups", str(groups), "--by", "clinic", "--regions-out", "r.csv",
        "--covariate", "age", "--regression", "reg.csv", "--quiet",
    ])  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr.splitlines()[-1] == (
        "Error: the regression on 'age' needs at least 3 drawings with a value, not 2"
    )
    assert list(out.iterdir()) == []


def test_slot_runs_count_the_same_cells_as_one_accumulation() -> None:
    from bodymap.analysis.cohort.grid import Grid, accumulate, spans
    from bodymap.analysis.cohort.result import slot_runs

    grid = Grid(1.0, 0.0, 0.0, 20, 12)
    shapes = [shapely.box(1, 1, 8, 6), shapely.box(3, 2, 15, 9), shapely.Polygon()]
    shapes += [shapely.box(0, 0, 19, 11), shapely.box(5, 5, 6, 7), shapely.box(2, 8, 18, 11)]
    geoms = np.array(shapes, dtype=object)  # 3 drawings x 2 views, drawing-major
    slots = np.array([1, 0, 1])
    geom, row, c0, c1 = spans(geoms, grid)
    cell_slots = (slots[:, None] * 2 + np.arange(2)[None, :]).ravel()
    dense = accumulate(geom, row, c0, c1, grid, cell_slots, 4).reshape(2, 2, 12, 20)
    mask = np.zeros((2, 12, 20), dtype=np.int32)
    mask[:, 2:10] = 1
    runs = slot_runs(geom, row, c0, c1, grid, slots, 2, 2, mask)
    assert [r.shape for r in runs] == [(2, 12, 20), (2, 12, 20)]
    for k in range(2):
        assert np.array_equal(runs[k].decode(), dense[k] * mask)
    assert dense[1].max() == 2  # drawings 0 and 2 overlap in slot 1
