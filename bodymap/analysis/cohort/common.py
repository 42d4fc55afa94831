"""What both cohort engines share: the configuration, the columns, the drawings' marks and regions.

A cohort run is configured once (:class:`_Config`, picklable for the workers) and prepared once
per process (:class:`Prepared`: the chart, its grid and regions, the pattern references, the
schemes and the table's columns).  An engine (:class:`Engine`) measures a chunk of checked
drawings and returns a :class:`Measured`; every classification it reports (regions or scheme
codes touched, WPI areas) is either certain or, for the drawings it marks as ``unsure``,
settled by the one-drawing library itself (:func:`library_classes`: :func:`bodymap.codes`,
:meth:`~bodymap.model.drawing.Drawing.marked_regions`), so the cohort table gives the same
answer as the library for every drawing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

import numpy as np
import shapely

from bodymap.analysis.cohort.codes import (
    CRITERIA_COLUMNS,
    SSS_COLUMNS,
    WPI_COLUMNS,
    SchemeCounts,
)
from bodymap.analysis.cohort.grid import Grid
from bodymap.analysis.cohort.raster import RankIndex
from bodymap.analysis.cohort.tables import Column
from bodymap.analysis.criteria import acr1990_widespread, manchester_widespread, region_roles
from bodymap.analysis.drawing_measures import cohort_columns
from bodymap.analysis.measures import counts_as_marked
from bodymap.analysis.redflags import meta_sex
from bodymap.analysis.reference import Reference, pattern_reference
from bodymap.analysis.schemes import codes
from bodymap.core.choices import MEASURES
from bodymap.core.errors import BodymapError, DrawingError
from bodymap.core.geometry import AREA_EPS, Polygonal, polygonal
from bodymap.model.chart import Chart, load_chart, named_chart
from bodymap.model.drawing import Drawing, Mark
from bodymap.model.pattern import Pattern, load_pattern, pattern_names
from bodymap.model.reader import read_one
from bodymap.model.scheme import Scheme

__all__ = [
    "BASE_COLUMNS",
    "GROUP_COLUMN",
    "RANK_COLUMNS",
    "Engine",
    "Measured",
    "Prepared",
    "criteria_candidates",
    "decide",
    "library_classes",
    "measure_columns",
    "rank_references",
]

#: The columns every row has, in order (``group`` follows when drawings are grouped).
BASE_COLUMNS: tuple[Column, ...] = (
    Column("source"),
    Column("subject"),
    Column("recorded"),
    Column("extent_cm2", "float"),
    Column("extent_pct", "float"),
    Column("outside_cm2", "float"),
    Column("n_marks", "int"),
    Column("regions"),
)
#: The column of a drawing's group (with ``by``).
GROUP_COLUMN = Column("group")
#: The columns ``--rank`` adds to every row (after the WPI columns).
RANK_COLUMNS: tuple[Column, ...] = (
    Column("best_pattern"),
    Column("best_side"),
    Column("best_kind"),
    Column("best_score", "float"),
    Column("second_pattern"),
    Column("second_side"),
    Column("second_score", "float"),
    Column("red_flag", "bool"),
)
_SIDE_ORDER = {"left": 0, "right": 1, "both": 2}
#: Float noise allowed between two exact ways of measuring one marked area (cm²): a marked
#: area this close to a threshold is settled by the library's own measurement.
ROUNDING_CM2 = 1e-6


def _column_name(pattern: str) -> str:
    return pattern.replace("-", "_").replace(" ", "_")


def measure_columns(patterns: Sequence[Pattern], sides: Sequence[str]) -> tuple[Column, ...]:
    """The measure columns for ``patterns`` and ``sides``: ``<pattern>_<side>_<measure>``.

    A bilateral pattern has only the side ``both``.
    """
    out: list[Column] = []
    for pattern, side in _pattern_sides(patterns, sides):
        out += [Column(f"{_column_name(pattern.name)}_{side}_{m}", "float") for m in MEASURES]
    return tuple(out)


def _pattern_sides(patterns: Sequence[Pattern], sides: Sequence[str]) -> list[tuple[Pattern, str]]:
    out: list[tuple[Pattern, str]] = []
    for pattern in patterns:
        for side in ("both",) if pattern.bilateral else sides:
            if (pattern, side) not in out:
                out.append((pattern, side))
    return out


@dataclass(frozen=True)
class _Config:
    """What a worker needs to analyse chunks (picklable)."""

    chart: str
    patterns: tuple[str, ...]
    sides: tuple[str, ...]
    cell: float
    by: str | None
    groups: Mapping[str, str] | None
    key: str
    scheme: str | None = None
    rank: bool = False
    kinds: tuple[str, ...] = ()
    by_score: str = "dice"
    engine: str = "raster"
    #: Symptom severity score by ``key`` value (the groups table's ``sss`` column), or
    #: ``None``: no ``sss`` and ``fibromyalgia_2016`` columns.
    sss: Mapping[str, int] | None = None


def rank_references(chart: Chart, kinds: Sequence[str] = ()) -> list[Reference]:
    """Every built-in pattern side on ``chart`` (of ``kinds``, if given), in rank tie order.

    The order is :func:`bodymap.rank`'s tie-break: pattern name, then side (left, right,
    both).
    """
    out: list[Reference] = []
    for name in pattern_names():
        pattern = load_pattern(name)
        if pattern.chart != chart.name or (kinds and pattern.kind not in kinds):
            continue
        out += [pattern_reference(pattern, side, chart) for side in pattern.sides]
    out.sort(key=lambda r: (r.name, _SIDE_ORDER.get(r.side or "", 3)))
    return out


class Prepared:
    """Everything both engines load and prepare once per process from a :class:`_Config`."""

    def __init__(self, config: _Config) -> None:
        self.config = config
        self.chart = chart = load_chart(config.chart)
        self.views = chart.views
        self.grid = grid = Grid.for_chart(chart, config.cell)
        self.body_area = chart.area()
        self.outlines = [chart.outline(v) for v in self.views]
        self.regions = chart.regions
        region_pos = {id(r): i for i, r in enumerate(chart.regions)}
        self.schemes = SchemeCounts(chart, config.scheme)
        #: The ids the ``regions`` column and the region counts are by (scheme codes or
        #: chart regions).
        self.region_ids = list(self.schemes.codes) or [r.id for r in chart.regions]
        self.trees: list[tuple[shapely.STRtree, np.ndarray, np.ndarray]] = []
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []
        xs = grid.x0 + (np.arange(grid.nx) + 0.5) * grid.cell
        ys = grid.y0 + (np.arange(grid.ny) + 0.5) * grid.cell
        for v in self.views:
            in_view = chart.regions_in(v)
            geoms = np.array([r.geometry for r in in_view], dtype=object)
            index = np.array([region_pos[id(r)] for r in in_view], dtype=np.int64)
            self.trees.append((shapely.STRtree(geoms), geoms, index))
            # The region holding each cell centre, as runs along the flattened grid.
            labels = np.full(grid.ny * grid.nx, -1, dtype=np.int64)
            for geom, i in zip(geoms, index):
                x0, y0, x1, y1 = geom.bounds
                cols = np.flatnonzero((xs >= x0) & (xs <= x1))
                rows = np.flatnonzero((ys >= y0) & (ys <= y1))
                cx, cy = np.meshgrid(xs[cols], ys[rows])
                inside = shapely.contains_xy(geom, cx, cy)
                rr, cc = np.nonzero(inside)
                labels[rows[rr] * grid.nx + cols[cc]] = i
            starts = np.flatnonzero(np.diff(labels, prepend=-2))
            self.runs.append((starts, labels[starts]))
        #: The chart regions each whole-region mark touches, by region id.
        self.region_touches: dict[str, np.ndarray] = {}
        #: The areas of the cohort's schemes clipped to the body, by scheme.
        self.body_parts: dict[int, list[list[tuple[int, Polygonal]]]] = {}
        patterns = [load_pattern(p) for p in config.patterns]
        self.refs: list[tuple[str, list[Polygonal], float]] = []
        for pattern, side in _pattern_sides(patterns, config.sides):
            ref = pattern_reference(pattern, side, chart)
            self.refs.append(
                (
                    f"{_column_name(pattern.name)}_{side}",
                    list(ref.total),
                    float(ref.total_area.sum()),
                )
            )
        self.columns = (
            BASE_COLUMNS
            + ((GROUP_COLUMN,) if config.by else ())
            + measure_columns(patterns, config.sides)
            + tuple(Column(n, t) for n, t in cohort_columns(chart.views))  # bodymap measure
            + WPI_COLUMNS
            + CRITERIA_COLUMNS
            + (SSS_COLUMNS if config.sss is not None else ())
        )
        #: The chart's regions as a scheme: what the widespread-pain criteria read.
        self.criteria_regions = self.schemes.regions
        self.charts_ok: dict[tuple[str, str], bool] = {}
        self.ranking: RankIndex | None = None
        if config.rank:
            refs = rank_references(chart, config.kinds)
            self.ranking = RankIndex(refs, self.grid)
            self.columns += RANK_COLUMNS
            self.rank_names = [r.name for r in refs]
            self.rank_sides = [r.side or "both" for r in refs]
            self.rank_kinds = [r.pattern.kind if r.pattern is not None else "" for r in refs]
            self.rank_flag = np.array(
                [r.pattern is not None and bool(r.pattern.red_flag) for r in refs], dtype=bool
            )

    def body_parts_of(self, scheme: Scheme) -> list[list[tuple[int, Polygonal]]]:
        """Each area of ``scheme`` as ``(view index, part clipped to the body)`` pairs (kept)."""
        parts = self.body_parts.get(id(scheme))
        if parts is None:
            parts = [
                [
                    (v, polygonal_in(a.parts[view], self.outlines[v]))
                    for v, view in enumerate(self.views)
                    if view in a.parts
                ]
                for a in scheme.areas
            ]
            self.body_parts[id(scheme)] = parts
        return parts

    def region_touches_of(self, region: str) -> np.ndarray:
        """The chart regions (indices) a whole-region mark of ``region`` touches (kept)."""
        found = self.region_touches.get(region)
        if found is None:
            shape = self.chart.region_geometry(region)
            view = self.chart.resolve_region(region)[0].view
            tree, geoms, index = self.trees[self.views.index(view)]
            local = tree.query(shape)
            local = local[shapely.area(shapely.intersection(geoms[local], shape)) > AREA_EPS]
            found = self.region_touches[region] = np.sort(index[local])
        return found

    def grid_pairs(
        self, v: int, geom: np.ndarray, row: np.ndarray, c0: np.ndarray, c1: np.ndarray
    ) -> np.ndarray:
        """The (drawing, chart region) pairs the grid settles as touched on view ``v``, sorted.

        Each pair is coded ``drawing * n_regions + region``: a region whose cells (by centre)
        the drawing's spans (``geom`` is ``drawing * n_views + view``) cover.
        """
        n_views = len(self.views)
        n_regions = len(self.region_ids)
        mine = geom % n_views == v
        starts, run_label = self.runs[v]
        first = row[mine] * self.grid.nx + c0[mine]
        last = row[mine] * self.grid.nx + c1[mine] - 1
        r0 = np.searchsorted(starts, first, side="right") - 1
        r1 = np.searchsorted(starts, last, side="right") - 1
        k = r1 - r0 + 1
        run = np.repeat(r0, k) + (np.arange(k.sum()) - np.repeat(np.cumsum(k) - k, k))
        who = np.repeat(geom[mine] // n_views, k)
        lab = run_label[run]
        ok = lab >= 0
        return np.unique(who[ok] * n_regions + lab[ok])


def polygonal_in(geometry: Polygonal, outline: Polygonal) -> Polygonal:
    """``geometry`` clipped to ``outline`` (polygonal)."""
    return polygonal(shapely.intersection(geometry, outline))


def _check_chart(state: Prepared, meta: Mapping[str, Any], source: str) -> None:
    """The drawing must be on the cohort's chart (the grids are of that chart).

    When the cohort is ranked, its ``sex`` (for the red flags) must be one bodymap reads.
    """
    if state.ranking is not None:
        meta_sex(meta, source)
    name = str(meta.get("chart", "adult"))
    key = (name, state.config.chart)
    ok = state.charts_ok.get(key)
    if ok is None:
        try:
            # A built-in chart or the cohort's own: a chart file a drawing names is not read.
            ok = named_chart(name, state.chart) is state.chart
        except BodymapError as exc:
            raise DrawingError(source, str(exc)) from None
        state.charts_ok[key] = ok
    if not ok:
        raise DrawingError(
            source,
            f"is drawn on chart {meta.get('chart')!r}, but the cohort is analysed on chart "
            f"{state.config.chart!r}",
        )


def _marks(state: Prepared, doc: Any, source: str) -> tuple[Mapping[str, Any], list[Mark]]:
    """One parsed drawing checked as the chunks check it (:func:`read_one`); raises its error.

    The checks are the drawing reader's own plus the cohort's chart; only the building of the
    :class:`~bodymap.model.drawing.Drawing` object, which would resolve the chart again for
    every drawing, is left out.
    """
    outcome = read_one(source, doc, state.chart, partial(_check_chart, state))
    if isinstance(outcome, DrawingError):
        raise outcome
    return outcome[0], list(outcome[1])


_MeasureColumns = list[tuple[str, list[list[float | None]]]]


@dataclass
class Measured:
    """What an engine measures of a chunk of ``n`` drawings.

    Attributes
    ----------
    extent, outside
        Marked cm² inside and outside the body, per drawing.
    geom, row, c0, c1
        The runs of grid cells (by centre) each drawing covers: ``geom`` is
        ``drawing * n_views + view`` (:func:`~bodymap.analysis.cohort.grid.spans`).
    measures
        ``(column prefix, [values of each measure])`` per pattern side, in
        :data:`~bodymap.core.choices.MEASURES` order.
    touched
        ``bool (n, n_regions)``: the regions (or scheme areas) each drawing touches.
    wpi_touched
        ``bool (n, n_wpi_areas)``: the WPI areas each drawing touches.
    unsure
        ``bool (n)``: drawings whose classification the engine could not settle; their
        ``touched`` and ``wpi_touched`` rows are taken from the library
        (:func:`library_classes`).
    cell_mask
        Cells of the frequency grids to keep ``(n_views, ny, nx)``, or ``None`` for all.
    """

    extent: np.ndarray
    outside: np.ndarray
    geom: np.ndarray
    row: np.ndarray
    c0: np.ndarray
    c1: np.ndarray
    measures: _MeasureColumns
    touched: np.ndarray
    wpi_touched: np.ndarray
    unsure: np.ndarray
    cell_mask: np.ndarray | None = None
    #: ``bool (n, n_chart_regions)``: the chart regions each drawing touches with the
    #: threshold of :func:`bodymap.codes` (10 % or 5 cm²), for the widespread-pain criteria;
    #: rows of ``unsure`` drawings are the library's too.  An engine may leave empty the row
    #: of a drawing that cannot meet a criterion (the criteria's answer is the same).
    region_touched: np.ndarray | None = None


class Engine(Protocol):
    """A cohort engine: measures chunks of checked drawings (their marks)."""

    def measure(self, drawings: Sequence[list[Mark]]) -> Measured:
        """Everything the table, maps and counts need of ``drawings``."""
        ...

    def cells(
        self, drawings: Sequence[list[Mark]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each drawing's extent and its runs of cells ``(extent, geom, row, c0, c1)``."""
        ...


def decide(lower: np.ndarray, upper: np.ndarray, area: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which areas count as marked, from bounds of their marked cm², and which are unsure.

    ``lower`` and ``upper`` bound the marked cm² of each area of ``area`` cm² (broadcast);
    the rule (:func:`~bodymap.analysis.measures.counts_as_marked`) grows with the marked
    area, so an area counts for sure when its lower bound counts and surely not when its
    upper bound does not.

    Returns
    -------
    tuple of numpy.ndarray
        ``(counts, unsure)``, both ``bool``: ``counts`` is the answer where it is sure.
    """
    yes = counts_as_marked(lower, area)
    no = ~counts_as_marked(upper, area)
    unsure: np.ndarray = ~yes & ~no
    return yes, unsure


def criteria_candidates(state: Prepared, bound: np.ndarray) -> np.ndarray:
    """The drawings (indices) that may meet a widespread-pain criterion.

    ``bound`` is ``bool (n, n_chart_regions)``, a superset of the chart regions each drawing
    touches at the threshold (the regions it meets at all, or whose bounding box it meets).
    The rules grow with the regions touched, so a drawing whose ``bound`` fails both fails
    them with its true regions: its ``region_touched`` row need not be measured (see
    :class:`Measured`).
    """
    roles = region_roles(state.chart)
    return np.flatnonzero(acr1990_widespread(bound, roles) | manchester_widespread(bound, roles))


def library_drawing(state: Prepared, marks: Sequence[Mark]) -> Drawing:
    """The :class:`~bodymap.model.drawing.Drawing` of checked ``marks`` on the cohort's chart."""
    return Drawing(marks=tuple(marks), meta={"chart": state.chart.name}, given_chart=state.chart)


def library_classes(
    state: Prepared, marks: Sequence[Mark]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The library's answer for one drawing: regions (or scheme areas) and WPI areas touched.

    The regions are those of :meth:`~bodymap.model.drawing.Drawing.marked_regions` (as in
    :func:`bodymap.compare`), the scheme areas, WPI areas and the chart regions of the
    widespread-pain criteria those of :func:`bodymap.codes`.

    Returns
    -------
    tuple of numpy.ndarray
        ``bool`` rows: ``(n_regions,)`` in :attr:`Prepared.region_ids` order,
        ``(n_wpi_areas,)`` in WPI scheme order and ``(n_chart_regions,)`` in chart order.
    """
    drawing = library_drawing(state, marks)
    chart = state.chart
    scheme = state.schemes.scheme
    if scheme is None:
        hit = {r.id for r, _ in drawing.marked_regions(chart)}
    else:
        hit = {s.code for s in codes(drawing, scheme, chart=chart)}
    touched = np.array([i in hit for i in state.region_ids], dtype=bool)
    wpi = state.schemes.wpi
    hit_wpi = {s.code for s in codes(drawing, wpi, chart=chart)}
    regions = state.criteria_regions
    hit_regions = {s.code for s in codes(drawing, regions, chart=chart)}
    return (
        touched,
        np.array([a.code in hit_wpi for a in wpi.areas], dtype=bool),
        np.array([a.code in hit_regions for a in regions.areas], dtype=bool),
    )
