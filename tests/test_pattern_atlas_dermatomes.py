"""Dermatome patterns: counts, landmark checks, key sensory points, tiling, rank.

Every check point is a chart landmark (``chart.landmarks``), or a landmark the chart file does
not define yet (the generator's pending value), shifted by a few centimetres where the
dermatome lies beside it.  The landmark checks of the published maps (C6 ``thumb-tip``, C7
``middle-tip``, C8 ``little-tip``, L4 ``medial-malleolus``, L5 ``hallux-tip``, S1 ``heel``)
use the landmark itself, in every view where the chart defines it, on both sides.  Frame:
FRONT view patient-left is x > 0, BACK view patient-left is x < 0.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest
import shapely
from atlas_helpers import drawing_of, generator, landmark
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

import bodymap

LEVELS = (
    [f"c{n}" for n in range(2, 9)]
    + [f"t{n}" for n in range(1, 13)]
    + [f"l{n}" for n in range(1, 6)]
    + ["s1", "s2", "s3-s5"]
)
NAMES = [f"dermatome-{level}" for level in LEVELS]
VIEWS = ("front", "back")


@cache
def pattern(name: str) -> bodymap.Pattern:
    return bodymap.load_pattern(name)


@cache
def union(name: str, side: str, view: str) -> BaseGeometry:
    geoms = [z.geometry for z in pattern(name).zones(side, view, "essential")]
    return shapely.union_all(geoms) if geoms else Polygon()


def test_counts_names_and_kind():
    built = [n for n in bodymap.pattern_names() if pattern(n).kind == "dermatome"]
    assert sorted(built) == sorted(NAMES)
    assert len(NAMES) == 7 + 12 + 5 + 2 + 1
    for name in NAMES:
        p = pattern(name)
        if name == "dermatome-s3-s5":
            assert p.bilateral and p.sides == ("both",)
        else:
            assert not p.bilateral and p.sides == ("left", "right")
        assert p.short_title("en") == name.removeprefix("dermatome-").upper().replace(
            "S3-S5", "S3–S5"
        )


@pytest.mark.parametrize("name", NAMES)
def test_summaries_say_dermatomes_overlap_and_vary(name):
    p = pattern(name)
    assert "overlap" in p.summary["en"] and "varies between people" in p.summary["en"]
    assert "overlappen" in p.summary["nl"] and "verschilt" in p.summary["nl"]
    assert any("Lee MWL" in s and "2008" in s for s in p.sources)
    assert any("International Standards for Neurological" in s for s in p.sources)


#: The landmark checks of the published maps: (pattern, landmark, views where the chart has it).
EXACT = [
    ("dermatome-c6", "thumb-tip", VIEWS),
    ("dermatome-c7", "middle-tip", VIEWS),
    ("dermatome-c8", "little-tip", VIEWS),
    ("dermatome-l4", "medial-malleolus", VIEWS),
    ("dermatome-l5", "hallux-tip", ("front",)),
    ("dermatome-s1", "heel", ("back",)),
]


@pytest.mark.parametrize(("name", "lm", "views"), EXACT, ids=[e[0] for e in EXACT])
def test_key_landmarks_lie_exactly_in_the_essential_zone(chart, name, lm, views):
    defined = [v for v in VIEWS if f"{lm}-left" in chart.landmarks[v]]
    assert tuple(defined) == views  # every view where the chart defines the landmark
    for view in views:
        for side in ("left", "right"):
            x, y = chart.landmarks[view][f"{lm}-{side}"]
            assert union(name, side, view).contains(Point(x, y)), (name, view, side)
            others = [n for n in NAMES if n != name]
            for other in others:
                for s in pattern(other).sides:
                    assert not union(other, s, view).contains(Point(x, y)), (other, lm, view)


@pytest.mark.parametrize("name", NAMES)
def test_key_sensory_points_lie_in_their_own_dermatome_only(name):
    p = pattern(name)
    side = p.sides[0]
    markers = p.trigger_points(side)
    assert markers
    for tp in markers:
        pt = Point(tp.x, tp.y)
        assert union(name, side, tp.view).contains(pt), (name, tp.base_id)
        for other in NAMES:
            if other != name:
                for s in pattern(other).sides:
                    assert not union(other, s, tp.view).contains(pt), (name, other)


@pytest.mark.parametrize("n", range(2, 13))
def test_thoracic_bands_reach_the_spine_at_their_level(n):
    """Back view: the band of Tn holds the point beside the spinous process of Tn, and the
    bands go down in order (no posterior midline gaps)."""
    b = generator().Builder(generator().load_chart())
    y = b.spine(f"T{n}")
    assert union(f"dermatome-t{n}", "left", "back").contains(Point(-1.5, y))
    assert union(f"dermatome-t{n}", "right", "back").contains(Point(1.5, y))


@pytest.mark.parametrize("n", range(1, 6))
def test_lumbar_bands_reach_the_spine_at_their_level(n):
    b = generator().Builder(generator().load_chart())
    y = b.spine(f"L{n}")
    assert union(f"dermatome-l{n}", "left", "back").contains(Point(-1.5, y))


def test_front_bands_slope_down_and_forward():
    """On the front the T bands run lower at the midline than at the flank."""
    for n in range(3, 12):
        band = union(f"dermatome-t{n}", "left", "front")
        medial = band.intersection(Polygon([(0, 0), (3, 0), (3, 180), (0, 180)]))
        lateral = band.intersection(Polygon([(12, 0), (16, 0), (16, 180), (12, 180)]))
        assert medial.centroid.y < lateral.centroid.y, n


def test_dermatomes_tile_each_view_without_overlap(chart):
    for view in VIEWS:
        geoms = [(n, s, union(n, s, view)) for n in NAMES for s in pattern(n).sides]
        for (na, sa, a), (nb, sb, b) in itertools.combinations(geoms, 2):
            assert a.intersection(b).area < 0.05, (view, na, sa, nb, sb)
        covered = shapely.union_all([g for _, _, g in geoms]).area
        # Everything but the face (trigeminal) and the outline's inset margin.
        assert covered > 0.9 * chart.outline(view).area, view


def test_arm_follows_the_preaxial_and_postaxial_borders():
    """Front view: C5 and C6 on the thumb side of the arm axis, T1 and T2 on the other."""
    elbow = landmark("front", "elbow-left")
    for level in ("c5", "c6"):
        c = union(f"dermatome-{level}", "left", "front")
        arm = c.intersection(Polygon([(22, 88), (40, 88), (40, 135), (22, 135)]))
        assert arm.centroid.x > elbow[0] - (arm.centroid.y - elbow[1]) * 0.32, level
    for level in ("t1", "t2"):
        c = union(f"dermatome-{level}", "left", "front")
        arm = c.intersection(Polygon([(18, 88), (40, 88), (40, 135), (18, 135)]))
        assert arm.centroid.x < elbow[0] - (arm.centroid.y - elbow[1]) * 0.32, level


def _drawing(name: str) -> dict:

    return drawing_of(name)


@pytest.mark.parametrize("by", ["dice", "fit"])
@pytest.mark.parametrize("name", NAMES)
def test_rank_puts_the_dermatome_of_a_drawing_first(name, by):
    best = bodymap.rank(_drawing(name), top=1, by=by, kinds=["dermatome"])[0]
    assert (best.pattern, best.side) == (name, pattern(name).sides[0])


def _mark(view: str, x: float, y: float, r: float) -> dict:
    """A pain drawing of one small round mark."""
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "chart": "adult"},
        "features": [
            {
                "type": "Feature",
                "properties": {"view": view},
                "geometry": shapely.geometry.mapping(Point(x, y).buffer(r)),
            }
        ],
    }


def test_a_mark_over_the_back_of_the_greater_trochanter_ranks_l1_not_s1():
    """The upper outer buttock and the trochanter are L1 (iliohypogastric, superior cluneal
    nerves), as on the front view; S1 stays over the upper sacrum and the buttock beside it."""
    x, y = landmark("back", "greater-trochanter-left")
    ranking = bodymap.rank(_mark("back", x + 1.2, y, 1.0), kinds=["dermatome"])
    assert (ranking[0].pattern, ranking[0].side) == ("dermatome-l1", "left")
    assert ranking[0].pattern != "dermatome-s1"
    x, y = landmark("front", "greater-trochanter-left")
    front = bodymap.rank(_mark("front", x - 1.2, y, 1.0), kinds=["dermatome"])
    assert front[0].pattern == "dermatome-l1"


def test_a_mark_on_the_anteromedial_mid_shin_ranks_l4_first():
    """The anteromedial leg (over the subcutaneous surface of the tibia) is L4, the
    anterolateral leg L5."""
    knee, ankle = landmark("front", "tibial-tuberosity-left"), landmark("front", "ankle-left")
    mid = ((knee[0] + ankle[0]) / 2 - 0.6, (knee[1] + ankle[1]) / 2)
    ranking = bodymap.rank(_mark("front", *mid, 1.2), kinds=["dermatome"])
    assert (ranking[0].pattern, ranking[0].side) == ("dermatome-l4", "left")
    lateral = bodymap.rank(_mark("front", mid[0] + 3.0, mid[1], 1.0), kinds=["dermatome"])
    assert lateral[0].pattern == "dermatome-l5"


def test_the_knee_below_l3_is_l4_not_l5():
    """The tibial tuberosity and the fibular head lie in L4; L5 starts below them."""
    for lm in ("tibial-tuberosity", "fibular-head"):
        p = Point(*landmark("front", f"{lm}-left"))
        assert union("dermatome-l4", "left", "front").contains(p), lm
        assert not union("dermatome-l5", "left", "front").contains(p), lm


def test_the_sole_is_s1_on_the_sole_view_and_the_front_view_shows_the_dorsum():
    """S1 covers the whole left sole of the sole view; the front view's foot is the dorsum,
    L5 down to its lower edge (the big toe and the forefoot too)."""
    s1 = union("dermatome-s1", "left", "sole")
    for lm in ("forefoot-left", "heel-left", "medial-arch-left", "hallux-tip-left"):
        assert s1.contains(Point(*landmark("sole", lm))), lm
    sole = bodymap.load_chart().region("sole-left").geometry
    assert s1.intersection(sole).area > 0.93 * sole.area  # all but the inset along the edge
    assert union("dermatome-l5", "left", "sole").is_empty
    mx, _ = landmark("front", "first-metatarsal-head-left")
    edge = Point(mx + 3.0, 0.5)
    assert union("dermatome-l5", "left", "front").contains(edge)
    assert not union("dermatome-s1", "left", "front").contains(edge)
    assert union("dermatome-l5", "left", "front").contains(
        Point(*landmark("front", "dorsum-of-foot-left"))
    )


def test_the_pubic_symphysis_and_tubercle_are_l1_not_t12():
    for lm, dx in (("pubic-symphysis", 0.4), ("pubic-tubercle-left", 0.0)):
        x, y = landmark("front", lm)
        p = Point(x + dx, y)  # the symphysis just left of the midline, in the left L1
        assert union("dermatome-l1", "left", "front").contains(p), lm
        assert not union("dermatome-t12", "left", "front").contains(p), lm


@pytest.mark.parametrize("n", (4, 5))
def test_lower_lumbar_bands_stop_at_the_psis(n):
    """On the back the L4 and L5 bands stay medial of the PSIS, not across the iliac crest."""
    psis = landmark("back", "psis-left")
    band = union(f"dermatome-l{n}", "left", "back").intersection(
        Polygon([(psis[0], 90), (0, 90), (0, 115), (psis[0], 115)])
    )
    lumbar_back = union(f"dermatome-l{n}", "left", "back").intersection(
        Polygon([(-30, 90), (0, 90), (0, 115), (-30, 115)])
    )
    assert band.area > 1.0
    assert lumbar_back.area - band.area < 0.01
