"""Dermatome patterns (issue 12), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder`, adds the zones and markers
(``b.marker(...)``) and returns the pattern's metadata with its ``kind``.

The dermatomes C2-C8, T1-T12, L1-L5, S1 and S2 (each drawn for the patient's left side and
mirrored) and one unpaired perianal (saddle) pattern S3-S5 follow the evidence-based map of
Lee, McPhee & Stringer (2008): the areas of most consistent tactile supply, C5-T1 along the
preaxial (thumb) and postaxial (little-finger) borders of the arm, the thoracic bands sloping
down and forward round the trunk, the lumbar and sacral dermatomes on the leg, and no gaps at
the posterior midline.  The markers are the key sensory points of the International Standards
for Neurological Classification of Spinal Cord Injury (ISNCSCI, revised 2019), each on the
view where the point lies.

Geometry: one **partition** of each view (:func:`_cells`) is cut from the chart's regions by
simple lines placed by landmarks, in order, each cell minus every cell before it; every
dermatome takes its cells, so neighbouring dermatomes tile a view without overlap (their real
overlap and variation between people is said in every summary).  The face is left blank
(trigeminal nerve).  Coordinates are written as ``(u, y)``: ``u`` cm towards the patient's
LEFT (front view x = u, back view x = -u); the outline is left-right symmetric, so one set of
lines serves both views.  The arm uses the arm frame of ``patterns_arm`` (``s`` cm from the
elbow crease along the arm, ``v`` cm towards the thumb side), which is the same in both views
(palms forward: the front view shows the palm, the back view the back of the hand).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from typing import Any

import shapely
from make_patterns import Builder, ellipse
from patterns_arm import _arm
from shapely import affinity
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

LEE_2008 = (
    "Lee MWL, McPhee RW, Stringer MD. An evidence-based approach to human dermatomes. "
    "Clin Anat. 2008;21(5):363-373. doi:10.1002/ca.20636"
)
ISNCSCI_2019 = (
    "American Spinal Injury Association. International Standards for Neurological "
    "Classification of Spinal Cord Injury (ISNCSCI), revised 2019. Richmond, VA: ASIA; 2019 "
    "(key sensory points)."
)
RUPP_2021 = (
    "Rupp R, Biering-Sørensen F, Burns SP, et al. International Standards for Neurological "
    "Classification of Spinal Cord Injury: revised 2019. Top Spinal Cord Inj Rehabil. "
    "2021;27(2):1-22. doi:10.46292/sci2702-1"
)
DOWNS_2011 = (
    "Downs MB, Laporte C. Conflicting dermatome maps: educational and clinical implications. "
    "J Orthop Sports Phys Ther. 2011;41(6):427-434. doi:10.2519/jospt.2011.3506"
)
CREDIT = (
    "Lee, McPhee & Stringer, Clin Anat 2008 (evidence-based dermatome map); key sensory "
    "points of the ISNCSCI (ASIA, revised 2019)"
)

OVERLAP = {
    "en": " Neighbouring dermatomes overlap, and the map varies between people.",
    "nl": " Naburige dermatomen overlappen elkaar, en de verdeling verschilt van persoon tot "
    "persoon.",
}

VIEWS = ("front", "back", "sole")
GRID = 0.001  # cm: the precision grid of the partition's overlay operations
FAR = 60.0  # cm: far beyond the outline, to close the half-planes

# --------------------------------------------------------------------------------------
# Lines of the partition, (u, y) in cm (u towards the patient's left).
# --------------------------------------------------------------------------------------

#: Front trunk: the lower boundary of C4 and of each thoracic dermatome, as the height at the
#: midline and at u = 17 (the flank): the bands slope down and forward, more steeply lower
#: down.  ISNCSCI points on the midclavicular line (u 8): T3 3rd intercostal space, T4 nipple,
#: T6 xiphisternum, T10 umbilicus, T11 midway, T12 the midpoint of the inguinal ligament.
FRONT_BOUNDS = {
    "c4": (136.0, 137.5),
    "t2": (130.6, 131.6),
    "t3": (127.4, 129.0),
    "t4": (124.0, 125.8),
    "t5": (121.6, 123.4),
    "t6": (118.4, 120.6),
    "t7": (114.4, 117.0),
    "t8": (110.4, 113.4),
    "t9": (106.6, 110.0),
    "t10": (101.8, 105.6),
    "t11": (95.0, 99.8),
}
#: T12 | L1: along the inguinal ligament (the T12 key point, its midpoint, stays T12), passing
#: above the pubic tubercle and symphysis (their skin is L1, ilioinguinal nerve), flatter beyond.
FRONT_T12 = [(-1.0, 89.6), (3.8, 89.6), (7.5, 91.4), (12.0, 95.0), (18.0, 97.6), (FAR, 98.0)]
#: The supraclavicular line (C3 | C4) and the shoulder line (C4 above, C5 below).
CLAVICLE_Y = 143.8
SHOULDER_LINE = [(10.0, 139.9), (27.0, 136.0)]
#: Anterior thigh: L1 | L2 and L2 | L3 (parallel to the groin crease), L3 | L4 across the
#: knee (the medial knee stays L3), L4 below the knee down to just below the tibial tuberosity
#: and the fibular head (KNEE_L4), the shin line L4 (anteromedial, the subcutaneous surface of
#: the tibia) | L5 (anterolateral) just lateral of the tibial crest down to the medial foot,
#: and the lateral-foot line L5 | S1 (front view).
THIGH_L1 = [(-1.0, 75.5), (FAR, 92.0)]
THIGH_L2 = [(-1.0, 61.9), (FAR, 73.0)]
KNEE_L3 = [(-1.0, 42.6), (3.5, 44.5), (13.6, 51.5), (FAR, 54.0)]
KNEE_L4 = [(-1.0, 41.0), (FAR, 42.5)]
SHIN_FRONT = [
    (10.6, 55.0),
    (10.4, 42.0),
    (10.0, 30.0),
    (9.6, 20.0),
    (9.0, 12.0),
    (7.6, 7.2),
    (6.2, 3.6),
    (4.0, 3.2),
    (-1.0, 3.2),
]
LATERAL_FOOT = [(11.0, 6.3), (11.3, 3.5), (11.6, -2.0)]
#: Back of the leg: the medial (L4) and lateral (L5) strips of the calf beside the S1 calf.
CALF_MEDIAL = [
    (6.3, 46.0),
    (6.1, 25.0),
    (7.2, 13.0),
    (7.7, 8.6),
    (7.2, 6.0),
    (5.0, 5.0),
    (-1.0, 5.0),
]
CALF_LATERAL = [(11.6, 46.0), (11.4, 25.0), (11.2, 13.0), (11.0, 11.0), (FAR, 11.0)]
#: Back: neck line C3 | C4; the back bands' slope (cm down per cm laterally) by level.
NECK_BACK_Y = 151.5
#: Low back and buttock (back view).  Lateral of the PSIS the lower lines of L2 and L3 bend
#: down over the iliac crest onto the upper buttock (the superior cluneal nerves, L1-L3): the
#: points below continue each line from where it passes the PSIS.  The L4 and L5 bands stay
#: medial of the PSIS (``PSIS_U``) and S1 covers the upper sacrum and the buttock beside it
#: (the middle cluneal nerves, S1-S3) medial of ``S1_LATERAL_U``; the skin over the upper
#: outer buttock and the greater trochanter lateral of ``HIP_L1`` is L1 (the lateral
#: cutaneous branch of the iliohypogastric nerve, T12-L1), as on the front view, down to
#: ``HIP_L1_BOTTOM``.
BUTTOCK_LINES = {
    "l2": [(9.0, 102.6), (13.0, 99.0), (FAR, 97.0)],
    "l3": [(5.5, 100.5), (9.0, 97.5), (12.0, 93.0), (FAR, 91.0)],
}
PSIS_U = 4.5
S1_LATERAL_U = 9.0
HIP_L1 = [(13.4, 120.0), (13.6, 100.0), (14.2, 90.0), (14.2, 70.0)]
HIP_L1_BOTTOM = 86.0
#: The perianal S3-S5 ellipse and the S3 medial-buttock ellipse (back view, (u, y)).
PERIANAL = (0.0, 83.6, 1.5, 2.0)
S3_BUTTOCK = (3.5, 85.5, 4.5, 5.8)
#: Arm frame: C5 | C6 on the lateral side, T2 | T1 and T1 | C8 on the medial side (``s``).
ARM_C5_END = 4.0
ARM_T2_END = -11.0
ARM_T1_END = 12.0

#: The back bands in order below C4 (level index counted from C7 = 0, see make_patterns).
BACK_LEVELS = [f"t{n}" for n in range(2, 13)] + [f"l{n}" for n in range(1, 6)] + ["s1"]


def _index(level: str) -> float:
    region, n = level[0], int(level[1:])
    return float({"t": n, "l": 12 + n, "s": 17 + n}[region])


def _slope(level: str) -> float:
    """How steeply the back band's lower line runs down laterally (cm per cm)."""
    at = _index(level)
    return 0.22 if at <= 10 else 0.22 + (at - 10) * 0.03


# --------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------


def _v(view: str, geom: BaseGeometry) -> BaseGeometry:
    """A (u, y) shape in the frame of ``view`` (the back view mirrors x)."""
    return geom if view == "front" else affinity.scale(geom, -1.0, 1.0, origin=(0, 0))


def _p(view: str, u: float, y: float) -> tuple[float, float]:
    return (u, y) if view == "front" else (-u, y)


def _below(line: list[tuple[float, float]]) -> Polygon:
    """The (u, y) half-plane below a polyline running left to right (or top to bottom for
    :func:`_medial`)."""
    pts = sorted(line)
    return Polygon([(-FAR, pts[0][1]), *pts, (FAR, pts[-1][1]), (FAR, -FAR), (-FAR, -FAR)])


def _above(line: list[tuple[float, float]]) -> Polygon:
    pts = sorted(line)
    return Polygon([(-FAR, pts[0][1]), *pts, (FAR, pts[-1][1]), (FAR, 250.0), (-FAR, 250.0)])


def _medial(line: list[tuple[float, float]]) -> Polygon:
    """The (u, y) part medial of (smaller u than) a polyline running top to bottom."""
    return Polygon([*line, (-FAR, line[-1][1]), (-FAR, line[0][1])])


def _lateral(line: list[tuple[float, float]]) -> Polygon:
    return Polygon([*line, (FAR, line[-1][1]), (FAR, line[0][1])])


def _front_line(level: str) -> list[tuple[float, float]]:
    mid, flank = FRONT_BOUNDS[level]
    slope = (flank - mid) / 17.0
    return [(-1.0, mid - slope), (17.0, flank), (FAR, flank + slope * (FAR - 17.0))]


def _spine_y(b: Builder, at: float) -> float:
    """Back-view height of spinal level index ``at`` (C7 = 0), extrapolated below S1."""
    anchors = [(0.0, "c7"), (12.5, "t12-l1"), (16.0, "l4"), (18.0, "s1")]
    pts = [(n, b.lm("back", name).y) for n, name in anchors]
    for (n0, y0), (n1, y1) in itertools.pairwise(pts):
        if at <= n1 or n1 == pts[-1][0]:
            return y0 + (at - n0) * (y1 - y0) / (n1 - n0)
    raise AssertionError(at)


def _back_line(b: Builder, level: str) -> list[tuple[float, float]]:
    """The lower line of a back band: half a level below its vertebra at the midline, running
    down laterally."""
    y = _spine_y(b, _index(level) + 0.5)
    k = _slope(level)
    return [(-1.0, y + k), (FAR, y - k * FAR)]


def _arm_quad(b: Builder, s0: float, s1: float, lateral: bool) -> Polygon:
    """The (u, y) part of the arm frame between ``s0`` and ``s1`` on one side of its axis."""
    v = 40.0 if lateral else -40.0
    return Polygon(
        [_arm(b, "front", s0, 0), _arm(b, "front", s1, 0), _arm(b, "front", s1, v)]
        + [_arm(b, "front", s0, v)]
    )


def _hand_strip(b: Builder) -> tuple[Polygon, tuple[float, float], tuple[float, float]]:
    """The C7 strip of the hand (u, y): from the webs either side of the middle finger up
    towards the wrist (along the hand's axis) and down between the finger tips; with a point
    of its centre line and the direction of the hand's axis."""
    lm = partial(b.lm, "front")
    wrist, mid_tip = lm("wrist-left"), lm("middle-tip-left")
    ax, ay = wrist.x - mid_tip.x, wrist.y - mid_tip.y
    n = (ax * ax + ay * ay) ** 0.5
    up = (ax / n, ay / n)

    def web(a: str, c: str) -> tuple[float, float]:
        pa, pc = lm(f"{a}-base-left"), lm(f"{c}-base-left")
        return ((pa.x + pc.x) / 2, (pa.y + pc.y) / 2)

    def gap(a: str, c: str) -> tuple[float, float]:
        pa, pc = lm(f"{a}-tip-left"), lm(f"{c}-tip-left")
        wx, wy = web(a, c)
        gx, gy = (pa.x + pc.x) / 2, (pa.y + pc.y) / 2
        return (gx + (gx - wx) * 0.5, gy + (gy - wy) * 0.5)

    def top(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] + 16.0 * up[0], p[1] + 16.0 * up[1])

    lat_web, med_web = web("index", "middle"), web("middle", "ring")
    strip = Polygon(
        [top(lat_web), lat_web, gap("index", "middle"), gap("middle", "ring"), med_web]
        + [top(med_web)]
    )
    return strip, lat_web, up


# --------------------------------------------------------------------------------------
# The partition
# --------------------------------------------------------------------------------------

Cell = tuple[str, BaseGeometry, str, str]  # part id, geometry (view frame), en, nl
_CACHE: dict[int, dict[str, dict[str, list[Cell]]]] = {}


def _cells(b: Builder) -> dict[str, dict[str, list[Cell]]]:
    """Every dermatome's cells by view: ``{view: {dermatome: [(part, geom, en, nl)]}}``."""
    key = id(b.chart)
    if key not in _CACHE:
        _CACHE[key] = {view: _partition(b, view) for view in VIEWS}
    return _CACHE[key]


def _partition(b: Builder, view: str) -> dict[str, list[Cell]]:
    regions = b.chart["region"]

    def mask(*names: str) -> BaseGeometry:
        found = [regions[n] for n in names if n in regions]
        geom = shapely.union_all(found)
        half = Polygon([(0, -10), (FAR, -10), (FAR, 200), (0, 200)])
        return geom.intersection(_v(view, half))

    if view == "sole":
        # The whole sole is S1 (Lee et al. 2008: the sole and the lateral border of the foot).
        sole = mask("sole-left")
        return {"s1": [("foot", sole, "Sole of the foot", "Voetzool")]}
    if view == "front":
        head = mask("face-left")
        neck = mask("neck-front-left")
        chest = mask("chest-left", "abdomen-left", "lower-abdomen-left", "hip-left")
        chest = chest.union(mask("groin-left", "pubic"))
        shoulder = mask("shoulder-front-left")
        arm = mask("upper-arm-front-left", "elbow-front-left", "forearm-front-left")
        wrist = mask("wrist-front-left")
        hand = mask("hand-front-left")
        thigh = mask("thigh-front-left", "knee-front-left")
        leg = mask("lower-leg-front-left", "ankle-front-left", "foot-front-left")
    else:
        head = mask("head-back-left")
        neck = mask("neck-back-left")
        chest = mask("upper-back-left", "middle-back-left", "lower-back-left", "hip-back-left")
        chest = chest.union(mask("sacrum", "buttock-left"))
        shoulder = mask("shoulder-back-left")
        arm = mask("upper-arm-back-left", "elbow-back-left", "forearm-back-left")
        wrist = mask("wrist-back-left")
        hand = mask("hand-back-left")
        thigh = mask("thigh-back-left", "knee-back-left")
        leg = mask("lower-leg-back-left", "ankle-back-left", "foot-back-left")

    def V(geom: BaseGeometry) -> BaseGeometry:
        return _v(view, geom)

    order: list[tuple[str, str, BaseGeometry, str, str]] = []

    def add(derm: str, part: str, geom: BaseGeometry, en: str, nl: str) -> None:
        order.append((derm, part, geom, en, nl))

    # --- arm and hand (the same lines in both views) -----------------------------------
    strip, _, _ = _hand_strip(b)
    lateral_of_strip = _lateral_hand(b)
    add(
        "c7",
        "hand",
        hand.intersection(V(strip)),
        "Middle finger and the middle of the hand",
        "Middelvinger en het midden van de hand",
    )
    add(
        "c6",
        "hand",
        hand.intersection(V(lateral_of_strip)),
        "Thumb, index finger and the thumb side of the hand",
        "Duim, wijsvinger en de duimzijde van de hand",
    )
    add(
        "c8",
        "hand",
        hand,
        "Ring and little finger and the little-finger side of the hand",
        "Ring- en pink en de pinkzijde van de hand",
    )
    add(
        "c4",
        "shoulder",
        shoulder.intersection(V(_above(SHOULDER_LINE))),
        "Top of the shoulder",
        "Bovenkant van de schouder",
    )
    add("c5", "shoulder", shoulder, "Outside of the shoulder", "Buitenkant van de schouder")
    limb = arm.union(wrist)
    add(
        "c5",
        "arm",
        limb.intersection(V(_arm_quad(b, -60.0, ARM_C5_END, True))),
        "Outside of the upper arm and elbow",
        "Buitenzijde van de bovenarm en elleboog",
    )
    add(
        "c6",
        "arm",
        limb.intersection(V(_arm_quad(b, ARM_C5_END, 60.0, True))),
        "Thumb side of the forearm",
        "Duimzijde van de onderarm",
    )
    add(
        "t2",
        "arm",
        limb.intersection(V(_arm_quad(b, -60.0, ARM_T2_END, False))),
        "Inside of the upper arm, to the armpit",
        "Binnenzijde van de bovenarm, tot de oksel",
    )
    add(
        "t1",
        "arm",
        limb.intersection(V(_arm_quad(b, ARM_T2_END, ARM_T1_END, False))),
        "Inside of the elbow and the upper forearm",
        "Binnenzijde van de elleboog en de bovenste onderarm",
    )
    add(
        "c8",
        "arm",
        limb,
        "Little-finger side of the lower forearm",
        "Pinkzijde van de onderste onderarm",
    )

    # --- head, neck and trunk ----------------------------------------------------------
    if view == "front":
        jaw = b.lm("front", "angle-of-jaw-left")
        add(
            "c2",
            "jaw",
            head.union(neck).intersection(ellipse(jaw.x + 0.8, jaw.y + 0.9, 1.7, 2.3)),
            "Angle of the jaw",
            "Kaakhoek",
        )
        supra = chest.intersection(
            V(Polygon([(0, CLAVICLE_Y), (13.5, CLAVICLE_Y), (13.5, 160), (0, 160)]))
        )
        add(
            "c3",
            "neck",
            neck.union(supra),
            "Front of the neck, above the collarbone",
            "Voorzijde van de hals, boven het sleutelbeen",
        )
        lines = {lv: _front_line(lv) for lv in FRONT_BOUNDS}
        lines["t12"] = FRONT_T12
        trunk_levels = ["c4"] + [f"t{n}" for n in range(2, 13)]
        names = _FRONT_NAMES
    else:
        add("c2", "head", head, "Back of the head, up to the crown", "Achterhoofd, tot de kruin")
        add(
            "c3",
            "neck",
            neck.intersection(V(_above([(0, NECK_BACK_Y), (10, NECK_BACK_Y)]))),
            "Upper back of the neck",
            "Bovenste achterzijde van de nek",
        )
        top = _spine_y(b, 1.5)
        lines = {"c4": [(-1.0, top + 0.22), (FAR, top - 0.22 * FAR)]}
        lines.update({lv: _back_line(b, lv) for lv in BACK_LEVELS})
        for level, tail in BUTTOCK_LINES.items():
            lines[level] = [p for p in lines[level] if p[0] < PSIS_U]
            lines[level] += [(PSIS_U, _height_at(_back_line(b, level), PSIS_U)), *tail]
        trunk_levels = ["c4", *BACK_LEVELS]
        names = _BACK_NAMES
        add("c4", "neck", neck, "Lower back of the neck", "Onderste achterzijde van de nek")
        cx, cy, rx, ry = PERIANAL
        add(
            "s3-s5",
            "perianal",
            _perianal_mask(b).intersection(ellipse(cx, cy, rx, ry)),
            "Around the anus",
            "Rondom de anus",
        )
    if view == "back":
        hip = _lateral(HIP_L1).intersection(_below(lines["t12"]))
        hip = hip.intersection(_above([(0.0, HIP_L1_BOTTOM), (FAR, HIP_L1_BOTTOM)]))
        add(
            "l1",
            "hip",
            chest.intersection(V(hip)),
            "Upper outer buttock over the greater trochanter",
            "Bovenste buitenkant van de bil, over de grote trochanter",
        )
    for level in trunk_levels:
        band = _above(lines[level])
        if view == "back" and level in ("l4", "l5"):
            band = band.intersection(_medial([(PSIS_U, 250.0), (PSIS_U, -FAR)]))
        elif view == "back" and level == "s1":
            band = band.intersection(_medial([(S1_LATERAL_U, 250.0), (S1_LATERAL_U, -FAR)]))
        add(level, "trunk", chest.intersection(V(band)), *names[level])
    if view == "front":
        add(
            "l1",
            "groin",
            chest,
            "Groin and the top of the pubic area",
            "Lies en de bovenkant van de schaamstreek",
        )
        # --- leg (front) ---------------------------------------------------------------
        add(
            "l1",
            "thigh",
            thigh.intersection(V(_above(THIGH_L1))),
            "Top of the front of the thigh",
            "Bovenkant van de voorzijde van het bovenbeen",
        )
        add(
            "l2",
            "thigh",
            thigh.intersection(V(_above(THIGH_L2))),
            "Front of the thigh",
            "Voorzijde van het bovenbeen",
        )
        add(
            "l3",
            "thigh",
            thigh.union(leg).intersection(V(_above(KNEE_L3))),
            "Lower front of the thigh and the inside of the knee",
            "Onderste voorzijde van het bovenbeen en de binnenkant van de knie",
        )
        outer_foot = _lateral(LATERAL_FOOT).intersection(_below([(0, 6.3), (FAR, 6.3)]))
        add(
            "s1",
            "foot",
            leg.intersection(V(outer_foot)),
            "Outer edge of the foot",
            "Buitenrand van de voet",
        )
        add(
            "l4",
            "knee",
            thigh.union(leg).intersection(V(_above(KNEE_L4))),
            "Front of the knee below the kneecap, the tibial tuberosity and the fibular head",
            "Voorzijde van de knie onder de knieschijf, de tuberositas tibiae en het fibulakopje",
        )
        add(
            "l4",
            "leg",
            thigh.union(leg).intersection(V(_medial(SHIN_FRONT))),
            "Front and inside of the lower leg, the inner ankle and the inner edge of the foot",
            "Voor- en binnenzijde van het onderbeen, de binnenenkel en de binnenrand van de voet",
        )
        add(
            "l5",
            "leg",
            thigh.union(leg),
            "Outer front of the lower leg, the top of the foot and the big toe",
            "Buitenste voorzijde van het onderbeen, de voetrug en de grote teen",
        )
    else:
        sx, sy, srx, sry = S3_BUTTOCK
        add(
            "s3",
            "buttock",
            chest.intersection(ellipse(-sx, sy, srx, sry)),
            "Inner buttock, over the sitting bone",
            "Binnenkant van de bil, over het zitbeen",
        )
        add("s2", "buttock", chest, "Lower outer buttock", "Onderste buitenkant van de bil")
        add(
            "s2",
            "thigh",
            thigh,
            "Back of the thigh and the hollow of the knee",
            "Achterzijde van het bovenbeen en de knieholte",
        )
        add(
            "l4",
            "leg",
            leg.intersection(V(_medial(CALF_MEDIAL))),
            "Inside of the calf and the inner ankle",
            "Binnenzijde van de kuit en de binnenenkel",
        )
        add(
            "l5",
            "leg",
            leg.intersection(V(_lateral(CALF_LATERAL))),
            "Outside of the calf",
            "Buitenzijde van de kuit",
        )
        add(
            "s1",
            "leg",
            leg,
            "Middle of the calf, the heel and the outer foot",
            "Midden van de kuit, de hiel en de buitenkant van de voet",
        )

    out: dict[str, list[Cell]] = {}
    taken: BaseGeometry = Polygon()
    for derm, part, geom, en, nl in order:
        cell = shapely.difference(shapely.make_valid(geom), taken, grid_size=GRID)
        cell = _polygons(cell)
        if cell.is_empty or cell.area < 0.5:
            continue
        taken = shapely.union(taken, cell, grid_size=GRID)
        out.setdefault(derm, []).append((part, cell, en, nl))
    return out


def _polygons(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and g.area]
    return shapely.union_all(parts) if parts else Polygon()


def _lateral_hand(b: Builder) -> Polygon:
    """The (u, y) part of the hand lateral of the C7 strip (thumb side)."""
    strip, _, _ = _hand_strip(b)
    # The strip's lateral edge is its first three vertices; close to the far thumb side.
    pts = list(strip.exterior.coords)[:3]
    return Polygon([*pts, (FAR, pts[-1][1] - 10.0), (FAR, pts[0][1] + 10.0)])


def _perianal_mask(b: Builder) -> BaseGeometry:
    """The back view's buttocks and sacrum on both sides (the unpaired saddle pattern)."""
    regions = b.chart["region"]
    return shapely.union_all([regions[n] for n in ("sacrum", "buttock-left", "buttock-right")])


_FRONT_NAMES: dict[str, tuple[str, str]] = {
    "c4": ("Below the collarbone, the top of the chest", "Onder het sleutelbeen, bovenkant borst"),
    "t2": ("Upper chest, to the armpit", "Bovenste borstkas, tot de oksel"),
    "t3": ("Chest at the third rib space", "Borstkas ter hoogte van de derde tussenribruimte"),
    "t4": ("Chest at the nipple line", "Borstkas ter hoogte van de tepellijn"),
    "t5": ("Chest below the nipple", "Borstkas onder de tepel"),
    "t6": (
        "Lower chest at the breastbone tip",
        "Onderste borstkas ter hoogte van de processus xiphoideus",
    ),
    "t7": ("Upper abdomen below the ribs", "Bovenbuik onder de ribbenboog"),
    "t8": ("Upper abdomen", "Bovenbuik"),
    "t9": ("Abdomen above the navel", "Buik boven de navel"),
    "t10": ("Abdomen at the navel", "Buik ter hoogte van de navel"),
    "t11": ("Abdomen below the navel", "Buik onder de navel"),
    "t12": ("Lower abdomen above the groin", "Onderbuik boven de lies"),
}
_BACK_NAMES: dict[str, tuple[str, str]] = {
    "c4": ("Top of the shoulders and the upper back", "Bovenkant schouders en bovenrug"),
    **{
        f"t{n}": (f"Back band at the level of T{n}", f"Band op de rug ter hoogte van T{n}")
        for n in range(2, 13)
    },
    "l1": ("Low back band at the level of L1", "Band op de onderrug ter hoogte van L1"),
    **{
        f"l{n}": (
            f"Low back band at the level of L{n}, over the iliac crest onto the upper buttock",
            f"Band op de onderrug ter hoogte van L{n}, over de bekkenkam tot boven op de bil",
        )
        for n in (2, 3)
    },
    **{
        f"l{n}": (
            f"Narrow strip beside the spine at L{n}, medial of the PSIS",
            f"Smalle strook naast de wervelkolom ter hoogte van L{n}, mediaal van de spina "
            "iliaca posterior superior (SIPS)",
        )
        for n in (4, 5)
    },
    "s1": (
        "Over the upper sacrum and the buttock beside it",
        "Over het bovenste heiligbeen en de bil ernaast",
    ),
}


# --------------------------------------------------------------------------------------
# Key sensory points (ISNCSCI 2019) and the patterns
# --------------------------------------------------------------------------------------


def _mid(a: tuple[float, float], c: tuple[float, float], t: float = 0.5) -> tuple[float, float]:
    return (round(a[0] + t * (c[0] - a[0]), 2), round(a[1] + t * (c[1] - a[1]), 2))


def _band_centre(b: Builder, level: str, u: float) -> float:
    """Height of the middle of a front thoracic band at ``u``."""
    order = ["c4"] + [f"t{n}" for n in range(2, 12)]
    above = order[order.index(level) - 1]

    def at(lv: str) -> float:
        return float(_height_at(_front_line(lv), u))

    return round((at(above) + at(level)) / 2, 2)


def _height_at(line: list[tuple[float, float]], u: float) -> float:
    """The height of a (u, y) polyline at ``u``."""
    for (u0, y0), (u1, y1) in itertools.pairwise(sorted(line)):
        if u0 <= u <= u1:
            return y0 + (u - u0) * (y1 - y0) / (u1 - u0)
    raise ValueError(u)


def _inguinal_mid(b: Builder) -> tuple[float, float]:
    return _mid(b.lm("front", "asis-left").at(), b.lm("front", "pubic-tubercle-left").at())


def _l2_point(b: Builder) -> tuple[float, float]:
    return _mid(_inguinal_mid(b), b.lm("front", "medial-knee-left").at())


def _digit_point(b: Builder, digit: str, t: float) -> tuple[float, float]:
    return _mid(b.lm("back", f"{digit}-base-left").at(), b.lm("back", f"{digit}-tip-left").at(), t)


#: Key sensory point of each dermatome: view, point (from the builder), English, Dutch.
KEY_POINTS: dict[str, tuple[str, Callable[[Builder], tuple[float, float]], str, str]] = {
    "c2": (
        "back",
        lambda b: _p("back", 2.0, b.lm("back", "occiput").y),
        "At least 1 cm lateral to the occipital protuberance",
        "Minstens 1 cm lateraal van de protuberantia occipitalis",
    ),
    "c3": (
        "front",
        lambda b: b.between("front", "suprasternal-notch", "acromion-left", 0.5, dy=1.6),
        "Supraclavicular fossa, on the midclavicular line",
        "Fossa supraclavicularis, op de medioclaviculaire lijn",
    ),
    "c4": (
        "front",
        lambda b: b.lm("front", "acromion-left").at(-2.0, -0.4),
        "Over the acromioclavicular joint",
        "Boven het acromioclaviculaire gewricht",
    ),
    "c5": (
        "front",
        lambda b: _arm(b, "front", 0.0, 1.8),
        "Lateral side of the antecubital fossa",
        "Laterale zijde van de elleboogplooi",
    ),
    "c6": (
        "back",
        lambda b: _digit_point(b, "thumb", 0.35),
        "Back of the proximal phalanx of the thumb",
        "Dorsale zijde van de proximale falanx van de duim",
    ),
    "c7": (
        "back",
        lambda b: _digit_point(b, "middle", 0.3),
        "Back of the proximal phalanx of the middle finger",
        "Dorsale zijde van de proximale falanx van de middelvinger",
    ),
    "c8": (
        "back",
        lambda b: _digit_point(b, "little", 0.3),
        "Back of the proximal phalanx of the little finger",
        "Dorsale zijde van de proximale falanx van de pink",
    ),
    "t1": (
        "front",
        lambda b: _arm(b, "front", 0.0, -1.8),
        "Medial side of the antecubital fossa",
        "Mediale zijde van de elleboogplooi",
    ),
    "t2": (
        "front",
        lambda b: b.lm("front", "acromion-left").at(-4.0, -10.5),
        "Apex of the axilla",
        "Top van de oksel",
    ),
    "t3": (
        "front",
        lambda b: (10.0, _band_centre(b, "t3", 10.0)),
        "Third intercostal space, midclavicular line",
        "Derde intercostale ruimte, medioclaviculaire lijn",
    ),
    "t4": (
        "front",
        lambda b: b.lm("front", "nipple-left").at(),
        "Fourth intercostal space, at the nipple line",
        "Vierde intercostale ruimte, ter hoogte van de tepellijn",
    ),
    "t5": (
        "front",
        lambda b: (10.0, _band_centre(b, "t5", 10.0)),
        "Fifth intercostal space, midclavicular line",
        "Vijfde intercostale ruimte, medioclaviculaire lijn",
    ),
    "t6": (
        "front",
        lambda b: (10.0, b.lm("front", "xiphoid").y),
        "Sixth intercostal space, level with the xiphisternum",
        "Zesde intercostale ruimte, ter hoogte van de processus xiphoideus",
    ),
    "t7": (
        "front",
        lambda b: (10.0, _band_centre(b, "t7", 10.0)),
        "Seventh intercostal space, midclavicular line",
        "Zevende intercostale ruimte, medioclaviculaire lijn",
    ),
    "t8": (
        "front",
        lambda b: (10.0, _band_centre(b, "t8", 10.0)),
        "Eighth intercostal space, midclavicular line",
        "Achtste intercostale ruimte, medioclaviculaire lijn",
    ),
    "t9": (
        "front",
        lambda b: (10.0, _band_centre(b, "t9", 10.0)),
        "Ninth intercostal space, midclavicular line",
        "Negende intercostale ruimte, medioclaviculaire lijn",
    ),
    "t10": (
        "front",
        lambda b: (10.0, b.lm("front", "navel").y),
        "Tenth intercostal space, level with the navel",
        "Tiende intercostale ruimte, ter hoogte van de navel",
    ),
    "t11": (
        "front",
        lambda b: (10.0, round((b.lm("front", "navel").y + _inguinal_mid(b)[1]) / 2, 2)),
        "Eleventh intercostal space, midway between T10 and T12",
        "Elfde intercostale ruimte, halverwege T10 en T12",
    ),
    "t12": (
        "front",
        _inguinal_mid,
        "Midpoint of the inguinal ligament",
        "Midden van het ligamentum inguinale",
    ),
    "l1": (
        "front",
        lambda b: _mid(_inguinal_mid(b), _l2_point(b)),
        "Upper front of the thigh, halfway between T12 and L2",
        "Bovenste voorzijde van het bovenbeen, halverwege T12 en L2",
    ),
    "l2": (
        "front",
        _l2_point,
        "Middle of the front of the thigh",
        "Midden van de voorzijde van het bovenbeen",
    ),
    "l3": (
        "front",
        lambda b: b.lm("front", "medial-knee-left").at(0.3, 0.8),
        "Medial femoral condyle, above the knee",
        "Mediale femurcondyl, boven de knie",
    ),
    "l4": (
        "front",
        lambda b: b.lm("front", "medial-malleolus-left").at(),
        "Medial malleolus",
        "Malleolus medialis",
    ),
    "l5": (
        "front",
        lambda b: b.lm("front", "dorsum-of-foot-left").at(-0.8, 0.0),
        "Dorsum of the foot at the third metatarsophalangeal joint",
        "Voetrug ter hoogte van het derde metatarsofalangeale gewricht",
    ),
    "s1": (
        "back",
        lambda b: b.lm("back", "heel-left").at(-2.0, 0.4),
        "Lateral heel",
        "Laterale zijde van de hiel",
    ),
    "s2": (
        "back",
        lambda b: b.lm("back", "popliteal-fossa-left").at(),
        "Middle of the popliteal fossa",
        "Midden van de knieholte",
    ),
    "s3": (
        "back",
        lambda b: b.lm("back", "gluteal-fold-left").at(3.0, 1.5),
        "Ischial tuberosity, at the infragluteal fold",
        "Tuber ischiadicum, bij de bilplooi",
    ),
    "s3-s5": (
        "back",
        lambda b: (0.0, PERIANAL[1]),
        "Perianal, within 1 cm of the mucocutaneous junction (S4-5)",
        "Perianaal, binnen 1 cm van de mucocutane overgang (S4-5)",
    ),
}

#: Where each dermatome lies (the summary's words), English and Dutch.
AREAS: dict[str, tuple[str, str]] = {
    "c2": (
        "the back of the head up to the crown, and the angle of the jaw",
        "het achterhoofd tot de kruin, en de kaakhoek",
    ),
    "c3": (
        "the neck, down to the hollow above the collarbone",
        "de hals, tot de kuil boven het sleutelbeen",
    ),
    "c4": (
        "the lower neck, the top of the shoulder and the chest just below the collarbone",
        "de onderste hals, de bovenkant van de schouder en de borst vlak onder het sleutelbeen",
    ),
    "c5": (
        "the outside of the shoulder and upper arm, to the outer elbow",
        "de buitenkant van de schouder en de bovenarm, tot de buitenkant van de elleboog",
    ),
    "c6": (
        "the thumb side of the forearm, the thumb and the index finger",
        "de duimzijde van de onderarm, de duim en de wijsvinger",
    ),
    "c7": (
        "the middle finger and the middle of the hand, front and back",
        "de middelvinger en het midden van de hand, aan hand- en rugzijde",
    ),
    "c8": (
        "the ring and little finger, the little-finger side of the hand and lower forearm",
        "de ring- en pink, de pinkzijde van de hand en van de onderste onderarm",
    ),
    "t1": (
        "the inside of the elbow and the upper forearm",
        "de binnenkant van de elleboog en de bovenste onderarm",
    ),
    "t2": (
        "the inside of the upper arm, the armpit and a band across the upper chest and back",
        "de binnenkant van de bovenarm, de oksel en een band over de bovenste borst en rug",
    ),
    **{
        f"t{n}": (
            f"a band round the trunk from the spine to the front, {en}",
            f"een band rond de romp van de wervelkolom naar voren, {nl}",
        )
        for n, en, nl in (
            (3, "at the third rib space", "ter hoogte van de derde tussenribruimte"),
            (4, "at the nipple line", "ter hoogte van de tepellijn"),
            (5, "just below the nipple", "net onder de tepel"),
            (6, "at the lower tip of the breastbone", "ter hoogte van de punt van het borstbeen"),
            (7, "just below the ribs in front", "aan de voorzijde net onder de ribben"),
            (8, "across the upper abdomen", "over de bovenbuik"),
            (9, "just above the navel", "net boven de navel"),
            (10, "at the navel", "ter hoogte van de navel"),
            (11, "just below the navel", "net onder de navel"),
            (12, "just above the groin", "net boven de lies"),
        )
    },
    "l1": (
        "the groin, the pubic area and the top of the front of the thigh, the skin over the "
        "hip bone (greater trochanter) and the upper outer buttock, and a band across the low "
        "back",
        "de lies, de schaamstreek en de bovenkant van de voorzijde van het bovenbeen, de huid "
        "over de heupknobbel (trochanter major) en de bovenste buitenkant van de bil, en een "
        "band over de onderrug",
    ),
    "l2": (
        "the front of the thigh, and a band across the low back and the upper buttock",
        "de voorzijde van het bovenbeen, en een band over de onderrug en de bovenkant van de bil",
    ),
    "l3": (
        "the lower front of the thigh and the inside of the knee, and a band across the low back "
        "and the upper buttock",
        "de onderste voorzijde van het bovenbeen en de binnenkant van de knie, en een "
        "band over de onderrug en de bovenkant van de bil",
    ),
    "l4": (
        "the front of the knee below the kneecap, the front and inside of the lower leg, the "
        "inner ankle and the inner edge of the foot",
        "de voorzijde van de knie onder de knieschijf, de voor- en binnenkant van het onderbeen, "
        "de binnenenkel en de binnenrand van de voet",
    ),
    "l5": (
        "the outer front of the lower leg, the top of the foot and the big toe",
        "de buitenste voorzijde van het onderbeen, de voetrug en de grote teen",
    ),
    "s1": (
        "the middle of the calf, the heel, the outer edge of the foot and the sole, and the "
        "upper sacrum",
        "het midden van de kuit, de hiel, de buitenrand van de voet en de voetzool, en het "
        "bovenste heiligbeen",
    ),
    "s2": (
        "the back of the thigh and the hollow of the knee, and the lower buttock",
        "de achterzijde van het bovenbeen en de knieholte, en de onderkant van de bil",
    ),
    "s3": ("the inner buttock over the sitting bone", "de binnenkant van de bil over het zitbeen"),
    "s3-s5": (
        "the skin round the anus and the inner buttocks on both sides (the saddle area)",
        "de huid rond de anus en de binnenkant van beide billen (het rijbroekgebied)",
    ),
}


GRAYS = (
    "Standring S, ed. Gray's Anatomy: The Anatomical Basis of Clinical Practice. 42nd ed. "
    "Amsterdam: Elsevier; 2020 (cutaneous nerves of the lower back, gluteal region and lower "
    "limb)."
)
MOORE = (
    "Moore KL, Dalley AF, Agur AMR. Clinically Oriented Anatomy. 8th ed. Philadelphia: "
    "Wolters Kluwer; 2018 (cluneal and iliohypogastric nerves; dermatomes of the lower limb)."
)
#: Sources beyond the common ones, by dermatome.
EXTRA_SOURCES: dict[str, list[str]] = {
    level: [GRAYS, MOORE] for level in ("t12", "l1", "l2", "l3", "l4", "l5", "s1")
}
_CLINICAL = "Clinical review against Lee 2008, the ISNCSCI and Gray's/Moore (issue 26): "
_OVER_THE_CREST = (
    "Lateral of the PSIS the band bends down over the iliac crest onto the upper buttock.",
    _CLINICAL + "the superior cluneal nerves (dorsal rami of L1-L3) cross the iliac crest and "
    "supply the upper buttock, which was drawn as S1.",
)


def _lower_lumbar_back(n: int) -> tuple[str, str]:
    """The revision of L4 or L5 on the back view: (change, reason)."""
    return (
        f"On the back view the L{n} band stops at the PSIS: a narrow strip beside the spine, "
        "no longer across the iliac crest.",
        _CLINICAL + "the dorsal rami of L4 and L5 have little or no cutaneous branch and the "
        "skin over the iliac crest and beside the PSIS is supplied by the superior (L1-L3) and "
        "middle (S1-S3) cluneal nerves, so no L4/L5 band is drawn across the crest.  A narrow "
        "strip is kept beside the spinous processes, where the maps put L4 and L5 at the "
        "midline, so that the back's bands meet without a gap.",
    )


#: What changed in each dermatome and why: (change, reason).
#: The revision of the dermatomes at the foot when the chart got its sole view.
_SOLE_VIEW = (
    "S1 holds the whole sole of the foot on the chart's sole view (zone foot-sole); the strip "
    "along the lower edge of the front view's foot that stood for the sole of the forefoot "
    "(zone sole-front) was removed, and that edge of the dorsum went back to L5.",
    "The chart has a view of the soles now (issue 26): the sole is drawn where it is, and "
    "the front view shows only the top of the foot.",
)

REVISIONS: dict[str, list[tuple[str, str]]] = {
    "t12": [
        (
            "The lower line of T12 now passes above the pubic tubercle and symphysis; the "
            "midpoint of the inguinal ligament (the key sensory point) stays in T12.",
            _CLINICAL + "the skin over the pubic symphysis and tubercle is L1 "
            "(ilioinguinal nerve), not T12.",
        )
    ],
    "l1": [
        (
            "L1 takes the pubic symphysis and tubercle from T12, and on the back view the "
            "upper outer buttock over the greater trochanter (lateral of about 14 cm from the "
            "midline, down to about 5 cm below the trochanter), which was S1.",
            _CLINICAL + "the skin over the pubis is supplied by the ilioinguinal nerve (L1), "
            "that over the upper lateral buttock and the trochanter by the lateral cutaneous "
            "branch of the iliohypogastric nerve (T12-L1) and the superior cluneal nerves; "
            "the front view already called the trochanter L1.",
        )
    ],
    "l2": [_OVER_THE_CREST],
    "l3": [_OVER_THE_CREST],
    "l4": [
        (
            "L4 now holds the front of the knee below L3 (the joint line, the tibial "
            "tuberosity and the fibular head) and the anteromedial leg up to just lateral of "
            "the tibial crest; before, L5 took the knee and most of the front of the shin.",
            _CLINICAL + "in Lee's map and the ISNCSCI the knee is L3/L4 and the anteromedial "
            "leg L4; L5 is the anterolateral leg and the dorsum of the foot.",
        ),
        _lower_lumbar_back(4),
    ],
    "l5": [
        (
            "L5 keeps the anterolateral leg, the dorsum of the foot and the big toe; it no "
            "longer reaches the knee joint line, the tibial tuberosity or the fibular head, "
            "and gives the sole of the forefoot to S1.",
            _CLINICAL + "the knee is L3/L4 and the anteromedial leg L4 (Lee 2008, ISNCSCI); "
            "the sole is S1, as everywhere else in the atlas.",
        ),
        _lower_lumbar_back(5),
        _SOLE_VIEW,
    ],
    "s1": [
        (
            "On the back view S1 covers the upper sacrum and the buttock beside it (to about "
            "9 cm from the midline), no longer the upper outer buttock and the greater "
            "trochanter; on the front view it takes the sole of the forefoot (the lower edge "
            "of the foot, the big toe excepted) from L5.",
            _CLINICAL + "the upper outer buttock and the trochanter are supplied by the "
            "superior cluneal (L1-L3) and iliohypogastric (T12-L1) nerves, the skin beside the "
            "sacrum by the middle cluneal nerves (S1-S3); the sole is S1.",
        ),
        _SOLE_VIEW,
    ],
}


def _label(level: str) -> str:
    return "S3–S5" if level == "s3-s5" else level.upper()


def _dermatome(level: str, b: Builder) -> dict[str, Any]:
    """One dermatome: its cells of the partition as essential zones, its key sensory point."""
    cells = _cells(b)
    for view in VIEWS:
        for part, geom, en, nl in cells[view].get(level, []):
            b.zone(f"{part}-{view}", view, "essential", en, nl, geom)
    markers = [level]
    if level == "s3-s5":
        # The saddle pattern is unpaired: the perianal cell (S4-5) and the inner buttock
        # (S3) on both sides, the right one the mirror image of the left.
        for part, geom, en, nl in cells["back"].get("s3", []):
            b.zone(f"{part}-left", "back", "essential", f"{en} (left)", f"{nl} (links)", geom)
            mirror = affinity.scale(geom, -1.0, 1.0, origin=(0, 0))
            b.zone(f"{part}-right", "back", "essential", f"{en} (right)", f"{nl} (rechts)", mirror)
        markers = ["s3", level]
    for n, key in enumerate(markers):
        view, where, en, nl = KEY_POINTS[key]
        x, y = where(b)
        marker_id = "key-point" if n == 0 else f"key-point-{n + 1}"
        b.marker(marker_id, view, x, y, f"Key sensory point: {en}", f"Sensibel sleutelpunt: {nl}")
    label = _label(level)
    area_en, area_nl = AREAS[level]
    if level == "s3-s5":
        names = {"en": "S3–S5 dermatomes (saddle area)", "nl": "Dermatomen S3–S5 (rijbroekgebied)"}
        summary = {
            "en": f"The S3 to S5 dermatomes: the skin supplied by the lowest sacral nerve roots, "
            f"{area_en}.",
            "nl": f"De dermatomen S3 tot S5: de huid die door de onderste sacrale zenuwwortels "
            f"wordt verzorgd, {area_nl}.",
        }
    else:
        names = {"en": f"{label} dermatome", "nl": f"Dermatoom {label}"}
        summary = {
            "en": f"The {label} dermatome: the skin supplied by the {label} spinal nerve root, "
            f"most consistently {area_en}.",
            "nl": f"Het dermatoom {label}: de huid die door de zenuwwortel {label} wordt "
            f"verzorgd, het meest constant {area_nl}.",
        }
    summary = {lang: text + OVERLAP[lang] for lang, text in summary.items()}
    meta: dict[str, Any] = {
        "kind": "dermatome",
        "names": names,
        "short_names": {"en": label, "nl": label},
        "summary": summary,
        "credit": CREDIT,
        "sources": [LEE_2008, ISNCSCI_2019, RUPP_2021, DOWNS_2011, *EXTRA_SOURCES.get(level, [])],
    }
    if level in REVISIONS:
        meta["revisions"] = [{"change": c, "reason": r} for c, r in REVISIONS[level]]
    if level == "s3-s5":
        meta["laterality"] = "bilateral"
        meta["referral"] = "bilateral"
    return meta


LEVELS = (
    [f"c{n}" for n in range(2, 9)]
    + [f"t{n}" for n in range(1, 13)]
    + [f"l{n}" for n in range(1, 6)]
    + ["s1", "s2", "s3-s5"]
)

#: The patterns of this module by name.
PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    f"dermatome-{level}": partial(_dermatome, level) for level in LEVELS
}
