"""When an organ pattern is a red flag for a pain drawing: the one rule every output applies.

An organ pattern (``red_flag: true``) says that pain in its area can come from an internal
organ.  A warning that comes with every drawing is a warning no one reads, so an organ
pattern side raises a red flag only when it explains the drawing well: its fit score
(:attr:`~bodymap.analysis.comparison.Comparison.fit`, the F2 score of precision and
essential recall) is at least :data:`RED_FLAG_FIT` and it is among the
:data:`RED_FLAG_RANK` best-fitting pattern sides; and only for an organ the patient can
have: a pattern with a ``sex`` (the uterus: ``"female"``) raises none for the other sex,
and for a patient whose sex is not known only when it fits very well (fit at least
:data:`RED_FLAG_FIT_UNKNOWN_SEX`).  :func:`red_flag_raised` is the rule; the ranking
(:func:`bodymap.analysis.ranking.red_flags`), the clinician's report, the differential
figure and the cohort's ``red_flag`` column all call it.

The thresholds come from the patterns' own geometry (``bench/bench_red_flags.py`` prints
the figures): a drawing made of an organ's essential zones fits it 1.00; one made of the
upper half of each essential zone (precision 1, essential recall 0.5) fits 0.556, the
least a drawing confined to the organ's area and covering half its core scores.  Drawings
made of the essential zones of each of the other 126 non-organ and 10 organ patterns fit
an organ at most 0.509 (external oblique -> stomach 0.509, T12 dermatome -> kidney 0.509,
L1-L2 facet -> kidney 0.491), and the five example drawings at most 0.315 (the left
iliopsoas drawing -> kidney).  0.53 lies between 0.509 and 0.556.  With all the pain
inside the pattern, 0.53 means about half the essential zones marked (47 %); with all of
the essential zones marked, about a fifth of the pain inside the pattern (18 %).  A drawing
of one organ ranks it first by fit; a drawing with two sources of pain ranks both in the
top two, so the best three leave room for that and for a third, overlapping pattern.  For a
sex-specific organ and unknown sex 0.8 asks for three quarters of the essential zones with
all the pain inside the pattern (other patterns' zones fit the uterus at most 0.271).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bodymap.core.choices import SEXES
from bodymap.core.errors import DrawingError, UnknownNameError
from bodymap.core.text import show_value
from bodymap.model.drawing import Drawing
from bodymap.model.pattern import Pattern
from bodymap.model.scheme import parse_sex

__all__ = [
    "RED_FLAG_FIT",
    "RED_FLAG_FIT_UNKNOWN_SEX",
    "RED_FLAG_RANK",
    "UNKNOWN_SEX",
    "drawing_sex",
    "meta_sex",
    "red_flag_raised",
]

#: An organ pattern side raises a red flag only with at least this fit score (see above).
RED_FLAG_FIT = 0.53
#: ... and, for an organ only one sex has and a patient of unknown sex, at least this fit.
RED_FLAG_FIT_UNKNOWN_SEX = 0.8
#: ... and only when it is among this many best-fitting pattern sides of the drawing.
RED_FLAG_RANK = 3
#: How a drawing's ``sex`` may say it is not known (any case).
UNKNOWN_SEX = ("unknown", "")


def meta_sex(meta: Mapping[str, Any], source: str) -> str | None:
    """The patient's sex from a drawing's ``bodymap`` block (its ``sex``), or ``None``.

    ``female``/``male`` (or ``f``/``m``, any case); ``unknown`` or no ``sex`` is ``None``.

    Raises
    ------
    DrawingError
        For any other value, naming ``source``.
    """
    value = meta.get("sex")
    if value is None or (isinstance(value, str) and value.strip().lower() in UNKNOWN_SEX):
        return None
    problem = f"'bodymap.sex' must be {', '.join(SEXES)} or unknown (f/m), not {show_value(value)}"
    if not isinstance(value, str):
        raise DrawingError(source, problem)
    try:
        return parse_sex(value)
    except UnknownNameError:
        raise DrawingError(source, problem) from None


def drawing_sex(drawing: Drawing) -> str | None:
    """The patient's sex from the drawing's metadata, or ``None`` (see :func:`meta_sex`)."""
    return meta_sex(drawing.meta, drawing.source)


def red_flag_raised(
    pattern: Pattern | None, fit: float | None, fit_rank: int, sex: str | None = None
) -> bool:
    """Whether one ranked pattern side raises a red flag: the rule (module docstring).

    Parameters
    ----------
    pattern
        The pattern compared with (``None`` for a drawing reference: never a red flag).
    fit
        Its fit score against the drawing (:attr:`Comparison.fit`).
    fit_rank
        Its place among all pattern sides ranked for the drawing, by fit, best first
        (1-based; ties broken by pattern name, then side, as :func:`bodymap.rank` does).
    sex
        The patient's sex (``"female"``, ``"male"``) or ``None`` when not known.

    Returns
    -------
    bool
        ``True`` for an organ pattern with fit >= :data:`RED_FLAG_FIT` among the
        :data:`RED_FLAG_RANK` best, for an organ the patient can have (fit >=
        :data:`RED_FLAG_FIT_UNKNOWN_SEX` for a one-sex organ and unknown sex).
    """
    if pattern is None or not pattern.red_flag or fit is None or fit_rank > RED_FLAG_RANK:
        return False
    if pattern.sex is None or pattern.sex == sex:
        return fit >= RED_FLAG_FIT
    if sex is None:
        return fit >= RED_FLAG_FIT_UNKNOWN_SEX
    return False
