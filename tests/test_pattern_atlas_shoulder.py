"""Shoulder and upper-back patterns: arm zones, revisions and the generator.

Every check point is a chart landmark (``chart.landmarks``), shifted by a few centimetres
where the zone lies beside it, so that a wrong pending landmark (``PENDING_LANDMARKS`` in
``shapes/patterns_shoulder.py``: scapula, coracoid, axillary folds, bases of the digits)
shows as a failing check; the pending landmarks have checks of their own.
Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; the patterns are
checked on the side they are drawn for (left).  The arm is in anatomical position (palm
forward): its lateral (thumb) side is away from the trunk in both views.
"""

from __future__ import annotations

import copy
from types import ModuleType

import pytest
import shapely
from atlas_helpers import SHOULDER, generator, landmark, point, regional, zones
from shapely.geometry import LineString, Point, Polygon

import bodymap


def module() -> ModuleType:
    return regional("patterns_shoulder")


DIGITS = ("thumb", "index", "middle", "ring", "little")


def digit_strip(view: str, digit: str, half_width: float = 0.55) -> Polygon:
    """The free part of a digit: from 1 cm beyond its base (clear of the webs) to its tip."""
    bx, by = landmark(view, f"{digit}-base-left")
    tx, ty = landmark(view, f"{digit}-tip-left")
    line = LineString([(bx, by), (tx, ty)])
    start = line.interpolate(1.0)
    return LineString([start, (tx, ty)]).buffer(half_width)


# (pattern, view, digits the pattern's zones run out on, digits they must stay off)
DIGIT_ZONES = [
    ("latissimus-dorsi", "back", ("ring", "little"), ("thumb", "index", "middle")),
    ("serratus-anterior", "front", ("ring",), ("thumb", "index", "middle", "little")),
    ("serratus-posterior-superior", "back", ("little",), ("thumb", "index", "middle", "ring")),
    ("serratus-posterior-superior", "front", ("little",), ("thumb", "index", "middle", "ring")),
    ("pectoralis-major", "front", ("ring", "little"), ("thumb", "index", "middle")),
    ("pectoralis-minor", "front", ("middle", "ring", "little"), ("thumb", "index")),
]


@pytest.mark.parametrize(("name", "view", "on", "off"), DIGIT_ZONES)
def test_finger_zones_lie_on_their_fingers(name, view, on, off):
    """The hand has separate digits: a zone that ends on some fingers covers them from base
    to tip and keeps off the others."""
    z = zones(name, view)
    for digit in on:
        strip = digit_strip(view, digit)
        assert z.intersection(strip).area > 0.8 * strip.area, (name, digit)
        assert z.contains(point(view, f"{digit}-tip-left")), (name, digit)
    for digit in off:
        assert z.intersection(digit_strip(view, digit)).area < 0.05, (name, digit)


def test_single_finger_zones_lie_on_that_finger(chart):
    """The serratus posterior superior's little-finger zones lie on the little finger."""
    p = bodymap.load_pattern("serratus-posterior-superior")
    for view in ("front", "back"):
        (zone,) = [z for z in p.zones("left", view) if z.base_id == f"little-finger-{view}"]
        finger = LineString(
            [landmark(view, "little-base-left"), landmark(view, "little-tip-left")]
        ).buffer(1.0)
        assert finger.contains(zone.geometry), view
        assert zone.geometry.intersection(chart.region(f"hand-{view}-left").geometry).area > (
            0.95 * zone.geometry.area
        )
        for other in ("ring", "middle"):
            assert zone.geometry.distance(point(view, f"{other}-tip-left")) > 1.0, (view, other)


def test_arm_zones_follow_the_arm():
    """Zones along the arm sit at the arm's landmarks, on the side the sources give."""
    # Supraspinatus: lateral side of the arm, in both views (lateral is +x front, -x back).
    lat_f = zones("supraspinatus", "front", "essential")
    assert lat_f.centroid.x > landmark("front", "elbow-left")[0] - 6
    # Pectoralis major: down the inner arm to the medial epicondyle (front view).
    inner = next(
        z
        for z in bodymap.load_pattern("pectoralis-major").zones("left", "front")
        if z.base_id == "arm-inner"
    )
    assert inner.geometry.contains(point("front", "medial-epicondyle-left"))
    assert not inner.geometry.contains(point("front", "lateral-epicondyle-left"))
    # Subscapularis: a band around the wrist, front and back.
    for view in ("front", "back"):
        assert zones("subscapularis", view, "spillover").contains(point(view, "wrist-left"))
    # Teres major: back of the arm and forearm, skipping the elbow.
    tm = zones("teres-major", "back")
    assert tm.contains(point("back", "elbow-left", -2.5, -10.0))
    assert tm.distance(point("back", "olecranon-left")) > 2.0
    # Infraspinatus: thumb side of the forearm and hand; latissimus: little-finger side.
    radial = zones("infraspinatus", "front", "spillover")
    assert radial.contains(point("front", "thenar-left"))
    assert not radial.contains(point("front", "hypothenar-left"))
    ulnar = zones("latissimus-dorsi", "back", "spillover")
    assert ulnar.distance(point("back", "medial-epicondyle-left")) < 1.0
    assert ulnar.distance(point("back", "lateral-epicondyle-left")) > 3.0


@pytest.mark.parametrize(
    ("name", "only_view"),
    [
        ("middle-trapezius", "back"),
        ("lower-trapezius", "back"),
        ("rhomboids", "back"),
        ("teres-minor", "back"),
        ("teres-major", "back"),
        ("pectoralis-major", "front"),
        ("pectoralis-minor", "front"),
    ],
)
def test_single_view_patterns(name, only_view):
    other = "back" if only_view == "front" else "front"
    assert zones(name, other).is_empty
    assert not zones(name, only_view).is_empty


def test_localised_patterns_stay_local():
    # Teres minor: one small zone at the back of the shoulder; deltoid: the shoulder cap and
    # the top of the upper arm; the trapezius parts and rhomboids stay above the waist.
    chart = bodymap.load_chart()
    tm = zones("teres-minor", "back")
    arm = chart.region("upper-arm-back-left").geometry
    shoulder = chart.region("shoulder-back-left").geometry
    assert tm.area < 25
    assert tm.intersection(arm.union(shoulder)).area > 0.98 * tm.area
    elbow = landmark("front", "elbow-left")[1]
    for view in ("front", "back"):
        assert zones("deltoid", view).bounds[1] > elbow + 10
    for name in ("middle-trapezius", "lower-trapezius", "rhomboids"):
        assert zones(name, "back").bounds[1] > landmark("back", "t12-l1")[1] + 10, name


def test_sources_cite_the_right_volumes():

    for name in SHOULDER:
        p = bodymap.load_pattern(name)
        assert any("Vol. 1" in s and "2nd ed" in s for s in p.sources), name
        assert any("3rd ed" in s for s in p.sources), name
        assert "vol. 1, 2nd ed." in p.meta["credit"], name


# --- landmarks and the generator ---------------------------------------------------------


def test_shoulder_pending_landmarks_lie_inside_the_outline_and_mirror(chart):
    pending = module().PENDING_LANDMARKS
    for view, points in pending.items():
        outline = chart.outline(view)
        for name, (x, y) in points.items():
            assert outline.buffer(-0.3).contains(Point(x, y)), (view, name)
            if name.endswith("-left"):
                assert points[name[: -len("-left")] + "-right"] == (-x, y), (view, name)
                assert (x > 0) if view == "front" else (x < 0), (view, name)
        # the bases of the digits lie in the hand, between the wrist and the digit's tip
        hand = chart.region(f"hand-{view}-left").geometry
        wrist = Point(landmark(view, "wrist-left"))
        for digit in DIGITS:
            base = Point(points[f"{digit}-base-left"])
            tip = point(view, f"{digit}-tip-left")
            assert hand.contains(base), (view, digit)
            assert wrist.distance(base) < wrist.distance(tip), (view, digit)
            assert 4.5 < base.distance(tip) < 8.0, (view, digit)
    # the scapula: superior angle above the root of its spine, both medial to its middle
    sup = landmark("back", "superior-angle-of-scapula-left")
    root = landmark("back", "root-of-spine-of-scapula-left")
    spine = landmark("back", "spine-of-scapula-left")
    inf = landmark("back", "inferior-angle-of-scapula-left")
    assert sup[1] > root[1] > inf[1] and sup[0] > spine[0] and root[0] > spine[0]


def test_the_arm_axis_helper():
    """``_arm`` runs through the acromion, elbow crease and wrist crease; lateral is away from
    the trunk in both views."""
    gen, mod = generator(), module()
    b = gen.Builder(gen.load_chart())
    for view in ("front", "back"):
        for s, name in ((0.0, "acromion-left"), (1.0, "elbow-left"), (2.0, "wrist-left")):
            x, y = mod._arm(b, view, s)
            assert (x, y) == pytest.approx(landmark(view, name), abs=0.011), (view, name)
        x0, _ = mod._arm(b, view, 0.5)
        x1, _ = mod._arm(b, view, 0.5, 2.0)
        assert (x1 > x0) if view == "front" else (x1 < x0), view


def test_zones_move_with_the_chart_landmarks():
    """A zone is placed by its landmarks: move the lateral epicondyle (along the edge of the
    arm, so that the clipping stays the same) and the supraspinatus's elbow zone moves with
    it."""
    gen, mod = generator(), module()
    base = gen.load_chart()
    moved = copy.deepcopy(base)
    x, y = moved["landmarks"]["back"]["lateral-epicondyle-left"]
    moved["landmarks"]["back"]["lateral-epicondyle-left"] = [x - 0.4, y - 1.5]
    centroids = []
    for chart in (base, moved):
        b = gen.Builder(chart)
        mod.supraspinatus(b)
        (zone,) = [f for f in b.features if f["id"] == "lateral-epicondyle-back"]
        centroids.append(shapely.geometry.shape(zone["geometry"]).centroid)
    assert centroids[1].y - centroids[0].y == pytest.approx(-1.5, abs=0.15)
    assert centroids[1].x - centroids[0].x == pytest.approx(-0.4, abs=0.15)


def test_the_module_is_registered():
    gen = generator()
    assert "patterns_shoulder" in gen.REGIONAL_MODULES

    assert set(module().PATTERNS) == set(SHOULDER)
    assert set(SHOULDER) <= set(gen.PATTERNS)
