"""Trunk and lower-limb patterns: views, revisions, sources and the generator.

Every check point is a chart landmark (``chart.landmarks``), or, for a landmark the chart
file does not define yet, the generator's pending value (``PENDING_LANDMARKS`` in
``shapes/patterns_lower.py``), shifted by a few centimetres where the zone lies beside it.
Frame: FRONT view patient-left is x > 0, BACK view patient-left is x < 0; the patterns are
checked on the side they are drawn for (left).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas_helpers import LOWER, generator, landmark, zones
from shapely.geometry import Point

import bodymap

SHAPES = Path(__file__).resolve().parents[1] / "shapes"


@pytest.mark.parametrize(
    ("name", "only_view"),
    [
        ("external-oblique", "front"),
        ("longissimus-thoracis", "back"),
        ("popliteus", "back"),
        ("sartorius", "front"),
        ("vastus-intermedius", "front"),
        ("tibialis-anterior", "front"),
        ("extensor-digitorum-longus", "front"),
        ("iliocostalis-lumborum", "back"),
    ],
)
def test_single_view_patterns(name, only_view):
    other = "back" if only_view == "front" else "front"
    assert zones(name, other).is_empty
    assert not zones(name, only_view).is_empty


def test_leg_and_foot_patterns_stay_below_the_knee_or_around_it(chart):
    knee = landmark("front", "knee-left")[1]
    for name in ("tibialis-anterior", "peroneus-longus-brevis", "extensor-digitorum-longus"):
        assert zones(name, "front").bounds[3] < knee - 3, name
    for name in ("soleus", "tibialis-posterior", "flexor-digitorum-longus"):
        # Pain around the heel and calf (the soleus also reaches the sacroiliac joint); the
        # flexor digitorum longus has its essential zone on the sole only.
        back = zones(name, "back", "essential")
        assert back.is_empty or back.bounds[3] < knee - 20, name
    assert zones("popliteus", "back").bounds[1] > knee - 6


#: The patterns with plantar pain, and the zones they draw on the sole view.
PLANTAR = {
    "gastrocnemius": {"instep"},
    "soleus": {"heel-sole"},
    "tibialis-posterior": {"sole"},
    "flexor-digitorum-longus": {"sole-forefoot", "toes"},
    "abductor-hallucis": {"heel-medial-sole", "instep"},
}


def test_plantar_pain_is_drawn_on_the_sole_view(chart):
    """Pain under the foot lies on the left sole of the sole view, not on the lower edges of
    the front and back views' feet."""
    sole = chart.region("sole-left").geometry
    for name, expected in PLANTAR.items():
        pattern = bodymap.load_pattern(name)
        on_sole = {z.base_id for z in pattern.zones("left", view="sole")}
        assert on_sole == expected, name
        for zone in pattern.zones("left", view="sole"):
            assert zone.geometry.difference(sole).area < 0.01, (name, zone.id)
        for zone in (*pattern.zones("left", view="front"), *pattern.zones("left", view="back")):
            # the front and back views no longer stand in for the underside
            words = zone.names["en"].lower()
            assert "sole" not in words and "underside" not in words, (name, zone.id)
    # the ball of the foot and the arch are on the sole only, not on the feet's edges
    for name in ("flexor-digitorum-longus", "gastrocnemius"):
        for view in ("front", "back"):
            foot = chart.region(f"foot-{view}-left").geometry
            assert zones(name, view).intersection(foot).area < 0.01, (name, view)


def test_corrected_patterns_record_their_revisions():
    for name in (
        "iliopsoas",
        "quadratus-lumborum",
        "adductor-longus-brevis",
        "iliocostalis-lumborum",
        "multifidus",
        "rectus-abdominis-lower",
        "hamstrings",
    ):
        revisions = bodymap.load_pattern(name).meta["revisions"]
        assert revisions and all(r["change"] and r["reason"] for r in revisions), name


def test_sources_cite_the_right_volumes():

    trunk = {"iliocostalis-thoracis", "longissimus-thoracis", "external-oblique"}
    for name in LOWER:
        sources = bodymap.load_pattern(name).sources
        assert any("3rd ed" in s for s in sources), name
        if name in trunk:
            assert any("Vol. 1" in s and "2nd ed" in s for s in sources), name
        else:
            assert any("Vol. 2" in s and "Chapter " in s for s in sources), name


# --- landmarks and the generator ---------------------------------------------------------


def test_pending_landmarks_lie_inside_the_outline_and_mirror(chart):
    pending = generator().PENDING_LANDMARKS
    assert pending["front"] and pending["back"]
    for view, points in pending.items():
        outline = chart.outline(view)
        for name, (x, y) in points.items():
            assert outline.buffer(-0.3).contains(Point(x, y)), (view, name)
            if name.endswith("-left"):
                assert points[name[: -len("-left")] + "-right"] == (-x, y), (view, name)
            if name.endswith("-left") and not name.startswith("xiphoid"):
                # patient's left: x > 0 in the front view, x < 0 in the back view
                assert (x > 0) if view == "front" else (x < 0), (view, name)


def test_the_chart_file_wins_over_a_pending_landmark():
    gen = generator()
    pending = gen.landmark({}, "back", "heel-left")
    assert (pending.x, pending.y) == gen.PENDING_LANDMARKS["back"]["heel-left"]
    moved = gen.landmark({"back": {"heel-left": [-9.0, 3.0]}}, "back", "heel-left")
    assert (moved.x, moved.y) == (-9.0, 3.0)
    knee = gen.landmark(bodymap.load_chart().landmarks, "front", "knee-left")
    assert (knee.x, knee.y) == tuple(bodymap.load_chart().landmarks["front"]["knee-left"])
    with pytest.raises(KeyError):
        gen.landmark({}, "front", "no-such-landmark")


def test_spinal_levels_follow_the_back_landmarks():
    gen = generator()
    b = gen.Builder(gen.load_chart())
    assert b.spine("C7") == landmark("back", "c7")[1]
    assert b.spine("L4") == landmark("back", "l4")[1]
    assert b.spine("S1") == landmark("back", "s1")[1]
    levels = [b.spine(f"T{n}") for n in range(1, 13)] + [b.spine(f"L{n}") for n in range(1, 6)]
    assert levels == sorted(levels, reverse=True)
    assert b.spine("T12") > landmark("back", "t12-l1")[1] > b.spine("L1")


def test_generator_output_is_current_and_deterministic(tmp_path):
    """Rebuilding every pattern gives the shipped files byte for byte (twice)."""
    gen = generator()
    chart = gen.load_chart()
    for name in sorted(gen.PATTERNS):
        shipped = (SHAPES / f"pattern-{name}.json").read_bytes()
        for run in (1, 2):
            out = tmp_path / f"{run}-{name}.json"
            gen.write(gen.build(name, chart), out)
            assert out.read_bytes() == shipped, (name, run)
