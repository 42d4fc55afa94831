"""What a drawing is measured against: the reference geometry of a pattern side or drawing.

:func:`pattern_reference` is the one function that builds a pattern's reference geometry
(zones clipped to the body outline, unions per view, areas); :func:`bodymap.compare`,
:func:`bodymap.rank` and the cohort engine all measure against it, so they agree for every
pattern, built in or from a user's file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely

from bodymap.core.errors import DataError
from bodymap.core.geometry import AREA_EPS, EMPTY, Polygonal, polygonal
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern, Zone

__all__ = ["Reference", "drawing_reference", "pattern_reference"]


@dataclass(frozen=True, eq=False)
class Reference:
    """The geometry a drawing is compared with, per view, ready for vectorised calls."""

    name: str
    side: str | None
    names: Mapping[str, str]  # display names by language
    total: tuple[Polygonal, ...]  # per chart view
    essential: tuple[Polygonal, ...] | None
    zones: tuple[Zone, ...]
    zone_geoms: np.ndarray  # the zones clipped to the body outline
    zone_view: np.ndarray  # index into chart views of each zone
    zone_area: np.ndarray
    total_area: np.ndarray  # per view
    essential_area: np.ndarray | None
    zone_essential: np.ndarray  # bool per zone
    disjoint: bool = False  # zones do not overlap: totals are sums over zones
    pattern: Pattern | None = None  # the pattern, for a pattern reference


def _union(geoms: list[Any]) -> Polygonal:
    """The union of ``geoms`` (empty for none), prepared for fast predicates."""
    if not geoms:
        return EMPTY
    union = polygonal(shapely.union_all(geoms))
    shapely.prepare(union)
    return union


#: Room for every side of the built-in library (about 270) and of users' pattern files.
@lru_cache(maxsize=2048)
def pattern_reference(pattern: Pattern, side: str, chart: Chart) -> Reference:
    """The reference geometry of one pattern side on ``chart`` (computed once, cached).

    The one place that turns a pattern into what drawings are measured against: every zone
    clipped to the body outline of its view (built-in zones already lie inside; a user's
    pattern file may reach outside, and marks outside the body never count), the unions
    of all zones and of the essential zones per view, and their areas.  Used by
    :func:`bodymap.compare`, :func:`bodymap.rank` and the cohort engine alike.

    Raises
    ------
    DataError
        If a zone lies on a view the chart does not have.
    """
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
    return Reference(
        name=pattern.name,
        side="both" if pattern.bilateral else side,
        names=pattern.names,
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
        pattern=pattern,
    )


def drawing_reference(drawing: Drawing, chart: Chart) -> Reference:
    """A second drawing as the reference (first visit vs follow-up), clipped to the body."""
    return Reference(
        name=drawing.label,
        side=None,
        names={},
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
