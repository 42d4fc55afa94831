"""The overlap measures and the marking threshold, defined once for every caller.

A drawing D is compared with a reference P (a pattern's zones, or a second drawing) by
areas in chart cm²: ``recall`` = |D∩P|/|P| (share of the reference marked), ``precision`` =
|D∩P|/|D| (share of the drawing inside the reference), ``dice`` = 2|D∩P|/(|D|+|P|) and
``jaccard`` = |D∩P|/|D∪P|; each is undefined (``None``) where its denominator is (nearly)
zero.  The fit score is the F-beta score (beta = 2) of precision and essential-zone recall.
:func:`compare`, :func:`rank` and the cohort engines all take their numbers from here:
:meth:`Overlap.from_areas` for one pair of areas, :func:`overlap_columns` and
:func:`overlap_arrays` for arrays, :func:`fit_score` and :func:`fit_scores`.  A region (a chart
region, an area of a scheme) counts as marked by :func:`counts_as_marked` with
:data:`MIN_SHARE` and :data:`MIN_AREA_CM2`: ``bodymap codes``, the WPI, FHIR export and the
cohort table all decide with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from bodymap.core.choices import MEASURES, MIN_AREA_CM2, MIN_SHARE
from bodymap.core.geometry import AREA_EPS

__all__ = [
    "AREA_EPS",
    "FIT_BETA",
    "MIN_AREA_CM2",
    "MIN_SHARE",
    "THRESHOLD_SLACK",
    "Overlap",
    "counts_as_marked",
    "fit_score",
    "fit_scores",
    "marking_threshold",
    "overlap_arrays",
    "overlap_columns",
    "ratio",
    "region_counts",
]

#: Weight of essential-zone coverage against precision in the fit score (F-beta, beta = 2).
FIT_BETA = 2.0
#: Decimals of the shares in JSON and tables.
SHARE_DIGITS = 4


# MIN_SHARE and MIN_AREA_CM2 (a region counts as marked at this share of its area or this
# many cm², whichever is smaller) are defined in bodymap.core.choices, so that the command
# line can show them without importing numpy, and exported from here.
#: A marked area this many cm² short of the threshold still reaches it (rounding in the areas).
THRESHOLD_SLACK = 1e-9

_Area = TypeVar("_Area", float, np.ndarray)


def marking_threshold(
    area: np.ndarray | float, min_share: float = MIN_SHARE, min_area: float = MIN_AREA_CM2
) -> np.ndarray:
    """The marked cm² a region of ``area`` cm² needs: ``min(min_share * area, min_area)``."""
    need: np.ndarray = np.minimum(min_share * np.asarray(area, dtype=float), min_area)
    return need


def counts_as_marked(
    marked: np.ndarray | float,
    area: np.ndarray | float,
    min_share: float = MIN_SHARE,
    min_area: float = MIN_AREA_CM2,
) -> np.ndarray:
    """Whether regions with ``marked`` cm² of their ``area`` cm² marked count as marked.

    The one rule of the library: a region counts when the marked area is at least
    ``min_share`` of its area or ``min_area`` cm², whichever is smaller (less
    :data:`THRESHOLD_SLACK`), and more than a sliver (:data:`AREA_EPS`): a brush stroke that
    only grazes a region does not count.  The rule grows with ``marked``: a lower bound of
    the marked area that counts, or an upper bound that does not, settles the answer.

    Parameters
    ----------
    marked
        The marked area inside each region, in cm² (array or number).
    area
        Each region's area, in cm² (broadcast against ``marked``).
    min_share
        The share of a region's area that suffices (0 to 1).
    min_area
        The area in cm² that suffices.

    Returns
    -------
    numpy.ndarray
        ``bool``, ``True`` where the region counts (0-d for numbers).
    """
    got = np.asarray(marked, dtype=float)
    need = marking_threshold(np.asarray(area, dtype=float), min_share, min_area)
    answer: np.ndarray = (got > AREA_EPS) & (got >= need - THRESHOLD_SLACK)
    return answer


def region_counts(
    marked_cm2: float,
    area_cm2: float,
    min_share: float = MIN_SHARE,
    min_area: float = MIN_AREA_CM2,
) -> bool:
    """Whether a region with ``marked_cm2`` of its ``area_cm2`` marked counts as marked.

    Parameters
    ----------
    marked_cm2, area_cm2, min_share, min_area
        As for :func:`counts_as_marked`, for one region.

    Returns
    -------
    bool
        ``True`` if the region counts.
    """
    return bool(counts_as_marked(marked_cm2, area_cm2, min_share, min_area))


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` where ``whole`` is (nearly) zero."""
    return part / whole if whole > AREA_EPS else None


def rounded(value: float | None, digits: int) -> float | None:
    """``value`` rounded to ``digits`` decimals, ``None`` kept."""
    return None if value is None else round(value, digits)


def _parts(drawing: _Area, reference: _Area, overlap: _Area) -> dict[str, tuple[_Area, _Area]]:
    """Each measure as ``(part, whole)`` of the areas |D|, |P| and |D∩P| (numbers or arrays)."""
    return {
        "recall": (overlap, reference),
        "precision": (overlap, drawing),
        "dice": (2.0 * overlap, drawing + reference),
        "jaccard": (overlap, drawing + reference - overlap),
    }


@dataclass(frozen=True)
class Overlap:
    """The four overlap measures of a drawing D and a reference P (pattern or drawing).

    Each is a share from 0 to 1, or ``None`` where it is undefined (0/0, e.g. the precision
    of an empty drawing).
    """

    recall: float | None
    precision: float | None
    dice: float | None
    jaccard: float | None

    @classmethod
    def from_areas(cls, drawing: float, reference: float, overlap: float) -> Overlap:
        """Measures from the areas |D|, |P| and |D∩P| in cm²."""
        parts = _parts(drawing, reference, overlap)
        return cls(**{m: ratio(*parts[m]) for m in MEASURES})

    def to_dict(self) -> dict[str, float | None]:
        """``{"recall", "precision", "dice", "jaccard"}``, rounded to 4 decimals."""
        return {m: rounded(getattr(self, m), 4) for m in MEASURES}


def _f_beta(precision: _Area, essential_recall: _Area) -> _Area:
    b2 = FIT_BETA * FIT_BETA
    score: _Area = (1 + b2) * precision * essential_recall / (b2 * precision + essential_recall)
    return score


def fit_score(precision: float | None, essential_recall: float | None) -> float | None:
    """The fit score: ``(1 + b²) P E / (b² P + E)`` with b = :data:`FIT_BETA`.

    ``None`` if either share is undefined; 0 when either is 0.
    """
    if precision is None or essential_recall is None:
        return None
    p, e = precision, essential_recall
    return 0.0 if p <= 0 or e <= 0 else _f_beta(p, e)


def fit_scores(precision: np.ndarray, essential_recall: np.ndarray) -> np.ndarray:
    """:func:`fit_score` for arrays: ``NaN`` where either share is (``NaN``, undefined)."""
    p = np.asarray(precision, dtype=float)
    e = np.asarray(essential_recall, dtype=float)
    some = (p > 0) & (e > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = np.where(some, _f_beta(p, e), 0.0)
    out: np.ndarray = np.where(np.isnan(p) | np.isnan(e), np.nan, fit)
    return out


def overlap_arrays(
    drawing: np.ndarray, reference: np.ndarray | float, overlap: np.ndarray
) -> dict[str, np.ndarray]:
    """The four measures for arrays of areas, unrounded, ``NaN`` where undefined.

    Parameters
    ----------
    drawing, reference, overlap
        |D|, |P| and |D∩P| in cm², broadcast against each other.

    Returns
    -------
    dict
        ``{measure: array}`` in :data:`~bodymap.core.choices.MEASURES` order, the numbers of
        :meth:`Overlap.from_areas`.
    """
    d, p, o = np.broadcast_arrays(
        np.asarray(drawing, dtype=float),
        np.asarray(reference, dtype=float),
        np.asarray(overlap, dtype=float),
    )
    parts = _parts(d, p, o)
    out: dict[str, np.ndarray] = {}
    for name in MEASURES:
        part, whole = parts[name]
        ok = whole > AREA_EPS
        out[name] = np.where(ok, np.divide(part, np.where(ok, whole, 1.0)), np.nan)
    return out


def overlap_columns(
    drawing: np.ndarray, reference: np.ndarray | float, overlap: np.ndarray
) -> dict[str, list[float | None]]:
    """The four measures for arrays of areas, rounded to :data:`SHARE_DIGITS` decimals.

    Parameters
    ----------
    drawing, reference, overlap
        |D|, |P| and |D∩P| in cm², one entry per drawing (``reference`` may be a scalar).

    Returns
    -------
    dict
        ``{measure: [value or None, ...]}`` in :data:`~bodymap.core.choices.MEASURES` order,
        the same numbers as :meth:`Overlap.from_areas` rounded.
    """
    out: dict[str, list[float | None]] = {}
    for name, values in overlap_arrays(drawing, reference, overlap).items():
        rounded_values = np.round(values, SHARE_DIGITS).tolist()
        out[name] = [None if v != v else float(v) for v in rounded_values]
    return out
