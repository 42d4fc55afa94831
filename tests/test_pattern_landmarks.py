"""Every regional pattern at its landmarks: points inside its essential zones, points outside it.

The checks themselves are data (:mod:`landmark_checks`); this module runs them, checks that
every built-in pattern beyond the first library has some, and that a check run against a
pattern that does not cover the point fails, so that the checks can tell patterns apart.
"""

from __future__ import annotations

import pytest
from atlas_helpers import ORIGINAL, point, zones
from landmark_checks import SPOTS, Spot

import bodymap

#: (pattern, view, landmark, dx, dy, zone kind or None): points the pattern does NOT cover.
WRONG = [
    ("supinator", "back", "olecranon-left", 0.0, 0.0, None),
    ("first-dorsal-interosseous", "front", "middle-tip-left", 0.0, 0.0, None),
    ("dermatome-c8", "front", "thumb-tip-left", 0.0, 0.0, None),
    ("dermatome-l4", "back", "heel-left", 0.0, 0.0, None),
    ("popliteus", "back", "heel-left", 0.0, 0.0, "essential"),
    ("soleus", "back", "popliteal-fossa-left", 0.0, 0.0, "essential"),
    ("temporalis", "back", "vertex", -2.4, -3.4, None),
    ("splenius-capitis", "front", "temple-left", 0.0, 0.0, None),
    ("levator-scapulae", "front", "thumb-tip-left", 0.0, 0.0, None),
    ("nerve-median", "front", "little-tip-left", 0.0, 0.0, None),
    ("nerve-ulnar", "front", "thumb-tip-left", 0.0, 0.0, None),
    ("nerve-sural", "front", "medial-malleolus-left", 0.0, 0.0, None),
    ("subscapularis", "front", "acromion-left", 0.0, -2.8, None),
    ("deltoid", "back", "lateral-epicondyle-left", 0.0, 0.0, None),
]


def covers(name: str, spot: Spot, kind: str | None) -> bool:
    """Whether a zone of ``name`` (of ``kind``, left side) holds the point ``spot``."""
    view, lm, dx, dy = spot
    return bool(zones(name, view, kind).contains(point(view, lm, dx, dy)))


@pytest.mark.parametrize(("name", "inside", "outside"), SPOTS, ids=[s[0] for s in SPOTS])
def test_landmarks_lie_in_the_essential_zone_and_outside_the_pattern(name, inside, outside):
    for spot in inside:
        assert covers(name, spot, "essential"), (name, spot)
    for spot in outside:
        assert not covers(name, spot, None), (name, spot)


#: Thoracic dermatome bands, each checked beside the spinous process of its own level
#: (``test_thoracic_bands_reach_the_spine_at_their_level``) rather than at a landmark.
AT_THE_SPINE = {f"dermatome-t{n}" for n in range(2, 13)}


def test_every_pattern_beyond_the_first_library_has_landmark_checks():
    checked = {s[0] for s in SPOTS}
    assert not set(bodymap.pattern_names()) - set(ORIGINAL) - checked - AT_THE_SPINE
    assert checked <= set(bodymap.pattern_names())


@pytest.mark.parametrize(
    ("name", "view", "lm", "dx", "dy", "kind"), WRONG, ids=[f"{w[0]}@{w[2]}" for w in WRONG]
)
def test_a_landmark_checked_against_a_pattern_that_does_not_cover_it_fails(
    name, view, lm, dx, dy, kind
):
    assert not covers(name, (view, lm, dx, dy), kind)
