"""Pain-drawing files: loading, every kind of mark, clipping, round-trip, exact error messages."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, box
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.model.drawing import MAX_VERTICES, Drawing, Mark
from bodymap.model.reader import load_drawing

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"


def doc(*features, **meta):
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": list(features),
    }


def feature(geometry=None, **props):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def square(x0, y0, size):
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


DOCUMENTED_EXAMPLE = {
    "type": "FeatureCollection",
    "bodymap": {
        "kind": "drawing",
        "version": 1,
        "chart": "adult",
        "subject": "anon-17",
        "recorded": "2026-11-28T10:30:00+01:00",
    },
    "features": [
        {
            "type": "Feature",
            "properties": {"view": "front", "intensity": 6, "quality": "aching"},
            "geometry": {"type": "Polygon", "coordinates": [[[6, 88], [11, 90], [9, 84], [6, 88]]]},
        },
        {
            "type": "Feature",
            "properties": {"view": "back", "width": 3},
            "geometry": {"type": "LineString", "coordinates": [[-4, 112], [-4, 100]]},
        },
        {
            "type": "Feature",
            "properties": {"view": "back", "region": "buttock-left"},
            "geometry": None,
        },
    ],
}


# --- loading and the mark model -------------------------------------------------------------


def test_the_documented_example_drawing_loads(chart):
    d = load_drawing(DOCUMENTED_EXAMPLE)
    assert d.subject == "anon-17" and d.recorded == "2026-11-28T10:30:00+01:00"
    assert d.path is None and d.source == "<drawing>"
    polygon, stroke, region = d.marks
    assert polygon.view == "front" and polygon.intensity == 6.0 and polygon.quality == "aching"
    assert isinstance(polygon.geometry, Polygon) and polygon.region is None
    assert stroke.is_stroke and stroke.width == 3.0 and stroke.intensity is None
    assert region.geometry is None and region.region == "buttock-left"
    assert d.views() == ("front", "back")
    # Polygon: the triangle's area (inside the body).
    assert d.area("front") == pytest.approx(13.0)


def test_stroke_is_buffered_by_half_the_width_with_round_caps(chart):
    mark = Mark("front", LineString([(0, 110), (0, 100)]), width=2.0)
    shape = mark.shape(chart)
    assert shape.area == pytest.approx(10 * 2 + math.pi, rel=2e-3)
    assert shape.bounds == pytest.approx((-1, 99, 1, 111), abs=1e-9)


def test_whole_region_mark_is_the_region(chart):
    d = load_drawing(doc(feature(view="back", region="buttock-left", intensity=4)))
    region = chart.region("buttock-left")
    assert d.marks[0].shape(chart).equals(region.geometry)
    assert d.area() == pytest.approx(region.area, abs=1e-6)
    assert d.outside_area() == 0.0
    assert [(r.id, a) for r, a in d.marked_regions()] == [
        ("buttock-left", pytest.approx(region.area))
    ]


def test_multipolygon_and_multilinestring(chart):
    multi = {
        "type": "MultiPolygon",
        "coordinates": [square(-2, 105, 2)["coordinates"], square(2, 105, 2)["coordinates"]],
    }
    lines = {
        "type": "MultiLineString",
        "coordinates": [[[-3, 120], [3, 120]], [[0, 125], [0, 130]]],
    }
    d = load_drawing(doc(feature(multi, view="front"), feature(lines, view="back", width=1)))
    assert isinstance(d.marks[0].geometry, MultiPolygon)
    assert d.area("front") == pytest.approx(8.0)
    expected = shapely.union_all(
        [LineString([(-3, 120), (3, 120)]), LineString([(0, 125), (0, 130)])]
    ).buffer(0.5)
    assert d.area("back") == pytest.approx(expected.area, rel=1e-3)


def test_overlapping_marks_count_once():
    d = load_drawing(
        doc(feature(square(0, 105, 4), view="front"), feature(square(2, 105, 4), view="front"))
    )
    assert d.area() == pytest.approx(24.0)


def test_self_intersecting_polygon_is_repaired_not_refused():
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[0, 100], [4, 104], [4, 100], [0, 104], [0, 100]]],
    }
    d = load_drawing(doc(feature(bowtie, view="front")))
    assert not d.marks[0].geometry.is_valid  # kept as given
    shape = d.marks[0].shape()
    assert shape.is_valid and shape.area == pytest.approx(8.0)
    assert d.area() == pytest.approx(8.0)


def test_holes_are_not_marked():
    ring = square(-4, 100, 8)["coordinates"][0]
    hole = square(-1, 103, 2)["coordinates"][0][::-1]
    d = load_drawing(doc(feature({"type": "Polygon", "coordinates": [ring, hole]}, view="front")))
    assert d.area() == pytest.approx(64 - 4)


def test_third_coordinate_is_ignored():
    geometry = {"type": "LineString", "coordinates": [[0, 110, 5], [0, 100, 7.5]]}
    d = load_drawing(doc(feature(geometry, view="front", width=2)))
    assert d.area() == pytest.approx(20 + math.pi, rel=2e-3)


# --- clipping to the body -------------------------------------------------------------------


def test_marks_are_clipped_to_the_body_and_outside_is_reported(chart):
    outside = square(60, 100, 4)  # far to the side of the body
    straddling = square(-20, 120, 10)  # across the right flank and arm gap
    d = load_drawing(doc(feature(outside, view="front"), feature(straddling, view="front")))
    body = chart.outline("front")
    part = box(-20, 120, -10, 130)
    inside = part.intersection(body).area
    assert 0 < inside < 100
    assert d.area() == pytest.approx(inside, abs=1e-6)
    assert d.outside_area() == pytest.approx(16 + 100 - inside, abs=1e-6)
    assert d.geometry("front").area == pytest.approx(inside, abs=1e-6)
    assert d.outside("front").area == pytest.approx(16 + 100 - inside, abs=1e-6)
    assert d.area("back") == 0.0 and d.geometry("back").is_empty


def test_area_of_empty_drawing():
    d = load_drawing(doc())
    assert d.area() == 0.0 and d.outside_area() == 0.0 and d.marked_regions() == ()


def test_examples_load(chart):
    names = sorted(p.name for p in EXAMPLES.glob("*.json"))
    assert {"iliopsoas-left.json", "iliopsoas-right.json", "widespread.json"} <= set(names)
    for path in EXAMPLES.glob("*.json"):
        d = load_drawing(path)
        assert d.path == path and d.marks and d.subject and d.recorded
        assert 0 < d.area() < chart.area()


# --- round trip -----------------------------------------------------------------------------


def test_round_trip_keeps_unknown_members_at_every_level(tmp_path):
    original = copy.deepcopy(DOCUMENTED_EXAMPLE)
    original["bodymap"]["form"] = {"app": "tablet", "build": 12}
    original["crs_note"] = "chart cm"
    original["features"][0]["id"] = "f-1"
    original["features"][0]["properties"]["pressure"] = [0.2, 0.9]
    original["features"][0]["geometry"]["bbox"] = [6, 84, 11, 90]
    original["features"][1]["properties"]["intensity"] = 4.5
    source = tmp_path / "in.json"
    text = json.dumps(original)
    source.write_text(text, encoding="utf-8")

    d = load_drawing(source)
    assert d.extra == {"crs_note": "chart cm"}
    assert d.meta["form"] == {"app": "tablet", "build": 12}
    assert d.marks[0].properties["pressure"] == [0.2, 0.9]
    assert d.to_dict() == original

    out = d.save(tmp_path / "out.json")
    assert source.read_text(encoding="utf-8") == text  # input untouched
    again = load_drawing(out)
    assert again.to_dict() == original
    assert json.loads(out.read_text(encoding="utf-8")) == original
    # ints stay ints, floats stay floats
    assert "[[[6, 88], [11, 90]" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "out.json"]


def test_examples_round_trip(tmp_path):
    for path in EXAMPLES.glob("*.json"):
        d = load_drawing(path)
        out = d.save(tmp_path / path.name)
        assert json.loads(out.read_text(encoding="utf-8")) == json.loads(path.read_text("utf-8"))


def test_drawing_built_from_marks_saves_and_loads(tmp_path):
    marks = (
        Mark("front", box(0, 100, 3, 104), intensity=7, quality="burning"),
        Mark("back", LineString([(-4, 110), (-4, 101)]), width=3),
        Mark("back", region="sacrum"),
    )
    d = Drawing(marks, {"subject": "s-1"})
    assert d.meta["kind"] == "drawing" and d.meta["version"] == 1
    loaded = load_drawing(d.save(tmp_path / "built.json"))
    assert loaded.subject == "s-1"
    assert [m.intensity for m in loaded.marks] == [7, None, None]
    assert loaded.area() == pytest.approx(d.area())


def test_dict_input_is_copied():
    source = copy.deepcopy(DOCUMENTED_EXAMPLE)
    d = load_drawing(source)
    source["features"][0]["geometry"]["coordinates"][0][0] = [0, 0]
    source["bodymap"]["subject"] = "changed"
    assert d.to_dict() == DOCUMENTED_EXAMPLE


def test_save_to_missing_folder_fails_cleanly(tmp_path):
    d = load_drawing(DOCUMENTED_EXAMPLE)
    with pytest.raises(bodymap.OutputError, match="cannot write"):
        d.save(tmp_path / "missing" / "x.json")


# --- bad input: one line naming the file, the feature and the problem ----------------------


def _polygon(coords):
    return {"type": "Polygon", "coordinates": coords}


FRONT_SQUARE = square(0, 100, 2)
BAD_DOCUMENTS = [
    ([1, 2], "d.json: not a GeoJSON FeatureCollection"),
    ({"type": "Feature"}, "d.json: not a GeoJSON FeatureCollection"),
    ({"type": "FeatureCollection", "features": []}, "d.json: missing the 'bodymap' metadata block"),
    (
        {"type": "FeatureCollection", "bodymap": {"kind": "pattern", "version": 1}, "features": []},
        "d.json: is a 'pattern' file, not a 'drawing' file",
    ),
    (
        {"type": "FeatureCollection", "bodymap": {"version": 1}, "features": []},
        'd.json: the \'bodymap\' block needs "kind": "drawing"',
    ),
    (
        {"type": "FeatureCollection", "bodymap": {"kind": "drawing"}, "features": []},
        "d.json: the 'bodymap' block needs \"version\": 1",
    ),
    (
        {"type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 2}, "features": []},
        "d.json: unsupported drawing format version 2; this bodymap reads version 1",
    ),
    (
        {"type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1}, "features": {}},
        "d.json: 'features' must be a list",
    ),
    (doc(chart="child"), "d.json: unknown chart 'child'; choose from: adult"),
    (doc(subject=17), "d.json: 'bodymap.subject' must be a string, not 17"),
    (
        doc(feature(FRONT_SQUARE, view="front"), {"type": "Feature"}),
        "d.json: feature 1: 'properties' must be an object with at least a 'view'",
    ),
    (doc([1]), "d.json: feature 0: not a GeoJSON Feature"),
    (
        doc(feature(FRONT_SQUARE)),
        "d.json: feature 0: 'view' is required; choose from: front, back, sole",
    ),
    (
        doc(
            feature(FRONT_SQUARE, view="front"),
            feature(FRONT_SQUARE, view="back"),
            feature(FRONT_SQUARE, view="side"),
        ),
        "d.json: feature 2: unknown view 'side'; choose from: front, back, sole",
    ),
    (
        doc(feature(view="back", region="buttok-left")),
        "d.json: feature 0: unknown region 'buttok-left'; did you mean 'buttock-left'? "
        "(list them with: bodymap regions --view back)",
    ),
    (
        doc(feature(view="back", region="elbow")),
        "d.json: feature 0: unknown region 'elbow' (list them with: bodymap regions --view back)",
    ),
    (
        doc(feature(view="front", region="buttock-left")),
        "d.json: feature 0: region 'buttock-left' is on the back view, not on the front view",
    ),
    (
        doc(feature(view="front", region=3)),
        "d.json: feature 0: 'region' must be a region id, not 3",
    ),
    (
        doc(feature(None, view="front")),
        "d.json: feature 0: a mark needs a geometry, or a null geometry with a 'region'",
    ),
    (
        doc(feature({"type": "Point", "coordinates": [0, 100]}, view="front")),
        "d.json: feature 0: unsupported geometry type 'Point'; use Polygon, MultiPolygon, "
        "LineString or MultiLineString (or null with a 'region')",
    ),
    (
        doc(feature("POLYGON((0 0, 1 1))", view="front")),
        "d.json: feature 0: 'geometry' must be a GeoJSON geometry object or null",
    ),
    (
        doc(feature({"type": "Polygon"}, view="front")),
        "d.json: feature 0: the Polygon has no 'coordinates'",
    ),
    (
        doc(feature(_polygon([[0, 100], [1, 100], [1, 101]]), view="front")),
        "d.json: feature 0: Polygon coordinates must be a list of rings, each a list of "
        "[x, y] positions",
    ),
    (
        doc(feature({"type": "LineString", "coordinates": [0, 100]}, view="front", width=1)),
        "d.json: feature 0: LineString coordinates must be a list of [x, y] positions",
    ),
    (
        doc(feature({"type": "MultiPolygon", "coordinates": []}, view="front")),
        "d.json: feature 0: MultiPolygon coordinates must be a list of polygons, each a list of "
        "rings of [x, y] positions",
    ),
    (
        doc(feature(_polygon([[[0, 100], ["6", 100], [1, 101], [0, 100]]]), view="front")),
        "d.json: feature 0: coordinates must be numbers, not '6'",
    ),
    (
        doc(feature(_polygon([[[0, 100], [None, 100], [1, 101], [0, 100]]]), view="front")),
        "d.json: feature 0: coordinates must be numbers, not null",
    ),
    (
        doc(feature(_polygon([[[0, 100], [True, 100], [1, 101], [0, 100]]]), view="front")),
        "d.json: feature 0: coordinates must be numbers, not true",
    ),
    (
        doc(feature(_polygon([[[0, 100], [1, 100], [0, 100]]]), view="front")),
        "d.json: feature 0: a Polygon ring needs at least 3 distinct corners",
    ),
    (
        doc(feature({"type": "LineString", "coordinates": [[0, 100]]}, view="front", width=1)),
        "d.json: feature 0: a LineString needs at least 2 positions",
    ),
    (
        doc(feature({"type": "LineString", "coordinates": [[0, 100], [0, 110]]}, view="front")),
        "d.json: feature 0: a LineString stroke needs 'width', the brush diameter in cm",
    ),
    (
        doc(
            feature(
                {"type": "MultiLineString", "coordinates": [[[0, 100], [0, 110]]]},
                view="front",
                width=0,
            )
        ),
        "d.json: feature 0: 'width' must be a positive number of cm, not 0",
    ),
    (
        doc(feature(FRONT_SQUARE, view="front", intensity=11)),
        "d.json: feature 0: 'intensity' must be a number from 0 to 10, not 11",
    ),
    (
        doc(feature(FRONT_SQUARE, view="front", intensity=-0.5)),
        "d.json: feature 0: 'intensity' must be a number from 0 to 10, not -0.5",
    ),
    (
        doc(feature(FRONT_SQUARE, view="front", intensity="6")),
        "d.json: feature 0: 'intensity' must be a number from 0 to 10, not '6'",
    ),
    (
        doc(feature(FRONT_SQUARE, view="front", intensity=True)),
        "d.json: feature 0: 'intensity' must be a number from 0 to 10, not true",
    ),
    (
        doc(feature(FRONT_SQUARE, view="front", quality=3)),
        "d.json: feature 0: 'quality' must be text, not 3",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_DOCUMENTS)
def test_bad_documents(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    Path("d.json").write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(bodymap.DrawingError) as err:
        load_drawing("d.json")
    assert str(err.value) == message
    assert isinstance(err.value, bodymap.DataError)
    if isinstance(content, dict):  # the same document as a dict: the same message
        with pytest.raises(bodymap.DrawingError) as err:
            load_drawing(content)
        assert str(err.value) == message.replace("d.json", "<drawing>", 1)


NAN_RING = "[[[0, 100], [NaN, 100], [1, 101], [0, 100]]]"


def _text_doc(geometry_json, props='{"view": "front"}', meta=""):
    return (
        '{"type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1' + meta + "}, "
        '"features": [{"type": "Feature", "properties": ' + props + ", "
        '"geometry": ' + geometry_json + "}]}"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2", "d.json: not valid JSON (Expecting ',' delimiter: line 1 column 6 (char 5))"),
        ("", "d.json: not valid JSON (Expecting value: line 1 column 1 (char 0))"),
        (
            _text_doc('{"type": "Polygon", "coordinates": ' + NAN_RING + "}"),
            "d.json: feature 0: coordinates must be finite numbers, not NaN",
        ),
        (
            _text_doc(
                '{"type": "LineString", "coordinates": [[0, 100], [Infinity, 1]]}',
                '{"view": "front", "width": 2}',
            ),
            "d.json: feature 0: coordinates must be finite numbers, not Infinity",
        ),
        (
            _text_doc(
                '{"type": "LineString", "coordinates": [[0, 100], [1e999, 1]]}',
                '{"view": "front", "width": 2}',
            ),
            "d.json: feature 0: coordinates must be finite numbers, not Infinity",
        ),
        (
            _text_doc(
                '{"type": "LineString", "coordinates": [[0, 100], [0, 101]]}',
                '{"view": "front", "width": -Infinity}',
            ),
            "d.json: feature 0: 'width' must be a positive number of cm, not -Infinity",
        ),
        (
            _text_doc("null", '{"view": "back", "region": "sacrum", "intensity": NaN}'),
            "d.json: feature 0: 'intensity' must be a number from 0 to 10, not NaN",
        ),
        (
            _text_doc("null", '{"view": "back", "region": "sacrum", "pressure": [1, NaN]}'),
            "d.json: feature 0: 'properties.pressure[1]' is NaN, which JSON does not allow",
        ),
        (
            _text_doc("null", '{"view": "back", "region": "sacrum"}', ', "score": NaN'),
            "d.json: 'bodymap.score' is NaN, which JSON does not allow",
        ),
    ],
)
def test_bad_texts(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("d.json").write_text(text, encoding="utf-8")
    with pytest.raises(bodymap.DrawingError) as err:
        load_drawing("d.json")
    assert str(err.value) == message
    assert err.value.source == "d.json"


def test_not_utf8_and_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d.json").write_bytes(b'{"type": "FeatureCollection", "x": "\xe9"}')
    with pytest.raises(bodymap.DrawingError, match=r"^d\.json: not valid JSON \(not UTF-8 text\)$"):
        load_drawing("d.json")
    with pytest.raises(bodymap.DrawingError, match=r"^missing\.json: no such drawing file$"):
        load_drawing("missing.json")
    with pytest.raises(bodymap.DrawingError, match=r"^\.: is a folder, not a drawing file$"):
        load_drawing(".")


def test_too_many_vertices(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = [[0.0, 100 + i * 1e-4] for i in range(MAX_VERTICES - 4)]
    big = doc(
        feature({"type": "LineString", "coordinates": line}, view="front", width=1),
        feature(square(0, 100, 1), view="front"),  # 5 more positions: one too many
    )
    Path("d.json").write_text(json.dumps(big), encoding="utf-8")
    with pytest.raises(bodymap.DrawingError) as err:
        load_drawing("d.json")
    assert str(err.value) == (
        "d.json: feature 1: the drawing has more than 100,000 vertices; simplify it before loading"
    )
    assert err.value.feature == 1
    # Exactly at the limit is fine.
    monkeypatch.setattr("bodymap.model.reader.MAX_VERTICES", MAX_VERTICES + 1)
    assert len(load_drawing("d.json").marks) == 2


def test_mark_checks_its_own_fields():
    with pytest.raises(bodymap.DrawingError, match=r"^mark: 'intensity' must be a number from 0"):
        Mark("front", box(0, 0, 1, 1), intensity=12)
    with pytest.raises(bodymap.DrawingError, match="stroke needs 'width'"):
        Mark("front", LineString([(0, 0), (1, 1)]))
    with pytest.raises(bodymap.DrawingError, match=r"^<drawing>: feature 0: unknown view 'top'"):
        Drawing((Mark("top", box(0, 0, 1, 1)),))


# --- through the command line: exit code 1, one line on stderr ----------------------------


@pytest.mark.parametrize("command", ["compare", "rank"])
def test_cli_reports_bad_drawings_in_one_line(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    cases = [
        (
            "[1, 2",
            "Error: d.json: not valid JSON (Expecting ',' delimiter: line 1 column 6 (char 5))",
        ),
        (json.dumps([1]), "Error: d.json: not a GeoJSON FeatureCollection"),
        (
            json.dumps(
                doc(feature(FRONT_SQUARE, view="front"), feature(FRONT_SQUARE, view="side"))
            ),
            "Error: d.json: feature 1: unknown view 'side'; choose from: front, back, sole",
        ),
        (
            json.dumps(doc(feature(view="back", region="buttok-left"))),
            "Error: d.json: feature 0: unknown region 'buttok-left'; did you mean 'buttock-left'? "
            "(list them with: bodymap regions --view back)",
        ),
        (
            json.dumps(doc(feature(_polygon([[[0, 100], ["x", 1], [1, 1]]]), view="front"))),
            "Error: d.json: feature 0: coordinates must be numbers, not 'x'",
        ),
        (
            _text_doc('{"type": "Polygon", "coordinates": ' + NAN_RING + "}"),
            "Error: d.json: feature 0: coordinates must be finite numbers, not NaN",
        ),
        (
            json.dumps(doc(feature(FRONT_SQUARE, view="front", intensity=10.5))),
            "Error: d.json: feature 0: 'intensity' must be a number from 0 to 10, not 10.5",
        ),
    ]
    for text, message in cases:
        Path("d.json").write_text(text, encoding="utf-8")
        result = runner.invoke(app, [command, "d.json"])
        assert result.exit_code == 1, (text, result.output)
        assert result.stderr == message + "\n"
        assert result.stdout == ""
    result = runner.invoke(app, [command, "nothing.json"])
    assert result.exit_code == 1
    assert result.stderr == "Error: nothing.json: no such drawing file\n"


def test_old_abdomen_id_is_read_as_both_halves():
    # The abdomen was split into abdomen-left and abdomen-right; old drawings
    # that mark "abdomen" stay valid and mark both halves.
    chart = bodymap.load_chart()
    old = load_drawing(doc(feature(None, view="front", region="abdomen")))
    halves = load_drawing(
        doc(
            feature(None, view="front", region="abdomen-left"),
            feature(None, view="front", region="abdomen-right"),
        )
    )
    whole = chart.region("abdomen-left").area + chart.region("abdomen-right").area
    assert old.area() == pytest.approx(whole, abs=1e-6) == pytest.approx(halves.area())
    assert [r.id for r, _ in old.marked_regions()] == ["abdomen-left", "abdomen-right"]
    assert chart.has_region("abdomen") and not chart.has_region("belly")
    with pytest.raises(bodymap.DrawingError, match="is on the front view, not on the back"):
        load_drawing(doc(feature(None, view="back", region="abdomen")))
