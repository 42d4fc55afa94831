"""The cohort study: what to analyse and write, the run that does it, and its result.

A :class:`CohortRequest` holds everything a cohort study is asked to do: the inputs, the
options of the analysis and of the statistics, and the files to write (tables and figures).
It checks, when it is made, which options go together (``groups`` needs ``by``, ...), each
broken rule a one-line :class:`RequestError`.  :func:`run_cohort` carries a request out: it checks
the output paths before any work, runs the cohort engine
(:func:`bodymap.analysis.cohort.cohort`), streams the table into its file, writes every other
output, each atomically, and, stopped by Ctrl-C, raises :class:`CohortInterrupted`, which
says which outputs were written and which not.  :func:`cohort` (``bodymap.cohort``) is the
same with keyword arguments.  Both return a :class:`CohortResult`: the data of the run
(:class:`~bodymap.analysis.cohort.result.CohortData`), the files written, and the figures:
:meth:`~CohortResult.frequency_map`, :meth:`~CohortResult.region_map`,
:meth:`~CohortResult.tests_map`, :meth:`~CohortResult.cell_map`,
:meth:`~CohortResult.cooccurrence_map` and :meth:`~CohortResult.histograms`, all as
:class:`~bodymap.renderers.diagram.Diagram` objects.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, Any

from bodymap.analysis.cohort import cohort as analyse_cohort
from bodymap.analysis.cohort import stats as stats_module
from bodymap.analysis.cohort.codes import table_column
from bodymap.analysis.cohort.grid import GRID_CELL
from bodymap.analysis.cohort.groups import read_groups
from bodymap.analysis.cohort.inputs import FOLDER_SUFFIXES
from bodymap.analysis.cohort.result import CohortData, Problem
from bodymap.analysis.cohort.stats import (
    ALPHA,
    MIN_CELL_COUNT,
    CellTest,
    Cooccurrence,
    StatTable,
    check_group_count,
)
from bodymap.analysis.cohort.tables import TableWriter, check_table_output
from bodymap.core.choices import DEFAULT_PATTERN
from bodymap.core.errors import BodymapError, DataError
from bodymap.core.output import atomic_write, check_distinct, check_output, interrupted
from bodymap.core.paths import name_problem
from bodymap.renderers.diagram import Diagram
from bodymap.scene.cohort_maps import check_group_panels, frequency_scene, region_scene
from bodymap.scene.cohort_stats import (
    cell_scene,
    cooccurrence_scene,
    histogram_scene,
    tests_scene,
)

__all__ = [
    "CohortInterrupted",
    "CohortRequest",
    "CohortResult",
    "RequestError",
    "cohort",
    "run_cohort",
]

PathLike = str | os.PathLike[str]
#: Called with ``(bytes done, bytes in total or None, drawings, problems)`` while reading.
ProgressHook = Callable[[int, "int | None", int, int], None]
#: Called with ``(outputs done, outputs in all, what is being written)`` while writing.
StepHook = Callable[[int, int, str], None]

#: The resolution of PNG figures unless ``dpi`` says otherwise.
DEFAULT_DPI = 200.0


@dataclass
class CohortResult(CohortData):
    """What a cohort study found (:class:`CohortData`), the files it wrote, and its figures.

    Attributes
    ----------
    outputs
        The files :func:`run_cohort` wrote, by what they hold (``table``, ``regions``,
        ``map``, ...), in the order they were written.
    """

    outputs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: CohortData, outputs: Mapping[str, str] | None = None) -> CohortResult:
        """The result of the run that found ``data`` (its fields shared, not copied)."""
        shared = {f.name: getattr(data, f.name) for f in fields(CohortData)}
        return cls(**shared, outputs=dict(outputs or {}))

    def frequency_map(
        self,
        lang: str = "en",
        title: str | None = None,
        groups: Sequence[str] | None = None,
        difference: bool = True,
    ) -> Diagram:
        """The frequency map: % of drawings marking each spot, as a heat map on the chart.

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
        return Diagram(frequency_scene(self, lang, title, groups, difference))

    def region_map(
        self, lang: str = "en", title: str | None = None, group: str | None = None
    ) -> Diagram:
        """A choropleth of the chart regions: % of drawings touching each region."""
        return Diagram(region_scene(self, lang, title, group))

    def test_groups(
        self, test: str = "chi2", correction: str = "holm", lang: str = "en"
    ) -> StatTable:
        """Region-by-region group tests (:func:`~bodymap.analysis.cohort.stats.group_tests`)."""
        return stats_module.group_tests(self, test, correction, lang)

    def regress(
        self,
        covariate: str,
        values: Mapping[str, Any] | None = None,
        key: str = "subject",
        correction: str = "holm",
        lang: str = "en",
    ) -> StatTable:
        """Per-region logistic regression on a covariate (:func:`~.stats.regress`)."""
        return stats_module.regress(self, covariate, values, key, correction, lang)

    def cooccurrence(
        self, association: str = "jaccard", lang: str = "en"
    ) -> stats_module.Cooccurrence:
        """How often regions are marked together (:func:`~.stats.cooccurrence`)."""
        return stats_module.cooccurrence(self, association, lang)

    def cell_test(
        self,
        test: str = "chi2",
        correction: str = "fdr_bh",
        min_count: int = stats_module.MIN_CELL_COUNT,
        alpha: float = stats_module.ALPHA,
    ) -> stats_module.CellTest:
        """The group test on every frequency-grid cell (see :func:`~.stats.cell_test`)."""
        return stats_module.cell_test(self, test, correction, min_count, alpha)

    def distributions(self) -> stats_module.Distributions:
        """Regions marked and extent per drawing, by group (:func:`~.stats.distributions`)."""
        return stats_module.distributions(self)

    def tests_map(
        self, table: StatTable | None = None, lang: str = "en", alpha: float = ALPHA
    ) -> Diagram:
        """The region map of a group test: significant regions coloured and outlined.

        Regions are coloured by the difference between the groups; ``table`` defaults to
        :meth:`test_groups`.
        """
        the_table = table if table is not None else self.test_groups(lang=lang)
        return Diagram(tests_scene(self, the_table, lang, alpha))

    def cell_map(self, test: CellTest | None = None, lang: str = "en") -> Diagram:
        """The cell-wise group test on the chart (``test`` defaults to :meth:`cell_test`)."""
        return Diagram(cell_scene(self, test if test is not None else self.cell_test(), lang))

    def cooccurrence_map(self, co: Cooccurrence | str = "jaccard", lang: str = "en") -> Diagram:
        """The co-occurrence heat map, regions ordered by body area.

        ``co`` is a :meth:`cooccurrence` result or the association measure.
        """
        the_co = self.cooccurrence(co, lang) if isinstance(co, str) else co
        return Diagram(cooccurrence_scene(the_co, lang))

    def histograms(self, lang: str = "en") -> Diagram:
        """Histograms per group of the regions marked and the pain extent per drawing."""
        return Diagram(histogram_scene(self.distributions(), lang))


class RequestError(BodymapError, ValueError):
    """Options of a :class:`CohortRequest` that do not go together (a usage error).

    The message names the options by their Python names (``tests_out needs by``);
    :meth:`worded` words it with other names (the command line's ``--tests needs --by``).

    Parameters
    ----------
    template
        The message with ``{0}``, ``{1}``, ... where the options' names go.
    options
        The request's fields the message names, the one to blame first.
    """

    def __init__(self, template: str, *options: str) -> None:
        self.template = template
        self.options = options
        super().__init__(self.worded({}))

    def worded(self, names: Mapping[str, str]) -> str:
        """The message with each option called ``names[option]`` (default: its own name)."""
        return self.template.format(*(names.get(o, o) for o in self.options))


class MissingInputError(RequestError, DataError):
    """An input of a :class:`CohortRequest` that does not exist."""


class CohortInterrupted(KeyboardInterrupt):
    """A cohort run stopped by Ctrl-C; each output was written whole or not at all.

    Attributes
    ----------
    written
        The files written before the interruption.
    pending
        The files asked for that were not written.
    """

    def __init__(self, written: Sequence[str], pending: Sequence[str]) -> None:
        self.written = tuple(written)
        self.pending = tuple(pending)
        super().__init__(interrupted(self.written, self.pending))

    def __str__(self) -> str:
        return interrupted(self.written, self.pending)


#: The table outputs of a request: field, and key in :attr:`CohortResult.outputs`.
TABLE_OUTPUTS: Mapping[str, str] = {
    "output": "table",
    "regions_out": "regions",
    "rank_out": "rank",
    "tests_out": "tests",
    "regression_out": "regression",
    "cooccurrence_out": "cooccurrence",
}
#: The figure outputs of a request: field, and key in :attr:`CohortResult.outputs`.
FIGURE_OUTPUTS: Mapping[str, str] = {
    "map_out": "map",
    "regions_map": "regions_map",
    "tests_map": "tests_map",
    "cooccurrence_map": "cooccurrence_map",
    "cell_map": "cell_map",
    "histograms_out": "histograms",
}
#: The outputs that compare the groups (they need ``by``).
GROUPED_OUTPUTS = ("tests_out", "tests_map", "cell_map")
#: The outputs computed from the statistics of the rows (they need the rows kept).
STATISTICS_OUTPUTS = (
    "tests_out",
    "tests_map",
    "regression_out",
    "cooccurrence_out",
    "cooccurrence_map",
    "cell_map",
    "histograms_out",
)


@dataclass(frozen=True)
class CohortRequest:
    """A cohort study: what to read, how to analyse it, and which files to write.

    Making one checks which options go together; :func:`run_cohort` carries it out.

    Attributes
    ----------
    inputs
        Drawing files, folders of them and JSON Lines files (``"-"``: JSON Lines on stdin),
        in any mix; or, with ``codes_column``, CSV/TSV tables of code lists.
    patterns, sides
        The referral patterns and sides every drawing is measured against.
    chart
        The chart the drawings are on.
    by
        Group the drawings by this column of ``groups``, or without ``groups`` by this member
        of each drawing's ``bodymap`` block (with ``codes_column``: a column of the table).
    groups
        A CSV table (or a mapping) assigning ``key`` values to groups; needs ``by``.
    key
        What identifies a drawing in ``groups`` (and in the table of ``covariate``).
    jobs
        Worker processes (0: one per CPU).
    strict
        Stop at the first broken input.
    cell
        Frequency-grid cell size in cm.
    scheme
        Count regions in this region scheme (``choir``, ``michigan``, ``wpi``, ``bodymap``
        or a file).
    codes_column, id_column, sex_column
        The inputs are tables of code lists of ``scheme``, the codes in ``codes_column``;
        ``id_column`` and ``sex_column`` need ``codes_column``, which does not take ``groups``.
    rank, kinds, by_score
        Rank every drawing against every built-in pattern side (of ``kinds``), by ``"dice"``
        or ``"fit"``; ``kinds`` and ``rank_out`` need ``rank``.
    engine
        ``"raster"`` or ``"exact"``.
    client
        A ``dask.distributed.Client`` or a scheduler address to run the chunks on.
    test, correction
        The group test (``chi2`` or ``fisher``) and the multiple-comparison correction of
        the region tests and the regression (the cell map always uses ``fdr_bh``).
    covariate
        The numeric column to regress every region on: of ``groups`` (by ``key``), of the
        code tables, or of the rows; goes together with ``regression_out``.
    association
        ``jaccard`` or ``phi``, for the co-occurrence.
    min_cell_count
        Cells marked by fewer drawings are not tested on the cell map.
    output
        The table, one row per drawing (CSV, TSV, JSON Lines or Parquet by suffix).
    regions_out, rank_out, tests_out, regression_out, cooccurrence_out
        The other tables: drawings per region, best pattern sides, the group test of every
        region, the regression, the pairs of regions.
    map_out, regions_map, tests_map, cooccurrence_map, cell_map, histograms_out
        The figures (SVG, PNG or PDF by suffix): the frequency map, the region choropleth,
        the map of the group test, the co-occurrence heat map, the cell-wise group test and
        the histograms; ``tests_out``, ``tests_map`` and ``cell_map`` need ``by``.
    lang, title, dpi
        Language of region names and figures, title of the frequency map, resolution of PNG
        figures.

    Raises
    ------
    RequestError
        If options that need each other are not given together.
    """

    inputs: tuple[PathLike, ...]
    patterns: tuple[str | PathLike, ...] = (DEFAULT_PATTERN,)
    sides: tuple[str, ...] = ("left", "right")
    chart: str | PathLike = "adult"
    by: str | None = None
    groups: PathLike | Mapping[str, str] | None = None
    key: str = "subject"
    jobs: int = 1
    strict: bool = False
    cell: float = GRID_CELL
    scheme: str | PathLike | None = None
    codes_column: str | None = None
    id_column: str | None = None
    sex_column: str | None = None
    rank: bool = False
    kinds: tuple[str, ...] | None = None
    by_score: str = "dice"
    engine: str = "raster"
    client: Any = None
    test: str = "chi2"
    correction: str = "holm"
    covariate: str | None = None
    association: str = "jaccard"
    min_cell_count: int = MIN_CELL_COUNT
    output: PathLike | None = None
    regions_out: PathLike | None = None
    rank_out: PathLike | None = None
    tests_out: PathLike | None = None
    regression_out: PathLike | None = None
    cooccurrence_out: PathLike | None = None
    map_out: PathLike | None = None
    regions_map: PathLike | None = None
    tests_map: PathLike | None = None
    cooccurrence_map: PathLike | None = None
    cell_map: PathLike | None = None
    histograms_out: PathLike | None = None
    lang: str = "en"
    title: str | None = None
    dpi: float = DEFAULT_DPI

    def __post_init__(self) -> None:
        def tidy(value: Any) -> tuple[Any, ...]:
            return (value,) if isinstance(value, (str, os.PathLike)) else tuple(value)

        object.__setattr__(self, "inputs", tidy(self.inputs))
        object.__setattr__(self, "patterns", tidy(self.patterns))
        object.__setattr__(self, "sides", tidy(self.sides))
        if self.kinds is not None:
            object.__setattr__(self, "kinds", tidy(self.kinds))
        self._check()

    def _check(self) -> None:
        """The rules of which options go together (see :class:`RequestError`)."""
        if self.groups is not None and self.by is None:
            raise RequestError("{0} needs {1}", "groups", "by")
        if self.codes_column is None:
            if self.id_column is not None or self.sex_column is not None:
                raise RequestError("{1} and {2} need {0}", "codes_column", "id_column",
                                   "sex_column")  # fmt: skip
        elif self.groups is not None:
            raise RequestError(
                "with {1}, {2} names a column of the table; leave out {0}",
                "groups", "codes_column", "by",
            )  # fmt: skip
        for option in GROUPED_OUTPUTS:
            if getattr(self, option) is not None and self.by is None:
                raise RequestError("{0} needs {1} (the groups to compare)", option, "by")
        if (self.covariate is None) != (self.regression_out is None):
            raise RequestError("{0} and {1} go together", "covariate", "regression_out")
        for option in ("rank_out", "kinds"):
            if getattr(self, option) is not None and not self.rank:
                raise RequestError("{0} needs {1}", option, "rank")

    @property
    def outputs(self) -> dict[str, PathLike]:
        """The files asked for, by request field, tables first (``None`` left out)."""
        out: dict[str, PathLike] = {}
        for option in (*TABLE_OUTPUTS, *FIGURE_OUTPUTS):
            value = getattr(self, option)
            if value is not None:
                out[option] = value
        return out

    @property
    def statistics(self) -> bool:
        """Whether any statistic is asked for (they need the rows kept)."""
        return any(getattr(self, option) is not None for option in STATISTICS_OUTPUTS)


def run_cohort(
    request: CohortRequest,
    *,
    keep_rows: bool = True,
    on_rows: Callable[[list[dict[str, Any]]], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: ProgressHook | None = None,
    on_step: StepHook | None = None,
    on_report: Callable[[str], None] | None = None,
    on_summary: Callable[[str], None] | None = None,
    names: Mapping[str, str] | None = None,
) -> CohortResult:
    """Carry out a cohort study: analyse the inputs and write every output asked for.

    The output paths are checked before any work (suffix, folder, none of them an input or
    another output); the table is streamed into its file as the chunks are analysed; every
    file is written to a temporary file and renamed, so each is whole or absent.

    Parameters
    ----------
    request
        What to analyse and write.
    keep_rows
        Keep the rows in the result (always, when statistics are asked for).
    on_rows, on_problem, on_progress
        Called with each chunk's rows, each broken input and, after each chunk, ``(bytes
        done, bytes in total or None, drawings, problems)``.
    on_step
        Called before each output after the table with ``(outputs done, outputs in all,
        what is being written)``.
    on_report
        Called with one line per drawing left out of an analysis (a missing covariate).
    on_summary
        Called with a few lines worth reading at once: the most associated region pairs.
    names
        How to call the request's fields in messages (default: their own names).

    Returns
    -------
    CohortResult
        The data, with :attr:`CohortResult.outputs` the files written.

    Raises
    ------
    RequestError
        An input that does not exist.
    OutputError
        An output that cannot be written, or one that would overwrite an input or another.
    DataError
        No drawing could be read though outputs were asked for; ``by`` or ``covariate``
        names no column there is; and the errors of :func:`bodymap.analysis.cohort.cohort`.
    CohortInterrupted
        On Ctrl-C, naming the outputs written and those not.
    """
    r = request
    label = dict(names or {})
    for name in r.inputs:
        where = os.fspath(name)
        if where != "-" and (name_problem(where) or not Path(where).exists()):
            reason = name_problem(where) or "no such file or folder"
            raise MissingInputError(f"{_escape(where)}: {reason}", "inputs")
    wanted = r.outputs
    for option, path in wanted.items():
        if option in TABLE_OUTPUTS:
            check_table_output(path)
        else:
            check_output(path)
    groups_file = r.groups if r.groups is not None and not isinstance(r.groups, Mapping) else None
    check_distinct(
        [*r.inputs, groups_file, r.chart, *r.patterns],
        {label.get(option, option): path for option, path in wanted.items()},
        FOLDER_SUFFIXES,
    )
    _check_group_table(r)
    covariates = _covariate_values(r)
    result: CohortResult | None = None
    try:
        own_column = r.covariate is not None and covariates[0] is None
        data = _analyse(r, keep_rows or r.statistics, own_column, on_rows, on_problem, on_progress)
        table = {"table": os.fspath(check_table_output(r.output)[0])} if r.output else {}
        result = CohortResult.of(data, table)
        if data.ungrouped and on_report is not None and _compares_groups(r):
            on_report(
                f"{data.ungrouped:,} of {data.n:,} drawings have no {r.by!r} group; "
                "left out of the group statistics"
            )
        try:
            _write_outputs(result, r, covariates, on_step, on_report, on_summary)
        except Exception:
            _remove(result.outputs)  # no output of a run that failed
            raise
    except KeyboardInterrupt:
        done = list(result.outputs.values()) if result is not None else []
        rest = [os.fspath(p) for p in wanted.values() if os.fspath(p) not in done]
        raise CohortInterrupted(done, rest) from None
    return result


def _remove(outputs: dict[str, str]) -> None:
    """Delete the files of a failed run, and forget them."""
    for path in outputs.values():
        with contextlib.suppress(OSError):
            os.unlink(path)
    outputs.clear()


def _escape(text: str) -> str:
    """``{`` and ``}`` doubled, for a message that is also a format template."""
    return text.replace("{", "{{").replace("}", "}}")


def _analyse(
    r: CohortRequest,
    keep_rows: bool,
    own_column: bool,
    on_rows: Callable[[list[dict[str, Any]]], None] | None,
    on_problem: Callable[[Problem], None] | None,
    on_progress: ProgressHook | None,
) -> CohortData:
    """The cohort engine's run, the table streamed into ``r.output`` (if asked for).

    With ``own_column`` the covariate must be a column of the table: checked before the
    table is kept.
    """
    holder: dict[str, CohortData] = {}

    def analyse(fh: IO[bytes] | None) -> None:
        writer: TableWriter | None = None
        fmt = check_table_output(r.output)[1] if r.output is not None else ""

        def on_start(data: CohortData) -> None:
            nonlocal writer
            if fh is not None:
                writer = TableWriter(fh, fmt, data.columns)

        def rows(chunk: list[dict[str, Any]]) -> None:
            if writer is not None:
                writer.write(chunk)
            if on_rows is not None:
                on_rows(chunk)

        data = analyse_cohort(
            r.inputs, r.patterns, r.sides, chart=r.chart, by=r.by, groups=r.groups, key=r.key,
            jobs=r.jobs, strict=r.strict, cell=r.cell, keep_rows=keep_rows, on_rows=rows,
            on_problem=on_problem, on_progress=on_progress, on_start=on_start,
            scheme=r.scheme, codes_column=r.codes_column, id_column=r.id_column,
            sex_column=r.sex_column, rank=r.rank, kinds=r.kinds, by_score=r.by_score,
            client=r.client, engine=r.engine,
        )  # fmt: skip
        if data.n == 0 and r.outputs:
            raise DataError("no drawings could be read from the inputs; nothing written")
        if own_column and r.covariate not in data.columns:
            raise DataError(
                f"{r.covariate!r}: no such column to regress on; give the groups table that "
                f"holds it, or name a column of the cohort table: {', '.join(data.columns)}"
            )
        _check_groups(r, data)
        if writer is not None:
            writer.close()
        holder["data"] = data

    if r.output is None:
        analyse(None)
    else:
        atomic_write(check_table_output(r.output)[0], analyse)
    return holder["data"]


def _compares_groups(r: CohortRequest) -> bool:
    """Whether an output that compares the groups is asked for."""
    return any(getattr(r, option) is not None for option in GROUPED_OUTPUTS)


def _check_groups(r: CohortRequest, data: CohortData) -> None:
    """The groups found fit the tests and figures asked for: checked before any output."""
    if _compares_groups(r):
        check_group_count(len(data.groups), r.test)
    if r.map_out is not None:
        check_group_panels("frequency map", len(data.groups))
    if r.histograms_out is not None:
        check_group_panels("histograms", len(data.groups))


def _check_group_table(r: CohortRequest) -> None:
    """A groups table with fewer than two groups cannot be tested: refused before reading."""
    if r.groups is None or r.by is None:
        return
    if not _compares_groups(r):
        return
    table = r.groups if isinstance(r.groups, Mapping) else read_groups(r.groups, r.by, r.key)
    if len(set(table.values())) < 2:
        check_group_count(len(set(table.values())), r.test)


def _covariate_values(r: CohortRequest) -> tuple[Mapping[str, Any] | None, str]:
    """The covariate by drawing (and the row column it is keyed by), read before the run.

    From the groups table (by ``key``), else from the code tables (by ``source``), else
    ``None``: the rows' own column.  A table without the column is a :class:`DataError`
    naming the columns it has.
    """
    if r.covariate is None:
        return None, r.key
    if r.groups is not None and not isinstance(r.groups, Mapping):
        return read_groups(r.groups, r.covariate, r.key), r.key
    if r.codes_column is not None:
        values: dict[str, Any] = {}
        for table_path in r.inputs:
            values.update(table_column(table_path, r.covariate))
        return values, "source"
    return None, r.key


def _write_outputs(
    result: CohortResult,
    r: CohortRequest,
    covariates: tuple[Mapping[str, Any] | None, str],
    on_step: StepHook | None,
    on_report: Callable[[str], None] | None,
    on_summary: Callable[[str], None] | None,
) -> None:
    """Write every output but the table, recording each in ``result.outputs``."""
    out = result.outputs
    steps = [o for o in r.outputs if o != "output"]
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if on_step is not None:
            on_step(done, len(steps), what)
        done += 1

    if r.regions_out is not None:
        step("region table")
        out["regions"] = os.fspath(result.write_regions(r.regions_out, r.lang))
    if r.rank_out is not None:
        step("rank table")
        out["rank"] = os.fspath(result.write_rank(r.rank_out))
    if r.map_out is not None:
        step("frequency map")
        diagram = result.frequency_map(lang=r.lang, title=r.title)
        out["map"] = os.fspath(diagram.save(r.map_out, dpi=r.dpi))
    if r.regions_map is not None:
        step("region map")
        diagram = result.region_map(lang=r.lang)
        out["regions_map"] = os.fspath(diagram.save(r.regions_map, dpi=r.dpi))
    if r.tests_out is not None or r.tests_map is not None:
        step("group tests")
        table = result.test_groups(r.test, r.correction, r.lang)
        if r.tests_out is not None:
            out["tests"] = os.fspath(table.write(r.tests_out))
        if r.tests_map is not None:
            diagram = result.tests_map(table, r.lang)
            out["tests_map"] = os.fspath(diagram.save(r.tests_map, dpi=r.dpi))
    if r.covariate is not None and r.regression_out is not None:
        step("regression")
        values, key = covariates
        regression = result.regress(r.covariate, values, key, r.correction, r.lang)
        if on_report is not None:
            for line in regression.problems:
                on_report(line)
        out["regression"] = os.fspath(regression.write(r.regression_out))
    if r.cooccurrence_out is not None or r.cooccurrence_map is not None:
        step("co-occurrence")
        co = result.cooccurrence(r.association, r.lang)
        if on_summary is not None:
            _summarise(co, r.association, on_summary)
        if r.cooccurrence_out is not None:
            out["cooccurrence"] = os.fspath(co.table.write(r.cooccurrence_out))
        if r.cooccurrence_map is not None:
            diagram = result.cooccurrence_map(co, r.lang)
            out["cooccurrence_map"] = os.fspath(diagram.save(r.cooccurrence_map, dpi=r.dpi))
    if r.cell_map is not None:
        step("cell map")
        cells = result.cell_test(r.test, "fdr_bh", r.min_cell_count)
        out["cell_map"] = os.fspath(result.cell_map(cells, r.lang).save(r.cell_map, dpi=r.dpi))
    if r.histograms_out is not None:
        step("histograms")
        diagram = result.histograms(r.lang)
        out["histograms"] = os.fspath(diagram.save(r.histograms_out, dpi=r.dpi))


def _summarise(co: Cooccurrence, association: str, say: Callable[[str], None]) -> None:
    """The five region pairs marked together most often, a line each."""
    say(f"Regions marked together most often ({association}):")
    for pair in co.top(5):
        if pair["association"] is not None:
            say(
                f"  {pair['name_a']} + {pair['name_b']}: {pair['association']:.3f} "
                f"({pair['both']:,} drawings)"
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
    scheme: str | PathLike | None = None,
    codes_column: str | None = None,
    id_column: str | None = None,
    sex_column: str | None = None,
    rank: bool = False,
    kinds: Sequence[str] | None = None,
    by_score: str = "dice",
    engine: str = "raster",
    client: Any = None,
    test: str = "chi2",
    correction: str = "holm",
    covariate: str | None = None,
    association: str = "jaccard",
    min_cell_count: int = MIN_CELL_COUNT,
    output: PathLike | None = None,
    regions_out: PathLike | None = None,
    rank_out: PathLike | None = None,
    tests_out: PathLike | None = None,
    regression_out: PathLike | None = None,
    cooccurrence_out: PathLike | None = None,
    map_out: PathLike | None = None,
    regions_map: PathLike | None = None,
    tests_map: PathLike | None = None,
    cooccurrence_map: PathLike | None = None,
    cell_map: PathLike | None = None,
    histograms_out: PathLike | None = None,
    lang: str = "en",
    title: str | None = None,
    dpi: float = DEFAULT_DPI,
    keep_rows: bool = True,
    on_rows: Callable[[list[dict[str, Any]]], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: ProgressHook | None = None,
    on_step: StepHook | None = None,
    on_report: Callable[[str], None] | None = None,
    on_summary: Callable[[str], None] | None = None,
) -> CohortResult:
    """Analyse a cohort of pain drawings, and write the tables and figures asked for.

    ``bodymap.cohort(...)`` is :func:`run_cohort` of the :class:`CohortRequest` of its arguments;
    ``bodymap cohort`` on the command line is the same call.

    Parameters
    ----------
    inputs
        Drawing files, folders (searched recursively for ``.json``, ``.geojson``, ``.jsonl``
        and ``.ndjson`` files, hidden ones skipped) and JSON Lines files (one drawing per
        line; ``"-"`` reads JSON Lines from stdin), in any mix.
    patterns
        Referral patterns to measure every drawing against (built-in names or files).
    sides
        Pattern sides to measure: ``"left"``, ``"right"`` and/or ``"both"``; a bilateral
        pattern is measured once, as ``both``.
    chart
        The chart the drawings are on; a drawing on another chart is a broken input.
    by
        Group by this column of ``groups``, or without ``groups`` by this member of each
        drawing's ``bodymap`` block (``"clinic"``); no drawing having it is an error.
    groups
        A CSV table (see :func:`~bodymap.analysis.cohort.read_groups`) or a mapping from
        ``key`` value to group; needs ``by``.
    key
        What identifies a drawing in ``groups`` (default ``subject``).
    jobs
        Worker processes (1: none; 0: one per CPU), at most the CPUs and the chunks.
    strict
        Stop at the first input that cannot be read (raise
        :class:`~bodymap.analysis.cohort.CohortStopped`).
    cell
        Frequency-grid cell size in cm.
    scheme
        Count regions in this region scheme (``"choir"``, ``"michigan"``, ``"wpi"``,
        ``"bodymap"`` or a scheme file); an area counts at 10 % of it or 5 cm², whichever
        is smaller.
    codes_column
        The inputs are CSV/TSV tables of code lists of ``scheme`` (default ``choir``), one
        patient a row, the codes in this column; ``by`` then names a column of the table.
    id_column
        The table column with the patient id (needs ``codes_column``).
    sex_column
        The table column with the sex; female rows get the female numbering (needs
        ``codes_column``).
    rank
        Rank every drawing against every built-in pattern side: adds ``best_pattern``,
        ``best_side``, ``best_kind``, ``best_score``, ``second_pattern``, ``second_side``,
        ``second_score`` and ``red_flag`` (an organ pattern that raises a red flag, the rule of
        :mod:`bodymap.analysis.redflags`).
    kinds
        With ``rank``: rank only patterns of these kinds.
    by_score
        With ``rank``: rank by ``"dice"`` or ``"fit"``.
    engine
        ``"raster"`` (default; grid cells weighted by exact reference areas) or ``"exact"``
        (shapely overlays, as :func:`bodymap.compare`).
    client
        A ``dask.distributed.Client`` or a scheduler address (``"tcp://host:8786"``): the
        chunks run on its workers (needs ``pip install 'bodymap[dask]'``).
    test
        The group test of ``tests_out``, ``tests_map`` and ``cell_map``: ``"chi2"`` or
        ``"fisher"`` (two groups).
    correction
        ``"holm"``, ``"bonferroni"`` or ``"fdr_bh"``: of the region tests and the
        regression (the cell map always uses ``fdr_bh``).
    covariate
        The numeric column to regress every region on (of ``groups``, of the code tables, or
        of the rows); goes together with ``regression_out``.
    association
        ``"jaccard"`` or ``"phi"``: of ``cooccurrence_out`` and ``cooccurrence_map``.
    min_cell_count
        Cells marked by fewer drawings are not tested on the cell map.
    output
        Write the table, one row per drawing (CSV, TSV, JSON Lines or Parquet by suffix).
    regions_out
        Write the drawings per chart region (or scheme area).
    rank_out
        With ``rank``: write how often each pattern side is the best explanation.
    tests_out
        Write the group test of every region (needs ``by``).
    regression_out
        Write the logistic regression of every region on ``covariate``.
    cooccurrence_out
        Write every pair of regions marked together.
    map_out
        Write the frequency map (SVG, PNG or PDF by suffix, as every figure).
    regions_map
        Write the regions as a choropleth.
    tests_map
        Write the region map of the group test (needs ``by``).
    cooccurrence_map
        Write the co-occurrence heat map.
    cell_map
        Write the cell-by-cell group test, FDR-controlled (needs ``by``).
    histograms_out
        Write histograms of regions marked and pain extent per drawing, per group.
    lang
        Language of region names and figures (``"en"`` or ``"nl"``).
    title
        Title of the frequency map.
    dpi
        Resolution of PNG figures.
    keep_rows
        Keep the rows in the result (turn off to stream them through ``on_rows`` only;
        always kept when statistics are written).
    on_rows
        Called with each chunk's rows, in input order.
    on_problem
        Called with each broken input, in input order.
    on_progress
        Called after each chunk with ``(bytes done, bytes in total or None, drawings,
        problems)``.
    on_step
        Called before each output after the table with ``(outputs done, outputs in all,
        what is being written)``.
    on_report
        Called with one line per drawing left out of the regression.
    on_summary
        Called with the lines naming the region pairs marked together most often.

    Returns
    -------
    CohortResult
        Rows, grids, region counts, problems, the files written, and the figures.

    Raises
    ------
    RequestError
        Options that need each other given apart (``groups`` without ``by``, ...), or an
        input that does not exist.
    DataError
        A groups table that is unusable, ``by`` or ``covariate`` naming no column there is,
        or no drawing read while outputs were asked for.
    OutputError
        An output that cannot be written or would overwrite an input or another output.
    UnknownNameError
        An unknown pattern, side, chart or option value.
    CohortStopped
        With ``strict=True``, at the first broken input.
    CohortInterrupted
        On Ctrl-C, naming the outputs written (each whole) and those not.

    Examples
    --------
    >>> import bodymap
    >>> result = bodymap.cohort(["drawings/", "more.jsonl"], jobs=2)  # doctest: +SKIP
    >>> result.rows[0]["iliopsoas_left_dice"]  # doctest: +SKIP
    >>> bodymap.cohort("c.jsonl", by="sex", tests_out="tests.csv")  # doctest: +SKIP
    """
    request = CohortRequest(
        inputs=(inputs,) if isinstance(inputs, (str, os.PathLike)) else tuple(inputs),
        patterns=tuple(patterns), sides=tuple(sides), chart=chart, by=by, groups=groups,
        key=key, jobs=jobs, strict=strict, cell=cell, scheme=scheme, codes_column=codes_column,
        id_column=id_column, sex_column=sex_column, rank=rank,
        kinds=None if kinds is None else tuple(kinds), by_score=by_score, engine=engine,
        client=client, test=test, correction=correction, covariate=covariate,
        association=association, min_cell_count=min_cell_count, output=output,
        regions_out=regions_out, rank_out=rank_out, tests_out=tests_out,
        regression_out=regression_out, cooccurrence_out=cooccurrence_out, map_out=map_out,
        regions_map=regions_map, tests_map=tests_map, cooccurrence_map=cooccurrence_map,
        cell_map=cell_map, histograms_out=histograms_out, lang=lang, title=title, dpi=dpi,
    )  # fmt: skip
    return run_cohort(
        request, keep_rows=keep_rows, on_rows=on_rows, on_problem=on_problem,
        on_progress=on_progress, on_step=on_step, on_report=on_report, on_summary=on_summary,
    )  # fmt: skip
