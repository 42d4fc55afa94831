"""The spine of the chart at adult proportions, and the patterns that follow it.

The lumbar levels are about 3.5 cm apart (T12/L1 to S1 18.5 cm), the cervical 1.6 cm (C2 to
C7 8 cm, below the mastoid), so that the facet-joint markers do not crowd; every pattern the
longer spine moved records it in its ``revisions``.
"""

from __future__ import annotations

import itertools

import pytest
from atlas_helpers import generator, landmark

import bodymap

CERVICAL = ["c2-c3", "c3-c4", "c4-c5", "c5-c6", "c6-c7", "c7-t1"]
LUMBAR = ["l1-l2", "l2-l3", "l3-l4", "l4-l5", "l5-s1"]


def _marker_heights(levels: list[str]) -> list[float]:
    out = []
    for level in levels:
        (marker,) = bodymap.load_pattern(f"joint-facet-{level}").trigger_points("left")
        out.append(marker.y)
    return out


def test_facet_markers_step_down_the_neck_without_crowding():
    ys = _marker_heights(CERVICAL)
    steps = [a - b for a, b in itertools.pairwise(ys)]
    assert all(step >= 1.5 for step in steps), steps
    assert landmark("back", "mastoid-left")[1] > ys[0]


def test_lumbar_facet_markers_are_a_lumbar_segment_apart():
    ys = _marker_heights(LUMBAR)
    steps = [a - b for a, b in itertools.pairwise(ys)]
    assert all(3.0 <= step <= 3.7 for step in steps), steps
    assert ys[0] < landmark("back", "t12-l1")[1] and ys[-1] > landmark("back", "s1")[1] - 2.0


def test_spinal_levels_have_adult_lengths():
    b = generator().Builder(generator().load_chart())
    lumbar = [b.spine(f"L{n}") for n in range(1, 6)] + [b.spine("S1")]
    assert all(3.1 <= a - c <= 3.6 for a, c in itertools.pairwise(lumbar))
    thoracic = [b.spine(f"T{n}") for n in range(1, 13)]
    assert all(2.4 <= a - c <= 2.8 for a, c in itertools.pairwise(thoracic))


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("joint-facet-l3-l4", "lumbar"),
        ("joint-facet-c3-c4", "mastoid"),
        ("organ-kidney", "lumbar"),
        ("dermatome-t10", "lumbar"),
        ("sternocleidomastoid", "mastoid"),
    ],
)
def test_patterns_moved_by_the_spine_record_why(name, word):
    revisions = bodymap.load_pattern(name).meta["revisions"]
    assert any(word in r["change"] and r["reason"] for r in revisions), revisions


def test_patterns_the_spine_did_not_move_record_nothing_about_it():
    for name in ("iliopsoas", "deltoid", "dermatome-c6", "nerve-ulnar"):
        revisions = bodymap.load_pattern(name).meta.get("revisions", [])
        assert not any("spinal levels" in r["change"] for r in revisions), name
