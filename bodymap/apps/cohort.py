"""The cohort study: the cohort engine's result together with its maps.

:func:`cohort` runs :func:`bodymap.analysis.cohort.cohort` and returns a
:class:`CohortResult` that can also draw itself: :meth:`~CohortResult.frequency_map` (the
share of patients marking each spot), :meth:`~CohortResult.region_map` (the share marking
each chart region) and the figures of the statistics (:meth:`~CohortResult.tests_map`,
:meth:`~CohortResult.cell_map`, :meth:`~CohortResult.cooccurrence_map`,
:meth:`~CohortResult.histograms`), all as :class:`~bodymap.renderers.diagram.Diagram` objects.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bodymap.analysis.cohort import CohortResult as CohortData
from bodymap.analysis.cohort import cohort as run_cohort
from bodymap.analysis.cohort import stats as stats_module
from bodymap.analysis.cohort.codes import table_column
from bodymap.analysis.cohort.groups import read_groups
from bodymap.analysis.cohort.stats import (
    ALPHA,
    MIN_CELL_COUNT,
    CellTest,
    Cooccurrence,
    StatTable,
)
from bodymap.core.errors import BodymapError
from bodymap.renderers.diagram import Diagram
from bodymap.scene.cohort_maps import frequency_scene, region_scene
from bodymap.scene.cohort_stats import (
    cell_scene,
    cooccurrence_scene,
    histogram_scene,
    tests_scene,
)

__all__ = ["CohortResult", "StatisticsRequest", "cohort", "write_statistics"]

PathLike = str | os.PathLike[str]


class CohortResult(CohortData):
    """What :func:`cohort` found (see :class:`bodymap.analysis.cohort.CohortResult`), with maps."""

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
        """The region map of a group test, significant regions outlined.

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


def cohort(*args: Any, **kwargs: Any) -> CohortResult:
    """Analyse a cohort of pain drawings (see :func:`bodymap.analysis.cohort.cohort`)."""
    return run_cohort(*args, result_type=CohortResult, **kwargs)


cohort.__doc__ = run_cohort.__doc__


@dataclass(frozen=True)
class StatisticsRequest:
    """Which statistics of a cohort to write where (``None``: not asked for).

    Tables (``tests``, ``regression``, ``cooccurrence``) are CSV, TSV, JSON Lines or Parquet
    by suffix; figures (``tests_map``, ``cooccurrence_map``, ``cell_map``, ``histograms``) are
    SVG, PNG or PDF by suffix.  ``covariate`` comes from the ``groups`` table (matched by
    ``key``), else from the code ``tables`` the cohort was read from (the same table, matched
    row by row), else from the rows' own column of that name.
    """

    tests: PathLike | None = None
    tests_map: PathLike | None = None
    test: str = "chi2"
    correction: str = "holm"
    covariate: str | None = None
    regression: PathLike | None = None
    groups: PathLike | None = None
    key: str = "subject"
    cooccurrence: PathLike | None = None
    cooccurrence_map: PathLike | None = None
    association: str = "jaccard"
    cell_map: PathLike | None = None
    min_cell_count: int = MIN_CELL_COUNT
    histograms: PathLike | None = None
    tables: tuple[PathLike, ...] = ()


def write_statistics(
    result: CohortResult,
    request: StatisticsRequest,
    lang: str = "en",
    dpi: float = 200,
    report: Callable[[str], None] | None = None,
    summary: Callable[[str], None] | None = None,
) -> dict[str, str]:
    """Compute and write the statistics a :class:`StatisticsRequest` asks for.

    Parameters
    ----------
    result
        The cohort result (with its rows kept).
    request
        What to write where.
    lang
        Language of region names and figures.
    dpi
        Resolution of PNG figures.
    report
        Called with one line per drawing left out of an analysis (a missing covariate).
    summary
        Called with a few lines worth reading at once: the most associated region pairs.

    Returns
    -------
    dict
        The written files by what they hold (``tests``, ``tests_map``, ...).
    """
    out: dict[str, str] = {}
    r = request
    if r.tests is not None or r.tests_map is not None:
        table = result.test_groups(r.test, r.correction, lang)
        if r.tests is not None:
            out["tests"] = str(table.write(r.tests))
        if r.tests_map is not None:
            out["tests_map"] = str(result.tests_map(table, lang).save(r.tests_map, dpi=dpi))
    if r.covariate is not None and r.regression is not None:
        values: Mapping[str, Any] | None = None
        key = r.key
        if r.groups is not None:
            values = read_groups(r.groups, r.covariate, r.key)
        elif r.tables:
            values = {}
            for table_path in r.tables:
                values.update(table_column(table_path, r.covariate))
            key = "source"
        elif not result.rows or r.covariate not in result.rows[0]:
            raise BodymapError(
                f"--covariate {r.covariate}: give the table that holds it (--groups FILE)"
            )
        regression = result.regress(r.covariate, values, key, r.correction, lang)
        if report is not None:
            for line in regression.problems:
                report(line)
        out["regression"] = str(regression.write(r.regression))
    if r.cooccurrence is not None or r.cooccurrence_map is not None:
        co = result.cooccurrence(r.association, lang)
        if summary is not None:
            summary(f"Regions marked together most often ({r.association}):")
            for pair in co.top(5):
                if pair["association"] is not None:
                    summary(
                        f"  {pair['name_a']} + {pair['name_b']}: {pair['association']:.3f} "
                        f"({pair['both']:,} drawings)"
                    )
        if r.cooccurrence is not None:
            out["cooccurrence"] = str(co.table.write(r.cooccurrence))
        if r.cooccurrence_map is not None:
            diagram = result.cooccurrence_map(co, lang)
            out["cooccurrence_map"] = str(diagram.save(r.cooccurrence_map, dpi=dpi))
    if r.cell_map is not None:
        cells = result.cell_test(r.test, "fdr_bh", r.min_cell_count)
        out["cell_map"] = str(result.cell_map(cells, lang).save(r.cell_map, dpi=dpi))
    if r.histograms is not None:
        out["histograms"] = str(result.histograms(lang).save(r.histograms, dpi=dpi))
    return out
