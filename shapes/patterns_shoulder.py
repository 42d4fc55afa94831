"""Shoulder and upper-back referral patterns (part of issue 11), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder` and returns the pattern's metadata, exactly
like the patterns in ``make_patterns.py`` and ``patterns_lower.py``.  Zones are placed
relative to chart landmarks (``b.lm(view, name)``, ``b.between(...)``, ``b.spine(level)``)
and, on the arm, relative to the arm axis through the acromion, elbow crease and wrist
crease (:func:`_arm`), so a change of the chart moves them; the landmarks the chart file does
not define are in :data:`PENDING_LANDMARKS`.

Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; every pattern is
drawn for the patient's LEFT side.  The arm hangs in anatomical position (palm forward):
in both views its lateral (radial, thumb) side is the side away from the trunk and its
medial (ulnar, little-finger) side faces the trunk; the front view shows the palm and the
front of the arm, the back view the back of the arm and hand.  Pain on the lateral or
medial aspect of the arm is drawn along that edge in both views.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from make_patterns import CREDIT_VOL1, Builder, _third, _vol1, band, ellipse, mirrored
from patterns_arm import HAND_FRONT
from shapely.geometry import Polygon
from shapely.ops import unary_union

#: The bases of the digits (the centre of each digit where it leaves the palm, at the level
#: of the webs), from the hand table of ``patterns_arm``; front and back view share the
#: silhouette.
_DIGIT_BASES = {
    d: HAND_FRONT[f"{d}-base-left"] for d in ("thumb", "index", "middle", "ring", "little")
}

#: Landmarks used here that the chart file does not define (cm, measured on the current
#: outline; each lies inside it, at the site a clinician palpates in that view).  The chart
#: file's value replaces one of these as soon as the chart defines it.
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {
    "front": mirrored(
        {
            **{f"{d}-base-left": p for d, p in _DIGIT_BASES.items()},
            # tip of the coracoid process, in the groove between deltoid and pectoralis major
            "coracoid-left": (17.2, 139.8),
            # the anterior axillary fold (lower border of the pectoralis major)
            "anterior-axillary-fold-left": (16.0, 131.4),
        }
    ),
    "back": mirrored(
        {
            **{f"{d}-base-left": (-x, y) for d, (x, y) in _DIGIT_BASES.items()},
            # the scapula (the chart gives the acromion, the middle of its spine and the
            # inferior angle): its superior angle and the root of the spine on the medial
            # (vertebral) border, at T2 and T3
            "superior-angle-of-scapula-left": (-8.4, 144.6),
            "root-of-spine-of-scapula-left": (-8.0, 141.0),
            # the posterior axillary fold (teres major and latissimus dorsi)
            "posterior-axillary-fold-left": (-16.6, 132.2),
        }
    ),
}


# --------------------------------------------------------------------------------------
# Arm and hand geometry
# --------------------------------------------------------------------------------------


def _arm(b: Builder, view: str, s: float, v: float = 0.0) -> tuple[float, float]:
    """A point on the left arm: station ``s`` along the arm axis (0 the acromion, 1 the elbow
    crease, 2 the wrist crease, linear on each segment), ``v`` cm across it, positive on
    the lateral (radial) side, negative on the medial (ulnar) side."""
    a, e, w = (b.lm(view, f"{n}-left") for n in ("acromion", "elbow", "wrist"))
    p0, p1, t = (a, e, s) if s <= 1.0 else (e, w, s - 1.0)
    dx, dy = p1.x - p0.x, p1.y - p0.y
    n = math.hypot(dx, dy)
    side = 1.0 if view == "front" else -1.0  # lateral is +x in the front view, -x in the back
    return (
        round(p0.x + t * dx - side * dy / n * v, 2),
        round(p0.y + t * dy + side * dx / n * v, 2),
    )


def _arm_angle(b: Builder, view: str, s: float) -> float:
    """Direction of the arm axis at station ``s`` (degrees from +x, pointing distally)."""
    (x0, y0), (x1, y1) = _arm(b, view, s - 0.05), _arm(b, view, s + 0.05)
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def _arm_band(
    b: Builder, view: str, stations: list[tuple[float, float]], half_width: float
) -> Polygon:
    """A band along the arm through ``(s, v)`` stations (see :func:`_arm`)."""
    return band([_arm(b, view, s, v) for s, v in stations], half_width)


def _arm_ellipse(b: Builder, view: str, s: float, v: float, across: float, along: float) -> Polygon:
    """An ellipse on the arm at ``(s, v)``, semi-axes ``across`` and ``along`` the axis."""
    x, y = _arm(b, view, s, v)
    return ellipse(x, y, across, along, _arm_angle(b, view, s) - 90.0)


def _digit(b: Builder, view: str, digit: str, half_width: float = 0.72) -> Polygon:
    """A strip along one digit, from its base at the palm to its tip (round end)."""
    base = b.lm(view, f"{digit}-base-left")
    tip = b.lm(view, f"{digit}-tip-left")
    dx, dy = tip.x - base.x, tip.y - base.y
    n = math.hypot(dx, dy)
    end = (tip.x + 0.25 * dx / n, tip.y + 0.25 * dy / n)
    return band([(base.x, base.y), end], half_width)


def _digits(b: Builder, view: str, digits: tuple[str, ...], half_width: float = 0.72) -> Any:
    return unary_union([_digit(b, view, d, half_width) for d in digits])


def _hand_ulnar(b: Builder, view: str, digits: tuple[str, ...], half_width: float) -> Polygon:
    """A strip over the ulnar (little-finger) side of the hand, from the wrist to the bases of
    ``digits``."""
    wrist = _arm(b, view, 2.0, -1.5)
    bases = [b.lm(view, f"{d}-base-left") for d in digits]
    end = (sum(p.x for p in bases) / len(bases), sum(p.y for p in bases) / len(bases))
    return band([wrist, end], half_width)


CREDIT = CREDIT_VOL1

TRAPEZIUS_1 = _vol1("Trapezius muscle")
TRAPEZIUS_3 = _third("trapezius muscle")


# --------------------------------------------------------------------------------------
# Upper back
# --------------------------------------------------------------------------------------


def middle_trapezius(b: Builder) -> dict[str, Any]:
    """Middle trapezius (Simons, Travell & Simons vol. 1, 2nd ed., trapezius muscle).

    Described pattern: a trigger point in the middle fibres, close to the medial border of
    the scapula, refers a superficial burning pain medially, between the trigger point and
    the spinous processes of C7-T3; a trigger point in the lateral part of the middle
    fibres, near the acromion, refers aching pain to the top of the shoulder at the acromion.
    (A further trigger point causes goose flesh on the arm, not pain; it has no zone.)
    """
    root = b.lm("back", "root-of-spine-of-scapula-left")
    acromion = b.lm("back", "acromion-left")
    c7, t3 = b.lm("back", "c7"), b.spine("T3")
    b.zone(
        "interscapular",
        "back",
        "essential",
        "Between the shoulder blade and the spine, from C7 to T3 (burning)",
        "Tussen schouderblad en wervelkolom, van C7 tot T3 (brandend)",
        unary_union(
            [
                ellipse(*root.at(0.9, -0.4), 1.9, 2.0),
                band([(c7.x - 1.2, c7.y - 0.8), (c7.x - 1.2, t3)], 1.0),
            ]
        ).convex_hull,
    )
    b.zone(
        "acromion",
        "back",
        "essential",
        "Top of the shoulder, at the acromion",
        "Bovenkant van de schouder, bij het schouderdak (acromion)",
        ellipse(*acromion.at(0.5, -1.1), 2.4, 1.7),
    )
    b.trigger_point(
        "tp-medial",
        "back",
        *root.at(1.1, -1.4),
        "Middle trapezius, beside the medial border of the shoulder blade",
        "Middelste deel van de trapezius, naast de binnenrand van het schouderblad",
    )
    b.trigger_point(
        "tp-lateral",
        "back",
        *acromion.at(5.6, 0.6),
        "Middle trapezius, medial to the acromion",
        "Middelste deel van de trapezius, mediaal van het acromion",
    )
    return {
        "names": {"en": "Trapezius, middle part", "nl": "Trapezius, middelste deel"},
        "summary": {
            "en": "Trigger points in the middle part of the trapezius cause a superficial, "
            "burning pain between the shoulder blade and the spine, and an ache on top of the "
            "shoulder, on the same side.",
            "nl": "Triggerpoints in het middelste deel van de trapezius geven een "
            "oppervlakkige, brandende pijn tussen schouderblad en wervelkolom en een zeurende "
            "pijn boven op de schouder, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [TRAPEZIUS_1, TRAPEZIUS_3],
    }


def lower_trapezius(b: Builder) -> dict[str, Any]:
    """Lower trapezius (Simons, Travell & Simons vol. 1, 2nd ed., trapezius muscle).

    Described pattern: the trigger point at the lower border of the lower fibres (about the
    level of the inferior angle of the scapula, near its medial border) refers pain high up
    in the neck beside the cervical spine and to the mastoid area, and to the acromion, with
    a diffuse deep ache over the suprascapular region; trigger points of the lower fibres can
    also refer a burning pain down along and medial to the medial border of the scapula.
    """
    mastoid = b.lm("back", "mastoid-left")
    c7 = b.lm("back", "c7")
    acromion = b.lm("back", "acromion-left")
    sup = b.lm("back", "superior-angle-of-scapula-left")
    root = b.lm("back", "root-of-spine-of-scapula-left")
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "upper-neck",
        "back",
        "essential",
        "High in the back of the neck, beside the spine, up to the mastoid",
        "Hoog in de nek, naast de wervelkolom, tot aan het bot achter het oor (mastoid)",
        band([c7.at(-2.0, 1.6), c7.at(-2.9, 5.0), mastoid.at(0.7, -0.2)], 1.45),
    )
    b.zone(
        "acromion",
        "back",
        "essential",
        "Acromion, at the tip of the shoulder",
        "Schouderdak (acromion), op de punt van de schouder",
        ellipse(*acromion.at(0.6, -1.0), 2.2, 1.6),
    )
    b.zone(
        "suprascapular",
        "back",
        "spillover",
        "Above the shoulder blade (a deep, diffuse ache)",
        "Boven het schouderblad (diepe, diffuse pijn)",
        band(
            [
                sup.at(-0.4, -1.2),
                b.between("back", "superior-angle-of-scapula-left", "acromion-left", 0.72, dy=-0.9),
            ],
            1.45,
        ),
        minus=("acromion",),
    )
    b.zone(
        "medial-border",
        "back",
        "spillover",
        "Along and just medial to the inner border of the shoulder blade (burning)",
        "Langs en net binnen de binnenrand van het schouderblad (brandend)",
        band([root.at(0.9, -0.8), inf.at(2.2, 3.0)], 0.8),
    )
    b.trigger_point(
        "tp",
        "back",
        *inf.at(3.4, 0.4),
        "Lower border of the lower trapezius, beside the lower shoulder blade",
        "Onderrand van het onderste deel van de trapezius, naast de onderkant van het schouderblad",
    )
    return {
        "names": {"en": "Trapezius, lower part", "nl": "Trapezius, onderste deel"},
        "summary": {
            "en": "Trigger points in the lower part of the trapezius refer pain high into the "
            "back of the neck and behind the ear and to the tip of the shoulder, with a deep "
            "ache above the shoulder blade, on the same side.",
            "nl": "Triggerpoints in het onderste deel van de trapezius geven pijn hoog in de "
            "nek en achter het oor en op de punt van de schouder, met een diepe pijn boven het "
            "schouderblad, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [TRAPEZIUS_1, TRAPEZIUS_3],
    }


def rhomboids(b: Builder) -> dict[str, Any]:
    """Rhomboid major and minor (Simons, Travell & Simons vol. 1, 2nd ed., rhomboid muscles).

    Described pattern: trigger points along the medial border of the scapula refer pain that
    concentrates along that border, between the scapula and the paraspinal muscles, and may
    spread up and out over the supraspinous part of the scapula.
    """
    sup = b.lm("back", "superior-angle-of-scapula-left")
    root = b.lm("back", "root-of-spine-of-scapula-left")
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "medial-border",
        "back",
        "essential",
        "Along the inner border of the shoulder blade",
        "Langs de binnenrand van het schouderblad",
        band([sup.at(1.0, -0.4), root.at(1.0, 0.0), inf.at(1.6, 1.6)], 1.45),
    )
    b.zone(
        "supraspinous",
        "back",
        "spillover",
        "Over the upper part of the shoulder blade, above its spine",
        "Over het bovenste deel van het schouderblad, boven de schouderbladkam",
        ellipse(*sup.at(-3.8, -1.4), 3.8, 1.8),
        minus=("medial-border",),
    )
    b.trigger_point(
        "tp-minor",
        "back",
        *root.at(3.9, 1.6),
        "Rhomboid minor, beside the upper inner border of the shoulder blade",
        "Rhomboideus minor, naast de bovenste binnenrand van het schouderblad",
    )
    b.trigger_point(
        "tp-major",
        "back",
        *b.between(
            "back", "root-of-spine-of-scapula-left", "inferior-angle-of-scapula-left", 0.5, dx=3.9
        ),
        "Rhomboid major, beside the inner border of the shoulder blade",
        "Rhomboideus major, naast de binnenrand van het schouderblad",
    )
    return {
        "names": {
            "en": "Rhomboids (major and minor)",
            "nl": "Ruitvormige spieren (rhomboideus major en minor)",
        },
        "summary": {
            "en": "Trigger points in the rhomboids refer pain along the inner border of the "
            "shoulder blade, between the shoulder blade and the spine, sometimes up over the top "
            "of the shoulder blade, on the same side.",
            "nl": "Triggerpoints in de ruitvormige spieren geven pijn langs de binnenrand van "
            "het schouderblad, tussen schouderblad en wervelkolom, soms omhoog over de bovenkant "
            "van het schouderblad, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Rhomboid muscles"), _third("rhomboid major and minor muscles")],
    }


# --------------------------------------------------------------------------------------
# Rotator cuff and shoulder
# --------------------------------------------------------------------------------------


def supraspinatus(b: Builder) -> dict[str, Any]:
    """Supraspinatus (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: a deep ache in the middle deltoid region, often extending down the
    lateral arm and concentrating at the lateral epicondyle of the elbow, with spillover down
    the lateral forearm.  Trigger points: medial and lateral in the supraspinous fossa (and
    at the tendon insertion under the acromion).
    """
    for view in ("front", "back"):
        b.zone(
            f"deltoid-middle-{view}",
            view,
            "essential",
            "Deep in the middle of the deltoid (side of the shoulder)",
            "Diep in het midden van de deltaspier (zijkant van de schouder)",
            _arm_ellipse(b, view, 0.2, 1.3, 1.9, 3.4),
        )
        lat = b.lm(view, "lateral-epicondyle-left")
        b.zone(
            f"lateral-epicondyle-{view}",
            view,
            "essential",
            "Outer side of the elbow (lateral epicondyle)",
            "Buitenzijde van de elleboog (laterale epicondyl)",
            ellipse(*lat.at(-0.5 if view == "front" else 0.5, -0.2), 1.7, 2.0),
        )
    b.zone(
        "arm-lateral",
        "back",
        "spillover",
        "Down the outer side of the upper arm",
        "Langs de buitenzijde van de bovenarm",
        _arm_band(b, "back", [(0.36, 2.0), (0.9, 2.3)], 0.95),
        minus=("deltoid-middle-back", "lateral-epicondyle-back"),
    )
    b.zone(
        "forearm-lateral",
        "back",
        "spillover",
        "Outer side of the forearm",
        "Buitenzijde van de onderarm",
        _arm_band(b, "back", [(1.12, 2.2), (1.6, 2.0)], 0.95),
        minus=("lateral-epicondyle-back",),
    )
    spine = b.lm("back", "spine-of-scapula-left")
    b.trigger_point(
        "tp-medial",
        "back",
        *spine.at(3.2, 2.0),
        "Supraspinous fossa, medial part",
        "Fossa supraspinata, mediaal deel",
    )
    b.trigger_point(
        "tp-lateral",
        "back",
        *spine.at(-2.6, 2.1),
        "Supraspinous fossa, lateral part",
        "Fossa supraspinata, lateraal deel",
    )
    return {
        "names": {"en": "Supraspinatus", "nl": "Supraspinatus"},
        "summary": {
            "en": "Trigger points in the supraspinatus cause a deep ache in the side of the "
            "shoulder that often runs down the outer arm to the outer side of the elbow, "
            "sometimes into the forearm, on the same side.",
            "nl": "Triggerpoints in de supraspinatus geven een diepe pijn in de zijkant van de "
            "schouder, vaak langs de buitenzijde van de arm tot aan de buitenkant van de "
            "elleboog, soms tot in de onderarm, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Supraspinatus muscle"), _third("supraspinatus muscle")],
    }


def infraspinatus(b: Builder) -> dict[str, Any]:
    """Infraspinatus (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: pain deep in the front of the shoulder joint (essential), spilling
    down the front and lateral side of the arm and the radial side of the forearm to the
    radial side of the hand.  Trigger points: in the infraspinous fossa below the spine of
    the scapula; a trigger point near the medial border refers to the adjacent medial border
    of the scapula (the rhomboid area), less often than the main pattern: spillover.  (The
    occasional referral to the suboccipital region is not drawn.)
    """
    acromion = b.lm("front", "acromion-left")
    b.zone(
        "shoulder-front",
        "front",
        "essential",
        "Deep in the front of the shoulder joint",
        "Diep in de voorkant van het schoudergewricht",
        ellipse(*acromion.at(0.0, -2.8), 2.6, 2.4),
    )
    b.zone(
        "arm-front-lateral",
        "front",
        "spillover",
        "Down the front and outer side of the upper arm",
        "Langs de voor- en buitenzijde van de bovenarm",
        _arm_band(b, "front", [(0.3, 1.5), (0.92, 1.7)], 0.9),
        minus=("shoulder-front",),
    )
    b.zone(
        "forearm-radial",
        "front",
        "spillover",
        "Thumb side of the forearm",
        "Duimzijde van de onderarm",
        _arm_band(b, "front", [(1.1, 2.2), (1.9, 2.0)], 0.85),
    )
    thenar = b.lm("front", "thenar-left")
    b.zone(
        "hand-radial",
        "front",
        "spillover",
        "Thumb side of the hand",
        "Duimzijde van de hand",
        ellipse(*thenar.at(0.3, 0.4), 1.5, 2.0),
        minus=("forearm-radial",),
    )
    root = b.lm("back", "root-of-spine-of-scapula-left")
    b.zone(
        "scapula-medial-border",
        "back",
        "spillover",
        "Along the medial border of the shoulder blade (medial trigger point)",
        "Langs de binnenrand van het schouderblad (mediale triggerpoint)",
        band(
            [
                root.at(0.9, -0.5),
                b.between(
                    "back",
                    "root-of-spine-of-scapula-left",
                    "inferior-angle-of-scapula-left",
                    0.85,
                    dx=1.0,
                ),
            ],
            1.1,
        ),
    )
    spine = b.lm("back", "spine-of-scapula-left")
    b.trigger_point(
        "tp-medial",
        "back",
        *b.between(
            "back", "root-of-spine-of-scapula-left", "inferior-angle-of-scapula-left", 0.45, dx=-1.6
        ),
        "Infraspinous fossa, near the medial border of the shoulder blade",
        "Fossa infraspinata, bij de binnenrand van het schouderblad",
    )
    b.trigger_point(
        "tp-upper",
        "back",
        *spine.at(-0.4, -3.0),
        "Infraspinous fossa, just below the spine of the shoulder blade",
        "Fossa infraspinata, net onder de schouderbladkam",
    )
    b.trigger_point(
        "tp-lower",
        "back",
        *spine.at(2.0, -6.5),
        "Infraspinous fossa, middle of the shoulder blade",
        "Fossa infraspinata, midden van het schouderblad",
    )
    return {
        "names": {"en": "Infraspinatus", "nl": "Infraspinatus"},
        "summary": {
            "en": "Trigger points in the infraspinatus refer pain deep into the front of the "
            "shoulder joint, sometimes down the front and outer side of the arm and the thumb "
            "side of the forearm and hand; one near the inner edge of the shoulder blade refers "
            "along that edge, on the same side.",
            "nl": "Triggerpoints in de infraspinatus geven pijn diep in de voorkant van het "
            "schoudergewricht, soms langs de voor- en buitenzijde van de arm en de duimzijde "
            "van onderarm en hand; een triggerpoint bij de binnenrand van het schouderblad geeft "
            "pijn langs die rand, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Infraspinatus muscle"), _third("infraspinatus muscle")],
        "revisions": [
            {
                "change": "Added the medial trigger point (infraspinous fossa near the medial "
                "border) and its referral along the medial border of the shoulder blade "
                "(spillover: it is less common than the shoulder pattern and lies over the "
                "rhomboids, whose own pattern it must not take).",
                "reason": "Clinical review against Travell & Simons (issue 26): the referral "
                "from the medial trigger point to the medial border of the scapula was "
                "missing.",
            }
        ],
    }


def teres_minor(b: Builder) -> dict[str, Any]:
    """Teres minor (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: a sharply localised, deep ache in the posterior deltoid region, just
    above the deltoid insertion.  Trigger point: along the lateral border of the scapula,
    above the teres major.
    """
    b.zone(
        "deltoid-back",
        "back",
        "essential",
        "Back of the shoulder, low in the deltoid (a local, deep ache)",
        "Achterkant van de schouder, laag in de deltaspier (plaatselijke, diepe pijn)",
        _arm_ellipse(b, "back", 0.34, 1.1, 1.9, 2.4),
    )
    pf = b.lm("back", "posterior-axillary-fold-left")
    b.trigger_point(
        "tp",
        "back",
        *pf.at(1.2, 3.4),
        "Lateral border of the shoulder blade, above the teres major",
        "Buitenrand van het schouderblad, boven de teres major",
    )
    return {
        "names": {"en": "Teres minor", "nl": "Teres minor"},
        "summary": {
            "en": "Trigger points in the teres minor cause a deep, well-localised ache at the "
            "back of the shoulder, low in the deltoid, on the same side.",
            "nl": "Triggerpoints in de teres minor geven een diepe, goed te lokaliseren pijn "
            "aan de achterkant van de schouder, laag in de deltaspier, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Teres minor muscle"), _third("teres minor muscle")],
    }


def teres_major(b: Builder) -> dict[str, Any]:
    """Teres major (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: pain in the posterior deltoid region and over the long head of the
    triceps (back of the upper arm); occasionally to the back of the shoulder joint and the
    back of the forearm, skipping the elbow.  Trigger points: near the inferior angle of the
    scapula (medial) and in the posterior axillary fold (lateral).
    """
    b.zone(
        "shoulder-back",
        "back",
        "essential",
        "Back of the shoulder (posterior deltoid)",
        "Achterkant van de schouder (achterste deel van de deltaspier)",
        _arm_ellipse(b, "back", 0.16, -1.0, 2.1, 2.6),
    )
    b.zone(
        "arm-back",
        "back",
        "essential",
        "Back of the upper arm, inner half (long head of the triceps)",
        "Achterzijde van de bovenarm, binnenste helft (lange kop van de triceps)",
        _arm_band(b, "back", [(0.3, -1.7), (0.78, -1.5)], 1.3),
        minus=("shoulder-back",),
    )
    b.zone(
        "forearm-back",
        "back",
        "spillover",
        "Back of the forearm (the elbow is skipped)",
        "Achterzijde van de onderarm (de elleboog wordt overgeslagen)",
        _arm_band(b, "back", [(1.22, 0.0), (1.72, 0.0)], 1.0),
    )
    pf = b.lm("back", "posterior-axillary-fold-left")
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.trigger_point(
        "tp-axillary",
        "back",
        *pf.at(0.3, -0.2),
        "Teres major in the posterior axillary fold",
        "Teres major in de achterste okselplooi",
    )
    b.trigger_point(
        "tp-scapular",
        "back",
        *inf.at(-2.4, 1.5),
        "Teres major near the lower tip of the shoulder blade",
        "Teres major bij de onderpunt van het schouderblad",
    )
    return {
        "names": {"en": "Teres major", "nl": "Teres major"},
        "summary": {
            "en": "Trigger points in the teres major refer pain to the back of the shoulder and "
            "the back of the upper arm, sometimes to the back of the forearm, on the same side.",
            "nl": "Triggerpoints in de teres major geven pijn aan de achterkant van de schouder "
            "en de achterzijde van de bovenarm, soms aan de achterzijde van de onderarm, aan "
            "dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Teres major muscle"), _third("teres major muscle")],
    }


def subscapularis(b: Builder) -> dict[str, Any]:
    """Subscapularis (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: severe pain at rest and on motion, concentrated in the back of the
    shoulder (posterior deltoid region, over the back of the joint); spillover over the
    scapula, down the back of the arm to the elbow, and a characteristic strap-like band
    around the wrist, on its back and front.  Trigger points: on the front surface of the
    scapula, reached in the armpit along its lateral border.
    """
    b.zone(
        "shoulder-back",
        "back",
        "essential",
        "Back of the shoulder, over the shoulder joint",
        "Achterkant van de schouder, over het schoudergewricht",
        _arm_ellipse(b, "back", 0.12, -2.4, 3.4, 3.6),
    )
    spine = b.lm("back", "spine-of-scapula-left")
    b.zone(
        "scapula",
        "back",
        "spillover",
        "Over the shoulder blade",
        "Over het schouderblad",
        ellipse(*spine.at(2.0, -6.2), 2.7, 3.0),
        minus=("shoulder-back",),
    )
    b.zone(
        "arm-back",
        "back",
        "spillover",
        "Down the back of the upper arm to the elbow",
        "Langs de achterzijde van de bovenarm tot de elleboog",
        _arm_band(b, "back", [(0.44, -0.6), (0.93, -0.5)], 0.85),
        minus=("shoulder-back",),
    )
    for view, en, nl in (
        ("back", "Band across the back of the wrist", "Band over de achterkant van de pols"),
        ("front", "Band across the front of the wrist", "Band over de voorkant van de pols"),
    ):
        b.zone(
            f"wrist-{view}",
            view,
            "spillover",
            en,
            nl,
            _arm_band(b, view, [(1.975, -3.5), (1.975, 3.6)], 0.8),
        )
    pf = b.lm("back", "posterior-axillary-fold-left")
    b.trigger_point(
        "tp-lateral",
        "back",
        *pf.at(0.4, 0.5),
        "Front surface of the shoulder blade, reached in the armpit",
        "Voorvlak van het schouderblad, bereikbaar vanuit de oksel",
    )
    b.trigger_point(
        "tp-upper",
        "back",
        *pf.at(0.3, 2.7),
        "Front surface of the shoulder blade, higher up along its outer border",
        "Voorvlak van het schouderblad, hoger langs de buitenrand",
    )
    return {
        "names": {"en": "Subscapularis", "nl": "Subscapularis"},
        "summary": {
            "en": "Trigger points in the subscapularis cause severe pain at the back of the "
            "shoulder, at rest and on movement, sometimes over the shoulder blade, down the back "
            "of the arm and as a band around the wrist, on the same side.",
            "nl": "Triggerpoints in de subscapularis geven hevige pijn aan de achterkant van de "
            "schouder, in rust en bij bewegen, soms over het schouderblad, langs de achterzijde "
            "van de arm en als een band rond de pols, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Subscapularis muscle"), _third("subscapularis muscle")],
    }


def deltoid(b: Builder) -> dict[str, Any]:
    """Deltoid (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: local pain.  Trigger points in the anterior deltoid refer pain to the
    anterior and middle deltoid region, those in the posterior deltoid to the posterior and
    middle deltoid region, those in the middle deltoid to the middle deltoid region; each
    with some spillover into the adjacent upper arm.
    """
    b.zone(
        "anterior",
        "front",
        "essential",
        "Front and side of the shoulder (anterior and middle deltoid)",
        "Voor- en zijkant van de schouder (voorste en middelste deel van de deltaspier)",
        _arm_ellipse(b, "front", 0.22, 0.6, 2.7, 4.4),
    )
    b.zone(
        "posterior",
        "back",
        "essential",
        "Back and side of the shoulder (posterior and middle deltoid)",
        "Achter- en zijkant van de schouder (achterste en middelste deel van de deltaspier)",
        _arm_ellipse(b, "back", 0.22, 0.6, 2.7, 4.4),
    )
    for view, zone_id, en, nl in (
        (
            "front",
            "anterior",
            "Around it, over the deltoid and the top of the upper arm",
            "Daaromheen, over de deltaspier en het bovenste deel van de bovenarm",
        ),
        (
            "back",
            "posterior",
            "Around it, over the deltoid and the top of the upper arm",
            "Daaromheen, over de deltaspier en het bovenste deel van de bovenarm",
        ),
    ):
        b.zone(
            f"around-{view}",
            view,
            "spillover",
            en,
            nl,
            _arm_ellipse(b, view, 0.3, 0.0, 3.5, 6.0),
            minus=(zone_id,),
        )
    b.trigger_point(
        "tp-anterior",
        "front",
        *_arm(b, "front", 0.12, -2.3),
        "Anterior deltoid",
        "Voorste deel van de deltaspier",
    )
    b.trigger_point(
        "tp-middle",
        "back",
        *_arm(b, "back", 0.34, 2.4),
        "Middle deltoid",
        "Middelste deel van de deltaspier",
    )
    b.trigger_point(
        "tp-posterior",
        "back",
        *_arm(b, "back", 0.14, -2.4),
        "Posterior deltoid",
        "Achterste deel van de deltaspier",
    )
    return {
        "names": {"en": "Deltoid", "nl": "Deltaspier (deltoideus)"},
        "summary": {
            "en": "Trigger points in the deltoid refer pain locally, over the front, side or "
            "back of the shoulder where they lie, sometimes a little way down the upper arm, "
            "on the same side.",
            "nl": "Triggerpoints in de deltaspier geven plaatselijke pijn aan de voor-, zij- of "
            "achterkant van de schouder, waar ze liggen, soms een stukje langs de bovenarm, aan "
            "dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Deltoid muscle"), _third("deltoid muscle")],
    }


# --------------------------------------------------------------------------------------
# Back and chest wall
# --------------------------------------------------------------------------------------


def latissimus_dorsi(b: Builder) -> dict[str, Any]:
    """Latissimus dorsi (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: the trigger point in the posterior axillary fold refers a constant
    ache to the inferior angle of the scapula and the surrounding mid-thoracic region, with
    spillover to the back of the shoulder and down the back of the medial (ulnar) side of
    the arm, forearm and hand into the ring and little fingers.  A trigger point in the lower
    lateral fibres refers pain to the front of the shoulder and the side of the trunk above
    the iliac crest (spillover).
    """
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "inferior-angle",
        "back",
        "essential",
        "Around the lower tip of the shoulder blade and the middle of the back",
        "Rond de onderpunt van het schouderblad en het midden van de rug",
        ellipse(*inf.at(-0.6, -1.2), 3.7, 3.4),
    )
    b.zone(
        "shoulder-back",
        "back",
        "spillover",
        "Back of the shoulder",
        "Achterkant van de schouder",
        _arm_ellipse(b, "back", 0.12, -1.6, 1.8, 2.2),
    )
    arm_hand = unary_union(
        [
            _arm_band(b, "back", [(0.42, -2.5), (1.0, -2.6), (1.96, -2.0)], 0.95),
            _hand_ulnar(b, "back", ("ring", "little"), 1.1),
            _digits(b, "back", ("ring", "little"), 0.65),
        ]
    )
    b.zone(
        "arm-ulnar",
        "back",
        "spillover",
        "Down the back of the inner arm and forearm to the ring and little fingers",
        "Langs de achterzijde van de binnenkant van arm en onderarm tot ringvinger en pink",
        arm_hand,
        minus=("inferior-angle",),
    )
    crest = b.lm("back", "iliac-crest-left")
    b.zone(
        "flank",
        "back",
        "spillover",
        "Side of the trunk above the iliac crest",
        "Zijkant van de romp boven de bekkenkam",
        ellipse(*crest.at(0.7, 5.0), 1.6, 3.0),
    )
    b.zone(
        "shoulder-front",
        "front",
        "spillover",
        "Front of the shoulder",
        "Voorkant van de schouder",
        _arm_ellipse(b, "front", 0.16, -0.6, 1.7, 2.0),
    )
    pf = b.lm("back", "posterior-axillary-fold-left")
    b.trigger_point(
        "tp-axillary",
        "back",
        *pf.at(0.6, -1.6),
        "Latissimus dorsi in the posterior axillary fold",
        "Latissimus dorsi in de achterste okselplooi",
    )
    b.trigger_point(
        "tp-lower",
        "back",
        *crest.at(0.8, 11.0),
        "Lower lateral fibres of the latissimus dorsi",
        "Onderste zijdelingse vezels van de latissimus dorsi",
    )
    return {
        "names": {"en": "Latissimus dorsi", "nl": "Latissimus dorsi (brede rugspier)"},
        "summary": {
            "en": "Trigger points in the latissimus dorsi cause a constant ache around the "
            "lower tip of the shoulder blade and in the middle of the back, sometimes at the "
            "back of the shoulder and down the inner side of the arm to the ring and little "
            "fingers, on the same side.",
            "nl": "Triggerpoints in de latissimus dorsi geven een aanhoudende pijn rond de "
            "onderpunt van het schouderblad en midden in de rug, soms aan de achterkant van de "
            "schouder en langs de binnenzijde van de arm tot ringvinger en pink, aan dezelfde "
            "kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Latissimus dorsi muscle"), _third("latissimus dorsi muscle")],
    }


def serratus_anterior(b: Builder) -> dict[str, Any]:
    """Serratus anterior (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: pain in the side of the chest at about nipple level (around the
    trigger point in the mid-axillary line, fifth or sixth rib) and in the back, medial to
    the inferior angle of the scapula; spillover down the inside (front and medial aspect)
    of the arm and forearm to the palm and the ring finger.
    """
    nipple = b.lm("front", "nipple-left")
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "chest-side",
        "front",
        "essential",
        "Side of the chest at nipple level",
        "Zijkant van de borstkas op tepelhoogte",
        ellipse(*nipple.at(3.4, -0.6), 3.0, 3.8),
    )
    b.zone(
        "scapula-lower-medial",
        "back",
        "essential",
        "Beside the lower tip of the shoulder blade, toward the spine",
        "Naast de onderpunt van het schouderblad, richting wervelkolom",
        ellipse(*inf.at(2.8, -0.4), 1.8, 2.5),
    )
    arm_hand = unary_union(
        [
            _arm_band(b, "front", [(0.5, -2.9), (1.0, -2.7), (1.95, -1.8)], 0.9),
            _hand_ulnar(b, "front", ("ring",), 1.0),
            _digit(b, "front", "ring", 0.65),
        ]
    )
    b.zone(
        "arm-inner",
        "front",
        "spillover",
        "Down the inside of the arm and forearm to the palm and the ring finger",
        "Langs de binnenzijde van arm en onderarm tot de handpalm en de ringvinger",
        arm_hand,
    )
    b.trigger_point(
        "tp",
        "front",
        *nipple.at(4.6, -5.6),
        "Serratus anterior in the side of the chest (fifth or sixth rib)",
        "Serratus anterior in de zijkant van de borstkas (vijfde of zesde rib)",
    )
    return {
        "names": {"en": "Serratus anterior", "nl": "Serratus anterior (voorste zaagspier)"},
        "summary": {
            "en": "Trigger points in the serratus anterior refer pain to the side of the chest "
            "at nipple level and beside the lower tip of the shoulder blade, sometimes down the "
            "inside of the arm to the palm and the ring finger, on the same side.",
            "nl": "Triggerpoints in de serratus anterior geven pijn in de zijkant van de "
            "borstkas op tepelhoogte en naast de onderpunt van het schouderblad, soms langs de "
            "binnenzijde van de arm tot de handpalm en de ringvinger, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Serratus anterior muscle"), _third("serratus anterior muscle")],
    }


def serratus_posterior_superior(b: Builder) -> dict[str, Any]:
    """Serratus posterior superior (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: a deep ache under the upper part of the scapula, and characteristic
    pain in the whole little finger; spillover over the back of the shoulder (posterior
    deltoid), down the back of the arm (long head of the triceps) to the olecranon, and
    along the ulnar side of the forearm and hand.  Trigger point: under the upper part of
    the scapula, reached when the scapula is drawn forward.
    """
    spine = b.lm("back", "spine-of-scapula-left")
    b.zone(
        "scapula-upper",
        "back",
        "essential",
        "Deep under the upper part of the shoulder blade",
        "Diep onder het bovenste deel van het schouderblad",
        ellipse(*spine.at(1.4, -1.2), 3.3, 2.6),
    )
    for view, en, nl in (
        ("back", "The whole little finger (back)", "De hele pink (rugzijde)"),
        ("front", "The whole little finger (palm side)", "De hele pink (handpalmzijde)"),
    ):
        b.zone(f"little-finger-{view}", view, "essential", en, nl, _digit(b, view, "little"))
    b.zone(
        "arm-back",
        "back",
        "spillover",
        "Back of the shoulder and down the back of the arm to the elbow",
        "Achterkant van de schouder en langs de achterzijde van de arm tot de elleboog",
        _arm_band(b, "back", [(0.12, -0.4), (0.5, -1.2), (1.0, -1.0)], 1.05),
    )
    b.zone(
        "forearm-ulnar",
        "back",
        "spillover",
        "Little-finger side of the forearm and hand",
        "Pinkzijde van onderarm en hand",
        unary_union(
            [
                _arm_band(b, "back", [(1.1, -2.5), (1.96, -2.2)], 0.9),
                _hand_ulnar(b, "back", ("little",), 0.9),
            ]
        ),
        minus=("arm-back", "little-finger-back"),
    )
    b.trigger_point(
        "tp",
        "back",
        *spine.at(5.6, 0.4),
        "Under the upper inner part of the shoulder blade",
        "Onder het bovenste binnendeel van het schouderblad",
    )
    return {
        "names": {
            "en": "Serratus posterior superior",
            "nl": "Serratus posterior superior (bovenste achterste zaagspier)",
        },
        "summary": {
            "en": "Trigger points in the serratus posterior superior cause a deep ache under the "
            "upper part of the shoulder blade and pain in the little finger, sometimes over the "
            "back of the shoulder and arm to the elbow and along the little-finger side of the "
            "forearm, on the same side.",
            "nl": "Triggerpoints in de serratus posterior superior geven een diepe pijn onder "
            "het bovenste deel van het schouderblad en pijn in de pink, soms over de "
            "achterkant van schouder en arm tot de elleboog en langs de pinkzijde van de "
            "onderarm, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [
            _vol1("Serratus posterior superior muscle"),
            _third("serratus posterior superior muscle"),
        ],
    }


def pectoralis_major(b: Builder) -> dict[str, Any]:
    """Pectoralis major (Simons, Travell & Simons vol. 1, 2nd ed.), one pattern for its parts.

    Described pattern: the clavicular part refers pain to the anterior deltoid region and
    over the clavicular part itself; the sternal part refers intense pain to the front of the
    chest and down the inner side of the arm to the medial epicondyle, with spillover along
    the ulnar side of the forearm to the ring and little fingers; the costal and abdominal
    fibres at the lateral border refer breast pain and nipple tenderness (spillover here).
    """
    notch = b.lm("front", "suprasternal-notch")
    nipple = b.lm("front", "nipple-left")
    coracoid = b.lm("front", "coracoid-left")
    b.zone(
        "chest",
        "front",
        "essential",
        "Front of the chest",
        "Voorkant van de borst",
        ellipse(*notch.at(7.4, -8.6), 5.8, 5.2),
    )
    b.zone(
        "shoulder-front",
        "front",
        "essential",
        "Front of the shoulder and below the collarbone (clavicular part)",
        "Voorkant van de schouder en onder het sleutelbeen (sleutelbeendeel)",
        band([notch.at(8.0, -1.6), coracoid.at(0.6, 0.4), _arm(b, "front", 0.2, -0.8)], 1.4),
        minus=("chest",),
    )
    b.zone(
        "arm-inner",
        "front",
        "essential",
        "Down the inner side of the upper arm to the inner elbow",
        "Langs de binnenzijde van de bovenarm tot de binnenkant van de elleboog",
        _arm_band(b, "front", [(0.48, -3.0), (0.98, -2.9)], 1.05),
    )
    b.zone(
        "forearm-ulnar",
        "front",
        "spillover",
        "Little-finger side of the forearm to the ring and little fingers",
        "Pinkzijde van de onderarm tot ringvinger en pink",
        unary_union(
            [
                _arm_band(b, "front", [(1.12, -2.6), (1.96, -1.9)], 0.9),
                _hand_ulnar(b, "front", ("ring", "little"), 1.0),
                _digits(b, "front", ("ring", "little"), 0.62),
            ]
        ),
        minus=("arm-inner",),
    )
    b.zone(
        "breast",
        "front",
        "spillover",
        "Breast and nipple",
        "Borst en tepel",
        ellipse(nipple.x + 0.6, nipple.y - 0.4, 2.8, 2.6),
        minus=("chest",),
    )
    b.trigger_point(
        "tp-clavicular",
        "front",
        *notch.at(12.5, -2.2),
        "Clavicular part, below the collarbone",
        "Sleutelbeendeel (pars clavicularis), onder het sleutelbeen",
    )
    b.trigger_point(
        "tp-sternal",
        "front",
        *notch.at(6.0, -9.5),
        "Sternal part, middle of the muscle",
        "Borstbeendeel (pars sternalis), midden van de spier",
    )
    fold = b.lm("front", "anterior-axillary-fold-left")
    b.trigger_point(
        "tp-costal",
        "front",
        *fold.at(-0.8, -0.2),
        "Lateral border, in the front fold of the armpit",
        "Buitenrand, in de voorste okselplooi",
    )
    return {
        "names": {"en": "Pectoralis major", "nl": "Grote borstspier (pectoralis major)"},
        "summary": {
            "en": "Trigger points in the pectoralis major refer pain to the front of the chest "
            "and shoulder and down the inner side of the arm, sometimes along the little-finger "
            "side of the forearm to the ring and little fingers, or to the breast, on the same "
            "side.",
            "nl": "Triggerpoints in de grote borstspier geven pijn aan de voorkant van borst en "
            "schouder en langs de binnenzijde van de arm, soms langs de pinkzijde van de "
            "onderarm tot ringvinger en pink, of in de borst, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Pectoralis major muscle"), _third("pectoralis major muscle")],
    }


def pectoralis_minor(b: Builder) -> dict[str, Any]:
    """Pectoralis minor (Simons, Travell & Simons vol. 1, 2nd ed.).

    Described pattern: pain strongest over the front of the shoulder (anterior deltoid
    region), which may extend over the subclavicular and pectoral region of the chest, and
    spill down the ulnar side of the arm, elbow and forearm to the palmar side of the
    middle, ring and little fingers.  Trigger points: over the muscle, below the coracoid
    process and near its rib attachments.
    """
    coracoid = b.lm("front", "coracoid-left")
    notch = b.lm("front", "suprasternal-notch")
    b.zone(
        "shoulder-front",
        "front",
        "essential",
        "Front of the shoulder",
        "Voorkant van de schouder",
        ellipse(*coracoid.at(1.4, -2.6), 3.0, 3.6, -20.0),
    )
    b.zone(
        "chest-upper",
        "front",
        "spillover",
        "Upper chest, below the collarbone",
        "Bovenste deel van de borst, onder het sleutelbeen",
        ellipse(*notch.at(12.0, -6.0), 4.8, 3.4),
        minus=("shoulder-front",),
    )
    b.zone(
        "arm-ulnar",
        "front",
        "spillover",
        "Little-finger side of the arm, elbow and forearm to the middle, ring and little fingers",
        "Pinkzijde van arm, elleboog en onderarm tot middelvinger, ringvinger en pink",
        unary_union(
            [
                _arm_band(b, "front", [(0.47, -2.6), (1.0, -2.5), (1.96, -1.6)], 0.75),
                _hand_ulnar(b, "front", ("middle", "ring", "little"), 1.0),
                _digits(b, "front", ("middle", "ring", "little"), 0.55),
            ]
        ),
    )
    b.trigger_point(
        "tp-upper",
        "front",
        *coracoid.at(-3.4, -3.4),
        "Pectoralis minor, below the coracoid process",
        "Pectoralis minor, onder het ravenbeksuitsteeksel (processus coracoideus)",
    )
    b.trigger_point(
        "tp-lower",
        "front",
        *coracoid.at(-5.6, -8.2),
        "Pectoralis minor, near its attachment to the ribs",
        "Pectoralis minor, bij de aanhechting aan de ribben",
    )
    return {
        "names": {"en": "Pectoralis minor", "nl": "Kleine borstspier (pectoralis minor)"},
        "summary": {
            "en": "Trigger points in the pectoralis minor refer pain mainly to the front of the "
            "shoulder, sometimes over the upper chest and down the little-finger side of the "
            "arm to the middle, ring and little fingers, on the same side.",
            "nl": "Triggerpoints in de kleine borstspier geven pijn vooral aan de voorkant van "
            "de schouder, soms over het bovenste deel van de borst en langs de pinkzijde van de "
            "arm tot middelvinger, ringvinger en pink, aan dezelfde kant.",
        },
        "credit": CREDIT,
        "sources": [_vol1("Pectoralis minor muscle"), _third("pectoralis minor muscle")],
    }


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "middle-trapezius": middle_trapezius,
    "lower-trapezius": lower_trapezius,
    "rhomboids": rhomboids,
    "supraspinatus": supraspinatus,
    "infraspinatus": infraspinatus,
    "teres-minor": teres_minor,
    "teres-major": teres_major,
    "subscapularis": subscapularis,
    "deltoid": deltoid,
    "latissimus-dorsi": latissimus_dorsi,
    "serratus-anterior": serratus_anterior,
    "serratus-posterior-superior": serratus_posterior_superior,
    "pectoralis-major": pectoralis_major,
    "pectoralis-minor": pectoralis_minor,
}
