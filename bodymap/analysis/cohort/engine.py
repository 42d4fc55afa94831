"""The cohort engine: one chunk of drawings read, checked and measured in vectorised calls.

A chunk is analysed on its own (in this process or a pool worker) and gives rows, frequency
grids and region counts that add up over chunks.  Two engines (``_Config.engine``): the
``raster`` one (default) scanline-fills every mark once on the grid, ORs a drawing's marks
as runs of cells and gets every overlap from the references' exact cell weights
(:mod:`~bodymap.analysis.cohort.raster`); the ``exact`` one makes every geometric step one
shapely call over the whole chunk (buffering the strokes, the union of each drawing's marks
per view, clipping to the outline, the intersection with every pattern side's reference
geometry, the regions touched through an STRtree).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

from bodymap.analysis.cohort.codes import WPI_COLUMNS, SchemeCounts
from bodymap.analysis.cohort.grid import Grid, accumulate, rasterize, spans
from bodymap.analysis.cohort.inputs import Task, documents
from bodymap.analysis.cohort.raster import (
    RankIndex,
    WeightIndex,
    cell_weights,
)
from bodymap.analysis.cohort.result import GroupCounts, Problem
from bodymap.analysis.cohort.tables import Column
from bodymap.analysis.measures import SHARE_DIGITS, overlap_columns
from bodymap.analysis.reference import Reference, pattern_reference
from bodymap.analysis.schemes import MIN_AREA, MIN_SHARE
from bodymap.core.choices import MEASURES
from bodymap.core.errors import BodymapError, DrawingError
from bodymap.core.geometry import AREA_EPS, Polygonal, polygonal
from bodymap.model.chart import Chart, load_chart, named_chart
from bodymap.model.drawing import Mark, _mark_shapes, geometry_problems
from bodymap.model.pattern import Pattern, load_pattern, pattern_names
from bodymap.model.reader import read_many, read_one
from bodymap.model.scheme import Scheme

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
#: How many of a drawing's best pattern sides are searched for an organ (``red_flag``).
RED_FLAG_TOP = 3
_SIDE_ORDER = {"left": 0, "right": 1, "both": 2}

# --- configuration, shared by the main process and the workers ------------------------------


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


class _State:
    """Everything loaded and prepared once per process from a :class:`_Config`."""

    def __init__(self, config: _Config) -> None:
        self.config = config
        self.chart = load_chart(config.chart)
        chart = self.chart
        self.views = chart.views
        self.grid = Grid.for_chart(chart, config.cell)
        self.body_area = chart.area()
        self.outlines = [chart.outline(v) for v in self.views]
        self.regions = chart.regions
        region_pos = {id(r): i for i, r in enumerate(chart.regions)}
        self.schemes = SchemeCounts(chart, config.scheme)
        self.region_ids = list(self.schemes.codes) or [r.id for r in chart.regions]
        self.trees: list[tuple[shapely.STRtree, np.ndarray, np.ndarray]] = []
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []
        grid = self.grid
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
        self.tiles: dict[tuple[int, int, int, int, int], Polygonal] = {}
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
            + WPI_COLUMNS
        )
        self.charts_ok: dict[tuple[str, str], bool] = {}
        self.raster = config.engine == "raster"
        self.ref_index: WeightIndex | None = None
        self.scheme_index: WeightIndex | None = None
        self.wpi_index: WeightIndex | None = None
        #: Runs of the cells of each whole-region mark, by grid cell size and region.
        self.region_runs: dict[float, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
        #: The chart regions each whole-region mark touches, by region id.
        self.region_touches: dict[str, np.ndarray] = {}
        #: Whether a whole-region mark covers another, by the two regions' ids.
        self.region_covers: dict[tuple[str, str], bool] = {}
        #: The areas of the cohort's schemes clipped to the body, by scheme.
        self.body_parts: dict[int, list[list[tuple[int, Polygonal]]]] = {}
        if self.raster:
            # Clipped to the body, as the drawings are (a user pattern may reach outside it).
            self.ref_index = WeightIndex(
                [
                    [polygonal(shapely.intersection(g, o)) for g, o in zip(per_view, self.outlines)]
                    for _, per_view, _ in self.refs
                ],
                self.grid,
            )
            self.scheme_index, self.wpi_index = self.schemes.weights(self.grid)
            # The body outline's exact area in each cell (as row prefix sums) and, as a 2-D
            # prefix sum, the cells it holds whole: a mark whose bounding box lies in those
            # cells lies inside the body.
            grid_size = (len(self.views), grid.ny, grid.nx)
            weight = np.zeros(grid_size)
            for k, outline in enumerate(self.outlines):
                wr, wc, w = cell_weights(outline, grid)
                weight[k, wr : wr + w.shape[0], wc : wc + w.shape[1]] = w
            self.outline_cum = np.zeros((grid_size[0], grid_size[1], grid_size[2] + 1))
            np.cumsum(weight, axis=2, out=self.outline_cum[:, :, 1:])
            whole = weight >= grid.cell * grid.cell * (1.0 - 1e-9)
            self.whole_cum = np.zeros((grid_size[0], grid.ny + 1, grid.nx + 1), dtype=np.int64)
            self.whole_cum[:, 1:, 1:] = whole.cumsum(axis=1).cumsum(axis=2)
            # The cells outside the outline (by centre) on a finer grid, for the area a mark
            # near the outline draws beyond it.
            self.fine_grid = Grid.for_chart(chart, config.cell / EXTENT_SUBCELLS)
            fine = self.fine_grid
            size = (len(self.views), fine.ny, fine.nx)
            fine_body = (
                rasterize(
                    np.array(self.outlines, dtype=object),
                    fine,
                    np.arange(len(self.views)),
                    len(self.views),
                )
                > 0
            )
            self.outside_cum = np.zeros((size[0], size[1], size[2] + 1), dtype=np.int32)
            np.cumsum(~fine_body, axis=2, out=self.outside_cum[:, :, 1:])
            self.outline_cells = (
                rasterize(
                    np.array(self.outlines, dtype=object),
                    self.grid,
                    np.arange(len(self.views)),
                    len(self.views),
                )
                > 0
            )
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

    def near_outline(self, view: int, bounds: np.ndarray) -> np.ndarray:
        """For each bounding box, the outline of ``view`` clipped to the tiles it overlaps.

        Intersecting a small drawing with the whole outline (thousands of vertices) costs
        more than clipping it with the nearby piece; the pieces are cut along a grid of
        :data:`_TILE` cm and cached.
        """
        keys = np.column_stack(
            (np.floor(bounds[:, :2] / _TILE), np.ceil(bounds[:, 2:] / _TILE))
        ).astype(np.int64)
        out = np.empty(len(keys), dtype=object)
        tiles = self.tiles
        if len(tiles) > _TILE_CACHE:
            tiles.clear()
        outline = self.outlines[view]
        for i, (a, b, c, d) in enumerate(keys.tolist()):
            key = (view, a, b, c, d)
            piece = tiles.get(key)
            if piece is None:
                piece = polygonal(
                    shapely.clip_by_rect(outline, a * _TILE, b * _TILE, c * _TILE, d * _TILE)
                )
                shapely.prepare(piece)
                tiles[key] = piece
            out[i] = piece
        return out


_TILE = 5.0
#: The raster engine measures what marks near the outline draw beyond it on cells this many
#: times smaller than the grid's.
EXTENT_SUBCELLS = 2
#: Marks of one drawing and view compared in pairs before their union (see _geometries).
_PAIRED_MARKS = 64
_TILE_CACHE = 2048  # pieces kept per process (a few tens of MB)
_WORKER: _State | None = None


def _init_worker(config: _Config) -> None:
    global _WORKER
    _WORKER = _State(config)


def _check_chart(state: _State, meta: Mapping[str, Any], source: str) -> None:
    """The drawing must be on the cohort's chart (the grids are of that chart)."""
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


def _marks(state: _State, doc: Any, source: str) -> tuple[Mapping[str, Any], list[Mark]]:
    """One parsed drawing checked as the chunks check it (:func:`read_one`); raises its error.

    The checks are the drawing reader's own plus the cohort's chart; only the building of the
    :class:`~bodymap.model.drawing.Drawing` object, which would resolve the chart again for
    every drawing, is left out.
    """
    outcome = read_one(source, doc, state.chart, partial(_check_chart, state))
    if isinstance(outcome, DrawingError):
        raise outcome
    return outcome[0], list(outcome[1])


@dataclass
class _ChunkResult:
    index: int
    size: int
    rows: list[dict[str, Any]]
    problems: list[Problem]
    counts: dict[str | None, GroupCounts]


def _geometries(state: _State, drawings: Sequence[list[Mark]]) -> tuple[np.ndarray, np.ndarray]:
    """Inside-the-body marked geometry and outside area per drawing and view.

    Returns two arrays of shape ``(n_drawings, n_views)``: the union of each drawing's marks on
    each view clipped to the outline (object array, empty polygons where nothing is marked),
    and the area marked outside the outline.
    """
    n_views = len(state.views)
    view_pos = {v: i for i, v in enumerate(state.views)}
    all_marks = [m for marks in drawings for m in marks]
    n = len(drawings)
    inside = np.full(n * n_views, Polygon(), dtype=object)
    outside = np.zeros(n * n_views)
    if not all_marks:
        return inside.reshape(n, n_views), outside.reshape(n, n_views)
    shapes = _mark_shapes(all_marks, state.chart)
    owner = np.repeat(np.arange(n), [len(m) for m in drawings]) * n_views + np.array(
        [view_pos[m.view] for m in all_marks]
    )
    # Clip every mark that leaves the body on its own, against the piece of outline under
    # it, before the union: whole-region marks lie inside by construction and are never cut,
    # and a small mark meets only a small piece of outline.  union(clip(m)) == clip(union(m)).
    drawn = np.array([m.geometry is not None for m in all_marks], dtype=bool)
    view_of_mark = owner % n_views
    for v, outline in enumerate(state.outlines):
        sel = np.flatnonzero(drawn & (view_of_mark == v))
        if not len(sel):
            continue
        cross = sel[~(shapely.covers(outline, shapes[sel]) | shapely.is_empty(shapes[sel]))]
        if not len(cross):
            continue
        geoms = shapes[cross]
        pieces = state.near_outline(v, shapely.bounds(geoms))
        cut = shapely.intersection(geoms, pieces)
        odd = ~np.isin(shapely.get_type_id(cut), (3, 6))
        if odd.any():
            cut[odd] = [polygonal(g) for g in cut[odd]]
        shapes[cross] = cut
        # The area drawn outside: what clipping took off a mark; where one drawing-view has
        # several such marks, the union of the parts outside (they may overlap).
        keys_out, first_out, count_out = np.unique(
            owner[cross], return_index=True, return_counts=True
        )
        lost_area = shapely.area(geoms[first_out]) - shapely.area(cut[first_out])
        several = np.flatnonzero(count_out > 1)
        if len(several):  # one row of outside parts per drawing-view, unioned in one call
            where = np.searchsorted(keys_out, owner[cross])
            keep = np.flatnonzero(np.isin(where, several))
            lost = shapely.difference(geoms[keep], pieces[keep])
            table = np.full((len(several), int(count_out.max())), None, dtype=object)
            slot = keep - first_out[where[keep]]
            table[np.searchsorted(several, where[keep]), slot] = lost
            lost_area[several] = shapely.area(shapely.union_all(table, axis=1))
        outside[keys_out] = np.where(lost_area < AREA_EPS, 0.0, lost_area)
    order = np.argsort(owner, kind="stable")
    keys, first, count = np.unique(owner[order], return_index=True, return_counts=True)
    union = np.empty(len(keys), dtype=object)
    single = count == 1
    union[single] = shapes[order[first[single]]]
    if not single.all():
        # Marks of one drawing and view that meet nobody else's need no overlay: they are
        # gathered into a MultiPolygon as they are.
        sorted_shapes = shapes[order]
        sorted_owner = owner[order]
        pair_a: list[int] = []
        pair_b: list[int] = []
        # A drawing with many marks on a view is unioned as it is: comparing its marks in
        # pairs would cost more than the union (and grows with the square of their number).
        crowded = count > _PAIRED_MARKS
        for k in np.flatnonzero(~single & ~crowded).tolist():
            lo, hi = int(first[k]), int(first[k] + count[k])
            for i in range(lo, hi - 1):
                pair_a += [i] * (hi - i - 1)
                pair_b += range(i + 1, hi)
        a, b = np.array(pair_a, dtype=np.int64), np.array(pair_b, dtype=np.int64)
        box = shapely.bounds(sorted_shapes)
        near = (
            (box[a, 0] <= box[b, 2])
            & (box[b, 0] <= box[a, 2])
            & (box[a, 1] <= box[b, 3])
            & (box[b, 1] <= box[a, 3])
        )
        a, b = a[near], b[near]
        meet = shapely.intersects(sorted_shapes[a], sorted_shapes[b])
        overlapping = np.isin(keys, sorted_owner[a[meet]]) | crowded
        # A mark inside a whole-region mark of the same drawing and view adds nothing to the
        # union: leave it out (chart regions are prepared geometries, so the test is cheap).
        covered = np.zeros(len(sorted_shapes), dtype=bool)
        region_sorted = ~drawn[order]
        ma, mb = a[meet], b[meet]
        by_first = region_sorted[ma]
        if by_first.any():
            hit = np.zeros(len(ma), dtype=bool)
            hit[by_first] = shapely.covers(sorted_shapes[ma[by_first]], sorted_shapes[mb[by_first]])
            covered[mb[hit]] = True
            by_second = region_sorted[mb] & ~hit
        else:
            by_second = region_sorted[mb]
        if by_second.any():
            hit2 = shapely.covers(sorted_shapes[mb[by_second]], sorted_shapes[ma[by_second]])
            covered[ma[by_second][hit2]] = True
        apart = np.flatnonzero(~single & ~overlapping)
        if len(apart):
            member = np.isin(sorted_owner, keys[apart])
            parts, part_of = shapely.get_parts(sorted_shapes[member], return_index=True)
            group = np.searchsorted(keys[apart], sorted_owner[member][part_of])
            built = np.full(len(apart), None, dtype=object)
            shapely.multipolygons(parts, indices=group, out=built)
            built[shapely.is_missing(built)] = Polygon()
            union[apart] = built
        single |= ~overlapping
        multi = np.flatnonzero(~single)
        table = np.full((len(multi), int(count[multi].max(initial=1))), None, dtype=object)
        rows: list[int] = []
        for k in multi.tolist():
            kept = np.arange(first[k], first[k] + count[k])
            kept = kept[~covered[kept]]
            if len(kept) == 1:
                union[k] = sorted_shapes[kept[0]]
            else:
                table[len(rows), : len(kept)] = sorted_shapes[kept]
                rows.append(k)
        if rows:
            union[rows] = shapely.union_all(table[: len(rows)], axis=1)
    odd = ~np.isin(shapely.get_type_id(union), (3, 6))
    if odd.any():
        union[odd] = [polygonal(g) for g in union[odd]]
    inside[keys] = union
    return inside.reshape(n, n_views), outside.reshape(n, n_views)


def _group_of(state: _State, meta: Mapping[str, Any]) -> str | None:
    """The drawing's group, or ``None`` if it has none.

    From the groups table (looked up by the drawing's ``key`` member, ``subject`` by default),
    else from the drawing's own ``bodymap`` member named ``by``.
    """
    config = state.config
    if config.by is None:
        return None
    if config.groups is not None:
        value = meta.get(config.key)
        return None if value is None else config.groups.get(str(value))
    value = meta.get(config.by)
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a chunk is analysed.

    A chunk keeps hundreds of parsed drawings alive, and every automatic collection walks all
    of their objects again: with the collector running, reading takes four times as long.
    Nothing a chunk builds forms reference cycles (reference counting frees it all), and
    the collector runs again as soon as the chunk is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analyse(state: _State, task: Task) -> _ChunkResult:
    """Read, check and measure one chunk of drawings."""
    with _collector_paused():
        return _analyse_chunk(state, task)


#: What a geometric step may raise on a drawing that passed every check (a GEOS failure, a
#: numerical one): the chunk is then measured drawing by drawing, to find the culprit.
_GEOMETRY_FAILURES = (shapely.errors.GEOSException, ValueError, ArithmeticError, MemoryError)

_Good = tuple[str, Mapping[str, Any], list[Mark]]


def _analyse_chunk(state: _State, task: Task) -> _ChunkResult:
    problems: list[tuple[int, Problem]] = []
    items: list[tuple[str, Any]] = []
    at: list[int] = []
    for k, (source, doc) in enumerate(documents(task, check_depth=False)):
        if isinstance(doc, DrawingError):
            problems.append((k, Problem(source, str(doc))))
        else:
            items.append((source, doc))
            at.append(k)
    good: list[_Good] = []
    place: list[int] = []
    outcomes = read_many(items, state.chart, partial(_check_chart, state), depth_checked=False)
    for k, (source, _), outcome in zip(at, items, outcomes):
        if isinstance(outcome, DrawingError):
            problems.append((k, Problem(source, str(outcome))))
        else:
            good.append((source, outcome[0], list(outcome[1])))
            place.append(k)
    # Drawings whose geometry would take unbounded work are refused, all checked at once.
    refused = geometry_problems([marks for _, _, marks in good], state.chart)
    if refused:
        for i, (feature, problem) in refused.items():
            source = good[i][0]
            problems.append(
                (place[i], Problem(source, str(DrawingError(source, problem, feature))))
            )
        good = [g for i, g in enumerate(good) if i not in refused]
        place = [p for i, p in enumerate(place) if i not in refused]
    try:
        rows, counts = _measure(state, good)
    except _GEOMETRY_FAILURES:
        rows, counts = [], {}
        for item, k in zip(good, place):
            try:
                one_rows, one_counts = _measure(state, [item])
            except _GEOMETRY_FAILURES as exc:
                source = item[0]
                reason = f"the geometry cannot be measured ({type(exc).__name__}: {exc})"
                problems.append((k, Problem(source, str(DrawingError(source, reason)))))
                continue
            rows += one_rows
            for name, c in one_counts.items():
                if name in counts:
                    counts[name] += c
                else:
                    counts[name] = c
    problems.sort(key=lambda item: item[0])
    return _ChunkResult(task.index, task.size, rows, [p for _, p in problems], counts)


def _measure(
    state: _State, good: Sequence[_Good]
) -> tuple[list[dict[str, Any]], dict[str | None, GroupCounts]]:
    """Rows and counts of drawings that passed every check, in vectorised steps."""
    n, n_views = len(good), len(state.views)
    drawings = [m for _, _, m in good]
    if state.raster:
        extent, outside, geom, row, c0, c1, touched, shaped = _raster_cells(state, drawings)
        measures, wpi_marked = _raster_measures(state, extent, geom, row, c0, c1)
        if state.schemes.scheme is not None:
            assert state.scheme_index is not None
            marked = state.scheme_index.overlap(n, n_views, geom, row, c0, c1).T
            marked = _exact_where_close(state, shaped, marked, state.schemes.scheme)
            touched = state.schemes.touched_marked(marked)
        wpi_marked = _exact_where_close(state, shaped, wpi_marked, state.schemes.wpi)
        wpi, generalized = state.schemes.widespread_marked(wpi_marked)
    else:
        inside, outside_views = _geometries(state, drawings)
        outside = outside_views.sum(axis=1)
        area = shapely.area(inside)  # (n, views)
        extent = area.sum(axis=1)
        # The cells each drawing covers, per view: the frequency grids, and the regions whose
        # cells they share.
        geom, row, c0, c1 = spans(inside.ravel(), state.grid)
        measures, touched, wpi, generalized = _exact_measures(
            state, inside, area, extent, geom, row, c0, c1
        )
    labels = [_group_of(state, meta) for _, meta, _ in good]
    slot_names: list[str | None] = list(dict.fromkeys(labels)) or [None]
    slot_of = {name: i for i, name in enumerate(slot_names)}
    slot = np.array([slot_of[lab] for lab in labels], dtype=np.int64)
    cell_slots = (slot[:, None] * n_views + np.arange(n_views)[None, :]).ravel()
    grids = accumulate(geom, row, c0, c1, state.grid, cell_slots, len(slot_names) * n_views)
    grids = grids.reshape(len(slot_names), n_views, state.grid.ny, state.grid.nx)
    if state.raster:  # clipped to the body: the cells whose centre the outline holds
        grids *= state.outline_cells[None]
    ranked = None
    if state.ranking is not None:
        ranked = _rank(state, extent, geom, row, c0, c1, n_views)
    counts: dict[str | None, GroupCounts] = {}
    for i, name in enumerate(slot_names):
        mine = slot == i
        counts[name] = GroupCounts(
            int(mine.sum()), grids[i], touched[mine].sum(axis=0).astype(np.int64)
        )
        if ranked is not None:
            best = ranked[0][mine]
            counts[name].best = np.bincount(
                best[best >= 0], minlength=len(state.rank_names)
            ).astype(np.int64)

    # Rows.
    rows: list[dict[str, Any]] = []
    ids = state.region_ids
    extent_r = np.round(extent, 2).tolist()
    pct_r = np.round(extent * (100.0 / state.body_area), 2).tolist()
    outside_r = np.round(outside, 2).tolist()
    for i, (source, meta, marks) in enumerate(good):
        record: dict[str, Any] = {
            "source": source,
            "subject": _text(meta.get("subject")),
            "recorded": _text(meta.get("recorded")),
            "extent_cm2": extent_r[i],
            "extent_pct": pct_r[i],
            "outside_cm2": outside_r[i] + 0.0,
            "n_marks": len(marks),
            "regions": ";".join(ids[j] for j in np.flatnonzero(touched[i])),
        }
        if state.config.by:
            record["group"] = labels[i]
        for prefix, values in measures:
            for m, column in zip(MEASURES, values):
                record[f"{prefix}_{m}"] = column[i]
        record["wpi"] = int(wpi[i])
        record["generalized"] = bool(generalized[i])
        if ranked is not None:
            _rank_record(state, record, ranked, i)
        rows.append(record)
    return rows, counts


_Ranked = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _rank(
    state: _State,
    extent: np.ndarray,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
    n_views: int,
) -> _Ranked:
    """Best and second pattern side of every drawing, their scores and the red flag.

    Returns ``(best index, best score, second index, second score, red flag)`` per drawing;
    an index is -1 where no pattern side scores above 0.
    """
    assert state.ranking is not None
    score, dice = state.ranking.scores(extent, geom, row, c0, c1, n_views, state.config.by_score)
    # Mirror-image pattern sides of a symmetric drawing score the same up to rounding noise:
    # rounded, they tie and the tie-break decides, as in rank().
    score = np.round(score, 9)
    n = len(extent)
    k = min(RED_FLAG_TOP, score.shape[0])
    # Best first; ties keep the references' order (pattern name, then side), as rank() does.
    top = np.argsort(-score, axis=0, kind="stable")[:k]
    cols = np.arange(n)
    top_score = score[top, cols[None, :]] if k else np.zeros((0, n))
    top_dice = dice[top, cols[None, :]] if k else np.zeros((0, n))
    good = top_score > 0
    idx = np.where(good, top, -1)
    flag = (good & (top_dice > 0) & state.rank_flag[top]).any(axis=0) if k else np.zeros(n, bool)
    none = np.full(n, -1)
    zero = np.zeros(n)
    best, second = (idx[0], idx[1]) if k > 1 else ((idx[0], none) if k else (none, none))
    s1 = top_score[0] if k else zero
    s2 = top_score[1] if k > 1 else zero
    return best, s1, second, s2, flag


def rank_dice(state: _State, drawings: Sequence[list[Mark]]) -> np.ndarray:
    """Raster Dice of every drawing (checked marks) against every ranked side: ``(refs, n)``.

    For the agreement checks of the benchmark and the tests; ``-1`` where undefined.
    """
    assert state.ranking is not None
    if state.raster:
        extent, _, geom, row, c0, c1, _, _ = _raster_cells(state, drawings)
    else:
        inside, _ = _geometries(state, drawings)
        extent = shapely.area(inside).sum(axis=1)
        geom, row, c0, c1 = spans(inside.ravel(), state.grid)
    _, dice = state.ranking.scores(extent, geom, row, c0, c1, len(state.views), "dice")
    return dice


def _rank_record(state: _State, record: dict[str, Any], ranked: _Ranked, i: int) -> None:
    best, s1, second, s2, flag = ranked
    b, s = int(best[i]), int(second[i])
    record["best_pattern"] = state.rank_names[b] if b >= 0 else None
    record["best_side"] = state.rank_sides[b] if b >= 0 else None
    record["best_kind"] = state.rank_kinds[b] if b >= 0 else None
    record["best_score"] = round(float(s1[i]), SHARE_DIGITS) if b >= 0 else None
    record["second_pattern"] = state.rank_names[s] if s >= 0 else None
    record["second_side"] = state.rank_sides[s] if s >= 0 else None
    record["second_score"] = round(float(s2[i]), SHARE_DIGITS) if s >= 0 else None
    record["red_flag"] = bool(flag[i])


_Measures = tuple[list[tuple[str, list[list[float | None]]]], np.ndarray, np.ndarray, np.ndarray]


def _exact_measures(
    state: _State,
    inside: np.ndarray,
    area: np.ndarray,
    extent: np.ndarray,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
) -> _Measures:
    """Pattern measures, regions touched and WPI of every drawing, by exact shapely overlays."""
    n, n_views = inside.shape
    # Overlap with every pattern side: intersect only where the bounding shapes meet.
    measures: list[tuple[str, list[list[float | None]]]] = []
    for prefix, per_view, total in state.refs:
        overlap = np.zeros(n)
        for v in range(n_views):
            ref = per_view[v]
            if ref.is_empty:
                continue
            geoms = inside[:, v]
            hit = shapely.intersects(ref, geoms)
            within = hit & shapely.covers(ref, geoms)
            overlap[within] += area[within, v]
            rest = np.flatnonzero(hit & ~within)
            if len(rest):
                overlap[rest] += shapely.area(shapely.intersection(geoms[rest], ref))
        measures.append((prefix, list(overlap_columns(extent, total, overlap).values())))
    if state.schemes.scheme is not None:
        touched = state.schemes.touched(inside)
    else:
        touched = _touched(state, inside, geom, row, c0, c1)
    wpi, generalized = state.schemes.widespread(inside)
    return measures, touched, wpi, generalized


def _raster_measures(
    state: _State,
    extent: np.ndarray,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
) -> tuple[list[tuple[str, list[list[float | None]]]], np.ndarray]:
    """Pattern measures and the marked cm² of every WPI area, from cells and cell weights.

    A covered cell adds the exact area the reference (clipped to the body) holds in it.
    """
    assert state.ref_index is not None and state.wpi_index is not None
    cells = (len(extent), len(state.views), geom, row, c0, c1)
    overlap = state.ref_index.overlap(*cells)
    measures: list[tuple[str, list[list[float | None]]]] = []
    for k, (prefix, _, total) in enumerate(state.refs):
        shared = np.minimum(overlap[k], np.minimum(extent, total))
        measures.append((prefix, list(overlap_columns(extent, total, shared).values())))
    return measures, state.wpi_index.overlap(*cells).T


#: Every mark's polygonal shape, drawing and view (marks in drawing order).
_Shaped = tuple[np.ndarray, np.ndarray, np.ndarray]
_Cells = tuple[
    np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, _Shaped
]


def _mark_runs(
    state: _State, shapes: np.ndarray, grid: Grid, regions: Sequence[str | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The cells (by centre) of every shape, as runs ``(shape, row, first column, end)``.

    Every shape is scanline-filled on its own; a whole-region mark's runs are filled once
    per process and kept.
    """
    drawn = np.array([r is None for r in regions], dtype=bool)
    sel = np.flatnonzero(drawn)
    mg, mr, m0, m1 = spans(shapes[sel], grid)
    parts = [(sel[mg], mr, m0, m1)]
    cache = state.region_runs.setdefault(grid.cell, {})
    by_region: dict[str, list[int]] = {}
    for i in np.flatnonzero(~drawn).tolist():
        by_region.setdefault(regions[i] or "", []).append(i)
    for region, marks in by_region.items():
        runs = cache.get(region)
        if runs is None:
            _, rr, r0, r1 = spans(shapes[marks[0] : marks[0] + 1], grid)
            runs = cache[region] = (rr, r0, r1)
        k = len(marks)
        rr, r0, r1 = runs
        owner_of = np.repeat(np.array(marks, dtype=np.int64), len(rr))
        parts.append((owner_of, np.tile(rr, k), np.tile(r0, k), np.tile(r1, k)))
    if len(parts) > 1:
        mg, mr, m0, m1 = (np.concatenate(x) for x in zip(*parts))
    return mg, mr, m0, m1


def _merge_runs(
    owner: np.ndarray, row: np.ndarray, c0: np.ndarray, c1: np.ndarray, grid: Grid
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The union (OR) of the runs of each owner and row: ``(owner, row, first, end)``, sorted."""
    key = owner * grid.ny + row
    big = grid.nx + 1
    order = np.argsort(key * big + c0)
    key, a, b = key[order], c0[order], c1[order]
    reach = np.maximum.accumulate(key * big + b)  # the furthest end so far, in this key
    new = np.ones(len(key), dtype=bool)
    new[1:] = key[1:] * big + a[1:] > reach[:-1]
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, len(key) - 1)
    ukey = key[first]
    return ukey // grid.ny, ukey % grid.ny, a[first], reach[last] - ukey * big


def _crowded(owner: np.ndarray, n_owners: int) -> np.ndarray:
    """Whether each drawing-view (``owner``) has more than :data:`_PAIRED_MARKS` marks.

    Its marks are too many to compare in pairs: :func:`_redundant_marks` skips the pairs and
    :func:`_raster_cells` measures the view's extent exactly instead, so both must use this.
    """
    crowded: np.ndarray = np.bincount(owner, minlength=n_owners) > _PAIRED_MARKS
    return crowded


def _redundant_marks(
    state: _State,
    shapes: np.ndarray,
    owner: np.ndarray,
    regions: Sequence[str | None],
    crowded_owner: np.ndarray,
) -> np.ndarray:
    """Marks that add nothing to their drawing's union on their view: ``bool`` per mark.

    A mark is redundant when a whole-region mark of the same drawing and view covers it
    (the same region marked twice, a stroke inside a marked region).  Of two marks that
    cover each other the later one is.  Crowded views (``crowded_owner``, from
    :func:`_crowded`) are only checked for a region marked again; :func:`_raster_cells`
    measures their extent exactly.
    """
    redundant = np.zeros(len(shapes), dtype=bool)
    is_region = np.array([r is not None for r in regions], dtype=bool)
    if not is_region.any():
        return redundant
    # The same region marked again on a view is redundant however crowded the view.
    seen: set[tuple[int, str]] = set()
    for i in np.flatnonzero(is_region).tolist():
        key = (int(owner[i]), regions[i] or "")
        if key in seen:
            redundant[i] = True
        seen.add(key)
    order = np.argsort(owner, kind="stable")
    keys, first, count = np.unique(owner[order], return_index=True, return_counts=True)
    crowded = crowded_owner[keys]
    # Every pair (i, j), i before j, of marks of one drawing and view, one of them a region.
    end = np.repeat(first + count, count)
    pos = np.arange(len(order))
    partners = np.where(np.repeat(crowded, count), 0, end - pos - 1)
    a = np.repeat(pos, partners)
    b = (
        a
        + 1
        + (np.arange(int(partners.sum())) - np.repeat(np.cumsum(partners) - partners, partners))
    )
    ia, ib = order[a], order[b]
    ia, ib = np.minimum(ia, ib), np.maximum(ia, ib)
    some_region = is_region[ia] | is_region[ib]
    ia, ib = ia[some_region], ib[some_region]
    fresh = ~(redundant[ia] | redundant[ib])
    ia, ib = ia[fresh], ib[fresh]
    box = shapely.bounds(shapes)
    near = (
        (box[ia, 0] <= box[ib, 2])
        & (box[ib, 0] <= box[ia, 2])
        & (box[ia, 1] <= box[ib, 3])
        & (box[ib, 1] <= box[ia, 3])
    )
    ia, ib = ia[near], ib[near]
    # The covering mark is the earlier one when it is a region, else the later (a region).
    outer = np.where(is_region[ia], ia, ib)
    inner = np.where(is_region[ia], ib, ia)
    both = is_region[outer] & is_region[inner]
    covers = np.zeros(len(outer), dtype=bool)
    cache = state.region_covers
    for k in np.flatnonzero(both).tolist():
        pair = (regions[outer[k]] or "", regions[inner[k]] or "")
        found = cache.get(pair)
        if found is None:
            found = cache[pair] = bool(shapely.covers(shapes[outer[k]], shapes[inner[k]]))
        covers[k] = found
    mixed = np.flatnonzero(~both)
    if len(mixed):
        covers[mixed] = shapely.covers(shapes[outer[mixed]], shapes[inner[mixed]])
    redundant[inner[covers]] = True
    return redundant


def _raster_cells(state: _State, drawings: Sequence[list[Mark]]) -> _Cells:
    """Every drawing rasterised once: its cells, extent, outside area and regions touched.

    Each mark (strokes buffered, polygons as drawn, whole regions) is scanline-filled on its
    own; a drawing's union per view is the OR of its marks' cell runs (merged intervals).
    The extent is exact where a drawing's marks do not overlap: the sum of the marks' exact
    areas (leaving out :func:`redundant <_redundant_marks>` ones), less what they draw beyond
    the outline, less the area they cover twice.  The area covered twice is the outline's
    exact area in the cells (by centre) that more than one mark covers.  What a mark near
    the outline draws beyond it, and the outside area, is that of the covered cells whose
    centre lies outside the outline, on a grid of half the cell (:data:`EXTENT_SUBCELLS`).
    Returns ``(extent, outside, geom, row, c0, c1, touched, shaped)``: per drawing cm², the
    merged runs on the cohort's grid (``geom`` is ``drawing * n_views + view``), the regions
    touched and every mark's shape, drawing and view.
    """
    n, n_views = len(drawings), len(state.views)
    view_pos = {v: i for i, v in enumerate(state.views)}
    all_marks = [m for marks in drawings for m in marks]
    n_regions = len(state.region_ids)
    touched = np.zeros((n, n_regions), dtype=bool)
    if not all_marks:
        empty = np.zeros(0, dtype=np.int64)
        shaped = (np.zeros(0, dtype=object), empty, empty)
        return np.zeros(n), np.zeros(n), empty, empty, empty, empty, touched, shaped
    shapes = _mark_shapes(all_marks, state.chart)
    mark_drawing = np.repeat(np.arange(n), [len(m) for m in drawings])
    mark_view = np.array([view_pos[m.view] for m in all_marks], dtype=np.int64)
    mark_owner = mark_drawing * n_views + mark_view
    regions = [m.region if m.geometry is None else None for m in all_marks]
    grid = state.grid
    mark, mr, m0, m1 = _mark_runs(state, shapes, grid, regions)
    geom, row, c0, c1 = _merge_runs(mark_owner[mark], mr, m0, m1, grid)
    # The outline's area in the cells each mark covers, and in those the union covers.
    cum = state.outline_cum.ravel()
    stride = grid.nx + 1
    base = (mark_view[mark] * grid.ny + mr) * stride
    n_owners = n * n_views
    crowded = _crowded(mark_owner, n_owners)
    kept = ~_redundant_marks(state, shapes, mark_owner, regions, crowded)
    inside_runs = np.where(kept[mark], cum[base + m1] - cum[base + m0], 0.0)
    covered = np.bincount(mark_owner[mark], inside_runs, minlength=n_owners)
    base = ((geom % n_views) * grid.ny + row) * stride
    union = np.bincount(geom, cum[base + c1] - cum[base + c0], minlength=n_owners)
    area = np.bincount(mark_owner, np.where(kept, shapely.area(shapes), 0.0), minlength=n_owners)
    # Marks that may reach beyond the outline: drawn ones whose bounding box leaves the cells
    # the outline holds whole.
    box = shapely.bounds(shapes)
    h = grid.cell
    lo = np.floor((box[:, :2] - (grid.x0, grid.y0)) / h).astype(np.int64)
    hi = np.floor((box[:, 2:] - (grid.x0, grid.y0)) / h).astype(np.int64)
    on_grid = (lo[:, 0] >= 0) & (lo[:, 1] >= 0) & (hi[:, 0] < grid.nx) & (hi[:, 1] < grid.ny)
    cl, rl = np.clip(lo[:, 0], 0, grid.nx - 1), np.clip(lo[:, 1], 0, grid.ny - 1)
    ch, rh = np.clip(hi[:, 0], 0, grid.nx - 1) + 1, np.clip(hi[:, 1], 0, grid.ny - 1) + 1
    whole = state.whole_cum
    v = mark_view
    held = whole[v, rh, ch] - whole[v, rl, ch] - whole[v, rh, cl] + whole[v, rl, cl]
    near = on_grid & (held == (rh - rl) * (ch - cl))
    edge = np.flatnonzero(kept & ~near & np.array([r is None for r in regions], dtype=bool))
    outside: np.ndarray = np.zeros(n)
    beyond_marks: np.ndarray = np.zeros(n_owners)
    if len(edge):
        fine = state.fine_grid
        fm, fr, f0, f1 = spans(shapes[edge], fine)
        out = state.outside_cum.ravel()
        fstride = fine.nx + 1
        cell2 = fine.cell * fine.cell
        fbase = (mark_view[edge][fm] * fine.ny + fr) * fstride
        beyond_marks = np.bincount(
            mark_owner[edge][fm], (out[fbase + f1] - out[fbase + f0]) * cell2, minlength=n_owners
        )
        ug, ur, u0, u1 = _merge_runs(mark_owner[edge][fm], fr, f0, f1, fine)
        ubase = ((ug % n_views) * fine.ny + ur) * fstride
        outside = np.bincount(
            ug // n_views, (out[ubase + u1] - out[ubase + u0]) * cell2, minlength=n
        )
        # What a mark holds beyond the grid (which only spans the body), exactly.
        x0, y0, x1, y1 = fine.bounds
        ebox = box[edge]
        off = edge[(ebox[:, 0] < x0) | (ebox[:, 1] < y0) | (ebox[:, 2] > x1) | (ebox[:, 3] > y1)]
        if len(off):
            kept_area = shapely.area(shapely.clip_by_rect(shapes[off], x0, y0, x1, y1))
            lost = shapely.area(shapes[off]) - kept_area
            beyond_marks += np.bincount(mark_owner[off], lost, minlength=n_owners)
            # Where one drawing and view has several such marks, the union of the parts.
            owners, first, count = np.unique(mark_owner[off], return_index=True, return_counts=True)
            lost_union = lost[first]
            for k in np.flatnonzero(count > 1).tolist():
                mine = off[mark_owner[off] == owners[k]]
                parts = shapely.difference(shapes[mine], shapely.box(x0, y0, x1, y1))
                lost_union[k] = float(shapely.area(shapely.union_all(parts)))
            outside += np.bincount(owners // n_views, lost_union, minlength=n)
    extent_of = area - beyond_marks - (covered - union)
    # On a view of many marks (too many for _redundant_marks to pair) the cells' small errors
    # in the area covered twice add up: the union is measured exactly there.
    for k in np.flatnonzero(crowded).tolist():
        mine = np.flatnonzero(kept & (mark_owner == k))
        drawn = shapely.union_all(shapes[mine])
        extent_of[k] = shapely.area(shapely.intersection(drawn, state.outlines[k % n_views]))
    extent = extent_of.reshape(n, n_views).sum(axis=1)
    extent = np.where(extent < AREA_EPS, 0.0, extent)
    outside = np.where(outside < AREA_EPS, 0.0, outside)
    if state.schemes.scheme is None:
        touched = _touched_marks(
            state, shapes, regions, mark_drawing, mark_view, n, geom, row, c0, c1
        )
    return extent, outside, geom, row, c0, c1, touched, (shapes, mark_drawing, mark_view)


#: A scheme area's raster marked area this close to its threshold (a share of it, plus cm²) is
#: measured again exactly: the raster's error along a drawing's edge could tip the count.
_CLOSE_SHARE = 0.02
_CLOSE_CM2 = 0.15


def _exact_where_close(
    state: _State, shaped: _Shaped, marked: np.ndarray, scheme: Scheme
) -> np.ndarray:
    """``marked`` (raster cm² per drawing and area), exact where it is near a threshold.

    Each such pair is measured as :func:`~bodymap.analysis.schemes.marked_areas` would
    measure it: the union of the drawing's marks on the area (clipped to the body).
    """
    area = np.array([a.area for a in scheme.areas])
    need = np.minimum(MIN_SHARE * area, MIN_AREA)
    drawing, code = np.nonzero(np.abs(marked - need) <= _CLOSE_SHARE * need + _CLOSE_CM2)
    if not len(drawing):
        return marked
    shapes, mark_drawing, mark_view = shaped
    first = np.searchsorted(mark_drawing, drawing)
    last = np.searchsorted(mark_drawing, drawing, side="right")
    parts = _body_parts(state, scheme)
    marked = marked.copy()
    for d, a, lo, hi in zip(drawing.tolist(), code.tolist(), first.tolist(), last.tolist()):
        total = 0.0
        for v, part in parts[a]:
            mine = lo + np.flatnonzero(mark_view[lo:hi] == v)
            if len(mine):
                pieces = shapely.intersection(shapes[mine], part)
                total += float(shapely.area(shapely.union_all(pieces)))
        marked[d, a] = total
    return marked


def _body_parts(state: _State, scheme: Scheme) -> list[list[tuple[int, Polygonal]]]:
    """Each area of ``scheme`` as ``(view index, part clipped to the body)`` pairs (kept)."""
    parts = state.body_parts.get(id(scheme))
    if parts is None:
        parts = [
            [
                (v, polygonal(shapely.intersection(a.parts[view], state.outlines[v])))
                for v, view in enumerate(state.views)
                if view in a.parts
            ]
            for a in scheme.areas
        ]
        state.body_parts[id(scheme)] = parts
    return parts


def _touched_marks(
    state: _State,
    shapes: np.ndarray,
    regions: Sequence[str | None],
    mark_drawing: np.ndarray,
    mark_view: np.ndarray,
    n: int,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
) -> np.ndarray:
    """Regions each drawing touches, from its marks (no union needed).

    A region counts as touched when it shares more than ``AREA_EPS`` cm² with the drawing,
    as in :func:`bodymap.compare`.  A whole-region mark touches what its region does (found
    once per process); for a drawn mark the grid settles most pairs and the rest are decided
    exactly, mark by mark (the regions lie inside the body, so the marks need no clipping).
    """
    n_views = len(state.views)
    touched = np.zeros((n, len(state.region_ids)), dtype=bool)
    n_regions = len(state.region_ids)
    for i, region in enumerate(regions):
        if region is not None:
            touched[mark_drawing[i], _region_touches(state, region)] = True
    drawn = np.array([r is None for r in regions], dtype=bool)
    for v, (tree, geoms, index) in enumerate(state.trees):
        sel = np.flatnonzero(drawn & (mark_view == v))
        if not len(sel):
            continue
        pairs = tree.query(shapes[sel])
        if not pairs.shape[1]:
            continue
        by_grid = _grid_pairs(state, v, geom, row, c0, c1, n_views)
        mark, local = sel[pairs[0]], pairs[1]
        drawing = mark_drawing[mark]
        code = drawing * n_regions + index[local]
        sure = np.isin(code, by_grid)
        touched[drawing[sure], index[local[sure]]] = True
        rest = np.flatnonzero(~sure)
        # A pair already touched through another mark needs no test.
        rest = rest[~touched[drawing[rest], index[local[rest]]]]
        if len(rest):
            a, b = shapes[mark[rest]], geoms[local[rest]]
            rest = rest[shapely.intersects(b, a)]
            a, b = shapes[mark[rest]], geoms[local[rest]]
            rest = rest[shapely.relate_pattern(b, a, "T********")]
            if len(rest):
                a, b = shapes[mark[rest]], geoms[local[rest]]
                rest = rest[shapely.area(shapely.intersection(a, b)) > AREA_EPS]
                touched[drawing[rest], index[local[rest]]] = True
    return touched


def _region_touches(state: _State, region: str) -> np.ndarray:
    """The chart regions (indices) a whole-region mark of ``region`` touches (kept)."""
    found = state.region_touches.get(region)
    if found is None:
        shape = state.chart.region_geometry(region)
        view = state.chart.resolve_region(region)[0].view
        tree, geoms, index = state.trees[state.views.index(view)]
        local = tree.query(shape)
        local = local[shapely.area(shapely.intersection(geoms[local], shape)) > AREA_EPS]
        found = state.region_touches[region] = np.sort(index[local])
    return found


def _grid_pairs(
    state: _State,
    v: int,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
    n_views: int,
) -> np.ndarray:
    """The (drawing, region) pairs the grid settles as touched on view ``v``, sorted.

    Each pair is coded ``drawing * n_regions + region``: a region whose cells (by centre)
    the drawing's spans cover.
    """
    n_regions = len(state.region_ids)
    mine = geom % n_views == v
    starts, run_label = state.runs[v]
    first = row[mine] * state.grid.nx + c0[mine]
    last = row[mine] * state.grid.nx + c1[mine] - 1
    r0 = np.searchsorted(starts, first, side="right") - 1
    r1 = np.searchsorted(starts, last, side="right") - 1
    k = r1 - r0 + 1
    run = np.repeat(r0, k) + (np.arange(k.sum()) - np.repeat(np.cumsum(k) - k, k))
    who = np.repeat(geom[mine] // n_views, k)
    lab = run_label[run]
    ok = lab >= 0
    return np.unique(who[ok] * n_regions + lab[ok])


def _touched(
    state: _State,
    inside: np.ndarray,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
) -> np.ndarray:
    """Which regions each drawing touches: ``bool`` array ``(n_drawings, n_regions)``.

    A region counts as touched, as in :func:`bodymap.compare`, when it shares more than
    ``AREA_EPS`` cm² with the drawing.  Most pairs are settled by the grid: a region whose
    cells (by centre) the drawing covers is touched.  Only the pairs whose bounding boxes meet
    but share no cell centre are decided exactly: not touched if they do not intersect or
    their interiors do not meet, else by the area of their intersection.
    """
    n, n_views = inside.shape
    touched = np.zeros((n, len(state.region_ids)), dtype=bool)
    n_regions = len(state.region_ids)
    for v, (tree, geoms, index) in enumerate(state.trees):
        pairs = tree.query(inside[:, v])
        if not pairs.shape[1]:
            continue
        by_grid = _grid_pairs(state, v, geom, row, c0, c1, n_views)
        drawing, local = pairs[0], pairs[1]
        code = drawing * n_regions + index[local]
        sure = np.isin(code, by_grid)
        touched[drawing[sure], index[local[sure]]] = True
        rest = np.flatnonzero(~sure)
        if len(rest):
            a, b = inside[drawing[rest], v], geoms[local[rest]]
            rest = rest[shapely.intersects(b, a)]
            a, b = inside[drawing[rest], v], geoms[local[rest]]
            rest = rest[shapely.relate_pattern(b, a, "T********")]
            if len(rest):
                a, b = inside[drawing[rest], v], geoms[local[rest]]
                rest = rest[shapely.area(shapely.intersection(a, b)) > AREA_EPS]
                touched[drawing[rest], index[local[rest]]] = True
    return touched


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


#: States prepared on a Dask worker, by configuration (a worker may serve several runs).
_DASK_STATES: list[tuple[_Config, _State]] = []


def _dask_work(config: _Config, task: Task) -> _ChunkResult:
    """Analyse one chunk on a Dask worker, preparing the state once per configuration."""
    for known, state in _DASK_STATES:
        if known == config:
            return _analyse(state, task)
    state = _State(config)
    _DASK_STATES.append((config, state))
    del _DASK_STATES[:-4]
    return _analyse(state, task)


def _work(task: Task) -> _ChunkResult:
    assert _WORKER is not None, "worker not initialised"
    return _analyse(_WORKER, task)
