"""The raster ranking engine: every pattern side of the library as exact-area cell weights.

For ``cohort --rank`` each drawing meets every built-in pattern side (about 270 of them), too
many for one shapely intersection each.  Here every reference (a pattern side's union of
zones per view, and of its essential zones) is turned once per process into the exact area
it holds in each cell of the cohort's frequency grid (:func:`cell_weights`: the boundary
integral ``-∮ clamp(y - y_row, 0, h) dx`` split at the grid lines, exact for any polygon with
holes), stored as prefix sums along each grid row.  A drawing is the runs of cells whose
centre it covers (:func:`~bodymap.analysis.cohort.grid.spans`, which the frequency grid
computes anyway), so its overlap with a reference is two look-ups per run.  The drawing's
own area is its exact area; only the overlap is estimated, and only along the drawing's
boundary (a cell is counted whole or not at all by its centre, weighted by the reference's
exact share of that cell).  ``bench/bench_cohort.py`` prints the agreement with exact
:func:`bodymap.rank`.  The plain cohort's raster engine uses the same weights
(:class:`WeightIndex`) for its pattern measures and scheme and WPI areas, and
:func:`boundary_weights` for the exact cell areas of many geometries at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from bodymap.analysis.cohort.grid import Grid
from bodymap.analysis.measures import fit_scores, overlap_arrays
from bodymap.analysis.reference import Reference
from bodymap.core.geometry import Polygonal

__all__ = [
    "RankIndex",
    "WeightIndex",
    "boundary_weights",
    "cell_weights",
    "crossed_cells",
    "overlaps",
]


def _edge_pieces(
    ua: np.ndarray, va: np.ndarray, ub: np.ndarray, vb: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split edges (in cell units) at the vertical and horizontal grid lines they cross.

    Returns, per piece, the edge it belongs to, its signed extent along x and its midpoint
    ``(u, v)``: each piece lies in one cell, the one that holds its midpoint.
    """
    ts = [np.zeros(len(ua)), np.ones(len(ua))]
    owners = [np.arange(len(ua)), np.arange(len(ua))]
    for a, b in ((ua, ub), (va, vb)):
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        k0 = np.floor(lo).astype(np.int64) + 1
        k1 = np.ceil(hi).astype(np.int64) - 1
        n = np.maximum(k1 - k0 + 1, 0)
        edge = np.repeat(np.arange(len(a)), n)
        k = np.repeat(k0, n) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (k - a[edge]) / (b[edge] - a[edge])
        ts.append(t)
        owners.append(edge)
    t = np.concatenate(ts)
    owner = np.concatenate(owners)
    order = np.lexsort((t, owner))
    t, owner = t[order], owner[order]
    ok = owner[:-1] == owner[1:]
    e = owner[:-1][ok]
    t1, t2 = t[:-1][ok], t[1:][ok]
    du = (t2 - t1) * (ub[e] - ua[e])
    tm = 0.5 * (t1 + t2)
    um = ua[e] + tm * (ub[e] - ua[e])
    vm = va[e] + tm * (vb[e] - va[e])
    return e, du, um, vm


def cell_weights(geometry: Polygonal, grid: Grid) -> tuple[int, int, np.ndarray]:
    """The exact area of ``geometry`` in every grid cell, over its bounding window.

    Returns
    -------
    tuple
        ``(first row, first column, weights)`` with ``weights`` a ``float64`` array
        ``(rows, columns)`` in cm² (all zero for an empty geometry, with a 0 x 0 window).
    """
    if geometry.is_empty:
        return 0, 0, np.zeros((0, 0))
    oriented = shapely.orient_polygons(geometry)  # exteriors counter-clockwise, holes clockwise
    parts = shapely.get_parts(oriented)
    rings = shapely.get_rings(parts)
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    h = grid.cell
    u = (xy[:, 0] - grid.x0) / h
    v = (xy[:, 1] - grid.y0) / h
    same = ring_of[:-1] == ring_of[1:]
    ua, va, ub, vb = u[:-1][same], v[:-1][same], u[1:][same], v[1:][same]
    _, du, um, vm = _edge_pieces(ua, va, ub, vb)
    col = np.clip(np.floor(um).astype(np.int64), 0, grid.nx - 1)
    row = np.clip(np.floor(vm).astype(np.int64), 0, grid.ny - 1)
    r0, r1 = int(row.min()), int(row.max()) + 1
    c0, c1 = int(col.min()), int(col.max()) + 1
    shape = (r1 - r0, c1 - c0)
    flat = (row - r0) * shape[1] + (col - c0)
    size = shape[0] * shape[1]
    # Inside the cell: -du (vm - row); every cell below it in the column: -du (whole cell).
    own = np.bincount(flat, -du * (vm - row), minlength=size).reshape(shape)
    below = np.bincount(flat, -du, minlength=size).reshape(shape)
    above = np.cumsum(below[::-1], axis=0)[::-1]  # sum over rows >= r
    weights = own + above - below  # rows > r only
    weights = np.clip(weights, 0.0, 1.0) * (h * h)
    return r0, c0, weights


@dataclass(frozen=True)
class _Table:
    """Row prefix sums of many windows of cell weights, flattened into one array."""

    view: np.ndarray  # per window
    r0: np.ndarray
    c0: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    offset: np.ndarray
    cum: np.ndarray  # per window rows x (cols + 1), concatenated
    ref: np.ndarray  # the reference each window belongs to
    ny: int  # rows of the grid


def _table(refs: Sequence[Sequence[Polygonal]], grid: Grid) -> _Table:
    view, r0s, c0s, rows, cols, offset, ref = [], [], [], [], [], [], []
    parts: list[np.ndarray] = []
    at = 0
    for k, per_view in enumerate(refs):
        for v, geom in enumerate(per_view):
            r0, c0, w = cell_weights(geom, grid)
            if not w.size:
                continue
            cum = np.zeros((w.shape[0], w.shape[1] + 1))
            np.cumsum(w, axis=1, out=cum[:, 1:])
            view.append(v)
            r0s.append(r0)
            c0s.append(c0)
            rows.append(w.shape[0])
            cols.append(w.shape[1])
            offset.append(at)
            ref.append(k)
            parts.append(cum.ravel())
            at += cum.size

    def arr(x: list[int]) -> np.ndarray:
        return np.array(x, dtype=np.int64)

    return _Table(
        arr(view), arr(r0s), arr(c0s), arr(rows), arr(cols), arr(offset),
        np.concatenate(parts) if parts else np.zeros(0), arr(ref), grid.ny,
    )  # fmt: skip


def overlaps(
    table: _Table, n_refs: int, n: int, n_views: int, geom: np.ndarray, row: np.ndarray,
    c0: np.ndarray, c1: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """Weighted overlap of every drawing's spans with every reference of ``table``: ``(refs, n)``.

    ``geom, row, c0, c1`` are the spans (:func:`~bodymap.analysis.cohort.grid.spans`) of the
    drawings' geometries ``(n, n_views)`` raveled; a covered cell adds the exact area the
    reference holds in it.
    """
    out = np.zeros((n_refs, n))
    if not len(geom) or not len(table.ref):
        return out
    grid_ny = int(table.ny)
    key = (geom % n_views) * grid_ny + row
    order = np.argsort(key, kind="stable")
    key, g, a, b = key[order], geom[order] // n_views, c0[order], c1[order]
    cum = table.cum
    for w in range(len(table.ref)):
        base = table.view[w] * grid_ny + table.r0[w]
        lo, hi = np.searchsorted(key, (base, base + table.rows[w]))
        if lo == hi:
            continue
        wa, wb = a[lo:hi] - table.c0[w], b[lo:hi] - table.c0[w]
        width = int(table.cols[w])
        hit = (wb > 0) & (wa < width)
        if not hit.any():
            continue
        stride = width + 1
        start = table.offset[w] + (key[lo:hi][hit] - base) * stride
        value = cum[start + np.minimum(wb[hit], width)] - cum[start + np.maximum(wa[hit], 0)]
        out[table.ref[w]] += np.bincount(g[lo:hi][hit], value, minlength=n)
    return out


def crossed_cells(geometries: np.ndarray, grid: Grid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every cell each geometry's boundary passes through: ``(geometry index, row, column)``.

    A superset, found without sorting: the cells around every point where an edge crosses a
    grid line and every vertex on one (both cells beside the line, and the cells below or
    left of a point on a second line too), and the cell of each ring's first vertex.  Each
    piece of an edge within one cell leads, within the cell, to such a point, so its cell is
    listed; cells are listed more than once.  A cell not listed lies
    wholly inside or outside the geometry (up to its border).  Cells beyond the grid are
    listed as the grid's edge cells.
    """
    empty = np.zeros(0, dtype=np.int64)
    geoms = np.asarray(geometries, dtype=object)
    if not len(geoms):
        return empty, empty, empty
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    xy, coord_of = shapely.get_coordinates(rings, return_index=True)
    if not len(xy):
        return empty, empty, empty
    u = (xy[:, 0] - grid.x0) / grid.cell
    v = (xy[:, 1] - grid.y0) / grid.cell
    owner = part_of[ring_of[coord_of]]
    same = coord_of[:-1] == coord_of[1:]
    # A vertex is needed only on a grid line, or as the one cell of a ring that crosses none
    # (the first vertex of every ring): a piece that ends at any other vertex goes on, in
    # the same cell, to a crossing or to another vertex.
    vertex = (u == np.floor(u)) | (v == np.floor(v))
    vertex[np.append(True, ~same)] = True
    points_u, points_v, points_of = [u[vertex]], [v[vertex]], [owner[vertex]]
    for a, b, c, d in ((u, v, 0, 1), (v, u, 1, 0)):
        # Crossings of the lines of the first coordinate ``a`` (its integers).
        a0, a1, b0, b1 = a[:-1][same], a[1:][same], b[:-1][same], b[1:][same]
        k0 = np.floor(np.minimum(a0, a1)).astype(np.int64) + 1
        k1 = np.ceil(np.maximum(a0, a1)).astype(np.int64) - 1
        n = np.maximum(k1 - k0 + 1, 0)
        edge = np.repeat(np.arange(len(a0)), n)
        k = np.repeat(k0, n) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
        t = (k - a0[edge]) / (a1[edge] - a0[edge])
        at = b0[edge] + t * (b1[edge] - b0[edge])
        crossing = (k.astype(float), at)
        points_u.append(crossing[c])
        points_v.append(crossing[d])
        points_of.append(owner[:-1][same][edge])
    pu, pv = np.concatenate(points_u), np.concatenate(points_v)
    who = np.concatenate(points_of)
    fu, fv = np.floor(pu), np.floor(pv)
    cols, rows, owners = [fu], [fv], [who]
    on_u, on_v = pu == fu, pv == fv
    for du, dv, mask in ((1, 0, on_u), (0, 1, on_v), (1, 1, on_u & on_v)):
        cols.append(fu[mask] - du)
        rows.append(fv[mask] - dv)
        owners.append(who[mask])
    col = np.clip(np.concatenate(cols), 0, grid.nx - 1).astype(np.int64)
    row = np.clip(np.concatenate(rows), 0, grid.ny - 1).astype(np.int64)
    return np.concatenate(owners), row, col


def boundary_weights(
    geometries: np.ndarray, grid: Grid
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The exact area of each geometry in every cell its boundary passes through.

    :func:`cell_weights` for many geometries at once, kept to the boundary cells (a cell the
    boundary misses is wholly inside or outside, which its centre tells).

    Returns
    -------
    tuple of arrays
        ``(geometry index, row, column, cm²)``, one entry per geometry and boundary cell,
        sorted by geometry, column and row.
    """
    empty = np.zeros(0, dtype=np.int64)
    geoms = np.asarray(geometries, dtype=object)
    if not len(geoms):
        return empty, empty, empty, np.zeros(0)
    parts, part_of = shapely.get_parts(shapely.orient_polygons(geoms), return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    xy, coord_of = shapely.get_coordinates(rings, return_index=True)
    if len(xy) < 2:
        return empty, empty, empty, np.zeros(0)
    h = grid.cell
    u = (xy[:, 0] - grid.x0) / h
    v = (xy[:, 1] - grid.y0) / h
    same = coord_of[:-1] == coord_of[1:]
    edge_geom = part_of[ring_of[coord_of[:-1][same]]]
    ua, va, ub, vb = u[:-1][same], v[:-1][same], u[1:][same], v[1:][same]
    e, du, um, vm = _edge_pieces(ua, va, ub, vb)
    col = np.clip(np.floor(um).astype(np.int64), 0, grid.nx - 1)
    row = np.clip(np.floor(vm).astype(np.int64), 0, grid.ny - 1)
    g = edge_geom[e]
    # One entry per geometry and cell, sorted by (geometry, column, row).
    code = (g * grid.nx + col) * grid.ny + row
    cells, where = np.unique(code, return_inverse=True)
    own = np.bincount(where, -du * (vm - row), minlength=len(cells))
    below = np.bincount(where, -du, minlength=len(cells))
    # Every boundary piece above a cell in its column adds -du (the whole cell) to it.
    column = cells // grid.ny
    suffix = np.cumsum(below[::-1])[::-1]  # sum over this entry and all after it
    last = np.append(np.flatnonzero(column[1:] != column[:-1]), len(cells) - 1)
    end = np.repeat(last, np.diff(np.append(-1, last)))
    after_group = np.append(suffix, 0.0)[end + 1]
    weights = own + (suffix - below - after_group)
    weights = np.clip(weights, 0.0, 1.0) * (h * h)
    geom_out = column // grid.nx
    return geom_out, cells % grid.ny, column % grid.nx, weights


class WeightIndex:
    """References (each a geometry per view) as exact cell weights, for raster overlaps.

    Parameters
    ----------
    refs
        For every reference, its geometry on each view (empty where it has none).
    grid
        The cohort's grid.
    """

    def __init__(self, refs: Sequence[Sequence[Polygonal]], grid: Grid) -> None:
        self.n_refs = len(refs)
        self.nx, self.ny = grid.nx, grid.ny
        self.table = _table(refs, grid)
        self._cells: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _by_cell(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The weights by cell: ``(start per flat cell + 1, reference, cm²)`` (built once)."""
        if self._cells is None:
            t = self.table
            ny = int(t.ny)
            cells, refs, weights = [], [], []
            for w in range(len(t.ref)):
                rows, cols = int(t.rows[w]), int(t.cols[w])
                cum = t.cum[t.offset[w] : t.offset[w] + rows * (cols + 1)].reshape(rows, cols + 1)
                weight = np.diff(cum, axis=1)
                rr, cc = np.nonzero(weight > 0)
                cells.append((t.view[w] * ny + t.r0[w] + rr) * self.nx + t.c0[w] + cc)
                refs.append(np.full(len(rr), t.ref[w], dtype=np.int64))
                weights.append(weight[rr, cc])
            flat = np.concatenate(cells) if cells else np.zeros(0, dtype=np.int64)
            order = np.argsort(flat, kind="stable")
            size = (int(t.view.max()) + 1 if len(t.view) else 1) * ny * self.nx
            start = np.zeros(size + 1, dtype=np.int64)
            np.cumsum(np.bincount(flat, minlength=size), out=start[1:])
            self._cells = (
                start,
                np.concatenate(refs)[order] if refs else np.zeros(0, dtype=np.int64),
                np.concatenate(weights)[order] if weights else np.zeros(0),
            )
        return self._cells

    def cell_sums(
        self, n: int, n_views: int, geom: np.ndarray, row: np.ndarray, col: np.ndarray
    ) -> np.ndarray:
        """The weights of every reference summed over single cells: ``(refs, n)``.

        ``geom`` is ``drawing * n_views + view`` for each cell ``(row, col)``; a cell listed
        twice counts twice.
        """
        start, ref, weight = self._by_cell()
        out = np.zeros((self.n_refs, n))
        flat = ((geom % n_views) * self.ny + row) * self.nx + col
        keep = flat < len(start) - 1
        flat, drawing = flat[keep], geom[keep] // n_views
        if not len(flat) or not len(ref):
            return out
        lo = start[flat]
        k = start[flat + 1] - lo
        at = np.repeat(lo, k) + (np.arange(int(k.sum())) - np.repeat(np.cumsum(k) - k, k))
        code = ref[at] * n + np.repeat(drawing, k)
        out += np.bincount(code, weight[at], minlength=self.n_refs * n).reshape(self.n_refs, n)
        return out

    def overlap(
        self, n: int, n_views: int, geom: np.ndarray, row: np.ndarray, c0: np.ndarray,
        c1: np.ndarray,
    ) -> np.ndarray:  # fmt: skip
        """Overlap (cm²) of every drawing with every reference: ``(refs, n)``."""
        return overlaps(self.table, self.n_refs, n, n_views, geom, row, c0, c1)


class RankIndex:
    """Every reference of a ranking as cell weights, for overlaps of many drawings at once.

    Parameters
    ----------
    refs
        The references (pattern sides), in ranking tie-break order.
    grid
        The cohort's grid.
    """

    def __init__(self, refs: Sequence[Reference], grid: Grid) -> None:
        self.refs = tuple(refs)
        self.grid = grid
        self.total_area = np.array([float(r.total_area.sum()) for r in refs])
        self.essential_area = np.array(
            [float(r.essential_area.sum()) if r.essential_area is not None else 0.0 for r in refs]
        )
        self.total = _table([r.total for r in refs], grid)
        self.essential = _table([r.essential or () for r in refs], grid)

    def scores(
        self,
        extent: np.ndarray,
        geom: np.ndarray,
        row: np.ndarray,
        c0: np.ndarray,
        c1: np.ndarray,
        n_views: int,
        by: str,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Dice (or fit) and Dice of every drawing against every reference: ``(refs, n)``.

        ``extent`` is each drawing's exact marked area; ``geom, row, c0, c1`` the spans of
        the drawings' geometries ``(n, n_views)`` raveled.  Undefined scores are ``-1``.
        """
        n = len(extent)
        overlap = overlaps(self.total, len(self.refs), n, n_views, geom, row, c0, c1)
        overlap = np.minimum(overlap, np.minimum(extent[None, :], self.total_area[:, None]))
        total = overlap_arrays(extent[None, :], self.total_area[:, None], overlap)
        dice = np.nan_to_num(total["dice"], nan=-1.0)
        if by != "fit":
            return dice, dice
        ess = overlaps(self.essential, len(self.refs), n, n_views, geom, row, c0, c1)
        ess = np.minimum(ess, self.essential_area[:, None])
        recall = overlap_arrays(extent[None, :], self.essential_area[:, None], ess)["recall"]
        fit = np.nan_to_num(fit_scores(total["precision"], recall), nan=-1.0)
        return fit, dice
