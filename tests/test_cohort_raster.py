"""The plain cohort's raster engine against its exact engine and :func:`bodymap.compare`.

The agreement rules, on 200 synthetic drawings: |dDice| <= 0.01 for at least 99 % of
drawing-pattern pairs; the same regions, scheme areas, WPI and generalized for every drawing
(both engines give the library's answer, see ``test_cohort_agreement.py``); extent and
outside area within 1 % or 0.5 cm2.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from cohort_helpers import synthetic_docs, write_jsonl

import bodymap
from bodymap.analysis.cohort import cohort
from bodymap.analysis.cohort.grid import Grid
from bodymap.analysis.cohort.raster import boundary_weights, cell_weights, crossed_cells
from bodymap.model.chart import load_chart

ROOT = Path(__file__).resolve().parent.parent

N = 200
PATTERNS = ["iliopsoas", "gluteus-medius"]


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return synthetic_docs(N, 13)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, docs: list[dict]) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("raster") / "cohort.jsonl", docs)


@pytest.fixture(scope="module")
def both(data: Path) -> dict[str, bodymap.CohortResult]:
    return {e: cohort(data, patterns=PATTERNS, engine=e) for e in ("exact", "raster")}


def _share_within(a: list[float], b: list[float]) -> float:
    x, y = np.array(a), np.array(b)
    return float(np.mean(np.abs(x - y) <= np.maximum(0.01 * np.abs(x), 0.5)))


def test_dice_agrees_with_compare(both: dict[str, bodymap.CohortResult], docs: list[dict]) -> None:
    rows = both["raster"].rows
    close = pairs = 0
    for row, doc in zip(rows, docs[:60]):  # compare() itself, on the first 60
        for name in PATTERNS:
            for side in ("left", "right"):
                want = bodymap.compare(doc, name, side=side).dice
                got = row[f"{name.replace('-', '_')}_{side}_dice"]
                close += abs((want or 0.0) - (got or 0.0)) <= 0.01
                pairs += 1
    assert close / pairs >= 0.99


def test_measures_agree_with_the_exact_engine(both: dict[str, bodymap.CohortResult]) -> None:
    exact, raster = both["exact"].rows, both["raster"].rows
    assert [r["source"] for r in exact] == [r["source"] for r in raster]
    assert list(exact[0]) == list(raster[0])  # the same columns, in the same order
    dice = [c for c in exact[0] if c.endswith("_dice")]
    diff = np.array([[abs((a[c] or 0) - (b[c] or 0)) for c in dice] for a, b in zip(exact, raster)])
    assert (diff <= 0.01).mean() >= 0.99
    for column in ("regions", "wpi", "generalized"):
        assert [a[column] for a in exact] == [b[column] for b in raster], column
    for column in ("extent_cm2", "outside_cm2"):
        share = _share_within([a[column] for a in exact], [b[column] for b in raster])
        assert share >= 0.99, column
    assert sum(r["outside_cm2"] > 0 for r in raster) > 10  # the sample does leave the body


def test_maps_and_region_counts_agree(both: dict[str, bodymap.CohortResult]) -> None:
    exact, raster = both["exact"], both["raster"]
    for view in exact.views:
        a, b = exact.counts(view), raster.counts(view)
        assert a.shape == b.shape and a.sum() > 0
        # Cells by centre either way: they differ only where a centre lies on an outline edge.
        assert np.abs(a - b).sum() <= 0.002 * a.sum()
    assert exact.region_table() == raster.region_table()


def test_scheme_counts_agree(data: Path) -> None:
    exact = cohort(data, patterns=PATTERNS, scheme="choir", engine="exact").rows
    raster = cohort(data, patterns=PATTERNS, scheme="choir", engine="raster").rows
    for column in ("regions", "wpi", "generalized"):
        assert [a[column] for a in exact] == [b[column] for b in raster], column


def test_boundary_weights_are_the_exact_cell_areas() -> None:
    chart = load_chart("adult")
    grid = Grid.for_chart(chart, 0.25)
    ring = shapely.box(5.05, 60.1, 9.9, 70.3).difference(shapely.box(6, 62, 7.3, 66.2))
    geoms = np.array(
        [shapely.Point(10.1, 50.3).buffer(3.3), ring, chart.regions[3].geometry], dtype=object
    )
    g, row, col, w = boundary_weights(geoms, grid)
    for i, geom in enumerate(geoms):
        r0, c0, full = cell_weights(geom, grid)
        mine = g == i
        assert mine.sum() > 50
        assert np.abs(w[mine] - full[row[mine] - r0, col[mine] - c0]).max() < 1e-12
        boxes = shapely.box(
            grid.x0 + col[mine] * grid.cell, grid.y0 + row[mine] * grid.cell,
            grid.x0 + (col[mine] + 1) * grid.cell, grid.y0 + (row[mine] + 1) * grid.cell,
        )  # fmt: skip
        exact = shapely.area(shapely.intersection(boxes, geom))
        assert np.abs(exact - w[mine]).max() < 1e-9


def test_an_unknown_engine_is_refused(data: Path) -> None:
    with pytest.raises(bodymap.BodymapError, match="cohort engine"):
        cohort(data, engine="fast")


def test_crossed_cells_hold_every_cell_the_boundary_passes_through() -> None:
    chart = load_chart("adult")
    grid = Grid.for_chart(chart, 0.25)
    x0, y0 = grid.x0 + 20 * grid.cell, grid.y0 + 200 * grid.cell  # on grid lines
    geoms = np.array(
        [
            shapely.Point(10.1, 50.3).buffer(3.3),
            shapely.box(x0, y0, x0 + 1.0, y0 + 2.5),  # edges along grid lines
            shapely.Polygon([(x0, y0), (x0 + 2.0, y0 + 2.0), (x0, y0 + 2.0)]),  # corner to corner
            shapely.box(5.01, 60.01, 5.02, 60.02),  # inside one cell
            chart.regions[3].geometry,
        ],
        dtype=object,
    )
    g, row, col = crossed_cells(geoms, grid)
    bg, brow, bcol, _ = boundary_weights(geoms, grid)
    for i in range(len(geoms)):
        listed = set(zip(row[g == i].tolist(), col[g == i].tolist()))
        crossed = set(zip(brow[bg == i].tolist(), bcol[bg == i].tolist()))
        assert crossed and crossed <= listed
        assert len(listed) <= 3 * len(crossed) + 4
