"""Arm, forearm and hand referral patterns (part of issue 11), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder` and returns the pattern's metadata, exactly
like the patterns in ``make_patterns.py`` and ``patterns_lower.py``.  Zones are placed relative
to chart landmarks, through two frames built from them, so a change of the chart moves them:

* the **arm frame** (:func:`_arm`): origin at the elbow crease (``elbow``), ``s`` cm along the
  straight arm axis towards the wrist crease (``wrist``; negative ``s`` runs up the upper arm
  towards the shoulder), ``v`` cm across it, positive towards the lateral epicondyle;
* **finger strips** (:func:`_finger`): a band from a finger's base (the level of the webs, a
  pending landmark below) to its tip landmark, clipped to the outline and kept to the one
  finger.

Anatomical position, palms forward: the FRONT view shows the front of the arm, the antecubital
fossa, the volar (flexor) forearm and the palm; the BACK view the back of the arm, the
olecranon, the dorsal (extensor) forearm and the back of the hand.  The thumb is LATERAL in
both views.  Frame: FRONT view patient-left is x > 0 (the left thumb at the largest x), BACK
view patient-left is x < 0 (the left thumb at the most negative x); every pattern is drawn for
the patient's LEFT side.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from make_patterns import (
    CREDIT_VOL1,
    Builder,
    Landmark,
    _third,
    _vol1,
    band,
    ellipse,
    mirrored,
)
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

#: The hand landmarks of the front view (the one table of them: ``patterns_shoulder`` uses its
#: digit bases too) (patient's left, x > 0), measured on the current chart
#: (the digit bases are the web-level centres of ``HAND_DIGITS`` in ``make_chart.py``); the
#: back view has the same silhouette mirrored (x -> -x), the thumb lateral in both.
HAND_FRONT = {
    # Base of each digit: the centre of the digit at the level of the webs, where it leaves
    # the palm (for the thumb: where it leaves the thenar eminence, over the MCP joint).
    "thumb-base-left": (42.17, 80.83),
    "index-base-left": (41.07, 76.58),
    "middle-base-left": (38.9, 76.21),
    "ring-base-left": (36.7, 76.03),
    "little-base-left": (34.59, 76.18),
    # The first web space: the soft fold between the thumb and the index finger, just
    # proximal to the notch between them (first dorsal interosseous / adductor pollicis).
    "first-web-left": (41.1, 79.6),
    # The base of the thumb over the first carpometacarpal joint.
    "thumb-cmc-left": (40.6, 83.6),
}
_HAND_BACK = {
    # The anatomical snuffbox: on the back of the radial wrist, between the wrist crease and
    # the base of the thumb (only a back-view landmark).
    "anatomical-snuffbox-left": (-40.1, 85.5),
}

#: Landmarks used here that the chart file does not define (cm, measured on the current
#: outline; each lies inside it, at the site a clinician palpates in that view).  The chart
#: file's value replaces one of these as soon as the chart defines it.
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {
    "front": mirrored(dict(HAND_FRONT)),
    "back": mirrored({**{k: (-x, y) for k, (x, y) in HAND_FRONT.items()}, **_HAND_BACK}),
}

# --------------------------------------------------------------------------------------
# Frames and shapes on the arm and hand
# --------------------------------------------------------------------------------------


def _unit(dx: float, dy: float) -> tuple[float, float]:
    n = math.hypot(dx, dy)
    return dx / n, dy / n


def _arm_axes(b: Builder, view: str) -> tuple[Landmark, tuple[float, float], tuple[float, float]]:
    """Origin (elbow crease), unit vector down the arm, unit vector towards the lateral side."""
    elbow, wrist = b.lm(view, "elbow-left"), b.lm(view, "wrist-left")
    epi = b.lm(view, "lateral-epicondyle-left")
    d = _unit(wrist.x - elbow.x, wrist.y - elbow.y)
    n = (-d[1], d[0])
    if n[0] * (epi.x - elbow.x) + n[1] * (epi.y - elbow.y) < 0:
        n = (d[1], -d[0])
    return elbow, d, n


def _arm(b: Builder, view: str, s: float, v: float = 0.0) -> tuple[float, float]:
    """A point of the left arm: ``s`` cm from the elbow crease along the arm axis (towards the
    wrist; negative up the upper arm), ``v`` cm towards the lateral (thumb) side."""
    o, d, n = _arm_axes(b, view)
    return (round(o.x + s * d[0] + v * n[0], 2), round(o.y + s * d[1] + v * n[1], 2))


def _arm_band(b: Builder, view: str, stations: list[tuple[float, float]], hw: float) -> Polygon:
    """A band of half-width ``hw`` through arm-frame points ``(s, v)``."""
    return band([_arm(b, view, s, v) for s, v in stations], hw)


def _arm_ellipse(
    b: Builder, view: str, s: float, v: float, along: float, across: float
) -> BaseGeometry:
    """An ellipse centred on arm-frame point (s, v), ``along`` the arm axis and ``across`` it."""
    _, d, _ = _arm_axes(b, view)
    x, y = _arm(b, view, s, v)
    angle = math.degrees(math.atan2(d[1], d[0]))
    return ellipse(x, y, along, across, angle=angle)


def _at(b: Builder, view: str, name: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
    """Landmark ``name`` shifted ``dx`` cm towards the patient's LEFT-side lateral direction
    (+x in the front view, -x in the back view) and ``dy`` cm up."""
    sign = 1.0 if view == "front" else -1.0
    return b.lm(view, name).at(sign * dx, dy)


def _finger(
    b: Builder,
    view: str,
    digit: str,
    start: float = 0.0,
    end: float = 1.0,
    hw: float = 0.95,
    shift: float = 0.0,
) -> BaseGeometry:
    """One digit of the left hand, from a fraction ``start`` to ``end`` of the way from its base
    (``DIGIT-base``) to its tip (``DIGIT-tip``; ``end`` 1 runs on round the tip), as a strip of
    half-width ``hw`` shifted ``shift`` cm towards the thumb side, clipped to the outline and
    kept to the part of the outline that holds the digit (never a neighbouring finger)."""
    base, tip = b.lm(view, f"{digit}-base-left"), b.lm(view, f"{digit}-tip-left")
    length = math.hypot(tip.x - base.x, tip.y - base.y)
    d = _unit(tip.x - base.x, tip.y - base.y)
    thumb, wrist = b.lm(view, "thumb-tip-left"), b.lm(view, "wrist-left")
    n = (-d[1], d[0])  # towards the thumb side of the hand
    if n[0] * (thumb.x - wrist.x) + n[1] * (thumb.y - wrist.y) < 0:
        n = (d[1], -d[0])

    def axis(t: float) -> tuple[float, float]:
        return (base.x + d[0] * t + n[0] * shift, base.y + d[1] * t + n[1] * shift)

    stop = length * end + (1.5 if end >= 1.0 else 0.0)  # past the tip: the outline rounds it
    strip = LineString([axis(length * start), axis(stop)]).buffer(hw, cap_style="flat")
    mid = Point(axis(length * (start + end) / 2))
    clipped = strip.intersection(b.inside(view))
    parts = [g for g in getattr(clipped, "geoms", [clipped]) if g.area > 0]
    if not parts or min(g.distance(mid) for g in parts) > 0:
        raise ValueError(f"no {digit} strip in the {view} view")
    return min(parts, key=lambda g: g.distance(mid))


# --------------------------------------------------------------------------------------
# Upper arm
# --------------------------------------------------------------------------------------


def biceps_brachii(b: Builder) -> dict[str, Any]:
    """Biceps brachii (Simons, Travell & Simons vol. 1, 2nd ed., biceps brachii muscle).

    Described pattern: trigger points in the distal part of both heads refer pain upward over
    the muscle to the front of the shoulder (the anterior deltoid region, over the bicipital
    groove); a milder ache may be felt in the antecubital space (the crook of the elbow); pain
    sometimes skips to the suprascapular region (spillover, on the back).
    """
    b.zone(
        "shoulder-front",
        "front",
        "essential",
        "Front of the shoulder (anterior deltoid region)",
        "Voorzijde van de schouder (voorste deltaspier)",
        ellipse(*_at(b, "front", "acromion-left", 2.7, -5.8), 2.3, 3.6, angle=-12),
    )
    b.zone(
        "arm-front",
        "front",
        "essential",
        "Over the biceps, front of the upper arm",
        "Over de biceps, voorzijde van de bovenarm",
        _arm_band(b, "front", [(-20.5, 0.3), (-15.5, 0.0), (-12.0, 0.0)], 1.45),
        minus=("shoulder-front",),
    )
    b.zone(
        "antecubital",
        "front",
        "essential",
        "Crook of the elbow (antecubital space)",
        "Elleboogplooi",
        _arm_ellipse(b, "front", 0.2, 0.0, 1.2, 1.7),
    )
    b.zone(
        "suprascapular",
        "back",
        "spillover",
        "Above the shoulder blade (suprascapular region)",
        "Boven het schouderblad (supraspinale streek)",
        ellipse(*_at(b, "back", "spine-of-scapula-left", -0.5, 2.0), 3.0, 1.25, angle=4),
    )
    b.trigger_point(
        "tp-long-head",
        "front",
        *_arm(b, "front", -5.4, 1.3),
        "Long head, lower third of the biceps",
        "Lange kop, onderste derde van de biceps",
    )
    b.trigger_point(
        "tp-short-head",
        "front",
        *_arm(b, "front", -7.9, -1.3),
        "Short head, lower third of the biceps",
        "Korte kop, onderste derde van de biceps",
    )
    return {
        "names": {"en": "Biceps brachii", "nl": "Biceps brachii"},
        "summary": {
            "en": "Trigger points low in the biceps refer pain up over the muscle to the front "
            "of the shoulder, and a milder ache to the crook of the elbow; sometimes pain is "
            "felt above the shoulder blade, on the same side.",
            "nl": "Triggerpoints onder in de biceps geven pijn omhoog over de spier naar de "
            "voorzijde van de schouder, en een lichtere pijn in de elleboogplooi; soms voelt men "
            "pijn boven het schouderblad, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [_vol1("Biceps brachii muscle"), _third("biceps brachii muscle")],
    }


def triceps_brachii(b: Builder) -> dict[str, Any]:
    """Triceps brachii (Simons, Travell & Simons vol. 1, 2nd ed., triceps brachii muscle).

    Drawn from four of the described trigger points, by head:

    * long head (TrP1, mid-belly): pain up the back of the arm to the back of the shoulder,
      sometimes to the base of the neck (spillover), and down the back of the forearm, skipping
      the elbow (spillover);
    * medial head, lateral border (TrP2, just above the lateral epicondyle): the lateral
      epicondyle (part of "tennis elbow");
    * lateral head (TrP3, middle of the outer arm): the back of the arm, sometimes the back of
      the forearm and the fourth and fifth fingers (spillover, dorsal side);
    * deep medial head (TrP4, just above the olecranon): the olecranon;
    * medial head, medial border (TrP5, just above the medial epicondyle): the medial
      epicondyle (part of "golfer's elbow").  Its occasional spread to the palm side of the
      fourth and fifth fingers is not drawn (the pattern stays on the back view).
    """
    b.zone(
        "arm-back",
        "back",
        "essential",
        "Back of the upper arm, up to the back of the shoulder",
        "Achterzijde van de bovenarm, tot achter op de schouder",
        band(
            [
                _arm(b, "back", -6.0, 0.2),
                _arm(b, "back", -13.0, 0.4),
                _arm(b, "back", -19.0, 0.9),
                _at(b, "back", "acromion-left", 2.4, -5.0),
            ],
            1.9,
        ),
    )
    b.zone(
        "lateral-epicondyle",
        "back",
        "essential",
        "Outer elbow (lateral epicondyle)",
        "Buitenkant van de elleboog (laterale epicondyl)",
        _arm_ellipse(b, "back", -1.0, 2.6, 1.7, 1.3),
    )
    b.zone(
        "olecranon",
        "back",
        "essential",
        "Point of the elbow (olecranon)",
        "Elleboogpunt (olecranon)",
        ellipse(*_at(b, "back", "olecranon-left", -0.5, -0.2), 1.35, 1.45),
        minus=("lateral-epicondyle",),
    )
    b.zone(
        "medial-epicondyle",
        "back",
        "essential",
        "Inner elbow (medial epicondyle)",
        "Binnenkant van de elleboog (mediale epicondyl)",
        ellipse(*_at(b, "back", "medial-epicondyle-left", -0.2, 0.0), 1.4, 1.3),
        minus=("olecranon",),
    )
    b.zone(
        "forearm-back",
        "back",
        "spillover",
        "Back of the forearm",
        "Achterzijde van de onderarm",
        _arm_band(b, "back", [(4.0, -0.2), (13.0, -0.4), (20.0, -0.6)], 1.3),
        minus=("medial-epicondyle",),
    )
    b.zone(
        "ring-finger-back",
        "back",
        "spillover",
        "Back of the ring finger",
        "Rugzijde van de ringvinger",
        _finger(b, "back", "ring", 0.0, 1.0, hw=0.9),
    )
    b.zone(
        "little-finger-back",
        "back",
        "spillover",
        "Back of the little finger",
        "Rugzijde van de pink",
        _finger(b, "back", "little", 0.0, 1.0, hw=0.85),
    )
    b.zone(
        "neck-base",
        "back",
        "spillover",
        "Base of the neck (upper trapezius)",
        "Onderkant van de nek (bovenste trapezius)",
        ellipse(*b.lm("back", "c7").at(-8.0, -4.9), 2.2, 1.0, angle=-6),
    )
    b.trigger_point(
        "tp-1",
        "back",
        *_arm(b, "back", -15.5, -1.2),
        "Long head, middle of the back of the arm (TrP1)",
        "Lange kop, midden van de achterzijde van de bovenarm (TrP1)",
    )
    b.trigger_point(
        "tp-2",
        "back",
        *_arm(b, "back", -6.6, 2.6),
        "Medial head, above the lateral epicondyle (TrP2)",
        "Mediale kop, boven de laterale epicondyl (TrP2)",
    )
    b.trigger_point(
        "tp-3",
        "back",
        *_arm(b, "back", -11.5, 2.6),
        "Lateral head, middle of the outer arm (TrP3)",
        "Laterale kop, midden van de buitenzijde van de bovenarm (TrP3)",
    )
    b.trigger_point(
        "tp-4",
        "back",
        *_arm(b, "back", -4.2, -1.9),
        "Deep medial head, just above the olecranon (TrP4)",
        "Diepe mediale kop, net boven het olecranon (TrP4)",
    )
    b.trigger_point(
        "tp-5",
        "back",
        *_at(b, "back", "medial-epicondyle-left", 0.3, 2.6),
        "Medial head, medial border, just above the medial epicondyle (TrP5)",
        "Mediale kop, mediale rand, net boven de mediale epicondyl (TrP5)",
    )
    return {
        "names": {"en": "Triceps brachii", "nl": "Triceps brachii"},
        "summary": {
            "en": "Trigger points in the triceps refer pain up the back of the arm to the back "
            "of the shoulder, to the outer and inner elbow and the point of the elbow; sometimes "
            "down the back of the forearm to the ring and little fingers, or to the base of the "
            "neck, on the same side.",
            "nl": "Triggerpoints in de triceps geven pijn omhoog langs de achterzijde van de arm "
            "tot achter op de schouder, aan de buiten- en binnenkant van de elleboog en in de "
            "elleboogpunt; soms langs de achterzijde van de onderarm tot de ringvinger en pink, "
            "of onder in de nek, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [
            _vol1("Triceps brachii muscle (and anconeus)"),
            _third("triceps brachii and anconeus muscles"),
        ],
        "revisions": [
            {
                "change": "Added the medial epicondyle (essential), with the trigger point on "
                "the medial border of the medial head just above the medial epicondyle (TrP5).",
                "reason": "Clinical review against Travell & Simons (issue 26): the medial-"
                "epicondyle zone of the medial head's medial-border trigger point was missing.",
            }
        ],
    }


def brachialis(b: Builder) -> dict[str, Any]:
    """Brachialis (Simons, Travell & Simons vol. 1, 2nd ed., brachialis muscle).

    Described pattern: trigger points in the distal brachialis, a few centimetres above the
    elbow crease, refer pain chiefly to the base of the thumb on the back of the hand (over
    the first carpometacarpal joint and the adjacent web) and to the thenar eminence; spillover
    to the antecubital space and the lower front of the upper arm.
    """
    b.zone(
        "thumb-base-back",
        "back",
        "essential",
        "Base of the thumb, back of the hand",
        "Basis van de duim, handrug",
        ellipse(*_at(b, "back", "thumb-cmc-left", 0.0, -0.6), 1.4, 2.2, angle=-28),
    )
    thenar = b.lm("front", "thenar-left")
    b.zone(
        "thenar",
        "front",
        "essential",
        "Ball of the thumb (thenar eminence)",
        "Duimmuis",
        ellipse(thenar.x + 0.3, thenar.y - 0.2, 1.35, 2.1, angle=28),
    )
    b.zone(
        "antecubital",
        "front",
        "spillover",
        "Crook of the elbow and the lower front of the upper arm",
        "Elleboogplooi en onderste deel van de voorzijde van de bovenarm",
        _arm_ellipse(b, "front", -1.8, 0.2, 3.0, 2.2),
    )
    b.trigger_point(
        "tp-lateral",
        "front",
        *_arm(b, "front", -7.4, 2.2),
        "Distal brachialis, beside the biceps tendon (outer side)",
        "Distale brachialis, naast de bicepspees (buitenzijde)",
    )
    b.trigger_point(
        "tp-medial",
        "front",
        *_arm(b, "front", -10.5, -2.0),
        "Brachialis, higher on the inner side",
        "Brachialis, hoger aan de binnenzijde",
    )
    return {
        "names": {"en": "Brachialis", "nl": "Brachialis"},
        "summary": {
            "en": "Trigger points low in the brachialis, just above the elbow, refer pain to the "
            "base of the thumb on the back of the hand and to the ball of the thumb, sometimes to "
            "the crook of the elbow, on the same side.",
            "nl": "Triggerpoints onder in de brachialis, net boven de elleboog, geven pijn aan de "
            "basis van de duim op de handrug en in de duimmuis, soms in de elleboogplooi, aan "
            "dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [_vol1("Brachialis muscle"), _third("brachialis muscle")],
    }


# --------------------------------------------------------------------------------------
# Forearm: the muscles from the lateral epicondyle.  They share the outer elbow; the
# sources tell them apart by their distal zones, and so does the geometry below:
#   supinator       - a large zone at the lateral epicondyle and lateral elbow; the dorsal
#                     web of the thumb (the fold itself);
#   brachioradialis - a small zone at the epicondyle; the back of the wrist and the base of
#                     the thumb up to the web, on the radial side; the radial forearm between;
#   ECRL            - the epicondyle and the bone just above it; the back of the hand beside
#                     the anatomical snuffbox (over the bases of the second and third
#                     metacarpals), not on the thumb;
#   extensor digit. - the back of the forearm, the back of the hand and the middle finger.
# --------------------------------------------------------------------------------------

HAND_EXTENSORS_1 = _vol1("Hand extensor and brachioradialis muscles")
HAND_EXTENSORS_3 = _third("hand extensor and brachioradialis muscles")


def brachioradialis(b: Builder) -> dict[str, Any]:
    """Brachioradialis (Simons, Travell & Simons vol. 1, 2nd ed., hand extensor and
    brachioradialis muscles).

    Described pattern: a trigger point in the belly of the muscle, a few centimetres below the
    elbow, refers pain to the wrist and the base of the thumb, to the web between the thumb and
    the index finger on the back of the hand, and to the lateral epicondyle; the radial side of
    the forearm between them may ache too (spillover).
    """
    b.zone(
        "lateral-epicondyle",
        "back",
        "essential",
        "Outer elbow (lateral epicondyle)",
        "Buitenkant van de elleboog (laterale epicondyl)",
        _arm_ellipse(b, "back", -0.9, 2.6, 1.5, 1.15),
    )
    wrist = b.lm("back", "wrist-left")
    b.zone(
        "thumb-web-back",
        "back",
        "essential",
        "Back of the wrist and the base of the thumb, to the web of the thumb",
        "Rugzijde van de pols en de basis van de duim, tot de huidplooi tussen duim en wijsvinger",
        band(
            [
                (wrist.x - 1.3, wrist.y + 0.4),
                _at(b, "back", "anatomical-snuffbox-left", -0.2, -0.4),
                _at(b, "back", "thumb-cmc-left", -0.2, -0.6),
                _at(b, "back", "first-web-left", 0.0, 0.1),
            ],
            0.95,
        ),
    )
    b.zone(
        "forearm-radial",
        "back",
        "spillover",
        "Thumb side of the forearm",
        "Duimzijde van de onderarm",
        _arm_band(b, "back", [(6.5, 2.5), (12.0, 2.4), (18.5, 2.0)], 0.95),
        minus=("lateral-epicondyle", "thumb-web-back"),
    )
    b.trigger_point(
        "tp",
        "back",
        *_arm(b, "back", 3.2, 2.6),
        "Brachioradialis, a few centimetres below the outer elbow",
        "Brachioradialis, enkele centimeters onder de buitenkant van de elleboog",
    )
    return {
        "names": {"en": "Brachioradialis", "nl": "Brachioradialis"},
        "summary": {
            "en": "Trigger points in the brachioradialis refer pain to the back of the wrist and "
            "the base of the thumb up to the web between thumb and index finger, and to the outer "
            "elbow, sometimes along the thumb side of the forearm, on the same side.",
            "nl": "Triggerpoints in de brachioradialis geven pijn aan de rugzijde van de pols en "
            "de basis van de duim tot in de huidplooi tussen duim en wijsvinger, en aan de "
            "buitenkant van de elleboog, soms langs de duimzijde van de onderarm, aan dezelfde "
            "kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [HAND_EXTENSORS_1, HAND_EXTENSORS_3],
    }


def extensor_carpi_radialis_longus(b: Builder) -> dict[str, Any]:
    """Extensor carpi radialis longus (vol. 1, 2nd ed., hand extensor and brachioradialis
    muscles).

    Described pattern: a trigger point high in the muscle, near the elbow, refers pain to the
    lateral epicondyle and to the back of the hand next to the anatomical snuffbox (over the
    bases of the second and third metacarpals); the back of the forearm between them may ache
    (spillover).
    """
    b.zone(
        "lateral-epicondyle",
        "back",
        "essential",
        "Outer elbow (lateral epicondyle), and just above it",
        "Buitenkant van de elleboog (laterale epicondyl), en net daarboven",
        _arm_ellipse(b, "back", -2.0, 2.6, 2.2, 1.0),
    )
    hand = b.between("back", "anatomical-snuffbox-left", "middle-base-left", 0.33)
    b.zone(
        "hand-back-radial",
        "back",
        "essential",
        "Back of the hand beside the anatomical snuffbox",
        "Handrug naast de tabatière",
        ellipse(hand[0] + 0.6, hand[1] + 0.2, 1.25, 1.7, angle=-14),
    )
    b.zone(
        "forearm-back-radial",
        "back",
        "spillover",
        "Back of the forearm, thumb side",
        "Rugzijde van de onderarm, duimzijde",
        _arm_band(b, "back", [(4.6, 1.6), (12.0, 1.2), (20.0, 0.9)], 0.95),
        minus=("lateral-epicondyle", "hand-back-radial"),
    )
    b.trigger_point(
        "tp",
        "back",
        *_arm(b, "back", 1.9, 2.0),
        "Extensor carpi radialis longus, just below the outer elbow",
        "Extensor carpi radialis longus, net onder de buitenkant van de elleboog",
    )
    return {
        "names": {
            "en": "Extensor carpi radialis longus",
            "nl": "Extensor carpi radialis longus",
        },
        "summary": {
            "en": "Trigger points in the long radial wrist extensor, just below the elbow, refer "
            "pain to the outer elbow and to the back of the hand beside the anatomical snuffbox, "
            "sometimes along the back of the forearm, on the same side.",
            "nl": "Triggerpoints in de lange radiale polsstrekker, net onder de elleboog, geven "
            "pijn aan de buitenkant van de elleboog en op de handrug naast de tabatière, soms "
            "langs de rugzijde van de onderarm, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [HAND_EXTENSORS_1, HAND_EXTENSORS_3],
    }


def extensor_digitorum(b: Builder) -> dict[str, Any]:
    """Extensor digitorum (vol. 1, 2nd ed., finger extensors: extensor digitorum and extensor
    indicis).

    Described pattern: each part of the muscle refers pain down the back of the forearm and
    over the back of the wrist and hand into the finger it moves, not quite to the tip.  Drawn
    for the most common one, the middle-finger extensor (trigger point 3-4 cm below the lateral
    epicondyle): essential zones on the back of the forearm, the back of the hand and the back
    of the middle finger (to the middle joint of the finger, short of the nail); the
    ring-finger extensor's finger as spillover, and the lateral elbow, which these trigger
    points can also make ache.
    """
    b.zone(
        "forearm-back",
        "back",
        "essential",
        "Back of the forearm",
        "Rugzijde van de onderarm",
        _arm_band(b, "back", [(8.0, 0.3), (15.0, 0.0), (22.0, 0.0)], 1.25),
    )
    b.zone(
        "hand-back",
        "back",
        "essential",
        "Back of the hand, down to the middle finger",
        "Handrug, tot aan de middelvinger",
        band(
            [
                b.between("back", "wrist-left", "middle-base-left", 0.3),
                b.between("back", "wrist-left", "middle-base-left", 0.86),
            ],
            1.25,
        ),
        minus=("forearm-back",),
    )
    b.zone(
        "middle-finger-back",
        "back",
        "essential",
        "Back of the middle finger",
        "Rugzijde van de middelvinger",
        _finger(b, "back", "middle", 0.0, 0.72, hw=0.95),
        minus=("hand-back",),
    )
    b.zone(
        "ring-finger-back",
        "back",
        "spillover",
        "Back of the ring finger",
        "Rugzijde van de ringvinger",
        _finger(b, "back", "ring", 0.0, 0.7, hw=0.9),
        minus=("hand-back",),
    )
    b.zone(
        "lateral-elbow",
        "back",
        "spillover",
        "Outer elbow",
        "Buitenkant van de elleboog",
        _arm_ellipse(b, "back", -0.6, 2.6, 1.3, 1.0),
    )
    b.trigger_point(
        "tp-middle",
        "back",
        *_arm(b, "back", 3.0, 1.2),
        "Middle-finger extensor, 3-4 cm below the lateral epicondyle",
        "Strekker van de middelvinger, 3-4 cm onder de laterale epicondyl",
    )
    b.trigger_point(
        "tp-ring",
        "back",
        *_arm(b, "back", 4.6, -1.8),
        "Ring-finger extensor, a little lower and further in",
        "Strekker van de ringvinger, iets lager en meer naar binnen",
    )
    return {
        "names": {"en": "Extensor digitorum", "nl": "Extensor digitorum"},
        "summary": {
            "en": "Trigger points in the finger extensor below the elbow refer pain down the back "
            "of the forearm and the back of the hand into the finger they move, most often the "
            "middle finger, sometimes the ring finger or the outer elbow, on the same side.",
            "nl": "Triggerpoints in de vingerstrekker onder de elleboog geven pijn langs de "
            "rugzijde van de onderarm en over de handrug tot in de vinger die ze bewegen, meestal "
            "de middelvinger, soms de ringvinger of de buitenkant van de elleboog, aan dezelfde "
            "kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [
            _vol1("Finger extensors: extensor digitorum and extensor indicis"),
            _third("finger extensor muscles (extensor digitorum and extensor indicis)"),
        ],
    }


def supinator(b: Builder) -> dict[str, Any]:
    """Supinator (Simons, Travell & Simons vol. 1, 2nd ed., supinator muscle).

    Described pattern: trigger points in the supinator, just below and in front of the lateral
    epicondyle, refer pain chiefly to the lateral epicondyle and the lateral side of the elbow
    ("tennis elbow"), frequently to the back of the web of the thumb; with stronger pain over
    the back of the upper forearm (spillover).
    """
    b.zone(
        "lateral-elbow",
        "back",
        "essential",
        "Outer elbow (lateral epicondyle and the side of the elbow)",
        "Buitenkant van de elleboog (laterale epicondyl en zijkant)",
        _arm_ellipse(b, "back", 0.3, 2.45, 2.6, 1.35),
    )
    web = b.lm("back", "first-web-left")
    b.zone(
        "thumb-web-back",
        "back",
        "essential",
        "Back of the web of the thumb",
        "Rugzijde van de huidplooi tussen duim en wijsvinger",
        ellipse(web.x + 0.2, web.y - 0.1, 1.15, 1.6, angle=25),
    )
    b.zone(
        "forearm-back-upper",
        "back",
        "spillover",
        "Back of the upper forearm",
        "Rugzijde van het bovenste deel van de onderarm",
        _arm_band(b, "back", [(4.5, 1.2), (10.5, 0.6)], 1.15),
        minus=("lateral-elbow",),
    )
    b.trigger_point(
        "tp",
        "front",
        *_arm(b, "front", 2.2, 2.0),
        "Supinator, just below the outer elbow, beside the biceps tendon",
        "Supinator, net onder de buitenkant van de elleboog, naast de bicepspees",
    )
    return {
        "names": {"en": "Supinator", "nl": "Supinator"},
        "summary": {
            "en": "Trigger points in the supinator refer pain to the outer elbow (a cause of "
            '"tennis elbow") and often to the back of the web of the thumb, sometimes over the '
            "back of the upper forearm, on the same side.",
            "nl": "Triggerpoints in de supinator geven pijn aan de buitenkant van de elleboog "
            '(een oorzaak van een "tenniselleboog") en vaak op de rugzijde van de huidplooi '
            "tussen duim en wijsvinger, soms over de rugzijde van het bovenste deel van de "
            "onderarm, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [_vol1("Supinator muscle"), _third("supinator muscle")],
    }


def wrist_finger_flexors(b: Builder) -> dict[str, Any]:
    """Wrist and finger flexors of the forearm, one pattern (vol. 1, 2nd ed., hand and finger
    flexors in the forearm).

    Drawn from three of the described muscles: the radial wrist flexor (pain centred on the
    volar wrist crease, radial side), the ulnar wrist flexor (the ulnar side of the volar
    wrist), and the superficial and deep finger flexors, whose pain shoots along the palm side
    of the finger they move, out past its tip - drawn for the middle and the ring finger, the
    fingers the sources show most often (radial and ulnar heads).  Spillover: the palm between
    the thenar and hypothenar eminences and the lower volar forearm.  Not drawn: the long
    thumb flexor (the palm side of the thumb) and the pronator teres.
    """
    b.zone(
        "wrist-volar",
        "front",
        "essential",
        "Palm side of the wrist",
        "Handpalmzijde van de pols",
        _arm_band(b, "front", [(24.6, 2.0), (24.8, -1.9)], 1.0),
    )
    b.zone(
        "middle-finger-volar",
        "front",
        "essential",
        "Palm side of the middle finger, to the tip",
        "Handpalmzijde van de middelvinger, tot in de top",
        _finger(b, "front", "middle", 0.0, 1.0, hw=0.95),
    )
    b.zone(
        "ring-finger-volar",
        "front",
        "essential",
        "Palm side of the ring finger, to the tip",
        "Handpalmzijde van de ringvinger, tot in de top",
        _finger(b, "front", "ring", 0.0, 1.0, hw=0.9),
    )
    palm = b.between("front", "wrist-left", "middle-base-left", 0.6)
    b.zone(
        "palm",
        "front",
        "spillover",
        "Middle of the palm",
        "Midden van de handpalm",
        ellipse(palm[0] - 0.4, palm[1], 1.6, 2.5, angle=8),
        minus=("wrist-volar", "middle-finger-volar", "ring-finger-volar"),
    )
    b.zone(
        "forearm-volar",
        "front",
        "spillover",
        "Lower palm side of the forearm",
        "Onderste deel van de handpalmzijde van de onderarm",
        _arm_band(b, "front", [(13.0, 0.0), (21.5, 0.1)], 1.3),
        minus=("wrist-volar",),
    )
    b.trigger_point(
        "tp-radial",
        "front",
        *_arm(b, "front", 8.0, 1.6),
        "Radial wrist flexor, upper forearm",
        "Radiale polsbuiger, bovenste deel van de onderarm",
    )
    b.trigger_point(
        "tp-ulnar",
        "front",
        *_arm(b, "front", 9.5, -2.2),
        "Ulnar wrist flexor, upper forearm",
        "Ulnaire polsbuiger, bovenste deel van de onderarm",
    )
    b.trigger_point(
        "tp-fingers",
        "front",
        *_arm(b, "front", 4.5, -0.8),
        "Finger flexors, upper forearm",
        "Vingerbuigers, bovenste deel van de onderarm",
    )
    return {
        "names": {"en": "Wrist and finger flexors", "nl": "Pols- en vingerbuigers"},
        "summary": {
            "en": "Trigger points in the wrist and finger flexors of the forearm refer pain to "
            "the palm side of the wrist and along the palm side of the fingers they move, out "
            "past the tip (most often the middle and ring fingers), sometimes to the palm and "
            "the lower forearm, on the same side.",
            "nl": "Triggerpoints in de pols- en vingerbuigers van de onderarm geven pijn aan de "
            "handpalmzijde van de pols en langs de handpalmzijde van de vingers die ze bewegen, "
            "tot voorbij de top (meestal de middel- en ringvinger), soms in de handpalm en het "
            "onderste deel van de onderarm, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [
            _vol1("Hand and finger flexors in the forearm"),
            _third("hand and finger flexor muscles in the forearm"),
        ],
    }


def first_dorsal_interosseous(b: Builder) -> dict[str, Any]:
    """First dorsal interosseous with the adductor pollicis, one pattern (vol. 1, 2nd ed.,
    interosseous muscles of the hand; adductor and opponens pollicis muscles).

    Drawn: the first dorsal interosseous refers pain strongly along the radial (thumb) side of
    the index finger, on the back and the palm side (essential, both views), and deep into the
    back of the hand and the palm at the web of the thumb (essential, both views); the
    adductor pollicis adds an ache along the thumb (spillover, palm side).
    """
    b.zone(
        "index-radial-back",
        "back",
        "essential",
        "Thumb side of the index finger (back)",
        "Duimzijde van de wijsvinger (rugzijde)",
        _finger(b, "back", "index", 0.0, 1.0, hw=0.6, shift=0.45),
    )
    b.zone(
        "index-radial-front",
        "front",
        "essential",
        "Thumb side of the index finger (palm side)",
        "Duimzijde van de wijsvinger (handpalmzijde)",
        _finger(b, "front", "index", 0.0, 1.0, hw=0.6, shift=0.45),
    )
    web_b = b.lm("back", "first-web-left")
    b.zone(
        "web-back",
        "back",
        "essential",
        "Back of the hand at the web of the thumb",
        "Handrug bij de huidplooi tussen duim en wijsvinger",
        ellipse(web_b.x + 0.9, web_b.y + 0.3, 1.25, 1.8, angle=-20),
        minus=("index-radial-back",),
    )
    web_f = b.lm("front", "first-web-left")
    b.zone(
        "web-palm",
        "front",
        "essential",
        "Palm at the web of the thumb",
        "Handpalm bij de huidplooi tussen duim en wijsvinger",
        ellipse(web_f.x - 0.7, web_f.y + 0.1, 1.1, 1.5, angle=20),
        minus=("index-radial-front",),
    )
    b.zone(
        "thumb-front",
        "front",
        "spillover",
        "Palm side of the thumb",
        "Handpalmzijde van de duim",
        _finger(b, "front", "thumb", 0.0, 1.0, hw=1.05),
        minus=("web-palm",),
    )
    b.trigger_point(
        "tp-interosseous",
        "back",
        *_at(b, "back", "first-web-left", -0.6, 0.9),
        "First dorsal interosseous, in the thumb web along the second metacarpal",
        "Eerste dorsale interosseus, in de huidplooi tussen duim en wijsvinger, langs het "
        "tweede middenhandsbeentje",
    )
    b.trigger_point(
        "tp-adductor",
        "front",
        *_at(b, "front", "first-web-left", -3.2, 0.3),
        "Adductor pollicis, deep in the palm towards the middle finger",
        "Adductor pollicis, diep in de handpalm richting de middelvinger",
    )
    return {
        "names": {
            "en": "First dorsal interosseous and adductor pollicis",
            "nl": "Eerste dorsale interosseus en adductor pollicis",
        },
        "summary": {
            "en": "Trigger points in the web of the thumb (first dorsal interosseous, adductor "
            "pollicis) refer pain along the thumb side of the index finger and deep into the hand "
            "at the web, on the back and in the palm, sometimes along the thumb, on the same side.",
            "nl": "Triggerpoints in de huidplooi tussen duim en wijsvinger (eerste dorsale "
            "interosseus, adductor pollicis) geven pijn langs de duimzijde van de wijsvinger en "
            "diep in de hand bij die huidplooi, op de handrug en in de handpalm, soms langs de "
            "duim, aan dezelfde kant.",
        },
        "credit": CREDIT_VOL1,
        "sources": [
            _vol1("Interosseous muscles of the hand"),
            _vol1("Adductor and opponens pollicis muscles"),
            _third("interosseous muscles of the hand"),
            _third("adductor and opponens pollicis muscles"),
        ],
        "revisions": [
            {
                "change": "The first dorsal interosseous trigger point moved from between the "
                "bases of the first two metacarpals into the thumb web, beside the shaft of the "
                "second metacarpal.",
                "reason": "Clinical review against Travell & Simons (issue 26): the trigger "
                "point lies in the web of the thumb along the radial side of the second "
                "metacarpal.",
            }
        ],
    }


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "biceps-brachii": biceps_brachii,
    "triceps-brachii": triceps_brachii,
    "brachialis": brachialis,
    "brachioradialis": brachioradialis,
    "extensor-carpi-radialis-longus": extensor_carpi_radialis_longus,
    "extensor-digitorum": extensor_digitorum,
    "supinator": supinator,
    "wrist-finger-flexors": wrist_finger_flexors,
    "first-dorsal-interosseous": first_dorsal_interosseous,
}
