"""What the tests of the README's and the documentation's ``bodymap`` lines share.

The lines are read from Markdown (continuation lines joined, comments dropped, optional
``[...]`` parts left out) and run in a folder (:func:`workdir`) that holds every file they
name: the example cohort of ``examples/cohort/generate.py`` and the example drawings.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from cohort_helpers import _generator
from typer.testing import CliRunner

__all__ = [
    "NOT_RUN",
    "ROOT",
    "SLOW_SUFFIXES",
    "_param",
    "arguments",
    "readme_commands",
    "runner",
    "workdir",
]

ROOT = Path(__file__).resolve().parents[1]
DRAWINGS = ROOT / "examples" / "drawings"
#: Commands that need what a test does not have: a person at a window, a photograph.
NOT_RUN = {
    "draw": "opens a window for a person to draw in",
    "scan": "needs a photograph",
    "serve": "runs a server until stopped",
    "users": "changes the clinic app's database",
    "db": "changes the clinic app's database",
    "audit": "reads the clinic app's database",
    "backup": "copies the clinic app's database",
}
#: Outputs that take seconds to draw or typeset.
SLOW_SUFFIXES = (".png", ".pdf")

runner = CliRunner()


def readme_commands(text: str) -> list[str]:
    """The ``bodymap`` lines of the fenced code blocks of a Markdown text, as written."""
    lines: list[str] = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command.startswith("bodymap "):
                lines.append(command)
    return lines


def arguments(command: str) -> list[str]:
    """The arguments of a README line, optional ``[...]`` parts left out."""
    out: list[str] = []
    depth = 0
    for token in shlex.split(command)[1:]:
        depth += token.count("[")
        if depth == 0:
            out.append(token)
        depth -= token.count("]")
    return out


def _param(command: str) -> object:
    name = arguments(command)[0]
    if name in NOT_RUN:
        return pytest.param(command, marks=pytest.mark.skip(reason=NOT_RUN[name]))
    if name in ("handout", "paper") or any(a.endswith(SLOW_SUFFIXES) for a in arguments(command)):
        return pytest.param(command, marks=pytest.mark.slow)
    return command


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every file the README's lines name."""
    folder = tmp_path_factory.mktemp("readme")
    _generator().write_cohort(folder, 60, files=8, more=12, codes=60)
    for name, source in {
        "drawing.json": "iliopsoas-left.json",
        "first-visit.json": "iliopsoas-left.json",
        "earlier.json": "iliopsoas-left.json",
        "follow-up.json": "iliopsoas-left-followup.json",
        "drawings/photo.json": "iliopsoas-right.json",
        **{f"visit{i}.json": f"low-back-right-visit{i}.json" for i in (1, 2, 3)},
        **{f"low-back-right-visit{i}.json": f"low-back-right-visit{i}.json" for i in (1, 2, 3)},
    }.items():
        shutil.copy(DRAWINGS / source, folder / name)
    (folder / "advies.md").write_text("Blijf in beweging.\n", encoding="utf-8")
    return folder
