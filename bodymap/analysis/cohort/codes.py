"""Cohorts in a region scheme: region counts by scheme code, WPI columns, and code tables.

:class:`SchemeCounts` is the one place a cohort counts regions in a scheme and computes the
``wpi`` and ``generalized`` columns and the widespread-pain criteria columns
(``acr1990_widespread``, ``manchester_widespread``, and with scores ``sss`` and
``fibromyalgia_2016``), for drawings (from their marked geometry) and for lists
of codes (from the codes alone, through :class:`~bodymap.analysis.schemes.CrossWalk`: the
areas of a code scheme do not overlap, so a row's marked area of every area, pattern and
grid cell is the sum over its codes, exactly, with no geometry).  :func:`read_code_table`
reads a CSV/TSV table of code lists (one patient a row) and :func:`code_table_cohort` turns
it into a :class:`~bodymap.analysis.cohort.result.CohortData`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from bodymap.analysis.cohort.grid import Grid
from bodymap.analysis.cohort.groups import read_table_text
from bodymap.analysis.cohort.result import AreaGrids, GroupCounts, Problem
from bodymap.analysis.cohort.tables import Column
from bodymap.analysis.criteria import (
    acr1990_widespread,
    check_sss,
    fibromyalgia_2016,
    manchester_widespread,
    region_roles,
)
from bodymap.analysis.measures import overlap_columns
from bodymap.analysis.reference import pattern_reference
from bodymap.analysis.schemes import MIN_GENERALIZED, CrossWalk, counts_as_touched
from bodymap.core.bounds import bounded
from bodymap.core.choices import MEASURES
from bodymap.core.errors import BodymapError, DataError
from bodymap.core.text import one_line, show_value
from bodymap.model.chart import Chart
from bodymap.model.pattern import Pattern
from bodymap.model.scheme import CHART_SCHEME, Scheme, load_scheme, parse_sex

__all__ = [
    "CRITERIA_COLUMNS",
    "SSS_COLUMNS",
    "WPI_COLUMNS",
    "CodeRow",
    "SchemeCounts",
    "area_grids",
    "code_table_cohort",
    "read_code_table",
    "table_column",
    "table_header",
    "table_rows",
]

#: The WPI columns of every cohort table (the criteria columns follow them).
WPI_COLUMNS: tuple[Column, ...] = (Column("wpi", "int"), Column("generalized", "bool"))
#: The widespread-pain criteria columns (:mod:`bodymap.analysis.criteria`), after the WPI's.
CRITERIA_COLUMNS: tuple[Column, ...] = (
    Column("acr1990_widespread", "bool"),
    Column("manchester_widespread", "bool"),
)
#: The columns of a cohort whose groups table has an ``sss`` column (empty where a drawing
#: has no score).
SSS_COLUMNS: tuple[Column, ...] = (Column("sss", "int"), Column("fibromyalgia_2016", "bool"))


class SchemeCounts:
    """Region counting in a scheme and the widespread-pain columns, for one cohort run."""

    def __init__(self, chart: Chart, scheme: str | os.PathLike[str] | None) -> None:
        self.chart = chart
        self.scheme = None if scheme is None else load_scheme(scheme, chart=chart)
        self.wpi = load_scheme("wpi", chart=chart)
        self._wpi_area = np.array([a.area for a in self.wpi.areas])
        groups = list(self.wpi.groups)
        self._group_of = np.array(
            [groups.index(a.group or "") if a.generalized else -1 for a in self.wpi.areas]
        )

    @property
    def regions(self) -> Scheme:
        """The chart's own regions as a scheme: what the widespread-pain criteria read."""
        return load_scheme(CHART_SCHEME, chart=self.chart)

    def criteria(
        self,
        region_touched: np.ndarray,
        wpi: np.ndarray,
        generalized: np.ndarray,
        sss: Sequence[int | None] | None = None,
    ) -> dict[str, list[Any]]:
        """The criteria columns of ``n`` drawings, by column name.

        ``region_touched`` is ``bool (n, n_chart_regions)``: the chart regions each touches
        with the threshold of :func:`~bodymap.analysis.schemes.codes`; ``sss`` the symptom
        severity score of each (``None`` where it has none), or ``None`` for no ``sss``
        column.
        """
        roles = region_roles(self.chart)
        out: dict[str, list[Any]] = {
            "acr1990_widespread": acr1990_widespread(region_touched, roles).tolist(),
            "manchester_widespread": manchester_widespread(region_touched, roles).tolist(),
        }
        if sss is not None:
            out["sss"] = list(sss)
            out["fibromyalgia_2016"] = [
                None if score is None else fibromyalgia_2016(int(w), bool(g), score)
                for w, g, score in zip(wpi.tolist(), generalized.tolist(), sss)
            ]
        return out

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes regions are counted by (the scheme's), or ``()`` for the chart's regions."""
        return () if self.scheme is None else self.scheme.codes

    def widespread_touched(self, touched: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``wpi`` (int) and ``generalized`` (bool) from the WPI areas touched ``(n, n_areas)``."""
        return self._widespread(touched)

    def _widespread(self, touched: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        wpi = touched.sum(axis=1)
        regions = np.zeros((len(touched), len(self.wpi.groups)), dtype=bool)
        for g in range(len(self.wpi.groups)):
            regions[:, g] = touched[:, self._group_of == g].any(axis=1)
        return wpi, regions.sum(axis=1) >= MIN_GENERALIZED


@dataclass(frozen=True)
class CodeRow:
    """One row of a code table: its source (``file:line``), id, sex, code text and group."""

    source: str
    subject: str | None
    sex: str | None
    codes: str
    group: str | None
    #: Why the row cannot be read (a cell over the CSV field limit, say), or ``None``.
    problem: str | None = None
    #: The row's symptom severity score as written (``sss`` column), or ``None``.
    sss: str | None = None


def read_code_table(
    path: str | os.PathLike[str],
    codes_column: str,
    id_column: str | None = None,
    sex_column: str | None = None,
    by: str | None = None,
    sss_column: str | None = None,
) -> Iterator[CodeRow]:
    """The rows of a CSV (comma, semicolon) or TSV table of code lists, one patient a row.

    Raises
    ------
    DataError
        If the file cannot be read or lacks a column that is asked for.
    """
    wanted = (codes_column, id_column, sex_column, by, sss_column)
    for source, cells, problem in table_rows(path, wanted):
        yield CodeRow(source, cells[1], cells[2], cells[0] or "", cells[3], problem, cells[4])


def table_header(path: str | os.PathLike[str]) -> list[str]:
    """The column names of a code table (as :func:`table_rows` reads them).

    Raises
    ------
    DataError
        If the file cannot be read.
    """
    where, text = read_table_text(path, "the table")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(first), delimiter=_delimiter(where, first))
    try:
        return [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        raise DataError(f"{where}:1: cannot read the table: {exc}") from None


def _delimiter(where: str, first: str) -> str:
    """A table's delimiter: a tab for ``.tsv``, else the commonest of comma, semicolon, tab."""
    return "\t" if where.lower().endswith(".tsv") else max((",", ";", "\t"), key=first.count)


#: How many of a table's columns a message names.
_COLUMNS_SHOWN = 10


def _some_columns(names: list[str]) -> str:
    """The first column names of a table (each shortened) and how many more there are."""
    shown = ", ".join(bounded(one_line(n), 40) for n in names[:_COLUMNS_SHOWN]) or "(none)"
    more = len(names) - _COLUMNS_SHOWN
    return shown if more <= 0 else f"{shown} and {more:,} more ({len(names):,} in all)"


def table_rows(
    path: str | os.PathLike[str], wanted: Sequence[str | None]
) -> Iterator[tuple[str, list[str | None], str | None]]:
    """``(file:line, [cell of each wanted column], problem)`` for every non-blank row.

    The one reader of code tables: :func:`read_code_table` and a covariate taken from the
    same table (:func:`table_column`) number the rows alike.  A ``None`` column, a missing
    or an empty cell gives ``None``.  A row the CSV reader cannot read (a cell larger than
    its field limit, say) comes with its cells ``None`` and ``problem`` saying why, so that
    the rows after it are still read; ``problem`` is ``None`` for every other row.

    Raises
    ------
    DataError
        If the file cannot be read or lacks a column that is asked for.
    """
    where, text = read_table_text(path, "the table")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(where, first))
    try:
        header = next(reader, [])
        columns = {name.strip(): i for i, name in enumerate(header)}
        for name in wanted:
            if name is not None and name not in columns:
                raise DataError(
                    f"{where}: no column {show_value(name)} in the table; columns: "
                    + _some_columns(list(columns))
                )
    except csv.Error as exc:
        raise DataError(f"{where}:{reader.line_num}: cannot read the table: {exc}") from None
    index = [None if name is None else columns[name] for name in wanted]
    line = reader.line_num
    while True:
        number = line + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            line = reader.line_num
            why = (
                f"a cell is longer than {csv.field_size_limit():,} characters"
                if "field limit" in str(exc)
                else str(exc)
            )
            yield f"{where}:{number}", [None] * len(index), f"cannot read the row: {why}"
            continue
        if row is None:
            return
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells: list[str | None] = []
        for i in index:
            value = row[i].strip() if i is not None and i < len(row) else ""
            cells.append(value or None)
        yield f"{where}:{number}", cells, None


def table_column(path: str | os.PathLike[str], column: str) -> dict[str, str | None]:
    """One column of a code table by row (``file:line``, as the cohort's ``source``)."""
    return {source: cells[0] for source, cells, _ in table_rows(path, (column,))}


def _masks(scheme: Scheme, chart: Chart, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """Cells (by centre) of every area: flat cell indices (views × ny × nx) and their owners."""
    xs = grid.x0 + (np.arange(grid.nx) + 0.5) * grid.cell
    ys = grid.y0 + (np.arange(grid.ny) + 0.5) * grid.cell
    cx, cy = np.meshgrid(xs, ys)
    cells: list[np.ndarray] = []
    owner: list[np.ndarray] = []
    size = grid.ny * grid.nx
    for i, area in enumerate(scheme.areas):
        for v, view in enumerate(chart.views):
            geom = area.parts.get(view)
            if geom is not None:
                x0, y0, x1, y1 = geom.bounds
                near = (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)
                flat = np.flatnonzero(near)
                flat = flat[shapely.contains_xy(geom, cx.ravel()[flat], cy.ravel()[flat])]
                cells.append(flat + v * size)
                owner.append(np.full(len(flat), i, dtype=np.int64))
    return np.concatenate(cells), np.concatenate(owner)


def area_grids(scheme: Scheme, chart: Chart, grid: Grid) -> AreaGrids:
    """All-zero count grids of ``scheme``'s areas on ``grid``, held as one count per area."""
    cells, owner = _masks(scheme, chart, grid)
    shape = (len(chart.views), grid.ny, grid.nx)
    return AreaGrids(np.zeros(len(scheme.areas), dtype=np.int64), cells, owner, shape)


def code_table_cohort(
    rows: Sequence[CodeRow] | Iterator[CodeRow],
    scheme: Scheme,
    chart: Chart,
    grid: Grid,
    refs: Sequence[tuple[Pattern, str]],
    columns: Sequence[str],
    counts: SchemeCounts,
    zero: AreaGrids | None = None,
    chunk: int = 20_000,
) -> Iterator[tuple[list[dict[str, Any]], list[Problem], dict[str | None, GroupCounts]]]:
    """Measure code lists without geometry, a chunk of rows at a time.

    Yields ``(rows, problems, counts by group)`` per chunk; the counts add up over chunks.
    The grids of the counts are :class:`AreaGrids` on ``zero``'s cell masks (default: those
    of :func:`area_grids`), one count per scheme area, computed only when asked for.
    """
    n_src = len(scheme.areas)
    position = {a.code: i for i, a in enumerate(scheme.areas)}
    area = np.array([a.area for a in scheme.areas])
    parts = np.array([len(a.parts) for a in scheme.areas])
    views = chart.views
    to_wpi = CrossWalk(scheme, counts.wpi)
    to_regions = CrossWalk(scheme, counts.regions)
    target = counts.scheme if counts.scheme is not None else load_scheme("bodymap", chart=chart)
    to_target = CrossWalk(scheme, target)
    target_area = np.array([a.area for a in target.areas])
    target_codes = target.codes
    zero = zero if zero is not None else area_grids(scheme, chart, grid)
    pattern_overlap = []
    body = chart.area()
    for pattern, side in refs:
        ref = pattern_reference(pattern, side, chart)
        inside = np.empty((n_src, len(views)), dtype=object)
        for i, a in enumerate(scheme.areas):
            for v, view in enumerate(views):
                inside[i, v] = a.parts.get(view, shapely.Polygon())
        per = np.zeros(n_src)
        for v in range(len(views)):
            if not ref.total[v].is_empty:
                per += shapely.area(shapely.intersection(inside[:, v], ref.total[v]))
        name = pattern.name.replace("-", "_").replace(" ", "_")
        pattern_overlap.append((f"{name}_{side}", per, float(ref.total_area.sum())))
    grouped = "group" in columns
    with_scores = "sss" in columns
    batch: list[CodeRow] = []

    def run(
        batch: list[CodeRow],
    ) -> tuple[list[dict[str, Any]], list[Problem], dict[str | None, GroupCounts]]:
        problems: list[Problem] = []
        good: list[tuple[CodeRow, tuple[str, ...]]] = []
        scores: list[int | None] = []
        for row in batch:
            if row.problem is not None:
                problems.append(Problem(row.source, f"{row.source}: {row.problem}"))
                continue
            try:
                resolved = scheme.resolve(row.codes, parse_sex(row.sex))
                score = None if row.sss is None else check_sss(row.sss)
            except BodymapError as exc:
                problems.append(Problem(row.source, f"{row.source}: {exc}"))
                continue
            good.append((row, resolved))
            scores.append(score)
        x = np.zeros((len(good), n_src))
        for k, (_, resolved) in enumerate(good):
            x[k, [position[c] for c in resolved]] = 1.0
        extent = x @ area
        touched = counts_as_touched(to_target.marked(x), target_area)
        wpi, generalized = counts._widespread(
            counts_as_touched(to_wpi.marked(x), to_wpi.target_area)
        )
        judged = counts.criteria(
            counts_as_touched(to_regions.marked(x), to_regions.target_area),
            wpi,
            generalized,
            scores if with_scores else None,
        )
        measures = [
            (prefix, list(overlap_columns(extent, total, x @ per).values()))
            for prefix, per, total in pattern_overlap
        ]
        labels = [row.group for row, _ in good]
        slot_of: dict[str | None, int] = {}
        slot = np.array([slot_of.setdefault(lab, len(slot_of)) for lab in labels], dtype=int)
        per_code = np.zeros((len(slot_of), n_src), dtype=np.int64)
        np.add.at(per_code, slot, x.astype(np.int64))
        per_touched = np.zeros((len(slot_of), touched.shape[1]), dtype=np.int64)
        np.add.at(per_touched, slot, touched.astype(np.int64))
        sizes = np.bincount(slot, minlength=len(slot_of))
        out_counts: dict[str | None, GroupCounts] = {
            name: GroupCounts(
                int(sizes[i]),
                AreaGrids(per_code[i], zero.cells, zero.owner, zero.shape),
                per_touched[i],
            )
            for name, i in slot_of.items()
        }
        if not good:
            out_counts = {}
        extent_r = np.round(extent, 2).tolist()
        pct_r = np.round(extent * (100.0 / body), 2).tolist()
        n_marks = (x @ parts).astype(np.int64).tolist()
        out_rows: list[dict[str, Any]] = []
        for k, (row, _) in enumerate(good):
            record: dict[str, Any] = {
                "source": row.source,
                "subject": row.subject,
                "recorded": None,
                "extent_cm2": extent_r[k],
                "extent_pct": pct_r[k],
                "outside_cm2": 0.0,
                "n_marks": n_marks[k],
                "regions": ";".join(target_codes[j] for j in np.flatnonzero(touched[k])),
            }
            if grouped:
                record["group"] = row.group
            for prefix, values in measures:
                for m, column in zip(MEASURES, values):
                    record[f"{prefix}_{m}"] = column[k]
            record["wpi"] = int(wpi[k])
            record["generalized"] = bool(generalized[k])
            for name, values in judged.items():
                record[name] = values[k]
            out_rows.append(record)
        return out_rows, problems, out_counts

    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            yield run(batch)
            batch = []
    if batch:
        yield run(batch)
