"""SVG output: structure, ids and titles, determinism, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import bodymap

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svg_root():
    return ET.fromstring(bodymap.render("iliopsoas", side="left").to_svg())


def _by_id(root):
    return {el.get("id"): el for el in root.iter() if el.get("id")}


def test_root_has_viewbox_title_desc_and_generic_font(svg_root):
    assert svg_root.tag == f"{SVG}svg"
    x0, y0, w, h = map(float, svg_root.get("viewBox").split())
    assert (x0, y0) == (0, 0) and w > 150 and h > 150
    assert svg_root.get("width") == f"{w:g}mm"
    assert svg_root.find("svg:title", NS).text.startswith("Iliopsoas")
    assert "Iliopsoas" in svg_root.find("svg:desc", NS).text
    assert svg_root.get("font-family") == "DejaVu Sans, sans-serif"


def test_every_region_has_an_id_and_a_title(svg_root, chart):
    ids = _by_id(svg_root)
    regions = [el for el in svg_root.iter(f"{SVG}path") if el.get("class") == "region"]
    # the iliopsoas has nothing on the soles: the figure shows the front and back views
    shown = [r for r in chart.regions if r.view in ("front", "back")]
    assert len(regions) == len(shown)
    assert "region-sole-left" not in ids
    for region in shown:
        el = ids[f"region-{region.id}"]
        assert el.find("svg:title", NS).text == region.name("en")
        assert el.get("d").startswith("M")


def test_zones_trigger_points_labels_and_letters(svg_root, iliopsoas):
    ids = _by_id(svg_root)
    for zone in iliopsoas.zones("left"):
        el = ids[f"zone-iliopsoas-{zone.id}"]
        title = el.find("svg:title", NS).text
        assert title.startswith(zone.name("en"))
        assert ids[f"label-{zone.id}"].get("class") == "label"
        assert ids[f"leader-{zone.id}"].get("class") == "leader"
    for tp in iliopsoas.trigger_points("left"):
        assert ids[f"tp-iliopsoas-{tp.id}"].find("svg:title", NS).text == tp.name("en")
    # R/L letters beside each view: patient's right on the viewer's left in the front view.
    front_r = float(ids["side-letter-front-right"].get("x"))
    front_l = float(ids["side-letter-front-left"].get("x"))
    back_l = float(ids["side-letter-back-left"].get("x"))
    back_r = float(ids["side-letter-back-right"].get("x"))
    assert front_r < front_l and back_l < back_r
    assert ids["side-letter-front-right"].text == "R"
    for key in ("legend", "view-front", "view-back", "title", "caption-front", "caption-back"):
        assert key in ids
    # Spillover zones are stippled with a pattern defined in <defs>.
    spill = next(z for z in iliopsoas.zones("left") if z.kind == "spillover")
    hatch = ids[f"zone-iliopsoas-{spill.id}-hatch"]
    assert hatch.get("fill").startswith("url(#hatch-dots-")
    assert svg_root.find("svg:defs/svg:pattern", NS) is not None


def test_ids_are_unique(svg_root):
    ids = [el.get("id") for el in svg_root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_output_is_deterministic():
    a = bodymap.render("iliopsoas", side="right", lang="nl").to_svg()
    b = bodymap.render("iliopsoas", side="right", lang="nl").to_svg()
    assert a == b


def test_dutch_labels():
    root = ET.fromstring(bodymap.render("iliopsoas", lang="nl").to_svg())
    ids = _by_id(root)
    assert ids["caption-front"].text == "Voorzijde"
    assert ids["caption-back"].text == "Achterzijde"
    assert "Lies" in "".join(ids["label-groin-left"].itertext())
    assert "uitstralingspatroon" in root.find("svg:title", NS).text


def test_views_and_sides():
    root = ET.fromstring(bodymap.render("iliopsoas", side="both", view="back").to_svg())
    ids = _by_id(root)
    assert "view-back" in ids and "view-front" not in ids
    assert "zone-iliopsoas-lower-back-left" in ids and "zone-iliopsoas-lower-back-right" in ids
    root = ET.fromstring(bodymap.render("iliopsoas", labels=False).to_svg())
    assert not [el for el in root.iter() if el.get("class") == "label"]


def test_region_names_option(chart):
    root = ET.fromstring(bodymap.render("iliopsoas", regions=True).to_svg())
    labels = [
        el for el in root.iter(f"{SVG}text") if (el.get("id") or "").startswith("region-label-")
    ]
    # the views shown: the iliopsoas has nothing on the soles
    assert len(labels) == len([r for r in chart.regions if r.view != "sole"])


def test_untrusted_title_is_escaped():
    evil = '<script>alert("x")</script> & more'
    svg = bodymap.render("iliopsoas", title=evil).to_svg()
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert _by_id(root)["title"].text == evil
    assert not list(root.iter(f"{SVG}script"))


def test_chart_alone():
    root = ET.fromstring(bodymap.render(pattern=None).to_svg())
    ids = _by_id(root)
    assert "legend" not in ids
    assert not [k for k in ids if k.startswith("zone-")]
