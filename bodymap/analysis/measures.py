"""The overlap measures of a drawing and a reference, defined once for every caller.

A drawing D is compared with a reference P (a pattern's zones, or a second drawing) by
areas in chart cm²: ``recall`` = |D∩P|/|P| (share of the reference marked), ``precision`` =
|D∩P|/|D| (share of the drawing inside the reference), ``dice`` = 2|D∩P|/(|D|+|P|) and
``jaccard`` = |D∩P|/|D∪P|; each is undefined (``None``) where its denominator is (nearly)
zero.  The fit score is the F-beta score (beta = 2) of precision and essential-zone recall.
:func:`compare`, :func:`rank` and the cohort engine all take their numbers from here:
:meth:`Overlap.from_areas` for one pair of areas, :func:`overlap_columns` for arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bodymap.core.choices import MEASURES, MIN_AREA_CM2, MIN_SHARE
from bodymap.core.geometry import AREA_EPS

__all__ = [
    "AREA_EPS",
    "FIT_BETA",
    "MIN_AREA_CM2",
    "MIN_SHARE",
    "Overlap",
    "fit_score",
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


def region_counts(
    marked_cm2: float,
    area_cm2: float,
    min_share: float = MIN_SHARE,
    min_area: float = MIN_AREA_CM2,
) -> bool:
    """Whether a region with ``marked_cm2`` of its ``area_cm2`` marked counts as marked.

    It counts when the marked area is at least ``min_share`` of the region's area or at
    least ``min_area`` cm², whichever is smaller, and is more than a sliver
    (:data:`AREA_EPS`): a brush stroke that only grazes a region does not count.

    Parameters
    ----------
    marked_cm2
        The marked area inside the region, in cm².
    area_cm2
        The region's area, in cm².
    min_share
        The share of the region's area that suffices (0 to 1).
    min_area
        The area in cm² that suffices.

    Returns
    -------
    bool
        ``True`` if the region counts.
    """
    return marked_cm2 > AREA_EPS and marked_cm2 >= min(min_share * area_cm2, min_area)


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` where ``whole`` is (nearly) zero."""
    return part / whole if whole > AREA_EPS else None


def rounded(value: float | None, digits: int) -> float | None:
    """``value`` rounded to ``digits`` decimals, ``None`` kept."""
    return None if value is None else round(value, digits)


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
        return cls(
            recall=ratio(overlap, reference),
            precision=ratio(overlap, drawing),
            dice=ratio(2.0 * overlap, drawing + reference),
            jaccard=ratio(overlap, drawing + reference - overlap),
        )

    def to_dict(self) -> dict[str, float | None]:
        """``{"recall", "precision", "dice", "jaccard"}``, rounded to 4 decimals."""
        return {m: rounded(getattr(self, m), 4) for m in MEASURES}


def fit_score(precision: float | None, essential_recall: float | None) -> float | None:
    """The fit score: ``(1 + b²) P E / (b² P + E)`` with b = :data:`FIT_BETA`.

    ``None`` if either share is undefined; 0 when either is 0.
    """
    if precision is None or essential_recall is None:
        return None
    p, e = precision, essential_recall
    b2 = FIT_BETA * FIT_BETA
    return 0.0 if p <= 0 or e <= 0 else (1 + b2) * p * e / (b2 * p + e)


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
    d = np.asarray(drawing, dtype=float)
    p = np.broadcast_to(np.asarray(reference, dtype=float), d.shape)
    o = np.asarray(overlap, dtype=float)
    parts = {
        "recall": (o, p),
        "precision": (o, d),
        "dice": (2.0 * o, d + p),
        "jaccard": (o, d + p - o),
    }
    out: dict[str, list[float | None]] = {}
    for name in MEASURES:
        part, whole = parts[name]
        ok = whole > AREA_EPS
        value = np.round(np.divide(part, np.where(ok, whole, 1.0)), SHARE_DIGITS)
        out[name] = [float(v) if k else None for v, k in zip(value.tolist(), ok.tolist())]
    return out
