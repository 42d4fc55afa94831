"""Cutaneous-nerve patterns of issue 12: anatomy at chart landmarks, the exact landmark checks
of the issue, and ranking within the kind "nerve".

Every check point is a chart landmark (``chart.landmarks``), or, where the chart does not
define it, the generator's pending value (``PENDING_LANDMARKS`` of ``shapes/patterns_nerves.py``
and the other regional modules), shifted by a few centimetres where the territory lies beside
it.  Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; palms face
forward (the front view shows the palm, the back view the back of the hand, the thumb lateral
in both).  The territories are checked on the drawn (left) side; the issue's named checks (the
sural nerve holds ``lateral-malleolus``, the ulnar nerve ``little-tip``) on both sides, in every
view that defines the landmark.
"""

from __future__ import annotations

import math
from functools import cache

import pytest
from atlas_helpers import drawing_of, landmark, point, regional, zones
from shapely.geometry import Point

import bodymap

NERVES = (
    "nerve-lateral-femoral-cutaneous",
    "nerve-anterior-femoral-cutaneous",
    "nerve-saphenous",
    "nerve-obturator",
    "nerve-genitofemoral",
    "nerve-ilioinguinal",
    "nerve-iliohypogastric",
    "nerve-posterior-femoral-cutaneous",
    "nerve-superior-cluneal",
    "nerve-superficial-fibular",
    "nerve-deep-fibular",
    "nerve-sural",
    "nerve-axillary",
    "nerve-radial",
    "nerve-median",
    "nerve-ulnar",
    "nerve-musculocutaneous",
    "nerve-medial-cutaneous-forearm",
    "nerve-greater-occipital",
    "nerve-lesser-occipital",
    "nerve-great-auricular",
    "nerve-supraclavicular",
)


@cache
def pattern(name: str) -> bodymap.Pattern:
    return bodymap.load_pattern(name)


def arm(view: str, s: float, v: float = 0.0) -> tuple[str, str, float, float]:
    """A check point of the left arm as (view, "elbow-left", dx, dy): ``s`` cm from the elbow
    crease along the line to the wrist crease (negative up the upper arm), ``v`` cm across it
    towards the lateral epicondyle (the thumb side)."""
    ex, ey = landmark(view, "elbow-left")
    wx, wy = landmark(view, "wrist-left")
    lx, ly = landmark(view, "lateral-epicondyle-left")
    n = math.hypot(wx - ex, wy - ey)
    d = ((wx - ex) / n, (wy - ey) / n)
    across = (-d[1], d[0])
    if across[0] * (lx - ex) + across[1] * (ly - ey) < 0:
        across = (d[1], -d[0])
    return (view, "elbow-left", s * d[0] + v * across[0], s * d[1] + v * across[1])


# (pattern, [(view, landmark, dx, dy) in an essential zone], [(view, landmark, dx, dy) in no
# zone of the pattern]).  dx, dy in cm on the chart (x to the viewer's right).
SPOTS = [
    (
        "nerve-lateral-femoral-cutaneous",
        [("front", "asis-left", 1.3, -16.0), ("front", "asis-left", 1.5, -26.0)],
        [("front", "pubic-tubercle-left", 1.0, -15.0), ("front", "knee-left", 0, 0)],
    ),
    (
        "nerve-anterior-femoral-cutaneous",
        [("front", "asis-left", -3.8, -20.0), ("front", "patella-left", 0.0, 10.0)],
        [("front", "asis-left", 2.5, -22.0), ("back", "gluteal-fold-left", 0, -10)],
    ),
    (
        "nerve-saphenous",
        [
            ("front", "medial-malleolus-left", 0, 0),
            ("front", "medial-knee-left", 0, 0),
            ("front", "medial-malleolus-left", 0.5, 14.0),  # medial leg
            ("front", "medial-malleolus-left", -0.9, -4.5),  # medial edge of the foot
        ],
        [("front", "lateral-malleolus-left", 0, 0), ("front", "asis-left", 0, -20)],
    ),
    (
        "nerve-obturator",
        [("front", "pubic-tubercle-left", 0.9, -20.0)],
        [("front", "asis-left", 1.5, -24.0), ("front", "knee-left", 0, 0)],
    ),
    (
        "nerve-genitofemoral",
        [("front", "femoral-triangle-left", 0, 0), ("front", "asis-left", -4.2, -9.8)],
        [("front", "asis-left", 1.3, -16.0), ("front", "pubic-tubercle-left", 0.0, 5.0)],
    ),
    (
        "nerve-ilioinguinal",
        [("front", "pubic-tubercle-left", 0, 0), ("front", "pubic-tubercle-left", 0.0, -3.0)],
        [("front", "femoral-triangle-left", 0, 0), ("front", "navel", 3.0, 0)],
    ),
    (
        "nerve-iliohypogastric",
        [("front", "pubic-tubercle-left", 0.6, 5.0), ("front", "pubic-symphysis", 1.0, 4.0)],
        [("front", "pubic-tubercle-left", 0.0, -3.0), ("front", "navel", 0, 0)],
    ),
    (
        "nerve-posterior-femoral-cutaneous",
        [("back", "gluteal-fold-left", 0, -5.0), ("back", "popliteal-fossa-left", 0, 10.0)],
        [("back", "iliac-crest-left", 0, 0), ("front", "knee-left", 0, 0)],
    ),
    (
        "nerve-superior-cluneal",
        [("back", "cluneal-crest-left", -1.5, -6.0), ("back", "psis-left", -4.0, -3.0)],
        [("back", "gluteal-fold-left", 0, -2.0), ("back", "s1", 0, 0)],
    ),
    (
        "nerve-superficial-fibular",
        [("front", "dorsum-of-foot-left", 0, 0), ("front", "ankle-left", 1.0, -4.0)],
        [("front", "hallux-tip-left", 0, 0), ("back", "heel-left", 0, 0)],
    ),
    (
        "nerve-deep-fibular",
        [("front", "first-web-foot-left", 0, 0), ("front", "hallux-tip-left", 0.8, 0.6)],
        [("front", "dorsum-of-foot-left", 1.5, 0.5), ("front", "lateral-malleolus-left", 0, 0)],
    ),
    (
        "nerve-sural",
        [
            ("back", "lateral-malleolus-left", 0, 0),
            ("back", "lateral-malleolus-left", 1.2, 8.0),  # lower posterolateral calf
            ("front", "lateral-malleolus-left", 1.2, -4.5),  # lateral border of the foot
        ],
        [("back", "medial-malleolus-left", 0, 0), ("front", "hallux-tip-left", 0, 0)],
    ),
    (
        "nerve-axillary",
        [("front", "acromion-left", 4.3, -11.0), ("back", "acromion-left", -4.3, -11.0)],
        [("front", "acromion-left", 0, 0), ("front", "elbow-left", 0, 0)],
    ),
    (
        "nerve-radial",
        [
            ("back", "first-web-left", 0, 0),
            ("back", "anatomical-snuffbox-left", 0, 0),
            arm("back", 12.0),  # middle of the back of the forearm
        ],
        [("back", "little-tip-left", 0, 0), ("front", "index-tip-left", 0, 0)],
    ),
    (
        "nerve-median",
        [
            ("front", "thumb-tip-left", 0, 0),
            ("front", "index-tip-left", 0, 0),
            ("front", "middle-tip-left", 0, 0),
        ],
        [
            ("front", "little-tip-left", 0, 0),
            ("front", "hypothenar-left", 0, 0),
            ("back", "first-web-left", 0, 0),
        ],
    ),
    (
        "nerve-ulnar",
        [("front", "little-tip-left", 0, 0), ("back", "little-tip-left", 0, 0)],
        [("front", "thumb-tip-left", 0, 0), ("front", "index-tip-left", 0, 0)],
    ),
    (
        "nerve-musculocutaneous",
        [arm("front", 6.0, 2.1), arm("front", 16.0, 2.0)],
        [arm("front", 12.0, -2.3), ("front", "thumb-tip-left", 0, 0)],
    ),
    (
        "nerve-medial-cutaneous-forearm",
        [arm("front", 12.0, -2.3), arm("back", 12.0, -2.1)],
        [arm("front", 12.0, 2.1), ("front", "little-tip-left", 0, 0)],
    ),
    (
        "nerve-greater-occipital",
        [("back", "occiput", -2.5, 3.0), ("back", "occiput", -2.3, 9.0)],
        [("back", "mastoid-left", 0, 0), ("front", "temple-left", 0, 0)],
    ),
    (
        "nerve-lesser-occipital",
        [("back", "mastoid-left", 0.0, 4.5)],
        [("back", "occiput", -1.0, 3.0), ("front", "angle-of-jaw-left", 0, 0)],
    ),
    (
        "nerve-great-auricular",
        [("front", "angle-of-jaw-left", 0, 0), ("back", "mastoid-left", 0, 0)],
        [("front", "chin", 0, 0), ("back", "occiput", 0, 3.0)],
    ),
    (
        "nerve-supraclavicular",
        [("front", "mid-clavicle-left", 0, 0), ("front", "suprasternal-notch", 3.0, -1.0)],
        [("front", "nipple-left", 0, 0), ("front", "chin", 0, 0)],
    ),
]


@pytest.mark.parametrize(("name", "inside", "outside"), SPOTS, ids=[s[0] for s in SPOTS])
def test_landmark_spot_checks(name, inside, outside):
    for view, lm, dx, dy in inside:
        pt = point(view, lm, dx, dy)
        assert zones(name, view, "essential").contains(pt), (name, view, lm, pt)
    for view, lm, dx, dy in outside:
        pt = point(view, lm, dx, dy)
        assert not zones(name, view).contains(pt), (name, view, lm, pt)


def test_every_nerve_has_spot_checks_and_the_issue_count():
    assert len(NERVES) >= 20 and len(set(NERVES)) == len(NERVES)
    assert set(NERVES) == set(regional("patterns_nerves").PATTERNS)
    assert {s[0] for s in SPOTS} == set(NERVES)
    built = {n for n in bodymap.pattern_names() if pattern(n).kind == "nerve"}
    assert built == set(NERVES)


def test_spot_checks_can_fail():
    # The wrong nerve does not hold the landmark: the little finger is not the median's, the
    # thumb not the ulnar's, the medial malleolus not the sural's.
    assert not zones("nerve-median", "front").contains(point("front", "little-tip-left"))
    assert not zones("nerve-ulnar", "front").contains(point("front", "thumb-tip-left"))
    assert not zones("nerve-sural", "front").contains(point("front", "medial-malleolus-left"))


@pytest.mark.parametrize(
    ("name", "lm"), [("nerve-sural", "lateral-malleolus"), ("nerve-ulnar", "little-tip")]
)
@pytest.mark.parametrize("side", ["left", "right"])
def test_issue_landmarks_lie_in_the_essential_zone_in_every_view(name, lm, side):
    chart = bodymap.load_chart()
    views = [v for v in ("front", "back") if f"{lm}-{side}" in chart.landmarks.get(v, {})]
    assert views == ["front", "back"]
    for view in views:
        x, y = chart.landmarks[view][f"{lm}-{side}"]
        ess = [z.geometry for z in pattern(name).zones(side, view, "essential")]
        assert any(g.contains(Point(x, y)) for g in ess), (name, side, view)


@pytest.mark.parametrize("name", NERVES)
def test_nerve_metadata(name):
    p = pattern(name)
    assert p.kind == "nerve" and not p.red_flag and not p.bilateral
    assert p.sides == ("left", "right")
    assert p.short_title("en") and p.short_title("nl")
    assert len(p.short_title("en")) <= 18
    assert any("Gray's Anatomy" in s for s in p.sources)
    # Each marker is the site where the nerve is superficial or entrapped: inside the body,
    # mirrored on the right side.
    left, right = p.trigger_points("left"), p.trigger_points("right")
    assert left and len(left) == len(right)
    for a, b in zip(left, right, strict=True):
        assert (a.view, a.y) == (b.view, b.y) and a.x == pytest.approx(-b.x)
        assert (a.x > 0) == (a.view == "front")


def test_markers_at_the_entrapment_sites():
    def marker(name: str, base: str) -> Point:
        (found,) = [t for t in pattern(name).trigger_points("left") if t.id.startswith(base)]
        return Point(found.x, found.y)

    # Meralgia paraesthetica: about 1 cm medial to the ASIS, just below it.
    asis = point("front", "asis-left")
    lfcn = marker("nerve-lateral-femoral-cutaneous", "inguinal-ligament")
    assert 0.5 < asis.x - lfcn.x < 1.5 and 0 < asis.y - lfcn.y < 2
    # Greater occipital: 2-3 cm lateral to the occiput, on the back view.
    gon = marker("nerve-greater-occipital", "emergence")
    assert 2.0 <= point("back", "occiput").x - gon.x <= 3.0
    # Superior cluneal: on the crest about 7 cm from the midline.
    assert marker("nerve-superior-cluneal", "iliac-crest").x == pytest.approx(-7.0, abs=0.5)
    # Ulnar: cubital tunnel between the medial epicondyle and the olecranon (back view).
    cub = marker("nerve-ulnar", "cubital-tunnel")
    epi, ole = point("back", "medial-epicondyle-left"), point("back", "olecranon-left")
    assert min(epi.x, ole.x) < cub.x < max(epi.x, ole.x)
    # Median: the carpal tunnel lies just beyond the wrist crease, in the hand.
    ct = marker("nerve-median", "carpal-tunnel")
    assert point("front", "wrist-left").y - 3 < ct.y < point("front", "wrist-left").y


@pytest.mark.parametrize("by", ["dice", "fit"])
@pytest.mark.parametrize("name", NERVES)
def test_rank_puts_the_nerve_of_a_drawing_first(name, by):
    best = bodymap.rank(drawing_of(name), top=1, by=by, kinds=["nerve"])[0]
    assert (best.pattern, best.side) == (name, "left")


def test_the_hand_nerves_are_distinct():
    # Median, ulnar and radial: their essential zones barely touch.
    ess = {
        n: [z.geometry for z in pattern(n).zones("left", kind="essential")]
        for n in ("nerve-median", "nerve-ulnar", "nerve-radial")
    }
    for a in ess:
        for b in ess:
            if a < b:
                overlap = sum(g.intersection(h).area for g in ess[a] for h in ess[b])
                assert overlap < 0.05, (a, b)
