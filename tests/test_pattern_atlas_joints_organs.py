"""Joint and organ patterns: anatomy at landmarks, safety flags, ranking, counts.

Every check point is a chart landmark, or a pending one of the generator (the cervical
levels ``c2``-``c6`` of ``shapes/patterns_joints.py``, the scapula and neck points of the
neck and shoulder modules), shifted by a few centimetres where the zone lies beside it.
Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; unilateral
patterns are checked on the side they are drawn for (left), unpaired organs as drawn
(side ``both``).
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from atlas_helpers import drawing_of, landmark, point, regional
from shapely.geometry import Point

import bodymap

JOINTS = (
    "joint-facet-c2-c3",
    "joint-facet-c3-c4",
    "joint-facet-c4-c5",
    "joint-facet-c5-c6",
    "joint-facet-c6-c7",
    "joint-facet-c7-t1",
    "joint-facet-l1-l2",
    "joint-facet-l2-l3",
    "joint-facet-l3-l4",
    "joint-facet-l4-l5",
    "joint-facet-l5-s1",
    "joint-sacroiliac",
    "joint-hip",
)
UNPAIRED = (
    "organ-heart",
    "organ-gallbladder",
    "organ-stomach",
    "organ-pancreas",
    "organ-appendix",
    "organ-bladder",
    "organ-uterus",
    "organ-aorta",
)
PAIRED = ("organ-kidney", "organ-diaphragm", "organ-lung-apex")
ORGANS = UNPAIRED + PAIRED


@cache
def pattern(name: str) -> bodymap.Pattern:
    return bodymap.load_pattern(name)


def union(name: str, view: str, kind: str | None = None):
    import shapely

    p = pattern(name)
    geoms = [z.geometry for z in p.zones(p.sides[0], view, kind)]
    return shapely.union_all(geoms) if geoms else Point().buffer(0)


def mid_inguinal(dy: float = 0.0) -> Point:
    """The mid-inguinal point (halfway from the left ASIS to the pubic symphysis), shifted."""
    (ax, ay), (sx, sy) = landmark("front", "asis-left"), landmark("front", "pubic-symphysis")
    return Point((ax + sx) / 2, (ay + sy) / 2 + dy)


def mcburney(side: str = "right") -> Point:
    """McBurney's point: a third of the way from the ASIS to the navel."""
    (ax, ay), (nx, ny) = landmark("front", f"asis-{side}"), landmark("front", "navel")
    return Point(ax + (nx - ax) / 3, ay + (ny - ay) / 3)


def test_hip_groin_and_appendix_mcburney():
    # Hip joint: the groin just below the mid-inguinal point, not the opposite groin.
    groin = union("joint-hip", "front", "essential")
    assert groin.contains(mid_inguinal(-2.0)) and groin.contains(mid_inguinal(-1.0))
    assert not union("joint-hip", "front").contains(Point(-mid_inguinal().x, mid_inguinal().y))
    # Appendix: McBurney's point on the right, nothing at its mirror image on the left.
    appendix = union("organ-appendix", "front", "essential")
    assert appendix.contains(mcburney("right"))
    assert not union("organ-appendix", "front").contains(mcburney("left"))
    (marker,) = pattern("organ-appendix").trigger_points("both")
    assert marker.geometry.distance(mcburney("right")) < 0.05


def test_spillover_where_the_sources_put_it():
    # Kidney: loin to groin along the ureter (front, spillover); the flank behind.
    ureter = union("organ-kidney", "front", "spillover")
    assert ureter.contains(point("front", "pubic-tubercle-left", 1.8, 0.0))
    assert ureter.contains(point("front", "iliac-crest-left", -2.0, 1.0))
    # Heart and lung apex reach the little finger (ulnar side of the arm), as spillover.
    for name in ("organ-heart", "organ-lung-apex"):
        assert union(name, "front", "spillover").contains(point("front", "little-tip-left"))
    assert union("organ-lung-apex", "back", "spillover").contains(point("back", "little-tip-left"))
    # Gallbladder: below the right shoulder blade (back view, patient's right is x > 0).
    assert union("organ-gallbladder", "back", "spillover").contains(
        point("back", "inferior-angle-of-scapula-right", 0.0, -0.6)
    )
    # Stomach and duodenum: the mid-back T6-T10 spillover, in the midline.
    back = union("organ-stomach", "back", "spillover")
    assert back.contains(Point(0.0, 126.0)) and not back.contains(Point(0.0, 118.0))
    # Sacroiliac joint: lower lumbar, posterior thigh, lower leg and groin spillover.
    si = union("joint-sacroiliac", "back", "spillover")
    for lm, dx, dy in (("psis-left", 0.0, 3.0), ("gluteal-fold-left", 1.6, -8.0)):
        assert si.contains(point("back", lm, dx, dy)), lm
    assert si.contains(point("back", "knee-left", -0.5, -12.0))
    assert not union("joint-sacroiliac", "front", "spillover").is_empty
    # Hip joint: front and back of the thigh, down to the knee.
    assert union("joint-hip", "front", "spillover").contains(point("front", "knee-left"))


def test_facet_levels_step_down_the_spine():
    """Each level's joint marker, and (C2-3 to C6-7, L1-2 to L5-S1) the centre of its
    essential zones, lie lower than the level above.  (C7-T1 refers medial to the scapula,
    above the C6-7 area over the scapula.)"""
    for group in (JOINTS[:6], JOINTS[6:11]):
        markers = [pattern(n).trigger_points("left")[0] for n in group]
        ys = [m.y for m in markers]
        assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys), group
    for group in (JOINTS[:5], JOINTS[6:11]):
        centres = [union(n, "back", "essential").centroid.y for n in group]
        assert centres == sorted(centres, reverse=True), (group, centres)
        for m in markers:
            # The facet lies about 2 cm lateral to the midline (1.5-3 cm), on the left.
            assert m.view == "back" and -3.0 <= m.x <= -1.5, m


def test_lumbar_facets_reach_further_down_the_leg_with_the_level():
    """Fukui et al.: L1-2 stays in the lumbar region; from L3-4 on the pain reaches the
    trochanter and the thigh."""
    lows = [union(n, "back").bounds[1] for n in JOINTS[6:11]]
    assert lows[0] > landmark("back", "iliac-crest-left")[1]  # L1-2: lumbar only
    assert lows[2] < landmark("back", "greater-trochanter-left")[1]
    assert max(lows[3:]) < landmark("back", "gluteal-fold-left")[1] - 10


def test_markers_lie_on_the_structure():
    si = pattern("joint-sacroiliac").trigger_points("left")[0]
    psis = landmark("back", "psis-left")
    assert 0 < si.x - psis[0] < 1.5 and 0 < psis[1] - si.y < 3.0  # medial to and below
    hip = pattern("joint-hip").trigger_points("left")[0]
    assert hip.view == "front" and hip.geometry.distance(mid_inguinal(-2.0)) < 1.0
    heart = pattern("organ-heart").trigger_points("both")[0]
    assert heart.view == "front" and 1.0 < heart.x < 8.0 and 120 < heart.y < 135
    gb = pattern("organ-gallbladder").trigger_points("both")[0]
    assert gb.view == "front" and -11 < gb.x < -7 and 113 < gb.y < 118  # Murphy's point
    kidney = pattern("organ-kidney").trigger_points("left")[0]
    t12_l1 = landmark("back", "t12-l1")[1]
    assert kidney.view == "back" and kidney.x < -3 and abs(kidney.y - t12_l1) < 3
    for name in (*JOINTS, *ORGANS):
        p = pattern(name)
        assert len(p.trigger_points(p.sides[0])) == 1, name  # one marker: the structure


# --- kinds, safety and laterality --------------------------------------------------------


@pytest.mark.parametrize("name", JOINTS + ORGANS)
def test_kind_and_red_flag(name):
    p = pattern(name)
    assert p.kind == ("joint" if name.startswith("joint-") else "organ")
    assert p.red_flag == (p.kind == "organ")
    assert p.short_title("en") and p.short_title("nl")
    if p.red_flag:
        en, nl = p.red_flag_text("en"), p.red_flag_text("nl")
        assert en.startswith("pain in this area can come from ") and en.endswith(".")
        assert "rule out" in en and "muscle pain" in en
        assert nl.startswith("pijn in dit gebied kan ") and nl.endswith(".") and "spierpijn" in nl
        assert en.count(".") == 1 and nl.count(".") == 1  # one sentence each
    else:
        assert p.red_flag_text("en") == ""


@pytest.mark.parametrize("name", UNPAIRED)
def test_unpaired_organs_are_drawn_once(name):
    p = pattern(name)
    assert p.bilateral and p.sides == ("both",)
    assert all(z.side == "both" for z in p.zones("both"))


@pytest.mark.parametrize("name", PAIRED + JOINTS)
def test_paired_structures_are_mirrored(name):
    p = pattern(name)
    assert not p.bilateral and p.sides == ("left", "right")


def test_kidney_of_either_side_is_one_result_each():
    result = bodymap.rank(drawing_of("organ-kidney"), kinds=["organ"])
    sides = [c.side for c in result if c.pattern == "organ-kidney"]
    assert sorted(sides) == ["left", "right"]
    assert [c.side for c in result if c.pattern == "organ-heart"] == ["both"]


def test_counts():
    kinds = [pattern(n).kind for n in bodymap.pattern_names()]
    assert kinds.count("joint") >= 12 and kinds.count("organ") >= 11
    assert {n for n in bodymap.pattern_names() if pattern(n).kind == "joint"} >= set(JOINTS)
    assert {n for n in bodymap.pattern_names() if pattern(n).kind == "organ"} >= set(ORGANS)


def test_sources_are_cited_in_full():
    expect = {
        "joint-facet-c5-c6": ("Dwyer A, Aprill C, Bogduk N", "1990;15(6):453-457"),
        "joint-facet-c7-t1": ("Cooper G, Bailey B, Bogduk N", "2007;8(4):344-353"),
        "joint-facet-l4-l5": ("Fukui S", "1997;13(4):303-307"),
        "joint-sacroiliac": ("Fortin JD", "Slipman CW"),
        "joint-hip": ("Lesher JM", "2008;9(1):22-25"),
        "organ-appendix": ("McBurney C", "1889"),
        "organ-lung-apex": ("Pancoast HK", "1932"),
        "organ-heart": ("Head H", "Cervero F, Laird JMA"),
    }
    for name, parts in expect.items():
        text = " ".join(pattern(name).sources)
        for part in parts:
            assert part in text, (name, part)


# --- ranking -------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["dice", "fit"])
@pytest.mark.parametrize("name", JOINTS + ORGANS)
def test_a_drawing_of_the_essential_zones_ranks_its_pattern_first(name, by):
    kind = pattern(name).kind
    top = bodymap.rank(drawing_of(name), top=2, by=by, kinds=[kind])
    assert (top[0].pattern, top[0].side) == (name, pattern(name).sides[0])
    best, second = (getattr(c, by) for c in top)
    assert best > 1.3 * second, (name, by, top[1].pattern, best, second)


def test_adjacent_facet_levels_are_told_apart():
    """Neighbouring levels overlap, but each level's essential zones differ from the next."""
    import shapely

    for group in (JOINTS[:6], JOINTS[6:11]):
        for a, b in itertools.pairwise(group):
            ea, eb = union(a, "back", "essential"), union(b, "back", "essential")
            dice = 2 * ea.intersection(eb).area / (ea.area + eb.area)
            assert dice < 0.6, (a, b, dice)
            assert not shapely.equals(ea, eb)


def test_pending_landmarks_lie_inside_the_neck(chart):
    pending = regional("patterns_joints").PENDING_LANDMARKS
    ys = [pending["back"][f"c{n}"][1] for n in range(2, 7)]
    assert ys == sorted(ys, reverse=True)
    assert landmark("back", "mastoid-left")[1] > ys[0] and ys[-1] > landmark("back", "c7")[1]
    for name, (x, y) in pending["back"].items():
        assert x == 0.0 and chart.outline("back").buffer(-0.3).contains(Point(x, y)), name
