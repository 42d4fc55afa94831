"""Comparison of drawings with patterns and with each other; ranking; the compare/rank CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.ranking import RANK_REASON
from bodymap.cli import app
from bodymap.core.geometry import mirror
from bodymap.model.drawing import Drawing, Mark

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"
runner = CliRunner()

TOP_KEYS = [
    "pattern",
    "side",
    "kind",
    "red_flag",
    "recall",
    "precision",
    "dice",
    "jaccard",
    "essential",
    "zones",
    "views",
    "extent",
    "outside_cm2",
    "regions",
    "wpi",
    "generalized",
]


def zones_drawing(pattern, side="left", kind=None):
    """A drawing whose marks are exactly the pattern's zones."""
    return Drawing(tuple(Mark(z.view, z.geometry) for z in pattern.zones(side, kind=kind)))


@pytest.fixture(scope="module")
def same_as_pattern(iliopsoas):
    return zones_drawing(iliopsoas)


def test_drawing_equal_to_the_pattern_gives_dice_1(iliopsoas, same_as_pattern):
    c = bodymap.compare(same_as_pattern, "iliopsoas", side="left")
    assert c.pattern == "iliopsoas" and c.side == "left"
    for m in ("recall", "precision", "dice", "jaccard"):
        assert getattr(c, m) == pytest.approx(1.0)
    essential = iliopsoas.area("left", kind="essential")
    total = iliopsoas.area("left")
    assert c.essential.recall == pytest.approx(1.0)
    assert c.essential.precision == pytest.approx(essential / total)
    assert c.essential.dice == pytest.approx(2 * essential / (essential + total))
    assert [z.id for z in c.zones] == [z.id for z in iliopsoas.zones("left")]
    assert all(z.coverage == pytest.approx(1.0) for z in c.zones)
    assert c.extent.cm2 == pytest.approx(total)
    assert c.extent.percent == pytest.approx(100 * total / bodymap.load_chart().area())
    assert c.outside_cm2 == pytest.approx(0.0, abs=1e-6)
    views = {v.view: v for v in c.views}
    assert views["front"].overlap_cm2 == pytest.approx(iliopsoas.area("left", "front"))
    assert views["back"].pattern_cm2 == pytest.approx(iliopsoas.area("left", "back"))


def test_disjoint_drawing_gives_0():
    head = Drawing((Mark("front", box(-3, 160, 3, 166), intensity=5),))
    c = bodymap.compare(head, "iliopsoas", side="left")
    assert (c.recall, c.precision, c.dice, c.jaccard) == (0.0, 0.0, 0.0, 0.0)
    assert c.essential.dice == 0.0
    assert all(z.marked_cm2 == 0.0 for z in c.zones)
    assert c.extent.cm2 == pytest.approx(36.0)
    assert {r.id for r in c.regions} <= {
        "face-left",
        "face-right",
        "head-front-left",
        "head-front-right",
    }


def _half(geometry):
    """The part of ``geometry`` left of the x that halves its area (bisection)."""
    x0, y0, x1, y1 = geometry.bounds
    lo, hi = x0, x1
    for _ in range(60):
        mid = (lo + hi) / 2
        if geometry.intersection(box(x0 - 1, y0 - 1, mid, y1 + 1)).area < geometry.area / 2:
            lo = mid
        else:
            hi = mid
    return geometry.intersection(box(x0 - 1, y0 - 1, lo, y1 + 1))


def test_half_a_zone_gives_coverage_one_half(iliopsoas):
    zone = next(z for z in iliopsoas.zones("left") if z.id == "groin-left")
    d = Drawing((Mark("front", _half(zone.geometry)),))
    c = bodymap.compare(d, iliopsoas, side="left")
    coverage = {z.id: z.coverage for z in c.zones}
    assert coverage["groin-left"] == pytest.approx(0.5, abs=1e-6)
    assert all(v == 0.0 for k, v in coverage.items() if k != "groin-left")
    assert c.precision == pytest.approx(1.0)
    assert c.recall == pytest.approx(zone.area / 2 / iliopsoas.area("left"))


def test_side_mirroring_and_best(iliopsoas):
    right = Drawing(tuple(Mark(z.view, mirror(z.geometry)) for z in iliopsoas.zones("left")))
    assert bodymap.compare(right, iliopsoas, side="right").dice == pytest.approx(1.0)
    assert bodymap.compare(right, iliopsoas, side="left").dice == pytest.approx(0.0)
    best = bodymap.compare(right, iliopsoas, side="best")
    assert best.side == "right" and best.dice == pytest.approx(1.0)
    assert best.requested_side == "best"
    assert set(best.side_dice) == {"left", "right"}
    assert best.side_dice["left"] == pytest.approx(0.0)
    assert best.zones[0].id.endswith("-right")


def test_best_side_of_the_examples():
    left = bodymap.compare(EXAMPLES / "iliopsoas-left.json")  # default: iliopsoas, best side
    right = bodymap.compare(str(EXAMPLES / "iliopsoas-right.json"), "iliopsoas", side="best")
    assert (left.side, right.side) == ("left", "right")
    assert left.dice > 0.6 and right.dice > 0.5


def test_both_sides_at_once(iliopsoas, same_as_pattern):
    c = bodymap.compare(same_as_pattern, iliopsoas, side="both")
    assert c.side == "both"
    assert c.recall == pytest.approx(0.5) and c.precision == pytest.approx(1.0)
    assert len(c.zones) == 2 * len(iliopsoas.zones("left"))


def test_clipping_and_outside_in_a_comparison(chart):
    # A square half across the body edge at the flank, and one fully outside.
    straddling = box(-20, 120, -10, 130)
    d = Drawing((Mark("front", straddling), Mark("front", box(60, 100, 64, 104))))
    c = bodymap.compare(d, "iliopsoas")
    inside = straddling.intersection(chart.outline("front")).area
    assert c.extent.cm2 == pytest.approx(inside, abs=1e-6)
    assert c.outside_cm2 == pytest.approx(100 - inside + 16, abs=1e-6)
    assert {v.view: v.outside_cm2 for v in c.views}["front"] == pytest.approx(c.outside_cm2)
    assert c.precision == 0.0  # nothing inside the pattern


def test_marks_outside_the_body_do_not_count_as_overlap(iliopsoas, chart):
    """A mark covering a zone and spilling off the body: only the inside part counts."""
    zone = next(z for z in iliopsoas.zones("left") if z.id == "groin-left")
    blob = zone.geometry.buffer(30)  # huge: far beyond the outline
    c = bodymap.compare(Drawing((Mark("front", blob),)), iliopsoas, side="left")
    expected = blob.intersection(chart.outline("front")).area
    # Measured through the regions, which tile the outline up to 0.01 cm grid slivers.
    assert c.extent.cm2 == pytest.approx(expected, abs=0.01)
    assert c.outside_cm2 == pytest.approx(blob.area - expected, abs=0.01)


def test_regions_touched(chart):
    d = Drawing((Mark("back", region="sacrum", intensity=3), Mark("back", box(-4, 108, -2, 110))))
    c = bodymap.compare(d, "iliopsoas")
    shares = {r.id: r for r in c.regions}
    assert shares["sacrum"].share == pytest.approx(1.0)
    assert shares["sacrum"].side == "midline" and shares["sacrum"].view == "back"
    assert shares["lower-back-left"].marked_cm2 == pytest.approx(4.0)
    assert shares["lower-back-left"].share == pytest.approx(
        4.0 / chart.region("lower-back-left").area
    )
    # Regions are listed in chart order.
    order = [r.id for r in chart.regions]
    assert [r.id for r in c.regions] == sorted(shares, key=order.index)


def test_drawing_versus_drawing():
    first = Drawing((Mark("front", box(0, 100, 4, 104)),), {"subject": "p"})
    second = Drawing((Mark("front", box(2, 100, 6, 104)), Mark("back", box(0, 100, 2, 102))))
    c = bodymap.compare(first, second)
    assert c.side is None and c.essential is None and c.zones == ()
    # |A| = 16, |B| = 20, |A ∩ B| = 8
    assert c.recall == pytest.approx(8 / 20) and c.precision == pytest.approx(8 / 16)
    assert c.dice == pytest.approx(16 / 36) and c.jaccard == pytest.approx(8 / 28)
    body = bodymap.load_chart().area()
    assert c.extent_change.cm2 == pytest.approx(4.0)
    assert c.extent_change.percent == pytest.approx(400 / body)
    assert c.extent_change.relative_percent == pytest.approx(25.0)
    d = c.to_dict()
    assert list(d) == [*TOP_KEYS, "extent_change"]
    assert d["extent_change"] == {
        "cm2": 4.0,
        "percent": round(400 / body, 2),
        "relative_percent": 25.0,
    }
    assert bodymap.compare(first, first).dice == pytest.approx(1.0)


def test_drawing_file_as_the_second_argument():
    first = EXAMPLES / "iliopsoas-left.json"
    later = EXAMPLES / "iliopsoas-left-followup.json"
    c = bodymap.compare(first, str(later))
    assert c.pattern == "iliopsoas-left-followup.json" and c.extent_change.cm2 < 0
    assert bodymap.compare(first, later).dice == c.dice
    pattern_file = Path(bodymap.load_pattern("iliopsoas").path)
    assert bodymap.compare(first, pattern_file).pattern == "iliopsoas"


def test_to_dict_names_and_rounding(iliopsoas):
    c = bodymap.compare(EXAMPLES / "iliopsoas-left.json", iliopsoas)
    d = c.to_dict()
    assert list(d) == TOP_KEYS
    assert list(d["essential"]) == ["recall", "precision", "dice", "jaccard"]
    assert list(d["zones"][0]) == [
        "id",
        "view",
        "kind",
        "names",
        "area_cm2",
        "marked_cm2",
        "coverage",
    ]
    assert list(d["views"][0]) == [
        "view",
        "drawing_cm2",
        "pattern_cm2",
        "overlap_cm2",
        "outside_cm2",
    ]
    assert list(d["extent"]) == ["cm2", "percent"]
    assert list(d["regions"][0]) == [
        "id",
        "view",
        "side",
        "names",
        "area_cm2",
        "marked_cm2",
        "share",
    ]
    assert d["dice"] == round(c.dice, 4)
    assert json.loads(c.to_json()) == d
    assert all(type(d[m]) is float for m in ("recall", "precision", "dice", "jaccard"))


def test_rank_puts_iliopsoas_of_the_correct_side_first():
    for name, side in (("iliopsoas-left.json", "left"), ("iliopsoas-right.json", "right")):
        result = bodymap.rank(EXAMPLES / name)
        assert (result.best.pattern, result.best.side) == ("iliopsoas", side)
        assert result.measure == "dice" and result.reason == RANK_REASON
        dice = [c.dice for c in result]
        assert dice == sorted(dice, reverse=True)


def test_rank_scores_every_pattern_on_each_of_its_sides():
    result = bodymap.rank(EXAMPLES / "widespread.json")
    expected = {
        (name, side)
        for name in bodymap.pattern_names()
        for side in bodymap.load_pattern(name).sides
    }
    assert {(c.pattern, c.side) for c in result} == expected
    assert len(result) == len(expected)
    top = bodymap.rank(EXAMPLES / "widespread.json", top=2, by="recall")
    assert len(top) == 2 and top.measure == "recall"
    assert top[0].recall >= top[1].recall
    assert list(top.to_dict()) == ["drawing", "measure", "results", "red_flags"]
    assert list(top.to_dict()["results"][0]) == [*TOP_KEYS, "fit", "red_flag_raised"]


def test_api_errors():
    d = EXAMPLES / "iliopsoas-left.json"
    with pytest.raises(bodymap.UnknownNameError) as err:
        bodymap.compare(d, side="up")
    assert str(err.value) == "unknown side 'up'; choose from: left, right, both, best"
    with pytest.raises(bodymap.UnknownNameError) as err:
        bodymap.rank(d, by="area")
    assert str(err.value) == (
        "unknown measure 'area'; choose from: recall, precision, dice, jaccard, fit"
    )
    with pytest.raises(bodymap.BodymapError, match=r"^top must be at least 1, not 0$"):
        bodymap.rank(d, top=0)
    with pytest.raises(bodymap.UnknownNameError, match=r"^unknown pattern 'psoas'"):
        bodymap.compare(d, "psoas")


def test_compare_stays_the_function_after_importing_the_module():
    import bodymap.analysis.comparison
    import bodymap.cli.compare

    assert bodymap.compare is bodymap.analysis.comparison.compare
    assert bodymap.compare(EXAMPLES / "iliopsoas-left.json").pattern == "iliopsoas"


# --- the command line -----------------------------------------------------------------------


def test_cli_compare_json_and_table():
    path = str(EXAMPLES / "iliopsoas-right.json")
    result = runner.invoke(app, ["compare", path, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == TOP_KEYS and data["side"] == "right"
    assert data == bodymap.compare(path).to_dict()

    left = runner.invoke(app, ["compare", path, "--side", "left", "--json"])
    assert json.loads(left.stdout)["side"] == "left"

    table = runner.invoke(app, ["compare", path, "--pattern", "iliopsoas"])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[1].startswith("Pattern: Iliopsoas, right side (best fit by Dice: left 0.00, right")
    assert lines[3].split() == ["measure", "all", "zones", "essential", "meaning"]
    assert any(line.startswith("Pain extent: ") for line in lines)
    assert "groin-right" in table.stdout


def test_cli_compare_two_drawings():
    first, second = EXAMPLES / "iliopsoas-left.json", EXAMPLES / "iliopsoas-left-followup.json"
    result = runner.invoke(app, ["compare", str(first), str(second), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [*TOP_KEYS, "extent_change"]
    assert data["side"] is None and data["extent_change"]["cm2"] < 0
    table = runner.invoke(app, ["compare", str(first), str(second)])
    assert table.exit_code == 0
    assert table.stdout.startswith("First drawing:  ")
    assert "Change: -" in table.stdout


def test_cli_rank():
    path = str(EXAMPLES / "iliopsoas-left.json")
    result = runner.invoke(app, ["rank", path, "--top", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "Ranked by Dice, best first."
    assert lines[3].split()[:5] == ["rank", "pattern", "structure", "side", "kind"]
    assert lines[5].split()[:5] == ["1", "iliopsoas", "Iliopsoas", "left", "muscle"]
    muscles = runner.invoke(app, ["rank", path, "--top", "3", "--kind", "muscle"]).stdout
    assert muscles.splitlines()[3].split()[:4] == ["rank", "pattern", "muscle", "side"]
    assert len([ln for ln in lines if ln[:4].strip().isdigit()]) == 3
    assert "Why Dice:" in result.stdout
    data = json.loads(runner.invoke(app, ["rank", path, "--json", "--top", "2"]).stdout)
    assert data["measure"] == "dice" and len(data["results"]) == 2
    assert data["results"][0]["pattern"] == "iliopsoas"


def test_cli_rank_something_else():
    result = runner.invoke(app, ["rank", str(EXAMPLES / "neck-shoulder-left.json")])
    assert result.exit_code == 0
    best = bodymap.rank(EXAMPLES / "neck-shoulder-left.json").best
    if not best.dice:
        assert "None of the built-in patterns overlaps this drawing." in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["compare", "D", "--side", "up"],
            2,
            "Error: Invalid value for '--side': unknown side 'up'; choose from: left, right, "
            "both, best (see 'bodymap compare --help')",
        ),
        (
            ["compare", "D", "D", "--pattern", "iliopsoas"],
            2,
            "Error: Invalid value for '--pattern': give a second drawing or --pattern, not both "
            "(see 'bodymap compare --help')",
        ),
        (["compare", "D", "--pattern", "nope.json"], 1, "Error: nope.json: no such pattern file"),
        (["compare", "D", "missing.json"], 1, "Error: missing.json: no such drawing file"),
        (
            ["rank", "D", "--top", "0"],
            2,
            "Error: Invalid value for '--top': must be at least 1, not 0 "
            "(see 'bodymap rank --help')",
        ),
        (
            ["rank", "D", "--by", "area"],
            2,
            "Error: Invalid value for '--by': unknown measure 'area'; choose from: dice, "
            "jaccard, recall, precision, fit (see 'bodymap rank --help')",
        ),
    ],
)
def test_cli_errors(args, code, message):
    path = str(EXAMPLES / "iliopsoas-left.json")
    result = runner.invoke(app, [path if a == "D" else a for a in args])
    assert result.exit_code == code, result.output
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_cli_unknown_pattern_suggests_the_closest_and_points_to_the_list():
    result = runner.invoke(
        app, ["compare", str(EXAMPLES / "iliopsoas-left.json"), "-p", "iliopsaos"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown pattern 'iliopsaos'; did you mean 'iliopsoas'? "
        f"('bodymap patterns' lists all {len(bodymap.pattern_names())})\n"
    )


def test_vectorised_pattern_unions_are_cached(iliopsoas, chart):
    from bodymap.analysis.reference import pattern_reference as _pattern_reference

    a = _pattern_reference(iliopsoas, "left", chart)
    assert _pattern_reference(iliopsoas, "left", chart) is a
    assert shapely.is_prepared(a.total[0])


def test_fit_score_definition_and_ranking():
    drawing = EXAMPLES / "iliopsoas-left.json"
    c = bodymap.compare(drawing, "iliopsoas", side="left")
    p, e = c.precision, c.essential.recall
    assert c.fit == pytest.approx(5 * p * e / (4 * p + e))
    ranked = bodymap.rank(drawing, by="fit")
    assert ranked.measure == "fit" and ranked.reason.startswith("Fit is the F2 score")
    assert (ranked.best.pattern, ranked.best.side) == ("iliopsoas", "left")
    fits = [r.fit for r in ranked]
    assert fits == sorted(fits, reverse=True)
    data = ranked.to_dict()
    assert data["results"][0]["fit"] == pytest.approx(round(ranked.best.fit, 4))
    # compare's own JSON keeps exactly its documented names
    assert "fit" not in c.to_dict()
    # a drawing reference has no essential zones, hence no fit
    assert bodymap.compare(drawing, drawing).fit is None


def test_rank_cli_by_fit():
    result = runner.invoke(app, ["rank", str(EXAMPLES / "iliopsoas-left.json"), "--by", "fit"])
    assert result.exit_code == 0, result.output
    assert "Ranked by Fit, best first." in result.stdout
    assert result.stdout.splitlines()[3].split()[-1] == "fit"


# --- a pattern given as a file whose name is not built in ------------------------------------


@pytest.fixture
def user_pattern(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = json.loads(
        (Path(bodymap.load_pattern("iliopsoas").path or "")).read_text(encoding="utf-8")
    )
    doc["bodymap"]["name"] = "my-pattern"
    doc["bodymap"]["names"] = {"en": "My pattern", "nl": "Mijn patroon"}
    Path("my-pattern.json").write_text(json.dumps(doc), encoding="utf-8")
    return Path("my-pattern.json")


@pytest.mark.parametrize("as_json", [False, True])
def test_cli_compare_with_a_pattern_file_in_every_output_mode(user_pattern, as_json):
    drawing = str(EXAMPLES / "iliopsoas-left.json")
    args = ["compare", drawing, "-p", "./my-pattern.json"] + (["--json"] if as_json else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    if as_json:
        assert json.loads(result.output)["pattern"] == "my-pattern"
    else:
        assert "Pattern: My pattern, left side" in result.output
    builtin = bodymap.compare(drawing, "iliopsoas").dice
    assert bodymap.compare(drawing, "./my-pattern.json").dice == builtin


def test_cli_render_and_cohort_take_a_pattern_file(user_pattern):
    result = runner.invoke(app, ["render", "-p", "./my-pattern.json", "-o", "x.svg"])
    assert result.exit_code == 0, result.output
    assert "My pattern" in Path("x.svg").read_text(encoding="utf-8")
    drawing = str(EXAMPLES / "iliopsoas-left.json")
    result = runner.invoke(
        app, ["cohort", drawing, "-p", "./my-pattern.json", "-o", "t.csv", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "my_pattern_left_dice" in Path("t.csv").read_text(encoding="utf-8")
