"""Trunk and lower-limb referral patterns (part of issue 11), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder` and returns the pattern's metadata, exactly
like the patterns in ``make_patterns.py``.  Zones are placed relative to chart landmarks
(``b.lm(view, name)``, ``b.between(...)``, ``b.spine(level)``), so a change of the chart moves
them; the landmarks the chart file does not define yet are in :data:`PENDING_LANDMARKS`.

Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; every pattern is
drawn for the patient's LEFT side.

Plantar pain (the underside of the heel, the arch, the ball of the foot and the toes) is drawn
on the chart's ``sole`` view, the plantar surfaces of both feet (:func:`make_patterns.sole_part`);
the back of the heel stays on the back view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from make_patterns import (
    CREDIT_VOL1,
    Builder,
    _credit2,
    _third,
    _vol1,
    _vol2,
    band,
    ellipse,
    mirrored,
    sole_part,
)
from shapely.geometry import box

#: Landmarks used here that the chart file does not define yet (cm, measured on the current
#: outline; each lies inside it, at the site a clinician palpates in that view).  The chart
#: file's value replaces one of these as soon as the chart defines it.
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {
    "front": mirrored(
        {
            # planned for the chart (issue 11)
            "lateral-malleolus-left": (11.9, 6.2),
            "medial-malleolus-left": (6.8, 7.6),
            "hallux-tip-left": (6.2, 0.7),
            # used by the patterns of this module
            "patella-left": (8.9, 50.0),
            "tibial-tuberosity-left": (8.9, 44.0),
            "fibular-head-left": (12.3, 45.5),
            "lateral-knee-left": (12.4, 49.0),
            "medial-knee-left": (5.2, 48.5),
            "adductor-tubercle-left": (4.9, 54.0),
            "first-metatarsal-head-left": (5.2, 1.7),
            "arch-left": (5.6, 3.0),
            "dorsum-of-foot-left": (9.8, 2.6),
            "xiphoid": (0.0, 121.0),
        }
    ),
    "back": mirrored(
        {
            # planned for the chart (issue 11)
            "lateral-malleolus-left": (-11.9, 6.2),
            "medial-malleolus-left": (-6.8, 7.6),
            "heel-left": (-9.4, 2.2),
            "inferior-angle-of-scapula-left": (-9.5, 127.0),
            # used by the patterns of this module
            "medial-heel-left": (-5.8, 2.4),
            "achilles-tendon-left": (-9.3, 10.0),
            "popliteal-fossa-left": (-8.8, 49.5),
            "fibular-head-left": (-12.3, 45.5),
            "sacroiliac-joint-left": (-3.7, 95.5),
        }
    ),
}


def _credit1() -> str:
    return CREDIT_VOL1


PARASPINALS_1 = _vol1("Thoracolumbar paraspinal muscles")
PARASPINALS_3 = _third("thoracolumbar paraspinal muscles")


# --------------------------------------------------------------------------------------
# Trunk
# --------------------------------------------------------------------------------------


def iliocostalis_thoracis(b: Builder) -> dict[str, Any]:
    """Iliocostalis thoracis (Simons, Travell & Simons vol. 1, 2nd ed., paraspinal muscles).

    Described pattern: a trigger point at the mid-thoracic level (about T6) refers pain
    upward toward the shoulder and medially toward the spine, and round to the lateral chest
    wall (which can mimic chest or pleural disease); one in the lower thoracic part
    (about T11) refers pain down over the lumbar region and up toward the lower scapula, and
    forward to the abdomen (which can mimic visceral disease).
    """
    t6, t11 = b.spine("T6"), b.spine("T11")
    scap = b.lm("back", "inferior-angle-of-scapula-left")
    b.zone(
        "upper-back",
        "back",
        "essential",
        "Between the shoulder blade and the spine, up toward the shoulder",
        "Tussen schouderblad en wervelkolom, omhoog richting de schouder",
        band(
            [(-1.9, t6 - 0.6), (-7.2, t6 + 1.2), (scap.x - 0.4, t6 + 6.0), (-12.4, t6 + 9.6)],
            1.9,
        ),
    )
    b.zone(
        "lumbar",
        "back",
        "essential",
        "Down over the lower back, beside the spine",
        "Omlaag over de onderrug, naast de wervelkolom",
        band([(-7.6, t11 - 1.5), (-7.4, b.spine("L4"))], 1.5),
    )
    b.zone(
        "lower-scapula",
        "back",
        "spillover",
        "Up toward the lower tip of the shoulder blade",
        "Omhoog naar de onderpunt van het schouderblad",
        band([(-7.8, t11 + 2.5), (scap.x + 0.4, scap.y - 1.0)], 1.4),
        minus=("upper-back", "lumbar"),
    )
    nipple = b.lm("front", "nipple-left")
    b.zone(
        "chest-lateral",
        "front",
        "essential",
        "Side of the chest",
        "Zijkant van de borstkas",
        ellipse(nipple.x + 3.9, nipple.y - 3.5, 2.6, 4.4, angle=-10),
    )
    asis = b.lm("front", "asis-left")
    b.zone(
        "abdomen",
        "front",
        "essential",
        "Side of the abdomen",
        "Zijkant van de buik",
        ellipse(asis.x - 3.4, asis.y + 8.5, 3.1, 4.4),
    )
    b.trigger_point(
        "tp-mid-thoracic",
        "back",
        -7.6,
        t6,
        "Iliocostalis thoracis at about T6",
        "Iliocostalis thoracis ter hoogte van T6",
    )
    b.trigger_point(
        "tp-lower-thoracic",
        "back",
        -8.0,
        t11,
        "Iliocostalis thoracis at about T11",
        "Iliocostalis thoracis ter hoogte van T11",
    )
    return {
        "names": {"en": "Iliocostalis thoracis", "nl": "Iliocostalis thoracis"},
        "summary": {
            "en": "Trigger points in the iliocostalis thoracis refer pain from the middle of "
            "the back up toward the shoulder and the spine and round to the side of the chest, "
            "and from the lower back ribs down over the lower back and forward to the side of "
            "the abdomen, on the same side.",
            "nl": "Triggerpoints in de iliocostalis thoracis geven pijn vanuit het midden van "
            "de rug omhoog richting schouder en wervelkolom en naar de zijkant van de borstkas, "
            "en vanaf de onderste ribben omlaag over de onderrug en naar voren in de zijkant van "
            "de buik, aan dezelfde kant.",
        },
        "credit": _credit1(),
        "sources": [PARASPINALS_1, PARASPINALS_3],
        "revisions": [
            {
                "change": "Added the side of the chest (front view, lateral chest wall below "
                "and outside the nipple) to the pattern of the trigger point at about T6.",
                "reason": "Clinical review against Travell & Simons (issue 26): the mid-"
                "thoracic iliocostalis trigger point also refers forward to the lateral chest "
                "wall, which was missing.",
            }
        ],
    }


def longissimus_thoracis(b: Builder) -> dict[str, Any]:
    """Longissimus thoracis (Simons, Travell & Simons vol. 1, 2nd ed., paraspinal muscles).

    Described pattern: trigger points in the lower thoracic longissimus (T10-T11, and at
    L1) refer pain a long way down, to the lower buttock and the sacroiliac region; the pain
    is felt far below the trigger point, which is easily overlooked.
    """
    sij = b.lm("back", "sacroiliac-joint-left")
    fold = b.lm("back", "gluteal-fold-left")
    b.zone(
        "buttock-low",
        "back",
        "essential",
        "Low in the buttock",
        "Laag in de bil",
        ellipse(fold.x + 2.2, fold.y + 6.8, 2.8, 2.4),
        within="buttock-left",
    )
    b.zone(
        "sacroiliac",
        "back",
        "essential",
        "Sacroiliac region",
        "SI-gebied",
        ellipse(sij.x - 0.2, sij.y + 0.4, 1.7, 2.6),
    )
    b.trigger_point(
        "tp-t10",
        "back",
        -4.2,
        round((b.spine("T10") + b.spine("T11")) / 2, 2),
        "Longissimus thoracis at T10-T11",
        "Longissimus thoracis ter hoogte van T10-T11",
    )
    b.trigger_point(
        "tp-l1",
        "back",
        -4.2,
        b.spine("L1"),
        "Longissimus thoracis at L1",
        "Longissimus thoracis ter hoogte van L1",
    )
    return {
        "names": {"en": "Longissimus thoracis", "nl": "Longissimus thoracis"},
        "summary": {
            "en": "Trigger points low in the longissimus thoracis, beside the lowest ribs, "
            "refer pain far below them: low in the buttock and to the sacroiliac region, on "
            "the same side.",
            "nl": "Triggerpoints laag in de longissimus thoracis, naast de onderste ribben, "
            "geven pijn ver daaronder: laag in de bil en in het SI-gebied, aan dezelfde kant.",
        },
        "credit": _credit1(),
        "sources": [PARASPINALS_1, PARASPINALS_3],
    }


def external_oblique(b: Builder) -> dict[str, Any]:
    """Abdominal obliques, chiefly the external oblique (vol. 1, 2nd ed., abdominal muscles).

    Described pattern: trigger points in the part of the external oblique that overlies the
    lower anterior chest wall refer "heartburn"-like pain to the epigastrium (it may cross the
    midline and spread to other parts of the abdomen); trigger points in the lower lateral
    abdominal wall refer pain to the groin and the testicle and may spill over into the rest
    of the abdomen.  Drawn as one pattern with front zones only.
    """
    xiphoid = b.lm("front", "xiphoid")
    asis = b.lm("front", "asis-left")
    tubercle = b.lm("front", "pubic-tubercle-left")
    b.zone(
        "epigastrium",
        "front",
        "essential",
        "Pit of the stomach (epigastrium)",
        "Maagstreek (epigastrium)",
        ellipse(xiphoid.x + 2.6, xiphoid.y - 6.0, 3.5, 3.6).intersection(box(-1.2, 80, 30, 130)),
    )
    # Above and along the inguinal ligament, from beside the ASIS down to the pubic tubercle.
    b.zone(
        "groin",
        "front",
        "essential",
        "Lower side of the abdomen and the groin",
        "Onderste zijkant van de buik en de lies",
        band([asis.at(-1.0, 2.6), asis.at(-4.6, -2.6), tubercle.at(1.4, 1.6)], 1.7),
    )
    b.zone(
        "testicle",
        "front",
        "spillover",
        "Testicle (in men)",
        "Zaadbal (bij mannen)",
        ellipse(1.9, b.lm("front", "crotch").y + 1.6, 1.4, 1.6),
        minus=("groin",),
    )
    b.zone(
        "abdomen",
        "front",
        "spillover",
        "Elsewhere in the abdomen, same side",
        "Elders in de buik, aan dezelfde kant",
        ellipse(6.4, b.lm("front", "navel").y, 4.4, 6.0),
        minus=("epigastrium", "groin"),
    )
    b.trigger_point(
        "tp-chest-wall",
        "front",
        8.4,
        xiphoid.y - 3.5,
        "External oblique over the lower front ribs",
        "Schuine buikspier over de onderste ribben aan de voorkant",
    )
    b.trigger_point(
        "tp-lower-lateral",
        "front",
        *asis.at(0.2, 3.8),
        "Lower lateral abdominal wall, above the front of the pelvis",
        "Onderste zijwand van de buik, boven de voorkant van het bekken",
    )
    return {
        "names": {
            "en": "External oblique (abdominal obliques)",
            "nl": "Uitwendige schuine buikspier (schuine buikspieren)",
        },
        "summary": {
            "en": "Trigger points in the external oblique over the lower ribs cause a "
            "heartburn-like pain in the pit of the stomach; those low in the side of the "
            "abdomen refer pain to the groin and sometimes the testicle, on the same side.",
            "nl": "Triggerpoints in de uitwendige schuine buikspier over de onderste ribben geven "
            "een brandend, maagzuurachtig gevoel in de maagstreek; die laag in de zijkant van "
            "de buik geven pijn in de lies en soms in de zaadbal, aan dezelfde kant.",
        },
        "credit": _credit1(),
        "sources": [_vol1("Abdominal muscles"), _third("abdominal muscles")],
    }


# --------------------------------------------------------------------------------------
# Thigh and knee
# --------------------------------------------------------------------------------------

QUADRICEPS_2 = _vol2(14, "Quadriceps femoris group")
QUADRICEPS_3 = _third("quadriceps femoris muscle group")
ADDUCTORS_2 = _vol2(15, "Adductor longus, adductor brevis, adductor magnus and gracilis muscles")
ADDUCTORS_3 = _third("adductor longus, adductor brevis, adductor magnus and gracilis muscles")


def vastus_lateralis(b: Builder) -> dict[str, Any]:
    """Vastus lateralis (Travell & Simons vol. 2, ch. 14, quadriceps femoris group).

    Described pattern: several trigger points along the lateral thigh refer pain along the
    whole lateral thigh, from the greater trochanter (sometimes the iliac crest) down to the
    lateral knee; the distal ones to the lateral border of the patella and the lateral knee
    (a "stuck patella"), the posterior ones to the posterolateral thigh and the back of the
    knee on the lateral side, some a short way below the knee.
    """
    gt = "greater-trochanter-left"
    lk = "lateral-knee-left"
    b.zone(
        "thigh-lateral",
        "front",
        "essential",
        "Outside of the thigh, from the hip to the knee",
        "Buitenzijde van het bovenbeen, van heup tot knie",
        band(
            [
                b.between("front", gt, lk, 0.08, dx=-1.3),
                b.between("front", gt, lk, 0.45, dx=-1.2),
                b.between("front", gt, lk, 0.9, dx=-1.1),
            ],
            1.45,
        ),
    )
    patella = b.lm("front", "patella-left")
    b.zone(
        "knee-lateral",
        "front",
        "essential",
        "Outer edge of the kneecap and outside of the knee",
        "Buitenrand van de knieschijf en buitenzijde van de knie",
        ellipse(patella.x + 2.9, patella.y + 0.2, 1.7, 3.3),
        minus=("thigh-lateral",),
    )
    fk = b.lm("back", "knee-left")
    b.zone(
        "knee-back-lateral",
        "back",
        "essential",
        "Back of the knee, outer side",
        "Knieholte, buitenzijde",
        ellipse(fk.x - 2.9, fk.y + 1.2, 1.6, 3.0),
    )
    fh = b.lm("front", "fibular-head-left")
    b.zone(
        "leg-lateral-upper",
        "front",
        "spillover",
        "Just below the knee, outer side",
        "Net onder de knie, buitenzijde",
        band([fh.at(-0.2, 0.4), fh.at(-0.4, -4.0)], 1.0),
        minus=("knee-lateral",),
    )
    bgt = b.lm("back", "greater-trochanter-left")
    b.zone(
        "thigh-back-lateral",
        "back",
        "spillover",
        "Back and outside of the thigh",
        "Achter- en buitenzijde van het bovenbeen",
        band([bgt.at(3.5, -12.0), fk.at(-4.0, 6.5)], 1.3),
        within="thigh-back-left",
        minus=("knee-back-lateral",),
    )
    for tp_id, t, dx, en, nl in (
        ("tp-proximal", 0.15, -1.4, "Upper outer thigh", "Bovenste buitenzijde van het bovenbeen"),
        ("tp-middle", 0.5, -1.3, "Middle of the outer thigh", "Midden van de buitenzijde"),
        ("tp-distal", 0.86, -2.4, "Above the knee, outer front", "Boven de knie, voor-buitenzijde"),
    ):
        b.trigger_point(tp_id, "front", *b.between("front", gt, lk, t, dx=dx), en, nl)
    b.trigger_point(
        "tp-posterior",
        "back",
        *fk.at(-3.6, 12.0),
        "Back and outside of the lower thigh",
        "Achter- en buitenzijde van het onderste deel van het bovenbeen",
    )
    return {
        "names": {"en": "Vastus lateralis", "nl": "Vastus lateralis"},
        "summary": {
            "en": "Trigger points along the vastus lateralis refer pain down the outside of the "
            "thigh from the hip to the knee, to the outer edge of the kneecap and the outer back "
            "of the knee, on the same side.",
            "nl": "Triggerpoints langs de vastus lateralis geven pijn langs de buitenzijde van "
            "het bovenbeen van heup tot knie, aan de buitenrand van de knieschijf en aan de "
            "buitenkant van de knieholte, aan dezelfde kant.",
        },
        "credit": _credit2(14),
        "sources": [QUADRICEPS_2, QUADRICEPS_3],
    }


def vastus_intermedius(b: Builder) -> dict[str, Any]:
    """Vastus intermedius (Travell & Simons vol. 2, ch. 14, quadriceps femoris group).

    Described pattern: trigger points deep under the rectus femoris, in the upper and middle
    thigh, refer pain over the front of the thigh, most intense at mid-thigh, extending down
    nearly to the knee (not into the patella).
    """
    k = b.lm("front", "knee-left")
    mid = b.between("front", "asis-left", "patella-left", 0.66, dx=-1.2)
    b.zone(
        "thigh-front-mid",
        "front",
        "essential",
        "Front of the thigh, middle part",
        "Voorzijde van het bovenbeen, middelste deel",
        ellipse(mid[0], mid[1], 3.0, 6.8),
    )
    b.zone(
        "thigh-front",
        "front",
        "spillover",
        "Front of the thigh, down to just above the knee",
        "Voorzijde van het bovenbeen, tot net boven de knie",
        ellipse(mid[0], mid[1] - 1.8, 4.3, 11.0).intersection(box(0, k.y + 5.0, 30, 120)),
        minus=("thigh-front-mid",),
    )
    b.trigger_point(
        "tp-upper",
        "front",
        mid[0] + 0.4,
        mid[1] + 8.5,
        "Deep under the rectus femoris, upper thigh",
        "Diep onder de rectus femoris, bovenste deel van het bovenbeen",
    )
    b.trigger_point(
        "tp-middle",
        "front",
        mid[0] + 1.0,
        mid[1] + 2.5,
        "Deep under the rectus femoris, mid-thigh",
        "Diep onder de rectus femoris, midden van het bovenbeen",
    )
    return {
        "names": {"en": "Vastus intermedius", "nl": "Vastus intermedius"},
        "summary": {
            "en": "Trigger points deep in the vastus intermedius refer pain over the front of "
            "the thigh, strongest in the middle of the thigh and reaching nearly to the knee, "
            "on the same side.",
            "nl": "Triggerpoints diep in de vastus intermedius geven pijn aan de voorzijde van "
            "het bovenbeen, het sterkst halverwege het bovenbeen en bijna tot aan de knie, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(14),
        "sources": [QUADRICEPS_2, QUADRICEPS_3],
    }


def adductor_magnus(b: Builder) -> dict[str, Any]:
    """Adductor magnus (Travell & Simons vol. 2, ch. 15).

    Described pattern: trigger points in the middle of the muscle refer pain over the
    anteromedial thigh from the groin down to just above the knee; proximal trigger points
    (near the ischial tuberosity) refer a generalised pain deep inside the pelvis (pubic
    bone, and vagina, rectum or bladder).  The internal pelvic pain is drawn as a zone over
    the pubic region of the front view.
    """
    tubercle = b.lm("front", "pubic-tubercle-left")
    add = b.lm("front", "adductor-tubercle-left")
    b.zone(
        "thigh-anteromedial",
        "front",
        "essential",
        "Inner front of the thigh, from the groin to above the knee",
        "Binnen-voorzijde van het bovenbeen, van de lies tot boven de knie",
        band([tubercle.at(0.9, -4.0), (3.8, 72.0), add.at(-0.1, 6.0)], 1.7),
    )
    b.zone(
        "pelvis",
        "front",
        "essential",
        "Deep inside the pelvis (pubic region)",
        "Diep in het bekken (schaamstreek)",
        ellipse(tubercle.x - 1.3, tubercle.y - 0.6, 1.4, 2.0).intersection(box(0.05, 80, 30, 120)),
        minus=("thigh-anteromedial",),
    )
    b.zone(
        "knee-medial-upper",
        "front",
        "spillover",
        "Just above the inner knee",
        "Net boven de binnenzijde van de knie",
        ellipse(add.x + 0.2, add.y + 1.6, 1.5, 2.6),
        minus=("thigh-anteromedial",),
    )
    b.trigger_point(
        "tp-middle",
        "front",
        4.4,
        69.0,
        "Middle of the adductor magnus, inner thigh",
        "Midden van de adductor magnus, binnenzijde bovenbeen",
    )
    fold = b.lm("back", "gluteal-fold-left")
    b.trigger_point(
        "tp-proximal",
        "back",
        *fold.at(3.0, -0.8),
        "Proximal adductor magnus, near the sitting bone",
        "Bovenste deel van de adductor magnus, bij de zitbeenknobbel",
    )
    return {
        "names": {"en": "Adductor magnus", "nl": "Adductor magnus"},
        "summary": {
            "en": "Trigger points in the adductor magnus refer pain along the inner front of "
            "the thigh from the groin to above the knee, and a deep pain inside the pelvis, on "
            "the same side.",
            "nl": "Triggerpoints in de adductor magnus geven pijn langs de binnen-voorzijde van "
            "het bovenbeen, van de lies tot boven de knie, en een diepe pijn in het bekken, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(15),
        "sources": [ADDUCTORS_2, ADDUCTORS_3],
    }


def gracilis(b: Builder) -> dict[str, Any]:
    """Gracilis (Travell & Simons vol. 2, ch. 15).

    Described pattern: a hot, stinging, superficial pain that travels up and down along the
    inside of the thigh around the trigger points in the middle of the muscle.  The inner
    thigh is the inner edge of the thigh in both views; the pattern is drawn on both.
    """
    add = b.lm("front", "adductor-tubercle-left")
    b.zone(
        "thigh-inner-front",
        "front",
        "essential",
        "Inner side of the thigh (front)",
        "Binnenzijde van het bovenbeen (voorzijde)",
        band([(1.9, 77.0), (2.6, 67.0), add.at(-1.2, 3.0)], 1.25),
    )
    badd = b.lm("back", "knee-left")
    b.zone(
        "thigh-inner-back",
        "back",
        "essential",
        "Inner side of the thigh (back)",
        "Binnenzijde van het bovenbeen (achterzijde)",
        band([(-1.9, 77.0), (-2.6, 67.0), badd.at(5.3, 8.0)], 1.25),
    )
    b.trigger_point(
        "tp-upper",
        "front",
        2.5,
        70.0,
        "Gracilis, middle of the inner thigh",
        "Gracilis, midden van de binnenzijde van het bovenbeen",
    )
    b.trigger_point(
        "tp-lower",
        "front",
        3.1,
        64.0,
        "Gracilis, a little lower on the inner thigh",
        "Gracilis, iets lager aan de binnenzijde van het bovenbeen",
    )
    return {
        "names": {"en": "Gracilis", "nl": "Gracilis"},
        "summary": {
            "en": "Trigger points in the gracilis cause a hot, stinging pain just under the skin "
            "that runs up and down the inside of the thigh, on the same side.",
            "nl": "Triggerpoints in de gracilis geven een hete, stekende pijn vlak onder de huid "
            "die langs de binnenzijde van het bovenbeen op en neer trekt, aan dezelfde kant.",
        },
        "credit": _credit2(15),
        "sources": [ADDUCTORS_2, ADDUCTORS_3],
    }


def sartorius(b: Builder) -> dict[str, Any]:
    """Sartorius (Travell & Simons vol. 2, ch. 12, with the tensor fasciae latae).

    Described pattern: superficial, sharp or tingling pain along the course of the muscle,
    obliquely across the front of the thigh from the anterior superior iliac spine to the
    inner side of the knee; the trigger points lie along the muscle and each refers locally,
    the lowest to the medial knee.  No spillover zone is described.
    """
    asis = b.lm("front", "asis-left")
    mk = b.lm("front", "medial-knee-left")
    add = b.lm("front", "adductor-tubercle-left")
    b.zone(
        "thigh-oblique",
        "front",
        "essential",
        "Across the front of the thigh, along the muscle",
        "Schuin over de voorzijde van het bovenbeen, langs de spier",
        band([asis.at(-0.5, -2.8), (9.9, 85.0), (7.4, 75.0), (5.5, 65.0), add.at(0.0, 2.5)], 1.15),
    )
    b.zone(
        "knee-medial",
        "front",
        "essential",
        "Inner side of the knee",
        "Binnenzijde van de knie",
        band([add.at(0.0, 2.5), mk.at(0.2, 0.0), mk.at(0.6, -3.0)], 1.2),
        minus=("thigh-oblique",),
    )
    for tp_id, (x, y), en, nl in (
        ("tp-upper", (10.6, 88.0), "Upper sartorius", "Bovenste deel van de sartorius"),
        ("tp-middle", (7.2, 74.0), "Middle sartorius", "Middelste deel van de sartorius"),
        ("tp-lower", (5.3, 60.0), "Lower sartorius", "Onderste deel van de sartorius"),
    ):
        b.trigger_point(tp_id, "front", x, y, en, nl)
    return {
        "names": {"en": "Sartorius", "nl": "Sartorius"},
        "summary": {
            "en": "Trigger points in the sartorius cause a sharp or tingling pain just under the "
            "skin along the muscle, obliquely across the front of the thigh to the inner side "
            "of the knee, on the same side.",
            "nl": "Triggerpoints in de sartorius geven een scherpe of tintelende pijn vlak onder "
            "de huid langs de spier, schuin over de voorzijde van het bovenbeen naar de "
            "binnenzijde van de knie, aan dezelfde kant.",
        },
        "credit": _credit2(12),
        "sources": [
            _vol2(12, "Tensor fasciae latae muscle (with the sartorius muscle)"),
            _third("sartorius muscle"),
        ],
    }


def popliteus(b: Builder) -> dict[str, Any]:
    """Popliteus (Travell & Simons vol. 2, ch. 17).

    Described pattern: pain chiefly in the back of the knee, in the popliteal fossa at and
    just below the crease; no distant spillover.  Trigger points: medially at the proximal
    posterior tibia and laterally near the femoral attachment, above the crease.
    """
    fossa = b.lm("back", "popliteal-fossa-left")
    b.zone(
        "knee-back",
        "back",
        "essential",
        "Back of the knee",
        "Knieholte",
        ellipse(fossa.x + 0.2, fossa.y - 1.7, 2.7, 2.7),
    )
    b.trigger_point(
        "tp-medial",
        "back",
        *fossa.at(2.3, -5.0),
        "Below the knee crease, inner side of the shinbone",
        "Onder de knieplooi, binnenzijde van het scheenbeen",
    )
    b.trigger_point(
        "tp-lateral",
        "back",
        *fossa.at(-1.9, 1.6),
        "Near the outer attachment on the thighbone",
        "Bij de buitenste aanhechting aan het dijbeen",
    )
    return {
        "names": {"en": "Popliteus", "nl": "Popliteus"},
        "summary": {
            "en": "Trigger points in the popliteus refer pain to the back of the knee, on the "
            "same side; it hurts most when crouching, running or walking downhill.",
            "nl": "Triggerpoints in de popliteus geven pijn in de knieholte, aan dezelfde kant; "
            "het doet vooral pijn bij hurken, hardlopen of bergaf lopen.",
        },
        "credit": _credit2(17),
        "sources": [_vol2(17, "Popliteus muscle"), _third("popliteus muscle")],
    }


# --------------------------------------------------------------------------------------
# Leg, ankle and foot
# --------------------------------------------------------------------------------------


def gastrocnemius(b: Builder) -> dict[str, Any]:
    """Gastrocnemius (Travell & Simons vol. 2, ch. 21).

    Described pattern: TrP1 (medial head, the most common) refers pain to the instep of the
    foot, which in Travell & Simons is the medial (longitudinal) arch of the sole, not the top
    of the foot: drawn on the sole view; with spillover from the lower back of the thigh over
    the back of the knee and down the back and inner side of the calf to the ankle; TrP2
    (lateral head) refers locally to the upper outer calf; TrP3 and TrP4, near the attachments
    above the knee, refer to the back of the knee.
    """
    fk = b.lm("back", "knee-left")
    mm = b.lm("back", "medial-malleolus-left")
    b.zone(
        "instep",
        "sole",
        "essential",
        "Instep: the medial arch of the sole",
        "Voetholte: de mediale voetboog",
        sole_part(b, "medial-arch"),
        within="sole-left",
    )
    b.zone(
        "knee-back",
        "back",
        "essential",
        "Back of the knee, upper part",
        "Knieholte, bovenste deel",
        ellipse(fk.x, fk.y + 3.2, 3.2, 2.4),
    )
    b.zone(
        "calf-upper-lateral",
        "back",
        "essential",
        "Upper outer calf",
        "Bovenste buitenzijde van de kuit",
        ellipse(fk.x - 2.3, fk.y - 8.3, 1.8, 3.3),
    )
    b.zone(
        "thigh-back-lower",
        "back",
        "spillover",
        "Lower back of the thigh",
        "Onderste deel van de achterzijde van het bovenbeen",
        ellipse(fk.x + 0.2, fk.y + 8.6, 2.6, 2.6),
        minus=("knee-back",),
    )
    b.zone(
        "calf-medial",
        "back",
        "spillover",
        "Down the back and inner side of the calf to the ankle",
        "Langs de achter- en binnenzijde van de kuit tot de enkel",
        band([fk.at(1.9, 0.5), fk.at(2.0, -14.0), mm.at(-0.2, 2.4)], 1.45),
        minus=("knee-back", "calf-upper-lateral"),
    )
    b.zone(
        "ankle-medial",
        "back",
        "spillover",
        "Inner ankle",
        "Binnenzijde van de enkel",
        ellipse(mm.x - 0.3, mm.y, 1.4, 1.9),
        minus=("calf-medial",),
    )
    b.trigger_point(
        "tp-1",
        "back",
        *fk.at(2.1, -6.0),
        "Medial head, upper inner calf",
        "Mediale kop, bovenste binnenzijde van de kuit",
    )
    b.trigger_point(
        "tp-2",
        "back",
        *fk.at(-2.3, -6.0),
        "Lateral head, upper outer calf",
        "Laterale kop, bovenste buitenzijde van de kuit",
    )
    b.trigger_point(
        "tp-3",
        "back",
        *fk.at(2.1, 5.6),
        "Medial head, near its attachment above the knee",
        "Mediale kop, bij de aanhechting boven de knie",
    )
    b.trigger_point(
        "tp-4",
        "back",
        *fk.at(-2.3, 5.6),
        "Lateral head, near its attachment above the knee",
        "Laterale kop, bij de aanhechting boven de knie",
    )
    return {
        "names": {"en": "Gastrocnemius", "nl": "Gastrocnemius"},
        "summary": {
            "en": "Trigger points in the gastrocnemius refer pain to the instep (the medial "
            "arch of the sole), to the back of the knee and the upper calf, sometimes down the "
            "back and inner side of the calf to the ankle, on the same side.",
            "nl": "Triggerpoints in de gastrocnemius geven pijn in de voetholte (de mediale "
            "voetboog), in de knieholte en de bovenkant van de kuit, soms langs de achter- en "
            "binnenzijde van de kuit tot de enkel, aan dezelfde kant.",
        },
        "credit": _credit2(21),
        "sources": [_vol2(21, "Gastrocnemius muscle"), _third("gastrocnemius muscle")],
        "revisions": [
            {
                "change": "The instep zone is now the medial arch of the sole: the medial edge "
                "of the foot on the front view (no longer reaching over the top of the foot) "
                "and the medial part of the sole on the back view.",
                "reason": "Clinical review against Travell & Simons (issue 26): their "
                '"instep" is the medial longitudinal arch on the underside of the foot, not '
                "the dorsum.",
            },
            {
                "change": "The instep zone (the medial arch of the sole) moved to the chart's "
                "sole view; the strips that stood for it on the front view (the medial edge "
                "of the foot) and the back view (the lower edge of the heel) were removed.",
                "reason": "The chart has a view of the soles now (issue 26): plantar pain is "
                "drawn where it is, not on the edges of the front and back views.",
            },
        ],
    }


def soleus(b: Builder) -> dict[str, Any]:
    """Soleus (Travell & Simons vol. 2, ch. 22, soleus and plantaris).

    Described pattern: TrP1, just above the heel, refers pain to the back and underside of
    the heel and the lower Achilles tendon; TrP2, high on the outer calf, to the upper calf;
    TrP3, rare, a little above and lateral to TrP1, to the sacroiliac joint of the same side.
    """
    heel = b.lm("back", "heel-left")
    ach = b.lm("back", "achilles-tendon-left")
    fh = b.lm("back", "fibular-head-left")
    b.zone(
        "heel",
        "back",
        "essential",
        "Back of the heel",
        "Achterkant van de hiel",
        ellipse(heel.x, heel.y - 0.2, 2.7, 2.1),
    )
    b.zone(
        "heel-sole",
        "sole",
        "essential",
        "Underside of the heel",
        "Onderkant van de hiel",
        sole_part(b, "heel"),
        within="sole-left",
    )
    b.zone(
        "achilles",
        "back",
        "essential",
        "Lower Achilles tendon",
        "Onderste deel van de achillespees",
        band([heel.at(0.1, 1.0), ach.at(0.0, -1.0)], 1.1),
        minus=("heel",),
    )
    b.zone(
        "calf",
        "back",
        "spillover",
        "Upper calf",
        "Bovenkant van de kuit",
        ellipse(fh.x + 3.0, fh.y - 7.0, 2.7, 5.0),
    )
    sij = b.lm("back", "sacroiliac-joint-left")
    b.zone(
        "sacroiliac",
        "back",
        "spillover",
        "Sacroiliac joint",
        "SI-gewricht",
        ellipse(sij.x, sij.y, 1.6, 2.4),
    )
    b.trigger_point(
        "tp-1",
        "back",
        *ach.at(1.0, 7.0),
        "A few centimetres above the heel, slightly inside",
        "Enkele centimeters boven de hiel, iets naar binnen",
    )
    b.trigger_point(
        "tp-2",
        "back",
        *fh.at(1.2, -5.0),
        "High on the outer calf, below the head of the fibula",
        "Hoog aan de buitenkant van de kuit, onder het kuitbeenkopje",
    )
    b.trigger_point(
        "tp-3",
        "back",
        *ach.at(-1.1, 11.0),
        "A little above and outside the first",
        "Iets boven en buiten het eerste",
    )
    return {
        "names": {"en": "Soleus", "nl": "Soleus"},
        "summary": {
            "en": "Trigger points in the soleus refer pain to the back and underside of the heel "
            "and the Achilles tendon, sometimes to the upper calf or the sacroiliac joint, on "
            "the same side.",
            "nl": "Triggerpoints in de soleus geven pijn aan de achter- en onderkant van de hiel "
            "en de achillespees, soms in de bovenkant van de kuit of het SI-gewricht, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(22),
        "sources": [_vol2(22, "Soleus and plantaris muscles"), _third("soleus muscle")],
        "revisions": [
            {
                "change": "The underside of the heel is a zone of its own on the chart's sole "
                "view; the back view's heel zone is the back of the heel.",
                "reason": "The chart has a view of the soles now (issue 26); Travell & Simons "
                "give the posterior and plantar surfaces of the heel.",
            }
        ],
    }


def tibialis_posterior(b: Builder) -> dict[str, Any]:
    """Tibialis posterior (Travell & Simons vol. 2, ch. 23).

    Described pattern: pain chiefly over the Achilles tendon above the heel, with spillover
    from the trigger point in the calf down over the calf and the heel to the whole sole of
    the foot and the toes.  Trigger point: deep, in the upper calf between tibia and fibula.
    """
    heel = b.lm("back", "heel-left")
    ach = b.lm("back", "achilles-tendon-left")
    fk = b.lm("back", "knee-left")
    b.zone(
        "achilles",
        "back",
        "essential",
        "Achilles tendon, above the heel",
        "Achillespees, boven de hiel",
        band([ach.at(0.0, -2.6), ach.at(0.1, 7.5)], 1.35),
    )
    b.zone(
        "calf",
        "back",
        "spillover",
        "Down the middle of the calf",
        "Langs het midden van de kuit",
        band([fk.at(-0.2, -16.0), ach.at(0.1, 8.0)], 2.0),
        minus=("achilles",),
    )
    b.zone(
        "heel",
        "back",
        "spillover",
        "Back of the heel",
        "Achterkant van de hiel",
        ellipse(heel.x, heel.y, 2.9, 2.3),
        minus=("achilles",),
    )
    b.zone(
        "sole",
        "sole",
        "spillover",
        "The whole sole of the foot and the toes",
        "De hele voetzool en de tenen",
        sole_part(b, "whole"),
        within="sole-left",
    )
    b.trigger_point(
        "tp",
        "back",
        *fk.at(0.6, -14.0),
        "Deep in the upper calf, between the shinbone and the fibula",
        "Diep in de bovenkant van de kuit, tussen scheenbeen en kuitbeen",
    )
    return {
        "names": {"en": "Tibialis posterior", "nl": "Tibialis posterior"},
        "summary": {
            "en": "Trigger points in the tibialis posterior refer pain to the Achilles tendon "
            "above the heel, sometimes down the calf to the heel and the whole sole of the "
            "foot, on the same side.",
            "nl": "Triggerpoints in de tibialis posterior geven pijn in de achillespees boven de "
            "hiel, soms langs de kuit tot in de hiel en de hele voetzool, aan dezelfde kant.",
        },
        "credit": _credit2(23),
        "sources": [_vol2(23, "Tibialis posterior muscle"), _third("tibialis posterior muscle")],
        "revisions": [
            {
                "change": "The spillover to the sole of the foot and the toes is the whole sole "
                "on the chart's sole view (zone sole); the strips that stood for it on the "
                "lower edges of the front and back views' feet were removed (zones heel-sole "
                "and sole-toes became heel, the back of the heel, and sole).",
                "reason": "The chart has a view of the soles now (issue 26): plantar pain is "
                "drawn where it is.",
            }
        ],
    }


def tibialis_anterior(b: Builder) -> dict[str, Any]:
    """Tibialis anterior (Travell & Simons vol. 2, ch. 19).

    Described pattern: pain chiefly in the front and inner side of the ankle and over the
    top and inner side of the big toe, with spillover from the trigger point (upper third of
    the muscle) down the front of the shin and over the top of the foot to the big toe.
    """
    mm = b.lm("front", "medial-malleolus-left")
    hallux = b.lm("front", "hallux-tip-left")
    ankle = b.lm("front", "ankle-left")
    tt = b.lm("front", "tibial-tuberosity-left")
    b.zone(
        "ankle-anteromedial",
        "front",
        "essential",
        "Front and inner side of the ankle",
        "Voor- en binnenzijde van de enkel",
        ellipse(mm.x + 1.2, mm.y + 0.5, 1.5, 2.0),
    )
    b.zone(
        "hallux",
        "front",
        "essential",
        "Top and inner side of the big toe",
        "Boven- en binnenkant van de grote teen",
        ellipse(hallux.x - 0.2, hallux.y + 0.5, 1.6, 1.2),
    )
    b.zone(
        "shin",
        "front",
        "spillover",
        "Down the front of the shin",
        "Langs de voorzijde van het scheenbeen",
        band([tt.at(0.8, -6.5), ankle.at(-0.8, 12.0), mm.at(1.3, 2.5)], 0.95),
        minus=("ankle-anteromedial",),
    )
    b.zone(
        "foot-top-medial",
        "front",
        "spillover",
        "Top of the foot toward the big toe",
        "Voetrug richting de grote teen",
        band([mm.at(1.0, -2.0), hallux.at(0.6, 2.2)], 0.9),
        minus=("ankle-anteromedial", "hallux"),
    )
    b.trigger_point(
        "tp",
        "front",
        *tt.at(1.0, -6.5),
        "Upper third of the muscle, beside the shinbone",
        "Bovenste derde van de spier, naast het scheenbeen",
    )
    return {
        "names": {"en": "Tibialis anterior", "nl": "Tibialis anterior"},
        "summary": {
            "en": "Trigger points in the tibialis anterior refer pain to the front and inner "
            "side of the ankle and to the big toe, sometimes down the shin, on the same side.",
            "nl": "Triggerpoints in de tibialis anterior geven pijn aan de voor- en binnenzijde "
            "van de enkel en in de grote teen, soms langs het scheenbeen, aan dezelfde kant.",
        },
        "credit": _credit2(19),
        "sources": [_vol2(19, "Tibialis anterior muscle"), _third("tibialis anterior muscle")],
    }


def peroneus_longus_brevis(b: Builder) -> dict[str, Any]:
    """Peroneus (fibularis) longus and brevis (Travell & Simons vol. 2, ch. 20).

    Described pattern: pain and tenderness above, behind and below the lateral malleolus and
    a short way along the outer side of the foot; spillover over the outer side of the middle
    third of the leg.  Trigger points: peroneus longus 2-4 cm below the head of the fibula,
    peroneus brevis near the junction of the middle and lower thirds of the leg.
    """
    lm_f = b.lm("front", "lateral-malleolus-left")
    lm_b = b.lm("back", "lateral-malleolus-left")
    fh = b.lm("front", "fibular-head-left")
    b.zone(
        "malleolus-lateral",
        "front",
        "essential",
        "Above and below the outer ankle bone",
        "Boven en onder de buitenenkel",
        ellipse(lm_f.x - 0.2, lm_f.y + 0.3, 1.35, 2.6),
    )
    b.zone(
        "foot-lateral",
        "front",
        "essential",
        "Outer side of the foot",
        "Buitenzijde van de voet",
        ellipse(lm_f.x + 1.2, lm_f.y - 3.6, 1.5, 1.6),
        minus=("malleolus-lateral",),
    )
    b.zone(
        "malleolus-behind",
        "back",
        "essential",
        "Behind and below the outer ankle bone",
        "Achter en onder de buitenenkel",
        ellipse(lm_b.x + 0.5, lm_b.y - 0.4, 1.4, 2.8),
    )
    b.zone(
        "leg-lateral",
        "front",
        "spillover",
        "Outer side of the lower leg, middle third",
        "Buitenzijde van het onderbeen, middelste derde",
        band([fh.at(-0.3, -11.0), fh.at(-0.9, -24.0)], 0.95),
    )
    b.trigger_point(
        "tp-longus",
        "front",
        *fh.at(-0.2, -3.0),
        "Peroneus longus, below the head of the fibula",
        "Peroneus longus, onder het kuitbeenkopje",
    )
    b.trigger_point(
        "tp-brevis",
        "front",
        *fh.at(-0.6, -21.0),
        "Peroneus brevis, lower third of the outer leg",
        "Peroneus brevis, onderste derde van de buitenzijde van het onderbeen",
    )
    return {
        "names": {
            "en": "Peroneus (fibularis) longus and brevis",
            "nl": "Peroneus (fibularis) longus en brevis",
        },
        "summary": {
            "en": "Trigger points in the peroneus longus and brevis refer pain around the outer "
            "ankle bone and along the outer side of the foot, sometimes up the outer side of "
            "the lower leg, on the same side.",
            "nl": "Triggerpoints in de peroneus longus en brevis geven pijn rond de buitenenkel "
            "en langs de buitenzijde van de voet, soms langs de buitenzijde van het onderbeen, "
            "aan dezelfde kant.",
        },
        "credit": _credit2(20),
        "sources": [
            _vol2(20, "Peroneal muscles: peroneus longus, peroneus brevis and peroneus tertius"),
            _third("fibularis (peroneus) longus, brevis and tertius muscles"),
        ],
    }


def extensor_digitorum_longus(b: Builder) -> dict[str, Any]:
    """Extensor digitorum longus (Travell & Simons vol. 2, ch. 24, long extensors of the toes).

    Described pattern: pain over the top of the foot, extending to the middle three toes;
    spillover over the front of the ankle and the lower half of the front of the leg.
    Trigger point: in the anterolateral leg, some 8 cm below the head of the fibula, between
    the tibialis anterior and the peroneus longus.
    """
    dorsum = b.lm("front", "dorsum-of-foot-left")
    ankle = b.lm("front", "ankle-left")
    fh = b.lm("front", "fibular-head-left")
    b.zone(
        "foot-top",
        "front",
        "essential",
        "Top of the foot to the middle three toes",
        "Voetrug tot de middelste drie tenen",
        ellipse(dorsum.x + 0.3, dorsum.y - 0.4, 2.6, 2.0),
    )
    b.zone(
        "ankle-leg-front",
        "front",
        "spillover",
        "Front of the ankle and lower leg",
        "Voorzijde van enkel en onderbeen",
        band([dorsum.at(0.3, 1.8), ankle.at(0.9, 0.0), ankle.at(1.4, 17.0)], 1.05),
        minus=("foot-top",),
    )
    b.trigger_point(
        "tp",
        "front",
        *fh.at(-1.1, -8.0),
        "Outer front of the leg, below the head of the fibula",
        "Voor-buitenzijde van het onderbeen, onder het kuitbeenkopje",
    )
    return {
        "names": {"en": "Extensor digitorum longus", "nl": "Extensor digitorum longus"},
        "summary": {
            "en": "Trigger points in the extensor digitorum longus refer pain over the top of the "
            "foot to the middle three toes, sometimes over the front of the ankle and lower "
            "leg, on the same side.",
            "nl": "Triggerpoints in de extensor digitorum longus geven pijn over de voetrug tot "
            "in de middelste drie tenen, soms aan de voorzijde van enkel en onderbeen, aan "
            "dezelfde kant.",
        },
        "credit": _credit2(24),
        "sources": [
            _vol2(
                24, "Long extensors of toes: extensor digitorum longus and extensor hallucis longus"
            ),
            _third("long extensor muscles of the toes"),
        ],
    }


def flexor_digitorum_longus(b: Builder) -> dict[str, Any]:
    """Flexor digitorum longus (Travell & Simons vol. 2, ch. 25, long flexors of the toes).

    Described pattern: pain in the middle of the sole of the forefoot, just behind the four
    small toes, with spillover into those toes and occasionally to the inner side of the
    ankle and the calf.  Drawn on the sole view: the ball of the foot behind the four small
    toes (essential) and those toes (spillover).
    """
    b.zone(
        "sole-forefoot",
        "sole",
        "essential",
        "Sole of the forefoot behind the four small toes",
        "Voorvoetzool achter de vier kleine tenen",
        sole_part(b, "forefoot-lesser"),
        within="sole-left",
    )
    first = b.lm("sole", "first-metatarsal-head-left")
    b.zone(
        "toes",
        "sole",
        "spillover",
        "Undersides of the four small toes",
        "Onderkant van de vier kleine tenen",
        sole_part(b, "toes").intersection(box(-40, -5, first.x - 1.6, 40)),
        within="sole-left",
    )
    mm = b.lm("back", "medial-malleolus-left")
    fk = b.lm("back", "knee-left")
    b.zone(
        "ankle-medial",
        "back",
        "spillover",
        "Inner side of the ankle",
        "Binnenzijde van de enkel",
        ellipse(mm.x - 0.2, mm.y + 0.6, 1.3, 2.2),
    )
    b.zone(
        "calf-medial",
        "back",
        "spillover",
        "Inner side of the calf",
        "Binnenzijde van de kuit",
        band([fk.at(2.6, -14.0), fk.at(2.4, -26.0)], 1.2),
    )
    b.trigger_point(
        "tp",
        "back",
        *fk.at(2.7, -17.0),
        "Flexor digitorum longus, inner calf beside the shinbone",
        "Flexor digitorum longus, binnenzijde van de kuit naast het scheenbeen",
    )
    return {
        "names": {"en": "Flexor digitorum longus", "nl": "Flexor digitorum longus"},
        "summary": {
            "en": "Trigger points in the flexor digitorum longus refer pain to the sole of the "
            "forefoot behind the small toes, sometimes into those toes and to the inner ankle "
            "and calf, on the same side.",
            "nl": "Triggerpoints in de flexor digitorum longus geven pijn in de voorvoetzool "
            "achter de kleine tenen, soms in die tenen en aan de binnenzijde van enkel en kuit, "
            "aan dezelfde kant.",
        },
        "credit": _credit2(25),
        "sources": [
            _vol2(
                25,
                "Long flexor muscles of toes: flexor digitorum longus and flexor hallucis longus",
            ),
            _third("long flexor muscles of the toes"),
        ],
        "revisions": [
            {
                "change": "The sole of the forefoot behind the small toes is drawn on the "
                "chart's sole view (zone sole-forefoot), with the undersides of the four small "
                "toes as spillover (zone toes); the strips that stood for it on the lower edges "
                "of the front and back views' feet (sole-forefoot-front, sole-forefoot-back) "
                "were removed.",
                "reason": "The chart has a view of the soles now (issue 26); Travell & Simons "
                "give spillover into the small toes, which the edge strips could not show.",
            }
        ],
    }


def abductor_hallucis(b: Builder) -> dict[str, Any]:
    """Abductor hallucis (Travell & Simons vol. 2, ch. 26, superficial intrinsic foot muscles).

    Described pattern: pain chiefly along the inner side of the heel, with spillover to the
    instep (inner side of the foot) and a little to the back of the heel.  Trigger points:
    along the muscle on the inner side of the foot, in front of the heel.
    """
    mh = b.lm("back", "medial-heel-left")
    arch = b.lm("front", "arch-left")
    heel = b.lm("back", "heel-left")
    b.zone(
        "heel-medial-sole",
        "sole",
        "essential",
        "Inner part of the underside of the heel",
        "Binnenste deel van de onderkant van de hiel",
        sole_part(b, "heel-medial"),
        within="sole-left",
    )
    b.zone(
        "heel-medial",
        "back",
        "essential",
        "Inner side of the heel",
        "Binnenzijde van de hiel",
        ellipse(mh.x, mh.y + 0.2, 1.6, 2.0),
    )
    b.zone(
        "heel-back",
        "back",
        "spillover",
        "Back of the heel",
        "Achterkant van de hiel",
        ellipse(heel.x + 0.8, heel.y + 0.4, 1.9, 1.7),
        minus=("heel-medial",),
    )
    b.zone(
        "instep",
        "sole",
        "spillover",
        "Instep (the medial arch of the sole)",
        "Voetholte (de mediale voetboog)",
        sole_part(b, "medial-arch"),
        within="sole-left",
        minus=("heel-medial-sole",),
    )
    b.trigger_point(
        "tp",
        "front",
        *arch.at(-0.6, 0.4),
        "Abductor hallucis, along the inner side of the foot",
        "Abductor hallucis, langs de binnenkant van de voet",
    )
    return {
        "names": {"en": "Abductor hallucis", "nl": "Abductor hallucis"},
        "summary": {
            "en": "Trigger points in the abductor hallucis refer pain to the inner side of the "
            "heel, sometimes to the inner arch of the foot and the back of the heel, on the "
            "same side.",
            "nl": "Triggerpoints in de abductor hallucis geven pijn aan de binnenzijde van de "
            "hiel, soms in de voetboog en aan de achterkant van de hiel, aan dezelfde kant.",
        },
        "credit": _credit2(26),
        "sources": [
            _vol2(26, "Superficial intrinsic foot muscles"),
            _third("superficial intrinsic muscles of the foot"),
        ],
        "revisions": [
            {
                "change": "The instep spillover is the medial arch on the chart's sole view "
                "(it was an ellipse on the inner edge of the front view's foot), and the inner "
                "part of the underside of the heel is an essential zone on the sole view "
                "(heel-medial-sole) beside the inner side of the heel on the back view.",
                "reason": "The chart has a view of the soles now (issue 26): the instep of "
                "Travell & Simons is the medial arch of the sole, and the heel pain of the "
                "abductor hallucis lies along the inner side and underside of the heel.",
            }
        ],
    }


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "iliocostalis-thoracis": iliocostalis_thoracis,
    "longissimus-thoracis": longissimus_thoracis,
    "external-oblique": external_oblique,
    "vastus-lateralis": vastus_lateralis,
    "vastus-intermedius": vastus_intermedius,
    "adductor-magnus": adductor_magnus,
    "gracilis": gracilis,
    "sartorius": sartorius,
    "popliteus": popliteus,
    "gastrocnemius": gastrocnemius,
    "soleus": soleus,
    "tibialis-anterior": tibialis_anterior,
    "tibialis-posterior": tibialis_posterior,
    "peroneus-longus-brevis": peroneus_longus_brevis,
    "extensor-digitorum-longus": extensor_digitorum_longus,
    "flexor-digitorum-longus": flexor_digitorum_longus,
    "abductor-hallucis": abductor_hallucis,
}
