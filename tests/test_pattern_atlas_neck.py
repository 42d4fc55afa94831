"""Head and neck patterns: legibility, views and the generator.

Every check point is a chart landmark (``chart.landmarks``), or, for a landmark the chart
file does not define (the eye, ear, cheek, occiput, angle of the neck, digit bases, ...),
the generator's pending value (``PENDING_LANDMARKS`` in ``shapes/patterns_neck.py``),
shifted by a few centimetres where the zone lies beside it.  Frame: FRONT view patient-left
is x > 0, BACK view patient-left is x < 0; the patterns are checked on the side they are
drawn for (left).
"""

from __future__ import annotations

import math
from types import ModuleType

import pytest
from atlas_helpers import NECK, generator, landmark, point, regional, zone, zones
from shapely.geometry import Point

import bodymap


def neck_module() -> ModuleType:
    return regional("patterns_neck")


@pytest.mark.parametrize(
    ("name", "only_view"),
    [
        ("splenius-capitis", "back"),
        ("levator-scapulae", "back"),
        ("masseter", "front"),
    ],
)
def test_single_view_patterns(name, only_view):
    other = "back" if only_view == "front" else "front"
    assert zones(name, other).is_empty
    assert not zones(name, only_view).is_empty


# --- where the head patterns differ --------------------------------------------------------


def test_the_temple_patterns_have_their_own_centres():
    """Upper trapezius, temporalis and semispinalis capitis all reach the temple, each as the
    sources describe it: the trapezius lower and forward (towards the back of the orbit), the
    temporalis over the whole temple, the semispinalis as a band at temple level running
    forward over the eye."""
    temple_y = landmark("front", "temple-left")[1]
    ut = zone("upper-trapezius", "temple").geometry
    tm = zone("temporalis", "temple").geometry
    ss = zone("semispinalis-capitis", "temple-band").geometry
    assert ut.centroid.y < temple_y < tm.bounds[3]
    assert ut.centroid.x < tm.centroid.x
    assert tm.bounds[3] - tm.bounds[1] > 3.5  # the temporalis covers the temple up and down
    minx, miny, maxx, maxy = ss.bounds
    assert maxx - minx > 2.2 * (maxy - miny)  # a band, not a blob
    assert miny < temple_y < maxy
    assert minx < landmark("front", "eye-left")[0] + 1.0  # it reaches over the eye
    # Masseter: nothing at the temple; its eyebrow arc lies above the temporalis eyebrow.
    assert not zones("masseter", "front").contains(point("front", "temple-left"))
    arc = zone("masseter", "eyebrow").geometry
    assert arc.centroid.y > zone("temporalis", "eyebrow").geometry.centroid.y + 0.5


def test_the_head_bands_lie_at_their_levels():
    """Semispinalis capitis: around the head at temple level; suboccipital muscles: lower,
    from the occiput across the side of the head to the eye."""
    temple_y = landmark("front", "temple-left")[1]
    eye_y = landmark("front", "eye-left")[1]
    ss_back = zone("semispinalis-capitis", "band-back").geometry
    so_back = zone("suboccipital-muscles", "occiput-side").geometry
    so_front = zone("suboccipital-muscles", "side-to-eye").geometry
    assert abs(ss_back.centroid.y - temple_y) < 1.0
    assert ss_back.centroid.y - so_back.centroid.y > 2.0
    assert ss_back.intersection(so_back).area < 0.05
    assert abs(so_front.centroid.y - eye_y) < 1.0
    # Both bands run from near the midline of the back of the head out to its side.
    for band in (ss_back, so_back):
        assert band.bounds[2] > -4.0 and band.bounds[0] < -7.0


def test_sternocleidomastoid_is_drawn_on_one_side_but_a_severe_headache_crosses_the_forehead():
    """The pattern is unilateral (mirrored by bodymap): every zone lies on its side except
    the spillover across the forehead, which crosses the midline to the other side."""
    p = bodymap.load_pattern("sternocleidomastoid")
    assert not p.bilateral
    for z in p.zones("left", "front"):
        if z.base_id != "forehead-across":
            assert z.geometry.bounds[0] > 0, z.id
    (across,) = [z for z in p.zones("left", "front") if z.base_id == "forehead-across"]
    assert across.kind == "spillover"
    fx, fy = landmark("front", "forehead-right")
    assert across.geometry.contains(Point(fx, fy))  # the other side of the forehead
    assert across.geometry.contains(Point(0.0, fy))  # across the midline
    ids = {z.base_id for z in p.zones("left")}
    assert {"forehead", "ear", "behind-ear"} <= ids  # clavicular division
    assert {"occiput", "cheek", "over-eye", "throat", "sternum", "vertex"} <= ids  # sternal


def test_neck_muscles_that_refer_to_the_head_have_their_trigger_points_in_the_neck():
    mastoid_y = landmark("back", "mastoid-left")[1]
    jaw = ("masseter", "temporalis")
    for name in (n for n in NECK if n not in jaw):
        tps = bodymap.load_pattern(name).trigger_points("left")
        assert tps and all(t.y < mastoid_y for t in tps), name
    # The jaw muscles' trigger points lie on the face, on the same side.
    for name in jaw:
        for t in bodymap.load_pattern(name).trigger_points("left"):
            assert t.view == "front" and t.x > 0 and t.y > landmark("front", "chin")[1], name


def test_scalene_finger_zones_lie_on_their_finger(chart):
    """The thumb zone lies on the thumb and the index zone on the index finger (the hand has
    separate fingers): beyond the digit's base and away from every other finger tip."""
    tips = ("thumb", "index", "middle", "ring", "little")
    for view, suffix in (("front", ""), ("back", "-back")):
        for finger, zone_id in (("thumb", "thumb"), ("index", "index-finger")):
            geom = zone("scalenes", zone_id + suffix).geometry
            base = landmark(view, f"{finger}-base-left")
            tip = landmark(view, f"{finger}-tip-left")
            axis = (tip[0] - base[0], tip[1] - base[1])
            length = math.hypot(*axis)
            for x, y in geom.exterior.coords:
                along = ((x - base[0]) * axis[0] + (y - base[1]) * axis[1]) / length
                assert along > 0, (view, finger, x, y)
            assert geom.contains(Point(tip))
            for other in tips:
                if other != finger:
                    assert geom.distance(point(view, f"{other}-tip-left")) > 1.0, (view, other)
            hand = chart.region(f"hand-{view}-left").geometry
            assert geom.intersection(hand).area > 0.95 * geom.area
    # The radial forearm is spillover; the elbow between arm and forearm stays free.
    assert zone("scalenes", "forearm-radial").kind == "spillover"
    assert zone("scalenes", "forearm-radial-back").kind == "spillover"


def test_levator_and_scalenes_share_the_scapula_border_without_overlap():
    """The levator scapulae refers along the vertebral border of the scapula, the scalenes to
    the border and the interscapular area just medial to it."""
    levator = zone("levator-scapulae", "vertebral-border").geometry
    scalene = zone("scalenes", "interscapular").geometry
    assert levator.intersection(scalene).area < 0.05
    assert scalene.centroid.x > levator.centroid.x  # medial (back view, left: x < 0)
    assert levator.distance(point("back", "inferior-angle-of-scapula-left")) < 3.0


# --- legibility of the small head zones --------------------------------------------------


@pytest.mark.parametrize("name", NECK)
def test_zones_are_large_enough_and_not_under_a_trigger_point(name):
    """Every zone is at least 2 cm² (visible on the figure), and no more than a quarter of a
    zone lies within 1.5 cm of one of the pattern's own trigger-point markers."""
    p = bodymap.load_pattern(name)
    for z in p.zones("left"):
        assert z.geometry.area >= 2.0, (name, z.id, z.geometry.area)
        for t in p.trigger_points("left", z.view):
            covered = z.geometry.intersection(Point(t.x, t.y).buffer(1.5)).area
            assert covered <= 0.25 * z.geometry.area, (name, z.id, t.id)


def test_sources_cite_the_right_volumes_and_chapters():
    chapters = {
        "upper-trapezius": 6,
        "sternocleidomastoid": 7,
        "masseter": 8,
        "temporalis": 9,
        "splenius-capitis": 15,
        "splenius-cervicis": 15,
        "semispinalis-capitis": 16,
        "suboccipital-muscles": 17,
        "levator-scapulae": 19,
        "scalenes": 20,
    }

    assert set(chapters) == set(NECK)
    for name, chapter in chapters.items():
        p = bodymap.load_pattern(name)
        assert any("3rd ed" in s for s in p.sources), name
        assert any(
            "Vol. 1" in s and "2nd ed" in s and f"Chapter {chapter}:" in s for s in p.sources
        ), name
        assert p.meta["credit"].endswith(f"ch. {chapter}"), name


# --- landmarks and the generator ---------------------------------------------------------


def test_pending_landmarks_lie_inside_the_outline_and_mirror(chart):
    pending = neck_module().PENDING_LANDMARKS
    assert pending["front"] and pending["back"]
    for view, points in pending.items():
        outline = chart.outline(view)
        for name, (x, y) in points.items():
            assert outline.buffer(-0.3).contains(Point(x, y)), (view, name)
            if name.endswith("-left"):
                assert points[name[: -len("-left")] + "-right"] == (-x, y), (view, name)
                # patient's left: x > 0 in the front view, x < 0 in the back view
                assert (x > 0) if view == "front" else (x < 0), (view, name)
            elif not name.endswith("-right"):
                assert x == 0.0, (view, name)  # a midline landmark


def test_pending_landmarks_are_the_ones_the_generator_uses():
    """No other regional module (or the chart) redefines a landmark of this module with
    another value: the zones are placed where this module measured them."""
    used = generator().PENDING_LANDMARKS
    for view, points in neck_module().PENDING_LANDMARKS.items():
        for name, value in points.items():
            assert used[view][name] == value, (view, name)


def test_face_landmarks_keep_their_order():
    """Top to bottom on the face: forehead, eyebrow (level with the temple), eye, ear, cheek,
    jaw joint, upper teeth, angle of the jaw, chin."""
    ys = [
        landmark("front", n)[1]
        for n in ("forehead-left", "eyebrow-left", "eye-left", "cheek-left", "upper-teeth-left")
    ]
    assert ys == sorted(ys, reverse=True)
    assert abs(landmark("front", "eyebrow-left")[1] - landmark("front", "temple-left")[1]) < 1.0
    ear = landmark("front", "ear-left")
    assert landmark("front", "eye-left")[1] > ear[1] > landmark("front", "tmj-left")[1]
    assert ear[0] > landmark("front", "tmj-left")[0] > landmark("front", "cheek-left")[0]
    assert landmark("front", "upper-teeth-left")[1] > landmark("front", "angle-of-jaw-left")[1]
    assert landmark("front", "angle-of-jaw-left")[1] > landmark("front", "chin")[1]
    # Back: the occiput lies between the mastoid and the top of the ear.
    assert landmark("back", "mastoid-left")[1] < landmark("back", "occiput")[1] < 164
