"""The cohort engine: one chunk of drawings read, checked and measured in vectorised calls.

A chunk is analysed on its own (in this process or a pool worker) and gives rows, frequency
grids and region counts that add up over chunks.  The measuring is done by one of two engines
behind the :class:`~bodymap.analysis.cohort.common.Engine` protocol (``_Config.engine``): the
``raster`` one (default, :mod:`~bodymap.analysis.cohort.raster_engine`) scanline-fills every
mark once and takes every overlap from exact cell weights; the ``exact`` one
(:mod:`~bodymap.analysis.cohort.exact_engine`) makes every geometric step one shapely call
over the whole chunk.  Either reports the regions, scheme areas and WPI areas each drawing
touches, or leaves a drawing to the one-drawing library
(:func:`~bodymap.analysis.cohort.common.library_classes`), so every classification in the
table is the library's.  This module reads the chunk, builds the rows and counts and ranks.
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

from bodymap.analysis.cohort.common import BASE_COLUMNS as BASE_COLUMNS
from bodymap.analysis.cohort.common import GROUP_COLUMN as GROUP_COLUMN
from bodymap.analysis.cohort.common import RANK_COLUMNS as RANK_COLUMNS
from bodymap.analysis.cohort.common import Engine, Prepared, _check_chart, library_classes
from bodymap.analysis.cohort.common import _Config as _Config
from bodymap.analysis.cohort.common import _marks as _marks
from bodymap.analysis.cohort.common import _pattern_sides as _pattern_sides
from bodymap.analysis.cohort.common import measure_columns as measure_columns
from bodymap.analysis.cohort.common import rank_references as rank_references
from bodymap.analysis.cohort.exact_engine import ExactEngine
from bodymap.analysis.cohort.grid import accumulate
from bodymap.analysis.cohort.inputs import Task, documents
from bodymap.analysis.cohort.raster_engine import RasterEngine
from bodymap.analysis.cohort.result import GroupCounts, Problem, RunLengths, slot_runs
from bodymap.analysis.drawing_measures import measure_marks
from bodymap.analysis.measures import SHARE_DIGITS
from bodymap.analysis.redflags import RED_FLAG_RANK, meta_sex, red_flag_raised
from bodymap.core.choices import MEASURES
from bodymap.core.errors import DrawingError
from bodymap.model.drawing import Mark, geometry_problems
from bodymap.model.reader import read_many

__all__ = [
    "BASE_COLUMNS",
    "GROUP_COLUMN",
    "RANK_COLUMNS",
    "measure_columns",
    "rank_dice",
    "rank_references",
]

_ENGINES: dict[str, type[ExactEngine] | type[RasterEngine]] = {
    "exact": ExactEngine,
    "raster": RasterEngine,
}


class _State(Prepared):
    """A prepared run (:class:`~bodymap.analysis.cohort.common.Prepared`) and its engine."""

    def __init__(self, config: _Config) -> None:
        super().__init__(config)
        self.engine: Engine = _ENGINES[config.engine](self)


def _geometries(state: _State, drawings: Sequence[list[Mark]]) -> tuple[np.ndarray, np.ndarray]:
    """Each drawing's marked geometry per view, clipped to the body, and its outside area.

    As the exact engine computes them (:meth:`ExactEngine.geometries`), whatever the run's
    engine.
    """
    engine = state.engine if isinstance(state.engine, ExactEngine) else ExactEngine(state)
    return engine.geometries(drawings)


_WORKER: _State | None = None


def _init_worker(config: _Config) -> None:
    global _WORKER
    _WORKER = _State(config)


@dataclass
class _ChunkResult:
    index: int
    size: int
    rows: list[dict[str, Any]]
    problems: list[Problem]
    counts: dict[str | None, GroupCounts]


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


def _scores(state: _State, metas: Sequence[Mapping[str, Any]]) -> list[int | None] | None:
    """Each drawing's symptom severity score from the groups table (by ``key``), or ``None``."""
    config = state.config
    if config.sss is None:
        return None
    out: list[int | None] = []
    for meta in metas:
        value = meta.get(config.key)
        out.append(None if value is None else config.sss.get(str(value)))
    return out


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
    n_views = len(state.views)
    drawings = [m for _, _, m in good]
    measured = state.engine.measure(drawings)
    touched, wpi_touched = measured.touched, measured.wpi_touched
    region_touched = measured.region_touched
    assert region_touched is not None
    for i in np.flatnonzero(measured.unsure).tolist():
        touched[i], wpi_touched[i], region_touched[i] = library_classes(state, drawings[i])
    wpi, generalized = state.schemes.widespread_touched(wpi_touched)
    judged = state.schemes.criteria(
        region_touched, wpi, generalized, _scores(state, [meta for _, meta, _ in good])
    )
    extent = measured.extent
    geom, row, c0, c1 = measured.geom, measured.row, measured.c0, measured.c1
    labels = [_group_of(state, meta) for _, meta, _ in good]
    slot_names: list[str | None] = list(dict.fromkeys(labels)) or [None]
    slot_of = {name: i for i, name in enumerate(slot_names)}
    slot = np.array([slot_of[lab] for lab in labels], dtype=np.int64)
    grids: Sequence[np.ndarray | RunLengths]
    if slot_names == [None]:  # not grouped: one dense grid per view
        views = np.arange(n_views)
        dense = accumulate(geom % n_views, row, c0, c1, state.grid, views, n_views)
        if measured.cell_mask is not None:
            dense *= measured.cell_mask
        grids = [dense]
    else:  # one group at a time, each held as runs: memory does not grow with the groups
        grids = slot_runs(
            geom, row, c0, c1, state.grid, slot, len(slot_names), n_views, measured.cell_mask
        )
    ranked = None
    if state.ranking is not None:
        sexes = [meta_sex(meta, source) for source, meta, _ in good]
        ranked = _rank(state, extent, geom, row, c0, c1, n_views, sexes)
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
    # The measures of ``bodymap measure``, by the same function (vectorised over the chunk).
    drawing_measures = measure_marks(drawings, state.chart)
    rows: list[dict[str, Any]] = []
    ids = state.region_ids
    extent_r = np.round(extent, 2).tolist()
    pct_r = np.round(extent * (100.0 / state.body_area), 2).tolist()
    outside_r = np.round(measured.outside, 2).tolist()
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
        for prefix, values in measured.measures:
            for m, column in zip(MEASURES, values):
                record[f"{prefix}_{m}"] = column[i]
        record["wpi"] = int(wpi[i])
        record["generalized"] = bool(generalized[i])
        for name, values in judged.items():
            record[name] = values[i]
        record.update(drawing_measures[i])
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
    sexes: Sequence[str | None],
) -> _Ranked:
    """Best and second pattern side of every drawing, their scores and the red flag.

    Returns ``(best index, best score, second index, second score, red flag)`` per drawing;
    an index is -1 where no pattern side scores above 0.  The red flag is the rule of
    :func:`~bodymap.analysis.redflags.red_flag_raised` (as :func:`bodymap.rank` applies
    it), for each drawing's sex in ``sexes``.
    """
    assert state.ranking is not None
    fit, dice = state.ranking.scores(extent, geom, row, c0, c1, n_views, "fit")
    # Mirror-image pattern sides of a symmetric drawing score the same up to rounding noise:
    # rounded, they tie and the tie-break decides, as in rank().
    fit = np.round(fit, 9)
    score = fit if state.config.by_score == "fit" else np.round(dice, 9)
    n = len(extent)
    k = min(2, score.shape[0])
    # Best first; ties keep the references' order (pattern name, then side), as rank() does.
    top = np.argsort(-score, axis=0, kind="stable")[:k]
    cols = np.arange(n)
    top_score = score[top, cols[None, :]] if k else np.zeros((0, n))
    good = top_score > 0
    idx = np.where(good, top, -1)
    flag = np.zeros(n, bool)
    by_fit = np.argsort(-fit, axis=0, kind="stable")[: min(RED_FLAG_RANK, fit.shape[0])]
    for place, i in np.argwhere(state.rank_flag[by_fit]).tolist():
        j = int(by_fit[place, i])
        pattern = state.ranking.refs[j].pattern
        flag[i] |= red_flag_raised(pattern, float(fit[j, i]), place + 1, sexes[i])
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
    extent, geom, row, c0, c1 = state.engine.cells(drawings)
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
