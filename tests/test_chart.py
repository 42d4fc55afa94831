"""The adult body chart: coordinates, outline, partition into regions, metadata."""

from __future__ import annotations

import re

import pytest
import shapely
from shapely.geometry import Point

import bodymap
from bodymap.core.geometry import mirror


def test_views_and_metadata(chart):
    assert chart.views == ("front", "back")
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
    # The lowest point of the body at |x| > 25 (the hands) is the fingertips, about 66 cm.
    hands = outline.intersection(shapely.box(25, 0, 60, 100))
    assert 62 <= hands.bounds[1] <= 70


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
        ("front", 0, 105, "abdomen"),
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
        "abdomen",
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
    verified = {
        "26893007",
        "85119005",
        "37117007",
        "37822005",
        "1017210004",
        "1017211000",
        "46862004",
        "68367000",
        "61396006",
        "11207009",
        "29836001",
        "27033000",
    }
    for r in chart.regions:
        if r.snomed is not None:
            assert r.snomed.code in verified, r.id


def test_unknown_names_list_the_valid_ones(chart):
    with pytest.raises(
        bodymap.UnknownNameError, match="unknown view 'side'; choose from: front, back"
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
