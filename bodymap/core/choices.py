"""Every set of named choices bodymap accepts, defined once and imported everywhere.

Views, sides, languages, zone and pattern kinds, overlap measures, pain qualities and brush
sizes are used by the model, the analysis, the figures, the browser form, the desktop
editor and the command line; they are spelled here only, and :func:`check` turns a wrong
value into the one-line :class:`~bodymap.core.errors.UnknownNameError` that lists the valid
ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from bodymap.core.errors import UnknownNameError

__all__ = [
    "ASSOCIATIONS",
    "BODY_AREAS",
    "BRUSHES",
    "COHORT_ENGINES",
    "COHORT_RANK_SCORES",
    "COMPARE_SIDES",
    "CORRECTIONS",
    "DEFAULT_INTENSITY",
    "DEFAULT_PATTERN",
    "INTENSITY_MAX",
    "LANGUAGES",
    "MEASURES",
    "MIN_AREA_CM2",
    "MIN_SHARE",
    "PAIN_QUALITIES",
    "PATTERN_KINDS",
    "PATTERN_SIDES",
    "RANK_MEASURES",
    "REGION_SIDES",
    "SEXES",
    "STAT_TESTS",
    "VIEWS",
    "VIEW_CHOICES",
    "ZONE_KINDS",
    "check",
    "check_lang",
]

#: The languages bodymap has names and labels in.
LANGUAGES: tuple[str, ...] = ("en", "nl")
#: The main views of the built-in chart, in chart order (the chart adds the small view of the
#: soles, ``"sole"``, which figures show when something is drawn on it).
VIEWS: tuple[str, ...] = ("front", "back")
#: Values of a ``view`` option of a figure: one view or both.
VIEW_CHOICES: tuple[str, ...] = (*VIEWS, "both")
#: The sides a chart region can have (always the patient's side).
REGION_SIDES: tuple[str, ...] = ("left", "right", "midline")
#: The sexes a region scheme may number differently (the CHOIR Body Map's female numbering).
SEXES: tuple[str, ...] = ("male", "female")
#: Sides a pattern can be asked for: one side of the body or both at once.
PATTERN_SIDES: tuple[str, ...] = ("left", "right", "both")
#: Values of ``side`` when comparing a drawing with a pattern (``best``: the better side).
COMPARE_SIDES: tuple[str, ...] = (*PATTERN_SIDES, "best")
#: Kinds of referral zone, most important first.
ZONE_KINDS: tuple[str, ...] = ("essential", "spillover")
#: Kinds of structure a referral pattern belongs to.
PATTERN_KINDS: tuple[str, ...] = ("muscle", "dermatome", "nerve", "joint", "organ")
#: Body areas, head to foot: every chart region belongs to one, and a pattern to every area
#: its zones touch (``bodymap patterns --area``).
BODY_AREAS: tuple[str, ...] = (
    "head-neck",
    "shoulder",
    "arm",
    "hand",
    "trunk",
    "hip",
    "thigh",
    "leg-foot",
)
#: The overlap measures of a drawing and a reference, in the order they are reported.
MEASURES: tuple[str, ...] = ("recall", "precision", "dice", "jaccard")
#: What a ranking can be ordered by: the overlap measures and the fit score.
RANK_MEASURES: tuple[str, ...] = (*MEASURES, "fit")
#: What ``cohort --rank`` can rank by (``--by-score``).
COHORT_RANK_SCORES: tuple[str, ...] = ("dice", "fit")
#: The engines of the plain cohort (``--engine``): exact shapely overlays per drawing, or
#: the drawings' grid cells weighted by each reference's exact area per cell.
COHORT_ENGINES: tuple[str, ...] = ("exact", "raster")
#: Group tests of the cohort statistics: Pearson's chi-square (no continuity correction)
#: and Fisher's exact test (two groups).
STAT_TESTS: tuple[str, ...] = ("chi2", "fisher")
#: Multiple-comparison corrections, as ``statsmodels.stats.multitest.multipletests`` names them.
CORRECTIONS: tuple[str, ...] = ("holm", "bonferroni", "fdr_bh")
#: Association measures of two regions marked together.
ASSOCIATIONS: tuple[str, ...] = ("jaccard", "phi")
#: Pain-quality descriptors that figures, the form and the editor translate; any other text
#: is kept as written.
PAIN_QUALITIES: tuple[str, ...] = ("aching", "burning", "stabbing", "tingling", "numb")
#: Brush diameters in cm of the form and the editor.
BRUSHES: Mapping[str, float] = MappingProxyType({"small": 2.0, "medium": 4.0, "large": 8.0})
#: Largest pain intensity on the 0-10 numeric rating scale.
INTENSITY_MAX = 10.0
#: The intensity the form and the editor start with.
DEFAULT_INTENSITY = 5
#: The referral pattern figures, handouts, comparisons and cohorts use when none is named.
DEFAULT_PATTERN = "iliopsoas"
#: A region counts as marked when the marks cover at least this share of its area ...
MIN_SHARE = 0.10
#: ... or at least this many cm², whichever is smaller (a small region counts by its share).
#: Used by :mod:`bodymap.analysis.measures` and shown as the command line's defaults.
MIN_AREA_CM2 = 5.0


def check(what: str, value: str, valid: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``valid``, else raise :class:`UnknownNameError`."""
    valid = tuple(valid)
    if value not in valid:
        raise UnknownNameError(what, value, valid)
    return value


def check_lang(lang: str) -> str:
    """Return ``lang`` if bodymap speaks it, else raise :class:`UnknownNameError`."""
    return check("language", lang, LANGUAGES)
