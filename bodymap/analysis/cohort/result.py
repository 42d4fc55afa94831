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

from bodymap.analysis.cohort.grid import Grid
from bodymap.analysis.cohort.tables import Column, check_table_output, write_rows
from bodymap.core.errors import BodymapError, UnknownNameError
from bodymap.core.output import atomic_write
from bodymap.model.chart import Chart, Region
from bodymap.model.scheme import Scheme, SchemeArea

__all__ = ["CohortData", "CohortStopped", "GroupCounts", "Problem"]

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
    best: np.ndarray | None = None  # with rank: drawings each ranked pattern side is best for

    def __iadd__(self, other: GroupCounts) -> GroupCounts:
        self.n += other.n
        self.grids += other.grids
        self.regions += other.regions
        if other.best is not None:
            self.best = other.best.copy() if self.best is None else self.best + other.best
        return self

    def percent(self) -> np.ndarray:
        """The grids as % of the drawings (0 where there are none)."""
        if self.n == 0:
            return np.zeros(self.grids.shape, dtype=float)
        return self.grids * (100.0 / self.n)


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
