"""Rank referral patterns for a pain drawing: which structure's pattern explains it best.

:func:`rank` compares a drawing with every built-in pattern on each of its sides (see
:mod:`bodymap.analysis.comparison`) and orders the results by Dice (default) or by the fit
score, which makes a differential of drawings with more than one source of pain.  An organ
pattern that fits the drawing well enough is a red flag (the rule of
:mod:`bodymap.analysis.redflags`): :func:`red_flags` turns each into the one plain sentence
every output (the text report, the JSON, the differential figure, the clinician's report)
shows, in the chosen language.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bodymap.analysis.comparison import Comparison, DrawingLike, _chart_for, _measure_many
from bodymap.analysis.measures import rounded
from bodymap.analysis.redflags import drawing_sex, red_flag_raised
from bodymap.analysis.reference import pattern_reference
from bodymap.core.choices import PATTERN_KINDS, RANK_MEASURES, SEXES, check, check_lang
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
    "raised_red_flags",
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


#: Order of the sides on a tie (after the pattern name), as the ranking breaks ties.
_SIDE_ORDER = {"left": 0, "right": 1, "both": 2}


def _tie_break(c: Comparison) -> tuple[str, int]:
    return (c.pattern, _SIDE_ORDER.get(c.side or "", 3))


@dataclass(frozen=True)
class RedFlag:
    """An organ pattern that raises a red flag for a drawing, and the sentence that warns.

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


def raised_red_flags(
    results: Iterable[Comparison], sex: str | None = None
) -> tuple[Comparison, ...]:
    """The pattern sides among ``results`` that raise a red flag, in the order given.

    Applies :func:`bodymap.analysis.redflags.red_flag_raised` to each result, with its place
    by fit among ``results`` (pass every pattern side ranked, not a top N: a red flag is
    judged against all of them).  A pattern side given twice counts once.

    Parameters
    ----------
    results
        Comparisons of one drawing with patterns.
    sex
        The patient's sex (``"female"``, ``"male"``) or ``None`` when not known.
    """
    if sex is not None:
        sex = check("sex", sex, SEXES)
    unique: dict[tuple[str, str], Comparison] = {}
    for result in results:
        unique.setdefault((result.pattern, result.side or "both"), result)
    shown = list(unique.values())
    by_fit = sorted(shown, key=lambda c: (-(c.fit if c.fit is not None else -1.0), *_tie_break(c)))
    place = {id(c): i for i, c in enumerate(by_fit, start=1)}
    return tuple(c for c in shown if red_flag_raised(c.pattern_data, c.fit, place[id(c)], sex))


def red_flags(
    results: Iterable[Comparison], lang: str = "en", sex: str | None = None
) -> tuple[RedFlag, ...]:
    """The red flags of a drawing's ranking: one :class:`RedFlag` per organ pattern side.

    The one function every output of a ranking calls to warn that pain may come from an
    internal organ (the text report, the JSON of :meth:`RankResult.to_dict`, the
    differential figure, the clinician's report), so they say the same thing in the same
    words and warn for the same organs: those that pass the rule of
    :mod:`bodymap.analysis.redflags` (fit at least
    :data:`~bodymap.analysis.redflags.RED_FLAG_FIT`, among the
    :data:`~bodymap.analysis.redflags.RED_FLAG_RANK` best by fit, an organ the patient can
    have).  Given a :class:`RankResult`, its red flags are the ones :func:`rank` found over
    every pattern side it ranked (a ranking cut to its top N keeps them, and its own sex);
    given other comparisons, the rule is applied to them (see :func:`raised_red_flags`).

    Parameters
    ----------
    results
        A :class:`RankResult`, or the comparisons of one drawing with every pattern side.
    lang
        Language of the sentences, ``"en"`` or ``"nl"``.
    sex
        The patient's sex for comparisons that are no :class:`RankResult` (``None``:
        unknown).

    Returns
    -------
    tuple of RedFlag
        Empty when no organ pattern fits the drawing well enough.

    Examples
    --------
    >>> import bodymap
    >>> ranking = bodymap.rank("examples/drawings/iliopsoas-left.json")  # doctest: +SKIP
    >>> [flag.text for flag in ranking.red_flags("en")]  # doctest: +SKIP
    []
    """
    lang = check_lang(lang)
    raised = results.raised if isinstance(results, RankResult) else raised_red_flags(results, sex)
    return tuple(
        RedFlag(c.pattern, c.side or "both", c.kind or "organ", red_flag_sentence(c, lang))
        for c in raised
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
    sex
        The patient's sex the red flags were judged for (``None``: unknown).
    flagged
        The pattern sides that raise a red flag, judged by :func:`rank` over every pattern
        side it ranked (``None``: judge :attr:`results` themselves).
    """

    measure: str
    results: tuple[Comparison, ...]
    drawing: str = "drawing"
    reason: str = RANK_REASON
    sex: str | None = None
    flagged: tuple[Comparison, ...] | None = None

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

    @property
    def raised(self) -> tuple[Comparison, ...]:
        """The pattern sides that raise a red flag (see :mod:`bodymap.analysis.redflags`)."""
        if self.flagged is not None:
            return self.flagged
        return raised_red_flags(self.results, self.sex)

    def red_flags(self, lang: str = "en") -> tuple[RedFlag, ...]:
        """The organ patterns that raise a red flag, each with its warning (:func:`red_flags`).

        Parameters
        ----------
        lang
            Language of the sentences, ``"en"`` or ``"nl"``.
        """
        return red_flags(self, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """``{"drawing", "measure", "results": [comparison, ...], "red_flags": [...]}``.

        Each result, best first, is the comparison's :meth:`Comparison.to_dict` (with its
        ``kind`` and ``red_flag``: whether it is an organ pattern) plus its ``fit`` score
        and ``red_flag_raised`` (whether it raises a red flag for this drawing);
        ``red_flags`` lists the organ patterns that raise one (:func:`red_flags`) as
        ``{"pattern", "side", "kind", "text"}``, the text in ``lang``.
        """
        raised = {(c.pattern, c.side) for c in self.raised}
        return {
            "drawing": self.drawing,
            "measure": self.measure,
            "results": [
                {
                    **c.to_dict(),
                    "fit": rounded(c.fit, 4),
                    "red_flag_raised": (c.pattern, c.side) in raised,
                }
                for c in self.results
            ],
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
    sex: str | None = None,
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
    sex
        The patient's sex (``"female"`` or ``"male"``) for the red flags (see
        :mod:`bodymap.analysis.redflags`); default: the drawing's ``bodymap.sex``, else
        unknown.

    Returns
    -------
    RankResult
        The comparisons, best first; ties are broken by pattern name, then side.  Its red
        flags are judged over every pattern side ranked, before ``top`` cuts the list.

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
    if sex is not None:
        sex = check("sex", sex, SEXES)
    kinds = [match_name("pattern kind", kind, PATTERN_KINDS) for kind in kinds or ()]
    if top is not None and top < 1:
        raise BodymapError(f"top must be at least 1, not {top}")
    first = load_drawing(drawing, chart)
    sex = sex if sex is not None else drawing_sex(first)
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

    def key(c: Comparison) -> tuple[float, str, int]:
        value = c.measure(by)
        return (-(value if value is not None else -1.0), *_tie_break(c))

    results.sort(key=key)
    flagged = raised_red_flags(results, sex)
    if top is not None:
        results = results[:top]
    reason = FIT_REASON if by == "fit" else RANK_REASON
    return RankResult(
        measure=by,
        results=tuple(results),
        drawing=first.label,
        reason=reason,
        sex=sex,
        flagged=flagged,
    )
