"""Cutaneous-nerve territories (issue 12), written for ``make_patterns.py``.

Imported by ``make_patterns.py`` (run that script; do not import this module first): every
function takes a :class:`make_patterns.Builder`, adds the zones and markers
(``b.marker(...)``) and returns the pattern's metadata with its ``kind`` ``"nerve"``.

Each pattern is the skin territory of one peripheral (cutaneous) nerve of the patient's LEFT
side, from the textual descriptions of the standard anatomy texts (Gray's Anatomy, 42nd ed.;
Moore, Dalley & Agur, Clinically Oriented Anatomy) and of the clinical papers cited in each
pattern.  The **essential** zone is the nerve's autonomous or most consistent area (where
loss of sensation or pain points to that nerve); the **spillover** zone the rest of its usual,
more variable territory, which overlaps its neighbours.  The **marker** is the site where the
nerve becomes superficial or is commonly entrapped (meralgia paraesthetica below the ASIS, the
carpal and cubital tunnels, Erb's point, ...), on the view where it lies.

Geometry is our own: bands and ellipses placed relative to chart landmarks.  To write the
left side once for both views the shapes of the trunk and limbs are given in "lateral"
coordinates (``|x|``, the distance from the midline; :func:`_v` turns them into the frame of a
view: FRONT view patient-left is x > 0, BACK view patient-left is x < 0).  The arm and hand
use the arm frame and finger strips of ``patterns_arm``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from make_patterns import Builder, band, ellipse, mirrored, sole_part
from patterns_arm import _arm, _arm_band, _finger
from shapely import affinity
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

#: Landmarks used here that the chart file does not define (cm, measured on the current
#: outline; each lies inside it, at the site a clinician palpates in that view).  The chart
#: file's value replaces one of these as soon as the chart defines it.
PENDING_LANDMARKS: dict[str, dict[str, tuple[float, float]]] = {
    "front": mirrored(
        {
            # the skin over the femoral triangle, below the middle of the inguinal ligament
            "femoral-triangle-left": (7.8, 87.2),
            # the first web space of the foot, between the big and the second toe (dorsum)
            "first-web-foot-left": (7.1, 1.6),
            # the carpal tunnel, just distal to the wrist crease between thenar and hypothenar
            "carpal-tunnel-left": (37.0, 85.2),
            # Guyon's canal, beside the pisiform at the ulnar side of the wrist crease
            "guyon-canal-left": (34.7, 85.0),
            # Erb's point: the middle of the posterior border of the sternocleidomastoid
            "erbs-point-left": (5.0, 150.5),
            # the middle of the clavicle
            "mid-clavicle-left": (9.5, 142.4),
        }
    ),
    "back": mirrored(
        {
            # the cubital tunnel, between the medial epicondyle and the olecranon
            "cubital-tunnel-left": (-26.9, 111.9),
            # the superior cluneal nerves cross the iliac crest about 7 cm from the midline
            "cluneal-crest-left": (-7.0, 102.3),
        }
    ),
}

GRAYS = (
    "Standring S, ed. Gray's Anatomy: The Anatomical Basis of Clinical Practice. 42nd ed. "
    "London: Elsevier; 2020."
)
MOORE = (
    "Moore KL, Dalley AF, Agur AMR. Clinically Oriented Anatomy. 8th ed. Philadelphia: "
    "Wolters Kluwer; 2018."
)
STEWART = "Stewart JD. Focal Peripheral Neuropathies. 4th ed. West Vancouver: JBJ Publishing; 2010."
CREDIT = (
    "Standring (ed.), Gray's Anatomy, 42nd ed. (2020); Moore, Dalley & Agur, Clinically "
    "Oriented Anatomy (8th ed., 2018)"
)


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _v(view: str, geom: BaseGeometry) -> BaseGeometry:
    """A left-side shape given in lateral coordinates (x = distance from the midline) in
    the frame of ``view``, kept on the patient's left of the midline."""
    placed = geom if view == "front" else affinity.scale(geom, xfact=-1.0, origin=(0, 0))
    half = box(0.05, -5, 80, 200) if view == "front" else box(-80, -5, -0.05, 200)
    return placed.intersection(half)


def _p(view: str, x: float, y: float) -> tuple[float, float]:
    """A left-side point in lateral coordinates, in the frame of ``view``."""
    return (round(x if view == "front" else -x, 2), y)


def _lat(b: Builder, view: str, name: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
    """Landmark ``name`` of ``view`` in lateral coordinates, moved ``dx`` cm laterally."""
    lm = b.lm(view, name)
    return (round(abs(lm.x) + dx, 2), round(lm.y + dy, 2))


def _meta(
    en: str,
    nl: str,
    short: tuple[str, str],
    summary: tuple[str, str],
    sources: list[str],
    revisions: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The metadata of a nerve pattern; ``revisions`` as ``(change, reason)`` pairs."""
    meta: dict[str, Any] = {
        "kind": "nerve",
        "names": {"en": en, "nl": nl},
        "short_names": {"en": short[0], "nl": short[1]},
        "summary": {"en": summary[0], "nl": summary[1]},
        "credit": CREDIT,
        "sources": [GRAYS, MOORE, *sources],
    }
    if revisions:
        meta["revisions"] = [{"change": c, "reason": r} for c, r in revisions]
    return meta


def _hand(b: Builder, view: str, radial: bool) -> BaseGeometry:
    """The palm (front) or the back of the hand (back) proximal to the webs, on the radial
    (``radial``) or ulnar side of the axis of the ring finger."""
    ring = b.lm(view, "ring-base-left")
    web = min(b.lm(view, f"{d}-base-left").y for d in ("index", "middle", "ring", "little"))
    region = b.chart["region"][f"hand-{view}-left"]
    # The thumb is lateral: the larger |x| in both views.
    lo, hi = (abs(ring.x), 60.0) if radial else (0.0, abs(ring.x))
    side = box(lo, web - 0.4, hi, 100)
    return _v(view, side).intersection(region)


# --------------------------------------------------------------------------------------
# Thigh, groin and buttock
# --------------------------------------------------------------------------------------


def lateral_femoral_cutaneous(b: Builder) -> dict[str, Any]:
    """Lateral femoral cutaneous nerve (L2-L3).

    Gray's and Moore: it enters the thigh under or through the lateral end of the inguinal
    ligament, about 1 cm medial to the ASIS, and supplies the skin of the anterolateral and
    lateral thigh down to near the knee.  Meralgia paraesthetica (Harney & Patijn 2007): burning
    and numbness in an oval on the anterolateral thigh, the nerve compressed at the ligament.
    """
    asis = _lat(b, "front", "asis-left")
    b.zone(
        "anterolateral-thigh",
        "front",
        "essential",
        "Anterolateral thigh",
        "Voor-buitenzijde van het bovenbeen",
        _v("front", ellipse(asis[0] + 1.3, asis[1] - 24.0, 2.5, 10.5, angle=4)),
    )
    b.zone(
        "lateral-thigh-spillover",
        "front",
        "spillover",
        "Lateral thigh, from below the hip to above the knee",
        "Buitenzijde van het bovenbeen, van onder de heup tot boven de knie",
        _v("front", ellipse(asis[0] + 0.8, asis[1] - 23.0, 4.0, 15.5, angle=4)),
        minus=("anterolateral-thigh",),
    )
    b.zone(
        "posterolateral-thigh-spillover",
        "back",
        "spillover",
        "Upper posterolateral thigh",
        "Bovenste achter-buitenzijde van het bovenbeen",
        _v("back", ellipse(14.2, 74.0, 2.2, 9.0, angle=3)),
    )
    b.marker(
        "inguinal-ligament",
        "front",
        *_p("front", asis[0] - 1.0, asis[1] - 1.2),
        "Under the inguinal ligament, 1 cm medial to the ASIS (meralgia paraesthetica)",
        "Onder het ligamentum inguinale, 1 cm mediaal van de SIAS (meralgia paraesthetica)",
    )
    return _meta(
        "Lateral femoral cutaneous nerve",
        "N. cutaneus femoris lateralis",
        ("LFCN", "N. cut. fem. lat."),
        (
            "The lateral femoral cutaneous nerve (L2-L3) supplies the skin of the front and "
            "outside of the thigh; entrapped under the inguinal ligament just inside the front "
            "of the pelvis it causes burning and numbness there (meralgia paraesthetica).",
            "De n. cutaneus femoris lateralis (L2-L3) verzorgt de huid aan de voor- en "
            "buitenzijde van het bovenbeen; beknelling onder de liesband vlak naast de "
            "voorkant van het bekken geeft daar branderigheid en doofheid (meralgia "
            "paraesthetica).",
        ),
        [
            "Harney D, Patijn J. Meralgia paresthetica: diagnosis and management strategies. "
            "Pain Med. 2007;8(8):669-677.",
        ],
    )


def anterior_femoral_cutaneous(b: Builder) -> dict[str, Any]:
    """Anterior cutaneous branches of the femoral nerve (L2-L4).

    Gray's and Moore: the intermediate and medial cutaneous nerves of the thigh pierce the
    fascia lata in the upper and middle thigh and supply the skin of the front and the lower
    anteromedial thigh down to the knee (they join the patellar plexus).
    """
    b.zone(
        "front-thigh",
        "front",
        "essential",
        "Front of the thigh",
        "Voorzijde van het bovenbeen",
        _v("front", band([(8.0, 81.0), (8.4, 68.0), (8.8, 57.0)], 2.1)),
    )
    b.zone(
        "medial-thigh-knee-spillover",
        "front",
        "spillover",
        "Lower inner thigh and front of the knee",
        "Onderste binnenzijde van het bovenbeen en voorzijde van de knie",
        _v("front", ellipse(6.0, 60.0, 2.5, 6.5, angle=-10).union(ellipse(8.8, 53.5, 3.0, 2.4))),
        minus=("front-thigh",),
    )
    b.marker(
        "fascia-lata",
        "front",
        *_p("front", 8.3, 80.5),
        "Where the intermediate cutaneous nerve pierces the fascia lata, upper front of the thigh",
        "Waar de n. cutaneus femoris intermedius de fascia lata doorboort, bovenaan de dij",
    )
    return _meta(
        "Anterior femoral cutaneous nerves (femoral nerve)",
        "Rami cutanei anteriores van de n. femoralis",
        ("Ant. fem. cut.", "R. cut. ant. femoralis"),
        (
            "The anterior cutaneous branches of the femoral nerve (L2-L4) supply the skin of the "
            "front and the lower inner side of the thigh, down to the knee.",
            "De rami cutanei anteriores van de n. femoralis (L2-L4) verzorgen de huid aan de "
            "voorzijde en de onderste binnenzijde van het bovenbeen, tot aan de knie.",
        ),
        [],
    )


def obturator(b: Builder) -> dict[str, Any]:
    """Obturator nerve, cutaneous branch (L2-L4).

    Gray's and Moore: the cutaneous branch of its anterior division emerges between adductor
    longus and gracilis and supplies a variable area of skin on the middle of the medial thigh
    (it may be small or absent).
    """
    b.zone(
        "medial-thigh",
        "front",
        "essential",
        "Middle of the inner thigh",
        "Midden van de binnenzijde van het bovenbeen",
        _v("front", ellipse(3.9, 67.5, 1.8, 6.0, angle=-8)),
    )
    b.zone(
        "medial-thigh-back-spillover",
        "back",
        "spillover",
        "Inner thigh, seen from behind",
        "Binnenzijde van het bovenbeen, van achteren",
        _v("back", ellipse(3.6, 67.0, 1.6, 6.5, angle=-8)),
    )
    b.marker(
        "adductor-gracilis",
        "front",
        *_p("front", 3.2, 75.0),
        "Where the cutaneous branch emerges between adductor longus and gracilis",
        "Waar de huidtak tussen de m. adductor longus en de m. gracilis tevoorschijn komt",
    )
    return _meta(
        "Obturator nerve (cutaneous branch)",
        "N. obturatorius (huidtak)",
        ("Obturator", "N. obturatorius"),
        (
            "The cutaneous branch of the obturator nerve (L2-L4) supplies a variable patch of "
            "skin in the middle of the inner thigh.",
            "De huidtak van de n. obturatorius (L2-L4) verzorgt een wisselend stuk huid midden "
            "op de binnenzijde van het bovenbeen.",
        ),
        [],
    )


def genitofemoral(b: Builder) -> dict[str, Any]:
    """Genitofemoral nerve, femoral branch (L1-L2).

    Gray's and Moore: the femoral branch passes beneath the inguinal ligament beside the
    femoral artery and supplies the skin over the femoral triangle; the genital branch runs in
    the inguinal canal to the anterior scrotum or labium majus.
    """
    tri = _lat(b, "front", "femoral-triangle-left")
    b.zone(
        "femoral-triangle",
        "front",
        "essential",
        "Skin over the femoral triangle, below the middle of the groin",
        "Huid over de trigonum femorale, onder het midden van de lies",
        _v("front", ellipse(*tri, 2.3, 2.6, angle=-20)),
    )
    b.zone(
        "genital-spillover",
        "front",
        "spillover",
        "Front of the scrotum or labium majus (genital branch)",
        "Voorzijde van scrotum of labium majus (ramus genitalis)",
        _v("front", ellipse(1.6, 85.5, 1.3, 1.9)),
    )
    b.marker(
        "inguinal-ligament",
        "front",
        *_p("front", tri[0], tri[1] + 4.4),
        "Beneath the middle of the inguinal ligament, beside the femoral artery",
        "Onder het midden van het ligamentum inguinale, naast de a. femoralis",
    )
    return _meta(
        "Genitofemoral nerve (femoral branch)",
        "N. genitofemoralis (ramus femoralis)",
        ("Genitofemoral", "N. genitofemoralis"),
        (
            "The femoral branch of the genitofemoral nerve (L1-L2) supplies a small area of "
            "skin just below the middle of the groin; its genital branch supplies the front of "
            "the scrotum or labium.",
            "De ramus femoralis van de n. genitofemoralis (L1-L2) verzorgt een klein stuk huid "
            "net onder het midden van de lies; de ramus genitalis de voorzijde van scrotum of "
            "labium.",
        ),
        [],
    )


_WHITESIDE = (
    "Whiteside JL, Barber MD, Walters MD, Falcone T. Anatomy of ilioinguinal and "
    "iliohypogastric nerves in relation to trocar placement and low transverse incisions. "
    "Am J Obstet Gynecol. 2003;189(6):1574-1578."
)


def ilioinguinal(b: Builder) -> dict[str, Any]:
    """Ilioinguinal nerve (L1).

    Gray's and Moore: it pierces the internal oblique medial to the ASIS, runs through the
    inguinal canal and leaves by the superficial ring to supply the skin of the upper medial
    thigh, the mons pubis and root of the penis or the anterior labium majus and scrotum.
    Entrapment or injury after inguinal or low transverse incisions (Whiteside 2003).
    """
    tub = _lat(b, "front", "pubic-tubercle-left")
    asis = _lat(b, "front", "asis-left")
    b.zone(
        "medial-groin",
        "front",
        "essential",
        "Inner groin, pubic area and root of the inner thigh",
        "Binnenzijde van de lies, schaamstreek en aanzet van de binnenkant van de dij",
        _v(
            "front",
            band([(tub[0] + 2.2, tub[1] + 1.8), (tub[0] - 0.4, tub[1] - 1.5), (3.0, 82.5)], 1.3),
        ),
    )
    b.zone(
        "inguinal-spillover",
        "front",
        "spillover",
        "Along the inner half of the inguinal ligament",
        "Langs de binnenste helft van de liesband",
        _v("front", band([(asis[0] - 3.0, asis[1] - 2.2), (tub[0] + 2.6, tub[1] + 2.8)], 0.9)),
        minus=("medial-groin",),
    )
    b.marker(
        "medial-to-asis",
        "front",
        *_p("front", asis[0] - 2.5, asis[1] - 0.5),
        "Medial to the ASIS, where it pierces the internal oblique",
        "Mediaal van de SIAS, waar hij de m. obliquus internus doorboort",
    )
    return _meta(
        "Ilioinguinal nerve",
        "N. ilioinguinalis",
        ("Ilioinguinal", "N. ilioinguinalis"),
        (
            "The ilioinguinal nerve (L1) supplies the skin of the inner groin, the pubic area, "
            "the front of the genitals and the root of the inner thigh; it can be trapped or "
            "injured medial to the front of the pelvis and after groin surgery.",
            "De n. ilioinguinalis (L1) verzorgt de huid van de binnenzijde van de lies, de "
            "schaamstreek, de voorzijde van de geslachtsdelen en de aanzet van de binnenkant "
            "van de dij; hij kan bekneld of beschadigd raken mediaal van de voorkant van het "
            "bekken en na liesoperaties.",
        ),
        [_WHITESIDE],
    )


def iliohypogastric(b: Builder) -> dict[str, Any]:
    """Iliohypogastric nerve (T12-L1).

    Gray's and Moore: its anterior cutaneous branch pierces the internal oblique about 2 cm
    medial to the ASIS and the external oblique aponeurosis above the superficial ring,
    supplying the skin of the suprapubic (hypogastric) region; its lateral cutaneous branch
    crosses the iliac crest to the skin of the upper lateral buttock.
    """
    asis = _lat(b, "front", "asis-left")
    b.zone(
        "suprapubic",
        "front",
        "essential",
        "Lower abdomen above the pubis",
        "Onderbuik boven het schaambeen",
        _v("front", ellipse(3.6, 93.2, 3.3, 2.4, angle=25)),
    )
    b.zone(
        "lateral-crest-spillover",
        "back",
        "spillover",
        "Upper outer buttock over the iliac crest (lateral branch)",
        "Bovenste buitenzijde van de bil over de bekkenkam (laterale tak)",
        _v("back", ellipse(14.0, 100.5, 2.2, 3.4)),
    )
    b.marker(
        "medial-to-asis",
        "front",
        *_p("front", asis[0] - 2.0, asis[1] + 1.8),
        "About 2 cm medial to the ASIS, where it pierces the internal oblique",
        "Ongeveer 2 cm mediaal van de SIAS, waar hij de m. obliquus internus doorboort",
    )
    return _meta(
        "Iliohypogastric nerve",
        "N. iliohypogastricus",
        ("Iliohypogastric", "N. iliohypogastricus"),
        (
            "The iliohypogastric nerve (T12-L1) supplies the skin of the lower abdomen above "
            "the pubis and, by a lateral branch, a patch over the top of the outer buttock.",
            "De n. iliohypogastricus (T12-L1) verzorgt de huid van de onderbuik boven het "
            "schaambeen en, met een laterale tak, een stuk huid boven op de buitenzijde van de "
            "bil.",
        ),
        [_WHITESIDE],
    )


def posterior_femoral_cutaneous(b: Builder) -> dict[str, Any]:
    """Posterior femoral cutaneous nerve (S1-S3).

    Gray's and Moore: it leaves the pelvis below the piriformis, runs under the gluteus
    maximus and becomes superficial below the gluteal fold, supplying the skin of the back of
    the thigh down to the popliteal fossa (sometimes the upper calf); its inferior cluneal
    branches turn up round the lower border of the gluteus maximus to the lower buttock.
    """
    fold = _lat(b, "back", "gluteal-fold-left")
    pop = _lat(b, "back", "popliteal-fossa-left")
    b.zone(
        "back-of-thigh",
        "back",
        "essential",
        "Back of the thigh",
        "Achterzijde van het bovenbeen",
        _v("back", band([(fold[0] - 0.4, fold[1] - 2.5), (pop[0], pop[1] + 6.0)], 2.5)),
    )
    b.zone(
        "lower-buttock-spillover",
        "back",
        "spillover",
        "Lower buttock (inferior cluneal branches)",
        "Onderkant van de bil (nn. clunium inferiores)",
        _v("back", ellipse(fold[0], fold[1] + 2.6, 4.6, 2.4)),
        within="buttock-left",
        minus=("back-of-thigh",),
    )
    b.zone(
        "popliteal-spillover",
        "back",
        "spillover",
        "Back of the knee and upper calf",
        "Knieholte en bovenkant van de kuit",
        _v("back", ellipse(pop[0], pop[1] - 3.0, 2.6, 5.5)),
        minus=("back-of-thigh",),
    )
    b.marker(
        "gluteal-fold",
        "back",
        *_p("back", fold[0], fold[1] - 1.5),
        "Where it becomes superficial, below the middle of the gluteal fold",
        "Waar hij oppervlakkig komt te liggen, onder het midden van de bilplooi",
    )
    return _meta(
        "Posterior femoral cutaneous nerve",
        "N. cutaneus femoris posterior",
        ("Post. fem. cut.", "N. cut. fem. post."),
        (
            "The posterior femoral cutaneous nerve (S1-S3) supplies the skin of the back of the "
            "thigh from the buttock crease to the back of the knee, and of the lower buttock.",
            "De n. cutaneus femoris posterior (S1-S3) verzorgt de huid aan de achterzijde van "
            "het bovenbeen, van de bilplooi tot de knieholte, en van de onderkant van de bil.",
        ),
        [],
    )


def superior_cluneal(b: Builder) -> dict[str, Any]:
    """Superior cluneal nerves (dorsal rami L1-L3).

    Gray's: cutaneous branches of the lumbar dorsal rami cross the iliac crest to the skin of
    the upper buttock.  Lu et al. 1998: the medial branch crosses the crest about 7 cm from the
    midline, where it can be entrapped under the thoracolumbar fascia (Kuniya 2014: low back
    and buttock pain with a tender point on the crest).
    """
    crest = _lat(b, "back", "cluneal-crest-left")
    b.zone(
        "upper-buttock",
        "back",
        "essential",
        "Upper buttock below the iliac crest",
        "Bovenkant van de bil, onder de bekkenkam",
        _v("back", ellipse(crest[0] + 1.6, crest[1] - 6.0, 3.2, 4.6, angle=-10)),
        outside=("sacrum",),
    )
    b.zone(
        "buttock-spillover",
        "back",
        "spillover",
        "Middle of the buttock and over the crest",
        "Midden van de bil en over de bekkenkam",
        _v("back", ellipse(crest[0] + 2.6, crest[1] - 8.0, 5.0, 7.5, angle=-10)),
        outside=("sacrum",),
        minus=("upper-buttock",),
    )
    b.marker(
        "iliac-crest",
        "back",
        *_p("back", *crest),
        "Where the nerves cross the iliac crest, about 7 cm from the midline",
        "Waar de zenuwen de bekkenkam kruisen, ongeveer 7 cm van de middellijn",
    )
    return _meta(
        "Superior cluneal nerves",
        "Nn. clunium superiores",
        ("Sup. cluneal", "Nn. clun. sup."),
        (
            "The superior cluneal nerves (from L1-L3) cross the top of the pelvis about 7 cm "
            "from the midline to supply the skin of the upper buttock; entrapment there causes "
            "low back and buttock pain.",
            "De nn. clunium superiores (uit L1-L3) kruisen de bekkenkam ongeveer 7 cm van de "
            "middellijn en verzorgen de huid van de bovenkant van de bil; beknelling daar geeft "
            "lage rugpijn en pijn in de bil.",
        ),
        [
            "Lu J, Ebraheim NA, Huntoon M, Heck BE, Yeasting RA. Anatomic considerations of "
            "superior cluneal nerve at posterior iliac crest region. Clin Orthop Relat Res. "
            "1998;(347):224-228.",
            "Kuniya H, Aota Y, Kawai T, Kaneko K, Konno T, Saito T. Prospective study of "
            "superior cluneal nerve disorder as a potential cause of low back pain and leg "
            "symptoms. J Orthop Surg Res. 2014;9:139.",
        ],
    )


# --------------------------------------------------------------------------------------
# Leg and foot
# --------------------------------------------------------------------------------------


def saphenous(b: Builder) -> dict[str, Any]:
    """Saphenous nerve (L3-L4), the terminal branch of the femoral nerve.

    Gray's and Moore: it leaves the adductor canal and becomes superficial on the medial side
    of the knee between sartorius and gracilis; its infrapatellar branch supplies the skin in
    front of and below the patella, and it runs with the great saphenous vein down the medial
    leg to the medial malleolus and the medial side of the foot to about the first metatarsal
    head.
    """
    knee = _lat(b, "front", "medial-knee-left")
    mal = _lat(b, "front", "medial-malleolus-left")
    b.zone(
        "medial-leg",
        "front",
        "essential",
        "Inner side of the knee and leg, to the inner ankle and the inner edge of the foot",
        "Binnenzijde van knie en onderbeen, tot de binnenenkel en de binnenrand van de voet",
        _v(
            "front",
            band(
                [
                    (knee[0] + 0.2, knee[1] + 1.5),
                    (5.6, 40.0),
                    (6.8, 25.0),
                    (7.2, 14.0),
                    mal,
                    (5.8, 4.5),
                    (5.3, 2.9),
                ],
                1.3,
            ).union(ellipse(knee[0] + 1.2, knee[1] - 1.3, 1.9, 2.6)),
        ),
    )
    b.zone(
        "medial-calf-spillover",
        "back",
        "spillover",
        "Inner side of the calf and ankle, seen from behind",
        "Binnenzijde van kuit en enkel, van achteren",
        _v(
            "back",
            band(
                [(5.0, 44.0), (5.7, 30.0), (6.9, 14.0), _lat(b, "back", "medial-malleolus-left")],
                1.0,
            ),
        ),
    )
    b.marker(
        "medial-knee",
        "front",
        *_p("front", knee[0] - 0.3, knee[1] + 3.5),
        "Medial side of the knee, where it leaves the adductor canal between sartorius and "
        "gracilis",
        "Binnenzijde van de knie, waar hij het adductorenkanaal verlaat tussen de m. sartorius "
        "en de m. gracilis",
    )
    return _meta(
        "Saphenous nerve",
        "N. saphenus",
        ("Saphenous", "N. saphenus"),
        (
            "The saphenous nerve (L3-L4), the end branch of the femoral nerve, supplies the skin "
            "of the inner side of the knee and leg down to the inner ankle and the inner edge of "
            "the foot; it can be irritated where it becomes superficial at the inner knee.",
            "De n. saphenus (L3-L4), de eindtak van de n. femoralis, verzorgt de huid aan de "
            "binnenzijde van knie en onderbeen tot de binnenenkel en de binnenrand van de voet; "
            "hij kan geprikkeld raken waar hij aan de binnenzijde van de knie oppervlakkig komt "
            "te liggen.",
        ),
        [],
    )


def superficial_fibular(b: Builder) -> dict[str, Any]:
    """Superficial fibular (peroneal) nerve (L4-S1).

    Gray's and Moore: it pierces the deep fascia in the distal third of the anterolateral leg
    (Blair & Botte 1994: on average about 10-12 cm above the lateral malleolus, a site of
    entrapment) and supplies the skin of the lower anterolateral leg and most of the dorsum of
    the foot and toes, except the first web space (deep fibular) and the lateral border
    (sural).
    """
    web = _lat(b, "front", "first-web-foot-left")
    dorsum = _lat(b, "front", "dorsum-of-foot-left")
    b.zone(
        "dorsum-of-foot",
        "front",
        "essential",
        "Top of the foot",
        "Voetrug",
        _v(
            "front",
            ellipse(dorsum[0] + 0.3, dorsum[1] + 0.6, 3.0, 2.3).difference(ellipse(*web, 1.9, 1.4)),
        ),
    )
    b.zone(
        "lower-leg-spillover",
        "front",
        "spillover",
        "Lower outer front of the leg and the front of the ankle",
        "Onderste voor-buitenzijde van het onderbeen en voorzijde van de enkel",
        _v("front", band([(10.8, 24.0), (10.4, 14.0), (9.6, 6.5)], 1.5)),
        minus=("dorsum-of-foot",),
    )
    mal = _lat(b, "front", "lateral-malleolus-left")
    b.marker(
        "deep-fascia",
        "front",
        *_p("front", mal[0] - 0.9, mal[1] + 11.0),
        "Where it pierces the deep fascia, distal third of the outer leg",
        "Waar hij de diepe fascie doorboort, onderste derde van de buitenzijde van het onderbeen",
    )
    return _meta(
        "Superficial fibular (peroneal) nerve",
        "N. fibularis (peroneus) superficialis",
        ("Sup. fibular", "N. fib. superf."),
        (
            "The superficial fibular (peroneal) nerve (L4-S1) supplies the skin of the top of "
            "the foot and the lower outer front of the leg; it can be trapped where it pierces "
            "the fascia a hand's breadth above the outer ankle.",
            "De n. fibularis (peroneus) superficialis (L4-S1) verzorgt de huid van de voetrug en "
            "de onderste voor-buitenzijde van het onderbeen; hij kan bekneld raken waar hij een "
            "handbreedte boven de buitenenkel de fascie doorboort.",
        ),
        [
            "Blair JM, Botte MJ. Surgical anatomy of the superficial peroneal nerve in the ankle "
            "and foot. Clin Orthop Relat Res. 1994;(305):229-238.",
        ],
    )


def deep_fibular(b: Builder) -> dict[str, Any]:
    """Deep fibular (peroneal) nerve (L5).

    Gray's and Moore: its only cutaneous territory is the first web space, the adjacent sides
    of the big and second toes on the dorsum; it can be compressed under the inferior extensor
    retinaculum at the front of the ankle (anterior tarsal tunnel syndrome, Stewart 2010).
    """
    web = _lat(b, "front", "first-web-foot-left")
    b.zone(
        "first-web-space",
        "front",
        "essential",
        "First web space of the foot, between the big and second toes",
        "Eerste interdigitale ruimte van de voet, tussen grote en tweede teen",
        _v("front", ellipse(web[0] - 0.2, web[1] - 0.2, 1.6, 1.15)),
    )
    ankle = _lat(b, "front", "ankle-left")
    b.marker(
        "anterior-tarsal-tunnel",
        "front",
        *_p("front", ankle[0] - 0.6, ankle[1] - 0.8),
        "Under the extensor retinaculum at the front of the ankle (anterior tarsal tunnel)",
        "Onder het retinaculum musculorum extensorum aan de voorzijde van de enkel "
        "(anterieur tarsaal tunnel)",
    )
    return _meta(
        "Deep fibular (peroneal) nerve",
        "N. fibularis (peroneus) profundus",
        ("Deep fibular", "N. fib. prof."),
        (
            "The deep fibular (peroneal) nerve (L5) supplies only a small patch of skin on the "
            "top of the foot between the big and second toes; it can be compressed at the front "
            "of the ankle.",
            "De n. fibularis (peroneus) profundus (L5) verzorgt alleen een klein stukje huid op "
            "de voetrug tussen de grote en de tweede teen; hij kan aan de voorzijde van de enkel "
            "bekneld raken.",
        ),
        [STEWART],
    )


def sural(b: Builder) -> dict[str, Any]:
    """Sural nerve (S1-S2).

    Gray's and Moore; Riedl & Frey 2013: formed by the medial sural cutaneous nerve (which
    pierces the deep fascia in the middle of the back of the calf) and the sural communicating
    branch, it runs beside the small saphenous vein down the posterolateral calf behind the
    lateral malleolus and along the lateral border of the foot to the little toe, supplying the
    skin of the lower posterolateral calf, the lateral ankle and heel and the lateral foot.
    """
    bmal = _lat(b, "back", "lateral-malleolus-left")
    b.zone(
        "posterolateral-ankle",
        "back",
        "essential",
        "Lower outer calf, behind the outer ankle, and the outer heel",
        "Onderste buitenzijde van de kuit, achter de buitenenkel, en de buitenkant van de hiel",
        _v(
            "back",
            band(
                [(10.3, 24.0), (11.3, 13.0), bmal, (bmal[0] - 0.2, 3.5), (bmal[0] - 0.8, 1.2)], 1.3
            ),
        ),
    )
    b.zone(
        "calf-spillover",
        "back",
        "spillover",
        "Middle of the back of the calf",
        "Midden van de achterzijde van de kuit",
        _v("back", band([(9.0, 37.0), (9.7, 24.0)], 2.0)),
        minus=("posterolateral-ankle",),
    )
    fmal = _lat(b, "front", "lateral-malleolus-left")
    b.zone(
        "lateral-foot",
        "front",
        "essential",
        "Outer ankle and the outer edge of the foot, to the little toe",
        "Buitenenkel en buitenrand van de voet, tot de kleine teen",
        _v("front", band([(fmal[0], fmal[1] + 1.2), fmal, (13.2, 3.2), (13.6, 1.0)], 1.1)),
    )
    b.marker(
        "calf-fascia",
        "back",
        *_p("back", 9.0, 30.0),
        "Where the medial sural cutaneous nerve pierces the deep fascia, middle of the calf",
        "Waar de n. cutaneus surae medialis de diepe fascie doorboort, midden op de kuit",
    )
    return _meta(
        "Sural nerve",
        "N. suralis",
        ("Sural", "N. suralis"),
        (
            "The sural nerve (S1-S2) supplies the skin of the lower outer calf, around the outer "
            "ankle and heel and along the outer edge of the foot to the little toe.",
            "De n. suralis (S1-S2) verzorgt de huid van de onderste buitenzijde van de kuit, "
            "rond de buitenenkel en de hiel en langs de buitenrand van de voet tot de kleine "
            "teen.",
        ),
        [
            "Riedl O, Frey M. Anatomy of the sural nerve: cadaver study and literature review. "
            "Plast Reconstr Surg. 2013;131(4):802-810.",
        ],
    )


# --------------------------------------------------------------------------------------
# Shoulder, arm and hand
# --------------------------------------------------------------------------------------


def axillary(b: Builder) -> dict[str, Any]:
    """Axillary nerve: the superior lateral cutaneous nerve of the arm (C5-C6).

    Gray's and Moore: the axillary nerve leaves the axilla through the quadrangular space; its
    cutaneous branch winds round the posterior border of the deltoid and supplies the skin over
    the lower half of the deltoid (the "regimental badge" area), tested after shoulder
    dislocation and fractures of the surgical neck.
    """
    for view in ("front", "back"):
        b.zone(
            f"badge-{view}",
            view,
            "essential",
            "Outer upper arm over the lower deltoid (regimental badge area)",
            "Buitenzijde van de bovenarm over de onderste deltaspier (epauletgebied)",
            _v(view, ellipse(24.3, 131.8, 2.2, 4.2, angle=12)),
        )
    b.marker(
        "quadrangular-space",
        "back",
        *_p("back", 19.6, 135.2),
        "Quadrangular space, below the back of the shoulder",
        "Laterale okselholte (ruimte van Velpeau), onder de achterzijde van de schouder",
    )
    return _meta(
        "Axillary nerve (superior lateral cutaneous nerve of the arm)",
        "N. axillaris (n. cutaneus brachii lateralis superior)",
        ("Axillary", "N. axillaris"),
        (
            "The axillary nerve (C5-C6) supplies the skin over the lower part of the shoulder "
            "muscle on the outside of the upper arm; numbness there after a dislocated shoulder "
            "points to it.",
            "De n. axillaris (C5-C6) verzorgt de huid over het onderste deel van de deltaspier "
            "aan de buitenzijde van de bovenarm; doofheid daar na een schouderluxatie wijst op "
            "deze zenuw.",
        ),
        [],
    )


def radial(b: Builder) -> dict[str, Any]:
    """Radial nerve: superficial branch and posterior cutaneous nerve of the forearm (C5-C8).

    Gray's and Moore: the superficial branch emerges from under brachioradialis on the radial
    side of the distal forearm (Wartenberg's syndrome, Dellon & Mackinnon 1984) and supplies the
    radial two thirds of the back of the hand and the back of the thumb, index, middle and
    radial half of the ring finger as far as the distal phalanges; its autonomous zone is the
    dorsal first web space.  The posterior cutaneous nerve of the forearm supplies a strip down
    the middle of the back of the forearm (overlapped by its neighbours, so not autonomous:
    spillover); the posterior cutaneous nerve of the arm the back of the arm.
    """
    web = b.lm("back", "first-web-left")
    box_ = b.lm("back", "anatomical-snuffbox-left")
    b.zone(
        "first-web-dorsal",
        "back",
        "essential",
        "Back of the hand at the first web space and the anatomical snuffbox",
        "Handrug bij de eerste interdigitale ruimte en de tabatière anatomique",
        band([web.at(0.2, -0.3), box_.at()], 1.3),
    )
    b.zone(
        "back-of-forearm-spillover",
        "back",
        "spillover",
        "Middle of the back of the forearm (posterior cutaneous nerve of the forearm)",
        "Midden van de achterzijde van de onderarm (n. cutaneus antebrachii posterior)",
        _arm_band(b, "back", [(3.5, 0.0), (12.0, 0.1), (20.0, 0.2)], 1.2),
    )
    b.zone(
        "dorsoradial-hand-spillover",
        "back",
        "spillover",
        "Radial back of the hand and the back of the thumb",
        "Radiale zijde van de handrug en dorsale zijde van de duim",
        _hand(b, "back", radial=True),
        minus=("first-web-dorsal",),
    )
    for digit in ("index", "middle"):
        b.zone(
            f"dorsal-{digit}-spillover",
            "back",
            "spillover",
            f"Back of the {digit} finger, to the middle joint",
            f"Dorsale zijde van de {'wijsvinger' if digit == 'index' else 'middelvinger'}, "
            "tot het middelste gewricht",
            _finger(b, "back", digit, 0.0, 0.6),
            minus=("dorsoradial-hand-spillover",),
        )
    b.zone(
        "back-of-arm-spillover",
        "back",
        "spillover",
        "Back of the upper arm (posterior cutaneous nerve of the arm)",
        "Achterzijde van de bovenarm (n. cutaneus brachii posterior)",
        _arm_band(b, "back", [(-17.0, 0.0), (-6.0, 0.3)], 1.5),
    )
    b.marker(
        "wartenberg",
        "back",
        *_arm(b, "back", 17.0, 2.2),
        "Where the superficial branch emerges from under brachioradialis, radial side of the "
        "lower forearm (Wartenberg)",
        "Waar de ramus superficialis onder de m. brachioradialis vandaan komt, radiale zijde "
        "van de onderarm (Wartenberg)",
    )
    return _meta(
        "Radial nerve (superficial branch, posterior cutaneous nerve of the forearm)",
        "N. radialis (ramus superficialis, n. cutaneus antebrachii posterior)",
        ("Radial", "N. radialis"),
        (
            "The radial nerve supplies the skin of the back of the hand on the thumb side, most "
            "consistently the web between thumb and index finger, and a strip down the back of "
            "the forearm; its superficial branch can be trapped on the thumb side of the lower "
            "forearm (Wartenberg).",
            "De n. radialis verzorgt de huid van de handrug aan de duimzijde, het meest "
            "constant de huidplooi tussen duim en wijsvinger, en een strook over de achterzijde "
            "van de onderarm; de oppervlakkige tak kan aan de duimzijde van de onderarm bekneld "
            "raken (Wartenberg).",
        ),
        [
            "Dellon AL, Mackinnon SE. Susceptibility of the superficial sensory branch of the "
            "radial nerve to form painful neuromas. J Hand Surg Br. 1984;9(1):42-45.",
            STEWART,
        ],
        [
            (
                "The strip down the middle of the back of the forearm (posterior cutaneous "
                "nerve of the forearm) is now spillover, not essential.",
                "Clinical review against Gray's and Moore (issue 26): the strip is overlapped "
                "by the lateral and medial cutaneous nerves of the forearm and is not the "
                "radial nerve's autonomous area, which is the dorsal first web space.",
            )
        ],
    )


def median(b: Builder) -> dict[str, Any]:
    """Median nerve (C6-T1).

    Gray's and Moore: through its palmar digital nerves it supplies the palmar skin of the
    thumb, index and middle fingers and the radial half of the ring finger, and the back of
    their distal phalanges (nail beds); its palmar cutaneous branch (which does not pass
    through the carpal tunnel) the radial palm.  Compression in the carpal tunnel affects the
    digits, sparing the palm.
    """
    for digit in ("thumb", "index", "middle"):
        b.zone(
            f"palmar-{digit}",
            "front",
            "essential",
            {
                "thumb": "Palm side of the thumb",
                "index": "Palm side of the index finger",
                "middle": "Palm side of the middle finger",
            }[digit],
            {
                "thumb": "Palmaire zijde van de duim",
                "index": "Palmaire zijde van de wijsvinger",
                "middle": "Palmaire zijde van de middelvinger",
            }[digit],
            _finger(b, "front", digit),
        )
    b.zone(
        "palmar-ring-radial-spillover",
        "front",
        "spillover",
        "Thumb side of the ring finger, palm side",
        "Duimzijde van de ringvinger, palmair",
        _finger(b, "front", "ring", hw=0.5, shift=0.42),
    )
    b.zone(
        "radial-palm-spillover",
        "front",
        "spillover",
        "Thumb side of the palm (palmar cutaneous branch)",
        "Duimzijde van de handpalm (ramus palmaris)",
        _hand(b, "front", radial=True),
        minus=("palmar-thumb", "palmar-index", "palmar-middle", "palmar-ring-radial-spillover"),
    )
    for digit, nl in (("thumb", "duim"), ("index", "wijsvinger"), ("middle", "middelvinger")):
        b.zone(
            f"dorsal-{digit}-tip",
            "back",
            "essential",
            f"Back of the end of the {'thumb' if digit == 'thumb' else digit + ' finger'}",
            f"Dorsale zijde van de top van de {nl}",
            _finger(b, "back", digit, 0.5 if digit == "thumb" else 0.62, 1.0),
        )
    b.zone(
        "dorsal-ring-tip-radial-spillover",
        "back",
        "spillover",
        "Back of the end of the ring finger, thumb side",
        "Dorsale zijde van de top van de ringvinger, duimzijde",
        _finger(b, "back", "ring", 0.62, 1.0, hw=0.5, shift=0.42),
    )
    b.marker(
        "carpal-tunnel",
        "front",
        *b.lm("front", "carpal-tunnel-left").at(),
        "Carpal tunnel, just beyond the wrist crease",
        "Carpale tunnel, net voorbij de polsplooi",
    )
    return _meta(
        "Median nerve",
        "N. medianus",
        ("Median", "N. medianus"),
        (
            "The median nerve (C6-T1) supplies the palm side of the thumb, index and middle "
            "fingers and half the ring finger, the ends of these fingers on the back and the "
            "thumb side of the palm; in carpal tunnel syndrome the fingers tingle while the palm "
            "is spared.",
            "De n. medianus (C6-T1) verzorgt de palmaire zijde van duim, wijs- en middelvinger "
            "en de helft van de ringvinger, de toppen van deze vingers aan de dorsale zijde en de "
            "duimzijde van de handpalm; bij het carpaletunnelsyndroom tintelen de vingers en "
            "blijft de handpalm vrij.",
        ),
        [STEWART],
        [
            (
                "The backs of the end phalanges of the thumb, index and middle fingers are now "
                "essential (the index and middle were spillover, the thumb was missing), and "
                "the back of the end of the ring finger on its thumb side is added as "
                "spillover.",
                "Clinical review against Gray's and Moore (issue 26): the palmar digital "
                "branches of the median nerve wrap round to the backs of the distal phalanges "
                "(the nail beds) of the radial three and a half digits.",
            )
        ],
    )


def ulnar(b: Builder) -> dict[str, Any]:
    """Ulnar nerve (C8-T1).

    Gray's and Moore: it supplies the skin of the little finger and the ulnar half of the ring
    finger on both surfaces, the hypothenar palm (palmar branch) and the ulnar back of the hand
    (dorsal branch, which leaves above the wrist, so it is spared in Guyon's canal).  The
    little finger is its autonomous zone.  Common entrapment: the cubital tunnel behind the
    medial epicondyle; at the wrist, Guyon's canal.
    """
    for view, side in (("front", "palm"), ("back", "back")):
        b.zone(
            f"little-{view}",
            view,
            "essential",
            f"Little finger ({'palm side' if side == 'palm' else 'back'})",
            f"Pink ({'palmaire zijde' if side == 'palm' else 'dorsale zijde'})",
            _finger(b, view, "little"),
        )
        b.zone(
            f"ring-ulnar-{view}-spillover",
            view,
            "spillover",
            "Little-finger side of the ring finger",
            "Pinkzijde van de ringvinger",
            _finger(b, view, "ring", hw=0.5, shift=-0.42),
        )
        b.zone(
            f"ulnar-hand-{view}-spillover",
            view,
            "spillover",
            "Little-finger side of the palm" if view == "front" else "Ulnar back of the hand",
            "Pinkzijde van de handpalm" if view == "front" else "Pinkzijde van de handrug",
            _hand(b, view, radial=False),
            minus=(f"little-{view}", f"ring-ulnar-{view}-spillover"),
        )
    b.marker(
        "cubital-tunnel",
        "back",
        *b.lm("back", "cubital-tunnel-left").at(),
        "Cubital tunnel, behind the medial epicondyle",
        "Cubitale tunnel, achter de epicondylus medialis",
    )
    b.marker(
        "guyon-canal",
        "front",
        *b.lm("front", "guyon-canal-left").at(),
        "Guyon's canal at the little-finger side of the wrist",
        "Kanaal van Guyon aan de pinkzijde van de pols",
    )
    return _meta(
        "Ulnar nerve",
        "N. ulnaris",
        ("Ulnar", "N. ulnaris"),
        (
            "The ulnar nerve (C8-T1) supplies the skin of the little finger and half the ring "
            "finger, front and back, and the little-finger side of the hand; it is most often "
            "trapped at the elbow (cubital tunnel), less often at the wrist (Guyon's canal).",
            "De n. ulnaris (C8-T1) verzorgt de huid van de pink en de helft van de ringvinger, "
            "palmair en dorsaal, en de pinkzijde van de hand; hij raakt het vaakst bekneld bij "
            "de elleboog (cubitale tunnel), minder vaak bij de pols (kanaal van Guyon).",
        ),
        [STEWART],
    )


def musculocutaneous(b: Builder) -> dict[str, Any]:
    """Musculocutaneous nerve: the lateral cutaneous nerve of the forearm (C5-C7).

    Gray's and Moore: it emerges lateral to the biceps tendon above the elbow crease, pierces
    the deep fascia and supplies the skin of the radial (lateral) forearm, front and back, down
    to the wrist and the base of the thenar eminence; it can be compressed at the elbow under
    the biceps aponeurosis.
    """
    b.zone(
        "lateral-forearm-front",
        "front",
        "essential",
        "Thumb side of the forearm, front",
        "Duimzijde van de onderarm, voorzijde",
        _arm_band(b, "front", [(2.5, 2.1), (12.0, 2.1), (22.5, 1.5)], 1.2),
    )
    b.zone(
        "lateral-forearm-back-spillover",
        "back",
        "spillover",
        "Thumb side of the forearm, back",
        "Duimzijde van de onderarm, achterzijde",
        _arm_band(b, "back", [(3.0, 2.4), (20.0, 1.9)], 0.9),
    )
    b.marker(
        "biceps-tendon",
        "front",
        *_arm(b, "front", -1.5, 1.6),
        "Lateral to the biceps tendon, just above the elbow crease",
        "Lateraal van de bicepspees, net boven de elleboogplooi",
    )
    return _meta(
        "Musculocutaneous nerve (lateral cutaneous nerve of the forearm)",
        "N. musculocutaneus (n. cutaneus antebrachii lateralis)",
        ("Musculocut.", "N. musculocut."),
        (
            "The lateral cutaneous nerve of the forearm, the end of the musculocutaneous nerve "
            "(C5-C7), supplies the skin of the thumb side of the forearm from the elbow to the "
            "wrist.",
            "De n. cutaneus antebrachii lateralis, de eindtak van de n. musculocutaneus "
            "(C5-C7), verzorgt de huid aan de duimzijde van de onderarm, van de elleboog tot de "
            "pols.",
        ),
        [],
    )


def medial_cutaneous_forearm(b: Builder) -> dict[str, Any]:
    """Medial cutaneous nerve of the forearm (medial antebrachial cutaneous, C8-T1).

    Gray's and Moore: from the medial cord, it pierces the deep fascia with the basilic vein in
    the middle of the medial arm and supplies the skin of the medial (ulnar) forearm, front and
    back, to the wrist.
    """
    b.zone(
        "medial-forearm-front",
        "front",
        "essential",
        "Little-finger side of the forearm, front",
        "Pinkzijde van de onderarm, voorzijde",
        _arm_band(b, "front", [(2.0, -2.2), (12.0, -2.3), (22.0, -1.7)], 1.2),
    )
    b.zone(
        "medial-forearm-back",
        "back",
        "essential",
        "Little-finger side of the forearm, back",
        "Pinkzijde van de onderarm, achterzijde",
        _arm_band(b, "back", [(3.0, -2.3), (20.0, -1.8)], 1.0),
    )
    b.marker(
        "basilic-hiatus",
        "front",
        *_arm(b, "front", -10.0, -2.0),
        "Inner side of the upper arm, where it pierces the deep fascia with the basilic vein",
        "Binnenzijde van de bovenarm, waar hij met de v. basilica de diepe fascie doorboort",
    )
    return _meta(
        "Medial cutaneous nerve of the forearm",
        "N. cutaneus antebrachii medialis",
        ("Med. cut. forearm", "N. cut. antebr. med."),
        (
            "The medial cutaneous nerve of the forearm (C8-T1) supplies the skin of the "
            "little-finger side of the forearm, front and back, from the elbow to the wrist.",
            "De n. cutaneus antebrachii medialis (C8-T1) verzorgt de huid aan de pinkzijde van "
            "de onderarm, voor- en achterzijde, van de elleboog tot de pols.",
        ),
        [],
    )


# --------------------------------------------------------------------------------------
# Head, neck and shoulder
# --------------------------------------------------------------------------------------


def greater_occipital(b: Builder) -> dict[str, Any]:
    """Greater occipital nerve (dorsal ramus C2).

    Gray's; Mosser et al. 2004: it emerges through the semispinalis capitis and the trapezius
    aponeurosis about 2-3 cm lateral to (and a little below) the external occipital
    protuberance and ascends with the occipital artery to supply the skin of the back of the
    scalp up to the vertex; occipital neuralgia.
    """
    occ = _lat(b, "back", "occiput")
    b.zone(
        "back-of-scalp",
        "back",
        "essential",
        "Back of the head beside the midline, up towards the crown",
        "Achterhoofd naast de middellijn, naar de kruin toe",
        _v("back", band([(occ[0] + 2.3, occ[1] - 1.0), (2.5, 166.0), (2.2, 172.0)], 1.8)),
    )
    b.zone(
        "crown-spillover",
        "back",
        "spillover",
        "Crown and the upper side of the back of the head",
        "Kruin en bovenste zijkant van het achterhoofd",
        _v("back", ellipse(3.4, 168.0, 3.4, 6.0)),
        minus=("back-of-scalp",),
    )
    b.marker(
        "emergence",
        "back",
        *_p("back", occ[0] + 2.5, occ[1] - 0.8),
        "Where it emerges, 2-3 cm lateral to the external occipital protuberance",
        "Waar hij tevoorschijn komt, 2-3 cm lateraal van de protuberantia occipitalis externa",
    )
    return _meta(
        "Greater occipital nerve",
        "N. occipitalis major",
        ("Greater occipital", "N. occ. major"),
        (
            "The greater occipital nerve (C2) supplies the skin of the back of the head from the "
            "base of the skull up to the crown; irritated where it emerges beside the midline it "
            "causes occipital neuralgia.",
            "De n. occipitalis major (C2) verzorgt de huid van het achterhoofd, van de "
            "schedelbasis tot de kruin; geprikkeld waar hij naast de middellijn tevoorschijn "
            "komt geeft hij occipitale neuralgie.",
        ),
        [
            "Mosser SW, Guyuron B, Janis JE, Rohrich RJ. The anatomy of the greater occipital "
            "nerve: implications for the etiology of migraine headaches. Plast Reconstr Surg. "
            "2004;113(2):693-697.",
        ],
    )


def _erb(b: Builder, nerve_en: str, nerve_nl: str) -> None:
    b.marker(
        "erbs-point",
        "front",
        *b.lm("front", "erbs-point-left").at(),
        f"Erb's point, where the {nerve_en} turns round the back edge of the sternocleidomastoid",
        f"Punctum nervosum (punt van Erb), waar de {nerve_nl} om de achterrand van de "
        "m. sternocleidomastoideus draait",
    )


def lesser_occipital(b: Builder) -> dict[str, Any]:
    """Lesser occipital nerve (C2, cervical plexus).

    Gray's and Moore: it turns round the posterior border of the sternocleidomastoid at the
    nerve point of the neck (Erb's point) and ascends along it to supply the skin of the
    lateral occipital scalp behind the ear and the upper back of the auricle.
    """
    mast = _lat(b, "back", "mastoid-left")
    b.zone(
        "behind-ear",
        "back",
        "essential",
        "Side of the back of the head, behind and above the ear",
        "Zijkant van het achterhoofd, achter en boven het oor",
        _v("back", ellipse(mast[0] + 0.1, mast[1] + 4.6, 1.5, 3.4)),
    )
    b.zone(
        "upper-side-spillover",
        "back",
        "spillover",
        "Upper side of the head behind the ear",
        "Bovenste zijkant van het hoofd achter het oor",
        _v("back", ellipse(mast[0] + 0.2, mast[1] + 9.5, 1.5, 2.4)),
        minus=("behind-ear",),
    )
    _erb(b, "lesser occipital nerve", "n. occipitalis minor")
    return _meta(
        "Lesser occipital nerve",
        "N. occipitalis minor",
        ("Lesser occipital", "N. occ. minor"),
        (
            "The lesser occipital nerve (C2) supplies the skin of the side of the back of the "
            "head, behind and above the ear.",
            "De n. occipitalis minor (C2) verzorgt de huid van de zijkant van het achterhoofd, "
            "achter en boven het oor.",
        ),
        [],
    )


def great_auricular(b: Builder) -> dict[str, Any]:
    """Great auricular nerve (C2-C3, cervical plexus).

    Gray's and Moore: from Erb's point it ascends over the sternocleidomastoid towards the
    ear lobe and supplies the skin over the angle of the mandible and the parotid gland, the
    lower auricle and the skin over the mastoid process behind the ear.
    """
    jaw = _lat(b, "front", "angle-of-jaw-left")
    mast = _lat(b, "back", "mastoid-left")
    b.zone(
        "angle-of-jaw",
        "front",
        "essential",
        "Over the angle of the jaw and the parotid, below the ear",
        "Over de kaakhoek en de oorspeekselklier, onder het oor",
        _v("front", ellipse(jaw[0] + 0.3, jaw[1] + 2.2, 1.5, 2.9, angle=-10)),
    )
    b.zone(
        "cheek-spillover",
        "front",
        "spillover",
        "Lower cheek in front of the ear",
        "Onderste deel van de wang voor het oor",
        _v("front", ellipse(jaw[0] - 0.4, jaw[1] + 5.2, 1.4, 1.4)),
        minus=("angle-of-jaw",),
    )
    b.zone(
        "mastoid",
        "back",
        "essential",
        "Over the mastoid, behind the ear",
        "Over het mastoïd, achter het oor",
        _v("back", ellipse(mast[0], mast[1], 1.3, 1.5)),
    )
    _erb(b, "great auricular nerve", "n. auricularis magnus")
    return _meta(
        "Great auricular nerve",
        "N. auricularis magnus",
        ("Great auricular", "N. auric. magnus"),
        (
            "The great auricular nerve (C2-C3) supplies the skin over the angle of the jaw, "
            "the lower ear and the bone behind the ear.",
            "De n. auricularis magnus (C2-C3) verzorgt de huid over de kaakhoek, het onderste "
            "deel van het oor en het bot achter het oor.",
        ),
        [],
    )


def supraclavicular(b: Builder) -> dict[str, Any]:
    """Supraclavicular nerves (C3-C4, cervical plexus).

    Gray's and Moore: medial, intermediate and lateral branches emerge at the posterior border
    of the sternocleidomastoid, descend over the clavicle (where they are at risk in clavicle
    fractures and plating) and supply the skin over the clavicle and the front of the chest to
    the second rib, and the top and back of the shoulder.
    """
    mid = _lat(b, "front", "mid-clavicle-left")
    acr = _lat(b, "front", "acromion-left")
    b.zone(
        "clavicle",
        "front",
        "essential",
        "Over the collarbone, from the neck to the shoulder",
        "Over het sleutelbeen, van de hals tot de schouder",
        _v("front", band([(2.2, mid[1] - 0.2), mid, (acr[0] - 1.5, acr[1] - 0.6)], 2.1)),
    )
    b.zone(
        "upper-chest-spillover",
        "front",
        "spillover",
        "Upper chest to the second rib and the point of the shoulder",
        "Bovenkant van de borst tot de tweede rib en de schouderpunt",
        _v(
            "front",
            Polygon([(0.5, 140.5), (21.5, 140.5), (23.0, 137.5), (0.5, 135.5)]).union(
                ellipse(acr[0] + 1.2, acr[1] - 1.5, 2.2, 2.2)
            ),
        ),
        minus=("clavicle",),
    )
    b.zone(
        "shoulder-top-spillover",
        "back",
        "spillover",
        "Top of the shoulder, seen from behind",
        "Bovenkant van de schouder, van achteren",
        _v("back", band([(7.0, 146.0), (13.0, 144.6), (19.0, 142.8)], 1.3)),
    )
    b.marker(
        "clavicle-crossing",
        "front",
        *_p("front", *mid),
        "Where the nerves cross the middle of the collarbone",
        "Waar de zenuwen het midden van het sleutelbeen kruisen",
    )
    return _meta(
        "Supraclavicular nerves",
        "Nn. supraclaviculares",
        ("Supraclavicular", "Nn. supraclav."),
        (
            "The supraclavicular nerves (C3-C4) supply the skin over the collarbone, the top of "
            "the chest and the top of the shoulder; they can be injured in collarbone fractures "
            "and surgery.",
            "De nn. supraclaviculares (C3-C4) verzorgen de huid over het sleutelbeen, de "
            "bovenkant van de borst en de bovenkant van de schouder; ze kunnen beschadigd raken "
            "bij sleutelbeenbreuken en -operaties.",
        ),
        [],
    )


#: The patterns of this module by name.
def tibial(b: Builder) -> dict[str, Any]:
    """Tibial nerve in the sole (L4-S3): the medial and lateral plantar nerves and the medial
    calcaneal branches, on the chart's sole view.

    Gray's and Moore: behind the medial malleolus, in the tarsal tunnel under the flexor
    retinaculum, the tibial nerve divides into the medial plantar nerve (the medial sole and
    the plantar skin of the medial three and a half toes) and the lateral plantar nerve (the
    lateral sole and the lateral one and a half toes); the medial calcaneal branches, which
    mostly leave it above the tunnel, supply the heel pad.  The split of the sole follows the
    axis of the fourth toe.  The marker is the tarsal tunnel (Ahmad et al. 2012).
    """
    heel = b.lm("sole", "heel-left")
    ball = b.lm("sole", "forefoot-left")
    fifth = b.lm("sole", "fifth-metatarsal-head-left")
    fourth = (round(ball.x + 0.55 * (fifth.x - ball.x), 2), 30.0)  # the fourth toe's axis
    start = (heel.x, heel.y + 3.4)
    # the left sole is at x < 0: medial (towards the midline) is the larger x
    medial_side = Polygon([start, fourth, (0.0, 30.0), (0.0, -5.0), (start[0], -5.0)])
    pad = sole_part(b, "heel")
    whole = sole_part(b, "whole")
    b.zone(
        "heel",
        "sole",
        "spillover",
        "Heel pad (medial calcaneal branches)",
        "Hielkussen (rami calcanei mediales)",
        pad,
        within="sole-left",
    )
    b.zone(
        "medial-plantar",
        "sole",
        "essential",
        "Inner sole and the undersides of the big toe and the next two and a half toes "
        "(medial plantar nerve)",
        "Binnenste deel van de voetzool en de onderkant van de grote teen en de volgende "
        "tweeënhalve teen (n. plantaris medialis)",
        whole.intersection(medial_side),
        within="sole-left",
        minus=("heel",),
    )
    b.zone(
        "lateral-plantar",
        "sole",
        "essential",
        "Outer sole and the undersides of the little toe and half the fourth toe (lateral "
        "plantar nerve)",
        "Buitenste deel van de voetzool en de onderkant van de kleine teen en de halve vierde "
        "teen (n. plantaris lateralis)",
        whole.difference(medial_side),
        within="sole-left",
        minus=("heel", "medial-plantar"),
    )
    mm = b.lm("back", "medial-malleolus-left")
    b.marker(
        "tarsal-tunnel",
        "back",
        *mm.at(0.4, -1.2),
        "Tarsal tunnel, behind and below the inner ankle",
        "Tarsale tunnel, achter en onder de binnenenkel",
    )
    return _meta(
        "Tibial nerve (plantar nerves)",
        "N. tibialis (nn. plantares)",
        ("Tibial", "N. tibialis"),
        (
            "The tibial nerve (L4-S3) supplies the sole: the medial plantar nerve the inner sole "
            "and the big toe and the next toes, the lateral plantar nerve the outer sole and the "
            "little toe, the medial calcaneal branches the heel. Entrapped in the tarsal tunnel "
            "behind the inner ankle, it gives burning pain and tingling in the sole.",
            "De n. tibialis (L4-S3) verzorgt de voetzool: de n. plantaris medialis het binnenste "
            "deel van de zool en de grote teen en de volgende tenen, de n. plantaris lateralis "
            "het buitenste deel en de kleine teen, de rami calcanei mediales de hiel. Bij "
            "beknelling in de tarsale tunnel achter de binnenenkel geeft hij brandende pijn en "
            "tintelingen in de voetzool.",
        ),
        [
            "Ahmad M, Tsang K, Mackenney PJ, Adedapo AO. Tarsal tunnel syndrome: a literature "
            "review. Foot Ankle Surg. 2012;18(3):149-152.",
        ],
    )


PATTERNS: dict[str, Callable[[Builder], dict[str, Any]]] = {
    "nerve-lateral-femoral-cutaneous": lateral_femoral_cutaneous,
    "nerve-anterior-femoral-cutaneous": anterior_femoral_cutaneous,
    "nerve-saphenous": saphenous,
    "nerve-obturator": obturator,
    "nerve-genitofemoral": genitofemoral,
    "nerve-ilioinguinal": ilioinguinal,
    "nerve-iliohypogastric": iliohypogastric,
    "nerve-posterior-femoral-cutaneous": posterior_femoral_cutaneous,
    "nerve-superior-cluneal": superior_cluneal,
    "nerve-superficial-fibular": superficial_fibular,
    "nerve-deep-fibular": deep_fibular,
    "nerve-sural": sural,
    "nerve-tibial": tibial,
    "nerve-axillary": axillary,
    "nerve-radial": radial,
    "nerve-median": median,
    "nerve-ulnar": ulnar,
    "nerve-musculocutaneous": musculocutaneous,
    "nerve-medial-cutaneous-forearm": medial_cutaneous_forearm,
    "nerve-greater-occipital": greater_occipital,
    "nerve-lesser-occipital": lesser_occipital,
    "nerve-great-auricular": great_auricular,
    "nerve-supraclavicular": supraclavicular,
}
