"""The measures of one pain drawing: extent, intensity-weighted extent, qualities, areas, side.

:func:`measure_drawing` measures a drawing on its chart, every area on the drawing's marks
united per view and clipped to the body outline (as :meth:`~bodymap.model.drawing.Drawing.area`
and :func:`bodymap.compare` do): the pain extent (``extent_cm2``, and ``extent_pct`` of the
body chart's area); the intensity-weighted extent, the sum over the marked area of its
intensity (each point at the highest intensity of the marks covering it; area marked only
without an intensity is left out and reported apart), in cm² × NRS and as a share of its
maximum, the whole body at intensity 10 (``weighted_extent_pct``); the extent of each pain
quality (marks of one quality united); the number of separate marked areas (connected
parts of the clipped union, per view, summed); each view's centroid in chart cm; and the
laterality index (left − right)/(left + right) of the marked area, the patient's left as
the chart defines it (the side its left regions lie on, split at the midline ``x = 0``).
``bodymap measure`` prints these, and the cohort table has the same columns
(:func:`cohort_columns`), computed for both engines by the same code over a whole chunk
(:func:`measure_marks`): the marks are clipped to the outline one by one (the union of the
clipped marks is the clipped union), and a set of marks none of which meets another is
measured from its marks without a union.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from bodymap.core.choices import INTENSITY_MAX, PAIN_QUALITIES
from bodymap.core.geometry import AREA_EPS, MAX_COORDINATE, boxes_meet, clip_to_rect, polygonal
from bodymap.core.jsonio import dump_json
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing, Mark, _mark_shapes

__all__ = [
    "DrawingMeasures",
    "cohort_columns",
    "cohort_record",
    "laterality_index",
    "left_sign",
    "measure_drawing",
    "measure_marks",
]

#: Decimals of areas (cm²) and percentages in JSON and tables.
AREA_DIGITS = 2
#: Decimals of the laterality index.
INDEX_DIGITS = 4
#: The cohort column of the qualities that are not descriptors (free text, all such marks
#: united): ``extent_other_quality_cm2``.
OTHER_QUALITY = "other"


@lru_cache(maxsize=16)
def left_sign(chart: Chart, view: str) -> int:
    """On which side of ``x = 0`` the patient's left lies on ``view``: +1, -1, or 0.

    Read from the chart: the sign of the mean x of the centroids of the view's left
    regions (+1 on the front view of the built-in charts, -1 on the back view); 0 for a
    view without left regions, whose marks count for neither side.
    """
    xs = [r.geometry.centroid.x for r in chart.regions_in(view) if r.side == "left"]
    if not xs:
        return 0
    mean = float(np.mean(xs))
    return 1 if mean > 0 else (-1 if mean < 0 else 0)


def laterality_index(left_cm2: float, right_cm2: float) -> float | None:
    """``(left - right) / (left + right)``: 1 for pain on the left only, -1 on the right only.

    ``None`` when neither side is marked.
    """
    total = left_cm2 + right_cm2
    return None if total <= AREA_EPS else (left_cm2 - right_cm2) / total


@dataclass(frozen=True)
class DrawingMeasures:
    """The measures of one drawing (see the module); areas in cm², shares in %.

    Attributes
    ----------
    extent_cm2, extent_pct
        The marked area inside the body, and as % of the body chart's area (all views).
    weighted_extent_cm2
        Sum of marked area × intensity (cm² × NRS 0-10), each point at the highest
        intensity marked there; ``None`` when no mark has an intensity.
    weighted_extent_pct
        ``weighted_extent_cm2`` as % of its maximum, the whole body at intensity 10.
    no_intensity_cm2
        Area marked only by marks without an intensity (not in the weighted extent).
    extent_by_quality
        The extent of each pain quality given (marks of that quality united), in the
        order of :data:`~bodymap.core.choices.PAIN_QUALITIES`, then other texts by name.
    no_quality_cm2
        Area marked only by marks without a quality.
    n_areas
        Separate marked areas: connected parts of the clipped union, summed over views.
    areas_by_view
        ``n_areas`` per view.
    centroids
        Each view's centroid of the marked area, ``(x, y)`` in chart cm, ``None`` if unmarked.
    left_cm2, right_cm2
        Marked area on the patient's left and right of the midline.
    laterality_index
        ``(left - right) / (left + right)``, ``None`` when neither side is marked.
    other_quality_cm2
        The area of the marks whose quality is not one of the descriptors, united (the
        cohort's ``extent_other_quality_cm2``).
    """

    extent_cm2: float
    extent_pct: float
    weighted_extent_cm2: float | None
    weighted_extent_pct: float | None
    no_intensity_cm2: float
    extent_by_quality: Mapping[str, float]
    no_quality_cm2: float
    n_areas: int
    areas_by_view: Mapping[str, int]
    centroids: Mapping[str, tuple[float, float] | None]
    left_cm2: float
    right_cm2: float
    laterality_index: float | None
    other_quality_cm2: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The measures as JSON-ready data (``bodymap measure --json``).

        Keys: ``extent_cm2``, ``extent_pct``, ``weighted_extent_cm2``,
        ``weighted_extent_pct``, ``no_intensity_cm2``, ``extent_by_quality`` (quality ->
        cm²), ``no_quality_cm2``, ``n_areas``, ``areas_by_view`` (view -> count),
        ``centroids`` (view -> ``{"x", "y"}`` in chart cm, or ``null``), ``left_cm2``,
        ``right_cm2`` and ``laterality_index``.  Areas are rounded to 2 decimals, the index
        to 4.
        """
        return {
            "extent_cm2": _r(self.extent_cm2),
            "extent_pct": _r(self.extent_pct),
            "weighted_extent_cm2": _r(self.weighted_extent_cm2),
            "weighted_extent_pct": _r(self.weighted_extent_pct),
            "no_intensity_cm2": _r(self.no_intensity_cm2),
            "extent_by_quality": {q: _r(a) for q, a in self.extent_by_quality.items()},
            "no_quality_cm2": _r(self.no_quality_cm2),
            "n_areas": self.n_areas,
            "areas_by_view": dict(self.areas_by_view),
            "centroids": {
                v: None if c is None else {"x": _r(c[0]), "y": _r(c[1])}
                for v, c in self.centroids.items()
            },
            "left_cm2": _r(self.left_cm2),
            "right_cm2": _r(self.right_cm2),
            "laterality_index": _r(self.laterality_index, INDEX_DIGITS),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return dump_json(self.to_dict(), indent=indent)


def _r(value: float | None, digits: int = AREA_DIGITS) -> Any:
    """``value`` rounded (``-0.0`` as ``0.0``), ``None`` kept."""
    return None if value is None else round(value, digits) + 0.0


class _Groups:
    """Sets of marks of a chunk of drawings whose united, clipped area is wanted.

    Each set is added once (by its marks).  A set whose marks do not meet each other (one
    mark, or marks of a drawing and view none of which meet another) is measured from its
    marks' own measures, summed; the others are united in one vectorised call and measured.
    """

    def __init__(self) -> None:
        self.index: dict[tuple[int, ...], int] = {}
        self.apart: list[bool] = []

    def add(self, members: Sequence[int], apart: bool) -> int:
        key = tuple(members)
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.index)
            self.apart.append(apart or len(key) == 1)
        return found

    def stats(self, clipped: np.ndarray, chart: Chart, view: np.ndarray) -> np.ndarray:
        """``(area, parts, area * x, area * y, left area)`` of every set, one row each.

        ``clipped`` are the marks' clipped shapes and ``view`` their views.
        """
        keys = list(self.index)
        marks = _stats(clipped, chart, view)
        out = np.zeros((len(keys), 5))
        united = [k for k, a in enumerate(self.apart) if not a]
        for k, key in enumerate(keys):
            if self.apart[k]:
                out[k] = marks[list(key)].sum(axis=0)
        if united:
            width = max(len(keys[k]) for k in united)
            table = np.full((len(united), width), None, dtype=object)
            for row, k in enumerate(united):
                table[row, : len(keys[k])] = clipped[list(keys[k])]
            first = np.array([keys[k][0] for k in united])
            united_geoms = np.asarray(shapely.union_all(table, axis=1), dtype=object)
            out[united] = _stats(united_geoms, chart, view[first])
        return out


def _stats(geoms: np.ndarray, chart: Chart, view: np.ndarray) -> np.ndarray:
    """``(area, parts, area * x, area * y, left area)`` of each polygonal geometry.

    ``parts`` counts the connected polygons larger than a sliver; ``x, y`` is the
    centroid; the left area is the part on the patient's left of its ``view``.
    """
    out = np.zeros((len(geoms), 5))
    if not len(geoms):
        return out
    area = shapely.area(geoms)
    out[:, 0] = area
    parts, owner = shapely.get_parts(geoms, return_index=True)
    big = shapely.area(parts) > AREA_EPS
    out[:, 1] = np.bincount(owner[big], minlength=len(geoms))
    centre = shapely.centroid(geoms)
    some = area > 0
    out[some, 2] = shapely.get_x(centre[some]) * area[some]
    out[some, 3] = shapely.get_y(centre[some]) * area[some]
    for v in chart.views:
        sign = left_sign(chart, v)
        ids = np.flatnonzero(view == v)
        if sign == 0 or not len(ids):
            continue
        x0, x1 = (0.0, MAX_COORDINATE) if sign > 0 else (-MAX_COORDINATE, 0.0)
        out[ids, 4] = shapely.area(
            shapely.clip_by_rect(geoms[ids], x0, -MAX_COORDINATE, x1, MAX_COORDINATE)
        )
    return out


@lru_cache(maxsize=64)
def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``i < j`` of ``n`` items, as two index arrays."""
    a, b = np.triu_indices(n, 1)
    return np.asarray(a), np.asarray(b)


#: More marks in one view than this are not checked pair by pair (the pairs would grow with
#: the square of their number): their union is computed, which is right whether they meet
#: or not.
PAIR_CHECK_LIMIT = 200


def _meeting(clipped: np.ndarray, members: Sequence[int]) -> set[tuple[int, int]] | None:
    """The pairs ``(i, j)``, ``i < j``, of the ``members`` marks that meet.

    ``None`` (not known) for more than :data:`PAIR_CHECK_LIMIT` marks.
    """
    if len(members) < 2:
        return set()
    if len(members) > PAIR_CHECK_LIMIT:
        return None
    ix = np.array(members)
    a, b = _pairs(len(ix))
    near = np.flatnonzero(boxes_meet(shapely.bounds(clipped[ix]), a, b))
    if not len(near):
        return set()
    meet = near[shapely.intersects(clipped[ix[a[near]]], clipped[ix[b[near]]])]
    return {(int(ix[a[k]]), int(ix[b[k]])) for k in meet}


def _apart(members: Sequence[int], meeting: set[tuple[int, int]] | None) -> bool:
    """Whether no two of ``members`` meet (their union is their sum), by the pairs that do.

    ``False`` when the pairs are not known (``meeting`` is ``None``): the union is computed.
    """
    if len(members) < 2:
        return True
    if meeting is None:
        return False
    if not meeting:
        return True
    inside = set(members)
    return not any(i in inside and j in inside for i, j in meeting)


@lru_cache(maxsize=512)
def _clipped_region(chart: Chart, region: str) -> BaseGeometry:
    """A chart region's polygon clipped to its view's outline (whole-region marks)."""
    view = chart.resolve_region(region)[0].view
    shape = chart.region_geometry(region)
    outline = chart.outline(view)
    if shapely.covers(outline, shape):
        return shape
    return polygonal(shapely.intersection(shape, outline))


#: Cell size (cm) of the grid that tells which boxes lie wholly inside a view's outline.
_INSIDE_CELL = 1.0


@lru_cache(maxsize=16)
def _inside_cells(chart: Chart, view: str) -> tuple[float, float, np.ndarray]:
    """``(x0, y0, prefix sums)`` of the grid cells wholly inside ``view``'s outline.

    The 2-D prefix sums count the inside cells, so that a box is known to lie inside the
    outline when every cell it touches does (:func:`_boxes_inside`).
    """
    outline = chart.outline(view)
    shapely.prepare(outline)
    x0, y0, x1, y1 = outline.bounds
    nx = int(np.ceil((x1 - x0) / _INSIDE_CELL))
    ny = int(np.ceil((y1 - y0) / _INSIDE_CELL))
    cx, cy = np.meshgrid(x0 + np.arange(nx) * _INSIDE_CELL, y0 + np.arange(ny) * _INSIDE_CELL)
    cells = shapely.box(cx, cy, cx + _INSIDE_CELL, cy + _INSIDE_CELL)
    inside = shapely.covers(outline, cells)
    cum = np.zeros((ny + 1, nx + 1), dtype=np.int64)
    cum[1:, 1:] = inside.cumsum(axis=0).cumsum(axis=1)
    return x0, y0, cum


def _boxes_inside(bounds: np.ndarray, chart: Chart, view: str) -> np.ndarray:
    """Whether each box ``(x0, y0, x1, y1)`` lies in cells wholly inside the outline.

    ``True`` is certain; ``False`` only means the box must be tested exactly.
    """
    gx, gy, cum = _inside_cells(chart, view)
    ny, nx = cum.shape[0] - 1, cum.shape[1] - 1
    c0 = np.floor((bounds[:, 0] - gx) / _INSIDE_CELL).astype(np.int64)
    r0 = np.floor((bounds[:, 1] - gy) / _INSIDE_CELL).astype(np.int64)
    c1 = np.floor((bounds[:, 2] - gx) / _INSIDE_CELL).astype(np.int64) + 1
    r1 = np.floor((bounds[:, 3] - gy) / _INSIDE_CELL).astype(np.int64) + 1
    ok = (c0 >= 0) & (r0 >= 0) & (c1 <= nx) & (r1 <= ny) & np.isfinite(bounds).all(axis=1)
    c0, r0, c1, r1 = (np.clip(a, 0, n) for a, n in ((c0, nx), (r0, ny), (c1, nx), (r1, ny)))
    count = cum[r1, c1] - cum[r0, c1] - cum[r1, c0] + cum[r0, c0]
    inside: np.ndarray = ok & (count == (r1 - r0) * (c1 - c0))
    return inside


def _clip_marks(
    marks: Sequence[Mark], shapes: np.ndarray, views: np.ndarray, chart: Chart
) -> np.ndarray:
    """Each mark's shape clipped to the body outline of its view (a copy).

    Clipping the marks before uniting them gives the clipped union: union(clip(m)) ==
    clip(union(m)).  Only drawn marks that leave the body are cut, each against the piece of
    outline under it; a whole-region mark is its region clipped once (kept per chart).
    """
    out: np.ndarray = shapes.copy()
    whole = np.zeros(len(marks), dtype=bool)
    for i, mark in enumerate(marks):
        if mark.geometry is None and mark.region is not None:
            out[i] = _clipped_region(chart, mark.region)
            whole[i] = True
    for v in chart.views:
        outline = chart.outline(v)
        shapely.prepare(outline)
        sel = np.flatnonzero((views == v) & ~whole)
        if not len(sel):
            continue
        sel = sel[~shapely.is_empty(shapes[sel])]
        sel = sel[~_boxes_inside(shapely.bounds(shapes[sel]), chart, v)]
        cross = sel[~shapely.covers(outline, shapes[sel])]
        if not len(cross):
            continue
        pieces = np.array(
            [clip_to_rect(outline, *b) for b in shapely.bounds(shapes[cross]).tolist()],
            dtype=object,
        )
        out[cross] = [polygonal(g) for g in shapely.intersection(shapes[cross], pieces)]
    return out


def _measure_chunk(drawings: Sequence[Sequence[Mark]], chart: Chart) -> list[DrawingMeasures]:
    """The measures of many drawings (their checked marks) in vectorised shapely calls.

    The one implementation of every measure but the extent itself, which the caller gives:
    :func:`measure_drawing` (one drawing) and the cohort table (a chunk) both call it.
    """
    views = chart.views
    marks = [m for d in drawings for m in d]
    mark_views = np.array([m.view for m in marks], dtype=object)
    clipped = np.zeros(0, dtype=object)
    if marks:
        clipped = _clip_marks(marks, _mark_shapes(marks, chart), mark_views, chart)
    groups = _Groups()
    # Per drawing and view: the full set, the rated sets by level, the quality sets.
    plan: list[dict[str, Any]] = []
    start = 0
    for d in drawings:
        per_view: list[dict[str, Any]] = []
        for v in views:
            mine = [start + i for i, m in enumerate(d) if m.view == v]
            meeting = _meeting(clipped, mine)

            def add(members: Sequence[int], meeting: set[tuple[int, int]] | None = meeting) -> int:
                return groups.add(members, _apart(members, meeting))

            entry: dict[str, Any] = {"all": add(mine) if mine else None}
            rated: list[tuple[float, int]] = []
            for i in mine:
                value = marks[i].intensity
                if value is not None:
                    rated.append((float(value), i))
            levels = sorted({x for x, _ in rated}, reverse=True)
            entry["levels"] = [
                (level, add([i for x, i in rated if x >= level])) for level in levels
            ]
            entry["rated"] = add([i for _, i in rated]) if rated else None
            qualities: dict[str, list[int]] = {}
            for i in mine:
                q = marks[i].quality
                if q is not None:
                    qualities.setdefault(q, []).append(i)
            entry["qualities"] = {q: add(ix) for q, ix in qualities.items()}
            qualified = sorted(i for ix in qualities.values() for i in ix)
            entry["with_quality"] = add(qualified) if qualified else None
            unlisted = sorted(
                i for q, ix in qualities.items() if q not in PAIN_QUALITIES for i in ix
            )
            entry["other"] = add(unlisted) if unlisted else None
            per_view.append(entry)
        plan.append({"views": per_view})
        start += len(d)
    stats = groups.stats(clipped, chart, mark_views)
    area = stats[:, 0]
    out: list[DrawingMeasures] = []
    for p in plan:
        extent = weighted = rated_area = with_quality = other = left = right = 0.0
        any_rated = False
        by_quality: dict[str, float] = {}
        areas_by_view: dict[str, int] = {}
        centroids: dict[str, tuple[float, float] | None] = {}
        for v, e in zip(views, p["views"]):
            g = e["all"]
            if g is None:
                areas_by_view[v] = 0
                centroids[v] = None
                continue
            full_area, n_parts, ax, ay, on_left = stats[g].tolist()
            extent += full_area
            areas_by_view[v] = int(n_parts)
            centroids[v] = None if full_area <= AREA_EPS else (ax / full_area, ay / full_area)
            if left_sign(chart, v):
                left += on_left
                right += max(0.0, full_area - on_left)
            levels = e["levels"]
            for j, (level, gid) in enumerate(levels):
                below = levels[j + 1][0] if j + 1 < len(levels) else 0.0
                weighted += (level - below) * float(area[gid])
            if e["rated"] is not None:
                any_rated = True
                rated_area += float(area[e["rated"]])
            for q, gid in e["qualities"].items():
                by_quality[q] = by_quality.get(q, 0.0) + float(area[gid])
            if e["with_quality"] is not None:
                with_quality += float(area[e["with_quality"]])
            if e["other"] is not None:
                other += float(area[e["other"]])
        ordered = [q for q in PAIN_QUALITIES if q in by_quality]
        ordered += sorted(q for q in by_quality if q not in PAIN_QUALITIES)
        out.append(
            DrawingMeasures(
                extent_cm2=extent,
                extent_pct=100.0 * extent / chart.area(),
                weighted_extent_cm2=weighted if any_rated else None,
                weighted_extent_pct=(
                    100.0 * weighted / (INTENSITY_MAX * chart.area()) if any_rated else None
                ),
                no_intensity_cm2=max(0.0, extent - rated_area),
                extent_by_quality={q: by_quality[q] for q in ordered},
                no_quality_cm2=max(0.0, extent - with_quality),
                n_areas=sum(areas_by_view.values()),
                areas_by_view=areas_by_view,
                centroids=centroids,
                left_cm2=left,
                right_cm2=right,
                laterality_index=laterality_index(left, right),
                other_quality_cm2=other,
            )
        )
    return out


def measure_drawing(drawing: Drawing, chart: Chart | None = None) -> DrawingMeasures:
    """Measure a pain drawing: extent, weighted extent, qualities, areas, centroids, side.

    Parameters
    ----------
    drawing
        The drawing (see :func:`~bodymap.model.reader.load_drawing`).
    chart
        The chart to measure on (default: the drawing's own).

    Returns
    -------
    DrawingMeasures
        ``.to_dict()`` is the JSON of ``bodymap measure --json``; the extent is the
        drawing's own (:meth:`~bodymap.model.drawing.Drawing.area`, as in
        :func:`bodymap.compare`).

    Examples
    --------
    >>> import bodymap
    >>> from bodymap.analysis.drawing_measures import measure_drawing
    >>> drawing = bodymap.load_drawing({
    ...     "type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1},
    ...     "features": [{"type": "Feature", "geometry": None,
    ...                   "properties": {"view": "front", "region": "groin-left",
    ...                                  "intensity": 6}}]})
    >>> measures = measure_drawing(drawing)
    >>> measures.laterality_index, measures.n_areas
    (1.0, 1)
    """
    the_chart = chart if chart is not None else drawing.chart
    drawing.shapes(the_chart)  # checks the geometry, naming the drawing if it fails
    found = _measure_chunk([drawing.marks], the_chart)[0]
    extent = drawing.area(chart=the_chart)
    return replace(found, extent_cm2=extent, extent_pct=100.0 * extent / the_chart.area())


def measure_marks(drawings: Sequence[Sequence[Mark]], chart: Chart) -> list[dict[str, Any]]:
    """The cohort table's measure columns (:func:`cohort_columns`) of many drawings.

    Parameters
    ----------
    drawings
        Each drawing's checked marks (as the cohort reader gives them).
    chart
        The cohort's chart.

    Returns
    -------
    list of dict
        One record per drawing: the values of :func:`measure_drawing`, rounded as
        :meth:`DrawingMeasures.to_dict` rounds them, computed by the same code.
    """
    return [_record(found) for found in _measure_chunk(drawings, chart)]


def cohort_columns(views: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The cohort table's measure columns ``(name, type)`` for a chart with ``views``.

    ``weighted_extent_cm2``, ``weighted_extent_pct``, ``no_intensity_cm2``, one
    ``extent_<quality>_cm2`` per :data:`~bodymap.core.choices.PAIN_QUALITIES` descriptor and
    ``extent_other_quality_cm2`` (every other quality text, united), ``no_quality_cm2``,
    ``n_areas``, ``<view>_centroid_x`` and ``<view>_centroid_y`` per view, ``left_cm2``,
    ``right_cm2`` and ``laterality_index``: the keys of :meth:`DrawingMeasures.to_dict`,
    flattened.
    """
    out: list[tuple[str, str]] = [
        ("weighted_extent_cm2", "float"),
        ("weighted_extent_pct", "float"),
        ("no_intensity_cm2", "float"),
    ]
    out += [(f"extent_{q}_cm2", "float") for q in (*PAIN_QUALITIES, f"{OTHER_QUALITY}_quality")]
    out += [("no_quality_cm2", "float"), ("n_areas", "int")]
    for v in views:
        out += [(f"{v}_centroid_x", "float"), (f"{v}_centroid_y", "float")]
    out += [("left_cm2", "float"), ("right_cm2", "float"), ("laterality_index", "float")]
    return tuple(out)


def _record(found: DrawingMeasures) -> dict[str, Any]:
    """The cohort columns of one drawing's measures."""
    data = found.to_dict()
    record: dict[str, Any] = {
        "weighted_extent_cm2": data["weighted_extent_cm2"],
        "weighted_extent_pct": data["weighted_extent_pct"],
        "no_intensity_cm2": data["no_intensity_cm2"],
    }
    for q in PAIN_QUALITIES:
        record[f"extent_{q}_cm2"] = data["extent_by_quality"].get(q, 0.0)
    record[f"extent_{OTHER_QUALITY}_quality_cm2"] = _r(found.other_quality_cm2)
    record["no_quality_cm2"] = data["no_quality_cm2"]
    record["n_areas"] = data["n_areas"]
    for v, c in data["centroids"].items():
        record[f"{v}_centroid_x"] = None if c is None else c["x"]
        record[f"{v}_centroid_y"] = None if c is None else c["y"]
    record["left_cm2"] = data["left_cm2"]
    record["right_cm2"] = data["right_cm2"]
    record["laterality_index"] = data["laterality_index"]
    return record


def cohort_record(drawing: Drawing, chart: Chart | None = None) -> dict[str, Any]:
    """The cohort table's measure columns of one drawing (:func:`measure_marks`)."""
    the_chart = chart if chart is not None else drawing.chart
    return _record(measure_drawing(drawing, the_chart))
