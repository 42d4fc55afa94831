"""Patient pain drawings: the file format, its validation, and the areas a drawing covers.

A pain drawing is a GeoJSON ``FeatureCollection`` in chart coordinates (centimetres, one frame
per view, see ``shapes/README.md``) with a foreign member ``bodymap`` holding metadata
(``kind: "drawing"``, ``version: 1``, optionally ``chart``, ``subject``, ``recorded``).  Each
feature is one :class:`Mark`: a ``Polygon``/``MultiPolygon`` the patient shaded, a
``LineString``/``MultiLineString`` brush stroke of ``properties.width`` cm, or a ``null``
geometry with ``properties.region`` for a whole chart region; ``view`` is required,
``intensity`` (0-10 NRS) and ``quality`` are optional.  :func:`load_drawing` checks a file
strictly and reports every problem as one line naming the file, the feature index and what
is wrong (:class:`~bodymap.core.errors.DrawingError`); members it does not know are kept and
written back unchanged by :meth:`Drawing.save`.  For all measures, marks are unioned per view
and clipped to the body outline; the area drawn outside the body is kept apart and reported.
Geometry work is vectorised with shapely 2 (buffering, repair, union) and cached per drawing.
"""

from __future__ import annotations

import copy
import difflib
import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.core.choices import INTENSITY_MAX, PAIN_QUALITIES
from bodymap.core.errors import BodymapError, DrawingError
from bodymap.core.geometry import AREA_EPS, polygonal
from bodymap.core.geometry import EMPTY as _EMPTY
from bodymap.core.output import write_bytes
from bodymap.model.chart import Chart, Region, load_chart

__all__ = [
    "DESCRIPTORS",
    "FORMAT_VERSION",
    "GEOMETRY_TYPES",
    "MAX_VERTICES",
    "Drawing",
    "Mark",
    "check_meta",
    "format_drawing_json",
]

#: The drawing-file format version this release writes (and the versions it reads).
FORMAT_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
#: Upper limit of the number of vertices in one drawing file (all features together).
MAX_VERTICES = 100_000
#: The GeoJSON geometry types a mark may have (or ``null`` with a ``region``).
GEOMETRY_TYPES: tuple[str, ...] = ("Polygon", "MultiPolygon", "LineString", "MultiLineString")
#: Pain-quality descriptors the figures translate (see :mod:`bodymap.core.choices`).
DESCRIPTORS: tuple[str, ...] = PAIN_QUALITIES

_STROKES = ("LineString", "MultiLineString")
_NUMBERS = frozenset({int, float})
_SEQUENCES = frozenset({list, tuple})
_POSITION_LENGTHS = frozenset({2, 3})
#: Tolerance of the stroke centre-line simplification, as a share of the brush width.
STROKE_SIMPLIFY = 0.02
_FLAT_SCALARS = frozenset({str, int, bool, type(None)})
_DICT_SOURCE = "<drawing>"
_COORDS_SHAPE = {
    "LineString": "a list of [x, y] positions",
    "MultiLineString": "a list of lines, each a list of [x, y] positions",
    "Polygon": "a list of rings, each a list of [x, y] positions",
    "MultiPolygon": "a list of polygons, each a list of rings of [x, y] positions",
}

PathLike = str | os.PathLike[str]
Polygonal = Polygon | MultiPolygon


# --- small helpers ---------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _show(value: object) -> str:
    """A value as the user wrote it, short, in JSON spelling for null, booleans, NaN."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _non_finite(obj: Any, where: str) -> tuple[str, float] | None:
    """The member path and value of the first NaN/Infinity inside ``obj``, or ``None``."""
    if isinstance(obj, float):
        return None if math.isfinite(obj) else (where, obj)
    if isinstance(obj, Mapping):
        for key, value in obj.items():
            found = _non_finite(value, f"{where}.{key}" if where else str(key))
            if found is not None:
                return found
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            found = _non_finite(value, f"{where}[{i}]")
            if found is not None:
                return found
    return None


def _refuse_non_finite(obj: Any, where: str) -> str | None:
    """A message if ``obj`` holds NaN or Infinity (which JSON does not allow), else ``None``."""
    if type(obj) is dict:  # fast path: the usual flat properties of a mark
        types = set(map(type, obj.values()))
        if types <= _FLAT_SCALARS or (
            types <= _FLAT_SCALARS | {float}
            and all(math.isfinite(v) for v in obj.values() if type(v) is float)
        ):
            return None
    found = _non_finite(obj, where)
    if found is None:
        return None
    member, value = found
    return f"{member!r} is {_show(value)}, which JSON does not allow"


def check_intensity(value: object) -> float | None:
    """Return ``value`` as a float if it is a pain intensity from 0 to 10 (or ``None``).

    Raises
    ------
    ValueError
        With the problem as the message, e.g. ``intensity must be a number from 0 to 10,
        not 11``.
    """
    if value is None:
        return None
    if not _is_number(value) or not 0.0 <= float(value) <= INTENSITY_MAX:  # type: ignore[arg-type]
        raise ValueError(f"'intensity' must be a number from 0 to 10, not {_show(value)}")
    return float(value)  # type: ignore[arg-type]


def _check_width(value: object) -> float:
    if not _is_number(value) or not 0.0 < float(value) < math.inf:  # type: ignore[arg-type]
        raise ValueError(f"'width' must be a positive number of cm, not {_show(value)}")
    return float(value)  # type: ignore[arg-type]


def _chart_problem(view: str, region: str | None, chart: Chart) -> str | None:
    """What is wrong with a mark's view and region on ``chart``, or ``None``."""
    if view not in chart.views:
        return f"unknown view {view!r}; choose from: {', '.join(chart.views)}"
    if region is None:
        return None
    if not chart.has_region(region):
        ids = [r.id for r in chart.regions_in(view)]
        close = difflib.get_close_matches(region, ids, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown region {region!r}{hint} (list them with: bodymap regions --view {view})"
    on = chart.resolve_region(region)[0].view
    if on != view:
        return f"region {region!r} is on the {on} view, not on the {view} view"
    return None


# --- marks -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Mark:
    """One thing a patient marked: a shaded area, a brush stroke or a whole chart region.

    Attributes
    ----------
    view
        The chart view the mark is on (``"front"`` or ``"back"``).
    geometry
        The shapely geometry as given, in chart cm (``Polygon``, ``MultiPolygon``,
        ``LineString`` or ``MultiLineString``), or ``None`` for a whole-region mark.
    region
        Id of the chart region this mark covers entirely (with ``geometry=None``); kept as a
        tag when a geometry is given.
    width
        Brush diameter in cm, required for strokes.
    intensity
        Pain intensity on the 0-10 numeric rating scale, or ``None``.
    quality
        Free text or a descriptor such as ``"aching"`` or ``"burning"``, or ``None``.
    properties
        All properties of the feature as in the file, unknown ones included.
    """

    view: str
    geometry: BaseGeometry | None = None
    region: str | None = None
    width: float | None = None
    intensity: float | None = None
    quality: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    _geojson: Mapping[str, Any] | None = field(default=None, repr=False)
    _members: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        problem = self._problem()
        if problem is not None:
            raise DrawingError("mark", problem)
        if self.width is not None:
            object.__setattr__(self, "width", float(self.width))
        object.__setattr__(self, "intensity", check_intensity(self.intensity))
        object.__setattr__(self, "properties", MappingProxyType(dict(self.properties)))
        object.__setattr__(self, "_members", MappingProxyType(dict(self._members)))

    def _problem(self) -> str | None:
        if not isinstance(self.view, str):
            return f"'view' must be a view name, not {_show(self.view)}"
        if self.geometry is None:
            if self.region is None:
                return "a mark needs a geometry, or a null geometry with a 'region'"
        elif self.geometry.geom_type not in GEOMETRY_TYPES:
            return (
                f"unsupported geometry type {self.geometry.geom_type!r}; use "
                "Polygon, MultiPolygon, LineString or MultiLineString (or null with a 'region')"
            )
        if self.region is not None and not isinstance(self.region, str):
            return f"'region' must be a region id, not {_show(self.region)}"
        if self.is_stroke and self.width is None:
            return f"a {self.geometry.geom_type} stroke needs 'width', the brush diameter in cm"  # type: ignore[union-attr]
        try:
            if self.width is not None:
                _check_width(self.width)
            check_intensity(self.intensity)
        except ValueError as exc:
            return str(exc)
        if self.quality is not None and not isinstance(self.quality, str):
            return f"'quality' must be text, not {_show(self.quality)}"
        return None

    @classmethod
    def _checked(cls, **fields: Any) -> Mark:
        """A mark from fields the drawing reader has already checked and normalised.

        Skips ``__post_init__``'s checks and copies, which would repeat the reader's work for
        every mark of every drawing (a large share of reading a cohort).
        """
        mark = object.__new__(cls)
        for name, value in fields.items():
            object.__setattr__(mark, name, value)
        return mark

    @property
    def is_stroke(self) -> bool:
        """Whether the mark is a brush stroke (a line buffered by half its width)."""
        return self.geometry is not None and self.geometry.geom_type in _STROKES

    def shape(self, chart: Chart | None = None) -> Polygonal:
        """The area this mark covers, in chart cm, not yet clipped to the body.

        A stroke is buffered by ``width / 2`` with round caps and joins, a whole-region mark
        is the region's polygon, and a polygon is repaired with ``make_valid`` if it is not
        valid (for example self-intersecting); only its polygonal parts are kept.

        Parameters
        ----------
        chart
            The chart whose regions whole-region marks refer to (default: the adult chart).
        """
        return _mark_shapes((self,), chart if chart is not None else load_chart())[0]  # type: ignore[no-any-return]

    def to_feature(self) -> dict[str, Any]:
        """The mark as a GeoJSON Feature, unknown members as they were read."""
        props = copy.deepcopy(dict(self.properties))
        fields = {
            "view": self.view,
            "region": self.region,
            "width": self.width,
            "intensity": self.intensity,
            "quality": self.quality,
        }
        for key, value in fields.items():
            if value is None:
                props.pop(key, None)
            elif props.get(key) != value or type(props.get(key)) is bool:
                props[key] = value
        if self.geometry is None:
            geometry: Any = None
        elif self._geojson is not None:
            geometry = _copy(self._geojson)
        else:
            from bodymap.core.geometry import to_geojson

            geometry = to_geojson(self.geometry, ndigits=3)
        feature: dict[str, Any] = {"type": "Feature"}
        feature.update(copy.deepcopy(dict(self._members)))
        feature["properties"] = props
        feature["geometry"] = geometry
        return feature


@lru_cache(maxsize=16)
def _region_index(
    chart: Chart, view: str
) -> tuple[shapely.STRtree, tuple[Region, ...], np.ndarray]:
    """STRtree over the region polygons of one view, the regions and their polygons."""
    regions = chart.regions_in(view)
    geoms = np.array([r.geometry for r in regions], dtype=object)
    return shapely.STRtree(geoms), regions, geoms


@lru_cache(maxsize=16)
def _partitioned(chart: Chart, view: str) -> bool:
    """Whether the regions of ``view`` cover its outline without overlap (up to slivers)."""
    regions = [r.geometry for r in chart.regions_in(view)]
    outline = chart.outline(view)
    total = float(shapely.area(np.array(regions, dtype=object)).sum())
    return abs(total - outline.area) < 0.01 and abs(shapely.union_all(regions).area - total) < 0.01


def _mark_shapes(marks: Sequence[Mark], chart: Chart) -> np.ndarray:
    """Polygonal coverage of each mark, computed with vectorised shapely calls."""
    out = np.empty(len(marks), dtype=object)
    lines: list[int] = []
    polys: list[int] = []
    for i, mark in enumerate(marks):
        if mark.geometry is None:
            assert mark.region is not None
            out[i] = chart.region_geometry(mark.region)
        elif mark.is_stroke:
            lines.append(i)
        else:
            polys.append(i)
    if lines:
        geoms = np.array([marks[i].geometry for i in lines], dtype=object)
        radii = np.array([(marks[i].width or 0.0) / 2.0 for i in lines])
        # Centre lines are simplified to STROKE_SIMPLIFY of the brush width first: jitter that
        # small is invisible under the brush (the covered area changes by well under 1 %),
        # and freehand strokes carry many points, which buffering and every overlay pay for.
        # (Plain Douglas-Peucker: a centre line has no topology to keep, the buffer mends it.)
        geoms = shapely.simplify(geoms, 2.0 * radii * STROKE_SIMPLIFY, preserve_topology=False)
        out[lines] = shapely.buffer(
            geoms, radii, quad_segs=8, cap_style="round", join_style="round"
        )
    if polys:
        geoms = np.array([marks[i].geometry for i in polys], dtype=object)
        valid = shapely.is_valid(geoms)
        if not valid.all():
            geoms[~valid] = [polygonal(g) for g in shapely.make_valid(geoms[~valid])]
        out[polys] = geoms
    return out


# --- drawings --------------------------------------------------------------------------------


def _default_meta() -> Mapping[str, Any]:
    return MappingProxyType({"kind": "drawing", "version": FORMAT_VERSION})


@dataclass(frozen=True, eq=False)
class Drawing:
    """A patient's pain drawing: marks on the views of a body chart, and its metadata.

    Get one with :func:`load_drawing`, or build one from :class:`Mark` objects.  Geometry
    results are cached per drawing; a drawing is immutable.

    Attributes
    ----------
    marks
        The marks, in file order (``marks[i]`` is feature ``i``).
    meta
        The whole ``bodymap`` block (``kind``, ``version``, ``chart``, ``subject``,
        ``recorded``, and any unknown members, kept).
    extra
        Unknown top-level members of the file, kept and written back.
    path
        The file the drawing was read from, or ``None``.
    """

    marks: tuple[Mark, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=_default_meta)
    extra: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None
    _cache: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        meta = dict(self.meta)
        meta.setdefault("kind", "drawing")
        meta.setdefault("version", FORMAT_VERSION)
        object.__setattr__(self, "marks", tuple(self.marks))
        object.__setattr__(self, "meta", MappingProxyType(meta))
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))
        check_meta(meta, self.source)
        chart = self.chart
        for i, mark in enumerate(self.marks):
            problem = _chart_problem(mark.view, mark.region, chart)
            if problem is not None:
                raise DrawingError(self.source, problem, i)

    # --- metadata ----------------------------------------------------------------------------
    @property
    def source(self) -> str:
        """The file as it was named when loaded, or ``"<drawing>"``."""
        return str(self.path) if self.path is not None else _DICT_SOURCE

    @property
    def subject(self) -> str | None:
        """The (pseudonymous) subject id from the metadata, or ``None``."""
        value = self.meta.get("subject")
        return None if value is None else str(value)

    @property
    def recorded(self) -> str | None:
        """When the drawing was made, as written in the file (ISO 8601), or ``None``."""
        value = self.meta.get("recorded")
        return None if value is None else str(value)

    @property
    def chart_name(self) -> str:
        """The chart the drawing is drawn on (``meta["chart"]``, default ``"adult"``)."""
        return str(self.meta.get("chart", "adult"))

    @property
    def chart(self) -> Chart:
        """The loaded body chart of the drawing."""
        name = self.chart_name
        if self.path is not None and name.endswith(".json") and not os.path.isabs(name):
            name = str(self.path.parent / name)
        try:
            return load_chart(name)
        except BodymapError as exc:
            raise DrawingError(self.source, str(exc)) from None

    @property
    def label(self) -> str:
        """A short name for tables: the file name, else the subject, else ``"drawing"``."""
        if self.path is not None:
            return self.path.name
        return self.subject or "drawing"

    def views(self) -> tuple[str, ...]:
        """The views that have marks, in chart order."""
        used = {m.view for m in self.marks}
        return tuple(v for v in self.chart.views if v in used)

    # --- geometry ----------------------------------------------------------------------------
    def _chart(self, chart: Chart | None) -> Chart:
        return chart if chart is not None else self.chart

    def shapes(self, chart: Chart | None = None) -> np.ndarray:
        """Each mark's covered area (see :meth:`Mark.shape`) as an array of geometries.

        Parameters
        ----------
        chart
            The chart whose regions whole-region marks refer to (default: the drawing's).

        Returns
        -------
        numpy.ndarray
            One shapely geometry per mark, in mark order, computed by vectorised calls
            (all strokes buffered at once, invalid polygons repaired at once) and cached.
        """
        the_chart = self._chart(chart)
        key = ("shapes", the_chart)
        if key not in self._cache:
            self._cache[key] = _mark_shapes(self.marks, the_chart)
        return self._cache[key]  # type: ignore[no-any-return]

    def union(self, view: str, chart: Chart | None = None) -> Polygonal:
        """Union of the areas of the marks of ``view``, not clipped to the body.

        Parameters
        ----------
        view
            ``"front"`` or ``"back"``.
        chart
            The chart (default: the drawing's own chart).

        Returns
        -------
        Polygon or MultiPolygon
            In chart cm, prepared for fast predicates; empty if the view has no marks.
        """
        the_chart = self._chart(chart)
        the_chart.check_view(view)
        key = ("union", the_chart, view)
        if key not in self._cache:
            index = [i for i, m in enumerate(self.marks) if m.view == view]
            union = polygonal(shapely.union_all(self.shapes(the_chart)[index])) if index else _EMPTY
            shapely.prepare(union)
            self._cache[key] = union
        return self._cache[key]  # type: ignore[no-any-return]

    def marked_regions(self, chart: Chart | None = None) -> tuple[tuple[Region, float], ...]:
        """The chart regions the drawing touches, each with its marked area in cm².

        The regions partition the body outline, so their marked areas add up to the marked
        area inside the body: this is how :meth:`area` clips the marks to the body without
        an overlay with the whole outline.  Regions are in chart order; touching a border
        without covering any area does not count.

        Parameters
        ----------
        chart
            The chart (default: the drawing's own chart).

        Returns
        -------
        tuple of (Region, float)
            Each touched region with the marked area inside it, in cm².
        """
        the_chart = self._chart(chart)
        key = ("regions", the_chart)
        if key not in self._cache:
            out: list[tuple[Region, float]] = []
            for view in the_chart.views:
                union = self.union(view, the_chart)
                if union.is_empty:
                    continue
                tree, regions, geoms = _region_index(the_chart, view)
                hit = np.sort(tree.query(union, predicate="intersects"))
                if not len(hit):
                    continue
                # Overlay only where needed: a region the marks cover entirely counts whole,
                # marks lying within one region count whole; both tests use prepared
                # geometries and are much cheaper than an intersection.
                hit_geoms = geoms[hit]
                marked = np.empty(len(hit))
                whole = shapely.covers(union, hit_geoms)
                inside = ~whole & shapely.covers(hit_geoms, union)
                rest = ~(whole | inside)
                marked[whole] = shapely.area(hit_geoms[whole])
                marked[inside] = union.area
                marked[rest] = shapely.area(shapely.intersection(union, hit_geoms[rest]))
                out += [(regions[i], float(a)) for i, a in zip(hit, marked) if a > AREA_EPS]
            self._cache[key] = tuple(out)
        return self._cache[key]  # type: ignore[no-any-return]

    def geometry(self, view: str, chart: Chart | None = None) -> Polygonal:
        """Union of the marks of ``view``, clipped to the body outline (chart cm).

        Parameters
        ----------
        view
            ``"front"`` or ``"back"``.
        chart
            The chart to clip to (default: the drawing's own chart).

        Returns
        -------
        Polygon or MultiPolygon
            Empty if nothing is marked on that view.
        """
        return self._clip(view, chart)[0]

    def outside(self, view: str, chart: Chart | None = None) -> Polygonal:
        """The part of the marks of ``view`` that lies outside the body outline."""
        return self._clip(view, chart)[1]

    def _clip(self, view: str, chart: Chart | None) -> tuple[Polygonal, Polygonal]:
        """(inside, outside) the body outline of the union of the marks of ``view``."""
        the_chart = self._chart(chart)
        key = ("clip", the_chart, view)
        if key not in self._cache:
            union = self.union(view, the_chart)
            outline = the_chart.outline(view)
            inside: Polygonal = union
            outside: Polygonal = _EMPTY
            if not union.is_empty and not shapely.covers(outline, union):
                # Only the part of the outline near the marks matters: clipping it to
                # their bounding box first makes the overlay cheaper.
                near = shapely.clip_by_rect(outline, *union.bounds)
                inside = polygonal(shapely.intersection(union, near))
                outside = polygonal(shapely.difference(union, near))
                if outside.area < AREA_EPS:
                    outside = _EMPTY
                shapely.prepare(inside)
            self._cache[key] = (inside, outside)
        return self._cache[key]  # type: ignore[no-any-return]

    def _views(self, view: str | None, chart: Chart | None) -> tuple[str, ...]:
        the_chart = self._chart(chart)
        return the_chart.views if view is None else (the_chart.check_view(view),)

    def area(self, view: str | None = None, chart: Chart | None = None) -> float:
        """Marked area in cm² inside the body: union of the marks, clipped, per view summed.

        Parameters
        ----------
        view
            One view, or ``None`` for the sum over all views.
        chart
            The chart to clip to (default: the drawing's own chart).
        """
        the_chart = self._chart(chart)
        views = self._views(view, the_chart)
        if all(_partitioned(the_chart, v) for v in views):
            return float(sum(a for r, a in self.marked_regions(the_chart) if r.view in views))
        return float(sum(self.geometry(v, the_chart).area for v in views))

    def outside_area(self, view: str | None = None, chart: Chart | None = None) -> float:
        """Area in cm² drawn outside the body outline (per view summed).

        Parameters
        ----------
        view
            One view, or ``None`` for the sum over all views.
        chart
            The chart (default: the drawing's own chart).
        """
        total = 0.0
        for v in self._views(view, chart):
            outside = self.union(v, chart).area - self.area(v, chart)
            total += outside if outside > AREA_EPS else 0.0
        return total

    # --- writing -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The drawing as a GeoJSON document, unknown members at every level kept."""
        doc: dict[str, Any] = {"type": "FeatureCollection"}
        doc["bodymap"] = copy.deepcopy(dict(self.meta))
        doc.update(copy.deepcopy(dict(self.extra)))
        doc["features"] = [m.to_feature() for m in self.marks]
        return doc

    def to_json(self) -> str:
        """The drawing as JSON text: one feature per line, UTF-8, deterministic."""
        return format_drawing_json(self.to_dict())

    def save(self, path: PathLike) -> Path:
        """Write the drawing to ``path`` atomically (a temporary file, then a rename).

        Parameters
        ----------
        path
            The output file; its folder must exist.

        Returns
        -------
        Path
            The path written.

        Raises
        ------
        OutputError
            If the file cannot be written; no partial file is left behind.
        """
        out = Path(path)
        write_bytes(out, self.to_json().encode("utf-8"))
        return out


def check_meta(meta: Mapping[str, Any], source: str) -> None:
    """Check a drawing's ``bodymap`` block; raise :class:`DrawingError` naming ``source``."""
    kind = meta.get("kind")
    if kind != "drawing":
        if kind is None:
            raise DrawingError(source, 'the \'bodymap\' block needs "kind": "drawing"')
        raise DrawingError(source, f"is a {_show(kind)} file, not a 'drawing' file")
    version = meta.get("version")
    if version is None:
        raise DrawingError(source, "the 'bodymap' block needs \"version\": 1")
    if not _is_number(version) or version not in SUPPORTED_VERSIONS:
        raise DrawingError(
            source,
            f"unsupported drawing format version {_show(version)}; this bodymap reads version "
            + ", ".join(str(v) for v in SUPPORTED_VERSIONS),
        )
    for key in ("chart", "subject", "recorded"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise DrawingError(source, f"'bodymap.{key}' must be a string, not {_show(value)}")
    problem = _refuse_non_finite(meta, "bodymap")
    if problem is not None:
        raise DrawingError(source, problem)


def format_drawing_json(doc: Mapping[str, Any]) -> str:
    """A drawing document as JSON text: members first, then one feature per line."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    head = [f"  {dump(k)}: {dump(v)}," for k, v in doc.items() if k != "features"]
    body = ",\n".join(f"    {dump(f)}" for f in doc.get("features", ()))
    return "{\n" + "\n".join(head) + '\n  "features": [\n' + body + "\n  ]\n}\n"


def _copy(doc: Mapping[str, Any]) -> Any:
    """A deep copy of a JSON-like document (through the C JSON codec: much faster)."""
    try:
        return json.loads(json.dumps(doc), parse_constant=float)
    except (TypeError, ValueError, RecursionError):
        return copy.deepcopy(dict(doc))
