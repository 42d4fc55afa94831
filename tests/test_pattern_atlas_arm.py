"""Arm, forearm and hand patterns: finger zones, views, sources and the generator.

Every check point is a chart landmark (``chart.landmarks``), or, for a landmark the chart
file does not define, the generator's pending value (``PENDING_LANDMARKS`` in
``shapes/patterns_arm.py``: the bases of the digits, the first web space, the base of the
thumb, the anatomical snuffbox), shifted by a few centimetres where the zone lies beside it.
Palms face forward: the FRONT view shows the palm, the BACK view the back of the hand, the
thumb lateral in both.  Frame: FRONT view patient-left is x > 0, BACK view patient-left is
x < 0; the patterns are checked on the side they are drawn for (left).
"""

from __future__ import annotations

import itertools
from types import ModuleType

import pytest
from atlas_helpers import ARM, drawing_of, landmark, point, regional, zone, zones
from shapely.geometry import LineString, Point

import bodymap


def arm_module() -> ModuleType:
    return regional("patterns_arm")


DIGITS = ("thumb", "index", "middle", "ring", "little")


def digit_axis(view: str, digit: str) -> LineString:
    """The digit's axis on the chart: from its base (web level) to its tip landmark."""
    return LineString([landmark(view, f"{digit}-base-left"), landmark(view, f"{digit}-tip-left")])


# --- zones on single fingers -------------------------------------------------------------

#: (pattern, zone, digit): zones drawn on one digit.
FINGER_ZONES = [
    ("triceps-brachii", "ring-finger-back", "ring"),
    ("triceps-brachii", "little-finger-back", "little"),
    ("extensor-digitorum", "middle-finger-back", "middle"),
    ("extensor-digitorum", "ring-finger-back", "ring"),
    ("wrist-finger-flexors", "middle-finger-volar", "middle"),
    ("wrist-finger-flexors", "ring-finger-volar", "ring"),
    ("first-dorsal-interosseous", "index-radial-back", "index"),
    ("first-dorsal-interosseous", "index-radial-front", "index"),
    ("first-dorsal-interosseous", "thumb-front", "thumb"),
]


@pytest.mark.parametrize(("name", "base_id", "digit"), FINGER_ZONES)
def test_finger_zones_lie_on_their_finger(chart, name, base_id, digit):
    z = zone(name, base_id)
    view = z.view
    hand = chart.region(f"hand-{view}-left").geometry
    assert hand.buffer(0.01).contains(z.geometry), (name, base_id)
    axis = digit_axis(view, digit)
    assert z.geometry.intersects(axis), (name, base_id)
    # Every part of the zone is on this digit: close to its axis (a digit is < 2.6 cm wide)
    # and clear of every other digit's axis and tip.
    assert z.geometry.difference(axis.buffer(1.35)).area < 0.01, (name, base_id)
    for other in DIGITS:
        if other == digit:
            continue
        assert not z.geometry.intersects(digit_axis(view, other)), (name, base_id, other)
        assert z.geometry.distance(point(view, f"{other}-tip-left")) > 0.5, (name, other)


def test_finger_zones_end_where_the_sources_say():
    # Finger flexors: out to the tip; the extensor digitorum: short of the tip.
    for base_id, digit in (("middle-finger-volar", "middle"), ("ring-finger-volar", "ring")):
        assert zone("wrist-finger-flexors", base_id).geometry.contains(
            point("front", f"{digit}-tip-left")
        )
    ed = zone("extensor-digitorum", "middle-finger-back").geometry
    assert ed.distance(point("back", "middle-tip-left")) > 1.0


def test_first_dorsal_interosseous_takes_the_thumb_side_of_the_index_finger():
    """The radial (thumb) side of the index finger: the thumb is lateral in both views."""
    for view in ("front", "back"):
        z = zone("first-dorsal-interosseous", f"index-radial-{view}").geometry
        (bx, by), (tx, ty) = landmark(view, "index-base-left"), landmark(view, "index-tip-left")
        thumb = landmark(view, "thumb-tip-left")

        def side(px: float, py: float) -> float:
            return (tx - bx) * (py - by) - (ty - by) * (px - bx)  # noqa: B023

        c = z.centroid
        assert side(c.x, c.y) * side(*thumb) > 0, view  # same side of the axis as the thumb


def test_the_thumb_is_lateral_in_both_views():
    # Front view, left hand: the thumb at the largest x; back view: at the most negative x.
    for view, sign in (("front", 1), ("back", -1)):
        xs = {d: landmark(view, f"{d}-base-left")[0] * sign for d in DIGITS}
        assert max(xs, key=xs.get) == "thumb", view
        assert xs["index"] > xs["middle"] > xs["ring"] > xs["little"], view


# --- views, sources and distinctness ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "only_view"),
    [
        ("triceps-brachii", "back"),
        ("brachioradialis", "back"),
        ("extensor-carpi-radialis-longus", "back"),
        ("extensor-digitorum", "back"),
        ("supinator", "back"),
        ("wrist-finger-flexors", "front"),
    ],
)
def test_single_view_patterns(name, only_view):
    other = "back" if only_view == "front" else "front"
    assert zones(name, other).is_empty
    assert not zones(name, only_view).is_empty


def test_views_of_the_two_view_patterns():
    # Biceps: essential zones on the front, the suprascapular spillover on the back.
    assert zones("biceps-brachii", "back", "essential").is_empty
    assert not zones("biceps-brachii", "back", "spillover").is_empty
    # Brachialis: the ball of the thumb on the palm side, the base of the thumb on the back.
    for name in ("brachialis", "first-dorsal-interosseous"):
        for view in ("front", "back"):
            assert not zones(name, view, "essential").is_empty, (name, view)


def test_sources_cite_the_right_volumes():

    for name in ARM:
        sources = bodymap.load_pattern(name).sources
        assert any("3rd ed" in s for s in sources), name
        assert any("Vol. 1" in s and "2nd ed" in s for s in sources), name
        assert not any("Vol. 2" in s for s in sources), name


LATERAL_ELBOW = ("supinator", "brachioradialis", "extensor-carpi-radialis-longus")


@pytest.mark.parametrize("by", ["dice", "fit"])
@pytest.mark.parametrize("name", (*LATERAL_ELBOW, "extensor-digitorum", "triceps-brachii"))
def test_lateral_epicondyle_muscles_stay_apart(name, by):
    """Muscles that all refer to the lateral epicondyle are told apart by their distal zones:
    a drawing of one's essential zones ranks it first, clearly ahead of the next."""

    top = bodymap.rank(drawing_of(name), top=2, by=by, kinds=["muscle"])
    assert (top[0].pattern, top[0].side) == (name, "left")
    best, second = (getattr(c, by) for c in top)
    assert best > 1.5 * second, (name, by, top[1].pattern, best, second)


def test_lateral_epicondyle_muscles_share_the_elbow_but_not_the_hand(chart):
    hand = chart.region("hand-back-left").geometry
    elbow = point("back", "lateral-epicondyle-left")
    for name in LATERAL_ELBOW:
        assert zones(name, "back", "essential").contains(elbow), name
    for a, b in itertools.combinations(LATERAL_ELBOW, 2):
        ha = zones(a, "back", "essential").intersection(hand)
        hb = zones(b, "back", "essential").intersection(hand)
        assert ha.symmetric_difference(hb).area > 0.6 * ha.union(hb).area, (a, b)


# --- pending landmarks ------------------------------------------------------------------


def test_pending_landmarks_of_the_hand(chart):
    pending = arm_module().PENDING_LANDMARKS
    for view in ("front", "back"):
        points = pending[view]
        hand = chart.region(f"hand-{view}-left").geometry
        outline = chart.outline(view)
        for name, (x, y) in points.items():
            assert outline.buffer(-0.3).contains(Point(x, y)), (view, name)
            if name.endswith("-left"):
                assert hand.contains(Point(x, y)), (view, name)
                assert points[name[: -len("-left")] + "-right"] == (-x, y), (view, name)
                assert (x > 0) if view == "front" else (x < 0), (view, name)
        # The front and back views share the hand's silhouette (mirrored).
        for digit in DIGITS:
            fx, fy = pending["front"][f"{digit}-base-left"]
            assert pending["back"][f"{digit}-base-left"] == (-fx, fy), digit
    # Each digit's base lies between the wrist and its tip, closer to the tip.
    for view in ("front", "back"):
        wrist = point(view, "wrist-left")
        for digit in DIGITS:
            base, tip = point(view, f"{digit}-base-left"), point(view, f"{digit}-tip-left")
            assert base.distance(tip) < base.distance(wrist) < wrist.distance(tip) + 0.5, digit
            assert 5.0 < base.distance(tip) < 8.0, (view, digit)
