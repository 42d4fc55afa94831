"""The adult body chart: coordinates, outline, partition into regions, metadata."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest
import shapely
from shapely.geometry import Point

import bodymap
from bodymap.core import terminology
from bodymap.core.geometry import mirror


def test_views_and_metadata(chart):
    # front and back, then the small view of the soles
    assert chart.views == ("front", "back", "sole")
    assert chart.units == "cm"
    assert chart.height_cm == 175
    assert chart.meta["sources"]
    assert chart.meta["generator"] == "shapes/make_chart.py"


@pytest.mark.parametrize("view", ["front", "back"])
def test_outline_bounds_match_reference_adult(chart, view):
    outline = chart.outline(view)
    assert outline.is_valid and outline.geom_type == "Polygon"
    minx, miny, maxx, maxy = outline.bounds
    assert 172 <= maxy <= 177  # vertex at about 175 cm
    assert -0.2 <= miny <= 1.5  # feet on the floor
    assert -50 < minx < -30 and 30 < maxx < 50  # arms slightly away from the trunk
    assert len(outline.exterior.coords) >= 800  # smooth, not boxy


@pytest.mark.parametrize("view", ["front", "back"])
def test_outline_is_symmetric(chart, view):
    outline = chart.outline(view)
    assert outline.symmetric_difference(mirror(outline)).area < 0.005 * outline.area


@pytest.mark.parametrize(
    ("view", "x", "y", "inside"),
    [
        ("front", 0, 165, True),  # head
        ("front", 0, 151.5, True),  # chin/neck
        ("front", 0, 126, True),  # chest between the nipples
        ("front", 0, 105, True),  # navel
        ("front", 0, 88, True),  # pubic symphysis
        ("front", 0, 60, False),  # between the legs
        ("front", 0, 179, False),  # above the head
        ("front", 23, 115, False),  # gap between arm and trunk
        ("front", 30, 120, False),
        ("front", -23, 115, False),
        ("front", 17, 91, True),  # greater trochanter
        ("front", 9, 49, True),  # knee
        ("front", 9, 7, True),  # ankle
        ("back", 0, 150, True),  # C7
        ("back", 0, 113, True),  # T12/L1
        ("back", 0, 99, True),  # S1
        ("back", -10, 88, True),  # buttock
        ("back", 0, 60, False),
    ],
)
def test_landmarks_inside_or_outside(chart, view, x, y, inside):
    assert chart.outline(view).contains(Point(x, y)) is inside


def test_hands_reach_the_fingertip_height(chart):
    outline = chart.outline("front")
    # The lowest point of the body at |x| > 25 (the hands) is the tip of the middle finger:
    # 66 cm with the arm hanging, about 69 cm with the arm abducted by 17.7 degrees.
    hands = outline.intersection(shapely.box(25, 0, 60, 100))
    assert 68 <= hands.bounds[1] <= 70
    assert hands.bounds[1] == pytest.approx(chart.landmarks["front"]["middle-tip-left"][1], abs=0.6)


@pytest.mark.parametrize("view", ["front", "back"])
def test_outline_is_one_simple_ring(chart, view):
    outline = chart.outline(view)
    assert outline.geom_type == "Polygon" and not outline.interiors
    assert outline.exterior.is_simple and outline.is_valid
    # no spikes: no two consecutive edges fold back on each other
    xy = np.asarray(outline.exterior.coords)[:-1]
    a, b = xy - np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0) - xy
    cos = (a * b).sum(axis=1) / np.hypot(*a.T) / np.hypot(*b.T)
    assert cos.min() > -0.5  # no turn sharper than 120 degrees (the crotch is the sharpest)
    hands = np.abs(xy[:, 0]) > 30
    assert cos[hands].min() > 0.0  # round finger tips and webs: every turn under 90 degrees


@pytest.mark.parametrize("view", ["front", "back"])
def test_regions_partition_the_outline(chart, view):
    regions = chart.regions_in(view)
    outline = chart.outline(view)
    total = sum(r.geometry.area for r in regions)
    assert total == pytest.approx(outline.area, rel=0.01)
    union = shapely.union_all([r.geometry for r in regions])
    assert union.symmetric_difference(outline).area < 0.01 * outline.area
    # No overlaps: pairwise intersections have (almost) no area.
    geoms = [r.geometry for r in regions]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right) if i < j]
    overlap = sum(geoms[i].intersection(geoms[j]).area for i, j in pairs)
    assert overlap < 0.001 * outline.area
    assert all(r.geometry.is_valid for r in regions)


def test_at_least_as_fine_as_choir(chart):
    assert len(chart.regions) >= 74
    assert len(chart.regions_in("front")) >= 37


def test_region_counts(chart):
    # 75 before the abdomen was split into a left and a right half
    assert len(chart.regions_in("front")) == 39
    assert len(chart.regions_in("back")) == 37
    assert [r.id for r in chart.regions_in("sole")] == ["sole-left", "sole-right"]
    assert len(chart.regions) == 78


def test_region_ids_are_unique_kebab_case_side_last(chart):
    ids = [r.id for r in chart.regions]
    assert len(ids) == len(set(ids))
    for r in chart.regions:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.id), r.id
        if r.side == "midline":
            assert not r.id.endswith(("-left", "-right")), r.id
        else:
            assert r.id.endswith(f"-{r.side}"), r.id


def test_paired_regions_are_mirror_images(chart):
    for r in chart.regions:
        if r.side != "left":
            continue
        twin = chart.region(r.id[: -len("left")] + "right")
        assert twin.view == r.view
        assert mirror(r.geometry).symmetric_difference(twin.geometry).area < 0.01 * r.area + 0.05


@pytest.mark.parametrize(
    ("view", "x", "y", "region_id"),
    [
        ("front", 7, 91, "groin-left"),
        ("front", -7, 91, "groin-right"),
        ("front", 3, 105, "abdomen-left"),
        ("front", -3, 105, "abdomen-right"),
        ("front", 0, 86, "pubic"),
        ("front", 9, 75, "thigh-front-left"),
        ("front", -9, 75, "thigh-front-right"),
        ("front", 0, 165, None),  # head: either side of the midline is fine, checked below
        ("back", -4, 106, "lower-back-left"),
        ("back", -4, 112, "lower-back-left"),
        ("back", -6, 102, "lower-back-left"),
        ("back", 4, 106, "lower-back-right"),
        ("back", 0, 92, "sacrum"),
        ("back", -10, 88, "buttock-left"),
        ("back", 10, 88, "buttock-right"),
        ("back", 9, 70, "thigh-back-right"),
        ("back", -9, 70, "thigh-back-left"),
    ],
)
def test_region_at_known_points(chart, view, x, y, region_id):
    found = chart.region_at(view, x, y)
    assert found is not None
    if region_id is not None:
        assert found.id == region_id


def test_sides_follow_the_view_frames(chart):
    """Front view: patient's left at x > 0; back view: patient's left at x < 0."""
    for r in chart.regions:
        cx = r.geometry.centroid.x
        if r.side == "left":
            assert (cx > 0) if r.view == "front" else (cx < 0), r.id
        elif r.side == "right":
            assert (cx < 0) if r.view == "front" else (cx > 0), r.id


def test_required_regions_and_names(chart):
    required = {
        "groin-left",
        "groin-right",
        "thigh-front-left",
        "thigh-front-right",
        "lower-back-left",
        "lower-back-right",
        "buttock-left",
        "buttock-right",
        "abdomen-left",
        "abdomen-right",
        "pubic",
        "sacrum",
        "hip-left",
        "hip-right",
    }
    ids = {r.id for r in chart.regions}
    assert required <= ids
    for r in chart.regions:
        assert r.names["en"] and r.names["nl"], r.id
    assert chart.region("groin-left").name("nl")
    assert chart.region("groin-left").view == "front"
    assert chart.region("buttock-left").view == "back"


def test_snomed_codes_are_the_verified_ones(chart):
    assert chart.region("groin-left").snomed.code == "85119005"
    assert chart.region("groin-right").snomed.code == "37117007"
    assert chart.region("lower-back-left").snomed.code == "1017210004"
    assert chart.region("lower-back-right").snomed.code == "1017211000"
    assert chart.region("thigh-front-left").snomed.code == "61396006"
    assert chart.region("thigh-front-left").snomed.match == "broader"
    assert chart.region("knee-back-left").snomed.code == "82169009"  # Left knee region
    assert chart.region("knee-back-left").snomed.match == "broader"
    assert chart.region("chest-right").snomed.code == "1290342004"  # right anterior chest wall
    assert chart.region("chest-right").snomed.match == "exact"
    assert chart.region("sacrum").snomed.code == "1144746008"
    assert chart.region("pubic").snomed is None  # no code found in a published list
    # every code is one checked in a published code list: the terminology table's
    for r in chart.regions:
        if r.snomed is not None:
            assert r.snomed.code in terminology.BODY_SITES, r.id
    assert sum(r.snomed is not None for r in chart.regions) == 77
    # each sole: the whole foot of its side, a broader structure
    assert chart.region("sole-left").snomed.code == "239919000"  # Entire left foot
    assert chart.region("sole-right").snomed.match == "broader"


def test_unknown_names_list_the_valid_ones(chart):
    with pytest.raises(
        bodymap.UnknownNameError, match="unknown view 'side'; choose from: front, back, sole"
    ):
        chart.outline("side")
    with pytest.raises(bodymap.UnknownNameError, match="unknown chart 'child'; choose from: adult"):
        bodymap.load_chart("child")


def test_chart_from_a_path_and_cache(chart, tmp_path):
    assert chart.path is not None
    assert bodymap.load_chart() is chart
    copy = tmp_path / "my-chart.json"
    copy.write_bytes(chart.path.read_bytes())
    other = bodymap.load_chart(copy)
    assert other is not chart and len(other.regions) == len(chart.regions)


def test_bad_chart_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(bodymap.DataError, match=r"bad\.json: not valid JSON"):
        bodymap.load_chart(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(
        '{"type": "FeatureCollection", "bodymap": {"kind": "pattern", "version": 1}, '
        '"features": []}'
    )
    with pytest.raises(bodymap.DataError, match="is a 'pattern' file, not a 'chart' file"):
        bodymap.load_chart(wrong)
    with pytest.raises(bodymap.DataError, match="no such chart file"):
        bodymap.load_chart(tmp_path / "missing.json")


# --- abdomen -------------------------------------------------------------------------------------

# The single midline region ``abdomen`` of chart version 1 (75 regions): its area and bounds.
OLD_ABDOMEN_AREA = 496.21
OLD_ABDOMEN_BOUNDS = (-14.99, 100.0, 14.99, 118.0)


def test_abdomen_is_split_at_the_midline(chart):
    ids = {r.id for r in chart.regions}
    assert "abdomen" not in ids
    left, right = chart.region("abdomen-left"), chart.region("abdomen-right")
    assert (left.view, left.side, right.view, right.side) == ("front", "left", "front", "right")
    assert left.names == {"en": "Left abdomen", "nl": "Linkerbuikhelft"}
    assert right.names == {"en": "Right abdomen", "nl": "Rechterbuikhelft"}
    # Entire abdomen, without a side: both halves the same broader concept
    assert left.snomed == right.snomed
    assert (left.snomed.code, left.snomed.match) == ("302553009", "broader")
    # mirror images, on either side of x = 0
    assert mirror(left.geometry).symmetric_difference(right.geometry).area < 0.01
    assert left.geometry.bounds[0] == pytest.approx(0, abs=1e-9)
    assert right.geometry.bounds[2] == pytest.approx(0, abs=1e-9)
    # the halves share the midline from y 100 to 118 ...
    border = left.geometry.intersection(right.geometry)
    assert border.length == pytest.approx(18.0, abs=0.01)
    assert border.bounds == pytest.approx((0, 100, 0, 118), abs=1e-6)
    # ... and together cover exactly where the old abdomen was
    union = shapely.union_all([left.geometry, right.geometry], grid_size=0.01)
    assert union.geom_type == "Polygon"
    assert union.area == pytest.approx(OLD_ABDOMEN_AREA, abs=0.05)
    assert left.area == pytest.approx(OLD_ABDOMEN_AREA / 2, abs=0.05)
    assert union.bounds == pytest.approx(OLD_ABDOMEN_BOUNDS, abs=0.01)
    chest = shapely.union_all([chart.region(f"chest-{s}").geometry for s in ("left", "right")])
    assert union.intersection(chest).length == pytest.approx(2 * 14.99, abs=0.05)  # y 118
    assert chart.region_at("front", 0.5, 110).id == "abdomen-left"
    assert chart.region_at("front", -0.5, 110).id == "abdomen-right"


# --- landmarks -----------------------------------------------------------------------------------

FINGERS = ("thumb", "index", "middle", "ring", "little")
REQUIRED_LANDMARKS = {
    "front": [f"{f}-tip" for f in FINGERS]
    + ["lateral-epicondyle", "medial-epicondyle", "lateral-malleolus", "medial-malleolus"]
    + ["hallux-tip", "temple", "angle-of-jaw", "acromion", "elbow", "wrist", "fingertip"],
    "back": [f"{f}-tip" for f in FINGERS]
    + ["lateral-epicondyle", "medial-epicondyle", "lateral-malleolus", "medial-malleolus"]
    + ["heel", "mastoid", "inferior-angle-of-scapula", "elbow", "wrist", "fingertip"],
}


def lm(chart, view, name):
    return np.array(chart.landmarks[view][name])


@pytest.mark.parametrize("view", ["front", "back"])
def test_landmarks_lie_inside_the_outline(chart, view):
    outline = chart.outline(view)
    table = chart.landmarks[view]
    assert len(table) >= 60
    for name, (x, y) in table.items():
        assert outline.contains(Point(x, y)), name
        depth = outline.exterior.distance(Point(x, y))
        assert depth >= (0.2 if name.startswith("greater-trochanter") else 0.3), (name, depth)


@pytest.mark.parametrize("view", ["front", "back"])
def test_required_landmarks_on_both_sides(chart, view):
    for stem in REQUIRED_LANDMARKS[view]:
        for side in ("left", "right"):
            assert f"{stem}-{side}" in chart.landmarks[view], (view, stem, side)
    assert "suprasternal-notch" in chart.landmarks["front"]


@pytest.mark.parametrize("view", ["front", "back"])
def test_landmarks_are_mirror_images_and_follow_the_frame(chart, view):
    table = chart.landmarks[view]
    for name, (x, y) in table.items():
        if name.endswith("-left"):
            rx, ry = table[name[: -len("left")] + "right"]
            assert (rx, ry) == (-x, y), name
            assert (x > 0) == (view == "front"), name  # front: patient's left at x > 0
        elif name.endswith("-right"):
            assert name[: -len("right")] + "left" in table, name
        else:
            assert x == 0, name  # midline landmark


@pytest.mark.parametrize(("view", "lateral"), [("front", 1), ("back", -1)])
def test_finger_tips(chart, view, lateral):
    """Palms forward: the thumb is lateral in both views, the middle finger the longest."""
    tips = [lm(chart, view, f"{f}-tip-left") for f in FINGERS]
    out = [lateral * x for x, _ in tips]  # distance to the lateral side
    assert out == sorted(out, reverse=True)  # thumb, index, middle, ring, little
    ys = [y for _, y in tips]
    assert ys[2] == min(ys)
    assert ys[0] > max(ys[1:]) + 3  # the thumb is shorter and starts near the wrist
    assert lm(chart, view, "fingertip-left").tolist() == tips[2].tolist()
    hand = chart.region(f"hand-{view}-left")
    for f, tip in zip(FINGERS, tips):
        assert hand.geometry.contains(Point(tip)), f
        assert chart.region_at(view, *tip).id == f"hand-{view}-left"
    for f in FINGERS:
        tip = lm(chart, view, f"{f}-tip-right")
        assert chart.region(f"hand-{view}-right").geometry.contains(Point(tip)), f


@pytest.mark.parametrize("view", ["front", "back"])
def test_fingers_are_separated(chart, view):
    """Between neighbouring finger tips the outline has a visible gap."""
    outline = chart.outline(view)
    tips = [lm(chart, view, f"{f}-tip-left") for f in FINGERS]
    for a, b in itertools.pairwise(tips[1:]):
        gap = shapely.LineString([a, b]).difference(outline).length
        assert gap >= 0.4, (a, b, gap)
    # 1.5 cm above the little finger's tip a horizontal cut crosses four separate fingers,
    # each 1.4 to 2.3 cm across (the fingers are slightly oblique)
    y = tips[4][1] + 1.5
    x0, x1 = sorted([tips[0][0], tips[4][0] - 3 * np.sign(tips[0][0])])
    cut = shapely.LineString([(x0, y), (x1, y)]).intersection(outline)
    widths = sorted(g.length for g in shapely.get_parts(cut))
    assert len(widths) == 4, widths
    assert widths[0] >= 1.4 and widths[-1] <= 2.3, widths


def test_arm_length_and_neck(chart):
    front = chart.landmarks["front"]
    for side in ("left", "right"):
        reach = math.dist(front[f"acromion-{side}"], front[f"middle-tip-{side}"])
        assert reach == pytest.approx(77.0, abs=1.5)
        assert front[f"acromion-{side}"][1] == pytest.approx(
            front["suprasternal-notch"][1], abs=0.5
        )
    assert front["acromion-left"] == pytest.approx((20.0, 143.0), abs=0.3)
    assert chart.landmarks["back"]["acromion-left"] == pytest.approx((-20.0, 143.0), abs=0.3)
    # upper arm and forearm keep their anthropometric lengths (0.186 H, 0.147 H)
    assert math.dist(front["acromion-left"], front["elbow-left"]) == pytest.approx(32.5, abs=1.0)
    assert math.dist(front["elbow-left"], front["wrist-left"]) == pytest.approx(25.7, abs=1.0)
    # the notch lies on the top edge of the chest: neck above it, chest below
    x, y = front["suprasternal-notch"]
    assert chart.region_at("front", x + 0.1, y + 0.6).id.startswith("neck-front")
    assert chart.region_at("front", x + 0.1, y - 0.2).id.startswith("chest")


@pytest.mark.parametrize(("view", "lateral"), [("front", 1), ("back", -1)])
def test_epicondyles_and_malleoli(chart, view, lateral):
    for side, sign in (("left", 1), ("right", -1)):
        out = lateral * sign  # +1: larger x is lateral for this side in this view

        def lat(name, side=side, out=out):
            return out * lm(chart, view, f"{name}-{side}")[0]

        assert lat("lateral-epicondyle") > lat("elbow") > lat("medial-epicondyle")
        assert lat("lateral-epicondyle") - lat("medial-epicondyle") > 4.5
        for name in ("lateral-epicondyle", "medial-epicondyle"):
            region = chart.region_at(view, *lm(chart, view, f"{name}-{side}"))
            assert region.id == f"elbow-{view}-{side}", name
        assert lat("lateral-malleolus") > lat("ankle") > lat("medial-malleolus")
        lat_y = lm(chart, view, f"lateral-malleolus-{side}")[1]
        assert lat_y < lm(chart, view, f"medial-malleolus-{side}")[1]  # the lateral is lower
        for name in ("lateral-malleolus", "medial-malleolus"):
            region = chart.region_at(view, *lm(chart, view, f"{name}-{side}"))
            assert region.id == f"ankle-{view}-{side}", name


@pytest.mark.parametrize(
    ("view", "name", "region_id"),
    [
        ("front", "temple-left", "head-front-left"),
        ("front", "angle-of-jaw-left", "face-left"),
        ("front", "hallux-tip-left", "foot-front-left"),
        ("front", "thenar-left", "hand-front-left"),
        ("front", "hypothenar-left", "hand-front-left"),
        ("front", "patella-left", "knee-front-left"),
        ("front", "xiphoid", "chest-left"),
        ("back", "mastoid-left", "head-back-left"),
        ("back", "heel-left", "foot-back-left"),
        ("back", "inferior-angle-of-scapula-left", "upper-back-left"),
        ("back", "olecranon-right", "elbow-back-right"),
        ("back", "popliteal-fossa-right", "knee-back-right"),
        ("back", "achilles-left", "ankle-back-left"),
    ],
)
def test_landmark_regions(chart, view, name, region_id):
    assert chart.region_at(view, *chart.landmarks[view][name]).id == region_id


def test_lumbar_spine_has_adult_segment_lengths(chart):
    back = chart.landmarks["back"]
    t12_l1, l4, s1, c7 = (back[n][1] for n in ("t12-l1", "l4", "s1", "c7"))
    # T12/L1 to S1 spans the five lumbar segments: about 3.5 cm each in adults
    assert 3.3 <= (t12_l1 - s1) / 5 <= 3.8
    # levels (vertebral centres) 3.1-3.6 cm apart all the way down; L4 above the iliac crests
    assert 3.1 <= (t12_l1 - l4) / 3.5 <= 3.6 and 3.1 <= (l4 - s1) / 2 <= 3.6
    assert l4 > back["iliac-crest-left"][1] > s1
    # the thoracic levels are shorter than the lumbar ones (about 2.6 cm)
    assert 2.4 <= (c7 - t12_l1) / 12.5 <= 2.8


def test_cervical_levels_are_evenly_spaced_below_the_mastoid(chart):
    back = chart.landmarks["back"]
    ys = [back[f"c{n}"][1] for n in range(2, 8)]
    steps = [a - b for a, b in itertools.pairwise(ys)]
    assert all(1.5 <= step <= 1.8 for step in steps) and max(steps) - min(steps) < 0.05
    mastoid = back["mastoid-left"][1]
    assert mastoid == back["mastoid-right"][1] and 0.8 <= mastoid - ys[0] <= 2.0
    assert mastoid - back["c7"][1] >= 9.0
    assert all(back[f"c{n}"][0] == 0.0 for n in range(2, 8))
