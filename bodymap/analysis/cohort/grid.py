"""The frequency grid: regular square cells over the chart, and a numpy scanline fill.

A cell counts a drawing when the cell's centre lies inside the drawing's marked area
(clipped to the body).  :func:`rasterize` counts, for every cell, the polygons that hold its
centre, with no Python loop over geometries, edges or rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from bodymap.core.errors import BodymapError
from bodymap.model.chart import Chart

__all__ = ["GRID_CELL", "Grid", "rasterize", "spans"]

#: Side length of a frequency-grid cell in cm (chart units): 386 x 701 cells per view.  Measured
#: on 5,000 synthetic drawings (``bench/bench_cohort.py``), the area a drawing adds to the map
#: differs from its exact area by 0.15 % (median; 95th percentile 0.8 %), and the whole map's
#: area by 0.03 %; 0.5 cm cells give 0.34 % / 2.3 %, 0.1 cm cells 0.04 % / 0.2 % at 6x the cells.
GRID_CELL = 0.25


@dataclass(frozen=True)
class Grid:
    """A regular grid of square cells over a chart view, in chart centimetres.

    Cell ``[row, col]`` covers ``x0 + col·cell ≤ x < x0 + (col+1)·cell`` and
    ``y0 + row·cell ≤ y < y0 + (row+1)·cell``: row 0 is at the bottom (y up, as on the chart).
    All views of a chart share the grid.
    """

    cell: float
    x0: float
    y0: float
    nx: int
    ny: int

    @classmethod
    def for_chart(cls, chart: Chart, cell: float = GRID_CELL) -> Grid:
        """The grid of ``cell`` cm covering every view's outline of ``chart``."""
        if not (cell > 0 and math.isfinite(cell)):
            raise BodymapError(f"grid cell must be a positive number of cm, not {cell}")
        bounds = np.array([chart.outline(v).bounds for v in chart.views])
        x0 = math.floor(bounds[:, 0].min() / cell) * cell
        y0 = math.floor(bounds[:, 1].min() / cell) * cell
        nx = math.ceil((bounds[:, 2].max() - x0) / cell)
        ny = math.ceil((bounds[:, 3].max() - y0) / cell)
        return cls(cell, float(x0), float(y0), int(nx), int(ny))

    @property
    def shape(self) -> tuple[int, int]:
        """``(ny, nx)``: rows and columns."""
        return (self.ny, self.nx)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` of the whole grid in chart cm."""
        return (self.x0, self.y0, self.x0 + self.nx * self.cell, self.y0 + self.ny * self.cell)

    def index(self, x: float, y: float) -> tuple[int, int]:
        """``(row, col)`` of the cell holding chart point ``(x, y)``.

        Raises
        ------
        BodymapError
            If the point lies outside the grid.
        """
        col = math.floor((x - self.x0) / self.cell)
        row = math.floor((y - self.y0) / self.cell)
        if not (0 <= row < self.ny and 0 <= col < self.nx):
            raise BodymapError(f"point ({x}, {y}) lies outside the frequency grid")
        return row, col


def spans(
    geometries: np.ndarray, grid: Grid
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The runs of grid cells whose centres lie inside each geometry (a scanline fill).

    Every polygon edge is intersected with the horizontal lines through the cell centres it
    spans; the crossings are sorted per geometry and row and paired into spans (even-odd
    rule, so holes work).  No Python loop over geometries, edges or rows.

    Returns
    -------
    tuple of arrays
        ``(geometry index, row, first column, end column)`` of each span (end exclusive,
        columns clipped to the grid, empty spans dropped).
    """
    empty = np.zeros(0, dtype=np.int64)
    geoms = np.asarray(geometries, dtype=object)
    if not len(geoms):
        return empty, empty, empty, empty
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    xy, coord_of = shapely.get_coordinates(rings, return_index=True)
    if len(xy) < 2:
        return empty, empty, empty, empty
    same = coord_of[:-1] == coord_of[1:]
    xa, ya = xy[:-1, 0][same], xy[:-1, 1][same]
    xb, yb = xy[1:, 0][same], xy[1:, 1][same]
    owner = part_of[ring_of[coord_of[:-1][same]]]
    h, ny, nx = grid.cell, grid.ny, grid.nx
    # Rows whose centre line y_r = y0 + (r + 0.5) h satisfies min(ya, yb) <= y_r < max(ya, yb).
    lo = np.clip(np.ceil((np.minimum(ya, yb) - grid.y0) / h - 0.5), 0, ny).astype(np.int64)
    hi = np.clip(np.ceil((np.maximum(ya, yb) - grid.y0) / h - 0.5), 0, ny).astype(np.int64)
    n = hi - lo
    keep = n > 0
    if not keep.any():
        return empty, empty, empty, empty
    n = n[keep]
    edge = np.repeat(np.flatnonzero(keep), n)
    row = np.repeat(lo[keep], n) + (np.arange(len(edge)) - np.repeat(np.cumsum(n) - n, n))
    yc = grid.y0 + (row + 0.5) * h
    x = xa[edge] + (yc - ya[edge]) * (xb[edge] - xa[edge]) / (yb[edge] - ya[edge])
    # One sort key: the scanline (geometry, row) plus x scaled into [0, 1).
    span_x = grid.nx * h + 2.0
    frac = np.clip((x - grid.x0 + 1.0) / span_x, 0.0, 0.999999)
    order = np.argsort((owner[edge] * ny + row) + frac)
    x = x[order]
    row = row[order][0::2]
    geom = owner[edge[order][0::2]]
    c0 = np.clip(np.ceil((x[0::2] - grid.x0) / h - 0.5), 0, nx).astype(np.int64)
    c1 = np.clip(np.ceil((x[1::2] - grid.x0) / h - 0.5), 0, nx).astype(np.int64)
    span = c1 > c0
    return geom[span], row[span], c0[span], c1[span]


def rasterize(
    geometries: np.ndarray, grid: Grid, slots: np.ndarray | None = None, n_slots: int = 1
) -> np.ndarray:
    """Count, for every grid cell, the polygons whose interior holds the cell's centre.

    A numpy scanline fill (see the module docstring): the spans of cells inside each polygon
    are added to a difference array, which is then summed along the rows.

    Parameters
    ----------
    geometries
        Array of valid Polygon / MultiPolygon geometries (empties are skipped); the parts of
        one geometry must not overlap (true for a union).
    grid
        The grid.
    slots
        For each geometry, the index of the count array it adds to (default: all to 0).
    n_slots
        The number of count arrays.

    Returns
    -------
    numpy.ndarray
        ``int32`` counts of shape ``(n_slots, ny, nx)``.
    """
    geom, row, c0, c1 = spans(geometries, grid)
    return accumulate(geom, row, c0, c1, grid, slots, n_slots)


def accumulate(
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
    grid: Grid,
    slots: np.ndarray | None,
    n_slots: int,
) -> np.ndarray:
    ny, nx = grid.ny, grid.nx
    width = nx + 1
    size = n_slots * ny * width
    slot = geom * 0 if slots is None else np.asarray(slots, dtype=np.int64)[geom]
    base = (slot * ny + row) * width
    diff = np.bincount(base + c0, minlength=size) - np.bincount(base + c1, minlength=size)
    grids = np.cumsum(diff.reshape(n_slots, ny, width), axis=2)[:, :, :nx]
    return grids.astype(np.int32)
