"""Listing and filtering the atlas: body areas and pattern kinds (issues 11 and 12)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import bodymap
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
    assert all(r["kind"] == "muscle" for r in records)
    assert all("leg-foot" in bodymap.load_pattern(r["name"]).areas() for r in records)
    both = runner.invoke(app, ["patterns", "--area", "leg-foot,hip", "--json"])
    assert len(json.loads(both.output)) > len(records)
    muscles = runner.invoke(app, ["patterns", "--kind", "muscle", "--json"])
    assert len(json.loads(muscles.output)) == len(bodymap.pattern_names())


def test_cli_patterns_bad_area_is_a_usage_error():
    result = runner.invoke(app, ["patterns", "--area", "elbow"])
    assert result.exit_code == 2
    assert "unknown area 'elbow'; choose from: head-neck, shoulder, arm, hand" in result.output
