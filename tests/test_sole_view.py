"""The chart's sole view: the plantar surfaces of both feet, beside the front and back views.

Marks on the soles read, measure, rank and draw like marks on the other views; drawings made
on the front and back views alone score exactly as they do on a chart without the soles.
"""

from __future__ import annotations

import json
import math

import pytest
import shapely
from atlas_helpers import landmark
from shapely.geometry import Point

import bodymap
from bodymap.model.chart import chart_from_dict
from bodymap.model.pattern import select_patterns
from bodymap.scene.atlas import atlas_scene

EXAMPLES = "examples/drawings"


def _spot(view: str, name: str, r: float = 1.2) -> bodymap.Drawing:
    x, y = landmark(view, name)
    return bodymap.Drawing((bodymap.Mark(view, Point(x, y).buffer(r)),))


def _front_back_chart() -> bodymap.Chart:
    """The adult chart as it was before the soles: the same file without the sole view."""
    doc = json.loads(bodymap.load_chart().path.read_text(encoding="utf-8"))
    doc["bodymap"]["views"] = ["front", "back"]
    doc["bodymap"]["landmarks"].pop("sole")
    doc["features"] = [f for f in doc["features"] if f["properties"]["view"] != "sole"]
    return chart_from_dict(doc)


def test_the_sole_view_holds_both_soles_left_at_negative_x(chart):
    assert chart.views[:2] == ("front", "back") and chart.views[2] == "sole"
    outline = chart.outline("sole")
    assert outline.geom_type == "MultiPolygon" and len(outline.geoms) == 2
    left, right = chart.region("sole-left"), chart.region("sole-right")
    assert left.view == right.view == "sole" and left.body_area == "leg-foot"
    assert left.geometry.centroid.x < 0 < right.geometry.centroid.x  # as in the back view
    assert left.name("nl") == "Linkervoetzool" and right.name("en") == "Right sole"
    # an adult foot: 26 cm long, 9 cm across the ball, the big toe towards the midline
    x0, y0, x1, y1 = right.geometry.bounds
    assert y1 - y0 == pytest.approx(26.0, abs=0.5) and x1 - x0 == pytest.approx(9.0, abs=0.5)
    sole = chart.landmarks["sole"]
    assert abs(sole["hallux-tip-left"][0]) < abs(sole["little-toe-tip-left"][0])
    for name, (x, y) in sole.items():
        side = "left" if name.endswith("-left") else "right"
        assert chart.region(f"sole-{side}").geometry.buffer(-0.3).contains(Point(x, y)), name
    # the chart's body area (the base of extent percentages) is the front and back views'
    assert chart.area() == pytest.approx(chart.area("front") + chart.area("back"))


def test_a_mark_on_the_plantar_forefoot_ranks_s1_above_l5():
    ranking = bodymap.rank(_spot("sole", "forefoot-left"), kinds=["dermatome"])
    names = [(c.pattern, c.side) for c in ranking.results]
    assert names[0] == ("dermatome-s1", "left")
    assert names.index(("dermatome-s1", "left")) < names.index(("dermatome-l5", "left"))


def test_the_medial_arch_of_the_sole_is_in_the_gastrocnemius_zone():
    gastrocnemius = bodymap.load_pattern("gastrocnemius")
    arch = Point(*landmark("sole", "medial-arch-left"))
    essential = shapely.union_all(
        [z.geometry for z in gastrocnemius.zones("left", view="sole", kind="essential")]
    )
    assert essential.contains(arch)
    muscles = bodymap.rank(_spot("sole", "medial-arch-left", 1.0), kinds=["muscle"], top=3)
    assert "gastrocnemius" in [c.pattern for c in muscles.results]


def test_a_drawing_with_a_sole_mark_reads_and_measures(tmp_path):
    x, y = landmark("sole", "heel-left")
    doc = {
        "type": "FeatureCollection",
        "bodymap": {"kind": "drawing", "version": 1, "chart": "adult"},
        "features": [
            {
                "type": "Feature",
                "properties": {"view": "sole", "intensity": 6},
                "geometry": {"type": "Polygon", "coordinates": [[
                    [x - 1.5, y - 1.5], [x + 1.5, y - 1.5], [x + 1.5, y + 1.5], [x - 1.5, y + 1.5],
                    [x - 1.5, y - 1.5],
                ]]},
            }
        ],
    }  # fmt: skip
    path = tmp_path / "heel.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    drawing = bodymap.load_drawing(path)
    assert drawing.views() == ("sole",)
    assert drawing.area() == pytest.approx(9.0)
    result = bodymap.compare(path, "soleus")
    assert result.extent.cm2 == pytest.approx(9.0) and result.recall > 0
    assert {c.code for c in bodymap.codes(path, "bodymap")} == {"sole-left"}
    assert bodymap.codes(path, "wpi") == ()  # the WPI has no feet


@pytest.mark.parametrize("name", ["iliopsoas-left.json", "neck-shoulder-left.json"])
def test_front_and_back_drawings_score_as_on_the_chart_without_soles(name):
    old = _front_back_chart()
    drawing = f"{EXAMPLES}/{name}"
    for pattern in ("iliopsoas", "upper-trapezius", "dermatome-l2", "gastrocnemius"):
        now = bodymap.compare(drawing, pattern).to_dict()
        loaded = bodymap.load_pattern(pattern)
        if "sole" in loaded.views():
            continue  # its zones moved onto the soles
        before = bodymap.compare(bodymap.load_drawing(drawing, old), pattern, chart=old).to_dict()
        now.pop("views"), before.pop("views")
        assert now == before, pattern


def test_figures_stand_the_soles_beside_the_feet_without_clipping(chart):
    scene = bodymap.render("flexor-digitorum-longus").scene
    frames = {f.view: f for f in scene.frames}
    assert set(frames) == {"front", "back", "sole"}
    back, sole = frames["back"].box, frames["sole"].box
    assert frames["sole"].oy == frames["back"].oy  # on the floor line of the feet
    assert sole[0] > back[2] and sole[2] < scene.width and sole[1] > 0
    for item in scene.walk():
        x0, y0, x1, y1 = item.geometry.bounds if hasattr(item, "geometry") else (0, 0, 0, 0)
        assert x0 >= 0 and y0 >= 0 and x1 <= scene.width and y1 <= scene.height, item.id
    # a pattern with nothing on the soles keeps the two views
    assert [f.view for f in bodymap.render("iliopsoas").scene.frames] == ["front", "back"]
    # the atlas of dermatomes shows S1 on the soles
    dermatomes = [p for p in select_patterns(kinds=["dermatome"])]
    atlas = atlas_scene(dermatomes, chart, "dermatome", chart.views, "en", None)
    assert "sole" in {f.view for f in atlas.frames}
    letters = [i for i in atlas.walk() if i.id.startswith("side-letter-sole-")]
    assert len(letters) == 2 and all(not math.isnan(i.x) for i in letters)
