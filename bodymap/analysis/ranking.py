"""Rank referral patterns for a pain drawing: which structure's pattern explains it best.

:func:`rank` compares a drawing with every built-in pattern on each of its sides (see
:mod:`bodymap.analysis.comparison`) and orders the results by Dice (default) or by the fit
score, which makes a differential of drawings with more than one source of pain.  Organ
patterns are red flags: :func:`red_flags` turns every organ pattern among the ranked results
into the one plain sentence every output (the text report, the JSON, the differential
figure, the clinician's report) shows, in the chosen language.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bodymap.analysis.comparison import Comparison, DrawingLike, _chart_for, _measure_many
from bodymap.analysis.measures import rounded
from bodymap.analysis.reference import pattern_reference
from bodymap.core.choices import PATTERN_KINDS, RANK_MEASURES, check, check_lang
from bodymap.core.errors import BodymapError, match_name
from bodymap.core.i18n import tr
from bodymap.core.jsonio import dump_json
from bodymap.model.chart import Chart
from bodymap.model.pattern import Pattern, load_pattern, pattern_names
from bodymap.model.reader import load_drawing

__all__ = [
    "FIT_REASON",
    "RANK_BY",
    "RANK_REASON",
    "RankResult",
    "RedFlag",
    "rank",
    "red_flag_sentence",
    "red_flags",
]

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


@dataclass(frozen=True)
class RedFlag:
    """An organ pattern among ranked results, and the sentence that warns about it.

    Attributes
    ----------
    pattern, side, kind
        The pattern's name, the side ranked (``"left"``, ``"right"`` or ``"both"``) and
        its kind (``"organ"``).
    text
        The sentence in the chosen language, e.g. "Kidney (left): pain in this area can
        come from the kidney or ureter; rule out kidney disease before treating it as
        muscle pain."
    """

    pattern: str
    side: str
    kind: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """``{"pattern", "side", "kind", "text"}``."""
        return {"pattern": self.pattern, "side": self.side, "kind": self.kind, "text": self.text}


def red_flag_sentence(result: Comparison, lang: str = "en") -> str:
    """The warning sentence of one ranked organ pattern side ("" if it is no red flag).

    ``"{title} ({side}): {note}"``, e.g. "Kidney (left): pain in this area can come from the
    kidney or ureter; rule out kidney disease before treating it as muscle pain."; without
    the side for a bilateral (unpaired) organ.  The title and the note are the pattern's
    (:meth:`Pattern.title`, :meth:`Pattern.red_flag_text`), the side word is the interface
    string ``redflag.side.<side>``.

    Parameters
    ----------
    result
        A comparison with a pattern (from :func:`bodymap.rank` or :func:`bodymap.compare`).
    lang
        ``"en"`` or ``"nl"``.

    Raises
    ------
    UnknownNameError
        For an unknown language.
    """
    lang = check_lang(lang)
    pattern = result.pattern_data
    if pattern is None or not pattern.red_flag:
        return ""
    name, note = pattern.title(lang), pattern.red_flag_text(lang)
    if result.side in ("left", "right"):
        side = tr(f"redflag.side.{result.side}", lang)
        return tr("redflag.sentence", lang, name=name, side=side, text=note)
    return tr("redflag.sentence.bilateral", lang, name=name, text=note)


def red_flags(results: Iterable[Comparison], lang: str = "en") -> tuple[RedFlag, ...]:
    """The red flags among ranked results: one :class:`RedFlag` per organ pattern side.

    The one function every output of a ranking calls to warn that pain may come from an
    internal organ (the text report, the JSON of :meth:`RankResult.to_dict`, the
    differential figure, the clinician's report), so they say the same thing in the same
    words.  Pass the results that are shown (e.g. a ranking's top N); they are kept in
    ranking order.  An organ pattern side the drawing does not overlap at all (Dice 0,
    e.g. the far end of a full ranking) is no red flag for this drawing and is left out.

    Parameters
    ----------
    results
        Comparisons, e.g. a :class:`RankResult` or its ``results``.
    lang
        Language of the sentences, ``"en"`` or ``"nl"``.

    Returns
    -------
    tuple of RedFlag
        Empty when no organ pattern is among the results.

    Examples
    --------
    >>> import bodymap
    >>> ranking = bodymap.rank("examples/drawings/iliopsoas-left.json", top=5)  # doctest: +SKIP
    >>> [flag.text for flag in ranking.red_flags("en")]  # doctest: +SKIP
    """
    lang = check_lang(lang)
    out: list[RedFlag] = []
    seen: set[tuple[str, str]] = set()
    for result in results:
        pattern = result.pattern_data
        if pattern is None or not pattern.red_flag or not result.dice:
            continue
        side = result.side or "both"
        if (result.pattern, side) in seen:
            continue
        seen.add((result.pattern, side))
        out.append(RedFlag(result.pattern, side, pattern.kind, red_flag_sentence(result, lang)))
    return tuple(out)


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

    def red_flags(self, lang: str = "en") -> tuple[RedFlag, ...]:
        """The organ patterns among the results, each with its warning (see :func:`red_flags`).

        Parameters
        ----------
        lang
            Language of the sentences, ``"en"`` or ``"nl"``.
        """
        return red_flags(self.results, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """``{"drawing", "measure", "results": [comparison, ...], "red_flags": [...]}``.

        Each result, best first, is the comparison's :meth:`Comparison.to_dict` (with its
        ``kind`` and ``red_flag``) plus its ``fit`` score; ``red_flags`` lists every organ
        pattern among the results as ``{"pattern", "side", "kind", "text"}``, the text in
        ``lang``.
        """
        return {
            "drawing": self.drawing,
            "measure": self.measure,
            "results": [{**c.to_dict(), "fit": rounded(c.fit, 4)} for c in self.results],
            "red_flags": [flag.to_dict() for flag in self.red_flags(lang)],
        }

    def to_json(self, indent: int | None = 2, lang: str = "en") -> str:
        """:meth:`to_dict` as JSON text."""
        return dump_json(self.to_dict(lang), indent=indent)


def rank(
    drawing: DrawingLike,
    top: int | None = None,
    by: str = RANK_BY,
    chart: str | os.PathLike[str] | Chart | None = None,
    kinds: Sequence[str] | None = None,
    patterns: Sequence[str | os.PathLike[str] | Pattern] | None = None,
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
        ``"muscle"``, ``"dermatome"``, ``"nerve"``, ``"joint"``, ``"organ"``, in any case);
        every kind is ranked together if ``None``.
    patterns
        Rank these patterns (built-in names, pattern files or loaded Patterns) instead of
        every built-in one; ``kinds`` still filters them.

    Returns
    -------
    RankResult
        The comparisons, best first; ties are broken by pattern name, then side.

    Raises
    ------
    UnknownNameError
        For an unknown measure, pattern kind or pattern name.
    DataError
        For a bad pattern file, or a given pattern drawn on another chart.
    BodymapError
        If ``top`` is less than 1.
    """
    check("measure", by, RANK_MEASURES)
    kinds = [match_name("pattern kind", kind, PATTERN_KINDS) for kind in kinds or ()]
    if top is not None and top < 1:
        raise BodymapError(f"top must be at least 1, not {top}")
    first = load_drawing(drawing, chart)
    the_chart = _chart_for(first, chart)
    if patterns is None:
        candidates = [load_pattern(name) for name in pattern_names()]
        candidates = [p for p in candidates if p.chart == the_chart.name]
    else:
        candidates = [load_pattern(p) for p in patterns]  # type: ignore[arg-type]
        for pattern in candidates:
            pattern.check_chart(the_chart)
    refs = [
        pattern_reference(pattern, s, the_chart)
        for pattern in candidates
        if not kinds or pattern.kind in kinds
        for s in pattern.sides
    ]
    # Every pattern side in one vectorised pass: only the zones the drawing meets are
    # intersected (the same areas as one comparison at a time, in a tenth of the time).
    results = _measure_many(first, refs, the_chart, [r.side for r in refs])
    order = {"left": 0, "right": 1, "both": 2}

    def key(c: Comparison) -> tuple[float, str, int]:
        value = c.measure(by)
        return (-(value if value is not None else -1.0), c.pattern, order.get(c.side or "", 3))

    results.sort(key=key)
    if top is not None:
        results = results[:top]
    reason = FIT_REASON if by == "fit" else RANK_REASON
    return RankResult(measure=by, results=tuple(results), drawing=first.label, reason=reason)
