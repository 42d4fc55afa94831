"""Compare a pain drawing with a referral pattern, or with another drawing, and rank patterns.

All measures are areas in chart cm², computed over both views on the drawing clipped to the
body outline.  Against a pattern: ``recall`` is the share of the pattern's area the patient
marked (pattern coverage), ``precision`` the share of the marked area that lies inside the
pattern, ``dice`` = 2|D∩P|/(|D|+|P|) and ``jaccard`` = |D∩P|/|D∪P|; the same four against
the essential zones only, the coverage of every zone, the areas per view, the pain extent
(marked cm² and % of the body chart) and the chart regions touched.  Against a second drawing
(first visit vs follow-up) the second drawing takes the pattern's place and the change in
extent is added.  :func:`rank` scores every built-in pattern on each of its sides by Dice.
Everything is done with shapely 2's vectorised functions over arrays of geometries (one
``intersection``/``area`` call per comparison, an STRtree over the chart regions), and the
unions of each pattern side are computed once and cached.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from bodymap._data import _looks_like_path
from bodymap.chart import Chart, load_chart
from bodymap.drawing import (
    AREA_EPS,
    Drawing,
    drawing_from_dict,
    load_drawing,
    polygonal,
    read_drawing_json,
)
from bodymap.errors import BodymapError, DataError, UnknownNameError
from bodymap.pattern import Pattern, Zone, load_pattern, pattern_names

__all__ = [
    "COMPARE_SIDES",
    "MEASURES",
    "RANK_BY",
    "Comparison",
    "Extent",
    "ExtentChange",
    "Overlap",
    "RankResult",
    "RegionShare",
    "ViewAreas",
    "ZoneCoverage",
    "compare",
    "rank",
]

#: The overlap measures, in the order they are reported.
MEASURES: tuple[str, ...] = ("recall", "precision", "dice", "jaccard")
#: Values of ``side`` for :func:`compare`.
COMPARE_SIDES: tuple[str, ...] = ("left", "right", "both", "best")
#: The measures :func:`rank` can order by: the overlap measures and the fit score.
RANK_MEASURES: tuple[str, ...] = (*MEASURES, "fit")
#: Weight of essential-zone coverage against precision in the fit score (F-beta, beta = 2).
FIT_BETA = 2.0
#: What the fit score is (printed by ``bodymap rank --by fit``).
FIT_REASON = (
    "Fit is the F2 score of two questions: how much of the patient's pain does the whole "
    "pattern explain (precision), and how much of the pattern's essential zones did the "
    "patient mark (essential recall)? Covering the essential zones counts four times as much "
    "as explaining all the pain, because a patient's pain often has more than one source: a "
    "drawing that combines two patterns ranks both near the top, which plain Dice does not "
    "do when one pattern is much larger than the other."
)
#: The measure :func:`rank` orders by, unless told otherwise.
RANK_BY = "dice"
#: Why Dice is the default ranking measure (printed by ``bodymap rank``).
RANK_REASON = (
    "Dice weighs both ways a pattern can fit badly: pain the pattern does not explain "
    "(low precision) and pattern the patient did not mark (low recall). Recall alone favours "
    "widespread drawings and large patterns, precision alone favours small patterns; Jaccard "
    "ranks exactly as Dice does."
)

_Polygonal = Polygon | MultiPolygon
_EMPTY = Polygon()


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole > AREA_EPS else None


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


# --- result records --------------------------------------------------------------------------


@dataclass(frozen=True)
class Overlap:
    """The four overlap measures of a drawing D and a reference P (pattern or drawing).

    Each is a share from 0 to 1, or ``None`` where it is undefined (0/0, e.g. the precision
    of an empty drawing).
    """

    recall: float | None
    precision: float | None
    dice: float | None
    jaccard: float | None

    @classmethod
    def from_areas(cls, drawing: float, reference: float, overlap: float) -> Overlap:
        """Measures from the areas |D|, |P| and |D∩P| in cm²."""
        return cls(
            recall=_ratio(overlap, reference),
            precision=_ratio(overlap, drawing),
            dice=_ratio(2.0 * overlap, drawing + reference),
            jaccard=_ratio(overlap, drawing + reference - overlap),
        )

    def to_dict(self) -> dict[str, float | None]:
        """``{"recall", "precision", "dice", "jaccard"}``, rounded to 4 decimals."""
        return {m: _r(getattr(self, m), 4) for m in MEASURES}


@dataclass(frozen=True)
class ZoneCoverage:
    """How much of one pattern zone the drawing covers."""

    id: str
    view: str
    kind: str
    names: Mapping[str, str]
    area_cm2: float
    marked_cm2: float

    @property
    def coverage(self) -> float:
        """Share of the zone's area that is marked, 0 to 1."""
        return self.marked_cm2 / self.area_cm2 if self.area_cm2 > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        return {
            "id": self.id,
            "view": self.view,
            "kind": self.kind,
            "names": dict(self.names),
            "area_cm2": round(self.area_cm2, 2),
            "marked_cm2": round(self.marked_cm2, 2),
            "coverage": round(self.coverage, 4),
        }


@dataclass(frozen=True)
class ViewAreas:
    """Areas on one view: drawing, reference, their overlap, and drawn outside the body."""

    view: str
    drawing_cm2: float
    pattern_cm2: float
    overlap_cm2: float
    outside_cm2: float

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        return {
            "view": self.view,
            "drawing_cm2": round(self.drawing_cm2, 2),
            "pattern_cm2": round(self.pattern_cm2, 2),
            "overlap_cm2": round(self.overlap_cm2, 2),
            "outside_cm2": round(self.outside_cm2, 2),
        }


@dataclass(frozen=True)
class Extent:
    """Pain extent: marked area in cm² and as % of the body chart area (both views)."""

    cm2: float
    percent: float

    def to_dict(self) -> dict[str, float]:
        """``{"cm2", "percent"}``, rounded to 2 decimals."""
        return {"cm2": round(self.cm2, 2), "percent": round(self.percent, 2)}


@dataclass(frozen=True)
class ExtentChange:
    """Change in pain extent from the first drawing to the second.

    ``cm2`` and ``percent`` are differences (second minus first) in cm² and in percentage
    points of the body chart area; ``relative_percent`` is the change as % of the first
    drawing's extent (``None`` if the first drawing marks nothing).
    """

    cm2: float
    percent: float
    relative_percent: float | None

    def to_dict(self) -> dict[str, float | None]:
        """The record as JSON-ready data, rounded to 2 decimals."""
        return {
            "cm2": round(self.cm2, 2),
            "percent": round(self.percent, 2),
            "relative_percent": _r(self.relative_percent, 2),
        }


@dataclass(frozen=True)
class RegionShare:
    """A chart region the drawing touches and the share of it that is marked."""

    id: str
    view: str
    side: str
    names: Mapping[str, str]
    area_cm2: float
    marked_cm2: float

    @property
    def share(self) -> float:
        """Share of the region's area that is marked, 0 to 1."""
        return self.marked_cm2 / self.area_cm2 if self.area_cm2 > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        return {
            "id": self.id,
            "view": self.view,
            "side": self.side,
            "names": dict(self.names),
            "area_cm2": round(self.area_cm2, 2),
            "marked_cm2": round(self.marked_cm2, 2),
            "share": round(self.share, 4),
        }


@dataclass(frozen=True, eq=False)
class Comparison:
    """The result of :func:`compare`: how a drawing matches a pattern side or a drawing.

    Attributes
    ----------
    pattern
        The pattern's name, or the second drawing's label (file name or subject).
    side
        The pattern side compared (``"left"``, ``"right"`` or ``"both"``); ``None`` when
        the reference is a drawing.
    recall, precision, dice, jaccard
        Overlap of the drawing with the whole pattern (all zones); see :class:`Overlap`.
    essential
        The same four against the essential zones only (``None`` for a drawing reference).
    zones
        Coverage of every zone of the pattern side.
    views
        Areas per view.
    extent
        The drawing's pain extent.
    outside_cm2
        Area the drawing marks outside the body outline (not in any other measure).
    regions
        Chart regions the drawing touches, in chart order.
    extent_change
        For a drawing reference: change in extent from the drawing to the reference.
    drawing
        The drawing's label.
    requested_side
        The ``side`` asked for (``"best"`` when the side was chosen by Dice).
    side_dice
        Dice of every side that was considered, by side.
    """

    pattern: str
    side: str | None
    recall: float | None
    precision: float | None
    dice: float | None
    jaccard: float | None
    essential: Overlap | None
    zones: tuple[ZoneCoverage, ...]
    views: tuple[ViewAreas, ...]
    extent: Extent
    outside_cm2: float
    regions: tuple[RegionShare, ...]
    extent_change: ExtentChange | None = None
    drawing: str = "drawing"
    requested_side: str | None = None
    side_dice: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def overlap(self) -> Overlap:
        """The four overall measures as an :class:`Overlap`."""
        return Overlap(self.recall, self.precision, self.dice, self.jaccard)

    @property
    def fit(self) -> float | None:
        """The fit score: F-beta (beta = :data:`FIT_BETA`) of precision and essential recall.

        ``fit = (1 + b²) P E / (b² P + E)`` with ``P`` the share of the drawing inside the
        whole pattern and ``E`` the share of the essential zones that is marked; 1 means the
        drawing covers every essential zone and lies wholly within the pattern.  ``None``
        for a drawing reference (no essential zones); 0 when either share is 0.
        """
        if self.essential is None or self.essential.recall is None or self.precision is None:
            return None
        p, e = self.precision, self.essential.recall
        b2 = FIT_BETA * FIT_BETA
        return 0.0 if p <= 0 or e <= 0 else (1 + b2) * p * e / (b2 * p + e)

    def measure(self, name: str) -> float | None:
        """One of ``recall``, ``precision``, ``dice``, ``jaccard`` or ``fit`` by name."""
        if name not in RANK_MEASURES:
            raise UnknownNameError("measure", name, RANK_MEASURES)
        return getattr(self, name)  # type: ignore[no-any-return]

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data.

        Keys: ``pattern``, ``side``, ``recall``, ``precision``, ``dice``, ``jaccard``,
        ``essential``, ``zones``, ``views``, ``extent``, ``outside_cm2``, ``regions``, and
        for a drawing-vs-drawing comparison also ``extent_change``.  Shares are rounded to
        4 decimals, areas to 2.
        """
        out: dict[str, Any] = {"pattern": self.pattern, "side": self.side}
        out.update(self.overlap.to_dict())
        out["essential"] = None if self.essential is None else self.essential.to_dict()
        out["zones"] = [z.to_dict() for z in self.zones]
        out["views"] = [v.to_dict() for v in self.views]
        out["extent"] = self.extent.to_dict()
        out["outside_cm2"] = round(self.outside_cm2, 2)
        out["regions"] = [r.to_dict() for r in self.regions]
        if self.extent_change is not None:
            out["extent_change"] = self.extent_change.to_dict()
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


@dataclass(frozen=True, eq=False)
class RankResult:
    """The result of :func:`rank`: one :class:`Comparison` per pattern side, best first.

    Attributes
    ----------
    measure
        The measure the results are ordered by (``"dice"`` unless asked otherwise).
    results
        The comparisons, best first (ties: pattern name, then side).
    drawing
        The drawing's label.
    reason
        Why the measure is used, in one sentence or two.
    """

    measure: str
    results: tuple[Comparison, ...]
    drawing: str = "drawing"
    reason: str = RANK_REASON

    def __iter__(self) -> Iterator[Comparison]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> Comparison:
        return self.results[index]

    @property
    def best(self) -> Comparison | None:
        """The best-fitting pattern side, or ``None`` if no pattern was scored."""
        return self.results[0] if self.results else None

    def to_dict(self) -> dict[str, Any]:
        """``{"drawing", "measure", "results": [comparison, ...]}``, best first.

        Each result is the comparison's :meth:`Comparison.to_dict` plus its ``fit`` score.
        """
        return {
            "drawing": self.drawing,
            "measure": self.measure,
            "results": [{**c.to_dict(), "fit": _r(c.fit, 4)} for c in self.results],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


# --- references: what a drawing is compared with ---------------------------------------------


@dataclass(frozen=True, eq=False)
class _Reference:
    """The geometry a drawing is compared with, per view, ready for vectorised calls."""

    name: str
    side: str | None
    total: tuple[_Polygonal, ...]  # per chart view
    essential: tuple[_Polygonal, ...] | None
    zones: tuple[Zone, ...]
    zone_geoms: np.ndarray  # the zones clipped to the body outline
    zone_view: np.ndarray  # index into chart views of each zone
    zone_area: np.ndarray
    total_area: np.ndarray  # per view
    essential_area: np.ndarray | None
    zone_essential: np.ndarray  # bool per zone
    disjoint: bool = False  # zones do not overlap: totals are sums over zones


def _union(geoms: list[Any]) -> _Polygonal:
    if not geoms:
        return _EMPTY
    union = polygonal(shapely.union_all(geoms))
    shapely.prepare(union)
    return union


@lru_cache(maxsize=256)
def _pattern_reference(pattern: Pattern, side: str, chart: Chart) -> _Reference:
    """The unions of a pattern side per view (computed once, cached)."""
    zones = pattern.zones(side)
    views = chart.views
    unknown = [z.view for z in zones if z.view not in views]
    if unknown:
        raise DataError(f"pattern {pattern.name!r}: zone on unknown view {unknown[0]!r}")
    # Zones are clipped to the body outline (the built-in ones already are), so that marks
    # outside the body never count as overlap.
    clipped = shapely.intersection(
        np.array([z.geometry for z in zones], dtype=object),
        np.array([chart.outline(z.view) for z in zones], dtype=object),
    )
    shapely.prepare(clipped)
    total = tuple(_union([g for z, g in zip(zones, clipped) if z.view == v]) for v in views)
    essential = tuple(
        _union([g for z, g in zip(zones, clipped) if z.view == v and z.kind == "essential"])
        for v in views
    )
    zone_area = shapely.area(clipped)
    total_area = shapely.area(np.array(total, dtype=object))
    return _Reference(
        name=pattern.name,
        side="both" if pattern.bilateral else side,
        total=total,
        essential=essential,
        zones=zones,
        zone_geoms=clipped,
        zone_view=np.array([views.index(z.view) for z in zones], dtype=np.intp),
        zone_area=zone_area,
        total_area=total_area,
        essential_area=shapely.area(np.array(essential, dtype=object)),
        zone_essential=np.array([z.kind == "essential" for z in zones], dtype=bool),
        # Built-in patterns have non-overlapping zones; then the overlap with all zones (or
        # the essential ones) is the sum of the overlaps with each zone, and the drawing need
        # not be intersected with the unions as well.
        disjoint=bool(abs(zone_area.sum() - total_area.sum()) <= AREA_EPS),
    )


def _drawing_reference(drawing: Drawing, chart: Chart) -> _Reference:
    return _Reference(
        name=drawing.label,
        side=None,
        total=tuple(drawing.geometry(v, chart) for v in chart.views),
        essential=None,
        zones=(),
        zone_geoms=np.zeros(0, dtype=object),
        zone_view=np.zeros(0, dtype=np.intp),
        zone_area=np.zeros(0),
        total_area=np.array([drawing.area(v, chart) for v in chart.views]),
        essential_area=None,
        zone_essential=np.zeros(0, dtype=bool),
    )


# --- the measures ----------------------------------------------------------------------------


def _regions(drawing: Drawing, chart: Chart) -> tuple[RegionShare, ...]:
    """Regions touched by the drawing (cached on the drawing, for :func:`rank`)."""
    key = ("region-shares", chart)
    cached: tuple[RegionShare, ...] | None = drawing._cache.get(key)
    if cached is None:
        cached = tuple(
            RegionShare(r.id, r.view, r.side, r.names, r.area, marked)
            for r, marked in drawing.marked_regions(chart)
        )
        drawing._cache[key] = cached
    return cached


def _measure(drawing: Drawing, ref: _Reference, chart: Chart, requested: str | None) -> Comparison:
    """All measures of ``drawing`` against one reference, in one vectorised pass."""
    views = chart.views
    # The unclipped unions suffice: the zones (and a second drawing) lie inside the body.
    marked = [drawing.union(v, chart) for v in views]
    n = len(views)
    # Pairs (drawing geometry of a view, reference geometry), intersected in one call:
    # each zone, and (unless the zones are disjoint) the unions of all / essential zones.
    left: list[Any] = [marked[i] for i in ref.zone_view]
    right: list[Any] = list(ref.zone_geoms)
    unions = not ref.disjoint or not ref.zones
    if unions:
        left += marked
        right += list(ref.total)
        if ref.essential is not None:
            left += marked
            right += list(ref.essential)
    inter = shapely.area(
        shapely.intersection(np.array(left, dtype=object), np.array(right, dtype=object))
    )
    k = len(ref.zones)
    per_zone = inter[:k]
    overlap_v: np.ndarray
    essential_v: np.ndarray
    if unions:
        overlap_v = inter[k : k + n]
        essential_v = inter[k + n : k + 2 * n]
    else:
        overlap_v = np.bincount(ref.zone_view, per_zone, minlength=n)
        essential_v = np.bincount(
            ref.zone_view[ref.zone_essential], per_zone[ref.zone_essential], minlength=n
        )
    d_area = np.array([drawing.area(v, chart) for v in views])
    overall = Overlap.from_areas(
        float(d_area.sum()), float(ref.total_area.sum()), float(overlap_v.sum())
    )
    essential = None
    if ref.essential is not None and ref.essential_area is not None:
        essential = Overlap.from_areas(
            float(d_area.sum()), float(ref.essential_area.sum()), float(essential_v.sum())
        )
    zones = tuple(
        ZoneCoverage(z.id, z.view, z.kind, z.names, float(area), float(cov))
        for z, area, cov in zip(ref.zones, ref.zone_area, per_zone)
    )
    outside = [drawing.outside_area(v, chart) for v in views]
    view_areas = tuple(
        ViewAreas(v, float(d_area[i]), float(ref.total_area[i]), float(overlap_v[i]), outside[i])
        for i, v in enumerate(views)
    )
    body = chart.area()
    extent = float(d_area.sum())
    return Comparison(
        pattern=ref.name,
        side=ref.side,
        recall=overall.recall,
        precision=overall.precision,
        dice=overall.dice,
        jaccard=overall.jaccard,
        essential=essential,
        zones=zones,
        views=view_areas,
        extent=Extent(extent, 100.0 * extent / body),
        outside_cm2=float(sum(outside)),
        regions=_regions(drawing, chart),
        drawing=drawing.label,
        requested_side=requested,
    )


# --- public functions ------------------------------------------------------------------------


DrawingLike = Drawing | str | os.PathLike[str] | Mapping[str, Any]


def _reference(
    value: str | os.PathLike[str] | Pattern | Drawing | Mapping[str, Any],
) -> Pattern | Drawing:
    """Load the second argument of :func:`compare`: a pattern, or a drawing.

    Dicts and Drawings are drawings; a file is a drawing if its ``bodymap.kind`` says so,
    and a pattern otherwise (a built-in name always is).
    """
    if isinstance(value, Pattern):
        return value
    if isinstance(value, (Drawing, Mapping)):
        return load_drawing(value)
    path = Path(value)
    if _looks_like_path(str(value)) and path.is_file():
        doc = read_drawing_json(path)
        meta = doc.get("bodymap") if isinstance(doc, Mapping) else None
        if isinstance(meta, Mapping) and meta.get("kind") == "drawing":
            return drawing_from_dict(doc, path)
    return load_pattern(value)


def _chart_for(drawing: Drawing, chart: str | os.PathLike[str] | Chart | None) -> Chart:
    if chart is None:
        return drawing.chart
    return chart if isinstance(chart, Chart) else load_chart(chart)


def compare(
    drawing: DrawingLike,
    pattern_or_drawing: str | os.PathLike[str] | Pattern | Drawing | Mapping[str, Any] = (
        "iliopsoas"
    ),
    side: str = "best",
    chart: str | os.PathLike[str] | Chart | None = None,
) -> Comparison:
    """Compare a pain drawing with a referral pattern, or with a second drawing.

    Parameters
    ----------
    drawing
        The drawing: a :class:`~bodymap.drawing.Drawing`, a drawing file or a parsed dict.
    pattern_or_drawing
        A built-in pattern name, a pattern file or a loaded Pattern; or a second drawing
        (a Drawing, a dict, or a file whose ``bodymap.kind`` is ``"drawing"``), e.g. the
        follow-up visit.  The second drawing takes the pattern's place in every measure.
    side
        Side of the pattern's trigger points: ``"left"``, ``"right"``, ``"both"`` (both
        sides at once), or ``"best"`` (the default): each side in ``pattern.sides`` is
        tried and the one with the higher Dice is returned (left wins a tie).  Bilateral
        patterns have the one side ``"both"``.  Ignored for a drawing reference.
    chart
        The chart to measure on (default: the drawing's own chart).

    Returns
    -------
    Comparison
        The measures; ``.to_dict()`` gives the JSON that ``bodymap compare --json`` prints.

    Raises
    ------
    UnknownNameError
        For an unknown side or pattern name.
    DataError
        For a bad drawing or pattern file, or a pattern drawn on another chart.

    Examples
    --------
    >>> import bodymap
    >>> drawing = bodymap.load_drawing({
    ...     "type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1},
    ...     "features": [{"type": "Feature", "geometry": None,
    ...                   "properties": {"view": "front", "region": "groin-left"}}]})
    >>> result = bodymap.compare(drawing, "iliopsoas")
    >>> result.side
    'left'
    """
    if side not in COMPARE_SIDES:
        raise UnknownNameError("side", side, COMPARE_SIDES)
    first = load_drawing(drawing)
    the_chart = _chart_for(first, chart)
    other = _reference(pattern_or_drawing)
    if isinstance(other, Drawing):
        second = other
        result = _measure(first, _drawing_reference(second, the_chart), the_chart, None)
        body = the_chart.area()
        before, after = result.extent.cm2, second.area(chart=the_chart)
        change = ExtentChange(
            cm2=after - before,
            percent=100.0 * (after - before) / body,
            relative_percent=None if before <= AREA_EPS else 100.0 * (after - before) / before,
        )
        return replace(result, extent_change=change)
    pattern = other
    if pattern.chart != the_chart.name:
        raise DataError(
            f"pattern {pattern.name!r} is drawn on chart {pattern.chart!r}, "
            f"but the drawing is measured on chart {the_chart.name!r}"
        )
    if pattern.bilateral:
        sides: tuple[str, ...] = ("both",)
    else:
        sides = pattern.sides if side == "best" else (side,)
    results = [
        _measure(first, _pattern_reference(pattern, s, the_chart), the_chart, side) for s in sides
    ]
    dice = {r.side or s: r.dice for r, s in zip(results, sides)}
    best = max(results, key=lambda r: -1.0 if r.dice is None else r.dice)  # first wins ties
    return replace(best, side_dice=dice)


def rank(
    drawing: DrawingLike,
    top: int | None = None,
    by: str = RANK_BY,
    chart: str | os.PathLike[str] | Chart | None = None,
) -> RankResult:
    """Score every built-in pattern on each of its sides against a drawing, best first.

    Every pattern in :func:`bodymap.pattern_names` that is drawn on the drawing's chart is
    compared on each side in ``pattern.sides`` (``left`` and ``right``, or ``both`` for a
    bilateral pattern).

    Parameters
    ----------
    drawing
        A Drawing, a drawing file or a parsed dict.
    top
        Keep only the best ``top`` results (all if ``None``).
    by
        The measure to order by: ``"dice"`` (default), ``"jaccard"``, ``"recall"``,
        ``"precision"`` or ``"fit"`` (see :attr:`Comparison.fit`, which makes a differential
        of drawings with more than one source of pain).  Dice is the default because it
        penalises both ways a pattern can fit badly: pain the pattern does not explain (low
        precision) and pattern the patient did not mark (low recall).  Recall alone would
        favour widespread drawings and large patterns, precision alone small patterns;
        Jaccard = Dice / (2 - Dice) gives the same order as Dice.
    chart
        The chart to measure on (default: the drawing's own chart).

    Returns
    -------
    RankResult
        The comparisons, best first; ties are broken by pattern name, then side.

    Raises
    ------
    UnknownNameError
        For an unknown measure.
    BodymapError
        If ``top`` is less than 1.
    """
    if by not in RANK_MEASURES:
        raise UnknownNameError("measure", by, RANK_MEASURES)
    if top is not None and top < 1:
        raise BodymapError(f"top must be at least 1, not {top}")
    first = load_drawing(drawing)
    the_chart = _chart_for(first, chart)
    results: list[Comparison] = []
    for name in pattern_names():
        pattern = load_pattern(name)
        if pattern.chart != the_chart.name:
            continue
        for s in pattern.sides:
            ref = _pattern_reference(pattern, s, the_chart)
            results.append(_measure(first, ref, the_chart, s))
    order = {"left": 0, "right": 1, "both": 2}

    def key(c: Comparison) -> tuple[float, str, int]:
        value = c.measure(by)
        return (-(value if value is not None else -1.0), c.pattern, order.get(c.side or "", 3))

    results.sort(key=key)
    if top is not None:
        results = results[:top]
    reason = FIT_REASON if by == "fit" else RANK_REASON
    return RankResult(measure=by, results=tuple(results), drawing=first.label, reason=reason)
