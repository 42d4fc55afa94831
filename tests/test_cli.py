"""The command line: defaults, listings and exact error messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args))


def test_render_without_arguments_writes_iliopsoas_svg(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("render")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == "wrote iliopsoas.svg\n"
    root = ET.parse(tmp_path / "iliopsoas.svg").getroot()
    assert root.tag.endswith("svg")


def test_render_png_dutch(tmp_path):
    out = tmp_path / "x.png"
    result = invoke("render", "-o", str(out), "--lang", "nl", "--dpi", "50")
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_render_options(tmp_path):
    out = tmp_path / "r.svg"
    result = invoke(
        "render",
        "-o",
        str(out),
        "--side",
        "right",
        "--view",
        "back",
        "--title",
        "Mijn titel",
        "--no-labels",
        "--regions",
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert 'id="zone-iliopsoas-lower-back-right"' in text
    assert 'id="view-front"' not in text
    assert "Mijn titel" in text
    assert 'class="label"' not in text
    assert 'id="region-label-buttock-left"' in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["render", "--pattern", "psoas"],
            2,
            "Error: unknown pattern 'psoas'; did you mean 'iliopsoas'? "
            f"('bodymap patterns' lists all {len(bodymap.pattern_names())})",
        ),
        (
            ["render", "--side", "up"],
            2,
            "Error: Invalid value for '--side': unknown side 'up'; choose from: left, right, both "
            "(see 'bodymap render --help')",
        ),
        (
            ["render", "--view", "top"],
            2,
            "Error: Invalid value for '--view': unknown view 'top'; choose from: front, back, both "
            "(see 'bodymap render --help')",
        ),
        (
            ["render", "--lang", "de"],
            2,
            "Error: Invalid value for '--lang': unknown language 'de'; choose from: en, nl "
            "(see 'bodymap render --help')",
        ),
        (
            ["render", "-o", "out.txt"],
            1,
            "Error: out.txt: unknown output format .txt; use .svg, .png or .pdf",
        ),
        (
            ["render", "-o", "nowhere/out.svg"],
            1,
            "Error: nowhere/out.svg: folder 'nowhere' does not exist",
        ),
        (["render", "--chart", "child"], 2, "Error: unknown chart 'child'; choose from: adult"),
        (["render", "--pattern", "missing.json"], 1, "Error: missing.json: no such pattern file"),
    ],
)
def test_bad_input_gives_one_line_and_no_file(tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == code
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert sorted(os.listdir(tmp_path)) == []


def test_bad_pattern_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.json").write_text("[1, 2", encoding="utf-8")
    result = invoke("render", "--pattern", "p.json", "-o", "x.svg")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: p.json: not valid JSON (")
    assert result.stderr.count("\n") == 1
    assert sorted(os.listdir(tmp_path)) == ["p.json"]


def test_patterns_table_and_json():
    result = invoke("patterns")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header == ["pattern", "kind", "structure", "views", "source"]
    assert "iliopsoas" in result.stdout
    records = json.loads(invoke("patterns", "--json").stdout)
    (ilio,) = [r for r in records if r["name"] == "iliopsoas"]
    assert ilio["names"]["nl"] and ilio["sources"]
    assert "groin" in ilio["zones"]


def test_regions_table_and_json(chart):
    records = json.loads(invoke("regions", "--json").stdout)
    assert len(records) == len(chart.regions)
    groin = next(r for r in records if r["id"] == "groin-left")
    assert groin["view"] == "front" and groin["side"] == "left"
    assert groin["snomed"]["code"] == "85119005"
    assert set(groin) == {"id", "view", "side", "names", "snomed", "area_cm2"}
    result = invoke("regions", "--view", "back", "--lang", "nl")
    assert result.exit_code == 0
    assert "groin-left" not in result.stdout and "buttock-left" in result.stdout


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"bodymap {bodymap.__version__}\n"


def test_python_dash_m_and_light_startup():
    """`python -m bodymap --help` works and imports neither matplotlib nor shapely."""
    code = (
        "import sys, runpy; sys.argv = ['bodymap', '--help']\n"
        "try:\n    runpy.run_module('bodymap', run_name='__main__')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = [m for m in ('matplotlib', 'shapely', 'numpy', 'svgwrite') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout
    assert "render" in out.stdout
