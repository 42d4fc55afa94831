"""The cohort study: the cohort engine's result together with its maps.

:func:`cohort` runs :func:`bodymap.analysis.cohort.cohort` and returns a
:class:`CohortResult` that can also draw itself: :meth:`~CohortResult.frequency_map` (the
share of patients marking each spot) and :meth:`~CohortResult.region_map` (the share
marking each chart region), both as :class:`~bodymap.renderers.diagram.Diagram` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bodymap.analysis.cohort import CohortResult as CohortData
from bodymap.analysis.cohort import cohort as run_cohort
from bodymap.renderers.diagram import Diagram
from bodymap.scene.cohort_maps import frequency_scene, region_scene

__all__ = ["CohortResult", "cohort"]


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


def cohort(*args: Any, **kwargs: Any) -> CohortResult:
    """Analyse a cohort of pain drawings (see :func:`bodymap.analysis.cohort.cohort`)."""
    return run_cohort(*args, result_type=CohortResult, **kwargs)


cohort.__doc__ = run_cohort.__doc__
