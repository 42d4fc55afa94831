"""The iliopsoas referral pattern: zones, trigger points, mirroring, sources."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Point

import bodymap
from bodymap.core.geometry import mirror
from bodymap.core.jsonio import dump_json


def test_metadata_and_sources(iliopsoas):
    assert iliopsoas.name == "iliopsoas"
    assert iliopsoas.names["en"] == "Iliopsoas"
    assert any("Travell" in s and "Vol. 2" in s for s in iliopsoas.sources)
    assert iliopsoas.summary["en"] and iliopsoas.summary["nl"]
    assert iliopsoas.sides == ("left", "right")
    assert not iliopsoas.bilateral


def test_zone_kinds_and_views(iliopsoas):
    zones = iliopsoas.zones("left")
    kinds = {(z.base_id, z.view, z.kind) for z in zones}
    assert ("groin", "front", "essential") in kinds
    assert ("lower-back", "back", "essential") in kinds
    assert ("thigh-front-upper", "front", "essential") in kinds
    assert any(k == "spillover" and v == "front" for _, v, k in kinds)
    assert any(k == "spillover" and v == "back" for _, v, k in kinds)
    for z in zones:
        assert z.id == f"{z.base_id}-left"
        assert z.side == "left"
        assert z.names["en"] and z.names["nl"]


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_zone_lies_inside_the_body(chart, iliopsoas, side):
    for z in iliopsoas.zones(side):
        assert z.geometry.is_valid
        assert chart.outline(z.view).contains(z.geometry), z.id
    for tp in iliopsoas.trigger_points(side):
        assert chart.outline(tp.view).contains(tp.geometry), tp.id


def _zone(pattern, side, base_id):
    (zone,) = [z for z in pattern.zones(side) if z.base_id == base_id]
    return zone


@pytest.mark.parametrize(
    ("base_id", "points"),
    [
        # Around and just below the inguinal ligament (ASIS (12, 97) to pubic tubercle (3, 88)).
        ("groin", [(7, 91), (5, 88.5), (10, 93)]),
        # Vertical paravertebral strip 1–7 cm from the midline, T12/L1 (113) to S1 (99).
        ("lower-back", [(-4, 112), (-4, 106), (-2, 104), (-6, 103), (-4, 100)]),
        # Upper anteromedial thigh just below the groin.
        ("thigh-front-upper", [(8, 80), (9, 76)]),
    ],
)
def test_left_zones_contain_the_described_points(iliopsoas, base_id, points):
    zone = _zone(iliopsoas, "left", base_id)
    for x, y in points:
        assert zone.geometry.contains(Point(x, y)), (base_id, x, y)


def test_lower_back_strip_is_beside_the_spine_on_the_same_side(iliopsoas):
    strip = _zone(iliopsoas, "left", "lower-back").geometry
    minx, miny, maxx, maxy = strip.bounds
    assert minx >= -7.5 and maxx <= -0.5  # 1–7 cm from the midline, patient's left (x < 0)
    assert maxy >= 112.5 and miny <= 99.5  # T12/L1 down to the sacroiliac region
    assert not strip.contains(Point(0, 106))  # not on the spine itself


def test_spillover_reaches_towards_mid_thigh(iliopsoas, chart):
    spill = _zone(iliopsoas, "left", "thigh-front-spillover").geometry
    assert spill.bounds[1] < 66  # mid-thigh is about 65 cm
    assert spill.bounds[1] > 55  # but not to the knee (49)
    region = chart.region("thigh-front-left").geometry
    assert spill.intersection(region).area > 0.9 * spill.area


def test_zones_of_one_side_do_not_overlap(iliopsoas):
    zones = iliopsoas.zones("left")
    for i, a in enumerate(zones):
        for b in zones[i + 1 :]:
            if a.view == b.view:
                assert a.geometry.intersection(b.geometry).area < 0.05, (a.id, b.id)


def test_mirroring(iliopsoas):
    left = iliopsoas.zones("left")
    right = iliopsoas.zones("right")
    assert [z.base_id for z in left] == [z.base_id for z in right]
    for a, b in zip(left, right):
        assert b.id == f"{a.base_id}-right"
        assert mirror(a.geometry).symmetric_difference(b.geometry).area < 1e-6
        assert a.area == pytest.approx(b.area)
    # Right groin is on the patient's right: x < 0 in the front view.
    assert _zone(iliopsoas, "right", "groin").geometry.contains(Point(-7, 91))
    assert _zone(iliopsoas, "right", "lower-back").geometry.contains(Point(4, 106))
    tl = {t.base_id: t for t in iliopsoas.trigger_points("left")}
    tr = {t.base_id: t for t in iliopsoas.trigger_points("right")}
    for key in tl:
        assert (tr[key].x, tr[key].y) == (-tl[key].x, tl[key].y)


def test_both_sides(iliopsoas):
    both = iliopsoas.zones("both")
    assert len(both) == 2 * len(iliopsoas.zones("left"))
    assert iliopsoas.area("both") == pytest.approx(2 * iliopsoas.area("left"))


def test_trigger_points(iliopsoas):
    tps = {t.base_id: t for t in iliopsoas.trigger_points("left")}
    assert set(tps) == {"tp-distal", "tp-iliacus", "tp-psoas"}
    assert all(t.view == "front" and t.x > 0 for t in tps.values())
    assert tps["tp-distal"].y < 88 < tps["tp-iliacus"].y < tps["tp-psoas"].y  # below the ligament


def test_filters_and_errors(iliopsoas):
    assert all(z.kind == "essential" for z in iliopsoas.zones("left", kind="essential"))
    assert all(z.view == "back" for z in iliopsoas.zones("left", view="back"))
    with pytest.raises(
        bodymap.UnknownNameError, match="unknown side 'up'; choose from: left, right, both"
    ):
        iliopsoas.zones("up")
    with pytest.raises(
        bodymap.UnknownNameError, match=r"^unknown pattern 'psoas'; did you mean 'iliopsoas'\?"
    ):
        bodymap.load_pattern("psoas")


def test_geometries_yield_shapely(iliopsoas):
    geoms = list(iliopsoas.geometries("left"))
    assert all(isinstance(g, shapely.geometry.base.BaseGeometry) for g in geoms)
    assert len(geoms) == len(iliopsoas.zones("left"))


def _pattern_doc(**meta: object) -> dict[str, object]:
    zone = {
        "type": "Feature",
        "id": "spot",
        "properties": {"kind": "essential", "view": "front", "names": {"en": "Spot"}},
        "geometry": {"type": "Polygon", "coordinates": [[[1, 90], [4, 90], [4, 95], [1, 90]]]},
    }
    marker = {
        "type": "Feature",
        "id": "key-point",
        "properties": {"kind": "marker", "view": "front", "names": {"en": "Key point"}},
        "geometry": {"type": "Point", "coordinates": [3, 92]},
    }
    head = {"kind": "organ", "version": 1, "name": "test-organ", "sources": ["A source."]}
    head.update(meta)
    return {"type": "FeatureCollection", "bodymap": head, "features": [zone, marker]}


def test_kind_red_flag_and_marker_load(tmp_path):
    path = tmp_path / "organ.json"
    doc = _pattern_doc(
        red_flag=True,
        red_flag_note={"en": "rule it out.", "nl": "sluit het uit."},
        laterality="bilateral",
    )
    path.write_text(dump_json(doc))
    pattern = bodymap.load_pattern(path)
    assert (pattern.kind, pattern.red_flag, pattern.sides) == ("organ", True, ("both",))
    assert (pattern.red_flag_text("nl"), pattern.red_flag_text("en")) == (
        "sluit het uit.",
        "rule it out.",
    )
    assert [p.base_id for p in pattern.trigger_points("both")] == ["key-point"]
    record = pattern.to_dict()
    assert (record["kind"], record["red_flag"], record["trigger_points"]) == (
        "organ",
        True,
        ["key-point"],
    )
    assert bodymap.load_pattern("iliopsoas").red_flag is False


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"kind": "gland"}, "is a 'gland' file, not a 'pattern' file"),
        ({"red_flag": "yes"}, "'red_flag' must be true or false, not 'yes'"),
        ({"red_flag": True}, "a red-flag pattern needs a 'red_flag_note' in English"),
    ],
)
def test_bad_kind_or_red_flag_is_a_data_error(tmp_path, meta, message):
    path = tmp_path / "bad.json"
    path.write_text(dump_json(_pattern_doc(**meta)))
    with pytest.raises(bodymap.DataError, match=message.replace("(", r"\(")):
        bodymap.load_pattern(path)


def test_rank_kinds_filter():
    ranked = bodymap.rank(_iliopsoas_drawing(), kinds=["muscle"])
    assert ranked.best is not None and ranked.best.pattern == "iliopsoas"
    assert {bodymap.load_pattern(c.pattern).kind for c in ranked} == {"muscle"}
    with pytest.raises(bodymap.UnknownNameError, match="gland"):
        bodymap.rank(_iliopsoas_drawing(), kinds=["gland"])


def _iliopsoas_drawing() -> dict[str, object]:
    from shapely.geometry import mapping

    zones = bodymap.load_pattern("iliopsoas").zones("left", kind="essential")
    return {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "chart": "adult"},
        "features": [
            {"type": "Feature", "properties": {"view": z.view}, "geometry": mapping(z.geometry)}
            for z in zones
        ],
    }
