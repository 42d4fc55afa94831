"""Head and neck referral patterns (part of issue 11), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder` and returns the pattern's metadata, exactly
like the patterns in ``make_patterns.py`` and ``patterns_lower.py``.  Zones are placed
relative to chart landmarks (``b.lm(view, name)``, ``b.between(...)``), so a change of the
chart moves them; the landmarks the chart file does not define (the eye, ear, cheek, the
occiput, the angle of the neck, the bases of the thumb and index finger, ...) are in
:data:`PENDING_LANDMARKS`.

Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; every pattern is
drawn for the patient's LEFT side (the sternocleidomastoid's frontal headache, which can
spread to both sides when severe, is drawn on the same side only).

The chart's face has no features, so the face zones are placed by proportion (pending
landmarks measured on the current head: chin 151, vertex 175): the eye at about y 163, the
eyebrow 165 (level with the ``temple`` landmark), the cheekbone 159, the upper teeth 156.4,
the ear at the side of the head from about y 158.5 to 164.  Each head zone is kept small and
centred where the sources put it, so that the patterns that all reach the temple (upper
trapezius, temporalis, semispinalis capitis) or the eye (sternocleidomastoid, splenius
cervicis, suboccipital muscles) stay apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from make_patterns import (
    CREDIT_VOL1,
    TS_VOL1,
    Builder,
    Landmark,
    _third,
    band,
    ellipse,
    mirrored,
)
from shapely.geometry import Polygon, box

#: Landmarks used here that the chart file does not define (cm, measured on the current
#: outline; each lies inside it, at least 0.3 cm, at the site a clinician palpates or points
#: to in that view).  The chart file's value replaces one of these as soon as the chart
#: defines it.  The digit bases are the centre of the thumb and of the index finger where
#: the digit leaves the palm (level with its web).
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {
    "front": mirrored(
        {
            "forehead-left": (3.0, 168.6),
            "eyebrow-left": (3.4, 165.2),
            "eye-left": (3.2, 163.3),
            "ear-left": (7.1, 161.0),
            "tmj-left": (6.3, 159.8),
            "cheek-left": (4.4, 159.3),
            "upper-teeth-left": (2.4, 156.4),
            "angle-of-neck-left": (5.9, 147.2),
        }
    ),
    "back": mirrored(
        {
            "occiput": (0.0, 160.8),
            "ear-left": (-7.1, 161.0),
            "angle-of-neck-left": (-5.9, 147.2),
        }
    ),
}


def _vol1(chapter: int, title: str) -> str:
    return f"{TS_VOL1} Chapter {chapter}: {title}."


def _credit1(chapter: int) -> str:
    return f"{CREDIT_VOL1}, ch. {chapter}"


def _left_of_midline(geom: Polygon) -> Polygon:
    """The part of a front-view zone on the patient's left (x > 0), off the midline."""
    return geom.intersection(box(0.05, 0.0, 60.0, 180.0))  # type: ignore[no-any-return]


def _back_left(geom: Polygon) -> Polygon:
    """The part of a back-view zone on the patient's left (x < 0), off the midline."""
    return geom.intersection(box(-60.0, 0.0, -0.05, 180.0))  # type: ignore[no-any-return]


def _digit(b: Builder, view: str, finger: str, from_base: float, half_width: float) -> Polygon:
    """A strip along one digit (``thumb`` or ``index``): from ``from_base`` cm beyond the
    digit's base (where it leaves the palm) to its tip, so that it lies on that digit only."""
    base = b.lm(view, f"{finger}-base-left")
    tip = b.lm(view, f"{finger}-tip-left")
    dx, dy = tip.x - base.x, tip.y - base.y
    length = (dx * dx + dy * dy) ** 0.5
    start = Landmark(base.x + dx * from_base / length, base.y + dy * from_base / length)
    end = Landmark(tip.x + dx * 0.3 / length, tip.y + dy * 0.3 / length)
    return band([start.at(), end.at()], half_width)


# --------------------------------------------------------------------------------------
# Neck muscles that refer to the head
# --------------------------------------------------------------------------------------


def upper_trapezius(b: Builder) -> dict[str, Any]:
    """Upper trapezius (Simons, Travell & Simons vol. 1, 2nd ed., ch. 6, trapezius).

    Described pattern: trigger points in the upper (descending) fibres refer pain upward,
    unilaterally, along the posterolateral side of the neck to the mastoid process (a
    common "tension neckache"); when intense the pain reaches the side of the head, centred
    in the temple and behind the orbit, and the angle of the jaw.  The second, slightly
    lower and more lateral trigger point refers behind the ear and to the occiput
    (spillover here).  Trigger points: mid-way along the anterior border of the upper
    trapezius, in the free fold above the shoulder (not at the angle of the neck), and a
    little lower and more lateral.
    """
    mastoid = b.lm("back", "mastoid-left")
    neck = b.lm("back", "angle-of-neck-left")
    b.zone(
        "neck-posterolateral",
        "back",
        "essential",
        "Back and side of the neck, up to the mastoid",
        "Achter- en zijkant van de nek, tot aan het mastoïd",
        band([neck.at(0.9, 1.0), (neck.x + 1.6, neck.y + 5.0), mastoid.at(0.3, 0.3)], 1.2),
    )
    temple = b.lm("front", "temple-left")
    b.zone(
        "temple",
        "front",
        "essential",
        "Temple, towards the back of the eye socket",
        "Slaap, richting de achterkant van de oogkas",
        ellipse(temple.x - 0.9, temple.y - 1.1, 1.75, 1.45, angle=20),
    )
    jaw = b.lm("front", "angle-of-jaw-left")
    b.zone(
        "jaw-angle",
        "front",
        "essential",
        "Angle of the jaw",
        "Kaakhoek",
        ellipse(jaw.x - 0.7, jaw.y + 0.3, 1.25, 1.25),
    )
    ear = b.lm("back", "ear-left")
    b.zone(
        "behind-ear",
        "back",
        "spillover",
        "Behind the ear and the back of the head",
        "Achter het oor en achterhoofd",
        band([mastoid.at(2.0, 1.8), ear.at(0.7, 0.0), ear.at(0.2, 2.6)], 0.95),
        minus=("neck-posterolateral",),
    )
    b.trigger_point(
        "tp-1",
        "back",
        *b.between("back", "angle-of-neck-left", "acromion-left", 0.35, dy=-0.9),
        "Upper trapezius, mid-way along its front edge, in the fold above the shoulder",
        "Bovenste trapezius, halverwege de voorrand, in de plooi boven de schouder",
    )
    b.trigger_point(
        "tp-2",
        "back",
        *neck.at(-7.3, -3.4),
        "Upper trapezius, a little lower and more to the side",
        "Bovenste trapezius, iets lager en meer naar buiten",
    )
    return {
        "names": {"en": "Upper trapezius", "nl": "Bovenste deel van de trapezius"},
        "summary": {
            "en": "Trigger points in the upper trapezius refer pain up the back and side of "
            "the neck to behind the ear and, when strong, to the temple and the angle of the "
            "jaw, on the same side: a common cause of tension headache.",
            "nl": "Triggerpoints in het bovenste deel van de trapezius geven pijn langs de "
            "achter- en zijkant van de nek tot achter het oor en, als ze sterk zijn, in de "
            "slaap en de kaakhoek, aan dezelfde kant: een veelvoorkomende oorzaak van "
            "spanningshoofdpijn.",
        },
        "credit": _credit1(6),
        "sources": [_vol1(6, "Trapezius muscle"), _third("trapezius muscle")],
        "revisions": [
            {
                "change": "The first trigger point moved from the angle of the neck to mid-way "
                "along the anterior border of the upper trapezius, about a third of the way "
                "from the angle of the neck to the acromion.",
                "reason": "Clinical review against Travell & Simons (issue 26): TrP1 lies in "
                "the middle of the anterior (free) border of the upper trapezius.",
            }
        ],
    }


def sternocleidomastoid(b: Builder) -> dict[str, Any]:
    """Sternocleidomastoid, sternal and clavicular divisions in one pattern (vol. 1, ch. 7).

    Described pattern: the sternal division refers pain to the occiput (the occipital ridge
    behind the ear), across the cheek, over the eye (and deep in the orbit), to the throat
    and the back of the tongue on swallowing, down over the upper sternum, and to the vertex
    of the head.  The clavicular division refers a frontal headache, which crosses the
    forehead to the other side when severe (a spillover zone across the midline), and pain
    deep in the ear and behind it.  The vertex and the throat are drawn as spillover.  Trigger
    points: along both divisions in the front of the neck.
    """
    forehead = b.lm("front", "forehead-left")
    b.zone(
        "forehead",
        "front",
        "essential",
        "Forehead (clavicular division)",
        "Voorhoofd (claviculaire deel)",
        _left_of_midline(ellipse(forehead.x - 0.2, forehead.y, 2.9, 1.55)),
    )
    b.zone(
        "forehead-across",
        "front",
        "spillover",
        "Across the forehead to the other side, when severe (clavicular division)",
        "Over het voorhoofd naar de andere kant, bij hevige pijn (claviculaire deel)",
        ellipse(forehead.x - 3.0, forehead.y, 5.6, 1.5),
        minus=("forehead",),
    )
    eye = b.lm("front", "eye-left")
    b.zone(
        "over-eye",
        "front",
        "essential",
        "Over and in the eye",
        "Boven en in het oog",
        ellipse(eye.x - 0.3, eye.y + 0.9, 1.9, 1.1, angle=-4),
        minus=("forehead", "forehead-across"),
    )
    cheek = b.lm("front", "cheek-left")
    b.zone(
        "cheek",
        "front",
        "essential",
        "Cheek",
        "Wang",
        ellipse(cheek.x - 0.5, cheek.y - 0.2, 1.5, 1.5),
    )
    ear = b.lm("front", "ear-left")
    b.zone(
        "ear",
        "front",
        "essential",
        "Deep in the ear (clavicular division)",
        "Diep in het oor (claviculaire deel)",
        ellipse(ear.x, ear.y + 0.5, 0.8, 1.7),
        minus=("cheek",),
    )
    notch = b.lm("front", "suprasternal-notch")
    b.zone(
        "sternum",
        "front",
        "essential",
        "Upper breastbone",
        "Bovenste deel van het borstbeen",
        _left_of_midline(ellipse(notch.x + 0.6, notch.y - 3.4, 1.5, 2.6)),
    )
    vertex = b.lm("front", "vertex")
    b.zone(
        "vertex",
        "front",
        "spillover",
        "Top of the head",
        "Bovenop het hoofd",
        _left_of_midline(ellipse(vertex.x + 1.6, vertex.y - 1.9, 1.9, 1.2)),
    )
    chin = b.lm("front", "chin")
    b.zone(
        "throat",
        "front",
        "spillover",
        "Throat",
        "Keel",
        _left_of_midline(ellipse(chin.x + 1.0, chin.y - 2.1, 1.2, 1.45)),
    )
    mastoid = b.lm("back", "mastoid-left")
    b.zone(
        "occiput",
        "back",
        "essential",
        "Back of the head, behind the ear (sternal division)",
        "Achterhoofd, achter het oor (sternale deel)",
        ellipse(mastoid.x + 2.1, mastoid.y + 1.7, 1.95, 1.2, angle=-8),
    )
    bear = b.lm("back", "ear-left")
    b.zone(
        "behind-ear",
        "back",
        "essential",
        "Behind the ear (clavicular division)",
        "Achter het oor (claviculaire deel)",
        ellipse(bear.x + 0.3, bear.y + 0.4, 0.85, 1.5),
        minus=("occiput",),
    )
    b.trigger_point(
        "tp-sternal",
        "front",
        *notch.at(3.4, 2.2),
        "Sternal division, front of the neck",
        "Sternale deel, voorzijde van de hals",
    )
    b.trigger_point(
        "tp-clavicular",
        "front",
        *notch.at(5.0, 6.6),
        "Clavicular division, side of the neck",
        "Claviculaire deel, zijkant van de hals",
    )
    return {
        "names": {"en": "Sternocleidomastoid", "nl": "Sternocleidomastoideus"},
        "summary": {
            "en": "Trigger points in the sternocleidomastoid refer pain to the head and face: "
            "the back of the head, the cheek, over and in the eye, the forehead and deep in "
            "the ear, sometimes to the top of the head, the throat and the upper breastbone, "
            "on the same side; a severe frontal headache can cross the forehead to the other "
            "side.",
            "nl": "Triggerpoints in de sternocleidomastoideus geven pijn in hoofd en gezicht: "
            "het achterhoofd, de wang, boven en in het oog, het voorhoofd en diep in het oor, "
            "soms bovenop het hoofd, in de keel en op het bovenste deel van het borstbeen, aan "
            "dezelfde kant; hevige hoofdpijn in het voorhoofd kan over het voorhoofd naar de "
            "andere kant trekken.",
        },
        "credit": _credit1(7),
        "sources": [_vol1(7, "Sternocleidomastoid muscle"), _third("sternocleidomastoid muscle")],
        "revisions": [
            {
                "change": "Added a spillover zone across the midline of the forehead to the "
                "other side (clavicular division).",
                "reason": "Clinical review against Travell & Simons (issue 26): the clavicular "
                "division's frontal headache crosses the forehead to the other side when "
                "severe; before, it was drawn on the same side only.",
            }
        ],
    }


SPLENIUS_1 = _vol1(15, "Splenius capitis and splenius cervicis muscles")
SPLENIUS_3 = _third("splenius capitis and splenius cervicis muscles")


def splenius_capitis(b: Builder) -> dict[str, Any]:
    """Splenius capitis (vol. 1, 2nd ed., ch. 15).

    Described pattern: a trigger point over the muscle's midpoint, in the back of the neck
    below the occiput, refers pain to the vertex of the head on the same side.  No
    spillover is described.
    """
    vertex = b.lm("back", "vertex")
    b.zone(
        "vertex",
        "back",
        "essential",
        "Top of the head",
        "Bovenop het hoofd",
        _back_left(ellipse(vertex.x - 2.4, vertex.y - 3.4, 2.9, 2.5, angle=-12)),
    )
    mastoid = b.lm("back", "mastoid-left")
    b.trigger_point(
        "tp",
        "back",
        *mastoid.at(2.4, -3.8),
        "Splenius capitis, back of the neck below the skull",
        "Splenius capitis, achterzijde van de nek onder de schedel",
    )
    return {
        "names": {"en": "Splenius capitis", "nl": "Splenius capitis"},
        "summary": {
            "en": "Trigger points in the splenius capitis refer pain to the top of the head, "
            "on the same side.",
            "nl": "Triggerpoints in de splenius capitis geven pijn bovenop het hoofd, aan "
            "dezelfde kant.",
        },
        "credit": _credit1(15),
        "sources": [SPLENIUS_1, SPLENIUS_3],
    }


def splenius_cervicis(b: Builder) -> dict[str, Any]:
    """Splenius cervicis (vol. 1, 2nd ed., ch. 15).

    Described pattern: the upper trigger point refers a diffuse pain through the inside of
    the head that focuses behind the eye (orbit) on the same side, often also to the
    occiput (spillover here); the lower trigger point refers pain to the angle of the neck,
    where the neck meets the shoulder.  Trigger points: at the angle of the neck, just above
    and below the upper trapezius trigger point.
    """
    eye = b.lm("front", "eye-left")
    b.zone(
        "behind-eye",
        "front",
        "essential",
        "Behind the eye",
        "Achter het oog",
        ellipse(eye.x, eye.y - 0.1, 1.5, 1.15),
    )
    neck = b.lm("back", "angle-of-neck-left")
    b.zone(
        "angle-of-neck",
        "back",
        "essential",
        "Angle of the neck, where it meets the shoulder",
        "Nekhoek, waar de nek overgaat in de schouder",
        ellipse(neck.x + 1.5, neck.y + 0.8, 2.2, 1.9, angle=30),
    )
    occiput = b.lm("back", "occiput")
    b.zone(
        "occiput",
        "back",
        "spillover",
        "Back of the head",
        "Achterhoofd",
        _back_left(ellipse(occiput.x - 2.6, occiput.y + 2.3, 2.5, 1.8)),
    )
    b.trigger_point(
        "tp-upper",
        "back",
        *neck.at(2.0, 4.6),
        "Upper splenius cervicis, at the angle of the neck",
        "Bovenste deel van de splenius cervicis, bij de nekhoek",
    )
    b.trigger_point(
        "tp-lower",
        "back",
        *neck.at(-2.2, -3.4),
        "Lower splenius cervicis, below the angle of the neck",
        "Onderste deel van de splenius cervicis, onder de nekhoek",
    )
    return {
        "names": {"en": "Splenius cervicis", "nl": "Splenius cervicis"},
        "summary": {
            "en": "Trigger points in the splenius cervicis refer a diffuse pain through the "
            "head that focuses behind the eye, sometimes to the back of the head, and pain at "
            "the angle of the neck, on the same side.",
            "nl": "Triggerpoints in de splenius cervicis geven een diffuse pijn door het hoofd "
            "die zich achter het oog concentreert, soms in het achterhoofd, en pijn in de "
            "nekhoek, aan dezelfde kant.",
        },
        "credit": _credit1(15),
        "sources": [SPLENIUS_1, SPLENIUS_3],
    }


def semispinalis_capitis(b: Builder) -> dict[str, Any]:
    """Semispinalis capitis (vol. 1, 2nd ed., ch. 16, posterior cervical muscles).

    Described pattern: the upper trigger point, just below the occiput, refers a band of
    pain around the side of the head at the level of the temple, strongest at the temple and
    running forward over the eye; the trigger point lower in the neck refers pain to the
    occipital region.  Trigger points: beside the spine, just below the occiput and lower in
    the back of the neck.
    """
    occiput = b.lm("back", "occiput")
    level = b.lm("front", "temple-left").y  # the band runs around the head at temple level
    b.zone(
        "band-back",
        "back",
        "essential",
        "Band around the side of the head at temple level",
        "Band rond de zijkant van het hoofd op slaaphoogte",
        band([(occiput.x - 2.6, level - 0.4), (-5.6, level - 0.1), (-8.2, level + 0.1)], 0.95),
    )
    b.zone(
        "occiput",
        "back",
        "essential",
        "Back of the head",
        "Achterhoofd",
        _back_left(ellipse(occiput.x - 1.8, occiput.y + 1.1, 2.1, 1.6)),
        minus=("band-back",),
    )
    temple = b.lm("front", "temple-left")
    b.zone(
        "temple-band",
        "front",
        "essential",
        "Temple, running forward over the eye",
        "Slaap, naar voren lopend boven het oog",
        band([temple.at(1.2, 0.1), temple.at(-0.6, 0.1), temple.at(-3.4, -0.3)], 0.85),
    )
    b.trigger_point(
        "tp-upper",
        "back",
        *occiput.at(-1.6, -5.0),
        "Semispinalis capitis, just below the back of the skull",
        "Semispinalis capitis, net onder het achterhoofd",
    )
    b.trigger_point(
        "tp-middle",
        "back",
        *occiput.at(-2.0, -11.0),
        "Semispinalis capitis, lower in the back of the neck",
        "Semispinalis capitis, lager in de nek",
    )
    return {
        "names": {"en": "Semispinalis capitis", "nl": "Semispinalis capitis"},
        "summary": {
            "en": "Trigger points in the semispinalis capitis refer pain as a band around the "
            "side of the head, strongest at the temple and over the eye, and to the back of "
            "the head, on the same side.",
            "nl": "Triggerpoints in de semispinalis capitis geven pijn als een band rond de "
            "zijkant van het hoofd, het sterkst bij de slaap en boven het oog, en in het "
            "achterhoofd, aan dezelfde kant.",
        },
        "credit": _credit1(16),
        "sources": [
            _vol1(
                16,
                "Posterior cervical muscles: semispinalis capitis, semispinalis cervicis "
                "and multifidi",
            ),
            _third("posterior cervical muscles"),
        ],
    }


def suboccipital_muscles(b: Builder) -> dict[str, Any]:
    """Suboccipital muscles (vol. 1, 2nd ed., ch. 17).

    Described pattern: a deep, poorly localised headache on the same side that seems to run
    inside the head from the occiput forward to the orbit, as a band across the side of the
    head (lower than the semispinalis capitis band: at the level of the top of the ear and
    the eye).  Trigger points: deep, just below the occiput, beside the midline.
    """
    occiput = b.lm("back", "occiput")
    ear = b.lm("back", "ear-left")
    b.zone(
        "occiput-side",
        "back",
        "essential",
        "From the back of the head across the side of the head",
        "Van het achterhoofd over de zijkant van het hoofd",
        band([occiput.at(-0.9, -0.3), occiput.at(-4.0, 0.2), ear.at(-0.7, 2.0)], 0.9),
    )
    eye = b.lm("front", "eye-left")
    fear = b.lm("front", "ear-left")
    b.zone(
        "side-to-eye",
        "front",
        "essential",
        "Side of the head forward to the eye",
        "Zijkant van het hoofd naar voren tot het oog",
        band([fear.at(0.8, 2.0), (fear.x - 2.0, eye.y + 0.2), eye.at(-0.6, 0.0)], 0.85),
    )
    b.trigger_point(
        "tp",
        "back",
        *occiput.at(-2.7, -4.4),
        "Suboccipital muscles, deep below the back of the skull",
        "Suboccipitale spieren, diep onder het achterhoofd",
    )
    return {
        "names": {"en": "Suboccipital muscles", "nl": "Suboccipitale spieren"},
        "summary": {
            "en": "Trigger points in the small muscles below the back of the skull cause a "
            "deep headache that runs from the back of the head across the side of the head to "
            "the eye, on the same side.",
            "nl": "Triggerpoints in de kleine spieren onder het achterhoofd geven een diepe "
            "hoofdpijn die van het achterhoofd over de zijkant van het hoofd naar het oog "
            "trekt, aan dezelfde kant.",
        },
        "credit": _credit1(17),
        "sources": [_vol1(17, "Suboccipital muscles"), _third("suboccipital muscles")],
    }


# --------------------------------------------------------------------------------------
# Neck muscles that refer to the shoulder, the back and the arm
# --------------------------------------------------------------------------------------


def levator_scapulae(b: Builder) -> dict[str, Any]:
    """Levator scapulae (vol. 1, 2nd ed., ch. 19).

    Described pattern: pain concentrated at the angle of the neck, where the neck meets the
    shoulder, and along the vertebral (medial) border of the scapula, with spillover to the
    back of the shoulder; a common cause of the stiff neck.  Trigger points: at the angle of
    the neck, where the muscle emerges from under the upper trapezius, and just above the
    superior angle of the scapula.
    """
    neck = b.lm("back", "angle-of-neck-left")
    b.zone(
        "angle-of-neck",
        "back",
        "essential",
        "Angle of the neck",
        "Nekhoek",
        ellipse(neck.x - 0.9, neck.y - 1.5, 2.8, 1.9, angle=20),
    )
    sup = b.lm("back", "superior-angle-of-scapula-left")
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "vertebral-border",
        "back",
        "essential",
        "Along the inner border of the shoulder blade",
        "Langs de binnenrand van het schouderblad",
        band([sup.at(-0.3, -3.9), (inf.x + 0.4, sup.y + 0.8 * (inf.y - sup.y))], 0.85),
        minus=("angle-of-neck",),
    )
    acromion = b.lm("back", "acromion-left")
    b.zone(
        "shoulder-back",
        "back",
        "spillover",
        "Back of the shoulder",
        "Achterkant van de schouder",
        ellipse(acromion.x + 2.6, acromion.y - 4.6, 2.4, 2.2),
    )
    b.trigger_point(
        "tp-upper",
        "back",
        *neck.at(1.6, 3.2),
        "Levator scapulae at the angle of the neck",
        "Levator scapulae bij de nekhoek",
    )
    b.trigger_point(
        "tp-lower",
        "back",
        *sup.at(-0.5, -1.3),
        "Levator scapulae just above the upper corner of the shoulder blade",
        "Levator scapulae net boven de bovenhoek van het schouderblad",
    )
    return {
        "names": {"en": "Levator scapulae", "nl": "Levator scapulae"},
        "summary": {
            "en": "Trigger points in the levator scapulae refer pain to the angle of the neck "
            "and along the inner border of the shoulder blade, sometimes to the back of the "
            "shoulder, on the same side; the neck is stiff and hard to turn.",
            "nl": "Triggerpoints in de levator scapulae geven pijn in de nekhoek en langs de "
            "binnenrand van het schouderblad, soms aan de achterkant van de schouder, aan "
            "dezelfde kant; de nek is stijf en moeilijk te draaien.",
        },
        "credit": _credit1(19),
        "sources": [_vol1(19, "Levator scapulae muscle"), _third("levator scapulae muscle")],
    }


def scalenes(b: Builder) -> dict[str, Any]:
    """Scalene muscles (vol. 1, 2nd ed., ch. 20).

    Described pattern: trigger points in the anterior, middle and posterior scalenes refer
    pain forward to the chest (two finger-like strips over the pectoral region down to about
    the nipple), down the front and the back of the upper arm (over the biceps and the
    triceps), along the radial side of the forearm, to the thumb and the index finger (both
    sides of the hand), and backward to the upper vertebral border of the scapula and the
    adjacent interscapular area.  The elbow is skipped.  The forearm is drawn as spillover,
    the rest as essential.  Trigger points: in the side of the neck above the clavicle.
    """
    nipple = b.lm("front", "nipple-left")
    notch = b.lm("front", "suprasternal-notch")
    top = notch.y - 2.6  # just below the clavicle
    strips = band([(nipple.x - 2.2, top), (nipple.x - 1.9, nipple.y + 2.2)], 0.85).union(
        band([(nipple.x + 1.6, top - 0.3), (nipple.x + 2.0, nipple.y + 3.2)], 0.85)
    )
    b.zone(
        "chest",
        "front",
        "essential",
        "Front of the chest, two strips down toward the nipple",
        "Voorzijde van de borst, twee stroken naar de tepel toe",
        strips,
    )
    b.zone(
        "upper-arm-front",
        "front",
        "essential",
        "Front of the upper arm",
        "Voorzijde van de bovenarm",
        band(
            [
                b.between("front", "acromion-left", "elbow-left", 0.3),
                b.between("front", "acromion-left", "elbow-left", 0.8),
            ],
            1.45,
        ),
    )
    lat = b.lm("front", "lateral-epicondyle-left")
    wrist = b.lm("front", "wrist-left")
    b.zone(
        "forearm-radial",
        "front",
        "spillover",
        "Thumb side of the forearm",
        "Duimzijde van de onderarm",
        band([lat.at(0.8, -5.5), wrist.at(0.2, 4.3)], 1.2),
    )
    b.zone(
        "thumb",
        "front",
        "essential",
        "Thumb",
        "Duim",
        _digit(b, "front", "thumb", 0.9, 0.8),
    )
    b.zone(
        "index-finger",
        "front",
        "essential",
        "Index finger",
        "Wijsvinger",
        _digit(b, "front", "index", 0.8, 0.7),
    )
    sup = b.lm("back", "superior-angle-of-scapula-left")
    inf = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "interscapular",
        "back",
        "essential",
        "Inner border of the shoulder blade and between the shoulder blades",
        "Binnenrand van het schouderblad en tussen de schouderbladen",
        band([sup.at(2.3, -1.6), (sup.x + 2.0, sup.y + 0.72 * (inf.y - sup.y))], 0.9),
    )
    b.zone(
        "upper-arm-back",
        "back",
        "essential",
        "Back of the upper arm",
        "Achterzijde van de bovenarm",
        band(
            [
                b.between("back", "acromion-left", "olecranon-left", 0.3),
                b.between("back", "acromion-left", "olecranon-left", 0.8),
            ],
            1.45,
        ),
    )
    blat = b.lm("back", "lateral-epicondyle-left")
    bwrist = b.lm("back", "wrist-left")
    b.zone(
        "forearm-radial-back",
        "back",
        "spillover",
        "Thumb side of the back of the forearm",
        "Duimzijde van de achterzijde van de onderarm",
        band([blat.at(-0.8, -5.5), bwrist.at(-0.2, 4.3)], 1.2),
    )
    b.zone(
        "thumb-back",
        "back",
        "essential",
        "Back of the thumb",
        "Rugzijde van de duim",
        _digit(b, "back", "thumb", 0.9, 0.8),
    )
    b.zone(
        "index-finger-back",
        "back",
        "essential",
        "Back of the index finger",
        "Rugzijde van de wijsvinger",
        _digit(b, "back", "index", 0.8, 0.7),
    )
    neck = b.lm("front", "angle-of-neck-left")
    b.trigger_point(
        "tp-anterior",
        "front",
        *neck.at(-1.8, 0.6),
        "Anterior scalene, side of the neck above the collarbone",
        "Scalenus anterior, zijkant van de hals boven het sleutelbeen",
    )
    b.trigger_point(
        "tp-middle-posterior",
        "front",
        *neck.at(3.1, -2.0),
        "Middle and posterior scalenes, further back above the collarbone",
        "Scalenus medius en posterior, verder naar achteren boven het sleutelbeen",
    )
    return {
        "names": {"en": "Scalenes", "nl": "Scaleni"},
        "summary": {
            "en": "Trigger points in the scalenes refer pain to the front of the chest, down "
            "the front and back of the arm and the thumb side of the forearm to the thumb and "
            "index finger, and to the inner border of the shoulder blade, on the same side.",
            "nl": "Triggerpoints in de scaleni geven pijn aan de voorzijde van de borst, langs "
            "de voor- en achterzijde van de arm en de duimzijde van de onderarm tot in duim en "
            "wijsvinger, en langs de binnenrand van het schouderblad, aan dezelfde kant.",
        },
        "credit": _credit1(20),
        "sources": [_vol1(20, "Scalene muscles"), _third("scalene muscles")],
    }


# --------------------------------------------------------------------------------------
# Muscles of mastication
# --------------------------------------------------------------------------------------


def masseter(b: Builder) -> dict[str, Any]:
    """Masseter (vol. 1, 2nd ed., ch. 8).

    Described pattern: the superficial layer refers pain to the cheek and upper jaw with the
    upper molars (its upper part), to the lower molars (its middle) and to the lower jaw
    (its lower part), from where the pain can arc up over the eyebrow (spillover here); the
    deep layer refers pain deep into the ear and to the temporomandibular joint region.
    Trigger points: throughout the superficial belly and in the deep layer below the joint;
    one marker is drawn, at the lower superficial belly near the angle of the jaw, where it
    hides none of the small face zones.
    """
    cheek = b.lm("front", "cheek-left")
    teeth = b.lm("front", "upper-teeth-left")
    b.zone(
        "upper-jaw",
        "front",
        "essential",
        "Cheek, upper jaw and upper molars",
        "Wang, bovenkaak en bovenste kiezen",
        ellipse(teeth.x + 1.1, (cheek.y + teeth.y) / 2 + 0.1, 1.7, 1.35),
    )
    jaw = b.lm("front", "angle-of-jaw-left")
    chin = b.lm("front", "chin")
    b.zone(
        "lower-jaw",
        "front",
        "essential",
        "Lower jaw and lower molars",
        "Onderkaak en onderste kiezen",
        band([chin.at(1.2, 1.2), jaw.at(-1.7, 0.3)], 1.05),
        minus=("upper-jaw",),
    )
    tmj = b.lm("front", "tmj-left")
    b.zone(
        "ear-jaw-joint",
        "front",
        "essential",
        "Deep in the ear and the jaw joint",
        "Diep in het oor en het kaakgewricht",
        ellipse(tmj.x + 0.3, tmj.y + 0.1, 0.9, 1.05),
    )
    brow = b.lm("front", "eyebrow-left")
    b.zone(
        "eyebrow",
        "front",
        "spillover",
        "Arc over the eyebrow",
        "Boog over de wenkbrauw",
        band([brow.at(-1.6, 0.9), brow.at(0.2, 1.25), brow.at(2.2, 0.8)], 0.5),
    )
    b.trigger_point(
        "tp-superficial",
        "front",
        *jaw.at(0.2, -0.1),
        "Superficial masseter, lower part near the angle of the jaw",
        "Oppervlakkige masseter, onderste deel bij de kaakhoek",
    )
    return {
        "names": {"en": "Masseter", "nl": "Masseter (kauwspier)"},
        "summary": {
            "en": "Trigger points in the masseter refer pain to the cheek, the upper and lower "
            "molars, the jaw and deep into the ear, sometimes over the eyebrow, on the same "
            "side; opening the mouth is often limited.",
            "nl": "Triggerpoints in de masseter geven pijn in de wang, de boven- en onderkiezen, "
            "de kaak en diep in het oor, soms over de wenkbrauw, aan dezelfde kant; de mond "
            "gaat vaak minder ver open.",
        },
        "credit": _credit1(8),
        "sources": [_vol1(8, "Masseter muscle"), _third("masseter muscle")],
    }


def temporalis(b: Builder) -> dict[str, Any]:
    """Temporalis (vol. 1, 2nd ed., ch. 9).

    Described pattern: trigger points in the anterior, middle and posterior fibres refer
    pain over the temple (in spokes from the trigger points), along the eyebrow (the
    anterior fibres) and to the upper teeth (incisors from the anterior, premolars from the
    middle fibres); the posterior fibres refer backward and upward over the side of the head
    above the ear (spillover here).  Trigger points: in the temple, above the zygomatic arch.
    """
    temple = b.lm("front", "temple-left")
    b.zone(
        "temple",
        "front",
        "essential",
        "Temple",
        "Slaap",
        ellipse(temple.x - 0.2, temple.y + 0.1, 1.5, 2.25, angle=-8),
    )
    brow = b.lm("front", "eyebrow-left")
    b.zone(
        "eyebrow",
        "front",
        "essential",
        "Along the eyebrow",
        "Langs de wenkbrauw",
        band([brow.at(-1.9, -0.15), brow.at(1.9, 0.0)], 0.55),
        minus=("temple",),
    )
    teeth = b.lm("front", "upper-teeth-left")
    b.zone(
        "upper-teeth",
        "front",
        "essential",
        "Upper teeth",
        "Boventanden",
        band([teeth.at(-1.8, -0.1), teeth.at(0.6, 0.0)], 0.6),
    )
    ear = b.lm("back", "ear-left")
    b.zone(
        "above-ear",
        "back",
        "spillover",
        "Side of the head above and behind the ear",
        "Zijkant van het hoofd boven en achter het oor",
        ellipse(ear.x + 0.9, ear.y + 6.3, 1.3, 2.1, angle=-10),
    )
    b.trigger_point(
        "tp-anterior",
        "front",
        *temple.at(-1.0, 4.4),
        "Anterior and middle temporalis, in the temple",
        "Voorste en middelste vezels van de temporalis, in de slaap",
    )
    return {
        "names": {"en": "Temporalis", "nl": "Temporalis (slaapspier)"},
        "summary": {
            "en": "Trigger points in the temporalis refer pain over the temple, along the "
            "eyebrow and to the upper teeth, sometimes over the side of the head above the "
            "ear, on the same side.",
            "nl": "Triggerpoints in de temporalis geven pijn over de slaap, langs de wenkbrauw "
            "en in de boventanden, soms over de zijkant van het hoofd boven het oor, aan "
            "dezelfde kant.",
        },
        "credit": _credit1(9),
        "sources": [_vol1(9, "Temporalis muscle"), _third("temporalis muscle")],
    }


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "upper-trapezius": upper_trapezius,
    "sternocleidomastoid": sternocleidomastoid,
    "splenius-capitis": splenius_capitis,
    "splenius-cervicis": splenius_cervicis,
    "semispinalis-capitis": semispinalis_capitis,
    "suboccipital-muscles": suboccipital_muscles,
    "levator-scapulae": levator_scapulae,
    "scalenes": scalenes,
    "masseter": masseter,
    "temporalis": temporalis,
}
