"""The raster engine's extent: exact where marks do not overlap, close where they do.

The extent is the sum of the marks' exact areas, less what they draw beyond the outline,
less the area they cover twice; a mark that a whole-region mark of the same view covers
(the same region twice, a stroke inside a marked region) adds nothing; a view of many marks
is measured exactly.  Each case is checked
against the exact engine and against areas worked out by hand.
"""

from __future__ import annotations

from typing import Any

import pytest
import shapely
from cohort_helpers import write_jsonl

from bodymap.analysis.cohort import cohort
from bodymap.model.chart import load_chart

CHART = load_chart("adult")


def _region(region: str, view: str = "front") -> dict[str, Any]:
    return {"type": "Feature", "properties": {"view": view, "region": region}, "geometry": None}


def _box(x0: float, y0: float, x1: float, y1: float, view: str = "front") -> dict[str, Any]:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {
        "type": "Feature",
        "properties": {"view": view},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _stroke(points: list[list[float]], width: float, view: str = "front") -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"view": view, "width": width},
        "geometry": {"type": "LineString", "coordinates": points},
    }


def _area(region: str) -> float:
    return float(CHART.region_geometry(region).area)


#: name -> (features, extent worked out by hand or None, tolerance against it in cm²)
CASES: dict[str, tuple[list[dict[str, Any]], float | None, float]] = {
    "one region twice": (
        [_region("abdomen-left"), _region("abdomen-left")],
        _area("abdomen-left"),
        0.005,
    ),
    "a box and a stroke inside a marked region": (
        [_box(5, 105, 8, 110), _region("abdomen-left"), _stroke([[3, 102], [10, 112]], 1.0)],
        _area("abdomen-left"),
        0.005,
    ),
    "two neighbouring regions": (
        [_region("chest-left"), _region("abdomen-left")],
        _area("chest-left") + _area("abdomen-left"),
        0.005,
    ),
    "two boxes apart": ([_box(2, 120, 6, 124), _box(8, 120, 12, 126)], 40.0, 0.005),
    "two boxes overlapping": ([_box(2, 120, 6, 124), _box(4, 122, 9, 127)], 37.0, 0.1),
    "a box crossing the outline": ([_box(40, 75, 50, 77)], None, 0.2),
    "two boxes crossing the outline, overlapping": (
        [_box(40, 75, 50, 77), _box(44, 74, 49, 79)],
        None,
        0.3,
    ),
    "front and back": (
        [_box(2, 120, 6, 124), _box(2, 120, 6, 124, view="back")],
        32.0,
        0.005,
    ),
    # More than _PAIRED_MARKS marks on a view: the union is measured exactly there.
    "a region marked 200 times": ([_region("abdomen-left")] * 200, _area("abdomen-left"), 0.005),
    "100 boxes each overlapping the next": (
        [_box(2.01 + 0.037 * i, 120.01, 4.06 + 0.037 * i, 122.01) for i in range(100)],
        2.0 * (2.05 + 0.037 * 99),
        0.005,
    ),
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, Any]]]:
    docs = [
        {
            "type": "FeatureCollection",
            "bodymap": {"kind": "drawing", "version": 1, "chart": "adult", "subject": name},
            "features": features,
        }
        for name, (features, _, _) in CASES.items()
    ]
    data = write_jsonl(tmp_path_factory.mktemp("extent") / "cases.jsonl", docs)
    return {
        engine: {r["subject"]: r for r in cohort(data, patterns=(), engine=engine).rows}
        for engine in ("exact", "raster")
    }


@pytest.mark.parametrize("name", list(CASES))
def test_the_extent(rows: dict[str, dict[str, dict[str, Any]]], name: str) -> None:
    _, by_hand, tolerance = CASES[name]
    exact, raster = rows["exact"][name], rows["raster"][name]
    if by_hand is not None:
        assert exact["extent_cm2"] == pytest.approx(by_hand, abs=0.005)
    assert raster["extent_cm2"] == pytest.approx(exact["extent_cm2"], abs=tolerance)
    assert raster["outside_cm2"] == pytest.approx(exact["outside_cm2"], abs=tolerance)


def test_a_mark_across_the_outline_is_split_between_extent_and_outside(
    rows: dict[str, dict[str, dict[str, Any]]],
) -> None:
    row = rows["raster"]["a box crossing the outline"]
    inside = shapely.box(40, 75, 50, 77).intersection(CHART.outline("front")).area
    assert 0 < inside < 20
    assert row["extent_cm2"] == pytest.approx(inside, abs=0.2)
    assert row["extent_cm2"] + row["outside_cm2"] == pytest.approx(20.0, abs=0.2)
