"""Landmark checks of every regional pattern: points that must lie in a zone, and not.

Each entry is ``(pattern, inside, outside)``: ``inside`` lists ``(view, landmark, dx, dy)``
points that lie in an essential zone of the pattern (left side), ``outside`` points that lie in
no zone of it.  ``dx`` and ``dy`` are cm on the chart (x to the viewer's right), from the
chart's landmark or, where the chart has none yet, the generator's pending one.
:data:`WRONG` holds checks that must fail: a landmark against a pattern that does not cover it.
"""

from __future__ import annotations

import math

from atlas_helpers import landmark

Spot = tuple[str, str, float, float]


def arm(view: str, s: float, v: float = 0.0) -> Spot:
    """A check point of the left arm as (view, "elbow-left", dx, dy).

    ``s`` cm from the elbow crease along the line to the wrist crease (negative up the upper
    arm), ``v`` cm across it towards the lateral epicondyle (the thumb side).
    """
    ex, ey = landmark(view, "elbow-left")
    wx, wy = landmark(view, "wrist-left")
    lx, ly = landmark(view, "lateral-epicondyle-left")
    n = math.hypot(wx - ex, wy - ey)
    d = ((wx - ex) / n, (wy - ey) / n)
    across = (-d[1], d[0])
    if across[0] * (lx - ex) + across[1] * (ly - ey) < 0:
        across = (d[1], -d[0])
    return (view, "elbow-left", s * d[0] + v * across[0], s * d[1] + v * across[1])


#: (pattern, [(view, landmark, dx, dy) in an essential zone], [... in no zone of the pattern])
SPOTS: list[tuple[str, list[Spot], list[Spot]]] = [
    # --- arm -------------------------------------------------------------------------------------
    (
        "biceps-brachii",
        [
            ("front", "acromion-left", 2.5, -5.5),  # front of the shoulder
            ("front", "elbow-left", -4.2, 13.2),  # over the biceps
            ("front", "elbow-left", 0.0, 0.0),  # crook of the elbow
        ],
        [("front", "wrist-left", 0, 0), ("back", "olecranon-left", 0, 0)],
    ),
    (
        "triceps-brachii",
        [
            ("back", "olecranon-left", 0, 0),
            ("back", "lateral-epicondyle-left", 0, 0),
            ("back", "elbow-left", 4.0, 12.4),  # back of the upper arm
            ("back", "acromion-left", -2.4, -5.0),  # back of the shoulder
        ],
        [("front", "elbow-left", 0, 0), ("back", "wrist-left", 0, 0)],
    ),
    (
        "brachialis",
        [("front", "thenar-left", 0, 0), ("back", "thumb-cmc-left", 0, 0)],
        [
            ("back", "first-web-left", 0, 0),
            ("front", "wrist-left", 0, 0),
            ("front", "index-tip-left", 0, 0),
        ],
    ),
    (
        "brachioradialis",
        [
            ("back", "lateral-epicondyle-left", 0, 0),
            ("back", "first-web-left", 0, 0),
            ("back", "anatomical-snuffbox-left", 0, 0),
        ],
        [
            ("back", "olecranon-left", 0, 0),
            ("back", "middle-base-left", 0, 0),
            ("front", "thenar-left", 0, 0),
        ],
    ),
    (
        "extensor-carpi-radialis-longus",
        [
            ("back", "lateral-epicondyle-left", 0, 0),
            ("back", "anatomical-snuffbox-left", 1.0, -2.9),  # back of the hand beside it
        ],
        [
            ("back", "first-web-left", 0, 0),  # not on the web of the thumb
            ("back", "thumb-tip-left", 0, 0),
            ("back", "middle-base-left", 0, 0),
        ],
    ),
    (
        "extensor-digitorum",
        [
            ("back", "middle-tip-left", 0.76, 4.43),  # back of the middle finger
            ("back", "wrist-left", 2.65, 8.3),  # back of the forearm
            ("back", "middle-base-left", 0.3, 2.5),  # back of the hand
        ],
        [
            ("back", "middle-tip-left", 0, 0),  # not to the tip
            ("back", "first-web-left", 0, 0),
            ("back", "anatomical-snuffbox-left", 0, 0),
            ("back", "index-tip-left", 0, 0),
        ],
    ),
    (
        "supinator",
        [("back", "lateral-epicondyle-left", 0, 0), ("back", "first-web-left", 0, 0)],
        [
            ("back", "anatomical-snuffbox-left", 0, 0),
            ("back", "middle-base-left", 0, 0),
            ("back", "olecranon-left", 0, 0),
        ],
    ),
    (
        "wrist-finger-flexors",
        [
            ("front", "wrist-left", 0, 0),
            ("front", "middle-tip-left", 0, 0),
            ("front", "ring-tip-left", 0, 0),
        ],
        [
            ("front", "thenar-left", 0, 0),
            ("front", "index-tip-left", 0, 0),
            ("back", "wrist-left", 0, 0),
        ],
    ),
    (
        "first-dorsal-interosseous",
        [
            ("front", "index-tip-left", 0, 0),
            ("back", "index-tip-left", 0, 0),
            ("front", "first-web-left", 0, 0),
            ("back", "first-web-left", 0, 0),
        ],
        [
            ("front", "middle-tip-left", 0, 0),
            ("back", "little-tip-left", 0, 0),
            ("front", "thenar-left", 0, 0),
        ],
    ),
    # --- dermatomes ------------------------------------------------------------------------------
    (
        "dermatome-c2",
        [("back", "occiput", -2, 0), ("back", "vertex", -1.5, -3)],
        [("front", "chin", 0.5, 1)],
    ),
    (
        "dermatome-c3",
        [("front", "suprasternal-notch", 3, 5), ("back", "c7", -2, 4)],
        [("front", "acromion-left", -2, -0.4), ("back", "occiput", -2, 0)],
    ),
    (
        "dermatome-c4",
        [("front", "acromion-left", -2, -0.4), ("back", "c7", -3, -2)],
        [("front", "nipple-left", 0, 0), ("front", "suprasternal-notch", 3, 5)],
    ),
    (
        "dermatome-c5",
        [("front", "lateral-epicondyle-left", 0, 0), ("back", "acromion-left", 0, -8)],
        [("front", "thumb-tip-left", 0, 0), ("front", "medial-epicondyle-left", 0, 0)],
    ),
    (
        "dermatome-c6",
        [("front", "index-tip-left", 0, 0), ("front", "wrist-left", -1.6, 10)],
        [("front", "little-tip-left", 0, 0), ("front", "middle-tip-left", 0, 0)],
    ),
    (
        "dermatome-c7",
        [("back", "middle-base-left", 0, 0), ("front", "middle-base-left", 0, -2)],
        [("front", "thumb-tip-left", 0, 0), ("back", "little-tip-left", 0, 0)],
    ),
    (
        "dermatome-c8",
        [("front", "ring-tip-left", 0, 0), ("front", "hypothenar-left", 0, 0)],
        [("front", "thumb-tip-left", 0, 0), ("back", "middle-tip-left", 0, 0)],
    ),
    (
        "dermatome-t1",
        [("front", "medial-epicondyle-left", 0, 0), ("back", "medial-epicondyle-left", 0, 0)],
        [("front", "lateral-epicondyle-left", 0, 0), ("front", "little-tip-left", 0, 0)],
    ),
    (
        "dermatome-t2",
        [("front", "acromion-left", -4.0, -10.5), ("front", "elbow-left", -6.0, 14)],
        [("front", "nipple-left", 0, 0), ("front", "medial-epicondyle-left", 0, 0)],
    ),
    ("dermatome-t4", [("front", "nipple-left", 0, 0)], [("front", "xiphoid", 10, 0)]),
    ("dermatome-t6", [("front", "xiphoid", 10, 0)], [("front", "nipple-left", 0, 0)]),
    (
        "dermatome-t10",
        [("front", "navel", 10, 0), ("front", "navel", 0.5, 0)],
        [("front", "xiphoid", 1, 0)],
    ),
    (
        "dermatome-t12",
        [("front", "pubic-tubercle-left", 4.5, 4.5)],
        [("front", "navel", 1, 0), ("front", "pubic-tubercle-left", 0, 0)],
    ),
    (
        "dermatome-l1",
        [
            ("front", "pubic-tubercle-left", 3, -4),
            ("front", "pubic-tubercle-left", 0, 0),
            ("front", "pubic-symphysis", 0.4, 0),
            ("back", "greater-trochanter-left", 0.8, 0),
        ],
        [("front", "patella-left", 0, 0), ("front", "navel", 1, 0)],
    ),
    ("dermatome-l2", [("front", "patella-left", -2.5, 20)], [("front", "patella-left", 0, 0)]),
    (
        "dermatome-l3",
        [("front", "medial-knee-left", 0, 0), ("front", "patella-left", 0, 0)],
        [("front", "medial-malleolus-left", 0, 0), ("front", "greater-trochanter-left", -2, -3)],
    ),
    (
        "dermatome-l4",
        [
            ("front", "knee-left", -3, -15),
            ("back", "knee-left", 3.0, -15),
            ("front", "tibial-tuberosity-left", 0, 0),
            ("front", "fibular-head-left", 0, 0),
            ("front", "tibial-tuberosity-left", -0.5, -20),  # anteromedial mid-shin
        ],
        [
            ("front", "hallux-tip-left", 0, 0),
            ("front", "lateral-malleolus-left", 0, 0),
            ("back", "iliac-crest-left", 0, -1),
            ("back", "psis-left", -1.5, 0),
        ],
    ),
    (
        "dermatome-l5",
        [
            ("front", "dorsum-of-foot-left", 0, 0),
            ("front", "fibular-head-left", -1, -6),
            ("front", "hallux-tip-left", 0, 0),
        ],
        [
            ("front", "medial-malleolus-left", 0, 0),
            ("back", "heel-left", 0, 0),
            ("front", "tibial-tuberosity-left", 0, 0),
            ("front", "fibular-head-left", 0, 0),
            ("sole", "forefoot-left", 0, 0),  # the sole of the forefoot is S1
            ("back", "iliac-crest-left", 0, -1),
        ],
    ),
    (
        "dermatome-s1",
        [
            ("back", "knee-left", 0, -20),
            ("back", "lateral-malleolus-left", 0, 0),
            ("back", "s1", -1.5, 0),
            ("sole", "forefoot-left", 0, 0),  # the sole of the forefoot
            ("sole", "heel-left", 0, 0),
            ("sole", "medial-arch-left", 0, 0),
        ],
        [
            ("back", "popliteal-fossa-left", 0, 0),
            ("front", "hallux-tip-left", 0, 0),
            ("back", "greater-trochanter-left", 0.8, 0),
            ("back", "iliac-crest-left", 0, -4),  # the upper outer buttock
        ],
    ),
    (
        "dermatome-s2",
        [("back", "popliteal-fossa-left", 0, 0), ("back", "gluteal-fold-left", 0, -10)],
        [("back", "heel-left", 0, 0), ("front", "patella-left", 0, 0)],
    ),
    (
        "dermatome-s3-s5",
        [
            ("back", "coccyx", 0, -2.4),
            ("back", "gluteal-fold-left", 3, 1.5),
            ("back", "gluteal-fold-right", -3, 1.5),
        ],
        [("back", "gluteal-fold-left", 0, 0), ("back", "popliteal-fossa-left", 0, 0)],
    ),
    # --- joints and organs -----------------------------------------------------------------------
    (
        "joint-facet-c2-c3",
        [("back", "c2", -2.5, 0.5), ("back", "occiput", -2.2, -0.6)],
        [("back", "c7", -3.0, 0.0), ("back", "spine-of-scapula-left", 0, 0)],
    ),
    (
        "joint-facet-c3-c4",
        [("back", "c4", -4.4, 0.0), ("back", "c3", -3.9, 1.0)],
        [("back", "occiput", -2.0, 0.0), ("back", "spine-of-scapula-left", 0, 0)],
    ),
    (
        "joint-facet-c4-c5",
        [("back", "angle-of-neck-left", -0.8, -0.6), ("back", "c5", -4.9, -0.5)],
        [("back", "occiput", -2.0, 0.0), ("back", "spine-of-scapula-left", 0, 0)],
    ),
    (
        "joint-facet-c5-c6",
        # The supraspinous fossa, above the spine of the scapula.
        [("back", "spine-of-scapula-left", 0.0, 1.5), ("back", "spine-of-scapula-left", 2.0, 1.6)],
        [("back", "inferior-angle-of-scapula-left", 0, 0), ("back", "occiput", -2.0, 0.0)],
    ),
    (
        "joint-facet-c6-c7",
        # Over the scapula, down towards its lower angle.
        [
            ("back", "spine-of-scapula-left", 2.5, -4.0),
            ("back", "inferior-angle-of-scapula-left", -1.5, 3.0),
        ],
        [("back", "occiput", -2.0, 0.0), ("back", "spine-of-scapula-left", 0.0, 1.5)],
    ),
    (
        "joint-facet-c7-t1",
        [("back", "c7", -3.5, -3.0), ("back", "c7", -4.0, -10.0)],
        [("back", "inferior-angle-of-scapula-left", 0, 0), ("back", "occiput", -2.0, 0.0)],
    ),
    (
        "joint-facet-l1-l2",
        [("back", "t12-l1", -4.0, -1.0)],
        [("back", "psis-left", 0, 0), ("back", "gluteal-fold-left", 0, 0)],
    ),
    (
        "joint-facet-l2-l3",
        [("back", "l4", -4.0, 3.0), ("back", "iliac-crest-left", 4.4, -4.6)],
        [("back", "greater-trochanter-left", 0, 0), ("back", "gluteal-fold-left", 0, 0)],
    ),
    (
        "joint-facet-l3-l4",
        [("back", "l4", -4.0, 1.0), ("back", "greater-trochanter-left", 3.2, 1.8)],
        [("back", "t12-l1", -4.0, 0.0), ("back", "gluteal-fold-left", 0, 0)],
    ),
    (
        "joint-facet-l4-l5",
        [
            ("back", "l4", -4.0, -1.0),
            ("back", "greater-trochanter-left", 4.0, 0.5),
            ("back", "gluteal-fold-left", -3.0, -2.0),  # back and outer side of the thigh
        ],
        [("back", "t12-l1", -4.0, 0.0), ("back", "knee-left", 0, 0)],
    ),
    (
        "joint-facet-l5-s1",
        [
            ("back", "s1", -4.0, 1.5),
            ("back", "coccyx", -6.8, 2.8),  # the buttock
            ("back", "gluteal-fold-left", 0.8, -5.0),  # the back of the thigh
        ],
        [("back", "l4", -4.0, 0.0), ("back", "t12-l1", -4.0, 0.0)],
    ),
    (
        "joint-sacroiliac",
        # Fortin's area: 2-3 cm (and down to 7 cm) below the PSIS.
        [("back", "psis-left", 0.0, -2.5), ("back", "psis-left", 0.0, -7.0)],
        [("back", "t12-l1", -4.0, 0.0), ("back", "greater-trochanter-left", 0, 0)],
    ),
    (
        "joint-hip",
        [("back", "greater-trochanter-left", 6.4, -2.0)],  # the buttock
        [("back", "psis-left", 0, 0), ("front", "navel", 0, 0)],
    ),
    (
        "organ-heart",
        [("front", "nipple-left", -4.0, 1.0), ("front", "suprasternal-notch", 0.0, -12.0)],
        [("front", "navel", 0, 0), ("back", "c7", 0, 0), ("front", "nipple-right", 0, 0)],
    ),
    (
        "organ-aorta",
        # The middle of the abdomen round and above the navel, the middle of the low back.
        [("front", "navel", 0, 0), ("front", "navel", 1.0, 4.0), ("back", "l4", 0, 1.5)],
        [("front", "nipple-left", 0, 0), ("back", "c7", 0, 0), ("front", "patella-left", 0, 0)],
    ),
    (
        "organ-gallbladder",
        [("front", "xiphoid", -7.6, -6.6), ("front", "xiphoid", -1.5, -4.4)],
        [("front", "navel", 0, 0), ("front", "xiphoid", 8.0, -6.0)],
    ),
    (
        "organ-stomach",
        [("front", "xiphoid", 0.0, -4.0), ("front", "xiphoid", 3.0, -5.0)],
        [("front", "navel", 0, 0), ("back", "t12-l1", 0, 0)],
    ),
    (
        "organ-pancreas",
        [("front", "xiphoid", 0.0, -9.5), ("back", "t12-l1", 0.0, 3.0), ("back", "t12-l1", -6, 3)],
        [("front", "navel", 0, 0), ("back", "inferior-angle-of-scapula-left", 0, 0)],
    ),
    (
        "organ-kidney",
        # The costovertebral angle: level with T12/L1, lateral to the spine.
        [("back", "t12-l1", -6.0, 0.0), ("back", "t12-l1", -4.5, 1.5)],
        [("back", "psis-left", 0, 0), ("back", "t12-l1", 6.0, 0.0), ("front", "navel", 0, 0)],
    ),
    (
        "organ-appendix",
        [("front", "navel", 0, 0)],
        [("front", "xiphoid", 0, 0), ("front", "nipple-left", 0, 0)],
    ),
    (
        "organ-bladder",
        [("front", "pubic-symphysis", 0.0, 4.0), ("front", "pubic-symphysis", 3.0, 4.5)],
        [("front", "navel", 0, 0), ("back", "l4", 0, 0)],
    ),
    (
        "organ-uterus",
        [("front", "pubic-symphysis", 0.0, 8.5), ("back", "s1", 0, 0), ("back", "s1", -4, -3)],
        [("front", "navel", 0, 0), ("back", "t12-l1", 0, 0)],
    ),
    (
        "organ-diaphragm",
        # The shoulder tip (C4): above the collarbone and over the top of the shoulder.
        [("front", "acromion-left", -3.0, 0.6), ("back", "acromion-left", 4.0, 1.3)],
        [("front", "navel", 0, 0), ("front", "acromion-right", 3.0, 0.6)],
    ),
    (
        "organ-lung-apex",
        # The shoulder and the medial border of the scapula.
        [
            ("back", "superior-angle-of-scapula-left", 0.2, -5.0),
            ("front", "acromion-left", -9.4, -2.4),
        ],
        [("front", "navel", 0, 0), ("back", "superior-angle-of-scapula-right", 0, 0)],
    ),
    # --- lower -----------------------------------------------------------------------------------
    (
        "iliocostalis-thoracis",
        [("back", "t12-l1", -7.5, -2.0), ("front", "navel", 8.6, 0.0)],
        [("back", "c7", 0.0, 0.0), ("front", "navel", 0.0, 0.0)],
    ),
    (
        "longissimus-thoracis",
        [("back", "sacroiliac-joint-left", 0, 0), ("back", "gluteal-fold-left", 2.2, 6.8)],
        [("back", "t12-l1", -4.2, 0.0), ("back", "l4", -4.0, 0.0)],
    ),
    (
        "external-oblique",
        [("front", "xiphoid", 2.6, -6.0), ("front", "asis-left", -4.6, -2.6)],
        [("front", "navel", 0.0, 0.0), ("front", "knee-left", 0.0, 0.0)],
    ),
    (
        "vastus-lateralis",
        [
            ("front", "greater-trochanter-left", -1.4, -12.0),
            ("front", "lateral-knee-left", -0.6, 1.0),
            ("back", "knee-left", -2.9, 1.2),
        ],
        [("front", "patella-left", 0, 0), ("front", "medial-knee-left", 0, 0)],
    ),
    (
        "vastus-intermedius",
        [("front", "knee-left", 0.0, 17.0)],
        [("front", "patella-left", 0, 0), ("front", "greater-trochanter-left", 0, 0)],
    ),
    (
        "adductor-magnus",
        [("front", "pubic-tubercle-left", 0.8, -8.0), ("front", "pubic-tubercle-left", -1.3, -0.6)],
        [("front", "patella-left", 0, 0), ("front", "greater-trochanter-left", 0, 0)],
    ),
    (
        "gracilis",
        [("front", "crotch", 2.8, -14.0), ("back", "knee-left", 5.8, 19.0)],
        [("front", "knee-left", 0, 0), ("front", "adductor-tubercle-left", 0, 0)],
    ),
    (
        "sartorius",
        [
            ("front", "asis-left", -0.8, -5.0),
            ("front", "crotch", 7.4, -7.0),
            ("front", "medial-knee-left", 0, 0),
        ],
        [("front", "patella-left", 0, 0), ("front", "lateral-knee-left", 0, 0)],
    ),
    (
        "popliteus",
        [("back", "popliteal-fossa-left", 0, 0)],
        [("back", "knee-left", 0.0, 5.0), ("back", "heel-left", 0, 0)],
    ),
    (
        "gastrocnemius",
        # the instep of Travell & Simons: the medial arch of the sole
        [("sole", "medial-arch-left", 0, 0), ("back", "knee-left", 0.0, 3.3)],
        [
            ("back", "heel-left", 0, 0),
            ("front", "hallux-tip-left", 0, 0),
            ("front", "dorsum-of-foot-left", 0, 0),
            ("sole", "forefoot-left", 0, 0),
            ("sole", "heel-left", 0, 0),
        ],
    ),
    (
        "soleus",
        [
            ("back", "heel-left", 0, 0),
            ("back", "achilles-tendon-left", 0.0, -2.0),
            ("sole", "heel-left", 0, 0),  # the underside of the heel
        ],
        [
            ("back", "popliteal-fossa-left", 0, 0),
            ("front", "ankle-left", 0, 0),
            ("sole", "forefoot-left", 0, 0),
        ],
    ),
    (
        "tibialis-anterior",
        [("front", "hallux-tip-left", 0, 0), ("front", "medial-malleolus-left", 1.2, 0.5)],
        [("front", "lateral-malleolus-left", 0, 0), ("front", "dorsum-of-foot-left", 0, 0)],
    ),
    (
        "tibialis-posterior",
        [("back", "achilles-tendon-left", 0, 0)],
        [("back", "popliteal-fossa-left", 0, 0), ("front", "patella-left", 0, 0)],
    ),
    (
        "peroneus-longus-brevis",
        [("front", "lateral-malleolus-left", 0, 0), ("back", "lateral-malleolus-left", 0, 0)],
        [("front", "medial-malleolus-left", 0, 0), ("back", "medial-malleolus-left", 0, 0)],
    ),
    (
        "extensor-digitorum-longus",
        [("front", "dorsum-of-foot-left", 0, 0)],
        [("front", "hallux-tip-left", 0, 0), ("front", "medial-malleolus-left", 0, 0)],
    ),
    (
        "flexor-digitorum-longus",
        # the ball of the foot behind the four small toes
        [("sole", "forefoot-left", 0, 0), ("sole", "fifth-metatarsal-head-left", 0.5, 0)],
        [
            ("front", "dorsum-of-foot-left", 0, 0),
            ("front", "hallux-tip-left", 0, 0),
            ("sole", "hallux-tip-left", 0, 0),
            ("sole", "first-metatarsal-head-left", 0, 0),
            ("sole", "heel-left", 0, 0),
        ],
    ),
    (
        "abductor-hallucis",
        [("back", "medial-heel-left", 0, 0), ("sole", "heel-left", 1.5, 0)],  # inner heel
        [
            ("back", "lateral-malleolus-left", 0, 0),
            ("front", "dorsum-of-foot-left", 0, 0),
            ("sole", "heel-left", -1.8, 0),  # the outer part of the heel pad
            ("sole", "fifth-metatarsal-head-left", 0, 0),
        ],
    ),
    # Patterns whose zones a clinical review moved: where they are now.
    (
        "iliopsoas",
        [("back", "sacroiliac-joint-left", 0, 0), ("front", "pubic-tubercle-left", 2.0, -9.0)],
        [("back", "gluteal-fold-left", 0, 0), ("front", "patella-left", 0, 0)],
    ),
    (
        "quadratus-lumborum",
        [("back", "sacroiliac-joint-left", -0.5, 0.3)],
        [("front", "pubic-tubercle-left", 4.0, 3.0), ("front", "navel", 0, 0)],
    ),
    (
        "hamstrings",
        [("back", "popliteal-fossa-left", 0, 0)],
        [("back", "heel-left", 0, 0), ("back", "achilles-tendon-left", 0, 0)],
    ),
    # --- neck ------------------------------------------------------------------------------------
    (
        "upper-trapezius",
        [
            ("front", "temple-left", -0.9, -1.1),
            ("back", "mastoid-left", 0.3, -1.2),  # the neck just below the mastoid
            ("back", "angle-of-neck-left", 1.2, 3.0),
            ("front", "angle-of-jaw-left", -0.6, 0.3),
        ],
        [
            ("front", "chin", 0, 0),
            ("back", "vertex", 0, -1),
            ("back", "spine-of-scapula-left", 0, 0),
        ],
    ),
    (
        "sternocleidomastoid",
        [
            ("front", "forehead-left", 0, 0),
            ("front", "ear-left", 0.0, 0.5),
            ("front", "cheek-left", -0.5, -0.2),
            ("front", "eye-left", -0.3, 0.9),
            ("front", "suprasternal-notch", 0.6, -3.4),
            ("back", "mastoid-left", 2.1, 1.7),
            ("back", "ear-left", 0.3, 0.4),
        ],
        [
            ("back", "c7", 0, 0),
            ("front", "angle-of-jaw-left", 0, 0),
        ],
    ),
    (
        "splenius-capitis",
        [("back", "vertex", -2.4, -3.4), ("back", "vertex", -1.5, -1.5)],
        [("back", "vertex", 2.4, -3.4), ("back", "occiput", 0, 0), ("front", "temple-left", 0, 0)],
    ),
    (
        "splenius-cervicis",
        [("front", "eye-left", 0, 0), ("back", "angle-of-neck-left", 1.2, 0.8)],
        [
            ("front", "temple-left", 0, 0),
            ("front", "forehead-left", 0, 0),
            ("back", "vertex", -2, -3),
        ],
    ),
    (
        "semispinalis-capitis",
        [
            ("front", "temple-left", 0, 0),
            ("back", "ear-left", 0.0, 4.6),  # the side of the head at temple level
            ("back", "occiput", -1.8, 1.1),
        ],
        [("front", "eye-left", 0, 0), ("back", "vertex", 0, -1), ("back", "mastoid-left", 0, 0)],
    ),
    (
        "suboccipital-muscles",
        [
            ("front", "eye-left", -0.4, 0.0),
            ("back", "occiput", -2.0, -0.1),
            ("back", "ear-left", 0.3, 1.5),
        ],
        [
            ("front", "temple-left", 0, 0),
            ("front", "forehead-left", 0, 0),
            ("back", "mastoid-left", 0, 0),
        ],
    ),
    (
        "levator-scapulae",
        [
            ("back", "angle-of-neck-left", -0.9, -1.5),
            ("back", "superior-angle-of-scapula-left", -0.7, -6.0),
        ],
        [
            ("back", "c7", 0, 0),
            ("back", "mastoid-left", 0, 0),
            ("back", "inferior-angle-of-scapula-left", 0.0, -2.0),
        ],
    ),
    (
        "scalenes",
        [
            ("front", "thumb-tip-left", 0, 0),
            ("front", "index-tip-left", 0, 0),
            ("back", "thumb-tip-left", 0, 0),
            ("back", "index-tip-left", 0, 0),
            ("front", "nipple-left", -2.0, 6.0),  # the chest
            ("back", "superior-angle-of-scapula-left", 2.1, -5.0),  # beside the inner border
        ],
        [
            ("front", "middle-tip-left", 0, 0),
            ("front", "little-tip-left", 0, 0),
            ("back", "ring-tip-left", 0, 0),
            ("front", "lateral-epicondyle-left", 0, 0),  # the elbow is skipped
            ("front", "nipple-left", 0, 0),
        ],
    ),
    (
        "masseter",
        [
            ("front", "upper-teeth-left", 1.1, 1.5),  # cheek and upper molars
            ("front", "chin", 2.4, 2.55),  # lower jaw
            ("front", "tmj-left", 0.3, 0.1),  # in front of the ear
        ],
        [
            ("front", "temple-left", 0, 0),
            ("front", "vertex", 0, -1),
            ("back", "mastoid-left", 0, 0),
        ],
    ),
    (
        "temporalis",
        [
            ("front", "temple-left", -0.2, 0.1),
            ("front", "eyebrow-left", -1.0, 0.0),
            ("front", "upper-teeth-left", -0.6, 0.0),
        ],
        [
            ("front", "angle-of-jaw-left", 0, 0),
            ("front", "chin", 0, 0),
            ("front", "cheek-left", 0, 0),
        ],
    ),
    # --- nerves ----------------------------------------------------------------------------------
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
        "nerve-tibial",
        [
            ("sole", "forefoot-left", 0, 0),  # medial plantar: the ball under the middle toes
            ("sole", "hallux-tip-left", 0, 0),
            ("sole", "fifth-metatarsal-head-left", 0, 0),  # lateral plantar
            ("sole", "medial-arch-left", 0, 0),
        ],
        [("front", "dorsum-of-foot-left", 0, 0), ("back", "heel-left", 0, 0)],
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
    # --- shoulder --------------------------------------------------------------------------------
    (
        "middle-trapezius",
        [
            ("back", "c7", -1.2, -2.0),
            ("back", "spine-of-scapula-left", 6.5, -0.5),
            ("back", "acromion-left", 0.5, -1.1),
        ],
        [("back", "inferior-angle-of-scapula-left", 0, 0), ("back", "mastoid-left", 0, 0)],
    ),
    (
        "lower-trapezius",
        [
            ("back", "mastoid-left", 0.6, -0.4),
            ("back", "c7", -2.4, 3.0),
            ("back", "acromion-left", 0.6, -1.0),
        ],
        [("front", "temple-left", 0, 0), ("back", "inferior-angle-of-scapula-left", 0, 0)],
    ),
    (
        "rhomboids",
        [
            ("back", "spine-of-scapula-left", 6.5, -0.5),
            ("back", "inferior-angle-of-scapula-left", 1.6, 2.5),
        ],
        [("back", "c7", 0, 0), ("back", "acromion-left", 0, 0)],
    ),
    (
        "supraspinatus",
        [
            ("back", "lateral-epicondyle-left", 0, 0),
            ("front", "lateral-epicondyle-left", 0, 0),
            ("front", "acromion-left", 3.0, -6.0),
        ],
        [("back", "medial-epicondyle-left", 0, 0), ("front", "wrist-left", 0, 0)],
    ),
    (
        "infraspinatus",
        [("front", "acromion-left", 0.0, -2.8)],
        [
            ("back", "spine-of-scapula-left", 0.0, -3.0),  # the trigger points, not the pain
            ("front", "medial-epicondyle-left", 0, 0),
            ("front", "little-tip-left", 0, 0),
        ],
    ),
    (
        "teres-minor",
        [("back", "acromion-left", -4.0, -10.4)],
        [("back", "olecranon-left", 0, 0), ("front", "acromion-left", 0.0, -2.8)],
    ),
    (
        "teres-major",
        [("back", "acromion-left", -0.4, -5.3), ("back", "elbow-left", 5.4, 13.7)],
        [("back", "olecranon-left", 0, 0), ("back", "little-tip-left", 0, 0)],
    ),
    (
        "subscapularis",
        [("back", "acromion-left", 1.3, -4.4)],
        [("back", "inferior-angle-of-scapula-left", 0, 0), ("front", "acromion-left", 0, -2.8)],
    ),
    (
        "deltoid",
        [("front", "acromion-left", 2.5, -6.0), ("back", "acromion-left", -2.5, -6.0)],
        [("front", "lateral-epicondyle-left", 0, 0), ("back", "spine-of-scapula-left", 0, 0)],
    ),
    (
        "latissimus-dorsi",
        [
            ("back", "inferior-angle-of-scapula-left", 0, 0),
            ("back", "inferior-angle-of-scapula-left", -0.6, -3.0),
        ],
        [("back", "c7", 0, 0), ("back", "acromion-left", 0, 0)],
    ),
    (
        "serratus-anterior",
        [
            ("front", "nipple-left", 3.4, -0.6),
            ("back", "inferior-angle-of-scapula-left", 2.8, -0.4),
        ],
        [("front", "nipple-left", 0, 0), ("front", "little-tip-left", 0, 0)],
    ),
    (
        "serratus-posterior-superior",
        [
            ("back", "spine-of-scapula-left", 1.4, -1.2),
            ("back", "little-tip-left", 0, 0),
            ("front", "little-tip-left", 0, 0),
        ],
        [("back", "ring-tip-left", 0, 0), ("back", "inferior-angle-of-scapula-left", 0, 0)],
    ),
    (
        "pectoralis-major",
        [
            ("front", "suprasternal-notch", 7.4, -8.6),
            ("front", "acromion-left", -1.6, -2.4),
            ("front", "medial-epicondyle-left", 0, 0),
        ],
        [("front", "thumb-tip-left", 0, 0), ("front", "index-tip-left", 0, 0)],
    ),
    (
        "pectoralis-minor",
        [("front", "acromion-left", -1.4, -5.8)],
        [
            ("front", "thumb-tip-left", 0, 0),
            ("front", "index-tip-left", 0, 0),
            ("front", "lateral-epicondyle-left", 0, 0),
        ],
    ),
]
