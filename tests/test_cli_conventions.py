"""One convention across the command line, and one definition of each presentation rule.

Results on stdout and ``wrote FILE`` on stderr for every command; ``rank`` showing the best
ten; ``patterns`` fitting a 100-column terminal; tables in the language asked for; default
names, defaults and notes that say what was chosen; one home for the default pattern, the
marking thresholds, number and date formatting per language, text colours and the colour of
text on a coloured fill.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import Point
from typer.testing import CliRunner

import bodymap
from bodymap.analysis import measures
from bodymap.analysis import schemes as scheme_analysis
from bodymap.cli import app
from bodymap.core import choices, palette
from bodymap.core.i18n import format_count, format_date, format_number, tr
from bodymap.renderers.text import WIDTH

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "drawings"
LEFT = str(EXAMPLES / "iliopsoas-left.json")
RIGHT = str(EXAMPLES / "iliopsoas-right.json")


def invoke(*args: str) -> typer.testing.Result:
    return runner.invoke(app, list(args))


def table_rows(text: str) -> list[str]:
    """The body rows of the first table in ``text`` (the lines after its ``----`` rule)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("----")) + 1
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        rows.append(line)
    return rows


def ranked(text: str) -> list[str]:
    """The rank numbers of the rows of a ``bodymap rank`` table."""
    return [row.split()[0] for row in table_rows(text) if row.split()[0].isdigit()]


def every_side() -> int:
    return len(json.loads(invoke("rank", LEFT, "--json").stdout)["results"])


# --- rank ------------------------------------------------------------------------------------


def test_rank_shows_the_best_ten_and_says_how_many_more():
    result = invoke("rank", LEFT)
    assert result.exit_code == 0, result.output
    assert ranked(result.stdout) == [str(i) for i in range(1, 11)]
    total = every_side()
    assert total > 100
    assert f"... and {total - 10} more pattern sides (--top all shows every one)." in result.stdout


def test_rank_top_all_shows_every_pattern_side_and_top_n_the_best_n():
    every = invoke("rank", LEFT, "--top", "all")
    assert every.exit_code == 0, every.output
    assert len(ranked(every.stdout)) == every_side()
    assert "more pattern side" not in every.stdout
    three = invoke("rank", LEFT, "--top", "3")
    assert ranked(three.stdout) == ["1", "2", "3"]
    assert f"... and {every_side() - 3} more pattern sides" in three.stdout


def test_rank_top_takes_a_whole_number_or_all():
    result = invoke("rank", LEFT, "--top", "some")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: Invalid value for '--top': give a whole number or 'all', not 'some'"
    )


def test_rank_json_keeps_every_result_unless_top_is_given():
    assert every_side() > 10
    data = json.loads(invoke("rank", LEFT, "--json", "--top", "4").stdout)
    assert len(data["results"]) == 4
    assert json.loads(invoke("rank", LEFT, "--json", "--top", "all").stdout) == json.loads(
        invoke("rank", LEFT, "--json").stdout
    )


# --- patterns and translated tables ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_patterns_fits_a_100_column_terminal(lang):
    result = invoke("patterns", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= WIDTH == 100


def test_patterns_has_a_kind_column_and_a_header_for_every_kind():
    result = invoke("patterns")
    header = result.stdout.splitlines()[0].split()
    assert header == ["pattern", "kind", "structure", "views", "source"]
    kinds = {row.split()[1] for row in table_rows(result.stdout) if not row.startswith(" ")}
    assert kinds == set(choices.PATTERN_KINDS)
    nerve = next(row for row in result.stdout.splitlines() if row.startswith("nerve-axillary "))
    assert nerve.split()[1] == "nerve"


def test_patterns_wraps_long_names_and_lists_each_source_once():
    text = invoke("patterns", "--kind", "nerve").stdout
    lines = text.splitlines()
    axillary = next(i for i, line in enumerate(lines) if line.startswith("nerve-axillary "))
    name = bodymap.load_pattern("nerve-axillary").title("en")
    column = lines[0].index("structure")
    wrapped = [lines[axillary][column:].split("  ")[0], lines[axillary + 1].strip()]
    assert " ".join(wrapped) == name
    number = re.search(r"\[(\d+)\]$", lines[axillary]).group(1)
    credit = bodymap.load_pattern("nerve-axillary").meta["credit"]
    sources = lines[lines.index("Sources:") + 1 :]
    listed = " ".join(" ".join(sources).split())
    assert f"[{number}] {credit}" in listed
    assert listed.count(credit) == 1


def test_dutch_tables_translate_headers_kinds_sides_and_numbers():
    patterns = invoke("patterns", "--lang", "nl", "--kind", "nerve").stdout
    assert patterns.splitlines()[0].split() == [
        "patroon",
        "soort",
        "structuur",
        "aanzichten",
        "bron",
    ]
    assert "zenuw" in patterns and "nerve " not in patterns.replace("nerve-", "")
    assert "Bronnen:" in patterns
    ranking = invoke("rank", LEFT, "--lang", "nl", "--top", "1").stdout
    assert ranking.splitlines()[3].split()[:5] == ["rang", "patroon", "spier", "zijde", "soort"]
    row, more = table_rows(ranking)
    assert more.startswith("... en nog ")
    assert row.split()[3:6] == ["links", "spier", "0,69"]
    assert "... en nog" in ranking
    compared = invoke("compare", LEFT, "-p", "iliopsoas", "--lang", "nl").stdout.splitlines()
    assert compared[3].split() == ["maat", "alle", "gebieden", "kerngebied", "betekenis"]
    groin = next(line for line in compared if " groin-left " in line)
    assert groin.split()[2:4] == ["kern", "70,6"]
    regions = invoke("regions", "--lang", "nl", "--view", "back").stdout
    assert regions.splitlines()[0].split() == ["id", "aanzicht", "zijde", "naam", "snomed"]
    assert "(broader)" not in regions and "(ruimer)" in regions


# --- stdout and stderr -------------------------------------------------------------------------


def commands(tmp: Path) -> list[tuple[list[str], Path]]:
    """Commands that write a file, with that file (run in ``tmp``)."""
    codes = tmp / "codes.json"
    return [
        (["render", "-o", "r.svg"], tmp / "r.svg"),
        (["atlas", "joint", "-o", "a.svg"], tmp / "a.svg"),
        (["form", "-o", "f.html"], tmp / "f.html"),
        (["paper", "-o", "p.svg"], tmp / "p.svg"),
        (["fhir", LEFT, "-o", "b.json"], tmp / "b.json"),
        (["from-codes", "101,102", "-o", "codes.json"], codes),
        (["report", LEFT, "-o", "rep.pdf"], tmp / "rep.pdf"),
    ]


def test_every_command_prints_results_on_stdout_and_the_files_it_wrote_on_stderr(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    for args, written in commands(tmp_path):
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout == "", args
        assert result.stderr == f"wrote {written.name}\n", args
        assert written.stat().st_size > 0
    ranking = invoke("rank", LEFT, "--top", "2", "--figure", "d.svg")
    assert ranking.stderr == "wrote d.svg\n"
    assert ranking.stdout.startswith("Drawing: ") and "d.svg" not in ranking.stdout


def test_handout_default_name_carries_the_language_except_english(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    english = invoke("handout")
    assert english.exit_code == 0, english.output
    assert english.stderr == "wrote handout-iliopsoas.pdf\n"
    dutch = invoke("handout", "--lang", "nl")
    assert dutch.stderr == "wrote handout-iliopsoas-nl.pdf\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "handout-iliopsoas-nl.pdf",
        "handout-iliopsoas.pdf",
    ]


# --- defaults that say what they chose -------------------------------------------------------


def test_compare_without_pattern_says_it_used_the_default_and_how_to_choose():
    line = "Compared with iliopsoas, the default pattern; -p NAME chooses another."
    text = invoke("compare", RIGHT)
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[2] == line
    chosen = invoke("compare", RIGHT, "-p", "iliopsoas")
    assert line not in chosen.stdout + chosen.stderr
    assert chosen.stdout.splitlines()[2] == ""
    as_json = invoke("compare", RIGHT, "--json")
    assert json.loads(as_json.stdout)["pattern"] == choices.DEFAULT_PATTERN
    assert as_json.stderr == line + "\n"


def test_fhir_validate_says_on_stderr_what_it_validated_against(tmp_path):
    out = tmp_path / "b.json"
    result = invoke("fhir", LEFT, "-o", str(out), "--validate")
    assert result.exit_code == 0, result.output
    first, second = result.stderr.splitlines()
    assert first.startswith("validated the bundle against the FHIR R4B (4.3) models of ")
    assert "fhir.resources 8." in first and "terminology table" in first
    assert second == f"wrote {out}"
    plain = invoke("fhir", LEFT, "-o", str(out))
    assert plain.stderr == f"wrote {out}\n"


def test_scan_out_dir_is_made_with_its_parents(tmp_path):
    page = tmp_path / "page.png"
    assert invoke("paper", "-o", str(page), "--subject", "P-1").exit_code == 0
    out = tmp_path / "new" / "sub"
    result = invoke("scan", str(page), "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out / 'page.json'}\n"
    assert bodymap.load_drawing(out / "page.json").subject == "P-1"


def test_scan_out_dir_that_is_a_file_is_refused(tmp_path):
    page = tmp_path / "page.png"
    page.write_bytes(b"not used")
    taken = tmp_path / "taken"
    taken.write_text("x")
    result = invoke("scan", str(page), "--out-dir", str(taken))
    assert (result.exit_code, result.stderr) == (1, f"Error: {taken}: not a folder\n")


def test_gallery_help_prints_usage_and_writes_nothing(tmp_path):
    script = ROOT / "examples" / "gallery.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: gallery.py") and "folder" in proc.stdout
    assert list(tmp_path.iterdir()) == []


# --- one definition each -----------------------------------------------------------------------


def test_marking_thresholds_are_defined_once_and_shown_as_the_cli_defaults():
    assert (
        measures.MIN_SHARE is choices.MIN_SHARE and scheme_analysis.MIN_SHARE is choices.MIN_SHARE
    )
    assert measures.MIN_AREA_CM2 is choices.MIN_AREA_CM2 is scheme_analysis.MIN_AREA
    command = typer.main.get_command(app)
    for name in ("codes", "fhir"):
        params = {p.name: p.default for p in command.commands[name].params}  # type: ignore[attr-defined]
        assert params["min_share"] == choices.MIN_SHARE
        assert params["min_area"] == choices.MIN_AREA_CM2
    helps = " ".join(invoke("codes", "--help").stdout.split())
    assert f"(0-1). [default: {choices.MIN_SHARE}]" in helps


def test_the_default_pattern_is_one_constant_for_the_library_and_the_cli():
    assert choices.DEFAULT_PATTERN == "iliopsoas"
    for function, parameter in (
        (bodymap.compare, "pattern_or_drawing"),
        (bodymap.render, "pattern"),
        (bodymap.renderers.pages.handout, "pattern"),
    ):
        assert inspect.signature(function).parameters[parameter].default is choices.DEFAULT_PATTERN
    command = typer.main.get_command(app)
    handout = {p.name: p.default for p in command.commands["handout"].params}  # type: ignore[attr-defined]
    assert handout["pattern"] is choices.DEFAULT_PATTERN


def test_dutch_numbers_group_thousands_with_a_dot_and_use_a_decimal_comma():
    assert format_number(1234567.25, "nl", ",.2f") == "1.234.567,25"
    assert format_number(1234567.25, "en", ",.2f") == "1,234,567.25"
    assert format_number(-2.5, "nl", "+.1f") == "-2,5"
    assert format_count(12345, "nl") == "12.345" and format_count(12345, "en") == "12,345"
    assert format_date(dt.date(2026, 11, 28), "nl") == "28 november 2026"
    assert format_date(dt.date(2026, 11, 28), "en") == "28 November 2026"


def test_the_report_and_the_cohort_maps_write_numbers_alike():
    from bodymap.scene.cohort_maps import _count
    from bodymap.scene.report import report_page

    drawing = bodymap.load_drawing(LEFT)
    page = report_page(drawing, drawing.chart, lang="nl", date=dt.date(2026, 11, 28))
    extent = dict(page.measures)[tr("report.extent", "nl")]
    area = drawing.area()
    assert extent == format_number(area, "nl", ",.1f") + " cm²"
    assert "," in extent and " " not in extent.removesuffix(" cm²")
    assert _count(1234, "nl") == format_count(1234, "nl") == "1.234"
    assert dict(page.header)[tr("report.made", "nl")] == "28 november 2026"


def test_the_paper_chart_writes_its_text_in_the_palette_colours():
    from bodymap.scene.paper import paper_scene

    colours = {item.color for item in paper_scene(subject="P-1").walk() if hasattr(item, "color")}
    assert colours <= {palette.TEXT, palette.MUTED}
    assert palette.TEXT in colours and palette.MUTED in colours


def test_text_on_a_fill_takes_the_ink_of_higher_contrast():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    for fill in (*palette.INTENSITY_COLORS, *palette.QUALITATIVE, *palette.SEQUENTIAL):
        ink = palette.text_on(fill)
        other = palette.WHITE if ink == palette.TEXT else palette.TEXT
        assert palette.contrast_ratio(ink, fill) >= palette.contrast_ratio(other, fill)
    assert palette.text_on("#FFEEA3") == palette.TEXT
    assert palette.text_on("#800026") == palette.WHITE


def test_the_form_colours_its_intensity_buttons_by_the_palette_rule(tmp_path):
    from bodymap.apps.form import save_form

    html = save_form(tmp_path / "f.html").read_text(encoding="utf-8")
    for level, fill in enumerate(palette.INTENSITY_COLORS):
        rule = f".level-{level} span{{background:{fill};color:{palette.text_on(fill)}}}"
        assert rule in html


def test_atlas_labels_inside_a_zone_take_the_palette_rule():
    from bodymap.renderers.diagram import atlas

    scene = atlas("joint").scene
    zones = [s for s in scene.walk() if getattr(s, "kind", "") == "atlas-zone"]
    labels = [t for t in scene.walk() if getattr(t, "kind", "") == "label"]
    inside = [t for t in labels if t.id.startswith("atlas-label-")]
    checked = 0
    for label in inside:
        point = Point(label.x, label.y - label.size * 0.36)
        fills = {z.style.fill for z in zones if z.geometry.contains(point)}
        if len(fills) == 1:
            assert label.color == palette.text_on(fills.pop())
            checked += 1
    assert checked > 0


def test_the_editor_title_comes_from_the_string_tables():
    from bodymap.apps.editor import DrawingEditor

    assert tr("editor.title", "nl") == "Markeer waar het pijn doet"
    figure = Figure()
    FigureCanvasAgg(figure)
    editor = DrawingEditor(figure, lang="nl")
    texts = [t.text for t in editor.scene.walk() if hasattr(t, "text")]
    assert tr("editor.title", "nl") in texts
    editor.intensity = 9
    editor.redraw()
    assert editor._status.get_color() == palette.readable_color(palette.intensity_color(9))
    editor.intensity = 2
    editor.redraw()
    assert editor._status.get_color() == palette.TEXT
