#!/usr/bin/env python3
"""Generate ``shapes/chart-adult.json``: the adult body chart (front + back view).

The chart is built from anatomical landmarks only (numpy + shapely 2):

1. A table of control points (below) describes HALF of the body outline, the
   half with x > 0, running from the vertex of the head down the lateral side,
   around the hand, up the arm, down the trunk and the outer leg, round the foot
   and up the inner leg to the crotch.  The arm and hand are given in a local
   frame (along / across the arm axis) so the abduction angle is one number.
2. The half is mirrored and the closed loop is smoothed with a centripetal
   Catmull-Rom spline; only the x >= 0 half of the spline is evaluated and then
   mirrored exactly, so the outline is symmetric to the last digit.
3. Every view is partitioned into named regions: region = outline AND cutter
   polygon MINUS everything already assigned, computed on the x >= 0 half and
   mirrored to the other side (midline regions are cut symmetrically).  The
   script asserts the partition is complete, non-overlapping and valid.

Coordinates: centimetres, reference adult of 175 cm in anatomical position.
Per view: origin on the floor at the body midline, y up, x to the viewer's
right.  Front view: patient's LEFT is x > 0.  Back view: patient's LEFT is x < 0.

Usage:  python shapes/make_chart.py [--preview out.png] [--out path.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import sys

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

GRID = 0.01  # coordinates are snapped to a 0.01 cm grid (= 2 decimals in JSON)
HERE = os.path.dirname(os.path.abspath(__file__))

# =============================================================================
# LANDMARK / PROPORTION TABLE  (edit here to change proportions)
# -----------------------------------------------------------------------------
# Heights follow Drillis & Contini segment fractions for H = 175 cm:
#   vertex 175, chin 151 (0.87 H), C7 150, acromion 143 (0.818 H) level with
#   the suprasternal notch, nipple 126 (0.72 H), navel / iliac crest 104-106,
#   ASIS 97, greater trochanter 91 (0.52 H), pubic symphysis 88, crotch 82,
#   knee joint 49 (0.285 H), ankle 7 (0.039 H).  Biacromial width 40 (0.23 H),
#   hip width 34 (0.19 H).  The arm is given by true segment lengths along its
#   axis (see ARM_X0 below); abducted, it puts the elbow crease at y 111.6, the
#   wrist crease at 87.2 and the tip of the middle finger at 68.3 (hanging
#   straight down the same arm would reach 109 / 84 / 66).
# Back view, the spine (spinous processes): C7 150 (cervicale height 0.86 H), C2-C6 evenly
#   spaced 1.6 cm apart from C2 at 158 (1.3 cm below the mastoid tips, 159.3: 15.7 cm below
#   the vertex, about 2.5 cm below the tragion); the T12/L1 junction at 117.5, L4 at 106
#   (just above the iliac crests, Tuffier's line) and S1 at 99 (the level of the PSIS).  So
#   the thoracic levels are 2.6 cm apart (C7 to T12/L1: 32.5 cm) and the lumbar levels
#   3.3-3.5 cm (T12/L1 to S1: 18.5 cm, as in adults, whose lumbar spine L1-L5 with its
#   discs measures 17-18 cm).
# =============================================================================
H = 175.0

# Arm: a straight axis x = ARM_X0 + (ARM_Y0 - y) * ARM_SLOPE, i.e. abducted by
# atan(ARM_SLOPE) (~17.7 deg, enough to leave a clear gap between arm and trunk
# below the armpit).  Stations s along the arm are true distances (cm) along the
# axis, measured from the foot of the acromion on the axis, so the segments
# keep their anthropometric lengths although the arm is abducted:
#   acromion - elbow 32.5 (0.186 H), elbow - wrist 25.7 (0.147 H),
#   wrist - tip of the middle finger 19.2 (0.11 H): acromion to fingertip 77 cm.
# (Hanging heights such as "wrist 84, fingertips 66" hold for an adducted arm;
# abducted, the fingertips end higher, at about y 68.3.)
ARM_X0, ARM_Y0, ARM_SLOPE = 25.9, 120.0, 0.32
ACROMION = (20.0, 143.0)
ELBOW_S = 32.5  # elbow joint line (crease)
WRIST_S = 58.2  # distal wrist crease: origin of the hand frame
HAND_DEV = 8.0  # ulnar deviation of the hand (deg): the fingers point a bit more downward
HAND_BEND = 3.0  # ... turning over the first HAND_BEND cm of the hand (the carpus)

# Head, neck, trapezius and deltoid (x, y), from the vertex outward/downward.
HEAD_SHOULDER = [
    (0.0, 175.0),  # vertex
    (3.3, 174.5),
    (5.7, 173.0),
    (7.15, 170.6),
    (7.8, 167.6),
    (7.9, 164.5),
    (7.6, 161.5),
    (7.1, 158.9),
    (6.45, 156.4),
    (5.8, 154.3),  # jaw angle
    (5.5, 152.4),
    (5.45, 150.4),
    (5.65, 148.7),
    (6.3, 147.5),  # neck
    (7.7, 146.6),
    (9.9, 145.85),
    (12.6, 145.25),
    (15.5, 144.75),  # trapezius
    (18.2, 144.15),
    (20.6, 143.25),  # acromion region
    (22.7, 141.75),
    (24.3, 139.5),
    (25.3, 136.9),  # deltoid bulge
]
# Arm outline: (station s, half-width).  Lateral edge going down ...
ARM_LATERAL = [
    (10.1, 4.37),
    (14.9, 4.1),
    (20.5, 3.6),
    (25.1, 3.45),
    (29.7, 3.5),
    (33.0, 3.75),  # lateral epicondyle
    (37.1, 3.8),  # mobile wad (brachioradialis)
    (41.6, 3.85),
    (46.7, 3.5),
    (51.8, 3.05),
    (55.4, 2.8),
]
# ... and medial edge going up (to the armpit).
ARM_MEDIAL = [
    (55.4, 2.65),
    (51.8, 2.9),
    (46.7, 3.35),
    (41.6, 3.7),
    (37.1, 3.5),
    (33.0, 3.85),  # medial epicondyle
    (29.7, 3.45),
    (26.0, 3.35),
    (22.3, 3.45),
    (18.6, 3.8),
    (15.4, 4.2),
]
# Hand, palm forward (anatomical position), in the hand frame: u from the wrist
# crease towards the fingertips, v lateral (thumb side).  The hand frame is the
# arm frame at station WRIST_S turned by HAND_DEV towards the medial side.
# The outline is the union of a palm polygon and five tapered digits, closed
# (round webs) and opened (round corners) by buffers, then spliced into the
# body outline at the wrist crease.
HAND_PALM = [  # (u, v), lateral side down, medial side up
    (-1.5, 2.9),
    (0.0, 2.9),
    (5.0, 3.6),
    (9.5, 3.7),
    (11.2, 3.0),
    (11.2, -1.0),
    (10.5, -3.0),
    (10.3, -4.45),
    (8.0, -4.65),
    (5.0, -4.2),
    (2.5, -3.4),
    (0.0, -2.7),
    (-1.5, -2.7),
]
# digit: (name, web-level centre (u, v), angle (deg, + = towards the thumb),
#         length from web level to the tip, width at web level, width at the tip,
#         how far the digit reaches back into the palm).
HAND_DIGITS = [
    ("thumb", (7.2, 4.6), 17.0, 6.6, 2.55, 2.1, 2.5),
    ("index", (11.2, 2.8), 6.0, 7.0, 1.85, 1.65, 2.5),
    ("middle", (11.2, 0.6), 0.0, 8.0, 1.9, 1.7, 2.5),
    ("ring", (11.0, -1.6), -6.0, 7.3, 1.8, 1.6, 2.5),
    ("little", (10.5, -3.65), -12.0, 5.9, 1.65, 1.45, 2.5),
]
HAND_WEB_R = 0.25  # closing radius: rounds the webs between the digits
HAND_CORNER_R = 0.4  # opening radius: rounds convex corners
HAND_STEP = 0.5  # spacing of the hand control points along its outline
TIP_INSET = 0.5  # fingertip landmarks: this far back from the tip, on the pad
# Armpit, trunk side, outer leg, foot, inner leg up to the crotch.
TRUNK_LEG = [
    (18.55, 130.2),
    (17.55, 131.45),
    (17.0, 131.8),  # armpit apex
    (16.45, 130.9),
    (16.15, 128.5),
    (15.85, 125.5),
    (15.45, 121.5),  # chest
    (14.8, 116.5),
    (14.25, 112.0),
    (14.05, 109.0),  # waist
    (14.3, 106.0),
    (15.05, 102.5),
    (16.05, 98.5),
    (16.85, 94.6),  # iliac/hip
    (17.25, 91.0),
    (17.15, 87.5),
    (16.8, 83.5),  # greater trochanter
    (16.2, 78.0),
    (15.55, 72.0),
    (14.85, 66.0),
    (14.15, 60.0),
    (13.6, 55.0),
    (13.35, 51.5),
    (13.25, 48.5),
    (13.15, 45.5),  # knee (lateral)
    (13.45, 41.5),
    (13.55, 37.5),
    (13.15, 32.5),
    (12.45, 26.0),
    (11.85, 19.5),
    (11.55, 14.0),
    (11.7, 10.5),
    (12.25, 7.8),  # lateral malleolus
    (13.2, 5.5),
    (14.1, 3.5),
    (14.7, 1.8),
    (14.55, 0.45),
    (13.6, 0.0),  # foot
    (9.6, 0.0),
    (5.7, 0.0),
    (4.6, 0.35),
    (4.25, 1.5),
    (4.55, 3.1),
    (5.3, 4.9),
    (5.95, 6.7),
    (6.1, 8.7),  # medial malleolus
    (6.35, 11.0),
    (6.3, 15.0),
    (5.95, 20.0),
    (5.4, 26.0),
    (4.7, 32.0),
    (4.15, 37.0),
    (4.1, 41.0),
    (4.45, 44.5),  # medial calf
    (4.35, 47.5),
    (3.95, 50.5),
    (3.6, 54.0),
    (3.15, 59.0),  # knee (medial)
    (2.6, 64.0),
    (1.95, 70.0),
    (1.25, 75.5),
    (0.65, 79.5),
    (0.25, 81.4),
    (0.0, 82.0),  # crotch
]

# Landmarks published in the file: surface points a clinician palpates, each
# at least LANDMARK_DEPTH inside the outline.  (stem, x, y) for the x >= 0 half: x == 0
# is a midline landmark, otherwise the stem gets "-left" / "-right" by the
# view's frame (front: patient's left at x > 0; back: at x < 0).  The arm and
# hand landmarks are derived from the arm axis and the hand frame (see
# arm_landmarks) and follow these.
LANDMARKS = {
    "front": [
        ("vertex", 0, 174.6),
        ("temple", 6.9, 165.6),
        ("angle-of-jaw", 5.3, 154.6),
        ("chin", 0, 151),
        ("suprasternal-notch", 0, 143),
        ("acromion", 20, 143),
        ("nipple", 10, 126),
        ("xiphoid", 0, 121),
        ("navel", 0, 105),
        ("iliac-crest", 14.1, 105),
        ("asis", 12, 97),
        ("greater-trochanter", 17, 91),
        ("pubic-tubercle", 3, 88),
        ("pubic-symphysis", 0, 88),
        ("crotch", 0, 82.4),
        ("patella", 8.9, 51),
        ("knee", 8.8, 49),
        ("fibular-head", 12.5, 46),
        ("tibial-tuberosity", 9.0, 45),
        ("medial-malleolus", 6.6, 8.6),
        ("lateral-malleolus", 11.85, 7.4),
        ("ankle", 9.2, 7),
        ("hallux-tip", 6.0, 0.8),
    ],
    "back": [
        ("vertex", 0, 174.6),
        ("mastoid", 6.0, 159.3),
        ("c2", 0, 158.0),
        ("c3", 0, 156.4),
        ("c4", 0, 154.8),
        ("c5", 0, 153.2),
        ("c6", 0, 151.6),
        ("c7", 0, 150),
        ("acromion", 20, 143),
        ("spine-of-scapula", 13.5, 141.5),
        ("inferior-angle-of-scapula", 9.5, 128.5),
        ("t12-l1", 0, 117.5),
        ("l4", 0, 106),
        ("iliac-crest", 14.1, 105),
        ("s1", 0, 99),
        ("psis", 4.5, 99),
        ("greater-trochanter", 17, 91),
        ("coccyx", 0, 86),
        ("gluteal-fold", 9, 80),
        ("popliteal-fossa", 8.8, 50),
        ("knee", 8.8, 49),
        ("fibular-head", 12.5, 46),
        ("achilles", 9.0, 10),
        ("medial-malleolus", 6.6, 8.6),
        ("lateral-malleolus", 11.85, 7.4),
        ("ankle", 9.2, 7),
        ("heel", 9.3, 2),
    ],
}
# The sole view: the plantar surfaces of both feet, seen from below with the toes up and
# the heels on the floor line (y 0), the patient's left foot at x < 0 as in the back view,
# the big toes towards the midline.  Foot length 26 cm (0.15 H), heel 6.4 cm wide, the
# ball of the foot 9 cm; the feet 9 cm apart at the balls.  Control points of the right
# sole (x > 0), counter-clockwise from the back of the heel; the left sole is its mirror
# image.  The medial border is gently concave under the arch.
SOLE = [
    (9.0, 0.0),  # back of the heel
    (11.1, 0.55),
    (12.15, 2.2),
    (12.4, 5.0),  # heel, lateral
    (12.35, 8.5),
    (12.55, 12.0),  # lateral border of the midfoot (fifth metatarsal base at ~13)
    (13.1, 15.5),
    (13.55, 18.2),  # fifth metatarsal head
    (13.5, 20.0),
    (13.25, 21.3),
    (12.6, 22.1),  # little toe
    (11.95, 21.95),
    (11.45, 22.95),  # fourth toe
    (10.8, 22.95),
    (10.25, 23.95),  # third toe
    (9.6, 23.95),
    (8.95, 24.9),  # second toe
    (8.3, 24.85),
    (7.7, 25.75),
    (6.8, 26.0),  # hallux tip
    (5.55, 25.6),
    (4.85, 24.2),
    (4.6, 22.0),
    (4.55, 19.6),  # first metatarsal head (medial)
    (4.9, 17.0),
    (5.45, 14.0),  # medial arch
    (5.75, 11.0),
    (5.85, 8.0),
    (5.9, 5.0),  # heel, medial
    (6.35, 2.4),
    (7.35, 0.6),
]
#: Sole landmarks (x > 0: the right foot; mirrored to the left at x < 0).
SOLE_LANDMARKS = [
    ("heel", 9.2, 3.2),  # the middle of the heel pad (calcaneal tuberosity)
    ("medial-arch", 6.9, 11.5),  # the highest point of the medial longitudinal arch
    ("lateral-midfoot", 11.6, 11.0),  # the lateral border, behind the fifth metatarsal base
    ("first-metatarsal-head", 6.0, 19.6),  # the ball of the big toe
    ("fifth-metatarsal-head", 12.5, 18.4),
    ("forefoot", 9.0, 19.6),  # the ball of the foot under the second and third heads
    ("hallux-tip", 6.9, 25.2),  # the pad of the big toe
    ("little-toe-tip", 12.5, 21.4),
]
LANDMARK_DEPTH = 0.3  # every landmark lies at least this far inside the outline
# (the greater trochanter, kept from the first table, 0.25 cm)
# Where the arm landmarks sit (arm and hand frames, see arm_landmarks).
EPICONDYLE_ABOVE = 1.0  # epicondyles: this far above the elbow crease ...
EPICONDYLE_INSET = 0.7  # ... and this far inside the lateral / medial edge
THENAR = (4.5, 2.4)  # hand frame (u, v): centre of the thenar eminence
HYPOTHENAR = (5.0, -3.1)  # centre of the hypothenar eminence

# Region boundary heights (cm).
CUT = {
    "brow": 165.0,
    "chest_bottom": 118.0,
    "abdomen_bottom": 100.0,
    "iliac_crest": 104.5,
    "pubic_top": 92.0,
    "crotch": 82.0,
    "knee_top": 53.5,
    "knee_bottom": 44.5,
    "ankle_top": 11.5,
    "ankle_bottom": 4.0,
    # along the arm axis (stations s, cm from the acromion; see ARM_LATERAL)
    "elbow_top": 29.3,
    "elbow_bottom": 36.1,
    "wrist_top": 55.2,
    "wrist_bottom": 59.8,
    # back
    "upper_back_bottom": 128.0,
    "t12": 113.0,
    "gluteal_fold": 80.0,
}
ASIS = (12.0, 97.0)
PUBIC_TUBERCLE = (3.0, 88.0)
GROIN_ABOVE, GROIN_BELOW = 3.0, 5.5  # band width around the inguinal ligament
HIP_MEDIAL_X = 12.0  # hip region is lateral of this line (front)
PUBIC_HALF_W = 3.5

# =============================================================================
# Region catalogue: (id stem, English, Dutch, snomed-key); side suffix added.
# =============================================================================
SNOMED = {
    "groin-left": ("85119005", "Left inguinal region", "exact"),
    "groin-right": ("37117007", "Right inguinal region", "exact"),
    "lower-back-left": ("1017210004", "Left lumbar region of back", "exact"),
    "lower-back-right": ("1017211000", "Right lumbar region of back", "exact"),
    "buttock-left": ("46862004", "Buttock", "broader"),
    "buttock-right": ("46862004", "Buttock", "broader"),
    "thigh-front-left": ("61396006", "Left thigh", "broader"),
    "thigh-front-right": ("11207009", "Right thigh", "broader"),
    "thigh-back-left": ("61396006", "Left thigh", "broader"),
    "thigh-back-right": ("11207009", "Right thigh", "broader"),
    "hip-left": ("29836001", "Hip region", "broader"),
    "hip-right": ("29836001", "Hip region", "broader"),
    "hip-back-left": ("29836001", "Hip region", "broader"),
    "hip-back-right": ("29836001", "Hip region", "broader"),
    "lower-abdomen-left": ("27033000", "Lower abdomen", "broader"),
    "lower-abdomen-right": ("27033000", "Lower abdomen", "broader"),
    # Checked, code and display, in published value sets (see bodymap/core/terminology.py):
    # a concept that names the side where one is listed, else the structure (the FHIR export
    # adds the side); "broader" where the concept is larger than the region.
    "head-front-left": ("69536005", "Head structure", "broader"),
    "head-front-right": ("69536005", "Head structure", "broader"),
    "face-left": ("89545001", "Face structure", "broader"),
    "face-right": ("89545001", "Face structure", "broader"),
    "neck-front-left": ("45048000", "Neck structure", "broader"),
    "neck-front-right": ("45048000", "Neck structure", "broader"),
    "shoulder-front-left": ("91775009", "Structure of left shoulder region", "broader"),
    "shoulder-front-right": ("91774008", "Structure of right shoulder region", "broader"),
    "shoulder-back-left": ("91775009", "Structure of left shoulder region", "broader"),
    "shoulder-back-right": ("91774008", "Structure of right shoulder region", "broader"),
    "chest-left": ("1290343009", "Structure of left half of anterior chest wall", "exact"),
    "chest-right": ("1290342004", "Structure of right half of anterior chest wall", "exact"),
    "upper-arm-front-left": ("368208006", "Left upper arm structure", "broader"),
    "upper-arm-front-right": ("368209003", "Right upper arm structure", "broader"),
    "elbow-front-left": ("368148009", "Left elbow region structure", "broader"),
    "elbow-front-right": ("368149001", "Right elbow region structure", "broader"),
    "upper-arm-back-left": ("368208006", "Left upper arm structure", "broader"),
    "upper-arm-back-right": ("368209003", "Right upper arm structure", "broader"),
    "elbow-back-left": ("368148009", "Left elbow region structure", "broader"),
    "elbow-back-right": ("368149001", "Right elbow region structure", "broader"),
    "abdomen-left": ("302553009", "Entire abdomen", "broader"),
    "abdomen-right": ("302553009", "Entire abdomen", "broader"),
    "forearm-front-left": ("66480008", "Structure of left forearm", "broader"),
    "forearm-front-right": ("64262003", "Structure of right forearm", "broader"),
    "wrist-front-left": ("5951000", "Structure of left wrist region", "broader"),
    "wrist-front-right": ("9736006", "Structure of right wrist region", "broader"),
    "hand-front-left": ("368456002", "Entire left hand", "broader"),
    "hand-front-right": ("368455003", "Entire right hand", "broader"),
    "knee-front-left": ("82169009", "Structure of left knee region", "broader"),
    "knee-front-right": ("6757004", "Structure of right knee region", "broader"),
    "ankle-front-left": ("51636004", "Structure of left ankle", "broader"),
    "ankle-front-right": ("6685009", "Structure of right ankle", "broader"),
    "forearm-back-left": ("66480008", "Structure of left forearm", "broader"),
    "forearm-back-right": ("64262003", "Structure of right forearm", "broader"),
    "wrist-back-left": ("5951000", "Structure of left wrist region", "broader"),
    "wrist-back-right": ("9736006", "Structure of right wrist region", "broader"),
    "hand-back-left": ("368456002", "Entire left hand", "broader"),
    "hand-back-right": ("368455003", "Entire right hand", "broader"),
    "knee-back-left": ("82169009", "Structure of left knee region", "broader"),
    "knee-back-right": ("6757004", "Structure of right knee region", "broader"),
    "ankle-back-left": ("51636004", "Structure of left ankle", "broader"),
    "ankle-back-right": ("6685009", "Structure of right ankle", "broader"),
    "lower-leg-front-left": ("48979004", "Structure of left lower leg", "broader"),
    "lower-leg-front-right": ("32696007", "Structure of right lower leg", "broader"),
    "foot-front-left": ("239919000", "Entire left foot", "broader"),
    "foot-front-right": ("239830003", "Entire right foot", "broader"),
    "head-back-left": ("69536005", "Head structure", "broader"),
    "head-back-right": ("69536005", "Head structure", "broader"),
    "neck-back-left": ("45048000", "Neck structure", "broader"),
    "neck-back-right": ("45048000", "Neck structure", "broader"),
    "upper-back-left": ("77568009", "Structure of back of trunk", "broader"),
    "upper-back-right": ("77568009", "Structure of back of trunk", "broader"),
    "middle-back-left": ("788647001", "Structure of left half of posterior chest wall", "broader"),
    "middle-back-right": (
        "788648006",
        "Structure of right half of posterior chest wall",
        "broader",
    ),
    "lower-leg-back-left": ("244015008", "Entire calf of leg", "broader"),
    "lower-leg-back-right": ("244015008", "Entire calf of leg", "broader"),
    "foot-back-left": ("76853006", "Heel structure", "broader"),
    "foot-back-right": ("76853006", "Heel structure", "broader"),
    "sole-left": ("239919000", "Entire left foot", "broader"),
    "sole-right": ("239830003", "Entire right foot", "broader"),
    "sacrum": ("1144746008", "Structure of sacral vertebral column region", "exact"),
}

FRONT_REGIONS = [  # top to bottom
    ("head-front", "head (front)", "hoofd (voorzijde)"),
    ("face", "side of face", "gezichtshelft"),
    ("neck-front", "neck (front)", "halszijde"),
    ("shoulder-front", "shoulder (front)", "schouder (voorzijde)"),
    ("chest", "chest", "borst"),
    ("upper-arm-front", "upper arm (front)", "bovenarm (voorzijde)"),
    ("elbow-front", "elbow (front)", "elleboog (voorzijde)"),
    ("abdomen", "abdomen", "buikhelft"),
    ("hip", "hip", "heup"),
    ("lower-abdomen", "lower abdomen", "onderbuik"),
    ("forearm-front", "forearm (front)", "onderarm (voorzijde)"),
    ("groin", "groin", "lies"),
    ("pubic", "Pubic region", "Schaamstreek"),
    ("wrist-front", "wrist (front)", "pols (voorzijde)"),
    ("hand-front", "hand (palm)", "hand (handpalm)"),
    ("thigh-front", "thigh (front)", "bovenbeen (voorzijde)"),
    ("knee-front", "knee (front)", "knie (voorzijde)"),
    ("lower-leg-front", "lower leg (front)", "onderbeen (voorzijde)"),
    ("ankle-front", "ankle (front)", "enkel (voorzijde)"),
    ("foot-front", "foot (top)", "voet (voetrug)"),
]
BACK_REGIONS = [
    ("head-back", "back of head", "achterhoofd"),
    ("neck-back", "neck (back)", "nek"),
    ("shoulder-back", "shoulder (back)", "schouder (achterzijde)"),
    ("upper-back", "upper back", "bovenrug"),
    ("middle-back", "middle back", "middenrug"),
    ("upper-arm-back", "upper arm (back)", "bovenarm (achterzijde)"),
    ("elbow-back", "elbow (back)", "elleboog (achterzijde)"),
    ("lower-back", "lower back", "onderrug"),
    ("forearm-back", "forearm (back)", "onderarm (achterzijde)"),
    ("sacrum", "Sacrum", "Heiligbeen"),
    ("buttock", "buttock", "bil"),
    ("hip-back", "hip (back)", "heup (achterzijde)"),
    ("wrist-back", "wrist (back)", "pols (achterzijde)"),
    ("hand-back", "hand (back)", "hand (handrug)"),
    ("thigh-back", "thigh (back)", "bovenbeen (achterzijde)"),
    ("knee-back", "back of knee", "knieholte"),
    ("lower-leg-back", "calf", "kuit"),
    ("ankle-back", "ankle (back)", "enkel (achterzijde)"),
    ("foot-back", "heel", "hiel"),
]
MIDLINE = {"pubic", "sacrum"}
# Region ids of earlier chart versions and the regions they stand for now.
ALIASES = {"abdomen": ["abdomen-left", "abdomen-right"]}


# =============================================================================
# Geometry helpers
# =============================================================================
def arm_axis(y: float) -> np.ndarray:
    """Point of the arm axis at height y."""
    return np.array([ARM_X0 + (ARM_Y0 - y) * ARM_SLOPE, y])


_D = np.array([ARM_SLOPE, -1.0]) / math.hypot(ARM_SLOPE, 1.0)  # down the arm
_N = np.array([1.0, ARM_SLOPE]) / math.hypot(ARM_SLOPE, 1.0)  # lateral
# station origin: the foot of the acromion on the arm axis
_S0 = arm_axis(ARM_Y0) + float((np.array(ACROMION) - arm_axis(ARM_Y0)) @ _D) * _D


def arm_at(s: float) -> np.ndarray:
    """Point of the arm axis at station s (cm along the axis from the acromion)."""
    return _S0 + s * _D


def arm_point(s: float, v: float) -> tuple[float, float]:
    p = arm_at(s) + v * _N
    return (float(p[0]), float(p[1]))


def _digit(web, angle, length, w_web, w_tip, back):
    """A tapered digit with a round tip (hand frame); returns (polygon, tip, axis)."""
    d = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
    n = np.array([-d[1], d[0]])
    w = np.array(web, dtype=float)
    root = w - back * d
    end = w + (length - w_tip / 2) * d
    w_root = w_web + (w_web - w_tip) * back / length  # the taper continued into the palm
    quad = Polygon(
        [root + n * w_root / 2, end + n * w_tip / 2, end - n * w_tip / 2, root - n * w_root / 2]
    )
    return quad.union(Point(end).buffer(w_tip / 2, quad_segs=24)), w + length * d, d


def hand_uv_to_arm(uv) -> np.ndarray:
    """Hand frame (u, v) -> arm frame (u along the axis from the wrist crease, v lateral).

    The hand bends towards the medial side by HAND_DEV, turning gradually over the
    carpus (u 0 .. HAND_BEND), so the wrist stays in line with the forearm."""
    uv = np.asarray(uv, dtype=float)
    t = np.clip(uv[..., 0] / HAND_BEND, 0.0, 1.0)
    a = -math.radians(HAND_DEV) * t * t * (3.0 - 2.0 * t)
    c, s = np.cos(a), np.sin(a)
    return np.stack([c * uv[..., 0] - s * uv[..., 1], s * uv[..., 0] + c * uv[..., 1]], axis=-1)


def arm_uv_to_xy(uv) -> np.ndarray:
    """Arm frame at the wrist crease (u down the arm, v lateral) -> chart x, y (x > 0 half)."""
    uv = np.atleast_2d(np.asarray(uv, dtype=float))
    return arm_at(WRIST_S) + uv[:, :1] * _D + uv[:, 1:2] * _N


def hand_shape():
    """The hand in the arm frame at the wrist crease (u >= 0) and its digit tips."""
    parts = [Polygon(HAND_PALM)]
    tips = {}
    for name, web, angle, length, w_web, w_tip, back in HAND_DIGITS:
        g, tip, d = _digit(web, angle, length, w_web, w_tip, back)
        parts.append(g)
        tips[name] = (tip, d)
        if name == "thumb":  # thenar eminence: from the wrist to the base of the thumb
            base = g.intersection(box(-10.0, -10.0, web[0], 20.0))
            parts.append(shapely.MultiPoint(HAND_PALM[:2] + list(base.exterior.coords)).convex_hull)
    hand = shapely.segmentize(shapely.union_all(parts), 0.2)
    hand = shapely.transform(hand, hand_uv_to_arm)
    first_lat, first_med = ARM_LATERAL[-1][1], ARM_MEDIAL[0][1]
    wrist = Polygon(
        [(-3.0, first_lat), (0.5, HAND_PALM[1][1]), (0.5, HAND_PALM[-2][1]), (-3.0, -first_med)]
    )
    hand = hand.union(wrist)
    hand = hand.buffer(HAND_WEB_R, quad_segs=16).buffer(-HAND_WEB_R, quad_segs=16)
    hand = hand.buffer(-HAND_CORNER_R, quad_segs=16).buffer(HAND_CORNER_R, quad_segs=16)
    hand = hand.intersection(box(0.0, -20.0, 40.0, 20.0))
    assert hand.geom_type == "Polygon" and hand.is_valid, hand.geom_type
    return hand, tips


def hand_control_points() -> np.ndarray:
    """Hand outline from the lateral to the medial end of the wrist crease (arm frame),
    resampled every HAND_STEP cm."""
    hand, _ = hand_shape()
    ring = np.asarray(orient(hand, 1.0).exterior.coords)[:-1]
    at_wrist = np.flatnonzero(np.abs(ring[:, 0]) < 1e-9)
    lat = at_wrist[np.argmax(ring[at_wrist, 1])]
    med = at_wrist[np.argmin(ring[at_wrist, 1])]
    ring = np.roll(ring, -lat, axis=0)
    med = (med - lat) % len(ring)
    path = ring[: med + 1]
    if path[1, 0] <= 1e-9:  # this way runs along the wrist crease: go the other way
        path = np.vstack([ring[:1], ring[med:][::-1]])
    line = LineString(path)
    n = max(2, int(round(line.length / HAND_STEP)))
    pts = [line.interpolate(t, normalized=True) for t in np.linspace(0.0, 1.0, n + 1)]
    return np.array([(p.x, p.y) for p in pts])


def half_control_points() -> np.ndarray:
    pts = list(HEAD_SHOULDER)
    pts += [arm_point(s, w) for s, w in ARM_LATERAL]
    pts += [tuple(p) for p in arm_uv_to_xy(hand_control_points())]
    pts += [arm_point(s, -w) for s, w in ARM_MEDIAL]
    pts += TRUNK_LEG
    return np.array(pts, dtype=float)


def catmull_rom(p0, p1, p2, p3, n, alpha=0.5):
    """Centripetal Catmull-Rom segment p1->p2, n samples (p1 included, p2 not)."""

    def tj(ti, a, b):
        return ti + max(np.hypot(*(b - a)), 1e-9) ** alpha

    t0 = 0.0
    t1 = tj(t0, p0, p1)
    t2 = tj(t1, p1, p2)
    t3 = tj(t2, p2, p3)
    t = np.linspace(t1, t2, n, endpoint=False)[:, None]
    a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
    a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
    a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
    b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
    b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
    return (t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2


def smooth_half(ctrl: np.ndarray, step: float = 0.33) -> np.ndarray:
    """Spline through the half control polygon, using mirrored neighbours at
    the two midline end points so the joins are smooth (horizontal tangent)."""
    mir = ctrl * np.array([-1.0, 1.0])
    ext = np.vstack([mir[1], ctrl, mir[-2]])
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        n = max(2, int(math.ceil(np.hypot(*(p2 - p1)) / step)))
        out.append(catmull_rom(p0, p1, p2, p3, n))
    out.append(ctrl[-1:])
    pts = np.vstack(out)
    pts = np.round(pts / GRID) * GRID
    pts[0, 0] = 0.0
    pts[-1, 0] = 0.0
    assert (pts[1:-1, 0] > 0).all(), "half outline crosses the midline"
    # drop consecutive duplicates produced by rounding
    keep = np.ones(len(pts), bool)
    keep[1:] = np.any(np.abs(np.diff(pts, axis=0)) > 1e-9, axis=1)
    return pts[keep]


def build_outline() -> Polygon:
    half = smooth_half(half_control_points())
    other = (half * np.array([-1.0, 1.0]))[::-1][1:-1]
    ring = np.vstack([half, other])
    poly = Polygon(ring)
    assert poly.is_valid, shapely.is_valid_reason(poly)
    return orient(poly, 1.0)


def mirror(g):
    return shapely.transform(g, lambda c: c * np.array([-1.0, 1.0]))


def poly_below(points, bottom=-50.0):
    """Polygon under a polyline (x ascending)."""
    pts = list(points)
    return Polygon(pts + [(pts[-1][0], bottom), (pts[0][0], bottom)])


def poly_above(points, top=200.0):
    pts = list(points)
    return Polygon(pts + [(pts[-1][0], top), (pts[0][0], top)])


def hband(y_lo, y_hi, x_lo=-1.0, x_hi=200.0):
    return box(x_lo, y_lo, x_hi, y_hi)


def arm_line_y(s, x):
    """y of the cut line perpendicular to the arm axis through station s."""
    a = arm_at(s)
    return a[1] + (x - a[0]) * ARM_SLOPE


def arm_band(s_hi, s_lo):
    """Strip between two cuts perpendicular to the arm axis (lateral domain);
    s_hi is the station nearer the shoulder, None for no limit."""
    xs = (-5.0, 80.0)
    top = [(x, arm_line_y(s_hi, x)) for x in xs] if s_hi is not None else [(x, 200.0) for x in xs]
    bot = [(x, arm_line_y(s_lo, x)) for x in xs] if s_lo is not None else [(x, -50.0) for x in xs]
    return Polygon([bot[0], bot[1], top[1], top[0]])


# Separator between the trunk/leg domain and the arm domain (runs through the
# gap between arm and trunk, starting at the armpit apex, x >= 0 half).
ARMPIT = (17.0, 131.8)
SEPARATOR = [
    ARMPIT,
    (17.35, 129.5),
    (18.3, 126.0),
    (19.6, 120.0),
    (20.8, 112.0),
    (22.0, 100.0),
    (24.0, 84.0),
    (25.0, 60.0),
    (25.0, -10.0),
]
# Line separating the shoulder (lateral) from chest / upper back (medial).
SHOULDER_LINE = [(12.6, 152.0), (12.6, 146.0), (14.6, 140.0), (16.1, 135.0), ARMPIT]


def trunk_domain():
    return Polygon(
        [(-1.0, 200.0), (12.6, 200.0)] + SHOULDER_LINE[1:] + SEPARATOR[1:] + [(-1.0, -10.0)]
    )


def shoulder_cut_y(x):
    """Shoulder / upper-arm boundary: perpendicular to the arm through the armpit."""
    return ARMPIT[1] + (x - ARMPIT[0]) * ARM_SLOPE


def shoulder_cutter():
    """Lateral of the shoulder line and above the cut through the armpit."""
    xs = np.linspace(ARMPIT[0], 90, 3)
    return Polygon(
        [(x, shoulder_cut_y(x)) for x in xs] + [(90, 200), (12.6, 200)] + SHOULDER_LINE[1:-1]
    )


def arm_domain():
    """Everything lateral of the shoulder line + separator (shoulder + arm)."""
    return Polygon(
        [(12.6, 200.0), (90.0, 200.0), (90.0, -10.0)] + SEPARATOR[::-1] + SHOULDER_LINE[::-1][1:]
    )


def groin_band():
    ax, ay = ASIS
    px, py = PUBIC_TUBERCLE
    d = np.array([px - ax, py - ay])
    d /= np.linalg.norm(d)
    nup = np.array([-d[1], d[0]])  # perpendicular
    if nup[1] < 0:
        nup = -nup
    a, p = np.array(ASIS), np.array(PUBIC_TUBERCLE)
    ext = 10.0  # extend along the ligament, then clip
    a2, p2 = a - d * ext, p + d * ext
    band = Polygon(
        [
            tuple(a2 + GROIN_ABOVE * nup),
            tuple(p2 + GROIN_ABOVE * nup),
            tuple(p2 - GROIN_BELOW * nup),
            tuple(a2 - GROIN_BELOW * nup),
        ]
    )
    return band.intersection(box(PUBIC_HALF_W, 0, HIP_MEDIAL_X, 200))


def groin_edges():
    """(upper, lower) edge lines of the groin band as y = x + c."""
    ax, ay = ASIS
    k = (ay - PUBIC_TUBERCLE[1]) / (ax - PUBIC_TUBERCLE[0])
    c = ay - k * ax
    s = math.sqrt(1 + k * k)
    return k, c + GROIN_ABOVE * s, c - GROIN_BELOW * s


# =============================================================================
# Partition
# =============================================================================
def front_cutters():
    """Ordered list of (stem, cutter) for the x >= 0 half (front view)."""
    T, A = trunk_domain(), arm_domain()
    k, c_up, c_lo = groin_edges()
    assert c_lo < CUT["crotch"]
    cut = []
    cut.append(("head-front", hband(CUT["brow"], 200)))
    cut.append(
        ("face", poly_above([(-1, 150.8), (2.0, 151.1), (4.5, 152.7), (6.2, 154.6), (9.0, 157.5)]))
    )
    cut.append(
        (
            "neck-front",
            poly_above(
                [(-1, 143.3), (3.0, 143.7), (5.5, 145.0), (7.0, 146.6), (8.0, 148.5)]
            ).intersection(box(-1, 0, 8.0, 200)),
        )
    )
    cut.append(("shoulder-front", shoulder_cutter().intersection(A)))
    cut.append(("chest", hband(CUT["chest_bottom"], 200).intersection(T)))
    # arm
    cut.append(("upper-arm-front", arm_band(None, CUT["elbow_top"]).intersection(A)))
    cut.append(("elbow-front", arm_band(CUT["elbow_top"], CUT["elbow_bottom"]).intersection(A)))
    cut.append(("forearm-front", arm_band(CUT["elbow_bottom"], CUT["wrist_top"]).intersection(A)))
    cut.append(("wrist-front", arm_band(CUT["wrist_top"], CUT["wrist_bottom"]).intersection(A)))
    cut.append(("hand-front", arm_band(CUT["wrist_bottom"], None).intersection(A)))
    # trunk
    abd = Polygon(
        [
            (-1, CUT["abdomen_bottom"]),
            (HIP_MEDIAL_X, CUT["abdomen_bottom"]),
            (HIP_MEDIAL_X, CUT["iliac_crest"]),
            (40, CUT["iliac_crest"]),
            (40, CUT["chest_bottom"]),
            (-1, CUT["chest_bottom"]),
        ]
    )
    # abdomen (one region per side, split at the midline) before the groin band, which
    # reaches above its lower edge near the ASIS (as when the abdomen was one midline region)
    cut.append(("abdomen", abd.intersection(T)))
    # pubic: |x| < 3.5 under y 92, down to the groin's lower edge continued
    # towards the crotch (so groin + pubic form one clean V-shaped lower border)
    cut.append(
        (
            "pubic",
            Polygon(
                [
                    (-1, CUT["pubic_top"]),
                    (PUBIC_HALF_W, CUT["pubic_top"]),
                    (PUBIC_HALF_W, k * PUBIC_HALF_W + c_lo),
                    (0, c_lo),
                    (-1, c_lo - 1),
                ]
            ),
        )
    )
    cut.append(("groin", groin_band()))
    hip_lo = [(HIP_MEDIAL_X, k * HIP_MEDIAL_X + c_lo), (20.0, 84.2), (40.0, 84.2)]
    hip = Polygon([(HIP_MEDIAL_X, CUT["iliac_crest"]), (40, CUT["iliac_crest"])] + hip_lo[::-1])
    cut.append(("hip", hip.intersection(T)))
    x_tip = (CUT["abdomen_bottom"] - c_up) / k
    la = Polygon(
        [
            (-1, CUT["abdomen_bottom"]),
            (x_tip, CUT["abdomen_bottom"]),
            (PUBIC_HALF_W, k * PUBIC_HALF_W + c_up),
            (PUBIC_HALF_W, CUT["pubic_top"]),
            (-1, CUT["pubic_top"]),
        ]
    )
    cut.append(("lower-abdomen", la))
    # leg
    cut.append(("thigh-front", hband(CUT["knee_top"], 95).intersection(T)))
    cut.append(("knee-front", hband(CUT["knee_bottom"], CUT["knee_top"]).intersection(T)))
    cut.append(("lower-leg-front", hband(CUT["ankle_top"], CUT["knee_bottom"]).intersection(T)))
    cut.append(("ankle-front", hband(CUT["ankle_bottom"], CUT["ankle_top"]).intersection(T)))
    cut.append(("foot-front", hband(-10, CUT["ankle_bottom"]).intersection(T)))
    return cut


def back_cutters():
    T, A = trunk_domain(), arm_domain()
    cut = []
    cut.append(("head-back", poly_above([(-1, 155.6), (3.0, 155.7), (5.5, 156.2), (9.0, 157.5)])))
    cut.append(
        (
            "neck-back",
            poly_above(
                [(-1, 149.6), (3.0, 149.2), (5.5, 148.2), (7.0, 147.4), (8.0, 148.5)]
            ).intersection(box(-1, 0, 8.0, 200)),
        )
    )
    cut.append(("shoulder-back", shoulder_cutter().intersection(A)))
    cut.append(("upper-back", hband(CUT["upper_back_bottom"], 200).intersection(T)))
    cut.append(("middle-back", hband(CUT["t12"], CUT["upper_back_bottom"]).intersection(T)))
    cut.append(("upper-arm-back", arm_band(None, CUT["elbow_top"]).intersection(A)))
    cut.append(("elbow-back", arm_band(CUT["elbow_top"], CUT["elbow_bottom"]).intersection(A)))
    cut.append(("forearm-back", arm_band(CUT["elbow_bottom"], CUT["wrist_top"]).intersection(A)))
    cut.append(("wrist-back", arm_band(CUT["wrist_top"], CUT["wrist_bottom"]).intersection(A)))
    cut.append(("hand-back", arm_band(CUT["wrist_bottom"], None).intersection(A)))
    cut.append(("sacrum", SACRUM))
    cut.append(
        (
            "lower-back",
            poly_above(LOWER_BACK_BOTTOM).intersection(hband(0, CUT["t12"])).intersection(T),
        )
    )
    cut.append(("hip-back", Polygon(HIP_BACK_MEDIAL + [(40, 82.0), (40, 106)]).intersection(T)))
    cut.append(("buttock", poly_above(GLUTEAL_FOLD).intersection(hband(60, 110)).intersection(T)))
    cut.append(("thigh-back", hband(CUT["knee_top"], 95).intersection(T)))
    cut.append(("knee-back", hband(CUT["knee_bottom"], CUT["knee_top"]).intersection(T)))
    cut.append(("lower-leg-back", hband(CUT["ankle_top"], CUT["knee_bottom"]).intersection(T)))
    cut.append(("ankle-back", hband(CUT["ankle_bottom"], CUT["ankle_top"]).intersection(T)))
    cut.append(("foot-back", hband(-10, CUT["ankle_bottom"]).intersection(T)))
    return cut


# Back-view boundary curves (x >= 0 half; mirrored for the other side).
SACRUM = Polygon(
    [
        (-5.0, 100.0),
        (5.0, 100.0),
        (4.6, 97.5),
        (3.7, 94.5),
        (2.6, 91.5),
        (1.5, 88.8),
        (0.0, 86.0),
        (-1.5, 88.8),
        (-2.6, 91.5),
        (-3.7, 94.5),
        (-4.6, 97.5),
    ]
)
LOWER_BACK_BOTTOM = [
    (-1, 100.0),
    (5.0, 100.0),
    (6.0, 100.2),
    (7.2, 100.55),
    (9.0, 101.6),
    (11.0, 103.3),
    (13.0, 104.6),
    (15.0, 105.2),
    (40.0, 105.5),
]
HIP_BACK_MEDIAL = [
    (12.2, 106.0),
    (12.3, 100.0),
    (12.7, 94.0),
    (13.3, 88.0),
    (14.3, 84.0),
    (15.6, 82.0),
]
GLUTEAL_FOLD = [
    (-1, 81.6),
    (0.8, 81.3),
    (2.5, 80.4),
    (5.0, 79.8),
    (8.0, 79.6),
    (11.0, 79.8),
    (13.5, 80.6),
    (15.5, 82.0),
    (40.0, 82.0),
]


def areal(g):
    """Polygonal part of an overlay result (drops stray lines / points)."""
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = []
    for p in getattr(g, "geoms", []):
        if p.geom_type == "Polygon":
            parts.append(p)
        elif p.geom_type == "MultiPolygon":
            parts.extend(p.geoms)
    return MultiPolygon(parts) if len(parts) != 1 else parts[0]


def inter(a, b):
    return areal(shapely.intersection(a, b, grid_size=GRID))


def diff(a, b):
    return areal(shapely.difference(a, b, grid_size=GRID))


def unite(a, b):
    return areal(shapely.union(a, b, grid_size=GRID))


def partition(outline: Polygon, cutters, view: str):
    """Partition the x >= 0 half of the outline.

    All cutter boundaries and the half outline are noded together on the
    0.01 cm grid and polygonized into elementary faces; each face goes to the
    first cutter (midline cutters first, then catalogue order) containing it.
    Regions are unions of faces, so they share edges exactly: no gaps, no
    overlaps.  Returns ({midline stem: geometry}, {stem: x>=0 geometry}).
    """
    halfbox = box(0, -100, 100, 300)
    half = inter(outline, halfbox)
    ordered = [(st, unite(c, mirror(c)) if st in MIDLINE else c) for st, c in cutters]
    ordered.sort(key=lambda sc: sc[0] not in MIDLINE)  # stable: midline first
    lines = [half.boundary] + [inter(c, box(-0.5, -100, 100, 300)).boundary for _, c in ordered]
    noded = shapely.union_all(lines, grid_size=GRID)
    faces = [
        f for f in shapely.get_parts(shapely.polygonize(shapely.get_parts(noded))) if f.area > 0
    ]
    buckets = {st: [] for st, _ in ordered}
    for f in faces:
        pt = f.representative_point()
        if not half.contains(pt):
            continue
        for st, c in ordered:
            if c.contains(pt):
                buckets[st].append(f)
                break
        else:
            raise AssertionError(f"{view}: face at {pt} not covered by any cutter")
    pos = {st: areal(shapely.union_all(fs, grid_size=GRID)) for st, fs in buckets.items()}
    for st, g in pos.items():
        assert not g.is_empty, f"{view}: region {st} is empty"
    tot = sum(g.area for g in pos.values())
    assert abs(tot - half.area) < 1e-5 * half.area, (
        f"{view}: half area {half.area} vs regions {tot}"
    )
    mids = {
        st: areal(shapely.union_all([pos.pop(st), mirror(buckets_union)], grid_size=GRID))
        for st, buckets_union in [(st, pos[st]) for st in list(pos) if st in MIDLINE]
    }
    return mids, pos


def clean_piece(g, stem, view, others):
    """Ensure a single Polygon: tiny stray fragments are merged into the
    neighbouring region that shares the longest border."""
    if g.geom_type == "Polygon":
        return g, []
    parts = sorted(
        [p for p in getattr(g, "geoms", []) if p.geom_type == "Polygon"], key=lambda p: -p.area
    )
    main, strays = parts[0], parts[1:]
    for s in strays:
        assert s.area < 0.5, (
            f"{view}/{stem}: fragment of {s.area:.2f} cm2 at {s.representative_point()}"
        )
    return main, strays


#: The side words of a region name, by language; Dutch writes them as one word with the
#: noun ("Linkerschouder", "Rechterknie"), English as a separate word ("Left shoulder").
SIDE_WORDS = {
    "en": {"left": "Left", "right": "Right"},
    "nl": {"left": "Linker", "right": "Rechter"},
}


def sided_name(lang: str, side: str, name: str) -> str:
    """The name of the ``side`` (``left`` or ``right``) part of a structure in ``lang``."""
    word = SIDE_WORDS[lang][side]
    return f"{word}{name}" if lang == "nl" else f"{word} {name}"


def side_of(view: str, positive_x: bool) -> str:
    if view == "front":
        return "left" if positive_x else "right"
    return "right" if positive_x else "left"


def build_view(outline, view):
    catalogue = FRONT_REGIONS if view == "front" else BACK_REGIONS
    cutters = front_cutters() if view == "front" else back_cutters()
    mids, pos = partition(outline, cutters, view)
    # merge stray fragments into neighbours (positive half only; mirrored later)
    for stem in list(pos):
        main, strays = clean_piece(pos[stem], stem, view, pos)
        pos[stem] = main
        for s in strays:
            best, blen = None, 0.0
            for other, og in pos.items():
                if other == stem:
                    continue
                l = s.boundary.intersection(og.boundary).length
                if l > blen:
                    best, blen = other, l
            assert best is not None
            pos[best] = unite(pos[best], s)
    for stem in list(mids):
        main, strays = clean_piece(mids[stem], stem, view, mids)
        assert not strays, f"{stem}: midline region in pieces"
        mids[stem] = main
    regions = []
    for stem, en, nl in catalogue:
        if stem in MIDLINE:
            regions.append((stem, "midline", en, nl, mids[stem]))
            continue
        g_pos = pos[stem]
        g_neg = mirror(g_pos)
        for positive in (True, False) if side_of(view, True) == "left" else (False, True):
            side = side_of(view, positive)
            rid = f"{stem}-{side}"
            names = (sided_name("en", side, en), sided_name("nl", side, nl))
            regions.append((rid, side, *names, g_pos if positive else g_neg))
    return regions


# =============================================================================
# Output
# =============================================================================
def ring_coords(poly: Polygon):
    poly = orient(poly, 1.0)
    rings = [poly.exterior] + list(poly.interiors)
    out = []
    for r in rings:
        c = [[round(float(x), 2) + 0.0, round(float(y), 2) + 0.0] for x, y in r.coords]
        out.append(c)
    return out


def fmt(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


SOLE_REGIONS = [("sole", "sole", "voetzool")]


def smooth_closed(ctrl: np.ndarray, step: float = 0.25) -> np.ndarray:
    """Closed centripetal Catmull-Rom spline through ``ctrl``, snapped to the grid."""
    n_ctrl = len(ctrl)
    out = []
    for i in range(n_ctrl):
        p0, p1, p2, p3 = (ctrl[(i + k) % n_ctrl] for k in (-1, 0, 1, 2))
        n = max(2, int(math.ceil(np.hypot(*(p2 - p1)) / step)))
        out.append(catmull_rom(p0, p1, p2, p3, n))
    pts = np.round(np.vstack(out) / GRID) * GRID
    keep = np.ones(len(pts), bool)
    keep[1:] = np.any(np.abs(np.diff(pts, axis=0)) > 1e-9, axis=1)
    return pts[keep]


def build_sole():
    """The sole view: its outline (both soles, a MultiPolygon) and its regions."""
    right = orient(Polygon(smooth_closed(np.array(SOLE, dtype=float))), 1.0)
    assert right.is_valid, "sole outline is not a valid polygon"
    left = orient(mirror(right), 1.0)
    regions = []
    for stem, en, nl in SOLE_REGIONS:
        for side, g in (("left", left), ("right", right)):
            names = (sided_name("en", side, en), sided_name("nl", side, nl))
            regions.append((f"{stem}-{side}", side, *names, g))
    return MultiPolygon([left, right]), regions


def build():
    outline = build_outline()
    views = {"front": build_view(outline, "front"), "back": build_view(outline, "back")}
    sole_outline, views["sole"] = build_sole()
    return {"front": outline, "back": outline, "sole": sole_outline}, views


def validate(outlines, views):
    checks = []
    outline = outlines["front"]
    assert outline.is_valid
    assert outline.geom_type == "Polygon"
    nv = len(outline.exterior.coords) - 1
    assert nv >= 1200, nv
    assert abs(outline.area - mirror(outline).area) < 1e-6
    assert outline.symmetric_difference(mirror(outline)).area < 1e-3
    checks.append(f"outline valid, symmetric, {nv} vertices per view")
    ids = set()
    for view, regions in views.items():
        view_outline = outlines[view]
        geoms = []
        for rid, side, en, nl, g in regions:
            assert rid not in ids, rid
            ids.add(rid)
            assert g.geom_type == "Polygon" and g.is_valid and not g.is_empty, (rid, g.geom_type)
            geoms.append(g)
        tree = shapely.STRtree(geoms)
        ov = 0.0
        for i, g in enumerate(geoms):
            for j in tree.query(g):
                if j > i:
                    ov += g.intersection(geoms[j]).area
        assert ov < 1e-3, f"{view}: overlap {ov}"
        tot = sum(g.area for g in geoms)
        area = view_outline.area
        assert abs(tot - area) / area < 1e-3, (view, tot, area)
        u = shapely.union_all(geoms, grid_size=GRID)
        assert u.symmetric_difference(view_outline).area / area < 1e-3
        checks.append(
            f"{view}: {len(regions)} regions, all single valid Polygons, "
            f"overlap {ov:.5f} cm2, union vs outline {abs(tot - area):.4f} cm2"
        )
        byid = {r[0]: r for r in regions}
        for rid, (_, side, _, _, g) in byid.items():
            if side == "left":
                twin = byid[rid[: -len("left")] + "right"][4]
                d = mirror(g).symmetric_difference(twin).area
                assert d < 0.01, (rid, d)
            if side == "midline":
                assert g.symmetric_difference(mirror(g)).area < 0.01, rid
        # side convention
        for rid, (_, side, _, _, g) in byid.items():
            cx = g.centroid.x
            if side != "midline":
                want_pos = (side == "left") == (view == "front")
                assert (cx > 0) == want_pos, (rid, cx)
    checks.append("mirror symmetry of every left/right pair (< 0.01 cm2) and side convention")

    def region_at(view, x, y):
        hits = [r[0] for r in views[view] if r[4].covers(Point(x, y))]
        return hits

    must = [
        ("front", 7, 91, "groin-left"),
        ("front", -7, 91, "groin-right"),
        ("front", 3, 105, "abdomen-left"),
        ("front", -3, 105, "abdomen-right"),
        ("front", 0, 86, "pubic"),
        ("front", 9, 75, "thigh-front-left"),
        ("back", -4, 106, "lower-back-left"),
        ("back", -4, 112, "lower-back-left"),
        ("back", -6, 102, "lower-back-left"),
        ("back", 4, 106, "lower-back-right"),
        ("back", 0, 92, "sacrum"),
        ("back", -10, 88, "buttock-left"),
        ("back", 9, 70, "thigh-back-right"),
    ]
    for view, x, y, rid in must:
        h = region_at(view, x, y)
        assert h == [rid], (view, x, y, rid, h)
    # paravertebral strip 1-7 cm from the midline, y 101..113, in lower-back
    for sx, lr in ((-1, "left"), (1, "right")):
        strip = box(1, 101, 7, 113) if sx > 0 else box(-7, 101, -1, 113)
        lb = [r for r in views["back"] if r[0] == f"lower-back-{lr}"][0][4]
        assert strip.difference(lb).area < 1e-6, lr
    for x, y in [(0, 165), (0, 175 - 0.5)]:
        assert outline.contains(Point(x, y)), (x, y)
    for x, y in [(0, 60), (30, 120), (-30, 120), (23, 115), (-23, 115), (22, 118), (0, 81)]:
        assert not outline.contains(Point(x, y)), (x, y)
    checks.append(
        "hard point checks (groin, abdomen, pubic, thigh, lower back, sacrum, "
        "buttock, crotch gap, arm gap, paravertebral strip)"
    )
    lm = landmarks()
    for view, table in lm.items():
        for name, (x, y) in table.items():
            depth = outlines[view].boundary.distance(Point(x, y))
            need = 0.2 if name.startswith("greater-trochanter") else LANDMARK_DEPTH
            assert outlines[view].contains(Point(x, y)) and depth >= need, (view, name, depth)
            if name.endswith("-left"):
                rx, ry = table[name[: -len("left")] + "right"]
                assert (rx, ry) == (-x + 0.0, y), name
    front, back = lm["front"], lm["back"]
    fingers = ("thumb", "index", "middle", "ring", "little")
    for view, fx in (("front", 1), ("back", -1)):
        hand = [r for r in views[view] if r[0] == f"hand-{view}-left"][0][4]
        tips = [lm[view][f"{f}-tip-left"] for f in fingers]
        for f, (x, y) in zip(fingers, tips):
            assert hand.contains(Point(x, y)), (view, f)
            assert outline.exterior.distance(Point(x, y)) >= 0.3, (view, f)
        xs = [fx * x for x, _ in tips]
        assert xs[0] == max(xs), "thumb is not the most lateral digit"
        ys = [y for _, y in tips]
        assert ys[2] == min(ys), "middle finger is not the longest"
        # the fingers are separate: between neighbouring tips the outline has a gap
        for a, b in itertools.pairwise(tips[1:]):
            gap = LineString([a, b]).difference(outline).length
            assert gap >= 0.4, (view, a, b, gap)
    acr = np.array(front["acromion-left"])
    reach = float(np.linalg.norm(np.array(front["middle-tip-left"]) - acr))
    assert abs(reach - 77.0) < 0.75, reach
    assert abs(front["suprasternal-notch"][1] - acr[1]) < 0.25
    fy = outline.intersection(box(25, 0, 60, 100)).bounds[1]
    assert abs(fy - 68.3) < 0.5, fy  # abducted arm: fingertips at ~68.3 (hanging: 66)
    checks.append(
        f"landmarks: {len(front)} front, {len(back)} back, all >= {LANDMARK_DEPTH} cm inside, "
        f"mirrored; acromion-middle fingertip {reach:.2f} cm, fingertips at y {fy:.2f}"
    )
    ymax = outline.bounds[3]
    assert abs(ymax - 175.0) < 0.05 and abs(outline.bounds[1]) < 0.3, outline.bounds
    checks.append(validate_sole(outlines["sole"], lm["sole"]))
    return checks


def validate_sole(outline, lm):
    """The sole view: two mirror-image soles of adult size inside the body views' frame."""
    assert outline.geom_type == "MultiPolygon" and outline.is_valid and len(outline.geoms) == 2
    assert outline.symmetric_difference(mirror(outline)).area < 1e-3
    left, right = sorted(outline.geoms, key=lambda g: g.centroid.x)
    x0, y0, x1, y1 = right.bounds
    assert abs(y0) < 0.05 and 25.5 <= y1 - y0 <= 26.5, right.bounds  # foot length 26 cm
    assert 8.5 <= x1 - x0 <= 9.5, right.bounds  # width at the ball of the foot
    heel = right.intersection(box(0, 0, 20, 6)).bounds
    assert 6.0 <= heel[2] - heel[0] <= 6.8, heel  # heel width
    gap = left.distance(right)
    assert gap >= 8.0, gap
    # the big toe is medial, the little toe lateral, both on the toe side of the ball
    assert lm["hallux-tip-right"][0] < lm["little-toe-tip-right"][0]
    assert lm["first-metatarsal-head-right"][0] < lm["forefoot-right"][0]
    assert lm["forefoot-right"][0] < lm["fifth-metatarsal-head-right"][0]
    assert lm["heel-left"][0] < 0 < lm["heel-right"][0]  # patient's left at x < 0
    return (
        f"sole: 2 soles {y1 - y0:.1f} x {x1 - x0:.1f} cm (heel {heel[2] - heel[0]:.1f} cm), "
        f"{gap:.1f} cm apart, {len(lm)} landmarks"
    )


def _half_width(table, s):
    st, w = zip(*sorted(table))
    return float(np.interp(s, st, w))


def arm_landmarks():
    """Arm and hand landmarks of the x > 0 half: {stem: (x, y), ...} per view."""
    _, tips = hand_shape()
    hand = {}
    for name, (tip, d) in tips.items():
        hand[f"{name}-tip"] = hand_uv_to_arm(tip - TIP_INSET * d)
    s_epi = ELBOW_S - EPICONDYLE_ABOVE
    lat = _half_width(ARM_LATERAL, s_epi) - EPICONDYLE_INSET
    med = _half_width(ARM_MEDIAL, s_epi) - EPICONDYLE_INSET
    common = {
        "elbow": arm_at(ELBOW_S),
        "lateral-epicondyle": np.array(arm_point(s_epi, lat)),
        "medial-epicondyle": np.array(arm_point(s_epi, -med)),
        "wrist": arm_at(WRIST_S),
        "fingertip": arm_uv_to_xy(hand["middle-tip"])[0],
    }
    common.update({k: arm_uv_to_xy(v)[0] for k, v in hand.items()})
    front = dict(common)
    front["thenar"] = arm_uv_to_xy(hand_uv_to_arm(THENAR))[0]
    front["hypothenar"] = arm_uv_to_xy(hand_uv_to_arm(HYPOTHENAR))[0]
    back = dict(common)
    back["olecranon"] = arm_at(ELBOW_S - 0.5)
    return {"front": front, "back": back}


def _side_points(view, stem, x, y):
    x, y = round(float(x), 2) + 0.0, round(float(y), 2) + 0.0
    if x == 0:
        return {stem: [0.0, y]}
    lx = x if view == "front" else -x
    return {f"{stem}-left": [lx, y], f"{stem}-right": [-lx + 0.0, y]}


def landmarks():
    """The published landmark table: the static table plus the arm landmarks."""
    arm = arm_landmarks()
    out = {}
    for view, table in LANDMARKS.items():
        t = {}
        for stem, x, y in table:
            t.update(_side_points(view, stem, x, y))
        for stem, (x, y) in arm[view].items():
            t.update(_side_points(view, stem, x, y))
        out[view] = t
    out["sole"] = {}
    for stem, x, y in SOLE_LANDMARKS:
        out["sole"].update(_side_points("sole", stem, x, y))
    return out


# Body areas (bodymap.core.choices.BODY_AREAS) by region stem: what `bodymap patterns --area`
# filters by.  The knee counts with the thigh, the scapular upper back with the shoulder.
BODY_AREA_OF = {
    "head-neck": ("face", "head-front", "head-back", "neck-front", "neck-back"),
    "shoulder": ("shoulder-front", "shoulder-back", "upper-back"),
    "arm": (
        "upper-arm-front",
        "upper-arm-back",
        "elbow-front",
        "elbow-back",
        "forearm-front",
        "forearm-back",
        "wrist-front",
        "wrist-back",
    ),
    "hand": ("hand-front", "hand-back"),
    "trunk": ("chest", "abdomen", "lower-abdomen", "middle-back", "lower-back"),
    "hip": ("groin", "pubic", "hip", "hip-back", "buttock", "sacrum"),
    "thigh": ("thigh-front", "thigh-back", "knee-front", "knee-back"),
    "leg-foot": (
        "lower-leg-front",
        "lower-leg-back",
        "ankle-front",
        "ankle-back",
        "foot-front",
        "foot-back",
        "sole",
    ),
}


def body_area(region_id):
    stem = region_id.removesuffix("-left").removesuffix("-right")
    for area, stems in BODY_AREA_OF.items():
        if stem in stems:
            return area
    raise AssertionError(f"region {region_id} has no body area")


def _geometry(g):
    if g.geom_type == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [ring_coords(p) for p in g.geoms]}
    return {"type": "Polygon", "coordinates": ring_coords(g)}


def _region_features(views, group):
    feats = []
    for view in group:
        for rid, side, en, nl, g in views[view]:
            sn = SNOMED.get(rid)
            props = {
                "kind": "region",
                "view": view,
                "side": side,
                "names": {"en": en, "nl": nl},
                "snomed": ({"code": sn[0], "term": sn[1], "match": sn[2]} if sn else None),
                "body_area": body_area(rid),
            }
            feats.append(
                {
                    "type": "Feature",
                    "id": rid,
                    "properties": props,
                    "geometry": {"type": "Polygon", "coordinates": ring_coords(g)},
                }
            )
    return feats


def write_json(outlines, views, path):
    meta = {
        "kind": "chart",
        "version": 1,
        "name": "adult",
        "title": {"en": "Adult body chart", "nl": "Lichaamskaart volwassene"},
        "units": "cm",
        "height_cm": 175,
        "views": ["front", "back", "sole"],
        "frame": (
            "per view: origin on the floor at the body midline, y up, x to the "
            "viewer's right; front view: patient's left at x>0; back view: "
            "patient's left at x<0; sole view: the soles seen from below, toes up, heels "
            "at y=0, patient's left at x<0"
        ),
        "generator": "shapes/make_chart.py",
        "method": (
            "centripetal Catmull-Rom spline through anthropometric landmark control "
            "points for one half of the body, mirrored about the midline, and "
            "partitioned into regions by cutter polygons (outline intersected with "
            "each cutter, minus regions already assigned) on a 0.01 cm grid"
        ),
        "sources": [
            "Drillis R, Contini R. Body segment parameters. Report 1166-03, New York "
            "University, School of Engineering and Science, 1966.",
            "Winter DA. Biomechanics and Motor Control of Human Movement, 4th ed. Wiley, "
            "2009 (segment length fractions of body height).",
            "Scherrer KH, Ziadni MS, Kong JT, et al. Development and validation of the "
            "Collaborative Health Outcomes Information Registry body map. Pain Rep. "
            "2021;6(1):e880 (segment list / partition granularity).",
        ],
        "aliases": ALIASES,
        "landmarks": landmarks(),
    }
    feats = []
    # the front and back outlines, their regions, then the sole view's outline and regions
    # (so that the features of the front and back views keep their places in the file)
    for group in (("front", "back"), ("sole",)):
        for view in group:
            feats.append(
                {
                    "type": "Feature",
                    "id": f"outline-{view}",
                    "properties": {"kind": "outline", "view": view},
                    "geometry": _geometry(outlines[view]),
                }
            )
        feats += _region_features(views, group)
    lines = ['{"type":"FeatureCollection",', '"bodymap":' + fmt(meta) + ",", '"features":[']
    lines += [fmt(f) + ("," if i < len(feats) - 1 else "") for i, f in enumerate(feats)]
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    json.loads(text)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return len(text.encode("utf-8"))


def preview(outlines, views, path, labels=True):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon as MplPolygon

    fig, axes = plt.subplots(1, 3, figsize=(24, 16))
    rng = np.random.default_rng(7)
    for ax, view in zip(axes, ("front", "back", "sole")):
        for rid, side, en, nl, g in views[view]:
            col = rng.uniform(0.75, 0.97, 3)
            ax.add_patch(
                MplPolygon(
                    np.asarray(g.exterior.coords), closed=True, fc=col, ec=(0.45, 0.45, 0.5), lw=0.5
                )
            )
            if labels:
                p = g.representative_point()
                ax.text(
                    p.x,
                    p.y,
                    rid.replace("-left", " L").replace("-right", " R"),
                    fontsize=4.5,
                    ha="center",
                    va="center",
                    color=(0.2, 0.2, 0.3),
                )
        for part in getattr(outlines[view], "geoms", [outlines[view]]):
            ax.plot(*np.asarray(part.exterior.coords).T, color="k", lw=1.4)
        ax.set_title(f"{view} view  (patient's left at x{'>' if view == 'front' else '<'}0)")
        ax.set_aspect("equal")
        ax.set_xlim(*((-50, 50) if view != "sole" else (-20, 20)))
        ax.set_ylim(*((-3, 178) if view != "sole" else (-2, 28)))
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(HERE, "chart-adult.json"))
    ap.add_argument("--preview", metavar="PNG", help="also render a matplotlib preview")
    args = ap.parse_args(argv)
    outlines, views = build()
    checks = validate(outlines, views)
    size = write_json(outlines, views, args.out)
    for c in checks:
        print("ok:", c)
    print(f"wrote {args.out} ({size} bytes)")
    if args.preview:
        preview(outlines, views, args.preview)
        print(f"preview {args.preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
