"""The batch reader of the cohort engine agrees with the one-drawing reader on every input.

:func:`bodymap.model.reader.read_many` checks plain drawings together and sends everything
else to :func:`~bodymap.model.reader.read_one`; these tests hold the two to the same outcome
(the same marks, or the same error text) on plain drawings and on every member of a drawing
replaced in turn by a hostile value, mixed into one batch.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
import shapely
from cohort_helpers import synthetic_docs

from bodymap.core.errors import DrawingError
from bodymap.model.chart import load_chart
from bodymap.model.drawing import MAX_VERTICES
from bodymap.model.reader import read_many, read_one

ROOT = Path(__file__).resolve().parent.parent

CHART = load_chart("adult")


def _drawing(features: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    block = {"kind": "drawing", "version": 1, "chart": "adult", "subject": "p1", **meta}
    return {"type": "FeatureCollection", "bodymap": block, "features": features}


def _polygon(x: float = -8.0, y: float = 95.0, closed: bool = True) -> dict[str, Any]:
    ring = [[x, y], [x + 4, y], [x + 4, y + 3], [x + 1, y + 5]]
    if closed:
        ring.append([x, y])
    return {
        "type": "Feature",
        "properties": {"view": "front", "intensity": 6, "quality": "aching"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _holed() -> dict[str, Any]:
    outer = [[-10, 90], [-2, 90], [-2, 98], [-10, 98], [-10, 90]]
    hole = [[-7, 93], [-5, 93], [-5, 95], [-7, 95], [-7, 93]]
    return {
        "type": "Feature",
        "properties": {"view": "back"},
        "geometry": {"type": "Polygon", "coordinates": [outer, hole]},
    }


def _stroke() -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"view": "front", "width": 1.5, "intensity": 3},
        "geometry": {"type": "LineString", "coordinates": [[5, 60], [6, 64], [6.5, 70]]},
    }


def _region() -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"view": "front", "region": "groin-left", "intensity": 7},
        "geometry": None,
    }


def _plain() -> list[dict[str, Any]]:
    return [
        _drawing([_polygon(), _stroke(), _region()]),
        _drawing([_holed(), _polygon(closed=False)]),
        _drawing([]),
        _drawing([_stroke()], recorded="2026-01-01"),
        _drawing([_polygon(x=-20.0, y=150.0)]),  # partly outside the body: still plain
    ]


def _hostile() -> list[Any]:
    """Drawings each with one member replaced by a wrong, odd or hostile value."""
    bad_values: list[Any] = [
        None, True, False, 0, -1, 11, 10.5, -0.5, 1000.5, 1e400, math.nan, math.inf, 10**400,
        "x", "", [], {},
        [[1, 2]], [1, "2"], {"a": math.nan}, [[[[[[[[[[1]]]]]]]]]], [[True, 1.0]],
    ]  # fmt: skip
    out: list[Any] = []
    base = _drawing([_polygon(), _stroke(), _region()])
    paths: list[tuple[Any, ...]] = [
        ("type",), ("bodymap",), ("bodymap", "kind"), ("bodymap", "version"),
        ("bodymap", "chart"), ("bodymap", "subject"), ("features",), ("features", 0),
        ("features", 0, "type"), ("features", 0, "properties"),
        ("features", 0, "properties", "view"), ("features", 0, "properties", "intensity"),
        ("features", 0, "properties", "quality"), ("features", 0, "geometry"),
        ("features", 0, "geometry", "type"), ("features", 0, "geometry", "coordinates"),
        ("features", 0, "geometry", "coordinates", 0),
        ("features", 0, "geometry", "coordinates", 0, 1),
        ("features", 0, "geometry", "coordinates", 0, 1, 0),
        ("features", 1, "properties", "width"), ("features", 1, "geometry", "coordinates"),
        ("features", 1, "geometry", "coordinates", 2),
        ("features", 1, "geometry", "coordinates", 2, 1),
        ("features", 2, "properties", "region"), ("features", 2, "geometry"),
    ]  # fmt: skip
    for path in paths:
        for value in bad_values:
            doc = copy.deepcopy(base)
            target = doc
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
            out.append(doc)
    # Members beyond the usual ones, and values of other shapes.
    for extra in ({"id": 3}, {"id": math.nan}, {"bbox": [0, 0, 1, 1]}, {"x": [[[[1]]]]}):
        doc = copy.deepcopy(base)
        doc["features"][0].update(extra)
        out.append(doc)
        doc = copy.deepcopy(base)
        doc.update(extra)
        out.append(doc)
        doc = copy.deepcopy(base)
        doc["features"][0]["geometry"].update(extra)
        out.append(doc)
        doc = copy.deepcopy(base)
        doc["features"][0]["properties"].update(extra)
        out.append(doc)
    deep: Any = 0
    for _ in range(150):
        deep = [deep]
    for where in ("bodymap", "properties", "member"):
        doc = copy.deepcopy(base)
        if where == "bodymap":
            doc["bodymap"]["note"] = deep
        elif where == "properties":
            doc["features"][0]["properties"]["note"] = deep
        else:
            doc["features"][1]["note"] = deep
        out.append(doc)
    # Geometry at the edges.
    edge = [
        [[0, 0], [1, 0], [0, 0]],  # a ring of two corners
        [[0, 0], [1, 0], [1, 1]],  # three corners, unclosed
        [[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]],  # 3-D positions
        [[0, 0], [1, 0, 2], [1, 1], [0, 0]],  # mixed
        [(0, 0), (1, 0), (1, 1), (0, 0)],  # tuples, as from Python
        [[0, 0], [20000, 0], [1, 1], [0, 0]],  # out of range
        [[0, 0], [1, 0], [0, 1], [1, 1], [0, 0]],  # a bow tie (invalid, repaired later)
        [],
    ]
    for ring in edge:
        doc = copy.deepcopy(base)
        doc["features"][0]["geometry"]["coordinates"] = [ring]
        out.append(doc)
    many = [[float(i % 50), float(i // 50 % 50)] for i in range(MAX_VERTICES + 10)]
    out.append(_drawing([{"type": "Feature", "properties": {"view": "front", "width": 1},
                          "geometry": {"type": "LineString", "coordinates": many}}]))  # fmt: skip
    multi = copy.deepcopy(base)
    multi["features"][0]["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [multi["features"][0]["geometry"]["coordinates"]],
    }
    out.append(multi)
    out += ["not a drawing", 3, None, [], {"type": "FeatureCollection"}]
    out.append(_drawing([_region()], chart="other-chart.json"))
    return out


def _same(got: Any, want: Any) -> None:
    if isinstance(want, DrawingError):
        assert isinstance(got, DrawingError), got
        assert str(got) == str(want)
        return
    assert not isinstance(got, DrawingError), got
    (meta, marks), (want_meta, want_marks) = got, want
    assert meta is want_meta
    assert len(marks) == len(want_marks)
    for a, b in zip(marks, want_marks):
        for name in ("view", "region", "width", "intensity", "quality", "_geojson"):
            assert getattr(a, name) == getattr(b, name), name
        assert dict(a.properties) == dict(b.properties)
        assert dict(a._members) == dict(b._members)
        if b.geometry is None:
            assert a.geometry is None
        else:
            assert a.geometry.geom_type == b.geometry.geom_type
            assert shapely.equals_exact(a.geometry, b.geometry, 0.0)
            assert a.is_stroke == b.is_stroke


def _check_chart(meta: Any, source: str) -> None:
    if meta.get("chart", "adult") != "adult":
        raise DrawingError(source, f"is drawn on chart {meta.get('chart')!r}")


@pytest.mark.parametrize("depth_checked", [True, False])
def test_batch_agrees_with_one_by_one(depth_checked: bool) -> None:
    docs = _plain() + _hostile() + _plain()
    items = [(f"in.jsonl:{i + 1}", doc) for i, doc in enumerate(docs)]
    got = read_many(items, CHART, _check_chart, depth_checked)
    assert len(got) == len(items)
    for (source, doc), outcome in zip(items, got):
        _same(outcome, read_one(source, doc, CHART, _check_chart, depth_checked))
    refused = sum(isinstance(o, DrawingError) for o in got)
    assert 0 < refused < len(got)


def test_plain_drawings_take_the_batch_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain drawings are never read one by one (else the batch reader would be pointless)."""
    import bodymap.model.reader as reader

    calls: list[str] = []
    real = reader.read_one
    monkeypatch.setattr(reader, "read_one", lambda s, *a, **k: calls.append(s) or real(s, *a, **k))
    items = [(f"p:{i}", doc) for i, doc in enumerate(_plain())]
    got = read_many(items, CHART, _check_chart, depth_checked=False)
    assert calls == []
    assert [len(o[1]) for o in got if not isinstance(o, DrawingError)] == [3, 2, 0, 1, 1]


def test_cohort_examples_agree() -> None:
    """The synthetic cohort generator's drawings: every one plain, every one the same."""
    docs = synthetic_docs(400, 3)
    items = [(f"c:{i}", d) for i, d in enumerate(docs)]
    for (source, doc), outcome in zip(items, read_many(items, CHART, _check_chart)):
        _same(outcome, read_one(source, doc, CHART, _check_chart))
