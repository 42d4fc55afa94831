"""Every classification column of the cohort table is the one-drawing library's answer.

For synthetic drawings and drawings made to sit at the thresholds (a square marking an area's
threshold plus or minus 0.001 cm², or a chart region by 0.5, 1.001 or 1.5 times the least
area that touches it), both engines report in ``regions`` the chart regions
:meth:`~bodymap.model.drawing.Drawing.marked_regions` finds (or the codes of
:func:`bodymap.codes`), in ``wpi`` and ``generalized`` what :func:`bodymap.widespread`
says, and in ``acr1990_widespread`` and ``manchester_widespread`` what
:func:`bodymap.analysis.criteria.criteria` says, for every drawing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from cohort_helpers import library_answer, near_threshold_docs, synthetic_docs, write_jsonl

from bodymap.analysis import measures, schemes
from bodymap.analysis.cohort import cohort
from bodymap.core.geometry import clip_to_rect
from bodymap.model.chart import load_chart
from bodymap.model.reader import load_drawing

ENGINES = ("exact", "raster")
#: The classification columns compared with the library's answer.
AGREEING = ("regions", "wpi", "generalized", "acr1990_widespread", "manchester_widespread")


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    near = near_threshold_docs(offsets=(-1e-3, 1e-3), regions=12)
    return synthetic_docs(150, 29) + near


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, docs: list[dict[str, Any]]) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("agreement") / "cohort.jsonl", docs)


@pytest.fixture(scope="module")
def library(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The library's answer for each drawing."""
    return [library_answer(doc) for doc in docs]


def _disagreements(rows: list[dict[str, Any]], want: list[dict[str, Any]], regions: str) -> dict:
    assert len(rows) == len(want)
    return {
        column: [
            (row["source"], row[column], answer[key])
            for row, answer in zip(rows, want)
            if row[column] != answer[key]
        ]
        for column, key in (
            ("regions", regions),
            ("wpi", "wpi"),
            ("generalized", "generalized"),
            ("acr1990_widespread", "acr1990_widespread"),
            ("manchester_widespread", "manchester_widespread"),
        )
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_regions_wpi_generalized_and_criteria_are_the_library_answers(
    data: Path, library: list[dict[str, Any]], engine: str
) -> None:
    rows = cohort(data, engine=engine).rows
    assert _disagreements(rows, library, "regions") == {column: [] for column in AGREEING}


@pytest.mark.parametrize("engine", ENGINES)
def test_scheme_codes_are_the_library_codes(
    data: Path, library: list[dict[str, Any]], engine: str
) -> None:
    rows = cohort(data, scheme="choir", engine=engine).rows
    assert _disagreements(rows, library, "choir") == {column: [] for column in AGREEING}


def test_the_sample_sits_on_both_sides_of_the_thresholds(library: list[dict[str, Any]]) -> None:
    # The squares at a threshold: as many count as do not, for the WPI and for CHOIR.
    near = library[150:]
    assert sum(a["wpi"] == 1 for a in near) > 50
    assert sum(a["wpi"] == 0 for a in near) > 50
    assert sum(a["choir"] == "" for a in near) > 50
    assert sum(a["regions"].count(";") == 1 for a in near) > 5  # a second region grazed


def test_one_marking_rule() -> None:
    # schemes' names are the rule of measures, not a second definition.
    assert (schemes.MIN_SHARE, schemes.MIN_AREA) == (measures.MIN_SHARE, measures.MIN_AREA_CM2)
    marked = np.array([4.999, 5.0 - 1e-10, 5.0, 0.99, 1.0, 0.0])
    area = np.array([1000.0, 1000.0, 1000.0, 10.0, 10.0, 0.0])
    want = [False, True, True, False, True, False]
    assert schemes.counts_as_touched(marked, area).tolist() == want
    assert measures.counts_as_marked(marked, area).tolist() == want
    assert [measures.region_counts(m, a) for m, a in zip(marked, area)] == want


def test_overlap_arrays_are_the_measures_of_one_pair() -> None:
    d, p, o = np.array([10.0, 0.0, 4.0]), np.array([20.0, 5.0, 0.0]), np.array([5.0, 0.0, 0.0])
    arrays = measures.overlap_arrays(d, p, o)
    for i in range(3):
        one = measures.Overlap.from_areas(float(d[i]), float(p[i]), float(o[i]))
        for name, values in arrays.items():
            got = float(values[i])
            assert (np.isnan(got) and getattr(one, name) is None) or got == getattr(one, name)
    fits = measures.fit_scores(np.array([0.5, 0.0, np.nan]), np.array([0.8, 0.3, 0.5]))
    assert fits[0] == measures.fit_score(0.5, 0.8) and fits[1] == 0.0 and np.isnan(fits[2])


def test_a_clip_to_a_rectangle_is_valid_where_shapely_clip_is_not() -> None:
    # The back outline clipped to the bounds of a marked thigh: shapely's clip_by_rect gives
    # an invalid polygon there, which measured a whole-region mark as 4 cm² instead of 342.
    outline = load_chart("adult").outline("back")
    box = (-16.64, 53.5, 0.61, 82.0)
    assert not shapely.is_valid(shapely.clip_by_rect(outline, *box))
    clipped = clip_to_rect(outline, *box)
    assert clipped.is_valid
    exact = shapely.intersection(outline, shapely.box(*box)).area
    assert clipped.area == pytest.approx(exact, abs=1e-9)


def test_the_raster_bounds_hold_the_exact_marked_areas(docs: list[dict[str, Any]]) -> None:
    from bodymap.analysis.cohort.common import _Config
    from bodymap.analysis.cohort.engine import _marks, _State
    from bodymap.analysis.cohort.raster_engine import _raster_cells
    from bodymap.analysis.schemes import marked_areas

    state = _State(_Config("adult", (), (), 0.25, None, None, "subject"))
    engine = state.engine
    marks = [_marks(state, d, "<t>")[1] for d in docs]
    n, n_views = len(marks), len(state.views)
    _, _, geom, row, c0, c1, shaped = _raster_cells(engine, marks)  # type: ignore[arg-type]
    covered, other = engine.crossed_cells(shaped, geom, row, c0, c1)  # type: ignore[attr-defined]
    index = engine.wpi_index  # type: ignore[attr-defined]
    estimate = index.overlap(n, n_views, geom, row, c0, c1).T
    slack = engine.region_slack(index, shaped, n)  # type: ignore[attr-defined]
    lower = estimate - (index.cell_sums(n, n_views, *covered) + slack).T
    upper = estimate + (index.cell_sums(n, n_views, *other) + slack).T
    inside = np.array(
        [[load_drawing(d).geometry(v) for v in state.views] for d in docs], dtype=object
    )
    exact = marked_areas(state.schemes.wpi, inside, state.views)
    assert (lower <= exact + 1e-6).all() and (exact <= upper + 1e-6).all()
    assert np.abs(estimate - exact).max() > 0.5  # the estimate alone would not do


@pytest.mark.parametrize("engine", ENGINES)
def test_a_sliver_that_covers_no_grid_cell_is_counted_with_the_library_answer(
    tmp_path: Path, engine: str
) -> None:
    # a triangle 0.1 cm high (found by the hostile-input properties): the raster engine has
    # no run of cells for it, and once failed on the empty set of runs
    sliver = {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1},
        "features": [
            {
                "type": "Feature",
                "properties": {"view": "front"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[14.257, 147.219], [24.986, 146.728], [10.502, 147.381]]],
                },
            }
        ],
    }
    result = cohort(write_jsonl(tmp_path / "sliver.jsonl", [sliver]), engine=engine)
    assert (result.n, result.problems) == (1, [])
    assert _disagreements(result.rows, [library_answer(sliver)], "regions") == {
        column: [] for column in AGREEING
    }
