"""Text from files printed on a terminal: escape sequences are shown, never acted on.

A subject typed into a patient's browser, or a name in a user's pattern file, reaches the
clinician's terminal through ``compare``, ``rank`` and the listings.  Every control a
terminal would act on (ESC, BEL, C1 controls, bidirectional overrides) is printed as an
escape; the JSON output stays valid JSON with the text unchanged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "drawings" / "iliopsoas-left.json"
SHAPES = Path(__file__).resolve().parents[1] / "shapes"
#: Clear the screen, set the window title, ring the bell, a C1 CSI, a right-to-left override.
HOSTILE = "P-1\x1b[2J\x1b]0;pwned\x07\x9b31m\u202eevil"


def bodymap(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bodymap", *args], cwd=cwd, capture_output=True, timeout=120
    )


@pytest.fixture
def hostile_pattern(tmp_path: Path) -> Path:
    pattern = json.loads((SHAPES / "pattern-iliopsoas.json").read_text(encoding="utf-8"))
    pattern["bodymap"]["name"] = HOSTILE
    path = tmp_path / "p.json"
    path.write_text(json.dumps(pattern), encoding="utf-8")
    return path


@pytest.fixture
def hostile_drawing(tmp_path: Path) -> Path:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["bodymap"]["subject"] = HOSTILE
    path = tmp_path / "d.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def assert_shown_not_acted_on(out: bytes) -> None:
    text = out.decode("utf-8")
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in text, repr(char)
    assert "P-1\\x1b[2J\\x1b]0;pwned\\x07\\u009b31m\\u202eevil" in text


@pytest.mark.parametrize(
    "command", [["compare", "-p", "iliopsoas"], ["rank", "--top", "3"]], ids=["compare", "rank"]
)
def test_a_subject_with_escape_sequences_is_printed_escaped(hostile_drawing, command):
    run = bodymap(command[0], "d.json", *command[1:], cwd=hostile_drawing.parent)
    assert run.returncode == 0, run.stderr
    assert_shown_not_acted_on(run.stdout)


def test_a_pattern_name_with_escape_sequences_from_a_users_file_is_printed_escaped(
    hostile_pattern,
):
    doc = EXAMPLE.read_text(encoding="utf-8")
    (hostile_pattern.parent / "d.json").write_text(doc, encoding="utf-8")
    run = bodymap("rank", "d.json", "-p", "./p.json", cwd=hostile_pattern.parent)
    assert run.returncode == 0, run.stderr
    assert_shown_not_acted_on(run.stdout)


def test_json_output_keeps_a_hostile_name_exact_and_prints_no_control(
    hostile_drawing, hostile_pattern
):
    run = bodymap("rank", "d.json", "-p", "./p.json", "--json", cwd=hostile_drawing.parent)
    assert run.returncode == 0, run.stderr
    assert not {"\x1b", "\x07", "\x9b", "\u202e"} & set(run.stdout.decode("utf-8"))
    assert json.loads(run.stdout)["results"][0]["pattern"] == HOSTILE
