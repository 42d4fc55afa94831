"""Reading pain drawings: strict checks of the file format, with one-line errors.

:func:`load_drawing` reads a drawing file (or takes a parsed document) and checks every
feature: geometry types and coordinates, views and regions against the chart, widths,
intensities, qualities, NaN and Infinity.  Each problem is a
:class:`~bodymap.core.errors.DrawingError` naming the file, the feature index and what is
wrong.  The cohort engine uses the same checks (:func:`check_envelope`, :func:`read_marks`)
without building a :class:`~bodymap.model.drawing.Drawing` for every line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.choices import INTENSITY_MAX
from bodymap.core.errors import DrawingError
from bodymap.core.geometry import MAX_COORDINATE, coordinates
from bodymap.core.jsonio import MAX_DEPTH, JSONProblem, parse_json, read_json_file, too_deep
from bodymap.model.chart import Chart, load_chart
from bodymap.model.drawing import (
    _COORDS_SHAPE,
    _DICT_SOURCE,
    _NUMBERS,
    _POSITION_LENGTHS,
    _SEQUENCES,
    _STROKES,
    GEOMETRY_TYPES,
    MAX_VERTICES,
    MAX_WIDTH,
    Drawing,
    Mark,
    _chart_problem,
    _check_width,
    _copy,
    _is_number,
    _refuse_non_finite,
    _show,
    check_intensity,
    check_meta,
)

__all__ = [
    "check_envelope",
    "drawing_from_dict",
    "load_drawing",
    "parse_drawing_text",
    "read_drawing_json",
    "read_many",
    "read_marks",
    "read_one",
]

PathLike = str | os.PathLike[str]


class _Reader:
    """Validates one drawing document and builds its marks."""

    def __init__(self, source: str, chart: Chart) -> None:
        self.source = source
        self.chart = chart
        self.vertices = 0
        self.index = 0

    def fail(self, problem: str) -> DrawingError:
        return DrawingError(self.source, problem, self.index)

    def positions(self, raw: Any, gtype: str, minimum: int) -> np.ndarray:
        """An (n, 2) array from a list of GeoJSON positions, checked."""
        if not isinstance(raw, (list, tuple)):
            raise self.fail(f"{gtype} coordinates must be {_COORDS_SHAPE[gtype]}")
        self.vertices += len(raw)
        if self.vertices > MAX_VERTICES:
            raise self.fail(
                f"the drawing has more than {MAX_VERTICES:,} vertices; simplify it before loading"
            )
        if not (
            # Fast path, C-speed iteration: lists of two or three plain ints/floats.
            set(map(type, raw)) <= _SEQUENCES
            and set(map(len, raw)) <= _POSITION_LENGTHS
            and set(map(type, chain.from_iterable(raw))) <= _NUMBERS
        ):
            for pos in raw:
                if not (type(pos) in _SEQUENCES or isinstance(pos, (list, tuple))) or not (
                    2 <= len(pos) <= 3
                ):
                    raise self.fail(f"{gtype} coordinates must be {_COORDS_SHAPE[gtype]}")
                for c in pos:
                    if type(c) not in _NUMBERS and not _is_number(c):
                        raise self.fail(f"coordinates must be numbers, not {_show(c)}")
        try:
            xy = coordinates(raw)
        except ValueError as exc:
            raise self.fail(str(exc)) from None
        if len(xy) < minimum:
            raise self.fail(f"a {gtype} needs at least {minimum} positions")
        return xy

    def line(self, raw: Any, gtype: str) -> LineString:
        return shapely.linestrings(self.positions(raw, gtype, 2))  # type: ignore[return-value]

    def polygon(self, raw: Any, gtype: str) -> Polygon:
        if not isinstance(raw, (list, tuple)) or not raw:
            raise self.fail(f"{gtype} coordinates must be {_COORDS_SHAPE[gtype]}")
        rings = []
        for ring in raw:
            xy = self.positions(ring, gtype, 0)
            if len(xy) > 1 and (xy[0] == xy[-1]).all():
                xy = xy[:-1]
            if len(xy) < 3:
                raise self.fail(f"a {gtype} ring needs at least 3 distinct corners")
            rings.append(xy)
        # shapely's creation function is several times faster than the Polygon class.
        if len(rings) > 2:  # holes of different sizes go in as rings, not as one array
            holes = np.empty(len(rings) - 1, dtype=object)
            holes[:] = list(shapely.linearrings(r) for r in rings[1:])
            return shapely.polygons(shapely.linearrings(rings[0]), holes=holes)  # type: ignore[return-value]
        return shapely.polygons(rings[0], holes=rings[1:] or None)  # type: ignore[return-value]

    def geometry(self, raw: Any) -> BaseGeometry:
        if not isinstance(raw, Mapping):
            raise self.fail("'geometry' must be a GeoJSON geometry object or null")
        gtype = raw.get("type")
        if gtype not in GEOMETRY_TYPES:
            raise self.fail(
                f"unsupported geometry type {_show(gtype)}; use "
                "Polygon, MultiPolygon, LineString or MultiLineString (or null with a 'region')"
            )
        if "coordinates" not in raw:
            raise self.fail(f"the {gtype} has no 'coordinates'")
        coords = raw["coordinates"]
        if gtype == "LineString":
            return self.line(coords, gtype)
        if gtype == "Polygon":
            return self.polygon(coords, gtype)
        if not isinstance(coords, (list, tuple)) or not coords:
            raise self.fail(f"{gtype} coordinates must be {_COORDS_SHAPE[gtype]}")
        if gtype == "MultiLineString":
            return MultiLineString([self.line(part, gtype) for part in coords])
        return MultiPolygon([self.polygon(part, gtype) for part in coords])

    def mark(self, raw: Any) -> Mark:
        if not isinstance(raw, Mapping) or raw.get("type") != "Feature":
            raise self.fail("not a GeoJSON Feature")
        props = raw.get("properties")
        if not isinstance(props, Mapping):
            raise self.fail("'properties' must be an object with at least a 'view'")
        view = props.get("view")
        if view is None:
            raise self.fail(f"'view' is required; choose from: {', '.join(self.chart.views)}")
        region = props.get("region")
        if region is not None and not isinstance(region, str):
            raise self.fail(f"'region' must be a region id, not {_show(region)}")
        problem = _chart_problem(view, region, self.chart)
        if problem is not None:
            raise self.fail(problem)
        raw_geometry = raw.get("geometry")
        geometry = None if raw_geometry is None else self.geometry(raw_geometry)
        if geometry is None and region is None:
            raise self.fail("a mark needs a geometry, or a null geometry with a 'region'")
        width = props.get("width")
        stroke = geometry is not None and geometry.geom_type in _STROKES
        if width is None and stroke:
            assert geometry is not None
            raise self.fail(
                f"a {geometry.geom_type} stroke needs 'width', the brush diameter in cm"
            )
        try:
            if width is not None:
                _check_width(width)
            check_intensity(props.get("intensity"))
        except ValueError as exc:
            raise self.fail(str(exc)) from None
        quality = props.get("quality")
        if quality is not None and not isinstance(quality, str):
            raise self.fail(f"'quality' must be text, not {_show(quality)}")
        members = {k: v for k, v in raw.items() if k not in ("type", "properties", "geometry")}
        for name, value in (("properties", props), ("", members)):
            problem = _refuse_non_finite(value, name)
            if problem is not None:
                raise self.fail(problem)
        intensity = props.get("intensity")
        return Mark._checked(
            view=view,
            geometry=geometry,
            region=region,
            width=None if width is None else float(width),
            intensity=None if intensity is None else float(intensity),
            quality=quality,
            properties=MappingProxyType(props),
            _geojson=raw_geometry,
            _members=MappingProxyType(members),
        )


def read_drawing_json(path: Path) -> Any:
    """Read a drawing file's JSON; errors are :class:`DrawingError` naming the file."""
    try:
        return read_json_file(path, "drawing file", constants=True)
    except JSONProblem as exc:
        raise DrawingError(str(path), str(exc)) from None


def parse_drawing_text(text: str | bytes, source: str, check_depth: bool = True) -> Any:
    """Parse a drawing's JSON text; a syntax error is a :class:`DrawingError` naming ``source``.

    NaN and Infinity tokens are read as floats here: the checks that follow say which
    feature holds them, and refuse them, as JSON demands.
    """
    try:
        return parse_json(text, constants=True, check_depth=check_depth)
    except JSONProblem as exc:
        raise DrawingError(source, str(exc)) from None


def drawing_from_dict(
    doc: Any, path: Path | None = None, chart: PathLike | Chart | None = None
) -> Drawing:
    """Build a :class:`Drawing` from a parsed drawing document, checking everything.

    Parameters
    ----------
    doc
        The parsed GeoJSON document.
    path
        The file it came from, used in messages and kept as :attr:`Drawing.path`.
    chart
        The chart given explicitly (a name, a chart file or a :class:`Chart`), used if the
        drawing's ``bodymap.chart`` names it (see :func:`~bodymap.model.chart.named_chart`).

    Raises
    ------
    DrawingError
        Naming the file (or ``<drawing>``), the feature index and the problem.
    """
    source = str(path) if path is not None else _DICT_SOURCE
    given = _given_chart(chart)
    meta, features, extra = check_envelope(doc, source)
    probe = Drawing((), meta, {}, path, given_chart=given)  # resolves and checks the chart
    marks = read_marks(features, source, probe.chart)
    return Drawing(marks, meta, extra, path, given_chart=given)


def _given_chart(chart: PathLike | Chart | None) -> Chart | None:
    return chart if chart is None or isinstance(chart, Chart) else load_chart(chart)


def check_envelope(doc: Any, source: str) -> tuple[Mapping[str, Any], list[Any], dict[str, Any]]:
    """Check a drawing document's envelope; return its metadata, features and extra members.

    Raises :class:`DrawingError` naming ``source`` when it is not a ``FeatureCollection``,
    lacks a valid ``bodymap`` block or a ``features`` list, or holds NaN/Infinity outside
    the features.
    """
    if not isinstance(doc, Mapping) or doc.get("type") != "FeatureCollection":
        raise DrawingError(source, "not a GeoJSON FeatureCollection")
    meta = doc.get("bodymap")
    if not isinstance(meta, Mapping):
        raise DrawingError(source, "missing the 'bodymap' metadata block")
    check_meta(meta, source)
    features = doc.get("features")
    if not isinstance(features, list):
        raise DrawingError(source, "'features' must be a list")
    extra = {k: v for k, v in doc.items() if k not in ("type", "bodymap", "features")}
    problem = _refuse_non_finite(extra, "")
    if problem is not None:
        raise DrawingError(source, problem)
    return meta, features, extra


def read_marks(features: Sequence[Any], source: str, chart: Chart) -> tuple[Mark, ...]:
    """Check every feature of a drawing on ``chart`` and build its marks."""
    reader = _Reader(source, chart)
    marks = []
    for index, raw in enumerate(features):
        reader.index = index
        marks.append(reader.mark(raw))
    return tuple(marks)


def load_drawing(
    path_or_dict: PathLike | Mapping[str, Any] | Drawing, chart: PathLike | Chart | None = None
) -> Drawing:
    """Load and check a pain drawing.

    Parameters
    ----------
    path_or_dict
        The path of a drawing file (GeoJSON, see the module docstring), an already parsed
        document (a dict, copied), or a :class:`Drawing` (returned as it is).
    chart
        The chart given explicitly (a name, a chart file or a :class:`Chart`).  A drawing's
        ``bodymap.chart`` names a built-in chart or this one; a chart file named inside the
        drawing is never opened.

    Returns
    -------
    Drawing
        The drawing; the input file is only read, never modified.

    Raises
    ------
    DrawingError
        One line naming the file, the feature index and the problem, for example
        ``drawing.json: feature 2: unknown view 'side'; choose from: front, back``.

    Examples
    --------
    >>> import bodymap
    >>> drawing = bodymap.load_drawing({
    ...     "type": "FeatureCollection",
    ...     "bodymap": {"kind": "drawing", "version": 1},
    ...     "features": [{"type": "Feature", "geometry": None,
    ...                   "properties": {"view": "front", "region": "groin-left"}}]})
    >>> round(drawing.area(), 1)
    101.4
    """
    if isinstance(path_or_dict, Drawing):
        return path_or_dict
    if isinstance(path_or_dict, Mapping):
        return drawing_from_dict(_copy(path_or_dict), chart=chart)
    path = Path(path_or_dict)
    return drawing_from_dict(read_drawing_json(path), path, chart)


# --- many drawings at once (the cohort engine) -------------------------------------------------

#: Properties whose values the batch reader checks itself (any other sends it the long way).
_PLAIN_PROPERTIES = frozenset({"view", "region", "intensity", "quality", "width"})
_FEATURE_MEMBERS = frozenset({"type", "properties", "geometry"})
_GEOMETRY_MEMBERS = frozenset({"type", "coordinates"})
_ENVELOPE_MEMBERS = frozenset({"type", "bodymap", "features"})
_SCALARS = frozenset({str, int, float, bool, type(None)})
_NESTED_TOO_DEEP = f"not valid JSON (nested more than {MAX_DEPTH} levels deep)"
_NO_MEMBERS: Mapping[str, Any] = MappingProxyType({})

#: A drawing's outcome: its ``bodymap`` block and marks, or the error that refuses it.
Outcome = tuple[Mapping[str, Any], tuple[Mark, ...]] | DrawingError
MetaCheck = Callable[[Mapping[str, Any], str], None]


def read_one(
    source: str,
    doc: Any,
    chart: Chart,
    on_meta: MetaCheck | None = None,
    depth_checked: bool = True,
) -> Outcome:
    """One parsed drawing checked on ``chart``: its metadata and marks, or its error.

    The reference that :func:`read_many` agrees with.  ``on_meta(meta, source)`` may refuse
    the drawing by raising :class:`DrawingError` (the cohort checks the drawing's chart);
    with ``depth_checked=False`` the document's nesting is checked first, as the JSON reader
    does (:func:`~bodymap.core.jsonio.parse_json`).
    """
    try:
        if not depth_checked and too_deep(doc):
            raise DrawingError(source, _NESTED_TOO_DEEP)
        meta, features, _ = check_envelope(doc, source)
        if on_meta is not None:
            on_meta(meta, source)
        return meta, read_marks(features, source, chart)
    except DrawingError as exc:
        return exc


def read_many(
    items: Sequence[tuple[str, Any]],
    chart: Chart,
    on_meta: MetaCheck | None = None,
    depth_checked: bool = True,
) -> list[Outcome]:
    """Many parsed drawings checked on ``chart``, with the same outcome as :func:`read_one`.

    The plain drawings (the usual members, simple polygons and strokes) are checked
    together: their coordinates are type-checked and converted in one call and their
    geometries built in one vectorised call per kind.  Whatever is not plain, or fails a
    check, is read by :func:`read_one`, so every message is the reader's own.  A plain
    drawing's containers are all of known shape, so its nesting needs no separate check.

    Parameters
    ----------
    items
        ``(source, parsed document)`` of each drawing.
    chart
        The chart the marks are checked against.
    on_meta
        Called with each drawing's ``bodymap`` block and source; may raise
        :class:`DrawingError`.
    depth_checked
        Whether the documents' nesting was already checked by the JSON reader.

    Returns
    -------
    list
        For each item, ``(bodymap block, marks)`` or the :class:`DrawingError` refusing it.
    """
    out: list[Outcome | None] = [None] * len(items)
    batch = _Batch(chart)
    metas: dict[int, Mapping[str, Any]] = {}
    for i, (source, doc) in enumerate(items):
        if (
            type(doc) is dict
            and doc.keys() <= _ENVELOPE_MEMBERS
            and doc.get("type") == "FeatureCollection"
            and type(meta := doc.get("bodymap")) is dict
            and set(map(type, meta.values())) <= _SCALARS
            and type(features := doc.get("features")) is list
        ):
            try:
                check_meta(meta, source)
                if on_meta is not None:
                    on_meta(meta, source)
            except DrawingError:
                continue
            if batch.add(i, features):
                metas[i] = meta
    refused: set[int] = set()
    built = batch.build(refused)
    for i, meta in metas.items():
        if i not in refused:
            out[i] = (meta, tuple(built.get(i, ())))
    for i, (source, doc) in enumerate(items):
        if out[i] is None:
            out[i] = read_one(source, doc, chart, on_meta, depth_checked)
    return out  # type: ignore[return-value]


def _plain_positions(ring: Any) -> bool:
    """Whether a list of positions is plain: ``[x, y]`` lists of ints and floats that fit."""
    if not (
        type(ring) is list
        and set(map(type, ring)) <= {list}
        and set(map(len, ring)) <= {2}
        and set(map(type, chain.from_iterable(ring))) <= _NUMBERS
    ):
        return False
    try:
        np.array(ring, dtype=float)
    except (OverflowError, ValueError):
        return False
    return True


class _Batch:
    """The marks of many drawings, checked together (see :func:`read_many`)."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.views = frozenset(chart.views)
        self.places: dict[tuple[str, str], bool] = {}
        #: Per mark: drawing, its fields, geometry type (None: a whole region), first ring,
        #: number of rings (a line is one ring here).
        self.marks: list[tuple[int, dict[str, Any], str | None, int, int]] = []
        self.rings: list[Any] = []

    def _region_ok(self, view: str, region: str) -> bool:
        ok = self.places.get((view, region))
        if ok is None:
            ok = self.places[(view, region)] = _chart_problem(view, region, self.chart) is None
        return ok

    def add(self, drawing: int, features: list[Any]) -> bool:
        """Queue the marks of one drawing; ``False`` (nothing queued) if one is not plain."""
        n_marks, n_rings = len(self.marks), len(self.rings)
        for raw in features:
            if not self._feature(drawing, raw):
                del self.marks[n_marks:]
                del self.rings[n_rings:]
                return False
        return True

    def _feature(self, drawing: int, raw: Any) -> bool:
        if not (
            type(raw) is dict
            and raw.keys() <= _FEATURE_MEMBERS
            and raw.get("type") == "Feature"
            and type(props := raw.get("properties")) is dict
            and props.keys() <= _PLAIN_PROPERTIES
        ):
            return False
        view, region = props.get("view"), props.get("region")
        width, intensity = props.get("width"), props.get("intensity")
        quality = props.get("quality")
        if not (
            type(view) is str
            and view in self.views
            and (region is None or (type(region) is str and self._region_ok(view, region)))
            and (width is None or (type(width) in _NUMBERS and 0 < width <= MAX_WIDTH))
            and (
                intensity is None
                or (type(intensity) in _NUMBERS and 0 <= intensity <= INTENSITY_MAX)
            )
            and (quality is None or type(quality) is str)
        ):
            return False
        geometry = raw.get("geometry")
        fields = {
            "view": view,
            "region": region,
            "width": None if width is None else float(width),
            "intensity": None if intensity is None else float(intensity),
            "quality": quality,
            "properties": MappingProxyType(props),
            "_geojson": geometry,
            "_members": _NO_MEMBERS,
        }
        if geometry is None:
            if region is None:
                return False
            self.marks.append((drawing, fields, None, 0, 0))
            return True
        if type(geometry) is not dict or not geometry.keys() <= _GEOMETRY_MEMBERS:
            return False
        gtype, coords = geometry.get("type"), geometry.get("coordinates")
        if type(coords) is not list or not coords:
            return False
        first = len(self.rings)
        if gtype == "Polygon" and set(map(type, coords)) <= {list}:
            self.rings += coords
        elif gtype == "LineString" and width is not None:
            self.rings.append(coords)
        else:  # multi-part geometries (rare in drawings) take the full reader
            return False
        self.marks.append((drawing, fields, gtype, first, len(self.rings) - first))
        return True

    def _drop(self, refused: set[int]) -> None:
        """Forget the queued marks of the drawings in ``refused``."""
        marks, rings = self.marks, self.rings
        self.marks, self.rings = [], []
        for drawing, fields, gtype, first, count in marks:
            if drawing not in refused:
                self.marks.append((drawing, fields, gtype, len(self.rings), count))
                self.rings += rings[first : first + count]

    def build(self, refused: set[int]) -> dict[int, list[Mark]]:
        """The marks of every queued drawing, by drawing; ``refused`` gains those that fail."""
        flat = list(chain.from_iterable(self.rings)) if self.rings else []
        try:
            plain = (
                set(map(type, self.rings)) <= {list}
                and set(map(type, flat)) <= {list}
                and set(map(len, flat)) <= {2}
                and set(map(type, chain.from_iterable(flat))) <= _NUMBERS
            )
            xy = (
                np.fromiter(chain.from_iterable(flat), float, 2 * len(flat)).reshape(-1, 2)
                if plain
                else None
            )
        except (OverflowError, ValueError):  # an integer beyond any float
            xy = None
        if xy is None:  # find the drawings at fault, then build the others
            for drawing, _, _, first, count in self.marks:
                if drawing not in refused and not all(
                    map(_plain_positions, self.rings[first : first + count])
                ):
                    refused.add(drawing)
            self._drop(refused)
            return self.build(refused)
        marks = self.marks
        n_rings = len(self.rings)
        lengths = np.fromiter(map(len, self.rings), dtype=np.int64, count=n_rings)
        ring_mark = np.repeat(
            np.arange(len(marks)), np.fromiter((m[4] for m in marks), np.int64, len(marks))
        )
        drawing_of = np.fromiter((m[0] for m in marks), np.int64, len(marks))
        ring_drawing = drawing_of[ring_mark]
        is_ring = np.fromiter((m[2] == "Polygon" for m in marks), bool, len(marks))[ring_mark]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        point_ring = np.repeat(np.arange(n_rings), lengths)
        bad = ~np.isfinite(xy).all(axis=1) | (np.abs(xy) > MAX_COORDINATE).any(axis=1)
        fault = np.zeros(n_rings, dtype=bool)
        fault[point_ring[bad]] = True
        # A ring's closing position is dropped; a ring keeps 3 positions or more, a line 2.
        last = np.maximum(ends - 1, starts)
        closed = is_ring & (lengths > 1)
        closed[closed] = (xy[starts[closed]] == xy[last[closed]]).all(axis=1)
        kept = lengths - closed
        fault |= np.where(is_ring, kept < 3, kept < 2)
        refused.update(ring_drawing[fault].tolist())
        if n_rings:
            vertices = np.bincount(ring_drawing, lengths)
            refused.update(np.flatnonzero(vertices > MAX_VERTICES).tolist())
        good = ~np.isin(ring_drawing, np.array(sorted(refused), dtype=np.int64))
        keep = np.ones(len(xy), dtype=bool)
        keep[last[closed]] = False
        keep &= good[point_ring]
        ring_geoms = np.empty(n_rings, dtype=object)
        makers = ((good & is_ring, shapely.linearrings), (good & ~is_ring, shapely.linestrings))
        for rings, make in makers:
            pick = keep & rings[point_ring]
            if pick.any():
                make(xy[pick], indices=point_ring[pick], out=ring_geoms)
        mark_geoms = np.empty(len(marks), dtype=object)
        polys = np.flatnonzero(good & is_ring)
        if len(polys):
            shapely.polygons(ring_geoms[polys], indices=ring_mark[polys], out=mark_geoms)
        lines = np.flatnonzero(good & ~is_ring)
        mark_geoms[ring_mark[lines]] = ring_geoms[lines]
        out: dict[int, list[Mark]] = {}
        for (drawing, fields, _, _, _), geometry in zip(marks, mark_geoms.tolist()):
            if drawing not in refused:
                fields["geometry"] = geometry
                out.setdefault(drawing, []).append(Mark._checked(**fields))
        return out
