"""``bodymap cohort``: many pain drawings to a table, a frequency map and region counts.

Exit codes: 0 when every input was read; 1 when some inputs were broken and skipped (each is
reported on stderr as ``file:line: reason`` and again in a summary at the end; the outputs are
written all the same), or on an error that stops the run (``Error: ...``; nothing is written),
including the first broken input under ``--strict``; 2 for a usage error (a missing input, an
unknown option value).  Every output is written to a temporary file and renamed when the run
has finished, so an interrupted run never leaves a partial table behind.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from bodymap.analysis.cohort.tables import table_formats
from bodymap.cli.options import (
    DEFAULT_DPI,
    chart_option,
    choice_option,
    dpi_option,
    json_option,
    lang_option,
    output_option,
    pattern_option,
    side_option,
)
from bodymap.core.choices import (
    ASSOCIATIONS,
    COHORT_ENGINES,
    COHORT_RANK_SCORES,
    CORRECTIONS,
    PATTERN_SIDES,
    STAT_TESTS,
)

#: How many broken inputs the closing summary lists by name.
SUMMARY_LIMIT = 20
#: Show the progress bar only for runs that take longer than this (seconds).
PROGRESS_AFTER = 1.0
#: The table formats, for the help of every table output (from the writers' registry).
TABLES = table_formats()
#: How the messages of the run name the fields of its request: by their options.
OPTIONS = {
    "inputs": "INPUT...",
    "patterns": "--pattern",
    "by": "--by COLUMN",
    "groups": "--groups",
    "codes_column": "--codes-column",
    "id_column": "--id-column",
    "sex_column": "--sex-column",
    "covariate": "--covariate",
    "rank": "--rank",
    "kinds": "--kind",
    "output": "-o",
    "regions_out": "--regions-out",
    "rank_out": "--rank-out",
    "tests_out": "--tests",
    "regression_out": "--regression",
    "cooccurrence_out": "--cooccurrence",
    "map_out": "--map",
    "regions_map": "--regions-map",
    "tests_map": "--tests-map",
    "cooccurrence_map": "--cooccurrence-map",
    "cell_map": "--cell-map",
    "histograms_out": "--histograms",
}


class _Progress:
    """A rich progress bar on stderr, started only once a run has taken a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def update(self, done: int, total: int | None, drawings: int, problems: int) -> None:
        """Reading: bytes done of the total, drawings read and broken so far."""
        if not self._show(total):
            return
        text = f"{drawings:,} drawings" + (f", {problems:,} broken" if problems else "")
        self.bar.update(self.task, completed=done, total=total, description=text)

    def step(self, done: int, total: int, what: str) -> None:
        """Writing the outputs after the table: ``done`` of ``total``, now ``what``."""
        if not self._show(total):
            return
        self.bar.update(self.task, completed=done, total=total, description=f"writing {what}")

    def _show(self, total: int | None) -> bool:
        """Whether to draw: enabled, and the run has taken a second (the bar then started)."""
        if not self.enabled:
            return False
        if self.bar is None:
            if time.monotonic() - self.started < PROGRESS_AFTER:
                return False
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("cohort", total=total)
        return True

    def stop(self) -> None:
        """Take the bar off the terminal (it starts again on the next update)."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def cohort(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Drawing files, folders of them, and JSON Lines files (.jsonl, one drawing "
            "per line; '-' reads JSON Lines from stdin), in any mix.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        output_option(f"The table, one row per drawing: {TABLES} (default: cohort.csv)."),
    ] = None,
    pattern: Annotated[
        list[str] | None,
        pattern_option(
            "Pattern to measure every drawing against (repeat for more; default iliopsoas)."
        ),
    ] = None,
    side: Annotated[
        list[str] | None,
        side_option(
            PATTERN_SIDES, "Pattern side to measure (repeat for more; default: left and right)."
        ),
    ] = None,
    map_out: Annotated[
        Path | None,
        typer.Option("--map", help="Write the frequency map: .png, .svg or .pdf."),
    ] = None,
    regions_out: Annotated[
        Path | None,
        typer.Option("--regions-out", help=f"Write the drawings per chart region: {TABLES}."),
    ] = None,
    regions_map: Annotated[
        Path | None,
        typer.Option(
            "--regions-map", help="Write the regions as a choropleth: .png, .svg or .pdf."
        ),
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option(
            "--groups",
            help="CSV table assigning drawings to groups (a 'subject' column and the --by "
            "column; an 'sss' column adds the fibromyalgia 2016 criteria).",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Group by this column of --groups, or without --groups by this member of "
            "each drawing's 'bodymap' block.",
        ),
    ] = None,
    key: Annotated[
        str,
        typer.Option("--key", help="The column of --groups that names the drawing's subject."),
    ] = "subject",
    jobs: Annotated[
        int, typer.Option("-j", "--jobs", min=0, help="Worker processes (0: one per CPU).")
    ] = 1,
    as_json: Annotated[bool, json_option()] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first broken input (exit code 1).")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("-q", "--quiet", help="No progress bar and no closing summary of counts."),
    ] = False,
    lang: Annotated[str, lang_option("Language of the figures and region names.")] = "en",
    title: Annotated[str | None, typer.Option("--title", help="Title of the map.")] = None,
    dpi: Annotated[float, dpi_option()] = DEFAULT_DPI,
    chart: Annotated[str, chart_option()] = "adult",
    tests_out: Annotated[
        Path | None,
        typer.Option(
            "--tests",
            help=f"Write the group test of every region (needs --by): {TABLES}.",
        ),
    ] = None,
    tests_map: Annotated[
        Path | None,
        typer.Option(
            "--tests-map",
            help="Write the region map of the group test: .png, .svg or .pdf.",
        ),
    ] = None,
    test: Annotated[
        str,
        choice_option(
            "--test",
            "test",
            STAT_TESTS,
            "Group test: chi2 (Pearson, no continuity correction) or fisher (two groups).",
        ),
    ] = "chi2",
    correction: Annotated[
        str,
        choice_option(
            "--correction",
            "correction",
            CORRECTIONS,
            "Multiple-comparison correction of the region tests and the regression "
            "(the cell map always uses fdr_bh).",
        ),
    ] = "holm",
    covariate: Annotated[
        str | None,
        typer.Option(
            "--covariate",
            help="Numeric column to regress every region on: of --groups (by --key), or of "
            "the table itself with --codes-column.",
        ),
    ] = None,
    regression_out: Annotated[
        Path | None,
        typer.Option(
            "--regression",
            help=f"Write the logistic regression of every region on --covariate: {TABLES}.",
        ),
    ] = None,
    cooccurrence_out: Annotated[
        Path | None,
        typer.Option(
            "--cooccurrence",
            help=f"Write every pair of regions marked together: {TABLES}.",
        ),
    ] = None,
    cooccurrence_map: Annotated[
        Path | None,
        typer.Option(
            "--cooccurrence-map",
            help="Write the co-occurrence heat map: .png, .svg or .pdf.",
        ),
    ] = None,
    association: Annotated[
        str,
        choice_option(
            "--association",
            "association",
            ASSOCIATIONS,
            "How strongly two regions go together: jaccard or phi.",
        ),
    ] = "jaccard",
    cell_map: Annotated[
        Path | None,
        typer.Option(
            "--cell-map",
            help="Write the cell-by-cell group test on the chart (FDR, needs --by): .png, .svg "
            "or .pdf.",
        ),
    ] = None,
    min_cell_count: Annotated[
        int,
        typer.Option(
            "--min-cell-count",
            min=1,
            help="Cells marked by fewer drawings are not tested on the cell map.",
        ),
    ] = 5,
    histograms: Annotated[
        Path | None,
        typer.Option(
            "--histograms",
            help="Write histograms of regions marked and pain extent per drawing, per group: "
            ".png, .svg or .pdf.",
        ),
    ] = None,
    scheme: Annotated[
        str | None,
        typer.Option(
            "--scheme",
            help="Count regions in this scheme (choir, michigan, wpi, bodymap or a scheme file): "
            "the regions column, --regions-out and --regions-map by its codes; an area counts at "
            "10% of it or 5 cm², whichever is smaller.",
        ),
    ] = None,
    codes_column: Annotated[
        str | None,
        typer.Option(
            "--codes-column",
            help="The inputs are CSV/TSV tables of code lists of --scheme (default choir), "
            "one patient a row, codes in this column; --by then names a column of the table.",
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option("--id-column", help="The table column with the patient id (subject)."),
    ] = None,
    sex_column: Annotated[
        str | None,
        typer.Option(
            "--sex-column",
            help="The table column with the sex (female/male or f/m, any case); female rows "
            "get the female numbering.",
        ),
    ] = None,
    rank: Annotated[
        bool,
        typer.Option(
            "--rank",
            help="Rank every drawing against every built-in pattern side: adds best_pattern, "
            "best_side, best_kind, best_score, second_pattern, second_side, second_score and "
            "red_flag (an organ pattern that fits well enough: see README, Red flags).",
        ),
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="With --rank: rank only these pattern kinds (comma-separated)."
        ),
    ] = None,
    by_score: Annotated[
        str,
        choice_option(
            "--by-score", "by_score", COHORT_RANK_SCORES, "With --rank: rank by dice or fit."
        ),
    ] = "dice",
    engine: Annotated[
        str,
        choice_option(
            "--engine",
            "engine",
            COHORT_ENGINES,
            "exact: shapely overlays per drawing; raster: grid cells weighted by exact "
            "reference areas (faster).",
        ),
    ] = "raster",
    rank_out: Annotated[
        Path | None,
        typer.Option(
            "--rank-out",
            help="With --rank: write how often each pattern side is the best explanation, "
            f"overall and per --by group: {TABLES}.",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Run the chunks on a Dask cluster (tcp://scheduler:8786); workers must be "
            "able to read the input paths. Needs pip install 'bodymap[dask]'.",
        ),
    ] = None,
) -> None:
    """Analyse many pain drawings: a table, a frequency map and counts per chart region.

    The table has one row per drawing: source (file, or file:line for JSON Lines), subject,
    recorded, extent_cm2, extent_pct, outside_cm2, n_marks, regions (touched ids, ';'-joined),
    with --by also group, then <pattern>_<side>_recall, _precision, _dice and _jaccard for
    every pattern and side (hyphens in names become underscores), then the measures of
    bodymap measure (weighted_extent_cm2, weighted_extent_pct, no_intensity_cm2,
    extent_<quality>_cm2, no_quality_cm2, n_areas, <view>_centroid_x/_y, left_cm2, right_cm2,
    laterality_index; drawings only), then wpi (Widespread Pain Index, 0-19), generalized
    (ACR 2016: 4 of 5 regions), acr1990_widespread and manchester_widespread; a --groups table
    with an 'sss' column (symptom severity score, 0-12) adds sss and fibromyalgia_2016 (Wolfe
    2016).  With --codes-column the inputs
    are tables of code lists (e.g. CHOIR Body Map ids or REDCap codes), counted exactly from
    the codes; an empty list is a patient without pain, a row with an unknown code is
    reported (file:line: reason) and skipped.  In CSV and TSV tables, a
    text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
    carriage return) gets a leading ' (numbers are written as they are).  Exit codes: 0 all
    inputs read; 1 some inputs broken and skipped (outputs still written) or a fatal error;
    2 usage error; 130 interrupted (the message says which outputs were written).
    """
    from bodymap.apps.cohort import CohortInterrupted, CohortRequest, RequestError, run_cohort
    from bodymap.cli.echo import note, result, wrote
    from bodymap.core.choices import DEFAULT_PATTERN
    from bodymap.core.jsonio import dump_json

    err = sys.stderr
    progress = _Progress(enabled=not quiet and err.isatty())

    def on_problem(problem: Any) -> None:
        progress.stop()
        typer.echo(str(problem), err=True)

    def say(line: str) -> None:
        progress.stop()
        typer.echo(line, err=True)

    try:
        request = CohortRequest(
            inputs=tuple(inputs), patterns=tuple(pattern or (DEFAULT_PATTERN,)),
            sides=tuple(side or ("left", "right")), chart=chart, by=by, groups=groups, key=key,
            jobs=jobs, strict=strict, scheme=scheme, codes_column=codes_column,
            id_column=id_column, sex_column=sex_column, rank=rank,
            kinds=None if kind is None else tuple(k.strip() for k in kind.split(",") if k.strip()),
            by_score=by_score, engine=engine, client=dask, test=test, correction=correction,
            covariate=covariate, association=association, min_cell_count=min_cell_count,
            output=output if output is not None else Path("cohort.csv"),
            regions_out=regions_out, rank_out=rank_out, tests_out=tests_out,
            regression_out=regression_out, cooccurrence_out=cooccurrence_out, map_out=map_out,
            regions_map=regions_map, tests_map=tests_map, cooccurrence_map=cooccurrence_map,
            cell_map=cell_map, histograms_out=histograms, lang=lang, title=title, dpi=dpi,
        )  # fmt: skip
        ran = run_cohort(
            request, keep_rows=False, on_problem=on_problem, on_progress=progress.update,
            on_step=progress.step, on_report=say,
            on_summary=None if quiet or as_json else say, names=OPTIONS,
        )  # fmt: skip
    except RequestError as exc:
        option = OPTIONS.get(exc.options[0], exc.options[0])
        raise typer.BadParameter(exc.worded(OPTIONS), param_hint=f"'{option}'") from None
    except CohortInterrupted as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(130) from None
    finally:
        progress.stop()

    problems = ran.problems
    if as_json:
        summary = {
            "drawings": ran.n,
            "broken": len(problems),
            "problems": [{"source": p.source, "message": p.message} for p in problems],
            "groups": {name: counts.n for name, counts in ran.groups.items()},
            "ungrouped": ran.ungrouped,
            "outputs": ran.outputs,
            "seconds": round(ran.seconds, 3),
        }
        result(dump_json(summary))
    else:
        for path in ran.outputs.values():
            wrote(path)
    if problems:
        lines = [f"Skipped {len(problems):,} broken input(s); analysed {ran.n:,} drawings:"]
        lines += [f"  {p.message}" for p in problems[:SUMMARY_LIMIT]]
        if len(problems) > SUMMARY_LIMIT:
            lines.append(f"  ... and {len(problems) - SUMMARY_LIMIT:,} more (listed above)")
        typer.echo("\n".join(lines), err=True)
        raise typer.Exit(1)
    if not quiet and not as_json:
        rate = ran.n / ran.seconds if ran.seconds > 0 else 0.0
        note(f"Analysed {ran.n:,} drawings in {ran.seconds:.1f} s ({rate:,.0f}/s).")


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("cohort")(cohort)
