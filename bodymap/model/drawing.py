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
from bodymap.core.geometry import AREA_EPS, Linework, clip_to_rect, polygonal, repair, tangle
from bodymap.core.geometry import EMPTY as _EMPTY
from bodymap.core.jsonio import MAX_DEPTH, too_deep
from bodymap.core.output import write_bytes
from bodymap.core.text import one_line, show_value
from bodymap.model.chart import Chart, Region, load_chart, named_chart

__all__ = [
    "DESCRIPTORS",
    "FORMAT_VERSION",
    "GEOMETRY_TYPES",
    "MAX_BORDER_CROSSINGS",
    "MAX_CROSSINGS",
    "MAX_OVERLAPS",
    "MAX_SELF_CROSSINGS",
    "MAX_VERTICES",
    "MAX_WIDTH",
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
#: Widest brush stroke, in cm.
MAX_WIDTH = 1_000.0
#: Most times one mark's edges may cross each other (a self-intersecting polygon is repaired,
#: a brush stroke that crosses itself is buffered as drawn; both cost more with every crossing).
MAX_SELF_CROSSINGS = 2_000
#: Most times the marks of one view may cross themselves and each other, all together.
MAX_CROSSINGS = 50_000
#: Most pairs of edges of one view's marks whose extents overlap (edges that follow each other
#: closely along one ring or line left out): the work of every overlay grows with it even
#: where nothing crosses, as in a valid polygon wound into a tight spiral.
MAX_OVERLAPS = 250_000
#: Most times a large drawing's marks on one view (more than 5,000 vertices, or a mark of more
#: than 700) may cross the borders of the chart's regions: every measure overlays them.
MAX_BORDER_CROSSINGS = 50_000
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


_show = show_value


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
    # Compared as it is, not through float(): an integer of hundreds of digits has no float.
    if not _is_number(value) or not 0 <= value <= INTENSITY_MAX:  # type: ignore[operator]
        raise ValueError(f"'intensity' must be a number from 0 to 10, not {_show(value)}")
    return float(value)  # type: ignore[arg-type]


def _check_width(value: object) -> float:
    if not _is_number(value) or not 0 < value < math.inf:  # type: ignore[operator]
        raise ValueError(f"'width' must be a positive number of cm, not {_show(value)}")
    if not value <= MAX_WIDTH:  # type: ignore[operator]
        raise ValueError(f"'width' must be at most {MAX_WIDTH:,.0f} cm, not {_show(value)}")
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
        mark.__dict__.update(fields)  # what the frozen dataclass's __init__ would set
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
        the_chart = chart if chart is not None else load_chart()
        refused = geometry_problems(((self,),), the_chart).get(0)
        try:
            if refused is not None:
                raise GeometryProblem(0, refused[1])
            return _mark_shapes((self,), the_chart)[0]  # type: ignore[no-any-return]
        except GeometryProblem as exc:
            raise DrawingError("mark", exc.problem) from None

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


class GeometryProblem(BodymapError, ValueError):
    """A mark whose geometry cannot be measured; ``index`` is its place among the marks given."""

    def __init__(self, index: int | None, problem: str) -> None:
        self.index = index
        self.problem = problem
        super().__init__(problem)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.index, self.problem))


def _mark_shapes(marks: Sequence[Mark], chart: Chart) -> np.ndarray:
    """Polygonal coverage of each mark, computed with vectorised shapely calls.

    Raises :class:`GeometryProblem` (naming the mark) if GEOS fails on one; the marks are
    expected to have passed :func:`geometry_problems`, which bounds the work.
    """
    try:
        return _shapes_of(marks, chart)
    except shapely.errors.GEOSException:
        pass
    for i, mark in enumerate(marks):  # find the culprit
        try:
            _shapes_of((mark,), chart)
        except shapely.errors.GEOSException as exc:
            raise GeometryProblem(
                i, f"the geometry cannot be computed ({one_line(str(exc))})"
            ) from None
    return _shapes_of(marks, chart)  # pragma: no cover - a failure that needs company


def _shapes_of(marks: Sequence[Mark], chart: Chart) -> np.ndarray:
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
            geoms[~valid] = repair(geoms[~valid])
        out[polys] = geoms
    return out


# --- bounds on the geometry work -------------------------------------------------------------

#: Marks with at most this many vertices are checked by GEOS (valid polygon, simple line):
#: its cost is bounded by their size, and nearly every mark passes that way.
_QUICK_VERTICES = 700
#: Views with at most this many marks have their marks' bounding boxes compared pairwise.
_PAIRED_MARKS = 64
#: Views whose marks have at most this many vertices together need no count of crossings
#: with the chart's region borders (their overlays with the regions are cheap).
_QUICK_TOTAL = 5_000


@lru_cache(maxsize=16)
def _borders(chart: Chart, view: str) -> Linework:
    """The rings of the outline and the regions of ``view``, indexed."""
    geoms = np.array(
        [chart.outline(view)] + [r.geometry for r in chart.regions_in(view)], dtype=object
    )
    xy, part_of = shapely.get_coordinates(shapely.get_rings(geoms), return_index=True)
    return Linework(xy, part_of)


def _linework(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates of every ring and line of ``geoms``: ``(xy, part_of, closed, owner)``."""
    parts, part_owner = shapely.get_parts(geoms, return_index=True)
    polygons = shapely.get_type_id(parts) == 3
    rings, ring_part = shapely.get_rings(parts[polygons], return_index=True)
    pieces = np.concatenate([rings, parts[~polygons]])
    owner = np.concatenate([part_owner[polygons][ring_part], part_owner[~polygons]])
    closed = np.concatenate([np.ones(len(rings), bool), np.zeros(len(pieces) - len(rings), bool)])
    xy, part_of = shapely.get_coordinates(pieces, return_index=True)
    return xy, part_of, closed, owner


def _hole_problem(geometry: BaseGeometry) -> str | None:
    """A message if a hole of an (invalid) polygon lies wholly outside its outer ring."""
    polygons = list(shapely.get_parts(geometry))
    for p, polygon in enumerate(polygons):
        holes = list(polygon.interiors)
        if not holes:
            continue
        shell = repair(np.array([Polygon(polygon.exterior)], dtype=object))[0]
        cut = repair(np.array([Polygon(h) for h in holes], dtype=object))
        inside = shapely.relate_pattern(shell, cut, "T********")
        if not inside.all():
            k = int(np.flatnonzero(~inside)[0]) + 1
            of = f" of polygon {p}" if len(polygons) > 1 else ""
            return f"hole {k}{of} lies outside its outer ring; remove the hole or redraw it"
    return None


#: What is refused, by the limit :func:`~bodymap.core.geometry.tangle` found passed: for one
#: mark, and for the marks of a view together.
_REFUSED_MARK = {
    "self": f"the {{what}} crosses itself more than {MAX_SELF_CROSSINGS:,} times; redraw it",
    "total": f"the {{what}} crosses itself more than {MAX_CROSSINGS:,} times; redraw it",
    "overlaps": "the {what} is too intricate to measure (its edges overlap each other's extent "
    f"more than {MAX_OVERLAPS:,} times); simplify it",
    "fixed": "the {what} crosses the borders of the chart's regions more than "
    f"{MAX_BORDER_CROSSINGS:,} times; simplify it",
}
_REFUSED_VIEW = {
    "total": "the marks on the {view} view cross themselves and each other more than "
    f"{MAX_CROSSINGS:,} times; simplify the drawing",
    "overlaps": "the marks on the {view} view are too intricate to measure (their edges overlap "
    f"each other's extent more than {MAX_OVERLAPS:,} times); simplify the drawing",
    "fixed": "the marks on the {view} view cross the borders of the chart's regions more than "
    f"{MAX_BORDER_CROSSINGS:,} times; simplify the drawing",
}


def geometry_problems(
    drawings: Sequence[Sequence[Mark]], chart: Chart
) -> dict[int, tuple[int | None, str]]:
    """Check that the geometry work on each drawing is bounded; return what is refused.

    A drawing is refused (see README, "The drawing file") if a mark crosses itself more than
    :data:`MAX_SELF_CROSSINGS` times, if the marks of one view cross themselves and each other
    more than :data:`MAX_CROSSINGS` times, if more than :data:`MAX_OVERLAPS` pairs of their
    edges overlap in extent, if a large drawing's marks on one view cross the borders of the
    chart's regions more than :data:`MAX_BORDER_CROSSINGS` times, or if a polygon has a hole
    wholly outside its outer ring (which a repair would otherwise turn into a marked area).
    Whole-region marks are chart geometry and are not counted.

    Most drawings are settled by cheap, vectorised tests over all of them at once (GEOS
    validity of small marks, bounding boxes); only the rest are counted, with bounded work.

    Returns
    -------
    dict
        For each refused drawing (by index), the index of the offending mark (or ``None``
        when the marks of a view are refused together) and the problem.
    """
    where: list[tuple[int, int, str]] = []
    geoms_list: list[BaseGeometry] = []
    for d, marks in enumerate(drawings):
        for f, mark in enumerate(marks):
            if mark.geometry is not None:
                where.append((d, f, mark.view))
                geoms_list.append(mark.geometry)
    if not geoms_list:
        return {}
    geoms = np.empty(len(geoms_list), dtype=object)
    geoms[:] = geoms_list
    n = shapely.get_num_coordinates(geoms).astype(np.int64)
    stroke = ~np.isin(shapely.get_type_id(geoms), (3, 6))
    # Self-crossings: at most one per pair of edges that do not follow each other, and none in
    # a valid polygon or a simple line (asked of GEOS for the small marks where it matters).
    own = np.maximum(n * (n - 1) // 2, 0)
    quick = n <= _QUICK_VERTICES
    ask = quick & (own > MAX_SELF_CROSSINGS)
    if ask.any():
        sound = np.where(stroke[ask], shapely.is_simple(geoms[ask]), shapely.is_valid(geoms[ask]))
        own[np.flatnonzero(ask)[sound]] = 0
    views: dict[str, int] = {}
    view_of = [views.setdefault(v, len(views)) for _, _, v in where]
    group = np.array([d * len(views) + v for (d, _, _), v in zip(where, view_of)])
    group_ids, group_of = np.unique(group, return_inverse=True)
    # Bound each group's (drawing and view's) crossings and overlaps from above: its marks'
    # own, and for two marks whose boxes meet, one at every pair of their edges.
    bound = np.bincount(group_of, weights=own, minlength=len(group_ids))
    # (and overlaps: even a sound mark may overlap itself at every pair of its edges)
    reach = np.bincount(group_of, weights=np.maximum(n * (n - 1) // 2, 0), minlength=len(group_ids))
    order = np.argsort(group_of, kind="stable")
    size = np.bincount(group_of, minlength=len(group_ids))
    first = np.cumsum(size) - size
    later = (first + size)[group_of[order]] - np.arange(len(order)) - 1
    # Pairs of marks only within groups of a few marks (the usual drawing); a group of many
    # is counted edge by edge below, which is bounded whatever the number of marks.
    crowded = size > _PAIRED_MARKS
    later[crowded[group_of[order]]] = 0
    m = int(later.sum())
    if m:
        a = np.repeat(np.arange(len(order)), later)
        b = a + 1 + (np.arange(m) - np.repeat(np.cumsum(later) - later, later))
        a, b = order[a], order[b]
        box = shapely.bounds(geoms)
        meet = (
            (box[a, 0] <= box[b, 2])
            & (box[b, 0] <= box[a, 2])
            & (box[a, 1] <= box[b, 3])
            & (box[b, 1] <= box[a, 3])
        )
        pairs = np.bincount(
            group_of[a[meet]], weights=(n[a] * n[b])[meet], minlength=len(group_ids)
        )
        bound += pairs
        reach += pairs
    large = (np.bincount(group_of, weights=n, minlength=len(group_ids)) > _QUICK_TOTAL) | (
        np.bincount(group_of, weights=~quick, minlength=len(group_ids)) > 0
    )
    tangled = np.bincount(group_of, weights=own > MAX_SELF_CROSSINGS, minlength=len(group_ids))
    heavy = (bound > MAX_CROSSINGS) | (reach > MAX_OVERLAPS) | (tangled > 0) | crowded | large
    problems: dict[int, tuple[int | None, str]] = {}
    view_names = list(views)
    for g in np.flatnonzero(heavy):
        members = order[first[g] : first[g] + size[g]]
        d = where[members[0]][0]
        view = view_names[int(group_ids[g]) % len(views)]
        xy, part_of, closed, owner = _linework(geoms[members])
        verdict = tangle(
            xy,
            part_of,
            closed,
            owner,
            self_limit=MAX_SELF_CROSSINGS,
            total_limit=MAX_CROSSINGS,
            overlap_limit=MAX_OVERLAPS,
            fixed=_borders(chart, view) if large[g] else None,
            fixed_limit=MAX_BORDER_CROSSINGS,
        )
        if verdict is None:
            continue
        kind, who = verdict
        if len(members) == 1 or kind == "self":  # one mark to blame: name it
            i = int(members[max(who, 0)])
            problem = _REFUSED_MARK[kind].format(what="stroke" if stroke[i] else "polygon")
            problems.setdefault(d, (where[i][1], problem))
        else:
            problems.setdefault(d, (None, _REFUSED_VIEW[kind].format(view=view)))
    # Holes outside their outer ring, in polygons that need a repair (valid ones have none).
    polygons = np.flatnonzero(~stroke)
    parts, part_owner = shapely.get_parts(geoms[polygons], return_index=True)
    holes = np.bincount(part_owner, weights=shapely.get_num_interior_rings(parts),
                        minlength=len(polygons))  # fmt: skip
    holed = polygons[holes > 0]
    holed = np.array([i for i in holed.tolist() if where[i][0] not in problems], dtype=np.int64)
    if len(holed):
        holed = holed[~shapely.is_valid(geoms[holed])]
    for i in holed.tolist():
        d, f, _ = where[i]
        hole = _hole_problem(geoms[i])
        if hole is not None:
            problems.setdefault(d, (f, hole))
    return problems


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
    given_chart
        The chart given explicitly with the drawing (``chart=``, ``--chart FILE``): used when
        ``meta["chart"]`` names it.  Otherwise the drawing's chart must be a built-in one; a
        chart file named inside a drawing is never opened (see
        :func:`~bodymap.model.chart.named_chart`).
    """

    marks: tuple[Mark, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=_default_meta)
    extra: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None
    given_chart: Chart | None = field(default=None, kw_only=True, repr=False, compare=False)
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
        refused = geometry_problems((self.marks,), chart).get(0)
        if refused is not None:
            raise DrawingError(self.source, refused[1], refused[0])

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
        """The body chart of the drawing: a built-in one, or :attr:`given_chart`."""
        try:
            return named_chart(self.chart_name, self.given_chart)
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
            try:
                self._cache[key] = _mark_shapes(self.marks, the_chart)
            except GeometryProblem as exc:
                raise DrawingError(self.source, exc.problem, exc.index) from None
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
                near = clip_to_rect(outline, *union.bounds)
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
    """A deep copy of a JSON-like document (through the C JSON codec: much faster).

    Raises :class:`DrawingError` for a document nested more than
    :data:`~bodymap.core.jsonio.MAX_DEPTH` levels deep, as the JSON reader does.
    """
    if too_deep(doc):
        raise DrawingError(_DICT_SOURCE, f"nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(json.dumps(doc), parse_constant=float)
    except (TypeError, ValueError, RecursionError):
        return copy.deepcopy(dict(doc))
