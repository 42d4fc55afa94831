"""The corrections of the clinical review: muscles, nerves and organs at their landmarks.

Each test checks one correction against the chart's landmarks (or the generator's pending
ones): where a zone now reaches, which kind it has, where a trigger point now lies, and that
the urgent organ warnings say so.  The dermatome corrections are in
``test_pattern_atlas_dermatomes``; the Dutch wording in ``test_pattern_dutch_terms``.  Frame:
FRONT view patient-left is x > 0, BACK view patient-left is x < 0.
"""

from __future__ import annotations

import math

import pytest
from atlas_helpers import drawing_of, landmark, point, zone, zones
from landmark_checks import arm
from shapely.geometry import Point

import bodymap


def trigger_point(name: str, base_id: str) -> bodymap.TriggerPoint:
    """The left-side trigger point (or marker) of a pattern with the file id ``base_id``."""
    points = bodymap.load_pattern(name).trigger_points("left")
    (found,) = [t for t in points if t.base_id == base_id]
    return found


def spot(view: str, lm: str, dx: float = 0.0, dy: float = 0.0) -> Point:
    return point(view, lm, dx, dy)


# --- muscles ----------------------------------------------------------------------------------


def test_gluteus_minimus_pain_down_the_outside_of_the_leg_to_the_ankle_is_essential():
    essential = zones("gluteus-minimus", "front", "essential")
    lateral_malleolus = landmark("front", "lateral-malleolus-left")
    assert essential.contains(Point(lateral_malleolus[0] - 1.2, lateral_malleolus[1] + 5.0))
    assert essential.contains(spot("front", "fibular-head-left", 0.0, -6.0))
    assert zones("gluteus-minimus", "front", "spillover").is_empty


def test_gluteus_medius_iliac_crest_band_stops_at_the_psis():
    psis = landmark("back", "psis-left")
    crest = zone("gluteus-medius", "iliac-crest").geometry
    assert crest.bounds[2] <= psis[0] + 0.01  # nothing medial of the PSIS (back view, x < 0)
    assert crest.contains(spot("back", "iliac-crest-left", 1.5, -1.0))


def test_upper_trapezius_first_trigger_point_lies_mid_way_along_the_anterior_border():
    tp = trigger_point("upper-trapezius", "tp-1")
    neck, acromion = landmark("back", "angle-of-neck-left"), landmark("back", "acromion-left")
    along = (tp.x - neck[0]) / (acromion[0] - neck[0])
    assert 0.25 < along < 0.6  # not at the angle of the neck, not at the acromion
    assert math.dist((tp.x, tp.y), neck) > 4.0


def test_first_dorsal_interosseous_trigger_point_lies_in_the_thumb_web_by_the_second_metacarpal():
    tp = trigger_point("first-dorsal-interosseous", "tp-interosseous")
    assert tp.view == "back"
    web, cmc = landmark("back", "first-web-left"), landmark("back", "thumb-cmc-left")
    index, wrist = landmark("back", "index-base-left"), landmark("back", "wrist-left")
    assert math.dist((tp.x, tp.y), web) < 1.5
    assert math.dist((tp.x, tp.y), cmc) > 2.5  # no longer at the bases of the metacarpals

    # Closer to the line of the second metacarpal (index base to wrist) than the web is.
    def off_line(p: tuple[float, float]) -> float:
        (x1, y1), (x2, y2) = index, wrist
        return abs((x2 - x1) * (y1 - p[1]) - (x1 - p[0]) * (y2 - y1)) / math.dist(index, wrist)

    assert off_line((tp.x, tp.y)) < off_line(web)


def test_gastrocnemius_instep_is_the_medial_arch_of_the_sole_not_the_top_of_the_foot():
    instep = zone("gastrocnemius", "instep")
    assert instep.kind == "essential" and instep.view == "sole"
    assert instep.geometry.contains(spot("sole", "medial-arch-left"))
    for lm in ("forefoot-left", "heel-left", "fifth-metatarsal-head-left"):
        assert not instep.geometry.contains(spot("sole", lm)), lm
    heel = landmark("sole", "heel-left")
    assert instep.geometry.centroid.x > heel[0]  # medial (left sole: towards x 0)
    assert zones("gastrocnemius", "front").is_empty or not zones("gastrocnemius", "front").contains(
        spot("front", "dorsum-of-foot-left")
    )


def test_triceps_refers_to_the_medial_epicondyle():
    essential = zones("triceps-brachii", "back", "essential")
    assert essential.contains(spot("back", "medial-epicondyle-left"))
    tp = trigger_point("triceps-brachii", "tp-5")
    epicondyle = landmark("back", "medial-epicondyle-left")
    assert 1.0 < tp.y - epicondyle[1] < 4.0  # just above the medial epicondyle


def test_infraspinatus_medial_trigger_point_refers_along_the_medial_border_of_the_scapula():
    border = zone("infraspinatus", "scapula-medial-border")
    assert border.view == "back" and border.kind == "spillover"
    root = landmark("back", "root-of-spine-of-scapula-left")
    angle = landmark("back", "inferior-angle-of-scapula-left")
    mid = ((root[0] + angle[0]) / 2 + 1.0, (root[1] + angle[1]) / 2)
    assert border.geometry.contains(Point(mid))
    tp = trigger_point("infraspinatus", "tp-medial")
    assert tp.x < mid[0] and angle[1] < tp.y < root[1]  # lateral of the border, in the fossa


def test_iliocostalis_thoracis_refers_to_the_side_of_the_chest():
    chest = zone("iliocostalis-thoracis", "chest-lateral")
    assert chest.kind == "essential" and chest.view == "front"
    assert chest.geometry.contains(spot("front", "nipple-left", 3.9, -3.5))
    assert not chest.geometry.contains(spot("front", "nipple-left"))


# --- nerves -----------------------------------------------------------------------------------


@pytest.mark.parametrize("digit", ["thumb", "index", "middle"])
def test_median_nerve_covers_the_back_of_the_end_of_the_radial_digits(digit):
    assert zones("nerve-median", "back", "essential").contains(spot("back", f"{digit}-tip-left"))


def test_median_nerve_back_of_the_ring_finger_tip_is_its_thumb_side_only():
    ring = zone("nerve-median", "dorsal-ring-tip-radial-spillover")
    assert ring.kind == "spillover"
    tip = landmark("back", "ring-tip-left")
    assert ring.geometry.centroid.x < tip[0]  # the thumb side (back view: more negative x)
    assert not zones("nerve-median", "back").contains(spot("back", "little-tip-left"))


def test_radial_nerve_back_of_the_forearm_is_spillover_not_its_autonomous_area():
    view, lm, dx, dy = arm("back", 12.0)
    middle = spot(view, lm, dx, dy)
    assert not zones("nerve-radial", "back", "essential").contains(middle)
    assert zones("nerve-radial", "back", "spillover").contains(middle)
    assert zones("nerve-radial", "back", "essential").contains(spot("back", "first-web-left"))


# --- organs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["organ-heart", "organ-aorta"])
def test_heart_and_aorta_warnings_are_urgent(name):
    p = bodymap.load_pattern(name)
    en, nl = p.red_flag_text("en"), p.red_flag_text("nl")
    assert "urgent" in en and "call the emergency services" in en and "112" in en
    assert "spoed" in nl and "112" in nl


def test_other_organ_warnings_are_not_urgent():
    for name in bodymap.pattern_names():
        p = bodymap.load_pattern(name)
        if p.red_flag and name not in ("organ-heart", "organ-aorta"):
            assert "urgent" not in p.red_flag_text("en"), name


def test_heart_refers_between_the_shoulder_blades_and_to_the_right_arm_as_spillover():
    back = zones("organ-heart", "back", "spillover")
    assert back.contains(Point(0.0, landmark("back", "inferior-angle-of-scapula-left")[1] + 6.0))
    assert zones("organ-heart", "back", "essential").is_empty
    right_arm = zones("organ-heart", "front", "spillover")
    x, y = landmark("front", "elbow-right")
    assert right_arm.distance(Point(x, y)) < 4.0 and right_arm.bounds[0] < -20.0


def test_aorta_refers_to_the_central_abdomen_and_back_with_flanks_and_groins():
    p = bodymap.load_pattern("organ-aorta")
    assert p.kind == "organ" and p.red_flag and p.bilateral
    assert zones("organ-aorta", "front", "essential").contains(spot("front", "navel"))
    assert zones("organ-aorta", "back", "essential").contains(spot("back", "l4", 0.0, 1.5))
    flanks = zones("organ-aorta", "front", "spillover")
    for side, sign in (("left", 1.0), ("right", -1.0)):
        assert flanks.contains(Point(sign * 12.0, 107.0)), side
        assert flanks.contains(spot("front", f"pubic-tubercle-{side}", sign * 3.5, 3.5)), side
    assert any("Abdominal aortic aneurysms" in s for s in p.sources)
    top = bodymap.rank(drawing_of("organ-aorta"), top=1, kinds=["organ"])[0]
    assert top.pattern == "organ-aorta"
