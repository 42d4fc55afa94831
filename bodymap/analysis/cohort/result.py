"""What a cohort run found: rows, frequency grids, region counts, problems.

:class:`CohortData` holds the data and writes the tables; :class:`bodymap.CohortResult`
(in :mod:`bodymap.apps.cohort`, the layer that may draw) is a :class:`CohortData` that can
also draw its maps, and is what :func:`bodymap.cohort` returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bodymap.analysis.cohort.grid import Grid, accumulate
from bodymap.analysis.cohort.tables import Column, check_table_output, write_rows
from bodymap.core.errors import BodymapError, UnknownNameError
from bodymap.core.output import atomic_write
from bodymap.model.chart import Chart, Region
from bodymap.model.scheme import Scheme, SchemeArea

__all__ = [
    "AreaGrids",
    "CohortData",
    "CohortStopped",
    "GroupCounts",
    "Problem",
    "RunLengths",
    "slot_runs",
]

PathLike = str | os.PathLike[str]


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


class RunLengths:
    """A stack of count grids, flattened, held as runs of equal values.

    A group's frequency grids are mostly zeros and, where drawings overlap, long runs of
    one count along each row: this holds the first cell of every run and its value, a few
    kilobytes where the dense grids take megabytes.  Adding two takes time in the number of
    runs, not of cells.

    Parameters
    ----------
    shape
        The dense shape, ``(n_views, ny, nx)``.
    starts
        ``int64``: the flat index where each run starts, ascending, the first ``0``.
    values
        ``int32``: the count of every cell of each run.
    """

    __slots__ = ("shape", "starts", "values")

    def __init__(self, shape: tuple[int, ...], starts: np.ndarray, values: np.ndarray) -> None:
        self.shape = shape
        self.starts = starts
        self.values = values

    @classmethod
    def zeros(cls, shape: tuple[int, ...]) -> RunLengths:
        """All-zero grids of ``shape``."""
        return cls(shape, np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int32))

    @classmethod
    def encode(cls, dense: np.ndarray) -> RunLengths:
        """The runs of ``dense`` (any shape, counts)."""
        flat = dense.ravel()
        starts = np.flatnonzero(flat[1:] != flat[:-1]) + 1
        starts = np.concatenate((np.zeros(1, dtype=np.int64), starts.astype(np.int64)))
        return cls(tuple(dense.shape), starts, flat[starts].astype(np.int32))

    def decode(self) -> np.ndarray:
        """The dense ``int32`` grids."""
        size = int(np.prod(self.shape))
        lengths = np.diff(np.append(self.starts, size))
        return np.repeat(self.values, lengths).reshape(self.shape)

    def __add__(self, other: RunLengths) -> RunLengths:
        # Both are sorted: a stable sort of the two merges them in linear time.
        starts = np.sort(np.concatenate((self.starts, other.starts)), kind="stable")
        starts = starts[np.concatenate(([True], starts[1:] != starts[:-1]))]
        values = (
            self.values[np.searchsorted(self.starts, starts, side="right") - 1]
            + other.values[np.searchsorted(other.starts, starts, side="right") - 1]
        )
        keep = np.ones(len(values), dtype=bool)
        keep[1:] = values[1:] != values[:-1]
        return RunLengths(self.shape, starts[keep], values[keep])

    @property
    def nbytes(self) -> int:
        """Bytes held by the runs."""
        return int(self.starts.nbytes + self.values.nbytes)


class AreaGrids:
    """Count grids of code lists, held as the count of every area: computed when asked for.

    The areas of a code scheme do not overlap, so the drawings covering a cell are the
    drawings marking the area that holds it: the grids follow from one count per area.

    Parameters
    ----------
    per_area
        ``int64``: drawings marking each scheme area.
    cells, owner
        The flat cell indices of every area and the area each belongs to (shared, not
        copied, by all the groups of a run).
    shape
        The dense shape, ``(n_views, ny, nx)``.
    """

    __slots__ = ("cells", "owner", "per_area", "shape")

    def __init__(
        self, per_area: np.ndarray, cells: np.ndarray, owner: np.ndarray, shape: tuple[int, ...]
    ) -> None:
        self.per_area = per_area
        self.cells = cells
        self.owner = owner
        self.shape = shape

    def zeros(self) -> AreaGrids:
        """All-zero grids on the same areas."""
        return AreaGrids(np.zeros_like(self.per_area), self.cells, self.owner, self.shape)

    def decode(self) -> np.ndarray:
        """The dense ``int32`` grids."""
        size = int(np.prod(self.shape))
        dense = np.bincount(self.cells, weights=self.per_area[self.owner], minlength=size)
        return dense.astype(np.int32).reshape(self.shape)

    def __add__(self, other: AreaGrids) -> AreaGrids:
        return AreaGrids(self.per_area + other.per_area, self.cells, self.owner, self.shape)

    @property
    def nbytes(self) -> int:
        """Bytes held of its own (the shared cell masks not included)."""
        return int(self.per_area.nbytes)


def slot_runs(
    geom: np.ndarray,
    row: np.ndarray,
    c0: np.ndarray,
    c1: np.ndarray,
    grid: Grid,
    slots: np.ndarray,
    n_slots: int,
    n_views: int,
    mask: np.ndarray | None = None,
) -> list[RunLengths]:
    """The frequency grids of every slot (a group in a chunk), each held as runs.

    The same counts as :func:`~bodymap.analysis.cohort.grid.accumulate` of the spans with
    ``slots[geom] * n_views + view`` (``slots`` per drawing; the geometries in drawing-major,
    view-minor order), computed one slot at a time: memory holds one slot's dense grids, not
    every slot's.  ``mask`` (``(n_views, ny, nx)``, 0/1) clips each slot's grids.
    """
    owner = np.asarray(slots, dtype=np.int64)[geom // n_views]
    view = geom % n_views
    order = np.argsort(owner, kind="stable")
    bounds = np.searchsorted(owner[order], np.arange(n_slots + 1))
    views = np.arange(n_views)
    out: list[RunLengths] = []
    for k in range(n_slots):
        pick = order[bounds[k] : bounds[k + 1]]
        dense = accumulate(view[pick], row[pick], c0[pick], c1[pick], grid, views, n_views)
        if mask is not None:
            dense *= mask
        out.append(RunLengths.encode(dense))
    return out


#: How a :class:`GroupCounts` may hold its grids: dense, as runs, or as counts per area.
Grids = np.ndarray | RunLengths | AreaGrids


class GroupCounts:
    """Frequency grids and region counts of a set of drawings (all, or one group).

    The grids of all drawings are held dense; those of a group compactly (as
    :class:`RunLengths`, or, for code tables, as :class:`AreaGrids`), so that memory does
    not grow with the number of groups beyond the counts themselves.  :attr:`grids` gives
    them dense either way, computed when asked for.

    Parameters
    ----------
    n
        Number of drawings.
    grids
        The grids: a dense ``(n_views, ny, nx)`` array, :class:`RunLengths` or
        :class:`AreaGrids`.
    regions
        ``int64`` array, one count per chart region (in chart order): drawings touching it.
    best
        With rank: drawings each ranked pattern side is best for.
    """

    def __init__(
        self, n: int, grids: Grids, regions: np.ndarray, best: np.ndarray | None = None
    ) -> None:
        self.n = n
        self.stored: Grids = grids
        self.regions = regions
        self.best = best

    @classmethod
    def compact(cls, shape: tuple[int, ...], n_regions: int) -> GroupCounts:
        """No drawings, the grids of ``shape`` held as runs (a group's counts)."""
        return cls(0, RunLengths.zeros(shape), np.zeros(n_regions, dtype=np.int64))

    @property
    def grids(self) -> np.ndarray:
        """``int32`` array ``(n_views, ny, nx)``: drawings covering each cell, per view."""
        if isinstance(self.stored, np.ndarray):
            return self.stored
        return self.stored.decode()

    @property
    def nbytes(self) -> int:
        """Bytes held by the counts (grids, regions, best)."""
        best = 0 if self.best is None else int(self.best.nbytes)
        return int(self.stored.nbytes) + int(self.regions.nbytes) + best

    def __iadd__(self, other: GroupCounts) -> GroupCounts:
        self.n += other.n
        mine, theirs = self.stored, other.stored
        if isinstance(mine, np.ndarray):
            mine += other.grids
        elif isinstance(mine, AreaGrids) and isinstance(theirs, AreaGrids):
            self.stored = mine + theirs
        elif isinstance(mine, RunLengths):
            self.stored = mine + (
                theirs if isinstance(theirs, RunLengths) else RunLengths.encode(other.grids)
            )
        else:
            self.stored = RunLengths.encode(mine.decode()) + RunLengths.encode(other.grids)
        self.regions += other.regions
        if other.best is not None:
            self.best = other.best.copy() if self.best is None else self.best + other.best
        return self

    def percent(self) -> np.ndarray:
        """The grids as % of the drawings (0 where there are none)."""
        grids = self.grids
        if self.n == 0:
            return np.zeros(grids.shape, dtype=float)
        return grids * (100.0 / self.n)


@dataclass
class CohortData:
    """What :func:`cohort` found: the data of :class:`bodymap.CohortResult`, without figures.

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
    scheme
        The region scheme the region counts are in, or ``None`` for the chart's regions.
    ranked
        With ``rank=True``: ``(pattern, side, kind)`` of every pattern side ranked, in the
        order of :attr:`GroupCounts.best`; empty otherwise.
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
    scheme: Scheme | None = None
    ranked: tuple[tuple[str, str, str], ...] = ()

    @property
    def n(self) -> int:
        """Number of drawings analysed (broken inputs not included)."""
        return self.total.n

    @property
    def ungrouped(self) -> int:
        """Drawings without a group (0 without grouping): left out of the group tests."""
        if self.by is None:
            return 0
        return self.total.n - sum(counts.n for counts in self.groups.values())

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

    def _group_columns(self) -> tuple[Column, ...]:
        """``count_<group>`` and ``percent_<group>`` of every group, in order."""
        return tuple(
            c
            for name in self.groups
            for c in (Column(f"count_{name}", "int"), Column(f"percent_{name}", "float"))
        )

    def region_columns(self) -> tuple[Column, ...]:
        """The columns of :meth:`region_table`, typed."""
        head = ("region", "view", "side", "name")
        return (
            *(Column(c) for c in head),
            Column("count", "int"),
            Column("percent", "float"),
            *self._group_columns(),
        )

    def rank_columns(self) -> tuple[Column, ...]:
        """The columns of :meth:`rank_table`, typed."""
        return (
            *(Column(c) for c in ("pattern", "side", "kind")),
            Column("count", "int"),
            Column("percent", "float"),
            *self._group_columns(),
        )

    def region_table(self, lang: str = "en") -> list[dict[str, Any]]:
        """Drawings touching each chart region (or scheme area): one dict per region, in order.

        With a scheme, ``region`` holds the scheme's code (``"101"``).

        Keys: ``region``, ``view``, ``side``, ``name`` (in ``lang``), ``count``, ``percent``
        (of all drawings), and per group ``count_<group>`` and ``percent_<group>``.
        """
        out = []
        items: tuple[Region | SchemeArea, ...] = (
            self.chart.regions if self.scheme is None else self.scheme.areas
        )
        for i, region in enumerate(items):
            row: dict[str, Any] = {
                "region": region.id if isinstance(region, Region) else region.code,
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

    def rank_table(self) -> list[dict[str, Any]]:
        """How often each pattern side is a drawing's best explanation (needs ``rank=True``).

        One dict per pattern side that is best for at least one drawing, most often first
        (ties: pattern name, then side).  Keys: ``pattern``, ``side``, ``kind``, ``count``,
        ``percent`` (of all drawings analysed; a drawing no pattern overlaps has no best
        pattern, so the percentages may add up to less than 100), and per group
        ``count_<group>`` and ``percent_<group>``.

        Raises
        ------
        BodymapError
            If the cohort was not ranked.
        """
        if not self.ranked:
            raise BodymapError("the cohort was not ranked: run it with rank=True (--rank)")
        n_refs = len(self.ranked)
        zero = np.zeros(n_refs, dtype=np.int64)
        total = self.total.best if self.total.best is not None else zero
        order = sorted(
            (i for i in range(n_refs) if total[i] > 0), key=lambda i: (-int(total[i]), i)
        )
        out = []
        for i in order:
            pattern, side, kind = self.ranked[i]
            row: dict[str, Any] = {
                "pattern": pattern,
                "side": side,
                "kind": kind,
                "count": int(total[i]),
                "percent": _pct(total[i], self.total.n),
            }
            for name, counts in self.groups.items():
                best = counts.best if counts.best is not None else zero
                row[f"count_{name}"] = int(best[i])
                row[f"percent_{name}"] = _pct(best[i], counts.n)
            out.append(row)
        return out

    def write_rank(self, path: PathLike) -> Path:
        """Write :meth:`rank_table` as CSV, TSV, JSON Lines or Parquet (by suffix), atomically."""
        out, fmt = check_table_output(path)
        table = self.rank_table()
        atomic_write(out, lambda fh: write_rows(fh, fmt, self.rank_columns(), table))
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
        """Write :attr:`rows` as CSV, TSV, JSON Lines or Parquet (by suffix), atomically."""
        out, fmt = check_table_output(path)
        atomic_write(out, lambda fh: write_rows(fh, fmt, self.columns, self.rows))
        return out

    def write_regions(self, path: PathLike, lang: str = "en") -> Path:
        """Write :meth:`region_table` as CSV, TSV, JSON Lines or Parquet (by suffix), atomically."""
        out, fmt = check_table_output(path)
        table = self.region_table(lang)
        atomic_write(out, lambda fh: write_rows(fh, fmt, self.region_columns(), table))
        return out


def _pct(count: Any, n: int) -> float:
    return round(100.0 * float(count) / n, 2) if n else 0.0
