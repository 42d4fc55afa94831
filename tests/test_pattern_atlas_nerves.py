"""Cutaneous-nerve patterns: anatomy at chart landmarks, the exact landmark checks of the
anatomy texts, and ranking within the kind "nerve".

Every check point is a chart landmark (``chart.landmarks``), or, where the chart does not
define it, the generator's pending value (``PENDING_LANDMARKS`` of ``shapes/patterns_nerves.py``
and the other regional modules), shifted by a few centimetres where the territory lies beside
it.  Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; palms face
forward (the front view shows the palm, the back view the back of the hand, the thumb lateral
in both).  The territories are checked on the drawn (left) side; the named checks (the
sural nerve holds ``lateral-malleolus``, the ulnar nerve ``little-tip``) on both sides, in every
view that defines the landmark.
"""

from __future__ import annotations

from functools import cache

import pytest
from atlas_helpers import drawing_of, point, regional
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
    "nerve-tibial",
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


def test_the_nerves_are_the_generators_and_at_least_twenty():
    assert len(NERVES) >= 20 and len(set(NERVES)) == len(NERVES)
    assert set(NERVES) == set(regional("patterns_nerves").PATTERNS)
    built = {n for n in bodymap.pattern_names() if pattern(n).kind == "nerve"}
    assert built == set(NERVES)


@pytest.mark.parametrize(
    ("name", "lm"), [("nerve-sural", "lateral-malleolus"), ("nerve-ulnar", "little-tip")]
)
@pytest.mark.parametrize("side", ["left", "right"])
def test_named_landmarks_lie_in_the_essential_zone_in_every_view(name, lm, side):
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
