"""Compare a pain drawing with a referral pattern, or with another drawing, and rank patterns.

All measures are areas in chart cm², computed over both views on the drawing clipped to the
body outline.  Against a pattern: ``recall`` is the share of the pattern's area the patient
marked (pattern coverage), ``precision`` the share of the marked area that lies inside the
pattern, ``dice`` = 2|D∩P|/(|D|+|P|) and ``jaccard`` = |D∩P|/|D∪P|; the same four against
the essential zones only, the coverage of every zone, the areas per view, the pain extent
(marked cm² and % of the body chart) and the chart regions touched.  Against a second drawing
(first visit vs follow-up) the second drawing takes the pattern's place and the change in
extent is added.
Everything is done with shapely 2's vectorised functions over arrays of geometries (one
``intersection``/``area`` call per comparison, an STRtree over the chart regions), and the
unions of each pattern side are computed once and cached.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from bodymap.analysis.measures import Overlap, fit_score, rounded
from bodymap.analysis.reference import Reference, drawing_reference, pattern_reference
from bodymap.core.choices import (
    COMPARE_SIDES,
    DEFAULT_PATTERN,
    RANK_MEASURES,
    check,
    check_lang,
)
from bodymap.core.geometry import AREA_EPS
from bodymap.core.jsonio import dump_json
from bodymap.model.chart import Chart, load_chart
from bodymap.model.data import looks_like_path
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern, load_pattern
from bodymap.model.reader import drawing_from_dict, load_drawing, read_drawing_json

__all__ = [
    "Comparison",
    "Extent",
    "ExtentChange",
    "Overlap",
    "RegionShare",
    "ViewAreas",
    "ZoneCoverage",
    "compare",
]

DrawingLike = Drawing | str | os.PathLike[str] | Mapping[str, Any]


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
            "relative_percent": rounded(self.relative_percent, 2),
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
    names
        The pattern's display names by language (empty for a drawing reference).
    pattern_data
        The loaded pattern compared with (``None`` for a drawing reference); its
        :attr:`kind` and :attr:`red_flag` are reported with the measures.
    wpi
        The drawing's Widespread Pain Index (0-19 areas touched, see
        :func:`bodymap.analysis.schemes.widespread`).
    generalized
        Whether the ACR 2016 generalized-pain criterion holds (4 of the 5 regions).
    scheme
        The region scheme of :attr:`regions` (``"bodymap"``: the chart's own regions).
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
    names: Mapping[str, str] = field(default_factory=dict)
    pattern_data: Pattern | None = field(default=None, repr=False)
    wpi: int = 0
    generalized: bool = False
    scheme: str = "bodymap"

    @property
    def kind(self) -> str | None:
        """The pattern's kind (``"muscle"``, ``"dermatome"``, ...); ``None`` for a drawing."""
        return None if self.pattern_data is None else self.pattern_data.kind

    @property
    def red_flag(self) -> bool:
        """Whether the pattern is an organ's (a red flag: rule the organ out first)."""
        return self.pattern_data is not None and self.pattern_data.red_flag

    def title(self, lang: str = "en") -> str:
        """The pattern's display name in ``lang`` (the reference's label for a drawing)."""
        return self.names.get(check_lang(lang)) or self.names.get("en") or self.pattern

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
        if self.essential is None:
            return None
        return fit_score(self.precision, self.essential.recall)

    def measure(self, name: str) -> float | None:
        """One of ``recall``, ``precision``, ``dice``, ``jaccard`` or ``fit`` by name."""
        value: float | None = getattr(self, check("measure", name, RANK_MEASURES))
        return value

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data.

        Keys: ``pattern``, ``side``, ``kind`` (the pattern's kind, ``null`` for a drawing),
        ``red_flag`` (``true`` for an organ pattern), ``recall``, ``precision``, ``dice``,
        ``jaccard``, ``essential``, ``zones``, ``views``, ``extent``, ``outside_cm2``,
        ``regions`` (ids of chart regions, or codes of the ``scheme`` asked for), ``wpi``,
        ``generalized``, and for a drawing-vs-drawing comparison also ``extent_change``.
        Shares are rounded to 4 decimals, areas to 2.
        Keys: ``pattern``, ``side``, ``recall``, ``precision``, ``dice``, ``jaccard``,
        ``essential``, ``zones``, ``views``, ``extent``, ``outside_cm2``, ``regions`` (ids
        of chart regions, or codes of the ``scheme`` asked for), ``wpi``, ``generalized``,
        and for a drawing-vs-drawing comparison also ``extent_change``.  Shares are rounded to
        4 decimals, areas to 2.
        """
        out: dict[str, Any] = {
            "pattern": self.pattern,
            "side": self.side,
            "kind": self.kind,
            "red_flag": self.red_flag,
        }
        out.update(self.overlap.to_dict())
        out["essential"] = None if self.essential is None else self.essential.to_dict()
        out["zones"] = [z.to_dict() for z in self.zones]
        out["views"] = [v.to_dict() for v in self.views]
        out["extent"] = self.extent.to_dict()
        out["outside_cm2"] = round(self.outside_cm2, 2)
        out["regions"] = [r.to_dict() for r in self.regions]
        out["wpi"] = self.wpi
        out["generalized"] = self.generalized
        if self.extent_change is not None:
            out["extent_change"] = self.extent_change.to_dict()
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return dump_json(self.to_dict(), indent=indent)


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


def _pairs(drawing: Drawing, ref: Reference, chart: Chart) -> tuple[list[Any], list[Any]]:
    """The pairs (drawing geometry of a view, reference geometry) whose overlaps are measured.

    Each zone, and (unless the zones are disjoint) the unions of all / essential zones.
    """
    # The unclipped unions suffice: the zones (and a second drawing) lie inside the body.
    marked = [drawing.union(v, chart) for v in chart.views]
    left: list[Any] = [marked[i] for i in ref.zone_view]
    right: list[Any] = list(ref.zone_geoms)
    if not ref.disjoint or not ref.zones:
        left += marked
        right += list(ref.total)
        if ref.essential is not None:
            left += marked
            right += list(ref.essential)
    return left, right


def _overlap_areas(left: list[Any], right: list[Any]) -> np.ndarray:
    """``area(left[i] ∩ right[i])`` for every pair, intersecting only the pairs that meet.

    The reference geometries are prepared, so the test that skips disjoint pairs is cheap;
    a pair that does not meet has overlap 0, as its intersection would have.
    """
    a, b = np.array(left, dtype=object), np.array(right, dtype=object)
    out = np.zeros(len(a))
    hit = np.flatnonzero(shapely.intersects(b, a))
    if len(hit):
        # A zone wholly inside the drawing (a widespread drawing covers most) overlaps it
        # by its own area; the drawing's geometry is prepared for the test.
        shapely.prepare(a[hit])
        whole = shapely.covers(a[hit], b[hit])
        out[hit[whole]] = shapely.area(b[hit[whole]])
        rest = hit[~whole]
        out[rest] = shapely.area(shapely.intersection(a[rest], b[rest]))
    return out


def _measure_many(
    drawing: Drawing, refs: list[Reference], chart: Chart, requested: list[str | None]
) -> list[Comparison]:
    """:func:`_measure` of one drawing against many references, in one vectorised pass."""
    left: list[Any] = []
    right: list[Any] = []
    bounds = [0]
    for ref in refs:
        a, b = _pairs(drawing, ref, chart)
        left += a
        right += b
        bounds.append(len(left))
    inter = _overlap_areas(left, right)
    areas = _drawing_areas(drawing, chart)
    return [
        _measure(drawing, ref, chart, side, inter[bounds[i] : bounds[i + 1]], areas)
        for i, (ref, side) in enumerate(zip(refs, requested))
    ]


def _drawing_areas(drawing: Drawing, chart: Chart) -> tuple[np.ndarray, list[float]]:
    """The drawing's marked area inside and outside the body, per view."""
    views = chart.views
    inside = np.array([drawing.area(v, chart) for v in views])
    return inside, [drawing.outside_area(v, chart) for v in views]


def _measure(
    drawing: Drawing,
    ref: Reference,
    chart: Chart,
    requested: str | None,
    inter: np.ndarray | None = None,
    areas: tuple[np.ndarray, list[float]] | None = None,
) -> Comparison:
    """All measures of ``drawing`` against one reference, in one vectorised pass.

    ``inter`` holds the overlap areas of :func:`_pairs` when they have been computed already
    (for many references at once, by :func:`_measure_many`).
    """
    views = chart.views
    n = len(views)
    unions = not ref.disjoint or not ref.zones
    if inter is None:
        inter = _overlap_areas(*_pairs(drawing, ref, chart))
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
    d_area, outside = areas if areas is not None else _drawing_areas(drawing, chart)
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
        names=ref.names,
        requested_side=requested,
        pattern_data=ref.pattern,
    )


# --- public functions ------------------------------------------------------------------------


def _reference(
    value: str | os.PathLike[str] | Pattern | Drawing | Mapping[str, Any],
    chart: Chart | None = None,
) -> Pattern | Drawing:
    """Load the second argument of :func:`compare`: a pattern, or a drawing.

    Dicts and Drawings are drawings; a file is a drawing if its ``bodymap.kind`` says so,
    and a pattern otherwise (a built-in name always is).
    """
    if isinstance(value, Pattern):
        return value
    if isinstance(value, (Drawing, Mapping)):
        return load_drawing(value, chart)
    path = Path(value)
    if looks_like_path(str(value)) and path.is_file():
        doc = read_drawing_json(path)
        meta = doc.get("bodymap") if isinstance(doc, Mapping) else None
        if isinstance(meta, Mapping) and meta.get("kind") == "drawing":
            return drawing_from_dict(doc, path, chart)
    return load_pattern(value)


def _chart_for(drawing: Drawing, chart: str | os.PathLike[str] | Chart | None) -> Chart:
    if chart is None:
        return drawing.chart
    return chart if isinstance(chart, Chart) else load_chart(chart)


def compare(
    drawing: DrawingLike,
    pattern_or_drawing: str | os.PathLike[str] | Pattern | Drawing | Mapping[str, Any] = (
        DEFAULT_PATTERN
    ),
    side: str = "best",
    chart: str | os.PathLike[str] | Chart | None = None,
    scheme: str | os.PathLike[str] | None = None,
) -> Comparison:
    """Compare a pain drawing with a referral pattern, or with a second drawing.

    Parameters
    ----------
    drawing
        The drawing: a :class:`~bodymap.model.drawing.Drawing`, a drawing file or a parsed dict.
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
    scheme
        Report :attr:`~Comparison.regions` in this region scheme (``"choir"``,
        ``"michigan"``, ``"wpi"``, ``"bodymap"`` or a scheme file): the areas touched by
        the rule of ``bodymap codes`` (10 % of the area or 5 cm², whichever is smaller),
        with their codes as ids.
        Default: every chart region the drawing touches.

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
    check("side", side, COMPARE_SIDES)
    first = load_drawing(drawing, chart)
    the_chart = _chart_for(first, chart)
    other = _reference(pattern_or_drawing, the_chart)
    if isinstance(other, Drawing):
        second = other
        result = _measure(first, drawing_reference(second, the_chart), the_chart, None)
        body = the_chart.area()
        before, after = result.extent.cm2, second.area(chart=the_chart)
        change = ExtentChange(
            cm2=after - before,
            percent=100.0 * (after - before) / body,
            relative_percent=None if before <= AREA_EPS else 100.0 * (after - before) / before,
        )
        return _schemed(replace(result, extent_change=change), first, the_chart, scheme)
    pattern = other
    pattern.check_chart(the_chart)
    if pattern.bilateral:
        sides: tuple[str, ...] = ("both",)
    else:
        sides = pattern.sides if side == "best" else (side,)
    results = [
        _measure(first, pattern_reference(pattern, s, the_chart), the_chart, side) for s in sides
    ]
    dice = {r.side or s: r.dice for r, s in zip(results, sides)}
    best = max(results, key=lambda r: -1.0 if r.dice is None else r.dice)  # first wins ties
    return _schemed(replace(best, side_dice=dice), first, the_chart, scheme)


def _schemed(
    result: Comparison, drawing: Drawing, chart: Chart, scheme: str | os.PathLike[str] | None
) -> Comparison:
    """The comparison with its WPI, and its regions in ``scheme`` if one is asked for."""
    from bodymap.analysis.schemes import codes, widespread
    from bodymap.model.scheme import load_scheme

    spread = widespread(drawing, chart=chart)
    if scheme is None:
        return replace(result, wpi=spread.wpi, generalized=spread.generalized)
    the_scheme = load_scheme(scheme, chart=chart)
    regions = tuple(
        RegionShare(s.code, s.area.view, s.area.side, s.area.names, s.area.area, s.marked_cm2)
        for s in codes(drawing, the_scheme, chart=chart)
    )
    return replace(
        result,
        regions=regions,
        wpi=spread.wpi,
        generalized=spread.generalized,
        scheme=the_scheme.name,
    )
