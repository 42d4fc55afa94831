"""The referral-pattern library: data checks, anatomical spot checks and distinctness.

Frame reminder: FRONT view patient-left is x > 0; BACK view patient-left is x < 0.  Every
unilateral pattern is drawn for the left side and mirrored; the lower rectus abdominis
pattern is bilateral.  The landmark checks of every regional pattern are data in
``landmark_checks.py``, run by ``test_pattern_landmarks.py``; the regional modules
``test_pattern_atlas_*.py`` check what is particular to each region.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest
import shapely
from atlas_helpers import LIBRARY, ORIGINAL, drawing_of
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

import bodymap
from bodymap.core.choices import PATTERN_KINDS
from bodymap.core.geometry import mirror

#: Every built-in pattern of every kind (muscles, dermatomes, nerves, joints, organs): the
#: data checks below hold for all of them.
ALL = bodymap.pattern_names()
VIEWS = bodymap.load_chart().views  # front, back and the soles
NON_MUSCLE = ("dermatome-", "nerve-", "joint-", "organ-")


@cache
def pattern(name: str) -> bodymap.Pattern:
    return bodymap.load_pattern(name)


def union(name: str, side: str, view: str, kind: str | None = None) -> BaseGeometry:
    geoms = [z.geometry for z in pattern(name).zones(side, view, kind)]
    return shapely.union_all(geoms) if geoms else Polygon()


def dice(a: dict[str, BaseGeometry], b: dict[str, BaseGeometry]) -> float:
    """Dice over both views combined: 2·Σ|A∩B| / Σ(|A|+|B|)."""
    inter = sum(a[v].intersection(b[v]).area for v in VIEWS)
    total = sum(a[v].area + b[v].area for v in VIEWS)
    return 2 * inter / total if total else 0.0


@cache
def essential(name: str, side: str) -> dict[str, BaseGeometry]:
    return {v: union(name, side, v, "essential") for v in VIEWS}


@cache
def whole(name: str, side: str) -> dict[str, BaseGeometry]:
    return {v: union(name, side, v) for v in VIEWS}


def drawn_side(name: str) -> str:
    return pattern(name).sides[0]  # "left", or "both" for a bilateral pattern


# --- data checks ---------------------------------------------------------------------


def test_library_is_built_in():
    assert set(LIBRARY) <= set(bodymap.pattern_names())


@pytest.mark.parametrize("name", LIBRARY)
def test_metadata(name):
    p = pattern(name)
    assert p.name == name
    assert p.names["en"] and p.names["nl"]
    assert p.summary["en"] and p.summary["nl"]
    assert p.meta["credit"]
    assert p.sources and all(isinstance(s, str) and s for s in p.sources)
    assert any("Travell" in s for s in p.sources)
    assert p.zones(p.sides[0], kind="essential")
    assert p.trigger_points(p.sides[0])
    assert p.meta["kind"] == "muscle"


@pytest.mark.parametrize("name", ALL)
def test_ids_and_names(name):
    p = pattern(name)
    for side in p.sides:
        ids = [z.id for z in p.zones(side)] + [t.id for t in p.trigger_points(side)]
        assert len(ids) == len(set(ids)), ids
        for item in (*p.zones(side), *p.trigger_points(side)):
            assert item.names["en"] and item.names["nl"], item.id
            assert item.view in VIEWS


@pytest.mark.parametrize("name", ALL)
def test_everything_lies_inside_the_body(chart, name):
    p = pattern(name)
    for side in p.sides:
        for z in p.zones(side):
            assert z.geometry.is_valid, z.id
            assert chart.outline(z.view).contains(z.geometry), (name, z.id)
        for t in p.trigger_points(side):
            assert chart.outline(t.view).contains(t.geometry), (name, t.id)


@pytest.mark.parametrize("name", ALL)
def test_zones_of_one_view_are_disjoint(name):
    p = pattern(name)
    zones = p.zones(p.sides[0])
    for a, b in itertools.combinations(zones, 2):
        if a.view == b.view:
            assert a.geometry.intersection(b.geometry).area < 0.05, (name, a.id, b.id)


#: Zones of a one-sided pattern drawn across the midline on purpose.
CROSSES_THE_MIDLINE = {("sternocleidomastoid", "forehead-across")}


@pytest.mark.parametrize("name", [n for n in ALL if not pattern(n).bilateral])
def test_sides_are_mirror_images(name):
    p = pattern(name)
    assert not p.bilateral and p.sides == ("left", "right")
    left, right = p.zones("left"), p.zones("right")
    assert [z.base_id for z in left] == [z.base_id for z in right]
    for a, b in zip(left, right):
        assert mirror(a.geometry).symmetric_difference(b.geometry).area < 1e-6, a.id
    tl, tr = p.trigger_points("left"), p.trigger_points("right")
    assert [(-t.x, t.y) for t in tl] == [(t.x, t.y) for t in tr]
    # Drawn for the patient's left: front x > 0, back x < 0 (allowing a midline touch);
    # a zone that crosses the midline on purpose is exempt.
    for z in left:
        if (name, z.base_id) in CROSSES_THE_MIDLINE:
            continue
        c = z.geometry.centroid
        assert (c.x > 0) if z.view == "front" else (c.x < 0), z.id


@pytest.mark.parametrize("name", ALL)
def test_metadata_of_every_kind(name):
    p = pattern(name)
    assert p.kind in PATTERN_KINDS and p.meta["kind"] == p.kind
    assert p.name == name and (p.kind == "muscle") == (not name.startswith(NON_MUSCLE))
    assert p.names["en"] and p.names["nl"] and p.summary["en"] and p.summary["nl"]
    assert p.meta["credit"] and p.sources
    assert p.zones(p.sides[0], kind="essential") and p.trigger_points(p.sides[0])
    # Organs, and only organs, are red flags, with the sentence in both languages.
    assert p.red_flag == (p.kind == "organ")
    if p.red_flag:
        assert p.red_flag_text("en") and p.red_flag_text("nl") != p.red_flag_text("en")


def test_bilateral_lower_rectus_abdominis():
    p = pattern("rectus-abdominis-lower")
    assert p.bilateral and p.sides == ("both",)
    assert p.zones("left") == p.zones("right") == p.zones("both")
    (band,) = p.zones("both", view="back", kind="essential")
    assert band.side == "both" and band.id == band.base_id
    # A horizontal band across the sacroiliac region and the low back, centred near y 100,
    # on both sides.
    for x in (-11, -6, -3, 0, 3, 6, 11):
        assert band.geometry.contains(Point(x, 100)), x
    assert mirror(band.geometry).symmetric_difference(band.geometry).area < 0.5
    minx, miny, maxx, maxy = band.geometry.bounds
    assert maxx - minx > 4 * (maxy - miny)  # a band, not a blob
    assert 96 < miny < 99 and 101 < maxy < 105
    assert 99 < band.geometry.centroid.y < 101.5
    # Trigger points: below the navel, in the lower abdomen, left and right.
    tps = p.trigger_points("both")
    assert {t.view for t in tps} == {"front"}
    assert any(t.x > 0 for t in tps) and any(t.x < 0 for t in tps)
    assert all(88 < t.y < 104 and abs(t.x) < 8 for t in tps)


# --- anatomical spot checks (left side) -----------------------------------------------

# (pattern, view, kind, points that the zones of that kind must cover)
SPOTS = [
    # QL: SI joint and lower buttock, iliac crest, greater trochanter; lower abdomen/groin.
    ("quadratus-lumborum", "back", "essential", [(-4.3, 96), (-8, 83.5), (-10, 104)]),
    ("quadratus-lumborum", "back", "essential", [(-16, 91), (-15.5, 86)]),
    ("quadratus-lumborum", "front", "spillover", [(10, 100), (11, 101)]),
    # Gluteus medius: posterior crest, SI joint and sacrum, mid buttock; upper lateral thigh.
    ("gluteus-medius", "back", "essential", [(-6.5, 101.8), (-2.5, 95), (-10.5, 95)]),
    ("gluteus-medius", "back", "spillover", [(-12.5, 77)]),
    # Gluteus minimus: lower lateral and medial buttock, posterior thigh, lateral thigh.
    ("gluteus-minimus", "back", "essential", [(-13, 87), (-6.5, 86), (-9, 70)]),
    ("gluteus-minimus", "front", "essential", [(14.6, 70), (15, 78)]),
    ("gluteus-minimus", "front", "essential", [(12.3, 45), (11.4, 25), (10.8, 13)]),
    ("gluteus-minimus", "back", "spillover", [(-8.8, 40)]),
    # Gluteus maximus: along the sacrum and cleft, lower buttock; the rest of the buttock.
    ("gluteus-maximus", "back", "essential", [(-4.4, 94.5), (-1.5, 86), (-8.3, 85)]),
    ("gluteus-maximus", "back", "spillover", [(-10, 95), (-7, 92)]),
    # Piriformis: SI region, buttock, posterior hip; upper posterior thigh.
    ("piriformis", "back", "essential", [(-4.4, 96.2), (-10.5, 92.6), (-15.5, 91)]),
    ("piriformis", "back", "spillover", [(-9, 76), (-9, 66)]),
    # Adductors: deep groin, upper anteromedial thigh; medial knee and down the shin.
    ("adductor-longus-brevis", "front", "essential", [(5.4, 86.6), (5.5, 76), (6, 70)]),
    ("adductor-longus-brevis", "front", "essential", [(5.8, 52), (5.9, 55)]),
    ("adductor-longus-brevis", "front", "spillover", [(7.3, 37)]),
    # Pectineus: just below the inguinal ligament and the top of the inner thigh.
    ("pectineus", "front", "essential", [(7, 86.6), (6.2, 81.5)]),
    # Rectus femoris: front of the knee around the patella; lower anterior thigh.
    ("rectus-femoris", "front", "essential", [(8.5, 50), (9, 47), (9, 53)]),
    ("rectus-femoris", "front", "spillover", [(9.4, 60)]),
    # Vastus medialis: anteromedial knee; strip up the medial thigh.
    ("vastus-medialis", "front", "essential", [(5.8, 50), (6, 53)]),
    ("vastus-medialis", "front", "spillover", [(5.4, 63)]),
    # TFL: anterolateral hip and upper thigh; down the lateral thigh.
    ("tensor-fasciae-latae", "front", "essential", [(14.5, 86), (14.5, 80), (15, 90)]),
    ("tensor-fasciae-latae", "front", "spillover", [(14, 65), (13, 57)]),
    # Hamstrings: gluteal fold, posterior thigh, back of the knee; upper calf.
    ("hamstrings", "back", "essential", [(-7, 80.5), (-6.3, 68), (-8.7, 49.4)]),
    ("hamstrings", "back", "spillover", [(-10.8, 68), (-10.4, 41.5)]),
    # Medial hamstrings: down the back-inner knee to the medial calf.
    ("hamstrings", "back", "spillover", [(-6.0, 52), (-5.9, 46), (-6.2, 38)]),
    # Iliocostalis lumborum: lower back down to the mid buttock.
    ("iliocostalis-lumborum", "back", "essential", [(-8.7, 108), (-8.8, 91.5)]),
    ("iliocostalis-lumborum", "back", "spillover", [(-8.8, 100)]),
    # Multifidus: beside the spine, over the sacrum to the coccyx; abdomen (L1-L5).
    ("multifidus", "back", "essential", [(-2, 105), (-2, 100.5), (-1.3, 92), (-0.8, 87.5)]),
    ("multifidus", "front", "spillover", [(3.6, 102), (4, 99)]),
    # Iliopsoas: essential back band over the SI region; upper thigh anteromedial.
    ("iliopsoas", "back", "essential", [(-4, 100), (-3.6, 96), (-3.6, 94)]),
    ("iliopsoas", "front", "essential", [(7, 91), (4, 80), (5, 76)]),
]


@pytest.mark.parametrize(("name", "view", "kind", "points"), SPOTS)
def test_spot_checks(name, view, kind, points):
    zones = union(name, drawn_side(name), view, kind)
    for x, y in points:
        assert zones.contains(Point(x, y)), (name, view, kind, x, y)


@pytest.mark.parametrize(
    ("name", "region", "share"),
    [
        ("piriformis", "buttock-left", 0.6),  # the essential zones lie in the buttock
        ("gluteus-maximus", "buttock-left", 0.95),
        ("hamstrings", "thigh-back-left", 0.5),
        ("rectus-femoris", "knee-front-left", 0.6),
        ("vastus-medialis", "knee-front-left", 0.6),
        ("pectineus", "groin-left", 0.2),
        ("tensor-fasciae-latae", "thigh-front-left", 0.6),
    ],
)
def test_essential_zones_fall_in_their_region(chart, name, region, share):
    reg = chart.region(region)
    zones = union(name, "left", reg.view, "essential")
    assert zones.intersection(reg.geometry).area >= share * zones.area


def test_localised_patterns_stay_local():
    # Gluteus maximus pain stays in the buttock; pectineus stays high on the thigh;
    # rectus femoris and vastus medialis have nothing on the back view.
    assert union("gluteus-maximus", "left", "back").bounds[1] > 79
    assert union("gluteus-maximus", "left", "front").is_empty
    assert union("pectineus", "left", "front").bounds[1] > 70
    assert union("rectus-femoris", "left", "back").is_empty
    assert union("vastus-medialis", "left", "back").is_empty
    # Piriformis spillover covers the upper two-thirds of the thigh, not the knee.
    assert 58 < union("piriformis", "left", "back", "spillover").bounds[1] < 68
    # Anterior gluteus minimus spillover reaches down to the ankle (7 cm).
    assert union("gluteus-minimus", "left", "front", "essential").bounds[1] < 11


def test_zones_a_clinical_review_moved_are_where_it_put_them(chart):
    """Where the clinical review moved zones: what must now be (or no longer be) there."""
    # Quadratus lumborum: the abdominal spillover lies above the groin, near the ASIS.
    ql = union("quadratus-lumborum", "left", "front", "spillover")
    assert ql.intersection(chart.region("groin-left").geometry).area < 0.05
    assert not ql.contains(Point(7, 91)) and ql.distance(Point(12, 97)) < 2.5
    # Iliocostalis lumborum: nothing on the front any more.
    assert union("iliocostalis-lumborum", "left", "front").is_empty
    # Multifidus: no buttock or thigh spillover.
    spill = union("multifidus", "left", "back", "spillover")
    assert spill.intersection(chart.region("buttock-left").geometry).area < 0.05
    assert spill.intersection(chart.region("thigh-back-left").geometry).area < 0.05
    # Iliopsoas: the essential back band reaches the SI region (about y 93); the upper
    # thigh zone's centre sits anteromedially (x about 5).
    back = union("iliopsoas", "left", "back", "essential")
    assert 92.5 < back.bounds[1] < 94
    thigh = next(z for z in pattern("iliopsoas").zones("left") if z.base_id == "thigh-front-upper")
    assert 4 < thigh.geometry.centroid.x < 6
    # Lower rectus abdominis: the band covers part of both lower-back regions.
    band = union("rectus-abdominis-lower", "both", "back")
    for region in ("lower-back-left", "lower-back-right"):
        assert band.intersection(chart.region(region).geometry).area > 5, region
    # Hamstrings: the medial spillover reaches the medial calf below the knee.
    medial = next(z for z in pattern("hamstrings").zones("left") if z.base_id == "knee-calf-medial")
    assert medial.geometry.bounds[1] < 40 and medial.geometry.centroid.x > -7.5
    # Adductor longus and brevis: the knee zone is essential, the shin spillover.
    kinds = {z.base_id: z.kind for z in pattern("adductor-longus-brevis").zones("left")}
    assert kinds["knee-medial"] == "essential" and kinds["shin"] == "spillover"


# --- distinctness and self-consistency ---------------------------------------------


@cache
def pair_table() -> list[tuple[float, str, str]]:
    rows = [
        (dice(essential(a, drawn_side(a)), essential(b, drawn_side(b))), a, b)
        for a, b in itertools.combinations(LIBRARY, 2)
    ]
    return sorted(rows, reverse=True)


def test_no_two_patterns_are_near_duplicates():
    table = pair_table()
    print("\nmost similar pairs (Dice of essential zones, left side, both views):")
    for d, a, b in table[:10]:
        print(f"  {d:.3f}  {a} / {b}")
    assert table[0][0] < 0.8, table[0]


CANDIDATES = [(n, s) for n in LIBRARY for s in pattern(n).sides]


@pytest.mark.parametrize("name", LIBRARY)
def test_own_essential_zones_fit_their_pattern_best(name):
    """A drawing of P's essential zones has its highest Dice with P (and its drawn side)."""
    drawing = essential(name, drawn_side(name))
    for reference in (whole, essential):
        scores = sorted(
            ((dice(drawing, reference(n, s)), n, s) for n, s in CANDIDATES), reverse=True
        )
        best, runner_up = scores[0], scores[1]
        assert best[1:] == (name, drawn_side(name)), (reference.__name__, scores[:3])
        assert best[0] > runner_up[0] + 0.1, (reference.__name__, scores[:3])


# --- the real ranking (bodymap.rank) ----------------------------------------------------


def _rank():
    return bodymap.rank


@pytest.mark.parametrize("by", ["dice", "fit"])
@pytest.mark.parametrize("name", LIBRARY)
def test_rank_puts_the_pattern_of_a_drawing_first(name, by):
    best = _rank()(drawing_of(name), top=1, by=by, kinds=["muscle"])[0]
    assert (best.pattern, best.side) == (name, drawn_side(name))


#: Since the clinical review's corrections (iliopsoas thigh zone anteromedial, adductor knee zone
#: essential) the iliopsoas and vastus medialis drawn together give groin, upper inner thigh
#: and inner knee: the adductor longus/brevis picture, which ranks second, and the pectineus
#: third; the small vastus medialis comes fifth.  Strict, so a change shows.
_TWO_PATTERN_EXCEPTIONS = {("iliopsoas", "vastus-medialis")}
TWO_PATTERN_PAIRS = [
    pytest.param(
        a,
        b,
        marks=pytest.mark.xfail(strict=True, reason="reads as adductor longus (see above)"),
    )
    if (a, b) in _TWO_PATTERN_EXCEPTIONS
    else (a, b)
    for a, b in itertools.combinations(ORIGINAL, 2)
]


@pytest.mark.parametrize(("a", "b"), TWO_PATTERN_PAIRS)
def test_rank_by_fit_puts_both_patterns_of_a_two_pattern_drawing_in_the_top_three(a, b):
    """Plain Dice fails this for six pairs (a small pattern such as vastus medialis drawn
    with a large one is diluted); the fit score, which rewards covering the essential
    zones, passes it for every pair.  The test is quadratic in the library, so it keeps to
    the original fifteen patterns (105 pairs, each ranked against the whole library)."""
    top = _rank()(drawing_of(a, b), top=3, by="fit", kinds=["muscle"])
    assert {(a, drawn_side(a)), (b, drawn_side(b))} <= {(c.pattern, c.side) for c in top}
