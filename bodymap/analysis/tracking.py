"""A patient over many visits: the drawings in date order, and what changed between them.

:func:`track` puts a patient's drawings in the order they were made (each drawing's
``recorded`` date when every drawing has one, else the order given) and measures each visit:
its extent and intensity-weighted extent (:func:`~bodymap.analysis.drawing_measures.
measure_drawing`), its Jaccard index with the previous and with the first visit, and the
area that is new, resolved and persisting since the previous visit (all from
:func:`bodymap.compare` of the two drawings, :func:`visit_change`).  A change in extent larger
than the minimal detectable change (:data:`MDC_SHARE`) is flagged.

The minimal detectable change.  No patient test-retest MDC of pain extent in cm² or in %
of the body chart could be found; the figure used is derived from the published 95 %
limits of agreement of pain extent between two drawings made one minute apart by 52
patients with chronic low back or neck pain (Leoni D, Falla D, Egloff M, Faccendini S,
Barbero M. A study to explore the reliability of pain drawings using a novel method to
define pain extent and pain location. 3rd SIF National Congress, Naples, 2013; the pilot of
Barbero M et al., Test-retest reliability of pain extent and pain location using a novel
method for pain drawing analysis, Eur J Pain 2015;19(8):1129-38): limits -2710 to 1960
pixels around mean extents of 5888 and 6261 pixels.  Half the width of the limits is the
MDC at 95 % (1.96 × SD of the differences = 1.96 × √2 × SEM), 2335 pixels, which is 38 %
of the mean extent; a change counts as larger than the MDC when it exceeds 38 % of the
mean extent of the two visits.  It is a relative figure, as the study's pixels cannot be
converted to cm² of another chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import shapely

from bodymap.analysis.comparison import Comparison, compare
from bodymap.analysis.drawing_measures import DrawingMeasures, measure_drawing
from bodymap.core.errors import BodymapError
from bodymap.core.geometry import AREA_EPS, Polygonal, polygonal
from bodymap.core.jsonio import dump_json
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing

__all__ = [
    "MDC_LIMITS_PX",
    "MDC_MEAN_EXTENT_PX",
    "MDC_SHARE",
    "MDC_SOURCE",
    "Change",
    "Track",
    "Visit",
    "change_geometries",
    "change_of",
    "exceeds_mdc",
    "track",
    "visit_change",
]

#: The 95 % limits of agreement of pain extent between two drawings (pixels), Leoni et al.
#: 2013 (the pilot of Barbero et al., Eur J Pain 2015).
MDC_LIMITS_PX: tuple[float, float] = (-2710.0, 1960.0)
#: The mean pain extent of the two drawings of that study (pixels): 5888 and 6261.
MDC_MEAN_EXTENT_PX = (5888.0 + 6261.0) / 2.0
#: The minimal detectable change of pain extent as a share of the mean extent of two visits:
#: half the width of the limits of agreement over the mean extent (about 0.38).
MDC_SHARE = (MDC_LIMITS_PX[1] - MDC_LIMITS_PX[0]) / 2.0 / MDC_MEAN_EXTENT_PX
#: Where :data:`MDC_SHARE` comes from, for tables, figures and JSON.
MDC_SOURCE = (
    "Leoni, Falla, Egloff, Faccendini & Barbero 2013 (pilot of Barbero et al., Eur J Pain "
    "2015;19:1129-38): 95% limits of agreement of pain extent, test-retest, 52 patients"
)
#: Decimals of areas and of the Jaccard index in JSON.
AREA_DIGITS = 2
SHARE_DIGITS = 4


def exceeds_mdc(before_cm2: float, after_cm2: float) -> bool:
    """Whether the change in extent from ``before_cm2`` to ``after_cm2`` exceeds the MDC.

    The MDC is :data:`MDC_SHARE` of the mean extent of the two visits; no change (both
    zero) never exceeds it, and pain appearing where there was none always does.
    """
    mean = (before_cm2 + after_cm2) / 2.0
    return mean > AREA_EPS and abs(after_cm2 - before_cm2) > MDC_SHARE * mean


@dataclass(frozen=True)
class Change:
    """What changed between two drawings: areas in cm² and their overlap.

    ``new_cm2`` is marked in the later drawing only, ``resolved_cm2`` in the earlier one
    only, ``persisting_cm2`` in both; ``jaccard`` and ``dice`` are those of
    :func:`bodymap.compare` (``None`` when neither drawing marks anything).
    """

    new_cm2: float
    resolved_cm2: float
    persisting_cm2: float
    jaccard: float | None
    dice: float | None


def visit_change(before: Drawing, after: Drawing, chart: Chart) -> Change:
    """The new, resolved and persisting area from ``before`` to ``after`` (cm²).

    From :func:`bodymap.compare` of the two drawings (its overlap per view), so the report,
    ``bodymap compare`` and ``bodymap track`` give the same numbers.
    """
    return change_of(compare(before, after, chart=chart))


def change_of(result: Comparison) -> Change:
    """The :class:`Change` that a comparison of an earlier with a later drawing measured.

    ``result`` is :func:`bodymap.compare` of the earlier drawing with the later one (the
    later drawing in the reference's place).
    """
    persisting = sum(v.overlap_cm2 for v in result.views)
    new = sum(v.pattern_cm2 - v.overlap_cm2 for v in result.views)
    resolved = sum(v.drawing_cm2 - v.overlap_cm2 for v in result.views)
    return Change(max(0.0, new), max(0.0, resolved), persisting, result.jaccard, result.dice)


def change_geometries(
    before: Drawing, after: Drawing, view: str, chart: Chart
) -> tuple[Polygonal, Polygonal, Polygonal]:
    """``(new, resolved, persisting)`` areas of ``view`` as polygons in chart cm (figures)."""
    a, b = before.geometry(view, chart), after.geometry(view, chart)
    return (
        polygonal(shapely.difference(b, a)),
        polygonal(shapely.difference(a, b)),
        polygonal(shapely.intersection(a, b)),
    )


@dataclass(frozen=True)
class Visit:
    """One visit of :func:`track`: its drawing, its measures and its change.

    ``change`` is since the previous visit (``None`` for the first); ``jaccard_first`` the
    Jaccard index with the first visit (1 for the first visit itself, ``None`` when neither
    marks anything).
    """

    number: int
    drawing: Drawing
    measures: DrawingMeasures
    change: Change | None
    jaccard_first: float | None
    exceeds_mdc: bool | None

    @property
    def extent_change_cm2(self) -> float | None:
        """Change in extent since the previous visit (cm², later minus earlier)."""
        if self.change is None:
            return None
        return self.change.new_cm2 - self.change.resolved_cm2

    def to_dict(self) -> dict[str, Any]:
        """The visit as JSON-ready data (one object of ``bodymap track --json``).

        Keys: ``visit`` (1, 2, ...), ``source``, ``subject``, ``recorded``, ``extent_cm2``,
        ``extent_pct``, ``weighted_extent_cm2``, ``weighted_extent_pct``,
        ``jaccard_previous`` and ``jaccard_first``, ``new_cm2``, ``resolved_cm2``,
        ``persisting_cm2``, ``extent_change_cm2`` (all ``null`` since-previous values for the
        first visit) and ``extent_change_exceeds_mdc``.
        """
        m = self.measures.to_dict()
        c = self.change
        return {
            "visit": self.number,
            "source": self.drawing.source,
            "subject": self.drawing.subject,
            "recorded": self.drawing.recorded,
            "extent_cm2": m["extent_cm2"],
            "extent_pct": m["extent_pct"],
            "weighted_extent_cm2": m["weighted_extent_cm2"],
            "weighted_extent_pct": m["weighted_extent_pct"],
            "jaccard_previous": None if c is None else _r(c.jaccard, SHARE_DIGITS),
            "jaccard_first": _r(self.jaccard_first, SHARE_DIGITS),
            "new_cm2": None if c is None else _r(c.new_cm2),
            "resolved_cm2": None if c is None else _r(c.resolved_cm2),
            "persisting_cm2": None if c is None else _r(c.persisting_cm2),
            "extent_change_cm2": _r(self.extent_change_cm2),
            "extent_change_exceeds_mdc": self.exceeds_mdc,
        }


def _r(value: float | None, digits: int = AREA_DIGITS) -> float | None:
    return None if value is None else round(value, digits) + 0.0


@dataclass(frozen=True)
class Track:
    """The visits of one patient in date order (:func:`track`).

    ``by_date`` says whether the order is that of the drawings' ``recorded`` dates (else
    the order given).
    """

    visits: tuple[Visit, ...]
    chart: Chart
    by_date: bool

    @property
    def subjects(self) -> tuple[str, ...]:
        """The distinct subjects of the drawings (more than one is worth a warning)."""
        found = [v.drawing.subject for v in self.visits if v.drawing.subject]
        return tuple(dict.fromkeys(found))

    def to_list(self) -> list[dict[str, Any]]:
        """One :meth:`Visit.to_dict` per visit, in order."""
        return [v.to_dict() for v in self.visits]

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_list` as JSON text."""
        return dump_json(self.to_list(), indent=indent)


def recorded_time(drawing: Drawing) -> dt.datetime | None:
    """The drawing's ``recorded`` as a UTC time (a date alone: its midnight), or ``None``."""
    raw = drawing.recorded
    if not raw:
        return None
    try:
        when = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when


def in_visit_order(drawings: Sequence[Drawing]) -> tuple[list[Drawing], bool]:
    """The drawings by their ``recorded`` time if every one has one, else as given.

    Returns the ordered drawings and whether they were ordered by date (drawings of the
    same time keep the order given).
    """
    times = [recorded_time(d) for d in drawings]
    if any(t is None for t in times):
        return list(drawings), False
    order = sorted(range(len(drawings)), key=lambda i: times[i])  # type: ignore[arg-type,return-value]
    return [drawings[i] for i in order], True


def track(drawings: Sequence[Drawing], chart: Chart | None = None) -> Track:
    """Follow a patient over visits: each drawing's measures and its change.

    Parameters
    ----------
    drawings
        Two or more drawings of one patient (any order: see :func:`in_visit_order`).
    chart
        The chart to measure on (default: the first drawing's).

    Returns
    -------
    Track
        ``.to_list()`` is the JSON of ``bodymap track --json``.

    Raises
    ------
    BodymapError
        Fewer than two drawings.
    """
    if len(drawings) < 2:
        raise BodymapError(f"track needs at least two drawings, not {len(drawings)}")
    ordered, by_date = in_visit_order(drawings)
    the_chart = chart if chart is not None else ordered[0].chart
    visits: list[Visit] = []
    first = ordered[0]
    for i, drawing in enumerate(ordered):
        measures = measure_drawing(drawing, the_chart)
        if i == 0:
            change = None
            jaccard_first = compare(first, first, chart=the_chart).jaccard
            exceeds = None
        else:
            previous = ordered[i - 1]
            change = visit_change(previous, drawing, the_chart)
            jaccard_first = (
                change.jaccard if i == 1 else visit_change(first, drawing, the_chart).jaccard
            )
            exceeds = exceeds_mdc(visits[-1].measures.extent_cm2, measures.extent_cm2)
        visits.append(Visit(i + 1, drawing, measures, change, jaccard_first, exceeds))
    return Track(tuple(visits), the_chart, by_date)
