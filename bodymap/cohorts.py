"""Cohort analysis: many pain drawings to a table, frequency maps and region counts.

:func:`cohort` reads any mix of drawing files, folders of them and JSON Lines files (one drawing
per line), checks every drawing with the same rules as :func:`bodymap.load_drawing`, and
returns a :class:`CohortResult`:

* one row per drawing: ``source`` (the file, or ``file:line`` for JSON Lines), ``subject``,
  ``recorded``, ``extent_cm2`` and ``extent_pct`` (marked area inside the body, both views, in
  cm² and as % of the chart's body area), ``outside_cm2`` (marked outside the outline),
  ``n_marks``, ``regions`` (ids of the chart regions touched, ``;``-joined, chart order), with
  ``--by`` also ``group``, and for every pattern and side ``<pattern>_<side>_recall``,
  ``_precision``, ``_dice`` and ``_jaccard`` (hyphens in pattern names become underscores, as
  in ``gluteus_medius_left_dice``).  The measures are those of :func:`bodymap.compare`
  (areas rounded to 0.01 cm², shares to 4 decimals, empty where undefined);
* a frequency grid per view: how many drawings cover each cell of a :class:`Grid` of
  :data:`GRID_CELL` cm (a cell counts when its centre lies inside the drawing's marked area,
  clipped to the body);
* how many drawings touch each chart region;
* the same grids and region counts per group, if the drawings are grouped.

A drawing that cannot be read is recorded as a :class:`Problem` (``file:line: reason``),
reported and skipped; with ``strict=True`` the first one stops the run.

Speed.  Input is streamed in chunks; each chunk is analysed on its own (in a process pool with
``jobs`` > 1) and the results add up: rows append, grids and counts sum.  Within a chunk every
geometric step is one vectorised shapely call over the whole chunk (buffering the strokes,
the union of each drawing's marks per view, clipping to the outline, the intersection with
every pattern side, the regions touched through an STRtree), and the frequency grid is filled
by a numpy scanline rasteriser, so the cost per drawing is close to GEOS's own.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import importlib.util
import io
import json
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from bodymap.chart import Chart, load_chart
from bodymap.drawing import (
    AREA_EPS,
    Mark,
    _mark_shapes,
    check_envelope,
    parse_drawing_text,
    polygonal,
    read_drawing_json,
    read_marks,
)
from bodymap.errors import BodymapError, DataError, DrawingError, OutputError, UnknownNameError
from bodymap.pattern import Pattern, load_pattern

if TYPE_CHECKING:
    from bodymap.diagram import Diagram

__all__ = [
    "BASE_COLUMNS",
    "GRID_CELL",
    "MEASURES",
    "TABLE_FORMATS",
    "CohortResult",
    "CohortStopped",
    "Grid",
    "GroupCounts",
    "Problem",
    "TableWriter",
    "bare_intersection_seconds",
    "check_table_output",
    "cohort",
    "measure_columns",
    "rasterize",
    "read_groups",
]

#: Side length of a frequency-grid cell in cm (chart units): 386 x 701 cells per view.  Measured
#: on 5,000 synthetic drawings (``bench/bench_cohort.py``), the area a drawing adds to the map
#: differs from its exact area by 0.15 % (median; 95th percentile 0.8 %), and the whole map's
#: area by 0.03 %; 0.5 cm cells give 0.34 % / 2.3 %, 0.1 cm cells 0.04 % / 0.2 % at 6x the cells.
GRID_CELL = 0.25
#: The overlap measures of every pattern side, in column order.
MEASURES: tuple[str, ...] = ("recall", "precision", "dice", "jaccard")
#: The columns every row has, in order (``group`` follows when drawings are grouped).
BASE_COLUMNS: tuple[str, ...] = (
    "source",
    "subject",
    "recorded",
    "extent_cm2",
    "extent_pct",
    "outside_cm2",
    "n_marks",
    "regions",
)
#: Table formats by file suffix.
TABLE_FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
#: Table columns that hold whole numbers; measures and areas are floats, the rest text.
_INT_COLUMNS = frozenset({"n_marks", "count"})
_INT_PREFIXES = ("count_",)
_FLOAT_COLUMNS = frozenset({"extent_cm2", "extent_pct", "outside_cm2", "percent"})
_FLOAT_SUFFIXES = tuple(f"_{m}" for m in MEASURES)
_FLOAT_PREFIXES = ("percent_",)
#: Suffixes read as JSON Lines (one drawing per line); any other file is one drawing.
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson")
#: Suffixes of the drawing files picked up inside a folder.
FOLDER_SUFFIXES: tuple[str, ...] = (".json", ".geojson", *JSONL_SUFFIXES)
#: Sides a pattern can be measured on in a cohort.
COHORT_SIDES: tuple[str, ...] = ("left", "right", "both")

_FILES_PER_CHUNK = 400
_BYTES_PER_CHUNK = 1 << 20

PathLike = str | os.PathLike[str]
Polygonal = Polygon | MultiPolygon


class CohortStopped(BodymapError):
    """Raised with ``strict=True`` at the first input that cannot be read."""


@dataclass(frozen=True)
class Problem:
    """An input that could not be read and was skipped.

    Attributes
    ----------
    source
        The file, or ``file:line`` for a line of a JSON Lines file.
    message
        The whole one-line report, ``source: reason`` (as :class:`DrawingError` words it,
        with the feature index where there is one).
    """

    source: str
    message: str

    def __str__(self) -> str:
        return self.message


# --- the grid ------------------------------------------------------------------------------


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


def _spans(
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
    geom, row, c0, c1 = _spans(geometries, grid)
    return _accumulate(geom, row, c0, c1, grid, slots, n_slots)


def _accumulate(
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


# --- configuration, shared by the main process and the workers ------------------------------


def _column_name(pattern: str) -> str:
    return pattern.replace("-", "_").replace(" ", "_")


def measure_columns(patterns: Sequence[Pattern], sides: Sequence[str]) -> tuple[str, ...]:
    """The measure columns for ``patterns`` and ``sides``: ``<pattern>_<side>_<measure>``.

    A bilateral pattern has only the side ``both``.
    """
    out: list[str] = []
    for pattern, side in _pattern_sides(patterns, sides):
        out += [f"{_column_name(pattern.name)}_{side}_{m}" for m in MEASURES]
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
        self.region_ids = [r.id for r in chart.regions]
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
            per_view: list[Polygonal] = []
            for v in self.views:
                zones = [z.geometry for z in pattern.zones(side, v)]
                union = polygonal(shapely.union_all(zones)) if zones else Polygon()
                shapely.prepare(union)
                per_view.append(union)
            total = float(shapely.area(np.array(per_view, dtype=object)).sum())
            self.refs.append((f"{_column_name(pattern.name)}_{side}", per_view, total))
        self.columns = (
            BASE_COLUMNS
            + (("group",) if config.by else ())
            + measure_columns(patterns, config.sides)
        )
        self.charts_ok: dict[tuple[str, str], bool] = {}

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
_TILE_CACHE = 2048  # pieces kept per process (a few tens of MB)
_WORKER: _State | None = None


def _init_worker(config: _Config) -> None:
    global _WORKER
    _WORKER = _State(config)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    """A chunk of input: drawing files, or a block of whole lines of a JSON Lines file."""

    index: int
    files: tuple[str, ...] = ()
    source: str = ""
    first_line: int = 1
    data: bytes = b""
    size: int = 0  # bytes of input it stands for (progress)


def _documents(task: _Task) -> Iterator[tuple[str, Any]]:
    """``(source, parsed document or DrawingError)`` for each drawing of a task."""
    for name in task.files:
        try:
            yield name, read_drawing_json(Path(name))
        except DrawingError as exc:
            yield name, exc
    if task.source:
        number = task.first_line
        for line in task.data.split(b"\n"):
            if line.strip():
                source = f"{task.source}:{number}"
                if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                try:
                    yield source, parse_drawing_text(line, source)
                except DrawingError as exc:
                    yield source, exc
            number += 1


def _check_chart(state: _State, meta: Mapping[str, Any], source: str) -> None:
    """The drawing must be on the cohort's chart (the grids are of that chart)."""
    name = str(meta.get("chart", "adult"))
    if name.endswith(".json") and not os.path.isabs(name):
        # Relative to the drawing's file, or to the JSON Lines file it is a line of.
        name = str(Path(source).parent / name)
    key = (name, state.config.chart)
    ok = state.charts_ok.get(key)
    if ok is None:
        try:
            ok = load_chart(name) is state.chart
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
    """Check a parsed drawing exactly as :func:`bodymap.drawing.drawing_from_dict` does.

    The checks are the drawing module's own (``check_envelope`` and ``read_marks``); only the
    building of the :class:`~bodymap.drawing.Drawing` object, which would resolve the chart
    again for every drawing, is left out.
    """
    meta, features, _ = check_envelope(doc, source)
    _check_chart(state, meta, source)
    return meta, list(read_marks(features, source, state.chart))


# --- per-chunk analysis ------------------------------------------------------------------------


@dataclass
class GroupCounts:
    """Frequency grids and region counts of a set of drawings (all, or one group).

    Attributes
    ----------
    n
        Number of drawings.
    grids
        ``int32`` array ``(n_views, ny, nx)``: drawings covering each cell, per view (in
        chart view order).
    regions
        ``int64`` array, one count per chart region (in chart order): drawings touching it.
    """

    n: int
    grids: np.ndarray
    regions: np.ndarray

    def __iadd__(self, other: GroupCounts) -> GroupCounts:
        self.n += other.n
        self.grids += other.grids
        self.regions += other.regions
        return self

    def percent(self) -> np.ndarray:
        """The grids as % of the drawings (0 where there are none)."""
        if self.n == 0:
            return np.zeros(self.grids.shape, dtype=float)
        return self.grids * (100.0 / self.n)


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
        for k in np.flatnonzero(~single).tolist():
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
        overlapping = np.isin(keys, sorted_owner[a[meet]])
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


def _ratio(part: np.ndarray, whole: np.ndarray) -> list[float | None]:
    """``part / whole`` rounded to 4 decimals, ``None`` where ``whole`` is (nearly) 0."""
    ok = whole > AREA_EPS
    value = np.round(np.divide(part, np.where(ok, whole, 1.0)), 4)
    return [float(v) if k else None for v, k in zip(value.tolist(), ok.tolist())]


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


def _analyse(state: _State, task: _Task) -> _ChunkResult:
    """Read, check and measure one chunk of drawings."""
    with _collector_paused():
        return _analyse_chunk(state, task)


def _analyse_chunk(state: _State, task: _Task) -> _ChunkResult:
    problems: list[Problem] = []
    good: list[tuple[str, Mapping[str, Any], list[Mark]]] = []
    for source, doc in _documents(task):
        try:
            if isinstance(doc, DrawingError):
                raise doc
            meta, marks = _marks(state, doc, source)
        except DrawingError as exc:
            problems.append(Problem(source, str(exc)))
            continue
        good.append((source, meta, marks))
    n = len(good)
    n_views = len(state.views)
    inside, outside = _geometries(state, [m for _, _, m in good])
    area = shapely.area(inside)  # (n, views)
    extent = area.sum(axis=1)

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
        whole = np.full(n, total)
        measures.append(
            (
                prefix,
                [
                    _ratio(overlap, whole),
                    _ratio(overlap, extent),
                    _ratio(2.0 * overlap, extent + whole),
                    _ratio(overlap, extent + whole - overlap),
                ],
            )
        )

    # The cells each drawing covers, per view: the frequency grids, and the regions whose
    # cells they share.
    geom, row, c0, c1 = _spans(inside.ravel(), state.grid)
    labels = [_group_of(state, meta) for _, meta, _ in good]
    slot_names: list[str | None] = list(dict.fromkeys(labels)) or [None]
    slot_of = {name: i for i, name in enumerate(slot_names)}
    slot = np.array([slot_of[lab] for lab in labels], dtype=np.int64)
    cell_slots = (slot[:, None] * n_views + np.arange(n_views)[None, :]).ravel()
    grids = _accumulate(geom, row, c0, c1, state.grid, cell_slots, len(slot_names) * n_views)
    grids = grids.reshape(len(slot_names), n_views, state.grid.ny, state.grid.nx)
    touched = _touched(state, inside, geom, row, c0, c1)
    counts: dict[str | None, GroupCounts] = {}
    for i, name in enumerate(slot_names):
        mine = slot == i
        counts[name] = GroupCounts(
            int(mine.sum()), grids[i], touched[mine].sum(axis=0).astype(np.int64)
        )

    # Rows.
    rows: list[dict[str, Any]] = []
    ids = state.region_ids
    extent_r = np.round(extent, 2).tolist()
    pct_r = np.round(extent * (100.0 / state.body_area), 2).tolist()
    outside_r = np.round(outside.sum(axis=1), 2).tolist()
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
        rows.append(record)
    return _ChunkResult(task.index, task.size, rows, problems, counts)


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
    nx = state.grid.nx
    n_regions = len(state.region_ids)
    for v, (tree, geoms, index) in enumerate(state.trees):
        pairs = tree.query(inside[:, v])
        if not pairs.shape[1]:
            continue
        # Region runs under each span of this view.
        mine = geom % n_views == v
        starts, run_label = state.runs[v]
        first = row[mine] * nx + c0[mine]
        last = row[mine] * nx + c1[mine] - 1
        r0 = np.searchsorted(starts, first, side="right") - 1
        r1 = np.searchsorted(starts, last, side="right") - 1
        k = r1 - r0 + 1
        run = np.repeat(r0, k) + (np.arange(k.sum()) - np.repeat(np.cumsum(k) - k, k))
        who = np.repeat(geom[mine] // n_views, k)
        lab = run_label[run]
        ok = lab >= 0
        by_grid = np.unique(who[ok] * n_regions + lab[ok])
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


def _work(task: _Task) -> _ChunkResult:
    assert _WORKER is not None, "worker not initialised"
    return _analyse(_WORKER, task)


# --- inputs ----------------------------------------------------------------------------------


def _expand(inputs: Iterable[PathLike]) -> list[tuple[str, str]]:
    """``(kind, name)`` for every input, folders expanded: kind is ``file``, ``jsonl``, ``stdin``.

    Raises
    ------
    DataError
        If an input does not exist.
    """
    out: list[tuple[str, str]] = []
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            out.append(("stdin", "-"))
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in FOLDER_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in found:
                out.append(("jsonl" if p.suffix.lower() in JSONL_SUFFIXES else "file", str(p)))
        elif path.is_file():
            out.append(("jsonl" if path.suffix.lower() in JSONL_SUFFIXES else "file", name))
        else:
            raise DataError(f"{name}: no such file or folder")
    return out


def _input_size(expanded: Sequence[tuple[str, str]]) -> int | None:
    total = 0
    for kind, name in expanded:
        if kind == "stdin":
            return None
        with contextlib.suppress(OSError):
            total += os.path.getsize(name)
    return total


def _tasks(
    expanded: Sequence[tuple[str, str]], files_per_chunk: int, bytes_per_chunk: int
) -> Iterator[_Task]:
    """Cut the inputs into chunks, in input order, reading JSON Lines block by block."""
    index = 0
    pending: list[str] = []
    pending_size = 0

    def flush() -> _Task:
        nonlocal index, pending, pending_size
        task = _Task(index, files=tuple(pending), size=pending_size)
        index += 1
        pending, pending_size = [], 0
        return task

    for kind, name in expanded:
        if kind == "file":
            pending.append(name)
            with contextlib.suppress(OSError):
                pending_size += os.path.getsize(name)
            if len(pending) >= files_per_chunk:
                yield flush()
            continue
        if pending:
            yield flush()
        try:
            stream: IO[bytes] = sys.stdin.buffer if kind == "stdin" else open(name, "rb")  # noqa: SIM115
        except OSError as exc:
            raise DataError(f"{name}: cannot read: {exc.strerror or exc}") from None
        shown = "<stdin>" if kind == "stdin" else name
        line = 1
        try:
            while True:
                block = stream.read(bytes_per_chunk)
                if not block:
                    break
                if not block.endswith(b"\n"):
                    block += stream.readline()
                yield _Task(index, source=shown, first_line=line, data=block, size=len(block))
                index += 1
                line += block.count(b"\n")
        except OSError as exc:
            raise DataError(f"{shown}: cannot read: {exc.strerror or exc}") from None
        finally:
            if kind != "stdin":
                stream.close()
    if pending:
        yield flush()


# --- groups ----------------------------------------------------------------------------------


def read_groups(path: PathLike, by: str, key: str = "subject") -> dict[str, str]:
    """Read a table that assigns drawings to groups.

    Parameters
    ----------
    path
        A CSV (or semicolon- or tab-separated) file with a header row.
    by
        The column that holds the group.
    key
        The column that names the drawing: ``subject`` (default) matches
        ``bodymap.subject`` of the drawing; any other name matches the drawing's
        ``bodymap`` member of that name.

    Returns
    -------
    dict
        Group by key value; rows with an empty key or group are left out.

    Raises
    ------
    DataError
        If the file cannot be read, lacks a column, or gives one key two groups.
    """
    where = os.fspath(path)
    try:
        text = Path(where).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise DataError(f"{where}: cannot read the groups table: {reason or exc}") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = reader.fieldnames or []
    for needed in (key, by):
        if needed not in columns:
            raise DataError(
                f"{where}: no column {needed!r} in the groups table; columns: "
                + (", ".join(columns) or "(none)")
            )
    groups: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        k = (row.get(key) or "").strip()
        g = (row.get(by) or "").strip()
        if not k or not g:
            continue
        if groups.get(k, g) != g:
            raise DataError(
                f"{where}:{number}: {key} {k!r} is in two groups ({groups[k]!r} and {g!r})"
            )
        groups[k] = g
    return groups


# --- the result ------------------------------------------------------------------------------


@dataclass
class CohortResult:
    """What :func:`cohort` found.

    Attributes
    ----------
    rows
        One dict per drawing, in input order, with the keys in :attr:`columns` (empty if the
        run was asked not to keep rows).
    columns
        The table's column names, in order.
    total
        Frequency grids and region counts of all drawings (:class:`GroupCounts`).
    groups
        The same per group, groups in order of first appearance (empty without grouping);
        drawings without a group count only in :attr:`total`.
    problems
        The inputs that could not be read, in input order.
    chart
        The chart the drawings are measured on.
    grid
        The frequency grid.
    patterns
        ``(pattern name, side)`` pairs that have measure columns.
    seconds
        Wall time of the run.
    """

    rows: list[dict[str, Any]]
    columns: tuple[str, ...]
    total: GroupCounts
    groups: dict[str, GroupCounts]
    problems: list[Problem]
    chart: Chart
    grid: Grid
    patterns: tuple[tuple[str, str], ...]
    by: str | None = None
    seconds: float = 0.0

    @property
    def n(self) -> int:
        """Number of drawings analysed (broken inputs not included)."""
        return self.total.n

    @property
    def views(self) -> tuple[str, ...]:
        """The chart views, in the order of the grids."""
        return self.chart.views

    def counts(self, view: str, group: str | None = None) -> np.ndarray:
        """Drawings covering each cell of ``view`` (``int32``, ``(ny, nx)``, row 0 at bottom)."""
        grids: np.ndarray = self._of(group).grids
        return grids[self.views.index(self.chart.check_view(view))]  # type: ignore[no-any-return]

    def frequency(self, view: str, group: str | None = None) -> np.ndarray:
        """% of the drawings (of ``group``, or all) covering each cell of ``view``."""
        grids = self._of(group).percent()
        return grids[self.views.index(self.chart.check_view(view))]  # type: ignore[no-any-return]

    def frequency_at(self, view: str, x: float, y: float, group: str | None = None) -> float:
        """% of the drawings covering the grid cell that holds chart point ``(x, y)``."""
        row, col = self.grid.index(x, y)
        return float(self.frequency(view, group)[row, col])

    def _of(self, group: str | None) -> GroupCounts:
        if group is None:
            return self.total
        try:
            return self.groups[group]
        except KeyError:
            raise UnknownNameError("group", group, self.groups) from None

    def region_table(self, lang: str = "en") -> list[dict[str, Any]]:
        """Drawings touching each chart region: one dict per region, in chart order.

        Keys: ``region``, ``view``, ``side``, ``name`` (in ``lang``), ``count``, ``percent``
        (of all drawings), and per group ``count_<group>`` and ``percent_<group>``.
        """
        out = []
        for i, region in enumerate(self.chart.regions):
            row: dict[str, Any] = {
                "region": region.id,
                "view": region.view,
                "side": region.side,
                "name": region.name(lang),
                "count": int(self.total.regions[i]),
                "percent": _pct(self.total.regions[i], self.total.n),
            }
            for name, counts in self.groups.items():
                row[f"count_{name}"] = int(counts.regions[i])
                row[f"percent_{name}"] = _pct(counts.regions[i], counts.n)
            out.append(row)
        return out

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas, which bodymap does not require)."""
        try:
            import pandas as pd  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            raise BodymapError(
                "to_pandas() needs pandas, which is not installed (pip install pandas)"
            ) from None
        return pd.DataFrame(self.rows, columns=list(self.columns))

    def write_table(self, path: PathLike) -> Path:
        """Write :attr:`rows` as CSV, TSV or JSON Lines (by suffix), atomically."""
        from bodymap.diagram import atomic_write

        out, fmt = check_table_output(path)
        atomic_write(out, lambda fh: _write_rows(fh, fmt, self.columns, self.rows))
        return out

    def write_regions(self, path: PathLike, lang: str = "en") -> Path:
        """Write :meth:`region_table` as CSV, TSV, JSON Lines or Parquet (by suffix), atomically."""
        from bodymap.diagram import atomic_write

        out, fmt = check_table_output(path)
        table = self.region_table(lang)
        columns = tuple(table[0]) if table else ()
        atomic_write(out, lambda fh: _write_rows(fh, fmt, columns, table))
        return out

    def frequency_map(
        self,
        lang: str = "en",
        title: str | None = None,
        groups: Sequence[str] | None = None,
        difference: bool = True,
    ) -> Diagram:
        """The frequency map: % of patients marking each spot, as a heat map on the chart.

        Parameters
        ----------
        lang
            ``"en"`` or ``"nl"``.
        title
            Figure title (default: "Pain frequency map").
        groups
            Groups to draw side by side on one colour scale (default: all groups if the
            drawings are grouped, else all drawings).
        difference
            With exactly two groups, add a map of their difference (first minus second, in
            percentage points).
        """
        from bodymap.cohort_map import frequency_scene
        from bodymap.diagram import Diagram

        return Diagram(frequency_scene(self, lang, title, groups, difference))

    def region_map(
        self, lang: str = "en", title: str | None = None, group: str | None = None
    ) -> Diagram:
        """A choropleth of the chart regions: % of drawings touching each region."""
        from bodymap.cohort_map import region_scene
        from bodymap.diagram import Diagram

        return Diagram(region_scene(self, lang, title, group))


def _pct(count: Any, n: int) -> float:
    return round(100.0 * float(count) / n, 2) if n else 0.0


def check_table_output(path: PathLike) -> tuple[Path, str]:
    """Check a table output path before any work; return it and its format.

    Raises
    ------
    OutputError
        If the suffix is not ``.csv``, ``.tsv``, ``.jsonl`` or ``.ndjson``, or the folder does
        not exist.
    """
    out = Path(path)
    fmt = TABLE_FORMATS.get(out.suffix.lower())
    if fmt is None:
        shown = out.suffix or "(none)"
        raise OutputError(f"{out}: unknown table format {shown}; use " + ", ".join(TABLE_FORMATS))
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise OutputError(f"{out}: writing Parquet needs pyarrow (pip install 'bodymap[parquet]')")
    if not out.parent.is_dir():
        raise OutputError(f"{out}: folder {str(out.parent)!r} does not exist")
    if out.is_dir():
        raise OutputError(f"{out}: is a folder")
    return out, fmt


def _arrow_schema(columns: Sequence[str]) -> Any:
    """The Parquet schema of a table: counts as int64, areas, shares and measures as float64."""
    import pyarrow as pa

    def kind(column: str) -> Any:
        if column in _INT_COLUMNS or column.startswith(_INT_PREFIXES):
            return pa.int64()
        if (
            column in _FLOAT_COLUMNS
            or column.endswith(_FLOAT_SUFFIXES)
            or column.startswith(_FLOAT_PREFIXES)
        ):
            return pa.float64()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in columns])


class TableWriter:
    """Writes rows to a binary file as CSV, TSV, JSON Lines or Parquet, a chunk at a time.

    Parquet (through pyarrow, an optional dependency) gets one row group per chunk, with
    typed columns: ``n_marks`` int64, areas and measures float64 (null where undefined),
    the rest text.
    """

    def __init__(self, fh: IO[bytes], fmt: str, columns: Sequence[str]) -> None:
        self.fmt = fmt
        self.columns = tuple(columns)
        self.csv: Any = None
        self.parquet: Any = None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self.schema = _arrow_schema(self.columns)
            self.parquet = pq.ParquetWriter(fh, self.schema)
            return
        self.text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
        if fmt in ("csv", "tsv"):
            self.csv = csv.writer(
                self.text, delimiter="," if fmt == "csv" else "\t", lineterminator="\n"
            )
            self.csv.writerow(self.columns)

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Append rows (``None`` is written as an empty cell, or ``null`` in JSON)."""
        if self.parquet is not None:
            import pyarrow as pa

            cols = self.columns
            table = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows], self.schema)
            if table.num_rows:
                self.parquet.write_table(table)
            return
        if self.csv is not None:
            cols = self.columns
            self.csv.writerows(["" if (v := r.get(c)) is None else v for c in cols] for r in rows)
        else:
            for r in rows:
                self.text.write(json.dumps({c: r.get(c) for c in self.columns}) + "\n")

    def close(self) -> None:
        """Flush and detach (the binary file stays open for its owner)."""
        if self.parquet is not None:
            self.parquet.close()
            return
        self.text.flush()
        self.text.detach()


def _write_rows(
    fh: IO[bytes], fmt: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> None:
    writer = TableWriter(fh, fmt, columns)
    writer.write(rows)
    writer.close()


# --- the run ---------------------------------------------------------------------------------


def _empty_counts(state: _State) -> GroupCounts:
    return GroupCounts(
        0,
        np.zeros((len(state.views), state.grid.ny, state.grid.nx), dtype=np.int32),
        np.zeros(len(state.region_ids), dtype=np.int64),
    )


def cohort(
    inputs: PathLike | Iterable[PathLike],
    patterns: Sequence[str | PathLike] = ("iliopsoas",),
    sides: Sequence[str] = ("left", "right"),
    *,
    chart: str | PathLike = "adult",
    by: str | None = None,
    groups: PathLike | Mapping[str, str] | None = None,
    key: str = "subject",
    jobs: int = 1,
    strict: bool = False,
    cell: float = GRID_CELL,
    keep_rows: bool = True,
    on_rows: Callable[[list[dict[str, Any]]], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Callable[[int, int | None, int, int], None] | None = None,
) -> CohortResult:
    """Analyse a cohort of pain drawings: a table, frequency grids and region counts.

    Parameters
    ----------
    inputs
        Drawing files, folders (searched recursively for ``.json``, ``.geojson``, ``.jsonl``
        and ``.ndjson`` files, hidden ones skipped) and JSON Lines files (``.jsonl`` or
        ``.ndjson``, one drawing per line; ``"-"`` reads JSON Lines from stdin), in any mix.
    patterns
        Referral patterns to measure every drawing against (built-in names or files).
    sides
        Pattern sides to measure: ``"left"``, ``"right"`` and/or ``"both"`` (both sides at
        once); a bilateral pattern is measured once, as ``both``.
    chart
        The chart the drawings are on; a drawing on another chart is a broken input.
    by
        Group the drawings by this column of ``groups``, or, without ``groups``, by this
        member of each drawing's ``bodymap`` block (e.g. ``"clinic"``).
    groups
        A table (CSV path, see :func:`read_groups`) or a mapping from ``key`` value to group.
    key
        What identifies a drawing in ``groups`` (default ``subject``).
    jobs
        Worker processes (1: none, all in this process; 0: one per CPU).
    strict
        Stop at the first input that cannot be read (raise :class:`CohortStopped`).
    cell
        Frequency-grid cell size in cm.
    keep_rows
        Keep the rows in the result (turn off to stream them through ``on_rows`` only).
    on_rows
        Called with each chunk's rows, in input order.
    on_problem
        Called with each broken input, in input order.
    on_progress
        Called after each chunk with ``(bytes done, bytes in total or None, drawings,
        problems)``.

    Returns
    -------
    CohortResult
        Rows, grids, region counts and problems.

    Raises
    ------
    DataError
        If an input does not exist or a groups table is unusable.
    UnknownNameError
        For an unknown pattern, side or chart.
    CohortStopped
        With ``strict=True``, at the first broken input.

    Examples
    --------
    >>> import bodymap
    >>> result = bodymap.cohort(["drawings/", "more.jsonl"], jobs=2)  # doctest: +SKIP
    >>> result.rows[0]["iliopsoas_left_dice"]  # doctest: +SKIP
    """
    started = time.perf_counter()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for side in sides:
        if side not in COHORT_SIDES:
            raise UnknownNameError("side", side, COHORT_SIDES)
    the_chart = load_chart(chart)
    loaded = [load_pattern(p) for p in patterns]
    for pattern in loaded:
        if pattern.chart != the_chart.name:
            raise DataError(
                f"pattern {pattern.name!r} is drawn on chart {pattern.chart!r}, "
                f"but the cohort is analysed on chart {the_chart.name!r}"
            )
    if groups is not None and by is None:
        raise BodymapError("a groups table needs 'by', the column that holds the group")
    group_map: Mapping[str, str] | None = None
    if groups is not None:
        assert by is not None
        group_map = dict(groups) if isinstance(groups, Mapping) else read_groups(groups, by, key)
    config = _Config(
        chart=str(the_chart.path) if the_chart.path is not None else os.fspath(chart),
        patterns=tuple(str(p.path) if p.path is not None else p.name for p in loaded),
        sides=tuple(dict.fromkeys(sides)),
        cell=float(cell),
        by=by,
        groups=group_map,
        key=key,
    )
    state = _State(config)
    expanded = _expand(inputs)
    total_bytes = _input_size(expanded)
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise BodymapError(f"jobs must be 0 (all CPUs) or more, not {jobs}")
    bytes_per_chunk = _BYTES_PER_CHUNK
    files_per_chunk = _FILES_PER_CHUNK
    if jobs > 1 and total_bytes:
        # Enough chunks for every worker to have several, but not tiny ones.
        bytes_per_chunk = int(min(_BYTES_PER_CHUNK, max(64 << 10, total_bytes // (jobs * 4))))
        n_files = sum(1 for kind, _ in expanded if kind == "file")
        files_per_chunk = int(min(_FILES_PER_CHUNK, max(16, n_files // (jobs * 4) or 1)))

    result = CohortResult(
        rows=[],
        columns=state.columns,
        total=_empty_counts(state),
        groups={},
        problems=[],
        chart=the_chart,
        grid=state.grid,
        patterns=tuple((p.name, s) for p, s in _pattern_sides(loaded, config.sides)),
        by=by,
    )
    done = 0

    def absorb(chunk: _ChunkResult) -> None:
        nonlocal done
        for problem in chunk.problems:
            if strict:
                raise CohortStopped(f"{problem.message} (stopped: --strict)")
            result.problems.append(problem)
            if on_problem is not None:
                on_problem(problem)
        for name, counts in chunk.counts.items():
            result.total += counts
            if name is not None:
                if name not in result.groups:
                    result.groups[name] = _empty_counts(state)
                result.groups[name] += counts
        if keep_rows:
            result.rows.extend(chunk.rows)
        if on_rows is not None and chunk.rows:
            on_rows(chunk.rows)
        done += chunk.size
        if on_progress is not None:
            on_progress(done, total_bytes, result.total.n, len(result.problems))

    tasks = _tasks(expanded, files_per_chunk, bytes_per_chunk)
    if jobs == 1:
        for task in tasks:
            absorb(_analyse(state, task))
    else:
        _run_pool(tasks, config, jobs, absorb)
    if strict and result.problems:  # pragma: no cover - absorb raises first
        raise CohortStopped(result.problems[0].message)
    result.groups = dict(sorted(result.groups.items()))
    result.seconds = time.perf_counter() - started
    return result


def _run_pool(
    tasks: Iterator[_Task], config: _Config, jobs: int, absorb: Callable[[_ChunkResult], None]
) -> None:
    """Analyse the tasks in a process pool, absorbing results in input order.

    At most ``3 × jobs`` chunks are in flight, so memory stays bounded however long the
    input is.
    """
    in_flight: deque[Future[_ChunkResult]] = deque()
    limit = 3 * jobs
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(config,)
    ) as pool:
        try:
            for task in tasks:
                in_flight.append(pool.submit(_work, task))
                while len(in_flight) >= limit:
                    absorb(in_flight.popleft().result())
            while in_flight:
                absorb(in_flight.popleft().result())
        except BaseException:
            for future in in_flight:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def bare_intersection_seconds(
    drawings: Iterable[Any], pattern: str = "iliopsoas", chart: str = "adult"
) -> tuple[float, int]:
    """Time bare ``shapely.intersection`` of drawings with a pattern (for the benchmark).

    Each drawing's marked geometry per view (as the cohort analysis computes it, untimed) is
    intersected with the union of the pattern's zones on that view, for the left and the
    right side, in one vectorised call per view and side, with no prefilter.

    Returns
    -------
    tuple
        Seconds spent in the intersections, and the number of drawings.
    """
    config = _Config(chart, (pattern,), ("left", "right"), GRID_CELL, None, None, "subject")
    state = _State(config)
    marks = [_marks(state, doc, "<bench>")[1] for doc in drawings]
    inside, _ = _geometries(state, marks)
    seconds = 0.0
    for _, per_view, _ in state.refs:
        for v, ref in enumerate(per_view):
            geoms = inside[:, v]
            t0 = time.perf_counter()
            shapely.area(shapely.intersection(geoms, ref))
            seconds += time.perf_counter() - t0
    return seconds, len(marks)
