"""The cohort run: stream the inputs in chunks through the engine, locally or in a pool."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

import numpy as np
import shapely

from bodymap.analysis.cohort.codes import (
    CRITERIA_COLUMNS,
    SSS_COLUMNS,
    WPI_COLUMNS,
    SchemeCounts,
    area_grids,
    code_table_cohort,
    read_code_table,
    table_header,
)
from bodymap.analysis.cohort.engine import (
    BASE_COLUMNS,
    GROUP_COLUMN,
    _analyse,
    _ChunkResult,
    _Config,
    _dask_work,
    _geometries,
    _init_worker,
    _marks,
    _pattern_sides,
    _State,
    _work,
    measure_columns,
)
from bodymap.analysis.cohort.grid import GRID_CELL, Grid
from bodymap.analysis.cohort.groups import SSS_COLUMN, read_groups, read_scores
from bodymap.analysis.cohort.inputs import (
    BYTES_PER_CHUNK,
    FILES_PER_CHUNK,
    Task,
    bodymap_members,
    expand,
    input_size,
    tasks,
)
from bodymap.analysis.cohort.result import CohortData, CohortStopped, GroupCounts, Problem
from bodymap.core.choices import (
    COHORT_ENGINES,
    COHORT_RANK_SCORES,
    DEFAULT_PATTERN,
    PATTERN_KINDS,
    PATTERN_SIDES,
    check,
)
from bodymap.core.errors import BodymapError, DataError
from bodymap.model.chart import load_chart
from bodymap.model.pattern import load_pattern

__all__ = ["bare_intersection_seconds", "cohort"]

PathLike = str | os.PathLike[str]

# --- the run ---------------------------------------------------------------------------------


def _empty_counts(state: _State) -> GroupCounts:
    return GroupCounts(
        0,
        np.zeros((len(state.views), state.grid.ny, state.grid.nx), dtype=np.int32),
        np.zeros(len(state.region_ids), dtype=np.int64),
    )


def cohort(
    inputs: PathLike | Iterable[PathLike],
    patterns: Sequence[str | PathLike] = (DEFAULT_PATTERN,),
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
    on_start: Callable[[CohortData], None] | None = None,
    scheme: str | PathLike | None = None,
    codes_column: str | None = None,
    id_column: str | None = None,
    sex_column: str | None = None,
    rank: bool = False,
    kinds: Sequence[str] | None = None,
    by_score: str = "dice",
    client: Any = None,
    engine: str = "raster",
) -> CohortData:
    """Analyse a cohort of pain drawings: a table, frequency grids and region counts.

    The cohort engine: :func:`bodymap.cohort` (:func:`bodymap.apps.cohort.cohort`) runs it,
    writes the outputs and returns the same data with its figures.

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
        member of each drawing's ``bodymap`` block (e.g. ``"clinic"``); no drawing having
        that member is an error.
    groups
        A table (CSV path, see :func:`read_groups`) or a mapping from ``key`` value to group.
        A table with an ``sss`` column (the symptom severity score, 0-12) adds the columns
        ``sss`` and ``fibromyalgia_2016`` (see :func:`read_scores`).
    key
        What identifies a drawing in ``groups`` (default ``subject``).
    jobs
        Worker processes (1: none, all in this process; 0: one per CPU); never more than
        the CPUs (``os.cpu_count()``), nor more than there are chunks of input.
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
    on_start
        Called once with the (still empty) result before the first chunk is analysed: its
        :attr:`~CohortData.columns` (typed), chart and grid are set.
    scheme
        Count regions in this region scheme (``"choir"``, ``"wpi"``, a scheme file): region
        counts, maps and the ``regions`` column by scheme code, an area counting when a
        drawing covers 10 % of it or 5 cm², whichever is smaller.  Default: the chart's own
        regions (any overlap counts).
    codes_column
        Read the inputs as CSV/TSV tables of code lists of ``scheme`` (default ``choir``),
        one patient a row, the comma-separated codes in this column (CHOIR ids and REDCap
        codes in any mix).  An empty list is a patient without pain; a row with an unknown
        code is a broken input (``file:line: reason``).  Counted from the codes alone,
        exactly.  ``by`` then names a column of the same table; an ``sss`` column of the
        table (symptom severity score, 0-12) adds ``sss`` and ``fibromyalgia_2016``, a row
        with a bad score is a broken input.
    id_column
        The table column that holds the patient id (the ``subject`` column).
    sex_column
        The table column that holds the sex (``female``/``male`` or ``f``/``m``, any case);
        female rows get the scheme's female renumbering.
    rank
        Rank every drawing against every built-in pattern side (of ``kinds``): adds the
        columns :data:`RANK_COLUMNS` (best and second pattern side with their scores, and
        ``red_flag``: the rule of :mod:`bodymap.analysis.redflags`) and the counts of
        :meth:`CohortData.rank_table`.  Scored on the raster engine
        (:mod:`bodymap.analysis.cohort.raster`).
    kinds
        Rank only patterns of these kinds (``muscle``, ``dermatome``, ``nerve``, ``joint``,
        ``organ``).
    by_score
        Rank by ``"dice"`` (default) or ``"fit"``.
    engine
        ``"raster"`` (default): every drawing rasterised once on the grid; the pattern
        measures, extents, scheme and WPI areas from its cells weighted by each reference's
        exact area per cell (see the README for the measured agreement with exact);
        ``"exact"``: every measure by exact shapely overlays, as :func:`bodymap.compare`.
    client
        A ``dask.distributed.Client``, or a scheduler address (``"tcp://host:8786"``): the
        chunks are analysed on its workers instead of here (``jobs`` is then unused), with
        results identical to a local run.  Workers read drawing files by their path (JSON
        Lines blocks travel with the chunk).  Needs ``pip install 'bodymap[dask]'``.

    Returns
    -------
    CohortData
        Rows, grids, region counts and problems.

    Raises
    ------
    DataError
        If an input does not exist, a groups table is unusable, or no drawing has the
        ``bodymap`` member ``by``.
    UnknownNameError
        For an unknown pattern, side or chart.
    CohortStopped
        With ``strict=True``, at the first broken input.
    BodymapError
        If ``client`` is given and dask.distributed is not installed.

    Examples
    --------
    >>> from bodymap.analysis.cohort import cohort
    >>> data = cohort(["drawings/", "more.jsonl"], jobs=2)  # doctest: +SKIP
    >>> data.rows[0]["iliopsoas_left_dice"]  # doctest: +SKIP
    """
    started = time.perf_counter()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if codes_column is not None:
        return _code_tables(
            list(inputs), patterns, sides, chart, scheme or "choir", codes_column,
            id_column, sex_column, by, strict, keep_rows, on_rows, on_problem, on_start,
            started, cell,
        )  # fmt: skip
    for side in sides:
        check("side", side, PATTERN_SIDES)
    check("rank score", by_score, COHORT_RANK_SCORES)
    check("cohort engine", engine, COHORT_ENGINES)
    for kind in kinds or ():
        check("pattern kind", kind, PATTERN_KINDS)
    the_chart = load_chart(chart)
    loaded = [load_pattern(p) for p in patterns]
    for pattern in loaded:
        pattern.check_chart(the_chart)
    dask_client = _dask_client(client) if client is not None else None
    if groups is not None and by is None:
        raise BodymapError("a groups table needs 'by', the column that holds the group")
    group_map: Mapping[str, str] | None = None
    if groups is not None:
        assert by is not None
        group_map = dict(groups) if isinstance(groups, Mapping) else read_groups(groups, by, key)
    scores = None if groups is None or isinstance(groups, Mapping) else read_scores(groups, key)
    config = _Config(
        chart=str(the_chart.path) if the_chart.path is not None else os.fspath(chart),
        patterns=tuple(str(p.path) if p.path is not None else p.name for p in loaded),
        sides=tuple(dict.fromkeys(sides)),
        cell=float(cell),
        by=by,
        groups=group_map,
        key=key,
        scheme=None if scheme is None else os.fspath(scheme),
        rank=bool(rank),
        kinds=tuple(dict.fromkeys(kinds or ())),
        by_score=by_score,
        engine=engine,
        sss=scores,
    )
    state = _State(config)
    expanded = expand(inputs)
    total_bytes = input_size(expanded)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise BodymapError(f"jobs must be 0 (all CPUs) or more, not {jobs!r}")
    cpus = os.cpu_count() or 1
    jobs = cpus if jobs == 0 else min(jobs, cpus)
    bytes_per_chunk = BYTES_PER_CHUNK
    files_per_chunk = FILES_PER_CHUNK
    if jobs > 1 and total_bytes:
        # Enough chunks for every worker to have several, but not tiny ones.
        bytes_per_chunk = int(min(bytes_per_chunk, max(64 << 10, total_bytes // (jobs * 4))))
        n_files = sum(1 for kind, _ in expanded if kind == "file")
        files_per_chunk = int(min(files_per_chunk, max(16, n_files // (jobs * 4) or 1)))

    result = CohortData(
        rows=[],
        columns=state.columns,
        total=_empty_counts(state),
        groups={},
        problems=[],
        chart=the_chart,
        grid=state.grid,
        patterns=tuple((p.name, s) for p, s in _pattern_sides(loaded, config.sides)),
        by=by,
        scheme=state.schemes.scheme,
        ranked=tuple(zip(state.rank_names, state.rank_sides, state.rank_kinds))
        if state.ranking is not None
        else (),
    )
    if on_start is not None:
        on_start(result)
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
                    result.groups[name] = GroupCounts.compact(
                        (len(state.views), state.grid.ny, state.grid.nx), len(state.region_ids)
                    )
                result.groups[name] += counts
        if keep_rows:
            result.rows.extend(chunk.rows)
        if on_rows is not None and chunk.rows:
            on_rows(chunk.rows)
        done += chunk.size
        if on_progress is not None:
            on_progress(done, total_bytes, result.total.n, len(result.problems))

    # Pool workers on this machine read their JSON Lines blocks from the file themselves.
    by_offset = dask_client is None and jobs > 1
    chunks: Iterator[Task] = tasks(expanded, files_per_chunk, bytes_per_chunk, by_offset)
    if dask_client is not None:
        _run_dask(chunks, config, dask_client, absorb)
        jobs = 0
    elif jobs > 1:  # no more workers than chunks
        head = list(islice(chunks, jobs))
        jobs = max(1, min(jobs, len(head)))
        chunks = chain(head, chunks)
    if jobs == 1:
        for task in chunks:
            absorb(_analyse(state, task))
    elif jobs > 1:
        _run_pool(chunks, config, jobs, absorb)
    if strict and result.problems:  # pragma: no cover - absorb raises first
        raise CohortStopped(result.problems[0].message)
    if by is not None and group_map is None and result.n and not result.groups:
        members = bodymap_members(expanded)
        raise DataError(
            f"by {by!r}: no drawing has {by!r} in its 'bodymap' block; its members: "
            + (", ".join(members) or "(none found)")
        )
    result.groups = dict(sorted(result.groups.items()))
    result.seconds = time.perf_counter() - started
    return result


def _code_tables(
    inputs: list[PathLike],
    patterns: Sequence[str | PathLike],
    sides: Sequence[str],
    chart: str | PathLike,
    scheme: str | PathLike,
    codes_column: str,
    id_column: str | None,
    sex_column: str | None,
    by: str | None,
    strict: bool,
    keep_rows: bool,
    on_rows: Callable[[list[dict[str, Any]]], None] | None,
    on_problem: Callable[[Problem], None] | None,
    on_start: Callable[[CohortData], None] | None,
    started: float,
    cell: float,
) -> CohortData:
    """The cohort of tables of code lists, counted from the codes (see :func:`cohort`)."""
    for side in sides:
        check("side", side, PATTERN_SIDES)
    the_chart = load_chart(chart)
    loaded = [load_pattern(p) for p in patterns]
    for pattern in loaded:
        pattern.check_chart(the_chart)
    counter = SchemeCounts(the_chart, scheme)
    the_scheme = counter.scheme
    assert the_scheme is not None
    refs = _pattern_sides(loaded, tuple(dict.fromkeys(sides)))
    # A table with an sss column gives the symptom severity scores of its rows.
    scored = {os.fspath(name): SSS_COLUMN in table_header(name) for name in inputs}
    columns = (
        BASE_COLUMNS
        + ((GROUP_COLUMN,) if by else ())
        + measure_columns(loaded, tuple(dict.fromkeys(sides)))
        + WPI_COLUMNS
        + CRITERIA_COLUMNS
        + (SSS_COLUMNS if any(scored.values()) else ())
    )
    grid = Grid.for_chart(the_chart, cell)
    zero = area_grids(the_scheme, the_chart, grid)
    n_areas = len(the_scheme.areas)
    result = CohortData(
        rows=[],
        columns=columns,
        total=GroupCounts(0, zero.zeros(), np.zeros(n_areas, dtype=np.int64)),
        groups={},
        problems=[],
        chart=the_chart,
        grid=grid,
        patterns=tuple((p.name, s) for p, s in refs),
        by=by,
        scheme=the_scheme,
    )
    if on_start is not None:
        on_start(result)
    for name in inputs:
        sss_column = SSS_COLUMN if scored[os.fspath(name)] else None
        table = read_code_table(name, codes_column, id_column, sex_column, by, sss_column)
        for rows, problems, counts in code_table_cohort(
            table, the_scheme, the_chart, grid, refs, columns, counter, zero
        ):
            for problem in problems:
                if strict:
                    raise CohortStopped(f"{problem.message} (stopped: --strict)")
                result.problems.append(problem)
                if on_problem is not None:
                    on_problem(problem)
            for group, c in counts.items():
                result.total += c
                if group is not None:
                    if group not in result.groups:
                        result.groups[group] = GroupCounts(
                            0, zero.zeros(), np.zeros(n_areas, dtype=np.int64)
                        )
                    result.groups[group] += c
            if keep_rows:
                result.rows.extend(rows)
            if on_rows is not None and rows:
                on_rows(rows)
    result.groups = dict(sorted(result.groups.items()))
    result.seconds = time.perf_counter() - started
    return result


def _run_pool(
    tasks: Iterator[Task], config: _Config, jobs: int, absorb: Callable[[_ChunkResult], None]
) -> None:
    """Analyse the tasks in a process pool, absorbing results in input order.

    At most ``3 × jobs`` chunks are in flight, so memory stays bounded however long the
    input is.
    """
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(config,)
    ) as pool:
        try:
            _in_order(tasks, lambda task: pool.submit(_work, task), 3 * jobs, absorb)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _in_order(
    tasks: Iterator[Task],
    submit: Callable[[Task], Any],
    limit: int,
    absorb: Callable[[_ChunkResult], None],
) -> None:
    """Submit the tasks, at most ``limit`` in flight, and absorb their results in input order.

    ``submit`` returns a future with ``result()`` and ``cancel()`` (a process pool's or a Dask
    client's); on any error the futures still in flight are cancelled.
    """
    in_flight: deque[Any] = deque()
    try:
        for task in tasks:
            in_flight.append(submit(task))
            while len(in_flight) >= limit:
                absorb(in_flight.popleft().result())
        while in_flight:
            absorb(in_flight.popleft().result())
    except BaseException:
        for future in in_flight:
            future.cancel()
        raise


def _dask_client(client: Any) -> Any:
    """The ``dask.distributed`` client: ``client`` itself, or one connected to an address."""
    try:
        import distributed
    except ImportError:
        raise BodymapError(
            "running on a Dask cluster needs dask.distributed (pip install 'bodymap[dask]')"
        ) from None
    if isinstance(client, (str, os.PathLike)):
        address = os.fspath(client)
        try:
            return distributed.Client(address, timeout=10)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise BodymapError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    return client


def _run_dask(
    tasks: Iterator[Task], config: _Config, client: Any, absorb: Callable[[_ChunkResult], None]
) -> None:
    """Analyse the tasks on the workers of a Dask cluster, absorbing results in input order.

    The configuration is sent to every worker once; each worker prepares its state once
    (as a pool worker does) and keeps it for the chunks that follow.  At most three chunks
    per worker are in flight.
    """
    workers = len(client.scheduler_info().get("workers", {})) or 1
    shared = client.scatter(config, broadcast=True)
    _in_order(
        tasks, lambda task: client.submit(_dask_work, shared, task, pure=False), 3 * workers,
        absorb,
    )  # fmt: skip


def bare_intersection_seconds(
    drawings: Iterable[Any], pattern: str = DEFAULT_PATTERN, chart: str = "adult"
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
