"""Cohort analysis: many pain drawings to a table, frequency maps and region counts.

:func:`cohort` reads any mix of drawing files, folders of them and JSON Lines files (one drawing
per line), checks every drawing with the same rules as :func:`bodymap.load_drawing`, and
returns a :class:`CohortData` (:func:`bodymap.cohort` returns the same data as a
:class:`bodymap.CohortResult`, which also writes the outputs asked for and draws the maps):

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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bodymap.analysis.cohort.engine import BASE_COLUMNS, measure_columns
    from bodymap.analysis.cohort.grid import GRID_CELL, Grid, rasterize
    from bodymap.analysis.cohort.groups import read_groups
    from bodymap.analysis.cohort.result import CohortData, CohortStopped, GroupCounts, Problem
    from bodymap.analysis.cohort.run import bare_intersection_seconds, cohort
    from bodymap.analysis.cohort.tables import (
        TABLE_FORMATS,
        Column,
        TableWriter,
        check_table_output,
        table_formats,
    )
    from bodymap.core.choices import MEASURES

__all__ = [
    "BASE_COLUMNS",
    "GRID_CELL",
    "MEASURES",
    "TABLE_FORMATS",
    "CohortData",
    "CohortStopped",
    "Column",
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
    "table_formats",
]


def __getattr__(name: str) -> Any:
    """A public name, its module loaded on first use (so :mod:`.tables` alone stays light)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from bodymap.analysis.cohort import engine, grid, groups, result, run, tables
    from bodymap.core import choices

    for module in (engine, grid, groups, result, run, tables, choices):
        if hasattr(module, name):
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # pragma: no cover


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
