"""The exact cohort engine: every geometric step one shapely call over the whole chunk.

The strokes are buffered, each drawing's marks united per view and clipped to the outline,
the union intersected with every pattern side's reference geometry and with the areas of the
WPI scheme (and the cohort's scheme), and the chart regions touched are found through an
STRtree; the frequency grids are the cells (by centre) of the clipped unions.  A region or
scheme area whose marked area lies within :attr:`ExactEngine.margin` of its threshold is left
to the library (the engine clips and unites in another order, and whole-region marks are not
clipped: their slivers beyond the outline are the margin).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import Polygon

from bodymap.analysis.cohort.common import (
    ROUNDING_CM2,
    Measured,
    Prepared,
    criteria_candidates,
    decide,
)
from bodymap.analysis.cohort.grid import spans
from bodymap.analysis.criteria import region_roles
from bodymap.analysis.measures import overlap_columns
from bodymap.analysis.schemes import marked_areas
from bodymap.core.geometry import AREA_EPS, Polygonal, boxes_meet, clip_to_rect, polygonal
from bodymap.model.drawing import Mark, _mark_shapes
from bodymap.model.scheme import Scheme

__all__ = ["ExactEngine"]

_TILE = 5.0
_TILE_CACHE = 2048  # pieces kept per process (a few tens of MB)
#: Marks of one drawing and view compared in pairs before their union (see _geometries).
_PAIRED_MARKS = 64


class ExactEngine:
    """The exact engine (:class:`~bodymap.analysis.cohort.common.Engine`) of a prepared run."""

    def __init__(self, state: Prepared) -> None:
        self.state = state
        self.tiles: dict[tuple[int, int, int, int, int], Polygonal] = {}
        # What whole-region marks (never clipped) may hold beyond the outline, at most.
        chart = state.chart
        beyond = 0.0
        for v, outline in zip(state.views, state.outlines):
            shapes = np.array([r.geometry for r in chart.regions_in(v)], dtype=object)
            beyond += float(shapely.area(shapely.difference(shapes, outline)).sum())
        #: How far from a threshold a marked area is settled here (cm²); nearer, the library.
        self.margin = beyond + ROUNDING_CM2

    def measure(self, drawings: Sequence[list[Mark]]) -> Measured:
        """Pattern measures, regions and WPI areas touched, by exact shapely overlays."""
        state = self.state
        inside, outside_views = _geometries(self, drawings)
        area = shapely.area(inside)  # (n, views)
        extent = area.sum(axis=1)
        # The cells each drawing covers, per view: the frequency grids, and the regions whose
        # cells they share.
        geom, row, c0, c1 = spans(inside.ravel(), state.grid)
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
        unsure = np.zeros(n, dtype=bool)
        scheme = state.schemes.scheme
        if scheme is not None:
            touched, unsure_scheme = self._counted(inside, scheme)
            unsure |= unsure_scheme
        else:
            touched, unsure_regions = _touched(self, inside, geom, row, c0, c1)
            unsure |= unsure_regions
        wpi_touched, unsure_wpi = self._counted(inside, state.schemes.wpi)
        unsure |= unsure_wpi
        region_touched, unsure_criteria = self._criteria_regions(
            inside, touched if scheme is None else None, unsure
        )
        unsure |= unsure_criteria
        return Measured(
            extent, outside_views.sum(axis=1), geom, row, c0, c1, measures, touched,
            wpi_touched, unsure, region_touched=region_touched,
        )  # fmt: skip

    def cells(
        self, drawings: Sequence[list[Mark]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each drawing's extent and the runs of cells its clipped union covers."""
        inside, _ = _geometries(self, drawings)
        extent = shapely.area(inside).sum(axis=1)
        return (extent, *spans(inside.ravel(), self.state.grid))

    def geometries(self, drawings: Sequence[list[Mark]]) -> tuple[np.ndarray, np.ndarray]:
        """:func:`_geometries`: each drawing's clipped union and outside area per view."""
        return _geometries(self, drawings)

    def _counted(self, inside: np.ndarray, scheme: Scheme) -> tuple[np.ndarray, np.ndarray]:
        """Areas of ``scheme`` each drawing touches, and the drawings near a threshold."""
        marked = marked_areas(scheme, inside, self.state.views)
        area = np.array([a.area for a in scheme.areas])
        counts, unsure = decide(marked - self.margin, marked + self.margin, area)
        return counts, np.asarray(unsure.any(axis=1))

    def _criteria_regions(
        self, inside: np.ndarray, regions: np.ndarray | None, unsure_regions: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Chart regions each drawing touches for the widespread-pain criteria, and the unsure.

        Measured (as :meth:`_counted`) only for the drawings that may meet a criterion: the
        rules grow with the regions touched, so a drawing whose regions met at all
        (``regions``, the chart regions it shares any area with, where they are sure; else
        those its bounding boxes meet) already fail both rules fails them with the regions
        it touches at the threshold; its row is left empty, which gives the same answer.
        """
        state = self.state
        roles = region_roles(state.chart)
        n = inside.shape[0]
        if regions is not None:
            bound = regions.copy()
            bound[unsure_regions] = True  # not sure: measured
        else:
            bound = np.zeros((n, len(roles.ids)), dtype=bool)
            for v, (tree, _, index) in enumerate(state.trees):
                drawing, local = tree.query(inside[:, v])
                bound[drawing, index[local]] = True
        maybe = criteria_candidates(state, bound)
        touched = np.zeros_like(bound)
        unsure = np.zeros(n, dtype=bool)
        if len(maybe):
            touched[maybe], unsure[maybe] = self._counted(inside[maybe], state.criteria_regions)
        return touched, unsure

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
        outline = self.state.outlines[view]
        for i, (a, b, c, d) in enumerate(keys.tolist()):
            key = (view, a, b, c, d)
            piece = tiles.get(key)
            if piece is None:
                piece = clip_to_rect(outline, a * _TILE, b * _TILE, c * _TILE, d * _TILE)
                shapely.prepare(piece)
                tiles[key] = piece
            out[i] = piece
        return out


def _geometries(
    engine: ExactEngine, drawings: Sequence[list[Mark]]
) -> tuple[np.ndarray, np.ndarray]:
    """Inside-the-body marked geometry and outside area per drawing and view.

    Returns two arrays of shape ``(n_drawings, n_views)``: the union of each drawing's marks on
    each view clipped to the outline (object array, empty polygons where nothing is marked),
    and the area marked outside the outline.
    """
    state = engine.state
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
        pieces = engine.near_outline(v, shapely.bounds(geoms))
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
        near = boxes_meet(shapely.bounds(sorted_shapes), a, b)
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


def _touched(
    engine: ExactEngine,
    inside: np.ndarray,
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Which regions each drawing touches ``bool (n_drawings, n_regions)``, and the unsure.

    A region counts as touched, as in :func:`bodymap.compare`, when it shares more than
    ``AREA_EPS`` cm² with the drawing.  Most pairs are settled by the grid: a region whose
    cells (by centre) the drawing covers is touched.  Only the pairs whose bounding boxes meet
    but share no cell centre are decided exactly: not touched if they do not intersect or
    their interiors do not meet, else by the area of their intersection; a drawing with such
    an area within :attr:`ExactEngine.margin` of ``AREA_EPS`` is unsure.
    """
    state = engine.state
    n = inside.shape[0]
    touched = np.zeros((n, len(state.region_ids)), dtype=bool)
    unsure = np.zeros(n, dtype=bool)
    n_regions = len(state.region_ids)
    for v, (tree, geoms, index) in enumerate(state.trees):
        pairs = tree.query(inside[:, v])
        if not pairs.shape[1]:
            continue
        by_grid = state.grid_pairs(v, geom, row, c0, c1)
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
                shared = shapely.area(shapely.intersection(a, b))
                unsure[drawing[rest[np.abs(shared - AREA_EPS) <= ROUNDING_CM2]]] = True
                rest = rest[shared > AREA_EPS]
                touched[drawing[rest], index[local[rest]]] = True
    return touched, unsure
