"""Start-up stays light as the atlas grows: the work of a command does not scale with it.

``bench/bench_startup.py`` measures the start-up times; these tests pin what keeps them low
without a clock: ``bodymap --help`` imports none of the heavy libraries, a comparison printed
as JSON imports neither the text renderers nor pydantic (which typer 0.29 would bring), and a
comparison reads only the data files it needs, not every pattern of the atlas.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import bodymap
from bodymap.cli import app
from bodymap.model import data

DRAWING = Path(__file__).resolve().parent.parent / "examples" / "drawings" / "iliopsoas-left.json"
HEAVY = ("numpy", "shapely", "matplotlib", "svgwrite", "pydantic", "orjson")

RUN = """
import sys
sys.argv = ["bodymap", *ARGS]
from bodymap.cli import main
try:
    main()
except SystemExit:
    pass
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(ROOTS)
                      | {m for m in sys.modules if m.startswith(MODULES)})), file=sys.stderr)
"""


def _run(args: list[str], roots: tuple[str, ...], modules: tuple[str, ...] = ()) -> tuple[str, str]:
    """Run ``bodymap ARGS`` in a new process: its output, and what it imported.

    What it imported is given comma-separated: the libraries of ``roots`` and the modules
    whose names start with one of ``modules``.
    """
    done = subprocess.run(
        [sys.executable, "-c", f"ARGS, ROOTS, MODULES = {(args, roots, modules)!r}\n{RUN}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout, done.stderr.strip()


def test_the_help_imports_none_of_the_heavy_libraries():
    out, imported = _run(["--help"], HEAVY)
    assert "Commands:" in out
    assert imported == "", f"bodymap --help imported {imported}"


def test_a_comparison_as_json_imports_no_renderer_and_no_pydantic():
    out, imported = _run(
        ["compare", str(DRAWING), "-p", "iliopsoas", "--json"],
        ("pydantic", "matplotlib"),
        ("bodymap.renderers.", "bodymap.scene."),
    )
    assert '"pattern"' in out
    assert imported == "", f"compare --json imported {imported}"


def test_a_comparison_reads_the_chart_and_one_pattern_not_the_atlas():
    data._load_file.cache_clear()
    result = CliRunner().invoke(app, ["compare", str(DRAWING), "-p", "iliopsoas", "--json"])
    assert result.exit_code == 0, result.output
    read = data._load_file.cache_info().misses
    assert 2 <= read <= 3, f"{read} data files read of {len(bodymap.pattern_names())} patterns"
