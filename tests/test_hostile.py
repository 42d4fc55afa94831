"""Hostile drawings: no hang, no traceback, no lost file.

One regression test (or a table of them) for every class of the issue, each with the exact
message: pathological geometry, numbers at the edges, deep nesting, malformed pattern and
chart files, holes outside their shell, control characters, outputs that would destroy
inputs, cohorts that skip what is broken, resources, spreadsheet cells.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import math
import os
import resource
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.model.drawing import (
    MAX_BORDER_CROSSINGS,
    MAX_CROSSINGS,
    MAX_OVERLAPS,
    MAX_SELF_CROSSINGS,
)

runner = CliRunner()
SHAPES = Path(__file__).resolve().parent.parent / "shapes"


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args))


def doc(*features: dict[str, Any], **meta: Any) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, **meta},
        "features": list(features),
    }


def _short(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def polygon(*rings: Any, view: str = "front", **props: Any) -> dict[str, Any]:
    coords = [[[_short(c) for c in p] for p in np.asarray(r).tolist()] for r in rings]
    coords = [ring + ring[:1] for ring in coords]
    return {
        "type": "Feature",
        "properties": {"view": view, **props},
        "geometry": {"type": "Polygon", "coordinates": coords},
    }


def stroke(xy: Any, width: float = 1.0, view: str = "front") -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"view": view, "width": width},
        "geometry": {"type": "LineString", "coordinates": np.asarray(xy).tolist()},
    }


def square(x: float, y: float, w: float, h: float | None = None) -> list[list[float]]:
    h = w if h is None else h
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]


def star(n: int = 201, cx: float = 8.0, cy: float = 90.0, r: float = 6.0) -> np.ndarray:
    t = 2 * math.pi * ((np.arange(n) * (n // 2)) % n) / n
    return np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])


def zigzag(n: int) -> np.ndarray:
    i = np.arange(n)
    x = np.where(i % 2 == 0, 2.0, 9.0)
    y = 80 + 19 * (i / (n - 1))
    return np.column_stack([x, np.round(np.where(i % 4 < 2, y, 179 - y), 1)])


def write(path: Path, document: Any) -> Path:
    text = document if isinstance(document, str) else json.dumps(document, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bounded(work: Callable[[], Any], megabytes: float = 500.0) -> Any:
    """Run ``work``; assert it grew the peak memory by less than ``megabytes``.

    Its time is measured by ``bench/bench_hostile.py``, not asserted here: the work is bounded
    by the loader's caps, whose refusals these tests check.
    """
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        return work()
    finally:
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert grown < megabytes, f"peak memory grew by {grown:.0f} MB"


def refused(path: Path) -> str:
    """The message of loading, measuring and comparing a drawing file, in bounded work."""

    def work() -> str:
        with pytest.raises(bodymap.DrawingError) as err:
            d = bodymap.load_drawing(path)
            d.area()
            bodymap.compare(d, "iliopsoas")
        return str(err.value)

    return str(bounded(work))


# --- 1. pathological geometry ------------------------------------------------------------------

SELF = f"the polygon crosses itself more than {MAX_SELF_CROSSINGS:,} times; redraw it"


@pytest.mark.parametrize(
    "ring", [star(201), zigzag(200), zigzag(99_000)], ids=["star", "z200", "z99k"]
)
def test_polygons_that_cross_themselves_too_often_are_refused_fast(tmp_path, monkeypatch, ring):
    monkeypatch.chdir(tmp_path)
    path = write(Path("d.json"), doc(polygon(square(-4, 100, 3)), polygon(ring)))
    assert path.stat().st_size < 1 << 20
    assert refused(path) == f"d.json: feature 1: {SELF}"
    res = invoke("compare", "d.json")
    assert res.exit_code == 1 and res.stderr == f"Error: d.json: feature 1: {SELF}\n"


def test_multipolygons_are_counted_part_by_part():
    ring = [[float(x), float(y)] for x, y in star(201)]
    parts = [[[*square(0, 90, 1), [0, 90]]], [[*ring, ring[0]]]]
    geometry = {"type": "MultiPolygon", "coordinates": parts}
    feature = {"type": "Feature", "properties": {"view": "front"}, "geometry": geometry}
    with pytest.raises(bodymap.DrawingError) as err:
        bodymap.load_drawing(doc(feature))
    assert str(err.value) == f"<drawing>: feature 0: {SELF}"
    hole = [[-10, 90], [-8, 90], [-8, 92], [-10, 90]]
    geometry["coordinates"] = [parts[0], [[*square(4, 100, 4), [4, 100]], hole]]
    with pytest.raises(bodymap.DrawingError) as err:
        bodymap.load_drawing(doc(feature))
    assert str(err.value) == (
        "<drawing>: feature 0: hole 1 of polygon 1 lies outside its outer ring; "
        "remove the hole or redraw it"
    )


def test_strokes_that_cross_themselves_too_often_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    t = np.linspace(0, 2 * math.pi * 40, 1600, endpoint=False)
    loops = np.column_stack([8 + (4 + 0.3 * np.sin(7 * t)) * np.cos(t), 90 + 4 * np.sin(t)])
    write(Path("d.json"), doc(stroke(loops)))
    assert refused(Path("d.json")) == (
        f"d.json: feature 0: the stroke crosses itself more than {MAX_SELF_CROSSINGS:,} times; "
        "redraw it"
    )


def test_marks_that_cross_each_other_too_often_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bars = [polygon(square(-10, 80 + i / 10, 20, 0.01)) for i in range(200)]
    bars += [polygon(square(-10 + i / 10, 80, 0.01, 20)) for i in range(200)]
    write(Path("d.json"), doc(*bars))
    assert refused(Path("d.json")) == (
        "d.json: the marks on the front view cross themselves and each other more than "
        f"{MAX_CROSSINGS:,} times; simplify the drawing"
    )


def test_a_valid_polygon_too_intricate_to_overlay_is_refused(tmp_path, monkeypatch):
    # A square spiral band turned by 45°: valid, but its long edges nest inside each other,
    # which makes every overlay (and even GEOS's validity check) quadratic.
    monkeypatch.chdir(tmp_path)
    pts, x, y, step = [], 0.0, 0.0, 0.004
    for i in range(8000):
        dx, dy = [(1, 0), (0, 1), (-1, 0), (0, -1)][i % 4]
        x, y = x + dx * step * (i // 2 + 1), y + dy * step * (i // 2 + 1)
        pts.append((x, y))
    band = shapely.LineString(pts).buffer(0.001, cap_style="flat", join_style="mitre")
    band = shapely.affinity.translate(shapely.affinity.rotate(band, 45, origin=(0, 0)), 8, 90)
    write(Path("d.json"), doc(polygon(np.asarray(band.exterior.coords)[:-1])))
    assert refused(Path("d.json")) == (
        "d.json: feature 0: the polygon is too intricate to measure (its edges overlap each "
        f"other's extent more than {MAX_OVERLAPS:,} times); simplify it"
    )


def test_a_comb_across_every_region_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    xs = np.linspace(-40, 40, 2 * 8000)
    pts = [(-40.0, 0.0)]
    for i in range(8000):
        pts += [(xs[2 * i], 0.5), (xs[2 * i], 175.0), (xs[2 * i + 1], 175.0), (xs[2 * i + 1], 0.5)]
    write(Path("d.json"), doc(polygon([*pts, (40.0, 0.0)])))
    assert refused(Path("d.json")) == (
        "d.json: feature 0: the polygon crosses the borders of the chart's regions more than "
        f"{MAX_BORDER_CROSSINGS:,} times; simplify it"
    )


def test_a_ring_drawn_twice_round_covers_what_it_encloses():
    # Round a 4 x 4 square twice, the second time a little inside: the repair keeps all of it
    # (a figure eight keeps both loops; nothing it encloses becomes a hole).
    twice = square(0, 100, 4) + square(0.5, 100.5, 3)
    d = bodymap.load_drawing(doc(polygon(twice)))
    assert 15 < d.area() <= 16  # (an even-odd repair would leave 16 - 9 = 7)
    bowtie = [[0, 100], [4, 104], [4, 100], [0, 104]]
    assert bodymap.load_drawing(doc(polygon(bowtie))).area() == pytest.approx(8.0)


def test_a_big_freehand_drawing_is_read(tmp_path):
    t = np.linspace(0, 2 * math.pi, 50_000, endpoint=False)
    ring = np.column_stack([8 + 5 * np.cos(t), 95 + 5 * np.sin(t)])
    d = bounded(lambda: bodymap.load_drawing(doc(polygon(ring))))
    assert bounded(d.area) == pytest.approx(math.pi * 25, rel=1e-3)


# --- 2. numbers at the edges -------------------------------------------------------------------

BIG = "1" + "0" * 400


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f'{{"view": "front"}}, "geometry": {{"type": "Polygon", "coordinates": '
            f"[[[{BIG}, 90], [4, 90], [4, 94], [0, 90]]]}}",
            "feature 0: coordinates must be between -10,000 and 10,000 cm, "
            "not a number of 401 digits",
        ),
        (
            '{"view": "front"}, "geometry": {"type": "Polygon", "coordinates": '
            "[[[1e308, 90], [4, 90], [4, 94], [1e308, 90]]]}",
            "feature 0: coordinates must be between -10,000 and 10,000 cm, not 1e+308",
        ),
        (
            '{"view": "front"}, "geometry": {"type": "Polygon", "coordinates": '
            "[[[1e309, 90], [4, 90], [4, 94], [1e309, 90]]]}",
            "feature 0: coordinates must be finite numbers, not Infinity",
        ),
        (
            '{"view": "front", "width": 1e308}, "geometry": {"type": "LineString", '
            '"coordinates": [[0, 90], [4, 94]]}',
            "feature 0: 'width' must be at most 1,000 cm, not 1e+308",
        ),
        (
            f'{{"view": "front", "width": {BIG}}}, "geometry": {{"type": "LineString", '
            '"coordinates": [[0, 90], [4, 94]]}',
            "feature 0: 'width' must be at most 1,000 cm, not a number of 401 digits",
        ),
        (
            f'{{"view": "back", "region": "sacrum", "intensity": {BIG}}}, "geometry": null',
            "feature 0: 'intensity' must be a number from 0 to 10, not a number of 401 digits",
        ),
        (
            '{"view": "back", "region": "sacrum"}, "geometry": null',
            "not valid JSON (a number of more than 4,300 digits)",
        ),
    ],
    ids=["big-int", "1e308", "1e309", "width-1e308", "width-big", "intensity-big", "digits"],
)
def test_out_of_range_numbers_name_the_file_and_feature(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    extra = ', "n": ' + "9" * 5000 if "4,300" in message else ""
    body = f'{{"type": "Feature", "properties": {text}}}'
    Path("d.json").write_text(
        '{"type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1}'
        f'{extra}, "features": [{body}]}}',
        encoding="utf-8",
    )
    res = invoke("compare", "d.json")
    assert res.exit_code == 1
    assert res.stderr == f"Error: d.json: {message}\n"


def _strict(text: str) -> Any:
    def refuse(token: str) -> None:
        raise ValueError(f"{token} in the output")

    return json.loads(text, parse_constant=refuse)


def test_json_output_is_strict_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    edge = polygon([[9999.9, 9999.9], [-9999.9, 9999.9], [-9999.9, -9999.9]])
    write(Path("d.json"), doc(edge, polygon(square(5, 88, 4))))
    for command in (["compare", "d.json", "--json"], ["rank", "d.json", "--json", "--top", "3"]):
        res = invoke(*command)
        assert res.exit_code == 0, res.output
        assert _strict(res.stdout)
    # Non-finite numbers never reach JSON output: the one writer turns them into null.
    from bodymap.core.jsonio import dump_json

    assert _strict(dump_json({"a": math.nan, "b": [math.inf, 1.5]})) == {
        "a": None,
        "b": [None, 1.5],
    }


# --- 3. deep nesting ---------------------------------------------------------------------------

NESTED = "not valid JSON (nested more than 100 levels deep)"


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [101, 1000, 100_000])
def test_deep_nesting_in_every_json_file(tmp_path, monkeypatch, depth):
    monkeypatch.chdir(tmp_path)
    member = '"deep": ' + nested(depth) + ", "
    drawing = json.dumps(doc(polygon(square(0, 90, 4)))).replace(
        '"bodymap": {', '"bodymap": {' + member
    )
    Path("d.json").write_text(drawing, encoding="utf-8")
    res = invoke("compare", "d.json")
    assert (res.exit_code, res.stderr) == (1, f"Error: d.json: {NESTED}\n")
    Path("c.jsonl").write_text(json.dumps(doc(polygon(square(0, 90, 4)))) + "\n" + drawing + "\n")
    res = invoke("cohort", "c.jsonl", "-o", "t.csv", "-q")
    assert res.exit_code == 1
    assert res.stderr.splitlines()[0] == f"c.jsonl:2: {NESTED}"
    pattern = (SHAPES / "pattern-iliopsoas.json").read_text(encoding="utf-8")
    Path("p.json").write_text(pattern.replace('"bodymap": {', '"bodymap": {' + member, 1))
    res = invoke("render", "-p", "p.json", "-o", "p.svg")
    assert (res.exit_code, res.stderr) == (1, f"Error: p.json: {NESTED}\n")
    chart = (SHAPES / "chart-adult.json").read_text(encoding="utf-8")
    Path("ch.json").write_text(chart.replace('"bodymap":{', '"bodymap":{' + member, 1))
    res = invoke("regions", "--chart", "ch.json")
    assert (res.exit_code, res.stderr) == (1, f"Error: ch.json: {NESTED}\n")


def test_deep_nesting_in_a_dict():
    deep: dict[str, Any] = {}
    inner = deep
    for _ in range(200):
        inner["a"] = {}
        inner = inner["a"]
    with pytest.raises(bodymap.DrawingError) as err:
        bodymap.load_drawing({**doc(), "deep": deep})
    assert str(err.value) == "<drawing>: nested more than 100 levels deep"


def test_lone_surrogates_are_not_valid_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d.json").write_text(json.dumps(doc(subject="x")).replace('"x"', r'"\ud800"'))
    res = invoke("compare", "d.json")
    assert (
        res.stderr == "Error: d.json: not valid JSON (a string holds a lone surrogate, '\\ud800')\n"
    )


# --- 4. pattern and chart files given by path --------------------------------------------------

PATTERN = json.loads((SHAPES / "pattern-iliopsoas.json").read_text(encoding="utf-8"))
CHART = json.loads((SHAPES / "chart-adult.json").read_text(encoding="utf-8"))


def _edit(base: dict[str, Any], change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    change(out)
    return out


def _meta(key: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda d: d["bodymap"].__setitem__(key, value)


def _feature(
    index: int, key: str, value: Any, props: bool = True
) -> Callable[[dict[str, Any]], Any]:
    def change(d: dict[str, Any]) -> None:
        target = d["features"][index]
        (target["properties"] if props else target)[key] = value

    return change


# (file kind, change, message after "FILE: "; None if the file loads and only using it fails)
MALFORMED: dict[str, tuple[str, Callable[[dict[str, Any]], Any], str | None, str]] = {
    "p-names-list": ("pattern", _meta("names", ["x"]), None,
        "'bodymap.names' must be an object of texts by language, not ['x']"),
    "p-names-number": ("pattern", _meta("names", {"en": 5}), None,
        "'bodymap.names' must be an object of texts by language, not {'en': 5}"),
    "p-summary-text": ("pattern", _meta("summary", "text"), None,
        "'bodymap.summary' must be an object of texts by language, not 'text'"),
    "p-name-number": ("pattern", _meta("name", 7), None, "'bodymap.name' must be text, not 7"),
    "p-chart-object": ("pattern", _meta("chart", {"a": 1}), None,
        "'bodymap.chart' must be text, not {'a': 1}"),
    "p-sources-numbers": ("pattern", _meta("sources", [1, 2]), None,
        "'sources' must be a list of texts"),
    "p-laterality": ("pattern", _meta("laterality", "bilatteral"), None,
        "'laterality' must be unilateral or bilateral, not 'bilatteral'"),
    "p-drawn-side-list": ("pattern", _meta("drawn_side", ["left"]), None,
        "'drawn_side' must be left or right, not ['left']"),
    "p-credit-number": ("pattern", _meta("credit", 3), None, "'credit' must be text, not 3"),
    "p-zone-unknown-view": ("pattern", _feature(0, "view", "side"), None,
        "feature 0: unknown view 'side' on chart 'adult'; choose from: front, back, sole"),
    "p-zone-names-text": ("pattern", _feature(0, "names", "x"), None,
        "feature 0: 'names' must be an object of texts by language, not 'x'"),
    "p-zone-id-list": ("pattern", _feature(0, "id", [1], props=False), None,
        "feature 0: 'id' must be text, not [1]"),
    "p-zone-id-twice": ("pattern", _feature(1, "id", "groin", props=False), None,
        "feature 1: duplicate id 'groin'"),
    "p-zone-point": ("pattern", _feature(0, "geometry", {"type": "Point", "coordinates": [1, 2]},
        props=False), None,
        "zone 'groin': the geometry must be a Polygon or MultiPolygon, not 'Point'"),
    "p-zone-coordinates-text": ("pattern", _feature(0, "geometry", {"type": "Polygon",
        "coordinates": "abc"}, props=False), None,
        "zone 'groin': the Polygon's coordinates are not nested as GeoJSON says"),
    "p-zone-far": ("pattern", _feature(0, "geometry", {"type": "Polygon",
        "coordinates": [[[0, 0], [1e9, 0], [0, 1], [0, 0]]]}, props=False), None,
        "zone 'groin': coordinates must be between -10,000 and 10,000 cm, not 1000000000.0"),
    "p-trigger-point-bool": ("pattern", _feature(-1, "geometry", {"type": "Point",
        "coordinates": [True, 1]}, props=False), None,
        "trigger point 'tp-psoas': the Point's coordinates are not nested as GeoJSON says"),
    "p-unknown-kind": ("pattern", _feature(0, "kind", "zone"), None,
        "feature 0: unknown kind 'zone'"),
    "p-other-chart": ("pattern", _meta("chart", "child"), "ok",
        "drawn on chart 'child', not on 'adult'"),
    "c-views-text": ("chart", _meta("views", "front"), None,
        "'bodymap.views' must be a list of distinct view names, not 'front'"),
    "c-views-twice": ("chart", _meta("views", ["front", "front"]), None,
        "'bodymap.views' must be a list of distinct view names, not ['front', 'front']"),
    "c-height-text": ("chart", _meta("height_cm", "tall"), None,
        "'bodymap.height_cm' must be a positive number of cm, not 'tall'"),
    "c-landmarks-list": ("chart", _meta("landmarks", [1]), None,
        "'bodymap.landmarks' must be an object by view, not [1]"),
    "c-landmark-text": ("chart", lambda d: d["bodymap"]["landmarks"]["front"].__setitem__(
        "vertex", "top"), None,
        "landmark 'vertex' of 'front' must be an [x, y] point in range, not 'top'"),
    "c-title-list": ("chart", _meta("title", ["x"]), None,
        "'bodymap.title' must be an object of texts by language, not ['x']"),
    "c-units-mm": ("chart", _meta("units", "mm"), None, "'bodymap.units' must be \"cm\", not 'mm'"),
    "c-region-id-number": ("chart", _feature(3, "id", 5, props=False), None,
        "feature 3: a region needs an 'id' (text), not 5"),
    "c-region-names-number": ("chart", _feature(3, "names", {"en": 1}), None,
        "region 'head-front-right': 'names' must be an object of texts by language, "
        "not {'en': 1}"),
    "c-region-unknown-view": ("chart", _feature(3, "view", "side"), None,
        "feature 3: unknown view 'side'; choose from: front, back, sole"),
    "c-two-outlines": ("chart", _feature(1, "kind", "outline"), None,
        "feature 1: a second outline for view 'front'"),
    "c-geometry-null": ("chart", _feature(3, "geometry", None, props=False), None,
        "feature 3: the geometry must be a GeoJSON geometry object, not null"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_pattern_and_chart_files(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    kind, change, loads, message = MALFORMED[name]
    base = PATTERN if kind == "pattern" else CHART
    edited = _edit(base, change)
    if name == "c-two-outlines":  # the second feature becomes a second front outline
        edited["features"][1]["properties"]["view"] = "front"
    path = write(Path(f"{name}.json"), edited)
    load = bodymap.load_pattern if kind == "pattern" else bodymap.load_chart
    if loads is None:
        with pytest.raises(bodymap.DataError) as err:
            load(str(path))
        assert str(err.value) == f"{path}: {message}"
    else:
        load(str(path))
    expected = f"Error: {path}: {message}\n"
    if kind == "pattern":
        write(Path("d.json"), doc(polygon(square(5, 88, 4))))
        commands = [
            ["render", "-p", str(path), "-o", "out.svg"],
            ["compare", "d.json", "-p", str(path)],
        ]
    else:
        commands = [
            ["regions", "--chart", str(path)],
            ["render", "--chart", str(path), "-o", "o.svg"],
        ]
    for command in commands:
        res = invoke(*command)
        assert (res.exit_code, res.stderr) == (1, expected), command
    assert not Path("out.svg").exists() and not Path("o.svg").exists()


def test_at_least_twenty_malformed_files():
    assert len(MALFORMED) >= 20


# --- 5. holes outside their shell --------------------------------------------------------------


def test_a_hole_outside_its_shell_never_marks_pain(tmp_path, monkeypatch, chart):
    monkeypatch.chdir(tmp_path)
    groin = chart.region("groin-right").geometry.representative_point()
    hole = square(groin.x - 1, groin.y - 1, 2)  # on the right groin
    write(Path("d.json"), doc(polygon(square(4, 105, 4), hole)))  # shell on the left
    message = "d.json: feature 0: hole 1 lies outside its outer ring; remove the hole or redraw it"
    with pytest.raises(bodymap.DrawingError) as err:
        bodymap.load_drawing("d.json")
    assert str(err.value) == message
    write(Path("c.jsonl"), json.dumps(doc(polygon(square(4, 105, 4), hole))) + "\n")
    result = bodymap.cohort(["c.jsonl"])
    assert result.n == 0 and [p.message for p in result.problems] == [
        message.replace("d.json", "c.jsonl:1")
    ]


def test_a_hole_across_its_shell_takes_away_only_what_is_inside():
    d = bodymap.load_drawing(doc(polygon(square(0, 100, 4), square(3, 101, 2))))
    assert d.area() == pytest.approx(16 - 2)
    assert "groin-right" not in [r.id for r, _ in d.marked_regions()]


# --- 6. control characters ---------------------------------------------------------------------


def test_control_characters_never_reach_the_svg(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nasty = "a\x01b\x0bc\x1fd\ufffee"
    features = [polygon(square(5, 88, 4), quality=nasty, note=nasty)]
    write(Path("d.json"), doc(*features, subject=nasty, recorded=nasty))
    res = invoke("render", "-d", "d.json", "-o", "d.svg", "--title", "T\x01itle\x0c")
    assert res.exit_code == 0, res.output
    root = ET.parse("d.svg").getroot()  # well-formed XML
    text = "".join(root.itertext())
    assert "abcde" in text and "Title" in text
    assert not any(c in Path("d.svg").read_text(encoding="utf-8") for c in "\x01\x0b\x1f\ufffe")
    res = invoke("render", "-d", "d.json", "-o", "d.png", "--title", "$\\frac{$", "--dpi", "20")
    assert res.exit_code == 0, res.output


def test_control_characters_in_messages_stay_on_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke("compare", "a\nb.json")
    assert res.exit_code == 1 and res.stderr == "Error: a\\nb.json: no such drawing file\n"


# --- 7. outputs never destroy inputs -----------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(Path("d.json"), doc(polygon(square(5, 88, 4)), subject="s"))
    write(Path("c.jsonl"), json.dumps(doc(polygon(square(5, 88, 4)))) + "\n")
    Path("d.svg").write_text("<svg/>", encoding="utf-8")
    os.symlink("d.svg", "link.svg")
    os.link("d.svg", "hard.svg")
    Path("folder").mkdir()
    write(Path("folder/e.json"), doc(polygon(square(5, 88, 4))))
    return tmp_path


INPUT = "is also an input; choose another output file"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "-d", "d.svg", "-o", "d.svg"], f"d.svg: {INPUT}"),
        (["render", "-d", "d.svg", "-o", "link.svg"], f"link.svg: {INPUT}"),
        (["render", "-d", "hard.svg", "-o", "./d.svg"], f"d.svg: {INPUT}"),
        (["form", "--drawing", "d.json", "-o", "d.json"], f"d.json: {INPUT}"),
        (["cohort", "c.jsonl", "-o", "c.jsonl"], f"c.jsonl: {INPUT}"),
        (["cohort", "c.jsonl", "-o", "out.csv", "--regions-out", "out.csv"],
         "out.csv: is given for both -o and --regions-out; give each output its own file"),
        (["cohort", "c.jsonl", "-o", "t.csv", "--map", "m.png", "--regions-map", "./m.png"],
         "m.png: is given for both --map and --regions-map; give each output its own file"),
        (["cohort", "folder", "-o", "folder/t.jsonl"],
         "folder/t.jsonl: is in the input folder 'folder', where it would be read as an "
         "input; choose another output file"),
        (["rank", "d.json", "--figure", "link.svg", "--chart", "d.svg"],
         f"link.svg: {INPUT}"),
        (["render", "-o", "x" * 300 + ".svg"],
         "x" * 300 + ".svg: the file name is too long (a part of it has more than 255 bytes)"),
        (["compare", "y" * 300 + ".json"],
         "y" * 300 + ".json: the file name is too long (a part of it has more than 255 bytes)"),
        (["render", "-p", "z" * 300 + ".json", "-o", "z.svg"],
         "z" * 300 + ".json: the file name is too long (a part of it has more than 255 bytes)"),
        (["render", "-o", "/".join(["w" * 200] * 25) + ".svg"],
         "/".join(["w" * 200] * 25) + ".svg: the file name is too long (more than 4,095 bytes)"),
    ],
    ids=["same", "symlink", "hardlink", "form", "cohort", "two-tables", "two-maps", "folder",
         "figure", "long-output", "long-input", "long-pattern", "long-path"],
)  # fmt: skip
def test_outputs_never_destroy_inputs(files, args, message):
    before = {p: digest(p) for p in files.rglob("*") if p.is_file() and not p.is_symlink()}
    res = invoke(*args)
    assert (res.exit_code, res.stderr) == (1, f"Error: {message}\n")
    after = {p: digest(p) for p in files.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before  # nothing written, nothing changed


def test_long_cohort_input_is_a_usage_error(files):
    res = invoke("cohort", "v" * 300 + ".jsonl")
    assert res.exit_code == 2
    assert res.stderr == (
        "Error: Invalid value for 'INPUT...': " + "v" * 300 + ".jsonl: the file name is too long "
        "(a part of it has more than 255 bytes) (see 'bodymap cohort --help')\n"
    )


def test_interrupted_cohort_says_which_outputs_were_written(files, monkeypatch):
    import bodymap.apps.cohort as module

    def boom(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(module.CohortResult, "frequency_map", boom)
    res = invoke("cohort", "c.jsonl", "-o", "t.csv", "--regions-out", "r.csv", "--map", "m.svg")
    assert res.exit_code == 130
    assert res.stderr == "Interrupted; written: t.csv, r.csv; not written: m.svg.\n"
    assert Path("t.csv").exists() and Path("r.csv").exists() and not Path("m.svg").exists()
    assert not [p for p in Path().iterdir() if p.name.endswith(".tmp")]


# --- 8. cohorts skip what is broken ------------------------------------------------------------


def test_cohort_reports_and_skips_every_kind_of_broken_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = json.dumps(doc(polygon(square(5, 88, 4)), subject="good"))
    lines = [
        good,
        good.replace("[5, 88]", f"[{BIG}, 88]", 1),  # overflow
        good.replace('"subject"', '"deep": ' + nested(1000) + ', "subject"'),  # nesting
        json.dumps(doc(polygon(star(201)))),  # pathological geometry
        json.dumps(doc(polygon(square(4, 105, 4), square(-9, 90, 2)))),  # hole outside
        good,
    ]
    write(Path("c.jsonl"), "\n".join(lines) + "\n")
    res = invoke("cohort", "c.jsonl", "-o", "t.csv", "-q")
    assert res.exit_code == 1, res.output
    reported = res.stderr.splitlines()[:4]
    assert reported == [
        "c.jsonl:2: feature 0: coordinates must be between -10,000 and 10,000 cm, "
        "not a number of 401 digits",
        f"c.jsonl:3: {NESTED}",
        f"c.jsonl:4: feature 0: {SELF}",
        "c.jsonl:5: feature 0: hole 1 lies outside its outer ring; remove the hole or redraw it",
    ]
    with open("t.csv", newline="", encoding="utf-8") as fh:
        assert [r["source"] for r in csv.DictReader(fh)] == ["c.jsonl:1", "c.jsonl:6"]


@pytest.mark.parametrize("engine", ["exact", "raster"])
def test_a_drawing_of_thousands_of_marks_is_measured_in_bounded_memory(
    tmp_path, monkeypatch, engine
):
    monkeypatch.chdir(tmp_path)
    region = {"type": "Feature", "properties": {"view": "front", "region": "groin-left"},
              "geometry": None}  # fmt: skip
    many = [
        doc(*[region] * 3000),
        doc(
            *[
                polygon(square(-20 + (i % 100) * 0.4, 20 + (i // 100) * 2.5, 0.3))
                for i in range(5000)
            ]
        ),
    ]
    write(Path("c.jsonl"), "\n".join(json.dumps(d) for d in many) + "\n")
    result = bounded(lambda: bodymap.cohort(["c.jsonl"], engine=engine))
    for row, d in zip(result.rows, many):
        exact = round(bodymap.load_drawing(d).area(), 2)
        if engine == "exact":
            assert row["extent_cm2"] == exact
        elif d is many[0]:  # the raster engine's agreement: within 1 % or 0.5 cm2
            assert row["extent_cm2"] == pytest.approx(exact, abs=max(0.01 * exact, 0.5))
        else:  # a view of more than _PAIRED_MARKS marks has its union measured exactly
            assert row["extent_cm2"] == pytest.approx(exact, abs=0.011)


@pytest.mark.parametrize("step", ["_geometries", "_raster_cells"])
def test_a_geos_failure_in_a_chunk_is_found_drawing_by_drawing(tmp_path, monkeypatch, step):
    import bodymap.analysis.cohort.exact_engine as exact_engine
    import bodymap.analysis.cohort.raster_engine as raster_engine

    engine = exact_engine if step == "_geometries" else raster_engine
    monkeypatch.chdir(tmp_path)
    cursed = 7.25  # a mark at this x makes the (patched) geometry step fail
    docs = [doc(polygon(square(x, 88, 4))) for x in (5, cursed, 3)]
    write(Path("c.jsonl"), "\n".join(json.dumps(d) for d in docs) + "\n")
    original = getattr(engine, step)

    def fragile(state: Any, drawings: Any) -> Any:
        if any(
            m.geometry is not None and m.geometry.bounds[0] == cursed for ms in drawings for m in ms
        ):
            raise shapely.errors.GEOSException("TopologyException: side location conflict")
        return original(state, drawings)

    monkeypatch.setattr(engine, step, fragile)
    result = bodymap.cohort(["c.jsonl"], engine="exact" if step == "_geometries" else "raster")
    assert [r["source"] for r in result.rows] == ["c.jsonl:1", "c.jsonl:3"]
    assert [p.message for p in result.problems] == [
        "c.jsonl:2: the geometry cannot be measured (GEOSException: TopologyException: side "
        "location conflict)"
    ]


# --- 9. resources ------------------------------------------------------------------------------


def test_jobs_are_capped_at_cpus_and_chunks(tmp_path, monkeypatch):
    import bodymap.analysis.cohort.run as run

    monkeypatch.chdir(tmp_path)
    write(Path("c.jsonl"), "\n".join(json.dumps(doc(polygon(square(5, 88, 4)))) for _ in range(5)))
    started: list[int] = []

    class Pool(run.ProcessPoolExecutor):  # type: ignore[misc, name-defined]
        def __init__(self, max_workers: int, **kwargs: Any) -> None:
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(run, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(run.os, "cpu_count", lambda: 2)
    assert bodymap.cohort(["c.jsonl"], jobs=1000).n == 5  # one chunk: no pool at all
    assert started == []
    for i in range(3):
        write(Path(f"d{i}.json"), doc(polygon(square(5, 88, 4))))
    monkeypatch.setattr(run, "FILES_PER_CHUNK", 1)
    result = bodymap.cohort([f"d{i}.json" for i in range(3)], jobs=1000)
    assert result.n == 3 and started == [2]


def test_a_groups_table_with_a_huge_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("g.csv").write_text('subject,clinic\na,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    write(Path("d.json"), doc(polygon(square(5, 88, 4)), subject="a"))
    res = invoke("cohort", "d.json", "--groups", "g.csv", "--by", "clinic", "-o", "t.csv")
    assert res.exit_code == 1
    assert res.stderr == (
        "Error: g.csv:1: cannot read the groups table: field larger than field limit (131072)\n"
    )


# --- 10. spreadsheets --------------------------------------------------------------------------


def test_formula_cells_are_written_safely(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subjects = ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "plain"]
    lines = [json.dumps(doc(polygon(square(5, 88, 4)), subject=s)) for s in subjects]
    write(Path("c.jsonl"), "\n".join(lines) + "\n")
    for table, delimiter in (("t.csv", ","), ("t.tsv", "\t")):
        res = invoke("cohort", "c.jsonl", "-o", table, "-q")
        assert res.exit_code == 0, res.output
        with open(table, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter=delimiter))
        expected = ["'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "'\tx", "'\nx", "plain"]
        assert [r["subject"] for r in rows] == expected  # a carriage return, as a line break
        assert float(rows[0]["extent_cm2"]) == pytest.approx(16.0)
    res = invoke("cohort", "c.jsonl", "-o", "t.jsonl", "-q")
    assert [json.loads(x)["subject"] for x in Path("t.jsonl").read_text().splitlines()] == subjects


def test_numbers_stay_numbers_in_tables():
    from bodymap.analysis.cohort import TableWriter

    out = io.BytesIO()
    writer = TableWriter(out, "csv", ("source", "extent_cm2", "iliopsoas_left_dice"))
    writer.write([{"source": "-1.5", "extent_cm2": -1.5, "iliopsoas_left_dice": -0.25}])
    writer.close()
    assert out.getvalue().decode().splitlines()[1] == "'-1.5,-1.5,-0.25"


def test_cohort_help_says_how_cells_are_written():
    res = invoke("cohort", "--help")
    assert "a leading '" in " ".join(res.stdout.split())
