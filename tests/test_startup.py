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

HELP = """
import sys
sys.argv = ["bodymap", "--help"]
from bodymap.cli import main
try:
    main()
except SystemExit:
    pass
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))),
      file=sys.stderr)
"""


def test_the_help_imports_none_of_the_heavy_libraries():
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{HELP}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Commands:" in done.stdout
    assert done.stderr.strip() == "", f"bodymap --help imported {done.stderr.strip()}"


COMPARE_JSON = """
import sys
sys.argv = ["bodymap", "compare", DRAWING, "-p", "iliopsoas", "--json"]
from bodymap.cli import main
try:
    main()
except SystemExit:
    pass
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "matplotlib")
                      or m.startswith(("bodymap.renderers.", "bodymap.scene.")))),
      file=sys.stderr)
"""


def test_a_comparison_as_json_imports_no_renderer_and_no_pydantic():
    done = subprocess.run(
        [sys.executable, "-c", f"DRAWING = {str(DRAWING)!r}\n{COMPARE_JSON}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"pattern"' in done.stdout
    assert done.stderr.strip() == "", f"compare --json imported {done.stderr.strip()}"


def test_a_comparison_reads_the_chart_and_one_pattern_not_the_atlas():
    data._load_file.cache_clear()
    result = CliRunner().invoke(app, ["compare", str(DRAWING), "-p", "iliopsoas", "--json"])
    assert result.exit_code == 0, result.output
    read = data._load_file.cache_info().misses
    assert 2 <= read <= 3, f"{read} data files read of {len(bodymap.pattern_names())} patterns"
