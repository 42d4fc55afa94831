"""Caps on what is drawn: raster pixels, differential panels, pattern zones; quiet glyph warnings.

A hostile but well-formed request must not cost minutes and gigabytes: a PNG holds at most
:data:`~bodymap.renderers.diagram.MAX_PIXELS`, a differential figure at most
:data:`~bodymap.scene.differential.MAX_FIGURE_PATTERNS` ranked patterns, a pattern file at
most :data:`~bodymap.model.pattern.MAX_PATTERN_FEATURES` features and
:data:`~bodymap.model.pattern.MAX_PATTERN_VERTICES` zone vertices.  Each is refused in one line
naming the value and the limit, and no file is written.  Text the fonts cannot show (an emoji
subject) still gives its figure, without matplotlib's two-line warning on stderr.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import shapely
from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.cli.options import FIGURE_TOP
from bodymap.core.errors import BodymapError, DataError, OutputError
from bodymap.model.pattern import (
    MAX_PATTERN_FEATURES,
    MAX_PATTERN_VERTICES,
    pattern_from_dict,
    select_patterns,
)
from bodymap.renderers.diagram import MAX_PIXELS, check_raster, differential
from bodymap.scene.differential import MAX_FIGURE_PATTERNS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "drawings" / "iliopsoas-left.json"
BONE = "\N{BONE}"  # not in DejaVu Sans, matplotlib's font


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "always", "-m", "bodymap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def pattern_doc(zones: int, vertices_per_zone: int = 4) -> dict[str, Any]:
    """A valid muscle pattern of ``zones`` small polygons on the front view."""
    features = []
    for i in range(zones):
        x, y = 2 + (i % 60) * 0.25, 60 + (i // 60) * 0.25
        ring = [
            [x + 0.1 * math.cos(2 * math.pi * k / vertices_per_zone),
             y + 0.1 * math.sin(2 * math.pi * k / vertices_per_zone)]
            for k in range(vertices_per_zone)
        ]  # fmt: skip
        features.append(
            {
                "type": "Feature",
                "id": f"zone-{i}",
                "properties": {"kind": "essential", "view": "front", "names": {"en": f"Z{i}"}},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    return {
        "type": "FeatureCollection",
        "bodymap": {
            "kind": "muscle",
            "version": 1,
            "name": "many",
            "chart": "adult",
            "units": "cm",
            "drawn_side": "left",
            "sources": ["made up for a test"],
        },
        "features": features,
    }


# --- pixels ------------------------------------------------------------------------------------


def test_render_at_2400_dpi_is_refused_in_one_line_naming_the_dpi_that_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    scene = bodymap.render().scene
    w, h = (math.ceil(size / 25.4 * 2400) for size in (scene.width, scene.height))
    fit = max(
        d
        for d in range(1, 2400)
        if math.ceil(scene.width / 25.4 * d) * math.ceil(scene.height / 25.4 * d) <= MAX_PIXELS
    )
    result = CliRunner().invoke(app, ["render", "-o", "r.png", "--dpi", "2400"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: r.png: dpi 2400 would draw a {w:,} x {h:,} pixel image "
        f"({w * h / 1e6:,.0f} megapixels), more than the 50 megapixels allowed; "
        f"dpi {fit} at most fits this figure\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_dpi_named_as_fitting_fits_and_one_more_does_not() -> None:
    for diagram in (bodymap.render(), bodymap.atlas("muscle"), bodymap.render(view="front")):
        with pytest.raises(OutputError, match=r"; dpi (\d+) at most fits") as caught:
            check_raster(diagram.scene, 2400)
        fit = int(caught.value.args[0].rsplit("dpi ", 1)[1].split()[0])
        check_raster(diagram.scene, fit)
        with pytest.raises(OutputError):
            check_raster(diagram.scene, fit + 1)


def test_a_600_dpi_print_of_the_default_figure_is_within_the_pixel_cap() -> None:
    check_raster(bodymap.render().scene, 600)


def test_save_refuses_a_dpi_that_is_not_a_number_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"^.*x\.png: dpi must be positive, not nan$"):
        bodymap.render().save(tmp_path / "x.png", dpi=float("nan"))
    assert list(tmp_path.iterdir()) == []


def test_vector_output_is_not_capped_by_pixels(tmp_path: Path) -> None:
    out = bodymap.render(view="front").save(tmp_path / "x.svg", dpi=2400)
    assert out.stat().st_size > 0


# --- panels ------------------------------------------------------------------------------------


def test_rank_figure_with_a_billion_panels_is_a_one_line_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "f.png"
    result = CliRunner().invoke(
        app, ["rank", str(EXAMPLE), "--top", "1000000000", "--figure", str(out)]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Invalid value for '--top' with --figure: the differential figure shows "
        "1 to 12 ranked patterns, not 1,000,000,000 (see 'bodymap rank --help')\n"
    )
    assert not out.exists()


def test_rank_top_all_with_a_figure_still_draws_the_default_panels(tmp_path: Path) -> None:
    out = tmp_path / "f.svg"
    result = CliRunner().invoke(app, ["rank", str(EXAMPLE), "--top", "all", "--figure", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert f'id="panel-{FIGURE_TOP}"' in svg
    assert f'id="panel-{FIGURE_TOP + 1}"' not in svg


def test_differential_refuses_more_panels_than_the_cap_before_ranking() -> None:
    with pytest.raises(BodymapError) as caught:
        differential(str(EXAMPLE), top=MAX_FIGURE_PATTERNS + 1)
    assert str(caught.value) == "the differential figure shows 1 to 12 ranked patterns, not 13"


def test_differential_draws_as_many_panels_as_the_cap() -> None:
    ranking = bodymap.rank(str(EXAMPLE))
    svg = differential(str(EXAMPLE), top=MAX_FIGURE_PATTERNS, ranking=ranking).to_svg()
    assert f'id="panel-{MAX_FIGURE_PATTERNS}"' in svg
    assert f'id="panel-{MAX_FIGURE_PATTERNS + 1}"' not in svg


# --- zones -------------------------------------------------------------------------------------


def test_the_pattern_caps_are_ten_times_the_largest_built_in_pattern_or_more() -> None:
    patterns = select_patterns()
    features = max(len(p.zones(p.sides[0])) + len(p.trigger_points(p.sides[0])) for p in patterns)
    vertices = max(
        sum(int(shapely.get_num_coordinates(z.geometry)) for z in p.zones(p.sides[0]))
        for p in patterns
    )
    assert features * 10 <= MAX_PATTERN_FEATURES
    assert vertices * 10 <= MAX_PATTERN_VERTICES


def test_a_pattern_file_with_3000_zones_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps(pattern_doc(3000)), encoding="utf-8")
    out = tmp_path / "o.svg"
    result = CliRunner().invoke(app, ["render", "-p", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: the pattern has 3,000 features (zones and markers); "
        "a pattern holds at most 200\n"
    )
    assert not out.exists()


def test_a_pattern_with_as_many_zones_as_the_cap_loads() -> None:
    pattern = pattern_from_dict(pattern_doc(MAX_PATTERN_FEATURES))
    assert len(pattern.zones("left")) == MAX_PATTERN_FEATURES


def test_a_pattern_with_too_many_vertices_is_refused_naming_the_limit() -> None:
    with pytest.raises(DataError) as caught:
        pattern_from_dict(pattern_doc(1, MAX_PATTERN_VERTICES))
    assert str(caught.value) == (
        "<pattern>: the pattern's zones have more than 20,000 vertices (counted up to zone "
        "'zone-0'); a pattern holds at most 20,000"
    )


def test_a_pattern_with_as_many_vertices_as_the_cap_loads() -> None:
    pattern = pattern_from_dict(pattern_doc(1, MAX_PATTERN_VERTICES - 1))
    assert len(pattern.zones("left")[0].geometry.exterior.coords) == MAX_PATTERN_VERTICES


# --- glyphs ------------------------------------------------------------------------------------


def test_paper_for_a_subject_with_an_emoji_writes_the_page_with_one_line_on_stderr(
    tmp_path: Path,
) -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["bodymap"]["subject"] = f"P-1 {BONE}"
    (tmp_path / "d.json").write_text(json.dumps(doc), encoding="utf-8")
    result = run("paper", "--drawing", "d.json", "-o", "p.pdf", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == "wrote p.pdf\n"
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")


def test_saving_a_png_with_a_missing_glyph_raises_no_warning(tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = bodymap.render(view="front", title=f"Pain {BONE}").save(tmp_path / "x.png", dpi=20)
    assert [str(w.message) for w in caught] == []
    assert out.read_bytes().startswith(b"\x89PNG")
