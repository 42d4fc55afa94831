"""Property-based: random drawings, valid and broken, through the whole library.

Hypothesis draws drawing documents of every kind a careless user or an attacker could write:
polygons, multipolygons, strokes and region marks with random and self-intersecting rings of
up to a few thousand vertices, numbers that are huge, tiny or not finite, properties of the
wrong types, unknown members nested deeply, text with control characters.  The properties,
for every example:

* reading, measuring, comparing and ranking raise nothing but :class:`bodymap.BodymapError`;
* each takes under 2 s;
* every result's ``to_dict()`` is strict JSON (no NaN, no Infinity);
* the input file is never changed;
* a cohort of such lines accounts for every line (a row or a reported problem).

The default run is short (see ``tests/conftest.py``); ``pytest -m slow`` or
``HYPOTHESIS_PROFILE=slow`` runs many more examples.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import bodymap

pytestmark = pytest.mark.slow

REGIONS = ("groin-left", "groin-right", "sacrum", "buttock-left", "abdomen", "nowhere", "")

# --- strategies --------------------------------------------------------------------------------

EDGE_NUMBERS = (
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    10**400,
    -(10**30),
    2**63,
    5e-324,
    -0.0,
    10_000.5,
)
finite = st.floats(-60, 200, allow_nan=False, allow_infinity=False)
numbers = st.one_of(
    finite,
    finite,
    finite,
    st.sampled_from(EDGE_NUMBERS),
    st.integers(-(10**6), 10**6),
    st.floats(),
)
junk = st.recursive(
    st.none() | st.booleans() | numbers | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
nasty_text = st.text(
    alphabet=st.sampled_from(list("ab=+-@ \t\r\n\x00\x01\x0b\x1b\x1f\x7f\ufffe\u2028é😀$<&")),
    max_size=12,
)


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value}
    return value


def make_ring(n: int, seed: int, kind: str) -> list[list[float]]:
    """A ring of ``n`` vertices: random (tangled), a star, a circle or a zigzag."""
    rng = np.random.default_rng(seed)
    cx, cy = rng.uniform(-30, 30), rng.uniform(20, 160)
    if kind == "random":
        xy = rng.uniform(-8, 8, (n, 2)) + np.array([cx, cy])
    elif kind == "star":
        t = 2 * math.pi * ((np.arange(n) * max(1, n // 2 - 1)) % n) / n
        xy = np.column_stack([cx + 6 * np.cos(t), cy + 6 * np.sin(t)])
    elif kind == "circle":
        t = np.sort(rng.uniform(0, 2 * math.pi, n))
        r = rng.uniform(2, 8) * (1 + 0.05 * np.sin(t * rng.integers(1, 9)))
        xy = np.column_stack([cx + r * np.cos(t), cy + r * np.sin(t)])
    else:
        i = np.arange(n)
        xy = np.column_stack([cx + np.where(i % 2, 8, 0), cy + rng.uniform(0, 20, n)])
    return np.round(xy, 3).tolist()  # type: ignore[no-any-return]


rings = st.one_of(
    st.lists(st.lists(numbers, min_size=1, max_size=4), max_size=8),
    st.builds(
        make_ring,
        n=st.integers(3, 3000),
        seed=st.integers(0, 2**32 - 1),
        kind=st.sampled_from(["random", "star", "circle", "zigzag"]),
    ),
)


@st.composite
def geometries(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["Polygon", "MultiPolygon", "LineString", "MultiLineString"]))
    holes = draw(st.lists(rings, max_size=2))
    if kind == "Polygon":
        coords: Any = [draw(rings), *holes]
    elif kind == "MultiPolygon":
        coords = [[draw(rings), *holes] for _ in range(draw(st.integers(0, 3)))]
    elif kind == "LineString":
        coords = draw(rings)
    else:
        coords = [draw(rings) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.integers(0, 9)) == 7:  # the wrong shape altogether
        coords = draw(junk)
    geometry: Any = {"type": kind, "coordinates": coords}
    if draw(st.integers(0, 9)) == 7:
        geometry = draw(st.one_of(junk, st.just({"type": draw(nasty_text)})))
    return geometry


ON_VIEW = (("front", "groin-left"), ("front", "groin-right"), ("front", "abdomen"),
           ("back", "sacrum"), ("back", "buttock-left"))  # fmt: skip
clean_rings = st.builds(
    make_ring,
    n=st.integers(3, 3000),
    seed=st.integers(0, 2**32 - 1),
    kind=st.sampled_from(["random", "star", "circle", "circle", "circle", "zigzag"]),
)


@st.composite
def careful_features(draw: st.DrawFn) -> Any:
    """A mark as a careful tool writes it (its geometry may still be tangled or huge)."""
    view, region = draw(st.sampled_from(ON_VIEW))
    props: dict[str, Any] = {"view": view}
    if draw(st.booleans()):
        props["intensity"] = draw(st.integers(0, 10) | st.floats(0, 10))
    if draw(st.booleans()):
        props["quality"] = draw(nasty_text)
    kind = draw(st.sampled_from(["Polygon", "MultiPolygon", "LineString", "region"]))
    if kind == "region":
        return {"type": "Feature", "properties": {**props, "region": region}, "geometry": None}
    if kind == "LineString":
        props["width"] = draw(st.floats(0.1, 8))
        geometry = {"type": kind, "coordinates": draw(clean_rings)}
    elif kind == "Polygon":
        geometry = {"type": kind, "coordinates": [draw(clean_rings)]}
    else:
        geometry = {"type": kind, "coordinates": [[draw(clean_rings)] for _ in range(2)]}
    return {"type": "Feature", "properties": props, "geometry": geometry}


@st.composite
def broken_features(draw: st.DrawFn) -> Any:
    """A mark with anything in it: wrong types, numbers at the edges, deep members."""
    props: dict[str, Any] = {"view": draw(st.sampled_from(["front", "back", "front", "side", 3]))}
    for key, values in (
        ("width", numbers),
        ("intensity", numbers),
        ("quality", st.one_of(nasty_text, junk)),
        ("region", st.one_of(st.sampled_from(REGIONS), junk)),
        ("note", junk),
    ):
        if draw(st.booleans()):
            props[key] = draw(values)
    if draw(st.integers(0, 9)) == 7:
        props["deep"] = nested(draw(st.integers(90, 300)))
    geometry = None if props.get("region") and draw(st.booleans()) else draw(geometries())
    feature: Any = {"type": "Feature", "properties": props, "geometry": geometry}
    if draw(st.integers(0, 19)) == 11:
        feature = draw(junk)
    return feature


features = st.one_of(careful_features(), careful_features(), broken_features())


@st.composite
def documents(draw: st.DrawFn) -> Any:
    """Half careful drawings (their geometry anything), half anything at all."""
    careful = draw(st.booleans())
    meta: dict[str, Any] = {"kind": "drawing", "version": 1}
    if not careful and draw(st.integers(0, 19)) == 11:
        meta = draw(st.dictionaries(st.sampled_from(["kind", "version", "chart"]), junk))
    for key in ("subject", "recorded"):
        if draw(st.booleans()):
            meta[key] = draw(nasty_text if careful else st.one_of(nasty_text, junk))
    marks = careful_features() if careful else features
    doc: Any = {
        "type": "FeatureCollection",
        "bodymap": meta,
        "features": draw(st.lists(marks, min_size=int(careful), max_size=5)),
    }
    if not careful and draw(st.integers(0, 19)) == 11:
        doc = draw(junk)
    return doc


def _text(doc: Any) -> str:
    return json.dumps(doc)  # NaN and Infinity as JavaScript spells them, huge integers in full


def _strict(value: Any) -> None:
    json.loads(json.dumps(value, allow_nan=False))


def _done_or_refused(work: Any) -> Any:
    """Run ``work``: it finishes, or refuses its input with one line (timed by the bench)."""
    try:
        return work()
    except bodymap.BodymapError as exc:
        assert "\n" not in str(exc)
        event(f"refused: {str(exc).split(': ')[-1][:50]}")
        return None


COMMON = {"suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
          HealthCheck.function_scoped_fixture]}  # fmt: skip


# --- the properties ----------------------------------------------------------------------------


@settings(**COMMON)
@given(doc=documents())
def test_load_measure_and_compare(tmp_path: Path, doc: Any) -> None:
    path = tmp_path / "d.json"
    path.write_text(_text(doc), encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).digest()

    def work() -> None:
        drawing = bodymap.load_drawing(path)
        event("read" if drawing.marks else "read, no marks")
        assert math.isfinite(drawing.area()) and math.isfinite(drawing.outside_area())
        _strict(drawing.to_dict())
        result = bodymap.compare(drawing, "iliopsoas")
        _strict(result.to_dict())
        json.loads(result.to_json())

    _done_or_refused(work)
    assert hashlib.sha256(path.read_bytes()).digest() == before


@settings(**COMMON)
@given(doc=documents())
def test_dicts_are_read_as_strictly_as_files(doc: Any) -> None:
    _done_or_refused(
        lambda: _strict(bodymap.load_drawing(doc).to_dict()) if isinstance(doc, dict) else None
    )


@settings(**{**COMMON, "max_examples": max(5, settings().max_examples // 4)})
@given(doc=documents())
def test_rank(tmp_path: Path, doc: Any) -> None:
    path = tmp_path / "d.json"
    path.write_text(_text(doc), encoding="utf-8")
    _done_or_refused(lambda: _strict(bodymap.rank(bodymap.load_drawing(path), top=3).to_dict()))


@settings(**COMMON)
@given(
    lines=st.lists(
        st.one_of(documents().map(_text), nasty_text, st.binary(max_size=20).map(repr)),
        min_size=1,
        max_size=6,
    )
)
def test_cohort_accounts_for_every_line(tmp_path: Path, lines: list[str]) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).digest()
    result = bodymap.cohort([path])
    assert result.n + len(result.problems) == sum(1 for line in lines if line.encode().strip())
    for row in result.rows:
        _strict(row)
    for problem in result.problems:
        assert problem.message.startswith(f"{path}:") and "\n" not in problem.message
    assert hashlib.sha256(path.read_bytes()).digest() == before
