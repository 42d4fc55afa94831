"""A drawing measured in a region scheme: the codes it touches and the widespread-pain index.

An area of a scheme counts as touched when the marks (clipped to the body) cover at least
:data:`MIN_SHARE` of its area or :data:`MIN_AREA` cm², whichever is smaller; the same rule
gives the codes of ``bodymap codes``, the regions of ``compare --scheme`` and the WPI count.
:class:`Widespread` holds the Widespread Pain Index (0-19 areas of the ``wpi`` scheme) and the
ACR 2016 generalized-pain criterion (pain in at least 4 of the 5 regions, the jaw, chest and
abdomen not counted for it).  :class:`CrossWalk` measures one scheme's areas in another's by
their overlaps, so a list of codes of a scheme whose areas do not overlap (CHOIR) is measured
without any geometry: the marked area of each target area is the sum of the overlaps.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from bodymap.analysis.measures import MIN_AREA_CM2, MIN_SHARE, counts_as_marked
from bodymap.core.geometry import AREA_EPS
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing
from bodymap.model.reader import load_drawing
from bodymap.model.scheme import Scheme, SchemeArea, load_scheme

__all__ = [
    "MIN_AREA",
    "MIN_GENERALIZED",
    "MIN_SHARE",
    "CodeShare",
    "CrossWalk",
    "Widespread",
    "codes",
    "counts_as_touched",
    "scheme_shares",
    "widespread",
    "widespread_of",
]

#: The marking threshold of :mod:`bodymap.analysis.measures` under this module's names: an area
#: counts when :data:`MIN_SHARE` of it is marked or :data:`MIN_AREA` cm², whichever is smaller.
MIN_AREA = MIN_AREA_CM2
#: Regions (of the five ACR 2016 regions) with pain for generalized pain.
MIN_GENERALIZED = 4

SchemeLike = str | os.PathLike[str] | Scheme


#: Whether marked areas count: :func:`~bodymap.analysis.measures.counts_as_marked` itself.
counts_as_touched = counts_as_marked


@dataclass(frozen=True)
class CodeShare:
    """An area of a scheme and how much of it a drawing marks."""

    area: SchemeArea
    marked_cm2: float

    @property
    def code(self) -> str:
        """The area's code."""
        return self.area.code

    @property
    def share(self) -> float:
        """Share of the area that is marked, 0 to 1."""
        total = self.area.area
        return self.marked_cm2 / total if total > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        """``code``, ``view``, ``side``, ``names``, ``area_cm2``, ``marked_cm2``, ``share``."""
        return {
            "code": self.code,
            "view": self.area.view,
            "side": self.area.side,
            "names": dict(self.area.names),
            "area_cm2": round(self.area.area, 2),
            "marked_cm2": round(self.marked_cm2, 2),
            "share": round(self.share, 4),
        }


@lru_cache(maxsize=32)
def _index(scheme: Scheme, view: str) -> tuple[shapely.STRtree, np.ndarray, np.ndarray]:
    pos = [(i, a.parts[view]) for i, a in enumerate(scheme.areas) if view in a.parts]
    geoms = np.array([g for _, g in pos], dtype=object)
    return shapely.STRtree(geoms), geoms, np.array([i for i, _ in pos], dtype=np.int64)


def marked_areas(scheme: Scheme, inside: np.ndarray, views: Sequence[str]) -> np.ndarray:
    """Marked cm² of every area of ``scheme``: ``(n drawings, n areas)``.

    ``inside`` is an object array ``(n, len(views))`` of each drawing's marked geometry per
    view, clipped to the body.
    """
    geoms_in = np.asarray(inside, dtype=object).reshape(-1, len(views))
    out = np.zeros((len(geoms_in), len(scheme.areas)))
    for v, view in enumerate(views):
        tree, geoms, index = _index(scheme, view)
        if not len(geoms):
            continue
        drawing, local = tree.query(geoms_in[:, v], predicate="intersects")
        if not len(drawing):
            continue
        a, b = geoms_in[drawing, v], geoms[local]
        whole = shapely.covers(a, b)
        area = np.where(whole, shapely.area(b), 0.0)
        rest = np.flatnonzero(~whole)
        area[rest] = shapely.area(shapely.intersection(a[rest], b[rest]))
        np.add.at(out, (drawing, index[local]), area)
    return out


def _scheme(scheme: SchemeLike, chart: Chart) -> Scheme:
    return scheme if isinstance(scheme, Scheme) else load_scheme(scheme, chart=chart)


def scheme_shares(
    drawing: Drawing | str | os.PathLike[str] | Mapping[str, object],
    scheme: SchemeLike = "choir",
    chart: Chart | None = None,
) -> tuple[CodeShare, ...]:
    """Every area of ``scheme`` the drawing marks (more than a speck), in scheme order."""
    the_drawing = load_drawing(drawing, chart)
    the_chart = chart if chart is not None else the_drawing.chart
    the_scheme = _scheme(scheme, the_chart)
    views = the_chart.views
    inside = np.empty((1, len(views)), dtype=object)
    for v, view in enumerate(views):
        inside[0, v] = the_drawing.geometry(view, the_chart)
    marked = marked_areas(the_scheme, inside, views)[0]
    return tuple(CodeShare(a, float(m)) for a, m in zip(the_scheme.areas, marked) if m > AREA_EPS)


def codes(
    drawing: Drawing | str | os.PathLike[str] | Mapping[str, object],
    scheme: SchemeLike = "choir",
    min_share: float = MIN_SHARE,
    min_area: float = MIN_AREA,
    chart: Chart | None = None,
) -> tuple[CodeShare, ...]:
    """The areas of ``scheme`` a drawing touches (see :func:`counts_as_touched`), in order.

    Parameters
    ----------
    drawing
        The drawing (a Drawing, a file or a parsed dict).
    scheme
        ``"choir"`` (default), ``"wpi"``, ``"bodymap"``, a scheme file or a Scheme.
    min_share, min_area
        The threshold: an area counts when the marks cover ``min_share`` of it or
        ``min_area`` cm², whichever is smaller (default 10 % or 5 cm²).
    chart
        The chart (default: the drawing's own).

    Returns
    -------
    tuple of CodeShare
        Each touched area with its marked cm².
    """
    shares = scheme_shares(drawing, scheme, chart)
    if not shares:
        return ()
    marked = np.array([s.marked_cm2 for s in shares])
    area = np.array([s.area.area for s in shares])
    keep = counts_as_touched(marked, area, min_share, min_area)
    return tuple(s for s, k in zip(shares, keep) if k)


@dataclass(frozen=True)
class Widespread:
    """The Widespread Pain Index of a drawing and the ACR 2016 generalized-pain criterion.

    Attributes
    ----------
    wpi
        Number of the 19 WPI areas touched (0-19).
    generalized
        Whether pain is in at least 4 of the 5 regions (jaw, chest, abdomen not counted).
    areas
        The WPI codes touched, in scheme order.
    regions
        The regions (of the five) with pain that counts for ``generalized``.
    """

    wpi: int
    generalized: bool
    areas: tuple[str, ...]
    regions: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """``wpi``, ``generalized``, ``wpi_areas``, ``wpi_regions``."""
        return {
            "wpi": self.wpi,
            "generalized": self.generalized,
            "wpi_areas": list(self.areas),
            "wpi_regions": list(self.regions),
        }


def widespread_of(touched: Iterable[str], scheme: Scheme | None = None) -> Widespread:
    """The WPI and generalized pain from the WPI codes touched."""
    the_scheme = scheme if scheme is not None else load_scheme("wpi")
    hit = set(touched)
    areas = tuple(a for a in the_scheme.areas if a.code in hit)
    regions = tuple(
        g for g in the_scheme.groups if any(a.group == g and a.generalized for a in areas)
    )
    return Widespread(
        len(areas), len(regions) >= MIN_GENERALIZED, tuple(a.code for a in areas), regions
    )


def widespread(
    drawing: Drawing | str | os.PathLike[str] | Mapping[str, object],
    min_share: float = MIN_SHARE,
    min_area: float = MIN_AREA,
    chart: Chart | None = None,
) -> Widespread:
    """The Widespread Pain Index of a drawing (same threshold as :func:`codes`).

    Parameters
    ----------
    drawing
        The drawing (a Drawing, a file or a parsed dict).
    min_share, min_area
        The threshold: a WPI area counts when the marks cover ``min_share`` of it or
        ``min_area`` cm², whichever is smaller (default 10 % or 5 cm²).
    chart
        The chart (default: the drawing's own).

    Returns
    -------
    Widespread
        The number of WPI areas touched (0-19) and whether the pain is generalized.
    """
    wpi = load_scheme("wpi")
    return widespread_of((s.code for s in codes(drawing, wpi, min_share, min_area, chart)), wpi)


class CrossWalk:
    """The areas of a ``source`` scheme measured in a ``target`` scheme by their overlaps.

    ``overlap[i, j]`` is the area (cm²) that source area ``i`` shares with target area ``j``.
    When the source areas do not overlap each other, a set of source codes marks of each
    target area exactly the sum of their overlaps: :meth:`marked` needs no geometry.
    """

    def __init__(self, source: Scheme, target: Scheme) -> None:
        self.source = source
        self.target = target
        views = source.chart.views
        inside = np.empty((len(source.areas), len(views)), dtype=object)
        empty = shapely.Polygon()
        for i, area in enumerate(source.areas):
            for v, view in enumerate(views):
                inside[i, v] = area.parts.get(view, empty)
        self.overlap = marked_areas(target, inside, views)
        if source is target:  # exact: an area is all of itself and nothing of the others
            self.overlap = np.diag([a.area for a in source.areas])
        self.position = {a.code: i for i, a in enumerate(source.areas)}
        self.target_area = np.array([a.area for a in target.areas])

    def marked(self, indicator: np.ndarray) -> np.ndarray:
        """Marked cm² of each target area for rows of source codes (0/1 ``(n, n_source)``)."""
        return indicator @ self.overlap  # type: ignore[no-any-return]
