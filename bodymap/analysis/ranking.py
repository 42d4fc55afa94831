"""Rank referral patterns for a pain drawing: which structure's pattern explains it best.

:func:`rank` compares a drawing with every built-in pattern on each of its sides (see
:mod:`bodymap.analysis.comparison`) and orders the results by Dice (default) or by the fit
score, which makes a differential of drawings with more than one source of pain.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bodymap.analysis.comparison import Comparison, DrawingLike, _chart_for, _measure
from bodymap.analysis.measures import rounded
from bodymap.analysis.reference import pattern_reference
from bodymap.core.choices import PATTERN_KINDS, RANK_MEASURES, check
from bodymap.core.errors import BodymapError
from bodymap.core.jsonio import dump_json
from bodymap.model.chart import Chart
from bodymap.model.pattern import load_pattern, pattern_names
from bodymap.model.reader import load_drawing

__all__ = ["FIT_REASON", "RANK_BY", "RANK_REASON", "RankResult", "rank"]

#: What the fit score is (printed by ``bodymap rank --by fit``).
FIT_REASON = (
    "Fit is the F2 score of two questions: how much of the patient's pain does the whole "
    "pattern explain (precision), and how much of the pattern's essential zones did the "
    "patient mark (essential recall)? Covering the essential zones counts four times as much "
    "as explaining all the pain, because a patient's pain often has more than one source: a "
    "drawing that combines two patterns ranks both near the top, which plain Dice does not "
    "do when one pattern is much larger than the other."
)
#: The measure :func:`rank` orders by, unless told otherwise.
RANK_BY = "dice"
#: Why Dice is the default ranking measure (printed by ``bodymap rank``).
RANK_REASON = (
    "Dice weighs both ways a pattern can fit badly: pain the pattern does not explain "
    "(low precision) and pattern the patient did not mark (low recall). Recall alone favours "
    "widespread drawings and large patterns, precision alone favours small patterns; Jaccard "
    "ranks exactly as Dice does."
)


@dataclass(frozen=True, eq=False)
class RankResult:
    """The result of :func:`rank`: one :class:`Comparison` per pattern side, best first.

    Attributes
    ----------
    measure
        The measure the results are ordered by (``"dice"`` unless asked otherwise).
    results
        The comparisons, best first (ties: pattern name, then side).
    drawing
        The drawing's label.
    reason
        Why the measure is used, in one sentence or two.
    """

    measure: str
    results: tuple[Comparison, ...]
    drawing: str = "drawing"
    reason: str = RANK_REASON

    def __iter__(self) -> Iterator[Comparison]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index: int) -> Comparison:
        return self.results[index]

    @property
    def best(self) -> Comparison | None:
        """The best-fitting pattern side, or ``None`` if no pattern was scored."""
        return self.results[0] if self.results else None

    def to_dict(self) -> dict[str, Any]:
        """``{"drawing", "measure", "results": [comparison, ...]}``, best first.

        Each result is the comparison's :meth:`Comparison.to_dict` plus its ``fit`` score.
        """
        return {
            "drawing": self.drawing,
            "measure": self.measure,
            "results": [{**c.to_dict(), "fit": rounded(c.fit, 4)} for c in self.results],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return dump_json(self.to_dict(), indent=indent)


def rank(
    drawing: DrawingLike,
    top: int | None = None,
    by: str = RANK_BY,
    chart: str | os.PathLike[str] | Chart | None = None,
    kinds: Sequence[str] | None = None,
) -> RankResult:
    """Score every built-in pattern on each of its sides against a drawing, best first.

    Every pattern in :func:`bodymap.pattern_names` that is drawn on the drawing's chart is
    compared on each side in ``pattern.sides`` (``left`` and ``right``, or ``both`` for a
    bilateral pattern).

    Parameters
    ----------
    drawing
        A Drawing, a drawing file or a parsed dict.
    top
        Keep only the best ``top`` results (all if ``None``).
    by
        The measure to order by: ``"dice"`` (default), ``"jaccard"``, ``"recall"``,
        ``"precision"`` or ``"fit"`` (see :attr:`Comparison.fit`, which makes a differential
        of drawings with more than one source of pain).  Dice is the default because it
        penalises both ways a pattern can fit badly: pain the pattern does not explain (low
        precision) and pattern the patient did not mark (low recall).  Recall alone would
        favour widespread drawings and large patterns, precision alone small patterns;
        Jaccard = Dice / (2 - Dice) gives the same order as Dice.
    chart
        The chart to measure on (default: the drawing's own chart).
    kinds
        Rank only patterns of these kinds (:data:`~bodymap.core.choices.PATTERN_KINDS`:
        ``"muscle"``, ``"dermatome"``, ``"nerve"``, ``"joint"``, ``"organ"``); every kind
        is ranked together if ``None``.

    Returns
    -------
    RankResult
        The comparisons, best first; ties are broken by pattern name, then side.

    Raises
    ------
    UnknownNameError
        For an unknown measure or pattern kind.
    BodymapError
        If ``top`` is less than 1.
    """
    check("measure", by, RANK_MEASURES)
    for kind in kinds or ():
        check("pattern kind", kind, PATTERN_KINDS)
    if top is not None and top < 1:
        raise BodymapError(f"top must be at least 1, not {top}")
    first = load_drawing(drawing)
    the_chart = _chart_for(first, chart)
    results: list[Comparison] = []
    for name in pattern_names():
        pattern = load_pattern(name)
        if pattern.chart != the_chart.name or (kinds and pattern.kind not in kinds):
            continue
        for s in pattern.sides:
            ref = pattern_reference(pattern, s, the_chart)
            results.append(_measure(first, ref, the_chart, s))
    order = {"left": 0, "right": 1, "both": 2}

    def key(c: Comparison) -> tuple[float, str, int]:
        value = c.measure(by)
        return (-(value if value is not None else -1.0), c.pattern, order.get(c.side or "", 3))

    results.sort(key=key)
    if top is not None:
        results = results[:top]
    reason = FIT_REASON if by == "fit" else RANK_REASON
    return RankResult(measure=by, results=tuple(results), drawing=first.label, reason=reason)
