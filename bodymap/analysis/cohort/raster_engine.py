"""The raster cohort engine: every mark scanline-filled once, every overlap from cell weights.

Each mark (strokes buffered, polygons as drawn, whole regions) is filled on the cohort's grid
on its own; a drawing's union per view is the OR of its marks' cell runs, and its overlap with
a reference (a pattern side, an area of a scheme, clipped to the body) is the exact area the
reference holds in the cells it covers (:class:`~bodymap.analysis.cohort.raster.WeightIndex`).
Its extent is exact where its marks do not overlap (see :func:`_raster_cells`).  The count of
an area of a scheme (and of the WPI) is decided from bounds, never from the estimate alone:
the estimate differs from the true overlap only in the cells a mark's boundary crosses, so
less the reference's weight in the covered ones and more its weight in the others bound the
true marked area; a pair whose bounds straddle the threshold is measured exactly (the union
of the drawing's marks on the area), and a drawing whose exact area is within rounding of a
threshold is left to the library (:func:`~bodymap.analysis.cohort.common.library_classes`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

from bodymap.analysis.cohort.common import (
    ROUNDING_CM2,
    Measured,
    Prepared,
    criteria_candidates,
    decide,
)
from bodymap.analysis.cohort.grid import Grid, rasterize, spans
from bodymap.analysis.cohort.raster import WeightIndex, cell_weights, crossed_cells
from bodymap.analysis.measures import overlap_columns
from bodymap.core.geometry import AREA_EPS, Polygonal, boxes_meet, polygonal
from bodymap.model.drawing import Mark, _mark_shapes
from bodymap.model.scheme import Scheme

__all__ = ["EXTENT_SUBCELLS", "RasterEngine"]

#: The raster engine measures what marks near the outline draw beyond it on cells this many
#: times smaller than the grid's.
EXTENT_SUBCELLS = 2
#: Marks of one drawing and view compared in pairs before their union (see _redundant_marks).
_PAIRED_MARKS = 64

#: Every mark's polygonal shape, drawing, view and region (``None`` for a drawn mark).
_Shaped = tuple[np.ndarray, np.ndarray, np.ndarray, list[str | None]]
_Cells = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, _Shaped]


class RasterEngine:
    """The raster engine (:class:`~bodymap.analysis.cohort.common.Engine`) of a prepared run."""

    def __init__(self, state: Prepared) -> None:
        self.state = state
        chart, grid = state.chart, state.grid
        self.chart, self.grid, self.views = chart, grid, state.views
        self.outlines, self.refs = state.outlines, state.refs
        #: Runs of the cells of each whole-region mark, by grid cell size and region.
        self.region_runs: dict[float, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
        #: :meth:`region_slack` of each whole-region mark, by weight index and region.
        self.region_slacks: dict[int, dict[str, np.ndarray]] = {}
        #: Whether a whole-region mark covers another, by the two regions' ids.
        self.region_covers: dict[tuple[str, str], bool] = {}
        # Clipped to the body, as the drawings are (a user pattern may reach outside it).
        self.ref_index = WeightIndex(
            [
                [polygonal(shapely.intersection(g, o)) for g, o in zip(per_view, self.outlines)]
                for _, per_view, _ in self.refs
            ],
            grid,
        )
        scheme = state.schemes.scheme
        self.scheme_index = None if scheme is None else self._body_weights(scheme)
        self.wpi_index = self._body_weights(state.schemes.wpi)
        self.criteria_index = self._body_weights(state.criteria_regions)
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
        self.fine_grid = Grid.for_chart(state.chart, state.config.cell / EXTENT_SUBCELLS)
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

    def _body_weights(self, scheme: Scheme) -> WeightIndex:
        """The areas of ``scheme``, clipped to the body, as cell weights."""
        refs: list[list[Polygonal]] = [
            [shapely.Polygon() for _ in self.views] for _ in scheme.areas
        ]
        for a, parts in enumerate(self.state.body_parts_of(scheme)):
            for v, part in parts:
                refs[a][v] = part
        return WeightIndex(refs, self.grid)

    def measure(self, drawings: Sequence[list[Mark]]) -> Measured:
        """Pattern measures, regions and WPI areas touched, from cells and cell weights."""
        state = self.state
        n = len(drawings)
        extent, outside, geom, row, c0, c1, shaped = _raster_cells(self, drawings)
        cells = (n, len(self.views), geom, row, c0, c1)
        # A covered cell adds the exact area the reference (clipped to the body) holds in it.
        overlap = self.ref_index.overlap(*cells)
        measures: list[tuple[str, list[list[float | None]]]] = []
        for k, (prefix, _, total) in enumerate(self.refs):
            shared = np.minimum(overlap[k], np.minimum(extent, total))
            measures.append((prefix, list(overlap_columns(extent, total, shared).values())))
        counted = _Counted(self, shaped, cells)
        scheme = state.schemes.scheme
        if scheme is not None:
            assert self.scheme_index is not None
            touched, unsure = counted.counts(self.scheme_index, scheme)
        else:
            touched, unsure = _touched_marks(self, shaped, n, geom, row, c0, c1)
        wpi_touched, unsure_wpi = counted.counts(self.wpi_index, state.schemes.wpi)
        region_touched, unsure_criteria = self._criteria_regions(
            counted, touched if scheme is None else None, unsure
        )
        return Measured(
            extent, outside, geom, row, c0, c1, measures, touched, wpi_touched,
            unsure | unsure_wpi | unsure_criteria, self.outline_cells, region_touched,
        )  # fmt: skip

    def _criteria_regions(
        self, counted: _Counted, regions: np.ndarray | None, unsure_regions: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Chart regions each drawing touches for the widespread-pain criteria, and the unsure.

        Counted only for the drawings that may meet a criterion
        (:func:`~bodymap.analysis.cohort.common.criteria_candidates`), bounded by
        ``regions`` (the chart regions each drawing shares any area with, where sure) or
        else by the regions its marks' bounding boxes meet; the other rows are left empty.
        """
        state = self.state
        n = counted.cells[0]
        n_regions = len(state.criteria_regions.areas)
        if regions is not None:
            bound = regions.copy()
            bound[unsure_regions] = True
        else:
            shapes, mark_drawing, mark_view, _ = counted.shaped
            bound = np.zeros((n, n_regions), dtype=bool)
            for v, (tree, _, index) in enumerate(state.trees):
                sel = np.flatnonzero(mark_view == v)
                mark, local = tree.query(shapes[sel])
                bound[mark_drawing[sel[mark]], index[local]] = True
        maybe = criteria_candidates(state, bound)
        touched = np.zeros((n, n_regions), dtype=bool)
        unsure = np.zeros(n, dtype=bool)
        if len(maybe):
            sub = counted.subset(maybe)
            touched[maybe], unsure[maybe] = sub.counts(self.criteria_index, state.criteria_regions)
        return touched, unsure

    def cells(
        self, drawings: Sequence[list[Mark]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each drawing's extent and the runs of cells its marks cover."""
        extent, _, geom, row, c0, c1, _ = _raster_cells(self, drawings)
        return extent, geom, row, c0, c1

    def crossed_cells(
        self, shaped: _Shaped, geom: np.ndarray, row: np.ndarray, c0: np.ndarray, c1: np.ndarray
    ) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """The cells the drawn marks' boundaries cross, per drawing and view, by centre.

        Only in these cells (and those a whole-region mark's boundary crosses, see
        :meth:`region_slack`) may the raster overlap of a drawing differ from the true one.
        Returns ``(geom, row, column)`` of the crossed cells whose centre the drawing covers
        (``geom, row, c0, c1`` are its merged runs), and of the others, each cell once.
        """
        shapes, mark_drawing, mark_view, regions = shaped
        grid, n_views = self.grid, len(self.views)
        drawn = np.flatnonzero(np.array([r is None for r in regions], dtype=bool))
        g, r, c = crossed_cells(shapes[drawn], grid)
        who = (mark_drawing * n_views + mark_view)[drawn][g]
        code = np.sort((who * grid.ny + r) * grid.nx + c)
        code = code[np.append(True, code[1:] != code[:-1])] if len(code) else code
        c = code % grid.nx
        key = code // grid.nx  # owner * ny + row
        # Covered: inside a merged run of the same owner and row (runs sorted, disjoint).
        big = grid.nx + 1
        run_key = (geom * grid.ny + row) * big + c0
        at = np.searchsorted(run_key, key * big + c, side="right") - 1
        covered = at >= 0
        if len(geom):
            at = np.maximum(at, 0)
            covered &= (geom[at] * grid.ny + row[at] == key) & (c < c1[at])
        who, r = key // grid.ny, key % grid.ny
        return (who[covered], r[covered], c[covered]), (who[~covered], r[~covered], c[~covered])

    def region_slack(self, index: WeightIndex, shaped: _Shaped, n: int) -> np.ndarray:
        """Weights of ``index``'s references in cells whole-region marks' boundaries cross.

        Summed per drawing: ``(refs, n)`` (each region's sums are kept).
        """
        shapes, mark_drawing, mark_view, regions = shaped
        cache = self.region_slacks.setdefault(id(index), {})
        out = np.zeros((index.n_refs, n))
        for i, region in enumerate(regions):
            if region is None:
                continue
            found = cache.get(region)
            if found is None:
                _, r, c = crossed_cells(shapes[i : i + 1], self.grid)
                code = np.unique(r * self.grid.nx + c)
                view = np.full(len(code), mark_view[i])
                cells = view, code // self.grid.nx, code % self.grid.nx
                found = cache[region] = index.cell_sums(1, len(self.views), *cells)[:, 0]
            out[:, mark_drawing[i]] += found
        return out


class _Counted:
    """Areas of schemes each drawing of a chunk touches, decided from bounds of the truth.

    The raster overlap of a drawing with an area differs from the true marked area only in
    the cells the drawing's boundary crosses, by at most the area's weight in each: less the
    area's weights in the crossed cells it counts (and in those of its whole-region marks'
    boundaries) and plus those in the crossed cells it leaves out (and the same), it bounds
    the truth.  A pair whose bounds straddle the threshold is measured exactly.
    """

    def __init__(
        self,
        engine: RasterEngine,
        shaped: _Shaped,
        cells: tuple[int, int, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    ) -> None:
        self.engine, self.shaped, self.cells = engine, shaped, cells
        self.covered, self.other = engine.crossed_cells(shaped, *cells[2:])

    def subset(self, keep: np.ndarray) -> _Counted:
        """The same for the drawings ``keep`` only (sorted indices), renumbered 0, 1, ..."""
        n, n_views, geom, row, c0, c1 = self.cells
        new = np.full(n, -1, dtype=np.int64)
        new[keep] = np.arange(len(keep))

        def renumbered(owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            drawing = new[owner // n_views]
            ok = drawing >= 0
            return ok, drawing[ok] * n_views + owner[ok] % n_views

        sub = object.__new__(_Counted)
        sub.engine = self.engine
        ok, owner = renumbered(geom)
        sub.cells = (len(keep), n_views, owner, row[ok], c0[ok], c1[ok])
        shapes, mark_drawing, mark_view, regions = self.shaped
        mine = new[mark_drawing] >= 0
        sub.shaped = (
            shapes[mine],
            new[mark_drawing[mine]],
            mark_view[mine],
            [r for r, m in zip(regions, mine.tolist()) if m],
        )
        parts = []
        for who, r, c in (self.covered, self.other):
            ok, owner = renumbered(who)
            parts.append((owner, r[ok], c[ok]))
        sub.covered, sub.other = parts
        return sub

    def counts(self, index: WeightIndex, scheme: Scheme) -> tuple[np.ndarray, np.ndarray]:
        """``bool (n, n_areas)`` areas touched, and ``bool (n)`` drawings left to the library."""
        n, n_views = self.cells[0], self.cells[1]
        estimate = index.overlap(*self.cells).T
        slack = self.engine.region_slack(index, self.shaped, n)
        over = (index.cell_sums(n, n_views, *self.covered) + slack).T
        under = (index.cell_sums(n, n_views, *self.other) + slack).T
        area = np.array([a.area for a in scheme.areas])
        counts, straddle = decide(
            estimate - over - ROUNDING_CM2, estimate + under + ROUNDING_CM2, area
        )
        unsure = np.zeros(n, dtype=bool)
        drawing, code = np.nonzero(straddle)
        if len(drawing):
            exact = _exact_marked(self.engine, self.shaped, drawing, code, scheme)
            yes, near = decide(exact - ROUNDING_CM2, exact + ROUNDING_CM2, area[code])
            counts[drawing, code] = yes
            unsure[drawing[near]] = True
        return counts, unsure


def _mark_runs(
    state: RasterEngine, shapes: np.ndarray, grid: Grid, regions: Sequence[str | None]
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
    if len(owner) == 0:  # nothing marked on this view (its marks all fell between cells)
        none = np.zeros(0, dtype=np.int64)
        return none, none.copy(), none.copy(), none.copy()
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
    state: RasterEngine,
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
    near = boxes_meet(shapely.bounds(shapes), ia, ib)
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


def _raster_cells(state: RasterEngine, drawings: Sequence[list[Mark]]) -> _Cells:
    """Every drawing rasterised once: its cells, extent, outside area and regions touched.

    Each mark (strokes buffered, polygons as drawn, whole regions) is scanline-filled on its
    own; a drawing's union per view is the OR of its marks' cell runs (merged intervals).
    The extent is exact where a drawing's marks do not overlap: the sum of the marks' exact
    areas (leaving out :func:`redundant <_redundant_marks>` ones), less what they draw beyond
    the outline, less the area they cover twice.  The area covered twice is the outline's
    exact area in the cells (by centre) that more than one mark covers.  What a mark near
    the outline draws beyond it, and the outside area, is that of the covered cells whose
    centre lies outside the outline, on a grid of half the cell (:data:`EXTENT_SUBCELLS`).
    Returns ``(extent, outside, geom, row, c0, c1, shaped)``: per drawing cm², the merged
    runs on the cohort's grid (``geom`` is ``drawing * n_views + view``) and the shape,
    drawing, view and region of every mark that is not redundant.
    """
    n, n_views = len(drawings), len(state.views)
    view_pos = {v: i for i, v in enumerate(state.views)}
    all_marks = [m for marks in drawings for m in marks]
    if not all_marks:
        empty = np.zeros(0, dtype=np.int64)
        shaped: _Shaped = (np.zeros(0, dtype=object), empty, empty, [])
        return np.zeros(n), np.zeros(n), empty, empty, empty, empty, shaped
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
    # The marks that add something to their drawing's union (a redundant one lies inside
    # another mark of its drawing and view: it touches, and crosses, nothing that one does not).
    mine = np.flatnonzero(kept)
    kept_marks: _Shaped = (
        shapes[mine],
        mark_drawing[mine],
        mark_view[mine],
        [regions[i] for i in mine],
    )
    return extent, outside, geom, row, c0, c1, kept_marks


def _exact_marked(
    state: RasterEngine,
    shaped: _Shaped,
    drawing: np.ndarray,
    code: np.ndarray,
    scheme: Scheme,
) -> np.ndarray:
    """The exact marked cm² of each pair ``(drawing, area of scheme)``.

    Measured as :func:`~bodymap.analysis.schemes.marked_areas` measures it: the union of the
    drawing's marks on the area (clipped to the body).
    """
    shapes, mark_drawing, mark_view, _ = shaped
    first = np.searchsorted(mark_drawing, drawing)
    last = np.searchsorted(mark_drawing, drawing, side="right")
    parts = state.state.body_parts_of(scheme)
    # One group per pair and view part: the marks of the drawing on that view.
    group: list[int] = []
    mark: list[int] = []
    part: list[Polygonal] = []
    pair: list[int] = []
    for k, (a, lo, hi) in enumerate(zip(code.tolist(), first.tolist(), last.tolist())):
        for v, geometry in parts[a]:
            mine = (lo + np.flatnonzero(mark_view[lo:hi] == v)).tolist()
            if mine:
                group += [len(pair)] * len(mine)
                mark += mine
                part += [geometry] * len(mine)
                pair.append(k)
    out = np.zeros(len(drawing))
    if not pair:
        return out
    pieces = shapely.intersection(shapes[mark], np.array(part, dtype=object))
    groups = np.array(group, dtype=np.int64)
    count = np.bincount(groups, minlength=len(pair))
    table = np.full((len(pair), int(count.max())), None, dtype=object)
    slot = np.arange(len(groups)) - np.repeat(np.cumsum(count) - count, count)
    table[groups, slot] = pieces
    area = shapely.area(shapely.union_all(table, axis=1))
    np.add.at(out, np.array(pair, dtype=np.int64), area)
    return out


def _touched_marks(
    state: RasterEngine,
    shaped: _Shaped,
    n: int,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Chart regions each drawing touches, from its marks (no union needed), and the unsure.

    A region counts as touched when it shares more than ``AREA_EPS`` cm² with the drawing,
    as in :func:`bodymap.compare`.  A whole-region mark touches what its region does (found
    once per process); for a drawn mark the grid settles most pairs and the rest are decided
    exactly, mark by mark (the regions lie inside the body, so the marks need no clipping):
    one mark sharing more than ``AREA_EPS`` touches, marks sharing less in all do not, and
    a drawing between the two is left to the library.
    """
    shapes, mark_drawing, mark_view, regions = shaped
    prepared = state.state
    touched = np.zeros((n, len(prepared.region_ids)), dtype=bool)
    unsure = np.zeros(n, dtype=bool)
    n_regions = len(prepared.region_ids)
    for i, region in enumerate(regions):
        if region is not None:
            touched[mark_drawing[i], prepared.region_touches_of(region)] = True
    drawn = np.array([r is None for r in regions], dtype=bool)
    for v, (tree, geoms, index) in enumerate(prepared.trees):
        sel = np.flatnonzero(drawn & (mark_view == v))
        if not len(sel):
            continue
        pairs = tree.query(shapes[sel])
        if not pairs.shape[1]:
            continue
        by_grid = prepared.grid_pairs(v, geom, row, c0, c1)
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
                shared = shapely.area(shapely.intersection(a, b))
                pair, where = np.unique(code[rest], return_inverse=True)
                most = np.zeros(len(pair))
                np.maximum.at(most, where, shared)
                total = np.bincount(where, shared, minlength=len(pair))
                who, what = pair // n_regions, pair % n_regions
                yes = most > AREA_EPS + ROUNDING_CM2
                touched[who[yes], what[yes]] = True
                unsure[who[~yes & (total > AREA_EPS - ROUNDING_CM2)]] = True
    return touched, unsure
