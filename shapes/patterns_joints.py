"""Joint referral patterns (issue 12), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder`, adds the zones and the joint's marker
(``b.marker(...)``: the surface point over the joint on the view where it is palpated) and
returns the pattern's metadata with ``"kind": "joint"``.  The zones follow the textual
descriptions of the provocation and anaesthetic-block studies cited in each pattern (never
their figures): the cervical zygapophysial joints after Dwyer, Aprill & Bogduk (1990) and
Cooper, Bailey & Bogduk (2007), the lumbar ones after Fukui et al. (1997) and McCall et al.
(1979), the sacroiliac joint after Fortin et al. (1994) and Slipman et al. (2000), the hip
after Lesher et al. (2008).  Adjacent facet levels overlap, as in the studies; each level's
zones are shifted down the neck or the back with the joint, and each has a distal part of
its own so that a drawing of one level ranks that level first.

Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; every joint is
drawn for the patient's LEFT side and mirrored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from make_patterns import Builder, band, ellipse, mirrored, rounded_box
from shapely.geometry import box

#: The centres of the cervical vertebral levels C2-C6 in the midline (back view, cm), as the
#: chart file defines them (C2 1.3 cm below the mastoid tips, 1.6 cm apart down to the
#: chart's ``c7``); kept here for charts without them.
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {
    "back": mirrored(
        {
            "c2": (0.0, 158.0),
            "c3": (0.0, 156.4),
            "c4": (0.0, 154.8),
            "c5": (0.0, 153.2),
            "c6": (0.0, 151.6),
        }
    ),
}

DWYER = (
    "Dwyer A, Aprill C, Bogduk N. Cervical zygapophyseal joint pain patterns. I: A study in "
    "normal volunteers. Spine (Phila Pa 1976). 1990;15(6):453-457."
)
APRILL = (
    "Aprill C, Dwyer A, Bogduk N. Cervical zygapophyseal joint pain patterns. II: A clinical "
    "evaluation. Spine (Phila Pa 1976). 1990;15(6):458-461."
)
COOPER = (
    "Cooper G, Bailey B, Bogduk N. Cervical zygapophysial joint pain maps. Pain Med. "
    "2007;8(4):344-353."
)
FUKUI = (
    "Fukui S, Ohseto K, Shiotani M, Ohno K, Karasawa H, Naganuma Y. Distribution of referred "
    "pain from the lumbar zygapophyseal joints and dorsal rami. Clin J Pain. "
    "1997;13(4):303-307."
)
MCCALL = (
    "McCall IW, Park WM, O'Brien JP. Induced pain referral from posterior lumbar elements in "
    "normal subjects. Spine (Phila Pa 1976). 1979;4(5):441-446."
)
FORTIN = (
    "Fortin JD, Dwyer AP, West S, Pier J. Sacroiliac joint: pain referral maps upon applying "
    "a new injection/arthrography technique. Part I: Asymptomatic volunteers. Spine (Phila Pa "
    "1976). 1994;19(13):1475-1482."
)
SLIPMAN = (
    "Slipman CW, Jackson HB, Lipetz JS, Chan KT, Lenrow D, Vresilovic EJ. Sacroiliac joint "
    "pain referral zones. Arch Phys Med Rehabil. 2000;81(3):334-338."
)
LESHER = (
    "Lesher JM, Dreyfuss P, Hager N, Kaplan M, Furman M. Hip joint pain referral patterns: a "
    "descriptive study. Pain Med. 2008;9(1):22-25."
)


def _cervical_y(b: Builder, upper: int) -> float:
    """Height (back view) of the zygapophysial joint between C``upper`` and the level below."""
    top = b.lm("back", f"c{upper}").y
    below = b.lm("back", "c7").y if upper == 6 else b.lm("back", f"c{upper + 1}").y
    return round((top + below) / 2, 2)


def _lumbar_y(b: Builder, upper: str, lower: str) -> float:
    """Height (back view) of the joint between two lumbar (or L5-S1) levels."""
    return round((b.spine(upper) + b.spine(lower)) / 2, 2)


def _joint_marker(b: Builder, level: str, y: float, lateral: float) -> None:
    b.marker(
        "joint",
        "back",
        -lateral,
        y,
        f"{level} zygapophysial (facet) joint",
        f"Facetgewricht {level}",
    )


def _facet_meta(level: str, en_where: str, nl_where: str, sources: list[str]) -> dict[str, Any]:
    short = level.replace("-", "–")
    return {
        "kind": "joint",
        "names": {
            "en": f"{short} facet joint",
            "nl": f"Facetgewricht {short}",
        },
        "short_names": {"en": short, "nl": short},
        "summary": {
            "en": f"Pain from the {short} zygapophysial (facet) joint is referred to "
            f"{en_where}, on the same side. Neighbouring levels overlap and vary between "
            "people; a diagnostic block confirms the level.",
            "nl": f"Pijn uit het facetgewricht {short} straalt uit naar {nl_where}, aan "
            "dezelfde kant. Naburige niveaus overlappen en verschillen van persoon tot "
            "persoon; een diagnostische blokkade bevestigt het niveau.",
        },
        "credit": "Dwyer, Aprill & Bogduk, Spine 1990"
        if level.startswith("C")
        else "Fukui et al., Clin J Pain 1997",
        "sources": sources,
    }


# --------------------------------------------------------------------------------------
# Cervical zygapophysial joints (back view; C7 at y 150, C2 1.3 cm below the mastoid)
# --------------------------------------------------------------------------------------


def facet_c2_c3(b: Builder) -> dict[str, Any]:
    """C2-3: the upper posterior neck, extending onto the occiput (Dwyer et al. 1990)."""
    y = _cervical_y(b, 2)
    occ = b.lm("back", "occiput")
    b.zone(
        "upper-neck-occiput",
        "back",
        "essential",
        "Upper back of the neck and the occiput",
        "Bovenste deel van de nek en het achterhoofd",
        ellipse(-2.9, (y + occ.y) / 2 + 0.2, 2.5, 2.9).intersection(box(-9, 0, -0.05, 180)),
    )
    b.zone(
        "head-back",
        "back",
        "spillover",
        "Back of the head, above the occiput",
        "Achterhoofd, boven de achterhoofdsknobbel",
        ellipse(-3.4, occ.y + 2.6, 2.6, 2.2).intersection(box(-9, 0, -0.05, 180)),
        minus=("upper-neck-occiput",),
    )
    _joint_marker(b, "C2–C3", y, 1.8)
    return _facet_meta(
        "C2-C3",
        "the upper back of the neck and the back of the head",
        "het bovenste deel van de nek en het achterhoofd",
        [DWYER, APRILL, COOPER],
    )


def facet_c3_c4(b: Builder) -> dict[str, Any]:
    """C3-4: the posterolateral neck, from below the occiput to the middle of the neck,
    not reaching the shoulder girdle (Dwyer et al. 1990)."""
    y = _cervical_y(b, 3)
    mastoid = b.lm("back", "mastoid-left")
    b.zone(
        "neck-posterolateral",
        "back",
        "essential",
        "Back and side of the neck, upper and middle part",
        "Achter- en zijkant van de nek, bovenste en middelste deel",
        band([(-3.6, y + 2.6), (-4.4, y - 0.4), (-4.6, y - 3.0)], 1.25),
    )
    b.zone(
        "below-mastoid",
        "back",
        "spillover",
        "Below the mastoid, towards the back of the head",
        "Onder het mastoïd, richting het achterhoofd",
        ellipse(*mastoid.at(1.0, 0.6), 1.6, 1.3),
        minus=("neck-posterolateral",),
    )
    _joint_marker(b, "C3–C4", y, 2.0)
    return _facet_meta(
        "C3-C4",
        "the back and side of the upper and middle neck",
        "de achter- en zijkant van het bovenste en middelste deel van de nek",
        [DWYER, APRILL, COOPER],
    )


def facet_c4_c5(b: Builder) -> dict[str, Any]:
    """C4-5: the lower posterolateral neck and the angle between the neck and the top of the
    shoulder (Dwyer et al. 1990)."""
    y = _cervical_y(b, 4)
    neck = b.lm("back", "angle-of-neck-left")
    b.zone(
        "lower-neck-angle",
        "back",
        "essential",
        "Lower side of the neck and the angle between neck and shoulder",
        "Onderste zijkant van de nek en de hoek tussen nek en schouder",
        band([(-4.4, y - 0.6), (-4.9, y - 3.0), neck.at(-0.8, -0.6), neck.at(-3.2, -1.2)], 1.2),
    )
    b.zone(
        "shoulder-top-spillover",
        "back",
        "spillover",
        "Top of the shoulder, towards the shoulder blade",
        "Bovenkant van de schouder, richting het schouderblad",
        band([neck.at(-3.5, -1.2), neck.at(-6.0, -2.0)], 1.0),
        minus=("lower-neck-angle",),
    )
    _joint_marker(b, "C4–C5", y, 2.0)
    return _facet_meta(
        "C4-C5",
        "the lower side of the neck and the angle between the neck and the shoulder",
        "de onderste zijkant van de nek en de hoek tussen nek en schouder",
        [DWYER, APRILL, COOPER],
    )


def facet_c5_c6(b: Builder) -> dict[str, Any]:
    """C5-6: the lower neck and over the top of the shoulder blade, the supraspinous fossa
    (Dwyer et al. 1990)."""
    y = _cervical_y(b, 5)
    spine = b.lm("back", "spine-of-scapula-left")
    b.zone(
        "supraspinous-fossa",
        "back",
        "essential",
        "Top of the shoulder blade (above its spine)",
        "Bovenkant van het schouderblad (boven de schouderbladkam)",
        ellipse(spine.x + 1.4, spine.y + 1.7, 5.0, 1.55, angle=4),
    )
    b.zone(
        "lower-neck",
        "back",
        "spillover",
        "Lower side of the neck",
        "Onderste zijkant van de nek",
        band([(-4.6, y - 1.4), (-5.6, 147.2), (-8.2, 145.6)], 0.95),
        minus=("supraspinous-fossa",),
    )
    b.zone(
        "shoulder-back-spillover",
        "back",
        "spillover",
        "Back of the shoulder, towards the acromion",
        "Achterkant van de schouder, richting het acromion",
        ellipse(spine.x - 5.4, spine.y + 0.4, 1.8, 1.5),
        minus=("supraspinous-fossa",),
    )
    _joint_marker(b, "C5–C6", y, 2.1)
    return _facet_meta(
        "C5-C6",
        "the lower neck and over the top of the shoulder blade",
        "de onderste nek en over de bovenkant van het schouderblad",
        [DWYER, APRILL, COOPER],
    )


def facet_c6_c7(b: Builder) -> dict[str, Any]:
    """C6-7: over the shoulder blade (supraspinous and infraspinous fossae), down towards its
    lower part (Dwyer et al. 1990; Cooper et al. 2007)."""
    y = _cervical_y(b, 6)
    inferior = b.lm("back", "inferior-angle-of-scapula-left")
    spine = b.lm("back", "spine-of-scapula-left")
    b.zone(
        "scapula",
        "back",
        "essential",
        "Over the shoulder blade, down towards its lower angle",
        "Over het schouderblad, tot bij de onderste punt",
        ellipse(-11.2, (spine.y + inferior.y) / 2 + 0.6, 3.4, 6.4, angle=-6),
    )
    b.zone(
        "lower-neck-spillover",
        "back",
        "spillover",
        "Lower neck, beside the spine",
        "Onderste nek, naast de wervelkolom",
        band([(-3.4, y - 0.2), (-4.4, 147.0), (-6.6, 144.6)], 0.9),
        minus=("scapula",),
    )
    _joint_marker(b, "C6–C7", y, 2.2)
    return _facet_meta(
        "C6-C7",
        "the shoulder blade, down towards its lower angle",
        "het schouderblad, tot bij de onderste punt",
        [DWYER, APRILL, COOPER],
    )


def facet_c7_t1(b: Builder) -> dict[str, Any]:
    """C7-T1: the upper interscapular region beside the upper thoracic spine, medial to the
    shoulder blade (Cooper, Bailey & Bogduk 2007)."""
    c7 = b.lm("back", "c7")
    y = round((c7.y + b.spine("T1")) / 2, 2)
    b.zone(
        "interscapular-upper",
        "back",
        "essential",
        "Between the shoulder blades, upper part",
        "Tussen de schouderbladen, bovenste deel",
        rounded_box(-7.0, b.spine("T5"), -1.2, y + 0.8, 1.6),
    )
    b.zone(
        "neck-base-spillover",
        "back",
        "spillover",
        "Base of the neck",
        "Onderkant van de nek",
        ellipse(-3.6, c7.y + 0.6, 1.6, 1.4),
        minus=("interscapular-upper",),
    )
    _joint_marker(b, "C7–T1", y, 2.3)
    meta = _facet_meta(
        "C7-T1",
        "the upper back between the shoulder blades",
        "de bovenrug tussen de schouderbladen",
        [COOPER, DWYER],
    )
    meta["credit"] = "Cooper, Bailey & Bogduk, Pain Med 2007"
    return meta


# --------------------------------------------------------------------------------------
# Lumbar zygapophysial joints (back view; T12/L1 y 113, L4 105, S1 99)
# --------------------------------------------------------------------------------------


def _lumbar_band(b: Builder, y: float, up: float, down: float) -> Any:
    return rounded_box(-7.6, y - down, -1.0, y + up, 1.6)


def facet_l1_l2(b: Builder) -> dict[str, Any]:
    """L1-2: the (upper) lumbar region only (Fukui et al. 1997)."""
    y = _lumbar_y(b, "L1", "L2")
    b.zone(
        "lumbar-upper",
        "back",
        "essential",
        "Upper lower back, beside the spine",
        "Bovenste deel van de onderrug, naast de wervelkolom",
        _lumbar_band(b, y, 3.8, 2.8),
    )
    b.zone(
        "flank-spillover",
        "back",
        "spillover",
        "Side of the lower back, towards the flank",
        "Zijkant van de onderrug, richting de flank",
        ellipse(-10.0, y + 0.4, 2.4, 3.2),
        minus=("lumbar-upper",),
    )
    _joint_marker(b, "L1–L2", y, 2.4)
    return _facet_meta(
        "L1-L2",
        "the upper part of the lower back",
        "het bovenste deel van de onderrug",
        [FUKUI, MCCALL],
    )


def facet_l2_l3(b: Builder) -> dict[str, Any]:
    """L2-3: the lumbar region and the upper buttock (Fukui et al. 1997)."""
    y = _lumbar_y(b, "L2", "L3")
    crest = b.lm("back", "iliac-crest-left")
    b.zone(
        "lumbar",
        "back",
        "essential",
        "Lower back, beside the spine",
        "Onderrug, naast de wervelkolom",
        _lumbar_band(b, y, 3.0, 3.0),
    )
    b.zone(
        "buttock-upper",
        "back",
        "essential",
        "Upper buttock, below the iliac crest",
        "Bovenkant van de bil, onder de bekkenkam",
        ellipse(crest.x + 4.4, crest.y - 4.6, 3.0, 1.9, angle=-8),
        minus=("lumbar",),
    )
    b.zone(
        "flank-spillover",
        "back",
        "spillover",
        "Side of the lower back, over the iliac crest",
        "Zijkant van de onderrug, over de bekkenkam",
        ellipse(crest.x + 3.2, crest.y + 1.6, 2.4, 2.2),
        minus=("lumbar", "buttock-upper"),
    )
    _joint_marker(b, "L2–L3", y, 2.5)
    return _facet_meta(
        "L2-L3",
        "the lower back and the upper buttock",
        "de onderrug en de bovenkant van de bil",
        [FUKUI, MCCALL],
    )


def facet_l3_l4(b: Builder) -> dict[str, Any]:
    """L3-4: the lumbar region, the buttock and the greater trochanter, sometimes the outer
    thigh (Fukui et al. 1997)."""
    y = _lumbar_y(b, "L3", "L4")
    gt = b.lm("back", "greater-trochanter-left")
    b.zone(
        "lumbar",
        "back",
        "essential",
        "Lower back, beside the spine",
        "Onderrug, naast de wervelkolom",
        _lumbar_band(b, y, 2.6, 3.0),
    )
    b.zone(
        "buttock-trochanter",
        "back",
        "essential",
        "Outer buttock, over the greater trochanter",
        "Buitenkant van de bil, over de grote rolheuvel",
        ellipse(gt.x + 3.2, gt.y + 1.8, 3.4, 3.0),
        minus=("lumbar",),
    )
    b.zone(
        "thigh-lateral-spillover",
        "back",
        "spillover",
        "Outer side of the upper thigh",
        "Buitenzijde van het bovenbeen, bovenste deel",
        band([gt.at(1.6, -4.0), gt.at(2.6, -12.0)], 1.5),
        minus=("buttock-trochanter",),
    )
    _joint_marker(b, "L3–L4", y, 2.6)
    return _facet_meta(
        "L3-L4",
        "the lower back, the outer buttock over the hip bone and sometimes the outer thigh",
        "de onderrug, de buitenkant van de bil over de heup en soms de buitenzijde van het "
        "bovenbeen",
        [FUKUI, MCCALL],
    )


def facet_l4_l5(b: Builder) -> dict[str, Any]:
    """L4-5: the lumbar region, the buttock, the greater trochanter and the lateral and
    posterior thigh (Fukui et al. 1997; McCall et al. 1979)."""
    y = _lumbar_y(b, "L4", "L5")
    gt = b.lm("back", "greater-trochanter-left")
    b.zone(
        "lumbar",
        "back",
        "essential",
        "Low back, beside the spine",
        "Lage rug, naast de wervelkolom",
        _lumbar_band(b, y, 2.4, 3.2),
    )
    b.zone(
        "buttock",
        "back",
        "essential",
        "Buttock, out to the greater trochanter",
        "Bil, tot aan de grote rolheuvel",
        ellipse(-11.0, gt.y + 0.6, 4.6, 3.2, angle=-6),
        minus=("lumbar",),
    )
    b.zone(
        "thigh-posterolateral",
        "back",
        "essential",
        "Back and outer side of the upper thigh",
        "Achter- en buitenzijde van het bovenbeen, bovenste deel",
        band([(-12.0, 83.6), (-12.2, 72.0)], 1.7),
        minus=("buttock",),
    )
    b.zone(
        "thigh-spillover",
        "back",
        "spillover",
        "Back of the thigh, lower down",
        "Achterzijde van het bovenbeen, lager",
        band([(-12.0, 70.0), (-11.2, 62.0)], 1.5),
        minus=("thigh-posterolateral",),
    )
    _joint_marker(b, "L4–L5", y, 2.7)
    return _facet_meta(
        "L4-L5",
        "the low back, the buttock out to the hip bone and the back and outer side of the thigh",
        "de lage rug, de bil tot aan de heup en de achter- en buitenzijde van het bovenbeen",
        [FUKUI, MCCALL],
    )


def facet_l5_s1(b: Builder) -> dict[str, Any]:
    """L5-S1: the lumbosacral region, the buttock and the back of the thigh (Fukui et al.
    1997; McCall et al. 1979)."""
    y = _lumbar_y(b, "L5", "S1")
    fold = b.lm("back", "gluteal-fold-left")
    b.zone(
        "lumbosacral",
        "back",
        "essential",
        "Lowest part of the back, beside the spine",
        "Onderste deel van de rug, naast de wervelkolom",
        _lumbar_band(b, y, 2.2, 2.6),
    )
    b.zone(
        "buttock-medial",
        "back",
        "essential",
        "Middle and lower buttock",
        "Midden en onderkant van de bil",
        ellipse(-6.8, 88.8, 3.4, 4.6),
        minus=("lumbosacral",),
    )
    b.zone(
        "thigh-back",
        "back",
        "essential",
        "Back of the thigh, upper part",
        "Achterzijde van het bovenbeen, bovenste deel",
        band([fold.at(0.8, -1.6), fold.at(0.6, -10.0)], 1.8),
        minus=("buttock-medial",),
    )
    b.zone(
        "thigh-spillover",
        "back",
        "spillover",
        "Back of the thigh, towards the knee",
        "Achterzijde van het bovenbeen, richting de knie",
        band([fold.at(0.6, -12.2), fold.at(0.4, -20.0)], 1.6),
        minus=("thigh-back",),
    )
    _joint_marker(b, "L5–S1", y, 2.8)
    return _facet_meta(
        "L5-S1",
        "the lowest part of the back, the buttock and the back of the thigh",
        "het onderste deel van de rug, de bil en de achterzijde van het bovenbeen",
        [FUKUI, MCCALL],
    )


# --------------------------------------------------------------------------------------
# Sacroiliac joint and hip joint
# --------------------------------------------------------------------------------------


def sacroiliac(b: Builder) -> dict[str, Any]:
    """Sacroiliac joint (Fortin et al. 1994; Slipman et al. 2000).

    Fortin: an area about 3 x 10 cm just inferior to the posterior superior iliac spine in
    every volunteer.  Slipman (50 patients): buttock 94 %, lower lumbar region 72 %,
    posterior thigh 48 %, lower leg 28 %, groin 14 %, foot 12 %.  Essential: the buttock
    below the PSIS (Fortin's area); spillover: the lower lumbar region, the back of the thigh,
    the lower leg and the groin.
    """
    psis = b.lm("back", "psis-left")
    b.zone(
        "below-psis",
        "back",
        "essential",
        "Buttock just below the posterior iliac spine (PSIS)",
        "Bil vlak onder de spina iliaca posterior superior (SIPS)",
        rounded_box(psis.x - 2.6, psis.y - 10.4, psis.x + 1.6, psis.y + 0.8, 1.5),
    )
    b.zone(
        "lower-lumbar",
        "back",
        "spillover",
        "Lower lumbar region",
        "Onderste deel van de lage rug",
        rounded_box(psis.x - 3.0, psis.y + 0.9, psis.x + 3.3, psis.y + 6.0, 1.4),
        minus=("below-psis",),
    )
    fold = b.lm("back", "gluteal-fold-left")
    b.zone(
        "thigh-back",
        "back",
        "spillover",
        "Back of the thigh",
        "Achterzijde van het bovenbeen",
        band([fold.at(1.6, -1.0), fold.at(1.2, -18.0)], 1.6),
    )
    knee = b.lm("back", "knee-left")
    b.zone(
        "lower-leg",
        "back",
        "spillover",
        "Back of the lower leg",
        "Achterzijde van het onderbeen",
        band([knee.at(-0.6, -7.0), knee.at(-0.4, -20.0)], 1.3),
    )
    tubercle = b.lm("front", "pubic-tubercle-left")
    b.zone(
        "groin",
        "front",
        "spillover",
        "Groin",
        "Lies",
        ellipse(*tubercle.at(3.2, 2.2), 2.4, 1.6, angle=40),
    )
    b.marker(
        "joint",
        "back",
        *psis.at(0.7, -1.6),
        "Sacroiliac joint, just below and inside the PSIS",
        "SI-gewricht, vlak onder en binnen de spina iliaca posterior superior (SIPS)",
    )
    return {
        "kind": "joint",
        "names": {"en": "Sacroiliac joint", "nl": "Sacro-iliacaal gewricht (SI-gewricht)"},
        "short_names": {"en": "SI joint", "nl": "SI-gewricht"},
        "summary": {
            "en": "Pain from the sacroiliac joint is felt in the buttock just below the "
            "posterior iliac spine, often also in the lower back and the back of the thigh, "
            "sometimes in the lower leg or the groin, on the same side.",
            "nl": "Pijn uit het SI-gewricht wordt gevoeld in de bil vlak onder de spina "
            "iliaca posterior superior (SIPS), vaak ook in de lage rug en aan de achterzijde "
            "van het bovenbeen, soms in het onderbeen of de lies, aan dezelfde kant.",
        },
        "credit": "Fortin et al., Spine 1994; Slipman et al., Arch Phys Med Rehabil 2000",
        "sources": [FORTIN, SLIPMAN],
    }


def hip(b: Builder) -> dict[str, Any]:
    """Hip joint (Lesher et al. 2008: buttock 71 %, thigh 55 %, groin 55 %, lower leg 22 %,
    foot 6 %, knee 2 %).  Essential: the groin and the buttock; spillover: the front and
    back of the thigh, the knee and the lower leg."""
    asis = b.lm("front", "asis-left")
    sym = b.lm("front", "pubic-symphysis")
    mid = ((asis.x + sym.x) / 2, (asis.y + sym.y) / 2)  # the mid-inguinal point
    b.zone(
        "groin",
        "front",
        "essential",
        "Groin",
        "Lies",
        ellipse(mid[0] + 0.6, mid[1] - 2.6, 3.8, 2.8, angle=35),
    )
    b.zone(
        "thigh-front",
        "front",
        "spillover",
        "Front of the thigh",
        "Voorzijde van het bovenbeen",
        band([(mid[0] + 2.2, mid[1] - 7.0), (mid[0] + 3.0, 60.0)], 2.2),
        minus=("groin",),
    )
    knee = b.lm("front", "knee-left")
    b.zone(
        "knee-leg",
        "front",
        "spillover",
        "Knee and the front of the lower leg",
        "Knie en voorzijde van het onderbeen",
        band([knee.at(0.0, 3.5), knee.at(0.8, -14.0)], 1.5),
    )
    gt = b.lm("back", "greater-trochanter-left")
    b.zone(
        "buttock",
        "back",
        "essential",
        "Buttock",
        "Bil",
        ellipse(gt.x + 6.4, gt.y - 2.0, 4.2, 4.4),
        within="buttock-left",
    )
    fold = b.lm("back", "gluteal-fold-left")
    b.zone(
        "thigh-back",
        "back",
        "spillover",
        "Back of the thigh",
        "Achterzijde van het bovenbeen",
        band([fold.at(-1.8, -2.2), fold.at(-1.6, -16.0)], 1.8),
        minus=("buttock",),
    )
    b.marker(
        "joint",
        "front",
        mid[0] + 0.5,
        mid[1] - 2.2,
        "Hip joint, just below the middle of the groin crease",
        "Heupgewricht, vlak onder het midden van de liesplooi",
    )
    return {
        "kind": "joint",
        "names": {"en": "Hip joint", "nl": "Heupgewricht"},
        "short_names": {"en": "Hip", "nl": "Heup"},
        "summary": {
            "en": "Pain from the hip joint is felt in the groin and the buttock, often also in "
            "the front or back of the thigh, sometimes down to the knee and the lower leg, on "
            "the same side.",
            "nl": "Pijn uit het heupgewricht wordt gevoeld in de lies en de bil, vaak ook aan "
            "de voor- of achterzijde van het bovenbeen, soms tot in de knie en het onderbeen, "
            "aan dezelfde kant.",
        },
        "credit": "Lesher et al., Pain Med 2008",
        "sources": [LESHER],
    }


#: The patterns of this module by name.
PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "joint-facet-c2-c3": facet_c2_c3,
    "joint-facet-c3-c4": facet_c3_c4,
    "joint-facet-c4-c5": facet_c4_c5,
    "joint-facet-c5-c6": facet_c5_c6,
    "joint-facet-c6-c7": facet_c6_c7,
    "joint-facet-c7-t1": facet_c7_t1,
    "joint-facet-l1-l2": facet_l1_l2,
    "joint-facet-l2-l3": facet_l2_l3,
    "joint-facet-l3-l4": facet_l3_l4,
    "joint-facet-l4-l5": facet_l4_l5,
    "joint-facet-l5-s1": facet_l5_s1,
    "joint-sacroiliac": sacroiliac,
    "joint-hip": hip,
}
