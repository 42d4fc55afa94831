"""Drawings in figures: marks by intensity, two drawings, legends, ids, escaping, CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from shapely.geometry import box, mapping
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.core.palette import INTENSITY_COLORS, NO_INTENSITY_COLOR, intensity_color
from bodymap.model.drawing import Drawing, Mark

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "drawings"
LEFT = EXAMPLES / "iliopsoas-left.json"
FOLLOWUP = EXAMPLES / "iliopsoas-left-followup.json"
NS = {"svg": "http://www.w3.org/2000/svg"}
runner = CliRunner()


def _ids(root):
    return {el.get("id"): el for el in root.iter() if el.get("id")}


def _title(el):
    t = el.find("svg:title", NS)
    return None if t is None else t.text


@pytest.fixture(scope="module")
def overlay_svg():
    return ET.fromstring(bodymap.render("iliopsoas", side="left", drawing=LEFT).to_svg())


def test_every_mark_has_a_stable_id_and_a_title(overlay_svg):
    drawing = bodymap.load_drawing(LEFT)
    ids = _ids(overlay_svg)
    for i, mark in enumerate(drawing.marks):
        el = ids[f"mark-{i}"]
        assert el.get("class") == "mark"
        assert _title(el).startswith(f"Mark {i + 1}: intensity {mark.intensity:g}/10")
        assert el.get("fill") == intensity_color(mark.intensity)
    assert _title(ids["mark-3"]) == "Mark 4: intensity 6/10, deep ache"
    assert "drawing-front" in ids and "drawing-back" in ids


def test_pattern_stays_readable_under_a_drawing(overlay_svg, iliopsoas):
    ids = _ids(overlay_svg)
    order = list(ids)
    for zone in iliopsoas.zones("left"):
        zone_el = ids[f"zone-iliopsoas-{zone.id}"]
        assert float(zone_el.get("fill-opacity")) < 0.5  # a light fill ...
        outline = ids[f"zone-outline-iliopsoas-{zone.id}"]
        assert outline.get("fill") == "none" and outline.get("stroke")  # ... and an outline
        # drawn in this order: zone fill, marks, zone outline
        view = zone.view
        assert order.index(zone_el.get("id")) < order.index(f"drawing-{view}")
        assert order.index(f"drawing-{view}") < order.index(outline.get("id"))
    assert ids["zone-outline-iliopsoas-thigh-front-spillover-left"].get("stroke-dasharray")
    assert ids["label-groin-left"].get("class") == "label"  # labels as before


def test_intensity_colour_bar(overlay_svg):
    ids = _ids(overlay_svg)
    legend = ids["drawing-legend"]
    cells = [el for el in legend if el.get("class") == "legend-scale"]
    assert [c.get("fill") for c in cells] == list(INTENSITY_COLORS)
    assert [ids[f"legend-scale-number-{k}"].text for k in range(11)] == [str(k) for k in range(11)]
    assert ids["legend-intensity-label"].text == "Pain intensity"
    assert ids["legend-scale-low"].text == "no pain"
    assert ids["legend-scale-high"].text == "worst pain"
    assert "legend" in ids  # the pattern legend too
    # one drawing: patient and date under the title
    assert "Patient example-01, drawn 2026-11-02 09:15" in ids["subtitle"].itertext()
    assert ids["title"].text == "Pain drawing and the Iliopsoas referred pain pattern, left side"


def test_intensity_colours():
    assert intensity_color(0) == INTENSITY_COLORS[0]
    assert intensity_color(10) == INTENSITY_COLORS[10]
    assert intensity_color(6.4) == INTENSITY_COLORS[6]
    assert intensity_color(6.5) == INTENSITY_COLORS[7]
    assert intensity_color(None) == NO_INTENSITY_COLOR
    # sequential: each step darker than the one before
    lum = [sum(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in INTENSITY_COLORS]
    assert lum == sorted(lum, reverse=True)


def test_drawing_alone_on_the_chart():
    dia = bodymap.render(pattern=None, drawing=EXAMPLES / "widespread.json", lang="nl")
    root = ET.fromstring(dia.to_svg())
    ids = _ids(root)
    assert not [i for i in ids if i.startswith("zone-")]
    assert ids["title"].text == "Pijntekening"
    assert ids["legend-intensity-label"].text == "Pijnintensiteit"
    assert "legend" not in ids and "source" not in ids
    # marks drawn outside the body: a grey ghost and a legend entry
    assert ids["outside-front"].get("class") == "mark-outside"
    assert _title(ids["outside-front"]).startswith("Buiten het lichaam getekend: ")
    assert ids["legend-text-outside"].text == "Buiten het lichaam getekend"
    # one mark without intensity
    assert ids["legend-text-no-intensity"].text == "Intensiteit niet opgegeven"
    assert _title(ids["mark-0"]) == "Markering 1: intensiteit 6/10, zeurend"


def test_marks_are_stacked_weakest_first():
    d = Drawing(
        (
            Mark("front", box(0, 100, 4, 104), intensity=9),
            Mark("front", box(1, 101, 5, 105)),
            Mark("front", box(2, 102, 6, 106), intensity=2),
        )
    )
    scene = bodymap.render(pattern=None, drawing=d).scene
    marks = [it.id for it in scene.walk() if it.kind == "mark"]
    assert marks == ["mark-1", "mark-2", "mark-0"]


def test_drawing_without_intensities_has_no_colour_bar():
    d = Drawing((Mark("back", region="sacrum"),))
    ids = bodymap.render(pattern=None, drawing=d).scene.ids()
    assert "legend-scale-0" not in ids
    assert "legend-swatch-marked" in ids


def test_two_drawings_in_two_colours():
    dia = bodymap.render("iliopsoas", drawing=[LEFT, FOLLOWUP])
    root = ET.fromstring(dia.to_svg())
    ids = _ids(root)
    for n, path in ((1, LEFT), (2, FOLLOWUP)):
        d = bodymap.load_drawing(path)
        for i in range(len(d.marks)):
            assert _title(ids[f"drawing-{n}-mark-{i}"]).startswith(f"Mark {i + 1}: ")
    fills = {ids[f"drawing-{n}-area-front"].get("fill") for n in (1, 2)}
    assert len(fills) == 2
    assert ids["drawing-2-area-front"].get("stroke-dasharray")  # differs in dash too
    assert not ids["drawing-1-area-front"].get("stroke-dasharray")
    assert ids["legend-text-drawing-1"].text == "First drawing: drawn 2026-11-02 09:15"
    assert ids["legend-text-drawing-2"].text == "Second drawing: drawn 2026-12-14 09:40"
    assert "Patient example-01" in ids["subtitle"].itertext()
    assert "legend-scale-0" not in ids
    assert ids["title"].text == "Pain drawings and the Iliopsoas referred pain pattern, left side"
    with pytest.raises(bodymap.BodymapError, match="one or two drawings"):
        bodymap.render(drawing=[LEFT, LEFT, LEFT])


def test_untrusted_text_is_escaped():
    evil = '<script>alert("x")</script> & <b>'
    d = Drawing(
        (Mark("front", box(0, 100, 4, 104), intensity=5, quality=evil),),
        {"subject": evil, "recorded": "</title><script>1</script>"},
    )
    svg = bodymap.render(pattern=None, drawing=d).to_svg()
    assert "<script" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)  # well-formed
    ids = _ids(root)
    assert _title(ids["mark-0"]) == f"Mark 1: intensity 5/10, {evil}"
    assert not [el for el in root.iter() if el.tag.endswith("script")]


def test_png_and_pdf_of_an_overlay(tmp_path):
    dia = bodymap.render("iliopsoas", drawing=LEFT)
    png = dia.save(tmp_path / "o.png", dpi=40)
    assert png.read_bytes()[:4] == b"\x89PNG"
    fig = dia.figure(dpi=40)
    gids = {t.get_gid() for t in fig.axes[0].texts}
    assert {"legend-intensity-label", "legend-scale-number-10", "title"} <= gids
    assert dia.save(tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


def test_layout_code_does_not_import_matplotlib():
    code = (
        "import sys, bodymap\n"
        f"d = bodymap.render('iliopsoas', drawing={str(LEFT)!r})\n"
        f"bodymap.rank({str(LEFT)!r}); d.to_svg()\n"
        "print('MPL', 'matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "MPL False" in out.stdout


def test_render_without_drawing_is_unchanged():
    ids = bodymap.render("iliopsoas").scene.ids()
    assert not [i for i in ids if "mark" in i or "drawing" in i or "zone-outline" in i]
    assert "legend-swatch-essential" in ids


def test_drawing_on_another_chart_is_refused(monkeypatch):
    d = Drawing((Mark("front", box(0, 100, 1, 101)),))
    monkeypatch.setattr(type(d), "chart_name", property(lambda self: "child"))
    with pytest.raises(bodymap.DataError, match=r"drawn on chart 'child', not on 'adult'"):
        bodymap.render(drawing=d)


# --- bodymap render --drawing -----------------------------------------------------------------


def test_cli_render_drawing_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", "--drawing", str(LEFT)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == "wrote iliopsoas-left.svg\n"
    root = ET.parse(tmp_path / "iliopsoas-left.svg").getroot()
    ids = _ids(root)
    assert "mark-0" in ids and not [i for i in ids if i.startswith("zone-")]


def test_cli_render_drawing_over_pattern_and_two_drawings(tmp_path):
    out = tmp_path / "o.svg"
    result = runner.invoke(
        app, ["render", "-d", str(LEFT), "-p", "iliopsoas", "--side", "left", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    ids = _ids(ET.parse(out).getroot())
    assert "mark-0" in ids and "zone-iliopsoas-groin-left" in ids
    two = tmp_path / "two.png"
    result = runner.invoke(
        app,
        [
            "render",
            "--drawing",
            str(LEFT),
            "--drawing",
            str(FOLLOWUP),
            "-o",
            str(two),
            "--dpi",
            "30",
        ],
    )
    assert result.exit_code == 0, result.output
    assert two.read_bytes()[:4] == b"\x89PNG"


def test_cli_render_bad_drawings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", "-d", "a.json", "-d", "b.json", "-d", "c.json"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Invalid value for '--drawing': give at most two drawings "
        "(see 'bodymap render --help')\n"
    )
    bad = {"type": "FeatureCollection", "bodymap": {"kind": "drawing", "version": 1}}
    bad["features"] = [
        {"type": "Feature", "properties": {"view": "side"}, "geometry": mapping(box(0, 0, 1, 1))}
    ]
    Path("bad.json").write_text(json.dumps(bad), encoding="utf-8")
    result = runner.invoke(app, ["render", "-d", "bad.json", "-o", "x.svg"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: bad.json: feature 0: unknown view 'side'; choose from: front, back, sole\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["bad.json"]
