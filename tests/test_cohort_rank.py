"""cohort --rank: the raster engine against exact rank, the rank table, and Dask runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from cohort_helpers import synthetic_docs, write_jsonl

import bodymap
from bodymap.analysis.cohort import cohort
from bodymap.analysis.cohort.engine import RANK_COLUMNS, _Config, _marks, _State, rank_dice
from bodymap.analysis.cohort.grid import Grid
from bodymap.analysis.cohort.raster import cell_weights
from bodymap.model.chart import load_chart

ROOT = Path(__file__).resolve().parent.parent

N = 100


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return synthetic_docs(N, 11)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, docs: list[dict]) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("rank") / "cohort.jsonl", docs)


@pytest.fixture(scope="module")
def ranked(data: Path) -> bodymap.CohortResult:
    return cohort(data, rank=True, by="clinic")


def test_cell_weights_are_exact_areas_with_holes() -> None:
    grid = Grid.for_chart(load_chart("adult"))
    shape = shapely.Polygon(
        [(-5.1, 40.3), (6.37, 41.0), (4.2, 55.55), (-3.3, 52.1)],
        holes=[[(-1.01, 45.2), (1.13, 45.2), (0.4, 48.9)]],
    )
    r0, c0, w = cell_weights(shape, grid)
    rows, cols = np.indices(w.shape)
    x = grid.x0 + (c0 + cols.ravel()) * grid.cell
    y = grid.y0 + (r0 + rows.ravel()) * grid.cell
    boxes = shapely.box(x, y, x + grid.cell, y + grid.cell)
    exact = shapely.area(shapely.intersection(boxes, shape))
    assert np.abs(exact - w.ravel()).max() < 1e-9
    assert w.sum() == pytest.approx(shape.area, abs=1e-9)


def test_best_pattern_and_dice_agree_with_exact_rank(
    docs: list[dict], ranked: bodymap.CohortResult
) -> None:
    state = _State(_Config("adult", (), (), 0.25, None, None, "subject", rank=True))
    raster = rank_dice(state, [_marks(state, d, "<test>")[1] for d in docs])
    agree, pairs, close = 0, 0, 0
    for i, (doc, row) in enumerate(zip(docs, ranked.rows)):
        exact = bodymap.rank(doc)
        best = exact.best
        assert best is not None
        if best.dice:
            agree += (row["best_pattern"], row["best_side"]) == (best.pattern, best.side)
        else:
            agree += row["best_pattern"] is None
        by_ref = {(c.pattern, c.side): c.dice for c in exact}
        for k, (name, side) in enumerate(zip(state.rank_names, state.rank_sides)):
            want = by_ref[(name, side)]
            got = raster[k, i]
            pairs += 1
            close += abs((want if want is not None else -1.0) - got) <= 0.01
    assert agree >= 0.98 * len(docs)
    assert close >= 0.99 * pairs


def test_rank_columns_and_red_flags(docs: list[dict], ranked: bodymap.CohortResult) -> None:
    assert ranked.columns[-len(RANK_COLUMNS) :] == RANK_COLUMNS
    flagged = 0
    for doc, row in zip(docs, ranked.rows):
        exact = bodymap.rank(doc, top=3)
        flagged += row["red_flag"] == bool(exact.red_flags())
        if row["best_pattern"] is not None:
            assert row["best_kind"] == bodymap.load_pattern(row["best_pattern"]).kind
            assert row["second_score"] is None or row["second_score"] <= row["best_score"]
    assert flagged >= 0.97 * len(docs)


def test_rank_table_counts_the_rows(ranked: bodymap.CohortResult) -> None:
    table = ranked.rank_table()
    best = [(r["best_pattern"], r["best_side"], r["group"]) for r in ranked.rows]
    assert sum(t["count"] for t in table) == sum(1 for b in best if b[0] is not None)
    for t in table:
        assert t["count"] == sum(1 for b in best if b[:2] == (t["pattern"], t["side"]))
        for group, counts in ranked.groups.items():
            mine = sum(1 for b in best if b == (t["pattern"], t["side"], group))
            assert t[f"count_{group}"] == mine
            assert t[f"percent_{group}"] == round(100 * mine / counts.n, 2)
    counts = [t["count"] for t in table]
    assert counts == sorted(counts, reverse=True)


def test_kinds_filter(data: Path) -> None:
    organs = cohort(data, rank=True, kinds=["organ"], by_score="fit")
    kinds = {r["best_kind"] for r in organs.rows} - {None}
    assert kinds == {"organ"}


def test_unranked_cohort_has_no_rank_table(data: Path) -> None:
    with pytest.raises(bodymap.BodymapError, match="not ranked"):
        cohort(data).rank_table()


def test_dask_gives_the_local_result(data: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local = cohort(data, rank=True, by="clinic")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = cohort(data, rank=True, by="clinic", client=client)
        by_address = cohort(data, client=cluster.scheduler_address)
    assert remote.rows == local.rows
    assert np.array_equal(remote.total.grids, local.total.grids)
    assert np.array_equal(remote.total.regions, local.total.regions)
    assert np.array_equal(remote.total.best, local.total.best)
    for name, counts in local.groups.items():
        assert np.array_equal(remote.groups[name].grids, counts.grids)
    assert remote.rank_table() == local.rank_table()
    plain = cohort(data)
    assert by_address.rows == plain.rows
    assert np.array_equal(by_address.total.grids, plain.total.grids)


def test_dask_missing_says_what_to_install(data: Path) -> None:
    code = (
        "import sys; sys.modules['distributed'] = None\n"
        "from bodymap.cli import main\n"
        f"sys.argv = ['bodymap', 'cohort', {str(data)!r}, '--dask', 'tcp://127.0.0.1:1', '-q']\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=data.parent, env=env
    )
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "Error: running on a Dask cluster needs dask.distributed (pip install 'bodymap[dask]')"
    )
    assert "Traceback" not in out.stderr
