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
from collections.abc import Mapping, Sequence
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.errors import DrawingError
from bodymap.core.geometry import coordinates
from bodymap.core.jsonio import JSONProblem, parse_json, read_json_file
from bodymap.model.chart import Chart
from bodymap.model.drawing import (
    _COORDS_SHAPE,
    _DICT_SOURCE,
    _NUMBERS,
    _POSITION_LENGTHS,
    _SEQUENCES,
    _STROKES,
    GEOMETRY_TYPES,
    MAX_VERTICES,
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
    "read_marks",
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


def parse_drawing_text(text: str | bytes, source: str) -> Any:
    """Parse a drawing's JSON text; a syntax error is a :class:`DrawingError` naming ``source``.

    NaN and Infinity tokens are read as floats here: the checks that follow say which
    feature holds them, and refuse them, as JSON demands.
    """
    try:
        return parse_json(text, constants=True)
    except JSONProblem as exc:
        raise DrawingError(source, str(exc)) from None


def drawing_from_dict(doc: Any, path: Path | None = None) -> Drawing:
    """Build a :class:`Drawing` from a parsed drawing document, checking everything.

    Parameters
    ----------
    doc
        The parsed GeoJSON document.
    path
        The file it came from, used in messages and kept as :attr:`Drawing.path`.

    Raises
    ------
    DrawingError
        Naming the file (or ``<drawing>``), the feature index and the problem.
    """
    source = str(path) if path is not None else _DICT_SOURCE
    meta, features, extra = check_envelope(doc, source)
    probe = Drawing((), meta, {}, path)  # resolves and checks the chart
    return Drawing(read_marks(features, source, probe.chart), meta, extra, path)


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


def load_drawing(path_or_dict: PathLike | Mapping[str, Any] | Drawing) -> Drawing:
    """Load and check a pain drawing.

    Parameters
    ----------
    path_or_dict
        The path of a drawing file (GeoJSON, see the module docstring), an already parsed
        document (a dict, copied), or a :class:`Drawing` (returned as it is).

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
        return drawing_from_dict(_copy(path_or_dict))
    path = Path(path_or_dict)
    return drawing_from_dict(read_drawing_json(path), path)
