"""Small geometry helpers shared by every layer.

Everything here works on shapely 2 geometries in chart coordinates (centimetres, per view,
origin on the floor at the body midline, y up).  Mirroring across the midline is the same
operation in every view, ``x -> -x``, because each view's frame is centred on the midline.
No plotting library is imported here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from bodymap.core.text import show_value

__all__ = [
    "AREA_EPS",
    "EMPTY",
    "MAX_COORDINATE",
    "Linework",
    "Polygonal",
    "boxes_meet",
    "clip_to_rect",
    "coordinates",
    "coordinates_problem",
    "from_geojson",
    "mirror",
    "polygonal",
    "repair",
    "tangle",
    "to_geojson",
]

Polygonal = Polygon | MultiPolygon
#: The empty polygon.
EMPTY = Polygon()
#: Areas below this (cm², a hundredth of a square millimetre) count as zero: chart polygons
#: are snapped to a 0.01 cm grid and differ by such slivers.
AREA_EPS = 1e-4
#: Largest coordinate (in absolute value, cm) a chart, pattern or drawing may hold: a hundred
#: metres, far beyond any body, but small enough that every area stays exact in floats.
MAX_COORDINATE = 10_000.0


def boxes_meet(bounds: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether the bounding boxes ``bounds[a]`` and ``bounds[b]`` meet, pair by pair.

    ``bounds`` is :func:`shapely.bounds` of some geometries, ``a`` and ``b`` index arrays.
    """
    meet: np.ndarray = (
        (bounds[a, 0] <= bounds[b, 2])
        & (bounds[b, 0] <= bounds[a, 2])
        & (bounds[a, 1] <= bounds[b, 3])
        & (bounds[b, 1] <= bounds[a, 3])
    )
    return meet


def clip_to_rect(
    geometry: BaseGeometry, xmin: float, ymin: float, xmax: float, ymax: float
) -> Polygonal:
    """The part of a polygonal geometry inside a rectangle, always a valid geometry.

    :func:`shapely.clip_by_rect` is fast but may return an invalid polygon (a ring that meets
    itself along the rectangle's edge), and an overlay with an invalid polygon measures
    wrong areas (a thigh region marked whole measured 4 cm² instead of 342); such a clip is
    redone as a true intersection with the rectangle.
    """
    clipped = shapely.clip_by_rect(geometry, xmin, ymin, xmax, ymax)
    if not shapely.is_valid(clipped):
        clipped = shapely.intersection(geometry, shapely.box(xmin, ymin, xmax, ymax))
    return polygonal(clipped)


def mirror(geometry: BaseGeometry) -> BaseGeometry:
    """Mirror a geometry across the body midline (``x -> -x``), keeping ring orientation."""
    mirrored = shapely.transform(geometry, lambda xy: xy * np.array([-1.0, 1.0]))
    return shapely.orient_polygons(mirrored) if hasattr(shapely, "orient_polygons") else mirrored


def polygonal(geometry: BaseGeometry) -> Polygonal:
    """The polygonal part of a geometry (lines and points left by a repair are dropped)."""
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [
        p for p in shapely.get_parts(geometry) if isinstance(p, (Polygon, MultiPolygon)) and p.area
    ]
    if not parts:
        return EMPTY
    merged = shapely.union_all(parts)
    return merged if isinstance(merged, (Polygon, MultiPolygon)) else EMPTY


#: How deep the coordinates of each GeoJSON geometry type are nested (1: one position).
_NESTING = {
    "Point": 1,
    "MultiPoint": 2,
    "LineString": 2,
    "MultiLineString": 3,
    "Polygon": 3,
    "MultiPolygon": 4,
}


def _positions(coords: Any, depth: int, out: list[Any]) -> bool:
    """Collect the positions of nested ``coords`` into ``out``; whether the nesting is right."""
    if not isinstance(coords, list):
        return False
    if depth == 1:
        if not 2 <= len(coords) <= 3 or not all(
            isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords
        ):
            return False
        out.append(coords)
        return True
    return all(_positions(c, depth - 1, out) for c in coords)


def from_geojson(obj: Any, types: Sequence[str] = tuple(_NESTING)) -> BaseGeometry:
    """Make a shapely geometry from a GeoJSON geometry object, checked strictly.

    Parameters
    ----------
    obj
        The GeoJSON geometry object (parsed).
    types
        The geometry types accepted.

    Raises
    ------
    ValueError
        With the problem as a phrase: not a geometry object, a type not in ``types``,
        coordinates nested wrongly or holding something other than numbers, coordinates
        out of range (see :func:`coordinates_problem`), or too few positions.
    """
    if not isinstance(obj, dict):
        raise ValueError(f"the geometry must be a GeoJSON geometry object, not {show_value(obj)}")
    gtype = obj.get("type")
    if not isinstance(gtype, str) or gtype not in types:
        raise ValueError(f"the geometry must be a {' or '.join(types)}, not {show_value(gtype)}")
    positions: list[Any] = []
    if not _positions(obj.get("coordinates"), _NESTING[gtype], positions):
        raise ValueError(f"the {gtype}'s coordinates are not nested as GeoJSON says")
    coordinates(positions)
    try:
        geometry = shape(obj)
    except (ValueError, TypeError, IndexError, shapely.errors.GEOSException):
        raise ValueError(f"the {gtype} has too few positions") from None
    if geometry.is_empty:
        raise ValueError(f"the {gtype} is empty")
    return geometry


def _round_coords(coords: Any, ndigits: int) -> Any:
    if isinstance(coords, (tuple, list)):
        if coords and isinstance(coords[0], (int, float)):
            return [round(float(c), ndigits) for c in coords]
        return [_round_coords(c, ndigits) for c in coords]
    return coords


def to_geojson(geometry: BaseGeometry, ndigits: int = 2) -> dict[str, Any]:
    """Return a GeoJSON geometry object with coordinates rounded to ``ndigits`` decimals."""
    mapping = shapely.geometry.mapping(geometry)
    if "coordinates" in mapping:
        mapping = {
            "type": mapping["type"],
            "coordinates": _round_coords(mapping["coordinates"], ndigits),
        }
    return dict(mapping)


def coordinates(positions: Sequence[Sequence[float]]) -> np.ndarray:
    """An ``(n, 2)`` float array of GeoJSON positions (numbers; a third one is dropped).

    Raises
    ------
    ValueError
        If a coordinate is not finite or out of range (:func:`coordinates_problem`),
        including integers too large for any float.
    """
    try:
        try:
            xy = np.array(positions, dtype=float)
        except ValueError:  # mixed 2-D and 3-D positions
            xy = np.array([p[:2] for p in positions], dtype=float)
    except OverflowError:  # an integer beyond any float
        bad = next(c for p in positions for c in p if abs(c) > MAX_COORDINATE)
        raise ValueError(_RANGE + show_value(bad)) from None
    xy = xy.reshape(len(positions), -1)[:, :2] if len(positions) else np.zeros((0, 2))
    problem = coordinates_problem(xy)
    if problem is not None:
        raise ValueError(problem)
    return xy


def coordinates_problem(xy: np.ndarray) -> str | None:
    """What is wrong with an array of coordinates (not finite, out of range), or ``None``."""
    finite = np.isfinite(xy)
    if not finite.all():
        return f"coordinates must be finite numbers, not {show_value(float(xy[~finite][0]))}"
    big = np.abs(xy) > MAX_COORDINATE
    if big.any():
        return _RANGE + show_value(float(xy[big][0]))
    return None


_RANGE = f"coordinates must be between -{MAX_COORDINATE:,.0f} and {MAX_COORDINATE:,.0f} cm, not "


# --- repair ----------------------------------------------------------------------------------

try:  # shapely >= 2.1 with GEOS >= 3.10: the "structure" repair
    shapely.make_valid(Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]), method="structure")
    _STRUCTURE = True
except (TypeError, ValueError, shapely.errors.GEOSException):  # pragma: no cover - old shapely
    _STRUCTURE = False


def repair(geometries: np.ndarray) -> np.ndarray:
    """Repair invalid polygons: each becomes the area its outer rings enclose, less its holes.

    A self-intersecting ring (a figure eight, a loop drawn twice round) covers everything
    it encloses; a hole takes away only what lies inside the outer ring.  This is GEOS's
    "structure" repair, whose cost grows with the number of crossings; callers bound that
    number first (see :func:`tangle`).  Only polygonal parts are kept.
    """
    if _STRUCTURE:
        fixed = shapely.make_valid(geometries, method="structure", keep_collapsed=False)
    else:  # pragma: no cover - shapely < 2.1
        fixed = shapely.make_valid(geometries)
    return np.array([polygonal(g) for g in fixed], dtype=object)


# --- bounded counting of crossings -----------------------------------------------------------

#: Edges this close to each other along one ring or line do not count as an overlap: GEOS
#: walks such runs of edges together (monotone chains), so they cost it nothing extra.
_NEAR = 16
#: Candidate pairs of edges tested in one vectorised step (bounds the memory used).
_STEP = 1 << 18
#: Above this many candidate pairs from a sweep along one axis, find pairs with an STRtree.
_SWEEP_LIMIT = 1 << 22


def _segments(
    xy: np.ndarray, part_of: np.ndarray, closed: np.ndarray, owners: np.ndarray
) -> tuple[np.ndarray, ...]:
    """The edges of rings and lines: ends, part, position in the part, part length, ring, owner.

    Repeated positions are dropped first (so no edge has length 0), and a ring's closing
    position if it repeats the first; rings of fewer than 3 and lines of fewer than 2
    positions have no edges.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    part_of = np.asarray(part_of, dtype=np.int64)
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = (xy[1:] != xy[:-1]).any(axis=1) | (part_of[1:] != part_of[:-1])
    xy, part_of = xy[keep], part_of[keep]
    n_parts = len(closed)
    count = np.bincount(part_of, minlength=n_parts)
    start = np.cumsum(count) - count
    last = start + count - 1
    is_ring = np.asarray(closed, dtype=bool)
    repeat = is_ring & (count > 1)
    repeat[repeat] = (xy[start[repeat]] == xy[last[repeat]]).all(axis=1)
    if repeat.any():
        keep = np.ones(len(xy), dtype=bool)
        keep[last[repeat]] = False
        xy, part_of = xy[keep], part_of[keep]
        count = np.bincount(part_of, minlength=n_parts)
        start = np.cumsum(count) - count
    edges = np.where(is_ring, np.where(count >= 3, count, 0), np.maximum(count - 1, 0))
    total = int(edges.sum())
    seg_part = np.repeat(np.arange(n_parts), edges)
    pos = np.arange(total) - np.repeat(np.cumsum(edges) - edges, edges)
    first = start[seg_part] + pos
    second = first + 1
    wrap = is_ring[seg_part] & (pos == edges[seg_part] - 1)
    second[wrap] = start[seg_part[wrap]]
    return (
        xy[first],
        xy[second],
        seg_part,
        pos,
        edges[seg_part],
        is_ring[seg_part],
        np.asarray(owners, dtype=np.int64)[seg_part],
    )


def _orientation(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
    turn: np.ndarray = (q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (
        r[:, 0] - p[:, 0]
    )
    sign: np.ndarray = np.sign(turn)
    return sign


def _crossing(a1: np.ndarray, b1: np.ndarray, a2: np.ndarray, b2: np.ndarray) -> np.ndarray:
    """Whether edges a1-b1 and a2-b2 cross properly (each one's ends lie on both sides)."""
    first: np.ndarray = _orientation(a1, b1, a2) * _orientation(a1, b1, b2) < 0
    second: np.ndarray = _orientation(a2, b2, a1) * _orientation(a2, b2, b1) < 0
    both: np.ndarray = first & second
    return both


class Linework:
    """Fixed rings (a chart's region borders) to count crossings with, indexed once."""

    def __init__(self, xy: np.ndarray, part_of: np.ndarray) -> None:
        n_parts = int(part_of.max()) + 1 if len(part_of) else 0
        closed = np.ones(n_parts, dtype=bool)
        self.a, self.b, *_ = _segments(xy, part_of, closed, np.zeros(n_parts, dtype=np.int64))
        self.tree = shapely.STRtree(_lines(self.a, self.b))


def _lines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lines: np.ndarray = shapely.linestrings(np.stack([a, b], axis=1))  # type: ignore[assignment]
    return lines


def _batches(n: int, query: Any) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Candidate pairs from an STRtree, in batches of about :data:`_STEP` pairs.

    The edges are queried in a fixed random order, so that the first batches tell how many
    pairs the next ones will give.
    """
    shuffled = np.random.default_rng(0).permutation(n)
    done, size = 0, 8
    while done < n:
        sel = shuffled[done : done + size]
        found = query(sel)
        yield sel[found[0]], found[1]
        done += len(sel)
        per = max(found.shape[1] / len(sel), 1.0)
        size = int(min(max(_STEP / per, 1), 1 << 16))


def tangle(
    xy: np.ndarray,
    part_of: np.ndarray,
    closed: np.ndarray,
    owners: np.ndarray,
    *,
    self_limit: int,
    total_limit: int,
    overlap_limit: int,
    fixed: Linework | None = None,
    fixed_limit: int = 0,
) -> tuple[str, int] | None:
    """Count, with bounded work, how the edges of rings and lines cross; say which limit fails.

    Parameters
    ----------
    xy
        The positions of all rings and lines, one after the other, ``(n, 2)``.
    part_of
        For each position, the index of its ring or line (its part), ascending.
    closed
        For each part, whether it is a ring (its last edge joins its last and first position).
    owners
        For each part, the index of what it belongs to (a mark): crossings between edges of
        one owner are its self-crossings.
    self_limit
        Most self-crossings one owner may have.
    total_limit
        Most crossings all parts may have together (self-crossings and crossings between
        owners).
    overlap_limit
        Most pairs of edges whose bounding boxes overlap (leaving out edges that follow each
        other closely along one part): how much work any overlay of these parts has to do,
        even where nothing crosses.
    fixed
        Fixed linework (a chart's region borders) whose crossings with the parts count
        apart, against ``fixed_limit``; pairs of their edges whose boxes overlap count
        against ``overlap_limit`` too.
    fixed_limit
        Most crossings with the fixed linework.

    Returns
    -------
    tuple or None
        ``("self", owner)``, ``("total", -1)``, ``("overlaps", -1)`` or ``("fixed", -1)``
        for the first limit found exceeded, or ``None`` if the parts are within every limit.
        The work is bounded by the limits, not by the number of crossings: counting stops
        as soon as a limit is passed.  Only proper crossings count (edges that touch, or
        overlap along a line, count among the overlaps); edges that follow each other along
        a part never do.
    """
    a, b, part, pos, length, ring, owner = _segments(xy, part_of, closed, owners)
    verdict = _among(a, b, part, pos, length, ring, owner, self_limit, total_limit, overlap_limit)
    if verdict is not None or fixed is None or not len(a):
        return verdict
    lines = _lines(a, b)
    crossings = overlaps = 0
    for i, j in _batches(len(a), lambda sel: fixed.tree.query(lines[sel])):
        overlaps += len(i)
        crossings += int(np.count_nonzero(_crossing(a[i], b[i], fixed.a[j], fixed.b[j])))
        if crossings > fixed_limit:
            return ("fixed", -1)
        if overlaps > overlap_limit:
            return ("overlaps", -1)
    return None


def _among(
    a: np.ndarray,
    b: np.ndarray,
    part: np.ndarray,
    pos: np.ndarray,
    length: np.ndarray,
    ring: np.ndarray,
    owner: np.ndarray,
    self_limit: int,
    total_limit: int,
    overlap_limit: int,
) -> tuple[str, int] | None:
    """The count of :func:`tangle` among the parts' own edges."""
    n = len(a)
    if n * (n - 1) // 2 <= min(self_limit, total_limit, overlap_limit):
        return None
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    state = {"crossings": 0, "overlaps": 0}
    own_counts = np.zeros(int(owner.max()) + 1, dtype=np.int64)

    def check(i: np.ndarray, j: np.ndarray) -> tuple[str, int] | None:
        box = (lo[i, 0] <= hi[j, 0]) & (lo[j, 0] <= hi[i, 0])
        box &= (lo[i, 1] <= hi[j, 1]) & (lo[j, 1] <= hi[i, 1])
        i, j = i[box], j[box]
        same = part[i] == part[j]
        gap = np.abs(pos[i] - pos[j])
        gap = np.where(ring[i], np.minimum(gap, length[i] - gap), gap)
        apart = ~same | (gap > 1)
        i, j, same, gap = i[apart], j[apart], same[apart], gap[apart]
        state["overlaps"] += int(np.count_nonzero(~same | (gap > _NEAR)))
        hit = _crossing(a[i], b[i], a[j], b[j])
        ci, cj = i[hit], j[hit]
        state["crossings"] += len(ci)
        mine = owner[ci] == owner[cj]
        if mine.any():
            own_counts[:] += np.bincount(owner[ci[mine]], minlength=len(own_counts))
            worst = int(np.argmax(own_counts))
            if own_counts[worst] > self_limit:
                return ("self", worst)
        if state["crossings"] > total_limit:
            return ("total", -1)
        if state["overlaps"] > overlap_limit:
            return ("overlaps", -1)
        return None

    # Candidate pairs: a sweep along the axis on which fewer edges overlap...
    best: tuple[int, np.ndarray, np.ndarray] | None = None
    for axis in (0, 1):
        order = np.argsort(lo[:, axis], kind="stable")
        end = np.searchsorted(lo[order, axis], hi[order, axis], side="right")
        count = end - np.arange(n) - 1
        total = int(count.sum())
        if best is None or total < best[0]:
            best = (total, order, count)
    assert best is not None
    total, order, count = best
    if total <= _SWEEP_LIMIT:
        csum = np.cumsum(count)
        start = 0
        while start < n:
            base = int(csum[start - 1]) if start else 0
            stop = max(int(np.searchsorted(csum, base + _STEP, side="right")), start + 1)
            c = count[start:stop]
            m = int(c.sum())
            if m:
                first = np.repeat(np.arange(start, stop), c)
                second = first + 1 + (np.arange(m) - np.repeat(np.cumsum(c) - c, c))
                verdict = check(order[first], order[second])
                if verdict is not None:
                    return verdict
            start = stop
        return None
    # ... or, where edges overlap along both axes, an STRtree over the edges.
    lines = _lines(a, b)
    tree = shapely.STRtree(lines)
    for i, j in _batches(n, lambda sel: tree.query(lines[sel])):
        keep = i < j
        verdict = check(i[keep], j[keep])
        if verdict is not None:
            return verdict
    return None
