"""Organ (visceral) referral patterns (issue 12), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder`, adds the zones and the organ's marker (its
surface projection, ``b.marker(...)``) and returns the pattern's metadata with
``"kind": "organ"``, ``"red_flag": true`` and a ``red_flag_note`` in English and Dutch: one
plain sentence saying what the pain can come from and what to rule out (the ranking prefixes
it with the pattern's name and side).  The zones follow the classic textual descriptions of
referred visceral pain (Head 1893; Cervero & Laird 1999; Bates' Guide; Pancoast 1932;
McBurney 1889 for the appendix), in our own geometry.

Unpaired organs (heart, gallbladder, stomach and duodenum, pancreas, appendix, bladder,
uterus) are drawn where they refer, once, with ``"laterality": "bilateral"`` (side
``both``, no mirror); paired ones (kidney and ureter, diaphragm, lung apex) are drawn for the
patient's LEFT side and mirrored.  Frame: FRONT view patient-left is x > 0, BACK view
patient-left is x < 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from make_patterns import Builder, band, ellipse, rounded_box

HEAD = (
    "Head H. On disturbances of sensation with especial reference to the pain of visceral "
    "disease. Brain. 1893;16(1-2):1-133."
)
CERVERO = "Cervero F, Laird JMA. Visceral pain. Lancet. 1999;353(9170):2145-2148."
BATES = (
    "Bickley LS, Szilagyi PG, Hoffman RM, Soriano RP. Bates' Guide to Physical Examination "
    "and History Taking. 13th ed. Philadelphia: Wolters Kluwer; 2021."
)
MCBURNEY = (
    "McBurney C. Experience with early operative interference in cases of disease of the "
    "vermiform appendix. N Y Med J. 1889;50:676-684."
)
PANCOAST = (
    "Pancoast HK. Superior pulmonary sulcus tumor: tumor characterized by pain, Horner's "
    "syndrome, destruction of bone and atrophy of hand muscles. JAMA. 1932;99(17):1391-1396."
)
KENT = (
    "Kent KC. Clinical practice. Abdominal aortic aneurysms. N Engl J Med. 2014;371(22):2101-2108."
)
HAGAN = (
    "Hagan PG, Nienaber CA, Isselbacher EM, et al. The International Registry of Acute Aortic "
    "Dissection (IRAD): new insights into an old disease. JAMA. 2000;283(7):897-903."
)
CREDIT = "Head 1893; Cervero & Laird, Lancet 1999; Bates' Guide to Physical Examination"

#: The ulnar (inner) side of the LEFT arm in the front view, from the armpit to the little
#: finger (palms face forward, so the ulnar border is the inner edge); the back view's is
#: its mirror image (x -> -x).
_ULNAR_UPPER_ARM = [(20.9, 128.0), (22.9, 120.0), (25.3, 112.6)]
_ULNAR_FOREARM = [(26.0, 110.2), (29.6, 100.0), (33.1, 90.0), (34.1, 82.0), (34.4, 71.4)]


def _back(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(-x, y) for x, y in points]


def _organ(
    names: tuple[str, str],
    short: tuple[str, str],
    summary: tuple[str, str],
    note: tuple[str, str],
    sources: list[str],
    paired: bool,
    revisions: Sequence[tuple[str, str]] = (),
    sex: str | None = None,
) -> dict[str, Any]:
    """The metadata of an organ pattern; ``revisions`` as ``(change, reason)`` pairs.

    ``sex`` (``"female"`` or ``"male"``) marks an organ only one sex has: it raises no red
    flag for a patient of the other sex (see ``bodymap.analysis.redflags``).
    """
    meta: dict[str, Any] = {
        "kind": "organ",
        "red_flag": True,
        **({"sex": sex} if sex is not None else {}),
        "red_flag_note": {"en": note[0], "nl": note[1]},
        "names": {"en": names[0], "nl": names[1]},
        "short_names": {"en": short[0], "nl": short[1]},
        "summary": {"en": summary[0], "nl": summary[1]},
        "credit": CREDIT,
        "sources": sources,
    }
    if not paired:
        meta.update({"laterality": "bilateral", "referral": "bilateral", "drawn_side": "both"})
    if revisions:
        meta["revisions"] = [{"change": c, "reason": r} for c, r in revisions]
    return meta


def heart(b: Builder) -> dict[str, Any]:
    """Heart (angina, myocardial infarction): pressure behind the sternum and over the left
    chest, radiating to the inner (ulnar) side of the left arm, the left shoulder, the neck
    and the jaw, sometimes felt in the epigastrium, between the shoulder blades or in the
    inner side of the right arm (Head 1893: T1-T4 zones; Bates).  The warning is urgent:
    chest pain with these features is an emergency."""
    b.zone(
        "chest",
        "front",
        "essential",
        "Behind the breastbone and over the left chest",
        "Achter het borstbeen en over de linkerborst",
        ellipse(2.8, 130.5, 5.6, 6.0),
    )
    b.zone(
        "arm-inner-upper",
        "front",
        "essential",
        "Inner side of the left upper arm",
        "Binnenzijde van de linkerbovenarm",
        band(_ULNAR_UPPER_ARM, 1.1),
    )
    b.zone(
        "forearm-ulnar",
        "front",
        "spillover",
        "Little-finger side of the left forearm and hand",
        "Pinkzijde van de linkeronderarm en -hand",
        band(_ULNAR_FOREARM, 0.95),
        minus=("arm-inner-upper",),
    )
    b.zone(
        "shoulder-left",
        "front",
        "spillover",
        "Front of the left shoulder",
        "Voorkant van de linkerschouder",
        ellipse(16.4, 139.2, 2.8, 2.3),
    )
    jaw = b.lm("front", "angle-of-jaw-left")
    b.zone(
        "neck-jaw",
        "front",
        "spillover",
        "Throat, neck and lower jaw",
        "Keel, hals en onderkaak",
        ellipse(0.0, 149.0, 3.6, 2.4).union(
            band([(-jaw.x + 0.6, jaw.y), (0.0, 152.4), (jaw.x - 0.6, jaw.y)], 0.9)
        ),
    )
    b.zone(
        "epigastrium",
        "front",
        "spillover",
        "Upper abdomen, below the breastbone",
        "Bovenbuik, onder het borstbeen",
        ellipse(0.0, 117.0, 4.0, 2.6),
        minus=("chest",),
    )
    b.zone(
        "arm-inner-upper-right",
        "front",
        "spillover",
        "Inner side of the right upper arm",
        "Binnenzijde van de rechterbovenarm",
        band([(-x, y) for x, y in _ULNAR_UPPER_ARM], 1.1),
    )
    b.zone(
        "between-shoulder-blades",
        "back",
        "spillover",
        "Between the shoulder blades",
        "Tussen de schouderbladen",
        rounded_box(-5.5, b.spine("T6"), 5.5, b.spine("T2"), 2.0),
    )
    b.marker(
        "organ",
        "front",
        4.0,
        128.5,
        "Heart, over the precordium left of the breastbone",
        "Hart, over de precordiale streek links van het borstbeen",
    )
    return _organ(
        ("Heart", "Hart"),
        ("Heart", "Hart"),
        (
            "Pain from the heart (angina, heart attack) is felt behind the breastbone and over "
            "the left chest, often in the inner side of the left arm, sometimes in the left "
            "shoulder, the neck and jaw, the upper abdomen, between the shoulder blades or in "
            "the right arm.",
            "Pijn vanuit het hart (angina pectoris, hartinfarct) wordt gevoeld achter het "
            "borstbeen en over de linkerborst, vaak aan de binnenzijde van de linkerarm, soms "
            "in de linkerschouder, de hals en kaak, de bovenbuik, tussen de schouderbladen of "
            "in de rechterarm.",
        ),
        (
            "pain in this area can come from the heart; urgent: for chest pain that presses "
            "or spreads to the arm, neck or jaw, or comes with breathlessness, sweating, nausea "
            "or fainting, call the emergency services (112) at once, and rule out angina or a "
            "heart attack before treating any pain here as muscle pain.",
            "pijn in dit gebied kan uit het hart komen; spoed: bel bij drukkende pijn op de "
            "borst, pijn die uitstraalt naar arm, hals of kaak, of pijn met kortademigheid, "
            "zweten, misselijkheid of flauwvallen direct 112, en sluit angina pectoris of een "
            "hartinfarct uit voordat u pijn hier als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=False,
        revisions=[
            (
                "The warning is now urgent (call the emergency services for chest pain with "
                "these features), and two spillover zones were added: between the shoulder "
                "blades and the inner side of the right upper arm.",
                "Clinical review against the classic descriptions of cardiac pain (issue 26): "
                "a heart attack is an emergency, not a matter of ruling out before treatment; "
                "cardiac pain is also referred between the shoulder blades and to the right "
                "arm.",
            )
        ],
    )


def aorta(b: Builder) -> dict[str, Any]:
    """Abdominal aorta (aneurysm, rupture or dissection): deep, central abdominal pain
    around and above the navel, boring through to the low back, and into either flank and
    groin; a dissection tears between the shoulder blades and down the back (Kent 2014;
    Hagan 2000, IRAD).  The aorta lies just left of the midline and divides at about L4, at
    the level of the navel, where a widened pulsation can be felt.  Urgent warning."""
    b.zone(
        "abdomen-central",
        "front",
        "essential",
        "Middle of the abdomen, around and above the navel",
        "Midden van de buik, rond en boven de navel",
        ellipse(0.6, b.lm("front", "navel").y + 2.5, 4.6, 6.2),
    )
    b.zone(
        "low-back",
        "back",
        "essential",
        "Middle of the low back",
        "Midden van de onderrug",
        rounded_box(-5.5, b.spine("L4") - 1.0, 5.5, b.spine("L1") + 1.0, 2.0),
    )
    for side, sign, en, nl in (
        ("left", 1.0, "Left", "Linker"),
        ("right", -1.0, "Right", "Rechter"),
    ):
        b.zone(
            f"flank-{side}",
            "front",
            "spillover",
            f"{en} flank",
            f"{nl}flank",
            ellipse(sign * 12.0, 107.0, 2.6, 5.0),
            minus=("abdomen-central",),
        )
        b.zone(
            f"flank-back-{side}",
            "back",
            "spillover",
            f"{en} flank, from behind",
            f"{nl}flank, aan de achterzijde",
            ellipse(-sign * 11.0, 108.0, 3.0, 4.6),
            minus=("low-back",),
        )
        asis = b.lm("front", f"asis-{side}")
        tubercle = b.lm("front", f"pubic-tubercle-{side}")
        b.zone(
            f"groin-{side}",
            "front",
            "spillover",
            f"{en} groin",
            f"{nl}lies",
            band([asis.at(-sign * 1.5, -1.2), tubercle.at(sign * 1.5, 1.2)], 1.3),
        )
    b.zone(
        "between-shoulder-blades",
        "back",
        "spillover",
        "Between the shoulder blades (dissection)",
        "Tussen de schouderbladen (dissectie)",
        rounded_box(-4.5, b.spine("T7"), 4.5, b.spine("T3"), 2.0),
    )
    navel = b.lm("front", "navel")
    b.marker(
        "organ",
        "front",
        navel.x + 1.0,
        navel.y + 3.0,
        "Abdominal aorta, just left of the midline above the navel",
        "Buikaorta, net links van de middellijn boven de navel",
    )
    meta = _organ(
        ("Abdominal aorta", "Buikaorta"),
        ("Aorta", "Aorta"),
        (
            "Pain from the abdominal aorta (a widening, an aneurysm, that leaks or tears, or a "
            "dissection) is felt deep in the middle of the abdomen and through to the low back, "
            "often in a flank or the groin, with a dissection also between the shoulder "
            "blades.",
            "Pijn vanuit de buikaorta (een verwijding, een aneurysma, dat lekt of scheurt, of "
            "een dissectie) wordt diep in het midden van de buik gevoeld en door naar de "
            "onderrug, vaak in een flank of de lies, bij een dissectie ook tussen de "
            "schouderbladen.",
        ),
        (
            "pain in this area can come from the aorta; urgent: for sudden, severe pain in the "
            "abdomen, back or flank, especially with a pulsating swelling in the abdomen, "
            "fainting or pallor, call the emergency services (112) at once, and rule out an "
            "aortic aneurysm or dissection before treating any pain here as muscle pain.",
            "pijn in dit gebied kan uit de aorta komen; spoed: bel bij plotselinge, hevige pijn "
            "in buik, rug of flank, zeker met een kloppende zwelling in de buik, flauwvallen of "
            "bleekheid, direct 112, en sluit een aneurysma of dissectie van de aorta uit "
            "voordat u pijn hier als spierpijn behandelt.",
        ),
        [KENT, HAGAN, BATES],
        paired=False,
        revisions=[
            (
                "New pattern: central abdomen and low back (essential), both flanks, both "
                "groins and between the shoulder blades (spillover), with an urgent warning.",
                "Clinical review (issue 26): an abdominal aortic aneurysm or dissection is a "
                "red flag that can present as low-back or flank pain and was missing from the "
                "atlas.",
            )
        ],
    )
    meta["credit"] = "Kent, N Engl J Med 2014; Hagan et al. (IRAD), JAMA 2000; Bates' Guide"
    return meta


def gallbladder(b: Builder) -> dict[str, Any]:
    """Gallbladder (biliary colic, cholecystitis): the right upper quadrant and the
    epigastrium, referred to the right shoulder blade's lower angle and the right shoulder
    (Head 1893; Bates).  Murphy's point: the tip of the right 9th costal cartilage, where the
    right midclavicular line meets the costal margin."""
    b.zone(
        "right-upper-quadrant",
        "front",
        "essential",
        "Right upper abdomen, below the ribs",
        "Rechterbovenbuik, onder de ribben",
        ellipse(-7.6, 114.4, 4.3, 3.6, angle=-15),
    )
    b.zone(
        "epigastrium",
        "front",
        "essential",
        "Upper abdomen, below the breastbone",
        "Bovenbuik, onder het borstbeen",
        ellipse(-1.8, 116.6, 3.0, 2.8),
        minus=("right-upper-quadrant",),
    )
    angle = b.lm("back", "inferior-angle-of-scapula-right")
    b.zone(
        "scapula-right",
        "back",
        "spillover",
        "Below the right shoulder blade",
        "Onder het rechterschouderblad",
        ellipse(*angle.at(0.0, -0.6), 3.0, 2.6),
    )
    acromion = b.lm("back", "acromion-right")
    b.zone(
        "shoulder-right",
        "back",
        "spillover",
        "Top of the right shoulder",
        "Bovenkant van de rechterschouder",
        ellipse(*acromion.at(-3.6, 0.2), 2.8, 1.3),
    )
    b.marker(
        "organ",
        "front",
        -8.6,
        115.6,
        "Gallbladder, at the tip of the right 9th costal cartilage (Murphy's point)",
        "Galblaas, bij de punt van het 9e ribkraakbeen rechts (punt van Murphy)",
    )
    return _organ(
        ("Gallbladder", "Galblaas"),
        ("Gallbladder", "Galblaas"),
        (
            "Pain from the gallbladder (biliary colic, inflammation) is felt in the right "
            "upper abdomen and below the breastbone, and can be referred to below the right "
            "shoulder blade and the right shoulder.",
            "Pijn vanuit de galblaas (galsteenkoliek, ontsteking) wordt gevoeld in de "
            "rechterbovenbuik en onder het borstbeen, en kan uitstralen naar onder het "
            "rechterschouderblad en de rechterschouder.",
        ),
        (
            "pain in this area can come from the gallbladder; rule out gallstones or "
            "gallbladder inflammation before treating it as muscle pain.",
            "pijn in dit gebied kan uit de galblaas komen; sluit galstenen of een "
            "galblaasontsteking uit voordat u het als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=False,
    )


def stomach(b: Builder) -> dict[str, Any]:
    """Stomach and duodenum (peptic ulcer): the epigastrium; a posterior duodenal ulcer can
    refer to the mid-back, T6-T10 (Head 1893: T6-T9 zones; Bates)."""
    b.zone(
        "epigastrium",
        "front",
        "essential",
        "Upper abdomen, below the breastbone",
        "Bovenbuik, onder het borstbeen",
        ellipse(1.2, 116.4, 4.6, 3.3),
    )
    b.zone(
        "mid-back",
        "back",
        "spillover",
        "Middle of the back (T6-T10)",
        "Midden van de rug (T6-T10)",
        rounded_box(-3.6, b.spine("T10"), 3.6, b.spine("T6"), 1.5),
    )
    b.marker(
        "organ",
        "front",
        3.4,
        116.2,
        "Stomach, below the left costal margin and the breastbone",
        "Maag, onder de linkerribbenboog en het borstbeen",
    )
    return _organ(
        ("Stomach and duodenum", "Maag en twaalfvingerige darm"),
        ("Stomach", "Maag"),
        (
            "Pain from the stomach or duodenum (an ulcer, gastritis) is felt in the upper "
            "abdomen below the breastbone; an ulcer at the back of the duodenum can be felt in "
            "the middle of the back.",
            "Pijn vanuit de maag of de twaalfvingerige darm (een zweer, maagslijmvliesontsteking) "
            "wordt gevoeld in de bovenbuik onder het borstbeen; een zweer aan de achterkant "
            "van de twaalfvingerige darm kan midden in de rug gevoeld worden.",
        ),
        (
            "pain in this area can come from the stomach or duodenum; rule out an ulcer "
            "before treating it as muscle pain.",
            "pijn in dit gebied kan uit de maag of de twaalfvingerige darm komen; sluit een "
            "maagzweer uit voordat u het als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=False,
    )


def pancreas(b: Builder) -> dict[str, Any]:
    """Pancreas (pancreatitis, tumour): the epigastrium, boring through in a band to the
    mid-back at T10-L1 (Cervero & Laird 1999; Bates)."""
    b.zone(
        "epigastrium-band",
        "front",
        "essential",
        "Band across the upper abdomen",
        "Band dwars over de bovenbuik",
        band([(-4.6, 110.6), (1.0, 111.6), (6.6, 113.0)], 2.1),
    )
    b.zone(
        "left-upper-quadrant",
        "front",
        "spillover",
        "Left upper abdomen",
        "Linkerbovenbuik",
        ellipse(10.2, 112.6, 2.4, 3.0),
        minus=("epigastrium-band",),
    )
    b.zone(
        "back-band",
        "back",
        "essential",
        "Band across the back (T10-L1)",
        "Band dwars over de rug (T10-L1)",
        rounded_box(-8.0, b.spine("L1"), 8.0, b.spine("T10"), 2.0),
    )
    b.marker(
        "organ",
        "front",
        1.6,
        112.4,
        "Pancreas, halfway between the breastbone and the navel",
        "Alvleesklier, halverwege borstbeen en navel",
    )
    return _organ(
        ("Pancreas", "Alvleesklier (pancreas)"),
        ("Pancreas", "Pancreas"),
        (
            "Pain from the pancreas (inflammation, a tumour) is felt in the upper abdomen and "
            "boring through to the back in a band at the level of the lowest ribs.",
            "Pijn vanuit de alvleesklier (ontsteking, een tumor) wordt gevoeld in de bovenbuik "
            "en trekt als een band door naar de rug ter hoogte van de onderste ribben.",
        ),
        (
            "pain in this area can come from the pancreas; rule out pancreatitis or a "
            "pancreatic tumour before treating it as muscle pain.",
            "pijn in dit gebied kan uit de alvleesklier komen; sluit een "
            "alvleesklierontsteking of -tumor uit voordat u het als spierpijn behandelt.",
        ),
        [CERVERO, HEAD, BATES],
        paired=False,
    )


def kidney(b: Builder) -> dict[str, Any]:
    """Kidney and ureter (pyelonephritis, stone): the flank at the costovertebral angle
    (essential, back), along the ureter from the loin to the groin and the front of the thigh
    (ureteric colic, spillover) (Head 1893: T10-L1; Bates)."""
    cva_y = b.lm("back", "t12-l1").y
    b.zone(
        "costovertebral-angle",
        "back",
        "essential",
        "Flank at the angle between the lowest rib and the spine",
        "Flank in de hoek tussen de onderste rib en de wervelkolom",
        ellipse(-6.6, cva_y, 3.3, 3.6),
    )
    b.zone(
        "flank",
        "back",
        "spillover",
        "Side of the lower back (flank)",
        "Zijkant van de onderrug (flank)",
        ellipse(-11.6, cva_y - 2.0, 2.3, 3.4),
        minus=("costovertebral-angle",),
    )
    b.zone(
        "loin-to-groin",
        "front",
        "spillover",
        "Along the ureter from the flank to the groin and the inner front of the thigh",
        "Langs de urineleider van de flank naar de lies en de binnen-voorzijde van het bovenbeen",
        band([(13.0, 109.0), (10.4, 101.0), (7.0, 93.6), (4.8, 88.0), (5.6, 79.0)], 1.5),
    )
    b.marker(
        "organ",
        "back",
        -5.4,
        cva_y - 1.4,
        "Kidney, below the lowest rib beside the spine",
        "Nier, onder de onderste rib naast de wervelkolom",
    )
    return _organ(
        ("Kidney and ureter", "Nier en urineleider"),
        ("Kidney", "Nier"),
        (
            "Pain from the kidney (infection, a stone) is felt in the flank at the angle "
            "between the lowest rib and the spine; a stone in the ureter sends colicky pain "
            "from the loin to the groin and the inner front of the thigh, on the same side.",
            "Pijn vanuit de nier (infectie, een steen) wordt gevoeld in de flank in de hoek "
            "tussen de onderste rib en de wervelkolom; een steen in de urineleider geeft "
            "koliekpijn van de flank naar de lies en de binnen-voorzijde van het bovenbeen, "
            "aan dezelfde kant.",
        ),
        (
            "pain in this area can come from the kidney or ureter; rule out kidney disease "
            "before treating it as muscle pain.",
            "pijn in dit gebied kan uit de nier of de urineleider komen; sluit een "
            "nieraandoening uit voordat u het als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=True,
    )


def appendix(b: Builder) -> dict[str, Any]:
    """Appendix (appendicitis): early, vague pain around the navel, moving to the right lower
    quadrant at McBurney's point, one third of the way from the right ASIS to the navel
    (McBurney 1889; Bates)."""
    asis = b.lm("front", "asis-right")
    navel = b.lm("front", "navel")
    mcburney = b.between("front", "asis-right", "navel", 1 / 3)
    b.zone(
        "right-lower-quadrant",
        "front",
        "essential",
        "Right lower abdomen, at McBurney's point",
        "Rechteronderbuik, bij het punt van McBurney",
        ellipse(*mcburney, 3.2, 2.8, angle=30),
    )
    b.zone(
        "periumbilical",
        "front",
        "essential",
        "Around the navel (early)",
        "Rond de navel (vroeg)",
        ellipse(navel.x, navel.y + 0.4, 3.0, 2.4),
        minus=("right-lower-quadrant",),
    )
    b.zone(
        "iliac-fossa",
        "front",
        "spillover",
        "Right lower abdomen, towards the groin",
        "Rechteronderbuik, richting de lies",
        ellipse(asis.x + 5.0, asis.y - 2.6, 4.0, 3.0, angle=30),
        minus=("right-lower-quadrant", "periumbilical"),
    )
    b.marker(
        "organ",
        "front",
        *mcburney,
        "Appendix, McBurney's point (a third of the way from the right iliac spine to the navel)",
        "Appendix, punt van McBurney (op een derde van de lijn van de spina iliaca anterior "
        "superior rechts naar de navel)",
    )
    return _organ(
        ("Appendix", "Appendix (wormvormig aanhangsel)"),
        ("Appendix", "Appendix"),
        (
            "Pain from the appendix (appendicitis) starts vaguely around the navel and moves "
            "to the right lower abdomen at McBurney's point.",
            "Pijn vanuit de appendix (het wormvormig aanhangsel; appendicitis) begint vaag rond "
            "de navel en verplaatst zich naar de rechteronderbuik bij het punt van McBurney.",
        ),
        (
            "pain in this area can come from the appendix; rule out appendicitis before "
            "treating it as muscle pain.",
            "pijn in dit gebied kan uit de appendix komen; sluit een appendicitis uit "
            "voordat u het als spierpijn behandelt.",
        ),
        [MCBURNEY, BATES, CERVERO],
        paired=False,
    )


def bladder(b: Builder) -> dict[str, Any]:
    """Urinary bladder (cystitis, retention): suprapubic pain, sometimes in the perineum and
    over the sacrum (Head 1893: T11-L1 and S2-S4; Bates)."""
    sym = b.lm("front", "pubic-symphysis")
    b.zone(
        "suprapubic",
        "front",
        "essential",
        "Above the pubic bone",
        "Boven het schaambeen",
        ellipse(sym.x, sym.y + 4.4, 4.8, 2.8),
    )
    crotch = b.lm("front", "crotch")
    b.zone(
        "perineum",
        "front",
        "spillover",
        "Perineum",
        "Perineum (bilnaad)",
        ellipse(crotch.x, crotch.y + 2.4, 1.9, 1.3),
    )
    b.zone(
        "sacrum",
        "back",
        "spillover",
        "Over the sacrum",
        "Over het heiligbeen",
        rounded_box(-3.6, 87.6, 3.6, 97.2, 1.4),
    )
    b.marker(
        "organ",
        "front",
        sym.x,
        sym.y + 2.6,
        "Bladder, just above the pubic bone",
        "Blaas, vlak boven het schaambeen",
    )
    return _organ(
        ("Urinary bladder", "Urineblaas"),
        ("Bladder", "Blaas"),
        (
            "Pain from the bladder (infection, retention) is felt above the pubic bone, "
            "sometimes in the perineum or over the sacrum.",
            "Pijn vanuit de blaas (infectie, urineretentie) wordt gevoeld boven het schaambeen, "
            "soms in de bilnaad of over het heiligbeen.",
        ),
        (
            "pain in this area can come from the bladder; rule out a bladder infection or "
            "urinary retention before treating it as muscle pain.",
            "pijn in dit gebied kan uit de blaas komen; sluit een blaasontsteking of "
            "urineretentie uit voordat u het als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=False,
    )


def uterus(b: Builder) -> dict[str, Any]:
    """Uterus (dysmenorrhoea, endometriosis, pregnancy complications): the lower abdomen
    above the pubic bone and the low back and sacrum (Head 1893: T10-L1 and S2-S4;
    Cervero & Laird 1999)."""
    b.zone(
        "lower-abdomen",
        "front",
        "essential",
        "Lower abdomen, above the pubic bone",
        "Onderbuik, boven het schaambeen",
        ellipse(0.0, 96.8, 7.6, 3.8),
    )
    s1 = b.lm("back", "s1")
    b.zone(
        "low-back-sacrum",
        "back",
        "essential",
        "Low back and sacrum",
        "Lage rug en heiligbeen",
        rounded_box(-6.4, s1.y - 6.6, 6.4, s1.y + 5.2, 2.0),
    )
    b.zone(
        "upper-thighs",
        "front",
        "spillover",
        "Groin and inner upper thighs",
        "Liezen en binnenzijde van de bovenbenen",
        band([(-6.2, 84.0), (-4.2, 89.2)], 1.3).union(band([(6.2, 84.0), (4.2, 89.2)], 1.3)),
        minus=("lower-abdomen",),
    )
    b.marker(
        "organ",
        "front",
        0.0,
        95.2,
        "Uterus, in the midline above the pubic bone",
        "Baarmoeder, in de middellijn boven het schaambeen",
    )
    return _organ(
        ("Uterus", "Baarmoeder (uterus)"),
        ("Uterus", "Uterus"),
        (
            "Pain from the uterus (painful periods, endometriosis, complications of "
            "pregnancy) is felt in the lower abdomen and the low back and sacrum, sometimes in "
            "the groins and upper thighs.",
            "Pijn vanuit de baarmoeder (menstruatiepijn, endometriose, complicaties van een "
            "zwangerschap) wordt gevoeld in de onderbuik en de lage rug en het heiligbeen, "
            "soms in de liezen en bovenbenen.",
        ),
        (
            "pain in this area can come from the uterus; rule out a gynaecological cause "
            "(including pregnancy complications) before treating it as muscle pain.",
            "pijn in dit gebied kan uit de baarmoeder komen; sluit een gynaecologische oorzaak "
            "(ook een zwangerschapscomplicatie) uit voordat u het als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=False,
        sex="female",
    )


def diaphragm(b: Builder) -> dict[str, Any]:
    """Diaphragm (irritation of its central part by blood, pus or gas, e.g. a ruptured spleen
    on the left: Kehr's sign): the shoulder tip, C4, above the collarbone and over the top of
    the shoulder; irritation of its rim refers to the costal margin (Head 1893; Cervero &
    Laird 1999; Bates)."""
    b.zone(
        "shoulder-tip-front",
        "front",
        "essential",
        "Above the collarbone and the top of the shoulder",
        "Boven het sleutelbeen en de bovenkant van de schouder",
        band([(6.4, 145.2), (12.0, 144.4), (18.4, 143.4)], 1.05),
    )
    b.zone(
        "shoulder-tip-back",
        "back",
        "essential",
        "Top of the shoulder",
        "Bovenkant van de schouder",
        band([(-8.6, 145.0), (-14.0, 144.3), (-19.0, 143.2)], 0.9),
    )
    b.zone(
        "costal-margin",
        "front",
        "spillover",
        "Along the lower edge of the ribs",
        "Langs de onderrand van de ribben",
        band([(2.2, 119.6), (7.0, 117.2), (13.0, 113.6)], 1.3),
    )
    b.marker(
        "organ",
        "front",
        8.0,
        121.0,
        "Dome of the diaphragm, above the costal margin",
        "Koepel van het middenrif, boven de ribbenboog",
    )
    return _organ(
        ("Diaphragm", "Middenrif (diafragma)"),
        ("Diaphragm", "Middenrif"),
        (
            "Irritation of the diaphragm (by blood, pus or air in the abdomen, e.g. a ruptured "
            "spleen on the left: Kehr's sign) is felt at the tip of the shoulder and above the "
            "collarbone, sometimes along the lower edge of the ribs, on the same side.",
            "Prikkeling van het middenrif (door bloed, pus of lucht in de buik, bijvoorbeeld "
            "een gescheurde milt links: teken van Kehr) wordt gevoeld in de schouderpunt en "
            "boven het sleutelbeen, soms langs de onderrand van de ribben, aan dezelfde kant.",
        ),
        (
            "pain in this area can come from irritation of the diaphragm; rule out bleeding "
            "or infection in the abdomen or chest before treating it as muscle pain.",
            "pijn in dit gebied kan komen van prikkeling van het middenrif; sluit een bloeding "
            "of infectie in de buik of borstkas uit voordat u het als spierpijn behandelt.",
        ),
        [HEAD, CERVERO, BATES],
        paired=True,
    )


def lung_apex(b: Builder) -> dict[str, Any]:
    """Apex of the lung (Pancoast tumour of the superior sulcus): pain in the shoulder and
    along the inner border of the shoulder blade, spreading down the ulnar side of the arm to
    the little finger (C8-T1) (Pancoast 1932; Bates)."""
    sup = b.lm("back", "superior-angle-of-scapula-left")
    b.zone(
        "shoulder-scapula-border",
        "back",
        "essential",
        "Back of the shoulder and along the inner border of the shoulder blade",
        "Achterkant van de schouder en langs de binnenrand van het schouderblad",
        band([sup.at(-3.6, -0.6), sup.at(0.6, 0.2), sup.at(0.2, -5.0), sup.at(-0.6, -12.0)], 1.2),
    )
    b.zone(
        "shoulder-front",
        "front",
        "essential",
        "Front of the shoulder, above and below the collarbone",
        "Voorkant van de schouder, boven en onder het sleutelbeen",
        ellipse(10.6, 140.6, 3.2, 2.0, angle=-8),
    )
    b.zone(
        "arm-ulnar-front",
        "front",
        "spillover",
        "Inner (little-finger) side of the arm and hand",
        "Binnenzijde (pinkzijde) van arm en hand",
        band(_ULNAR_UPPER_ARM + _ULNAR_FOREARM, 0.95),
    )
    b.zone(
        "arm-ulnar-back",
        "back",
        "spillover",
        "Inner (little-finger) side of the arm and hand",
        "Binnenzijde (pinkzijde) van arm en hand",
        band(_back(_ULNAR_UPPER_ARM + _ULNAR_FOREARM), 0.95),
        minus=("shoulder-scapula-border",),
    )
    b.marker(
        "organ",
        "front",
        5.2,
        145.0,
        "Apex of the lung, above the inner third of the collarbone",
        "Longtop, boven het binnenste derde van het sleutelbeen",
    )
    return _organ(
        ("Apex of the lung", "Longtop"),
        ("Lung apex", "Longtop"),
        (
            "A tumour at the apex of the lung (Pancoast tumour) causes pain in the shoulder "
            "and along the inner border of the shoulder blade, spreading down the inner side "
            "of the arm to the little finger, on the same side.",
            "Een tumor in de longtop (pancoasttumor) geeft pijn in de schouder en langs de "
            "binnenrand van het schouderblad, uitstralend langs de binnenzijde van de arm tot "
            "in de pink, aan dezelfde kant.",
        ),
        (
            "pain in this area can come from the apex of the lung; rule out a lung tumour "
            "(Pancoast tumour) before treating it as muscle pain.",
            "pijn in dit gebied kan uit de longtop komen; sluit een longtumor "
            "(pancoasttumor) uit voordat u het als spierpijn behandelt.",
        ),
        [PANCOAST, BATES, HEAD],
        paired=True,
    )


#: The patterns of this module by name.
PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "organ-heart": heart,
    "organ-gallbladder": gallbladder,
    "organ-stomach": stomach,
    "organ-pancreas": pancreas,
    "organ-kidney": kidney,
    "organ-appendix": appendix,
    "organ-bladder": bladder,
    "organ-uterus": uterus,
    "organ-diaphragm": diaphragm,
    "organ-lung-apex": lung_apex,
    "organ-aorta": aorta,
}
