"""Every ``bodymap ...`` line of the README's code blocks runs as written, and exits 0.

The lines are read from README.md itself (continuation lines joined, comments dropped,
optional ``[...]`` parts left out) and run through the command line in a temporary folder
that holds the files they name: the example cohort of ``examples/cohort/generate.py``
(``cohort.jsonl``, ``groups.csv``, ``drawings/``, ``more.jsonl``, ``maps.csv``) and the example
drawings of ``examples/drawings``.  The lines that draw figures (PNG, PDF) take seconds each
and are marked slow (``-m "not slow"`` leaves them out).  A line that needs a person (``draw``
opens a window) or a photograph (``scan``) is not run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohort_helpers import EXAMPLES
from readme_helpers import ROOT, _param, arguments, readme_commands, runner, workdir

from bodymap.cli import app

__all__ = ["workdir"]  # the fixture, used by the tests below

COMMANDS = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_cohort_lines() -> None:
    cohort = [c for c in COMMANDS if arguments(c)[0] == "cohort"]
    assert len(cohort) >= 5
    assert any("--by sex" in c for c in cohort) and any("--covariate age" in c for c in cohort)
    assert EXAMPLES.is_dir()


def test_arguments_leave_out_optional_parts() -> None:
    assert arguments("bodymap x a.jsonl [--test chi2|fisher] -o t.csv [--lang nl]") == [
        "x",
        "a.jsonl",
        "-o",
        "t.csv",
    ]


@pytest.mark.parametrize("command", [_param(c) for c in COMMANDS])
def test_readme_line_runs(command: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    res = runner.invoke(app, arguments(command))
    assert res.exit_code == 0, f"{command}\n{res.stderr}"
    assert "Traceback" not in res.stderr
