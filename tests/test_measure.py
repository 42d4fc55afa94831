"""The measures of one drawing (``bodymap measure``) and the same columns of the cohort table.

Drawings made of boxes whose areas are known by hand check each measure: the extent, the
intensity-weighted extent (overlaps at their highest intensity, marks without an intensity
left out), the extent per quality, the separate areas, the centroids and the laterality
index on the front view (patient's left at x > 0) and on the back view (at x < 0).  The
cohort table's columns are checked against :func:`measure_drawing` on every drawing of a
synthetic cohort, with both engines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cohort_helpers import synthetic_docs, write_jsonl
from typer.testing import CliRunner
from visit_helpers import box, doc

from bodymap.analysis.cohort import cohort
from bodymap.analysis.drawing_measures import (
    cohort_columns,
    cohort_record,
    laterality_index,
    left_sign,
    measure_drawing,
)
from bodymap.cli import app
from bodymap.core.choices import PAIN_QUALITIES
from bodymap.model.chart import load_chart
from bodymap.model.reader import load_drawing

CHART = load_chart("adult")
BODY = CHART.area()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "drawings"
runner = CliRunner()


def measured(*features: dict[str, Any]) -> Any:
    return measure_drawing(load_drawing(doc(*features)))


# Boxes inside the abdomen (front view, x from -10 to 10 at y 105-120 lies in the body).
def test_one_box_extent_weighted_extent_and_centroid() -> None:
    m = measured(box(2, 110, 6, 114, intensity=5, quality="aching"))
    assert m.extent_cm2 == pytest.approx(16.0)
    assert m.extent_pct == pytest.approx(100 * 16.0 / BODY)
    assert m.weighted_extent_cm2 == pytest.approx(80.0)
    assert m.weighted_extent_pct == pytest.approx(100 * 80.0 / (10 * BODY))
    assert m.centroids["front"] == pytest.approx((4.0, 112.0))
    assert m.centroids["back"] is None
    assert m.n_areas == 1
    assert m.extent_by_quality == {"aching": pytest.approx(16.0)}


def test_overlapping_marks_count_once_at_their_highest_intensity() -> None:
    # 4x4 at intensity 8; a 4x4 at intensity 2 overlapping it by 2x4.
    m = measured(box(2, 110, 6, 114, intensity=8), box(4, 110, 8, 114, intensity=2))
    assert m.extent_cm2 == pytest.approx(24.0)
    assert m.weighted_extent_cm2 == pytest.approx(8 * 16 + 2 * 8)
    assert m.n_areas == 1


def test_area_without_an_intensity_is_left_out_of_the_weighted_extent() -> None:
    m = measured(box(2, 110, 6, 114, intensity=4), box(-8, 110, -4, 114))
    assert m.weighted_extent_cm2 == pytest.approx(64.0)
    assert m.no_intensity_cm2 == pytest.approx(16.0)
    none = measured(box(2, 110, 6, 114))
    assert none.weighted_extent_cm2 is None and none.weighted_extent_pct is None
    assert none.no_intensity_cm2 == pytest.approx(16.0)


def test_extent_per_quality_unites_the_marks_of_each_quality() -> None:
    m = measured(
        box(2, 110, 6, 114, quality="burning"),
        box(4, 110, 8, 114, quality="burning"),
        box(4, 110, 8, 114, quality="tingling"),
        box(-8, 110, -4, 114),
    )
    assert m.extent_by_quality == {
        "burning": pytest.approx(24.0),
        "tingling": pytest.approx(16.0),
    }
    assert m.no_quality_cm2 == pytest.approx(16.0)


def test_separate_areas_are_connected_parts_per_view() -> None:
    m = measured(
        box(2, 110, 6, 114),
        box(-8, 110, -4, 114),
        box(2, 110, 6, 114, view="back"),
    )
    assert m.n_areas == 3
    assert dict(m.areas_by_view) == {"front": 2, "back": 1, "sole": 0}


def test_laterality_on_the_front_and_back_views() -> None:
    assert left_sign(CHART, "front") == 1 and left_sign(CHART, "back") == -1
    front_left = measured(box(2, 110, 6, 114))
    assert front_left.laterality_index == pytest.approx(1.0)
    back_left = measured(box(-6, 110, -2, 114, view="back"))
    assert back_left.laterality_index == pytest.approx(1.0)
    back_right = measured(box(2, 110, 6, 114, view="back"))
    assert back_right.laterality_index == pytest.approx(-1.0)
    # 12 cm² left of the midline, 4 cm² right of it: (12 - 4) / 16.
    straddling = measured(box(-1, 110, 3, 114))
    assert straddling.left_cm2 == pytest.approx(12.0)
    assert straddling.right_cm2 == pytest.approx(4.0)
    assert straddling.laterality_index == pytest.approx(0.5)


def test_laterality_index_is_undefined_without_marked_area() -> None:
    assert laterality_index(0.0, 0.0) is None
    empty = measure_drawing(load_drawing(doc()))
    assert empty.extent_cm2 == 0.0 and empty.n_areas == 0
    assert empty.laterality_index is None
    assert empty.centroids == {"front": None, "back": None, "sole": None}


def test_marks_are_clipped_to_the_body_outline() -> None:
    # A box reaching from the abdomen out beyond the flank.
    m = measured(box(5, 105, 60, 107, intensity=10))
    assert 0 < m.extent_cm2 < 110.0
    assert m.weighted_extent_cm2 == pytest.approx(10 * m.extent_cm2)
    assert m.left_cm2 == pytest.approx(m.extent_cm2)


def test_measure_json_on_an_example() -> None:
    res = runner.invoke(app, ["measure", str(EXAMPLES / "iliopsoas-left.json"), "--json"])
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    for key in (
        "extent_cm2",
        "extent_pct",
        "weighted_extent_cm2",
        "weighted_extent_pct",
        "extent_by_quality",
        "n_areas",
        "centroids",
        "laterality_index",
    ):
        assert key in data, key
    assert data["laterality_index"] == 1.0  # a left-sided picture
    assert set(data["centroids"]) == {"front", "back", "sole"}
    assert (
        data["extent_cm2"]
        == json.loads(
            runner.invoke(app, ["compare", str(EXAMPLES / "iliopsoas-left.json"), "--json"]).stdout
        )["extent"]["cm2"]
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_measure_table(lang: str) -> None:
    res = runner.invoke(app, ["measure", str(EXAMPLES / "widespread.json"), "--lang", lang])
    assert res.exit_code == 0, res.stderr
    words = {"en": ("Pain extent", "Laterality index"), "nl": ("Pijnoppervlak", "Lateraliteit")}
    for word in words[lang]:
        assert word in res.stdout
    assert ("numb" if lang == "en" else "doof") in res.stdout


def test_measure_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    res = runner.invoke(app, ["measure", str(tmp_path / "nope.json")])
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("Error: ")


@pytest.fixture(scope="module")
def cohort_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    docs = synthetic_docs(80, seed=11)
    for i, d in enumerate(docs):
        d["bodymap"]["subject"] = f"s{i:03d}"
    data = write_jsonl(tmp_path_factory.mktemp("measure") / "cohort.jsonl", docs)
    return {
        "docs": {d["bodymap"]["subject"]: d for d in docs},
        **{
            engine: {r["subject"]: r for r in cohort(data, patterns=(), engine=engine).rows}
            for engine in ("exact", "raster")
        },
    }


@pytest.mark.parametrize("engine", ["exact", "raster"])
def test_cohort_columns_agree_with_measure_for_every_drawing(
    cohort_rows: dict[str, Any], engine: str
) -> None:
    rows = cohort_rows[engine]
    names = [name for name, _ in cohort_columns(CHART.views)]
    assert len(rows) == len(cohort_rows["docs"]) == 80
    qualities = set()
    for subject, d in cohort_rows["docs"].items():
        drawing = load_drawing(d)
        expected = cohort_record(drawing)
        row = rows[subject]
        assert {n: row[n] for n in names} == expected, subject
        found = measure_drawing(drawing)
        qualities |= set(found.extent_by_quality)
        for q in PAIN_QUALITIES:
            assert row[f"extent_{q}_cm2"] == round(found.extent_by_quality.get(q, 0.0), 2)
        if engine == "exact":
            assert row["extent_cm2"] == pytest.approx(round(found.extent_cm2, 2), abs=0.011)
    assert qualities  # the synthetic drawings have qualities to compare


def test_the_cohort_table_has_the_measure_columns(cohort_rows: dict[str, Any]) -> None:
    row = next(iter(cohort_rows["raster"].values()))
    for name in (
        "weighted_extent_cm2",
        "weighted_extent_pct",
        "n_areas",
        "front_centroid_x",
        "back_centroid_y",
        "laterality_index",
        "extent_aching_cm2",
    ):
        assert name in row, name
