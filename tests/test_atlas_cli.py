"""Listing and filtering the atlas: body areas and pattern kinds."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import bodymap
import bodymap.renderers.diagram
from bodymap.cli import app
from bodymap.core.choices import BODY_AREAS

runner = CliRunner()


def test_every_region_has_a_body_area():
    chart = bodymap.load_chart()
    assert {r.body_area for r in chart.regions} == set(BODY_AREAS)
    assert chart.region("groin-left").body_area == "hip"
    assert chart.region("hand-front-left").body_area == "hand"
    assert chart.region("knee-back-right").body_area == "thigh"


def test_a_pattern_belongs_to_every_area_its_zones_touch():
    assert bodymap.load_pattern("iliopsoas").areas() == ("trunk", "hip", "thigh")
    assert bodymap.load_pattern("popliteus").areas() == ("thigh",)
    assert "leg-foot" in bodymap.load_pattern("gastrocnemius").areas()


def test_cli_patterns_by_area_and_kind():
    result = runner.invoke(app, ["patterns", "--area", "leg-foot", "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    names = {r["name"] for r in records}
    assert {"soleus", "gastrocnemius", "tibialis-anterior"} <= names
    assert "iliopsoas" not in names
    assert all(r["kind"] == bodymap.load_pattern(r["name"]).kind for r in records)
    assert all("leg-foot" in bodymap.load_pattern(r["name"]).areas() for r in records)
    both = runner.invoke(app, ["patterns", "--area", "leg-foot,hip", "--json"])
    assert len(json.loads(both.output)) > len(records)
    muscles = runner.invoke(app, ["patterns", "--kind", "muscle", "--json"])
    kinds = [bodymap.load_pattern(n).kind for n in bodymap.pattern_names()]
    assert len(json.loads(muscles.output)) == kinds.count("muscle")
    assert {r["kind"] for r in json.loads(muscles.output)} == {"muscle"}


def test_cli_patterns_bad_area_is_a_usage_error():
    result = runner.invoke(app, ["patterns", "--area", "elbow"])
    assert result.exit_code == 2
    assert "unknown area 'elbow'; choose from: head-neck, shoulder, arm, hand" in result.output


def test_differential_figure(tmp_path):
    import xml.etree.ElementTree as ET
    from pathlib import Path

    drawing = Path(__file__).resolve().parent.parent / "examples/drawings/iliopsoas-left.json"
    out = tmp_path / "diff.svg"
    result = runner.invoke(
        app, ["rank", str(drawing), "--top", "3", "--by", "fit", "--figure", str(out)]
    )
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert {"drawing", "panel-1", "panel-2", "panel-3"} <= ids and "panel-4" not in ids
    assert "panel-1-zone-groin-left" in ids  # the best fit is the left iliopsoas
    assert any(i.startswith("panel-1-drawing-outline-") for i in ids)
    texts = "".join(root.itertext())
    assert "1. Iliopsoas, left side" in texts and "Your pain drawing" in texts
    bad = runner.invoke(app, ["rank", str(drawing), "--figure", str(tmp_path / "d.txt")])
    assert bad.exit_code == 1 and "unknown output format .txt" in bad.output
    assert not (tmp_path / "d.txt").exists()
    dutch = bodymap.renderers.diagram.differential(drawing, top=2, lang="nl").to_svg()
    assert "Uw pijntekening" in dutch


def test_contact_sheet_has_a_panel_per_pattern():
    import xml.etree.ElementTree as ET

    svg = bodymap.renderers.diagram.contact_sheet(kinds=["muscle"]).to_svg()
    ids = {el.get("id") for el in ET.fromstring(svg).iter() if el.get("id")}
    for name in bodymap.pattern_names():
        shown = bodymap.load_pattern(name).kind == "muscle"
        assert (f"pattern-{name}" in ids) == shown, name
