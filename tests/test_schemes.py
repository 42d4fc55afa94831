"""Region schemes: the CHOIR, WPI and chart schemes, codes in and out, and the WPI measures."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
import shapely
from shapely.geometry import box
from typer.testing import CliRunner

import bodymap
from bodymap.analysis.schemes import MIN_AREA, MIN_SHARE, codes, widespread, widespread_of
from bodymap.cli import app
from bodymap.core.errors import CodeError, UnknownNameError
from bodymap.model.scheme import from_codes, load_scheme, parse_sex

runner = CliRunner()
MALE = [str(c) for c in (*range(101, 137), *range(201, 239))]
FEMALE = {"112": "116", "113": "117", "114": "112", "115": "113", "116": "114", "117": "115"}


@pytest.fixture(scope="module")
def choir():
    return load_scheme("choir")


@pytest.fixture(scope="module")
def wpi():
    return load_scheme("wpi")


def test_builtin_schemes_are_listed():
    assert bodymap.load_scheme("bodymap").codes == tuple(r.id for r in bodymap.load_chart().regions)
    result = runner.invoke(app, ["schemes", "--json"])
    assert result.exit_code == 0, result.output
    listed = {s["name"]: s["areas"] for s in json.loads(result.stdout)}
    # bodymap: every chart region, the two soles included
    assert listed == {"bodymap": 78, "choir": 74, "michigan": 35, "wpi": 19}


def test_every_male_code_is_its_own_segment(choir):
    assert choir.codes == tuple(MALE)
    for code in MALE:
        assert choir.resolve(code) == (code,)
        assert choir.resolve(code, "male") == (code,)


def test_female_numbering(choir):
    for code in MALE:
        assert choir.resolve(code, "female") == (FEMALE.get(code, code),)
    # The renumbering is a permutation of the six front segments.
    assert sorted(FEMALE) == sorted(FEMALE.values())
    assert choir.resolve("112,113,114,115,116,117", "female") == tuple(sorted(FEMALE.values()))


def test_female_segments_name_the_same_body_part(choir):
    # 112-117 female = abdomen, abdomen, upper arm, elbow, elbow, forearm (male numbering 116,
    # 117, 112, 113, 114, 115): after the renumbering the name's body part matches.
    parts = {c: choir.area(c).body_area for c in FEMALE.values()}
    assert parts == {
        "116": "trunk",
        "117": "trunk",
        "112": "arm",
        "113": "arm",
        "114": "arm",
        "115": "arm",
    }


def test_redcap_codes(choir):
    for i in range(1, 37):
        assert choir.resolve(f"f{i:02d}") == (str(100 + i),)
        assert choir.resolve(f"F{i:02d}") == (str(100 + i),)
    for i in range(1, 39):
        assert choir.resolve(f"b{i:02d}") == (str(200 + i),)
    assert choir.resolve(" b07, f01 ,101,223") == ("101", "207", "223")


def test_bad_codes_are_named(choir):
    with pytest.raises(CodeError) as info:
        choir.resolve("101,999,f37,b00,x")
    assert str(info.value) == (
        "unknown choir codes '999', 'f37', 'b00', 'x'; 'bodymap schemes choir' lists the codes"
    )
    with pytest.raises(CodeError, match="unknown choir code '137';"):
        from_codes("137")
    with pytest.raises(UnknownNameError, match="unknown sex 'x'"):
        parse_sex("x")
    assert [parse_sex(s) for s in ("F", "female", "M", "Male", " ", None)] == [
        "female", "female", "male", "male", None, None,
    ]  # fmt: skip


def test_empty_list_is_no_pain(choir):
    drawing = from_codes("", subject="p0")
    assert drawing.marks == () and drawing.subject == "p0"
    assert codes(drawing) == ()
    assert choir.resolve(" , ,") == ()
    assert widespread(drawing).wpi == 0


@pytest.mark.parametrize("view", ["front", "back"])
def test_segments_tile_the_outline(choir, view):
    chart = bodymap.load_chart()
    outline = chart.outline(view)
    geoms = [a.parts[view] for a in choir.areas if view in a.parts]
    assert len(geoms) == (36 if view == "front" else 38)
    union = shapely.union_all(geoms)
    assert sum(g.area for g in geoms) - union.area < 0.01  # no overlaps
    assert union.symmetric_difference(outline).area < 0.05  # no gaps, nothing outside
    assert all(g.is_valid for g in geoms)


def test_sides_follow_the_chart_frame(choir):
    for area in choir.areas:
        (view,) = area.views
        x = area.parts[view].centroid.x
        left = x > 0 if view == "front" else x < 0
        assert area.side == ("left" if left else "right"), area.code
        assert area.names["en"].startswith(area.side.capitalize()), area.code


def test_segments_lie_where_named(choir):
    chart = bodymap.load_chart()
    spots = {  # a chart landmark inside the segment a clinician expects it in
        "103": ("front", "temple-right"),
        "104": ("front", "angle-of-jaw-left"),
        "109": ("front", "nipple-left"),
        "110": ("front", "acromion-left"),
        "114": ("front", "elbow-left"),
        "124": ("front", "wrist-left"),
        "128": ("front", "thenar-left"),
        "129": ("front", "patella-right"),
        "134": ("front", "lateral-malleolus-left"),
        "135": ("front", "hallux-tip-right"),
        "203": ("back", "mastoid-left"),
        "210": ("back", "acromion-right"),
        "212": ("back", "inferior-angle-of-scapula-left"),
        "227": ("back", "fingertip-left"),
        "231": ("back", "popliteal-fossa-left"),
        "238": ("back", "heel-right"),
    }
    for code, (view, name) in spots.items():
        x, y = chart.landmarks[view][name]
        assert choir.area(code).parts[view].covers(shapely.Point(x, y)), (code, name)


@pytest.mark.parametrize("code", MALE)
def test_round_trip_single_code(code):
    drawing = from_codes(code)
    assert [m.properties["code"] for m in drawing.marks] == [code]
    assert all(m.properties["scheme"] == "choir" for m in drawing.marks)
    assert tuple(s.code for s in codes(drawing)) == (code,)


def test_round_trip_random_sets(tmp_path):
    rng = random.Random(13)
    for i in range(60):
        picked = sorted(rng.sample(MALE, rng.randint(1, 74)), key=MALE.index)
        drawing = from_codes(",".join(rng.sample(picked, len(picked))))
        path = drawing.save(tmp_path / f"d{i}.json")
        assert [s.code for s in codes(path)] == picked


def test_round_trip_through_the_command_line(tmp_path):
    out = tmp_path / "d.json"
    result = runner.invoke(
        app, ["from-codes", "b07,f01,223,F02", "--subject", "p1", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    assert doc["bodymap"]["subject"] == "p1"
    assert [f["properties"]["code"] for f in doc["features"]] == ["101", "102", "207", "223"]
    result = runner.invoke(app, ["codes", str(out)])
    assert result.stdout == "101,102,207,223\n"
    result = runner.invoke(app, ["codes", str(out), "--json"])
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == ["101", "102", "207", "223"]
    assert all(r["share"] == 1.0 for r in rows)
    assert rows[0]["names"]["en"] == "Right head (front)"
    female = tmp_path / "f.json"
    runner.invoke(app, ["from-codes", "112", "--sex", "female", "-o", str(female)])
    assert runner.invoke(app, ["codes", str(female)]).stdout == "116\n"


def test_command_line_errors(tmp_path):
    out = tmp_path / "d.json"
    result = runner.invoke(app, ["from-codes", "101,999", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown choir code '999'; 'bodymap schemes choir' lists the codes\n"
    )
    assert not out.exists()
    result = runner.invoke(app, ["from-codes", "101", "--sex", "x", "-o", str(out)])
    assert result.exit_code == 2
    assert "unknown sex 'x'; choose from: male, female" in result.stderr
    result = runner.invoke(app, ["schemes", "nope"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "Error: unknown scheme 'nope'; choose from: bodymap, choir, michigan, wpi\n"
    )
    result = runner.invoke(app, ["codes", "--help"])
    assert "10% of its area or 5 cm², whichever is" in " ".join(result.stdout.split())


def test_threshold(choir):
    seg = choir.area("108").parts["front"]  # big: 10 % of it is more than 5 cm²
    assert MIN_SHARE * seg.area > MIN_AREA

    def patch(target):
        c = seg.representative_point()
        for r in np.arange(0.2, 20, 0.01):
            piece = seg.intersection(box(c.x - r, c.y - r, c.x + r, c.y + r))
            if piece.area >= target:
                return piece
        raise AssertionError

    for cm2, counted in ((4.8, False), (5.05, True)):
        doc = {
            "type": "FeatureCollection",
            "bodymap": {"kind": "drawing", "version": 1},
            "features": [
                {
                    "type": "Feature",
                    "properties": {"view": "front"},
                    "geometry": shapely.geometry.mapping(patch(cm2)),
                }
            ],
        }
        assert ("108" in [s.code for s in codes(doc)]) is counted
        assert ("108" in [s.code for s in codes(doc, min_area=4.0)]) is True
        assert ("108" in [s.code for s in codes(doc, min_area=50, min_share=0.5)]) is False
    small = choir.area("119")  # small: 10 % of it is less than 5 cm²
    assert MIN_SHARE * small.area < MIN_AREA


def test_wpi_scheme(wpi):
    assert len(wpi.areas) == 19
    assert set(wpi.groups) == {"left-upper", "right-upper", "left-lower", "right-lower", "axial"}
    by_group = {g: sorted(a.code for a in wpi.areas if a.group == g) for g in wpi.groups}
    assert by_group["axial"] == ["abdomen", "chest", "lower-back", "neck", "upper-back"]
    assert by_group["left-upper"] == [
        "jaw-left", "lower-arm-left", "shoulder-girdle-left", "upper-arm-left",
    ]  # fmt: skip
    assert sorted(a.code for a in wpi.areas if not a.generalized) == [
        "abdomen", "chest", "jaw-left", "jaw-right",
    ]  # fmt: skip
    # The WPI areas do not overlap one another.
    for view in ("front", "back"):
        geoms = [a.parts[view] for a in wpi.areas if view in a.parts]
        assert sum(g.area for g in geoms) - shapely.union_all(geoms).area < 0.01


def test_generalized_pain(wpi):
    four = widespread_of(["jaw-left", "upper-arm-right", "hip-left", "neck"], wpi)
    assert (four.wpi, four.generalized) == (4, False)  # the jaw does not count: 3 regions
    four = widespread_of(["shoulder-girdle-left", "upper-arm-right", "hip-left", "neck"], wpi)
    assert (four.wpi, four.generalized) == (4, True)
    no_axial = widespread_of(["chest", "abdomen", "jaw-right", "hip-left", "hip-right"], wpi)
    assert (no_axial.wpi, no_axial.generalized) == (5, False)
    drawing = from_codes("shoulder-girdle-left,lower-arm-right,hip-left,lower-leg-right", "wpi")
    spread = widespread(drawing)
    assert (spread.wpi, spread.generalized) == (4, True)
    assert [s.code for s in codes(drawing, "wpi")] == [
        "shoulder-girdle-left", "hip-left", "lower-arm-right", "lower-leg-right",
    ]  # fmt: skip


def test_compare_with_a_scheme(tmp_path):
    drawing = from_codes("101,207,223")
    result = bodymap.compare(drawing, "iliopsoas", scheme="choir")
    assert [r.id for r in result.regions] == ["101", "207", "223"]
    data = result.to_dict()
    assert (data["wpi"], data["generalized"]) == (widespread(drawing).wpi, False)
    default = bodymap.compare(drawing, "iliopsoas").to_dict()
    assert default["wpi"] == data["wpi"]
    assert all(not r["id"].isdigit() for r in default["regions"])
    path = drawing.save(tmp_path / "d.json")
    result = runner.invoke(app, ["compare", str(path), "--scheme", "choir", "--json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)["regions"]] == ["101", "207", "223"]
    text = runner.invoke(app, ["compare", str(path), "--scheme", "wpi"]).stdout
    assert "Widespread Pain Index: " in text and "generalized pain" in text


def test_credit_is_kept(choir):
    assert "MIT License" in choir.meta["licence"]
    assert "Eric Cramer" in choir.meta["licence"]
    assert "CHOIRBM" in choir.meta["credit"] and "e880" in choir.meta["credit"]
