"""Widespread-pain criteria of the literature, read off the chart regions a drawing touches.

Three published rules, each one function here, used by ``bodymap codes --criteria`` and by
both cohort engines alike: :func:`acr1990_widespread` (Wolfe et al. 1990: pain left and
right of the body, above and below the waist, and axial skeletal pain),
:func:`manchester_widespread` (Macfarlane et al. 1996: axial pain and pain in at least two
sections of each of two contralateral limbs) and :func:`fibromyalgia_2016` (Wolfe et al.
2016: WPI and symptom severity score with generalized pain).  The first two take which chart
regions a drawing touches (the threshold of :func:`bodymap.analysis.schemes.codes`: 10 % of
a region or 5 cm², whichever is smaller), as rows of a ``bool`` matrix, so one drawing and a
cohort chunk go through the same lines; :class:`RegionRoles` says which chart region counts
as left or right, above or below the waist, axial, and which limb section it belongs to.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bodymap.analysis.schemes import Widespread, codes, widespread_of
from bodymap.core.errors import BodymapError
from bodymap.core.text import show_value
from bodymap.model.chart import Chart
from bodymap.model.drawing import Drawing
from bodymap.model.reader import load_drawing
from bodymap.model.scheme import CHART_SCHEME, load_scheme

__all__ = [
    "LIMB_SECTIONS",
    "MIN_LIMB_SECTIONS",
    "SSS_MAX",
    "Criteria",
    "RegionRoles",
    "acr1990_widespread",
    "check_sss",
    "criteria",
    "criteria_of",
    "fibromyalgia_2016",
    "manchester_widespread",
    "region_roles",
]

#: The highest symptom severity score (SSS, Wolfe et al. 2010/2016): 0-12.
SSS_MAX = 12
#: Sections of one limb that must hold pain for the Manchester definition.
MIN_LIMB_SECTIONS = 2
#: The sections of each limb (Manchester definition), by limb: the project's reading, see
#: :func:`manchester_widespread`.
LIMB_SECTIONS: Mapping[str, tuple[str, ...]] = {
    "arm": ("upper-arm", "forearm", "hand"),
    "leg": ("thigh", "lower-leg", "foot"),
}

# What each chart region (its id without the side) is for the rules: (level, axial, limb
# section).  Level "upper" is above the waist, "lower" below it.  Regions of the adult chart.
_ROLES: Mapping[str, tuple[str, bool, str | None]] = {
    # head and neck: above the waist; the neck is the cervical spine
    "head-front": ("upper", False, None),
    "head-back": ("upper", False, None),
    "face": ("upper", False, None),
    "neck-front": ("upper", True, None),
    "neck-back": ("upper", True, None),
    # shoulders and upper trunk; the anterior chest and the thoracic spine are axial
    "shoulder-front": ("upper", False, None),
    "shoulder-back": ("upper", False, None),
    "chest": ("upper", True, None),
    "upper-back": ("upper", True, None),
    "middle-back": ("upper", True, None),
    "abdomen": ("upper", False, None),
    # the arms: above the waist, three sections (elbow with the forearm, wrist with the hand)
    "upper-arm-front": ("upper", False, "upper-arm"),
    "upper-arm-back": ("upper", False, "upper-arm"),
    "elbow-front": ("upper", False, "forearm"),
    "elbow-back": ("upper", False, "forearm"),
    "forearm-front": ("upper", False, "forearm"),
    "forearm-back": ("upper", False, "forearm"),
    "wrist-front": ("upper", False, "hand"),
    "wrist-back": ("upper", False, "hand"),
    "hand-front": ("upper", False, "hand"),
    "hand-back": ("upper", False, "hand"),
    # low back (lower segment, axial), pelvis, hips and buttocks: below the waist
    "lower-back": ("lower", True, None),
    "sacrum": ("lower", True, None),
    "lower-abdomen": ("lower", False, None),
    "pubic": ("lower", False, None),
    "groin": ("lower", False, None),
    "hip": ("lower", False, None),
    "hip-back": ("lower", False, None),
    "buttock": ("lower", False, None),
    # the legs: below the waist, three sections (knee with the lower leg, ankle with the foot)
    "thigh-front": ("lower", False, "thigh"),
    "thigh-back": ("lower", False, "thigh"),
    "knee-front": ("lower", False, "lower-leg"),
    "knee-back": ("lower", False, "lower-leg"),
    "lower-leg-front": ("lower", False, "lower-leg"),
    "lower-leg-back": ("lower", False, "lower-leg"),
    "ankle-front": ("lower", False, "foot"),
    "ankle-back": ("lower", False, "foot"),
    "foot-front": ("lower", False, "foot"),
    "foot-back": ("lower", False, "foot"),
    "sole": ("lower", False, "foot"),
}
#: The level of a region the table above does not know (a user's chart), by its body area.
_LEVEL_OF_BODY_AREA = {
    "head-neck": "upper",
    "shoulder": "upper",
    "arm": "upper",
    "hand": "upper",
    "trunk": "upper",
    "hip": "lower",
    "thigh": "lower",
    "leg-foot": "lower",
}


def _stem(region_id: str, side: str) -> str:
    suffix = f"-{side}"
    return region_id[: -len(suffix)] if region_id.endswith(suffix) else region_id


@dataclass(frozen=True, eq=False)
class RegionRoles:
    """What each chart region counts as for the widespread-pain rules (arrays by region).

    Attributes
    ----------
    ids
        The chart's region ids, in chart order (the columns of a ``touched`` matrix).
    left, right
        The region lies on the patient's left (right) side; midline regions (pubic, sacrum)
        are on neither.  The shoulders and buttocks count for their side, as ACR 1990 says.
    upper, lower
        Above (below) the waist: head, neck, shoulders, arms and hands, chest, upper and
        middle back and the abdomen above; the low back ("'Low back' pain is considered
        lower segment pain", ACR 1990), sacrum, lower abdomen, pubis, groins, hips,
        buttocks, legs and feet below.
    axial
        Axial skeletal pain, "cervical spine or anterior chest or thoracic spine or low
        back" (ACR 1990): the neck (front and back), the chest, the upper and middle back,
        the lower back and the sacrum.
    limb
        ``(n_regions,)`` index of the limb a region is a section of, in :attr:`limbs`
        order, or -1.
    section
        ``(n_regions,)`` index of the limb section (in :attr:`sections` order), or -1.
    limbs
        The limbs: ``arm-left``, ``arm-right``, ``leg-left``, ``leg-right``.
    sections
        Every limb's sections, ``"<limb>:<section>"`` (see :data:`LIMB_SECTIONS`).
    """

    ids: tuple[str, ...]
    left: np.ndarray
    right: np.ndarray
    upper: np.ndarray
    lower: np.ndarray
    axial: np.ndarray
    limb: np.ndarray
    section: np.ndarray
    limbs: tuple[str, ...]
    sections: tuple[str, ...]


@lru_cache(maxsize=8)
def region_roles(chart: Chart) -> RegionRoles:
    """The :class:`RegionRoles` of ``chart``'s regions (kept per chart).

    A region of the adult chart takes its roles from the table of this module; a region of
    another chart that the table does not know takes its level from its body area and is
    neither axial nor a limb section.
    """
    limbs = tuple(f"{limb}-{side}" for limb in LIMB_SECTIONS for side in ("left", "right"))
    sections = tuple(
        f"{limb}-{side}:{s}"
        for limb, names in LIMB_SECTIONS.items()
        for side in ("left", "right")
        for s in names
    )
    n = len(chart.regions)
    left, right = np.zeros(n, bool), np.zeros(n, bool)
    upper, lower, axial = np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, bool)
    limb_of = np.full(n, -1, dtype=np.int64)
    section_of = np.full(n, -1, dtype=np.int64)
    for i, region in enumerate(chart.regions):
        left[i], right[i] = region.side == "left", region.side == "right"
        role = _ROLES.get(_stem(region.id, region.side))
        if role is None:
            level = _LEVEL_OF_BODY_AREA.get(region.body_area or "", "upper")
            role = (level, False, None)
        level, is_axial, section = role
        upper[i], lower[i], axial[i] = level == "upper", level == "lower", is_axial
        if section is not None and region.side in ("left", "right"):
            limb = next(k for k, v in LIMB_SECTIONS.items() if section in v)
            limb_of[i] = limbs.index(f"{limb}-{region.side}")
            section_of[i] = sections.index(f"{limb}-{region.side}:{section}")
    return RegionRoles(
        tuple(r.id for r in chart.regions),
        left, right, upper, lower, axial, limb_of, section_of, limbs, sections,
    )  # fmt: skip


def _any(touched: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return np.asarray(touched[:, mask].any(axis=1), dtype=bool)


def acr1990_widespread(touched: np.ndarray, roles: RegionRoles) -> np.ndarray:
    """Widespread pain as the ACR 1990 criteria define it, per row of ``touched``.

    "Pain is considered widespread when all of the following are present: pain in the left
    side of the body, pain in the right side of the body, pain above the waist, and pain
    below the waist.  In addition, axial skeletal pain (cervical spine or anterior chest or
    thoracic spine or low back) must be present.  In this definition, shoulder and buttock
    pain is considered as pain for each involved side.  'Low back' pain is considered lower
    segment pain." (Wolfe F, Smythe HA, Yunus MB, et al. The American College of
    Rheumatology 1990 criteria for the classification of fibromyalgia. Arthritis Rheum
    1990;33(2):160-172.)  Which chart regions are left, right, above or below the waist and
    axial: :class:`RegionRoles`.  The duration (3 months) is not on a drawing.

    Parameters
    ----------
    touched
        ``bool (n, n_regions)``: the chart regions (in chart order) each drawing touches.
    roles
        The chart's :func:`region_roles`.

    Returns
    -------
    numpy.ndarray
        ``bool (n,)``.
    """
    touched = np.asarray(touched, dtype=bool).reshape(-1, len(roles.ids))
    found: np.ndarray = (
        _any(touched, roles.left)
        & _any(touched, roles.right)
        & _any(touched, roles.upper)
        & _any(touched, roles.lower)
        & _any(touched, roles.axial)
    )
    return found


def manchester_widespread(touched: np.ndarray, roles: RegionRoles) -> np.ndarray:
    """Chronic widespread pain by the Manchester definition, per row of ``touched``.

    Axial pain (as in :func:`acr1990_widespread`) and pain "in at least two sections of
    each of two contralateral limbs" (Macfarlane GJ, Croft PR, Schollum J, Silman AJ.
    Widespread pain: is an improved classification possible? J Rheumatol 1996;23(9):
    1628-1632; Hunt IM, Silman AJ, Benjamin S, et al. Rheumatology 1999;38(3):275-279):
    a left limb and a right limb (both arms, both legs, or an arm and the other side's leg)
    each with pain in at least :data:`MIN_LIMB_SECTIONS` of its sections.  The sections are
    the project's reading, as the paper's own list was not at hand: an arm's upper arm,
    forearm (with the elbow) and hand (with the wrist); a leg's thigh, lower leg (with the
    knee) and foot (with the ankle); the elbow and knee go with the segment below them, as
    in the Widespread Pain Index.  Shoulders, hips and buttocks are no limb section.
    Takes and returns what :func:`acr1990_widespread` does: ``touched`` rows of chart regions
    and the chart's ``roles``, one ``bool`` per row.
    """
    touched = np.asarray(touched, dtype=bool).reshape(-1, len(roles.ids))
    n = len(touched)
    sections = np.zeros((n, len(roles.sections)), dtype=bool)
    for s in range(len(roles.sections)):
        sections[:, s] = _any(touched, roles.section == s)
    limb_of_section = np.array(
        [roles.limbs.index(name.split(":")[0]) for name in roles.sections], dtype=np.int64
    )
    per_limb = np.zeros((n, len(roles.limbs)), dtype=np.int64)
    for k in range(len(roles.limbs)):
        per_limb[:, k] = sections[:, limb_of_section == k].sum(axis=1)
    enough = per_limb >= MIN_LIMB_SECTIONS
    on_left = enough[:, [i for i, name in enumerate(roles.limbs) if name.endswith("-left")]]
    on_right = enough[:, [i for i, name in enumerate(roles.limbs) if name.endswith("-right")]]
    found: np.ndarray = on_left.any(axis=1) & on_right.any(axis=1) & _any(touched, roles.axial)
    return found


def fibromyalgia_2016(wpi: int, generalized: bool, sss: int) -> bool:
    """The 2016 revised fibromyalgia criteria, from the WPI, generalized pain and the SSS.

    "(1) Widespread pain index (WPI) >= 7 and symptom severity scale (SSS) score >= 5 OR WPI
    of 4-6 and SSS score >= 9. (2) Generalized pain, defined as pain in at least 4 of 5
    regions, must be present.  Jaw, chest, and abdominal pain are not included in
    generalized pain definition." (Wolfe F, Clauw DJ, Fitzcharles MA, et al. 2016 Revisions
    to the 2010/2011 fibromyalgia diagnostic criteria. Semin Arthritis Rheum 2016;46(3):
    319-329.)  ``wpi`` and ``generalized`` are those of :class:`Widespread`; the third
    criterion (symptoms for at least 3 months) is not on a drawing.

    Parameters
    ----------
    wpi
        The Widespread Pain Index, 0-19.
    generalized
        Whether pain is in at least 4 of the 5 regions.
    sss
        The symptom severity score, 0-12 (see :func:`check_sss`).

    Returns
    -------
    bool
    """
    severe = (wpi >= 7 and sss >= 5) or (4 <= wpi <= 6 and sss >= 9)
    return bool(severe and generalized)


def check_sss(value: object) -> int:
    """A symptom severity score checked: a whole number from 0 to :data:`SSS_MAX`.

    Accepts an ``int`` or its text (``"7"``, surrounding spaces allowed).

    Raises
    ------
    BodymapError
        ``symptom severity score must be a whole number from 0 to 12, not '13'``.
    """
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not 0 <= number <= SSS_MAX:
        raise BodymapError(
            "symptom severity score must be a whole number from 0 to "
            f"{SSS_MAX}, not {show_value(value)}"
        )
    return number


@dataclass(frozen=True)
class Criteria:
    """The widespread-pain criteria of one drawing.

    Attributes
    ----------
    widespread
        The WPI and ACR 2016 generalized pain (:class:`Widespread`).
    acr1990_widespread, manchester_widespread
        :func:`acr1990_widespread` and :func:`manchester_widespread`.
    sss
        The symptom severity score given, or ``None``.
    fibromyalgia_2016
        :func:`fibromyalgia_2016`, or ``None`` without a symptom severity score.
    """

    widespread: Widespread
    acr1990_widespread: bool
    manchester_widespread: bool
    sss: int | None = None
    fibromyalgia_2016: bool | None = None

    def to_dict(self) -> dict[str, object]:
        """The criteria as ``bodymap codes --criteria --json`` prints them.

        Keys: ``wpi``, ``generalized``, ``acr1990_widespread``, ``manchester_widespread``,
        and with a symptom severity score ``sss`` and ``fibromyalgia_2016``.
        """
        out: dict[str, object] = {
            "wpi": self.widespread.wpi,
            "generalized": self.widespread.generalized,
            "acr1990_widespread": self.acr1990_widespread,
            "manchester_widespread": self.manchester_widespread,
        }
        if self.sss is not None:
            out["sss"] = self.sss
            out["fibromyalgia_2016"] = self.fibromyalgia_2016
        return out


def criteria_of(
    regions: set[str] | frozenset[str],
    widespread: Widespread,
    chart: Chart,
    sss: int | None = None,
) -> Criteria:
    """The criteria from the chart regions touched and the WPI (see :func:`criteria`)."""
    roles = region_roles(chart)
    row = np.array([[i in regions for i in roles.ids]], dtype=bool)
    fibro = None
    if sss is not None:
        sss = check_sss(sss)
        fibro = fibromyalgia_2016(widespread.wpi, widespread.generalized, sss)
    return Criteria(
        widespread,
        bool(acr1990_widespread(row, roles)[0]),
        bool(manchester_widespread(row, roles)[0]),
        sss,
        fibro,
    )


def criteria(
    drawing: Drawing | str | os.PathLike[str] | Mapping[str, object],
    sss: int | None = None,
    chart: Chart | None = None,
) -> Criteria:
    """The widespread-pain criteria of a drawing: WPI, ACR 2016, ACR 1990, Manchester, 2016.

    A chart region and a WPI area count when the marks cover at least 10 % of it or 5 cm²,
    whichever is smaller (as :func:`bodymap.analysis.schemes.codes`).

    Parameters
    ----------
    drawing
        The drawing (a Drawing, a file or a parsed dict).
    sss
        The symptom severity score (0-12), for :func:`fibromyalgia_2016`.
    chart
        The chart (default: the drawing's own).

    Raises
    ------
    BodymapError
        For a symptom severity score that is not a whole number from 0 to 12.
    """
    if sss is not None:
        sss = check_sss(sss)
    the_drawing = load_drawing(drawing, chart)
    the_chart = chart if chart is not None else the_drawing.chart
    wpi = load_scheme("wpi", chart=the_chart)
    spread = widespread_of((s.code for s in codes(the_drawing, wpi, chart=the_chart)), wpi)
    regions = load_scheme(CHART_SCHEME, chart=the_chart)
    touched = frozenset(s.code for s in codes(the_drawing, regions, chart=the_chart))
    return criteria_of(touched, spread, the_chart, sss)
