"""A patient over many visits (``bodymap track``): order, change, the MDC flag and the figure.

Visits made of boxes check the new, resolved and persisting areas and the Jaccard indices by
hand; the order follows the drawings' ``recorded`` dates, or the order given when one has
none.  The minimal detectable change is the one derived from the test-retest limits of
agreement of Leoni et al. 2013 (the pilot of Barbero et al., Eur J Pain 2015;19:1129-38):
38 % of the mean extent of two visits.  The example patient of ``examples/drawings`` spreads
then resolves, and the figure shows the three colours and the trend.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from visit_helpers import box, doc

from bodymap.analysis.tracking import MDC_SHARE, exceeds_mdc, track
from bodymap.cli import app
from bodymap.model.reader import load_drawing
from bodymap.scene.items import Text
from bodymap.scene.track import track_scene

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "drawings"
VISITS = [str(EXAMPLES / f"low-back-right-visit{i}.json") for i in (1, 2, 3)]
runner = CliRunner()


def visit(recorded: str | None, *features: dict[str, Any]) -> Any:
    meta = {"subject": "p1"} | ({"recorded": recorded} if recorded else {})
    return load_drawing(doc(*features, **meta))


def test_the_mdc_is_half_the_limits_of_agreement_over_the_mean_extent() -> None:
    # Leoni et al. 2013: limits -2710 to 1960 px around mean extents of 5888 and 6261 px.
    share = MDC_SHARE
    assert share == pytest.approx((1960 + 2710) / 2 / ((5888 + 6261) / 2))
    assert share == pytest.approx(0.384, abs=0.001)


@pytest.mark.parametrize(
    ("before", "after", "exceeds"),
    [
        (100.0, 138.0, False),  # 38 against 38 % of 119 = 45.7
        (100.0, 150.0, True),  # 50 against 38 % of 125 = 48.1
        (100.0, 70.0, False),  # 30 against 38 % of 85 = 32.7
        (100.0, 60.0, True),  # 40 against 38 % of 80 = 30.8
        (0.0, 0.0, False),
        (0.0, 5.0, True),
    ],
)
def test_a_change_exceeds_the_mdc(before: float, after: float, exceeds: bool) -> None:
    assert exceeds_mdc(before, after) is exceeds


def test_new_resolved_and_persisting_area_between_visits() -> None:
    first = visit("2026-01-10", box(2, 110, 6, 114))  # 16 cm²
    second = visit("2026-02-10", box(4, 110, 8, 114))  # 16 cm², 8 shared
    third = visit("2026-03-10", box(4, 110, 6, 114))  # 8 cm², inside the second
    found = track([third, first, second])
    assert [v.drawing for v in found.visits] == [first, second, third]
    assert found.by_date
    v1, v2, v3 = found.visits
    assert v1.change is None and v1.jaccard_first == pytest.approx(1.0)
    assert v2.change is not None
    assert v2.change.new_cm2 == pytest.approx(8.0)
    assert v2.change.resolved_cm2 == pytest.approx(8.0)
    assert v2.change.persisting_cm2 == pytest.approx(8.0)
    assert v2.change.jaccard == pytest.approx(8 / 24)
    assert v3.change is not None
    assert v3.change.new_cm2 == pytest.approx(0.0)
    assert v3.change.resolved_cm2 == pytest.approx(8.0)
    assert v3.change.jaccard == pytest.approx(0.5)
    assert v3.jaccard_first == pytest.approx(8 / 16)
    assert v2.exceeds_mdc is False and v3.exceeds_mdc is True  # 16 -> 16, 16 -> 8


def test_the_order_given_when_a_drawing_has_no_date() -> None:
    a = visit("2026-05-01", box(2, 110, 6, 114))
    b = visit(None, box(2, 110, 6, 114))
    c = visit("2026-01-01", box(2, 110, 6, 114))
    found = track([a, b, c])
    assert [v.drawing for v in found.visits] == [a, b, c]
    assert not found.by_date


def test_dates_with_different_offsets_are_compared_as_times() -> None:
    late = visit("2026-03-01T08:00:00+01:00", box(2, 110, 6, 114))
    early = visit("2026-03-01T08:30:00+03:00", box(2, 110, 6, 114))  # 05:30 UTC
    assert [v.drawing for v in track([late, early]).visits] == [early, late]


def test_track_needs_two_drawings() -> None:
    res = runner.invoke(app, ["track", VISITS[0]])
    assert res.exit_code == 2
    assert "at least two drawings" in res.stderr


def test_track_json_of_the_example_patient() -> None:
    res = runner.invoke(app, ["track", VISITS[2], VISITS[0], VISITS[1], "--json"])
    assert res.exit_code == 0, res.stderr
    visits = json.loads(res.stdout)
    assert [Path(v["source"]).name for v in visits] == [Path(p).name for p in VISITS]
    for key in (
        "source",
        "recorded",
        "extent_cm2",
        "weighted_extent_cm2",
        "jaccard_previous",
        "jaccard_first",
        "new_cm2",
        "resolved_cm2",
        "persisting_cm2",
        "extent_change_exceeds_mdc",
    ):
        assert all(key in v for v in visits), key
    first, spread, resolved = visits
    assert first["jaccard_previous"] is None and first["new_cm2"] is None
    assert spread["extent_cm2"] > 2 * first["extent_cm2"]
    assert spread["new_cm2"] > spread["resolved_cm2"]
    assert resolved["resolved_cm2"] > resolved["new_cm2"]
    assert spread["extent_change_exceeds_mdc"] and resolved["extent_change_exceeds_mdc"]
    for v in (spread, resolved):
        total = v["persisting_cm2"] + v["new_cm2"]
        assert total == pytest.approx(v["extent_cm2"], abs=0.02)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_track_table_marks_the_changes_beyond_the_mdc(lang: str) -> None:
    res = runner.invoke(app, ["track", *VISITS, "--lang", lang])
    assert res.exit_code == 0, res.stderr
    rows = [line for line in res.stdout.splitlines() if line[:1].isdigit()]
    assert len(rows) == 3
    assert "*" not in rows[0] and " *" in rows[1] and " *" in rows[2]
    assert "Barbero" in res.stdout


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_track_figure(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"trend{suffix}"
    res = runner.invoke(app, ["track", *VISITS, "--figure", str(out)])
    assert res.exit_code == 0, res.stderr
    assert out.stat().st_size > 10_000
    assert f"wrote {out}" in res.stderr
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        assert "New since the previous visit" in text and "Persisting" in text


def test_the_figure_shows_each_kind_of_change_and_the_trend() -> None:
    found = track([load_drawing(p) for p in VISITS])
    scene = track_scene(found)
    kinds = [item.kind for item in scene.walk()]
    for kind in ("track-first", "track-new", "track-resolved", "track-persisting"):
        assert kind in kinds, kind
    assert kinds.count("trend-point") == 3
    assert kinds.count("trend-mdc") == 2
    ids = scene.ids()
    assert "legend" in ids and "trend" in ids
    assert {"visit-1", "visit-2", "visit-3"} <= set(ids)


def test_hostile_subjects_and_dates_are_shown_safely(tmp_path: Path) -> None:
    paths = []
    for i, recorded in enumerate(["\x1b[2J" + "x" * 5000, "<script>alert(1)</script>"]):
        d = doc(
            box(2, 110, 6 + i, 114, quality="\x1b]0;owned\x07"),
            subject="\x1b[31mred</svg>",
            recorded=recorded,
        )
        path = tmp_path / f"v{i}.json"
        path.write_text(json.dumps(d), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "t.svg"
    res = runner.invoke(app, ["track", *paths, "--figure", str(out)])
    assert res.exit_code == 0, res.stderr
    assert "\x1b" not in res.stdout
    assert max(len(line) for line in res.stdout.splitlines()) < 1000
    svg = out.read_text(encoding="utf-8")
    assert "<script>" not in svg and "red</svg>" not in svg
    measured = runner.invoke(app, ["measure", paths[0]])
    assert measured.exit_code == 0 and "\x1b" not in measured.stdout


def test_dates_close_in_time_stay_apart_and_no_change_needs_no_mdc_note() -> None:
    days = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-09-01"]
    found = track([visit(day, box(2, 110, 6, 114)) for day in days])
    scene = track_scene(found)
    xs = [item.x for item in scene.walk() if isinstance(item, Text) and "trend-x-" in item.id]
    assert len(xs) == 4 and xs == sorted(xs)
    assert min(b - a for a, b in pairwise(xs)) > 15.0  # mm: a date label is about 14
    ids = scene.ids()
    assert "legend-mdc-ring" not in ids and "trend-note" not in ids


def test_the_figure_draws_the_soles_only_when_a_visit_marks_them() -> None:
    import bodymap

    point = bodymap.load_chart().outline("sole").representative_point()
    sole = box(point.x - 0.5, point.y - 0.5, point.x + 0.5, point.y + 0.5, view="sole")
    groin = box(2.0, 90.0, 6.0, 94.0)
    without = track([visit("2026-01-01", groin), visit("2026-02-01", groin)])
    with_sole = track([visit("2026-01-01", groin), visit("2026-02-01", groin, sole)])
    assert {f.view for f in track_scene(without).frames} == {"front", "back"}
    assert {f.view for f in track_scene(with_sole).frames} == {"front", "back", "sole"}
